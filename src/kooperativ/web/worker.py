# SPDX-License-Identifier: EUPL-1.2
"""The web app for uvicorn's worker processes (``kooperativ serve --workers N``).

uvicorn starts each worker as a new process that imports the app by name, so the app is
built there by a factory, :func:`app_from_environment`, from what ``kooperativ serve`` put
in the environment before starting uvicorn:

- :data:`FOLDER_ENV`: the cooperative's folder (absolute);
- :data:`DATABASE_ENV`: the database URL, when one was given (else the cooperative's own:
  ``KOOPERATIV_DATABASE_URL``, ``[storage] url``, or the SQLite file in the folder);
- :data:`SMTP_ENV`: ``HOST[:PORT]`` of the SMTP relay, when one was given;
- :data:`SECURE_ENV`: ``1`` for ``Secure`` cookies, ``0`` for none.

Each worker opens the cooperative once (without migrating: the command did) and closes it
when uvicorn stops it. Sessions live in the store, so any worker serves any request.

>>> import os
>>> os.environ[FOLDER_ENV] = "/srv/coop"  # doctest: +SKIP
>>> app = app_from_environment()  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from uvicorn.protocols.http.h11_impl import H11Protocol

from kooperativ.web.app import SmtpMailer, create_app

__all__ = [
    "DATABASE_ENV",
    "FACTORY",
    "FOLDER_ENV",
    "SECURE_ENV",
    "SMTP_ENV",
    "NoDelayH11Protocol",
    "app_from_environment",
    "smtp_mailer",
]

#: The environment variable naming the cooperative's folder.
FOLDER_ENV = "KOOPERATIV_SERVE_COOP"
#: The environment variable naming the database URL (optional).
DATABASE_ENV = "KOOPERATIV_SERVE_DATABASE"
#: The environment variable naming the SMTP relay, ``HOST[:PORT]`` (optional).
SMTP_ENV = "KOOPERATIV_SERVE_SMTP"
#: The environment variable saying whether cookies are ``Secure`` (``1``, the default, or ``0``).
SECURE_ENV = "KOOPERATIV_SERVE_SECURE"
#: The import string uvicorn is given for the factory.
FACTORY = "kooperativ.web.worker:app_from_environment"


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, with Nagle's algorithm off on each connection.

    For several workers uvicorn binds the listening socket itself with protocol number 0,
    and asyncio switches Nagle's algorithm off (``TCP_NODELAY``) only on connections whose
    socket says ``IPPROTO_TCP``. A response goes out as two writes (the head, then the
    body), so with Nagle on the body waited for the client's delayed acknowledgement of
    the head: 40 ms more on every page (measured: 56 ms a page with four workers against
    12 ms with one, the same app). ``kooperativ serve --workers N`` serves with this.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def smtp_mailer(relay: str) -> SmtpMailer:
    """An :class:`SmtpMailer` for ``HOST`` or ``HOST:PORT`` (port 25 by default).

    >>> smtp_mailer("smtp.example.se:587")
    SmtpMailer(host='smtp.example.se', port=587, tls=False, user=None, password=None)
    """
    name, _sep, number = relay.partition(":")
    return SmtpMailer(name, int(number) if number.isdigit() else 25)


def app_from_environment() -> Starlette:
    """The web app on the cooperative the environment names (see the module docstring).

    The cooperative is opened now and closed when the app shuts down.

    Raises:
        ConfigError: The folder holds no cooperative.
        StorageError: The database cannot be reached.
    """
    from kooperativ.cooperative import Cooperative

    folder = Path(os.environ.get(FOLDER_ENV) or ".")
    coop = Cooperative.open(folder, os.environ.get(DATABASE_ENV) or None, upgrade=False)
    relay = os.environ.get(SMTP_ENV)
    app = create_app(
        coop,
        deliver=smtp_mailer(relay) if relay else None,
        secure=os.environ.get(SECURE_ENV, "1") != "0",
    )

    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        try:
            yield
        finally:
            coop.close()

    app.router.lifespan_context = lifespan
    return app

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

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette

from kooperativ.web.app import SmtpMailer, create_app

__all__ = [
    "DATABASE_ENV",
    "FACTORY",
    "FOLDER_ENV",
    "SECURE_ENV",
    "SMTP_ENV",
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

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ serve``: the members' web app on a cooperative, served by uvicorn.

The web app (Starlette, uvicorn) is imported only when the command runs, so that
``kooperativ --help`` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from kooperativ.cli._context import CliContext, shared_options

__all__ = ["register"]

#: The hosts served over plain HTTP on this machine: cookies without ``Secure`` there.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

HostOption = Annotated[
    str, typer.Option(help="The address to listen on (behind a reverse proxy: 127.0.0.1).")
]
PortOption = Annotated[int, typer.Option(help="The port to listen on.", min=1, max=65535)]
SmtpOption = Annotated[
    str | None,
    typer.Option(
        help="Send e-mail through this SMTP server (HOST or HOST:PORT); "
        "default: write it to the outbox folder.",
        show_default=False,
    ),
]
SecureOption = Annotated[
    bool | None,
    typer.Option(
        "--secure-cookies/--no-secure-cookies",
        help="Mark cookies Secure (HTTPS only); default: unless listening on this machine. "
        "Behind a reverse proxy with TLS, give --secure-cookies.",
        show_default=False,
    ),
]

WorkersOption = Annotated[
    int,
    typer.Option(
        help="Worker processes (each opens the cooperative; use PostgreSQL for several).",
        min=1,
    ),
]


def serve(
    cli: CliContext,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    smtp: SmtpOption = None,
    secure_cookies: SecureOption = None,
    workers: WorkersOption = 1,
) -> None:
    """Run the members' web app on the cooperative."""
    with cli.guard():
        coop = cli.open()
        done = coop.access.cleanup()
    import uvicorn

    from kooperativ.cli.access import cleaned
    from kooperativ.web import create_app
    from kooperativ.web.worker import smtp_mailer

    secure = host not in LOCAL_HOSTS if secure_cookies is None else secure_cookies
    _ = cli.texts("web")
    if done.sessions or done.links:
        cli.print(cleaned(cli, done.sessions, done.links))
    cli.print(
        _("Serving {name} on http://{host}:{port}/").format(
            name=coop.config.governing_body.name, host=host, port=port
        )
    )
    if workers > 1:
        coop.close()
        _environment(cli, smtp, secure)
        from kooperativ.web.worker import FACTORY, NoDelayH11Protocol

        uvicorn.run(
            FACTORY,
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level="warning",
            http=NoDelayH11Protocol,
        )
        return
    app = create_app(coop, deliver=smtp_mailer(smtp) if smtp is not None else None, secure=secure)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        coop.close()


def _environment(cli: CliContext, smtp: str | None, secure: bool) -> None:
    """Tell the worker processes what to open (they import the app by name)."""
    import os
    from pathlib import Path

    from kooperativ.web import worker

    os.environ[worker.FOLDER_ENV] = str((cli.folder or Path(".")).resolve())
    if cli.database:
        os.environ[worker.DATABASE_ENV] = cli.database
    else:
        os.environ.pop(worker.DATABASE_ENV, None)
    if smtp is not None:
        os.environ[worker.SMTP_ENV] = smtp
    else:
        os.environ.pop(worker.SMTP_ENV, None)
    os.environ[worker.SECURE_ENV] = "1" if secure else "0"


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(shared_options()(serve))

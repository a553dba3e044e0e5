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


def serve(
    cli: CliContext,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    smtp: SmtpOption = None,
    secure_cookies: SecureOption = None,
) -> None:
    """Run the members' web app on the cooperative."""
    with cli.guard():
        coop = cli.open()
    import uvicorn

    from kooperativ.web import SmtpMailer, create_app

    deliver = None
    if smtp is not None:
        name, _sep, number = smtp.partition(":")
        deliver = SmtpMailer(name, int(number) if number.isdigit() else 25)
    app = create_app(
        coop,
        deliver=deliver,
        secure=host not in LOCAL_HOSTS if secure_cookies is None else secure_cookies,
    )
    _ = cli.texts("web")
    cli.print(
        _("Serving {name} on http://{host}:{port}/").format(
            name=coop.config.governing_body.name, host=host, port=port
        )
    )
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        coop.close()


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(shared_options()(serve))

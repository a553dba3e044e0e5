# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ access cleanup``: delete the web app's ended sessions and spent links.

``kooperativ serve`` does the same when it starts; a server that runs for weeks can run
this from cron.
"""

from __future__ import annotations

import typer

from kooperativ.cli._context import CliContext, shared_options

__all__ = ["register"]

access_app = typer.Typer(help="Signing in to the web app.", no_args_is_help=True)


@access_app.command("cleanup")
@shared_options(json=True)
def cleanup(cli: CliContext) -> None:
    """Delete ended or expired sessions and used or expired sign-in links."""
    with cli.guard(), cli.open() as coop:
        done = coop.access.cleanup()
    if cli.as_json:
        cli.print_json({"sessions": done.sessions, "links": done.links})
        return
    cli.print(cleaned(cli, done.sessions, done.links))


def cleaned(cli: CliContext, sessions: int, links: int) -> str:
    """The line saying what was deleted, in the CLI's language."""
    first = cli.ngettext(
        "Deleted {count} ended session", "Deleted {count} ended sessions", sessions, "web_access"
    )
    second = cli.ngettext(
        "{count} spent sign-in link.", "{count} spent sign-in links.", links, "web_access"
    )
    return first.format(count=sessions) + "; " + second.format(count=links)


def register(app: typer.Typer) -> None:
    """Add ``access cleanup`` to ``app``."""
    app.add_typer(access_app, name="access")

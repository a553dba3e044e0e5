# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ db upgrade``: create or migrate the database schema.

Safe to run again, and from several processes at once: the migrations run once.
"""

from __future__ import annotations

import typer

from kooperativ.cli._context import CliContext, shared_options

__all__ = ["register"]

db_app = typer.Typer(help="The database.", no_args_is_help=True)


@db_app.command("upgrade")
@shared_options()
def upgrade(cli: CliContext) -> None:
    """Bring the database schema up to date (runs the migrations)."""
    with cli.guard(), cli.open(upgrade=False) as coop:
        coop.store.upgrade()
        url = coop.store.url
    _ = cli.texts("storage")
    cli.print(_("Database {url} is up to date.").format(url=url))


def register(app: typer.Typer) -> None:
    """Add ``db upgrade`` to ``app``."""
    app.add_typer(db_app, name="db")

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ db upgrade``: create or migrate the database schema.

Safe to run again, and from several processes at once: the migrations run once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kooperativ.cli._common import console, guard

__all__ = ["register"]

CoopOption = Annotated[
    Path,
    typer.Option(
        "--coop",
        "-C",
        envvar="KOOPERATIV_HOME",
        help="The cooperative's folder (default: the current folder).",
        file_okay=False,
    ),
]
DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        envvar="KOOPERATIV_DATABASE_URL",
        help="Database URL (default: sqlite:///FOLDER/kooperativ.db).",
    ),
]

db_app = typer.Typer(help="The database.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(coop_dir: CoopOption = Path("."), database: DatabaseOption = None) -> None:
    """Bring the database schema up to date (runs the migrations)."""
    from kooperativ.cooperative import Cooperative
    from kooperativ.i18n import translator

    with guard():
        coop = Cooperative.open(coop_dir, database, upgrade=False)
        with coop:
            coop.store.upgrade()
            _ = translator(coop.config.language, "storage")
            console.print(_("Database {url} is up to date.").format(url=coop.store.url))


def register(app: typer.Typer) -> None:
    """Add ``db upgrade`` to ``app``."""
    app.add_typer(db_app, name="db")

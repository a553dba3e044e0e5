# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ audit …`` and ``kooperativ db …``, and the names older command modules use.

The register commands moved to one module per noun (:mod:`~kooperativ.cli.member`,
:mod:`~kooperativ.cli.client`, :mod:`~kooperativ.cli.assignment`,
:mod:`~kooperativ.cli.payroll`, :mod:`~kooperativ.cli.init`, :mod:`~kooperativ.cli.demo`,
:mod:`~kooperativ.cli.check`); the audit and database commands are moving to
``cli/audit.py`` and ``cli/db.py``. Until the salary, employment and governance modules
use :func:`~kooperativ.cli._context.shared_options`, they import the option types and
helpers below from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kooperativ.cli._common import table
from kooperativ.cli._context import (
    AsOption,
    CliContext,
    CoopOption,
    DatabaseOption,
    JsonOption,
    PersonalOption,
    shared_options,
)

if TYPE_CHECKING:
    from rich.table import Table

    from kooperativ.cooperative import Cooperative
    from kooperativ.security import Actor

__all__ = [
    "AsOption",
    "CoopOption",
    "DatabaseOption",
    "JsonOption",
    "PersonalOption",
    "register",
]

audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
db_app = typer.Typer(help="The database.", no_args_is_help=True)


def _open(folder: Path, database: str | None) -> Cooperative:
    """Open the cooperative (for modules not yet on :class:`CliContext`)."""
    from kooperativ.cooperative import Cooperative

    return Cooperative.open(folder, database)


def _actor(coop: Cooperative, as_member: int | None) -> Actor:
    """The administrator or member ``as_member`` (for modules not yet on CliContext)."""
    from kooperativ.security import Actor

    return Actor.admin() if as_member is None else coop.actor_for_member(as_member)


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> Table:
    """A rich table (for modules not yet on CliContext)."""
    return table(title, columns, rows)


def __getattr__(name: str) -> Any:
    if name == "load_demo":  # moved to the library: kooperativ.demo.load_demo
        from kooperativ.demo import load_demo

        return load_demo
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@audit_app.command("verify")
@shared_options(json=True)
def audit_verify(cli: CliContext) -> None:
    """Verify the hash chain of the audit trail and the records behind it."""
    with cli.guard(), cli.open() as coop:
        from kooperativ.security import Actor

        problems = coop.audit.verify()
        count = len(coop.audit.events(Actor.admin()))
    if cli.as_json:
        cli.print_json({"events": count, "intact": not problems, "problems": problems})
    elif problems:
        for problem in problems:
            cli.print(f"[red]✗[/] {problem}")
    else:
        events = cli.ngettext("{n} event", "{n} events", count).format(n=count)
        cli.print(cli._("Audit trail intact: {events} verified.").format(events=events))
    if problems:
        raise typer.Exit(code=1)


@audit_app.command("list")
@shared_options(actor=True, json=True)
def audit_list(cli: CliContext) -> None:
    """List the audit events."""
    with cli.guard(), cli.open() as coop:
        events = coop.audit.events(cli.actor(coop))
    if cli.as_json:
        cli.print_json([e.model_dump(mode="json") for e in events])
        return
    cli.print(
        table(
            cli._("Audit trail"),
            ["#", cli._("Time"), cli._("Actor"), cli._("Action"), cli._("Record"), "hash"],
            [
                (
                    e.seq,
                    e.at.strftime("%Y-%m-%d %H:%M"),
                    e.actor,
                    e.action,
                    f"{cli.texts('problems')(e.entity)} {e.entity_id[:8]}",
                    e.hash[:8],
                )
                for e in events
            ],
            compact=True,
        )
    )


@db_app.command("upgrade")
@shared_options()
def db_upgrade(cli: CliContext) -> None:
    """Bring the database schema up to date (runs the migrations)."""
    with cli.guard(), cli.open() as coop:
        url = coop.store.url
    cli.print(cli._("Database {url} is up to date.").format(url=url))


def register(app: typer.Typer) -> None:
    """Add ``audit`` and ``db`` to ``app``."""
    app.add_typer(audit_app, name="audit")
    app.add_typer(db_app, name="db")

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ db upgrade|copy``: the database schema, and moving to another database.

``upgrade`` is safe to run again, and from several processes at once: the migrations run
once. ``copy --to URL`` copies the cooperative's database into an empty one
(:func:`kooperativ.storage.copy.copy_database`) and prints what it verified.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kooperativ.cli._context import CliContext, shared_options

if TYPE_CHECKING:
    from kooperativ.storage.copy import CopyResult

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


#: What each record kind and each other table is, in the ``cli`` catalog, in print order.
TABLE_LABELS = {
    "member": "Members",
    "client": "Clients",
    "assignment": "Assignments",
    "contract": "Employment contracts",
    "hours": "Hours reports",
    "meeting": "Meetings",
    "membership_fee": "Membership fees",
    "invoice": "Invoices",
    "voucher": "Vouchers",
    "closed_period": "Closed periods",
    "expense": "Expenses",
    "salary_request": "Salary requests",
    "payroll_run": "Payroll runs",
    "payslip": "Payslips",
    "travel_claim": "Travel claims",
    "payment": "Payments",
    "project": "Projects",
    "grant": "Grants",
    "absence": "Absences",
    "credential": "Passwords",
    "login_token": "Sign-in links",
    "web_session": "Web sessions",
    "contract_assignments": "Contracts' assignments",
    "invoice_assignments": "Invoices' assignments",
    "payment_invoices": "Payments' invoices",
    "project_owners": "Projects' owners",
    "voucher_lines": "Voucher lines",
    "ballots": "Ballots",
    "audit_events": "Audit events",
}


@db_app.command("copy")
@shared_options(actor=True, json=True)
def copy_to(
    cli: CliContext,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="URL of an empty database or schema to copy into, e.g. "
            "postgresql+psycopg://user@host:5432/dbname.",
        ),
    ],
) -> None:
    """Copy the cooperative's database into an empty one, then verify the copy.

    Every table in one transaction: ids, numbers and the audit trail as they are.
    Then each table's rows are counted in both and the audit trail is verified in
    the copy. Stop the web app and other writers first. Exit 1 if a check fails.
    """
    with cli.guard():
        from kooperativ.errors import InputError
        from kooperativ.storage.copy import copy_database
        from kooperativ.storage.sql import SqlStore

        with cli.open() as coop:
            # The copy holds every member's data: only those who may manage may make one.
            cli.actor(coop).require_manager("copy the database")
            if not isinstance(coop.store, SqlStore):
                raise InputError(
                    "database", "{url} is not an SQL database: nothing to copy from",
                    url=coop.store.url,
                )  # fmt: skip
            result = copy_database(coop.store, to, key=coop.audit.key)
    if cli.as_json:
        cli.print_json(result.as_dict())
    else:
        _summary(cli, result)
    if not result.ok:
        raise typer.Exit(1)


def _summary(cli: CliContext, result: CopyResult) -> None:
    """Rows per table in two pairs of columns, then the checks: fits 80 columns."""
    from rich.markup import escape

    from kooperativ.cli._common import table

    counts = {**result.kinds, **result.tables}
    cells = [(cli._(TABLE_LABELS.get(name, name)), str(counts[name])) for name in TABLE_LABELS]
    cells += [(name, str(count)) for name, count in counts.items() if name not in TABLE_LABELS]
    half = (len(cells) + 1) // 2
    rows = [
        (*cells[i], *(cells[i + half] if i + half < len(cells) else ("", ""))) for i in range(half)
    ]
    what, count = cli._("What"), cli._("Rows")
    cli.print(
        table(
            cli._("Copied into {url}").format(url=escape(result.target)),
            [what, count, what, count],
            rows,
            right=(1, 3),
            compact=True,
        )
    )
    for name, (before, after) in result.mismatches.items():
        label = cli._(TABLE_LABELS.get(name, name))
        cli.print(
            "[red]✗[/] "
            + cli._(
                "{table}: {source} rows in the cooperative's database, {target} in the copy"
            ).format(table=label, source=before, target=after)
        )
    if not result.mismatches:
        cli.print(
            cli._("Every table has as many rows in the copy as in the cooperative's database.")
        )
    audit = result.audit
    if audit is not None and audit.ok:
        events = cli.ngettext("{n} event", "{n} events", audit.events).format(n=audit.events)
        cli.print(cli._("Audit trail intact in the copy: {events} verified.").format(events=events))
    elif audit is not None:
        for problem in audit.problems:
            cli.print(f"[red]✗[/] {escape(cli.finding_line(problem, where=True))}")
    if result.ok:
        cli.print(
            cli._("Use it: give --database {url} or set KOOPERATIV_DATABASE_URL.").format(
                url=escape(result.target)
            )
        )


def register(app: typer.Typer) -> None:
    """Add ``db upgrade`` and ``db copy`` to ``app``."""
    app.add_typer(db_app, name="db")

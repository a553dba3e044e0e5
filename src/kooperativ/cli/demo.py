# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ demo``: the Interim kultur demo cooperative, built and shown.

The building is :mod:`kooperativ.demo` (a program gets the same cooperative); this module
only prints what :func:`kooperativ.demo.report` gathers, in tables that fit 80 columns.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kooperativ.cli._common import table
from kooperativ.cli._context import CliContext, shared_options
from kooperativ.cli._views import role_words

if TYPE_CHECKING:
    from kooperativ.cooperative import Cooperative
    from kooperativ.demo import DemoReport

__all__ = ["register"]

#: The salary items of the overview, in payslip order, with their labels.
SALARY_ITEMS = (
    ("fee", "Fee"),
    ("gross_salary", "Gross"),
    ("holiday_pay", "Holiday pay"),
    ("employer_contributions", "Contributions"),
    ("preliminary_tax", "Tax"),
    ("payout", "Payout"),
)


@shared_options(coop=False)
def demo(
    cli: CliContext,
    folder: Annotated[
        Path, typer.Option("--dir", help="Folder to create the demo cooperative in.")
    ] = Path("kooperativ-demo"),
) -> None:
    """Create the Interim kultur demo cooperative on SQLite and show what it holds."""
    with cli.guard():
        from kooperativ import demo as library
        from kooperativ.security import Actor

        with library.create(folder) as coop:
            cli.adopt_language(coop.config.language)  # the new folder's, unless chosen
            actor = Actor.admin()
            members = coop.members.list(actor)
            clients = coop.clients.list(actor)
            report = library.report(coop, date.today())
            _show(cli, coop, folder, report, len(members), len(clients))


def _show(
    cli: CliContext,
    coop: Cooperative,
    folder: Path,
    report: DemoReport,
    members: int,
    clients: int,
) -> None:
    from kooperativ.security import Actor

    admin = Actor.admin()
    cli.print(
        cli._("Demo cooperative {name} created in {folder}.").format(
            name=coop.config.employer.name, folder=folder
        )
    )
    cli.print(
        table(
            cli._("Members"),
            ["#", cli._("Name"), cli._("Identity number"), cli._("Roles")],
            [
                (
                    m.number,
                    m.name,
                    coop.mask_person_id(m.person_id),
                    role_words(cli, (r.value for r in m.roles)),
                )
                for m in coop.members.list(admin)
            ],
        )
    )
    views = coop.assignments.views(admin, [a for a, _ in report.salaries])
    cli.print(
        table(
            cli._("Assignments"),
            ["#", cli._("Member"), cli._("Client"), cli._("Amount excl. VAT")],
            [
                (v.number, v.member_name, v.client_name, cli.amount(v.amount_excl_vat))
                for v in views
            ],
            right=(3,),
        )
    )
    _salaries(cli, report)
    _roll(cli, report)
    cli.print(
        cli._("{members}, {clients}, {assignments} registered.").format(
            members=cli.ngettext("{n} member", "{n} members", members).format(n=members),
            clients=cli.ngettext("{n} client", "{n} clients", clients).format(n=clients),
            assignments=cli.ngettext("{n} assignment", "{n} assignments", len(views)).format(
                n=len(views)
            ),
        )
    )
    for problem in report.problems:
        cli.print(f"  {cli.finding_line(problem, where=True)}")
    if report.audit_problems:
        for line in report.audit_problems:
            cli.print(f"[red]✗[/] {line}")
    else:
        events = cli.ngettext("{n} event", "{n} events", report.events).format(n=report.events)
        cli.print(cli._("Audit trail intact: {events} verified.").format(events=events))
    cli.print(cli._("Try: kooperativ member list --coop {folder}").format(folder=folder))


def _salaries(cli: CliContext, report: DemoReport) -> None:
    """One column per assignment, one row per item: fits 80 columns for the demo's five."""
    from rich import box
    from rich.table import Table

    overview = Table(
        title=cli._("Salary per assignment (paid on the first pay day after it ends)"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    overview.add_column(cli._("Assignment"))
    for assignment, _ in report.salaries:
        overview.add_column(str(assignment.number), justify="right", no_wrap=True)
    overview.add_row(
        cli._("Invoiced"), *(cli.amount(a.amount_excl_vat) for a, _ in report.salaries)
    )
    for field, label in SALARY_ITEMS:
        cells = [cli.amount(getattr(salary, field)) for _, salary in report.salaries]
        name = cli._(label)
        overview.add_row(f"[bold]{name}[/bold]" if field == "payout" else name, *cells)
    cli.print(overview)


def _roll(cli: CliContext, report: DemoReport) -> None:
    """The röstlängd: who votes today, and why not."""
    governance = cli.texts("governance")
    cli.print(
        table(
            cli._("Voting roll on {day}").format(day=report.roll.on.isoformat()),
            ["#", cli._("Name"), cli._("Vote")],
            [
                (
                    e.number,
                    e.name,
                    cli._("yes") if e.votes else "; ".join(r.text(governance) for r in e.reasons),
                )
                for e in report.roll.entries
            ],
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``demo`` to ``app``."""
    app.command("demo")(demo)

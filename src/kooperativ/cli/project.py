# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ project …``: projects, their grants, budget moved to members, the report.

``project add`` creates a project (``--owner 1 --owner 2``, budget by kind, rules
``--rule 1:50000``); ``project grant add`` records a grant (no VAT: a grant is not
invoiced); ``project grant receive`` books money received on it; ``project move`` moves
salary budget to a member's account; ``project report`` prints the financial report
(*ekonomisk redovisning*) from the ledger.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kooperativ.cli._common import parse_date, table
from kooperativ.cli._context import CliContext, shared_options
from kooperativ.cli._views import record_table

if TYPE_CHECKING:
    from kooperativ.accounts.models import Voucher

__all__ = ["register"]

project_app = typer.Typer(help="Projects and the grants that fund them.", no_args_is_help=True)
grant_app = typer.Typer(help="Grants of a project (no VAT, not invoiced).", no_args_is_help=True)

ProjectArg = Annotated[int, typer.Argument(help="The project's number.", show_default=False)]
DateOption = Annotated[
    str, typer.Option("--date", help="The day (YYYY-MM-DD).", show_default=False)
]
AmountOption = Annotated[str, typer.Option(help="The amount in kronor.", show_default=False)]


def _required_date(value: str, field: str) -> Any:
    return parse_date(value, field)


def _rules(values: list[str]) -> list[dict[str, str]]:
    from kooperativ.errors import InputError

    found = []
    for value in values:
        member, sep, limit = value.partition(":")
        if not sep or not member.strip().isdigit():
            raise InputError(
                "rule", "write a rule as MEMBER:LIMIT (1:50000), not {value!r}", value=value
            )
        found.append({"member": member.strip(), "limit": limit.strip()})
    return found


def _voucher_line(cli: CliContext, voucher: Voucher) -> str:
    return cli.texts("projects")("Voucher {voucher} booked.").format(voucher=voucher.label)


@project_app.command("add")
@shared_options(actor=True, json=True)
def project_add(
    cli: CliContext,
    name: Annotated[str, typer.Option(help="The project's name.", show_default=False)],
    owner: Annotated[
        list[int],
        typer.Option(help="An owner's member number (repeat for more).", show_default=False),
    ],
    start: Annotated[str, typer.Option(help="The first day (YYYY-MM-DD).", show_default=False)],
    end: Annotated[str, typer.Option(help="The last day (YYYY-MM-DD).", show_default=False)],
    salaries: Annotated[str, typer.Option(help="Budget for salaries with contributions.")] = "0",
    expenses: Annotated[str, typer.Option(help="Budget for expenses.")] = "0",
    other: Annotated[str, typer.Option(help="Budget for other costs.")] = "0",
    rule: Annotated[
        list[str] | None,
        typer.Option(
            help="Who may receive salary budget: MEMBER:LIMIT (repeat).", show_default=False
        ),
    ] = None,
    active: Annotated[bool, typer.Option(help="Start it as active (default: planned).")] = False,
) -> None:
    """Create a project (board, treasurer or administrator)."""
    with cli.guard():
        first = _required_date(start, "start")
        last = _required_date(end, "end")
        rules = _rules(rule or [])
        with cli.open() as coop:
            project = coop.projects.create(
                cli.actor(coop),
                name=name,
                owners=owner,
                start=first,
                end=last,
                budget={"salaries": salaries, "expenses": expenses, "other": other},
                rules=rules,
                status="active" if active else "planned",
            )
    if cli.as_json:
        cli.print_json(project.model_dump(mode="json"))
    else:
        cli.print(cli.texts("projects")("Project {number} created.").format(number=project.number))


@project_app.command("list")
@shared_options(actor=True, json=True)
def project_list(
    cli: CliContext,
    status: Annotated[str | None, typer.Option(help="planned, active or closed.")] = None,
) -> None:
    """List projects (a member sees only the projects they own)."""
    _ = cli.texts("projects")
    with cli.guard(), cli.open() as coop:
        projects = coop.projects.list(cli.actor(coop), status=status)
    if cli.as_json:
        cli.print_json([p.model_dump(mode="json") for p in projects])
        return
    rows = [
        (
            p.number,
            p.name,
            f"{p.start:%Y-%m-%d}–{p.end:%Y-%m-%d}",
            _(p.status.value),
            cli.amount(p.budget.total),
        )
        for p in projects
    ]
    cli.print(
        table(
            _("Projects"),
            [_("No."), _("Name"), _("Period"), _("Status"), _("Budget")],
            rows,
            right=(4,),
            compact=True,
        )
    )


@project_app.command("show")
@shared_options(actor=True, json=True)
def project_show(cli: CliContext, project: ProjectArg) -> None:
    """Show a project with its budget and grants."""
    _ = cli.texts("projects")
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        found = coop.projects.get(actor, project)
        grants = coop.projects.grants(actor, project)
        owners = (
            [coop.members.get(actor, m).number for m in found.owner_ids]
            if actor.can_read_all
            else []
        )
    if cli.as_json:
        cli.print_json(
            {**found.model_dump(mode="json"), "grants": [g.model_dump(mode="json") for g in grants]}
        )
        return
    cli.print(
        record_table(
            f"{_('Project')} {found.number}",
            [
                (_("Name"), found.name),
                (_("Period"), f"{found.start:%Y-%m-%d}–{found.end:%Y-%m-%d}"),
                (_("Status"), _(found.status.value)),
                (_("Owners"), ", ".join(str(n) for n in owners)),
                (_("Salaries"), cli.amount(found.budget.salaries)),
                (_("Expenses"), cli.amount(found.budget.expenses)),
                (_("Other"), cli.amount(found.budget.other)),
            ],
        )
    )
    rows = [
        (g.number, g.grantor, g.decision, cli.amount(g.amount), cli.amount(g.received))
        for g in grants
    ]
    cli.print(
        table(
            _("Grants"),
            [_("No."), _("Grantor"), _("Decision"), _("Granted"), _("Received")],
            rows,
            right=(3, 4),
            compact=True,
        )
    )


@project_app.command("close")
@shared_options(actor=True, json=True)
def project_close(cli: CliContext, project: ProjectArg) -> None:
    """Close a project: nothing more is received or moved."""
    with cli.guard(), cli.open() as coop:
        closed = coop.projects.close(cli.actor(coop), project)
    if cli.as_json:
        cli.print_json(closed.model_dump(mode="json"))
    else:
        cli.print(cli.texts("projects")("Project {number} closed.").format(number=closed.number))


@grant_app.command("add")
@shared_options(actor=True, json=True)
def grant_add(
    cli: CliContext,
    project: ProjectArg,
    grantor: Annotated[str, typer.Option(help="Who grants it.", show_default=False)],
    decision: Annotated[str, typer.Option(help="The decision's reference.", show_default=False)],
    decided: Annotated[
        str, typer.Option(help="The decision's date (YYYY-MM-DD).", show_default=False)
    ],
    amount: AmountOption,
    start: Annotated[str, typer.Option(help="The first day (YYYY-MM-DD).", show_default=False)],
    end: Annotated[str, typer.Option(help="The last day (YYYY-MM-DD).", show_default=False)],
    orgnr: Annotated[str | None, typer.Option(help="The grantor's organisation number.")] = None,
    conditions: Annotated[str | None, typer.Option(help="What the decision asks for.")] = None,
    report_due: Annotated[
        str | None, typer.Option(help="The report's deadline (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Record a grant decided for a project (board, treasurer or administrator)."""
    with cli.guard():
        fields = {
            "decided_on": _required_date(decided, "decided"),
            "start": _required_date(start, "start"),
            "end": _required_date(end, "end"),
            "report_due": parse_date(report_due, "report_due"),
        }
        with cli.open() as coop:
            grant = coop.projects.add_grant(
                cli.actor(coop),
                project,
                grantor=grantor,
                decision=decision,
                amount=amount,
                grantor_orgnr=orgnr,
                conditions=conditions,
                **fields,
            )
    if cli.as_json:
        cli.print_json(grant.model_dump(mode="json"))
    else:
        cli.print(cli.texts("projects")("Grant {number} recorded.").format(number=grant.number))


@grant_app.command("receive")
@shared_options(actor=True, json=True)
def grant_receive(
    cli: CliContext,
    grant: Annotated[int, typer.Argument(help="The grant's number.", show_default=False)],
    amount: AmountOption,
    on: DateOption,
) -> None:
    """Register and book money received on a grant (treasurer or administrator)."""
    with cli.guard():
        day = _required_date(on, "date")
        with cli.open() as coop:
            voucher = coop.projects.receive(cli.actor(coop), grant, amount, on=day)
    if cli.as_json:
        cli.print_json(voucher.model_dump(mode="json"))
    else:
        cli.print(_voucher_line(cli, voucher))


@project_app.command("move")
@shared_options(actor=True, json=True)
def project_move(
    cli: CliContext,
    project: ProjectArg,
    member: Annotated[int, typer.Option(help="The receiving member's number.", show_default=False)],
    amount: AmountOption,
    on: DateOption,
) -> None:
    """Move salary budget from a project to a member's account (owners and officers)."""
    with cli.guard():
        day = _required_date(on, "date")
        with cli.open() as coop:
            voucher = coop.projects.move_to_member(cli.actor(coop), project, member, amount, on=day)
    if cli.as_json:
        cli.print_json(voucher.model_dump(mode="json"))
    else:
        cli.print(_voucher_line(cli, voucher))


@project_app.command("report")
@shared_options(actor=True, json=True)
def project_report(
    cli: CliContext,
    project: ProjectArg,
    grant: Annotated[int | None, typer.Option(help="Report on this grant.")] = None,
    period: Annotated[str | None, typer.Option(help="A month (2026-05) or a year (2026).")] = None,
    pdf: Annotated[
        Path | None, typer.Option(help="Write the report as PDF to this file.", dir_okay=False)
    ] = None,
) -> None:
    """The financial report of a project or grant, from the ledger."""
    _ = cli.texts("projects")
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        report = coop.projects.report(actor, project, period, grant=grant)
        if pdf is not None:
            data = coop.projects.report_pdf(actor, project, period, grant=grant, lang=cli.language)
            pdf.write_bytes(data)
    if pdf is not None:
        cli.print(_("Report written to {path}.").format(path=pdf))
        return
    if cli.as_json:
        cli.print_json(report.as_dict())
        return
    title = f"{_('Financial report')}: {report.project.name}"
    if report.grant is not None:
        title += f", {report.grant.grantor} {report.grant.decision}"
    rows: list[tuple[object, ...]] = [
        (_("Granted"), cli.amount(report.granted)),
        (_("Grants received"), cli.amount(report.grants_received)),
        (_("Other income"), cli.amount(report.other_income)),
        (_("Income"), cli.amount(report.income)),
        (_("Salaries with contributions"), cli.amount(report.salaries)),
        (_("Expenses"), cli.amount(report.expenses)),
        (_("Other costs"), cli.amount(report.other_costs)),
        (_("Costs"), cli.amount(report.costs)),
        (_("Remaining funds"), cli.amount(report.remaining)),
    ]
    if report.since and report.until:
        title += f" ({report.since:%Y-%m-%d}–{report.until:%Y-%m-%d})"
    cli.print(table(title, [_("Item"), _("Amount")], rows, right=(1,), compact=True))


project_app.add_typer(grant_app, name="grant")


def register(app: typer.Typer) -> None:
    """Add ``project`` (with ``project grant``) to ``app``."""
    app.add_typer(project_app, name="project")

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ assignment …``: assignments (*uppdrag*) brought by members.

``add``, ``list``, ``show`` (with the member's and client's names) and the status
changes ``start``, ``complete`` and ``cancel`` (planned → active → completed, or
cancelled).
"""

from __future__ import annotations

from typing import Annotated

import typer

from kooperativ.cli._common import parse_decimal, required_date, table
from kooperativ.cli._context import CliContext, shared_options
from kooperativ.cli._views import record_table, status_word

__all__ = ["register"]

assignment_app = typer.Typer(help="Assignments brought by members.", no_args_is_help=True)

AssignmentArg = Annotated[int, typer.Argument(help="Assignment number.", show_default=False)]


@assignment_app.command("add")
@shared_options(actor=True, json=True)
def assignment_add(
    cli: CliContext,
    member: Annotated[int, typer.Option(help="Member number.", show_default=False)],
    client: Annotated[int, typer.Option(help="Client number.", show_default=False)],
    description: Annotated[str, typer.Option(help="What the work is.", show_default=False)],
    start: Annotated[str, typer.Option(help="First day (YYYY-MM-DD).", show_default=False)],
    end: Annotated[str, typer.Option(help="Last day (YYYY-MM-DD).", show_default=False)],
    amount: Annotated[str | None, typer.Option(help="Agreed amount excl. VAT.")] = None,
    hourly_rate: Annotated[str | None, typer.Option(help="Hourly rate excl. VAT.")] = None,
    hours: Annotated[str | None, typer.Option(help="Hours (with --hourly-rate).")] = None,
    vat: Annotated[
        str, typer.Option(help="VAT category: standard, reduced, culture or exempt.")
    ] = "standard",
    status: Annotated[
        str, typer.Option(help="planned (agreed, not started) or active (default).")
    ] = "active",
) -> None:
    """Register an assignment."""
    with cli.guard():
        start_day = required_date(start, "start")
        end_day = required_date(end, "end")
        with cli.open() as coop:
            actor = cli.actor(coop)
            added = coop.assignments.add(
                actor,
                member=member,
                client=client,
                description=description,
                start=start_day,
                end=end_day,
                agreed_amount=parse_decimal(amount, "agreed_amount", allow_negative=True),
                hourly_rate=parse_decimal(hourly_rate, "hourly_rate", allow_negative=True),
                hours=parse_decimal(hours, "hours", allow_negative=True),
                vat_category=vat,
                status=status,
            )
            view = coop.assignments.view(actor, added.number)
    if cli.as_json:
        cli.print_json(view.model_dump(mode="json"))
    else:
        cli.print(
            cli._("Assignment {number}: {description} ({amount} excl. VAT).").format(
                number=view.number,
                description=view.description,
                amount=cli.money(view.amount_excl_vat, view.currency),
            )
        )


@assignment_app.command("list")
@shared_options(actor=True, json=True)
def assignment_list(
    cli: CliContext,
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
    status: Annotated[
        str | None, typer.Option(help="Only those in this status (planned, active …).")
    ] = None,
) -> None:
    """List assignments."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        views = coop.assignments.views(actor, coop.assignments.list(actor, member, status))
    if cli.as_json:
        cli.print_json([v.model_dump(mode="json") for v in views])
        return
    cli.print(
        table(
            cli._("Assignments"),
            ["#", cli._("Member"), cli._("Client"), cli._("Status"), cli._("Amount excl. VAT")],
            [
                (
                    v.number,
                    v.member_name,
                    v.client_name,
                    status_word(cli, v.status),
                    cli.amount(v.amount_excl_vat),
                )
                for v in views
            ],
            right=(4,),
        )
    )


@assignment_app.command("show")
@shared_options(actor=True, json=True)
def assignment_show(cli: CliContext, assignment: AssignmentArg) -> None:
    """Show one assignment with its member's and client's names."""
    with cli.guard(), cli.open() as coop:
        view = coop.assignments.view(cli.actor(coop), assignment)
    if cli.as_json:
        cli.print_json(view.model_dump(mode="json"))
        return
    rows: list[tuple[str, object]] = [
        (cli._("Description"), view.description),
        (cli._("Status"), status_word(cli, view.status)),
        (cli._("Member"), f"{view.member_name} ({view.member_number})"),
        (cli._("Client"), f"{view.client_name} ({view.client_number})"),
        (cli._("Period"), f"{view.start} – {view.end}"),
    ]
    if view.agreed_amount is not None:
        rows.append((cli._("Agreed amount"), cli.money(view.agreed_amount, view.currency)))
    else:
        rows.append((cli._("Hourly rate"), cli.money(view.hourly_rate, view.currency)))
        rows.append((cli._("Hours"), cli.amount(view.hours)))
    rows.append((cli._("Amount excl. VAT"), cli.money(view.amount_excl_vat, view.currency)))
    rows.append((cli._("VAT category"), view.vat_category))
    cli.print(record_table(f"{cli._('Assignment')} {view.number}", rows))


def _set_status(cli: CliContext, assignment: int, status: str) -> None:
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        coop.assignments.set_status(actor, assignment, status)
        view = coop.assignments.view(actor, assignment)
    if cli.as_json:
        cli.print_json(view.model_dump(mode="json"))
    else:
        cli.print(
            cli._("Assignment {number} is {status}.").format(
                number=view.number, status=status_word(cli, view.status)
            )
        )


@assignment_app.command("start")
@shared_options(actor=True, json=True)
def assignment_start(cli: CliContext, assignment: AssignmentArg) -> None:
    """Mark a planned assignment active: the work has begun."""
    _set_status(cli, assignment, "active")


@assignment_app.command("complete")
@shared_options(actor=True, json=True)
def assignment_complete(cli: CliContext, assignment: AssignmentArg) -> None:
    """Mark an active assignment completed."""
    _set_status(cli, assignment, "completed")


@assignment_app.command("cancel")
@shared_options(actor=True, json=True)
def assignment_cancel(cli: CliContext, assignment: AssignmentArg) -> None:
    """Cancel a planned or active assignment."""
    _set_status(cli, assignment, "cancelled")


def register(app: typer.Typer) -> None:
    """Add ``assignment`` to ``app``."""
    app.add_typer(assignment_app, name="assignment")

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ absence …``: absence (sick leave, parental and other unpaid leave).

``absence report MEMBER --kind sick --from 2026-05-04 --to 2026-05-06`` reports an
absence (a member their own, an officer anyone's); sick leave only on days of employment.
``confirm`` confirms one (an officer, never their own); ``list`` shows them (a member sees
only their own); ``sick-pay`` shows the sick pay of a member's confirmed sick days in a
pay period, with how it was found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kooperativ.cli._common import parse_date, parse_decimal, required_date, table
from kooperativ.cli._context import CliContext, shared_options

if TYPE_CHECKING:
    from kooperativ.absence import Absence

__all__ = ["register"]

absence_app = typer.Typer(
    help="Absence: sick leave, parental and other unpaid leave.", no_args_is_help=True
)

NumberArg = Annotated[str, typer.Argument(help="The number.", show_default=False)]
MemberArg = Annotated[str, typer.Argument(help="The member's number.", show_default=False)]


def _kind(cli: CliContext, kind: str) -> str:
    return cli.texts("absence")(kind)


def _line(cli: CliContext, absence: Absence) -> str:
    _ = cli.texts("absence")
    state = _("confirmed") if absence.confirmed else _("not confirmed")
    return _("Absence {number}: {kind} {first} – {last} ({days} days), {state}.").format(
        number=absence.number,
        kind=_kind(cli, absence.kind.value),
        first=absence.first_day.isoformat(),
        last=absence.last_day.isoformat(),
        days=absence.days,
        state=state,
    )


@absence_app.command("report")
@shared_options(actor=True, json=True)
def absence_report(
    cli: CliContext,
    member: MemberArg,
    kind: Annotated[
        str,
        typer.Option(
            help="sick, parental_leave, temporary_parental_leave or unpaid_leave.",
            show_default=False,
        ),
    ],
    first: Annotated[
        str, typer.Option("--from", help="The first day away (YYYY-MM-DD).", show_default=False)
    ],
    last: Annotated[
        str | None,
        typer.Option(
            "--to", help="The last day away (the first day if left out).", show_default=False
        ),
    ] = None,
    work_day: Annotated[
        list[str] | None,
        typer.Option(
            "--work-day",
            help="A day of the sick leave that would have been worked (repeat; weekdays if none).",
            show_default=False,
        ),
    ] = None,
    certificate: Annotated[
        bool, typer.Option("--certificate", help="A doctor's certificate was shown.")
    ] = False,
    note: Annotated[
        str | None, typer.Option(help="A note (never a diagnosis).", show_default=False)
    ] = None,
) -> None:
    """Report an absence (a member their own; an officer anyone's)."""
    with cli.guard():
        first_day = required_date(first, "from")
        last_day = parse_date(last, "to")
        days = [required_date(day, "work-day") for day in work_day or []]
        with cli.open() as coop:
            absence = coop.absence.report(
                cli.actor(coop),
                member=member,
                kind=kind,
                first_day=first_day,
                last_day=last_day,
                work_days=days,
                certificate=certificate,
                note=note,
            )
    if cli.as_json:
        cli.print_json(absence.model_dump(mode="json"))
    else:
        cli.print(_line(cli, absence))


@absence_app.command("confirm")
@shared_options(actor=True, json=True)
def absence_confirm(
    cli: CliContext,
    number: NumberArg,
    certificate: Annotated[
        bool, typer.Option("--certificate", help="A doctor's certificate was shown.")
    ] = False,
) -> None:
    """Confirm an absence (an officer; not your own)."""
    with cli.guard(), cli.open() as coop:
        absence = coop.absence.confirm(cli.actor(coop), number, certificate=certificate or None)
    if cli.as_json:
        cli.print_json(absence.model_dump(mode="json"))
    else:
        cli.print(_line(cli, absence))


@absence_app.command("list")
@shared_options(actor=True, json=True)
def absence_list(
    cli: CliContext,
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
    first: Annotated[
        str | None, typer.Option("--from", help="Only those with a day from this day on.")
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", help="Only those with a day up to this day.")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="Only those of this kind.")] = None,
) -> None:
    """List absences (a member sees only their own)."""
    with cli.guard():
        from_, to = parse_date(first, "from"), parse_date(last, "to")
        with cli.open() as coop:
            actor = cli.actor(coop)
            found = coop.absence.list(actor, member=member, from_=from_, to=to, kind=kind)
            numbers = {m.id: m.number for m in coop.members.list(actor)}
    if cli.as_json:
        cli.print_json([a.model_dump(mode="json") for a in found])
        return
    _ = cli.texts("absence")
    cli.print(
        table(
            _("Absences"),
            [_("No."), _("Member"), _("Kind"), _("From"), _("To"), _("Days"), _("Confirmed")],
            [
                (
                    a.number,
                    numbers.get(a.member_id, ""),
                    _kind(cli, a.kind.value),
                    a.first_day.isoformat(),
                    a.last_day.isoformat(),
                    a.days,
                    _("yes") if a.confirmed else _("no"),
                )
                for a in found
            ],
            right=(5,),
            compact=True,
        )
    )


@absence_app.command("sick-pay")
@shared_options(actor=True, json=True)
def absence_sick_pay(
    cli: CliContext,
    member: MemberArg,
    period: Annotated[str, typer.Option(help="The pay period (YYYY-MM).", show_default=False)],
    daily_pay: Annotated[
        str | None,
        typer.Option(
            help="The pay lost on one scheduled working day (default: the assignment's "
            "agreed pay per weekday).",
            show_default=False,
        ),
    ] = None,
    weekly_pay: Annotated[
        str | None,
        typer.Option(help="The average week's pay.", show_default=False),
    ] = None,
) -> None:
    """Show the sick pay of a member's confirmed sick days in a pay period, and how."""
    with cli.guard():
        daily = parse_decimal(daily_pay, "daily-pay")
        weekly = parse_decimal(weekly_pay, "weekly-pay")
        with cli.open() as coop:
            result = coop.absence.sick_pay(
                cli.actor(coop),
                member=member,
                period=period,
                daily_pay=daily,
                weekly_pay=weekly,
                language=cli.language,
            )
    if cli.as_json:
        cli.print_json(
            {
                "lines": [line.model_dump(mode="json") for line in result.lines],
                "days": result.days,
                "lost_pay": str(result.lost_pay),
                "trace": [line.as_dict(cli.language) for line in result.trace],
            }
        )
        return
    _ = cli.texts("absence")
    cli.print(
        table(
            _("Sick pay {period}").format(period=period),
            [_("Line"), _("Days"), _("Amount")],
            [(line.text, line.quantity, cli.amount(line.amount)) for line in result.lines],
            right=(1, 2),
            compact=True,
        )
    )
    cli.print(
        _("{days} sick days paid; --json shows how each amount was found.").format(days=result.days)
    )


def register(app: typer.Typer) -> None:
    """Add ``absence`` to ``app``."""
    app.add_typer(absence_app, name="absence")

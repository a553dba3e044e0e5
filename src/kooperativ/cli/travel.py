# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ travel …``: members' travel claims (*reseräkningar*).

``travel claim MEMBER --destination Umeå --departure 2026-03-02T08:00 --return
2026-03-04T17:00 --km-from-home 640 --nights 2 --lodging-paid --meal
2026-03-03:breakfast,lunch --per-diem 900 --km 1280 --mileage-paid 3840`` hands in a
claim: the country's rules split what is paid into a tax-free and a taxable part.
``approve`` (never by the member who travelled) and ``reject`` decide it, ``list`` and
``show`` show it (a member sees only their own). The payroll run pays approved claims.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kooperativ.cli._common import parse_date, parse_decimal, table
from kooperativ.cli._context import CliContext, shared_options

if TYPE_CHECKING:
    from uuid import UUID

    from kooperativ.cooperative import Cooperative
    from kooperativ.security import Actor
    from kooperativ.travel.claims import TravelClaim

__all__ = ["register"]

travel_app = typer.Typer(
    help="Travel claims: per diem and mileage, paid with the salary.", no_args_is_help=True
)

NumberArg = Annotated[str, typer.Argument(help="The number.", show_default=False)]
MemberArg = Annotated[str, typer.Argument(help="The member's number.", show_default=False)]
_MEALS = ("breakfast", "lunch", "dinner")


def _numbers(coop: Cooperative, actor: Actor) -> dict[UUID, int]:
    """Member id → number, of the members the actor sees."""
    return {m.id: m.number for m in coop.members.list(actor)}


def _moment(value: str | None, field: str) -> datetime | None:
    from kooperativ.errors import InputError

    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            field, "{value!r} is not a date and time (YYYY-MM-DDTHH:MM)", value=value
        ) from None


def _meal(value: str) -> dict[str, Any]:
    """``2026-03-03:breakfast,lunch`` as the fields of a day's free meals."""
    from kooperativ.errors import InputError

    day, _, names = value.partition(":")
    found = parse_date(day, "meal")
    chosen = {name.strip().lower() for name in names.split(",") if name.strip()}
    unknown = chosen - set(_MEALS)
    if found is None or not chosen or unknown:
        raise InputError(
            "meal",
            "{value!r}: write the day and the free meals, e.g. 2026-03-03:breakfast,lunch",
            value=value,
        )
    return {"day": found, **{name: name in chosen for name in _MEALS}}


def _status(cli: CliContext, value: str) -> str:
    """A claim's status in the command's language (a word of its own: *godkänd*)."""
    translate = getattr(cli.texts("travel"), "pgettext", None)
    return str(translate("travel claim status", value)) if translate else value


def _line(cli: CliContext, claim: TravelClaim) -> str:
    _ = cli.texts("travel")
    text = _(
        "Travel claim {number}: {paid}, of which tax-free {free} and taxable {taxed}, {status}."
    )
    return text.format(
        number=claim.number,
        paid=cli.money(claim.paid),
        free=cli.money(claim.tax_free),
        taxed=cli.money(claim.taxable),
        status=_status(cli, claim.status.value),
    )  # fmt: skip


def _details(cli: CliContext, claim: TravelClaim, member: int | str) -> object:
    _ = cli.texts("travel")
    rows: list[tuple[str, str]] = [
        (_("Member"), str(member)),
        (_("Date"), claim.date.isoformat()),
        (_("Destination"), claim.destination),
        (_("Status"), _status(cli, claim.status.value)),
    ]
    if claim.trip is not None:
        rows.append(
            (
                _("Trip"),
                f"{claim.trip.departure:%Y-%m-%d %H:%M} – {claim.trip.returned:%Y-%m-%d %H:%M}",
            )
        )
        rows += [
            (_("Per diem paid"), cli.amount(claim.per_diem_paid)),
            (_("Per diem, tax-free"), cli.amount(claim.per_diem_tax_free)),
            (_("Per diem, taxable"), cli.amount(claim.per_diem_taxable)),
        ]
    if claim.mileage is not None:
        rows += [
            (_("Kilometres"), cli.amount(claim.mileage.km, 1)),
            (_("Mileage paid"), cli.amount(claim.mileage_paid)),
            (_("Mileage, tax-free"), cli.amount(claim.mileage_tax_free)),
            (_("Mileage, taxable"), cli.amount(claim.mileage_taxable)),
        ]
    rows += [
        (_("Tax-free"), cli.amount(claim.tax_free)),
        (_("Taxable pay"), cli.amount(claim.taxable)),
        (_("AGI boxes"), ", ".join(sorted({box.code for box in claim.reporting}))),
    ]
    if claim.paid_on is not None:
        rows.append((_("Paid on"), f"{claim.paid_on.isoformat()} ({claim.paid_by})"))
    if claim.reason:
        rows.append((_("Reason"), claim.reason))
    title = _("Travel claim {number}").format(number=claim.number)
    return table(title, ["", ""], rows)


@travel_app.command("claim")
@shared_options(actor=True, json=True)
def travel_claim(
    cli: CliContext,
    member: MemberArg,
    destination: Annotated[str, typer.Option(help="Where the trip went.", show_default=False)],
    departure: Annotated[
        str | None,
        typer.Option(help="When the member left (YYYY-MM-DDTHH:MM).", show_default=False),
    ] = None,
    returned: Annotated[
        str | None,
        typer.Option(
            "--return", help="When the member was back (YYYY-MM-DDTHH:MM).", show_default=False
        ),
    ] = None,
    km_from_home: Annotated[
        str | None,
        typer.Option(help="The destination's distance from home, in km.", show_default=False),
    ] = None,
    km_from_workplace: Annotated[
        str | None,
        typer.Option(
            help="Its distance from the usual workplace, in km (default: as from home).",
            show_default=False,
        ),
    ] = None,
    nights: Annotated[int, typer.Option(help="Nights away from home.")] = 0,
    lodging_paid: Annotated[
        bool, typer.Option("--lodging-paid", help="The cooperative paid the lodging.")
    ] = False,
    meal: Annotated[
        list[str] | None,
        typer.Option(
            help="Free meals of a day, e.g. 2026-03-03:breakfast,lunch (repeat per day).",
            show_default=False,
        ),
    ] = None,
    days_before: Annotated[
        int, typer.Option(help="Days already spent at the same place on earlier trips.")
    ] = 0,
    per_diem: Annotated[
        str | None,
        typer.Option(help="The per diem paid (default: the tax-free maximum).", show_default=False),
    ] = None,
    km: Annotated[
        str | None, typer.Option(help="Kilometres driven, for a mileage allowance.")
    ] = None,
    vehicle: Annotated[
        str, typer.Option(help="own_car, benefit_car or benefit_car_electric.")
    ] = "own_car",
    mileage_paid: Annotated[
        str | None,
        typer.Option(
            help="The mileage allowance paid (default: the tax-free maximum).",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(help="The day driven, for mileage without a trip.", show_default=False),
    ] = None,
    purpose: Annotated[str, typer.Option(help="What the trip was for.")] = "",
    assignment: Annotated[
        int | None, typer.Option(help="The assignment it was for.", show_default=False)
    ] = None,
) -> None:
    """Hand in a travel claim (a member their own; an officer anyone's)."""
    with cli.guard():
        trip: dict[str, Any] | None = None
        start, end = _moment(departure, "departure"), _moment(returned, "return")
        if start is not None or end is not None or km_from_home is not None:
            from kooperativ.errors import InputError

            if start is None or end is None or km_from_home is None:
                raise InputError(
                    "departure",
                    "a per diem needs --departure, --return and --km-from-home",
                )
            trip = {
                "departure": start,
                "returned": end,
                "km_from_home": km_from_home,
                "km_from_workplace": km_from_workplace or km_from_home,
                "nights": nights,
                "lodging_paid": lodging_paid,
                "meals": [_meal(value) for value in meal or ()],
                "days_at_place_before": days_before,
            }
        mileage = None if km is None else {"distance": km, "vehicle": vehicle}
        day: date | None = parse_date(on, "on")
        paid = parse_decimal(per_diem, "per_diem", allow_negative=True)
        driven = parse_decimal(mileage_paid, "mileage_paid", allow_negative=True)
        with cli.open() as coop:
            claim = coop.travel.claim(
                cli.actor(coop),
                member=member,
                destination=destination,
                trip=trip,
                per_diem=paid,
                mileage=mileage,
                mileage_paid=driven,
                on=day,
                purpose=purpose,
                assignment=assignment,
            )
    if cli.as_json:
        cli.print_json(claim.model_dump(mode="json"))
    else:
        cli.print(_line(cli, claim))


@travel_app.command("approve")
@shared_options(actor=True, json=True)
def travel_approve(cli: CliContext, number: NumberArg) -> None:
    """Approve a travel claim: it is paid with the next salary (not your own)."""
    with cli.guard(), cli.open() as coop:
        claim = coop.travel.approve(cli.actor(coop), number)
    if cli.as_json:
        cli.print_json(claim.model_dump(mode="json"))
    else:
        cli.print(_line(cli, claim))


@travel_app.command("reject")
@shared_options(actor=True, json=True)
def travel_reject(
    cli: CliContext,
    number: NumberArg,
    reason: Annotated[str, typer.Option(help="Why it is rejected.", show_default=False)] = "",
) -> None:
    """Reject a travel claim, saying why (not your own)."""
    with cli.guard(), cli.open() as coop:
        claim = coop.travel.reject(cli.actor(coop), number, reason)
    if cli.as_json:
        cli.print_json(claim.model_dump(mode="json"))
    else:
        cli.print(_line(cli, claim))


@travel_app.command("show")
@shared_options(actor=True, json=True)
def travel_show(cli: CliContext, number: NumberArg) -> None:
    """Show a travel claim with its tax-free and taxable parts."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        claim = coop.travel.get(actor, number)
        numbers = _numbers(coop, actor)
    if cli.as_json:
        cli.print_json(claim.model_dump(mode="json"))
    else:
        cli.print(_details(cli, claim, numbers.get(claim.member_id, "")))


@travel_app.command("list")
@shared_options(actor=True, json=True)
def travel_list(
    cli: CliContext,
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
    status: Annotated[str | None, typer.Option(help="Only those in this status.")] = None,
) -> None:
    """List travel claims (a member sees only their own)."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        found = coop.travel.list(actor, member=member, status=status)
        numbers = _numbers(coop, actor)
    if cli.as_json:
        cli.print_json([c.model_dump(mode="json") for c in found])
        return
    _ = cli.texts("travel")
    cli.print(
        table(
            _("Travel claims"),
            [_("No."), _("Date"), _("Member"), _("Destination"), _("Tax-free"), _("Taxable"),
             _("Status")],
            [
                (
                    c.number,
                    c.date.isoformat(),
                    numbers.get(c.member_id, ""),
                    c.destination,
                    cli.amount(c.tax_free),
                    cli.amount(c.taxable),
                    _status(cli, c.status.value),
                )
                for c in found
            ],
            right=(4, 5),
            compact=True,
        )
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``travel`` to ``app``."""
    app.add_typer(travel_app, name="travel")

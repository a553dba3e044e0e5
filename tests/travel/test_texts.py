# SPDX-License-Identifier: EUPL-1.2
"""Every explanation line of a travel allowance reads in Swedish and in English."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from babel.messages.pofile import read_po

import kooperativ
from kooperativ.payroll.trace import RULE_CONTEXT, VALUE_CONTEXT, TraceLine, localise
from kooperativ.rules.country import get_country
from kooperativ.travel import DistanceUnit, Meals, MileageClaim, Trip, VehicleKind

RULES = get_country("SE").travel_rules()
LOCALES = Path(kooperativ.__file__).parent / "i18n" / "locales"
FIRST = date(2026, 3, 2)


def catalog(lang: str) -> dict[tuple[str | None, str], str]:
    with (LOCALES / lang / "LC_MESSAGES" / "travel.po").open("rb") as handle:
        return {(m.context, str(m.id)): str(m.string) for m in read_po(handle) if m.id}


def every_line() -> Iterator[TraceLine]:
    """The lines of trips and claims of every shape Sweden's rules distinguish."""
    for hours, nights, km, lodging, meals, before in itertools.product(
        ((7, 21), (13, 18)), (0, 2), (("120", "120"), ("10", "120"), ("120", "10")),
        (False, True), itertools.product((False, True), repeat=3), (0, 100, 800),
    ):  # fmt: skip
        trip = Trip.create(
            departure=datetime.combine(FIRST, time(hours[0])),
            returned=datetime.combine(FIRST + timedelta(days=2), time(hours[1])),
            km_from_home=km[0], km_from_workplace=km[1], nights=nights,
            lodging_paid=lodging, days_at_place_before=before,
            meals=[Meals(day=FIRST + timedelta(days=1), breakfast=meals[0], lunch=meals[1],
                         dinner=meals[2])],
        )  # fmt: skip
        yield from RULES.per_diem(trip, Decimal("700")).all_lines()
    for vehicle, unit in itertools.product(VehicleKind, DistanceUnit):
        claim = MileageClaim.create(distance="312", unit=unit, vehicle=vehicle)
        yield from RULES.mileage(claim, Decimal("1000"), FIRST).trace


def test_every_rule_reference_and_value_name_is_in_the_catalogs() -> None:
    from kooperativ.payroll.trace import _SENTENCE, _skeleton

    swedish, english = catalog("sv"), catalog("en")
    assert set(swedish) == set(english)
    missing: set[str] = set()
    for line in every_line():
        if (RULE_CONTEXT, line.rule) not in swedish:
            missing.add(f"rule {line.rule}")
        for name in line.parameters:
            if "." not in name and (VALUE_CONTEXT, name) not in swedish:
                missing.add(f"value {name}")
        for part in line.reference.split("; "):
            if (None, part) not in swedish and not part.startswith(("SKV A", "RÅ ")):
                missing.add(f"reference {part}")
        for sentence in _SENTENCE.split(line.formula):
            if (None, _skeleton(sentence)[0]) not in swedish:
                missing.add(f"formula {_skeleton(sentence)[0]}")
    assert not missing, sorted(missing)


def test_the_three_day_tour_in_swedish() -> None:
    trip = Trip.create(
        departure=datetime(2026, 3, 2, 8, 0), returned=datetime(2026, 3, 4, 17, 0),
        km_from_home="120", km_from_workplace="115", nights=2, lodging_paid=True,
        meals=[Meals(day=date(2026, 3, 4), breakfast=True)],
    )  # fmt: skip
    result = RULES.per_diem(trip, Decimal("800"))
    last = localise(result.days[2].trace, "sv")
    assert last[0].rule == "halvdag"
    assert last[0].formula == (
        "Maximibelopp: 0,5 % av prisbasbeloppet 59\xa0200 = 296, avrundat till närmaste "
        "10 kr: 300,00. Hemkomst vid eller före tidsgränsen: halvdag, 50 % av 300,00 = 150,00."
    )
    assert last[0].parameters["hemkomst"] == "17:00"
    assert last[1].formula == "Fri frukost: 20 % av 150,00 = 30, avrundat till 30,00."
    assert last[1].reference == "SKV A 2025:5 (reducering för fri kost)"
    total = localise(result.trace, "sv")
    assert total[-1].formula == (
        "Utbetalt 800,00 − skattefritt 720,00 = 80,00: skattepliktig lön, med arbetsgivaravgifter."
    )
    english = localise(result.trace, "en")
    assert english[-1].formula == (
        "Paid 800.00 − tax-free 720.00 = 80.00: taxable pay, with employer contributions."
    )

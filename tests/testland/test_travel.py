# SPDX-License-Identifier: EUPL-1.2
"""Testland's travel rules, reached through the registry like any country's."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from kooperativ.rules.country import get_country
from kooperativ.rules.travel import TravelRules
from kooperativ.travel import Meals, MileageClaim, Trip, VehicleKind


def test_flat_per_diem_less_meals() -> None:
    rules = get_country("XT").travel_rules()
    assert isinstance(rules, TravelRules)
    trip = Trip.create(
        departure=datetime(2026, 5, 4, 18, 0), returned=datetime(2026, 5, 6, 9, 0),
        km_from_home="31", km_from_workplace="2", nights=2,
        meals=[Meals(day=date(2026, 5, 5), breakfast=True)],
    )  # fmt: skip
    # Three days at 40, less one meal at 10: 110; paid 150, 40 is pay. No half days, and
    # the workplace's distance does not matter in Testland.
    result = rules.per_diem(trip, Decimal("150"))
    assert [day.tax_free for day in result.days] == [40, 30, 40]
    assert (result.tax_free, result.taxable) == (Decimal("110.00"), Decimal("40.00"))
    assert [(box.code, box.value) for box in result.reporting] == [
        ("T1", True),
        ("T9", Decimal("40.00")),
    ]
    near = rules.per_diem(trip.evolve(km_from_home=Decimal(30)), Decimal("150"))
    assert near.tax_free == 0 and near.taxable == 150


def test_one_rate_per_km_for_every_car() -> None:
    rules = get_country("XT").travel_rules()
    for vehicle in VehicleKind:
        claim = MileageClaim.create(distance="312", vehicle=vehicle)
        assert rules.mileage(claim, Decimal("100"), date(2026, 5, 6)).maximum == Decimal("93.60")

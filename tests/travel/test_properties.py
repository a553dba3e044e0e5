# SPDX-License-Identifier: EUPL-1.2
"""Properties of Sweden's travel allowances, for any trip and any amount paid."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kooperativ.money import ORE
from kooperativ.rules.country import get_country
from kooperativ.travel import Meals, MileageClaim, Trip, VehicleKind

RULES = get_country("SE").travel_rules()
RATES = {VehicleKind.OWN_CAR: Decimal(25), VehicleKind.BENEFIT_CAR: Decimal(12),
         VehicleKind.BENEFIT_CAR_ELECTRIC: Decimal("9.50")}  # fmt: skip

amounts = st.integers(min_value=0, max_value=10_000_000).map(lambda ore: Decimal(ore) / 100)
km = st.integers(min_value=0, max_value=200_000).map(lambda tenths: Decimal(tenths) / 10)
meal_flags = st.tuples(st.booleans(), st.booleans(), st.booleans())


@st.composite
def trips(draw: st.DrawFn) -> Trip:
    first = draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 1)))
    length = draw(st.integers(min_value=0, max_value=min(25, (date(2026, 12, 31) - first).days)))
    last = first + timedelta(days=length)
    leave = draw(st.times(max_value=time(23, 0)))
    back = draw(st.times(min_value=time(0, 0) if length else time(23, 30)))
    meals = [
        Meals(day=first + timedelta(days=i), breakfast=b, lunch=lu, dinner=d)
        for i, (b, lu, d) in enumerate(draw(st.lists(meal_flags, max_size=length + 1)))
    ]
    return Trip.create(
        departure=datetime.combine(first, leave),
        returned=datetime.combine(last, back),
        km_from_home=draw(km),
        km_from_workplace=draw(km),
        lodging_paid=draw(st.booleans()),
        nights=draw(st.integers(min_value=0, max_value=length)),
        meals=meals,
        days_at_place_before=draw(st.integers(min_value=0, max_value=1000)),
    )


@settings(max_examples=200, deadline=None)
@given(trips(), amounts)
def test_tax_free_and_taxable_add_up_to_what_was_paid(trip: Trip, paid: Decimal) -> None:
    result = RULES.per_diem(trip, paid)
    assert result.tax_free + result.taxable == paid
    assert 0 <= result.tax_free <= min(paid, result.maximum)
    assert result.maximum == sum(day.tax_free for day in result.days) + result.night_allowance
    for day in result.days:
        # Never more than a whole day of the year, never negative, in whole kronor.
        assert 0 <= day.tax_free <= day.maximum <= RULES.maximum(day.day)  # type: ignore[attr-defined]
        assert day.tax_free == day.tax_free.to_integral_value()
    assert result.night_allowance <= 150 * trip.nights
    if trip.nights == 0 or min(trip.km_from_home, trip.km_from_workplace) <= 50:
        assert result.maximum == 0 and result.taxable == paid


@settings(max_examples=200, deadline=None)
@given(trips(), st.data())
def test_one_more_free_meal_never_means_more_tax_free(trip: Trip, data: st.DataObject) -> None:
    days = list(trip.days())
    day = data.draw(st.sampled_from(days))
    meal = data.draw(st.sampled_from(("breakfast", "lunch", "dinner")))
    more = trip.meals_on(day).model_copy(update={meal: True})
    others = tuple(item for item in trip.meals if item.day != day)
    richer = trip.evolve(meals=(*others, more))
    assert RULES.per_diem(richer, Decimal(0)).maximum <= RULES.per_diem(trip, Decimal(0)).maximum


@settings(max_examples=100, deadline=None)
@given(trips(), st.integers(min_value=1, max_value=400))
def test_a_longer_stay_at_the_place_never_means_more(trip: Trip, extra: int) -> None:
    longer = trip.evolve(days_at_place_before=trip.days_at_place_before + extra)
    assert RULES.per_diem(longer, Decimal(0)).maximum <= RULES.per_diem(trip, Decimal(0)).maximum


@settings(max_examples=200, deadline=None)
@given(km, st.sampled_from(list(VehicleKind)), amounts,
       st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)))  # fmt: skip
def test_mileage_is_the_rate_per_mil(
    distance: Decimal, vehicle: VehicleKind, paid: Decimal, on: date
) -> None:
    result = RULES.mileage(MileageClaim.create(distance=distance, vehicle=vehicle), paid, on)
    expected = (distance / 10 * RATES[vehicle]).quantize(ORE, ROUND_HALF_UP)
    assert result.maximum == expected
    assert result.tax_free == min(paid, expected)
    assert result.tax_free + result.taxable == paid

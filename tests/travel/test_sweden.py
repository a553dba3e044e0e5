# SPDX-License-Identifier: EUPL-1.2
"""Sweden's traktamente and milersättning against hand-worked cases from the reference
(``reference/invoicing-and-payroll-2026.md`` §3 and §4)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest

from kooperativ.errors import InputError, KooperativError
from kooperativ.rules.country import get_country
from kooperativ.rules.parameters import ParameterSet
from kooperativ.rules.travel import TravelRules
from kooperativ.travel import (
    DistanceUnit,
    Meals,
    MileageClaim,
    ReportBox,
    TravelAllowance,
    Trip,
    VehicleKind,
)

RULES = get_country("SE").travel_rules()
MARCH = date(2026, 3, 2)


def trip(
    first: date = MARCH,
    days: int = 3,
    leave: tuple[int, int] = (8, 0),
    back: tuple[int, int] = (17, 0),
    **fields: Any,
) -> Trip:
    """A trip of ``days`` calendar days from ``first``, 120 km away, one night per night."""
    base: dict[str, Any] = {
        "departure": datetime.combine(first, time(*leave)),
        "returned": datetime.combine(first + timedelta(days=days - 1), time(*back)),
        "km_from_home": "120",
        "km_from_workplace": "115",
        "nights": days - 1,
        "lodging_paid": True,
    }
    base.update(fields)
    return Trip.create(**base)


def per_diem(paid: str = "0", **fields: Any) -> TravelAllowance:
    return RULES.per_diem(trip(**fields), Decimal(paid))


def box(boxes: tuple[ReportBox, ...], code: str) -> bool | Decimal:
    found = [item.value for item in boxes if item.code == code]
    assert len(found) == 1, code
    return found[0]


def test_sweden_provides_travel_rules() -> None:
    assert isinstance(RULES, TravelRules)


# -- the maximum: 0.5 % of the prisbasbelopp, to the nearest 10 kr ------------------------


def test_maximum_2025_and_2026_from_the_prisbasbelopp() -> None:
    # 0.5 % × 58 800 = 294 → 290; 0.5 % × 59 200 = 296 → 300 (reference §3.1).
    assert RULES.maximum(date(2025, 12, 31)) == Decimal("290")  # type: ignore[attr-defined]
    assert RULES.maximum(date(2026, 1, 1)) == Decimal("300")  # type: ignore[attr-defined]


def test_the_day_before_and_the_day_the_maximum_changes() -> None:
    # 30 Dec 2025 08:00 – 2 Jan 2026 20:00, three nights, lodging not paid: the days and
    # nights of 2025 at 290 / 145, those of 2026 at 300 / 150.
    result = per_diem("2000", first=date(2025, 12, 30), days=4, back=(20, 0), lodging_paid=False)
    assert [day.tax_free for day in result.days] == [290, 290, 300, 300]
    assert result.night_allowance == 145 + 150 + 150
    assert result.maximum == Decimal("1625.00")
    assert result.tax_free == Decimal("1625.00")
    assert result.taxable == Decimal("375.00")


def test_a_half_day_in_2025() -> None:
    result = per_diem(first=date(2025, 6, 2), days=2, leave=(13, 0), back=(19, 0))
    assert [(day.kind, day.tax_free) for day in result.days] == [("half", 145), ("half", 145)]


# -- whole and half days ---------------------------------------------------------------------


def test_three_day_tour_with_breakfast_provided() -> None:
    """Departure 08:00 (whole day 300), a day between (300), return 17:00 (half day 150);
    breakfast at the hotel on days 2 and 3 takes 20 %: 60 and 30. Paid 700: 660 tax-free,
    40 taxable pay."""
    meals = [Meals(day=MARCH + timedelta(days=1), breakfast=True),
             Meals(day=MARCH + timedelta(days=2), breakfast=True)]  # fmt: skip
    result = per_diem("700", meals=meals)
    assert [day.kind for day in result.days] == ["whole", "whole", "half"]
    assert [day.maximum for day in result.days] == [300, 300, 150]
    assert [day.reduction for day in result.days] == [0, 60, 30]
    assert [day.tax_free for day in result.days] == [300, 240, 120]
    assert result.night_allowance == 0  # lodging paid
    assert result.maximum == Decimal("660.00")
    assert (result.tax_free, result.taxable) == (Decimal("660.00"), Decimal("40.00"))
    assert box(result.reporting, "051") is True
    assert box(result.reporting, "011") == Decimal("40.00")


def test_night_allowance_when_lodging_is_not_paid() -> None:
    result = per_diem("1200", lodging_paid=False)
    assert result.night_allowance == 2 * 150
    assert result.maximum == 300 + 300 + 150 + 300
    assert (result.tax_free, result.taxable) == (Decimal("1050.00"), Decimal("150.00"))
    paid_less = per_diem("500", lodging_paid=False)
    assert (paid_less.tax_free, paid_less.taxable) == (Decimal("500.00"), Decimal("0.00"))


@pytest.mark.parametrize(
    ("leave", "back", "kinds"),
    [
        ((11, 59), (19, 1), ["whole", "whole"]),
        ((12, 0), (19, 1), ["half", "whole"]),
        ((11, 59), (19, 0), ["whole", "half"]),
        ((12, 0), (19, 0), ["half", "half"]),
    ],
)
def test_departure_before_noon_and_return_after_seven(
    leave: tuple[int, int], back: tuple[int, int], kinds: list[str]
) -> None:
    result = per_diem(days=2, leave=leave, back=back)
    assert [day.kind for day in result.days] == kinds
    assert [day.maximum for day in result.days] == [300 if k == "whole" else 150 for k in kinds]


# -- conditions: an overnight stay, more than 50 km --------------------------------------------


@pytest.mark.parametrize(
    ("home", "work"), [("45", "120"), ("120", "45"), ("50", "120"), ("120", "50"), ("0", "0")]
)
def test_not_more_than_50_km_nothing_is_tax_free(home: str, work: str) -> None:
    result = per_diem("500", km_from_home=home, km_from_workplace=work)
    assert not result.qualifies
    assert [day.kind for day in result.days] == ["none"] * 3
    assert result.maximum == 0
    assert (result.tax_free, result.taxable) == (Decimal("0.00"), Decimal("500.00"))
    assert box(result.reporting, "051") is False
    assert box(result.reporting, "011") == Decimal("500.00")


def test_just_over_50_km_qualifies() -> None:
    assert per_diem(km_from_home="50.1", km_from_workplace="50.1").maximum == 750


def test_no_overnight_stay_nothing_is_tax_free() -> None:
    one_day = per_diem("200", days=1, leave=(6, 0), back=(23, 0))
    assert not one_day.qualifies and one_day.tax_free == 0 and one_day.taxable == 200
    home_every_night = per_diem("400", nights=0, lodging_paid=False)
    assert not home_every_night.qualifies
    assert home_every_night.night_allowance == 0
    assert home_every_night.taxable == Decimal("400.00")


# -- long trips: 70 % after three months, 50 % after two years ---------------------------------


def test_after_three_months_210() -> None:
    result = per_diem(days_at_place_before=100, back=(20, 0))
    assert [day.kind for day in result.days] == ["whole-70"] * 3
    assert [day.tax_free for day in result.days] == [210, 210, 210]


def test_half_days_after_three_months_are_not_tax_free() -> None:
    # RÅ 2006 ref. 59 (FAR): no tax-free half day after three months at the place.
    result = per_diem(days_at_place_before=100, back=(17, 0))
    assert [day.tax_free for day in result.days] == [210, 210, 0]


def test_after_two_years_150() -> None:
    result = per_diem(days_at_place_before=800, back=(20, 0))
    assert [day.tax_free for day in result.days] == [150, 150, 150]
    assert result.days[0].kind == "whole-50"


def test_the_day_three_months_are_over() -> None:
    # First day at the place 1 Jan 2026 (88 days before 30 Mar): 1 Apr is the first day
    # after three months.
    result = per_diem(first=date(2026, 3, 30), days=4, back=(20, 0), days_at_place_before=88)
    assert [day.tax_free for day in result.days] == [300, 300, 210, 210]
    assert "Day 91 at the same place" in result.days[2].trace[0].formula


# -- free meals: the reduction table (reference §3.2) ------------------------------------------

MEAL_ROWS = [
    (Meals(day=MARCH, breakfast=True, lunch=True, dinner=True), (270, 189, 135)),
    (Meals(day=MARCH, lunch=True, dinner=True), (210, 147, 105)),
    (Meals(day=MARCH, breakfast=True, lunch=True), (165, 116, 83)),
    (Meals(day=MARCH, breakfast=True, dinner=True), (165, 116, 83)),
    (Meals(day=MARCH, lunch=True), (105, 74, 53)),
    (Meals(day=MARCH, dinner=True), (105, 74, 53)),
    (Meals(day=MARCH, breakfast=True), (60, 42, 30)),
]


@pytest.mark.parametrize(("meals", "reductions"), MEAL_ROWS)
def test_meal_reduction_table(meals: Meals, reductions: tuple[int, int, int]) -> None:
    for before, reduction, maximum in zip((0, 100, 800), reductions, (300, 210, 150), strict=True):
        # A two-day trip leaving at 08:00 and back at 20:00: the first day is whole.
        day = per_diem(days=2, back=(20, 0), days_at_place_before=before, meals=[meals]).days[0]
        assert day.maximum == maximum
        assert day.reduction == reduction, (meals, before)
        assert day.tax_free == maximum - reduction


def test_meal_reduction_of_a_half_day_is_of_the_half_day() -> None:
    day = per_diem(days=2, leave=(13, 0), meals=[Meals(day=MARCH, breakfast=True)]).days[0]
    assert (day.maximum, day.reduction, day.tax_free) == (150, 30, 120)


def test_meal_reduction_2025_rounds_half_up() -> None:
    # 2025, after three months: 70 % of 290 = 203; 55 % of 203 = 111.65 → 112.
    meals = [Meals(day=date(2025, 5, 5), breakfast=True, lunch=True)]
    day = per_diem(first=date(2025, 5, 5), days=2, back=(20, 0),
                   days_at_place_before=100, meals=meals).days[0]  # fmt: skip
    assert (day.maximum, day.reduction, day.tax_free) == (203, 112, 91)


# -- mileage -----------------------------------------------------------------------------------


def test_mileage_312_km_at_25_kr_per_mil() -> None:
    claim = MileageClaim.create(distance="312")
    result = RULES.mileage(claim, Decimal("780"), date(2026, 3, 4))
    assert result.rate == 25
    assert (result.maximum, result.tax_free, result.taxable) == (780, 780, 0)
    assert box(result.reporting, "050") is True
    assert box(result.reporting, "011") == 0
    assert result.trace[0].formula == "312 km = 31.2 mil × 25 kr per mil = 780.00."


def test_mileage_paid_above_the_schablon_is_taxable() -> None:
    result = RULES.mileage(MileageClaim.create(distance="312"), Decimal("1000"), MARCH)
    assert (result.tax_free, result.taxable) == (Decimal("780.00"), Decimal("220.00"))
    assert box(result.reporting, "011") == Decimal("220.00")


@pytest.mark.parametrize(
    ("vehicle", "expected"),
    [
        (VehicleKind.OWN_CAR, Decimal("780.00")),
        (VehicleKind.BENEFIT_CAR, Decimal("374.40")),
        (VehicleKind.BENEFIT_CAR_ELECTRIC, Decimal("296.40")),
    ],
)
def test_mileage_by_kind_of_car_in_mil(vehicle: VehicleKind, expected: Decimal) -> None:
    claim = MileageClaim.create(distance="31.2", unit=DistanceUnit.MIL, vehicle=vehicle)
    assert RULES.mileage(claim, Decimal("0"), MARCH).maximum == expected


def test_nothing_paid_nothing_reported() -> None:
    result = RULES.mileage(MileageClaim.create(distance="312"), Decimal("0"), MARCH)
    assert box(result.reporting, "050") is False


def test_a_cooperatives_override_changes_the_rate() -> None:
    sweden = get_country("SE")
    override = ParameterSet.from_mapping(
        {"travel": {"mileage": {"own_car": {
            "description": "d", "unit": "amount", "reference": "r",
            "values": [{"from": date(2026, 1, 1), "value": "30"}],
        }}}}
    )  # fmt: skip
    rules = sweden.travel_rules(sweden.parameters().overlay(override))
    result = rules.mileage(MileageClaim.create(distance="312"), Decimal("0"), MARCH)
    assert result.maximum == Decimal("936.00")


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"returned": datetime(2026, 3, 1, 10, 0)}, "returned"),
        ({"nights": 3}, "nights"),
        ({"nights": -1}, "nights"),
        ({"km_from_home": "-1"}, "km_from_home"),
        ({"km_from_workplace": 1.5}, "km_from_workplace"),
        ({"km_from_home": "far"}, "km_from_home"),
        ({"meals": [Meals(day=date(2026, 3, 9), lunch=True)]}, "meals"),
        ({"meals": [Meals(day=MARCH), Meals(day=MARCH, lunch=True)]}, "meals"),
        ({"days_at_place_before": -3}, "days_at_place_before"),
        ({"returned": datetime(2029, 1, 1, 10, 0)}, "returned"),
    ],
)
def test_a_bad_trip_names_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as info:
        trip(**changes)
    assert info.value.field == field


@pytest.mark.parametrize("paid", ["-1", "0.001", "1e12", "nan", 1.5])
def test_a_bad_amount_paid_names_the_field(paid: object) -> None:
    with pytest.raises(InputError) as info:
        RULES.per_diem(trip(), paid)  # type: ignore[arg-type]
    assert info.value.field == "amount_paid"


@pytest.mark.parametrize(("changes", "field"), [({"distance": "-5"}, "distance"),
                                                ({"vehicle": "bicycle"}, "vehicle"),
                                                ({"unit": "league"}, "unit")])  # fmt: skip
def test_a_bad_claim_names_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as info:
        MileageClaim.create(**({"distance": "10"} | changes))
    assert info.value.field == field


def test_a_day_without_parameters_is_a_kooperativ_error() -> None:
    with pytest.raises(KooperativError):
        per_diem(first=date(2019, 5, 5))

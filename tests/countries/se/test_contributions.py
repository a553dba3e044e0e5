# SPDX-License-Identifier: EUPL-1.2
"""Employer contributions: hand-worked cases on both sides of every band and date.

Figures are worked by hand from sweden-payroll.md §1 (rates 31.42 %, 10.21 %, 20.81 %;
youth cap 25 000 kr per month; 1 000 kr yearly threshold); the arithmetic is in comments.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal

import pytest

from kooperativ.countries.se.contributions import contribution_rule, employer_contributions
from kooperativ.countries.se.holiday import holiday_pay_rate, semesterersattning
from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.errors import InputError, RulesError

D = Decimal
PAID_2026 = date(2026, 11, 25)
PAID_2025 = date(2025, 11, 25)


def contributions(born: int, paid: date, pay: str, month: str = "0", year: str = "0") -> Decimal:
    return employer_contributions(
        date(born, 6, 15), paid, D(pay), paid_this_month=D(month), paid_this_year=D(year)
    ).amount


# -- age bands ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("born", "paid", "expected", "band"),
    [
        # 2026: the older band is "had turned 67 at the start of the year" = born 1958 or
        # earlier. 30 000 × 10.21 % = 3 063.00; 30 000 × 31.42 % = 9 426.00.
        (1958, PAID_2026, "3063.00", "senior"),
        (1959, PAID_2026, "9426.00", "full"),
        # 2025: "had turned 66" = also born 1958 or earlier.
        (1958, PAID_2025, "3063.00", "senior"),
        (1959, PAID_2025, "9426.00", "full"),
        # Born 1937 or earlier: nothing; 1938: only the ålderspensionsavgift.
        (1937, PAID_2026, "0.00", "exempt"),
        (1938, PAID_2026, "3063.00", "senior"),
        (1937, PAID_2025, "0.00", "exempt"),
        (1938, PAID_2025, "3063.00", "senior"),
        # An ordinary member.
        (1985, PAID_2026, "9426.00", "full"),
        (1985, PAID_2025, "9426.00", "full"),
    ],
)
def test_age_bands(born: int, paid: date, expected: str, band: str) -> None:
    result = employer_contributions(date(born, 6, 15), paid, D("30000"))
    assert result.amount == D(expected)
    assert result.rule == band


def test_birthday_on_new_years_day_follows_the_birth_year() -> None:
    # Born 1 January 1959: Skatteverket's 2026 bands are by birth year (1938–1958 reduced),
    # so the full rate applies: 10 000 × 31.42 % = 3 142.00.
    assert employer_contributions(date(1959, 1, 1), PAID_2026, D("10000")).amount == D("3142.00")
    # Born 31 December 1958: reduced: 10 000 × 10.21 % = 1 021.00.
    assert employer_contributions(date(1958, 12, 31), PAID_2026, D("10000")).amount == D("1021.00")


# -- youth reduction (lag 2026:100) ------------------------------------------------------------
@pytest.mark.parametrize(
    ("paid", "expected"),
    [
        # 20 000 × 31.42 % = 6 284.00 before the law; 20 000 × 20.81 % = 4 162.00 during it.
        (date(2026, 3, 31), "6284.00"),
        (date(2026, 4, 1), "4162.00"),
        (date(2027, 9, 30), "4162.00"),
        (date(2027, 10, 1), "6284.00"),
    ],
)
def test_youth_period_edges(paid: date, expected: str) -> None:
    # Born 2005: 20 at the start of 2026, 21 at the start of 2027 — inside 18–22.
    assert contributions(2005, paid, "20000") == D(expected)


@pytest.mark.parametrize(
    ("born", "paid", "expected"),
    [
        # 2026 covers those born 2003–2007 (turned 18 but not 23 before 1 Jan 2026).
        (2007, PAID_2026, "4162.00"),
        (2008, PAID_2026, "6284.00"),
        (2003, PAID_2026, "4162.00"),
        (2002, PAID_2026, "6284.00"),
        # 2027 covers 2004–2008.
        (2008, date(2027, 5, 25), "4162.00"),
        (2003, date(2027, 5, 25), "6284.00"),
        # 2025: no youth reduction at all.
        (2005, PAID_2025, "6284.00"),
    ],
)
def test_youth_age_band(born: int, paid: date, expected: str) -> None:
    assert contributions(born, paid, "20000") == D(expected)


@pytest.mark.parametrize(
    ("pay", "month", "year", "expected"),
    [
        # 25 000 × 20.81 % + 5 000 × 31.42 % = 5 202.50 + 1 571.00 = 6 773.50
        ("30000", "0", "0", "6773.50"),
        # 10 000 already this month: 15 000 × 20.81 % + 15 000 × 31.42 %
        # = 3 121.50 + 4 713.00 = 7 834.50
        ("30000", "10000", "50000", "7834.50"),
        # The cap is used up: 10 000 × 31.42 % = 3 142.00
        ("10000", "25000", "60000", "3142.00"),
        ("10000", "30000", "60000", "3142.00"),
        # A new month: the cap is fresh although the year has 40 000: 20 000 × 20.81 %
        ("20000", "0", "40000", "4162.00"),
        # Exactly at the cap: 25 000 × 20.81 % = 5 202.50
        ("25000", "0", "0", "5202.50"),
    ],
)
def test_youth_monthly_cap(pay: str, month: str, year: str, expected: str) -> None:
    assert contributions(2005, PAID_2026, pay, month, year) == D(expected)


def test_youth_rate_matches_its_definition() -> None:
    # Lag (2026:100) 2 §: the whole ålderspensionsavgift + half of each other component,
    # each percentage truncated to two decimals: 10.21 + 1.77 + 1.00 + 0.15 + 1.32 + 0.05
    # + 6.31 = 20.81.
    at = load_swedish_parameters().at(date(2026, 4, 1))
    others = [
        "sjukforsakringsavgift",
        "foraldraforsakringsavgift",
        "efterlevandepensionsavgift",
        "arbetsmarknadsavgift",
        "arbetsskadeavgift",
        "allman_loneavgift",
    ]
    halves = [
        (at.decimal(f"contributions.components.{name}") * 100 / 2).quantize(
            D("0.01"), rounding=ROUND_DOWN
        )
        for name in others
    ]
    pension = at.decimal("contributions.components.alderspensionsavgift") * 100
    assert (pension + sum(halves)) / 100 == at.decimal("contributions.youth.rate")


@pytest.mark.parametrize("on", [date(2025, 1, 1), date(2026, 1, 1)])
def test_components_sum_to_the_full_rate(on: date) -> None:
    params = load_swedish_parameters()
    at = params.at(on)
    names = [n for n in params if n.startswith("contributions.components.")]
    assert len(names) == 7
    assert sum(at.decimal(n) for n in names) == at.decimal("contributions.full_rate")


def test_2025_and_2026_components_differ_but_total_is_the_same() -> None:
    at25 = load_swedish_parameters().at(date(2025, 6, 1))
    at26 = load_swedish_parameters().at(date(2026, 6, 1))
    assert at25.decimal("contributions.components.allman_loneavgift") == D("0.1162")
    assert at26.decimal("contributions.components.allman_loneavgift") == D("0.1262")
    assert at25.decimal("contributions.full_rate") == at26.decimal("contributions.full_rate")


# -- the 1 000 kr rule -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pay", "year", "expected"),
    [
        ("999.99", "0", "0.00"),  # the year's total stays below 1 000 kr
        ("1000", "0", "314.20"),  # 1 000 × 31.42 %
        ("499.99", "500", "0.00"),  # 500 + 499.99 = 999.99 < 1 000
        # Crossing the threshold brings the earlier 500 kr in: 1 100 × 31.42 % = 345.62
        ("600", "500", "345.62"),
        ("100", "1200", "31.42"),  # already above: only this payment, 100 × 31.42 %
    ],
)
def test_yearly_threshold(pay: str, year: str, expected: str) -> None:
    assert contributions(1985, PAID_2026, pay, "0", year) == D(expected)


def test_threshold_rule_is_explained() -> None:
    result = employer_contributions(date(1985, 1, 1), PAID_2026, D("600"), paid_this_year=D("500"))
    assert result.base == D("1100")
    assert "500" in result.formula
    below = employer_contributions(date(1985, 1, 1), PAID_2026, D("100"))
    assert below.rule == "below-threshold"
    assert below.parameters["contributions.yearly_threshold"] == "1000"


def test_rounding_is_half_up_to_ore() -> None:
    # 1 175 × 31.42 % = 369.185 → 369.19 (half up; half-even would give 369.18)
    assert contributions(1985, PAID_2026, "1175") == D("369.19")
    # 1 234.56 × 31.42 % = 387.898752 → 387.90
    assert contributions(1985, PAID_2026, "1234.56") == D("387.90")


def test_trace_names_parameters_and_law() -> None:
    result = employer_contributions(date(2005, 6, 1), PAID_2026, D("30000"))
    assert result.parameters["contributions.youth.rate"] == "0.2081"
    assert result.parameters["contributions.youth.monthly_cap"] == "25000"
    assert "2026:100" in result.reference
    assert result.formula == "25000 × 20.81 % + 5000 × 31.42 % = 6773.50"
    # Cap already used this month: the formula shows the full rate that was charged.
    used = employer_contributions(
        date(2005, 6, 1),
        PAID_2026,
        D("10000"),
        paid_this_month=D("25000"),
        paid_this_year=D("25000"),
    )
    assert used.formula == "10000 × 31.42 % = 3142.00"
    under = employer_contributions(date(2005, 6, 1), PAID_2026, D("10000"))
    assert under.formula == "10000 × 20.81 % = 2081.00"  # 10 000 × 20.81 %


# -- bad input ---------------------------------------------------------------------------------
def test_birth_after_payment_is_refused() -> None:
    with pytest.raises(InputError, match="birth_date"):
        employer_contributions(date(2027, 1, 1), PAID_2026, D("100"))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"taxable_pay": D("-1")}, "taxable_pay"),
        ({"paid_this_month": D("-1")}, "paid_this_month"),
        ({"paid_this_month": D("2"), "paid_this_year": D("1")}, "paid_this_month"),
    ],
)
def test_bad_amounts(kwargs: dict[str, Decimal], field: str) -> None:
    pay = kwargs.get("taxable_pay", D("100"))
    month = kwargs.get("paid_this_month", D(0))
    year = kwargs.get("paid_this_year", D(0))
    with pytest.raises(InputError, match=field):
        employer_contributions(
            date(1985, 1, 1), PAID_2026, pay, paid_this_month=month, paid_this_year=year
        )


def test_year_without_parameters() -> None:
    with pytest.raises(RulesError):
        employer_contributions(date(1985, 1, 1), date(2024, 6, 25), D("100"))


def test_rule_is_reused() -> None:
    first = contribution_rule(date(1985, 1, 1), PAID_2026)
    assert contribution_rule(date(1985, 12, 31), PAID_2026) is first


# -- holiday pay -------------------------------------------------------------------------------
def test_semesterersattning() -> None:
    # 19 158 × 12 % = 2 298.96
    result = semesterersattning(D("19158"), PAID_2026)
    assert result.amount == D("2298.96")
    assert "16 b §" in result.reference
    assert holiday_pay_rate(PAID_2025) == D("0.12")
    # 0.05 × 12 % = 0.006 → 0.01 (half up to öre)
    assert semesterersattning(D("0.05"), PAID_2026).amount == D("0.01")
    with pytest.raises(InputError):
        semesterersattning(D("-1"), PAID_2026)


def test_pension_tax_parameter() -> None:
    at = load_swedish_parameters().at(PAID_2026)
    assert at.decimal("pension.special_payroll_tax") == D("0.2426")
    assert "1991:687" in at.reference("pension.special_payroll_tax")

# SPDX-License-Identifier: EUPL-1.2
"""Late-payment interest (dröjsmålsränta): hand-worked cases against räntelagen's rates.

The rates are those of ``../shared/reference/invoicing-and-payroll-2026.md`` §2.2
(reference rate + 8 points): 2023 H2 11.50 %, 2024 12.00 %, 2025 H1 11.00 %,
2025 H2 10.00 %, 2026 H1 10.00 %; 2026 H2 unknown. Each figure below is worked by hand as
``amount × rate × days ÷ 365``, rounded to the öre per half-year.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ.countries.se import Sweden
from kooperativ.errors import InputError, MissingParameterError
from kooperativ.rules.country import get_country
from kooperativ.rules.late_payment import LateInterestTerms, late_interest
from kooperativ.rules.parameters import ParameterSet

SE = Sweden()
DOCS = Path(__file__).resolve().parents[2] / "docs" / "bank.md"


@pytest.mark.parametrize(
    ("on", "rate"),
    [
        (date(2023, 7, 1), "0.115"),
        (date(2023, 12, 31), "0.115"),
        (date(2024, 1, 1), "0.12"),
        (date(2024, 12, 31), "0.12"),
        (date(2025, 1, 1), "0.11"),
        (date(2025, 6, 30), "0.11"),  # the day before the rate changes
        (date(2025, 7, 1), "0.10"),  # the day it changes
        (date(2026, 1, 1), "0.10"),
        (date(2026, 6, 30), "0.10"),
    ],
)
def test_rate_is_the_reference_rate_plus_eight_points(on: date, rate: str) -> None:
    assert SE.late_interest_rate(on) == Decimal(rate)
    assert get_country("SE").late_interest_rate(on) == Decimal(rate)


def test_terms_name_the_half_year_and_the_sources() -> None:
    terms = SE.late_interest_terms(date(2025, 9, 10))
    assert terms == LateInterestTerms(
        rate=Decimal("0.10"),
        first=date(2025, 7, 1),
        last=date(2025, 12, 31),
        day_count=365,
        reference=terms.reference,
    )
    assert "Räntelagen (1975:635) 6 §" in terms.reference
    assert "9 §" in terms.reference
    assert "mystep.se" in terms.reference  # the source of this half-year's rate
    assert SE.late_interest_terms(date(2026, 2, 1)).last == date(2026, 6, 30)


@pytest.mark.parametrize("on", [date(2026, 7, 1), date(2026, 11, 30), date(2023, 6, 30)])
def test_an_unknown_half_year_is_refused_naming_parameter_and_day(on: date) -> None:
    with pytest.raises(MissingParameterError) as info:
        SE.late_interest_rate(on)
    assert info.value.name == "late_payment.reference_rate"
    assert info.value.on == on
    assert "late_payment.reference_rate" in str(info.value) and str(on) in str(info.value)


def test_across_a_half_year_boundary() -> None:
    # 10 000 kr due 15 June 2025, paid 15 July 2025: 30 days of delay,
    # 16–30 June (15 days) at 11 %, 1–15 July (15 days) at 10 %.
    result = late_interest(Decimal("10000.00"), date(2025, 6, 15), date(2025, 7, 15), SE)
    assert result.days == 30
    assert [(line.first, line.last, line.days, line.rate) for line in result.lines] == [
        (date(2025, 6, 16), date(2025, 6, 30), 15, Decimal("0.11")),
        (date(2025, 7, 1), date(2025, 7, 15), 15, Decimal("0.10")),
    ]
    # 10000 × 0.11 × 15 / 365 = 45.205… ; 10000 × 0.10 × 15 / 365 = 41.095…
    assert [line.interest for line in result.lines] == [Decimal("45.21"), Decimal("41.10")]
    assert result.interest == Decimal("86.31")


def test_the_day_before_and_the_day_the_rate_changes() -> None:
    amount = Decimal("10000")
    before = late_interest(amount, date(2025, 6, 29), date(2025, 6, 30), SE)
    assert before.days == 1 and before.interest == Decimal("3.01")  # 1100 / 365 = 3.0137
    on_the_day = late_interest(amount, date(2025, 6, 29), date(2025, 7, 1), SE)
    # 30 June at 11 % (3.01) and 1 July at 10 % (1000 / 365 = 2.7397 → 2.74)
    assert [line.interest for line in on_the_day.lines] == [Decimal("3.01"), Decimal("2.74")]
    assert on_the_day.interest == Decimal("5.75")
    # Due on the last day of a half-year: the first day of delay bears the new rate.
    after = late_interest(amount, date(2025, 6, 30), date(2025, 7, 1), SE)
    assert [line.rate for line in after.lines] == [Decimal("0.10")]
    assert after.interest == Decimal("2.74")


def test_across_a_year_end_and_two_unchanged_half_years() -> None:
    # 250 000 kr due 30 Nov 2024, paid 28 Feb 2025: Dec 2024 (31 days) at 12 %,
    # 1 Jan – 28 Feb 2025 (59 days) at 11 %.
    result = late_interest(Decimal("250000"), date(2024, 11, 30), date(2025, 2, 28), SE)
    assert result.days == 90
    assert [line.interest for line in result.lines] == [Decimal("2547.95"), Decimal("4445.21")]
    assert result.interest == Decimal("6993.16")
    # H1 and H2 2024 have the same rate but are fixed separately: one line each.
    year = late_interest(Decimal("1000"), date(2024, 6, 29), date(2024, 7, 2), SE)
    assert [line.days for line in year.lines] == [1, 2]
    assert {line.rate for line in year.lines} == {Decimal("0.12")}


def test_paid_in_time_costs_nothing() -> None:
    for paid in (date(2025, 3, 1), date(2025, 2, 1)):
        result = late_interest(Decimal("5000"), date(2025, 3, 1), paid, SE)
        assert result.interest == Decimal("0") and result.lines == () and result.days == 0


def test_a_delay_into_an_unknown_half_year_is_refused() -> None:
    with pytest.raises(MissingParameterError) as info:
        late_interest(Decimal("10000"), date(2026, 6, 20), date(2026, 7, 10), SE)
    assert info.value.name == "late_payment.reference_rate"
    assert info.value.on == date(2026, 7, 1)


def test_bad_amounts_are_input_errors() -> None:
    with pytest.raises(InputError) as info:
        late_interest(Decimal("-1"), date(2025, 1, 1), date(2025, 2, 1), SE)
    assert info.value.field == "amount"
    with pytest.raises(InputError):
        late_interest(1.5, date(2025, 1, 1), date(2025, 2, 1), SE)  # type: ignore[arg-type]


def test_a_cooperative_override_is_used() -> None:
    # An agreed rate (räntelagen 1 §) as the cooperative's own parameter file.
    override = ParameterSet.from_mapping(
        {
            "late_payment": {
                "margin": {
                    "description": "agreed",
                    "unit": "rate",
                    "reference": "Client agreement § 9",
                    "values": [{"from": date(2023, 7, 1), "value": "0.12"}],
                }
            }
        }
    )
    params = SE.parameters().overlay(override)
    assert SE.late_interest_rate(date(2025, 7, 1), params) == Decimal("0.14")
    assert "Client agreement § 9" in SE.late_interest_terms(date(2025, 7, 1), params).reference


def test_the_worked_example_in_the_docs() -> None:
    text = DOCS.read_text("utf-8")
    result = late_interest(Decimal("10000.00"), date(2025, 6, 15), date(2025, 7, 15), SE)
    for figure in ("45.21", "41.10", "86.31"):
        assert figure in text, f"docs/bank.md does not show {figure}"
    assert result.interest == Decimal("86.31")

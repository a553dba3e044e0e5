# SPDX-License-Identifier: EUPL-1.2
"""Properties of the salary calculation that hold for every input (hypothesis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kooperativ.countries.se.payroll import HolidayPayPolicy
from kooperativ.payroll import SalaryInput, SalaryResult, calculate_salary
from kooperativ.rules.country import get_country

ORE = Decimal("0.01")
SWEDEN = get_country("SE").payroll()


def calculate(fields: dict[str, Any]) -> SalaryResult:
    """The salary of ``fields`` by Sweden's rules."""
    return calculate_salary(SalaryInput.create(**fields), SWEDEN)


def amounts(low: int = 0, high: int = 20_000_000) -> st.SearchStrategy[Decimal]:
    """Amounts in whole öre between ``low`` and ``high`` öre."""
    return st.integers(low, high).map(lambda ore: Decimal(ore) * ORE)


def rates(high: int = 2000) -> st.SearchStrategy[Decimal]:
    """Rates with four decimals between 0 and ``high`` / 10 000."""
    return st.integers(0, high).map(lambda n: Decimal(n) / 10000)


birth_dates = st.dates(date(1930, 1, 1), date(2009, 12, 31))
# Years with a full set of parameters (tax tables exist for 2025 and 2026).
paid_dates = st.dates(date(2025, 1, 1), date(2026, 12, 31))
flat_modes = st.sampled_from(["side-income", "sink", "adjusted:25", "adjusted:0"])
#: Table modes by table number; the column follows the person's age (see _column).
table_modes = st.sampled_from(["table:33", "table:29", "table:42"])
all_modes = st.one_of(flat_modes, table_modes)


def _column(mode: str, birth: date, paid: date) -> str:
    # Column 1 is pay to a person under 66 at the start of the year, column 3 to one who
    # had turned 66 (by birth year); the calculation refuses the other.
    if not mode.startswith("table:"):
        return mode
    return f"{mode}:{3 if paid.year - birth.year - 1 >= 66 else 1}"


policies = st.sampled_from(list(HolidayPayPolicy))


@st.composite
def invoice_inputs(draw: st.DrawFn, modes: st.SearchStrategy[str] = all_modes) -> dict[str, Any]:
    """Keyword arguments of an invoice-based :class:`SalaryInput` (expenses fit the invoice)."""
    invoiced = draw(amounts(1, 30_000_000))
    fee_rate = draw(rates(3000))
    expenses = draw(amounts(0, 100_000))
    fee = invoiced * fee_rate
    if expenses > invoiced - fee - 1:
        expenses = Decimal("0.00")
    paid_year = draw(amounts(0, 200_000_000))
    paid_month = min(draw(amounts(0, 5_000_000)), paid_year)
    birth, paid = draw(birth_dates), draw(paid_dates)
    return {
        "invoiced": invoiced,
        "fee_rate": fee_rate,
        "expenses": expenses,
        "birth_date": birth,
        "paid_on": paid,
        "tax": _column(draw(modes), birth, paid),
        "holiday_pay": draw(policies),
        "pension_rate": draw(rates(1000)),
        "paid_this_month": paid_month,
        "paid_this_year": paid_year,
    }


def walk(value: Any) -> list[Any]:
    """Every leaf value of a result (fields, trace lines, their parameters)."""
    if isinstance(value, SalaryResult):
        return [v for name in value.__slots__ for v in walk(getattr(value, name))]
    if isinstance(value, tuple | list):
        return [v for item in value for v in walk(item)]
    if isinstance(value, dict):
        return [v for pair in value.items() for item in pair for v in walk(item)]
    return [value]


@settings(max_examples=200, deadline=None)
@given(invoice_inputs())
def test_conservation_to_the_ore(fields: dict[str, Any]) -> None:
    r = calculate(fields)
    assert r.budget == fields["invoiced"] - r.fee - fields["expenses"]
    assert r.taxable_pay + r.employer_contributions + r.pension + r.pension_tax + r.remainder == (
        r.budget
    )
    assert r.remainder >= 0
    assert r.taxable_pay == r.gross_salary + r.holiday_pay
    assert r.net_pay == r.taxable_pay - r.preliminary_tax
    assert r.payout == r.net_pay + r.expenses
    for value in (r.fee, r.budget, r.taxable_pay, r.employer_contributions, r.remainder):
        assert value == value.quantize(ORE)
    # Largest whole-krona gross: one krona more would not fit the budget.
    more = calculate(
        {
            **{k: v for k, v in fields.items() if k not in ("invoiced", "fee_rate", "expenses")},
            "gross": r.gross_salary + 1,
        }
    )
    assert more.budget > r.budget


@settings(max_examples=200, deadline=None)
@given(invoice_inputs(flat_modes), amounts(1, 5_000_000))
def test_more_invoiced_never_less_net(fields: dict[str, Any], extra: Decimal) -> None:
    # Holds for flat-rate tax modes. Skatteverket's tables make net pay fall by up to a
    # few dozen kronor at the start of each table row (see test_salary.py), so there it
    # cannot hold for any calculation that uses the largest gross salary.
    low = calculate(fields)
    high = calculate({**fields, "invoiced": fields["invoiced"] + extra})
    assert high.net_pay >= low.net_pay
    assert high.payout >= low.payout


@settings(max_examples=200, deadline=None)
@given(invoice_inputs())
def test_net_never_above_taxable_and_deterministic(fields: dict[str, Any]) -> None:
    first = calculate(fields)
    second = calculate(fields)
    assert first == second
    assert first.as_dict() == second.as_dict()
    assert Decimal(0) <= first.net_pay <= first.taxable_pay
    assert first.preliminary_tax >= 0


@settings(max_examples=100, deadline=None)
@given(invoice_inputs())
def test_no_float_anywhere(fields: dict[str, Any]) -> None:
    result = calculate(fields)
    leaves = walk(result)
    assert leaves
    assert not any(isinstance(leaf, float) for leaf in leaves)
    assert all(isinstance(leaf, Decimal | str) for leaf in leaves)

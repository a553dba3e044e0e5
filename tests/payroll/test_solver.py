# SPDX-License-Identifier: EUPL-1.2
"""The solver: how much work a solve takes, what it refuses, the fee's limits, pay earlier
in the month and the tax-table column a person's age allows (Sweden's rules)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from kooperativ.errors import InputError
from kooperativ.payroll import (
    AMOUNT_LIMIT,
    Cost,
    NationalTrace,
    SalaryInput,
    SalaryResult,
    calculate_salary,
    invoice_for_net,
)
from kooperativ.rules.country import get_country
from kooperativ.rules.payroll import PayrollRules, SalaryModel

D = Decimal
SWEDEN = get_country("SE").payroll()
BORN = date(1985, 3, 1)
PAID = date(2026, 11, 25)


def salary(**fields: Any) -> SalaryResult:
    base: dict[str, Any] = {"birth_date": BORN, "paid_on": PAID, "tax": "table:33:1"}
    base.update(fields)
    return calculate_salary(SalaryInput.create(**base), SWEDEN)


class Counting:
    """A model that counts how often the solver asks it something (``calls``), and how
    often for the tax (``taxes``: the costly question, a table lookup with its row)."""

    def __init__(self, model: SalaryModel) -> None:
        self.model = model
        self.calls = 0
        self.taxes = 0
        self.taxable_factor = model.taxable_factor
        self.factor_min = model.factor_min
        self.factor_max = model.factor_max

    def cost(self, gross: Decimal) -> Cost:
        return self.model.cost(gross)

    def total(self, units: int) -> Decimal:
        self.calls += 1
        return self.model.total(units)

    def taxable(self, units: int) -> Decimal:
        self.calls += 1
        return self.model.taxable(units)

    def withheld(self, taxable: Decimal) -> Decimal:
        self.calls += 1
        self.taxes += 1
        return self.model.withheld(taxable)

    def explain(self, cost: Cost) -> NationalTrace:
        return self.model.explain(cost)


class CountingRules:
    """Sweden's rules, with every model wrapped in :class:`Counting`."""

    def __init__(self, rules: PayrollRules) -> None:
        self.rules = rules
        self.parameters = rules.parameters
        self.default_tax = rules.default_tax
        self.default_holiday_pay = rules.default_holiday_pay
        self.models: list[Counting] = []

    def holiday_pay_policies(self) -> tuple[str, ...]:
        return self.rules.holiday_pay_policies()

    def validate_tax_mode(self, text: str, field: str = "tax") -> str:
        return self.rules.validate_tax_mode(text, field)

    def model(self, inp: SalaryInput) -> Counting:
        counting = Counting(self.rules.model(inp))
        self.models.append(counting)
        return counting


@pytest.mark.parametrize("wanted", ["10000", "100000", "1000000", "10000000", "100000000"])
@pytest.mark.parametrize("tax", ["table:33:1", "side-income", "adjusted:25"])
def test_net_to_invoice_needs_a_few_dozen_evaluations(wanted: str, tax: str) -> None:
    # Today's main scans ~3 000 kronor below the answer one krona at a time (12–65 ms per
    # solve; 29 s at 1e8). The tax never falls when the pay grows, so a rising lower
    # bound reaches the smallest gross in a few steps, whatever the amount: each step
    # closes the gap by the marginal tax rate (at most 52 % in table 33, 2026).
    rules = CountingRules(SWEDEN)
    inp = SalaryInput.create(net=wanted, fee_rate="0.06", birth_date=BORN, paid_on=PAID, tax=tax)
    invoice = invoice_for_net(inp, rules)
    model = rules.models[0]
    assert model.taxes <= 40, model.taxes
    assert model.calls <= 3 * 40, model.calls
    # The answer is exact: the smallest gross that reaches the net pay …
    result = calculate_salary(inp, SWEDEN)
    assert result.net_pay >= D(wanted)
    smaller = SWEDEN.model(inp).cost(result.gross_salary - 1).taxable
    assert smaller - SWEDEN.model(inp).withheld(smaller) < D(wanted)
    # … and the smallest invoice that pays for it (within the input limit).
    if invoice <= AMOUNT_LIMIT:
        assert salary(invoiced=invoice, fee_rate="0.06", tax=tax).net_pay >= D(wanted)
        assert salary(invoiced=invoice - D("0.01"), fee_rate="0.06", tax=tax).net_pay < D(wanted)


def test_net_pay_falling_at_a_row_start_is_found() -> None:
    # Table 33, 2026, no holiday pay: 20 000 kr → 16 609 net, 20 001 → 16 562 (a new row
    # charges 3 439 instead of 3 391 kr). The smallest gross with net ≥ 16 600 is below
    # 20 000 although 20 001 … 20 0xx give less: 16 600 + tax ≤ gross.
    r = salary(net="16600", holiday_pay="none")
    assert r.net_pay >= D("16600")
    assert salary(gross=r.gross_salary - 1, holiday_pay="none").net_pay < D("16600")
    assert r.gross_salary == D("19991.00")  # 19 991 − 3 391 = 16 600 (row 19 901–20 000)


@pytest.mark.parametrize("field", ["invoiced", "budget", "gross", "net", "expenses"])
def test_amounts_above_the_limit_are_refused(field: str) -> None:
    fields: dict[str, Any] = {"gross": "1000", "fee_rate": "0.06"}
    fields[field] = "1e400" if field != "expenses" else "100000000.01"
    if field != "gross" and field != "expenses":
        del fields["gross"]
    with pytest.raises(InputError, match=field) as info:
        salary(**fields)
    assert "largest amount a salary calculation accepts" in str(info.value)
    assert D(100_000_000) == AMOUNT_LIMIT


def test_the_limit_itself_is_calculated() -> None:
    r = salary(net="100000000")
    assert r.net_pay >= D("100000000")


@pytest.mark.parametrize("field", ["invoiced", "budget", "gross", "net"])
def test_zero_pay_is_refused(field: str) -> None:
    fields: dict[str, Any] = {field: "0"}
    if field == "invoiced":
        fields["fee_rate"] = "0.06"
    with pytest.raises(InputError, match=f"{field}: must be more than 0"):
        salary(**fields)


# -- the fee's minimum and maximum ([fees] minimum, maximum) ---------------------------------
def test_minimum_fee() -> None:
    # 30 000 × 6 % = 1 800 is below the minimum of 2 000: the fee is 2 000.
    r = salary(invoiced="30000", fee_rate="0.06", fee_minimum="2000")
    assert r.fee == D("2000.00")
    assert r.budget == D("28000.00")
    assert r.line("fee").rule == "cooperative-fee-minimum"
    assert r.line("fee").parameters["fees.minimum"] == "2000"
    # Above the minimum the rate applies: 50 000 × 6 % = 3 000.
    assert salary(invoiced="50000", fee_rate="0.06", fee_minimum="2000").fee == D("3000.00")


def test_maximum_fee() -> None:
    # 100 000 × 6 % = 6 000 is above the maximum of 5 000.
    r = salary(invoiced="100000", fee_rate="0.06", fee_maximum="5000")
    assert (r.fee, r.budget) == (D("5000.00"), D("95000.00"))
    assert r.line("fee").rule == "cooperative-fee-maximum"
    with pytest.raises(InputError, match="fee_maximum"):
        salary(invoiced="1000", fee_rate="0.06", fee_minimum="500", fee_maximum="100")


@pytest.mark.parametrize(
    ("wanted", "limits"),
    [
        ("5000", {"fee_minimum": "2000"}),
        ("100000", {"fee_maximum": "3000"}),
        ("20000", {"fee_minimum": "100", "fee_maximum": "100000"}),
    ],
)
def test_invoice_for_net_within_the_fee_limits(wanted: str, limits: dict[str, str]) -> None:
    inp = SalaryInput.create(
        net=wanted, fee_rate="0.06", birth_date=BORN, paid_on=PAID, tax="table:33:1", **limits
    )
    invoice = invoice_for_net(inp, SWEDEN)
    assert salary(invoiced=invoice, fee_rate="0.06", **limits).net_pay >= D(wanted)
    less = salary(invoiced=invoice - D("0.01"), fee_rate="0.06", **limits)
    assert less.net_pay < D(wanted)


# -- pay earlier in the month -------------------------------------------------------------
def test_second_payment_in_a_month_is_taxed_on_the_months_pay() -> None:
    # Table 33 column 1, 2026: 20 000 kr alone → 3 391 kr (row 19 901–20 000). Paid after
    # 20 000 kr earlier in the month, the month's 40 000 kr carry 8 402 kr (row
    # 39 801–40 000), less the 3 391 kr of the first payment: 5 011 kr.
    first = salary(gross="20000", holiday_pay="none")
    second = salary(gross="20000", holiday_pay="none", paid_this_month="20000")
    assert first.preliminary_tax == D("3391")
    assert second.preliminary_tax == D("5011")
    line = second.line("preliminary_tax")
    assert line.parameters["paid_this_month"] == "20000"
    assert line.parameters["tax_on_earlier_pay"] == "3391"
    assert "8402 − 3391 = 5011" in line.formula
    # paid_this_month on its own: the year's pay so far is at least the month's.
    assert second.employer_contributions == first.employer_contributions  # 20 000 × 31.42 %


def test_earlier_pay_changes_no_flat_tax() -> None:
    # Side income is 30 % of each payment, whatever was paid before.
    first = salary(gross="20000", holiday_pay="none", tax="side-income")
    second = salary(gross="20000", holiday_pay="none", tax="side-income", paid_this_month="5000")
    assert first.preliminary_tax == second.preliminary_tax == D("6000")


# -- the tax-table column and the person's age -------------------------------------------
@pytest.mark.parametrize(
    ("born", "column", "allowed"),
    [
        (date(1985, 3, 1), 1, True),
        (date(1985, 3, 1), 3, False),
        # Column 3 is pay to a person who had turned 66 at the start of the year, by birth
        # year as Skatteverket publishes it: 2026 → born 1959 or earlier.
        (date(1959, 12, 31), 3, True),
        (date(1959, 12, 31), 1, False),
        (date(1960, 1, 1), 1, True),
        (date(1960, 1, 1), 3, False),
    ],
)
def test_column_must_fit_the_age(born: date, column: int, allowed: bool) -> None:
    tax = f"table:33:{column}"
    if allowed:
        assert salary(gross="20000", birth_date=born, tax=tax).preliminary_tax > 0
    else:
        other = 4 - column
        with pytest.raises(InputError, match=f"tax: column {column} .* use column {other}"):
            salary(gross="20000", birth_date=born, tax=tax)

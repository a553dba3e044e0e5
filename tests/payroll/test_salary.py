# SPDX-License-Identifier: EUPL-1.2
"""Salary calculation: hand-worked examples (arithmetic in the comments).

Rates used (sweden-payroll.md): holiday pay 12 %, full contributions 31.42 %, youth
20.81 % up to 25 000 kr a month, side income 30 % (whole kronor down), särskild löneskatt
24.26 %; 2026 tax table 33 column 1 from Skatteverket's published file.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from kooperativ.countries.se.payroll import HolidayPayPolicy
from kooperativ.errors import InputError, RulesError
from kooperativ.payroll import (
    FIELDS,
    SalaryInput,
    calculate_salary,
    invoice_for_net,
)
from kooperativ.rules.country import get_country

D = Decimal
SWEDEN = get_country("SE").payroll()
BORN = date(1985, 3, 1)
PAID = date(2026, 11, 25)


def salary(**fields: Any) -> Any:
    base: dict[str, Any] = {"birth_date": BORN, "paid_on": PAID, "tax": "side-income"}
    base.update(fields)
    return calculate_salary(SalaryInput.create(**base), SWEDEN)


def test_invoice_side_income() -> None:
    r = salary(invoiced="30000", fee_rate="0.06")
    # fee = 30 000 × 6 % = 1 800.00; budget = 30 000 − 1 800 = 28 200.00
    assert (r.fee, r.expenses, r.budget) == (D("1800.00"), D("0.00"), D("28200.00"))
    # cost per krona of gross = 1.12 × 1.3142 = 1.471904; 28 200 / 1.471904 = 19 158.86
    # gross 19 158: holiday 19 158 × 12 % = 2 298.96; taxable 21 456.96;
    # contributions 21 456.96 × 31.42 % = 6 741.776832 → 6 741.78; cost 28 198.74.
    # (19 159 would cost 21 458.08 + 6 742.13 = 28 200.21 > 28 200.)
    assert r.gross_salary == D("19158.00")
    assert r.holiday_pay == D("2298.96")
    assert r.taxable_pay == D("21456.96")
    assert r.employer_contributions == D("6741.78")
    assert (r.pension, r.pension_tax) == (D("0.00"), D("0.00"))
    # tax = floor(21 456.96 × 30 %) = floor(6 437.088) = 6 437
    assert r.preliminary_tax == D("6437")
    assert r.net_pay == D("15019.96")  # 21 456.96 − 6 437
    assert r.payout == D("15019.96")
    assert r.remainder == D("1.26")  # 28 200 − 28 198.74


def test_invoice_table_33_column_1() -> None:
    r = salary(invoiced="30000", fee_rate="0.06", tax="table:33:1")
    # Same gross as above; 21 456 kr falls in the row 21 401–21 600 of table 33, whose
    # column 1 is 3 780 kr in Skatteverket's 2026 file.
    assert r.gross_salary == D("19158.00")
    assert r.preliminary_tax == D("3780")
    assert r.net_pay == D("17676.96")  # 21 456.96 − 3 780
    assert r.line("preliminary_tax").parameters["table"] == "33"


def test_expenses_and_pension() -> None:
    r = salary(invoiced="30000", fee_rate="0.06", expenses="1000", pension_rate="0.045")
    # budget = 30 000 − 1 800 − 1 000 = 27 200.00
    # gross 17 725: holiday 2 127.00; taxable 19 852.00; contributions
    # 19 852 × 31.42 % = 6 237.4984 → 6 237.50; pension 19 852 × 4.5 % = 893.34;
    # pension tax 893.34 × 24.26 % = 216.724284 → 216.72; cost 27 199.56.
    # (17 726: 19 853.12 + 6 237.85 + 893.39 + 216.74 = 27 201.10 > 27 200.)
    assert r.budget == D("27200.00")
    assert r.gross_salary == D("17725.00")
    assert r.employer_contributions == D("6237.50")
    assert r.pension == D("893.34")
    assert r.pension_tax == D("216.72")
    assert r.remainder == D("0.44")
    # tax floor(19 852 × 30 %) = 5 955; net 13 897.00; payout + 1 000 expenses
    assert r.net_pay == D("13897.00")
    assert r.payout == D("14897.00")


def test_budget_without_holiday_pay() -> None:
    r = salary(budget="10000", holiday_pay=HolidayPayPolicy.NONE)
    # 10 000 / 1.3142 = 7 609.19 → 7 609: 7 609 + 2 390.7478 (→ 2 390.75) = 9 999.75;
    # 7 610 would cost 7 610 + 2 391.06 = 10 001.06.
    assert r.gross_salary == D("7609.00")
    assert r.holiday_pay == D("0.00")
    assert r.employer_contributions == D("2390.75")
    assert r.remainder == D("0.25")
    assert r.fee == D("0.00")


def test_gross() -> None:
    r = salary(gross="20000")
    # holiday 2 400.00; taxable 22 400.00; contributions 22 400 × 31.42 % = 7 038.08
    assert r.holiday_pay == D("2400.00")
    assert r.employer_contributions == D("7038.08")
    assert r.budget == D("29438.08")  # 22 400 + 7 038.08
    assert r.remainder == D("0.00")
    assert r.preliminary_tax == D("6720")  # 22 400 × 30 %
    assert r.net_pay == D("15680.00")


def test_youth_salary_uses_the_reduced_rate() -> None:
    r = salary(gross="30000", holiday_pay=HolidayPayPolicy.NONE, birth_date=date(2005, 6, 1))
    # 25 000 × 20.81 % + 5 000 × 31.42 % = 5 202.50 + 1 571.00
    assert r.employer_contributions == D("6773.50")
    assert r.line("employer_contributions").rule == "youth"


def test_youth_budget_solves_across_the_cap() -> None:
    # Budget 40 000, born 2005, no holiday pay, paid 2026-11-25.
    # Above the cap the cost is 25 000 × 1.2081 + (g − 25 000) × 1.3142
    # = 30 202.50 + 1.3142 (g − 25 000) ≤ 40 000 → g − 25 000 ≤ 7 455.08 → g = 32 455:
    # 5 202.50 + 7 455 × 31.42 % (2 342.361) = 7 544.861 → 7 544.86; cost 39 999.86.
    r = salary(budget="40000", holiday_pay=HolidayPayPolicy.NONE, birth_date=date(2005, 6, 1))
    assert r.gross_salary == D("32455.00")
    assert r.employer_contributions == D("7544.86")
    assert r.remainder == D("0.14")


def test_below_the_yearly_threshold_no_contributions() -> None:
    # 800 kr with nothing earlier this year: under 1 000 kr, no contributions.
    r = salary(gross="800", holiday_pay=HolidayPayPolicy.NONE)
    assert r.employer_contributions == D("0.00")
    assert r.line("employer_contributions").rule == "below-threshold"


def test_net_and_invoice_for_net() -> None:
    # Net 15 019.96 is reached at gross 19 158 (see test_invoice_side_income); 19 157
    # gives taxable 21 455.84, tax floor(6 436.752) = 6 436, net 15 019.84 — short.
    r = salary(net="15019.96")
    assert r.gross_salary == D("19158.00")
    assert r.net_pay == D("15019.96")
    assert r.budget == D("28198.74")
    # Invoice: I − round(6 % × I) ≥ 28 198.74. 28 198.74 / 0.94 = 29 998.6596 → 29 998.66
    # (fee 1 799.92, budget 28 198.74); 29 998.65 leaves 28 198.73.
    inp = SalaryInput.create(
        net="15019.96", fee_rate="0.06", birth_date=BORN, paid_on=PAID, tax="side-income"
    )
    assert invoice_for_net(inp, SWEDEN) == D("29998.66")
    via_invoice = calculate_salary(inp, SWEDEN)
    assert via_invoice.fee == D("1799.92")
    assert via_invoice.net_pay == D("15019.96")


def test_invoice_for_net_table_mode_reaches_the_net() -> None:
    inp = SalaryInput.create(
        net="20000", fee_rate="0.06", birth_date=BORN, paid_on=PAID, tax="table:33:1"
    )
    invoice = invoice_for_net(inp, SWEDEN)
    assert salary(invoiced=str(invoice), fee_rate="0.06", tax="table:33:1").net_pay >= 20000
    less = salary(invoiced=str(invoice - D("0.01")), fee_rate="0.06", tax="table:33:1")
    assert less.net_pay < 20000


def test_table_mode_net_can_fall_at_a_row_start() -> None:
    # Documented property of Skatteverket's tables, not of this library: 20 000 kr is in
    # row 19 901–20 000 (3 391 kr), 20 001 in row 20 001–20 200 (3 439 kr), so one more
    # krona of pay gives 16 562 instead of 16 609 kr net.
    low = salary(gross="20000", holiday_pay=HolidayPayPolicy.NONE, tax="table:33:1")
    high = salary(gross="20001", holiday_pay=HolidayPayPolicy.NONE, tax="table:33:1")
    assert (low.net_pay, high.net_pay) == (D("16609.00"), D("16562.00"))


def test_trace_has_a_line_per_field_in_order() -> None:
    r = salary(invoiced="30000", fee_rate="0.06")
    assert tuple(line.field for line in r.trace) == FIELDS
    for line in r.trace:
        assert line.amount == getattr(r, line.field)
        assert line.formula
        assert line.reference
    assert r.line("holiday_pay").parameters == {"holiday.rate": "0.12"}
    assert r.line("employer_contributions").parameters["contributions.full_rate"] == "0.3142"
    assert r.line("fee").formula == "30000 × 6 % = 1800.00"
    data = r.as_dict()
    assert set(data) == {*FIELDS, "trace"}
    assert data["net_pay"] == "15019.96"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "pay"),
        ({"invoiced": "100", "budget": "100", "fee_rate": "0"}, "pay"),
        ({"invoiced": "100"}, "fee_rate"),
        ({"invoiced": "-100", "fee_rate": "0.06"}, "invoiced"),
        ({"gross": "100.001"}, "gross"),
        ({"gross": 100.0}, "amount"),
        ({"gross": "100", "birth_date": date(2027, 1, 1)}, "birth_date"),
        ({"gross": "100", "fee_rate": "1.5"}, "fee_rate"),
        ({"gross": "100", "paid_this_month": "5", "paid_this_year": "4"}, "paid_this_month"),
        ({"gross": "100", "tax": "table:99:1"}, "tax"),
    ],
)
def test_bad_input(fields: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError, match=field):
        salary(**fields)


def test_fee_and_expenses_above_invoice() -> None:
    with pytest.raises(InputError, match="expenses"):
        salary(invoiced="1000", fee_rate="0.06", expenses="999")


def test_year_without_parameters() -> None:
    with pytest.raises(RulesError):
        salary(gross="100", paid_on=date(2024, 6, 25))


@pytest.mark.parametrize(
    "name",
    [
        "kooperativ.payroll",
        "kooperativ.payroll.model",
        "kooperativ.payroll.solver",
        "kooperativ.payroll.trace",
        "kooperativ.countries.se.payroll",
        "kooperativ.countries.se",
        "kooperativ.rules.country",
        "kooperativ.services.payroll",
        "kooperativ.countries.se.contributions",
        "kooperativ.countries.se.holiday",
    ],
)
def test_docstring_examples(name: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0


def test_parameter_reference_is_up_to_date() -> None:
    from pathlib import Path

    from kooperativ.payroll.reference import render_country_reference

    page = Path(__file__).resolve().parents[2] / "docs" / "parameters.md"
    expected = render_country_reference("SE")
    assert page.read_text(encoding="utf-8") == expected, (
        "docs/parameters.md is out of date: run "
        "python -m kooperativ.payroll.reference SE > docs/parameters.md"
    )

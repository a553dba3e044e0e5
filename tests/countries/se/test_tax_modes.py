# SPDX-License-Identifier: EUPL-1.2
"""Swedish tax modes and the preliminary-tax entry point."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.countries.se.tax import (
    TAX_MODE_ADAPTER,
    Adjusted,
    ComputedTables,
    LoadedTables,
    NoInformation,
    OneOff,
    SideIncome,
    Sink,
    TableTax,
    compute_table,
    parse_tax_mode,
    preliminary_tax,
)
from kooperativ.errors import InputError, RulesError

JAN_2026 = date(2026, 1, 25)
JAN_2025 = date(2025, 1, 24)


def shared_csv(year: int) -> Path:
    """The official CSV of ``year`` in ../shared (or $KOOPERATIV_SHARED), else skip."""
    folder = Path(
        os.environ.get("KOOPERATIV_SHARED") or Path(__file__).resolve().parents[3].parent / "shared"
    )
    path = folder / "skatteverket" / f"manadstabeller-{year}.csv"
    if not path.is_file():
        pytest.skip(f"{path} not found (set KOOPERATIV_SHARED to the shared folder)")
    return path


# -- table ----------------------------------------------------------------------------------
def test_table_tax_result_explains_itself() -> None:
    result = preliminary_tax(TableTax(table=33, column=1), Decimal("35000.50"), JAN_2026)
    assert result.amount == Decimal(7134)
    assert result.rule == "Skattetabell 33, kolumn 1 (2026)"
    assert "SKVFS 2025:20" in result.reference
    assert result.parameters["row"] == "34801–35000"
    assert result.parameters["row_amount"] == "7134"
    assert result.parameters["year"] == "2026"
    assert "34801–35000" in result.formula


def test_table_tax_follows_the_payment_year() -> None:
    mode = TableTax(table=33, column=1)
    assert preliminary_tax(mode, Decimal(35_000), date(2025, 12, 31)).amount == Decimal(7467)
    assert preliminary_tax(mode, Decimal(35_000), date(2026, 1, 1)).amount == Decimal(7134)


def test_table_tax_percent_row() -> None:
    result = preliminary_tax(TableTax(table=33, column=1), Decimal(90_000), JAN_2026)
    assert result.amount == Decimal(31_500)
    assert result.parameters["row_percent"] == "35"


def test_table_tax_column_3() -> None:
    assert preliminary_tax(TableTax(table=32, column=3), Decimal(25_000), JAN_2026).amount == 2006


def test_year_without_parameters_is_named() -> None:
    with pytest.raises(RulesError, match="2024"):
        preliminary_tax(TableTax(table=33, column=1), Decimal(30_000), date(2024, 12, 25))
    with pytest.raises(RulesError, match="2024"):
        preliminary_tax(Sink(), Decimal(30_000), date(2024, 12, 25))


@pytest.mark.shared
def test_loaded_source_gives_the_same_result() -> None:
    loaded = LoadedTables.from_files(shared_csv(2025), shared_csv(2026))
    for pay in ("1999", "2001", "35000", "80000", "80001", "123456.78", "2500000"):
        for paid_on in (JAN_2025, JAN_2026):
            for column in (1, 3):
                mode = TableTax(table=31, column=column)
                ours = preliminary_tax(mode, Decimal(pay), paid_on)
                theirs = preliminary_tax(mode, Decimal(pay), paid_on, source=loaded)
                assert ours.amount == theirs.amount, (pay, paid_on, column)
    result = preliminary_tax(TableTax(table=33, column=5), Decimal(35_000), JAN_2026, source=loaded)
    assert result.amount == Decimal(10_918)
    with pytest.raises(InputError, match="2024"):
        preliminary_tax(TableTax(table=33, column=1), Decimal(1), date(2024, 1, 1), source=loaded)


def test_computed_source_cannot_do_pension_columns() -> None:
    with pytest.raises(InputError, match="column 2"):
        preliminary_tax(TableTax(table=33, column=2), Decimal(35_000), JAN_2026)


def test_pay_must_be_a_non_negative_decimal() -> None:
    with pytest.raises(InputError, match="negative"):
        preliminary_tax(SideIncome(), Decimal(-1), JAN_2026)
    with pytest.raises(InputError, match="float"):
        preliminary_tax(SideIncome(), 100.0, JAN_2026)  # type: ignore[arg-type]


# -- flat rates -----------------------------------------------------------------------------
def test_side_income_is_30_percent_rounded_down() -> None:
    result = preliminary_tax(SideIncome(), Decimal("10000.75"), JAN_2026)
    assert result.amount == Decimal(3000)
    assert result.rule == "Sidoinkomst 30 % (2026)"
    assert result.parameters == {"tax.side_income.rate": "0.30", "year": "2026"}
    assert preliminary_tax(SideIncome(), Decimal("3.33"), JAN_2026).amount == 0


def test_sink_on_both_sides_of_the_2026_change() -> None:
    pay = Decimal(10_001)
    assert preliminary_tax(Sink(), pay, date(2025, 12, 31)).amount == Decimal(2500)
    new = preliminary_tax(Sink(), pay, date(2026, 1, 1))
    assert new.amount == Decimal(2250)  # 2 250.225 rounded down
    assert new.rule == "SINK 22.5 % (2026)"
    assert "1991:586" in new.reference


# -- engångsbelopp --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("annual", "tax"),
    [
        ("0", 0),
        ("25041", 0),
        ("25041.99", 0),
        ("25042", 1000),
        ("82800", 1000),
        ("82801", 2100),
        ("192000", 2100),
        ("192001", 2600),
        ("477600", 2600),
        ("477601", 3400),
        ("660000", 3400),
        ("660001", 5400),
        ("5000000", 5400),
    ],
)
def test_one_off_brackets_2026(annual: str, tax: int) -> None:
    result = preliminary_tax(OneOff(annual_income=Decimal(annual)), Decimal(10_000), JAN_2026)
    assert result.amount == Decimal(tax)


def test_one_off_2025_table_is_missing() -> None:
    with pytest.raises(RulesError, match="2025"):
        preliminary_tax(OneOff(annual_income=Decimal(300_000)), Decimal(10_000), JAN_2025)


# -- jämkning -------------------------------------------------------------------------------
def test_adjusted_percent_and_amount() -> None:
    decision = Adjusted(
        percent=Decimal("12.5"),
        decision_date=date(2025, 12, 1),
        valid_from=date(2026, 1, 1),
        valid_to=date(2026, 12, 31),
    )
    result = preliminary_tax(decision, Decimal("10000.99"), JAN_2026)
    assert result.amount == Decimal(1250)
    assert "2025-12-01" in result.reference
    fixed = Adjusted(amount=Decimal(1500))
    assert preliminary_tax(fixed, Decimal(10_000), JAN_2026).amount == Decimal(1500)
    # never more than the pay
    assert preliminary_tax(fixed, Decimal("900.50"), JAN_2026).amount == Decimal(900)


def test_adjusted_outside_its_period() -> None:
    decision = Adjusted(
        percent=Decimal(20), valid_from=date(2026, 2, 1), valid_to=date(2026, 6, 30)
    )
    with pytest.raises(InputError, match="does not cover"):
        preliminary_tax(decision, Decimal(10_000), JAN_2026)
    with pytest.raises(InputError, match="does not cover"):
        preliminary_tax(decision, Decimal(10_000), date(2026, 7, 1))
    assert preliminary_tax(decision, Decimal(10_000), date(2026, 6, 30)).amount == Decimal(2000)


def test_adjusted_needs_exactly_one_figure() -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        Adjusted()
    with pytest.raises(ValidationError, match="exactly one"):
        Adjusted(percent=Decimal(10), amount=Decimal(10))
    with pytest.raises(ValidationError, match="valid_to"):
        Adjusted(percent=Decimal(10), valid_from=date(2026, 2, 1), valid_to=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="float"):
        Adjusted(percent=12.5)


# -- no information -------------------------------------------------------------------------
def test_no_information_is_110_percent_of_the_table() -> None:
    result = preliminary_tax(NoInformation(table=33, column=1), Decimal(35_000), JAN_2026)
    assert result.amount == Decimal(7847)  # 7 134 × 1.10 = 7 847.4, rounded down
    assert result.parameters["table_amount"] == "7134"
    assert result.parameters["tax.no_information.surcharge"] == "0.10"
    assert "110" in result.reference or "10 %" in result.reference
    assert result.rule == "Förhöjt skatteavdrag: skattetabell 33, kolumn 1 (2026) + 10 %"


# -- parsing --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("table:33:1", TableTax(table=33, column=1)),
        (" TABLE:29:3 ", TableTax(table=29, column=3)),
        ("table:42:6", TableTax(table=42, column=6)),
        ("no-info:31:1", NoInformation(table=31, column=1)),
        ("side-income", SideIncome()),
        ("sink", Sink()),
        ("adjusted:25", Adjusted(percent=Decimal(25))),
        ("adjusted:22,5", Adjusted(percent=Decimal("22.5"))),
        ("adjusted:12.5%", Adjusted(percent=Decimal("12.5"))),
        ("one-off:350000", OneOff(annual_income=Decimal(350_000))),
        ("one-off:350 000", OneOff(annual_income=Decimal(350_000))),
    ],
)
def test_parse_tax_mode(text: str, expected: object) -> None:
    assert parse_tax_mode(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("table:28:1", "table 28 does not exist"),
        ("table:43:1", "table 43 does not exist"),
        ("table:33:0", "column 0 does not exist"),
        ("table:33:7", "column 7 does not exist"),
        ("table:x:1", "not a whole number"),
        ("table:33", "takes 2 value(s)"),
        ("table:33:1:1", "takes 2 value(s)"),
        ("no-info:50:1", "table 50"),
        ("sink:1", "takes 0 value(s)"),
        ("adjusted", "takes 1 value(s)"),
        ("adjusted:abc", "not a number"),
        ("adjusted:101", "must be at most 100"),
        ("one-off:-5", "must be at least 0"),
        ("one-off:nan", "finite"),
        ("weekly", "unknown tax mode"),
        ("", "unknown tax mode"),
    ],
)
def test_parse_tax_mode_errors(text: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_tax_mode(text)
    assert caught.value.field == "tax"
    assert reason in caught.value.reason


def test_modes_from_mappings() -> None:
    assert TAX_MODE_ADAPTER.validate_python({"kind": "sink"}) == Sink()
    mode = TAX_MODE_ADAPTER.validate_python({"kind": "table", "table": 33, "column": 1})
    assert mode == TableTax(table=33, column=1)
    adjusted = TAX_MODE_ADAPTER.validate_python({"kind": "adjusted", "amount": "1200"})
    assert isinstance(adjusted, Adjusted) and adjusted.amount == Decimal(1200)
    with pytest.raises(ValidationError):
        TAX_MODE_ADAPTER.validate_python({"kind": "table", "table": 33, "column": 1, "x": 1})
    with pytest.raises(ValidationError):
        TAX_MODE_ADAPTER.validate_python({"kind": "weekly"})
    with pytest.raises(ValidationError, match="float"):
        OneOff(annual_income=1.5)
    frozen = TableTax(table=33, column=1)
    with pytest.raises(ValidationError):
        frozen.table = 34  # type: ignore[misc]


# -- properties -----------------------------------------------------------------------------
# Checked first against the official 2025 and 2026 files: within the kronor rows the
# deduction never decreases as the income grows, in every table and column. (It does drop
# from the 80 000 kr row to the first percent row, e.g. table 32: 25 944 → 25 600 kr.)
TABLES = st.integers(min_value=29, max_value=42)
COLUMNS = st.sampled_from((1, 3))
YEARS = st.sampled_from((2025, 2026))
KRONOR_ROWS = st.integers(min_value=0, max_value=80_000)
PAY = st.decimals(min_value=0, max_value=3_000_000, places=2, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(YEARS, TABLES, COLUMNS, KRONOR_ROWS, KRONOR_ROWS)
def test_more_income_never_less_tax_in_kronor_rows(
    year: int, table: int, column: int, low: int, high: int
) -> None:
    low, high = sorted((low, high))
    computed = compute_table(load_swedish_parameters(), year, table, column)
    assert computed.deduction(Decimal(low)) <= computed.deduction(Decimal(high))


@settings(max_examples=300, deadline=None)
@given(YEARS, TABLES, COLUMNS, PAY)
def test_table_tax_is_whole_non_negative_and_below_pay(
    year: int, table: int, column: int, pay: Decimal
) -> None:
    result = preliminary_tax(TableTax(table=table, column=column), pay, date(year, 6, 25))
    assert result.amount >= 0
    assert result.amount == result.amount.to_integral_value()
    assert result.amount <= pay


MODES = st.one_of(
    st.builds(NoInformation, table=TABLES, column=COLUMNS),
    st.just(SideIncome()),
    st.just(Sink()),
    st.builds(OneOff, annual_income=st.decimals(0, 10_000_000, places=0)),
    st.builds(Adjusted, percent=st.decimals(0, 100, places=2)),
    st.builds(Adjusted, amount=st.decimals(0, 100_000, places=0)),
)


@settings(max_examples=300, deadline=None)
@given(MODES, PAY)
def test_every_mode_is_whole_non_negative_and_below_pay(mode: object, pay: Decimal) -> None:
    result = preliminary_tax(mode, pay, JAN_2026)  # type: ignore[arg-type]
    assert result.amount >= 0
    assert result.amount == result.amount.to_integral_value()
    assert result.amount <= pay
    assert result.rule and result.reference and result.formula


def test_computed_tables_source_repr() -> None:
    source = ComputedTables()
    assert source.table(2026, 33, 1) == compute_table(load_swedish_parameters(), 2026, 33, 1)

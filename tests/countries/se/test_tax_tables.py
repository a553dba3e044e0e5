# SPDX-License-Identifier: EUPL-1.2
"""Swedish monthly tax tables: computed (SKV 433) against Skatteverket's published files."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.countries.se.tax import (
    LoadedTables,
    TableFileError,
    TaxRow,
    TaxTable,
    annual_tax,
    compute_table,
    read_published,
)
from kooperativ.countries.se.tax import tables as tables_module
from kooperativ.errors import InputError, KooperativError, RulesError

YEARS = (2025, 2026)
TABLES = range(29, 43)
COLUMNS = (1, 3)
#: Data rows of the official files (sweden-payroll.md §2.1).
OFFICIAL_ROWS = {2025: 7934, 2026: 7966}
#: Kronor rows per table: 1–2 000, 100 kr rows to 20 000, 200 kr rows to 80 000.
AMOUNT_ROWS = 481


def shared_folder() -> Path:
    """``../shared`` next to the repository, or ``$KOOPERATIV_SHARED``."""
    configured = os.environ.get("KOOPERATIV_SHARED")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3].parent / "shared"


def official_csv(year: int) -> Path:
    """The official CSV of ``year``, or skip the test with the reason."""
    path = shared_folder() / "skatteverket" / f"manadstabeller-{year}.csv"
    if not path.is_file():
        pytest.skip(f"{path} not found (set KOOPERATIV_SHARED to the shared folder)")
    return path


def read_official(year: int) -> list[list[str]]:
    """The data rows of the official CSV, read with the csv module only."""
    path = official_csv(year)
    encoding = "iso-8859-1" if year == 2025 else "utf-8"
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        assert header[:5] == ["År", "Antal dgr", "Tabellnr", "Inkomst fr.o.m.", "Inkomst t.o.m."]
        return list(reader)


def column_view(records: list[list[str]], table: int, column: int) -> list[TaxRow]:
    """One column of one official table; neighbouring equal percent rows merged (the file
    splits percent rows by all six columns)."""
    rows: list[TaxRow] = []
    for record in records:
        if int(record[2]) != table:
            continue
        low = int(record[3])
        high = int(record[4]) if record[4] else None
        value = Decimal(record[4 + column])
        if record[1] == "30B":
            rows.append(TaxRow(low, high, value, None))
        elif rows and rows[-1].percent == value:
            rows[-1] = TaxRow(rows[-1].income_from, high, None, value)
        else:
            assert record[1] == "30%", record
            rows.append(TaxRow(low, high, None, value))
    return rows


# -- every cell, both years ---------------------------------------------------------------
@pytest.mark.shared
@pytest.mark.parametrize("year", YEARS)
def test_computed_tables_equal_official_file(year: int) -> None:
    records = read_official(year)
    assert len(records) == OFFICIAL_ROWS[year]
    params = load_swedish_parameters()
    mismatches: list[str] = []
    compared = {"amount": 0, "percent": 0, "official percent rows": 0}
    for table in TABLES:
        for column in COLUMNS:
            computed = compute_table(params, year, table, column).rows
            official = column_view(records, table, column)
            compared["official percent rows"] += sum(
                1 for r in records if int(r[2]) == table and r[1] == "30%"
            )
            assert sum(1 for row in computed if row.amount is not None) == AMOUNT_ROWS
            for index, (ours, theirs) in enumerate(zip(computed, official, strict=False)):
                compared["amount" if theirs.amount is not None else "percent"] += 1
                if ours != theirs:
                    mismatches.append(f"table {table} col {column} row {index}: {ours} != {theirs}")
            if len(computed) != len(official):
                mismatches.append(
                    f"table {table} col {column}: {len(computed)} rows, official {len(official)}"
                )
    assert not mismatches, f"{len(mismatches)} mismatches, first: " + "; ".join(mismatches[:5])
    assert compared["amount"] == len(TABLES) * len(COLUMNS) * AMOUNT_ROWS


@pytest.mark.shared
@pytest.mark.parametrize("year", YEARS)
def test_every_official_row_lies_inside_a_computed_row_with_its_value(year: int) -> None:
    """Row boundaries: each raw official row (before merging) is covered by one computed
    row with the same value, and every computed boundary is an official boundary."""
    records = read_official(year)
    params = load_swedish_parameters()
    for table in TABLES:
        official = [r for r in records if int(r[2]) == table]
        official_ends = {int(r[4]) for r in official if r[4]}
        for column in COLUMNS:
            computed = compute_table(params, year, table, column)
            for record in official:
                low = int(record[3])
                row = computed.row_for(Decimal(low))
                assert row is not None
                high = int(record[4]) if record[4] else None
                assert row.income_from <= low
                assert row.income_to is None or (high is not None and high <= row.income_to)
                value = row.amount if row.amount is not None else row.percent
                assert value == Decimal(record[4 + column]), (table, column, record)
            ends = {row.income_to for row in computed.rows if row.income_to is not None}
            assert ends <= official_ends


@pytest.mark.shared
@pytest.mark.parametrize("year", YEARS)
def test_loaded_tables_equal_computed(year: int) -> None:
    loaded = LoadedTables.from_file(official_csv(year))
    params = load_swedish_parameters()
    assert loaded.years == (year,)
    for table in TABLES:
        for column in COLUMNS:
            assert loaded.table(year, table, column) == compute_table(params, year, table, column)


def test_all_tables_of_a_year_compute_from_a_cold_cache() -> None:
    # Every table of columns 1 and 3 computes, cache cleared, and equals the cached one.
    # How fast is measured in benchmarks/bench_salary.py (no wall clock in tests).
    params = load_swedish_parameters()
    for year in YEARS:
        cached = {(t, c): compute_table(params, year, t, c) for t in TABLES for c in COLUMNS}
        tables_module._build.cache_clear()
        for (table, column), expected in cached.items():
            assert compute_table(params, year, table, column) == expected


def test_tables_are_cached() -> None:
    params = load_swedish_parameters()
    assert compute_table(params, 2026, 33, 1) is compute_table(params, 2026, 33, 1)
    resolved = params.at(date(2026, 6, 1))
    assert compute_table(resolved, 2026, 33, 1) is compute_table(params, 2026, 33, 1)


# -- SKV 433 (2026), bilaga 3: worked examples, table 34 column 1 -------------------------
@pytest.mark.parametrize(
    ("income", "expected"),
    [
        (
            216_000,
            dict(
                grundavdrag=42_400,
                taxable=173_600,
                municipal=57_010,
                fee=2_013,
                pension_fee=15_100,
                pension_credit=15_100,
                jobbskatteavdrag=23_316,
                earned_income_reduction=1_002,
                public_service=1_184,
                state=0,
                total=35_889,
            ),
        ),
        (
            31_200,
            dict(
                grundavdrag=25_100,
                taxable=6_100,
                municipal=2_003,
                fee=70,
                pension_fee=2_200,
                pension_credit=2_003,
                jobbskatteavdrag=0,
                earned_income_reduction=0,
                public_service=61,
                state=0,
                total=2_331,
            ),
        ),
        (
            1_020_000,
            dict(
                grundavdrag=17_400,
                taxable=1_002_600,
                municipal=329_253,
                fee=11_630,
                pension_fee=47_100,
                pension_credit=47_100,
                jobbskatteavdrag=53_134,
                earned_income_reduction=1_500,
                public_service=1_184,
                state=71_920,
                total=359_353,
            ),
        ),
    ],
)
def test_skv433_2026_worked_examples(income: int, expected: dict[str, int]) -> None:
    result = annual_tax(load_swedish_parameters(), 2026, 34, 1, income)
    assert {key: getattr(result, key) for key in expected} == expected


# -- published figures quoted in the reference (no files needed) --------------------------
@pytest.mark.parametrize(
    ("year", "table", "column", "income", "tax"),
    [
        # sweden-payroll.md §2.3, sample 2026 values
        (2026, 30, 1, 20_000, 3_089),
        (2026, 31, 1, 25_000, 4_346),
        (2026, 32, 1, 25_000, 4_484),
        (2026, 32, 3, 25_000, 2_006),
        (2026, 32, 1, 40_000, 8_151),
        (2026, 32, 3, 40_000, 4_893),
        (2026, 33, 1, 60_000, 15_995),
        (2026, 34, 1, 60_000, 16_446),
        (2026, 32, 3, 60_000, 12_274),
        (2026, 32, 1, 80_000, 25_944),
        (2026, 32, 3, 80_000, 22_660),
        (2026, 34, 3, 80_000, 24_065),
        (2026, 33, 1, 35_000, 7_134),
        (2026, 33, 3, 35_000, 3_881),
        (2026, 33, 1, 2_001, 150),
        (2026, 33, 1, 79_900, 26_595),
        (2026, 33, 3, 79_900, 23_362),
        # 90 000 kr: 33 % … 36 % in tables 30–34, 31 % in table 32 column 3
        (2026, 30, 1, 90_000, 29_700),
        (2026, 34, 1, 90_000, 32_400),
        (2026, 32, 3, 90_000, 27_900),
        # 2025, from the 2025 file
        (2025, 32, 1, 30_000, 5_945),
        (2025, 32, 1, 40_000, 8_567),
        (2025, 32, 1, 80_000, 26_649),
        (2025, 33, 1, 35_000, 7_467),
    ],
)
def test_published_sample_values(year: int, table: int, column: int, income: int, tax: int) -> None:
    computed = compute_table(load_swedish_parameters(), year, table, column)
    assert computed.deduction(Decimal(income)) == Decimal(tax)


def test_percent_rows_and_top_row_2026() -> None:
    params = load_swedish_parameters()
    table33 = compute_table(params, 2026, 33, 1)
    first_percent = table33.row_for(Decimal(80_001))
    assert first_percent is not None and first_percent.percent == Decimal(33)
    assert first_percent.income_from == 80_001
    top = table33.rows[-1]
    assert top.income_to is None and top.percent == Decimal(52)
    assert compute_table(params, 2026, 33, 3).rows[-1].percent == Decimal(52)
    # 32 % of 80 001 kr, rounded down: less than the 80 000 kr row (25 944 kr)
    assert compute_table(params, 2026, 32, 1).deduction(Decimal(80_001)) == Decimal(25_600)


def test_published_percent_follows_binary_rounding() -> None:
    """Skatteverket's percentages behave like binary floating point on exact halves."""
    published = tables_module._published_percent
    # 2026 table 39 column 1, U = 1 113 400: exactly 57.5 %, published 57.
    assert published(640_205, 1_113_400) == 57
    assert published(22_857, 80_200) == 28  # exactly 28.5, binary 28.4999…
    assert published(16_441, 80_200) == 21  # exactly 20.5, binary 20.5
    assert published(26_000, 80_200) == 32  # 32.42…
    assert published(0, 80_200) == 0


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize(("table", "column"), [(29, 1), (35, 3), (42, 1), (42, 3)])
def test_integer_fast_path_equals_the_full_computation(year: int, table: int, column: int) -> None:
    inputs = tables_module._inputs(load_swedish_parameters(), year)
    uppers = range(80_200, 2_000_001, 19_800)
    saturated = tables_module._saturated(inputs, table, column, uppers[0] * 12)
    assert saturated is not None
    for upper, percent in saturated.percents(uppers):
        monthly = tables_module._monthly(inputs, table, column, upper)
        assert percent == tables_module._published_percent(monthly, upper), upper
    # below the last bracket limits the fast path is refused
    assert tables_module._saturated(inputs, table, column, 30_000 * 12) is None


def test_deduction_rounding() -> None:
    table = compute_table(load_swedish_parameters(), 2026, 33, 1)
    assert table.deduction(Decimal("35000.99")) == Decimal(7_134)
    assert table.deduction(Decimal("34800.99")) == table.deduction(Decimal(34_800))
    assert table.deduction(Decimal("0.99")) == 0
    assert table.deduction(Decimal(0)) == 0
    # percent row: floor(income × 35 / 100), income öre dropped first
    assert table.deduction(Decimal("90001.99")) == Decimal(31_500)
    with pytest.raises(InputError):
        table.deduction(Decimal(-1))


def test_compute_table_rejects_unknown_table_column_and_year() -> None:
    params = load_swedish_parameters()
    with pytest.raises(InputError, match="table 28"):
        compute_table(params, 2026, 28, 1)
    with pytest.raises(InputError, match="column 2"):
        compute_table(params, 2026, 33, 2)
    with pytest.raises(RulesError, match="2024"):
        compute_table(params, 2024, 33, 1)
    with pytest.raises(InputError, match="2025"):
        compute_table(params.at(date(2025, 3, 1)), 2026, 33, 1)


def test_table_validates_rows() -> None:
    with pytest.raises(RulesError, match="starts at"):
        TaxTable(2026, 33, 1, (TaxRow(1, 10, Decimal(0), None), TaxRow(12, None, None, Decimal(1))))
    with pytest.raises(RulesError, match="open-ended"):
        TaxTable(2026, 33, 1, (TaxRow(1, 10, Decimal(0), None),))
    with pytest.raises(RulesError, match="exactly one"):
        TaxTable(2026, 33, 1, (TaxRow(1, None, Decimal(0), Decimal(1)),))


# -- the loader ---------------------------------------------------------------------------
@pytest.mark.shared
@pytest.mark.parametrize("year", YEARS)
def test_csv_round_trips_byte_for_byte(year: int) -> None:
    path = official_csv(year)
    published = read_published(path)
    assert published.format == "csv"
    assert published.encoding == ("iso-8859-1" if year == 2025 else "utf-8")
    assert published.newline == ("\r\n" if year == 2025 else "\n")
    assert published.column_count == (7 if year == 2025 else 6)
    assert len(published.rows) == OFFICIAL_ROWS[year]
    assert published.to_csv() == path.read_bytes()


@pytest.mark.shared
def test_loaded_tables_from_two_files() -> None:
    loaded = LoadedTables.from_files(official_csv(2025), official_csv(2026))
    assert loaded.years == (2025, 2026)
    assert loaded.table(2026, 33, 6).deduction(Decimal(2_050)) == Decimal(2)
    assert loaded.table(2026, 33, 4).deduction(Decimal(80_000)) == Decimal(23_386)
    with pytest.raises(InputError, match="2024"):
        loaded.table(2024, 33, 1)
    with pytest.raises(TableFileError, match="kolumn 7"):
        loaded.table(2025, 33, 7)  # present in the header, empty in every row
    with pytest.raises(InputError, match="column 7"):
        loaded.table(2026, 33, 7)


def _txt_line(kind: str, table: int, low: int, high: int | None, values: list[int]) -> str:
    to = "" if high is None else str(high)
    return f"30{kind}{table:2d}{low:>7}{to:>7}" + "".join(f"{v:>5}" for v in values)


HEADER = "År;Antal dgr;Tabellnr;Inkomst fr.o.m.;Inkomst t.o.m.;Kolumn 1\n"

SAMPLE_TXT = "\r\n".join(
    [
        _txt_line("B", 33, 1, 2_000, [0, 0, 0, 0, 0, 0]),
        _txt_line("B", 33, 2_001, 2_100, [150, 0, 150, 0, 150, 2]),
        _txt_line("B", 33, 2_101, 79_800, [26_489, 26_361, 23_256, 23_280, 30_782, 30_782]),
        _txt_line("B", 33, 79_801, 80_000, [26_595, 26_467, 23_362, 23_386, 30_888, 30_888]),
        _txt_line("%", 33, 80_001, 81_000, [33, 33, 29, 29, 39, 39]),
        _txt_line("%", 33, 81_001, 82_000, [33, 34, 29, 29, 39, 39]),
        _txt_line("%", 33, 82_001, None, [52, 52, 52, 44, 52, 52]),
    ]
)


def test_fixed_width_text_parses(tmp_path: Path) -> None:
    path = tmp_path / "allmanna-tabeller-manad.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE_TXT.encode("utf-8") + b"\r\n")
    published = read_published(path, year=2026)
    assert published.format == "text"
    assert [row.columns for row in published.rows][3] == (26595, 26467, 23362, 23386, 30888, 30888)
    assert published.rows[-1].income_to is None
    loaded = LoadedTables.from_file(path, year=2026)
    column1 = loaded.table(2026, 33, 1)
    # the two 33 % rows of column 1 are one row (they differ only in column 2)
    assert [(r.income_from, r.income_to) for r in column1.rows[-2:]] == [
        (80_001, 82_000),
        (82_001, None),
    ]
    assert column1.deduction(Decimal(79_900)) == Decimal(26_595)
    assert column1.deduction(Decimal(81_500)) == Decimal(26_895)
    assert loaded.table(2026, 33, 2).rows[-3].percent == Decimal(33)
    assert column1.source == "allmanna-tabeller-manad.txt"


def test_fixed_width_text_in_utf16(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(SAMPLE_TXT.encode("utf-16"))
    assert len(read_published(path, year=2014).rows) == 7


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        (
            HEADER + "2026;30B;33;1;x;0\n",
            2,
            "whole number",
        ),
        (
            HEADER + "2026;30B;33;1;2000\n",
            2,
            "fields",
        ),
        (
            HEADER + "2026;14B;33;1;;0\n",
            2,
            "30B or 30%",
        ),
        (
            HEADER + "2026;30B;33;1;2000;0\n2026;30%;33;2002;;30\n",
            3,
            "expected 2001",
        ),
        (
            HEADER + "2026;30B;33;1;2000;0\n",
            0,
            "open-ended",
        ),
        ("År;Antal dgr;Tabellnr;Inkomst;Inkomst t.o.m.;Kolumn 1\n", 1, "header"),
        ("År;Antal dgr;Tabellnr;Inkomst fr.o.m.;Inkomst t.o.m.;Kol 1\n", 1, "Kolumn 1"),
        (_txt_line("B", 33, 1, 2_000, [0, 0, 0, 0, 0, 0])[:30] + "\n", 1, "characters"),
        (
            _txt_line("B", 33, 1, None, [0, 0, 0, 0, 0, 0]).replace(" 0", " x", 1) + "\n",
            1,
            "kolumn",
        ),
        ("", 0, "empty"),
    ],
)
def test_bad_files_name_file_line_and_reason(
    tmp_path: Path, content: str, line: int, reason: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TableFileError) as caught:
        read_published(path, year=2026)
    error = caught.value
    assert isinstance(error, KooperativError)
    assert error.file == str(path)
    assert error.line == line
    assert reason in str(error)
    assert str(path) in str(error)


def test_text_file_needs_a_year(tmp_path: Path) -> None:
    path = tmp_path / "allmanna-tabeller-manad.txt"
    path.write_text(SAMPLE_TXT, encoding="utf-8")
    with pytest.raises(TableFileError, match="year"):
        read_published(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(TableFileError, match="cannot be read"):
        LoadedTables.from_file(tmp_path / "missing.csv")


def _rows(table: TaxTable) -> Iterator[tuple[int, int | None]]:
    for row in table.rows:
        yield row.income_from, row.income_to


def test_computed_layout_2026() -> None:
    table = compute_table(load_swedish_parameters(), 2026, 29, 1)
    bounds = list(_rows(table))
    assert bounds[0] == (1, 2_000)
    assert bounds[1] == (2_001, 2_100)
    assert bounds[180] == (19_901, 20_000)
    assert bounds[181] == (20_001, 20_200)
    assert bounds[480] == (79_801, 80_000)
    assert bounds[481][0] == 80_001
    assert bounds[-1][1] is None

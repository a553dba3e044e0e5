# SPDX-License-Identifier: EUPL-1.2
"""Skatteverket's published tax tables (*skattetabeller för månadslön*) read from file.

Skatteverket publishes the monthly tables in two machine-readable forms: the open-data CSV
("Skattetabeller för månadslön", header ``År;Antal dgr;Tabellnr;Inkomst fr.o.m.;Inkomst
t.o.m.;Kolumn 1;…``, ISO-8859-1 or UTF-8) and the fixed-width text file
``allmanna-tabeller-manad.txt``. Each row holds all columns of one income band; ``30B``
rows give kronor, ``30%`` rows a percentage of the whole income.

A published percent row is split wherever *any* of the six columns changes, so a single
column has neighbouring rows with the same value. :class:`LoadedTables` merges those (the
deduction is the same), so a loaded column equals the computed one row for row.

>>> tables = LoadedTables.from_file("manadstabeller-2026.csv")  # doctest: +SKIP
>>> tables.table(2026, 33, 1).deduction(Decimal("35000"))  # doctest: +SKIP
Decimal('7134')
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from kooperativ.errors import InputError, Phrase, Term, os_reason

from .tables import TaxRow, TaxTable

__all__ = [
    "LoadedTables",
    "PublishedFile",
    "PublishedRow",
    "TableFileError",
    "read_published",
]

_CSV_HEADER = ("År", "Antal dgr", "Tabellnr", "Inkomst fr.o.m.", "Inkomst t.o.m.")
_MONTHLY_DAYS = 30  # "30" marks the monthly tables (antal dagar)
_KINDS: dict[str, Literal["amount", "percent"]] = {"B": "amount", "%": "percent"}
# Fixed-width layout of allmanna-tabeller-manad.txt (0-based, end exclusive).
_TXT_DAYS = slice(0, 2)
_TXT_KIND = slice(2, 3)
_TXT_TABLE = slice(3, 5)
_TXT_FROM = slice(5, 12)
_TXT_TO = slice(12, 19)
_TXT_FIRST_COLUMN = 19
_TXT_COLUMN_WIDTH = 5
_TXT_COLUMNS = 6


class TableFileError(InputError):
    """A published tax-table file is malformed.

    Args:
        file: The file's path (or name).
        line: The 1-based line number (0 for the file as a whole).
        reason: What is wrong (a template if ``params`` are given).
        **params: Values for the placeholders in ``reason``.
    """

    def __init__(self, file: str, line: int, reason: str, /, **params: object) -> None:
        if line:
            super().__init__(
                file, "line {line}: {reason}", line=line, reason=Phrase(reason, **params)
            )
        else:
            super().__init__(file, reason, **params)
        self.file = file
        self.line = line


@dataclass(frozen=True)
class PublishedRow:
    """One row of a published file, all columns.

    Attributes:
        year: The table year (from the CSV, or given for the text file).
        kind: ``"amount"`` (``30B``, kronor) or ``"percent"`` (``30%``).
        table: The table number.
        income_from: Lowest monthly income of the row.
        income_to: Highest monthly income, ``None`` for the open-ended last row.
        columns: Kolumn 1…N; ``None`` where the file leaves a column empty.
        line: The line number in the file.
    """

    year: int
    kind: Literal["amount", "percent"]
    table: int
    income_from: int
    income_to: int | None
    columns: tuple[int | None, ...]
    line: int


@dataclass(frozen=True)
class PublishedFile:
    """A whole published file: its rows and how it was written.

    Attributes:
        path: The file's path.
        format: ``"csv"`` (open data) or ``"text"`` (fixed width).
        encoding: The text encoding found (``"utf-8"``, ``"iso-8859-1"``, ``"utf-16"``).
        newline: The line ending found (``"\\r\\n"`` or ``"\\n"``).
        column_count: Number of ``Kolumn`` fields (CSV) or 6 (text file).
        rows: The data rows in file order.
    """

    path: Path
    format: Literal["csv", "text"]
    encoding: str
    newline: str
    column_count: int
    rows: tuple[PublishedRow, ...]
    bom: bool = False

    def to_csv(self) -> bytes:
        """The rows as Skatteverket's open-data CSV, in this file's encoding and line ends.

        For a file read from CSV this gives back the original bytes.
        """
        header = ";".join((*_CSV_HEADER, *(f"Kolumn {n}" for n in range(1, self.column_count + 1))))
        lines = [header]
        for row in self.rows:
            kind = "30B" if row.kind == "amount" else "30%"
            to = "" if row.income_to is None else str(row.income_to)
            values = ";".join("" if v is None else str(v) for v in row.columns)
            lines.append(f"{row.year};{kind};{row.table};{row.income_from};{to};{values}")
        data = (self.newline.join(lines) + self.newline).encode(self.encoding)
        # The "utf-16" codec writes its own byte-order mark.
        return codecs.BOM_UTF8 + data if self.bom and self.encoding == "utf-8" else data


def _decode(path: Path, data: bytes) -> tuple[str, str, bool]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8", True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", True
        except UnicodeDecodeError as exc:
            raise TableFileError(
                str(path), 0, "not valid UTF-16 (byte {position})", position=exc.start
            ) from None
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        # Skatteverket's open-data CSV export is ISO-8859-1.
        return data.decode("iso-8859-1"), "iso-8859-1", False


def _int(text: str, file: str, line: int, what: str) -> int:
    stripped = text.strip()
    if not stripped.isdigit():
        raise TableFileError(
            file, line, "{what} {text!r} is not a whole number", what=Term(what), text=stripped
        )
    return int(stripped)


def _kind(text: str, file: str, line: int) -> Literal["amount", "percent"]:
    text = text.strip()
    if text[:-1] != str(_MONTHLY_DAYS) or text[-1:] not in _KINDS:
        raise TableFileError(
            file,
            line,
            "'Antal dgr' {text!r} is not 30B or 30% (only monthly tables are read)",
            text=text,
        )
    return _KINDS[text[-1]]


def _parse_csv(file: str, lines: Sequence[str]) -> tuple[int, list[PublishedRow]]:
    header = lines[0].split(";")
    if tuple(h.strip() for h in header[: len(_CSV_HEADER)]) != _CSV_HEADER:
        raise TableFileError(
            file,
            1,
            "header must start with {expected!r}, found {found!r}",
            expected=";".join(_CSV_HEADER),
            found=lines[0][:60],
        )
    count = len(header) - len(_CSV_HEADER)
    for n, name in enumerate(header[len(_CSV_HEADER) :], start=1):
        if name.strip() != f"Kolumn {n}":
            raise TableFileError(
                file, 1, "header field {name!r} should be 'Kolumn {n}'", name=name, n=n
            )
    if count < 1:
        raise TableFileError(file, 1, "the header names no 'Kolumn' fields")
    rows: list[PublishedRow] = []
    for number, text in enumerate(lines[1:], start=2):
        if not text.strip():
            continue
        fields = text.split(";")
        if len(fields) != len(header):
            raise TableFileError(
                file,
                number,
                "expected {expected} fields, found {found}",
                expected=len(header),
                found=len(fields),
            )
        to_text = fields[4].strip()
        rows.append(
            PublishedRow(
                year=_int(fields[0], file, number, "year"),
                kind=_kind(fields[1], file, number),
                table=_int(fields[2], file, number, "table number"),
                income_from=_int(fields[3], file, number, "'Inkomst fr.o.m.'"),
                income_to=None if not to_text else _int(to_text, file, number, "'Inkomst t.o.m.'"),
                columns=tuple(
                    None if not v.strip() else _int(v, file, number, f"'Kolumn {n}'")
                    for n, v in enumerate(fields[len(_CSV_HEADER) :], start=1)
                ),
                line=number,
            )
        )
    return count, rows


def _parse_text(file: str, lines: Sequence[str], year: int | None) -> list[PublishedRow]:
    if year is None:
        raise TableFileError(file, 0, "the fixed-width text file has no year; pass year=")
    width = _TXT_FIRST_COLUMN + _TXT_COLUMN_WIDTH * _TXT_COLUMNS
    rows: list[PublishedRow] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        if len(text) < width:
            raise TableFileError(
                file,
                number,
                "line is {length} characters, the layout needs {width}",
                length=len(text),
                width=width,
            )
        columns = []
        for n in range(_TXT_COLUMNS):
            start = _TXT_FIRST_COLUMN + n * _TXT_COLUMN_WIDTH
            # Fields are read by position: values of 10 000 and more fill the whole field.
            field = text[start : start + _TXT_COLUMN_WIDTH]
            columns.append(
                None if not field.strip() else _int(field, file, number, f"kolumn {n + 1}")
            )
        to_text = text[_TXT_TO].strip()
        rows.append(
            PublishedRow(
                year=year,
                kind=_kind(text[_TXT_DAYS] + text[_TXT_KIND], file, number),
                table=_int(text[_TXT_TABLE], file, number, "table number"),
                income_from=_int(text[_TXT_FROM], file, number, "income from"),
                income_to=None if not to_text else _int(to_text, file, number, "income to"),
                columns=tuple(columns),
                line=number,
            )
        )
    return rows


def _check_rows(file: str, rows: Sequence[PublishedRow]) -> None:
    expected: dict[tuple[int, int], int | None] = {}
    for row in rows:
        key = (row.year, row.table)
        want = expected.get(key, 1)
        if want is None:
            raise TableFileError(
                file,
                row.line,
                "table {table} ({year}) continues after its open-ended row",
                table=row.table,
                year=row.year,
            )
        if row.income_from != want:
            raise TableFileError(
                file,
                row.line,
                "table {table} ({year}): row starts at {start}, "
                "expected {expected} (rows must be contiguous from 1 kr)",
                table=row.table,
                year=row.year,
                start=row.income_from,
                expected=want,
            )
        if row.income_to is not None and row.income_to < row.income_from:
            raise TableFileError(file, row.line, "'Inkomst t.o.m.' is below 'Inkomst fr.o.m.'")
        expected[key] = None if row.income_to is None else row.income_to + 1
    for (year, table), want in expected.items():
        if want is not None:
            raise TableFileError(
                file, 0, "table {table} ({year}) has no open-ended last row", table=table, year=year
            )


def read_published(path: Path | str, *, year: int | None = None) -> PublishedFile:
    """Read a file of Skatteverket's monthly tables (open-data CSV or fixed-width text).

    The format is recognised from the content: a CSV starts with the header ``År;…``.
    Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, else ISO-8859-1.

    Args:
        path: The file.
        year: The table year; required for the fixed-width text file (it has none).

    Returns:
        The rows of the file, all columns.

    Raises:
        TableFileError: Naming the file, the line and the reason of the first problem.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise TableFileError(
            str(file), 0, "cannot be read ({reason})", reason=os_reason(exc)
        ) from None
    text, encoding, bom = _decode(file, data)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    if not lines:
        raise TableFileError(str(file), 0, "the file is empty")
    form: Literal["csv", "text"]
    if lines[0].startswith(_CSV_HEADER[0] + ";"):
        form = "csv"
        count, rows = _parse_csv(str(file), lines)
        if year is not None:
            rows = [row for row in rows if row.year == year]
    else:
        form, count = "text", _TXT_COLUMNS
        rows = _parse_text(str(file), lines, year)
    if not rows:
        raise TableFileError(str(file), 0, "the file has no table rows")
    _check_rows(str(file), rows)
    return PublishedFile(file, form, encoding, newline, count, tuple(rows), bom)


def _column_view(
    rows: Iterable[PublishedRow], year: int, table: int, column: int, source: str
) -> TaxTable:
    merged: list[TaxRow] = []
    for row in rows:
        value = row.columns[column - 1] if column <= len(row.columns) else None
        if value is None:
            raise TableFileError(
                source,
                row.line,
                "kolumn {column} of table {table} ({year}) is empty",
                column=column,
                table=table,
                year=year,
            )
        number = Decimal(value)
        last = merged[-1] if merged else None
        if (
            row.kind == "percent"
            and last is not None
            and last.percent == number
            and last.income_to is not None
        ):
            # The file splits percent rows by all six columns; one column's equal
            # neighbours are one row.
            merged[-1] = TaxRow(last.income_from, row.income_to, None, number)
        elif row.kind == "percent":
            merged.append(TaxRow(row.income_from, row.income_to, None, number))
        else:
            merged.append(TaxRow(row.income_from, row.income_to, number, None))
    return TaxTable(year, table, column, tuple(merged), source=source)


class LoadedTables:
    """A :class:`~kooperativ.countries.se.tax.tables.TableSource` backed by published files.

    Args:
        files: The files read with :func:`read_published` (several years may be combined).
    """

    def __init__(self, files: Iterable[PublishedFile]) -> None:
        self._rows: dict[tuple[int, int], list[PublishedRow]] = {}
        self._source: dict[int, str] = {}
        self._columns: dict[int, int] = {}
        self._cache: dict[tuple[int, int, int], TaxTable] = {}
        for published in files:
            for row in published.rows:
                if row.year in self._source and self._source[row.year] != published.path.name:
                    raise TableFileError(
                        str(published.path),
                        row.line,
                        "tables for {year} were already read from {file}",
                        year=row.year,
                        file=self._source[row.year],
                    )
                self._rows.setdefault((row.year, row.table), []).append(row)
            for year in {row.year for row in published.rows}:
                self._source[year] = published.path.name
                self._columns[year] = published.column_count

    @classmethod
    def from_file(cls, path: Path | str, *, year: int | None = None) -> LoadedTables:
        """Read one file (see :func:`read_published`).

        Raises:
            TableFileError: If the file is malformed.
        """
        return cls([read_published(path, year=year)])

    @classmethod
    def from_files(cls, *paths: Path | str) -> LoadedTables:
        """Read several open-data CSV files (e.g. one per year).

        Raises:
            TableFileError: If a file is malformed or two files hold the same year.
        """
        return cls(read_published(path) for path in paths)

    @property
    def years(self) -> tuple[int, ...]:
        """The years the files hold, ascending."""
        return tuple(sorted(self._source))

    def table(self, year: int, table: int, column: int) -> TaxTable:
        """Column ``column`` of table ``table`` for ``year``, as published.

        Raises:
            InputError: If the files hold no such year, table or column.
        """
        key = (year, table, column)
        if key not in self._cache:
            if year not in self._source:
                found = ", ".join(map(str, self.years)) or "none"
                raise InputError(
                    "year", "no tax tables loaded for {year} (loaded: {found})", year=year,
                    found=found,
                )  # fmt: skip
            rows = self._rows.get((year, table))
            if rows is None:
                raise InputError(
                    "table", "table {table} is not in {file}", table=table,
                    file=self._source[year],
                )  # fmt: skip
            if not 1 <= column <= self._columns[year]:
                raise InputError(
                    "column", "column {column} is not in {file} ({year})", column=column,
                    file=self._source[year], year=year,
                )  # fmt: skip
            self._cache[key] = _column_view(rows, year, table, column, self._source[year])
        return self._cache[key]

    def __repr__(self) -> str:
        return f"LoadedTables(years={self.years})"

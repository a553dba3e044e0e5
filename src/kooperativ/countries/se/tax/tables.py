# SPDX-License-Identifier: EUPL-1.2
"""Skattetabeller (monthly tax tables) computed from the law, the SKV 433 way.

A *skattetabell* is Skatteverket's ready reckoner for *preliminärskatt* (preliminary income
tax) withheld from monthly pay. There is one table per whole-percent local tax rate
(tables 29–42) and six columns per table; column 1 is pay to someone under 66 at the start
of the year, column 3 pay to someone who had turned 66. Each row gives the deduction in
kronor for a monthly income band up to 80 000 kr, and a percentage of the whole income
above it.

Skatteverket computes the tables from the yearly tax on twelve times the row's upper bound,
as described in *Teknisk beskrivning för skattetabeller* (SKV 433). This module repeats that
computation from the dated parameters in ``countries/se/parameters/`` and reproduces every
cell of columns 1 and 3 of the published 2025 and 2026 tables.

>>> from kooperativ.countries.se.parameters import load_swedish_parameters
>>> table = compute_table(load_swedish_parameters(), 2026, 33, 1)
>>> table.deduction(Decimal("35000"))
Decimal('7134')
>>> table.deduction(Decimal("90000"))
Decimal('31500')
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

from kooperativ.errors import InputError, MissingParameterError, RulesError
from kooperativ.money import HUNDRED, ONE
from kooperativ.rules.parameters import ParameterSet, Resolved

__all__ = [
    "COMPUTABLE_COLUMNS",
    "AnnualTax",
    "ComputedTables",
    "TableSource",
    "TaxRow",
    "TaxTable",
    "annual_tax",
    "compute_table",
    "table_parameters",
]

#: Column 1: pay to a person under 66 at the start of the year; column 3: pay to a person
#: who had turned 66 (förhöjt grundavdrag, older jobbskatteavdrag). Only these two columns
#: concern salary and can be computed here; the others are pensions and benefits.
COMPUTABLE_COLUMNS = (1, 3)

_MONTHS = 12


# -- the table ------------------------------------------------------------------------------
@dataclass(frozen=True)
class TaxRow:
    """One row of a monthly tax table.

    Attributes:
        income_from: Lowest monthly income (whole kronor) of the row.
        income_to: Highest monthly income of the row, ``None`` for the open-ended last row.
        amount: The deduction in kronor (kronor rows, incomes up to 80 000 kr), else ``None``.
        percent: The deduction as a percentage of the whole income (rows above
            80 000 kr), else ``None``.
    """

    income_from: int
    income_to: int | None
    amount: Decimal | None
    percent: Decimal | None

    def deduction(self, income: int) -> Decimal:
        """The deduction for a whole-krona monthly ``income`` inside this row.

        Percent rows give ``floor(income × percent / 100)`` (whole kronor, rounded down).
        """
        if self.amount is not None:
            return self.amount
        if self.percent is None:  # pragma: no cover - rows are validated on creation
            raise RulesError("tax table row has neither an amount nor a percentage")
        return (Decimal(income) * self.percent / HUNDRED).quantize(ONE, rounding=ROUND_DOWN)


@dataclass(frozen=True)
class TaxTable:
    """One column of one monthly tax table (*skattetabell*) of one year.

    Rows are contiguous, start at 1 kr and end with an open-ended row. Adjacent percent rows
    always differ in value (the published file splits them further, by all six columns;
    see :mod:`kooperativ.countries.se.tax.loader`).

    Attributes:
        year: The year the table applies to (by payment date).
        table: The table number (29–42 in 2025 and 2026).
        column: The column (1–6).
        rows: The rows, lowest income first.
        source: Where the table came from (``"computed (SKV 433)"`` or a file name).
    """

    year: int
    table: int
    column: int
    rows: tuple[TaxRow, ...]
    source: str = field(default="computed (SKV 433)", compare=False)
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        where = {"table": self.table, "column": self.column, "year": self.year}
        head = "table {table}, column {column} ({year}): "
        if not self.rows:
            raise RulesError(head + "a tax table needs at least one row", **where)
        expected = 1
        for index, row in enumerate(self.rows):
            if (row.amount is None) == (row.percent is None):
                raise RulesError(
                    head + "row {row} needs exactly one of amount/percent", **where, row=index + 1
                )
            if row.income_from != expected:
                raise RulesError(
                    head + "row {row} starts at {start}, expected {expected}",
                    **where,
                    row=index + 1,
                    start=row.income_from,
                    expected=expected,
                )
            if row.income_to is None:
                if index != len(self.rows) - 1:
                    raise RulesError(head + "only the last row may be open-ended", **where)
                break
            if row.income_to < row.income_from:
                raise RulesError(head + "row {row} ends before it starts", **where, row=index + 1)
            expected = row.income_to + 1
        else:
            raise RulesError(head + "the last row must be open-ended", **where)
        object.__setattr__(self, "_starts", tuple(row.income_from for row in self.rows))

    def row_for(self, monthly_income: Decimal) -> TaxRow | None:
        """The row that covers ``monthly_income`` (öre dropped), or ``None`` below 1 kr."""
        return self.row_at(int(monthly_income.to_integral_value(rounding=ROUND_DOWN)))

    def row_at(self, income: int) -> TaxRow | None:
        """The row that covers a whole-krona ``income``, or ``None`` below 1 kr."""
        if income < 1:
            return None
        return self.rows[bisect.bisect_right(self._starts, income) - 1]

    def deduction(self, monthly_income: Decimal) -> Decimal:
        """The tax to deduct from ``monthly_income`` by this table, in whole kronor.

        Öre are dropped from the income before the lookup; a kronor row gives its amount, a
        percent row ``floor(income × percent / 100)``. Incomes below 1 kr give 0.

        Args:
            monthly_income: The taxable pay for the month (kronor, may have öre).

        Raises:
            InputError: If the income is negative.
        """
        if monthly_income < 0:
            raise InputError("monthly_income", "{value} is negative", value=monthly_income)
        row = self.row_for(monthly_income)
        if row is None:
            return Decimal(0)
        return row.deduction(int(monthly_income.to_integral_value(rounding=ROUND_DOWN)))


@runtime_checkable
class TableSource(Protocol):
    """Where tax tables come from: computed (:class:`ComputedTables`) or a published file
    (:class:`~kooperativ.countries.se.tax.loader.LoadedTables`)."""

    def table(self, year: int, table: int, column: int) -> TaxTable:
        """Column ``column`` of table ``table`` for pay given out in ``year``."""
        ...


# -- parameters -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Step:
    """A bracket: applies while the base is at most ``up_to`` PBB (``None``: no limit)."""

    up_to: Decimal | None
    base: Decimal
    rate: Decimal
    over: Decimal


@dataclass(frozen=True)
class _Inputs:
    """The figures one year's table computation needs, hashable (the cache key)."""

    year: int
    pbb: Decimal
    ibb: Decimal
    grundavdrag: tuple[_Step, ...]
    grundavdrag_raised: tuple[_Step, ...]
    jsa: tuple[_Step, ...]
    jsa_older: tuple[_Step, ...]
    skiktgrans: Decimal
    state_rate: Decimal
    pension_rate: Decimal
    pension_ceiling: Decimal
    pension_threshold: Decimal
    pension_credit_share: Decimal
    reduction_threshold: Decimal
    reduction_rate: Decimal
    reduction_max: Decimal
    public_service_rate: Decimal
    public_service_ceiling: Decimal
    municipal_offset: Decimal
    fee_rate: Decimal
    round_income: Decimal
    round_grundavdrag: Decimal
    round_pension: Decimal
    first_table: int
    last_table: int
    first_row_to: int
    bands: tuple[tuple[int, int], ...]
    percent_step: int
    percent_rows_to: int


def _steps(value: Any, name: str) -> tuple[_Step, ...]:
    if not isinstance(value, list) or not value:
        raise RulesError("parameter {name!r} must be a non-empty list of brackets", name=name)
    steps: list[_Step] = []
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise RulesError("parameter {name!r}[{index}] must be a table", name=name, index=index)
        try:
            step = _Step(
                up_to=_number(item["up_to"], name) if "up_to" in item else None,
                base=_number(item.get("base", 0), name),
                rate=_number(item.get("rate", 0), name),
                over=_number(item.get("over", 0), name),
            )
        except KeyError as exc:  # pragma: no cover - defensive
            raise RulesError(
                "parameter {name!r}[{index}] lacks {key}", name=name, index=index, key=str(exc)
            ) from None
        if (step.up_to is None) != (index == len(value) - 1):
            raise RulesError("parameter {name!r}: only the last bracket has no 'up_to'", name=name)
        steps.append(step)
    return tuple(steps)


def _number(value: Any, name: str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise RulesError("parameter {name!r}: {value!r} is not a number", name=name, value=value)


def _integer(value: Any, name: str) -> int:
    number = _number(value, name)
    if number != number.to_integral_value():
        raise RulesError(
            "parameter {name!r}: {number} is not a whole number", name=name, number=number
        )
    return int(number)


def _resolve(params: Resolved | ParameterSet, year: int) -> Resolved:
    if isinstance(params, Resolved):
        if params.on.year != year:
            raise InputError(
                "year",
                "parameters resolved on {on} cannot compute the {year} tables",
                on=params.on,
                year=year,
            )
        return params
    # Tax tables are fixed for the calendar year; the figures in force on 1 January apply.
    return params.at(date(year, 1, 1))


def table_parameters(params: Resolved | ParameterSet, year: int) -> Mapping[str, str]:
    """The parameter values the table computation of ``year`` uses, as strings.

    Args:
        params: The parameters (a set, or a set resolved on a day of ``year``).
        year: The table year.

    Raises:
        RulesError: If a parameter has no value in ``year``.
    """
    inputs = _inputs(params, year)
    return {
        "base_amounts.prisbasbelopp": str(inputs.pbb),
        "base_amounts.inkomstbasbelopp": str(inputs.ibb),
        "tax.state.skiktgrans": str(inputs.skiktgrans),
        "tax.state.rate": str(inputs.state_rate),
        "tax.tables.municipal_offset": str(inputs.municipal_offset),
        "tax.tables.fee_rate": str(inputs.fee_rate),
        "tax.public_service.ceiling": str(inputs.public_service_ceiling),
    }


def _inputs(params: Resolved | ParameterSet, year: int) -> _Inputs:
    try:
        r = _resolve(params, year)
        numbers = r["tax.tables.numbers"]
        layout = r["tax.tables.amount_rows"]
        bands = tuple(
            (_integer(b["to"], "tax.tables.amount_rows"), _integer(b["width"], "width"))
            for b in layout["bands"]
        )
        return _Inputs(
            year=year,
            pbb=r.decimal("base_amounts.prisbasbelopp"),
            ibb=r.decimal("base_amounts.inkomstbasbelopp"),
            grundavdrag=_steps(r["tax.grundavdrag.steps"], "tax.grundavdrag.steps"),
            grundavdrag_raised=_steps(
                r["tax.grundavdrag.raised_steps"], "tax.grundavdrag.raised_steps"
            ),
            jsa=_steps(r["tax.jobbskatteavdrag.steps"], "tax.jobbskatteavdrag.steps"),
            jsa_older=_steps(
                r["tax.jobbskatteavdrag.older_steps"], "tax.jobbskatteavdrag.older_steps"
            ),
            skiktgrans=r.decimal("tax.state.skiktgrans"),
            state_rate=r.decimal("tax.state.rate"),
            pension_rate=r.decimal("tax.pension_fee.rate"),
            pension_ceiling=r.decimal("tax.pension_fee.ceiling"),
            pension_threshold=r.decimal("tax.pension_fee.threshold"),
            pension_credit_share=r.decimal("tax.pension_fee.credit_share"),
            reduction_threshold=r.decimal("tax.earned_income_reduction.threshold"),
            reduction_rate=r.decimal("tax.earned_income_reduction.rate"),
            reduction_max=r.decimal("tax.earned_income_reduction.maximum"),
            public_service_rate=r.decimal("tax.public_service.rate"),
            public_service_ceiling=r.decimal("tax.public_service.ceiling"),
            municipal_offset=r.decimal("tax.tables.municipal_offset"),
            fee_rate=r.decimal("tax.tables.fee_rate"),
            round_income=r.decimal("tax.rounding.income"),
            round_grundavdrag=r.decimal("tax.rounding.grundavdrag"),
            round_pension=r.decimal("tax.rounding.pension_fee"),
            first_table=_integer(numbers["first"], "tax.tables.numbers"),
            last_table=_integer(numbers["last"], "tax.tables.numbers"),
            first_row_to=_integer(layout["first_to"], "tax.tables.amount_rows"),
            bands=bands,
            percent_step=_integer(r["tax.tables.percent_step"], "tax.tables.percent_step"),
            percent_rows_to=_integer(r["tax.tables.percent_rows_to"], "tax.tables.percent_rows_to"),
        )
    except MissingParameterError as exc:
        raise RulesError(
            "no Swedish tax parameters for {year}: {reason}", year=year, reason=exc
        ) from None
    except (KeyError, TypeError) as exc:
        raise RulesError(
            "tax table parameters for {year} are malformed: {reason}", year=year, reason=str(exc)
        ) from None


# -- the yearly tax (SKV 433) -------------------------------------------------------------
@dataclass(frozen=True)
class AnnualTax:
    """The yearly tax the tables are built from, component by component (whole kronor).

    Attributes:
        income: Fastställd förvärvsinkomst (FFI), the yearly income rounded down to 100 kr.
        grundavdrag: Basic allowance (förhöjt for column 3).
        taxable: Beskattningsbar förvärvsinkomst (BFI) = income − grundavdrag.
        municipal: Kommunal inkomstskatt (BFI × table rate − offset).
        fee: The standard fee charged in the tables (begravningsavgift etc.).
        state: Statlig inkomstskatt.
        pension_fee: Allmän pensionsavgift.
        pension_credit: Skattereduktion för allmän pensionsavgift.
        jobbskatteavdrag: Jobbskatteavdrag (earned-income tax credit).
        earned_income_reduction: Skattereduktion för förvärvsinkomst.
        public_service: Public service-avgift.
        total: The yearly tax: all charges minus all credits.
    """

    income: int
    grundavdrag: int
    taxable: int
    municipal: int
    fee: int
    state: int
    pension_fee: int
    pension_credit: int
    jobbskatteavdrag: int
    earned_income_reduction: int
    public_service: int
    total: int


def _bracket(steps: Sequence[_Step], base: Decimal, pbb: Decimal) -> Decimal:
    for step in steps:
        if step.up_to is None or base <= step.up_to * pbb:
            return step.base * pbb + step.rate * (base - step.over * pbb)
    raise RulesError("bracket table has no open-ended last bracket")  # pragma: no cover


def _round_up(value: Decimal, step: Decimal) -> Decimal:
    return Decimal(math.ceil(value / step)) * step


def _round_down(value: Decimal, step: Decimal) -> Decimal:
    return Decimal(math.floor(value / step)) * step


def _round_nearest_half_down(value: Decimal, step: Decimal) -> Decimal:
    # SKV 433: the pension fee goes to the nearest 100 kr; an exact 50 rounds down.
    return Decimal(math.ceil(value / step - Decimal("0.5"))) * step


def _annual(inputs: _Inputs, table: int, column: int, income: int) -> AnnualTax:
    pbb = inputs.pbb
    # IL 62 kap. 2 §: fastställd förvärvsinkomst, rounded down to whole hundreds.
    ffi = _round_down(Decimal(income), inputs.round_income)
    # IL 63 kap. 3 §: grundavdrag, rounded up to whole hundreds, never above the income.
    ordinary = _round_up(_bracket(inputs.grundavdrag, ffi, pbb), inputs.round_grundavdrag)
    if column == 3:
        # IL 63 kap. 3 a §: förhöjt grundavdrag for those who had turned 66.
        raised = _bracket(inputs.grundavdrag, ffi, pbb) + _bracket(
            inputs.grundavdrag_raised, ffi, pbb
        )
        allowance = min(_round_up(raised, inputs.round_grundavdrag), ffi)
    else:
        allowance = min(ordinary, ffi)
    taxable = ffi - allowance
    # SKV 433: the table number less the offset is the kommunal skattesats; the offset is
    # charged separately as a fee that credits cannot reduce.
    municipal_rate = (Decimal(table) - inputs.municipal_offset) / HUNDRED
    municipal = Decimal(math.floor(taxable * municipal_rate))
    fee = Decimal(math.floor(taxable * inputs.fee_rate / HUNDRED))
    # IL 65 kap. 5 §: statlig inkomstskatt above the skiktgräns (the tables charge it from
    # the first 100 kr above; the 200 kr minimum of the final assessment is not applied).
    state = Decimal(math.floor(max(taxable - inputs.skiktgrans, Decimal(0)) * inputs.state_rate))
    # SFB 59 kap.: allmän pensionsavgift, nothing below 42.3 % of PBB, capped at 8.07 IBB.
    if ffi < inputs.pension_threshold * pbb:
        pension = Decimal(0)
    else:
        pension = _round_nearest_half_down(
            min(ffi, inputs.pension_ceiling * inputs.ibb) * inputs.pension_rate,
            inputs.round_pension,
        )
    # IL 67 kap. 4–5 §§: the pension fee is credited against municipal, then state tax.
    credit = min(Decimal(math.floor(pension * inputs.pension_credit_share)), municipal + state)
    municipal_left = municipal - min(credit, municipal)
    state_left = state - (credit - min(credit, municipal))
    # IL 67 kap. 7–8 §§: jobbskatteavdrag, credited against municipal tax only.
    work_income = Decimal(income)
    if column == 3:
        jsa_full = _bracket(inputs.jsa_older, work_income, pbb)
    else:
        jsa_full = (_bracket(inputs.jsa, work_income, pbb) - ordinary) * municipal_rate
    jsa = min(Decimal(max(math.floor(jsa_full), 0)), municipal_left)
    municipal_left -= jsa
    # IL 67 kap. 46–47 §§: skattereduktion för förvärvsinkomst, against the remaining tax.
    reduction_full = min(
        max((taxable - inputs.reduction_threshold) * inputs.reduction_rate, Decimal(0)),
        inputs.reduction_max,
    )
    reduction = min(Decimal(math.floor(reduction_full)), municipal_left + state_left)
    # Public service-avgift: 1 % of BFI counted up to the ceiling (in IBB); no credits.
    public_service = Decimal(
        math.floor(
            min(taxable, inputs.public_service_ceiling * inputs.ibb) * inputs.public_service_rate
        )
    )
    total = municipal + fee + state + pension + public_service - credit - jsa - reduction
    return AnnualTax(
        income=int(ffi),
        grundavdrag=int(allowance),
        taxable=int(taxable),
        municipal=int(municipal),
        fee=int(fee),
        state=int(state),
        pension_fee=int(pension),
        pension_credit=int(credit),
        jobbskatteavdrag=int(jsa),
        earned_income_reduction=int(reduction),
        public_service=int(public_service),
        total=int(total),
    )


def _check(inputs: _Inputs, table: int, column: int) -> None:
    if not inputs.first_table <= table <= inputs.last_table:
        raise InputError(
            "table",
            "table {table} does not exist in {year} (tables {first}–{last})",
            table=table,
            year=inputs.year,
            first=inputs.first_table,
            last=inputs.last_table,
        )
    if column not in COMPUTABLE_COLUMNS:
        raise InputError(
            "column",
            "column {column} cannot be computed (only columns 1 and 3, salary); "
            "load Skatteverket's published file for the other columns",
            column=column,
        )


def annual_tax(
    params: Resolved | ParameterSet, year: int, table: int, column: int, annual_income: int
) -> AnnualTax:
    """The yearly tax of SKV 433 for ``annual_income`` (whole kronor) in a table column.

    This is the computation behind every cell of the monthly tables and the one
    Skatteverket's worked examples (SKV 433, bilaga 3) show.

    Args:
        params: Swedish parameters (a set, or one resolved on a day of ``year``).
        year: The table year.
        table: The table number.
        column: 1 (under 66) or 3 (66 and over).
        annual_income: The yearly income in whole kronor.

    Raises:
        InputError: For an unknown table, an uncomputable column or a negative income.
        RulesError: If a parameter has no value in ``year``.
    """
    inputs = _inputs(params, year)
    _check(inputs, table, column)
    if annual_income < 0:
        raise InputError("annual_income", "{value} is negative", value=annual_income)
    return _annual(inputs, table, column, annual_income)


# -- percentages as Skatteverket computes them --------------------------------------------
_MANTISSA_BITS = 53  # IEEE 754 binary64


def _binary64(num: int, den: int) -> tuple[int, int]:
    """``num / den`` (both > 0) rounded to the nearest binary64 value, as ``(m, e)`` = m·2**e.

    Integer arithmetic only; ties go to the even mantissa, as IEEE 754 prescribes.
    """
    shift = _MANTISSA_BITS + 1 - (num.bit_length() - den.bit_length())
    if shift >= 0:
        quotient, remainder = divmod(num << shift, den)
    else:
        quotient, remainder = divmod(num, den << -shift)
    extra = quotient.bit_length() - _MANTISSA_BITS
    mantissa = quotient >> extra
    dropped = quotient & ((1 << extra) - 1)
    half = 1 << (extra - 1)
    if dropped > half or (dropped == half and (remainder or mantissa & 1)):
        mantissa += 1
    return mantissa, extra - shift


def _published_percent(monthly_tax: int, income: int) -> int:
    """The whole percentage Skatteverket publishes for ``monthly_tax`` on ``income``.

    The published figures behave as if computed in binary floating point, quotient first,
    then × 100, then rounded half up: where the exact value is k.5 but the binary value
    is k.4999…, the table says k. This reproduces that with exact integer arithmetic.
    """
    if monthly_tax <= 0:
        return 0
    # Exact half-up rounding of 100·tax/income; it can differ from the binary result only
    # on an exact tie (any other value is at least 1/(2·income) away from k.5).
    whole, remainder = divmod(200 * monthly_tax + income, 2 * income)
    if remainder:
        return whole
    mantissa, exponent = _binary64(monthly_tax, income)
    scaled = mantissa * 100
    if exponent >= 0:
        mantissa, exponent = _binary64(scaled << exponent, 1)
    else:
        mantissa, exponent = _binary64(scaled, 1 << -exponent)
    if exponent >= 0:
        return mantissa << exponent
    whole = mantissa >> -exponent
    fraction = mantissa - (whole << -exponent)
    return whole + (1 if 2 * fraction >= (1 << -exponent) else 0)


# -- building a table ---------------------------------------------------------------------
def _monthly(inputs: _Inputs, table: int, column: int, upper: int) -> int:
    # SKV 433: the monthly amount is the yearly tax on 12 × the row's upper bound, / 12,
    # rounded down to whole kronor.
    return _annual(inputs, table, column, upper * _MONTHS).total // _MONTHS


def _ratio(value: Decimal) -> tuple[int, int]:
    numerator, denominator = value.as_integer_ratio()
    return numerator, denominator


@dataclass(frozen=True)
class _Saturated:
    """The yearly tax where every allowance, credit and cap has reached its final value.

    Above that income the tax is ``floor(t·municipal) + floor(t·fee) + floor((t − S)·state)``
    plus a constant, with ``t`` the taxable income: the same result as :func:`_annual`,
    computed with integers only (the percent rows need thousands of evaluations).
    """

    round_income: int
    allowance: int
    municipal: tuple[int, int]
    fee: tuple[int, int]
    state: tuple[int, int]
    skiktgrans: int
    constant: int

    def percents(self, uppers: range) -> Iterator[tuple[int, int]]:
        """``(upper, published percentage)`` for each step upper bound in ``uppers``."""
        rounding, allowance, skiktgrans = self.round_income, self.allowance, self.skiktgrans
        (mun_n, mun_d), (fee_n, fee_d), (state_n, state_d) = self.municipal, self.fee, self.state
        for upper in uppers:
            taxable = upper * _MONTHS // rounding * rounding - allowance
            above = taxable - skiktgrans if taxable > skiktgrans else 0
            total = (
                taxable * mun_n // mun_d
                + taxable * fee_n // fee_d
                + above * state_n // state_d
                + self.constant
            )
            yield upper, _published_percent(total // _MONTHS, upper)


def _saturated(inputs: _Inputs, table: int, column: int, income: int) -> _Saturated | None:
    """The integer form of the tax from ``income`` upwards, or ``None`` if not yet saturated."""
    pbb = inputs.pbb
    brackets = [inputs.grundavdrag, inputs.jsa_older if column == 3 else inputs.jsa]
    if column == 3:
        brackets.append(inputs.grundavdrag_raised)
    for steps in brackets:
        last_limit = steps[-2].up_to if len(steps) > 1 else Decimal(0)
        if steps[-1].rate != 0 or last_limit is None or Decimal(income) <= last_limit * pbb:
            return None
    tax = _annual(inputs, table, column, income)
    municipal_rate = (Decimal(table) - inputs.municipal_offset) / HUNDRED
    if column == 3:
        jsa_unlimited = _bracket(inputs.jsa_older, Decimal(income), pbb)
    else:
        ordinary = _round_up(
            _bracket(inputs.grundavdrag, Decimal(tax.income), pbb), inputs.round_grundavdrag
        )
        jsa_unlimited = (_bracket(inputs.jsa, Decimal(income), pbb) - ordinary) * municipal_rate
    reduction_full = (Decimal(tax.taxable) - inputs.reduction_threshold) * inputs.reduction_rate
    if (
        tax.income < inputs.pension_ceiling * inputs.ibb
        or tax.taxable < inputs.public_service_ceiling * inputs.ibb
        or tax.taxable <= inputs.skiktgrans
        or reduction_full < inputs.reduction_max
        or tax.pension_credit != math.floor(tax.pension_fee * inputs.pension_credit_share)
        or tax.jobbskatteavdrag != max(math.floor(jsa_unlimited), 0)
        or tax.earned_income_reduction != math.floor(inputs.reduction_max)
    ):
        return None
    return _Saturated(
        round_income=int(inputs.round_income),
        allowance=tax.grundavdrag,
        municipal=_ratio(municipal_rate),
        fee=_ratio(inputs.fee_rate / HUNDRED),
        state=_ratio(inputs.state_rate),
        skiktgrans=int(inputs.skiktgrans),
        constant=tax.pension_fee
        + tax.public_service
        - tax.pension_credit
        - tax.jobbskatteavdrag
        - tax.earned_income_reduction,
    )


def _percent_steps(
    inputs: _Inputs, table: int, column: int, first: int
) -> Iterator[tuple[int, int]]:
    """``(upper, percentage)`` of every percent step from the upper bound ``first`` on."""
    step = inputs.percent_step
    uppers = range(first, inputs.percent_rows_to + 1, step)
    for index, upper in enumerate(uppers):
        saturated = _saturated(inputs, table, column, upper * _MONTHS)
        if saturated is not None:
            yield from saturated.percents(uppers[index:])
            return
        yield upper, _published_percent(_monthly(inputs, table, column, upper), upper)


@lru_cache(maxsize=256)
def _build(inputs: _Inputs, table: int, column: int) -> TaxTable:
    rows: list[TaxRow] = [TaxRow(1, inputs.first_row_to, Decimal(0), None)]
    lower = inputs.first_row_to
    for band_to, width in inputs.bands:
        for upper in range(lower + width, band_to + 1, width):
            amount = _monthly(inputs, table, column, upper)
            rows.append(TaxRow(lower + 1, upper, Decimal(amount), None))
            lower = upper
    step = inputs.percent_step
    current: int | None = None
    start = lower + 1
    for upper, percent in _percent_steps(inputs, table, column, lower + step):
        if current is not None and percent != current:
            rows.append(TaxRow(start, upper - step, None, Decimal(current)))
            start = upper - step + 1
        current = percent
    if current is None:  # pragma: no cover - layout without percent rows
        raise RulesError("tax.tables.percent_rows_to is below the kronor rows")
    rows.append(TaxRow(start, None, None, Decimal(current)))
    return TaxTable(inputs.year, table, column, tuple(rows))


def compute_table(params: Resolved | ParameterSet, year: int, table: int, column: int) -> TaxTable:
    """Compute column ``column`` of monthly table ``table`` for ``year`` (SKV 433).

    Kronor rows: 1–2 000 kr (tax 0), then 100 kr rows to 20 000 kr and 200 kr rows to
    80 000 kr, each the yearly tax on 12 × the upper bound divided by 12. Percent rows
    above 80 000 kr: the same monthly tax in 200 kr steps as a whole percentage of the
    step's upper bound; equal neighbouring steps form one row, the last is open-ended.
    Results are cached by the parameter values, table and column.

    Args:
        params: Swedish parameters (a set, or one resolved on a day of ``year``).
        year: The table year (tables apply by payment date).
        table: The table number (29–42 in 2025 and 2026).
        column: 1 (pay, under 66) or 3 (pay, 66 and over).

    Returns:
        The computed table.

    Raises:
        InputError: For an unknown table or an uncomputable column.
        RulesError: If a parameter has no value in ``year`` (the message names it).
    """
    inputs = _inputs(params, year)
    _check(inputs, table, column)
    return _build(inputs, table, column)


_SHARED: dict[int, ComputedTables] = {}


class ComputedTables:
    """A :class:`TableSource` computing the tables from parameters (the default source).

    Args:
        params: The parameter set; Sweden's own parameters if ``None``.
    """

    def __init__(self, params: ParameterSet | None = None) -> None:
        if params is None:
            from kooperativ.countries.se.parameters import load_swedish_parameters

            params = load_swedish_parameters()
        self.params = params
        # Per-source memo: the parameter resolution behind compute_table costs far more
        # than a lookup, and a payroll run asks for the same few tables again and again.
        self._tables: dict[tuple[int, int, int], TaxTable] = {}
        self._parameters: dict[int, Mapping[str, str]] = {}

    @classmethod
    def shared(cls, params: ParameterSet) -> ComputedTables:
        """One memoising source per parameter set (reused across calls)."""
        found = _SHARED.get(id(params))
        if found is None or found.params is not params:
            found = cls(params)
            _SHARED[id(params)] = found
        return found

    def table(self, year: int, table: int, column: int) -> TaxTable:
        """Column ``column`` of table ``table`` for ``year`` (see :func:`compute_table`)."""
        key = (year, table, column)
        found = self._tables.get(key)
        if found is None:
            found = self._tables[key] = compute_table(self.params, year, table, column)
        return found

    def parameters(self, year: int) -> Mapping[str, str]:
        """The parameter values behind ``year``'s tables (see :func:`table_parameters`)."""
        found = self._parameters.get(year)
        if found is None:
            found = self._parameters[year] = table_parameters(self.params, year)
        return found

    def __repr__(self) -> str:
        return "ComputedTables()"

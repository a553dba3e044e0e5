# SPDX-License-Identifier: EUPL-1.2
"""Skatteavdrag (preliminary tax withheld from pay): one payment, one tax mode.

*Skatteavdrag* is the preliminary income tax an employer withholds from each payment of
salary and pays to Skatteverket. How much depends on the employee's tax mode (table,
side income, jämkning, SINK, one-off amount, no information, see
:mod:`~kooperativ.countries.se.tax.modes`) and on the payment date: tables and rates apply
by the year the pay is given out. The result is in whole kronor, rounded down, and
explains itself (rule, reference, parameters, formula).

>>> from datetime import date
>>> result = preliminary_tax(TableTax(table=33, column=1), Decimal("35000"), date(2026, 1, 25))
>>> result.amount, result.rule
(Decimal('7134'), 'Skattetabell 33, kolumn 1 (2026)')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal

from kooperativ.errors import InputError, MissingParameterError, RulesError
from kooperativ.money import HUNDRED, ONE, to_decimal
from kooperativ.rules.parameters import ParameterSet, Resolved

from .modes import Adjusted, NoInformation, OneOff, SideIncome, Sink, TableTax, TaxMode
from .tables import ComputedTables, TableSource, TaxRow, TaxTable

__all__ = ["TaxResult", "Withheld", "preliminary_tax", "withheld_from"]


@dataclass(frozen=True)
class TaxResult:
    """The tax to withhold from one payment, with its explanation.

    Attributes:
        amount: Whole kronor, rounded down as Skatteverket prescribes.
        rule: The rule applied, e.g. ``"Skattetabell 33, kolumn 1 (2026)"``.
        reference: The legal reference.
        parameters: The parameter values used, as strings.
        formula: The formula in words (English).
    """

    amount: Decimal
    rule: str
    reference: str
    parameters: dict[str, str] = field(default_factory=dict)
    formula: str = ""


def _kronor(value: Decimal) -> Decimal:
    # Skatteavdrag is made in whole kronor; öre are dropped.
    return value.quantize(ONE, ROUND_DOWN)


def _percent_text(rate: Decimal) -> str:
    text = format((rate * HUNDRED).normalize(), "f")
    return text


def _resolve(params: ParameterSet, paid_on: date, name: str) -> tuple[Resolved, Decimal]:
    resolved = params.at(paid_on)
    try:
        return resolved, resolved.decimal(name)
    except MissingParameterError as exc:
        raise RulesError(
            "no Swedish tax parameters for {year} ({reason}); "
            "add that year's values to the parameter files",
            year=paid_on.year,
            reason=exc,
        ) from None


def _table(source: TableSource, year: int, mode: TableTax | NoInformation) -> TaxTable:
    # Tables apply by the year the pay is given out (SFL 11 kap.); a missing year raises
    # a RulesError (computed) or InputError (loaded) naming it.
    return source.table(year, mode.table, mode.column)


def _table_result(table: TaxTable, pay: Decimal) -> tuple[Decimal, dict[str, str], str]:
    # Öre are dropped before the lookup (pay is never negative here, so int() floors).
    income = int(pay)
    row = table.row_at(income)
    if row is None:
        return Decimal(0), _below_one_krona(table), _BELOW_ONE_KRONA
    values, tail = _row_text(table, row)
    return row.deduction(income), values, f"Monthly income {income}{tail}"


_BELOW_ONE_KRONA = "No tax below 1 kr of monthly income."


def _below_one_krona(table: TaxTable) -> dict[str, str]:
    return {
        "year": str(table.year),
        "table": str(table.table),
        "column": str(table.column),
        "source": table.source,
        "row": "below 1 kr",
    }


def _row_text(table: TaxTable, row: TaxRow) -> tuple[dict[str, str], str]:
    """The trace values of one row and the formula's text after the income."""
    upper = "" if row.income_to is None else str(row.income_to)
    span = f"{row.income_from}–{upper}"
    values = {
        "year": str(table.year),
        "table": str(table.table),
        "column": str(table.column),
        "source": table.source,
        "row": span,
    }
    if row.amount is not None:
        values["row_amount"] = str(row.amount)
        tail = f" kr (öre dropped) falls in the row {span} kr, whose deduction is {row.amount} kr."
    else:
        values["row_percent"] = str(row.percent)
        tail = (
            f" kr (öre dropped) falls in the row {span} kr: "
            f"{row.percent} % of the income, rounded down to whole kronor."
        )
    return values, tail


#: Amount, rule, reference, parameters and formula: a :class:`TaxResult` as a tuple.
Withheld = tuple[Decimal, str, str, dict[str, str], str]


class _TableText:
    """What the explanation of one table (with one source and parameter set) reuses.

    Made once per table: the rule and reference texts, the source's parameter values and,
    per row, the trace values and the formula's text after the income.
    """

    __slots__ = ("extra", "mode", "params", "reference", "rows", "rule", "source", "table")

    def __init__(
        self,
        table: TaxTable,
        source: TableSource,
        params: ParameterSet,
        mode: TableTax,
        paid_on: date,
    ) -> None:
        year = paid_on.year
        self.table = table
        self.source = source
        self.params = params
        self.mode = mode
        self.rule = f"Skattetabell {mode.table}, kolumn {mode.column} ({year})"
        self.reference = _table_reference(params, paid_on)
        self.extra: dict[str, str] = (
            dict(source.parameters(year)) if isinstance(source, ComputedTables) else {}
        )
        self.rows: dict[int, tuple[dict[str, str], str, Decimal | None]] = {}

    def result(self, pay: Decimal) -> Withheld:
        """The table's deduction for ``pay`` in whole kronor, with its explanation (before
        the cap at the pay)."""
        # Öre are dropped before the lookup (pay is never negative here, so int() floors).
        income = int(pay)
        row = self.table.row_at(income)
        if row is None:
            values = _below_one_krona(self.table)
            values.update(self.extra)
            return Decimal(0), self.rule, self.reference, values, _BELOW_ONE_KRONA
        found = self.rows.get(row.income_from)
        if found is None:
            values, tail = _row_text(self.table, row)
            values.update(self.extra)
            # A kronor row's deduction in whole kronor, as _withheld would make it.
            kronor = None if row.amount is None else _kronor(row.amount)
            found = self.rows[row.income_from] = (values, tail, kronor)
        values, tail, kronor = found
        return (
            # Percent rows give whole kronor already (rounded down).
            kronor if kronor is not None else row.deduction(income),
            self.rule,
            self.reference,
            dict(values),
            f"Monthly income {income}{tail}",
        )


#: Keyed by the objects' ids; each entry holds the objects, so an id is not reused while
#: its entry lives (the identity checks guard against stale entries all the same).
_TABLE_TEXT: dict[tuple[int, int, int, int, int], _TableText] = {}


def _table_text(
    table: TaxTable, source: TableSource, params: ParameterSet, mode: TableTax, paid_on: date
) -> _TableText:
    """The reusable texts of ``table`` (kept while the same objects are in use)."""
    key = (id(table), id(source), id(params), id(mode), paid_on.year)
    found = _TABLE_TEXT.get(key)
    if (
        found is None
        or found.table is not table
        or found.source is not source
        or found.params is not params
        or found.mode is not mode
    ):
        if len(_TABLE_TEXT) > 1024:
            _TABLE_TEXT.clear()
        found = _TABLE_TEXT[key] = _TableText(table, source, params, mode, paid_on)
    return found


def preliminary_tax(
    mode: TaxMode,
    taxable_pay: Decimal,
    paid_on: date,
    *,
    params: ParameterSet | None = None,
    source: TableSource | None = None,
) -> TaxResult:
    """The preliminary tax (*skatteavdrag*) to withhold from one payment.

    Args:
        mode: The employee's tax mode.
        taxable_pay: The pay the tax is computed on (kronor; öre allowed). For table modes
            this is the month's taxable cash pay and benefits.
        paid_on: The payment date; tables and rates are those of its year.
        params: Swedish parameters; :func:`load_swedish_parameters` if ``None``.
        source: Where tables come from; computed from ``params`` if ``None``.

    Returns:
        The amount (whole kronor, never more than the pay) and its explanation.

    Raises:
        InputError: For a negative or non-decimal pay, or a jämkning decision that does not
            cover ``paid_on``.
        RulesError: If there are no parameters or tables for the year of ``paid_on``.
    """
    return TaxResult(*_withheld(mode, taxable_pay, paid_on, params, source))


def _withheld(
    mode: TaxMode,
    taxable_pay: Decimal,
    paid_on: date,
    params: ParameterSet | None,
    source: TableSource | None,
) -> Withheld:
    """:func:`preliminary_tax` as a plain tuple (amount, rule, reference, parameters, formula)."""
    pay = to_decimal(taxable_pay, "taxable_pay")
    if pay < 0:
        raise InputError(
            "taxable_pay", "{pay} is negative; preliminary tax needs pay >= 0", pay=pay
        )
    if params is None:
        from kooperativ.countries.se.parameters import load_swedish_parameters

        params = load_swedish_parameters()
    return withheld_from(mode, pay, paid_on, params, source or ComputedTables.shared(params))


def withheld_from(
    mode: TaxMode, pay: Decimal, paid_on: date, params: ParameterSet, source: TableSource
) -> Withheld:
    """The tax on ``pay`` as a plain tuple ``(amount, rule, reference, parameters, formula)``.

    :func:`preliminary_tax` without its checks and without building a :class:`TaxResult`,
    for callers that have checked the pay already (a finite Decimal, not negative) and
    resolved the parameters and table source: the salary's cost model, which calls it for
    every salary. The parameters dict is new on every call (the caller may keep it).
    """
    if isinstance(mode, TableTax):
        # SFL (2011:1244) 10 kap.; the table and column of the A-skatt decision. The
        # amount is in whole kronor and the values name the year already.
        table = source.table(paid_on.year, mode.table, mode.column)  # as _table() does
        amount, rule, reference, values, formula = _table_text(
            table, source, params, mode, paid_on
        ).result(pay)
    else:
        amount, rule, reference, values, formula = _compute(mode, pay, paid_on, params, source)
        values.setdefault("year", str(paid_on.year))
        amount = _kronor(amount)
    # Tax is withheld from the payment itself, so it can never exceed what is paid out;
    # whole kronor, rounded down. (The amount in whole kronor exceeds the pay's whole
    # kronor exactly when it exceeds the pay.)
    if amount > pay:
        amount = _kronor(pay)
    return amount, rule, reference, values, formula


def _compute(
    mode: TaxMode,
    pay: Decimal,
    paid_on: date,
    params: ParameterSet,
    source: TableSource,
) -> Withheld:
    year = paid_on.year
    if isinstance(mode, TableTax):  # handled by _withheld_from; here for completeness
        return _table_text(_table(source, year, mode), source, params, mode, paid_on).result(pay)
    if isinstance(mode, NoInformation):
        # Förhöjt skatteavdrag: the employer's own table plus the surcharge (110 %).
        resolved, surcharge = _resolve(params, paid_on, "tax.no_information.surcharge")
        table = _table(source, year, mode)
        base, values, formula = _table_result(table, pay)
        values["tax.no_information.surcharge"] = str(surcharge)
        values["table_amount"] = str(base)
        return (
            base * (ONE + surcharge),
            f"Förhöjt skatteavdrag: skattetabell {mode.table}, kolumn {mode.column} ({year}) "
            f"+ {_percent_text(surcharge)} %",
            resolved.reference("tax.no_information.surcharge"),
            values,
            f"{formula} Increased by {_percent_text(surcharge)} % "
            f"({base} × {ONE + surcharge}), rounded down to whole kronor.",
        )
    if isinstance(mode, SideIncome):
        # SFL 11 kap.: 30 % when the payer is not the main employer.
        return _flat(params, paid_on, pay, "tax.side_income.rate", "Sidoinkomst")
    if isinstance(mode, Sink):
        # Lag (1991:586) om SINK 7 §: flat final tax on the gross pay, no allowances.
        return _flat(params, paid_on, pay, "tax.sink.rate", "SINK")
    if isinstance(mode, OneOff):
        return _one_off(mode, params, paid_on, pay)
    return _adjusted(mode, paid_on, pay)


_REFERENCES: dict[tuple[int, int], tuple[ParameterSet, str]] = {}


def _table_reference(params: ParameterSet, paid_on: date) -> str:
    key = (id(params), paid_on.year)
    found = _REFERENCES.get(key)
    if found is not None and found[0] is params:
        return found[1]
    try:
        tables = params.at(paid_on).reference("tax.tables.numbers")
    except RulesError:
        tables = "Skatteverket's published tables"
    text = f"Skatteförfarandelag (2011:1244) 10–11 kap.; {tables}; SKV 433"
    _REFERENCES[key] = (params, text)
    return text


def _flat(params: ParameterSet, paid_on: date, pay: Decimal, name: str, label: str) -> Withheld:
    resolved, rate = _resolve(params, paid_on, name)
    percent = _percent_text(rate)
    return (
        pay * rate,
        f"{label} {percent} % ({paid_on.year})",
        resolved.reference(name),
        {name: str(rate)},
        f"{percent} % of the taxable pay ({pay} × {rate}), rounded down to whole kronor.",
    )


def _one_off(mode: OneOff, params: ParameterSet, paid_on: date, pay: Decimal) -> Withheld:
    name = "tax.one_off.brackets"
    resolved = params.at(paid_on)
    try:
        brackets = resolved[name]
    except MissingParameterError as exc:
        raise RulesError(
            "no engångsskatt table for {year} ({reason}); add it to the parameters",
            year=paid_on.year,
            reason=exc,
        ) from None
    # SFL 11 kap.: the bracket is chosen by the expected yearly income in whole kronor,
    # including the one-off amount.
    income = _kronor(mode.annual_income)
    rate: Decimal | None = None
    for bracket in brackets:
        if "up_to" not in bracket or income <= bracket["up_to"]:
            rate = bracket["rate"]
            break
    if not isinstance(rate, Decimal):
        raise RulesError(
            "parameter {name!r} has no bracket for {income} kr", name=name, income=income
        )
    percent = _percent_text(rate)
    return (
        pay * rate,
        f"Engångsbelopp {percent} % ({paid_on.year}, kolumn 1)",
        resolved.reference(name),
        {name: str(rate), "annual_income": str(income)},
        f"Expected yearly income {income} kr gives {percent} % on the one-off amount "
        f"({pay} × {rate}), rounded down to whole kronor.",
    )


def _adjusted(mode: Adjusted, paid_on: date, pay: Decimal) -> Withheld:
    if not mode.covers(paid_on):
        raise InputError(
            "tax",
            "the jämkning decision is valid {start} – {end}; it does not cover pay on {day}",
            start=mode.valid_from or "…",
            end=mode.valid_to or "…",
            day=paid_on,
        )
    decided = f" of {mode.decision_date}" if mode.decision_date else ""
    reference = (
        f"Skatteförfarandelag (2011:1244) 11 kap.; Skatteverket's jämkning decision{decided}"
    )
    values = {"decision_date": str(mode.decision_date or "")}
    if mode.percent is not None:
        values["percent"] = str(mode.percent)
        return (
            pay * mode.percent / HUNDRED,
            f"Jämkning {mode.percent} %",
            reference,
            values,
            f"{mode.percent} % of the taxable pay as decided, rounded down to whole kronor.",
        )
    amount = mode.amount if mode.amount is not None else Decimal(0)
    values["amount"] = str(amount)
    return (
        amount,
        f"Jämkning {amount} kr",
        reference,
        values,
        f"{amount} kr per payment as decided (at most the pay), in whole kronor.",
    )

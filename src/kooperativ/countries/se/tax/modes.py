# SPDX-License-Identifier: EUPL-1.2
"""Tax modes (*skatteavdragsformer*): how preliminary tax is withheld from one person's pay.

Swedish employers withhold *preliminärskatt* in one of a few ways, chosen from what the
employee's tax decision says:

* **table** (*skattetabell*): the employee's table and column, for the main employer;
* **side income** (*sidoinkomst*): a flat 30 % when the payer is not the main employer;
* **adjusted** (*jämkning*): Skatteverket's decision names a percentage or an amount;
* **SINK** (*särskild inkomstskatt för utomlands bosatta*): a flat final tax for
  non-residents with a SINK decision;
* **one-off** (*engångsbelopp*): a one-off payment by the main employer, taxed by the
  engångstabell from the expected yearly income;
* **no information** (*förhöjt skatteavdrag*): the employee gave no tax information; the
  employer's own table plus 10 %.

Modes are frozen pydantic models told apart by ``kind``; :func:`parse_tax_mode` reads the
short CLI form.

>>> parse_tax_mode("table:33:1")
TableTax(table=33, column=1, kind='table')
>>> parse_tax_mode("sink")
Sink(kind='sink')
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from kooperativ.errors import InputError, Phrase, Term, pydantic_reason

__all__ = [
    "TAX_MODE_ADAPTER",
    "Adjusted",
    "NoInformation",
    "OneOff",
    "SideIncome",
    "Sink",
    "TableTax",
    "TaxMode",
    "known_columns",
    "known_tables",
    "parse_tax_mode",
]


def _refuse_float(value: Any) -> Any:
    if isinstance(value, float):
        raise ValueError("floats are not accepted; write the number as a string")
    return value


_Decimal = Annotated[Decimal, BeforeValidator(_refuse_float)]


@cache
def known_tables() -> tuple[int, int]:
    """The lowest and highest table number in any year of Sweden's parameters.

    Returns:
        ``(first, last)``, e.g. ``(29, 42)``.
    """
    from kooperativ.countries.se.parameters import load_swedish_parameters

    values = [v.value for v in load_swedish_parameters()["tax.tables.numbers"].values]
    return min(int(v["first"]) for v in values), max(int(v["last"]) for v in values)


@cache
def known_columns() -> int:
    """The number of columns of the monthly tables (6 in 2025 and 2026)."""
    from kooperativ.countries.se.parameters import load_swedish_parameters

    return max(int(v.value) for v in load_swedish_parameters()["tax.tables.columns"].values)


def _check_table(table: int) -> int:
    first, last = known_tables()
    if not first <= table <= last:
        raise InputError(
            "table",
            "table {table} does not exist (Skatteverket's tables are {first}–{last})",
            table=table,
            first=first,
            last=last,
        )
    return table


def _check_column(column: int) -> int:
    count = known_columns()
    if not 1 <= column <= count:
        raise InputError(
            "column", "column {column} does not exist (columns are 1–{count})", column=column,
            count=count,
        )  # fmt: skip
    return column


class _Mode(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _TableAndColumn(_Mode):
    table: int
    column: int

    @field_validator("table")
    @classmethod
    def _valid_table(cls, value: int) -> int:
        return _check_table(value)

    @field_validator("column")
    @classmethod
    def _valid_column(cls, value: int) -> int:
        return _check_column(value)


class TableTax(_TableAndColumn):
    """Withhold by the monthly tax table (*skattetabell*) named on the A-skatt decision.

    Attributes:
        table: Table number (29–42): the whole-percent total local tax rate.
        column: Column; 1 = pay to a person under 66 at the start of the year, 3 = pay to a
            person who had turned 66.
    """

    kind: Literal["table"] = "table"


class NoInformation(_TableAndColumn):
    """*Förhöjt skatteavdrag*: no tax information from the employee.

    The employer's own table and column, increased by the surcharge in
    ``tax.no_information.surcharge`` (10 %: 110 % of the table amount).

    Attributes:
        table: The table of the employer's municipality.
        column: The column that would apply (normally 1).
    """

    kind: Literal["no-info"] = "no-info"


class SideIncome(_Mode):
    """*Sidoinkomst*: the payer is not the main employer; a flat rate (30 %) is withheld."""

    kind: Literal["side-income"] = "side-income"


class Sink(_Mode):
    """*SINK*: special income tax for non-residents, a flat rate (25 % 2025, 22.5 % 2026).

    Needs a SINK decision from Skatteverket; no allowances are deducted.
    """

    kind: Literal["sink"] = "sink"


class OneOff(_Mode):
    """*Engångsbelopp*: a one-off amount paid by the main employer (engångstabell).

    Attributes:
        annual_income: The expected yearly income including the one-off amount, which picks
            the withholding rate from ``tax.one_off.brackets`` (column 1).
    """

    kind: Literal["one-off"] = "one-off"
    annual_income: _Decimal = Field(ge=0)


class Adjusted(_Mode):
    """*Jämkning*: Skatteverket's decision fixes the withholding.

    Exactly one of ``percent`` (of the pay) or ``amount`` (kronor per payment) is given.

    Attributes:
        percent: Withholding as a percentage of the taxable pay (0–100).
        amount: Withholding in kronor per payment.
        decision_date: The date of Skatteverket's decision.
        valid_from: First payment date the decision covers (inclusive), if limited.
        valid_to: Last payment date the decision covers (inclusive), if limited.
    """

    kind: Literal["adjusted"] = "adjusted"
    percent: _Decimal | None = Field(default=None, ge=0, le=100)
    amount: _Decimal | None = Field(default=None, ge=0)
    decision_date: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Adjusted:
        if (self.percent is None) == (self.amount is None):
            raise ValueError("give exactly one of percent or amount")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self

    def covers(self, on: date) -> bool:
        """Whether the decision applies to a payment made on ``on``."""
        if self.valid_from is not None and on < self.valid_from:
            return False
        return self.valid_to is None or on <= self.valid_to


#: Any tax mode; pydantic picks the class from ``kind``.
TaxMode = Annotated[
    TableTax | NoInformation | SideIncome | Sink | OneOff | Adjusted,
    Field(discriminator="kind"),
]

#: Validates a mapping such as ``{"kind": "table", "table": 33, "column": 1}``.
TAX_MODE_ADAPTER: TypeAdapter[TaxMode] = TypeAdapter(TaxMode)

_FORMS = "table:NN:C, no-info:NN:C, side-income, sink, adjusted:PERCENT, one-off:ANNUAL_INCOME"


def _whole(text: str, what: str) -> int:
    if not text.strip().isdigit():
        raise InputError("tax", "{what} {text!r} is not a whole number", what=Term(what), text=text)
    return int(text)


def _decimal(text: str, what: str) -> Decimal:
    cleaned = text.strip().replace(" ", "").replace(",", ".").rstrip("%")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InputError(
            "tax", "{what} {text!r} is not a number", what=Term(what), text=text
        ) from None
    if not value.is_finite():
        raise InputError(
            "tax", "{what} {text!r} is not a finite number", what=Term(what), text=text
        )
    return value


def parse_tax_mode(text: str) -> TaxMode:
    """Read a tax mode from its short form (CLI options, ``cooperative.toml``).

    Forms: ``table:NN:C``, ``no-info:NN:C``, ``side-income``, ``sink``,
    ``adjusted:PERCENT`` (``adjusted:25`` or ``adjusted:22,5``) and
    ``one-off:ANNUAL_INCOME``. Case and surrounding spaces are ignored.

    Args:
        text: The short form.

    Returns:
        The tax mode.

    Raises:
        InputError: With field ``"tax"`` and the reason (unknown form, table outside
            29–42, column outside 1–6, bad number).
    """
    parts = [part.strip() for part in text.strip().lower().split(":")]
    kind, args = parts[0], parts[1:]
    expected = {"table": 2, "no-info": 2, "side-income": 0, "sink": 0, "adjusted": 1, "one-off": 1}
    if kind not in expected:
        raise InputError(
            "tax", "unknown tax mode {text!r}; use one of {forms}", text=text, forms=_FORMS
        )
    if len(args) != expected[kind]:
        raise InputError(
            "tax",
            "{text!r}: {kind} takes {count} value(s); forms: {forms}",
            text=text,
            kind=kind,
            count=expected[kind],
            forms=_FORMS,
        )
    data: dict[str, Any] = {"kind": kind}
    if kind in ("table", "no-info"):
        data["table"] = _whole(args[0], "table")
        data["column"] = _whole(args[1], "column")
    elif kind == "adjusted":
        data["percent"] = _decimal(args[0], "percent")
    elif kind == "one-off":
        data["annual_income"] = _decimal(args[0], "annual income")
    try:
        return TAX_MODE_ADAPTER.validate_python(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"][1:]) or kind
        template, values = pydantic_reason(error)
        raise InputError(
            "tax",
            "{text!r}: {field}: {reason}",
            text=text,
            field=Term(field),
            reason=Phrase(template, **values),
        ) from None

# SPDX-License-Identifier: EUPL-1.2
"""The salary's input and result: what a calculation is asked, and what it answers.

A member of an employment cooperative invoices a client through the cooperative. The
cooperative keeps its fee and reimburses the member's expenses (*utlägg*); what is left is
the *budget* for the salary. The budget pays for everything the salary costs the
employer: the gross salary, holiday pay, employer contributions and, if the cooperative
pays one, an occupational pension (with any tax on it). The member receives the net pay
(after preliminary tax) plus the expenses.

What each of those costs is national law and comes from the country
(:class:`~kooperativ.rules.payroll.PayrollRules`); this module only holds the records: a
:class:`SalaryInput` names the pay one way (invoice, budget, gross or wanted net) and the
person's circumstances, a :class:`SalaryResult` holds every amount and its trace.

>>> from datetime import date
>>> inp = SalaryInput.create(gross="20000", birth_date=date(1985, 3, 1),
...                          paid_on=date(2026, 11, 25), tax="side-income")
>>> inp.mode, inp.gross
('gross', Decimal('20000'))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic import ValidationError as PydanticValidationError

from kooperativ.errors import InputError, ValidationFailed, pydantic_reason
from kooperativ.money import ONE, ORE, ZERO, to_decimal

if TYPE_CHECKING:
    from kooperativ.payroll.trace import TraceLine

__all__ = [
    "AMOUNT_LIMIT",
    "FIELDS",
    "NO_HOLIDAY_PAY",
    "PAY_FIELDS",
    "Cost",
    "SalaryInput",
    "SalaryResult",
    "TaxDeduction",
]

#: The largest amount (in the currency's main unit) a salary calculation accepts. Not a
#: legal figure: a guard against typing mistakes and absurd input (``1e400``), far above
#: any one salary a cooperative pays.
AMOUNT_LIMIT = Decimal(100_000_000)

#: The holiday-pay policy every country knows: no holiday pay with this salary.
NO_HOLIDAY_PAY = "none"

#: The ways of setting the pay; exactly one is given.
PAY_FIELDS = ("invoiced", "budget", "gross", "net")

#: The amount fields of :class:`SalaryResult`, in payslip order (also the trace order).
FIELDS = (
    "fee",
    "expenses",
    "budget",
    "gross_salary",
    "holiday_pay",
    "taxable_pay",
    "employer_contributions",
    "pension",
    "pension_tax",
    "preliminary_tax",
    "net_pay",
    "payout",
    "remainder",
)

_AMOUNTS = (
    "invoiced",
    "expenses",
    "budget",
    "gross",
    "net",
    "fee_minimum",
    "fee_maximum",
    "paid_this_month",
    "paid_this_year",
)


def _amount(value: Any) -> Decimal:
    return to_decimal(value, "amount")


Amount = Annotated[Decimal, BeforeValidator(_amount)]


class SalaryInput(BaseModel):
    """What a salary calculation needs. Exactly one way of setting the pay is given.

    Build with :meth:`create` to get kooperativ's own errors (``InputError``) instead of
    pydantic's. The tax mode and holiday-pay policy are the country's words; the country's
    payroll rules check them when the salary is calculated.

    Attributes:
        invoiced: Invoiced amount excluding VAT (needs ``fee_rate``).
        fee_rate: The cooperative's fee as a share of the invoiced amount (``0.06``).
        fee_minimum: The least fee on an invoice (``[fees] minimum``).
        fee_maximum: The most fee on an invoice (``[fees] maximum``), or ``None``.
        fee_rule: The rule of the cooperative's fee policy that set the rate and limits,
            as the trace names it (``fees.members[0]: Board decision …``), or ``None``.
        expenses: Outlays to reimburse tax-free (*utlägg*), taken out of the invoice.
        budget: A budget for the total salary cost, instead of an invoice.
        gross: A gross salary (excluding holiday pay), instead of an invoice.
        net: A wanted net pay; with ``fee_rate`` the invoice needed is computed.
        birth_date: The member's birth date (decides age-dependent rates).
        paid_on: The day the salary is paid out (decides every rate; no hidden clock).
        tax: Tax mode in the country's short form (Sweden: ``table:33:1``,
            ``side-income``, ``sink``, ``adjusted:PCT``, ``one-off:ANNUAL``).
        holiday_pay: Holiday-pay policy in the country's words (``none`` everywhere);
            ``None``: the country's (or the cooperative's) default.
        pension_rate: Occupational pension as a share of the taxable pay (0 = none).
        paid_this_month: Taxable pay already given out to the member this calendar month
            (a second payment in a month is taxed with the first counted).
        paid_this_year: Taxable pay already given out this calendar year, including this
            month's; when not given, the month's.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    invoiced: Amount | None = None
    fee_rate: Amount | None = None
    fee_minimum: Amount = ZERO
    fee_maximum: Amount | None = None
    fee_rule: str | None = None
    expenses: Amount = ZERO
    budget: Amount | None = None
    gross: Amount | None = None
    net: Amount | None = None
    birth_date: date
    paid_on: date
    tax: str
    holiday_pay: str | None = None
    pension_rate: Amount = ZERO
    paid_this_month: Amount = ZERO
    paid_this_year: Amount = ZERO

    @model_validator(mode="before")
    @classmethod
    def _year_includes_month(cls, data: Any) -> Any:
        # Pay already given out this month was given out this year: without a figure for
        # the year, the month's is the least the year holds.
        if isinstance(data, dict) and data.get("paid_this_year") is None:
            data = {k: v for k, v in data.items() if k != "paid_this_year"}
            if data.get("paid_this_month") is not None:
                data["paid_this_year"] = data["paid_this_month"]
        return data

    @model_validator(mode="after")
    def _check(self) -> SalaryInput:
        given = [name for name in PAY_FIELDS if getattr(self, name) is not None]
        if not given:
            raise InputError("pay", "give one of invoiced, budget, gross or net")
        if len(given) > 1:
            raise InputError(
                "pay",
                "give only one of invoiced, budget, gross or net (got {given})",
                given=", ".join(given),
            )
        for name in _AMOUNTS:
            value = getattr(self, name)
            if value is None:
                continue
            # The limit first: a huge exponent (1e400) cannot even be rounded to öre.
            if abs(value) > AMOUNT_LIMIT:
                raise InputError(
                    name,
                    "is more than {limit}, the largest amount a salary calculation accepts",
                    limit=AMOUNT_LIMIT,
                )
            if value < 0:
                raise InputError(name, "must not be negative (got {value})", value=value)
            if value != value.quantize(ORE):
                raise InputError(
                    name, "{value} has more than two decimals (whole öre only)", value=value
                )
        pay = getattr(self, given[0])
        if pay == 0:
            raise InputError(
                given[0], "must be more than 0: there is no salary to calculate from nothing"
            )
        if self.invoiced is not None and self.fee_rate is None:
            raise InputError("fee_rate", "an invoiced amount needs the cooperative's fee rate")
        if self.fee_rate is not None and not (ZERO <= self.fee_rate < ONE):
            raise InputError(
                "fee_rate", "must be at least 0 and below 1 (got {value})", value=self.fee_rate
            )
        if self.fee_maximum is not None and self.fee_maximum < self.fee_minimum:
            raise InputError(
                "fee_maximum",
                "{maximum} is less than the minimum fee {minimum}",
                maximum=self.fee_maximum,
                minimum=self.fee_minimum,
            )
        if not (ZERO <= self.pension_rate < ONE):
            raise InputError(
                "pension_rate",
                "must be at least 0 and below 1 (got {value})",
                value=self.pension_rate,
            )
        if self.birth_date > self.paid_on:
            raise InputError(
                "birth_date",
                "{birth} is after the payment date {paid}",
                birth=self.birth_date,
                paid=self.paid_on,
            )
        if self.paid_this_month > self.paid_this_year:
            raise InputError(
                "paid_this_month",
                "{month} is more than the year's pay so far ({year})",
                month=self.paid_this_month,
                year=self.paid_this_year,
            )
        if not self.tax.strip():
            raise InputError("tax", "give a tax mode")
        return self

    @property
    def mode(self) -> str:
        """How the pay is set: ``invoice``, ``budget``, ``gross`` or ``net``."""
        if self.invoiced is not None:
            return "invoice"
        if self.budget is not None:
            return "budget"
        if self.gross is not None:
            return "gross"
        return "net"

    def invoice_for(self, result: SalaryResult) -> Decimal | None:
        """The invoice (excl. VAT) behind ``result``, where there is one.

        The invoiced amount given; for a wanted net pay with a fee rate, the invoice that
        net pay needs; otherwise (a budget or a gross salary) ``None``.
        """
        if self.invoiced is not None:
            return self.invoiced
        if self.mode == "net" and self.fee_rate is not None:
            return result.invoiced
        return None

    @classmethod
    def create(cls, **fields: Any) -> SalaryInput:
        """Validate ``fields`` into a :class:`SalaryInput`.

        Raises:
            ValidationFailed: Naming every bad field (an :class:`InputError`).
        """
        try:
            return cls.model_validate(fields)
        except PydanticValidationError as exc:
            raise _as_input_error(exc) from None


def _as_input_error(exc: PydanticValidationError) -> InputError:
    problems: list[tuple[str, str, dict[str, object]]] = []
    for error in exc.errors():
        cause = (error.get("ctx") or {}).get("error")
        loc = ".".join(str(p) for p in error["loc"])
        if isinstance(cause, InputError):
            field = loc if loc and cause.field == "amount" else cause.field
        else:
            field = loc or "input"
        template, values = pydantic_reason(error)
        problems.append((field, template, values))
    if len(problems) == 1:
        # Keep the template and its values apart, so the message can be translated.
        field, template, values = problems[0]
        return InputError(field, template, **values)
    return ValidationFailed(problems)


@dataclass(frozen=True, slots=True)
class TaxDeduction:
    """The tax one column of a published monthly table withholds from an income.

    What ``kooperativ tax`` prints, and its ``--json``.

    Attributes:
        year: The income year of the table.
        table: The table number.
        column: The column.
        income: The monthly taxable pay.
        deduction: The tax withheld from it.
    """

    year: int
    table: int
    column: int
    income: Decimal
    deduction: Decimal

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: the numbers, amounts as strings."""
        return {
            "year": self.year,
            "table": self.table,
            "column": self.column,
            "income": str(self.income),
            "deduction": str(self.deduction),
        }


class Cost(NamedTuple):
    """What one gross salary costs the employer, by the country's cost model.

    Attributes:
        gross: The gross salary (excluding holiday pay).
        holiday: Holiday pay given with it.
        taxable: ``gross + holiday``: the pay tax and contributions are charged on.
        contributions: Employer contributions on the taxable pay.
        pension: Occupational pension premium (the cooperative's policy).
        pension_tax: Tax on the pension premium, where the country charges one.
        total: Everything together: what the salary costs.
    """

    gross: Decimal
    holiday: Decimal
    taxable: Decimal
    contributions: Decimal
    pension: Decimal
    pension_tax: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class SalaryResult:
    """The result of a salary calculation. Every amount is a Decimal in the currency.

    Attributes:
        fee: The cooperative's fee on the invoiced amount.
        expenses: Outlays reimbursed tax-free.
        budget: What the salary may cost: invoiced − fee − expenses.
        gross_salary: Gross salary, excluding holiday pay.
        holiday_pay: Holiday pay, shown separately.
        taxable_pay: gross_salary + holiday_pay.
        employer_contributions: Employer contributions on the taxable pay.
        pension: Occupational pension premium paid by the cooperative.
        pension_tax: Tax on the pension premium (Sweden: *särskild löneskatt*).
        preliminary_tax: Tax withheld from the taxable pay.
        net_pay: taxable_pay − preliminary_tax.
        payout: net_pay + expenses: what reaches the member's bank account.
        remainder: What is left of the budget after rounding (budget − total cost).
        trace: One :class:`~kooperativ.payroll.trace.TraceLine` per amount, in the order
            of :data:`FIELDS`.
    """

    fee: Decimal
    expenses: Decimal
    budget: Decimal
    gross_salary: Decimal
    holiday_pay: Decimal
    taxable_pay: Decimal
    employer_contributions: Decimal
    pension: Decimal
    pension_tax: Decimal
    preliminary_tax: Decimal
    net_pay: Decimal
    payout: Decimal
    remainder: Decimal
    trace: tuple[TraceLine, ...]

    @property
    def total_cost(self) -> Decimal:
        """What the salary costs the cooperative: taxable pay, contributions, pension, tax."""
        return self.taxable_pay + self.employer_contributions + self.pension + self.pension_tax

    @property
    def invoiced(self) -> Decimal:
        """The invoice (excl. VAT) behind the budget: ``budget + fee + expenses``."""
        return self.budget + self.fee + self.expenses

    def line(self, field: str) -> TraceLine:
        """The trace line of ``field``.

        Raises:
            KeyError: If there is no line for ``field``.
        """
        for line in self.trace:
            if line.field == field:
                return line
        raise KeyError(field)

    def as_dict(self, invoiced: Decimal | None = None, lang: str | None = None) -> dict[str, Any]:
        """JSON-ready data: every amount as a string, plus the trace.

        Args:
            invoiced: The invoice behind the salary (:meth:`SalaryInput.invoice_for`),
                written first as ``invoiced`` when given.
            lang: With a language, each trace line carries ``text`` (its rule, reference
                and formula in that language) beside the machine form.
        """
        data: dict[str, Any] = {} if invoiced is None else {"invoiced": str(invoiced)}
        data.update((name, str(getattr(self, name))) for name in FIELDS)
        data["trace"] = [line.as_dict(lang) for line in self.trace]
        return data

# SPDX-License-Identifier: EUPL-1.2
"""Payroll runs and payslips: what a month's salaries were, stored and fixed.

A :class:`PayrollRun` gathers the approved salary requests (and the expenses and travel
allowances paid back with them) of one pay period into one :class:`Payslip` per member.
It moves ``draft`` → ``approved`` (by an officer who is not paid in it) → ``paid``. A
draft may be computed again; an approved run is fixed, and a mistake in it is corrected by
a *correction run* (``kind = "correction"``, ``corrects`` naming the run), whose payslips
replace the corrected members' payslips in the employer's report to the tax authority.

A payslip keeps a snapshot of what it was computed from (name, personal identity number,
bank account, tax mode): a later change in the register does not change a payslip that has
been paid. Amounts are Decimal of whole öre (cents).

>>> from datetime import date
>>> from uuid import UUID
>>> line = PayslipLine(kind="salary", text="Uppdrag 3", amount="18000.00")
>>> slip = Payslip(run_id=UUID(int=1), run_number=1, member_id=UUID(int=2), member_number=7,
...     name="Ada Lund", person_id="198503121234", period="2026-05",
...     pay_date=date(2026, 5, 25), lines=(line,), gross_salary="18000.00",
...     taxable_pay="18000.00", tax_mode="table:33:1", preliminary_tax="3500.00",
...     net_pay="14500.00", payout="14500.00")
>>> slip.period, slip.net_pay, slip.lines[0].taxable
('2026-05', Decimal('14500.00'), True)
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal
from uuid import UUID, uuid4

from pydantic import Field, field_validator, model_validator

from kooperativ._model import Record
from kooperativ.expenses.models import whole_ore

__all__ = [
    "LINE_KINDS",
    "PERIOD_PATTERN",
    "PayrollRun",
    "Payslip",
    "PayslipLine",
    "RunKind",
    "RunStatus",
]

#: A pay period: a calendar month written ``YYYY-MM``.
PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"

#: The kinds of payslip line, in payslip order. Taxable kinds make up the taxable pay;
#: the others are paid back tax-free beside the net pay.
LINE_KINDS: dict[str, bool] = {
    "salary": True,  #: gross salary (one line per assignment or source)
    "holiday_pay": True,  #: holiday pay (semesterersättning), shown separately
    "sick_pay": True,  #: sick pay (sjuklön)
    "sick_deduction": True,  #: the qualifying-day deduction (karensavdrag), negative
    "taxable_allowance": True,  #: the taxable part of a travel allowance
    "expense": False,  #: an outlay paid back (utlägg)
    "travel_allowance": False,  #: the tax-free part of a travel allowance
}


class RunStatus(StrEnum):
    """Where a payroll run stands."""

    DRAFT = "draft"  #: computed, may be computed again
    APPROVED = "approved"  #: approved by an officer who is not paid in it: fixed
    PAID = "paid"  #: the bank has paid it out


class RunKind(StrEnum):
    """A regular run of a period, or a correction of an approved one."""

    REGULAR = "regular"
    CORRECTION = "correction"


def _money(value: Any) -> Decimal:
    return whole_ore(value)


class PayslipLine(Record):
    """One line of a payslip.

    Attributes:
        kind: One of :data:`LINE_KINDS`.
        text: What the line is, as the payslip shows it.
        amount: The amount (negative for a deduction).
        quantity: Hours or days behind the amount, where there are any.
        assignment_number: The assignment the line comes from, if one.
        request_number: The salary request it pays, if one.
        expense_number: The expense (or travel claim) it pays back, if one.
        allowance: For a travel allowance line: ``per_diem`` (*traktamente*) or
            ``mileage`` (*bilersättning*), what it is booked as.
        day: For a salary request's line: the day the request asked to be paid.
        rate: For a sick pay line: the share of the pay lost that is paid (``0.80``).
        basis: For a holiday pay line on other pay than the salary: what it is earned
            on (``sick_pay``: *semesterersättning på sjuklön*).
        note: The member's own words behind the line, printed as written in every
            language: an expense's description, a travel claim's destination.

    ``text`` is the line as the run wrote it (Swedish, the record); a payslip document
    writes each line again in its own language from the machine fields above (see
    :func:`kooperativ.documents.payslip.line_text`).
    """

    kind: str
    text: str = Field(min_length=1, max_length=200)
    amount: Decimal
    quantity: Decimal | None = None
    assignment_number: int | None = None
    request_number: int | None = None
    expense_number: int | None = None
    allowance: Literal["per_diem", "mileage"] | None = None
    day: dt.date | None = None
    rate: Decimal | None = None
    basis: Literal["sick_pay"] | None = None
    note: str | None = Field(default=None, max_length=200)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in LINE_KINDS:
            raise ValueError("not a kind of payslip line")
        return value

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> Decimal:
        return _money(value)

    @property
    def taxable(self) -> bool:
        """Whether the line is taxable pay (else paid back tax-free)."""
        return LINE_KINDS[self.kind]


class Payslip(Record):
    """One member's pay in one payroll run (a *lönespecifikation*).

    Attributes:
        id: The payslip's id.
        number: Running number of payslips over all runs (allocated when the run is
            stored; the store's human number).
        run_id: The run it belongs to.
        run_number: The run's number.
        member_id: The member paid.
        member_number: Their member number.
        name: Their name when the run was computed.
        person_id: Their personal identity number then (12 digits; masked when shown).
        bank_account: The account paid to then (``None``: none registered).
        period: The pay period ``YYYY-MM``.
        pay_date: The pay date.
        lines: The lines, in :data:`LINE_KINDS` order.
        gross_salary: Salary lines together (excl. holiday pay).
        holiday_pay: Holiday pay.
        taxable_pay: All taxable lines together.
        employer_contributions: The employer's contributions on the taxable pay.
        contribution_rate: The rate they were computed with.
        pension: Occupational pension premium.
        pension_tax: Tax on the premium (Sweden: särskild löneskatt).
        tax_mode: The tax mode used, in the country's short form.
        preliminary_tax: Tax withheld.
        expenses: What is paid back tax-free (expenses, tax-free allowances).
        net_pay: ``taxable_pay − preliminary_tax``.
        payout: ``net_pay + expenses``: what reaches the bank account.
        budget: What the pay cost the member's account: the whole cost (:attr:`cost`)
            but what the cooperative paid (:attr:`cooperative_cost`, the sick pay where
            the cooperative pays it).
        ytd_taxable_pay: Taxable pay this calendar year up to and including this payslip.
        ytd_preliminary_tax: Tax withheld this year up to and including this payslip.
        request_numbers: The salary requests paid.
        expense_numbers: The expenses paid back.
        travel_numbers: The travel claims paid.
        sick_days: Days of sick leave in the period counted for sick pay.
        trace: How each amount was calculated (the salary engine's trace, JSON-ready).
        replaces: For a correction run: the payslip it replaces.
        absence_numbers: The confirmed sick absences whose days in the period the payslip
            counted for sick pay (each absence's days of a period are paid once).
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(default=1, ge=1)
    run_id: UUID
    run_number: int = Field(ge=1)
    member_id: UUID
    member_number: int = Field(ge=1)
    name: str = Field(min_length=1)
    person_id: str = Field(min_length=1)
    bank_account: str | None = None
    period: str = Field(pattern=PERIOD_PATTERN)
    pay_date: dt.date
    lines: tuple[PayslipLine, ...] = ()
    gross_salary: Decimal = Decimal("0.00")
    holiday_pay: Decimal = Decimal("0.00")
    taxable_pay: Decimal = Decimal("0.00")
    employer_contributions: Decimal = Decimal("0.00")
    contribution_rate: Decimal = Decimal("0")
    pension: Decimal = Decimal("0.00")
    pension_tax: Decimal = Decimal("0.00")
    tax_mode: str = Field(min_length=1)
    preliminary_tax: Decimal = Decimal("0.00")
    expenses: Decimal = Decimal("0.00")
    net_pay: Decimal = Decimal("0.00")
    payout: Decimal = Decimal("0.00")
    budget: Decimal = Decimal("0.00")
    ytd_taxable_pay: Decimal = Decimal("0.00")
    ytd_preliminary_tax: Decimal = Decimal("0.00")
    request_numbers: tuple[int, ...] = ()
    expense_numbers: tuple[int, ...] = ()
    travel_numbers: tuple[int, ...] = ()
    sick_days: int = Field(default=0, ge=0)
    trace: tuple[dict[str, Any], ...] = ()
    replaces: UUID | None = None
    absence_numbers: tuple[int, ...] = ()

    @field_validator(
        "gross_salary", "holiday_pay", "taxable_pay", "employer_contributions", "pension",
        "pension_tax", "preliminary_tax", "expenses", "net_pay", "payout", "budget",
        "ytd_taxable_pay", "ytd_preliminary_tax", mode="before",
    )  # fmt: skip
    @classmethod
    def _amounts(cls, value: Any) -> Decimal:
        return _money(value)

    @model_validator(mode="after")
    def _adds_up(self) -> Payslip:
        if self.net_pay != self.taxable_pay - self.preliminary_tax:
            raise ValueError("net_pay is not taxable_pay − preliminary_tax")
        if self.payout != self.net_pay + self.expenses:
            raise ValueError("payout is not net_pay + expenses")
        if self.lines:
            taxable = sum((line.amount for line in self.lines if line.taxable), Decimal("0.00"))
            tax_free = sum(
                (line.amount for line in self.lines if not line.taxable), Decimal("0.00")
            )
            if taxable != self.taxable_pay:
                raise ValueError("the taxable lines do not add up to taxable_pay")
            if tax_free != self.expenses:
                raise ValueError("the tax-free lines do not add up to expenses")
        return self

    @property
    def year(self) -> int:
        """The calendar year of the pay period."""
        return int(self.period[:4])

    @property
    def sick_pay(self) -> Decimal:
        """Sick pay less the qualifying-day deduction: the ``sick_pay`` and
        ``sick_deduction`` lines together (never negative)."""
        return sum(
            (ln.amount for ln in self.lines if ln.kind in ("sick_pay", "sick_deduction")),
            Decimal("0.00"),
        )

    @property
    def travel_tax_free(self) -> Decimal:
        """The tax-free part of the travel allowances paid (``travel_allowance`` lines)."""
        return sum(
            (ln.amount for ln in self.lines if ln.kind == "travel_allowance"), Decimal("0.00")
        )

    @property
    def cost(self) -> Decimal:
        """What the pay cost in all: the taxable pay, the employer's contributions, the
        pension and its tax, and the tax-free travel allowances (expenses paid back are
        the member's own outlays, not a cost of the pay)."""
        return (
            self.taxable_pay + self.employer_contributions + self.pension + self.pension_tax
            + self.travel_tax_free
        )  # fmt: skip

    @property
    def cooperative_cost(self) -> Decimal:
        """What the cooperative paid of :attr:`cost` rather than the member's account
        (:attr:`budget`): with ``[payroll] sick_pay_from = "cooperative"``, the sick pay,
        the holiday pay on it and the contributions on both. Never negative."""
        return max(self.cost - self.budget, Decimal("0.00"))

    @property
    def travel_taxable(self) -> Decimal:
        """The taxable part of the travel allowances paid (``taxable_allowance`` lines)."""
        return sum(
            (ln.amount for ln in self.lines if ln.kind == "taxable_allowance"), Decimal("0.00")
        )


class PayrollRun(Record):
    """The salaries of one pay period, paid on one pay date.

    Attributes:
        id: The run's id.
        number: Running number of runs, without gaps.
        period: The pay period ``YYYY-MM``.
        pay_date: The pay date.
        kind: Regular, or a correction of an approved run.
        corrects: The number of the run a correction corrects.
        status: Where it stands.
        payslips: How many payslips it holds.
        taxable_pay: Taxable pay of all payslips.
        employer_contributions: Contributions of all payslips.
        pension: Pension premiums of all payslips.
        pension_tax: Tax on them.
        preliminary_tax: Tax withheld on all payslips.
        expenses: Paid back tax-free on all payslips.
        net_pay: Net pay of all payslips.
        payout: What the bank pays out: the sum of the payslips' payouts.
        created_by: Who computed it (last).
        created_at: When.
        approved_by: Who approved it (never one paid in it).
        approved_at: When.
        paid_by: Who marked it paid.
        paid_at: When.
        voucher: The ledger voucher it booked (``L 12``), once approved.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    period: str = Field(pattern=PERIOD_PATTERN)
    pay_date: dt.date
    kind: RunKind = RunKind.REGULAR
    corrects: int | None = None
    status: RunStatus = RunStatus.DRAFT
    payslips: int = Field(default=0, ge=0)
    taxable_pay: Decimal = Decimal("0.00")
    employer_contributions: Decimal = Decimal("0.00")
    pension: Decimal = Decimal("0.00")
    pension_tax: Decimal = Decimal("0.00")
    preliminary_tax: Decimal = Decimal("0.00")
    expenses: Decimal = Decimal("0.00")
    net_pay: Decimal = Decimal("0.00")
    payout: Decimal = Decimal("0.00")
    created_by: str | None = None
    created_at: dt.datetime | None = None
    approved_by: str | None = None
    approved_at: dt.datetime | None = None
    paid_by: str | None = None
    paid_at: dt.datetime | None = None
    voucher: str | None = None

    @field_validator(
        "taxable_pay", "employer_contributions", "pension", "pension_tax", "preliminary_tax",
        "expenses", "net_pay", "payout", mode="before",
    )  # fmt: skip
    @classmethod
    def _amounts(cls, value: Any) -> Decimal:
        return _money(value)

    @model_validator(mode="after")
    def _consistent(self) -> PayrollRun:
        if (self.kind is RunKind.CORRECTION) != (self.corrects is not None):
            raise ValueError("a correction run names the run it corrects, and only it")
        if not re.match(PERIOD_PATTERN, self.period):  # pragma: no cover - Field checks
            raise ValueError("period is not YYYY-MM")
        return self

    @property
    def fixed(self) -> bool:
        """Whether the run can no longer be computed again (approved or paid)."""
        return self.status is not RunStatus.DRAFT

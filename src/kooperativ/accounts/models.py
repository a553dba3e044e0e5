# SPDX-License-Identifier: EUPL-1.2
"""The ledger's records: vouchers (*verifikationer*) with their lines, and closed periods.

A :class:`Voucher` is booked once and never changed: it has a series (``A`` invoices,
``B`` payments …), a number in that series without gaps (its :attr:`~Voucher.serial`),
a number in the order of registration over the whole ledger (:attr:`~Voucher.number`),
a date, a text, a reference to the underlying document and at least two lines whose
amounts (debit positive, credit negative) add up to exactly zero. A correction is a new
voucher that refers to the one it corrects (:attr:`~Voucher.corrects`).

Examples:
    >>> from datetime import UTC, datetime
    >>> from decimal import Decimal
    >>> v = Voucher(number=1, series="A", serial=1, date=dt.date(2026, 5, 4),
    ...     text="Faktura 1", booked_at=datetime(2026, 5, 4, tzinfo=UTC), booked_by="kassör",
    ...     lines=[VoucherLine(account=1510, amount="1250"),
    ...            VoucherLine(account=2611, amount="-250"),
    ...            VoucherLine(account=3041, amount="-1000")])
    >>> v.label, [str(line.amount) for line in v.lines]
    ('A1', ['1250.00', '-250.00', '-1000.00'])
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID, uuid4

from pydantic import Field, field_validator, model_validator

from kooperativ._model import Record
from kooperativ.money import ORE, ZERO, to_decimal

__all__ = [
    "AMOUNT_LIMIT",
    "SERIES_PATTERN",
    "ClosedPeriod",
    "DocumentRef",
    "Voucher",
    "VoucherDraft",
    "VoucherLine",
    "VoucherRef",
]

#: The largest amount one line may carry (a hundred thousand million): larger is a typo.
AMOUNT_LIMIT = Decimal(100_000_000_000)

#: A series is one to five capital letters (A–Z), so that ``A12`` names one voucher.
SERIES_PATTERN = r"^[A-Z]{1,5}$"
_SERIES = re.compile(SERIES_PATTERN)


def _amount(value: Any) -> Decimal:
    amount = to_decimal(value, "amount")
    if amount != amount.quantize(ORE):
        raise ValueError("an amount has at most two decimals (whole öre)")
    if amount == ZERO:
        raise ValueError("a line of zero books nothing")
    if abs(amount) > AMOUNT_LIMIT:
        raise ValueError("the amount is too large")
    return amount.quantize(ORE)


class DocumentRef(Record):
    """The document a voucher books (*underlag*): its kind and its number or id.

    Attributes:
        kind: ``invoice``, ``credit_note``, ``payment``, ``payroll``, ``receipt``,
            ``manual`` … (free text, short).
        key: The document's number or id as the document itself shows it.
    """

    kind: str = Field(min_length=1, max_length=40)
    key: str = Field(min_length=1, max_length=100)


class VoucherRef(Record):
    """A voucher named by its series and its number in the series (``A12``)."""

    series: str = Field(pattern=SERIES_PATTERN)
    serial: int = Field(ge=1)

    @property
    def label(self) -> str:
        """``A12``."""
        return f"{self.series}{self.serial}"


class VoucherLine(Record):
    """One line (*kontering*) of a voucher.

    Attributes:
        account: The account number (in the chart of accounts).
        amount: Kronor with at most two decimals: debit positive, credit negative.
        member_id: The member whose sub-ledger the line belongs to (on the member
            account), or who it concerns.
        project_id: The project the line belongs to.
        text: A text of the line's own, if the voucher's is not enough.
    """

    account: int = Field(ge=1, le=99_999_999)
    amount: Decimal
    member_id: UUID | None = None
    project_id: UUID | None = None
    text: str | None = Field(default=None, max_length=200)

    @field_validator("amount", mode="before")
    @classmethod
    def _valid_amount(cls, value: Any) -> Decimal:
        return _amount(value)


class VoucherDraft(Record):
    """What a voucher says before it is booked (no numbers yet).

    Checked by :func:`kooperativ.accounts.ledger.check_draft` against the chart of
    accounts and the closed periods; :func:`~kooperativ.accounts.ledger.book` turns it into
    a :class:`Voucher`.
    """

    series: str = Field(pattern=SERIES_PATTERN)
    date: dt.date
    text: str = Field(min_length=1, max_length=200)
    document: DocumentRef | None = None
    lines: tuple[VoucherLine, ...] = Field(min_length=2, max_length=10_000)
    corrects: VoucherRef | None = None

    @property
    def difference(self) -> Decimal:
        """The sum of the lines: zero when the voucher balances."""
        return sum((line.amount for line in self.lines), ZERO).quantize(ORE)


class Voucher(VoucherDraft):
    """A booked voucher (*verifikation*): never changed, never deleted.

    Attributes:
        number: The registration number over the whole ledger (1, 2, 3 … in the order the
            vouchers were booked, without gaps): the order BFNAR 2013:2 p. 2.3 asks for.
        series: The series (``A`` invoices, ``B`` payments, ``L`` payroll, ``M`` manual …).
        serial: The voucher number in its series, without gaps (*verifikationsnummer*).
        date: The day of the business event (*affärshändelse*).
        text: What the voucher concerns.
        document: The underlying document.
        lines: At least two, adding up to exactly zero.
        corrects: The voucher this one corrects (*rättelse*), if any.
        booked_at: When it was booked (registration time).
        booked_by: Who booked it.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    serial: int = Field(ge=1)
    booked_at: dt.datetime
    booked_by: str = Field(min_length=1, max_length=200)

    @field_validator("booked_at")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        if value.utcoffset() is None:
            raise ValueError("needs a time zone")
        return value

    @model_validator(mode="after")
    def _balances(self) -> Voucher:
        if self.difference != ZERO:
            raise ValueError("the lines do not add up to zero")
        return self

    @property
    def label(self) -> str:
        """The voucher's name in its series: ``A12``."""
        return f"{self.series}{self.serial}"

    @property
    def ref(self) -> VoucherRef:
        """The voucher as a :class:`VoucherRef`."""
        return VoucherRef(series=self.series, serial=self.serial)


class ClosedPeriod(Record):
    """A period whose bookkeeping is finished: no voucher dated in it is accepted.

    Attributes:
        number: Running number of the closing.
        kind: ``month`` or ``year``.
        start: The first day of the period.
        end: The last day of the period.
        closed_at: When it was closed.
        closed_by: Who closed it.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    kind: Literal["month", "year"]
    start: dt.date
    end: dt.date
    closed_at: dt.datetime
    closed_by: str = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _in_order(self) -> ClosedPeriod:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")
        return self

    @property
    def label(self) -> str:
        """``2026-05`` for a month, ``2026`` for a year."""
        return f"{self.start:%Y-%m}" if self.kind == "month" else f"{self.start:%Y}"

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the period."""
        return self.start <= day <= self.end

# SPDX-License-Identifier: EUPL-1.2
"""The ledger's rules, as pure functions: checking a voucher, booking it, correcting it,
periods, and a member's statement with its running balance.

Nothing here reads a clock or a database: the service passes the chart of accounts, the
closed periods, the numbers it allocated and the time.

Examples:
    >>> parse_period("2026-05")
    Period(kind='month', start=datetime.date(2026, 5, 1), end=datetime.date(2026, 5, 31))
    >>> parse_period("2026").end
    datetime.date(2026, 12, 31)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal
from uuid import UUID

from kooperativ.accounts.models import (
    ClosedPeriod,
    Voucher,
    VoucherDraft,
    VoucherRef,
)
from kooperativ.errors import InputError
from kooperativ.money import ORE, ZERO

__all__ = [
    "Entry",
    "Period",
    "StatementLine",
    "book",
    "check_draft",
    "closing_of",
    "entries_of",
    "parse_period",
    "reversal",
    "statement",
]

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Period:
    """A calendar month or year, both days included."""

    kind: Literal["month", "year"]
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        """``2026-05`` or ``2026``."""
        return f"{self.start:%Y-%m}" if self.kind == "month" else f"{self.start:%Y}"


def parse_period(text: str, field: str = "period") -> Period:
    """A period written ``YYYY-MM`` (a month) or ``YYYY`` (a year).

    Raises:
        InputError: Any other text (named by ``field``).
    """
    found = _PERIOD.match(str(text).strip())
    year = int(found.group(1)) if found else 0
    if found is None or not 1900 <= year <= 2999:
        raise InputError(
            field, "{text!r} is not a month (2026-05) or a year (2026)", text=str(text)
        )
    if found.group(2) is None:
        return Period("year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    month = int(found.group(2))
    if not 1 <= month <= 12:
        raise InputError(field, "{text!r} has no month {month}", text=str(text), month=month)
    last = calendar.monthrange(year, month)[1]
    return Period("month", dt.date(year, month, 1), dt.date(year, month, last))


def check_draft(
    draft: VoucherDraft,
    accounts: Mapping[int, str],
    closed: Iterable[ClosedPeriod],
    series: Iterable[str] | None = None,
) -> None:
    """Refuse a voucher that may not be booked, with a clear reason.

    Args:
        draft: The voucher to book.
        accounts: The chart of accounts (number → name).
        closed: The closed periods.
        series: The series the cooperative uses (``None``: any).

    Raises:
        InputError: Unknown series, an account not in the chart, lines that do not add up
            to zero (the difference named), or a date in a closed period.
    """
    name = draft.text
    if series is not None:
        known = list(series)
        if draft.series not in known:
            raise InputError(
                "series",
                "voucher {voucher!r}: series {series!r} is not one of the ledger's ({known})",
                voucher=name,
                series=draft.series,
                known=", ".join(known),
            )
    for index, line in enumerate(draft.lines, start=1):
        if line.account not in accounts:
            raise InputError(
                "account",
                "voucher {voucher!r}, line {line}: account {account} is not in the chart of "
                "accounts",
                voucher=name,
                line=index,
                account=line.account,
            )
    difference = draft.difference
    if difference != ZERO:
        raise InputError(
            "lines",
            "voucher {voucher!r} does not balance: debit and credit differ by {difference}",
            voucher=name,
            difference=abs(difference),
        )
    for period in closed:
        if period.covers(draft.date):
            raise InputError(
                "date",
                "voucher {voucher!r} is dated {date}, in the closed period {period}: book it "
                "in an open period",
                voucher=name,
                date=draft.date.isoformat(),
                period=period.label,
            )


def book(
    draft: VoucherDraft,
    *,
    number: int,
    serial: int,
    booked_at: dt.datetime,
    booked_by: str,
) -> Voucher:
    """The booked voucher of ``draft`` with its numbers (check it first with
    :func:`check_draft`)."""
    return Voucher(
        **draft.model_dump(),
        number=number,
        serial=serial,
        booked_at=booked_at,
        booked_by=booked_by,
    )


def reversal(
    original: Voucher, *, date: dt.date, reason: str, series: str | None = None
) -> VoucherDraft:
    """The correction of ``original``: the same lines with opposite signs, referring to it.

    Bokföringslagen 5 kap. 5 § and BFNAR 2013:2 p. 2.17–2.18: a booked voucher is never
    changed; a correction is a voucher of its own, dated in an open period, that makes the
    correction discoverable from the corrected entry.

    >>> from datetime import UTC, datetime
    >>> from kooperativ.accounts.models import VoucherLine
    >>> v = Voucher(number=1, series="M", serial=3, date=dt.date(2026, 5, 4), text="Hyra",
    ...     booked_at=datetime(2026, 5, 4, tzinfo=UTC), booked_by="kassör",
    ...     lines=[VoucherLine(account=5010, amount="100"),
    ...            VoucherLine(account=1930, amount="-100")])
    >>> r = reversal(v, date=dt.date(2026, 6, 1), reason="fel konto")
    >>> r.corrects.label, [str(line.amount) for line in r.lines]
    ('M3', ['-100.00', '100.00'])
    """
    return VoucherDraft(
        series=series or original.series,
        date=date,
        text=f"{original.label}: {reason}"[:200],
        document=original.document,
        lines=tuple(line.evolve(amount=-line.amount) for line in original.lines),
        corrects=VoucherRef(series=original.series, serial=original.serial),
    )


def closing_of(
    period: Period, *, number: int, closed_at: dt.datetime, closed_by: str
) -> ClosedPeriod:
    """The record that closes ``period``."""
    return ClosedPeriod(
        number=number,
        kind=period.kind,
        start=period.start,
        end=period.end,
        closed_at=closed_at,
        closed_by=closed_by,
    )


@dataclass(frozen=True)
class Entry:
    """One voucher line as the ledger's queries return it (*huvudbokspost*).

    Attributes:
        number: The voucher's registration number.
        series: The voucher's series.
        serial: The voucher's number in its series.
        line: The line's place on the voucher (1, 2 …).
        date: The voucher's date.
        account: The account.
        amount: Debit positive, credit negative.
        member_id: The member's sub-ledger, if any.
        project_id: The project, if any.
        text: The line's text, else the voucher's.
    """

    number: int
    series: str
    serial: int
    line: int
    date: dt.date
    account: int
    amount: Decimal
    member_id: UUID | None
    project_id: UUID | None
    text: str

    @property
    def label(self) -> str:
        """The voucher's name: ``A12``."""
        return f"{self.series}{self.serial}"


def entries_of(voucher: Voucher) -> list[Entry]:
    """The entries a voucher makes, one per line."""
    return [
        Entry(
            voucher.number,
            voucher.series,
            voucher.serial,
            index,
            voucher.date,
            line.account,
            line.amount,
            line.member_id,
            line.project_id,
            line.text or voucher.text,
        )
        for index, line in enumerate(voucher.lines, start=1)
    ]


@dataclass(frozen=True)
class StatementLine:
    """A line of a member's statement: the entry and the balance after it.

    ``amount`` and ``balance`` are from the member's side: positive is what the
    cooperative owes the member (a credit on the member account).
    """

    entry: Entry
    amount: Decimal
    balance: Decimal


def statement(opening: Decimal, entries: Sequence[Entry]) -> list[StatementLine]:
    """The statement lines of ``entries`` (in order) after an ``opening`` balance.

    ``opening`` and the results are from the member's side (credit positive): each line's
    amount is the entry's with the sign turned, and the balance runs from ``opening``.

    >>> e = Entry(1, "A", 1, 1, dt.date(2026, 5, 4), 2890, Decimal("-940.00"), None, None, "F1")
    >>> (line,) = statement(Decimal("60.00"), [e])
    >>> str(line.amount), str(line.balance)
    ('940.00', '1000.00')
    """
    lines: list[StatementLine] = []
    balance = opening
    for entry in entries:
        amount = (-entry.amount).quantize(ORE)
        balance = (balance + amount).quantize(ORE)
        lines.append(StatementLine(entry, amount, balance))
    return lines

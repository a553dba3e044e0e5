# SPDX-License-Identifier: EUPL-1.2
"""The ledger (*bokföring*): vouchers, corrections, closed periods, balances, and each
member's account.

Every voucher is checked (its lines add up to exactly zero, every account is in the
chart, its date is not in a closed period, its series is one of ``[ledger] series``),
numbered in its series without gaps inside the write transaction that stores it, and
never changed afterwards: a correction is a new voucher with the opposite lines that
refers to the old one (bokföringslagen 5 kap. 5 §). Balances are sums the database
computes. A member's account is the member account (the role ``member_accounts``, BAS
2890) split by member; a member sees only their own.

Examples:
    ```python
    voucher = coop.ledger.book(
        treasurer,
        {
            "series": "M",
            "date": date(2026, 5, 4),
            "text": "Bankavgift maj",
            "lines": [{"account": 6570, "amount": "45.00"}, {"account": 1930, "amount": "-45.00"}],
        },
    )
    coop.ledger.correct(treasurer, "M", voucher.serial, "fel konto")
    coop.ledger.close_period(treasurer, "2026-05")
    ```
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from kooperativ.accounts.export import (
    BookkeepingFile,
    ExportObject,
    FinancialYear,
    LedgerExport,
    YearBalances,
)
from kooperativ.accounts.ledger import (
    Entry,
    Period,
    StatementLine,
    book,
    check_draft,
    closing_of,
    parse_period,
    reversal,
    statement,
)
from kooperativ.accounts.models import ClosedPeriod, Voucher, VoucherDraft
from kooperativ.errors import (
    ConfigError,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDenied,
    Term,
)
from kooperativ.members.models import Member, Role
from kooperativ.money import ORE, ZERO, ZERO_ORE
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, build, resolve
from kooperativ.storage.base import UnitOfWork

__all__ = ["LedgerService", "MemberAccount", "TrialBalance", "TrialBalanceRow"]

_BOOKERS = frozenset({Role.TREASURER, Role.ADMIN})


@dataclass(frozen=True)
class TrialBalanceRow:
    """One account of the trial balance: its number, name and sum (debit positive)."""

    account: int
    name: str
    balance: Decimal

    @property
    def debit(self) -> Decimal:
        """The sum if it is a debit, else zero."""
        return self.balance if self.balance > 0 else ZERO_ORE

    @property
    def credit(self) -> Decimal:
        """The sum turned positive if it is a credit, else zero."""
        return -self.balance if self.balance < 0 else ZERO_ORE


@dataclass(frozen=True)
class TrialBalance:
    """The trial balance (*råbalans*): every account's sum; the total is always zero.

    Attributes:
        since: The first day counted (``None``: from the beginning).
        until: The last day counted (``None``: everything booked).
        rows: The accounts with lines, by number.
    """

    since: date | None
    until: date | None
    rows: tuple[TrialBalanceRow, ...]

    @property
    def total(self) -> Decimal:
        """The sum of every account: zero when the ledger balances, as it always must."""
        return sum((row.balance for row in self.rows), ZERO_ORE)

    def to_json(self) -> dict[str, Any]:
        """The trial balance as JSON values (amounts as strings)."""
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "accounts": [
                {"account": r.account, "name": r.name, "balance": str(r.balance)} for r in self.rows
            ],
            "total": str(self.total),
        }


@dataclass(frozen=True)
class MemberAccount:
    """A member's account for a period: opening balance, entries with running balance,
    closing balance. Amounts are from the member's side: positive is what the cooperative
    owes the member.

    Attributes:
        member_id: The member.
        member_number: The member's number.
        member_name: The member's name.
        account: The member account's number.
        period: The period (``None``: everything).
        opening: The balance before the period.
        lines: The period's entries, each with the balance after it.
        closing: The balance at the end of the period.
    """

    member_id: UUID
    member_number: int
    member_name: str
    account: int
    period: Period | None
    opening: Decimal
    lines: tuple[StatementLine, ...]
    closing: Decimal

    def to_json(self) -> dict[str, Any]:
        """The account as JSON values (amounts as strings, from the member's side)."""
        return {
            "member": {
                "id": str(self.member_id),
                "number": self.member_number,
                "name": self.member_name,
            },
            "account": self.account,
            "period": self.period.label if self.period else None,
            "opening": str(self.opening),
            "lines": [
                {
                    "date": line.entry.date.isoformat(),
                    "voucher": line.entry.label,
                    "number": line.entry.number,
                    "text": line.entry.text,
                    "amount": str(line.amount),
                    "balance": str(line.balance),
                }
                for line in self.lines
            ],
            "closing": str(self.closing),
        }


class LedgerService(Service):
    """The double-entry ledger with one sub-ledger per member."""

    # -- the chart ---------------------------------------------------------------------

    def chart(self) -> dict[int, str]:
        """The chart of accounts (number → name): the country's accounts, the role
        accounts of ``[accounts]`` and the accounts of ``[ledger.accounts]``."""
        chart = dict(self._coop.country.account_names())
        for role, number in self._coop.config.accounts.items():
            chart.setdefault(number, role)
        chart.update(self._coop.config.ledger.accounts)
        return dict(sorted(chart.items()))

    def member_account_number(self) -> int:
        """The member account (the role ``member_accounts``).

        Raises:
            ConfigError: The chart of accounts has no such role.
        """
        number = self._coop.config.accounts.get("member_accounts")
        if number is None:
            raise ConfigError(
                "cooperative.toml",
                "accounts.member_accounts",
                "the chart of accounts has no member account",
            )
        return number

    # -- writing -----------------------------------------------------------------------

    def book(self, actor: Actor, voucher: VoucherDraft | Mapping[str, Any]) -> Voucher:
        """Book a voucher (treasurer or admin): checked, numbered, stored, audited.

        Args:
            actor: Who books it.
            voucher: The draft, or its fields as a mapping (``series``, ``date``, ``text``,
                ``document`` {kind, key}, ``lines`` [{account, amount, member, project_id,
                text}], ``corrects`` {series, serial}); a line's ``member`` is a member's
                number or id, for the member's sub-ledger.

        Returns:
            The booked voucher with its numbers.

        Raises:
            PermissionDenied: Not a treasurer or admin.
            InputError: A field that is wrong, an unknown account, series or member, lines
                that do not add up to zero (the difference named), a date in a closed
                period. Nothing is written.
            NotFoundError: ``corrects`` names a voucher that does not exist.
            ConflictError: ``corrects`` names a voucher corrected already.
        """
        self._require_booker(actor, "book vouchers")

        def work(uow: UnitOfWork) -> Voucher:
            draft = voucher if isinstance(voucher, VoucherDraft) else self._draft(uow, voucher)
            return self._book(uow, actor, draft, "voucher.book")

        return self._transaction(work)

    def correct(
        self,
        actor: Actor,
        series: str,
        serial: int,
        reason: str,
        *,
        on: date | None = None,
    ) -> Voucher:
        """Correct voucher ``series`` ``serial`` with a new voucher that reverses it.

        The old voucher stays as it is; the correction has the same lines with opposite
        signs, the text ``A12: reason``, and refers to it (bokföringslagen 5 kap. 5 §,
        BFNAR 2013:2 p. 2.17). It is dated ``on`` (default: today), which must be in an open
        period: a correction is booked in the period in which the error is found.

        Raises:
            PermissionDenied: Not a treasurer or admin.
            InputError: No reason given, or ``on`` in a closed period.
            NotFoundError: No such voucher.
            ConflictError: The voucher has been corrected already.
        """
        self._require_booker(actor, "correct vouchers")
        if not reason or not reason.strip():
            raise InputError("reason", "say why the voucher is corrected")
        day = on or self._coop.now().date()

        def work(uow: UnitOfWork) -> Voucher:
            original = self._voucher(uow, series, serial)
            draft = reversal(original, date=day, reason=reason.strip())
            return self._book(uow, actor, draft, "voucher.correct")

        return self._transaction(work)

    def close_period(self, actor: Actor, period: str | Period) -> ClosedPeriod:
        """Close a month (``2026-05``) or a year (``2026``): no voucher dated in it is
        accepted afterwards, corrections included (treasurer or admin).

        Raises:
            PermissionDenied: Not a treasurer or admin.
            InputError: Not a month or a year, or a period that has not ended yet.
            ConflictError: The period is closed already.
        """
        self._require_booker(actor, "close periods")
        chosen = period if isinstance(period, Period) else parse_period(period)
        now = self._coop.now()
        if chosen.end >= now.date():
            raise InputError(
                "period",
                "{period} has not ended yet: a period is closed after its last day",
                period=chosen.label,
            )

        def work(uow: UnitOfWork) -> ClosedPeriod:
            for closed in uow.closed_periods.covering(chosen.start):
                if closed.start <= chosen.start and chosen.end <= closed.end:
                    raise ConflictError(
                        "period {period} is closed already ({closed})",
                        period=chosen.label,
                        closed=closed.label,
                    )
            record = closing_of(
                chosen,
                number=uow.closed_periods.next_number(),
                closed_at=now,
                closed_by=actor.name,
            )
            uow.closed_periods.add(record)
            self._record(uow, actor, "period.close", None, record)
            return record

        return self._transaction(work)

    # -- reading -----------------------------------------------------------------------

    def get(self, actor: Actor, series: str, serial: int) -> Voucher:
        """Voucher ``series`` ``serial`` (board, treasurer, auditor or admin).

        Raises:
            NotFoundError: No such voucher.
        """
        self._require_reader(actor)
        with self._read() as uow:
            return self._voucher(uow, series, serial)

    def list(
        self,
        actor: Actor,
        *,
        series: str | None = None,
        period: str | Period | None = None,
    ) -> builtins.list[Voucher]:
        """The vouchers (of ``series``, dated in ``period``), in registration order."""
        self._require_reader(actor)
        chosen = self._period(period)
        with self._read() as uow:
            if chosen is not None:
                return uow.vouchers.dated(chosen.start, chosen.end, series=series)
            if series is not None:
                return uow.vouchers.of_series(series)
            return uow.vouchers.list()

    def closed_periods(self, actor: Actor) -> builtins.list[ClosedPeriod]:
        """The closed periods, in the order they were closed."""
        self._require_reader(actor)
        with self._read() as uow:
            return uow.closed_periods.list()

    def balance(
        self,
        actor: Actor,
        account: int,
        *,
        member: Ref | None = None,
        until: date | None = None,
    ) -> Decimal:
        """The sum of ``account`` (debit positive), of one member if given, up to
        ``until``. A member may ask for their own sub-ledger only."""
        with self._read() as uow:
            member_id = None
            if member is not None:
                member_id = resolve(uow.members, "member", member).id
                actor.require_access(member_id, "account")
            else:
                self._require_reader(actor)
            return uow.vouchers.balance(account, member_id=member_id, until=until)

    def trial_balance(
        self,
        actor: Actor,
        *,
        period: str | Period | None = None,
        until: date | None = None,
    ) -> TrialBalance:
        """Every account's sum: the movements of ``period`` if given, else everything up
        to ``until`` (default: all). The total is zero."""
        self._require_reader(actor)
        chosen = self._period(period)
        since = chosen.start if chosen else None
        last = chosen.end if chosen else until
        names = self.chart()
        with self._read() as uow:
            sums = uow.vouchers.balances_by_account(since=since, until=last)
        rows = tuple(
            TrialBalanceRow(account, names.get(account, ""), total)
            for account, total in sorted(sums.items())
        )
        return TrialBalance(since, last, rows)

    def member_account(
        self, actor: Actor, member: Ref, period: str | Period | None = None
    ) -> MemberAccount:
        """The member's account for ``period`` (default: everything): opening balance,
        every entry with the balance after it, closing balance. A member sees only their
        own.

        Raises:
            PermissionDenied: A member asking for another member's account.
            NotFoundError: No such member.
        """
        chosen = self._period(period)
        account = self.member_account_number()
        with self._read() as uow:
            found: Member = resolve(uow.members, "member", member)
            actor.require_access(found.id, "account")
            opening = ZERO
            if chosen is not None:
                before = chosen.start - timedelta(days=1)
                opening = -uow.vouchers.balance(account, member_id=found.id, until=before)
            entries: builtins.list[Entry] = uow.vouchers.entries(
                account=account,
                member_id=found.id,
                since=chosen.start if chosen else None,
                until=chosen.end if chosen else None,
            )
        opening = opening.quantize(ORE)
        lines = tuple(statement(opening, entries))
        closing = lines[-1].balance if lines else opening
        return MemberAccount(
            found.id, found.number, found.name, account, chosen, opening, lines, closing
        )

    # -- the bookkeeping file -------------------------------------------------------------

    def bookkeeping_export(
        self, actor: Actor, year: int, kind: str | None = None
    ) -> BookkeepingFile:
        """The financial year ``year`` (a calendar year) as the country's bookkeeping file
        (Sweden: SIE 4, kind ``4E`` or ``4I``) for the bookkeeper or the auditor: the
        company, the chart of accounts, the opening and closing balances, the results, the
        members' sub-ledgers and every voucher dated in the year (board, treasurer, auditor
        or admin).

        Args:
            actor: Who asks.
            year: The year, e.g. 2026.
            kind: One of the country's formats (``country.bookkeeping_formats()``); the
                first if ``None``.

        Raises:
            PermissionDenied: A member.
            InputError: A year out of range, or a kind the country does not write.
            ConfigError: The country writes no bookkeeping file, or earlier years' results
                must be carried and the chart has no ``retained_earnings`` account.
        """
        self._require_reader(actor)
        country = self._coop.country
        formats = country.bookkeeping_formats()
        chosen = kind
        if formats:
            wanted = (kind or formats[0]).strip().upper()
            if wanted not in formats:
                raise InputError(
                    "type",
                    "{kind!r} is not a bookkeeping file the country writes (known: {known})",
                    kind=kind,
                    known=", ".join(formats),
                )
            chosen = wanted
        if not 1900 <= year <= 9999:
            raise InputError("year", "{year} is not a year", year=year)
        ledger = self._ledger_export(actor, FinancialYear.calendar(year))
        return country.bookkeeping_export(ledger, chosen or "")

    def sie(self, actor: Actor, year: int, kind: str = "4E") -> bytes:
        """The year as a Swedish SIE 4 file (``4E`` balances and vouchers, ``4I`` vouchers
        to import): :meth:`bookkeeping_export`'s bytes. See
        :mod:`kooperativ.countries.se.sie`."""
        return self.bookkeeping_export(actor, year, kind).data

    def _ledger_export(self, actor: Actor, year: FinancialYear) -> LedgerExport:
        config = self._coop.config
        employer = config.employer
        member_account = config.accounts.get("member_accounts")
        with self._read() as uow:
            vouchers = tuple(uow.vouchers.dated(year.start, year.end))
            earlier = uow.vouchers.balances_by_account(until=year.start - timedelta(days=1))
            balances = self._year_balances(uow, year, member_account)
            previous = previous_balances = None
            if earlier:
                previous = FinancialYear(
                    year.start.replace(year=year.start.year - 1),
                    year.start - timedelta(days=1),
                )
                previous_balances = self._year_balances(uow, previous, member_account)
            member_ids = {
                line.member_id
                for voucher in vouchers
                for line in voucher.lines
                if line.member_id is not None
            }
            member_ids |= set(balances.member_opening) | set(balances.member_closing)
            if previous_balances is not None:
                member_ids |= set(previous_balances.member_opening)
                member_ids |= set(previous_balances.member_closing)
            members = tuple(
                ExportObject(found.id, found.number, found.name)
                for found in (uow.members.find(i) for i in member_ids)
                if found is not None
            )
            project_ids = {
                line.project_id
                for voucher in vouchers
                for line in voucher.lines
                if line.project_id is not None
            }
            projects = tuple(
                ExportObject(found.id, found.number, found.name)
                for found in (uow.projects.find(i) for i in project_ids)
                if found is not None
            )
        from kooperativ import __version__

        return LedgerExport(
            name=employer.name,
            organisation_id=employer.orgnr,
            currency=self._coop.country.currency,
            generated_on=self._coop.now().date(),
            generated_by=actor.name,
            program_version=__version__,
            year=year,
            balances=balances,
            accounts=self.chart(),
            vouchers=vouchers,
            address=employer.address,
            phone=employer.phone,
            legal_form=employer.legal_form,
            previous_year=previous,
            previous_balances=previous_balances,
            member_account=member_account,
            members=tuple(sorted(members, key=lambda m: m.number)),
            projects=tuple(sorted(projects, key=lambda p: p.number)),
        )

    def _year_balances(
        self, uow: UnitOfWork, year: FinancialYear, member_account: int | None
    ) -> YearBalances:
        """The year's balances as the database sums them: balance accounts before and
        after the year, result accounts over the year; the results of the years before
        are carried on the role ``retained_earnings`` (no closing entries are booked)."""
        country = self._coop.country

        def is_balance(number: int) -> bool:
            return country.account_class(number) in ("asset", "liability")

        day_before = year.start - timedelta(days=1)
        before = uow.vouchers.balances_by_account(until=day_before)
        after = uow.vouchers.balances_by_account(until=year.end)
        movements = uow.vouchers.balances_by_account(since=year.start, until=year.end)
        opening = {n: v for n, v in before.items() if is_balance(n)}
        closing = {n: v for n, v in after.items() if is_balance(n)}
        for number in closing:
            opening.setdefault(number, ZERO_ORE)
        for number in opening:
            closing.setdefault(number, ZERO_ORE)
        carried = sum((v for n, v in before.items() if not is_balance(n)), ZERO_ORE)
        if carried != ZERO:
            retained = self._coop.config.accounts.get("retained_earnings")
            if retained is None:
                raise ConfigError(
                    "cooperative.toml",
                    "accounts.retained_earnings",
                    "the results of the years before {year} must be carried on an equity "
                    "account: name it",
                    year=year.label,
                )
            opening[retained] = opening.get(retained, ZERO_ORE) + carried
            closing[retained] = closing.get(retained, ZERO_ORE) + carried
        results = {n: v for n, v in movements.items() if not is_balance(n)}
        member_opening: dict[UUID, Decimal] = {}
        member_closing: dict[UUID, Decimal] = {}
        if member_account is not None:
            member_opening = uow.vouchers.balances_by_member(member_account, until=day_before)
            member_closing = uow.vouchers.balances_by_member(member_account, until=year.end)
        return YearBalances(opening, closing, results, member_opening, member_closing)

    # -- helpers -----------------------------------------------------------------------

    @staticmethod
    def _period(period: str | Period | None) -> Period | None:
        if period is None or isinstance(period, Period):
            return period
        return parse_period(period)

    @staticmethod
    def _require_booker(actor: Actor, what: str) -> None:
        if not actor.roles & _BOOKERS:
            raise PermissionDenied(
                "{actor} may not {what} (treasurer or admin only)",
                actor=actor.name,
                what=Term(what),
            )

    @staticmethod
    def _require_reader(actor: Actor) -> None:
        if not actor.can_read_all:
            raise PermissionDenied(
                "{actor} may not read the ledger (board, treasurer, auditor or admin only)",
                actor=actor.name,
            )

    @staticmethod
    def _voucher(uow: UnitOfWork, series: str, serial: int) -> Voucher:
        found = uow.vouchers.by_serial(series, serial)
        if found is None:
            raise NotFoundError("voucher", f"{series}{serial}")
        return found

    def _draft(self, uow: UnitOfWork, data: Mapping[str, Any]) -> VoucherDraft:
        """A draft from a mapping, with each line's ``member`` (number or id) resolved."""
        fields = dict(data)
        lines = fields.get("lines")
        if isinstance(lines, list | tuple):
            resolved = []
            for index, line in enumerate(lines, start=1):
                if isinstance(line, Mapping) and "member" in line:
                    line = dict(line)
                    ref = line.pop("member")
                    try:
                        line["member_id"] = resolve(uow.members, "member", ref).id
                    except NotFoundError:
                        raise InputError(
                            "member",
                            "line {line}: no member {member}",
                            line=index,
                            member=str(ref),
                        ) from None
                resolved.append(line)
            fields["lines"] = resolved
        return build(VoucherDraft, fields)

    def _book(self, uow: UnitOfWork, actor: Actor, draft: VoucherDraft, action: str) -> Voucher:
        check_draft(
            draft,
            self.chart(),
            uow.closed_periods.covering(draft.date),
            self._coop.config.ledger.series,
        )
        known: set[UUID] = set()
        for index, line in enumerate(draft.lines, start=1):
            if line.member_id is None or line.member_id in known:
                continue
            known.add(line.member_id)
            if uow.members.version(line.member_id) is None:  # no need to read the record
                raise InputError(
                    "member_id",
                    "line {line}: no member has the id {member}",
                    line=index,
                    member=str(line.member_id),
                )
        if draft.corrects is not None:
            original = self._voucher(uow, draft.corrects.series, draft.corrects.serial)
            earlier = uow.vouchers.correction_of(original.series, original.serial)
            if earlier is not None:
                raise ConflictError(
                    "voucher {voucher} is corrected already by {correction}",
                    voucher=original.label,
                    correction=earlier.label,
                )
        voucher = book(
            draft,
            number=uow.vouchers.next_number(),
            serial=uow.vouchers.next_serial(draft.series),
            booked_at=self._coop.now(),
            booked_by=actor.name,
        )
        uow.vouchers.add(voucher)
        self._record(uow, actor, action, None, voucher)
        return voucher

# SPDX-License-Identifier: EUPL-1.2
"""What a bookkeeping export gets: one financial year of the ledger, country-neutral.

A cooperative gives its bookkeeper (or its auditor, or another bookkeeping program) the
year's vouchers and balances in a file format its country uses — for Sweden SIE 4
(:mod:`kooperativ.countries.se.sie`). The ledger service gathers a :class:`LedgerExport`
from the store (the year's vouchers, the opening and closing balances and the results
computed by the database, the members and projects the lines name); the country writes it
as bytes (:meth:`kooperativ.rules.country.BookkeepingExport.bookkeeping_export`). Nothing
here reads storage or knows a country.

Balances are debit positive, credit negative, like voucher lines. kooperativ does not yet
book closing entries (*bokslutstransaktioner*), so the results of earlier years are carried
in the opening and closing balances of one equity account (the role
``retained_earnings``): the opening balances then add up to zero, and the closing balances
plus the year's results add up to zero.

Examples:
    >>> FinancialYear.calendar(2026).label, FinancialYear.calendar(2026).end
    ('2026', datetime.date(2026, 12, 31))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

if TYPE_CHECKING:
    from kooperativ.accounts.models import Voucher
    from kooperativ.members.models import Address

__all__ = ["BookkeepingFile", "ExportObject", "FinancialYear", "LedgerExport", "YearBalances"]


@dataclass(frozen=True)
class FinancialYear:
    """A financial year (*räkenskapsår*): its first and last day."""

    start: date
    end: date

    @classmethod
    def calendar(cls, year: int) -> FinancialYear:
        """The calendar year ``year`` (1 January – 31 December)."""
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def label(self) -> str:
        """``2026`` for a calendar year, else ``2025-07-01–2026-06-30``."""
        whole = (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)
        if whole and self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start.isoformat()}–{self.end.isoformat()}"


@dataclass(frozen=True)
class YearBalances:
    """The balances of one financial year, by account number (debit positive).

    Attributes:
        opening: Each balance account (assets, liabilities, equity) on the first day,
            before the year's vouchers (*ingående balans*).
        closing: Each balance account after the year's vouchers (*utgående balans*),
            before the year's result is moved to equity.
        results: Each result account's (income, cost) movement in the year (*resultat*).
        member_opening: Each member's sum on the member account on the first day.
        member_closing: Each member's sum on the member account after the year.
    """

    opening: Mapping[int, Decimal]
    closing: Mapping[int, Decimal]
    results: Mapping[int, Decimal]
    member_opening: Mapping[UUID, Decimal] = field(default_factory=dict)
    member_closing: Mapping[UUID, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class ExportObject:
    """A member or a project as the export names it: its number and name."""

    id: UUID
    number: int
    name: str


@dataclass(frozen=True)
class LedgerExport:
    """One financial year of the ledger, as a bookkeeping export needs it.

    Attributes:
        name: The legal entity that keeps the books (the employer).
        organisation_id: Its organisation number, in the country's normal form.
        address: Its postal address, if known.
        phone: Its telephone number, if known.
        legal_form: Its legal form as written in ``cooperative.toml`` (``aktiebolag`` …).
        currency: The ledger's currency (ISO 4217).
        generated_on: The day the file is written.
        generated_by: Who asked for it.
        program_version: kooperativ's version.
        year: The financial year exported.
        balances: Its balances.
        previous_year: The year before, if the ledger has vouchers dated before ``year``.
        previous_balances: The balances of the year before.
        accounts: The chart of accounts (number → name): every account a voucher may use.
        member_account: The member account (the role ``member_accounts``), if any.
        members: The members the year's lines and member balances name.
        projects: The projects the year's lines name.
        vouchers: The year's vouchers, in registration order.
    """

    name: str
    organisation_id: str
    currency: str
    generated_on: date
    generated_by: str
    program_version: str
    year: FinancialYear
    balances: YearBalances
    accounts: Mapping[int, str]
    vouchers: tuple[Voucher, ...]
    address: Address | None = None
    phone: str | None = None
    legal_form: str | None = None
    previous_year: FinancialYear | None = None
    previous_balances: YearBalances | None = None
    member_account: int | None = None
    members: tuple[ExportObject, ...] = ()
    projects: tuple[ExportObject, ...] = ()


@dataclass(frozen=True)
class BookkeepingFile:
    """A written bookkeeping export: its suggested file name and its bytes.

    Attributes:
        name: A file name for it (``5569876543_2026.se``).
        data: The file's bytes.
        media_type: Its media type (``text/plain; charset=IBM437`` for SIE).
    """

    name: str
    data: bytes
    media_type: str

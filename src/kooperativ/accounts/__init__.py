# SPDX-License-Identifier: EUPL-1.2
"""The double-entry ledger with a sub-ledger per member (pure: no storage, no clock).

See :mod:`kooperativ.accounts.models` for the records and
:mod:`kooperativ.accounts.ledger` for the rules.
"""

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
    entries_of,
    parse_period,
    reversal,
    statement,
)
from kooperativ.accounts.models import (
    ClosedPeriod,
    DocumentRef,
    Voucher,
    VoucherDraft,
    VoucherLine,
    VoucherRef,
)

__all__ = [
    "BookkeepingFile",
    "ClosedPeriod",
    "DocumentRef",
    "Entry",
    "ExportObject",
    "FinancialYear",
    "LedgerExport",
    "Period",
    "StatementLine",
    "Voucher",
    "VoucherDraft",
    "VoucherLine",
    "VoucherRef",
    "YearBalances",
    "book",
    "check_draft",
    "closing_of",
    "entries_of",
    "parse_period",
    "reversal",
    "statement",
]

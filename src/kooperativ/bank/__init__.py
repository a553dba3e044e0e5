# SPDX-License-Identifier: EUPL-1.2
"""The bank: reading its notifications of incoming payments (ISO 20022 camt.054) and
matching the payments to open invoices without guessing.

Both are pure: no storage, no clock. The caller reads a file
(:func:`~kooperativ.bank.camt054.read_camt054_file`), gives the open invoices as
:class:`~kooperativ.bank.matching.OpenItem` and the keys it imported before, and records
the :class:`~kooperativ.bank.matching.MatchResult` in one unit of work.
"""

from kooperativ.bank.camt054 import (
    Camt054,
    IncomingPayment,
    Notification,
    read_camt054,
    read_camt054_file,
)
from kooperativ.bank.matching import (
    Allocation,
    AlreadyImported,
    MatchResult,
    NotPayment,
    OpenItem,
    Unmatched,
    is_valid_reference,
    match_payments,
)

__all__ = [
    "Allocation",
    "AlreadyImported",
    "Camt054",
    "IncomingPayment",
    "MatchResult",
    "NotPayment",
    "Notification",
    "OpenItem",
    "Unmatched",
    "is_valid_reference",
    "match_payments",
    "read_camt054",
    "read_camt054_file",
]

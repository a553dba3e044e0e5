# SPDX-License-Identifier: EUPL-1.2
"""Exports: documents written for other systems, pure functions from data to bytes.

* :mod:`kooperativ.exports.peppol` — Peppol BIS Billing 3.0 invoices and credit notes
  (UBL 2.1, EN 16931).
* :mod:`kooperativ.exports.pain001` — ISO 20022 pain.001 salary payment files (versions
  .03 and .09).

Nothing here reads storage or a country package: the caller maps its own records onto the
export's input models.
"""

from kooperativ.exports.pain001 import (
    CreditTransfer,
    Debtor,
    Pain001Version,
    SalaryPaymentBatch,
    batch_problems,
    salary_payment_file,
)
from kooperativ.exports.peppol import (
    BANKGIRO,
    F_SKATT,
    Address,
    Contact,
    DocumentType,
    EInvoice,
    Identifier,
    Line,
    Party,
    PaymentInstructions,
    PrecedingInvoice,
    Totals,
    VatBreakdown,
    VatCategory,
    compute_totals,
    to_ubl,
)

__all__ = [
    "BANKGIRO",
    "F_SKATT",
    "Address",
    "Contact",
    "CreditTransfer",
    "Debtor",
    "DocumentType",
    "EInvoice",
    "Identifier",
    "Line",
    "Pain001Version",
    "Party",
    "PaymentInstructions",
    "PrecedingInvoice",
    "SalaryPaymentBatch",
    "Totals",
    "VatBreakdown",
    "VatCategory",
    "batch_problems",
    "compute_totals",
    "salary_payment_file",
    "to_ubl",
]

# SPDX-License-Identifier: EUPL-1.2
"""Invoices and credit notes: the records and the pure arithmetic of their totals.

No storage, no clock and no country here: the service
(:mod:`kooperativ.services.invoices`) gives the VAT categories (from the country's
:class:`~kooperativ.rules.country.VatRules`), the dates and the numbers.
"""

from kooperativ.invoicing.models import (
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    LineInput,
    Party,
    VatTotal,
    build_credit_note,
    build_invoice,
    credit_lines,
    line_net,
    make_line,
    totals,
)

__all__ = [
    "Invoice",
    "InvoiceKind",
    "InvoiceLine",
    "InvoiceStatus",
    "LineInput",
    "Party",
    "VatTotal",
    "build_credit_note",
    "build_invoice",
    "credit_lines",
    "line_net",
    "make_line",
    "totals",
]

# SPDX-License-Identifier: EUPL-1.2
"""Documents as PDF: employment contracts, payslips, employer's certificates, invoices …

Each document is built with reportlab from domain records; labels come from the gettext
catalog ``documents`` (Swedish and English), amounts and dates are formatted with
:func:`kooperativ.i18n.format_amount` and :func:`kooperativ.i18n.format_day`. The shared
frame (letterhead, footer with page numbers, key/value tables, signature lines) lives in
:mod:`kooperativ.documents._pdf` for every document to reuse.
"""

from kooperativ.documents._pdf import (
    Letterhead,
    SignatureLine,
    heading,
    key_value_table,
    paragraph,
    render_pdf,
    section,
    signature_table,
)
from kooperativ.documents.certificate import certificate_pdf
from kooperativ.documents.contract import contract_pdf
from kooperativ.documents.payslip import payslip_pdf, payslips_pdf

__all__ = [
    "Letterhead",
    "SignatureLine",
    "certificate_pdf",
    "contract_pdf",
    "heading",
    "key_value_table",
    "paragraph",
    "payslip_pdf",
    "payslips_pdf",
    "render_pdf",
    "section",
    "signature_table",
]

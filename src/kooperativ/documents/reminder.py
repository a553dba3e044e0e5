# SPDX-License-Identifier: EUPL-1.2
"""A payment reminder (*betalningspåminnelse*) as a PDF, Swedish or English.

One page in the look of the invoice (:mod:`kooperativ.documents.invoice`): the overdue
invoice with its date, due date, total, what is credited and paid, the amount open, the
statutory late-payment interest to the reminder date period by period (amount, days, yearly
rate and its legal basis), the total to pay, and the payment details (bankgiro, OCR).

Labels come from the ``payments`` catalog; amounts and dates are formatted with babel.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from kooperativ.documents._pdf import CONTENT_WIDTH, Letterhead, paragraph, render_pdf
from kooperativ.documents.invoice import _address, _logo, _rate, _seller_block
from kooperativ.i18n import format_amount, format_day, translator
from kooperativ.invoicing.models import Invoice

__all__ = ["reminder_pdf"]

_RULE = colors.HexColor("#BBBBBB")
_SHADE = colors.HexColor("#F2F2F2")


def reminder_pdf(
    invoice: Invoice,
    overdue: Any,
    *,
    lang: str = "sv",
    logo: Path | None = None,
) -> bytes:
    """Render a reminder of ``invoice`` as a PDF in ``lang``.

    Args:
        invoice: The overdue invoice.
        overdue: Its :class:`~kooperativ.services.payments.Overdue` (balance and interest
            to the reminder date, ``overdue.on``).
        lang: ``sv`` or ``en``.
        logo: An image to print at the top right.

    Raises:
        InputError: ``lang`` is not supported.
    """
    _ = translator(lang, "payments")
    currency = "kr" if invoice.currency == "SEK" and lang == "sv" else invoice.currency
    balance = overdue.balance

    def money(amount: Decimal) -> str:
        return f"{format_amount(amount, lang)}\u00a0{currency}"

    def day(value: date) -> str:
        return format_day(value, lang)

    title = _("Payment reminder")
    head = Table(
        [[paragraph(title, "title"), _logo(logo) if logo else ""]],
        colWidths=[CONTENT_WIDTH * 0.55, CONTENT_WIDTH * 0.45],
    )
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story: list[Flowable] = [head, Spacer(1, 3 * mm)]

    buyer = invoice.buyer
    buyer_lines = [f"<b>{escape(buyer.name)}</b>"]
    buyer_lines += [escape(line) for line in _address(buyer.address)]
    facts = [
        (_("Reminder date"), day(overdue.on)),
        (_("Invoice no."), invoice.label),
        (_("Date of issue"), day(invoice.issue_date)),
        (_("Due date"), day(invoice.due_date)),
        (_("Days overdue"), str(overdue.days)),
        (_("OCR reference"), invoice.payment_reference),
    ]
    fact_table = Table(
        [[paragraph(k, "label"), paragraph(v)] for k, v in facts],
        colWidths=[32 * mm, CONTENT_WIDTH * 0.5 - 32 * mm],
    )
    fact_table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    buyer_box = [paragraph("<br/>".join(buyer_lines), markup=True)]
    parties = Table([[buyer_box, fact_table]], colWidths=[CONTENT_WIDTH * 0.5] * 2)
    parties.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (0, 0), 0.6, _RULE),
                ("LEFTPADDING", (0, 0), (0, 0), 6),
                ("TOPPADDING", (0, 0), (0, 0), 5),
                ("BOTTOMPADDING", (0, 0), (0, 0), 6),
            ]
        )
    )
    story += [parties, Spacer(1, 5 * mm)]
    story.append(
        paragraph(
            _(
                "According to our records, invoice {invoice} of {date} is not paid in full. "
                "Please pay the amount open with the late-payment interest below."
            ).format(invoice=invoice.label, date=day(invoice.issue_date))
        )
    )
    story.append(Spacer(1, 4 * mm))

    sums: list[list[Any]] = [[_("Invoice total"), money(balance.total)]]
    if balance.credited:
        sums.append([_("Credited"), money(-balance.credited)])
    if balance.paid:
        sums.append([_("Paid"), money(-balance.paid)])
    sums.append([_("Amount open"), money(balance.open)])
    story += [_sums(sums, bold_last=False), Spacer(1, 4 * mm)]

    if overdue.lines:
        rows: list[list[Any]] = [
            [_("Late-payment interest"), _("Amount"), _("Days"), _("Rate"), _("Interest")]
        ]
        for line in overdue.lines:
            rows.append(
                [
                    f"{day(line.first)} – {day(line.last)}",
                    format_amount(line.amount, lang),
                    str(line.days),
                    _rate(line.rate, lang),
                    format_amount(line.interest, lang),
                ]
            )
        widths = [CONTENT_WIDTH - 104 * mm, 32 * mm, 16 * mm, 24 * mm, 32 * mm]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                    ("FONTSIZE", (0, 0), (-1, 0), 8.5),
                    ("FONTNAME", (0, 1), (-1, -1), "Helvetica"),
                    ("FONTSIZE", (0, 1), (-1, -1), 9.5),
                    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                    ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
                ]
            )
        )
        story += [table, Spacer(1, 2 * mm)]
        references = sorted({line.reference for line in overdue.lines})
        basis = _(
            "Interest on the amount open each day after the due date, at the statutory "
            "rate in force that day. Basis: {basis}"
        ).format(basis="; ".join(references))
        story += [paragraph(basis, "small"), Spacer(1, 4 * mm)]

    story += [
        _sums(
            [
                [_("Late-payment interest"), money(overdue.interest)],
                [_("To pay"), money(balance.open + overdue.interest)],
            ],
            bold_last=True,
        ),
        Spacer(1, 5 * mm),
    ]

    seller = invoice.seller
    pay: list[tuple[str, str]] = []
    if seller.bankgiro:
        pay.append((_("Bankgiro"), seller.bankgiro))
    if seller.plusgiro:
        pay.append((_("Plusgiro"), seller.plusgiro))
    pay.append((_("OCR reference"), invoice.payment_reference))
    pay.append((_("To pay"), money(balance.open + overdue.interest)))
    pay_table = Table(
        [
            [paragraph(label, "label") for label, _v in pay],
            [paragraph(value) for _l, value in pay],
        ],
        colWidths=[CONTENT_WIDTH / len(pay)] * len(pay),
    )
    pay_table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [KeepTogether([pay_table]), Spacer(1, 3 * mm)]
    story.append(paragraph(_("If you have paid already, please disregard this reminder."), "small"))
    story.append(Spacer(1, 4 * mm))
    story.append(_seller_block(seller, translator(lang, "invoicing")))
    return render_pdf(
        story,
        letterhead=Letterhead(
            name=seller.name,
            orgnr=seller.orgnr,
            address=", ".join(_address(seller.address)) or None,
            extra=seller.email,
            orgnr_label=translator(lang, "invoicing")("Org. no."),
        ),
        title=f"{title} {invoice.label}",
        footer=f"{title} {invoice.label} · {buyer.name}",
        page_label=translator(lang, "invoicing")("Page {page} of {pages}"),
        lang=lang,
    )


def _sums(rows: list[list[Any]], *, bold_last: bool) -> Table:
    table = Table(rows, colWidths=[62 * mm, 34 * mm], hAlign="RIGHT")
    style: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), "Helvetica"),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
    ]
    if bold_last:
        style += [
            ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
            ("FONTSIZE", (0, -1), (-1, -1), 11),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
            ("TOPPADDING", (0, -1), (-1, -1), 4),
        ]
    table.setStyle(TableStyle(style))
    return table

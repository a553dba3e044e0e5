# SPDX-License-Identifier: EUPL-1.2
"""The invoice and the credit note as a PDF (*faktura*, *kreditfaktura*), Swedish or English.

The page carries what a full invoice must (ML 2023:200 17 kap. 24 §, see
``docs/invoicing.md``): the date of issue, the unique number, the seller's and the buyer's
names and addresses, the seller's VAT registration number (and the buyer's where the buyer
owes the VAT), what was supplied and when, each line's quantity, unit price and VAT rate,
the taxable amount and the VAT per rate, the text a category without Swedish VAT requires
(the exemption's provision, "Omvänd betalningsskyldighet"), and for a credit note the
invoice it corrects. Beside these: "Godkänd för F-skatt", the payment terms, due date,
bankgiro and OCR reference, and the cooperative's late-interest clause
(``[invoicing] late_interest``). A logo in the cooperative's ``templates/`` folder
(``logo.png`` or ``logo.jpg``) is printed at the top right.

Labels come from the ``invoicing`` catalog; amounts and dates are formatted with babel.

Examples:
    >>> from kooperativ.testing.storage import sample
    >>> invoice_pdf(sample().invoices[0], lang="en")[:5]
    b'%PDF-'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table, TableStyle

from kooperativ.documents._pdf import CONTENT_WIDTH, Letterhead, paragraph, render_pdf
from kooperativ.i18n import format_amount, format_day, format_number, translator
from kooperativ.invoicing.models import Invoice, InvoiceKind, Party
from kooperativ.members.models import Address

__all__ = ["LOGO_NAMES", "UNIT_LABELS", "find_logo", "invoice_pdf"]

#: File names of the logo looked for in the cooperative's ``templates/`` folder.
LOGO_NAMES = ("logo.png", "logo.jpg", "logo.jpeg")

#: Message ids of the UN/ECE Recommendation 20 unit codes invoices use.
UNIT_LABELS = {"HUR": "hrs", "C62": "pcs", "DAY": "days", "MON": "months", "LS": "lump sum"}

_RULE = colors.HexColor("#BBBBBB")
_SHADE = colors.HexColor("#F2F2F2")
_LOGO_HEIGHT = 16 * mm
_LOGO_WIDTH = 50 * mm


def find_logo(folder: Path | None) -> Path | None:
    """The logo in ``folder/templates``, if there is one."""
    if folder is None:
        return None
    for name in LOGO_NAMES:
        path = Path(folder) / "templates" / name
        if path.is_file():
            return path
    return None


def _address(address: Address | None) -> list[str]:
    if address is None:
        return []
    return [address.street, f"{address.postal_code} {address.city}"]


def _logo(path: Path) -> Flowable:
    image = Image(str(path))
    scale = min(_LOGO_HEIGHT / image.imageHeight, _LOGO_WIDTH / image.imageWidth)
    image.drawHeight = image.imageHeight * scale
    image.drawWidth = image.imageWidth * scale
    image.hAlign = "RIGHT"
    return image


def _iban(value: str) -> str:
    """An IBAN in groups of four, as printed."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def _plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros (``12.50`` → ``12.5``, ``100`` stays ``100``)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _rate(rate: Decimal, lang: str) -> str:
    value = rate * 100
    digits = 0 if value == value.to_integral_value() else 2
    return f"{format_amount(value, lang, digits)}\u00a0%"


def invoice_pdf(
    invoice: Invoice,
    *,
    lang: str = "sv",
    logo: Path | None = None,
    country_name: Callable[[str], str] | None = None,
) -> bytes:
    """Render ``invoice`` (or credit note) as a PDF in ``lang``.

    Args:
        invoice: The invoice.
        lang: ``sv`` or ``en``.
        logo: An image to print at the top right (see :func:`find_logo`).
        country_name: Name of a country code in ``lang`` (the buyer's country is printed
            when it is not the seller's); the code itself by default.

    Raises:
        InputError: ``lang`` is not supported.
    """
    _ = translator(lang, "invoicing")
    credit = invoice.kind is InvoiceKind.CREDIT_NOTE
    currency = "kr" if invoice.currency == "SEK" and lang == "sv" else invoice.currency

    def money(amount: Decimal) -> str:
        return f"{format_amount(amount, lang)}\u00a0{currency}"

    def day(value: date) -> str:
        return format_day(value, lang)

    title = _("Credit note") if credit else _("Invoice")
    number_label = _("Credit note no.") if credit else _("Invoice no.")

    # -- heading: title and logo ----------------------------------------------------------
    heading_cells: list[Any] = [paragraph(title, "title"), _logo(logo) if logo else ""]
    head = Table([heading_cells], colWidths=[CONTENT_WIDTH * 0.55, CONTENT_WIDTH * 0.45])
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

    # -- buyer and the invoice's facts side by side ---------------------------------------
    buyer = invoice.buyer
    buyer_lines = [f"<b>{escape(buyer.name)}</b>"]
    buyer_lines += [escape(line) for line in _address(buyer.address)]
    if buyer.country != invoice.seller.country:
        named = country_name(buyer.country) if country_name else buyer.country
        buyer_lines.append(escape(named))
    if buyer.orgnr:
        buyer_lines.append(escape(f"{_('Org. no.')} {buyer.orgnr}"))
    if buyer.vat_number:
        buyer_lines.append(escape(f"{_('VAT no.')} {buyer.vat_number}"))
    if buyer.peppol_id:
        buyer_lines.append(escape(f"Peppol {buyer.peppol_id}"))
    buyer_box = [
        paragraph(_("Bill to"), "label"),
        paragraph("<br/>".join(buyer_lines), markup=True),
    ]

    facts: list[tuple[str, str]] = [
        (number_label, invoice.label),
        (_("Date of issue"), day(invoice.issue_date)),
    ]
    if credit:
        facts.append((_("Credits invoice"), f"{invoice.series}{invoice.credits_number}"))
    else:
        facts.append((_("Due date"), day(invoice.due_date)))
        facts.append((_("Terms"), _("{days} days net").format(days=invoice.payment_terms_days)))
    if invoice.period_start and invoice.period_end:
        period = day(invoice.period_start)
        if invoice.period_end != invoice.period_start:
            period += f" – {day(invoice.period_end)}"
        facts.append((_("Date of supply"), period))
    if buyer.reference:
        facts.append((_("Your reference"), buyer.reference))
    if not credit:
        facts.append((_("OCR reference"), invoice.payment_reference))
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
    if credit and invoice.reason:
        story.append(
            paragraph(
                _("This credit note corrects invoice {number}. Reason: {reason}").format(
                    number=f"{invoice.series}{invoice.credits_number}", reason=invoice.reason
                )
            )
        )
        story.append(Spacer(1, 3 * mm))

    # -- lines ----------------------------------------------------------------------------
    header = [
        _("Description"),
        _("Quantity"),
        _("Unit"),
        _("Unit price"),
        _("VAT"),
        _("Amount"),
    ]
    rows: list[list[Any]] = [header]
    for line in invoice.lines:
        rows.append(
            [
                paragraph(line.description),
                format_number(_plain(line.quantity), lang),
                _(UNIT_LABELS[line.unit]) if line.unit in UNIT_LABELS else line.unit,
                format_amount(line.unit_price, lang),
                _rate(line.vat_rate, lang),
                format_amount(line.net, lang),
            ]
        )
    widths = [CONTENT_WIDTH - 112 * mm, 18 * mm, 14 * mm, 28 * mm, 20 * mm, 32 * mm]
    lines_table = Table(rows, colWidths=widths, repeatRows=1)
    lines_table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, 0), 8.5),
                ("FONTNAME", (0, 1), (-1, -1), "Helvetica"),
                ("FONTSIZE", (0, 1), (-1, -1), 9.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
                ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story += [lines_table, Spacer(1, 4 * mm)]

    # -- totals ---------------------------------------------------------------------------
    sums: list[list[Any]] = [[_("Total excl. VAT"), money(invoice.total_excl_vat)]]
    for vat in invoice.vat:
        label = _("VAT {rate} of {base}").format(
            rate=_rate(vat.rate, lang), base=format_amount(vat.base, lang)
        )
        sums.append([label, money(vat.vat)])
    if invoice.rounding:
        sums.append([_("Rounding"), money(invoice.rounding)])
    total_label = _("Total credited") if credit else _("Amount due")
    sums.append([total_label, money(invoice.total)])
    totals_table = Table(sums, colWidths=[62 * mm, 34 * mm], hAlign="RIGHT")
    totals_table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "Helvetica"),
                ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("FONTSIZE", (0, -1), (-1, -1), 11),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                ("TOPPADDING", (0, -1), (-1, -1), 4),
            ]
        )
    )
    story += [totals_table, Spacer(1, 4 * mm)]

    # -- what the law asks the invoice to say about VAT -------------------------------------
    notes = [text for text in (v.text(lang) for v in invoice.vat) if text]
    if invoice.buyer_vat_required:
        notes.append(
            _("Seller's VAT no. {seller}, buyer's VAT no. {buyer}").format(
                seller=invoice.seller.vat_number or "–", buyer=buyer.vat_number or "–"
            )
        )
    for note in notes:
        story.append(paragraph(f"<b>{escape(note)}</b>", markup=True))
    if notes:
        story.append(Spacer(1, 4 * mm))

    # -- payment --------------------------------------------------------------------------
    seller = invoice.seller
    if not credit:
        pay: list[tuple[str, str]] = []
        if seller.bankgiro:
            pay.append((_("Bankgiro"), seller.bankgiro))
        if seller.plusgiro:
            pay.append((_("Plusgiro"), seller.plusgiro))
        pay.append((_("OCR reference"), invoice.payment_reference))
        pay.append((_("Due date"), day(invoice.due_date)))
        pay.append((_("Amount due"), money(invoice.total)))
        cells: list[list[Any]] = [
            [paragraph(label, "label") for label, _v in pay],
            [paragraph(value) for _l, value in pay],
        ]
        abroad = [
            f"IBAN {_iban(seller.iban)}" if seller.iban else "",
            f"BIC {seller.bic}" if seller.bic else "",
        ]
        if any(abroad):
            cells.append([paragraph("   ".join(x for x in abroad if x), "small")])
            cells[-1] += [""] * (len(pay) - 1)
        pay_table = Table(cells, colWidths=[CONTENT_WIDTH / len(pay)] * len(pay))
        pay_table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
                    *([("SPAN", (0, 2), (-1, 2))] if len(cells) > 2 else []),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story += [KeepTogether([pay_table]), Spacer(1, 3 * mm)]
        if invoice.late_interest:
            story.append(paragraph(invoice.late_interest, "small"))
        story.append(Spacer(1, 3 * mm))

    story.append(_seller_block(seller, _))
    return render_pdf(
        story,
        letterhead=Letterhead(
            name=seller.name,
            orgnr=seller.orgnr,
            address=", ".join(_address(seller.address)) or None,
            extra=seller.email,
            orgnr_label=_("Org. no."),
        ),
        title=f"{title} {invoice.label}",
        footer=f"{title} {invoice.label} · {buyer.name}",
        page_label=_("Page {page} of {pages}"),
        lang=lang,
    )


def _seller_block(seller: Party, _: Callable[[str], str]) -> Flowable:
    """The seller's details a Swedish invoice carries at the foot: name, address and seat,
    organisation and VAT numbers, F-tax, contact."""
    columns = [
        [f"<b>{escape(seller.name)}</b>", *(escape(x) for x in _address(seller.address))],
        [
            escape(f"{_('Org. no.')} {seller.orgnr}") if seller.orgnr else "",
            escape(f"{_('VAT no.')} {seller.vat_number}") if seller.vat_number else "",
            escape(_("Registered office: {city}").format(city=seller.address.city))
            if seller.address
            else "",
        ],
        [
            f"<b>{escape(_('Approved for F-tax'))}</b>" if seller.f_tax else "",
            escape(seller.email or ""),
        ],
    ]
    cells = [
        [paragraph("<br/>".join(x for x in column if x), "small", markup=True)]
        for column in columns
    ]
    table = Table([[c[0] for c in cells]], colWidths=[CONTENT_WIDTH / 3] * 3)
    table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, _RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([table])

# SPDX-License-Identifier: EUPL-1.2
"""An issued invoice or credit note as a Peppol BIS Billing 3.0 e-invoice.

:func:`to_einvoice` maps an :class:`~kooperativ.invoicing.models.Invoice` onto the
EN 16931 model of :mod:`kooperativ.exports.peppol` (which :func:`~kooperativ.exports.peppol.to_ubl`
writes as UBL 2.1). It is pure and knows no country: everything national comes from the
invoice itself, which is a snapshot made when it was issued:

* **Electronic addresses** (BT-34 seller, BT-49 buyer) are the parties' Peppol ids,
  written ``scheme:identifier`` (``0007:5598765435``): the seller's from ``peppol_id`` in
  ``[employer]`` of ``cooperative.toml``, the buyer's from the client register (the
  service, :meth:`~kooperativ.services.invoices.InvoiceService.peppol`, puts the current
  ones on the snapshot: they say where the document goes, not what was invoiced). A buyer
  without a Peppol id cannot get a Peppol invoice (an :class:`~kooperativ.errors.InputError`
  naming ``peppol_id``).
* **Legal registration identifiers** (BT-30, BT-47) are the parties' organisation numbers.
  Their scheme (ISO 6523 ICD) is taken from the party's Peppol id when that id *is* the
  organisation number (the same digits), which is how organisations register on Peppol in
  the Nordic countries (``0007`` Sweden, ``0192`` Norway, ``0184`` Denmark …). Otherwise
  the number is written without a scheme, which EN 16931 allows. No table of countries is
  needed, and none is guessed.
* **VAT categories** come from the invoice's VAT totals: the EN 16931 code (S, E, AE, G …),
  the rate, the legal text the country requires for the category (BT-120, in the language
  asked for) and its VATEX code (BT-121).
* **F-skatt**: a seller whose snapshot says ``f_tax`` states
  :data:`~kooperativ.exports.peppol.F_SKATT` as its tax registration identifier (BT-32,
  Peppol rule SE-R-005).
* **Payment** (BG-16): credit transfer to the seller's bankgiro (BT-86
  ``SE:BANKGIRO``), else plusgiro, else IBAN with BIC; the payment reference (the OCR) is
  the remittance information (BT-83, ``cbc:PaymentID``); the terms are BT-20.
* **Buyer reference** (BT-10): the client's reference on the invoice, else the invoice's
  own number (Peppol requires BT-10 or BT-13).
* **Öresavrundning**: an invoice with a rounding amount rounds the amount due to whole
  units (BT-114 is the rounding).
* **Credit notes** (BT-3 = 381) name the invoice they correct (BG-3), with its issue date
  when the credited invoice is given; the reason is the note (BT-22).

The totals are recomputed by the EN 16931 rules and must come to the invoice's own, to the
öre; they always do, because both round the same way (per line, then once per VAT rate).
"""

from __future__ import annotations

import re
from decimal import Decimal

from pydantic import ValidationError as PydanticValidationError

from kooperativ.errors import InputError
from kooperativ.exports.peppol import (
    BANKGIRO,
    F_SKATT,
    PLUSGIRO,
    Address,
    Contact,
    DocumentType,
    EInvoice,
    Identifier,
    Line,
    Party,
    PaymentInstructions,
    PrecedingInvoice,
    VatCategory,
    compute_totals,
)
from kooperativ.i18n import translator
from kooperativ.invoicing.models import Invoice, InvoiceKind, VatTotal
from kooperativ.invoicing.models import Party as InvoiceParty
from kooperativ.money import HUNDRED

__all__ = ["parse_peppol_id", "to_einvoice"]

_PEPPOL_ID = re.compile(r"^\s*([0-9]{4}):(\S{1,50})\s*$")
#: The VAT categories whose breakdown states why no VAT is charged (BT-120/BT-121).
_REASONED = {
    VatCategory.EXEMPT,
    VatCategory.REVERSE_CHARGE,
    VatCategory.EXPORT,
    VatCategory.NOT_SUBJECT,
}


def parse_peppol_id(value: str, field: str = "peppol_id") -> Identifier:
    """A Peppol participant id ``scheme:identifier`` (``0007:5598765435``) as an identifier.

    Raises:
        InputError: Not four digits, a colon and an identifier, or an identifier the
            scheme's check refuses (e.g. an organisation number with a wrong Luhn digit
            under ``0007``), naming ``field``.
    """
    found = _PEPPOL_ID.match(value)
    if found is None:
        raise InputError(
            field, "{value!r} is not a Peppol id: write scheme:identifier, e.g. 0007:5598765435",
            value=value,
        )  # fmt: skip
    try:
        return Identifier(value=found.group(2), scheme=found.group(1))
    except PydanticValidationError as error:
        raise InputError(
            field, "{value!r} is not a valid identifier under scheme {scheme}",
            value=value, scheme=found.group(1),
        ) from error  # fmt: skip


def _digits(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def _legal_id(party: InvoiceParty, endpoint: Identifier) -> Identifier | None:
    """The organisation number, with the Peppol id's scheme when it is the same number."""
    if not party.orgnr:
        return None
    if _digits(party.orgnr) == _digits(endpoint.value):
        return endpoint
    return Identifier(value=party.orgnr.strip())


def _vat_id(value: str | None) -> str | None:
    return None if value is None else re.sub(r"[\s\-]", "", value).upper()


def _party(party: InvoiceParty, role: str, *, seller: bool) -> Party:
    if not party.peppol_id:
        if seller:
            raise InputError(
                "employer.peppol_id",
                "the cooperative has no Peppol id: set peppol_id in [employer] of "
                "cooperative.toml (e.g. 0007 and the organisation number)",
            )
        raise InputError(
            "peppol_id",
            "client {name} has no Peppol id: a Peppol invoice needs the client's electronic "
            "address (client update --peppol-id)",
            name=party.name,
        )
    endpoint = parse_peppol_id(party.peppol_id, f"{role}.peppol_id")
    address = party.address
    return Party(
        name=party.name,
        endpoint=endpoint,
        legal_id=_legal_id(party, endpoint),
        vat_id=_vat_id(party.vat_number),
        tax_registration_id=F_SKATT if seller and party.f_tax else None,
        address=Address(
            street=address.street if address else None,
            city=address.city if address else None,
            postal_zone=address.postal_code if address else None,
            country_code=(address.country if address else party.country).upper(),
        ),
        contact=Contact(email=party.email) if party.email else None,
    )


def _payment(invoice: Invoice, lang: str) -> PaymentInstructions | None:
    seller = invoice.seller
    account: str
    scheme: str | None
    if seller.bankgiro:
        account, scheme = re.sub(r"\D", "", seller.bankgiro), BANKGIRO
    elif seller.plusgiro:
        account, scheme = re.sub(r"\D", "", seller.plusgiro), PLUSGIRO
    elif seller.iban:
        account, scheme = re.sub(r"\s", "", seller.iban).upper(), seller.bic
    else:
        return None
    _ = translator(lang, "invoicing")
    if invoice.kind is InvoiceKind.CREDIT_NOTE:
        terms = None
    else:
        terms = _("{days} days net").format(days=invoice.payment_terms_days)
        if invoice.late_interest:
            terms = f"{terms}. {invoice.late_interest}"
    return PaymentInstructions(
        account_id=account,
        account_name=seller.name,
        account_scheme=scheme,
        remittance=invoice.payment_reference,
        terms=terms,
    )


def _reason(total: VatTotal, lang: str) -> tuple[str | None, str | None]:
    """BT-120 and BT-121 of a VAT total whose category needs a reason."""
    if VatCategory(total.code) not in _REASONED:
        return None, None
    text = total.text(lang) or total.reference or None
    return text, total.exemption_code


def to_einvoice(invoice: Invoice, *, credited: Invoice | None = None, lang: str = "en") -> EInvoice:
    """``invoice`` (or credit note) as an EN 16931 e-invoice (see the module).

    Args:
        invoice: The issued invoice or credit note.
        credited: For a credit note, the invoice it corrects (for its issue date, BT-26).
        lang: The language of the texts (VAT exemption reasons, payment terms, note).

    Raises:
        InputError: The buyer has no Peppol id (field ``peppol_id``), the cooperative has
            none (``employer.peppol_id``), or an id is malformed.
        ValueError: The EN 16931 totals differ from the invoice's (a bug, never expected).
    """
    _ = translator(lang, "invoicing")
    seller = _party(invoice.seller, "seller", seller=True)
    buyer = _party(invoice.buyer, "buyer", seller=False)
    totals_by_group = {(v.category, v.rate): v for v in invoice.vat}
    lines = []
    for index, item in enumerate(invoice.lines, start=1):
        total = totals_by_group[(item.vat_category, item.vat_rate)]
        category = VatCategory(item.vat_code)
        reason, code = _reason(total, lang)
        lines.append(
            Line(
                id=str(index),
                name=item.description,
                quantity=item.quantity,
                unit_code=item.unit,
                price=item.unit_price,
                category=category,
                rate=(item.vat_rate * HUNDRED).normalize() if item.vat_rate else Decimal(0),
                exemption_reason=reason,
                exemption_code=code,
            )
        )
    credit = invoice.kind is InvoiceKind.CREDIT_NOTE
    preceding = None
    note = None
    if credit:
        number = f"{invoice.series}{invoice.credits_number}"
        if credited is not None and credited.id != invoice.credits:
            raise InputError(
                "credited", "credit note {note} does not correct invoice {invoice}",
                note=invoice.label, invoice=credited.label,
            )  # fmt: skip
        preceding = PrecedingInvoice(
            number=credited.label if credited is not None else number,
            issue_date=credited.issue_date if credited is not None else None,
        )
        note = _("Credit note for invoice {number}: {reason}").format(
            number=preceding.number, reason=invoice.reason or ""
        )
    payment = _payment(invoice, lang)
    document = EInvoice.create(
        type=DocumentType.CREDIT_NOTE if credit else DocumentType.INVOICE,
        number=invoice.label,
        issue_date=invoice.issue_date,
        # A credit note states its due date only with payment instructions.
        due_date=invoice.due_date if payment is not None or not credit else None,
        currency=invoice.currency,
        buyer_reference=invoice.buyer.reference or invoice.label,
        note=note,
        preceding_invoice=preceding,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        seller=seller,
        buyer=buyer,
        payment=payment,
        lines=lines,
        rounding_quantum=Decimal(1) if invoice.rounding else None,
    )
    computed = compute_totals(document)
    if (computed.tax_exclusive, computed.vat_total, computed.payable) != (
        invoice.total_excl_vat,
        invoice.total_vat,
        invoice.total,
    ):
        raise ValueError("the EN 16931 totals differ from the invoice's")
    return document

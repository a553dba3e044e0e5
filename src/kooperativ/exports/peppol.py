# SPDX-License-Identifier: EUPL-1.2
"""Peppol BIS Billing 3.0: invoices and credit notes as UBL 2.1 (EN 16931).

*Peppol BIS Billing 3.0* is the European e-invoice that Swedish public-sector buyers must
be able to receive (lag 2018:1277 om elektroniska fakturor till följd av offentlig
upphandling). Its content is the semantic model of the European standard EN 16931-1, whose
*business terms* (``BT-1`` invoice number …) and *business groups* (``BG-23`` VAT
breakdown …) name every field; the syntax is OASIS UBL 2.1.

This module holds that content as frozen records named after the business terms
(:class:`EInvoice`, :class:`Party`, :class:`Line` …), computes the document totals and the
VAT breakdown from the lines (:func:`compute_totals`), and writes the UBL document
(:func:`to_ubl`). It is pure: data in, bytes out, no storage and no country package. A
caller maps its own invoice onto :class:`EInvoice`; the country's legal texts (such as
"Godkänd för F-skatt" or an exemption's legal reference) come in as data.

Examples:
    >>> from datetime import date
    >>> from decimal import Decimal
    >>> seller = Party(
    ...     name="Interim kultur AB",
    ...     endpoint=Identifier(value="5598765435", scheme="0007"),
    ...     legal_id=Identifier(value="5598765435", scheme="0007"),
    ...     vat_id="SE559876543501",
    ...     tax_registration_id=F_SKATT,
    ...     address=Address(city="Göteborg", postal_zone="411 01", country_code="SE"),
    ... )
    >>> buyer = seller.evolve(name="Kulturförvaltningen", tax_registration_id=None)
    >>> invoice = EInvoice.create(
    ...     number="2026-0001", issue_date=date(2026, 11, 30), due_date=date(2026, 12, 30),
    ...     currency="SEK", buyer_reference="4711", seller=seller, buyer=buyer,
    ...     lines=[Line(id="1", name="Workshop", quantity=Decimal(3), unit_code="HUR",
    ...                 price=Decimal("850"), category=VatCategory.STANDARD,
    ...                 rate=Decimal(25))],
    ... )
    >>> totals = compute_totals(invoice)
    >>> totals.tax_exclusive, totals.vat_total, totals.payable
    (Decimal('2550.00'), Decimal('637.50'), Decimal('3187.50'))
    >>> to_ubl(invoice).startswith(b"<?xml")
    True

References:
    EN 16931-1:2017 (semantic data model); OpenPeppol BIS Billing 3.0
    (https://docs.peppol.eu/poacc/billing/3.0/); OASIS UBL 2.1.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import AfterValidator, Field, model_validator
from pydantic import ValidationError as PydanticValidationError

from kooperativ._model import Record
from kooperativ.errors import InputError, ValidationFailed, pydantic_reason
from kooperativ.money import HUNDRED, ORE, ZERO, to_decimal

__all__ = [
    "BANKGIRO",
    "CUSTOMIZATION_ID",
    "F_SKATT",
    "PLUSGIRO",
    "PROFILE_ID",
    "Address",
    "Contact",
    "DocumentType",
    "EInvoice",
    "Identifier",
    "Line",
    "Party",
    "PaymentInstructions",
    "PrecedingInvoice",
    "Totals",
    "VatBreakdown",
    "VatCategory",
    "compute_totals",
    "to_ubl",
]

#: BT-24, the specification identifier of Peppol BIS Billing 3.0.
CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
#: BT-23, the business process: Peppol's billing process P1.
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
#: The Seller tax registration identifier (BT-32) a Swedish seller approved for F-skatt
#: states (Peppol rule SE-R-005; 10 kap. 11–13 §§ skatteförfarandelagen).
F_SKATT = "Godkänd för F-skatt"
#: BT-86 for a Swedish bankgiro number as the payment account (Peppol rule SE-R-011).
BANKGIRO = "SE:BANKGIRO"
#: BT-86 for a Swedish plusgiro number.
PLUSGIRO = "SE:PLUSGIRO"

_NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
_NS_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


class DocumentType(StrEnum):
    """BT-3, the document type code (UNTDID 1001)."""

    #: 380, commercial invoice.
    INVOICE = "380"
    #: 381, credit note (an *ändringsfaktura* that lowers an invoice, 17 kap. 22 § ML).
    CREDIT_NOTE = "381"


class VatCategory(StrEnum):
    """BT-151 / BT-118, the VAT category code (UNTDID 5305, as EN 16931 restricts it)."""

    #: Standard rated: VAT at a rate above zero (25, 12 or 6 % in Sweden).
    STANDARD = "S"
    #: Zero rated goods.
    ZERO = "Z"
    #: Exempt from VAT; the legal reason must be given (17 kap. 24 § 13 ML).
    EXEMPT = "E"
    #: Reverse charge: the buyer accounts for the VAT (*omvänd betalningsskyldighet*).
    REVERSE_CHARGE = "AE"
    #: Export of goods or services outside the EU.
    EXPORT = "G"
    #: Services outside the scope of VAT.
    NOT_SUBJECT = "O"


#: Categories whose VAT breakdown must carry an exemption reason (text BT-120 or code BT-121).
_NEEDS_REASON = {VatCategory.EXEMPT, VatCategory.REVERSE_CHARGE, VatCategory.EXPORT}
#: Exemption reason codes (CEF VATEX) implied by a category when none is given.
_DEFAULT_REASON_CODE = {
    VatCategory.REVERSE_CHARGE: "VATEX-EU-AE",
    VatCategory.EXPORT: "VATEX-EU-G",
    VatCategory.NOT_SUBJECT: "VATEX-EU-O",
}


def _text(value: str) -> str:
    if not value:
        raise InputError("text", "must not be empty")
    return value


Text = Annotated[str, AfterValidator(_text)]
"""A non-empty text (Peppol refuses empty elements, rule PEPPOL-EN16931-R008)."""

Scheme = Annotated[str, Field(pattern=r"^[0-9]{4}$")]
"""A four-digit identifier scheme (ISO 6523 ICD or Peppol EAS code), e.g. ``0007``."""

CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
"""An ISO 3166-1 alpha-2 country code in capitals."""


class Identifier(Record):
    """An identifier with its scheme: BT-34/BT-49 (electronic address), BT-29/BT-46
    (party identifier), BT-30/BT-47 (legal registration identifier).

    Common schemes: ``0007`` Swedish organisationsnummer (10 digits, Luhn check digit),
    ``0088`` GS1 GLN, ``0192`` Norwegian organisasjonsnummer, ``0204`` German Leitweg-ID.
    Whether a scheme is accepted for an electronic address is decided by the Peppol code
    list (EAS); the validation harness reports it (rule PEPPOL-EN16931-CL008).
    """

    value: Text
    scheme: Scheme | None = None

    @model_validator(mode="after")
    def _check_scheme(self) -> Self:
        if self.scheme == "0007" and not _is_orgnr(self.value):
            raise InputError(
                "value",
                "{value} is not an organisation number (scheme 0007: 10 digits, "
                "the last a Luhn check digit)",
                value=self.value,
            )
        if self.scheme == "0088" and not _is_gln(self.value):
            raise InputError(
                "value",
                "{value} is not a GLN (scheme 0088: digits, the last a GS1 check digit)",
                value=self.value,
            )
        return self


class Address(Record):
    """BG-5 / BG-8, a postal address. The country code (BT-40/BT-55) is required."""

    street: Text | None = None
    """BT-35 / BT-50, address line 1."""
    additional_street: Text | None = None
    """BT-36 / BT-51, address line 2."""
    city: Text | None = None
    """BT-37 / BT-52."""
    postal_zone: Text | None = None
    """BT-38 / BT-53, the post code."""
    country_code: CountryCode
    """BT-40 / BT-55, ISO 3166-1 alpha-2."""


class Contact(Record):
    """BG-6 / BG-9, a contact point of the seller or the buyer."""

    name: Text | None = None
    """BT-41 / BT-56."""
    telephone: Text | None = None
    """BT-42 / BT-57."""
    email: Text | None = None
    """BT-43 / BT-58."""


class Party(Record):
    """BG-4 seller or BG-7 buyer.

    The seller of a Swedish cooperative states its organisationsnummer as the legal
    registration identifier (BT-30, scheme ``0007``), its VAT number (BT-31,
    ``SE`` + orgnr + ``01``) and :data:`F_SKATT` as its tax registration identifier
    (BT-32); the AB's *säte* can go in the additional legal information (BT-33).
    """

    name: Text
    """BT-27 / BT-44, the registered name."""
    trading_name: Text | None = None
    """BT-28 / BT-45, a trading name if it differs."""
    endpoint: Identifier
    """BT-34 / BT-49, the Peppol electronic address; its scheme is required (BR-62/63)."""
    identifier: Identifier | None = None
    """BT-29 / BT-46, a party identifier (e.g. a GLN)."""
    legal_id: Identifier | None = None
    """BT-30 / BT-47, the legal registration identifier (organisationsnummer)."""
    vat_id: Annotated[str, Field(pattern=r"^[A-Z]{2}[0-9A-Za-z+*.]{2,13}$")] | None = None
    """BT-31 / BT-48, the VAT identifier with its country prefix (BR-CO-09)."""
    tax_registration_id: Text | None = None
    """BT-32, seller only: the tax registration identifier (:data:`F_SKATT` in Sweden)."""
    legal_info: Text | None = None
    """BT-33, seller only: additional legal information (e.g. ``"Säte: Göteborg"``)."""
    address: Address
    """BG-5 / BG-8."""
    contact: Contact | None = None
    """BG-6 / BG-9."""

    @model_validator(mode="after")
    def _check_endpoint(self) -> Self:
        if self.endpoint.scheme is None:
            raise InputError(
                "endpoint", "the electronic address needs its scheme (e.g. 0007, 0088)"
            )
        return self


class PaymentInstructions(Record):
    """BG-16, how the buyer pays: a credit transfer (BT-81 = 30) to an account (BG-17).

    For a Swedish bankgiro number, ``account_id`` is the number's digits (7 or 8, no
    hyphen) and ``account_scheme`` is :data:`BANKGIRO` (Peppol rules SE-R-008 … SE-R-011).
    """

    means_code: Annotated[str, Field(pattern=r"^[0-9A-Z]{1,3}$")] = "30"
    """BT-81, payment means (UNCL 4461); ``30`` credit transfer."""
    account_id: Text
    """BT-84, the payment account (bankgiro digits, IBAN …)."""
    account_name: Text | None = None
    """BT-85, the account's name."""
    account_scheme: Text | None = None
    """BT-86, the payment service provider: a BIC, or :data:`BANKGIRO` / :data:`PLUSGIRO`."""
    remittance: Text | None = None
    """BT-83, the remittance information the buyer quotes: the OCR reference."""
    terms: Text | None = None
    """BT-20, payment terms as text (e.g. ``"30 dagar netto"``)."""


class PrecedingInvoice(Record):
    """BG-3, the invoice a credit note (or a corrective invoice) refers to."""

    number: Text
    """BT-25, the preceding invoice's number."""
    issue_date: date | None = None
    """BT-26, its issue date."""


class Line(Record):
    """BG-25, an invoice line: quantity × net price, one VAT category.

    The line net amount (BT-131) is quantity × net price rounded half up to two decimals;
    give it only to have it checked. The exemption reason of an E, AE or G line is stated
    once per category in the VAT breakdown, so every line of that category must give the
    same reason.
    """

    id: Text
    """BT-126, the line's identifier (unique within the invoice)."""
    name: Text
    """BT-153, the item's name."""
    description: Text | None = None
    """BT-154, the item's description."""
    quantity: Decimal
    """BT-129, the invoiced quantity (may be negative on an invoice, to reduce it)."""
    unit_code: Annotated[str, Field(pattern=r"^[A-Z0-9]{1,3}$")]
    """BT-130, UN/ECE Rec. 20 unit: ``HUR`` hour, ``DAY`` day, ``C62`` one (piece),
    ``MON`` month, ``LS`` lump sum."""
    price: Decimal = Field(ge=0)
    """BT-146, the item net price excluding VAT (never negative, BR-27)."""
    net_amount: Decimal | None = None
    """BT-131, the line net amount; computed when not given."""
    category: VatCategory
    """BT-151, the VAT category."""
    rate: Decimal = ZERO
    """BT-152, the VAT rate in percent (``25``); zero for every category but S."""
    exemption_reason: Text | None = None
    """BT-120, why no VAT is charged, as text (for E, AE, G: the legal reference)."""
    exemption_code: Annotated[str, Field(pattern=r"^VATEX-[A-Z0-9-]+$")] | None = None
    """BT-121, the same as a CEF VATEX code (``VATEX-EU-AE``, ``VATEX-EU-G`` …)."""
    period_start: date | None = None
    """BT-134, start of the line's invoicing period."""
    period_end: date | None = None
    """BT-135, end of the line's invoicing period."""

    @model_validator(mode="before")
    @classmethod
    def _decimals(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            for name in ("quantity", "price", "net_amount", "rate"):
                if data.get(name) is not None:
                    data[name] = to_decimal(data[name], name)
        return data

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.category is VatCategory.STANDARD:
            if self.rate <= ZERO:
                raise InputError("rate", "a standard-rated (S) line needs a rate above zero")
        elif self.rate != ZERO:
            raise InputError(
                "rate", "a line of VAT category {category} has rate 0", category=self.category
            )
        if self.category in (VatCategory.STANDARD, VatCategory.ZERO) and (
            self.exemption_reason or self.exemption_code
        ):
            raise InputError(
                "exemption_reason",
                "a line of VAT category {category} has no exemption reason",
                category=self.category,
            )
        computed = _round(self.quantity * self.price)
        if self.net_amount is not None and self.net_amount != computed:
            raise InputError(
                "net_amount",
                "{given} is not quantity × price ({computed})",
                given=self.net_amount,
                computed=computed,
            )
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise InputError("period_end", "the period ends before it starts")
        return self

    @property
    def line_net_amount(self) -> Decimal:
        """BT-131: quantity × net price, rounded half up to öre."""
        return (
            self.net_amount if self.net_amount is not None else _round(self.quantity * self.price)
        )


class VatBreakdown(Record):
    """BG-23, the VAT of one category and rate."""

    category: VatCategory
    """BT-118."""
    rate: Decimal
    """BT-119, in percent."""
    taxable_amount: Decimal
    """BT-116, the sum of the line net amounts of this category and rate."""
    tax_amount: Decimal
    """BT-117, taxable amount × rate / 100, rounded half up to two decimals."""
    exemption_reason: str | None = None
    """BT-120."""
    exemption_code: str | None = None
    """BT-121."""


class Totals(Record):
    """BG-22, the document totals, and the VAT breakdown (BG-23) they are made of."""

    line_total: Decimal
    """BT-106, sum of the line net amounts."""
    tax_exclusive: Decimal
    """BT-109, total without VAT (no document-level allowances or charges here)."""
    vat_total: Decimal
    """BT-110, the sum of the breakdown's tax amounts."""
    tax_inclusive: Decimal
    """BT-112, total with VAT."""
    rounding: Decimal
    """BT-114, what rounding the amount due added (*öresavrundning*); zero if none."""
    payable: Decimal
    """BT-115, the amount due for payment."""
    breakdown: tuple[VatBreakdown, ...]
    """BG-23, one per VAT category and rate, in the order of the lines."""


class EInvoice(Record):
    """An invoice (BT-3 = 380) or credit note (381) by EN 16931's business terms.

    Build it with :meth:`create` to get a :class:`~kooperativ.errors.InputError` naming
    every bad field instead of pydantic's error.
    """

    type: DocumentType = DocumentType.INVOICE
    """BT-3."""
    number: Text
    """BT-1, the invoice number (unique, from a gapless series)."""
    issue_date: date
    """BT-2."""
    due_date: date | None = None
    """BT-9, the payment due date."""
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    """BT-5, ISO 4217 (``SEK``)."""
    buyer_reference: Text | None = None
    """BT-10, the buyer's reference (*referens*, e.g. a public body's reference code)."""
    order_reference: Text | None = None
    """BT-13, the buyer's purchase order number. Peppol needs BT-10 or BT-13."""
    note: Text | None = None
    """BT-22, one free-text note (e.g. ``"Omvänd betalningsskyldighet"``)."""
    preceding_invoice: PrecedingInvoice | None = None
    """BG-3, the invoice a credit note corrects (required for 381)."""
    delivery_date: date | None = None
    """BT-72, the actual delivery date, if it differs from the issue date."""
    period_start: date | None = None
    """BT-73, start of the invoicing period."""
    period_end: date | None = None
    """BT-74, end of the invoicing period."""
    seller: Party
    """BG-4."""
    buyer: Party
    """BG-7."""
    payment: PaymentInstructions | None = None
    """BG-16 with BT-20 (payment terms)."""
    lines: tuple[Line, ...]
    """BG-25, at least one line (BR-16)."""
    rounding_quantum: Decimal | None = None
    """Round the amount due (BT-115) half up to this step, e.g. ``1`` for whole kronor
    (*öresavrundning*); the difference is the rounding amount BT-114."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        problems = _problems(self)
        if problems:
            raise ValidationFailed(problems)
        return self

    @classmethod
    def create(cls, **fields: Any) -> EInvoice:
        """Validate ``fields`` into an :class:`EInvoice`.

        Raises:
            InputError: Naming the bad field and why (a
                :class:`~kooperativ.errors.ValidationFailed` when there are several).
        """
        try:
            return cls.model_validate(fields)
        except PydanticValidationError as exc:
            raise _as_input_error(exc) from None


def _problems(invoice: EInvoice) -> list[tuple[str, str, dict[str, object]]]:
    """Every cross-field problem of ``invoice`` as ``(field, template, values)``."""
    problems: list[tuple[str, str, dict[str, object]]] = []

    def problem(field: str, template: str, **values: object) -> None:
        problems.append((field, template, values))

    if invoice.buyer_reference is None and invoice.order_reference is None:
        problem("buyer_reference", "give the buyer reference or the order reference (BT-10/BT-13)")
    if invoice.type is DocumentType.CREDIT_NOTE and invoice.preceding_invoice is None:
        problem("preceding_invoice", "a credit note names the invoice it corrects (BG-3)")
    if invoice.due_date is not None and invoice.due_date < invoice.issue_date:
        problem("due_date", "the due date is before the issue date")
    if (
        invoice.type is DocumentType.CREDIT_NOTE
        and invoice.due_date is not None
        and invoice.payment is None
    ):
        problem("due_date", "a credit note states its due date with payment instructions")
    if invoice.period_start and invoice.period_end and invoice.period_end < invoice.period_start:
        problem("period_end", "the period ends before it starts")
    for name in ("tax_registration_id", "legal_info"):
        if getattr(invoice.buyer, name) is not None:
            problem(f"buyer.{name}", "only the seller states this")
    if invoice.rounding_quantum is not None and not (
        invoice.rounding_quantum >= ORE and (invoice.rounding_quantum / ORE) % 1 == 0
    ):
        problem("rounding_quantum", "must be a positive multiple of 0.01")

    if not invoice.lines:
        problem("lines", "an invoice has at least one line (BR-16)")
    ids = [line.id for line in invoice.lines]
    for index, line in enumerate(invoice.lines):
        field = f"lines.{index}"
        if ids.count(line.id) > 1 and ids.index(line.id) != index:
            problem(f"{field}.id", "line id {id} is used twice", id=line.id)
        if invoice.type is DocumentType.CREDIT_NOTE and line.quantity < ZERO:
            problem(f"{field}.quantity", "a credit note's quantities are positive")
        if line.period_start or line.period_end:
            start, end = invoice.period_start, invoice.period_end
            if (start and line.period_start and line.period_start < start) or (
                end and line.period_end and line.period_end > end
            ):
                problem(f"{field}.period_start", "the line period is outside the invoice period")

    categories = {line.category for line in invoice.lines}
    seller, buyer = invoice.seller, invoice.buyer
    if VatCategory.NOT_SUBJECT in categories and len(categories) > 1:
        problem(
            "lines",
            "lines not subject to VAT (O) cannot be mixed with other VAT categories (BR-O-11)",
        )
    if VatCategory.EXPORT in categories and seller.vat_id is None:
        problem("seller.vat_id", "an export (G) invoice states the seller's VAT number")
    if (
        categories - {VatCategory.NOT_SUBJECT, VatCategory.EXPORT}
        and seller.vat_id is None
        and seller.tax_registration_id is None
    ):
        problem("seller.vat_id", "give the seller's VAT number")
    if VatCategory.REVERSE_CHARGE in categories and buyer.vat_id is None:
        problem(
            "buyer.vat_id", "reverse charge (AE) needs the buyer's VAT number (17 kap. 24 § 4 ML)"
        )

    for category in sorted(categories & (_NEEDS_REASON | {VatCategory.NOT_SUBJECT})):
        reasons = {
            (line.exemption_reason, line.exemption_code)
            for line in invoice.lines
            if line.category is category
        }
        if len(reasons) > 1:
            problem(
                "lines",
                "every line of VAT category {category} gives the same exemption reason",
                category=category,
            )
        elif category is VatCategory.EXEMPT and reasons == {(None, None)}:
            problem(
                "lines",
                "an exempt (E) line needs the exemption reason (text or VATEX code)",
            )

    if not problems:
        totals = compute_totals(invoice)
        if invoice.type is DocumentType.CREDIT_NOTE and totals.payable < ZERO:
            problem("lines", "a credit note's total is not negative")
        if (
            invoice.type is DocumentType.INVOICE
            and totals.payable > ZERO
            and invoice.due_date is None
            and (invoice.payment is None or invoice.payment.terms is None)
        ):
            problem("due_date", "give the due date or the payment terms (BR-CO-25)")
    return problems


def _as_input_error(exc: PydanticValidationError) -> InputError:
    """pydantic's error as one InputError naming every field (ours keep their templates)."""
    problems: list[tuple[str, str, dict[str, object]]] = []
    for error in exc.errors():
        location = ".".join(str(part) for part in error["loc"])
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, ValidationFailed):
            for field, template, values in cause.details:
                problems.append((_join(location, field), template, values))
            continue
        if isinstance(cause, InputError):
            field = _join(location, cause.field)
        else:
            field = location or "invoice"
        template, values = pydantic_reason(error)
        problems.append((field, template, values))
    if len(problems) == 1:
        field, template, values = problems[0]
        return InputError(field, template, **values)
    return ValidationFailed(problems)


def _join(location: str, field: str) -> str:
    if not location or location.endswith(field):
        return location or field
    if field in ("text", "amount"):
        return location
    return f"{location}.{field}"


def _round(amount: Decimal, quantum: Decimal = ORE) -> Decimal:
    """Round half up (away from zero), as EN 16931's rules round amounts."""
    return amount.quantize(quantum, rounding=ROUND_HALF_UP)


def _is_orgnr(value: str) -> bool:
    """Ten digits whose last is the Luhn check digit of the first nine."""
    if not re.fullmatch(r"[0-9]{10}", value):
        return False
    total = 0
    for position, digit in enumerate(int(char) for char in value[:9]):
        product = digit * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10 == int(value[9])


def _is_gln(value: str) -> bool:
    """Digits whose last is the GS1 check digit (weights 3 and 1 from the right), as
    Peppol checks scheme 0088 (rule PEPPOL-COMMON-R040; a GLN has 13 digits, but the rule
    takes any length)."""
    if not re.fullmatch(r"[0-9]{2,}", value):
        return False
    body = value[-2::-1]
    total = sum(int(char) * (3 if index % 2 == 0 else 1) for index, char in enumerate(body))
    return (10 - total % 10) % 10 == int(value[-1])


def compute_totals(invoice: EInvoice) -> Totals:
    """The document totals (BG-22) and VAT breakdown (BG-23) of ``invoice``.

    One breakdown per VAT category and rate, in the order the lines first use them; its
    tax amount is the taxable amount × rate / 100 rounded half up to two decimals (BR-CO-17),
    and the VAT total is the sum of those (BR-CO-14), so the totals agree to the öre.
    """
    groups: dict[tuple[VatCategory, Decimal], list[Line]] = {}
    for line in invoice.lines:
        groups.setdefault((line.category, line.rate), []).append(line)
    breakdown = []
    for (category, rate), lines in groups.items():
        taxable = sum((line.line_net_amount for line in lines), ZERO)
        first = lines[0]
        code = first.exemption_code
        if code is None and first.exemption_reason is None:
            code = _DEFAULT_REASON_CODE.get(category)
        breakdown.append(
            VatBreakdown(
                category=category,
                rate=rate,
                taxable_amount=_round(taxable),
                tax_amount=_round(taxable * rate / HUNDRED),
                exemption_reason=first.exemption_reason,
                exemption_code=code,
            )
        )
    line_total = _round(sum((line.line_net_amount for line in invoice.lines), ZERO))
    vat_total = sum((item.tax_amount for item in breakdown), ZERO)
    tax_inclusive = line_total + vat_total
    payable = tax_inclusive
    if invoice.rounding_quantum is not None:
        payable = _round(tax_inclusive, invoice.rounding_quantum).quantize(ORE)
    return Totals(
        line_total=line_total,
        tax_exclusive=line_total,
        vat_total=_round(vat_total),
        tax_inclusive=_round(tax_inclusive),
        rounding=_round(payable - tax_inclusive),
        payable=_round(payable),
        breakdown=tuple(breakdown),
    )


# --- UBL 2.1 ---------------------------------------------------------------------------


def _amount(value: Decimal) -> str:
    """An amount with two decimals (BR-DEC-*), never in exponent form."""
    return f"{_round(value):f}"


def _number(value: Decimal) -> str:
    """A quantity, price or percentage without trailing zeros or exponent."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class _Writer:
    """Appends UBL elements in the order the UBL 2.1 schema prescribes."""

    def __init__(self, invoice: EInvoice) -> None:
        self.invoice = invoice
        self.currency = invoice.currency

    def cbc(self, parent: ET.Element, name: str, text: str | None, **attrs: str) -> None:
        if text is not None:
            element = ET.SubElement(parent, f"{{{_CBC}}}{name}", attrs)
            element.text = text

    def cac(self, parent: ET.Element, name: str) -> ET.Element:
        return ET.SubElement(parent, f"{{{_CAC}}}{name}")

    def money(self, parent: ET.Element, name: str, value: Decimal) -> None:
        self.cbc(parent, name, _amount(value), currencyID=self.currency)

    def identifier(self, parent: ET.Element, name: str, ident: Identifier) -> None:
        if ident.scheme is None:
            self.cbc(parent, name, ident.value)
        else:
            self.cbc(parent, name, ident.value, schemeID=ident.scheme)

    def party(self, parent: ET.Element, party: Party, *, vat: bool, is_seller: bool) -> None:
        node = self.cac(parent, "Party")
        self.identifier(node, "EndpointID", party.endpoint)
        if party.identifier is not None:
            self.identifier(self.cac(node, "PartyIdentification"), "ID", party.identifier)
        if party.trading_name is not None:
            self.cbc(self.cac(node, "PartyName"), "Name", party.trading_name)
        address = self.cac(node, "PostalAddress")
        self.cbc(address, "StreetName", party.address.street)
        self.cbc(address, "AdditionalStreetName", party.address.additional_street)
        self.cbc(address, "CityName", party.address.city)
        self.cbc(address, "PostalZone", party.address.postal_zone)
        self.cbc(self.cac(address, "Country"), "IdentificationCode", party.address.country_code)
        if vat and party.vat_id is not None:
            self.tax_scheme(node, party.vat_id, "VAT")
        if is_seller and party.tax_registration_id is not None:
            self.tax_scheme(node, party.tax_registration_id, "TAX")
        legal = self.cac(node, "PartyLegalEntity")
        self.cbc(legal, "RegistrationName", party.name)
        if party.legal_id is not None:
            self.identifier(legal, "CompanyID", party.legal_id)
        if is_seller:
            self.cbc(legal, "CompanyLegalForm", party.legal_info)
        contact = party.contact
        if contact is not None and (contact.name or contact.telephone or contact.email):
            node_contact = self.cac(node, "Contact")
            self.cbc(node_contact, "Name", contact.name)
            self.cbc(node_contact, "Telephone", contact.telephone)
            self.cbc(node_contact, "ElectronicMail", contact.email)

    def tax_scheme(self, parent: ET.Element, company_id: str, scheme: str) -> None:
        node = self.cac(parent, "PartyTaxScheme")
        self.cbc(node, "CompanyID", company_id)
        self.cbc(self.cac(node, "TaxScheme"), "ID", scheme)

    def tax_category(
        self,
        parent: ET.Element,
        name: str,
        category: VatCategory,
        rate: Decimal,
        reason: tuple[str | None, str | None] = (None, None),
    ) -> None:
        node = self.cac(parent, name)
        self.cbc(node, "ID", category.value)
        if category is not VatCategory.NOT_SUBJECT:  # BR-O-05/BR-O-10: no rate for O
            self.cbc(node, "Percent", _number(rate))
        reason_text, reason_code = reason
        self.cbc(node, "TaxExemptionReasonCode", reason_code)
        self.cbc(node, "TaxExemptionReason", reason_text)
        self.cbc(self.cac(node, "TaxScheme"), "ID", "VAT")

    def document(self) -> ET.Element:
        invoice = self.invoice
        credit = invoice.type is DocumentType.CREDIT_NOTE
        # The root in the default namespace, declared by hand: ElementTree's
        # default_namespace option refuses the unqualified attributes UBL uses.
        root = ET.Element(
            "CreditNote" if credit else "Invoice",
            xmlns=_NS_CREDIT_NOTE if credit else _NS_INVOICE,
        )
        totals = compute_totals(invoice)
        # Not subject to VAT: no VAT identifiers at all (BR-O-02).
        vat = not any(line.category is VatCategory.NOT_SUBJECT for line in invoice.lines)

        self.cbc(root, "CustomizationID", CUSTOMIZATION_ID)
        self.cbc(root, "ProfileID", PROFILE_ID)
        self.cbc(root, "ID", invoice.number)
        self.cbc(root, "IssueDate", invoice.issue_date.isoformat())
        if not credit and invoice.due_date is not None:
            self.cbc(root, "DueDate", invoice.due_date.isoformat())
        self.cbc(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode", invoice.type.value)
        self.cbc(root, "Note", invoice.note)
        self.cbc(root, "DocumentCurrencyCode", invoice.currency)
        self.cbc(root, "BuyerReference", invoice.buyer_reference)
        if invoice.period_start is not None or invoice.period_end is not None:
            self.period(root, invoice.period_start, invoice.period_end)
        if invoice.order_reference is not None:
            self.cbc(self.cac(root, "OrderReference"), "ID", invoice.order_reference)
        if invoice.preceding_invoice is not None:
            reference = self.cac(self.cac(root, "BillingReference"), "InvoiceDocumentReference")
            self.cbc(reference, "ID", invoice.preceding_invoice.number)
            issued = invoice.preceding_invoice.issue_date
            self.cbc(reference, "IssueDate", issued.isoformat() if issued else None)
        self.party(
            self.cac(root, "AccountingSupplierParty"), invoice.seller, vat=vat, is_seller=True
        )
        self.party(
            self.cac(root, "AccountingCustomerParty"), invoice.buyer, vat=vat, is_seller=False
        )
        if invoice.delivery_date is not None:
            delivery = self.cac(root, "Delivery")
            self.cbc(delivery, "ActualDeliveryDate", invoice.delivery_date.isoformat())
        if invoice.payment is not None:
            self.payment(root, invoice.payment, invoice.due_date if credit else None)
        self.totals(root, totals)
        for line in invoice.lines:
            self.line(root, line, credit)
        return root

    def period(self, parent: ET.Element, start: date | None, end: date | None) -> None:
        node = self.cac(parent, "InvoicePeriod")
        self.cbc(node, "StartDate", start.isoformat() if start else None)
        self.cbc(node, "EndDate", end.isoformat() if end else None)

    def payment(
        self, root: ET.Element, payment: PaymentInstructions, due_date: date | None
    ) -> None:
        means = self.cac(root, "PaymentMeans")
        self.cbc(means, "PaymentMeansCode", payment.means_code)
        # A credit note has no cbc:DueDate; BT-9 sits in the payment means instead.
        self.cbc(means, "PaymentDueDate", due_date.isoformat() if due_date else None)
        self.cbc(means, "PaymentID", payment.remittance)
        account = self.cac(means, "PayeeFinancialAccount")
        self.cbc(account, "ID", payment.account_id)
        self.cbc(account, "Name", payment.account_name)
        if payment.account_scheme is not None:
            self.cbc(self.cac(account, "FinancialInstitutionBranch"), "ID", payment.account_scheme)
        if payment.terms is not None:
            self.cbc(self.cac(root, "PaymentTerms"), "Note", payment.terms)

    def totals(self, root: ET.Element, totals: Totals) -> None:
        tax_total = self.cac(root, "TaxTotal")
        self.money(tax_total, "TaxAmount", totals.vat_total)
        for item in totals.breakdown:
            subtotal = self.cac(tax_total, "TaxSubtotal")
            self.money(subtotal, "TaxableAmount", item.taxable_amount)
            self.money(subtotal, "TaxAmount", item.tax_amount)
            self.tax_category(
                subtotal,
                "TaxCategory",
                item.category,
                item.rate,
                (item.exemption_reason, item.exemption_code),
            )
        monetary = self.cac(root, "LegalMonetaryTotal")
        self.money(monetary, "LineExtensionAmount", totals.line_total)
        self.money(monetary, "TaxExclusiveAmount", totals.tax_exclusive)
        self.money(monetary, "TaxInclusiveAmount", totals.tax_inclusive)
        if totals.rounding != ZERO:
            self.money(monetary, "PayableRoundingAmount", totals.rounding)
        self.money(monetary, "PayableAmount", totals.payable)

    def line(self, root: ET.Element, line: Line, credit: bool) -> None:
        node = self.cac(root, "CreditNoteLine" if credit else "InvoiceLine")
        self.cbc(node, "ID", line.id)
        self.cbc(
            node,
            "CreditedQuantity" if credit else "InvoicedQuantity",
            _number(line.quantity),
            unitCode=line.unit_code,
        )
        self.money(node, "LineExtensionAmount", line.line_net_amount)
        if line.period_start is not None or line.period_end is not None:
            self.period(node, line.period_start, line.period_end)
        item = self.cac(node, "Item")
        self.cbc(item, "Description", line.description)
        self.cbc(item, "Name", line.name)
        self.tax_category(item, "ClassifiedTaxCategory", line.category, line.rate)
        self.cbc(
            self.cac(node, "Price"), "PriceAmount", _number(line.price), currencyID=self.currency
        )


def to_ubl(invoice: EInvoice) -> bytes:
    """``invoice`` as a Peppol BIS Billing 3.0 UBL 2.1 document (UTF-8 bytes).

    An :class:`EInvoice` with type 380 becomes a UBL ``Invoice``, 381 a ``CreditNote``.
    Amounts carry the currency (``currencyID``) and two decimals; the totals and the VAT
    breakdown are computed by :func:`compute_totals`. For an invoice whose lines are not
    subject to VAT (O), no VAT identifiers are written (EN 16931 rule BR-O-02).
    """
    ET.register_namespace("cac", _CAC)
    ET.register_namespace("cbc", _CBC)
    root = _Writer(invoice).document()
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return document

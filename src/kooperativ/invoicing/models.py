# SPDX-License-Identifier: EUPL-1.2
"""Invoice and credit-note records, and the arithmetic of their totals.

An invoice is issued once and never edited (only its status moves on, when credit notes
cancel it). A credit note (*ändringsfaktura*, ML 17 kap. 22 §) is an invoice of its own in
the same numbering, referring to the invoice it corrects; its amounts are written as
positive figures, as on the invoice (EN 16931 does the same), and :attr:`Invoice.sign`
says which way they count.

Totals, as Swedish law and EN 16931 want them:

* each line's net = quantity × unit price, rounded half up to öre;
* per VAT category and rate: the base is the sum of the lines' nets, the VAT is
  base × rate rounded half up to öre (once per rate, not per line);
* total excl. VAT = sum of the bases; total VAT = sum of the VAT amounts;
* optional *öresavrundning*: the payable total rounded half up to whole kronor, the
  difference shown as its own amount (``rounding``).

>>> from kooperativ.rules.country import VatCategory
>>> standard = VatCategory(category="standard", rate=Decimal("0.25"), code="S", reference="ML")
>>> line = make_line(LineInput(description="Workshop", quantity=Decimal("3"),
...                            unit_price=Decimal("1234.56")), standard)
>>> vat, excl, tax, rounding, total = totals([line], rounding=True)
>>> excl, tax, rounding, total
(Decimal('3703.68'), Decimal('925.92'), Decimal('0.40'), Decimal('4630.00'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final
from uuid import UUID, uuid4

from pydantic import Field, model_validator

from kooperativ._model import Record
from kooperativ.errors import ConflictError, InputError
from kooperativ.members.models import Address
from kooperativ.money import ONE, ORE, ZERO_ORE
from kooperativ.rules.country import VatCategory

__all__ = [
    "MAX_LINES",
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

#: The most lines one invoice may have (a plausibility bound, not a legal figure).
MAX_LINES: Final = 500
#: The largest quantity or unit price one line may have (a plausibility bound).
MAX_FIGURE: Final = Decimal("100000000")


class InvoiceKind(StrEnum):
    """An invoice, or a credit note correcting one."""

    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class InvoiceStatus(StrEnum):
    """Where an invoice stands (the payments themselves are recorded as ``payment``
    records; the status follows them)."""

    ISSUED = "issued"  #: issued, not (wholly) credited
    CREDITED = "credited"  #: cancelled in full by credit notes
    PARTLY_PAID = "partly_paid"  #: some of the open amount paid
    PAID = "paid"  #: the open amount paid in full


class Party(Record):
    """The seller or the buyer as the invoice shows them: a copy made when it is issued,
    so a later change of the register does not change an issued invoice."""

    name: str = Field(min_length=1)
    orgnr: str | None = None
    person_id: str | None = None
    vat_number: str | None = None
    address: Address | None = None
    country: str = Field(min_length=2, max_length=2)
    peppol_id: str | None = None
    email: str | None = None
    reference: str | None = Field(default=None, description="The buyer's reference")
    f_tax: bool = Field(default=False, description="Approved for F-tax (the seller)")
    bankgiro: str | None = None
    plusgiro: str | None = None
    iban: str | None = None
    bic: str | None = None

    @property
    def business(self) -> bool:
        """Whether the party is an organisation rather than a private person."""
        return self.person_id is None


class LineInput(Record):
    """A line as the caller asks for it; :func:`make_line` prices it."""

    description: str = Field(min_length=1)
    quantity: Decimal
    unit: str = Field(default="C62", description="UN/ECE Recommendation 20 unit code")
    unit_price: Decimal
    vat_category: str = "standard"
    assignment_id: UUID | None = None


class InvoiceLine(Record):
    """One line of an invoice: what was sold, how much, at which price and VAT."""

    description: str = Field(min_length=1)
    quantity: Decimal
    unit: str = Field(default="C62", min_length=1)
    unit_price: Decimal = Field(description="Excluding VAT")
    net: Decimal = Field(description="quantity × unit price, rounded to öre")
    vat_category: str
    vat_code: str
    vat_rate: Decimal
    assignment_id: UUID | None = None

    @model_validator(mode="after")
    def _priced(self) -> InvoiceLine:
        _check_figures(self.quantity, self.unit_price)
        if self.net != line_net(self.quantity, self.unit_price):
            raise ValueError("net must be quantity × unit price rounded to öre")
        return self


class VatTotal(Record):
    """The VAT of one category and rate: its base, its amount and what the law asks the
    invoice to say about it."""

    category: str
    code: str = Field(description="EN 16931 VAT category code")
    rate: Decimal
    base: Decimal
    vat: Decimal
    reference: str
    texts: dict[str, str] = Field(default_factory=dict)
    exemption_code: str | None = None

    def text(self, lang: str) -> str | None:
        """The required text in ``lang`` (else English, else any), or ``None``."""
        if not self.texts:
            return None
        return self.texts.get(lang) or self.texts.get("en") or next(iter(self.texts.values()))


class Invoice(Record):
    """An issued invoice or credit note (never edited; see the module)."""

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1, description="Invoice number, gapless")
    series: str = Field(min_length=1, max_length=5)
    kind: InvoiceKind = InvoiceKind.INVOICE
    status: InvoiceStatus = InvoiceStatus.ISSUED
    issue_date: date
    due_date: date
    credits: UUID | None = Field(default=None, description="The invoice a credit note corrects")
    credits_number: int | None = None
    reason: str | None = None
    seller: Party
    buyer: Party
    client_id: UUID
    member_id: UUID
    assignment_ids: tuple[UUID, ...] = ()
    period_start: date | None = Field(default=None, description="First day of the supply")
    period_end: date | None = Field(default=None, description="Last day of the supply")
    lines: tuple[InvoiceLine, ...] = Field(min_length=1, max_length=MAX_LINES)
    vat: tuple[VatTotal, ...]
    total_excl_vat: Decimal
    total_vat: Decimal
    rounding: Decimal = ZERO_ORE
    total: Decimal = Field(description="To pay, including VAT and rounding")
    currency: str = Field(min_length=3, max_length=3)
    payment_reference: str
    payment_terms_days: int = Field(ge=0)
    late_interest: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Invoice:
        if self.due_date < self.issue_date:
            raise InputError(
                "due_date", "{due} is before the invoice date {issued}",
                due=self.due_date, issued=self.issue_date,
            )  # fmt: skip
        if (self.kind is InvoiceKind.CREDIT_NOTE) != (self.credits is not None):
            raise ValueError("a credit note, and only a credit note, refers to an invoice")
        vat, excl, tax, rounding, total = totals(self.lines, rounding=self.rounding != 0)
        if self.rounding != 0 and rounding != self.rounding:
            raise ValueError("rounding does not round the total to whole kronor")
        expected = [(v.category, v.rate, v.base, v.vat) for v in vat]
        if [(v.category, v.rate, v.base, v.vat) for v in self.vat] != expected:
            raise ValueError("the VAT totals do not add up from the lines")
        if (self.total_excl_vat, self.total_vat, self.total) != (excl, tax, total):
            raise ValueError("the totals do not add up from the lines")
        return self

    @property
    def label(self) -> str:
        """The number as printed: series and number (``A17``)."""
        return f"{self.series}{self.number}"

    @property
    def sign(self) -> int:
        """``1`` for an invoice, ``-1`` for a credit note (its amounts count negative)."""
        return -1 if self.kind is InvoiceKind.CREDIT_NOTE else 1

    @property
    def buyer_vat_required(self) -> bool:
        """Whether the buyer's VAT number must be on the invoice (reverse charge)."""
        return any(v.code == "AE" for v in self.vat)


def _check_figures(quantity: Decimal, unit_price: Decimal) -> None:
    if quantity <= 0:
        raise InputError("quantity", "must be more than zero (got {value})", value=quantity)
    if unit_price < 0:
        raise InputError("unit_price", "must not be negative (got {value})", value=unit_price)
    for name, value in (("quantity", quantity), ("unit_price", unit_price)):
        if value > MAX_FIGURE:
            raise InputError(name, "implausibly large (at most {limit})", limit=MAX_FIGURE)
        exponent = value.as_tuple().exponent
        if not isinstance(exponent, int) or exponent < -4:
            raise InputError(name, "{value} has more than four decimals", value=value)


def line_net(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """A line's net amount: quantity × unit price, rounded half up to öre.

    >>> line_net(Decimal("7.25"), Decimal("650"))
    Decimal('4712.50')
    """
    return (quantity * unit_price).quantize(ORE, rounding=ROUND_HALF_UP)


def make_line(given: LineInput, category: VatCategory) -> InvoiceLine:
    """Price ``given`` under ``category``.

    Raises:
        InputError: A quantity of zero or less, a negative unit price, an implausible
            figure or more than four decimals (naming the field).
    """
    if given.vat_category != category.category:
        raise ValueError("the category does not belong to the line")
    _check_figures(given.quantity, given.unit_price)
    return InvoiceLine(
        description=given.description,
        quantity=given.quantity,
        unit=given.unit,
        unit_price=given.unit_price,
        net=line_net(given.quantity, given.unit_price),
        vat_category=category.category,
        vat_code=category.code,
        vat_rate=category.rate,
        assignment_id=given.assignment_id,
    )


def totals(
    lines: Iterable[InvoiceLine],
    *,
    rounding: bool = False,
    categories: Mapping[str, VatCategory | VatTotal] | None = None,
) -> tuple[tuple[VatTotal, ...], Decimal, Decimal, Decimal, Decimal]:
    """The VAT per category and rate, and the invoice's totals.

    Args:
        lines: The priced lines.
        rounding: Whether to round the payable total to whole kronor (*öresavrundning*).
        categories: The categories by name, for the reference and texts of each total
            (left empty if not given).

    Returns:
        ``(vat totals, total excl. VAT, total VAT, rounding, total)``.
    """
    groups: dict[tuple[str, Decimal], list[InvoiceLine]] = {}
    for line in lines:
        groups.setdefault((line.vat_category, line.vat_rate), []).append(line)
    vat: list[VatTotal] = []
    for (category, rate), members in sorted(groups.items(), key=lambda g: (-g[0][1], g[0][0])):
        base = sum((line.net for line in members), ZERO_ORE)
        info = (categories or {}).get(category)
        vat.append(
            VatTotal(
                category=category,
                code=members[0].vat_code,
                rate=rate,
                base=base,
                vat=(base * rate).quantize(ORE, rounding=ROUND_HALF_UP),
                reference=info.reference if info is not None else "",
                texts=dict(info.texts) if info is not None else {},
                exemption_code=info.exemption_code if info is not None else None,
            )
        )
    excl = sum((v.base for v in vat), ZERO_ORE)
    tax = sum((v.vat for v in vat), ZERO_ORE)
    gross = excl + tax
    total = gross.quantize(ONE, rounding=ROUND_HALF_UP).quantize(ORE) if rounding else gross
    return tuple(vat), excl, tax, total - gross, total


def build_invoice(
    *,
    number: int,
    series: str,
    issue_date: date,
    due_date: date,
    seller: Party,
    buyer: Party,
    client_id: UUID,
    member_id: UUID,
    lines: Sequence[InvoiceLine],
    categories: Mapping[str, VatCategory],
    currency: str,
    payment_reference: str,
    payment_terms_days: int,
    assignment_ids: Sequence[UUID] = (),
    period: tuple[date, date] | None = None,
    rounding: bool = False,
    late_interest: str | None = None,
) -> Invoice:
    """An invoice of ``lines`` with its totals computed (see the module).

    Raises:
        InputError: No lines, too many, or a due date before the invoice date.
    """
    if not lines:
        raise InputError("lines", "an invoice needs at least one line")
    if len(lines) > MAX_LINES:
        raise InputError("lines", "at most {limit} lines", limit=MAX_LINES)
    if any(v.buyer_vat_number for v in categories.values()) and not buyer.vat_number:
        raise InputError(
            "vat_category", "reverse charge needs the client's VAT number on the invoice"
        )
    vat, excl, tax, rounded, total = totals(lines, rounding=rounding, categories=categories)
    return Invoice(
        number=number,
        series=series,
        issue_date=issue_date,
        due_date=due_date,
        seller=seller,
        buyer=buyer,
        client_id=client_id,
        member_id=member_id,
        assignment_ids=tuple(assignment_ids),
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        lines=tuple(lines),
        vat=vat,
        total_excl_vat=excl,
        total_vat=tax,
        rounding=rounded,
        total=total,
        currency=currency,
        payment_reference=payment_reference,
        payment_terms_days=payment_terms_days,
        late_interest=late_interest,
    )


def credit_lines(invoice: Invoice, given: Sequence[LineInput]) -> list[InvoiceLine]:
    """``given`` priced as credit lines of ``invoice``: each in a VAT category and at a
    rate the invoice has.

    Raises:
        InputError: A category the invoice does not have, or a figure refused by
            :func:`make_line`.
    """
    known = {v.category: v for v in invoice.vat}
    result = []
    for line in given:
        total = known.get(line.vat_category)
        if total is None:
            raise InputError(
                "vat_category",
                "invoice {number} has no {category!r} lines",
                number=invoice.label,
                category=line.vat_category,
            )
        category = VatCategory(
            category=total.category, rate=total.rate, code=total.code, reference=total.reference
        )
        result.append(make_line(line, category))
    return result


def build_credit_note(
    invoice: Invoice,
    *,
    number: int,
    issue_date: date,
    reason: str,
    payment_reference: str,
    lines: Sequence[InvoiceLine] | None = None,
    credited_before: Decimal = ZERO_ORE,
) -> Invoice:
    """A credit note of ``invoice``: all of it (``lines`` ``None``) or the ``lines`` given.

    Args:
        invoice: The invoice corrected (not itself a credit note).
        number: The credit note's own number (same series).
        issue_date: Its date (not before the invoice's).
        reason: Why the invoice is corrected.
        payment_reference: Its own payment reference.
        lines: The lines credited (priced with :func:`credit_lines`); all if ``None``.
        credited_before: What earlier credit notes of ``invoice`` credited (their totals).

    Raises:
        InputError: An empty reason, or an issue date before the invoice's.
        ConflictError: ``invoice`` is a credit note, or the credits would exceed it.
    """
    if invoice.kind is InvoiceKind.CREDIT_NOTE:
        raise ConflictError(
            "invoice {number} is a credit note and cannot be credited", number=invoice.label
        )
    if not reason.strip():
        raise InputError("reason", "say why the invoice is credited")
    if issue_date < invoice.issue_date:
        raise InputError(
            "issue_date", "{day} is before the invoice's date {issued}",
            day=issue_date, issued=invoice.issue_date,
        )  # fmt: skip
    chosen = tuple(invoice.lines if lines is None else lines)
    if not chosen:
        raise InputError("lines", "a credit note needs at least one line")
    categories = {v.category: v for v in invoice.vat}
    vat, excl, tax, rounded, total = totals(
        chosen, rounding=invoice.rounding != 0, categories=categories
    )
    if credited_before + total > invoice.total:
        raise ConflictError(
            "credits of invoice {number} would come to {credited}, more than its total {total}",
            number=invoice.label,
            credited=credited_before + total,
            total=invoice.total,
        )
    return Invoice(
        number=number,
        series=invoice.series,
        kind=InvoiceKind.CREDIT_NOTE,
        issue_date=issue_date,
        due_date=issue_date,
        credits=invoice.id,
        credits_number=invoice.number,
        reason=reason.strip(),
        seller=invoice.seller,
        buyer=invoice.buyer,
        client_id=invoice.client_id,
        member_id=invoice.member_id,
        assignment_ids=invoice.assignment_ids,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        lines=chosen,
        vat=vat,
        total_excl_vat=excl,
        total_vat=tax,
        rounding=rounded,
        total=total,
        currency=invoice.currency,
        payment_reference=payment_reference,
        payment_terms_days=0,
        late_interest=None,
    )

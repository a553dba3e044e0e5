# SPDX-License-Identifier: EUPL-1.2
"""An incoming payment (*inbetalning*) as it is stored.

A payment is registered by hand or read from a bank file (camt.054). Its ``key`` is its
idempotency key, unique in the store: the bank's reference for a camt.054 transaction (so
that the same file imported twice changes nothing), a fresh one for a payment registered
by hand. A payment is ``matched`` (allocated to an invoice when it came in), ``unmatched``
(left for a person) or ``resolved`` (allocated by a person later). Its allocations and the
client's ``credit`` (an overpayment kept, less what was used or refunded) and its refunds
always add up to its amount when it is allocated:

    amount = sum(allocation amounts) + credit + sum(refunds)          (to the öre)

and an unmatched payment has none of them. An unmatched payment is booked on the suspense
account (``suspense_voucher``) until a person allocates it. A treasurer may later apply
the credit to another open invoice of the same client (a new allocation, dated ``on``) or
refund it (a refund): each takes from ``credit``, so what is kept cannot be used twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from uuid import UUID, uuid4

from pydantic import Field, model_validator

from kooperativ._model import Record
from kooperativ.money import ZERO_ORE

__all__ = ["Payment", "PaymentAllocation", "PaymentRefund", "PaymentStatus"]


class PaymentStatus(StrEnum):
    """Where a payment stands."""

    MATCHED = "matched"  #: allocated to an invoice when it came in
    UNMATCHED = "unmatched"  #: left for a person to allocate
    RESOLVED = "resolved"  #: allocated by a person


class PaymentAllocation(Record):
    """The part of a payment that settles one invoice.

    ``on`` is the day a client's credit was applied to the invoice (``None``: the
    payment's own day); ``voucher`` the voucher that booked that application.
    """

    invoice_id: UUID
    invoice: str = Field(min_length=1, description="The invoice as printed (A17)")
    amount: Decimal = Field(gt=0)
    on: date | None = None
    voucher: str | None = None


class PaymentRefund(Record):
    """Part of a client's credit paid back to the client."""

    amount: Decimal = Field(gt=0)
    on: date
    voucher: str = Field(min_length=1)
    note: str | None = Field(default=None, max_length=200)


class Payment(Record):
    """An incoming payment.

    Attributes:
        id: The record's id.
        number: The registration number (1, 2, 3 … in the order registered).
        key: The idempotency key (unique).
        paid_on: The day the money counts from (value date, else booking date).
        amount: The amount received (positive).
        currency: Its ISO 4217 currency.
        payer: The payer's name as the bank gives it.
        reference: The OCR or other reference, or the remittance text.
        source: ``manual``, or the camt.054 file's name.
        message_id: The camt.054 message id (``GrpHdr/MsgId``).
        status: ``matched``, ``unmatched`` or ``resolved``.
        reason: Why an unmatched payment was left for a person (in English words).
        reason_code: The same as a key of
            :data:`kooperativ.bank.matching.UNMATCHED_REASONS`, with ``reason_values``
            the values of its message (to show it in another language).
        allocations: The invoices it settles, with the amount each.
        credit: The excess kept as the client's credit.
        voucher: The ledger voucher that books it (``B4``), once allocated.
        suspense_voucher: The voucher that booked it on the suspense account while it
            was unmatched (``None``: it was matched when it came in).
        refunds: The parts of the credit paid back to the client.
        registered_by: Who registered or imported it.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    key: str = Field(min_length=1, max_length=200)
    paid_on: date
    amount: Decimal = Field(gt=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    payer: str | None = None
    reference: str | None = None
    source: str = Field(min_length=1, max_length=300)
    message_id: str | None = None
    status: PaymentStatus
    reason: str | None = None
    reason_code: str | None = None
    reason_values: dict[str, str] = Field(default_factory=dict)
    allocations: tuple[PaymentAllocation, ...] = ()
    credit: Decimal = Field(default=ZERO_ORE, ge=0)
    voucher: str | None = None
    suspense_voucher: str | None = None
    refunds: tuple[PaymentRefund, ...] = ()
    registered_by: str = Field(min_length=1)

    @model_validator(mode="after")
    def _adds_up(self) -> Payment:
        allocated = sum((a.amount for a in self.allocations), ZERO_ORE)
        refunded = sum((r.amount for r in self.refunds), ZERO_ORE)
        if self.status is PaymentStatus.UNMATCHED:
            if self.allocations or self.credit or self.refunds:
                raise ValueError("an unmatched payment has no allocations and no credit")
        elif allocated + self.credit + refunded != self.amount:
            raise ValueError("the allocations and the credit do not add up to the amount")
        return self

    def reason_in(self, translate: Callable[[str], str]) -> str | None:
        """Why it was left for a person, in the language of ``translate`` (a gettext
        function of the ``bank`` domain)."""
        if self.reason_code is None:
            return self.reason
        from kooperativ.bank.matching import UNMATCHED_REASONS
        from kooperativ.errors import render_message

        template = UNMATCHED_REASONS.get(self.reason_code)
        if template is None:
            return self.reason
        return render_message(template, self.reason_values, translate)

    @property
    def allocated(self) -> Decimal:
        """The sum of the allocations."""
        return sum((a.amount for a in self.allocations), ZERO_ORE)

    @property
    def refunded(self) -> Decimal:
        """The sum paid back to the client."""
        return sum((r.amount for r in self.refunds), ZERO_ORE)

    @property
    def invoice_ids(self) -> tuple[UUID, ...]:
        """The invoices it settles."""
        return tuple(dict.fromkeys(a.invoice_id for a in self.allocations))

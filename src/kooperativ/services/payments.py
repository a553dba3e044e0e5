# SPDX-License-Identifier: EUPL-1.2
"""Payments on invoices (*inbetalningar*): registered by hand or read from the bank.

:meth:`PaymentService.register` records a payment of one invoice (named by its number or
its OCR reference): the open amount is settled first, and what is paid beyond it is kept
as the client's credit. :meth:`PaymentService.import_camt054` reads a bank notification
(camt.054), matches each payment to the open invoices with
:func:`kooperativ.bank.matching.match_payments` (OCR first, then invoice number and amount;
nothing is guessed) and stores every payment, matched or not; a payment seen before (by its
idempotency key) changes nothing, so importing the same file twice changes nothing.
:meth:`PaymentService.resolve` lets a person allocate a payment left unmatched.

An invoice's open amount is its total less its credit notes and the payments allocated to
it; its status follows (``partly_paid``, ``paid``) as an update of the status only, never
of its content. Each allocation is booked in the ledger in the same unit of work (series
``[ledger] payments``): the bank account (role ``bank``) debited, the receivables (role
``receivables``) credited, and an overpayment credited to the clients' credits (role
``client_credits``). A payment left unmatched is booked on the suspense account (role
``suspense``, BAS 2999 *OBS-konto*) when it comes in, and moved from it when a person
allocates it (:meth:`PaymentService.resolve`). A client's credit is applied to another
open invoice of the same client (:meth:`PaymentService.apply_credit`) or paid back
(:meth:`PaymentService.refund`), each in one unit of work with its voucher.

:meth:`PaymentService.overdue` lists the invoices open after their due date with the
statutory late-payment interest to a day (the country's ``late_interest_terms``), on the
amount open day by day (a part paid late bears interest until the day it was paid).

Treasurer and admin register, import and resolve; board, treasurer, auditor and admin read
everything; a member sees only the payments and balances of their own invoices.

Examples:
    ```python
    coop.payments.register(treasurer, "A17", "1250.00", date(2026, 3, 2))
    report = coop.payments.import_camt054(treasurer, path.read_bytes(), path.name)
    for payment in coop.payments.unmatched(treasurer):
        ...
    coop.payments.resolve(treasurer, payment.number, "A18")
    ```
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict

from kooperativ.accounts.models import DocumentRef, Voucher, VoucherDraft, VoucherLine
from kooperativ.bank.camt054 import read_camt054
from kooperativ.bank.matching import OpenItem, Unmatched, match_payments
from kooperativ.errors import (
    ConfigError,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDenied,
    Term,
)
from kooperativ.invoicing.models import Invoice, InvoiceKind, InvoiceStatus
from kooperativ.members.models import Role
from kooperativ.money import ZERO_ORE, to_decimal
from kooperativ.payments.models import Payment, PaymentAllocation, PaymentRefund, PaymentStatus
from kooperativ.rules.late_payment import LateInterestLine, late_interest
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, resolve
from kooperativ.storage.base import UnitOfWork

__all__ = ["Balance", "ClientCredit", "ImportReport", "InterestLine", "Overdue", "PaymentService"]

_WRITERS = frozenset({Role.TREASURER, Role.ADMIN})
_OPEN = (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)
_LABEL = re.compile(r"^\s*[A-Za-z]{1,5}-?(\d+)\s*$")
_DIGITS = re.compile(r"^[\d\s-]+$")


class Balance(BaseModel):
    """Where an invoice stands: its total, what is credited and paid, what is open.

    Attributes:
        invoice_id: The invoice's id.
        invoice: The invoice as printed (``A17``).
        client: The buyer's name.
        member_id: The member whose work it bills.
        currency: The currency.
        issue_date: The invoice date.
        due_date: The due date.
        ocr: The payment reference (Sweden: OCR).
        total: The invoice's total.
        credited: The sum of its credit notes.
        paid: The sum of the payments allocated to it.
        open: ``total − credited − paid``.
        status: The invoice's status.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    invoice_id: UUID
    invoice: str
    client: str
    member_id: UUID
    currency: str
    issue_date: date
    due_date: date
    ocr: str
    total: Decimal
    credited: Decimal
    paid: Decimal
    open: Decimal
    status: InvoiceStatus


class ClientCredit(BaseModel):
    """A client's credit kept from one payment (an overpayment), what is left of it.

    Attributes:
        payment: The payment's number.
        client_id: The client whose credit it is (the buyer of the invoice it paid).
        client: The client's name.
        paid_on: The day the payment came in.
        currency: The currency.
        credit: What is left to use or refund.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    payment: int
    client_id: UUID
    client: str
    paid_on: date
    currency: str
    credit: Decimal


class InterestLine(BaseModel):
    """Late-payment interest on one amount for one period of constant rate."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Decimal
    first: date
    last: date
    days: int
    rate: Decimal
    day_count: int
    interest: Decimal
    reference: str


class Overdue(BaseModel):
    """An invoice open after its due date, with the late-payment interest to ``on``.

    Attributes:
        balance: The invoice's balance.
        on: The day the interest is computed to.
        days: The days past the due date.
        lines: The interest, per amount open and period of constant rate.
        interest: The sum of the lines.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    balance: Balance
    on: date
    days: int
    lines: tuple[InterestLine, ...]
    interest: Decimal

    @property
    def to_pay(self) -> Decimal:
        """The open amount with the interest."""
        return self.balance.open + self.interest


class ImportReport(BaseModel):
    """What importing a camt.054 file did.

    Attributes:
        source: The file's name.
        message_id: The file's message id (``GrpHdr/MsgId``).
        payments: The payments stored now (matched and unmatched).
        already_imported: How many payments were imported before (they changed nothing).
        not_payments: How many transactions were not payments (debits, reversals, pending).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    message_id: str
    payments: tuple[Payment, ...]
    already_imported: int
    not_payments: int

    @property
    def matched(self) -> tuple[Payment, ...]:
        """The payments matched to an invoice."""
        return tuple(p for p in self.payments if p.status is PaymentStatus.MATCHED)

    @property
    def unmatched(self) -> tuple[Payment, ...]:
        """The payments left for a person."""
        return tuple(p for p in self.payments if p.status is PaymentStatus.UNMATCHED)

    @property
    def nothing_new(self) -> bool:
        """True when the file held no payment not imported before."""
        return not self.payments


def _amount(value: Decimal | int | str) -> Decimal:
    amount = to_decimal(value, "amount")
    if amount <= 0:
        raise InputError("amount", "must be more than zero (got {amount})", amount=str(amount))
    if amount != amount.quantize(Decimal("0.01")):
        raise InputError("amount", "has more than two decimals (got {amount})", amount=str(amount))
    return amount.quantize(Decimal("0.01"))


class PaymentService(Service):
    """Payments on invoices."""

    # -- writing ----------------------------------------------------------------------------

    def register(
        self,
        actor: Actor,
        invoice_or_ocr: Ref,
        amount: Decimal | int | str,
        paid_on: date,
        reference: str | None = None,
    ) -> Payment:
        """Register a payment of one invoice, named by number (``17``, ``A17``), id or OCR.

        The open amount is settled first; what is paid beyond it is kept as the client's
        credit. The invoice's status becomes ``partly_paid`` or ``paid``.

        Args:
            actor: Treasurer or admin.
            invoice_or_ocr: The invoice (number, ``A17``, id) or its OCR reference.
            amount: The amount received (positive, at most two decimals).
            paid_on: The day the money came in.
            reference: A note (the bank's reference or remittance text).

        Raises:
            InputError: An amount that is not positive, a credit note, another currency.
            ConflictError: An invoice credited in full, or paid already.
            NotFoundError: No invoice with that number, id or OCR.
            PermissionDenied: The actor is not treasurer or admin.
        """
        self._require_writer(actor, "register payments")
        value = _amount(amount)

        def work(uow: UnitOfWork) -> Payment:
            invoice = self._invoice(uow, invoice_or_ocr)
            payment = self._allocate(
                uow,
                actor,
                invoice,
                Payment(
                    number=uow.payments.next_number(),
                    key=f"manual-{uuid4()}",
                    paid_on=paid_on,
                    amount=value,
                    currency=invoice.currency,
                    reference=reference or None,
                    source="manual",
                    status=PaymentStatus.UNMATCHED,
                    registered_by=actor.name,
                ),
                PaymentStatus.MATCHED,
            )
            uow.payments.add(payment)
            self._record(uow, actor, "payment.register", None, payment)
            return payment

        return self._transaction(work)

    def import_camt054(self, actor: Actor, data: bytes, name: str) -> ImportReport:
        """Import the payments of a bank notification (camt.054) and match them.

        Every payment not imported before is stored: matched to an open invoice (and
        booked), or unmatched with the reason. A payment imported before changes nothing:
        importing the same file twice stores nothing the second time.

        Args:
            actor: Treasurer or admin.
            data: The file's bytes.
            name: The file's name (kept as each payment's source).

        Raises:
            InputError: A file that is not a readable camt.054 (naming the element).
            PermissionDenied: The actor is not treasurer or admin.
        """
        self._require_writer(actor, "import bank files")
        document = read_camt054(data, source=name)
        incoming = document.transactions

        def work(uow: UnitOfWork) -> ImportReport:
            imported = [p.key for p in incoming if uow.payments.by_key(p.key) is not None]
            invoices = {str(i.id): i for i in self._open_invoices(uow)}
            balances = self._balances(uow, list(invoices.values()))
            items = [
                OpenItem(
                    id=key,
                    number=invoice.label,
                    ocr=invoice.payment_reference,
                    amount_open=balances[invoice.id].open,
                    currency=invoice.currency,
                    due_date=invoice.due_date,
                    client_name=invoice.buyer.name,
                )
                for key, invoice in invoices.items()
            ]
            items = [item for item in items if item.amount_open > 0]
            result = match_payments(incoming, items, imported)
            stored: list[Payment] = []
            by_key = {a.payment_key: a for a in result.allocations}
            left = {u.payment.key: u for u in result.unmatched}
            for transaction in incoming:
                allocation = by_key.get(transaction.key)
                unmatched = left.get(transaction.key)
                if allocation is None and unmatched is None:
                    continue
                payment = Payment(
                    number=uow.payments.next_number(),
                    key=transaction.key,
                    paid_on=transaction.value_date or transaction.booking_date or date.min,
                    amount=transaction.amount,
                    currency=transaction.currency,
                    payer=transaction.debtor_name,
                    reference=" ".join(transaction.structured_references)
                    or transaction.remittance_text,
                    source=name,
                    message_id=document.message_id,
                    status=PaymentStatus.UNMATCHED,
                    reason=self._reason(unmatched) if unmatched is not None else None,
                    reason_code=unmatched.reason if unmatched is not None else None,
                    reason_values=dict(unmatched.values) if unmatched is not None else {},
                    registered_by=actor.name,
                )
                if allocation is not None:
                    invoice = uow.invoices.get(UUID(allocation.item_id))
                    payment = self._allocate(uow, actor, invoice, payment, PaymentStatus.MATCHED)
                else:
                    held = self._book_suspense(uow, actor, payment)
                    payment = payment.evolve(suspense_voucher=held.label)
                uow.payments.add(payment)
                self._record(uow, actor, "payment.import", None, payment)
                stored.append(payment)
            return ImportReport(
                source=name,
                message_id=document.message_id,
                payments=tuple(stored),
                already_imported=len(result.already_imported),
                not_payments=len(result.not_payments),
            )

        return self._transaction(work)

    def resolve(self, actor: Actor, payment: int | str | UUID, invoice: Ref) -> Payment:
        """Allocate an unmatched payment to ``invoice`` (a person's decision).

        Raises:
            ConflictError: The payment is allocated already; the invoice is credited or paid.
            InputError: A credit note, or another currency.
            NotFoundError: No such payment or invoice.
            PermissionDenied: The actor is not treasurer or admin.
        """
        self._require_writer(actor, "allocate payments")

        def work(uow: UnitOfWork) -> Payment:
            found = self._payment(uow, payment)
            if found.status is not PaymentStatus.UNMATCHED:
                raise ConflictError(
                    "payment {payment} is allocated already ({status})",
                    payment=found.number,
                    status=found.status.value,
                )
            target = self._invoice(uow, invoice)
            if target.currency != found.currency:
                raise InputError(
                    "invoice",
                    "invoice {invoice} is in {invoice_currency}, the payment in {currency}",
                    invoice=target.label,
                    invoice_currency=target.currency,
                    currency=found.currency,
                )
            allocated = self._allocate(uow, actor, target, found, PaymentStatus.RESOLVED)
            uow.payments.update(allocated)
            self._record(uow, actor, "payment.resolve", found, allocated)
            return allocated

        return self._transaction(work)

    def apply_credit(
        self,
        actor: Actor,
        payment: int | str | UUID,
        invoice: Ref,
        on: date,
        amount: Decimal | int | str | None = None,
    ) -> Payment:
        """Apply the credit kept from ``payment`` to another open ``invoice`` of the same
        client, on ``on``: a new allocation of the payment, booked (debit the clients'
        credits, credit the receivables), the invoice's status updated — all in one unit
        of work.

        Args:
            actor: Treasurer or admin.
            payment: The payment whose credit is used (number or id).
            invoice: The invoice it settles (number, ``A17``, id or OCR).
            on: The day it is applied (not before the payment came in).
            amount: How much (default: as much as the credit and the invoice allow).

        Raises:
            ConflictError: No credit left; the invoice is credited or paid already.
            InputError: Another client's invoice, a credit note, another currency, an
                amount above the credit left or the amount open, a day before the payment.
            NotFoundError: No such payment or invoice.
            PermissionDenied: The actor is not treasurer or admin.
        """
        self._require_writer(actor, "use clients' credits")
        wanted = None if amount is None else _amount(amount)

        def work(uow: UnitOfWork) -> Payment:
            found = self._credited(uow, payment, on)
            target = self._invoice(uow, invoice)
            client = self._client_of(uow, found)
            if target.client_id != client:
                raise InputError(
                    "invoice",
                    "invoice {invoice} is another client's: a credit is used only for the "
                    "client who paid it",
                    invoice=target.label,
                )
            balance = self._open_to(uow, target, found)
            used = wanted if wanted is not None else min(found.credit, balance.open)
            if used > found.credit:
                raise InputError(
                    "amount",
                    "{amount} is more than the credit left on payment {payment} ({credit})",
                    amount=str(used),
                    payment=found.number,
                    credit=str(found.credit),
                )
            if used > balance.open:
                raise InputError(
                    "amount",
                    "{amount} is more than invoice {invoice} has open ({open})",
                    amount=str(used),
                    invoice=target.label,
                    open=str(balance.open),
                )
            lines = [
                VoucherLine(account=self._account("client_credits"), amount=used),
                VoucherLine(account=self._account("receivables"), amount=-used),
            ]
            if self._coop.config.fees.taken == "on_payment":
                lines.extend(self._budget_share(uow, target, used, balance.paid))
            voucher = self._coop.ledger._book(
                uow,
                actor,
                VoucherDraft(
                    series=self._coop.config.ledger.payments,
                    date=on,
                    text=f"{target.label} {target.buyer.name}: kundens tillgodo"[:200],
                    document=DocumentRef(kind="payment", key=str(found.number)),
                    lines=tuple(lines),
                ),
                "voucher.book",
            )
            applied = found.evolve(
                allocations=(
                    *found.allocations,
                    PaymentAllocation(
                        invoice_id=target.id,
                        invoice=target.label,
                        amount=used,
                        on=on,
                        voucher=voucher.label,
                    ),
                ),
                credit=found.credit - used,
            )
            uow.payments.update(applied)
            self._record(uow, actor, "payment.apply_credit", found, applied)
            new_status = InvoiceStatus.PAID if used == balance.open else InvoiceStatus.PARTLY_PAID
            if new_status is not target.status:
                changed = target.evolve(status=new_status)
                uow.invoices.update(changed)
                self._record(uow, actor, "invoice.payment", target, changed)
            return applied

        return self._transaction(work)

    def refund(
        self,
        actor: Actor,
        payment: int | str | UUID,
        on: date,
        amount: Decimal | int | str | None = None,
        note: str | None = None,
    ) -> Payment:
        """Pay back the credit kept from ``payment`` to the client, on ``on``: booked
        (debit the clients' credits, credit the bank) in the same unit of work.

        Args:
            actor: Treasurer or admin.
            payment: The payment whose credit is paid back (number or id).
            on: The day the money goes out (not before the payment came in).
            amount: How much (default: all the credit left).
            note: A note (the bank transfer's reference).

        Raises:
            ConflictError: No credit left.
            InputError: An amount above the credit left, a day before the payment.
            NotFoundError: No such payment.
            PermissionDenied: The actor is not treasurer or admin.
        """
        self._require_writer(actor, "refund clients' credits")
        wanted = None if amount is None else _amount(amount)

        def work(uow: UnitOfWork) -> Payment:
            found = self._credited(uow, payment, on)
            back = found.credit if wanted is None else wanted
            if back > found.credit:
                raise InputError(
                    "amount",
                    "{amount} is more than the credit left on payment {payment} ({credit})",
                    amount=str(back),
                    payment=found.number,
                    credit=str(found.credit),
                )
            client = uow.clients.get(self._client_of(uow, found))
            voucher = self._coop.ledger._book(
                uow,
                actor,
                VoucherDraft(
                    series=self._coop.config.ledger.payments,
                    date=on,
                    text=f"Återbetalning till {client.name}"[:200],
                    document=DocumentRef(kind="payment", key=str(found.number)),
                    lines=(
                        VoucherLine(account=self._account("client_credits"), amount=back),
                        VoucherLine(account=self._account("bank"), amount=-back),
                    ),
                ),
                "voucher.book",
            )
            refunded = found.evolve(
                credit=found.credit - back,
                refunds=(
                    *found.refunds,
                    PaymentRefund(amount=back, on=on, voucher=voucher.label, note=note or None),
                ),
            )
            uow.payments.update(refunded)
            self._record(uow, actor, "payment.refund", found, refunded)
            return refunded

        return self._transaction(work)

    # -- reading ----------------------------------------------------------------------------

    def credits(self, actor: Actor, *, client: Ref | None = None) -> builtins.list[ClientCredit]:
        """The clients' credits left, one per payment that holds some, by payment number
        (officers only: a credit is the client's, on no member's invoice).

        Raises:
            PermissionDenied: Not board, treasurer, auditor or admin.
            NotFoundError: No such client.
        """
        if not actor.can_read_all:
            raise PermissionDenied(
                "{actor} may not see clients' credits (officers only)", actor=actor.name
            )
        with self._read() as uow:
            wanted = None if client is None else resolve(uow.clients, "client", client).id
            found: builtins.list[ClientCredit] = []
            for p in uow.payments.with_status(PaymentStatus.MATCHED, PaymentStatus.RESOLVED):
                if p.credit <= 0:
                    continue
                owner = uow.clients.get(self._client_of(uow, p))
                if wanted is not None and owner.id != wanted:
                    continue
                found.append(
                    ClientCredit(
                        payment=p.number,
                        client_id=owner.id,
                        client=owner.name,
                        paid_on=p.paid_on,
                        currency=p.currency,
                        credit=p.credit,
                    )
                )
        return sorted(found, key=lambda c: c.payment)

    def get(self, actor: Actor, payment: int | str | UUID) -> Payment:
        """A payment by number or id (a member: only one on their own invoices)."""
        self._require_reader(actor)
        with self._read() as uow:
            found = self._payment(uow, payment)
            if not actor.can_read_all:
                owners = {uow.invoices.get(i).member_id for i in found.invoice_ids}
                if actor.member_id not in owners:
                    raise PermissionDenied(
                        "{actor} may only see payments on their own invoices", actor=actor.name
                    )
        return found

    def list(
        self,
        actor: Actor,
        *,
        invoice: Ref | None = None,
        status: PaymentStatus | str | None = None,
    ) -> builtins.list[Payment]:
        """Payments by number, optionally of one invoice or status. A member sees only
        the payments on their own invoices."""
        self._require_reader(actor)
        wanted = None if status is None else self._status(status)
        with self._read() as uow:
            if invoice is not None:
                target = self._invoice_ref(uow, invoice)
                actor.require_access(target.member_id, "invoices")
                found = uow.payments.of_invoice(target.id)
            elif actor.can_read_all:
                found = uow.payments.list() if wanted is None else uow.payments.with_status(wanted)
            else:
                assert actor.member_id is not None  # _require_reader
                seen: dict[UUID, Payment] = {}
                for own in uow.invoices.of_member(actor.member_id):
                    for p in uow.payments.of_invoice(own.id):
                        seen[p.id] = p
                found = sorted(seen.values(), key=lambda p: p.number)
        return [p for p in found if wanted is None or p.status is wanted]

    def unmatched(self, actor: Actor) -> builtins.list[Payment]:
        """The payments left for a person to allocate (none for a member: an unmatched
        payment is on no invoice of theirs)."""
        self._require_reader(actor)
        if not actor.can_read_all:
            return []
        with self._read() as uow:
            return uow.payments.with_status(PaymentStatus.UNMATCHED)

    def balance(self, actor: Actor, invoice: Ref) -> Balance:
        """Where ``invoice`` stands: total, credited, paid, open."""
        self._require_reader(actor)
        with self._read() as uow:
            found = self._invoice_ref(uow, invoice)
            actor.require_access(found.member_id, "invoices")
            return self._balance(uow, found)

    def open_items(self, actor: Actor) -> builtins.list[Balance]:
        """The invoices with an amount open, by number (a member: their own)."""
        self._require_reader(actor)
        with self._read() as uow:
            invoices = [
                invoice
                for invoice in self._open_invoices(uow)
                if actor.can_read_all or invoice.member_id == actor.member_id
            ]
            found = self._balances(uow, invoices)
        return [found[i.id] for i in invoices if found[i.id].open > 0]

    def overdue(self, actor: Actor, on: date) -> builtins.list[Overdue]:
        """The invoices open after their due date, with the late-payment interest to ``on``.

        Interest runs from the day after the due date on the amount open each day: a part
        paid late bears interest up to and including the day it was paid.

        Raises:
            MissingParameterError: A day of delay whose reference rate is not known.
        """
        self._require_reader(actor)
        with self._read() as uow:
            invoices = [
                invoice
                for invoice in self._open_invoices(uow)
                if invoice.due_date < on
                and (actor.can_read_all or invoice.member_id == actor.member_id)
            ]
            payments: dict[UUID, builtins.list[Payment]] = {}
            balances = self._balances(uow, invoices, payments)
        return [
            self._overdue(balances[i.id], payments.get(i.id, []), on)
            for i in invoices
            if balances[i.id].open > 0
        ]

    def interest(self, actor: Actor, invoice: Ref, on: date) -> Overdue:
        """The late-payment interest of one invoice to ``on`` (zero lines if not late)."""
        self._require_reader(actor)
        with self._read() as uow:
            found = self._invoice_ref(uow, invoice)
            actor.require_access(found.member_id, "invoices")
            return self._overdue(self._balance(uow, found), uow.payments.of_invoice(found.id), on)

    def reminder(self, actor: Actor, invoice: Ref, on: date, lang: str | None = None) -> bytes:
        """A payment reminder of ``invoice`` as a PDF: the amount open and the late-payment
        interest to ``on``, in ``lang`` (default: the cooperative's language).

        Raises:
            ConflictError: The invoice is not overdue on ``on`` (nothing to remind of).
            InputError: No catalog for ``lang``.
            NotFoundError: No such invoice.
            PermissionDenied: A member asking for another member's invoice.
        """
        from kooperativ.documents.invoice import find_logo
        from kooperativ.documents.reminder import reminder_pdf

        self._require_reader(actor)
        with self._read() as uow:
            found = self._invoice_ref(uow, invoice)
            actor.require_access(found.member_id, "invoices")
            balance = self._balance(uow, found)
            if (
                found.kind is not InvoiceKind.INVOICE
                or found.status not in _OPEN
                or balance.open <= 0
                or found.due_date >= on
            ):
                raise ConflictError(
                    "invoice {invoice} is not overdue on {day}", invoice=found.label, day=on
                )
            late = self._overdue(balance, uow.payments.of_invoice(found.id), on)
        return reminder_pdf(
            found,
            late,
            lang=lang or self._coop.config.language,
            logo=find_logo(getattr(self._coop, "folder", None)),
        )

    # -- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _require_writer(actor: Actor, what: str) -> None:
        if not actor.roles & _WRITERS:
            raise PermissionDenied(
                "{actor} may not {what} (treasurer or admin only)",
                actor=actor.name,
                what=Term(what),
            )

    @staticmethod
    def _status(value: PaymentStatus | str) -> PaymentStatus:
        try:
            return PaymentStatus(value)
        except ValueError:
            raise InputError(
                "status",
                "{value!r} is not a payment status (known: {known})",
                value=value,
                known=", ".join(s.value for s in PaymentStatus),
            ) from None

    @staticmethod
    def _reason(unmatched: Unmatched) -> str:
        return unmatched.message()

    def _overdue(self, balance: Balance, payments: Sequence[Payment], on: date) -> Overdue:
        """Interest on the amount open day by day from the due date to ``on``."""
        due = balance.due_date
        # The amount open just after the due date: what was paid on or before it is gone.
        paid_in_time = sum(
            (
                a.amount
                for p in payments
                for a in p.allocations
                if a.invoice_id == balance.invoice_id and (a.on or p.paid_on) <= due
            ),
            ZERO_ORE,
        )
        late = sorted(
            ((a.on or p.paid_on), a.amount)
            for p in payments
            for a in p.allocations
            if a.invoice_id == balance.invoice_id and due < (a.on or p.paid_on) <= on
        )
        amount = balance.total - balance.credited - paid_in_time
        lines: builtins.list[InterestLine] = []
        start = due
        for day, paid in [*late, (on, ZERO_ORE)]:
            if day > start and amount > 0:
                result = late_interest(amount, start, day, self._coop.country, self._parameters())
                lines.extend(self._line(amount, line) for line in result.lines)
                start = day
            amount -= paid
        interest = sum((line.interest for line in lines), ZERO_ORE)
        return Overdue(
            balance=balance,
            on=on,
            days=max(0, (on - due).days),
            lines=tuple(lines),
            interest=interest,
        )

    def _credited(self, uow: UnitOfWork, ref: int | str | UUID, on: date) -> Payment:
        """The payment ``ref`` with credit left to use on ``on``."""
        found = self._payment(uow, ref)
        if found.status is PaymentStatus.UNMATCHED or found.credit <= 0:
            raise ConflictError("payment {payment} has no credit left", payment=found.number)
        if on < found.paid_on:
            raise InputError(
                "on",
                "{on} is before payment {payment} came in ({paid_on})",
                on=on,
                payment=found.number,
                paid_on=found.paid_on,
            )
        return found

    @staticmethod
    def _client_of(uow: UnitOfWork, payment: Payment) -> UUID:
        """The client whose payment it is: the buyer of the first invoice it settled."""
        return uow.invoices.get(payment.allocations[0].invoice_id).client_id

    def _book_suspense(self, uow: UnitOfWork, actor: Actor, payment: Payment) -> Voucher:
        """Book an unmatched payment: the money is in the bank, on the suspense account
        until a person says what it pays."""
        draft = VoucherDraft(
            series=self._coop.config.ledger.payments,
            date=payment.paid_on,
            text=f"Oidentifierad inbetalning {payment.payer or ''}".strip()[:200],
            document=DocumentRef(kind="payment", key=str(payment.number)),
            lines=(
                VoucherLine(account=self._account("bank"), amount=payment.amount),
                VoucherLine(account=self._account("suspense"), amount=-payment.amount),
            ),
        )
        return self._coop.ledger._book(uow, actor, draft, "voucher.book")

    def _parameters(self) -> Any:
        return getattr(self._coop, "parameters", None)

    @staticmethod
    def _line(amount: Decimal, line: LateInterestLine) -> InterestLine:
        return InterestLine(amount=amount, **line.model_dump())

    def _open_invoices(self, uow: UnitOfWork) -> builtins.list[Invoice]:
        return [
            invoice
            for invoice in uow.invoices.with_status(*_OPEN)
            if invoice.kind is InvoiceKind.INVOICE
        ]

    def _open_to(self, uow: UnitOfWork, invoice: Invoice, payment: Payment) -> Balance:
        """``invoice``'s balance, if ``payment``'s money can go to it: refused when it is
        credited in full, in another currency, or paid already."""
        if invoice.status is InvoiceStatus.CREDITED:
            raise ConflictError(
                "invoice {invoice} is credited in full: nothing is open", invoice=invoice.label
            )
        if payment.currency != invoice.currency:
            raise InputError(
                "invoice",
                "invoice {invoice} is in {invoice_currency}, the payment in {currency}",
                invoice=invoice.label,
                invoice_currency=invoice.currency,
                currency=payment.currency,
            )
        balance = self._balance(uow, invoice)
        if balance.open <= 0:
            raise ConflictError(
                "invoice {invoice} is paid already: nothing is open", invoice=invoice.label
            )
        return balance

    def _balance(self, uow: UnitOfWork, invoice: Invoice) -> Balance:
        credited = sum((c.total for c in uow.invoices.credits_of(invoice.id)), ZERO_ORE)
        paid = sum(
            (
                a.amount
                for p in uow.payments.of_invoice(invoice.id)
                for a in p.allocations
                if a.invoice_id == invoice.id
            ),
            ZERO_ORE,
        )
        return self._balance_of(invoice, credited, paid)

    def _balances(
        self,
        uow: UnitOfWork,
        invoices: Sequence[Invoice],
        payments: dict[UUID, builtins.list[Payment]] | None = None,
    ) -> dict[UUID, Balance]:
        """The balance of each of ``invoices`` by id, in two queries (one per
        :data:`~kooperativ.storage.base.CHUNK` invoices): their credit notes, and the
        payments allocated to them, summed here. ``payments``, if given, receives each
        invoice's payments."""
        ids = [i.id for i in invoices]
        credited: dict[UUID, Decimal] = {}
        for note in uow.invoices.credits_of_any(ids):
            if note.credits is not None:
                credited[note.credits] = credited.get(note.credits, ZERO_ORE) + note.total
        wanted = set(ids)
        paid: dict[UUID, Decimal] = {}
        for payment in uow.payments.of_invoices(ids):
            for allocation in payment.allocations:
                if allocation.invoice_id in wanted:
                    paid[allocation.invoice_id] = (
                        paid.get(allocation.invoice_id, ZERO_ORE) + allocation.amount
                    )
            if payments is not None:
                for invoice_id in payment.invoice_ids:
                    if invoice_id in wanted:
                        payments.setdefault(invoice_id, []).append(payment)
        return {
            i.id: self._balance_of(i, credited.get(i.id, ZERO_ORE), paid.get(i.id, ZERO_ORE))
            for i in invoices
        }

    @staticmethod
    def _balance_of(invoice: Invoice, credited: Decimal, paid: Decimal) -> Balance:
        return Balance(
            invoice_id=invoice.id,
            invoice=invoice.label,
            client=invoice.buyer.name,
            member_id=invoice.member_id,
            currency=invoice.currency,
            issue_date=invoice.issue_date,
            due_date=invoice.due_date,
            ocr=invoice.payment_reference,
            total=invoice.total,
            credited=credited,
            paid=paid,
            open=invoice.total - credited - paid,
            status=invoice.status,
        )

    def _payment(self, uow: UnitOfWork, ref: int | str | UUID) -> Payment:
        if isinstance(ref, str) and ref.strip().isdigit():
            ref = int(ref.strip())
        return resolve(uow.payments, "payment", ref)

    def _invoice_ref(self, uow: UnitOfWork, ref: Ref) -> Invoice:
        """An invoice by number (``17``, ``A17``) or id."""
        if isinstance(ref, str):
            label = _LABEL.match(ref)
            if label is not None:
                found = uow.invoices.by_number(int(label.group(1)))
                if found is None or not ref.strip().upper().startswith(found.series.upper()):
                    raise NotFoundError("invoice", ref)
                return found
            if ref.strip().isdigit():
                return resolve(uow.invoices, "invoice", int(ref.strip()))
        return resolve(uow.invoices, "invoice", ref)

    def _invoice(self, uow: UnitOfWork, ref: Ref) -> Invoice:
        """The invoice to pay: by OCR (a string of digits that is an open invoice's
        reference), else by number or id; a credit note is refused."""
        found: Invoice | None = None
        if isinstance(ref, str) and _DIGITS.match(ref):
            # One indexed query on the invoices' ``ocr`` column.
            matches = [
                i for i in uow.invoices.by_ocr(ref) if i.status in (*_OPEN, InvoiceStatus.PAID)
            ]
            if len(matches) == 1:
                found = matches[0]
        if found is None:
            try:
                found = self._invoice_ref(uow, ref)
            except NotFoundError:
                raise NotFoundError("invoice", str(ref)) from None
        if found.kind is InvoiceKind.CREDIT_NOTE:
            raise InputError(
                "invoice",
                "{invoice} is a credit note: a payment settles an invoice",
                invoice=found.label,
            )
        return found

    def _allocate(
        self,
        uow: UnitOfWork,
        actor: Actor,
        invoice: Invoice,
        payment: Payment,
        status: PaymentStatus,
    ) -> Payment:
        """``payment`` allocated to ``invoice`` (the open amount first, the rest credit),
        booked, with the invoice's status updated."""
        balance = self._open_to(uow, invoice, payment)
        settles = min(payment.amount, balance.open)
        credit = payment.amount - settles
        voucher = self._book(uow, actor, invoice, payment, settles, credit, balance.paid)
        allocated = payment.evolve(
            status=status,
            allocations=(
                PaymentAllocation(invoice_id=invoice.id, invoice=invoice.label, amount=settles),
            ),
            credit=credit,
            voucher=voucher.label,
        )
        new_status = InvoiceStatus.PAID if settles == balance.open else InvoiceStatus.PARTLY_PAID
        if new_status is not invoice.status:
            changed = invoice.evolve(status=new_status)
            uow.invoices.update(changed)
            self._record(uow, actor, "invoice.payment", invoice, changed)
        return allocated

    def _budget_share(
        self, uow: UnitOfWork, invoice: Invoice, settles: Decimal, paid_before: Decimal
    ) -> tuple[VoucherLine, ...]:
        from kooperativ.accounts.postings import PostingAccounts, payment_share
        from kooperativ.fees import FeePolicy
        from kooperativ.i18n import translator

        member = uow.members.get(invoice.member_id)
        fee = FeePolicy.of(self._coop.config.fees).fee_on(
            member.number, invoice.issue_date, invoice.total_excl_vat
        )
        return payment_share(
            invoice,
            settles,
            fee=fee.amount,
            accounts=PostingAccounts.of(self._coop.config.accounts),
            paid_before=paid_before,
            translate=translator(self._coop.config.language, "statements"),
        )

    def _account(self, role: str) -> int:
        number = self._coop.config.accounts.get(role)
        if number is None:
            raise ConfigError(
                "cooperative.toml",
                "accounts",
                "the chart of accounts has no account for the role {role}",
                role=role,
            )
        return number

    def _book(
        self,
        uow: UnitOfWork,
        actor: Actor,
        invoice: Invoice,
        payment: Payment,
        settles: Decimal,
        credit: Decimal,
        paid_before: Decimal,
    ) -> Voucher:
        # A payment held on the suspense account is moved from it; else it is new money.
        source = "suspense" if payment.suspense_voucher else "bank"
        lines = [
            VoucherLine(account=self._account(source), amount=payment.amount),
            VoucherLine(account=self._account("receivables"), amount=-settles),
        ]
        if credit > 0:
            lines.append(VoucherLine(account=self._account("client_credits"), amount=-credit))
        if self._coop.config.fees.taken == "on_payment":
            # The fee is taken when the client pays: the member's budget is credited in
            # proportion to what this payment settles (see accounts.postings).
            lines.extend(self._budget_share(uow, invoice, settles, paid_before))
        draft = VoucherDraft(
            series=self._coop.config.ledger.payments,
            date=payment.paid_on,
            text=f"{invoice.label} {invoice.buyer.name}"[:200],
            document=DocumentRef(kind="payment", key=str(payment.number)),
            lines=tuple(lines),
        )
        return self._coop.ledger._book(uow, actor, draft, "voucher.book")

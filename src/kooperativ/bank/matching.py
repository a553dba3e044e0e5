# SPDX-License-Identifier: EUPL-1.2
"""Matching incoming payments to open receivables, without guessing.

Each payment read from the bank (:class:`~kooperativ.bank.camt054.IncomingPayment`) is
matched against the open items (:class:`OpenItem`: an invoice's number, OCR reference,
open amount) by two rules, in order:

1. **OCR.** The payment carries exactly one structured reference with a valid check digit
   (an OCR number: Luhn; or an RF creditor reference, ISO 11649) and exactly one open item
   has that reference: the payment goes to that item, whatever its amount.
2. **Invoice number and amount.** Otherwise, the remittance text names exactly one open
   item's number (as a whole word) *and* the payment's amount is that item's open amount:
   the payment goes to that item.

Everything else is **unmatched** and listed for a person with the reason (an unknown or
invalid reference, several references, two possible items, a named invoice with another
amount, another currency, nothing to go by). Nothing is guessed: two candidates are
``ambiguous``, never the likelier one.

A payment to an item is ``paid`` (the open amount exactly), ``partial`` (less) or
``overpaid`` (more: the item is settled and the excess is kept as a credit of the
payment, :attr:`Allocation.credit`). So for every currency::

    sum of payments = allocated + credit + unmatched          (to the öre)

Debits, reversals and entries the bank has not booked are not payments: they are listed
(:attr:`MatchResult.not_payments`), never matched.

**Idempotency.** Every payment has a key (:attr:`IncomingPayment.key`). Given the keys
already imported, a payment seen before is reported as ``already imported`` and changes
nothing; :attr:`MatchResult.imported_keys` are the keys to record with the result, so that
importing the same file twice changes nothing. A pending (not booked) entry's key is not
recorded: the bank reports it again when it is booked.

Examples:
    >>> from datetime import date
    >>> from decimal import Decimal
    >>> from kooperativ.bank.camt054 import SAMPLE, read_camt054
    >>> item = OpenItem(id="inv-42", number="2026-0042", ocr="202600490",
    ...     amount_open=Decimal("1250.00"), currency="SEK", due_date=date(2026, 12, 27),
    ...     client_name="Kulturhuset Norr AB")
    >>> result = match_payments(read_camt054(SAMPLE).payments, [item])
    >>> [(a.item_id, a.status, a.amount) for a in result.allocations]
    [('inv-42', 'paid', Decimal('1250.00'))]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from stdnum import iso11649, luhn

from kooperativ.bank.camt054 import IncomingPayment
from kooperativ.errors import InputError, render_message
from kooperativ.money import ZERO

__all__ = [
    "NOT_PAYMENT_REASONS",
    "UNMATCHED_REASONS",
    "Allocation",
    "AlreadyImported",
    "MatchResult",
    "NotPayment",
    "OpenItem",
    "Unmatched",
    "is_valid_reference",
    "match_payments",
]

Status = Literal["paid", "partial", "overpaid"]
Rule = Literal["ocr", "number_and_amount"]
Reason = Literal[
    "unknown_reference",
    "invalid_reference",
    "several_references",
    "ambiguous",
    "amount_differs",
    "currency_differs",
    "no_reference",
    "entry_does_not_add_up",
]
NotPaymentReason = Literal["debit", "reversal", "pending"]

#: Why a payment was not matched, as a message for the person who resolves it.
UNMATCHED_REASONS: dict[str, str] = {
    "unknown_reference": "the reference {reference} matches no open invoice",
    "invalid_reference": (
        "the reference {reference} has a wrong check digit, and the message names no open "
        "invoice with the amount paid"
    ),
    "several_references": "the payment names several references ({references})",
    "ambiguous": "more than one open invoice could be meant ({numbers})",
    "amount_differs": (
        "the message names invoice {number}, but {amount} {currency} is not its open "
        "amount {open} {currency}"
    ),
    "currency_differs": "paid in {currency}, but invoice {number} is in {item_currency}",
    "no_reference": "no reference, and the message names no open invoice with the amount paid",
    "entry_does_not_add_up": "the bank's entry does not add up to its transactions",
}

#: Why a transaction is not a payment.
NOT_PAYMENT_REASONS: dict[str, str] = {
    "debit": "a debit, not a payment",
    "reversal": "reverses an earlier payment: find it and undo what it paid",
    "pending": "not yet booked by the bank",
}


def _same(text: str) -> str:
    return text


def is_valid_reference(reference: str) -> bool:
    """Whether ``reference`` is a structured creditor reference with a valid check digit:
    an OCR number (2–25 digits, Luhn) or an RF creditor reference (ISO 11649).

    Examples:
        >>> is_valid_reference("202600490"), is_valid_reference("202600491")
        (True, False)
        >>> is_valid_reference("RF18539007547034")
        True
    """
    text = _normal_reference(reference)
    if text.isdigit() and text.isascii():
        return 2 <= len(text) <= 25 and luhn.is_valid(text)
    if text.startswith("RF"):
        return bool(iso11649.is_valid(text))
    return False


def _normal_reference(reference: str) -> str:
    return "".join(str(reference).split()).upper()


class OpenItem(BaseModel):
    """An open receivable (an invoice not yet fully paid), as matching needs it.

    Attributes:
        id: The item's id (the invoice's record id).
        number: The invoice number a payer may write in the message.
        ocr: The OCR (or RF) reference printed on the invoice, if any.
        amount_open: What is still to be paid (0 for a settled invoice, so that a second
            payment to it is found and kept as a credit).
        currency: The invoice's currency.
        due_date: The due date.
        client_name: The client's name (shown to the person who resolves).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=1)
    number: str = Field(min_length=1)
    ocr: str | None = None
    amount_open: Decimal = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    due_date: date
    client_name: str = ""


class Allocation(BaseModel):
    """A payment assigned to one open item.

    Attributes:
        payment_key: The payment's idempotency key.
        item_id: The item paid.
        rule: The rule that matched (``ocr`` or ``number_and_amount``).
        status: ``paid``, ``partial`` or ``overpaid``.
        paid: The whole payment.
        amount: The part that settles the item (at most its open amount).
        credit: The excess kept as the client's credit (``overpaid`` only, else 0).
        open_before: The item's open amount before this payment.
        open_after: Its open amount after.
        currency: The currency.
        day: The day the payment counts from (value date, else booking date).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    payment_key: str
    item_id: str
    rule: Rule
    status: Status
    paid: Decimal
    amount: Decimal
    credit: Decimal
    open_before: Decimal
    open_after: Decimal
    currency: str
    day: date | None


class Unmatched(BaseModel):
    """A payment left for a person, with the reason.

    Attributes:
        payment: The payment.
        reason: Why (a key of :data:`UNMATCHED_REASONS`).
        candidates: The ids of the items that could be meant, if any.
        values: The values of the reason's message.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    payment: IncomingPayment
    reason: Reason
    candidates: tuple[str, ...] = ()
    values: tuple[tuple[str, str], ...] = ()

    @property
    def amount(self) -> Decimal:
        """The payment's amount."""
        return self.payment.amount

    def message(self, translate: Callable[[str], str] = _same) -> str:
        """The reason in words (in the language of ``translate``, a gettext function of
        the ``bank`` domain)."""
        return render_message(UNMATCHED_REASONS[self.reason], dict(self.values), translate)


class NotPayment(BaseModel):
    """A transaction that is not a payment (a debit, a reversal, a pending entry).

    Attributes:
        transaction: The transaction.
        reason: ``debit``, ``reversal`` or ``pending``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    transaction: IncomingPayment
    reason: NotPaymentReason

    def message(self, translate: Callable[[str], str] = _same) -> str:
        """The reason in words."""
        return translate(NOT_PAYMENT_REASONS[self.reason])


class AlreadyImported(BaseModel):
    """A transaction whose key was imported before: it changes nothing.

    Attributes:
        transaction: The transaction.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    transaction: IncomingPayment


class MatchResult(BaseModel):
    """What matching a set of payments did.

    Attributes:
        allocations: Payments assigned to an item, one each.
        unmatched: Payments left for a person, with the reason.
        not_payments: Debits, reversals and pending entries, listed.
        already_imported: Transactions imported before, which change nothing.
        imported_keys: The keys to record as imported with this result.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    allocations: tuple[Allocation, ...] = ()
    unmatched: tuple[Unmatched, ...] = ()
    not_payments: tuple[NotPayment, ...] = ()
    already_imported: tuple[AlreadyImported, ...] = ()
    imported_keys: frozenset[str] = frozenset()

    def totals(self, currency: str) -> dict[str, Decimal]:
        """``allocated``, ``credit`` and ``unmatched`` sums in ``currency``."""
        allocated = sum((a.amount for a in self.allocations if a.currency == currency), ZERO)
        credit = sum((a.credit for a in self.allocations if a.currency == currency), ZERO)
        unmatched = sum((u.amount for u in self.unmatched if u.payment.currency == currency), ZERO)
        return {"allocated": allocated, "credit": credit, "unmatched": unmatched}

    def open_amounts(self, items: Iterable[OpenItem]) -> dict[str, Decimal]:
        """Each item's open amount after this result's allocations."""
        left = {item.id: item.amount_open for item in items}
        for allocation in self.allocations:
            left[allocation.item_id] = left[allocation.item_id] - allocation.amount
        return left

    def remaining(self, items: Iterable[OpenItem]) -> tuple[OpenItem, ...]:
        """``items`` with their open amounts after this result (settled ones at 0)."""
        listed = tuple(items)
        left = self.open_amounts(listed)
        return tuple(item.model_copy(update={"amount_open": left[item.id]}) for item in listed)


def _number_pattern(number: str) -> re.Pattern[str]:
    """The invoice number as a whole word: not inside a longer number or a date."""
    return re.compile(rf"(?<![\w-]){re.escape(number)}(?![\w-])", re.IGNORECASE)


def match_payments(
    payments: Sequence[IncomingPayment],
    items: Sequence[OpenItem],
    imported: Iterable[str] = (),
    *,
    reference_check: Callable[[str], bool] = is_valid_reference,
) -> MatchResult:
    """Match ``payments`` to open ``items`` by the two rules; never guess.

    Args:
        payments: The transactions read from the bank (debits and reversals may be among
            them: they are listed, not matched).
        items: The open items (a settled one, with 0 open, takes a repeated payment as a
            credit).
        imported: The keys of the transactions imported before.
        reference_check: Whether a structured reference has a valid check digit (the
            country's OCR rule may be stricter, e.g. with a length digit).

    Returns:
        The allocations, the unmatched payments with reasons, the transactions that are no
        payments, those imported before, and the keys to record (:class:`MatchResult`).

    Raises:
        InputError: Two open items with the same id.
    """
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise InputError("items", "two open items have the same id")
    seen = set(imported)
    left = {item.id: item.amount_open for item in items}
    by_reference: dict[str, list[OpenItem]] = {}
    for item in items:
        if item.ocr:
            by_reference.setdefault(_normal_reference(item.ocr), []).append(item)
    patterns = [(item, _number_pattern(item.number)) for item in items]

    allocations: list[Allocation] = []
    unmatched: list[Unmatched] = []
    not_payments: list[NotPayment] = []
    already: list[AlreadyImported] = []
    keys: set[str] = set()

    def allocate(payment: IncomingPayment, item: OpenItem, rule: Rule) -> None:
        before = left[item.id]
        amount = min(payment.amount, before)
        credit = payment.amount - amount
        status: Status = (
            "overpaid" if credit > 0 else "paid" if payment.amount == before else "partial"
        )
        left[item.id] = before - amount
        allocations.append(
            Allocation(
                payment_key=payment.key, item_id=item.id, rule=rule, status=status,
                paid=payment.amount, amount=amount, credit=credit, open_before=before,
                open_after=left[item.id], currency=payment.currency, day=payment.day,
            )
        )  # fmt: skip

    def leave(
        payment: IncomingPayment,
        reason: Reason,
        candidates: Sequence[OpenItem] = (),
        **values: object,
    ) -> None:
        unmatched.append(
            Unmatched(
                payment=payment,
                reason=reason,
                candidates=tuple(item.id for item in candidates),
                values=tuple((name, str(value)) for name, value in values.items()),
            )
        )

    for payment in payments:
        if payment.key in seen:
            already.append(AlreadyImported(transaction=payment))
            continue
        if payment.status != "BOOK":
            # Not recorded: the bank reports the entry again, booked, with the same key.
            not_payments.append(NotPayment(transaction=payment, reason="pending"))
            continue
        seen.add(payment.key)
        keys.add(payment.key)
        if payment.kind != "payment":
            not_payments.append(NotPayment(transaction=payment, reason=payment.kind))
            continue
        if not payment.entry_adds_up:
            leave(payment, "entry_does_not_add_up")
            continue
        references = [_normal_reference(r) for r in payment.structured_references]
        valid = [r for r in references if reference_check(r)]
        # Rule 1: exactly one valid structured reference, exactly one item with it.
        if len(references) == 1 and valid:
            reference = valid[0]
            found = by_reference.get(reference, [])
            if len(found) > 1:
                leave(payment, "ambiguous", found, numbers=", ".join(i.number for i in found))
            elif not found:
                leave(payment, "unknown_reference", reference=reference)
            elif found[0].currency != payment.currency:
                leave(
                    payment, "currency_differs", found, currency=payment.currency,
                    number=found[0].number, item_currency=found[0].currency,
                )  # fmt: skip
            else:
                allocate(payment, found[0], "ocr")
            continue
        # Rule 2: the message names exactly one open item, and the amount is its open amount.
        text = " ".join(t for t in (payment.remittance_text, payment.additional_info) if t)
        named = [item for item, pattern in patterns if text and pattern.search(text)]
        if len(named) > 1:
            leave(payment, "ambiguous", named, numbers=", ".join(i.number for i in named))
            continue
        if len(named) == 1:
            item = named[0]
            if item.currency != payment.currency:
                leave(
                    payment, "currency_differs", named, currency=payment.currency,
                    number=item.number, item_currency=item.currency,
                )  # fmt: skip
            elif left[item.id] == payment.amount and payment.amount > 0:
                allocate(payment, item, "number_and_amount")
            else:
                leave(
                    payment, "amount_differs", named, number=item.number,
                    amount=payment.amount, currency=payment.currency, open=left[item.id],
                )  # fmt: skip
            continue
        if len(references) > 1:
            leave(payment, "several_references", references=", ".join(references))
        elif references:
            leave(payment, "invalid_reference", reference=references[0])
        else:
            leave(payment, "no_reference")
    return MatchResult(
        allocations=tuple(allocations),
        unmatched=tuple(unmatched),
        not_payments=tuple(not_payments),
        already_imported=tuple(already),
        imported_keys=frozenset(keys),
    )

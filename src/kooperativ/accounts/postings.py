# SPDX-License-Identifier: EUPL-1.2
"""The vouchers an invoice and a credit note book, and a payment's share of the member's
budget (pure: no storage, no clock, no country).

An invoice books (with ``[fees] taken = "on_invoicing"``):

========================  =======================================  ==================
account (role)            amount                                   member's sub-ledger
========================  =======================================  ==================
``receivables``           debit: the total to pay, incl. VAT
``sales``                 credit: each line's amount excl. VAT     the invoice's member
``vat_out_<category>``    credit: the VAT of each rate (none for
                          exempt, reverse charge and export)
``rounding``              credit (or debit): the öresavrundning
``member_budget``         debit: excl. VAT minus the fee           the invoice's member
``member_accounts``       credit: the same                         the invoice's member
========================  =======================================  ==================

The fee stays in ``sales`` (what was sold is what the cooperative sold, which is what the
VAT return reconciles against); the member's budget is set aside as a cost
(``member_budget``, BAS 7690) against the member's account (``member_accounts``, BAS
2890), so the result of an invoice is exactly the fee and the member's account holds
exactly what the member may be paid. When salary is paid from the account, the payroll
voucher debits the member account and credits the budget cost back (see
``docs/ledger.md``).

With ``taken = "on_payment"`` the invoice books the sale only, and each payment books its
share of the budget (:func:`payment_share`). A credit note books the opposite of its
invoice in proportion to what it credits (:func:`credit_note_voucher`).

Every amount is split with :func:`kooperativ.money.allocate` on the cumulated amount, so
partial credit notes or partial payments that together make the whole book exactly the
whole, to the öre.

Examples:
    >>> accounts = PostingAccounts.of({"receivables": 1510, "sales": 3041,
    ...     "vat_out_standard": 2611, "member_accounts": 2890, "member_budget": 7690,
    ...     "rounding": 3740})
    >>> accounts.vat_account("standard"), accounts.budget_account()
    (2611, 7690)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from kooperativ.accounts.models import DocumentRef, VoucherDraft, VoucherLine
from kooperativ.errors import ConfigError, InputError
from kooperativ.invoicing.models import Invoice, InvoiceKind
from kooperativ.money import ORE, ZERO_ORE, allocate

__all__ = [
    "MEMBER_BUDGET_ROLE",
    "ROUNDING_ROLE",
    "MemberShare",
    "PostingAccounts",
    "credit_note_voucher",
    "credit_share",
    "invoice_voucher",
    "payment_share",
]

#: The role of the cost account the member's budget is set aside on (BAS 7690).
MEMBER_BUDGET_ROLE = "member_budget"
#: The role of the öresavrundning account (BAS 3740).
ROUNDING_ROLE = "rounding"

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class PostingAccounts:
    """The accounts an invoice books to, by role (``[accounts]`` of ``cooperative.toml``).

    Attributes:
        receivables: Kundfordringar (BAS 1510).
        sales: Sales (BAS 3041).
        member_accounts: The members' accounts (BAS 2890), one sub-ledger per member.
        member_budget: The cost the member's budget is set aside on (BAS 7690).
        rounding: Öres- och kronutjämning (BAS 3740), if the chart has it.
        vat_out: Output VAT by VAT category (role ``vat_out_<category>``).
    """

    receivables: int
    sales: int
    member_accounts: int
    member_budget: int | None
    rounding: int | None
    vat_out: Mapping[str, int]

    @classmethod
    def of(cls, roles: Mapping[str, int]) -> PostingAccounts:
        """The accounts of the roles in ``roles``.

        Raises:
            ConfigError: ``receivables``, ``sales`` or ``member_accounts`` is missing.
        """
        for role in ("receivables", "sales", "member_accounts"):
            if role not in roles:
                raise ConfigError(
                    "cooperative.toml",
                    f"accounts.{role}",
                    "the chart of accounts has no {role} account: invoices cannot be booked",
                    role=role,
                )
        vat = {
            role.removeprefix("vat_out_"): number
            for role, number in roles.items()
            if role.startswith("vat_out_")
        }
        return cls(
            receivables=roles["receivables"],
            sales=roles["sales"],
            member_accounts=roles["member_accounts"],
            member_budget=roles.get(MEMBER_BUDGET_ROLE),
            rounding=roles.get(ROUNDING_ROLE),
            vat_out=vat,
        )

    def vat_account(self, category: str) -> int:
        """The output VAT account of ``category``.

        Raises:
            ConfigError: No role ``vat_out_<category>``.
        """
        found = self.vat_out.get(category)
        if found is None:
            raise ConfigError(
                "cooperative.toml",
                f"accounts.vat_out_{category}",
                "the chart of accounts has no output VAT account for {category}",
                category=category,
            )
        return found

    def budget_account(self) -> int:
        """The member budget's cost account.

        Raises:
            ConfigError: No role ``member_budget``.
        """
        if self.member_budget is None:
            raise ConfigError(
                "cooperative.toml",
                f"accounts.{MEMBER_BUDGET_ROLE}",
                "the chart of accounts has no account for members' budgets",
            )
        return self.member_budget

    def rounding_account(self) -> int:
        """The öresavrundning account.

        Raises:
            ConfigError: No role ``rounding``.
        """
        if self.rounding is None:
            raise ConfigError(
                "cooperative.toml",
                f"accounts.{ROUNDING_ROLE}",
                "the chart of accounts has no account for öresavrundning",
            )
        return self.rounding


@dataclass(frozen=True)
class MemberShare:
    """What an invoice (or a part of it) means for the member.

    Attributes:
        invoiced: The amount excluding VAT.
        fee: The cooperative's fee on it.
        budget: What goes to the member's account: ``invoiced`` − ``fee``.
    """

    invoiced: Decimal
    fee: Decimal
    budget: Decimal


def _part(whole: Decimal, done: Decimal, of: Decimal) -> Decimal:
    """The share of ``whole`` that ``done`` out of ``of`` carries, split with
    :func:`allocate` (so the share of ``of`` out of ``of`` is ``whole`` exactly)."""
    if of <= 0 or done <= 0 or whole == 0:
        return ZERO_ORE
    if done >= of:
        return whole
    sign = -1 if whole < 0 else 1
    return sign * allocate(abs(whole), [done, of - done])[0]


def credit_share(
    original: Invoice, fee: Decimal, note: Invoice, credited_before: Decimal = ZERO_ORE
) -> MemberShare:
    """The fee and budget a credit note takes back: in proportion to the amount excluding
    VAT it credits, after the credit notes before it (``credited_before``, excl. VAT)."""
    budget = original.total_excl_vat - fee
    part = note.total_excl_vat
    after = min(credited_before + part, original.total_excl_vat)
    budget_share = _part(budget, after, original.total_excl_vat) - _part(
        budget, credited_before, original.total_excl_vat
    )
    return MemberShare(part, part - budget_share, budget_share)


def _line(
    account: int, amount: Decimal, member_id: UUID | None = None, text: str | None = None
) -> list[VoucherLine]:
    """One line, or none if ``amount`` is zero (a line of zero books nothing)."""
    if not amount:
        return []
    return [VoucherLine(account=account, amount=amount, member_id=member_id, text=text)]


def _sale_lines(invoice: Invoice, accounts: PostingAccounts, sign: int) -> list[VoucherLine]:
    lines = _line(accounts.receivables, sign * invoice.total)
    for line in invoice.lines:
        lines += _line(
            accounts.sales,
            -sign * line.net,
            invoice.member_id,
            f"{invoice.label} {line.description}"[:200],
        )
    for vat in invoice.vat:
        if vat.vat:
            lines += _line(accounts.vat_account(vat.category), -sign * vat.vat)
    if invoice.rounding:
        lines += _line(accounts.rounding_account(), -sign * invoice.rounding)
    return lines


def _budget_lines(
    accounts: PostingAccounts,
    member_id: UUID,
    budget: Decimal,
    text: str,
) -> list[VoucherLine]:
    if not budget:
        return []
    return [
        VoucherLine(
            account=accounts.budget_account(), amount=budget, member_id=member_id, text=text
        ),
        VoucherLine(
            account=accounts.member_accounts, amount=-budget, member_id=member_id, text=text
        ),
    ]


def invoice_voucher(
    invoice: Invoice,
    *,
    series: str,
    accounts: PostingAccounts,
    fee: Decimal | None,
    translate: Translate = _same,
) -> VoucherDraft | None:
    """The voucher of an issued invoice (``None`` for an invoice of zero, which books
    nothing).

    Args:
        invoice: The invoice (not a credit note).
        series: The ledger's invoice series.
        accounts: The accounts by role.
        fee: The fee taken on invoicing, or ``None`` when it is taken on payment (the
            budget is then booked by :func:`payment_share`).
        translate: The texts' translation (the cooperative's language).

    Raises:
        InputError: A credit note, or a fee above the amount excluding VAT.
        ConfigError: A role the voucher needs is not in the chart.
    """
    if invoice.kind is InvoiceKind.CREDIT_NOTE:
        raise InputError("invoice", "{invoice} is a credit note", invoice=invoice.label)
    lines = _sale_lines(invoice, accounts, 1)
    if fee is not None:
        if not ZERO_ORE <= fee <= invoice.total_excl_vat:
            raise InputError(
                "fee",
                "{fee} is not between 0 and the amount excluding VAT {invoiced}",
                fee=fee,
                invoiced=invoice.total_excl_vat,
            )
        budget = (invoice.total_excl_vat - fee).quantize(ORE)
        text = translate("{invoice}: member's budget").format(invoice=invoice.label)
        lines += _budget_lines(accounts, invoice.member_id, budget, text)
    if not lines:
        return None
    return VoucherDraft(
        series=series,
        date=invoice.issue_date,
        text=translate("Invoice {invoice}, {buyer}").format(
            invoice=invoice.label, buyer=invoice.buyer.name
        )[:200],
        document=DocumentRef(kind="invoice", key=invoice.label),
        lines=tuple(lines),
    )


def credit_note_voucher(
    note: Invoice,
    original: Invoice,
    *,
    series: str,
    accounts: PostingAccounts,
    fee: Decimal | None,
    credited_before: Decimal = ZERO_ORE,
    translate: Translate = _same,
) -> VoucherDraft | None:
    """The voucher of a credit note: its invoice's postings with opposite signs, in
    proportion to what it credits (``None`` if it credits zero).

    Args:
        note: The credit note.
        original: The invoice it credits.
        series: The ledger's invoice series.
        accounts: The accounts by role.
        fee: The fee booked on ``original`` when it was invoiced, or ``None`` if the fee
            is taken on payment (the credit note then reverses the sale only).
        credited_before: What earlier credit notes of ``original`` credited, excl. VAT.
        translate: The texts' translation.

    Raises:
        InputError: ``note`` is not a credit note of ``original``.
    """
    if note.kind is not InvoiceKind.CREDIT_NOTE or note.credits != original.id:
        raise InputError(
            "invoice",
            "{note} is not a credit note of {invoice}",
            note=note.label,
            invoice=original.label,
        )
    lines = _sale_lines(note, accounts, -1)
    if fee is not None:
        share = credit_share(original, fee, note, credited_before)
        text = translate("{invoice}: member's budget").format(invoice=note.label)
        lines += _budget_lines(accounts, note.member_id, -share.budget, text)
    if not lines:
        return None
    return VoucherDraft(
        series=series,
        date=note.issue_date,
        text=translate("Credit note {note} of invoice {invoice}, {buyer}").format(
            note=note.label, invoice=original.label, buyer=note.buyer.name
        )[:200],
        document=DocumentRef(kind="credit_note", key=note.label),
        lines=tuple(lines),
    )


def payment_share(
    invoice: Invoice,
    amount_paid: Decimal,
    *,
    fee: Decimal,
    accounts: PostingAccounts,
    paid_before: Decimal = ZERO_ORE,
    translate: Translate = _same,
) -> tuple[VoucherLine, ...]:
    """The lines that credit the member's budget for a payment of ``invoice`` when the
    fee is taken on payment (``[fees] taken = "on_payment"``).

    The budget (excl. VAT − ``fee``) is credited in proportion to what is paid of the
    invoice's total: the share of ``paid_before + amount_paid`` less the share of
    ``paid_before``, split with :func:`~kooperativ.money.allocate`, so payments that
    together pay the total credit exactly the budget. What is paid beyond the total
    credits nothing (an overpayment is the client's). The payments helper adds these
    lines to its payment voucher (bank / receivables).

    Args:
        invoice: The invoice paid.
        amount_paid: This payment.
        fee: The fee on the invoice (:meth:`kooperativ.fees.FeePolicy.fee_on`).
        accounts: The accounts by role.
        paid_before: What was paid of the invoice before this payment.
        translate: The lines' text translation.

    Returns:
        Two lines (debit the budget cost, credit the member's account), or none if the
        share is zero.

    Raises:
        InputError: A negative payment, or a fee outside 0 … the amount excl. VAT.
    """
    if amount_paid < 0 or paid_before < 0:
        raise InputError("amount_paid", "must not be negative (got {value})", value=amount_paid)
    if not ZERO_ORE <= fee <= invoice.total_excl_vat:
        raise InputError(
            "fee",
            "{fee} is not between 0 and the amount excluding VAT {invoiced}",
            fee=fee,
            invoiced=invoice.total_excl_vat,
        )
    budget = invoice.total_excl_vat - fee
    share = _part(budget, paid_before + amount_paid, invoice.total) - _part(
        budget, paid_before, invoice.total
    )
    text = translate("{invoice}: member's budget").format(invoice=invoice.label)
    return tuple(_budget_lines(accounts, invoice.member_id, share, text))

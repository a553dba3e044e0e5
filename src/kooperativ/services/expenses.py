# SPDX-License-Identifier: EUPL-1.2
"""Members' expenses (*utlägg*): handed in with a receipt, approved by someone else,
booked to the member's account, paid back tax-free with the next payout.

A member hands in their own expenses (an officer may hand one in for any member). The
board, the treasurer or the administrator approves or rejects it, but never the member who
paid it: not even a treasurer approves their own expense. Approving books, in the same
unit of work, one voucher in the ``[ledger] manual`` series dated on the receipt:

* debit the expense account (the role ``expenses``, BAS 6990) with the amount without VAT;
* debit input VAT (the role ``vat_in``, BAS 2641) with the VAT;
* credit the member account (``member_accounts``, BAS 2890) with the whole amount, on the
  member's sub-ledger: the cooperative owes it to the member.

What is owed is paid back with the next payout, without tax or contributions: the member
is paid back for something the cooperative bought, not paid a salary.

Examples:
    ```python
    expense = coop.expenses.add(ada, member=2, date=date(2026, 5, 4),
                                description="Färg", receipt="K-17",
                                amount="1250.00", vat="250.00")
    coop.expenses.approve(treasurer, expense.number)
    ```
"""

from __future__ import annotations

import builtins
from datetime import date
from decimal import Decimal

from kooperativ.accounts.models import DocumentRef, VoucherDraft, VoucherLine
from kooperativ.errors import ConfigError, ConflictError, InputError, PermissionDenied, Term
from kooperativ.expenses.models import Expense, ExpenseStatus
from kooperativ.members.models import Role
from kooperativ.money import ZERO, to_decimal
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, build, resolve
from kooperativ.storage.base import UnitOfWork

__all__ = ["ExpenseService", "require_decider"]

_DECIDERS = frozenset({Role.BOARD, Role.TREASURER, Role.ADMIN})


def require_decider(actor: Actor, member_id: object, what: str) -> None:
    """Refuse ``actor`` unless they are board, treasurer or admin and not the member
    ``member_id`` the decision concerns (no one approves their own claim).

    Raises:
        PermissionDenied: Not an officer, or the member themself.
    """
    if not actor.roles & _DECIDERS:
        raise PermissionDenied(
            "{actor} may not decide on {what} (board, treasurer or admin only)",
            actor=actor.name,
            what=Term(what),
        )
    if actor.member_id is not None and actor.member_id == member_id:
        raise PermissionDenied(
            "{actor} may not decide on their own {what}: someone else must",
            actor=actor.name,
            what=Term(what),
        )


def _status(value: ExpenseStatus | str) -> ExpenseStatus:
    try:
        return ExpenseStatus(value)
    except ValueError:
        raise InputError(
            "status",
            "{value!r} is not an expense status (known: {known})",
            value=value,
            known=", ".join(s.value for s in ExpenseStatus),
        ) from None


def _amount(value: object, field: str) -> Decimal:
    amount = to_decimal(value, field)
    if amount != amount.quantize(Decimal("0.01")):
        raise InputError(field, "an amount has at most two decimals (whole öre)")
    return amount.quantize(Decimal("0.01"))


class ExpenseService(Service):
    """Expenses (*utlägg*): hand in, approve or reject, list."""

    def add(
        self,
        actor: Actor,
        *,
        member: Ref,
        date: date,
        description: str,
        receipt: str,
        amount: object,
        vat: object = "0",
        assignment: Ref | None = None,
    ) -> Expense:
        """Hand in an expense for ``member`` (a member for themself, or an officer).

        Args:
            actor: The member who paid, or board, treasurer or admin.
            member: The member who paid (number or id).
            date: The receipt's date.
            description: What was bought, and for what.
            receipt: The receipt's reference (required).
            amount: What was paid, VAT included (more than zero).
            vat: The VAT on the receipt (zero up to ``amount``).
            assignment: The assignment it was for (the member's own).

        Raises:
            PermissionDenied: A member handing in another member's expense.
            InputError: No receipt, no description, an amount not above zero, VAT below
                zero or above the amount, an assignment of another member. Nothing is
                written.
            NotFoundError: No such member or assignment.
        """
        total = _amount(amount, "amount")
        tax = _amount(vat, "vat")
        if total <= ZERO:
            raise InputError(
                "amount", "the amount must be more than zero (got {amount})", amount=total
            )
        if tax < ZERO:
            raise InputError("vat", "the VAT cannot be negative (got {vat})", vat=tax)
        if tax > total:
            raise InputError(
                "vat",
                "the VAT {vat} is more than the amount {amount} it is part of",
                vat=tax,
                amount=total,
            )
        if not receipt or not str(receipt).strip():
            raise InputError("receipt", "give the receipt's reference: an expense needs a receipt")
        if not description or not str(description).strip():
            raise InputError("description", "say what was bought, and for what")

        def work(uow: UnitOfWork) -> Expense:
            found = resolve(uow.members, "member", member)
            if not actor.can_manage and actor.member_id != found.id:
                raise PermissionDenied(
                    "{actor} may only hand in their own expenses", actor=actor.name
                )
            job_id = None
            if assignment is not None:
                job = resolve(uow.assignments, "assignment", assignment)
                if job.member_id != found.id:
                    raise InputError(
                        "assignment",
                        "assignment {assignment} is not the member's",
                        assignment=job.number,
                    )
                job_id = job.id
            expense = build(
                Expense,
                {
                    "number": uow.expenses.next_number(),
                    "member_id": found.id,
                    "date": date,
                    "description": description,
                    "receipt": receipt,
                    "amount": total,
                    "vat": tax,
                    "assignment_id": job_id,
                    "submitted_by": actor.name,
                    "submitted_at": self._coop.now(),
                },
            )
            uow.expenses.add(expense)
            self._record(uow, actor, "expense.add", None, expense)
            return expense

        return self._transaction(work)

    def approve(self, actor: Actor, number: Ref) -> Expense:
        """Approve expense ``number`` and book it to the member's account (one unit of
        work: the expense and its voucher are written together, or neither).

        Raises:
            PermissionDenied: Not board, treasurer or admin, or the member who paid it.
            ConflictError: The expense is not waiting for a decision.
            ConfigError: The chart of accounts lacks the role ``expenses`` or ``vat_in``.
            InputError: The receipt's date is in a closed period.
            NotFoundError: No such expense.
        """

        def work(uow: UnitOfWork) -> Expense:
            expense = self._pending(uow, actor, number)
            draft = self._voucher(expense)
            voucher = self._coop.ledger._book(uow, actor, draft, "voucher.book")
            approved = expense.evolve(
                status=ExpenseStatus.APPROVED,
                decided_by=actor.name,
                decided_at=self._coop.now(),
                voucher=voucher.label,
            )
            uow.expenses.update(approved)
            self._record(uow, actor, "expense.approve", expense, approved)
            return approved

        return self._transaction(work)

    def reject(self, actor: Actor, number: Ref, reason: str) -> Expense:
        """Reject expense ``number``, saying why. Nothing is booked.

        Raises:
            PermissionDenied: Not board, treasurer or admin, or the member who paid it.
            InputError: No reason given.
            ConflictError: The expense is not waiting for a decision.
            NotFoundError: No such expense.
        """
        if not reason or not reason.strip():
            raise InputError("reason", "say why the expense is rejected")

        def work(uow: UnitOfWork) -> Expense:
            expense = self._pending(uow, actor, number)
            rejected = expense.evolve(
                status=ExpenseStatus.REJECTED,
                decided_by=actor.name,
                decided_at=self._coop.now(),
                reason=reason.strip(),
            )
            uow.expenses.update(rejected)
            self._record(uow, actor, "expense.reject", expense, rejected)
            return rejected

        return self._transaction(work)

    def get(self, actor: Actor, number: Ref) -> Expense:
        """Expense ``number``; a member sees only their own.

        Raises:
            PermissionDenied: Another member's expense.
            NotFoundError: No such expense.
        """
        with self._read() as uow:
            expense = resolve(uow.expenses, "expense", number)
        actor.require_access(expense.member_id, "expenses")
        return expense

    def list(
        self,
        actor: Actor,
        *,
        member: Ref | None = None,
        status: ExpenseStatus | str | None = None,
    ) -> builtins.list[Expense]:
        """The expenses (of ``member``, in ``status``), by number. A member sees only
        their own.

        Raises:
            PermissionDenied: A member asking for another member's, or a stranger.
        """
        self._require_reader(actor)
        wanted = None if status is None else _status(status)
        with self._read() as uow:
            member_id = self._listed_member(uow, actor, member, "expenses")
            if member_id is not None:
                found = uow.expenses.of_member(member_id)
                return [e for e in found if wanted is None or e.status is wanted]
            if wanted is not None:
                return uow.expenses.with_status(wanted)
            return uow.expenses.list()

    # -- helpers -----------------------------------------------------------------------

    @staticmethod
    def _pending(uow: UnitOfWork, actor: Actor, number: Ref) -> Expense:
        expense = resolve(uow.expenses, "expense", number)
        require_decider(actor, expense.member_id, "expenses")
        if expense.status is not ExpenseStatus.SUBMITTED:
            raise ConflictError(
                "expense {number} is {status} already",
                number=expense.number,
                status=expense.status.value,
            )
        return expense

    def _account(self, role: str) -> int:
        number = self._coop.config.accounts.get(role)
        if number is None:
            raise ConfigError(
                "cooperative.toml",
                f"accounts.{role}",
                "the chart of accounts has no account for {role}",
                role=role,
            )
        return number

    def _voucher(self, expense: Expense) -> VoucherDraft:
        """The voucher of an approved expense: cost and input VAT against the member."""
        cost = self._account("expenses")
        member_account = self._coop.ledger.member_account_number()
        lines: builtins.list[VoucherLine] = []
        if expense.net > ZERO:
            lines.append(
                VoucherLine(
                    account=cost,
                    amount=expense.net,
                    member_id=expense.member_id,
                    project_id=expense.project_id,
                )
            )
        if expense.vat > ZERO:
            lines.append(VoucherLine(account=self._account("vat_in"), amount=expense.vat))
        lines.append(
            VoucherLine(account=member_account, amount=-expense.amount, member_id=expense.member_id)
        )
        text = f"Utlägg {expense.number}: {expense.description}"[:200]
        return VoucherDraft(
            series=self._coop.config.ledger.manual,
            date=expense.date,
            text=text,
            document=DocumentRef(kind="expense", key=str(expense.number)),
            lines=tuple(lines),
        )

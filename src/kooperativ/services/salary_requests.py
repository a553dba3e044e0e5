# SPDX-License-Identifier: EUPL-1.2
"""Salary requests (*löneuttag*): a member asks to be paid out of their account.

A request names the member, a pay date and the budget to use (the whole salary cost), or
``None`` for all that is available. It is checked when it is made:

* *available* is the member's balance on the member account (``member_accounts``, BAS
  2890; a credit balance is what the cooperative owes the member) less their approved
  expenses not yet paid back (they are paid back tax-free, not as salary) and less the
  budgets of their requests not yet paid;
* with ``[advances] allowed = true`` the cooperative pays ahead up to the room its
  guarantee leaves (:class:`kooperativ.fees.AdvancePolicy`): what the member has been
  paid ahead already is a debit balance on their account, what all members have been
  paid ahead the sum of the debit balances;
* more than available + room is refused, naming both figures.

The request records what the budget becomes by the salary engine (``coop.payroll``'s
:class:`~kooperativ.services.payroll.PayrollPolicy`, budget mode, the member's register
entry): gross salary, employer contributions, preliminary tax and net pay, and the payout
with the approved expenses paid back beside the salary. An officer
other than the member approves or rejects it.

Examples:
    ```python
    request = coop.salary_requests.request(ada, 2, date(2026, 6, 25), "12000")
    request.gross, request.tax, request.net
    coop.salary_requests.approve(treasurer, request.number)
    ```
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from kooperativ.errors import ConflictError, InputError, PermissionDenied
from kooperativ.expenses.models import ExpenseStatus
from kooperativ.expenses.salary_requests import SalaryRequest, SalaryRequestStatus
from kooperativ.fees import AdvancePolicy
from kooperativ.money import ZERO_ORE, to_decimal
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, build, resolve
from kooperativ.services.expenses import require_decider
from kooperativ.storage.base import UnitOfWork

__all__ = ["Availability", "SalaryRequestService"]

_OPEN = (SalaryRequestStatus.REQUESTED, SalaryRequestStatus.APPROVED)


@dataclass(frozen=True)
class Availability:
    """What a member may ask for now.

    Attributes:
        balance: The member's balance (what the cooperative owes them; negative: paid
            ahead).
        expenses: Their approved expenses not yet paid back (owed tax-free, not salary).
        reserved: The budgets of their requests not yet paid, and what their approved
            travel claims not yet paid cost (paid out of the account with the salary; the
            employer contributions on a taxable excess are the payroll run's to add).
        available: ``balance − expenses − reserved`` (may be negative).
        room: What the advance policy allows paid ahead on top of it.
    """

    balance: Decimal
    expenses: Decimal
    reserved: Decimal
    available: Decimal
    room: Decimal

    @property
    def limit(self) -> Decimal:
        """The most a request may ask for: what is available (if any) plus the room."""
        return max(ZERO_ORE, self.available) + self.room


def _status(value: SalaryRequestStatus | str) -> SalaryRequestStatus:
    try:
        return SalaryRequestStatus(value)
    except ValueError:
        raise InputError(
            "status",
            "{value!r} is not a salary request status (known: {known})",
            value=value,
            known=", ".join(s.value for s in SalaryRequestStatus),
        ) from None


class SalaryRequestService(Service):
    """Salary requests: ask, check, preview, approve or reject, list."""

    def availability(self, actor: Actor, member: Ref) -> Availability:
        """What ``member`` may ask for now (a member may ask about themself only).

        Raises:
            PermissionDenied: Another member's.
            NotFoundError: No such member.
        """
        with self._read() as uow:
            found = resolve(uow.members, "member", member)
            actor.require_access(found.id, "account")
            return self._availability(uow, found.id)

    def request(
        self,
        actor: Actor,
        member: Ref,
        pay_date: date,
        amount: object | None = None,
    ) -> SalaryRequest:
        """Ask for a salary of budget ``amount`` (``None``: all available) on ``pay_date``.

        Args:
            actor: The member, or board, treasurer or admin.
            member: The member to be paid (number or id).
            pay_date: The pay date asked for.
            amount: The budget (the whole salary cost), or ``None`` for all available.

        Returns:
            The request, with what the budget becomes: gross, employer contributions,
            tax, net.

        Raises:
            PermissionDenied: A member asking for another member.
            InputError: An amount not above zero, more than the account allows (the
                available amount and the advance room named), nothing available, or a
                salary the engine cannot calculate. Nothing is written.
            NotFoundError: No such member.
        """
        asked = None if amount is None else to_decimal(amount, "amount")
        if asked is not None:
            if asked != asked.quantize(ZERO_ORE):
                raise InputError("amount", "an amount has at most two decimals (whole öre)")
            asked = asked.quantize(ZERO_ORE)
            if asked <= ZERO_ORE:
                raise InputError(
                    "amount", "the amount must be more than zero (got {amount})", amount=asked
                )

        def work(uow: UnitOfWork) -> SalaryRequest:
            found = resolve(uow.members, "member", member)
            if not actor.can_manage and actor.member_id != found.id:
                raise PermissionDenied(
                    "{actor} may only ask for their own salary", actor=actor.name
                )
            room = self._availability(uow, found.id)
            free = max(ZERO_ORE, room.available)
            if asked is None:
                if free <= ZERO_ORE:
                    raise InputError(
                        "amount",
                        "nothing is available: the member's balance is {available}",
                        available=room.available,
                    )
                budget = free
            else:
                if asked > room.limit and room.room <= ZERO_ORE:
                    raise InputError(
                        "amount",
                        "{amount} is more than the account allows: {available} available",
                        amount=asked,
                        available=free,
                    )
                if asked > room.limit:
                    raise InputError(
                        "amount",
                        "{amount} is more than the account allows: {available} available "
                        "and {room} more paid ahead by [advances], at most {limit}",
                        amount=asked,
                        available=free,
                        room=room.room,
                        limit=room.limit,
                    )
                budget = asked
            policy = self._coop.payroll.policy()
            result = policy.calculate(
                policy.salary_input(
                    member=found, budget=budget, expenses=room.expenses, paid_on=pay_date
                )
            )
            made = build(
                SalaryRequest,
                {
                    "number": uow.salary_requests.next_number(),
                    "member_id": found.id,
                    "pay_date": pay_date,
                    "amount": asked,
                    "budget": budget,
                    "available": room.available,
                    "advance": max(ZERO_ORE, budget - free),
                    "gross": result.gross_salary,
                    "employer_contributions": result.employer_contributions,
                    "tax": result.preliminary_tax,
                    "net": result.net_pay,
                    "expenses": room.expenses,
                    "payout": result.payout,
                    "requested_by": actor.name,
                    "requested_at": self._coop.now(),
                },
            )
            uow.salary_requests.add(made)
            self._record(uow, actor, "salary_request.add", None, made)
            return made

        return self._transaction(work)

    def approve(self, actor: Actor, number: Ref) -> SalaryRequest:
        """Approve request ``number`` (board, treasurer or admin; not the member).

        Raises:
            PermissionDenied: Not an officer, or the requesting member.
            ConflictError: The request is not waiting for a decision.
            NotFoundError: No such request.
        """
        return self._decide(actor, number, SalaryRequestStatus.APPROVED, None)

    def reject(self, actor: Actor, number: Ref, reason: str) -> SalaryRequest:
        """Reject request ``number``, saying why (board, treasurer or admin; not the
        member).

        Raises:
            PermissionDenied: Not an officer, or the requesting member.
            InputError: No reason given.
            ConflictError: The request is not waiting for a decision.
            NotFoundError: No such request.
        """
        if not reason or not reason.strip():
            raise InputError("reason", "say why the salary request is rejected")
        return self._decide(actor, number, SalaryRequestStatus.REJECTED, reason.strip())

    def get(self, actor: Actor, number: Ref) -> SalaryRequest:
        """Request ``number``; a member sees only their own.

        Raises:
            PermissionDenied: Another member's request.
            NotFoundError: No such request.
        """
        with self._read() as uow:
            found = resolve(uow.salary_requests, "salary_request", number)
        actor.require_access(found.member_id, "salary requests")
        return found

    def list(
        self,
        actor: Actor,
        *,
        member: Ref | None = None,
        status: SalaryRequestStatus | str | None = None,
    ) -> builtins.list[SalaryRequest]:
        """The requests (of ``member``, in ``status``), by number; a member sees only
        their own.

        Raises:
            PermissionDenied: A member asking for another member's, or a stranger.
        """
        self._require_reader(actor)
        wanted = None if status is None else _status(status)
        with self._read() as uow:
            member_id = self._listed_member(uow, actor, member, "salary requests")
            if member_id is not None:
                found = uow.salary_requests.of_member(member_id)
                return [r for r in found if wanted is None or r.status is wanted]
            if wanted is not None:
                return uow.salary_requests.with_status(wanted)
            return uow.salary_requests.list()

    # -- helpers -----------------------------------------------------------------------

    def _availability(self, uow: UnitOfWork, member_id: UUID) -> Availability:
        account = self._coop.ledger.member_account_number()
        balance = -uow.vouchers.balance(account, member_id=member_id)
        # An approved payroll run has booked what its requests and expenses cost the
        # account already; until it is paid they are still open, but not to be counted twice.
        booked = self._booked(uow, member_id)
        reserved = sum(
            (
                r.budget
                for r in uow.salary_requests.of_member(member_id)
                if r.status in _OPEN and ("request", r.number) not in booked
            ),
            ZERO_ORE,
        )
        reserved += sum(
            (c.paid for c in uow.travel_claims.payable(member_id, date.max)),
            ZERO_ORE,
        )
        owed = sum(
            (
                e.amount
                for e in uow.expenses.of_member(member_id)
                if e.status is ExpenseStatus.APPROVED and ("expense", e.number) not in booked
            ),
            ZERO_ORE,
        )
        available = balance - owed - reserved
        policy = AdvancePolicy(self._coop.config.advances)
        room = ZERO_ORE
        if policy.allowed:
            ahead = max(ZERO_ORE, -available)
            total = sum(
                (
                    max(ZERO_ORE, debit)
                    for debit in uow.vouchers.balances_by_member(account).values()
                ),
                ZERO_ORE,
            )
            total += sum(
                (r.advance for r in uow.salary_requests.with_status(*_OPEN)),
                ZERO_ORE,
            )
            room = policy.room(member_outstanding=ahead, total_outstanding=total)
        return Availability(balance, owed, reserved, available, room.quantize(ZERO_ORE))

    @staticmethod
    def _booked(uow: UnitOfWork, member_id: UUID) -> set[tuple[str, int]]:
        """The member's requests and expenses in approved, unpaid payroll runs."""
        runs = {r.id for r in uow.payroll_runs.with_status("approved")}
        booked: set[tuple[str, int]] = set()
        if not runs:
            return booked
        for slip in uow.payslips.of_member(member_id):
            if slip.run_id in runs:
                booked.update(("request", n) for n in slip.request_numbers)
                booked.update(("expense", n) for n in slip.expense_numbers)
        return booked

    def _decide(
        self,
        actor: Actor,
        number: Ref,
        status: SalaryRequestStatus,
        reason: str | None,
    ) -> SalaryRequest:
        def work(uow: UnitOfWork) -> SalaryRequest:
            found = resolve(uow.salary_requests, "salary_request", number)
            require_decider(actor, found.member_id, "salary requests")
            if found.status is not SalaryRequestStatus.REQUESTED:
                raise ConflictError(
                    "salary request {number} is {status} already",
                    number=found.number,
                    status=found.status.value,
                )
            decided = found.evolve(
                status=status,
                decided_by=actor.name,
                decided_at=self._coop.now(),
                reason=reason,
            )
            uow.salary_requests.update(decided)
            if status is SalaryRequestStatus.APPROVED:
                self._record(uow, actor, "salary_request.approve", found, decided)
            else:
                self._record(uow, actor, "salary_request.reject", found, decided)
            return decided

        return self._transaction(work)

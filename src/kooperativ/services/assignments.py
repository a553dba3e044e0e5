# SPDX-License-Identifier: EUPL-1.2
"""Assignments (*uppdrag*) brought by members.

An assignment is registered (:meth:`AssignmentService.add`), moves through its statuses
(:meth:`AssignmentService.set_status`: planned → active → completed, or cancelled) and is
shown with its member's and client's names (:meth:`AssignmentService.view`).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from kooperativ.assignments.models import (
    MAX_AMOUNT,
    Assignment,
    AssignmentStatus,
    AssignmentView,
)
from kooperativ.errors import ConflictError, InputError, PermissionDenied, Term
from kooperativ.members.models import MemberStatus
from kooperativ.money import ORE, to_decimal
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, build, resolve

if TYPE_CHECKING:
    from kooperativ.employment.models import EmploymentContract

__all__ = ["AssignmentService"]


def _amount(value: Decimal | str | None, field: str) -> Decimal | None:
    """A money amount or hour count: more than zero, at most :data:`MAX_AMOUNT`, öre."""
    if value is None:
        return None
    number = to_decimal(value, field)
    if number < 0:
        raise InputError(field, "must not be negative (got {value})", value=value)
    if number == 0:
        raise InputError(field, "must be more than zero")
    if number > MAX_AMOUNT:
        raise InputError(field, "implausibly large (at most {limit})", limit=MAX_AMOUNT)
    if number != number.quantize(ORE):
        raise InputError(field, "{value} has more than two decimals", value=value)
    return number.quantize(ORE)


def _status(value: AssignmentStatus | str) -> AssignmentStatus:
    try:
        return AssignmentStatus(value)
    except ValueError:
        raise InputError(
            "status",
            "{value!r} is not an assignment status (known: {known})",
            value=value,
            known=", ".join(s.value for s in AssignmentStatus),
        ) from None


class AssignmentService(Service):
    """Assignments (*uppdrag*) members bring."""

    def add(
        self,
        actor: Actor,
        *,
        member: Ref,
        client: Ref,
        description: str,
        start: date,
        end: date,
        agreed_amount: Decimal | str | None = None,
        hourly_rate: Decimal | str | None = None,
        hours: Decimal | str | None = None,
        vat_category: str = "standard",
        status: AssignmentStatus | str = AssignmentStatus.ACTIVE,
        number: int | None = None,
    ) -> Assignment:
        """Register an assignment. A member may register their own.

        Amounts are more than zero and at most
        :data:`~kooperativ.assignments.models.MAX_AMOUNT` (also hourly rate × hours), in
        öre at most.

        Raises:
            InputError: A zero, negative or implausible amount, end before start, an
                unknown VAT category or status (named).
            NotFoundError: Unknown member or client.
        """
        amounts = {
            "agreed_amount": _amount(agreed_amount, "agreed_amount"),
            "hourly_rate": _amount(hourly_rate, "hourly_rate"),
            "hours": _amount(hours, "hours"),
        }
        rate, count = amounts["hourly_rate"], amounts["hours"]
        if rate is not None and count is not None and rate * count > MAX_AMOUNT:
            raise InputError(
                "hours",
                "{rate} × {hours} is implausibly large (at most {limit})",
                rate=rate,
                hours=count,
                limit=MAX_AMOUNT,
            )
        if end < start:
            raise InputError("end", "{end} is before the start {start}", end=end, start=start)
        wanted = _status(status)
        categories = getattr(self._coop.country, "vat_categories", None)
        if categories is not None and vat_category not in categories():
            raise InputError(
                "vat_category",
                "{value!r} is unknown (known: {known})",
                value=vat_category,
                known=", ".join(categories()),
            )
        with self._uow() as uow:
            owner = resolve(uow.members, "member", member)
            if not (actor.can_manage or actor.member_id == owner.id):
                raise PermissionDenied(
                    "{actor} may only add their own assignments", actor=actor.name
                )
            if owner.status not in (MemberStatus.MEMBER, MemberStatus.APPLICANT):
                raise InputError(
                    "member",
                    "member {number} is {status}",
                    number=owner.number,
                    status=Term(owner.status.value),
                )
            buyer = resolve(uow.clients, "client", client)
            if number is not None and uow.assignments.by_number(number) is not None:
                raise ConflictError(
                    "number: assignment number {number} is already taken", number=number
                )
            assignment = build(
                Assignment,
                {
                    "number": number if number is not None else uow.assignments.next_number(),
                    "member_id": owner.id,
                    "client_id": buyer.id,
                    "description": description,
                    "start": start,
                    "end": end,
                    **amounts,
                    "vat_category": vat_category,
                    "currency": self._coop.country.currency,
                    "status": wanted,
                },
            )
            uow.assignments.add(assignment)
            self._record(uow, actor, "assignment.add", None, assignment)
        return assignment

    def set_status(self, actor: Actor, ref: Ref, status: AssignmentStatus | str) -> Assignment:
        """Move an assignment to ``status`` along the allowed transitions.

        Planned → active or cancelled; active → completed or cancelled; completed and
        cancelled are final (:data:`~kooperativ.assignments.models.TRANSITIONS`).

        Raises:
            InputError: An unknown status.
            ConflictError: A change the transitions do not allow (e.g. completed → active).
            PermissionDenied: The actor is not board, treasurer or admin.
            NotFoundError: No such assignment.
        """
        actor.require_manager("change the status of assignments")
        wanted = _status(status)
        with self._uow() as uow:
            before = resolve(uow.assignments, "assignment", ref)
            if before.status is wanted:
                return before
            if not before.status.can_become(wanted):
                raise ConflictError(
                    "assignment {number} is {current} and cannot become {wanted}",
                    number=before.number,
                    current=Term(before.status.value),
                    wanted=Term(wanted.value),
                )
            after = build(Assignment, {**before.model_dump(), "status": wanted})
            uow.assignments.update(after)
            self._record(uow, actor, "assignment.status", before, after)
        return after

    def approve(self, actor: Actor, ref: Ref, *, made_on: date) -> EmploymentContract:
        """The board approves a planned assignment: it becomes active and gets its draft
        employment contract (made ``made_on``), in one unit of work.

        Both are written or neither: a contract the law or the register refuses (the
        member is not a member on the first day, the work is over …) leaves the assignment
        planned, so no assignment is active without a contract.

        Returns:
            The new contract, signed by nobody yet.

        Raises:
            ConflictError: The assignment is completed or cancelled, or already has a
                contract for the period.
            InputError: A contract that cannot be made (see
                :meth:`~kooperativ.services.contracts.ContractService.create`).
            PermissionDenied: The actor is not board, treasurer or admin.
            NotFoundError: No such assignment.
        """
        actor.require_manager("approve assignments")
        return self._coop.contracts.create(actor, assignment=ref, made_on=made_on, activate=True)

    def get(self, actor: Actor, ref: Ref) -> Assignment:
        """An assignment by number or id (a member sees only their own)."""
        with self._read() as uow:
            assignment = resolve(uow.assignments, "assignment", ref)
        actor.require_access(assignment.member_id, "assignments")
        return assignment

    def list(
        self,
        actor: Actor,
        member: Ref | None = None,
        status: AssignmentStatus | str | None = None,
    ) -> builtins.list[Assignment]:
        """Assignments ordered by number, optionally of one member and in one status."""
        wanted = None if status is None else _status(status)
        with self._read() as uow:
            owner = resolve(uow.members, "member", member) if member is not None else None
            if owner is not None:
                actor.require_access(owner.id, "assignments")
                found = uow.assignments.of_member(owner.id, status=wanted)
            elif not actor.can_read_all:
                mine = actor.member_id
                found = [] if mine is None else uow.assignments.of_member(mine, status=wanted)
            elif wanted is not None:
                found = uow.assignments.with_status(wanted)
            else:
                found = uow.assignments.list()  # every assignment, as asked
        return [
            a
            for a in found
            if (actor.can_read_all or a.member_id == actor.member_id)
            and (owner is None or a.member_id == owner.id)
            and (wanted is None or a.status is wanted)
        ]

    def view(self, actor: Actor, ref: Ref) -> AssignmentView:
        """One assignment with its member's and client's names and numbers."""
        return self.views(actor, [self.get(actor, ref)])[0]

    def views(
        self, actor: Actor, assignments: Sequence[Assignment]
    ) -> builtins.list[AssignmentView]:
        """``assignments`` with their members' and clients' names and numbers."""
        for a in assignments:
            actor.require_access(a.member_id, "assignments")
        with self._read() as uow:
            members = {i: uow.members.get(i) for i in {a.member_id for a in assignments}}
            clients = {i: uow.clients.get(i) for i in {a.client_id for a in assignments}}
        result = []
        for a in assignments:
            owner, buyer = members[a.member_id], clients[a.client_id]
            result.append(
                AssignmentView(
                    **a.model_dump(exclude={"status"}),
                    status=a.status,
                    member_number=owner.number,
                    member_name=owner.name,
                    client_number=buyer.number,
                    client_name=buyer.name,
                    amount_excl_vat=a.amount_excl_vat,
                )
            )
        return result

    def check(self, on: date) -> Sequence[Problem]:
        """Assignments without a contract, running past their member's leaving date, or
        planned or active with an amount that is zero or implausibly large (one stored
        before the limit existed: a new one is refused).

        An assignment whose member is not stored at all is a broken reference, which the
        audit verification reports (``kooperativ audit verify``, part of ``check``).
        """
        found: dict[int, builtins.list[Problem]] = {}
        # Indexed queries: the cost grows with the problems found, not with the register.
        with self._read() as uow:
            leaving = [
                (owner, assignment)
                for owner in uow.members.left()
                for assignment in uow.assignments.of_member(owner.id)
            ]
            uncovered = uow.assignments.without_contract(AssignmentStatus.ACTIVE)
            current = uow.assignments.with_status(AssignmentStatus.PLANNED, AssignmentStatus.ACTIVE)
        for owner, assignment in leaving:
            if owner.left_on is not None and assignment.end >= owner.left_on:
                place = ("assignment", assignment.number)
                found.setdefault(assignment.number, []).append(
                    Problem.of(
                        "warning",
                        place,
                        "runs past member {member}'s leaving date",
                        member=owner.number,
                        code="assignment.after_leaving",
                    )
                )
        for assignment in uncovered:
            place = ("assignment", assignment.number)
            found.setdefault(assignment.number, []).append(
                Problem.of("error", place, "no employment contract", code="assignment.no_contract")
            )
        for assignment in current:
            amount = assignment.amount_excl_vat
            if amount <= 0 or amount > MAX_AMOUNT:
                place = ("assignment", assignment.number)
                found.setdefault(assignment.number, []).append(
                    Problem.of(
                        "error",
                        place,
                        "implausible amount {amount}",
                        amount=amount,
                        code="assignment.amount",
                    )
                )
        return [problem for number in sorted(found) for problem in found[number]]

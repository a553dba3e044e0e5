# SPDX-License-Identifier: EUPL-1.2
"""Assignments (*uppdrag*) brought by members."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from kooperativ.assignments.models import Assignment, AssignmentStatus
from kooperativ.errors import ConflictError, InputError, PermissionDenied
from kooperativ.members.models import MemberStatus
from kooperativ.money import to_decimal
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, build, resolve


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

        Raises:
            InputError: Negative amount, end before start, unknown VAT category (named).
            NotFoundError: Unknown member or client.
        """
        amounts = {
            name: None if value is None else to_decimal(value, name)
            for name, value in (
                ("agreed_amount", agreed_amount),
                ("hourly_rate", hourly_rate),
                ("hours", hours),
            )
        }
        for name, value in amounts.items():
            if value is not None and value < 0:
                raise InputError(name, f"must not be negative (got {value})")
        if end < start:
            raise InputError("end", f"{end} is before the start {start}")
        categories = getattr(self._coop.country, "vat_categories", None)
        if categories is not None and vat_category not in categories():
            raise InputError(
                "vat_category", f"{vat_category!r} is unknown (known: {', '.join(categories())})"
            )
        with self._uow() as uow:
            owner = resolve(uow.members, "member", member)
            if not (actor.can_manage or actor.member_id == owner.id):
                raise PermissionDenied(f"{actor.name} may only add their own assignments")
            if owner.status not in (MemberStatus.MEMBER, MemberStatus.APPLICANT):
                raise InputError("member", f"member {owner.number} is {owner.status.value}")
            buyer = resolve(uow.clients, "client", client)
            if number is not None and uow.assignments.by_number(number) is not None:
                raise ConflictError(f"number: assignment number {number} is already taken")
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
                    "status": status,
                },
            )
            uow.assignments.add(assignment)
            self._record(uow, actor, "assignment.add", None, assignment)
        return assignment

    def get(self, actor: Actor, ref: Ref) -> Assignment:
        """An assignment by number or id (a member sees only their own)."""
        with self._read() as uow:
            assignment = resolve(uow.assignments, "assignment", ref)
        actor.require_access(assignment.member_id, "assignments")
        return assignment

    def list(self, actor: Actor, member: Ref | None = None) -> list[Assignment]:
        """Assignments ordered by number, optionally of one member."""
        with self._read() as uow:
            owner = resolve(uow.members, "member", member) if member is not None else None
            if owner is not None:
                found = uow.assignments.of_member(owner.id)
            elif not actor.can_read_all and actor.member_id is not None:
                found = uow.assignments.of_member(actor.member_id)
            else:
                found = uow.assignments.list()
        return [
            a
            for a in found
            if (actor.can_read_all or a.member_id == actor.member_id)
            and (owner is None or a.member_id == owner.id)
        ]

    def check(self, on: date) -> Sequence[Problem]:
        """Assignments without a contract, or running past their member's leaving date.

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
        for owner, assignment in leaving:
            if owner.left_on is not None and assignment.end >= owner.left_on:
                place = ("assignment", assignment.number)
                found.setdefault(assignment.number, []).append(
                    Problem.of(
                        "warning",
                        place,
                        "runs past member {member}'s leaving date",
                        member=owner.number,
                    )
                )
        for assignment in uncovered:
            place = ("assignment", assignment.number)
            found.setdefault(assignment.number, []).append(
                Problem.of("error", place, "no employment contract")
            )
        return [problem for number in sorted(found) for problem in found[number]]

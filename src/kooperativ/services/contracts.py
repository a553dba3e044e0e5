# SPDX-License-Identifier: EUPL-1.2
"""Employment contracts (*anställningsavtal*)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kooperativ.employment.models import EmploymentContract, EmploymentType
from kooperativ.errors import ConflictError
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, build, resolve


class ContractService(Service):
    """Employment contracts (*anställningsavtal*)."""

    def create(
        self,
        actor: Actor,
        *,
        assignment: Ref,
        made_on: date,
        type: EmploymentType | str | None = None,
        place_of_work: str | None = None,
        tasks: str | None = None,
        pay_terms: str | None = None,
        scope: str | None = None,
        number: int | None = None,
    ) -> EmploymentContract:
        """Create the employment contract for an assignment (dates follow the assignment).

        Raises:
            ConflictError: The assignment already has a contract overlapping its period.
            PermissionDenied: The actor is not board, treasurer or admin.
        """
        actor.require_manager("create employment contracts")
        config = self._coop.config.employment
        kind = EmploymentType(type or config.default_type)
        with self._uow() as uow:
            job = resolve(uow.assignments, "assignment", assignment)
            for other in uow.contracts.list():
                if (
                    job.id in other.assignment_ids
                    and (other.end is None or other.end >= job.start)
                    and other.start <= job.end
                ):
                    raise ConflictError(
                        f"assignment: assignment {job.number} already has contract "
                        f"{other.number} for {other.start}–{other.end}"
                    )
            if number is not None and uow.contracts.by_number(number) is not None:
                raise ConflictError(f"number: contract number {number} is already taken")
            fee = self._coop.config.fees.rate * 100
            contract = build(
                EmploymentContract,
                {
                    "number": number if number is not None else uow.contracts.next_number(),
                    "member_id": job.member_id,
                    "assignment_ids": (job.id,),
                    "type": kind,
                    "start": job.start,
                    "end": None if kind is EmploymentType.PERMANENT else job.end,
                    "scope": scope or "Enligt uppdragets omfattning",
                    "place_of_work": place_of_work or config.place_of_work,
                    "tasks": tasks or job.description,
                    "pay_terms": pay_terms
                    or (
                        "Lön enligt uppdragets budget: fakturerat belopp exkl. moms minus "
                        f"kooperativets avgift ({fee.normalize()} %), arbetsgivaravgifter och "
                        "semesterersättning"
                    ),
                    "collective_agreement": config.collective_agreement,
                    "made_on": made_on,
                },
            )
            uow.contracts.add(contract)
            self._record(uow, actor, "contract.create", None, contract)
        return contract

    def get(self, actor: Actor, ref: Ref) -> EmploymentContract:
        """A contract by number or id (a member sees only their own)."""
        with self._uow() as uow:
            contract = resolve(uow.contracts, "contract", ref)
        actor.require_access(contract.member_id, "contracts")
        return contract

    def list(self, actor: Actor) -> list[EmploymentContract]:
        """Contracts ordered by number (a member sees only their own)."""
        with self._uow() as uow:
            found = uow.contracts.list()
        return [c for c in found if actor.can_read_all or c.member_id == actor.member_id]

    def check(self, on: date) -> Sequence[Problem]:
        """Contracts still running that are not signed by both parties."""
        with self._uow() as uow:
            contracts = uow.contracts.list()
        return [
            Problem("warning", f"contract {c.number}", "not signed by both parties")
            for c in contracts
            if not c.signed and (c.end is None or c.end >= on)
        ]

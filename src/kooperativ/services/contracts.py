# SPDX-License-Identifier: EUPL-1.2
"""Employment contracts (*anställningsavtal*): create, sign, end, render, check.

A contract is made per assignment (or one for several assignments of the same member) and
carries the written information of LAS 6 c §. Both parties sign it: the member as employee,
the board or the administrator for the cooperative; each signature records who and when.
The payroll asks :meth:`ContractService.require_payable` before paying for an assignment:
an unsigned or incomplete contract stops it with a message naming the contract and what is
missing.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from kooperativ.employment import defaults, las
from kooperativ.employment.defaults import swedish
from kooperativ.employment.las import (
    Finding,
    InformationReport,
    InformationRules,
    Parties,
    check_information,
)
from kooperativ.employment.models import (
    EmploymentContract,
    EmploymentType,
    EndReason,
    HolidayPayTerms,
    HoursReport,
    Party,
    PayPart,
    Signature,
    WorkAbroad,
)
from kooperativ.employment.time import add_months
from kooperativ.errors import (
    ConflictError,
    InputError,
    KooperativError,
    NotFoundError,
    PermissionDenied,
)
from kooperativ.members.models import Address, Member
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, build, resolve
from kooperativ.storage.base import Repository, UnitOfWork

__all__ = ["ContractService", "NotPayableError"]


@dataclass(frozen=True)
class WrittenInformationProblem(Problem):
    """A problem whose arguments hold translatable words (item labels, deadlines).

    ``message`` stays English; :meth:`text` renders the labels inside the arguments with
    the same gettext function as the template.
    """

    finding: Finding | None = None

    def text(self, translate: Callable[[str], str]) -> tuple[str, str]:
        where, message = super().text(translate)
        if self.finding is None or not self.template:
            return where, message
        return where, translate(self.template).format(**self.finding.values(translate))


def _information_problem(number: int, finding: Finding) -> Problem:
    """The problem of ``kooperativ check`` for one finding of the written information."""
    place = ("contract", number)
    args = finding.values()
    if finding.template == las.INCOMPLETE:
        problem = Problem.of("warning", place, "written information incomplete: {items}", **args)
    elif finding.template == las.NOT_GIVEN:
        problem = Problem.of(
            "warning", place, "written information not given (due {dues}; LAS 6 c §)", **args
        )
    elif finding.template == las.LATE:
        problem = Problem.of(
            "warning",
            place,
            "written information given on {given}, after the deadline (due {dues}; LAS 6 c §)",
            **args,
        )
    elif finding.template == las.TRIAL_TOO_LONG:
        problem = Problem.of(
            "warning",
            place,
            "trial period runs to {end}, longer than {months} months "
            "(last allowed day {last}; LAS 6 §)",
            **args,
        )
    else:  # pragma: no cover - every template of las is handled above
        return Problem("warning", f"contract {number}", finding.render())
    return WrittenInformationProblem(
        problem.severity,
        problem.where,
        problem.message,
        problem.template,
        problem.args,
        problem.place,
        finding,
    )


class NotPayableError(KooperativError):
    """An assignment cannot be paid: its contract is missing, unsigned or incomplete.

    Attributes:
        assignment_number: The assignment asked about.
        contract_number: The contract found, or ``None`` if there is none.
        missing: What is missing, in words.
    """

    exit_code = 2

    def __init__(
        self, assignment_number: int, contract_number: int | None, missing: Sequence[str]
    ) -> None:
        self.assignment_number = assignment_number
        self.contract_number = contract_number
        self.missing = list(missing)
        where = f"contract {contract_number}" if contract_number is not None else "no contract"
        super().__init__(
            f"assignment {assignment_number} cannot be paid: {where}: " + "; ".join(missing)
        )


def _one_line(address: Address | None) -> str | None:
    if address is None:
        return None
    return f"{address.street}, {address.postal_code} {address.city}"


def _refs(assignment: Ref | Sequence[Ref]) -> list[Ref]:
    if isinstance(assignment, list | tuple):
        return list(assignment)
    return [assignment]  # type: ignore[list-item]


class ContractService(Service):
    """Employment contracts (*anställningsavtal*)."""

    # -- helpers ----------------------------------------------------------------------------

    def parties(self, member: Member) -> Parties:
        """The parties of a contract with ``member`` as the written information names them."""
        identity = self._coop.config.employer
        return Parties(
            employer_name=identity.name,
            employer_address=_one_line(identity.address),
            employee_name=member.name,
            employee_address=_one_line(member.address),
        )

    def _rules(self, on: date) -> InformationRules:
        return InformationRules.from_parameters(self._coop.parameters.at(on))

    def _report(self, uow: UnitOfWork, contract: EmploymentContract, on: date) -> InformationReport:
        member = uow.members.get(contract.member_id)
        try:
            # The duty in force when the employment starts decides the deadlines.
            rules = self._rules(contract.start)
        except KooperativError:
            rules = self._rules(on)
        return check_information(contract, self.parties(member), rules, on=on)

    def _holiday_rate(self, on: date) -> Decimal | None:
        try:
            value = self._coop.parameters.at(on)["holiday.rate"]
        except KooperativError:
            return None
        return value if isinstance(value, Decimal) else None

    # -- create -----------------------------------------------------------------------------

    def create(
        self,
        actor: Actor,
        *,
        assignment: Ref | Sequence[Ref],
        made_on: date,
        type: EmploymentType | str | None = None,
        place_of_work: str | None = None,
        tasks: str | None = None,
        pay_terms: str | None = None,
        scope: str | None = None,
        number: int | None = None,
        start: date | None = None,
        end: date | None = None,
        end_conditions: str | None = None,
        basis: str | None = None,
        probation_conditions: str | None = None,
        overtime: str | None = None,
        schedule_notice: str | None = None,
        pay_parts: Sequence[PayPart] | None = None,
        pay_schedule: str | None = None,
        monthly_pay: Decimal | None = None,
        holiday_pay: HolidayPayTerms | str | None = None,
        holiday_terms: str | None = None,
        notice_rules: str | None = None,
        collective_agreement: str | None = None,
        social_insurance: str | None = None,
        training: str | None = None,
        work_abroad: WorkAbroad | None = None,
    ) -> EmploymentContract:
        """Create the employment contract for one assignment, or one for several.

        The period follows the assignments (first start to last end) unless ``start`` and
        ``end`` are given. Every item of the written information (LAS 6 c §) that is not
        given gets the cooperative's default, so a new contract is complete as soon as the
        member's address is registered.

        Args:
            actor: Board, treasurer or admin.
            assignment: An assignment number or id, or a list of them (same member).
            made_on: The day the contract is made.
            type: The form of employment (default ``[employment] default_type``).
            start: First day, if not the first assignment's start.
            end: Last day, if not the last assignment's end (none for tillsvidare).
            basis: Grounds for a vikariat or säsong (whom or which season).

        Other arguments are the contract's fields (:class:`EmploymentContract`).

        Raises:
            InputError: The contract would end before it starts, assignments of different
                members, a trial period over six months (LAS 6 §), or another bad field.
            ConflictError: An assignment already has a contract overlapping the period.
            PermissionDenied: The actor is not board, treasurer or admin.
        """
        actor.require_manager("create employment contracts")
        config = self._coop.config.employment
        try:
            kind = EmploymentType(type or config.default_type)
        except ValueError:
            known = ", ".join(t.value for t in EmploymentType)
            raise InputError("type", f"{type!r} is unknown (known: {known})") from None
        holiday = HolidayPayTerms(holiday_pay or HolidayPayTerms.PAID_OUT)
        refs = _refs(assignment)
        if not refs:
            raise InputError("assignment", "give at least one assignment")
        with self._uow() as uow:
            jobs = [resolve(uow.assignments, "assignment", ref) for ref in refs]
            if len({job.member_id for job in jobs}) > 1:
                raise InputError("assignment", "the assignments belong to different members")
            if len({job.id for job in jobs}) < len(jobs):
                raise InputError("assignment", "an assignment is given twice")
            first = start or min(job.start for job in jobs)
            last = None if kind is EmploymentType.PERMANENT else (end or max(j.end for j in jobs))
            if kind is EmploymentType.PERMANENT and end is not None:
                raise InputError("end", "a tillsvidareanställning has no end date (LAS 4 §)")
            if last is not None and last < first:
                raise InputError(
                    "end", f"the contract would end ({last}) before it starts ({first})"
                )
            if kind is EmploymentType.PROBATION and last is not None:
                months = self._rules(first).probation_max_months
                longest = add_months(first, months) - timedelta(days=1)
                if last > longest:
                    raise InputError(
                        "end",
                        f"a provanställning lasts at most {months} months (LAS 6 §): the last "
                        f"day may be {longest}, not {last}",
                    )
            for job in jobs:
                for other in uow.contracts.list():
                    if job.id in other.assignment_ids and other.covers(first, last or date.max):
                        raise ConflictError(
                            f"assignment: assignment {job.number} already has contract "
                            f"{other.number} for {other.start}–{other.end}"
                        )
            if number is not None and uow.contracts.by_number(number) is not None:
                raise ConflictError(f"number: contract number {number} is already taken")
            fee = self._coop.config.fees.rate * 100
            rate = self._holiday_rate(first)
            # Defaults are stored in Swedish; the PDF prints them in its own language.
            pay = pay_terms or swedish(defaults.PAY_TERMS, fee=fee.normalize())
            parts: Sequence[PayPart] | None = pay_parts
            if parts is None:
                parts = [
                    PayPart(
                        name=swedish(defaults.BASIC_PAY),
                        description=swedish(defaults.BASIC_PAY_DESCRIPTION),
                    )
                ]
                if holiday is HolidayPayTerms.PAID_OUT and rate is not None:
                    parts.append(
                        PayPart(
                            name=swedish(defaults.HOLIDAY_PAY),
                            rate=rate,
                            description=swedish(defaults.HOLIDAY_PAY_DESCRIPTION),
                        )
                    )
            notice = notice_rules or swedish(
                {
                    EmploymentType.PERMANENT: defaults.NOTICE_PERMANENT,
                    EmploymentType.PROBATION: defaults.NOTICE_PROBATION,
                }.get(kind, defaults.NOTICE_FIXED_TERM)
            )
            data: dict[str, Any] = {
                "number": number if number is not None else uow.contracts.next_number(),
                "member_id": jobs[0].member_id,
                "assignment_ids": tuple(job.id for job in jobs),
                "type": kind,
                "start": first,
                "end": last,
                "end_conditions": end_conditions,
                "basis": basis,
                "probation_conditions": probation_conditions,
                "scope": scope or swedish(defaults.SCOPE),
                "overtime": overtime or swedish(defaults.OVERTIME),
                "schedule_notice": schedule_notice,
                "place_of_work": place_of_work or config.place_of_work,
                "tasks": tasks or "; ".join(job.description for job in jobs),
                "pay_terms": pay,
                "pay_parts": tuple(parts),
                "pay_schedule": pay_schedule
                or swedish(defaults.PAY_SCHEDULE, day=self._coop.config.payroll.pay_day),
                "monthly_pay": monthly_pay,
                "holiday_pay": holiday,
                "holiday_pay_rate": rate if holiday is HolidayPayTerms.PAID_OUT else None,
                "holiday_terms": holiday_terms
                or (
                    swedish(defaults.HOLIDAY_PAID_OUT)
                    if holiday is HolidayPayTerms.PAID_OUT
                    else None
                ),
                "notice_rules": notice,
                "collective_agreement": collective_agreement or config.collective_agreement,
                "social_insurance": social_insurance or swedish(defaults.SOCIAL_INSURANCE),
                "training": training,
                "work_abroad": work_abroad,
                "made_on": made_on,
            }
            contract = build(EmploymentContract, data)
            uow.contracts.add(contract)
            self._record(uow, actor, "contract.create", None, contract)
        return contract

    # -- read -------------------------------------------------------------------------------

    def get(self, actor: Actor, ref: Ref) -> EmploymentContract:
        """A contract by number or id (a member sees only their own)."""
        with self._uow() as uow:
            contract = resolve(uow.contracts, "contract", ref)
        actor.require_access(contract.member_id, "contracts")
        return contract

    def list(self, actor: Actor, member: Ref | None = None) -> builtins.list[EmploymentContract]:
        """Contracts ordered by number (a member sees only their own), optionally one member's."""
        with self._uow() as uow:
            found = uow.contracts.list()
            owner = resolve(uow.members, "member", member) if member is not None else None
        if owner is not None:
            actor.require_access(owner.id, "contracts")
            found = [c for c in found if c.member_id == owner.id]
        return [c for c in found if actor.can_read_all or c.member_id == actor.member_id]

    def information(self, actor: Actor, ref: Ref, on: date) -> InformationReport:
        """The written-information check of a contract on ``on`` (LAS 6 c §)."""
        with self._uow() as uow:
            contract = resolve(uow.contracts, "contract", ref)
            actor.require_access(contract.member_id, "contracts")
            return self._report(uow, contract, on)

    # -- sign, end --------------------------------------------------------------------------

    def sign(
        self,
        actor: Actor,
        ref: Ref,
        party: Party | str,
        at: datetime | None = None,
    ) -> EmploymentContract:
        """Record ``actor``'s signature for ``party`` (who and when).

        The employee's signature is the member's own; the employer's is given by the board,
        the treasurer or the administrator, never by the employee on their own contract.

        Raises:
            InputError: Unknown party, a time without time zone, or before the contract
                was made.
            PermissionDenied: The actor is not that party.
            ConflictError: That party has already signed.
        """
        try:
            side = Party(party)
        except ValueError:
            raise InputError("party", f"{party!r} is not a party (employee or employer)") from None
        when = at or self._coop.now()
        if when.utcoffset() is None:
            raise InputError("at", "a signature time needs a time zone")
        with self._uow() as uow:
            contract = resolve(uow.contracts, "contract", ref)
            where = f"contract {contract.number}"
            if side is Party.EMPLOYEE and actor.member_id != contract.member_id:
                raise PermissionDenied(
                    f"{actor.name} may not sign {where} as employee: only the employed "
                    "member signs for themself"
                )
            if side is Party.EMPLOYER:
                if not actor.can_manage:
                    raise PermissionDenied(
                        f"{actor.name} may not sign {where} for the employer (board, "
                        "treasurer or admin only)"
                    )
                if actor.member_id == contract.member_id:
                    raise PermissionDenied(
                        f"{actor.name} is the employee of {where} and may not also sign it "
                        "for the employer"
                    )
            if contract.signed_at(side) is not None:
                raise ConflictError(
                    f"party: {where} is already signed by the {side.value} "
                    f"({contract.signed_at(side)})"
                )
            if when.date() < contract.made_on:
                raise InputError(
                    "at", f"{when.date()} is before the contract was made ({contract.made_on})"
                )
            signature = Signature(party=side, name=actor.name, member_id=actor.member_id, at=when)
            changed = contract.evolve(
                **{f"signed_by_{side.value}": when},
                signatures=(*contract.signatures, signature),
            )
            uow.contracts.update(changed)
            self._record(uow, actor, f"contract.sign.{side.value}", contract, changed)
        return changed

    def end(
        self,
        actor: Actor,
        ref: Ref,
        *,
        on: date,
        reason: EndReason | str,
        note: str | None = None,
    ) -> EmploymentContract:
        """Record that the employment ended on ``on`` and why (for the *arbetsgivarintyg*).

        Raises:
            InputError: Unknown reason, or ``on`` outside the contract's period.
            ConflictError: Already ended, or hours are reported for a later month.
            PermissionDenied: The actor is not board, treasurer or admin.
        """
        actor.require_manager("end employment contracts")
        try:
            why = EndReason(reason)
        except ValueError:
            known = ", ".join(r.value for r in EndReason)
            raise InputError("reason", f"{reason!r} is unknown (known: {known})") from None
        with self._uow() as uow:
            contract = resolve(uow.contracts, "contract", ref)
            where = f"contract {contract.number}"
            if contract.ended_on is not None:
                raise ConflictError(f"{where} already ended on {contract.ended_on}")
            if on < contract.start:
                raise InputError("on", f"{on} is before {where} starts ({contract.start})")
            if contract.end is not None and on > contract.end:
                raise InputError("on", f"{on} is after {where} ends ({contract.end})")
            hours = cast(Repository[HoursReport], uow.repository("hours")).list()
            later = [h for h in hours if h.contract_id == contract.id and h.month > on]
            if later:
                months = ", ".join(sorted({h.month.isoformat()[:7] for h in later}))
                raise ConflictError(f"{where}: hours are reported for {months}, after {on}")
            changed = contract.evolve(ended_on=on, end_reason=why, end_note=note)
            uow.contracts.update(changed)
            self._record(uow, actor, "contract.end", contract, changed)
        return changed

    # -- documents --------------------------------------------------------------------------

    def pdf(self, actor: Actor, ref: Ref, lang: str | None = None) -> bytes:
        """The contract as a PDF (*anställningsavtal*) in ``lang`` (default: the cooperative's).

        Raises:
            InputError: ``lang`` is not ``sv`` or ``en``.
        """
        from kooperativ.documents.contract import contract_pdf

        with self._uow() as uow:
            contract = resolve(uow.contracts, "contract", ref)
            actor.require_access(contract.member_id, "contracts")
            member = uow.members.get(contract.member_id)
            jobs = [uow.assignments.find(i) for i in contract.assignment_ids]
        return contract_pdf(
            contract,
            employer=self._coop.config.employer,
            employee=member,
            assignments=[job for job in jobs if job is not None],
            lang=lang or self._coop.config.language,
        )

    # -- payroll gate -----------------------------------------------------------------------

    def require_payable(self, assignment: Ref, on: date | None = None) -> EmploymentContract:
        """The contract under which ``assignment`` may be paid, or a clear refusal.

        The payroll calls this before paying for an assignment. The contract must be
        signed by both parties and its written information complete (LAS 6 c §).

        Args:
            assignment: The assignment's number or id.
            on: Pick the contract running that day (default: the latest contract).

        Raises:
            NotFoundError: No such assignment.
            NotPayableError: No contract, or it is unsigned or incomplete (all reasons named).
        """
        with self._uow() as uow:
            job = resolve(uow.assignments, "assignment", assignment)
            contracts = [c for c in uow.contracts.list() if job.id in c.assignment_ids]
            if on is not None:
                contracts = [c for c in contracts if c.covers(on, on)]
            if not contracts:
                when = f" running on {on}" if on is not None else ""
                raise NotPayableError(job.number, None, [f"no employment contract{when}"])
            contract = max(contracts, key=lambda c: (c.start, c.number))
            report = self._report(uow, contract, on or contract.start)
        missing: list[str] = []
        for side in Party:
            if contract.signed_at(side) is None:
                missing.append(f"not signed by the {side.value}")
        for item in report.missing:
            missing.append(f"{item.label} missing ({item.reference})")
        if missing:
            raise NotPayableError(job.number, contract.number, missing)
        return contract

    # -- check ------------------------------------------------------------------------------

    def check(self, on: date) -> Sequence[Problem]:
        """Running and future contracts: unsigned, incomplete or late written information."""
        problems: builtins.list[Problem] = []
        with self._uow() as uow:
            for contract in uow.contracts.list():
                last = contract.last_day
                if last is not None and last < on:
                    continue
                where = f"contract {contract.number}"
                if not contract.signed:
                    problems.append(
                        Problem.of(
                            "warning", ("contract", contract.number), "not signed by both parties"
                        )
                    )
                try:
                    report = self._report(uow, contract, on)
                except (NotFoundError, KooperativError) as error:
                    problems.append(Problem("error", where, str(error)))
                    continue
                problems.extend(
                    _information_problem(contract.number, finding) for finding in report.findings
                )
        return problems

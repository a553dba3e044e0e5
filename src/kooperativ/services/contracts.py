# SPDX-License-Identifier: EUPL-1.2
"""Employment contracts (*anställningsavtal*): create, sign, end, render, check.

A contract is made per assignment (or one for several assignments of the same member) and
carries the written information the country's employment law asks for. Both parties sign
it: the member as employee, the board or the administrator for the cooperative; each
signature records who and when. Who signs for the employer when the cooperative records
signatures itself is a rule of the library (:meth:`ContractService.employer_signatory`):
the treasurer, or a board member when the treasurer is the employee. The payroll asks
:meth:`ContractService.require_payable` before paying for an assignment: an unsigned or
incomplete contract stops it with a message naming the contract and what is missing.

Everything that depends on the country's law (the forms of employment, the written
information, default terms, what is lawful) goes through ``country.employment_law()``
(:class:`~kooperativ.rules.employment.EmploymentLaw`); the cooperative employs its members
only, and a contract is made before its assignment ends.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from kooperativ.assignments.models import Assignment, AssignmentStatus
from kooperativ.employment import defaults
from kooperativ.employment.dates import sane_day
from kooperativ.employment.models import (
    EmploymentContract,
    EndReason,
    HolidayPayTerms,
    Party,
    PayPart,
    Signature,
    WorkAbroad,
)
from kooperativ.errors import (
    ConflictError,
    InputError,
    KooperativError,
    NotFoundError,
    PermissionDenied,
    Term,
)
from kooperativ.fees import FeePolicy
from kooperativ.members.models import Address, Member, MemberStatus, Role
from kooperativ.rules.employment import (
    EmploymentLaw,
    EmploymentProblem,
    InformationReport,
    Parties,
)
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, build, resolve
from kooperativ.storage.base import UnitOfWork
from kooperativ.storage.query import Eq, Mentions

__all__ = ["ContractService", "NotPayableError"]

#: The templates of the contract findings (message ids of ``employment``).
UNSIGNED = "not signed by both parties"
WORK_UNSIGNED = "not signed by both parties, but work started on {start}"
NOT_MEMBER = "{name} is not a member on {day}, the first day of the contract"
MADE_AFTER = "made on {made}, after its assignment ended on {end}"


class NotPayableError(ConflictError):
    """An assignment cannot be paid: its contract is missing, unsigned or incomplete.

    Attributes:
        assignment_number: The assignment asked about.
        contract_number: The contract found, or ``None`` if there is none.
        missing: What is missing, in English words.
        reasons: The same as ``(template, values)`` pairs, rendered in the language of
            :meth:`render` (the values named in ``TERMS`` are words translated too).
    """

    code = "conflict.not_payable"
    #: Values of a reason that are words to translate.
    TERMS = frozenset({"party", "item"})

    def __init__(
        self,
        assignment_number: int,
        contract_number: int | None,
        reasons: Sequence[tuple[str, dict[str, object]]],
    ) -> None:
        self.assignment_number = assignment_number
        self.contract_number = contract_number
        self.reasons = list(reasons)
        self.missing = [template.format(**values) for template, values in self.reasons]
        KooperativError.__init__(self, "")

    def render(self, translate: Callable[[str], str] = lambda text: text) -> str:
        """The refusal with every reason, in the language of ``translate``."""
        parts = [
            translate(template).format(
                **{
                    name: translate(str(value)) if name in self.TERMS else value
                    for name, value in values.items()
                }
            )
            for template, values in self.reasons
        ]
        if self.contract_number is None:
            where = translate("no contract")
        else:
            where = translate("contract {number}").format(number=self.contract_number)
        return translate("assignment {number} cannot be paid: {where}: {reasons}").format(
            number=self.assignment_number, where=where, reasons="; ".join(parts)
        )


def _one_line(address: Address | None) -> str | None:
    if address is None:
        return None
    return f"{address.street}, {address.postal_code} {address.city}"


def _refs(assignment: Ref | Sequence[Ref]) -> list[Ref]:
    if isinstance(assignment, int | str | UUID):
        return [assignment]
    return list(assignment)


class ContractService(Service):
    """Employment contracts (*anställningsavtal*)."""

    # -- helpers ----------------------------------------------------------------------------

    @property
    def law(self) -> EmploymentLaw:
        """The employment law of the cooperative's country."""
        return self._coop.country.employment_law()

    def parties(self, member: Member) -> Parties:
        """The parties of a contract with ``member`` as the written information names them."""
        identity = self._coop.config.employer
        return Parties(
            employer_name=identity.name,
            employer_address=_one_line(identity.address),
            employee_name=member.name,
            employee_address=_one_line(member.address),
        )

    def _report(self, uow: UnitOfWork, contract: EmploymentContract, on: date) -> InformationReport:
        member = uow.members.get(contract.member_id)
        return self.law.check_information(
            contract, self.parties(member), self._coop.parameters, on=on
        )

    # -- create -----------------------------------------------------------------------------

    def create(
        self,
        actor: Actor,
        *,
        assignment: Ref | Sequence[Ref],
        made_on: date,
        form: str | None = None,
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
        activate: bool = False,
    ) -> EmploymentContract:
        """Create the employment contract for one assignment, or one for several.

        The period follows the assignments (first start to last end) unless ``start`` and
        ``end`` are given. Every item of the written information that is not given gets
        the cooperative's default or the law's, so a new contract is complete as soon as
        the member's address is registered. Holiday is paid out with the salary where the
        law allows it for the period (for Sweden an employment of at most three months),
        else given as paid leave.

        Args:
            actor: Board, treasurer or admin.
            assignment: An assignment number or id, or a list of them (same member).
            made_on: The day the contract is made (not after the assignment ended).
            form: The form of employment, a code of the country's law (default
                ``[employment] default_type``, else the law's default).
            start: First day, if not the first assignment's start.
            end: Last day, if not the last assignment's end (none for an open-ended form).
            basis: Grounds for a vikariat or säsong (whom or which season).
            holiday_pay: ``semesterersattning`` (paid out) or ``semesterlon`` (leave).
            activate: Also make the assignments ``active`` (the board approving planned
                assignments), in the same unit of work: both are written or neither, so
                no assignment is active without its contract.

        Other arguments are the contract's fields (:class:`EmploymentContract`).

        Raises:
            InputError: An unknown form, the contract would end before it starts,
                assignments of different members, an employee who is not a member on the
                first day, a contract made after its assignment ended, terms the law does
                not allow (a trial period over six months, holiday paid out over a longer
                employment …), or another bad field.
            ConflictError: An assignment already has a contract overlapping the period,
                or (with ``activate``) is completed or cancelled.
            PermissionDenied: The actor is not board, treasurer or admin.
        """
        actor.require_manager("create employment contracts")
        if number is not None and number < 1:
            raise InputError("number", "must be a whole number from 1 (got {value})", value=number)
        sane_day(made_on, "made_on")
        for day, name in ((start, "start"), (end, "end")):
            if day is not None:
                sane_day(day, name)
        law = self.law
        parameters = self._coop.parameters
        config = self._coop.config.employment
        kind = law.form(form or config.default_type or law.default_form)
        if holiday_pay is not None:
            try:
                holiday: HolidayPayTerms | None = HolidayPayTerms(holiday_pay)
            except ValueError:
                known = ", ".join(term.value for term in HolidayPayTerms)
                raise InputError(
                    "holiday_pay",
                    "{value!r} is unknown (known: {known})",
                    value=holiday_pay,
                    known=known,
                ) from None
        else:
            holiday = None
        refs = _refs(assignment)
        if not refs:
            raise InputError("assignment", "give at least one assignment")
        with self._uow() as uow:
            jobs = [resolve(uow.assignments, "assignment", ref) for ref in refs]
            if len({job.member_id for job in jobs}) > 1:
                raise InputError("assignment", "the assignments belong to different members")
            if len({job.id for job in jobs}) < len(jobs):
                raise InputError("assignment", "an assignment is given twice")
            if kind.open_ended and end is not None:
                raise InputError(
                    "end",
                    "an open-ended employment has no end date ({reference})",
                    reference=kind.reference,
                )
            first = sane_day(start or min(job.start for job in jobs), "start")
            last = None if kind.open_ended else sane_day(end or max(j.end for j in jobs), "end")
            if last is not None and last < first:
                raise InputError(
                    "end",
                    "the contract would end ({last}) before it starts ({first})",
                    last=last,
                    first=first,
                )
            member = uow.members.get(jobs[0].member_id)
            if not member.is_member_on(first):
                # The cooperative employs its members: an applicant or a former member is not.
                raise InputError(
                    "assignment",
                    "{name} (member {number}) is not a member on {day} (status {status}): "
                    "the cooperative employs its members only",
                    name=member.name,
                    number=member.number,
                    day=first,
                    status=Term(member.status.value),
                )
            finished = max(job.end for job in jobs)
            if made_on > finished:
                raise InputError(
                    "made_on",
                    "{made} is after the assignment ended ({end}): a contract is made before "
                    "the work, not after it",
                    made=made_on,
                    end=finished,
                )
            for job in jobs:
                for other in uow.contracts.of_assignment(job.id):
                    if other.covers(first, last or date.max):
                        raise ConflictError(
                            "assignment {job} already has contract {number} for {start}–{end}",
                            job=job.number,
                            number=other.number,
                            start=other.start,
                            end=other.end or "…",
                        )
            if number is not None and uow.contracts.by_number(number) is not None:
                raise ConflictError("contract number {number} is already taken", number=number)
            if holiday is None:
                holiday = law.default_holiday(
                    form=kind.code, start=first, end=last, parameters=parameters
                )
            terms = law.default_terms(kind.code, holiday, parameters, first)
            # The cooperative's defaults are stored in the country's language; a document
            # in another language prints them translated.
            texts = defaults.texts(self._coop.country.default_language)
            # The member's own fee terms on the first day (a dated period or an override).
            fee = FeePolicy.of(self._coop.config.fees).rule_on(member.number, first).rate * 100
            paid_out = holiday is HolidayPayTerms.PAID_OUT
            parts: Sequence[PayPart] | None = pay_parts
            if parts is None:
                parts = [
                    PayPart(
                        name=texts.stored(defaults.BASIC_PAY),
                        description=texts.stored(defaults.BASIC_PAY_DESCRIPTION),
                    )
                ]
                if paid_out and terms.holiday_pay_rate is not None:
                    parts.append(
                        PayPart(
                            name=terms.holiday_pay_name or texts.stored(defaults.HOLIDAY_PAY),
                            rate=terms.holiday_pay_rate,
                            description=terms.holiday_pay_description,
                        )
                    )
            data: dict[str, Any] = {
                "number": number if number is not None else uow.contracts.next_number(),
                "member_id": jobs[0].member_id,
                "assignment_ids": tuple(job.id for job in jobs),
                "form": kind.code,
                "start": first,
                "end": last,
                "end_conditions": end_conditions,
                "basis": basis,
                "probation_conditions": probation_conditions,
                "scope": scope or texts.stored(defaults.SCOPE),
                "overtime": overtime or texts.stored(defaults.OVERTIME),
                "schedule_notice": schedule_notice,
                "place_of_work": place_of_work or config.place_of_work,
                "tasks": tasks or "; ".join(job.description for job in jobs),
                "pay_terms": pay_terms or texts.stored(defaults.PAY_TERMS, fee=fee.normalize()),
                "pay_parts": tuple(parts),
                "pay_schedule": pay_schedule
                or texts.stored(defaults.PAY_SCHEDULE, day=self._coop.config.payroll.pay_day),
                "monthly_pay": monthly_pay,
                "holiday_pay": holiday,
                "holiday_pay_rate": terms.holiday_pay_rate if paid_out else None,
                "holiday_terms": holiday_terms or terms.holiday_terms,
                "notice_rules": notice_rules or terms.notice_rules,
                "collective_agreement": collective_agreement or config.collective_agreement,
                "social_insurance": social_insurance or terms.social_insurance,
                "training": training,
                "work_abroad": work_abroad,
                "made_on": made_on,
            }
            contract = build(EmploymentContract, data)
            law.validate_contract(contract, parameters)
            if activate:
                self._activate(uow, actor, jobs)
            uow.contracts.add(contract)
            self._record(uow, actor, "contract.create", None, contract)
        return contract

    def _activate(self, uow: UnitOfWork, actor: Actor, jobs: Sequence[Assignment]) -> None:
        """Make ``jobs`` active inside the contract's unit of work (planned → active)."""
        for job in jobs:
            if job.status is AssignmentStatus.ACTIVE:
                continue
            if not job.status.can_become(AssignmentStatus.ACTIVE):
                raise ConflictError(
                    "assignment {number} is {current} and cannot become {wanted}",
                    number=job.number,
                    current=Term(job.status.value),
                    wanted=Term(AssignmentStatus.ACTIVE.value),
                )
            after = build(Assignment, {**job.model_dump(), "status": AssignmentStatus.ACTIVE})
            uow.assignments.update(after)
            self._record(uow, actor, "assignment.status", job, after)

    # -- read -------------------------------------------------------------------------------

    def get(self, actor: Actor, ref: Ref) -> EmploymentContract:
        """A contract by number or id (a member sees only their own)."""
        with self._read() as uow:
            contract = resolve(uow.contracts, "contract", ref)
        actor.require_access(contract.member_id, "contracts")
        return contract

    def list(self, actor: Actor, member: Ref | None = None) -> builtins.list[EmploymentContract]:
        """Contracts ordered by number (a member sees only their own), optionally one member's.

        Raises:
            PermissionDenied: A member asking for another member's contracts.
            NotFoundError: No such member.
        """
        with self._read() as uow:
            owner = resolve(uow.members, "member", member) if member is not None else None
            if owner is not None:
                actor.require_access(owner.id, "contracts")
                found = uow.contracts.of_member(owner.id)
            elif not actor.can_read_all:
                mine = actor.member_id
                found = [] if mine is None else uow.contracts.of_member(mine)
            else:
                found = uow.contracts.list()  # every contract, as asked
        return [c for c in found if actor.can_read_all or c.member_id == actor.member_id]

    def information(self, actor: Actor, ref: Ref, on: date) -> InformationReport:
        """The written-information check of a contract on ``on`` (for Sweden, LAS 6 c §)."""
        sane_day(on, "on")
        with self._read() as uow:
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
        return self._sign(actor, ref, party, at, None)

    def employer_signatory(self, actor: Actor, ref: Ref) -> Member:
        """Who signs ``ref`` for the employer: the treasurer, else a board member.

        Never the employee of the contract: when the treasurer is the employee, the board
        member with the lowest member number signs. Only members in good standing count.

        Args:
            actor: The contract's employee, or someone who reads every contract.
            ref: The contract's number or id.

        Raises:
            NotFoundError: No such contract.
            PermissionDenied: A member asking about another member's contract.
            InputError: No treasurer or board member other than the employee (field
                ``party``).
        """
        with self._read() as uow:
            contract = resolve(uow.contracts, "contract", ref)
            actor.require_access(contract.member_id, "contracts")
            # Roles have no column: the text search finds the members whose record
            # mentions the role's word (a superset, as an e-mail may hold it too); the
            # roles themselves are checked below.
            members = uow.members.select(
                Eq("status", MemberStatus.MEMBER.value),
                Mentions((Role.TREASURER.value, Role.BOARD.value)),
            )
        eligible = [
            m for m in members if m.id != contract.member_id and m.status is MemberStatus.MEMBER
        ]
        for role in (Role.TREASURER, Role.BOARD):
            chosen = next((m for m in eligible if role in m.roles), None)
            if chosen is not None:
                return chosen
        raise InputError(
            "party",
            "no treasurer or board member other than the employee can sign contract {number} "
            "for the employer",
            number=contract.number,
        )

    def sign_for_employer(
        self, actor: Actor, ref: Ref, at: datetime | None = None
    ) -> EmploymentContract:
        """Record the employer's signature by :meth:`employer_signatory` (e.g. on paper).

        For the administrator registering signatures made outside kooperativ (an import, the
        demo): the signature carries the signatory's name and member id, the audit event the
        administrator who recorded it.

        Raises:
            PermissionDenied: The actor is not the administrator.
            InputError: No one can sign for the employer, or a bad time.
            ConflictError: The employer has already signed.
        """
        if Role.ADMIN not in actor.roles:
            raise PermissionDenied(
                "{name} may not record a signature for someone else (admin only)",
                name=actor.name,
            )
        signatory = self.employer_signatory(actor, ref)
        return self._sign(actor, ref, Party.EMPLOYER, at, signatory)

    def _sign(
        self,
        actor: Actor,
        ref: Ref,
        party: Party | str,
        at: datetime | None,
        signatory: Member | None,
    ) -> EmploymentContract:
        try:
            side = Party(party)
        except ValueError:
            raise InputError(
                "party", "{value!r} is not a party (employee or employer)", value=party
            ) from None
        when = at or self._coop.now()
        if when.utcoffset() is None:
            raise InputError("at", "a signature time needs a time zone")
        sane_day(when.date(), "at")
        with self._uow() as uow:
            contract = resolve(uow.contracts, "contract", ref)
            if signatory is None:
                if side is Party.EMPLOYEE and actor.member_id != contract.member_id:
                    raise PermissionDenied(
                        "{name} may not sign contract {number} as employee: only the employed "
                        "member signs for themself",
                        name=actor.name,
                        number=contract.number,
                    )
                if side is Party.EMPLOYER:
                    if not actor.can_manage:
                        raise PermissionDenied(
                            "{name} may not sign contract {number} for the employer (board, "
                            "treasurer or admin only)",
                            name=actor.name,
                            number=contract.number,
                        )
                    if actor.member_id == contract.member_id:
                        raise PermissionDenied(
                            "{name} is the employee of contract {number} and may not also sign "
                            "it for the employer",
                            name=actor.name,
                            number=contract.number,
                        )
            if contract.signed_at(side) is not None:
                raise ConflictError(
                    "contract {number} is already signed by the {party} ({at})",
                    number=contract.number,
                    party=Term(side.value),
                    at=contract.signed_at(side),
                )
            if when.date() < contract.made_on:
                raise InputError(
                    "at",
                    "{day} is before the contract was made ({made})",
                    day=when.date(),
                    made=contract.made_on,
                )
            name, member_id = (
                (actor.name, actor.member_id)
                if signatory is None
                else (signatory.name, signatory.id)
            )
            signature = Signature(party=side, name=name, member_id=member_id, at=when)
            changed: EmploymentContract = contract.evolve(
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
            raise InputError(
                "reason", "{value!r} is unknown (known: {known})", value=reason, known=known
            ) from None
        sane_day(on, "on")
        with self._uow() as uow:
            contract = resolve(uow.contracts, "contract", ref)
            if contract.ended_on is not None:
                raise ConflictError(
                    "contract {number} already ended on {day}",
                    number=contract.number,
                    day=contract.ended_on,
                )
            if on < contract.start:
                raise InputError(
                    "on",
                    "{on} is before contract {number} starts ({start})",
                    on=on,
                    number=contract.number,
                    start=contract.start,
                )
            if contract.end is not None and on > contract.end:
                raise InputError(
                    "on",
                    "{on} is after contract {number} ends ({end})",
                    on=on,
                    number=contract.number,
                    end=contract.end,
                )
            later = [h for h in uow.hours.of_contract(contract.id) if h.month > on]
            if later:
                months = ", ".join(sorted({h.month.isoformat()[:7] for h in later}))
                raise ConflictError(
                    "contract {number}: hours are reported for {months}, after {on}",
                    number=contract.number,
                    months=months,
                    on=on,
                )
            changed: EmploymentContract = contract.evolve(
                ended_on=on, end_reason=why, end_note=note
            )
            uow.contracts.update(changed)
            self._record(uow, actor, "contract.end", contract, changed)
        return changed

    # -- documents --------------------------------------------------------------------------

    def pdf(self, actor: Actor, ref: Ref, lang: str | None = None) -> bytes:
        """The contract as a PDF (*anställningsavtal*) in ``lang`` (default: the cooperative's).

        Raises:
            InputError: No catalog for ``lang`` (field ``language``).
        """
        from kooperativ.documents.contract import contract_pdf

        with self._read() as uow:
            contract = resolve(uow.contracts, "contract", ref)
            actor.require_access(contract.member_id, "contracts")
            member = uow.members.get(contract.member_id)
            jobs = [uow.assignments.find(i) for i in contract.assignment_ids]
        return contract_pdf(
            contract,
            employer=self._coop.config.employer,
            employee=member,
            law=self.law,
            assignments=[job for job in jobs if job is not None],
            lang=lang or self._coop.config.language,
        )

    # -- payroll gate -----------------------------------------------------------------------

    def require_payable(
        self, actor: Actor, assignment: Ref, on: date | None = None
    ) -> EmploymentContract:
        """The contract under which ``assignment`` may be paid, or a clear refusal.

        The payroll calls this before paying for an assignment. The contract must be
        signed by both parties and its written information complete.

        Args:
            actor: The assignment's member, or someone who reads every assignment.
            assignment: The assignment's number or id.
            on: Pick the contract running that day (default: the latest contract).

        Raises:
            NotFoundError: No such assignment.
            PermissionDenied: A member asking about another member's assignment.
            NotPayableError: No contract, or it is unsigned or incomplete (all reasons named).
        """
        with self._read() as uow:
            job = resolve(uow.assignments, "assignment", assignment)
            actor.require_access(job.member_id, "assignments")
            contracts = uow.contracts.of_assignment(job.id)
            if on is not None:
                contracts = [c for c in contracts if c.covers(on, on)]
            if not contracts:
                reason: tuple[str, dict[str, object]] = (
                    ("no employment contract running on {day}", {"day": on})
                    if on is not None
                    else ("no employment contract", {})
                )
                raise NotPayableError(job.number, None, [reason])
            contract = max(contracts, key=lambda c: (c.start, c.number))
            report = self._report(uow, contract, on or contract.start)
        missing: builtins.list[tuple[str, dict[str, object]]] = []
        for side in Party:
            if contract.signed_at(side) is None:
                missing.append(("not signed by the {party}", {"party": side.value}))
        for item in report.missing:
            missing.append(
                ("{item} missing ({reference})", {"item": item.label, "reference": item.reference})
            )
        if missing:
            raise NotPayableError(job.number, contract.number, missing)
        return contract

    # -- check ------------------------------------------------------------------------------

    def check(self, on: date) -> Sequence[Problem]:
        """Every contract, ended or not: signatures, written information, lawful terms.

        Work under a contract not signed by both parties is an error from its first day
        and stays one, after the contract has ended too, until both have signed; so is
        written information not given by its deadline, a contract for someone who was not
        a member, and a contract made after its assignment ended. Information given late
        is reported while the contract runs.
        """
        problems: builtins.list[Problem] = []
        try:
            sane_day(on, "on")
        except InputError as error:
            return [
                Problem.of("error", ("contracts", ""), "{error}", error=error, code="check.day")
            ]
        with self._read() as uow:
            # A full check: every contract, ended or not, is looked at once.
            for contract in uow.contracts.list():
                place = ("contract", contract.number)
                member = uow.members.get(contract.member_id)
                last = contract.last_day
                ended = last is not None and last < on
                if not contract.signed:
                    if contract.start <= on:
                        problems.append(
                            EmploymentProblem.make(
                                "contract.work_unsigned",
                                "error",
                                place,
                                WORK_UNSIGNED,
                                start=contract.start,
                            )
                        )
                    else:
                        problems.append(
                            EmploymentProblem.make("contract.unsigned", "warning", place, UNSIGNED)
                        )
                if not member.is_member_on(contract.start):
                    problems.append(
                        EmploymentProblem.make(
                            "contract.not_member",
                            "error",
                            place,
                            NOT_MEMBER,
                            name=member.name,
                            day=contract.start,
                        )
                    )
                jobs = [uow.assignments.find(i) for i in contract.assignment_ids]
                ends = [job.end for job in jobs if job is not None]
                if ends and contract.made_on > max(ends):
                    problems.append(
                        EmploymentProblem.make(
                            "contract.made_after_assignment",
                            "error",
                            place,
                            MADE_AFTER,
                            made=contract.made_on,
                            end=max(ends),
                        )
                    )
                try:
                    report = self._report(uow, contract, on)
                except (NotFoundError, KooperativError) as error:
                    problems.append(
                        Problem.of(
                            "error", place, "{error}", error=error, code="contract.unchecked"
                        )
                    )
                    continue
                problems.extend(
                    problem
                    for problem in report.problems
                    # A late delivery cannot be undone: it matters while the contract runs.
                    if not (ended and problem.code == "information.late")
                )
        return problems

# SPDX-License-Identifier: EUPL-1.2
"""Employment time and hours worked.

Hours worked (*arbetade timmar*) are recorded per assignment and calendar month: the member
reports them (or a manager for them), the treasurer confirms them, and they must fall inside
an employment contract's period. Together with the contracts they are what the employer's
certificate (*arbetsgivarintyg*) is built from: employment periods, form, hours and pay per
month, and why the employment ended.

Employment time (*anställningstid*) is computed from the contracts by the country's
employment law (``country.employment_law().employment_time``, for Sweden LAS) with the
figures in force on the day asked about; :meth:`EmploymentService.check` reports its
findings: a limit passed (an error), limits ahead (``[employment] warn_months`` in
``cooperative.toml``), preferential rights in force.
"""

from __future__ import annotations

import builtins
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from kooperativ.employment.dates import month_end, month_start, sane_day
from kooperativ.employment.models import (
    MAX_HOURS_IN_A_MONTH,
    EmploymentContract,
    HoursReport,
)
from kooperativ.errors import ConflictError, InputError, KooperativError, PermissionDenied
from kooperativ.members.models import Member, Role
from kooperativ.money import to_decimal
from kooperativ.rules.employment import EmploymentProblem, EmploymentTime
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, build, resolve
from kooperativ.storage.query import Condition, Eq

__all__ = ["EmploymentService", "MemberTime", "MonthRow"]

_CONFIRMERS = frozenset({Role.TREASURER, Role.ADMIN})

#: The template of unconfirmed hours (a message id of ``problems``).
UNCONFIRMED = "{amount} hours for {month} not confirmed"


@dataclass(frozen=True, slots=True)
class MonthRow:
    """One calendar month of a member's employment: days per form and hours.

    Attributes:
        month: First day of the month.
        days: Days employed per form code (from the contracts, each day once).
        gap_days: Days between employments the law counts as employment time (for Sweden
            the three-contracts rule of LAS 3 §).
        hours_reported: Hours reported for the month (confirmed or not).
        hours_confirmed: Hours the treasurer has confirmed.
    """

    month: date
    days: Mapping[str, int]
    gap_days: int
    hours_reported: Decimal
    hours_confirmed: Decimal


@dataclass(frozen=True, slots=True)
class MemberTime:
    """A member's employment time on a day, with the months behind it.

    Attributes:
        member_number: The member.
        member_name: Their name.
        time: Days counted, the status of every limit, conversion, preferential rights.
        months: Days and hours per calendar month, oldest first.
        contracts: The member's contracts, by number.
    """

    member_number: int
    member_name: str
    time: EmploymentTime
    months: tuple[MonthRow, ...]
    contracts: tuple[EmploymentContract, ...]


class EmploymentService(Service):
    """Hours worked and employment time."""

    # -- hours ------------------------------------------------------------------------------

    def add_hours(
        self,
        actor: Actor,
        *,
        assignment: Ref,
        month: date,
        hours: Decimal | str | int,
        note: str | None = None,
        number: int | None = None,
    ) -> HoursReport:
        """Report hours worked on ``assignment`` in the calendar month of ``month``.

        Several reports for the same month add up. The month must fall (at least partly)
        inside an employment contract for the assignment, and the hours must fit in the
        contract's days of that month.

        Raises:
            InputError: No contract covers the month, or the hours are not a positive
                number that fits the contract's days in the month.
            PermissionDenied: The actor is neither the assignment's member nor a manager.
            ConflictError: The report number is taken.
        """
        amount = to_decimal(hours, "hours")
        if amount <= 0:
            raise InputError("hours", "must be more than 0 (got {value})", value=hours)
        first = month_start(sane_day(month, "month"))
        last = month_end(first)
        label = first.isoformat()[:7]
        with self._uow() as uow:
            job = resolve(uow.assignments, "assignment", assignment)
            if not (actor.can_manage or actor.member_id == job.member_id):
                raise PermissionDenied(
                    "{name} may only report hours on their own assignments", name=actor.name
                )
            contracts = uow.contracts.of_assignment(job.id)
            covering = [c for c in contracts if c.covers(first, last)]
            if not covering:
                periods = ", ".join(f"{c.number}: {c.start}–{c.last_day or '…'}" for c in contracts)
                raise InputError(
                    "month",
                    "no employment contract for assignment {job} covers {month} (contracts: "
                    "{periods})",
                    job=job.number,
                    month=label,
                    periods=periods or "–",
                )
            contract = min(covering, key=lambda c: c.start)
            begin = max(first, contract.start)
            end = min(last, contract.last_day or last)
            days = (end - begin).days + 1
            already = sum(
                (h.hours for h in uow.hours.in_period(first, first, assignment_id=job.id)),
                Decimal(0),
            )
            room = min(Decimal(days * 24), MAX_HOURS_IN_A_MONTH)
            if already + amount > room:
                raise InputError(
                    "hours",
                    "{hours} hours in {month} do not fit in the {days} contract days of "
                    "contract {number} ({begin}–{end})",
                    hours=already + amount,
                    month=label,
                    days=days,
                    number=contract.number,
                    begin=begin,
                    end=end,
                )
            repo = uow.hours
            if number is not None and repo.by_number(number) is not None:
                raise ConflictError("hours report number {number} is already taken", number=number)
            report = build(
                HoursReport,
                {
                    "number": number if number is not None else repo.next_number(),
                    "member_id": job.member_id,
                    "assignment_id": job.id,
                    "contract_id": contract.id,
                    "month": first,
                    "hours": amount,
                    "note": note,
                    "reported_by": actor.name,
                    "reported_at": self._coop.now(),
                },
            )
            repo.add(report)
            self._record(uow, actor, "hours.add", None, report)
        return report

    def confirm_hours(self, actor: Actor, ref: Ref) -> HoursReport:
        """Confirm a report of hours (the treasurer or the administrator).

        Raises:
            PermissionDenied: The actor is not treasurer or admin, or confirms own hours.
            ConflictError: The report is already confirmed.
        """
        if not actor.roles & _CONFIRMERS:
            raise PermissionDenied(
                "{name} may not confirm hours (treasurer or admin only)", name=actor.name
            )
        with self._uow() as uow:
            repo = uow.hours
            report = resolve(repo, "hours report", ref)
            if actor.member_id is not None and actor.member_id == report.member_id:
                raise PermissionDenied("{name} may not confirm their own hours", name=actor.name)
            if report.confirmed:
                raise ConflictError(
                    "hours report {number} was confirmed by {name} on {at}",
                    number=report.number,
                    name=report.confirmed_by,
                    at=report.confirmed_at,
                )
            changed: HoursReport = report.evolve(
                confirmed_by=actor.name, confirmed_at=self._coop.now()
            )
            repo.update(changed)
            self._record(uow, actor, "hours.confirm", report, changed)
        return changed

    def list_hours(
        self,
        actor: Actor,
        *,
        member: Ref | None = None,
        assignment: Ref | None = None,
        month: date | None = None,
    ) -> builtins.list[HoursReport]:
        """Reports of hours, by number (a member sees only their own), optionally filtered.

        Raises:
            PermissionDenied: A member asking for another member's hours or assignment.
            NotFoundError: No such member or assignment.
        """
        conditions: builtins.list[Condition] = []
        with self._read() as uow:
            if member is not None:
                owner = resolve(uow.members, "member", member)
                actor.require_access(owner.id, "hours")
                conditions.append(Eq("member_id", str(owner.id)))
            elif not actor.can_read_all:
                if actor.member_id is None:
                    return []
                conditions.append(Eq("member_id", str(actor.member_id)))
            if assignment is not None:
                job = resolve(uow.assignments, "assignment", assignment)
                actor.require_access(job.member_id, "hours")
                conditions.append(Eq("assignment_id", str(job.id)))
            if month is not None:
                conditions.append(Eq("month", month_start(month)))
            # Without a filter, a reader asked for every report.
            found = uow.hours.select(*conditions) if conditions else uow.hours.list()
        return [h for h in found if actor.can_read_all or h.member_id == actor.member_id]

    # -- employment time --------------------------------------------------------------------

    def _member_time(
        self,
        member: Member,
        contracts: Sequence[EmploymentContract],
        hours: Sequence[HoursReport],
        on: date,
    ) -> MemberTime:
        result = self._coop.country.employment_law().employment_time(
            contracts,
            on=on,
            parameters=self._coop.parameters,
            warn_months=self._coop.config.employment.warn_months,
            place=("member", member.number),
        )
        reported: dict[date, Decimal] = defaultdict(Decimal)
        confirmed: dict[date, Decimal] = defaultdict(Decimal)
        for report in hours:
            reported[report.month] += report.hours
            if report.confirmed:
                confirmed[report.month] += report.hours
        days = {row.month: row for row in result.months}
        rows = tuple(
            MonthRow(
                month=month,
                days=days[month].days if month in days else {},
                gap_days=days[month].gap_days if month in days else 0,
                hours_reported=reported.get(month, Decimal(0)),
                hours_confirmed=confirmed.get(month, Decimal(0)),
            )
            for month in sorted(set(days) | set(reported))
        )
        return MemberTime(
            member_number=member.number,
            member_name=member.name,
            time=result,
            months=rows,
            contracts=tuple(contracts),
        )

    def time(self, actor: Actor, member: Ref, on: date) -> MemberTime:
        """A member's employment time on ``on``: days per form and month, hours, LAS limits.

        Raises:
            NotFoundError: No such member.
            PermissionDenied: A member asking about someone else.
            InputError: ``on`` is outside the years counted in.
            MissingParameterError: A LAS parameter has no value on ``on``.
        """
        sane_day(on, "on")
        with self._read() as uow:
            found = resolve(uow.members, "member", member)
            actor.require_access(found.id, "employment time")
            contracts = uow.contracts.of_member(found.id)
            hours = uow.hours.of_member(found.id)
        return self._member_time(found, contracts, hours, on)

    def warnings(self, actor: Actor, member: Ref, on: date) -> tuple[Problem, ...]:
        """What a member's employment time comes to on ``on``: limits near or passed, a
        conversion, preferential rights ending (``member show`` lists them).

        The findings of :meth:`time`, as ``check`` reports them for the member.

        Raises:
            NotFoundError: No such member.
            PermissionDenied: A member asking about someone else.
            InputError: ``on`` is outside the years counted in.
        """
        return tuple(self.time(actor, member, on).time.problems)

    def check(self, on: date) -> Sequence[Problem]:
        """Employment-time findings per member (the country's law) and unconfirmed hours."""
        problems: builtins.list[Problem] = []
        try:
            sane_day(on, "on")
        except InputError as error:
            return [
                Problem.of("error", ("employment", ""), "{error}", error=error, code="check.day")
            ]
        with self._read() as uow:
            # A full check: every contract is counted, grouped by member; of the members,
            # only those with a contract are read, and of the hours only the unconfirmed.
            contracts = uow.contracts.list()
            by_member: dict[UUID, builtins.list[EmploymentContract]] = defaultdict(list)
            for contract in contracts:
                by_member[contract.member_id].append(contract)
            members = [m for m in (uow.members.find(i) for i in by_member) if m is not None]
            hours = uow.hours.unconfirmed()
            jobs = {
                i: a.number
                for i in {h.assignment_id for h in hours}
                for a in [uow.assignments.find(i)]
                if a is not None
            }
        for member in sorted(members, key=lambda m: m.number):
            own = by_member[member.id]
            if not own or min(c.start for c in own) > on:
                continue
            try:
                result = self._member_time(member, own, [], on).time
            except KooperativError as error:  # e.g. no LAS parameter in force on `on`
                problems.append(
                    Problem.of(
                        "error",
                        ("member", member.number),
                        "{error}",
                        error=error,
                        code="employment.uncounted",
                    )
                )
                continue
            problems.extend(result.problems)
        this_month = month_start(on)
        pending: dict[tuple[int, date], Decimal] = defaultdict(Decimal)
        for report in hours:
            if not report.confirmed and report.month < this_month:
                pending[(jobs.get(report.assignment_id, 0), report.month)] += report.hours
        for (job, month), amount in sorted(pending.items()):
            problems.append(
                EmploymentProblem.make(
                    "hours.unconfirmed",
                    "warning",
                    ("assignment", job),
                    UNCONFIRMED,
                    amount=amount,
                    month=month.isoformat()[:7],
                )
            )
        return problems

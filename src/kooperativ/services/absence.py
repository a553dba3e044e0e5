# SPDX-License-Identifier: EUPL-1.2
"""Absence (*frånvaro*): reported by the member (or an officer), confirmed by an officer,
and the sick pay the country's law gives for the confirmed sick days of a pay period.

A member reports their own absence; the board, the treasurer or the administrator may
report one for any member, and confirm it (never their own). Sick leave is reported only
for days of employment: every day of it must fall on an employment contract of the
member (a contract running that day), else the report is refused naming the first day
that does not. Two absences of one member may not share a day.

:meth:`AbsenceService.sick_pay` gathers a member's confirmed sick leave and contracts and
asks the country (:meth:`~kooperativ.rules.country.PayrollCountry.sick_pay`) for the
payslip lines of one pay period; the payroll run adds them to the payslip.

Examples:
    ```python
    absence = coop.absence.report(ada, member=2, kind="sick",
                                  first_day=date(2026, 5, 4), last_day=date(2026, 5, 6))
    coop.absence.confirm(treasurer, absence.number)
    result = coop.absence.sick_pay(treasurer, member=2, period="2026-05",
                                   daily_pay=Decimal("1000.00"))
    lines, trace = result.lines, result.trace_dicts()   # onto the payslip
    ```
"""

from __future__ import annotations

import builtins
import calendar
import re
from collections.abc import Collection, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from kooperativ.absence.models import Absence, AbsenceKind, days_between
from kooperativ.absence.sick_pay import (
    Employment,
    SickPayRequest,
    SickPayResult,
    SickSpell,
    average_weekly_pay,
    lost_pay_per_day,
)
from kooperativ.assignments.models import Assignment
from kooperativ.employment.models import EmploymentContract
from kooperativ.errors import ConflictError, InputError, PermissionDenied
from kooperativ.members.models import Member
from kooperativ.money import ORE, ZERO_ORE, to_decimal
from kooperativ.payroll.runs import PERIOD_PATTERN
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, build, resolve
from kooperativ.services.expenses import require_decider
from kooperativ.services.payroll import pay_day_after
from kooperativ.storage.base import UnitOfWork

if TYPE_CHECKING:
    from kooperativ.cooperative import Cooperative

__all__ = ["AbsenceService", "month_of"]

#: How far before a pay period earlier sick leave is read: a limit on deductions counts
#: the twelve months before a sickness, and a sickness may continue an earlier one.
LOOKBACK_DAYS = 400


def _kind(value: AbsenceKind | str) -> AbsenceKind:
    try:
        return AbsenceKind(value)
    except ValueError:
        raise InputError(
            "kind",
            "{value!r} is not a kind of absence (known: {known})",
            value=value,
            known=", ".join(k.value for k in AbsenceKind),
        ) from None


def month_of(period: str) -> tuple[date, date]:
    """The first and last day of the pay period ``period`` (``YYYY-MM``).

    >>> month_of("2026-02")
    (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))

    Raises:
        InputError: ``period`` is not ``YYYY-MM``.
    """
    if not isinstance(period, str) or not re.match(PERIOD_PATTERN, period):
        raise InputError("period", "{value!r} is not a month written YYYY-MM", value=period)
    year, month = int(period[:4]), int(period[5:])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _money(value: object, field: str) -> Decimal:
    amount = to_decimal(value, field)
    if amount < 0 or amount != amount.quantize(ORE):
        raise InputError(field, "must be whole öre and not negative (got {value})", value=amount)
    return amount.quantize(ORE)


class AbsenceService(Service):
    """Absence: report, confirm, list; the sick pay of a pay period."""

    def report(
        self,
        actor: Actor,
        *,
        member: Ref,
        kind: AbsenceKind | str,
        first_day: date,
        last_day: date | None = None,
        work_days: Sequence[date] = (),
        certificate: bool = False,
        note: str | None = None,
    ) -> Absence:
        """Report ``member``'s absence from ``first_day`` to ``last_day`` (a member their
        own, an officer anyone's).

        Args:
            actor: The member, or board, treasurer or admin.
            member: The member away (number or id).
            kind: ``sick``, ``parental_leave``, ``temporary_parental_leave`` or
                ``unpaid_leave``.
            first_day: The first day away.
            last_day: The last day away (``first_day`` if not given).
            work_days: For sick leave: the days of it the member would have worked (else
                every weekday of it counts as one).
            certificate: For sick leave: a doctor's certificate was shown.
            note: Free text (never a diagnosis).

        Raises:
            PermissionDenied: A member reporting another member's absence.
            InputError: The last day before the first; sick leave on a day no employment
                contract of the member runs on (naming the day); work days outside it.
            ConflictError: The member already has an absence on one of the days.
            NotFoundError: No such member.
        """
        what = _kind(kind)
        last = first_day if last_day is None else last_day
        if last < first_day:
            raise InputError(
                "last_day",
                "the last day ({last}) is before the first day ({first})",
                last=last,
                first=first_day,
            )
        if certificate and what is not AbsenceKind.SICK:
            raise InputError("certificate", "a doctor's certificate belongs to sick leave only")
        for day in work_days:
            if what is not AbsenceKind.SICK or not first_day <= day <= last:
                raise InputError(
                    "work_days",
                    "{day} is not a day of the absence ({first} – {last})",
                    day=day,
                    first=first_day,
                    last=last,
                )

        def work(uow: UnitOfWork) -> Absence:
            found = resolve(uow.members, "member", member)
            if not actor.can_manage and actor.member_id != found.id:
                raise PermissionDenied(
                    "{actor} may only report their own absence", actor=actor.name
                )
            contract_ids: builtins.list[Any] = []
            if what is AbsenceKind.SICK:
                contracts = uow.contracts.overlapping(first_day, last, member_id=found.id)
                for day in days_between(first_day, last):
                    running = [c for c in contracts if c.covers(day, day)]
                    if not running:
                        # Sick pay is owed only for days of employment (lag 1991:1047 1 §:
                        # the employee keeps pay; no employment, no pay to keep).
                        raise InputError(
                            "first_day" if day == first_day else "last_day",
                            "{day} is not a day of employment: no contract of the member "
                            "runs on it",
                            day=day,
                        )
                    contract_ids.extend(c.id for c in running if c.id not in contract_ids)
            for other in uow.absences.overlapping(first_day, last, member_id=found.id):
                raise ConflictError(
                    "member {member} is already away on {day} (absence {number})",
                    member=found.number,
                    day=max(first_day, other.first_day),
                    number=other.number,
                )
            absence = build(
                Absence,
                {
                    "number": uow.absences.next_number(),
                    "member_id": found.id,
                    "kind": what,
                    "first_day": first_day,
                    "last_day": last,
                    "contract_ids": tuple(contract_ids),
                    "work_days": tuple(sorted(set(work_days))),
                    "certificate": certificate,
                    "note": note.strip() if note and note.strip() else None,
                    "reported_by": actor.name,
                    "reported_at": self._coop.now(),
                },
            )
            uow.absences.add(absence)
            self._record(uow, actor, "absence.report", None, absence)
            return absence

        return self._transaction(work)

    def confirm(self, actor: Actor, number: Ref, *, certificate: bool | None = None) -> Absence:
        """Confirm absence ``number`` (an officer other than the member away).

        Args:
            actor: Board, treasurer or admin, not the member away.
            number: The absence (number or id).
            certificate: For sick leave: record that a doctor's certificate was shown.

        Raises:
            PermissionDenied: Not an officer, or the member away.
            ConflictError: Confirmed already.
            InputError: A certificate for an absence that is not sick leave.
            NotFoundError: No such absence.
        """

        def work(uow: UnitOfWork) -> Absence:
            absence = resolve(uow.absences, "absence", number)
            require_decider(actor, absence.member_id, "absences")
            if absence.confirmed:
                raise ConflictError("absence {number} is confirmed already", number=absence.number)
            changes: dict[str, Any] = {
                "confirmed_by": actor.name,
                "confirmed_at": self._coop.now(),
            }
            if certificate is not None:
                if certificate and absence.kind is not AbsenceKind.SICK:
                    raise InputError(
                        "certificate", "a doctor's certificate belongs to sick leave only"
                    )
                changes["certificate"] = certificate
            confirmed = absence.evolve(**changes)
            uow.absences.update(confirmed)
            self._record(uow, actor, "absence.confirm", absence, confirmed)
            return confirmed

        return self._transaction(work)

    def get(self, actor: Actor, number: Ref) -> Absence:
        """Absence ``number``; a member sees only their own.

        Raises:
            PermissionDenied: Another member's absence.
            NotFoundError: No such absence.
        """
        with self._read() as uow:
            absence = resolve(uow.absences, "absence", number)
        actor.require_access(absence.member_id, "absences")
        return absence

    def list(
        self,
        actor: Actor,
        *,
        member: Ref | None = None,
        from_: date | None = None,
        to: date | None = None,
        kind: AbsenceKind | str | None = None,
        confirmed: bool | None = None,
    ) -> builtins.list[Absence]:
        """The absences (of ``member``, with a day in ``from_``–``to``, of ``kind``), by
        number. A member sees only their own.

        The employer's certificate (*arbetsgivarintyg*) reads a member's absences of a
        period with ``list(actor, member=m, from_=first, to=last)``.

        Raises:
            PermissionDenied: A member asking for another member's, or a stranger.
            InputError: ``to`` before ``from_``; an unknown kind.
        """
        self._require_reader(actor)
        wanted = None if kind is None else _kind(kind)
        first = from_ if from_ is not None else date.min
        last = to if to is not None else date.max
        if last < first:
            raise InputError(
                "to", "the end ({to}) is before the start ({start})", to=to, start=from_
            )
        with self._read() as uow:
            member_id = self._listed_member(uow, actor, member, "absences")
            found = uow.absences.overlapping(first, last, member_id=member_id, kind=wanted)
        if confirmed is not None:
            found = [a for a in found if a.confirmed is confirmed]
        return sorted(found, key=lambda a: a.number)

    def sick_pay(
        self,
        actor: Actor,
        *,
        member: Ref,
        period: str,
        daily_pay: Decimal | str | Mapping[date, Decimal] | None = None,
        weekly_pay: Decimal | str | None = None,
        language: str | None = None,
    ) -> SickPayResult:
        """The sick pay of ``member``'s confirmed sick days in ``period``, by the
        country's law: payslip lines ``sick_pay`` and ``sick_deduction`` with a trace.

        What a sick day would have paid (the *lost pay*) counts on each scheduled working
        day of the sickness (the days its report names, else its weekdays). Without
        ``daily_pay`` it is kooperativ's rule for pay from invoices (``docs/absence.md``):
        for each assignment of a contract running that day, the gross salary the
        assignment pays (:meth:`PayrollService.preview
        <kooperativ.services.payroll.PayrollService.preview>`; a contract's fixed
        ``monthly_pay`` instead, where it has one) spread evenly over the assignment's
        weekdays (:func:`~kooperativ.absence.sick_pay.lost_pay_per_day`); the average week
        is the same pay over the assignment's calendar weeks
        (:func:`~kooperativ.absence.sick_pay.average_weekly_pay`).

        The payroll run adds the result to a payslip::

            result = coop.absence.sick_pay(actor, member=slip.member_id, period=run.period)
            lines = (*salary_lines, *result.lines)      # kinds sick_pay, sick_deduction
            sick_days, trace = result.days, (*trace, *result.trace_dicts())

        Args:
            actor: Someone who may see the member's absences.
            member: The member (number or id).
            period: The pay period ``YYYY-MM`` whose sick days are paid.
            daily_pay: The lost pay of a scheduled working day, or a mapping day → pay,
                instead of kooperativ's rule.
            weekly_pay: The member's average week's pay (for a deduction counted in weeks);
                by the rule above if not given, or five times a single ``daily_pay``
                (a mapping requires it).
            language: The language of the lines' texts (the cooperative's by default).

        Raises:
            PermissionDenied: Another member's, for a member.
            InputError: A bad period or amount.
            RulesError: The country's parameters do not cover a sick day.
        """
        with self._read() as uow:
            found = resolve(uow.members, "member", member)
            actor.require_access(found.id, "absences")
            result, _ = self.sick_pay_in(
                uow, found, period, daily_pay=daily_pay, weekly_pay=weekly_pay,
                language=language,
            )  # fmt: skip
        return result

    def sick_pay_in(
        self,
        uow: UnitOfWork,
        member: Member,
        period: str,
        *,
        daily_pay: Decimal | str | Mapping[date, Decimal] | None = None,
        weekly_pay: Decimal | str | None = None,
        language: str | None = None,
        skip: Collection[int] = (),
    ) -> tuple[SickPayResult, tuple[int, ...]]:
        """:meth:`sick_pay` inside an open unit of work ``uow`` (no permission check, no
        read of its own): what the payroll run calls, so that the whole run stays one
        transaction.

        Args:
            uow: The caller's unit of work (read or write).
            member: The member (as read in ``uow``).
            period: The pay period ``YYYY-MM``.
            daily_pay: As :meth:`sick_pay`.
            weekly_pay: As :meth:`sick_pay`.
            language: As :meth:`sick_pay`.
            skip: Numbers of absences whose days are paid already (by another payslip of
                the period): they are left out.

        Returns:
            The sick pay, and the numbers of the confirmed sick absences with a day in
            the period that it counted (what the payslip records as paid).

        Raises:
            InputError: A bad period or amount.
            RulesError: The country's parameters do not cover a sick day.
        """
        first, last = month_of(period)
        flat: Decimal | None = None
        per_day: dict[date, Decimal] | None = None
        week: Decimal | None = None
        if isinstance(daily_pay, Mapping):
            per_day = {day: _money(pay, "daily_pay") for day, pay in daily_pay.items()}
            if weekly_pay is None:
                raise InputError("weekly_pay", "give the average week's pay with pay per day")
        elif daily_pay is not None:
            flat = _money(daily_pay, "daily_pay")
            week = flat * 5
        if weekly_pay is not None:
            week = _money(weekly_pay, "weekly_pay")
        absences = uow.absences.overlapping(
            first - timedelta(days=LOOKBACK_DAYS), last, member_id=member.id, kind="sick"
        )
        skipped = set(skip)
        confirmed = sorted(
            (a for a in absences if a.confirmed and a.number not in skipped),
            key=lambda a: a.first_day,
        )
        counted = tuple(a.number for a in confirmed if a.first_day <= last and a.last_day >= first)
        if not counted:
            return SickPayResult(), ()
        contracts = uow.contracts.of_member(member.id)
        jobs = {j.id: j for j in uow.assignments.of_member(member.id)}
        spells = tuple(
            SickSpell(a.first_day, a.last_day, a.certificate, a.number) for a in confirmed
        )
        scheduled = [day for a in confirmed for day in a.scheduled_days()]
        lost: dict[date, Decimal] = {}
        if per_day is not None:
            lost.update((day, per_day.get(day, ZERO_ORE)) for day in scheduled)
        elif flat is not None:
            lost.update((day, flat) for day in scheduled)
        else:
            agreed = _AgreedPay(self._coop, member, contracts, jobs)
            for day in scheduled:
                lost[day] = agreed.daily(day)
            if week is None:
                week = agreed.weekly(
                    [d for d in scheduled if first <= d <= last and lost[d] > ZERO_ORE] or scheduled
                )
        config = getattr(self._coop, "config", None)
        request = SickPayRequest(
            period_first=first,
            period_last=last,
            spells=spells,
            lost_pay=lost,
            weekly_pay=week if week is not None else ZERO_ORE,
            employments=tuple(Employment(c.start, c.end, c.ended_on) for c in contracts),
            language=language or (config.language if config is not None else "sv"),
        )
        result = self._coop.country.sick_pay(request, self._coop.payroll.policy().parameters)
        return result, counted


class _AgreedPay:
    """kooperativ's rule for what a sick day of invoice-based pay would have paid: the
    agreed pay of each assignment of a contract running that day, per weekday of the
    assignment (see ``docs/absence.md``)."""

    def __init__(
        self,
        coop: Cooperative,
        member: Member,
        contracts: Sequence[EmploymentContract],
        jobs: Mapping[UUID, Assignment],
    ) -> None:
        self._coop = coop
        self._member = member
        self._contracts = contracts
        self._jobs = jobs
        self._gross: dict[UUID, Decimal] = {}

    def _parts(self, day: date) -> builtins.list[tuple[Decimal, date, date]]:
        """(pay, first, last) of each agreed pay running on ``day``."""
        parts: builtins.list[tuple[Decimal, date, date]] = []
        for contract in self._contracts:
            if not contract.covers(day, day):
                continue
            if contract.monthly_pay is not None:
                month_first, month_last = month_of(day.strftime("%Y-%m"))
                parts.append((contract.monthly_pay, month_first, month_last))
                continue
            for job_id in contract.assignment_ids:
                job = self._jobs.get(job_id)
                if job is None or not job.start <= day <= job.end:
                    continue
                if job.id not in self._gross:
                    self._gross[job.id] = self._agreed_gross(job)
                parts.append((self._gross[job.id], job.start, job.end))
        return parts

    def _agreed_gross(self, job: Assignment) -> Decimal:
        """The gross salary the whole assignment pays (what ``coop.payroll.preview``
        gives: its agreed amount invoiced and paid on the first pay day after it ends),
        computed without a unit of work of its own."""
        policy = self._coop.payroll.policy()
        paid_on = pay_day_after(job.end, self._coop.config.payroll.pay_day)
        inp = policy.salary_input(
            member=self._member, invoiced=job.amount_excl_vat, expenses="0", paid_on=paid_on
        )
        return policy.calculate(inp).gross_salary

    def daily(self, day: date) -> Decimal:
        """The pay a scheduled working day ``day`` stands for (zero outside every
        agreed pay, or on an assignment without weekdays)."""
        total = ZERO_ORE
        for pay, first, last in self._parts(day):
            try:
                total += lost_pay_per_day(pay, first, last)
            except InputError:  # an assignment of weekend days only: no weekday to spread on
                continue
        return total

    def weekly(self, days: Sequence[date]) -> Decimal:
        """The average week's pay of the agreed pays running on the first of ``days``."""
        if not days:
            return ZERO_ORE
        return sum(
            (average_weekly_pay(pay, first, last) for pay, first, last in self._parts(days[0])),
            ZERO_ORE,
        )

# SPDX-License-Identifier: EUPL-1.2
"""Payroll runs: a month's approved salary requests turned into stored payslips.

``coop.payroll_runs.run(actor, "2026-05", date(2026, 5, 25))`` gathers

* every **approved salary request** not yet paid whose **pay date falls in the period**
  (the calendar month ``2026-05``): the period is the month the member asked to be paid
  in, so each request belongs to exactly one period;
* for each member with such a request, their **approved expenses** not yet paid back and
  not already in another unpaid run: expenses are paid back with the member's next
  salary (a member without a salary request is paid back with the next one they make);

and computes one :class:`~kooperativ.payroll.runs.Payslip` per member with the
cooperative's salary engine (:class:`~kooperativ.services.payroll.PayrollPolicy`) in
budget mode, the budget being the sum of the member's requests' budgets, with

* the taxable pay already given out to the member this calendar month and this year
  (``paid_this_month``, ``paid_this_year``: payslips of approved or paid runs with a pay
  date in the same month and year, a payslip replaced by a correction counted once, as
  its replacement) — the youth cap and the 1 000 kr rule of the contributions, and the tax
  table on the month's whole pay, depend on them;
* the member's registered tax mode (the register as it is when the run is computed), else
  the cooperative's default.

The gross salary is split over the requests in proportion to their budgets
(:func:`~kooperativ.money.allocate`, exact to the öre): one ``salary`` line per request,
naming it. Holiday pay is a line of its own, and each expense a tax-free ``expense`` line.
The payslip keeps a snapshot of the member's name, personal identity number and bank
account, the engine's trace and year-to-date totals.

**States.** A run is a ``draft`` until approved. Running a period again while its run is
a draft computes it again: same run, same number, its payslips replaced. Once approved it
is fixed: running the period again is refused, and a mistake is corrected with
:meth:`PayrollRunService.correct`, a correction run whose payslips replace the corrected
ones. A request or an expense is in at most one payslip that is not replaced, so nobody
is paid twice.

**Approval** (board, treasurer or admin, never a member paid in the run) books the
payroll vouchers (:mod:`kooperativ.accounts.payroll_postings`); **marking it paid** books
the bank's payment and marks the requests paid and the expenses reimbursed.

Every call is one unit of work (one transaction) with its audit events: a crash leaves the
whole run or nothing.

Examples:
    ```python
    run = coop.payroll_runs.run(treasurer, "2026-05", date(2026, 5, 25))
    coop.payroll_runs.payslips(treasurer, run.number)
    coop.payroll_runs.approve(board_member, run.number)   # books the vouchers
    coop.payroll_runs.mark_paid(treasurer, run.number)    # books the payout
    ```
"""

from __future__ import annotations

import builtins
import os
import re
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from kooperativ.absence.sick_pay import SickPayResult
from kooperativ.accounts.payroll_postings import PayrollAccounts, payout_voucher, payroll_vouchers
from kooperativ.audit import GENESIS, AuditEvent, chain_hash, event_mac
from kooperativ.errors import ConflictError, InputError, NotFoundError, PermissionDenied, Term
from kooperativ.expenses.models import Expense, ExpenseStatus
from kooperativ.expenses.salary_requests import SalaryRequest, SalaryRequestStatus
from kooperativ.members.models import Member, Role
from kooperativ.money import ORE, ZERO_ORE, allocate
from kooperativ.payroll import SalaryResult, trace_as_dicts
from kooperativ.payroll.runs import (
    PERIOD_PATTERN,
    PayrollRun,
    Payslip,
    PayslipLine,
    RunKind,
    RunStatus,
)
from kooperativ.problems import Problem
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, build
from kooperativ.services.travel import total_paid
from kooperativ.storage.base import UnitOfWork
from kooperativ.travel.claims import TravelClaim, TravelClaimStatus

__all__ = ["DELAY_ENV", "PayrollRunService", "Progress", "period_days", "report_boxes_for"]

#: Test hook: seconds to sleep after each payslip is computed, inside the transaction
#: (the crash tests kill the process while it sleeps). Unset in normal use.
DELAY_ENV = "KOOPERATIV_PAYROLL_TEST_DELAY"

#: Called with (payslips computed, payslips to compute) while a run is computed.
Progress = Callable[[int, int], None]

_DECIDERS = frozenset({Role.BOARD, Role.TREASURER, Role.ADMIN})
_FIXED = (RunStatus.APPROVED, RunStatus.PAID)


def period_days(period: str) -> tuple[date, date]:
    """The first and last day of pay period ``period`` (``YYYY-MM``).

    Raises:
        InputError: ``period`` is not ``YYYY-MM``.

    >>> period_days("2026-02")
    (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    """
    if not isinstance(period, str) or not re.match(PERIOD_PATTERN, period):
        raise InputError("period", "{value!r} is not a pay period (YYYY-MM)", value=period)
    first = date(int(period[:4]), int(period[5:]), 1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, following - timedelta(days=1)


@dataclass
class _Earlier:
    """A member's taxable pay and tax already given out this month and year."""

    month_pay: Decimal = ZERO_ORE
    year_pay: Decimal = ZERO_ORE
    year_tax: Decimal = ZERO_ORE


@dataclass
class _Work:
    """What one payslip is computed from."""

    member: Member
    requests: Sequence[SalaryRequest]
    expenses: Sequence[Expense]
    sick: SickPayResult
    absences: tuple[int, ...] = ()
    travel: Sequence[TravelClaim] = ()


#: The salary engine's trace fields that tell how the salary was found from the budget;
#: with sick pay the fields after them come from the calculation on the whole pay.
_SALARY_FIELDS = frozenset({"fee", "expenses", "budget", "gross_salary", "remainder"})


def report_boxes_for(payslips: Iterable[Payslip], uow: UnitOfWork) -> dict[UUID, frozenset[str]]:
    """The check boxes of the employer report each payslip ticks for the travel claims it
    pays, by payslip id: the boxes the country's travel rules named on each claim when it
    was made (Sweden: ``051`` traktamente, ``050`` bilersättning, for a tax-free part).

    Give the result to :func:`kooperativ.rules.reporting.employer_report_for` as
    ``report_boxes``::

        with coop.store.unit_of_work(write=False) as uow:
            boxes = report_boxes_for(slips, uow)
        employer_report_for(config, period, slips, created=…, report_boxes=boxes)

    Args:
        payslips: The payslips reported.
        uow: A unit of work to read the travel claims in.
    """
    found: dict[UUID, frozenset[str]] = {}
    for slip in payslips:
        codes: set[str] = set()
        for number in slip.travel_numbers:
            claim = uow.travel_claims.by_number(number)
            if claim is None:  # pragma: no cover - a paid claim is never removed
                continue
            codes.update(
                box.code for box in claim.reporting if isinstance(box.value, bool) and box.value
            )
        if codes:
            found[slip.id] = frozenset(codes)
    return found


def _travel_lines(claims: Sequence[TravelClaim], *, taxable: bool) -> list[PayslipLine]:
    """The payslip lines of travel claims: their taxable parts (``taxable_allowance``),
    or their tax-free parts (``travel_allowance``), per diem and car allowance apart."""
    kind = "taxable_allowance" if taxable else "travel_allowance"
    part = "taxable" if taxable else "tax_free"
    lines: list[PayslipLine] = []
    for claim in claims:
        for allowance, name in (("per_diem", "Traktamente"), ("mileage", "Bilersättning")):
            amount: Decimal = getattr(claim, f"{allowance}_{part}")
            if not amount:
                continue
            extra = ", skattepliktig del" if taxable else ""
            lines.append(
                PayslipLine(
                    kind=kind,
                    text=f"{name}{extra}, reseräkning {claim.number}: {claim.destination}"[:200],
                    amount=amount,
                    expense_number=claim.number,
                    allowance=allowance,
                    note=claim.destination[:200] or None,
                )
            )
    return lines


def _travel_trace(claims: Sequence[TravelClaim]) -> dict[str, Any]:
    """A trace entry naming the travel claims a payslip pays and their parts."""
    free, taxed = total_paid(claims)
    return {
        "field": "travel_allowances",
        "amount": str(free + taxed),
        "rule": "approved-travel-claims",
        "parameters": {
            "claims": [c.number for c in claims],
            "tax_free": str(free),
            "taxable": str(taxed),
        },
        "reference": "the country's travel rules, as computed when each claim was made",
        "formula": "tax_free + taxable",
    }


def _contribution_rate(result: SalaryResult) -> Decimal:
    """The rate the contributions were charged at: the one rate of the trace's parameters
    that gives the amount on the taxable pay (to the öre), else the effective rate
    (amount ÷ taxable pay, four decimals) where several rates share the pay (e.g. a
    reduced rate up to a cap), else 0."""
    try:
        line = result.line("employer_contributions")
    except KeyError:  # pragma: no cover - every result has the line
        return Decimal("0")
    taxable, amount = result.taxable_pay, result.employer_contributions
    rates: list[Decimal] = []
    for name, value in line.parameters.items():
        if name.endswith("rate"):
            try:
                rates.append(Decimal(str(value)))
            except ArithmeticError:  # pragma: no cover - parameters are decimals
                continue
    for rate in rates:
        if (taxable * rate).quantize(ORE) == amount:
            return rate
    if taxable > 0:
        return (amount / taxable).quantize(Decimal("0.0001"))
    return rates[0] if rates else Decimal("0")


#: Days after its pay date an approved run may stay unmarked before ``check`` warns (a
#: working habit, not a legal figure: the bank pays on the pay date, the treasurer marks
#: the run paid when the statement shows it).
MARK_PAID_GRACE_DAYS = 3


class PayrollRunService(Service):
    """Payroll runs: compute, show, list, approve, mark paid, correct."""

    # -- computing ---------------------------------------------------------------------

    def run(
        self,
        actor: Actor,
        period: str,
        pay_date: date,
        *,
        progress: Progress | None = None,
    ) -> PayrollRun:
        """Compute the payroll of ``period`` paid on ``pay_date`` (board, treasurer, admin).

        A draft run of the period is computed again (same number, payslips replaced).

        Args:
            actor: Who computes it.
            period: The pay period ``YYYY-MM``: requests with a pay date in it are paid.
            pay_date: The pay date (in any month: tax and contributions follow it).
            progress: Called with (done, total) after each payslip.

        Returns:
            The draft run.

        Raises:
            PermissionDenied: Not board, treasurer or admin.
            InputError: A period that is not ``YYYY-MM``; no approved request to pay in
                it; a salary the engine cannot calculate (the member named).
            ConflictError: The period's run is approved or paid already: correct it
                instead. Nothing is written.
        """
        self._require_officer(actor, "compute payroll runs")
        first, last = period_days(period)
        if not isinstance(pay_date, date):
            raise InputError("pay_date", "give the pay date (YYYY-MM-DD)")
        # What this call starts from: if another run of the period is computed while this
        # one waits for the write lock, this one is refused rather than silently redone.
        with self._read() as uow:
            seen = self._state(uow, period)

        def work(uow: UnitOfWork) -> PayrollRun:
            if self._state(uow, period) != seen:
                raise ConflictError(
                    "payroll run of {period} was computed by someone else meanwhile: look "
                    "at it (`payroll list`) and run the period again if it should be "
                    "computed again",
                    period=period,
                )
            earlier_runs = uow.payroll_runs.of_period(period, kind=RunKind.REGULAR)
            fixed = [r for r in earlier_runs if r.fixed]
            if fixed and fixed[0].status is RunStatus.PAID:
                raise ConflictError(
                    "payroll run {number} of {period} is paid: it is not computed again "
                    "(correct it with `payroll correct`)",
                    number=fixed[0].number,
                    period=period,
                )
            if fixed:
                raise ConflictError(
                    "payroll run {number} of {period} is approved: it is not computed again "
                    "(correct it with `payroll correct`)",
                    number=fixed[0].number,
                    period=period,
                )
            draft = earlier_runs[0] if earlier_runs else None
            requests = [
                r
                for r in uow.salary_requests.with_status(SalaryRequestStatus.APPROVED)
                if first <= r.pay_date <= last
            ]
            taken = self._taken(uow, None if draft is None else draft.id)
            requests = [r for r in requests if ("request", r.number) not in taken]
            # Members with confirmed sick leave in the period are paid their sick pay
            # (lag 1991:1047) even without a salary request.
            sick_members = {
                a.member_id
                for a in uow.absences.overlapping(first, last, kind="sick")
                if a.confirmed
            }
            if not requests and not sick_members:
                raise InputError(
                    "period",
                    "no approved salary request has a pay date in {period}",
                    period=period,
                )
            number = draft.number if draft is not None else uow.payroll_runs.next_number()
            run = PayrollRun(
                id=draft.id if draft is not None else uuid4(),
                number=number,
                period=period,
                pay_date=pay_date,
            )
            by_member: dict[UUID, list[SalaryRequest]] = {}
            for request in sorted(requests, key=lambda r: r.number):
                by_member.setdefault(request.member_id, []).append(request)
            paid: dict[UUID, list[SalaryRequest]] = {m: [] for m in sick_members}
            paid.update(by_member)
            members = self._members(uow, paid)
            expenses = self._open_expenses(uow, set(paid), taken)
            travel = self._open_travel(uow, set(paid), taken, pay_date)
            earlier = self._earlier(uow, pay_date, exclude_run=run.id)
            paid_absences = (
                self._paid_absences(uow, period, exclude_run=run.id) if sick_members else {}
            )
            work_list: list[_Work] = []
            for m in sorted(paid, key=lambda m: members[m].number):
                item = self._work(
                    uow, run, members[m], paid[m], expenses.get(m, []), paid_absences.get(m, ()),
                    travel=travel.get(m, ()), sick=m in sick_members,
                )  # fmt: skip
                if item is not None:
                    work_list.append(item)
            if not work_list:
                raise InputError(
                    "period",
                    "no approved salary request has a pay date in {period}",
                    period=period,
                )
            if draft is not None:
                self._remove_payslips(uow, actor, draft)
            slips = self._compute(uow, run, work_list, earlier, progress)
            stored = self._totals(run, slips).evolve(
                created_by=actor.name, created_at=self._coop.now()
            )
            uow.payslips.add_many(slips)
            if draft is None:
                uow.payroll_runs.add(stored)
                self._record(uow, actor, "payroll_run.compute", None, stored)
            else:
                uow.payroll_runs.update(stored)
                self._record(uow, actor, "payroll_run.recompute", draft, stored)
            self._record_many(uow, actor, "payslip.add", [(None, s) for s in slips])
            return stored

        return self._transaction(work)

    def correct(
        self,
        actor: Actor,
        run: Ref,
        members: Ref | Sequence[Ref],
        *,
        progress: Progress | None = None,
    ) -> PayrollRun:
        """A correction run of the approved or paid run ``run`` for ``members``.

        Each named member's current payslip of the run (or its latest replacement) is
        computed again from the same requests and expenses, with the register as it is
        now (tax mode, bank account, name) and the sick leave of the period as it is now
        (days already paid by another payslip left out); the new payslip ``replaces`` it.
        A named member without a payslip in the run gets one if they have sick pay of the
        period not yet paid (sick leave confirmed after the run); it replaces none. The
        correction run is a draft to approve like any run: it books, and the bank pays,
        the difference.

        Raises:
            PermissionDenied: Not board, treasurer or admin.
            ConflictError: The run is a draft (compute it again instead), or it has a
                correction in draft already.
            InputError: A member without a payslip in the run and without sick pay of
                the period to pay.
            NotFoundError: No such run or member.
        """
        self._require_officer(actor, "correct payroll runs")
        wanted = [members] if isinstance(members, int | str | UUID) else list(members)
        if not wanted:
            raise InputError("member", "name at least one member to correct")

        def work(uow: UnitOfWork) -> PayrollRun:
            original = self._resolve(uow, run)
            if not original.fixed:
                raise ConflictError(
                    "payroll run {number} is a draft: compute it again instead of correcting it",
                    number=original.number,
                )
            drafts = [
                r for r in uow.payroll_runs.corrections_of(original.number)
                if r.status is RunStatus.DRAFT
            ]  # fmt: skip
            if drafts:
                raise ConflictError(
                    "payroll run {number} has a correction in draft already: run {draft}",
                    number=original.number,
                    draft=drafts[0].number,
                )
            current = self._current_payslips(uow, original)
            chosen: list[tuple[Member, Payslip | None]] = []
            for ref in wanted:
                member = self._member(uow, ref)
                slip = current.get(member.id)
                if all(member.id != m.id for m, _ in chosen):
                    chosen.append((member, slip))
            replaced = {old.id for _, old in chosen if old is not None}
            correction = PayrollRun(
                number=uow.payroll_runs.next_number(),
                period=original.period,
                pay_date=original.pay_date,
                kind=RunKind.CORRECTION,
                corrects=original.number,
            )
            earlier = self._earlier(
                uow, original.pay_date, exclude_run=correction.id, exclude_slips=replaced
            )
            paid_absences = self._paid_absences(
                uow, original.period, exclude_run=correction.id, exclude_slips=replaced
            )
            work_list: list[_Work] = []
            for member, old in chosen:
                requests = (
                    []
                    if old is None
                    else [uow.salary_requests.by_number(n) for n in old.request_numbers]
                )
                expenses = (
                    [] if old is None else [uow.expenses.by_number(n) for n in old.expense_numbers]
                )
                claims = (
                    []
                    if old is None
                    else [uow.travel_claims.by_number(n) for n in old.travel_numbers]
                )
                item = self._work(
                    uow, correction, member, [r for r in requests if r is not None],
                    [e for e in expenses if e is not None], paid_absences.get(member.id, ()),
                    keep=old is not None, travel=[c for c in claims if c is not None],
                )  # fmt: skip
                if item is None:
                    # Without a payslip to correct, only sick pay of the period not yet
                    # paid (sick leave confirmed after the run) makes a new one.
                    raise InputError(
                        "member",
                        "member {member} has no payslip in payroll run {number}",
                        member=member.number,
                        number=original.number,
                    )
                work_list.append(item)
            slips = self._compute(uow, correction, work_list, earlier, progress)
            slips = [
                slip if old is None else slip.evolve(replaces=old.id)
                for slip, (_, old) in zip(slips, chosen, strict=True)
            ]
            stored = self._totals(correction, slips).evolve(
                created_by=actor.name, created_at=self._coop.now()
            )
            uow.payslips.add_many(slips)
            uow.payroll_runs.add(stored)
            self._record(uow, actor, "payroll_run.correct", None, stored)
            self._record_many(uow, actor, "payslip.add", [(None, s) for s in slips])
            return stored

        return self._transaction(work)

    # -- deciding ----------------------------------------------------------------------

    def approve(self, actor: Actor, run: Ref) -> PayrollRun:
        """Approve a draft run and book its payroll vouchers (board, treasurer or admin;
        never a member paid in it).

        Raises:
            PermissionDenied: Not an officer, or paid in the run.
            ConflictError: The run is not a draft.
            ConfigError: The chart of accounts lacks a payroll role.
            InputError: The pay date is in a closed period.
            NotFoundError: No such run.
        """
        self._require_officer(actor, "approve payroll runs")

        def work(uow: UnitOfWork) -> PayrollRun:
            found = self._resolve(uow, run)
            if found.status is RunStatus.PAID:
                raise ConflictError("payroll run {number} is paid already", number=found.number)
            if found.status is RunStatus.APPROVED:
                raise ConflictError("payroll run {number} is approved already", number=found.number)
            slips = uow.payslips.of_run(found.id)
            if actor.member_id is not None and any(s.member_id == actor.member_id for s in slips):
                raise PermissionDenied(
                    "{actor} is paid in payroll run {number} and may not approve it: "
                    "someone else must",
                    actor=actor.name,
                    number=found.number,
                )
            replaced = {}
            for slip in slips:
                if slip.replaces is not None:
                    replaced[slip.replaces] = uow.payslips.get(slip.replaces)
            drafts = payroll_vouchers(
                found,
                slips,
                self._accounts(),
                series=self._coop.config.ledger.payroll,
                replaced=replaced,
            )
            labels = [
                self._coop.ledger._book(uow, actor, draft, "voucher.book").label for draft in drafts
            ]
            approved = found.evolve(
                status=RunStatus.APPROVED,
                approved_by=actor.name,
                approved_at=self._coop.now(),
                voucher=self._label(labels),
            )
            uow.payroll_runs.update(approved)
            self._record(uow, actor, "payroll_run.approve", found, approved)
            return approved

        return self._transaction(work)

    def mark_paid(self, actor: Actor, run: Ref, paid_on: date | None = None) -> PayrollRun:
        """Record that the bank has paid an approved run: book the payout (debit the net
        pay liability, credit the bank), mark its requests paid and its expenses
        reimbursed (board, treasurer or admin).

        Args:
            actor: Who records it.
            run: The run's number or id.
            paid_on: The day the bank paid (default: the run's pay date).

        Raises:
            PermissionDenied: Not an officer.
            ConflictError: The run is not approved (a draft, or paid already).
            InputError: ``paid_on`` in a closed period.
            NotFoundError: No such run.
        """
        self._require_officer(actor, "mark payroll runs paid")

        def work(uow: UnitOfWork) -> PayrollRun:
            found = self._resolve(uow, run)
            if found.status is RunStatus.PAID:
                raise ConflictError("payroll run {number} is paid already", number=found.number)
            if found.status is RunStatus.DRAFT:
                raise ConflictError(
                    "payroll run {number} is a draft: only an approved run is paid",
                    number=found.number,
                )
            day = paid_on or found.pay_date
            slips = uow.payslips.of_run(found.id)
            amount = sum((s.payout for s in slips), ZERO_ORE)
            for slip in slips:
                if slip.replaces is not None:
                    amount -= uow.payslips.get(slip.replaces).payout
            draft = payout_voucher(
                found, amount, self._accounts(), series=self._coop.config.ledger.payroll,
                paid_on=day,
            )  # fmt: skip
            if draft is not None:
                self._coop.ledger._book(uow, actor, draft, "voucher.book")
            now = self._coop.now()
            paid_requests: list[tuple[Any, Any]] = []
            reimbursed: list[tuple[Any, Any]] = []
            # one query each for the open requests and expenses, not one per payslip
            open_requests = {
                r.number: r for r in uow.salary_requests.with_status(SalaryRequestStatus.APPROVED)
            }
            open_expenses = {e.number: e for e in uow.expenses.with_status(ExpenseStatus.APPROVED)}
            for slip in slips:
                for number in slip.request_numbers:
                    request = open_requests.get(number)
                    if request is not None:
                        paid = request.evolve(status=SalaryRequestStatus.PAID)
                        uow.salary_requests.update(paid)
                        paid_requests.append((request, paid))
                for number in slip.expense_numbers:
                    expense = open_expenses.get(number)
                    if expense is not None:
                        back = expense.evolve(status=ExpenseStatus.REIMBURSED)
                        uow.expenses.update(back)
                        reimbursed.append((expense, back))
            claims = [
                c
                for c in uow.travel_claims.with_status(TravelClaimStatus.APPROVED)
                if c.number in {n for slip in slips for n in slip.travel_numbers}
            ]
            if claims:
                self._coop.travel._mark_paid(
                    uow, actor, claims, paid_on=day, reference=f"payroll_run:{found.number}"
                )
            done = found.evolve(status=RunStatus.PAID, paid_by=actor.name, paid_at=now)
            uow.payroll_runs.update(done)
            self._record(uow, actor, "payroll_run.paid", found, done)
            self._record_many(uow, actor, "salary_request.paid", paid_requests)
            self._record_many(uow, actor, "expense.reimburse", reimbursed)
            return done

        return self._transaction(work)

    # -- reading -----------------------------------------------------------------------

    def show(self, actor: Actor, run: Ref) -> PayrollRun:
        """Run ``run``. A member sees only a run they are paid in.

        Raises:
            PermissionDenied: A member not paid in it, or a stranger.
            NotFoundError: No such run.
        """
        self._require_reader(actor)
        with self._read() as uow:
            found = self._resolve(uow, run)
            if not actor.can_read_all:
                mine = actor.member_id is not None and any(
                    s.run_id == found.id for s in uow.payslips.of_member(actor.member_id)
                )
                if not mine:
                    raise PermissionDenied(
                        "{actor} may only see payroll runs they are paid in", actor=actor.name
                    )
            return found

    def list(self, actor: Actor, *, period: str | None = None) -> builtins.list[PayrollRun]:
        """The runs (of ``period``), by number. A member sees the runs they are paid in.

        Raises:
            PermissionDenied: A stranger.
            InputError: A period that is not ``YYYY-MM``.
        """
        self._require_reader(actor)
        if period is not None:
            period_days(period)
        with self._read() as uow:
            found = (
                uow.payroll_runs.list() if period is None else uow.payroll_runs.of_period(period)
            )
            if actor.can_read_all:
                return found
            mine = (
                set()
                if actor.member_id is None
                else {s.run_id for s in uow.payslips.of_member(actor.member_id)}
            )
            return [r for r in found if r.id in mine]

    def payslips(
        self, actor: Actor, run: Ref, *, member: Ref | None = None
    ) -> builtins.list[Payslip]:
        """The payslips of ``run`` (of ``member``), by member number. A member sees only
        their own.

        Raises:
            PermissionDenied: A member asking for another member's, or a stranger.
            NotFoundError: No such run or member.
        """
        self._require_reader(actor)
        with self._read() as uow:
            found = self._resolve(uow, run)
            member_id = self._listed_member(uow, actor, member, "payslips")
            if member_id is not None:
                slips = [s for s in uow.payslips.of_member(member_id) if s.run_id == found.id]
            else:
                slips = uow.payslips.of_run(found.id)
        return sorted(slips, key=lambda s: (s.member_number, s.number))

    def period_payslips(
        self, actor: Actor, period: str, *, fixed_only: bool = True
    ) -> builtins.list[Payslip]:
        """The payslips of pay period ``period`` of every run (regular and correction),
        by run number then member number; with ``fixed_only`` only approved and paid
        runs' (what is reported). A member sees only their own.

        A payslip's ``replaces`` names the payslip a correction replaces; the current
        payslip of a member is the one no other payslip replaces.

        Raises:
            PermissionDenied: A stranger.
            InputError: A period that is not ``YYYY-MM``.
        """
        self._require_reader(actor)
        period_days(period)
        with self._read() as uow:
            runs = {r.id: r for r in uow.payroll_runs.of_period(period)}
            slips = uow.payslips.of_period(period)
        if fixed_only:
            slips = [s for s in slips if s.run_id in runs and runs[s.run_id].fixed]
        if not actor.can_read_all:
            slips = [s for s in slips if s.member_id == actor.member_id]
        return sorted(slips, key=lambda s: (s.run_number, s.member_number, s.number))

    # -- files -------------------------------------------------------------------------

    def payslip_pdf(self, actor: Actor, run: Ref, member: Ref, *, lang: str | None = None) -> bytes:
        """Member ``member``'s payslip of ``run`` as a PDF (one file; a member with two
        payslips in the run gets both in it).

        The employer, logo and note come from the cooperative's folder; the personal
        identity number and bank account are masked the country's way.

        Args:
            actor: The member themself, or an officer who reads the whole register.
            run: The run's number or id.
            member: The member's number or id.
            lang: ``sv`` or ``en``; default the member's language, else the cooperative's.

        Raises:
            PermissionDenied: A member asking for another member's payslip, or a stranger.
            NotFoundError: No such run or member.
            InputError: The member has no payslip in the run; an unsupported language.
        """
        from kooperativ.services import payroll_files

        return payroll_files.payslip_pdf(self, actor, run, member, lang=lang)

    def payslips_pdf(self, actor: Actor, run: Ref, *, lang: str | None = None) -> bytes:
        """Every payslip of ``run`` the actor may see (an officer: all; a member: their
        own), in one PDF, by member number.

        Args:
            actor: Who asks.
            run: The run's number or id.
            lang: ``sv`` or ``en``; default a member's own language, else the cooperative's.

        Raises:
            PermissionDenied: A member not paid in the run, or a stranger.
            NotFoundError: No such run.
        """
        from kooperativ.services import payroll_files

        return payroll_files.payslips_pdf(self, actor, run, lang=lang)

    def payslip_files(
        self,
        actor: Actor,
        run: Ref,
        *,
        member: Ref | None = None,
        lang: str | None = None,
    ) -> builtins.list[tuple[Payslip, bytes]]:
        """Each payslip of ``run`` the actor may see (only ``member``'s if given) with a
        PDF of its own, by member number: what ``payroll payslips --out DIR`` writes.

        Args:
            actor: Who asks (a member gets only their own).
            run: The run's number or id.
            member: Only this member's payslip.
            lang: ``sv`` or ``en``; default each member's language, else the cooperative's.

        Raises:
            PermissionDenied: A member asking for another's, or not paid in the run.
            NotFoundError: No such run or member.
            InputError: ``member`` has no payslip in the run; an unsupported language.
        """
        from kooperativ.services import payroll_files

        return payroll_files.payslip_files(self, actor, run, member=member, lang=lang)

    def payment_file(self, actor: Actor, run: Ref, *, version: str = "pain.001.001.03") -> bytes:
        """The ISO 20022 pain.001 salary payment file of the approved (or paid) ``run``
        (board, treasurer or admin).

        One transfer per payslip, paying its ``payout`` to the payslip's bank account;
        for a correction run only what a payslip adds to the one it replaces (nothing
        where that is zero or less). The debtor is the employer's bankgiro (else its
        IBAN); the message id (``LON-<period>-<run>``) and creation time (the approval)
        come from the run, so the same run always gives the same file.

        Args:
            actor: Who makes it.
            run: The run's number or id.
            version: ``pain.001.001.03`` (default) or ``pain.001.001.09``.

        Raises:
            PermissionDenied: Not an officer.
            ConflictError: The run is a draft.
            InputError: A payslip without a usable bank account (naming the member), a
                run that pays nothing, an unknown version.
            ConfigError: The employer has neither bankgiro nor IBAN.
            NotFoundError: No such run.
        """
        from kooperativ.services import payroll_files

        return payroll_files.payment_file(self, actor, run, version=version)

    def employer_report(
        self, actor: Actor, period: str, *, corrections_only: bool = False
    ) -> bytes:
        """The employer declaration (Sweden: AGI XML) of pay period ``period`` from the
        payslips of its approved and paid runs (board, treasurer or admin).

        The creation time written is the newest approval among the period's runs, so
        the same runs always give the same file.

        Args:
            actor: Who makes it.
            period: The pay period ``YYYY-MM``.
            corrections_only: Only the people whose payslips a correction run replaced
                (with the employer's totals over the whole period).

        Raises:
            PermissionDenied: Not an officer.
            InputError: A bad period, no approved run in it (or no correction run with
                ``corrections_only``), payslips the country cannot report.
            ConfigError: The country has no such report, or the configuration lacks a key.
        """
        from kooperativ.services import payroll_files

        return payroll_files.employer_report(self, actor, period, corrections_only=corrections_only)

    # -- helpers -----------------------------------------------------------------------

    def check(self, on: date) -> Sequence[Problem]:
        """Payroll work left undone on ``on`` (warnings for ``kooperativ check``).

        * ``payroll.run_draft_overdue``: a draft run whose pay date has passed (the
          members are waiting: approve it, or compute it again);
        * ``payroll.run_not_marked_paid``: an approved run not marked paid
          :data:`MARK_PAID_GRACE_DAYS` days or more after its pay date (the bank has
          long paid it, or the payment file was never sent);
        * ``payroll.request_without_run``: an approved salary request whose pay date has
          passed and that no draft or approved run holds.
        """
        problems: builtins.list[Problem] = []
        with self._read() as uow:
            open_runs = uow.payroll_runs.with_status(RunStatus.DRAFT, RunStatus.APPROVED)
            taken = self._taken(uow, None)
            waiting = uow.salary_requests.with_status(SalaryRequestStatus.APPROVED)
        for run in sorted(open_runs, key=lambda r: r.number):
            place = ("payroll run", run.number)
            if run.status == RunStatus.DRAFT and run.pay_date < on:
                problems.append(
                    Problem.of(
                        "warning", place,
                        "the draft for {period} was to be paid on {pay_date}: approve it "
                        "or compute it again",
                        period=run.period, pay_date=run.pay_date,
                        code="payroll.run_draft_overdue",
                    )
                )  # fmt: skip
            late = (on - run.pay_date).days
            if run.status == RunStatus.APPROVED and late >= MARK_PAID_GRACE_DAYS:
                problems.append(
                    Problem.of(
                        "warning", place,
                        "approved with the pay date {pay_date} but not marked paid {days} "
                        "days later: mark it paid once the bank has paid it",
                        pay_date=run.pay_date, days=late, code="payroll.run_not_marked_paid",
                    )
                )  # fmt: skip
        for request in sorted(waiting, key=lambda r: r.number):
            if request.pay_date < on and ("request", request.number) not in taken:
                problems.append(
                    Problem.of(
                        "warning", ("salary request", request.number),
                        "approved for payment on {pay_date}, but no payroll run pays it",
                        pay_date=request.pay_date, code="payroll.request_without_run",
                    )
                )  # fmt: skip
        return problems

    @staticmethod
    def _require_officer(actor: Actor, what: str) -> None:
        if not actor.roles & _DECIDERS:
            raise PermissionDenied(
                "{actor} may not {what} (board, treasurer or admin only)",
                actor=actor.name,
                what=Term(what),
            )

    @staticmethod
    def _resolve(uow: UnitOfWork, ref: Ref) -> PayrollRun:
        found: PayrollRun | None
        if isinstance(ref, UUID):
            found = uow.payroll_runs.find(ref)
        elif isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
            found = uow.payroll_runs.by_number(int(ref))
        else:
            try:
                found = uow.payroll_runs.find(UUID(str(ref)))
            except ValueError:
                raise InputError(
                    "run", "{ref!r} is neither a number nor an id", ref=str(ref)
                ) from None
        if found is None:
            raise NotFoundError("payroll_run", str(ref))
        return found

    @staticmethod
    def _member(uow: UnitOfWork, ref: Ref) -> Member:
        from kooperativ.services._base import resolve

        return resolve(uow.members, "member", ref)

    @staticmethod
    def _members(uow: UnitOfWork, wanted: dict[UUID, Any]) -> dict[UUID, Member]:
        """The members ``wanted`` names: read one by one, or the register in one query
        when many are paid (a big run reads it once rather than a query per member)."""
        if len(wanted) > 50:
            return {m.id: m for m in uow.members.list() if m.id in wanted}
        return {member_id: uow.members.get(member_id) for member_id in wanted}

    def _accounts(self) -> PayrollAccounts:
        return PayrollAccounts.of(self._coop.config.accounts)

    @staticmethod
    def _label(labels: Sequence[str]) -> str | None:
        if not labels:
            return None
        return labels[0] if len(labels) == 1 else f"{labels[0]}–{labels[-1]}"

    @staticmethod
    def _state(uow: UnitOfWork, period: str) -> tuple[tuple[UUID, int | None], ...]:
        """The regular runs of ``period`` with their versions (what a run starts from)."""
        return tuple(
            (r.id, uow.payroll_runs.version(r.id))
            for r in uow.payroll_runs.of_period(period, kind=RunKind.REGULAR)
        )

    @staticmethod
    def _taken(uow: UnitOfWork, this_run: UUID | None) -> set[tuple[str, int]]:
        """The requests and expenses in payslips of other runs not yet paid (draft or
        approved), which this run must not take again."""
        taken: set[tuple[str, int]] = set()
        for other in uow.payroll_runs.with_status(RunStatus.DRAFT, RunStatus.APPROVED):
            if other.id == this_run:
                continue
            for slip in uow.payslips.of_run(other.id):
                taken.update(("request", n) for n in slip.request_numbers)
                taken.update(("expense", n) for n in slip.expense_numbers)
                taken.update(("travel", n) for n in slip.travel_numbers)
        return taken

    @staticmethod
    def _open_expenses(
        uow: UnitOfWork, members: set[UUID], taken: set[tuple[str, int]]
    ) -> dict[UUID, builtins.list[Expense]]:
        found: dict[UUID, builtins.list[Expense]] = {}
        for expense in uow.expenses.with_status(ExpenseStatus.APPROVED):
            if expense.member_id in members and ("expense", expense.number) not in taken:
                found.setdefault(expense.member_id, []).append(expense)
        return found

    @staticmethod
    def _open_travel(
        uow: UnitOfWork, members: set[UUID], taken: set[tuple[str, int]], pay_date: date
    ) -> dict[UUID, builtins.list[TravelClaim]]:
        """The approved, unpaid travel claims of ``members`` dated on or before
        ``pay_date`` and not in another unpaid run (one query for all members: what
        ``coop.travel.payable`` gives for each), by number."""
        found: dict[UUID, builtins.list[TravelClaim]] = {}
        for claim in sorted(
            uow.travel_claims.with_status(TravelClaimStatus.APPROVED), key=lambda c: c.number
        ):
            if (
                claim.member_id in members
                and claim.date <= pay_date
                and ("travel", claim.number) not in taken
            ):
                found.setdefault(claim.member_id, []).append(claim)
        return found

    def _current_payslips(self, uow: UnitOfWork, run: PayrollRun) -> dict[UUID, Payslip]:
        """Each member's current payslip of ``run``: its own, or the latest replacement
        of it by a correction run."""
        current = {s.member_id: s for s in uow.payslips.of_run(run.id)}
        for correction in sorted(
            uow.payroll_runs.corrections_of(run.number), key=lambda r: r.number
        ):
            if not correction.fixed:
                continue
            for slip in uow.payslips.of_run(correction.id):
                if slip.member_id in current and current[slip.member_id].id == slip.replaces:
                    current[slip.member_id] = slip
        return current

    def _earlier(
        self,
        uow: UnitOfWork,
        pay_date: date,
        *,
        exclude_run: UUID,
        exclude_slips: set[UUID] | None = None,
    ) -> dict[UUID, _Earlier]:
        """Each member's pay already given out this month and year (payslips of approved
        and paid runs, replaced payslips left out)."""
        fixed = {r.id for r in uow.payroll_runs.with_status(*_FIXED)}
        slips = [
            s
            for s in uow.payslips.paid_in_year(pay_date.year)
            if s.run_id in fixed and s.run_id != exclude_run
        ]
        replaced = {s.replaces for s in slips if s.replaces is not None}
        skip = replaced | (exclude_slips or set())
        found: dict[UUID, _Earlier] = {}
        for slip in slips:
            if slip.id in skip:
                continue
            earlier = found.setdefault(slip.member_id, _Earlier())
            earlier.year_pay += slip.taxable_pay
            earlier.year_tax += slip.preliminary_tax
            if slip.pay_date.month == pay_date.month:
                earlier.month_pay += slip.taxable_pay
        return found

    def _paid_absences(
        self,
        uow: UnitOfWork,
        period: str,
        *,
        exclude_run: UUID,
        exclude_slips: set[UUID] | None = None,
    ) -> dict[UUID, set[int]]:
        """The sick absences each member's current payslips of ``period`` (of other runs,
        not replaced, not in ``exclude_slips``) already pay: their days of the period are
        not paid again."""
        slips = uow.payslips.of_period(period)
        replaced = {s.replaces for s in slips if s.replaces is not None}
        skip = replaced | (exclude_slips or set())
        found: dict[UUID, set[int]] = {}
        for slip in slips:
            if slip.run_id == exclude_run or slip.id in skip or not slip.absence_numbers:
                continue
            found.setdefault(slip.member_id, set()).update(slip.absence_numbers)
        return found

    def _work(
        self,
        uow: UnitOfWork,
        run: PayrollRun,
        member: Member,
        requests: Sequence[SalaryRequest],
        expenses: Sequence[Expense],
        paid_absences: Collection[int],
        *,
        keep: bool = False,
        travel: Sequence[TravelClaim] = (),
        sick: bool = True,
    ) -> _Work | None:
        """What ``member``'s payslip of ``run`` is computed from: the requests, expenses
        and the sick pay of the run's period (absences in ``paid_absences`` left out).
        ``None`` when there is nothing to pay (no request, no sick pay) unless ``keep``."""
        # ``sick``: whether the member may have sick leave in the period at all (a big
        # run reads the period's absences once, not once per member).
        pay, absences = (
            self._coop.absence.sick_pay_in(uow, member, run.period, skip=paid_absences)
            if sick
            else (SickPayResult(), ())
        )
        if not requests and pay.sick_pay + pay.sick_deduction <= 0 and not keep:
            return None
        return _Work(member, requests, expenses, pay, absences, travel)

    def _compute(
        self,
        uow: UnitOfWork,
        run: PayrollRun,
        work: Sequence[_Work],
        earlier: dict[UUID, _Earlier],
        progress: Progress | None,
    ) -> builtins.list[Payslip]:
        policy = self._coop.payroll.policy()
        sick_from_account = self._coop.config.payroll.sick_pay_from == "member_account"
        delay = float(os.environ.get(DELAY_ENV, "0") or 0)
        number = uow.payslips.next_number()
        slips: builtins.list[Payslip] = []
        for index, item in enumerate(work):
            member, requests, expenses, sick = item.member, item.requests, item.expenses, item.sick
            before = earlier.get(member.id, _Earlier())
            budget = sum((r.budget for r in requests), ZERO_ORE)
            outlays = sum((e.amount for e in expenses), ZERO_ORE)
            travel_free, travel_taxed = total_paid(item.travel)
            sick_net = sick.sick_pay + sick.sick_deduction
            common: dict[str, Any] = {
                "member": member,
                "expenses": outlays + travel_free,
                "paid_on": run.pay_date,
                "paid_this_month": before.month_pay,
                "paid_this_year": before.year_pay,
            }
            base: SalaryResult | None = None
            try:
                inp = policy.salary_input(
                    budget=budget if requests else None,
                    gross=None if requests else (sick_net if sick_net > 0 else ZERO_ORE + 1),
                    **common,
                )
                if requests:
                    base = policy.calculate(inp)
                result = base
                if sick_net > 0:
                    # Sick pay is taxable pay like the salary: holiday pay (where the
                    # policy pays it with each salary, SemL 16 b §, 17 §), contributions
                    # and the tax table apply to the whole pay of the payslip.
                    salary_gross = base.gross_salary if base is not None else ZERO_ORE
                    inp = policy.salary_input(gross=salary_gross + sick_net, **common)
                    result = policy.calculate(inp)
                final = result
                if travel_taxed > 0 and result is not None:
                    # The taxable part of a travel allowance is pay (tax and contributions
                    # on the whole), but no holiday pay is earned on it: the engine is
                    # given the whole taxable pay as a gross without holiday pay.
                    inp = policy.salary_input(
                        gross=result.taxable_pay + travel_taxed, holiday_pay=False, **common
                    )
                    final = policy.calculate(inp)
            except InputError as error:
                raise InputError(
                    "member",
                    "member {member}: the salary cannot be calculated: {reason}",
                    member=member.number,
                    reason=error,
                ) from None
            base_holiday = base.holiday_pay if base is not None else ZERO_ORE
            lines: builtins.list[PayslipLine] = []
            if base is not None:
                shares = allocate(base.gross_salary, [r.budget for r in requests])
                for request, share in zip(requests, shares, strict=True):
                    lines.append(
                        PayslipLine(
                            kind="salary",
                            text=f"Löneuttag {request.number} ({request.pay_date.isoformat()})",
                            amount=share,
                            request_number=request.number,
                            day=request.pay_date,
                        )
                    )
            if base_holiday:
                lines.append(
                    PayslipLine(kind="holiday_pay", text="Semesterersättning",
                                amount=base_holiday)
                )  # fmt: skip
            if result is not None and result.holiday_pay - base_holiday:
                lines.append(
                    PayslipLine(kind="holiday_pay", text="Semesterersättning på sjuklön",
                                amount=result.holiday_pay - base_holiday, basis="sick_pay")
                )  # fmt: skip
            lines.extend(sick.lines)
            lines.extend(_travel_lines(item.travel, taxable=True))
            for expense in expenses:
                lines.append(
                    PayslipLine(
                        kind="expense",
                        text=f"Utlägg {expense.number}: {expense.description}"[:200],
                        amount=expense.amount,
                        expense_number=expense.number,
                        note=expense.description[:200] or None,
                    )
                )
            lines.extend(_travel_lines(item.travel, taxable=False))
            trace: builtins.list[dict[str, Any]] = []
            if base is not None:
                trace.extend(
                    t for t in trace_as_dicts(base.trace)
                    if final is base or t.get("field") in _SALARY_FIELDS
                )  # fmt: skip
            trace.extend(sick.trace_dicts())
            if item.travel:
                trace.append(_travel_trace(item.travel))
            if result is not None and result is not base:
                trace.extend(
                    t for t in trace_as_dicts(result.trace)
                    if t.get("field") not in _SALARY_FIELDS
                    and (final is result or t.get("field") == "holiday_pay")
                )  # fmt: skip
            if final is not None and final is not result:
                trace.extend(
                    t for t in trace_as_dicts(final.trace)
                    if t.get("field") not in _SALARY_FIELDS and t.get("field") != "holiday_pay"
                )  # fmt: skip
            if result is None or final is None:  # nothing to pay (a correction): empty
                slips.append(self._empty(run, member, number + index, inp.tax, before, item))
                continue
            # What the member's account pays: the salary's cost; the sick pay's where the
            # cooperative so decides; the travel allowances (tax-free part, taxable part
            # and what it costs besides), which were never booked against the account.
            if base is None:
                cost = result.total_cost if sick_from_account else ZERO_ORE
            else:
                cost = result.total_cost if sick_from_account else base.total_cost
            cost += travel_free + (final.total_cost - result.total_cost)
            slip = build(
                Payslip,
                {
                    "number": number + index,
                    "run_id": run.id,
                    "run_number": run.number,
                    "member_id": member.id,
                    "member_number": member.number,
                    "name": member.name,
                    "person_id": member.person_id,
                    "bank_account": member.bank_account,
                    "period": run.period,
                    "pay_date": run.pay_date,
                    "lines": tuple(lines),
                    "gross_salary": base.gross_salary if base is not None else ZERO_ORE,
                    "holiday_pay": result.holiday_pay,
                    "taxable_pay": final.taxable_pay,
                    "employer_contributions": final.employer_contributions,
                    "contribution_rate": _contribution_rate(final),
                    "pension": final.pension,
                    "pension_tax": final.pension_tax,
                    "tax_mode": inp.tax,
                    "preliminary_tax": final.preliminary_tax,
                    "expenses": final.expenses,
                    "net_pay": final.net_pay,
                    "payout": final.payout,
                    "budget": cost,
                    "ytd_taxable_pay": before.year_pay + final.taxable_pay,
                    "ytd_preliminary_tax": before.year_tax + final.preliminary_tax,
                    "request_numbers": tuple(r.number for r in requests),
                    "expense_numbers": tuple(e.number for e in expenses),
                    "travel_numbers": tuple(c.number for c in item.travel),
                    "trace": tuple(trace),
                    "sick_days": sick.days,
                    "absence_numbers": item.absences,
                },
            )
            slips.append(slip)
            if progress is not None:
                progress(index + 1, len(work))
            if delay > 0:
                time.sleep(delay)
        return slips

    @staticmethod
    def _empty(
        run: PayrollRun, member: Member, number: int, tax_mode: str, before: _Earlier, item: _Work
    ) -> Payslip:
        """A payslip that pays nothing (a correction of one whose pay is gone)."""
        return build(
            Payslip,
            {
                "number": number, "run_id": run.id, "run_number": run.number,
                "member_id": member.id, "member_number": member.number, "name": member.name,
                "person_id": member.person_id, "bank_account": member.bank_account,
                "period": run.period, "pay_date": run.pay_date, "tax_mode": tax_mode,
                "ytd_taxable_pay": before.year_pay, "ytd_preliminary_tax": before.year_tax,
                "sick_days": item.sick.days, "absence_numbers": item.absences,
            },
        )  # fmt: skip

    @staticmethod
    def _totals(run: PayrollRun, slips: Sequence[Payslip]) -> PayrollRun:
        def total(name: str) -> Decimal:
            return sum((getattr(s, name) for s in slips), ZERO_ORE)

        return run.evolve(
            payslips=len(slips),
            **{
                name: total(name)
                for name in (
                    "taxable_pay", "employer_contributions", "pension", "pension_tax",
                    "preliminary_tax", "expenses", "net_pay", "payout",
                )
            },
        )  # fmt: skip

    def _remove_payslips(self, uow: UnitOfWork, actor: Actor, run: PayrollRun) -> None:
        """Remove a draft's payslips, each removal on the audit trail."""
        old = uow.payslips.of_run(run.id)
        for slip in old:
            uow.payslips.remove(slip)
        self._record_many(uow, actor, "payslip.remove", [(s, None) for s in old])

    def _record_many(
        self,
        uow: UnitOfWork,
        actor: Actor,
        action: str,
        changes: Sequence[tuple[Any, Any]],
        *,
        configuration: bool = True,
    ) -> None:
        """Audit events for many changes at once: the configuration checked once, the
        chain continued in memory (one read of its head, not one per event).

        ``changes`` holds (before, after) records; ``after`` ``None`` is a removal.
        """
        if not changes:
            return
        from kooperativ.storage.base import ENTITY_KINDS

        if configuration:
            self._record_configuration(uow)
        last = uow.audit.last()
        seq = last.seq if last else 0
        previous = last.hash if last else GENESIS
        key: bytes | None = getattr(getattr(self._coop, "audit", None), "key", None)
        now = self._coop.now()
        for before, after in changes:
            record = after if after is not None else before
            entity = next(k for k, cls in ENTITY_KINDS.items() if isinstance(record, cls))
            seq += 1
            event = AuditEvent(
                seq=seq,
                at=now,
                actor=actor.name,
                action=action,
                entity=entity,
                entity_id=str(record.id),
                before_hash=before.content_hash() if before is not None else None,
                after_hash=after.content_hash() if after is not None else None,
                prev_hash=previous,
            )
            event = event.model_copy(update={"hash": chain_hash(event)})
            if key is not None:
                event = event.model_copy(update={"mac": event_mac(event, key)})
            uow.audit.append(event)
            previous = event.hash

# SPDX-License-Identifier: EUPL-1.2
"""The employer's certificate (*arbetsgivarintyg*): employment, hours and pay per month.

When an employee applies for unemployment benefit, the fund asks the employer to certify
the employment: each employment's period and form, the hours worked and the pay earned in
each calendar month, and why each employment ended. In Sweden the employee always has the
right to one, however long ago the employment ended (lag 1997:238 om
arbetslöshetsförsäkring 47 §); other countries ask the same facts (the EU's portable
document U1 lists periods and pay for a fund in another member state). So the model and
its builder are common to every country and live here; what is national is only the
form's name (the country's employment law names it) and the document's words.

:func:`build_certificate` makes an :class:`EmploymentCertificate` from stored records
only, for the calendar months from ``first`` to ``last``:

* **employment periods**: every contract of the member that runs on a day of the range,
  with its form, first and last day (the day it ended, else the agreed end; none while
  it runs) and why it ended (:class:`~kooperativ.employment.models.EndReason`);
* **days employed** per month: the days of the range inside a contract, each day once;
* **hours** per month: the hours the employer has *confirmed*
  (:class:`~kooperativ.employment.models.HoursReport`); hours reported but not confirmed
  are shown apart and not certified;
* **absence** per month: the calendar days of each kind of absence the employer has
  *confirmed* (:class:`~kooperativ.absence.models.Absence`: sick leave, parental leave,
  temporary parental leave, unpaid leave), counted inside the range, each day of a kind
  once; absences reported but not confirmed are not certified;
* **pay** per month: the taxable pay of the member's payslips for that pay period
  (:class:`~kooperativ.payroll.runs.Payslip`), holiday pay apart; a payslip replaced by a
  correction counts no more, its replacement does.

Hours and pay are kept per calendar month, so a month the range touches is counted
whole; the days employed are counted inside the range. Every total is the exact sum of
the records behind it (to the hundredth of an hour and to the öre).

Examples:
    >>> from datetime import date
    >>> from uuid import UUID
    >>> from kooperativ.employment.models import EmploymentContract
    >>> member = UUID(int=7)
    >>> contract = EmploymentContract(number=1, member_id=member, form="vikariat",
    ...     start=date(2026, 3, 10), end=date(2026, 4, 20), place_of_work="Scen",
    ...     tasks="Scenograf", pay_terms="Enligt budget", made_on=date(2026, 3, 1))
    >>> cert = build_certificate(member_id=member, member_number=7, name="Ada Lund",
    ...     person_id="198503121234", contracts=[contract], hours=[], payslips=[],
    ...     first=date(2026, 3, 1), last=date(2026, 4, 30), issued_on=date(2026, 5, 2))
    >>> [(m.month, m.days_employed) for m in cert.months]
    [('2026-03', 22), ('2026-04', 20)]
    >>> cert.periods[0].status
    'ended'
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from pydantic import Field

from kooperativ._model import Record
from kooperativ.absence.models import Absence, AbsenceKind, days_between
from kooperativ.employment.dates import month_end, month_start
from kooperativ.employment.models import EmploymentContract, EndReason, HoursReport
from kooperativ.errors import InputError
from kooperativ.money import ZERO, ZERO_ORE
from kooperativ.payroll.runs import Payslip

__all__ = [
    "CertificateMonth",
    "CertificatePeriod",
    "EmploymentCertificate",
    "build_certificate",
    "certificate_json",
]


class CertificatePeriod(Record):
    """One employment on the certificate.

    Attributes:
        contract_number: The contract.
        form: The form of employment, a code of the country's employment law.
        start: The first day of employment.
        end: The last day: the day it ended, else the agreed end (``None``: open-ended
            and still running).
        status: ``ended`` (ended, or its agreed end has passed on the day of issue) or
            ``running``.
        end_reason: Why it ended, as recorded (``None`` while running, or when the end
            was not recorded: ``end_recorded`` is then false).
        end_recorded: Whether the end and its reason were recorded.
        end_note: The note recorded with the end.
    """

    contract_number: int = Field(ge=1)
    form: str
    start: date
    end: date | None
    status: Literal["ended", "running"]
    end_reason: EndReason | None = None
    end_recorded: bool = False
    end_note: str | None = None


#: The field of :class:`CertificateMonth` that counts each kind of absence.
_ABSENCE_FIELDS: dict[AbsenceKind, str] = {
    AbsenceKind.SICK: "sick_leave_days",
    AbsenceKind.PARENTAL_LEAVE: "parental_leave_days",
    AbsenceKind.TEMPORARY_PARENTAL_LEAVE: "temporary_parental_leave_days",
    AbsenceKind.UNPAID_LEAVE: "unpaid_leave_days",
}


class CertificateMonth(Record):
    """One calendar month on the certificate.

    Attributes:
        month: The month, ``YYYY-MM``.
        days_employed: Days of the month inside an employment (and inside the range).
        hours: Hours worked, as confirmed by the employer.
        hours_unconfirmed: Hours reported but not confirmed (not certified).
        pay: Taxable pay for the month other than holiday pay (salary, sick pay less the
            qualifying-day deduction, taxable allowances).
        holiday_pay: Holiday pay (*semesterersättning*) for the month.
        sick_days: Days of sick leave the payslips counted for sick pay.
        payslips: How many payslips the pay comes from.
        sick_leave_days: Calendar days of confirmed sick leave (*sjukfrånvaro*).
        parental_leave_days: Calendar days of confirmed parental leave
            (*föräldraledighet*).
        temporary_parental_leave_days: Calendar days of confirmed temporary parental
            leave (*vård av barn*).
        unpaid_leave_days: Calendar days of confirmed other unpaid leave
            (*tjänstledighet*).
    """

    month: str
    days_employed: int = Field(ge=0)
    hours: Decimal = ZERO
    hours_unconfirmed: Decimal = ZERO
    pay: Decimal = ZERO_ORE
    holiday_pay: Decimal = ZERO_ORE
    sick_days: int = Field(default=0, ge=0)
    payslips: int = Field(default=0, ge=0)
    sick_leave_days: int = Field(default=0, ge=0)
    parental_leave_days: int = Field(default=0, ge=0)
    temporary_parental_leave_days: int = Field(default=0, ge=0)
    unpaid_leave_days: int = Field(default=0, ge=0)

    @property
    def absence_days(self) -> dict[str, int]:
        """The days of each kind of absence (:class:`~kooperativ.absence.models.AbsenceKind`
        values), kinds without a day left out."""
        found = {kind.value: getattr(self, _ABSENCE_FIELDS[kind]) for kind in AbsenceKind}
        return {kind: days for kind, days in found.items() if days}

    @property
    def taxable_pay(self) -> Decimal:
        """Pay and holiday pay together: the month's taxable pay."""
        return self.pay + self.holiday_pay


class EmploymentCertificate(Record):
    """An employer's certificate (*arbetsgivarintyg*) of one member for a range of months.

    Attributes:
        member_id: The member.
        member_number: Their member number.
        name: Their name.
        person_id: Their personal identity number (as given: mask it with :meth:`masked`).
        first: The first day asked about.
        last: The last day asked about.
        issued_on: The day of issue.
        periods: The employments, by start.
        months: The calendar months, oldest first.
    """

    member_id: UUID
    member_number: int = Field(ge=1)
    name: str = Field(min_length=1)
    person_id: str = Field(min_length=1)
    first: date
    last: date
    issued_on: date
    periods: tuple[CertificatePeriod, ...] = ()
    months: tuple[CertificateMonth, ...] = ()

    @property
    def hours(self) -> Decimal:
        """Confirmed hours of every month together."""
        return sum((m.hours for m in self.months), ZERO)

    @property
    def pay(self) -> Decimal:
        """Pay (without holiday pay) of every month together."""
        return sum((m.pay for m in self.months), ZERO_ORE)

    @property
    def holiday_pay(self) -> Decimal:
        """Holiday pay of every month together."""
        return sum((m.holiday_pay for m in self.months), ZERO_ORE)

    @property
    def hours_unconfirmed(self) -> Decimal:
        """Hours reported but not confirmed, every month together."""
        return sum((m.hours_unconfirmed for m in self.months), ZERO)

    def masked(self, mask: Callable[[str], str]) -> EmploymentCertificate:
        """The same certificate with the personal identity number masked by ``mask``."""
        return self.evolve(person_id=mask(self.person_id))


def _months(first: date, last: date) -> list[date]:
    found = []
    month = month_start(first)
    while month <= last:
        found.append(month)
        month = month_end(month) + timedelta(days=1)
    return found


def _period(contract: EmploymentContract, issued_on: date) -> CertificatePeriod:
    end = contract.last_day
    ended = contract.ended_on is not None or (end is not None and end < issued_on)
    return CertificatePeriod(
        contract_number=contract.number,
        form=contract.form,
        start=contract.start,
        end=end,
        status="ended" if ended else "running",
        end_reason=contract.end_reason,
        end_recorded=contract.ended_on is not None,
        end_note=contract.end_note,
    )


def _replaced(payslips: Iterable[Payslip]) -> set[UUID]:
    return {slip.replaces for slip in payslips if slip.replaces is not None}


def build_certificate(
    *,
    member_id: UUID,
    member_number: int,
    name: str,
    person_id: str,
    contracts: Iterable[EmploymentContract],
    hours: Iterable[HoursReport],
    payslips: Iterable[Payslip],
    first: date,
    last: date,
    issued_on: date,
    absences: Iterable[Absence] = (),
) -> EmploymentCertificate:
    """The certificate of one member for the calendar months from ``first`` to ``last``.

    Args:
        member_id: The member; every record given must be theirs.
        member_number: Their member number.
        name: Their name.
        person_id: Their personal identity number.
        contracts: Their employment contracts (any order; those outside the range are
            left out).
        hours: Their reports of hours (any order; those outside the range left out).
        payslips: Their payslips of every run (any order; those of other periods left
            out, those replaced by a correction given here left out).
        first: The first day asked about.
        last: The last day asked about.
        issued_on: The day of issue (decides whether an employment has ended).
        absences: Their absences (any order; those not confirmed and the days outside
            the range left out).

    Returns:
        The certificate.

    Raises:
        InputError: ``last`` is before ``first`` (field ``last``), or a record is another
            member's (field ``contracts``, ``hours``, ``payslips`` or ``absences``).
    """
    if last < first:
        raise InputError("last", "{last} is before {first}", last=last, first=first)
    contracts = list(contracts)
    hours = list(hours)
    payslips = list(payslips)
    absences = list(absences)
    checked: tuple[tuple[str, list[Any]], ...] = (
        ("contracts", contracts), ("hours", hours), ("payslips", payslips),
        ("absences", absences),
    )  # fmt: skip
    for field, records in checked:
        for record in records:
            if record.member_id != member_id:
                raise InputError(
                    field, "a record of another member ({other})", other=record.member_id
                )
    months = _months(first, last)
    keys = {month.isoformat()[:7]: month for month in months}
    covering = sorted(
        (c for c in contracts if c.covers(first, last)), key=lambda c: (c.start, c.number)
    )
    # Days employed: each day of the range inside some contract, counted once.
    employed: dict[date, set[date]] = defaultdict(set)
    for contract in covering:
        begin = max(first, contract.start)
        end = min(last, contract.last_day or last)
        day = begin
        while day <= end:
            employed[month_start(day)].add(day)
            day += timedelta(days=1)
    confirmed: dict[date, Decimal] = defaultdict(lambda: ZERO)
    unconfirmed: dict[date, Decimal] = defaultdict(lambda: ZERO)
    in_range = set(months)
    for report in hours:
        if report.month not in in_range:
            continue
        if report.confirmed:
            confirmed[report.month] += report.hours
        else:
            unconfirmed[report.month] += report.hours
    pay: dict[str, Decimal] = defaultdict(lambda: ZERO_ORE)
    holiday: dict[str, Decimal] = defaultdict(lambda: ZERO_ORE)
    sick: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    replaced = _replaced(payslips)
    for slip in payslips:
        if slip.period not in keys or slip.id in replaced:
            continue
        pay[slip.period] += slip.taxable_pay - slip.holiday_pay
        holiday[slip.period] += slip.holiday_pay
        sick[slip.period] += slip.sick_days
        count[slip.period] += 1
    # Absence: each confirmed day of the range, per kind, counted once.
    away: dict[tuple[date, AbsenceKind], set[date]] = defaultdict(set)
    for absence in absences:
        if not absence.confirmed or not absence.overlaps(first, last):
            continue
        for day in days_between(max(first, absence.first_day), min(last, absence.last_day)):
            away[(month_start(day), absence.kind)].add(day)
    rows = []
    for key, month in keys.items():
        row = CertificateMonth(
            month=key,
            days_employed=len(employed.get(month, ())),
            hours=confirmed.get(month, ZERO),
            hours_unconfirmed=unconfirmed.get(month, ZERO),
            pay=pay.get(key, ZERO_ORE),
            holiday_pay=holiday.get(key, ZERO_ORE),
            sick_days=sick.get(key, 0),
            payslips=count.get(key, 0),
            **{field: len(away.get((month, kind), ())) for kind, field in _ABSENCE_FIELDS.items()},
        )
        if (
            row.days_employed or row.hours or row.hours_unconfirmed or row.payslips
            or row.absence_days
        ):  # fmt: skip
            rows.append(row)
    return EmploymentCertificate(
        member_id=member_id,
        member_number=member_number,
        name=name,
        person_id=person_id,
        first=first,
        last=last,
        issued_on=issued_on,
        periods=tuple(_period(c, issued_on) for c in covering),
        months=tuple(rows),
    )


def certificate_json(certificate: EmploymentCertificate) -> str:
    """The certificate as JSON: its fields, amounts and hours as strings, and the totals.

    Examples:
        >>> from uuid import UUID
        >>> cert = EmploymentCertificate(member_id=UUID(int=7), member_number=7,
        ...     name="Ada Lund", person_id="19850312-****", first=date(2026, 3, 1),
        ...     last=date(2026, 3, 31), issued_on=date(2026, 4, 2))
        >>> totals = json.loads(certificate_json(cert))["totals"]
        >>> totals["pay"], totals["absence_days"]["sick"]
        ('0.00', 0)
    """
    data = certificate.model_dump(mode="json")
    data["totals"] = {
        "hours": str(certificate.hours),
        "hours_unconfirmed": str(certificate.hours_unconfirmed),
        "pay": str(certificate.pay),
        "holiday_pay": str(certificate.holiday_pay),
    }
    for row, month in zip(data["months"], certificate.months, strict=True):
        row["taxable_pay"] = str(month.taxable_pay)
    data["totals"]["absence_days"] = {
        kind.value: sum(getattr(m, field) for m in certificate.months)
        for kind, field in _ABSENCE_FIELDS.items()
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)

# SPDX-License-Identifier: EUPL-1.2
"""Absence (*frånvaro*): a member away from the work they are employed for.

An :class:`Absence` records one stretch of days a member was away, and why: ill
(``sick``), on parental leave (``parental_leave``), at home with a sick child
(``temporary_parental_leave``), or on other unpaid leave (``unpaid_leave``). The member
reports their own absence (an officer may report one for anyone); an officer confirms it.

Sick days count only on days of employment: a sick report names the employment contracts
its days fall on (``contract_ids``), and the service refuses a day no contract runs on.
It may also name the days of the sickness the member would have worked (``work_days``,
e.g. the cancelled performances); without them every weekday of it is taken as one, and
whether a doctor's certificate was shown (``certificate``). What the sick days are paid is
the country's law (for Sweden, :mod:`kooperativ.countries.se.sick_pay`); parental and
other unpaid leave reduce nothing that is paid from invoices, but they are recorded for the
employer's certificate (*arbetsgivarintyg*) and the employer's report to the tax authority.

>>> from datetime import date
>>> from uuid import UUID
>>> a = Absence(number=1, member_id=UUID(int=1), kind="sick", first_day=date(2026, 5, 4),
...             last_day=date(2026, 5, 6), contract_ids=(UUID(int=9),),
...             reported_by="Ada Lind", reported_at="2026-05-04T08:00:00+02:00")
>>> a.days, a.confirmed, [d.isoformat() for d in a.scheduled_days()]
(3, False, ['2026-05-04', '2026-05-05', '2026-05-06'])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from uuid import UUID, uuid4

from pydantic import Field, field_validator, model_validator

from kooperativ._model import Record
from kooperativ.errors import InputError

__all__ = ["Absence", "AbsenceKind", "days_between", "weekdays_between"]

#: The longest absence one record may hold (a plausibility bound, not law: a longer
#: leave is recorded as several records).
MAX_DAYS = 366


class AbsenceKind(StrEnum):
    """Why a member was away."""

    SICK = "sick"  #: ill (sjukfrånvaro): sick pay where the law gives it
    PARENTAL_LEAVE = "parental_leave"  #: föräldraledighet (with parental benefit or not)
    TEMPORARY_PARENTAL_LEAVE = "temporary_parental_leave"  #: vård av barn (VAB)
    UNPAID_LEAVE = "unpaid_leave"  #: other unpaid leave (tjänstledighet)


def days_between(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Every calendar day from ``first`` to ``last``, both included."""
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def weekdays_between(first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """The weekdays (Monday–Friday) from ``first`` to ``last``, both included."""
    return tuple(day for day in days_between(first, last) if day.weekday() < 5)


class Absence(Record):
    """One stretch of absence of one member.

    Attributes:
        id: The record's id.
        number: Running number of absences.
        member_id: The member who was away.
        kind: Why.
        first_day: The first day away.
        last_day: The last day away (the same day for one day).
        contract_ids: For sick leave: the employment contracts its days fall on.
        work_days: For sick leave: the days of it the member would have worked, if named;
            empty means every weekday (Monday–Friday) of it.
        certificate: For sick leave: whether a doctor's certificate was shown.
        note: Free text (not a diagnosis: the cooperative needs none).
        reported_by: Who reported it.
        reported_at: When.
        confirmed_by: The officer who confirmed it.
        confirmed_at: When.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    member_id: UUID
    kind: AbsenceKind
    first_day: dt.date
    last_day: dt.date
    contract_ids: tuple[UUID, ...] = ()
    work_days: tuple[dt.date, ...] = ()
    certificate: bool = False
    note: str | None = Field(default=None, max_length=500)
    reported_by: str = Field(min_length=1)
    reported_at: dt.datetime
    confirmed_by: str | None = None
    confirmed_at: dt.datetime | None = None

    @field_validator("reported_at", "confirmed_at")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.utcoffset() is None:
            raise ValueError("a time needs a time zone")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Absence:
        if self.last_day < self.first_day:
            raise InputError(
                "last_day",
                "the last day ({last}) is before the first day ({first})",
                last=self.last_day,
                first=self.first_day,
            )
        if self.days > MAX_DAYS:
            raise InputError(
                "last_day",
                "an absence is at most {limit} days long; record a longer one in parts",
                limit=MAX_DAYS,
            )
        if self.kind is not AbsenceKind.SICK and (
            self.contract_ids or self.work_days or self.certificate
        ):
            raise InputError(
                "kind", "only sick leave names contracts, work days or a doctor's certificate"
            )
        for day in self.work_days:
            if not self.first_day <= day <= self.last_day:
                raise InputError(
                    "work_days",
                    "{day} is not a day of the absence ({first} – {last})",
                    day=day,
                    first=self.first_day,
                    last=self.last_day,
                )
        if tuple(sorted(set(self.work_days))) != self.work_days:
            raise InputError("work_days", "name each day once, in order")
        if (self.confirmed_by is None) != (self.confirmed_at is None):
            raise ValueError("confirmed_by and confirmed_at go together")
        return self

    @property
    def days(self) -> int:
        """Calendar days of the absence."""
        return (self.last_day - self.first_day).days + 1

    @property
    def confirmed(self) -> bool:
        """Whether an officer has confirmed it."""
        return self.confirmed_at is not None

    def scheduled_days(self) -> tuple[dt.date, ...]:
        """The days the member would have worked: ``work_days`` if named, else every
        weekday (Monday–Friday) of the absence."""
        return self.work_days or weekdays_between(self.first_day, self.last_day)

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether the absence has at least one day in ``first``–``last``."""
        return self.first_day <= last and self.last_day >= first

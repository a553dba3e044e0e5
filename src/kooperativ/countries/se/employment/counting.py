# SPDX-License-Identifier: EUPL-1.2
"""Employment time counted in days (*anställningstid*), with the days LAS 3 § adds.

Each calendar day on which a member is employed counts once, however many contracts cover
it, and the result does not depend on the order the contracts are given in.

**Three contracts in a calendar month** (LAS 3 § andra stycket): when a member has had three
or more *särskilda visstidsanställningar* with the employer in one calendar month, the time
between them in that month also counts as SÄVA time (for 5 a, 7 a, 15, 25 and 26 §§). The
days between count only once the third employment has begun, and a day between two
employments counts only once the employment after it has begun: until then the member has
not *had* three employments that month, and the day is not yet "between" them. Every day
of counted time therefore carries the day it began to count (:class:`Counted`), and a count
can only grow on a day of employment; a limit is never passed on a day without employment.

Examples:
    >>> sava = "sarskild_visstidsanstallning"
    >>> march = [EmploymentPeriod(date(2026, 3, d), date(2026, 3, d), sava, str(d))
    ...          for d in (3, 10, 20)]
    >>> gaps = gap_unlocks(march, date(2026, 12, 31), 3)
    >>> len(gaps), date.fromordinal(gaps[date(2026, 3, 5).toordinal()])
    (15, datetime.date(2026, 3, 20))
    >>> counted = Counted.of(worked_days(march, date(2026, 12, 31)), gaps)
    >>> counted.count(date(2026, 3, 19)), counted.count(date(2026, 3, 20))
    (2, 18)
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kooperativ.countries.se.employment.forms import EmploymentType
from kooperativ.employment.dates import add_months, month_end, month_start, window_start
from kooperativ.employment.models import EmploymentContract, EndReason
from kooperativ.errors import InputError
from kooperativ.rules.employment import MonthDays

__all__ = [
    "Counted",
    "EmploymentPeriod",
    "gap_unlocks",
    "monthly_days",
    "unique_periods",
    "worked_days",
]

_SAVA = EmploymentType.SPECIAL_FIXED_TERM.value


@dataclass(frozen=True, slots=True)
class EmploymentPeriod:
    """One employment as the counting sees it.

    Attributes:
        start: First day.
        end: Last day (the day it ended, else the agreed end); ``None`` while open-ended.
        form: The form of employment (an :class:`EmploymentType` value).
        key: What identifies the contract (its number); two periods with the same key are
            the same employment, so a contract given twice is counted once.
        end_reason: Why it ended, if it has (decides the preferential right, LAS 25 §).
    """

    start: date
    end: date | None
    form: str
    key: str = ""
    end_reason: EndReason | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise InputError(
                "end",
                "period ends ({end}) before it starts ({start})",
                end=self.end,
                start=self.start,
            )

    @classmethod
    def from_contract(cls, contract: EmploymentContract) -> EmploymentPeriod:
        """The period of ``contract`` (up to the day it ended, if it ended early)."""
        return cls(
            contract.start,
            contract.last_day,
            contract.form,
            str(contract.number),
            contract.end_reason,
        )

    def last(self, until: date) -> date | None:
        """The last day counted up to ``until``, or ``None`` if it starts after ``until``."""
        last = until if self.end is None else min(self.end, until)
        return last if last >= self.start else None

    def days(self, until: date) -> range:
        """The day ordinals of this period up to and including ``until``."""
        last = until if self.end is None else min(self.end, until)
        return range(self.start.toordinal(), last.toordinal() + 1)

    def sort_key(self) -> tuple[date, date, str, str, str]:
        """A total order of periods (so that input order never matters)."""
        return (
            self.start,
            self.end or date.max,
            self.form,
            self.key,
            self.end_reason.value if self.end_reason else "",
        )


def unique_periods(periods: Iterable[EmploymentPeriod]) -> list[EmploymentPeriod]:
    """The periods without exact repeats, in a fixed order."""
    return sorted(set(periods), key=EmploymentPeriod.sort_key)


def worked_days(periods: Iterable[EmploymentPeriod], until: date) -> set[int]:
    """Ordinals of the days on which any of ``periods`` runs, up to ``until``."""
    days: set[int] = set()
    for period in periods:
        days.update(period.days(until))
    return days


def gap_unlocks(
    periods: Sequence[EmploymentPeriod], until: date, contracts_in_a_month: int
) -> dict[int, int]:
    """The days LAS 3 § andra stycket adds, each with the day it begins to count.

    For every calendar month with ``contracts_in_a_month`` (3) or more distinct SÄVA (up to
    ``until``), every day between the month's first and last SÄVA day on which the member
    was not employed in SÄVA counts, from the later of: the day the third employment of
    the month began, and the next SÄVA day after it in the month.

    Returns:
        ``{gap day ordinal: ordinal of the day it begins to count}``.
    """
    sava = [p for p in periods if p.form == _SAVA]
    worked = worked_days(sava, until)
    begun: dict[date, dict[object, int]] = defaultdict(dict)
    for period in sava:
        last = period.last(until)
        if last is None:
            continue
        # A period without a key is its own employment; equal keys are one contract.
        ident: object = period.key or period
        month = month_start(period.start)
        while month <= last:
            earlier = begun[month].get(ident)
            start = period.start.toordinal()
            begun[month][ident] = start if earlier is None else min(earlier, start)
            month = add_months(month, 1)
    unlocks: dict[int, int] = {}
    for month, begins in begun.items():
        if len(begins) < contracts_in_a_month:
            continue
        third = sorted(begins.values())[contracts_in_a_month - 1]
        inside = [
            d for d in range(month.toordinal(), month_end(month).toordinal() + 1) if d in worked
        ]
        following = inside[-1]
        for day in range(inside[-1], inside[0] - 1, -1):
            if day in worked:
                following = day
            else:
                unlocks[day] = max(third, following)
    return unlocks


@dataclass(frozen=True, slots=True)
class Counted:
    """Days of employment time, each with the day it begins to count.

    A day employed counts from itself; a day LAS 3 § adds counts from its unlock day
    (:func:`gap_unlocks`).

    Attributes:
        items: ``(counts from, day)`` ordinals, sorted.
    """

    items: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, worked: Iterable[int], gaps: Mapping[int, int] | None = None) -> Counted:
        """The days ``worked`` plus the ``gaps`` (a day in both counts as worked)."""
        days = set(worked)
        items = {(day, day) for day in days}
        items.update((unlock, day) for day, unlock in (gaps or {}).items() if day not in days)
        return cls(tuple(sorted(items)))

    def within(self, first: date, last: date) -> Counted:
        """Only the days from ``first`` to ``last`` (inclusive)."""
        low, high = first.toordinal(), last.toordinal()
        return Counted(tuple(item for item in self.items if low <= item[1] <= high))

    def days_on(self, on: date) -> set[int]:
        """The days that count as of ``on``."""
        limit = on.toordinal()
        return {day for since, day in self.items if since <= limit}

    def count(self, on: date, years: int | None = None) -> int:
        """Days counting as of ``on``, within the ``years`` ending on ``on`` (all: ``None``)."""
        last = on.toordinal()
        first = window_start(on, years).toordinal() if years is not None else -1
        return sum(1 for since, day in self.items if since <= last and day >= first)

    def first_exceeding(self, limit: int, years: int | None) -> date | None:
        """First day on which more than ``limit`` days count in the window ending that day.

        ``years=None`` means no window (the chain rule). The count grows only on a day
        something begins to count, which is a day of employment, so the day returned is
        always one.
        """
        heap: list[int] = []
        items = self.items
        index = 0
        while index < len(items):
            now = items[index][0]
            while index < len(items) and items[index][0] == now:
                heapq.heappush(heap, items[index][1])
                index += 1
            if years is not None:
                first = window_start(date.fromordinal(now), years).toordinal()
                while heap and heap[0] < first:
                    heapq.heappop(heap)
            if len(heap) > limit:
                return date.fromordinal(now)
        return None

    def projected(self, on: date, limit: int, years: int | None) -> date | None:
        """When the limit is passed if the member is employed every day after ``on``."""
        start = on.toordinal()
        past = [item for item in self.items if item[0] <= start]
        future = [(day, day) for day in range(start + 1, start + limit + 2)]
        return Counted(tuple(sorted({*past, *future}))).first_exceeding(limit, years)


def monthly_days(
    periods: Sequence[EmploymentPeriod], until: date, contracts_in_a_month: int = 3
) -> list[MonthDays]:
    """Days employed per calendar month and form up to ``until``, oldest month first.

    ``gap_days`` are the days LAS 3 § andra stycket adds that count by ``until``.
    """
    unique = unique_periods(periods)
    by_form: dict[str, set[int]] = defaultdict(set)
    for period in unique:
        by_form[period.form].update(period.days(until))
    limit = until.toordinal()
    added = [
        day
        for day, since in gap_unlocks(unique, until, contracts_in_a_month).items()
        if since <= limit
    ]
    months: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    gaps: dict[date, int] = defaultdict(int)
    for form, days in by_form.items():
        for day in days:
            months[month_start(date.fromordinal(day))][form] += 1
    for day in added:
        gaps[month_start(date.fromordinal(day))] += 1
    return [
        MonthDays(month, dict(sorted(months[month].items())), gaps[month])
        for month in sorted(set(months) | set(gaps))
    ]

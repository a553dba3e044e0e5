# SPDX-License-Identifier: EUPL-1.2
"""Calendar arithmetic for employment periods: months, years, windows.

Employment law counts in calendar months and years ("within five years", "nine months
after the employment ended"). A month added to the 31st lands on the last day of a shorter
month; a year added to 29 February lands on 28 February. Nothing here reads a clock.

Examples:
    >>> add_months(date(2026, 8, 31), 6)
    datetime.date(2027, 2, 28)
    >>> window_start(date(2026, 4, 30), 5)
    datetime.date(2021, 5, 1)
    >>> month_end(date(2024, 2, 10))
    datetime.date(2024, 2, 29)
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from kooperativ.errors import InputError

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "add_months",
    "add_years",
    "month_end",
    "month_start",
    "sane_day",
    "window_start",
]

#: The days an employment may be recorded on: a sanity bound, so that counting forwards
#: (limits, rights, projections) never leaves the calendar.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (the day clamped to the month's end).

    >>> add_months(date(2026, 1, 15), -13)
    datetime.date(2024, 12, 15)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """``day`` moved by ``years`` years (29 February becomes 28 February)."""
    return add_months(day, 12 * years)


def window_start(end: date, years: int) -> date:
    """First day of the period of ``years`` years that ends on ``end`` (both inclusive)."""
    return add_years(end, -years) + timedelta(days=1)


def month_start(day: date) -> date:
    """The first day of ``day``'s calendar month."""
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of ``day``'s calendar month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def sane_day(day: date, field: str) -> date:
    """``day`` if it lies from :data:`FIRST_DAY` to :data:`LAST_DAY`.

    Raises:
        InputError: Naming ``field``, for a day outside those years.

    >>> sane_day(date(1800, 1, 1), "on")
    Traceback (most recent call last):
    ...
    kooperativ.errors.InputError: on: 1800-01-01 is outside the years 1900–2999
    """
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InputError(
            field,
            "{day} is outside the years {first}–{last}",
            day=day,
            first=FIRST_DAY.year,
            last=LAST_DAY.year,
        )
    return day

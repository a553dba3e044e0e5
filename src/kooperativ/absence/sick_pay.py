# SPDX-License-Identifier: EUPL-1.2
"""What a country's sick-pay law is given, and what it gives back.

Sick pay is national law (for Sweden, lag 1991:1047 om sjuklön:
:mod:`kooperativ.countries.se.sick_pay`); core only gathers the facts and puts the
country's answer on the payslip. The facts are a :class:`SickPayRequest`: the sick spells
(from the confirmed :class:`~kooperativ.absence.models.Absence` records, earlier ones
included, since a sickness may continue one before it and a limit may count earlier
ones), what the member would have been paid on each sick day, their average week's pay,
their employments, and the pay period asked about. The answer is a
:class:`SickPayResult`: the payslip lines ``sick_pay`` (positive) and ``sick_deduction``
(negative) for the sick days in the period, with the days as quantity, and a trace.

**What a sick day would have paid, for pay that comes from invoices.** The law pays a
share of the pay the employee *lost*; a member paid from what their assignments invoice has
no fixed wage. kooperativ's rule (:func:`lost_pay_per_day`): the gross salary the
employment pays (the contract's agreed pay for the assignment) spread evenly over its
scheduled working days, so each scheduled day of the assignment the member could not work
lost one such share; a day the member would not have worked lost nothing. The average
week's pay (:func:`average_weekly_pay`) is the same pay spread over the employment's
calendar weeks. ``docs/absence.md`` gives the reasons and what stays uncertain.

Examples:
    >>> from datetime import date
    >>> from decimal import Decimal
    >>> daily = lost_pay_per_day(Decimal("15000.00"), date(2026, 5, 4), date(2026, 5, 22))
    >>> daily, average_weekly_pay(Decimal("15000.00"), date(2026, 5, 4), date(2026, 5, 24))
    (Decimal('1000.00'), Decimal('5000.00'))
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any

from kooperativ.absence.models import weekdays_between
from kooperativ.errors import InputError
from kooperativ.money import ORE, ZERO_ORE
from kooperativ.payroll.runs import PayslipLine
from kooperativ.payroll.trace import TraceLine

__all__ = [
    "Employment",
    "SickPayRequest",
    "SickPayResult",
    "SickSpell",
    "average_weekly_pay",
    "lost_pay_per_day",
]


@dataclass(frozen=True, slots=True)
class Employment:
    """One employment of the member with the employer, as the qualifying rules see it.

    Attributes:
        start: The first day of employment.
        end: The agreed last day (``None``: open-ended).
        ended_on: The day it actually ended, if earlier than agreed or if open-ended.
    """

    start: dt.date
    end: dt.date | None = None
    ended_on: dt.date | None = None

    @property
    def last_day(self) -> dt.date | None:
        """The last day employed: the day it ended, else the agreed end (``None``: open)."""
        return self.ended_on if self.ended_on is not None else self.end

    def runs_on(self, day: dt.date) -> bool:
        """Whether ``day`` is a day of this employment."""
        last = self.last_day
        return self.start <= day and (last is None or day <= last)


@dataclass(frozen=True, slots=True)
class SickSpell:
    """One stretch of sickness (a confirmed sick absence).

    Attributes:
        first: The first sick day.
        last: The last sick day.
        certificate: Whether a doctor's certificate was shown.
        number: The absence record's number (for the trace).
    """

    first: dt.date
    last: dt.date
    certificate: bool = False
    number: int | None = None


@dataclass(frozen=True, slots=True)
class SickPayRequest:
    """The facts a country's sick-pay law is applied to.

    Attributes:
        period_first: The first day of the pay period asked about.
        period_last: Its last day.
        spells: The member's sick spells, earlier ones included (in any order; they must
            not overlap).
        lost_pay: What the member would have been paid on each sick day they would have
            worked (whole öre, not negative); a sick day not in it lost nothing.
        weekly_pay: The member's average week's pay (for a deduction counted in weeks).
        employments: The member's employments with the employer.
        language: The language of the payslip lines' texts.
    """

    period_first: dt.date
    period_last: dt.date
    spells: tuple[SickSpell, ...]
    lost_pay: Mapping[dt.date, Decimal]
    weekly_pay: Decimal
    employments: tuple[Employment, ...]
    language: str = "sv"

    def __post_init__(self) -> None:
        if self.period_last < self.period_first:
            raise InputError("period", "the period ends before it starts")
        if self.weekly_pay < 0 or self.weekly_pay != self.weekly_pay.quantize(ORE):
            raise InputError("weekly_pay", "must be whole öre and not negative")
        for day, pay in self.lost_pay.items():
            if pay < 0 or pay != pay.quantize(ORE):
                raise InputError(
                    "lost_pay", "the pay of {day} must be whole öre and not negative", day=day
                )
        ordered = sorted(self.spells, key=lambda spell: spell.first)
        for spell in ordered:
            if spell.last < spell.first:
                raise InputError("spells", "a spell ends before it starts ({day})", day=spell.first)
        for before, after in itertools.pairwise(ordered):
            if after.first <= before.last:
                raise InputError("spells", "two sick spells overlap on {day}", day=after.first)


@dataclass(frozen=True, slots=True)
class SickPayResult:
    """Sick pay for the sick days of one pay period.

    Attributes:
        lines: The payslip lines: ``sick_pay`` (positive) and ``sick_deduction``
            (negative), each with the number of days as quantity; none when nothing is
            paid.
        days: Sick days of the period counted for sick pay (paid by the employer).
        lost_pay: What the member would have been paid on those days.
        trace: How each amount was found, and why a day was not paid.
    """

    lines: tuple[PayslipLine, ...] = ()
    days: int = 0
    lost_pay: Decimal = ZERO_ORE
    trace: tuple[TraceLine, ...] = field(default_factory=tuple)

    @property
    def sick_pay(self) -> Decimal:
        """The ``sick_pay`` line's amount (zero without one)."""
        return sum((ln.amount for ln in self.lines if ln.kind == "sick_pay"), ZERO_ORE)

    @property
    def sick_deduction(self) -> Decimal:
        """The ``sick_deduction`` line's amount (negative, zero without one)."""
        return sum((ln.amount for ln in self.lines if ln.kind == "sick_deduction"), ZERO_ORE)

    def trace_dicts(self) -> tuple[dict[str, Any], ...]:
        """The trace as JSON-ready data, as a payslip keeps it."""
        return tuple(line.as_dict() for line in self.trace)


def lost_pay_per_day(
    pay: Decimal, first: dt.date, last: dt.date, work_days: Sequence[dt.date] = ()
) -> Decimal:
    """The pay one scheduled working day of an employment stands for: ``pay`` spread
    evenly over its scheduled days, rounded down to öre.

    Args:
        pay: The gross salary the employment (its assignment) pays.
        first: The employment's first day.
        last: Its last day.
        work_days: The scheduled working days, if known; else every weekday
            (Monday–Friday) from ``first`` to ``last``.

    Raises:
        InputError: ``pay`` negative, or no scheduled day.
    """
    if pay < 0:
        raise InputError("pay", "must not be negative (got {value})", value=pay)
    days = len(work_days) if work_days else len(weekdays_between(first, last))
    if days == 0:
        raise InputError("work_days", "the employment has no scheduled working day")
    return (pay / days).quantize(ORE, rounding=ROUND_DOWN)


def average_weekly_pay(pay: Decimal, first: dt.date, last: dt.date) -> Decimal:
    """The average week's pay of an employment: ``pay`` × 7 / its calendar days, rounded
    down to öre (a whole week of employment gives the week's pay).

    Raises:
        InputError: ``pay`` negative, or ``last`` before ``first``.
    """
    if pay < 0:
        raise InputError("pay", "must not be negative (got {value})", value=pay)
    if last < first:
        raise InputError("last", "the employment ends before it starts")
    days = (last - first).days + 1
    return (pay * 7 / days).quantize(ORE, rounding=ROUND_DOWN)

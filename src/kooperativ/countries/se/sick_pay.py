# SPDX-License-Identifier: EUPL-1.2
"""Sick pay (*sjuklön*) under lag (1991:1047) om sjuklön.

When an employee is ill, the employer pays *sjuklön* for the first fourteen calendar days
of the sickness (the *sjuklöneperiod*, 7 §): 80 % of the pay the employee loses (6 §),
less one *karensavdrag* per sjuklöneperiod of 20 % of an average week's sjuklön (6 §
andra stycket, since 2019). A sickness that begins within five calendar days after the
previous one ended continues it: its days count on and no new karensavdrag is made (7 §).
After ten karensavdrag in twelve months no more are made (the *allmänt högriskskydd*).
From day 8 sjuklön is due only with a doctor's certificate (8 §). An employment agreed to
last less than a month gives sjuklön only once the employee has been employed fourteen
days in a row, earlier employment with the same employer counting if the break was at
most fourteen days (3 §). Every figure is in ``parameters/sick_pay.toml``.

Rounding (kooperativ's choice; the law names none): each day's sjuklön is 80 % of that
day's lost pay rounded *down* to öre, and the karensavdrag is rounded down to öre, so
neither is ever more than the law's share. The karensavdrag is taken from the first paid
sick days in order, as far as their sjuklön reaches (what the first day's sjuklön does not
cover is taken from the next day's), and never from more than the sjuklöneperiod's
sjuklön. A pay period gets the sjuklön and karensavdrag of its own days, so a sickness
over a month's end is paid in two periods that add up to the whole.

References:
    - Lag (1991:1047) om sjuklön 3, 6, 7 and 8 §§ (as amended by SFS 2018:648).
    - Prop. 2017/18:96 Karensavdrag – en mer rättvis självrisk.

Examples:
    A member who would have earned 1 000.00 a weekday, with an average week of 5 000.00,
    is ill Monday–Wednesday 4–6 May 2026: 80 % of 3 000.00 is 2 400.00; the karensavdrag
    is 20 % × 80 % × 5 000.00 = 800.00.

    >>> from datetime import date
    >>> from decimal import Decimal
    >>> from kooperativ.absence.sick_pay import Employment, SickPayRequest, SickSpell
    >>> days = {date(2026, 5, d): Decimal("1000.00") for d in (4, 5, 6)}
    >>> result = sjuklon(SickPayRequest(
    ...     period_first=date(2026, 5, 1), period_last=date(2026, 5, 31),
    ...     spells=(SickSpell(date(2026, 5, 4), date(2026, 5, 6)),), lost_pay=days,
    ...     weekly_pay=Decimal("5000.00"),
    ...     employments=(Employment(date(2026, 3, 1), date(2026, 8, 31)),)))
    >>> [(line.kind, str(line.amount), int(line.quantity)) for line in result.lines]
    [('sick_pay', '2400.00', 3), ('sick_deduction', '-800.00', 1)]
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from kooperativ.absence.models import days_between
from kooperativ.absence.sick_pay import Employment, SickPayRequest, SickPayResult, SickSpell
from kooperativ.i18n import translator
from kooperativ.money import HUNDRED, ORE, ZERO_ORE
from kooperativ.payroll.runs import PayslipLine
from kooperativ.payroll.trace import TraceLine
from kooperativ.rules.parameters import ParameterSet, Resolved

__all__ = ["SICK_PAY_PARAMETERS", "qualifies_from", "sjuklon"]

#: The names of the parameters this module reads (``parameters/sick_pay.toml``).
SICK_PAY_PARAMETERS = (
    "sick_pay.rate",
    "sick_pay.karens.rate",
    "sick_pay.karens.limit",
    "sick_pay.karens.window_months",
    "sick_pay.employer_days",
    "sick_pay.relapse_days",
    "sick_pay.certificate_from_day",
    "sick_pay.qualifying.short_employment_months",
    "sick_pay.qualifying.consecutive_days",
    "sick_pay.qualifying.gap_days",
)

_LAW = "Lag (1991:1047) om sjuklön"


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` calendar months on (the last day of a shorter month)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _int(at: Resolved, name: str) -> int:
    return int(at.decimal(name))


def _percent(rate: Decimal) -> str:
    return f"{(rate * HUNDRED).normalize():f} %"


def _merged(employments: Iterable[Employment]) -> list[tuple[dt.date, dt.date | None]]:
    """The employments as stretches of days employed, overlapping ones merged, in order."""
    spans = sorted(((e.start, e.last_day) for e in employments), key=lambda s: s[0])
    merged: list[tuple[dt.date, dt.date | None]] = []
    for start, last in spans:
        if merged:
            prev_start, prev_last = merged[-1]
            if prev_last is None or start <= prev_last + dt.timedelta(days=1):
                longer = None if prev_last is None or last is None else max(prev_last, last)
                merged[-1] = (prev_start, longer)
                continue
        merged.append((start, last))
    return merged


def qualifies_from(
    day: dt.date, employments: Iterable[Employment], at: Resolved
) -> tuple[bool, str]:
    """Whether sjuklön may be due on ``day`` under the qualifying rule (3 §), and why.

    An employment agreed to last at least a month (or open-ended) qualifies from its first
    day. A shorter one qualifies once the employee has been employed the qualifying days
    in a row before ``day``, earlier employment with the employer counting where the break
    was at most the gap days.

    Returns:
        ``(True, reason)`` or ``(False, reason)``; ``reason`` is English, for the trace.
    """
    running = [e for e in employments if e.runs_on(day)]
    if not running:
        return False, f"{day}: not a day of employment"
    months = _int(at, "sick_pay.qualifying.short_employment_months")
    for employment in running:
        # 3 § första stycket: the right applies from the first day of employment …
        if employment.end is None or employment.end >= (
            _add_months(employment.start, months) - dt.timedelta(days=1)
        ):
            return True, f"{day}: employment agreed to last at least {months} month(s)"
    # … but if the agreed time is shorter than a month, only after fourteen days in a row,
    # earlier employment counting where the break was at most fourteen days (andra stycket).
    needed = _int(at, "sick_pay.qualifying.consecutive_days")
    gap = _int(at, "sick_pay.qualifying.gap_days")
    stretches = [s for s in _merged(employments) if s[0] <= day]
    start = stretches[-1][0]  # the stretch ``day`` is in (it is a day of employment)
    employed = (day - start).days
    for before_start, before_last in reversed(stretches[:-1]):
        if before_last is None or (start - before_last).days - 1 > gap:
            break
        employed += (before_last - before_start).days + 1
        start = before_start
    if employed >= needed:
        return True, f"{day}: employed {employed} days in a row before it (at least {needed})"
    return False, (
        f"{day}: employment agreed for less than {months} month(s), employed only "
        f"{employed} days in a row before it (sjuklön from {needed} days)"
    )


@dataclass
class _Day:
    day: dt.date
    count: int
    lost: Decimal = ZERO_ORE
    pay: Decimal = ZERO_ORE
    deduction: Decimal = ZERO_ORE
    why: str | None = None
    reference: str = ""


@dataclass
class _Period:
    """A sjuklöneperiod: spells that continue each other."""

    spells: list[SickSpell]
    days: list[_Day]
    karens: Decimal = ZERO_ORE
    karens_reason: str = ""
    protected: bool = False  # no karensavdrag: the allmänt högriskskydd

    @property
    def first(self) -> dt.date:
        return self.spells[0].first

    @property
    def last(self) -> dt.date:
        return self.spells[-1].last


def _periods(spells: Iterable[SickSpell], params: ParameterSet) -> list[_Period]:
    """The spells grouped into sjuklöneperioder: one that begins within the relapse days
    after the previous one ended continues it (7 §)."""
    periods: list[_Period] = []
    for spell in sorted(spells, key=lambda s: s.first):
        if periods:
            relapse = _int(params.at(spell.first), "sick_pay.relapse_days")
            if (spell.first - periods[-1].last).days <= relapse:
                periods[-1].spells.append(spell)
                continue
        periods.append(_Period([spell], []))
    return periods


def sjuklon(request: SickPayRequest, params: ParameterSet | None = None) -> SickPayResult:
    """Sjuklön and karensavdrag for the sick days of one pay period.

    Args:
        request: The sick spells (earlier ones included), the lost pay per sick day, the
            average week's pay, the employments and the pay period.
        params: Parameters to use; Sweden's own by default.

    Returns:
        The ``sick_pay`` and ``sick_deduction`` lines of the period (quantity: days) and
        a trace of every amount and of every sick day of the period not paid, with why.

    Raises:
        MissingParameterError: No parameter in force on a sickness's first day.
    """
    if params is None:
        from kooperativ.countries.se.parameters import load_swedish_parameters

        params = load_swedish_parameters()
    periods = _periods(request.spells, params)
    made: list[dt.date] = []  # first days of the sjuklöneperioder with a karensavdrag
    for period in periods:
        at = params.at(period.first)
        rate = at.decimal("sick_pay.rate")
        employer_days = _int(at, "sick_pay.employer_days")
        certificate_day = _int(at, "sick_pay.certificate_from_day")
        count = 0
        for spell in period.spells:
            for day in days_between(spell.first, spell.last):
                count += 1
                entry = _Day(day, count, lost=request.lost_pay.get(day, ZERO_ORE))
                period.days.append(entry)
                if count > employer_days:
                    # 7 §: the employer's sjuklöneperiod is days 1–14.
                    entry.why = (
                        f"{day}: day {count} of the sickness, after the employer's "
                        f"{employer_days} days (sjukpenning from Försäkringskassan)"
                    )
                    entry.reference = f"{_LAW} 7 §"
                    continue
                ok, why = qualifies_from(day, request.employments, at)
                if not ok:
                    entry.why, entry.reference = why, f"{_LAW} 3 §"
                    continue
                if count >= certificate_day and not spell.certificate:
                    # 8 §: from day 8 only with a doctor's certificate.
                    entry.why = f"{day}: day {count} of the sickness, no doctor's certificate"
                    entry.reference = f"{_LAW} 8 §"
                    continue
                if entry.lost == ZERO_ORE:
                    entry.why = f"{day}: not a working day, no pay lost"
                    entry.reference = f"{_LAW} 6 § första stycket"
                    continue
                entry.pay = (entry.lost * rate).quantize(ORE, rounding=ROUND_DOWN)
        paid = [d for d in period.days if d.pay > ZERO_ORE]
        if not paid:
            continue
        # 6 § andra stycket: one karensavdrag per sjuklöneperiod, unless ten were made in
        # the twelve months before it began (allmänt högriskskydd).
        window = _add_months(period.first, -_int(at, "sick_pay.karens.window_months"))
        earlier = sum(1 for first in made if window <= first < period.first)
        limit = _int(at, "sick_pay.karens.limit")
        karens_rate = at.decimal("sick_pay.karens.rate")
        if earlier >= limit:
            period.protected = True
            period.karens_reason = (
                f"no karensavdrag: {earlier} made in the {at['sick_pay.karens.window_months']} "
                f"months before {period.first} (at most {limit})"
            )
            continue
        period.karens = (karens_rate * rate * request.weekly_pay).quantize(ORE, rounding=ROUND_DOWN)
        period.karens_reason = (
            f"{_percent(karens_rate)} × {_percent(rate)} × {request.weekly_pay} = {period.karens}"
        )
        if period.karens > ZERO_ORE:
            made.append(period.first)
        left = period.karens
        for entry in paid:
            entry.deduction = min(entry.pay, left)
            left -= entry.deduction
    return _result(request, periods, params)


def _result(request: SickPayRequest, periods: list[_Period], params: ParameterSet) -> SickPayResult:
    """The lines and trace of the days of ``periods`` that fall in the request's period."""
    translate = translator(request.language, "absence")
    first, last = request.period_first, request.period_last
    inside = [(period, d) for period in periods for d in period.days if first <= d.day <= last]
    paid = [d for _period, d in inside if d.pay > ZERO_ORE]
    deducted = [d for _period, d in inside if d.deduction > ZERO_ORE]
    pay = sum((d.pay for d in paid), ZERO_ORE)
    deduction = sum((d.deduction for d in deducted), ZERO_ORE)
    lost = sum((d.lost for d in paid), ZERO_ORE)
    trace: list[TraceLine] = []
    lines: list[PayslipLine] = []
    if paid:
        at = params.at(paid[0].day)
        rate = at.decimal("sick_pay.rate")
        days = ", ".join(f"{d.day} (day {d.count})" for d in paid)
        lines.append(
            PayslipLine(
                kind="sick_pay",
                text=translate("Sick pay {rate}").format(rate=_percent(rate)),
                amount=pay,
                quantity=Decimal(len(paid)),
                rate=rate,
            )
        )
        trace.append(
            TraceLine(
                "sick_pay",
                pay,
                "sjuklon",
                {
                    "sick_pay.rate": str(rate),
                    "sick_pay.employer_days": str(at["sick_pay.employer_days"]),
                },
                f"{_LAW} 6 § första stycket, 7 §",
                f"{_percent(rate)} × lost pay {lost} on {days}, "
                f"each day rounded down to öre = {pay}",
            )
        )
    if deducted:
        at = params.at(deducted[0].day)
        lines.append(
            PayslipLine(
                kind="sick_deduction",
                text=translate("Qualifying-day deduction (karensavdrag)"),
                amount=-deduction,
                quantity=Decimal(len(deducted)),
            )
        )
        reasons = {id(p): p.karens_reason for p, d in inside if d.deduction > ZERO_ORE}
        taken = ", ".join(f"{d.day}: {d.deduction}" for d in deducted)
        trace.append(
            TraceLine(
                "sick_deduction",
                -deduction,
                "karensavdrag",
                {
                    "sick_pay.karens.rate": str(at["sick_pay.karens.rate"]),
                    "sick_pay.rate": str(at["sick_pay.rate"]),
                    "weekly_pay": str(request.weekly_pay),
                },
                f"{_LAW} 6 § andra stycket",
                f"{'; '.join(reasons.values())}; taken from the sick pay of {taken}",
            )
        )
    for period in {id(p): p for p, _d in inside}.values():
        if period.protected and any(first <= d.day <= last for d in period.days if d.pay):
            trace.append(
                TraceLine(
                    "sick_deduction",
                    ZERO_ORE,
                    "hogriskskydd",
                    {},
                    f"{_LAW} 6 §",
                    period.karens_reason,
                )
            )
    for _period, d in inside:
        if d.why is not None:
            trace.append(TraceLine("sick_pay", ZERO_ORE, "not_paid", {}, d.reference, d.why))
    return SickPayResult(tuple(lines), len(paid), lost, tuple(trace))

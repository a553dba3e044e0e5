# SPDX-License-Identifier: EUPL-1.2
"""Sjuklön and karensavdrag (lag 1991:1047) with hand-worked figures, the qualifying rule
at its edges, and the invariants: never more than 80 % of the pay lost, never negative,
to the öre, and the same whole however the days are cut into pay periods."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kooperativ.absence.sick_pay import (
    Employment,
    SickPayRequest,
    SickPayResult,
    SickSpell,
    average_weekly_pay,
    lost_pay_per_day,
)
from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.countries.se.sick_pay import SICK_PAY_PARAMETERS, sjuklon
from kooperativ.errors import InputError, RulesError
from kooperativ.rules.country import get_country

D = Decimal
MAY_FIRST, MAY_LAST = date(2026, 5, 1), date(2026, 5, 31)
#: Employed from 1 March to 31 August 2026: long enough for sick pay from day 1.
LONG = (Employment(date(2026, 3, 1), date(2026, 8, 31)),)


def weekdays(first: date, last: date, pay: str = "1000.00") -> dict[date, Decimal]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return {day: D(pay) for day in days if day.weekday() < 5}


def request(
    *spells: SickSpell,
    lost: dict[date, Decimal] | None = None,
    weekly: str = "5000.00",
    employments: tuple[Employment, ...] = LONG,
    period: tuple[date, date] = (MAY_FIRST, MAY_LAST),
) -> SickPayRequest:
    if lost is None:
        lost = {}
        for spell in spells:
            lost.update(weekdays(spell.first, spell.last))
    return SickPayRequest(
        period_first=period[0], period_last=period[1], spells=spells, lost_pay=lost,
        weekly_pay=D(weekly), employments=employments,
    )  # fmt: skip


def amounts(result: SickPayResult) -> list[tuple[str, Decimal, Decimal | None]]:
    return [(line.kind, line.amount, line.quantity) for line in result.lines]


def why(result: SickPayResult) -> list[str]:
    return [line.formula for line in result.trace if line.rule == "not_paid"]


# -- hand-worked ----------------------------------------------------------------------------


def test_three_days_ill() -> None:
    """Monday–Wednesday 4–6 May 2026, 1 000.00 a day, a week of 5 000.00: sjuklön
    0.80 × 3 000.00 = 2 400.00; karensavdrag 0.20 × 0.80 × 5 000.00 = 800.00 (one day's
    sjuklön in a five-day week): 1 600.00 paid for three days' illness."""
    result = sjuklon(request(SickSpell(date(2026, 5, 4), date(2026, 5, 6))))
    assert amounts(result) == [("sick_pay", D("2400.00"), 3), ("sick_deduction", D("-800.00"), 1)]
    assert result.sick_pay + result.sick_deduction == D("1600.00")
    assert (result.days, result.lost_pay) == (3, D("3000.00"))
    pay, karens = result.trace
    assert (pay.rule, pay.parameters["sick_pay.rate"]) == ("sjuklon", "0.80")
    assert karens.rule == "karensavdrag"
    assert "20 % × 80 % × 5000.00 = 800.00" in karens.formula
    assert "6 § andra stycket" in karens.reference
    # Over a weekend: Friday–Monday is four calendar days, two of them working days.
    weekend = sjuklon(request(SickSpell(date(2026, 5, 8), date(2026, 5, 11))))
    assert amounts(weekend) == [
        ("sick_pay", D("1600.00"), 2),
        ("sick_deduction", D("-800.00"), 1),
    ]
    assert why(weekend) == [
        "2026-05-09: not a working day, no pay lost",
        "2026-05-10: not a working day, no pay lost",
    ]


def test_part_time_week_and_a_deduction_over_two_days() -> None:
    """Works Mondays and Wednesdays, 1 500.00 a day, a week of 3 000.00; ill all week
    11–15 May: sjuklön 0.80 × 3 000.00 = 2 400.00, karensavdrag 0.2 × 0.8 × 3 000.00 =
    480.00 (less than a day: an irregular week loses less than a day's pay)."""
    lost = {date(2026, 5, 11): D("1500.00"), date(2026, 5, 13): D("1500.00")}
    result = sjuklon(
        request(SickSpell(date(2026, 5, 11), date(2026, 5, 15)), lost=lost, weekly="3000.00")
    )
    assert amounts(result) == [("sick_pay", D("2400.00"), 2), ("sick_deduction", D("-480.00"), 1)]
    # A first day's sjuklön of 400.00 does not cover 800.00: the rest, 400.00, is taken from
    # the next paid day's 800.00.
    lost = {date(2026, 5, 11): D("500.00"), date(2026, 5, 12): D("1000.00")}
    short = sjuklon(request(SickSpell(date(2026, 5, 11), date(2026, 5, 12)), lost=lost))
    assert amounts(short) == [("sick_pay", D("1200.00"), 2), ("sick_deduction", D("-800.00"), 2)]
    assert "2026-05-11: 400.00, 2026-05-12: 400.00" in short.trace[1].formula
    # Never more than the sjuklön: one day of 500.00 gives 400.00, less 400.00.
    one = sjuklon(request(SickSpell(date(2026, 5, 11), date(2026, 5, 11)), lost=lost))
    assert amounts(one) == [("sick_pay", D("400.00"), 1), ("sick_deduction", D("-400.00"), 1)]


def test_rounding_is_down_to_the_ore() -> None:
    """80 % of 1 234.57 is 987.656: 987.65. Karensavdrag 0.16 × 4 321.09 = 691.3744: 691.37."""
    lost = {date(2026, 5, 4): D("1234.57")}
    result = sjuklon(
        request(SickSpell(date(2026, 5, 4), date(2026, 5, 4)), lost=lost, weekly="4321.09")
    )
    assert amounts(result) == [("sick_pay", D("987.65"), 1), ("sick_deduction", D("-691.37"), 1)]


def test_a_sickness_over_the_end_of_a_month_is_paid_in_two_periods() -> None:
    """Thursday 30 April – Monday 4 May: April pays 30 April (800.00 less the whole
    karensavdrag 800.00); May pays 1 and 4 May (1 600.00) with no deduction left."""
    spell = SickSpell(date(2026, 4, 30), date(2026, 5, 4))
    april = sjuklon(request(spell, period=(date(2026, 4, 1), date(2026, 4, 30))))
    may = sjuklon(request(spell))
    assert amounts(april) == [("sick_pay", D("800.00"), 1), ("sick_deduction", D("-800.00"), 1)]
    assert amounts(may) == [("sick_pay", D("1600.00"), 2)]
    whole = sjuklon(request(spell, period=(date(2026, 4, 1), MAY_LAST)))
    assert whole.sick_pay == april.sick_pay + may.sick_pay
    assert whole.sick_deduction == april.sick_deduction + may.sick_deduction


def test_falling_ill_again_within_five_days_continues_the_sickness() -> None:
    """faronline's example: ill Monday–Thursday 4–7 May, back Friday, ill again Tuesday
    12 May: that Tuesday is day 5, and there is no new karensavdrag. Ill again six days
    after (Wednesday 13 May) is a new sickness with a new karensavdrag."""
    first = SickSpell(date(2026, 5, 4), date(2026, 5, 7))
    again = sjuklon(request(first, SickSpell(date(2026, 5, 12), date(2026, 5, 12))))
    assert amounts(again) == [("sick_pay", D("4000.00"), 5), ("sick_deduction", D("-800.00"), 1)]
    assert "2026-05-12 (day 5)" in again.trace[0].formula
    later = sjuklon(request(first, SickSpell(date(2026, 5, 13), date(2026, 5, 13))))
    assert amounts(later) == [("sick_pay", D("4000.00"), 5), ("sick_deduction", D("-1600.00"), 2)]


def test_the_employer_pays_days_1_to_14_and_from_day_8_with_a_certificate() -> None:
    """Ill 4–24 May (21 days) with a certificate: days 1–14 are 4–17 May, ten weekdays:
    8 000.00, less 800.00. Without a certificate days 8–14 (11–17 May) are not paid:
    five weekdays, 4 000.00."""
    certified = sjuklon(request(SickSpell(date(2026, 5, 4), date(2026, 5, 24), True)))
    assert amounts(certified) == [
        ("sick_pay", D("8000.00"), 10),
        ("sick_deduction", D("-800.00"), 1),
    ]
    assert "2026-05-18: day 15 of the sickness, after the employer's 14 days" in " ".join(
        why(certified)
    )
    uncertified = sjuklon(request(SickSpell(date(2026, 5, 4), date(2026, 5, 24))))
    assert amounts(uncertified) == [
        ("sick_pay", D("4000.00"), 5),
        ("sick_deduction", D("-800.00"), 1),
    ]
    assert "2026-05-11: day 8 of the sickness, no doctor's certificate" in why(uncertified)
    assert any("8 §" in line.reference for line in uncertified.trace)


def test_no_more_than_ten_karensavdrag_in_twelve_months() -> None:
    """Ten one-day sicknesses, each on a Monday a fortnight apart from 5 Jan 2026, each
    with its karensavdrag; the eleventh (Monday 25 May) has none (högriskskydd)."""
    mondays = [date(2026, 1, 5) + timedelta(days=14 * n) for n in range(11)]
    assert mondays[-1] == date(2026, 5, 25)
    spells = tuple(SickSpell(day, day) for day in mondays)
    employments = (Employment(date(2025, 1, 1), None),)
    may = sjuklon(request(*spells, employments=employments))
    # In May: 11 May (the tenth: 800.00 − 800.00) and 25 May (the eleventh: 800.00).
    assert amounts(may) == [("sick_pay", D("1600.00"), 2), ("sick_deduction", D("-800.00"), 1)]
    assert any(line.rule == "hogriskskydd" and "10 made" in line.formula for line in may.trace)
    # Nine earlier ones only: the tenth sickness keeps its karensavdrag.
    nine = sjuklon(request(*spells[1:], employments=employments))
    assert amounts(nine) == [("sick_pay", D("1600.00"), 2), ("sick_deduction", D("-1600.00"), 2)]


# -- the qualifying rule (3 §) ----------------------------------------------------------------


def test_an_employment_of_exactly_one_month_qualifies_from_day_1() -> None:
    """1–31 May is one month: ill on Friday 1 May, the first day, is paid. 1–30 May is
    shorter than a month: the same day is not paid (not yet 14 days employed)."""
    spell = SickSpell(date(2026, 5, 1), date(2026, 5, 1))
    month = sjuklon(request(spell, employments=(Employment(date(2026, 5, 1), MAY_LAST),)))
    assert month.sick_pay == D("800.00")
    shorter = sjuklon(
        request(spell, employments=(Employment(date(2026, 5, 1), date(2026, 5, 30)),))
    )
    assert shorter.lines == ()
    assert why(shorter) == [
        "2026-05-01: employment agreed for less than 1 month(s), employed only 0 days in a "
        "row before it (sjuklön from 14 days)"
    ]
    assert shorter.trace[0].reference.endswith("3 §")
    # Mid-month starts: 15 May – 14 June is a month, 15 May – 13 June is not.
    start = SickSpell(date(2026, 5, 15), date(2026, 5, 15))
    assert sjuklon(
        request(start, employments=(Employment(date(2026, 5, 15), date(2026, 6, 14)),))
    ).lines
    assert not sjuklon(
        request(start, employments=(Employment(date(2026, 5, 15), date(2026, 6, 13)),))
    ).lines


def test_a_short_employment_qualifies_after_14_days_in_a_row() -> None:
    """Employed 1–20 May: ill Thursday 14 May (13 days employed before it): nothing; ill
    Friday 15 May (14 days before it): paid."""
    short = (Employment(date(2026, 5, 1), date(2026, 5, 20)),)
    thirteen = sjuklon(request(SickSpell(date(2026, 5, 14), date(2026, 5, 14)), employments=short))
    assert thirteen.lines == ()
    assert "employed only 13 days in a row" in why(thirteen)[0]
    fourteen = sjuklon(request(SickSpell(date(2026, 5, 15), date(2026, 5, 15)), employments=short))
    assert amounts(fourteen) == [("sick_pay", D("800.00"), 1), ("sick_deduction", D("-800.00"), 1)]
    # A sickness that begins before the 14 days are reached is paid from the day they are.
    both = sjuklon(request(SickSpell(date(2026, 5, 14), date(2026, 5, 15)), employments=short))
    assert amounts(both) == [("sick_pay", D("800.00"), 1), ("sick_deduction", D("-800.00"), 1)]


def test_earlier_employment_counts_after_a_break_of_at_most_14_days() -> None:
    """10 days (1–10 April), a break of 14 days (11–24 April), then 25 April – 10 May:
    ill 28 April has 10 + 3 = 13 days before it (not paid), 29 April has 14 (paid). With a
    break of 15 days (new start 26 April) 29 April has only 3 days before it."""
    before = Employment(date(2026, 4, 1), date(2026, 4, 10))
    chained = (before, Employment(date(2026, 4, 25), date(2026, 5, 10)))
    april = (date(2026, 4, 1), date(2026, 4, 30))
    on_28 = sjuklon(
        request(SickSpell(date(2026, 4, 28), date(2026, 4, 28)), employments=chained, period=april)
    )
    on_29 = sjuklon(
        request(SickSpell(date(2026, 4, 29), date(2026, 4, 29)), employments=chained, period=april)
    )
    assert on_28.lines == () and on_29.sick_pay == D("800.00")
    broken = (before, Employment(date(2026, 4, 26), date(2026, 5, 10)))
    gap = sjuklon(
        request(SickSpell(date(2026, 4, 29), date(2026, 4, 29)), employments=broken, period=april)
    )
    assert gap.lines == () and "employed only 3 days" in why(gap)[0]


def test_no_sick_pay_outside_employment() -> None:
    ends = (Employment(date(2026, 3, 1), date(2026, 5, 5)),)
    result = sjuklon(request(SickSpell(date(2026, 5, 4), date(2026, 5, 6)), employments=ends))
    assert amounts(result) == [("sick_pay", D("1600.00"), 2), ("sick_deduction", D("-800.00"), 1)]
    assert why(result) == ["2026-05-06: not a day of employment"]
    ended = (Employment(date(2026, 3, 1), date(2026, 8, 31), ended_on=date(2026, 5, 4)),)
    assert (
        sjuklon(request(SickSpell(date(2026, 5, 4), date(2026, 5, 6)), employments=ended)).days == 1
    )


# -- through the country, parameters, errors --------------------------------------------------


def test_through_the_country_protocol() -> None:
    spell = SickSpell(date(2026, 5, 4), date(2026, 5, 6))
    assert amounts(get_country("SE").sick_pay(request(spell))) == amounts(sjuklon(request(spell)))


def test_every_figure_is_dated_data_with_a_source() -> None:
    params = load_swedish_parameters()
    at = params.at(date(2026, 5, 4))
    for name in SICK_PAY_PARAMETERS:
        assert params[name].reference.startswith("Lag (1991:1047) om sjuklön"), name
    assert at.decimal("sick_pay.rate") == D("0.80")
    assert at.decimal("sick_pay.karens.rate") == D("0.20")
    assert at.decimal("sick_pay.employer_days") == 14
    assert at.decimal("sick_pay.qualifying.consecutive_days") == 14
    # The karensavdrag replaced the karensdag on 1 January 2019: no figures before.
    with pytest.raises(RulesError):
        sjuklon(request(SickSpell(date(2018, 12, 31), date(2018, 12, 31)),
                        employments=(Employment(date(2018, 1, 1), None),),
                        period=(date(2018, 12, 1), date(2018, 12, 31))))  # fmt: skip


def test_bad_input_is_refused() -> None:
    with pytest.raises(InputError) as overlap:
        request(
            SickSpell(date(2026, 5, 4), date(2026, 5, 6)),
            SickSpell(date(2026, 5, 6), date(2026, 5, 7)),
        )
    assert overlap.value.field == "spells"
    with pytest.raises(InputError) as negative:
        request(SickSpell(date(2026, 5, 4), date(2026, 5, 4)), lost={date(2026, 5, 4): D("-1")})
    assert negative.value.field == "lost_pay"
    with pytest.raises(InputError) as cents:
        request(SickSpell(date(2026, 5, 4), date(2026, 5, 4)), weekly="100.001")
    assert cents.value.field == "weekly_pay"


def test_lost_pay_per_day_and_average_week() -> None:
    """A three-week assignment 4–22 May paying 15 000.00 has 15 weekdays: 1 000.00 a day;
    over its 21 calendar days (to Sunday 24 May) the average week is 5 000.00. 10 000.00
    over 3 named days is 3 333.33 (rounded down)."""
    assert lost_pay_per_day(D("15000.00"), date(2026, 5, 4), date(2026, 5, 22)) == D("1000.00")
    named = (date(2026, 5, 4), date(2026, 5, 6), date(2026, 5, 8))
    assert lost_pay_per_day(D("10000.00"), date(2026, 5, 4), date(2026, 5, 8), named) == D(
        "3333.33"
    )
    assert average_weekly_pay(D("15000.00"), date(2026, 5, 4), date(2026, 5, 24)) == D("5000.00")
    with pytest.raises(InputError):
        lost_pay_per_day(D("100"), date(2026, 5, 9), date(2026, 5, 10))  # a weekend only


# -- invariants ------------------------------------------------------------------------------

_DAYS = st.integers(min_value=0, max_value=75)
_ORE = st.integers(min_value=0, max_value=800_000).map(lambda n: D(n) / 100)


@st.composite
def sicknesses(draw: st.DrawFn) -> SickPayRequest:
    """1–4 sick spells between 1 April and 15 June 2026, lost pay on random days (whole
    öre, zero up to 8 000.00), a random average week, one or two employments (short ones
    too), asked for April 2026 – June 2026 as one period."""
    base = date(2026, 4, 1)
    starts = sorted(draw(st.lists(_DAYS, min_size=1, max_size=4, unique=True)))
    spells: list[SickSpell] = []
    for index, start in enumerate(starts):
        limit = starts[index + 1] - 1 if index + 1 < len(starts) else 75
        length = draw(st.integers(min_value=0, max_value=min(20, limit - start)))
        first = base + timedelta(days=start)
        spells.append(SickSpell(first, first + timedelta(days=length), draw(st.booleans())))
    lost = {
        spell.first + timedelta(days=n): draw(_ORE)
        for spell in spells
        for n in range((spell.last - spell.first).days + 1)
        if draw(st.booleans())
    }
    employments = []
    for _ in range(draw(st.integers(1, 2))):
        start = base + timedelta(days=draw(st.integers(-40, 60)))
        end = None if draw(st.booleans()) else base + timedelta(days=draw(st.integers(61, 120)))
        employments.append(Employment(start, end))
    return SickPayRequest(
        period_first=base, period_last=date(2026, 6, 30), spells=tuple(spells), lost_pay=lost,
        weekly_pay=draw(_ORE), employments=tuple(employments),
    )  # fmt: skip


def _within(inp: SickPayRequest, first: date, last: date) -> SickPayRequest:
    return SickPayRequest(first, last, inp.spells, inp.lost_pay, inp.weekly_pay, inp.employments)


@settings(max_examples=150, deadline=None)
@given(sicknesses())
def test_never_more_than_80_percent_of_the_pay_lost_never_negative(inp: SickPayRequest) -> None:
    months = [
        (date(2026, 4, 1), date(2026, 4, 30)),
        (date(2026, 5, 1), date(2026, 5, 31)),
        (date(2026, 6, 1), date(2026, 6, 30)),
    ]
    whole = sjuklon(inp)
    parts = [sjuklon(_within(inp, first, last)) for first, last in months]
    for part, (first, last) in zip(parts, months, strict=True):
        lost = sum((pay for day, pay in inp.lost_pay.items() if first <= day <= last), D(0))
        assert part.sick_pay >= 0 and part.sick_deduction <= 0
        assert 0 <= part.sick_pay + part.sick_deduction <= part.sick_pay <= D("0.8") * lost
        assert part.sick_pay <= D("0.8") * part.lost_pay
        for line in part.lines:
            assert line.amount == line.amount.quantize(D("0.01"))
            assert line.quantity is not None and line.quantity > 0
        if not part.lines:
            assert part.days == 0
    # The same whole, whatever the periods: no öre lost or made at a month's end.
    assert whole.sick_pay == sum((p.sick_pay for p in parts), D(0))
    assert whole.sick_deduction == sum((p.sick_deduction for p in parts), D(0))
    assert whole.days == sum(p.days for p in parts)

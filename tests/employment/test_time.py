# SPDX-License-Identifier: EUPL-1.2
"""Employment time under LAS, on hand-worked cases and with hypothesis properties.

The limits are the Swedish parameters in force in 2026 (``employment.toml``): a month is 30
days, so "more than 12 months" is more than 360 days and "more than nine months" more than
270; a year is 365 days (AD 2019 nr 56), so "more than two years" is more than 730; windows
of five, three and two years; chains break after six months; three SÄVA in a calendar month
fill the days between them once the third has begun.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kooperativ.countries.se.employment import EmploymentType
from kooperativ.countries.se.employment.counting import (
    EmploymentPeriod,
    gap_unlocks,
    monthly_days,
    worked_days,
)
from kooperativ.countries.se.employment.limits import LasLimits, Rule
from kooperativ.countries.se.employment.time import employment_time
from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.employment.dates import add_months
from kooperativ.employment.models import EndReason
from kooperativ.i18n import translator
from kooperativ.rules.employment import EmploymentProblem

SAVA = EmploymentType.SPECIAL_FIXED_TERM
VIKARIAT = EmploymentType.SUBSTITUTE
SEASON = EmploymentType.SEASONAL
LIMITS = LasLimits.from_parameters(load_swedish_parameters().at(date(2026, 1, 1)))


def period(
    start: str, end: str | None, kind: EmploymentType = SAVA, key: str = ""
) -> EmploymentPeriod:
    return EmploymentPeriod(
        date.fromisoformat(start), date.fromisoformat(end) if end else None, kind, key or start
    )


def sava_days(
    periods: list[EmploymentPeriod], until: date, contracts_in_a_month: int
) -> tuple[set[int], set[int]]:
    """SÄVA days counting by ``until``, and the days LAS 3 § added among them."""
    gaps = gap_unlocks(periods, until, contracts_in_a_month)
    worked = worked_days([p for p in periods if p.form == SAVA], until)
    added = {day for day, since in gaps.items() if since <= until.toordinal()}
    return worked | added, added


def rule_of(problem: EmploymentProblem) -> str:
    """The limit a finding is about (its code without the kind: ``sava_conversion``)."""
    return problem.code.rsplit(".", 1)[0]


def test_limits_come_from_the_parameters() -> None:
    assert LIMITS.days_per_month == 30
    assert (LIMITS.sava_months, LIMITS.window_years, LIMITS.chain_gap_months) == (12, 5, 6)
    assert (LIMITS.substitute_years, LIMITS.days_per_year) == (2, 365)
    assert LIMITS.contracts_in_a_month == 3
    assert (LIMITS.preference_months, LIMITS.preference_window_years) == (12, 3)
    assert (LIMITS.preference_sava_months, LIMITS.preference_sava_window_years) == (9, 3)
    assert LIMITS.preference_duration_months == 9
    assert LIMITS.reference(Rule.SAVA_CONVERSION) == "LAS 5 a § första stycket 1"
    # SÄVA did not exist before 1 October 2022 (SFS 2022:835): no value, a clear error.
    with pytest.raises(KeyError, match="conversion.sava_months"):
        LasLimits.from_parameters(load_swedish_parameters().at(date(2022, 9, 30)))


# --- LAS 5 a § första stycket 1: more than 12 months of SÄVA in five years ------------------


def test_sava_converts_after_more_than_360_days_in_five_years() -> None:
    # 2024-01-01..2024-06-30 = 31+29+31+30+31+30 = 182 days (2024 is a leap year)
    # 2025-01-01..2025-06-28 = 31+28+31+30+31+28 = 179 days; together 361 > 360.
    # The 361st day is the last one, 2025-06-28. The two are not a chain: the second
    # starts 2025-01-01, later than 2024-06-30 + 6 months = 2024-12-30.
    periods = [period("2024-01-01", "2024-06-30"), period("2025-01-01", "2025-06-28")]
    before = employment_time(periods, date(2025, 6, 27), LIMITS, warn_months=10)
    status = before.limit(Rule.SAVA_CONVERSION)
    assert before.days_by_form[SAVA] == 182 + 178 == 360
    assert status.limit_days == 360
    assert status.reached_on == date(2025, 6, 28)  # the recorded contract passes it
    assert [w.severity for w in before.problems if rule_of(w) == Rule.SAVA_CONVERSION] == [
        "warning"
    ]
    assert "2025-06-28" in before.problems[0].message
    after = employment_time(periods, date(2025, 7, 1), LIMITS, warn_months=10)
    errors = [w for w in after.problems if w.severity == "error"]
    assert [rule_of(w) for w in errors] == [Rule.SAVA_CONVERSION]
    assert "tillsvidareanställning" in errors[0].message and "5 a §" in errors[0].message
    assert after.limit(Rule.SAVA_CHAIN).reached_on is None  # the chain broke in between


def test_days_older_than_five_years_fall_out_of_the_window() -> None:
    # 2021-01-01..2021-09-30 = 273 days, 2026-01-01..2026-04-30 = 31+28+31+30 = 120 days:
    # 393 in all, but on 2026-04-30 the window starts 2021-05-01, so 2021 contributes only
    # May–September = 31+30+31+31+30 = 153 days: 153 + 120 = 273 ≤ 360.
    periods = [period("2021-01-01", "2021-09-30"), period("2026-01-01", "2026-04-30")]
    result = employment_time(periods, date(2026, 4, 30), LIMITS, warn_months=10)
    status = result.limit(Rule.SAVA_CONVERSION)
    assert result.window_start == date(2021, 5, 1)
    assert status.days == 273
    # 2021 alone is 273 days, never more than 360 in any five years: not reached.
    assert status.reached_on is None
    # Employed every day after 2026-04-30, old days keep leaving the window (one a day
    # until 2021-09-30 leaves on 2026-09-30), so the count stays at 273 until then:
    # 2026-05-01..2026-09-30 adds 153 while 153 leave. From 2026-10-01 it grows by one a day
    # from 120 + 153 = 273 and passes 360 on day 88 after 2026-09-30: 2026-12-27.
    assert status.projected_on == date(2026, 12, 27)


# --- LAS 3 § andra stycket: three or more SÄVA in one calendar month ------------------------


def test_three_contracts_in_a_month_count_the_days_between() -> None:
    # March 2026: 3–4 (2 days), 10 (1 day) and 20–21 (2 days) are three contracts in one
    # calendar month, so 3 March..21 March counts: 19 days, 14 of them between contracts.
    # April 2026: only two contracts (1 and 15 April): 2 days, the gap does not count.
    periods = [
        period("2026-03-03", "2026-03-04"),
        period("2026-03-10", "2026-03-10"),
        period("2026-03-20", "2026-03-21"),
        period("2026-04-01", "2026-04-01"),
        period("2026-04-15", "2026-04-15"),
    ]
    days, added = sava_days(periods, date(2026, 12, 31), 3)
    assert len(days) == 19 + 2
    assert len(added) == 14
    result = employment_time(periods, date(2026, 12, 31), LIMITS, warn_months=10)
    assert result.days_by_form[SAVA] == 7  # days actually employed
    assert result.gap_days == 14
    assert result.limit(Rule.SAVA_CONVERSION).days == 21  # what 5 a § counts
    march, april = monthly_days(periods, date(2026, 12, 31))
    assert (march.month, march.days[SAVA], march.gap_days) == (date(2026, 3, 1), 5, 14)
    assert (april.days[SAVA], april.gap_days) == (2, 0)


def test_three_contracts_rule_counts_a_contract_that_starts_the_month_before() -> None:
    # A: 30 May–2 June, B: 10 June, C: 20 June. June has three contracts (A has days in
    # June), so 1..20 June counts (20 days); May keeps A's 30–31 May (2 days): 22 in all.
    # Employed: 2 + 2 + 1 + 1 = 6 days; added: 20 - 4 = 16 June days.
    periods = [
        period("2026-05-30", "2026-06-02"),
        period("2026-06-10", "2026-06-10"),
        period("2026-06-20", "2026-06-20"),
    ]
    days, added = sava_days(periods, date(2026, 12, 31), 3)
    assert (len(days), len(added)) == (22, 16)


def test_the_gap_rule_is_for_sava_only() -> None:
    # Three vikariat in one month: nothing is added (LAS 3 § names SÄVA only).
    periods = [
        period("2026-03-03", "2026-03-03", VIKARIAT),
        period("2026-03-10", "2026-03-10", VIKARIAT),
        period("2026-03-20", "2026-03-20", VIKARIAT),
    ]
    result = employment_time(periods, date(2026, 12, 31), LIMITS, warn_months=10)
    assert result.gap_days == 0
    assert result.days_by_form[VIKARIAT] == 3


# --- LAS 5 a § första stycket 2: the chain rule ---------------------------------------------


CHAIN = [
    period("2022-10-01", "2023-03-31"),  # SÄVA A: 31+30+31+31+28+31 = 182 days
    period("2023-09-01", "2024-02-29", SEASON),  # starts before 2023-03-31 + 6 months
    period("2024-08-01", "2025-01-31", SEASON),  # before 2024-02-29 + 6 m = 2024-08-29
    period("2025-07-01", "2025-12-31", SEASON),  # before 2025-01-31 + 6 m = 2025-07-31
    period("2026-06-01", "2026-11-30", SEASON),  # before 2025-12-31 + 6 m = 2026-06-30
    period("2027-05-01", "2027-10-31", SEASON),  # before 2026-11-30 + 6 m = 2027-05-30
    period("2028-04-01", "2028-09-30"),  # SÄVA B, before 2027-10-31 + 6 m = 2028-04-30
]


def test_chain_of_fixed_term_employments_converts() -> None:
    # SÄVA in the chain: A 182 + B 183 (30+31+30+31+31+30) = 365 > 360. The 361st SÄVA day
    # is B's 179th: April 30, May 61, June 91, July 122, August 153, + 26 → 2028-09-26.
    result = employment_time(CHAIN, date(2028, 9, 30), LIMITS, warn_months=10)
    chain = result.limit(Rule.SAVA_CHAIN)
    assert chain.reached_on == date(2028, 9, 26)
    assert chain.days == 365
    # The five-year rule alone does not reach it: on 2028-09-26 the window starts
    # 2023-09-27, after A ended, so only B's 179 days count.
    assert result.limit(Rule.SAVA_CONVERSION).reached_on is None
    assert [rule_of(w) for w in result.problems if w.severity == "error"] == [Rule.SAVA_CHAIN]


def test_a_gap_of_more_than_six_months_breaks_the_chain() -> None:
    # Without the 2027 season, B starts 2028-04-01, more than six months after 2026-11-30
    # (2027-05-30): two chains, with 182 and 183 SÄVA days, neither over 360.
    broken = [p for p in CHAIN if p.start != date(2027, 5, 1)]
    result = employment_time(broken, date(2028, 9, 30), LIMITS, warn_months=10)
    assert result.limit(Rule.SAVA_CHAIN).reached_on is None
    assert result.limit(Rule.SAVA_CHAIN).days == 183
    assert not [w for w in result.problems if w.severity == "error"]


# --- LAS 5 a § tredje stycket: vikariat, more than two years in five ------------------------


def test_vikariat_converts_after_more_than_730_days() -> None:
    # "Mer än två år" is counted in years of 365 days (AD 2019 nr 56): more than 730 days,
    # not 24 × 30 = 720. 2024-01-01..2025-12-31 = 366 + 365 = 731 days of vikariat: day 731
    # is the last one, 2025-12-31 (with 30-day months it would have been 2025-12-21).
    periods = [period("2024-01-01", "2025-12-31", VIKARIAT)]
    on = date(2025, 10, 1)
    result = employment_time(periods, on, LIMITS, warn_months=10)
    status = result.limit(Rule.SUBSTITUTE_CONVERSION)
    assert status.limit_days == 730
    # 366 + Jan–Sep 2025 (31+28+31+30+31+30+31+31+30 = 273) + 1 October = 640 days.
    assert status.days == 640
    assert status.reached_on == date(2025, 12, 31)
    warning = next(w for w in result.problems if rule_of(w) == Rule.SUBSTITUTE_CONVERSION)
    assert warning.severity == "warning" and "2025-12-31" in warning.message
    # Vikariat days are not SÄVA days: the SÄVA rule stays at zero.
    assert result.limit(Rule.SAVA_CONVERSION).days == 0
    later = employment_time(periods, date(2026, 1, 1), LIMITS, warn_months=10)
    assert any(
        w.severity == "error" and rule_of(w) == Rule.SUBSTITUTE_CONVERSION for w in later.problems
    )


def test_two_years_of_vikariat_are_730_days_not_720() -> None:
    # 2024-01-01..2025-12-30: 730 days, exactly two years of 365 days: not *more than* two
    # years, so no conversion (counted as 24 months of 30 days it converted on day 721).
    periods = [period("2024-01-01", "2025-12-30", VIKARIAT)]
    result = employment_time(periods, date(2026, 1, 15), LIMITS, warn_months=10)
    assert result.limit(Rule.SUBSTITUTE_CONVERSION).days == 730
    assert result.limit(Rule.SUBSTITUTE_CONVERSION).reached_on is None
    assert result.conversion is None
    assert not [w for w in result.problems if w.severity == "error"]


# --- LAS 25 §: preferential right to re-employment -----------------------------------------


def test_preferential_right_after_more_than_nine_months_of_sava() -> None:
    # 2025-01-01..2025-09-30 = 273 days of SÄVA > 270 (nine months); the 271st day is
    # 2025-09-28. It ended when the fixed term ran out, so the right lasts nine months
    # from the last day: until 2026-06-30 (25 § tredje stycket).
    ended = EmploymentPeriod(
        date(2025, 1, 1), date(2025, 9, 30), SAVA, "1", EndReason.FIXED_TERM_EXPIRED
    )
    result = employment_time([ended], date(2025, 12, 1), LIMITS, warn_months=10)
    assert result.limit(Rule.PREFERENCE_SAVA).reached_on == date(2025, 9, 28)
    assert result.preferential_right_until == date(2026, 6, 30)
    assert any("preferential right" in w.message for w in result.problems)
    expired = employment_time([ended], date(2026, 7, 1), LIMITS, warn_months=10)
    assert expired.preferential_right_until is None


def test_no_preferential_right_after_resigning_or_with_too_little_time() -> None:
    resigned = EmploymentPeriod(
        date(2025, 1, 1), date(2025, 9, 30), SAVA, "1", EndReason.RESIGNATION
    )
    result = employment_time([resigned], date(2025, 12, 1), LIMITS, warn_months=10)
    assert result.preferential_right_until is None
    # 2025-01-01..2025-09-26 = 269 days: not more than 270.
    short = period("2025-01-01", "2025-09-26")
    result = employment_time([short], date(2025, 12, 1), LIMITS, warn_months=10)
    assert result.preferential_right_until is None
    # Still employed on the day asked about: no right yet, it follows the end.
    running = period("2025-01-01", "2026-01-31")
    assert (
        employment_time(
            [running], date(2025, 12, 1), LIMITS, warn_months=10
        ).preferential_right_until
        is None
    )


# --- warnings ahead of the limit ------------------------------------------------------------


def test_warning_ahead_with_the_date_the_limit_would_be_reached() -> None:
    # 2025-01-01..2025-10-31 = 304 days; warn_months = 10 warns from 10 × 30 = 300 days.
    # Employed every day from 2026-01-01, day 361 comes after 57 more days: 2026-02-26.
    periods = [period("2025-01-01", "2025-10-31")]
    result = employment_time(periods, date(2025, 12, 31), LIMITS, warn_months=10)
    status = result.limit(Rule.SAVA_CONVERSION)
    assert (status.days, status.warn_from_days, status.projected_on) == (
        304,
        300,
        date(2026, 2, 26),
    )
    [warning] = [w for w in result.problems if rule_of(w) == Rule.SAVA_CONVERSION]
    assert "2026-02-26" in warning.message and "304 days" in warning.message
    # warn_months = 11 warns from 330 days: no SÄVA warning yet.
    quiet = employment_time(periods, date(2025, 12, 31), LIMITS, warn_months=11)
    assert not [w for w in quiet.problems if rule_of(w) == Rule.SAVA_CONVERSION]


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 1, 15), -13) == date(2024, 12, 15)


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        period("2026-03-02", "2026-03-01")


# --- properties -----------------------------------------------------------------------------

FIRST = date(2023, 1, 1)
LAST = date(2027, 12, 31)
ON = date(2026, 6, 30)


@st.composite
def periods_strategy(draw: st.DrawFn) -> EmploymentPeriod:
    """One employment between 2023 and 2027, of any form, up to 400 days long."""
    start = draw(st.dates(FIRST, LAST - timedelta(days=1)))
    length = draw(st.integers(0, 400))
    end = min(start + timedelta(days=length), LAST)
    kind = draw(st.sampled_from([SAVA, SAVA, VIKARIAT, SEASON, EmploymentType.PROBATION]))
    key = draw(st.integers(1, 10_000))
    return EmploymentPeriod(start, end, kind, str(key))


MANY = st.lists(periods_strategy(), max_size=12)


def _brute_union(periods: list[EmploymentPeriod], kind: EmploymentType) -> int:
    """Days of ``kind`` in the five years up to ON, counted one calendar day at a time."""
    first = add_months(ON, -60) + timedelta(days=1)
    day, count = first, 0
    while day <= ON:
        if any(p.form == kind and p.start <= day <= (p.end or ON) for p in periods):
            count += 1
        day += timedelta(days=1)
    return count


@settings(max_examples=60, deadline=None)
@given(MANY, st.randoms(use_true_random=False))
def test_order_of_contracts_is_irrelevant(
    periods: list[EmploymentPeriod], rng: random.Random
) -> None:
    shuffled = list(periods)
    rng.shuffle(shuffled)
    assert employment_time(periods, ON, LIMITS, warn_months=10) == employment_time(
        shuffled, ON, LIMITS, warn_months=10
    )


@settings(max_examples=60, deadline=None)
@given(MANY)
def test_overlapping_contracts_are_not_counted_twice(periods: list[EmploymentPeriod]) -> None:
    result = employment_time(periods, ON, LIMITS, warn_months=10)
    for kind in EmploymentType:
        assert result.days_by_form[kind] == _brute_union(periods, kind)
    window = (ON - result.window_start).days + 1
    assert result.total_days <= window
    assert result.limit(Rule.SAVA_CONVERSION).days <= window
    # The same contracts given twice change nothing.
    assert employment_time(periods + periods, ON, LIMITS, warn_months=10) == result


@settings(max_examples=60, deadline=None)
@given(MANY, periods_strategy())
def test_more_employment_never_means_less_time(
    periods: list[EmploymentPeriod], extra: EmploymentPeriod
) -> None:
    before = employment_time(periods, ON, LIMITS, warn_months=10)
    after = employment_time([*periods, extra], ON, LIMITS, warn_months=10)
    assert after.total_days >= before.total_days
    assert after.limit(Rule.SAVA_CONVERSION).days >= before.limit(Rule.SAVA_CONVERSION).days
    for rule in (Rule.SAVA_CONVERSION, Rule.PREFERENCE):
        was, now = before.limit(rule).reached_on, after.limit(rule).reached_on
        if was is not None:
            assert now is not None and now <= was


@settings(max_examples=60, deadline=None)
@given(MANY)
def test_monthly_days_add_up_to_the_days_employed(periods: list[EmploymentPeriod]) -> None:
    months = monthly_days(periods, LAST)
    for kind in EmploymentType:
        days: set[int] = set()
        for p in periods:
            if p.form == kind:
                days.update(p.days(LAST))
        assert sum(m.days.get(kind, 0) for m in months) == len(days)
    _, added = sava_days(periods, LAST, 3)
    assert sum(m.gap_days for m in months) == len(added)


def test_findings_keep_template_and_arguments_for_swedish() -> None:
    sv = translator("sv", "employment")
    periods = [period("2025-01-01", "2025-10-31")]
    result = employment_time(periods, date(2025, 12, 31), LIMITS, warn_months=10)
    [warning] = [w for w in result.problems if rule_of(w) == Rule.SAVA_CONVERSION]
    assert warning.code == "sava_conversion.close"
    assert warning.template.format(**dict(warning.args)) == warning.message
    assert warning.text(translator("en", "employment"))[1] == warning.message
    assert warning.text(sv)[1] == (
        "304 dagar i SÄVA räknade; gränsen (mer än 360 dagar) nås den 2026-02-26 om "
        "anställningen fortsätter (LAS 5 a § första stycket 1)"
    )
    # Every kind of finding renders in Swedish: ahead of the limits, the preferential
    # right in force (naming which right and what it gives priority to), a limit the
    # recorded contracts pass later, and a limit passed.
    ahead = result.problems
    assert any(
        w.text(sv)[1].startswith(
            "företrädesrätt till ny särskild visstidsanställning till och med 2026-07-31 "
            "(LAS 25 § första stycket 2): erbjud en ny särskild visstidsanställning"
        )
        for w in ahead
    )
    longer = [period("2025-01-01", "2026-03-31")]
    will = employment_time(longer, date(2025, 12, 1), LIMITS, warn_months=10).problems
    assert any(w.text(sv)[1].startswith("de registrerade avtalen passerar gränsen") for w in will)
    passed = employment_time(longer, date(2026, 1, 31), LIMITS, warn_months=10).problems
    assert passed and all(w.severity == "error" for w in passed)
    for w in [*ahead, *will, *passed]:
        assert w.template.format(**dict(w.args)) == w.message
        assert w.text(sv)[1] != w.message, w.message
    assert (
        passed[0]
        .text(sv)[1]
        .startswith(
            "tiden i SÄVA passerade gränsen (mer än 360 dagar) den 2025-12-27: anställningen har "
            "övergått i en tillsvidareanställning"
        )
    )


# --- LAS 3 § andra stycket: the days between count once the third has begun -----------------

#: 2025-01-01..2025-12-21 = 334 + 21 = 355 days of SÄVA, then three one-day SÄVA in March
#: 2026 (2 March, 10 March, 20 March), each within six months of the previous one.
BEFORE_THIRD = [
    period("2025-01-01", "2025-12-21"),
    period("2026-03-02", "2026-03-02"),
    period("2026-03-10", "2026-03-10"),
    period("2026-03-20", "2026-03-20"),
]


def test_days_between_count_only_once_the_third_contract_has_begun() -> None:
    # Between the second and the third contract the member has had two SÄVA in March:
    # 355 + 2 = 357 days, no days between yet.
    between = employment_time(BEFORE_THIRD, date(2026, 3, 15), LIMITS, warn_months=10)
    assert between.limit(Rule.SAVA_CONVERSION).days == 357
    assert between.gap_days == 0
    assert between.conversion is None
    assert not [p for p in between.problems if p.severity == "error"]
    # The third begins on 20 March: 3..9 and 11..19 March (7 + 9 = 16 days) count now,
    # 357 + 1 + 16 = 374 > 360. Counting the days between as soon as they passed would
    # have made the 361st day 7 March, a day without employment.
    third = employment_time(BEFORE_THIRD, date(2026, 3, 20), LIMITS, warn_months=10)
    assert third.limit(Rule.SAVA_CONVERSION).days == 374
    assert third.gap_days == 16
    assert third.conversion is not None
    assert third.conversion.on == date(2026, 3, 20)
    assert third.limit(Rule.SAVA_CONVERSION).reached_on == date(2026, 3, 20)
    assert third.limit(Rule.SAVA_CHAIN).reached_on == date(2026, 3, 20)


@settings(max_examples=60, deadline=None)
@given(MANY)
def test_a_limit_is_never_passed_on_a_day_without_employment(
    periods: list[EmploymentPeriod],
) -> None:
    result = employment_time(periods, ON, LIMITS, warn_months=10)
    employed = {
        kind: worked_days([p for p in periods if p.form == kind], LAST) for kind in EmploymentType
    }
    for status in result.limits:
        if status.reached_on is None:
            continue
        day = status.reached_on.toordinal()
        assert any(day in days for days in employed.values()), status
    if result.conversion is not None:
        assert result.preferential_rights == ()
    # Never converted and with a preferential right at the same time.
    codes = {p.code.rsplit(".", 1)[1] for p in result.problems if p.severity == "error"}
    if "passed" in codes:
        assert not any(p.code.endswith(".in_force") for p in result.problems)


# --- converted, or with a preferential right: never both -------------------------------------


def test_a_converted_member_has_no_preferential_right_until_it_is_recorded() -> None:
    # 2025-01-01..2026-01-31 = 396 days of SÄVA: the 361st day is 2025-12-27, so the
    # employment became tillsvidare that day; the fixed term "ended" 2026-01-31.
    ended = EmploymentPeriod(
        date(2025, 1, 1), date(2026, 1, 31), SAVA, "1", EndReason.FIXED_TERM_EXPIRED
    )
    result = employment_time([ended], date(2026, 3, 1), LIMITS, warn_months=10)
    assert result.conversion is not None and result.conversion.on == date(2025, 12, 27)
    assert not result.conversion.recorded
    assert result.preferential_rights == ()
    assert [p.code for p in result.problems] == ["sava_conversion.passed"]
    # Recorded with the fixed term continuing: a tillsvidareanställning from the day of
    # conversion. The finding is resolved, and nothing is reported as a right while the
    # member is employed until further notice.
    still = [
        ended,
        EmploymentPeriod(date(2025, 12, 27), None, EmploymentType.PERMANENT, "2"),
    ]
    employed = employment_time(still, date(2026, 3, 1), LIMITS, warn_months=10)
    assert employed.conversion is not None and employed.conversion.recorded
    assert not [p for p in employed.problems if p.severity == "error"]
    assert employed.preferential_rights == ()
    # Recorded as it should be: the SÄVA ended the day before (360 days, not more), a
    # tillsvidareanställning from 2025-12-27, later ended for lack of work. No conversion
    # is left to report, and the member has the preferential rights: 360 days of SÄVA
    # (> 270) and 396 days in all (> 360) within three years of 2026-01-31.
    recorded = [
        EmploymentPeriod(date(2025, 1, 1), date(2025, 12, 26), SAVA, "1", EndReason.CONVERTED),
        EmploymentPeriod(
            date(2025, 12, 27),
            date(2026, 1, 31),
            EmploymentType.PERMANENT,
            "2",
            EndReason.REDUNDANCY,
        ),
    ]
    after = employment_time(recorded, date(2026, 3, 1), LIMITS, warn_months=10)
    assert after.conversion is None
    assert not [p for p in after.problems if p.severity == "error"]
    assert {r.code for r in after.preferential_rights} == {
        Rule.PREFERENCE,
        Rule.PREFERENCE_SAVA,
    }


# --- LAS 25 §: which right, and what it gives priority to ------------------------------------


def _rights(periods: list[EmploymentPeriod], on: date) -> dict[str, tuple[str, date]]:
    result = employment_time(periods, on, LIMITS, warn_months=10)
    return {r.code: (r.priority_to, r.until) for r in result.preferential_rights}


def test_each_preferential_right_says_what_it_gives_priority_to() -> None:
    # SÄVA 2025-01-01..2025-09-30 = 273 days (> 270, not > 360): only the 9-month right,
    # to a new SÄVA (25 § första stycket 2), until nine months after the last day.
    sava = [EmploymentPeriod(date(2025, 1, 1), date(2025, 9, 30), SAVA, "1")]
    assert _rights(sava, date(2025, 12, 1)) == {
        "preferential_right_sava": ("a new särskild visstidsanställning", date(2026, 6, 30))
    }
    # The same time in vikariat gives nothing: vikariat needs more than 12 months (1 p.).
    vikariat = [EmploymentPeriod(date(2025, 1, 1), date(2025, 9, 30), VIKARIAT, "1")]
    assert _rights(vikariat, date(2025, 12, 1)) == {}
    # 2024-10-01..2025-09-30 = 365 days of vikariat (> 360): the right to re-employment.
    longer = [EmploymentPeriod(date(2024, 10, 1), date(2025, 9, 30), VIKARIAT, "1")]
    assert _rights(longer, date(2025, 12, 1)) == {
        "preferential_right": (
            "re-employment in the activity the member worked in",
            date(2026, 6, 30),
        )
    }
    # A seasonal worker with 2025-04-01..2025-10-31 = 214 days (> 180 within two years):
    # the right to a new season, until nine months after the next season's start (taken
    # as a year after this one's: 2026-04-01 + 9 months = 2027-01-01).
    season = [EmploymentPeriod(date(2025, 4, 1), date(2025, 10, 31), SEASON, "1")]
    assert _rights(season, date(2025, 12, 1)) == {
        "preferential_right_seasonal": ("new seasonal employment", date(2027, 1, 1))
    }


# --- SFS 2022:835: allmän visstidsanställning and the transition -----------------------------

AVA = EmploymentType.GENERAL_FIXED_TERM


def test_ava_time_from_1_march_2022_counts_towards_sava_conversion() -> None:
    # AVA 2022-01-01..2022-09-30: only 1 March on counts (31+30+31+30+31+31+30 = 214 days),
    # then SÄVA from 2022-10-01: 361 - 214 = 147 SÄVA days are needed, the 147th is
    # 2023-02-24 (92 days to 31 December, 31 in January, 24 in February).
    periods = [period("2022-01-01", "2022-09-30", AVA), period("2022-10-01", "2023-12-31")]
    result = employment_time(periods, date(2023, 3, 1), LIMITS, warn_months=10)
    assert result.limit(Rule.SAVA_CONVERSION).reached_on == date(2023, 2, 24)
    assert result.conversion is not None and result.conversion.code == Rule.SAVA_CONVERSION
    # Without the AVA, SÄVA alone passes 360 days on its 361st day, 2023-09-26.
    alone = employment_time(periods[1:], date(2023, 3, 1), LIMITS, warn_months=10)
    assert alone.limit(Rule.SAVA_CONVERSION).reached_on == date(2023, 9, 26)


def test_an_ava_running_on_1_october_2022_converts_under_the_old_rule() -> None:
    # AVA 2020-11-01..2022-12-31: 61 + 365 + 304 = 730 days to 2022-10-31, so more than two
    # years (730 days, AD 2019 nr 56) on 2022-11-01 under 5 a § as worded before.
    periods = [period("2020-11-01", "2022-12-31", AVA)]
    result = employment_time(periods, date(2022, 12, 1), LIMITS, warn_months=10)
    status = result.limit(Rule.GENERAL_FIXED_TERM_CONVERSION)
    assert status.limit_days == 730
    assert status.reached_on == date(2022, 11, 1)
    assert result.conversion is not None
    assert result.conversion.code == Rule.GENERAL_FIXED_TERM_CONVERSION
    assert "LAS 5 a § första stycket 1 i lydelsen före den 1 oktober 2022" in (
        result.problems[0].message
    )

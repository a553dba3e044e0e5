# SPDX-License-Identifier: EUPL-1.2
"""A member's employment time under LAS on a day: limits, conversion, preferential rights.

:func:`employment_time` counts the member's employments (:mod:`.counting`), measures them
against every limit of LAS (:mod:`.limits`) and reports what ``kooperativ check`` should
say:

* an **error** once a conversion limit has been passed and the cooperative has not yet
  recorded the open-ended employment (a *tillsvidareanställning* starting on or before the
  day of conversion): the employment has become permanent by law;
* a warning when the recorded contracts would pass a conversion limit, or when the count
  comes within ``warn_months`` of it, with the day it would be passed;
* the preferential rights in force (LAS 25 §), each naming which right it is and what it
  gives priority to.

A member is never reported converted and with a preferential right at the same time: once
a conversion has happened and is not recorded, the member is employed until further notice,
so no right to *re*-employment follows. Nothing here reads a clock.

Examples:
    >>> from kooperativ.countries.se.parameters import load_swedish_parameters
    >>> limits = LasLimits.from_parameters(load_swedish_parameters().at(date(2026, 1, 1)))
    >>> sava = "sarskild_visstidsanstallning"
    >>> periods = [EmploymentPeriod(date(2025, 1, 1), date(2025, 10, 31), sava, "1")]
    >>> result = employment_time(periods, date(2025, 12, 31), limits, warn_months=10)
    >>> result.days_by_form[sava]
    304
    >>> status = result.limit(Rule.SAVA_CONVERSION)
    >>> status.limit_days, status.projected_on
    (360, datetime.date(2026, 2, 26))
    >>> [right.code for right in result.preferential_rights]
    ['preferential_right_sava']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from kooperativ.countries.se.employment.counting import (
    Counted,
    EmploymentPeriod,
    gap_unlocks,
    monthly_days,
    unique_periods,
    worked_days,
)
from kooperativ.countries.se.employment.forms import FORMS, EmploymentType
from kooperativ.countries.se.employment.limits import LABELS, LasLimits, Rule
from kooperativ.countries.se.employment.preference import RIGHTS, preferential_rights
from kooperativ.employment.dates import add_months, window_start
from kooperativ.rules.employment import (
    Conversion,
    EmploymentProblem,
    EmploymentTime,
    PreferentialRight,
    TimeLimit,
)

__all__ = [
    "CLOSE",
    "IN_FORCE",
    "PASSED",
    "PREFERENCE_CLOSE",
    "WILL_PASS",
    "employment_time",
]

_SAVA = EmploymentType.SPECIAL_FIXED_TERM.value
_AVA = EmploymentType.GENERAL_FIXED_TERM.value
_SUBSTITUTE = EmploymentType.SUBSTITUTE.value
_SEASONAL = EmploymentType.SEASONAL.value
_PERMANENT = EmploymentType.PERMANENT.value

#: The templates of the findings (message ids of ``employment``).
PASSED = (
    "{form} time passed the limit (more than {limit} days) on {day}: the employment has "
    "become tillsvidareanställning ({reference})"
)
WILL_PASS = (
    "the recorded contracts pass the {form} limit (more than {limit} days) on {day}; the "
    "employment would then become tillsvidareanställning ({reference})"
)
CLOSE = (
    "{days} days of {form} counted; the limit (more than {limit} days) would be reached on "
    "{day} if employment continued ({reference})"
)
PREFERENCE_CLOSE = (
    "{days} days counted; {right} (more than {limit} days) would be earned on {day} if "
    "employment continued ({reference})"
)
IN_FORCE = "{right} until {day} ({reference}): offer {priority} to this member first"

#: The form each conversion rule counts, as findings name it.
_FORM_WORD = {
    Rule.SAVA_CONVERSION: "SÄVA",
    Rule.SAVA_CHAIN: "SÄVA",
    Rule.SUBSTITUTE_CONVERSION: "vikariat",
    Rule.GENERAL_FIXED_TERM_CONVERSION: "AVA",
    Rule.GENERAL_FIXED_TERM_CHAIN: "AVA",
}


_FIXED = frozenset(kind.value for kind, form in FORMS.items() if form.fixed_term)


def _chains(
    periods: Sequence[EmploymentPeriod], gap_months: int, horizon: date
) -> list[tuple[date, date]]:
    """Spans of fixed-term employments that followed one another (LAS 5 a § andra stycket).

    An employment follows another if it started within ``gap_months`` months of the
    previous one's last day. Open-ended periods run to ``horizon``.
    """
    spans: list[tuple[date, date]] = []
    fixed = [p for p in periods if p.form in _FIXED]
    for period in sorted(fixed, key=EmploymentPeriod.sort_key):
        end = horizon if period.end is None else period.end
        if spans and period.start <= add_months(spans[-1][1], gap_months):
            first, last = spans[-1]
            spans[-1] = (first, max(last, end))
        else:
            spans.append((period.start, end))
    return spans


class _Measure:
    """Builds the :class:`TimeLimit` of each rule for one count."""

    def __init__(
        self,
        periods: Sequence[EmploymentPeriod],
        on: date,
        horizon: date,
        limits: LasLimits,
        warn_months: int,
    ) -> None:
        self.periods = periods
        self.on = on
        self.horizon = horizon
        self.limits = limits
        self.margin = max(0, limits.sava_months - warn_months) * limits.days_per_month

    def _status(
        self,
        rule: Rule,
        days: int,
        first: date | None,
        reached: date | None,
        projected: date | None,
    ) -> TimeLimit:
        limit = self.limits.limit_days(rule)
        return TimeLimit(
            code=rule.value,
            label=LABELS[rule],
            reference=self.limits.reference(rule),
            limit_days=limit,
            days=days,
            window_start=first,
            reached_on=reached,
            projected_on=projected,
            warn_from_days=max(0, limit - self.margin),
            conversion=rule.conversion,
        )

    def window(self, rule: Rule, counted: Counted) -> TimeLimit:
        """A limit counted in a window of years ending on each day."""
        limit = self.limits.limit_days(rule)
        years = self.limits.window(rule)
        return self._status(
            rule,
            counted.count(self.on, years),
            None if years is None else window_start(self.on, years),
            counted.first_exceeding(limit, years),
            counted.projected(self.on, limit, years),
        )

    def chain(self, rule: Rule, counted: Counted) -> TimeLimit:
        """A limit counted within a chain of fixed-term employments (LAS 5 a § 2 p.)."""
        limit = self.limits.limit_days(rule)
        gap = self.limits.chain_gap_months
        chains = _chains(self.periods, gap, self.horizon)
        reached = min(
            (
                found
                for first, last in chains
                if (found := counted.within(first, last).first_exceeding(limit, None))
            ),
            default=None,
        )
        # The chain still open on `on`: the last one begun by then whose successor could
        # still start (within the gap after its last day counted up to `on`).
        current = Counted(())
        for first, last in chains:
            if first > self.on:
                break
            end = min(last, self.on)
            current = counted.within(first, end) if self.on <= add_months(end, gap) else Counted(())
        # Employed every day after `on`: the open chain continues, else a new one starts.
        return self._status(
            rule,
            current.count(self.on),
            None,
            reached,
            current.projected(self.on, limit, None),
        )


def _problems(
    statuses: Sequence[TimeLimit],
    conversion: Conversion | None,
    rights: Sequence[PreferentialRight],
    on: date,
    place: tuple[str, object],
) -> list[EmploymentProblem]:
    found: list[EmploymentProblem] = []
    converted = conversion is not None
    for status in statuses:
        rule = Rule(status.code)
        common: dict[str, object] = {"limit": status.limit_days, "reference": status.reference}
        if rule.conversion:
            form = _FORM_WORD[rule]
            if conversion is not None and conversion.code == status.code:
                if not conversion.recorded:
                    found.append(
                        EmploymentProblem.from_args(
                            f"{rule}.passed",
                            "error",
                            place,
                            PASSED,
                            {"form": form, "day": conversion.on, **common},
                        )
                    )
            elif converted:
                continue  # the employment is already tillsvidare: no more conversions
            elif status.reached_on is not None:
                found.append(
                    EmploymentProblem.from_args(
                        f"{rule}.will_pass",
                        "warning",
                        place,
                        WILL_PASS,
                        {"form": form, "day": status.reached_on, **common},
                    )
                )
            elif status.days > 0 and status.days >= status.warn_from_days:
                found.append(
                    EmploymentProblem.from_args(
                        f"{rule}.close",
                        "warning",
                        place,
                        CLOSE,
                        {"days": status.days, "form": form, "day": status.projected_on, **common},
                    )
                )
        elif conversion is not None and not conversion.recorded:
            continue  # employed until further notice: no preferential right follows
        else:
            passed = status.reached_on is not None and status.reached_on <= on
            if not passed and status.days > 0 and status.days >= status.warn_from_days:
                args = {
                    "days": status.days,
                    "right": RIGHTS[rule][0],
                    "day": status.projected_on,
                    **common,
                }
                found.append(
                    EmploymentProblem.from_args(
                        f"{rule}.close", "warning", place, PREFERENCE_CLOSE, args, terms=("right",)
                    )
                )
    for right in rights:
        found.append(
            EmploymentProblem.make(
                f"{right.code}.in_force",
                "warning",
                place,
                IN_FORCE,
                terms=("right", "priority"),
                right=right.label,
                day=right.until,
                reference=right.reference,
                priority=right.priority_to,
            )
        )
    return found


def _in_window(days: Iterable[int], first: date, last: date) -> int:
    low, high = first.toordinal(), last.toordinal()
    return sum(1 for day in days if low <= day <= high)


def employment_time(
    periods: Iterable[EmploymentPeriod],
    on: date,
    limits: LasLimits,
    *,
    warn_months: int,
    place: tuple[str, object] = ("member", ""),
) -> EmploymentTime:
    """Measure a member's employments against the limits of LAS on ``on``.

    Args:
        periods: The member's employments with the cooperative (any order; repeats and
            overlaps are counted once).
        on: The day to count to (inclusive); employments recorded after it are used only
            for :attr:`TimeLimit.reached_on`.
        limits: The figures in force (:meth:`LasLimits.from_parameters`).
        warn_months: Warn once this many of the 12 months of SÄVA are counted (``[employment]
            warn_months`` in ``cooperative.toml``); the other limits warn with the same
            margin, e.g. 10 of 12 months warns 60 days before each limit.
        place: Where the findings are (``("member", 3)``).

    Returns:
        Days per form, the status of every limit that applies, the conversion that has
        happened (if any), the preferential rights in force and the findings.
    """
    unique = unique_periods(periods)
    horizon = max([on, *(p.end for p in unique if p.end is not None)])
    by_form = {
        kind.value: worked_days([p for p in unique if p.form == kind.value], horizon)
        for kind in EmploymentType
    }
    everything = worked_days(unique, horizon)
    gaps = gap_unlocks(unique, horizon, limits.contracts_in_a_month)
    ava = by_form[_AVA]
    # Transition (SFS 2022:835): AVA time from 1 March 2022 counts as SÄVA for 5 a §, and an
    # AVA running on 1 October 2022 counts as SÄVA for 25 § from that day.
    conversion_from = limits.general_fixed_term_counted_from.toordinal()
    preference_from = limits.preference_general_fixed_term_counted_from.toordinal()
    sava_time = Counted.of(by_form[_SAVA] | {d for d in ava if d >= conversion_from}, gaps)
    sava_preference = Counted.of(by_form[_SAVA] | {d for d in ava if d >= preference_from}, gaps)
    # LAS 3 § andra stycket: the days between count as employment time for 25 § too.
    all_time = Counted.of(everything, gaps)

    measure = _Measure(unique, on, horizon, limits, warn_months)
    statuses = [
        measure.window(Rule.SAVA_CONVERSION, sava_time),
        measure.chain(Rule.SAVA_CHAIN, sava_time),
    ]
    if by_form[_SUBSTITUTE]:
        statuses.append(
            measure.window(Rule.SUBSTITUTE_CONVERSION, Counted.of(by_form[_SUBSTITUTE]))
        )
    if ava:
        statuses.append(measure.window(Rule.GENERAL_FIXED_TERM_CONVERSION, Counted.of(ava)))
        statuses.append(measure.chain(Rule.GENERAL_FIXED_TERM_CHAIN, Counted.of(ava)))
    statuses.append(measure.window(Rule.PREFERENCE, all_time))
    statuses.append(measure.window(Rule.PREFERENCE_SAVA, sava_preference))
    if by_form[_SEASONAL]:
        statuses.append(measure.window(Rule.PREFERENCE_SEASONAL, all_time))

    conversion: Conversion | None = None
    passed = [s for s in statuses if s.conversion and s.reached_on and s.reached_on <= on]
    if passed:
        first = min(passed, key=lambda s: s.reached_on or date.max)
        day = first.reached_on or on
        # Recorded: an open-ended employment from the day of conversion at the latest.
        recorded = any(
            p.form == _PERMANENT and p.start <= day and (p.end is None or p.end >= day)
            for p in unique
        )
        conversion = Conversion(first.code, day, first.reference, recorded)
    rights: list[PreferentialRight] = []
    if conversion is None or conversion.recorded:
        rights = preferential_rights(
            unique,
            on,
            limits,
            {
                Rule.PREFERENCE: all_time,
                Rule.PREFERENCE_SAVA: sava_preference,
                Rule.PREFERENCE_SEASONAL: all_time,
            },
        )

    first_day = window_start(on, limits.window_years)
    added = [day for day, since in gaps.items() if since <= on.toordinal()]
    return EmploymentTime(
        on=on,
        window_start=first_day,
        days_by_form={form: _in_window(days, first_day, on) for form, days in by_form.items()},
        gap_days=_in_window(added, first_day, on),
        total_days=_in_window(everything, first_day, on),
        limits=tuple(statuses),
        conversion=conversion,
        preferential_rights=tuple(rights),
        months=tuple(monthly_days(unique, horizon, limits.contracts_in_a_month)),
        problems=tuple(_problems(statuses, conversion, rights, on, place)),
    )

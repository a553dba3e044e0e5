# SPDX-License-Identifier: EUPL-1.2
"""The preferential right to re-employment (*företrädesrätt till återanställning*, LAS 25 §).

An employee dismissed for lack of work, or whose fixed-term employment (LAS 5 §) was not
continued for lack of work, must be offered new work first if they have been employed long
enough (LAS 25 § första stycket). Which right it is decides what it gives priority to:

========================  ==========================================  ======================
right                     employment time needed                      gives priority to
========================  ==========================================  ======================
25 § första stycket 1     more than 12 months within three years      re-employment in the
                                                                      activity they worked in
25 § första stycket 2     more than 9 months of SÄVA within three     a new *särskild
                          years                                       visstidsanställning*
25 § första stycket 3     a former seasonal worker: more than 6       new seasonal
                          months within two years                     employment
========================  ==========================================  ======================

A vikariat therefore needs more than 12 months; the 9-month right is for SÄVA only. The
rights are checked independently: a member may hold more than one. A right lasts until nine
months have passed from the day the employment ended; a seasonal worker's until nine months
after the new season began, which kooperativ takes to be one year after the last season
began (the real season start is not recorded). An employment that ended with a resignation
or a dismissal for personal reasons gives no right; one without a recorded reason is taken
to have run out (the cooperative had no further assignment: lack of work).

Examples:
    >>> from kooperativ.countries.se.parameters import load_swedish_parameters
    >>> from kooperativ.countries.se.employment.counting import Counted, EmploymentPeriod
    >>> limits = LasLimits.from_parameters(load_swedish_parameters().at(date(2026, 1, 1)))
    >>> ended = EmploymentPeriod(date(2025, 1, 1), date(2025, 9, 30),
    ...                          "sarskild_visstidsanstallning", "1")
    >>> days = Counted.of(ended.days(date(2025, 9, 30)))
    >>> rights = preferential_rights([ended], date(2025, 12, 1), limits,
    ...     {Rule.PREFERENCE: days, Rule.PREFERENCE_SAVA: days, Rule.PREFERENCE_SEASONAL: days})
    >>> [(right.code, right.until) for right in rights]
    [('preferential_right_sava', datetime.date(2026, 6, 30))]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from kooperativ.countries.se.employment.counting import Counted, EmploymentPeriod
from kooperativ.countries.se.employment.forms import FORMS, EmploymentType
from kooperativ.countries.se.employment.limits import LasLimits, Rule
from kooperativ.employment.dates import add_months, add_years
from kooperativ.employment.models import EndReason
from kooperativ.rules.employment import PreferentialRight

__all__ = ["RIGHTS", "keeps_preferential_right", "preferential_rights"]

#: Which right each rule is and what it gives priority to (message ids of ``employment``).
RIGHTS: Mapping[Rule, tuple[str, str]] = {
    Rule.PREFERENCE: (
        "preferential right to re-employment",
        "re-employment in the activity the member worked in",
    ),
    Rule.PREFERENCE_SAVA: (
        "preferential right to a new särskild visstidsanställning",
        "a new särskild visstidsanställning",
    ),
    Rule.PREFERENCE_SEASONAL: (
        "preferential right to new seasonal employment",
        "new seasonal employment",
    ),
}

#: End reasons that are a lack of work (LAS 25 § första stycket): a dismissal for lack of
#: work, or a fixed term that was not continued.
_LACK_OF_WORK = frozenset(
    {EndReason.ASSIGNMENT_COMPLETED, EndReason.FIXED_TERM_EXPIRED, EndReason.REDUNDANCY}
)


def keeps_preferential_right(form: str, reason: EndReason | None) -> bool:
    """Whether an employment of ``form`` that ended for ``reason`` can give the right.

    A dismissal for lack of work does in any form; a fixed term (LAS 5 §) that ran out
    does (no recorded reason counts as running out); a resignation, a dismissal for
    personal reasons or the end of a trial period does not.
    """
    if reason is EndReason.REDUNDANCY:
        return True
    try:
        fixed = FORMS[EmploymentType(form)].fixed_term
    except ValueError:
        return False
    return fixed and (reason is None or reason in _LACK_OF_WORK)


def preferential_rights(
    periods: Sequence[EmploymentPeriod],
    on: date,
    limits: LasLimits,
    counted: Mapping[Rule, Counted],
) -> list[PreferentialRight]:
    """The preferential rights in force on ``on`` (LAS 25 §), each saying which it is.

    Args:
        periods: The member's employments.
        on: The day asked about; a member employed that day has no right (it follows the
            end of the employment).
        limits: The figures in force.
        counted: The qualifying time of each right: all employment time (with the days
            LAS 3 § adds) for :attr:`Rule.PREFERENCE` and :attr:`Rule.PREFERENCE_SEASONAL`,
            SÄVA time for :attr:`Rule.PREFERENCE_SAVA`.
    """
    if any(p.start <= on and (p.end is None or p.end >= on) for p in periods):
        return []
    ended = [p for p in periods if p.end is not None and p.end < on]
    if not ended:
        return []
    last_day = max(p.end for p in ended if p.end is not None)
    last = [p for p in ended if p.end == last_day]
    if not any(keeps_preferential_right(p.form, p.end_reason) for p in last):
        return []
    seasonal = [p for p in last if p.form == EmploymentType.SEASONAL]
    rights: list[PreferentialRight] = []
    for rule in (Rule.PREFERENCE, Rule.PREFERENCE_SAVA, Rule.PREFERENCE_SEASONAL):
        if rule is Rule.PREFERENCE_SEASONAL and not seasonal:
            continue  # 25 § första stycket 3: a former seasonal worker's right
        limit = limits.limit_days(rule)
        days = counted[rule].count(last_day, limits.window(rule))
        if days <= limit:
            continue
        if rule is Rule.PREFERENCE_SEASONAL:
            # Nine months from the new season's start, taken as a year after the last one.
            season = max(p.start for p in seasonal)
            until = add_months(add_years(season, 1), limits.preference_duration_months)
        else:
            until = add_months(last_day, limits.preference_duration_months)
        if until < on:
            continue
        label, priority = RIGHTS[rule]
        rights.append(
            PreferentialRight(
                code=rule.value,
                label=label,
                priority_to=priority,
                reference=limits.reference(rule),
                days=days,
                limit_days=limit,
                ended_on=last_day,
                until=until,
            )
        )
    return rights

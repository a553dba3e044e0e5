# SPDX-License-Identifier: EUPL-1.2
"""Employment time (*anställningstid*) under LAS: days counted, limits, warnings.

A member employed for one assignment after another builds up employment time with the
cooperative, and LAS attaches consequences to it:

* **Conversion of särskild visstidsanställning** (SÄVA, LAS 5 a § första stycket): more
  than 12 months of SÄVA within a five-year period (1 p.), or within a *chain* of
  fixed-term employments (SÄVA, vikariat, säsong) each started within six months of the
  previous one's last day (2 p.), and the employment becomes *tillsvidare*.
* **Three contracts in a calendar month** (LAS 3 § andra stycket): with three or more
  SÄVA in one calendar month, the days between them in that month count as SÄVA time too.
* **Conversion of vikariat** (LAS 5 a § tredje stycket): more than two years of vikariat
  within five years.
* **Preferential right to re-employment** (*företrädesrätt*, LAS 25 §): more than 12 months
  of employment in the last three years, or more than 9 months of SÄVA in the last three
  years (for a new SÄVA), or for a seasonal worker more than 6 months in two years; it
  lasts nine months from the day the employment ended.

Time is counted in whole days: each calendar day on which the member is employed counts
once, however many contracts cover it (no double counting), and the result does not depend
on the order the contracts are given in. Months are converted to days with the parameter
``employment.days_per_month`` (30); every figure comes from the dated parameters in
``countries/se/parameters/employment.toml`` through :class:`LasLimits`. Nothing here reads
a clock: the day to count to is passed in.

Examples:
    >>> from kooperativ.countries.se.parameters import load_swedish_parameters
    >>> limits = LasLimits.from_parameters(load_swedish_parameters().at(date(2026, 1, 1)))
    >>> sava = EmploymentType.SPECIAL_FIXED_TERM
    >>> periods = [EmploymentPeriod(date(2025, 1, 1), date(2025, 10, 31), sava, "1")]
    >>> result = employment_time(periods, date(2025, 12, 31), limits, warn_months=10)
    >>> result.days_by_type[sava]
    304
    >>> status = result.limit(Rule.SAVA_CONVERSION)
    >>> status.limit_days, status.projected_on
    (360, datetime.date(2026, 2, 26))
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from kooperativ.employment.models import EmploymentContract, EmploymentType, EndReason
from kooperativ.errors import RulesError

__all__ = [
    "CLOSE",
    "PASSED",
    "PREFERENCE_CLOSE",
    "PREFERENCE_UNTIL",
    "WILL_PASS",
    "EmploymentPeriod",
    "EmploymentTime",
    "LasLimits",
    "LimitStatus",
    "MonthDays",
    "Rule",
    "TimeWarning",
    "add_months",
    "add_years",
    "employment_time",
    "monthly_days",
    "sava_days",
]

_SAVA = EmploymentType.SPECIAL_FIXED_TERM
_SUBSTITUTE = EmploymentType.SUBSTITUTE
_SEASONAL = EmploymentType.SEASONAL


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (the day clamped to the month's end).

    >>> add_months(date(2026, 8, 31), 6)
    datetime.date(2027, 2, 28)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """``day`` moved by ``years`` years (29 February becomes 28 February)."""
    return add_months(day, 12 * years)


def _window_start(end: date, years: int) -> date:
    """First day of the period of ``years`` years that ends on ``end`` (inclusive)."""
    return add_years(end, -years) + timedelta(days=1)


def _month_start(day: date) -> date:
    return day.replace(day=1)


# --- inputs --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class EmploymentPeriod:
    """One employment as the counting sees it.

    Attributes:
        start: First day.
        end: Last day (the day it ended, else the agreed end); ``None`` while open-ended.
        type: The form of employment.
        key: What identifies the contract (its number); two periods with the same key are
            the same employment, so a contract given twice is counted once.
        end_reason: Why it ended, if it has (decides the preferential right, LAS 25 §).
    """

    start: date
    end: date | None
    type: EmploymentType
    key: str = ""
    end_reason: EndReason | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def from_contract(cls, contract: EmploymentContract) -> EmploymentPeriod:
        """The period of ``contract`` (up to the day it ended, if it ended early)."""
        return cls(
            contract.start,
            contract.last_day,
            contract.type,
            str(contract.number),
            contract.end_reason,
        )

    def days(self, until: date) -> range:
        """The day ordinals of this period up to and including ``until``."""
        last = until if self.end is None else min(self.end, until)
        return range(self.start.toordinal(), last.toordinal() + 1)


def _integral(value: Decimal, name: str) -> int:
    if value != value.to_integral_value() or value < 0:
        raise RulesError(f"parameter {name!r} must be a whole number ≥ 0 (got {value})")
    return int(value)


@dataclass(frozen=True, slots=True)
class LasLimits:
    """The LAS figures in force on a day, read from the dated parameters.

    Each attribute is read from a parameter in ``employment.toml`` (see
    :meth:`from_parameters` for the names); ``references`` may override the paragraph
    cited for a :class:`Rule`.
    """

    days_per_month: int
    sava_months: int
    window_years: int
    chain_gap_months: int
    substitute_months: int
    contracts_in_a_month: int
    preference_months: int
    preference_window_years: int
    preference_sava_months: int
    preference_sava_window_years: int
    preference_seasonal_months: int
    preference_seasonal_window_years: int
    preference_duration_months: int
    references: Mapping[Rule, str] = field(default_factory=dict)

    @classmethod
    def from_parameters(cls, resolved: Mapping[str, object]) -> LasLimits:
        """Read the limits from parameters resolved on a day (``ParameterSet.at(day)``).

        Raises:
            MissingParameterError: A parameter has no value on that day.
            RulesError: A parameter is not a whole number.
        """
        names = {
            "days_per_month": "days_per_month",
            "sava_months": "conversion.sava_months",
            "window_years": "conversion.window_years",
            "chain_gap_months": "conversion.chain_gap_months",
            "substitute_months": "conversion.substitute_months",
            "contracts_in_a_month": "conversion.contracts_in_a_month",
            "preference_months": "preference.general_months",
            "preference_window_years": "preference.general_window_years",
            "preference_sava_months": "preference.sava_months",
            "preference_sava_window_years": "preference.sava_window_years",
            "preference_seasonal_months": "preference.seasonal_months",
            "preference_seasonal_window_years": "preference.seasonal_window_years",
            "preference_duration_months": "preference.duration_months",
        }
        values: dict[str, Any] = {}
        for attribute, name in names.items():
            full = f"employment.{name}"
            raw = resolved[full]
            if not isinstance(raw, Decimal):
                raise RulesError(f"parameter {full!r} is not a number")
            values[attribute] = _integral(raw, full)
        return cls(**values)

    def reference(self, rule: Rule) -> str:
        """The paragraph ``rule`` applies (``references`` may override the built-in one)."""
        return self.references.get(rule) or _DEFAULT_REFERENCE[rule]


class Rule(StrEnum):
    """The limits of LAS that employment time is measured against."""

    SAVA_CONVERSION = "sava_conversion"  #: LAS 5 a § första stycket 1
    SAVA_CHAIN = "sava_chain"  #: LAS 5 a § första stycket 2, andra stycket
    SUBSTITUTE_CONVERSION = "substitute_conversion"  #: LAS 5 a § tredje stycket
    PREFERENCE = "preferential_right"  #: LAS 25 § första stycket 1
    PREFERENCE_SAVA = "preferential_right_sava"  #: LAS 25 § första stycket 2
    PREFERENCE_SEASONAL = "preferential_right_seasonal"  #: LAS 25 § första stycket 3

    @property
    def conversion(self) -> bool:
        """True for the rules that turn a fixed-term employment into tillsvidare."""
        return self in (Rule.SAVA_CONVERSION, Rule.SAVA_CHAIN, Rule.SUBSTITUTE_CONVERSION)


_DEFAULT_REFERENCE = {
    Rule.SAVA_CONVERSION: "LAS 5 a § första stycket 1",
    Rule.SAVA_CHAIN: "LAS 5 a § första stycket 2 och andra stycket",
    Rule.SUBSTITUTE_CONVERSION: "LAS 5 a § tredje stycket",
    Rule.PREFERENCE: "LAS 25 § första stycket 1",
    Rule.PREFERENCE_SAVA: "LAS 25 § första stycket 2",
    Rule.PREFERENCE_SEASONAL: "LAS 25 § första stycket 3",
}


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LimitStatus:
    """How far a member is from one limit on the day counted to.

    Attributes:
        rule: The limit.
        reference: The LAS paragraph.
        limit_days: The limit in days; it is reached when the count is *more* than this.
        days: Days counted on the day of the count: in the window ending that day, or for
            :attr:`Rule.SAVA_CHAIN` in the chain still open that day.
        window_start: First day of the window counted in (``None`` for the chain rule).
        reached_on: First day on which the recorded employments (including contracts that
            run past the day of the count) exceed the limit, or ``None``.
        projected_on: First day the limit would be exceeded if the member were employed in
            this form every day after the day of the count.
        warn_from_days: From this count on, a warning is given ahead of the limit.
    """

    rule: Rule
    reference: str
    limit_days: int
    days: int
    window_start: date | None
    reached_on: date | None
    projected_on: date | None
    warn_from_days: int


@dataclass(frozen=True, slots=True)
class TimeWarning:
    """A finding about a member's employment time, ready for ``kooperativ check``.

    Attributes:
        severity: ``error`` for a limit passed, else ``warning``.
        rule: The limit it is about.
        message: The finding in English words.
        template: The message template (a message id of the ``problems`` catalog), so
            the finding can be rendered in Swedish: ``template.format(**dict(args))``
            equals ``message``.
        args: The template's arguments as text.
    """

    severity: Literal["error", "warning"]
    rule: Rule
    message: str
    template: str = ""
    args: tuple[tuple[str, str], ...] = ()

    def render(self, translate: Callable[[str], str]) -> str:
        """The message through ``translate`` (a gettext function of domain ``problems``)."""
        if not self.template:
            return self.message
        return translate(self.template).format(**dict(self.args))


#: The templates of :class:`TimeWarning` (message ids in ``problems.po``).
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
    "{days} days counted; preferential right to re-employment (more than {limit} days) would "
    "be earned on {day} if employment continued ({reference})"
)
PREFERENCE_UNTIL = (
    "preferential right to re-employment until {day} (LAS 25 §): offer new work to this "
    "member first"
)


def _warning(
    severity: Literal["error", "warning"], rule: Rule, template: str, **args: object
) -> TimeWarning:
    values = tuple((name, str(value)) for name, value in args.items())
    return TimeWarning(severity, rule, template.format(**dict(values)), template, values)


@dataclass(frozen=True, slots=True)
class MonthDays:
    """Days employed in one calendar month, per form, plus the days LAS 3 § adds."""

    month: date
    days: Mapping[EmploymentType, int]
    gap_days: int

    @property
    def total(self) -> int:
        """Days in the month on which the member was employed in any form."""
        return sum(self.days.values())


@dataclass(frozen=True, slots=True)
class EmploymentTime:
    """A member's employment time on a day, measured against every limit.

    Attributes:
        on: The day counted to (inclusive).
        window_start: First day of the five-year window (LAS 5 a §).
        days_by_type: Days employed in each form within the window, each day once.
        gap_days: SÄVA days added within the window by the three-contracts rule (LAS 3 §).
        total_days: Days employed in any form within the window.
        limits: One :class:`LimitStatus` per rule that applies.
        preferential_right_until: Last day of a preferential right to re-employment that
            is in force on ``on`` (LAS 25 §), else ``None``.
        warnings: What ``kooperativ check`` reports.
    """

    on: date
    window_start: date
    days_by_type: Mapping[EmploymentType, int]
    gap_days: int
    total_days: int
    limits: tuple[LimitStatus, ...]
    preferential_right_until: date | None
    warnings: tuple[TimeWarning, ...]

    def limit(self, rule: Rule) -> LimitStatus:
        """The status of ``rule``.

        Raises:
            KeyError: The rule does not apply (e.g. seasonal rules without seasonal work).
        """
        for status in self.limits:
            if status.rule is rule:
                return status
        raise KeyError(rule)


# --- counting ------------------------------------------------------------------------------


def _unique(periods: Iterable[EmploymentPeriod]) -> list[EmploymentPeriod]:
    """The periods without exact repeats, in a fixed order (so input order is irrelevant)."""
    return sorted(set(periods))


def _union(periods: Iterable[EmploymentPeriod], until: date) -> set[int]:
    days: set[int] = set()
    for period in periods:
        days.update(period.days(until))
    return days


def sava_days(
    periods: Sequence[EmploymentPeriod], until: date, contracts_in_a_month: int
) -> tuple[set[int], set[int]]:
    """SÄVA days up to ``until``, with the days LAS 3 § andra stycket adds.

    In a calendar month in which the member had ``contracts_in_a_month`` (3) or more
    distinct särskilda visstidsanställningar, the days between the first and the last SÄVA
    day of that month count as SÄVA time too ("ska även tiden mellan anställningarna räknas
    som anställningstid"). Only the days inside that month are added.

    Returns:
        ``(all_days, added_days)`` as day ordinals; ``added_days`` are the gap days only.
    """
    sava = [p for p in _unique(periods) if p.type is _SAVA]
    worked = _union(sava, until)
    per_month: dict[date, set[str | EmploymentPeriod]] = defaultdict(set)
    for period in sava:
        last = until if period.end is None else min(period.end, until)
        if last < period.start:
            continue
        month = _month_start(period.start)
        while month <= last:
            # A period without a key is its own employment; equal keys are one contract.
            per_month[month].add(period.key or period)
            month = add_months(month, 1)
    added: set[int] = set()
    for month, contracts in per_month.items():
        if len(contracts) < contracts_in_a_month:
            continue
        first = month.toordinal()
        last_day = add_months(month, 1).toordinal() - 1
        inside = [d for d in range(first, last_day + 1) if d in worked]
        added.update(d for d in range(inside[0], inside[-1] + 1) if d not in worked)
    return worked | added, added


def _count_in_window(days: Iterable[int], end: date, years: int) -> int:
    first = _window_start(end, years).toordinal()
    last = end.toordinal()
    return sum(1 for d in days if first <= d <= last)


def _first_exceeding(days: Iterable[int], years: int | None, limit: int) -> date | None:
    """First day on which more than ``limit`` of ``days`` lie in the window ending that day.

    ``years=None`` means no window: all days count (the chain rule).
    """
    ordered = sorted(set(days))
    low = 0
    for high, day in enumerate(ordered):
        if years is not None:
            first = _window_start(date.fromordinal(day), years).toordinal()
            while ordered[low] < first:
                low += 1
        if high - low + 1 > limit:
            return date.fromordinal(day)
    return None


def _projected(days: set[int], on: date, years: int | None, limit: int) -> date | None:
    """When the limit is exceeded if the member is employed every day after ``on``."""
    past = [d for d in days if d <= on.toordinal()]
    future = range(on.toordinal() + 1, on.toordinal() + limit + 2)
    return _first_exceeding([*past, *future], years, limit)


def _chains(
    periods: Sequence[EmploymentPeriod], gap_months: int, horizon: date
) -> list[tuple[date, date]]:
    """Spans of fixed-term employments that followed one another (LAS 5 a § andra stycket).

    An employment follows another if it started within ``gap_months`` months of the
    previous one's last day. Open-ended periods run to ``horizon``.
    """
    spans: list[tuple[date, date]] = []
    for period in sorted(p for p in periods if p.type.fixed_term):
        end = horizon if period.end is None else period.end
        if spans and period.start <= add_months(spans[-1][1], gap_months):
            first, last = spans[-1]
            spans[-1] = (first, max(last, end))
        else:
            spans.append((period.start, end))
    return spans


def monthly_days(
    periods: Sequence[EmploymentPeriod], until: date, contracts_in_a_month: int = 3
) -> list[MonthDays]:
    """Days employed per calendar month and form, up to ``until``, oldest month first.

    Args:
        periods: The member's employments.
        until: Last day counted.
        contracts_in_a_month: The LAS 3 § threshold (parameter
            ``employment.conversion.contracts_in_a_month``).
    """
    unique = _unique(periods)
    by_type = {
        kind: _union([p for p in unique if p.type is kind], until) for kind in EmploymentType
    }
    _, added = sava_days(unique, until, contracts_in_a_month)
    months: dict[date, dict[EmploymentType, int]] = defaultdict(lambda: defaultdict(int))
    gaps: dict[date, int] = defaultdict(int)
    for kind, days in by_type.items():
        for day in days:
            months[_month_start(date.fromordinal(day))][kind] += 1
    for day in added:
        gaps[_month_start(date.fromordinal(day))] += 1
    return [
        MonthDays(month, dict(sorted(months[month].items())), gaps[month])
        for month in sorted(set(months) | set(gaps))
    ]


def employment_time(
    periods: Iterable[EmploymentPeriod],
    on: date,
    limits: LasLimits,
    *,
    warn_months: int,
) -> EmploymentTime:
    """Measure a member's employments against the limits of LAS on ``on``.

    Args:
        periods: The member's employments with the cooperative (any order; repeats and
            overlaps are counted once).
        on: The day to count to (inclusive); employments recorded after it are used only
            for :attr:`LimitStatus.reached_on`.
        limits: The figures in force (:meth:`LasLimits.from_parameters`).
        warn_months: Warn once this many months of SÄVA are counted (``[employment]
            warn_months`` in ``cooperative.toml``); the other limits warn with the same
            margin, e.g. 10 of 12 months warns two months (60 days) before each limit.

    Returns:
        Days per form, the status of every limit that applies, and the warnings.
    """
    unique = _unique(periods)
    per_month = limits.days_per_month
    margin = max(0, limits.sava_months - warn_months) * per_month
    horizon = max([on, *(p.end for p in unique if p.end is not None)])
    window_start = _window_start(on, limits.window_years)

    def in_window(days: Iterable[int]) -> int:
        return _count_in_window(days, on, limits.window_years)

    by_type = {
        kind: _union([p for p in unique if p.type is kind], horizon) for kind in EmploymentType
    }
    all_days = set().union(*by_type.values())
    sava_all, added = sava_days(unique, horizon, limits.contracts_in_a_month)
    statuses: list[LimitStatus] = []

    def status(
        rule: Rule, days: set[int], years: int | None, months: int, counted: int
    ) -> LimitStatus:
        limit = months * per_month
        return LimitStatus(
            rule=rule,
            reference=limits.reference(rule),
            limit_days=limit,
            days=counted,
            window_start=None if years is None else _window_start(on, years),
            reached_on=_first_exceeding(days, years, limit),
            projected_on=_projected(days, on, years, limit),
            warn_from_days=max(0, limit - margin),
        )

    sava_years = limits.window_years
    statuses.append(
        status(
            Rule.SAVA_CONVERSION,
            sava_all,
            sava_years,
            limits.sava_months,
            _count_in_window(sava_all, on, sava_years),
        )
    )
    statuses.append(_chain_status(unique, on, horizon, sava_all, limits, margin))
    if by_type[_SUBSTITUTE]:
        statuses.append(
            status(
                Rule.SUBSTITUTE_CONVERSION,
                by_type[_SUBSTITUTE],
                sava_years,
                limits.substitute_months,
                in_window(by_type[_SUBSTITUTE]),
            )
        )
    statuses.append(
        status(
            Rule.PREFERENCE,
            all_days,
            limits.preference_window_years,
            limits.preference_months,
            _count_in_window(all_days, on, limits.preference_window_years),
        )
    )
    statuses.append(
        status(
            Rule.PREFERENCE_SAVA,
            sava_all,
            limits.preference_sava_window_years,
            limits.preference_sava_months,
            _count_in_window(sava_all, on, limits.preference_sava_window_years),
        )
    )
    if by_type[_SEASONAL]:
        statuses.append(
            status(
                Rule.PREFERENCE_SEASONAL,
                all_days,
                limits.preference_seasonal_window_years,
                limits.preference_seasonal_months,
                _count_in_window(all_days, on, limits.preference_seasonal_window_years),
            )
        )
    checks = [
        (all_days, limits.preference_window_years, limits.preference_months * per_month),
        (sava_all, limits.preference_sava_window_years, limits.preference_sava_months * per_month),
    ]
    if by_type[_SEASONAL]:
        checks.append(
            (
                all_days,
                limits.preference_seasonal_window_years,
                limits.preference_seasonal_months * per_month,
            )
        )
    until = _preferential_until(unique, on, checks, limits.preference_duration_months)
    counted = {kind: in_window(days) for kind, days in by_type.items()}
    return EmploymentTime(
        on=on,
        window_start=window_start,
        days_by_type=counted,
        gap_days=in_window(added),
        total_days=in_window(all_days),
        limits=tuple(statuses),
        preferential_right_until=until,
        warnings=tuple(_warnings(statuses, on, until)),
    )


def _chain_status(
    periods: Sequence[EmploymentPeriod],
    on: date,
    horizon: date,
    sava_all: set[int],
    limits: LasLimits,
    margin: int,
) -> LimitStatus:
    """LAS 5 a § första stycket 2: SÄVA time within a chain of fixed-term employments."""
    limit = limits.sava_months * limits.days_per_month
    chains = _chains(periods, limits.chain_gap_months, horizon)
    reached: date | None = None
    for first, last in chains:
        inside = [d for d in sava_all if first.toordinal() <= d <= last.toordinal()]
        found = _first_exceeding(inside, None, limit)
        if found is not None and (reached is None or found < reached):
            reached = found
    # The chain still open on `on`: the last one started by then whose successor could
    # still start (within the gap after its last day counted up to `on`).
    current: set[int] = set()
    for first, last in chains:
        if first > on:
            break
        end = min(last, on)
        if on <= add_months(end, limits.chain_gap_months):
            current = {d for d in sava_all if first.toordinal() <= d <= end.toordinal()}
        else:
            current = set()
    counted = len(current)
    # Employed in SÄVA every day after `on`: the open chain continues, else a new one starts.
    future = range(on.toordinal() + 1, on.toordinal() + limit + 2)
    projected = _first_exceeding([*current, *future], None, limit)
    return LimitStatus(
        rule=Rule.SAVA_CHAIN,
        reference=limits.reference(Rule.SAVA_CHAIN),
        limit_days=limit,
        days=counted,
        window_start=None,
        reached_on=reached,
        projected_on=projected,
        warn_from_days=max(0, limit - margin),
    )


def _preferential_until(
    periods: Sequence[EmploymentPeriod],
    on: date,
    checks: Sequence[tuple[set[int], int, int]],
    duration_months: int,
) -> date | None:
    """Last day of a preferential right in force on ``on`` (LAS 25 §), or ``None``.

    The right needs enough employment time counted on the last day of the latest
    employment, which ended before ``on`` (none running on ``on``), an end that keeps the
    right (not a resignation or a dismissal for personal reasons), and lasts until
    ``duration_months`` (9) from that last day (25 § tredje stycket).

    Args:
        periods: The member's employments.
        on: The day of the count.
        checks: ``(days, window_years, limit_days)`` of each preferential-right rule.
        duration_months: How long the right lasts after the employment ended.
    """
    if any(p.start <= on and (p.end is None or p.end >= on) for p in periods):
        return None
    ended = [p for p in periods if p.end is not None and p.end < on]
    if not ended:
        return None
    last_day = max(p.end for p in ended if p.end is not None)
    reasons = [p.end_reason for p in ended if p.end == last_day and p.end_reason is not None]
    if reasons and not any(reason.keeps_preferential_right for reason in reasons):
        return None
    if not any(_count_in_window(days, last_day, years) > limit for days, years, limit in checks):
        return None
    until = add_months(last_day, duration_months)
    return until if until >= on else None


def _warnings(statuses: Sequence[LimitStatus], on: date, until: date | None) -> list[TimeWarning]:
    """Errors for limits passed, warnings for limits the contracts pass or come close to."""
    found: list[TimeWarning] = []
    for status in statuses:
        passed = status.reached_on is not None and status.reached_on <= on
        common = {"limit": status.limit_days, "reference": status.reference}
        if status.rule.conversion:
            form = "vikariat" if status.rule is Rule.SUBSTITUTE_CONVERSION else "SÄVA"
            if passed:
                found.append(
                    _warning(
                        "error", status.rule, PASSED, form=form, day=status.reached_on, **common
                    )
                )
            elif status.reached_on is not None:
                found.append(
                    _warning(
                        "warning",
                        status.rule,
                        WILL_PASS,
                        form=form,
                        day=status.reached_on,
                        **common,
                    )
                )
            elif status.days > 0 and status.days >= status.warn_from_days:
                found.append(
                    _warning(
                        "warning",
                        status.rule,
                        CLOSE,
                        days=status.days,
                        form=form,
                        day=status.projected_on,
                        **common,
                    )
                )
        elif not passed and status.days > 0 and status.days >= status.warn_from_days:
            found.append(
                _warning(
                    "warning",
                    status.rule,
                    PREFERENCE_CLOSE,
                    days=status.days,
                    day=status.projected_on,
                    **common,
                )
            )
    if until is not None:
        found.append(_warning("warning", Rule.PREFERENCE, PREFERENCE_UNTIL, day=until))
    return found

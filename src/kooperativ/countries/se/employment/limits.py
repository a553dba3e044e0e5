# SPDX-License-Identifier: EUPL-1.2
"""The limits of LAS that employment time is measured against, and the figures behind them.

* **SÄVA → tillsvidare** (LAS 5 a § första stycket): more than 12 months of
  *särskild visstidsanställning* within five years (1 p.), or within a *chain* of fixed-term
  employments each started within six months of the previous one's last day (2 p. and
  andra stycket).
* **Vikariat → tillsvidare** (LAS 5 a § tredje stycket): more than two years of vikariat
  within five years.
* **AVA → tillsvidare** (5 a § as worded before 1 October 2022): an *allmän
  visstidsanställning* that was running on 1 October 2022 still converts under the old
  rule, more than two years of AVA within five years or within a chain (övergångs-
  bestämmelserna till SFS 2022:835).
* **Preferential right** (LAS 25 § första stycket 1–3): more than 12 months within three
  years; more than 9 months of SÄVA within three years for a new SÄVA; more than 6 months
  within two years for a new season.

Months are 30 days (``employment.days_per_month``) and years 365 days
(``employment.days_per_year``, AD 2019 nr 56): "more than 12 months" is more than 360 days,
"more than two years" more than 730. AVA time from 1 March 2022 counts as SÄVA time for
5 a § (``employment.conversion.general_fixed_term_counted_from``); an AVA running on
1 October 2022 counts as SÄVA for the preferential right from that day
(``employment.preference.general_fixed_term_counted_from``).

Examples:
    >>> from kooperativ.countries.se.parameters import load_swedish_parameters
    >>> limits = LasLimits.from_parameters(load_swedish_parameters().at(date(2026, 1, 1)))
    >>> limits.limit_days(Rule.SAVA_CONVERSION), limits.limit_days(Rule.SUBSTITUTE_CONVERSION)
    (360, 730)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from kooperativ.errors import RulesError

__all__ = ["LABELS", "LasLimits", "Rule"]


class Rule(StrEnum):
    """The limits of LAS; the values are the codes of :class:`TimeLimit` and findings."""

    SAVA_CONVERSION = "sava_conversion"  #: LAS 5 a § första stycket 1
    SAVA_CHAIN = "sava_chain"  #: LAS 5 a § första stycket 2, andra stycket
    SUBSTITUTE_CONVERSION = "substitute_conversion"  #: LAS 5 a § tredje stycket
    GENERAL_FIXED_TERM_CONVERSION = "general_fixed_term_conversion"  #: old 5 a § 1 p.
    GENERAL_FIXED_TERM_CHAIN = "general_fixed_term_chain"  #: old 5 a § 2 p.
    PREFERENCE = "preferential_right"  #: LAS 25 § första stycket 1
    PREFERENCE_SAVA = "preferential_right_sava"  #: LAS 25 § första stycket 2
    PREFERENCE_SEASONAL = "preferential_right_seasonal"  #: LAS 25 § första stycket 3

    @property
    def conversion(self) -> bool:
        """True for the rules that turn a fixed-term employment into tillsvidare."""
        return self in _CONVERSIONS

    @property
    def chain(self) -> bool:
        """True for the rules counted within a chain of employments, not a window."""
        return self in (Rule.SAVA_CHAIN, Rule.GENERAL_FIXED_TERM_CHAIN)


_CONVERSIONS = frozenset(
    {
        Rule.SAVA_CONVERSION,
        Rule.SAVA_CHAIN,
        Rule.SUBSTITUTE_CONVERSION,
        Rule.GENERAL_FIXED_TERM_CONVERSION,
        Rule.GENERAL_FIXED_TERM_CHAIN,
    }
)

_DEFAULT_REFERENCE = {
    Rule.SAVA_CONVERSION: "LAS 5 a § första stycket 1",
    Rule.SAVA_CHAIN: "LAS 5 a § första stycket 2 och andra stycket",
    Rule.SUBSTITUTE_CONVERSION: "LAS 5 a § tredje stycket",
    Rule.GENERAL_FIXED_TERM_CONVERSION: "LAS 5 a § första stycket 1 i lydelsen före den "
    "1 oktober 2022",
    Rule.GENERAL_FIXED_TERM_CHAIN: "LAS 5 a § första stycket 2 i lydelsen före den 1 oktober 2022",
    Rule.PREFERENCE: "LAS 25 § första stycket 1",
    Rule.PREFERENCE_SAVA: "LAS 25 § första stycket 2",
    Rule.PREFERENCE_SEASONAL: "LAS 25 § första stycket 3",
}

#: Short names of the rules for tables (message ids of ``employment``).
LABELS = {
    Rule.SAVA_CONVERSION: "SÄVA, five years",
    Rule.SAVA_CHAIN: "SÄVA, chain",
    Rule.SUBSTITUTE_CONVERSION: "vikariat, five years",
    Rule.GENERAL_FIXED_TERM_CONVERSION: "AVA, five years",
    Rule.GENERAL_FIXED_TERM_CHAIN: "AVA, chain",
    Rule.PREFERENCE: "preferential right",
    Rule.PREFERENCE_SAVA: "preferential right, SÄVA",
    Rule.PREFERENCE_SEASONAL: "preferential right, season",
}


def _integral(value: object, name: str) -> int:
    if not isinstance(value, Decimal):
        raise RulesError("parameter {name!r} is not a number", name=name)
    if value != value.to_integral_value() or value < 0:
        raise RulesError(
            "parameter {name!r} must be a whole number ≥ 0 (got {value})", name=name, value=value
        )
    return int(value)


def _day(value: object, name: str) -> date:
    if not isinstance(value, date):
        raise RulesError("parameter {name!r} is not a date", name=name)
    return value


#: Attribute → parameter (below ``employment.``), in the order they are read.
_COUNTS = {
    "days_per_month": "days_per_month",
    "days_per_year": "days_per_year",
    "sava_months": "conversion.sava_months",
    "window_years": "conversion.window_years",
    "chain_gap_months": "conversion.chain_gap_months",
    "substitute_years": "conversion.substitute_years",
    "general_fixed_term_years": "conversion.general_fixed_term_years",
    "contracts_in_a_month": "conversion.contracts_in_a_month",
    "preference_months": "preference.general_months",
    "preference_window_years": "preference.general_window_years",
    "preference_sava_months": "preference.sava_months",
    "preference_sava_window_years": "preference.sava_window_years",
    "preference_seasonal_months": "preference.seasonal_months",
    "preference_seasonal_window_years": "preference.seasonal_window_years",
    "preference_duration_months": "preference.duration_months",
}
_DATES = {
    "general_fixed_term_counted_from": "conversion.general_fixed_term_counted_from",
    "preference_general_fixed_term_counted_from": "preference.general_fixed_term_counted_from",
}


@dataclass(frozen=True, slots=True)
class LasLimits:
    """The LAS figures in force on a day, read from the dated parameters.

    Each attribute is a parameter of ``employment.toml`` (see :meth:`from_parameters`);
    ``references`` may override the paragraph cited for a :class:`Rule`.
    """

    days_per_month: int
    days_per_year: int
    sava_months: int
    window_years: int
    chain_gap_months: int
    substitute_years: int
    general_fixed_term_years: int
    contracts_in_a_month: int
    preference_months: int
    preference_window_years: int
    preference_sava_months: int
    preference_sava_window_years: int
    preference_seasonal_months: int
    preference_seasonal_window_years: int
    preference_duration_months: int
    general_fixed_term_counted_from: date
    preference_general_fixed_term_counted_from: date
    references: Mapping[Rule, str] = field(default_factory=dict)

    @classmethod
    def from_parameters(cls, resolved: Mapping[str, object]) -> LasLimits:
        """Read the limits from parameters resolved on a day (``ParameterSet.at(day)``).

        Raises:
            MissingParameterError: A parameter has no value on that day (e.g. before
                1 October 2022, when SÄVA did not exist).
            RulesError: A parameter is not a whole number, or not a date.
        """
        values: dict[str, Any] = {}
        for attribute, name in _COUNTS.items():
            full = f"employment.{name}"
            values[attribute] = _integral(resolved[full], full)
        for attribute, name in _DATES.items():
            full = f"employment.{name}"
            values[attribute] = _day(resolved[full], full)
        return cls(**values)

    def reference(self, rule: Rule) -> str:
        """The paragraph ``rule`` applies (``references`` may override the built-in one)."""
        return self.references.get(rule) or _DEFAULT_REFERENCE[rule]

    def limit_days(self, rule: Rule) -> int:
        """The limit of ``rule`` in days: months of 30 days, years of 365 (AD 2019 nr 56)."""
        months = {
            Rule.SAVA_CONVERSION: self.sava_months,
            Rule.SAVA_CHAIN: self.sava_months,
            Rule.PREFERENCE: self.preference_months,
            Rule.PREFERENCE_SAVA: self.preference_sava_months,
            Rule.PREFERENCE_SEASONAL: self.preference_seasonal_months,
        }
        if rule in months:
            return months[rule] * self.days_per_month
        years = {
            Rule.SUBSTITUTE_CONVERSION: self.substitute_years,
            Rule.GENERAL_FIXED_TERM_CONVERSION: self.general_fixed_term_years,
            Rule.GENERAL_FIXED_TERM_CHAIN: self.general_fixed_term_years,
        }
        return years[rule] * self.days_per_year

    def window(self, rule: Rule) -> int | None:
        """The years of the window ``rule`` counts in (``None`` for a chain rule)."""
        if rule.chain:
            return None
        return {
            Rule.PREFERENCE: self.preference_window_years,
            Rule.PREFERENCE_SAVA: self.preference_sava_window_years,
            Rule.PREFERENCE_SEASONAL: self.preference_seasonal_window_years,
        }.get(rule, self.window_years)

# SPDX-License-Identifier: EUPL-1.2
"""Swedish late-payment interest (*dröjsmålsränta*) under räntelagen (1975:635).

References:
    - Räntelagen (1975:635) 1 §: the law applies where nothing else is agreed.
    - Räntelagen 6 §: dröjsmålsränta on a debt with a set due date runs from the due date,
      at the reference rate in force at each time plus eight percentage points.
    - Räntelagen 9 §: Riksbanken fixes the reference rate for each calendar half-year
      (1 January and 1 July).

The figures are dated parameters in ``parameters/late_payment.toml``:
``late_payment.reference_rate`` (one value per half-year, each with its source),
``late_payment.margin`` (the eight points) and ``late_payment.day_count`` (365: the
yearly rate is applied as actual days ÷ 365, as the byggexp.se calculator the reference
cites does; marked UNCERTAIN there, since interestia.se divides by 366 in leap years).
A half-year whose reference rate is not known is not in the file, so asking for it raises
:class:`~kooperativ.errors.MissingParameterError` naming ``late_payment.reference_rate``
and the day.

Examples:
    >>> from datetime import date
    >>> SwedishLatePayment().late_interest_rate(date(2026, 3, 1))
    Decimal('0.10')
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.rules.late_payment import LateInterestTerms
from kooperativ.rules.parameters import ParameterSet

__all__ = ["DAY_COUNT", "MARGIN", "REFERENCE_RATE", "SwedishLatePayment"]

#: The parameter names.
REFERENCE_RATE = "late_payment.reference_rate"
MARGIN = "late_payment.margin"
DAY_COUNT = "late_payment.day_count"


def _earlier(first: date | None, second: date | None) -> date | None:
    """The earlier of two last days (``None``: open-ended)."""
    if first is None:
        return second
    if second is None:
        return first
    return min(first, second)


class SwedishLatePayment:
    """Räntelagen's dröjsmålsränta: reference rate + margin, actual/365."""

    def late_interest_rate(self, on: date, parameters: ParameterSet | None = None) -> Decimal:
        """Referensräntan in force on ``on`` plus eight percentage points (6 §)."""
        return self.late_interest_terms(on, parameters).rate

    def late_interest_terms(
        self, on: date, parameters: ParameterSet | None = None
    ) -> LateInterestTerms:
        """The rate on ``on`` and the days it holds: the overlap of the reference rate's
        half-year (9 §), the margin's and the day count's periods."""
        params = parameters if parameters is not None else load_swedish_parameters()
        resolved = params.at(on)
        reference = resolved.decimal(REFERENCE_RATE)
        margin = resolved.decimal(MARGIN)
        day_count = resolved.decimal(DAY_COUNT)
        first = on
        last: date | None = None
        for name in (REFERENCE_RATE, MARGIN, DAY_COUNT):
            start, end = params[name].period_on(on)
            first = start if name == REFERENCE_RATE else max(first, start)
            last = _earlier(last, end)
        half_year = params[REFERENCE_RATE].period_on(on)[0]
        source = resolved.reference(REFERENCE_RATE)
        note = next(
            (v.note for v in params[REFERENCE_RATE].values if v.valid_from == half_year), None
        )
        if note:
            source = f"{source} ({note})"
        return LateInterestTerms(
            rate=reference + margin,
            first=first,
            last=last,
            day_count=int(day_count),
            reference=f"{resolved.reference(MARGIN)}: {reference} + {margin}; {source}",
        )

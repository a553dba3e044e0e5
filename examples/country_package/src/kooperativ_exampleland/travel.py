# SPDX-License-Identifier: EUPL-1.2
"""Exampleland's travel allowances: a flat per diem and a mileage rate.

Exampleland is fictional. Its Travel Act gives ``travel.per_diem`` tax-free for every
calendar day of a trip with at least one night away (§ 1; meals do not matter) and
``travel.mileage_per_km`` for every km driven in one's own car (§ 2). What is paid
above either is pay (§ 3). The yearly statement to the tax office has a box for each
(``E1`` per diem, ``E2`` mileage, tax-free amounts) and one for the pay (``E9``).
It implements :class:`kooperativ.rules.travel.TravelRules`.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kooperativ.money import ORE, ZERO_ORE
from kooperativ.payroll.trace import TraceLine
from kooperativ.rules.parameters import ParameterSet
from kooperativ.travel.models import (
    DayAllowance,
    MileageAllowance,
    MileageClaim,
    ReportBox,
    TravelAllowance,
    Trip,
    paid_amount,
    split_paid,
)

__all__ = ["ExamplelandTravel"]

_ACT = "Exampleland Travel Act § {0} (fictional)"


def _split(paid: Decimal, maximum: Decimal) -> tuple[Decimal, Decimal, tuple[TraceLine, ...]]:
    tax_free, taxable = split_paid(paid, maximum)
    return tax_free, taxable, (
        TraceLine("tax_free", tax_free, "lesser", {}, _ACT.format(3),
                  f"min({paid}, {maximum}) = {tax_free}"),
        TraceLine("taxable", taxable, "excess", {}, _ACT.format(3),
                  f"{paid} − {tax_free} = {taxable}"),
    )  # fmt: skip


class ExamplelandTravel:
    """Exampleland's travel rules, bound to a parameter set."""

    def __init__(self, parameters: ParameterSet) -> None:
        self.parameters = parameters

    def per_diem(self, trip: Trip, paid: Decimal) -> TravelAllowance:
        """The flat per diem for each day of a trip with a night away (§ 1)."""
        paid = paid_amount(paid)
        days = []
        for day in trip.days():
            rate = self.parameters.at(day).decimal("travel.per_diem")
            maximum = (rate if trip.nights > 0 else ZERO_ORE).quantize(ORE)
            days.append(
                DayAllowance(
                    day=day, kind="day" if trip.nights > 0 else "none", maximum=maximum,
                    reduction=ZERO_ORE, tax_free=maximum, meals=trip.meals_on(day),
                    trace=(
                        TraceLine("maximum", maximum, "flat", {"travel.per_diem": str(rate)},
                                  _ACT.format(1), f"{trip.nights} nights: {maximum}"),
                    ),
                )
            )  # fmt: skip
        maximum = sum((day.tax_free for day in days), ZERO_ORE)
        tax_free, taxable, trace = _split(paid, maximum)
        return TravelAllowance(
            trip=trip, qualifies=trip.nights > 0, days=tuple(days), night_allowance=ZERO_ORE,
            maximum=maximum, paid=paid, tax_free=tax_free, taxable=taxable, trace=trace,
            reporting=(ReportBox(code="E1", value=tax_free), ReportBox(code="E9", value=taxable)),
        )  # fmt: skip

    def mileage(self, claim: MileageClaim, paid: Decimal, on: date) -> MileageAllowance:
        """The rate per km driven (§ 2)."""
        paid = paid_amount(paid)
        rate = self.parameters.at(on).decimal("travel.mileage_per_km")
        maximum = (claim.km * rate).quantize(ORE, ROUND_HALF_UP)
        tax_free, taxable, trace = _split(paid, maximum)
        line = TraceLine(
            "maximum", maximum, "per-km", {"travel.mileage_per_km": str(rate)},
            _ACT.format(2), f"{claim.km} × {rate} = {maximum}",
        )  # fmt: skip
        return MileageAllowance(
            claim=claim, on=on, rate=rate, maximum=maximum, paid=paid, tax_free=tax_free,
            taxable=taxable, trace=(line, *trace),
            reporting=(ReportBox(code="E2", value=tax_free), ReportBox(code="E9", value=taxable)),
        )  # fmt: skip

# SPDX-License-Identifier: EUPL-1.2
"""Testland's travel allowances: the worked example of a country's travel rules.

Testland (code ``XT``) is fictional. Its Travel Act gives a flat per diem
(``travel.per_diem``) for every calendar day of a trip with at least one night away to a
place more than ``travel.minimum_km`` from home (the workplace does not matter, and there
are no half days); each free meal takes ``travel.meal_reduction`` off the day. Mileage is
``travel.mileage_per_km`` for every kind of car. What is paid above is pay. It implements
:class:`kooperativ.rules.travel.TravelRules` with no change to kooperativ's core.

Examples:
    >>> from datetime import date, datetime
    >>> from decimal import Decimal
    >>> from kooperativ.travel import Meals, Trip
    >>> trip = Trip.create(departure=datetime(2026, 5, 1, 15, 0),
    ...     returned=datetime(2026, 5, 2, 10, 0), km_from_home="31",
    ...     km_from_workplace="0", nights=1,
    ...     meals=[Meals(day=date(2026, 5, 2), breakfast=True)])
    >>> TestlandTravel().per_diem(trip, Decimal("100")).tax_free
    Decimal('70.00')
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

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

__all__ = ["TestlandTravel"]

HERE = Path(__file__).resolve().parent
_ACT = "Testland Travel Act § {0} (fictional)"


class TestlandTravel:
    """Testland's travel rules, bound to parameters (Testland's own if ``None``)."""

    def __init__(self, parameters: ParameterSet | None = None) -> None:
        self.parameters = (
            parameters if parameters is not None else ParameterSet.load(HERE / "parameters")
        )

    def per_diem(self, trip: Trip, paid: Decimal) -> TravelAllowance:
        """The flat per diem, less the free meals; the excess of ``paid`` is pay."""
        paid = paid_amount(paid)
        days = []
        for day in trip.days():
            at = self.parameters.at(day)
            meals = trip.meals_on(day)
            qualifies = trip.nights > 0 and trip.km_from_home > at.decimal("travel.minimum_km")
            rate = at.decimal("travel.per_diem") if qualifies else ZERO_ORE
            cut = min(at.decimal("travel.meal_reduction") * meals.count, rate)
            maximum, reduction = rate.quantize(ORE), cut.quantize(ORE)
            tax_free = maximum - reduction
            days.append(
                DayAllowance(
                    day=day, kind="day" if qualifies else "none", maximum=maximum,
                    reduction=reduction, tax_free=tax_free, meals=meals,
                    trace=(
                        TraceLine("maximum", maximum, "flat", {"travel.per_diem": str(rate)},
                                  _ACT.format(1), f"flat per diem = {maximum}"),
                        TraceLine("reduction", reduction, "meals", {}, _ACT.format(2),
                                  f"{meals.count} meals = {reduction}"),
                        TraceLine("tax_free", tax_free, "day", {}, _ACT.format(1),
                                  f"{maximum} − {reduction} = {tax_free}"),
                    ),
                )
            )  # fmt: skip
        maximum = sum((day.tax_free for day in days), ZERO_ORE)
        tax_free, taxable = split_paid(paid, maximum)
        return TravelAllowance(
            trip=trip, qualifies=any(day.kind == "day" for day in days), days=tuple(days),
            night_allowance=ZERO_ORE, maximum=maximum, paid=paid, tax_free=tax_free,
            taxable=taxable,
            reporting=(
                ReportBox(code="T1", value=tax_free > 0),
                ReportBox(code="T9", value=taxable),
            ),
            trace=(
                TraceLine("maximum", maximum, "sum", {}, _ACT.format(1), f"sum = {maximum}"),
                TraceLine("tax_free", tax_free, "lesser", {}, _ACT.format(4),
                          f"min({paid}, {maximum}) = {tax_free}"),
                TraceLine("taxable", taxable, "excess", {}, _ACT.format(4),
                          f"{paid} − {tax_free} = {taxable}"),
            ),
        )  # fmt: skip

    def mileage(self, claim: MileageClaim, paid: Decimal, on: date) -> MileageAllowance:
        """The flat rate per km for any car; the excess of ``paid`` is pay."""
        paid = paid_amount(paid)
        rate = self.parameters.at(on).decimal("travel.mileage_per_km")
        maximum = (claim.km * rate).quantize(ORE, ROUND_HALF_UP)
        tax_free, taxable = split_paid(paid, maximum)
        return MileageAllowance(
            claim=claim, on=on, rate=rate, maximum=maximum, paid=paid, tax_free=tax_free,
            taxable=taxable,
            reporting=(
                ReportBox(code="T2", value=tax_free > 0),
                ReportBox(code="T9", value=taxable),
            ),
            trace=(
                TraceLine("maximum", maximum, "per-km", {"travel.mileage_per_km": str(rate)},
                          _ACT.format(3), f"{claim.km} × {rate} = {maximum}"),
                TraceLine("tax_free", tax_free, "lesser", {}, _ACT.format(4),
                          f"min({paid}, {maximum}) = {tax_free}"),
                TraceLine("taxable", taxable, "excess", {}, _ACT.format(4),
                          f"{paid} − {tax_free} = {taxable}"),
            ),
        )  # fmt: skip

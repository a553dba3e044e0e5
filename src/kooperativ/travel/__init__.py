# SPDX-License-Identifier: EUPL-1.2
"""Travel allowances for touring work: per diem and mileage, as pure, dated rules.

The records are country-free (:mod:`kooperativ.travel.models`); the law that decides what
is tax-free comes from the country, ``country.travel_rules()``
(:class:`~kooperativ.rules.travel.TravelRules`)::

    rules = get_country("SE").travel_rules()
    allowance = rules.per_diem(trip, paid=Decimal("700"))
    allowance.tax_free, allowance.taxable

Nothing here stores anything: a service and the command line come later.
"""

from __future__ import annotations

from kooperativ.travel.models import (
    AMOUNT_LIMIT,
    DISTANCE_LIMIT,
    KM_PER_MIL,
    MAX_TRIP_DAYS,
    DayAllowance,
    DistanceUnit,
    Meals,
    MileageAllowance,
    MileageClaim,
    ReportBox,
    TravelAllowance,
    Trip,
    VehicleKind,
    paid_amount,
    split_paid,
)

__all__ = [
    "AMOUNT_LIMIT",
    "DISTANCE_LIMIT",
    "KM_PER_MIL",
    "MAX_TRIP_DAYS",
    "DayAllowance",
    "DistanceUnit",
    "Meals",
    "MileageAllowance",
    "MileageClaim",
    "ReportBox",
    "TravelAllowance",
    "Trip",
    "VehicleKind",
    "paid_amount",
    "split_paid",
]

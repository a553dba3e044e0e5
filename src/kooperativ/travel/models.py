# SPDX-License-Identifier: EUPL-1.2
"""Travel allowances: the trip, the mileage claim and what the country's law makes of them.

A member on tour is paid a *per diem* (Swedish *traktamente*) for the days away and a
*mileage allowance* (*milersättning*) for driving. How much of what the cooperative pays
is tax-free is national law, reached through
:meth:`~kooperativ.rules.country.CountryRules.travel_rules`; this module holds the
country-free records: what happened (:class:`Trip`, :class:`MileageClaim`) and the
results (:class:`TravelAllowance`, :class:`MileageAllowance`), each amount with the
:class:`~kooperativ.payroll.trace.TraceLine` that explains it (rule, parameters used,
legal reference and the arithmetic written out, as the salary trace does).

Amounts are :class:`~decimal.Decimal`, in the currency's unit and its hundredths (kronor
and öre). What the cooperative pays is split into a tax-free part and a taxable part that
add up to it exactly: ``tax_free + taxable == paid``.

Examples:
    >>> from datetime import datetime
    >>> trip = Trip.create(departure=datetime(2026, 3, 2, 8, 0),
    ...     returned=datetime(2026, 3, 4, 17, 0), km_from_home="120",
    ...     km_from_workplace="115", nights=2, lodging_paid=True)
    >>> [str(day) for day in trip.days()]
    ['2026-03-02', '2026-03-03', '2026-03-04']
    >>> MileageClaim.create(distance="312", unit="km").mil
    Decimal('31.2')
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Self

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic import ValidationError as PydanticValidationError

from kooperativ._model import Record
from kooperativ.errors import InputError, ValidationFailed, pydantic_reason
from kooperativ.money import ORE, ZERO, to_decimal
from kooperativ.payroll.trace import TraceLine

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

#: The largest amount paid for one trip or claim that is accepted.
AMOUNT_LIMIT = Decimal("10000000")
#: The longest distance accepted (km), for a trip's destination or a mileage claim.
DISTANCE_LIMIT = Decimal("1000000")
#: The longest trip accepted, in calendar days.
MAX_TRIP_DAYS = 1000
#: Kilometres in a Swedish/Norwegian *mil* (a unit, not a legal figure).
KM_PER_MIL = Decimal(10)


class VehicleKind(StrEnum):
    """The car a mileage allowance is paid for."""

    #: The employee's own car (any fuel).
    OWN_CAR = "own_car"
    #: A benefit car (*förmånsbil*) not fully electric, the employee paying the fuel.
    BENEFIT_CAR = "benefit_car"
    #: A fully electric benefit car, the employee paying the electricity.
    BENEFIT_CAR_ELECTRIC = "benefit_car_electric"


class DistanceUnit(StrEnum):
    """How a distance is written: kilometres or Swedish *mil* (10 km)."""

    KM = "km"
    MIL = "mil"


def _as_input_error(exc: PydanticValidationError) -> InputError:
    problems: list[tuple[str, str, dict[str, object]]] = []
    for error in exc.errors():
        cause = (error.get("ctx") or {}).get("error")
        loc = ".".join(str(p) for p in error["loc"])
        field = cause.field if isinstance(cause, InputError) and cause.field else loc or "input"
        template, values = pydantic_reason(error)
        problems.append((field, template, values))
    if len(problems) == 1:
        field, template, values = problems[0]
        return InputError(field, template, **values)
    return ValidationFailed(problems)


def _distance(value: object, field: str) -> Decimal:
    number = to_decimal(value, field)
    if number < 0:
        raise InputError(field, "must not be negative (got {value})", value=number)
    if number > DISTANCE_LIMIT:
        raise InputError(field, "is more than {limit} km", limit=DISTANCE_LIMIT)
    return number


def paid_amount(value: object, field: str = "amount_paid") -> Decimal:
    """An amount the cooperative paid: not negative, whole öre, below :data:`AMOUNT_LIMIT`.

    Raises:
        InputError: Naming ``field`` and what is wrong.

    Examples:
        >>> paid_amount("660")
        Decimal('660.00')
    """
    number = to_decimal(value, field)
    if abs(number) > AMOUNT_LIMIT:
        raise InputError(
            field, "is more than {limit}, the largest amount a travel allowance accepts",
            limit=AMOUNT_LIMIT,
        )  # fmt: skip
    if number < 0:
        raise InputError(field, "must not be negative (got {value})", value=number)
    if number != number.quantize(ORE):
        raise InputError(field, "{value} has more than two decimals (whole öre only)", value=number)
    return number.quantize(ORE)


class Meals(Record):
    """The meals the employer (or someone on its behalf) provided free on one day.

    Attributes:
        day: The calendar day.
        breakfast: Breakfast was free.
        lunch: Lunch was free.
        dinner: Dinner was free.
    """

    day: date
    breakfast: bool = False
    lunch: bool = False
    dinner: bool = False

    @property
    def count(self) -> int:
        """How many of the three meals were free."""
        return int(self.breakfast) + int(self.lunch) + int(self.dinner)

    def names(self) -> tuple[str, ...]:
        """The free meals' names in English (``breakfast``, ``lunch``, ``dinner``)."""
        return tuple(
            name for name, free in (
                ("breakfast", self.breakfast), ("lunch", self.lunch), ("dinner", self.dinner)
            ) if free
        )  # fmt: skip


class Trip(Record):
    """A business trip (*tjänsteresa*) of one member, as it happened.

    Times are local wall-clock times without a time zone (as a travel report gives them).

    Attributes:
        departure: When the member left home or the usual workplace.
        returned: When the member was back.
        km_from_home: The destination's distance from home, in km (nearest way).
        km_from_workplace: The destination's distance from the usual workplace, in km.
        lodging_paid: The employer paid for (or provided) the lodging.
        nights: Nights spent away from home (the hours 00–06 away); between 0 and the
            trip's calendar nights. The nights are taken as the trip's first nights when a
            night's date matters (a parameter that changes during the trip).
        meals: The free meals, per calendar day of the trip (a day not listed had none).
        days_at_place_before: Days already spent at the same place on earlier trips that
            count towards the long-trip reductions (absence that extends the period not
            counted); the trip's first day is day ``days_at_place_before + 1``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    departure: datetime
    returned: datetime
    km_from_home: Decimal
    km_from_workplace: Decimal
    lodging_paid: bool = False
    nights: int = Field(ge=0)
    meals: tuple[Meals, ...] = ()
    days_at_place_before: int = Field(default=0, ge=0, le=100_000)

    @field_validator("km_from_home", "km_from_workplace", mode="before")
    @classmethod
    def _km(cls, value: object, info: Any) -> Decimal:
        return _distance(value, str(info.field_name))

    @model_validator(mode="after")
    def _check(self) -> Self:
        if (self.departure.tzinfo is None) != (self.returned.tzinfo is None):
            raise InputError("returned", "give both times with a time zone or both without")
        if self.returned <= self.departure:
            raise InputError(
                "returned", "{returned} is not after the departure {departure}",
                returned=self.returned, departure=self.departure,
            )  # fmt: skip
        span = (self.returned.date() - self.departure.date()).days
        if span + 1 > MAX_TRIP_DAYS:
            raise InputError(
                "returned", "a trip of more than {limit} days is not accepted",
                limit=MAX_TRIP_DAYS,
            )  # fmt: skip
        if self.nights > span:
            raise InputError(
                "nights", "{nights} nights do not fit between {first} and {last}",
                nights=self.nights, first=self.departure.date(), last=self.returned.date(),
            )  # fmt: skip
        if self.departure.date().toordinal() <= self.days_at_place_before:
            raise InputError(
                "days_at_place_before", "{days} days before {day} leave the calendar",
                days=self.days_at_place_before, day=self.departure.date(),
            )  # fmt: skip
        seen: set[date] = set()
        for item in self.meals:
            if not self.departure.date() <= item.day <= self.returned.date():
                raise InputError(
                    "meals", "{day} is not a day of the trip ({first} – {last})",
                    day=item.day, first=self.departure.date(), last=self.returned.date(),
                )  # fmt: skip
            if item.day in seen:
                raise InputError("meals", "{day} is given twice", day=item.day)
            seen.add(item.day)
        return self

    @classmethod
    def create(cls, **fields: Any) -> Trip:
        """Validate ``fields`` into a :class:`Trip`.

        Raises:
            InputError: Naming the bad field (:class:`ValidationFailed` for several).
        """
        try:
            return cls.model_validate(fields)
        except PydanticValidationError as exc:
            raise _as_input_error(exc) from None

    def days(self) -> Iterator[date]:
        """Every calendar day of the trip, departure day to return day."""
        day = self.departure.date()
        while day <= self.returned.date():
            yield day
            day += timedelta(days=1)

    def night_dates(self) -> tuple[date, ...]:
        """The morning (00–06) of each night away: the trip's first :attr:`nights` nights."""
        first = self.departure.date()
        return tuple(first + timedelta(days=index + 1) for index in range(self.nights))

    def meals_on(self, day: date) -> Meals:
        """The free meals of ``day`` (none if the day is not listed)."""
        for item in self.meals:
            if item.day == day:
                return item
        return Meals(day=day)


class MileageClaim(Record):
    """Kilometres driven in the service with a car the employer does not pay fuel for.

    Attributes:
        distance: The distance driven, in :attr:`unit`.
        unit: ``km`` or ``mil`` (10 km).
        vehicle: The kind of car.
    """

    distance: Decimal
    unit: DistanceUnit = DistanceUnit.KM
    vehicle: VehicleKind = VehicleKind.OWN_CAR

    @field_validator("distance", mode="before")
    @classmethod
    def _km(cls, value: object) -> Decimal:
        return _distance(value, "distance")

    @classmethod
    def create(cls, **fields: Any) -> MileageClaim:
        """Validate ``fields`` into a :class:`MileageClaim`.

        Raises:
            InputError: Naming the bad field.
        """
        try:
            return cls.model_validate(fields)
        except PydanticValidationError as exc:
            raise _as_input_error(exc) from None

    @property
    def km(self) -> Decimal:
        """The distance in kilometres."""
        return self.distance * KM_PER_MIL if self.unit is DistanceUnit.MIL else self.distance

    @property
    def mil(self) -> Decimal:
        """The distance in mil (10 km)."""
        return self.distance if self.unit is DistanceUnit.MIL else self.distance / KM_PER_MIL


class ReportBox(Record):
    """One fact the employer reports to the tax authority about an allowance.

    Attributes:
        code: The box's code in the country's employer declaration (Sweden: the AGI
            *fältkod*, ``050``, ``051``, ``011``).
        element: The element's name in the declaration file, if known.
        value: A check box (``True``: tick it) or an amount to add to the box.
    """

    code: str
    element: str = ""
    value: bool | Decimal


class DayAllowance(Record):
    """The per diem of one calendar day of a trip.

    Attributes:
        day: The day.
        kind: The kind of day in the country's words (Sweden: ``whole``, ``half``,
            ``none``), with the long-trip stage where there is one (``whole-70``).
        maximum: The most that may be paid tax-free for the day before meals.
        reduction: What the free meals take off the maximum.
        tax_free: ``maximum − reduction`` (never below zero).
        meals: The free meals of the day.
        trace: The lines that explain ``maximum``, ``reduction`` and ``tax_free``.
    """

    day: date
    kind: str
    maximum: Decimal
    reduction: Decimal
    tax_free: Decimal
    meals: Meals
    trace: tuple[TraceLine, ...] = ()


class TravelAllowance(Record):
    """The per diem of a trip: the tax-free maximum, day by day, and the split of what
    was paid into a tax-free and a taxable part.

    Attributes:
        trip: The trip.
        qualifies: Whether the trip gives a tax-free per diem at all.
        days: One :class:`DayAllowance` per calendar day.
        night_allowance: The tax-free allowance for nights without paid lodging.
        maximum: The most that may be paid tax-free for the trip (days and nights).
        paid: What the cooperative paid.
        tax_free: ``min(paid, maximum)``.
        taxable: ``paid − tax_free``: taxable pay, with employer contributions.
        reporting: What to report in the employer declaration.
        trace: The lines that explain the night allowance and the totals.
    """

    trip: Trip
    qualifies: bool
    days: tuple[DayAllowance, ...]
    night_allowance: Decimal
    maximum: Decimal
    paid: Decimal
    tax_free: Decimal
    taxable: Decimal
    reporting: tuple[ReportBox, ...] = ()
    trace: tuple[TraceLine, ...] = ()

    def all_lines(self) -> tuple[TraceLine, ...]:
        """Every explanation line: each day's, then the nights' and the totals'."""
        return tuple(line for day in self.days for line in day.trace) + self.trace


class MileageAllowance(Record):
    """The mileage allowance of a claim, split into a tax-free and a taxable part.

    Attributes:
        claim: The claim.
        on: The day whose rates apply.
        rate: The tax-free amount per mil.
        maximum: ``mil × rate``, to the öre.
        paid: What the cooperative paid.
        tax_free: ``min(paid, maximum)``.
        taxable: ``paid − tax_free``: taxable pay, with employer contributions.
        reporting: What to report in the employer declaration.
        trace: The lines that explain each amount.
    """

    claim: MileageClaim
    on: date
    rate: Decimal
    maximum: Decimal
    paid: Decimal
    tax_free: Decimal
    taxable: Decimal
    reporting: tuple[ReportBox, ...] = ()
    trace: tuple[TraceLine, ...] = ()


def split_paid(paid: Decimal, maximum: Decimal) -> tuple[Decimal, Decimal]:
    """``(tax_free, taxable)`` of ``paid`` against a tax-free ``maximum``, to the öre.

    >>> split_paid(Decimal("700.00"), Decimal("660"))
    (Decimal('660.00'), Decimal('40.00'))
    """
    tax_free = min(paid, max(maximum, ZERO)).quantize(ORE)
    return tax_free, (paid - tax_free).quantize(ORE)

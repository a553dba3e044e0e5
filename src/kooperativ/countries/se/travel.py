# SPDX-License-Identifier: EUPL-1.2
"""Sweden's travel allowances: domestic *traktamente* and *milersättning*.

What the cooperative pays for a business trip (*tjänsteresa*) is tax-free up to
Skatteverket's schablon amounts, and the excess is taxable pay with employer
contributions. Every figure is a dated parameter in ``parameters/travel.toml``; the
maximum itself (*maximibeloppet*) is 0.5 % of the prisbasbelopp of the day's year,
rounded to the nearest 10 kr (2025: 290 kr, 2026: 300 kr).

The rules, in the order they are applied to each calendar day of a trip:

1. A per diem is tax-free only on a trip with an overnight stay away from home, to a
   place more than 50 km from both home and the usual workplace (IL 12 kap. 6 §).
2. The departure day is a whole day if the trip starts before 12.00, else half a day;
   the return day is a whole day if the trip ends after 19.00, else half a day; the days
   between are whole days.
3. After three months at the same place a whole day is 70 % of the maximum and a half day
   is not tax-free (RÅ 2006 ref. 59); after two years a whole day is 50 %. The days
   already spent at the place on earlier trips count (``Trip.days_at_place_before``).
4. Free meals reduce the day's amount by 90 % (all three), 70 % (lunch and dinner), 55 %
   (breakfast and lunch or dinner), 35 % (lunch or dinner) or 20 % (breakfast), rounded
   half up to whole kronor (SKV A 2025:5).
5. Each night away whose lodging the employer did not pay adds half the maximum
   (*nattraktamente*).

What was paid is compared with the sum for the whole trip: up to it is tax-free (the
check box 051 in the employer declaration, *arbetsgivardeklaration*, AGI), the excess is
cash pay (box 011). Mileage works the same way with the rate per mil of the kind of car
(box 050). Free meals on a trip without a tax-free per diem are a taxable benefit
(*kostförmån*, box 012) that this module does not value yet.

Examples:
    >>> from datetime import datetime
    >>> from decimal import Decimal
    >>> from kooperativ.travel import Meals, Trip
    >>> trip = Trip.create(departure=datetime(2026, 3, 2, 8, 0),
    ...     returned=datetime(2026, 3, 4, 17, 0), km_from_home="120",
    ...     km_from_workplace="115", nights=2, lodging_paid=True,
    ...     meals=[Meals(day=date(2026, 3, 3), breakfast=True),
    ...            Meals(day=date(2026, 3, 4), breakfast=True)])
    >>> result = SwedishTravel().per_diem(trip, Decimal("700"))
    >>> [str(day.tax_free) for day in result.days]
    ['300.00', '240.00', '120.00']
    >>> result.tax_free, result.taxable
    (Decimal('660.00'), Decimal('40.00'))
"""

from __future__ import annotations

from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal

from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.employment.dates import add_months
from kooperativ.money import ONE, ORE, ZERO, ZERO_ORE
from kooperativ.payroll.trace import TraceLine, percent_text
from kooperativ.rules.parameters import ParameterSet, Resolved
from kooperativ.travel.models import (
    DayAllowance,
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

__all__ = ["AGI_BOXES", "SwedishTravel"]

P = "travel.per_diem."
PBB = "base_amounts.prisbasbelopp"

#: The boxes of the employer declaration (AGI) an allowance fills:
#: ``(fältkod, element)``. Reference §4: 050 and 051 are check boxes, the excess above the
#: schablon is cash pay in 011 ([C] for 050/051, confirm against Skatteverket's Fältlista).
AGI_BOXES = {
    "car_allowance": ("050", "Bilersattning"),
    "per_diem": ("051", "Traktamente"),
    "cash_pay": ("011", "KontantErsattningUlagAG"),
}

#: The parameter of each kind of car's rate per mil.
_MILEAGE_RATES = {
    VehicleKind.OWN_CAR: "travel.mileage.own_car",
    VehicleKind.BENEFIT_CAR: "travel.mileage.benefit_car",
    VehicleKind.BENEFIT_CAR_ELECTRIC: "travel.mileage.benefit_car_electric",
}

# The references of the trace lines (the parameters in travel.toml carry the sources).
REF_TRIP = (
    "Inkomstskattelag (1999:1229) 12 kap. 6 § (business trip: overnight stay, more than 50 km)"
)
REF_MAXIMUM = (
    "Inkomstskattelag (1999:1229) 12 kap. (maximum amount: 0.5 % of prisbasbelopp, "
    "whole and half days)"
)
REF_LONG = (
    "Inkomstskattelag (1999:1229) 12 kap. 18–22 §§ (stay of more than three months); "
    "RÅ 2006 ref. 59; SKV A 2025:5"
)
REF_MEALS = "SKV A 2025:5 (reduction for free meals)"
REF_NIGHT = "Inkomstskattelag (1999:1229) 12 kap. (night allowance: half the maximum amount)"
REF_DAY = "Inkomstskattelag (1999:1229) 12 kap. (the day's tax-free amount)"
REF_TAX_FREE = "Inkomstskattelag (1999:1229) 11 kap. (allowance tax-free up to the schablon amount)"
REF_TAXABLE = (
    "Inkomstskattelag (1999:1229) 11 kap. 1 §; Socialavgiftslag (2000:980) 2 kap. "
    "(the excess is pay)"
)
REF_MILEAGE = "Inkomstskattelag (1999:1229) 12 kap. (car allowance: schablon amount per mil)"

#: The sentence naming the free meals of a day, by the meals (breakfast, lunch, dinner).
_MEALS_TEXT = {
    (True, True, True): "Free breakfast, lunch and dinner",
    (False, True, True): "Free lunch and dinner",
    (True, True, False): "Free breakfast and lunch",
    (True, False, True): "Free breakfast and dinner",
    (False, True, False): "Free lunch",
    (False, False, True): "Free dinner",
    (True, False, False): "Free breakfast",
}


def _n(value: Decimal) -> str:
    """A number as a formula shows it: without trailing zeros or an exponent."""
    text = f"{value.normalize():f}"
    return text


def _a(value: Decimal) -> str:
    """An amount to the öre."""
    return str(value.quantize(ORE))


def _to_multiple(value: Decimal, step: Decimal) -> Decimal:
    """``value`` rounded half up to a multiple of ``step``, to the öre."""
    return ((value / step).quantize(ONE, ROUND_HALF_UP) * step).quantize(ORE)


def _time(value: object) -> time:
    return time.fromisoformat(str(value))


def _meal_key(meals: Meals) -> str | None:
    """The row of the reduction table for ``meals`` (``None``: no free meal)."""
    lunch_or_dinner = int(meals.lunch) + int(meals.dinner)
    if meals.breakfast and lunch_or_dinner == 2:
        return "all"
    if lunch_or_dinner == 2:
        return "lunch_and_dinner"
    if meals.breakfast and lunch_or_dinner == 1:
        return "breakfast_and_one"
    if lunch_or_dinner == 1:
        return "one"
    if meals.breakfast:
        return "breakfast"
    return None


class SwedishTravel:
    """Sweden's travel allowance rules, bound to a set of dated parameters.

    Args:
        parameters: The parameters (Sweden's own if ``None``; a cooperative's with its
            overrides otherwise).
    """

    def __init__(self, parameters: ParameterSet | None = None) -> None:
        self.parameters = parameters if parameters is not None else load_swedish_parameters()

    # -- the maximum --------------------------------------------------------------------
    def maximum(self, on: date) -> Decimal:
        """The maximum for a whole day on ``on``: 0.5 % of the prisbasbelopp, to the
        nearest 10 kr.

        >>> SwedishTravel().maximum(date(2025, 12, 31)), SwedishTravel().maximum(date(2026, 1, 1))
        (Decimal('290.00'), Decimal('300.00'))
        """
        at = self.parameters.at(on)
        return self._maximum(at)[0]

    def _maximum(self, at: Resolved) -> tuple[Decimal, str, dict[str, str]]:
        pbb = at.decimal(PBB)
        share = at.decimal(P + "share_of_prisbasbelopp")
        step = at.decimal(P + "rounding")
        raw = pbb * share
        # IL 12 kap.: the maximum is 0.5 % of the prisbasbelopp rounded to the nearest 10 kr.
        full = _to_multiple(raw, step)
        sentence = (
            f"Maximum: {percent_text(share)} of prisbasbelopp {_n(pbb)} = {_n(raw)}, "
            f"rounded to the nearest {_n(step)} kr: {_a(full)}."
        )
        used = {PBB: _n(pbb), P + "share_of_prisbasbelopp": str(share), P + "rounding": _n(step)}
        return full, sentence, used

    # -- whether the trip qualifies -------------------------------------------------------
    def _disqualified(self, trip: Trip, at: Resolved) -> tuple[str, dict[str, str]] | None:
        """Why ``trip`` gives no tax-free per diem, or ``None`` if it does."""
        limit = at.decimal(P + "minimum_km")
        used = {P + "minimum_km": _n(limit)}
        # IL 12 kap. 6 §: a business trip needs an overnight stay away from home ...
        if trip.nights == 0:
            return "No overnight stay away from home: nothing is tax-free.", used
        # ... and a place more than 50 km from home and from the usual workplace.
        if trip.km_from_home <= limit:
            return (
                f"The destination is {_n(trip.km_from_home)} km from home, not more than "
                f"{_n(limit)} km: nothing is tax-free.",
                used,
            )
        if trip.km_from_workplace <= limit:
            return (
                f"The destination is {_n(trip.km_from_workplace)} km from the usual "
                f"workplace, not more than {_n(limit)} km: nothing is tax-free.",
                used,
            )
        return None

    # -- one day ------------------------------------------------------------------------
    def _day(self, trip: Trip, day: date, why_not: str | None) -> DayAllowance:
        at = self.parameters.at(day)
        meals = trip.meals_on(day)
        if why_not is not None:
            line = TraceLine(
                "maximum", ZERO_ORE, "not-a-business-trip",
                {P + "minimum_km": _n(at.decimal(P + "minimum_km"))}, REF_TRIP, why_not,
            )  # fmt: skip
            return DayAllowance(
                day=day, kind="none", maximum=ZERO_ORE, reduction=ZERO_ORE,
                tax_free=ZERO_ORE, meals=meals,
                trace=(
                    line,
                    TraceLine("reduction", ZERO_ORE, "no-reduction", {}, REF_MEALS,
                              "Nothing to reduce: no reduction."),
                    TraceLine("tax_free", ZERO_ORE, "day-tax-free", {}, REF_DAY,
                              "0.00 − 0.00 = 0.00."),
                ),
            )  # fmt: skip
        full, sentence, used = self._maximum(at)
        half_share = at.decimal(P + "half_day")
        first, last = trip.departure.date(), trip.returned.date()
        whole = True
        parts = [sentence]
        if day == first:
            limit = _time(at[P + "departure_before"])
            used[P + "departure_before"] = limit.strftime("%H:%M")
            used["departure"] = trip.departure.strftime("%H:%M")
            # IL 12 kap.: the departure day is a whole day if the trip starts before 12.00.
            whole = trip.departure.time() < limit
            kind_text = (
                "Departure before the time limit: whole day"
                if whole
                else "Departure at or after the time limit: half day"
            )
        elif day == last:
            limit = _time(at[P + "return_after"])
            used[P + "return_after"] = limit.strftime("%H:%M")
            used["return"] = trip.returned.strftime("%H:%M")
            # IL 12 kap.: the return day is a whole day if the trip ends after 19.00.
            whole = trip.returned.time() > limit
            kind_text = (
                "Return after the time limit: whole day"
                if whole
                else "Return at or before the time limit: half day"
            )
        else:
            kind_text = "A day between departure and return: whole day"
        rounding = at.decimal(P + "kronor_rounding")
        if whole:
            amount, rule, kind = full, "whole-day", "whole"
            parts.append(f"{kind_text}, {_a(amount)}.")
        else:
            used[P + "half_day"] = str(half_share)
            amount = _to_multiple(full * half_share, rounding)
            rule, kind = "half-day", "half"
            parts.append(f"{kind_text}, {percent_text(half_share)} of {_a(full)} = {_a(amount)}.")
        reference = REF_MAXIMUM
        # IL 12 kap. 18–22 §§ (SKV A 2025:5): the long-trip reductions, counted in months
        # from the first day at the place (earlier trips to it included).
        start = trip.departure.date().toordinal() - trip.days_at_place_before
        since = date.fromordinal(start)
        number = day.toordinal() - start + 1
        for months_name, share_name, step in (
            ("longest_trip_months", "longest_trip_share", "2-years"),
            ("long_trip_months", "long_trip_share", "3-months"),
        ):
            months = int(at.decimal(P + months_name))
            if day < add_months(since, months):
                continue
            share = at.decimal(P + share_name)
            used[P + months_name] = str(months)
            used["day_at_place"] = str(number)
            reference = f"{REF_MAXIMUM}; {REF_LONG}"
            if whole:
                before = amount
                amount = _to_multiple(full * share, rounding)
                used[P + share_name] = str(share)
                rule, kind = f"whole-day-after-{step}", f"whole-{_n(share * 100)}"
                parts.append(
                    f"Day {number} at the same place, after {months} months: "
                    f"{percent_text(share)} of {_a(before)} = {_a(amount)}."
                )
            else:
                # RÅ 2006 ref. 59: no tax-free half day after three months at the place.
                amount, rule, kind = ZERO_ORE, f"half-day-after-{step}", "half-0"
                parts.append(
                    f"Day {number} at the same place, after {months} months: "
                    f"a half day is not tax-free, {_a(amount)}."
                )
            break
        maximum_line = TraceLine("maximum", amount, rule, used, reference, " ".join(parts))
        reduction, reduction_line = self._reduction(at, meals, amount)
        tax_free = max(amount - reduction, ZERO).quantize(ORE)
        day_line = TraceLine(
            "tax_free", tax_free, "day-tax-free", {}, REF_DAY,
            f"{_a(amount)} − {_a(reduction)} = {_a(tax_free)}.",
        )  # fmt: skip
        return DayAllowance(
            day=day, kind=kind, maximum=amount, reduction=reduction, tax_free=tax_free,
            meals=meals, trace=(maximum_line, reduction_line, day_line),
        )  # fmt: skip

    def _reduction(self, at: Resolved, meals: Meals, amount: Decimal) -> tuple[Decimal, TraceLine]:
        key = _meal_key(meals)
        if key is None:
            return ZERO_ORE, TraceLine(
                "reduction", ZERO_ORE, "no-reduction", {}, REF_MEALS,
                "No free meals: no reduction.",
            )  # fmt: skip
        table = at[P + "meal_reduction"]
        share = Decimal(table[key])
        rounding = at.decimal(P + "kronor_rounding")
        raw = amount * share
        # SKV A 2025:5: the reduction is a share of the day's amount, in whole kronor.
        reduction = min(_to_multiple(raw, rounding), amount)
        text = _MEALS_TEXT[(meals.breakfast, meals.lunch, meals.dinner)]
        return reduction, TraceLine(
            "reduction", reduction, "meal-reduction",
            {f"{P}meal_reduction.{key}": str(share), P + "kronor_rounding": _n(rounding)},
            REF_MEALS,
            f"{text}: {percent_text(share)} of {_a(amount)} = {_n(raw)}, "
            f"rounded to {_a(reduction)}.",
        )  # fmt: skip

    # -- nights ---------------------------------------------------------------------------
    def _nights(self, trip: Trip, qualifies: bool) -> tuple[Decimal, TraceLine]:
        if not qualifies:
            return ZERO_ORE, TraceLine(
                "night_allowance", ZERO_ORE, "no-night-allowance", {}, REF_NIGHT,
                "Not a business trip with an overnight stay: no night allowance.",
            )  # fmt: skip
        if trip.lodging_paid:
            return ZERO_ORE, TraceLine(
                "night_allowance", ZERO_ORE, "no-night-allowance", {}, REF_NIGHT,
                "Lodging paid by the employer: no night allowance.",
            )  # fmt: skip
        total = ZERO_ORE
        parts: list[str] = []
        used: dict[str, str] = {}
        for morning in trip.night_dates():
            at = self.parameters.at(morning)
            full, _, _ = self._maximum(at)
            share = at.decimal(P + "night")
            # IL 12 kap.: a night whose lodging the employer did not pay: half the maximum.
            amount = _to_multiple(full * share, at.decimal(P + "kronor_rounding"))
            total += amount
            used[P + "night"] = str(share)
            parts.append(
                f"Night to {morning.isoformat()}: {percent_text(share)} of {_a(full)} "
                f"= {_a(amount)}."
            )
        parts.append(f"Nights together: {_a(total)}.")
        return total, TraceLine(
            "night_allowance", total, "night-allowance", used, REF_NIGHT, " ".join(parts)
        )

    # -- the protocol ---------------------------------------------------------------------
    def per_diem(self, trip: Trip, paid: Decimal) -> TravelAllowance:
        """The per diem of ``trip`` when the cooperative paid ``paid`` for it (see the
        module's rules).

        Raises:
            InputError: ``paid`` negative, not whole öre, or too large.
            MissingParameterError: A day of the trip the parameters do not cover.
        """
        paid = paid_amount(paid)
        found = self._disqualified(trip, self.parameters.at(trip.departure.date()))
        why_not = found[0] if found else None
        days = tuple(self._day(trip, day, why_not) for day in trip.days())
        night_total, night_line = self._nights(trip, why_not is None)
        day_total = sum((day.tax_free for day in days), ZERO_ORE)
        maximum = (day_total + night_total).quantize(ORE)
        tax_free, taxable = split_paid(paid, maximum)
        lines = (
            night_line,
            TraceLine(
                "maximum", maximum, "trip-maximum", {}, REF_MAXIMUM,
                f"The days' tax-free amounts add up to {_a(day_total)}, the nights' to "
                f"{_a(night_total)}: {_a(maximum)}.",
            ),
            TraceLine(
                "tax_free", tax_free, "tax-free-per-diem", {}, REF_TAX_FREE,
                f"The lesser of paid {_a(paid)} and the maximum {_a(maximum)}: {_a(tax_free)}.",
            ),
            TraceLine(
                "taxable", taxable, "excess-is-pay", {}, REF_TAXABLE,
                f"Paid {_a(paid)} − tax-free {_a(tax_free)} = {_a(taxable)}: "
                "taxable pay, with employer contributions.",
            ),
        )  # fmt: skip
        code, element = AGI_BOXES["per_diem"]
        cash_code, cash_element = AGI_BOXES["cash_pay"]
        return TravelAllowance(
            trip=trip, qualifies=why_not is None, days=days, night_allowance=night_total,
            maximum=maximum, paid=paid, tax_free=tax_free, taxable=taxable,
            reporting=(
                ReportBox(code=code, element=element, value=tax_free > 0),
                ReportBox(code=cash_code, element=cash_element, value=taxable),
            ),
            trace=lines,
        )  # fmt: skip

    def mileage(self, claim: MileageClaim, paid: Decimal, on: date) -> MileageAllowance:
        """The mileage allowance of ``claim``, paid ``paid``, with the rates of ``on``.

        >>> from kooperativ.travel import MileageClaim
        >>> result = SwedishTravel().mileage(MileageClaim.create(distance="312"),
        ...                                  Decimal("780"), date(2026, 3, 4))
        >>> result.maximum, result.taxable
        (Decimal('780.00'), Decimal('0.00'))

        Raises:
            InputError: ``paid`` negative, not whole öre, or too large.
            MissingParameterError: ``on`` is not covered by the parameters.
        """
        paid = paid_amount(paid)
        at = self.parameters.at(on)
        name = _MILEAGE_RATES[claim.vehicle]
        rate = at.decimal(name)
        mil = claim.mil
        # IL 12 kap.: tax-free up to the schablon amount per mil of the kind of car.
        maximum = (mil * rate).quantize(ORE, ROUND_HALF_UP)
        tax_free, taxable = split_paid(paid, maximum)
        distance = f"{_n(mil)} mil"
        if claim.unit == "km":
            distance = f"{_n(claim.km)} km = {distance}"
        code, element = AGI_BOXES["car_allowance"]
        cash_code, cash_element = AGI_BOXES["cash_pay"]
        return MileageAllowance(
            claim=claim, on=on, rate=rate, maximum=maximum, paid=paid, tax_free=tax_free,
            taxable=taxable,
            reporting=(
                ReportBox(code=code, element=element, value=tax_free > 0),
                ReportBox(code=cash_code, element=cash_element, value=taxable),
            ),
            trace=(
                TraceLine(
                    "maximum", maximum, f"mileage-{claim.vehicle.value.replace('_', '-')}",
                    {name: _n(rate)}, REF_MILEAGE,
                    f"{distance} × {_n(rate)} kr per mil = {_a(maximum)}.",
                ),
                TraceLine(
                    "tax_free", tax_free, "tax-free-mileage", {}, REF_TAX_FREE,
                    f"The lesser of paid {_a(paid)} and the maximum {_a(maximum)}: "
                    f"{_a(tax_free)}.",
                ),
                TraceLine(
                    "taxable", taxable, "excess-is-pay", {}, REF_TAXABLE,
                    f"Paid {_a(paid)} − tax-free {_a(tax_free)} = {_a(taxable)}: "
                    "taxable pay, with employer contributions.",
                ),
            ),
        )  # fmt: skip

# SPDX-License-Identifier: EUPL-1.2
"""Late-payment interest (*dröjsmålsränta*): the protocol a country implements, and the
one calculation every country shares.

A client who pays an invoice after its due date owes interest on the unpaid amount for
the days of delay, at a yearly rate the country's law sets (in Sweden the Riksbank's
reference rate for the half-year plus eight percentage points, räntelagen 1975:635 6 and
9 §§). What the rate is, when it changes and how many days make a year are law and live in
the country package (:class:`LatePaymentRules`); counting the days, splitting them where
the rate changes and rounding is the same everywhere and lives here
(:func:`late_interest`).

The count, as this module does it:

* the days of delay are those *after* the due date, up to and including the day of
  payment (the due date is the last day to pay without delay); ``paid - due`` days;
* each day bears the yearly rate in force *that day*, so a delay across a half-year
  boundary is split into periods, one line each;
* simple interest, no interest on interest: ``amount × rate × days ÷ day_count`` per
  period (``day_count`` is the country's, 365 for Sweden: actual/365);
* each line is rounded to the öre (half up) and the total is the sum of the lines, so the
  statement a client gets adds up to the öre.

Examples:
    >>> from datetime import date
    >>> from decimal import Decimal
    >>> class Flat:
    ...     def late_interest_rate(self, on, parameters=None):
    ...         return Decimal("0.10")
    ...     def late_interest_terms(self, on, parameters=None):
    ...         return LateInterestTerms(rate=Decimal("0.10"), first=date(2026, 1, 1),
    ...             last=None, day_count=365, reference="fictional")
    >>> late_interest(Decimal("10000"), date(2026, 3, 1), date(2026, 3, 31), Flat()).interest
    Decimal('82.19')
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from kooperativ.errors import InputError, RulesError
from kooperativ.money import ORE, ZERO, to_decimal

if TYPE_CHECKING:
    from kooperativ.rules.parameters import ParameterSet

__all__ = [
    "LateInterest",
    "LateInterestLine",
    "LateInterestTerms",
    "LatePaymentRules",
    "late_interest",
]


class LateInterestTerms(BaseModel):
    """The late-payment interest in force on a day, and for how long it holds.

    Attributes:
        rate: The yearly rate as a share of one (``0.10`` is 10 %).
        first: The first day the rate is in force.
        last: The last day it is in force (``None``: until changed; the calculation then
            asks again the next day it needs).
        day_count: The days in a year the yearly rate is divided by.
        reference: The legal source of the rate (and of its parts).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rate: Decimal = Field(ge=0)
    first: date
    last: date | None
    day_count: int = Field(gt=0)
    reference: str


@runtime_checkable
class LatePaymentRules(Protocol):
    """A country's statutory late-payment interest.

    Both methods take the cooperative's parameters (the country's with its overrides,
    see :func:`~kooperativ.rules.parameters.with_overrides`); ``None`` means the country's
    own. A day whose rate is not known is a
    :class:`~kooperativ.errors.MissingParameterError` naming the parameter and the day,
    never a guess.
    """

    def late_interest_rate(self, on: date, parameters: ParameterSet | None = None) -> Decimal:
        """The yearly late-payment interest rate in force on ``on`` (a share of one)."""
        ...

    def late_interest_terms(
        self, on: date, parameters: ParameterSet | None = None
    ) -> LateInterestTerms:
        """The rate in force on ``on`` with the period it holds, the day count and the
        source (:class:`LateInterestTerms`)."""
        ...


class LateInterestLine(BaseModel):
    """The interest of one period of constant rate.

    Attributes:
        first: The first day of delay in the period.
        last: The last day of delay in the period.
        days: The days from ``first`` to ``last``, both included.
        rate: The yearly rate of the period.
        day_count: The days in a year.
        interest: ``amount × rate × days ÷ day_count``, rounded to the öre (half up).
        reference: The legal source of the rate.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    first: date
    last: date
    days: int
    rate: Decimal
    day_count: int
    interest: Decimal
    reference: str


class LateInterest(BaseModel):
    """Late-payment interest on an amount, period by period.

    Attributes:
        amount: The unpaid amount interest runs on.
        due: The due date (the last day to pay without delay).
        paid: The day of payment (or the day the interest is computed to).
        days: The days of delay (``paid - due``; 0 when paid in time).
        lines: One line per period of constant rate, in order.
        interest: The sum of the lines, to the öre.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Decimal
    due: date
    paid: date
    days: int
    lines: tuple[LateInterestLine, ...]
    interest: Decimal


def late_interest(
    amount: Decimal | int | str,
    due: date,
    paid: date,
    rules: LatePaymentRules,
    parameters: ParameterSet | None = None,
) -> LateInterest:
    """Late-payment interest on ``amount`` for a payment on ``paid`` of a debt due ``due``.

    Args:
        amount: The unpaid amount (VAT included: interest runs on what the client owes).
        due: The due date.
        paid: The day of payment; on or before ``due`` there is no interest.
        rules: The country's late-payment rules (``coop.country``).
        parameters: The cooperative's parameters (``None``: the country's own).

    Returns:
        The interest, period by period (:class:`LateInterest`).

    Raises:
        InputError: A negative amount.
        MissingParameterError: A day of delay whose rate is not known (naming the
            parameter and the day).
        RulesError: Rules that report a period that does not hold the day asked for.
    """
    value = to_decimal(amount, "amount")
    if value < ZERO:
        raise InputError("amount", "must not be negative")
    lines: list[LateInterestLine] = []
    # Days of delay: after the due date, up to and including the day of payment.
    day = due + timedelta(days=1)
    while day <= paid:
        terms = rules.late_interest_terms(day, parameters)
        if terms.first > day or (terms.last is not None and terms.last < day):
            raise RulesError(
                "late-interest terms for {day} cover {first} to {last}",
                day=day, first=terms.first, last=terms.last,
            )  # fmt: skip
        last = paid if terms.last is None else min(paid, terms.last)
        days = (last - day).days + 1
        exact = value * terms.rate * days / terms.day_count
        lines.append(
            LateInterestLine(
                first=day,
                last=last,
                days=days,
                rate=terms.rate,
                day_count=terms.day_count,
                interest=exact.quantize(ORE, ROUND_HALF_UP),
                reference=terms.reference,
            )
        )
        day = last + timedelta(days=1)
    total = sum((line.interest for line in lines), ZERO).quantize(ORE)
    return LateInterest(
        amount=value,
        due=due,
        paid=paid,
        days=max(0, (paid - due).days),
        lines=tuple(lines),
        interest=total,
    )

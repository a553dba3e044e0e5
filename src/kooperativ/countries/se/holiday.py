# SPDX-License-Identifier: EUPL-1.2
"""Holiday pay (*semesterersättning*) by the percentage rule (*procentregeln*).

A member of an employment cooperative is usually employed per assignment, for less than
three months. Such an employment may be agreed to have no holiday leave; the employee then
gets *semesterersättning* instead (Semesterlag 1977:480, 5 § andra stycket and 28 §),
computed by the *procentregel* as 12 % of the pay earned (16 b §), paid with the salary and
shown separately on the payslip.

>>> from datetime import date
>>> from decimal import Decimal
>>> semesterersattning(Decimal("25000"), date(2026, 11, 25)).amount
Decimal('3000.00')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kooperativ.errors import InputError
from kooperativ.money import ORE
from kooperativ.rules.parameters import ParameterSet

__all__ = ["HOLIDAY_RATE", "HolidayPayResult", "holiday_pay_rate", "semesterersattning"]

#: Name of the parameter holding the procentregel's rate.
HOLIDAY_RATE = "holiday.rate"


@dataclass(frozen=True, slots=True)
class HolidayPayResult:
    """Holiday pay on an amount of pay, with its explanation.

    Attributes:
        amount: The holiday pay, rounded half up to öre.
        rule: ``semesterersattning``.
        parameters: Parameter name and value used.
        reference: Legal reference.
        formula: The arithmetic, written out.
    """

    amount: Decimal
    rule: str
    parameters: dict[str, str]
    reference: str
    formula: str


def holiday_pay_rate(paid_on: date, *, params: ParameterSet | None = None) -> Decimal:
    """The *semesterersättning* rate in force on ``paid_on`` (0.12 in 2025 and 2026).

    Raises:
        MissingParameterError: If no rate is in force that day.
    """
    if params is None:
        from kooperativ.countries.se.parameters import load_swedish_parameters

        params = load_swedish_parameters()
    return params.at(paid_on).decimal(HOLIDAY_RATE)


def semesterersattning(
    pay: Decimal, paid_on: date, *, params: ParameterSet | None = None
) -> HolidayPayResult:
    """Holiday pay (*semesterersättning*) on ``pay`` by the procentregel.

    Args:
        pay: The pay earned, excluding holiday pay itself (Semesterlag 16 b §).
        paid_on: The day the pay is given out (chooses the rate).
        params: Parameters to use; Sweden's own by default.

    Returns:
        The amount, rounded half up to öre, with its explanation.

    Raises:
        InputError: If ``pay`` is negative.
        MissingParameterError: If no rate is in force that day.
    """
    if pay < 0:
        raise InputError("pay", "must not be negative (got {value})", value=pay)
    if params is None:
        from kooperativ.countries.se.parameters import load_swedish_parameters

        params = load_swedish_parameters()
    at = params.at(paid_on)
    rate = at.decimal(HOLIDAY_RATE)
    # Semesterlag (1977:480) 16 b §: 12 % of the pay earned.
    amount = (pay * rate).quantize(ORE, rounding=ROUND_HALF_UP)
    return HolidayPayResult(
        amount=amount,
        rule="semesterersattning",
        parameters={HOLIDAY_RATE: str(rate)},
        reference=at.reference(HOLIDAY_RATE),
        formula=f"{pay!s} × {(rate * 100).normalize():f} % = {amount!s}",
    )

# SPDX-License-Identifier: EUPL-1.2
"""Money: exact amounts as :class:`decimal.Decimal`, the constants every module shares,
and the one split that must conserve the öre.

Amounts in kooperativ are plain Decimals, never ``float``; the currency travels with the
record that holds them (an assignment's ``currency``, the country's ``currency``), so no
wrapper type is needed in the domain. Rounding happens only at named steps, each written
where the rule that asks for it lives (tax to whole kronor down, contributions to öre …).

The constants :data:`ZERO`, :data:`ONE`, :data:`HUNDRED`, :data:`ORE` and
:data:`ZERO_ORE` are defined here once; modules import them instead of writing
``Decimal("0.01")`` again.

Examples:
    >>> to_decimal("1234.50")
    Decimal('1234.50')
    >>> allocate(Decimal("100.00"), [1, 1, 1])
    [Decimal('33.34'), Decimal('33.33'), Decimal('33.33')]
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from kooperativ.errors import InputError

__all__ = ["HUNDRED", "ONE", "ORE", "ZERO", "ZERO_ORE", "allocate", "to_decimal"]

#: Zero, for comparisons and sums.
ZERO = Decimal(0)
#: One (rates are written as shares of one: ``0.3142``).
ONE = Decimal(1)
#: One hundred (rates shown as percentages).
HUNDRED = Decimal(100)
#: One öre, the smallest unit of the Swedish krona (and the quantum of most currencies).
ORE = Decimal("0.01")
#: Zero written with two decimals, as amounts rounded to öre are.
ZERO_ORE = Decimal("0.00")


def to_decimal(value: object, field: str = "amount") -> Decimal:
    """Convert ``value`` to a finite Decimal, refusing floats.

    Args:
        value: A Decimal, int or numeric string (``"1234.50"``; ``"1 234,50"`` is not accepted).
        field: The field name used in the error message.

    Raises:
        InputError: If the value is a float, not a number, or not finite.
    """
    if type(value) is Decimal and value.is_finite():
        return value  # the common case, checked first: amounts are Decimals already
    if isinstance(value, bool):
        raise InputError(field, "expected an amount, got a boolean")
    if isinstance(value, float):
        raise InputError(field, "floats are not accepted for money; write the amount as a string")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace("\u2212", "-")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise InputError(field, "{value!r} is not a number", value=value) from None
    else:
        raise InputError(field, "expected an amount, got {kind}", kind=type(value).__name__)
    if not result.is_finite():
        raise InputError(field, "{value!r} is not a finite number", value=value)
    return result


def allocate(
    amount: Decimal, weights: Sequence[Decimal | int], quantum: Decimal = ORE
) -> list[Decimal]:
    """Split ``amount`` by ``weights`` so that the parts add up to it exactly.

    The amount must already be a multiple of ``quantum``. Parts are rounded down to the
    quantum and the leftover quanta go, one each, to the parts with the largest remainders
    (ties to the earlier part), so no öre is created or lost.

    Args:
        amount: The amount to split (a multiple of ``quantum``).
        weights: Non-negative weights, not all zero.
        quantum: The smallest unit of a part (öre by default).

    Raises:
        InputError: If weights are empty, negative or all zero, or the amount is not a
            multiple of the quantum.
    """
    if not weights:
        raise InputError("weights", "at least one weight is needed")
    ws = [to_decimal(w, "weights") for w in weights]
    if any(w < 0 for w in ws) or sum(ws) == 0:
        raise InputError("weights", "weights must be non-negative and not all zero")
    amount = to_decimal(amount)
    if amount.quantize(quantum) != amount:
        raise InputError(
            "amount", "{amount} is not a multiple of {quantum}", amount=amount, quantum=quantum
        )
    total_units = int(amount / quantum)
    sign = -1 if total_units < 0 else 1
    units = abs(total_units)
    wsum = sum(ws)
    exact = [Decimal(units) * w / wsum for w in ws]
    floors = [int(e) for e in exact]
    left = units - sum(floors)
    order = sorted(range(len(ws)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [(sign * f * quantum).quantize(quantum) for f in floors]

# SPDX-License-Identifier: EUPL-1.2
"""Money: an exact amount of one currency.

Amounts are :class:`decimal.Decimal`, never ``float``. A :class:`Money` value refuses
floats, refuses to mix currencies, and rounds only when asked, by a named rule
(*öre* to two decimals, whole kronor down for preliminary tax, and so on).

Examples:
    >>> from kooperativ.money import Money
    >>> fee = Money("10000.00").percent("6")
    >>> str(fee)
    '600.00 SEK'
    >>> [str(part) for part in Money("100.00").allocate([1, 1, 1])]
    ['33.34 SEK', '33.33 SEK', '33.33 SEK']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from kooperativ.errors import InputError

__all__ = ["ORE", "D", "Money", "to_decimal"]

#: One öre, the smallest unit of the Swedish krona (and the quantum of most currencies).
ORE = Decimal("0.01")


def to_decimal(value: object, field: str = "amount") -> Decimal:
    """Convert ``value`` to a finite Decimal, refusing floats.

    Args:
        value: A Decimal, int or numeric string (``"1234.50"``, ``"1 234,50"`` is not accepted).
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
            raise InputError(field, f"{value!r} is not a number") from None
    else:
        raise InputError(field, f"expected an amount, got {type(value).__name__}")
    if not result.is_finite():
        raise InputError(field, f"{value!r} is not a finite number")
    return result


def D(value: object) -> Decimal:
    """Shorthand for :func:`to_decimal`."""
    return to_decimal(value)


class Money:
    """An exact amount in one currency.

    Args:
        amount: The amount (Decimal, int or numeric string; never a float).
        currency: ISO 4217 code, ``"SEK"`` by default.
    """

    __slots__ = ("_amount", "_currency")
    _amount: Decimal
    _currency: str

    def __init__(self, amount: object = 0, currency: str = "SEK") -> None:
        if not (isinstance(currency, str) and len(currency) == 3 and currency.isalpha()):
            raise InputError("currency", f"{currency!r} is not an ISO 4217 code")
        object.__setattr__(self, "_amount", to_decimal(amount))
        object.__setattr__(self, "_currency", currency.upper())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Money is immutable")

    @property
    def amount(self) -> Decimal:
        """The amount as a Decimal."""
        return self._amount

    @property
    def currency(self) -> str:
        """The ISO 4217 currency code."""
        return self._currency

    @classmethod
    def zero(cls, currency: str = "SEK") -> Money:
        """Zero in ``currency``."""
        return cls(0, currency)

    # -- arithmetic -------------------------------------------------------------------
    def _same(self, other: object) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other._currency != self._currency:
            raise InputError("currency", f"cannot mix {self._currency} and {other._currency}")
        return other

    def __add__(self, other: Money) -> Money:
        return Money(self._amount + self._same(other)._amount, self._currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self._amount - self._same(other)._amount, self._currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, float | Money):
            raise TypeError("Money can only be multiplied by a Decimal or int")
        return Money(self._amount * factor, self._currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self._amount, self._currency)

    def __abs__(self) -> Money:
        return Money(abs(self._amount), self._currency)

    def percent(self, rate_percent: Decimal | int | str, quantum: Decimal = ORE) -> Money:
        """``rate_percent`` per cent of this amount, rounded half up to ``quantum``."""
        rate = to_decimal(rate_percent, "rate")
        return Money(self._amount * rate / 100, self._currency).round(quantum)

    def round(self, quantum: Decimal = ORE, rounding: str = ROUND_HALF_UP) -> Money:
        """Round to ``quantum`` (öre by default) with the given :mod:`decimal` rounding."""
        return Money(self._amount.quantize(quantum, rounding=rounding), self._currency)

    def floor_krona(self) -> Money:
        """Round down to whole kronor (the rule for preliminary tax)."""
        return self.round(Decimal(1), ROUND_DOWN)

    def allocate(self, weights: Sequence[Decimal | int], quantum: Decimal = ORE) -> list[Money]:
        """Split this amount by ``weights`` so that the parts add up to it exactly.

        The amount must already be a multiple of ``quantum``. Parts are rounded down to the
        quantum and the leftover quanta go, one each, to the parts with the largest
        remainders (ties to the earlier part).

        Raises:
            InputError: If weights are empty, negative or all zero.
        """
        if not weights:
            raise InputError("weights", "at least one weight is needed")
        ws = [to_decimal(w, "weights") for w in weights]
        if any(w < 0 for w in ws) or sum(ws) == 0:
            raise InputError("weights", "weights must be non-negative and not all zero")
        if self._amount.quantize(quantum) != self._amount:
            raise InputError("amount", f"{self._amount} is not a multiple of {quantum}")
        total_units = int(self._amount / quantum)
        sign = -1 if total_units < 0 else 1
        units = abs(total_units)
        wsum = sum(ws)
        exact = [Decimal(units) * w / wsum for w in ws]
        floors = [int(e) for e in exact]
        left = units - sum(floors)
        order = sorted(range(len(ws)), key=lambda i: (-(exact[i] - floors[i]), i))
        for i in order[:left]:
            floors[i] += 1
        return [Money(sign * f * quantum, self._currency) for f in floors]

    # -- comparison -------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self._currency == other._currency and self._amount == other._amount

    def __hash__(self) -> int:
        return hash((self._amount, self._currency))

    def __lt__(self, other: Money) -> bool:
        return self._amount < self._same(other)._amount

    def __le__(self, other: Money) -> bool:
        return self._amount <= self._same(other)._amount

    def __gt__(self, other: Money) -> bool:
        return self._amount > self._same(other)._amount

    def __ge__(self, other: Money) -> bool:
        return self._amount >= self._same(other)._amount

    def __bool__(self) -> bool:
        return bool(self._amount)

    def is_negative(self) -> bool:
        """True if the amount is below zero."""
        return self._amount < 0

    def __repr__(self) -> str:
        return f"Money('{self._amount}', '{self._currency}')"

    def __str__(self) -> str:
        return f"{self._amount} {self._currency}"

    @staticmethod
    def total(values: Iterable[Money], currency: str = "SEK") -> Money:
        """Sum ``values`` (an empty sum is zero in ``currency``)."""
        result = Money.zero(currency)
        for value in values:
            result = result + value
        return result

    # -- pydantic ---------------------------------------------------------------------
    @classmethod
    def _validate(cls, value: Any) -> Money:
        if isinstance(value, Money):
            return value
        if isinstance(value, dict):
            return cls(value.get("amount"), value.get("currency", "SEK"))
        if isinstance(value, str):
            parts = value.split()
            if len(parts) == 2 and parts[1].isalpha():
                return cls(parts[0], parts[1])
            return cls(value)
        return cls(value)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda m: {"amount": str(m.amount), "currency": m.currency}
            ),
        )

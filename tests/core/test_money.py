# SPDX-License-Identifier: EUPL-1.2
"""Money: exact amounts, no floats, no mixed currencies, splits that conserve the total."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kooperativ.errors import InputError
from kooperativ.money import Money, to_decimal

amounts = st.decimals(
    min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2, allow_nan=False
)
weights = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(
    lambda ws: sum(ws) > 0
)


def test_refuses_float() -> None:
    with pytest.raises(InputError, match="floats are not accepted"):
        Money(0.1)  # type: ignore[arg-type]


def test_refuses_mixed_currencies() -> None:
    with pytest.raises(InputError, match="cannot mix SEK and EUR"):
        Money("1", "SEK") + Money("1", "EUR")


def test_refuses_non_numbers() -> None:
    with pytest.raises(InputError, match="amount: 'abc' is not a number"):
        to_decimal("abc")


def test_percent_rounds_half_up_to_ore() -> None:
    # 6 % of 12 345.25 = 740.715 → 740.72 (half up)
    assert Money("12345.25").percent("6") == Money("740.72")


def test_floor_krona() -> None:
    assert Money("1234.99").floor_krona() == Money("1234")


def test_allocate_example() -> None:
    parts = Money("100.00").allocate([1, 1, 1])
    assert parts == [Money("33.34"), Money("33.33"), Money("33.33")]


def test_allocate_refuses_sub_ore_amount() -> None:
    with pytest.raises(InputError, match="not a multiple"):
        Money("1.005").allocate([1, 1])


@given(amounts, weights)
def test_allocate_conserves_total_to_the_ore(amount: Decimal, ws: list[int]) -> None:
    money = Money(amount)
    parts = money.allocate(ws)
    assert Money.total(parts) == money
    assert len(parts) == len(ws)
    assert all(p.amount == p.amount.quantize(Decimal("0.01")) for p in parts)
    # Each part is within one öre of its exact share.
    total_weight = sum(ws)
    for part, w in zip(parts, ws, strict=True):
        exact = amount * w / total_weight
        assert abs(part.amount - exact) < Decimal("0.01")


@given(amounts, amounts)
def test_addition_is_exact(a: Decimal, b: Decimal) -> None:
    assert (Money(a) + Money(b)).amount == a + b
    assert (Money(a) + Money(b) - Money(b)) == Money(a)


def test_pydantic_round_trip() -> None:
    from pydantic import BaseModel

    class Line(BaseModel):
        price: Money

    line = Line.model_validate({"price": "12.50 SEK"})
    assert line.price == Money("12.50")
    assert Line.model_validate(line.model_dump()).price == Money("12.50")
    assert line.model_dump(mode="json") == {"price": {"amount": "12.50", "currency": "SEK"}}

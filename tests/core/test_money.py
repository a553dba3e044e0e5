# SPDX-License-Identifier: EUPL-1.2
"""Money: exact amounts, no floats, splits that conserve the total, constants defined once."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kooperativ
from kooperativ import money
from kooperativ.errors import InputError
from kooperativ.money import HUNDRED, ONE, ORE, ZERO, ZERO_ORE, allocate, to_decimal

amounts = st.decimals(
    min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2, allow_nan=False
)
weights = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(
    lambda ws: sum(ws) > 0
)


def test_refuses_float() -> None:
    with pytest.raises(InputError, match="floats are not accepted"):
        to_decimal(0.1)


def test_refuses_non_numbers() -> None:
    with pytest.raises(InputError, match="amount: 'abc' is not a number"):
        to_decimal("abc")
    with pytest.raises(InputError, match="not a finite number"):
        to_decimal("NaN")
    with pytest.raises(InputError, match="boolean"):
        to_decimal(True)


def test_accepts_the_minus_sign() -> None:
    assert to_decimal("\u221212.50") == Decimal("-12.50")


def test_allocate_example() -> None:
    # 100.00 / 3 = 33.333…: two parts of 33.33 and the leftover öre to the first part.
    assert allocate(Decimal("100.00"), [1, 1, 1]) == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]


def test_allocate_refuses_sub_ore_amount_and_bad_weights() -> None:
    with pytest.raises(InputError, match="not a multiple"):
        allocate(Decimal("1.005"), [1, 1])
    with pytest.raises(InputError, match="weights"):
        allocate(Decimal("1.00"), [])
    with pytest.raises(InputError, match="weights"):
        allocate(Decimal("1.00"), [0, 0])
    with pytest.raises(InputError, match="weights"):
        allocate(Decimal("1.00"), [1, -1])


@given(amounts, weights)
def test_allocate_conserves_total_to_the_ore(amount: Decimal, ws: list[int]) -> None:
    parts = allocate(amount, ws)
    assert sum(parts, ZERO) == amount
    assert len(parts) == len(ws)
    assert all(p == p.quantize(ORE) for p in parts)
    # Each part is within one öre of its exact share.
    total_weight = sum(ws)
    for part, w in zip(parts, ws, strict=True):
        exact = amount * w / total_weight
        assert abs(part - exact) < ORE


def test_constants() -> None:
    assert (Decimal(0), Decimal(1), Decimal(100), Decimal("0.01")) == (ZERO, ONE, HUNDRED, ORE)
    assert str(ZERO_ORE) == "0.00"


def test_money_is_not_on_the_public_surface() -> None:
    # No Money wrapper: the domain uses Decimal amounts, the currency is on the record.
    assert not hasattr(money, "Money")
    assert "Money" not in kooperativ.__all__


def _module_constants(tree: ast.Module) -> list[tuple[str, str]]:
    found = []
    for node in tree.body:
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
            continue
        call = node.value
        if not (isinstance(call.func, ast.Name) and call.func.id == "Decimal" and call.args):
            continue
        argument = call.args[0]
        if isinstance(argument, ast.Constant) and str(argument.value) in {
            "0",
            "1",
            "100",
            "0.01",
            "0.00",
        }:
            found.extend((target.id, str(argument.value)) for target in node.targets
                         if isinstance(target, ast.Name))  # fmt: skip
    return found


def test_zero_ore_one_hundred_are_defined_once() -> None:
    root = Path(kooperativ.__file__).parent
    again = {}
    for path in sorted(root.rglob("*.py")):
        if path.name == "money.py" and path.parent == root:
            continue
        constants = _module_constants(ast.parse(path.read_text(encoding="utf-8")))
        if constants:
            again[str(path.relative_to(root))] = constants
    assert again == {}, "import ZERO, ONE, HUNDRED, ORE, ZERO_ORE from kooperativ.money"

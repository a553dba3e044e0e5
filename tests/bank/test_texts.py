# SPDX-License-Identifier: EUPL-1.2
"""The bank modules' docstring examples run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "kooperativ.bank.camt054",
    "kooperativ.bank.matching",
    "kooperativ.rules.late_payment",
    "kooperativ.countries.se.late_payment",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0

# SPDX-License-Identifier: EUPL-1.2
"""The worked example of docs/travel.md and the modules' docstring examples run."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[2] / "docs" / "travel.md"


def test_the_worked_example_adds_up() -> None:
    text = PAGE.read_text("utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, "travel.md", str(PAGE), 0)
    assert len(test.examples) > 10, "the page lost its example"
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
    # The table on the page says what the example computes.
    assert "| **together** | **4 740.00** | **3 755.00** | **985.00** |" in text


@pytest.mark.parametrize("name", ["kooperativ.travel.models", "kooperativ.countries.se.travel"])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0

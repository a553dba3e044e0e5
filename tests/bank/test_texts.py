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


def _bank_templates() -> set[str]:
    """Every message template of the bank modules: the reasons' tables, and the literal
    templates given to the reader's errors, the parser's refusals and findings."""
    import ast
    from pathlib import Path

    from kooperativ.bank.matching import NOT_PAYMENT_REASONS, UNMATCHED_REASONS

    found = set(UNMATCHED_REASONS.values()) | set(NOT_PAYMENT_REASONS.values())
    folder = Path(importlib.import_module("kooperativ.bank").__file__ or "").parent
    calls = {"error": 1, "_Refused": 0, "of": 2, "InputError": 1, "RulesError": 0}
    sources = [*folder.glob("*.py"), folder.parent / "rules" / "late_payment.py"]
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = (
                node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            )
            index = calls.get(name)
            if index is not None and len(node.args) > index:
                argument = node.args[index]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.add(argument.value)
    return found


def test_every_bank_text_has_a_swedish_translation() -> None:
    from kooperativ.i18n import messages

    templates = _bank_templates()
    assert len(templates) > 25, "too few texts found: the scan is stale"
    swedish = messages("sv")
    missing = sorted(t for t in templates if swedish(t) == t and t != "{reason}")
    assert not missing, f"bank texts without a Swedish translation: {missing}"


def test_a_reader_error_reads_in_swedish() -> None:
    from kooperativ.bank.camt054 import read_camt054
    from kooperativ.errors import InputError
    from kooperativ.i18n import messages

    with pytest.raises(InputError) as info:
        read_camt054(b"<!DOCTYPE x><x/>", source="bank.xml")
    assert info.value.render(messages("sv")) == (
        "bank.xml: en DOCTYPE eller entitetsdeklaration godtas inte i en bankfil"
    )

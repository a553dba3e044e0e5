# SPDX-License-Identifier: EUPL-1.2
"""Docstring examples run, and every CLI text has a Swedish translation."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import kooperativ

SRC = Path(kooperativ.__file__).parent
LOCALES = SRC / "i18n" / "locales"

DOCTEST_MODULES = [
    "kooperativ.money",
    "kooperativ.rules.parameters",
    "kooperativ.i18n",
    "kooperativ.countries.se.identifiers",
]


@pytest.mark.parametrize("name", DOCTEST_MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0


def _catalog(lang: str, domain: str) -> dict[str, str]:
    with (LOCALES / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        catalog = read_po(handle)
    return {str(m.id): str(m.string) for m in catalog if m.id}


def test_every_cli_text_is_translated() -> None:
    used: set[str] = set()
    for path in (SRC / "cli").glob("coop.py"):
        used |= set(re.findall(r'_\(\s*"((?:[^"\\]|\\.)*)"\s*\)', path.read_text("utf-8")))
    assert used, "no texts found: the pattern is stale"
    swedish = _catalog("sv", "cli")
    english = _catalog("en", "cli")
    missing = sorted(used - {k for k, v in swedish.items() if v})
    assert not missing, f"texts without Swedish translation: {missing}"
    assert set(swedish) == set(english)
    # Placeholders survive translation.
    for msgid, msgstr in swedish.items():
        assert set(re.findall(r"{\w+}", msgid)) == set(re.findall(r"{\w+}", msgstr)), msgid

# SPDX-License-Identifier: EUPL-1.2
"""Every text of the privacy export, commands and errors exists in Swedish and English."""

from __future__ import annotations

import ast
import doctest
from pathlib import Path

import pytest

import kooperativ
from kooperativ.documents import personal_data
from kooperativ.i18n import translator
from kooperativ.services import privacy

SRC = Path(kooperativ.__file__).parent
FILES = [
    SRC / "documents" / "personal_data.py",
    SRC / "cli" / "privacy.py",
    SRC / "services" / "privacy.py",
]
#: Texts that are the same in Swedish.
SAME = {"Period", "Status", "blank", "motion", "Pseudonym: {name}", "Budget"}


def _texts() -> set[str]:
    """``_("…")`` texts, error templates and ``Term("…")`` values of the privacy modules."""
    found: set[str] = set()
    errors = {"PermissionDenied", "ConflictError", "InputError", "Term"}
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else None
            args = [a for a in node.args if isinstance(a, ast.Constant)]
            if name == "_" and args:
                found.add(str(args[0].value))
            elif name in errors and args:
                # InputError(field, reason): the reason is the template.
                found.add(str(args[-1].value) if name == "InputError" else str(args[0].value))
    for words in (
        privacy.REASON_TEXTS,
        privacy.RECORD_WORDS,
        privacy.LEFT_TEXTS,
        personal_data.STATUS_WORDS,
        personal_data.OFFICE_WORDS,
    ):
        found |= set(words.values())
    return found


def test_the_scan_finds_the_texts() -> None:
    texts = _texts()
    assert len(texts) > 100
    assert "Personal data held about you" in texts
    assert "{actor} may only see their own personal data" in texts


@pytest.mark.parametrize("text", sorted(_texts()))
def test_every_text_has_a_swedish_translation(text: str) -> None:
    swedish = translator("sv", "privacy")(text)
    if text not in SAME:
        assert swedish != text, f"no Swedish for {text!r}"
    assert translator("en", "privacy")(text) == text


def test_the_retention_error_templates_are_translated() -> None:
    _ = translator("sv", "privacy")
    templates = [
        "{subject} {number} may not be {action} yet: {record} {record_number} is kept "
        "while it lasts ({reason})",
        "{subject} {number} may not be {action} before {allowed}: {record} "
        "{record_number} is kept until {until} ({reason}; {reference})",
    ]
    for template in templates:
        assert _(template) != template


def test_the_pdf_modules_example_runs() -> None:
    result = doctest.testmod(personal_data, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0

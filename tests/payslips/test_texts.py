# SPDX-License-Identifier: EUPL-1.2
"""Every text of the payslip and the certificate has a Swedish and an English entry in
the ``payslips`` catalog, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

import kooperativ
from kooperativ.documents.contract import END_REASON_LABELS
from kooperativ.documents.payslip import LINE_LABELS

SRC = Path(kooperativ.__file__).parent
SOURCES = [
    SRC / "documents" / "payslip.py",
    SRC / "documents" / "certificate.py",
    SRC / "employment" / "certificate.py",
]


def catalog(lang: str) -> dict[str, str]:
    path = SRC / "i18n" / "locales" / lang / "LC_MESSAGES" / "payslips.po"
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def used() -> set[str]:
    """``_("…")`` calls and the messages of errors raised, read from the sources."""
    found: set[str] = set(LINE_LABELS.values()) | set(END_REASON_LABELS.values())
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None)
            index = {"_": 0, "InputError": 1}.get(name or "")
            if index is None or len(node.args) <= index:
                continue
            argument = node.args[index]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value)
    return found


def test_every_text_is_in_both_catalogs() -> None:
    swedish, english = catalog("sv"), catalog("en")
    texts = used()
    assert len(texts) > 60, "the pattern is stale"
    assert not sorted(texts - {k for k, v in swedish.items() if v})
    assert set(swedish) == set(english)
    assert not sorted(set(swedish) - texts), "entries no source uses"


def test_placeholders_survive_translation() -> None:
    for lang in ("sv", "en"):
        for msgid, msgstr in catalog(lang).items():
            assert set(re.findall(r"\{\w+\}", msgid)) == set(re.findall(r"\{\w+\}", msgstr))

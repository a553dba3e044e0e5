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
from kooperativ.documents.payslip import ALLOWANCE_TEXTS, LINE_LABELS

SRC = Path(kooperativ.__file__).parent
SOURCES = [
    SRC / "documents" / "payslip.py",
    SRC / "documents" / "certificate.py",
    SRC / "employment" / "certificate.py",
    SRC / "services" / "certificates.py",
    SRC / "cli" / "certificate.py",
]


def catalog(lang: str) -> dict[str, str]:
    path = SRC / "i18n" / "locales" / lang / "LC_MESSAGES" / "payslips.po"
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def used() -> set[str]:
    """What the sources show users: ``_("…")`` and ``cli.texts(…)("…")`` calls, the
    messages of errors raised, command help (``help=`` and the command's docstring)."""
    from kooperativ.cli._app import COMMANDS
    from kooperativ.cli.certificate import certificate_command

    found: set[str] = set(LINE_LABELS.values()) | set(END_REASON_LABELS.values())
    found |= set(ALLOWANCE_TEXTS.values())
    found.add(COMMANDS["certificate"].help)
    found.add((certificate_command.__doc__ or "").strip())
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg == "help" and (text := _text(keyword.value)):
                    found.add(text)
            name = getattr(node.func, "id", None)
            if isinstance(node.func, ast.Call):
                name = "_"  # cli.texts(DOMAIN)("…")
            index = {"_": 0, "InputError": 1, "KooperativError": 0}.get(name or "")
            if index is None or len(node.args) <= index:
                continue
            if text := _text(node.args[index]):
                found.add(text)
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

# SPDX-License-Identifier: EUPL-1.2
"""Every text of the files made from a run (the service, ``payroll payslips``, ``export
pain001``, ``export agi``) has a Swedish and an English entry in the ``payroll_exports``
catalog, with the same placeholders, and the catalog holds nothing no source uses."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

import kooperativ
from kooperativ.i18n import messages, translator

SRC = Path(kooperativ.__file__).parent
SOURCES = [
    SRC / "services" / "payroll_files.py",
    SRC / "cli" / "export_pain001.py",
    SRC / "cli" / "export_agi.py",
]
#: The command of cli/payroll.py whose texts are in this catalog.
PAYSLIPS_COMMAND = "payroll_payslips"
#: Field names and terms the service passes to errors (translated as words).
TERMS = {"bank_account", "corrections_only", "make payment files", "make employer declarations"}


def catalog(lang: str) -> dict[str, str]:
    path = SRC / "i18n" / "locales" / lang / "LC_MESSAGES" / "payroll_exports.po"
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def _texts(tree: ast.AST) -> set[str]:
    """``help=`` texts, docstrings of commands, ``_("…")`` / ``texts(…)("…")`` calls and
    the messages of errors raised."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name.startswith(("export_", "payroll_")):
            found.add((ast.get_docstring(node) or "").strip())
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg == "help" and isinstance(keyword.value, ast.Constant):
                found.add(str(keyword.value.value))
        name = getattr(node.func, "id", None)
        if isinstance(node.func, ast.Call):
            name = "_"
        index = {
            "_": 0, "InputError": 1, "ConflictError": 0, "PermissionDenied": 0,
            "ConfigError": 2,
        }.get(name or "")  # fmt: skip
        if index is not None and len(node.args) > index:
            argument = node.args[index]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value)
    return found


def used() -> set[str]:
    found: set[str] = set(TERMS)
    for path in SOURCES:
        found |= _texts(ast.parse(path.read_text("utf-8")))
    payroll = ast.parse((SRC / "cli" / "payroll.py").read_text("utf-8"))
    (command,) = [
        n
        for n in ast.walk(payroll)
        if isinstance(n, ast.FunctionDef) and n.name == PAYSLIPS_COMMAND
    ]
    found |= _texts(command)
    for node in ast.walk(command):  # cli.texts("payroll_exports")("…")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Call) and node.args:
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value)
    found.discard("")
    return found


def test_every_text_is_in_both_catalogs() -> None:
    swedish, english = catalog("sv"), catalog("en")
    texts = used()
    assert len(texts) > 20, "the pattern is stale"
    # a text another catalog translates already (e.g. "{lang!r} is not supported …") may
    # stay there; every other one is here
    missing = sorted(t for t in texts - set(swedish) if messages("sv")(t) == t)
    assert not missing, missing
    assert set(swedish) == set(english)
    assert all(swedish.values()) and all(english.values())
    assert not sorted(set(swedish) - texts), "entries no source uses"


def test_placeholders_survive_translation() -> None:
    for lang in ("sv", "en"):
        for msgid, msgstr in catalog(lang).items():
            assert set(re.findall(r"\{\w+\}", msgid)) == set(re.findall(r"\{\w+\}", msgstr))


def test_the_statement_text_is_in_the_cooperatives_language() -> None:
    assert translator("sv", "payroll_exports")("Salary {period}") == "Lön {period}"

# SPDX-License-Identifier: EUPL-1.2
"""Every text the employment area shows a user exists in Swedish and English.

Findings (``EmploymentProblem``) and errors (``InputError``, ``ConflictError``,
``PermissionDenied``) are raised with a template and its values apart, never an f-string,
and each template is in the ``employment`` catalog, so that with ``language = "sv"`` nothing
a user reads is English.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

SRC = Path(__file__).parents[2] / "src" / "kooperativ"
MODULES = {
    "kooperativ.services.contracts": SRC / "services" / "contracts.py",
    "kooperativ.services.employment": SRC / "services" / "employment.py",
    "kooperativ.cli.employment": SRC / "cli" / "employment.py",
    "kooperativ.employment.dates": SRC / "employment" / "dates.py",
    **{
        f"kooperativ.countries.se.employment.{path.stem}": path
        for path in (SRC / "countries" / "se" / "employment").glob("*.py")
        if path.stem != "__init__"
    },
}
ERRORS = {"InputError": 1, "ConflictError": 0, "PermissionDenied": 0}
FINDINGS = {"make": 3, "from_args": 3}


def _catalog(lang: str) -> dict[str, str]:
    path = SRC / "i18n" / "locales" / lang / "LC_MESSAGES" / "employment.po"
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def _templates(name: str, path: Path) -> tuple[set[str], list[str]]:
    module = importlib.import_module(name)
    found: set[str] = set()
    formatted: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        index: int | None = None
        if isinstance(func, ast.Name) and func.id in ERRORS:
            index = ERRORS[func.id]
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in FINDINGS
            and isinstance(func.value, ast.Name)
            and func.value.id == "EmploymentProblem"
        ):
            index = FINDINGS[func.attr]
        if index is None or len(node.args) <= index:
            continue
        argument = node.args[index]
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            found.add(argument.value)
        elif isinstance(argument, ast.Name) and isinstance(getattr(module, argument.id, None), str):
            found.add(getattr(module, argument.id))
        elif isinstance(argument, ast.JoinedStr):
            formatted.append(f"{path.name}:{node.lineno}")
    return found, formatted


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_finding_and_error_is_a_translated_template(name: str) -> None:
    templates, formatted = _templates(name, MODULES[name])
    assert formatted == [], "f-strings cannot be translated"
    swedish, english = _catalog("sv"), _catalog("en")
    missing = sorted(t for t in templates if not swedish.get(t) or t not in english)
    assert missing == []


def test_the_scan_finds_the_texts() -> None:
    found = set()
    for name, path in MODULES.items():
        found |= _templates(name, path)[0]
    assert len(found) > 50

# SPDX-License-Identifier: EUPL-1.2
"""Every text of projects and grants reads in Swedish: errors and the report's words."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kooperativ
from kooperativ.i18n import messages

SRC = Path(kooperativ.__file__).parent
FILES = (SRC / "projects" / "models.py", SRC / "services" / "projects.py")
#: The call and the position of its template among the arguments.
POSITION = {
    "InputError": 1,
    "ConfigError": 2,
    "ConflictError": 0,
    "PermissionDenied": 0,
    "Phrase": 0,
    "ValueError": 0,
}


def templates() -> set[str]:
    found: set[str] = set()
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            index = POSITION.get(name)
            if index is None or len(node.args) <= index:
                continue
            argument = node.args[index]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value)
            elif isinstance(argument, ast.JoinedStr):  # pragma: no cover - a mistake
                raise AssertionError(f"{path.name}: an f-string template cannot be translated")
    return found


def test_the_scan_finds_the_templates() -> None:
    assert len(templates()) > 15


@pytest.mark.parametrize("template", sorted(templates()))
def test_every_template_is_in_swedish(template: str) -> None:
    assert messages("sv")(template) != template

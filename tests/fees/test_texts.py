# SPDX-License-Identifier: EUPL-1.2
"""Every text of the fee policy reads in Swedish: errors, findings and explanations."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kooperativ
from kooperativ.i18n import messages

SRC = Path(kooperativ.__file__).parent
#: The call and the position of its template among the arguments.
POSITION = {"InputError": 1, "KeyPathError": 1, "Phrase": 0, "of": 2}
#: Templates of placeholders only: the same in every language.
SAME = {"{rule}; {note}", "{how} ({rule})", "{invoiced} × {percent} % = {amount}"}


def templates() -> set[str]:
    found: set[str] = set()
    for path in (SRC / "fees.py", SRC / "config.py"):
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
    assert len(templates()) > 20


@pytest.mark.parametrize("template", sorted(templates() - SAME))
def test_every_template_is_in_swedish(template: str) -> None:
    assert messages("sv")(template) != template

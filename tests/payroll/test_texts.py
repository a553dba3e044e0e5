# SPDX-License-Identifier: EUPL-1.2
"""Every error the salary, the country rules and cooperative.toml raise reads in Swedish
with ``language = "sv"``: each message template is in a catalog."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

import kooperativ
from kooperativ.errors import InputError
from kooperativ.i18n import messages
from kooperativ.payroll import SalaryInput

SRC = Path(kooperativ.__file__).parent
FILES = [
    *sorted((SRC / "payroll").glob("*.py")),
    *sorted((SRC / "countries" / "se").glob("*.py")),
    SRC / "config.py",
    SRC / "money.py",
    SRC / "rules" / "country.py",
    SRC / "services" / "payroll.py",
    SRC / "cli" / "salary.py",
]
#: Where the template's position among the arguments is.
POSITION = {"InputError": 1, "ConfigError": 2}
#: Templates that read the same in Swedish.
SAME = {"{clearing}-{account}: {reason}"}


def templates() -> set[str]:
    found: set[str] = set()
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            index = POSITION.get(node.func.id)
            if index is None or len(node.args) <= index:
                continue
            argument = node.args[index]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value)
    return found


def test_the_scan_finds_the_templates() -> None:
    assert len(templates()) > 50


@pytest.mark.parametrize("template", sorted(templates() - SAME))
def test_every_error_template_is_in_swedish(template: str) -> None:
    assert messages("sv")(template) != template


def test_a_salary_error_in_swedish() -> None:
    with pytest.raises(InputError) as info:
        SalaryInput.create(
            gross="0", birth_date=date(1985, 3, 1), paid_on=date(2026, 11, 25), tax="x"
        )
    assert info.value.render(messages("sv")) == (
        "bruttolön: måste vara mer än 0: det finns ingen lön att räkna ut av ingenting"
    )

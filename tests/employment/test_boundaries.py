# SPDX-License-Identifier: EUPL-1.2
"""The employment boundary: core reaches Swedish law only through the country.

Issue 10: LAS lives in ``kooperativ.countries.se.employment``; the common employment
package, the services, the contract document and the employment commands reach it through
``country.employment_law()``, never by importing ``kooperativ.countries.se``; and no private
name crosses a module boundary in the employment modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src" / "kooperativ"

#: The core modules of the employment area (everything but the Swedish package).
CORE = [
    *sorted((SRC / "employment").glob("*.py")),
    SRC / "rules" / "employment.py",
    SRC / "services" / "contracts.py",
    SRC / "services" / "employment.py",
    SRC / "documents" / "contract.py",
    SRC / "cli" / "employment.py",
]
SWEDISH = sorted((SRC / "countries" / "se" / "employment").glob("*.py"))


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
    return found


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(SRC)))
def test_core_does_not_import_the_swedish_package(path: Path) -> None:
    swedish = [module for module, _ in _imports(path) if module.startswith("kooperativ.countries")]
    assert swedish == []
    assert "EmploymentType" not in path.read_text(encoding="utf-8")


#: The command module still borrows ``_open``/``_actor`` from ``cli.coop`` until the shared
#: CLI context replaces them (the CLI work).
LIBRARY = [path for path in CORE if path.parent.name != "cli"] + SWEDISH


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_name_crosses_a_module_boundary(path: Path) -> None:
    crossing = [
        f"{module}.{name}"
        for module, names in _imports(path)
        if module.startswith("kooperativ")
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert crossing == []


def test_the_old_las_modules_are_gone() -> None:
    assert not (SRC / "employment" / "las.py").exists()
    assert not (SRC / "employment" / "time.py").exists()
    assert all(len(path.read_text(encoding="utf-8").splitlines()) < 450 for path in SWEDISH)

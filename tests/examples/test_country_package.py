# SPDX-License-Identifier: EUPL-1.2
"""The example country package (``examples/country_package``) passes the conformance suite.

The package is installed here as pip would install it, without a network: its ``src``
folder goes on ``sys.path`` and a ``dist-info`` folder, written from the entry points in
its own ``pyproject.toml``, makes ``importlib.metadata`` find the country. So the example
that ``docs/howto/country-package.md`` walks through is tested as it ships.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from kooperativ.rules.country import ENTRY_POINT_GROUP, clear_country_cache, get_country

PACKAGE = Path(__file__).resolve().parents[2] / "examples" / "country_package"
SOURCE = str(PACKAGE / "src")


def write_dist_info(site: Path) -> None:
    """A ``dist-info`` for the package in ``site``, from its ``pyproject.toml``."""
    project = tomllib.loads((PACKAGE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name = project["name"].replace("-", "_")
    info = site / f"{name}-{project['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
        encoding="utf-8",
    )
    lines = [f"[{ENTRY_POINT_GROUP}]"]
    lines += [f"{k} = {v}" for k, v in project["entry-points"][ENTRY_POINT_GROUP].items()]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _load_suite() -> ModuleType:
    path = PACKAGE / "tests" / "test_conformance.py"
    spec = importlib.util.spec_from_file_location("exampleland_conformance", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True, scope="module")
def exampleland(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Exampleland installed for every test of this module, and gone afterwards."""
    site = tmp_path_factory.mktemp("site")
    write_dist_info(site)
    added = [SOURCE, str(site)]
    sys.path[:0] = added
    clear_country_cache()
    yield
    for entry in added:
        sys.path.remove(entry)
    for name in [m for m in sys.modules if m.split(".")[0] == "kooperativ_exampleland"]:
        del sys.modules[name]
    clear_country_cache()


#: The package's own conformance test, with its sample numbers, run here.
TestExampleland = _load_suite().TestExampleland


def test_every_figure_is_marked_fictional() -> None:
    # Nobody may mistake Exampleland's invented figures for a real country's law.
    files = sorted((PACKAGE / "src" / "kooperativ_exampleland" / "parameters").glob("*.toml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Exampleland is fictional"), path.name
    parameters = get_country("XE").parameters()
    for name in parameters:
        assert "(fictional)" in parameters[name].reference, name


def test_the_docstring_examples_run() -> None:
    import doctest

    import kooperativ_exampleland
    import kooperativ_exampleland.employment
    import kooperativ_exampleland.payroll

    for module in (
        kooperativ_exampleland,
        kooperativ_exampleland.employment,
        kooperativ_exampleland.payroll,
    ):
        failed, tried = doctest.testmod(module)
        assert tried and not failed, module.__name__

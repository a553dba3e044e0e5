# SPDX-License-Identifier: EUPL-1.2
"""The API reference and the start pages say what the code does."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kooperativ import Cooperative
from kooperativ.services._base import Service

ROOT = Path(__file__).resolve().parents[2]


def test_the_cooperative_reference_lists_every_service(tmp_path: Path) -> None:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder) as coop:
        services = {name for name, value in vars(coop).items() if isinstance(value, Service)}
    assert len(services) >= 20
    attributes = (Cooperative.__doc__ or "").split("Attributes:", 1)[1]
    documented = {line.split(":", 1)[0].strip() for line in attributes.splitlines()}
    assert services <= documented, sorted(services - documented)


def test_rest_roles_become_references_on_the_site() -> None:
    griffe = pytest.importorskip("griffe", reason="griffe comes with the dev extra")
    spec = importlib.util.spec_from_file_location("griffe_roles", ROOT / "tools/griffe_roles.py")
    assert spec and spec.loader
    roles = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(roles)
    demo = griffe.load("kooperativ.demo", search_paths=[ROOT / "src"])
    text = roles.rewrite(demo.docstring.value, demo)
    assert ":func:" not in text and ":class:" not in text
    assert '<autoref identifier="kooperativ.demo.run_month" optional>' in text
    assert "<code>run_month()</code>" in text


def test_the_swedish_start_page_gives_the_readme_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8").split("## Use", 1)[0]
    page = (ROOT / "docs" / "sv" / "index.md").read_text("utf-8")
    commands = [b.split("```", 1)[0].strip() for b in readme.split("```sh\n")[1:]]
    assert len(commands) == 2
    for command in commands:
        assert command in page

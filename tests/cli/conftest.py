# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the command-line tests: the demo cooperative, built once and copied."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kooperativ import demo


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo cooperative (Swedish, SQLite), built once per test session."""
    folder = tmp_path_factory.mktemp("demo-template") / "demo"
    with demo.create(folder):
        pass
    yield folder


@pytest.fixture
def coop_demo(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo cooperative's folder and database for one test."""
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture(autouse=True)
def _no_language_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """The language comes from each test's cooperative or options, not the machine's."""
    monkeypatch.delenv("KOOPERATIV_LANGUAGE", raising=False)
    monkeypatch.delenv("KOOPERATIV_HOME", raising=False)
    monkeypatch.delenv("KOOPERATIV_DATABASE_URL", raising=False)

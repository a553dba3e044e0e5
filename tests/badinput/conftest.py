# SPDX-License-Identifier: EUPL-1.2
"""Fixtures of the bad-input corpus and the one-language sweep: the demo cooperative,
built once per session, and the environment cleared of the machine's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kooperativ import demo


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo cooperative (Swedish, SQLite), built once per test session; copy it
    before changing anything."""
    folder = tmp_path_factory.mktemp("badinput-demo") / "demo"
    with demo.create(folder):
        pass
    yield folder


@pytest.fixture(autouse=True)
def _no_language_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """The language comes from each case's cooperative or environment, not the machine's."""
    monkeypatch.delenv("KOOPERATIV_LANGUAGE", raising=False)
    monkeypatch.delenv("KOOPERATIV_HOME", raising=False)
    monkeypatch.delenv("KOOPERATIV_DATABASE_URL", raising=False)

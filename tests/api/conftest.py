# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the Cooperative API tests: an example cooperative on every backend."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kooperativ import Actor, Cooperative

FIXED_NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture
def coop_folder(tmp_path: Path) -> Path:
    """A fresh copy of the Interim kultur example."""
    return Cooperative.init(tmp_path / "coop", "interim_kultur")


@pytest.fixture
def coop(coop_folder: Path, database_url: str) -> Iterator[Cooperative]:
    """The example cooperative opened on each storage backend with a fixed clock."""
    with Cooperative.open(coop_folder, database_url, clock=lambda: FIXED_NOW) as opened:
        yield opened


@pytest.fixture
def admin() -> Actor:
    return Actor.admin()

# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for expenses and salary requests: the example cooperative on every backend."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.members.models import Member, Role

#: The tests' "now".
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def open_coop(folder: Path, database_url: str) -> Cooperative:
    """The cooperative in ``folder`` with the tests' clock."""
    return Cooperative.open(folder, database_url, clock=lambda: NOW)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Cooperative.init(tmp_path / "coop", "interim_kultur")


@pytest.fixture
def coop(folder: Path, database_url: str) -> Iterator[Cooperative]:
    """Interim kultur opened on each storage backend with a fixed clock."""
    with open_coop(folder, database_url) as opened:
        yield opened


@pytest.fixture
def ada(coop: Cooperative) -> Member:
    return coop.members.add(
        Actor.admin(), first_name="Ada", last_name="Lind", person_id="198503129804"
    )


@pytest.fixture
def tove(coop: Cooperative) -> Member:
    """A member who is the treasurer."""
    return coop.members.add(
        Actor.admin(),
        first_name="Tove",
        last_name="Kassör",
        person_id="199107049802",
        roles=frozenset({Role.TREASURER}),
    )

# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the project tests: the example cooperative on every backend, with members."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.members.models import Member, Role

#: The tests' "now": after the worked example's summer.
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture
def coop(tmp_path: Path, database_url: str) -> Iterator[Cooperative]:
    """Interim kultur opened on each storage backend with a fixed clock."""
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def treasurer() -> Actor:
    return Actor(name="kassör", roles=frozenset({Role.TREASURER}))


@pytest.fixture
def board() -> Actor:
    return Actor(name="styrelsen", roles=frozenset({Role.BOARD}))


def _member(coop: Cooperative, first: str, last: str, pid: str) -> Member:
    return coop.members.add(Actor.admin(), first_name=first, last_name=last, person_id=pid)


@pytest.fixture
def ada(coop: Cooperative) -> Member:
    return _member(coop, "Ada", "Lind", "198503129804")


@pytest.fixture
def bo(coop: Cooperative) -> Member:
    return _member(coop, "Bo", "Ek", "19780923-9804")


@pytest.fixture
def cay(coop: Cooperative) -> Member:
    return _member(coop, "Cay", "Berg", "199001012385")

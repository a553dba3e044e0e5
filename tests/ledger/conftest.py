# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the ledger tests: the example cooperative on every backend, with members."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.members.models import Member, Role

#: The tests' "now": after May 2026, so that May can be closed.
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
def ada(coop: Cooperative) -> Member:
    return coop.members.add(
        Actor.admin(), first_name="Ada", last_name="Lind", person_id="198503129804"
    )


@pytest.fixture
def bo(coop: Cooperative) -> Member:
    return coop.members.add(
        Actor.admin(), first_name="Bo", last_name="Ek", person_id="19780923-9804"
    )

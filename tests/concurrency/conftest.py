# SPDX-License-Identifier: EUPL-1.2
"""Races in separate processes on SQLite and PostgreSQL.

A session-wide pool of four ``spawn``-ed worker processes (started once: importing
kooperativ takes about a second) runs the functions of ``race_workers.py``; a manager's
barrier lets every racer start at the same moment. Each test gets a fresh database
(``race_url``) and the example cooperative's folder.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.managers import SyncManager
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import race_workers

from kooperativ import Cooperative

WORKERS = 4

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]

Race = Callable[[Callable[..., list[Any]], Sequence[tuple[Any, ...]]], list[list[Any]]]


@pytest.fixture(scope="session")
def _pool() -> Iterator[tuple[ProcessPoolExecutor, SyncManager]]:
    context = multiprocessing.get_context("spawn")
    manager = context.Manager()
    pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=context)
    # Start every worker now (and import kooperativ in it), not inside the first race.
    list(pool.map(race_workers.personnummer, range(WORKERS * 2)))
    yield pool, manager
    pool.shutdown()
    manager.shutdown()


@pytest.fixture
def race(_pool: tuple[ProcessPoolExecutor, SyncManager]) -> Race:
    """``race(function, [args, …])``: run ``function(*args, barrier)`` in parallel processes.

    Each call gets the barrier after its own arguments' first two (folder, url), so the
    racers start together. Returns each racer's outcomes, in the order given.
    """
    pool, manager = _pool

    def run(
        function: Callable[..., list[Any]], calls: Sequence[tuple[Any, ...]]
    ) -> list[list[Any]]:
        assert len(calls) <= WORKERS
        barrier = manager.Barrier(len(calls))
        futures = [pool.submit(function, *call[:2], barrier, *call[2:]) for call in calls]
        return [future.result(timeout=300) for future in futures]

    return run


@pytest.fixture(params=BACKENDS)
def race_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty (not migrated) database that several processes can open."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kooperativ.db'}"
    url: str = request.getfixturevalue("postgres_schema_url")
    return url


@pytest.fixture
def coop(race_url: str, tmp_path: Path) -> Iterator[Cooperative]:
    """The example cooperative on ``race_url``, migrated."""
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, race_url, clock=lambda: race_workers.NOW) as opened:
        yield opened

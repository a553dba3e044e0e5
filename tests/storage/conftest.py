# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the storage tests (the backends come from ``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import delete

from kooperativ.storage import MemoryStore, SqlStore, Store, open_store
from kooperativ.storage.sql import METADATA


def empty(store: SqlStore) -> None:
    """Delete every row of every kooperativ table (the schema stays migrated)."""
    with store.engine.begin() as connection:
        for table in reversed(METADATA.sorted_tables):
            connection.execute(delete(table))


@pytest.fixture
def fresh_store(database_url: str) -> Iterator[Callable[[], Store]]:
    """A factory of stores on an empty, migrated database of the test's backend.

    Memory: a new store each call. SQL: the test's database emptied each call (cheaper
    than a new database per hypothesis example, and the same to the test).
    """
    opened: list[Store] = []

    def factory() -> Store:
        if database_url == "memory://":
            return MemoryStore()
        store = open_store(database_url)
        assert isinstance(store, SqlStore)
        opened.append(store)
        empty(store)
        return store

    yield factory
    for store in opened:
        store.close()

# SPDX-License-Identifier: EUPL-1.2
"""The SQL store's read path: large records parsed once, reads sharing one snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kooperativ.errors import NotFoundError
from kooperativ.members.models import Member
from kooperativ.storage import SqlStore
from kooperativ.testing.storage import member_record

SQL_BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(params=SQL_BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database, SQLite (a file) or PostgreSQL (a schema of its own)."""
    found: str = (
        f"sqlite:///{tmp_path / 'kooperativ.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_schema_url")
    )
    store = SqlStore(found)
    store.upgrade()
    store.close()
    return found


@pytest.fixture
def stores(url: str) -> Iterator[tuple[SqlStore, SqlStore]]:
    """Two stores on one database: as two processes serving one cooperative."""
    one, other = SqlStore(url), SqlStore(url)
    yield one, other
    one.close()
    other.close()


def large(number: int, letter: str) -> Member:
    """A member whose record is long enough (over 4 096 characters) to be kept parsed."""
    return member_record(number, first_name=letter * 5000)


def read(store: SqlStore, number: int) -> Member:
    with store.unit_of_work(write=False) as uow:
        found = uow.members.by_number(number)
    assert found is not None
    return found


def count(store: SqlStore) -> int:
    with store.unit_of_work(write=False) as uow:
        return uow.members.count()


# --- large records parsed once ---------------------------------------------------------------


def test_a_large_record_read_again_unchanged_is_the_one_parsed_before(
    stores: tuple[SqlStore, SqlStore],
) -> None:
    store, _ = stores
    with store.unit_of_work() as uow:
        uow.members.add(large(1, "A"))
        uow.members.add(member_record(2))
    first = read(store, 1)
    assert read(store, 1) is first
    # A small record is parsed each time (equal, not the same object).
    small = read(store, 2)
    assert read(store, 2) == small
    assert read(store, 2) is not small


def test_a_large_record_changed_by_another_process_is_read_anew(
    stores: tuple[SqlStore, SqlStore],
) -> None:
    store, other = stores
    with store.unit_of_work() as uow:
        uow.members.add(large(1, "A"))
    assert read(store, 1).first_name[0] == "A"
    with other.unit_of_work() as uow:
        uow.members.update(large(1, "B").model_copy(update={"id": read(other, 1).id}))
    assert read(store, 1).first_name[0] == "B"


def test_a_rolled_back_write_is_never_read_back(stores: tuple[SqlStore, SqlStore]) -> None:
    store, _ = stores
    with store.unit_of_work() as uow:
        uow.members.add(large(1, "A"))
    stored = read(store, 1)
    with pytest.raises(RuntimeError), store.unit_of_work() as uow:
        uow.members.update(stored.model_copy(update={"first_name": "C" * 5000}))
        assert uow.members.get(stored.id).first_name[0] == "C"  # read in the write
        raise RuntimeError("given up")
    assert read(store, 1).first_name[0] == "A"


# --- reads sharing one snapshot --------------------------------------------------------------


def test_reads_in_a_reading_block_share_one_snapshot(stores: tuple[SqlStore, SqlStore]) -> None:
    store, other = stores
    with store.unit_of_work() as uow:
        uow.members.add(member_record(1))
    with store.reading():
        assert count(store) == 1
        with other.unit_of_work() as uow:  # another process writes meanwhile
            uow.members.add(member_record(2))
        assert count(store) == 1  # the block's snapshot
        with store.reading():  # a nested block is the same block
            assert count(store) == 1
    assert count(store) == 2
    assert count(other) == 2


def test_a_write_in_a_reading_block_is_seen_by_the_reads_after_it(
    stores: tuple[SqlStore, SqlStore],
) -> None:
    store, _ = stores
    with store.reading():
        assert count(store) == 0
        with store.unit_of_work() as uow:
            uow.members.add(member_record(1))
        assert count(store) == 1
        # A read inside a write opens no snapshot that outlives the write.
        with store.unit_of_work() as uow:
            uow.members.add(member_record(2))
            with store.unit_of_work(write=False) as inner:
                assert inner.members.count() == 1  # not yet committed
        assert count(store) == 2


def test_a_read_that_raises_ends_the_shared_snapshot(stores: tuple[SqlStore, SqlStore]) -> None:
    store, other = stores
    with store.unit_of_work() as uow:
        uow.members.add(member_record(1))
    with store.reading():
        assert count(store) == 1
        with pytest.raises(NotFoundError), store.unit_of_work(write=False) as uow:
            uow.members.get(member_record(9).id)
        with other.unit_of_work() as uow:
            uow.members.add(member_record(2))
        assert count(store) == 2  # a new snapshot after the failure


def test_a_reading_block_leaves_writes_possible_after_it(
    stores: tuple[SqlStore, SqlStore],
) -> None:
    store, _ = stores
    with store.reading():
        assert count(store) == 0
    with store.unit_of_work() as uow:
        uow.members.add(member_record(1))
    assert count(store) == 1

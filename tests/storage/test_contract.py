# SPDX-License-Identifier: EUPL-1.2
"""The storage contract: every backend (memory, SQLite, PostgreSQL) must pass it all.

Tests taking ``store``/``make_store``/``database_url`` run once per backend (fixtures in
``tests/conftest.py``); the PostgreSQL cases need ``KOOPERATIV_TEST_DATABASE_URL``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from decimal import Decimal
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, text

from kooperativ._model import Record
from kooperativ.audit import AuditEvent, verify_chain
from kooperativ.clients.models import Client
from kooperativ.errors import ConflictError, InputError, NotFoundError, StorageError
from kooperativ.members.models import Member
from kooperativ.storage import (
    ENTITY_KINDS,
    MemoryStore,
    SqlStore,
    Store,
    mask_url,
    open_store,
)
from kooperativ.storage.sql import TABLES

NewMember = Callable[..., Member]
NewClient = Callable[..., Client]


class Boom(Exception):
    """Raised inside a unit of work to make it roll back."""


def _count(store: Store) -> tuple[int, int]:
    """(number of members, number of audit events)."""
    with store.unit_of_work() as uow:
        return len(uow.members.list()), len(list(uow.audit.events()))


# --- records -------------------------------------------------------------------------------


def test_add_get_find_by_number(store: Store, new_member: NewMember) -> None:
    astrid = new_member(7)
    with store.unit_of_work() as uow:
        uow.members.add(astrid)
        assert uow.members.get(astrid.id) == astrid  # visible inside the same unit of work
    with store.unit_of_work() as uow:
        assert uow.members.get(astrid.id) == astrid
        assert uow.members.find(astrid.id) == astrid
        assert uow.members.by_number(7) == astrid
        assert uow.members.by_number(8) is None
        assert uow.clients.list() == []  # kinds do not mix


def test_list_is_ordered_by_number_and_next_number(store: Store, new_member: NewMember) -> None:
    with store.unit_of_work() as uow:
        assert uow.members.next_number() == 1
        for number in (5, 2, 9, 1):
            uow.members.add(new_member(number, first_name=f"M{number}"))
        assert uow.members.next_number() == 10
    with store.unit_of_work() as uow:
        assert [m.number for m in uow.members.list()] == [1, 2, 5, 9]
        assert uow.members.next_number() == 10
        assert uow.clients.next_number() == 1


def test_update_replaces_the_record(store: Store, new_member: NewMember) -> None:
    astrid = new_member(1)
    with store.unit_of_work() as uow:
        uow.members.add(astrid)
    renamed = astrid.evolve(last_name="Ericsson", number=4)
    with store.unit_of_work() as uow:
        uow.members.update(renamed)
    with store.unit_of_work() as uow:
        assert uow.members.get(astrid.id) == renamed
        assert uow.members.by_number(1) is None
        assert uow.members.by_number(4) == renamed
        assert uow.members.list() == [renamed]


def test_update_of_a_missing_record_is_not_found(store: Store, new_member: NewMember) -> None:
    with store.unit_of_work() as uow, pytest.raises(NotFoundError, match="member"):
        uow.members.update(new_member(1))
    assert _count(store) == (0, 0)


def test_update_to_a_taken_number_conflicts(store: Store, new_member: NewMember) -> None:
    first, second = new_member(1), new_member(2, first_name="Karin")
    with store.unit_of_work() as uow:
        uow.members.add(first)
        uow.members.add(second)
    with store.unit_of_work() as uow:
        with pytest.raises(ConflictError, match="member number 1 is already taken"):
            uow.members.update(second.evolve(number=1))
        assert uow.members.get(second.id) == second  # the unit of work is still usable
    with store.unit_of_work() as uow:
        assert uow.members.list() == [first, second]


def test_duplicate_id_conflicts_and_writes_nothing(store: Store, new_member: NewMember) -> None:
    astrid = new_member(1)
    with store.unit_of_work() as uow:
        uow.members.add(astrid)
    with store.unit_of_work() as uow:
        with pytest.raises(ConflictError, match=f"member id {astrid.id} already exists"):
            uow.members.add(astrid.evolve(number=2, first_name="Other"))
        assert uow.members.list() == [astrid]
    with store.unit_of_work() as uow:
        assert uow.members.list() == [astrid]


def test_duplicate_number_conflicts_and_writes_nothing(store: Store, new_member: NewMember) -> None:
    astrid = new_member(3)
    with store.unit_of_work() as uow:
        uow.members.add(astrid)
    with store.unit_of_work() as uow:
        with pytest.raises(ConflictError, match="member number 3 is already taken"):
            uow.members.add(new_member(3, first_name="Karin"))
        uow.members.add(new_member(4, first_name="Karin"))  # a refused add spoils nothing
    with store.unit_of_work() as uow:
        assert [m.number for m in uow.members.list()] == [3, 4]
        assert uow.members.get(astrid.id) == astrid


def test_a_conflict_escaping_the_unit_of_work_rolls_it_back(
    store: Store, new_member: NewMember
) -> None:
    with store.unit_of_work() as uow:
        uow.members.add(new_member(1))
    with pytest.raises(ConflictError), store.unit_of_work() as uow:
        uow.members.add(new_member(2))
        uow.members.add(new_member(1))
    assert _count(store) == (1, 0)


def test_an_error_inside_a_unit_of_work_writes_nothing(
    store: Store, new_member: NewMember, audit_chain: Callable[..., list[AuditEvent]]
) -> None:
    first_event, second_event = audit_chain(2)
    kept = new_member(1)
    with store.unit_of_work() as uow:
        uow.members.add(kept)
        uow.audit.append(first_event)
    with pytest.raises(Boom), store.unit_of_work() as uow:
        uow.members.add(new_member(2))
        uow.members.update(kept.evolve(first_name="Changed"))
        uow.audit.append(second_event)
        raise Boom
    with store.unit_of_work() as uow:
        assert uow.members.list() == [kept]
        assert list(uow.audit.events()) == [first_event]


def test_a_missing_record_is_not_found(store: Store) -> None:
    missing = uuid.uuid4()
    with store.unit_of_work() as uow:
        for kind in ENTITY_KINDS:
            repository = uow.repository(kind)
            with pytest.raises(NotFoundError, match=str(missing)) as caught:
                repository.get(missing)
            assert caught.value.kind == kind
            assert repository.find(missing) is None
            assert repository.by_number(1) is None


def test_repository_by_kind(store: Store, new_member: NewMember) -> None:
    astrid = new_member(1)
    with store.unit_of_work() as uow:
        assert uow.repository("member") is uow.members
        assert uow.repository("client") is uow.clients
        assert uow.repository("assignment") is uow.assignments
        assert uow.repository("contract") is uow.contracts
        uow.repository("member").add(astrid)
        assert uow.members.get(astrid.id) == astrid
        with pytest.raises(KeyError, match="invoice"):
            uow.repository("invoice")


def test_a_record_of_the_wrong_kind_is_refused(store: Store, new_client: NewClient) -> None:
    with store.unit_of_work() as uow, pytest.raises(TypeError, match="Member"):
        uow.members.add(new_client(1))  # type: ignore[arg-type]


# --- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(ENTITY_KINDS))
def test_every_kind_round_trips_exactly(
    kind: str,
    make_store: Callable[[], Store],
    full_records: dict[str, list[Record]],
) -> None:
    records = full_records[kind]
    with make_store().unit_of_work() as uow:
        for record in records:
            uow.repository(kind).add(record)
    with make_store().unit_of_work() as uow:  # a second connection sees the committed data
        loaded = uow.repository(kind).list()
    assert loaded == records
    for before, after in zip(records, loaded, strict=True):
        assert type(after) is type(before)
        for name, value in before:
            assert type(getattr(after, name)) is type(value), name
        assert after.canonical_json() == before.canonical_json()
        assert after.content_hash() == before.content_hash()


def test_decimals_keep_their_exact_value(
    store: Store, full_records: dict[str, list[Record]]
) -> None:
    with store.unit_of_work() as uow:
        for record in full_records["assignment"] + full_records["contract"]:
            uow.repository(record_kind(record)).add(record)
    with store.unit_of_work() as uow:
        agreed, hourly = uow.assignments.list()
        (contract,) = uow.contracts.list()
    assert str(agreed.agreed_amount) == "1234.50"
    assert str(hourly.hourly_rate) == "650.00"
    assert str(hourly.hours) == "7.250"
    assert str(contract.monthly_pay) == "32000.00"
    assert contract.holiday_pay_rate == Decimal("0.12")
    assert contract.signed_by_employee is not None
    assert contract.signed_by_employee.utcoffset() is not None
    assert contract.signed_by_employee.isoformat() == "2025-02-21T10:15:30.123456+02:00"
    assert len(contract.assignment_ids) == 2


def record_kind(record: Record) -> str:
    """The entity kind of ``record``."""
    return next(kind for kind, cls in ENTITY_KINDS.items() if isinstance(record, cls))


def test_sql_stores_the_canonical_json_text(
    database_url: str, make_store: Callable[[], Store], full_records: dict[str, list[Record]]
) -> None:
    store = make_store()
    if not isinstance(store, SqlStore):
        pytest.skip("only SQL backends have a data column")
    tables = {kind: table.name for kind, table in TABLES.items()}
    with store.unit_of_work() as uow:
        for kind, records in full_records.items():
            for record in records:
                uow.repository(kind).add(record)
    with store.engine.connect() as connection:
        for kind, records in full_records.items():
            rows = connection.execute(
                text(f"SELECT id, number, data FROM {tables[kind]} ORDER BY number")
            ).all()
            expected = [(str(r.id), r.number, r.canonical_json()) for r in records]  # type: ignore[attr-defined]
            assert [tuple(row) for row in rows] == expected
            assert json.loads(rows[0][2])  # valid JSON text


# --- audit ---------------------------------------------------------------------------------


def test_audit_append_last_and_events(
    make_store: Callable[[], Store], audit_chain: Callable[..., list[AuditEvent]]
) -> None:
    events = audit_chain(5)
    with make_store().unit_of_work() as uow:
        assert uow.audit.last() is None
        assert list(uow.audit.events()) == []
        for event in events[:3]:
            uow.audit.append(event)
        assert uow.audit.last() == events[2]
    with make_store().unit_of_work() as uow:
        for event in events[3:]:
            uow.audit.append(event)
    with make_store().unit_of_work() as uow:
        stored = list(uow.audit.events())
        assert uow.audit.last() == events[-1]
    assert stored == events
    assert [e.canonical_json() for e in stored] == [e.canonical_json() for e in events]
    assert verify_chain(stored) == []  # hashes survive the round trip, offsets included


def test_audit_seq_must_follow(store: Store, audit_chain: Callable[..., list[AuditEvent]]) -> None:
    first, second, third = audit_chain(3)
    with store.unit_of_work() as uow:
        uow.audit.append(first)
        with pytest.raises(ConflictError, match="seq 3"):
            uow.audit.append(third)
        with pytest.raises(ConflictError, match="seq 1"):
            uow.audit.append(first)
        uow.audit.append(second)
    with store.unit_of_work() as uow:
        assert list(uow.audit.events()) == [first, second]


# --- schema, URLs, errors ------------------------------------------------------------------


def test_migrations_are_idempotent(store: Store) -> None:
    store.upgrade()  # the fixture upgraded once already
    store.upgrade()
    if isinstance(store, SqlStore):
        assert store.current_revision() == SqlStore.HEAD
        names = set(inspect(store.engine).get_table_names())
        assert {"members", "clients", "assignments", "contracts", "audit_events"} <= names
        assert "alembic_version" in names
    with store.unit_of_work() as uow:
        assert uow.members.list() == []


def test_an_unmigrated_database_says_to_upgrade(tmp_path: Path) -> None:
    store = SqlStore(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        assert store.current_revision() is None
        with (
            pytest.raises(StorageError, match="kooperativ db upgrade"),
            store.unit_of_work() as uow,
        ):
            uow.members.list()
        store.upgrade()
        assert store.current_revision() == SqlStore.HEAD
    finally:
        store.close()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+psycopg://postgres@127.0.0.1:5999/test",
            "postgresql+psycopg://postgres@127.0.0.1:5999/test",
        ),
        (
            "postgresql+psycopg://postgres:hemligt@127.0.0.1:5999/test",
            "postgresql+psycopg://postgres:***@127.0.0.1:5999/test",
        ),
    ],
)
def test_an_unreachable_server_is_a_storage_error(url: str, shown: str) -> None:
    store = SqlStore(url)
    try:
        with pytest.raises(StorageError) as caught, store.unit_of_work():
            pass
        message = str(caught.value)
        assert message.startswith(f"cannot connect to {shown}: ")
        assert "connection refused" in message.lower()
        assert "hemligt" not in message
        assert store.url == shown
        with pytest.raises(StorageError, match="cannot connect"):
            store.upgrade()
    finally:
        store.close()


def test_a_missing_sqlite_folder_is_a_storage_error(tmp_path: Path) -> None:
    store = SqlStore(f"sqlite:///{tmp_path / 'no' / 'such' / 'k.db'}")
    with pytest.raises(StorageError, match=r"cannot connect to sqlite:///.*unable to open"):
        store.upgrade()


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("postgresql+psycopg://u:secret@h:5432/db", "postgresql+psycopg://u:***@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////var/lib/k.db", "sqlite:////var/lib/k.db"),
        ("memory://", "memory://"),
        ("custom://u:secret@host/x", "custom://u:***@host/x"),
        ("postgresql+psycopg://h/db?password=secret", "postgresql+psycopg://h/db?password=***"),
    ],
)
def test_mask_url(url: str, masked: str) -> None:
    assert mask_url(url) == masked


def test_open_store_picks_the_backend(tmp_path: Path) -> None:
    assert isinstance(open_store("memory://"), MemoryStore)
    sqlite = open_store(None, tmp_path / "k.db")
    assert isinstance(sqlite, SqlStore)
    assert sqlite.url == f"sqlite:///{tmp_path / 'k.db'}"
    sqlite.close()
    postgres = open_store("postgresql+psycopg://u:pw@127.0.0.1:5999/x", None)
    assert isinstance(postgres, SqlStore)
    assert postgres.url == "postgresql+psycopg://u:***@127.0.0.1:5999/x"
    postgres.close()
    with pytest.raises(InputError, match="no database URL"):
        open_store(None, None)
    with pytest.raises(InputError, match=r"'nosuch://u:\*\*\*@h/db'") as caught:
        open_store("nosuch://u:pw@h/db", None)
    assert caught.value.exit_code == 2


def test_open_store_uses_the_entry_point_group(monkeypatch: pytest.MonkeyPatch) -> None:
    import kooperativ.storage as storage

    opened: list[str] = []

    def factory(url: str) -> MemoryStore:
        opened.append(url)
        return MemoryStore(url)

    point = EntryPoint(name="thirdparty", value="x:y", group="kooperativ.storage")
    monkeypatch.setattr(point.__class__, "load", lambda self: factory)

    def fake_entry_points(**query: Any) -> Any:
        return [point] if query.get("name") in (None, "thirdparty") else []

    monkeypatch.setattr(storage, "entry_points", fake_entry_points)
    store = open_store("thirdparty+x://somewhere", None)
    assert isinstance(store, MemoryStore)
    assert opened == ["thirdparty+x://somewhere"]


def test_memory_units_of_work_do_not_nest() -> None:
    store = MemoryStore()
    outer = store.unit_of_work()
    with outer, pytest.raises(StorageError, match="do not nest"), store.unit_of_work():
        pass
    with store.unit_of_work() as uow:  # the lock was released
        assert uow.members.list() == []


# --- property: a random sequence of writes leaves list() equal to a model ----------------

_OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(1, 6), st.text("abc", min_size=1, max_size=3)),
        st.tuples(st.just("update"), st.integers(0, 5), st.integers(1, 6)),
        st.tuples(st.just("rollback"), st.integers(1, 6), st.just("")),
    ),
    max_size=12,
)


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations=_OPERATIONS)
def test_random_writes_match_a_model(
    backend: str,
    fresh_store: Callable[[str], Store],
    new_client: NewClient,
    operations: list[tuple[str, int, Any]],
) -> None:
    store = fresh_store(backend)
    model: dict[uuid.UUID, Client] = {}
    for operation, first, second in operations:
        taken = {c.number for c in model.values()}
        if operation == "add":
            record = new_client(first, name=second)
            with store.unit_of_work() as uow:
                if first in taken:
                    with pytest.raises(ConflictError):
                        uow.clients.add(record)
                else:
                    uow.clients.add(record)
                    model[record.id] = record
        elif operation == "update" and model:
            current = sorted(model.values(), key=lambda c: c.number)[first % len(model)]
            changed = current.evolve(number=second, name=current.name + "!")
            with store.unit_of_work() as uow:
                if second in taken and second != current.number:
                    with pytest.raises(ConflictError):
                        uow.clients.update(changed)
                else:
                    uow.clients.update(changed)
                    model[current.id] = changed
        elif operation == "rollback":
            with pytest.raises(Boom), store.unit_of_work() as uow:
                if first not in taken:
                    uow.clients.add(new_client(first))
                raise Boom
        with store.unit_of_work() as uow:
            assert uow.clients.list() == sorted(model.values(), key=lambda c: c.number)
            expected_next = max((c.number for c in model.values()), default=0) + 1
            assert uow.clients.next_number() == expected_next

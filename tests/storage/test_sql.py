# SPDX-License-Identifier: EUPL-1.2
"""What only the SQL backend has: tables, migrations, locks, WAL, driver errors."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from kooperativ.audit import verify_trail
from kooperativ.cli._common import exit_code_for
from kooperativ.errors import ConcurrencyError, ConflictError, StorageError
from kooperativ.storage import KINDS, SqlStore, TransientConflict, open_store, transaction
from kooperativ.storage.sql import METADATA, TABLES
from kooperativ.testing.storage import audit_chain, full_records, member_record

SLOTS = ":i, :n, :d"

SQL_BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(params=SQL_BACKENDS)
def sql_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a fresh, empty (not migrated) database, SQLite or PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kooperativ.db'}"
    url: str = request.getfixturevalue("postgres_schema_url")
    return url


@pytest.fixture
def sql_store(sql_url: str) -> Iterator[SqlStore]:
    """A migrated SQL store."""
    store = SqlStore(sql_url)
    store.upgrade()
    yield store
    store.close()


@pytest.fixture
def postgres_url(postgres_schema_url: str) -> str:
    """A fresh PostgreSQL schema (migrated)."""
    store = SqlStore(postgres_schema_url)
    store.upgrade()
    store.close()
    return postgres_schema_url


# --- tables and migrations -----------------------------------------------------------------


def test_sql_stores_the_canonical_json_text(sql_store: SqlStore) -> None:
    records = full_records()
    with sql_store.unit_of_work() as uow:
        for kind, found in records.items():
            for record in found:
                uow.repository(kind).add(record)
    with sql_store.engine.connect() as connection:
        for kind, found in records.items():
            rows = connection.execute(
                text(f"SELECT id, number, data, version FROM {TABLES[kind].name} ORDER BY number")
            ).all()
            expected = [(str(r.id), r.number, r.canonical_json(), 1) for r in found]  # type: ignore[attr-defined]
            assert [tuple(row) for row in rows] == expected
            assert json.loads(rows[0][2])  # valid JSON text
        links = connection.execute(
            text("SELECT contract_id, assignment_id FROM contract_assignments")
        ).all()
    (contract,) = records["contract"]
    assert sorted(links) == sorted((str(contract.id), str(a.id)) for a in records["assignment"])


def test_the_migrated_schema_is_the_generated_one(sql_store: SqlStore) -> None:
    """The tables generated from the list of kinds are exactly what the migrations build."""
    with sql_store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), METADATA)
    assert differences == []
    assert sql_store.current_revision() == SqlStore.HEAD
    names = set(inspect(sql_store.engine).get_table_names())
    assert {table.name for table in METADATA.sorted_tables} | {"alembic_version"} == names


#: Kinds whose tables later migrations create (0007: the ledger; 0008: invoices;
#: 0009: payments; 0010: expenses and salary requests; 0011: projects and grants;
#: 0012: payroll runs and payslips; 0013: absences; 0014: travel claims;
#: 0015: credentials, sign-in links and web sessions).
LATER_KINDS = frozenset(
    {"voucher", "closed_period", "invoice", "payment", "expense", "salary_request"}
    | {"project", "grant"}
    | {"payroll_run", "payslip"}
    | {"absence"}
    | {"travel_claim"}
    | {"credential", "login_token", "web_session"}
)


def test_migration_0004_fills_the_columns_from_the_stored_records(sql_url: str) -> None:
    records = {k: found for k, found in full_records().items() if k not in LATER_KINDS}
    store = SqlStore(sql_url)
    try:
        store.upgrade("0003")
        with store.engine.begin() as connection:
            for kind, found in records.items():
                for record in found:
                    connection.execute(
                        text(
                            f"INSERT INTO {TABLES[kind].name} (id, number, data) VALUES ({SLOTS})"
                        ),
                        {"i": str(record.id), "n": record.number, "d": record.canonical_json()},  # type: ignore[attr-defined]
                    )
        store.upgrade("0004")
        assert store.current_revision() == "0004"
        # Later migrations add columns of their own (0016: a member's e-mail address); the
        # repositories read the columns of this version, so read at the head.
        store.upgrade()
        with store.unit_of_work(write=False) as uow:
            stored = {
                kind: list(uow.repository(name).stored())
                for name, kind in KINDS.items()
                if name not in LATER_KINDS
            }
            (member,) = records["member"]
            first, second = records["assignment"]
            assert uow.members.by_person_id(member.person_id) == member
            assert uow.assignments.of_member(member.id) == [first, second]
            assert [c.number for c in uow.contracts.of_assignment(second.id)] == [1]
            assert uow.hours.unconfirmed() == []
        for kind, rows in stored.items():
            for row, record in zip(rows, records[kind.name], strict=True):
                assert row.data == record.canonical_json()  # untouched, byte for byte
                assert row.version == 1
                assert dict(row.columns) == kind.values(record)
                for link in kind.links:
                    assert row.links[link.name] == tuple(sorted(link.values(record)))
        # Nothing but the missing audit events is wrong with these records.
        report = verify_trail([], stored)
        assert {p.message for p in report.problems} == {"stored without an audit event"}
    finally:
        store.close()


def test_migration_0016_fills_the_members_email_column(sql_url: str) -> None:
    members = [
        member_record(1, email="Astrid.Lindgren@Example.se"),
        member_record(2, first_name="Karin"),
        member_record(3, first_name="Pippi", email="pippi@example.se"),
    ]
    store = SqlStore(sql_url)
    try:
        store.upgrade("0015")
        with store.engine.begin() as connection:
            for member in members:
                connection.execute(
                    text(f"INSERT INTO members (id, number, data) VALUES ({SLOTS})"),
                    {"i": str(member.id), "n": member.number, "d": member.canonical_json()},
                )
        store.upgrade()
        with store.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT number, email, data FROM members ORDER BY number")
            ).all()
        assert [(n, e) for n, e, _ in rows] == [
            (1, "astrid.lindgren@example.se"),
            (2, None),
            (3, "pippi@example.se"),
        ]
        assert [d for _, _, d in rows] == [m.canonical_json() for m in members]  # untouched
        with store.unit_of_work(write=False) as uow:
            assert uow.members.with_email(" ASTRID.lindgren@example.SE ") == [members[0]]
            assert uow.members.with_email("karin@example.se") == []
    finally:
        store.close()


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


# --- SQLite files --------------------------------------------------------------------------


def test_sqlite_uses_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    store = SqlStore(f"sqlite:///{tmp_path / 'k.db'}", lock_timeout=7)
    try:
        store.upgrade()
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 7000
    finally:
        store.close()


def test_a_new_sqlite_file_is_created_whole(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = SqlStore(f"sqlite:///{path}")
    try:
        assert store.current_revision() is None
        assert path.stat().st_size > 0  # a database header, never an empty file
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        store.close()


def test_an_empty_sqlite_file_is_refused_not_taken_for_a_new_cooperative(tmp_path: Path) -> None:
    path = tmp_path / "kooperativ.db"
    path.touch()  # e.g. a backup that was cut off, or a failed copy
    store = open_store(f"sqlite:///{path}")
    try:
        for action in (store.upgrade, lambda: store.unit_of_work().__enter__()):
            with pytest.raises(StorageError, match=r"is an empty file, not a kooperativ database"):
                action()
        assert path.stat().st_size == 0  # left as it was
    finally:
        store.close()


def test_a_missing_sqlite_folder_is_a_storage_error(tmp_path: Path) -> None:
    store = SqlStore(f"sqlite:///{tmp_path / 'no' / 'such' / 'k.db'}")
    with pytest.raises(StorageError, match=r"cannot connect to sqlite:///.*unable to open"):
        store.upgrade()


def test_in_memory_sqlite_units_of_work_do_not_nest() -> None:
    store = SqlStore("sqlite://")
    store.upgrade()
    outer = store.unit_of_work(write=False)
    with outer, pytest.raises(StorageError, match="do not nest"), store.unit_of_work(write=False):
        pass  # pragma: no cover
    store.close()


# --- locks ---------------------------------------------------------------------------------


def test_a_lock_wait_that_times_out_is_busy_not_cannot_connect(sql_url: str) -> None:
    holder, waiter = SqlStore(sql_url), SqlStore(sql_url, lock_timeout=0.3)
    try:
        holder.upgrade()
        with holder.unit_of_work() as uow:
            uow.members.add(member_record(1))
            busy = pytest.raises(ConcurrencyError, match="the database is busy")
            with busy as caught, waiter.unit_of_work():
                pass  # pragma: no cover
            assert "cannot connect" not in str(caught.value)
            assert exit_code_for(caught.value) == 1
            # A reader does not wait for the writer, and sees what was committed.
            with waiter.unit_of_work(write=False) as reading:
                assert reading.members.count() == 0
        with waiter.unit_of_work() as uow:  # free again
            assert uow.members.count() == 1
    finally:
        holder.close()
        waiter.close()


def test_postgres_transactions_run_at_the_isolation_they_need(postgres_url: str) -> None:
    # Even if the server's default is SERIALIZABLE, a writer reads what the previous writer
    # committed (READ COMMITTED, after the lock) and a reader has one snapshot.
    url = make_url(postgres_url)
    options = url.query["options"]
    strict = url.update_query_dict(
        {"options": f"{options} -cdefault_transaction_isolation=serializable"}
    )
    store = SqlStore(strict.render_as_string(hide_password=False))
    try:
        for write, expected in ((True, "read committed"), (False, "repeatable read")):
            with store.unit_of_work(write=write) as uow:
                connection = uow.connection  # type: ignore[attr-defined]
                assert connection.exec_driver_sql("SHOW transaction_isolation").scalar() == expected
                read_only = connection.exec_driver_sql("SHOW transaction_read_only").scalar()
                assert read_only == ("off" if write else "on")
    finally:
        store.close()


def test_postgres_write_lock_is_per_schema(postgres_url: str) -> None:
    base = os.environ["KOOPERATIV_TEST_DATABASE_URL"]  # set: postgres_url needed it
    other_schema = f"kt_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{other_schema}"'))
    other_url = make_url(base).update_query_dict({"options": f"-csearch_path={other_schema}"})
    here = SqlStore(postgres_url)
    same = SqlStore(postgres_url, lock_timeout=0.3)
    there = SqlStore(other_url.render_as_string(hide_password=False), lock_timeout=0.3)
    try:
        there.upgrade()
        with here.unit_of_work():
            with pytest.raises(ConcurrencyError, match="busy"), same.unit_of_work():
                pass  # pragma: no cover
            with there.unit_of_work() as uow:  # another cooperative does not wait
                uow.members.add(member_record(1))
    finally:
        for store in (here, same, there):
            store.close()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{other_schema}" CASCADE'))
        admin.dispose()


def _foreign_insert(url: str, statement: str, values: dict[str, object]) -> None:
    """A writer that ignores kooperativ's lock (an old version, a hand-written script)."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement), values)
    finally:
        engine.dispose()


def test_a_number_taken_by_a_writer_ignoring_the_lock_is_transient(postgres_url: str) -> None:
    store = SqlStore(postgres_url)
    intruder = member_record(1, first_name="Mallory", person_id="198503129804")
    insert_member = "INSERT INTO members (id, number, data) VALUES (:i, :n, :d)"
    try:
        taken_meanwhile = pytest.raises(TransientConflict, match="member number 1 was taken")
        with taken_meanwhile, store.unit_of_work() as uow:
            number = uow.members.next_number()
            _foreign_insert(
                postgres_url,
                insert_member,
                {"i": str(intruder.id), "n": number, "d": intruder.canonical_json()},
            )
            uow.members.add(member_record(number))
        # Run again, the work allocates the next free number and succeeds.
        taken: list[int] = []

        def work(uow: object) -> int:
            members = uow.members  # type: ignore[attr-defined]
            number = int(members.next_number())
            if not taken:
                taken.append(number)
                other = intruder.evolve(id=uuid.uuid4(), number=number)
                _foreign_insert(
                    postgres_url,
                    insert_member,
                    {"i": str(other.id), "n": number, "d": other.canonical_json()},
                )
            members.add(member_record(number))
            return number

        assert transaction(store, work, sleep=lambda _: None) == 3
        # A number the caller chose stays an input error.
        with pytest.raises(ConflictError) as caught, store.unit_of_work() as uow:
            uow.members.add(member_record(1, first_name="Karin"))
        assert not isinstance(caught.value, ConcurrencyError)
    finally:
        store.close()


def test_an_audit_seq_taken_by_a_writer_ignoring_the_lock_is_transient(postgres_url: str) -> None:
    store = SqlStore(postgres_url)
    first, second = audit_chain(2)
    try:
        with pytest.raises(TransientConflict, match="seq 1 was taken"), store.unit_of_work() as uow:
            assert uow.audit.last() is None
            values = first.model_dump(mode="json")
            columns = ", ".join(values)
            _foreign_insert(
                postgres_url,
                f"INSERT INTO audit_events ({columns}) VALUES "
                + "("
                + ", ".join(f":{name}" for name in values)
                + ")",
                values,
            )
            uow.audit.append(first)
        with store.unit_of_work() as uow:
            uow.audit.append(second)
            assert [e.seq for e in uow.audit.events()] == [1, 2]
    finally:
        store.close()


def test_concurrent_threads_keep_every_write(sql_store: SqlStore) -> None:
    """Threads of one process (the processes are in tests/concurrency)."""
    errors: list[BaseException] = []

    def add(offset: int) -> None:
        try:
            for _ in range(10):
                with sql_store.unit_of_work() as uow:
                    number = uow.members.next_number()
                    uow.members.add(member_record(number, first_name=f"T{offset}"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with sql_store.unit_of_work(write=False) as uow:
        assert [m.number for m in uow.members.list()] == list(range(1, 41))


# --- servers -------------------------------------------------------------------------------


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


def test_sql_store_doctest() -> None:
    import doctest

    import kooperativ.storage.sql as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0

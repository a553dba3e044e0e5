# SPDX-License-Identifier: EUPL-1.2
"""Copy a cooperative's database into another, empty one (``kooperativ db copy``).

Both databases get the same tables from the same migrations, and each record is stored as
its canonical JSON with its indexed columns beside it, so a table-by-table copy carries
everything as it is: every record kind of :data:`~kooperativ.storage.kinds.KINDS` with its
``id``, ``number`` and ``version``, the link tables, the ledger's voucher lines, the ballot
boxes of secret ballots and the audit trail with its hashes and MACs (which cover the
records, not the database they are in).

:func:`copy_database` refuses a target that holds anything (a row in one of kooperativ's
tables, or a table of something else), creates the schema there, copies every table in
**one transaction** on the target (nothing is written if any row fails), then verifies the
copy: the rows of every table counted on both sides, and the audit trail verified on the
target (:func:`kooperativ.audit.verify_trail`).

>>> from kooperativ.storage.sql import SqlStore
>>> source = SqlStore("sqlite://")
>>> source.upgrade()
>>> copied = copy_database(source, "sqlite://")
>>> copied.ok, copied.kinds["member"], copied.events
(True, 0, 0)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Table, func, insert, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from kooperativ.audit import AuditReport, verify_trail
from kooperativ.errors import InputError, StorageError
from kooperativ.storage.base import StoredRecord
from kooperativ.storage.kinds import KINDS, Kind
from kooperativ.storage.sql import METADATA, TABLES, SqlStore, mask_url

__all__ = ["CopyResult", "copy_database", "rows_in"]

#: Rows inserted per statement.
BATCH = 500
#: Alembic's own table: ``upgrade()`` fills it on the target.
ALEMBIC_TABLE = "alembic_version"


@dataclass(frozen=True)
class CopyResult:
    """What :func:`copy_database` copied and what it found checking the copy.

    Attributes:
        source: The source database's URL (password masked).
        target: The target database's URL (password masked).
        kinds: Record kind → records on the target (the kinds of
            :data:`~kooperativ.storage.kinds.KINDS`, in their order).
        tables: Every other table (links, voucher lines, ballots, the audit trail) → rows
            on the target.
        mismatches: Table → ``(source rows, target rows)`` where they differ (none: every
            row arrived).
        audit: The audit verification on the target.
    """

    source: str
    target: str
    kinds: dict[str, int]
    tables: dict[str, int]
    mismatches: dict[str, tuple[int, int]] = field(default_factory=dict)
    audit: AuditReport | None = None

    @property
    def events(self) -> int:
        """Audit events on the target."""
        return self.audit.events if self.audit is not None else 0

    @property
    def ok(self) -> bool:
        """Every table has as many rows on both sides and the audit trail verifies."""
        return not self.mismatches and self.audit is not None and self.audit.ok

    def as_dict(self) -> dict[str, object]:
        """JSON-ready data (``kooperativ db copy --json``)."""
        return {
            "source": self.source,
            "target": self.target,
            "ok": self.ok,
            "kinds": dict(self.kinds),
            "tables": dict(self.tables),
            "mismatches": {k: list(v) for k, v in self.mismatches.items()},
            "audit": None if self.audit is None else self.audit.as_dict(),
        }


def _tables() -> list[Table]:
    """Every table of kooperativ's schema, in a stable order."""
    return list(METADATA.sorted_tables)


def rows_in(connection: Connection) -> dict[str, int]:
    """Rows in each of kooperativ's tables that exist on ``connection``'s database."""
    present = set(inspect(connection).get_table_names())
    return {
        table.name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
        for table in _tables()
        if table.name in present
    }


def _occupied(connection: Connection) -> list[str]:
    """The tables that make a database not empty: a table of kooperativ's with a row, or
    any table that is not kooperativ's."""
    names = set(inspect(connection).get_table_names()) - {ALEMBIC_TABLE}
    ours = {table.name for table in _tables()}
    foreign = sorted(names - ours)
    counted = rows_in(connection)
    order = [kind.table for kind in KINDS.values()] + sorted(ours)
    filled = [name for name in dict.fromkeys(order) if counted.get(name)]
    return filled + foreign


def _refuse(target: str, occupied: list[str]) -> InputError:
    # Table names are the database's: quoted, as code, in every language.
    shown = ", ".join(f"'{name}'" for name in occupied[:5]) + (" …" if len(occupied) > 5 else "")
    return InputError(
        "to",
        "{url} is not empty (it holds {tables}): copy into an empty database or schema",
        url=target,
        tables=shown,
    )


def _fresh_sqlite(url: str) -> bool:
    """True for a SQLite database that cannot hold anything yet: in memory, or a file
    that does not exist (connecting to look would create it)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return False
    database = parsed.database or ""
    if database in ("", ":memory:"):
        return True
    return not database.startswith("file:") and not Path(database).exists()


def _batches(connection: Connection, table: Table) -> Iterator[list[dict[str, object]]]:
    result = connection.execute(select(table))
    while rows := result.mappings().fetchmany(BATCH):
        yield [dict(row) for row in rows]


def copy_database(
    source: SqlStore,
    target_url: str,
    *,
    key: bytes | None = None,
    lock_timeout: float = 15.0,
) -> CopyResult:
    """Copy every table of ``source`` into the empty database at ``target_url``, and check.

    Stop everything that writes to ``source`` first: the copy reads one consistent
    snapshot of it, and what is written afterwards is not in the copy.

    Args:
        source: The cooperative's store, at the newest migration.
        target_url: An empty database (or PostgreSQL schema, via ``search_path``):
            ``postgresql+psycopg://user@host/db`` or ``sqlite:///path/new.db``.
        key: The audit key, to check the events' MACs on the target too.
        lock_timeout: Seconds to wait for the target's locks.

    Returns:
        The counts on the target and the checks (:attr:`CopyResult.ok`).

    Raises:
        InputError: The target is the source, or is not empty (field ``to``): nothing
            was written.
        StorageError: A database cannot be reached, or the copy failed (rolled back).
    """
    try:
        backend = make_url(target_url).get_backend_name()
    except ArgumentError:
        backend = ""
    if backend not in ("sqlite", "postgresql"):
        raise InputError(
            "to",
            "{url}: copy into a sqlite:/// or postgresql+psycopg:// database",
            url=mask_url(target_url),
        )
    target = SqlStore(target_url, lock_timeout=lock_timeout)
    try:
        return _copy(source, target, key)
    finally:
        target.close()


def _copy(source: SqlStore, target: SqlStore, key: bytes | None) -> CopyResult:
    if _same_database(source, target):
        raise InputError("to", "{url} is the cooperative's own database", url=target.url)
    fresh = _fresh_sqlite(target.engine.url.render_as_string(hide_password=False))
    if not fresh:
        with target.translated(connecting=True), target.engine.connect() as connection:
            occupied = _occupied(connection)
            connection.rollback()
        if occupied:
            raise _refuse(target.url, occupied)
    target.upgrade()
    with (
        source.translated(connecting=True),
        source.engine.connect().execution_options(kooperativ_write=False) as read,
        read.begin(),
    ):
        before = rows_in(read)
        missing = [table.name for table in _tables() if table.name not in before]
        if missing:
            raise StorageError(
                "the source has no table {table}: run `kooperativ db upgrade` on it first",
                table=missing[0],
            )
        try:
            with target.engine.begin() as write:
                occupied = _occupied(write)  # someone may have written since the check
                if occupied:
                    raise _refuse(target.url, occupied)
                for table in _tables():
                    for batch in _batches(read, table):
                        write.execute(insert(table), batch)
        except (DBAPIError, SQLAlchemyError, ArgumentError) as error:
            raise StorageError(
                "the copy into {url} failed and was rolled back: {reason}",
                url=target.url,
                reason=str(getattr(error, "orig", error) or error).splitlines()[0],
            ) from None
    return _check(source, target, before, key)


def _same_database(source: SqlStore, target: SqlStore) -> bool:
    one, two = source.engine.url, target.engine.url
    if one.get_backend_name() == "sqlite" and two.get_backend_name() == "sqlite":
        a, b = one.database or "", two.database or ""
        if a in ("", ":memory:") or b in ("", ":memory:"):
            return False
        return Path(a).resolve() == Path(b).resolve()
    return one.render_as_string(hide_password=False) == two.render_as_string(hide_password=False)


def _check(
    source: SqlStore, target: SqlStore, before: Mapping[str, int], key: bytes | None
) -> CopyResult:
    with target.translated(connecting=True), target.engine.connect() as connection:
        after = rows_in(connection)
        connection.rollback()
    mismatches = {
        name: (count, after.get(name, 0))
        for name, count in before.items()
        if after.get(name, 0) != count
    }
    kind_tables = {kind.table: name for name, kind in KINDS.items()}
    kinds = {name: after.get(TABLES[name].name, 0) for name in KINDS}
    tables = {name: count for name, count in after.items() if name not in kind_tables}
    with target.unit_of_work(write=False) as uow:
        events = list(uow.audit.stored())
        records: dict[Kind, list[StoredRecord]] = {
            kind: list(uow.repository(name).stored()) for name, kind in KINDS.items()
        }
    audit = verify_trail(events, records, key=key)
    return CopyResult(
        source=source.url,
        target=target.url,
        kinds=kinds,
        tables=tables,
        mismatches=mismatches,
        audit=audit,
    )

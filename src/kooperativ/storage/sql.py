# SPDX-License-Identifier: EUPL-1.2
"""The SQL storage backend: SQLite and PostgreSQL through SQLModel and SQLAlchemy 2.

Domain records are not table classes. Each entity kind has a table with three columns:
``id`` (the UUID as 36-character text, primary key), ``number`` (the human number, unique)
and ``data``, the record's :meth:`~kooperativ._model.Record.canonical_json` text. ``data``
is plain ``TEXT`` on purpose, not ``JSON``/``JSONB``: PostgreSQL's JSONB reorders keys and
rewrites numbers, and the stored text must stay byte for byte what ``canonical_json()``
produced, so that :meth:`~kooperativ._model.Record.content_hash` of a record read back is
the hash the audit trail recorded, on every backend. Decimals are JSON strings
(``"1234.50"``), so they keep their exact value and scale.

The audit trail is the table ``audit_events`` with one column per field of
:class:`~kooperativ.audit.AuditEvent`. ``at`` is stored as the ISO 8601 text the event
serialises to (with its UTC offset), not as a ``TIMESTAMP``, because PostgreSQL would
return it in the session's time zone and SQLite would drop the offset, and either would
change the event's hash.

A unit of work is one session and one database transaction: committed when the block ends,
rolled back if it raises. On SQLite the transaction starts with ``BEGIN IMMEDIATE``, so
writers queue up and numbers allocated with ``next_number()`` cannot collide; on
PostgreSQL a collision between two concurrent writers shows as a
:class:`~kooperativ.errors.ConflictError` and the caller retries. Each ``add``/``update``
runs in a savepoint, so a refused one leaves the rest of the unit of work intact, exactly
like the in-memory backend.

The schema is managed by Alembic migrations shipped in ``kooperativ/storage/migrations``;
run :meth:`SqlStore.upgrade` (``kooperativ db upgrade``) before first use.

>>> store = SqlStore("sqlite://")
>>> store.upgrade()
>>> with store.unit_of_work() as uow:
...     uow.clients.next_number()
1
>>> store.close()
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, ClassVar, Generic, NoReturn, TypeVar, cast
from uuid import UUID, uuid4

from sqlalchemy import Engine, Index, Text, UniqueConstraint, delete, event, func, insert, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool
from sqlmodel import Field, Session, SQLModel, col, create_engine, select

from kooperativ._model import Record
from kooperativ.assignments.models import Assignment
from kooperativ.audit import AuditEvent
from kooperativ.clients.models import Client
from kooperativ.employment.models import EmploymentContract
from kooperativ.errors import ConflictError, NotFoundError, StorageError
from kooperativ.members.models import Member
from kooperativ.storage.base import ENTITY_KINDS, AuditLog, BallotBoxes, Repository, UnitOfWork
from kooperativ.storage.memory import _record_key

__all__ = [
    "AssignmentRow",
    "AuditEventRow",
    "BallotRow",
    "ClientRow",
    "ContractRow",
    "HoursReportRow",
    "MeetingRow",
    "MemberRow",
    "MembershipFeeRow",
    "SqlStore",
    "mask_url",
]

R = TypeVar("R", bound=Record)

_MIGRATIONS = Path(__file__).parent / "migrations"
_USERINFO_PASSWORD = re.compile(r"(?<=://)([^/:@]*):[^/@]*@")
_QUERY_PASSWORD = re.compile(r"(?i)(password=)[^&]*")


def mask_url(url: str) -> str:
    """``url`` with any password replaced by ``***``, fit for messages and logs.

    Args:
        url: A database URL, e.g. ``postgresql+psycopg://user:secret@host/db``.

    Returns:
        The URL with the password masked: ``postgresql+psycopg://user:***@host/db``.

    >>> mask_url("postgresql+psycopg://kassor:hemligt@db.example/coop")
    'postgresql+psycopg://kassor:***@db.example/coop'
    """
    try:
        masked = make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        masked = _USERINFO_PASSWORD.sub(r"\1:***@", url)
    return _QUERY_PASSWORD.sub(r"\1***", masked)


# --- tables --------------------------------------------------------------------------------


class _RecordRow(SQLModel):
    """Columns shared by every entity kind's table."""

    id: str = Field(primary_key=True, max_length=36)
    number: int
    data: str = Field(sa_type=Text)


class MemberRow(_RecordRow, table=True):
    """Table ``members``: one :class:`~kooperativ.members.models.Member` per row."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("number", name="uq_members_number"),)


class ClientRow(_RecordRow, table=True):
    """Table ``clients``: one :class:`~kooperativ.clients.models.Client` per row."""

    __tablename__ = "clients"
    __table_args__ = (UniqueConstraint("number", name="uq_clients_number"),)


class AssignmentRow(_RecordRow, table=True):
    """Table ``assignments``: one :class:`~kooperativ.assignments.models.Assignment` per row."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("number", name="uq_assignments_number"),)


class ContractRow(_RecordRow, table=True):
    """Table ``contracts``: one :class:`~kooperativ.employment.models.EmploymentContract`."""

    __tablename__ = "contracts"
    __table_args__ = (UniqueConstraint("number", name="uq_contracts_number"),)


class HoursReportRow(_RecordRow, table=True):
    """Table ``hours_reports``: one :class:`~kooperativ.employment.models.HoursReport`."""

    __tablename__ = "hours_reports"
    __table_args__ = (UniqueConstraint("number", name="uq_hours_reports_number"),)


class MeetingRow(_RecordRow, table=True):
    """Table ``meetings``: one :class:`~kooperativ.governance.meeting.Meeting` per row."""

    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("number", name="uq_meetings_number"),)


class MembershipFeeRow(_RecordRow, table=True):
    """Table ``membership_fees``: one :class:`~kooperativ.governance.register.MembershipFee`."""

    __tablename__ = "membership_fees"
    __table_args__ = (UniqueConstraint("number", name="uq_membership_fees_number"),)


class AuditEventRow(SQLModel, table=True):
    """Table ``audit_events``: one :class:`~kooperativ.audit.AuditEvent` per row."""

    __tablename__ = "audit_events"
    __table_args__ = (UniqueConstraint("id", name="uq_audit_events_id"),)

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    id: str = Field(max_length=36)
    at: str = Field(max_length=40)
    actor: str = Field(sa_type=Text)
    action: str = Field(sa_type=Text)
    entity: str = Field(sa_type=Text)
    entity_id: str = Field(sa_type=Text)
    before_hash: str | None = Field(default=None, max_length=64)
    after_hash: str | None = Field(default=None, max_length=64)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


# --- ballot boxes (governance) -------------------------------------------------------------


class BallotRow(SQLModel, table=True):
    """Table ``ballots``: one ballot of a secret ballot's box, sealed.

    A random ``id``, the box's name, the (sealed) ballot: no timestamp, no sequence, no
    voter. On SQLite the table is ``WITHOUT ROWID``, so its rows are stored in the order of
    their random ids, not in the order they were cast.
    """

    __tablename__ = "ballots"
    __table_args__ = (Index("ix_ballots_box", "box"), {"sqlite_with_rowid": False})

    id: str = Field(primary_key=True, max_length=36)
    box: str = Field(sa_type=Text)
    ballot: str = Field(sa_type=Text)


class _SqlBallotBoxes:
    """:class:`~kooperativ.storage.base.BallotBoxes` over the ``ballots`` table."""

    def __init__(self, store: SqlStore, session: Session) -> None:
        self._store = store
        self._session = session

    def put(self, box: str, ballot: str) -> None:
        values = {"id": str(uuid4()), "box": box, "ballot": ballot}
        self._store._run(lambda: self._session.execute(insert(BallotRow).values(values)))

    def count(self, box: str) -> int:
        query = select(func.count()).select_from(BallotRow).where(col(BallotRow.box) == box)
        return int(self._store._run(lambda: self._session.exec(query).one()))

    def take(self, box: str) -> list[str]:
        query = select(col(BallotRow.ballot)).where(col(BallotRow.box) == box)
        ballots = sorted(self._store._run(lambda: self._session.exec(query).all()))
        self._store._run(
            lambda: self._session.execute(delete(BallotRow).where(col(BallotRow.box) == box))
        )
        return ballots


# --- end of ballot boxes -------------------------------------------------------------------


#: Entity kind → its table class.
ROW_CLASSES: dict[str, type[_RecordRow]] = {
    "member": MemberRow,
    "client": ClientRow,
    "assignment": AssignmentRow,
    "contract": ContractRow,
    "hours": HoursReportRow,
    "meeting": MeetingRow,
    "membership_fee": MembershipFeeRow,
}


# --- errors --------------------------------------------------------------------------------


def _reason(error: BaseException) -> str:
    """The driver's message, shortened to its first informative line."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()[0] if str(original).strip() else type(error).__name__
    if "failed: " in text:
        text = text.rsplit("failed: ", 1)[1]
    text = re.sub(r"^(FATAL|ERROR):\s+", "", text).strip()
    return text[:1].lower() + text[1:]


# --- repositories --------------------------------------------------------------------------


class _SqlRepository(Generic[R]):
    """:class:`~kooperativ.storage.base.Repository` over one table."""

    def __init__(self, store: SqlStore, session: Session, kind: str, record_class: type[R]):
        self._store = store
        self._session = session
        self._kind = kind
        self._class = record_class
        self._row = ROW_CLASSES[kind]

    def _data(self, record_id: UUID) -> str | None:
        query = select(col(self._row.data)).where(col(self._row.id) == str(record_id))
        return self._store._run(lambda: self._session.exec(query).first())

    def _holder(self, number: int) -> str | None:
        query = select(col(self._row.id)).where(col(self._row.number) == number)
        return self._store._run(lambda: self._session.exec(query).first())

    def _write(self, statement: Any, record_id: UUID, number: int) -> None:
        """Run ``statement`` in a savepoint; a uniqueness violation becomes a ConflictError."""
        try:
            with self._store._translated(), self._session.begin_nested():
                self._session.execute(statement)
        except IntegrityError as error:
            if statement.is_insert and self._data(record_id) is not None:
                raise ConflictError(f"{self._kind} id {record_id} already exists") from None
            holder = self._holder(number)
            if holder is not None and holder != str(record_id):
                raise ConflictError(f"{self._kind} number {number} is already taken") from None
            raise ConflictError(f"{self._kind} {record_id}: {_reason(error)}") from None

    def add(self, record: R) -> None:
        record_id, number = _record_key(self._kind, record, self._class)
        values = {"id": str(record_id), "number": number, "data": record.canonical_json()}
        self._write(insert(self._row).values(values), record_id, number)

    def update(self, record: R) -> None:
        record_id, number = _record_key(self._kind, record, self._class)
        if self._data(record_id) is None:
            raise NotFoundError(self._kind, str(record_id))
        statement = (
            update(self._row)
            .where(col(self._row.id) == str(record_id))
            .values(number=number, data=record.canonical_json())
        )
        self._write(statement, record_id, number)

    def get(self, record_id: UUID) -> R:
        record = self.find(record_id)
        if record is None:
            raise NotFoundError(self._kind, str(record_id))
        return record

    def find(self, record_id: UUID) -> R | None:
        data = self._data(record_id)
        return None if data is None else self._class.model_validate_json(data)

    def by_number(self, number: int) -> R | None:
        query = select(col(self._row.data)).where(col(self._row.number) == number)
        data = self._store._run(lambda: self._session.exec(query).first())
        return None if data is None else self._class.model_validate_json(data)

    def list(self) -> list[R]:
        query = select(col(self._row.data)).order_by(col(self._row.number))
        rows = self._store._run(lambda: self._session.exec(query).all())
        return [self._class.model_validate_json(data) for data in rows]

    def next_number(self) -> int:
        query = select(func.max(col(self._row.number)))
        highest = self._store._run(lambda: self._session.exec(query).one())
        return (highest or 0) + 1


class _SqlAuditLog:
    """:class:`~kooperativ.storage.base.AuditLog` over the ``audit_events`` table."""

    def __init__(self, store: SqlStore, session: Session) -> None:
        self._store = store
        self._session = session

    def append(self, event: AuditEvent) -> None:
        highest = self._store._run(
            lambda: self._session.exec(select(func.max(col(AuditEventRow.seq)))).one()
        )
        expected = (highest or 0) + 1
        if event.seq != expected:
            raise ConflictError(f"audit event seq {event.seq} does not follow; expected {expected}")
        values = event.model_dump(mode="json")
        try:
            with self._store._translated(), self._session.begin_nested():
                self._session.execute(insert(AuditEventRow).values(values))
        except IntegrityError as error:
            raise ConflictError(f"audit event seq {event.seq}: {_reason(error)}") from None

    def _events(self, newest_only: bool) -> list[AuditEvent]:
        query = select(AuditEventRow)
        if newest_only:
            query = query.order_by(col(AuditEventRow.seq).desc()).limit(1)
        else:
            query = query.order_by(col(AuditEventRow.seq))
        rows = self._store._run(lambda: self._session.exec(query).all())
        return [AuditEvent.model_validate(row.model_dump()) for row in rows]

    def last(self) -> AuditEvent | None:
        newest = self._events(newest_only=True)
        return newest[0] if newest else None

    def events(self) -> Iterator[AuditEvent]:
        # Read in full so the iterator stays valid after the unit of work ends.
        return iter(self._events(newest_only=False))


class _SqlUnitOfWork:
    """:class:`~kooperativ.storage.base.UnitOfWork` sharing one session."""

    def __init__(self, store: SqlStore, session: Session) -> None:
        self._repositories: dict[str, _SqlRepository[Any]] = {
            kind: _SqlRepository(store, session, kind, record_class)
            for kind, record_class in ENTITY_KINDS.items()
        }
        self.members = cast(Repository[Member], self._repositories["member"])
        self.clients = cast(Repository[Client], self._repositories["client"])
        self.assignments = cast(Repository[Assignment], self._repositories["assignment"])
        self.contracts = cast(Repository[EmploymentContract], self._repositories["contract"])
        self.audit: AuditLog = _SqlAuditLog(store, session)
        self.ballot_boxes: BallotBoxes = _SqlBallotBoxes(store, session)  # governance

    def repository(self, kind: str) -> Repository[Record]:
        try:
            return cast(Repository[Record], self._repositories[kind])
        except KeyError:
            raise KeyError(f"unknown entity kind {kind!r}") from None


# --- the store -----------------------------------------------------------------------------

T = TypeVar("T")


def _sqlite_begin_immediate(engine: Engine) -> None:
    """Make pysqlite leave transactions to SQLAlchemy, and start them ``BEGIN IMMEDIATE``.

    pysqlite's own transaction handling does not cover DDL or SAVEPOINT; SQLAlchemy's
    documented recipe turns it off. ``IMMEDIATE`` takes the write lock up front so that
    numbers read with ``next_number()`` stay free until the unit of work commits.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class SqlStore:
    """A :class:`~kooperativ.storage.base.Store` on SQLite or PostgreSQL.

    Connecting is lazy: a bad URL or an unreachable server shows as a
    :class:`~kooperativ.errors.StorageError` on first use.

    Args:
        url: An SQLAlchemy URL: ``sqlite:///path/to/file.db`` (the folder must exist),
            ``sqlite://`` (in memory) or ``postgresql+psycopg://user@host:port/db``. Query
            parameters go to the driver, e.g. ``?options=-csearch_path%3Dmyschema`` to use
            a PostgreSQL schema other than ``public``.

    Raises:
        StorageError: If the URL cannot be parsed or names a driver that is not installed.
    """

    #: The Alembic revision this version of kooperativ expects.
    HEAD: ClassVar[str] = "0005"

    def __init__(self, url: str) -> None:
        self.url = mask_url(url)
        try:
            parsed = make_url(url)
            options: dict[str, Any] = {}
            if parsed.get_backend_name() == "sqlite":
                options["connect_args"] = {"check_same_thread": False}
                if parsed.database in (None, "", ":memory:"):
                    options["poolclass"] = StaticPool
            self._engine = create_engine(parsed, **options)
        except (ArgumentError, ValueError, ImportError, SQLAlchemyError) as error:
            raise StorageError(f"cannot open {self.url}: {error}") from None
        if self._engine.dialect.name == "sqlite":
            _sqlite_begin_immediate(self._engine)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for tools; prefer :meth:`unit_of_work`)."""
        return self._engine

    @contextmanager
    def _translated(self, connecting: bool = False) -> Iterator[None]:
        """Turn driver errors (other than integrity errors) into StorageError."""
        try:
            yield
        except IntegrityError:
            raise
        except (DBAPIError, SQLAlchemyError) as error:
            self._fail(error, connecting)

    def _fail(self, error: BaseException, connecting: bool) -> NoReturn:
        reason = _reason(error)
        if connecting:
            raise StorageError(f"cannot connect to {self.url}: {reason}") from None
        if re.search(r"no such table|relation .* does not exist", reason):
            raise StorageError(
                f"{self.url}: the database has no kooperativ tables ({reason}); "
                "run `kooperativ db upgrade`"
            ) from None
        raise StorageError(f"database error on {self.url}: {reason}") from None

    def _run(self, action: Callable[[], T]) -> T:
        with self._translated():
            return action()

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """A connection inside a transaction that commits when the block ends."""
        with self._translated(connecting=True):
            connection = self._engine.connect()
        try:
            with self._translated(), connection.begin():
                yield connection
        finally:
            connection.close()

    @contextmanager
    def _unit_of_work(self) -> Iterator[UnitOfWork]:
        session = Session(self._engine, expire_on_commit=False)
        try:
            with self._translated(connecting=True):
                session.connection()
            yield _SqlUnitOfWork(self, session)
            with self._translated():
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def unit_of_work(self) -> AbstractContextManager[UnitOfWork]:
        """One database transaction: committed when the block ends, rolled back if it raises.

        Raises:
            StorageError: If the database cannot be reached or refuses the transaction.
        """
        return self._unit_of_work()

    def _alembic_config(self, connection: Connection) -> Any:
        from alembic.config import Config

        config = Config()
        # configparser interpolation: a % in the path must be doubled.
        config.set_main_option("script_location", str(_MIGRATIONS).replace("%", "%%"))
        config.attributes["connection"] = connection
        return config

    def upgrade(self) -> None:
        """Bring the schema up to the newest migration (``alembic upgrade head``).

        Running it on an up-to-date database does nothing.

        Raises:
            StorageError: If the database cannot be reached or a migration fails.
        """
        from alembic import command

        with self._connection() as connection:
            command.upgrade(self._alembic_config(connection), "head")

    def current_revision(self) -> str | None:
        """The schema's Alembic revision, or ``None`` for a database never upgraded.

        Raises:
            StorageError: If the database cannot be reached.
        """
        from alembic.runtime.migration import MigrationContext

        with self._connection() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
        return revision

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def __repr__(self) -> str:
        return f"SqlStore({self.url!r})"

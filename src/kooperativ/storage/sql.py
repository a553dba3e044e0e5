# SPDX-License-Identifier: EUPL-1.2
"""The SQL storage backend: SQLite and PostgreSQL through SQLAlchemy 2.

Domain records are not table classes. The tables are generated from the list of record
kinds (:data:`kooperativ.storage.kinds.KINDS`): each kind's table has ``id`` (the UUID as
36-character text, primary key), ``number`` (the human number, unique), ``version``
(1 when added, one more on each update), ``data`` — the record's
:meth:`~kooperativ._model.Record.canonical_json` text — and the kind's indexed columns,
copied out of the record for queries. ``data`` is plain ``TEXT`` on purpose, not
``JSON``/``JSONB``: PostgreSQL's JSONB reorders keys and rewrites numbers, and the stored
text must stay byte for byte what ``canonical_json()`` produced, so that
:meth:`~kooperativ._model.Record.content_hash` of a record read back is the hash the audit
trail recorded, on every backend. A multi-valued reference (a contract's assignments) has
a link table of its own (``contract_assignments``).

The audit trail is the table ``audit_events`` with one column per field of
:class:`~kooperativ.audit.AuditEvent`. ``at`` is stored as the ISO 8601 text the event
serialises to (with its UTC offset), not as a ``TIMESTAMP``, because PostgreSQL would
return it in the session's time zone and SQLite would drop the offset, and either would
change the event's hash.

**Transactions.** A unit of work is one connection and one database transaction. A
*write* unit of work is serialised with every other writer of the same database for its
whole length: on PostgreSQL it first takes a transaction-scoped advisory lock
(``pg_advisory_xact_lock``) keyed by the schema, so cooperatives in different schemas or
databases do not wait for each other, and runs at ``READ COMMITTED`` so that everything it
reads after the lock is what the previous writer committed; on SQLite it starts with
``BEGIN IMMEDIATE``. A *read* unit of work takes no lock: on PostgreSQL it is a
``REPEATABLE READ, READ ONLY`` transaction (one snapshot), on SQLite a deferred
transaction in WAL mode, which readers and the writer do not block. A lock wait longer
than ``lock_timeout`` seconds is reported as "the database is busy" (a
:class:`~kooperativ.errors.ConcurrencyError`). Each ``add``/``update`` runs in a savepoint,
so a refused one leaves the rest of the unit of work intact, exactly like the in-memory
backend.

SQLite files are put in WAL mode with a busy timeout. A new SQLite file is created whole
(in a temporary file moved into place), so an empty (0-byte) file is never a kooperativ
database: it is refused rather than taken for a new cooperative.

The schema is managed by Alembic migrations shipped in ``kooperativ/storage/migrations``;
run :meth:`SqlStore.upgrade` (``kooperativ db upgrade``) before first use. Several
processes may run it at once: it holds a session advisory lock on PostgreSQL and the
write lock on SQLite, so the migrations run once.

>>> store = SqlStore("sqlite://")
>>> store.upgrade()
>>> with store.unit_of_work() as uow:
...     uow.clients.next_number()
1
>>> store.close()
"""

from __future__ import annotations

import builtins
import os
import re
import sqlite3
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar, Generic, NoReturn, TypeVar
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Engine,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    create_engine,
    delete,
    event,
    exists,
    false,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy import Column as SqlColumn
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeEngine

from kooperativ._model import Record
from kooperativ.absence.models import Absence
from kooperativ.access.models import Credential, LoginToken, WebSession
from kooperativ.accounts.ledger import Entry
from kooperativ.accounts.models import ClosedPeriod, Voucher
from kooperativ.assignments.models import Assignment
from kooperativ.audit import AuditEvent
from kooperativ.clients.models import Client
from kooperativ.employment.models import EmploymentContract, HoursReport
from kooperativ.errors import (
    ConcurrencyError,
    ConflictError,
    NotFoundError,
    Phrase,
    StorageError,
    Term,
)
from kooperativ.expenses.models import Expense
from kooperativ.expenses.salary_requests import SalaryRequest
from kooperativ.governance.meeting import Meeting
from kooperativ.governance.register import MembershipFee
from kooperativ.invoicing.models import Invoice
from kooperativ.members.models import Member
from kooperativ.payments.models import Payment
from kooperativ.payroll.runs import PayrollRun, Payslip
from kooperativ.projects.models import Grant, Project
from kooperativ.storage.base import (
    AbsenceRepository,
    AssignmentRepository,
    AuditLog,
    BallotBoxes,
    ClientRepository,
    ClosedPeriodRepository,
    ContractRepository,
    CredentialRepository,
    ExpenseRepository,
    GrantRepository,
    HoursRepository,
    InvoiceRepository,
    LoginTokenRepository,
    MeetingRepository,
    MemberRepository,
    MembershipFeeRepository,
    PaymentRepository,
    PayrollRunRepository,
    PayslipRepository,
    ProjectRepository,
    Repository,
    SalaryRequestRepository,
    StoredRecord,
    TransientConflict,
    TravelClaimRepository,
    UnitOfWork,
    VoucherRepository,
    WebSessionRepository,
)
from kooperativ.storage.kinds import KINDS, ColumnType, Kind, Link
from kooperativ.storage.memory import (
    read_only,
    record_key,
    refuse_payment_key,
    refuse_voucher_change,
)
from kooperativ.storage.query import (
    AnyOf,
    Compare,
    Condition,
    Dangling,
    Eq,
    HasLink,
    In,
    IsNull,
    LinkIn,
    Mentions,
    NotLinkedFrom,
    json_fragment,
)
from kooperativ.travel.claims import TravelClaim

__all__ = [
    "AUDIT_TABLE",
    "BALLOTS_TABLE",
    "LINK_TABLES",
    "METADATA",
    "TABLES",
    "VOUCHER_LINES_TABLE",
    "SqlStore",
    "mask_url",
]

R = TypeVar("R", bound=Record)
T = TypeVar("T")

_MIGRATIONS = Path(__file__).parent / "migrations"
_USERINFO_PASSWORD = re.compile(r"(?<=://)([^/:@]*):[^/@]*@")
_QUERY_PASSWORD = re.compile(r"(?i)(password=)[^&]*")

#: Advisory lock namespaces (the first key of PostgreSQL's two-key advisory locks): 'KOOP'
#: for the write lock, one more for the migrations lock.
WRITE_LOCK = 0x4B4F4F50
MIGRATION_LOCK = WRITE_LOCK + 1
# The second key: the current schema's name hashed to 32 bits with documented functions,
# so that cooperatives in different schemas do not wait for each other (advisory locks are
# per database already).
_SCHEMA_KEY = "('x' || substr(md5(coalesce(current_schema(), '')), 1, 8))::bit(32)::int"


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


# --- tables, generated from the list of kinds ----------------------------------------------

_TYPES: dict[ColumnType, Callable[[], TypeEngine[Any]]] = {
    "id": lambda: String(36),
    "text": Text,
    "date": Date,
    "int": Integer,
    "bool": Boolean,
}

#: The schema the migrations build, as SQLAlchemy metadata (checked against them in tests).
METADATA = MetaData()


def _record_table(kind: Kind) -> Table:
    name = kind.table
    return Table(
        name,
        METADATA,
        SqlColumn("id", String(36), nullable=False),
        SqlColumn("number", Integer, nullable=False),
        SqlColumn("data", Text, nullable=False),
        SqlColumn("version", Integer, nullable=False, server_default=text("1")),
        *(SqlColumn(column.name, _TYPES[column.type](), nullable=True) for column in kind.columns),
        PrimaryKeyConstraint("id", name=f"pk_{name}"),
        UniqueConstraint("number", name=f"uq_{name}_number"),
        CheckConstraint("number >= 1", name=f"ck_{name}_number_positive"),
        *(Index(f"ix_{name}_{column.name}", column.name) for column in kind.columns),
    )


def owner_column(kind: Kind) -> str:
    """The link tables' column holding the owning record's id (``contract_id``)."""
    return f"{kind.name}_id"


def _link_table(kind: Kind, link: Link) -> Table:
    owner = owner_column(kind)
    return Table(
        link.table,
        METADATA,
        SqlColumn(owner, String(36), nullable=False),
        SqlColumn(link.column, String(36), nullable=False),
        PrimaryKeyConstraint(owner, link.column, name=f"pk_{link.table}"),
        Index(f"ix_{link.table}_{link.column}", link.column),
    )


#: Entity kind → its table.
TABLES: dict[str, Table] = {name: _record_table(kind) for name, kind in KINDS.items()}
#: Link table name → table.
LINK_TABLES: dict[str, Table] = {
    link.table: _link_table(kind, link) for kind in KINDS.values() for link in kind.links
}

#: The audit trail.
AUDIT_TABLE = Table(
    "audit_events",
    METADATA,
    SqlColumn("seq", Integer, nullable=False, autoincrement=False),
    SqlColumn("id", String(36), nullable=False),
    SqlColumn("at", String(40), nullable=False),
    SqlColumn("actor", Text, nullable=False),
    SqlColumn("action", Text, nullable=False),
    SqlColumn("entity", Text, nullable=False),
    SqlColumn("entity_id", Text, nullable=False),
    SqlColumn("before_hash", String(64), nullable=True),
    SqlColumn("after_hash", String(64), nullable=True),
    SqlColumn("prev_hash", String(64), nullable=False),
    SqlColumn("hash", String(64), nullable=False),
    SqlColumn("mac", String(64), nullable=True),
    PrimaryKeyConstraint("seq", name="pk_audit_events"),
    UniqueConstraint("id", name="uq_audit_events_id"),
    CheckConstraint("seq >= 1", name="ck_audit_events_seq_positive"),
    Index("ix_audit_events_entity", "entity", "entity_id"),
    Index("ix_audit_events_actor", "actor"),
)


# --- the ledger ----------------------------------------------------------------------------

#: Table ``voucher_lines``: each line of each voucher, beside the voucher's record, so that
#: balances are sums the database computes. ``amount`` is in öre (an integer: debit
#: positive, credit negative). The two indexes cover the questions asked — an account's
#: sum up to a date, a member's sum on an account up to a date — without reading the table.
VOUCHER_LINES_TABLE = Table(
    "voucher_lines",
    METADATA,
    SqlColumn("voucher_id", String(36), nullable=False),
    SqlColumn("line", Integer, nullable=False),
    SqlColumn("number", Integer, nullable=False),
    SqlColumn("series", Text, nullable=False),
    SqlColumn("serial", Integer, nullable=False),
    SqlColumn("date", Date, nullable=False),
    SqlColumn("account", Integer, nullable=False),
    SqlColumn("member_id", String(36), nullable=True),
    SqlColumn("project_id", String(36), nullable=True),
    SqlColumn("amount", BigInteger, nullable=False),
    SqlColumn("text", Text, nullable=False),
    PrimaryKeyConstraint("voucher_id", "line", name="pk_voucher_lines"),
    Index("ix_voucher_lines_account", "account", "date", "amount"),
    Index("ix_voucher_lines_member", "member_id", "account", "date", "amount"),
    Index("ix_voucher_lines_project", "project_id", "account", "date", "amount"),
)

# A voucher's number in its series is unique: the last guard of the gapless series.
Index(
    "uq_vouchers_series_serial",
    TABLES["voucher"].c.series,
    TABLES["voucher"].c.serial,
    unique=True,
)

# --- end of the ledger ---------------------------------------------------------------------

# A payment's idempotency key is unique: the same bank transaction is stored once.
Index("uq_payments_key", TABLES["payment"].c.key, unique=True)


# --- ballot boxes (governance) -------------------------------------------------------------

#: Table ``ballots``: one ballot of a secret ballot's box, sealed. A random ``id``, the
#: box's name and the ballot: no timestamp, no sequence, no voter. ``WITHOUT ROWID`` on
#: SQLite, so not even a hidden row number records the order of insertion.
BALLOTS_TABLE = Table(
    "ballots",
    METADATA,
    SqlColumn("id", String(36), nullable=False),
    SqlColumn("box", Text, nullable=False),
    SqlColumn("ballot", Text, nullable=False),
    PrimaryKeyConstraint("id", name="pk_ballots"),
    Index("ix_ballots_box", "box"),
    sqlite_with_rowid=False,
)

# --- end of ballot boxes -------------------------------------------------------------------


# --- errors --------------------------------------------------------------------------------


def _reason(error: BaseException) -> str:
    """The driver's message, shortened to its first informative line."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()[0] if str(original).strip() else type(error).__name__
    if "failed: " in text:
        text = text.rsplit("failed: ", 1)[1]
    text = re.sub(r"^(FATAL|ERROR):\s+", "", text).strip()
    return text[:1].lower() + text[1:]


#: Driver messages a user meets, in words that can be translated (the drivers' own
#: texts are English): regular expression searched for → words.
_DRIVER_WORDS = (
    (r"file is not a database", "the file is not a database"),
    (r"unable to open database file", "unable to open the database file"),
    (r"[Cc]onnection refused", "connection refused (is the server running?)"),
    (r"password authentication failed", "the password was not accepted"),
    (r"database \S+ does not exist", "the database does not exist"),
    (r"could not translate host name|[Nn]ame or service not known", "unknown host name"),
    (r"timeout expired|timed out", "no answer in time"),
)


def _worded(reason: str) -> Phrase | str:
    """``reason`` (a driver's message) as words that can be translated, if known."""
    for pattern, words in _DRIVER_WORDS:
        if re.search(pattern, reason):
            return Phrase(words)
    return reason


def _sqlstate(error: BaseException) -> str | None:
    original = getattr(error, "orig", None)
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    return state if isinstance(state, str) else None


#: PostgreSQL: serialization_failure, deadlock_detected — the work may simply be run again.
_TRANSIENT_STATES = frozenset({"40001", "40P01"})
#: PostgreSQL lock_not_available (lock_timeout); SQLite's busy and locked errors.
_BUSY_STATES = frozenset({"55P03"})
_BUSY_TEXT = re.compile(r"database (table )?is (locked|busy)")


# --- records read ----------------------------------------------------------------------------


class _Parsed:
    """The records this process has read lately, by kind and id, with the text they came from.

    Parsing and validating a large record (a meeting holds its register snapshot: a few
    hundred members and their fees) costs far more than reading its text; a page that
    shows the meetings in progress reads the same, unchanged record again and again. A
    record is frozen, so the one parsed may be handed out again, but only for the very
    text it was parsed from: the stored text is compared whole, so a change by another
    process, a rolled-back write or a migration is never served from here. Only texts of
    :data:`_PARSED_FROM` characters or more are kept (small ones parse in microseconds),
    at most :data:`_PARSED_KEPT` of them, the least recently read going first.
    """

    def __init__(self) -> None:
        self._records: OrderedDict[tuple[str, str], tuple[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def record(self, record_class: type[R], kind: str, record_id: str, data: str) -> R:
        """The record stored as ``data``: the one parsed before from that text, else parsed."""
        if len(data) < _PARSED_FROM:
            return record_class.model_validate_json(data)
        key = (kind, record_id)
        with self._lock:
            found = self._records.get(key)
            if found is not None and found[0] == data:
                self._records.move_to_end(key)
                record: R = found[1]
                return record
        record = record_class.model_validate_json(data)
        with self._lock:
            self._records[key] = (data, record)
            self._records.move_to_end(key)
            while len(self._records) > _PARSED_KEPT:
                self._records.popitem(last=False)
        return record


#: The shortest stored text :class:`_Parsed` keeps the record of (characters).
_PARSED_FROM = 4096
#: How many parsed records :class:`_Parsed` keeps.
_PARSED_KEPT = 256


# --- repositories --------------------------------------------------------------------------


class _SqlRepository(Generic[R]):
    """:class:`~kooperativ.storage.base.Repository` over one generated table."""

    def __init__(self, uow: _SqlUnitOfWork, kind: Kind, record_class: type[R]) -> None:
        self._uow = uow
        self._store = uow.store
        self._connection = uow.connection
        self._kind = kind
        self._name = kind.name
        self._class = record_class
        self._table = TABLES[kind.name]
        self._versions: dict[str, int] = {}
        self._allocated: set[int] = set()
        self._written: set[str] = set()

    def _run(self, statement: Any) -> Any:
        return self._store.run(lambda: self._connection.execute(statement))

    # -- reading ----------------------------------------------------------------------------

    def _load(self, record_id: str, data: str, version: int) -> R:
        self._versions[record_id] = version
        return self._store.parsed.record(self._class, self._name, record_id, data)

    def _rows(self, *where: ColumnElement[bool], limit: int | None = None) -> list[R]:
        table = self._table
        query = (
            select(table.c.id, table.c.data, table.c.version).where(*where).order_by(table.c.number)
        )
        if limit is not None:
            query = query.limit(limit)
        return [self._load(*row) for row in self._run(query).all()]

    def get(self, record_id: UUID) -> R:
        record = self.find(record_id)
        if record is None:
            raise NotFoundError(self._name, str(record_id))
        return record

    def find(self, record_id: UUID) -> R | None:
        found = self._rows(self._table.c.id == str(record_id))
        return found[0] if found else None

    def by_number(self, number: int) -> R | None:
        found = self._rows(self._table.c.number == number)
        return found[0] if found else None

    def list(self) -> list[R]:
        return self._rows()

    def _clause(self, condition: Condition) -> ColumnElement[bool]:
        columns = self._table.c
        if isinstance(condition, Eq):
            return columns[self._kind.column(condition.column).name] == condition.value
        if isinstance(condition, In):
            if not condition.values:
                return false()
            return columns[self._kind.column(condition.column).name].in_(condition.values)
        if isinstance(condition, Compare):
            column = columns[self._kind.column(condition.column).name]
            operators: dict[str, Callable[[Any, Any], ColumnElement[bool]]] = {
                "<": lambda a, b: a < b,
                "<=": lambda a, b: a <= b,
                ">": lambda a, b: a > b,
                ">=": lambda a, b: a >= b,
            }
            return operators[condition.op](column, condition.value)
        if isinstance(condition, IsNull):
            column = columns[self._kind.column(condition.column).name]
            return column.is_(None) if condition.null else column.is_not(None)
        if isinstance(condition, AnyOf):
            return or_(*(self._clause(c) for c in condition.conditions))
        if isinstance(condition, HasLink):
            link = _link(self._kind, condition.link)
            table = LINK_TABLES[link.table]
            return exists(
                select(1).where(
                    table.c[owner_column(self._kind)] == columns.id,
                    table.c[link.column] == condition.value,
                )
            )
        if isinstance(condition, LinkIn):
            if not condition.values:
                return false()
            link = _link(self._kind, condition.link)
            table = LINK_TABLES[link.table]
            # Not correlated: the link table's index on the linked id finds the records'
            # ids once, instead of a look-up for every record.
            return columns.id.in_(
                select(table.c[owner_column(self._kind)]).where(
                    table.c[link.column].in_(condition.values)
                )
            )
        if isinstance(condition, NotLinkedFrom):
            link = _link(KINDS[condition.kind], condition.link)
            table = LINK_TABLES[link.table]
            return ~exists(select(1).where(table.c[link.column] == columns.id))
        if isinstance(condition, Dangling):
            column = columns[self._kind.column(condition.column).name]
            target = TABLES[condition.target]
            return and_(column.is_not(None), ~exists(select(1).where(target.c.id == column)))
        if isinstance(condition, Mentions):
            if not condition.texts:
                return false()
            # Exact, case-sensitive substring (SQLite's LIKE ignores case): strpos / instr.
            find = func.strpos if self._store.engine.dialect.name == "postgresql" else func.instr
            data = self._table.c.data
            return or_(*(find(data, json_fragment(text)) > 0 for text in condition.texts))
        raise TypeError(f"unknown condition {condition!r}")  # pragma: no cover

    def select(self, *conditions: Condition, limit: int | None = None) -> builtins.list[R]:
        return self._rows(*(self._clause(c) for c in conditions), limit=limit)

    def count(self) -> int:
        return int(self._run(select(func.count()).select_from(self._table)).scalar_one())

    def next_number(self) -> int:
        highest = self._run(select(func.max(self._table.c.number))).scalar_one()
        number = int(highest or 0) + 1
        self._allocated.add(number)
        return number

    def version(self, record_id: UUID) -> int | None:
        query = select(self._table.c.version).where(self._table.c.id == str(record_id))
        found = self._run(query).scalar_one_or_none()
        return None if found is None else int(found)

    def stored(self) -> Iterator[StoredRecord]:
        table = self._table
        links: dict[str, dict[str, list[str]]] = {}
        for link in self._kind.links:
            link_table = LINK_TABLES[link.table]
            by_owner: dict[str, list[str]] = {}
            owner = link_table.c[owner_column(self._kind)]
            query = select(owner, link_table.c[link.column]).order_by(
                owner, link_table.c[link.column]
            )
            for record_id, linked in self._run(query).all():
                by_owner.setdefault(record_id, []).append(linked)
            links[link.name] = by_owner
        names = [column.name for column in self._kind.columns]
        query = select(
            table.c.id, table.c.number, table.c.data, table.c.version, *(table.c[n] for n in names)
        ).order_by(table.c.number)
        rows = self._run(query).all()
        return iter(
            [
                StoredRecord(
                    self._name,
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    dict(zip(names, row[4:], strict=True)),
                    {name: tuple(found.get(row[0], ())) for name, found in links.items()},
                )
                for row in rows
            ]
        )

    # -- writing ----------------------------------------------------------------------------

    def _holder(self, number: int) -> str | None:
        query = select(self._table.c.id).where(self._table.c.number == number)
        found: str | None = self._run(query).scalar_one_or_none()
        return found

    def _number_conflict(self, number: int, record_id: str, error: IntegrityError) -> NoReturn:
        holder = self._holder(number)
        if holder is not None and holder != record_id:
            if number in self._allocated and holder not in self._written:
                raise TransientConflict(
                    "{kind} number {number} was taken by a concurrent change",
                    kind=Term(self._name),
                    number=number,
                ) from None
            raise ConflictError(
                "{kind} number {number} is already taken", kind=Term(self._name), number=number
            ) from None
        raise ConflictError(
            "{kind} {id}: {reason}", kind=Term(self._name), id=record_id, reason=_reason(error)
        ) from None

    def _write_links(self, record_id: str, record: R, replace: bool) -> None:
        for link in self._kind.links:
            table = LINK_TABLES[link.table]
            owner = owner_column(self._kind)
            if replace:
                self._connection.execute(delete(table).where(table.c[owner] == record_id))
            rows = [{owner: record_id, link.column: value} for value in link.values(record)]
            if rows:
                self._connection.execute(insert(table), rows)

    def add(self, record: R) -> None:
        record_uuid, number = record_key(self._name, record, self._class)
        if not self._uow.write:
            raise read_only(self._name)
        record_id = str(record_uuid)
        values = {
            "id": record_id,
            "number": number,
            "data": record.canonical_json(),
            "version": 1,
            **self._kind.values(record),
        }
        try:
            with self._store.translated(), self._connection.begin_nested():
                self._connection.execute(insert(self._table).values(values))
                self._write_links(record_id, record, replace=False)
        except IntegrityError as error:
            if self.version(record_uuid) is not None:
                raise ConflictError(
                    "{kind} id {id} already exists", kind=Term(self._name), id=record_id
                ) from None
            self._number_conflict(number, record_id, error)
        self._versions[record_id] = 1
        self._written.add(record_id)

    def update(self, record: R, *, expected_version: int | None = None) -> None:
        record_uuid, number = record_key(self._name, record, self._class)
        if not self._uow.write:
            raise read_only(self._name)
        record_id = str(record_uuid)
        expected = expected_version
        if expected is None:
            expected = self._versions.get(record_id)
        if expected is None:
            expected = self.version(record_uuid)
            if expected is None:
                raise NotFoundError(self._name, record_id)
        table = self._table
        statement = (
            update(table)
            .where(table.c.id == record_id, table.c.version == expected)
            .values(
                number=number,
                data=record.canonical_json(),
                version=expected + 1,
                **self._kind.values(record),
            )
        )
        changed = 0
        try:
            with self._store.translated(), self._connection.begin_nested():
                changed = self._connection.execute(statement).rowcount
                if changed == 1:
                    self._write_links(record_id, record, replace=True)
        except IntegrityError as error:
            self._number_conflict(number, record_id, error)
        if changed != 1:
            stored = self.version(record_uuid)
            if stored is None:
                raise NotFoundError(self._name, record_id)
            raise TransientConflict(
                "{kind} {key} was changed by someone else (version {stored}, expected {expected})",
                kind=Term(self._name),
                key=number,
                stored=stored,
                expected=expected,
            )
        self._versions[record_id] = expected + 1
        self._written.add(record_id)


def _link(kind: Kind, name: str) -> Link:
    for link in kind.links:
        if link.name == name:
            return link
    raise KeyError(f"{kind.name} has no link {name!r}")


class _Members(_SqlRepository[Member], MemberRepository):
    pass


class _Clients(_SqlRepository[Client], ClientRepository):
    pass


class _Assignments(_SqlRepository[Assignment], AssignmentRepository):
    pass


class _Contracts(_SqlRepository[EmploymentContract], ContractRepository):
    pass


class _Hours(_SqlRepository[HoursReport], HoursRepository):
    pass


class _Meetings(_SqlRepository[Meeting], MeetingRepository):
    pass


class _Invoices(_SqlRepository[Invoice], InvoiceRepository):
    pass


class _Fees(_SqlRepository[MembershipFee], MembershipFeeRepository):
    pass


class _Expenses(_SqlRepository[Expense], ExpenseRepository):
    pass


class _SalaryRequests(_SqlRepository[SalaryRequest], SalaryRequestRepository):
    pass


class _PayrollRuns(_SqlRepository[PayrollRun], PayrollRunRepository):
    pass


class _Payslips(_SqlRepository[Payslip], PayslipRepository):
    """Payslips, stored a run at a time in one batch insert (one savepoint, one
    ``executemany`` of a cached statement) rather than one statement per payslip."""

    def add_many(self, records: builtins.list[Payslip]) -> None:
        if not self._uow.write:
            raise read_only(self._name)
        keys: builtins.list[tuple[str, int]] = []
        rows: builtins.list[dict[str, Any]] = []
        for record in records:
            record_uuid, number = record_key(self._name, record, self._class)
            keys.append((str(record_uuid), number))
            rows.append(
                {
                    "id": str(record_uuid),
                    "number": number,
                    "data": record.canonical_json(),
                    "version": 1,
                    **self._kind.values(record),
                }
            )
        if not rows:
            return
        try:
            with self._store.translated(), self._connection.begin_nested():
                self._connection.execute(insert(self._table), rows)
        except IntegrityError as error:
            for record_id, number in keys:  # name the first record in the way, as add() would
                if self._holder(number) not in (None, record_id):
                    self._number_conflict(number, record_id, error)
            raise ConflictError(
                "{kind} {id}: {reason}", kind=Term(self._name), id=keys[0][0],
                reason=_reason(error),
            ) from None  # fmt: skip
        for record_id, _ in keys:
            self._versions[record_id] = 1
            self._written.add(record_id)

    def remove(self, record: Payslip) -> None:
        if not self._uow.write:
            raise read_only(self._name)
        record_id = str(record.id)
        statement = delete(self._table).where(self._table.c.id == record_id)
        if self._run(statement).rowcount != 1:
            raise NotFoundError(self._name, record_id)
        self._versions.pop(record_id, None)


class _TravelClaims(_SqlRepository[TravelClaim], TravelClaimRepository):
    pass


class _Credentials(_SqlRepository[Credential], CredentialRepository):
    pass


#: The kinds whose records may be deleted (cleaned up).
_Spent = TypeVar("_Spent", LoginToken, WebSession)


class _Removable(_SqlRepository[_Spent]):
    """A repository whose records may be deleted (cleaned up)."""

    def remove(self, record: _Spent) -> None:
        if not self._uow.write:
            raise read_only(self._name)
        record_id = str(record.id)
        statement = delete(self._table).where(self._table.c.id == record_id)
        if self._run(statement).rowcount != 1:
            raise NotFoundError(self._name, record_id)
        self._versions.pop(record_id, None)


class _LoginTokens(_Removable[LoginToken], LoginTokenRepository):
    pass


class _WebSessions(_Removable[WebSession], WebSessionRepository):
    pass


class _Payments(_SqlRepository[Payment], PaymentRepository):
    """Payments; the key is unique (a unique index, and a clear error before it)."""

    def _key_taken(self, record: Payment) -> None:
        found = self.by_key(record.key)
        if found is not None and found.id != record.id:
            raise refuse_payment_key(record.key)

    def add(self, record: Payment) -> None:
        if self._uow.write and isinstance(record, Payment):
            self._key_taken(record)
        super().add(record)

    def update(self, record: Payment, *, expected_version: int | None = None) -> None:
        if self._uow.write and isinstance(record, Payment):
            self._key_taken(record)
        super().update(record, expected_version=expected_version)


# --- the ledger ----------------------------------------------------------------------------


def _ore(amount: Decimal) -> int:
    """Kronor with two decimals → öre."""
    return int((amount * 100).to_integral_exact())


def _kronor(ore: object) -> Decimal:
    """A sum in öre (an int, or PostgreSQL's numeric) → kronor with two decimals."""
    return Decimal(int(str(ore or 0))).scaleb(-2)


class _Vouchers(_SqlRepository[Voucher], VoucherRepository):
    """Vouchers, with their lines in ``voucher_lines`` summed by the database.

    A write unit of work holds the write lock, so after it has read the highest number
    (of the ledger, of a series) only its own adds change it: it keeps them instead of
    asking the database again for each voucher it books.
    """

    def __init__(self, uow: _SqlUnitOfWork, kind: Kind, record_class: type[Voucher]) -> None:
        super().__init__(uow, kind, record_class)
        self._highest_number: int | None = None
        self._highest_serial: dict[str, int] = {}

    def add(self, record: Voucher) -> None:
        super().add(record)
        if self._highest_number is not None:
            self._highest_number = max(self._highest_number, record.number)
        if record.series in self._highest_serial:
            highest = self._highest_serial[record.series]
            self._highest_serial[record.series] = max(highest, record.serial)
        rows = [
            {
                "voucher_id": str(record.id),
                "line": index,
                "number": record.number,
                "series": record.series,
                "serial": record.serial,
                "date": record.date,
                "account": line.account,
                "member_id": None if line.member_id is None else str(line.member_id),
                "project_id": None if line.project_id is None else str(line.project_id),
                "amount": _ore(line.amount),
                "text": line.text or record.text,
            }
            for index, line in enumerate(record.lines, start=1)
        ]
        # executemany of one cached statement, not a statement compiled per voucher
        self._store.run(lambda: self._connection.execute(insert(VOUCHER_LINES_TABLE), rows))

    def update(self, record: Voucher, *, expected_version: int | None = None) -> None:
        if not self._uow.write:
            raise read_only(self._name)
        raise refuse_voucher_change(record.label)

    def next_number(self) -> int:
        if not self._uow.write or self._highest_number is None:
            number = super().next_number()
            if self._uow.write:
                self._highest_number = number - 1
            return number
        number = self._highest_number + 1
        self._allocated.add(number)
        return number

    def next_serial(self, series: str) -> int:
        if self._uow.write and series in self._highest_serial:
            return self._highest_serial[series] + 1
        table = self._table
        query = select(func.max(table.c.serial)).where(table.c.series == series)
        highest = int(self._run(query).scalar_one() or 0)
        if self._uow.write:
            self._highest_serial[series] = highest
        return highest + 1

    def balances_by_project(
        self,
        project_id: UUID,
        *,
        member_id: UUID | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> dict[int, Decimal]:
        lines = VOUCHER_LINES_TABLE.c
        query = (
            select(lines.account, func.sum(lines.amount))
            .where(lines.project_id == str(project_id), *self._where(None, member_id, since, until))
            .group_by(lines.account)
            .order_by(lines.account)
        )
        return {int(account): _kronor(total) for account, total in self._run(query).all()}

    @staticmethod
    def _where(
        account: int | None,
        member_id: UUID | None,
        since: date | None,
        until: date | None,
    ) -> list[ColumnElement[bool]]:
        lines = VOUCHER_LINES_TABLE.c
        where: list[ColumnElement[bool]] = []
        if account is not None:
            where.append(lines.account == account)
        if member_id is not None:
            where.append(lines.member_id == str(member_id))
        if since is not None:
            where.append(lines.date >= since)
        if until is not None:
            where.append(lines.date <= until)
        return where

    def balance(
        self,
        account: int,
        *,
        member_id: UUID | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Decimal:
        query = select(func.sum(VOUCHER_LINES_TABLE.c.amount)).where(
            *self._where(account, member_id, since, until)
        )
        return _kronor(self._run(query).scalar_one())

    def balances_by_account(
        self, *, since: date | None = None, until: date | None = None
    ) -> dict[int, Decimal]:
        lines = VOUCHER_LINES_TABLE.c
        query = (
            select(lines.account, func.sum(lines.amount))
            .where(*self._where(None, None, since, until))
            .group_by(lines.account)
            .order_by(lines.account)
        )
        return {int(account): _kronor(total) for account, total in self._run(query).all()}

    def balances_by_member(self, account: int, *, until: date | None = None) -> dict[UUID, Decimal]:
        lines = VOUCHER_LINES_TABLE.c
        query = (
            select(lines.member_id, func.sum(lines.amount))
            .where(lines.member_id.is_not(None), *self._where(account, None, None, until))
            .group_by(lines.member_id)
            .order_by(lines.member_id)
        )
        return {UUID(member): _kronor(total) for member, total in self._run(query).all()}

    def entries(
        self,
        *,
        account: int | None = None,
        member_id: UUID | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> builtins.list[Entry]:
        lines = VOUCHER_LINES_TABLE.c
        query = (
            select(
                lines.number,
                lines.series,
                lines.serial,
                lines.line,
                lines.date,
                lines.account,
                lines.amount,
                lines.member_id,
                lines.project_id,
                lines.text,
            )
            .where(*self._where(account, member_id, since, until))
            .order_by(lines.date, lines.number, lines.line)
        )
        return [
            Entry(
                int(number),
                series,
                int(serial),
                int(line),
                day,
                int(account_number),
                _kronor(amount),
                None if member is None else UUID(member),
                None if project is None else UUID(project),
                text_,
            )
            for (
                number,
                series,
                serial,
                line,
                day,
                account_number,
                amount,
                member,
                project,
                text_,
            ) in self._run(query).all()
        ]


class _ClosedPeriods(_SqlRepository[ClosedPeriod], ClosedPeriodRepository):
    pass


class _Projects(_SqlRepository[Project], ProjectRepository):
    pass


class _Grants(_SqlRepository[Grant], GrantRepository):
    pass


class _Absences(_SqlRepository[Absence], AbsenceRepository):
    pass


# --- end of the ledger ---------------------------------------------------------------------


class _SqlAuditLog:
    """:class:`~kooperativ.storage.base.AuditLog` over the ``audit_events`` table."""

    def __init__(self, uow: _SqlUnitOfWork) -> None:
        self._uow = uow
        self._store = uow.store
        self._connection = uow.connection
        self._appended: set[int] = set()
        # The newest seq as this unit of work last read or wrote it. A writer holds the
        # write lock, so nobody else appends meanwhile (and one who ignores the lock is
        # caught by the primary key).
        self._last_seq: int | None = None

    def _run(self, statement: Any) -> Any:
        return self._store.run(lambda: self._connection.execute(statement))

    def append(self, event: AuditEvent) -> None:
        if not self._uow.write:
            raise read_only("audit")
        if self._last_seq is None:
            highest = self._run(select(func.max(AUDIT_TABLE.c.seq))).scalar_one()
            self._last_seq = int(highest or 0)
        expected = self._last_seq + 1
        if event.seq != expected:
            if event.seq < expected and event.seq not in self._appended:
                raise TransientConflict(
                    "audit event seq {seq} was taken by a concurrent change", seq=event.seq
                )
            raise ConflictError(
                "audit event seq {seq} does not follow; expected {expected}",
                seq=event.seq,
                expected=expected,
            )
        values = event.model_dump(mode="json")
        # No savepoint: the sequence was checked above, so a refused insert means another
        # writer got in, and the unit of work is lost anyway.
        try:
            with self._store.translated():
                # one cached statement with parameters, not one compiled per event
                self._connection.execute(insert(AUDIT_TABLE), values)
        except IntegrityError as error:
            if event.seq in self._appended:
                raise ConflictError(
                    "audit event seq {seq}: {reason}", seq=event.seq, reason=_reason(error)
                ) from None
            raise TransientConflict(
                "audit event seq {seq} was taken by a concurrent change", seq=event.seq
            ) from None
        self._appended.add(event.seq)
        self._last_seq = event.seq

    def _events(self, *where: ColumnElement[bool], newest_only: bool = False) -> list[AuditEvent]:
        query = select(AUDIT_TABLE).where(*where)
        if newest_only:
            query = query.order_by(AUDIT_TABLE.c.seq.desc()).limit(1)
        else:
            query = query.order_by(AUDIT_TABLE.c.seq)
        rows = self._run(query).mappings().all()
        return [AuditEvent.model_validate(dict(row)) for row in rows]

    def last(self) -> AuditEvent | None:
        newest = self._events(newest_only=True)
        self._last_seq = newest[0].seq if newest else 0
        return newest[0] if newest else None

    def events(self) -> Iterator[AuditEvent]:
        # Read in full so the iterator stays valid after the unit of work ends.
        return iter(self._events())

    def latest(self, entity: str) -> dict[str, AuditEvent]:
        return {event.entity_id: event for event in self._events(AUDIT_TABLE.c.entity == entity)}

    def about(
        self, records: Mapping[str, Collection[str]], *, actors: Collection[str] = ()
    ) -> list[AuditEvent]:
        columns = AUDIT_TABLE.c
        wanted: list[ColumnElement[bool]] = [
            and_(columns.entity == entity, columns.entity_id.in_(sorted(ids)))
            for entity, ids in sorted(records.items())
            if ids
        ]
        if actors:
            wanted.append(columns.actor.in_(sorted(set(actors))))
        return self._events(or_(*wanted)) if wanted else []

    def stored(self) -> Iterator[dict[str, object]]:
        rows = self._run(select(AUDIT_TABLE).order_by(AUDIT_TABLE.c.seq)).mappings().all()
        return iter([dict(row) for row in rows])


# --- ballot boxes (governance) -------------------------------------------------------------


class _SqlBallotBoxes:
    """:class:`~kooperativ.storage.base.BallotBoxes` over the ``ballots`` table."""

    def __init__(self, uow: _SqlUnitOfWork) -> None:
        self._uow = uow
        self._store = uow.store
        self._connection = uow.connection

    def _run(self, statement: Any) -> Any:
        return self._store.run(lambda: self._connection.execute(statement))

    def put(self, box: str, ballot: str) -> None:
        if not self._uow.write:
            raise read_only("ballot box")
        self._run(insert(BALLOTS_TABLE).values(id=str(uuid.uuid4()), box=box, ballot=ballot))

    def count(self, box: str) -> int:
        query = select(func.count()).select_from(BALLOTS_TABLE).where(BALLOTS_TABLE.c.box == box)
        return int(self._run(query).scalar_one())

    def take(self, box: str) -> builtins.list[str]:
        if not self._uow.write:
            raise read_only("ballot box")
        query = select(BALLOTS_TABLE.c.ballot).where(BALLOTS_TABLE.c.box == box)
        ballots = sorted(str(row) for row in self._run(query).scalars().all())
        self._run(delete(BALLOTS_TABLE).where(BALLOTS_TABLE.c.box == box))
        return ballots


# --- end of ballot boxes -------------------------------------------------------------------


class _SqlUnitOfWork:
    """:class:`~kooperativ.storage.base.UnitOfWork` sharing one connection."""

    def __init__(self, store: SqlStore, connection: Connection, write: bool) -> None:
        self.store = store
        self.connection = connection
        self.write = write
        self.members: MemberRepository = _Members(self, KINDS["member"], Member)
        self.clients: ClientRepository = _Clients(self, KINDS["client"], Client)
        self.assignments: AssignmentRepository = _Assignments(self, KINDS["assignment"], Assignment)
        self.contracts: ContractRepository = _Contracts(self, KINDS["contract"], EmploymentContract)
        self.hours: HoursRepository = _Hours(self, KINDS["hours"], HoursReport)
        self.meetings: MeetingRepository = _Meetings(self, KINDS["meeting"], Meeting)
        self.membership_fees: MembershipFeeRepository = _Fees(
            self, KINDS["membership_fee"], MembershipFee
        )
        self.invoices: InvoiceRepository = _Invoices(self, KINDS["invoice"], Invoice)
        self.payments: PaymentRepository = _Payments(self, KINDS["payment"], Payment)
        self.vouchers: VoucherRepository = _Vouchers(self, KINDS["voucher"], Voucher)
        self.closed_periods: ClosedPeriodRepository = _ClosedPeriods(
            self, KINDS["closed_period"], ClosedPeriod
        )
        self.expenses: ExpenseRepository = _Expenses(self, KINDS["expense"], Expense)
        self.salary_requests: SalaryRequestRepository = _SalaryRequests(
            self, KINDS["salary_request"], SalaryRequest
        )
        self.payroll_runs: PayrollRunRepository = _PayrollRuns(
            self, KINDS["payroll_run"], PayrollRun
        )
        self.payslips: PayslipRepository = _Payslips(self, KINDS["payslip"], Payslip)
        self.travel_claims: TravelClaimRepository = _TravelClaims(
            self, KINDS["travel_claim"], TravelClaim
        )
        self.credentials: CredentialRepository = _Credentials(self, KINDS["credential"], Credential)
        self.login_tokens: LoginTokenRepository = _LoginTokens(
            self, KINDS["login_token"], LoginToken
        )
        self.web_sessions: WebSessionRepository = _WebSessions(
            self, KINDS["web_session"], WebSession
        )
        self.projects: ProjectRepository = _Projects(self, KINDS["project"], Project)
        self.grants: GrantRepository = _Grants(self, KINDS["grant"], Grant)
        self.absences: AbsenceRepository = _Absences(self, KINDS["absence"], Absence)
        self.audit: AuditLog = _SqlAuditLog(self)
        self.ballot_boxes: BallotBoxes = _SqlBallotBoxes(self)  # governance

    def repository(self, kind: str) -> Repository[Record]:
        if kind not in KINDS:
            raise KeyError(f"unknown entity kind {kind!r}")
        found: Repository[Any] = getattr(self, KINDS[kind].attribute)
        return found


# --- the store -----------------------------------------------------------------------------


def _sqlite_setup(engine: Engine, busy_timeout: float) -> None:
    """Make pysqlite leave transactions to SQLAlchemy; WAL, busy timeout, begin per mode.

    pysqlite's own transaction handling does not cover DDL or SAVEPOINT; SQLAlchemy's
    documented recipe turns it off. A write unit of work starts ``BEGIN IMMEDIATE``, which
    takes the write lock up front so that numbers read with ``next_number()`` stay free
    until it commits; a read starts a deferred ``BEGIN``, which in WAL mode takes no lock
    a writer waits for.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        # If another connection holds a lock, a later connection switches to WAL.
        with suppress(sqlite3.OperationalError):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("kooperativ_write", True)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _create_sqlite_file(path: Path) -> None:
    """Create a new, empty SQLite database at ``path`` whole, never visible half made.

    The database is made in a temporary file beside it (in WAL mode, which writes its
    header) and linked into place; if another process created ``path`` meanwhile, that
    one is kept.
    """
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
        finally:
            connection.close()
        with suppress(FileExistsError):  # another process made it first: keep theirs
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class _ReadFailed(Exception):
    """Ends a shared read transaction in which a read raised (it is rolled back)."""


class _Sharing:
    """The read transaction that read units of work share in :meth:`SqlStore.reading`."""

    def __init__(self) -> None:
        self._open: AbstractContextManager[UnitOfWork] | None = None
        self._uow: UnitOfWork | None = None
        self._users = 0
        self._stale = False
        self._failed = False

    def take(
        self, opening: Callable[[], AbstractContextManager[UnitOfWork]]
    ) -> AbstractContextManager[UnitOfWork] | None:
        """The shared unit of work to read in, opened if need be; ``None`` when a write
        since it was opened is not over yet (the caller opens one of its own)."""
        if self._stale:
            if self._users:
                return None
            self.end()
        if self._uow is None:
            self._open = opening()
            self._uow = self._open.__enter__()
        return self._using(self._uow)

    @contextmanager
    def _using(self, uow: UnitOfWork) -> Iterator[UnitOfWork]:
        self._users += 1
        try:
            yield uow
        except BaseException:
            self._stale = self._failed = True
            raise
        finally:
            self._users -= 1

    def written(self) -> None:
        """A write began: the reads after it must see it, so they need a new snapshot."""
        if self._uow is not None:
            self._stale = True

    def end(self) -> None:
        """Close the shared transaction: rolled back if a read in it raised, else committed
        (nothing was written in it)."""
        opened, failed = self._open, self._failed
        self._open, self._uow, self._stale, self._failed = None, None, False, False
        if opened is None:
            return
        if failed:
            opened.__exit__(_ReadFailed, _ReadFailed(), None)
        else:
            opened.__exit__(None, None, None)


class SqlStore:
    """A :class:`~kooperativ.storage.base.Store` on SQLite or PostgreSQL.

    Connecting is lazy: a bad URL or an unreachable server shows as a
    :class:`~kooperativ.errors.StorageError` on first use.

    Args:
        url: An SQLAlchemy URL: ``sqlite:///path/to/file.db`` (the folder must exist),
            ``sqlite://`` (in memory) or ``postgresql+psycopg://user@host:port/db``. Query
            parameters go to the driver, e.g. ``?options=-csearch_path%3Dmyschema`` to use
            a PostgreSQL schema other than ``public``.
        lock_timeout: How many seconds a unit of work waits for the write lock (or a
            SQLite lock) before giving up with "the database is busy".

    Raises:
        StorageError: If the URL cannot be parsed or names a driver that is not installed.
    """

    #: The Alembic revision this version of kooperativ expects.
    HEAD: ClassVar[str] = "0016"

    def __init__(self, url: str, *, lock_timeout: float = 15.0) -> None:
        self.url = mask_url(url)
        self.lock_timeout = lock_timeout
        self._file: Path | None = None
        self._prepared = False
        self._local = threading.local()
        #: Large records parsed lately (see :class:`_Parsed`).
        self.parsed = _Parsed()
        self._shared_connection_lock: threading.RLock | None = None
        try:
            parsed = make_url(url)
            options: dict[str, Any] = {}
            if parsed.get_backend_name() == "sqlite":
                options["connect_args"] = {"check_same_thread": False, "timeout": lock_timeout}
                if parsed.database in (None, "", ":memory:"):
                    options["poolclass"] = StaticPool
                    self._shared_connection_lock = threading.RLock()
                elif not parsed.database.startswith("file:"):
                    self._file = Path(parsed.database)
            else:
                options["isolation_level"] = "READ COMMITTED"
            self._engine = create_engine(parsed, **options)
        except (ArgumentError, ValueError, ImportError, SQLAlchemyError) as error:
            raise StorageError(
                "cannot open {url}: {reason}", url=self.url, reason=_worded(str(error))
            ) from None
        self._postgres = self._engine.dialect.name == "postgresql"
        if self._engine.dialect.name == "sqlite":
            _sqlite_setup(self._engine, lock_timeout)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for tools; prefer :meth:`unit_of_work`)."""
        return self._engine

    # -- errors -----------------------------------------------------------------------------

    @contextmanager
    def translated(self, connecting: bool = False) -> Iterator[None]:
        """Turn driver errors (other than integrity errors) into kooperativ errors."""
        try:
            yield
        except IntegrityError:
            raise
        except (DBAPIError, SQLAlchemyError) as error:
            self._fail(error, connecting)

    def _fail(self, error: BaseException, connecting: bool) -> NoReturn:
        reason = _reason(error)
        state = _sqlstate(error)
        if state in _BUSY_STATES or _BUSY_TEXT.search(reason):
            raise ConcurrencyError(
                "the database is busy: another change held the lock for more than {seconds} s "
                "({reason}); try again",
                seconds=f"{self.lock_timeout:g}",
                reason=reason,
            ) from None
        if state in _TRANSIENT_STATES:
            raise TransientConflict(
                "the database refused a change that conflicts with a concurrent one ({reason})",
                reason=reason,
            ) from None
        if connecting:
            raise StorageError(
                "cannot connect to {url}: {reason}", url=self.url, reason=_worded(reason)
            ) from None
        if re.search(r"no such table|relation .* does not exist", reason):
            raise StorageError(
                "{url}: the database has no kooperativ tables ({reason}); "
                "run `kooperativ db upgrade`",
                url=self.url,
                reason=reason,
            ) from None
        raise StorageError(
            "database error on {url}: {reason}", url=self.url, reason=reason
        ) from None

    def run(self, action: Callable[[], T]) -> T:
        """Run ``action`` with driver errors turned into kooperativ errors."""
        with self.translated():
            return action()

    # -- connections ------------------------------------------------------------------------

    def _prepare(self) -> None:
        """Refuse an empty SQLite file; create a missing one whole (see the module doc)."""
        if self._prepared or self._file is None:
            return
        path = self._file
        try:
            if path.exists():
                if path.is_file() and path.stat().st_size == 0:
                    raise StorageError(
                        "{path} is an empty file, not a kooperativ database: restore it from "
                        "a backup, or delete it to start a new database",
                        path=str(path),
                    )
            elif path.parent.is_dir():
                _create_sqlite_file(path)
        except (OSError, sqlite3.Error) as error:
            raise StorageError(
                "cannot connect to {url}: {reason}", url=self.url, reason=_worded(str(error))
            ) from None
        self._prepared = True

    def _connect(self) -> Connection:
        self._prepare()
        with self.translated(connecting=True):
            return self._engine.connect()

    @contextmanager
    def _exclusive(self, write: bool) -> Iterator[None]:
        """Refuse nesting a write unit of work (it would wait for itself); guard ``sqlite://``."""
        depth: int = getattr(self._local, "depth", 0)
        writing: bool = getattr(self._local, "writing", False)
        if (write and writing) or (self._shared_connection_lock is not None and depth):
            raise StorageError("{url}: units of work do not nest", url=self.url)
        self._local.depth = depth + 1
        self._local.writing = writing or write
        try:
            if self._shared_connection_lock is None:
                yield
            else:
                with self._shared_connection_lock:
                    yield
        finally:
            self._local.depth = depth
            self._local.writing = writing

    def _begin(self, connection: Connection, write: bool) -> None:
        """Start the transaction: the write lock for a writer, one snapshot for a reader."""
        connection.execution_options(kooperativ_write=write)
        connection.begin()
        if not self._postgres:
            return  # SQLite: BEGIN IMMEDIATE / BEGIN, in the "begin" event
        if write:
            # One round trip: how long to wait, and the wait. The timeout stays for the
            # transaction (another lock a writer might wait for is a migration's).
            milliseconds = max(1, int(self.lock_timeout * 1000))
            connection.exec_driver_sql(
                f"SET LOCAL lock_timeout = {milliseconds}; "
                f"SELECT pg_advisory_xact_lock({WRITE_LOCK}, {_SCHEMA_KEY})"
            )
        else:
            connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    @contextmanager
    def _unit_of_work(self, write: bool) -> Iterator[UnitOfWork]:
        sharing: _Sharing | None = getattr(self._local, "sharing", None)
        if sharing is not None and write:
            sharing.written()
            try:
                with self._transaction(True) as uow:
                    yield uow
            finally:
                sharing.written()  # also a snapshot taken by a read inside the write
            return
        shared = None if sharing is None else sharing.take(lambda: self._transaction(False))
        if shared is not None:
            with shared as uow:
                yield uow
            return
        with self._transaction(write) as uow:
            yield uow

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Let the read units of work this thread opens in the block share one transaction.

        A page that asks several services for what it shows would otherwise open a read
        transaction for each; in the block they read from one snapshot, taken at the first
        read, and so also agree with each other. A write unit of work in the block is its
        own transaction as always, and the reads after it start a new snapshot that sees
        it. A read that raises ends the shared transaction (the next read starts a new
        one). Nested blocks are one block; on ``sqlite://`` (one connection for all) the
        block changes nothing.
        """
        if self._shared_connection_lock is not None or getattr(self._local, "sharing", None):
            yield
            return
        sharing = _Sharing()
        self._local.sharing = sharing
        try:
            yield
        finally:
            self._local.sharing = None
            sharing.end()

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[UnitOfWork]:
        with self._exclusive(write):
            connection = self._connect()
            try:
                with self.translated():
                    self._begin(connection, write)
                yield _SqlUnitOfWork(self, connection, write)
                with self.translated():
                    connection.commit()
            except BaseException:
                connection.rollback()
                raise
            finally:
                connection.close()

    def unit_of_work(self, *, write: bool = True) -> AbstractContextManager[UnitOfWork]:
        """One database transaction: committed when the block ends, rolled back if it raises.

        Args:
            write: ``True``: serialised with every other writer (see the module doc).
                ``False``: a read from one snapshot that takes no write lock; writing in
                it raises :class:`~kooperativ.errors.StorageError`.

        Raises:
            StorageError: If the database cannot be reached or refuses the transaction, or
                if a write unit of work is opened inside another in the same thread.
            ConcurrencyError: If the write lock was not free within ``lock_timeout``.
        """
        return self._unit_of_work(write)

    # -- schema -----------------------------------------------------------------------------

    def _alembic_config(self, connection: Connection) -> Any:
        from alembic.config import Config

        config = Config()
        # configparser interpolation: a % in the path must be doubled.
        config.set_main_option("script_location", str(_MIGRATIONS).replace("%", "%%"))
        config.attributes["connection"] = connection
        return config

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema up to the newest migration (``alembic upgrade head``).

        Running it on an up-to-date database does nothing. Several processes may run it at
        once on the same, even empty, database: the migrations run in one of them, while
        the others wait (PostgreSQL: a session advisory lock; SQLite: the write lock) and
        then find nothing left to do.

        Args:
            revision: The revision to go to (tests of a migration stop before it).

        Raises:
            StorageError: If the database cannot be reached or a migration fails.
        """
        from alembic import command

        with self._exclusive(True):
            connection = self._connect()
            try:
                with self.translated():
                    if self._postgres:
                        connection.execute(
                            text(f"SELECT pg_advisory_lock(:space, {_SCHEMA_KEY})"),
                            {"space": MIGRATION_LOCK},
                        )
                        connection.commit()
                    try:
                        with connection.begin():
                            command.upgrade(self._alembic_config(connection), revision)
                    finally:
                        if self._postgres:
                            connection.execute(
                                text(f"SELECT pg_advisory_unlock(:space, {_SCHEMA_KEY})"),
                                {"space": MIGRATION_LOCK},
                            )
                            connection.commit()
            finally:
                connection.close()

    def current_revision(self) -> str | None:
        """The schema's Alembic revision, or ``None`` for a database never upgraded.

        Raises:
            StorageError: If the database cannot be reached.
        """
        from alembic.runtime.migration import MigrationContext

        with self._exclusive(False):
            connection = self._connect()
            try:
                with self.translated():
                    connection.execution_options(kooperativ_write=False)
                    with connection.begin():
                        revision = MigrationContext.configure(connection).get_current_revision()
            finally:
                connection.close()
        return revision

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def __repr__(self) -> str:
        return f"SqlStore({self.url!r})"

# SPDX-License-Identifier: EUPL-1.2
"""An in-memory storage backend, for tests and for embedding.

Records are kept as their canonical JSON text (see :meth:`kooperativ._model.Record.canonical_json`)
and parsed again on every read, exactly as the SQL backend does, so a record that would not
survive a trip through a database does not survive this one either. Beside each record it
keeps the indexed columns and links that :mod:`kooperativ.storage.kinds` declares, and
answers queries from them.

A write unit of work works on a copy of the data and swaps it in only when the block ends
without an exception; write units of work are serialised by a lock (one at a time across
threads) and do not nest. A read unit of work (``write=False``) reads the data as last
committed, takes no lock and may not write.

>>> from kooperativ.storage.memory import MemoryStore
>>> store = MemoryStore()
>>> with store.unit_of_work() as uow:
...     uow.members.next_number()
1
"""

from __future__ import annotations

import builtins
import json
import threading
from collections.abc import Collection, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, Generic, TypeVar
from uuid import UUID, uuid4

from kooperativ._model import Record
from kooperativ.absence.models import Absence
from kooperativ.access.models import Credential, LoginToken, WebSession
from kooperativ.accounts.ledger import Entry, entries_of
from kooperativ.accounts.models import ClosedPeriod, Voucher
from kooperativ.assignments.models import Assignment
from kooperativ.audit import AuditEvent
from kooperativ.clients.models import Client
from kooperativ.employment.models import EmploymentContract, HoursReport
from kooperativ.errors import ConflictError, NotFoundError, StorageError, Term
from kooperativ.expenses.models import Expense
from kooperativ.expenses.salary_requests import SalaryRequest
from kooperativ.governance.meeting import Meeting
from kooperativ.governance.register import MembershipFee
from kooperativ.invoicing.models import Invoice
from kooperativ.members.models import Member
from kooperativ.money import ZERO_ORE
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
from kooperativ.storage.kinds import KINDS, Kind, Value
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

__all__ = ["MemoryStore", "record_key"]

R = TypeVar("R", bound=Record)


def record_key(kind: str, record: Record, record_class: type[Record]) -> tuple[UUID, int]:
    """The ``(id, number)`` of ``record``, checking that it is of the repository's kind.

    Args:
        kind: The entity kind, for the error message.
        record: The record to store.
        record_class: The class the repository holds.

    Raises:
        TypeError: If ``record`` is not a ``record_class`` (a programming error).
    """
    if not isinstance(record, record_class):
        raise TypeError(
            f"the {kind} repository stores {record_class.__name__} records, not "
            f"{type(record).__name__}"
        )
    record_id = getattr(record, "id", None)
    number = getattr(record, "number", None)
    if not isinstance(record_id, UUID) or not isinstance(number, int):
        raise TypeError(f"a {kind} record needs a UUID id and an int number")
    return record_id, number


def read_only(kind: str) -> StorageError:
    """The error for a write attempted in a read unit of work (a programming error)."""
    return StorageError(
        "{kind}: a read-only unit of work cannot write (use write=True)", kind=Term(kind)
    )


@dataclass(frozen=True, order=True)
class _Row:
    """A stored record; rows order by number (unique), like the SQL tables."""

    number: int
    data: str
    version: int
    columns: dict[str, Value]
    links: dict[str, tuple[str, ...]]


@dataclass
class _Table:
    """One kind's records: id → row, and the number index."""

    rows: dict[str, _Row] = field(default_factory=dict)
    numbers: dict[int, str] = field(default_factory=dict)

    def copy(self) -> _Table:
        return _Table(dict(self.rows), dict(self.numbers))


@dataclass
class _State:
    tables: dict[str, _Table]
    audit: list[str]
    boxes: dict[str, dict[str, str]] = field(default_factory=dict)  # governance: ballot boxes

    def copy(self) -> _State:
        return _State(
            {kind: t.copy() for kind, t in self.tables.items()},
            list(self.audit),
            {box: dict(rows) for box, rows in self.boxes.items()},
        )


def _compare(left: Value, op: str, right: Value) -> bool:
    if left is None or right is None:
        return False
    a: Any = left
    b: Any = right
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    return bool(a >= b)


class _MemoryRepository(Generic[R]):
    """:class:`~kooperativ.storage.base.Repository` over a :class:`_Table`."""

    def __init__(self, kind: Kind, record_class: type[R], state: _State, write: bool) -> None:
        self._kind = kind
        self._name = kind.name
        self._class = record_class
        self._state = state
        self._table = state.tables[kind.name]
        self._write = write
        self._versions: dict[str, int] = {}
        self._allocated: set[int] = set()
        self._written: set[str] = set()

    # -- reading ----------------------------------------------------------------------------

    def _load(self, record_id: str, row: _Row) -> R:
        self._versions[record_id] = row.version
        return self._class.model_validate_json(row.data)

    def get(self, record_id: UUID) -> R:
        record = self.find(record_id)
        if record is None:
            raise NotFoundError(self._name, str(record_id))
        return record

    def find(self, record_id: UUID) -> R | None:
        row = self._table.rows.get(str(record_id))
        return None if row is None else self._load(str(record_id), row)

    def by_number(self, number: int) -> R | None:
        record_id = self._table.numbers.get(number)
        return None if record_id is None else self.find(UUID(record_id))

    def _ordered(self) -> list[tuple[str, _Row]]:
        return sorted(self._table.rows.items(), key=lambda item: item[1].number)

    def list(self) -> list[R]:
        return [self._load(record_id, row) for record_id, row in self._ordered()]

    def _holds(self, record_id: str, row: _Row, condition: Condition) -> bool:
        if isinstance(condition, Eq):
            value = row.columns[self._kind.column(condition.column).name]
            return value is not None and value == condition.value
        if isinstance(condition, In):
            value = row.columns[self._kind.column(condition.column).name]
            return value is not None and value in condition.values
        if isinstance(condition, Compare):
            value = row.columns[self._kind.column(condition.column).name]
            return _compare(value, condition.op, condition.value)
        if isinstance(condition, IsNull):
            value = row.columns[self._kind.column(condition.column).name]
            return (value is None) is condition.null
        if isinstance(condition, AnyOf):
            return any(self._holds(record_id, row, c) for c in condition.conditions)
        if isinstance(condition, HasLink):
            return condition.value in row.links[condition.link]
        if isinstance(condition, LinkIn):
            return not set(row.links[condition.link]).isdisjoint(condition.values)
        if isinstance(condition, NotLinkedFrom):
            others = self._state.tables[condition.kind].rows.values()
            return not any(record_id in other.links[condition.link] for other in others)
        if isinstance(condition, Dangling):
            value = row.columns[self._kind.column(condition.column).name]
            return value is not None and str(value) not in self._state.tables[condition.target].rows
        if isinstance(condition, Mentions):
            return any(json_fragment(text) in row.data for text in condition.texts)
        raise TypeError(f"unknown condition {condition!r}")  # pragma: no cover

    def select(self, *conditions: Condition, limit: int | None = None) -> builtins.list[R]:
        found: builtins.list[R] = []
        for record_id, row in self._ordered():
            if all(self._holds(record_id, row, condition) for condition in conditions):
                found.append(self._load(record_id, row))
                if limit is not None and len(found) >= limit:
                    break
        return found

    def count(self) -> int:
        return len(self._table.rows)

    def next_number(self) -> int:
        number = max(self._table.numbers, default=0) + 1
        self._allocated.add(number)
        return number

    def version(self, record_id: UUID) -> int | None:
        row = self._table.rows.get(str(record_id))
        return None if row is None else row.version

    def stored(self) -> Iterator[StoredRecord]:
        for record_id, row in self._ordered():
            yield StoredRecord(
                self._name,
                record_id,
                row.number,
                row.data,
                row.version,
                dict(row.columns),
                {name: tuple(sorted(ids)) for name, ids in row.links.items()},
            )

    # -- writing ----------------------------------------------------------------------------

    def _row(self, record: R, number: int, version: int) -> _Row:
        return _Row(
            number,
            record.canonical_json(),
            version,
            self._kind.values(record),
            {link.name: link.values(record) for link in self._kind.links},
        )

    def _number_taken(self, number: int, record_id: str) -> None:
        holder = self._table.numbers.get(number)
        if holder is None or holder == record_id:
            return
        if number in self._allocated and holder not in self._written:
            raise TransientConflict(
                "{kind} number {number} was taken by a concurrent change",
                kind=Term(self._name),
                number=number,
            )
        raise ConflictError(
            "{kind} number {number} is already taken", kind=Term(self._name), number=number
        )

    def add(self, record: R) -> None:
        record_uuid, number = record_key(self._name, record, self._class)
        if not self._write:
            raise read_only(self._name)
        record_id = str(record_uuid)
        if record_id in self._table.rows:
            raise ConflictError(
                "{kind} id {id} already exists", kind=Term(self._name), id=record_id
            )
        self._number_taken(number, record_id)
        self._table.rows[record_id] = self._row(record, number, 1)
        self._table.numbers[number] = record_id
        self._versions[record_id] = 1
        self._written.add(record_id)

    def update(self, record: R, *, expected_version: int | None = None) -> None:
        record_uuid, number = record_key(self._name, record, self._class)
        if not self._write:
            raise read_only(self._name)
        record_id = str(record_uuid)
        current = self._table.rows.get(record_id)
        if current is None:
            raise NotFoundError(self._name, record_id)
        expected = (
            expected_version if expected_version is not None else self._versions.get(record_id)
        )
        if expected is not None and expected != current.version:
            raise TransientConflict(
                "{kind} {key} was changed by someone else (version {stored}, expected {expected})",
                kind=Term(self._name),
                key=current.number,
                stored=current.version,
                expected=expected,
            )
        self._number_taken(number, record_id)
        del self._table.numbers[current.number]
        self._table.rows[record_id] = self._row(record, number, current.version + 1)
        self._table.numbers[number] = record_id
        self._versions[record_id] = current.version + 1
        self._written.add(record_id)


class _Members(_MemoryRepository[Member], MemberRepository):
    pass


class _Clients(_MemoryRepository[Client], ClientRepository):
    pass


class _Assignments(_MemoryRepository[Assignment], AssignmentRepository):
    pass


class _Contracts(_MemoryRepository[EmploymentContract], ContractRepository):
    pass


class _Hours(_MemoryRepository[HoursReport], HoursRepository):
    pass


class _Meetings(_MemoryRepository[Meeting], MeetingRepository):
    pass


class _Invoices(_MemoryRepository[Invoice], InvoiceRepository):
    pass


class _Fees(_MemoryRepository[MembershipFee], MembershipFeeRepository):
    pass


class _Expenses(_MemoryRepository[Expense], ExpenseRepository):
    pass


class _SalaryRequests(_MemoryRepository[SalaryRequest], SalaryRequestRepository):
    pass


class _PayrollRuns(_MemoryRepository[PayrollRun], PayrollRunRepository):
    pass


class _Payslips(_MemoryRepository[Payslip], PayslipRepository):
    """Payslips; a draft run's may be removed when it is computed again."""

    def remove(self, record: Payslip) -> None:
        if not self._write:
            raise read_only(self._name)
        record_id = str(record.id)
        row = self._table.rows.pop(record_id, None)
        if row is None:
            raise NotFoundError(self._name, record_id)
        del self._table.numbers[row.number]
        self._versions.pop(record_id, None)


class _TravelClaims(_MemoryRepository[TravelClaim], TravelClaimRepository):
    pass


class _Credentials(_MemoryRepository[Credential], CredentialRepository):
    pass


#: The kinds whose records may be deleted (cleaned up).
_Spent = TypeVar("_Spent", LoginToken, WebSession)


class _Removable(_MemoryRepository[_Spent]):
    """A repository whose records may be deleted (cleaned up)."""

    def remove(self, record: _Spent) -> None:
        if not self._write:
            raise read_only(self._name)
        record_id = str(record.id)
        row = self._table.rows.pop(record_id, None)
        if row is None:
            raise NotFoundError(self._name, record_id)
        del self._table.numbers[row.number]
        self._versions.pop(record_id, None)


class _LoginTokens(_Removable[LoginToken], LoginTokenRepository):
    pass


class _WebSessions(_Removable[WebSession], WebSessionRepository):
    pass


def refuse_payment_key(key: str) -> ConflictError:
    """The error for a second payment with a key already stored."""
    return ConflictError("a payment with the key {key} is already registered", key=key)


class _Payments(_MemoryRepository[Payment], PaymentRepository):
    """Payments; the key is unique, as the SQL backend's unique index makes it."""

    def _key_taken(self, record: Payment) -> None:
        for record_id, row in self._table.rows.items():
            if row.columns["key"] == record.key and record_id != str(record.id):
                raise refuse_payment_key(record.key)

    def add(self, record: Payment) -> None:
        if self._write and isinstance(record, Payment):
            self._key_taken(record)
        super().add(record)

    def update(self, record: Payment, *, expected_version: int | None = None) -> None:
        if self._write and isinstance(record, Payment):
            self._key_taken(record)
        super().update(record, expected_version=expected_version)


# --- the ledger ----------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _voucher_entries(data: str) -> tuple[Entry, ...]:
    """The entries of a stored voucher (its canonical JSON), parsed once."""
    return tuple(entries_of(Voucher.model_validate_json(data)))


def refuse_voucher_change(label: str) -> ConflictError:
    """The error for an attempt to change a booked voucher."""
    return ConflictError(
        "voucher {voucher} is booked and is never changed: book a correction instead",
        voucher=label,
    )


class _Vouchers(_MemoryRepository[Voucher], VoucherRepository):
    """Vouchers; the sums go over the lines of every stored voucher."""

    def _entries(
        self,
        *,
        account: int | None = None,
        member_id: UUID | None = None,
        since: date | None = None,
        until: date | None = None,
        project_id: UUID | None = None,
    ) -> list[Entry]:
        found = [
            entry
            for row in self._table.rows.values()
            for entry in _voucher_entries(row.data)
            if (account is None or entry.account == account)
            and (member_id is None or entry.member_id == member_id)
            and (project_id is None or entry.project_id == project_id)
            and (since is None or entry.date >= since)
            and (until is None or entry.date <= until)
        ]
        return sorted(found, key=lambda e: (e.date, e.number, e.line))

    def next_serial(self, series: str) -> int:
        highest = 0
        for row in self._table.rows.values():
            serial = row.columns["serial"]
            if row.columns["series"] == series and isinstance(serial, int):
                highest = max(highest, serial)
        return highest + 1

    def balance(
        self,
        account: int,
        *,
        member_id: UUID | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Decimal:
        entries = self._entries(account=account, member_id=member_id, since=since, until=until)
        return sum((e.amount for e in entries), ZERO_ORE)

    def balances_by_account(
        self, *, since: date | None = None, until: date | None = None
    ) -> dict[int, Decimal]:
        sums: dict[int, Decimal] = {}
        for entry in self._entries(since=since, until=until):
            sums[entry.account] = sums.get(entry.account, ZERO_ORE) + entry.amount
        return dict(sorted(sums.items()))

    def balances_by_member(self, account: int, *, until: date | None = None) -> dict[UUID, Decimal]:
        sums: dict[UUID, Decimal] = {}
        for entry in self._entries(account=account, until=until):
            if entry.member_id is not None:
                sums[entry.member_id] = sums.get(entry.member_id, ZERO_ORE) + entry.amount
        return dict(sorted(sums.items(), key=lambda item: str(item[0])))

    def entries(
        self,
        *,
        account: int | None = None,
        member_id: UUID | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> builtins.list[Entry]:
        return self._entries(account=account, member_id=member_id, since=since, until=until)

    def balances_by_project(
        self,
        project_id: UUID,
        *,
        member_id: UUID | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> dict[int, Decimal]:
        sums: dict[int, Decimal] = {}
        found = self._entries(member_id=member_id, since=since, until=until, project_id=project_id)
        for entry in found:
            sums[entry.account] = sums.get(entry.account, ZERO_ORE) + entry.amount
        return dict(sorted(sums.items()))

    def add(self, record: Voucher) -> None:
        # The number in the series is unique, as the SQL backend's unique index makes it.
        for row in self._table.rows.values():
            if row.columns["series"] == record.series and row.columns["serial"] == record.serial:
                raise ConflictError("voucher {voucher} is already booked", voucher=record.label)
        super().add(record)

    def update(self, record: Voucher, *, expected_version: int | None = None) -> None:
        if not self._write:
            raise read_only(self._name)
        raise refuse_voucher_change(record.label)


class _ClosedPeriods(_MemoryRepository[ClosedPeriod], ClosedPeriodRepository):
    pass


class _Projects(_MemoryRepository[Project], ProjectRepository):
    pass


class _Grants(_MemoryRepository[Grant], GrantRepository):
    pass


class _Absences(_MemoryRepository[Absence], AbsenceRepository):
    pass


# --- end of the ledger ---------------------------------------------------------------------


class _MemoryAuditLog:
    """:class:`~kooperativ.storage.base.AuditLog` over a list of canonical JSON texts."""

    def __init__(self, events: list[str], write: bool) -> None:
        self._events = events
        self._write = write
        self._appended: set[int] = set()

    def append(self, event: AuditEvent) -> None:
        if not self._write:
            raise read_only("audit")
        expected = len(self._events) + 1
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
        self._events.append(event.canonical_json())
        self._appended.add(event.seq)

    def last(self) -> AuditEvent | None:
        return AuditEvent.model_validate_json(self._events[-1]) if self._events else None

    def events(self) -> Iterator[AuditEvent]:
        return iter([AuditEvent.model_validate_json(text) for text in self._events])

    def latest(self, entity: str) -> dict[str, AuditEvent]:
        found: dict[str, AuditEvent] = {}
        for text in self._events:
            if f'"entity":{json.dumps(entity)}' in text:
                event = AuditEvent.model_validate_json(text)
                if event.entity == entity:
                    found[event.entity_id] = event
        return found

    def about(
        self, records: Mapping[str, Collection[str]], *, actors: Collection[str] = ()
    ) -> list[AuditEvent]:
        wanted = {(entity, entity_id) for entity, ids in records.items() for entity_id in ids}
        names = set(actors)
        found: list[AuditEvent] = []
        for text in self._events:
            event = AuditEvent.model_validate_json(text)
            if (event.entity, event.entity_id) in wanted or event.actor in names:
                found.append(event)
        return found

    def stored(self) -> Iterator[dict[str, object]]:
        rows: list[dict[str, object]] = []
        for position, text in enumerate(self._events, start=1):
            try:
                fields = json.loads(text)
            except ValueError:
                fields = None
            rows.append(fields if isinstance(fields, dict) else {"seq": position, "raw": text})
        return iter(rows)


# --- ballot boxes (governance) -------------------------------------------------------------


class _MemoryBallotBoxes:
    """:class:`~kooperativ.storage.base.BallotBoxes` over a dict: box → random id → ballot.

    Read back sorted by ballot text, never in insertion order.
    """

    def __init__(self, boxes: dict[str, dict[str, str]], write: bool) -> None:
        self._boxes = boxes
        self._write = write

    def put(self, box: str, ballot: str) -> None:
        if not self._write:
            raise read_only("ballot box")
        rows = self._boxes.setdefault(box, {})
        rows[str(uuid4())] = ballot
        # Kept in the order of the random ids, so not even the dict's order is the voting order.
        self._boxes[box] = dict(sorted(rows.items()))

    def count(self, box: str) -> int:
        return len(self._boxes.get(box, {}))

    def take(self, box: str) -> list[str]:
        if not self._write:
            raise read_only("ballot box")
        return sorted(self._boxes.pop(box, {}).values())


# --- end of ballot boxes -------------------------------------------------------------------


class _MemoryUnitOfWork:
    """:class:`~kooperativ.storage.base.UnitOfWork` over the state (a private copy to write)."""

    def __init__(self, state: _State, write: bool) -> None:
        self.write = write
        self.members: MemberRepository = _Members(KINDS["member"], Member, state, write)
        self.clients: ClientRepository = _Clients(KINDS["client"], Client, state, write)
        self.assignments: AssignmentRepository = _Assignments(
            KINDS["assignment"], Assignment, state, write
        )
        self.contracts: ContractRepository = _Contracts(
            KINDS["contract"], EmploymentContract, state, write
        )
        self.hours: HoursRepository = _Hours(KINDS["hours"], HoursReport, state, write)
        self.meetings: MeetingRepository = _Meetings(KINDS["meeting"], Meeting, state, write)
        self.membership_fees: MembershipFeeRepository = _Fees(
            KINDS["membership_fee"], MembershipFee, state, write
        )
        self.invoices: InvoiceRepository = _Invoices(KINDS["invoice"], Invoice, state, write)
        self.payments: PaymentRepository = _Payments(KINDS["payment"], Payment, state, write)
        self.vouchers: VoucherRepository = _Vouchers(KINDS["voucher"], Voucher, state, write)
        self.closed_periods: ClosedPeriodRepository = _ClosedPeriods(
            KINDS["closed_period"], ClosedPeriod, state, write
        )
        self.expenses: ExpenseRepository = _Expenses(KINDS["expense"], Expense, state, write)
        self.salary_requests: SalaryRequestRepository = _SalaryRequests(
            KINDS["salary_request"], SalaryRequest, state, write
        )
        self.payroll_runs: PayrollRunRepository = _PayrollRuns(
            KINDS["payroll_run"], PayrollRun, state, write
        )
        self.payslips: PayslipRepository = _Payslips(KINDS["payslip"], Payslip, state, write)
        self.travel_claims: TravelClaimRepository = _TravelClaims(
            KINDS["travel_claim"], TravelClaim, state, write
        )
        self.credentials: CredentialRepository = _Credentials(
            KINDS["credential"], Credential, state, write
        )
        self.login_tokens: LoginTokenRepository = _LoginTokens(
            KINDS["login_token"], LoginToken, state, write
        )
        self.web_sessions: WebSessionRepository = _WebSessions(
            KINDS["web_session"], WebSession, state, write
        )
        self.projects: ProjectRepository = _Projects(KINDS["project"], Project, state, write)
        self.grants: GrantRepository = _Grants(KINDS["grant"], Grant, state, write)
        self.absences: AbsenceRepository = _Absences(KINDS["absence"], Absence, state, write)
        self.audit: AuditLog = _MemoryAuditLog(state.audit, write)
        self.ballot_boxes: BallotBoxes = _MemoryBallotBoxes(state.boxes, write)  # governance

    def repository(self, kind: str) -> Repository[Record]:
        if kind not in KINDS:
            raise KeyError(f"unknown entity kind {kind!r}")
        found: Repository[Any] = getattr(self, KINDS[kind].attribute)
        return found


class MemoryStore:
    """A :class:`~kooperativ.storage.base.Store` that keeps everything in memory.

    Args:
        url: The URL it was opened with; only ``memory://`` is meaningful.
    """

    def __init__(self, url: str = "memory://") -> None:
        self.url = url
        self._state = _State({kind: _Table() for kind in KINDS}, [])
        self._lock = threading.Lock()
        self._owner: int | None = None

    @contextmanager
    def _writing(self) -> Iterator[UnitOfWork]:
        if self._owner == threading.get_ident():
            raise StorageError("{url}: units of work do not nest", url=self.url)
        with self._lock:
            self._owner = threading.get_ident()
            try:
                working = self._state.copy()
                yield _MemoryUnitOfWork(working, write=True)
                self._state = working
            finally:
                self._owner = None

    @contextmanager
    def _reading(self) -> Iterator[UnitOfWork]:
        # The committed state is never changed in place (writers work on a copy and swap
        # it in), so a reader needs no lock to see a consistent snapshot.
        yield _MemoryUnitOfWork(self._state, write=False)

    def unit_of_work(self, *, write: bool = True) -> AbstractContextManager[UnitOfWork]:
        """A transaction: a write works on a copy swapped in when the block ends without error.

        Args:
            write: ``False`` for a read that takes no lock and may not write.

        Raises:
            StorageError: A write unit of work opened inside another one of this store in
                the same thread (they do not nest).
        """
        return self._writing() if write else self._reading()

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Nothing to share: each read here is a snapshot already, taken without a lock."""
        yield

    def upgrade(self) -> None:
        """Nothing to do: the in-memory backend has no schema."""

    def close(self) -> None:
        """Nothing to release."""

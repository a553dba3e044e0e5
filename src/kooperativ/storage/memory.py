# SPDX-License-Identifier: EUPL-1.2
"""An in-memory storage backend, for tests and for embedding.

Records are kept as their canonical JSON text (see :meth:`kooperativ._model.Record.canonical_json`)
and parsed again on every read, exactly as the SQL backend does, so a record that would not
survive a trip through a database does not survive this one either. A unit of work works on
a copy of the data and swaps it in only when the block ends without an exception; units of
work are serialised by a lock (one at a time across threads) and do not nest.

>>> from kooperativ.storage.memory import MemoryStore
>>> store = MemoryStore()
>>> with store.unit_of_work() as uow:
...     uow.members.next_number()
1
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast
from uuid import UUID, uuid4

from kooperativ._model import Record
from kooperativ.assignments.models import Assignment
from kooperativ.audit import AuditEvent
from kooperativ.clients.models import Client
from kooperativ.employment.models import EmploymentContract
from kooperativ.errors import ConflictError, NotFoundError, StorageError
from kooperativ.members.models import Member
from kooperativ.storage.base import ENTITY_KINDS, AuditLog, BallotBoxes, Repository, UnitOfWork

__all__ = ["MemoryStore"]

R = TypeVar("R", bound=Record)


def _record_key(kind: str, record: Record, record_class: type[Record]) -> tuple[UUID, int]:
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


@dataclass
class _Table:
    """One kind's records: id → canonical JSON, and the number index."""

    rows: dict[UUID, tuple[int, str]] = field(default_factory=dict)
    numbers: dict[int, UUID] = field(default_factory=dict)

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


class _MemoryRepository(Generic[R]):
    """:class:`~kooperativ.storage.base.Repository` over a :class:`_Table`."""

    def __init__(self, kind: str, record_class: type[R], table: _Table) -> None:
        self._kind = kind
        self._class = record_class
        self._table = table

    def _load(self, text: str) -> R:
        return self._class.model_validate_json(text)

    def add(self, record: R) -> None:
        record_id, number = _record_key(self._kind, record, self._class)
        if record_id in self._table.rows:
            raise ConflictError(f"{self._kind} id {record_id} already exists")
        if number in self._table.numbers:
            raise ConflictError(f"{self._kind} number {number} is already taken")
        self._table.rows[record_id] = (number, record.canonical_json())
        self._table.numbers[number] = record_id

    def update(self, record: R) -> None:
        record_id, number = _record_key(self._kind, record, self._class)
        if record_id not in self._table.rows:
            raise NotFoundError(self._kind, str(record_id))
        holder = self._table.numbers.get(number)
        if holder is not None and holder != record_id:
            raise ConflictError(f"{self._kind} number {number} is already taken")
        old_number, _ = self._table.rows[record_id]
        del self._table.numbers[old_number]
        self._table.rows[record_id] = (number, record.canonical_json())
        self._table.numbers[number] = record_id

    def get(self, record_id: UUID) -> R:
        record = self.find(record_id)
        if record is None:
            raise NotFoundError(self._kind, str(record_id))
        return record

    def find(self, record_id: UUID) -> R | None:
        row = self._table.rows.get(record_id)
        return None if row is None else self._load(row[1])

    def by_number(self, number: int) -> R | None:
        record_id = self._table.numbers.get(number)
        return None if record_id is None else self.find(record_id)

    def list(self) -> list[R]:
        return [self._load(text) for _, text in sorted(self._table.rows.values())]

    def next_number(self) -> int:
        return max(self._table.numbers, default=0) + 1


class _MemoryAuditLog:
    """:class:`~kooperativ.storage.base.AuditLog` over a list of canonical JSON texts."""

    def __init__(self, events: list[str]) -> None:
        self._events = events

    def append(self, event: AuditEvent) -> None:
        expected = len(self._events) + 1
        if event.seq != expected:
            raise ConflictError(f"audit event seq {event.seq} does not follow; expected {expected}")
        self._events.append(event.canonical_json())

    def last(self) -> AuditEvent | None:
        return AuditEvent.model_validate_json(self._events[-1]) if self._events else None

    def events(self) -> Iterator[AuditEvent]:
        return iter([AuditEvent.model_validate_json(text) for text in self._events])


# --- ballot boxes (governance) -------------------------------------------------------------


class _MemoryBallotBoxes:
    """:class:`~kooperativ.storage.base.BallotBoxes` over a dict: box → random id → ballot.

    Read back sorted by ballot text, never in insertion order.
    """

    def __init__(self, boxes: dict[str, dict[str, str]]) -> None:
        self._boxes = boxes

    def put(self, box: str, ballot: str) -> None:
        rows = self._boxes.setdefault(box, {})
        rows[str(uuid4())] = ballot
        # Kept in the order of the random ids, so not even the dict's order is the voting order.
        self._boxes[box] = dict(sorted(rows.items()))

    def count(self, box: str) -> int:
        return len(self._boxes.get(box, {}))

    def take(self, box: str) -> list[str]:
        return sorted(self._boxes.pop(box, {}).values())


# --- end of ballot boxes -------------------------------------------------------------------


class _MemoryUnitOfWork:
    """:class:`~kooperativ.storage.base.UnitOfWork` over a private copy of the state."""

    def __init__(self, state: _State) -> None:
        self._repositories: dict[str, _MemoryRepository[Any]] = {
            kind: _MemoryRepository(kind, record_class, state.tables[kind])
            for kind, record_class in ENTITY_KINDS.items()
        }
        self.members = cast(Repository[Member], self._repositories["member"])
        self.clients = cast(Repository[Client], self._repositories["client"])
        self.assignments = cast(Repository[Assignment], self._repositories["assignment"])
        self.contracts = cast(Repository[EmploymentContract], self._repositories["contract"])
        self.audit: AuditLog = _MemoryAuditLog(state.audit)
        self.ballot_boxes: BallotBoxes = _MemoryBallotBoxes(state.boxes)  # governance

    def repository(self, kind: str) -> Repository[Record]:
        try:
            return cast(Repository[Record], self._repositories[kind])
        except KeyError:
            raise KeyError(f"unknown entity kind {kind!r}") from None


class MemoryStore:
    """A :class:`~kooperativ.storage.base.Store` that keeps everything in memory.

    Args:
        url: The URL it was opened with; only ``memory://`` is meaningful.
    """

    def __init__(self, url: str = "memory://") -> None:
        self.url = url
        self._state = _State({kind: _Table() for kind in ENTITY_KINDS}, [])
        self._lock = threading.Lock()
        self._owner: int | None = None

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """A transaction on a copy of the data, swapped in when the block ends without error.

        Raises:
            StorageError: If called inside another unit of work of this store in the same
                thread (units of work do not nest).
        """
        if self._owner == threading.get_ident():
            raise StorageError(f"{self.url}: units of work do not nest")
        with self._lock:
            self._owner = threading.get_ident()
            try:
                working = self._state.copy()
                yield _MemoryUnitOfWork(working)
                self._state = working
            finally:
                self._owner = None

    def upgrade(self) -> None:
        """Nothing to do: the in-memory backend has no schema."""

    def close(self) -> None:
        """Nothing to release."""

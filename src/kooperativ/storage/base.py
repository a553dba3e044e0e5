# SPDX-License-Identifier: EUPL-1.2
"""The storage protocol: repositories inside a unit of work.

A service call opens one unit of work; everything it writes — the records and the audit
event — is committed together when the block ends, or not at all if it raises::

    with store.unit_of_work() as uow:
        number = uow.members.next_number()
        uow.members.add(member)
        uow.audit.append(event)

Backends: :mod:`kooperativ.storage.memory` (tests, embedding) and
:mod:`kooperativ.storage.sql` (SQLite and PostgreSQL through SQLModel, schema managed by
Alembic). Third-party backends register under the entry point group
``kooperativ.storage`` by URL scheme.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Protocol, TypeVar
from uuid import UUID

from kooperativ._model import Record
from kooperativ.assignments.models import Assignment
from kooperativ.audit import AuditEvent
from kooperativ.clients.models import Client
from kooperativ.employment.models import EmploymentContract, HoursReport
from kooperativ.governance.meeting import Meeting
from kooperativ.governance.register import MembershipFee
from kooperativ.members.models import Member

__all__ = ["ENTITY_KINDS", "AuditLog", "BallotBoxes", "Repository", "Store", "UnitOfWork"]

R = TypeVar("R", bound=Record)

#: Entity kind name → record class. The kind names are also the audit ``entity`` names.
ENTITY_KINDS: dict[str, type[Record]] = {
    "member": Member,
    "client": Client,
    "assignment": Assignment,
    "contract": EmploymentContract,
    "hours": HoursReport,
    "meeting": Meeting,
    "membership_fee": MembershipFee,
}


class Repository(Protocol[R]):
    """Records of one kind, each with a UUID ``id`` and a unique human ``number``."""

    def add(self, record: R) -> None:
        """Store a new record. Raises ``ConflictError`` if its id or number is taken."""
        ...

    def update(self, record: R) -> None:
        """Replace the stored record with the same id. Raises ``NotFoundError``."""
        ...

    def get(self, record_id: UUID) -> R:
        """The record with ``record_id``. Raises ``NotFoundError``."""
        ...

    def find(self, record_id: UUID) -> R | None:
        """The record with ``record_id``, or ``None``."""
        ...

    def by_number(self, number: int) -> R | None:
        """The record with human number ``number``, or ``None``."""
        ...

    def list(self) -> list[R]:
        """Every record, ordered by number."""
        ...

    def next_number(self) -> int:
        """One more than the highest number in use (1 when empty)."""
        ...


class AuditLog(Protocol):
    """The append-only audit trail."""

    def append(self, event: AuditEvent) -> None:
        """Add ``event``; its ``seq`` must be one more than the last one's."""
        ...

    def last(self) -> AuditEvent | None:
        """The newest event, or ``None``."""
        ...

    def events(self) -> Iterator[AuditEvent]:
        """Every event in sequence order."""
        ...


# --- ballot boxes (governance) -------------------------------------------------------------


class BallotBoxes(Protocol):
    """The ballot boxes of secret ballots, apart from the meeting records.

    A box holds ballots as opaque texts (sealed by
    :mod:`kooperativ.governance.secrecy`): each row has a random id and nothing else that
    orders or times it (no timestamp, no sequence number, no voter, no audit event), and
    the box is read back in one canonical order (sorted by text), never in the order of
    insertion. Writes belong to the unit of work of the vote, so a ballot goes in exactly
    when the meeting records its voter as having voted.
    """

    def put(self, box: str, ballot: str) -> None:
        """Add ``ballot`` to ``box``."""
        ...

    def count(self, box: str) -> int:
        """How many ballots ``box`` holds."""
        ...

    def take(self, box: str) -> list[str]:
        """Every ballot in ``box``, sorted; the box is emptied."""
        ...


# --- end of ballot boxes -------------------------------------------------------------------


class UnitOfWork(Protocol):
    """Repositories sharing one transaction."""

    members: Repository[Member]
    clients: Repository[Client]
    assignments: Repository[Assignment]
    contracts: Repository[EmploymentContract]
    audit: AuditLog
    ballot_boxes: BallotBoxes  # governance: secret ballots, see BallotBoxes

    def repository(self, kind: str) -> Repository[Record]:
        """The repository of entity kind ``kind`` (a key of :data:`ENTITY_KINDS`)."""
        ...


class Store(Protocol):
    """A storage backend."""

    #: The URL it was opened with (passwords masked).
    url: str

    def unit_of_work(self) -> AbstractContextManager[UnitOfWork]:
        """A transaction: committed when the block ends, rolled back if it raises."""
        ...

    def upgrade(self) -> None:
        """Bring the schema up to date (no-op for backends without a schema)."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...

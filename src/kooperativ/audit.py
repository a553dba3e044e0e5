# SPDX-License-Identifier: EUPL-1.2
"""The audit trail: every change as an event, chained by hash.

Each event records who did what to which record, with the hash of the record before and
after the change, and the hash of the previous event. Changing, removing or reordering an
event (or a record behind the trail's back) breaks the chain, which
:func:`verify_chain` finds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from uuid import UUID, uuid4

from pydantic import Field

from kooperativ._model import Record

__all__ = ["GENESIS", "AuditEvent", "chain_hash", "verify_chain"]

#: The ``prev_hash`` of the first event.
GENESIS = "0" * 64


class AuditEvent(Record):
    """One change, as written to the audit trail."""

    id: UUID = Field(default_factory=uuid4)
    seq: int = Field(ge=1)
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before_hash: str | None = None
    after_hash: str | None = None
    prev_hash: str
    hash: str = ""

    def payload(self) -> str:
        """The canonical text the event's hash covers (everything but ``hash``)."""
        data = self.model_dump(mode="json", exclude={"hash"})
        return json.dumps(data, sort_keys=True, separators=(",", ":"))


def chain_hash(event: AuditEvent) -> str:
    """SHA-256 over the event's payload (which includes ``prev_hash``)."""
    return hashlib.sha256(event.payload().encode()).hexdigest()


def verify_chain(
    events: Iterable[AuditEvent], current: Mapping[tuple[str, str], str | None] | None = None
) -> list[str]:
    """Check the chain and return every problem found (empty list: intact).

    Args:
        events: The events in sequence order.
        current: Optional ``(entity, entity_id) → content hash`` of the records as stored
            now; each must equal the ``after_hash`` of the last event touching it.
    """
    problems: list[str] = []
    previous = GENESIS
    expected_seq = 1
    last_after: dict[tuple[str, str], str | None] = {}
    for event in events:
        if event.seq != expected_seq:
            problems.append(f"event {event.seq}: expected sequence number {expected_seq}")
            expected_seq = event.seq
        if event.prev_hash != previous:
            problems.append(f"event {event.seq}: does not follow the event before it")
        if chain_hash(event) != event.hash:
            problems.append(f"event {event.seq}: contents changed after it was written")
        previous = event.hash
        expected_seq += 1
        last_after[(event.entity, event.entity_id)] = event.after_hash
    if current is not None:
        for key, digest in current.items():
            if key not in last_after:
                problems.append(f"{key[0]} {key[1]}: stored without an audit event")
            elif last_after[key] != digest:
                problems.append(f"{key[0]} {key[1]}: changed outside the audit trail")
        for key, digest in last_after.items():
            if digest is not None and key not in current:
                problems.append(f"{key[0]} {key[1]}: removed outside the audit trail")
    return problems

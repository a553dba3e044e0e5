# SPDX-License-Identifier: EUPL-1.2
"""The hash-chained audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kooperativ.audit import AuditEvent, verify_chain
from kooperativ.errors import PermissionDenied
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Service
from kooperativ.storage.base import ENTITY_KINDS


class AuditService(Service):
    """The hash-chained audit trail."""

    def events(self, actor: Actor) -> list[AuditEvent]:
        """Every audit event in order (board, treasurer, admin or auditor only)."""
        if not actor.can_read_all:
            raise PermissionDenied(f"{actor.name} may not read the audit trail")
        with self._uow() as uow:
            return list(uow.audit.events())

    def verify(self) -> list[str]:
        """Every problem in the chain and in the records behind it (empty: intact)."""
        with self._uow() as uow:
            events = list(uow.audit.events())
            current: dict[tuple[str, str], str | None] = {}
            for kind in ENTITY_KINDS:
                for record in uow.repository(kind).list():
                    current[(kind, str(getattr(record, "id")))] = record.content_hash()  # noqa: B009
        return verify_chain(events, current)

    def check(self, on: date) -> Sequence[Problem]:
        """Breaks in the audit chain."""
        return [Problem("error", "audit", text) for text in self.verify()]

# SPDX-License-Identifier: EUPL-1.2
"""The hash-chained audit trail: list it, publish its head, verify it.

Reading the trail is for those who may see every member's data: the auditor, the board,
the treasurer and the administrator.

The *audit key* (optional) authenticates each event with an HMAC, so that someone who
can write to the database cannot compute the chain again without it. Keep it outside the
database: in a file named by ``KOOPERATIV_AUDIT_KEY_FILE`` (or, less safely, in
``KOOPERATIV_AUDIT_KEY``), or give it with :meth:`AuditService.use_key`. Every process
that writes must have it; the auditor needs it to verify.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kooperativ.audit import (
    Anchor,
    AuditEvent,
    AuditReport,
    configuration_hashes,
    key_from_environment,
    verify_trail,
)
from kooperativ.errors import PermissionDenied
from kooperativ.problems import Problem
from kooperativ.security import Actor
from kooperativ.services._base import Service
from kooperativ.storage.base import StoredRecord
from kooperativ.storage.kinds import KINDS, Kind

__all__ = ["AuditService"]


class AuditService(Service):
    """The hash-chained audit trail."""

    _key: bytes | None = None
    _key_given = False

    @staticmethod
    def _require_reader(actor: Actor, verifying: bool = False) -> None:
        if actor.can_read_all:
            return
        if verifying:
            raise PermissionDenied(
                "{actor} may not verify the audit trail (auditor, board, treasurer or admin only)",
                actor=actor.name,
            )
        raise PermissionDenied(
            "{actor} may not read the audit trail (auditor, board, treasurer or admin only)",
            actor=actor.name,
        )

    # -- the key ----------------------------------------------------------------------------

    def use_key(self, key: bytes | str | None) -> None:
        """Authenticate the events written from now on with ``key`` (``None``: no key).

        Overrides ``KOOPERATIV_AUDIT_KEY_FILE`` / ``KOOPERATIV_AUDIT_KEY``.
        """
        self._key = key.encode() if isinstance(key, str) else key
        self._key_given = True

    @property
    def key(self) -> bytes | None:
        """The audit key in use: given with :meth:`use_key`, else from the environment."""
        if not self._key_given:
            self._key = key_from_environment()
            self._key_given = True
        return self._key

    # -- reading ----------------------------------------------------------------------------

    def events(self, actor: Actor) -> list[AuditEvent]:
        """Every audit event in order (auditor, board, treasurer or admin only)."""
        self._require_reader(actor)
        with self._read() as uow:
            return list(uow.audit.events())

    def head(self, actor: Actor) -> Anchor | None:
        """The newest event's sequence number and hash, to publish (``None``: empty trail).

        Published outside the database — in the minutes, to the auditor, in the annual
        report — it lets :meth:`verify` prove later that the chain was neither cut short
        nor computed again.
        """
        self._require_reader(actor)
        with self._read() as uow:
            last = uow.audit.last()
        return None if last is None else Anchor(last.seq, last.hash)

    def verify(
        self,
        actor: Actor,
        *,
        anchors: Sequence[Anchor | str] = (),
        key: bytes | str | None = None,
    ) -> AuditReport:
        """Verify the trail, the records behind it, the configuration files and anchors.

        Args:
            actor: Who asks (auditor, board, treasurer or admin).
            anchors: Published heads (``Anchor`` or ``"SEQ:HASH"``) that must be in the chain.
            key: The audit key to check the events' MACs with; by default the key in use
                (:attr:`key`), if any.

        Returns:
            The report (see :func:`kooperativ.audit.verify_trail`); ``report.ok`` when no
            error was found.

        Raises:
            PermissionDenied: The actor may not read the audit trail.
            InputError: An anchor is not ``SEQ:HASH``.
        """
        self._require_reader(actor, verifying=True)
        return self._verify(anchors, key)

    def _verify(self, anchors: Sequence[Anchor | str], key: bytes | str | None) -> AuditReport:
        parsed = [a if isinstance(a, Anchor) else Anchor.parse(a) for a in anchors]
        secret = key.encode() if isinstance(key, str) else key
        if secret is None:
            secret = self.key
        folder = getattr(self._coop, "folder", None)
        configuration = None if folder is None else configuration_hashes(Path(folder))
        with self._read() as uow:
            events = list(uow.audit.stored())
            records: dict[Kind, list[StoredRecord]] = {
                kind: list(uow.repository(name).stored()) for name, kind in KINDS.items()
            }
        return verify_trail(
            events, records, configuration=configuration, anchors=parsed, key=secret
        )

    # -- writing ----------------------------------------------------------------------------

    def record_configuration(self, actor: Actor) -> list[AuditEvent]:
        """Record the configuration files changed since last recorded, now (board or admin).

        Every change records them anyway before itself; this records them without one,
        e.g. right after the bylaws were amended and before the new head is published.
        """
        actor.require_manager("record the configuration")
        return self._transaction(self._record_configuration)

    def check(self, on: date) -> Sequence[Problem]:
        """Breaks in the audit chain, records changed behind it, unrecorded config changes."""
        return self._verify((), None).problems

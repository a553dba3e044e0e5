# SPDX-License-Identifier: EUPL-1.2
"""What every service shares: the transaction, the audit event, references, problems.

A service call that changes something opens a *write* unit of work with ``self._uow()``:
it is serialised with every other writer (see :mod:`kooperativ.storage.base`), so what it
reads is what it changes. A call that only reads opens ``self._read()``, which takes no
write lock. ``self._transaction(work)`` runs a write that can be run again, retrying it
with backoff on a transient conflict with a concurrent writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from uuid import UUID

from pydantic import ValidationError as PydanticValidationError

from kooperativ._model import Record
from kooperativ.audit import (
    CONFIG_ENTITY,
    GENESIS,
    AuditEvent,
    chain_hash,
    configuration_hashes,
    event_mac,
)
from kooperativ.errors import (
    InputError,
    NotFoundError,
    PermissionDenied,
    ValidationFailed,
    pydantic_problems,
)
from kooperativ.members.models import Role
from kooperativ.problems import Problem
from kooperativ.security import Actor
from kooperativ.storage.base import ENTITY_KINDS, Repository, UnitOfWork, transaction

if TYPE_CHECKING:
    from kooperativ.cooperative import Cooperative

__all__ = ["SYSTEM_ACTOR", "Problem", "Ref", "Service", "build", "resolve"]

R = TypeVar("R", bound=Record)
T = TypeVar("T")

#: A record reference: its human number (``3`` or ``"3"``) or its UUID.
Ref = int | str | UUID

#: The actor of events kooperativ writes by itself (the recorded configuration changes).
SYSTEM_ACTOR = "system"

# path → ((mtime_ns, size, inode), sha256): configuration files are read again only when
# they change.
_FILE_HASHES: dict[Path, tuple[tuple[int, int, int], str]] = {}


def build(cls: type[R], data: Mapping[str, Any]) -> R:
    """Validate ``data`` as ``cls``, turning pydantic errors into :class:`ValidationFailed`."""
    try:
        return cls.model_validate(dict(data))
    except PydanticValidationError as exc:
        problems = pydantic_problems(exc.errors(), cls.__name__.lower())
        raise ValidationFailed(problems) from None


def _ref_kind(ref: Ref) -> tuple[Literal["number", "id"], int | UUID]:
    if isinstance(ref, UUID):
        return "id", ref
    if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
        return "number", int(ref)
    try:
        return "id", UUID(str(ref))
    except ValueError:
        raise InputError(
            "reference", "{ref!r} is neither a number nor an id", ref=str(ref)
        ) from None


def resolve(repo: Repository[R], kind: str, ref: Ref) -> R:
    """The record ``ref`` (a number or an id) names. Raises ``NotFoundError``."""
    _, key = _ref_kind(ref)
    found = repo.by_number(key) if isinstance(key, int) else repo.find(key)
    if found is None:
        raise NotFoundError(kind, str(ref))
    return found


class Service:
    """Base of the services: holds the cooperative, opens transactions, writes audit."""

    def __init__(self, coop: Cooperative) -> None:
        self._coop = coop

    @contextmanager
    def _uow(self) -> Iterator[UnitOfWork]:
        """A write unit of work: serialised with every other writer, committed at the end."""
        with self._coop.store.unit_of_work() as uow:
            yield uow

    @contextmanager
    def _read(self) -> Iterator[UnitOfWork]:
        """A read unit of work: one consistent snapshot, no write lock, no writes."""
        with self._coop.store.unit_of_work(write=False) as uow:
            yield uow

    @staticmethod
    def _require_reader(actor: Actor) -> None:
        """Raise unless ``actor`` is a member or may read everything (not a stranger)."""
        if not (actor.can_read_all or (actor.member_id is not None and Role.MEMBER in actor.roles)):
            raise PermissionDenied(
                "{name} may not read the association's records (members and officers only)",
                name=actor.name,
            )

    @staticmethod
    def _listed_member(uow: UnitOfWork, actor: Actor, member: Ref | None, what: str) -> UUID | None:
        """The member whose records a listing shows: ``member`` if the actor may read
        theirs, else the actor's own unless they may read everyone's (``None``).

        Call it after :meth:`_require_reader`, which refuses a stranger.

        Raises:
            PermissionDenied: A member asking for another member's ``what``.
            NotFoundError: No such member.
        """
        if member is not None:
            member_id = resolve(uow.members, "member", member).id
            actor.require_access(member_id, what)
            return member_id
        return None if actor.can_read_all else actor.member_id

    def _transaction(self, work: Callable[[UnitOfWork], T]) -> T:
        """Run ``work`` in a write unit of work, again (with backoff) on a transient conflict.

        Raises:
            ConcurrencyError: Still conflicting after the retries.
        """
        return transaction(self._coop.store, work)

    def _append(
        self,
        uow: UnitOfWork,
        actor: str,
        action: str,
        entity: str,
        entity_id: str,
        before_hash: str | None,
        after_hash: str | None,
    ) -> AuditEvent:
        last = uow.audit.last()
        event = AuditEvent(
            seq=(last.seq + 1) if last else 1,
            at=self._coop.now(),
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before_hash=before_hash,
            after_hash=after_hash,
            prev_hash=last.hash if last else GENESIS,
        )
        event = event.model_copy(update={"hash": chain_hash(event)})
        audit = getattr(self._coop, "audit", None)
        key: bytes | None = getattr(audit, "key", None)
        if key is not None:
            event = event.model_copy(update={"mac": event_mac(event, key)})
        uow.audit.append(event)
        return event

    def _record_configuration(self, uow: UnitOfWork) -> list[AuditEvent]:
        """Append a ``config.change`` event for each configuration file changed since recorded."""
        folder = getattr(self._coop, "folder", None)
        if folder is None:
            return []
        now: Mapping[str, str | None] = configuration_hashes(Path(folder), _FILE_HASHES)
        recorded = {
            entity_id: event.after_hash
            for entity_id, event in uow.audit.latest(CONFIG_ENTITY).items()
        }
        written: list[AuditEvent] = []
        for path in sorted(set(now) | {p for p, digest in recorded.items() if digest}):
            if now.get(path) != recorded.get(path):
                written.append(
                    self._append(
                        uow,
                        SYSTEM_ACTOR,
                        "config.change",
                        CONFIG_ENTITY,
                        path,
                        recorded.get(path),
                        now.get(path),
                    )
                )
        return written

    def _record(
        self,
        uow: UnitOfWork,
        actor: Actor,
        action: str,
        before: Record | None,
        after: Record,
    ) -> None:
        """Append the audit event of a change, inside the change's transaction.

        A configuration file changed since its hash was last recorded is recorded first
        (``config.change``), so every change is on the trail after the rules it was made
        under.
        """
        self._record_configuration(uow)
        entity = next(k for k, cls in ENTITY_KINDS.items() if isinstance(after, cls))
        self._append(
            uow,
            actor.name,
            action,
            entity,
            str(getattr(after, "id")),  # noqa: B009 - every record has an id
            before.content_hash() if before else None,
            after.content_hash(),
        )

    def check(self, on: date) -> Sequence[Problem]:
        """This service's validators: every problem found on ``on`` (none by default)."""
        return []

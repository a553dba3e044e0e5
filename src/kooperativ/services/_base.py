# SPDX-License-Identifier: EUPL-1.2
"""What every service shares: the transaction, the audit event, references, problems."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from uuid import UUID

from pydantic import ValidationError as PydanticValidationError

from kooperativ._model import Record
from kooperativ.audit import GENESIS, AuditEvent, chain_hash
from kooperativ.errors import InputError, NotFoundError, ValidationFailed
from kooperativ.problems import Problem
from kooperativ.security import Actor
from kooperativ.storage.base import ENTITY_KINDS, Repository, UnitOfWork

if TYPE_CHECKING:
    from kooperativ.cooperative import Cooperative

__all__ = ["Problem", "Ref", "Service", "build", "resolve"]

R = TypeVar("R", bound=Record)

#: A record reference: its human number (``3`` or ``"3"``) or its UUID.
Ref = int | str | UUID


def build(cls: type[R], data: Mapping[str, Any]) -> R:
    """Validate ``data`` as ``cls``, turning pydantic errors into :class:`ValidationFailed`."""
    try:
        return cls.model_validate(dict(data))
    except PydanticValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or cls.__name__.lower()
            problems.append((field, str(err["msg"]).removeprefix("Value error, ")))
        raise ValidationFailed(problems) from None


def _ref_kind(ref: Ref) -> tuple[Literal["number", "id"], int | UUID]:
    if isinstance(ref, UUID):
        return "id", ref
    if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
        return "number", int(ref)
    try:
        return "id", UUID(str(ref))
    except ValueError:
        raise InputError("reference", f"{ref!r} is neither a number nor an id") from None


def resolve(repo: Repository[R], kind: str, ref: Ref) -> R:
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
        with self._coop.store.unit_of_work() as uow:
            yield uow

    def _record(
        self,
        uow: UnitOfWork,
        actor: Actor,
        action: str,
        before: Record | None,
        after: Record,
    ) -> None:
        """Append the audit event of a change, inside the change's transaction."""
        entity = next(k for k, cls in ENTITY_KINDS.items() if isinstance(after, cls))
        last = uow.audit.last()
        event = AuditEvent(
            seq=(last.seq + 1) if last else 1,
            at=self._coop.now(),
            actor=actor.name,
            action=action,
            entity=entity,
            entity_id=str(getattr(after, "id")),  # noqa: B009 - every record has an id
            before_hash=before.content_hash() if before else None,
            after_hash=after.content_hash(),
            prev_hash=last.hash if last else GENESIS,
        )
        uow.audit.append(event.model_copy(update={"hash": chain_hash(event)}))

    def check(self, on: date) -> Sequence[Problem]:
        """This service's validators: every problem found on ``on`` (none by default)."""
        return []

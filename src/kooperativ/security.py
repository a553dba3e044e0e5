# SPDX-License-Identifier: EUPL-1.2
"""Who is acting: the :class:`Actor` passed to every service call.

A member sees and changes only their own records; the board, the treasurer and the
administrator manage the register; the auditor reads everything and changes nothing.
"""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, ConfigDict

from kooperativ.errors import PermissionDenied, Term
from kooperativ.members.models import Role

__all__ = ["Actor"]

_MANAGERS = frozenset({Role.BOARD, Role.TREASURER, Role.ADMIN})
_READERS = _MANAGERS | {Role.AUDITOR}


class Actor(BaseModel):
    """The person (or system) on whose behalf a call is made."""

    model_config = ConfigDict(frozen=True)

    name: str
    roles: frozenset[Role]
    member_id: UUID | None = None

    @classmethod
    def admin(cls, name: str = "admin") -> Actor:
        """The cooperative's administrator (the CLI's default actor)."""
        return cls(name=name, roles=frozenset({Role.ADMIN}))

    @classmethod
    def for_member(cls, member_id: UUID, name: str, roles: frozenset[Role]) -> Actor:
        """A member acting with the roles the register gives them."""
        return cls(name=name, roles=roles | {Role.MEMBER}, member_id=member_id)

    @property
    def can_manage(self) -> bool:
        """May change the register (board, treasurer, admin)."""
        return bool(self.roles & _MANAGERS)

    @property
    def can_read_all(self) -> bool:
        """May see every member's data (board, treasurer, admin, auditor)."""
        return bool(self.roles & _READERS)

    def require_manager(self, what: str) -> None:
        """Raise :class:`PermissionDenied` unless the actor may manage."""
        if not self.can_manage:
            raise PermissionDenied(
                "{actor} may not {what} (board, treasurer or admin only)",
                actor=self.name,
                what=Term(what),
            )

    def require_access(self, member_id: UUID, what: str) -> None:
        """Raise unless the actor may see ``member_id``'s data."""
        if not (self.can_read_all or self.member_id == member_id):
            raise PermissionDenied(
                "{actor} may only see their own {what}", actor=self.name, what=Term(what)
            )

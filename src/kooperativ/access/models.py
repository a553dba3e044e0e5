# SPDX-License-Identifier: EUPL-1.2
"""The stored records of signing in: a member's credential, one-time links, sessions.

A :class:`Credential` holds a member's password hash (argon2id) and the count of failed
sign-ins that rate-limits guessing. A :class:`LoginToken` is a one-time sign-in link sent
by e-mail: only its token's SHA-256 is kept, it expires and is used once. A
:class:`WebSession` is a signed-in browser: the cookie carries a random token, the store
keeps its SHA-256, when it expires and whether it was revoked (signed out).

>>> from datetime import datetime, UTC
>>> from uuid import UUID
>>> at = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
>>> session = WebSession(number=1, member_id=UUID(int=1), token_hash="ab" * 32,
...     created_at=at, expires_at=at.replace(hour=20))
>>> session.active(at), session.active(at.replace(hour=21))
(True, False)
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from pydantic import AwareDatetime, Field

from kooperativ._model import Record

__all__ = ["Credential", "LoginToken", "WebSession"]

#: A SHA-256 digest as 64 lowercase hex digits.
_DIGEST = r"^[0-9a-f]{64}$"


class Credential(Record):
    """A member's password (its argon2id hash) and failed sign-ins.

    Attributes:
        number: Running number.
        member_id: Whose credential.
        password_hash: The argon2id hash (PHC string), or ``None``: no password set.
        failures: Failed sign-ins since ``failures_since`` (reset by a good sign-in).
        failures_since: When the current window of failures began.
        set_at: When the password was last set.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    member_id: UUID
    password_hash: str | None = None
    failures: int = Field(default=0, ge=0)
    failures_since: AwareDatetime | None = None
    set_at: AwareDatetime | None = None


class LoginToken(Record):
    """A one-time sign-in link: the SHA-256 of its token, its expiry, when it was used.

    Attributes:
        number: Running number.
        member_id: Who may sign in with it.
        token_hash: SHA-256 (hex) of the token in the link.
        created_at: When it was sent.
        expires_at: After this it signs no one in.
        used_at: When it was used (it works once).
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    member_id: UUID
    token_hash: str = Field(pattern=_DIGEST)
    created_at: AwareDatetime
    expires_at: AwareDatetime
    used_at: AwareDatetime | None = None

    def usable(self, now: datetime) -> bool:
        """Whether the link still signs in at ``now`` (not used, not expired)."""
        return self.used_at is None and now < self.expires_at


class WebSession(Record):
    """A signed-in browser session, kept in the store so any worker can serve it.

    Attributes:
        number: Running number.
        member_id: Who is signed in.
        token_hash: SHA-256 (hex) of the cookie's token.
        created_at: When the member signed in.
        expires_at: When the session ends at the latest.
        method: How the member signed in (``password``, ``link`` or ``oidc``).
        revoked_at: When it was ended (signed out or revoked), if it was.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    member_id: UUID
    token_hash: str = Field(pattern=_DIGEST)
    created_at: AwareDatetime
    expires_at: AwareDatetime
    method: str = "password"
    revoked_at: AwareDatetime | None = None

    def active(self, now: datetime) -> bool:
        """Whether the session signs its member in at ``now``."""
        return self.revoked_at is None and now < self.expires_at

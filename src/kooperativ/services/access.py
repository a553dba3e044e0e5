# SPDX-License-Identifier: EUPL-1.2
"""Signing in to the web app (``coop.access``): passwords, one-time links, sessions.

The web app authenticates a person and maps them to an :class:`~kooperativ.security.Actor`
here, so that every page calls the services with the member's own actor. What is stored:

- a member's password as its argon2id hash (:class:`~kooperativ.access.Credential`),
  set by the administrator (``kooperativ member password N``) or the member;
- a one-time sign-in link's token as its SHA-256, valid for :data:`LINK_MINUTES` minutes
  and used once (:class:`~kooperativ.access.LoginToken`);
- a session's token (the cookie) as its SHA-256, ending after :data:`SESSION_HOURS`
  hours or when signed out (:class:`~kooperativ.access.WebSession`).

Guessing is rate-limited per member: after :data:`MAX_FAILURES` failed sign-ins within
:data:`FAILURE_MINUTES` minutes the member cannot sign in with a password until the window
has passed, and at most :data:`MAX_LINKS` links are sent in that window. The refusal does
not tell whether the e-mail address is registered. Every change is on the audit trail.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kooperativ.access.models import Credential, LoginToken, WebSession
from kooperativ.errors import InputError, PermissionDenied
from kooperativ.members.models import Member, MemberStatus
from kooperativ.security import Actor
from kooperativ.services._base import SYSTEM_ACTOR, Service, resolve
from kooperativ.storage.base import UnitOfWork

if TYPE_CHECKING:
    from kooperativ.services._base import Ref

__all__ = [
    "FAILURE_MINUTES",
    "FRESH_METHODS",
    "LINK_MINUTES",
    "MAX_FAILURES",
    "MAX_LINKS",
    "MIN_PASSWORD",
    "REAUTH_MINUTES",
    "SESSION_HOURS",
    "AccessService",
    "Cleanup",
    "SignIn",
    "token_hash",
]

#: How long a session lasts at most (hours).
SESSION_HOURS = 12
#: How long a sign-in link works (minutes).
LINK_MINUTES = 15
#: Failed sign-ins allowed per member within :data:`FAILURE_MINUTES`.
MAX_FAILURES = 5
#: Sign-in links sent per member within :data:`FAILURE_MINUTES`.
MAX_LINKS = 5
#: The window of the rate limits (minutes).
FAILURE_MINUTES = 15
#: The shortest password accepted.
MIN_PASSWORD = 10
#: How recent a sign-in by link must be to count as re-authentication (minutes).
REAUTH_MINUTES = 10

#: argon2id with the library's defaults (RFC 9106's second recommended option).
_HASHER = PasswordHasher()

WRONG = "wrong e-mail address or password"
LOCKED = "too many attempts: wait {minutes} minutes and try again"
LINK_INVALID = "the link is no longer valid: ask for a new one"
REAUTH = "confirm with your password, or sign in again by link and sign within {minutes} minutes"
NO_MEMBER_EMAIL = "no member is registered with this e-mail address"
NO_MEMBER_PERSON = "no member is registered with this personal identity number"
SEVERAL_MEMBERS = "more than one member matches: ask the board to correct the register"
LEFT = "your membership has ended: you can no longer sign in"

#: Sign-ins that prove who the member is at that moment (a one-time link, an identity
#: provider): one less than :data:`REAUTH_MINUTES` old counts as re-authentication.
FRESH_METHODS = ("link", "oidc")


def token_hash(token: str) -> str:
    """The SHA-256 (hex) of a token, as the store keeps it.

    >>> token_hash("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SignIn:
    """A new session: the token for the cookie (shown once), and the stored session."""

    token: str
    session: WebSession
    actor: Actor


@dataclass(frozen=True)
class Cleanup:
    """What :meth:`AccessService.cleanup` deleted."""

    sessions: int
    links: int


class AccessService(Service):
    """Passwords, one-time sign-in links and sessions of the web app."""

    # -- passwords --------------------------------------------------------------------------

    def set_password(self, actor: Actor, member: Ref, password: str) -> Credential:
        """Set ``member``'s password (the administrator, board, or the member themself).

        Resets the failed sign-ins.

        Raises:
            InputError: A password shorter than :data:`MIN_PASSWORD` characters.
            PermissionDenied: Someone else's password, by a member who may not manage.
            NotFoundError: No such member.
        """
        if len(password) < MIN_PASSWORD:
            raise InputError(
                "password", "at least {count} characters are needed", count=MIN_PASSWORD
            )
        digest = _HASHER.hash(password)

        def work(uow: UnitOfWork) -> Credential:
            found = resolve(uow.members, "member", member)
            if not (actor.can_manage or actor.member_id == found.id):
                raise PermissionDenied("{actor} may only set their own password", actor=actor.name)
            old = uow.credentials.of_member(found.id)
            now = self._coop.now()
            if old is None:
                new = Credential(
                    number=uow.credentials.next_number(),
                    member_id=found.id,
                    password_hash=digest,
                    set_at=now,
                )
                uow.credentials.add(new)
            else:
                new = old.evolve(password_hash=digest, set_at=now, failures=0, failures_since=None)
                uow.credentials.update(new)
            self._audit(uow, actor.name, "credential.set", new, old)
            return new

        return self._transaction(work)

    def sign_in_password(self, login: str, password: str) -> SignIn:
        """Sign in with an e-mail address and a password.

        The attempt is counted (``credential.attempt``) before the password is checked,
        and the check (argon2id, slow on purpose) runs outside the write transaction, so
        that one member's sign-in does not hold up every other writer (votes at a
        meeting) and simultaneous guesses cannot pass the rate limit. A right password
        then resets the count (``credential.reset``) and opens the session.

        Raises:
            PermissionDenied: A wrong address or password (the same message for both), a
                member who may not sign in, or too many failed attempts.
        """
        now = self._coop.now()

        def attempt(uow: UnitOfWork) -> tuple[Member | None, str | None]:
            # A refusal here writes nothing: raised, it rolls nothing back.
            member = self._find_login(uow, login)
            if member is None:
                return None, None  # refused below, after as much work as a real check
            return member, self._count_attempt(uow, member, now)

        member, digest = self._transaction(attempt)
        # An unknown address costs the same argon2 work as a wrong password, so that the
        # time taken does not tell who is registered.
        matches = _verify(digest, password)
        if member is None or not matches:
            raise PermissionDenied(WRONG)

        def open_session(uow: UnitOfWork) -> SignIn | None:
            found = uow.members.get(member.id)
            if not self._reset_attempts(uow, found, digest):
                return None  # the password was changed meanwhile
            return self._open_session(uow, found, "password", now)

        signed = self._transaction(open_session)
        if signed is None:
            raise PermissionDenied(WRONG)
        return signed

    # -- one-time links ---------------------------------------------------------------------

    def send_link(
        self,
        login: str,
        link: Callable[[str], str],
        deliver: Callable[[EmailMessage], None],
    ) -> bool:
        """Send a one-time sign-in link to the member with e-mail address ``login``.

        Args:
            login: The e-mail address the member gave.
            link: The link's URL for a token (the web app's address).
            deliver: Sends the message (SMTP, or a file in the outbox folder).

        Returns:
            Whether a link was sent. Nothing is sent to an unknown address, a member who
            may not sign in, or one who asked too often; the web page says the same in
            every case, so that it does not tell who is registered.
        """
        now = self._coop.now()
        token = secrets.token_urlsafe(32)

        def work(uow: UnitOfWork) -> Member | None:
            member = self._find_login(uow, login)
            if member is None or member.email is None:
                return None
            since = now - timedelta(minutes=FAILURE_MINUTES)
            recent = [t for t in uow.login_tokens.of_member(member.id) if t.created_at > since]
            if len(recent) >= MAX_LINKS:
                return None
            new = LoginToken(
                number=uow.login_tokens.next_number(),
                member_id=member.id,
                token_hash=token_hash(token),
                created_at=now,
                expires_at=now + timedelta(minutes=LINK_MINUTES),
            )
            uow.login_tokens.add(new)
            self._audit(uow, member.name, "login_token.send", new, None)
            return member

        member = self._transaction(work)
        if member is None:
            return False
        deliver(self._link_message(member, link(token)))
        return True

    def _link_message(self, member: Member, url: str) -> EmailMessage:
        from kooperativ.i18n import translator

        lang = member.language or self._coop.config.language
        _ = translator(lang, "web")
        name = self._coop.config.governing_body.name
        message = EmailMessage()
        message["Subject"] = _("Sign in to {name}").format(name=name)
        message["To"] = str(member.email)
        message["From"] = str(self._coop.config.employer.email or "no-reply@localhost")
        message.set_content(
            _("Hello {name},").format(name=member.first_name)
            + "\n\n"
            + _(
                "Open this link to sign in to {coop}. It works once, for {minutes} minutes:"
            ).format(coop=name, minutes=LINK_MINUTES)
            + f"\n\n{url}\n\n"
            + _("If you did not ask to sign in, you can ignore this message.")
            + "\n"
        )
        return message

    def sign_in_link(self, token: str) -> SignIn:
        """Sign in with a one-time link's token (which then no longer works).

        Raises:
            PermissionDenied: An unknown, used or expired token, or a member who may not
                sign in.
        """
        now = self._coop.now()
        digest = token_hash(token)

        def work(uow: UnitOfWork) -> SignIn | None:
            found = uow.login_tokens.by_hash(digest)
            if found is None or not found.usable(now):
                return None
            used = found.evolve(used_at=now)
            uow.login_tokens.update(used)
            member = uow.members.get(found.member_id)
            self._audit(uow, member.name, "login_token.use", used, found)
            if not _may_sign_in(member, now):
                return None
            return self._open_session(uow, member, "link", now)

        outcome = self._transaction(work)
        if outcome is None:
            raise PermissionDenied(LINK_INVALID)
        return outcome

    # -- identity providers -----------------------------------------------------------------

    def sign_in_identity(
        self,
        subject: str,
        *,
        email: str | None = None,
        person_id: str | None = None,
        method: str = "oidc",
    ) -> SignIn:
        """Sign in a person an identity provider has authenticated (OpenID Connect).

        The web app has checked the provider's ID token; this finds the one member it
        names, by ``email`` (an address the provider has verified, compared without
        regard to case) or by ``person_id`` (compared in the country's normal form), and
        opens a session as the other sign-ins do (audited as ``web_session.open``, the
        session's method ``method``). It takes no actor: the caller vouches for the
        identity (the web app calls it only with the claims of an ID token it has
        verified), as ``sign_in_password`` vouches for nothing but the password.

        Args:
            subject: The provider's identifier of the person (the ``sub`` claim).
            email: The verified e-mail address, to find the member by.
            person_id: The personal identity number, to find the member by.
            method: How the member signed in, kept on the session.

        Raises:
            TypeError: No ``subject``, or not exactly one of ``email`` and ``person_id``.
            PermissionDenied: No member, more than one, or one whose membership has ended.
        """
        if not subject or (email is None) == (person_id is None):
            raise TypeError("sign_in_identity needs the subject and one of email, person_id")
        wanted: str | None = None
        if person_id is not None:
            try:
                wanted = self._coop.country.validate_person_id(person_id)
            except InputError:
                raise PermissionDenied(NO_MEMBER_PERSON) from None
        now = self._coop.now()

        def work(uow: UnitOfWork) -> SignIn | str:
            if email is not None:
                found = uow.members.with_email(email)
                missing = NO_MEMBER_EMAIL
            else:
                found = [m for m in uow.members.list() if m.person_id == wanted]
                missing = NO_MEMBER_PERSON
            if not found:
                return missing
            if len(found) > 1:
                return SEVERAL_MEMBERS
            if not _may_sign_in(found[0], now):
                return LEFT
            return self._open_session(uow, found[0], method, now)

        outcome = self._transaction(work)
        if isinstance(outcome, SignIn):
            return outcome
        raise PermissionDenied(outcome)

    # -- sessions ---------------------------------------------------------------------------

    def _open_session(self, uow: UnitOfWork, member: Member, method: str, now: datetime) -> SignIn:
        if not _may_sign_in(member, now):
            raise PermissionDenied(WRONG)
        token = secrets.token_urlsafe(32)
        session = WebSession(
            number=uow.web_sessions.next_number(),
            member_id=member.id,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + timedelta(hours=SESSION_HOURS),
            method=method,
        )
        uow.web_sessions.add(session)
        self._audit(uow, member.name, "web_session.open", session, None)
        return SignIn(token, session, Actor.for_member(member.id, member.name, member.roles))

    def actor(self, token: str) -> Actor | None:
        """The member signed in with session ``token``, as an :class:`Actor` with the
        roles the register gives them now; ``None`` for no active session."""
        now = self._coop.now()
        with self._read() as uow:
            session = uow.web_sessions.by_hash(token_hash(token))
            if session is None or not session.active(now):
                return None
            member = uow.members.find(session.member_id)
        if member is None or not _may_sign_in(member, now):
            return None
        return Actor.for_member(member.id, member.name, member.roles)

    def reauthenticate(self, token: str, password: str | None) -> Actor:
        """The member of session ``token``, confirmed again before a weighty step (signing
        a contract): by their password, or — for a member who signs in by link or through
        an identity provider (:data:`FRESH_METHODS`) — by a sign-in less than
        :data:`REAUTH_MINUTES` minutes old.

        A password is checked as at sign-in: the attempt is counted first
        (``credential.attempt``), the argon2 check runs outside the write transaction (it
        holds up no other writer), and a right password resets the count
        (``credential.reset``); a wrong one stays counted, rate-limited as sign-ins are.

        Raises:
            PermissionDenied: No active session, a wrong password, too many attempts, or
                (without a password) a sign-in that is not recent.
        """
        now = self._coop.now()
        digest = token_hash(token)

        def attempt(uow: UnitOfWork) -> tuple[Member, str | None]:
            # A refusal here writes nothing: raised, it rolls nothing back.
            session = uow.web_sessions.by_hash(digest)
            if session is None or not session.active(now):
                raise PermissionDenied(REAUTH, minutes=REAUTH_MINUTES)
            member = uow.members.get(session.member_id)
            if not _may_sign_in(member, now):
                raise PermissionDenied(REAUTH, minutes=REAUTH_MINUTES)
            if not password:
                recent = now - session.created_at < timedelta(minutes=REAUTH_MINUTES)
                if session.method in FRESH_METHODS and recent:
                    return member, None
                raise PermissionDenied(REAUTH, minutes=REAUTH_MINUTES)
            return member, self._count_attempt(uow, member, now)

        member, stored = self._transaction(attempt)
        actor = Actor.for_member(member.id, member.name, member.roles)
        if not password:
            return actor
        if not _verify(stored, password):
            raise PermissionDenied(WRONG)
        if not self._transaction(lambda uow: self._reset_attempts(uow, member, stored)):
            raise PermissionDenied(WRONG)  # the password was changed meanwhile
        return actor

    def _count_attempt(self, uow: UnitOfWork, member: Member, now: datetime) -> str | None:
        """Count a password attempt of ``member`` before the password is checked
        (``credential.attempt``): its stored digest (``None``: no password set).

        Raises:
            PermissionDenied: Too many failed attempts in the window.
        """
        old = uow.credentials.of_member(member.id)
        credential = _window(
            old or Credential(number=uow.credentials.next_number(), member_id=member.id), now
        )
        if credential.failures >= MAX_FAILURES:
            raise PermissionDenied(LOCKED, minutes=FAILURE_MINUTES)
        counted = credential.evolve(
            failures=credential.failures + 1,
            failures_since=credential.failures_since or now,
        )
        if old is None:
            uow.credentials.add(counted)
        else:
            uow.credentials.update(counted)
        self._audit(uow, member.name, "credential.attempt", counted, old)
        return credential.password_hash

    def _reset_attempts(self, uow: UnitOfWork, member: Member, digest: str | None) -> bool:
        """After a right password, clear ``member``'s count (``credential.reset``); false
        when the password was changed since ``digest`` was read."""
        current = uow.credentials.of_member(member.id)
        if current is None or current.password_hash != digest:
            return False
        reset = current.evolve(failures=0, failures_since=None)
        uow.credentials.update(reset)
        self._audit(uow, member.name, "credential.reset", reset, current)
        return True

    def sign_out(self, token: str) -> bool:
        """End the session of ``token`` (revoked: the cookie no longer signs in).

        Returns:
            Whether an active session was ended.
        """
        now = self._coop.now()

        def work(uow: UnitOfWork) -> bool:
            found = uow.web_sessions.by_hash(token_hash(token))
            if found is None or not found.active(now):
                return False
            ended = found.evolve(revoked_at=now)
            uow.web_sessions.update(ended)
            member = uow.members.get(found.member_id)
            self._audit(uow, member.name, "web_session.end", ended, found)
            return True

        return self._transaction(work)

    def revoke(self, actor: Actor, member: Ref) -> int:
        """End every active session of ``member`` (the member or a manager).

        Returns:
            How many sessions were ended.
        """
        now = self._coop.now()

        def work(uow: UnitOfWork) -> int:
            found = resolve(uow.members, "member", member)
            if not (actor.can_manage or actor.member_id == found.id):
                raise PermissionDenied("{actor} may only end their own sessions", actor=actor.name)
            ended = 0
            for session in uow.web_sessions.of_member(found.id):
                if session.active(now):
                    new = session.evolve(revoked_at=now)
                    uow.web_sessions.update(new)
                    self._audit(uow, actor.name, "web_session.end", new, session)
                    ended += 1
            return ended

        return self._transaction(work)

    # -- cleaning up ------------------------------------------------------------------------

    def cleanup(self) -> Cleanup:
        """Delete the sessions that have ended (expired or signed out) and the sign-in
        links that can no longer be used (used or expired).

        A link is kept until it is older than the rate limit's window
        (:data:`FAILURE_MINUTES`), as the links sent within it are counted. Each deletion
        is on the audit trail (``web_session.remove``, ``login_token.remove``). Run by
        ``kooperativ serve`` when it starts and by ``kooperativ access cleanup``; running
        it again deletes nothing more.

        Returns:
            How many sessions and links were deleted.
        """
        now = self._coop.now()
        window = now - timedelta(minutes=FAILURE_MINUTES)

        def work(uow: UnitOfWork) -> Cleanup:
            sessions = [s for s in uow.web_sessions.list() if not s.active(now)]
            links = [
                t for t in uow.login_tokens.list() if not t.usable(now) and t.created_at <= window
            ]
            for session in sessions:
                uow.web_sessions.remove(session)
                self._audit_removal(uow, "web_session.remove", session)
            for link in links:
                uow.login_tokens.remove(link)
                self._audit_removal(uow, "login_token.remove", link)
            return Cleanup(sessions=len(sessions), links=len(links))

        return self._transaction(work)

    def _audit_removal(self, uow: UnitOfWork, action: str, old: LoginToken | WebSession) -> None:
        entity = "web_session" if isinstance(old, WebSession) else "login_token"
        self._record_configuration(uow)
        self._append(uow, SYSTEM_ACTOR, action, entity, str(old.id), old.content_hash(), None)

    # -- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _find_login(uow: UnitOfWork, login: str) -> Member | None:
        text = login.strip().lower()
        if not text or "@" not in text:
            return None
        found = uow.members.with_email(text)
        return found[0] if found else None

    def _audit(
        self,
        uow: UnitOfWork,
        actor: str,
        action: str,
        new: Credential | LoginToken | WebSession,
        old: Credential | LoginToken | WebSession | None,
    ) -> None:
        entity = {Credential: "credential", LoginToken: "login_token", WebSession: "web_session"}
        self._record_configuration(uow)
        self._append(
            uow,
            actor,
            action,
            entity[type(new)],
            str(new.id),
            old.content_hash() if old is not None else None,
            new.content_hash(),
        )


def _window(credential: Credential, now: datetime) -> Credential:
    """The credential with its failures forgotten once their window has passed."""
    since = credential.failures_since
    if since is not None and now - since >= timedelta(minutes=FAILURE_MINUTES):
        return credential.evolve(failures=0, failures_since=None)
    return credential


def _verify(digest: str | None, password: str) -> bool:
    if digest is None:
        # Spend the same time as a real check, so that timing does not tell.
        _HASHER.hash(password)
        return False
    try:
        return _HASHER.verify(digest, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _may_sign_in(member: Member, now: datetime) -> bool:
    """Members and applicants may sign in; those who left may not."""
    return member.status not in (MemberStatus.RESIGNED, MemberStatus.EXCLUDED)

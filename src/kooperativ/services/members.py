# SPDX-License-Identifier: EUPL-1.2
"""The member register (*medlemsregister*).

Members are added, admitted, changed and leave through :class:`MemberService`; each change
is one transaction with its audit event. A member may change their own contact details,
bank account, language and tax table (:meth:`MemberService.update`); the board, the
treasurer and the administrator may change anything.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any, Final

from kooperativ.errors import ConflictError, InputError, PermissionDenied, Term
from kooperativ.members.models import Address, Member, MemberStatus, Role, TaxSettings
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, build, resolve

__all__ = ["KEEP", "OWN_FIELDS", "OWN_TAX_MODES", "MemberService"]


class _Keep(Enum):
    KEEP = "keep"


#: Default of :meth:`MemberService.update`'s arguments: leave the field as it is.
KEEP: Final = _Keep.KEEP

#: The fields a member may change on their own record (contact details, bank, language;
#: the tax mode within :data:`OWN_TAX_MODES`).
OWN_FIELDS = frozenset({"email", "phone", "address", "bank_account", "language", "tax_mode"})

#: The kinds of tax mode (the short form's first part) a member may set on their own
#: record: an ordinary tax table and column, as their tax decision says (``table:33:1``).
#: Every other mode (SINK, an adjusted percentage, side income …) and any change away
#: from one is the board's, the treasurer's or the administrator's.
OWN_TAX_MODES = frozenset({"table"})


def _may_leave(on: date) -> Callable[[Member], None]:
    """The preconditions of a resignation or exclusion from ``on``."""

    def require(member: Member) -> None:
        if member.status in (MemberStatus.RESIGNED, MemberStatus.EXCLUDED):
            raise ConflictError(
                "member {number} has already left ({day})", number=member.number, day=member.left_on
            )
        if member.joined_on and on < member.joined_on:
            raise InputError(
                "on",
                "{day} is before the member joined ({joined})",
                day=on,
                joined=member.joined_on,
            )

    return require


class MemberService(Service):
    """The member register (*medlemsregister*)."""

    def add(
        self,
        actor: Actor,
        *,
        first_name: str,
        last_name: str,
        person_id: str,
        email: str | None = None,
        phone: str | None = None,
        address: Address | Mapping[str, str] | None = None,
        bank_account: str | None = None,
        tax_mode: str | None = None,
        status: MemberStatus | str = MemberStatus.APPLICANT,
        applied_on: date | None = None,
        joined_on: date | None = None,
        roles: frozenset[Role] | None = None,
        number: int | None = None,
    ) -> Member:
        """Register a person as applicant or member.

        Raises:
            InputError: A wrong personnummer, bank account or other field (named).
            ConflictError: The member number or the personnummer is already registered.
            PermissionDenied: The actor is not board, treasurer or admin.
        """
        actor.require_manager("add members")
        country = self._coop.country
        pid = country.validate_person_id(person_id, "person_id", on=self._coop.now().date())
        account = self._bank_account(bank_account) if bank_account else None
        status = MemberStatus(status) if isinstance(status, str) else status
        if status is MemberStatus.MEMBER and joined_on is None:
            raise InputError("joined_on", "a member needs the date they joined")
        if tax_mode is not None:
            tax_mode = self._coop.validate_tax_mode(tax_mode, "tax_mode")
        with self._uow() as uow:
            other = uow.members.by_person_id(pid)
            if other is not None:
                raise ConflictError(
                    "person_id: already registered as member {number}", number=other.number
                )
            if number is not None and uow.members.by_number(number) is not None:
                raise ConflictError(
                    "number: member number {number} is already taken", number=number
                )
            data: dict[str, Any] = {
                "number": number if number is not None else uow.members.next_number(),
                "first_name": first_name,
                "last_name": last_name,
                "person_id": pid,
                "birth_date": country.birth_date(pid),
                "email": email,
                "phone": phone,
                "address": address,
                "bank_account": account,
                "status": status,
                "applied_on": applied_on,
                "joined_on": joined_on,
                "roles": (roles or frozenset()) | {Role.MEMBER},
            }
            if tax_mode is not None:
                data["tax"] = TaxSettings(mode=tax_mode)
            member = build(Member, data)
            uow.members.add(member)
            self._record(uow, actor, "member.add", None, member)
        return member

    def get(self, actor: Actor, ref: Ref) -> Member:
        """A member by number or id (a member may only see themself)."""
        with self._read() as uow:
            member = resolve(uow.members, "member", ref)
        actor.require_access(member.id, "member record")
        return member

    def list(self, actor: Actor, status: MemberStatus | str | None = None) -> list[Member]:
        """Members ordered by number; a member without a role sees only themself."""
        wanted = MemberStatus(status) if isinstance(status, str) else status
        with self._read() as uow:
            if not actor.can_read_all:
                own = None if actor.member_id is None else uow.members.find(actor.member_id)
                members = [] if own is None else [own]
            elif wanted is None:
                members = uow.members.list()  # the whole register, as asked
            else:
                members = uow.members.with_status(wanted)
        return [
            m
            for m in members
            if (actor.can_read_all or m.id == actor.member_id)
            and (wanted is None or m.status is wanted)
        ]

    def _change(
        self,
        actor: Actor,
        ref: Ref,
        action: str,
        require: Callable[[Member], None] | None = None,
        **changes: Any,
    ) -> Member:
        # The preconditions are checked again on the member as read inside the write unit of
        # work: a change made meanwhile by someone else is seen, never overwritten.
        with self._uow() as uow:
            before = resolve(uow.members, "member", ref)
            if require is not None:
                require(before)
            after = build(Member, {**before.model_dump(), **changes}) if changes else before
            if after == before:
                return before  # nothing changes: no write, no audit event
            uow.members.update(after)
            self._record(uow, actor, action, before, after)
        return after

    def _bank_account(self, text: str) -> str:
        validate = getattr(self._coop.country, "validate_bank_account", None)
        return str(validate(text, "bank_account")) if validate else text

    def update(
        self,
        actor: Actor,
        ref: Ref,
        *,
        email: str | _Keep | None = KEEP,
        phone: str | _Keep | None = KEEP,
        address: Address | Mapping[str, str] | _Keep | None = KEEP,
        bank_account: str | _Keep | None = KEEP,
        tax_mode: str | _Keep = KEEP,
        language: str | _Keep | None = KEEP,
    ) -> Member:
        """Change a member's contact details, bank account, tax mode or language.

        An argument left out keeps its value; ``None`` clears it. Everything is validated
        before anything is written, and the change is one transaction with one audit event
        (``member.update``); a change to the same values writes nothing.

        Args:
            actor: The member themself (contact details, bank account, language, and an
                ordinary table tax mode, :data:`OWN_TAX_MODES`) or a manager (anything).
            ref: The member's number or id.
            email: E-mail address.
            phone: Telephone number.
            address: Postal address (``street``, ``postal_code``, ``city``).
            bank_account: The account the salary is paid to, as the country writes it
                (Sweden: clearing number and account number, ``5001-1234563``).
            tax_mode: The tax decision, e.g. ``table:34:1`` (table 34, column 1).
            language: The language the member reads (``sv``, ``en`` …).

        Raises:
            InputError: Nothing to change, or a wrong value (the field is named).
            PermissionDenied: A member changing another member, or setting their own tax
                mode to anything but an ordinary table, or away from a mode the board set.
            NotFoundError: No such member.
        """
        changes: dict[str, Any] = {
            name: value
            for name, value in (
                ("email", email),
                ("phone", phone),
                ("address", address),
                ("bank_account", bank_account),
                ("tax_mode", tax_mode),
                ("language", language),
            )
            if value is not KEEP
        }
        if not changes:
            raise InputError("update", "give at least one field to change")
        member = self.get(actor, ref)
        if not actor.can_manage:
            if actor.member_id != member.id:
                raise PermissionDenied(
                    "{actor} may only change their own member record", actor=actor.name
                )
            refused = sorted(set(changes) - OWN_FIELDS)
            if refused:
                raise PermissionDenied(
                    "{actor} may not change {field} (board, treasurer or admin only)",
                    actor=actor.name,
                    field=Term(refused[0]),
                )
        for name in ("email", "phone"):
            if isinstance(changes.get(name), str) and not changes[name].strip():
                changes[name] = None  # an empty text clears the field
        if isinstance(changes.get("bank_account"), str):
            text = changes["bank_account"]
            changes["bank_account"] = self._bank_account(text) if text.strip() else None
        if "tax_mode" in changes:
            mode = changes.pop("tax_mode")
            if not isinstance(mode, str) or not mode.strip():
                raise InputError("tax_mode", "is required")
            normal = self._coop.validate_tax_mode(mode, "tax_mode")
            if not actor.can_manage:
                self._require_own_tax_mode(actor, member, normal)
            changes["tax"] = member.tax.model_copy(update={"mode": normal})
        if isinstance(changes.get("language"), str):
            changes["language"] = _language(changes["language"])
        return self._change(actor, member.id, "member.update", **changes)

    @staticmethod
    def _require_own_tax_mode(actor: Actor, member: Member, mode: str) -> None:
        """Refuse a member's own tax mode outside :data:`OWN_TAX_MODES`, or a change away
        from a mode only an officer may set (the member's SINK or adjustment stays)."""
        current = member.tax.mode
        for wanted in (mode, current):
            if wanted is not None and wanted.split(":")[0] not in OWN_TAX_MODES:
                raise PermissionDenied(
                    "{actor} may set only a tax table and column as their tax mode, not "
                    "{mode} (board, treasurer or admin only)",
                    actor=actor.name,
                    mode=wanted,
                )

    def masked(self, member: Member) -> Member:
        """A copy of ``member`` for display: personal identity number and bank account
        masked the country's way. For showing only; never pass it back to a service."""
        return member.model_copy(
            update={
                "person_id": self._coop.mask_person_id(member.person_id),
                "bank_account": (
                    self._coop.mask_bank_account(member.bank_account)
                    if member.bank_account
                    else None
                ),
            }
        )

    def may_see_personal_data(self, actor: Actor, member: Member) -> bool:
        """Whether ``actor`` may see ``member``'s identity number and bank account in full:
        the member themself, and the roles that read the whole register."""
        return actor.can_read_all or actor.member_id == member.id

    def admit(self, actor: Actor, ref: Ref, on: date) -> Member:
        """Admit an applicant as member from ``on`` (a board decision)."""
        actor.require_manager("admit members")

        def require(member: Member) -> None:
            if member.status is not MemberStatus.APPLICANT:
                raise ConflictError(
                    "member {number} is {status}, not applicant",
                    number=member.number,
                    status=Term(member.status.value),
                )

        return self._change(
            actor, ref, "member.admit", require, status=MemberStatus.MEMBER, joined_on=on
        )

    def resign(self, actor: Actor, ref: Ref, on: date) -> Member:
        """Record a resignation (*utträde*) from ``on``; the member or a manager may do it."""
        member = self.get(actor, ref)
        if not (actor.can_manage or actor.member_id == member.id):
            raise PermissionDenied("{actor} may not resign another member", actor=actor.name)
        return self._change(
            actor, ref, "member.resign", _may_leave(on), status=MemberStatus.RESIGNED, left_on=on
        )

    def exclude(self, actor: Actor, ref: Ref, on: date) -> Member:
        """Record an exclusion (*uteslutning*) from ``on``, as decided under the bylaws.

        The decision itself is taken at a meeting (see the governance service, decision
        type ``exclusion``); this records its effect on the register.

        Raises:
            PermissionDenied: The actor is not board, treasurer or admin.
            ConflictError: The member has already left.
        """
        actor.require_manager("exclude members")
        return self._change(
            actor, ref, "member.exclude", _may_leave(on), status=MemberStatus.EXCLUDED, left_on=on
        )

    def set_roles(self, actor: Actor, ref: Ref, roles: frozenset[Role]) -> Member:
        """Set the roles a member holds (board, treasurer …)."""
        actor.require_manager("change roles")
        return self._change(actor, ref, "member.roles", roles=roles | {Role.MEMBER})

    def check(self, on: date) -> Sequence[Problem]:
        """Duplicate personnummer; members without a bank account for their salary."""
        problems: builtins.list[Problem] = []
        seen: dict[str, int] = {}
        with self._read() as uow:
            # A full check: a duplicate can be any pair, so every member is read once.
            members = uow.members.list()
        for member in members:
            place = ("member", member.number)
            if member.person_id in seen:
                problems.append(
                    Problem.of(
                        "error",
                        place,
                        "same personnummer as member {other}",
                        other=seen[member.person_id],
                        code="member.duplicate_person_id",
                    )
                )
            seen[member.person_id] = member.number
            if member.status is MemberStatus.MEMBER and not member.bank_account:
                problems.append(
                    Problem.of(
                        "warning",
                        place,
                        "no bank account for salary",
                        code="member.no_bank_account",
                    )
                )
        return problems


def _language(text: str) -> str:
    """``text`` if catalogs are installed for it (the languages a member can read)."""
    from kooperativ.i18n import available_languages

    value = text.strip()
    if value not in available_languages():
        raise InputError(
            "language",
            "{value!r} is not supported (choose {known})",
            value=value,
            known=", ".join(available_languages()),
        )
    return value

# SPDX-License-Identifier: EUPL-1.2
"""The member register (*medlemsregister*)."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from kooperativ.errors import ConflictError, InputError, PermissionDenied
from kooperativ.members.models import Address, Member, MemberStatus, Role, TaxSettings
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, build, resolve


def _may_leave(on: date) -> Callable[[Member], None]:
    """The preconditions of a resignation or exclusion from ``on``."""

    def require(member: Member) -> None:
        if member.status in (MemberStatus.RESIGNED, MemberStatus.EXCLUDED):
            raise ConflictError(f"member {member.number} has already left ({member.left_on})")
        if member.joined_on and on < member.joined_on:
            raise InputError("on", f"{on} is before the member joined ({member.joined_on})")

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
        pid = country.validate_person_id(person_id, "person_id")
        account = None
        if bank_account:
            validate = getattr(country, "validate_bank_account", None)
            account = validate(bank_account, "bank_account") if validate else bank_account
        status = MemberStatus(status) if isinstance(status, str) else status
        if status is MemberStatus.MEMBER and joined_on is None:
            raise InputError("joined_on", "a member needs the date they joined")
        if tax_mode is not None:
            self._coop.validate_tax_mode(tax_mode)
        with self._uow() as uow:
            other = uow.members.by_person_id(pid)
            if other is not None:
                raise ConflictError(f"person_id: already registered as member {other.number}")
            if number is not None and uow.members.by_number(number) is not None:
                raise ConflictError(f"number: member number {number} is already taken")
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
            members = uow.members.list() if wanted is None else uow.members.with_status(wanted)
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
            after = before.evolve(**changes) if changes else before
            uow.members.update(after)
            self._record(uow, actor, action, before, after)
        return after

    def admit(self, actor: Actor, ref: Ref, on: date) -> Member:
        """Admit an applicant as member from ``on`` (a board decision)."""
        actor.require_manager("admit members")

        def require(member: Member) -> None:
            if member.status is not MemberStatus.APPLICANT:
                raise ConflictError(
                    f"member {member.number} is {member.status.value}, not applicant"
                )

        return self._change(
            actor, ref, "member.admit", require, status=MemberStatus.MEMBER, joined_on=on
        )

    def resign(self, actor: Actor, ref: Ref, on: date) -> Member:
        """Record a resignation (*utträde*) from ``on``; the member or a manager may do it."""
        member = self.get(actor, ref)
        if not (actor.can_manage or actor.member_id == member.id):
            raise PermissionDenied(f"{actor.name} may not resign another member")
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
                    )
                )
            seen[member.person_id] = member.number
            if member.status is MemberStatus.MEMBER and not member.bank_account:
                problems.append(Problem.of("warning", place, "no bank account for salary"))
        return problems

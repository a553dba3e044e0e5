# SPDX-License-Identifier: EUPL-1.2
"""Governance (*föreningsstyrning*): bylaws, membership fees, the röstlängd, meetings.

The board (or the administrator) creates and runs meetings; each member votes for
themself, and a proxy for the members whose mandate they hold. Every step loads the
meeting, applies a pure step of :mod:`kooperativ.governance.meeting` under the bylaws in
force on the meeting date, and writes the meeting and one audit event in a single
transaction. The lot seed for a count is drawn here (:mod:`secrets`) and recorded in the
meeting, so anyone can repeat the drawing.
"""

from __future__ import annotations

import builtins
import secrets
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from kooperativ.errors import ConfigError, ConflictError, InputError, PermissionDenied
from kooperativ.governance import meeting as steps
from kooperativ.governance.bylaws import BYLAWS_FILE, Bylaws, DecisionType, RuleSet, load_bylaws
from kooperativ.governance.meeting import Meeting, MeetingKind, PreviousReading
from kooperativ.governance.register import MembershipFee, Roll, voting_roll
from kooperativ.governance.tally import ElectionMethod
from kooperativ.governance.verify import (
    VerifyReport,
    dump_meeting,
    load_meeting,
    parse_record,
    verify_meeting,
)
from kooperativ.members.models import Member
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, resolve
from kooperativ.storage.base import Repository, UnitOfWork

__all__ = ["GovernanceService"]

Step = Callable[[Meeting, RuleSet], Meeting]


def _meetings(uow: UnitOfWork) -> Repository[Meeting]:
    return uow.repository("meeting")  # type: ignore[return-value]


def _fees(uow: UnitOfWork) -> Repository[MembershipFee]:
    return uow.repository("membership_fee")  # type: ignore[return-value]


class GovernanceService(Service):
    """Bylaws, membership fees, the röstlängd and meetings."""

    _bylaws: Bylaws | None = None

    # -- bylaws -----------------------------------------------------------------------------

    @property
    def bylaws_file(self) -> Path:
        """``bylaws.toml`` in the cooperative's folder."""
        return self._coop.require_folder(BYLAWS_FILE) / BYLAWS_FILE

    def bylaws(self) -> Bylaws:
        """The cooperative's bylaws, read once.

        Raises:
            ConfigError: ``bylaws.toml`` is missing or wrong (file, key path, reason).
        """
        if self._bylaws is None:
            self._bylaws = load_bylaws(self.bylaws_file)
        return self._bylaws

    def rules_on(self, day: date) -> RuleSet:
        """The rules in force on ``day``."""
        return self.bylaws().rules_on(day)

    # -- membership fees and the röstlängd -----------------------------------------------------

    def pay_fee(
        self,
        actor: Actor,
        member: Ref,
        *,
        year: int,
        amount: Decimal | str,
        paid_on: date,
    ) -> MembershipFee:
        """Record a membership fee (*medlemsavgift*) paid for ``year``.

        Raises:
            PermissionDenied: The actor is not board, treasurer or admin.
            ConflictError: The member's fee for ``year`` is already recorded.
        """
        actor.require_manager("record membership fees")
        with self._uow() as uow:
            person = resolve(uow.members, "member", member)
            repo = _fees(uow)
            if any(f.member_id == person.id and f.year == year for f in repo.list()):
                raise ConflictError(f"member {person.number}'s fee for {year} is already recorded")
            fee = MembershipFee(
                number=repo.next_number(),
                member_id=person.id,
                year=year,
                amount=amount,  # validated to Decimal
                paid_on=paid_on,
            )
            repo.add(fee)
            self._record(uow, actor, "membership_fee.pay", None, fee)
        return fee

    def fees(self, actor: Actor, member: Ref | None = None) -> list[MembershipFee]:
        """Fee payments, ordered by number (a member sees only their own)."""
        with self._uow() as uow:
            wanted = None if member is None else resolve(uow.members, "member", member).id
            found = _fees(uow).list()
        return [
            f
            for f in found
            if (wanted is None or f.member_id == wanted)
            and (actor.can_read_all or f.member_id == actor.member_id)
        ]

    def roll(self, actor: Actor, on: date) -> Roll:
        """The röstlängd on ``on``, computed from the register and the fees paid by then."""
        with self._uow() as uow:
            members, fees = uow.members.list(), _fees(uow).list()
        return voting_roll(members, fees, self.rules_on(on).voting_rights, on)

    # -- meetings -------------------------------------------------------------------------------

    def create(
        self,
        actor: Actor,
        *,
        kind: MeetingKind | str,
        held_on: date,
        title: str = "",
        location: str | None = None,
        requested_by: Sequence[Ref] = (),
        auditor_requested: bool = False,
        opened_on: date | None = None,
    ) -> Meeting:
        """Create an annual, extra, board or digital meeting with its default agenda.

        Raises:
            PermissionDenied: The actor is not board or admin.
            InputError: No bylaws in force on ``held_on``; a digital decision the bylaws
                do not allow.
        """
        actor.require_manager("create meetings")
        rules = self.rules_on(held_on)
        with self._uow() as uow:
            requesters = [str(resolve(uow.members, "member", r).id) for r in requested_by]
            if auditor_requested:
                requesters.append("auditor")
            meeting = steps.new_meeting(
                _meetings(uow).next_number(),
                kind,
                held_on,
                rules,
                title=title,
                location=location,
                register=uow.members.list(),
                fees=_fees(uow).list(),
                requested_by=requesters,
                opened_on=opened_on,
            )
            _meetings(uow).add(meeting)
            self._record(uow, actor, "meeting.create", None, meeting)
        return meeting

    def get(self, actor: Actor, ref: Ref) -> Meeting:
        """A meeting by number or id (every member may read the meeting records)."""
        with self._uow() as uow:
            return resolve(_meetings(uow), "meeting", ref)

    def list(self, actor: Actor) -> builtins.list[Meeting]:
        """Every meeting, by number."""
        with self._uow() as uow:
            return _meetings(uow).list()

    def _change(
        self,
        actor: Actor,
        ref: Ref,
        action: str,
        step: Callable[[Meeting, RuleSet, UnitOfWork], Meeting],
    ) -> Meeting:
        with self._uow() as uow:
            before = resolve(_meetings(uow), "meeting", ref)
            rules = self.rules_on(before.held_on)
            after = step(before, rules, uow)
            if after != before:
                _meetings(uow).update(after)
                self._record(uow, actor, action, before, after)
        return after

    @staticmethod
    def _member(uow: UnitOfWork, ref: Ref) -> Member:
        return resolve(uow.members, "member", ref)

    def notice(
        self,
        actor: Actor,
        ref: Ref,
        *,
        sent_on: date,
        method: str,
        matters: Sequence[str] = (),
    ) -> tuple[Meeting, builtins.list[str]]:
        """Record the notice (*kallelse*) and check it against the bylaws.

        Returns:
            The meeting and the problems found (empty: duly called).
        """
        actor.require_manager("send notices")
        found: builtins.list[str] = []

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            updated, problems = steps.record_notice(m, rules, sent_on, method, matters)
            found.extend(problems)
            return updated

        return self._change(actor, ref, "meeting.notice", step), found

    def officers(
        self,
        actor: Actor,
        ref: Ref,
        *,
        chair: str | None = None,
        secretary: str | None = None,
        adjusters: Sequence[str] | None = None,
    ) -> Meeting:
        """Record the chair, secretary and adjusters (*justerare*) the meeting elected."""
        actor.require_manager("run meetings")
        return self._change(
            actor,
            ref,
            "meeting.officers",
            lambda m, r, u: steps.set_officers(
                m, chair=chair, secretary=secretary, adjusters=adjusters
            ),
        )

    def _refresh(self, meeting: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
        if steps._voting_started(meeting):
            return meeting
        return steps.refresh_register(meeting, rules, uow.members.list(), _fees(uow).list())

    def attend(self, actor: Actor, ref: Ref, members: Sequence[Ref]) -> Meeting:
        """Record members as present; a member may record only themself."""

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            ids = [self._member(uow, r).id for r in members]
            if not actor.can_manage and any(i != actor.member_id for i in ids):
                raise PermissionDenied(f"{actor.name} may only record their own attendance")
            return steps.attend(self._refresh(m, rules, uow), rules, ids)

        return self._change(actor, ref, "meeting.attend", step)

    def proxy(
        self,
        actor: Actor,
        ref: Ref,
        *,
        principal: Ref,
        proxy: Ref | None = None,
        proxy_name: str | None = None,
        dated: date,
        written: bool = True,
    ) -> Meeting:
        """Record a proxy's mandate (*fullmakt*), validated against the bylaws."""
        actor.require_manager("record proxies")

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            principal_id = self._member(uow, principal).id
            proxy_id = None if proxy is None else self._member(uow, proxy).id
            return steps.add_proxy(
                self._refresh(m, rules, uow),
                rules,
                principal_id,
                proxy_id=proxy_id,
                proxy_name=proxy_name,
                dated=dated,
                written=written,
            )

        return self._change(actor, ref, "meeting.proxy", step)

    def _previous(
        self, uow: UnitOfWork, meeting: Meeting, previous: tuple[Ref, int]
    ) -> PreviousReading:
        earlier = resolve(_meetings(uow), "meeting", previous[0])
        motion = earlier.motion(previous[1])
        general = (MeetingKind.ANNUAL, MeetingKind.EXTRA)
        between = [
            m
            for m in _meetings(uow).list()
            if m.kind in general and earlier.held_on < m.held_on < meeting.held_on
        ]
        return PreviousReading(
            meeting=earlier.number,
            held_on=earlier.held_on,
            kind=earlier.kind,
            motion=motion.number,
            outcome=motion.outcome or "undecided",
            consecutive=not between,
        )

    def motion(
        self,
        actor: Actor,
        ref: Ref,
        *,
        title: str,
        text: str = "",
        type: DecisionType | str = DecisionType.ORDINARY,
        proposer: str | None = None,
        by_board: bool = True,
        submitted_on: date | None = None,
        item: str | None = None,
        previous: tuple[Ref, int] | None = None,
    ) -> Meeting:
        """Add a board proposal or a member's motion.

        Args:
            previous: ``(meeting, motion)`` of the first reading of a bylaw amendment the
                bylaws want decided at two consecutive meetings.
        """
        actor.require_manager("put matters on the agenda")

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            reading = None if previous is None else self._previous(uow, m, previous)
            return steps.add_motion(
                m,
                rules,
                title=title,
                text=text,
                type=type,
                proposer=proposer,
                by_board=by_board,
                submitted_on=submitted_on,
                item=item,
                previous=reading,
            )

        return self._change(actor, ref, "meeting.motion", step)

    def amend(
        self, actor: Actor, ref: Ref, motion: int, text: str, proposer: str | None = None
    ) -> Meeting:
        """Add an amendment to a motion (the board, or any member present)."""

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            if not actor.can_manage and actor.member_id not in m.present:
                raise PermissionDenied(f"{actor.name} is not present at the meeting")
            return steps.amend(
                m, motion, text, proposer or (None if actor.can_manage else actor.name)
            )

        return self._change(actor, ref, "meeting.amend", step)

    def acclaim(
        self, actor: Actor, ref: Ref, motion: int, outcome: Literal["adopted", "rejected"]
    ) -> Meeting:
        """Record a motion decided by acclamation, as the chair declared it."""
        actor.require_manager("run meetings")
        return self._change(
            actor,
            ref,
            "meeting.acclaim",
            lambda m, r, u: steps.decide_by_acclamation(m, motion, outcome),
        )

    def election(
        self,
        actor: Actor,
        ref: Ref,
        *,
        office: str,
        seats: int,
        candidates: Sequence[str],
        method: ElectionMethod | str | None = None,
        secret: bool = False,
        requested_by: Ref | None = None,
    ) -> Meeting:
        """Add an election; ``secret`` when a voting member (``requested_by``) asks."""
        actor.require_manager("run meetings")

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            who = None if requested_by is None else self._member(uow, requested_by).id
            return steps.add_election(
                m,
                rules,
                office=office,
                seats=seats,
                candidates=candidates,
                method=method,
                secret=secret,
                requested_by=who,
            )

        return self._change(actor, ref, "meeting.election", step)

    def request_secret(self, actor: Actor, ref: Ref, election: int) -> Meeting:
        """A voting member asks for a secret ballot in ``election``."""

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            return steps.request_secret(m, rules, election, actor.member_id)

        return self._change(actor, ref, "meeting.secret", step)

    def vote(
        self,
        actor: Actor,
        ref: Ref,
        *,
        choice: str | Sequence[str],
        motion: int | None = None,
        election: int | None = None,
        member: Ref | None = None,
        proxy: Ref | None = None,
    ) -> Meeting:
        """Cast a vote.

        A member votes for themself (``member`` unset) or, as proxy, for a principal
        (``member`` = the principal). The board or the administrator may enter votes for
        anyone (a hand count or paper ballots): then ``member`` is the voter and ``proxy``
        the proxy who cast it, if any.

        Raises:
            PermissionDenied: A member voting for someone whose mandate they do not hold.
            InputError: The voter has no vote, is absent and unrepresented, or the choice
                is not valid.
            ConflictError: The voter has already voted here.
        """

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            voter_id = None if member is None else self._member(uow, member).id
            proxy_id = None if proxy is None else self._member(uow, proxy).id
            if actor.can_manage and voter_id is not None:
                # The secretary enters a vote cast at the meeting.
                cast_by = proxy_id if proxy_id is not None else None
                via = proxy_id is not None or voter_id not in m.present
                return steps.cast_vote(
                    m,
                    rules,
                    voter=voter_id,
                    choice=choice,
                    motion=motion,
                    election=election,
                    cast_by=cast_by,
                    via_mandate=via,
                )
            if actor.member_id is None:
                raise InputError("member", "name the member whose vote this is")
            if proxy_id is not None and proxy_id != actor.member_id:
                raise PermissionDenied(f"{actor.name} may not vote as another member's proxy")
            return steps.cast_vote(
                m,
                rules,
                voter=voter_id or actor.member_id,
                choice=choice,
                motion=motion,
                election=election,
                cast_by=actor.member_id,
            )

        return self._change(actor, ref, "meeting.vote", step)

    def count(
        self,
        actor: Actor,
        ref: Ref,
        *,
        motion: int | None = None,
        election: int | None = None,
        chair_vote: str | None = None,
        seed: str | None = None,
    ) -> Meeting:
        """Count a motion's current poll or an election (the lot seed is drawn and recorded).

        Raises:
            InputError: Equal votes where the chair's casting vote is needed and none given.
        """
        actor.require_manager("count votes")
        lot_seed = seed or secrets.token_hex(8)

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            if (motion is None) == (election is None):
                raise InputError("item", "count one motion or one election")
            if motion is not None:
                return steps.count_motion(m, rules, motion, seed=lot_seed, chair_vote=chair_vote)
            assert election is not None  # for mypy: checked above
            return steps.count_election(m, rules, election, seed=lot_seed)

        return self._change(actor, ref, "meeting.count", step)

    def reserve(
        self, actor: Actor, ref: Ref, item: str, text: str = "", member: Ref | None = None
    ) -> Meeting:
        """Record a reservation (*reservation*) against a decision."""

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            who = actor.member_id if member is None else self._member(uow, member).id
            if who is None:
                raise InputError("member", "name the member who reserves themself")
            if who != actor.member_id and not actor.can_manage:
                raise PermissionDenied(f"{actor.name} may only enter their own reservation")
            return steps.reserve(m, who, item, text)

        return self._change(actor, ref, "meeting.reserve", step)

    def close(self, actor: Actor, ref: Ref) -> Meeting:
        """Close the meeting; polls and elections with votes still uncounted are counted.

        Raises:
            ConflictError: A motion or election has no vote at all and is not decided.
        """
        actor.require_manager("close meetings")

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            for motion in m.motions:
                while (
                    not m.motion(motion.number).decided
                    and m.motion(motion.number).next_poll().box.voters
                ):
                    m = steps.count_motion(m, rules, motion.number, seed=secrets.token_hex(8))
            for election in m.elections:
                if not election.decided and election.box.voters:
                    m = steps.count_election(m, rules, election.number, seed=secrets.token_hex(8))
            return steps.close_meeting(m)

        return self._change(actor, ref, "meeting.close", step)

    # -- records, verification, minutes -----------------------------------------------------

    def export(self, actor: Actor, ref: Ref, format: Literal["toml", "json"] = "toml") -> str:
        """The meeting record as TOML or JSON text."""
        return dump_meeting(self.get(actor, ref), format)

    def import_record(
        self,
        actor: Actor,
        text: str,
        format: Literal["toml", "json"] = "toml",
    ) -> Meeting:
        """Store a meeting record from a file (e.g. a meeting held on paper).

        The record keeps its number if free (else gets the next one) and a new id if its
        id is taken.

        Raises:
            ValidationFailed: The record is malformed.
            ConflictError: A meeting with the same id exists.
        """
        actor.require_manager("import meetings")
        meeting = load_meeting(parse_record(text, format), self.bylaws())
        with self._uow() as uow:
            repo = _meetings(uow)
            if repo.find(meeting.id) is not None:
                raise ConflictError(f"meeting {meeting.id} is already stored")
            if repo.by_number(meeting.number) is not None:
                meeting = meeting.model_copy(update={"number": repo.next_number()})
            repo.add(meeting)
            self._record(uow, actor, "meeting.import", None, meeting)
        return meeting

    def verify(self, actor: Actor, ref: Ref) -> VerifyReport:
        """Re-tally the meeting from scratch and list every rule breach."""
        return verify_meeting(self.get(actor, ref), self.bylaws())

    def minutes(
        self,
        actor: Actor,
        ref: Ref,
        *,
        lang: str | None = None,
        format: Literal["pdf", "md"] = "pdf",
    ) -> bytes:
        """The minutes (*protokoll*) as PDF bytes or Markdown (UTF-8)."""
        from kooperativ.documents.minutes import minutes_markdown, minutes_pdf

        meeting = self.get(actor, ref)
        language = lang or self._coop.config.language
        bylaws = self.bylaws()
        name = self._coop.config.governing_body.name
        if format == "md":
            return minutes_markdown(meeting, bylaws, language, association=name).encode("utf-8")
        return minutes_pdf(meeting, bylaws, language, association=name)

    def check(self, on: date) -> Sequence[Problem]:
        """``bylaws.toml`` valid, citing §§ of ``stadgar.md``, with rules in force on ``on``."""
        given = self._bylaws if self._coop.folder is None else None  # from_config(bylaws=)
        if given is None and (self._coop.folder is None or not self.bylaws_file.exists()):
            return [Problem.of("warning", (BYLAWS_FILE, ""), "no bylaws: meetings cannot be held")]
        try:
            bylaws = given or load_bylaws(self.bylaws_file)
        except ConfigError as error:
            return [Problem("error", BYLAWS_FILE, str(error))]
        if not any(rules.in_force(on) for rules in bylaws.rules):
            periods = ", ".join(f"{r.valid_from}–{r.valid_to or ''}" for r in bylaws.rules)
            return [
                Problem.of(
                    "error",
                    (BYLAWS_FILE, ""),
                    "no bylaws are in force on {day} (periods: {periods})",
                    day=on,
                    periods=periods,
                )
            ]
        return []

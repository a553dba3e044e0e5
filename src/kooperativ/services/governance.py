# SPDX-License-Identifier: EUPL-1.2
"""Governance (*föreningsstyrning*): bylaws, membership fees, the röstlängd, meetings.

The board (or the administrator) creates and runs meetings; each member votes for
themself, and a proxy for the members whose mandate they hold; an officer may enter paper
ballots, recorded as such. Every step loads the meeting, applies a pure step of the
:mod:`kooperativ.governance` modules under the bylaws in force on the meeting date, and
writes the meeting and one audit event in a single transaction. The lot seed for a count
is drawn here (:mod:`secrets`) and recorded in the meeting, so anyone can repeat the
drawing.

A secret ballot's ballots go into the store's ballot box (``uow.ballot_boxes``) in the
same transaction as the meeting's record that the voter has voted, sealed with the ballot
key when one is configured (:mod:`kooperativ.governance.secrecy`); no audit event names a
ballot. The count opens the box into the meeting record and empties it, in one transaction.

Who may see what: the board, treasurer, administrator and auditor read every meeting; a
member reads the general meetings (annual, extra, digital) and not the board's.
"""

from __future__ import annotations

import builtins
import secrets
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Literal

from kooperativ.errors import ConfigError, ConflictError, InputError, PermissionDenied
from kooperativ.governance import counting, notice, proceedings, proxies, voting
from kooperativ.governance.bylaws import BYLAWS_FILE, Bylaws, DecisionType, RuleSet, load_bylaws
from kooperativ.governance.findings import item_phrase
from kooperativ.governance.meeting import BallotBox, Meeting, MeetingKind, PreviousReading
from kooperativ.governance.record_file import (
    RecordFormat,
    dump_meeting,
    load_meeting,
    parse_record,
)
from kooperativ.governance.register import MembershipFee, Roll, voting_roll
from kooperativ.governance.secrecy import BallotSeal, open_ballot, plain_ballot
from kooperativ.governance.tally import ElectionMethod
from kooperativ.governance.verify import VerifyReport, verify_meeting
from kooperativ.governance.voting import Ballot, ballot_size
from kooperativ.members.models import Member, MemberStatus
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, build, resolve
from kooperativ.storage.base import UnitOfWork
from kooperativ.storage.query import Eq, one_of

__all__ = ["GovernanceService"]

Step = Callable[[Meeting, RuleSet], Meeting]

#: Meetings an ordinary member may read: the general meetings, not the board's.
_MEMBER_READS = frozenset({MeetingKind.ANNUAL, MeetingKind.EXTRA, MeetingKind.DIGITAL})


def _box(meeting: Meeting, item: str) -> str:
    """The name of a ballot box in the store: the meeting's id and the item."""
    return f"{meeting.id}/{item}"


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
            repo = uow.membership_fees
            fee = build(
                MembershipFee,
                {
                    "number": repo.next_number(),
                    "member_id": person.id,
                    "year": year,
                    "amount": amount,
                    "paid_on": paid_on,
                },
            )
            if repo.of_member_for_year(person.id, year) is not None:
                raise ConflictError(
                    "member {number}'s fee for {year} is already recorded",
                    number=person.number,
                    year=year,
                )
            repo.add(fee)
            self._record(uow, actor, "membership_fee.pay", None, fee)
        return fee

    def fees(self, actor: Actor, member: Ref | None = None) -> list[MembershipFee]:
        """Fee payments, ordered by number (a member sees only their own)."""
        self._require_reader(actor)
        with self._read() as uow:
            wanted = None if member is None else resolve(uow.members, "member", member).id
            if wanted is not None:
                actor.require_access(wanted, "membership fees")
            if wanted is None and not actor.can_read_all:
                wanted = actor.member_id
            # Every payment only for a reader asking for all of them.
            found = (
                uow.membership_fees.list()
                if wanted is None
                else uow.membership_fees.of_member(wanted)
            )
        return [f for f in found if actor.can_read_all or f.member_id == actor.member_id]

    def roll(self, actor: Actor, on: date) -> Roll:
        """The röstlängd on ``on``, computed from the register and the fees paid by then.

        Every member is on it, with or without a vote, as the meeting reads it out; a
        member who does not read the whole register sees why someone has no vote (an
        unpaid fee …) only on their own line.
        """
        self._require_reader(actor)
        with self._read() as uow:
            # The röstlängd names every member, and arrears look at every year's fee: the
            # whole register and every payment, read once (grows linearly with the register).
            members, fees = uow.members.list(), uow.membership_fees.list()
        roll = voting_roll(members, fees, self.rules_on(on).voting_rights, on)
        if actor.can_read_all:
            return roll
        return roll.model_copy(
            update={
                "entries": tuple(
                    e if e.member_id == actor.member_id else e.model_copy(update={"reasons": ()})
                    for e in roll.entries
                )
            }
        )

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
            InputError: No bylaws in force on ``held_on``; an unknown kind; a digital
                decision the bylaws do not allow.
            ConflictError: A second annual meeting in the same year (hold an extra one).
        """
        actor.require_manager("create meetings")
        rules = self.rules_on(held_on)
        with self._uow() as uow:
            requesters = [str(resolve(uow.members, "member", r).id) for r in requested_by]
            if auditor_requested:
                requesters.append("auditor")
            meeting = proceedings.new_meeting(
                uow.meetings.next_number(),
                kind,
                held_on,
                rules,
                title=title,
                location=location,
                # The meeting keeps a copy of the whole register and every fee payment.
                register=uow.members.list(),
                fees=uow.membership_fees.list(),
                requested_by=requesters,
                opened_on=opened_on,
            )
            year = meeting.held_on.year
            same_year = uow.meetings.held_between(
                date(year, 1, 1), date(year, 12, 31), kind=MeetingKind.ANNUAL
            )
            second = notice.annual_meeting_findings(meeting, same_year)
            if second:
                raise ConflictError(second[0].template, **dict(second[0].args))
            uow.meetings.add(meeting)
            self._record(uow, actor, "meeting.create", None, meeting)
        return meeting

    @staticmethod
    def _may_read(actor: Actor, meeting: Meeting) -> bool:
        return actor.can_read_all or meeting.kind in _MEMBER_READS

    def get(self, actor: Actor, ref: Ref) -> Meeting:
        """A meeting by number or id.

        The board, treasurer, administrator and auditor read every meeting; a member reads
        the general meetings (annual, extra, digital), not the board's.

        Raises:
            PermissionDenied: The actor may not read this meeting.
            NotFoundError: No such meeting.
        """
        self._require_reader(actor)
        with self._read() as uow:
            found = resolve(uow.meetings, "meeting", ref)
        if not self._may_read(actor, found):
            raise PermissionDenied("{name} may not read the board's meetings", name=actor.name)
        return found

    def list(self, actor: Actor, *, state: str | None = None) -> builtins.list[Meeting]:
        """The meetings ``actor`` may read, by number; with ``state`` only those in it
        (``"open"``: in progress), chosen by the store's index before any is read."""
        self._require_reader(actor)
        wanted = () if state is None else (Eq("state", state),)
        with self._read() as uow:
            if actor.can_read_all:
                found = uow.meetings.select(*wanted) if wanted else uow.meetings.list()
            else:
                found = uow.meetings.select(one_of("kind", sorted(_MEMBER_READS)), *wanted)
        return [m for m in found if self._may_read(actor, m)]

    def _change(
        self,
        actor: Actor,
        ref: Ref,
        action: str,
        step: Callable[[Meeting, RuleSet, UnitOfWork], Meeting],
    ) -> Meeting:
        self._require_reader(actor)
        with self._uow() as uow:
            before = resolve(uow.meetings, "meeting", ref)
            if not self._may_read(actor, before):
                raise PermissionDenied(
                    "{name} may not take part in the board's meetings", name=actor.name
                )
            rules = self.rules_on(before.held_on)
            after = step(before, rules, uow)
            if after != before:
                uow.meetings.update(after)
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
    ) -> tuple[Meeting, builtins.list[Problem]]:
        """Record the notice (*kallelse*) and check it against the bylaws.

        Returns:
            The meeting and the problems found (empty: duly called).
        """
        actor.require_manager("send notices")
        found: builtins.list[Problem] = []

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            updated, problems = notice.record_notice(m, rules, sent_on, method, matters)
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
        chair_member: Ref | None = None,
    ) -> Meeting:
        """Record the chair, secretary and adjusters (*justerare*) the meeting elected.

        Args:
            actor: Who records it (board or admin).
            ref: The meeting.
            chair: The chair's name.
            secretary: The secretary's name.
            adjusters: The adjusters' names.
            chair_member: The chair, when a member (then the casting vote is theirs to give).
        """
        actor.require_manager("run meetings")

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            chair_id = None if chair_member is None else self._member(uow, chair_member).id
            return proceedings.set_officers(
                m, chair=chair, secretary=secretary, adjusters=adjusters, chair_id=chair_id
            )

        return self._change(actor, ref, "meeting.officers", step)

    def _refresh(self, meeting: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
        if meeting.voting_started:
            return meeting
        # The register copy is the whole register with every fee payment (see create).
        members, fees = uow.members.list(), uow.membership_fees.list()
        return proceedings.refresh_register(meeting, rules, members, fees)

    def attend(self, actor: Actor, ref: Ref, members: Sequence[Ref]) -> Meeting:
        """Record members as present; a member may record only themself."""

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            ids = [self._member(uow, r).id for r in members]
            if not actor.can_manage and any(i != actor.member_id for i in ids):
                raise PermissionDenied(
                    "{name} may only record their own attendance", name=actor.name
                )
            return proceedings.attend(self._refresh(m, rules, uow), rules, ids)

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
            return proxies.add_proxy(
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
        earlier = resolve(uow.meetings, "meeting", previous[0])
        motion = earlier.motion(previous[1])
        general = (MeetingKind.ANNUAL, MeetingKind.EXTRA)
        between = [
            m
            for m in uow.meetings.held_between(earlier.held_on, meeting.held_on)
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
        decision_type: DecisionType | str = DecisionType.ORDINARY,
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
            return proceedings.add_motion(
                m,
                rules,
                title=title,
                text=text,
                decision_type=decision_type,
                proposer=proposer,
                by_board=by_board,
                submitted_on=submitted_on,
                item=item,
                previous=reading,
            )

        return self._change(actor, ref, "meeting.motion", step)

    def motion_deadline(self, actor: Actor, ref: Ref) -> date:
        """The last day a member's motion to meeting ``ref`` reaches the board in time:
        the bylaws' ``motion_deadline_days`` (in force on the meeting day) before it.

        Raises:
            PermissionDenied: The actor may not read this meeting.
            NotFoundError: No such meeting.
        """
        meeting = self.get(actor, ref)
        days = self.rules_on(meeting.held_on).meetings.motion_deadline_days
        return meeting.held_on - timedelta(days=days)

    def submit_motion(self, actor: Actor, ref: Ref, *, title: str, text: str) -> Meeting:
        """A member's own motion (*motion*) to a general meeting, by the bylaws' deadline.

        The member must be a member of the association on the meeting's register; the
        motion is theirs (``proposer`` is their name, ``by_board`` false) and reaches the
        board today (the cooperative's clock). The last day is
        :meth:`motion_deadline`: ``motion_deadline_days`` before the meeting day.

        Raises:
            InputError: An empty title.
            ConflictError: The deadline has passed (it is named), or the meeting is closed.
            PermissionDenied: The actor is not a member of the association on the
                meeting's register, or may not read the meeting (the board's).
            NotFoundError: No such meeting.
        """
        if actor.member_id is None:
            raise PermissionDenied("{actor} is not a member", actor=actor.name)
        if not title.strip():
            raise InputError("title", "is required")
        today = self._coop.now().date()

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            m.require_open()
            deadline = m.held_on - timedelta(days=rules.meetings.motion_deadline_days)
            if today > deadline:
                raise ConflictError(
                    "the last day for motions to meeting {number} was {deadline} "
                    "({days} days before the meeting, {reference})",
                    number=m.number,
                    deadline=deadline,
                    days=rules.meetings.motion_deadline_days,
                    reference=rules.meetings.reference,
                )
            m = self._refresh(m, rules, uow)
            person = m.person(actor.member_id) if actor.member_id is not None else None
            if person is None or person.status is not MemberStatus.MEMBER:
                raise PermissionDenied(
                    "{name} is not a member of the association on the meeting's register",
                    name=actor.name,
                )
            return proceedings.add_motion(
                m,
                rules,
                title=title.strip(),
                text=text.strip(),
                proposer=person.name,
                by_board=False,
                submitted_on=today,
            )

        return self._change(actor, ref, "meeting.motion", step)

    def amend(
        self, actor: Actor, ref: Ref, motion: int, text: str, proposer: str | None = None
    ) -> Meeting:
        """Add an amendment to a motion (the board, or any member present)."""

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            if not actor.can_manage and actor.member_id not in m.present:
                raise PermissionDenied("{name} is not present at the meeting", name=actor.name)
            return proceedings.amend(
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
            lambda m, r, u: proceedings.decide_by_acclamation(m, motion, outcome),
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
            return proceedings.add_election(
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
            return proceedings.request_secret(m, rules, election, actor.member_id)

        return self._change(actor, ref, "meeting.secret", step)

    # -- ballot boxes ----------------------------------------------------------------------------

    _ballot_seal: BallotSeal | None = None
    _seal_given: bool = False

    def seal_ballots_with(self, seal: BallotSeal | None) -> None:
        """Use ``seal`` for secret ballots instead of the key in the environment.

        ``None`` keeps ballots unsealed (see :mod:`kooperativ.governance.secrecy` for what
        that does not protect against).
        """
        self._ballot_seal = seal
        self._seal_given = True

    def ballot_seal(self) -> BallotSeal | None:
        """The seal of secret ballots: the one given, else the key in the environment.

        Raises:
            ConfigError: The configured key is malformed or its file unreadable.
        """
        if self._seal_given:
            return self._ballot_seal
        return BallotSeal.from_environment()

    def _put(self, uow: UnitOfWork, meeting: Meeting, ballots: Sequence[Ballot]) -> None:
        seal = self.ballot_seal()
        for ballot in ballots:
            box = _box(meeting, ballot.item)
            if seal is None:
                uow.ballot_boxes.put(box, plain_ballot(ballot))
            else:
                size = ballot_size(meeting, ballot.item)
                uow.ballot_boxes.put(box, seal.seal(box, ballot, size))

    def _take(
        self, uow: UnitOfWork, meeting: Meeting, item: str, box: BallotBox
    ) -> builtins.list[tuple[str, ...]] | None:
        """The content of a secret box still closed, taken out of the store (else ``None``)."""
        if not box.secret or box.opened:
            return None
        name = _box(meeting, item)
        seal = self.ballot_seal() if box.sealed else None
        if box.sealed and seal is not None and box.key_id not in (None, seal.key_id):
            raise ConfigError(
                "KOOPERATIV_BALLOT_KEY",
                "",
                "the ballots of {item} were sealed with another key (key id {key_id})",
                item=item_phrase(item),
                key_id=box.key_id,
            )
        return [open_ballot(name, text, seal).choice for text in uow.ballot_boxes.take(name)]

    def _sealing(self) -> tuple[bool, str | None]:
        seal = self.ballot_seal()
        return (seal is not None, seal.key_id if seal is not None else None)

    # -- votes --------------------------------------------------------------------------------

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
        paper: bool = False,
    ) -> Meeting:
        """Cast a vote, or enter a paper vote.

        Only a member votes for themself (``member`` unset or themself), or, as proxy, for
        a principal whose mandate they hold (``member`` = the principal). An officer
        (board, treasurer, admin) does not vote in anyone's name: with ``paper`` they
        *enter* a vote given on paper or by a show of hands, recorded as a paper ballot
        with the officer's name (``member`` the voter, ``proxy`` the proxy who handed it
        in, if any). In a secret ballot, paper ballots are entered together with
        :meth:`paper_ballots`.

        Raises:
            PermissionDenied: A vote in another member's name without their mandate; a
                paper vote entered by someone who is not an officer; an actor who is not a
                member voting electronically.
            InputError: The voter has no vote, is absent and unrepresented, or the choice
                is not valid.
            ConflictError: The voter has already voted here.
        """

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            voter_id = None if member is None else self._member(uow, member).id
            proxy_id = None if proxy is None else self._member(uow, proxy).id
            sealed, key_id = self._sealing()
            if paper:
                actor.require_manager("enter paper votes")
                if voter_id is None:
                    raise InputError("member", "name the member whose paper vote this is")
                updated, ballot = voting.cast_ballot(
                    m,
                    rules,
                    voter=voter_id,
                    choice=choice,
                    motion=motion,
                    election=election,
                    cast_by=proxy_id,
                    paper=True,
                    entered_by=actor.name,
                )
            else:
                if actor.member_id is None:
                    raise PermissionDenied(
                        "{name} is not a member: only a member or the holder of their proxy "
                        "votes for them; an officer enters a paper vote",
                        name=actor.name,
                    )
                if proxy_id is not None and proxy_id != actor.member_id:
                    raise PermissionDenied(
                        "{name} may not vote as another member's proxy", name=actor.name
                    )
                voter = voter_id or actor.member_id
                updated, ballot = voting.cast_ballot(
                    m,
                    rules,
                    voter=voter,
                    choice=choice,
                    motion=motion,
                    election=election,
                    cast_by=actor.member_id,
                    sealed=sealed,
                    key_id=key_id,
                )
            if ballot is not None:
                self._put(uow, updated, [ballot])
            return updated

        return self._change(actor, ref, "meeting.vote", step)

    def paper_ballots(
        self,
        actor: Actor,
        ref: Ref,
        *,
        voters: Sequence[Ref],
        ballots: Sequence[str | Sequence[str]],
        motion: int | None = None,
        election: int | None = None,
    ) -> Meeting:
        """Enter the paper ballots of a secret ballot: who handed one in, and the ballots.

        The two lists come in apart (the röstlängd ticked off, the box counted), so no
        ballot is entered beside a name; the ballots go into the box like any other.

        Raises:
            PermissionDenied: The actor is not an officer.
            InputError: Not as many ballots as voters, or a bad ballot.
        """
        actor.require_manager("enter paper ballots")

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            ids = [self._member(uow, r).id for r in voters]
            sealed, key_id = self._sealing()
            updated, box = voting.enter_paper_ballots(
                m,
                rules,
                voters=ids,
                ballots=ballots,
                entered_by=actor.name,
                motion=motion,
                election=election,
                sealed=sealed,
                key_id=key_id,
            )
            self._put(uow, updated, box)
            return updated

        return self._change(actor, ref, "meeting.vote", step)

    def _count_motion(
        self,
        m: Meeting,
        rules: RuleSet,
        uow: UnitOfWork,
        number: int,
        seed: str,
        chair_vote: str | None = None,
        entered_by: str | None = None,
    ) -> Meeting:
        target = m.motion(number)
        poll = target.next_poll()
        ballots = self._take(uow, m, f"motion {number} poll {poll.number}", poll.box)
        return counting.count_motion(
            m,
            rules,
            number,
            seed=seed,
            chair_vote=chair_vote,
            entered_by=entered_by,
            ballots=ballots,
        )

    def _count_election(
        self, m: Meeting, rules: RuleSet, uow: UnitOfWork, number: int, seed: str
    ) -> Meeting:
        ballots = self._take(uow, m, f"election {number}", m.election(number).box)
        return counting.count_election(m, rules, number, seed=seed, ballots=ballots)

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

        A secret ballot's box is opened into the meeting record and emptied. The chair's
        casting vote is recorded as the meeting's chair's: when the chair is a member, no
        other member may give it.

        Raises:
            PermissionDenied: Not an officer; a casting vote given by a member who is not
                the chair.
            InputError: Equal votes where the chair's casting vote is needed and none given.
            ConfigError: A sealed box and no ballot key.
        """
        actor.require_manager("count votes")
        lot_seed = seed or secrets.token_hex(8)

        def step(m: Meeting, rules: RuleSet, uow: UnitOfWork) -> Meeting:
            if (motion is None) == (election is None):
                raise InputError("item", "count one motion or one election")
            if motion is not None:
                chair_id = m.officers.chair_id
                if (
                    chair_vote is not None
                    and chair_id is not None
                    and actor.member_id is not None
                    and actor.member_id != chair_id
                ):
                    raise PermissionDenied(
                        "the casting vote belongs to the meeting's chair, {chair}",
                        chair=m.officers.chair,
                    )
                by = (
                    None
                    if actor.member_id is not None and actor.member_id == chair_id
                    else actor.name
                )
                return self._count_motion(m, rules, uow, motion, lot_seed, chair_vote, by)
            assert election is not None  # for mypy: checked above
            return self._count_election(m, rules, uow, election, lot_seed)

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
                raise PermissionDenied(
                    "{name} may only enter their own reservation", name=actor.name
                )
            return proceedings.reserve(m, who, item, text)

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
                    m = self._count_motion(m, rules, uow, motion.number, secrets.token_hex(8))
            for election in m.elections:
                if not election.decided and election.box.voters:
                    m = self._count_election(m, rules, uow, election.number, secrets.token_hex(8))
            return proceedings.close_meeting(m)

        return self._change(actor, ref, "meeting.close", step)

    # -- records, verification, minutes -----------------------------------------------------

    def export(self, actor: Actor, ref: Ref, file_format: RecordFormat = "toml") -> str:
        """The meeting record as TOML or JSON text.

        A secret ballot still open has no ballot in it: only who has voted.
        """
        return dump_meeting(self.get(actor, ref), file_format)

    def import_record(
        self,
        actor: Actor,
        text: str,
        file_format: RecordFormat = "toml",
    ) -> Meeting:
        """Store a meeting record from a file (e.g. a meeting held on paper).

        The record keeps its number if free (else gets the next one) and a new id if its
        id is taken.

        Raises:
            ValidationFailed: The record is malformed.
            ConflictError: A meeting with the same id exists.
        """
        actor.require_manager("import meetings")
        meeting = load_meeting(parse_record(text, file_format), self.bylaws())
        with self._uow() as uow:
            repo = uow.meetings
            if repo.find(meeting.id) is not None:
                raise ConflictError("meeting {id} is already stored", id=meeting.id)
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
        document_format: Literal["pdf", "md"] = "pdf",
    ) -> bytes:
        """The minutes (*protokoll*) as PDF bytes or Markdown (UTF-8)."""
        from kooperativ.documents.minutes import minutes_markdown, minutes_pdf

        meeting = self.get(actor, ref)
        language = lang or self._coop.config.language
        bylaws = self.bylaws()
        name = self._coop.config.governing_body.name
        if document_format == "md":
            return minutes_markdown(meeting, bylaws, language, association=name).encode("utf-8")
        return minutes_pdf(meeting, bylaws, language, association=name)

    def check(self, on: date) -> Sequence[Problem]:
        """``bylaws.toml`` valid, citing §§ of ``stadgar.md``, with rules in force on ``on``."""
        given = self._bylaws if self._coop.folder is None else None  # from_config(bylaws=)
        if given is None and (self._coop.folder is None or not self.bylaws_file.exists()):
            return [
                Problem.of(
                    "warning",
                    (BYLAWS_FILE, ""),
                    "no bylaws: meetings cannot be held",
                    code="bylaws.missing",
                )
            ]
        try:
            bylaws = given or load_bylaws(self.bylaws_file)
        except ConfigError as error:
            return [
                Problem.of(
                    "error", (BYLAWS_FILE, ""), "{error}", error=error, code="bylaws.invalid"
                )
            ]
        if not any(rules.in_force(on) for rules in bylaws.rules):
            periods = ", ".join(f"{r.valid_from}–{r.valid_to or ''}" for r in bylaws.rules)
            return [
                Problem.of(
                    "error",
                    (BYLAWS_FILE, ""),
                    "no bylaws are in force on {day} (periods: {periods})",
                    day=on,
                    periods=periods,
                    code="bylaws.not_in_force",
                )
            ]
        return []

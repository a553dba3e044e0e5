# SPDX-License-Identifier: EUPL-1.2
"""Meetings (*möten*): the record of a general or board meeting and its parts.

A :class:`Meeting` is one frozen record holding everything the minutes (*protokoll*) need:
the notice (*kallelse*), the agenda (*dagordning*), the register snapshot from which the
röstlängd is computed, who was present, the proxies (*ombud*), the motions with their
amendments (*ändringsyrkanden*) and polls, the elections (*val*), every decision with its
explanation, and the reservations (*reservationer*).

This module holds the records only. The steps that build a meeting are pure functions in
:mod:`~kooperativ.governance.proceedings` (creating, attendance, matters, elections,
closing), :mod:`~kooperativ.governance.notice`, :mod:`~kooperativ.governance.proxies`,
:mod:`~kooperativ.governance.voting` and :mod:`~kooperativ.governance.counting`.

A secret ballot (*sluten omröstning*) keeps no link between voter and choice. While the
poll is open the record holds only *who has voted* (:class:`VoterMark`, sorted by member
id): the ballots themselves are kept apart, in a ballot box the caller keeps (the service
keeps it in the store, sealed: see :mod:`~kooperativ.governance.secrecy`). When the poll
is counted, the box's content becomes part of the record as a sorted multiset
(:attr:`BallotBox.choices`), with nothing that orders or times it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal
from uuid import UUID, uuid4

from pydantic import Field, model_validator

from kooperativ._model import Record
from kooperativ.errors import ConflictError, InputError
from kooperativ.governance.bylaws import DecisionType
from kooperativ.governance.register import MembershipFee, Registrant, Roll
from kooperativ.governance.tally import ElectionMethod, ElectionResult, MotionResult

if TYPE_CHECKING:
    from kooperativ.governance.decisions import Decision

__all__ = [
    "AGENDA_TITLES",
    "AgendaItem",
    "Amendment",
    "BallotBox",
    "Election",
    "Mandate",
    "Meeting",
    "MeetingKind",
    "MeetingState",
    "Motion",
    "Notice",
    "Officers",
    "OpenVote",
    "Poll",
    "PreviousReading",
    "Quorum",
    "Reservation",
    "VoterMark",
]


class MeetingKind(StrEnum):
    """What kind of meeting."""

    ANNUAL = "annual"  #: årsmöte / ordinarie föreningsstämma
    EXTRA = "extra"  #: extra årsmöte / extra föreningsstämma
    BOARD = "board"  #: styrelsemöte
    DIGITAL = "digital"  #: digital decision with a deadline (*per capsulam*)


class MeetingState(StrEnum):
    """Whether the meeting still takes steps."""

    OPEN = "open"
    CLOSED = "closed"


#: Agenda item keys → English titles (the documents translate them).
AGENDA_TITLES: dict[str, str] = {
    "opening": "Opening of the meeting",
    "officers": "Election of chair, secretary and adjusters of the minutes",
    "roll": "Adoption of the voting register",
    "notice": "Whether the meeting was duly called",
    "agenda": "Adoption of the agenda",
    "reports": "The board's annual report and financial statements",
    "audit": "The auditor's report",
    "discharge": "Discharge of the board from liability",
    "elections": "Elections",
    "motions": "Board proposals and motions",
    "matters": "Matters",
    "closing": "Closing of the meeting",
}


class AgendaItem(Record):
    """One item of the agenda (a § of the minutes).

    Attributes:
        number: Its number (the minutes' §).
        key: What it is (a key of :data:`AGENDA_TITLES`).
        reference: The bylaw § it follows from.
    """

    number: int = Field(ge=1)
    key: str
    reference: str = ""

    @property
    def title(self) -> str:
        """The English title."""
        return AGENDA_TITLES.get(self.key, self.key)


class Notice(Record):
    """The notice (*kallelse*) of a meeting, as it was sent.

    Attributes:
        sent_on: The day it was sent.
        method: How (``email``, ``letter``, ``website`` …).
        matters: The matters it names (an extra meeting may decide only these).
    """

    sent_on: date
    method: str = Field(min_length=1)
    matters: tuple[str, ...] = ()


class Officers(Record):
    """The meeting's officers, elected under the agenda's second item.

    Attributes:
        chair: *mötesordförande*.
        secretary: *mötessekreterare*.
        adjusters: *justerare*, who check and sign the minutes.
        chair_id: The chair's member id, when the chair is a member (the chair's casting
            vote is then theirs alone to give).
    """

    chair: str | None = None
    chair_id: UUID | None = None
    secretary: str | None = None
    adjusters: tuple[str, ...] = ()


class Mandate(Record):
    """A proxy's mandate (*fullmakt*): ``proxy`` votes for ``principal``.

    Attributes:
        principal_id: The member represented.
        proxy_id: The proxy, if a member (``None`` for a non-member proxy).
        proxy_name: The proxy's name.
        dated: The date written on the mandate.
        written: Whether the mandate is written (*skriftlig*).
    """

    principal_id: UUID
    proxy_id: UUID | None = None
    proxy_name: str = Field(min_length=1)
    dated: date
    written: bool = True


class OpenVote(Record):
    """One vote of an open ballot.

    Attributes:
        voter: Whose vote it is (the principal, when a proxy casts it).
        cast_by: Who cast it: the voter, or the proxy holding their mandate (``None`` for
            a non-member proxy, or a paper ballot whose proxy was not a member).
        by_proxy: Whether it was cast through a mandate.
        choice: ``("yes",)`` on a motion; the marked or ranked names in an election.
        paper: A paper ballot (or a hand count) entered by an officer, not cast by the
            voter in kooperativ.
        entered_by: Who entered a paper ballot (the officer's name).
    """

    voter: UUID
    cast_by: UUID | None = None
    by_proxy: bool = False
    choice: tuple[str, ...]
    paper: bool = False
    entered_by: str | None = None


class VoterMark(Record):
    """That a voter has voted in a secret ballot (*avprickning* in the röstlängd).

    Everything about *how* the vote reached the box, nothing about what it says.

    Attributes:
        voter: Who has voted (the principal, when a proxy voted for them).
        cast_by: Who put the ballot in: the voter, or the proxy holding their mandate.
        by_proxy: Whether it was cast through a mandate.
        paper: The voter handed in a paper ballot, entered by an officer.
        entered_by: Who entered the paper ballots (the officer's name).
    """

    voter: UUID
    cast_by: UUID | None = None
    by_proxy: bool = False
    paper: bool = False
    entered_by: str | None = None


class BallotBox(Record):
    """The votes of one poll or election.

    An open box keeps each vote with its voter (:attr:`votes`).

    A secret box keeps the two halves of a vote apart. :attr:`voted` says who has voted,
    sorted by member id so that its order says nothing about the order of voting. The
    ballots are not in the record while the poll is open: the caller keeps them (see
    :func:`kooperativ.governance.voting.cast_ballot`). At the count they become
    :attr:`choices`, sorted, and :attr:`opened` is set.

    Attributes:
        secret: A secret ballot (*sluten omröstning*).
        votes: Open box: each vote with its voter.
        voted: Secret box: who has voted, sorted by member id.
        choices: Secret box, once opened: every ballot, sorted (a multiset).
        opened: Secret box: its content has been counted into the record.
        sealed: Secret box: whether its ballots were sealed (encrypted with a key kept
            outside the database) while the poll was open; ``None`` when nothing says
            (no ballot yet, or a box kept by the caller).
        key_id: The fingerprint of the key the ballots were sealed with.
    """

    secret: bool = False
    votes: tuple[OpenVote, ...] = ()
    voted: tuple[VoterMark, ...] = ()
    choices: tuple[tuple[str, ...], ...] = ()
    opened: bool = False
    sealed: bool | None = None
    key_id: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _earlier_form(cls, data: Any) -> Any:
        """Read boxes stored by kooperativ 0.1.0.dev0 (voters as bare ids, a proxy count)."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        data.pop("proxy_votes", None)
        data["voted"] = [
            {"voter": item} if isinstance(item, str | UUID) else item
            for item in data.get("voted", ())
        ]
        if data.get("secret") and data.get("choices") and "opened" not in data:
            data["opened"] = True
        return data

    @property
    def voters(self) -> frozenset[UUID]:
        """Everyone who has voted here."""
        if self.secret:
            return frozenset(mark.voter for mark in self.voted)
        return frozenset(v.voter for v in self.votes)

    @property
    def voter_ids(self) -> tuple[UUID, ...]:
        """Everyone who has voted, as recorded (a secret box: sorted by id)."""
        if self.secret:
            return tuple(mark.voter for mark in self.voted)
        return tuple(v.voter for v in self.votes)

    @property
    def proxy_votes(self) -> int:
        """How many votes were cast through a mandate."""
        marks = self.voted if self.secret else self.votes
        return sum(1 for mark in marks if mark.by_proxy)

    @property
    def paper_votes(self) -> int:
        """How many votes are paper ballots entered by an officer."""
        marks = self.voted if self.secret else self.votes
        return sum(1 for mark in marks if mark.paper)

    @property
    def ballots(self) -> tuple[tuple[str, ...], ...]:
        """Every choice in the box, without voters (a secret box: once opened)."""
        return self.choices if self.secret else tuple(v.choice for v in self.votes)

    def put(self, vote: OpenVote) -> BallotBox:
        """The open box with ``vote`` added.

        Raises:
            ConflictError: The box is secret: a secret box takes a :meth:`mark` in the
                record and the ballot apart from it.
        """
        if self.secret:
            raise ConflictError("a secret ballot keeps the vote apart from the voter")
        return self.model_copy(update={"votes": (*self.votes, vote)})

    def mark(self, mark: VoterMark) -> BallotBox:
        """The secret box with ``mark.voter`` recorded as having voted (sorted by id)."""
        voted = tuple(sorted((*self.voted, mark), key=lambda m: str(m.voter)))
        return self.model_copy(update={"voted": voted})

    def opened_with(self, ballots: list[tuple[str, ...]]) -> BallotBox:
        """The secret box with its ballots counted into the record, sorted."""
        return self.model_copy(update={"choices": tuple(sorted(ballots)), "opened": True})


class Quorum(Record):
    """The quorum check at a count (*beslutförhet*)."""

    required: int
    attending: int

    @property
    def met(self) -> bool:
        """Whether enough voting members attended."""
        return self.attending >= self.required


class Poll(Record):
    """One vote on a motion: the proposal against an amendment, or the final yes/no.

    Attributes:
        number: 1, 2, … within the motion.
        kind: ``counter`` (proposal against amendment ``amendment``) or ``final``.
        amendment: The amendment's letter, for a counter poll.
        box: The votes.
        chair_vote: The chair's casting vote, if one was needed.
        chair_vote_by: The chair who gave it (the meeting's recorded chair).
        chair_vote_entered_by: Who entered it, when not the chair themself.
        seed: The lot seed, recorded at the count.
        quorum: The quorum check at the count.
        result: The count (``None`` while the poll is open).
    """

    number: int = Field(ge=1)
    kind: Literal["counter", "final"]
    amendment: str | None = None
    box: BallotBox = Field(default_factory=BallotBox)
    chair_vote: str | None = None
    chair_vote_by: str | None = None
    chair_vote_entered_by: str | None = None
    seed: str | None = None
    quorum: Quorum | None = None
    result: MotionResult | None = None


class Amendment(Record):
    """An amendment (*ändringsyrkande*), put against the main proposal before the final vote."""

    letter: str
    text: str = Field(min_length=1)
    proposer: str | None = None


class PreviousReading(Record):
    """The first of two meetings' decisions on a bylaw amendment (when the bylaws ask for two).

    Attributes:
        meeting: The earlier meeting's number.
        held_on: Its date.
        kind: Its kind.
        motion: The motion's number there.
        outcome: Its recorded outcome (``first_reading`` when valid).
        consecutive: No general meeting was held between the two.
    """

    meeting: int
    held_on: date
    kind: MeetingKind
    motion: int
    outcome: str
    consecutive: bool = True


class Motion(Record):
    """A matter to decide (*ärende*): a board proposal (*proposition*) or a member's motion.

    Attributes:
        number: 1, 2, … within the meeting.
        title: Short title.
        text: The main proposal (*huvudförslag*).
        type: The decision type, which chooses the majority.
        proposer: Who proposed it.
        by_board: A board proposal (the motion deadline does not apply).
        submitted_on: When a member's motion reached the board.
        item: The agenda item it is dealt with under.
        amendments: Amendments, each put against the proposal in turn.
        previous: The first reading, for a two-meeting bylaw amendment.
        polls: The polls held.
        acclamation: Decided by acclamation (*med acklamation*) without a count: the
            outcome the chair declared.
        outcome: ``adopted``, ``rejected``, ``first_reading`` or ``no_quorum``.
        decided_text: The text put to the final vote (after amendments).
    """

    number: int = Field(ge=1)
    title: str = Field(min_length=1)
    text: str = ""
    type: DecisionType = DecisionType.ORDINARY
    proposer: str | None = None
    by_board: bool = True
    submitted_on: date | None = None
    item: str = "motions"
    amendments: tuple[Amendment, ...] = ()
    previous: PreviousReading | None = None
    polls: tuple[Poll, ...] = ()
    acclamation: Literal["adopted", "rejected"] | None = None
    outcome: Literal["adopted", "rejected", "first_reading", "no_quorum"] | None = None
    decided_text: str | None = None

    @property
    def decided(self) -> bool:
        """Whether the final decision is taken."""
        return self.outcome is not None

    @property
    def decision(self) -> Decision:
        """The decision: outcome, text decided, the final count and its explanation."""
        from kooperativ.governance.decisions import decision_of_motion

        return decision_of_motion(self)

    def current_text(self) -> str:
        """The proposal as the counted counter polls have left it."""
        text = self.text
        for poll in self.polls:
            if poll.kind == "counter" and poll.result is not None and poll.result.passed:
                text = self.amendment(poll.amendment or "").text
        return text

    def amendment(self, letter: str) -> Amendment:
        """The amendment ``letter``."""
        for amendment in self.amendments:
            if amendment.letter == letter:
                return amendment
        raise InputError(
            "amendment",
            "motion {number} has no amendment {letter!r}",
            number=self.number,
            letter=letter,
        )

    def next_poll(self) -> Poll:
        """The poll that takes votes now (opened if needed)."""
        if self.polls and self.polls[-1].result is None:
            return self.polls[-1]
        countered = [p.amendment for p in self.polls if p.kind == "counter"]
        for amendment in self.amendments:
            if amendment.letter not in countered:
                return Poll(number=len(self.polls) + 1, kind="counter", amendment=amendment.letter)
        return Poll(number=len(self.polls) + 1, kind="final")


class Election(Record):
    """An election (*val*) of ``seats`` people to an office.

    Attributes:
        number: 1, 2, … within the meeting.
        office: What the election is for (*styrelseledamöter*, *revisor* …).
        seats: How many are elected.
        candidates: The candidates' names, in ballot-paper order.
        method: The counting method (from the bylaws unless they allow a choice).
        box: The ballots.
        secret_requested_by: The member who asked for a secret ballot.
        seed: The lot seed, recorded at the count.
        quorum: The quorum check at the count.
        result: The count (``None`` until counted).
        outcome: ``elected`` or ``no_quorum`` once counted.
    """

    number: int = Field(ge=1)
    office: str = Field(min_length=1)
    seats: int = Field(ge=1)
    candidates: tuple[str, ...] = Field(min_length=1)
    method: ElectionMethod = ElectionMethod.BLOCK_PLURALITY
    box: BallotBox = Field(default_factory=BallotBox)
    secret_requested_by: UUID | None = None
    seed: str | None = None
    quorum: Quorum | None = None
    result: ElectionResult | None = None
    outcome: Literal["elected", "no_quorum"] | None = None

    @property
    def decided(self) -> bool:
        """Whether the election is counted."""
        return self.outcome is not None

    @property
    def decision(self) -> Decision:
        """The decision: outcome, the names elected, the count and its explanation."""
        from kooperativ.governance.decisions import decision_of_election

        return decision_of_election(self)


class Reservation(Record):
    """A reservation (*reservation*) against a decision, recorded in the minutes."""

    member_id: UUID
    name: str
    item: str = Field(description="'motion 3' or 'election 1'")
    text: str = ""


class Meeting(Record):
    """The whole record of one meeting.

    Attributes:
        number: The meeting's running number.
        kind: Annual, extra, board or digital.
        title: Its title.
        held_on: The meeting date (for a digital decision: the deadline).
        opened_on: For a digital decision: when voting opened.
        location: Where.
        state: Open or closed.
        rules_from: The first day of the rule set the meeting is judged by.
        requested_by: For an extra meeting: the members who demanded it, or ``auditor``.
        notice: The notice, once sent.
        agenda: The agenda.
        members: The member register snapshot the röstlängd is computed from.
        fees: The membership fees paid, snapshot.
        roll: The röstlängd on ``held_on``.
        present: Members present (with or without a vote).
        mandates: The proxies' mandates.
        officers: Chair, secretary, adjusters.
        motions: The matters decided.
        elections: The elections held.
        reservations: Reservations against decisions.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    kind: MeetingKind
    title: str = ""
    held_on: date
    opened_on: date | None = None
    location: str | None = None
    state: MeetingState = MeetingState.OPEN
    rules_from: date
    requested_by: tuple[str, ...] = ()
    notice: Notice | None = None
    agenda: tuple[AgendaItem, ...] = ()
    members: tuple[Registrant, ...] = ()
    fees: tuple[MembershipFee, ...] = ()
    roll: Roll
    present: tuple[UUID, ...] = ()
    mandates: tuple[Mandate, ...] = ()
    officers: Officers = Field(default_factory=Officers)
    motions: tuple[Motion, ...] = ()
    elections: tuple[Election, ...] = ()
    reservations: tuple[Reservation, ...] = ()

    @property
    def general(self) -> bool:
        """A general meeting (annual or extra), where the röstlängd applies."""
        return self.kind in (MeetingKind.ANNUAL, MeetingKind.EXTRA, MeetingKind.DIGITAL)

    def motion(self, number: int) -> Motion:
        """Motion ``number``.

        Raises:
            InputError: If there is none.
        """
        for motion in self.motions:
            if motion.number == number:
                return motion
        raise InputError(
            "motion", "meeting {meeting} has no motion {number}", meeting=self.number, number=number
        )

    def election(self, number: int) -> Election:
        """Election ``number``.

        Raises:
            InputError: If there is none.
        """
        for election in self.elections:
            if election.number == number:
                return election
        raise InputError(
            "election",
            "meeting {meeting} has no election {number}",
            meeting=self.number,
            number=number,
        )

    def person(self, member_id: UUID) -> Registrant | None:
        """The register entry of ``member_id``."""
        return next((p for p in self.members if p.id == member_id), None)

    def name_of(self, member_id: UUID | None) -> str:
        """A member's name, or ``?`` if not in the register."""
        person = None if member_id is None else self.person(member_id)
        return person.name if person else "?"

    def represented(self) -> dict[UUID, Mandate]:
        """Principals (with a vote, absent) → their mandate whose proxy is present.

        A principal who is present votes themself, so their mandate is set aside.
        """
        present = set(self.present)
        found: dict[UUID, Mandate] = {}
        for mandate in self.mandates:
            if mandate.principal_id in present:
                continue
            if mandate.proxy_id is not None and mandate.proxy_id not in present:
                continue
            found[mandate.principal_id] = mandate
        return found

    def voters_present(self) -> frozenset[UUID]:
        """Members with a vote who are present."""
        return self.roll.voter_ids & frozenset(self.present)

    def attending(self, count_proxies: bool = True) -> int:
        """Voting members present, plus those represented by a proxy if counted."""
        present = self.voters_present()
        if not count_proxies:
            return len(present)
        return len(present | (frozenset(self.represented()) & self.roll.voter_ids))

    def require_open(self) -> None:
        """Raise unless the meeting still takes steps.

        Raises:
            ConflictError: The meeting is closed.
        """
        if self.state is MeetingState.CLOSED:
            raise ConflictError("meeting {number} is closed", number=self.number)

    def with_motion(self, motion: Motion) -> Meeting:
        """The meeting with ``motion`` in place of the motion with its number."""
        motions = tuple(motion if m.number == motion.number else m for m in self.motions)
        return self.model_copy(update={"motions": motions})

    def with_election(self, election: Election) -> Meeting:
        """The meeting with ``election`` in place of the election with its number."""
        elections = tuple(election if e.number == election.number else e for e in self.elections)
        return self.model_copy(update={"elections": elections})

    def boxes(self) -> list[tuple[str, BallotBox]]:
        """Every ballot box with its item: ``("motion 2 poll 1", box)``, ``("election 1", box)``."""
        found = [
            (f"motion {m.number} poll {p.number}", p.box) for m in self.motions for p in m.polls
        ]
        found += [(f"election {e.number}", e.box) for e in self.elections]
        return found

    def decisions(self) -> list[Decision]:
        """Every motion's and election's decision, motions first, by number."""
        return [m.decision for m in self.motions] + [e.decision for e in self.elections]

    @property
    def voting_started(self) -> bool:
        """Whether anyone has voted (then the röstlängd is fixed)."""
        return any(box.voters for _, box in self.boxes())

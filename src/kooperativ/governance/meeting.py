# SPDX-License-Identifier: EUPL-1.2
"""Meetings (*möten*): the record of a general or board meeting, and the steps that build it.

A :class:`Meeting` is one frozen record holding everything the minutes (*protokoll*) need:
the notice (*kallelse*), the agenda (*dagordning*), the register snapshot from which the
röstlängd is computed, who was present, the proxies (*ombud*), the motions with their
amendments (*ändringsyrkanden*) and polls, the elections (*val*), every decision with its
explanation, and the reservations (*reservationer*).

Each step is a pure function: the meeting and the bylaws' :class:`RuleSet` in, a new
meeting out. A step that would break a hard rule (a voter without a vote, a second vote,
a proxy over its limit) raises; facts that may break a softer rule (a late notice, a
late motion, a missing quorum) are recorded as they happened, and
:func:`kooperativ.governance.verify.verify_meeting` reports them.

A secret ballot (*sluten omröstning*) keeps no link between voter and choice: the box
holds the choices sorted, and, separately, the sorted set of members who voted.

Examples:
    >>> from datetime import date
    >>> from uuid import UUID
    >>> from kooperativ.governance.bylaws import RuleSet
    >>> from kooperativ.governance.register import Registrant
    >>> rules = RuleSet(valid_from=date(2024, 1, 1))
    >>> people = [Registrant(id=UUID(int=i), number=i, name=f"M{i}", status="member",
    ...     joined_on=date(2024, 1, 1)) for i in (1, 2, 3)]
    >>> rules = rules.model_copy(update={"voting_rights": rules.voting_rights.model_copy(
    ...     update={"fee_paid": "none"})})
    >>> m = new_meeting(1, "annual", date(2026, 3, 20), rules, register=people)
    >>> m = attend(m, rules, [p.id for p in people])
    >>> m = add_motion(m, rules, title="Budget 2026", text="Adopt the budget.")
    >>> for voter, choice in zip(people, ["yes", "yes", "no"]):
    ...     m = cast_vote(m, rules, motion=1, voter=voter.id, choice=choice)
    >>> m = count_motion(m, rules, 1, seed="s")
    >>> m.motion(1).outcome
    'adopted'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Literal
from uuid import UUID, uuid4

from pydantic import Field

from kooperativ._model import Record
from kooperativ.errors import ConflictError, InputError
from kooperativ.governance.bylaws import DecisionType, RuleSet
from kooperativ.governance.register import MembershipFee, Registrant, Roll, voting_roll
from kooperativ.governance.tally import (
    ORDINARY,
    ElectionMethod,
    ElectionResult,
    Lot,
    Majority,
    MotionResult,
    tally_election,
    tally_motion,
)
from kooperativ.i18n import format_day, translator
from kooperativ.members.models import Member

__all__ = [
    "AGENDA_TITLES",
    "AgendaItem",
    "Amendment",
    "BallotBox",
    "Election",
    "Finding",
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
    "add_election",
    "add_motion",
    "add_proxy",
    "amend",
    "attend",
    "cast_vote",
    "close_meeting",
    "count_election",
    "count_motion",
    "new_meeting",
    "notice_findings",
    "notice_problems",
    "previous_reading_findings",
    "record_notice",
    "refresh_register",
    "render_findings",
    "request_secret",
    "reserve",
    "set_officers",
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

_ANNUAL_AGENDA = (
    "opening",
    "officers",
    "roll",
    "notice",
    "agenda",
    "reports",
    "audit",
    "discharge",
    "elections",
    "motions",
    "closing",
)
_EXTRA_AGENDA = ("opening", "officers", "roll", "notice", "agenda", "matters", "closing")
_BOARD_AGENDA = ("opening", "officers", "agenda", "matters", "closing")
_DIGITAL_AGENDA = ("roll", "matters")


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
    """

    chair: str | None = None
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
        cast_by: Who cast it, if not the voter (the proxy's id, or ``None`` for a
            non-member proxy or a hand count entered by the secretary).
        by_proxy: Whether it was cast through a mandate.
        choice: ``("yes",)`` on a motion; the marked or ranked names in an election.
    """

    voter: UUID
    cast_by: UUID | None = None
    by_proxy: bool = False
    choice: tuple[str, ...]


class BallotBox(Record):
    """The votes of one poll or election.

    An open box keeps each vote with its voter. A secret box keeps the choices (sorted,
    so the order of voting is lost too) and, apart from them, the sorted ids of those who
    voted: the two are never linked.
    """

    secret: bool = False
    votes: tuple[OpenVote, ...] = ()
    choices: tuple[tuple[str, ...], ...] = ()
    voted: tuple[UUID, ...] = ()
    proxy_votes: int = 0

    @property
    def voters(self) -> frozenset[UUID]:
        """Everyone whose vote is in the box."""
        if self.secret:
            return frozenset(self.voted)
        return frozenset(v.voter for v in self.votes)

    @property
    def ballots(self) -> tuple[tuple[str, ...], ...]:
        """Every choice in the box (without voters)."""
        return self.choices if self.secret else tuple(v.choice for v in self.votes)

    def put(self, vote: OpenVote) -> BallotBox:
        """The box with ``vote`` added (anonymised if the box is secret)."""
        if not self.secret:
            return self.model_copy(update={"votes": (*self.votes, vote)})
        return self.model_copy(
            update={
                "choices": tuple(sorted((*self.choices, vote.choice))),
                "voted": tuple(sorted((*self.voted, vote.voter), key=str)),
                "proxy_votes": self.proxy_votes + (1 if vote.by_proxy else 0),
            }
        )


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
        seed: The lot seed, recorded at the count.
        quorum: The quorum check at the count.
        result: The count (``None`` while the poll is open).
    """

    number: int = Field(ge=1)
    kind: Literal["counter", "final"]
    amendment: str | None = None
    box: BallotBox = Field(default_factory=BallotBox)
    chair_vote: str | None = None
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
        raise InputError("amendment", f"motion {self.number} has no amendment {letter!r}")

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
        raise InputError("motion", f"meeting {self.number} has no motion {number}")

    def election(self, number: int) -> Election:
        """Election ``number``.

        Raises:
            InputError: If there is none.
        """
        for election in self.elections:
            if election.number == number:
                return election
        raise InputError("election", f"meeting {self.number} has no election {number}")

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


# --- building the record -------------------------------------------------------------------


def _agenda(kind: MeetingKind, rules: RuleSet) -> tuple[AgendaItem, ...]:
    keys = {
        MeetingKind.ANNUAL: _ANNUAL_AGENDA,
        MeetingKind.EXTRA: _EXTRA_AGENDA,
        MeetingKind.BOARD: _BOARD_AGENDA,
        MeetingKind.DIGITAL: _DIGITAL_AGENDA,
    }[kind]
    references = {
        "roll": rules.voting_rights.reference,
        "notice": rules.meetings.reference,
        "officers": rules.meetings.reference,
        "elections": rules.elections.reference,
        "motions": rules.decisions.ordinary.reference,
        "matters": rules.decisions.ordinary.reference,
    }
    return tuple(
        AgendaItem(number=i, key=key, reference=references.get(key, ""))
        for i, key in enumerate(keys, start=1)
    )


def _snapshot(register: Iterable[Registrant | Member]) -> tuple[Registrant, ...]:
    people = [Registrant.of(p) if isinstance(p, Member) else p for p in register]
    return tuple(sorted(people, key=lambda p: p.number))


def new_meeting(
    number: int,
    kind: MeetingKind | str,
    held_on: date,
    rules: RuleSet,
    *,
    title: str = "",
    location: str | None = None,
    register: Iterable[Registrant | Member] = (),
    fees: Iterable[MembershipFee] = (),
    requested_by: Sequence[str] = (),
    opened_on: date | None = None,
) -> Meeting:
    """A new meeting with its default agenda and the röstlängd on ``held_on``.

    Args:
        number: The meeting's running number.
        kind: ``annual``, ``extra``, ``board`` or ``digital``.
        held_on: The meeting date (for a digital decision: the deadline).
        rules: The bylaws in force on ``held_on``.
        title: The title (optional).
        location: Where the meeting is held.
        register: The member register.
        fees: The membership fees paid.
        requested_by: For an extra meeting: member ids (as text) or ``"auditor"``.
        opened_on: For a digital decision: the day voting opens.

    Raises:
        InputError: A digital decision the bylaws do not allow, or with too short a time.
    """
    kind = MeetingKind(kind)
    if kind is MeetingKind.DIGITAL:
        digital = rules.digital_decisions
        if not digital.allowed:
            raise InputError(
                "kind", f"the bylaws do not allow digital decisions ({digital.reference})"
            )
        if opened_on is None or (held_on - opened_on).days < digital.minimum_days:
            raise InputError(
                "deadline",
                f"a digital decision needs at least {digital.minimum_days} days "
                f"between opening and deadline ({digital.reference})",
            )
    people = _snapshot(register)
    paid = tuple(sorted(fees, key=lambda f: f.number))
    return Meeting(
        number=number,
        kind=kind,
        title=title,
        held_on=held_on,
        opened_on=opened_on,
        location=location,
        rules_from=rules.valid_from,
        requested_by=tuple(requested_by),
        agenda=_agenda(kind, rules),
        members=people,
        fees=paid,
        roll=voting_roll(people, paid, rules.voting_rights, held_on),
    )


def _open(meeting: Meeting) -> None:
    if meeting.state is MeetingState.CLOSED:
        raise ConflictError(f"meeting {meeting.number} is closed")


def _voting_started(meeting: Meeting) -> bool:
    return any(p.box.voters for m in meeting.motions for p in m.polls) or any(
        e.box.voters for e in meeting.elections
    )


def refresh_register(
    meeting: Meeting,
    rules: RuleSet,
    register: Iterable[Registrant | Member],
    fees: Iterable[MembershipFee],
) -> Meeting:
    """Take a new register snapshot (until the first vote; then the röstlängd is fixed)."""
    _open(meeting)
    people = _snapshot(register)
    paid = tuple(sorted(fees, key=lambda f: f.number))
    if people == meeting.members and paid == meeting.fees:
        return meeting
    if _voting_started(meeting):
        raise ConflictError("voting has started: the röstlängd can no longer change")
    roll = voting_roll(people, paid, rules.voting_rights, meeting.held_on)
    return meeting.model_copy(update={"members": people, "fees": paid, "roll": roll})


#: A finding in words: an English template (a msgid of the catalog ``governance``) and
#: its arguments, so the minutes can print it in the meeting's language.
Finding = tuple[str, dict[str, object]]


def _say(template: str, **args: object) -> Finding:
    return template, args


def render_findings(findings: Sequence[Finding], lang: str | None = None) -> list[str]:
    """The findings as text: English as written, or in ``lang`` through the catalog
    ``governance`` (days in words, notice methods and outcomes translated)."""
    if lang is None:
        return [template.format(**args) for template, args in findings]
    _ = translator(lang, "governance")
    lines = []
    for template, args in findings:
        shown: dict[str, object] = {}
        for name, value in args.items():
            if isinstance(value, date):
                shown[name] = format_day(value, lang)
            elif name == "method":
                shown[name] = _(str(value))
            elif name == "methods":
                shown[name] = ", ".join(_(m) for m in str(value).split(", "))
            elif name == "outcome":
                shown[name] = _(str(value).replace("_", " "))
            else:
                shown[name] = value
        lines.append(_(template).format(**shown))
    return lines


def notice_findings(meeting: Meeting, rules: RuleSet, notice: Notice | None) -> list[Finding]:
    """What is wrong with the notice and the meeting date under ``rules``, as findings."""
    if meeting.kind in (MeetingKind.BOARD, MeetingKind.DIGITAL):
        return []
    r = rules.meetings
    found: list[Finding] = []
    if meeting.kind is MeetingKind.ANNUAL and not (
        r.annual_from_month <= meeting.held_on.month <= r.annual_to_month
    ):
        found.append(
            _say(
                "the annual meeting is held in month {month}; the bylaws say "
                "months {first}–{last} ({reference})",
                month=meeting.held_on.month,
                first=r.annual_from_month,
                last=r.annual_to_month,
                reference=r.reference,
            )
        )
    if notice is None:
        found.append(_say("no notice was recorded ({reference})", reference=r.reference))
        return found
    first, last = r.notice_window(meeting.held_on, meeting.kind is MeetingKind.EXTRA)
    if notice.sent_on < first:
        found.append(
            _say(
                "notice sent {sent}, earlier than {day} ({reference})",
                sent=notice.sent_on,
                day=first,
                reference=r.reference,
            )
        )
    if notice.sent_on > last:
        found.append(
            _say(
                "notice sent {sent}, later than {day} ({reference})",
                sent=notice.sent_on,
                day=last,
                reference=r.reference,
            )
        )
    if r.notice_methods and notice.method not in r.notice_methods:
        found.append(
            _say(
                "notice given by {method}; the bylaws name {methods} ({reference})",
                method=notice.method,
                methods=", ".join(r.notice_methods),
                reference=r.reference,
            )
        )
    return found


def notice_problems(meeting: Meeting, rules: RuleSet, notice: Notice | None) -> list[str]:
    """What is wrong with the notice and the meeting date under ``rules`` (English)."""
    return render_findings(notice_findings(meeting, rules, notice))


def record_notice(
    meeting: Meeting,
    rules: RuleSet,
    sent_on: date,
    method: str,
    matters: Sequence[str] = (),
) -> tuple[Meeting, list[str]]:
    """Record the notice as sent, and check it against the rules.

    Returns:
        The meeting with the notice, and the problems found (a late notice is still
        recorded: it is a fact; the meeting decides whether it was duly called).
    """
    _open(meeting)
    notice = Notice(sent_on=sent_on, method=method, matters=tuple(matters))
    return meeting.model_copy(update={"notice": notice}), notice_problems(meeting, rules, notice)


def set_officers(
    meeting: Meeting,
    *,
    chair: str | None = None,
    secretary: str | None = None,
    adjusters: Sequence[str] | None = None,
) -> Meeting:
    """Record the meeting's chair, secretary and adjusters (*justerare*)."""
    _open(meeting)
    current = meeting.officers
    officers = Officers(
        chair=chair if chair is not None else current.chair,
        secretary=secretary if secretary is not None else current.secretary,
        adjusters=tuple(adjusters) if adjusters is not None else current.adjusters,
    )
    return meeting.model_copy(update={"officers": officers})


def attend(meeting: Meeting, rules: RuleSet, member_ids: Iterable[UUID]) -> Meeting:
    """Record members as present (members without a vote may attend but not vote).

    Raises:
        InputError: Someone not in the member register.
    """
    _open(meeting)
    present = set(meeting.present)
    for member_id in member_ids:
        if meeting.person(member_id) is None:
            raise InputError("member", f"{member_id} is not in the member register")
        present.add(member_id)
    return meeting.model_copy(update={"present": tuple(sorted(present, key=str))})


def mandate_problems(meeting: Meeting, rules: RuleSet, mandate: Mandate) -> list[str]:
    """What is wrong with ``mandate`` under the proxy rules (English; empty: valid)."""
    r = rules.proxies
    ref = f" ({r.reference})" if r.reference else ""
    principal = meeting.name_of(mandate.principal_id)
    if not r.allowed:
        return [f"the bylaws do not allow proxies{ref}"]
    found: list[str] = []
    if mandate.principal_id not in meeting.roll.voter_ids:
        found.append(f"{principal} has no vote to give a proxy{ref}")
    if mandate.proxy_id == mandate.principal_id:
        found.append(f"{principal} cannot be their own proxy")
    if r.who != "anyone":
        if mandate.proxy_id is None:
            found.append(f"the proxy {mandate.proxy_name} must be a member{ref}")
        elif r.who == "voting_member" and mandate.proxy_id not in meeting.roll.voter_ids:
            found.append(f"the proxy {mandate.proxy_name} must be a member with a vote{ref}")
        elif r.who == "member":
            person = meeting.person(mandate.proxy_id)
            if person is None or not person.member_on(meeting.held_on):
                found.append(f"the proxy {mandate.proxy_name} must be a member{ref}")
    if r.written and not mandate.written:
        found.append(f"the mandate of {principal} must be written and dated{ref}")
    if mandate.dated > meeting.held_on:
        found.append(f"the mandate of {principal} is dated after the meeting")
    elif (meeting.held_on - mandate.dated).days > r.max_age_days:
        found.append(
            f"the mandate of {principal} is dated {mandate.dated}, more than "
            f"{r.max_age_days} days before the meeting{ref}"
        )
    key = mandate.proxy_id or mandate.proxy_name
    held = [m for m in meeting.mandates if (m.proxy_id or m.proxy_name) == key]
    if mandate not in held:
        held.append(mandate)
    if len(held) > r.max_principals:
        found.append(
            f"{mandate.proxy_name} holds {len(held)} mandates; the bylaws allow "
            f"{r.max_principals}{ref}"
        )
    if sum(1 for m in meeting.mandates if m.principal_id == mandate.principal_id) > 1:
        found.append(f"{principal} has given more than one mandate")
    return found


def add_proxy(
    meeting: Meeting,
    rules: RuleSet,
    principal_id: UUID,
    *,
    proxy_id: UUID | None = None,
    proxy_name: str | None = None,
    dated: date,
    written: bool = True,
) -> Meeting:
    """Record a proxy's mandate, validated against the bylaws' proxy rules.

    Raises:
        InputError: Proxies not allowed, a principal without a vote, a proxy who may not
            act, an unwritten or too old mandate, or a proxy over its limit of principals.
        ConflictError: The principal already gave a mandate.
    """
    _open(meeting)
    if any(m.principal_id == principal_id for m in meeting.mandates):
        raise ConflictError(f"{meeting.name_of(principal_id)} has already given a mandate")
    name = proxy_name or (meeting.name_of(proxy_id) if proxy_id else None)
    if not name:
        raise InputError("proxy", "name the proxy (a member number or a name)")
    mandate = Mandate(
        principal_id=principal_id, proxy_id=proxy_id, proxy_name=name, dated=dated, written=written
    )
    problems = mandate_problems(meeting, rules, mandate)
    if problems:
        raise InputError("proxy", "; ".join(problems))
    return meeting.model_copy(update={"mandates": (*meeting.mandates, mandate)})


def motion_problems(meeting: Meeting, rules: RuleSet, motion: Motion) -> list[str]:
    """Late member motions, and decisions only an annual meeting may take (English)."""
    found: list[str] = []
    r = rules.meetings
    if meeting.kind is MeetingKind.ANNUAL and not motion.by_board and motion.submitted_on:
        days = (meeting.held_on - motion.submitted_on).days
        if days < r.motion_deadline_days:
            found.append(
                f"motion {motion.number} reached the board {days} days before the meeting; "
                f"the bylaws say {r.motion_deadline_days} ({r.reference})"
            )
    rule = rules.decisions.rule(motion.type)
    if rule.annual_only and meeting.kind is not MeetingKind.ANNUAL:
        found.append(
            f"motion {motion.number}: only an annual meeting may decide a "
            f"{motion.type.value.replace('_', ' ')} ({rule.reference})"
        )
    if meeting.kind is MeetingKind.DIGITAL and motion.type not in rules.digital_decisions.types:
        found.append(
            f"motion {motion.number}: a {motion.type.value.replace('_', ' ')} may not be "
            f"decided digitally ({rules.digital_decisions.reference})"
        )
    return found


def add_motion(
    meeting: Meeting,
    rules: RuleSet,
    *,
    title: str,
    text: str = "",
    type: DecisionType | str = DecisionType.ORDINARY,
    proposer: str | None = None,
    by_board: bool = True,
    submitted_on: date | None = None,
    item: str | None = None,
    previous: PreviousReading | None = None,
) -> Meeting:
    """Add a matter to decide.

    Raises:
        InputError: A decision the bylaws do not allow at this kind of meeting.
    """
    _open(meeting)
    keys = {a.key for a in meeting.agenda}
    default_item = "motions" if "motions" in keys else "matters"
    if item is not None and item not in keys:
        raise InputError("item", f"the agenda has no item {item!r} ({', '.join(sorted(keys))})")
    motion = Motion(
        number=len(meeting.motions) + 1,
        title=title,
        text=text,
        type=DecisionType(type),
        proposer=proposer,
        by_board=by_board,
        submitted_on=submitted_on,
        item=item or default_item,
        previous=previous,
    )
    problems = [p for p in motion_problems(meeting, rules, motion) if "reached the board" not in p]
    if problems:
        raise InputError("type", "; ".join(problems))
    return meeting.model_copy(update={"motions": (*meeting.motions, motion)})


def _replace_motion(meeting: Meeting, motion: Motion) -> Meeting:
    motions = tuple(motion if m.number == motion.number else m for m in meeting.motions)
    return meeting.model_copy(update={"motions": motions})


def _replace_election(meeting: Meeting, election: Election) -> Meeting:
    elections = tuple(election if e.number == election.number else e for e in meeting.elections)
    return meeting.model_copy(update={"elections": elections})


def amend(meeting: Meeting, number: int, text: str, proposer: str | None = None) -> Meeting:
    """Add an amendment to motion ``number`` (before its final poll opens).

    Raises:
        ConflictError: The final vote on the motion has started or it is decided.
    """
    _open(meeting)
    motion = meeting.motion(number)
    if motion.decided or any(p.kind == "final" for p in motion.polls):
        raise ConflictError(f"motion {number}: the final vote has started")
    letter = chr(ord("A") + len(motion.amendments))
    amendment = Amendment(letter=letter, text=text, proposer=proposer)
    return _replace_motion(
        meeting, motion.model_copy(update={"amendments": (*motion.amendments, amendment)})
    )


def add_election(
    meeting: Meeting,
    rules: RuleSet,
    *,
    office: str,
    seats: int,
    candidates: Sequence[str],
    method: ElectionMethod | str | None = None,
    secret: bool = False,
    requested_by: UUID | None = None,
) -> Meeting:
    """Add an election, with the bylaws' method and secrecy.

    Raises:
        InputError: A method other than the bylaws', or a secret ballot the bylaws rule
            out, or a request for one from someone without a vote.
    """
    _open(meeting)
    r = rules.elections
    chosen = ElectionMethod(method) if method is not None else r.method
    if chosen is not r.method:
        raise InputError("method", f"the bylaws say {r.method.value} ({r.reference})")
    if len(set(candidates)) != len(candidates):
        raise InputError("candidates", "a candidate is named twice")
    election = Election(
        number=len(meeting.elections) + 1,
        office=office,
        seats=seats,
        candidates=tuple(candidates),
        method=chosen,
        box=BallotBox(secret=r.secret == "always"),
    )
    meeting = meeting.model_copy(update={"elections": (*meeting.elections, election)})
    if secret and r.secret != "always":
        meeting = request_secret(meeting, rules, election.number, requested_by)
    return meeting


def request_secret(
    meeting: Meeting, rules: RuleSet, number: int, requested_by: UUID | None
) -> Meeting:
    """A voting member asks for a secret ballot in election ``number``.

    Raises:
        InputError: The bylaws rule out secret ballots, or the requester has no vote.
        ConflictError: Voting has already started.
    """
    _open(meeting)
    r = rules.elections
    election = meeting.election(number)
    if election.box.secret:
        return meeting
    if r.secret == "never":
        raise InputError("secret", f"the bylaws hold elections openly ({r.reference})")
    if requested_by is not None and requested_by not in meeting.roll.voter_ids:
        raise InputError("secret", f"{meeting.name_of(requested_by)} has no vote ({r.reference})")
    if election.box.voters:
        raise ConflictError(f"election {number}: voting has started")
    updated = election.model_copy(
        update={"box": BallotBox(secret=True), "secret_requested_by": requested_by}
    )
    return _replace_election(meeting, updated)


def _check_voter(meeting: Meeting, voter: UUID, cast_by: UUID | None, via_mandate: bool) -> bool:
    """Raise unless ``voter`` may vote now, as cast; return whether through a proxy."""
    name = meeting.name_of(voter)
    entry = meeting.roll.entry(voter)
    if meeting.general and (entry is None or not entry.votes):
        why = "; ".join(r.text() for r in entry.reasons) if entry else "not in the register"
        raise InputError("voter", f"{name} has no vote: {why}")
    if meeting.kind is MeetingKind.DIGITAL:
        if cast_by not in (None, voter):
            raise InputError("voter", "a digital decision takes no proxies")
        return False
    if cast_by is None or cast_by == voter:
        if voter in meeting.present:
            return False
        if not via_mandate:
            raise InputError("voter", f"{name} is not recorded as present")
    mandate = meeting.represented().get(voter)
    if mandate is None:
        if voter in meeting.present:
            raise InputError("voter", f"{name} is present and votes themself")
        raise InputError("voter", f"{name} is neither present nor represented by a proxy present")
    if cast_by is not None and cast_by != voter and mandate.proxy_id != cast_by:
        raise InputError("voter", f"{meeting.name_of(cast_by)} holds no mandate from {name}")
    return True


def cast_vote(
    meeting: Meeting,
    rules: RuleSet,
    *,
    voter: UUID,
    choice: str | Sequence[str],
    motion: int | None = None,
    election: int | None = None,
    cast_by: UUID | None = None,
    via_mandate: bool = False,
) -> Meeting:
    """Cast ``voter``'s vote on a motion's current poll, or in an election.

    Args:
        meeting: The meeting.
        rules: The bylaws in force.
        voter: Whose vote: the member, or the principal when a proxy casts it.
        choice: On a motion: ``yes``/``no``/``abstain`` (final poll) or
            ``proposal``/``amendment``/``abstain`` (proposal against an amendment). In an
            election: the names marked or ranked, in order (empty: blank).
        motion: The motion's number.
        election: The election's number.
        cast_by: Who casts it: the voter, their proxy, or ``None`` when the secretary
            enters a hand count.
        via_mandate: The secretary enters a vote cast by a non-member proxy.

    Raises:
        InputError: A voter without a vote, absent and not represented, a proxy without
            a mandate, an unknown choice.
        ConflictError: The voter has already voted here, or the item is decided.
    """
    _open(meeting)
    if (motion is None) == (election is None):
        raise InputError("item", "vote on one motion or one election")
    by_proxy = _check_voter(meeting, voter, cast_by, via_mandate)
    ranked = (choice,) if isinstance(choice, str) else tuple(choice)
    if motion is not None:
        target = meeting.motion(motion)
        if target.decided:
            raise ConflictError(f"motion {motion} is decided")
        poll = target.next_poll()
        words = ("proposal", "amendment", "abstain") if poll.kind == "counter" else None
        word = ranked[0].strip().lower() if len(ranked) == 1 else ""
        if words is not None and word not in words:
            raise InputError("choice", f"{choice!r}: vote proposal, amendment or abstain")
        if words is None:
            tally_motion([word], ORDINARY)  # raises on an unknown word
        if voter in poll.box.voters:
            raise ConflictError(f"{meeting.name_of(voter)} has already voted in this poll")
        vote = OpenVote(voter=voter, cast_by=cast_by, by_proxy=by_proxy, choice=(word,))
        polls = [p for p in target.polls if p.number != poll.number]
        updated = poll.model_copy(update={"box": poll.box.put(vote)})
        return _replace_motion(meeting, target.model_copy(update={"polls": (*polls, updated)}))
    assert election is not None  # for mypy: checked above
    target_e = meeting.election(election)
    if target_e.decided:
        raise ConflictError(f"election {election} is counted")
    if voter in target_e.box.voters:
        raise ConflictError(f"{meeting.name_of(voter)} has already voted in election {election}")
    unknown = [name for name in ranked if name not in target_e.candidates]
    if unknown:
        raise InputError("choice", f"not a candidate: {', '.join(unknown)}")
    if len(set(ranked)) != len(ranked):
        raise InputError("choice", "a candidate is marked twice")
    if target_e.method is ElectionMethod.BLOCK_PLURALITY and len(ranked) > target_e.seats:
        raise InputError("choice", f"mark at most {target_e.seats} candidates")
    vote = OpenVote(voter=voter, cast_by=cast_by, by_proxy=by_proxy, choice=ranked)
    return _replace_election(meeting, target_e.model_copy(update={"box": target_e.box.put(vote)}))


def quorum_now(meeting: Meeting, rules: RuleSet, box: BallotBox | None = None) -> Quorum:
    """The quorum check: voting members attending against what the bylaws require.

    For a digital decision those who voted count as attending.
    """
    r = rules.quorum
    if meeting.kind is MeetingKind.BOARD:
        return Quorum(required=0, attending=len(meeting.present))
    required = r.required(len(meeting.roll.voters))
    if meeting.kind is MeetingKind.DIGITAL:
        attending = len(box.voters) if box is not None else 0
    else:
        attending = meeting.attending(r.count_proxies)
    return Quorum(required=required, attending=attending)


def _motion_tally(
    meeting: Meeting,
    rules: RuleSet,
    motion: Motion,
    poll: Poll,
    chair_vote: str | None,
    seed: str,
) -> MotionResult:
    """Count ``poll`` with the rule the bylaws give (pure: used live and by verify)."""
    present = len(meeting.voters_present() | frozenset(meeting.represented()))
    members = len(meeting.roll.voters)
    if poll.kind == "counter":
        # The amendment replaces the proposal with more than half of the votes cast on
        # the two; on equal votes the chair decides (EFL 6 kap. 33 § by analogy).
        words = {"amendment": "yes", "proposal": "no", "abstain": "abstain"}
        votes = [words[b[0]] for b in poll.box.ballots]
        majority = Majority(
            name="ordinary", threshold=ORDINARY.threshold, strict=True, casting_vote=True
        )
        chair = None if chair_vote is None else words.get(chair_vote.strip().lower(), chair_vote)
        return tally_motion(votes, majority, chair_vote=chair)
    rule = rules.decisions.rule(motion.type)
    majority = rule.majority(
        "ordinary" if motion.type is DecisionType.ORDINARY else motion.type.value,
        second=rule.two_meetings,
    )
    votes = [b[0] for b in poll.box.ballots]
    return tally_motion(
        votes,
        majority,
        chair_vote=chair_vote if rule.tie == "chair" else None,
        counts_blank=rule.counts_blank,
        present=max(present, len(votes)) if meeting.kind is not MeetingKind.DIGITAL else len(votes),
        members=max(members, len(votes)),
        lot=Lot(seed=seed) if rule.tie == "lot" else None,
    )


def previous_reading_findings(meeting: Meeting, rules: RuleSet, motion: Motion) -> list[Finding]:
    """Why ``motion.previous`` is not a valid first reading, as findings (empty: valid)."""
    rule = rules.decisions.rule(motion.type)
    if not rule.two_meetings:
        return []
    prev = motion.previous
    if prev is None:
        return [_say("no earlier meeting adopted it")]
    found: list[Finding] = []
    if prev.outcome != "first_reading":
        found.append(
            _say(
                "meeting {meeting} did not adopt it ({outcome})",
                meeting=prev.meeting,
                outcome=prev.outcome,
            )
        )
    if not prev.consecutive or prev.held_on >= meeting.held_on:
        found.append(
            _say("meeting {meeting} is not the meeting before this one", meeting=prev.meeting)
        )
    if MeetingKind.ANNUAL not in (prev.kind, meeting.kind):
        found.append(
            _say("neither meeting is an annual meeting ({reference})", reference=rule.reference)
        )
    return found


def previous_reading_problems(meeting: Meeting, rules: RuleSet, motion: Motion) -> list[str]:
    """Why ``motion.previous`` is not a valid first reading (empty: valid or not needed)."""
    return render_findings(previous_reading_findings(meeting, rules, motion))


def motion_outcome(
    meeting: Meeting, rules: RuleSet, motion: Motion, result: MotionResult, quorum: Quorum
) -> Literal["adopted", "rejected", "first_reading", "no_quorum"]:
    """The decision a counted final poll amounts to."""
    if not quorum.met:
        return "no_quorum"
    if not result.passed:
        return "rejected"
    rule = rules.decisions.rule(motion.type)
    if rule.two_meetings and previous_reading_problems(meeting, rules, motion):
        return "first_reading"
    return "adopted"


def count_motion(
    meeting: Meeting,
    rules: RuleSet,
    number: int,
    *,
    seed: str,
    chair_vote: str | None = None,
) -> Meeting:
    """Count the current poll of motion ``number``.

    A counter poll decides whether the amendment replaces the proposal; the final poll
    decides the motion by the majority its decision type needs.

    Args:
        meeting: The meeting.
        rules: The bylaws in force.
        number: The motion.
        seed: The lot seed to record (used only if the bylaws let the lot break a tie).
        chair_vote: The chair's casting vote on equal votes (*utslagsröst*): ``yes`` or
            ``no``; ``proposal`` or ``amendment`` when the proposal is put against an
            amendment.

    Raises:
        InputError: Equal votes where the chair's casting vote decides, and none given.
        ConflictError: The motion is decided.
    """
    _open(meeting)
    motion = meeting.motion(number)
    if motion.decided:
        raise ConflictError(f"motion {number} is decided")
    poll = motion.next_poll()
    result = _motion_tally(meeting, rules, motion, poll, chair_vote, seed)
    rule = rules.decisions.rule(motion.type)
    chair_decides = poll.kind == "counter" or rule.tie == "chair"
    if (
        result.tie
        and not result.passed
        and chair_decides
        and chair_vote is None
        and result.yes + 1 >= result.required
    ):
        raise InputError(
            "chair_vote", f"motion {number}: equal votes; the chair's casting vote decides"
        )
    quorum = quorum_now(meeting, rules, poll.box)
    counted = poll.model_copy(
        update={
            "result": result,
            "chair_vote": chair_vote if result.decided_by.value == "casting_vote" else None,
            "seed": seed if result.decided_by.value == "lot" else None,
            "quorum": quorum,
        }
    )
    polls = (*[p for p in motion.polls if p.number != poll.number], counted)
    motion = motion.model_copy(update={"polls": polls})
    if poll.kind == "final":
        motion = motion.model_copy(
            update={
                "outcome": motion_outcome(meeting, rules, motion, result, quorum),
                "decided_text": motion.current_text(),
            }
        )
    return _replace_motion(meeting, motion)


def decide_by_acclamation(
    meeting: Meeting, number: int, outcome: Literal["adopted", "rejected"]
) -> Meeting:
    """Record that the chair declared motion ``number`` decided by acclamation."""
    _open(meeting)
    motion = meeting.motion(number)
    if motion.decided or motion.polls:
        raise ConflictError(f"motion {number} is already being voted on")
    return _replace_motion(
        meeting,
        motion.model_copy(
            update={"acclamation": outcome, "outcome": outcome, "decided_text": motion.text}
        ),
    )


def count_election(meeting: Meeting, rules: RuleSet, number: int, *, seed: str) -> Meeting:
    """Count election ``number``; ties are decided by lot from ``seed`` (recorded)."""
    _open(meeting)
    election = meeting.election(number)
    if election.decided:
        raise ConflictError(f"election {number} is counted")
    result = tally_election(
        election.method,
        election.box.ballots,
        election.candidates,
        election.seats,
        lot=Lot(seed=seed),
    )
    quorum = quorum_now(meeting, rules, election.box)
    return _replace_election(
        meeting,
        election.model_copy(
            update={
                "result": result,
                "seed": seed,
                "quorum": quorum,
                "outcome": "elected" if quorum.met else "no_quorum",
            }
        ),
    )


def reserve(meeting: Meeting, member_id: UUID, item: str, text: str = "") -> Meeting:
    """Record a reservation against a decision (``motion N`` or ``election N``).

    Raises:
        InputError: An unknown item, one not yet decided, or a member not present.
    """
    _open(meeting)
    kind, _, raw = item.partition(" ")
    if kind not in ("motion", "election") or not raw.isdigit():
        raise InputError("item", f"{item!r}: write 'motion N' or 'election N'")
    target = meeting.motion(int(raw)) if kind == "motion" else meeting.election(int(raw))
    if not target.decided:
        raise InputError("item", f"{item} is not decided yet")
    if member_id not in meeting.present:
        raise InputError("member", f"{meeting.name_of(member_id)} is not present")
    reservation = Reservation(
        member_id=member_id, name=meeting.name_of(member_id), item=item, text=text
    )
    return meeting.model_copy(update={"reservations": (*meeting.reservations, reservation)})


def pending(meeting: Meeting) -> list[str]:
    """Items not yet decided (``motion 2``, ``election 1``)."""
    return [f"motion {m.number}" for m in meeting.motions if not m.decided] + [
        f"election {e.number}" for e in meeting.elections if not e.decided
    ]


def close_meeting(meeting: Meeting) -> Meeting:
    """Close the meeting.

    Raises:
        ConflictError: An item is not decided yet.
    """
    _open(meeting)
    left = pending(meeting)
    if left:
        raise ConflictError(f"not decided yet: {', '.join(left)}")
    return meeting.model_copy(update={"state": MeetingState.CLOSED})

# SPDX-License-Identifier: EUPL-1.2
"""The steps that build a meeting record: creating it, attendance, officers, matters,
amendments, elections, reservations, closing.

Each step is a pure function: the meeting and the bylaws' :class:`RuleSet` in, a new
meeting out. A step that would break a hard rule (a decision the bylaws do not allow at
this kind of meeting, a secret ballot they rule out) raises; facts that may break a softer
rule (a late notice, a late motion, a missing quorum) are recorded as they happened, and
:func:`kooperativ.governance.verify.verify_meeting` reports them.

Examples:
    >>> from datetime import date
    >>> from uuid import UUID
    >>> from kooperativ.governance.bylaws import RuleSet
    >>> from kooperativ.governance.register import Registrant
    >>> from kooperativ.governance.counting import count_motion
    >>> from kooperativ.governance.voting import cast_vote
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
    >>> m.motion(1).decision.outcome
    'adopted'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal
from uuid import UUID

from kooperativ.errors import ConflictError, InputError, Phrase, Term
from kooperativ.governance.bylaws import DecisionType, RuleSet
from kooperativ.governance.findings import finding, item_phrase, refuse
from kooperativ.governance.meeting import (
    AgendaItem,
    Amendment,
    BallotBox,
    Election,
    Meeting,
    MeetingKind,
    MeetingState,
    Motion,
    Officers,
    PreviousReading,
    Reservation,
)
from kooperativ.governance.register import MembershipFee, Registrant, voting_roll
from kooperativ.governance.tally import ElectionMethod
from kooperativ.members.models import Member
from kooperativ.problems import Problem

__all__ = [
    "add_election",
    "add_motion",
    "amend",
    "attend",
    "close_meeting",
    "decide_by_acclamation",
    "default_agenda",
    "motion_findings",
    "new_meeting",
    "pending",
    "refresh_register",
    "request_secret",
    "reserve",
    "set_officers",
]

_AGENDAS: dict[MeetingKind, tuple[str, ...]] = {
    MeetingKind.ANNUAL: (
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
    ),
    MeetingKind.EXTRA: ("opening", "officers", "roll", "notice", "agenda", "matters", "closing"),
    MeetingKind.BOARD: ("opening", "officers", "agenda", "matters", "closing"),
    MeetingKind.DIGITAL: ("roll", "matters"),
}


def _kind(kind: MeetingKind | str) -> MeetingKind:
    try:
        return MeetingKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in MeetingKind)
        raise InputError(
            "kind",
            "{kind!r} is not a kind of meeting (choose {choices})",
            kind=kind,
            choices=choices,
        ) from None


def default_agenda(kind: MeetingKind | str, rules: RuleSet) -> tuple[AgendaItem, ...]:
    """The agenda of a meeting of ``kind``, each item citing the bylaw § it follows from.

    Raises:
        InputError: An unknown kind of meeting.
    """
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
        for i, key in enumerate(_AGENDAS[_kind(kind)], start=1)
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
        InputError: An unknown kind; a digital decision the bylaws do not allow, or with
            too short a time.
    """
    kind = _kind(kind)
    if kind is MeetingKind.DIGITAL:
        digital = rules.digital_decisions
        if not digital.allowed:
            raise InputError(
                "kind",
                "the bylaws do not allow digital decisions ({reference})",
                reference=digital.reference,
            )
        if opened_on is None or (held_on - opened_on).days < digital.minimum_days:
            raise InputError(
                "deadline",
                "a digital decision needs at least {days} days between opening and deadline "
                "({reference})",
                days=digital.minimum_days,
                reference=digital.reference,
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
        agenda=default_agenda(kind, rules),
        members=people,
        fees=paid,
        roll=voting_roll(people, paid, rules.voting_rights, held_on),
    )


def refresh_register(
    meeting: Meeting,
    rules: RuleSet,
    register: Iterable[Registrant | Member],
    fees: Iterable[MembershipFee],
) -> Meeting:
    """Take a new register snapshot (until the first vote; then the röstlängd is fixed).

    Raises:
        ConflictError: Voting has started and the register differs.
    """
    meeting.require_open()
    people = _snapshot(register)
    paid = tuple(sorted(fees, key=lambda f: f.number))
    if people == meeting.members and paid == meeting.fees:
        return meeting
    if meeting.voting_started:
        raise ConflictError("voting has started: the röstlängd can no longer change")
    roll = voting_roll(people, paid, rules.voting_rights, meeting.held_on)
    return meeting.model_copy(update={"members": people, "fees": paid, "roll": roll})


def set_officers(
    meeting: Meeting,
    *,
    chair: str | None = None,
    secretary: str | None = None,
    adjusters: Sequence[str] | None = None,
    chair_id: UUID | None = None,
) -> Meeting:
    """Record the meeting's chair, secretary and adjusters (*justerare*).

    Args:
        meeting: The meeting.
        chair: The chair's name.
        secretary: The secretary's name.
        adjusters: The adjusters' names.
        chair_id: The chair's member id, when the chair is a member (their name is taken
            from the register when ``chair`` is not given).

    Raises:
        InputError: ``chair_id`` is not in the member register.
    """
    meeting.require_open()
    current = meeting.officers
    if chair_id is not None:
        if meeting.person(chair_id) is None:
            raise InputError(
                "chair", "{member} is not in the member register", member=str(chair_id)
            )
        chair = chair or meeting.name_of(chair_id)
    elif chair is not None and chair != current.chair:
        chair_id = None  # a new chair by name only: not a member we know
    else:
        chair_id = current.chair_id
    officers = Officers(
        chair=chair if chair is not None else current.chair,
        chair_id=chair_id,
        secretary=secretary if secretary is not None else current.secretary,
        adjusters=tuple(adjusters) if adjusters is not None else current.adjusters,
    )
    return meeting.model_copy(update={"officers": officers})


def attend(meeting: Meeting, rules: RuleSet, member_ids: Iterable[UUID]) -> Meeting:
    """Record members as present (members without a vote may attend but not vote).

    Raises:
        InputError: Someone not in the member register.
    """
    meeting.require_open()
    present = set(meeting.present)
    for member_id in member_ids:
        if meeting.person(member_id) is None:
            raise InputError(
                "member", "{member} is not in the member register", member=str(member_id)
            )
        present.add(member_id)
    return meeting.model_copy(update={"present": tuple(sorted(present, key=str))})


def motion_findings(meeting: Meeting, rules: RuleSet, motion: Motion) -> list[Problem]:
    """Late member motions, and decisions this kind of meeting may not take.

    Codes: ``motion.late`` (a member's motion after the bylaws' deadline: recorded, the
    meeting decides), ``motion.annual_only``, ``motion.digital``.
    """
    found: list[Problem] = []
    here = ("motion", motion.number)
    r = rules.meetings
    if meeting.kind is MeetingKind.ANNUAL and not motion.by_board and motion.submitted_on:
        days = (meeting.held_on - motion.submitted_on).days
        if days < r.motion_deadline_days:
            found.append(
                finding(
                    "motion.late",
                    here,
                    "motion {number} reached the board {days} days before the meeting; "
                    "the bylaws say {deadline} ({reference})",
                    number=motion.number,
                    days=days,
                    deadline=r.motion_deadline_days,
                    reference=r.reference,
                )
            )
    rule = rules.decisions.rule(motion.type)
    if rule.annual_only and meeting.kind is not MeetingKind.ANNUAL:
        found.append(
            finding(
                "motion.annual_only",
                here,
                "motion {number}: only an annual meeting may decide a {type} ({reference})",
                number=motion.number,
                type=motion.type.value.replace("_", " "),
                reference=rule.reference,
            )
        )
    if meeting.kind is MeetingKind.DIGITAL and motion.type not in rules.digital_decisions.types:
        found.append(
            finding(
                "motion.digital",
                here,
                "motion {number}: a {type} may not be decided digitally ({reference})",
                number=motion.number,
                type=motion.type.value.replace("_", " "),
                reference=rules.digital_decisions.reference,
            )
        )
    return found


def add_motion(
    meeting: Meeting,
    rules: RuleSet,
    *,
    title: str,
    text: str = "",
    decision_type: DecisionType | str = DecisionType.ORDINARY,
    proposer: str | None = None,
    by_board: bool = True,
    submitted_on: date | None = None,
    item: str | None = None,
    previous: PreviousReading | None = None,
) -> Meeting:
    """Add a matter to decide.

    Args:
        meeting: The meeting.
        rules: The bylaws in force.
        title: Short title.
        text: The proposal.
        decision_type: ``ordinary``, ``bylaw_amendment``, ``dissolution`` or ``exclusion``.
        proposer: Who proposes it.
        by_board: A board proposal (else a member's motion, with its deadline).
        submitted_on: When a member's motion reached the board.
        item: The agenda item's key (default: ``motions``, or ``matters``).
        previous: The first reading of a two-meeting bylaw amendment.

    Raises:
        InputError: An unknown decision type or agenda item; a decision the bylaws do not
            allow at this kind of meeting.
    """
    meeting.require_open()
    keys = {a.key for a in meeting.agenda}
    default_item = "motions" if "motions" in keys else "matters"
    if item is not None and item not in keys:
        raise InputError(
            "item",
            "the agenda has no item {item!r} ({items})",
            item=item,
            items=", ".join(repr(key) for key in sorted(keys)),
        )
    try:
        kind = DecisionType(decision_type)
    except ValueError:
        choices = ", ".join(t.value for t in DecisionType)
        raise InputError(
            "type",
            "{value!r} is not a decision type (choose {choices})",
            value=decision_type,
            choices=choices,
        ) from None
    motion = Motion(
        number=len(meeting.motions) + 1,
        title=title,
        text=text,
        type=kind,
        proposer=proposer,
        by_board=by_board,
        submitted_on=submitted_on,
        item=item or default_item,
        previous=previous,
    )
    # A late motion is recorded (the meeting decides whether to take it up); a decision
    # this meeting may not take is refused.
    refused = [p for p in motion_findings(meeting, rules, motion) if p.code != "motion.late"]
    refuse("type", refused)
    return meeting.model_copy(update={"motions": (*meeting.motions, motion)})


def amend(meeting: Meeting, number: int, text: str, proposer: str | None = None) -> Meeting:
    """Add an amendment to motion ``number`` (before its final poll opens).

    Raises:
        ConflictError: The final vote on the motion has started or it is decided.
    """
    meeting.require_open()
    motion = meeting.motion(number)
    if motion.decided or any(p.kind == "final" for p in motion.polls):
        raise ConflictError("motion {number}: the final vote has started", number=number)
    letter = chr(ord("A") + len(motion.amendments))
    amendment = Amendment(letter=letter, text=text, proposer=proposer)
    return meeting.with_motion(
        motion.model_copy(update={"amendments": (*motion.amendments, amendment)})
    )


def decide_by_acclamation(
    meeting: Meeting, number: int, outcome: Literal["adopted", "rejected"]
) -> Meeting:
    """Record that the chair declared motion ``number`` decided by acclamation.

    Raises:
        ConflictError: The motion is decided or being voted on.
    """
    meeting.require_open()
    motion = meeting.motion(number)
    if motion.decided or motion.polls:
        raise ConflictError("motion {number} is already being voted on", number=number)
    return meeting.with_motion(
        motion.model_copy(
            update={"acclamation": outcome, "outcome": outcome, "decided_text": motion.text}
        )
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
        InputError: Fewer than one seat, no candidate or one named twice, a method other
            than the bylaws', a secret ballot the bylaws rule out, or a request for one
            from someone without a vote.
    """
    meeting.require_open()
    r = rules.elections
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise InputError("seats", "{seats!r}: at least one seat is needed", seats=seats)
    if not candidates:
        raise InputError("candidates", "at least one candidate is needed")
    try:
        chosen = ElectionMethod(method) if method is not None else r.method
    except ValueError:
        choices = ", ".join(m.value for m in ElectionMethod)
        raise InputError(
            "method",
            "{method!r} is not a method (choose {choices})",
            method=method,
            choices=choices,
        ) from None
    if chosen is not r.method:
        raise InputError(
            "method",
            "the bylaws say {method} ({reference})",
            method=Term(r.method.value),
            reference=r.reference,
        )
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
    meeting.require_open()
    r = rules.elections
    election = meeting.election(number)
    if election.box.secret:
        return meeting
    if r.secret == "never":
        raise InputError(
            "secret", "the bylaws hold elections openly ({reference})", reference=r.reference
        )
    if requested_by is not None and requested_by not in meeting.roll.voter_ids:
        raise InputError(
            "secret",
            "{name} has no vote ({reference})",
            name=meeting.name_of(requested_by),
            reference=r.reference,
        )
    if election.box.voters:
        raise ConflictError("election {number}: voting has started", number=number)
    updated = election.model_copy(
        update={"box": BallotBox(secret=True), "secret_requested_by": requested_by}
    )
    return meeting.with_election(updated)


def reserve(meeting: Meeting, member_id: UUID, item: str, text: str = "") -> Meeting:
    """Record a reservation against a decision (``motion N`` or ``election N``).

    Raises:
        InputError: An unknown item, one not yet decided, or a member not present.
    """
    meeting.require_open()
    kind, _, raw = item.partition(" ")
    if kind not in ("motion", "election") or not raw.isdigit():
        raise InputError("item", "{item!r}: write 'motion N' or 'election N'", item=item)
    target = meeting.motion(int(raw)) if kind == "motion" else meeting.election(int(raw))
    if not target.decided:
        raise InputError("item", "{item} is not decided yet", item=item_phrase(item))
    if member_id not in meeting.present:
        raise InputError("member", "{name} is not present", name=meeting.name_of(member_id))
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
    meeting.require_open()
    left = pending(meeting)
    if left:
        raise ConflictError(
            "not decided yet: {items}", items=Phrase.join(map(item_phrase, left), ", ")
        )
    return meeting.model_copy(update={"state": MeetingState.CLOSED})

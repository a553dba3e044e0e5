# SPDX-License-Identifier: EUPL-1.2
"""Voting: who may cast whose vote, open votes, secret ballots and paper ballots.

Only a member votes for themself, or the holder of their mandate for them (a proxy,
*ombud*). An officer (the secretary, the board) may *enter* votes given on paper or by a
show of hands: such a vote is recorded as a paper ballot with the officer's name, never as
the member's own electronic vote.

In an open vote the record keeps each vote with its voter (:class:`OpenVote`). In a secret
ballot (*sluten omröstning*) the record keeps only *who has voted*
(:class:`~kooperativ.governance.meeting.VoterMark`); :func:`cast_ballot` hands the ballot
back to the caller as a :class:`Ballot` (which box, which choice, nothing else) to keep in
the ballot box, apart from the record, until the count
(:func:`kooperativ.governance.counting.count_election` takes the box's content). Paper
ballots of a secret ballot are entered together, the voters and the ballots as two lists
(:func:`enter_paper_ballots`), never one ballot beside one name.

Examples:
    >>> from datetime import date
    >>> from uuid import UUID
    >>> from kooperativ.governance.bylaws import RuleSet
    >>> from kooperativ.governance.counting import count_election
    >>> from kooperativ.governance.proceedings import add_election, attend, new_meeting
    >>> from kooperativ.governance.register import Registrant
    >>> rules = RuleSet.model_validate({"valid_from": date(2024, 1, 1),
    ...     "voting_rights": {"fee_paid": "none"}, "elections": {"secret": "always"}})
    >>> people = [Registrant(id=UUID(int=i), number=i, name=f"M{i}", status="member",
    ...     joined_on=date(2024, 1, 1)) for i in (1, 2)]
    >>> m = new_meeting(1, "annual", date(2026, 3, 20), rules, register=people)
    >>> m = attend(m, rules, [p.id for p in people])
    >>> m = add_election(m, rules, office="Chair", seats=1, candidates=["Alva", "Bo"])
    >>> box = []
    >>> for person, name in zip(people, ["Bo", "Alva"]):
    ...     m, ballot = cast_ballot(m, rules, voter=person.id, choice=[name], election=1)
    ...     box.append(ballot.choice)
    >>> m.election(1).box.choices  # the record holds no ballot while the poll is open
    ()
    >>> m = count_election(m, rules, 1, seed="s", ballots=box)
    >>> m.election(1).box.choices
    (('Alva',), ('Bo',))
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from uuid import UUID

from kooperativ._model import Record
from kooperativ.errors import ConflictError, InputError, Phrase
from kooperativ.governance.bylaws import RuleSet
from kooperativ.governance.findings import item_phrase
from kooperativ.governance.meeting import (
    BallotBox,
    Election,
    Meeting,
    MeetingKind,
    Motion,
    OpenVote,
    Poll,
    VoterMark,
)
from kooperativ.governance.tally import ORDINARY, ElectionMethod, tally_motion

__all__ = [
    "Ballot",
    "ballot_size",
    "cast_ballot",
    "cast_vote",
    "enter_paper_ballots",
    "item_of",
]

_COUNTER_WORDS = ("proposal", "amendment", "abstain")
_FINAL_WORDS = ("yes", "no", "abstain")


class Ballot(Record):
    """One ballot of a secret ballot, for the box: which box, and the choice. Nothing else.

    Attributes:
        item: The box: ``election 1`` or ``motion 2 poll 1``.
        choice: The choice: the names marked or ranked, or a motion's word.
    """

    item: str
    choice: tuple[str, ...]


def item_of(motion: Motion | None = None, poll: Poll | None = None, election: int = 0) -> str:
    """The name of a ballot box: ``motion 2 poll 1`` or ``election 1``."""
    if motion is not None and poll is not None:
        return f"motion {motion.number} poll {poll.number}"
    return f"election {election}"


def ballot_size(meeting: Meeting, item: str) -> int:
    """The length every sealed ballot of box ``item`` is padded to (bytes).

    The length of the longest ballot the box can hold (every candidate ranked, or the
    longest word), so that a sealed ballot's length says nothing about its choice.
    """
    kind, _, rest = item.partition(" ")
    if kind == "election":
        longest: tuple[str, ...] = meeting.election(int(rest)).candidates
    else:
        longest = (max((*_COUNTER_WORDS, *_FINAL_WORDS), key=len),)
    return len(json.dumps(list(longest), ensure_ascii=False).encode("utf-8"))


def _check_voter(meeting: Meeting, voter: UUID, cast_by: UUID | None, paper: bool) -> bool:
    """Raise unless ``voter``'s vote may be cast now by ``cast_by``; return whether by proxy.

    ``cast_by`` is the voter themself (or ``None``: the same), or the member holding their
    mandate. A paper ballot handed in by a proxy who is not a member has ``cast_by`` ``None``
    and is recognised by the mandate.
    """
    name = meeting.name_of(voter)
    entry = meeting.roll.entry(voter)
    if meeting.general and (entry is None or not entry.votes):
        if entry is None:
            raise InputError("voter", "{name} has no vote: not in the register", name=name)
        why = Phrase.join(r.phrase() for r in entry.reasons)
        raise InputError("voter", "{name} has no vote: {why}", name=name, why=why)
    if meeting.kind is MeetingKind.DIGITAL:
        if cast_by not in (None, voter):
            raise InputError("voter", "a digital decision takes no proxies")
        return False
    represented = meeting.represented()
    if cast_by is None or cast_by == voter:
        if voter in meeting.present:
            return False
        mandate = represented.get(voter)
        if paper and cast_by is None and mandate is not None and mandate.proxy_id is None:
            return True  # a paper ballot handed in by a proxy who is not a member
        raise InputError("voter", "{name} is not recorded as present", name=name)
    if voter in meeting.present:
        raise InputError("voter", "{name} is present and votes themself", name=name)
    mandate = represented.get(voter)
    if mandate is None:
        raise InputError(
            "voter", "{name} is neither present nor represented by a proxy present", name=name
        )
    if mandate.proxy_id != cast_by:
        raise InputError(
            "voter",
            "{proxy} holds no mandate from {name}",
            proxy=meeting.name_of(cast_by),
            name=name,
        )
    return True


def _motion_choice(poll: Poll, choice: str | Sequence[str]) -> tuple[str, ...]:
    ranked = (choice,) if isinstance(choice, str) else tuple(choice)
    word = ranked[0].strip().lower() if len(ranked) == 1 else ""
    if poll.kind == "counter":
        if word not in _COUNTER_WORDS:
            raise InputError(
                "choice", "{choice!r}: vote proposal, amendment or abstain", choice=choice
            )
    else:
        tally_motion([word], ORDINARY)  # raises on an unknown word
    return (word,)


def _election_choice(election: Election, choice: str | Sequence[str]) -> tuple[str, ...]:
    ranked = (choice,) if isinstance(choice, str) else tuple(choice)
    unknown = [name for name in ranked if name not in election.candidates]
    if unknown:
        raise InputError("choice", "not a candidate: {names}", names=", ".join(unknown))
    if len(set(ranked)) != len(ranked):
        raise InputError("choice", "a candidate is marked twice")
    if election.method is ElectionMethod.BLOCK_PLURALITY and len(ranked) > election.seats:
        raise InputError("choice", "mark at most {seats} candidates", seats=election.seats)
    return ranked


def _target(
    meeting: Meeting, motion: int | None, election: int | None
) -> tuple[str, BallotBox, Motion | None, Poll | None, Election | None]:
    """The box a vote goes into: its item name, the box, and the motion/poll or election."""
    if (motion is None) == (election is None):
        raise InputError("item", "vote on one motion or one election")
    if motion is not None:
        target = meeting.motion(motion)
        if target.decided:
            raise ConflictError("motion {number} is decided", number=motion)
        poll = target.next_poll()
        return item_of(target, poll), poll.box, target, poll, None
    assert election is not None  # for mypy: checked above
    chosen = meeting.election(election)
    if chosen.decided:
        raise ConflictError("election {number} is counted", number=election)
    return item_of(election=election), chosen.box, None, None, chosen


def _with_box(
    meeting: Meeting,
    box: BallotBox,
    motion: Motion | None,
    poll: Poll | None,
    election: Election | None,
) -> Meeting:
    if motion is not None and poll is not None:
        polls = [p for p in motion.polls if p.number != poll.number]
        updated = poll.model_copy(update={"box": box})
        return meeting.with_motion(motion.model_copy(update={"polls": (*polls, updated)}))
    assert election is not None  # for mypy: one of the two is given
    return meeting.with_election(election.model_copy(update={"box": box}))


def _sealing(box: BallotBox, item: str, sealed: bool | None, key_id: str | None) -> BallotBox:
    """The secret box with its sealing recorded at the first ballot, and kept the same."""
    if sealed is None:
        return box
    if not box.voted:
        return box.model_copy(update={"sealed": sealed, "key_id": key_id if sealed else None})
    if box.sealed is not None and (box.sealed, box.key_id) != (sealed, key_id if sealed else None):
        raise ConflictError(
            "the ballots of {item} are kept {was}; this one would be kept {now}: "
            "give every ballot of a box the same ballot key",
            item=item,
            was="sealed" if box.sealed else "unsealed",
            now="sealed" if sealed else "unsealed",
        )
    return box


def cast_ballot(
    meeting: Meeting,
    rules: RuleSet,
    *,
    voter: UUID,
    choice: str | Sequence[str],
    motion: int | None = None,
    election: int | None = None,
    cast_by: UUID | None = None,
    paper: bool = False,
    entered_by: str | None = None,
    sealed: bool | None = None,
    key_id: str | None = None,
) -> tuple[Meeting, Ballot | None]:
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
        cast_by: Who casts it: the voter (or ``None``, the same), or the member holding
            their mandate.
        paper: An officer enters a vote given on paper or by a show of hands.
        entered_by: The officer who enters a paper vote (required with ``paper``).
        sealed: For a secret ballot: whether the caller seals the ballot (recorded at the
            first ballot; every later one must match).
        key_id: The fingerprint of the sealing key.

    Returns:
        The meeting, and for a secret ballot the :class:`Ballot` for the box (``None`` for
        an open vote: the vote is in the meeting).

    Raises:
        InputError: A voter without a vote, absent and unrepresented, a proxy without a
            mandate, an unknown choice; a single paper ballot in a secret ballot (enter
            them with :func:`enter_paper_ballots`).
        ConflictError: The voter has already voted here, or the item is decided.
    """
    meeting.require_open()
    if paper and not entered_by:
        raise InputError("entered_by", "name the officer who enters the paper ballot")
    item, box, target, poll, chosen = _target(meeting, motion, election)
    by_proxy = _check_voter(meeting, voter, cast_by, paper)
    if poll is not None:
        picked = _motion_choice(poll, choice)
    else:
        assert chosen is not None  # for mypy: an election when not a motion
        picked = _election_choice(chosen, choice)
    if voter in box.voters:
        raise ConflictError(
            "{name} has already voted in {item}", name=meeting.name_of(voter), item=item
        )
    cast = voter if cast_by is None and not by_proxy else cast_by
    if not box.secret:
        vote = OpenVote(
            voter=voter,
            cast_by=cast,
            by_proxy=by_proxy,
            choice=picked,
            paper=paper,
            entered_by=entered_by if paper else None,
        )
        return _with_box(meeting, box.put(vote), target, poll, chosen), None
    if paper:
        raise InputError(
            "paper",
            "{item} is a secret ballot: enter its paper ballots together, apart from the "
            "names of those who voted",
            item=item,
        )
    box = _sealing(box, item, sealed, key_id)
    mark = VoterMark(voter=voter, cast_by=cast, by_proxy=by_proxy)
    return _with_box(meeting, box.mark(mark), target, poll, chosen), Ballot(
        item=item, choice=picked
    )


def cast_vote(
    meeting: Meeting,
    rules: RuleSet,
    *,
    voter: UUID,
    choice: str | Sequence[str],
    motion: int | None = None,
    election: int | None = None,
    cast_by: UUID | None = None,
    paper: bool = False,
    entered_by: str | None = None,
) -> Meeting:
    """Cast a vote in an open ballot (see :func:`cast_ballot` for the arguments).

    Raises:
        ConflictError: The item is a secret ballot: its ballot must go into the box, so
            use :func:`cast_ballot`, which hands it back.
    """
    updated, ballot = cast_ballot(
        meeting,
        rules,
        voter=voter,
        choice=choice,
        motion=motion,
        election=election,
        cast_by=cast_by,
        paper=paper,
        entered_by=entered_by,
    )
    if ballot is not None:
        raise ConflictError(
            "{item} is a secret ballot: cast_ballot hands back the ballot for the box",
            item=ballot.item,
        )
    return updated


def enter_paper_ballots(
    meeting: Meeting,
    rules: RuleSet,
    *,
    voters: Sequence[UUID],
    ballots: Sequence[str | Sequence[str]],
    entered_by: str,
    motion: int | None = None,
    election: int | None = None,
    sealed: bool | None = None,
    key_id: str | None = None,
) -> tuple[Meeting, list[Ballot]]:
    """Enter the paper ballots of a secret ballot: who handed one in, and the box's content.

    The officers tick off each voter in the röstlängd as they hand in their ballot, and
    count the box afterwards: the two lists come in apart, so no ballot is entered beside
    a name. A voter represented by a proxy is recorded as voting by proxy.

    Args:
        meeting: The meeting.
        rules: The bylaws in force.
        voters: Who handed in a ballot (the principal, when a proxy handed it in).
        ballots: The ballots from the box, in any order.
        entered_by: The officer who enters them.
        motion: The motion (its current poll).
        election: The election.
        sealed: Whether the caller seals the ballots (see :func:`cast_ballot`).
        key_id: The fingerprint of the sealing key.

    Returns:
        The meeting, and the ballots for the box, sorted.

    Raises:
        InputError: Not as many ballots as voters; a voter who may not vote; a bad ballot.
        ConflictError: A voter has already voted; the item is decided or not secret.
    """
    meeting.require_open()
    item, box, target, poll, chosen = _target(meeting, motion, election)
    if not box.secret:
        raise ConflictError(
            "{item} is an open vote: enter each paper vote with its voter",
            item=item_phrase(item),
        )
    if not entered_by:
        raise InputError("entered_by", "name the officer who enters the paper ballots")
    if len(ballots) != len(voters):
        raise InputError(
            "ballots",
            "{ballots} paper ballots for {voters} voters",
            ballots=len(ballots),
            voters=len(voters),
        )
    if len(set(voters)) != len(voters):
        raise InputError("voters", "a voter is named twice")
    box = _sealing(box, item, sealed, key_id)
    for voter in voters:
        if voter in box.voters:
            raise ConflictError(
                "{name} has already voted in {item}", name=meeting.name_of(voter), item=item
            )
        mandate = meeting.represented().get(voter)
        proxy = mandate.proxy_id if mandate is not None and voter not in meeting.present else None
        by_proxy = _check_voter(meeting, voter, proxy, paper=True)
        cast = proxy if by_proxy else voter
        box = box.mark(
            VoterMark(
                voter=voter, cast_by=cast, by_proxy=by_proxy, paper=True, entered_by=entered_by
            )
        )
    picked = []
    for ballot in ballots:
        if poll is not None:
            picked.append(_motion_choice(poll, ballot))
        else:
            assert chosen is not None  # for mypy: an election when not a motion
            picked.append(_election_choice(chosen, ballot))
    updated = _with_box(meeting, box, target, poll, chosen)
    return updated, [Ballot(item=item, choice=choice) for choice in sorted(picked)]

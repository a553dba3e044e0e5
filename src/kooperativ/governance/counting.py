# SPDX-License-Identifier: EUPL-1.2
"""Counting a meeting's votes: the quorum, each poll of a motion, each election.

A motion is decided by one or more polls: each amendment is first put against the
proposal (a *counter* poll), then the final yes/no poll decides the motion by the majority
its decision type needs (:mod:`kooperativ.governance.bylaws`). An equal vote may be broken
by the chair's casting vote (*ordförandens utslagsröst*), which belongs to the meeting's
chair, or by lot, as the bylaws say. An election is counted by the bylaws' method; a tie
is drawn by lot from a recorded seed.

A secret ballot's box is counted from its content, which the caller hands in
(``ballots``): the count checks it holds exactly one ballot per voter who voted, and
records it in the meeting, sorted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from kooperativ.errors import ConflictError, InputError
from kooperativ.governance.bylaws import DecisionType, RuleSet
from kooperativ.governance.findings import finding, item_phrase
from kooperativ.governance.meeting import (
    BallotBox,
    Meeting,
    MeetingKind,
    Motion,
    Poll,
    Quorum,
)
from kooperativ.governance.tally import (
    ORDINARY,
    Lot,
    Majority,
    MotionResult,
    tally_election,
    tally_motion,
)
from kooperativ.problems import Problem

__all__ = [
    "count_election",
    "count_motion",
    "motion_outcome",
    "motion_tally",
    "previous_reading_findings",
    "quorum_now",
]


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


def motion_tally(
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


def previous_reading_findings(meeting: Meeting, rules: RuleSet, motion: Motion) -> list[Problem]:
    """Why ``motion.previous`` is not a valid first reading (empty: valid or not needed).

    Codes: ``reading.missing``, ``reading.not_adopted``, ``reading.not_consecutive``,
    ``reading.not_annual``.
    """
    rule = rules.decisions.rule(motion.type)
    if not rule.two_meetings:
        return []
    here = ("motion", motion.number)
    prev = motion.previous
    if prev is None:
        return [finding("reading.missing", here, "no earlier meeting adopted it")]
    found: list[Problem] = []
    if prev.outcome != "first_reading":
        found.append(
            finding(
                "reading.not_adopted",
                here,
                "meeting {meeting} did not adopt it ({outcome})",
                meeting=prev.meeting,
                outcome=prev.outcome,
            )
        )
    if not prev.consecutive or prev.held_on >= meeting.held_on:
        found.append(
            finding(
                "reading.not_consecutive",
                here,
                "meeting {meeting} is not the meeting before this one",
                meeting=prev.meeting,
            )
        )
    if MeetingKind.ANNUAL not in (prev.kind, meeting.kind):
        found.append(
            finding(
                "reading.not_annual",
                here,
                "neither meeting is an annual meeting ({reference})",
                reference=rule.reference,
            )
        )
    return found


def motion_outcome(
    meeting: Meeting, rules: RuleSet, motion: Motion, result: MotionResult, quorum: Quorum
) -> Literal["adopted", "rejected", "first_reading", "no_quorum"]:
    """The decision a counted final poll amounts to."""
    if not quorum.met:
        return "no_quorum"
    if not result.passed:
        return "rejected"
    rule = rules.decisions.rule(motion.type)
    if rule.two_meetings and previous_reading_findings(meeting, rules, motion):
        return "first_reading"
    return "adopted"


def _opened(
    meeting: Meeting, box: BallotBox, item: str, ballots: Sequence[Sequence[str]] | None
) -> BallotBox:
    """The box with its content counted into the record (a secret box), checked."""
    if not box.secret or box.opened:
        if ballots is not None and box.secret:
            raise ConflictError("the box of {item} is already opened", item=item_phrase(item))
        return box
    if ballots is None:
        if not box.voted:
            return box.opened_with([])
        raise InputError(
            "ballots",
            "{item} is a secret ballot: count it from its box's ballots",
            item=item_phrase(item),
        )
    if len(ballots) != len(box.voted):
        raise ConflictError(
            "the box of {item} holds {ballots} ballots for {voters} voters",
            item=item_phrase(item),
            ballots=len(ballots),
            voters=len(box.voted),
        )
    return box.opened_with([tuple(ballot) for ballot in ballots])


def _chair(meeting: Meeting) -> str:
    chair = meeting.officers.chair
    if not chair:
        raise InputError(
            "chair_vote",
            "equal votes: the casting vote belongs to the meeting's chair, and no chair is "
            "recorded",
        )
    return chair


def count_motion(
    meeting: Meeting,
    rules: RuleSet,
    number: int,
    *,
    seed: str,
    chair_vote: str | None = None,
    entered_by: str | None = None,
    ballots: Sequence[Sequence[str]] | None = None,
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
            amendment. It is recorded as the meeting's chair's.
        entered_by: Who entered the casting vote, if not the chair.
        ballots: A secret poll's box content.

    Raises:
        InputError: Equal votes where the chair's casting vote decides, and none given, or
            no chair recorded.
        ConflictError: The motion is decided.
    """
    meeting.require_open()
    motion = meeting.motion(number)
    if motion.decided:
        raise ConflictError("motion {number} is decided", number=number)
    poll = motion.next_poll()
    poll = poll.model_copy(
        update={"box": _opened(meeting, poll.box, f"motion {number} poll {poll.number}", ballots)}
    )
    result = motion_tally(meeting, rules, motion, poll, chair_vote, seed)
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
            "chair_vote",
            "motion {number}: equal votes; the chair's casting vote decides",
            number=number,
        )
    casting = result.decided_by.value == "casting_vote"
    chair = _chair(meeting) if casting else None
    quorum = quorum_now(meeting, rules, poll.box)
    counted = poll.model_copy(
        update={
            "result": result,
            "chair_vote": chair_vote if casting else None,
            "chair_vote_by": chair,
            "chair_vote_entered_by": entered_by if casting and entered_by != chair else None,
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
    return meeting.with_motion(motion)


def count_election(
    meeting: Meeting,
    rules: RuleSet,
    number: int,
    *,
    seed: str,
    ballots: Sequence[Sequence[str]] | None = None,
) -> Meeting:
    """Count election ``number``; ties are decided by lot from ``seed`` (recorded).

    Args:
        meeting: The meeting.
        rules: The bylaws in force.
        number: The election.
        seed: The lot seed.
        ballots: A secret ballot's box content (the ballots handed back by
            :func:`~kooperativ.governance.voting.cast_ballot`), in any order: it must hold
            one ballot per voter who voted, and is recorded sorted.

    Raises:
        InputError: A secret ballot counted without its box's ballots.
        ConflictError: The election is counted, or the box does not hold one ballot per
            voter.
    """
    meeting.require_open()
    election = meeting.election(number)
    if election.decided:
        raise ConflictError("election {number} is counted", number=number)
    box = _opened(meeting, election.box, f"election {number}", ballots)
    result = tally_election(
        election.method,
        box.ballots,
        election.candidates,
        election.seats,
        lot=Lot(seed=seed),
    )
    quorum = quorum_now(meeting, rules, box)
    return meeting.with_election(
        election.model_copy(
            update={
                "box": box,
                "result": result,
                "seed": seed,
                "quorum": quorum,
                "outcome": "elected" if quorum.met else "no_quorum",
            }
        )
    )

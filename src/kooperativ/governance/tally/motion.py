# SPDX-License-Identifier: EUPL-1.2
"""Counting a vote on a motion (*votering*): yes, no or abstain against a majority rule.

At a general meeting (*årsmöte*, *föreningsstämma*) most matters are decided by
acclamation; when someone asks for a count every voter says yes, no or abstains, and the
bylaws (*stadgar*) say which majority is needed: usually more than half of the votes cast
(*enkel majoritet*), two thirds or three quarters for a bylaw change (*kvalificerad
majoritet*). On an equal vote (*lika röstetal*) the chair often has the casting vote
(*ordförandens utslagsröst*).

Examples:
    >>> tally_motion(["yes"] * 6 + ["no"] * 4 + ["abstain"], ORDINARY).passed
    True
    >>> tally_motion(["yes"] * 2 + ["no"], TWO_THIRDS).passed  # exactly 2/3: at least 2/3
    True
    >>> tally_motion(["yes", "no"], ORDINARY, chair_vote="no").passed  # utslagsröst
    False
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from pydantic import Field, field_validator, model_validator

from kooperativ._model import Record
from kooperativ.errors import InputError
from kooperativ.governance.tally.explanation import Explanation, Message, message
from kooperativ.governance.tally.lot import Drawer, Lot, LotDraw

__all__ = [
    "MORE_THAN_TWO_THIRDS",
    "ORDINARY",
    "THREE_QUARTERS",
    "TWO_THIRDS",
    "DecidedBy",
    "Majority",
    "MajorityBase",
    "MotionResult",
    "Vote",
    "parse_vote",
    "tally_motion",
]


class Vote(StrEnum):
    """A vote on a motion (*ja*, *nej*, *avstår*). Blank votes count as abstentions."""

    YES = "yes"  #: ja
    NO = "no"  #: nej
    ABSTAIN = "abstain"  #: avstår / blank


_VOTE_WORDS: dict[str, Vote] = {
    "yes": Vote.YES,
    "ja": Vote.YES,
    "no": Vote.NO,
    "nej": Vote.NO,
    "abstain": Vote.ABSTAIN,
    "avstår": Vote.ABSTAIN,
    "blank": Vote.ABSTAIN,
}


def parse_vote(value: object, field: str) -> Vote:
    """``value`` as a :class:`Vote` (Swedish words too); an InputError on ``field`` if not."""
    vote = _VOTE_WORDS.get(value.strip().lower()) if isinstance(value, str) else None
    if vote is None:
        raise InputError(field, "{value!r} is not yes, no or abstain", value=value)
    return vote


class MajorityBase(StrEnum):
    """What a majority is counted of."""

    CAST = "cast"  #: avgivna röster (EFL and most bylaws)
    PRESENT = "present"  #: närvarande röstberättigade
    MEMBERS = "members"  #: samtliga röstberättigade medlemmar


class Majority(Record):
    """A majority rule: "more than" or "at least" a fraction of a base.

    Attributes:
        name: The rule's name: a preset key (translated in explanations) or the bylaws'
            own words, e.g. ``"stadgeändring (1 kap. 7 §)"``.
        threshold: The fraction, exact (``Fraction``, ``"2/3"``, ``Decimal`` or ``int``;
            floats are refused). ``0 < threshold <= 1``.
        strict: ``True`` for "more than" (*mer än*), ``False`` for "at least" (*minst*).
        base: What the fraction is of (votes cast, members present, all members).
        casting_vote: Whether an equal vote may be broken by the chair's casting vote
            (*utslagsröst*) or by lot. True for ordinary matters, false for qualified
            majorities, where an equal vote simply is not enough.
    """

    name: str = Field(min_length=1)
    threshold: Fraction
    strict: bool = True
    base: MajorityBase = MajorityBase.CAST
    casting_vote: bool = False

    @field_validator("threshold", mode="before")
    @classmethod
    def _exact(cls, value: object) -> object:
        if isinstance(value, bool | float):
            raise ValueError("write the threshold exactly, e.g. '2/3' (floats are refused)")
        if isinstance(value, Decimal):
            return Fraction(value)
        if isinstance(value, str):
            try:
                return Fraction(value.strip())
            except (ValueError, ZeroDivisionError):
                raise InputError(
                    "threshold", "{value!r} is not a fraction such as '2/3'", value=value
                ) from None
        return value

    @model_validator(mode="after")
    def _in_range(self) -> Majority:
        if not 0 < self.threshold <= 1:
            raise ValueError("the threshold must be more than 0 and at most 1")
        if self.strict and self.threshold == 1:
            raise ValueError("'more than all' can never be met; use strict=False")
        return self

    def required(self, base_count: int) -> int:
        """The number of yes votes needed out of ``base_count`` (at least one).

        "More than t of B" needs ``floor(t·B) + 1``; "at least t of B" needs ``ceil(t·B)``;
        a motion never passes with no yes vote at all, even when nothing was cast.
        """
        exact = self.threshold * base_count
        needed = math.floor(exact) + 1 if self.strict else math.ceil(exact)
        return max(needed, 1)

    def thresholdmessage(self) -> Message:
        """The threshold in words, as an explanation message."""
        base = f"base.{self.base.value}"
        if self.threshold == 1:
            return message("threshold.all", base=base)
        key = "threshold.more_than" if self.strict else "threshold.at_least"
        fraction = f"{self.threshold.numerator}/{self.threshold.denominator}"
        return message(key, fraction=fraction, base=base)


#: More than half of the votes cast; ties broken by the chair's casting vote (or lot).
#: EFL 6 kap. 33 § by analogy; RF normalstadgar 3 kap. 8 §; Sverok §15.
ORDINARY = Majority(name="ordinary", threshold=Fraction(1, 2), strict=True, casting_vote=True)
#: At least two thirds of the votes cast (RF normalstadgar 1 kap. 7 §, bylaw change).
TWO_THIRDS = Majority(name="two_thirds", threshold=Fraction(2, 3), strict=False)
#: More than two thirds of the votes cast (EFL 6 kap. 35 §, bylaw change at one meeting).
MORE_THAN_TWO_THIRDS = Majority(name="more_than_two_thirds", threshold=Fraction(2, 3), strict=True)
#: At least three quarters of the votes cast (EFL 6 kap. 36 §, heavier payment duties).
THREE_QUARTERS = Majority(name="three_quarters", threshold=Fraction(3, 4), strict=False)


class DecidedBy(StrEnum):
    """What decided a motion."""

    VOTES = "votes"  #: the count itself (including an equal vote that made it fall)
    CASTING_VOTE = "casting_vote"  #: ordförandens utslagsröst
    LOT = "lot"  #: lottning


class MotionResult(Record):
    """The result of a yes/no/abstain vote on a motion (*votering*).

    Attributes:
        majority: The rule applied.
        yes: Yes votes.
        no: No votes.
        abstain: Abstentions and blank votes.
        cast: Votes counted as cast: ``yes + no``, plus ``abstain`` when blank votes count.
        base_count: What the majority is a fraction of (``cast``, members present or all
            voting members).
        required: Yes votes needed to carry the motion.
        passed: Whether the motion is carried.
        tie: Whether yes and no were equal (and not zero).
        decided_by: Votes, the chair's casting vote, or lot.
        draws: The lot drawing, if the lot decided.
        explanation: Why, in words (``explanation.text("sv")``).
    """

    majority: Majority
    yes: int = Field(ge=0)
    no: int = Field(ge=0)
    abstain: int = Field(ge=0)
    cast: int = Field(ge=0)
    base_count: int = Field(ge=0)
    required: int = Field(ge=1)
    passed: bool
    tie: bool
    decided_by: DecidedBy
    draws: tuple[LotDraw, ...] = ()
    explanation: Explanation


def _count_votes(votes: Iterable[Vote | str] | Mapping[Vote | str, int]) -> Counter[Vote]:
    counts: Counter[Vote] = Counter()
    if isinstance(votes, Mapping):
        for word, number in votes.items():
            if isinstance(number, bool) or not isinstance(number, int) or number < 0:
                raise InputError(
                    "votes", "the count of {word!r} must be a whole number >= 0", word=word
                )
            counts[parse_vote(word, "votes")] += number
        return counts
    # Count the distinct words first: 100 000 votes are a handful of distinct strings.
    listed = votes if isinstance(votes, list | tuple) else list(votes)
    try:
        raw = Counter(listed)
    except TypeError:
        raise InputError("votes", "a vote must be yes, no or abstain") from None
    for word, number in raw.items():
        vote = _VOTE_WORDS.get(word.strip().lower()) if isinstance(word, str) else None
        if vote is None:
            index = next(i for i, value in enumerate(listed) if value == word)
            raise InputError(
                "votes",
                "vote at index {index}: {word!r} is not yes, no or abstain",
                index=index,
                word=word,
            )
        counts[vote] += number
    return counts


def tally_motion(
    votes: Iterable[Vote | str] | Mapping[Vote | str, int],
    majority: Majority,
    *,
    chair_vote: str | None = None,
    counts_blank: bool = False,
    present: int | None = None,
    members: int | None = None,
    lot: Lot | None = None,
) -> MotionResult:
    """Count a yes/no/abstain vote on a motion.

    Blank votes and abstentions are not votes cast (*nedlagda röster räknas ej*) unless
    ``counts_blank`` is set. The motion is carried when the yes votes reach
    :meth:`Majority.required` of the base. With nothing cast the motion falls.

    An equal vote (*lika röstetal*: yes == no > 0) that leaves the motion short is broken
    only where the rule allows it (``majority.casting_vote``, true for :data:`ORDINARY`)
    and only where one more yes vote would carry the motion: then the chair's casting vote
    (``chair_vote``, *ordförandens utslagsröst*) decides; without one, the lot decides if
    a ``lot`` is given (RF normalstadgar 3 kap. 8 §: "annars lotten"); otherwise the motion
    falls, as it has not reached the majority. ``chair_vote`` is ignored when there is no
    such tie.

    Args:
        votes: Each vote (``"yes"``/``"no"``/``"abstain"``, Swedish ``"ja"``/``"nej"``/
            ``"avstår"``, ``"blank"`` = abstain, or :class:`Vote`), or a mapping from vote
            to count (an open vote counted by hand).
        majority: The rule, e.g. :data:`ORDINARY` or :data:`TWO_THIRDS`.
        chair_vote: The chair's casting vote, ``"yes"`` or ``"no"``.
        counts_blank: Count blank votes and abstentions as cast.
        present: Voting members present (needed when the base is ``present``).
        members: All voting members (needed when the base is ``members``).
        lot: The lot to use on a tie when the chair has no casting vote.

    Returns:
        The result with its explanation.

    Raises:
        InputError: On an unknown vote word, a chair vote other than yes/no, or a missing
            or impossible ``present``/``members``.
    """
    counts = _count_votes(votes)
    yes, no, abstain = counts[Vote.YES], counts[Vote.NO], counts[Vote.ABSTAIN]
    cast = yes + no + (abstain if counts_blank else 0)
    voting = yes + no + abstain
    chair = None if chair_vote is None else parse_vote(chair_vote, "chair_vote")
    if chair is Vote.ABSTAIN:
        raise InputError("chair_vote", "a casting vote must be yes or no")
    for field, number in (("present", present), ("members", members)):
        if number is not None and (isinstance(number, bool) or number < voting):
            raise InputError(
                field, "{number} is fewer than the {voting} who voted", number=number, voting=voting
            )
    if present is not None and members is not None and members < present:
        raise InputError(
            "members",
            "{members} is fewer than the {present} present",
            members=members,
            present=present,
        )
    if majority.base is MajorityBase.CAST:
        base_count = cast
    elif majority.base is MajorityBase.PRESENT:
        if present is None:
            raise InputError("present", "the rule counts members present: give their number")
        base_count = present
    else:
        if members is None:
            raise InputError("members", "the rule counts all voting members: give their number")
        base_count = members

    required = majority.required(base_count)
    passed = yes >= required
    tie = yes == no > 0
    decided_by = DecidedBy.VOTES
    draws: tuple[LotDraw, ...] = ()
    steps = [message("motion.counts", yes=yes, no=no, abstain=abstain, cast=cast)]
    if majority.base is not MajorityBase.CAST:
        steps.append(message("motion.base", base_count=base_count, base=f"base.{majority.base}"))
    steps.append(message("motion.required", required=required))
    if yes + no == 0:
        steps.append(message("motion.nothing_cast"))
    if tie:
        steps.append(message("motion.tie", yes=yes, no=no))
    if tie and not passed and majority.casting_vote and yes + 1 >= required:
        if chair is not None:
            passed = chair is Vote.YES
            decided_by = DecidedBy.CASTING_VOTE
            steps.append(message(f"motion.tie.chair.{chair.value}"))
        elif lot is not None:
            drawer = Drawer(lot)
            (drawn,) = drawer.draw(("yes", "no"), 1, "motion", 1)
            passed = drawn == "yes"
            decided_by = DecidedBy.LOT
            draws = tuple(drawer.draws)
            steps.append(message(f"motion.tie.lot.{drawn}", seed=lot.seed))
        else:
            steps.append(message("motion.tie.none"))
    steps.append(message("motion.passed" if passed else "motion.rejected"))
    explanation = Explanation(
        rule=majority.name,
        threshold=majority.thresholdmessage(),
        counts=(("yes", yes), ("no", no), ("abstain", abstain), ("cast", cast)),
        required=required,
        outcome="passed" if passed else "rejected",
        steps=tuple(steps),
    )
    return MotionResult(
        majority=majority,
        yes=yes,
        no=no,
        abstain=abstain,
        cast=cast,
        base_count=base_count,
        required=required,
        passed=passed,
        tie=tie,
        decided_by=decided_by,
        draws=draws,
        explanation=explanation,
    )

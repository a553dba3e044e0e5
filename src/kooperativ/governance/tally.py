# SPDX-License-Identifier: EUPL-1.2
"""Counting votes: *röstning* and *votering* on motions, *val* of people, *lottning* on ties.

At a general meeting (*årsmöte*, *föreningsstämma*) most matters are decided by
acclamation; when someone asks for a count (*votering*, a formal vote) every voter says
yes, no or abstains, and the bylaws (*stadgar*) say which majority is needed: usually
more than half of the votes cast (*enkel majoritet*), two thirds or three quarters for a
bylaw change (*kvalificerad majoritet*). On an equal vote (*lika röstetal*) the chair
often has the casting vote (*ordförandens utslagsröst*). Elections of people (*val*) use
plurality (*relativ majoritet*) in most Swedish bylaws; this module also counts approval,
STV and Schulze. When an election is tied, the lot decides (*lottning*): here a drawing
from a recorded seed, so that anyone can repeat the count and get the same result.

Everything here is pure: votes and ballots in, a frozen result with an
:class:`Explanation` out. All arithmetic is exact (``int`` and
:class:`fractions.Fraction`), never ``float``.

Examples:
    >>> from kooperativ.governance import ORDINARY, TWO_THIRDS, Lot, tally_election, tally_motion
    >>> tally_motion(["yes"] * 6 + ["no"] * 4 + ["abstain"], ORDINARY).passed
    True
    >>> tally_motion(["yes"] * 2 + ["no"], TWO_THIRDS).passed  # exactly 2/3: at least 2/3
    True
    >>> tally_motion(["yes", "no"], ORDINARY, chair_vote="no").passed  # utslagsröst
    False
    >>> result = tally_election(
    ...     "block_plurality",
    ...     [("Alva", "Bo"), ("Alva",), ("Bo", "Cyd"), ("Alva", "Cyd")],
    ...     ["Alva", "Bo", "Cyd"],
    ...     2,
    ...     lot=Lot(seed="2026-03-14 årsmöte §7"),
    ... )
    >>> result.winners
    ('Alva', 'Cyd')
    >>> result.draws  # Bo and Cyd tied for the second seat: drawn by lot
    (LotDraw(purpose='seat', round=1, tied=('Bo', 'Cyd'), drawn=('Cyd',)),)
"""

from __future__ import annotations

import hashlib
import math
import random
import string
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from pydantic import Field, field_validator, model_validator

from kooperativ._model import Record
from kooperativ.errors import InputError
from kooperativ.i18n import translator

__all__ = [
    "LANGUAGES",
    "MORE_THAN_TWO_THIRDS",
    "ORDINARY",
    "THREE_QUARTERS",
    "TWO_THIRDS",
    "Action",
    "DecidedBy",
    "ElectionMethod",
    "ElectionResult",
    "Explanation",
    "Lot",
    "LotDraw",
    "Majority",
    "MajorityBase",
    "Message",
    "MotionResult",
    "Round",
    "Tie",
    "Vote",
    "tally_election",
    "tally_motion",
]

#: Languages an :class:`Explanation` can be rendered in.
LANGUAGES = ("sv", "en")

# Separators inside message arguments that hold lists (names, or name/value pairs).
# Control characters are refused in candidate names, so they cannot clash.
_ITEM = "\x1f"
_PAIR = "\x1e"

# The English text of each explanation key: the msgid in the gettext catalog "tally"
# (``i18n/locales/<lang>/LC_MESSAGES/tally.po``), where the Swedish text lives. The keys
# are what results record (:attr:`Message.key`), so they stay stable when wording changes.
_MSGIDS: dict[str, str] = {
    "line.rule": "Rule: {rule} — {threshold}.",
    "rule.ordinary": "ordinary majority",
    "rule.two_thirds": "two-thirds majority",
    "rule.more_than_two_thirds": "more than two thirds",
    "rule.three_quarters": "three-quarters majority",
    "rule.block_plurality": "block plurality (relative majority)",
    "rule.approval": "approval voting",
    "rule.stv": "single transferable vote (Droop quota, weighted inclusive Gregory)",
    "rule.schulze": "Schulze method (winning votes, winners removed one by one)",
    "threshold.more_than": "more than {fraction} of {base:key}",
    "threshold.at_least": "at least {fraction} of {base:key}",
    "threshold.all": "all of {base:key}",
    "threshold.plurality": "the most votes win",
    "threshold.approval": "the most approvals win",
    "threshold.stv": "quota {quota} votes (Droop: valid ballots ÷ (seats + 1), + 1)",
    "threshold.schulze": "strongest beatpaths win",
    "base.cast": "the votes cast",
    "base.present": "the voting members present",
    "base.members": "all voting members",
    "motion.counts": "Yes {yes}, no {no}, abstained or blank {abstain}; votes cast {cast}.",
    "motion.base": "Base: {base_count} ({base:key}).",
    "motion.required": "Required: {required} yes votes.",
    "motion.nothing_cast": "No votes were cast.",
    "motion.tie": "Equal votes ({yes} to {no}).",
    "motion.tie.chair.yes": "The chair's casting vote is yes.",
    "motion.tie.chair.no": "The chair's casting vote is no.",
    "motion.tie.lot.yes": "The lot (seed “{seed}”) drew yes.",
    "motion.tie.lot.no": "The lot (seed “{seed}”) drew no.",
    "motion.tie.none": "No casting vote: the motion falls.",
    "motion.passed": "Outcome: the motion is carried.",
    "motion.rejected": "Outcome: the motion is rejected.",
    "election.counts": "Ballots {ballots} (blank {blank}); seats {seats}.",
    "election.marks": "Votes: {tallies:tally}.",
    "election.round": "Round {round}: {tallies:tally}; exhausted {exhausted:num}.",
    "election.beatpaths": "Round {round}: beatpath wins among those left: {tallies:tally}.",
    "election.elected": "Elected: {names:list}.",
    "election.surplus": "Surplus of {name} ({surplus:num}) transferred.",
    "election.excluded": "{name} excluded.",
    "election.tie": "Round {round}: tie between {tied:list} ({purpose:term}), "
    "decided {by:term}: {chosen:list}.",
    "election.vacant": "{vacant} seat(s) remain vacant: too few candidates.",
    "election.winners": "Outcome: elected in order {names:list}.",
    "election.no_winners": "Outcome: nobody is elected.",
    "term.exclude": "exclusion",
    "term.surplus": "order of surplus transfers",
    "term.elect": "order of election",
    "term.seat": "last seat(s)",
    "term.schulze": "Schulze winner",
    "term.earlier_round": "by the earlier rounds",
    "term.lot": "by lot",
}

_DOMAIN = "tally"


def _check_lang(lang: str) -> Callable[[str], str]:
    """The gettext function of ``lang`` for explanation texts.

    Raises:
        InputError: If ``lang`` is neither ``"sv"`` nor ``"en"``.
    """
    if lang not in LANGUAGES:
        raise InputError("lang", f"{lang!r} is not supported (choose sv or en)")
    return translator(lang, _DOMAIN)


def _text(translate: Callable[[str], str], key: str, default: str | None = None) -> str:
    """The text of ``key`` through ``translate``; ``default`` (or the key) if unknown."""
    msgid = _MSGIDS.get(key)
    if msgid is None:
        return key if default is None else default
    return translate(msgid)


class _Formatter(string.Formatter):
    """``str.format`` with a few format specs for explanation arguments.

    ``num`` localises the decimal point, ``list`` joins names, ``tally`` renders
    ``name value`` pairs, ``term`` and ``key`` look the value up as a text key (``term.``
    prefixed, or whole).
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.translate = _check_lang(lang)

    def _num(self, value: str) -> str:
        return value.replace(".", ",") if self.lang == "sv" else value

    def format_field(self, value: Any, format_spec: str) -> str:
        text = str(value)
        if format_spec == "num":
            return self._num(text)
        if format_spec == "list":
            return ", ".join(text.split(_ITEM)) if text else "—"
        if format_spec == "tally":
            pairs = (item.split(_PAIR) for item in text.split(_ITEM) if item)
            return "; ".join(f"{name} {self._num(number)}" for name, number in pairs)
        if format_spec == "term":
            return _text(self.translate, f"term.{text}", text)
        if format_spec == "key":
            return _text(self.translate, text)
        return str(super().format_field(value, format_spec))


def _join(names: Iterable[str]) -> str:
    return _ITEM.join(names)


def _fraction_text(value: Fraction, places: int) -> str:
    """``value`` rounded half up to ``places`` decimals, as text (exact, no float)."""
    scale = 10**places
    scaled = abs(value) * scale
    rounded = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    sign = "-" if value < 0 and rounded else ""
    if places == 0:
        return f"{sign}{rounded}"
    whole, part = divmod(rounded, scale)
    return f"{sign}{whole}.{part:0{places}d}"


# ---------------------------------------------------------------------------------------
# Explanations


class Message(Record):
    """One line of an explanation: a text key and its arguments (all strings).

    Attributes:
        key: Text key (``"motion.required"``); its English text is the msgid in the
            catalog ``tally``.
        args: The arguments as ``(name, value)`` pairs.
    """

    key: str
    args: tuple[tuple[str, str], ...] = ()

    def render(self, lang: str = "sv") -> str:
        """The line in ``lang`` (``"sv"`` or ``"en"``)."""
        formatter = _Formatter(lang)
        return formatter.format(formatter.translate(_MSGIDS[self.key]), **dict(self.args))


def _message(key: str, **args: object) -> Message:
    return Message(key=key, args=tuple((name, str(value)) for name, value in args.items()))


class Explanation(Record):
    """Why a vote came out as it did: the rule, the counts, what was needed, the outcome.

    Attributes:
        rule: Name of the rule: a preset key (``"ordinary"``, ``"stv"`` …, translated when
            rendered) or the bylaws' own name for it (shown as written).
        threshold: The threshold in words, as a message (see :meth:`threshold_text`).
        counts: The counts, as ``(name, number)`` pairs: ``yes``, ``no``, ``abstain``,
            ``cast`` for motions; ``ballots``, ``blank``, ``valid``, ``seats`` for elections.
        required: The number of yes votes a motion needed, or an STV election's quota.
        outcome: ``"passed"`` or ``"rejected"`` for a motion, ``"elected"`` for an election.
        steps: The lines of the explanation in order.
    """

    rule: str
    threshold: Message
    counts: tuple[tuple[str, int], ...]
    required: int | None = None
    outcome: str
    steps: tuple[Message, ...] = ()

    def count(self, name: str) -> int:
        """The count called ``name`` (``"yes"``, ``"cast"``, ``"ballots"`` …).

        Raises:
            InputError: If the explanation has no such count.
        """
        for key, value in self.counts:
            if key == name:
                return value
        raise InputError("name", f"no count called {name!r}")

    def rule_text(self, lang: str = "sv") -> str:
        """The rule's name in ``lang`` (bylaw-given names are shown as written)."""
        return _text(_check_lang(lang), f"rule.{self.rule}", self.rule)

    def threshold_text(self, lang: str = "sv") -> str:
        """The threshold in words, e.g. ``"minst 2/3 av de avgivna rösterna"``."""
        return self.threshold.render(lang)

    def text(self, lang: str = "sv") -> str:
        """The whole explanation in ``lang``, one line per step.

        Raises:
            InputError: If ``lang`` is neither ``"sv"`` nor ``"en"``.
        """
        head = _message("line.rule", rule=self.rule_text(lang), threshold=self.threshold_text(lang))
        return "\n".join(message.render(lang) for message in (head, *self.steps))


# ---------------------------------------------------------------------------------------
# Lot


class LotDraw(Record):
    """One drawing of lots: what was tied and what was drawn.

    Attributes:
        purpose: What the drawing decided (``"seat"``, ``"exclude"``, ``"surplus"``,
            ``"elect"``, ``"schulze"``, ``"motion"``).
        round: The round (stage) of the count it happened in.
        tied: The tied names, sorted (the order the drawing works on).
        drawn: The names drawn, in the order drawn.
    """

    purpose: str
    round: int
    tied: tuple[str, ...]
    drawn: tuple[str, ...]


class Lot(Record):
    """Reproducible lot (*lottning*) from a recorded seed.

    The meeting records the seed in the minutes (e.g. the date, meeting and item), so that
    anyone can repeat the drawing. Each tally starts a fresh generator
    ``random.Random(int(sha256(seed)))``: the same seed and ballots always give the same
    draws. A drawing sorts the tied names and picks with rejection sampling on
    ``getrandbits`` (MT19937 output words), so it does not depend on the order the
    names arrive in nor on ``random``'s higher-level helpers.

    Attributes:
        seed: The recorded seed, e.g. ``"2026-03-14 årsmöte §7"``.
    """

    seed: str = Field(min_length=1)

    def generator(self) -> random.Random:
        """A new generator seeded from :attr:`seed`."""
        digest = hashlib.sha256(self.seed.encode("utf-8")).digest()
        return random.Random(int.from_bytes(digest, "big"))


class _Drawer:
    """Draws lots for one tally and records each drawing."""

    def __init__(self, lot: Lot) -> None:
        self.seed = lot.seed
        self._rng = lot.generator()
        self.draws: list[LotDraw] = []

    def _below(self, n: int) -> int:
        bits = n.bit_length()
        while True:
            value = self._rng.getrandbits(bits)
            if value < n:
                return value

    def draw(self, tied: Iterable[str], k: int, purpose: str, round_no: int) -> tuple[str, ...]:
        pool = sorted(tied)
        ordered = tuple(pool)
        drawn = tuple(pool.pop(self._below(len(pool))) for _ in range(k))
        self.draws.append(LotDraw(purpose=purpose, round=round_no, tied=ordered, drawn=drawn))
        return drawn


# ---------------------------------------------------------------------------------------
# Motions


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


def _parse_vote(value: object, field: str) -> Vote:
    vote = _VOTE_WORDS.get(value.strip().lower()) if isinstance(value, str) else None
    if vote is None:
        raise InputError(field, f"{value!r} is not yes, no or abstain")
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
                raise ValueError(f"{value!r} is not a fraction such as '2/3'") from None
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

    def threshold_message(self) -> Message:
        """The threshold in words, as an explanation message."""
        base = f"base.{self.base.value}"
        if self.threshold == 1:
            return _message("threshold.all", base=base)
        key = "threshold.more_than" if self.strict else "threshold.at_least"
        fraction = f"{self.threshold.numerator}/{self.threshold.denominator}"
        return _message(key, fraction=fraction, base=base)


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
                raise InputError("votes", f"the count of {word!r} must be a whole number >= 0")
            counts[_parse_vote(word, "votes")] += number
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
            raise InputError("votes", f"vote at index {index}: {word!r} is not yes, no or abstain")
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
    chair = None if chair_vote is None else _parse_vote(chair_vote, "chair_vote")
    if chair is Vote.ABSTAIN:
        raise InputError("chair_vote", "a casting vote must be yes or no")
    for field, number in (("present", present), ("members", members)):
        if number is not None and (isinstance(number, bool) or number < voting):
            raise InputError(field, f"{number} is fewer than the {voting} who voted")
    if present is not None and members is not None and members < present:
        raise InputError("members", f"{members} is fewer than the {present} present")
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
    steps = [_message("motion.counts", yes=yes, no=no, abstain=abstain, cast=cast)]
    if majority.base is not MajorityBase.CAST:
        steps.append(_message("motion.base", base_count=base_count, base=f"base.{majority.base}"))
    steps.append(_message("motion.required", required=required))
    if yes + no == 0:
        steps.append(_message("motion.nothing_cast"))
    if tie:
        steps.append(_message("motion.tie", yes=yes, no=no))
    if tie and not passed and majority.casting_vote and yes + 1 >= required:
        if chair is not None:
            passed = chair is Vote.YES
            decided_by = DecidedBy.CASTING_VOTE
            steps.append(_message(f"motion.tie.chair.{chair.value}"))
        elif lot is not None:
            drawer = _Drawer(lot)
            (drawn,) = drawer.draw(("yes", "no"), 1, "motion", 1)
            passed = drawn == "yes"
            decided_by = DecidedBy.LOT
            draws = tuple(drawer.draws)
            steps.append(_message(f"motion.tie.lot.{drawn}", seed=lot.seed))
        else:
            steps.append(_message("motion.tie.none"))
    steps.append(_message("motion.passed" if passed else "motion.rejected"))
    explanation = Explanation(
        rule=majority.name,
        threshold=majority.threshold_message(),
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


# ---------------------------------------------------------------------------------------
# Elections


class ElectionMethod(StrEnum):
    """How an election (*val*) is counted."""

    BLOCK_PLURALITY = "block_plurality"  #: relativ majoritet: up to `seats` marks each
    APPROVAL = "approval"  #: godkännandeval: any number of marks
    STV = "stv"  #: överförbar röst: ranked, proportional
    SCHULZE = "schulze"  #: Schulzemetoden: ranked, Condorcet


class Action(StrEnum):
    """What an STV stage did after counting."""

    SURPLUS = "surplus"  #: transferred an elected candidate's surplus
    EXCLUDE = "exclude"  #: excluded the lowest candidate and transferred their papers


class Round(Record):
    """One round (stage) of a count.

    Attributes:
        number: 1, 2, … in order.
        tallies: Each candidate's votes at this round, in the candidates' order. Block
            plurality and approval: marks (one round). STV: value credited (elected
            candidates keep the quota once their surplus has gone; excluded ones have 0).
            Schulze: for each candidate still left, how many of the others it beats by
            strongest path.
        exhausted: STV: value of papers with no further preference (0 otherwise).
        elected: Candidates elected at this round, in order.
        action: STV: what was done after counting this round.
        subject: STV: whose surplus was transferred, or who was excluded.
    """

    number: int = Field(ge=1)
    tallies: tuple[tuple[str, Fraction], ...]
    exhausted: Fraction = Fraction(0)
    elected: tuple[str, ...] = ()
    action: Action | None = None
    subject: str | None = None

    def tally(self, name: str) -> Fraction:
        """The tally of candidate ``name`` at this round (0 if not listed)."""
        return next((value for key, value in self.tallies if key == name), Fraction(0))


class Tie(Record):
    """A tie that had to be broken, and how.

    Attributes:
        round: The round it happened in.
        purpose: What it decided (``"seat"``, ``"exclude"``, ``"surplus"``, ``"elect"``,
            ``"schulze"``).
        tied: The tied candidates.
        chosen: The candidate(s) the tie-break picked.
        by: ``"earlier_round"`` (the most recent earlier round where they differed) or
            ``"lot"``.
    """

    round: int
    purpose: str
    tied: tuple[str, ...]
    chosen: tuple[str, ...]
    by: str


class ElectionResult(Record):
    """The result of an election.

    Attributes:
        method: The counting method.
        candidates: The candidates, in ballot-paper order.
        seats: Seats to fill.
        winners: The elected, in order of election (STV, Schulze) or of votes (plurality,
            approval; equal votes in ballot-paper order unless the lot had to decide).
        vacant: Seats left unfilled because there were too few candidates.
        ballots: Ballots cast, blank ones included.
        blank: Blank (empty) ballots.
        quota: STV's Droop quota; ``None`` for the other methods.
        rounds: The rounds of the count.
        pairwise: Schulze: ``pairwise[i][j]`` ballots prefer candidate ``i`` to ``j``.
        strengths: Schulze: strongest-path strengths among all candidates (first round).
        ties: Every tie that was broken, and how.
        draws: Every drawing of lots, in order.
        lot_seed: The seed of the lot used.
        explanation: Why, in words (``explanation.text("sv")``).
    """

    method: ElectionMethod
    candidates: tuple[str, ...]
    seats: int
    winners: tuple[str, ...]
    vacant: int
    ballots: int
    blank: int
    quota: int | None = None
    rounds: tuple[Round, ...]
    pairwise: tuple[tuple[int, ...], ...] | None = None
    strengths: tuple[tuple[int, ...], ...] | None = None
    ties: tuple[Tie, ...] = ()
    draws: tuple[LotDraw, ...] = ()
    lot_seed: str
    explanation: Explanation

    @property
    def valid(self) -> int:
        """Ballots that are not blank."""
        return self.ballots - self.blank


Ballot = Sequence[str]


def _check_candidates(candidates: Sequence[str]) -> tuple[str, ...]:
    if isinstance(candidates, str):
        raise InputError("candidates", "give a list of names, not one string")
    names = tuple(candidates)
    if not names:
        raise InputError("candidates", "at least one candidate is needed")
    seen: set[str] = set()
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise InputError("candidates", f"{name!r} is not a name")
        if any(not character.isprintable() for character in name):
            raise InputError("candidates", f"{name!r} contains control characters")
        if name in seen:
            raise InputError("candidates", f"{name!r} is listed twice")
        seen.add(name)
    return names


def _ballot_problem(
    ballot: tuple[Any, ...], index: Mapping[str, int], method: ElectionMethod, seats: int
) -> str | None:
    for name in ballot:
        if not isinstance(name, str) or name not in index:
            return f"{name!r} is not a candidate"
    if len(set(ballot)) != len(ballot):
        duplicate = next(name for name in ballot if ballot.count(name) > 1)
        return f"{duplicate!r} is marked more than once"
    if method is ElectionMethod.BLOCK_PLURALITY and len(ballot) > seats:
        return f"{len(ballot)} names marked, at most {seats} allowed (one per seat)"
    return None


def _group_ballots(
    ballots: Iterable[Ballot], index: Mapping[str, int], method: ElectionMethod, seats: int
) -> tuple[Counter[tuple[int, ...]], int]:
    """Validate the ballots and count identical ones together (as candidate indices)."""
    listed = ballots if isinstance(ballots, list) else list(ballots)
    for position, ballot in enumerate(listed):
        if type(ballot) is not tuple and (
            isinstance(ballot, str) or not isinstance(ballot, Sequence)
        ):
            raise InputError(
                "ballot", f"ballot at index {position} is not a sequence of names: {ballot!r}"
            )
    try:
        raw: Counter[tuple[Any, ...]] = Counter(map(tuple, listed))
    except TypeError:
        raw = Counter()
        for position, ballot in enumerate(listed):
            try:
                raw[tuple(ballot)] += 1
            except TypeError:
                raise InputError(
                    "ballot", f"ballot at index {position} holds something that is not a name"
                ) from None
    grouped: Counter[tuple[int, ...]] = Counter()
    problems: dict[tuple[Any, ...], str] = {}
    limit = seats if method is ElectionMethod.BLOCK_PLURALITY else len(index)
    for ballot, number in raw.items():
        try:
            indices = tuple([index[name] for name in ballot])
        except (KeyError, TypeError):
            indices = None
        if indices is None or len(indices) > limit or len(set(indices)) != len(indices):
            problems[ballot] = _ballot_problem(ballot, index, method, seats) or "invalid"
        else:
            grouped[indices] += number
    if problems:
        for position, ballot in enumerate(listed):
            problem = problems.get(tuple(ballot))
            if problem is not None:
                raise InputError("ballot", f"ballot at index {position}: {problem}")
    return grouped, len(listed)


class _Count:
    """Shared state of one election count: names, lot, ties."""

    def __init__(self, names: tuple[str, ...], lot: Lot) -> None:
        self.names = names
        self.drawer = _Drawer(lot)
        self.ties: list[Tie] = []

    def record(
        self, round_no: int, purpose: str, tied: Iterable[int], chosen: Iterable[int], by: str
    ) -> None:
        self.ties.append(
            Tie(
                round=round_no,
                purpose=purpose,
                tied=tuple(self.names[i] for i in sorted(tied)),
                chosen=tuple(self.names[i] for i in chosen),
                by=by,
            )
        )

    def lot(self, tied: Sequence[int], k: int, purpose: str, round_no: int) -> list[int]:
        drawn = self.drawer.draw((self.names[i] for i in tied), k, purpose, round_no)
        chosen = [self.names.index(name) for name in drawn]
        self.record(round_no, purpose, tied, chosen, "lot")
        return chosen


def _tallies(
    names: Sequence[str], values: Sequence[Fraction | int]
) -> tuple[tuple[str, Fraction], ...]:
    return tuple((name, Fraction(value)) for name, value in zip(names, values, strict=True))


def _tally_arg(tallies: Iterable[tuple[str, Fraction]], places: int) -> str:
    return _join(f"{name}{_PAIR}{_fraction_text(value, places)}" for name, value in tallies)


def _count_marks(
    count: _Count, grouped: Counter[tuple[int, ...]], seats: int
) -> tuple[list[int], list[Round]]:
    """Block plurality and approval: the most marks win; a tie for the last seat by lot."""
    n = len(count.names)
    marks = [0] * n
    for ballot, number in grouped.items():
        for candidate in ballot:
            marks[candidate] += number
    ranked = sorted(range(n), key=lambda i: (-marks[i], i))
    if n <= seats:
        winners = ranked
    else:
        cutoff = marks[ranked[seats - 1]]
        above = [i for i in ranked if marks[i] > cutoff]
        at = [i for i in ranked if marks[i] == cutoff]
        need = seats - len(above)
        # RF normalstadgar 3 kap. 8 §: "Vid val ska i händelse av lika röstetal lotten avgöra."
        drawn = count.lot(at, need, "seat", 1) if len(at) > need else at
        winners = above + drawn
    round_ = Round(
        number=1,
        tallies=_tallies(count.names, marks),
        elected=tuple(count.names[i] for i in winners),
    )
    return winners, [round_]


def _count_stv(
    count: _Count, grouped: Counter[tuple[int, ...]], seats: int
) -> tuple[list[int], list[Round], int]:
    """STV, Droop quota, weighted inclusive Gregory transfers in exact fractions.

    The stages follow the Scottish local government rules (SSI 2007/42, Sch. 1 rules
    45–52) without their truncation to five decimals: all papers of an elected candidate
    move on at ``weight × surplus / total`` (rule 48), the largest surplus first (49),
    surpluses before exclusions (50), the lowest candidate is excluded with all papers at
    their current weight (50), ties are broken by the most recent earlier stage at which
    the tied candidates differed, then by lot (49(2)–(3), 51), and when no more candidates
    are left than seats they are all elected (52).
    """
    names = count.names
    n = len(names)
    papers = [ballot for ballot in grouped if ballot]
    weight_of = [grouped[ballot] for ballot in papers]
    valid = sum(weight_of)
    quota = valid // (seats + 1) + 1  # rule 46: Droop quota, decimals ignored, plus one
    continuing = [True] * n
    credited = [Fraction(0)] * n  # elected and excluded candidates' fixed values
    position = [0] * len(papers)
    # Each candidate's papers grouped by their current weight; counts per weight beside.
    piles: list[dict[Fraction, list[int]]] = [{} for _ in range(n)]
    sizes: list[dict[Fraction, int]] = [{} for _ in range(n)]
    one = Fraction(1)
    for paper, ballot in enumerate(papers):
        first = ballot[0]
        piles[first].setdefault(one, []).append(paper)
        sizes[first][one] = sizes[first].get(one, 0) + weight_of[paper]
    exhausted = Fraction(0)

    def transfer(source: int, factor: Fraction) -> None:
        # Papers are bucketed by target with plain ints first, so that each (weight,
        # target) pair hashes its Fraction once rather than once per paper.
        nonlocal exhausted
        for weight, group in piles[source].items():
            new = weight * factor
            moved: dict[int, list[int]] = {}
            moved_size: dict[int, int] = {}
            lost = 0
            for paper in group:
                ballot = papers[paper]
                at = position[paper] + 1
                end = len(ballot)
                while at < end and not continuing[ballot[at]]:
                    at += 1
                if at < end:
                    target = ballot[at]
                    position[paper] = at
                    bucket = moved.get(target)
                    if bucket is None:
                        moved[target] = [paper]
                        moved_size[target] = weight_of[paper]
                    else:
                        bucket.append(paper)
                        moved_size[target] += weight_of[paper]
                else:
                    lost += weight_of[paper]
            for target, bucket in moved.items():
                piles[target].setdefault(new, []).extend(bucket)
                sizes[target][new] = sizes[target].get(new, 0) + moved_size[target]
            if lost:
                exhausted += new * lost
        piles[source] = {}
        sizes[source] = {}

    history: list[list[Fraction]] = []

    def pick(tied: list[int], highest: bool, purpose: str, round_no: int) -> int:
        group = tied
        for earlier in reversed(history):  # rules 49(2), 51(2): most recent difference
            values = [earlier[i] for i in group]
            extreme = max(values) if highest else min(values)
            narrowed = [i for i, value in zip(group, values, strict=True) if value == extreme]
            if len(narrowed) < len(group):
                group = narrowed
                if len(group) == 1:
                    count.record(round_no, purpose, tied, group, "earlier_round")
                    return group[0]
        return count.lot(group, 1, purpose, round_no)[0]  # rules 49(3), 51(2)(b)

    def ordered(group: list[int], values: list[Fraction], purpose: str, round_no: int) -> list[int]:
        left = sorted(group, key=lambda i: -values[i])
        result: list[int] = []
        while left:
            tied = [i for i in left if values[i] == values[left[0]]]
            chosen = tied[0] if len(tied) == 1 else pick(tied, True, purpose, round_no)
            result.append(chosen)
            left.remove(chosen)
        return result

    winners: list[int] = []
    pending: list[int] = []
    rounds: list[Round] = []
    stage = 0
    while True:
        stage += 1
        values = [
            sum((w * k for w, k in sizes[i].items()), Fraction(0)) if continuing[i] else credited[i]
            for i in range(n)
        ]
        exhausted_now = exhausted
        reached = [i for i in range(n) if continuing[i] and values[i] >= quota]  # rule 47
        newly = ordered(reached, values, "elect", stage)[: seats - len(winners)]
        for i in newly:
            continuing[i] = False
            credited[i] = values[i]
            winners.append(i)
            if values[i] > quota:
                pending.append(i)
        left = [i for i in range(n) if continuing[i]]
        action: Action | None = None
        subject: int | None = None
        done = False
        if len(winners) == seats:
            done = True
        elif len(left) <= seats - len(winners):
            # Rule 52: the last vacancies go to those left, in order of votes (no lot needed:
            # they are all elected).
            rest = sorted(left, key=lambda i: (-values[i], i))
            winners.extend(rest)
            newly.extend(rest)
            done = True
        elif pending:
            largest = max(values[i] for i in pending)
            tied = [i for i in pending if values[i] == largest]
            subject = tied[0] if len(tied) == 1 else pick(tied, True, "surplus", stage)
            pending.remove(subject)
            surplus = values[subject] - quota
            transfer(subject, surplus / values[subject])
            credited[subject] = Fraction(quota)
            action = Action.SURPLUS
        else:
            lowest = min(values[i] for i in left)
            tied = [i for i in left if values[i] == lowest]
            subject = tied[0] if len(tied) == 1 else pick(tied, False, "exclude", stage)
            continuing[subject] = False
            transfer(subject, one)
            credited[subject] = Fraction(0)
            action = Action.EXCLUDE
        rounds.append(
            Round(
                number=stage,
                tallies=_tallies(names, values),
                exhausted=exhausted_now,
                elected=tuple(names[i] for i in newly),
                action=action,
                subject=None if subject is None else names[subject],
            )
        )
        history.append(values)
        if done:
            return winners, rounds, quota


def _pairwise(n: int, grouped: Counter[tuple[int, ...]]) -> list[list[int]]:
    """``d[a][b]``: ballots ranking ``a`` above ``b`` (unranked below all ranked).

    Each row is packed into one integer with a field per candidate, wide enough that no
    field can overflow, so a ballot costs two integer operations per ranked name instead
    of one per pair: when ``a`` is read, it beats everyone not yet read.
    """
    width = max(sum(grouped.values()), 1).bit_length() + 1
    unit = [1 << (width * i) for i in range(n)]
    everyone = sum(unit)
    rows = [0] * n
    for ballot, number in grouped.items():
        below = everyone
        for candidate in ballot:
            below -= unit[candidate]
            rows[candidate] += below if number == 1 else number * below
    mask = (1 << width) - 1
    return [[(rows[a] >> (width * b)) & mask for b in range(n)] for a in range(n)]


def _strengths(d: list[list[int]], among: list[int]) -> list[list[int]]:
    """Strongest-path strengths among ``among`` (Floyd–Warshall on widest paths).

    A link ``a → b`` has strength ``d[a][b]`` if ``d[a][b] > d[b][a]`` (winning votes),
    else 0; a path is as strong as its weakest link.
    """
    n = len(d)
    p = [[0] * n for _ in range(n)]
    for a in among:
        for b in among:
            if a != b and d[a][b] > d[b][a]:
                p[a][b] = d[a][b]
    for k in among:
        row_k = p[k]
        for a in among:
            through = p[a][k]
            if a == k or through == 0:
                continue
            row_a = p[a]
            for b in among:
                if b != a and b != k:
                    value = through if through < row_k[b] else row_k[b]
                    if value > row_a[b]:
                        row_a[b] = value
    return p


def _count_schulze(
    count: _Count, grouped: Counter[tuple[int, ...]], seats: int
) -> tuple[list[int], list[Round], list[list[int]], list[list[int]]]:
    """Schulze, winning votes; several seats by electing the winner and counting again.

    Each further seat goes to the Schulze winner among the candidates not yet elected,
    with strongest paths recomputed among them only (paths through elected candidates no
    longer count). Potential winners that tie are separated by lot, except when every one
    left will be elected anyway (then ballot-paper order only sets the order).
    """
    names = count.names
    n = len(names)
    d = _pairwise(n, grouped)
    left = list(range(n))
    winners: list[int] = []
    rounds: list[Round] = []
    first: list[list[int]] | None = None
    while left and len(winners) < seats:
        p = _strengths(d, left)
        if first is None:
            first = p
        beats = [0] * n
        potential = []
        for a in left:
            beats[a] = sum(1 for b in left if b != a and p[a][b] > p[b][a])
            if all(p[a][b] >= p[b][a] for b in left if b != a):
                potential.append(a)
        round_no = len(rounds) + 1
        if len(potential) == 1 or len(left) <= seats - len(winners):
            winner = potential[0]
        else:
            winner = count.lot(potential, 1, "schulze", round_no)[0]
        rounds.append(
            Round(
                number=round_no,
                tallies=tuple((names[a], Fraction(beats[a])) for a in left),
                elected=(names[winner],),
            )
        )
        winners.append(winner)
        left.remove(winner)
    return winners, rounds, d, first if first is not None else []


def _parse_method(method: ElectionMethod | str) -> ElectionMethod:
    try:
        return ElectionMethod(method)
    except ValueError:
        choices = ", ".join(m.value for m in ElectionMethod)
        raise InputError("method", f"{method!r} is not a method (choose {choices})") from None


def tally_election(
    method: ElectionMethod | str,
    ballots: Iterable[Ballot],
    candidates: Sequence[str],
    seats: int,
    *,
    lot: Lot,
) -> ElectionResult:
    """Count an election (*val*) of ``seats`` people among ``candidates``.

    Methods:

    * ``block_plurality`` (*relativ majoritet*, the Swedish default): each ballot marks up
      to ``seats`` candidates; the most marks win.
    * ``approval``: each ballot marks any number; the most marks win.
    * ``stv``: ranked ballots, Droop quota ``valid // (seats + 1) + 1``, weighted
      inclusive Gregory: all papers of an elected candidate move on at
      ``weight × surplus / votes``, in exact fractions. The stages follow the Scottish
      local government rules (SSI 2007/42, Sch. 1 rules 45–52) without their truncation
      to five decimals: the largest surplus first, surpluses before exclusions, the
      lowest candidate excluded with all papers at their current weight, ties broken by
      the most recent earlier round at which the tied candidates differed, then by lot,
      and the last seats filled when no more candidates are left than seats. STV is not
      monotonic: more support can, rarely, cost a candidate their seat.
    * ``schulze``: ranked ballots, link strength by winning votes; each seat goes to the
      Schulze winner among those not yet elected, with strongest paths recomputed among
      them (a winner is removed and the count repeated). This is not proportional: use
      STV for that.

    Ranked ballots list names from most to least preferred; unranked candidates count as
    below all ranked ones. An empty ballot is blank: it counts in ``ballots`` but not in
    the STV quota. Every tie that decides who is elected goes to the lot (STV looks at the
    earlier rounds first); when there are no more candidates than seats, everyone is
    elected and the remaining seats are reported as vacant.

    Args:
        method: The method (an :class:`ElectionMethod` or its value).
        ballots: The ballots, each a tuple of candidate names.
        candidates: The candidates, in ballot-paper order.
        seats: Seats to fill (at least 1).
        lot: The lot for ties, with its recorded seed.

    Returns:
        The result: winners, rounds, ties and draws, and the explanation.

    Raises:
        InputError: ``ballot`` naming the index of the first bad ballot (unknown candidate,
            duplicate mark, too many marks for block plurality, not a sequence of names);
            ``candidates``, ``seats`` or ``method`` when those are wrong.
    """
    chosen = _parse_method(method)
    names = _check_candidates(candidates)
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise InputError("seats", f"{seats!r}: at least one seat is needed")
    index = {name: i for i, name in enumerate(names)}
    grouped, total = _group_ballots(ballots, index, chosen, seats)
    blank = grouped.pop((), 0)
    count = _Count(names, lot)
    quota: int | None = None
    pairwise: list[list[int]] | None = None
    strengths: list[list[int]] | None = None
    if chosen is ElectionMethod.STV:
        winners, rounds, quota = _count_stv(count, grouped, seats)
    elif chosen is ElectionMethod.SCHULZE:
        winners, rounds, pairwise, strengths = _count_schulze(count, grouped, seats)
    else:
        winners, rounds = _count_marks(count, grouped, seats)
    winner_names = tuple(names[i] for i in winners)
    vacant = seats - len(winner_names)
    explanation = _election_explanation(
        chosen,
        rounds,
        count,
        winner_names,
        total=total,
        blank=blank,
        seats=seats,
        quota=quota,
        vacant=vacant,
    )

    def matrix(rows: list[list[int]] | None) -> tuple[tuple[int, ...], ...] | None:
        return None if rows is None else tuple(tuple(row) for row in rows)

    return ElectionResult(
        method=chosen,
        candidates=names,
        seats=seats,
        winners=winner_names,
        vacant=vacant,
        ballots=total,
        blank=blank,
        quota=quota,
        rounds=tuple(rounds),
        pairwise=matrix(pairwise),
        strengths=matrix(strengths),
        ties=tuple(count.ties),
        draws=tuple(count.drawer.draws),
        lot_seed=lot.seed,
        explanation=explanation,
    )


def _election_explanation(
    method: ElectionMethod,
    rounds: list[Round],
    count: _Count,
    winners: tuple[str, ...],
    *,
    total: int,
    blank: int,
    seats: int,
    quota: int | None,
    vacant: int,
) -> Explanation:
    steps = [_message("election.counts", ballots=total, blank=blank, seats=seats)]
    ties = list(count.ties)
    for round_ in rounds:
        if method is ElectionMethod.STV:
            steps.append(
                _message(
                    "election.round",
                    round=round_.number,
                    tallies=_tally_arg(round_.tallies, 4),
                    exhausted=_fraction_text(round_.exhausted, 4),
                )
            )
        elif method is ElectionMethod.SCHULZE:
            steps.append(
                _message(
                    "election.beatpaths",
                    round=round_.number,
                    tallies=_tally_arg(round_.tallies, 0),
                )
            )
        else:
            steps.append(_message("election.marks", tallies=_tally_arg(round_.tallies, 0)))
        for tie in (t for t in ties if t.round == round_.number):
            steps.append(
                _message(
                    "election.tie",
                    round=tie.round,
                    tied=_join(tie.tied),
                    purpose=tie.purpose,
                    by=tie.by,
                    chosen=_join(tie.chosen),
                )
            )
        if round_.elected:
            steps.append(_message("election.elected", names=_join(round_.elected)))
        if round_.action is Action.SURPLUS and round_.subject is not None:
            surplus = round_.tally(round_.subject) - (quota or 0)
            steps.append(
                _message(
                    "election.surplus", name=round_.subject, surplus=_fraction_text(surplus, 4)
                )
            )
        elif round_.action is Action.EXCLUDE:
            steps.append(_message("election.excluded", name=round_.subject))
    if vacant:
        steps.append(_message("election.vacant", vacant=vacant))
    if winners:
        steps.append(_message("election.winners", names=_join(winners)))
    else:
        steps.append(_message("election.no_winners"))
    if method is ElectionMethod.STV:
        threshold = _message("threshold.stv", quota=quota)
    elif method is ElectionMethod.SCHULZE:
        threshold = _message("threshold.schulze")
    elif method is ElectionMethod.APPROVAL:
        threshold = _message("threshold.approval")
    else:
        threshold = _message("threshold.plurality")
    return Explanation(
        rule=method.value,
        threshold=threshold,
        counts=(("ballots", total), ("blank", blank), ("valid", total - blank), ("seats", seats)),
        required=quota,
        outcome="elected",
        steps=tuple(steps),
    )

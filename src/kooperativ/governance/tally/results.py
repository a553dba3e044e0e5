# SPDX-License-Identifier: EUPL-1.2
"""What an election count produces: rounds, ties, the result; and the state a count shares.

Each method (:mod:`~kooperativ.governance.tally.plurality`,
:mod:`~kooperativ.governance.tally.stv`, :mod:`~kooperativ.governance.tally.schulze`)
works on an :class:`ElectionCount` (the candidates, the lot, the ties broken so far) and
returns its winners and :class:`Round` records; :func:`~kooperativ.governance.tally.
election.tally_election` puts them together in an :class:`ElectionResult`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from fractions import Fraction

from pydantic import Field

from kooperativ._model import Record
from kooperativ.governance.tally.explanation import Explanation
from kooperativ.governance.tally.lot import Drawer, Lot, LotDraw

__all__ = [
    "Action",
    "Ballot",
    "ElectionCount",
    "ElectionMethod",
    "ElectionResult",
    "Round",
    "Tie",
    "round_tallies",
]


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
            ``"schulze"``, ``"rank"``).
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
        ranking: Schulze: every candidate in order, the winners first (the Schulze winner
            among those left, place by place; ties below the seats drawn by lot too).
            Empty for the other methods.
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
    ranking: tuple[str, ...] = ()
    ties: tuple[Tie, ...] = ()
    draws: tuple[LotDraw, ...] = ()
    lot_seed: str
    explanation: Explanation

    @property
    def valid(self) -> int:
        """Ballots that are not blank."""
        return self.ballots - self.blank


Ballot = Sequence[str]


class ElectionCount:
    """Shared state of one election count: the candidates, the lot, the ties broken.

    Candidates are handled by their index in :attr:`names` (ballot-paper order).

    Args:
        names: The candidates, in ballot-paper order.
        lot: The lot for ties.
    """

    def __init__(self, names: tuple[str, ...], lot: Lot) -> None:
        self.names = names
        self.drawer = Drawer(lot)
        #: Every tie broken so far, in order.
        self.ties: list[Tie] = []

    def record(
        self, round_no: int, purpose: str, tied: Iterable[int], chosen: Iterable[int], by: str
    ) -> None:
        """Record a tie among ``tied`` broken in favour of ``chosen`` (``by`` how)."""
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
        """Draw ``k`` of the candidates ``tied`` by lot, and record the tie."""
        drawn = self.drawer.draw((self.names[i] for i in tied), k, purpose, round_no)
        chosen = [self.names.index(name) for name in drawn]
        self.record(round_no, purpose, tied, chosen, "lot")
        return chosen


def round_tallies(
    names: Sequence[str], values: Sequence[Fraction | int]
) -> tuple[tuple[str, Fraction], ...]:
    """``(name, value)`` for each candidate, exact."""
    return tuple((name, Fraction(value)) for name, value in zip(names, values, strict=True))

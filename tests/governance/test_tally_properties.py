# SPDX-License-Identifier: EUPL-1.2
"""Properties of vote counting (Hypothesis).

* Anonymity: a tally does not depend on the order of the ballots (the whole result,
  draws of lots included, is equal).
* Neutrality: renaming the candidates by a permutation renames the winners the same way,
  when no lot was drawn (the lot works on sorted names, so it is not neutral by design).
* Monotonicity: raising a winner on some ballots keeps them a winner, for block
  plurality, approval and Schulze. Not for STV: STV is known to be non-monotonic (raising
  a winner can change the order of exclusions so that they lose), so it is not tested.
* Counts add up to the ballots cast, for every method and for motions.
"""

from __future__ import annotations

import random
from itertools import combinations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kooperativ.governance import (
    ORDINARY,
    TWO_THIRDS,
    ElectionMethod,
    ElectionResult,
    Lot,
    Majority,
    tally_election,
    tally_motion,
)

POOL = ("Alva", "Bo", "Cyd", "Dana", "Eir", "Fred")
LOT = Lot(seed="egenskapstest")
METHODS = list(ElectionMethod)
RANKED = (ElectionMethod.STV, ElectionMethod.SCHULZE)

Ballots = list[tuple[str, ...]]


@st.composite
def elections(
    draw: st.DrawFn, methods: list[ElectionMethod] = METHODS
) -> tuple[ElectionMethod, Ballots, list[str], int]:
    """An election: method, 0-30 valid ballots, 2-6 candidates, 1-4 seats.

    Ballots are prefixes of random rankings (the order matters only for STV and Schulze);
    block plurality ballots mark at most ``seats`` names.
    """
    method = draw(st.sampled_from(methods))
    candidates = list(draw(st.permutations(POOL)))[: draw(st.integers(2, len(POOL)))]
    seats = draw(st.integers(1, 4))
    limit = seats if method is ElectionMethod.BLOCK_PLURALITY else len(candidates)
    ballot = st.permutations(candidates).flatmap(
        lambda order: st.integers(0, limit).map(lambda n: tuple(order[:n]))
    )
    ballots = draw(st.lists(ballot, max_size=30))
    return method, ballots, candidates, seats


def tally(
    method: ElectionMethod, ballots: Ballots, candidates: list[str], seats: int
) -> ElectionResult:
    return tally_election(method, ballots, candidates, seats, lot=LOT)


@settings(max_examples=200)
@given(elections(), st.randoms(use_true_random=False))
def test_anonymity(
    election: tuple[ElectionMethod, Ballots, list[str], int], rnd: random.Random
) -> None:
    method, ballots, candidates, seats = election
    shuffled = ballots[:]
    rnd.shuffle(shuffled)
    assert tally(method, shuffled, candidates, seats) == tally(method, ballots, candidates, seats)


@settings(max_examples=200)
@given(elections(), st.permutations(POOL))
def test_neutrality(
    election: tuple[ElectionMethod, Ballots, list[str], int], image: list[str]
) -> None:
    method, ballots, candidates, seats = election
    rename = dict(zip(POOL, image, strict=True))
    result = tally(method, ballots, candidates, seats)
    assume(not result.draws)
    renamed = tally(
        method,
        [tuple(rename[name] for name in ballot) for ballot in ballots],
        [rename[name] for name in candidates],
        seats,
    )
    assert renamed.winners == tuple(rename[name] for name in result.winners)
    assert not renamed.draws


def raise_winner(
    method: ElectionMethod, ballot: tuple[str, ...], winner: str, seats: int
) -> tuple[str, ...]:
    """The ballot with ``winner`` given more support (or unchanged if it cannot be)."""
    if method is ElectionMethod.SCHULZE:
        if winner not in ballot:
            return (*ballot, winner)  # from unranked to ranked: above all unranked
        at = ballot.index(winner)
        if at == 0:
            return ballot
        return (*ballot[: at - 1], winner, ballot[at - 1], *ballot[at + 1 :])
    if winner in ballot:
        return ballot
    if method is ElectionMethod.BLOCK_PLURALITY and len(ballot) >= seats:
        return (*ballot[:-1], winner)  # a mark moved from someone else to the winner
    return (*ballot, winner)


@settings(max_examples=300)
@given(
    elections([ElectionMethod.BLOCK_PLURALITY, ElectionMethod.APPROVAL, ElectionMethod.SCHULZE]),
    st.data(),
)
def test_monotonicity(
    election: tuple[ElectionMethod, Ballots, list[str], int], data: st.DataObject
) -> None:
    method, ballots, candidates, seats = election
    result = tally(method, ballots, candidates, seats)
    assume(result.winners and ballots)
    if method is ElectionMethod.SCHULZE:
        # Schulze is monotonic for a single winner (Schulze 2011, Social Choice and Welfare
        # 36(2)); with a lot involved a different draw may pick someone else.
        seats = 1
        result = tally(method, ballots, candidates, seats)
        assume(not result.draws)
    winner = data.draw(st.sampled_from(result.winners), label="winner")
    chosen = data.draw(
        st.sets(st.integers(0, len(ballots) - 1), min_size=1), label="raised ballots"
    )
    raised = [
        raise_winner(method, ballot, winner, seats) if i in chosen else ballot
        for i, ballot in enumerate(ballots)
    ]
    assert winner in tally(method, raised, candidates, seats).winners


@settings(max_examples=200)
@given(elections())
def test_counts_add_up(election: tuple[ElectionMethod, Ballots, list[str], int]) -> None:
    method, ballots, candidates, seats = election
    result = tally(method, ballots, candidates, seats)
    blank = sum(1 for ballot in ballots if not ballot)
    assert (result.ballots, result.blank, result.valid) == (
        len(ballots),
        blank,
        len(ballots) - blank,
    )
    assert len(result.winners) == len(set(result.winners)) == min(seats, len(candidates))
    assert result.vacant == seats - len(result.winners)
    if method is ElectionMethod.STV:
        for round_ in result.rounds:
            assert sum(value for _, value in round_.tallies) + round_.exhausted == result.valid
    elif method is ElectionMethod.SCHULZE:
        assert result.pairwise is not None
        for (i, a), (j, b) in combinations(enumerate(candidates), 2):
            neither = sum(1 for ballot in ballots if a not in ballot and b not in ballot)
            assert result.pairwise[i][j] + result.pairwise[j][i] + neither == len(ballots)
    else:
        (round_,) = result.rounds
        assert sum(value for _, value in round_.tallies) == sum(len(b) for b in ballots)


@given(
    st.lists(st.sampled_from(["yes", "no", "abstain", "ja", "nej", "blank"]), max_size=60),
    st.sampled_from([ORDINARY, TWO_THIRDS]),
    st.booleans(),
)
def test_motion_counts_add_up(votes: list[str], majority: Majority, counts_blank: bool) -> None:
    result = tally_motion(votes, majority, counts_blank=counts_blank)
    assert result.yes + result.no + result.abstain == len(votes)
    assert result.cast == result.yes + result.no + (result.abstain if counts_blank else 0)
    assert result == tally_motion(sorted(votes), majority, counts_blank=counts_blank)
    # More yes votes never turn a carried motion into a rejected one.
    if result.passed:
        assert tally_motion([*votes, "yes"], majority, counts_blank=counts_blank).passed

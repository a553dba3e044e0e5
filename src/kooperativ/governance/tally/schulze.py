# SPDX-License-Identifier: EUPL-1.2
"""The Schulze method (*Schulzemetoden*): ranked ballots, a Condorcet method.

Link strength by winning votes; each seat goes to the Schulze winner among those not yet
elected, with the strongest paths recomputed among them (a winner is removed and the
count repeated). Continued past the seats, the same procedure ranks every candidate: the
full ranking (Wikipedia's example: E > A > C > B > D). This is not proportional: use STV
for that.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from kooperativ.governance.tally.results import ElectionCount, Round

__all__ = ["SchulzeCount", "count_schulze", "pairwise_preferences", "strongest_paths"]


@dataclass(frozen=True)
class SchulzeCount:
    """What a Schulze count found.

    Attributes:
        winners: The elected, in order (candidate indices).
        rounds: One round per seat.
        pairwise: ``pairwise[a][b]``: ballots ranking ``a`` above ``b``.
        strengths: Strongest-path strengths among all candidates (the first round).
        ranking: Every candidate in order, the winners first.
    """

    winners: list[int]
    rounds: list[Round]
    pairwise: list[list[int]]
    strengths: list[list[int]]
    ranking: list[int]


def pairwise_preferences(n: int, grouped: Counter[tuple[int, ...]]) -> list[list[int]]:
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


def strongest_paths(d: list[list[int]], among: list[int]) -> list[list[int]]:
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


def count_schulze(
    count: ElectionCount, grouped: Counter[tuple[int, ...]], seats: int
) -> SchulzeCount:
    """Schulze, winning votes; several seats by electing the winner and counting again.

    Each further place goes to the Schulze winner among the candidates not yet placed,
    with strongest paths recomputed among them only (paths through placed candidates no
    longer count). Potential winners that tie are separated by lot, except when every one
    left will be elected anyway (then ballot-paper order only sets the order). Past the
    seats the same is done for the ranking: ties there are drawn by lot too, after every
    drawing for a seat, so they never change who is elected.
    """
    names = count.names
    n = len(names)
    d = pairwise_preferences(n, grouped)
    left = list(range(n))
    winners: list[int] = []
    ranking: list[int] = []
    rounds: list[Round] = []
    first: list[list[int]] | None = None
    while left:
        p = strongest_paths(d, left)
        if first is None:
            first = p
        beats = [0] * n
        potential = []
        for a in left:
            beats[a] = sum(1 for b in left if b != a and p[a][b] > p[b][a])
            if all(p[a][b] >= p[b][a] for b in left if b != a):
                potential.append(a)
        place = len(ranking) + 1
        seat = len(winners) < seats
        if len(potential) == 1 or (seat and len(left) <= seats - len(winners)):
            chosen = potential[0]
        else:
            chosen = count.lot(potential, 1, "schulze" if seat else "rank", place)[0]
        if seat:
            rounds.append(
                Round(
                    number=place,
                    tallies=tuple((names[a], Fraction(beats[a])) for a in left),
                    elected=(names[chosen],),
                )
            )
            winners.append(chosen)
        ranking.append(chosen)
        left.remove(chosen)
    return SchulzeCount(winners, rounds, d, first if first is not None else [], ranking)

# SPDX-License-Identifier: EUPL-1.2
"""Block plurality (*relativ majoritet*) and approval voting: the most marks win.

Block plurality is the Swedish default for elections: each ballot marks up to as many
candidates as there are seats. Approval voting lets a ballot mark any number. A tie for
the last seat is drawn by lot (RF normalstadgar 3 kap. 8 §: "Vid val ska i händelse av
lika röstetal lotten avgöra").
"""

from __future__ import annotations

from collections import Counter

from kooperativ.governance.tally.results import ElectionCount, Round, round_tallies

__all__ = ["count_marks"]


def count_marks(
    count: ElectionCount, grouped: Counter[tuple[int, ...]], seats: int
) -> tuple[list[int], list[Round]]:
    """Block plurality and approval: the most marks win; a tie for the last seat by lot.

    Args:
        count: The count's shared state.
        grouped: Identical ballots counted together, as candidate indices.
        seats: Seats to fill.

    Returns:
        The winners (candidate indices, by marks) and the one round of the count.
    """
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
        tallies=round_tallies(count.names, marks),
        elected=tuple(count.names[i] for i in winners),
    )
    return winners, [round_]

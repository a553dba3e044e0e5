# SPDX-License-Identifier: EUPL-1.2
"""Single transferable vote (*överförbar röst*): ranked ballots, proportional results.

Droop quota and weighted inclusive Gregory transfers in exact fractions, with the stages of
the Scottish local government rules (SSI 2007/42, Sch. 1 rules 45–52) without their
truncation to five decimals. STV is not monotonic: more support can, rarely, cost a
candidate their seat.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from kooperativ.governance.tally.results import Action, ElectionCount, Round, round_tallies

__all__ = ["count_stv"]


def count_stv(
    count: ElectionCount, grouped: Counter[tuple[int, ...]], seats: int
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
                tallies=round_tallies(names, values),
                exhausted=exhausted_now,
                elected=tuple(names[i] for i in newly),
                action=action,
                subject=None if subject is None else names[subject],
            )
        )
        history.append(values)
        if done:
            return winners, rounds, quota

# SPDX-License-Identifier: EUPL-1.2
"""Counting an election (*val*) of people: the ballots checked, counted by the method the
bylaws give, every tie broken and explained.

Elections of people use plurality (*relativ majoritet*) in most Swedish bylaws; this
module also counts approval, STV and Schulze. When an election is tied, the lot decides
(*lottning*): a drawing from a recorded seed, so that anyone can repeat the count and get
the same result.

Examples:
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

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kooperativ.errors import InputError, Phrase
from kooperativ.governance.tally.explanation import (
    Explanation,
    fraction_text,
    message,
    tally_pairs,
)
from kooperativ.governance.tally.lot import Lot
from kooperativ.governance.tally.plurality import count_marks
from kooperativ.governance.tally.results import (
    Action,
    Ballot,
    ElectionCount,
    ElectionMethod,
    ElectionResult,
    Round,
)
from kooperativ.governance.tally.schulze import count_schulze
from kooperativ.governance.tally.stv import count_stv

__all__ = ["check_candidates", "parse_method", "tally_election"]


def check_candidates(candidates: Sequence[str]) -> tuple[str, ...]:
    """The candidates as a tuple, refusing an empty list, blank or repeated names.

    Raises:
        InputError: ``candidates`` naming what is wrong.
    """
    if isinstance(candidates, str):
        raise InputError("candidates", "give a list of names, not one string")
    names = tuple(candidates)
    if not names:
        raise InputError("candidates", "at least one candidate is needed")
    seen: set[str] = set()
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise InputError("candidates", "{name!r} is not a name", name=name)
        if any(not character.isprintable() for character in name):
            raise InputError("candidates", "{name!r} contains control characters", name=name)
        if name in seen:
            raise InputError("candidates", "{name!r} is listed twice", name=name)
        seen.add(name)
    return names


def _ballot_problem(
    ballot: tuple[Any, ...], index: Mapping[str, int], method: ElectionMethod, seats: int
) -> tuple[str, dict[str, object]]:
    """What is wrong with ``ballot``: a message template and its values."""
    for name in ballot:
        if not isinstance(name, str) or name not in index:
            return "{name!r} is not a candidate", {"name": name}
    if len(set(ballot)) != len(ballot):
        duplicate = next(name for name in ballot if ballot.count(name) > 1)
        return "{name!r} is marked more than once", {"name": duplicate}
    if method is ElectionMethod.BLOCK_PLURALITY and len(ballot) > seats:
        return "{marked} names marked, at most {seats} allowed (one per seat)", {
            "marked": len(ballot),
            "seats": seats,
        }
    return "invalid", {}


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
                "ballot",
                "ballot at index {position} is not a sequence of names: {ballot!r}",
                position=position,
                ballot=ballot,
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
                    "ballot",
                    "ballot at index {position} holds something that is not a name",
                    position=position,
                ) from None
    grouped: Counter[tuple[int, ...]] = Counter()
    problems: dict[tuple[Any, ...], tuple[str, dict[str, object]]] = {}
    limit = seats if method is ElectionMethod.BLOCK_PLURALITY else len(index)
    for ballot, number in raw.items():
        try:
            indices = tuple([index[name] for name in ballot])
        except (KeyError, TypeError):
            indices = None
        if indices is None or len(indices) > limit or len(set(indices)) != len(indices):
            problems[ballot] = _ballot_problem(ballot, index, method, seats)
        else:
            grouped[indices] += number
    if problems:
        for position, ballot in enumerate(listed):
            problem = problems.get(tuple(ballot))
            if problem is not None:
                template, values = problem
                raise InputError(
                    "ballot",
                    "ballot at index {position}: {problem}",
                    position=position,
                    problem=Phrase(template, **values),
                )
    return grouped, len(listed)


def parse_method(method: ElectionMethod | str) -> ElectionMethod:
    """``method`` as an :class:`ElectionMethod`; an :class:`InputError` if unknown."""
    try:
        return ElectionMethod(method)
    except ValueError:
        choices = ", ".join(m.value for m in ElectionMethod)
        raise InputError(
            "method",
            "{method!r} is not a method (choose {choices})",
            method=method,
            choices=choices,
        ) from None


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
      them (a winner is removed and the count repeated); continued past the seats, this
      ranks every candidate (:attr:`ElectionResult.ranking`). This is not proportional:
      use STV for that.

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
    chosen = parse_method(method)
    names = check_candidates(candidates)
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise InputError("seats", "{seats!r}: at least one seat is needed", seats=seats)
    index = {name: i for i, name in enumerate(names)}
    grouped, total = _group_ballots(ballots, index, chosen, seats)
    blank = grouped.pop((), 0)
    count = ElectionCount(names, lot)
    quota: int | None = None
    pairwise: list[list[int]] | None = None
    strengths: list[list[int]] | None = None
    ranking: tuple[str, ...] = ()
    if chosen is ElectionMethod.STV:
        winners, rounds, quota = count_stv(count, grouped, seats)
    elif chosen is ElectionMethod.SCHULZE:
        schulze = count_schulze(count, grouped, seats)
        winners, rounds = schulze.winners, schulze.rounds
        pairwise, strengths = schulze.pairwise, schulze.strengths
        ranking = tuple(names[i] for i in schulze.ranking)
    else:
        winners, rounds = count_marks(count, grouped, seats)
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
        ranking=ranking,
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
        ranking=ranking,
        ties=tuple(count.ties),
        draws=tuple(count.drawer.draws),
        lot_seed=lot.seed,
        explanation=explanation,
    )


def _election_explanation(
    method: ElectionMethod,
    rounds: list[Round],
    count: ElectionCount,
    winners: tuple[str, ...],
    *,
    total: int,
    blank: int,
    seats: int,
    quota: int | None,
    vacant: int,
    ranking: tuple[str, ...] = (),
) -> Explanation:
    steps = [message("election.counts", ballots=total, blank=blank, seats=seats)]
    ties = list(count.ties)
    for round_ in rounds:
        if method is ElectionMethod.STV:
            steps.append(
                message(
                    "election.round",
                    round=round_.number,
                    tallies=tally_pairs(round_.tallies, 4),
                    exhausted=fraction_text(round_.exhausted, 4),
                )
            )
        elif method is ElectionMethod.SCHULZE:
            steps.append(
                message(
                    "election.beatpaths",
                    round=round_.number,
                    tallies=tally_pairs(round_.tallies, 0),
                )
            )
        else:
            steps.append(message("election.marks", tallies=tally_pairs(round_.tallies, 0)))
        for tie in (t for t in ties if t.round == round_.number):
            steps.append(
                message(
                    "election.tie",
                    round=tie.round,
                    tied=tuple(tie.tied),
                    purpose=tie.purpose,
                    by=tie.by,
                    chosen=tuple(tie.chosen),
                )
            )
        if round_.elected:
            steps.append(message("election.elected", names=tuple(round_.elected)))
        if round_.action is Action.SURPLUS and round_.subject is not None:
            surplus = round_.tally(round_.subject) - (quota or 0)
            steps.append(
                message("election.surplus", name=round_.subject, surplus=fraction_text(surplus, 4))
            )
        elif round_.action is Action.EXCLUDE:
            steps.append(message("election.excluded", name=round_.subject))
    if vacant:
        steps.append(message("election.vacant", vacant=vacant))
    if winners:
        steps.append(message("election.winners", names=tuple(winners)))
    else:
        steps.append(message("election.no_winners"))
    if len(ranking) > len(winners):
        steps.append(message("election.ranking", names=ranking))
        for tie in (t for t in ties if t.purpose == "rank"):
            steps.append(
                message(
                    "election.tie",
                    round=tie.round,
                    tied=tuple(tie.tied),
                    purpose=tie.purpose,
                    by=tie.by,
                    chosen=tuple(tie.chosen),
                )
            )
    if method is ElectionMethod.STV:
        threshold = message("threshold.stv", quota=quota)
    elif method is ElectionMethod.SCHULZE:
        threshold = message("threshold.schulze")
    elif method is ElectionMethod.APPROVAL:
        threshold = message("threshold.approval")
    else:
        threshold = message("threshold.plurality")
    return Explanation(
        rule=method.value,
        threshold=threshold,
        counts=(("ballots", total), ("blank", blank), ("valid", total - blank), ("seats", seats)),
        required=quota,
        outcome="elected",
        steps=tuple(steps),
    )

# SPDX-License-Identifier: EUPL-1.2
"""Vote counting: published worked examples and a table of edge cases."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import pytest
from pydantic import ValidationError

from kooperativ.errors import InputError
from kooperativ.governance import (
    MORE_THAN_TWO_THIRDS,
    ORDINARY,
    THREE_QUARTERS,
    TWO_THIRDS,
    Action,
    DecidedBy,
    ElectionMethod,
    Lot,
    Majority,
    MajorityBase,
    Vote,
    tally_election,
    tally_motion,
)

LOT = Lot(seed="2026-03-14 årsmöte §7")
FOOD = ["Oranges", "Pears", "Chocolate", "Strawberries", "Hamburgers"]


def food_ballots() -> list[tuple[str, ...]]:
    groups: list[tuple[int, tuple[str, ...]]] = [
        (4, ("Oranges",)),
        (2, ("Pears", "Oranges")),
        (8, ("Chocolate", "Strawberries")),
        (4, ("Chocolate", "Hamburgers")),
        (1, ("Strawberries",)),
        (1, ("Hamburgers",)),
    ]
    return [ballot for number, ballot in groups for _ in range(number)]


def votes(yes: int, no: int, abstain: int = 0) -> list[str]:
    return ["yes"] * yes + ["no"] * no + ["abstain"] * abstain


# --- Published worked examples -------------------------------------------------------


def test_stv_wikipedia_food_example() -> None:
    """Wikipedia, "Single transferable vote", section "Example" (the food election).

    https://en.wikipedia.org/wiki/Single_transferable_vote#Example (also mirrored at
    https://www.liquisearch.com/single_transferable_vote/example). 20 voters, 3 seats,
    Droop quota 6: Chocolate elected in round 1 with 12; its surplus of 6 goes half to
    Strawberries (4) and Hamburgers (2); Pears excluded, Oranges reach 6; Hamburgers
    excluded and Strawberries take the last seat. Winners: Chocolate, Oranges,
    Strawberries.
    """
    result = tally_election("stv", food_ballots(), FOOD, 3, lot=LOT)
    assert result.winners == ("Chocolate", "Oranges", "Strawberries")
    assert result.quota == 6
    first, second, third, fourth = result.rounds
    assert first.tally("Chocolate") == 12 and first.elected == ("Chocolate",)
    assert (first.action, first.subject) == (Action.SURPLUS, "Chocolate")
    assert second.tally("Strawberries") == 5 and second.tally("Hamburgers") == 3
    assert (second.action, second.subject) == (Action.EXCLUDE, "Pears")
    assert third.tally("Oranges") == 6 and third.elected == ("Oranges",)
    assert (third.action, third.subject) == (Action.EXCLUDE, "Hamburgers")
    assert fourth.elected == ("Strawberries",) and fourth.exhausted == 3
    assert not result.draws and not result.ties
    english = result.explanation.text("en")
    assert "Round 1: Oranges 4.0000; Pears 2.0000; Chocolate 12.0000" in english
    assert "Surplus of Chocolate (6.0000) transferred." in english
    assert "Omgång 2: Oranges 4,0000; Pears 2,0000; Chocolate 6,0000; Strawberries 5,0000" in (
        result.explanation.text("sv")
    )


def test_stv_fractional_surplus_is_exact() -> None:
    """A surplus of 7 out of 13 moves at 7/13 per paper, kept as an exact fraction."""
    ballots = (
        [("Chocolate", "Strawberries")] * 9
        + [("Chocolate", "Hamburgers")] * 4
        + [("Oranges",)] * 4
        + [("Pears", "Oranges")] * 2
        + [("Strawberries",)]
        + [("Hamburgers",)]
    )
    result = tally_election("stv", ballots, FOOD, 3, lot=LOT)
    assert result.quota == 21 // 4 + 1 == 6
    second = result.rounds[1]
    assert second.tally("Strawberries") == 1 + Fraction(9 * 7, 13) == Fraction(76, 13)
    assert second.tally("Hamburgers") == Fraction(41, 13)
    assert "Strawberries 5.8462" in result.explanation.text("en")
    for round_ in result.rounds:
        assert sum(value for _, value in round_.tallies) + round_.exhausted == 21


SCHULZE_EXAMPLE = {
    "ACBED": 5,
    "ADECB": 5,
    "BEDAC": 8,
    "CABED": 3,
    "CAEBD": 7,
    "CBADE": 2,
    "DCEBA": 7,
    "EBADC": 8,
}


def test_schulze_wikipedia_example() -> None:
    """Wikipedia, "Schulze method", section "Example": 45 voters, candidates A–E.

    https://en.wikipedia.org/wiki/Schulze_method#Example (also in Markus Schulze's
    examples page and https://www.liquisearch.com/schulze_method/example). The pairwise
    matrix d and the strongest paths p below are the published tables; the winner is E
    and the Schulze ranking E > A > C > B > D (here also the order of removal-by-winner).
    """
    ballots = [tuple(order) for order, n in SCHULZE_EXAMPLE.items() for _ in range(n)]
    result = tally_election("schulze", ballots, list("ABCDE"), 1, lot=LOT)
    assert result.winners == ("E",)
    assert result.pairwise == (
        (0, 20, 26, 30, 22),
        (25, 0, 16, 33, 18),
        (19, 29, 0, 17, 24),
        (15, 12, 28, 0, 14),
        (23, 27, 21, 31, 0),
    )
    assert result.strengths == (
        (0, 28, 28, 30, 24),
        (25, 0, 28, 33, 24),
        (25, 29, 0, 29, 24),
        (25, 28, 28, 0, 24),
        (25, 28, 28, 31, 0),
    )
    full = tally_election("schulze", ballots, list("ABCDE"), 5, lot=LOT)
    assert full.winners == ("E", "A", "C", "B", "D")
    assert not full.draws


# --- Motions: edge cases --------------------------------------------------------------


@pytest.mark.parametrize(
    ("ballot", "majority", "chair", "passed", "decided_by"),
    [
        pytest.param(votes(2, 1), TWO_THIRDS, None, True, DecidedBy.VOTES, id="2/3-at-least"),
        pytest.param(
            votes(2, 1), MORE_THAN_TWO_THIRDS, None, False, DecidedBy.VOTES, id="2/3-more-than"
        ),
        pytest.param(votes(20, 10), TWO_THIRDS, None, True, DecidedBy.VOTES, id="20/30-at-least"),
        pytest.param(
            votes(20, 10), MORE_THAN_TWO_THIRDS, None, False, DecidedBy.VOTES, id="20/30-more"
        ),
        pytest.param(votes(3, 1), THREE_QUARTERS, None, True, DecidedBy.VOTES, id="3/4-at-least"),
        pytest.param(votes(5, 5), ORDINARY, None, False, DecidedBy.VOTES, id="tie-no-chair"),
        pytest.param(
            votes(5, 5), ORDINARY, "yes", True, DecidedBy.CASTING_VOTE, id="tie-chair-yes"
        ),
        pytest.param(
            votes(5, 5), ORDINARY, "nej", False, DecidedBy.CASTING_VOTE, id="tie-chair-no"
        ),
        pytest.param(votes(6, 5), ORDINARY, "no", True, DecidedBy.VOTES, id="no-tie-chair-ignored"),
        pytest.param(votes(2, 2), TWO_THIRDS, "yes", False, DecidedBy.VOTES, id="qualified-tie"),
        pytest.param(votes(0, 0, 7), ORDINARY, None, False, DecidedBy.VOTES, id="all-abstain"),
        pytest.param(votes(0, 0, 7), TWO_THIRDS, "yes", False, DecidedBy.VOTES, id="abstain-2/3"),
        pytest.param([], ORDINARY, None, False, DecidedBy.VOTES, id="no-votes"),
        pytest.param(votes(5, 4, 3), ORDINARY, None, True, DecidedBy.VOTES, id="abstain-ignored"),
    ],
)
def test_motion_edge_cases(
    ballot: list[str], majority: Majority, chair: str | None, passed: bool, decided_by: DecidedBy
) -> None:
    result = tally_motion(ballot, majority, chair_vote=chair)
    assert result.passed is passed
    assert result.decided_by is decided_by
    assert result.yes + result.no + result.abstain == len(ballot)
    assert result.explanation.outcome == ("passed" if passed else "rejected")


def test_tie_explanations_in_both_languages() -> None:
    by_chair = tally_motion(votes(5, 5), ORDINARY, chair_vote="yes")
    assert by_chair.tie
    assert "Ordförandens utslagsröst är ja." in by_chair.explanation.text("sv")
    assert "The chair's casting vote is yes." in by_chair.explanation.text("en")
    falls = tally_motion(votes(5, 5), ORDINARY)
    assert "Ingen utslagsröst: förslaget faller." in falls.explanation.text("sv")
    assert falls.explanation.text("en").endswith("Outcome: the motion is rejected.")


def test_motion_explanation_fields() -> None:
    result = tally_motion(votes(2, 1, 4), TWO_THIRDS)
    explanation = result.explanation
    assert explanation.rule == "two_thirds"
    assert explanation.threshold_text("sv") == "minst 2/3 av de avgivna rösterna"
    assert explanation.threshold_text("en") == "at least 2/3 of the votes cast"
    assert [explanation.count(name) for name in ("yes", "no", "abstain", "cast")] == [2, 1, 4, 3]
    assert explanation.required == 2
    assert explanation.text("sv").splitlines()[0] == (
        "Regel: två tredjedelars majoritet — minst 2/3 av de avgivna rösterna."
    )
    with pytest.raises(InputError, match="lang"):
        explanation.text("de")


def test_counts_blank_changes_the_base() -> None:
    assert tally_motion(votes(5, 4, 3), ORDINARY).passed
    counted = tally_motion(votes(5, 4, 3), ORDINARY, counts_blank=True)
    assert (counted.cast, counted.required, counted.passed) == (12, 7, False)
    # One blank counted: 5-5-1 needs 6, one more than yes, so the casting vote applies.
    assert tally_motion(votes(5, 5, 1), ORDINARY, counts_blank=True, chair_vote="yes").passed


def test_other_bases() -> None:
    of_present = Majority(name="§ 9", threshold="1/2", base=MajorityBase.PRESENT)
    result = tally_motion(votes(6, 2, 1), of_present, present=13)
    assert (result.base_count, result.required, result.passed) == (13, 7, False)
    assert "Base: 13 (the voting members present)." in result.explanation.text("en")
    assert result.explanation.rule_text("sv") == "§ 9"
    of_members = Majority(name="§ 12", threshold=Fraction(2, 3), strict=False, base="members")
    assert tally_motion(votes(20, 0), of_members, members=30).passed
    assert not tally_motion(votes(19, 0), of_members, members=30).passed
    with pytest.raises(InputError, match="present"):
        tally_motion(votes(1, 0), of_present)
    with pytest.raises(InputError, match="members"):
        tally_motion(votes(20, 0), of_members, members=10)


def test_tie_by_lot_when_no_chair_vote() -> None:
    first = tally_motion(votes(4, 4), ORDINARY, lot=Lot(seed="stämma 2026 §4"))
    again = tally_motion(votes(4, 4), ORDINARY, lot=Lot(seed="stämma 2026 §4"))
    assert first == again and first.decided_by is DecidedBy.LOT
    assert first.draws[0].tied == ("no", "yes")
    outcomes = {
        tally_motion(votes(4, 4), ORDINARY, lot=Lot(seed=f"seed {i}")).passed for i in range(20)
    }
    assert outcomes == {True, False}


def test_vote_inputs() -> None:
    assert tally_motion({"ja": 3, Vote.NO: 1, "blank": 2}, ORDINARY).yes == 3
    assert tally_motion(iter(["Yes", " nej ", "avstår"]), ORDINARY).abstain == 1
    with pytest.raises(InputError, match="index 2"):
        tally_motion(["yes", "no", "maybe"], ORDINARY)
    with pytest.raises(InputError, match="index 1"):
        tally_motion(iter(["yes", "kanske"]), ORDINARY)
    with pytest.raises(InputError, match="chair_vote"):
        tally_motion(votes(1, 1), ORDINARY, chair_vote="abstain")
    with pytest.raises(InputError, match="votes"):
        tally_motion({"yes": -1}, ORDINARY)


def test_thresholds_are_exact() -> None:
    assert Majority(name="x", threshold="2/3").threshold == Fraction(2, 3)
    assert Majority(name="x", threshold=Decimal("0.75")).threshold == Fraction(3, 4)
    for bad in (0.5, "0", "3/2", "two thirds"):
        with pytest.raises(ValidationError):
            Majority(name="x", threshold=bad)
    with pytest.raises(ValidationError):
        Majority(name="x", threshold=1, strict=True)
    unanimous = Majority(name="enhälligt", threshold=1, strict=False)
    assert unanimous.required(7) == 7
    assert tally_motion(votes(7, 0, 2), unanimous).explanation.threshold_text("en") == (
        "all of the votes cast"
    )


# --- Elections: edge cases ------------------------------------------------------------


def lot_outcomes(
    method: str, ballots: list[tuple[str, ...]], names: list[str], seats: int
) -> set[tuple[str, ...]]:
    return {
        tally_election(method, ballots, names, seats, lot=Lot(seed=f"seed {i}")).winners
        for i in range(30)
    }


@pytest.mark.parametrize(
    ("method", "ballots", "seats", "possible"),
    [
        pytest.param(
            "block_plurality",
            [("A", "B"), ("A", "C"), ("A",), ("B",), ("C",)],
            2,
            {("A", "B"), ("A", "C")},
            id="plurality",
        ),
        pytest.param(
            "approval",
            [("A", "B", "C"), ("B",), ("C",)],
            1,
            {("B",), ("C",)},
            id="approval",
        ),
        pytest.param(
            "stv",
            [("A",), ("A",), ("B",), ("B",)],
            1,
            {("A",), ("B",)},
            id="stv",
        ),
        pytest.param(
            "schulze",
            [("A", "B", "C"), ("B", "C", "A"), ("C", "A", "B")],
            1,
            {("A",), ("B",), ("C",)},
            id="schulze",
        ),
    ],
)
def test_election_ties_go_to_lot(
    method: str, ballots: list[tuple[str, ...]], seats: int, possible: set[tuple[str, ...]]
) -> None:
    names = ["A", "B", "C"]
    first = tally_election(method, ballots, names, seats, lot=LOT)
    assert first == tally_election(method, ballots, names, seats, lot=LOT)  # a re-count
    assert first.draws and all(tie.by == "lot" for tie in first.ties[-1:])
    assert first.draws[0].tied == tuple(sorted(first.draws[0].tied))
    assert "by lot" in first.explanation.text("en")
    assert "genom lottning" in first.explanation.text("sv")
    assert lot_outcomes(method, ballots, names, seats) == possible


def test_stv_tie_broken_by_earlier_round() -> None:
    """A and B tie for exclusion in round 3; in round 2 B had fewer, so B goes.

    Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch. 1 rule 51(2)(a):
    the most recent preceding stage at which the tied candidates had unequal votes.
    """
    ballots = [("D",)] * 10 + [("A",)] * 4 + [("B",)] * 3 + [("C", "B")]
    result = tally_election("stv", ballots, ["A", "B", "C", "D"], 2, lot=LOT)
    assert result.quota == 7
    assert result.winners == ("D", "A")
    assert result.rounds[2].tally("A") == result.rounds[2].tally("B") == 4
    assert [(t.purpose, t.tied, t.chosen, t.by) for t in result.ties] == [
        ("exclude", ("A", "B"), ("B",), "earlier_round")
    ]
    assert not result.draws


@pytest.mark.parametrize("method", list(ElectionMethod))
def test_fewer_candidates_than_seats(method: ElectionMethod) -> None:
    ballots = [("Alva", "Bo"), ("Bo",), ("Bo",), ()]
    result = tally_election(method, ballots, ["Alva", "Bo"], 3, lot=LOT)
    assert result.winners == ("Bo", "Alva")
    assert result.vacant == 1
    assert (result.ballots, result.blank, result.valid) == (4, 1, 3)
    assert not result.draws
    assert "Seats left vacant: 1" in result.explanation.text("en")


@pytest.mark.parametrize(
    ("method", "ballots", "message"),
    [
        ("stv", [("A",), ("A", "Z")], "ballot at index 1: 'Z' is not a candidate"),
        ("schulze", [("A", "B", "A")], "ballot at index 0: 'A' is marked more than once"),
        ("block_plurality", [("A",), ("B",), ("A", "B")], "ballot at index 2: 2 names marked"),
        ("approval", [("A",), "A"], "ballot at index 1 is not a sequence"),
        ("approval", [("A",), ("A", 3)], "ballot at index 1: 3 is not a candidate"),
    ],
)
def test_invalid_ballots(method: str, ballots: Sequence[Sequence[str]], message: str) -> None:
    with pytest.raises(InputError) as caught:
        tally_election(method, ballots, ["A", "B", "C"], 1, lot=LOT)
    assert caught.value.field == "ballot"
    assert message in caught.value.reason


def test_invalid_election_arguments() -> None:
    with pytest.raises(InputError, match="method"):
        tally_election("borda", [], ["A"], 1, lot=LOT)
    with pytest.raises(InputError, match="seats"):
        tally_election("stv", [], ["A"], 0, lot=LOT)
    with pytest.raises(InputError, match="twice"):
        tally_election("stv", [], ["A", "A"], 1, lot=LOT)
    with pytest.raises(InputError, match="candidates"):
        tally_election("stv", [], [], 1, lot=LOT)
    with pytest.raises(ValidationError):
        Lot(seed="")


def test_block_plurality_explanation() -> None:
    result = tally_election(
        "block_plurality", [("A",), ("A",), ("C",)], ["A", "B", "C"], 1, lot=LOT
    )
    assert result.winners == ("A",)
    assert result.explanation.text("sv").splitlines() == [
        "Regel: relativ majoritet (flera platser) — flest röster vinner.",
        "Valsedlar 3 (blanka 0); platser 1.",
        "Röster: A 2; B 0; C 1.",
        "Valda: A.",
        "Utfall: valda i ordning A.",
    ]


def test_all_blank_stv_still_fills_seats_by_lot() -> None:
    result = tally_election("stv", [(), ()], ["A", "B", "C"], 1, lot=LOT)
    assert result.blank == 2 and result.quota == 1
    assert len(result.winners) == 1
    assert [draw.purpose for draw in result.draws] == ["exclude", "exclude"]

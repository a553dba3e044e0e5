# SPDX-License-Identifier: EUPL-1.2
"""Meeting steps against the bylaws: a table of edge cases (proxies at and over the limit,
quorum exactly met, the two-meeting amendment across a rule change, a right that lapses
the day before), secret ballots, casting votes, notices."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest

from kooperativ.errors import ConflictError, InputError
from kooperativ.governance.bylaws import Bylaws, RuleSet, parse_bylaws
from kooperativ.governance.counting import count_election, count_motion
from kooperativ.governance.meeting import Meeting, PreviousReading
from kooperativ.governance.notice import record_notice
from kooperativ.governance.proceedings import (
    add_election,
    add_motion,
    amend,
    attend,
    close_meeting,
    new_meeting,
    request_secret,
    set_officers,
)
from kooperativ.governance.proxies import add_proxy
from kooperativ.governance.register import Registrant
from kooperativ.governance.verify import verify_meeting
from kooperativ.governance.voting import cast_ballot, cast_vote

DAY = date(2027, 3, 20)


def bylaws(**rules: Any) -> Bylaws:
    base: dict[str, Any] = {"valid_from": date(2024, 1, 1)}
    base.setdefault("voting_rights", {"fee_paid": "none"})
    base.update(rules)
    return parse_bylaws({"rules": [base]}, "bylaws.toml")


def ident(n: int) -> UUID:
    return UUID(int=n)


def people(count: int, **changes: Any) -> list[Registrant]:
    return [
        Registrant(
            id=ident(n),
            number=n,
            name=f"Member {n}",
            status="member",
            joined_on=date(2024, 1, 1),
        ).model_copy(update=changes.get(str(n), {}))
        for n in range(1, count + 1)
    ]


def meeting(rules: RuleSet, count: int = 5, present: int | None = None, **kw: Any) -> Meeting:
    register = kw.pop("register", None) or people(count)
    m = new_meeting(1, kw.pop("kind", "annual"), kw.pop("held_on", DAY), rules, register=register)
    m = set_officers(m, chair="The Chair")
    return attend(m, rules, [ident(n) for n in range(1, (present or len(register)) + 1)])


def vote_all(
    m: Meeting,
    rules: RuleSet,
    choices: dict[int, str],
    motion: int | None = None,
    election: int | None = None,
) -> Meeting:
    for n, choice in choices.items():
        m = cast_vote(m, rules, voter=ident(n), choice=choice, motion=motion, election=election)
    return m


# --- proxies ---------------------------------------------------------------------------------


PROXY_CASES = [
    # (proxy rules, mandates as (principal, proxy, dated, written), expected error or None)
    ({"allowed": True, "max_principals": 2}, [(4, 1, DAY, True), (5, 1, DAY, True)], None),
    (
        {"allowed": True, "max_principals": 2},
        [(4, 1, DAY, True), (5, 1, DAY, True), (6, 1, DAY, True)],
        "allow 2",
    ),
    ({"allowed": True}, [(4, 1, DAY, True), (5, 1, DAY, True)], "allow 1"),
    ({"allowed": False}, [(4, 1, DAY, True)], "do not allow proxies"),
    ({"allowed": True}, [(4, 1, date(2026, 3, 20), True)], None),  # 365 days: at the limit
    ({"allowed": True}, [(4, 1, date(2026, 3, 19), True)], "more than 365 days"),
    ({"allowed": True}, [(4, 1, DAY, False)], "written and dated"),
    ({"allowed": True}, [(4, 1, date(2027, 3, 21), True)], "dated after"),
    ({"allowed": True, "who": "voting_member"}, [(4, 7, DAY, True)], "member with a vote"),
    ({"allowed": True, "who": "anyone"}, [(4, None, DAY, True)], None),
    ({"allowed": True}, [(4, 4, DAY, True)], "own proxy"),
]


@pytest.mark.parametrize(("proxies", "mandates", "error"), PROXY_CASES)
def test_proxy_rules(proxies: dict[str, Any], mandates: list[Any], error: str | None) -> None:
    register = people(7, **{"7": {"status": "resigned", "left_on": date(2026, 1, 1)}})
    rules = bylaws(proxies=proxies).rules[0]
    m = meeting(rules, register=register, present=3)
    if error is None:
        for principal, proxy, dated, written in mandates:
            m = add_proxy(
                m,
                rules,
                ident(principal),
                proxy_id=None if proxy is None else ident(proxy),
                proxy_name="Outsider" if proxy is None else None,
                dated=dated,
                written=written,
            )
        assert len(m.mandates) == len(mandates)
        return
    with pytest.raises(InputError, match=error):
        for principal, proxy, dated, written in mandates:
            m = add_proxy(
                m,
                rules,
                ident(principal),
                proxy_id=None if proxy is None else ident(proxy),
                dated=dated,
                written=written,
            )


def test_a_proxy_votes_for_its_principals_and_a_present_principal_votes_themself() -> None:
    rules = bylaws(proxies={"allowed": True, "max_principals": 2}).rules[0]
    m = meeting(rules, count=5, present=3)
    m = add_proxy(m, rules, ident(4), proxy_id=ident(1), dated=DAY)
    m = add_proxy(m, rules, ident(5), proxy_id=ident(1), dated=DAY)
    m = add_motion(m, rules, title="T")
    m = cast_vote(m, rules, voter=ident(4), cast_by=ident(1), choice="yes", motion=1)
    with pytest.raises(InputError, match="holds no mandate"):
        cast_vote(m, rules, voter=ident(5), cast_by=ident(2), choice="yes", motion=1)
    with pytest.raises(InputError, match="not recorded as present"):
        cast_vote(m, rules, voter=ident(5), choice="yes", motion=1)
    m = attend(m, rules, [ident(5)])  # the principal arrives and votes themself
    with pytest.raises(InputError, match="present and votes themself"):
        cast_vote(m, rules, voter=ident(5), cast_by=ident(1), choice="no", motion=1)
    m = cast_vote(m, rules, voter=ident(5), cast_by=ident(5), choice="no", motion=1)
    assert m.motion(1).next_poll().box.votes[0].by_proxy is True


# --- quorum ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "count_proxies", "present", "proxies", "outcome"),
    [
        ("1/4", True, 2, 0, "adopted"),  # 2 of 8: exactly met
        ("1/4", True, 1, 0, "no_quorum"),  # one short
        ("1/4", True, 1, 1, "adopted"),  # a proxy counts
        ("1/4", False, 1, 1, "no_quorum"),  # … unless the bylaws say it does not
        ("1/2", True, 4, 0, "adopted"),
        ("1/2", True, 3, 0, "no_quorum"),
        ("0", True, 1, 0, "adopted"),  # no quorum rule (the default)
    ],
)
def test_quorum(share: str, count_proxies: bool, present: int, proxies: int, outcome: str) -> None:
    rules = bylaws(
        quorum={"share": share, "count_proxies": count_proxies}, proxies={"allowed": True}
    ).rules[0]
    m = meeting(rules, count=8, present=present)
    for k in range(proxies):
        m = add_proxy(m, rules, ident(8 - k), proxy_id=ident(1 + k), dated=DAY)
    m = add_motion(m, rules, title="T")
    m = vote_all(m, rules, {1: "yes"}, motion=1)
    m = count_motion(m, rules, 1, seed="s")
    assert m.motion(1).outcome == outcome
    report = verify_meeting(
        m,
        bylaws(quorum={"share": share, "count_proxies": count_proxies}, proxies={"allowed": True}),
    )
    assert report.decisions[0].agrees
    assert any(b.code == "quorum" for b in report.breaches) is (outcome == "no_quorum")


# --- a right that lapses -------------------------------------------------------------------


@pytest.mark.parametrize(("left_on", "votes"), [(date(2027, 3, 21), True), (DAY, False)])
def test_a_member_who_left_the_day_before_the_right_lapses(left_on: date, votes: bool) -> None:
    register = people(3, **{"3": {"status": "resigned", "left_on": left_on}})
    rules = bylaws().rules[0]
    m = meeting(rules, register=register)
    m = add_motion(m, rules, title="T")
    if votes:
        cast_vote(m, rules, voter=ident(3), choice="yes", motion=1)
    else:
        with pytest.raises(InputError, match="has no vote: left the association on 2027-03-20"):
            cast_vote(m, rules, voter=ident(3), choice="yes", motion=1)


# --- majorities, ties, amendments ----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "choices", "chair", "outcome"),
    [
        ("ordinary", {1: "yes", 2: "yes", 3: "no", 4: "abstain"}, None, "adopted"),
        ("ordinary", {1: "yes", 2: "no"}, "yes", "adopted"),
        ("ordinary", {1: "yes", 2: "no"}, "no", "rejected"),
        ("bylaw_amendment", {1: "yes", 2: "yes", 3: "no"}, None, "adopted"),  # exactly 2/3
        ("bylaw_amendment", {1: "yes", 2: "yes", 3: "no", 4: "no"}, None, "rejected"),
        ("exclusion", {1: "yes", 2: "no"}, None, "rejected"),  # no casting vote
    ],
)
def test_majorities(kind: str, choices: dict[int, str], chair: str | None, outcome: str) -> None:
    rules = bylaws().rules[0]
    m = add_motion(meeting(rules), rules, title="T", decision_type=kind)
    m = vote_all(m, rules, choices, motion=1)
    m = count_motion(m, rules, 1, seed="s", chair_vote=chair)
    assert m.motion(1).outcome == outcome


def test_equal_votes_need_the_chairs_casting_vote() -> None:
    rules = bylaws().rules[0]
    m = vote_all(add_motion(meeting(rules), rules, title="T"), rules, {1: "yes", 2: "no"}, motion=1)
    with pytest.raises(InputError, match="casting vote"):
        count_motion(m, rules, 1, seed="s")


def test_an_amendment_is_put_against_the_proposal_first() -> None:
    rules = bylaws().rules[0]
    m = add_motion(meeting(rules), rules, title="Fee", text="200 kr")
    m = amend(m, 1, "250 kr")
    with pytest.raises(InputError, match="proposal, amendment or abstain"):
        cast_vote(m, rules, voter=ident(1), choice="yes", motion=1)
    m = vote_all(m, rules, {1: "amendment", 2: "amendment", 3: "proposal"}, motion=1)
    m = count_motion(m, rules, 1, seed="s")
    assert m.motion(1).current_text() == "250 kr"
    with pytest.raises(ConflictError):
        close_meeting(m)
    m = vote_all(m, rules, {1: "yes", 2: "yes", 3: "yes"}, motion=1)
    m = count_motion(m, rules, 1, seed="s")
    assert (m.motion(1).outcome, m.motion(1).decided_text) == ("adopted", "250 kr")
    with pytest.raises(ConflictError, match="final vote"):
        amend(m, 1, "300 kr")
    assert close_meeting(m).state.value == "closed"


# --- the two-meeting bylaw amendment across a rule change ----------------------------------

TWO_THEN_ONE = parse_bylaws(
    {
        "rules": [
            {
                "valid_from": date(2024, 1, 1),
                "valid_to": date(2026, 12, 31),
                "voting_rights": {"fee_paid": "none"},
                "decisions": {"bylaw_amendment": {"two_meetings": True, "second_share": "1/2"}},
            },
            {
                "valid_from": date(2027, 1, 1),
                "voting_rights": {"fee_paid": "none"},
                "decisions": {"bylaw_amendment": {"share": "2/3", "strict": False}},
            },
        ]
    },
    "bylaws.toml",
)


def amendment_at(
    held_on: date, kind: str, yes: int, no: int, previous: PreviousReading | None, by: Bylaws
) -> Meeting:
    rules = by.rules_on(held_on)
    m = meeting(rules, count=yes + no, held_on=held_on, kind=kind)
    m = add_motion(m, rules, title="§ 17", decision_type="bylaw_amendment", previous=previous)
    m = vote_all(
        m, rules, {n: "yes" if n <= yes else "no" for n in range(1, yes + no + 1)}, motion=1
    )
    return count_motion(m, rules, 1, seed="s")


def reading(m: Meeting, consecutive: bool = True) -> PreviousReading:
    return PreviousReading(
        meeting=m.number,
        held_on=m.held_on,
        kind=m.kind,
        motion=1,
        outcome=m.motion(1).outcome or "",
        consecutive=consecutive,
    )


@pytest.mark.parametrize(
    ("first", "second", "second_kind", "consecutive", "outcome"),
    [
        # Both under the two-meeting rule: the second confirms the first.
        ((date(2026, 3, 20), "annual", 3, 2), (date(2026, 11, 10), 3, 2), "extra", True, "adopted"),
        # Not consecutive: only a first reading again.
        (
            (date(2026, 3, 20), "annual", 3, 2),
            (date(2026, 11, 10), 3, 2),
            "extra",
            False,
            "first_reading",
        ),
        # Neither is an annual meeting.
        (
            (date(2026, 3, 20), "extra", 3, 2),
            (date(2026, 11, 10), 3, 2),
            "extra",
            True,
            "first_reading",
        ),
        # Across the rule change: the second meeting is judged by the new rule (2/3 at one
        # meeting), so 3 of 5 is not enough even after a valid first reading …
        (
            (date(2026, 11, 10), "extra", 3, 2),
            (date(2027, 3, 20), 3, 2),
            "annual",
            True,
            "rejected",
        ),
        # … and 4 of 6 is enough without any first reading's help.
        ((date(2026, 11, 10), "extra", 1, 2), (date(2027, 3, 20), 4, 2), "annual", True, "adopted"),
    ],
)
def test_two_meeting_amendment(
    first: tuple[date, str, int, int],
    second: tuple[date, int, int],
    second_kind: str,
    consecutive: bool,
    outcome: str,
) -> None:
    m1 = amendment_at(first[0], first[1], first[2], first[3], None, TWO_THEN_ONE)
    if first[0].year == 2026 and first[2] > first[3]:
        assert m1.motion(1).outcome == "first_reading"
    m2 = amendment_at(
        second[0], second_kind, second[1], second[2], reading(m1, consecutive), TWO_THEN_ONE
    )
    assert m2.motion(1).outcome == outcome
    assert verify_meeting(m2, TWO_THEN_ONE).decisions[0].agrees


# --- elections and secret ballots ------------------------------------------------------------


def test_secret_ballot_keeps_no_link_between_voter_and_choice() -> None:
    rules = bylaws().rules[0]
    m = add_election(meeting(rules), rules, office="Board", seats=1, candidates=["A", "B"])
    m = request_secret(m, rules, 1, ident(2))
    ballots = []
    for n, name in {3: "B", 1: "A", 2: "B"}.items():
        m, ballot = cast_ballot(m, rules, voter=ident(n), choice=name, election=1)
        assert ballot is not None and ballot.item == "election 1"
        ballots.append(ballot.choice)
    box = m.election(1).box
    assert box.votes == ()
    assert box.choices == ()  # while the poll is open the record holds no ballot at all
    assert box.voter_ids == (ident(1), ident(2), ident(3))  # sorted by id, not by time
    assert "A" not in {c for choice in box.choices for c in choice}
    with pytest.raises(ConflictError, match="already voted"):
        cast_ballot(m, rules, voter=ident(1), choice="A", election=1)
    with pytest.raises(ConflictError, match="secret ballot"):
        cast_vote(m, rules, voter=ident(4), choice="A", election=1)
    with pytest.raises(ConflictError, match="3 voters"):
        count_election(m, rules, 1, seed="s", ballots=ballots[:2])
    m = count_election(m, rules, 1, seed="s", ballots=ballots)
    box = m.election(1).box
    assert box.choices == (("A",), ("B",), ("B",))  # sorted: the order of voting is lost
    assert box.opened
    text = m.canonical_json()
    assert '"voter":' in text and '"choice"' not in text  # who voted, and no vote beside them
    result = m.election(1).result
    assert result is not None and result.winners == ("B",)


@pytest.mark.parametrize(
    ("secret", "asked", "error"),
    [("never", True, "openly"), ("always", False, None), ("on_request", True, None)],
)
def test_secret_ballot_rules(secret: str, asked: bool, error: str | None) -> None:
    rules = bylaws(elections={"secret": secret}).rules[0]
    m = meeting(rules)
    if error:
        with pytest.raises(InputError, match=error):
            add_election(
                m, rules, office="B", seats=1, candidates=["A"], secret=asked, requested_by=ident(1)
            )
        return
    m = add_election(
        m, rules, office="B", seats=1, candidates=["A"], secret=asked, requested_by=ident(1)
    )
    assert m.election(1).box.secret is True


def test_election_lot_is_reproducible() -> None:
    rules = bylaws().rules[0]
    m = add_election(meeting(rules), rules, office="B", seats=1, candidates=["A", "B"])
    m = vote_all(m, rules, {1: "A", 2: "B"}, election=1)
    first = count_election(m, rules, 1, seed="2027 årsmöte").election(1).result
    again = count_election(m, rules, 1, seed="2027 årsmöte").election(1).result
    assert first is not None and again is not None
    assert first.winners == again.winners and first.draws


def test_too_many_marks_in_block_plurality() -> None:
    rules = bylaws().rules[0]
    m = add_election(meeting(rules), rules, office="B", seats=1, candidates=["A", "B"])
    with pytest.raises(InputError, match="at most 1"):
        cast_vote(m, rules, voter=ident(1), choice=["A", "B"], election=1)
    with pytest.raises(InputError, match="not a candidate"):
        cast_vote(m, rules, voter=ident(1), choice=["C"], election=1)


# --- notice, motions, digital decisions -------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "held_on", "sent_on", "method", "problem"),
    [
        ("annual", DAY, date(2027, 2, 6), "email", None),  # 6 weeks: earliest day
        ("annual", DAY, date(2027, 2, 5), "email", "earlier than"),
        ("annual", DAY, date(2027, 3, 6), "email", None),  # 2 weeks: latest day
        ("annual", DAY, date(2027, 3, 7), "email", "later than"),
        ("annual", DAY, date(2027, 3, 1), "sms", "the bylaws name"),
        ("annual", date(2027, 9, 20), date(2027, 9, 1), "email", "month 9"),
        ("board", DAY, date(2027, 3, 19), "sms", None),
    ],
)
def test_notice(kind: str, held_on: date, sent_on: date, method: str, problem: str | None) -> None:
    rules = bylaws().rules[0]
    m = meeting(rules, kind=kind, held_on=held_on)
    m, problems = record_notice(m, rules, sent_on, method)
    assert m.notice is not None and m.notice.sent_on == sent_on  # recorded in every case
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p.message for p in problems)
        assert all(p.code.startswith("notice.") for p in problems)


def test_late_member_motion_is_recorded_and_reported() -> None:
    by = bylaws()
    rules = by.rules[0]
    m = add_motion(meeting(rules), rules, title="T", by_board=False, submitted_on=date(2027, 3, 1))
    m, _ = record_notice(m, rules, date(2027, 2, 20), "email")
    report = verify_meeting(m, by)
    assert [b.code for b in report.breaches] == ["motion.late"]
    assert "19 days" in report.breaches[0].message


def test_exclusion_only_at_an_annual_meeting() -> None:
    rules = bylaws(decisions={"exclusion": {"share": "2/3", "annual_only": True}}).rules[0]
    with pytest.raises(InputError, match="only an annual meeting"):
        add_motion(meeting(rules, kind="extra"), rules, title="T", decision_type="exclusion")


def test_digital_decisions() -> None:
    closed = bylaws().rules[0]
    with pytest.raises(InputError, match="do not allow digital"):
        new_meeting(1, "digital", DAY, closed, register=people(3), opened_on=date(2027, 3, 1))
    rules = bylaws(digital_decisions={"allowed": True, "minimum_days": 7}).rules[0]
    with pytest.raises(InputError, match="at least 7 days"):
        new_meeting(1, "digital", DAY, rules, register=people(3), opened_on=date(2027, 3, 14))
    m = new_meeting(1, "digital", DAY, rules, register=people(3), opened_on=date(2027, 3, 13))
    m = add_motion(m, rules, title="T")
    m = vote_all(m, rules, {1: "yes", 2: "yes"}, motion=1)  # nobody "attends" a digital vote
    m = count_motion(m, rules, 1, seed="s")
    assert m.motion(1).outcome == "adopted"
    with pytest.raises(InputError, match="may not be decided digitally"):
        add_motion(m, rules, title="U", decision_type="bylaw_amendment")


def test_a_closed_meeting_takes_no_more_steps() -> None:
    rules = bylaws().rules[0]
    m = close_meeting(meeting(rules))
    with pytest.raises(ConflictError, match="closed"):
        add_motion(m, rules, title="T")

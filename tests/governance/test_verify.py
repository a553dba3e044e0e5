# SPDX-License-Identifier: EUPL-1.2
"""``verify_meeting`` agrees with the live result on every record, and finds each breach in
records entered after a paper meeting."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kooperativ.errors import ValidationFailed
from kooperativ.governance.bylaws import Bylaws, parse_bylaws
from kooperativ.governance.counting import count_election, count_motion
from kooperativ.governance.findings import problem_text
from kooperativ.governance.meeting import BallotBox, Mandate, Meeting, OpenVote
from kooperativ.governance.notice import record_notice
from kooperativ.governance.proceedings import (
    add_election,
    add_motion,
    amend,
    attend,
    close_meeting,
    new_meeting,
    set_officers,
)
from kooperativ.governance.proxies import add_proxy
from kooperativ.governance.record_file import dump_meeting, load_meeting, parse_record
from kooperativ.governance.register import Registrant
from kooperativ.governance.verify import verify_meeting
from kooperativ.governance.voting import cast_ballot, cast_vote

DAY = date(2027, 3, 20)
BYLAWS = parse_bylaws(
    {
        "rules": [
            {
                "valid_from": date(2024, 1, 1),
                "voting_rights": {"fee_paid": "none", "reference": "§ 7"},
                "quorum": {"share": "1/4"},
                "proxies": {"allowed": True, "max_principals": 1},
            }
        ]
    },
    "bylaws.toml",
)
RULES = BYLAWS.rules[0]


def ident(n: int) -> UUID:
    return UUID(int=n)


def register(count: int) -> list[Registrant]:
    return [
        Registrant(
            id=ident(n),
            number=n,
            name=f"M{n}",
            status="member",
            joined_on=date(2024, 1, 1),
        )
        for n in range(1, count + 1)
    ]


def live_meeting(
    motion_votes: list[str], ballots: list[tuple[str, ...]], secret: bool, amendment: list[str]
) -> Meeting:
    count = max(len(motion_votes), len(ballots), len(amendment), 2) + 1
    m = new_meeting(1, "annual", DAY, RULES, register=register(count))
    m = set_officers(m, chair="M2")
    m, _ = record_notice(m, RULES, date(2027, 2, 20), "email")
    m = attend(m, RULES, [ident(n) for n in range(2, count + 1)])
    m = add_proxy(m, RULES, ident(1), proxy_id=ident(2), dated=DAY)
    m = add_motion(m, RULES, title="T", text="x")
    if amendment:
        m = amend(m, 1, "y")
        for n, choice in enumerate(amendment, start=1):
            m = cast_vote(
                m,
                RULES,
                voter=ident(n),
                cast_by=ident(2) if n == 1 else ident(n),
                choice=choice,
                motion=1,
            )
        m = count_motion(m, RULES, 1, seed="a", chair_vote="proposal")
    for n, choice in enumerate(motion_votes, start=1):
        m = cast_vote(
            m,
            RULES,
            voter=ident(n),
            cast_by=ident(2) if n == 1 else ident(n),
            choice=choice,
            motion=1,
        )
    m = count_motion(m, RULES, 1, seed="b", chair_vote="no")
    m = add_election(
        m,
        RULES,
        office="Board",
        seats=2,
        candidates=["A", "B", "C"],
        secret=secret,
        requested_by=ident(2),
    )
    box = []
    for n, choice in enumerate(ballots, start=1):
        m, ballot = cast_ballot(
            m,
            RULES,
            voter=ident(n),
            cast_by=ident(2) if n == 1 else ident(n),
            choice=choice,
            election=1,
        )
        if ballot is not None:
            box.append(ballot.choice)
    m = count_election(m, RULES, 1, seed="lot", ballots=box if secret else None)
    return close_meeting(m)


VOTES = st.lists(st.sampled_from(["yes", "no", "abstain"]), max_size=9)
BALLOTS = st.lists(
    st.lists(st.sampled_from(["A", "B", "C"]), max_size=2, unique=True).map(tuple), max_size=9
)
COUNTER = st.lists(st.sampled_from(["proposal", "amendment", "abstain"]), max_size=9)


@settings(max_examples=60, deadline=None)
@given(VOTES, BALLOTS, st.booleans(), COUNTER)
def test_verify_agrees_with_the_live_result(
    votes: list[str], ballots: list[tuple[str, ...]], secret: bool, amendment: list[str]
) -> None:
    m = live_meeting(votes, ballots, secret, amendment)
    for record in (
        m,
        load_meeting(parse_record(dump_meeting(m, "toml"), "toml"), BYLAWS),
        load_meeting(parse_record(dump_meeting(m, "json"), "json"), BYLAWS),
    ):
        assert record == m
        report = verify_meeting(record, BYLAWS)
        assert all(d.agrees for d in report.decisions), report
        assert [d.recounted for d in report.decisions] == [
            m.motion(1).outcome,
            m.election(1).outcome,
        ]
        quorum_breaches = [b for b in report.breaches if b.code == "quorum"]
        assert report.breaches == tuple(quorum_breaches)


def base() -> Meeting:
    return live_meeting(["yes", "yes", "no"], [("A",), ("B", "C"), ("A", "B")], False, [])


def tamper(m: Meeting, **changes: Any) -> Meeting:
    return m.model_copy(update=changes)


def breaches(m: Meeting, by: Bylaws = BYLAWS) -> list[tuple[str, str]]:
    return [(b.code, b.message) for b in verify_meeting(m, by).breaches]


def test_an_untouched_record_has_no_breach() -> None:
    report = verify_meeting(base(), BYLAWS)
    assert report.ok, report.breaches
    assert [d.summary for d in report.decisions] == [
        "adopted (yes 2, no 1, abstain 0)",
        "elected: A, B",
    ]


def test_a_voter_without_a_vote() -> None:
    m = base()
    outsider = Registrant(
        id=ident(99),
        number=99,
        name="Outsider",
        status="resigned",
        joined_on=date(2024, 1, 1),
        left_on=date(2026, 1, 1),
    )
    motion = m.motion(1)
    poll = motion.polls[-1]
    box = poll.box.put(OpenVote(voter=ident(99), choice=("no",)))
    changed = motion.model_copy(update={"polls": (poll.model_copy(update={"box": box}),)})
    m = tamper(
        m, members=(*m.members, outsider), present=(*m.present, ident(99)), motions=(changed,)
    )
    found = breaches(m)
    assert ("vote.no_vote", "Outsider voted without a vote") in found
    assert any(code.startswith("outcome") for code, _ in found)  # the stored count differs


def test_a_proxy_over_its_limit_and_a_wrong_notice() -> None:
    m = base()
    extra = Mandate(principal_id=ident(3), proxy_id=ident(2), proxy_name="M2", dated=DAY)
    m = tamper(m, mandates=(*m.mandates, extra))
    m = m.model_copy(update={"notice": m.notice.model_copy(update={"sent_on": date(2027, 3, 10)})})  # type: ignore[union-attr]
    found = breaches(m)
    assert any(code == "proxy.too_many" and "allow 1" in text for code, text in found)
    assert any(code == "notice.late" and "later than 2027-03-06" in text for code, text in found)


def test_quorum_not_met_but_recorded_as_adopted() -> None:
    m = base()
    m = tamper(m, present=(ident(2),), mandates=())
    # Paper minutes stated "adopted"; with one member present of four, quorum is 1 … met.
    assert not any(code == "quorum" for code, _ in breaches(m))
    strict = parse_bylaws(
        {
            "rules": [
                {
                    "valid_from": date(2024, 1, 1),
                    "voting_rights": {"fee_paid": "none"},
                    "quorum": {"share": "1/2"},
                    "proxies": {"allowed": True},
                }
            ]
        },
        "b",
    )
    found = breaches(m, strict)
    assert any(code == "quorum" for code, _ in found)
    assert any(code == "outcome.differs" and "no_quorum" in text for code, text in found)


def test_a_recorded_roll_that_differs() -> None:
    m = base()
    entries = tuple(
        e.model_copy(update={"votes": False}) if e.number == 3 else e for e in m.roll.entries
    )
    m = tamper(m, roll=m.roll.model_copy(update={"entries": entries}))
    assert ("roll", "M3 has a vote, unlike the recorded röstlängd") in breaches(m)


def test_a_secret_ballot_with_more_ballots_than_voters() -> None:
    m = live_meeting(["yes"], [("A",), ("B",)], True, [])
    election = m.election(1)
    box = BallotBox(
        secret=True,
        choices=(*election.box.choices, ("C",)),
        voted=election.box.voted,
        opened=True,
    )
    m = tamper(m, elections=(election.model_copy(update={"box": box}),))
    assert ("vote.count", "3 ballots but 2 voters") in breaches(m)


def test_a_paper_meeting_entered_by_hand() -> None:
    record = {
        "number": 7,
        "kind": "annual",
        "held_on": DAY,
        "notice": {"sent_on": date(2027, 2, 20), "method": "email"},
        "members": [
            {
                "id": str(ident(n)),
                "number": n,
                "name": f"M{n}",
                "status": "member",
                "joined_on": date(2024, 1, 1),
            }
            for n in (1, 2, 3)
        ],
        "present": [str(ident(1)), str(ident(2)), str(ident(3))],
        "motions": [
            {
                "number": 1,
                "title": "Budget",
                "outcome": "adopted",
                "polls": [
                    {
                        "number": 1,
                        "kind": "final",
                        "box": {
                            "votes": [
                                {"voter": str(ident(1)), "choice": ["yes"]},
                                {"voter": str(ident(2)), "choice": ["no"]},
                                {"voter": str(ident(3)), "choice": ["no"]},
                            ]
                        },
                    }
                ],
            }
        ],
    }
    m = load_meeting(record, BYLAWS)
    report = verify_meeting(m, BYLAWS)
    assert report.decisions[0].recounted == "rejected"
    assert not report.ok
    assert report.breaches[0].message == "recorded as adopted, but the re-count gives rejected"


def test_a_malformed_record_names_the_key() -> None:
    with pytest.raises(ValidationFailed) as caught:
        load_meeting(
            {"number": 1, "kind": "annual", "held_on": DAY, "motions": [{"number": 1}]}, BYLAWS
        )
    assert caught.value.field == "motions[0].title"


def test_findings_and_summaries_render_in_swedish_and_english() -> None:
    report = verify_meeting(base(), BYLAWS)
    assert [d.summary_text("sv") for d in report.decisions] == [
        "bifallet (ja 2, nej 1, avstår 0)",
        "valda: A, B",
    ]
    assert [d.summary_text("en") for d in report.decisions] == [d.summary for d in report.decisions]
    m = tamper(base(), present=(*base().present, ident(98)))
    found = verify_meeting(m, BYLAWS).breaches
    assert [problem_text(b) for b in found] == [b.message for b in found]
    assert [problem_text(b, "en") for b in found] == [b.message for b in found]
    assert [problem_text(b, "sv") for b in found] == [f"{ident(98)} finns inte i medlemsregistret"]
    assert [b.code for b in found] == ["attendance"]


def test_every_verify_template_has_swedish() -> None:
    import ast
    import re
    from pathlib import Path

    from babel.messages.pofile import read_po

    import kooperativ.governance.verify as module

    source = Path(module.__file__).read_text("utf-8")
    templates: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = {"breach": node.args[2:3], "_render": node.args[:1]}.get(node.func.id, [])
            templates |= {a.value for a in args if isinstance(a, ast.Constant)}
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and re.search(r"\{\w+\}", text) and " " in text:
            templates.add(text)
    assert len(templates) > 20
    locales = Path(module.__file__).parent.parent / "i18n" / "locales"
    with (locales / "sv" / "LC_MESSAGES" / "governance.po").open("rb") as handle:
        swedish = {str(m.id): str(m.string) for m in read_po(handle) if m.id}
    missing = sorted(t for t in templates if not swedish.get(t))
    assert not missing, missing

# SPDX-License-Identifier: EUPL-1.2
"""Who may vote for whom, who may see what, and bad input that must not be a traceback
(issues 8, 9 and 10)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Actor, ConflictError, Cooperative, InputError, PermissionDenied
from kooperativ.cli import app
from kooperativ.demo import load_demo
from kooperativ.errors import ConfigError, ValidationFailed
from kooperativ.governance import rules_summary, tally_election
from kooperativ.governance.bylaws import load_bylaws
from kooperativ.governance.tally import Lot
from kooperativ.members.models import Role

NOW = datetime(2027, 3, 20, 9, 0, tzinfo=UTC)
DAY = date(2027, 3, 20)


@pytest.fixture
def coop(tmp_path: Path) -> Iterator[Cooperative]:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, "memory://", clock=lambda: NOW) as opened:
        load_demo(opened, folder / "demo.toml")
        for number in (1, 2, 3, 5):
            opened.governance.pay_fee(
                Actor.admin(), number, year=2027, amount="200", paid_on=date(2027, 1, 15)
            )
        yield opened


def _meeting(coop: Cooperative) -> None:
    g, admin = coop.governance, Actor.admin()
    g.create(admin, kind="annual", held_on=DAY)
    g.officers(admin, 1, chair="Alva Berglund", chair_member=1)
    g.attend(admin, 1, [1, 2, 3])
    g.motion(admin, 1, title="Budget")


def test_a_board_member_cannot_vote_in_a_present_members_name(coop: Cooperative) -> None:
    _meeting(coop)
    alva = coop.actor_for_member(1)  # on the board
    assert Role.BOARD in alva.roles
    with pytest.raises(InputError, match="present and votes themself"):
        coop.governance.vote(alva, 1, motion=1, member=2, choice="yes")
    with pytest.raises(PermissionDenied, match="only a member or the holder of their proxy"):
        coop.governance.vote(Actor.admin(), 1, motion=1, member=2, choice="yes")
    assert coop.governance.get(Actor.admin(), 1).motion(1).next_poll().box.votes == ()


def test_a_paper_vote_is_recorded_as_entered_by_an_officer(coop: Cooperative) -> None:
    _meeting(coop)
    coop.governance.vote(Actor.admin("secretary"), 1, motion=1, member=2, choice="no", paper=True)
    coop.governance.vote(coop.actor_for_member(3), 1, motion=1, choice="yes")
    votes = coop.governance.get(Actor.admin(), 1).motion(1).next_poll().box.votes
    assert [(v.paper, v.entered_by) for v in votes] == [(True, "secretary"), (False, None)]
    g = coop.governance
    with pytest.raises(PermissionDenied):
        g.vote(coop.actor_for_member(3), 1, motion=1, member=1, choice="no", paper=True)


def test_the_casting_vote_is_the_chairs(coop: Cooperative) -> None:
    _meeting(coop)
    g = coop.governance
    g.vote(coop.actor_for_member(1), 1, motion=1, choice="yes")
    g.vote(coop.actor_for_member(2), 1, motion=1, choice="no")
    bruno = coop.actor_for_member(2)  # the treasurer: may count, is not the chair
    with pytest.raises(PermissionDenied, match="belongs to the meeting's chair, Alva Berglund"):
        g.count(bruno, 1, motion=1, chair_vote="no")
    counted = g.count(Actor.admin("secretary"), 1, motion=1, chair_vote="yes")
    poll = counted.motion(1).polls[-1]
    assert (poll.chair_vote, poll.chair_vote_by, poll.chair_vote_entered_by) == (
        "yes",
        "Alva Berglund",
        "secretary",
    )
    decision = counted.motion(1).decision
    assert decision.outcome == "adopted" and decision.explanation is not None
    assert decision.wording("sv") == "Mötet beslutade att bifalla förslaget."
    assert [d.item for d in counted.decisions()] == ["motion 1"]


def test_members_see_general_meetings_only(coop: Cooperative) -> None:
    g, admin = coop.governance, Actor.admin()
    g.create(admin, kind="annual", held_on=DAY)
    g.create(admin, kind="board", held_on=date(2027, 4, 1))
    david = coop.actor_for_member(4)
    assert [m.number for m in g.list(david)] == [1]
    with pytest.raises(PermissionDenied):
        g.get(david, 2)
    assert [m.number for m in g.list(Actor(name="revisor", roles=frozenset({Role.AUDITOR})))] == [
        1,
        2,
    ]
    stranger = Actor(name="stranger", roles=frozenset())
    with pytest.raises(PermissionDenied):
        g.list(stranger)
    with pytest.raises(PermissionDenied):
        g.export(stranger, 1)


def test_bad_governance_input_is_a_clear_error(coop: Cooperative, tmp_path: Path) -> None:
    g, admin = coop.governance, Actor.admin()
    with pytest.raises(InputError, match="not a kind of meeting"):
        g.create(admin, kind="yearly", held_on=DAY)
    g.create(admin, kind="annual", held_on=DAY)
    with pytest.raises(ConflictError, match="second annual meeting in 2027"):
        g.create(admin, kind="annual", held_on=date(2027, 5, 1))
    with pytest.raises(InputError, match="at least one seat"):
        g.election(admin, 1, office="Styrelse", seats=0, candidates=["A"])
    with pytest.raises(ValidationFailed) as caught:
        g.pay_fee(admin, 4, year=1800, amount="200", paid_on=DAY)
    assert caught.value.field == "year"
    (coop.folder / "stadgar.md").write_bytes("# § 7 Rösträtt\nÅrsmöte".encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_bylaws(coop.folder)
    assert any("not UTF-8" in p.message for p in coop.check(DAY))


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"number = [", b"[1, 2]"])
@pytest.mark.parametrize("command", ["verify", "import"])
def test_meeting_files_that_are_not_records(tmp_path: Path, content: bytes, command: str) -> None:
    folder = tmp_path / "demo"
    runner = CliRunner()
    assert runner.invoke(app, ["demo", "--dir", str(folder)]).exit_code == 0
    record = tmp_path / ("record.json" if content.startswith(b"[1") else "record.toml")
    record.write_bytes(content)
    result = runner.invoke(app, ["meeting", command, str(record), "--coop", str(folder)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert str(record) in result.stderr


def test_schulze_returns_its_full_ranking() -> None:
    ballots = [tuple("ABC")] * 3 + [tuple("BCA")] * 2 + [tuple("CAB")] * 2
    result = tally_election("schulze", ballots, list("ABC"), 1, lot=Lot(seed="s"))
    assert result.winners == ("A",) and result.ranking == ("A", "B", "C")
    assert "Fullständig rangordning: A, B, C." in result.explanation.text("sv")


def test_bylaws_summary_is_in_the_library(coop: Cooperative) -> None:
    rules = coop.governance.rules_on(DAY)
    lines = {line.key: line for line in rules_summary(rules, "sv")}
    assert lines["bylaw_amendment"].topic == "stadgeändring"
    assert "minst 2/3 av de avgivna rösterna" in lines["bylaw_amendment"].text
    english = {line.key: line.text for line in rules_summary(rules, "en")}
    assert "at least 2/3 of the votes cast" in english["bylaw_amendment"]

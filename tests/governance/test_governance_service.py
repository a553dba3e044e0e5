# SPDX-License-Identifier: EUPL-1.2
"""GovernanceService on memory, SQLite and PostgreSQL: the example's annual meeting through
the API, permissions, one transaction and one audit event per step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kooperativ import Actor, ConflictError, Cooperative, InputError, PermissionDenied
from kooperativ.demo import load_demo
from kooperativ.governance.meeting import Meeting
from kooperativ.i18n import translator

NOW = datetime(2027, 3, 20, 9, 0, tzinfo=UTC)
DAY = date(2027, 3, 20)


@pytest.fixture
def coop(tmp_path: Path, database_url: str) -> Iterator[Cooperative]:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=lambda: NOW) as opened:
        load_demo(opened, folder / "demo.toml")
        admin = Actor.admin()
        for number in (1, 2, 3, 5):
            opened.governance.pay_fee(
                admin, number, year=2027, amount="200", paid_on=date(2027, 1, 15)
            )
        # The demo holds the fees for 2024–2026 of members 1–4; member 5 pays 2026 here.
        opened.governance.pay_fee(admin, 5, year=2026, amount="200", paid_on=date(2026, 2, 1))
        yield opened


def events(coop: Cooperative) -> int:
    return len(coop.audit.events(Actor.admin()))


def hold_meeting(coop: Cooperative) -> Meeting:
    g, admin = coop.governance, Actor.admin()
    meeting = g.create(admin, kind="annual", held_on=DAY, location="Kulturhuset")
    _, problems = g.notice(admin, meeting.number, sent_on=date(2027, 2, 20), method="email")
    assert problems == []
    g.officers(
        admin,
        1,
        chair="Alva Berglund",
        secretary="Bruno Dahl",
        adjusters=["Cecilia Ek", "David Falk"],
    )
    g.attend(admin, 1, [1, 2, 3, 4])
    g.proxy(admin, 1, principal=5, proxy=3, dated=date(2027, 3, 1))
    g.motion(admin, 1, title="Ansvarsfrihet", text="Beviljas.", item="discharge")
    g.acclaim(admin, 1, 1, "adopted")
    g.motion(admin, 1, title="Verksamhetsplan 2027", text="Planen antas.")
    alva, bruno, cecilia = (coop.actor_for_member(n) for n in (1, 2, 3))
    g.vote(alva, 1, motion=2, choice="yes")
    g.vote(bruno, 1, motion=2, choice="yes")
    g.vote(cecilia, 1, motion=2, choice="no")
    g.vote(cecilia, 1, motion=2, choice="yes", member=5)  # as Elin's proxy
    g.count(admin, 1, motion=2)
    g.election(
        admin,
        1,
        office="Revisor",
        seats=1,
        candidates=["Ulla Revisor", "Per Granskare"],
        secret=True,
        requested_by=2,
    )
    for actor, name in (
        (alva, "Ulla Revisor"),
        (bruno, "Per Granskare"),
        (cecilia, "Ulla Revisor"),
    ):
        g.vote(actor, 1, election=1, choice=[name])
    g.vote(cecilia, 1, election=1, choice=["Per Granskare"], member=5)
    g.count(admin, 1, election=1, seed="2027-03-20 årsmöte val 1")
    g.reserve(cecilia, 1, "motion 2", "Jag röstade nej.")
    return g.close(admin, 1)


def test_the_annual_meeting_through_the_api(coop: Cooperative) -> None:
    before = events(coop)
    meeting = hold_meeting(coop)
    assert meeting.state.value == "closed"
    assert [e.number for e in meeting.roll.voters] == [1, 2, 3, 5]
    assert meeting.motion(2).outcome == "adopted"
    result = meeting.election(1).result
    assert result is not None and result.draws  # 2–2: decided by the recorded lot
    assert meeting.election(1).seed == "2027-03-20 årsmöte val 1"
    assert coop.governance.verify(Actor.admin(), 1).ok
    # One audit event per step, and the chain verifies with the meeting records behind it.
    assert events(coop) - before == 21
    assert coop.audit.verify(Actor.admin()).problems == []
    pdf = coop.governance.minutes(Actor.admin(), 1)
    assert pdf[:5] == b"%PDF-"
    md = coop.governance.minutes(Actor.admin(), 1, lang="en", document_format="md").decode()
    assert "Reservation by Cecilia Ek: Jag röstade nej." in md
    # The stored record survives the backend byte for byte.
    assert coop.governance.get(Actor.admin(), 1) == meeting
    text = coop.governance.export(Actor.admin(), 1, "json")
    with pytest.raises(ConflictError, match="already stored"):
        coop.governance.import_record(Actor.admin(), text, "json")


def test_permissions(coop: Cooperative) -> None:
    admin = Actor.admin()
    david = coop.actor_for_member(4)
    with pytest.raises(PermissionDenied):
        coop.governance.create(david, kind="annual", held_on=DAY)
    coop.governance.create(admin, kind="annual", held_on=DAY)
    coop.governance.attend(admin, 1, [1, 2])
    coop.governance.motion(admin, 1, title="T")
    with pytest.raises(PermissionDenied, match="own attendance"):
        coop.governance.attend(david, 1, [3])
    coop.governance.attend(david, 1, [4])  # a member may record themself
    with pytest.raises(InputError, match="has no vote"):
        coop.governance.vote(david, 1, motion=1, choice="yes")
    with pytest.raises(PermissionDenied):
        coop.governance.count(david, 1, motion=1)
    with pytest.raises(PermissionDenied):
        coop.governance.pay_fee(david, 4, year=2027, amount="200", paid_on=DAY)
    assert coop.governance.fees(david) == [
        f for f in coop.governance.fees(admin) if f.member_id == david.member_id
    ]


def test_a_refused_step_writes_nothing(coop: Cooperative) -> None:
    admin = Actor.admin()
    coop.governance.create(admin, kind="annual", held_on=DAY)
    stored = coop.governance.get(admin, 1)
    count = events(coop)
    with pytest.raises(InputError, match="allow 1"):
        coop.governance.attend(admin, 1, [1, 2])
        coop.governance.proxy(admin, 1, principal=3, proxy=1, dated=DAY)
        coop.governance.proxy(admin, 1, principal=5, proxy=1, dated=DAY)
    assert events(coop) == count + 2
    assert len(coop.governance.get(admin, 1).mandates) == 1
    assert coop.governance.get(admin, 1).id == stored.id


def test_late_fee_payment_before_the_meeting_updates_the_roll(coop: Cooperative) -> None:
    admin = Actor.admin()
    meeting = coop.governance.create(admin, kind="annual", held_on=DAY)
    assert 4 not in [e.number for e in meeting.roll.voters]
    coop.governance.pay_fee(admin, 4, year=2027, amount="200", paid_on=date(2027, 3, 19))
    updated = coop.governance.attend(admin, 1, [4])
    assert 4 in [e.number for e in updated.roll.voters]
    roll = coop.governance.roll(admin, date(2027, 3, 18))
    assert 4 not in [e.number for e in roll.voters]  # not yet paid on the 18th


def test_two_meeting_amendment_through_the_service(coop: Cooperative) -> None:
    admin = Actor.admin()
    g = coop.governance
    for held_on, kind in ((date(2026, 3, 16), "annual"), (date(2026, 11, 10), "extra")):
        m = g.create(admin, kind=kind, held_on=held_on)
        g.attend(admin, m.number, [1, 2, 3])
    g.motion(admin, 1, title="§ 17", text="2/3 at one meeting", decision_type="bylaw_amendment")
    for n, choice in ((1, "yes"), (2, "yes"), (3, "no")):
        g.vote(admin, 1, motion=1, member=n, choice=choice, paper=True)  # a hand count
    assert g.count(admin, 1, motion=1).motion(1).outcome == "first_reading"
    g.motion(
        admin,
        2,
        title="§ 17",
        text="2/3 at one meeting",
        decision_type="bylaw_amendment",
        previous=(1, 1),
    )
    for n, choice in ((1, "yes"), (2, "yes"), (3, "no")):
        g.vote(admin, 2, motion=1, member=n, choice=choice, paper=True)
    assert g.count(admin, 2, motion=1).motion(1).outcome == "adopted"
    report = g.verify(admin, 2)
    assert report.decisions[0].agrees
    assert [b.code for b in report.breaches] == ["notice.missing"]  # no notice was recorded


def test_check_reports_bad_bylaws(coop: Cooperative) -> None:
    assert not [p for p in coop.check(DAY) if "bylaws" in p.where]
    (coop.folder / "bylaws.toml").write_text("[[rules]]\nvalid_from = 2030-01-01\n")
    problems = [p for p in coop.check(DAY) if p.where == "bylaws.toml"]
    assert problems and problems[0].severity == "error" and "2027-03-20" in problems[0].message


def test_check_problems_read_in_swedish(coop: Cooperative) -> None:
    swedish = translator("sv", "problems")
    (coop.folder / "bylaws.toml").write_text("[[rules]]\nvalid_from = 2030-01-01\n")
    (problem,) = [p for p in coop.check(DAY) if p.where == "bylaws.toml"]
    assert problem.message == "no bylaws are in force on 2027-03-20 (periods: 2030-01-01–)"
    assert problem.text(swedish) == (
        "bylaws.toml",
        "inga stadgar gäller den 2027-03-20 (perioder: 2030-01-01–)",
    )
    (coop.folder / "bylaws.toml").unlink()
    (problem,) = [p for p in coop.check(DAY) if p.where == "bylaws.toml"]
    assert problem.severity == "warning"
    assert problem.text(swedish)[1] == "inga stadgar: möten kan inte hållas"

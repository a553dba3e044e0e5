# SPDX-License-Identifier: EUPL-1.2
"""The meetings pages: a meeting's page, votes on a motion and in elections (plurality,
secret, ranked STV), the service's refusals next to the form, and secrecy kept.

Interim kultur's three members (conftest): Tove (1) and Ada (2) have paid their fees
and vote; Bo (3) has not and has no vote. An extra meeting on 27 November 2026 with a
motion, a secret plurality election and a ranked (STV) election.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from starlette.testclient import TestClient

from kooperativ import Actor, Cooperative
from kooperativ.services.governance import GovernanceService

from .conftest import csrf_of, sign_in

ADMIN = Actor.admin()
DAY = date(2026, 11, 27)
RANKED = ["Cilla", "Dan", "Eva"]


def _pay(coop: Cooperative, member: int) -> None:
    """The member's fees for every year since joining (2024)."""
    for year in (2024, 2025, 2026):
        coop.governance.pay_fee(ADMIN, member, year=year, amount="200", paid_on=date(year, 3, 1))


@pytest.fixture
def meeting(coop: Cooperative) -> int:
    g = coop.governance
    for number in (1, 2):
        _pay(coop, number)
    created = g.create(ADMIN, kind="extra", held_on=DAY, title="Höstmöte")
    g.officers(ADMIN, created.number, chair="Tove Kassör")
    g.attend(ADMIN, created.number, [1, 2, 3])
    g.motion(ADMIN, created.number, title="Ny logotyp", text="Föreningen byter logotyp.")
    g.election(
        ADMIN, created.number, office="Revisor", seats=1, candidates=["Ulla", "Per"], secret=True
    )
    return created.number


@pytest.fixture
def ranked(coop: Cooperative, meeting: int) -> int:
    """A second meeting, under bylaws that elect by STV, where all three vote."""
    bylaws = coop.governance.bylaws_file
    bylaws.write_text(bylaws.read_text().replace('method = "block_plurality"', 'method = "stv"'))
    coop.governance = GovernanceService(coop)  # reads the changed bylaws
    g = coop.governance
    _pay(coop, 3)
    created = g.create(ADMIN, kind="extra", held_on=DAY, title="Fyllnadsval")
    g.officers(ADMIN, created.number, chair="Tove Kassör")
    g.attend(ADMIN, created.number, [1, 2, 3])
    g.election(ADMIN, created.number, office="Styrelse", seats=1, candidates=RANKED)
    return created.number


def _vote(client: TestClient, url: str, page: str, data: dict[str, str]) -> Any:
    html = client.get(page).text
    return client.post(url, data={"csrf": csrf_of(html), **data})


def test_signed_out_is_sent_to_sign_in(client: TestClient, meeting: int) -> None:
    for path in ("/meetings", f"/meetings/{meeting}"):
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/sign-in?next=/meetings")


def test_meeting_page_shows_the_voting_right(client: TestClient, meeting: int) -> None:
    sign_in(client)  # Ada
    listing = client.get("/meetings")
    assert listing.status_code == 200 and f'href="/meetings/{meeting}"' in listing.text
    page = client.get(f"/meetings/{meeting}").text
    assert "Du har rösträtt vid mötet." in page
    assert "Ny logotyp" in page and "Revisor" in page
    assert "Sluten omröstning" in page


def test_a_vote_without_csrf_is_refused(
    client: TestClient, coop: Cooperative, meeting: int
) -> None:
    sign_in(client)
    response = client.post(f"/meetings/{meeting}/motions/1/vote", data={"choice": "yes"})
    assert response.status_code == 403
    assert coop.governance.get(ADMIN, meeting).motion(1).next_poll().box.voters == frozenset()


def test_a_member_votes_once(client: TestClient, coop: Cooperative, meeting: int) -> None:
    sign_in(client)
    page = f"/meetings/{meeting}"
    url = f"{page}/motions/1/vote"
    first = _vote(client, url, page, {"choice": "yes"})
    assert first.status_code == 303
    assert first.headers["location"] == f"{page}#motion-1"
    before = coop.governance.get(ADMIN, meeting)
    assert len(before.motion(1).next_poll().box.votes) == 1
    second = _vote(client, url, page, {"choice": "no"})
    assert second.status_code == 409
    assert 'class="problem"' in second.text
    after = coop.governance.get(ADMIN, meeting)
    assert after == before  # nothing written
    assert "Du har röstat." in client.get(page).text


def test_a_member_without_a_vote_is_refused(
    client: TestClient, coop: Cooperative, meeting: int
) -> None:
    sign_in(client, "bo@example.se")
    page = f"/meetings/{meeting}"
    html = client.get(page).text
    assert "Du har inte rösträtt vid mötet:" in html
    assert "obetald medlemsavgift" in html  # the reason, in the röstlängd's words
    before = coop.governance.get(ADMIN, meeting)
    response = _vote(client, f"{page}/motions/1/vote", page, {"choice": "yes"})
    assert response.status_code == 400
    assert 'class="problem"' in response.text
    assert coop.governance.get(ADMIN, meeting) == before


def test_a_ranked_ballot_is_recorded_and_counted(
    client: TestClient, coop: Cooperative, ranked: int
) -> None:
    page = f"/meetings/{ranked}"
    url = f"{page}/elections/1/vote"
    ballots = {
        "ada@example.se": {"rank-2": "1", "rank-1": "2"},  # Eva, Dan
        "tove@example.se": {"rank-1": "1", "rank-0": "2"},  # Dan, Cilla
        "bo@example.se": {"rank-1": "3", "rank-0": ""},  # Dan (a rank is an order only)
    }
    for email, ballot in ballots.items():
        client.cookies.clear()
        sign_in(client, email)
        assert 'name="rank-2"' in client.get(page).text
        assert _vote(client, url, page, ballot).status_code == 303
    recorded = coop.governance.get(ADMIN, ranked).election(1).box
    assert sorted(v.choice for v in recorded.votes) == [("Dan",), ("Dan", "Cilla"), ("Eva", "Dan")]
    # By hand: 3 ballots, 1 seat, Droop quota floor(3 / 2) + 1 = 2; first preferences
    # Dan 2, Eva 1, Cilla 0: Dan reaches the quota in the first stage and is elected.
    counted = coop.governance.count(ADMIN, ranked, election=1, seed="s")
    result = counted.election(1).result
    assert result is not None and result.winners == ("Dan",)
    shown = client.get(page).text
    assert "Beslut:" in shown
    decision = counted.election(1).decision
    assert decision.wording("sv") in shown
    assert decision.explanation is not None
    assert decision.explanation.text("sv").splitlines()[0] in shown.replace("&#39;", "'")


def test_a_bad_rank_is_shown_next_to_the_form(
    client: TestClient, coop: Cooperative, ranked: int
) -> None:
    sign_in(client)
    page = f"/meetings/{ranked}"
    before = coop.governance.get(ADMIN, ranked)
    response = _vote(client, f"{page}/elections/1/vote", page, {"rank-0": "1", "rank-1": "1"})
    assert response.status_code == 400
    assert 'id="problem-election-1"' in response.text
    assert "samma plats" in response.text
    assert coop.governance.get(ADMIN, ranked) == before


def test_a_secret_ballot_has_no_link_to_the_member(
    client: TestClient, coop: Cooperative, meeting: int
) -> None:
    sign_in(client)
    page = f"/meetings/{meeting}"
    response = _vote(client, f"{page}/elections/1/vote", page, {"mark-1": "1"})
    assert response.status_code == 303
    assert "Per" not in response.headers["location"]
    stored = coop.governance.get(ADMIN, meeting)
    box = stored.election(1).box
    assert box.secret and box.votes == () and box.choices == ()
    ada = coop.actor_for_member(2).member_id
    assert [mark.voter for mark in box.voted] == [ada]
    with coop.store.unit_of_work() as uow:
        assert uow.ballot_boxes.count(f"{stored.id}/election 1") == 1
    # Nothing in the audit trail names the choice.
    trail = " ".join(str(e) for e in coop.audit.events(ADMIN))
    assert "Per" not in trail.replace("Person", "")
    counted = coop.governance.count(ADMIN, meeting, election=1, seed="s")
    assert counted.election(1).box.choices == (("Per",),)


#: English words that must not appear on a Swedish meetings page (its visible text).
ENGLISH = re.compile(
    r"\b(Meeting|Meetings|Motion|Motions|Election|Elections|Vote|vote|Yes|No|Abstain|"
    r"Secret|Notice|Agenda|Decision|Seats|Method|annual|open|closed|stv|proxy)\b"
)


def _visible(html: str) -> str:
    text = re.sub(r"<style.*?</style>", " ", html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return text.replace("English", "")


def test_swedish_meeting_pages_have_no_english(
    client: TestClient, coop: Cooperative, meeting: int
) -> None:
    sign_in(client)
    for path in ("/meetings", f"/meetings/{meeting}"):
        text = _visible(client.get(path).text)
        assert not ENGLISH.findall(text), text
    client.get("/language/en")
    assert "Meetings" in client.get("/meetings").text


def test_a_proxy_votes_for_the_principal(
    client: TestClient, coop: Cooperative, ranked: int
) -> None:
    """Bo, absent, gave Tove a written proxy: Tove's page offers to vote for him."""
    g = coop.governance
    created = g.create(ADMIN, kind="extra", held_on=DAY, title="Ombud")
    g.attend(ADMIN, created.number, [1, 2])
    g.proxy(ADMIN, created.number, principal=3, proxy=1, dated=DAY)
    g.motion(ADMIN, created.number, title="Ny logotyp")
    sign_in(client, "tove@example.se")
    page = f"/meetings/{created.number}"
    html = client.get(page).text
    assert "Bo Ek (som ombud)" in html
    url = f"{page}/motions/1/vote"
    assert _vote(client, url, page, {"choice": "no", "for": "3"}).status_code == 303
    votes = g.get(ADMIN, created.number).motion(1).next_poll().box.votes
    bo = coop.actor_for_member(3).member_id
    tove = coop.actor_for_member(1).member_id
    assert [(v.voter, v.cast_by, v.by_proxy, v.choice) for v in votes] == [
        (bo, tove, True, ("no",))
    ]
    # Ada holds no proxy for Bo: refused, nothing written.
    client.cookies.clear()
    sign_in(client)
    refused = _vote(client, url, page, {"choice": "yes", "for": "3"})
    assert refused.status_code == 400 or refused.status_code == 403
    assert len(g.get(ADMIN, created.number).motion(1).next_poll().box.votes) == 1


def test_minutes_once_closed(client: TestClient, coop: Cooperative, meeting: int) -> None:
    sign_in(client)
    pdf = f"/meetings/{meeting}/minutes.pdf"
    assert client.get(pdf).status_code == 404  # not before the meeting is closed
    assert pdf not in client.get(f"/meetings/{meeting}").text
    coop.governance.acclaim(ADMIN, meeting, 1, "adopted")
    tove = coop.actor_for_member(1)
    coop.governance.vote(tove, meeting, election=1, choice=["Ulla"])
    coop.governance.close(ADMIN, meeting)  # counts the election
    closed = coop.governance.get(ADMIN, meeting)
    page = client.get(f"/meetings/{meeting}").text
    assert pdf in page and "<form" not in page.split("</header>")[1]  # no more voting
    for decision in closed.decisions():
        assert decision.wording("sv") in page  # the minutes' words
    response = client.get(pdf)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response.headers["content-type"] == "application/pdf"


def test_bad_forms_are_refused_with_nothing_written(
    client: TestClient, coop: Cooperative, meeting: int
) -> None:
    sign_in(client)
    page = f"/meetings/{meeting}"
    before = coop.governance.get(ADMIN, meeting)
    assert _vote(client, f"{page}/motions/9/vote", page, {"choice": "yes"}).status_code == 404
    assert _vote(client, "/meetings/99/motions/1/vote", page, {"choice": "yes"}).status_code == 404
    for data in (
        {"choice": "kanske"},
        {"choice": "yes", "for": "Bo"},
        {"choice": "yes", "for": "3"},
    ):
        response = _vote(client, f"{page}/motions/1/vote", page, data)
        assert response.status_code in (400, 403)
        assert 'id="problem-motion-1"' in response.text
    assert (
        "medlemsnummer"
        in _vote(client, f"{page}/motions/1/vote", page, {"choice": "yes", "for": "Bo"}).text
    )
    assert coop.governance.get(ADMIN, meeting) == before

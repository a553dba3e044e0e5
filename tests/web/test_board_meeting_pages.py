# SPDX-License-Identifier: EUPL-1.2
"""The board's meeting pages: creating a meeting, the notice by e-mail with each member's
röstlängd entry, officers, attendance, board proposals, elections, counting and closing,
for the board only; bad values next to their field with nothing written.

Interim kultur's three members (conftest): Tove (1, the treasurer: an officer, so the
board's pages are hers), Ada (2) and Bo (3). Tove and Ada have paid their fees and vote;
Bo has not. Bo reads English.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from kooperativ import Actor, Cooperative
from kooperativ.services.governance import GovernanceService

from .conftest import csrf_of, sign_in

ADMIN = Actor.admin()
DAY = date(2027, 3, 20)
TOVE = "tove@example.se"
PERSON_IDS = ("199107049802", "198503129804", "199002149806")


def _pay(coop: Cooperative, member: int) -> None:
    for year in (2024, 2025, 2026, 2027):
        coop.governance.pay_fee(ADMIN, member, year=year, amount="200", paid_on=date(year, 1, 2))


@pytest.fixture
def board(client: TestClient, coop: Cooperative) -> TestClient:
    """Tove signed in; Bo reads English."""
    coop.members.update(ADMIN, 3, language="en")
    sign_in(client, TOVE)
    return client


@pytest.fixture
def meeting(coop: Cooperative) -> int:
    """An extra meeting; Tove and Ada have paid their fees."""
    for number in (1, 2):
        _pay(coop, number)
    return coop.governance.create(ADMIN, kind="extra", held_on=DAY, title="Vårmöte").number


def _post(client: TestClient, page: str, url: str, data: dict[str, str]) -> Any:
    return client.post(url, data={"csrf": csrf_of(client.get(page).text), **data})


def _state(coop: Cooperative) -> Any:
    meetings = coop.governance.list(ADMIN)
    return [m.model_dump() for m in meetings]


def _mails(outbox: Path) -> list[Message]:
    return [message_from_bytes(p.read_bytes()) for p in sorted(outbox.glob("*.eml"))]


def _body(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def _urls(meeting: int) -> list[tuple[str, str]]:
    base = f"/board/meetings/{meeting}"
    gets = ["/board/meetings", base, f"{base}/motions", f"{base}/elections"]
    posts = [
        "/board/meetings/new",
        *(f"{base}/{step}" for step in ("notice", "officers", "attend", "proxy", "close")),
        f"{base}/motions",
        f"{base}/elections",
        *(f"{base}/motions/1/{step}" for step in ("amend", "acclaim", "count", "reserve")),
        *(f"{base}/elections/1/{step}" for step in ("count", "reserve")),
    ]
    return [("GET", u) for u in gets] + [("POST", u) for u in posts]


def test_signed_out_is_sent_to_sign_in(client: TestClient, meeting: int) -> None:
    for method, url in _urls(meeting):
        response = client.request(method, url)
        assert response.status_code == 303, url
        assert response.headers["location"].startswith("/sign-in?next=/board/meetings")


def test_a_member_gets_404_everywhere_and_writes_nothing(
    client: TestClient, coop: Cooperative, meeting: int, outbox: Path
) -> None:
    coop.governance.motion(ADMIN, meeting, title="Ny logotyp")
    coop.governance.election(ADMIN, meeting, office="Revisor", seats=1, candidates=["Ulla"])
    sign_in(client)  # Ada, no role
    token = csrf_of(client.get("/meetings").text)
    before = _state(coop)
    data = {
        "csrf": token, "kind": "annual", "held_on": "2027-04-01", "title": "X",
        "sent_on": "2027-03-01", "chair": "Ada", "present-2": "1", "principal": "3",
        "proxy": "2", "dated": "2027-03-01", "seats": "1", "candidates": "Ada",
        "amendment-1": "Z", "outcome": "adopted", "reserver-motion-1": "2",
    }  # fmt: skip
    for method, url in _urls(meeting):
        response = client.request(method, url, data=data if method == "POST" else None)
        assert response.status_code == 404, url
        assert "Vårmöte" not in response.text
    assert _state(coop) == before
    assert not list(outbox.glob("*.eml"))
    assert 'href="/board/meetings"' not in client.get("/").text


def test_a_form_without_csrf_is_refused(
    board: TestClient, coop: Cooperative, meeting: int, outbox: Path
) -> None:
    before = _state(coop)
    for method, url in _urls(meeting):
        if method == "POST":
            assert board.post(url, data={"title": "X", "sent_on": "2027-03-01"}).status_code == 403
    assert _state(coop) == before
    assert not list(outbox.glob("*.eml"))


def _problem_next_to(html: str, field: str) -> str:
    found = re.search(rf'<p class="problem" role="alert" id="problem-{field}">([^<]*)</p>', html)
    assert found, f"no problem next to {field}"
    assert f'aria-describedby="problem-{field}"' in html
    return found.group(1)


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"kind": "annual", "held_on": "2027-03-20", "title": ""}, "title", "fyllas i"),
        ({"kind": "annual", "held_on": "20 mars", "title": "Årsmöte"}, "held_on", "datum"),
        ({"kind": "fest", "held_on": "2027-03-20", "title": "Årsmöte"}, "kind", "typ av möte"),
    ],
)
def test_bad_new_meeting_is_refused(
    board: TestClient, coop: Cooperative, data: dict[str, str], field: str, words: str
) -> None:
    response = _post(board, "/board/meetings", "/board/meetings/new", data)
    assert response.status_code == 400
    assert words in _problem_next_to(response.text, field)
    assert coop.governance.list(ADMIN) == []


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"title": "", "seats": "1", "candidates": "Ulla"}, "title", "fyllas i"),
        ({"title": "Revisor", "seats": "0", "candidates": "Ulla"}, "seats", "minst en plats"),
        ({"title": "Revisor", "seats": "-2", "candidates": "Ulla"}, "seats", "minst en plats"),
        ({"title": "Revisor", "seats": "två", "candidates": "Ulla"}, "seats", "heltal"),
        ({"title": "Revisor", "seats": "1", "candidates": " \n "}, "candidates", "kandidat"),
        (
            {"title": "Revisor", "seats": "1", "candidates": "Ulla", "method": "schulze"},
            "method",
            "stadgarna",
        ),
    ],
)
def test_bad_election_is_refused(
    board: TestClient,
    coop: Cooperative,
    meeting: int,
    data: dict[str, str],
    field: str,
    words: str,
) -> None:
    page = f"/board/meetings/{meeting}/elections"
    html = board.get(page).text
    assert '<label for="title">' in html and 'id="candidates" name="candidates"' in html
    before = _state(coop)
    response = _post(board, page, page, data)
    assert response.status_code == 400
    assert words in _problem_next_to(response.text, field)
    assert _state(coop) == before


def test_bad_motion_and_steps_are_refused(
    board: TestClient, coop: Cooperative, meeting: int, outbox: Path
) -> None:
    base = f"/board/meetings/{meeting}"
    before = _state(coop)
    response = _post(board, f"{base}/motions", f"{base}/motions", {"title": " ", "text": "x"})
    assert response.status_code == 400
    assert "fyllas i" in _problem_next_to(response.text, "title")
    response = _post(board, f"{base}/motions", f"{base}/motions", {"title": "X", "type": "kupp"})
    assert "typ av beslut" in _problem_next_to(response.text, "type")
    response = _post(board, base, f"{base}/notice", {"sent_on": "i går"})
    assert response.status_code == 400
    assert "datum" in _problem_next_to(response.text, "sent_on")
    response = _post(board, base, f"{base}/proxy", {"principal": "3", "dated": "x"})
    assert "datum" in _problem_next_to(response.text, "dated")
    response = _post(board, base, f"{base}/attend", {})
    assert response.status_code == 400
    assert "närvarande" in _problem_next_to(response.text, "attend")
    assert _state(coop) == before
    assert not list(outbox.glob("*.eml"))
    # A service's refusal is shown next to the form: equal votes, and no casting vote.
    g = coop.governance
    g.officers(ADMIN, meeting, chair="Tove Kassör")
    g.attend(ADMIN, meeting, [1, 2])
    g.motion(ADMIN, meeting, title="Ny logotyp")
    g.vote(coop.actor_for_member(1), meeting, motion=1, choice="yes")
    g.vote(coop.actor_for_member(2), meeting, motion=1, choice="no")
    before = _state(coop)
    response = _post(board, base, f"{base}/motions/1/count", {"chair_vote-1": ""})
    assert response.status_code == 400
    assert "utslagsröst" in _problem_next_to(response.text, "motion-1")
    assert _state(coop) == before
    counted = _post(board, base, f"{base}/motions/1/count", {"chair_vote-1": "yes"})
    assert counted.status_code == 303, re.findall(r'class="problem"[^>]*>([^<]*)', counted.text)
    assert g.get(ADMIN, meeting).motion(1).outcome == "adopted"


def _use_stv(coop: Cooperative) -> None:
    bylaws = coop.governance.bylaws_file
    bylaws.write_text(bylaws.read_text().replace('method = "block_plurality"', 'method = "stv"'))
    coop.governance = GovernanceService(coop)  # reads the changed bylaws


def test_an_annual_meeting_from_the_web(
    board: TestClient, coop: Cooperative, outbox: Path, tmp_path: Path
) -> None:
    _use_stv(coop)
    for number in (1, 2):
        _pay(coop, number)
    # Create.
    listing = board.get("/board/meetings")
    assert listing.status_code == 200 and '<label for="held_on">' in listing.text
    created = _post(
        board,
        "/board/meetings",
        "/board/meetings/new",
        {"kind": "annual", "held_on": "2027-03-20", "title": "Årsmöte 2027", "location": "Ateljén"},
    )
    assert created.status_code == 303
    page = created.headers["location"]
    number = int(page.rsplit("/", 1)[1])
    assert page == f"/board/meetings/{number}"
    html = board.get(page).text
    assert "Årsmöte 2027" in html and "obetald medlemsavgift" in html  # Bo's reason
    # The notice: one mail per member with an address, in their language, their line only.
    sent = _post(board, page, f"{page}/notice", {"sent_on": "2027-02-20"})
    assert sent.status_code == 303 and "sent=3" in sent.headers["location"]
    assert "till 3 medlemmar" in board.get(sent.headers["location"]).text
    mails = {str(m["To"]): m for m in _mails(outbox)}
    assert sorted(mails) == ["ada@example.se", "bo@example.se", TOVE]
    ada, bo = _body(mails["ada@example.se"]), _body(mails["bo@example.se"])
    assert "Du har rösträtt vid mötet." in ada and "Dagordning:" in ada
    assert "Ateljén" in ada and f"/meetings/{number}" in ada
    assert "You have no vote at this meeting, because:" in bo
    assert "membership fee unpaid for" in bo and "Agenda:" in bo
    assert mails["bo@example.se"]["Content-Language"] == "en"
    for text in (ada, bo):
        assert not any(pid in text or pid[2:] in text for pid in PERSON_IDS)
    assert "unpaid" not in ada and "obetald" not in ada
    # Officers and attendance.
    officers = {"chair": "Tove Kassör", "secretary": "Ada Lind", "adjusters": "Bo Ek\nUlla"}
    assert _post(board, page, f"{page}/officers", officers).status_code == 303
    present = {"present-1": "1", "present-2": "1", "present-3": "1"}
    assert _post(board, page, f"{page}/attend", present).status_code == 303
    stored = coop.governance.get(ADMIN, number)
    assert stored.officers.adjusters == ("Bo Ek", "Ulla") and len(stored.present) == 3
    # A board proposal and a secret STV election.
    motions = f"{page}/motions"
    proposal = {"title": "Medlemsavgift 2028", "text": "200 kr.", "type": "ordinary"}
    assert _post(board, motions, motions, proposal).status_code == 303
    elections = f"{page}/elections"
    html = board.get(elections).text
    assert '<option value="stv">' in html and 'id="secret"' in html
    election = {
        "title": "Styrelse", "seats": "1", "method": "stv",
        "candidates": "Cilla\nDan\nEva\n", "secret": "1",
    }  # fmt: skip
    assert _post(board, elections, elections, election).status_code == 303
    stored = coop.governance.get(ADMIN, number)
    assert stored.election(1).box.secret and stored.election(1).candidates == (
        "Cilla",
        "Dan",
        "Eva",
    )
    # The members vote on their own pages.
    member_page = f"/meetings/{number}"
    votes = {
        TOVE: ({"choice": "yes"}, {"rank-1": "1", "rank-0": "2"}),
        "ada@example.se": ({"choice": "yes"}, {"rank-1": "1", "rank-2": "2"}),
    }
    for email, (choice, ballot) in votes.items():
        board.cookies.clear()
        sign_in(board, email)
        assert _post(board, member_page, f"{member_page}/motions/1/vote", choice).status_code == 303
        assert (
            _post(board, member_page, f"{member_page}/elections/1/vote", ballot).status_code == 303
        )
    board.cookies.clear()
    sign_in(board, TOVE)
    assert "2 har röstat." in board.get(page).text
    # Count the motion, the election at closing.
    assert _post(board, page, f"{page}/motions/1/count", {"chair_vote-1": ""}).status_code == 303
    assert "Beslut:" in board.get(page).text
    assert _post(board, page, f"{page}/close", {}).status_code == 303
    closed = coop.governance.get(ADMIN, number)
    assert closed.state.value == "closed"
    result = closed.election(1).result
    assert result is not None and result.winners == ("Dan",)
    html = board.get(page).text
    assert "/minutes.pdf" in html and "<button" not in html.split("</header>")[1].replace(
        'class="link-button"', ""
    )
    pdf = board.get(f"/meetings/{number}/minutes.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Medlemsavgift 2028" in text and "Dan" in text and "Styrelse" in text


#: English words that must not appear on the Swedish board pages (their visible text).
ENGLISH = re.compile(
    r"\b(Meeting|Meetings|Motion|Election|Vote|Notice|Agenda|Chair|Secretary|Present|"
    r"Seats|Method|Title|Record|Close|Send|annual|open|closed|proxy|the|and)\b"
)


def _visible(html: str) -> str:
    text = re.sub(r"<style.*?</style>", " ", html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return text.replace("English", "")


def test_swedish_board_pages_have_no_english(
    board: TestClient, coop: Cooperative, meeting: int
) -> None:
    g = coop.governance
    g.notice(ADMIN, meeting, sent_on=date(2027, 3, 1), method="email")
    g.motion(ADMIN, meeting, title="Ny logotyp")
    g.amend(ADMIN, meeting, 1, "En blå logotyp")
    g.election(ADMIN, meeting, office="Revisor", seats=1, candidates=["Ulla", "Per"])
    g.proxy(ADMIN, meeting, principal=2, proxy=1, dated=date(2027, 3, 1))
    base = f"/board/meetings/{meeting}"
    for path in ("/board/meetings", base, f"{base}/motions", f"{base}/elections"):
        response = board.get(path)
        assert response.status_code == 200
        text = _visible(response.text)
        assert not ENGLISH.findall(text), (path, ENGLISH.findall(text))
    board.get("/language/en")
    assert "New meeting" in board.get("/board/meetings").text


def test_steps_on_a_closed_meeting_or_a_missing_item(
    board: TestClient, coop: Cooperative, meeting: int, outbox: Path
) -> None:
    base = f"/board/meetings/{meeting}"
    coop.governance.motion(ADMIN, meeting, title="Ny logotyp")
    coop.governance.acclaim(ADMIN, meeting, 1, "adopted")
    assert _post(board, base, f"{base}/motions/9/count", {}).status_code == 404
    assert _post(board, base, f"{base}/elections/1/count", {}).status_code == 404
    assert _post(board, base, "/board/meetings/99/close", {}).status_code == 404
    coop.governance.close(ADMIN, meeting)
    before = _state(coop)
    for step, data in (
        ("notice", {"sent_on": "2027-03-01"}),
        ("officers", {"chair": "Ada Lind"}),
        ("close", {}),
    ):
        response = _post(board, base, f"{base}/{step}", data)
        assert response.status_code == 409, step
        shown = re.search(
            rf'class="problem" role="alert" id="problem-{step}">([^<]*)<', response.text
        )
        assert shown and "avslutat" in shown.group(1)  # no form left to describe
    assert _state(coop) == before
    assert not list(outbox.glob("*.eml"))


def test_a_board_meeting_is_noticed_to_those_who_may_read_it(
    coop: Cooperative, meeting: int
) -> None:
    """Only Tove (an officer) reads a board meeting; a mail that cannot go is counted."""
    from email.message import EmailMessage

    from kooperativ.web import create_app

    delivered: list[EmailMessage] = []

    def deliver(message: EmailMessage) -> None:
        if message["To"] == "ada@example.se":
            raise OSError("the mail server is away")
        delivered.append(message)

    with TestClient(create_app(coop, deliver=deliver, secure=False)) as client:
        client.follow_redirects = False
        sign_in(client, TOVE)
        board_meeting = coop.governance.create(ADMIN, kind="board", held_on=DAY).number
        page = f"/board/meetings/{board_meeting}"
        response = _post(client, page, f"{page}/notice", {"sent_on": "2027-03-01"})
        assert response.headers["location"].startswith(f"{page}?sent=1&failed=0")
        assert [m["To"] for m in delivered] == [TOVE]
        page = f"/board/meetings/{meeting}"
        response = _post(client, page, f"{page}/notice", {"sent_on": "2027-03-01"})
        shown = client.get(response.headers["location"]).text
        assert "till 2 medlemmar" in shown and "till 1 medlem kunde inte skickas" in shown

# SPDX-License-Identifier: EUPL-1.2
"""What a member does, through the test client on memory and SQLite: registers an
assignment (planned until the board approves it), reports hours, keeps their details
(their own tax table included), gets their employer's certificate and submits a motion
by the bylaws' deadline. Every bad value is shown next to its field with 400 and nothing
written; a form without its CSRF token is refused; signed out is sent to sign in.

Interim kultur (conftest): Tove (1, treasurer), Ada (2) and Bo (3); Ada's assignment 1
and Bo's assignment 2 (2–20 November 2026) each with a contract; client 1 Stadsteatern;
the clock on 27 November 2026.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from starlette.testclient import TestClient

from kooperativ import Cooperative
from kooperativ.i18n import format_amount, format_day

from .conftest import ADMIN, Clock, csrf_of, sign_in

#: An extra meeting far enough ahead: the last day for motions is 18 December 2026.
MEETING_DAY = date(2027, 1, 15)
LAST_DAY = "2026-12-18"

PAGES = ["/assignments", "/hours", "/profile", "/certificate"]
#: Every form of the work pages, with good values (as Ada).
FORMS: list[tuple[str, dict[str, str]]] = [
    ("/assignments/new", {"client": "1", "description": "Ljusdesign", "start": "2026-12-01",
                          "end": "2026-12-20", "agreed_amount": "12000"}),
    ("/hours/new", {"assignment": "1", "month": "2026-11", "hours": "40", "note": ""}),
    ("/profile", {"email": "ada@example.se", "phone": "070-111 22 33", "street": "Storgatan 1",
                  "postal_code": "111 22", "city": "Stockholm", "bank_account": "",
                  "tax_table": "33", "tax_column": "1"}),
    ("/meetings/1/motions", {"title": "Ny lokal", "text": "Föreningen hyr en lokal."}),
]  # fmt: skip


@pytest.fixture(autouse=True)
def meeting(coop: Cooperative) -> int:
    """An extra meeting on 15 January 2027, open to members' motions until 18 December."""
    return coop.governance.create(
        ADMIN, kind="extra", held_on=MEETING_DAY, title="Vintermöte"
    ).number


def state(coop: Cooperative) -> tuple[Any, ...]:
    """Everything the work pages could write: the audit trail's length, the assignments,
    the hours, Ada's record and the meeting's motions."""
    return (
        len(coop.audit.events(ADMIN)),
        [(a.number, a.status.value) for a in coop.assignments.list(ADMIN)],
        [(h.number, h.hours) for h in coop.employment.list_hours(ADMIN)],
        coop.members.get(ADMIN, 2),
        coop.governance.get(ADMIN, 1).motions,
    )


def problem_of(html: str, field: str) -> str:
    """The problem shown next to ``field``, checked to be tied to the field."""
    found = re.search(rf'<p class="problem" role="alert" id="problem-{field}">([^<]*)</p>', html)
    assert found, html
    described = re.search(rf'<(?:input|select|textarea) id="{field}" [^>]*>', html)
    assert described, f"no field {field}"
    assert f"problem-{field}" in described.group(0), described.group(0)
    return found.group(1)


def post(client: TestClient, page: str, path: str, data: dict[str, str]) -> Any:
    return client.post(path, data={**data, "csrf": csrf_of(client.get(page).text)})


# -- signed out, CSRF, other members' records -----------------------------------------------


@pytest.mark.parametrize("path", [*PAGES, "/certificate.pdf?from=2026-01-01&to=2026-11-30"])
def test_signed_out_is_sent_to_sign_in(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == f"/sign-in?next={path.split('?')[0]}"


@pytest.mark.parametrize(("path", "fields"), FORMS)
def test_a_signed_out_form_is_sent_to_sign_in_and_writes_nothing(
    client: TestClient, coop: Cooperative, path: str, fields: dict[str, str]
) -> None:
    before = state(coop)
    response = client.post(path, data=fields)
    assert response.status_code == 303 and response.headers["location"].startswith("/sign-in")
    assert state(coop) == before


@pytest.mark.parametrize(("path", "fields"), FORMS)
def test_a_form_without_its_csrf_token_is_refused(
    client: TestClient, coop: Cooperative, path: str, fields: dict[str, str]
) -> None:
    sign_in(client)
    before = state(coop)
    for data in (fields, {**fields, "csrf": "0" * 64}):
        assert client.post(path, data=data).status_code == 403
    assert state(coop) == before


def test_another_members_assignment_is_refused_like_none_at_all(
    client: TestClient, coop: Cooperative
) -> None:
    sign_in(client)
    before = state(coop)
    answers = []
    for number in ("2", "99"):  # Bo's, and none
        fields = {"assignment": number, "month": "2026-11", "hours": "10", "note": ""}
        response = post(client, "/hours", "/hours/new", fields)
        assert response.status_code == 400
        answers.append(problem_of(response.text, "assignment").replace(number, "N"))
        assert "Bo" not in response.text.split("<main>")[1]
    assert answers[0] == answers[1]
    assert state(coop) == before


def test_a_motion_to_a_meeting_a_member_may_not_read_is_not_found(
    client: TestClient, coop: Cooperative
) -> None:
    board = coop.governance.create(ADMIN, kind="board", held_on=MEETING_DAY, title="Styrelsen")
    sign_in(client)
    before = state(coop)
    for number in (board.number, 99):
        token = csrf_of(client.get("/meetings/1").text)
        response = client.post(
            f"/meetings/{number}/motions", data={"title": "T", "text": "", "csrf": token}
        )
        assert response.status_code == 404
        assert "Styrelsen" not in response.text
    assert state(coop) == before
    assert coop.governance.get(ADMIN, board.number).motions == ()


# -- assignments ----------------------------------------------------------------------------


def test_a_member_registers_an_assignment_that_waits_for_the_board(
    client: TestClient, coop: Cooperative
) -> None:
    sign_in(client)
    page = client.get("/assignments")
    assert page.status_code == 200
    assert '<select id="client" name="client"' in page.text and "Stadsteatern (1)" in page.text
    for field in ("client", "description", "start", "end", "agreed_amount"):
        assert f'<label for="{field}">' in page.text and f'id="{field}" name="{field}"' in page.text
    response = post(client, "/assignments", "/assignments/new", dict(FORMS[0][1]))
    assert response.status_code == 303 and response.headers["location"] == "/assignments"
    new = coop.assignments.list(ADMIN, member=2)[-1]
    assert (new.description, new.start, new.end, new.agreed_amount, new.status.value) == (
        "Ljusdesign", date(2026, 12, 1), date(2026, 12, 20), Decimal("12000.00"), "planned"
    )  # fmt: skip
    assert coop.clients.get(ADMIN, new.client_id).number == 1
    listing = client.get("/assignments").text
    assert "Ljusdesign" in listing and "planerat" in listing
    assert format_amount(Decimal("12000"), "sv") in listing


ASSIGNMENT = dict(FORMS[0][1])


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"client": ""}, "client", "krävs"),
        ({"client": "Stadsteatern"}, "client", "inget tal"),
        ({"client": "99"}, "client", "ingen uppdragsgivare 99"),
        ({"description": "  "}, "description", "krävs"),
        ({"start": ""}, "start", "krävs"),
        ({"start": "2026-13-01"}, "start", "inget datum"),
        ({"end": "igår"}, "end", "inget datum"),
        ({"end": "2026-11-30"}, "end", "före"),
        ({"agreed_amount": ""}, "agreed_amount", "krävs"),
        ({"agreed_amount": "-5"}, "agreed_amount", "negativ"),
        ({"agreed_amount": "0"}, "agreed_amount", "noll"),
        ({"agreed_amount": "mycket"}, "agreed_amount", "belopp"),
        ({"agreed_amount": "1000000000"}, "agreed_amount", "orimligt"),
    ],
)
def test_a_bad_assignment_is_shown_next_to_its_field_and_writes_nothing(
    client: TestClient, coop: Cooperative, changes: dict[str, str], field: str, words: str
) -> None:
    sign_in(client)
    before = state(coop)
    response = post(client, "/assignments", "/assignments/new", {**ASSIGNMENT, **changes})
    assert response.status_code == 400, response.text
    assert words in problem_of(response.text, field)
    assert state(coop) == before


# -- hours ----------------------------------------------------------------------------------


def test_a_member_reports_hours_and_home_stops_asking(
    client: TestClient, coop: Cooperative
) -> None:
    sign_in(client)
    home = client.get("/").text
    assert "Timmar att rapportera för 2026-11 på uppdrag 1" in home
    page = client.get("/hours")
    assert page.status_code == 200 and "Uppdrag 1: Scenografi" in page.text
    assert 'value="2"' not in page.text.split('id="assignment"')[1].split("</select>")[0]
    fields = {"assignment": "1", "month": "2026-11", "hours": "37,5", "note": "Bygget"}
    response = post(client, "/hours", "/hours/new", fields)
    assert response.status_code == 303 and response.headers["location"] == "/hours"
    (report,) = coop.employment.list_hours(ADMIN, member=2)
    assert (report.month, report.hours, report.note, report.confirmed) == (
        date(2026, 11, 1), Decimal("37.5"), "Bygget", False
    )  # fmt: skip
    listing = client.get("/hours").text
    assert "2026-11" in listing and '<td class="num">37,5</td>' in listing and "Inte än" in listing
    assert "Timmar att rapportera för 2026-11" not in client.get("/").text


HOURS = {"assignment": "1", "month": "2026-11", "hours": "40", "note": ""}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"assignment": ""}, "assignment", "krävs"),
        ({"assignment": "ett"}, "assignment", "inget tal"),
        ({"assignment": "99"}, "assignment", "inget uppdrag 99"),
        ({"month": ""}, "month", "krävs"),
        ({"month": "2026-13"}, "month", "ingen månad"),
        ({"month": "november"}, "month", "ingen månad"),
        ({"month": "2027-05"}, "month", "anställningsavtal"),
        ({"hours": ""}, "hours", "krävs"),
        ({"hours": "-1"}, "hours", "mer än 0"),
        ({"hours": "0"}, "hours", "mer än 0"),
        ({"hours": "många"}, "hours", "tal"),
        ({"hours": "1000"}, "hours", "ryms inte"),
    ],
)
def test_bad_hours_are_shown_next_to_their_field_and_write_nothing(
    client: TestClient, coop: Cooperative, changes: dict[str, str], field: str, words: str
) -> None:
    sign_in(client)
    before = state(coop)
    response = post(client, "/hours", "/hours/new", {**HOURS, **changes})
    assert response.status_code == 400, response.text
    assert words in problem_of(response.text, field)
    assert state(coop) == before


# -- profile --------------------------------------------------------------------------------


def test_a_member_updates_their_details_and_tax_table(
    client: TestClient, coop: Cooperative
) -> None:
    sign_in(client)
    page = client.get("/profile")
    assert page.status_code == 200
    assert "1234563" not in page.text  # the bank account only masked
    assert "5001-*****63" in page.text and 'id="bank_account" name="bank_account"' in page.text
    for field in ("email", "phone", "street", "postal_code", "city", "tax_table", "tax_column"):
        assert f'<label for="{field}">' in page.text
    events = len(coop.audit.events(ADMIN))
    fields = {**FORMS[2][1], "bank_account": "8327-9, 123 456 789-7"}
    response = post(client, "/profile", "/profile", fields)
    assert response.status_code == 303, response.text
    ada = coop.members.get(ADMIN, 2)
    assert ada.phone == "070-111 22 33" and ada.address is not None
    assert (ada.address.street, ada.address.postal_code, ada.address.city) == (
        "Storgatan 1", "111 22", "Stockholm"
    )  # fmt: skip
    assert ada.tax.mode == "table:33:1" and ada.bank_account != "5001-1234563"
    assert len(coop.audit.events(ADMIN)) == events + 1  # one transaction, one event
    event = coop.audit.events(ADMIN)[-1]
    assert event.action == "member.update" and event.actor == "Ada Lind"
    saved = client.get(response.headers["location"]).text
    assert "Dina uppgifter är sparade" in saved and "Skattetabell 33, kolumn 1" in saved
    # An empty bank account field keeps the account; the same values write nothing.
    assert post(client, "/profile", "/profile", dict(FORMS[2][1])).status_code == 303
    assert coop.members.get(ADMIN, 2) == ada
    assert len(coop.audit.events(ADMIN)) == events + 1


def test_a_tax_mode_the_board_set_stays(client: TestClient, coop: Cooperative) -> None:
    coop.members.update(ADMIN, 2, tax_mode="sink")
    sign_in(client)
    page = client.get("/profile").text
    assert 'id="tax_table"' not in page and "styrelsen" in page and "SINK" in page
    assert post(client, "/profile", "/profile", {**FORMS[2][1], "tax_table": "", "tax_column": ""})
    assert coop.members.get(ADMIN, 2).tax.mode == "sink"


PROFILE = dict(FORMS[2][1])


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"email": "ada@"}, "email", "inte giltig"),
        ({"email": ""}, "email", "ange en e-postadress"),
        ({"street": ""}, "street", "krävs"),
        ({"postal_code": ""}, "postal_code", "krävs"),
        ({"city": ""}, "city", "krävs"),
        ({"bank_account": "abc"}, "bank_account", "clearingnummer"),
        ({"bank_account": "5001-1234564"}, "bank_account", "5001-1234564"),
        ({"tax_table": "99"}, "tax_table", "tabell 99 finns inte"),
        ({"tax_table": "trettio"}, "tax_table", "inget tal"),
        ({"tax_table": ""}, "tax_table", "krävs"),
        ({"tax_column": "9"}, "tax_column", "kolumn 9 finns inte"),
        ({"tax_column": ""}, "tax_column", "krävs"),
    ],
)
def test_bad_details_are_shown_next_to_their_field_and_write_nothing(
    client: TestClient, coop: Cooperative, changes: dict[str, str], field: str, words: str
) -> None:
    sign_in(client)
    before = state(coop)
    response = post(client, "/profile", "/profile", {**PROFILE, **changes})
    assert response.status_code == 400, response.text
    assert words in problem_of(response.text, field)
    assert state(coop) == before


# -- the employer's certificate -------------------------------------------------------------


def test_a_member_downloads_their_certificate(client: TestClient) -> None:
    sign_in(client)
    page = client.get("/certificate")
    assert page.status_code == 200
    assert '<form method="get" action="/certificate.pdf">' in page.text
    assert '<label for="from">' in page.text and '<label for="to">' in page.text
    response = client.get("/certificate.pdf?from=2026-01-01&to=2026-11-30")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("from=&to=2026-11-30", "from", "krävs"),
        ("from=2026-13-01&to=2026-11-30", "from", "inget datum"),
        ("from=2026-01-01&to=snart", "to", "inget datum"),
        ("from=2026-11-30&to=2026-01-01", "to", "före"),
        ("to=2026-11-30", "from", "krävs"),
    ],
)
def test_bad_certificate_dates_are_a_400_with_the_message(
    client: TestClient, query: str, field: str, words: str
) -> None:
    sign_in(client)
    response = client.get(f"/certificate.pdf?{query}")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert words in problem_of(response.text, field)


# -- a member's motion ----------------------------------------------------------------------


def test_a_member_submits_a_motion_before_the_deadline(
    client: TestClient, coop: Cooperative, meeting: int
) -> None:
    sign_in(client)
    page = client.get(f"/meetings/{meeting}").text
    assert f'action="/meetings/{meeting}/motions"' in page
    assert format_day(date.fromisoformat(LAST_DAY), "sv") in page
    assert '<label for="title">' in page and '<label for="text">' in page
    response = post(client, f"/meetings/{meeting}", f"/meetings/{meeting}/motions", FORMS[3][1])
    assert response.status_code == 303, response.text
    (motion,) = coop.governance.get(ADMIN, meeting).motions
    assert (motion.title, motion.text, motion.proposer, motion.by_board) == (
        "Ny lokal", "Föreningen hyr en lokal.", "Ada Lind", False
    )  # fmt: skip
    assert motion.submitted_on == date(2026, 11, 27)
    assert "Ny lokal" in client.get(f"/meetings/{meeting}").text


def test_a_motion_without_a_title_is_shown_next_to_it(
    client: TestClient, coop: Cooperative, meeting: int
) -> None:
    sign_in(client)
    before = state(coop)
    response = post(
        client, f"/meetings/{meeting}", f"/meetings/{meeting}/motions", {"title": " ", "text": "T"}
    )
    assert response.status_code == 400
    assert "krävs" in problem_of(response.text, "title")
    assert ">T</textarea>" in response.text  # what was typed is kept
    assert state(coop) == before


def test_after_the_deadline_the_form_is_gone_and_a_motion_refused(
    client: TestClient, coop: Cooperative, clock: Clock, meeting: int
) -> None:
    clock.advance(days=22)  # 19 December: the day after the last day
    sign_in(client)
    page = client.get(f"/meetings/{meeting}").text
    token = csrf_of(page)
    assert f'action="/meetings/{meeting}/motions"' not in page
    before = state(coop)
    response = client.post(f"/meetings/{meeting}/motions", data={**FORMS[3][1], "csrf": token})
    assert response.status_code == 409
    problem = re.search(r'<p class="problem" role="alert" id="problem-title">([^<]*)</p>',
                        response.text)  # fmt: skip
    assert problem and LAST_DAY in problem.group(1) and "28" in problem.group(1)
    assert state(coop) == before


# -- language -------------------------------------------------------------------------------

ENGLISH = re.compile(
    r"\b(My|Assignments?|Hours|Report|Register|Client|Description|Amount|Month|"
    r"Confirmed|Details|Save|Street|City|Postal|Bank|Tax|Table|Column|Certificate|"
    r"Download|From|Submit|Motion|Title|proposal|planned|active|Yes|Not yet|required)\b"
)


@pytest.mark.parametrize("path", [*PAGES, "/", "/meetings/1"])
def test_swedish_pages_have_no_english(client: TestClient, coop: Cooperative, path: str) -> None:
    coop.assignments.add(
        ADMIN, member=2, client=1, description="Ljus", start=date(2026, 12, 1),
        end=date(2026, 12, 5), agreed_amount="1000", status="planned",
    )  # fmt: skip
    coop.employment.add_hours(ADMIN, assignment=1, month=date(2026, 11, 1), hours="10")
    sign_in(client)
    response = client.get(path)
    assert response.status_code == 200
    visible = re.sub(r"<[^>]+>", " ", response.text.split("<body>")[1]).replace("English", "")
    assert not ENGLISH.findall(visible), ENGLISH.findall(visible)


def test_english_pages_are_english(client: TestClient) -> None:
    client.cookies.set("kooperativ_lang", "en")
    sign_in(client)
    assert "Register an assignment" in client.get("/assignments").text
    assert "Report hours" in client.get("/hours").text
    page = client.get("/profile").text
    assert "Save my details" in page and "Spara" not in page

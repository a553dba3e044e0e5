# SPDX-License-Identifier: EUPL-1.2
"""The members' web app through Starlette's test client, on memory and SQLite: every
route signed out and signed in, CSRF, another member's records by URL, sign-in by
password and by one-time link, the rate limit, signing out, and Swedish pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from kooperativ import Cooperative
from kooperativ.services.access import FAILURE_MINUTES, MAX_FAILURES
from kooperativ.web import create_app
from kooperativ.web.app import SESSION_COOKIE

from .conftest import PASSWORD, Clock, csrf_of, link_in_outbox, sign_in

#: Every page that shows a member's data (Ada's, for the URLs that name a record).
MEMBER_PAGES = ["/", "/account", "/payslips", "/payslips/1/2.pdf", "/contracts", "/contracts/1.pdf"]
#: Every form: (path, fields besides the CSRF token).
FORMS: list[tuple[str, dict[str, str]]] = [
    ("/sign-in", {"email": "ada@example.se", "password": PASSWORD}),
    ("/sign-in/link", {"email": "ada@example.se"}),
    ("/sign-out", {}),
    ("/contracts/1/sign", {"password": PASSWORD}),
]


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_signed_out_is_sent_to_sign_in(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == f"/sign-in?next={path}"
    assert "Ada" not in response.text


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_every_member_page_answers_a_signed_in_member(client: TestClient, path: str) -> None:
    sign_in(client)
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    if path.endswith(".pdf"):
        assert response.content.startswith(b"%PDF")
        assert response.headers["content-type"] == "application/pdf"
    else:
        assert '<html lang="sv">' in response.text
        assert "Interim kultur" in response.text


@pytest.mark.parametrize(("path", "fields"), FORMS)
def test_a_form_without_its_csrf_token_is_refused(
    client: TestClient, path: str, fields: dict[str, str], outbox: Path
) -> None:
    sign_in(client)
    for data in (fields, {**fields, "csrf": "0" * 64}):
        response = client.post(path, data=data)
        assert response.status_code == 403
    # Nothing happened: no link sent, nothing signed, still signed in.
    assert not list(outbox.glob("*.eml"))
    assert "Skriv under avtal 1" in client.get("/contracts").text
    assert client.get("/").status_code == 200


def test_a_sign_in_link_form_without_csrf_is_refused(client: TestClient) -> None:
    client.cookies.clear()
    response = client.post("/sign-in/link/whatever", data={})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "path", ["/payslips/1/3.pdf", "/contracts/2.pdf", "/payslips/9/2.pdf", "/contracts/99.pdf"]
)
def test_another_members_record_by_url_is_not_found_and_shows_nothing(
    client: TestClient, path: str
) -> None:
    sign_in(client)  # Ada; Bo is member 3 with contract 2
    response = client.get(path)
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")
    assert "Bo Ek" not in response.text and "Ek" not in response.text.split("<main>")[1]


def test_pages_show_the_members_own_data_only(client: TestClient) -> None:
    sign_in(client)
    payslips = client.get("/payslips").text
    assert "/payslips/1/2.pdf" in payslips
    assert "/payslips/1/3.pdf" not in payslips
    contracts = client.get("/contracts").text
    assert "/contracts/1.pdf" in contracts and "/contracts/2.pdf" not in contracts
    home = client.get("/").text
    assert "Välkommen, Ada Lind" in home
    assert "Avtal 1 att skriva under" in home  # Ada has not signed her contract


def test_the_payslip_pdf_is_the_services_own(client: TestClient, coop: Cooperative) -> None:
    sign_in(client)
    expected = coop.payroll_runs.payslip_pdf(coop.actor_for_member(2), 1, 2, lang="sv")
    got = client.get("/payslips/1/2.pdf").content
    assert len(got) == pytest.approx(len(expected), rel=0.02)  # same document (own timestamps)


def test_a_wrong_password_is_refused_and_guessing_is_rate_limited(
    client: TestClient, clock: Clock
) -> None:
    token = csrf_of(client.get("/sign-in").text)

    def attempt(password: str) -> Any:
        return client.post(
            "/sign-in", data={"email": "ada@example.se", "password": password, "csrf": token}
        )

    for _ in range(MAX_FAILURES):
        refused = attempt("fel lösenord")
        assert refused.status_code == 401
        assert "fel e-postadress eller lösenord" in refused.text
        assert SESSION_COOKIE not in refused.cookies
    locked = attempt(PASSWORD)  # the right password, but too many attempts
    assert locked.status_code == 401
    assert "för många försök" in locked.text
    clock.advance(minutes=FAILURE_MINUTES)
    assert attempt(PASSWORD).status_code == 303


def test_an_unknown_address_is_refused_like_a_wrong_password(client: TestClient) -> None:
    token = csrf_of(client.get("/sign-in").text)
    response = client.post(
        "/sign-in", data={"email": "nobody@example.se", "password": PASSWORD, "csrf": token}
    )
    assert response.status_code == 401
    assert "fel e-postadress eller lösenord" in response.text


def test_sign_in_by_one_time_link(client: TestClient, outbox: Path, clock: Clock) -> None:
    token = csrf_of(client.get("/sign-in").text)
    sent = client.post("/sign-in/link", data={"email": "ada@example.se", "csrf": token})
    assert sent.status_code == 200
    assert "Titta i din e-post" in sent.text
    link = link_in_outbox(outbox)
    page = client.get(link)  # opening the link uses nothing (mail scanners open links)
    assert page.status_code == 200
    used = client.post(link, data={"csrf": csrf_of(page.text)})
    assert used.status_code == 303
    assert client.get("/").status_code == 200
    assert "Ada Lind" in client.get("/").text
    # The link works once.
    client.cookies.clear()
    page = client.get(link)
    again = client.post(link, data={"csrf": csrf_of(page.text)})
    assert again.status_code == 401
    assert "länken gäller inte längre" in again.text


def test_a_link_expires(client: TestClient, outbox: Path, clock: Clock) -> None:
    token = csrf_of(client.get("/sign-in").text)
    client.post("/sign-in/link", data={"email": "ada@example.se", "csrf": token})
    link = link_in_outbox(outbox)
    clock.advance(minutes=16)
    page = client.get(link)
    assert client.post(link, data={"csrf": csrf_of(page.text)}).status_code == 401


def test_no_link_to_an_unknown_address_and_the_same_answer(
    client: TestClient, outbox: Path
) -> None:
    token = csrf_of(client.get("/sign-in").text)
    answer = client.post("/sign-in/link", data={"email": "nobody@example.se", "csrf": token})
    assert answer.status_code == 200
    assert "Titta i din e-post" in answer.text
    assert not outbox.exists() or not list(outbox.glob("*.eml"))


def test_sign_out_revokes_the_session(client: TestClient) -> None:
    sign_in(client)
    cookie = client.cookies[SESSION_COOKIE]
    token = csrf_of(client.get("/").text)
    out = client.post("/sign-out", data={"csrf": token})
    assert out.status_code == 303
    # The old cookie, sent again, signs no one in: the session is revoked in the store.
    client.cookies.set(SESSION_COOKIE, cookie)
    assert client.get("/").status_code == 303


def test_a_session_expires(client: TestClient, clock: Clock) -> None:
    sign_in(client)
    clock.advance(hours=13)
    assert client.get("/").status_code == 303


def test_sessions_live_in_the_store(coop: Cooperative, client: TestClient, outbox: Path) -> None:
    sign_in(client)
    cookie = client.cookies[SESSION_COOKIE]
    other = TestClient(create_app(coop, outbox=outbox, secure=False), follow_redirects=False)
    other.cookies.set(SESSION_COOKIE, cookie)
    assert other.get("/").status_code == 200  # another process, the same session


def test_cookies_are_httponly_samesite_and_secure(coop: Cooperative, outbox: Path) -> None:
    secure = TestClient(
        create_app(coop, outbox=outbox), base_url="https://testserver", follow_redirects=False
    )
    token = csrf_of(secure.get("/sign-in").text)
    response = secure.post(
        "/sign-in", data={"email": "ada@example.se", "password": PASSWORD, "csrf": token}
    )
    header = next(
        h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE)
    )
    assert "HttpOnly" in header and "Secure" in header and "SameSite=lax" in header


def test_the_audit_trail_verifies_after_signing_in_and_out(
    coop: Cooperative, client: TestClient, outbox: Path
) -> None:
    token = csrf_of(client.get("/sign-in").text)
    client.post("/sign-in", data={"email": "ada@example.se", "password": "nej", "csrf": token})
    sign_in(client)
    client.post("/sign-out", data={"csrf": csrf_of(client.get("/").text)})
    from kooperativ import Actor

    assert coop.audit.verify(Actor.admin()).problems == []


#: English words that must not appear on a Swedish page (its visible text).
ENGLISH = re.compile(
    r"\b(Sign|Home|account|payslips?|contracts?|balance|Password|Welcome|Nothing|needs|"
    r"Send|link|Paid|Date|Amount|yes|no|Not found)\b"
)


def _visible(html: str) -> str:
    text = re.sub(r"<style.*?</style>", " ", html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return text.replace("English", "")  # the language switch names its language


@pytest.mark.parametrize("path", ["/", "/account", "/payslips", "/contracts", "/nowhere"])
def test_swedish_pages_have_no_english(client: TestClient, path: str) -> None:
    signed_out = _visible(client.get("/sign-in").text)
    assert not ENGLISH.findall(signed_out), signed_out
    sign_in(client)
    response = client.get(path, follow_redirects=True)
    text = _visible(response.text)
    assert not ENGLISH.findall(text), text


def test_english_is_a_click_away(client: TestClient) -> None:
    sign_in(client)
    switched = client.get("/language/en?next=/payslips")
    assert switched.status_code == 303 and switched.headers["location"] == "/payslips"
    page = client.get("/payslips").text
    assert '<html lang="en">' in page and "My payslips" in page


def test_sign_in_only_redirects_within_the_site(client: TestClient) -> None:
    token = csrf_of(client.get("/sign-in").text)
    response = client.post(
        "/sign-in",
        data={"email": "ada@example.se", "password": PASSWORD, "csrf": token,
              "next": "//evil.example/"},
    )  # fmt: skip
    assert response.headers["location"] == "/"


def test_a_member_signs_her_contract_after_confirming_her_password(
    client: TestClient, coop: Cooperative
) -> None:
    sign_in(client)
    page = client.get("/contracts").text
    assert "Skriv under avtal 1" in page and "Skriv under avtal 2" not in page
    wrong = client.post("/contracts/1/sign", data={"csrf": csrf_of(page), "password": "nej"})
    assert wrong.status_code == 401 and "fel e-postadress eller lösenord" in wrong.text
    assert coop.contracts.get(coop.actor_for_member(2), 1).signed_by_employee is None
    empty = client.post("/contracts/1/sign", data={"csrf": csrf_of(page), "password": ""})
    assert empty.status_code == 401 and "bekräfta med ditt lösenord" in empty.text
    signed = client.post("/contracts/1/sign", data={"csrf": csrf_of(page), "password": PASSWORD})
    assert signed.status_code == 303
    contract = coop.contracts.get(coop.actor_for_member(2), 1)
    assert contract.signed_by_employee is not None
    assert "Skriv under avtal 1" not in client.get("/contracts").text
    # November's hours are still to report (the home page asks for them), then nothing.
    assert "Timmar att rapportera för 2026-11" in client.get("/").text
    coop.employment.add_hours(
        coop.actor_for_member(2), assignment=1, month=contract.start.replace(day=1), hours="8"
    )
    assert "Inget väntar på dig just nu." in client.get("/").text


def test_another_members_contract_cannot_be_signed(client: TestClient, coop: Cooperative) -> None:
    sign_in(client)
    token = csrf_of(client.get("/contracts").text)
    response = client.post("/contracts/2/sign", data={"csrf": token, "password": PASSWORD})
    assert response.status_code == 404
    assert coop.contracts.get(coop.actor_for_member(3), 2).signed_by_employee is None


def test_a_fresh_sign_in_by_link_is_enough_to_sign(
    client: TestClient, coop: Cooperative, outbox: Path, clock: Clock
) -> None:
    token = csrf_of(client.get("/sign-in").text)
    client.post("/sign-in/link", data={"email": "ada@example.se", "csrf": token})
    link = link_in_outbox(outbox)
    client.post(link, data={"csrf": csrf_of(client.get(link).text)})
    clock.advance(minutes=11)
    page = client.get("/contracts").text
    late = client.post("/contracts/1/sign", data={"csrf": csrf_of(page)})
    assert late.status_code == 401
    clock.advance(minutes=-2)
    assert client.post("/contracts/1/sign", data={"csrf": csrf_of(page)}).status_code == 303
    assert coop.contracts.get(coop.actor_for_member(2), 1).signed_by_employee is not None


def test_home_lists_the_meetings_in_progress(client: TestClient, coop: Cooperative) -> None:
    from datetime import date

    from kooperativ import Actor

    coop.governance.create(
        Actor.admin(), kind="annual", held_on=date(2026, 12, 10), title="Årsmöte 2026"
    )
    sign_in(client)
    home = client.get("/").text
    assert "Pågående möten" in home and "Möte 1, 10 dec. 2026: Årsmöte 2026" in home
    assert 'href="/meetings/1"' in home  # the meeting's own page

# SPDX-License-Identifier: EUPL-1.2
"""The web app on PostgreSQL, served by two app instances over one database (two workers).

The rest of ``tests/web`` runs on memory and SQLite; this file runs the steps that depend
on the store on PostgreSQL (a schema of its own, dropped after each test): signing in by
password and by link, a session opened through one instance used and ended through the
other, another member's records refused, CSRF, and one member's two simultaneous votes
from two instances counted once. Without ``KOOPERATIV_TEST_DATABASE_URL`` the tests are
skipped (and fail in CI, where ``KOOPERATIV_REQUIRE_POSTGRES`` is set).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from kooperativ import Actor, Cooperative
from kooperativ.web import create_app
from kooperativ.web.app import SESSION_COOKIE

from .conftest import Clock, csrf_of, link_in_outbox, populate, sign_in

pytestmark = pytest.mark.postgres

ADMIN = Actor.admin()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Cooperative.init(tmp_path / "coop", "interim_kultur")


@pytest.fixture
def coops(
    folder: Path, postgres_schema_url: str, clock: Clock
) -> Iterator[tuple[Cooperative, Cooperative]]:
    """Two cooperatives open on the same PostgreSQL schema (as two workers open it)."""
    with Cooperative.open(folder, postgres_schema_url, clock=clock) as first:
        populate(first)
        with Cooperative.open(folder, postgres_schema_url, clock=clock) as second:
            yield first, second


@pytest.fixture
def clients(
    coops: tuple[Cooperative, Cooperative], outbox: Path
) -> Iterator[tuple[TestClient, TestClient]]:
    """A test client on each instance (the same outbox, as one server's mail)."""
    one, two = (create_app(coop, outbox=outbox, secure=False) for coop in coops)
    with (
        TestClient(one, follow_redirects=False) as first,
        TestClient(two, follow_redirects=False) as second,
    ):
        yield first, second


def test_sign_in_by_password_and_the_session_works_on_the_other_instance(
    clients: tuple[TestClient, TestClient],
) -> None:
    first, second = clients
    sign_in(first)  # Ada, through the first instance
    cookie = first.cookies[SESSION_COOKIE]
    second.cookies.set(SESSION_COOKIE, cookie)
    home = second.get("/")
    assert home.status_code == 200
    assert "Välkommen, Ada Lind" in home.text
    # Signing out through the second instance ends the session for both.
    out = second.post("/sign-out", data={"csrf": csrf_of(home.text)})
    assert out.status_code == 303
    first.cookies.set(SESSION_COOKIE, cookie)
    second.cookies.set(SESSION_COOKIE, cookie)
    assert first.get("/").status_code == 303
    assert second.get("/").status_code == 303


def test_sign_in_by_link_sent_by_one_instance_used_on_the_other(
    clients: tuple[TestClient, TestClient], outbox: Path
) -> None:
    first, second = clients
    token = csrf_of(first.get("/sign-in").text)
    sent = first.post("/sign-in/link", data={"email": "bo@example.se", "csrf": token})
    assert sent.status_code == 200
    link = link_in_outbox(outbox)
    page = second.get(link)
    used = second.post(link, data={"csrf": csrf_of(page.text)})
    assert used.status_code == 303
    first.cookies.set(SESSION_COOKIE, second.cookies[SESSION_COOKIE])
    assert "Välkommen, Bo Ek" in first.get("/").text
    # The link worked once, whichever instance is asked again.
    first.cookies.clear()
    again = first.post(link, data={"csrf": csrf_of(first.get(link).text)})
    assert again.status_code == 401


@pytest.mark.parametrize("path", ["/payslips/1/3.pdf", "/contracts/2.pdf"])
def test_another_members_records_are_not_found(
    clients: tuple[TestClient, TestClient], path: str
) -> None:
    first, second = clients
    sign_in(first)  # Ada; payslip 1/3 and contract 2 are Bo's
    second.cookies.set(SESSION_COOKIE, first.cookies[SESSION_COOKIE])
    for client in clients:
        response = client.get(path)
        assert response.status_code == 404
        assert not response.content.startswith(b"%PDF")
    assert first.get("/payslips/1/2.pdf").content.startswith(b"%PDF")  # her own


def test_a_form_without_its_csrf_token_is_refused_and_writes_nothing(
    clients: tuple[TestClient, TestClient], coops: tuple[Cooperative, Cooperative]
) -> None:
    first, second = clients
    sign_in(first)
    second.cookies.set(SESSION_COOKIE, first.cookies[SESSION_COOKIE])
    for data in ({"password": "x"}, {"password": "x", "csrf": "0" * 64}):
        assert second.post("/contracts/1/sign", data=data).status_code == 403
    # The token of a page served by one instance is good on the other (no per-process key).
    out = second.post("/sign-out", data={"csrf": csrf_of(first.get("/").text)})
    assert out.status_code == 303
    assert coops[1].contracts.get(coops[1].actor_for_member(2), 1).signed_by_employee is None


@pytest.fixture
def meeting(coops: tuple[Cooperative, Cooperative]) -> int:
    """An extra meeting with one motion open for votes; Ada (2) has paid and votes."""
    g = coops[0].governance
    for year in (2024, 2025, 2026):
        g.pay_fee(ADMIN, 2, year=year, amount="200", paid_on=date(year, 3, 1))
    created = g.create(ADMIN, kind="extra", held_on=date(2026, 11, 27), title="Höstmöte")
    g.officers(ADMIN, created.number, chair="Tove Kassör")
    g.attend(ADMIN, created.number, [1, 2, 3])
    g.motion(ADMIN, created.number, title="Ny logotyp", text="Föreningen byter logotyp.")
    return created.number


def test_two_votes_at_once_from_two_instances_count_once(
    clients: tuple[TestClient, TestClient],
    coops: tuple[Cooperative, Cooperative],
    meeting: int,
) -> None:
    first, second = clients
    sign_in(first)
    second.cookies.set(SESSION_COOKIE, first.cookies[SESSION_COOKIE])
    page = f"/meetings/{meeting}"
    token = csrf_of(first.get(page).text)
    barrier = threading.Barrier(2)
    answers: dict[int, Any] = {}

    def vote(index: int, client: TestClient, choice: str) -> None:
        barrier.wait()
        answers[index] = client.post(
            f"{page}/motions/1/vote", data={"csrf": token, "choice": choice}
        )

    threads = [
        threading.Thread(target=vote, args=(0, first, "yes")),
        threading.Thread(target=vote, args=(1, second, "no")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answer.status_code for answer in answers.values()) == [303, 409]
    for coop in coops:
        box = coop.governance.get(ADMIN, meeting).motion(1).next_poll().box
        assert len(box.votes) == 1
        assert box.voters == frozenset({coop.actor_for_member(2).member_id})
    won = next(i for i, answer in answers.items() if answer.status_code == 303)
    box = coops[0].governance.get(ADMIN, meeting).motion(1).next_poll().box
    assert [vote.choice for vote in box.votes] == [(("yes", "no")[won],)]

# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the web app: Interim kultur with three members (Tove the treasurer, Ada
and Bo), a contract each, an approved payroll run paying Ada and Bo, and a test client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kooperativ import Actor, Cooperative
from kooperativ.members.models import Role
from kooperativ.web import create_app

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
PAY_DAY = date(2026, 11, 25)
ADMIN = Actor.admin()
PASSWORD = "korrekt-hästbatteri"


class Clock:
    """The tests' clock, moved on by hand."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["memory", "sqlite"])
def coop(request: pytest.FixtureRequest, tmp_path: Path, clock: Clock) -> Iterator[Cooperative]:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'web.db'}"
    with Cooperative.open(folder, url, clock=clock) as opened:
        populate(opened)
        yield opened


def populate(coop: Cooperative) -> None:
    """Tove (1, treasurer), Ada (2) and Bo (3); a contract each; November's payroll."""
    joined = {"status": "member", "joined_on": date(2024, 3, 1)}
    coop.members.add(
        ADMIN, first_name="Tove", last_name="Kassör", person_id="199107049802",
        email="tove@example.se", roles=frozenset({Role.TREASURER}), **joined,
    )  # fmt: skip
    coop.members.add(
        ADMIN, first_name="Ada", last_name="Lind", person_id="198503129804",
        email="ada@example.se", bank_account="5001-1234563", **joined,
    )  # fmt: skip
    coop.members.add(
        ADMIN, first_name="Bo", last_name="Ek", person_id="199002149806",
        email="bo@example.se", **joined,
    )  # fmt: skip
    coop.clients.add(ADMIN, name="Stadsteatern", orgnr="5560360793")
    for member in (2, 3):
        coop.assignments.add(
            ADMIN, member=member, client=1, description="Scenografi",
            start=date(2026, 11, 2), end=date(2026, 11, 20), agreed_amount="30000",
        )  # fmt: skip
        coop.contracts.create(ADMIN, assignment=member - 1, made_on=date(2026, 10, 20))
    for member, amount in ((2, "28200.00"), (3, "15000.00")):
        coop.ledger.book(
            ADMIN,
            {
                "series": "M",
                "date": date(2026, 5, 25),
                "text": "Andel av faktura",
                "lines": [
                    {"account": 1930, "amount": amount},
                    {"account": 2890, "amount": f"-{amount}", "member": member},
                ],
            },
        )
        request = coop.salary_requests.request(ADMIN, member, PAY_DAY, amount)
        coop.salary_requests.approve(ADMIN, request.number)
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    coop.payroll_runs.approve(coop.actor_for_member(1), run.number)
    for member in (1, 2, 3):
        coop.access.set_password(ADMIN, member, PASSWORD)


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    return tmp_path / "outbox"


@pytest.fixture
def client(coop: Cooperative, outbox: Path) -> Iterator[TestClient]:
    app = create_app(coop, outbox=outbox, secure=False)
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: TestClient, email: str = "ada@example.se", password: str = PASSWORD) -> None:
    """Sign in with a password (through the form, with its CSRF token)."""
    token = csrf_of(client.get("/sign-in").text)
    response = client.post(
        "/sign-in", data={"email": email, "password": password, "csrf": token, "next": "/"}
    )
    assert response.status_code == 303, response.text


def link_in_outbox(outbox: Path) -> str:
    """The sign-in link of the newest message in the outbox (its path)."""
    newest = max(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    message = message_from_bytes(newest.read_bytes())
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    found = re.search(r"https?://[^/\s]+(/sign-in/link/\S+)", body.decode())
    assert found, body
    return found.group(1)

# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for payroll runs: the example cooperative on every backend, members with
money on their accounts and approved salary requests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.members.models import Member, Role

#: The tests' "now".
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
#: The worked example of docs/salary.md: paid on 25 November 2026.
PAY_DAY = date(2026, 11, 25)
ADMIN = Actor.admin()


def open_coop(folder: Path, database_url: str) -> Cooperative:
    """The cooperative in ``folder`` with the tests' clock."""
    return Cooperative.open(folder, database_url, clock=lambda: NOW)


def credit(coop: Cooperative, member: Member, amount: str, day: date = date(2026, 5, 25)) -> None:
    """Book ``amount`` to the member's account (their share of a paid invoice)."""
    coop.ledger.book(
        ADMIN,
        {
            "series": "M",
            "date": day,
            "text": "Andel av faktura",
            "lines": [
                {"account": 1930, "amount": amount},
                {"account": 2890, "amount": f"-{amount}", "member": member.number},
            ],
        },
    )


def approved_request(coop: Cooperative, member: Member, amount: str, day: date = PAY_DAY) -> int:
    """An approved salary request of ``amount`` (the member's account credited first)."""
    credit(coop, member, amount)
    request = coop.salary_requests.request(ADMIN, member.number, day, amount)
    coop.salary_requests.approve(ADMIN, request.number)
    return request.number


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Cooperative.init(tmp_path / "coop", "interim_kultur")


@pytest.fixture
def coop(folder: Path, database_url: str) -> Iterator[Cooperative]:
    """Interim kultur opened on each storage backend with a fixed clock."""
    with open_coop(folder, database_url) as opened:
        yield opened


@pytest.fixture
def ada(coop: Cooperative) -> Member:
    """Born 12 March 1985, the example's default tax mode (table 33, column 1)."""
    return coop.members.add(ADMIN, first_name="Ada", last_name="Lind", person_id="198503129804")


@pytest.fixture
def tove(coop: Cooperative) -> Member:
    """A member who is the treasurer."""
    return coop.members.add(
        ADMIN,
        first_name="Tove",
        last_name="Kassör",
        person_id="199107049802",
        roles=frozenset({Role.TREASURER}),
    )

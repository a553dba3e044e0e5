# SPDX-License-Identifier: EUPL-1.2
"""A password is checked outside the cooperative's write transaction, at sign-in and again
before a signature: argon2 takes a deliberate fraction of a second, and while it runs
another writer (a vote at a meeting) must not wait.

The hasher below, while it verifies, has another thread record a membership fee and waits
for that write to finish. Inside the write transaction the write could not finish until
the check returned: the wait times out and the test fails (an order of events, not a
duration). A wrong password still counts as a failed attempt.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from kooperativ import Cooperative
from kooperativ.errors import PermissionDenied
from kooperativ.services import access

from .conftest import ADMIN, PASSWORD

#: How long the hasher waits for the other write (seconds).
PATIENCE = 10.0


class WritingHasher:
    """The library's hasher; each verification first waits for a write by another thread."""

    def __init__(self, real: Any, coop: Cooperative) -> None:
        self.real = real
        self.coop = coop
        self.writes_done: list[bool] = []
        self.writers: list[threading.Thread] = []

    def hash(self, password: str) -> str:
        return str(self.real.hash(password))

    def verify(self, digest: str, password: str) -> bool:
        year = 2000 + len(self.writes_done)
        writer = threading.Thread(
            target=self.coop.governance.pay_fee,
            args=(ADMIN, 3),
            kwargs={"year": year, "amount": "100", "paid_on": date(2026, 11, 27)},
        )
        writer.start()
        writer.join(PATIENCE)
        self.writes_done.append(not writer.is_alive())
        # A writer still waiting for the lock this check holds finishes after it (joined
        # by the fixture): joining it here would never end.
        self.writers.append(writer)
        return bool(self.real.verify(digest, password))


@pytest.fixture
def hasher(coop: Cooperative, monkeypatch: pytest.MonkeyPatch) -> Iterator[WritingHasher]:
    writing = WritingHasher(access._HASHER, coop)
    monkeypatch.setattr(access, "_HASHER", writing)
    yield writing
    for writer in writing.writers:
        writer.join(PATIENCE)


def failures(coop: Cooperative, member: int) -> int:
    with coop.store.unit_of_work(write=False) as uow:
        found = uow.credentials.of_member(coop.members.get(ADMIN, member).id)
        return 0 if found is None else found.failures


def test_signing_in_checks_the_password_while_others_write(
    coop: Cooperative, hasher: WritingHasher
) -> None:
    assert coop.access.sign_in_password("ada@example.se", PASSWORD).token
    assert hasher.writes_done == [True]
    assert failures(coop, 2) == 0


def test_the_password_again_is_checked_while_others_write(
    coop: Cooperative, hasher: WritingHasher
) -> None:
    token = coop.access.sign_in_password("ada@example.se", PASSWORD).token
    actor = coop.access.reauthenticate(token, PASSWORD)
    assert actor.member_id == coop.members.get(ADMIN, 2).id
    assert hasher.writes_done == [True, True]
    assert failures(coop, 2) == 0
    with pytest.raises(PermissionDenied):
        coop.access.reauthenticate(token, "fel-lösenord")
    assert hasher.writes_done == [True, True, True]
    assert failures(coop, 2) == 1  # a wrong password counts, as at sign-in
    assert [f.year for f in coop.governance.fees(ADMIN)] == [2000, 2001, 2002]

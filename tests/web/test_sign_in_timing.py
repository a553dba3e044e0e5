# SPDX-License-Identifier: EUPL-1.2
"""A sign-in with an unknown address does the same argon2 work as a wrong password, so
the time an answer takes does not tell who is registered."""

from __future__ import annotations

from typing import Any

import pytest

from kooperativ import Cooperative
from kooperativ.errors import PermissionDenied
from kooperativ.services import access

from .conftest import ADMIN, PASSWORD


class CountingHasher:
    """The library's hasher, counting the argon2 runs (a hash or a verification)."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.runs = 0

    def hash(self, password: str) -> str:
        self.runs += 1
        return str(self.real.hash(password))

    def verify(self, digest: str, password: str) -> bool:
        self.runs += 1
        return bool(self.real.verify(digest, password))


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> CountingHasher:
    counting = CountingHasher(access._HASHER)
    monkeypatch.setattr(access, "_HASHER", counting)
    return counting


def test_an_unknown_address_costs_one_argon2_run(coop: Cooperative, hasher: CountingHasher) -> None:
    coop.access.set_password(ADMIN, 2, PASSWORD)
    hasher.runs = 0
    with pytest.raises(PermissionDenied) as unknown:
        coop.access.sign_in_password("ingen@example.se", PASSWORD)
    assert hasher.runs == 1
    with pytest.raises(PermissionDenied) as wrong:
        coop.access.sign_in_password("ada@example.se", "fel-lösenord")
    assert hasher.runs == 2
    # The same answer for both: nothing tells which part was wrong.
    assert str(unknown.value) == str(wrong.value)
    assert coop.access.sign_in_password("ada@example.se", PASSWORD).token
    assert hasher.runs == 3

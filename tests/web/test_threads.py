# SPDX-License-Identifier: EUPL-1.2
"""The slow steps of a request (a password checked with argon2, a sign-in link sent by
SMTP) run in a thread, so the worker serves other requests meanwhile.

Each test holds the slow step until another request has been answered: if the step ran in
the event loop, that other request could not be answered while it waited, the wait would
time out, and the test fails (it asserts an order of events, not a duration).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from kooperativ import Cooperative
from kooperativ.web import create_app

from .conftest import PASSWORD, csrf_of

#: How long a held step waits for the other request before giving up (seconds).
PATIENCE = 10.0


class Held:
    """A service method that, once called, waits until :meth:`release` (or gives up)."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.started = threading.Event()
        self.released = threading.Event()
        self.released_in_time: bool | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.started.set()
        self.released_in_time = self.released.wait(PATIENCE)
        return self.real(*args, **kwargs)


async def while_held(app: Any, held: Held, slow: Callable[[httpx.AsyncClient], Any]) -> Any:
    """Start the request ``slow`` makes; once it is inside the held step, load the sign-in
    page with another client, then release the step; the slow request's response."""
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as one,
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as other,
    ):
        task = asyncio.create_task(slow(one))
        while not held.started.is_set():
            await asyncio.sleep(0.01)
        assert (await other.get("/sign-in")).status_code == 200
        held.released.set()
        return await task


async def signed_in(client: httpx.AsyncClient, email: str = "ada@example.se") -> str:
    token = csrf_of((await client.get("/sign-in")).text)
    answer = await client.post(
        "/sign-in", data={"email": email, "password": PASSWORD, "csrf": token, "next": "/"}
    )
    assert answer.status_code == 303, answer.text
    return token


def test_a_password_sign_in_does_not_hold_up_other_requests(
    coop: Cooperative, outbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = Held(coop.access.sign_in_password)
    monkeypatch.setattr(coop.access, "sign_in_password", held)
    app = create_app(coop, outbox=outbox, secure=False)

    async def slow(client: httpx.AsyncClient) -> httpx.Response:
        token = csrf_of((await client.get("/sign-in")).text)
        return await client.post(
            "/sign-in",
            data={"email": "ada@example.se", "password": PASSWORD, "csrf": token, "next": "/"},
        )

    answer = asyncio.run(while_held(app, held, slow))
    assert held.released_in_time is True
    assert answer.status_code == 303 and answer.headers["location"] == "/"


def test_sending_a_sign_in_link_does_not_hold_up_other_requests(
    coop: Cooperative, outbox: Path
) -> None:
    sent: list[Any] = []

    def deliver(message: Any) -> None:
        sent.append(message)

    held = Held(deliver)
    app = create_app(coop, deliver=held, secure=False)

    async def slow(client: httpx.AsyncClient) -> httpx.Response:
        token = csrf_of((await client.get("/sign-in")).text)
        return await client.post("/sign-in/link", data={"email": "bo@example.se", "csrf": token})

    answer = asyncio.run(while_held(app, held, slow))
    assert held.released_in_time is True
    assert answer.status_code == 200 and len(sent) == 1


def test_the_password_again_before_a_signature_does_not_hold_up_other_requests(
    coop: Cooperative, outbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = Held(coop.access.reauthenticate)
    monkeypatch.setattr(coop.access, "reauthenticate", held)
    app = create_app(coop, outbox=outbox, secure=False)
    (contract,) = coop.contracts.list(coop.actor_for_member(2))

    async def slow(client: httpx.AsyncClient) -> httpx.Response:
        await signed_in(client)
        token = csrf_of((await client.get("/contracts")).text)
        return await client.post(
            f"/contracts/{contract.number}/sign", data={"password": PASSWORD, "csrf": token}
        )

    answer = asyncio.run(while_held(app, held, slow))
    assert held.released_in_time is True
    assert answer.status_code == 303, answer.text
    assert coop.contracts.get(coop.actor_for_member(2), contract.number).signed_by_employee

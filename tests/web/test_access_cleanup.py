# SPDX-License-Identifier: EUPL-1.2
"""Cleaning up the web app's sessions and links (``coop.access.cleanup``, ``kooperativ
access cleanup``, ``kooperativ serve`` at start) on memory, SQLite and PostgreSQL; and the
worker factory ``kooperativ serve --workers N`` hands to uvicorn."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from kooperativ import Actor, Cooperative
from kooperativ.cli import app
from kooperativ.services.access import FAILURE_MINUTES, SESSION_HOURS, Cleanup
from kooperativ.web import worker

from .conftest import PASSWORD, Clock

ADMIN = Actor.admin()
runner = CliRunner()


def _members(coop: Cooperative) -> None:
    for first, person, email in (
        ("Ada", "198503129804", "ada@example.se"),
        ("Bo", "199002149806", "bo@example.se"),
    ):
        coop.members.add(
            ADMIN, first_name=first, last_name="Lind", person_id=person, email=email,
            status="member", joined_on=date(2024, 3, 1),
        )  # fmt: skip
    for member in (1, 2):
        coop.access.set_password(ADMIN, member, PASSWORD)


@pytest.fixture
def coop(database_url: str, tmp_path: Path, clock: Clock) -> Iterator[Cooperative]:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=clock) as opened:
        _members(opened)
        yield opened


def _stored(coop: Cooperative) -> tuple[int, int]:
    with coop.store.unit_of_work(write=False) as uow:
        return len(uow.web_sessions.list()), len(uow.login_tokens.list())


def test_cleanup_deletes_ended_sessions_and_spent_links_only(
    coop: Cooperative, clock: Clock
) -> None:
    access = coop.access
    kept = access.sign_in_password("ada@example.se", PASSWORD)
    ended = access.sign_in_password("bo@example.se", PASSWORD)
    access.sign_out(ended.token)
    tokens: list[str] = []
    for _ in range(2):
        access.send_link("bo@example.se", lambda token: tokens.append(token) or token, print)
    access.sign_in_link(tokens[0])  # used: a third session, and a spent link
    assert _stored(coop) == (3, 2)

    # The signed-out session goes; the links are kept while the rate limit counts them.
    assert access.cleanup() == Cleanup(sessions=1, links=0)
    assert access.actor(kept.token) is not None
    clock.advance(minutes=FAILURE_MINUTES)  # both links used or expired, and out of the window
    assert access.cleanup() == Cleanup(sessions=0, links=2)
    assert access.cleanup() == Cleanup(sessions=0, links=0)  # nothing more
    clock.advance(hours=SESSION_HOURS)
    assert access.cleanup() == Cleanup(sessions=2, links=0)
    assert _stored(coop) == (0, 0)
    assert coop.audit.verify(ADMIN).problems == []
    # Signing in works as before on the emptied tables.
    again = access.sign_in_password("ada@example.se", PASSWORD)
    assert access.actor(again.token) is not None


def test_a_link_sent_recently_still_counts_for_the_rate_limit(
    coop: Cooperative, clock: Clock
) -> None:
    sent: list[str] = []
    for _ in range(5):
        assert coop.access.send_link("ada@example.se", sent.append, lambda message: None)
    for token in sent:
        coop.access.sign_in_link(token)
    assert coop.access.cleanup().links == 0
    assert not coop.access.send_link("ada@example.se", sent.append, lambda message: None)


# -- the command line -----------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = Cooperative.init(tmp_path / "cli", "interim_kultur")
    with Cooperative.open(folder) as opened:
        _members(opened)
        signed = opened.access.sign_in_password("ada@example.se", PASSWORD)
        opened.access.sign_out(signed.token)
    return folder


def test_access_cleanup_command_in_swedish_and_json(folder: Path) -> None:
    args = ["access", "cleanup", "--coop", str(folder)]
    result = runner.invoke(app, args, env={"KOOPERATIV_LANGUAGE": "sv"})
    assert result.exit_code == 0, result.output
    assert "Raderade 1 avslutad session; 0 förbrukade inloggningslänkar." in result.output
    again = runner.invoke(app, [*args, "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout) == {"sessions": 0, "links": 0}


def test_serve_cleans_up_when_it_starts(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: calls.append((target, options)))
    result = runner.invoke(app, ["serve", "--coop", str(folder)], env={"KOOPERATIV_LANGUAGE": "sv"})
    assert result.exit_code == 0, result.output
    assert "Raderade 1 avslutad session" in result.output
    ((target, options),) = calls
    assert not isinstance(target, str) and "workers" not in options  # the app itself
    with Cooperative.open(folder) as opened:
        assert _stored(opened) == (0, 0)


# -- several workers ------------------------------------------------------------------------


def test_serve_with_workers_hands_uvicorn_the_factory(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: calls.append((target, options)))
    for name in (worker.FOLDER_ENV, worker.DATABASE_ENV, worker.SMTP_ENV, worker.SECURE_ENV):
        monkeypatch.delenv(name, raising=False)
    result = runner.invoke(
        app, ["serve", "--coop", str(folder), "--workers", "3", "--smtp", "mail.example.se:587"]
    )
    assert result.exit_code == 0, result.output
    ((target, options),) = calls
    assert target == worker.FACTORY == "kooperativ.web.worker:app_from_environment"
    assert options["factory"] is True and options["workers"] == 3
    import os

    assert os.environ[worker.FOLDER_ENV] == str(folder.resolve())
    assert os.environ[worker.SMTP_ENV] == "mail.example.se:587"
    assert os.environ[worker.SECURE_ENV] == "0"  # listening on 127.0.0.1
    assert worker.DATABASE_ENV not in os.environ


def test_the_worker_factory_builds_the_app_from_the_environment(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(worker.FOLDER_ENV, str(folder))
    monkeypatch.setenv(worker.DATABASE_ENV, f"sqlite:///{folder / 'kooperativ.db'}")
    monkeypatch.setenv(worker.SECURE_ENV, "0")
    monkeypatch.delenv(worker.SMTP_ENV, raising=False)
    built = worker.app_from_environment()
    with TestClient(built, follow_redirects=False) as client:
        page = client.get("/sign-in")
        assert page.status_code == 200 and "Interim kultur" in page.text
        assert "Secure" not in page.headers["set-cookie"]
        assert client.get("/").status_code == 303

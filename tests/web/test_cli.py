# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ member password`` and ``kooperativ serve`` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Actor, Cooperative
from kooperativ.cli import app

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder) as coop:
        coop.members.add(
            Actor.admin(), first_name="Ada", last_name="Lind", person_id="198503129804",
            email="ada@example.se", status="member", joined_on=coop.now().date(),
        )  # fmt: skip
    return folder


def test_the_administrator_sets_a_password_read_from_standard_input(folder: Path) -> None:
    secret = "ett långt lösenord"
    result = runner.invoke(
        app, ["member", "password", "1", "--coop", str(folder)], input=f"{secret}\n{secret}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Lösenordet för medlem 1 är satt." in result.output
    assert secret not in result.output
    with Cooperative.open(folder) as coop:
        signed = coop.access.sign_in_password("ada@example.se", secret)
        assert signed.actor.member_id is not None
        with coop.store.unit_of_work(write=False) as uow:
            (credential,) = uow.credentials.list()  # the hash, never the password
        assert credential.password_hash is not None
        assert credential.password_hash.startswith("$argon2id$")
        assert secret not in credential.canonical_json()


def test_a_short_password_is_refused_with_the_field_named(folder: Path) -> None:
    result = runner.invoke(
        app, ["member", "password", "1", "--coop", str(folder)], input="kort\nkort\n"
    )
    assert result.exit_code != 0
    assert "lösenord: minst 10 tecken behövs" in result.output
    assert "Traceback" not in result.output


def test_a_member_may_not_set_another_members_password(folder: Path) -> None:
    with Cooperative.open(folder) as coop:
        coop.members.add(
            Actor.admin(), first_name="Bo", last_name="Ek", person_id="199002149806",
            status="member", joined_on=coop.now().date(),
        )  # fmt: skip
    result = runner.invoke(
        app,
        ["member", "password", "1", "--as", "2", "--coop", str(folder)],
        input="ett långt lösenord\nett långt lösenord\n",
    )
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_serve_has_a_swedish_help(folder: Path) -> None:
    result = runner.invoke(app, ["serve", "--help"], env={"KOOPERATIV_LANGUAGE": "sv"})
    assert result.exit_code == 0
    assert "Kör medlemmarnas webbapp" in result.output
    assert "--port" in result.output and "--host" in result.output

# SPDX-License-Identifier: EUPL-1.2
"""The demo's end: how to open the web app with the demo's users (they can sign in with
the demo password, and a sign-in link lands in the folder's outbox), and
``kooperativ demo --json``, the machine-readable summary of what it made."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kooperativ import demo
from kooperativ.cooperative import Cooperative
from kooperativ.errors import ConfigError, PermissionDenied
from kooperativ.security import Actor
from kooperativ.web import Outbox


def run_demo(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80"}
    env.pop("KOOPERATIV_LANGUAGE", None)
    return subprocess.run(
        [sys.executable, "-m", "kooperativ.cli", "demo", "--dir", "d", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """``kooperativ demo --json`` run once in a folder of its own."""
    cwd = tmp_path_factory.mktemp("demo-json")
    done = run_demo(cwd, "--json")
    assert done.returncode == 0, done.stderr
    return cwd, json.loads(done.stdout)


def test_the_demo_users_sign_in_with_the_demo_password(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    with demo.create(folder) as coop:
        web = demo.open_web(coop, folder)
        assert [u.number for u in web.users] == [3, 2, 1]  # a member, treasurer, board
        assert [u.roles for u in web.users] == [(), ("treasurer",), ("board",)]
        assert web.outbox == Path("outbox")
        admin = Actor.admin()
        for user in web.users:
            signed = coop.access.sign_in_password(user.email, web.password)
            assert signed.actor.member_id == coop.members.get(admin, user.number).id
        with pytest.raises(PermissionDenied):
            coop.access.sign_in_password(web.users[0].email, "not the demo password")
        # Another member was given no password.
        with pytest.raises(PermissionDenied):
            coop.access.sign_in_password("david@example.org", web.password)
        # A sign-in link is written to the folder's outbox, as `serve` does without SMTP.
        sent = coop.access.send_link(
            "cecilia@example.org", lambda token: f"http://x/{token}", Outbox(folder / "outbox")
        )
        assert sent
        (mail,) = (folder / "outbox").iterdir()
        assert "cecilia@example.org" in mail.read_text("utf-8")


def test_a_demo_without_web_users_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    with demo.create(folder) as coop:
        data = (folder / "demo.toml").read_text("utf-8").split("\n[web]\n")[0]
        (folder / "demo.toml").write_text(data, "utf-8")
        with pytest.raises(ConfigError):
            demo.open_web(coop, folder)


def test_the_command_tells_how_to_open_the_web_app_at_80_columns(tmp_path: Path) -> None:
    done = run_demo(tmp_path, "--lang", "en")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    end = out[out.index("Try the web app:") :]
    assert "kooperativ serve --coop d\n" in end
    for email in ("cecilia@example.org", "bruno@example.org", "alva@example.org"):
        assert email in end
    assert "treasurer" in end and "board member" in end
    assert "Password: demo-interim-kultur (a demo password" in end
    assert "land as files in d/outbox/" in end
    with Cooperative.open(tmp_path / "d") as coop:
        assert coop.access.sign_in_password("bruno@example.org", "demo-interim-kultur")


def test_json_lists_the_files_relative_to_the_folder(summary: tuple[Path, dict[str, Any]]) -> None:
    cwd, data = summary
    assert data["folder"] == "d"
    files = data["files"]
    assert isinstance(files, list) and len(files) == 13
    for made in files:
        path = Path(made["path"])
        assert not path.is_absolute() and (cwd / "d" / path).is_file(), made
    kinds = {made["kind"] for made in files}
    assert kinds == {
        *("invoice_pdf", "peppol", "camt054", "payslip_pdf", "agi", "pain001", "sie"),
        "minutes_pdf",
    }


def test_json_gives_the_key_figures(summary: tuple[Path, dict[str, Any]]) -> None:
    _cwd, data = summary
    assert data["counts"] == {
        "members": 5,
        "clients": 3,
        "assignments": 5,
        "invoices": 4,
        "payments": 4,
        "payslips": 3,
        "audit_events": data["counts"]["audit_events"],
    }
    invoices = {i["label"]: i for i in data["invoices"]}
    assert invoices["A1"]["total"] == "75000.00" and invoices["A1"]["paid_on"] == "2026-12-10"
    run = data["payroll_run"]
    assert run["period"] == "2026-12" and run["pay_date"] == "2026-12-25"
    assert run["payslips"][0]["payout"] == "33523.04"
    assert [p["source"] for p in data["payments"]].count("bank/camt054-2026-12-14.xml") == 1
    assert data["checks"]["ledger_balances"] and data["checks"]["audit_intact"]
    assert data["meeting"]["held_on"] == "2027-03-20"
    web = data["web"]
    assert web["command"] == "kooperativ serve --coop d"
    assert web["password"] == "demo-interim-kultur" and web["demo_password"]
    assert [u["email"] for u in web["users"]] == [
        "cecilia@example.org",
        "bruno@example.org",
        "alva@example.org",
    ]
    assert web["outbox"] == "d/outbox"


def test_the_demo_runs_again_in_its_own_folder(summary: tuple[Path, dict[str, Any]]) -> None:
    cwd, first = summary
    done = run_demo(cwd, "--json")
    assert done.returncode == 0, done.stderr
    again = json.loads(done.stdout)
    assert again["files"] == first["files"] and again["invoices"] == first["invoices"]

# SPDX-License-Identifier: EUPL-1.2
"""The CLI as a user runs it: demo, register, --json, masking, bad input, tampering."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def demo(coop_demo: Path) -> Path:
    """A copy of the demo cooperative (built once per session by ``kooperativ.demo``)."""
    return coop_demo


def test_demo_registers_everything(demo: Path) -> None:
    code, out, _ = run("member", "list", "--coop", str(demo), "--json")
    assert code == 0
    members = json.loads(out)
    assert [m["number"] for m in members] == [1, 2, 3, 4, 5]
    # Personal data is masked unless asked for.
    assert members[0]["person_id"] == "19850312-****"
    assert members[0]["bank_account"] == "5001-*****63"
    code, out, _ = run("member", "show", "1", "--coop", str(demo), "--json", "--show-personal-data")
    assert json.loads(out)["person_id"] == "198503129804"
    code, out, _ = run("assignment", "list", "--coop", str(demo), "--json")
    amounts = [a["amount_excl_vat"] for a in json.loads(out)]
    assert amounts == ["60000.00", "26000.00", "8000.00", "25000.00", "12000.00"]
    code, out, _ = run("contract", "list", "--coop", str(demo), "--json")
    assert len(json.loads(out)) == 5
    code, out, _ = run("client", "list", "--coop", str(demo), "--json")
    assert json.loads(out)[1]["public_sector"] is True


def test_demo_can_be_run_again(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    code, out, err = run("demo", "--dir", str(demo))
    assert code == 0, err
    code, out, err = run("demo", "--dir", str(demo))
    assert code == 0, err
    code, out, _ = run("member", "list", "--coop", str(demo), "--json")
    assert len(json.loads(out)) == 5


def test_demo_refuses_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x")
    code, _, err = run("demo", "--dir", str(tmp_path / "mine"))
    assert code == 2
    assert "not a demo folder" in err
    assert (tmp_path / "mine" / "notes.txt").exists()


def test_check_and_audit_verify_on_the_demo(demo: Path) -> None:
    # The day before the demo's first employment, during it and after it: the demo is a
    # cooperative in good order (contracts signed when made), warnings only.
    for day in ("2026-08-14", "2026-09-01", "2026-11-27", "2026-12-31"):
        code, out, _ = run("check", "--coop", str(demo), "--json", "--on", day)
        problems = json.loads(out)
        assert code == 0, (day, problems)  # warnings only
        assert {p["severity"] for p in problems} == {"warning"}
    code, out, _ = run("audit", "verify", "--coop", str(demo), "--json")
    assert code == 0
    report = json.loads(out)
    # 3 configuration files + 5 members + 11 fees + 3 clients + 5 assignments + 5 contracts
    # + 5 × 2 signatures
    assert report["intact"] is True and report["events"] == 42


def test_member_sees_only_own_data(demo: Path) -> None:
    code, out, _ = run("member", "list", "--coop", str(demo), "--as", "3", "--json")
    assert [m["number"] for m in json.loads(out)] == [3]
    code, _, err = run("member", "show", "1", "--coop", str(demo), "--as", "3")
    assert code == 2 and "får bara se sina egna uppgifter" in err
    code, _, err = run("member", "show", "1", "--coop", str(demo), "--as", "3", "--lang", "en")
    assert code == 2 and "only see their own" in err


# The bad-input cases that were here are in tests/badinput/test_corpus.py (the corpus).


def test_malformed_config_exit_2(demo: Path) -> None:
    path = demo / "cooperative.toml"
    path.write_text(path.read_text().replace('orgnr = "559876-5435"', "orgnr = 7"))
    code, _, err = run("member", "list", "--coop", str(demo))
    assert code == 2
    assert "cooperative.toml: employer.orgnr" in err


def test_unreachable_database_exit_1(demo: Path) -> None:
    code, _, err = run(
        "member",
        "list",
        "--coop",
        str(demo),
        "--database",
        "postgresql+psycopg://postgres:pw@127.0.0.1:5999/x",
    )
    assert code == 1
    assert "127.0.0.1:5999" in err and "pw" not in err
    assert "Traceback" not in err


def test_tampering_with_an_audit_row_is_detected(demo: Path) -> None:
    with sqlite3.connect(demo / "kooperativ.db") as db:
        db.execute("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3")
    code, out, _ = run("audit", "verify", "--coop", str(demo))
    assert code == 1
    # The example cooperative speaks Swedish.
    assert "händelse 3: innehållet har ändrats efter att det skrevs" in out


def test_tampering_with_a_record_is_detected(demo: Path) -> None:
    with sqlite3.connect(demo / "kooperativ.db") as db:
        (data,) = db.execute("SELECT data FROM members WHERE number = 2").fetchone()
        db.execute(
            "UPDATE members SET data = ? WHERE number = 2",
            (data.replace("Bruno", "Brutus"),),
        )
    code, out, _ = run("audit", "verify", "--coop", str(demo), "--json")
    assert code == 1
    problems = json.loads(out)["problems"]
    assert any("changed outside the audit trail" in p for p in problems)


def test_deleting_an_audit_row_is_detected(demo: Path) -> None:
    with sqlite3.connect(demo / "kooperativ.db") as db:
        db.execute("DELETE FROM audit_events WHERE seq = 5")
    code, out, _ = run("audit", "verify", "--coop", str(demo), "--json")
    assert code == 1
    assert any("event 6" in p for p in json.loads(out)["problems"])


def test_init_and_register(tmp_path: Path) -> None:
    folder = tmp_path / "coop"
    code, out, err = run("init", str(folder), "--from", "interim_kultur")
    assert code == 0, err
    assert not (folder / "demo.toml").exists()
    code, out, err = run(
        "member",
        "add",
        "--coop",
        str(folder),
        "--first-name",
        "Ada",
        "--last-name",
        "Lind",
        "--personnummer",
        "19850312-9804",
        "--joined",
        "2026-01-01",
        "--role",
        "board",
        "--json",
    )
    assert code == 0, err
    member = json.loads(out)
    assert member["number"] == 1 and member["status"] == "member"
    assert member["birth_date"] == "1985-03-12"
    code, _, err = run(
        "member",
        "add",
        "--coop",
        str(folder),
        "--first-name",
        "A",
        "--last-name",
        "B",
        "--personnummer",
        "19780923-9804",
        "--role",
        "king",
    )
    assert code == 2 and "roll: 'king' är okänt" in err
    code, out, err = run("db", "upgrade", "--coop", str(folder))
    assert code == 0 and "är uppdaterad" in out  # Swedish, the example's language

# SPDX-License-Identifier: EUPL-1.2
"""The employment commands as a user runs them on the demo cooperative: contracts, PDF,
signatures, hours, employment time, warnings in ``check`` and ``member show``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    code, out, err = run("demo", "--dir", str(folder))
    assert code == 0, out + err
    return folder


def events(demo: Path) -> int:
    code, out, _ = run("audit", "verify", "--coop", str(demo), "--json")
    report = json.loads(out)
    assert code == 0 and report["intact"]
    return int(report["events"])


def test_contract_list_show_and_pdf(demo: Path, tmp_path: Path) -> None:
    c = ("--coop", str(demo))
    code, out, _ = run("contract", "list", *c, "--json")
    assert code == 0 and len(json.loads(out)) == 5
    code, out, _ = run("contract", "show", "1", *c, "--json", "--on", "2026-08-01")
    shown = json.loads(out)
    assert shown["type"] == "sarskild_visstidsanstallning"
    # Demo members have their addresses registered: nothing the law asks for is missing.
    assert shown["information"]["missing"] == []
    target = tmp_path / "avtal.pdf"
    code, out, err = run("contract", "pdf", "1", *c, "--lang", "en", "--output", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF-")
    code, _, err = run("contract", "pdf", "1", *c, "--lang", "de", "--output", str(target))
    assert code == 2 and "not supported" in err


def test_sign_by_the_parties_only(demo: Path) -> None:
    c = ("--coop", str(demo))
    before = events(demo)
    code, _, err = run("contract", "sign", "1", "--party", "employee", *c)
    assert code == 2 and "only the employed member" in err
    code, _, err = run("contract", "sign", "1", "--party", "employee", "--as", "3", *c)
    assert code == 2
    code, _, err = run("contract", "sign", "1", "--party", "employer", "--as", "1", *c)
    assert code == 2 and "may not also sign it for the employer" in err
    code, _, err = run("contract", "sign", "1", "--party", "landlord", *c)
    assert code == 2 and "not a party" in err
    assert events(demo) == before  # nothing written
    code, out, err = run("contract", "sign", "1", "--party", "employee", "--as", "1", *c, "--json")
    assert code == 0, err
    assert json.loads(out)["signatures"][0]["name"] == "Alva Berglund"
    code, out, _ = run(
        "contract",
        "sign",
        "1",
        "--party",
        "employer",
        "--as",
        "2",
        "--at",
        "2026-09-01T10:00+02:00",
        *c,
    )
    assert code == 0 and "Båda parter har signerat." in out
    code, out, _ = run("contract", "list", *c, "--json")
    assert json.loads(out)[0]["signed"] is True


def test_create_and_end(demo: Path) -> None:
    c = ("--coop", str(demo))
    code, _, err = run("contract", "create", "--assignment", "1", *c)
    assert code == 2 and "already has contract 1" in err
    code, _, err = run(
        "assignment", "add", "--member", "3", "--client", "1", "--description", "Turné",
        "--start", "2027-01-10", "--end", "2027-02-10", "--amount", "20000", *c,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run(
        "contract",
        "create",
        "--assignment",
        "6",
        "--end",
        "2027-01-01",
        "--made-on",
        "2026-12-01",
        *c,
    )
    assert code == 2 and "before it starts" in err
    code, out, err = run(
        "contract", "create", "--assignment", "6", "--type", "vikariat",
        "--basis", "Vikarie för D. Falk", "--made-on", "2026-12-01", *c, "--json",
    )  # fmt: skip
    assert code == 0, err
    created = json.loads(out)
    assert (created["number"], created["basis"]) == (6, "Vikarie för D. Falk")
    code, out, err = run(
        "contract", "end", "6", "--on", "2027-02-01", "--reason", "assignment_completed", *c
    )
    assert code == 0, err
    code, out, _ = run("contract", "show", "6", *c, "--json")
    assert json.loads(out)["end_reason"] == "assignment_completed"
    code, _, err = run("contract", "end", "6", "--on", "2027-02-02", "--reason", "nope", *c)
    assert code == 2 and "unknown" in err


def test_hours_add_confirm_list_and_time(demo: Path) -> None:
    c = ("--coop", str(demo))
    code, out, err = run(
        "employment", "hours", "add", "--assignment", "1", "--month", "2026-10", "--hours", "120",
        "--as", "1", *c, "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["month"] == "2026-10"
    run(
        "employment",
        "hours",
        "add",
        "--assignment",
        "1",
        "--month",
        "2026-10",
        "--hours",
        "7,5",
        *c,
    )
    before = events(demo)
    code, _, err = run(
        "employment", "hours", "add", "--assignment", "1", "--month", "2026-12", "--hours", "8", *c
    )
    assert code == 2 and "covers 2026-12" in err
    code, _, err = run(
        "employment", "hours", "add", "--assignment", "1", "--month", "oktober", "--hours", "8", *c
    )
    assert code == 2 and "YYYY-MM" in err
    code, _, err = run("employment", "hours", "confirm", "1", "--as", "1", *c)
    assert code == 2 and "treasurer or admin only" in err
    assert events(demo) == before
    code, out, err = run("employment", "hours", "confirm", "1", "--as", "2", *c)
    assert code == 0 and "Bruno Dahl" in out
    code, out, _ = run("employment", "hours", "list", "--member", "1", *c, "--json")
    assert [(h["number"], h["hours"], h["confirmed_by"]) for h in json.loads(out)] == [
        (1, "120", "Bruno Dahl"),
        (2, "7.5", None),
    ]
    code, out, _ = run("employment", "time", "1", "--on", "2026-11-27", *c, "--json")
    time = json.loads(out)
    october = next(m for m in time["months"] if m["month"] == "2026-10")
    assert october == {
        "month": "2026-10",
        "days": {"sarskild_visstidsanstallning": 31},
        "gap_days": 0,
        "hours_reported": "127.5",
        "hours_confirmed": "120",
    }
    assert time["days_by_type"] == {"sarskild_visstidsanstallning": 88}
    sava = next(limit for limit in time["limits"] if limit["rule"] == "sava_conversion")
    assert (sava["limit_days"], sava["projected_on"]) == (360, "2027-08-27")
    code, out, _ = run("employment", "time", "1", "--on", "2026-11-27", *c)
    assert code == 0 and "Anställningstid för medlem 1" in out
    code, _, err = run("employment", "time", "1", "--as", "3", *c)
    assert code == 2


def test_employment_warnings_in_check_and_member_show(demo: Path) -> None:
    c = ("--coop", str(demo))
    # A long earlier SÄVA for member 4: 2025-11-01..2026-08-14 = 287 days, then the demo's
    # contract 4 from 2026-08-15 (the next day): the 361st SÄVA day is 2026-10-27, so on
    # 2026-10-01 the recorded contracts are warned about, and on 2026-11-01 it has passed.
    code, _, err = run(
        "assignment", "add", "--member", "4", "--client", "1", "--description", "Tidigare",
        "--start", "2025-11-01", "--end", "2026-08-14", "--amount", "90000", *c,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run("contract", "create", "--assignment", "6", "--made-on", "2025-10-20", *c)
    assert code == 0, err
    code, out, _ = run("check", *c, "--on", "2026-10-01", "--json")
    member = [p for p in json.loads(out) if p["where"] == "member 4"]
    assert any("2026-10-27" in p["message"] and p["severity"] == "warning" for p in member)
    code, out, _ = run("check", *c, "--on", "2026-11-01", "--json")
    assert code == 1  # the limit has been passed: an error
    assert any(p["where"] == "member 4" and p["severity"] == "error" for p in json.loads(out))
    code, out, _ = run("member", "show", "4", *c, "--json")
    warnings = json.loads(out)["employment_warnings"]
    assert any("tillsvidareanställning" in w for w in warnings)
    code, out, _ = run("member", "show", "4", *c)
    assert code == 0 and "tillsvidareanställning" in out

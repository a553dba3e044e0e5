# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ absence …``: report (sick leave only on days of employment), confirm
(never one's own), list, sick pay; Swedish and English, JSON, errors without a
traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Cooperative
from kooperativ.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KOOPERATIV_LANGUAGE", "KOOPERATIV_HOME", "KOOPERATIV_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--coop", str(folder)])
    return result.exit_code, result.stdout.replace("\u00a0", " "), result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    for first, pid, roles in (
        ("Ada", "198503129804", ()),
        ("Tove", "19910704-9802", ("--role", "treasurer")),
    ):
        code, out, err = run(
            folder, "member", "add", "--first-name", first, "--last-name", "Lind",
            "--personnummer", pid, "--joined", "2026-01-01", *roles,
        )  # fmt: skip
        assert code == 0, out + err
    steps = [
        ("client", "add", "--name", "Stadsteatern", "--orgnr", "5560360793"),
        ("assignment", "add", "--member", "1", "--client", "1", "--description", "Scenografi",
         "--start", "2026-04-01", "--end", "2026-06-30", "--amount", "60000"),
        ("contract", "create", "--assignment", "1", "--made-on", "2026-03-20"),
    ]  # fmt: skip
    for step in steps:
        code, out, err = run(folder, *step)
        assert code == 0, out + err
    return folder


def test_report_confirm_list_and_sick_pay(folder: Path) -> None:
    code, out, err = run(
        folder, "absence", "report", "1", "--kind", "sick", "--from", "2026-05-04",
        "--to", "2026-05-06", "--as", "1",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.strip() == "Frånvaro 1: sjuk 2026-05-04 – 2026-05-06 (3 dagar), ej bekräftat."
    code, out, err = run(folder, "absence", "confirm", "1", "--as", "1")
    assert code == 2 and out == "" and "Ada Lind får inte besluta om frånvaro" in err
    code, out, err = run(folder, "absence", "confirm", "1", "--as", "2", "--lang", "en")
    assert (code, err) == (0, "")
    assert out.strip() == "Absence 1: sick 2026-05-04 – 2026-05-06 (3 days), confirmed."
    code, out, err = run(folder, "absence", "list", "--from", "2026-05-01", "--to", "2026-05-31")
    assert code == 0 and "Frånvaro" in out and "sjuk" in out and "Bekräftat" in out
    code, out, err = run(folder, "absence", "list", "--json", "--member", "1")
    assert code == 0
    (listed,) = json.loads(out)
    assert listed["kind"] == "sick" and listed["confirmed_by"] == "Tove Lind"
    code, out, err = run(
        folder, "absence", "sick-pay", "1", "--period", "2026-05", "--daily-pay", "1000",
    )  # fmt: skip
    assert code == 0 and "Sjuklön 80 %" in out and "2 400,00" in out and "-800,00" in out
    code, out, err = run(
        folder, "absence", "sick-pay", "1", "--period", "2026-05", "--daily-pay", "1000",
        "--json",
    )  # fmt: skip
    data = json.loads(out)
    assert [(line["kind"], line["amount"]) for line in data["lines"]] == [
        ("sick_pay", "2400.00"),
        ("sick_deduction", "-800.00"),
    ]
    assert data["trace"][1]["rule"] == "karensavdrag"
    # Without --daily-pay: the assignment's agreed pay per weekday.
    code, out, err = run(folder, "absence", "sick-pay", "1", "--period", "2026-05", "--json")
    lines = json.loads(out)["lines"]
    assert code == 0 and [line["quantity"] for line in lines] == ["3", "1"]


def test_refusals_name_the_day_without_a_traceback(folder: Path) -> None:
    code, out, err = run(
        folder, "absence", "report", "1", "--kind", "sick", "--from", "2026-06-29",
        "--to", "2026-07-01",
    )  # fmt: skip
    assert code != 0 and out == "" and "Traceback" not in err
    assert "2026-07-01 är ingen anställningsdag" in err
    code, out, err = run(
        folder, "absence", "report", "1", "--kind", "sick", "--from", "2026-06-29",
        "--to", "2026-07-01", "--lang", "en",
    )  # fmt: skip
    assert code != 0 and "2026-07-01 is not a day of employment" in err
    code, out, err = run(folder, "absence", "report", "1", "--kind", "x", "--from", "2026-05-04")
    assert code != 0 and "Traceback" not in err and "ingen sorts frånvaro" in err
    code, out, err = run(folder, "absence", "report", "1", "--kind", "sick", "--from", "4 maj")
    assert code != 0 and "Traceback" not in err
    code, out, err = run(folder, "absence", "list", "--json")
    assert json.loads(out) == []


def test_help_is_swedish_in_swedish(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOOPERATIV_LANGUAGE", "sv")
    result = runner.invoke(app, ["absence", "--help"])
    assert result.exit_code == 0 and "Frånvaro: sjukfrånvaro" in result.stdout
    result = runner.invoke(app, ["--help"])
    assert "Frånvaro: sjukfrånvaro" in result.stdout
    code, out, _ = run(folder, "absence", "report", "--help")
    assert code == 0 and "Anmäl frånvaro" in out and "Läkarintyg har visats" in out

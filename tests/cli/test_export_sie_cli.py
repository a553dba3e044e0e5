# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ export sie``: the file written where asked (or under its usual name), the
path printed relative to the current folder, in Swedish and English, as JSON; a member and
a bad type refused with a clear error and no file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Actor, Cooperative
from kooperativ.cli import app
from kooperativ.countries.se.sie import read_sie
from kooperativ.members.models import Role

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Interim kultur (Swedish) with one member and one voucher for her, the current
    folder being ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    treasurer = Actor(name="kassör", roles=frozenset({Role.TREASURER}))
    with Cooperative.open(folder) as coop:
        ada = coop.members.add(
            Actor.admin(), first_name="Åsa", last_name="Lind", person_id="198503129804"
        )
        coop.ledger.book(
            treasurer,
            {
                "series": "A",
                "date": date(2026, 5, 4),
                "text": "Faktura 1, Kulturhuset",
                "lines": [
                    {"account": 1510, "amount": "1000.00"},
                    {"account": 3041, "amount": "-1000.00"},
                    {"account": 7690, "amount": "940.00", "member": ada.number},
                    {"account": 2890, "amount": "-940.00", "member": ada.number},
                ],
            },
        )
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_writes_the_year_under_its_usual_name(folder: Path, tmp_path: Path) -> None:
    code, out, err = run("export", "sie", "--coop", str(folder), "--year", "2026")
    assert (code, err) == (0, "")
    written = tmp_path / "5598765435_2026.se"
    size = written.stat().st_size
    assert out == f"Skrev 5598765435_2026.se (SIE 4E, 2026, {size} byte).\n"
    sie = read_sie(written.read_bytes())
    (voucher,) = sie.vouchers
    assert voucher.label == "A 1"
    assert voucher.rows[3].objects == ((20, "1"),)
    assert sie.objects[(20, "1")].name == "Åsa Lind"
    assert sie.balance("RES", 3041) == -1000
    assert sie.balance("RES", 7690) == 940


def test_4i_to_a_file_in_english(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    code, out, err = run(
        "export", "sie", "--coop", str(folder), "--year", "2026", "--type", "4I",
        "--out", "out/ledger.si", "--lang", "en",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith(f"Wrote {Path('out/ledger.si')} (SIE 4I, 2026, ")
    sie = read_sie((tmp_path / "out" / "ledger.si").read_bytes())
    assert len(sie.vouchers) == 1 and not sie.opening


def test_json(folder: Path, tmp_path: Path) -> None:
    code, out, err = run("export", "sie", "--coop", str(folder), "--year", "2026", "--json")
    assert (code, err) == (0, "")
    summary = json.loads(out)
    assert summary["path"] == "5598765435_2026.se"
    assert summary["type"] == "4E" and summary["year"] == 2026
    assert summary["bytes"] == (tmp_path / "5598765435_2026.se").stat().st_size


def test_a_member_may_not(folder: Path, tmp_path: Path) -> None:
    code, out, err = run("export", "sie", "--coop", str(folder), "--year", "2026", "--as", "1")
    assert code != 0 and out == ""
    assert "får inte läsa bokföringen" in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("*.se"))


def test_a_bad_type(folder: Path, tmp_path: Path) -> None:
    code, out, err = run("export", "sie", "--coop", str(folder), "--year", "2026", "--type", "5")
    assert code != 0 and out == ""
    assert err.strip() == "fel: typ: '5' är ingen bokföringsfil som landet skriver (kända: 4E, 4I)"
    assert not list(tmp_path.glob("*.s?"))


def test_a_folder_that_cannot_be_written(folder: Path, tmp_path: Path) -> None:
    code, out, err = run(
        "export", "sie", "--coop", str(folder), "--year", "2026", "--out", "missing/x.se"
    )
    assert code != 0 and out == ""
    assert "kan inte skriva" in err


def test_help_in_swedish(folder: Path) -> None:
    result = runner.invoke(app, ["--help"], env={"KOOPERATIV_LANGUAGE": "sv"})
    assert result.exit_code == 0
    assert "Filer till myndigheterna, banken och" in result.stdout
    result = runner.invoke(app, ["export", "--help"], env={"KOOPERATIV_LANGUAGE": "sv"})
    assert result.exit_code == 0
    assert "Filer till myndigheterna, banken och bokföringen." in result.stdout
    assert "sie" in result.stdout
    code, out, _ = run("export", "sie", "--coop", str(folder), "--help")
    assert code == 0
    assert "Skriv årets bokföring som en SIE 4-fil" in out
    assert "Räkenskapsåret" in out

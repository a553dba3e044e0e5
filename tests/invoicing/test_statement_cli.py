# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ account statement``: table, --json, --invoice, --pdf, a refusal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Actor, Cooperative
from kooperativ.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KOOPERATIV_LANGUAGE", "KOOPERATIV_HOME", "KOOPERATIV_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder) as coop:
        admin = Actor.admin()
        alva = coop.members.add(
            admin, first_name="Alva", last_name="Berglund", person_id="198503129804",
            status="member", joined_on=date(2024, 3, 1),
        )  # fmt: skip
        client = coop.clients.add(admin, name="Stadsteatern AB", orgnr="556677-8808")
        job = coop.assignments.add(
            admin, member=alva.id, client=client.id, start=date(2026, 11, 1),
            end=date(2026, 11, 20), description="Workshop", hourly_rate="850", hours="12.5",
        )  # fmt: skip
        coop.invoices.create(admin, assignments=[job.number], issue_date=date(2026, 11, 20))
    return folder


def run(folder: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--coop", str(folder)])
    return result.exit_code, result.stdout.replace("\u00a0", " ") + result.stderr


def test_the_statement_on_the_command_line(folder: Path, tmp_path: Path) -> None:
    # 12.5 × 850 = 10 625.00; fee 6 % = 637.50; budget 9 987.50.
    code, out = run(folder, "account", "statement", "1", "--period", "2026-11")
    assert code == 0, out
    assert "10 625,00" in out and "637,50" in out and "9 987,50" in out and "Kvar" in out
    code, out = run(folder, "account", "statement", "1", "--json")
    view = json.loads(out)
    assert view["budget"] == "9987.50" and view["account"]["closing"] == "9987.50"
    code, out = run(folder, "account", "statement", "1", "--invoice", "A1", "--json")
    assert json.loads(out)["fee"] == "637.50"
    target = tmp_path / "s.pdf"
    code, out = run(folder, "account", "statement", "1", "--pdf", str(target), "--lang", "en")
    assert code == 0, out
    assert target.read_bytes().startswith(b"%PDF-")
    code, out = run(folder, "account", "statement", "1", "--invoice", "A7")
    assert code != 0 and "A7" in out and "Traceback" not in out
    code, out = run(folder, "account", "statement", "1", "--period", "2026-13")
    assert code != 0 and "2026-13" in out and "Traceback" not in out

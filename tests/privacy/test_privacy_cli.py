# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ privacy export|retention|due|minimise|pseudonymise`` as a user runs them,
on a cooperative folder with its default SQLite database."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Cooperative
from kooperativ.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path, build_scenario: Callable[[Cooperative], None]) -> Path:
    """The scenario of conftest.py in a cooperative folder on SQLite."""
    target = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(target, clock=lambda: datetime(2026, 11, 27, tzinfo=UTC)) as coop:
        build_scenario(coop)
    return target


def test_export_summary_json_and_pdf(folder: Path, tmp_path: Path) -> None:
    c = ("--coop", str(folder))
    code, out, err = run("privacy", "export", "2", *c)
    assert code == 0, err
    assert "Ada Lind" in out and "Medlemsavgifter" in out  # the example's language is sv
    code, out, err = run("privacy", "export", "2", *c, "--as", "2", "--json")
    assert code == 0, err
    document = json.loads(out)
    assert document["schema"] == "kooperativ.personal-data"
    assert document["schema_version"] == 1
    assert document["member"]["person_id"] == "198503129804"
    target = tmp_path / "ada.pdf"
    code, out, err = run("privacy", "export", "2", *c, "--pdf", str(target), "--lang", "en")
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF-")
    code, _, err = run("privacy", "export", "2", *c, "--json", "--pdf", str(target))
    assert code == 2 and "inte båda" in err


def test_a_member_cannot_export_another(folder: Path) -> None:
    code, out, err = run("privacy", "export", "2", "--coop", str(folder), "--as", "3", "--json")
    assert code == 2
    assert out == "" and "bara se sina egna personuppgifter" in err


def test_retention_due_and_pseudonymise(folder: Path) -> None:
    c = ("--coop", str(folder))
    code, out, err = run("privacy", "retention", "2", *c, "--on", "2026-07-01")
    assert code == 0, err
    assert "2026-06-30" in out and "2034-01-01" in out
    code, out, err = run("privacy", "due", *c, "--on", "2026-06-30", "--json")
    assert code == 0, err
    assert [(i["subject"], i["number"], i["action"]) for i in json.loads(out)] == [
        ("member", 2, "minimise")
    ]
    code, out, err = run("privacy", "minimise", "2", *c, "--on", "2026-06-30", "--yes")
    assert code == 0, err
    code, _, err = run("privacy", "pseudonymise", "2", *c, "--on", "2033-12-31", "--yes")
    assert code == 2
    assert "2034-01-01" in err and "2033-12-31" in err
    code, out, err = run("privacy", "pseudonymise", "2", *c, "--on", "2034-01-01", "--json")
    assert code == 1 and "Avbrutet" in out + err  # no --yes, no confirmation given
    code, out, err = run(
        "privacy", "pseudonymise", "2", *c, "--on", "2034-01-01", "--yes", "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["pseudonym"].startswith("Pseudonym ")
    assert {"record": "member", "number": 2} in result["changed"]
    code, out, err = run("audit", "verify", *c, "--json")
    assert code == 0 and json.loads(out)["intact"], out + err
    code, out, _ = run("privacy", "due", *c, "--on", "2034-01-01")
    assert code == 0 and "Ada Lind" not in out

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ travel …``: hand in, approve (never one's own), show and list; Swedish and
English, JSON, errors naming the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Cooperative
from kooperativ.cli import app

runner = CliRunner()

UMEA = (
    "travel", "claim", "1", "--destination", "Umeå", "--departure", "2026-03-02T08:00",
    "--return", "2026-03-04T17:00", "--km-from-home", "640", "--nights", "2",
    "--lodging-paid", "--meal", "2026-03-03:breakfast,lunch", "--meal", "2026-03-04:breakfast",
    "--per-diem", "900", "--km", "1280", "--mileage-paid", "3840",
)  # fmt: skip


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
    return folder


def test_claim_approve_show_list(folder: Path) -> None:
    code, out, err = run(folder, *UMEA, "--as", "1")
    assert (code, err) == (0, "")
    assert " ".join(out.split()) == (
        "Reseräkning 1: 4 740,00 kr, varav skattefritt 3 755,00 kr och skattepliktigt "
        "985,00 kr, begärd."
    )
    code, out, err = run(folder, "travel", "approve", "1", "--as", "1")
    assert code == 2 and out == "" and "Ada Lind" in err and "reseräkningar" in err
    code, out, err = run(folder, "travel", "approve", "1", "--as", "2", "--lang", "en")
    assert (code, err) == (0, "") and out.rstrip().endswith("approved.")
    code, out, _ = run(folder, "travel", "show", "1", "--as", "1")
    assert code == 0 and "godkänd" in out and "3 755,00" in out and "011, 050, 051" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out, _ = run(folder, "travel", "list", "--json", "--as", "1")
    (listed,) = json.loads(out)
    assert (listed["per_diem_tax_free"], listed["mileage_taxable"]) == ("555.00", "640.00")
    assert listed["status"] == "approved" and listed["decided_by"] == "Tove Lind"
    code, out, _ = run(folder, "travel", "list", "--lang", "en")
    assert code == 0 and "Umeå" in out and "3,755.00" in out and "approved" in out


def test_a_member_sees_only_their_own(folder: Path) -> None:
    code, _, _ = run(folder, *UMEA[:2], "2", *UMEA[3:], "--as", "2")
    assert code == 0
    code, out, err = run(folder, "travel", "show", "1", "--as", "1", "--lang", "en")
    assert code != 0 and "may only see their own travel claims" in err
    code, out, _ = run(folder, "travel", "list", "--json", "--as", "1")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--departure", "2026-03-02T08:00"), "departure: a per diem needs --departure"),
        (("--departure", "måndag", "--return", "x"), "departure: 'måndag' is not a date"),
        (("--km", "10"), "on: give the day driven"),
        (("--km", "10", "--on", "2026-05-04", "--mileage-paid", "-5"), "mileage_paid"),
        (("--departure", "2026-03-02T08:00", "--return", "2026-03-03T20:00",
          "--km-from-home", "100", "--meal", "2026-03-02:brunch"), "meal: '2026-03-02:brunch'"),
    ],
)  # fmt: skip
def test_bad_input_is_an_error_naming_the_field(
    folder: Path, args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(
        folder, "travel", "claim", "1", "--destination", "X", *args, "--lang", "en"
    )
    assert code != 0 and out == "" and message in err and "Traceback" not in err
    code, out, _ = run(folder, "travel", "list", "--json")
    assert json.loads(out) == []

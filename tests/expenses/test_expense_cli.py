# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ expense …`` and ``kooperativ salary-request …``: hand in, approve (never
one's own), list, ask for a salary; Swedish and English, JSON, 80 columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Cooperative
from kooperativ.cli import app

runner = CliRunner()

EXPENSE = (
    "expense", "add", "1", "--date", "2026-05-04", "--description",
    "Akvarellpapper till utställningen", "--receipt", "K-17", "--amount", "1250",
    "--vat", "250",
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


def test_hand_in_approve_and_list(folder: Path) -> None:
    code, out, err = run(folder, *EXPENSE, "--as", "1")
    assert (code, err) == (0, "")
    assert out.strip() == "Utlägg 1: 1 250,00 kr (moms 250,00 kr), inlämnat."
    code, out, err = run(folder, "expense", "approve", "1", "--as", "1")
    assert code == 2 and out == "" and "Ada Lind får inte besluta om utlägg" in err
    code, out, err = run(folder, "expense", "approve", "1", "--as", "2", "--lang", "en")
    assert (code, err) == (0, "")
    assert "Booked as voucher M1." in out
    code, out, _ = run(folder, "account", "show", "1", "--json")
    assert json.loads(out)["closing"] == "1250.00"
    code, out, _ = run(folder, "expense", "list", "--json", "--as", "1")
    (listed,) = json.loads(out)
    assert (listed["amount"], listed["vat"], listed["status"]) == ("1250.00", "250.00", "approved")
    assert listed["voucher"] == "M1" and listed["decided_by"] == "Tove Lind"
    code, out, _ = run(folder, "expense", "list", "--as", "2")
    assert code == 0 and "godkänt" in out and "1 250,00" in out


def test_a_treasurer_cannot_approve_their_own(folder: Path) -> None:
    code, _, _ = run(folder, *EXPENSE[:2], "2", *EXPENSE[3:], "--as", "2")
    assert code == 0
    code, out, err = run(folder, "expense", "approve", "1", "--as", "2", "--lang", "en")
    assert code == 2 and "may not decide on their own expenses" in err
    code, out, _ = run(folder, "expense", "list", "--json")
    assert json.loads(out)[0]["status"] == "submitted"


def test_salary_request_shows_what_it_becomes(folder: Path) -> None:
    assert run(folder, *EXPENSE)[0] == 0
    assert run(folder, "expense", "approve", "1")[0] == 0
    # 1 250 kr owed for the expense is paid back tax-free, not as salary.
    code, out, err = run(folder, "salary-request", "add", "1", "--date", "2026-06-25",
                         "--amount", "100", "--lang", "en")  # fmt: skip
    assert code == 2 and "100.00 is more than the account allows: 0.00 available" in err
    code, out, err = run(folder, "salary-request", "list", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_tables_fit_80_columns(folder: Path, lang: str) -> None:
    assert run(folder, *EXPENSE)[0] == 0
    for args in (["expense", "list"], ["salary-request", "list"]):
        code, out, err = run(folder, *args, "--lang", lang)
        assert code == 0, err
        assert max(len(line) for line in out.splitlines()) <= 80


SHARE = """\
series = "M"
date = 2026-05-25
text = "Andel av faktura 1"
[[lines]]
account = 1930
amount = "20000.00"
[[lines]]
account = 2890
amount = "-20000.00"
member = 1
"""


def test_salary_request_add_list_and_approve(folder: Path) -> None:
    (folder / "share.toml").write_text(SHARE, "utf-8")
    assert run(folder, "ledger", "book", "--file", str(folder / "share.toml"))[0] == 0
    code, out, err = run(
        folder, "salary-request", "add", "1", "--date", "2026-06-25", "--as", "1", "--lang", "en"
    )
    assert (code, err) == (0, "")
    assert "Salary request 1, 2026-06-25:" in out and "requested" in out
    # 20 000 kr budget: gross 13 587, holiday pay 12 % = 1 630.44, contributions 31.42 % of
    # 15 217.44 = 4 781.32 (sum 19 998.76), tax 2 279 (table 33), net 12 938.44.
    for figure in ("13,587.00", "4,781.32", "2,279.00", "12,938.44"):
        assert figure in out, figure
    for label in ("Budget", "Gross salary", "Employer contributions", "Tax", "Net salary"):
        assert label in out
    assert "20,000.00" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out, err = run(folder, "salary-request", "approve", "1", "--as", "1")
    assert code == 2 and "Ada Lind får inte besluta om löneuttag" in err
    code, out, err = run(folder, "salary-request", "approve", "1", "--as", "2", "--json")
    assert code == 0, err
    approved = json.loads(out)
    assert (approved["status"], approved["budget"], approved["amount"]) == (
        "approved",
        "20000.00",
        None,
    )
    code, out, _ = run(folder, "salary-request", "list", "--as", "1")
    assert code == 0 and "godkänt" in out and "20 000,00" in out

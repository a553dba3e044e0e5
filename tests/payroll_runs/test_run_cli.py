# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ payroll run|show|list|approve|mark-paid|correct``: the worked example of
docs/salary.md through the command line, in Swedish and English, with JSON, masked
personal data, and clear errors with a non-zero exit and nothing written."""

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
    voucher = folder / "andel.toml"
    voucher.write_text(
        'series = "M"\ndate = 2026-05-25\ntext = "Andel"\n'
        '[[lines]]\naccount = 1930\namount = "28200.00"\n'
        '[[lines]]\naccount = 2890\namount = "-28200.00"\nmember = 1\n',
        encoding="utf-8",
    )
    for args in (
        ("ledger", "book", "--file", str(voucher)),
        ("salary-request", "add", "1", "--date", "2026-11-25", "--amount", "28200"),
        ("salary-request", "approve", "1"),
    ):
        code, out, err = run(folder, *args)
        assert code == 0, out + err
    return folder


def test_a_month_through_the_command_line(folder: Path) -> None:
    code, out, err = run(
        folder, "payroll", "run", "--period", "2026-11", "--pay-date", "2026-11-25"
    )
    assert (code, err) == (0, "")
    assert "Lönekörning 1, 2026-11, utbetalningsdag 2026-11-25: utkast." in out
    assert "17 676,96" in out and "21 456,96" in out  # net pay, taxable pay (docs/salary.md)
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out, _ = run(folder, "payroll", "show", "1", "--lang", "en")
    assert code == 0
    assert "Ada Lind" in out and "*****" in out and "17,676.96" in out  # the run's total
    assert "Amounts per member are shown with --show-personal-data." in out
    code, out, _ = run(folder, "payroll", "show", "1", "--json")
    data = json.loads(out)
    (slip,) = data["payslips"]
    assert slip["person_id"] == "19850312-****" and slip["net_pay"] == "17676.96"
    code, out, _ = run(folder, "payroll", "show", "1", "--json", "--show-personal-data")
    assert json.loads(out)["payslips"][0]["person_id"] == "198503129804"
    code, out, err = run(folder, "payroll", "approve", "1", "--as", "1")
    assert code != 0 and out == "" and "Ada Lind får inte godkänna lönekörningar" in err
    code, out, err = run(folder, "payroll", "approve", "1", "--as", "2")
    assert (code, err) == (0, "")
    assert "godkänd" in out and "Bokfört som verifikation L1." in out
    code, out, err = run(
        folder, "payroll", "run", "--period", "2026-11", "--pay-date", "2026-11-25"
    )
    assert code != 0 and "lönekörning 1 för 2026-11 är godkänd: den räknas inte om" in err
    code, out, err = run(folder, "payroll", "mark-paid", "1", "--paid-on", "2026-11-25", "--json")
    assert (code, err) == (0, "") and json.loads(out)["status"] == "paid"
    code, out, _ = run(folder, "payroll", "list", "--lang", "en")
    assert code == 0 and "Payroll runs" in out and "paid" in out
    code, out, err = run(folder, "payroll", "correct", "1", "--member", "1", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["kind"] == "correction" and json.loads(out)["corrects"] == 1


def test_bad_input_exits_with_a_clear_error(folder: Path) -> None:
    code, out, err = run(
        folder, "payroll", "run", "--period", "2026-13", "--pay-date", "2026-11-25"
    )
    assert code != 0 and out == "" and "'2026-13' är ingen löneperiod (ÅÅÅÅ-MM)" in err
    assert "Traceback" not in err
    code, out, err = run(
        folder, "payroll", "run", "--period", "2026-10", "--pay-date", "2026-10-25", "--lang", "en"
    )
    assert code != 0 and "no approved salary request has a pay date in 2026-10" in err
    code, out, err = run(folder, "payroll", "show", "7")
    assert code != 0 and out == ""
    code, out, _ = run(folder, "payroll", "list", "--json")
    assert json.loads(out) == []

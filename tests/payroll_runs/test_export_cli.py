# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ payroll payslips``, ``export pain001`` and ``export agi``: the files of a
run through the command line, in Swedish and English, with JSON; a member gets only their
own payslip; refusals are clear, in Swedish, without a traceback, with a non-zero exit and
no file written."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from kooperativ import Cooperative
from kooperativ.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KOOPERATIV_LANGUAGE", "KOOPERATIV_HOME", "KOOPERATIV_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--coop", str(folder)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result
    return result.exit_code, result.stdout.replace("\u00a0", " "), result.stderr


def ok(folder: Path, *args: str) -> str:
    code, out, err = run(folder, *args)
    assert code == 0, out + err
    return out


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Ada (member 1, paid to 5001-1234563), Bo (2, no bank account yet) and the
    treasurer Tove (3); November 2026 computed and approved by Tove."""
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    for first, pid, extra in (
        ("Ada", "198503129804", ("--bank-account", "5001-1234563")),
        ("Bo", "199002149806", ()),
        ("Tove", "19910704-9802", ("--role", "treasurer")),
    ):
        ok(
            folder, "member", "add", "--first-name", first, "--last-name", "Lind",
            "--personnummer", pid, "--joined", "2026-01-01", *extra,
        )  # fmt: skip
    voucher = folder / "andel.toml"
    voucher.write_text(
        'series = "M"\ndate = 2026-05-25\ntext = "Andel"\n'
        '[[lines]]\naccount = 1930\namount = "43200.00"\n'
        '[[lines]]\naccount = 2890\namount = "-28200.00"\nmember = 1\n'
        '[[lines]]\naccount = 2890\namount = "-15000.00"\nmember = 2\n',
        encoding="utf-8",
    )
    ok(folder, "ledger", "book", "--file", str(voucher))
    for member, amount, number in (("1", "28200", "1"), ("2", "15000", "2")):
        ok(folder, "salary-request", "add", member, "--date", "2026-11-25", "--amount", amount)
        ok(folder, "salary-request", "approve", number)
    ok(folder, "payroll", "run", "--period", "2026-11", "--pay-date", "2026-11-25")
    ok(folder, "payroll", "approve", "1", "--as", "3")
    return folder


def test_payslips_are_written_one_file_each(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = ok(folder, "payroll", "payslips", "1", "--out", "slips")
    assert out.splitlines() == [
        "slips/lonespec-2026-11-m001.pdf",
        "slips/lonespec-2026-11-m002.pdf",
        "Skrivna lönespecifikationer: 2.",
    ]
    for name in ("lonespec-2026-11-m001.pdf", "lonespec-2026-11-m002.pdf"):
        assert (tmp_path / "slips" / name).read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext") is not None:
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "slips" / "lonespec-2026-11-m001.pdf"), "-"],
            capture_output=True, check=True, text=True,
        ).stdout.replace("\u00a0", " ")  # fmt: skip
        assert "Ada Lind" in text and "17 676,96" in text and "Bo Lind" not in text
    # a member with --as gets their own only, in the language asked for
    out = ok(folder, "payroll", "payslips", "1", "--out", "mine", "--as", "2", "--lang", "en")
    assert out.splitlines() == ["mine/lonespec-2026-11-m002.pdf", "Payslips written: 1."]
    data = json.loads(ok(folder, "payroll", "payslips", "1", "--out", "one", "--member", "1",
                         "--json"))  # fmt: skip
    assert [(d["path"], d["member"], d["run"]) for d in data] == [
        ("one/lonespec-2026-11-m001.pdf", 1, 1)
    ]


def test_payslips_refused(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(folder, "payroll", "payslips", "1", "--out", "x", "--as", "2",
                         "--member", "1")  # fmt: skip
    assert code != 0 and out == "" and "Traceback" not in err
    assert "Bo Lind får bara se sina egna uppgifter (lönespecifikationer)" in err, err
    code, out, err = run(folder, "payroll", "payslips", "9", "--out", "x")
    assert code != 0 and "lönekörning '9' finns inte" in err, err
    code, out, err = run(folder, "payroll", "payslips", "1", "--out", "x", "--member", "3")
    assert code != 0 and "medlem 3 har ingen lönespecifikation i lönekörning 1" in err, err
    assert not (tmp_path / "x").exists()  # nothing written


def test_pain001_and_agi(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # Bo has no bank account: refused naming his member number, nothing written
    code, out, err = run(folder, "export", "pain001", "--run", "1")
    assert code != 0 and out == "" and "Traceback" not in err
    assert "bankkonto: medlem 2 har inget bankkonto på lönespecifikation 2" in err, err
    assert not list(tmp_path.glob("*.xml"))
    # as the message says: register the account, correct the run, approve the correction
    ok(folder, "member", "update", "2", "--bank-account", "8327-9, 123 456 789-7")
    ok(folder, "payroll", "correct", "1", "--member", "2")  # run 2: Bo's account on it
    code, out, err = run(folder, "export", "pain001", "--run", "1")
    assert code != 0 and "medlem 2 har inget bankkonto" in err  # not approved yet
    ok(folder, "payroll", "approve", "2", "--as", "3")
    code, out, err = run(folder, "export", "pain001", "--run", "2")
    assert code != 0 and "lönekörning 2 betalar inget via banken" in err, err
    out = ok(folder, "export", "pain001", "--run", "1")  # Bo paid to the corrected account
    assert out.startswith("Skrev pain001-2026-11-1.xml (pain.001.001.03, lönekörning 1, ")
    text = (tmp_path / "pain001-2026-11-1.xml").read_text("utf-8")
    assert "<NbOfTxs>2</NbOfTxs>" in text and "<Id>83271234567897</Id>" in text

    out = ok(folder, "export", "agi", "--period", "2026-11")
    assert out.strip() == "Skrev agi-2026-11.xml (arbetsgivardeklaration 2026-11, {} byte).".format(
        (tmp_path / "agi-2026-11.xml").stat().st_size
    )
    root = etree.parse(str(tmp_path / "agi-2026-11.xml")).getroot()
    codes = {e.get("faltkod") for e in root.iter() if e.get("faltkod")}
    assert {"487", "497", "011", "001", "570"} <= codes
    data = json.loads(ok(folder, "export", "agi", "--period", "2026-11", "--corrections-only",
                         "--out", "rattelse.xml", "--json"))  # fmt: skip
    assert data["path"] == "rattelse.xml" and data["corrections_only"] is True
    code, out, err = run(folder, "export", "agi", "--period", "2026-10")
    assert code != 0 and "ingen godkänd lönekörning har lönespecifikationer i 2026-10" in err
    code, out, err = run(folder, "export", "agi", "--period", "2026-13", "--lang", "en")
    assert code != 0 and "period" in err and "Traceback" not in err
    code, out, err = run(folder, "export", "agi", "--period", "2026-11", "--as", "1")
    assert code != 0 and "Ada Lind får inte göra arbetsgivardeklarationer" in err, err


def test_pain001_written(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ok(folder, "member", "update", "2", "--bank-account", "8327-9, 123 456 789-7")
    voucher = folder / "andel2.toml"
    voucher.write_text(
        'series = "M"\ndate = 2026-12-01\ntext = "Andel"\n'
        '[[lines]]\naccount = 1930\namount = "10000.00"\n'
        '[[lines]]\naccount = 2890\namount = "-10000.00"\nmember = 2\n',
        encoding="utf-8",
    )
    ok(folder, "ledger", "book", "--file", str(voucher))
    ok(folder, "salary-request", "add", "2", "--date", "2026-12-25", "--amount", "10000")
    ok(folder, "salary-request", "approve", "3")
    ok(folder, "payroll", "run", "--period", "2026-12", "--pay-date", "2026-12-23")
    code, out, err = run(folder, "export", "pain001", "--run", "2")
    assert code != 0 and "lönekörning 2 är ett utkast: godkänn den innan den betalas" in err
    ok(folder, "payroll", "approve", "2", "--as", "3")
    out = ok(folder, "export", "pain001", "--run", "2")
    size = (tmp_path / "pain001-2026-12-2.xml").stat().st_size
    assert (
        out.strip() == f"Skrev pain001-2026-12-2.xml (pain.001.001.03, lönekörning 2, {size} byte)."
    )
    data = json.loads(ok(folder, "export", "pain001", "--run", "2", "--version", "09",
                         "--out", "bank/lon.xml", "--json", "--lang", "en"))  # fmt: skip
    assert data == {
        "path": "bank/lon.xml", "run": 2, "version": "pain.001.001.09",
        "bytes": (tmp_path / "bank" / "lon.xml").stat().st_size,
    }  # fmt: skip
    root = etree.parse(str(tmp_path / "bank" / "lon.xml")).getroot()
    assert etree.QName(root).namespace.endswith("pain.001.001.09")
    code, out, err = run(folder, "export", "pain001", "--run", "2", "--version", "07")
    assert code != 0 and "version: '07' är ingen pain.001-version" in err, err
    code, out, err = run(folder, "export", "pain001", "--run", "2", "--as", "2")
    assert code != 0 and "Bo Lind får inte göra betalningsfiler" in err, err

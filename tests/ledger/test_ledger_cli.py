# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ ledger …`` and ``kooperativ account …``: book from a file, list, show,
correct, close, the trial balance and a member's account, in Swedish and English, as
JSON, within 80 columns, and bad input as a clear error with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Cooperative
from kooperativ.cli import app

runner = CliRunner()

INVOICE = """\
series = "A"
date = 2026-05-04
text = "Faktura 1, Kulturhuset"
[document]
kind = "invoice"
key = "1"
[[lines]]
account = 1510
amount = "12500.00"
[[lines]]
account = 2611
amount = "-2500.00"
[[lines]]
account = 3041
amount = "-10000.00"
[[lines]]
account = 3041
amount = "9400.00"
[[lines]]
account = 2890
amount = "-9400.00"
member = 1
"""


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KOOPERATIV_LANGUAGE", "KOOPERATIV_HOME", "KOOPERATIV_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


def run(folder: Path | None, *args: str) -> tuple[int, str, str]:
    """Run the command on ``folder`` (none for a group's help, whose language comes from
    ``--lang`` made the environment's); no-break spaces read as spaces."""
    if folder is None and "--lang" in args:
        at = args.index("--lang")
        env = {"KOOPERATIV_LANGUAGE": args[at + 1]}
        result = runner.invoke(app, [*args[:at], *args[at + 2 :]], env=env)
    else:
        result = runner.invoke(app, [*args, *(["--coop", str(folder)] if folder else [])])
    return result.exit_code, result.stdout.replace("\u00a0", " "), result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    for first, pid in (("Ada", "198503129804"), ("Bo", "19780923-9804")):
        code, out, err = run(
            folder, "member", "add", "--first-name", first, "--last-name", "Lind",
            "--personnummer", pid, "--joined", "2026-01-01",
        )  # fmt: skip
        assert code == 0, out + err
    (folder / "invoice.toml").write_text(INVOICE, "utf-8")
    return folder


def test_book_list_show_correct_close_and_balance(folder: Path) -> None:
    code, out, err = run(folder, "ledger", "book", "--file", str(folder / "invoice.toml"))
    assert (code, err) == (0, "")
    assert "Verifikation A1 bokförd (löpnummer 1)." in out
    code, out, _ = run(folder, "ledger", "list", "--lang", "en")
    assert code == 0 and "A1" in out and "21,900.00" in out
    code, out, _ = run(folder, "ledger", "show", "A", "1")
    assert code == 0 and "Kundfordringar" in out and "9 400,00" in out and "Debet" in out
    code, out, _ = run(folder, "account", "show", "1", "--period", "2026-05")
    assert code == 0 and "Ingående saldo" in out and "9 400,00" in out
    code, out, _ = run(folder, "ledger", "correct", "a", "1", "--reason", "fel kund")
    assert code == 0 and "A2" in out
    code, out, _ = run(folder, "ledger", "close", "2026-05", "--lang", "en")
    assert (code, out.strip()) == (0, "Period 2026-05 closed.")
    code, out, _ = run(folder, "ledger", "balance", "--json")
    trial = json.loads(out)
    assert trial["total"] == "0.00"
    assert {a["account"]: a["balance"] for a in trial["accounts"]}[1510] == "0.00"
    code, out, _ = run(folder, "account", "show", "1", "--json")
    account = json.loads(out)
    assert [line["balance"] for line in account["lines"]] == ["9400.00", "0.00"]
    assert account["closing"] == "0.00"
    code, out, _ = run(folder, "ledger", "show", "A", "2", "--json")
    assert json.loads(out)["corrects"] == {"series": "A", "serial": 1}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_ledger_table_fits_80_columns(folder: Path, lang: str) -> None:
    assert run(folder, "ledger", "book", "--file", str(folder / "invoice.toml"))[0] == 0
    for args in (
        ["ledger", "list"],
        ["ledger", "show", "A", "1"],
        ["ledger", "balance"],
        ["account", "show", "1"],
        ["ledger", "--help"],
        ["account", "show", "--help"],
    ):
        code, out, err = run(None if args[-1] == "--help" else folder, *args, "--lang", lang)
        assert code == 0, (args, out + err)
        wide = [line for line in out.splitlines() if len(line) > 80]
        assert not wide, (args, wide)
        assert "…" not in out
        if lang == "en":
            assert not {"Verifikation", "Råbalans", "Saldo"} & set(out.split()), args


def test_a_member_sees_only_their_own_account(folder: Path) -> None:
    assert run(folder, "ledger", "book", "--file", str(folder / "invoice.toml"))[0] == 0
    code, out, _ = run(folder, "account", "show", "1", "--as", "1")
    assert code == 0 and "9 400,00" in out
    code, out, err = run(folder, "account", "show", "1", "--as", "2")
    assert code == 2 and out == "" and "Traceback" not in err
    code, out, err = run(folder, "ledger", "balance", "--as", "1")
    assert code == 2 and "får inte läsa bokföringen" in err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('amount = "-9400.00"', 'amount = "-9400.01"'), "differ by 0.01"),
        (("account = 1510", "account = 1511"), "1511"),
        (('series = "A"', 'series = "X"'), "X"),
        (("date = 2026-05-04", "date = 2026-05-"), "TOML"),
        (('amount = "12500.00"', "amount = 12500.5"), "amount"),
        (("member = 1", "member = 9"), "9"),
    ],
)
def test_bad_voucher_files_are_clear_errors_and_write_nothing(
    folder: Path, change: tuple[str, str], message: str
) -> None:
    path = folder / "bad.toml"
    path.write_text(INVOICE.replace(*change), "utf-8")
    code, out, err = run(folder, "ledger", "book", "--file", str(path), "--lang", "en")
    assert code == 2 and out == "", err
    assert message in err and "Traceback" not in err
    assert run(folder, "ledger", "list", "--json")[1].strip() == "[]"
    code, out, err = run(folder, "ledger", "book", "--file", str(folder / "missing.toml"))
    assert code == 2 and "missing.toml" in err


def test_a_closed_period_refuses_a_voucher(folder: Path) -> None:
    assert run(folder, "ledger", "close", "2026-05")[0] == 0
    code, _, err = run(folder, "ledger", "book", "--file", str(folder / "invoice.toml"))
    assert code == 2 and "stängda perioden 2026-05" in err
    code, _, err = run(folder, "ledger", "close", "2026-05", "--json")
    assert code == 2 and json.loads(err)["error"]["code"] == "conflict"

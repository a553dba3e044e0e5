# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ invoice …`` on the demo cooperative: create, list, show, pdf, credit, the
``--json`` output, 80-column tables, and bad input (a clear error, a non-zero exit,
nothing written)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ.cli import app

runner = CliRunner()


def run(folder: Path, *args: str, columns: int = 80) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--coop", str(folder)], env={"COLUMNS": str(columns)})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"kooperativ {' '.join(args)} raised {result.exception!r}")
    return result.exit_code, (result.stdout + result.stderr).replace("\u00a0", " ")


def stored(folder: Path) -> tuple[int, int]:
    """(invoices, audit events) in the demo's database."""
    with sqlite3.connect(folder / "kooperativ.db") as db:
        invoices = db.execute("SELECT count(*) FROM invoices").fetchone()[0]
        events = db.execute("SELECT count(*) FROM audit_events").fetchone()[0]
    return int(invoices), int(events)


def test_create_list_show_pdf_and_credit(coop_demo: Path, tmp_path: Path) -> None:
    code, out = run(coop_demo, "invoice", "create", "1", "--date", "2026-11-30")
    assert code == 0, out
    # Assignment 1 of the demo: 60 000 kr at 25 %.
    assert "Faktura A1 till Stadsteatern i Exempelstad AB: 75 000,00 kr" in " ".join(out.split())
    code, out = run(coop_demo, "invoice", "create", "2", "--date", "2026-11-30", "--json")
    assert code == 0, out
    second = json.loads(out)
    assert (second["number"], second["total"], second["payment_reference"]) == (
        2, "32500.00", "232",
    )  # fmt: skip
    code, out = run(coop_demo, "invoice", "list")
    assert code == 0 and "Fakturor" in out and "A2" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out = run(coop_demo, "invoice", "show", "A1", "--lang", "en")
    assert code == 0, out
    for words in ("Invoice A1", "Total excl. VAT", "60,000.00", "VAT 25 % of 60,000.00", "133"):
        assert words in out, words
    assert max(len(line) for line in out.splitlines()) <= 80
    target = tmp_path / "a1.pdf"
    code, out = run(coop_demo, "invoice", "pdf", "1", "-o", str(target))
    assert code == 0, out
    assert target.read_bytes().startswith(b"%PDF-")
    code, out = run(coop_demo, "invoice", "credit", "1", "--reason", "Fel pris", "--json")
    assert code == 0, out
    note = json.loads(out)
    assert (note["kind"], note["credits_number"], note["total"]) == ("credit_note", 1, "75000.00")
    code, out = run(coop_demo, "invoice", "list", "--status", "credited", "--json")
    assert [i["number"] for i in json.loads(out)] == [1]


def test_a_member_sees_only_their_own(coop_demo: Path) -> None:
    # Member 3 (Cecilia Ek) has no role beyond member; assignment 3 is hers.
    assert run(coop_demo, "invoice", "create", "1")[0] == 0
    assert run(coop_demo, "invoice", "create", "3")[0] == 0
    code, out = run(coop_demo, "invoice", "list", "--as", "3", "--json")
    assert code == 0 and [i["number"] for i in json.loads(out)] == [2]
    code, out = run(coop_demo, "invoice", "show", "2", "--as", "3")
    assert code == 0 and "Föreningen Musik i Parken" in out
    code, out = run(coop_demo, "invoice", "show", "1", "--as", "3")
    assert code != 0 and "Traceback" not in out
    code, out = run(coop_demo, "invoice", "create", "5", "--as", "3")
    assert code != 0 and "Traceback" not in out


def _private_assignment(folder: Path) -> None:
    code, out = run(
        folder, "client", "add", "--name", "Kim Privat", "--personnummer", "19900101-9802"
    )
    assert code == 0, out
    code, out = run(
        folder, "assignment", "add", "--member", "1", "--client", "4", "--description",
        "Porträtt", "--start", "2026-11-01", "--end", "2026-11-10", "--amount", "5000",
    )  # fmt: skip
    assert code == 0, out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["invoice", "create", "99"], "uppdrag '99' finns inte"),
        (["invoice", "create", "1", "1"], "anges två gånger"),
        (["invoice", "create", "1", "--vat", "reverse_charge"], "uppdragsgivare i Sverige"),
        (["invoice", "create", "1", "4"], "olika medlemmar"),
        (["invoice", "create", "3", "6"], "olika uppdragsgivare"),
        (["invoice", "create", "6", "--vat", "reverse_charge"], "privatperson"),
        (["invoice", "create", "1", "--line", "Workshop;-2;850"], "antal: måste vara mer än noll"),
        (["invoice", "create", "1", "--line", "Workshop;2"], "beskrivning;antal;à-pris"),
        (["invoice", "create", "1", "--vat", "zero"], "momskategori"),
        (["invoice", "create", "1", "--date", "30/11"], "datum"),
        (["invoice", "show", "7"], "faktura '7' finns inte"),
        (["invoice", "credit", "7", "--reason", "x"], "faktura '7' finns inte"),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(
    coop_demo: Path, args: list[str], words: str
) -> None:
    _private_assignment(coop_demo)
    before = stored(coop_demo)
    code, out = run(coop_demo, *args)
    assert code != 0
    assert words in out, out
    assert "Traceback" not in out
    assert stored(coop_demo) == before


def test_invoicing_an_assignment_twice(coop_demo: Path) -> None:
    assert run(coop_demo, "invoice", "create", "1")[0] == 0
    before = stored(coop_demo)
    code, out = run(coop_demo, "invoice", "create", "1", "--json")
    assert code != 0
    error = json.loads(out)["error"]
    assert "uppdrag 1 är redan fakturerat (faktura A1)" in error["message"]
    assert stored(coop_demo) == before
    code, out = run(coop_demo, "invoice", "credit", "1")
    assert code != 0 and "ange varför fakturan krediteras" in out
    assert stored(coop_demo) == before

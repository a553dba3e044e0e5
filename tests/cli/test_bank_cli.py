# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ invoice pay|overdue|remind`` and ``kooperativ bank import|unmatched|resolve``
on the demo cooperative: payments by hand and from a camt.054 file, the same file twice,
an unmatched payment resolved, late-payment interest, a reminder PDF, ``--json``, 80-column
tables, and bad input (a clear error, a non-zero exit, nothing written)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from kooperativ.cli import app

runner = CliRunner()
DATA = Path(__file__).parent.parent / "bank" / "data"


def run(folder: Path, *args: str, columns: int = 80) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--coop", str(folder)], env={"COLUMNS": str(columns)})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"kooperativ {' '.join(args)} raised {result.exception!r}")
    return result.exit_code, (result.stdout + result.stderr).replace("\u00a0", " ")


def stored(folder: Path) -> tuple[int, int, int]:
    """(payments, vouchers, audit events) in the demo's database."""
    with sqlite3.connect(folder / "kooperativ.db") as db:
        return (
            int(db.execute("SELECT count(*) FROM payments").fetchone()[0]),
            int(db.execute("SELECT count(*) FROM vouchers").fetchone()[0]),
            int(db.execute("SELECT count(*) FROM audit_events").fetchone()[0]),
        )


def test_payments_by_hand_and_from_the_bank(coop_demo: Path, tmp_path: Path) -> None:
    # Assignment 1 of the demo: 60 000 kr + 25 % = 75 000.00, OCR 133, due 2025-05-31.
    code, out = run(coop_demo, "invoice", "create", "1", "--date", "2025-05-01")
    assert code == 0, out
    code, out = run(coop_demo, "invoice", "pay", "A1", "--amount", "10 000", "--date", "2025-05-20")
    assert code == 0, out
    assert "A1 10 000,00" in out and "(B1)" in out
    camt = tmp_path / "bankgirot.xml"
    camt.write_bytes((DATA / "bankgirot_v08.xml").read_bytes().replace(b"202601092", b"133"))
    code, out = run(coop_demo, "bank", "import", str(camt), "--lang", "en")
    assert code == 0, out
    assert "1 matched, 1 unmatched, 0 imported before" in out
    before = stored(coop_demo)
    code, out = run(coop_demo, "bank", "import", str(camt), "--lang", "en")
    assert code == 0 and "nothing new (2 payments imported before)" in out
    assert stored(coop_demo) == before
    code, out = run(coop_demo, "bank", "unmatched", "--json")
    (loose,) = json.loads(out)
    assert loose["amount"] == "300.00" and loose["status"] == "unmatched"
    code, out = run(coop_demo, "bank", "unmatched")
    assert code == 0 and "300,00" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out = run(coop_demo, "bank", "resolve", str(loose["number"]), "A1", "--json")
    assert code == 0, out
    assert json.loads(out)["status"] == "resolved"
    # On 2025-07-31, 75 000 − 10 000 = 65 000.00 was open (the 2 000 and the 300 came in on
    # 2026-11-30). Interest to 2025-07-31 on 65 000.00:
    # 06-01–06-30 at 11 %: 65 000 × 0.11 × 30 / 365 = 587.67;
    # 07-01–07-31 at 10 %: 65 000 × 0.10 × 31 / 365 = 552.05; together 1 139.72.
    code, out = run(coop_demo, "invoice", "overdue", "--on", "2025-07-31", "--json")
    assert code == 0, out
    (late,) = json.loads(out)
    assert late["interest"] == "1139.72"
    code, out = run(coop_demo, "invoice", "overdue", "--on", "2025-07-31")
    assert code == 0 and "1 139,72" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    target = tmp_path / "r.pdf"
    code, out = run(coop_demo, "invoice", "remind", "A1", "--on", "2025-07-31", "-o", str(target))
    assert code == 0, out
    assert target.read_bytes().startswith(b"%PDF-")
    code, out = run(coop_demo, "invoice", "show", "A1")
    assert "delvis betald" in out


def test_bad_input_writes_nothing(coop_demo: Path, tmp_path: Path) -> None:
    code, out = run(coop_demo, "invoice", "create", "1", "--date", "2025-05-01")
    assert code == 0, out
    before = stored(coop_demo)
    for args, words in (
        (("invoice", "pay", "999999", "--amount", "5"), "'999999'"),
        (("invoice", "pay", "A1", "--amount", "-5"), "amount"),
        (("invoice", "pay", "A1"), "--amount"),
        (("bank", "import", str(tmp_path / "none.xml")), "cannot read"),
        (("bank", "resolve", "7", "A1"), "'7'"),
    ):
        code, out = run(coop_demo, *args, "--lang", "en")
        assert code == 2, (args, out)
        assert words in out and "Traceback" not in out, (args, out)
    assert stored(coop_demo) == before


def test_a_clients_credit_listed_refunded_and_not_used_twice(coop_demo: Path) -> None:
    # 80 000 paid on an invoice of 75 000.00: 5 000.00 kept as the client's credit.
    code, out = run(coop_demo, "invoice", "create", "1", "--date", "2025-05-01")
    assert code == 0, out
    code, out = run(coop_demo, "invoice", "pay", "A1", "--amount", "80000", "--date", "2025-05-20")
    assert code == 0 and "5 000,00" in out, out
    code, out = run(coop_demo, "bank", "credits")
    assert code == 0 and "Tillgodo kvar" in out and "5 000,00" in out, out
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out = run(
        coop_demo, "bank", "refund", "1", "--amount", "2000", "--date", "2025-06-01", "--lang", "en"
    )
    assert code == 0 and "Refunded SEK 2,000.00 (B2)." in out, out
    code, out = run(coop_demo, "bank", "credits", "--json")
    (left,) = json.loads(out)
    assert (left["payment"], left["credit"]) == (1, "3000.00")
    before = stored(coop_demo)
    for args in (
        ("bank", "refund", "1", "--amount", "3000.01", "--date", "2025-06-01"),
        ("bank", "apply-credit", "1", "A1", "--date", "2025-06-01"),
        ("bank", "refund", "1", "--date", "2025-05-01"),
    ):
        code, out = run(coop_demo, *args, "--lang", "en")
        assert code != 0 and "Traceback" not in out, out
    assert stored(coop_demo) == before
    code, out = run(coop_demo, "bank", "refund", "1", "--date", "2025-06-02", "--json")
    assert code == 0 and json.loads(out)["credit"] == "0.00"
    code, out = run(coop_demo, "bank", "credits", "--json")
    assert json.loads(out) == []

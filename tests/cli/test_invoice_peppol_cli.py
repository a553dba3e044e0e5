# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ invoice peppol N [-o file]`` on the demo cooperative, and the client's
``--peppol-id``: a Peppol id checked under its scheme, a clear error for a client without
one, a non-zero exit and no file written."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ.cli import app

runner = CliRunner()
CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"


def run(folder: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--coop", str(folder)], env={"COLUMNS": "80"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"kooperativ {' '.join(args)} raised {result.exception!r}")
    return result.exit_code, (result.stdout + result.stderr).replace("\u00a0", " ")


def test_peppol_invoice_to_a_public_client(
    coop_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Assignment 2 of the demo: 40 h × 650 kr at 25 % for the municipality (0007:2129991234).
    code, out = run(coop_demo, "invoice", "create", "2", "--date", "2026-11-30")
    assert code == 0, out
    target = tmp_path / "a1.xml"
    code, out = run(coop_demo, "invoice", "peppol", "1", "-o", str(target))
    assert code == 0, out
    assert str(target.name) in out
    root = ET.fromstring(target.read_bytes())
    assert root.findtext(f"{CBC}ID") == "A1"
    assert root.findtext(f"{CAC}LegalMonetaryTotal/{CBC}PayableAmount") == "32500.00"
    buyer = root.find(f"{CAC}AccountingCustomerParty/{CAC}Party/{CBC}EndpointID")
    assert buyer is not None and (buyer.text, buyer.get("schemeID")) == ("2129991234", "0007")
    # The default file name is the invoice's number.
    monkeypatch.chdir(tmp_path)
    code, out = run(coop_demo, "invoice", "peppol", "A1", "--lang", "en")
    assert code == 0, out
    assert (tmp_path / "invoice-A1.xml").read_bytes() == target.read_bytes().replace(
        b"30 dagar netto", b"30 days net"
    )
    code, out = run(coop_demo, "client", "update", "1", "--peppol-id", "0007:5599123451")
    assert code == 0, out


def test_a_client_without_a_peppol_id(coop_demo: Path, tmp_path: Path) -> None:
    assert run(coop_demo, "invoice", "create", "1", "--date", "2026-11-30")[0] == 0
    target = tmp_path / "a1.xml"
    code, out = run(coop_demo, "invoice", "peppol", "1", "-o", str(target))
    assert code != 0 and "Traceback" not in out
    assert "Peppol-id" in out and "Stadsteatern" in out
    assert not target.exists()


def test_a_peppol_id_is_checked_under_its_scheme(coop_demo: Path) -> None:
    code, out = run(coop_demo, "client", "update", "1", "--peppol-id", "0007:5599123452")
    assert code != 0 and "Traceback" not in out and "Luhn" in out
    code, out = run(coop_demo, "client", "update", "1", "--peppol-id", "5599123451")
    assert code != 0 and "Traceback" not in out


def test_a_member_gets_only_their_own(coop_demo: Path, tmp_path: Path) -> None:
    assert run(coop_demo, "invoice", "create", "2", "--date", "2026-11-30")[0] == 0
    code, out = run(coop_demo, "invoice", "peppol", "1", "--as", "3", "-o", str(tmp_path / "x.xml"))
    assert code != 0 and "Traceback" not in out
    assert not (tmp_path / "x.xml").exists()

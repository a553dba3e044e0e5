# SPDX-License-Identifier: EUPL-1.2
"""The invoice PDF: what Swedish law asks an invoice to carry, in Swedish and English
(checked on the text ``pdftotext`` extracts), and the logo from ``templates/``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kooperativ.documents.invoice import find_logo, invoice_pdf
from kooperativ.testing.storage import sample

from .conftest import World


def text_of(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "invoice.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    )
    return norm(result.stdout.decode("utf-8"))


def norm(text: str) -> str:
    """Words joined by single spaces, and "6 %" as "6%" (pdftotext keeps the no-break
    space before a per cent sign in some lines only)."""
    return " ".join(text.split()).replace(" %", "%")


def test_a_swedish_invoice_carries_what_the_law_asks(world: World, tmp_path: Path) -> None:
    coop, admin = world.coop, world.admin
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number, world.licence.number])
    text = text_of(coop.invoices.pdf(admin, invoice.number), tmp_path)
    for expected in [
        "Faktura",
        "Fakturanr A1",  # the unique number
        "Fakturadatum 30 nov. 2026",  # the date of issue
        "Förfallodag 30 dec. 2026",
        "30 dagar netto",
        "Leveransdatum 1 nov. 2026 – 20 nov. 2026",  # when the service was supplied
        "Interim kultur AB",  # the seller, its address and numbers
        "Kulturgatan 1",
        "Momsreg.nr SE559876543501",
        "Org.nr 559876-5435",
        "Godkänd för F-skatt",
        "Styrelsens säte: Stockholm",
        "Stadsteatern AB",  # the buyer
        "Kulturgatan 2",
        "Er referens Karin Ek",
        "Workshop 12,5 tim 850,00 25 % 10 625,00",  # quantity, unit price, rate, amount
        "Licens för bilder 1 st 4 000,00 6 % 4 000,00",
        "Summa exkl. moms 14 625,00 kr",
        "Moms 25 % på 10 625,00 2 656,25 kr",  # base and VAT per rate
        "Moms 6 % på 4 000,00 240,00 kr",
        "Att betala 17 521,25 kr",
        "Bankgiro",
        "555-1239",
        "OCR-referens",
        "133",
        "Dröjsmålsränta enligt räntelagen",
        "Sida 1 av 1",
    ]:
        assert norm(expected) in text, (expected, text)


def test_reverse_charge_in_english(world: World, tmp_path: Path) -> None:
    coop, admin = world.coop, world.admin
    invoice = coop.invoices.create(
        admin, assignments=[world.berlin.number], vat_category="reverse_charge"
    )
    text = text_of(coop.invoices.pdf(admin, invoice.number, "en"), tmp_path)
    for expected in [
        "Invoice",
        "Invoice no. A1",
        "Theater Berlin GmbH",
        "Germany",  # the buyer's country, in the reader's language
        "VAT no. DE136695976",
        "Reverse charge",
        "Seller's VAT no. SE559876543501, buyer's VAT no. DE136695976",
        "VAT 0 % of 20,000.00 0.00 SEK",
        "Amount due 20,000.00 SEK",
        "Approved for F-tax",
    ]:
        assert norm(expected) in text, (expected, text)
    swedish = text_of(coop.invoices.pdf(admin, invoice.number, "sv"), tmp_path)
    assert "Omvänd betalningsskyldighet" in swedish and "Tyskland" in swedish


def test_exempt_and_export_give_their_reason(world: World, tmp_path: Path) -> None:
    coop, admin = world.coop, world.admin
    exempt = coop.invoices.create(admin, assignments=[world.workshop.number], vat_category="exempt")
    text = text_of(coop.invoices.pdf(admin, exempt.number), tmp_path)
    assert "Undantagen från skatteplikt enligt 10 kap. 30–31 §§ mervärdesskattelagen" in text
    export = coop.invoices.create(admin, assignments=[world.oslo.number], vat_category="export")
    text = text_of(coop.invoices.pdf(admin, export.number, "en"), tmp_path)
    assert "Service supplied outside the EU, no Swedish VAT" in text and "Norway" in text


def test_a_credit_note(world: World, tmp_path: Path) -> None:
    coop, admin = world.coop, world.admin
    coop.invoices.create(admin, assignments=[world.workshop.number])
    note = coop.invoices.credit(admin, 1, reason="Fel pris")
    text = text_of(coop.invoices.pdf(admin, note.number), tmp_path)
    for expected in [
        "Kreditfaktura",
        "Kreditfakturanr A2",
        "Krediterar faktura A1",
        "Denna kreditfaktura ändrar faktura A1. Skäl: Fel pris",
        "Summa krediterat 13 281,25 kr",
    ]:
        assert norm(expected) in text, (expected, text)
    assert "Att betala" not in text


def test_the_logo_from_templates(world: World, tmp_path: Path) -> None:
    from PIL import Image

    folder = world.coop.folder
    assert folder is not None
    # The example ships its own logo; start from a folder without one.
    (folder / "templates" / "logo.png").unlink(missing_ok=True)
    assert find_logo(folder) is None
    invoice = world.coop.invoices.create(world.admin, assignments=[world.workshop.number])
    assert b"/Subtype /Image" not in world.coop.invoices.pdf(world.admin, invoice.number)
    (folder / "templates").mkdir(exist_ok=True)
    Image.new("RGB", (300, 100), (180, 40, 60)).save(folder / "templates" / "logo.png")
    assert find_logo(folder) == folder / "templates" / "logo.png"
    with_logo = world.coop.invoices.pdf(world.admin, invoice.number)
    assert b"/Subtype /Image" in with_logo
    assert b"/Subtype /Image" not in invoice_pdf(invoice)


def test_the_sample_renders_in_both_languages(tmp_path: Path) -> None:
    invoice, credit = sample().invoices
    for lang in ("sv", "en"):
        for record in (invoice, credit):
            assert invoice_pdf(record, lang=lang).startswith(b"%PDF-")
    text = text_of(invoice_pdf(invoice, lang="en"), tmp_path)
    assert "Rounding -0.24 SEK" in text and "IBAN SE45 5000 0000 0583 9825 7466" in text

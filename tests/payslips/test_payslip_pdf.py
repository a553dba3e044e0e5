# SPDX-License-Identifier: EUPL-1.2
"""The payslip PDF: the figures of a hand-worked payslip and every label, in Swedish and
in English (read back with ``pdftotext``), masking, pagination and the combined file."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kooperativ.documents.payslip import (
    LINE_LABELS,
    _numbers,
    find_note,
    mask_bank_account,
    mask_last_four,
    payslip_pdf,
    payslips_pdf,
)
from kooperativ.errors import InputError
from kooperativ.i18n import format_amount, format_number, translator
from kooperativ.payroll.runs import LINE_KINDS, Payslip
from kooperativ.rules.country import get_country

from .conftest import norm
from .samples import EMPLOYER, ada_may, long_payslip

TextOf = Callable[[bytes], str]
SWEDEN = get_country("SE")


def test_a_swedish_payslip_shows_the_hand_worked_figures(text_of: TextOf) -> None:
    text = text_of(payslip_pdf(ada_may(), employer=EMPLOYER, lang="sv"))
    for expected in [
        # the employer
        "Interim kultur AB", "Org.nr 559876-5435", "Kulturgatan 1, 118 20 Stockholm",
        # the employee, period and pay date
        "Lönespecifikation", "Arbetstagare Ada Lund", "Medlemsnr 7", "Löneperiod maj 2026",
        "Utbetalningsdag 25 maj 2026", "Lönekörning 4",
        "Skatteavdrag skattetabell 33, kolumn 1",
        # one row per line: kind, text, quantity, amount
        "Lön Uppdrag 3: Scenografi Hamlet 80 12 000,00",
        "Lön Uppdrag 4: Workshop 40 6 000,00",
        "Semesterersättning Semesterersättning 2 160,00",
        "Skattepliktig lön 20 160,00",
        "Preliminärskatt skattetabell 33, kolumn 1 -4 190,00",
        "Nettolön 15 970,00",
        "Utlägg Utlägg 5: Material 1 250,50",
        "Skattefri ersättning Bilersättning, reseräkning 2: Uppsala 116 290,00",
        "Skattefria ersättningar 1 540,50",
        "Att utbetala till konto 5000-*****12 17 510,50 kr",
        # the summary: holiday pay apart from the salary
        "Bruttolön 18 000,00 kr", "Semesterersättning 2 160,00 kr",
        # year to date, and what the employer pays beside the pay
        "Hittills under 2026", "Skattepliktig lön 80 640,00 kr", "Preliminärskatt 16 760,00 kr",
        "Betalas av arbetsgivaren, dras inte från din lön",
        "Arbetsgivaravgifter 31,42 % 6 334,27 kr",
        "Hela kostnaden, från din budget 28 034,77 kr",
        "Lönespecifikation maj 2026 · Ada Lund", "Sida 1 av 1",
    ]:  # fmt: skip
        assert norm(expected) in text, (expected, text)


def test_an_english_payslip(text_of: TextOf) -> None:
    text = text_of(payslip_pdf(ada_may(), employer=EMPLOYER, lang="en"))
    for expected in [
        "Payslip", "Org. no. 559876-5435", "Employee Ada Lund", "Member no. 7",
        "Pay period May 2026", "Pay date 25 May 2026", "Tax deduction tax table 33, column 1",
        "Salary Assignment 3: Scenografi Hamlet 80 12,000.00",
        "Holiday pay Holiday pay 2,160.00",
        "Taxable pay 20,160.00", "Preliminary tax tax table 33, column 1 -4,190.00",
        "Net pay 15,970.00", "Expense paid back Expense 5: Material 1,250.50",
        "Tax-free allowance Car allowance, travel claim 2: Uppsala 116 290.00",
        "Paid back tax-free 1,540.50", "To be paid out to account 5000-*****12 17,510.50 SEK",
        "Year to date 2026", "Employer contributions 31.42 % 6,334.27 SEK", "Page 1 of 1",
    ]:  # fmt: skip
        assert norm(expected) in text, (expected, text)


def test_nothing_english_in_a_swedish_payslip(text_of: TextOf) -> None:
    """No label of the English payslip shows up in the Swedish one (the line texts are
    the run's own, here Swedish)."""
    text = text_of(payslip_pdf(ada_may(replaces=UUID(int=9), sick_days=2), employer=EMPLOYER))
    english = translator("en", "payslips")
    labels = [
        "Payslip", "Employee", "Member no.", "Bank account", "Pay period", "Pay date",
        "Payroll run", "Tax deduction", "Pay type", "Description", "Quantity", "Amount",
        "Salary", "Holiday pay", "Taxable pay", "Preliminary tax", "Net pay",
        "Paid back tax-free", "To be paid out", "Gross salary", "Summary", "Page",
        "Employer contributions", "Year to date", "Correction", "Sick days", "tax table",
        "column", "account", "hidden",
    ]  # fmt: skip
    for label in labels:
        assert english(label) == label or label in {"Page", "Correction", "Sick days"}
        assert label not in text, label
    assert "Rättelse: denna lönespecifikation ersätter" in text
    assert "Sjukdagar som räknats för sjuklön: 2" in text


def test_the_personal_identity_number_and_the_account_are_masked(text_of: TextOf) -> None:
    text = text_of(payslip_pdf(ada_may(), employer=EMPLOYER))
    assert "Personnummer 19850312****" in text
    assert "1234" not in text.replace("19850312****", "")  # the last four digits
    assert "5000-*****12" in text and "1234512" not in text
    assert "De fyra sista siffrorna i ditt personnummer" in text
    swedish = text_of(
        payslip_pdf(
            ada_may(), employer=EMPLOYER, mask_person_id=SWEDEN.mask_person_id,
            mask_account=SWEDEN.mask_bank_account,
        )
    )  # fmt: skip
    assert "Personnummer 19850312-****" in swedish and "5000-*****12" in swedish
    shown = text_of(payslip_pdf(ada_may(), employer=EMPLOYER, show_person_id=True))
    assert "Personnummer 198503121234" in shown and "De fyra sista" not in shown


def test_the_masks() -> None:
    assert mask_bank_account("8327-9123456789") == "8327-********89"
    assert mask_last_four("198503121234") == "19850312****"
    assert mask_last_four("12") == "****"


def test_no_account_registered(text_of: TextOf) -> None:
    text = text_of(payslip_pdf(ada_may(bank_account=None), employer=EMPLOYER, lang="en"))
    assert "Bank account none registered" in text
    assert "To be paid out 17,510.50 SEK" in text


def test_a_long_payslip_runs_over_pages(text_of: TextOf) -> None:
    data = payslip_pdf(long_payslip(80), employer=EMPLOYER)
    text = text_of(data)
    assert [f"Sida {n} av 3" in text for n in (1, 2, 3)] == [True] * 3
    assert "Sida 4" not in text
    assert text.count("Löneart Beskrivning Antal Belopp") == 3  # the header on every page
    for n in (1, 40, 80):
        assert f"Lön Uppdrag {n}: Föreställning 1,5 100,00" in text
    assert "Skattepliktig lön 8 000,00" in text and "Att utbetala 5 600,00 kr" in text


def test_a_run_in_one_file_each_payslip_numbered_on_its_own(text_of: TextOf) -> None:
    data = payslips_pdf([long_payslip(80), ada_may()], employer=EMPLOYER)
    text = text_of(data)
    assert "Lönespecifikation maj 2026 · Bo Ek Sida 3 av 3" in text
    assert "Lönespecifikation maj 2026 · Ada Lund Sida 1 av 1" in text
    with pytest.raises(InputError) as caught:
        payslips_pdf([], employer=EMPLOYER)
    assert caught.value.field == "payslips"
    with pytest.raises(InputError):
        payslip_pdf(ada_may(), employer=EMPLOYER, lang="xx")


def test_the_same_payslip_gives_the_same_bytes() -> None:
    assert payslip_pdf(ada_may(), employer=EMPLOYER) == payslip_pdf(ada_may(), employer=EMPLOYER)


def _png(path: Path) -> Path:
    """A 2 × 1 pixel PNG, written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\x00\x00\xff")
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )  # fmt: skip
    return path


def test_the_cooperatives_logo_and_note(tmp_path: Path, text_of: TextOf) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    _png(templates / "logo.png")
    (templates / "payslip.sv.txt").write_text("Frågor om lönen: lon@interimkultur.se\n")
    assert find_note(tmp_path, "en") is None and find_note(None, "sv") is None
    note = find_note(tmp_path, "sv")
    assert note == "Frågor om lönen: lon@interimkultur.se"
    from kooperativ.documents.invoice import find_logo

    data = payslip_pdf(ada_may(), employer=EMPLOYER, logo=find_logo(tmp_path), note=note)
    assert b"/Subtype /Image" in data
    assert "Frågor om lönen: lon@interimkultur.se" in text_of(data)


def test_every_line_kind_has_a_label() -> None:
    assert set(LINE_LABELS) == set(LINE_KINDS)
    swedish = translator("sv", "payslips")
    for label in LINE_LABELS.values():
        assert swedish(label) != label


@given(
    st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False),
    st.sampled_from(["sv", "en"]),
)  # fmt: skip
def test_amounts_are_written_as_babel_writes_them(value: Decimal, lang: str) -> None:
    assert _numbers(lang).write(value) == format_amount(value, lang)


@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    st.sampled_from(["sv", "en"]),
)  # fmt: skip
def test_quantities_are_written_as_babel_writes_them(value: Decimal, lang: str) -> None:
    assert _numbers(lang).number(value) == format_number(value, lang)


@st.composite
def payslips(draw: st.DrawFn) -> Payslip:
    """A valid payslip of any shape: any line kinds, amounts (deductions negative), texts."""
    from kooperativ.payroll.runs import PayslipLine

    amounts = st.decimals(min_value=-5000, max_value=10**7, places=2, allow_nan=False)
    lines = tuple(
        PayslipLine(
            kind=draw(st.sampled_from(sorted(LINE_KINDS))),
            text=draw(st.text(st.characters(codec="latin-1", exclude_categories=("C",)),
                              min_size=1, max_size=120).filter(str.strip)),
            amount=draw(amounts),
            quantity=draw(st.none() | st.decimals(min_value=0, max_value=999, places=1)),
        )
        for _ in range(draw(st.integers(0, 12)))
    )  # fmt: skip
    taxable = sum((line.amount for line in lines if line.taxable), Decimal("0.00"))
    expenses = sum((line.amount for line in lines if not line.taxable), Decimal("0.00"))
    tax = draw(st.decimals(min_value=0, max_value=10**6, places=0)).quantize(Decimal("0.01"))
    return ada_may(
        lines=lines, gross_salary=taxable, holiday_pay="0.00", taxable_pay=taxable,
        expenses=expenses, preliminary_tax=tax, net_pay=taxable - tax,
        payout=taxable - tax + expenses, tax_mode=draw(st.sampled_from(
            ["table:33:1", "side-income", "sink", "one-off:300000", "no-information:33"])),
    )  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(payslips(), st.sampled_from(["sv", "en"]))
def test_any_payslip_prints_its_figures(tmp_path_factory: pytest.TempPathFactory,
                                        slip: Payslip, lang: str) -> None:  # fmt: skip
    """Whatever its lines, a payslip renders, and its net pay and payout are on it."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path_factory.mktemp("payslip") / "payslip.pdf"
    path.write_bytes(payslip_pdf(slip, employer=EMPLOYER, lang=lang))
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    text = norm(done.stdout.decode("utf-8"))
    net = "Nettolön" if lang == "sv" else "Net pay"
    assert f"{net} {norm(format_amount(slip.net_pay, lang))}" in text
    assert norm(format_amount(slip.payout, lang)) in text

# SPDX-License-Identifier: EUPL-1.2
"""A payslip's line texts are written in the payslip's language: the run stores each
line's text once (Swedish, the record) and the PDF writes it again from the line's
machine fields (docs/payslips.md, "Line texts"). Read back with ``pdftotext``."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ import Cooperative
from kooperativ.members.models import Member

from .conftest import ADMIN, PAY_DAY, approved_request, credit
from .test_travel_in_runs import _umea

D = Decimal

#: The Swedish words the run writes into its line texts.
SWEDISH = [
    "Löneuttag", "Semesterersättning", "sjuklön", "Sjuklön", "Karensavdrag", "Traktamente",
    "Bilersättning", "reseräkning", "skattepliktig", "Utlägg",
]  # fmt: skip
#: Their English counterparts (and the English labels).
ENGLISH = [
    "Salary request", "Holiday pay", "Sick pay", "Qualifying-day deduction", "Per diem",
    "Car allowance", "travel claim", "taxable part", "Expense",
]  # fmt: skip


def _text(pdf: bytes, tmp_path: Path, name: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / name
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").replace("\u00a0", " ").split())


def _employed(coop: Cooperative) -> Member:
    ada = coop.members.add(
        ADMIN, first_name="Ada", last_name="Lind", person_id="198503129804", status="member",
        joined_on=date(2024, 3, 1),
    )  # fmt: skip
    coop.clients.add(ADMIN, name="Stadsteatern", orgnr="5560360793")
    job = coop.assignments.add(
        ADMIN, member=ada.number, client=1, description="Scenografi",
        start=date(2026, 11, 2), end=date(2026, 12, 31), agreed_amount="60000",
    )  # fmt: skip
    coop.contracts.create(
        ADMIN, assignment=job.number, made_on=date(2026, 10, 20), monthly_pay=D("21000.00")
    )
    return ada


def test_each_payslip_reads_in_its_own_language(coop: Cooperative, tmp_path: Path) -> None:
    ada = _employed(coop)
    credit(coop, ada, "9000.00")
    request = approved_request(coop, ada, "28200.00")
    sick = coop.absence.report(
        ADMIN, member=ada.number, kind="sick", first_day=date(2026, 11, 9),
        last_day=date(2026, 11, 11),
    )  # fmt: skip
    coop.absence.confirm(ADMIN, sick.number)
    claim = _umea(coop, ada)
    expense = coop.expenses.add(
        ADMIN, member=ada.number, date=date(2026, 11, 2), description="Paper",
        receipt="K-1", amount="1250.00", vat="250.00",
    )  # fmt: skip
    coop.expenses.approve(ADMIN, expense.number)
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    (slip,) = coop.payroll_runs.payslips(ADMIN, run.number)
    assert {line.kind for line in slip.lines} == {
        "salary", "holiday_pay", "sick_pay", "sick_deduction", "taxable_allowance",
        "expense", "travel_allowance",
    }  # fmt: skip
    # the record keeps the run's Swedish texts
    assert slip.lines[0].text == f"Löneuttag {request} (2026-11-25)"

    english = _text(coop.payroll_runs.payslip_pdf(ADMIN, run.number, ada.number, lang="en"),
                    tmp_path, "en.pdf")  # fmt: skip
    for expected in [
        f"Salary Salary request {request} (25 Nov 2026)",
        "Holiday pay Holiday pay 2,298.96",
        "Holiday pay Holiday pay on sick pay 193.92",
        "Sick pay Sick pay 80 % 3 2,400.00",
        "Qualifying-day deduction Qualifying-day deduction 1 -784.00",
        f"Taxable allowance Per diem, taxable part, travel claim {claim}: Umeå 345.00",
        f"Taxable allowance Car allowance, taxable part, travel claim {claim}:",  # wraps
        f"Expense paid back Expense {expense.number}: Paper 1,250.00",
        f"Tax-free allowance Per diem, travel claim {claim}: Umeå 555.00",
        f"Tax-free allowance Car allowance, travel claim {claim}: Umeå 3,200.00",
    ]:
        assert expected in english, (expected, english)
    for word in SWEDISH:
        assert word not in english, word

    swedish = _text(coop.payroll_runs.payslip_pdf(ADMIN, run.number, ada.number, lang="sv"),
                    tmp_path, "sv.pdf")  # fmt: skip
    for expected in [
        f"Lön Löneuttag {request} (25 nov. 2026)",
        "Semesterersättning Semesterersättning på sjuklön 193,92",
        "Sjuklön Sjuklön 80 % 3 2 400,00",
        "Karensavdrag Karensavdrag 1 -784,00",
        f"Traktamente, skattepliktig del, reseräkning {claim}:",
        f"Bilersättning, reseräkning {claim}: Umeå 3 200,00",
        f"Utlägg {expense.number}: Paper 1 250,00",
    ]:
        assert expected in swedish, (expected, swedish)
    for word in ENGLISH:
        assert word not in swedish, word


def test_the_cost_split_between_budget_and_cooperative(coop: Cooperative, tmp_path: Path) -> None:
    # test_sick_pay_in_runs's hand-worked case: the salary of 28 200 kr costs Ada's account
    # 28 198.74; the sick pay 1 616.00 + its holiday pay 193.92 + their contributions
    # 568.67 = 2 378.59 is the cooperative's (sick_pay_from = "cooperative", the default).
    # Whole cost 23 266.88 taxable + 7 310.45 contributions = 30 577.33 = 28 198.74 + 2 378.59.
    ada = _employed(coop)
    approved_request(coop, ada, "28200.00")
    sick = coop.absence.report(
        ADMIN, member=ada.number, kind="sick", first_day=date(2026, 11, 9),
        last_day=date(2026, 11, 11),
    )  # fmt: skip
    coop.absence.confirm(ADMIN, sick.number)
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    (slip,) = coop.payroll_runs.payslips(ADMIN, run.number)
    assert (slip.budget, slip.cooperative_cost, slip.cost) == (
        D("28198.74"), D("2378.59"), D("30577.33"),
    )  # fmt: skip
    swedish = _text(coop.payroll_runs.payslip_pdf(ADMIN, run.number, ada.number, lang="sv"),
                    tmp_path, "sv.pdf")  # fmt: skip
    for expected in [
        "Från din budget 28 198,74 kr", "Från kooperativet 2 378,59 kr",
        "Hela kostnaden 30 577,33 kr", "Kooperativet betalar sjuklönen",
    ]:  # fmt: skip
        assert expected in swedish, (expected, swedish)
    assert "Hela kostnaden, från din budget" not in swedish
    english = _text(coop.payroll_runs.payslip_pdf(ADMIN, run.number, ada.number, lang="en"),
                    tmp_path, "en.pdf")  # fmt: skip
    for expected in [
        "From your budget 28,198.74 SEK", "From the cooperative 2,378.59 SEK",
        "Whole cost 30,577.33 SEK", "The cooperative pays the sick pay",
    ]:  # fmt: skip
        assert expected in english, (expected, english)


def test_without_sick_pay_the_budget_is_the_whole_cost(coop: Cooperative, tmp_path: Path) -> None:
    # docs/salary.md: 28 198.74 = 21 456.96 taxable + 6 741.78 contributions, all from
    # the account.
    ada = _employed(coop)
    approved_request(coop, ada, "28200.00")
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    (slip,) = coop.payroll_runs.payslips(ADMIN, run.number)
    assert (slip.budget, slip.cooperative_cost, slip.cost) == (
        D("28198.74"), D("0.00"), D("28198.74"),
    )  # fmt: skip
    swedish = _text(coop.payroll_runs.payslip_pdf(ADMIN, run.number, ada.number, lang="sv"),
                    tmp_path, "sv.pdf")  # fmt: skip
    assert "Hela kostnaden, från din budget 28 198,74 kr" in swedish
    assert "Från kooperativet" not in swedish

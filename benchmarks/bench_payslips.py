# SPDX-License-Identifier: EUPL-1.2
"""How many payslip pages per second the PDF builder renders (issue target: 100 or more).

Renders a month of varied payslips (one to six salary lines, holiday pay, expenses on
every third) in Swedish and in English, both as one combined file
(:func:`kooperativ.documents.payslip.payslips_pdf`) and one PDF per payslip
(:func:`~kooperativ.documents.payslip.payslip_pdf`), and prints pages per second for
each, per second of wall-clock time and per second of the process's CPU time (the
figure to compare on a machine shared with other work). Pages are counted in the output
(``/Type /Page``), so a payslip that runs over two pages counts twice.

    python benchmarks/bench_payslips.py [PAYSLIPS]
"""

from __future__ import annotations

import re
import sys
import time
from datetime import date
from decimal import Decimal
from uuid import UUID

from kooperativ.config import IdentityConfig
from kooperativ.documents.payslip import payslip_pdf, payslips_pdf
from kooperativ.members.models import Address
from kooperativ.payroll.runs import Payslip, PayslipLine

EMPLOYER = IdentityConfig(
    name="Interim kultur AB",
    orgnr="559876-5435",
    address=Address(street="Kulturgatan 1", postal_code="118 20", city="Stockholm"),
)
_PAGE = re.compile(rb"/Type /Page\b")


def payslip(n: int) -> Payslip:
    """The ``n``-th payslip of the month: varied lines, figures that add up."""
    count = 1 + n % 6
    lines = [
        PayslipLine(
            kind="salary",
            text=f"Uppdrag {100 + n * 7 + i}: föreställning och repetition",
            amount=Decimal(2500 + 37 * n % 900) + i * 100,
            quantity=Decimal(8 + i),
            assignment_number=100 + n * 7 + i,
        )
        for i in range(count)
    ]
    gross = sum((line.amount for line in lines), Decimal("0.00"))
    holiday = (gross * Decimal("0.12")).quantize(Decimal("0.01"))
    lines.append(PayslipLine(kind="holiday_pay", text="Semesterersättning 12 %", amount=holiday))
    expenses = Decimal("345.50") if n % 3 == 0 else Decimal("0.00")
    if expenses:
        lines.append(PayslipLine(kind="expense", text=f"Utlägg {n}", amount=expenses))
    taxable = gross + holiday
    tax = (taxable * Decimal("0.3")).quantize(Decimal(1))
    return Payslip(
        run_id=UUID(int=1), run_number=5, member_id=UUID(int=n + 10), member_number=n + 1,
        name=f"Medlem {n + 1}", person_id="198503121234", bank_account="5000-1234512",
        period="2026-05", pay_date=date(2026, 5, 25), lines=tuple(lines),
        gross_salary=gross, holiday_pay=holiday, taxable_pay=taxable,
        employer_contributions=(taxable * Decimal("0.3142")).quantize(Decimal("0.01")),
        contribution_rate=Decimal("0.3142"), tax_mode="table:33:1", preliminary_tax=tax,
        expenses=expenses, net_pay=taxable - tax, payout=taxable - tax + expenses,
        ytd_taxable_pay=taxable * 5, ytd_preliminary_tax=tax * 5,
    )  # fmt: skip


def report(what: str, pages: int, wall: float, cpu: float) -> None:
    """Print pages per second since ``wall`` (``perf_counter``) and per second of the
    process's CPU time since ``cpu`` (what one core gives on a machine shared with others)."""
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{what}: {pages} pages in {wall:.2f} s = {pages / wall:.0f} pages/s, "
        f"{pages / cpu:.0f} pages per CPU-second"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    slips = [payslip(n) for n in range(count)]
    payslips_pdf(slips[:2], employer=EMPLOYER)  # warm the catalogs and fonts
    for lang in ("sv", "en"):
        wall, cpu = time.perf_counter(), time.process_time()
        data = payslips_pdf(slips, employer=EMPLOYER, lang=lang)
        report(f"combined file, {lang}", len(_PAGE.findall(data)), wall, cpu)
        wall, cpu = time.perf_counter(), time.process_time()
        pages = sum(
            len(_PAGE.findall(payslip_pdf(slip, employer=EMPLOYER, lang=lang))) for slip in slips
        )
        report(f"one file each, {lang}", pages, wall, cpu)


if __name__ == "__main__":
    main()

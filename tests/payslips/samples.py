# SPDX-License-Identifier: EUPL-1.2
"""Hand-built payslips for the document tests; every figure worked out by hand below.

Ada Lund, May 2026, two assignments and holiday pay, an expense and a tax-free allowance:

* salary 12 000.00 (assignment 3, 80 h) + 6 000.00 (assignment 4, 40 h) = 18 000.00
* holiday pay 12 % of 18 000.00 = 2 160.00
* taxable pay 18 000.00 + 2 160.00 = 20 160.00
* preliminary tax (table 33, column 1) 4 190.00 (a figure of the record, not recomputed)
* net pay 20 160.00 − 4 190.00 = 15 970.00
* expenses 1 250.50 + 290.00 = 1 540.50
* payout 15 970.00 + 1 540.50 = 17 510.50
* employer contributions 31.42 % of 20 160.00 = 6 334.272 → 6 334.27
* year to date: taxable 80 640.00, tax 16 760.00 (four months of 20 160.00 and 4 190.00)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from kooperativ.config import IdentityConfig
from kooperativ.members.models import Address
from kooperativ.payroll.runs import Payslip, PayslipLine

EMPLOYER = IdentityConfig(
    name="Interim kultur AB",
    orgnr="559876-5435",
    email="lon@interimkultur.se",
    address=Address(street="Kulturgatan 1", postal_code="118 20", city="Stockholm"),
)

ADA = UUID(int=2)


def ada_may(**changes: object) -> Payslip:
    """Ada Lund's payslip for May 2026 (figures in the module docstring)."""
    lines = (
        PayslipLine(kind="salary", text="Uppdrag 3: Scenografi Hamlet", amount="12000.00",
                    quantity=Decimal("80"), assignment_number=3, request_number=11,
                    note="Scenografi Hamlet"),
        PayslipLine(kind="salary", text="Uppdrag 4: Workshop", amount="6000.00",
                    quantity=Decimal("40"), assignment_number=4, request_number=12,
                    note="Workshop"),
        PayslipLine(kind="holiday_pay", text="Semesterersättning 12 %", amount="2160.00"),
        PayslipLine(kind="expense", text="Utlägg 5: Material", amount="1250.50",
                    expense_number=5, note="Material"),
        PayslipLine(kind="travel_allowance", text="Bilersättning, reseräkning 2: Uppsala",
                    amount="290.00", quantity=Decimal("116"), expense_number=2,
                    allowance="mileage", note="Uppsala"),
    )  # fmt: skip
    values: dict[str, object] = dict(
        run_id=UUID(int=1), run_number=4, member_id=ADA, member_number=7, name="Ada Lund",
        person_id="198503121234", bank_account="5000-1234512", period="2026-05",
        pay_date=date(2026, 5, 25), lines=lines, gross_salary="18000.00",
        holiday_pay="2160.00", taxable_pay="20160.00", employer_contributions="6334.27",
        contribution_rate=Decimal("0.3142"), tax_mode="table:33:1",
        preliminary_tax="4190.00", expenses="1540.50", net_pay="15970.00",
        payout="17510.50", budget="28034.77", ytd_taxable_pay="80640.00",
        ytd_preliminary_tax="16760.00", request_numbers=(11, 12), expense_numbers=(5,),
    )  # fmt: skip
    values.update(changes)
    return Payslip.model_validate(values)


def long_payslip(lines: int = 80) -> Payslip:
    """A payslip of ``lines`` salary lines of 100.00 each (a member with many gigs)."""
    salary = tuple(
        PayslipLine(kind="salary", text=f"Uppdrag {n}: Föreställning", amount="100.00",
                    quantity=Decimal("1.5"), assignment_number=n, note="Föreställning")
        for n in range(1, lines + 1)
    )  # fmt: skip
    total = Decimal("100.00") * lines
    return Payslip(
        run_id=UUID(int=1), run_number=4, member_id=UUID(int=3), member_number=8,
        name="Bo Ek", person_id="199001011239", period="2026-05", pay_date=date(2026, 5, 25),
        lines=salary, gross_salary=total, taxable_pay=total, tax_mode="side-income",
        preliminary_tax=total * Decimal("0.3"), net_pay=total * Decimal("0.7"),
        payout=total * Decimal("0.7"), ytd_taxable_pay=total,
        ytd_preliminary_tax=total * Decimal("0.3"),
    )  # fmt: skip

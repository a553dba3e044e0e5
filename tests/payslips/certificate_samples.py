# SPDX-License-Identifier: EUPL-1.2
"""Ada Lund's employments March–June 2026, for the certificate tests; hand-worked totals.

Contracts:

1. särskild visstidsanställning 10 March – 20 April 2026, ended on 20 April, the
   assignment completed: 22 days in March (10–31), 20 in April (1–20).
2. vikariat 1 May – 30 June 2026, ended early on 15 June, she resigned: 31 days in May,
   15 in June (1–15).
3. tillsvidareanställning from 20 June 2026, running: 11 days in June (20–30).

Hours (confirmed unless said): March 40 + 12.5 = 52.5; April 30 (and 5 not confirmed);
May 100; June 60 (contract 2) + 20 (contract 3) = 80. Total 262.5 confirmed, 5 not.

Payslips (taxable pay = pay + holiday pay):

* 2026-03: 8 000.00 + 960.00
* 2026-04: 6 000.00 + 720.00
* 2026-05: 15 000.00 in run 3, replaced by a correction of 15 500.00 in run 4: 15 500.00
* 2026-06: 9 000.00 + 1 080.00, and 3 000.00 + 360.00 (two runs), 2 sick days:
  12 000.00 + 1 440.00
* 2026-07: 2 000.00 (outside the range: left out)

Totals: pay 8 000 + 6 000 + 15 500 + 12 000 = 41 500.00; holiday pay
960 + 720 + 1 440 = 3 120.00; days 22 + 20 + 31 + 26 = 99.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

from kooperativ.employment.models import EmploymentContract, EndReason, HoursReport
from kooperativ.payroll.runs import Payslip

ADA = UUID(int=2)
JOB = UUID(int=50)
AT = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)


def contract(
    number: int, form: str, start: date, end: date | None, **more: object
) -> EmploymentContract:
    return EmploymentContract.model_validate(
        dict(
            number=number, member_id=ADA, type=form, start=start, end=end,
            place_of_work="Stadsteatern", tasks="Scenograf", pay_terms="Enligt budget",
            made_on=start, **more,
        )
    )  # fmt: skip


CONTRACTS = [
    contract(1, "sarskild_visstidsanstallning", date(2026, 3, 10), date(2026, 4, 20),
             ended_on=date(2026, 4, 20), end_reason=EndReason.ASSIGNMENT_COMPLETED),
    contract(2, "vikariat", date(2026, 5, 1), date(2026, 6, 30), basis="Föräldraledighet",
             ended_on=date(2026, 6, 15), end_reason=EndReason.RESIGNATION),
    contract(3, "tillsvidareanstallning", date(2026, 6, 20), None),
]  # fmt: skip


def report(
    number: int, contract_number: int, month: date, hours: str, *, confirmed: bool = True
) -> HoursReport:
    return HoursReport(
        number=number, member_id=ADA, assignment_id=JOB,
        contract_id=CONTRACTS[contract_number - 1].id, month=month, hours=Decimal(hours),
        reported_by="Ada Lund", reported_at=AT, confirmed_by="Kassör" if confirmed else None,
        confirmed_at=AT if confirmed else None,
    )  # fmt: skip


HOURS = [
    report(1, 1, date(2026, 3, 1), "40"),
    report(2, 1, date(2026, 3, 1), "12.5"),
    report(3, 1, date(2026, 4, 1), "30"),
    report(4, 1, date(2026, 4, 1), "5", confirmed=False),
    report(5, 2, date(2026, 5, 1), "100"),
    report(6, 2, date(2026, 6, 1), "60"),
    report(7, 3, date(2026, 6, 1), "20"),
]


def slip(run: int, period: str, pay: str, holiday: str = "0.00", **more: object) -> Payslip:
    taxable = Decimal(pay) + Decimal(holiday)
    return Payslip.model_validate(
        dict(
            run_id=UUID(int=run), run_number=run, member_id=ADA, member_number=7,
            name="Ada Lund", person_id="198503121234", period=period,
            pay_date=date(int(period[:4]), int(period[5:]), 25), gross_salary=pay,
            holiday_pay=holiday, taxable_pay=taxable, tax_mode="table:33:1",
            preliminary_tax="0.00", net_pay=taxable, payout=taxable, **more,
        )
    )  # fmt: skip


MAY = slip(3, "2026-05", "15000.00")
PAYSLIPS = [
    slip(1, "2026-03", "8000.00", "960.00"),
    slip(2, "2026-04", "6000.00", "720.00"),
    MAY,
    slip(4, "2026-05", "15500.00", replaces=MAY.id),
    slip(5, "2026-06", "9000.00", "1080.00", sick_days=2),
    slip(6, "2026-06", "3000.00", "360.00"),
    slip(7, "2026-07", "2000.00"),
]

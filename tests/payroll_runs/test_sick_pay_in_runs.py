# SPDX-License-Identifier: EUPL-1.2
"""Payroll runs pay sick pay (sjuklön): the lines, the tax and contributions on the whole
pay, the funding (the cooperative by default, BAS 7081), each sick day paid once.

The figures are worked by hand in the comments (docs/absence.md's rule for a contract with
a fixed monthly pay; docs/salary.md's example for the salary)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ import Cooperative
from kooperativ.errors import InputError
from kooperativ.members.models import Member

from .conftest import ADMIN, PAY_DAY, approved_request, credit, open_coop

D = Decimal


def _lines(coop: Cooperative, series: str = "L") -> list[list[tuple[int, Decimal]]]:
    return [
        sorted((line.account, line.amount) for line in voucher.lines)
        for voucher in coop.ledger.list(ADMIN, series=series)
    ]


def _employed(coop: Cooperative, first: str, person_id: str, monthly_pay: str) -> Member:
    """A member employed 2 November – 31 December 2026 at a fixed monthly pay."""
    member = coop.members.add(
        ADMIN, first_name=first, last_name="Lind", person_id=person_id, status="member",
        joined_on=date(2024, 3, 1),
    )  # fmt: skip
    if not coop.clients.list(ADMIN):
        coop.clients.add(ADMIN, name="Stadsteatern", orgnr="5560360793")
    job = coop.assignments.add(
        ADMIN, member=member.number, client=1, description="Scenografi",
        start=date(2026, 11, 2), end=date(2026, 12, 31), agreed_amount="60000",
    )  # fmt: skip
    coop.contracts.create(
        ADMIN, assignment=job.number, made_on=date(2026, 10, 20), monthly_pay=D(monthly_pay)
    )
    return member


def _sick(coop: Cooperative, member: Member, first: date, last: date) -> int:
    absence = coop.absence.report(
        ADMIN, member=member.number, kind="sick", first_day=first, last_day=last
    )
    coop.absence.confirm(ADMIN, absence.number)
    return absence.number


def test_three_sick_days_beside_a_salary_request_worked_by_hand(coop: Cooperative) -> None:
    # Ada, born 1985, table 33 column 1 (the example's default), employed at a fixed
    # 21 000.00 a month. November 2026 has 21 weekdays and 30 days, so (docs/absence.md)
    # a sick weekday loses 21 000 / 21 = 1 000.00 and the average week is
    # 21 000 × 7 / 30 = 4 900.00. Ill Monday 9 – Wednesday 11 November:
    #   sjuklön      0.80 × 3 × 1 000.00          = 2 400.00  (3 days)
    #   karensavdrag 0.20 × 0.80 × 4 900.00        =   784.00
    #   sick pay net                               = 1 616.00
    # Her salary request of 28 200 kr (docs/salary.md) gives gross 19 158.00, holiday pay
    # 2 298.96, contributions 6 741.78: that is what her account pays, 28 198.74.
    # Holiday pay on the sick pay (semesterersättning 12 % with each salary, SemL 17 §):
    #   0.12 × 1 616.00 = 193.92; all holiday pay 0.12 × 20 774.00 = 2 492.88
    # Taxable pay 19 158.00 + 2 492.88 + 2 400.00 − 784.00 = 23 266.88.
    # Contributions 31.42 % × 23 266.88 = 7 310.4537 → 7 310.45 (of which the sick pay's
    # 7 310.45 − 6 741.78 = 568.67).
    # Tax, table 33 column 1 for 2026, row 23 201 – 23 400 kr: 4 220 kr.
    # Net 23 266.88 − 4 220 = 19 046.88.
    ada = _employed(coop, "Ada", "198503129804", "21000.00")
    request = approved_request(coop, ada, "28200.00")
    absence = _sick(coop, ada, date(2026, 11, 9), date(2026, 11, 11))
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    (slip,) = coop.payroll_runs.payslips(ADMIN, run.number)
    assert [(ln.kind, ln.text, ln.amount, ln.quantity) for ln in slip.lines] == [
        ("salary", f"Löneuttag {request} (2026-11-25)", D("19158.00"), None),
        ("holiday_pay", "Semesterersättning", D("2298.96"), None),
        ("holiday_pay", "Semesterersättning på sjuklön", D("193.92"), None),
        ("sick_pay", "Sjuklön 80 %", D("2400.00"), D(3)),
        ("sick_deduction", "Karensavdrag", D("-784.00"), D(1)),
    ]
    assert slip.gross_salary == D("19158.00")
    assert slip.holiday_pay == D("2492.88")
    assert slip.sick_pay == D("1616.00")
    assert slip.taxable_pay == D("23266.88")
    assert slip.employer_contributions == D("7310.45")
    assert slip.preliminary_tax == D("4220.00")
    assert coop.country.tax_table(2026, 33, 1).deduction(D("23266.88")) == D("4220")
    assert (slip.net_pay, slip.payout) == (D("19046.88"), D("19046.88"))
    assert slip.budget == D("28198.74")  # the salary alone: the sick pay is the coop's
    assert (slip.sick_days, slip.absence_numbers) == (3, (absence,))
    assert (slip.ytd_taxable_pay, slip.ytd_preliminary_tax) == (D("23266.88"), D("4220.00"))
    fields = [t["field"] for t in slip.trace]
    assert fields.index("budget") < fields.index("sick_pay") < fields.index("preliminary_tax")

    coop.payroll_runs.approve(ADMIN, run.number)
    # L1: debits 19 158.00 + 2 492.88 + 1 616.00 + 7 310.45 + 28 198.74 = 58 776.07 =
    # credits 7 310.45 + 4 220.00 + 19 046.88 + 28 198.74. The account pays 28 198.74;
    # the sick pay's 1 616.00 + 193.92 + 568.67 = 2 378.59 is the cooperative's cost.
    assert _lines(coop) == [
        sorted(
            [
                (7010, D("19158.00")),
                (7290, D("2492.88")),
                (7081, D("1616.00")),
                (7510, D("7310.45")),
                (2731, D("-7310.45")),
                (2710, D("-4220.00")),
                (2820, D("-19046.88")),
                (2890, D("28198.74")),
                (7690, D("-28198.74")),
            ]
        )
    ]
    assert coop.ledger.balance(ADMIN, 2890, member=ada.number) == D("-1.26")
    coop.payroll_runs.mark_paid(ADMIN, run.number)
    assert coop.ledger.balance(ADMIN, 2820) == D("0.00")


def test_sick_pay_without_a_salary_request_gets_a_payslip(coop: Cooperative) -> None:
    # Bo is ill 16–18 November and asks for no salary; Ada asks for hers. Bo: 0.80 × 3 × 1 000.00
    # − 784.00 = 1 616.00 sick pay, holiday pay 193.92, taxable 1 809.92; his account
    # is not touched.
    ada = _employed(coop, "Ada", "198503129804", "21000.00")
    bo = _employed(coop, "Bo", "199107049802", "21000.00")
    approved_request(coop, ada, "10000.00")
    absence = _sick(coop, bo, date(2026, 11, 16), date(2026, 11, 18))
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    assert run.payslips == 2
    (slip,) = coop.payroll_runs.payslips(ADMIN, run.number, member=bo.number)
    assert [(ln.kind, ln.amount) for ln in slip.lines] == [
        ("holiday_pay", D("193.92")),
        ("sick_pay", D("2400.00")),
        ("sick_deduction", D("-784.00")),
    ]
    assert (slip.taxable_pay, slip.budget, slip.request_numbers) == (D("1809.92"), D("0"), ())
    assert slip.absence_numbers == (absence,) and slip.sick_days == 3
    # contributions 31.42 % × 1 809.92 = 568.6768 → 568.68 (over 1 000 kr in the year)
    assert slip.employer_contributions == D("568.68")
    coop.payroll_runs.approve(ADMIN, run.number)
    (voucher,) = coop.ledger.list(ADMIN, series="L")
    assert sum((line.amount for line in voucher.lines), D(0)) == 0
    assert not [ln for ln in voucher.lines if ln.account == 2890 and ln.member_id == bo.id]
    assert coop.ledger.balance(ADMIN, 7081) == D("1616.00")


def test_a_sickness_over_a_month_end_is_paid_once_in_each_month(coop: Cooperative) -> None:
    # Ill Monday 30 November – Wednesday 2 December. November pays its one day: 800.00
    # less the whole karensavdrag as far as it reaches (784.00). December's run pays the
    # rest: 2 December-days; December has 23 weekdays, so a day is 21 000 / 23 =
    # 913.04 (rounded down), 80 % = 730.43 each; the karensavdrag was taken in November.
    ada = _employed(coop, "Ada", "198503129804", "21000.00")
    absence = _sick(coop, ada, date(2026, 11, 30), date(2026, 12, 2))
    approved_request(coop, ada, "5000.00")
    november = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    (nov,) = coop.payroll_runs.payslips(ADMIN, november.number)
    assert nov.sick_pay == D("16.00") and nov.absence_numbers == (absence,)
    coop.payroll_runs.approve(ADMIN, november.number)
    coop.payroll_runs.mark_paid(ADMIN, november.number)
    december = coop.payroll_runs.run(ADMIN, "2026-12", date(2026, 12, 23))
    (dec,) = coop.payroll_runs.payslips(ADMIN, december.number)
    assert [(ln.kind, ln.amount, ln.quantity) for ln in dec.lines if "sick" in ln.kind] == [
        ("sick_pay", D("1460.86"), D(2)),
    ]
    assert dec.absence_numbers == (absence,) and dec.request_numbers == ()
    # The same sickness asked of the absence service for both months adds up the same.
    total = sum(
        (
            coop.absence.sick_pay(ADMIN, member=ada.number, period=p).sick_pay
            + coop.absence.sick_pay(ADMIN, member=ada.number, period=p).sick_deduction
            for p in ("2026-11", "2026-12")
        ),
        D(0),
    )
    assert nov.sick_pay + dec.sick_pay == total


def test_a_correction_pays_the_sick_days_once(coop: Cooperative) -> None:
    # The correction computes Ada's payslip again (the same sickness) and books only the
    # difference: nothing, so no sick pay is booked twice.
    ada = _employed(coop, "Ada", "198503129804", "21000.00")
    approved_request(coop, ada, "28200.00")
    absence = _sick(coop, ada, date(2026, 11, 9), date(2026, 11, 11))
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    coop.payroll_runs.approve(ADMIN, run.number)
    correction = coop.payroll_runs.correct(ADMIN, run.number, [ada.number])
    (slip,) = coop.payroll_runs.payslips(ADMIN, correction.number)
    assert slip.absence_numbers == (absence,) and slip.sick_pay == D("1616.00")
    coop.payroll_runs.approve(ADMIN, correction.number)
    assert len(_lines(coop)) == 1  # the correction's difference is zero: no voucher
    assert coop.ledger.balance(ADMIN, 7081) == D("1616.00")


def test_no_payslip_for_unconfirmed_sickness_and_no_request(coop: Cooperative) -> None:
    ada = _employed(coop, "Ada", "198503129804", "21000.00")
    bo = _employed(coop, "Bo", "199107049802", "21000.00")
    approved_request(coop, ada, "5000.00")
    coop.absence.report(ADMIN, member=bo.number, kind="sick", first_day=date(2026, 11, 16))
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    assert [s.member_number for s in coop.payroll_runs.payslips(ADMIN, run.number)] == [ada.number]


def test_the_member_account_may_pay_the_sick_pay(folder: Path, database_url: str) -> None:
    # [payroll] sick_pay_from = "member_account": the budget is the whole cost, salary and
    # sick pay: 28 198.74 + 2 378.59 = 30 577.33, all of it from Ada's account.
    toml = folder / "cooperative.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('sick_pay_from = "cooperative"', 'sick_pay_from = "member_account"', 1),
        encoding="utf-8",
    )
    with open_coop(folder, database_url) as coop:
        assert coop.config.payroll.sick_pay_from == "member_account"
        ada = _employed(coop, "Ada", "198503129804", "21000.00")
        credit(coop, ada, "2400.00")
        approved_request(coop, ada, "28200.00")
        _sick(coop, ada, date(2026, 11, 9), date(2026, 11, 11))
        run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
        (slip,) = coop.payroll_runs.payslips(ADMIN, run.number)
        assert slip.budget == D("30577.33")
        coop.payroll_runs.approve(ADMIN, run.number)
        assert (2890, D("30577.33")) in _lines(coop)[0]
        assert (7690, D("-30577.33")) in _lines(coop)[0]
        # 28 200 + 2 400 credited − 30 577.33 = 22.67 left
        assert coop.ledger.balance(ADMIN, 2890, member=ada.number) == D("-22.67")


@pytest.mark.parametrize("policy", ["none"])
def test_no_holiday_pay_on_sick_pay_without_semesterersattning(
    folder: Path, database_url: str, policy: str
) -> None:
    toml = folder / "cooperative.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('holiday_pay = "semesterersattning"', f'holiday_pay = "{policy}"', 1),
        encoding="utf-8",
    )
    with open_coop(folder, database_url) as coop:
        ada = _employed(coop, "Ada", "198503129804", "21000.00")
        _sick(coop, ada, date(2026, 11, 9), date(2026, 11, 11))
        run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
        (slip,) = coop.payroll_runs.payslips(ADMIN, run.number)
        assert [ln.kind for ln in slip.lines] == ["sick_pay", "sick_deduction"]
        assert (slip.holiday_pay, slip.taxable_pay) == (D("0.00"), D("1616.00"))


def test_sick_leave_confirmed_after_the_run_is_paid_by_a_correction(coop: Cooperative) -> None:
    # Ada was paid her salary; her sickness (1 616.00 net, see above) and Bo's are
    # confirmed only after the run was approved. Correcting Ada adds her sick pay to a
    # payslip that replaces hers; Bo, who had no payslip, gets a new one. Cecilia has
    # neither a payslip nor sick pay: nothing to correct.
    ada = _employed(coop, "Ada", "198503129804", "21000.00")
    bo = _employed(coop, "Bo", "199107049802", "21000.00")
    cecilia = _employed(coop, "Cecilia", "197809239804", "21000.00")
    approved_request(coop, ada, "28200.00")
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    coop.payroll_runs.approve(ADMIN, run.number)
    (before,) = coop.payroll_runs.payslips(ADMIN, run.number)
    first = _sick(coop, ada, date(2026, 11, 9), date(2026, 11, 11))
    second = _sick(coop, bo, date(2026, 11, 16), date(2026, 11, 18))
    with pytest.raises(InputError) as refused:
        coop.payroll_runs.correct(ADMIN, run.number, [cecilia.number])
    assert refused.value.field == "member"
    correction = coop.payroll_runs.correct(ADMIN, run.number, [ada.number, bo.number])
    mine, his = coop.payroll_runs.payslips(ADMIN, correction.number)
    assert (mine.replaces, mine.absence_numbers, mine.sick_pay) == (
        before.id,
        (first,),
        D("1616.00"),
    )
    assert (his.replaces, his.absence_numbers, his.sick_pay) == (None, (second,), D("1616.00"))
    assert mine.taxable_pay == D("23266.88") and mine.preliminary_tax == D("4220.00")
    coop.payroll_runs.approve(ADMIN, correction.number)
    assert coop.ledger.balance(ADMIN, 7081) == D("3232.00")
    for voucher in coop.ledger.list(ADMIN, series="L"):
        assert sum((line.amount for line in voucher.lines), D(0)) == 0
    # Ada's account paid her salary once: the correction took nothing more from it.
    assert coop.ledger.balance(ADMIN, 2890, member=ada.number) == D("-1.26")
    # A second correction pays nobody's sick days again.
    again = coop.payroll_runs.correct(ADMIN, run.number, [ada.number])
    (third,) = coop.payroll_runs.payslips(ADMIN, again.number)
    assert third.replaces == mine.id and third.sick_pay == D("1616.00")
    coop.payroll_runs.approve(ADMIN, again.number)
    assert coop.ledger.balance(ADMIN, 7081) == D("3232.00")

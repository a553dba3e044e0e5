# SPDX-License-Identifier: EUPL-1.2
"""Payroll runs on every backend: the worked example of docs/salary.md as a stored payslip
with its vouchers, recomputing a draft, refusing to compute an approved run again, who may
approve, paying, corrections, and the audit trail staying whole."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kooperativ import Cooperative
from kooperativ.errors import ConflictError, InputError, PermissionDenied
from kooperativ.i18n import messages
from kooperativ.members.models import Member

from .conftest import ADMIN, PAY_DAY, approved_request, credit

D = Decimal


def _lines(coop: Cooperative, series: str = "L") -> list[list[tuple[int, Decimal]]]:
    return [
        [(line.account, line.amount) for line in voucher.lines]
        for voucher in coop.ledger.list(ADMIN, series=series)
    ]


def test_the_worked_example_becomes_a_payslip_and_its_vouchers(
    coop: Cooperative, ada: Member, tove: Member
) -> None:
    # docs/salary.md: a budget of 28 200 kr, born 1985, table 33 column 1, paid
    # 2026-11-25: gross 19 158, holiday pay 2 298.96, contributions 6 741.78, tax 3 780,
    # net 17 676.96, remainder 1.26. An expense of 1 250 kr is paid back beside it.
    request = approved_request(coop, ada, "28200.00")
    expense = coop.expenses.add(
        ADMIN, member=ada.number, date=date(2026, 11, 2), description="Papper",
        receipt="K-1", amount="1250.00", vat="250.00",
    )  # fmt: skip
    coop.expenses.approve(ADMIN, expense.number)
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    assert (run.number, run.status.value, run.payslips) == (1, "draft", 1)
    (slip,) = coop.payroll_runs.payslips(ADMIN, run.number)
    assert slip.gross_salary == D("19158.00")
    assert slip.holiday_pay == D("2298.96")
    assert slip.taxable_pay == D("21456.96")
    assert slip.employer_contributions == D("6741.78")
    assert slip.contribution_rate == D("0.3142")
    assert slip.preliminary_tax == D("3780.00")
    assert slip.net_pay == D("17676.96")
    assert slip.expenses == D("1250.00")
    assert slip.payout == D("18926.96")
    assert slip.budget == D("28198.74")  # the salary cost; 1.26 stays on the account
    assert slip.tax_mode == "table:33:1"
    assert (slip.name, slip.person_id, slip.member_number) == ("Ada Lind", "198503129804", 1)
    assert slip.request_numbers == (request,) and slip.expense_numbers == (expense.number,)
    assert [(line.kind, line.amount, line.request_number) for line in slip.lines] == [
        ("salary", D("19158.00"), request),
        ("holiday_pay", D("2298.96"), None),
        ("expense", D("1250.00"), None),
    ]
    assert (slip.ytd_taxable_pay, slip.ytd_preliminary_tax) == (D("21456.96"), D("3780.00"))
    assert {line["field"] for line in slip.trace} >= {"gross_salary", "preliminary_tax"}
    assert (run.taxable_pay, run.payout) == (D("21456.96"), D("18926.96"))
    assert _lines(coop) == []  # a draft books nothing

    approved = coop.payroll_runs.approve(coop.actor_for_member(tove.number), run.number)
    assert approved.status.value == "approved" and approved.voucher == "L1"
    assert approved.approved_by == "Tove Kassör"
    assert sorted(_lines(coop)[0]) == sorted(
        [
            (7010, D("19158.00")),
            (7290, D("2298.96")),
            (7510, D("6741.78")),
            (2731, D("-6741.78")),
            (2710, D("-3780.00")),
            (2820, D("-18926.96")),
            (2890, D("29448.74")),  # 28 198.74 budget used + 1 250 expense paid back
            (7690, D("-28198.74")),
        ]
    )
    # 28 200 credited + 1 250 owed for the expense − 29 448.74 = the remainder 1.26
    assert coop.ledger.balance(ADMIN, 2890, member=ada.number) == D("-1.26")

    paid = coop.payroll_runs.mark_paid(ADMIN, run.number)
    assert paid.status.value == "paid" and paid.paid_by == ADMIN.name
    assert sorted(_lines(coop)[1]) == [(1930, D("-18926.96")), (2820, D("18926.96"))]
    assert coop.ledger.balance(ADMIN, 2820) == D("0.00")
    assert coop.salary_requests.get(ADMIN, request).status.value == "paid"
    assert coop.expenses.get(ADMIN, expense.number).status.value == "reimbursed"
    assert coop.audit.verify(ADMIN).ok


def test_a_draft_is_computed_again_and_an_approved_run_never(
    coop: Cooperative, ada: Member, tove: Member
) -> None:
    first = approved_request(coop, ada, "10000.00")
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    (before,) = coop.payroll_runs.payslips(ADMIN, run.number)
    second = approved_request(coop, tove, "5000.00", date(2026, 11, 10))
    again = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    assert (again.number, again.id, again.payslips) == (1, run.id, 2)
    slips = coop.payroll_runs.payslips(ADMIN, run.number)
    assert [s.request_numbers for s in slips] == [(first,), (second,)]
    assert before.id not in {s.id for s in slips}
    assert len(coop.payroll_runs.list(ADMIN)) == 1
    coop.payroll_runs.approve(ADMIN, run.number)
    with pytest.raises(ConflictError) as refused:
        coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    assert "payroll run 1 of 2026-11 is approved" in str(refused.value)
    assert refused.value.render(messages("sv")).startswith("lönekörning 1 för 2026-11 är godkänd")
    assert coop.payroll_runs.payslips(ADMIN, run.number) == slips  # nothing changed
    assert coop.audit.verify(ADMIN).ok


def test_who_may_approve(coop: Cooperative, ada: Member, tove: Member) -> None:
    approved_request(coop, tove, "10000.00")
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    with pytest.raises(PermissionDenied, match="is paid in payroll run 1"):
        coop.payroll_runs.approve(coop.actor_for_member(tove.number), run.number)
    with pytest.raises(PermissionDenied):
        coop.payroll_runs.approve(coop.actor_for_member(ada.number), run.number)
    with pytest.raises(PermissionDenied):
        coop.payroll_runs.run(coop.actor_for_member(ada.number), "2026-11", PAY_DAY)
    assert coop.payroll_runs.show(ADMIN, run.number).status.value == "draft"
    with pytest.raises(ConflictError, match="is a draft: only an approved run is paid"):
        coop.payroll_runs.mark_paid(ADMIN, run.number)


def test_bad_input_is_refused_naming_the_field(coop: Cooperative, ada: Member) -> None:
    with pytest.raises(InputError) as bad:
        coop.payroll_runs.run(ADMIN, "2026-13", PAY_DAY)
    assert bad.value.field == "period"
    with pytest.raises(InputError, match="no approved salary request has a pay date in 2026-11"):
        coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    assert coop.payroll_runs.list(ADMIN) == []


def test_pay_given_out_earlier_in_the_month_and_year_counts(coop: Cooperative, ada: Member) -> None:
    # October's request is paid on 5 November: November's pay is taxed on the month's
    # whole pay, less the tax already withheld, and the year's totals add up.
    approved_request(coop, ada, "10000.00", date(2026, 10, 30))
    october = coop.payroll_runs.run(ADMIN, "2026-10", date(2026, 11, 5))
    coop.payroll_runs.approve(ADMIN, october.number)
    # approved, not yet paid: the account was charged once, the request is not reserved
    assert coop.salary_requests.availability(ADMIN, ada.number).available == D("1.36")
    (early,) = coop.payroll_runs.payslips(ADMIN, october.number)
    approved_request(coop, ada, "10000.00")
    november = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    (late,) = coop.payroll_runs.payslips(ADMIN, november.number)
    policy = coop.payroll.policy()
    alone = policy.calculate(
        policy.salary_input(member=coop.members.get(ADMIN, ada.number), budget="10000.00",
                            paid_on=PAY_DAY)
    )  # fmt: skip
    assert late.taxable_pay == alone.taxable_pay == early.taxable_pay
    # table 33 on 2 × the pay, less the tax withheld in October, is more than on one
    assert late.preliminary_tax > alone.preliminary_tax
    assert late.ytd_taxable_pay == early.taxable_pay + late.taxable_pay
    assert late.ytd_preliminary_tax == early.preliminary_tax + late.preliminary_tax


def test_a_correction_run_replaces_and_books_the_difference(coop: Cooperative, ada: Member) -> None:
    approved_request(coop, ada, "28200.00")
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    coop.payroll_runs.approve(ADMIN, run.number)
    coop.payroll_runs.mark_paid(ADMIN, run.number)
    (original,) = coop.payroll_runs.payslips(ADMIN, run.number)
    # Ada's A-skattsedel said side income (30 %): the run used the wrong mode.
    coop.members.update(ADMIN, ada.number, tax_mode="side-income")
    with pytest.raises(ConflictError, match="not computed again"):
        coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    correction = coop.payroll_runs.correct(ADMIN, run.number, [ada.number])
    assert (correction.kind.value, correction.corrects, correction.number) == ("correction", 1, 2)
    (fixed,) = coop.payroll_runs.payslips(ADMIN, correction.number)
    assert fixed.replaces == original.id and fixed.tax_mode == "side-income"
    assert fixed.preliminary_tax == D("6437.00")  # floor(21 456.96 × 30 %), docs/salary.md
    assert fixed.request_numbers == original.request_numbers
    with pytest.raises(ConflictError, match="correction in draft already"):
        coop.payroll_runs.correct(ADMIN, run.number, [ada.number])
    coop.payroll_runs.approve(ADMIN, correction.number)
    # the difference only: 2 657 kr more tax, 2 657 kr less owed to Ada
    assert sorted(_lines(coop)[-1]) == [(2710, D("-2657.00")), (2820, D("2657.00"))]
    assert coop.payroll_runs.period_payslips(ADMIN, "2026-11") == [original, fixed]
    paid = coop.payroll_runs.mark_paid(ADMIN, correction.number)
    assert paid.status.value == "paid"
    assert coop.ledger.balance(ADMIN, 2890, member=ada.number) == D("-1.26")
    assert coop.audit.verify(ADMIN).ok


def test_a_member_sees_only_their_own(coop: Cooperative, ada: Member, tove: Member) -> None:
    approved_request(coop, ada, "10000.00")
    approved_request(coop, tove, "10000.00")
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    me = coop.actor_for_member(ada.number)
    mine = coop.payroll_runs.payslips(me, run.number)
    assert [s.member_id for s in mine] == [ada.id]
    with pytest.raises(PermissionDenied):
        coop.payroll_runs.payslips(me, run.number, member=tove.number)
    credit(coop, tove, "1.00")
    assert [r.number for r in coop.payroll_runs.list(me)] == [1]

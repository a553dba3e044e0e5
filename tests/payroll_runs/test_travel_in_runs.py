# SPDX-License-Identifier: EUPL-1.2
"""Payroll runs pay approved travel claims: the tax-free part beside the net pay, the
taxable excess as taxable pay (tax and contributions, no holiday pay), out of the member's
account, each claim once, marked paid with the run; the AGI's boxes 050/051.

Figures by hand in the comments: docs/salary.md's example for the salary, and
docs/travel.md's Umeå trip (per diem 900 = 555 tax-free + 345 taxable; car allowance
3 840 = 3 200 tax-free + 640 taxable) moved to November 2026."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from kooperativ import Cooperative
from kooperativ.errors import PermissionDenied
from kooperativ.members.models import Member, Role
from kooperativ.services.payroll_runs import report_boxes_for
from kooperativ.travel.claims import TravelClaimStatus

from .conftest import ADMIN, PAY_DAY, approved_request, credit

D = Decimal

UMEA: dict[str, Any] = {
    "departure": datetime(2026, 11, 2, 8, 0),
    "returned": datetime(2026, 11, 4, 17, 0),
    "km_from_home": "640",
    "km_from_workplace": "640",
    "nights": 2,
    "lodging_paid": True,
    "meals": [
        {"day": date(2026, 11, 3), "breakfast": True, "lunch": True},
        {"day": date(2026, 11, 4), "breakfast": True},
    ],
}


def _umea(coop: Cooperative, member: Member) -> int:
    claim = coop.travel.claim(
        ADMIN, member=member.number, destination="Umeå", trip=UMEA, per_diem="900",
        mileage={"distance": "1280"}, mileage_paid="3840",
    )  # fmt: skip
    coop.travel.approve(ADMIN, claim.number)
    return claim.number


def _lines(coop: Cooperative) -> list[list[tuple[int, Decimal]]]:
    return [
        sorted((line.account, line.amount) for line in voucher.lines)
        for voucher in coop.ledger.list(ADMIN, series="L")
    ]


def test_a_travel_claim_on_the_payslip_worked_by_hand(coop: Cooperative, ada: Member) -> None:
    # Salary (docs/salary.md): gross 19 158.00, holiday pay 2 298.96, taxable 21 456.96,
    # contributions 6 741.78, cost 28 198.74.
    # The claim: tax-free 555 + 3 200 = 3 755.00, taxable 345 + 640 = 985.00.
    # Taxable pay 21 456.96 + 985.00 = 22 441.96 (no holiday pay on an allowance).
    # Contributions 31.42 % × 22 441.96 = 7 051.2638 → 7 051.26 (the allowance's
    # 7 051.26 − 6 741.78 = 309.48).
    # Tax: table 33 column 1 for 2026, row 22 401 – 22 600 kr: 4 023 kr; net 18 418.96,
    # payout 18 418.96 + 3 755.00 = 22 173.96.
    # The account pays 28 198.74 + 3 755.00 + 985.00 + 309.48 = 33 248.22.
    credit(coop, ada, "5100.00")
    request = approved_request(coop, ada, "28200.00")
    number = _umea(coop, ada)
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    (slip,) = coop.payroll_runs.payslips(ADMIN, run.number)
    assert [(ln.kind, ln.amount, ln.allowance) for ln in slip.lines] == [
        ("salary", D("19158.00"), None),
        ("holiday_pay", D("2298.96"), None),
        ("taxable_allowance", D("345.00"), "per_diem"),
        ("taxable_allowance", D("640.00"), "mileage"),
        ("travel_allowance", D("555.00"), "per_diem"),
        ("travel_allowance", D("3200.00"), "mileage"),
    ]
    assert slip.lines[4].text == f"Traktamente, reseräkning {number}: Umeå"
    tax = coop.country.tax_table(2026, 33, 1).deduction(D("22441.96"))
    assert tax == D("4023")
    assert slip.taxable_pay == D("22441.96") and slip.holiday_pay == D("2298.96")
    assert slip.employer_contributions == D("7051.26")
    assert slip.preliminary_tax == tax
    assert slip.expenses == D("3755.00")
    assert slip.net_pay == D("22441.96") - tax
    assert slip.payout == D("22441.96") - tax + D("3755.00")
    assert slip.budget == D("33248.22")
    assert (slip.travel_numbers, slip.request_numbers) == ((number,), (request,))
    assert (slip.travel_tax_free, slip.travel_taxable) == (D("3755.00"), D("985.00"))
    assert any(t["field"] == "travel_allowances" for t in slip.trace)

    coop.payroll_runs.approve(ADMIN, run.number)
    # debits 19 158.00 + 2 298.96 + 555 + 345 + 3 200 + 640 + 7 051.26 + 33 248.22
    # = 66 496.44 = credits 7 051.26 + 4 023.00 + 22 173.96 + 33 248.22
    assert _lines(coop) == [
        sorted(
            [
                (7010, D("19158.00")),
                (7290, D("2298.96")),
                (7321, D("555.00")),
                (7322, D("345.00")),
                (7331, D("3200.00")),
                (7332, D("640.00")),
                (7510, D("7051.26")),
                (2731, D("-7051.26")),
                (2710, -tax),
                (2820, -(D("22441.96") - tax + D("3755.00"))),
                (2890, D("33248.22")),
                (7690, D("-33248.22")),
            ]
        )
    ]
    # 28 200 + 5 100 credited − 33 248.22 = 51.78 left
    assert coop.ledger.balance(ADMIN, 2890, member=ada.number) == D("-51.78")
    with coop.store.unit_of_work(write=False) as uow:
        assert report_boxes_for([slip], uow) == {slip.id: frozenset({"050", "051"})}
    agi = coop.payroll_runs.employer_report(ADMIN, "2026-11").decode()
    assert "Traktamente" in agi and "Bilersattning" in agi
    assert coop.travel.get(ADMIN, number).status is TravelClaimStatus.APPROVED
    coop.payroll_runs.mark_paid(ADMIN, run.number)
    paid = coop.travel.get(ADMIN, number)
    assert (paid.status, paid.paid_on) == (TravelClaimStatus.PAID, PAY_DAY)
    assert paid.paid_by == f"payroll_run:{run.number}"


def test_each_claim_is_paid_once(coop: Cooperative, ada: Member) -> None:
    credit(coop, ada, "10000.00")
    approved_request(coop, ada, "10000.00")
    number = _umea(coop, ada)
    november = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    again = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)  # a draft computed again
    (slip,) = coop.payroll_runs.payslips(ADMIN, again.number)
    assert slip.travel_numbers == (number,)
    coop.payroll_runs.approve(ADMIN, november.number)
    # December's run does not take it while November's is approved but unpaid …
    approved_request(coop, ada, "3000.00", date(2026, 12, 23))
    december = coop.payroll_runs.run(ADMIN, "2026-12", date(2026, 12, 23))
    (dec,) = coop.payroll_runs.payslips(ADMIN, december.number)
    assert dec.travel_numbers == () and dec.travel_tax_free == 0
    # … a correction pays the same claim in place of the corrected payslip …
    correction = coop.payroll_runs.correct(ADMIN, november.number, [ada.number])
    (fix,) = coop.payroll_runs.payslips(ADMIN, correction.number)
    assert fix.travel_numbers == (number,)
    coop.payroll_runs.approve(ADMIN, correction.number)
    assert coop.ledger.balance(ADMIN, 7331) == D("3200.00")  # booked once
    # … and once paid, no run takes it again.
    coop.payroll_runs.mark_paid(ADMIN, november.number)
    coop.payroll_runs.mark_paid(ADMIN, correction.number)
    december = coop.payroll_runs.run(ADMIN, "2026-12", date(2026, 12, 23))
    (dec,) = coop.payroll_runs.payslips(ADMIN, december.number)
    assert dec.travel_numbers == ()


def test_a_claim_dated_after_the_pay_day_waits(coop: Cooperative, ada: Member) -> None:
    credit(coop, ada, "10000.00")
    approved_request(coop, ada, "10000.00", date(2026, 11, 1))
    _umea(coop, ada)  # dated 4 November
    run = coop.payroll_runs.run(ADMIN, "2026-11", date(2026, 11, 1))
    (slip,) = coop.payroll_runs.payslips(ADMIN, run.number)
    assert slip.travel_numbers == ()


def test_only_treasurer_or_admin_marks_travel_paid(coop: Cooperative, ada: Member) -> None:
    board = coop.members.add(
        ADMIN, first_name="Bo", last_name="Styrelse", person_id="199001019802",
        roles=frozenset({Role.BOARD}),
    )  # fmt: skip
    credit(coop, ada, "10000.00")
    approved_request(coop, ada, "10000.00")
    number = _umea(coop, ada)
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    coop.payroll_runs.approve(ADMIN, run.number)
    with pytest.raises(PermissionDenied):
        coop.payroll_runs.mark_paid(coop.actor_for_member(board.number), run.number)
    assert coop.travel.get(ADMIN, number).status is TravelClaimStatus.APPROVED
    assert coop.payroll_runs.show(ADMIN, run.number).status.value == "approved"

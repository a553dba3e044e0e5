# SPDX-License-Identifier: EUPL-1.2
"""The personal-data export (GDPR art. 15) holds the member's pay records: salary
requests, expenses, travel claims and payslips, and nothing of another member's."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from kooperativ import Actor
from kooperativ.services.privacy import PersonalData

from .conftest import ADA_PNR, BO_PNR
from .test_export import _pdftotext

Scenario = Any
PAY_DAY = date(2026, 3, 25)
TRIP: dict[str, Any] = {
    "departure": datetime(2026, 3, 2, 8, 0),
    "returned": datetime(2026, 3, 4, 17, 0),
    "km_from_home": "640",
    "km_from_workplace": "640",
    "nights": 2,
    "lodging_paid": True,
    "meals": [],
}


def _paid(scenario: Scenario) -> dict[str, int]:
    """Ada (2) and Bo (3) each ask for a salary and pay back an expense; Ada makes a
    trip to Umeå; the March run pays them all (approved by Alva, the treasurer)."""
    coop, admin = scenario.coop, Actor.admin()
    numbers: dict[str, int] = {}
    for member, amount, what in ((2, "20000.00", "Färg"), (3, "15000.00", "Ramar")):
        coop.ledger.book(
            admin,
            {
                "series": "M", "date": date(2026, 3, 1), "text": "Andel av faktura",
                "lines": [{"account": 1930, "amount": amount},
                          {"account": 2890, "amount": f"-{amount}", "member": member}],
            },
        )  # fmt: skip
        request = coop.salary_requests.request(admin, member, PAY_DAY, amount)
        coop.salary_requests.approve(admin, request.number)
        expense = coop.expenses.add(
            admin, member=member, date=date(2026, 3, 5), description=what, receipt=f"K-{member}",
            amount="500.00", vat="100.00",
        )  # fmt: skip
        coop.expenses.approve(admin, expense.number)
        numbers[f"request {member}"] = request.number
        numbers[f"expense {member}"] = expense.number
    claim = coop.travel.claim(
        admin, member=2, destination="Umeå", trip=TRIP, per_diem="555",
        mileage={"distance": "1280"}, mileage_paid="3200",
    )  # fmt: skip
    coop.travel.approve(admin, claim.number)
    numbers["claim"] = claim.number
    run = coop.payroll_runs.run(admin, "2026-03", PAY_DAY)
    coop.payroll_runs.approve(scenario.alva, run.number)
    numbers["run"] = run.number
    return numbers


def test_the_export_holds_her_pay_records(scenario: Scenario) -> None:
    numbers = _paid(scenario)
    coop = scenario.coop
    data = coop.privacy.export(scenario.ada, 2)
    me = data.member.id
    assert [r.number for r in data.salary_requests] == [numbers["request 2"]]
    assert [e.number for e in data.expenses] == [numbers["expense 2"]]
    assert [(e.description, str(e.amount)) for e in data.expenses] == [("Färg", "500.00")]
    assert [c.number for c in data.travel_claims] == [numbers["claim"]]
    assert data.travel_claims[0].destination == "Umeå"
    (slip,) = data.payslips
    assert (slip.run_number, slip.person_id, slip.bank_account) == (
        numbers["run"], ADA_PNR, "5001-1234563",
    )  # fmt: skip
    assert slip == coop.payroll_runs.payslips(Actor.admin(), numbers["run"], member=2)[0]
    records = (*data.salary_requests, *data.expenses, *data.travel_claims, *data.payslips)
    assert all(record.member_id == me for record in records)
    # the audit events about them are in the export too
    entities = {entry.entity for entry in data.audit}
    assert {"salary_request", "expense", "travel_claim", "payslip"} <= entities
    # the JSON copy reads back the same
    text = data.to_json()
    assert PersonalData.from_json(text) == data
    # nothing of Bo's: his request, expense and payslip
    for other in ("Ramar", "15000.00", BO_PNR, "5001-2345679"):
        assert other not in text, other


def test_bo_gets_his_own_pay_records(scenario: Scenario) -> None:
    numbers = _paid(scenario)
    data = scenario.coop.privacy.export(scenario.bo, 3)
    assert [r.number for r in data.salary_requests] == [numbers["request 3"]]
    assert [e.description for e in data.expenses] == ["Ramar"]
    assert data.travel_claims == ()
    assert [s.member_number for s in data.payslips] == [3]


def test_the_pdf_lists_her_pay_records(scenario: Scenario, tmp_path: object) -> None:
    numbers = _paid(scenario)
    text = _pdftotext(scenario.coop.privacy.export_pdf(scenario.ada, 2, "sv"), tmp_path)
    words = " ".join(text.replace("\u00a0", " ").split())
    for expected in [
        "Löneuttag", f"{numbers['request 2']} 25 mars 2026 20 000,00",
        "Lönespecifikationer", f"{numbers['run']} 2026-03 25 mars 2026",
        "Utlägg", f"{numbers['expense 2']} 5 mars 2026 Färg 500,00",
        "Reseräkningar", "Umeå",
    ]:  # fmt: skip
        assert expected in words, (expected, words)
    assert "Ramar" not in words and "15 000,00" not in words

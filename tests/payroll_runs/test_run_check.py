# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ check`` finds payroll work left undone: a draft run past its pay date, an
approved run not marked paid three days after it, an approved salary request past its pay
date that no run holds; in Swedish as in English."""

from __future__ import annotations

from datetime import date

from kooperativ import Cooperative
from kooperativ.i18n import messages
from kooperativ.members.models import Member

from .conftest import ADMIN, PAY_DAY, approved_request

CODES = {
    "payroll.run_draft_overdue", "payroll.run_not_marked_paid", "payroll.request_without_run",
}  # fmt: skip


def _found(coop: Cooperative, on: date) -> list[tuple[str, str, dict[str, str]]]:
    return [(p.code, p.where, dict(p.args)) for p in coop.payroll_runs.check(on) if p.code in CODES]


def test_a_request_past_its_pay_date_without_a_run(coop: Cooperative, ada: Member) -> None:
    request = approved_request(coop, ada, "28200.00")  # to be paid 25 November
    assert _found(coop, PAY_DAY) == []  # the pay date has not passed
    found = _found(coop, date(2026, 11, 26))
    assert found == [
        ("payroll.request_without_run", f"salary request {request}", {"pay_date": "2026-11-25"})
    ]
    # the cooperative's check reports it too, in Swedish
    (problem,) = [p for p in coop.check(date(2026, 11, 26)) if p.code in CODES]
    assert problem.severity == "warning"
    assert problem.text(messages("sv")) == (
        f"löneuttag {request}",
        "godkänt för utbetalning 2026-11-25, men ingen lönekörning betalar ut det",
    )


def test_a_draft_past_its_pay_date_then_an_approved_run_not_marked_paid(
    coop: Cooperative, ada: Member, tove: Member
) -> None:
    approved_request(coop, ada, "28200.00")
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    assert _found(coop, PAY_DAY) == []
    # the draft holds the request: only the draft is reported
    assert _found(coop, date(2026, 11, 26)) == [
        ("payroll.run_draft_overdue", f"payroll run {run.number}",
         {"period": "2026-11", "pay_date": "2026-11-25"}),
    ]  # fmt: skip
    (problem,) = [p for p in coop.payroll_runs.check(date(2026, 11, 26))]
    assert problem.text(messages("sv")) == (
        f"lönekörning {run.number}",
        "utkastet för 2026-11 skulle ha betalats ut 2026-11-25: godkänn det eller beräkna "
        "det på nytt",
    )
    coop.payroll_runs.approve(coop.actor_for_member(tove.number), run.number)
    assert _found(coop, date(2026, 11, 27)) == []  # two days after the pay date
    assert _found(coop, date(2026, 11, 28)) == [
        ("payroll.run_not_marked_paid", f"payroll run {run.number}",
         {"pay_date": "2026-11-25", "days": "3"}),
    ]  # fmt: skip
    (problem,) = coop.payroll_runs.check(date(2026, 11, 28))
    assert problem.text(messages("sv"))[1] == (
        "godkänd med utbetalningsdagen 2026-11-25 men inte markerad som betald 3 dagar "
        "senare: markera den som betald när banken har betalat"
    )
    coop.payroll_runs.mark_paid(ADMIN, run.number)
    assert _found(coop, date(2026, 12, 31)) == []

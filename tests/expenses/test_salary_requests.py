# SPDX-License-Identifier: EUPL-1.2
"""Salary requests: checked against the member's account and the advance policy, with what
the budget becomes by the salary engine; roles; bad input refused with nothing written.
On every backend."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.errors import ConflictError, InputError, PermissionDenied
from kooperativ.i18n import messages
from kooperativ.members.models import Member

from .conftest import open_coop

D = Decimal
PAY_DAY = date(2026, 6, 25)


def credit(coop: Cooperative, member: Member, amount: str) -> None:
    """Book ``amount`` to the member's account (their share of a paid invoice)."""
    coop.ledger.book(
        Actor.admin(),
        {
            "series": "M",
            "date": date(2026, 5, 25),
            "text": "Andel av faktura 1",
            "lines": [
                {"account": 1930, "amount": amount},
                {"account": 2890, "amount": f"-{amount}", "member": member.number},
            ],
        },
    )


def test_a_budget_becomes_gross_contributions_tax_and_net(
    coop: Cooperative, ada: Member, tove: Member
) -> None:
    credit(coop, ada, "20000.00")
    me = coop.actor_for_member(ada.number)
    request = coop.salary_requests.request(me, ada.number, PAY_DAY, "20000")
    assert (request.budget, request.available, request.advance) == (
        D("20000.00"),
        D("20000.00"),
        D("0.00"),
    )
    # Hand-worked against the example's policy: 12 % holiday pay on the gross salary and
    # 31.42 % employer contributions on gross + holiday pay, all within the budget.
    gross = request.gross
    holiday = (gross * D("0.12")).quantize(D("0.01"))
    contributions = ((gross + holiday) * D("0.3142")).quantize(D("0.01"))
    assert request.employer_contributions == contributions
    assert gross + holiday + contributions <= D("20000.00")
    assert D("20000.00") - (gross + holiday + contributions) < D("2.00")
    assert request.net == gross + holiday - request.tax
    assert D("0") < request.tax < gross
    assert request.payout == request.net  # no expenses to pay back
    assert request.status.value == "requested"
    approved = coop.salary_requests.approve(coop.actor_for_member(tove.number), request.number)
    assert approved.status.value == "approved" and approved.decided_by == "Tove Kassör"


def test_a_request_above_the_balance_is_refused_naming_it(coop: Cooperative, ada: Member) -> None:
    credit(coop, ada, "1250.00")
    me = coop.actor_for_member(ada.number)
    with pytest.raises(InputError) as refused:
        coop.salary_requests.request(me, ada.number, PAY_DAY, "1250.01")
    assert refused.value.field == "amount"
    text = str(refused.value)
    assert "1250.01 is more than the account allows: 1250.00 available" in text
    assert text.endswith("1250.00 available")  # no advances in the example
    assert refused.value.render(messages("sv")).endswith("kontot medger: 1\xa0250,00 tillgängligt")
    assert coop.salary_requests.list(Actor.admin()) == []


def test_all_available_takes_the_balance_and_reserves_it(coop: Cooperative, ada: Member) -> None:
    credit(coop, ada, "8000.00")
    admin = Actor.admin()
    first = coop.salary_requests.request(admin, ada.number, PAY_DAY)
    assert first.amount is None and first.all_available
    assert first.budget == D("8000.00")
    # What is requested is reserved: nothing is left for a second request.
    left = coop.salary_requests.availability(admin, ada.number)
    assert (left.balance, left.reserved, left.available) == (D("8000.00"), D("8000.00"), D("0"))
    with pytest.raises(InputError, match="nothing is available"):
        coop.salary_requests.request(admin, ada.number, PAY_DAY)
    # A rejected request frees its budget.
    coop.salary_requests.reject(admin, first.number, "fel datum")
    assert coop.salary_requests.request(admin, ada.number, PAY_DAY).budget == D("8000.00")


def test_approved_expenses_are_paid_back_beside_the_salary_not_out_of_it(
    coop: Cooperative, ada: Member
) -> None:
    admin = Actor.admin()
    credit(coop, ada, "10000.00")
    coop.expenses.add(
        admin,
        member=ada.number,
        date=date(2026, 5, 4),
        description="Färg",
        receipt="K-17",
        amount="1250.00",
        vat="250.00",
    )
    coop.expenses.approve(admin, 1)
    room = coop.salary_requests.availability(admin, ada.number)
    assert (room.balance, room.expenses, room.available) == (
        D("11250.00"),
        D("1250.00"),
        D("10000.00"),
    )
    request = coop.salary_requests.request(admin, ada.number, PAY_DAY)
    assert request.budget == D("10000.00")
    assert request.expenses == D("1250.00")
    assert request.payout == request.net + D("1250.00")


def test_the_advance_policy_adds_its_room(folder: Path, database_url: str) -> None:
    path = folder / "cooperative.toml"
    text = path.read_text("utf-8")
    assert "[advances]\nallowed = false\n" in text
    path.write_text(
        text.replace(
            "[advances]\nallowed = false\n", '[advances]\nallowed = true\nper_member = "5000"\n'
        ),
        "utf-8",
    )
    with open_coop(folder, database_url) as coop:
        admin = Actor.admin()
        ada = coop.members.add(admin, first_name="Ada", last_name="Lind", person_id="198503129804")
        credit(coop, ada, "3000.00")
        room = coop.salary_requests.availability(admin, ada.number)
        assert (room.available, room.room, room.limit) == (D("3000.00"), D("5000"), D("8000.00"))
        with pytest.raises(InputError) as refused:
            coop.salary_requests.request(admin, ada.number, PAY_DAY, "8000.01")
        assert "3000.00 available and 5000.00 more paid ahead" in str(refused.value)
        request = coop.salary_requests.request(admin, ada.number, PAY_DAY, "8000")
        assert (request.budget, request.advance) == (D("8000.00"), D("5000.00"))
        # All available never goes into advance.
        coop.salary_requests.reject(admin, request.number, "för mycket")
        assert coop.salary_requests.request(admin, ada.number, PAY_DAY).advance == D("0.00")


def test_no_self_approval_and_member_isolation(
    coop: Cooperative, ada: Member, tove: Member
) -> None:
    credit(coop, tove, "5000.00")
    treasurer = coop.actor_for_member(tove.number)
    mine = coop.salary_requests.request(treasurer, tove.number, PAY_DAY, "1000")
    with pytest.raises(PermissionDenied, match="their own salary requests"):
        coop.salary_requests.approve(treasurer, mine.number)
    with pytest.raises(PermissionDenied):
        coop.salary_requests.reject(treasurer, mine.number, "nej")
    me = coop.actor_for_member(ada.number)
    with pytest.raises(PermissionDenied):
        coop.salary_requests.approve(me, mine.number)
    with pytest.raises(PermissionDenied):
        coop.salary_requests.request(me, tove.number, PAY_DAY, "100")
    with pytest.raises(PermissionDenied):
        coop.salary_requests.get(me, mine.number)
    with pytest.raises(PermissionDenied):
        coop.salary_requests.list(me, member=tove.number)
    with pytest.raises(PermissionDenied):
        coop.salary_requests.availability(me, tove.number)
    assert coop.salary_requests.list(me) == []
    assert coop.salary_requests.get(Actor.admin(), mine.number).status.value == "requested"
    approved = coop.salary_requests.approve(Actor.admin(), mine.number)
    with pytest.raises(ConflictError, match="approved already"):
        coop.salary_requests.reject(Actor.admin(), approved.number, "sent")
    assert coop.salary_requests.list(Actor.admin(), status="approved") == [approved]


@pytest.mark.parametrize(
    ("amount", "text"),
    [("0", "more than zero"), ("-5", "more than zero"), ("10.001", "two decimals")],
)
def test_bad_amounts_are_refused_with_nothing_written(
    coop: Cooperative, ada: Member, amount: str, text: str
) -> None:
    credit(coop, ada, "1000.00")
    with pytest.raises(InputError, match=text):
        coop.salary_requests.request(Actor.admin(), ada.number, PAY_DAY, amount)
    assert coop.salary_requests.list(Actor.admin()) == []

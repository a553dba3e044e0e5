# SPDX-License-Identifier: EUPL-1.2
"""Expenses (utlägg): a hand-worked approval and its voucher, roles, bad input refused
with nothing written. On every backend."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.errors import ConflictError, InputError, PermissionDenied, ValidationFailed
from kooperativ.i18n import messages
from kooperativ.members.models import Member

D = Decimal
MAY = date(2026, 5, 4)


def _add(coop: Cooperative, actor: Actor, member: Member, **changes: object) -> object:
    fields: dict[str, object] = {
        "member": member.number,
        "date": MAY,
        "description": "Akvarellpapper",
        "receipt": "K-17",
        "amount": "1250.00",
        "vat": "250.00",
    }
    fields.update(changes)
    return coop.expenses.add(actor, **fields)  # type: ignore[arg-type]


def _nothing_written(coop: Cooperative) -> None:
    admin = Actor.admin()
    assert coop.expenses.list(admin) == []
    assert coop.ledger.list(admin) == []


def test_an_approved_expense_is_booked_and_owed_to_the_member(
    coop: Cooperative, ada: Member, tove: Member
) -> None:
    # 1 250 kr paid by Ada, 250 kr of it VAT: the cooperative's cost is 1 000 kr, its
    # deductible input VAT 250 kr, and it owes Ada 1 250 kr.
    me = coop.actor_for_member(ada.number)
    expense = _add(coop, me, ada)
    assert expense.status.value == "submitted" and expense.net == D("1000.00")
    treasurer = coop.actor_for_member(tove.number)
    approved = coop.expenses.approve(treasurer, expense.number)
    assert approved.status.value == "approved"
    assert approved.decided_by == "Tove Kassör"
    (voucher,) = coop.ledger.list(Actor.admin())
    assert approved.voucher == voucher.label == "M1"
    assert voucher.date == MAY and voucher.document is not None
    assert (voucher.document.kind, voucher.document.key) == ("expense", "1")
    lines = [(line.account, line.amount, line.member_id) for line in voucher.lines]
    assert lines == [
        (6990, D("1000.00"), ada.id),
        (2641, D("250.00"), None),
        (2890, D("-1250.00"), ada.id),
    ]
    account = coop.ledger.member_account(me, ada.number)
    assert account.closing == D("1250.00")
    assert coop.ledger.balance(me, 2890, member=ada.number) == D("-1250.00")
    # The audit trail has the expense and its voucher.
    actions = [e.action for e in coop.audit.events(Actor.admin())]
    assert actions[-3:] == ["expense.add", "voucher.book", "expense.approve"]


def test_an_expense_without_vat_books_two_lines(coop: Cooperative, ada: Member) -> None:
    expense = _add(coop, Actor.admin(), ada, amount="99.50", vat="0")
    coop.expenses.approve(Actor.admin(), expense.number)
    (voucher,) = coop.ledger.list(Actor.admin())
    assert [(line.account, line.amount) for line in voucher.lines] == [
        (6990, D("99.50")),
        (2890, D("-99.50")),
    ]


def test_a_rejected_expense_books_nothing(coop: Cooperative, ada: Member) -> None:
    expense = _add(coop, Actor.admin(), ada)
    rejected = coop.expenses.reject(Actor.admin(), expense.number, "privat inköp")
    assert (rejected.status.value, rejected.reason) == ("rejected", "privat inköp")
    assert coop.ledger.list(Actor.admin()) == []
    with pytest.raises(ConflictError, match="rejected already"):
        coop.expenses.approve(Actor.admin(), expense.number)
    with pytest.raises(InputError, match="say why"):
        coop.expenses.reject(Actor.admin(), expense.number, " ")


def test_no_self_approval_even_for_the_treasurer(coop: Cooperative, tove: Member) -> None:
    treasurer = coop.actor_for_member(tove.number)
    expense = _add(coop, treasurer, tove)
    with pytest.raises(PermissionDenied) as refused:
        coop.expenses.approve(treasurer, expense.number)
    assert "their own expenses" in str(refused.value)
    assert "sina egna utlägg" in refused.value.render(messages("sv"))
    with pytest.raises(PermissionDenied):
        coop.expenses.reject(treasurer, expense.number, "nej")
    assert coop.expenses.get(Actor.admin(), expense.number).status.value == "submitted"
    assert coop.ledger.list(Actor.admin()) == []


def test_a_member_may_not_approve_nor_hand_in_for_others(
    coop: Cooperative, ada: Member, tove: Member
) -> None:
    me = coop.actor_for_member(ada.number)
    theirs = _add(coop, Actor.admin(), tove)
    with pytest.raises(PermissionDenied):
        coop.expenses.approve(me, theirs.number)
    with pytest.raises(PermissionDenied):
        _add(coop, me, tove)
    with pytest.raises(PermissionDenied):
        coop.expenses.get(me, theirs.number)
    with pytest.raises(PermissionDenied):
        coop.expenses.list(me, member=tove.number)
    assert coop.expenses.list(me) == []
    mine = _add(coop, me, ada)
    assert coop.expenses.list(me) == [mine]
    assert coop.expenses.list(Actor.admin(), status="submitted") == [theirs, mine]
    assert coop.expenses.list(Actor.admin(), member=ada.number) == [mine]


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"amount": "100.00", "vat": "100.01"}, "vat", "more than the amount"),
        ({"receipt": " "}, "receipt", "needs a receipt"),
        ({"receipt": ""}, "receipt", "needs a receipt"),
        ({"amount": "-10.00", "vat": "0"}, "amount", "more than zero"),
        ({"amount": "0", "vat": "0"}, "amount", "more than zero"),
        ({"vat": "-1"}, "vat", "cannot be negative"),
        ({"amount": "10.001"}, "amount", "two decimals"),
        ({"amount": 10.5}, "amount", "floats are not accepted"),
        ({"description": ""}, "description", "what was bought"),
    ],
)
def test_bad_input_is_refused_with_nothing_written(
    coop: Cooperative, ada: Member, changes: dict[str, object], field: str, text: str
) -> None:
    with pytest.raises((InputError, ValidationFailed)) as refused:
        _add(coop, Actor.admin(), ada, **changes)
    assert text in str(refused.value)
    if isinstance(refused.value, InputError):
        assert refused.value.field == field
    _nothing_written(coop)


def test_an_assignment_of_another_member_is_refused(
    coop: Cooperative, ada: Member, tove: Member
) -> None:
    admin = Actor.admin()
    coop.clients.add(admin, name="Stadsteatern", orgnr="5560360793")
    coop.assignments.add(
        admin,
        member=tove.number,
        client=1,
        description="Scenografi",
        start=date(2026, 5, 1),
        end=date(2026, 5, 31),
        agreed_amount="30000",
    )
    with pytest.raises(InputError, match="not the member's"):
        _add(coop, admin, ada, assignment=1)
    assert _add(coop, admin, tove, assignment=1).assignment_id is not None


def test_a_closed_period_refuses_the_approval_and_keeps_it_submitted(
    coop: Cooperative, ada: Member
) -> None:
    admin = Actor.admin()
    expense = _add(coop, admin, ada)
    coop.ledger.close_period(admin, "2026-05")
    with pytest.raises(InputError):
        coop.expenses.approve(admin, expense.number)
    assert coop.expenses.get(admin, expense.number).status.value == "submitted"
    assert coop.ledger.list(admin) == []

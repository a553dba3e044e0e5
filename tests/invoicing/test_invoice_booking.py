# SPDX-License-Identifier: EUPL-1.2
"""Invoices and credit notes book their vouchers in the ledger, in the same unit of work:
the lines by hand, the member's account, a closed period that refuses the invoice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kooperativ.errors import InputError

from .conftest import World


def lines(world: World, label: str) -> list[tuple[int, str]]:
    series = world.coop.config.ledger.invoices
    found = [
        v for v in world.coop.ledger.list(world.admin, series=series) if v.document
        and v.document.key == label
    ]  # fmt: skip
    assert len(found) == 1, label
    return [(line.account, str(line.amount)) for line in found[0].lines]


def test_an_invoice_books_its_voucher_and_the_members_budget(world: World) -> None:
    coop, admin = world.coop, world.admin
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number, world.licence.id])
    # 10 625.00 (25 %: VAT 2 656.25) + 4 000.00 (6 %: VAT 240.00) = 14 625.00 excl. VAT,
    # to pay 17 521.25. Fee 6 % of 14 625.00 = 877.50; budget 14 625.00 − 877.50 = 13 747.50.
    assert lines(world, invoice.label) == [
        (1510, "17521.25"),
        (3041, "-10625.00"),
        (3041, "-4000.00"),
        (2611, "-2656.25"),
        (2631, "-240.00"),
        (7690, "13747.50"),
        (2890, "-13747.50"),
    ]
    account = coop.ledger.member_account(admin, world.alva.number)
    assert account.closing == Decimal("13747.50")
    assert coop.ledger.trial_balance(admin).total == 0
    events = [e.action for e in coop.audit.events(admin) if e.entity == "voucher"]
    assert events == ["voucher.book"]


def test_a_credit_note_reverses_its_invoice(world: World) -> None:
    coop, admin = world.coop, world.admin
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number, world.licence.id])
    note = coop.invoices.credit(admin, invoice.label, reason="Fel pris")
    booked = lines(world, invoice.label)
    back = lines(world, note.label)
    assert back == [(account, str(-Decimal(amount))) for account, amount in booked]
    assert coop.ledger.member_account(admin, world.alva.number).closing == 0
    assert all(row.balance == 0 for row in coop.ledger.trial_balance(admin).rows)


def test_a_partial_credit_note_takes_back_its_share(world: World) -> None:
    coop, admin = world.coop, world.admin
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number, world.licence.id])
    licence = invoice.lines[1]
    note = coop.invoices.credit(
        admin,
        invoice.label,
        reason="Licensen utgår",
        lines=[{"description": licence.description, "quantity": "1", "unit_price": "4000",
                "vat_category": "culture"}],
    )  # fmt: skip
    # 4 000.00 of 14 625.00 is credited: the budget's share, 13 747.50 × 4 000 / 14 625
    # = 3 760.00 exactly (the fee's share 240.00 = 6 % of 4 000.00).
    assert lines(world, note.label) == [
        (1510, "-4240.00"),
        (3041, "4000.00"),
        (2631, "240.00"),
        (7690, "-3760.00"),
        (2890, "3760.00"),
    ]
    assert coop.ledger.member_account(admin, world.alva.number).closing == Decimal("9987.50")


def test_a_closed_period_refuses_an_invoice_dated_in_it(world: World) -> None:
    coop, admin = world.coop, world.admin
    coop.ledger.close_period(admin, "2026-10")
    before = coop.invoices.list(admin)
    with pytest.raises(InputError) as caught:
        coop.invoices.create(
            admin, assignments=[world.workshop.number], issue_date=date(2026, 10, 30)
        )
    assert caught.value.field == "date" and "2026-10" in str(caught.value)
    assert coop.invoices.list(admin) == before and coop.ledger.list(admin) == []
    # The next invoice in an open period gets number 1: no gap was left.
    assert coop.invoices.create(admin, assignments=[world.workshop.number]).number == 1


def test_with_the_fee_taken_on_payment_the_invoice_books_the_sale_only(world: World) -> None:
    coop, admin = world.coop, world.admin
    fees = coop.config.fees.model_copy(update={"taken": "on_payment"})
    coop.config = coop.config.model_copy(update={"fees": fees})
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number])
    assert [a for a, _ in lines(world, invoice.label)] == [1510, 3041, 2611]
    assert coop.ledger.member_account(admin, world.alva.number).closing == 0


def test_with_the_fee_taken_on_payment_each_payment_credits_its_share(world: World) -> None:
    """Hand-worked: the workshop's 10 625.00 + 25 % VAT = 13 281.25; fee 6 % = 637.50,
    budget 9 987.50, i.e. 0.752 of every krona paid. 5 000.00 paid credits 3 760.00; the
    rest (8 281.25) credits 6 227.50, so the two together credit exactly the budget."""
    coop, admin = world.coop, world.admin
    fees = coop.config.fees.model_copy(update={"taken": "on_payment"})
    coop.config = coop.config.model_copy(update={"fees": fees})
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number])
    assert invoice.total == Decimal("13281.25")
    paid_on = invoice.issue_date
    coop.payments.register(admin, invoice.label, Decimal("5000.00"), paid_on)
    assert coop.ledger.member_account(admin, world.alva.number).closing == Decimal("3760.00")
    coop.payments.register(admin, invoice.label, Decimal("8281.25"), paid_on)
    assert coop.ledger.member_account(admin, world.alva.number).closing == Decimal("9987.50")
    assert coop.ledger.trial_balance(admin).total == 0
    assert coop.ledger.balance(admin, 1510) == 0


def test_with_the_fee_taken_on_invoicing_a_payment_credits_nothing_more(world: World) -> None:
    coop, admin = world.coop, world.admin
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number])
    before = coop.ledger.member_account(admin, world.alva.number).closing
    assert before == Decimal("9987.50")
    coop.payments.register(admin, invoice.label, invoice.total, invoice.issue_date)
    assert coop.ledger.member_account(admin, world.alva.number).closing == before

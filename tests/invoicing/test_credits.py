# SPDX-License-Identifier: EUPL-1.2
"""Unmatched payments held on the suspense account (BAS 2999) until a person allocates
them, and a client's credit (an overpayment kept on 2420) applied to another invoice of the
same client or refunded: hand-worked figures, the ledger balancing, the credit reaching
zero, nothing used twice, bad input writing nothing, and a property over any sequence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kooperativ import Actor
from kooperativ.errors import ConflictError, InputError, PermissionDenied
from kooperativ.invoicing import InvoiceStatus
from kooperativ.payments import PaymentStatus

from .conftest import World
from .test_payments import DATA, ISSUED, TOTAL, workshop, writes


def test_an_unmatched_payment_waits_on_the_suspense_account(world: World) -> None:
    coop, admin = world.coop, world.admin
    invoice = workshop(world)
    other = coop.invoices.create(admin, assignments=[world.bo_job.number], issue_date=ISSUED)
    data = (
        (DATA / "bankgirot_v08.xml")
        .read_bytes()
        .replace(b"202601092", invoice.payment_reference.encode())
    )
    bank, receivables = coop.ledger.balance(admin, 1930), coop.ledger.balance(admin, 1510)
    report = coop.payments.import_camt054(admin, data, "bankgirot.xml")
    (loose,) = report.unmatched
    # 300.00 came in: in the bank, on 2999 OBS-konto until someone says what it pays.
    held = coop.ledger.get(admin, "B", 2)
    assert loose.suspense_voucher == "B2" and loose.voucher is None
    assert [(line.account, line.amount) for line in held.lines] == [
        (1930, Decimal("300.00")),
        (2999, Decimal("-300.00")),
    ]
    assert coop.ledger.balance(admin, 2999) == Decimal("-300.00")
    assert coop.ledger.balance(admin, 1930) - bank == Decimal("2300.00")
    assert coop.ledger.trial_balance(admin).total == 0
    resolved = coop.payments.resolve(admin, loose.number, other.label)
    moved = coop.ledger.get(admin, "B", 3)
    assert [(line.account, line.amount) for line in moved.lines[:2]] == [
        (2999, Decimal("300.00")),
        (1510, Decimal("-300.00")),
    ]
    assert resolved.voucher == "B3" and resolved.suspense_voucher == "B2"
    assert coop.ledger.balance(admin, 2999) == 0
    # Resolving moves; it brings no new money into the bank.
    assert coop.ledger.balance(admin, 1930) - bank == Decimal("2300.00")
    assert coop.ledger.balance(admin, 1510) - receivables == Decimal("-2300.00")
    assert coop.ledger.trial_balance(admin).total == 0
    assert coop.audit.verify(admin).problems == []


def test_a_credit_applied_to_another_invoice_then_refunded(world: World) -> None:
    coop, admin = world.coop, world.admin
    workshop(world)  # A1: 13 281.25
    second = coop.invoices.create(admin, assignments=[world.bo_job.number], issue_date=ISSUED)
    assert second.total == Decimal("1250.00")  # 1 000 + 25 %
    paid = coop.payments.register(admin, "A1", "20000.00", date(2025, 5, 30))
    # 20 000.00 − 13 281.25 = 6 718.75 kept as the theatre's credit.
    assert paid.credit == Decimal("6718.75")
    (credit,) = coop.payments.credits(admin)
    assert (credit.payment, credit.client, credit.credit) == (1, "Stadsteatern AB", paid.credit)
    applied = coop.payments.apply_credit(admin, 1, second.label, date(2025, 6, 2))
    assert applied.credit == Decimal("5468.75")
    assert [(a.invoice, a.amount, a.on) for a in applied.allocations] == [
        ("A1", TOTAL, None),
        ("A2", Decimal("1250.00"), date(2025, 6, 2)),
    ]
    assert coop.invoices.get(admin, second.label).status is InvoiceStatus.PAID
    assert coop.payments.balance(admin, second.label).open == 0
    used = coop.ledger.get(admin, "B", 2)
    assert [(line.account, line.amount) for line in used.lines] == [
        (2420, Decimal("1250.00")),
        (1510, Decimal("-1250.00")),
    ]
    assert coop.ledger.balance(admin, 2420) == Decimal("-5468.75")
    refunded = coop.payments.refund(admin, 1, date(2025, 6, 3), note="Bg 5050-1055")
    assert refunded.credit == 0 and refunded.refunded == Decimal("5468.75")
    assert [(line.account, line.amount) for line in coop.ledger.get(admin, "B", 3).lines] == [
        (2420, Decimal("5468.75")),
        (1930, Decimal("-5468.75")),
    ]
    # 20 000 in, 5 468.75 back out: the bank holds what paid the two invoices.
    assert coop.ledger.balance(admin, 2420) == 0
    assert coop.ledger.balance(admin, 1930) == TOTAL + Decimal("1250.00")
    assert coop.ledger.trial_balance(admin).total == 0
    assert coop.payments.credits(admin) == []
    # Nothing left to use twice.
    before = writes(world)
    with pytest.raises(ConflictError, match="no credit left"):
        coop.payments.refund(admin, 1, date(2025, 6, 4))
    with pytest.raises(ConflictError, match="no credit left"):
        coop.payments.apply_credit(admin, 1, second.label, date(2025, 6, 4))
    assert writes(world) == before
    actions = [e.action for e in coop.audit.events(admin) if e.entity == "payment"]
    assert actions == ["payment.register", "payment.apply_credit", "payment.refund"]
    assert coop.audit.verify(admin).problems == []


def test_bad_uses_of_a_credit_write_nothing(world: World) -> None:
    coop, admin = world.coop, world.admin
    workshop(world)
    small = coop.invoices.create(admin, assignments=[world.bo_job.number], issue_date=ISSUED)
    private = coop.invoices.create(admin, assignments=[world.home.number], issue_date=ISSUED)
    coop.payments.register(admin, "A1", "14000.00", date(2025, 5, 30))  # 718.75 credit
    before = writes(world)
    cases = [
        (lambda: coop.payments.apply_credit(admin, 1, private.label, date(2025, 6, 2)), "invoice"),
        (lambda: coop.payments.apply_credit(admin, 1, small.label, date(2025, 6, 2), "800"),
         "amount"),
        (lambda: coop.payments.apply_credit(admin, 1, small.label, date(2025, 5, 1)), "on"),
        (lambda: coop.payments.apply_credit(admin, 1, small.label, date(2025, 6, 2), "-1"),
         "amount"),
        (lambda: coop.payments.refund(admin, 1, date(2025, 6, 2), "718.76"), "amount"),
    ]  # fmt: skip
    for call, field in cases:
        with pytest.raises(InputError) as caught:
            call()
        assert caught.value.field == field
    with pytest.raises(ConflictError, match="paid already"):
        coop.payments.apply_credit(admin, 1, "A1", date(2025, 6, 2))
    alva = coop.actor_for_member(world.alva.number)
    for refused in (
        lambda: coop.payments.refund(alva, 1, date(2025, 6, 2)),
        lambda: coop.payments.apply_credit(alva, 1, small.label, date(2025, 6, 2)),
        lambda: coop.payments.credits(alva),
    ):
        with pytest.raises(PermissionDenied):
            refused()
    assert writes(world) == before
    # Part of it, then the rest: 500.00 + 218.75.
    part = coop.payments.apply_credit(admin, 1, small.label, date(2025, 6, 2), "500")
    assert part.credit == Decimal("218.75")
    assert coop.invoices.get(admin, small.label).status is InvoiceStatus.PARTLY_PAID
    rest = coop.payments.apply_credit(admin, 1, small.label, date(2025, 6, 3))
    assert rest.credit == 0 and coop.payments.balance(admin, small.label).open == Decimal("531.25")


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["apply", "refund"]),
        st.one_of(st.none(), st.decimals(min_value="0.01", max_value="3000", places=2)),
    ),
    max_size=6,
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    over=st.decimals(min_value="0.01", max_value="4000", places=2),
    price=st.decimals(min_value="1", max_value="2000", places=2),
    operations=OPERATIONS,
)
def test_any_sequence_keeps_the_credit_and_the_ledger_whole(
    world: World, over: Decimal, price: Decimal, operations: list[tuple[str, Decimal | None]]
) -> None:
    """Whatever is applied or refunded, and in whatever order: the credit never goes below
    zero nor is used twice, every payment adds up, 2420 holds exactly the credits left,
    and the ledger balances."""
    if not world.coop.store.url.startswith("memory"):
        pytest.skip("the property runs on the memory backend (the SQL ones by the tests above)")
    coop, admin = world.coop, world.admin
    jobs = [
        coop.assignments.add(
            admin, member=world.alva.id, client=world.theatre.id, start=date(2026, 11, 1),
            end=date(2026, 11, 20), description="Gästspel", agreed_amount=str(price),
        )
        for _ in range(2)
    ]  # fmt: skip
    first = coop.invoices.create(admin, assignments=[jobs[0].number], issue_date=ISSUED)
    target = coop.invoices.create(admin, assignments=[jobs[1].number], issue_date=ISSUED)
    payment = coop.payments.register(admin, first.label, first.total + over, date(2025, 5, 30))
    left = over
    for kind, amount in operations:
        open_amount = coop.payments.balance(admin, target.label).open
        try:
            if kind == "apply":
                done = coop.payments.apply_credit(
                    admin, payment.number, target.label, date(2025, 6, 1), amount
                )
                used = amount if amount is not None else min(left, open_amount)
            else:
                done = coop.payments.refund(admin, payment.number, date(2025, 6, 1), amount)
                used = amount if amount is not None else left
        except (InputError, ConflictError):
            used = None
        if used is not None:
            assert used <= left and (kind == "refund" or used <= open_amount)
            left -= used
            assert done.credit == left
        assert left >= 0
    found = coop.payments.get(admin, payment.number)
    assert found.credit == left
    assert found.allocated + found.credit + found.refunded == found.amount
    everything = coop.payments.list(admin)
    assert all(p.allocated + p.credit + p.refunded == p.amount for p in everything)
    credits = sum((p.credit for p in everything if p.status is not PaymentStatus.UNMATCHED), 0)
    assert coop.ledger.balance(admin, 2420) == -credits
    assert coop.ledger.trial_balance(admin).total == 0
    assert 0 <= coop.payments.balance(admin, target.label).open <= target.total


def test_a_member_cannot_see_clients_credits(world: World) -> None:
    assert world.coop.payments.credits(Actor.admin()) == []

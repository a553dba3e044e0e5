# SPDX-License-Identifier: EUPL-1.2
"""Payments on invoices on every backend: hand-worked full, partial and overpaid payments,
a camt.054 import (and the same file again), an unmatched payment resolved by a person,
late-payment interest across a half-year boundary, the ledger after payments, bad input
that writes nothing, and member isolation."""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kooperativ import Actor
from kooperativ.errors import ConflictError, InputError, NotFoundError, PermissionDenied
from kooperativ.i18n import translator
from kooperativ.invoicing import Invoice, InvoiceStatus
from kooperativ.members.models import Role
from kooperativ.payments import PaymentStatus

from .conftest import World

DATA = Path(__file__).parent.parent / "bank" / "data"
#: Invoiced 2025-05-01, due 2025-05-31: 12.5 h × 850.00 = 10 625.00 + 25 % = 13 281.25.
ISSUED = date(2025, 5, 1)
TOTAL = Decimal("13281.25")


def writes(world: World) -> tuple[int, int, int]:
    """(payments, vouchers, audit events): what a refused call must leave unchanged."""
    with world.coop.store.unit_of_work(write=False) as uow:
        return uow.payments.count(), uow.vouchers.count(), len(list(uow.audit.events()))


def workshop(world: World) -> Invoice:
    return world.coop.invoices.create(
        world.admin, assignments=[world.workshop.number], issue_date=ISSUED
    )


def test_full_payment_by_ocr(world: World) -> None:
    coop, admin = world.coop, world.admin
    invoice = workshop(world)
    assert (invoice.total, invoice.due_date) == (TOTAL, date(2025, 5, 31))
    payment = coop.payments.register(
        admin, invoice.payment_reference, "13281.25", date(2025, 5, 30)
    )
    assert payment.status is PaymentStatus.MATCHED and payment.credit == 0
    assert [(a.invoice, a.amount) for a in payment.allocations] == [("A1", TOTAL)]
    assert payment.voucher == "B1"
    assert coop.invoices.get(admin, "A1").status is InvoiceStatus.PAID
    balance = coop.payments.balance(admin, "A1")
    assert (balance.paid, balance.open) == (TOTAL, Decimal("0.00"))
    assert coop.payments.open_items(admin) == []
    assert coop.payments.overdue(admin, date(2025, 7, 31)) == []
    voucher = coop.ledger.get(admin, "B", 1)
    assert [(line.account, line.amount) for line in voucher.lines] == [
        (1930, TOTAL),
        (1510, -TOTAL),
    ]
    # The invoice's content never changes: only its status.
    assert coop.invoices.get(admin, "A1") == invoice.evolve(status="paid")


def test_partial_then_the_rest(world: World) -> None:
    coop, admin = world.coop, world.admin
    workshop(world)
    # Whether or not issuing the invoice booked it, the payments move exactly their amounts.
    bank, receivables = coop.ledger.balance(admin, 1930), coop.ledger.balance(admin, 1510)
    first = coop.payments.register(admin, "A1", "5000", date(2025, 5, 20))
    assert coop.invoices.get(admin, 1).status is InvoiceStatus.PARTLY_PAID
    assert coop.payments.balance(admin, 1).open == Decimal("8281.25")
    (item,) = coop.payments.open_items(admin)
    assert (item.invoice, item.open) == ("A1", Decimal("8281.25"))
    second = coop.payments.register(admin, 1, "8281.25", date(2025, 5, 28))
    assert coop.invoices.get(admin, 1).status is InvoiceStatus.PAID
    assert [p.number for p in coop.payments.list(admin, invoice="A1")] == [
        first.number,
        second.number,
    ]
    assert coop.ledger.balance(admin, 1930) - bank == TOTAL
    assert coop.ledger.balance(admin, 1510) - receivables == -TOTAL


def test_overpayment_is_kept_as_the_clients_credit(world: World) -> None:
    coop, admin = world.coop, world.admin
    workshop(world)
    payment = coop.payments.register(admin, "A1", "13300.00", date(2025, 5, 30))
    # 13 300.00 − 13 281.25 = 18.75 kept as credit (BAS 2420 Förskott från kunder).
    assert (payment.allocated, payment.credit) == (TOTAL, Decimal("18.75"))
    voucher = coop.ledger.get(admin, "B", 1)
    assert [(line.account, line.amount) for line in voucher.lines] == [
        (1930, Decimal("13300.00")),
        (1510, -TOTAL),
        (2420, Decimal("-18.75")),
    ]
    assert coop.ledger.trial_balance(admin).total == 0
    with pytest.raises(ConflictError, match="paid already"):
        coop.payments.register(admin, "A1", "1", date(2025, 6, 1))


def test_camt054_import_matches_and_a_second_import_changes_nothing(world: World) -> None:
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
    assert report.message_id == "BGC20261130-7781" and report.not_payments == 1
    (matched,) = report.matched
    assert (matched.amount, matched.payer, matched.source) == (
        Decimal("2000.00"),
        "Malin Ek",
        "bankgirot.xml",
    )
    assert [(a.invoice, a.amount) for a in matched.allocations] == [("A1", Decimal("2000.00"))]
    (loose,) = report.unmatched
    assert loose.amount == Decimal("300.00") and loose.reason
    assert coop.payments.balance(admin, "A1").open == TOTAL - Decimal("2000.00")
    before = writes(world)
    again = coop.payments.import_camt054(admin, data, "bankgirot.xml")
    assert again.nothing_new and again.already_imported == 2
    assert writes(world) == before
    # A person allocates the payment left unmatched.
    assert [p.number for p in coop.payments.unmatched(admin)] == [loose.number]
    resolved = coop.payments.resolve(admin, loose.number, other.label)
    # B2 held it on the suspense account (2999) when it came in; B3 moved it from there.
    assert resolved.status is PaymentStatus.RESOLVED and resolved.voucher == "B3"
    assert resolved.suspense_voucher == loose.suspense_voucher == "B2"
    assert [(a.invoice, a.amount) for a in resolved.allocations] == [
        (other.label, Decimal("300.00"))
    ]
    assert coop.payments.unmatched(admin) == []
    assert coop.invoices.get(admin, other.number).status is InvoiceStatus.PARTLY_PAID
    with pytest.raises(ConflictError, match="allocated already"):
        coop.payments.resolve(admin, loose.number, other.label)
    # Bank = everything allocated; receivables credited by as much; the ledger balances.
    assert coop.ledger.balance(admin, 1930) - bank == Decimal("2300.00")
    assert coop.ledger.balance(admin, 1510) - receivables == Decimal("-2300.00")
    assert coop.ledger.trial_balance(admin).total == 0
    # Every payment, status change and voucher is on the audit trail, which still holds.
    assert coop.audit.verify(admin).problems == []
    actions = [e.action for e in coop.audit.events(admin) if e.entity == "payment"]
    assert actions == ["payment.import", "payment.import", "payment.resolve"]


def test_late_interest_across_a_half_year_boundary(world: World) -> None:
    coop, admin = world.coop, world.admin
    workshop(world)
    # Due 2025-05-31. Reference rate 3 % (2025 H1) and 2 % (2025 H2), + 8 points:
    # 2025-06-01–06-30: 13 281.25 × 11 % × 30 / 365 = 120.077… → 120.08
    # 2025-07-01–07-31: 13 281.25 × 10 % × 31 / 365 = 112.799… → 112.80
    (late,) = coop.payments.overdue(admin, date(2025, 7, 31))
    assert late.days == 61
    assert [(line.first, line.days, line.rate, line.interest) for line in late.lines] == [
        (date(2025, 6, 1), 30, Decimal("0.11"), Decimal("120.08")),
        (date(2025, 7, 1), 31, Decimal("0.10"), Decimal("112.80")),
    ]
    assert late.interest == Decimal("232.88") and late.to_pay == TOTAL + Decimal("232.88")
    assert "Räntelagen" in late.lines[0].reference
    # 5 000.00 paid late on 2025-06-15: it bears interest up to that day.
    # 06-01–06-15: 13 281.25 × 11 % × 15 / 365 = 60.038… → 60.04
    # 06-16–06-30:  8 281.25 × 11 % × 15 / 365 = 37.435… → 37.44
    # 07-01–07-31:  8 281.25 × 10 % × 31 / 365 = 70.333… → 70.33
    coop.payments.register(admin, "A1", "5000.00", date(2025, 6, 15))
    (late,) = coop.payments.overdue(admin, date(2025, 7, 31))
    assert [(line.amount, line.interest) for line in late.lines] == [
        (TOTAL, Decimal("60.04")),
        (Decimal("8281.25"), Decimal("37.44")),
        (Decimal("8281.25"), Decimal("70.33")),
    ]
    assert late.interest == Decimal("167.81") and late.balance.open == Decimal("8281.25")
    assert coop.payments.overdue(admin, date(2025, 5, 31)) == []


def test_bad_input_writes_nothing(world: World) -> None:
    coop, admin = world.coop, world.admin
    invoice = workshop(world)
    note = coop.invoices.credit(
        admin,
        invoice.number,
        reason="Fel timmar",
        lines=[{"description": "Avdrag", "quantity": "1", "unit": "HUR", "unit_price": "850"}],
    )
    before = writes(world)
    with pytest.raises(NotFoundError, match="999999"):
        coop.payments.register(admin, "999999", "100", date(2025, 6, 1))
    with pytest.raises(NotFoundError):
        coop.payments.register(admin, "A77", "100", date(2025, 6, 1))
    for amount in ("-5", "0", "1.001", "tio"):
        with pytest.raises(InputError) as caught:
            coop.payments.register(admin, "A1", amount, date(2025, 6, 1))
        assert caught.value.field == "amount"
    with pytest.raises(InputError, match="credit note"):
        coop.payments.register(admin, note.label, "100", date(2025, 6, 1))
    with pytest.raises(InputError):
        coop.payments.import_camt054(admin, b"<not-xml", "bad.xml")
    with pytest.raises(NotFoundError):
        coop.payments.resolve(admin, 42, "A1")
    assert writes(world) == before
    # The credit note lowers what is open: 13 281.25 − 1 062.50 = 12 218.75.
    assert coop.payments.balance(admin, "A1").open == Decimal("12218.75")


def test_members_see_only_their_own(world: World) -> None:
    coop, admin = world.coop, world.admin
    alvas = workshop(world)
    bos = coop.invoices.create(admin, assignments=[world.bo_job.number], issue_date=ISSUED)
    coop.payments.register(admin, alvas.label, "100", date(2025, 5, 10))
    coop.payments.register(admin, bos.label, "200", date(2025, 5, 10))
    alva = Actor.for_member(world.alva.id, "alva", frozenset({Role.MEMBER}))
    assert [p.amount for p in coop.payments.list(alva)] == [Decimal("100.00")]
    assert [b.invoice for b in coop.payments.open_items(alva)] == [alvas.label]
    assert [o.balance.invoice for o in coop.payments.overdue(alva, date(2025, 7, 1))] == [
        alvas.label
    ]
    assert coop.payments.unmatched(alva) == []
    with pytest.raises(PermissionDenied):
        coop.payments.balance(alva, bos.label)
    with pytest.raises(PermissionDenied):
        coop.payments.get(alva, 2)
    with pytest.raises(PermissionDenied):
        coop.payments.register(alva, alvas.label, "1", date(2025, 5, 11))
    board = Actor(name="board", roles=frozenset({Role.BOARD}))
    with pytest.raises(PermissionDenied):
        coop.payments.register(board, alvas.label, "1", date(2025, 5, 11))
    assert len(coop.payments.list(board)) == 2


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_reminder_pdf(world: World, lang: str, tmp_path: Path) -> None:
    coop, admin = world.coop, world.admin
    workshop(world)
    coop.payments.register(admin, "A1", "5000.00", date(2025, 6, 15))
    pdf = coop.payments.reminder(admin, "A1", date(2025, 7, 31), lang=lang)
    path = tmp_path / "reminder.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = {
        "sv": ("Betalningspåminnelse", "8 281,25", "167,81", "8 449,06", "11 %", "Räntelagen"),
        "en": ("Payment reminder", "8,281.25", "167.81", "8,449.06", "11 %", "Räntelagen"),
    }[lang]
    flat = " ".join(text.split()).replace("\u00a0", " ")
    for word in words:
        assert word in flat, word
    assert coop.invoices.get(admin, "A1").payment_reference in flat
    with pytest.raises(ConflictError, match="not overdue"):
        coop.payments.reminder(admin, "A1", date(2025, 5, 31))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amounts=st.lists(
        st.decimals(min_value="0.01", max_value="9000", places=2), min_size=1, max_size=4
    )
)
def test_payments_conserve_every_ore(world: World, amounts: list[Decimal]) -> None:
    """Whatever is paid: each payment's allocation and credit are its amount, the invoice's
    paid and open are its total, and the ledger's bank is everything received."""
    if not world.coop.store.url.startswith("memory"):
        pytest.skip("the invariant is the service's: one backend is enough")
    coop, admin = world.coop, world.admin
    job = coop.assignments.add(
        admin, member=world.alva.id, client=world.theatre.id, start=date(2025, 4, 1),
        end=date(2025, 4, 30), description="Ljus", agreed_amount="10000",
    )  # fmt: skip
    invoice = coop.invoices.create(admin, assignments=[job.number], issue_date=ISSUED)
    bank_before = coop.ledger.balance(admin, 1930)
    received = Decimal("0.00")
    for amount in amounts:
        try:
            payment = coop.payments.register(admin, invoice.label, amount, date(2025, 5, 20))
        except ConflictError:
            assert coop.payments.balance(admin, invoice.label).open == 0
            continue
        received += amount
        assert payment.allocated + payment.credit == amount
    balance = coop.payments.balance(admin, invoice.label)
    credits = sum((p.credit for p in coop.payments.list(admin, invoice=invoice.label)), Decimal(0))
    assert balance.paid + balance.open == invoice.total and balance.open >= 0
    assert balance.paid + credits == received
    assert coop.ledger.balance(admin, 1930) - bank_before == received
    assert coop.ledger.trial_balance(admin).total == 0
    expected = InvoiceStatus.PAID if balance.open == 0 else InvoiceStatus.PARTLY_PAID
    assert coop.invoices.get(admin, invoice.label).status is expected


def test_an_ambiguous_payment_waits_for_a_person(world: World) -> None:
    coop, admin = world.coop, world.admin
    first = workshop(world)
    second = coop.invoices.create(admin, assignments=[world.bo_job.number], issue_date=ISSUED)
    # The file's second payment (300.00) names both invoices in its message.
    data = (
        (DATA / "bankgirot_v08.xml")
        .read_bytes()
        .replace(b"Medlemsavgift 2026", f"{first.label} och {second.label}".encode())
    )
    report = coop.payments.import_camt054(admin, data, "two.xml")
    (loose,) = [p for p in report.unmatched if p.amount == Decimal("300.00")]
    assert loose.reason == "more than one open invoice could be meant (A1, A2)"
    swedish = loose.reason_in(translator("sv", "bank"))
    assert swedish == "mer än en obetald faktura kan avses (A1, A2)"
    assert loose.allocations == () and loose.voucher is None and loose.suspense_voucher
    resolved = coop.payments.resolve(admin, loose.number, second.label)
    assert [(a.invoice, a.amount) for a in resolved.allocations] == [
        (second.label, Decimal("300.00"))
    ]
    assert coop.payments.balance(admin, second.label).paid == Decimal("300.00")
    assert resolved.reason == loose.reason  # why it waited stays on record

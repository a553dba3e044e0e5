# SPDX-License-Identifier: EUPL-1.2
"""The invoice service on every backend: invoicing assignments, credit notes, roles,
gapless numbers under failure, and bad input that writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from kooperativ import Actor
from kooperativ.errors import ConflictError, InputError, NotFoundError, PermissionDenied
from kooperativ.invoicing import InvoiceKind, InvoiceStatus
from kooperativ.services.invoices import InvoiceService

from .conftest import World

DAY = date(2026, 11, 30)


def writes(world: World) -> tuple[int, int]:
    """(invoices stored, audit events): what a refused call must leave unchanged."""
    with world.coop.store.unit_of_work(write=False) as uow:
        return uow.invoices.count(), len(list(uow.audit.events()))


def test_an_invoice_of_two_assignments_adds_up(world: World) -> None:
    coop, admin = world.coop, world.admin
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number, world.licence.id])
    assert (invoice.number, invoice.series, invoice.label) == (1, "A", "A1")
    assert invoice.issue_date == DAY and invoice.due_date == date(2026, 12, 30)
    assert invoice.payment_reference == "133"
    assert invoice.member_id == world.alva.id and invoice.client_id == world.theatre.id
    assert invoice.assignment_ids == (world.workshop.id, world.licence.id)
    assert (invoice.period_start, invoice.period_end) == (date(2026, 11, 1), date(2026, 11, 20))
    assert [(line.quantity, line.unit, line.unit_price, line.net) for line in invoice.lines] == [
        (Decimal("12.50"), "HUR", Decimal("850.00"), Decimal("10625.00")),
        (Decimal("1"), "C62", Decimal("4000.00"), Decimal("4000.00")),
    ]
    # 25 % of 10 625.00 = 2 656.25; 6 % of 4 000.00 = 240.00
    assert [(v.code, v.rate, v.base, v.vat) for v in invoice.vat] == [
        ("S", Decimal("0.25"), Decimal("10625.00"), Decimal("2656.25")),
        ("S", Decimal("0.06"), Decimal("4000.00"), Decimal("240.00")),
    ]
    assert invoice.total == Decimal("17521.25")
    # The seller as cooperative.toml names it, the buyer as the register does.
    assert invoice.seller.name == "Interim kultur AB" and invoice.seller.f_tax
    assert invoice.seller.vat_number == "SE559876543501" and invoice.seller.bankgiro
    assert invoice.buyer.orgnr == "556677-8808" and invoice.buyer.reference == "Karin Ek"
    assert invoice.late_interest == "Dröjsmålsränta enligt räntelagen"
    assert coop.invoices.get(admin, 1) == invoice == coop.invoices.get(admin, "A1")
    events = [e for e in coop.audit.events(admin) if e.entity == "invoice"]
    assert [e.action for e in events] == ["invoice.create"]
    second = coop.invoices.create(admin, assignments=[world.bo_job.number])
    assert second.number == 2 and second.payment_reference == "232"


def test_reverse_charge_and_export(world: World) -> None:
    coop, admin = world.coop, world.admin
    berlin = coop.invoices.create(
        admin, assignments=[world.berlin.number], vat_category="reverse_charge"
    )
    assert berlin.buyer.vat_number == "DE136695976" and berlin.buyer.country == "DE"
    (vat,) = berlin.vat
    assert (vat.code, vat.vat, vat.exemption_code) == ("AE", Decimal("0.00"), "VATEX-EU-AE")
    assert vat.text("sv") == "Omvänd betalningsskyldighet"
    assert berlin.total == Decimal("20000.00") and berlin.buyer_vat_required
    oslo = coop.invoices.create(admin, assignments=[world.oslo.number], vat_category="export")
    assert [v.code for v in oslo.vat] == ["G"] and oslo.total == Decimal("30000.00")


def test_lines_given_and_rounding(world: World, coop_folder: Any) -> None:
    coop, admin = world.coop, world.admin
    config = coop.config.model_copy(
        update={"invoicing": coop.config.invoicing.model_copy(update={"rounding": True})}
    )
    coop.config = config
    invoice = coop.invoices.create(
        admin,
        assignments=[world.workshop.number],
        lines=[
            {"description": "Workshop", "quantity": "12.5", "unit": "HUR", "unit_price": "850"},
            {"description": "Resa", "quantity": "1", "unit_price": "333.33"},
        ],
        issue_date=date(2026, 12, 1),
    )
    # 10 958.33 + 25 % (2 739.58) = 13 697.91 → 13 698.00, öresavrundning 0.09
    assert invoice.total_vat == Decimal("2739.58")
    assert (invoice.rounding, invoice.total) == (Decimal("0.09"), Decimal("13698.00"))
    assert {line.vat_category for line in invoice.lines} == {"standard"}


def test_credit_notes_full_and_partial(world: World) -> None:
    coop, admin = world.coop, world.admin
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number])
    part = coop.invoices.credit(
        admin, invoice.number, reason="Två timmar för mycket",
        lines=[{"description": "Avdrag 2 h", "quantity": "2", "unit": "HUR",
                "unit_price": "850", "vat_category": "standard"}],
    )  # fmt: skip
    assert part.kind is InvoiceKind.CREDIT_NOTE and part.credits == invoice.id
    assert (part.number, part.credits_number, part.total) == (2, 1, Decimal("2125.00"))
    assert coop.invoices.get(admin, 1).status is InvoiceStatus.ISSUED
    with pytest.raises(ConflictError, match="more than its total"):
        coop.invoices.credit(admin, 1, reason="Allt")  # the rest is less than the whole
    rest = coop.invoices.credit(
        admin, 1, reason="Resten",
        lines=[{"description": "Avdrag 10,5 h", "quantity": "10.5", "unit": "HUR",
                "unit_price": "850"}],
    )  # fmt: skip
    assert part.total + rest.total == invoice.total
    credited = coop.invoices.get(admin, 1)
    assert credited.status is InvoiceStatus.CREDITED
    assert credited.evolve(status="issued") == invoice  # only the status moved on
    assert [c.number for c in coop.invoices.credits_of(admin, 1)] == [2, 3]
    with pytest.raises(ConflictError, match="already credited"):
        coop.invoices.credit(admin, 1, reason="Igen")
    with pytest.raises(ConflictError, match="is a credit note"):
        coop.invoices.credit(admin, 2, reason="x")
    # A wholly credited invoice's assignment may be invoiced again.
    again = coop.invoices.create(admin, assignments=[world.workshop.number])
    assert again.number == 4


def test_a_full_credit_note_cancels_the_invoice(world: World) -> None:
    coop, admin = world.coop, world.admin
    invoice = coop.invoices.create(admin, assignments=[world.workshop.id, world.licence.id])
    note = coop.invoices.credit(admin, invoice.id, reason="Fel uppdragsgivare")
    assert note.lines == invoice.lines
    assert invoice.total - note.total == 0 and invoice.total_vat - note.total_vat == 0
    assert coop.invoices.get(admin, invoice.id).status is InvoiceStatus.CREDITED


def test_roles(world: World) -> None:
    coop, admin = world.coop, world.admin
    alva = coop.actor_for_member(world.alva.number)
    bo = coop.actor_for_member(world.bo.number)
    with pytest.raises(PermissionDenied):
        coop.invoices.create(alva, assignments=[world.workshop.number])
    mine = coop.invoices.create(admin, assignments=[world.workshop.number])
    home = coop.invoices.create(admin, assignments=[world.home.number])
    theirs = coop.invoices.create(admin, assignments=[world.bo_job.number])
    assert [i.number for i in coop.invoices.list(alva)] == [mine.number, home.number]
    assert [i.number for i in coop.invoices.list(bo)] == [theirs.number]
    assert coop.invoices.get(alva, mine.number) == mine
    # A private client's personnummer is masked for a member.
    assert coop.invoices.get(alva, home.number).buyer.person_id == "19900101-****"
    assert coop.invoices.get(admin, home.number).buyer.person_id == "199001019802"
    with pytest.raises(PermissionDenied):
        coop.invoices.get(bo, mine.number)
    with pytest.raises(PermissionDenied):
        coop.invoices.credit(alva, mine.number, reason="x")
    assert [i.number for i in coop.invoices.list(admin, client=world.theatre.number)] == [1, 3]
    assert [i.number for i in coop.invoices.list(admin, member=world.bo.number)] == [3]
    assert coop.invoices.list(admin, start=date(2026, 12, 1)) == []
    assert len(coop.invoices.list(admin, status="issued")) == 3


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda w: dict(assignments=[w.workshop.number, w.workshop.number]), InputError,
         "named twice"),
        (lambda w: dict(assignments=[w.workshop.number, w.berlin.number]), InputError,
         "different clients"),
        (lambda w: dict(assignments=[w.workshop.number, w.bo_job.number]), InputError,
         "different members"),
        (lambda w: dict(assignments=[99]), NotFoundError, "assignment '99' not found"),
        (lambda w: dict(assignments=[]), InputError, "at least one assignment"),
        (lambda w: dict(assignments=[w.home.number], vat_category="reverse_charge"),
         InputError, "private person"),
        (lambda w: dict(assignments=[w.workshop.number], vat_category="reverse_charge"),
         InputError, "client in Sweden"),
        (lambda w: dict(assignments=[w.berlin.number], vat_category="export"), InputError,
         "outside the EU"),
        (lambda w: dict(assignments=[w.workshop.number], vat_category="nonsense"), InputError,
         "unknown"),
        (lambda w: dict(assignments=[w.workshop.number],
                        lines=[{"description": "x", "quantity": "-1", "unit_price": "5"}]),
         InputError, "quantity: must be more than zero"),
        (lambda w: dict(assignments=[w.workshop.number],
                        lines=[{"description": "x", "quantity": "1", "unit_price": "-5"}]),
         InputError, "unit_price: must not be negative"),
        (lambda w: dict(assignments=[w.workshop.number], lines=[]), InputError,
         "at least one line"),
    ],
)  # fmt: skip
def test_bad_input_writes_nothing(world: World, call: Any, error: type, words: str) -> None:
    before = writes(world)
    with pytest.raises(error) as caught:
        world.coop.invoices.create(world.admin, **call(world))
    assert words in str(caught.value)
    assert writes(world) == before


def test_an_assignment_is_not_invoiced_twice(world: World) -> None:
    coop, admin = world.coop, world.admin
    first = coop.invoices.create(admin, assignments=[world.workshop.number])
    before = writes(world)
    with pytest.raises(ConflictError, match=r"already invoiced \(invoice A1\)"):
        coop.invoices.create(admin, assignments=[world.licence.number, world.workshop.number])
    assert writes(world) == before
    assert coop.invoices.list(admin) == [first]


def test_a_failed_write_leaves_no_gap(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    coop, admin = world.coop, world.admin
    coop.invoices.create(admin, assignments=[world.workshop.number])
    before = writes(world)
    original = InvoiceService._record
    numbers: list[int] = []

    def failing(self: Any, uow: Any, actor: Any, action: str, old: Any, new: Any) -> None:
        numbers.append(new.number)  # the number is allocated and the invoice added …
        raise RuntimeError("disk full")  # … and then the write fails

    monkeypatch.setattr(InvoiceService, "_record", failing)
    with pytest.raises(RuntimeError):
        coop.invoices.create(admin, assignments=[world.licence.number])
    assert numbers == [2]
    assert writes(world) == before
    monkeypatch.setattr(InvoiceService, "_record", original)
    again = coop.invoices.create(admin, assignments=[world.licence.number])
    assert again.number == 2 and again.payment_reference == "232"
    assert [i.number for i in coop.invoices.list(admin)] == [1, 2]


def test_credit_bad_input_writes_nothing(world: World) -> None:
    coop, admin = world.coop, world.admin
    coop.invoices.create(admin, assignments=[world.workshop.number])
    before = writes(world)
    with pytest.raises(InputError, match="reason"):
        coop.invoices.credit(admin, 1, reason=" ")
    with pytest.raises(NotFoundError):
        coop.invoices.credit(admin, 7, reason="x")
    with pytest.raises(InputError, match="no 'culture' lines"):
        coop.invoices.credit(
            admin, 1, reason="x",
            lines=[{"description": "x", "quantity": "1", "unit_price": "1",
                    "vat_category": "culture"}],
        )  # fmt: skip
    assert writes(world) == before


def test_member_actor_without_member_sees_nothing(world: World) -> None:
    world.coop.invoices.create(world.admin, assignments=[world.workshop.number])
    nobody = Actor(name="x", roles=frozenset())
    assert world.coop.invoices.list(nobody) == []


def test_concurrent_invoices_get_unique_gapless_numbers(world: World) -> None:
    from concurrent.futures import ThreadPoolExecutor

    coop, admin = world.coop, world.admin
    jobs = [
        coop.assignments.add(
            admin,
            member=world.alva.id,
            client=world.theatre.id,
            description=f"Jobb {n}",
            start=date(2026, 11, 1),
            end=date(2026, 11, 2),
            agreed_amount="100",
        )
        for n in range(8)
    ]
    # Each assignment twice: one of each pair must be refused, never both invoiced.
    wanted = [job.number for job in jobs] * 2

    def attempt(number: int) -> int | None:
        try:
            return coop.invoices.create(admin, assignments=[number]).number
        except ConflictError:
            return None

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(attempt, wanted))
    numbers = sorted(n for n in results if n is not None)
    assert numbers == list(range(1, len(jobs) + 1))
    stored = coop.invoices.list(admin)
    assert sorted(len(i.assignment_ids) for i in stored) == [1] * len(jobs)
    assert len({i.assignment_ids for i in stored}) == len(jobs)

# SPDX-License-Identifier: EUPL-1.2
"""The open items, the overdue list and the OCR lookup answer in a number of SQL
statements that does not grow with the number of open invoices (they used to issue one or
two queries per open invoice), and give the same answers as one invoice at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event

from kooperativ import Cooperative

from .conftest import World
from .test_payments import ISSUED


@contextmanager
def counting(coop: Cooperative) -> Iterator[list[int]]:
    seen = [0]

    def count(*_: object) -> None:
        seen[0] += 1

    engine = coop.store.engine  # type: ignore[attr-defined]
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def statements(coop: Cooperative, action: Callable[[], object]) -> int:
    with counting(coop) as seen:
        action()
    return seen[0]


def invoices(world: World, count: int) -> list[str]:
    coop, admin = world.coop, world.admin
    labels = []
    for n in range(count):
        job = coop.assignments.add(
            admin, member=world.alva.id, client=world.theatre.id, start=date(2025, 4, 1),
            end=date(2025, 4, 20), description=f"Uppdrag {n}", agreed_amount="1000",
        )  # fmt: skip
        invoice = coop.invoices.create(admin, assignments=[job.number], issue_date=ISSUED)
        labels.append(invoice.label)
    return labels


def test_open_items_overdue_and_ocr_in_a_bounded_number_of_statements(world: World) -> None:
    if world.coop.store.url.startswith("memory"):
        pytest.skip("counts SQL statements")
    coop, admin = world.coop, world.admin
    on = date(2025, 6, 30)
    first = invoices(world, 3)
    coop.payments.register(admin, first[0], "100", date(2025, 5, 20))
    coop.invoices.credit(admin, first[1], reason="fel pris")  # credited in full: not open
    small = (
        statements(coop, lambda: coop.payments.open_items(admin)),
        statements(coop, lambda: coop.payments.overdue(admin, on)),
    )
    more = invoices(world, 12)
    for label in more[:4]:
        coop.payments.register(admin, label, "200", date(2025, 6, 10))
    large = (
        statements(coop, lambda: coop.payments.open_items(admin)),
        statements(coop, lambda: coop.payments.overdue(admin, on)),
    )
    assert large == small and max(large) <= 6
    # The same answers as one invoice at a time.
    items = coop.payments.open_items(admin)
    assert [b.invoice for b in items] == [first[0], first[2], *more]
    assert items == [coop.payments.balance(admin, b.invoice) for b in items]
    assert items[0].paid == Decimal("100.00") and items[0].open == Decimal("1150.00")
    late = coop.payments.overdue(admin, on)
    assert [o.balance for o in late] == items
    assert late == [coop.payments.interest(admin, b.invoice, on) for b in items]
    ocr = coop.invoices.get(admin, more[-1]).payment_reference
    with coop.store.unit_of_work(write=False) as uow:
        assert statements(coop, lambda: coop.payments._invoice(uow, ocr)) == 1
        assert coop.payments._invoice(uow, f" {ocr[:2]} {ocr[2:]} ").label == more[-1]

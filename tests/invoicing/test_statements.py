# SPDX-License-Identifier: EUPL-1.2
"""Transparency statements: the worked example of docs/statements.md to the öre, a credit
note, the fee taken on payment, member isolation, the PDF and the command line."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ.errors import InputError, PermissionDenied
from kooperativ.services.statements import InvoiceStatement

from .conftest import World

ROOT = Path(__file__).resolve().parents[2]

LINES = [
    {"description": "Workshop", "quantity": "12.5", "unit": "HUR", "unit_price": "850"},
    {"description": "Licens för bilder", "quantity": "1", "unit_price": "4000",
     "vat_category": "culture"},
    {"description": "Resa", "quantity": "1", "unit_price": "333.33"},
]  # fmt: skip

D = Decimal


def worked_example(world: World) -> InvoiceStatement:
    coop, admin = world.coop, world.admin
    coop.config = coop.config.model_copy(
        update={"invoicing": coop.config.invoicing.model_copy(update={"rounding": True})}
    )
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number], lines=LINES)
    return coop.statements.invoice(admin, invoice.label)


def pay_out(world: World, amount: str) -> None:
    world.coop.ledger.book(
        world.admin,
        {
            "series": "M",
            "date": date(2026, 11, 30),
            "text": "Utbetalning",
            "lines": [
                {"account": 2890, "amount": amount, "member": world.alva.number},
                {"account": 1930, "amount": f"-{amount}"},
            ],
        },
    )


def test_the_worked_example_of_the_docs(world: World) -> None:
    s = worked_example(world)
    # By hand (docs/statements.md): excl. VAT 14 958.33, VAT 2 979.58, rounding 0.09,
    # total 17 938.00; fee 14 958.33 × 6 % = 897.4998 → 897.50; budget 14 060.83.
    assert (s.invoiced, s.vat, s.rounding, s.total) == (
        D("14958.33"), D("2979.58"), D("0.09"), D("17938.00"),
    )  # fmt: skip
    assert s.invoiced + s.vat + s.rounding == s.total
    assert (s.fee, s.budget) == (D("897.50"), D("14060.83"))
    assert s.fee + s.budget == s.invoiced
    assert "14958.33 × 6 % = 897.50" in str(s.fee_rule.explain())
    pay = s.salary
    assert pay is not None and s.paid_on == date(2026, 12, 25)
    # Holiday pay 12 % of 9 552.00 = 1 146.24; contributions 31.42 % of 10 698.24
    # = 3 361.387 → 3 361.39; the budget is spent to the öre.
    assert pay.holiday_pay == (pay.gross_salary * D("0.12")).quantize(D("0.01"))
    assert pay.taxable_pay == pay.gross_salary + pay.holiday_pay
    assert pay.employer_contributions == (pay.taxable_pay * D("0.3142")).quantize(D("0.01"))
    assert (
        pay.taxable_pay + pay.employer_contributions + pay.pension + pay.pension_tax
        + pay.remainder
    ) == s.budget  # fmt: skip
    assert pay.net_pay == pay.taxable_pay - pay.preliminary_tax
    salary_figures = {
        "Gross salary": pay.gross_salary,
        "Holiday pay": pay.holiday_pay,
        "Taxable pay": pay.taxable_pay,
        "Employer contributions": pay.employer_contributions,
        "Left after rounding": pay.remainder,
        "Preliminary tax": pay.preliminary_tax,
        "Net pay": pay.net_pay,
    }
    pay_out(world, "5000.00")
    month = world.coop.statements.member(world.admin, world.alva.number, period="2026-11")
    assert [i.invoice.label for i in month.invoices] == ["A1"]
    assert (month.invoiced, month.vat, month.fees, month.budget) == (
        D("14958.33"), D("2979.58"), D("897.50"), D("14060.83"),
    )  # fmt: skip
    assert (month.opening, month.credited, month.paid_out, month.closing) == (
        D("0.00"), D("14060.83"), D("5000.00"), D("9060.83"),
    )  # fmt: skip
    assert month.opening + month.credited - month.paid_out == month.closing
    # The page shows these figures.
    page = (ROOT / "docs" / "statements.md").read_text("utf-8")

    def shown(label: str) -> Decimal:
        found = re.search(rf"^\| \**{re.escape(label)}[^|]*\| \**([\d ]+\.\d\d)\**", page, re.M)
        assert found, label
        return D(found.group(1).replace(" ", ""))

    assert shown("Invoiced excl. VAT") == s.invoiced
    assert shown("VAT (") == s.vat
    assert shown("Öresavrundning") == s.rounding
    assert shown("The client pays") == s.total
    assert shown("The cooperative's fee:") == s.fee
    assert shown("Alva's budget") == s.budget
    for label, value in salary_figures.items():
        assert shown(label) == value, label
    assert shown("Budget:") == s.budget
    assert shown("The cooperative's fees") == month.fees
    assert shown("Credited to the account") == month.credited
    assert shown("Paid out from the account") == month.paid_out
    assert shown("What remains") == month.closing


def test_a_credit_note_takes_back_its_share(world: World) -> None:
    coop, admin = world.coop, world.admin
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number, world.licence.id])
    note = coop.invoices.credit(
        admin,
        invoice.label,
        reason="Licensen utgår",
        lines=[{"description": "Licens för bilder", "quantity": "1", "unit_price": "4000",
                "vat_category": "culture"}],
    )  # fmt: skip
    back = coop.statements.invoice(admin, note.label)
    # 4 000.00 of 14 625.00: fee 877.50 × 4 000 / 14 625 = 240.00, budget 3 760.00.
    assert (back.invoiced, back.vat, back.fee, back.budget) == (
        D("-4000.00"), D("-240.00"), D("-240.00"), D("-3760.00"),
    )  # fmt: skip
    assert back.salary is None
    month = coop.statements.member(admin, world.alva.number, period="2026-11", salary=False)
    assert (
        month.budget
        == D("13747.50") - D("3760.00")
        == month.closing
        == month.credited - (month.paid_out)
    )


def test_fee_on_payment_credits_nothing_on_invoicing(world: World) -> None:
    coop, admin = world.coop, world.admin
    fees = coop.config.fees.model_copy(update={"taken": "on_payment"})
    coop.config = coop.config.model_copy(update={"fees": fees})
    invoice = coop.invoices.create(admin, assignments=[world.workshop.number])
    month = coop.statements.member(admin, world.alva.number, period="2026-11", salary=False)
    # The invoice's statement shows the budget it will give once paid …
    assert [i.budget for i in month.invoices] == [D("10625.00") - D("637.50")]
    # … and the account has nothing yet.
    assert (month.credited, month.closing) == (D("0.00"), D("0.00"))
    assert invoice.total == D("13281.25")


def test_a_member_sees_only_their_own(world: World) -> None:
    coop, admin = world.coop, world.admin
    coop.invoices.create(admin, assignments=[world.workshop.number])
    coop.invoices.create(admin, assignments=[world.bo_job.number])
    alva = coop.actor_for_member(world.alva.number)
    assert coop.statements.invoice(alva, "A1").member_number == world.alva.number
    with pytest.raises(PermissionDenied):
        coop.statements.invoice(alva, "A2")
    with pytest.raises(PermissionDenied):
        coop.statements.member(alva, world.bo.number)
    with pytest.raises(PermissionDenied):
        coop.statements.pdf(alva, world.bo.number)
    own = coop.statements.member(alva, world.alva.number, salary=False)
    assert [i.invoice.label for i in own.invoices] == ["A1"]
    with pytest.raises(InputError):
        coop.statements.pdf(admin, world.alva.number, invoice="A2")


def test_the_pdf(world: World, tmp_path: Path) -> None:
    worked_example(world)
    pay_out(world, "5000.00")
    for lang in ("sv", "en"):
        data = world.coop.statements.pdf(world.admin, 1, period="2026-11", lang=lang)
        assert data.startswith(b"%PDF-")
        one = world.coop.statements.pdf(world.admin, 1, invoice="A1", lang=lang)
        assert one.startswith(b"%PDF-")
        (tmp_path / f"statement-{lang}.pdf").write_bytes(data)


def test_the_json_view(world: World) -> None:
    worked_example(world)
    view = world.coop.statements.member(world.admin, 1, period="2026-11").as_dict()
    text = json.dumps(view)
    assert view["account"]["closing"] == "14060.83" and view["fees"] == "897.50"
    assert view["invoices"][0]["fee_rule"]["rate"] == "0.06"
    assert view["invoices"][0]["salary"]["paid_on"] == "2026-12-25"
    assert "198503129804" not in text

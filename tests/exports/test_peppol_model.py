# SPDX-License-Identifier: EUPL-1.2
"""The EN 16931 input models: totals by hand, bad input refused with the field named,
every error in Swedish. No rule sets needed here."""

from __future__ import annotations

import ast
import doctest
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kooperativ.errors import InputError, ValidationFailed
from kooperativ.exports import peppol
from kooperativ.exports.peppol import (
    Address,
    EInvoice,
    Identifier,
    Line,
    Party,
    PaymentInstructions,
    VatCategory,
    compute_totals,
    to_ubl,
)
from kooperativ.i18n import messages

D = Decimal

SELLER = Party(
    name="Interim kultur AB",
    endpoint=Identifier(value="5598765435", scheme="0007"),
    legal_id=Identifier(value="5598765435", scheme="0007"),
    vat_id="SE559876543501",
    tax_registration_id=peppol.F_SKATT,
    address=Address(city="Göteborg", country_code="SE"),
)
BUYER = Party(
    name="Kommunen",
    endpoint=Identifier(value="2120001355", scheme="0007"),
    address=Address(country_code="SE"),
)
LINE: dict[str, Any] = {
    "id": "1",
    "name": "Föreställning",
    "quantity": D(1),
    "unit_code": "C62",
    "price": D(100),
    "category": "S",
    "rate": D(25),
}


def fields(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "number": "2026-0001",
        "issue_date": date(2026, 11, 30),
        "due_date": date(2026, 12, 30),
        "currency": "SEK",
        "buyer_reference": "ref",
        "seller": SELLER,
        "buyer": BUYER,
        "lines": [LINE],
    }
    values.update(changes)
    return values


def test_docstring_example() -> None:
    result = doctest.testmod(peppol, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


def test_totals_worked_by_hand() -> None:
    # 25 %: 3 × 333.33 = 999.99 and 0.5 × 0.01 = 0.005 → 0.01 (half up): taxable 1 000.00,
    # VAT 250.00. 6 %: 7 × 142.86 = 1 000.02 → VAT 60.0012 → 60.00. Exempt 500.
    invoice = EInvoice.create(
        **fields(
            lines=[
                dict(LINE, id="1", quantity=D(3), price=D("333.33")),
                dict(LINE, id="2", quantity=D("0.5"), price=D("0.01")),
                dict(LINE, id="3", quantity=D(7), price=D("142.86"), rate=D(6)),
                dict(
                    LINE,
                    id="4",
                    price=D(500),
                    category="E",
                    rate=D(0),
                    exemption_code="VATEX-EU-132",
                ),
            ],
            rounding_quantum=D(1),
        )
    )
    totals = compute_totals(invoice)
    assert [(b.category, b.rate, b.taxable_amount, b.tax_amount) for b in totals.breakdown] == [
        (VatCategory.STANDARD, D(25), D("1000.00"), D("250.00")),
        (VatCategory.STANDARD, D(6), D("1000.02"), D("60.00")),
        (VatCategory.EXEMPT, D(0), D("500.00"), D("0.00")),
    ]
    assert totals.line_total == totals.tax_exclusive == D("2500.02")
    assert totals.vat_total == D("310.00")
    assert totals.tax_inclusive == D("2810.02")
    assert totals.rounding == D("-0.02")
    assert totals.payable == D("2810.00")
    assert totals.breakdown[2].exemption_code == "VATEX-EU-132"


def test_default_exemption_codes() -> None:
    german = BUYER.evolve(vat_id="DE812345673", address=Address(country_code="DE"))
    invoice = EInvoice.create(**fields(buyer=german, lines=[dict(LINE, category="AE", rate=D(0))]))
    assert compute_totals(invoice).breakdown[0].exemption_code == "VATEX-EU-AE"
    export = EInvoice.create(**fields(lines=[dict(LINE, category="G", rate=D(0))]))
    assert compute_totals(export).breakdown[0].exemption_code == "VATEX-EU-G"


def test_amounts_and_numbers_as_written() -> None:
    invoice = EInvoice.create(
        **fields(lines=[dict(LINE, quantity=D("1.500"), price=D("1E+2"), rate=D("12.00"))])
    )
    root = ET.fromstring(to_ubl(invoice))
    cbc = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
    assert root.findtext(f".//{cbc}InvoicedQuantity") == "1.5"
    assert root.findtext(f".//{cbc}PriceAmount") == "100"
    assert root.findtext(f".//{cbc}Percent") == "12"
    assert root.findtext(f".//{cbc}PayableAmount") == "168.00"
    assert root.findtext(f"{cbc}CustomizationID") == peppol.CUSTOMIZATION_ID


BAD = [
    ({"buyer_reference": None}, "buyer_reference", "BT-10/BT-13"),
    ({"type": "381", "due_date": None}, "preceding_invoice", "BG-3"),
    ({"due_date": date(2026, 11, 1)}, "due_date", "before the issue date"),
    ({"due_date": None}, "due_date", "BR-CO-25"),
    ({"lines": []}, "lines", "at least one line"),
    ({"lines": [LINE, LINE]}, "lines.1.id", "used twice"),
    ({"lines": [dict(LINE, rate=D(0))]}, "lines.0.rate", "above zero"),
    ({"lines": [dict(LINE, category="E")]}, "lines.0.rate", "has rate 0"),
    ({"lines": [dict(LINE, category="E", rate=D(0))]}, "lines", "exemption reason"),
    (
        {"lines": [dict(LINE, exemption_reason="why")]},
        "lines.0.exemption_reason",
        "no exemption reason",
    ),
    ({"lines": [dict(LINE, net_amount=D(99))]}, "lines.0.net_amount", "quantity × price"),
    ({"lines": [dict(LINE, price=1.5)]}, "lines.0.price", "floats"),
    ({"lines": [dict(LINE, price=D(-1))]}, "lines.0.price", "at least 0"),
    ({"lines": [dict(LINE, name="")]}, "lines.0.name", "empty"),
    ({"lines": [dict(LINE, unit_code="hour")]}, "lines.0.unit_code", "expected form"),
    ({"lines": [dict(LINE, category="AE", rate=D(0))]}, "buyer.vat_id", "reverse charge"),
    (
        {"lines": [LINE, dict(LINE, id="2", category="O", rate=D(0))]},
        "lines",
        "cannot be mixed",
    ),
    (
        {
            "lines": [
                dict(LINE, category="E", rate=D(0), exemption_reason="a"),
                dict(LINE, id="2", category="E", rate=D(0), exemption_reason="b"),
            ]
        },
        "lines",
        "same exemption reason",
    ),
    ({"currency": "sek"}, "currency", "expected form"),
    ({"rounding_quantum": D("0.001")}, "rounding_quantum", "multiple of 0.01"),
    (
        {"seller": dict(SELLER.model_dump(), endpoint={"value": "5598765436", "scheme": "0007"})},
        "seller.endpoint.value",
        "Luhn",
    ),
    (
        {"buyer": dict(BUYER.model_dump(), endpoint={"value": "7300010000002", "scheme": "0088"})},
        "buyer.endpoint.value",
        "GS1",
    ),
    (
        {"seller": dict(SELLER.model_dump(), endpoint={"value": "x"})},
        "seller.endpoint",
        "scheme",
    ),
    ({"seller": SELLER.evolve(vat_id=None, tax_registration_id=None)}, "seller.vat_id", "VAT"),
    ({"buyer": BUYER.evolve(legal_info="Säte")}, "buyer.legal_info", "only the seller"),
    (
        {
            "type": "381",
            "preceding_invoice": {"number": "1"},
            "lines": [dict(LINE, quantity=D(-1))],
        },
        "lines.0.quantity",
        "positive",
    ),
    (
        {"period_start": date(2026, 11, 1), "period_end": date(2026, 10, 1)},
        "period_end",
        "before it starts",
    ),
]


@pytest.mark.parametrize(("changes", "field", "words"), BAD)
def test_bad_input_names_the_field(changes: dict[str, Any], field: str, words: str) -> None:
    with pytest.raises(InputError) as info:
        EInvoice.create(**fields(**changes))
    error = info.value
    named = [f for f, _ in error.problems] if isinstance(error, ValidationFailed) else [error.field]
    assert field in named, str(error)
    assert words in str(error)


def test_several_problems_at_once() -> None:
    with pytest.raises(ValidationFailed) as info:
        EInvoice.create(**fields(type="381", buyer_reference=None, due_date=None))
    assert [field for field, _ in info.value.problems] == ["buyer_reference", "preceding_invoice"]


def test_an_error_in_swedish() -> None:
    with pytest.raises(InputError) as info:
        EInvoice.create(**fields(lines=[dict(LINE, category="AE", rate=D(0))]))
    assert info.value.render(messages("sv")) == (
        "buyer.vat_id: omvänd betalningsskyldighet (AE) kräver köparens "
        "momsregistreringsnummer (17 kap. 24 § 4 ML)"
    )


def templates() -> set[str]:
    """Every error template of the module (second argument of InputError / problem)."""
    found: set[str] = set()
    tree = ast.parse(Path(peppol.__file__).read_text("utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("InputError", "problem")
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
        ):
            found.add(node.args[1].value)
    return found


def test_the_scan_finds_the_templates() -> None:
    assert len(templates()) > 20


@pytest.mark.parametrize("template", sorted(templates()))
def test_every_error_template_is_in_swedish(template: str) -> None:
    assert messages("sv")(template) != template


def test_payment_instructions_defaults() -> None:
    payment = PaymentInstructions(account_id="50501055")
    assert payment.means_code == "30"
    with pytest.raises(ValueError):
        Line(**dict(LINE, category="X"))

# SPDX-License-Identifier: EUPL-1.2
"""Invoice totals: hand-worked examples and properties (hypothesis)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kooperativ.errors import ConflictError, InputError
from kooperativ.invoicing import (
    Invoice,
    InvoiceKind,
    LineInput,
    Party,
    build_credit_note,
    build_invoice,
    credit_lines,
    make_line,
)
from kooperativ.rules.country import VatCategory

CATEGORIES = {
    "standard": VatCategory(category="standard", rate=Decimal("0.25"), code="S", reference="r"),
    "reduced": VatCategory(category="reduced", rate=Decimal("0.12"), code="S", reference="r"),
    "culture": VatCategory(category="culture", rate=Decimal("0.06"), code="S", reference="r"),
    "exempt": VatCategory(
        category="exempt", rate=Decimal("0"), code="E", reference="r", texts={"en": "Exempt"}
    ),
}
SELLER = Party(name="Interim kultur AB", orgnr="559876-5435", country="SE", f_tax=True)
BUYER = Party(name="Stadsteatern AB", orgnr="556677-8808", country="SE")


def invoice(lines: list[LineInput], *, rounding: bool = False, number: int = 1) -> Invoice:
    priced = [make_line(line, CATEGORIES[line.vat_category]) for line in lines]
    return build_invoice(
        number=number,
        series="A",
        issue_date=date(2026, 11, 30),
        due_date=date(2026, 12, 30),
        seller=SELLER,
        buyer=BUYER,
        client_id=uuid4(),
        member_id=uuid4(),
        lines=priced,
        categories={line.vat_category: CATEGORIES[line.vat_category] for line in lines},
        currency="SEK",
        payment_reference="133",
        payment_terms_days=30,
        rounding=rounding,
    )


def test_the_worked_example_of_the_docs() -> None:
    # docs/invoicing.md: 12.5 hours at 850 kr (25 %), a licence fee of 4 000 kr (6 %),
    # travel 333.33 kr (25 %). Worked by hand:
    #   lines: 12.5 × 850 = 10 625.00; 4 000.00; 333.33
    #   25 %: base 10 625.00 + 333.33 = 10 958.33, VAT 2 739.5825 → 2 739.58
    #    6 %: base 4 000.00, VAT 240.00
    #   excl. VAT 14 958.33, VAT 2 979.58, sum 17 937.91, öresavrundning +0.09 → 17 938.00
    found = invoice(
        [
            LineInput(description="Workshop", quantity=Decimal("12.5"), unit="HUR",
                      unit_price=Decimal("850")),
            LineInput(description="Licence", quantity=Decimal("1"), unit_price=Decimal("4000"),
                      vat_category="culture"),
            LineInput(description="Travel", quantity=Decimal("1"), unit_price=Decimal("333.33")),
        ],
        rounding=True,
    )  # fmt: skip
    assert [(v.rate, v.base, v.vat) for v in found.vat] == [
        (Decimal("0.25"), Decimal("10958.33"), Decimal("2739.58")),
        (Decimal("0.06"), Decimal("4000.00"), Decimal("240.00")),
    ]
    assert found.total_excl_vat == Decimal("14958.33")
    assert found.total_vat == Decimal("2979.58")
    assert found.rounding == Decimal("0.09")
    assert found.total == Decimal("17938.00")


def test_vat_is_rounded_per_rate_not_per_line() -> None:
    # Three lines of 0.10 kr at 25 %: per line 0.025 → 0.03 each = 0.09; per rate 0.30 × 0.25
    # = 0.075 → 0.08.
    found = invoice(
        [LineInput(description=f"x{i}", quantity=Decimal(1), unit_price=Decimal("0.10"))
         for i in range(3)]
    )  # fmt: skip
    assert found.total_vat == Decimal("0.08")


amounts = st.decimals(min_value=0, max_value=100000, places=2)
quantities = st.decimals(min_value=Decimal("0.01"), max_value=1000, places=2)
lines_strategy = st.lists(
    st.builds(
        LineInput,
        description=st.just("work"),
        quantity=quantities,
        unit_price=amounts,
        vat_category=st.sampled_from(sorted(CATEGORIES)),
    ),
    min_size=1,
    max_size=12,
)


@given(lines_strategy, st.booleans())
def test_totals_are_the_sum_of_the_lines_and_vat_per_rate(
    lines: list[LineInput], rounding: bool
) -> None:
    found = invoice(lines, rounding=rounding)
    nets = [
        (line.quantity * line.unit_price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        for line in lines
    ]
    assert found.total_excl_vat == sum(nets)
    by_rate: dict[Decimal, Decimal] = {}
    for line, net in zip(lines, nets, strict=True):
        rate = CATEGORIES[line.vat_category].rate
        by_rate[rate] = by_rate.get(rate, Decimal(0)) + net
    expected_vat = sum(
        (base * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        for rate, base in by_rate.items()
    )
    assert found.total_vat == expected_vat
    gross = found.total_excl_vat + found.total_vat
    assert found.total == gross + found.rounding
    if rounding:
        assert found.total == found.total.to_integral_value()
        assert abs(found.rounding) <= Decimal("0.50")
    else:
        assert found.rounding == 0


@given(lines_strategy, st.booleans())
def test_a_full_credit_note_cancels_the_invoice_exactly(
    lines: list[LineInput], rounding: bool
) -> None:
    original = invoice(lines, rounding=rounding)
    credit = build_credit_note(
        original, number=2, issue_date=date(2026, 12, 5), reason="Fel pris",
        payment_reference="234",
    )  # fmt: skip
    assert credit.kind is InvoiceKind.CREDIT_NOTE and credit.credits == original.id
    for name in ("total_excl_vat", "total_vat", "rounding", "total"):
        assert original.sign * getattr(original, name) + credit.sign * getattr(credit, name) == 0
    assert [(v.rate, v.base, v.vat) for v in credit.vat] == [
        (v.rate, v.base, v.vat) for v in original.vat
    ]


def test_partial_credit_and_its_limits() -> None:
    original = invoice(
        [LineInput(description="Workshop", quantity=Decimal(10), unit_price=Decimal(1000))]
    )
    part = credit_lines(
        original,
        [LineInput(description="Avdrag", quantity=Decimal(2), unit_price=Decimal(1000))],
    )
    credit = build_credit_note(
        original, number=2, issue_date=date(2026, 12, 1), reason="Två timmar för mycket",
        payment_reference="234", lines=part,
    )  # fmt: skip
    assert credit.total == Decimal("2500.00")
    with pytest.raises(ConflictError, match="more than its total"):
        build_credit_note(
            original, number=3, issue_date=date(2026, 12, 1), reason="Allt",
            payment_reference="345", credited_before=credit.total,
        )  # fmt: skip
    with pytest.raises(InputError) as caught:
        credit_lines(
            original,
            [LineInput(description="x", quantity=Decimal(1), unit_price=Decimal(1),
                       vat_category="culture")],
        )  # fmt: skip
    assert caught.value.field == "vat_category"
    with pytest.raises(ConflictError):
        build_credit_note(
            credit, number=4, issue_date=date(2026, 12, 2), reason="x", payment_reference="1"
        )


@pytest.mark.parametrize(
    ("quantity", "price", "field"),
    [("-1", "100", "quantity"), ("0", "100", "quantity"),
     ("1", "-5", "unit_price"), ("1.00001", "5", "quantity"),
     ("1", "1000000000", "unit_price")],
)  # fmt: skip
def test_bad_lines_are_refused(quantity: str, price: str, field: str) -> None:
    line = LineInput(description="x", quantity=Decimal(quantity), unit_price=Decimal(price))
    with pytest.raises(InputError) as caught:
        make_line(line, CATEGORIES["standard"])
    assert caught.value.field == field


def test_an_edited_total_is_refused() -> None:
    found = invoice([LineInput(description="x", quantity=Decimal(1), unit_price=Decimal(100))])
    with pytest.raises(ValueError, match="totals"):
        Invoice.model_validate({**found.model_dump(), "total": Decimal("1.00")})
    assert Invoice.model_validate_json(found.model_dump_json()) == found


def test_the_docs_show_the_worked_example() -> None:
    from pathlib import Path

    page = (Path(__file__).parents[2] / "docs" / "invoicing.md").read_text("utf-8")
    for figure in [
        "| Workshop | 12.5 h | 850.00 | 25 % | 10 625.00 |",
        "| Licence | 1 | 4 000.00 | 6 % | 4 000.00 |",
        "| Travel | 1 | 333.33 | 25 % | 333.33 |",
        "10 958.33 × 0.25 = 2 739.5825 → **2 739.58**",
        "4 000.00 × 0.06 = **240.00**",
        "| Total excl. VAT | 14 958.33 |",
        "| VAT | 2 979.58 |",
        "| Sum | 17 937.91 |",
        "| Öresavrundning | 0.09 |",
        "| **To pay** | **17 938.00** |",
        "**`1234574`**",
        "**`133`**",
    ]:
        assert figure in page, figure

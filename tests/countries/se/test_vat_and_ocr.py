# SPDX-License-Identifier: EUPL-1.2
"""Swedish VAT categories on invoices and OCR references, against hand-worked examples."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from kooperativ.countries.se import Sweden
from kooperativ.errors import InputError
from kooperativ.rules.country import VatBuyer

SE = Sweden()
DAY = date(2026, 11, 30)
GERMAN = VatBuyer(country="DE", business=True, vat_number="DE136695976")
SWEDISH = VatBuyer(country="SE", business=True, vat_number="SE556677880801")
PRIVATE = VatBuyer(country="SE", business=False)
NORWEGIAN = VatBuyer(country="NO", business=True)


# -- OCR: "hård kontroll med längdkontroll" -------------------------------------------------
# Worked by hand. 12345: length 5 + 2 = 7 → length digit 7 → "123457". Luhn over it, from
# the right doubling every other digit starting with the last: 7·2=14→5, 5, 4·2=8, 3, 2·2=4,
# 1 → 5+5+8+3+4+1 = 26 → check digit (10 − 6) = 4 → "1234574".
# 1: "1" + length digit 3 → "13"; 3·2=6, 1 → 7 → check 3 → "133".
# 2026001: 9 digits → "20260019"; from the right 9·2=18→9, 1, 0·2=0, 0, 6·2=12→3, 2, 0·2=0,
# 2 → 9+1+3+2+2 = 17 → check 3 → "202600193".
@pytest.mark.parametrize(
    ("number", "ocr"), [(12345, "1234574"), (1, "133"), (2026001, "202600193")]
)
def test_ocr_reference_by_hand(number: int, ocr: str) -> None:
    assert SE.payment_reference(number) == ocr
    assert luhn.is_valid(ocr)  # an independent Luhn implementation agrees
    assert SE.validate_payment_reference(ocr) == ocr


def test_ocr_input_is_checked() -> None:
    assert SE.validate_payment_reference(" 1234 574 ") == "1234574"
    for wrong, why in [
        ("1234575", "check digit"),  # last digit off by one
        ("1234564", "check digit"),  # length digit changed: Luhn fails first
        ("12a4574", "12a4574"),
        ("1", "2–25 digits"),
        ("1" * 26, "2–25 digits"),
    ]:
        with pytest.raises(InputError) as caught:
            SE.validate_payment_reference(wrong, "ocr")
        assert caught.value.field == "ocr"
        assert why in str(caught.value)
    # A reference whose Luhn digit is right but whose length digit is not: "1239" + Luhn.
    body = "12349"  # length digit 9, but the reference will be 6 long
    bad = body + str(luhn.calc_check_digit(body))
    with pytest.raises(InputError, match="length digit"):
        SE.validate_payment_reference(bad)


@given(st.integers(min_value=1, max_value=10**23 - 1))
def test_every_invoice_number_gives_a_valid_reference(number: int) -> None:
    ocr = SE.payment_reference(number)
    assert ocr.startswith(str(number))
    assert int(ocr[-2]) == len(ocr) % 10
    assert luhn.is_valid(ocr)
    assert SE.validate_payment_reference(ocr) == ocr


# -- VAT categories --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("category", "rate", "code"),
    [
        ("standard", "0.25", "S"),
        ("reduced", "0.12", "S"),
        ("culture", "0.06", "S"),
        ("exempt", "0", "E"),
        ("reverse_charge", "0", "AE"),
        ("export", "0", "G"),
    ],
)
def test_categories_rates_and_codes(category: str, rate: str, code: str) -> None:
    found = SE.vat_category(category, DAY)
    assert found.rate == Decimal(rate)
    assert found.code == code


def test_texts_the_invoice_must_carry() -> None:
    reverse = SE.vat_category("reverse_charge", DAY, buyer=GERMAN)
    assert reverse.text("sv") == "Omvänd betalningsskyldighet"
    assert reverse.text("en") == "Reverse charge"
    assert reverse.buyer_vat_number and reverse.exemption_code == "VATEX-EU-AE"
    exempt = SE.vat_category("exempt", DAY)
    assert "10 kap. 30–31 §§" in (exempt.text("sv") or "")
    assert SE.vat_category("export", DAY, buyer=NORWEGIAN).exemption_code == "VATEX-EU-G"
    assert SE.vat_category("standard", DAY).text("sv") is None


@pytest.mark.parametrize(
    ("category", "buyer", "why"),
    [
        ("reverse_charge", PRIVATE, "private person"),
        ("reverse_charge", SWEDISH, "in Sweden"),
        ("reverse_charge", NORWEGIAN, "use export"),
        ("reverse_charge", VatBuyer(country="DE", business=True), "VAT number"),
        ("export", GERMAN, "outside the EU"),
        ("export", SWEDISH, "outside the EU"),
        ("export", VatBuyer(country="US", business=False), "private person"),
    ],
)
def test_a_category_that_cannot_apply_is_refused(category: str, buyer: VatBuyer, why: str) -> None:
    with pytest.raises(InputError) as caught:
        SE.vat_category(category, DAY, buyer=buyer)
    assert caught.value.field == "vat_category"
    assert why in str(caught.value)


def test_categories_that_apply_to_anyone() -> None:
    for category in ("standard", "reduced", "culture", "exempt"):
        for buyer in (GERMAN, SWEDISH, PRIVATE, NORWEGIAN):
            assert SE.vat_category(category, DAY, buyer=buyer).category == category

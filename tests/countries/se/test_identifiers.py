# SPDX-License-Identifier: EUPL-1.2
"""Swedish identifiers, checked against numbers with known check digits."""

from __future__ import annotations

from datetime import date

import pytest

from kooperativ.countries.se import identifiers as ids
from kooperativ.errors import InputError


def test_personnummer_normalised() -> None:
    assert ids.normalise_personnummer("19121212-1212") == "191212121212"
    assert ids.format_personnummer("191212121212") == "19121212-1212"
    assert ids.birth_date("19121212-1212") == date(1912, 12, 12)


def test_samordningsnummer_accepted() -> None:
    # formats.md §5: 701063-2391 is a valid samordningsnummer (day 63 = 3 + 60).
    assert ids.normalise_personnummer("19701063-2391") == "197010632391"
    assert ids.is_samordningsnummer("19701063-2391")
    assert ids.birth_date("19701063-2391") == date(1970, 10, 3)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("19121212-1213", "check digit"),
        ("19121312-1212", "check digit or date"),
        ("121212-1212", "12 digits"),
        ("hello", "not a personnummer"),
    ],
)
def test_personnummer_rejected(value: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        ids.normalise_personnummer(value, "person_id")
    assert info.value.field == "person_id"


def test_masking() -> None:
    assert ids.mask_personnummer("191212121212") == "19121212-****"
    assert ids.mask_bank_account("5001-1234563") == "5001-*****63"


def test_orgnr_and_vat() -> None:
    assert ids.validate_orgnr("5560160680") == "556016-0680"
    assert ids.validate_vat_number("SE556016068001") == "SE556016068001"
    with pytest.raises(InputError, match="orgnr"):
        ids.validate_orgnr("556016-0681")
    with pytest.raises(InputError, match="vat_number"):
        ids.validate_vat_number("SE556016068101")


def test_bankgiro_plusgiro_ocr() -> None:
    # formats.md §5: Skatteverket's bankgiro 5050-1055 passes the Luhn check.
    assert ids.validate_bankgiro("5050-1055") == "5050-1055"
    with pytest.raises(InputError, match="check digit"):
        ids.validate_bankgiro("5050-1056")
    # Luhn by hand: payload 4000 → doubled 0,0 + 0 + 4 = 4 → check digit 6.
    assert ids.validate_plusgiro("4000-6") == "4000-6"
    with pytest.raises(InputError, match="check digit"):
        ids.validate_plusgiro("4000-0")
    # OCR with length digit: base 12345 → 1234574 (length 7 → digit 7, Luhn 4).
    assert ids.ocr_reference("12345") == "1234574"
    assert ids.validate_ocr("1234574", length_digit=True) == "1234574"
    with pytest.raises(InputError, match="length digit"):
        ids.validate_ocr("1234566", length_digit=True)


def test_bank_account() -> None:
    assert ids.validate_bank_account("5001", "1234563") == "5001-1234563"
    with pytest.raises(InputError, match="check digit is wrong"):
        ids.validate_bank_account("5001", "1234564")


@pytest.mark.parametrize(
    ("clearing", "account", "swedish"),
    [
        ("5001", "1234564", "5001-1234564: kontonumrets kontrollsiffra är fel"),
        ("9999", "1", "9999-1: ingen svensk bank har det clearingnumret"),
        ("5001", "12", "5001-12: ett kontonummer hos SEB har 7 siffror"),
    ],
)
def test_a_wrong_bank_account_is_explained_in_swedish(
    clearing: str, account: str, swedish: str
) -> None:
    """bankkonto's English reasons become our own templates: nothing English with sv."""
    from kooperativ.i18n import messages

    with pytest.raises(InputError) as info:
        ids.validate_bank_account(clearing, account)
    assert info.value.render(messages("sv")) == f"bankkonto: {swedish}"


def test_iban_bic() -> None:
    # formats.md §5: SEB example IBAN and Handelsbanken's BIC.
    assert ids.validate_iban("SE45 5000 0000 0583 9825 7466") == "SE4550000000058398257466"
    assert ids.validate_bic("HANDSESS") == "HANDSESS"
    with pytest.raises(InputError, match="iban"):
        ids.validate_iban("SE46 5000 0000 0583 9825 7466")


@pytest.mark.parametrize(
    "printed",
    [
        "8327-9, 123 456 789-7",  # Swedbank, as on the card (5-digit clearing)
        "8327-9 123 456 789-7",
        "83279 1234567897",
        "8327-9,1234567897",
    ],
)
def test_bank_account_as_printed(printed: str) -> None:
    assert ids.parse_bank_account(printed) == "83279-1234567897"


def test_bank_account_as_printed_other_banks_and_errors() -> None:
    assert ids.parse_bank_account("5001-1234563") == "5001-1234563"
    assert ids.parse_bank_account("5001, 123 456-3") == "5001-1234563"
    # 8327's Luhn check digit is 9: 8327-8 is no Swedbank clearing number.
    with pytest.raises(InputError, match="clearing number's check digit"):
        ids.parse_bank_account("8327-8, 123 456 789-7")
    with pytest.raises(InputError, match="bank_account"):
        ids.parse_bank_account("12")


def test_fullwidth_digits_are_normalised_other_scripts_refused() -> None:
    # Today's main stores the fullwidth copy as a different number (issue 8).
    assert ids.normalise_personnummer("１９８５０３１２－９８０４") == "198503129804"
    assert ids.validate_orgnr("５５９８７６－５４３５") == "559876-5435"
    with pytest.raises(InputError, match="digits 0–9"):
        ids.normalise_personnummer("١٩٨٥٠٣١٢-٩٨٠٤")
    with pytest.raises(InputError, match="digits 0–9"):
        ids.validate_bankgiro("٥٥٥-١٢٣٩")


def test_person_not_yet_born() -> None:
    # 20270101-1237 is a well-formed personnummer of someone born 1 January 2027.
    assert ids.normalise_personnummer("20270101-1237") == "202701011237"
    with pytest.raises(InputError, match="after 2026-11-27"):
        ids.normalise_personnummer("20270101-1237", "person_id", on=date(2026, 11, 27))
    assert ids.normalise_personnummer("20270101-1237", on=date(2027, 1, 1))


def test_vat_number_must_be_the_organisations() -> None:
    assert ids.validate_vat_number("SE559876543501", orgnr="559876-5435") == "SE559876543501"
    with pytest.raises(InputError, match="SE802543210801"):
        ids.validate_vat_number("SE559876543501", orgnr="802543-2108")

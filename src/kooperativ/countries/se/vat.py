# SPDX-License-Identifier: EUPL-1.2
"""Swedish VAT on invoices: the categories, what each requires, and OCR references.

Categories (rates and texts are dated data in ``parameters/vat.toml``):

============== ===== ============================================================
category       code  when
============== ===== ============================================================
standard       S     25 %: most services, also cultural work sold by a cooperative
reduced        S     12 %
culture        S     6 %: transfer or licence of copyright (ML 9 kap. 7–13 §§)
exempt         E     exempt supply; the invoice cites the exemption (17 kap. 24 § 13)
reverse_charge AE    a business in another EU state owes the VAT; the invoice says
                     "Omvänd betalningsskyldighet" and shows both VAT numbers
export         G     a business outside the EU; no Swedish VAT
============== ===== ============================================================

OCR references follow Bankgirot's "hård kontroll med längdkontroll": the invoice number,
then a length digit (the whole reference's length modulo 10), then a Luhn (modulus 10)
check digit over everything before it.

>>> payment_reference(12345)
'1234574'
>>> validate_ocr("1234 574")
'1234574'
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from kooperativ.countries.se import identifiers
from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.errors import InputError
from kooperativ.rules.country import VatBuyer, VatCategory

__all__ = [
    "EN16931_CODES",
    "EXEMPTION_CODES",
    "VAT_CATEGORIES",
    "payment_reference",
    "validate_ocr",
    "vat_category",
]

#: VAT categories an assignment or invoice line may use, mapped to parameters.
VAT_CATEGORIES = MappingProxyType(
    {
        "standard": "vat.standard",
        "reduced": "vat.reduced",
        "culture": "vat.culture",
        "exempt": "vat.exempt",
        "reverse_charge": "vat.reverse_charge",
        "export": "vat.export",
    }
)

#: EN 16931 VAT category code (UNCL 5305) of each category.
EN16931_CODES = MappingProxyType(
    {
        "standard": "S",
        "reduced": "S",
        "culture": "S",
        "exempt": "E",
        "reverse_charge": "AE",
        "export": "G",
    }
)

#: VATEX exemption reason code (EN 16931 BT-121) where the category has a fixed one.
EXEMPTION_CODES = MappingProxyType({"reverse_charge": "VATEX-EU-AE", "export": "VATEX-EU-G"})

_TEXTS = MappingProxyType(
    {
        "exempt": "vat.text.exempt",
        "reverse_charge": "vat.text.reverse_charge",
        "export": "vat.text.export",
    }
)

_OCR_MAX = 25


def _check_buyer(category: str, buyer: VatBuyer, eu: frozenset[str]) -> None:
    if category == "reverse_charge":
        if not buyer.business:
            raise InputError(
                "vat_category",
                "reverse charge cannot apply to a private person: the seller owes the VAT",
            )
        if buyer.country == "SE":
            raise InputError("vat_category", "reverse charge cannot apply to a client in Sweden")
        if buyer.country not in eu:
            raise InputError(
                "vat_category",
                "reverse charge applies to a business in another EU country, not in {country} "
                "(use export)",
                country=buyer.country,
            )
        if not buyer.vat_number:
            raise InputError(
                "vat_category", "reverse charge needs the client's VAT number on the invoice"
            )
    elif category == "export":
        if buyer.country in eu:
            raise InputError(
                "vat_category",
                "export applies to a client outside the EU, not in {country}",
                country=buyer.country,
            )
        if not buyer.business:
            raise InputError(
                "vat_category",
                "export cannot apply to a private person: the seller owes Swedish VAT",
            )


def vat_category(category: str, on: date, *, buyer: VatBuyer | None = None) -> VatCategory:
    """What ``category`` means on ``on`` (see the module's table).

    Raises:
        InputError: An unknown category, or one that cannot apply to ``buyer``.
    """
    name = VAT_CATEGORIES.get(category)
    if name is None:
        raise InputError(
            "vat_category", "{category!r} is unknown (known: {known})",
            category=category, known=", ".join(sorted(VAT_CATEGORIES)),
        )  # fmt: skip
    resolved = load_swedish_parameters().at(on)
    if buyer is not None:
        _check_buyer(category, buyer, frozenset(resolved["vat.eu_member_states"]))
    text = _TEXTS.get(category)
    return VatCategory(
        category=category,
        rate=resolved.decimal(name),
        code=EN16931_CODES[category],
        reference=resolved.reference(text or name),
        texts=dict(resolved[text]) if text else {},
        exemption_code=EXEMPTION_CODES.get(category),
        buyer_vat_number=category == "reverse_charge",
    )


def payment_reference(number: int) -> str:
    """The OCR reference of invoice number ``number``: the number, a length digit, a
    Luhn check digit.

    Raises:
        InputError: ``number`` is not a positive number of at most 23 digits.
    """
    base = str(number)
    if number < 1 or len(base) > _OCR_MAX - 2:
        raise InputError("number", "{number} cannot be made an OCR reference", number=number)
    return identifiers.ocr_reference(base, length_digit=True)


def validate_ocr(value: str, field: str = "ocr") -> str:
    """An OCR reference, spaces removed, checked under "hård kontroll med längdkontroll"
    (2–25 digits, the Luhn check digit and the length digit).

    Raises:
        InputError: Not 2–25 digits, a wrong check digit or a wrong length digit.
    """
    return identifiers.validate_ocr(value, field, length_digit=True)

# SPDX-License-Identifier: EUPL-1.2
"""Swedish identifiers: personnummer, samordningsnummer, organisationsnummer, VAT number,
bank account, bankgiro, plusgiro, OCR reference, IBAN and BIC.

A *personnummer* (personal identity number) is ``YYYYMMDD-NNNC``: birth date, a birth
number and a Luhn check digit (Folkbokföringslag 1991:481 18 §). A *samordningsnummer*
(coordination number, for people not registered in Sweden) is the same with 60 added to
the day (18 a §); both are valid payee ids in the employer declaration (AGI). An
*organisationsnummer* identifies a legal person (lag 1974:174). Bankgiro and plusgiro
numbers and OCR references end in a Luhn check digit.

Validation uses well-kept packages where they exist (``personnummer`` for both kinds of
personal number, ``python-stdnum`` for organisation and VAT numbers, ``bankkonto`` for
clearing + account, ``schwifty`` for IBAN and BIC); only bankgiro, plusgiro and OCR are
written here.

Examples:
    >>> normalise_personnummer("19121212-1212")
    '191212121212'
    >>> mask_personnummer("191212121212")
    '19121212-****'
"""

from __future__ import annotations

import re
from datetime import date

import bankkonto
from personnummer import personnummer as _pnr
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr as _orgnr
from stdnum.se import vat as _vat

from kooperativ.errors import InputError

__all__ = [
    "birth_date",
    "format_personnummer",
    "is_samordningsnummer",
    "mask_bank_account",
    "mask_personnummer",
    "normalise_personnummer",
    "ocr_reference",
    "validate_bank_account",
    "validate_bankgiro",
    "validate_bic",
    "validate_iban",
    "validate_ocr",
    "validate_orgnr",
    "validate_plusgiro",
    "validate_vat_number",
]

_DIGITS = re.compile(r"\D")


def normalise_personnummer(value: str, field: str = "personnummer") -> str:
    """Validate a personnummer or samordningsnummer and return its 12 digits.

    The full 12-digit form (``YYYYMMDDNNNC``, with or without ``-``) is required: the
    10-digit form leaves the century to the current date, and kooperativ keeps no hidden
    clock.

    Raises:
        InputError: Naming ``field``, if the number is malformed, has a bad check digit or
            an impossible date.
    """
    text = str(value).strip()
    digits = _DIGITS.sub("", text)
    if len(digits) == 10:
        raise InputError(field, f"{value!r}: write all 12 digits (YYYYMMDD-NNNN)")
    if len(digits) != 12 or not re.fullmatch(r"\d{8}[-+]?\d{4}", text):
        raise InputError(field, f"{value!r} is not a personnummer (YYYYMMDD-NNNN)")
    try:
        valid = _pnr.valid(digits)
    except Exception:  # the package raises its own exception types for bad dates
        valid = False
    if not valid:
        raise InputError(field, f"{value!r} is not a valid personnummer (check digit or date)")
    return digits


def is_samordningsnummer(value: str) -> bool:
    """True if ``value`` (12 digits) is a samordningsnummer (day of month + 60)."""
    digits = normalise_personnummer(value)
    return int(digits[6:8]) > 60


def birth_date(value: str) -> date:
    """The birth date encoded in a personnummer or samordningsnummer."""
    digits = normalise_personnummer(value)
    day = int(digits[6:8])
    if day > 60:  # samordningsnummer: Folkbokföringslag 18 a §
        day -= 60
    return date(int(digits[0:4]), int(digits[4:6]), day)


def format_personnummer(value: str) -> str:
    """``YYYYMMDD-NNNN`` form of a personnummer."""
    digits = normalise_personnummer(value)
    return f"{digits[:8]}-{digits[8:]}"


def mask_personnummer(value: str) -> str:
    """The birth date part only: ``19121212-****``. Used in logs and CLI output."""
    digits = _DIGITS.sub("", str(value))
    if len(digits) != 12:
        return "********-****"
    return f"{digits[:8]}-****"


def validate_orgnr(value: str, field: str = "orgnr") -> str:
    """Validate an organisationsnummer (or a sole trader's personnummer) → ``NNNNNN-NNNN``."""
    digits = _DIGITS.sub("", str(value))
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    try:
        _orgnr.validate(digits)
    except StdnumError:
        raise InputError(field, f"{value!r} is not a valid organisationsnummer") from None
    return f"{digits[:6]}-{digits[6:]}"


def validate_vat_number(value: str, field: str = "vat_number") -> str:
    """Validate a Swedish VAT registration number → ``SE`` + 12 digits."""
    try:
        digits = str(_vat.validate(str(value)))
    except StdnumError:
        raise InputError(field, f"{value!r} is not a valid Swedish VAT number") from None
    return digits if digits.startswith("SE") else f"SE{digits}"


def validate_bank_account(clearing: str, account: str, field: str = "bank_account") -> str:
    """Validate a Swedish clearing + account number → ``CCCC-AAAAAAA``.

    Uses the per-bank rules of Bankgirot's *Bankernas kontonummeruppbyggnad*.
    """
    c = _DIGITS.sub("", str(clearing))
    a = _DIGITS.sub("", str(account))
    try:
        bankkonto.validate(c, a)
    except Exception as exc:  # bankkonto raises several exception types
        raise InputError(field, f"{clearing}-{account}: {exc}") from None
    return f"{c}-{a}"


def mask_bank_account(value: str) -> str:
    """Keep the clearing number and the last two digits: ``5000-*****12``."""
    text = str(value)
    if "-" in text:
        clearing, account = text.split("-", 1)
        return f"{clearing}-{'*' * max(len(account) - 2, 0)}{account[-2:]}"
    return "*" * max(len(text) - 2, 0) + text[-2:]


def _luhn_number(value: str, field: str, lengths: range, kind: str) -> str:
    digits = _DIGITS.sub("", str(value))
    if len(digits) not in lengths or not digits.isdigit():
        raise InputError(
            field, f"{value!r} is not a {kind} ({lengths.start}–{lengths.stop - 1} digits)"
        )
    if not luhn.is_valid(digits):
        raise InputError(field, f"{value!r} is not a valid {kind} (check digit)")
    return digits


def validate_bankgiro(value: str, field: str = "bankgiro") -> str:
    """Validate a bankgiro number (7–8 digits, Luhn) → ``NNN-NNNN`` / ``NNNN-NNNN``."""
    digits = _luhn_number(value, field, range(7, 9), "bankgiro number")
    return f"{digits[:-4]}-{digits[-4:]}"


def validate_plusgiro(value: str, field: str = "plusgiro") -> str:
    """Validate a plusgiro number (2–8 digits, Luhn) → ``NNNNNN-N``."""
    digits = _luhn_number(value, field, range(2, 9), "plusgiro number")
    return f"{digits[:-1]}-{digits[-1]}"


def validate_ocr(value: str, field: str = "ocr", *, length_digit: bool = False) -> str:
    """Validate an OCR payment reference (2–25 digits, Luhn; optionally the length digit)."""
    digits = _luhn_number(value, field, range(2, 26), "OCR reference")
    # Bankgirot's "hård kontroll med längdkontroll": second-to-last digit = length mod 10.
    if length_digit and int(digits[-2]) != len(digits) % 10:
        raise InputError(field, f"{value!r}: the length digit does not match")
    return digits


def ocr_reference(base: str, *, length_digit: bool = True) -> str:
    """Build an OCR reference from ``base`` digits: optional length digit, then Luhn digit."""
    digits = _DIGITS.sub("", str(base))
    if not digits:
        raise InputError("ocr", "the base of an OCR reference must contain digits")
    if length_digit:
        digits += str((len(digits) + 2) % 10)
    return digits + luhn.calc_check_digit(digits)


def validate_iban(value: str, field: str = "iban") -> str:
    """Validate an IBAN → compact form (``SE4550000000058398257466``)."""
    try:
        return str(IBAN(str(value)).compact)
    except (SchwiftyException, ValueError) as exc:
        raise InputError(field, f"{value!r} is not a valid IBAN ({exc})") from None


def validate_bic(value: str, field: str = "bic") -> str:
    """Validate a BIC (SWIFT code) → compact form."""
    try:
        return str(BIC(str(value)).compact)
    except (SchwiftyException, ValueError) as exc:
        raise InputError(field, f"{value!r} is not a valid BIC ({exc})") from None

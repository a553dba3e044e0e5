# SPDX-License-Identifier: EUPL-1.2
"""Swedish identifiers: personnummer, samordningsnummer, organisationsnummer, VAT number,
bank account, bankgiro, plusgiro, OCR reference, IBAN and BIC.

A *personnummer* (personal identity number) is ``YYYYMMDD-NNNC``: birth date, a birth
number and a Luhn check digit (Folkbokföringslag 1991:481 18 §). A *samordningsnummer*
(coordination number, for people not registered in Sweden) is the same with 60 added to
the day (18 a §); both are valid payee ids in the employer declaration (AGI). An
*organisationsnummer* identifies a legal person (lag 1974:174); the VAT number of a
Swedish company is ``SE``, its organisationsnummer and ``01``. Bankgiro and plusgiro
numbers and OCR references end in a Luhn check digit.

Every number is read as a person would write or copy it: spaces, dashes, a comma
between clearing and account number, and digits typed in another width (a fullwidth
``１９８５…`` pasted from a form) are normalised to ASCII digits first; digits of other
scripts are refused, so the same number can never be registered twice in two spellings.

Validation uses well-kept packages where they exist (``personnummer`` for both kinds of
personal number, ``python-stdnum`` for organisation and VAT numbers, ``bankkonto`` for
clearing + account, ``schwifty`` for IBAN and BIC); only bankgiro, plusgiro, OCR and the
check digit of a Swedbank clearing number are written here.

Examples:
    >>> normalise_personnummer("19121212-1212")
    '191212121212'
    >>> mask_personnummer("191212121212")
    '19121212-****'
    >>> parse_bank_account("8327-9, 123 456 789-7")
    '83279-1234567897'
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import bankkonto
from personnummer import personnummer as _pnr
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr as _orgnr
from stdnum.se import vat as _vat

from kooperativ.errors import InputError, Term

__all__ = [
    "ascii_text",
    "birth_date",
    "format_personnummer",
    "is_samordningsnummer",
    "mask_bank_account",
    "mask_personnummer",
    "normalise_personnummer",
    "ocr_reference",
    "parse_bank_account",
    "validate_bank_account",
    "validate_bankgiro",
    "validate_bic",
    "validate_iban",
    "validate_ocr",
    "validate_orgnr",
    "validate_plusgiro",
    "validate_vat_number",
]

_NOT_DIGIT = re.compile(r"[^0-9]")
_PERSONNUMMER = re.compile(r"[0-9]{8}[-+]?[0-9]{4}")
#: Dashes people type or paste between the parts of a number.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


def ascii_text(value: object, field: str) -> str:
    """``value`` as text with its digits in ASCII, or an error naming ``field``.

    Digits of another width (fullwidth ``１``) become ASCII digits (Unicode NFKC) and the
    usual dashes become ``-``; a digit of another script (``١``) is refused.

    Raises:
        InputError: If the text holds a digit that is not 0–9 after normalisation.
    """
    text = unicodedata.normalize("NFKC", str(value)).translate(_DASHES).strip()
    if any(char.isdigit() and not char.isascii() for char in text):
        raise InputError(field, "{value!r}: write the number with the digits 0–9", value=value)
    return text


def _digits(value: object, field: str) -> str:
    return _NOT_DIGIT.sub("", ascii_text(value, field))


def normalise_personnummer(
    value: str, field: str = "personnummer", *, on: date | None = None
) -> str:
    """Validate a personnummer or samordningsnummer and return its 12 digits.

    The full 12-digit form (``YYYYMMDDNNNC``, with or without ``-``) is required: the
    10-digit form leaves the century to the current date, and kooperativ keeps no hidden
    clock.

    Args:
        value: The number as written.
        field: The field named in an error.
        on: If given, a number whose birth date is after this day (a person not yet born)
            is refused.

    Raises:
        InputError: Naming ``field``, if the number is malformed, has a bad check digit, an
            impossible date, or a birth date after ``on``.
    """
    text = ascii_text(value, field)
    digits = _NOT_DIGIT.sub("", text)
    if len(digits) == 10:
        raise InputError(field, "{value!r}: write all 12 digits (YYYYMMDD-NNNN)", value=value)
    if len(digits) != 12 or not _PERSONNUMMER.fullmatch(text):
        raise InputError(field, "{value!r} is not a personnummer (YYYYMMDD-NNNN)", value=value)
    try:
        valid = _pnr.valid(digits)
    except Exception:  # the package raises its own exception types for bad dates
        valid = False
    if not valid:
        raise InputError(
            field, "{value!r} is not a valid personnummer (check digit or date)", value=value
        )
    if on is not None:
        born = _birth_date(digits)
        if born > on:
            raise InputError(
                field,
                "{value!r}: the birth date {born} is after {on}; no such person is born yet",
                value=value,
                born=born,
                on=on,
            )
    return digits


def is_samordningsnummer(value: str) -> bool:
    """True if ``value`` (12 digits) is a samordningsnummer (day of month + 60)."""
    digits = normalise_personnummer(value)
    return int(digits[6:8]) > 60


def _birth_date(digits: str) -> date:
    day = int(digits[6:8])
    if day > 60:  # samordningsnummer: Folkbokföringslag 18 a §
        day -= 60
    return date(int(digits[0:4]), int(digits[4:6]), day)


def birth_date(value: str) -> date:
    """The birth date encoded in a personnummer or samordningsnummer."""
    return _birth_date(normalise_personnummer(value))


def format_personnummer(value: str) -> str:
    """``YYYYMMDD-NNNN`` form of a personnummer."""
    digits = normalise_personnummer(value)
    return f"{digits[:8]}-{digits[8:]}"


def mask_personnummer(value: str) -> str:
    """The birth date part only: ``19121212-****``. Used in logs and CLI output."""
    digits = _NOT_DIGIT.sub("", unicodedata.normalize("NFKC", str(value)))
    if len(digits) != 12:
        return "********-****"
    return f"{digits[:8]}-****"


def validate_orgnr(value: str, field: str = "orgnr") -> str:
    """Validate an organisationsnummer (or a sole trader's personnummer) → ``NNNNNN-NNNN``."""
    digits = _digits(value, field)
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    try:
        _orgnr.validate(digits)
    except StdnumError:
        raise InputError(
            field, "{value!r} is not a valid organisationsnummer", value=value
        ) from None
    return f"{digits[:6]}-{digits[6:]}"


def validate_vat_number(value: str, field: str = "vat_number", *, orgnr: str | None = None) -> str:
    """Validate a Swedish VAT registration number → ``SE`` + 12 digits.

    Args:
        value: The VAT number as written.
        field: The field named in an error.
        orgnr: If given, the number must be this organisationsnummer's: ``SE``, its ten
            digits and ``01`` (Mervärdesskattelag 2023:200; Skatteverket's form of the
            registration number).

    Raises:
        InputError: If the number is malformed, or not the organisation's.
    """
    text = ascii_text(value, field)
    try:
        digits = str(_vat.validate(text))
    except StdnumError:
        raise InputError(
            field, "{value!r} is not a valid Swedish VAT number", value=value
        ) from None
    number = digits if digits.startswith("SE") else f"SE{digits}"
    if orgnr is not None:
        expected = f"SE{_digits(orgnr, field)[-10:]}01"
        if number != expected:
            raise InputError(
                field,
                "{value!r} is not the VAT number of organisationsnummer {orgnr} "
                "(that is {expected})",
                value=value,
                orgnr=orgnr,
                expected=expected,
            )
    return number


def _swedbank_clearing(clearing: str, field: str, value: str) -> None:
    # Bankgirot, Bankernas kontonummeruppbyggnad: a Swedbank clearing number 8xxx-x has a
    # fifth digit that is the Luhn check digit of the first four.
    if len(clearing) == 5 and clearing.startswith("8") and not luhn.is_valid(clearing):
        raise InputError(field, "{value}: the clearing number's check digit is wrong", value=value)


def validate_bank_account(clearing: str, account: str, field: str = "bank_account") -> str:
    """Validate a Swedish clearing + account number → ``CCCC-AAAAAAA``.

    Uses the per-bank rules of Bankgirot's *Bankernas kontonummeruppbyggnad*; a Swedbank
    clearing number of five digits (``8327-9``) keeps its check digit.
    """
    c = _digits(clearing, field)
    a = _digits(account, field)
    _swedbank_clearing(c, field, f"{clearing}-{account}")
    try:
        bankkonto.validate(c, a)
    except Exception as exc:  # bankkonto raises several exception types
        raise _bank_account_problem(str(exc), clearing, account, field) from None
    return f"{c}-{a}"


def _bank_account_problem(reason: str, clearing: str, account: str, field: str) -> InputError:
    """``bankkonto``'s English reason as one of our own translated templates."""
    given = {"clearing": clearing, "account": account}
    length = re.search(r"for (.+) must be (\d+) digits", reason)
    if length:
        return InputError(
            field,
            "{clearing}-{account}: an account number at {bank} has {digits} digits",
            bank=length.group(1),
            digits=int(length.group(2)),
            **given,
        )
    if "control digit" in reason:
        return InputError(
            field, "{clearing}-{account}: the account number's check digit is wrong", **given
        )
    if "does not correspond to any Swedish bank" in reason:
        return InputError(
            field, "{clearing}-{account}: no Swedish bank has this clearing number", **given
        )
    if "Clearing number" in reason:
        return InputError(
            field,
            "{clearing}-{account}: a clearing number has four digits from 1000 to 9999",
            **given,
        )
    return InputError(field, "{clearing}-{account} is not a Swedish bank account", **given)


def parse_bank_account(value: str, field: str = "bank_account") -> str:
    """A bank account as printed on a card or statement → ``CCCC-AAAAAAA``.

    Accepted: ``5001-1234563``, ``5001 1234563``, ``5001, 123 456-3`` and Swedbank's
    five-digit clearing numbers (``8327-9, 123 456 789-7``). A comma separates clearing
    and account number where it is written; otherwise the clearing number is the first
    four digits, or five when it starts with 8 (Swedbank).

    Raises:
        InputError: If the number is not a valid Swedish bank account.
    """
    text = ascii_text(value, field)
    if "," in text:
        clearing_text, account_text = text.split(",", 1)
        clearing, account = _digits(clearing_text, field), _digits(account_text, field)
    else:
        digits = _digits(text, field)
        size = 5 if digits.startswith("8") else 4
        clearing, account = digits[:size], digits[size:]
    if len(clearing) not in (4, 5) or not account:
        raise InputError(
            field,
            "{value!r}: write clearing number and account as CCCC-NNNNNNN "
            "(or CCCC-C, NNN NNN NNN-N)",
            value=value,
        )
    return validate_bank_account(clearing, account, field)


def mask_bank_account(value: str) -> str:
    """Keep the clearing number and the last two digits: ``5000-*****12``."""
    text = str(value)
    if "-" in text:
        clearing, account = text.split("-", 1)
        return f"{clearing}-{'*' * max(len(account) - 2, 0)}{account[-2:]}"
    return "*" * max(len(text) - 2, 0) + text[-2:]


def _luhn_number(value: str, field: str, lengths: range, kind: str) -> str:
    digits = _digits(value, field)
    if len(digits) not in lengths:
        raise InputError(
            field,
            "{value!r} is not a {kind} ({low}–{high} digits)",
            value=value,
            kind=Term(kind),
            low=lengths.start,
            high=lengths.stop - 1,
        )
    if not luhn.is_valid(digits):
        raise InputError(
            field, "{value!r} is not a valid {kind} (check digit)", value=value, kind=Term(kind)
        )
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
        raise InputError(field, "{value!r}: the length digit does not match", value=value)
    return digits


def ocr_reference(base: str, *, length_digit: bool = True) -> str:
    """Build an OCR reference from ``base`` digits: optional length digit, then Luhn digit."""
    digits = _digits(base, "ocr")
    if not digits:
        raise InputError("ocr", "the base of an OCR reference must contain digits")
    if length_digit:
        digits += str((len(digits) + 2) % 10)
    return digits + luhn.calc_check_digit(digits)


def validate_iban(value: str, field: str = "iban") -> str:
    """Validate an IBAN → compact form (``SE4550000000058398257466``)."""
    text = ascii_text(value, field)
    try:
        return str(IBAN(text).compact)
    except (SchwiftyException, ValueError) as exc:
        raise InputError(
            field, "{value!r} is not a valid IBAN ({reason})", value=value, reason=str(exc)
        ) from None


def validate_bic(value: str, field: str = "bic") -> str:
    """Validate a BIC (SWIFT code) → compact form."""
    text = ascii_text(value, field)
    try:
        return str(BIC(text).compact)
    except (SchwiftyException, ValueError) as exc:
        raise InputError(
            field, "{value!r} is not a valid BIC ({reason})", value=value, reason=str(exc)
        ) from None

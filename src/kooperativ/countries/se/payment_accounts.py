# SPDX-License-Identifier: EUPL-1.2
"""Swedish accounts in ISO 20022 terms, for salary payment files (pain.001).

A Swedish salary is paid to a *bankkonto* (a clearing number and an account number), a
*bankgiro* number or a *plusgiro* number, or, across a border, to an IBAN. ISO 20022 has
no Swedish element for any of them; the Swedish banks agree how each is written
(Svenska Bankföreningen, *Swedish Common Interpretation of ISO 20022 Payment Messages*,
Appendix 1 *Common Payment Types in Sweden*, and the banks' message implementation
guides):

=============  ==========================================  ===========================
account        ``CdtrAcct/Id``                             ``CdtrAgt/FinInstnId``
=============  ==========================================  ===========================
bankkonto      ``Othr/Id`` clearing + account,             ``ClrSysMmbId`` ``SESBA`` +
               ``SchmeNm/Cd`` ``BBAN``                     the clearing number
bankgiro       ``Othr/Id`` the number,                     ``ClrSysMmbId`` ``SESBA`` +
               ``SchmeNm/Prtry`` ``BGNR``                  ``9900`` (Bankgirot)
plusgiro       ``Othr/Id`` the number,                     ``ClrSysMmbId`` ``SESBA`` +
               ``SchmeNm/Cd`` ``BBAN``                     ``9960`` (PlusGirot)
IBAN           ``IBAN``                                    ``BIC`` / ``BICFI``
=============  ==========================================  ===========================

A Swedbank clearing number of five digits (``8327-9``) ends in a check digit over the
first four; the clearing system knows the bank by those four, so the fifth is left out
of both the member id and the BBAN (as in Bankgirot's own files). Numbers are written
with their digits only.

Examples:
    >>> payment_account("5001-1234563")
    PaymentAccount(kind='bank_account', iban=None, other_id='50011234563', \
scheme_code='BBAN', scheme_proprietary=None, bic=None, clearing_system='SESBA', \
clearing_member='5001')
    >>> payment_account("5050-1055", kind="bankgiro").other_id
    '50501055'
"""

from __future__ import annotations

from schwifty import IBAN

from kooperativ.countries.se import identifiers
from kooperativ.errors import InputError
from kooperativ.rules.payment_account import PaymentAccount

__all__ = [
    "BANKGIRO_CLEARING",
    "BANKGIRO_SCHEME",
    "BBAN_SCHEME",
    "CLEARING_SYSTEM",
    "PAYMENT_ACCOUNT_KINDS",
    "PLUSGIRO_CLEARING",
    "payment_account",
]

#: The Swedish clearing system's code in ISO 20022's ExternalClearingSystemIdentification1
#: code list (*Sweden Bankgiro clearing code*).
CLEARING_SYSTEM = "SESBA"
#: The clearing member id of Bankgirot, for payments to a bankgiro number.
BANKGIRO_CLEARING = "9900"
#: The clearing member id of PlusGirot (Nordea), for payments to a plusgiro number.
PLUSGIRO_CLEARING = "9960"
#: ``SchmeNm/Prtry`` of a bankgiro number as an account's ``Othr/Id``.
BANKGIRO_SCHEME = "BGNR"
#: ``SchmeNm/Cd`` of a domestic account number (Basic Bank Account Number).
BBAN_SCHEME = "BBAN"
#: The kinds of account :func:`payment_account` reads.
PAYMENT_ACCOUNT_KINDS = ("bank_account", "bankgiro", "plusgiro", "iban")


def _digits(value: str) -> str:
    return "".join(char for char in value if char.isdigit())


def payment_account(
    value: str,
    field: str = "bank_account",
    *,
    kind: str = "bank_account",
    bic: str | None = None,
) -> PaymentAccount:
    """A Swedish account (or an IBAN) as a :class:`PaymentAccount`.

    Args:
        value: A bank account as stored (``5001-1234563``) or printed, a bankgiro or
            plusgiro number, or an IBAN, according to ``kind``.
        field: The field named in an error.
        kind: One of :data:`PAYMENT_ACCOUNT_KINDS`.
        bic: The BIC of an IBAN's bank; when not given it is looked up from the IBAN's
            bank code (schwifty's bank registry), and left out if not found.

    Raises:
        InputError: Naming ``field``, if the number is not valid (check digit, length,
            bank rules), or ``kind`` is unknown.
    """
    if kind == "bank_account":
        clearing, account = identifiers.parse_bank_account(value, field).split("-", 1)
        # Bankgirot, Bankernas kontonummeruppbyggnad: Swedbank's fifth clearing digit is a
        # check digit; the bank is known by the first four.
        routing = clearing[:4]
        return PaymentAccount(
            kind=kind,
            other_id=routing + account,
            scheme_code=BBAN_SCHEME,
            clearing_system=CLEARING_SYSTEM,
            clearing_member=routing,
        )
    if kind == "bankgiro":
        number = _digits(identifiers.validate_bankgiro(value, field))
        return PaymentAccount(
            kind=kind,
            other_id=number,
            scheme_proprietary=BANKGIRO_SCHEME,
            clearing_system=CLEARING_SYSTEM,
            clearing_member=BANKGIRO_CLEARING,
        )
    if kind == "plusgiro":
        number = _digits(identifiers.validate_plusgiro(value, field))
        return PaymentAccount(
            kind=kind,
            other_id=number,
            scheme_code=BBAN_SCHEME,
            clearing_system=CLEARING_SYSTEM,
            clearing_member=PLUSGIRO_CLEARING,
        )
    if kind == "iban":
        iban = identifiers.validate_iban(value, field)
        if bic is not None:
            found: str | None = identifiers.validate_bic(bic, field)
        else:
            registered = IBAN(iban).bic
            found = str(registered.compact) if registered is not None else None
        return PaymentAccount(kind=kind, iban=iban, bic=found)
    raise InputError(
        field,
        "Sweden has no account of kind {kind!r} (known: {known})",
        kind=kind,
        known=", ".join(PAYMENT_ACCOUNT_KINDS),
    )

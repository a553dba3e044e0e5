# SPDX-License-Identifier: EUPL-1.2
"""A payment account described in the neutral terms of ISO 20022.

A salary is paid to an account a country writes in its own way (a Swedish
*clearingnummer* and account number, a bankgiro or plusgiro number, an IBAN). A payment
file names it in the vocabulary of ISO 20022: the account's identification (an IBAN, or
an *other* identification with its scheme name) and, where the bank needs it to route
the payment, the account holder's bank (*agent*: a BIC, or a member of a national
clearing system). :class:`PaymentAccount` is that description. The country turns a stored
account into one (:meth:`kooperativ.rules.country.IdentifierRules.payment_account`); the
exporters (:mod:`kooperativ.exports.pain001`) write it without knowing the country.

Examples:
    >>> account = PaymentAccount(
    ...     kind="bank_account", other_id="50001234563", scheme_code="BBAN",
    ...     clearing_system="SESBA", clearing_member="5000",
    ... )
    >>> account.identification
    '50001234563'
    >>> PaymentAccount(kind="iban", iban="SE4550000000058398257466").identification
    'SE4550000000058398257466'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kooperativ.errors import InputError

__all__ = ["BIC_PATTERN", "PaymentAccount"]

#: ISO 20022 ``IBAN2007Identifier``.
_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}")
#: A BIC that both ``BICIdentifier`` (pain.001.001.03) and ``BICFIDec2014Identifier``
#: (pain.001.001.09) accept.
BIC_PATTERN = re.compile(r"[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?")
#: What an identification, a scheme or a clearing member may hold: letters and digits
#: (ISO 20022 allows more, but no account number needs it and banks refuse the rest).
_CODE = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True, slots=True)
class PaymentAccount:
    """An account a payment is made to or from, in ISO 20022 terms.

    Exactly one of ``iban`` and ``other_id`` identifies the account; an ``other_id`` may
    name its scheme by an ISO code (``scheme_code``, e.g. ``BBAN``) or a proprietary name
    (``scheme_proprietary``, e.g. ``BGNR`` for a Swedish bankgiro number), not both. The
    account holder's bank is known by its BIC, by its member id in a clearing system
    (``clearing_system`` such as ``SESBA``, ``clearing_member`` such as ``5000``), by both
    or (when the bank can tell from the account) by neither.

    Attributes:
        kind: What the country calls the account (``bank_account``, ``bankgiro``,
            ``plusgiro``, ``iban``): for messages and documentation, not written.
        iban: The IBAN in compact form (``CashAccount/Id/IBAN``).
        other_id: Any other identification (``CashAccount/Id/Othr/Id``, at most 34).
        scheme_code: ``Othr/SchmeNm/Cd``, an ExternalAccountIdentification1Code (≤ 4).
        scheme_proprietary: ``Othr/SchmeNm/Prtry`` (≤ 35).
        bic: The bank's BIC (``FinInstnId/BIC`` in .03, ``BICFI`` in .09).
        clearing_system: ``ClrSysMmbId/ClrSysId/Cd``, an
            ExternalClearingSystemIdentification1Code (≤ 5).
        clearing_member: ``ClrSysMmbId/MmbId``, the bank's id in that system (≤ 35).

    Raises:
        InputError: Naming the attribute, if the description is not one ISO 20022 can
            carry (both or neither identification, a malformed IBAN or BIC …).
    """

    kind: str
    iban: str | None = None
    other_id: str | None = None
    scheme_code: str | None = None
    scheme_proprietary: str | None = None
    bic: str | None = None
    clearing_system: str | None = None
    clearing_member: str | None = None

    def __post_init__(self) -> None:
        if (self.iban is None) == (self.other_id is None):
            raise InputError("account", "give either an IBAN or another identification")
        if self.iban is not None and not _IBAN.fullmatch(self.iban):
            raise InputError("iban", "not an IBAN in compact form")
        if self.other_id is not None and not _short_code(self.other_id, 34):
            raise InputError("account", "must be 1–34 letters or digits")
        if self.iban is not None and (self.scheme_code or self.scheme_proprietary):
            raise InputError("account", "an IBAN has no scheme name")
        if self.scheme_code is not None and self.scheme_proprietary is not None:
            raise InputError("account", "give a scheme code or a proprietary scheme, not both")
        if self.scheme_code is not None and not _short_code(self.scheme_code, 4):
            raise InputError("account", "a scheme code is 1–4 letters or digits")
        if self.scheme_proprietary is not None and not _short_code(self.scheme_proprietary, 35):
            raise InputError("account", "a proprietary scheme is 1–35 letters or digits")
        if self.bic is not None and not BIC_PATTERN.fullmatch(self.bic):
            raise InputError("bic", "not a BIC (8 or 11 letters and digits)")
        if (self.clearing_system is None) != (self.clearing_member is None):
            raise InputError("account", "a clearing system and the member id in it go together")
        if self.clearing_system is not None and not _short_code(self.clearing_system, 5):
            raise InputError("account", "a clearing system code is 1–5 letters or digits")
        if self.clearing_member is not None and not _short_code(self.clearing_member, 35):
            raise InputError("account", "a clearing member id is 1–35 letters or digits")

    @property
    def identification(self) -> str:
        """The IBAN, or the other identification."""
        return self.iban if self.iban is not None else str(self.other_id)

    @property
    def has_agent(self) -> bool:
        """Whether the account names its bank (a BIC or a clearing member)."""
        return self.bic is not None or self.clearing_member is not None


def _short_code(value: str, limit: int) -> bool:
    return len(value) <= limit and _CODE.fullmatch(value) is not None

# SPDX-License-Identifier: EUPL-1.2
"""ISO 20022 pain.001: the salary payment file an employer sends its bank.

*pain.001* (CustomerCreditTransferInitiation) is the ISO 20022 message in which a
company asks its bank to make credit transfers. A salary run becomes one message: a
group header (message id, creation time, number of transfers and their control sum),
one payment information block (the employer as debtor, its account, the requested
execution date, category purpose ``SALA``) and one credit transfer per member (an
end-to-end id, the amount, the member's name and account, a text for the member's
statement, purpose ``SALA``).

This module writes that file, in version ``pain.001.001.03`` (2009, what every Swedish
bank accepts) or ``pain.001.001.09`` (2019). It is pure: data in, bytes out; the
creation time is given, never read from a clock. Accounts come as
:class:`~kooperativ.rules.payment_account.PaymentAccount`, the neutral description the
country makes of an account (:meth:`~kooperativ.rules.country.IdentifierRules.payment_account`);
nothing here knows a country.

Before anything is written the whole batch is checked (:func:`batch_problems`): an empty
batch, an amount that is not a positive number of öre, a missing account, a duplicated
end-to-end id, a text too long for its element or with a character outside the set the
banks accept (:data:`ALLOWED_CHARACTERS`) are refused with every problem named by its
field (``transfers[2].amount``). Nothing is shortened or transliterated: a name that
does not fit is the caller's to change, never the file's to alter silently.

Examples:
    >>> from datetime import date, datetime
    >>> from decimal import Decimal
    >>> employer = Debtor(
    ...     name="Interim kultur AB", organisation_id="5598765435",
    ...     account=PaymentAccount(kind="bankgiro", other_id="50501055",
    ...                            scheme_proprietary="BGNR", clearing_system="SESBA",
    ...                            clearing_member="9900"),
    ... )
    >>> member = PaymentAccount(kind="bank_account", other_id="50011234563",
    ...                         scheme_code="BBAN", clearing_system="SESBA",
    ...                         clearing_member="5001")
    >>> batch = SalaryPaymentBatch(
    ...     message_id="LON-2026-12", created_at=datetime(2026, 12, 20, 9, 30),
    ...     execution_date=date(2026, 12, 25), debtor=employer,
    ...     transfers=[CreditTransfer(end_to_end_id="LON-2026-12-1",
    ...                               creditor_name="Åsa Öberg", amount=Decimal("24312.50"),
    ...                               account=member, remittance="Lön december")],
    ... )
    >>> document = salary_payment_file(batch, Pain001Version.V09)
    >>> b"<CtrlSum>24312.50</CtrlSum>" in document
    True

References:
    ISO 20022 message definitions pain.001.001.03 and pain.001.001.09
    (https://www.iso20022.org); Svenska Bankföreningen, *Swedish Common Interpretation of
    ISO 20022 Payment Messages*, Appendix 1 *Common Payment Types in Sweden*.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from kooperativ.errors import InputError, ValidationFailed
from kooperativ.money import ORE, ZERO, to_decimal
from kooperativ.rules.payment_account import BIC_PATTERN, PaymentAccount

__all__ = [
    "ALLOWED_CHARACTERS",
    "NAME_LENGTH",
    "SALARY",
    "TEXT_LENGTH",
    "CreditTransfer",
    "Debtor",
    "Pain001Version",
    "PaymentAccount",
    "SalaryPaymentBatch",
    "batch_problems",
    "salary_payment_file",
]


class Pain001Version(StrEnum):
    """The message versions written, by their ISO 20022 identifier."""

    #: CustomerCreditTransferInitiationV03 (2009): accepted by every Swedish bank.
    V03 = "pain.001.001.03"
    #: CustomerCreditTransferInitiationV09 (2019): ``BICFI`` for ``BIC``, the requested
    #: execution date as a choice of date (``Dt``) or date and time.
    V09 = "pain.001.001.09"


#: The category purpose and the purpose of a salary payment (ISO 20022 external code
#: lists ExternalCategoryPurpose1Code and ExternalPurpose1Code: *SalaryPayment*).
SALARY = "SALA"

#: The characters a name or a text may hold: the Latin set of the EPC's SEPA
#: implementation guidelines (letters a–z and A–Z, digits, space and ``/ - ? : ( ) . , ' +``)
#: and the Swedish and common letters the Swedish banks carry (Å Ä Ö É Ü in both cases).
#: ISO 20022 allows any Unicode text; a bank's own rules are narrower, and a character it
#: does not carry is replaced or refused there, unseen by the employer.
ALLOWED_CHARACTERS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 /-?:().,'+ÅÄÖåäöÉéÜü"
)
#: Message, payment and end-to-end ids: ``Max35Text`` in the same set without spaces,
#: neither starting nor ending with ``/`` nor holding ``//`` (EPC rules for references).
_ID = re.compile(r"[A-Za-z0-9/\-?:().,'+]{1,35}")
#: An organisation number as the debtor's other identification (``Max35Text``).
_ORGANISATION_ID = re.compile(r"[A-Za-z0-9\-]{1,35}")
_CURRENCY = re.compile(r"[A-Z]{3}")
_SCHEME = re.compile(r"[A-Z0-9]{1,4}")
#: The longest name (``Nm``, ISO 20022 ``Max140Text``); a longer one is refused.
NAME_LENGTH = 140
#: The longest statement text (``RmtInf/Ustrd``, ``Max140Text``); a longer one is refused.
TEXT_LENGTH = 140
#: Amounts and the control sum have at most 18 digits (``totalDigits``), two after the
#: decimal point here.
_AMOUNT_LIMIT = Decimal(10) ** 16

_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:{version}"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True, slots=True)
class Debtor:
    """The employer who pays (``Dbtr``, ``DbtrAcct``, ``DbtrAgt``; also the initiating
    party ``InitgPty``).

    Attributes:
        name: The employer's registered name (at most 140 characters).
        account: The account the salaries are paid from: a bankgiro number or an IBAN
            (as the country describes it).
        organisation_id: The organisation number (``Id/OrgId/Othr/Id``), if the bank
            wants it; written as given (letters, digits and ``-``).
        organisation_scheme: Its scheme code (``SchmeNm/Cd``), if the bank wants one,
            e.g. ``BANK`` when the bank knows the employer by it (see your bank's guide).
        bic: The BIC of the employer's bank (``DbtrAgt``); needed when the account does
            not name its bank.
    """

    name: str
    account: PaymentAccount
    organisation_id: str | None = None
    organisation_scheme: str | None = None
    bic: str | None = None


@dataclass(frozen=True, slots=True)
class CreditTransfer:
    """One salary to one member (``CdtTrfTxInf``).

    Attributes:
        end_to_end_id: The payment's id, returned unchanged on the bank's reports
            (``PmtId/EndToEndId``, at most 35 characters, unique in the batch).
        creditor_name: The member's name (``Cdtr/Nm``, at most 140 characters).
        amount: The net salary paid (a positive number of öre, ``Decimal``).
        account: The member's account, as the country describes it; ``None`` is refused.
        remittance: The text on the member's statement (``RmtInf/Ustrd``, at most 140
            characters; a Swedish bank shows fewer to a bank account, often 12–35).
        currency: The amount's currency (ISO 4217); one currency per batch.
    """

    end_to_end_id: str
    creditor_name: str
    amount: Decimal
    account: PaymentAccount | None
    remittance: str | None = None
    currency: str = "SEK"


@dataclass(frozen=True, slots=True)
class SalaryPaymentBatch:
    """The salaries of one pay day, as one pain.001 message with one payment block.

    Attributes:
        message_id: The message's id (``GrpHdr/MsgId``), unique for the employer: a bank
            refuses a message id it has seen.
        created_at: When the file was made (``GrpHdr/CreDtTm``; given, written to the
            second, with its UTC offset if it has one).
        execution_date: The pay day: the date the bank debits the employer and the
            members have the money (``PmtInf/ReqdExctnDt``).
        debtor: The employer.
        transfers: One transfer per member.
        payment_information_id: The payment block's id (``PmtInfId``); the message id
            if not given.
    """

    message_id: str
    created_at: datetime
    execution_date: date
    debtor: Debtor
    transfers: Sequence[CreditTransfer]
    payment_information_id: str | None = None


Problem = tuple[str, str, dict[str, object]]


def _text(value: object) -> str:
    """A name or text as written: NFC (so a decomposed ``ä`` is one character), trimmed."""
    return unicodedata.normalize("NFC", str(value)).strip()


def _check_text(problems: list[Problem], field: str, value: object, limit: int) -> None:
    if not isinstance(value, str):
        problems.append((field, "must be a text", {}))
        return
    text = _text(value)
    if not text:
        problems.append((field, "must not be empty", {}))
        return
    if len(text) > limit:
        problems.append(
            (
                field,
                "is {length} characters long; the payment file allows {limit} "
                "(shorten it, nothing is cut off for you)",
                {"length": len(text), "limit": limit},
            )
        )
    wrong = sorted({char for char in text if char not in ALLOWED_CHARACTERS})
    if wrong:
        problems.append(
            (
                field,
                "holds characters the banks do not carry: {characters} (allowed: letters "
                "A–Z, Å Ä Ö É Ü, digits, space and / - ? : ( ) . , ' +)",
                {"characters": " ".join(repr(char) for char in wrong)},
            )
        )


def _check_id(problems: list[Problem], field: str, value: object) -> None:
    if not isinstance(value, str) or not value:
        problems.append((field, "must not be empty", {}))
        return
    if not _ID.fullmatch(value) or value.startswith("/") or value.endswith("/") or "//" in value:
        problems.append(
            (
                field,
                "{value!r} is not a payment file id: 1–35 letters A–Z, digits and "
                "/ - ? : ( ) . , ' + without spaces, not starting or ending with / nor "
                "holding //",
                {"value": value},
            )
        )


def _amount(problems: list[Problem], field: str, value: object) -> Decimal | None:
    try:
        amount = to_decimal(value, field)
    except InputError as error:
        problems.append((field, error.reason_template, dict(error.params)))
        return None
    if amount <= ZERO:
        problems.append((field, "the amount must be more than zero", {}))
        return None
    if amount != amount.quantize(ORE):
        problems.append((field, "{amount} is not a whole number of öre", {"amount": amount}))
        return None
    if amount >= _AMOUNT_LIMIT:
        problems.append((field, "{amount} is too large for a payment file", {"amount": amount}))
        return None
    return amount


def _check_account(problems: list[Problem], field: str, value: object) -> bool:
    if value is None:
        problems.append((field, "no account to pay to", {}))
        return False
    if not isinstance(value, PaymentAccount):
        problems.append((field, "must be a PaymentAccount (ask the country: payment_account)", {}))
        return False
    return True


def batch_problems(batch: SalaryPaymentBatch) -> list[Problem]:
    """Every reason ``batch`` cannot be written, as ``(field, template, values)``.

    The field is the path in the batch (``debtor.name``, ``transfers[2].amount``); an
    empty list means :func:`salary_payment_file` will write the file.
    """
    problems: list[Problem] = []
    _check_id(problems, "message_id", batch.message_id)
    if batch.payment_information_id is not None:
        _check_id(problems, "payment_information_id", batch.payment_information_id)
    if not isinstance(batch.created_at, datetime):
        problems.append(("created_at", "must be a date and time", {}))
    if not isinstance(batch.execution_date, date) or isinstance(batch.execution_date, datetime):
        problems.append(("execution_date", "must be a date", {}))
    debtor = batch.debtor
    _check_text(problems, "debtor.name", debtor.name, NAME_LENGTH)
    if debtor.organisation_id is not None and not _ORGANISATION_ID.fullmatch(
        str(debtor.organisation_id)
    ):
        problems.append(("debtor.organisation_id", "must be 1–35 letters, digits or -", {}))
    if debtor.organisation_scheme is not None and not _SCHEME.fullmatch(
        str(debtor.organisation_scheme)
    ):
        problems.append(
            ("debtor.organisation_scheme", "a scheme code is 1–4 letters or digits", {})
        )
    if debtor.organisation_scheme is not None and debtor.organisation_id is None:
        problems.append(("debtor.organisation_id", "a scheme needs the organisation number", {}))
    if debtor.bic is not None and not BIC_PATTERN.fullmatch(str(debtor.bic)):
        problems.append(("debtor.bic", "not a BIC (8 or 11 letters and digits)", {}))
    known = _check_account(problems, "debtor.account", debtor.account)
    if known and not debtor.account.has_agent and debtor.bic is None:
        problems.append(
            ("debtor.bic", "the account does not name its bank: give the bank's BIC", {})
        )
    if not batch.transfers:
        problems.append(("transfers", "a salary payment file holds at least one transfer", {}))
        return problems
    currency = batch.transfers[0].currency
    seen: dict[str, int] = {}
    total = ZERO
    for index, transfer in enumerate(batch.transfers):
        where = _path(index)
        _check_id(problems, where + "end_to_end_id", transfer.end_to_end_id)
        first = seen.setdefault(str(transfer.end_to_end_id), index)
        if first != index:
            problems.append(
                (
                    where + "end_to_end_id",
                    "{value!r} is also the id of transfer {first}",
                    {"value": transfer.end_to_end_id, "first": first},
                )
            )
        _check_text(problems, where + "creditor_name", transfer.creditor_name, NAME_LENGTH)
        amount = _amount(problems, where + "amount", transfer.amount)
        total += amount or ZERO
        _check_account(problems, where + "account", transfer.account)
        if transfer.remittance is not None:
            _check_text(problems, where + "remittance", transfer.remittance, TEXT_LENGTH)
        if not isinstance(transfer.currency, str) or not _CURRENCY.fullmatch(transfer.currency):
            problems.append((where + "currency", "must be an ISO 4217 code such as SEK", {}))
        elif transfer.currency != currency:
            problems.append(
                (
                    where + "currency",
                    "{currency} differs from the batch's {first}: one currency per file",
                    {"currency": transfer.currency, "first": currency},
                )
            )
    if total >= _AMOUNT_LIMIT:
        problems.append(("transfers", "the control sum is too large for a payment file", {}))
    return problems


def _path(index: int) -> str:
    return "transfers[" + str(index) + "]."


def salary_payment_file(
    batch: SalaryPaymentBatch, version: Pain001Version | str = Pain001Version.V03
) -> bytes:
    """``batch`` as a pain.001 document of ``version`` (UTF-8 bytes).

    ``NbOfTxs`` and ``CtrlSum`` (in the group header and in the payment block) are the
    number of transfers and the exact sum of their amounts; every amount is written with
    two decimals.

    Args:
        batch: The salaries of one pay day.
        version: :class:`Pain001Version` or its identifier (``"pain.001.001.09"``).

    Raises:
        InputError: Naming the field, if ``version`` is unknown or the batch has a
            problem (:class:`~kooperativ.errors.ValidationFailed` when it has several):
            see :func:`batch_problems`.
    """
    chosen = _version(version)
    problems = batch_problems(batch)
    if len(problems) == 1:
        field, template, values = problems[0]
        raise InputError(field, template, **values)
    if problems:
        raise ValidationFailed(problems)
    root = _Writer(batch, chosen).document()
    ET.indent(root)
    # Serialised to text and encoded once: ElementTree's own UTF-8 writer encodes each
    # piece apart, which is three times slower on a file of 10 000 transfers.
    text = ET.tostring(root, encoding="unicode")
    return (_DECLARATION + text + "\n").encode("utf-8")


def _version(version: Pain001Version | str) -> Pain001Version:
    try:
        return Pain001Version(version)
    except ValueError:
        raise InputError(
            "version",
            "{value!r} is not a pain.001 version written here (known: {known})",
            value=version,
            known=", ".join(item.value for item in Pain001Version),
        ) from None


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


class _Writer:
    """Builds the element tree of one batch; the batch is known to be valid."""

    def __init__(self, batch: SalaryPaymentBatch, version: Pain001Version) -> None:
        self.batch = batch
        self.version = version
        self.bic_tag = "BIC" if version is Pain001Version.V03 else "BICFI"

    def document(self) -> ET.Element:
        batch = self.batch
        amounts = [to_decimal(t.amount) for t in batch.transfers]
        count, total = str(len(amounts)), _money(sum(amounts, ZERO))
        root = ET.Element("Document", {"xmlns": _NAMESPACE.format(version=self.version.value)})
        initiation = _sub(root, "CstmrCdtTrfInitn")
        header = _sub(initiation, "GrpHdr")
        _sub(header, "MsgId", batch.message_id)
        _sub(header, "CreDtTm", batch.created_at.replace(microsecond=0).isoformat())
        _sub(header, "NbOfTxs", count)
        _sub(header, "CtrlSum", total)
        self.party(_sub(header, "InitgPty"), batch.debtor, with_id=True)
        block = _sub(initiation, "PmtInf")
        _sub(block, "PmtInfId", batch.payment_information_id or batch.message_id)
        _sub(block, "PmtMtd", "TRF")
        # One debit on the employer's statement for the whole run: members' salaries are
        # not listed there one by one.
        _sub(block, "BtchBookg", "true")
        _sub(block, "NbOfTxs", count)
        _sub(block, "CtrlSum", total)
        _sub(_sub(_sub(block, "PmtTpInf"), "CtgyPurp"), "Cd", SALARY)
        execution = batch.execution_date.isoformat()
        if self.version is Pain001Version.V03:
            _sub(block, "ReqdExctnDt", execution)
        else:
            _sub(_sub(block, "ReqdExctnDt"), "Dt", execution)
        debtor = batch.debtor
        self.party(_sub(block, "Dbtr"), debtor, with_id=True)
        self.account(_sub(block, "DbtrAcct"), debtor.account, currency=_currency(batch))
        self.agent(_sub(block, "DbtrAgt"), debtor.account, bic=debtor.bic)
        for transfer, amount in zip(batch.transfers, amounts, strict=True):
            self.transfer(_sub(block, "CdtTrfTxInf"), transfer, amount)
        return root

    def party(self, element: ET.Element, debtor: Debtor, *, with_id: bool) -> None:
        _sub(element, "Nm", _text(debtor.name))
        if with_id and debtor.organisation_id is not None:
            other = _sub(_sub(_sub(element, "Id"), "OrgId"), "Othr")
            _sub(other, "Id", str(debtor.organisation_id))
            if debtor.organisation_scheme is not None:
                _sub(_sub(other, "SchmeNm"), "Cd", debtor.organisation_scheme)

    def account(
        self, element: ET.Element, account: PaymentAccount, *, currency: str | None = None
    ) -> None:
        identification = _sub(element, "Id")
        if account.iban is not None:
            _sub(identification, "IBAN", account.iban)
        else:
            other = _sub(identification, "Othr")
            _sub(other, "Id", account.other_id)
            if account.scheme_code is not None:
                _sub(_sub(other, "SchmeNm"), "Cd", account.scheme_code)
            elif account.scheme_proprietary is not None:
                _sub(_sub(other, "SchmeNm"), "Prtry", account.scheme_proprietary)
        if currency is not None:
            _sub(element, "Ccy", currency)

    def agent(self, element: ET.Element, account: PaymentAccount, *, bic: str | None) -> None:
        institution = _sub(element, "FinInstnId")
        chosen = bic or account.bic
        if chosen is not None:
            _sub(institution, self.bic_tag, chosen)
        if account.clearing_member is not None:
            member = _sub(institution, "ClrSysMmbId")
            _sub(_sub(member, "ClrSysId"), "Cd", account.clearing_system)
            _sub(member, "MmbId", account.clearing_member)

    def transfer(self, element: ET.Element, transfer: CreditTransfer, amount: Decimal) -> None:
        _sub(_sub(element, "PmtId"), "EndToEndId", transfer.end_to_end_id)
        instructed = _sub(_sub(element, "Amt"), "InstdAmt", _money(amount))
        instructed.set("Ccy", transfer.currency)
        account = transfer.account
        if account is None:  # refused by batch_problems before anything is written
            raise InputError("account", "no account to pay to")
        if account.has_agent:
            self.agent(_sub(element, "CdtrAgt"), account, bic=None)
        _sub(_sub(element, "Cdtr"), "Nm", _text(transfer.creditor_name))
        self.account(_sub(element, "CdtrAcct"), account)
        _sub(_sub(element, "Purp"), "Cd", SALARY)
        if transfer.remittance is not None:
            _sub(_sub(element, "RmtInf"), "Ustrd", _text(transfer.remittance))


def _currency(batch: SalaryPaymentBatch) -> str:
    return batch.transfers[0].currency


def _money(amount: Decimal) -> str:
    return str(amount.quantize(ORE))

# SPDX-License-Identifier: EUPL-1.2
"""Reading the bank's notification of incoming payments: ISO 20022 camt.054.

*camt.054* (``BankToCustomerDebitCreditNotification``) is the XML message in which a bank
tells an account holder what was credited to (or debited from) an account. Swedish banks
deliver it per their message implementation guides based on version **camt.054.001.02**
(Swedbank, Handelsbanken, Nordea); the 2019 version **camt.054.001.08** is accepted as
well. A document holds one group header (``GrpHdr``: message id, creation time) and one or
more notifications (``Ntfctn``: the account), each with entries (``Ntry``: one booking on
the account, with amount, credit/debit indicator, status, booking and value date). An
entry may batch several payments, each a transaction (``NtryDtls/TxDtls``) with its own
amount, references, payer (``RltdPties/Dbtr``) and remittance information: the OCR
number in ``RmtInf/Strd/CdtrRefInf/Ref``, a free-text message in ``RmtInf/Ustrd``.

The differences between the two versions that matter here:

| data               | camt.054.001.02          | camt.054.001.08            |
|--------------------|--------------------------|----------------------------|
| entry status       | ``Sts`` (text, ``BOOK``) | ``Sts/Cd``                 |
| transaction amount | ``AmtDtls/TxAmt/Amt``    | ``Amt`` (``AmtDtls`` too)  |
| payer's name       | ``RltdPties/Dbtr/Nm``    | ``RltdPties/Dbtr/Pty/Nm``  |

Each form is read in either version. The reader is *safe*: the file must not exceed a size
limit, a DOCTYPE (and with it every entity declaration) is refused before anything is
expanded, and nothing outside the file is ever fetched. Malformed input is an
:class:`~kooperativ.errors.InputError` whose field is the element path
(``camt.054: Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[2]/Amt``).

Every transaction becomes one :class:`IncomingPayment`; only booked credits that are not
reversals are payments (:attr:`IncomingPayment.is_payment`). A reversal (``RvslInd``) and
a debit are kept and reported, not matched. A batch whose transactions do not add up to
the entry's amount is a finding of the :class:`Notification`, and its transactions are
marked so that matching leaves them for a person.

Examples:
    >>> document = read_camt054(SAMPLE)
    >>> [(p.amount, p.structured_reference) for p in document.payments]
    [(Decimal('1250.00'), '202600490')]
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal, NoReturn
from xml.etree import ElementTree
from xml.parsers import expat

from pydantic import BaseModel, ConfigDict

from kooperativ.errors import InputError, os_reason
from kooperativ.money import ZERO
from kooperativ.problems import Problem

__all__ = [
    "MAX_BYTES",
    "NAMESPACES",
    "Camt054",
    "IncomingPayment",
    "Notification",
    "read_camt054",
    "read_camt054_file",
]

#: The namespaces accepted, mapped to the message version.
NAMESPACES = {
    "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02": "camt.054.001.02",
    "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08": "camt.054.001.08",
}

#: The largest file read (bytes): a month of a busy bankgiro is far below this.
MAX_BYTES = 20 * 1024 * 1024

#: The deepest nesting of elements accepted (camt.054 needs about 12).
MAX_DEPTH = 40

#: Scheme names of a Swedish bankgiro number as the account's ``Othr/Id`` (Swedish MIGs).
BANKGIRO_SCHEMES = frozenset({"BGNR"})

#: What ``EndToEndId`` says when the payer gave none.
_NOT_PROVIDED = "NOTPROVIDED"

_AMOUNT = re.compile(r"[0-9]{1,18}(\.[0-9]{1,5})?")
_CURRENCY = re.compile(r"[A-Z]{3}")

SAMPLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-30T06:00:00</CreDtTm></GrpHdr>
<Ntfctn><Id>N1</Id><Acct><Id><IBAN>SE4550000000058398257466</IBAN></Id></Acct>
<Ntry><Amt Ccy="SEK">1250.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-11-27</Dt></BookgDt><AcctSvcrRef>E1</AcctSvcrRef><NtryDtls><TxDtls>
<RmtInf><Strd><CdtrRefInf><Ref>202600490</Ref></CdtrRefInf></Strd></RmtInf>
</TxDtls></NtryDtls></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>"""

Kind = Literal["payment", "reversal", "debit"]


class IncomingPayment(BaseModel):
    """One transaction of a camt.054 notification.

    Attributes:
        key: A stable idempotency key: the same transaction read again (from the same file
            or a later one) has the same key. From the bank's references where it gives
            any (the transaction's ``Refs/AcctSvcrRef``; else the entry's ``AcctSvcrRef``
            and the transaction's place in the entry; else the payer's ``EndToEndId`` with
            the date and amount); else a hash of the entry's canonical XML and the
            transaction's place in it.
        path: Where the transaction is in the file (``Ntfctn[1]/Ntry[2]/NtryDtls/TxDtls[1]``).
        account: The account credited: IBAN, bankgiro or the bank's other id.
        entry_reference: The bank's reference of the entry (``Ntry/AcctSvcrRef``, else
            ``Ntry/NtryRef``).
        transaction_reference: The bank's reference of the transaction (``Refs/AcctSvcrRef``).
        end_to_end_id: The payer's end-to-end id (``Refs/EndToEndId``; not ``NOTPROVIDED``).
        booking_date: The day the bank booked the entry.
        value_date: The day the money is at the holder's disposal.
        amount: The transaction's amount (positive).
        currency: Its ISO 4217 currency.
        credit: True for a credit (``CRDT``), false for a debit (``DBIT``).
        reversal: The entry reverses an earlier one (``RvslInd``).
        status: The entry's status (``BOOK``, ``PDNG``, ``INFO``).
        debtor_name: The payer's name (``RltdPties/Dbtr``).
        debtor_account: The payer's account as given (IBAN or other id).
        structured_references: Every creditor reference (``RmtInf/Strd/CdtrRefInf/Ref``),
            e.g. the OCR number, in the order given.
        remittance_text: The unstructured remittance lines (``RmtInf/Ustrd``), joined.
        additional_info: The bank's additional text of the transaction or entry.
        entry_amount: The whole entry's amount (several transactions may share it).
        entry_adds_up: False if the entry's transactions do not add up to its amount.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    path: str
    account: str
    entry_reference: str | None = None
    transaction_reference: str | None = None
    end_to_end_id: str | None = None
    booking_date: date | None = None
    value_date: date | None = None
    amount: Decimal
    currency: str
    credit: bool
    reversal: bool = False
    status: str = "BOOK"
    debtor_name: str | None = None
    debtor_account: str | None = None
    structured_references: tuple[str, ...] = ()
    remittance_text: str | None = None
    additional_info: str | None = None
    entry_amount: Decimal
    entry_adds_up: bool = True

    @property
    def kind(self) -> Kind:
        """``payment`` (a credit), ``reversal`` (either direction) or ``debit``."""
        if self.reversal:
            return "reversal"
        return "payment" if self.credit else "debit"

    @property
    def is_payment(self) -> bool:
        """A booked credit that is not a reversal: money a client paid in."""
        return self.kind == "payment" and self.status == "BOOK"

    @property
    def structured_reference(self) -> str | None:
        """The creditor reference when there is exactly one (else ``None``)."""
        return self.structured_references[0] if len(self.structured_references) == 1 else None

    @property
    def day(self) -> date | None:
        """The day the payment counts from: the value date, else the booking date."""
        return self.value_date or self.booking_date


class Notification(BaseModel):
    """One ``Ntfctn``: an account and its transactions.

    Attributes:
        message_id: The message's id (``GrpHdr/MsgId``).
        created_at: When the bank created the message (``GrpHdr/CreDtTm``).
        notification_id: The notification's id (``Ntfctn/Id``).
        account_iban: The account's IBAN, if given so.
        account_bankgiro: The account's bankgiro number (``Othr/Id`` with scheme ``BGNR``).
        account_other: Another id of the account (``Othr/Id``, another scheme).
        account_currency: The account's currency (``Acct/Ccy``), if given.
        transactions: Every transaction, credits and debits, in file order.
        findings: What does not add up (a batch whose transactions differ from the entry).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    message_id: str
    created_at: datetime
    notification_id: str
    account_iban: str | None = None
    account_bankgiro: str | None = None
    account_other: str | None = None
    account_currency: str | None = None
    transactions: tuple[IncomingPayment, ...] = ()
    findings: tuple[Problem, ...] = ()

    @property
    def account(self) -> str:
        """The account as one string (IBAN, bankgiro or other id)."""
        return self.account_iban or self.account_bankgiro or self.account_other or ""

    @property
    def payments(self) -> tuple[IncomingPayment, ...]:
        """The transactions that are payments (:attr:`IncomingPayment.is_payment`)."""
        return tuple(t for t in self.transactions if t.is_payment)


class Camt054(BaseModel):
    """A whole camt.054 document.

    Attributes:
        version: ``camt.054.001.02`` or ``camt.054.001.08``.
        message_id: ``GrpHdr/MsgId``.
        created_at: ``GrpHdr/CreDtTm``.
        notifications: Each ``Ntfctn``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    message_id: str
    created_at: datetime
    notifications: tuple[Notification, ...]

    @property
    def transactions(self) -> tuple[IncomingPayment, ...]:
        """Every transaction of every notification."""
        return tuple(t for n in self.notifications for t in n.transactions)

    @property
    def payments(self) -> tuple[IncomingPayment, ...]:
        """Every payment (booked credit, not a reversal) of every notification."""
        return tuple(t for n in self.notifications for t in n.payments)

    @property
    def findings(self) -> tuple[Problem, ...]:
        """Every finding of every notification."""
        return tuple(f for n in self.notifications for f in n.findings)


# -- safe parsing ---------------------------------------------------------------------------


class _Refused(Exception):
    """Raised inside the expat handlers to stop at a forbidden construct."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template)
        self.template = template
        self.params = params


def _qualified(name: str) -> str:
    """Expat's ``uri local`` as ElementTree's ``{uri}local``."""
    uri, _, local = name.rpartition(" ")
    return f"{{{uri}}}{local}" if uri else local


def _parse(data: bytes, source: str) -> ElementTree.Element:
    """The element tree of ``data``, refusing DTDs, entities and very deep nesting."""
    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator=" ")
    depth = 0

    def refuse_doctype(*_: object) -> NoReturn:
        raise _Refused("a DOCTYPE or entity declaration is not accepted in a bank file")

    names: dict[str, str] = {}

    def qualified(name: str) -> str:
        found = names.get(name)
        if found is None:
            found = names[name] = _qualified(name)
        return found

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise _Refused("elements are nested deeper than {limit}", limit=MAX_DEPTH)
        builder.start(
            qualified(name),
            {qualified(k): v for k, v in attributes.items()} if attributes else {},
        )

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(qualified(name))

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.UnparsedEntityDeclHandler = refuse_doctype
    parser.ExternalEntityRefHandler = refuse_doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        raise InputError(source, refused.template, **refused.params) from None
    except expat.ExpatError as exc:
        raise InputError(
            source,
            "is not well-formed XML (line {line}, column {column}: {detail})",
            line=exc.lineno,
            column=exc.offset + 1,
            detail=expat.ErrorString(exc.code),
        ) from None
    return builder.close()


# -- reading the elements ---------------------------------------------------------------


class _Reader:
    """Finds children in the document's namespace and names their paths in errors."""

    def __init__(self, namespace: str, source: str) -> None:
        self.ns = namespace
        self.source = source
        self._paths: dict[str, str] = {}

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def error(self, path: str, template: str, /, **params: object) -> InputError:
        field = f"{self.source}: {path}"
        return InputError(field, template, **params)

    def children(self, element: ElementTree.Element, name: str) -> list[ElementTree.Element]:
        return element.findall(self.tag(name))

    def find(self, element: ElementTree.Element, dotted: str) -> ElementTree.Element | None:
        path = self._paths.get(dotted)
        if path is None:
            path = self._paths[dotted] = "/".join(self.tag(name) for name in dotted.split("/"))
        return element.find(path)

    def text(self, element: ElementTree.Element, dotted: str) -> str | None:
        found = self.find(element, dotted)
        if found is None or found.text is None:
            return None
        text = " ".join(found.text.split())
        return text or None

    def required(self, element: ElementTree.Element, dotted: str, path: str) -> str:
        value = self.text(element, dotted)
        if value is None:
            raise self.error(f"{path}/{dotted}", "is required")
        return value

    def amount(
        self, element: ElementTree.Element, dotted: str, path: str
    ) -> tuple[Decimal, str] | None:
        found = self.find(element, dotted)
        if found is None:
            return None
        where = f"{path}/{dotted}"
        text = (found.text or "").strip()
        if not _AMOUNT.fullmatch(text):
            raise self.error(where, "{value!r} is not an amount", value=text)
        currency = (found.get("Ccy") or "").strip()
        if not _CURRENCY.fullmatch(currency):
            raise self.error(f"{where}/@Ccy", "{value!r} is not a currency code", value=currency)
        try:
            return Decimal(text), currency
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise self.error(where, "{value!r} is not an amount", value=text) from None

    def day(self, element: ElementTree.Element, dotted: str, path: str) -> date | None:
        """A ``Dt`` or the date of a ``DtTm`` under ``dotted``."""
        found = self.find(element, dotted)
        if found is None:
            return None
        text = self.text(found, "Dt")
        if text is not None:
            try:
                return date.fromisoformat(text)
            except ValueError:
                raise self.error(
                    f"{path}/{dotted}/Dt", "{value!r} is not a date (use YYYY-MM-DD)", value=text
                ) from None
        text = self.text(found, "DtTm")
        if text is not None:
            return self.moment(text, f"{path}/{dotted}/DtTm").date()
        raise self.error(f"{path}/{dotted}", "needs a Dt or DtTm")

    def moment(self, text: str, where: str) -> datetime:
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            raise self.error(where, "{value!r} is not a date and time", value=text) from None

    def flag(self, element: ElementTree.Element, dotted: str, path: str) -> bool:
        text = self.text(element, dotted)
        if text is None:
            return False
        if text.lower() in ("true", "1"):
            return True
        if text.lower() in ("false", "0"):
            return False
        raise self.error(f"{path}/{dotted}", "{value!r} is not true or false", value=text)

    def credit(self, element: ElementTree.Element, dotted: str, path: str) -> bool | None:
        text = self.text(element, dotted)
        if text is None:
            return None
        if text not in ("CRDT", "DBIT"):
            raise self.error(
                f"{path}/{dotted}", "{value!r} is not one of {expected}",
                value=text, expected="CRDT, DBIT",
            )  # fmt: skip
        return text == "CRDT"

    def account_id(self, account: ElementTree.Element | None) -> str | None:
        """An account's IBAN or other id."""
        if account is None:
            return None
        return self.text(account, "Id/IBAN") or self.text(account, "Id/Othr/Id")


def _indexed(
    items: list[ElementTree.Element], name: str
) -> Iterator[tuple[str, ElementTree.Element]]:
    for index, item in enumerate(items, start=1):
        yield f"{name}[{index}]", item


def _canonical(element: ElementTree.Element) -> str:
    """The element as canonical XML (C14N 2.0, whitespace between elements removed)."""
    return ElementTree.canonicalize(ElementTree.tostring(element), strip_text=True)


def read_camt054(
    data: bytes | str, *, source: str = "camt.054", max_bytes: int = MAX_BYTES
) -> Camt054:
    """Read a camt.054 notification (version .02 or .08).

    Args:
        data: The file's bytes (a ``str`` is encoded as UTF-8).
        source: How the file is named in errors (its path, as the user gave it).
        max_bytes: The largest size accepted.

    Returns:
        The document with every notification and transaction (:class:`Camt054`).

    Raises:
        InputError: A file too large, with a DOCTYPE or entity, not well-formed, not a
            camt.054 of an accepted version, or with a missing or malformed element; the
            field names the element path.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise InputError(source, "is larger than {limit} bytes", limit=max_bytes)
    root = _parse(raw, source)
    namespace, _, local = (
        root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", root.tag)
    )
    if local != "Document" or namespace not in NAMESPACES:
        raise InputError(
            source,
            "is not a camt.054 notification (root {root!r}; accepted: {accepted})",
            root=root.tag,
            accepted=", ".join(NAMESPACES.values()),
        )
    reader = _Reader(namespace, source)
    top = "Document/BkToCstmrDbtCdtNtfctn"
    message = reader.find(root, "BkToCstmrDbtCdtNtfctn")
    if message is None:
        raise reader.error(top, "is required")
    message_id = reader.required(message, "GrpHdr/MsgId", top)
    created_at = reader.moment(
        reader.required(message, "GrpHdr/CreDtTm", top), f"{top}/GrpHdr/CreDtTm"
    )
    items = reader.children(message, "Ntfctn")
    if not items:
        raise reader.error(f"{top}/Ntfctn", "is required")
    notifications = tuple(
        _notification(reader, item, f"{top}/{name}", message_id, created_at)
        for name, item in _indexed(items, "Ntfctn")
    )
    return Camt054(
        version=NAMESPACES[namespace],
        message_id=message_id,
        created_at=created_at,
        notifications=notifications,
    )


def read_camt054_file(path: Path | str, *, max_bytes: int = MAX_BYTES) -> Camt054:
    """Read a camt.054 file (see :func:`read_camt054`); errors name the file.

    Raises:
        InputError: The file cannot be read, or is not a valid camt.054.
    """
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), "is larger than {limit} bytes", limit=max_bytes)
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(str(path), "{reason}", reason=os_reason(exc)) from None
    return read_camt054(data, source=str(path), max_bytes=max_bytes)


def _notification(
    reader: _Reader, item: ElementTree.Element, path: str, message_id: str, created_at: datetime
) -> Notification:
    notification_id = reader.required(item, "Id", path)
    account = reader.find(item, "Acct")
    if account is None:
        raise reader.error(f"{path}/Acct", "is required")
    iban = reader.text(account, "Id/IBAN")
    other = reader.text(account, "Id/Othr/Id")
    scheme = reader.text(account, "Id/Othr/SchmeNm/Cd") or reader.text(
        account, "Id/Othr/SchmeNm/Prtry"
    )
    bankgiro = other if other is not None and scheme in BANKGIRO_SCHEMES else None
    if iban is None and other is None:
        raise reader.error(f"{path}/Acct/Id", "needs an IBAN or Othr/Id")
    account_name = iban or other or ""
    transactions: list[IncomingPayment] = []
    findings: list[Problem] = []
    for name, entry in _indexed(reader.children(item, "Ntry"), "Ntry"):
        found, problem = _entry(reader, entry, f"{path}/{name}", account_name)
        transactions.extend(found)
        if problem is not None:
            findings.append(problem)
    # The same key twice in one file (identical transactions without bank references)
    # stays two payments: the second and later ones are numbered.
    seen: Counter[str] = Counter()
    unique: list[IncomingPayment] = []
    for transaction in transactions:
        seen[transaction.key] += 1
        if seen[transaction.key] > 1:
            transaction = transaction.model_copy(
                update={"key": f"{transaction.key}#{seen[transaction.key]}"}
            )
        unique.append(transaction)
    return Notification(
        message_id=message_id,
        created_at=created_at,
        notification_id=notification_id,
        account_iban=iban,
        account_bankgiro=bankgiro,
        account_other=None if iban is not None or bankgiro is not None else other,
        account_currency=reader.text(account, "Ccy"),
        transactions=tuple(unique),
        findings=tuple(findings),
    )


def _entry(
    reader: _Reader, entry: ElementTree.Element, path: str, account: str
) -> tuple[list[IncomingPayment], Problem | None]:
    amount = reader.amount(entry, "Amt", path)
    if amount is None:
        raise reader.error(f"{path}/Amt", "is required")
    entry_amount, entry_currency = amount
    credit = reader.credit(entry, "CdtDbtInd", path)
    if credit is None:
        raise reader.error(f"{path}/CdtDbtInd", "is required")
    reversal = reader.flag(entry, "RvslInd", path)
    status = (
        reader.text(entry, "Sts/Cd") or reader.text(entry, "Sts/Prtry") or reader.text(entry, "Sts")
    )
    if status is None:
        raise reader.error(f"{path}/Sts", "is required")
    booking = reader.day(entry, "BookgDt", path)
    value = reader.day(entry, "ValDt", path)
    entry_reference = reader.text(entry, "AcctSvcrRef") or reader.text(entry, "NtryRef")
    entry_info = reader.text(entry, "AddtlNtryInf")
    details = [
        (f"NtryDtls[{i}]/{name}", tx)
        for i, block in enumerate(reader.children(entry, "NtryDtls"), start=1)
        for name, tx in _indexed(reader.children(block, "TxDtls"), "TxDtls")
    ]
    if len(reader.children(entry, "NtryDtls")) == 1:
        details = [(where.replace("NtryDtls[1]", "NtryDtls"), tx) for where, tx in details]
    common = {
        "account": account,
        "entry_reference": entry_reference,
        "booking_date": booking,
        "value_date": value,
        "reversal": reversal,
        "status": status,
        "entry_amount": entry_amount,
    }
    if not details:
        key = (
            f"{account}|entry:{entry_reference}"
            if entry_reference
            else f"{account}|hash:{_digest(_canonical(entry), 0)}"
        ) + ("|reversal" if reversal else "")
        return [
            IncomingPayment(
                key=key,
                path=path,
                amount=entry_amount,
                currency=entry_currency,
                credit=credit,
                additional_info=entry_info,
                **common,
            )
        ], None
    batch = len(details) > 1
    found: list[IncomingPayment] = []
    for index, (where, tx) in enumerate(details, start=1):
        tx_path = f"{path}/{where}"
        tx_amount = reader.amount(tx, "Amt", tx_path) or reader.amount(
            tx, "AmtDtls/TxAmt/Amt", tx_path
        )
        if tx_amount is None:
            if batch:
                raise reader.error(
                    f"{tx_path}/Amt", "a transaction of a batch entry needs its own amount"
                )
            tx_amount = (entry_amount, entry_currency)
        tx_credit = reader.credit(tx, "CdtDbtInd", tx_path)
        if tx_credit is None:
            tx_credit = reader.credit(tx, "AmtDtls/TxAmt/CdtDbtInd", tx_path)
        transaction_reference = reader.text(tx, "Refs/AcctSvcrRef")
        end_to_end = reader.text(tx, "Refs/EndToEndId")
        if end_to_end is not None and end_to_end.upper() == _NOT_PROVIDED:
            end_to_end = None
        if transaction_reference:
            key = f"{account}|tx:{transaction_reference}"
        elif entry_reference:
            key = f"{account}|entry:{entry_reference}|{index}"
        elif end_to_end:
            key = f"{account}|e2e:{end_to_end}|{booking}|{tx_amount[0]}{tx_amount[1]}"
        else:
            key = f"{account}|hash:{_digest(_canonical(entry), index)}"
        if reversal:
            key += "|reversal"  # never the key of the payment it reverses
        debtor = reader.text(tx, "RltdPties/Dbtr/Pty/Nm") or reader.text(tx, "RltdPties/Dbtr/Nm")
        debtor_account = reader.account_id(reader.find(tx, "RltdPties/DbtrAcct"))
        references: list[str] = []
        lines: list[str] = []
        for remittance in reader.children(tx, "RmtInf"):
            for structured in reader.children(remittance, "Strd"):
                for info in reader.children(structured, "CdtrRefInf"):
                    ref = reader.text(info, "Ref")
                    if ref is not None:
                        references.append(ref)
            lines.extend(
                " ".join((line.text or "").split()) for line in reader.children(remittance, "Ustrd")
            )
        text = " ".join(line for line in lines if line) or None
        found.append(
            IncomingPayment(
                key=key,
                path=tx_path,
                transaction_reference=transaction_reference,
                end_to_end_id=end_to_end,
                amount=tx_amount[0],
                currency=tx_amount[1],
                credit=credit if tx_credit is None else tx_credit,
                debtor_name=debtor,
                debtor_account=debtor_account,
                structured_references=tuple(references),
                remittance_text=text,
                additional_info=reader.text(tx, "AddtlTxInf") or entry_info,
                **common,
            )
        )
    problem = _check_sum(found, entry_amount, entry_currency, credit, path)
    if problem is not None:
        found = [t.model_copy(update={"entry_adds_up": False}) for t in found]
    return found, problem


def _check_sum(
    found: list[IncomingPayment], amount: Decimal, currency: str, credit: bool, path: str
) -> Problem | None:
    """A finding if the transactions of an entry do not add up to its amount."""
    if len(found) == 1:
        only = found[0]
        if only.currency != currency or only.amount == amount:
            return None  # another currency: the bank's exchange is not ours to check
        return _sum_problem(path, only.amount, amount, currency)
    if any(t.currency != currency for t in found):
        return Problem.of(
            "error", ("entry", path),
            "the transactions are in another currency than the entry ({currency})",
            currency=currency, code="camt054.currency",
        )  # fmt: skip
    total = sum(((t.amount if t.credit == credit else -t.amount) for t in found), ZERO)
    if total != amount:
        return _sum_problem(path, total, amount, currency)
    return None


def _sum_problem(path: str, total: Decimal, amount: Decimal, currency: str) -> Problem:
    return Problem.of(
        "error", ("entry", path),
        "the transactions add up to {total} {currency}, the entry to {amount} {currency}",
        total=total, amount=amount, currency=currency, code="camt054.sum",
    )  # fmt: skip


def _digest(canonical: str, index: int) -> str:
    """A short hash of an entry's canonical XML and a transaction's place in it."""
    return hashlib.sha256(f"{index}\n{canonical}".encode()).hexdigest()[:32]

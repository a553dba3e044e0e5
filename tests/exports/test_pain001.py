# SPDX-License-Identifier: EUPL-1.2
"""pain.001 salary payment files: every file written is checked against the official ISO
20022 schemas (``../shared/reference/pain001``), the Swedish account encodings against
hand-written snippets (Svenska Bankföreningen's common interpretation and the banks'
guides, as summarised in ``reference/formats.md`` §3), the totals against the inputs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from kooperativ.errors import InputError, ValidationFailed
from kooperativ.exports import pain001 as exported
from kooperativ.exports.pain001 import (
    CreditTransfer,
    Debtor,
    Pain001Version,
    PaymentAccount,
    SalaryPaymentBatch,
    batch_problems,
    salary_payment_file,
)
from kooperativ.i18n import messages
from kooperativ.rules.country import get_country

from .conftest import shared_folder

VERSIONS = list(Pain001Version)
ORE = Decimal("0.01")
SWEDEN = get_country("SE")

#: A member's accounts of every kind, as stored or written, with the kind to read them as.
ACCOUNTS = {
    "bank_account": ("5001-1234563", "bank_account"),  # SEB, clearing 5001
    "swedbank": ("8327-9, 123 456 789-7", "bank_account"),  # five-digit clearing
    "bankgiro": ("5050-1055", "bankgiro"),  # Skatteverket's bankgiro
    "plusgiro": ("28 65 43-4", "plusgiro"),
    "iban": ("SE45 5000 0000 0583 9825 7466", "iban"),
    "foreign_iban": ("DE89 3704 0044 0532 0130 00", "iban"),
}


def account(name: str) -> PaymentAccount:
    value, kind = ACCOUNTS[name]
    return SWEDEN.payment_account(value, kind=kind)


@pytest.fixture(scope="module")
def schemas() -> dict[Pain001Version, etree.XMLSchema]:
    """The two official XSDs, compiled once, or skip with the reason."""
    folder = shared_folder() / "reference" / "pain001"
    found: dict[Pain001Version, etree.XMLSchema] = {}
    for version in VERSIONS:
        path = folder / f"{version.value}.xsd"
        if not path.is_file():
            pytest.skip(f"{path} not found (set KOOPERATIV_SHARED to the shared folder)")
        found[version] = etree.XMLSchema(etree.parse(str(path)))
    return found


def valid(schemas: dict[Pain001Version, etree.XMLSchema], document: bytes) -> etree._Element:
    """The parsed document, after checking it against the XSD of its own namespace."""
    root = etree.fromstring(document)
    version = Pain001Version(etree.QName(root).namespace.rsplit(":", 1)[1])
    schema = schemas[version]
    assert schema.validate(root), str(schema.error_log)
    return root


def employer(debtor_account: PaymentAccount | None = None, **changes: Any) -> Debtor:
    debtor = Debtor(
        name="Interim kultur AB",
        account=debtor_account or account("bankgiro"),
        organisation_id="5598765435",
    )
    return replace(debtor, **changes)


def transfer(index: int = 1, **changes: Any) -> CreditTransfer:
    base = CreditTransfer(
        end_to_end_id=f"LON-2026-12-{index}",
        creditor_name="Åsa Öberg",
        amount=Decimal("24312.50"),
        account=account("bank_account"),
        remittance="Lön december 2026",
    )
    return replace(base, **changes)


def batch(transfers: list[CreditTransfer] | None = None, **changes: Any) -> SalaryPaymentBatch:
    base = SalaryPaymentBatch(
        message_id="LON-2026-12",
        created_at=datetime(2026, 12, 20, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=1))),
        execution_date=date(2026, 12, 25),
        debtor=employer(),
        transfers=[transfer()] if transfers is None else transfers,
    )
    return replace(base, **changes)


def ns(root: etree._Element) -> dict[str, str]:
    return {"p": str(etree.QName(root).namespace)}


def compact(element: etree._Element) -> str:
    """An element as one line of XML without the namespace, for comparing snippets."""
    text = etree.tostring(element, encoding="unicode")
    text = re.sub(r' xmlns="[^"]+"', "", text)
    return re.sub(r">\s+<", "><", text).strip()


# -- every file is schema-valid ----------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS, ids=lambda v: v.value)
@pytest.mark.parametrize("debtor_kind", ["bankgiro", "iban"])
@pytest.mark.parametrize("creditor_kind", list(ACCOUNTS))
def test_every_account_kind_is_schema_valid(
    schemas: dict[Pain001Version, etree.XMLSchema],
    version: Pain001Version,
    debtor_kind: str,
    creditor_kind: str,
) -> None:
    document = salary_payment_file(
        batch(
            [transfer(1, account=account(creditor_kind))],
            debtor=employer(account(debtor_kind)),
        ),
        version,
    )
    root = valid(schemas, document)
    assert etree.QName(root).namespace == f"urn:iso:std:iso:20022:tech:xsd:{version.value}"


@pytest.mark.parametrize("version", VERSIONS, ids=lambda v: v.value)
def test_a_batch_of_every_kind_with_all_options_is_schema_valid(
    schemas: dict[Pain001Version, etree.XMLSchema], version: Pain001Version
) -> None:
    transfers = [
        transfer(index, account=account(name), remittance=None if index % 2 else "Lön")
        for index, name in enumerate(ACCOUNTS)
    ]
    debtor = employer(
        PaymentAccount(kind="iban", iban="SE4550000000058398257466"),
        bic="ESSESESS",
        organisation_scheme="BANK",
    )
    root = valid(
        schemas,
        salary_payment_file(batch(transfers, debtor=debtor, payment_information_id="P1"), version),
    )
    assert root.findtext("p:CstmrCdtTrfInitn/p:PmtInf/p:PmtInfId", namespaces=ns(root)) == "P1"


# -- the Swedish account encodings, checked by hand -------------------------------------

#: CdtrAgt and CdtrAcct as Svenska Bankföreningen's common interpretation and the banks'
#: guides write them (formats.md §3): clearing + account as BBAN with the clearing number
#: in SESBA; bankgiro as BGNR with Bankgirot's 9900; plusgiro as BBAN with PlusGirot's 9960.
SNIPPETS = {
    "bank_account": (
        "<CdtrAgt><FinInstnId><ClrSysMmbId><ClrSysId><Cd>SESBA</Cd></ClrSysId>"
        "<MmbId>5001</MmbId></ClrSysMmbId></FinInstnId></CdtrAgt>",
        "<CdtrAcct><Id><Othr><Id>50011234563</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm>"
        "</Othr></Id></CdtrAcct>",
    ),
    "swedbank": (
        "<CdtrAgt><FinInstnId><ClrSysMmbId><ClrSysId><Cd>SESBA</Cd></ClrSysId>"
        "<MmbId>8327</MmbId></ClrSysMmbId></FinInstnId></CdtrAgt>",
        "<CdtrAcct><Id><Othr><Id>83271234567897</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm>"
        "</Othr></Id></CdtrAcct>",
    ),
    "bankgiro": (
        "<CdtrAgt><FinInstnId><ClrSysMmbId><ClrSysId><Cd>SESBA</Cd></ClrSysId>"
        "<MmbId>9900</MmbId></ClrSysMmbId></FinInstnId></CdtrAgt>",
        "<CdtrAcct><Id><Othr><Id>50501055</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm>"
        "</Othr></Id></CdtrAcct>",
    ),
    "plusgiro": (
        "<CdtrAgt><FinInstnId><ClrSysMmbId><ClrSysId><Cd>SESBA</Cd></ClrSysId>"
        "<MmbId>9960</MmbId></ClrSysMmbId></FinInstnId></CdtrAgt>",
        "<CdtrAcct><Id><Othr><Id>2865434</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm>"
        "</Othr></Id></CdtrAcct>",
    ),
    "iban": (
        "<CdtrAgt><FinInstnId><{bic}>ESSESESS</{bic}></FinInstnId></CdtrAgt>",
        "<CdtrAcct><Id><IBAN>SE4550000000058398257466</IBAN></Id></CdtrAcct>",
    ),
}


@pytest.mark.parametrize("version", VERSIONS, ids=lambda v: v.value)
@pytest.mark.parametrize("kind", list(SNIPPETS))
def test_swedish_account_encodings(
    schemas: dict[Pain001Version, etree.XMLSchema], version: Pain001Version, kind: str
) -> None:
    root = valid(schemas, salary_payment_file(batch([transfer(account=account(kind))]), version))
    agent, creditor_account = SNIPPETS[kind]
    bic = "BIC" if version is Pain001Version.V03 else "BICFI"
    found = root.find(".//p:CdtTrfTxInf", namespaces=ns(root))
    assert compact(found.find("p:CdtrAgt", namespaces=ns(root))) == agent.format(bic=bic)
    assert compact(found.find("p:CdtrAcct", namespaces=ns(root))) == creditor_account


@pytest.mark.parametrize("version", VERSIONS, ids=lambda v: v.value)
def test_a_whole_transfer_and_the_payment_block(
    schemas: dict[Pain001Version, etree.XMLSchema], version: Pain001Version
) -> None:
    """Written out by hand: one salary of 24 312,50 kr to an SEB account, from the
    employer's bankgiro, on 25 December 2026."""
    root = valid(schemas, salary_payment_file(batch(), version))
    v03 = version is Pain001Version.V03
    expected_header = (
        "<GrpHdr><MsgId>LON-2026-12</MsgId><CreDtTm>2026-12-20T09:30:15+01:00</CreDtTm>"
        "<NbOfTxs>1</NbOfTxs><CtrlSum>24312.50</CtrlSum><InitgPty><Nm>Interim kultur AB</Nm>"
        "<Id><OrgId><Othr><Id>5598765435</Id></Othr></OrgId></Id></InitgPty></GrpHdr>"
    )
    assert compact(root.find(".//p:GrpHdr", namespaces=ns(root))) == expected_header
    block = root.find(".//p:PmtInf", namespaces=ns(root))
    date_element = (
        "<ReqdExctnDt>2026-12-25</ReqdExctnDt>"
        if v03
        else "<ReqdExctnDt><Dt>2026-12-25</Dt></ReqdExctnDt>"
    )
    expected_block_start = (
        "<PmtInf><PmtInfId>LON-2026-12</PmtInfId><PmtMtd>TRF</PmtMtd>"
        "<BtchBookg>true</BtchBookg><NbOfTxs>1</NbOfTxs><CtrlSum>24312.50</CtrlSum>"
        "<PmtTpInf><CtgyPurp><Cd>SALA</Cd></CtgyPurp></PmtTpInf>"
        + date_element
        + "<Dbtr><Nm>Interim kultur AB</Nm><Id><OrgId><Othr><Id>5598765435</Id></Othr>"
        "</OrgId></Id></Dbtr>"
        "<DbtrAcct><Id><Othr><Id>50501055</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr>"
        "</Id><Ccy>SEK</Ccy></DbtrAcct>"
        "<DbtrAgt><FinInstnId><ClrSysMmbId><ClrSysId><Cd>SESBA</Cd></ClrSysId>"
        "<MmbId>9900</MmbId></ClrSysMmbId></FinInstnId></DbtrAgt>"
    )
    expected_transfer = (
        "<CdtTrfTxInf><PmtId><EndToEndId>LON-2026-12-1</EndToEndId></PmtId>"
        '<Amt><InstdAmt Ccy="SEK">24312.50</InstdAmt></Amt>'
        + SNIPPETS["bank_account"][0]
        + "<Cdtr><Nm>Åsa Öberg</Nm></Cdtr>"
        + SNIPPETS["bank_account"][1]
        + "<Purp><Cd>SALA</Cd></Purp><RmtInf><Ustrd>Lön december 2026</Ustrd></RmtInf>"
        "</CdtTrfTxInf>"
    )
    assert compact(block) == expected_block_start + expected_transfer + "</PmtInf>"


def test_the_version_differences() -> None:
    """.09 writes the execution date as a choice (``Dt``) and the BIC as ``BICFI``."""
    debtor = employer(account("iban"))
    old = salary_payment_file(batch(debtor=debtor), Pain001Version.V03)
    new = salary_payment_file(batch(debtor=debtor), "pain.001.001.09")
    assert b"<ReqdExctnDt>2026-12-25</ReqdExctnDt>" in old
    assert b"<BIC>ESSESESS</BIC>" in old and b"BICFI" not in old
    assert b"<Dt>2026-12-25</Dt>" in new
    assert b"<BICFI>ESSESESS</BICFI>" in new and b"<BIC>" not in new


def test_the_default_version_is_03() -> None:
    assert b"pain.001.001.03" in salary_payment_file(batch())


def test_created_at_without_offset_is_written_as_given() -> None:
    document = salary_payment_file(batch(created_at=datetime(2026, 12, 20, 9, 30)))
    assert b"<CreDtTm>2026-12-20T09:30:00</CreDtTm>" in document


def test_decomposed_letters_are_written_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Åsa Öberg")
    assert decomposed != "Åsa Öberg"
    document = salary_payment_file(batch([transfer(creditor_name=decomposed)]))
    assert "<Nm>Åsa Öberg</Nm>".encode() in document


def test_xml_special_characters_are_escaped(
    schemas: dict[Pain001Version, etree.XMLSchema],
) -> None:
    root = valid(schemas, salary_payment_file(batch([transfer(remittance="Lön (dec) + 'bonus'")])))
    assert root.findtext(".//p:Ustrd", namespaces=ns(root)) == "Lön (dec) + 'bonus'"


# -- the totals are the inputs -----------------------------------------------------------


def totals(document: bytes) -> tuple[list[str], list[str], list[Decimal]]:
    root = etree.fromstring(document)
    spaces = ns(root)
    counts = [e.text for e in root.iterfind(".//p:NbOfTxs", namespaces=spaces)]
    sums = [e.text for e in root.iterfind(".//p:CtrlSum", namespaces=spaces)]
    amounts = [Decimal(e.text) for e in root.iterfind(".//p:InstdAmt", namespaces=spaces)]
    return counts, sums, amounts


@settings(max_examples=60, deadline=None)
@given(
    ore=st.lists(st.integers(min_value=1, max_value=10**11), min_size=1, max_size=40),
    version=st.sampled_from(VERSIONS),
)
def test_control_sum_is_the_exact_sum_of_the_amounts(
    ore: list[int], version: Pain001Version
) -> None:
    """Any positive öre amounts: CtrlSum (header and block) is their sum to the öre,
    NbOfTxs their count, each InstdAmt the amount itself with two decimals."""
    transfers = [transfer(index, amount=Decimal(value) / 100) for index, value in enumerate(ore)]
    document = salary_payment_file(batch(transfers), version)
    counts, sums, amounts = totals(document)
    expected = Decimal(sum(ore)) / 100
    assert counts == [str(len(ore))] * 2
    assert [Decimal(text) for text in sums] == [expected] * 2
    assert all(re.fullmatch(r"[0-9]+\.[0-9]{2}", text) for text in sums)
    assert amounts == [Decimal(value) / 100 for value in ore]


@pytest.mark.parametrize("version", VERSIONS, ids=lambda v: v.value)
def test_many_transfers_are_schema_valid(
    schemas: dict[Pain001Version, etree.XMLSchema], version: Pain001Version
) -> None:
    kinds = list(ACCOUNTS)
    transfers = [
        transfer(index, account=account(kinds[index % len(kinds)]), amount=Decimal(index) + ORE)
        for index in range(1, 301)
    ]
    valid(schemas, salary_payment_file(batch(transfers), version))
    counts, sums, _ = totals(salary_payment_file(batch(transfers), version))
    assert counts == ["300", "300"]
    assert sums == [str(sum(Decimal(i) + ORE for i in range(1, 301)))] * 2


# -- bad input: InputError naming the field ---------------------------------------------


def refused(
    bad: SalaryPaymentBatch, version: Pain001Version | str = "pain.001.001.03"
) -> InputError:
    with pytest.raises(InputError) as caught:
        salary_payment_file(bad, version)
    return caught.value


@pytest.mark.parametrize(
    ("bad", "field", "words"),
    [
        (batch([]), "transfers", "at least one transfer"),
        (batch([transfer(amount=Decimal(0))]), "transfers[0].amount", "more than zero"),
        (batch([transfer(amount=Decimal("-100"))]), "transfers[0].amount", "more than zero"),
        (batch([transfer(amount=Decimal("10.005"))]), "transfers[0].amount", "öre"),
        (batch([transfer(amount=1.5)]), "transfers[0].amount", "floats"),  # type: ignore[arg-type]
        (batch([transfer(amount="x")]), "transfers[0].amount", "not a number"),  # type: ignore[arg-type]
        (batch([transfer(amount=Decimal(10) ** 16)]), "transfers[0].amount", "too large"),
        (batch([transfer(account=None)]), "transfers[0].account", "no account"),
        (batch([transfer(account="5001-1234563")]), "transfers[0].account", "PaymentAccount"),  # type: ignore[arg-type]
        (batch([transfer(creditor_name="Søren Ødegård")]), "transfers[0].creditor_name", "'Ø'"),
        (batch([transfer(creditor_name="A" * 141)]), "transfers[0].creditor_name", "141"),
        (batch([transfer(creditor_name="  ")]), "transfers[0].creditor_name", "empty"),
        (batch([transfer(remittance="Lön\ndecember")]), "transfers[0].remittance", "'\\n'"),
        (batch([transfer(remittance="L" * 141)]), "transfers[0].remittance", "allows 140"),
        (batch([transfer(end_to_end_id="LÖN 1")]), "transfers[0].end_to_end_id", "id"),
        (batch([transfer(end_to_end_id="/LON")]), "transfers[0].end_to_end_id", "id"),
        (batch([transfer(end_to_end_id="A" * 36)]), "transfers[0].end_to_end_id", "id"),
        (batch([transfer(1), transfer(1)]), "transfers[1].end_to_end_id", "transfer 0"),
        (batch([transfer(1), transfer(2, currency="EUR")]), "transfers[1].currency", "EUR"),
        (batch([transfer(currency="kr")]), "transfers[0].currency", "ISO 4217"),
        (batch(message_id=""), "message_id", "empty"),
        (batch(message_id="LON//12"), "message_id", "id"),
        (batch(payment_information_id="P 1"), "payment_information_id", "id"),
        (batch(created_at=date(2026, 12, 20)), "created_at", "date and time"),
        (batch(execution_date=datetime(2026, 12, 25, 0, 0)), "execution_date", "date"),
        (batch(debtor=employer(name="Interim kultur AB & Co")), "debtor.name", "'&'"),
        (batch(debtor=employer(organisation_id="559876 5435")), "debtor.organisation_id", "1–35"),
        (batch(debtor=employer(organisation_scheme="bank")), "debtor.organisation_scheme", "1–4"),
        (
            batch(debtor=employer(organisation_id=None, organisation_scheme="BANK")),
            "debtor.organisation_id",
            "scheme",
        ),
        (batch(debtor=employer(bic="NOTABIC")), "debtor.bic", "BIC"),
        (
            batch(debtor=employer(PaymentAccount(kind="iban", iban="SE4550000000058398257466"))),
            "debtor.bic",
            "BIC",
        ),
        (batch(debtor=employer(account=None)), "debtor.account", "no account"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    bad: SalaryPaymentBatch, field: str, words: str
) -> None:
    for version in VERSIONS:
        error = refused(bad, version)
        assert error.field == field
        assert words in error.reason, error.reason


def test_several_problems_are_named_at_once() -> None:
    bad = batch(
        [transfer(1, amount=Decimal(0)), transfer(2, account=None, creditor_name="Ødegård")],
        message_id="",
    )
    with pytest.raises(ValidationFailed) as caught:
        salary_payment_file(bad)
    fields = [field for field, _ in caught.value.problems]
    assert fields == [
        "message_id",
        "transfers[0].amount",
        "transfers[1].creditor_name",
        "transfers[1].account",
    ]
    assert [field for field, _, _ in batch_problems(bad)] == fields


def test_an_unknown_version_is_refused() -> None:
    error = refused(batch(), "pain.001.001.12")
    assert error.field == "version"
    assert "pain.001.001.09" in error.reason


def test_a_good_batch_has_no_problems() -> None:
    assert batch_problems(batch()) == []


def test_errors_read_in_swedish() -> None:
    bad = batch([transfer(amount=Decimal("1.001"), creditor_name="Ødegård")], message_id="")
    with pytest.raises(ValidationFailed) as caught:
        salary_payment_file(bad)
    swedish = caught.value.render(messages("sv"))
    assert "helt antal öre" in swedish
    assert "tecken som bankerna inte för vidare" in swedish
    assert "meddelande-id: får inte vara tom" in swedish


# -- the Swedish country's accounts ------------------------------------------------------


def test_swedish_accounts_refuse_bad_numbers_naming_the_field() -> None:
    cases = [
        ("5001-1234564", "bank_account"),  # wrong check digit
        ("5050-1056", "bankgiro"),
        ("28 65 43-5", "plusgiro"),
        ("SE45 5000 0000 0583 9825 7467", "iban"),
    ]
    for value, kind in cases:
        with pytest.raises(InputError) as caught:
            SWEDEN.payment_account(value, "members[3].bank_account", kind=kind)
        assert caught.value.field == "members[3].bank_account"
    with pytest.raises(InputError) as caught:
        SWEDEN.payment_account("5001-1234563", "x", kind="swish")
    assert "bank_account, bankgiro, plusgiro, iban" in caught.value.reason


def test_an_iban_keeps_a_given_bic_and_looks_one_up_otherwise() -> None:
    given_bic = SWEDEN.payment_account("SE4550000000058398257466", kind="iban", bic="essesess")
    assert given_bic.bic == "ESSESESS"
    assert account("foreign_iban").bic == "COBADEFFXXX"
    with pytest.raises(InputError):
        SWEDEN.payment_account("SE4550000000058398257466", kind="iban", bic="NOPE")


def test_a_stored_member_account_reads_the_same_as_written() -> None:
    stored = SWEDEN.validate_bank_account("8327-9, 123 456 789-7")
    assert SWEDEN.payment_account(stored) == account("swedbank")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "account"),
        ({"iban": "SE45", "other_id": "1"}, "account"),
        ({"iban": "se4550000000058398257466"}, "iban"),
        ({"other_id": "1" * 35}, "account"),
        ({"other_id": "12 34"}, "account"),
        ({"iban": "SE4550000000058398257466", "scheme_code": "BBAN"}, "account"),
        ({"other_id": "1", "scheme_code": "BBAN", "scheme_proprietary": "BGNR"}, "account"),
        ({"other_id": "1", "scheme_code": "BBANX"}, "account"),
        ({"other_id": "1", "bic": "ESSESE"}, "bic"),
        ({"other_id": "1", "clearing_system": "SESBA"}, "account"),
        ({"other_id": "1", "clearing_system": "SESBAX", "clearing_member": "1"}, "account"),
    ],
)
def test_a_payment_account_iso_20022_cannot_carry_is_refused(
    fields: dict[str, str], field: str
) -> None:
    with pytest.raises(InputError) as caught:
        PaymentAccount(kind="test", **fields)
    assert caught.value.field == field


def test_the_example_in_the_guide_runs(
    schemas: dict[Pain001Version, etree.XMLSchema],
) -> None:
    guide = Path(__file__).resolve().parents[2] / "docs" / "pain001.md"
    code = re.search(r"```python\n(.*?)```", guide.read_text("utf-8"), re.S)
    assert code is not None
    names: dict[str, Any] = {}
    exec(code.group(1), names)  # the guide's own example, as a reader would run it
    root = valid(schemas, names["document"])
    assert root.findtext(".//p:CtrlSum", namespaces=ns(root)) == "24312.50"


def test_the_module_exports_what_it_documents() -> None:
    assert set(exported.__all__) <= set(dir(exported))
    assert Path(exported.__file__).name == "pain001.py"

# SPDX-License-Identifier: EUPL-1.2
"""Reading camt.054 notifications: every field of hand-written Swedish bank files, and
malformed or hostile input refused with the element path."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ.bank.camt054 import (
    Camt054,
    IncomingPayment,
    read_camt054,
    read_camt054_file,
)
from kooperativ.errors import InputError

DATA = Path(__file__).resolve().parent / "data"
SEB = "SE4550000000058398257466"
TOP = "Document/BkToCstmrDbtCdtNtfctn"


def read(name: str) -> Camt054:
    return read_camt054_file(DATA / name)


def by_path(document: Camt054) -> dict[str, IncomingPayment]:
    return {t.path.removeprefix(f"{TOP}/Ntfctn[1]/"): t for t in document.transactions}


# -- camt.054.001.02, SEB style ---------------------------------------------------------


def test_seb_header_and_account() -> None:
    document = read("seb_v02.xml")
    assert document.version == "camt.054.001.02"
    assert document.message_id == "SEB-CAMT054-20261127-0001"
    assert document.created_at == datetime(
        2026, 11, 27, 18, 5, 12, tzinfo=timezone(timedelta(hours=1))
    )
    (notification,) = document.notifications
    assert notification.message_id == document.message_id
    assert notification.created_at == document.created_at
    assert notification.notification_id == "SEB-NTF-20261127-0001"
    assert notification.account_iban == SEB
    assert notification.account_bankgiro is None and notification.account_other is None
    assert notification.account_currency == "SEK"
    assert notification.account == SEB
    assert notification.findings == ()
    assert len(notification.transactions) == 7


def test_seb_single_payment_with_ocr() -> None:
    payment = by_path(read("seb_v02.xml"))["Ntry[1]/NtryDtls/TxDtls[1]"]
    assert payment == IncomingPayment(
        key=f"{SEB}|tx:SEB20261127-000101",
        path=f"{TOP}/Ntfctn[1]/Ntry[1]/NtryDtls/TxDtls[1]",
        account=SEB,
        entry_reference="SEB20261127-0001",
        transaction_reference="SEB20261127-000101",
        end_to_end_id="KN-INV-42",
        booking_date=date(2026, 11, 27),
        value_date=date(2026, 11, 27),
        amount=Decimal("12500.00"),
        currency="SEK",
        credit=True,
        reversal=False,
        status="BOOK",
        debtor_name="Kulturhuset Norr AB",
        debtor_account="83279-1234567897",
        structured_references=("202600490",),
        remittance_text=None,
        additional_info=None,
        entry_amount=Decimal("12500.00"),
        entry_adds_up=True,
    )
    assert payment.kind == "payment" and payment.is_payment
    assert payment.structured_reference == "202600490"
    assert payment.day == date(2026, 11, 27)


def test_seb_batch_entry_gives_one_payment_each_adding_up() -> None:
    found = by_path(read("seb_v02.xml"))
    batch = [found[f"Ntry[2]/NtryDtls/TxDtls[{i}]"] for i in (1, 2, 3)]
    assert [(p.amount, p.debtor_name, p.structured_reference) for p in batch] == [
        (Decimal("3750.00"), "Riksteatern", "202600599"),
        (Decimal("1000.00"), "Anna Andersson", "202600698"),
        (Decimal("6250.50"), "Region Västerbotten", "202600797"),
    ]
    assert sum(p.amount for p in batch) == Decimal("11000.50")
    assert {p.entry_amount for p in batch} == {Decimal("11000.50")}
    assert all(p.entry_adds_up and p.is_payment for p in batch)
    assert [p.key for p in batch] == [f"{SEB}|tx:BGC-20261127-0000{n}" for n in (11, 12, 13)]
    assert {p.entry_reference for p in batch} == {"SEB20261127-0002"}
    # The value date (28th) is the day a payment counts from, not the booking date.
    assert {(p.booking_date, p.value_date, p.day) for p in batch} == {
        (date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 28))
    }


def test_seb_unstructured_reference() -> None:
    payment = by_path(read("seb_v02.xml"))["Ntry[3]/NtryDtls/TxDtls[1]"]
    assert payment.structured_references == () and payment.structured_reference is None
    assert payment.remittance_text == "Faktura 2026-0011 Teaterföreningen Lyran"
    assert payment.end_to_end_id is None  # NOTPROVIDED is no id
    assert payment.transaction_reference is None
    # No transaction reference: the entry's reference and the place in the entry.
    assert payment.key == f"{SEB}|entry:SEB20261127-0003|1"
    assert payment.amount == Decimal("4800.00") and payment.is_payment


def test_seb_debit_is_not_a_payment() -> None:
    debit = by_path(read("seb_v02.xml"))["Ntry[4]"]
    assert debit.kind == "debit" and not debit.credit and not debit.is_payment
    assert debit.amount == Decimal("450.00")
    assert debit.additional_info == "Avgift Bankgiro november"
    assert debit.key == f"{SEB}|entry:SEB20261127-0004"
    assert debit.path == f"{TOP}/Ntfctn[1]/Ntry[4]"


def test_seb_reversal_is_recognised() -> None:
    reversal = by_path(read("seb_v02.xml"))["Ntry[5]/NtryDtls/TxDtls[1]"]
    assert reversal.reversal and reversal.kind == "reversal" and not reversal.is_payment
    assert not reversal.credit
    assert reversal.structured_reference == "202600698"
    assert reversal.remittance_text == "Återföring"
    assert reversal.key.endswith("|reversal")


def test_seb_payments_are_the_booked_credits() -> None:
    document = read("seb_v02.xml")
    assert [p.amount for p in document.payments] == [
        Decimal(v) for v in ("12500.00", "3750.00", "1000.00", "6250.50", "4800.00")
    ]


# -- camt.054.001.08, bankgiro --------------------------------------------------------------


def test_bankgiro_account_and_v08_forms() -> None:
    document = read("bankgirot_v08.xml")
    assert document.version == "camt.054.001.08"
    assert document.created_at == datetime(2026, 11, 30, 7, 15)
    (notification,) = document.notifications
    assert notification.account_bankgiro == "1234566"
    assert notification.account_iban is None and notification.account == "1234566"
    first, second, pending = notification.transactions
    assert first.amount == Decimal("2000.00") and first.currency == "SEK"
    assert first.debtor_name == "Malin Ek"  # Dbtr/Pty/Nm in .08
    assert first.debtor_account == "SE7160000000000123456789"
    assert first.structured_reference == "202601092"
    assert first.key == "1234566|tx:BGC-20261130-000777"
    assert first.status == "BOOK" and first.is_payment
    # A booking given as a date and time.
    assert second.booking_date == date(2026, 11, 30) and second.value_date is None
    assert second.day == date(2026, 11, 30)
    assert second.remittance_text == "Medlemsavgift 2026"
    # No bank reference at all: a hash of the entry's canonical content.
    assert re.fullmatch(r"1234566\|hash:[0-9a-f]{32}", second.key)
    # A pending credit is reported but is not (yet) a payment.
    assert pending.status == "PDNG" and not pending.is_payment
    assert pending.amount == Decimal("990.00")  # the entry's amount for its only transaction
    assert [p.amount for p in document.payments] == [Decimal("2000.00"), Decimal("300.00")]


def test_hash_key_is_stable_across_layout() -> None:
    text = (DATA / "bankgirot_v08.xml").read_text("utf-8")
    flat = re.sub(r">\s+<", "><", text)
    again = read_camt054(flat)
    assert [t.key for t in again.transactions] == [
        t.key for t in read("bankgirot_v08.xml").transactions
    ]
    # But a different amount is a different transaction.
    changed = read_camt054(text.replace(">300.00<", ">301.00<"))
    assert changed.transactions[1].key != again.transactions[1].key


def test_identical_transactions_without_references_stay_two() -> None:
    text = (DATA / "bankgirot_v08.xml").read_text("utf-8")
    start = text.index("<Ntry>", text.index("</Ntry>"))
    end = text.index("</Ntry>", start) + len("</Ntry>")
    twice = text[:end] + text[start:end] + text[end:]
    keys = [t.key for t in read_camt054(twice).transactions]
    assert len(keys) == len(set(keys)) == 4
    assert keys[2] == keys[1] + "#2"


# -- EUR ------------------------------------------------------------------------------------


def test_eur_payment_with_rf_reference() -> None:
    document = read("swedbank_eur_v08.xml")
    assert document.created_at == datetime(2026, 11, 26, 16, 30, tzinfo=UTC)
    (notification,) = document.notifications
    assert notification.account_iban == "SE7480000832790000001234"
    assert notification.account_currency == "EUR"
    (payment,) = document.payments
    assert (payment.amount, payment.currency) == (Decimal("1500.00"), "EUR")
    assert payment.structured_reference == "RF18539007547034"
    assert payment.debtor_name == "Festival de Lyon"
    assert payment.debtor_account == "FR7630006000011234567890189"
    assert payment.end_to_end_id == "FDL-2026-118"
    assert payment.transaction_reference == "SWED2026112600042-1"
    assert payment.entry_reference == "SWED2026112600042"
    assert payment.additional_info == "SEPA credit transfer"


# -- a batch that does not add up ---------------------------------------------------------


def test_batch_that_does_not_add_up_is_a_finding() -> None:
    document = read("batch_mismatch_v02.xml")
    (finding,) = document.findings
    assert finding.code == "camt054.sum"
    assert finding.severity == "error"
    assert finding.where == f"entry {TOP}/Ntfctn[1]/Ntry[1]"
    assert "900.00 SEK" in finding.message and "1000.00 SEK" in finding.message
    assert [t.entry_adds_up for t in document.transactions] == [False, False]
    assert [t.amount for t in document.payments] == [Decimal("400.00"), Decimal("500.00")]


# -- bad and hostile input ----------------------------------------------------------------

MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>M</MsgId><CreDtTm>2026-11-30T06:00:00</CreDtTm></GrpHdr>
<Ntfctn><Id>N</Id><Acct><Id><IBAN>SE4550000000058398257466</IBAN></Id></Acct>
<Ntry><Amt Ccy="SEK">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-11-30</Dt></BookgDt><AcctSvcrRef>R</AcctSvcrRef>
<NtryDtls><TxDtls><RmtInf><Ustrd>x</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>"""

NTRY = f"{TOP}/Ntfctn[1]/Ntry[1]"


def refused(text: str | bytes, **options: int) -> InputError:
    with pytest.raises(InputError) as info:
        read_camt054(text, source="bank.xml", **options)
    return info.value


def test_minimal_is_accepted() -> None:
    assert [p.amount for p in read_camt054(MINIMAL).payments] == [Decimal("100.00")]


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (("<MsgId>M</MsgId>", ""), f"{TOP}/GrpHdr/MsgId", "is required"),
        (("2026-11-30T06:00:00", "yesterday"), f"{TOP}/GrpHdr/CreDtTm", "is not a date and time"),
        ((">100.00<", ">100,00<"), f"{NTRY}/Amt", "is not an amount"),
        ((">100.00<", ">-100.00<"), f"{NTRY}/Amt", "is not an amount"),
        (('Ccy="SEK"', 'Ccy="kr"'), f"{NTRY}/Amt/@Ccy", "is not a currency code"),
        (("<CdtDbtInd>CRDT", "<CdtDbtInd>CRED"), f"{NTRY}/CdtDbtInd", "is not one of CRDT, DBIT"),
        (("<Sts>BOOK</Sts>", ""), f"{NTRY}/Sts", "is required"),
        (("<Dt>2026-11-30</Dt>", "<Dt>2026-11-31</Dt>"), f"{NTRY}/BookgDt/Dt", "is not a date"),
        (("<Ntry>", "<Ntry><RvslInd>maybe</RvslInd>"), f"{NTRY}/RvslInd", "is not true or false"),
        (
            ("<IBAN>SE4550000000058398257466</IBAN>", ""),
            f"{TOP}/Ntfctn[1]/Acct/Id",
            "needs an IBAN",
        ),
    ],
)
def test_malformed_elements_name_their_path(
    change: tuple[str, str], field: str, reason: str
) -> None:
    error = refused(MINIMAL.replace(*change))
    assert error.field == f"bank.xml: {field}"
    assert reason in error.reason


def test_batch_transactions_need_their_own_amounts() -> None:
    tx = "<TxDtls><RmtInf><Ustrd>x</Ustrd></RmtInf></TxDtls>"
    error = refused(MINIMAL.replace(tx, tx + tx))
    assert error.field == f"bank.xml: {NTRY}/NtryDtls/TxDtls[1]/Amt"
    assert "needs its own amount" in error.reason


def test_doctype_and_entities_are_refused() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        "<Document>&lol2;</Document>"
    )
    error = refused(laughs)
    assert error.field == "bank.xml" and "DOCTYPE" in error.reason
    external = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<Document>&x;</Document>"
    )
    assert "DOCTYPE" in refused(external).reason
    assert "DOCTYPE" in refused("<!DOCTYPE Document><Document/>").reason


def test_size_limit() -> None:
    error = refused(MINIMAL, max_bytes=100)
    assert error.field == "bank.xml" and "larger than 100 bytes" in error.reason


def test_not_well_formed_names_line_and_column() -> None:
    error = refused(MINIMAL.replace("</Ntfctn>", "</Ntfctnx>"))
    assert error.field == "bank.xml"
    assert re.search(r"not well-formed XML \(line 8, column \d+: mismatched tag\)", error.reason)


def test_too_deep_nesting() -> None:
    error = refused("<a>" * 100 + "</a>" * 100)
    assert "nested deeper" in error.reason


@pytest.mark.parametrize(
    "namespace",
    [
        "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02",
        "urn:iso:std:iso:20022:tech:xsd:camt.054.001.04",
        "",
    ],
)
def test_other_messages_are_refused(namespace: str) -> None:
    text = MINIMAL.replace("urn:iso:std:iso:20022:tech:xsd:camt.054.001.02", namespace)
    error = refused(text.replace(' xmlns=""', ""))
    assert error.field == "bank.xml" and "is not a camt.054 notification" in error.reason


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_camt054_file(tmp_path / "none.xml")
    assert info.value.field.endswith("none.xml")
    assert "no such file" in info.value.reason


def test_reading_is_deterministic() -> None:
    for name in ("seb_v02.xml", "bankgirot_v08.xml", "swedbank_eur_v08.xml"):
        assert read(name) == read(name)

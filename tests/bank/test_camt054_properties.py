# SPDX-License-Identifier: EUPL-1.2
"""The camt.054 reader against generated files: what is written is what is read, in both
versions, and a batch is a finding exactly when it does not add up."""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from kooperativ.bank.camt054 import read_camt054

NS = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.{version}"

AMOUNTS = st.integers(min_value=1, max_value=10**9).map(lambda n: Decimal(n).scaleb(-2))
NAMES = (
    st.text(
        alphabet=st.characters(
            codec="utf-8", categories=["L", "N", "Zs"], exclude_characters="\x00"
        ),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
REFERENCES = st.from_regex(r"[0-9]{2,25}", fullmatch=True)


@st.composite
def transactions(draw: st.DrawFn) -> dict[str, object]:
    return {
        "amount": draw(AMOUNTS),
        "name": draw(st.one_of(st.none(), NAMES)),
        "reference": draw(st.one_of(st.none(), REFERENCES)),
        "text": draw(st.one_of(st.none(), NAMES)),
    }


def tx_xml(version: str, tx: dict[str, object], index: int) -> str:
    amount = f'<Amt Ccy="SEK">{tx["amount"]}</Amt>'
    parts = [f"<Refs><AcctSvcrRef>TX{index}</AcctSvcrRef></Refs>"]
    parts.append(amount if version == "08" else f"<AmtDtls><TxAmt>{amount}</TxAmt></AmtDtls>")
    if tx["name"] is not None:
        name = f"<Nm>{escape(str(tx['name']))}</Nm>"
        party = f"<Pty>{name}</Pty>" if version == "08" else name
        parts.append(f"<RltdPties><Dbtr>{party}</Dbtr></RltdPties>")
    remittance = ""
    if tx["text"] is not None:
        remittance += f"<Ustrd>{escape(str(tx['text']))}</Ustrd>"
    if tx["reference"] is not None:
        remittance += f"<Strd><CdtrRefInf><Ref>{tx['reference']}</Ref></CdtrRefInf></Strd>"
    if remittance:
        parts.append(f"<RmtInf>{remittance}</RmtInf>")
    return "<TxDtls>" + "".join(parts) + "</TxDtls>"


def document(version: str, entries: list[tuple[list[dict[str, object]], Decimal]]) -> str:
    status = "<Sts><Cd>BOOK</Cd></Sts>" if version == "08" else "<Sts>BOOK</Sts>"
    body = []
    counter = 0
    for txs, total in entries:
        details = []
        for tx in txs:
            counter += 1
            details.append(tx_xml(version, tx, counter))
        body.append(
            f'<Ntry><Amt Ccy="SEK">{total}</Amt><CdtDbtInd>CRDT</CdtDbtInd>{status}'
            "<BookgDt><Dt>2026-11-30</Dt></BookgDt>"
            f"<NtryDtls>{''.join(details)}</NtryDtls></Ntry>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Document xmlns="{NS.format(version=version)}">'
        "<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>G</MsgId><CreDtTm>2026-11-30T06:00:00</CreDtTm>"
        "</GrpHdr><Ntfctn><Id>N</Id><Acct><Id><IBAN>SE4550000000058398257466</IBAN></Id></Acct>"
        f"{''.join(body)}</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>"
    )


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["02", "08"]),
    st.lists(
        st.tuples(st.lists(transactions(), min_size=1, max_size=5), st.booleans(), AMOUNTS),
        min_size=1,
        max_size=4,
    ),
)
def test_what_is_written_is_read(
    version: str, drawn: list[tuple[list[dict[str, object]], bool, Decimal]]
) -> None:
    entries = []
    for txs, adds_up, other in drawn:
        total = sum((Decimal(str(tx["amount"])) for tx in txs), Decimal(0))
        entries.append((txs, total if adds_up or other == total else other))
    result = read_camt054(document(version, entries))
    assert result.version == f"camt.054.001.{version}"
    read = list(result.transactions)
    written = [tx for txs, _ in entries for tx in txs]
    assert len(read) == len(written)
    for payment, tx in zip(read, written, strict=True):
        assert payment.amount == tx["amount"] and payment.currency == "SEK"
        assert payment.debtor_name == tx["name"]
        assert payment.structured_references == (
            () if tx["reference"] is None else (tx["reference"],)
        )
        assert payment.remittance_text == tx["text"]
        assert payment.is_payment
    keys = [p.key for p in read]
    assert len(set(keys)) == len(keys)
    mismatched = [
        i for i, (txs, total) in enumerate(entries)
        if sum((Decimal(str(tx["amount"])) for tx in txs), Decimal(0)) != total
    ]  # fmt: skip
    assert [f.where for f in result.findings] == [
        f"entry Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[{i + 1}]" for i in mismatched
    ]
    # The same document read again gives the same keys.
    assert [p.key for p in read_camt054(document(version, entries)).transactions] == keys

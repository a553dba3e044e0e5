# SPDX-License-Identifier: EUPL-1.2
"""A salary file in Testland: the pain.001 exporter writes another country's account from
the neutral description the country gives, with no line of core knowing Testland."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from kooperativ.exports.pain001 import (
    CreditTransfer,
    Debtor,
    Pain001Version,
    SalaryPaymentBatch,
    salary_payment_file,
)
from kooperativ.rules.country import get_country


def schema(version: Pain001Version) -> etree.XMLSchema:
    """The official XSD from the shared folder, or skip with the reason."""
    shared = os.environ.get("KOOPERATIV_SHARED")
    folder = Path(shared) if shared else Path(__file__).resolve().parents[2].parent / "shared"
    path = folder / "reference" / "pain001" / f"{version.value}.xsd"
    if not path.is_file():
        pytest.skip(f"{path} not found (set KOOPERATIV_SHARED to the shared folder)")
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.mark.parametrize("version", list(Pain001Version), ids=lambda v: v.value)
def test_a_testland_salary_file_is_schema_valid(version: Pain001Version) -> None:
    """Testland's banks route by the account number alone: the file names no creditor
    agent, and the debtor's bank by the BIC the employer gives."""
    testland = get_country("XT")
    member = testland.payment_account("1234 567890 6")
    employer = Debtor(
        name="Kooperativo Testa", account=testland.payment_account("1234-5678906"), bic="TESTXTXX"
    )
    batch = SalaryPaymentBatch(
        message_id="SAL-1",
        created_at=datetime(2026, 11, 20, 8, 0),
        execution_date=date(2026, 11, 25),
        debtor=employer,
        transfers=[
            CreditTransfer("SAL-1-1", "Ana Testa", Decimal("1500.00"), member, currency="XTD")
        ],
    )
    root = etree.fromstring(salary_payment_file(batch, version))
    checker = schema(version)
    assert checker.validate(root), str(checker.error_log)
    spaces = {"p": str(etree.QName(root).namespace)}
    assert root.find(".//p:CdtrAgt", namespaces=spaces) is None
    found = etree.tostring(root.find(".//p:CdtrAcct", namespaces=spaces), encoding="unicode")
    assert re.sub(r">\s+<", "><", re.sub(r' xmlns="[^"]+"', "", found)).strip() == (
        "<CdtrAcct><Id><Othr><Id>12345678906</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm>"
        "</Othr></Id></CdtrAcct>"
    )

# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the pain.001 salary payment file.

Run with ``python benchmarks/bench_pain001.py [TRANSFERS] [RUNS]`` (defaults 10 000 and 5).
Builds a batch of ``TRANSFERS`` salaries to Swedish accounts of every kind (bankkonto,
Swedbank, bankgiro, plusgiro, IBAN; each read through the Swedish country's
``payment_account``, once per member, as a payroll run would), then writes the file in
both versions ``RUNS`` times and prints the best and median seconds for

* reading the members' stored accounts (``payment_account``),
* checking the batch (``batch_problems``) alone,
* writing the whole file (``salary_payment_file``: check, build, serialise),

and the file's size. If the shared folder is found (``KOOPERATIV_SHARED`` or ``../shared``)
the last file of each version is also checked against the official XSD, timed apart.
Figures from the development machine are in ``docs/pain001.md`` ("Speed").
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from kooperativ.exports.pain001 import (
    CreditTransfer,
    Debtor,
    Pain001Version,
    SalaryPaymentBatch,
    batch_problems,
    salary_payment_file,
)
from kooperativ.rules.country import get_country

#: Stored accounts of every kind the Swedish country reads, cycled over the members.
ACCOUNTS = [
    ("5001-1234563", "bank_account"),
    ("83279-1234567897", "bank_account"),
    ("5050-1055", "bankgiro"),
    ("2865434", "plusgiro"),
    ("SE4550000000058398257466", "iban"),
]


def main() -> None:
    transfers = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    sweden = get_country("SE")

    started = time.perf_counter()
    accounts = [
        sweden.payment_account(value, kind=kind)
        for value, kind in (ACCOUNTS[index % len(ACCOUNTS)] for index in range(transfers))
    ]
    reading = time.perf_counter() - started

    batch = SalaryPaymentBatch(
        message_id="LON-2026-12",
        created_at=datetime(2026, 12, 20, 9, 30),
        execution_date=date(2026, 12, 25),
        debtor=Debtor(
            name="Interim kultur AB",
            organisation_id="5598765435",
            account=sweden.payment_account("5050-1055", kind="bankgiro"),
        ),
        transfers=[
            CreditTransfer(
                end_to_end_id=f"LON-2026-12-{index}",
                creditor_name=f"Medlem Nummer {index} Åkesson",
                amount=Decimal(18_000 + index % 9_000) + Decimal(index % 100) / 100,
                account=account,
                remittance="Lön december 2026",
            )
            for index, account in enumerate(accounts, start=1)
        ],
    )
    print(f"{transfers} transfers, {runs} runs each (seconds: best / median)")
    print(f"  payment_account for every member: {reading:.3f} (once)")
    checks = []
    for _ in range(runs):
        started = time.perf_counter()
        batch_problems(batch)
        checks.append(time.perf_counter() - started)
    print(f"  batch_problems: {min(checks):.3f} / {statistics.median(checks):.3f}")
    shared = Path(
        os.environ.get("KOOPERATIV_SHARED") or Path(__file__).resolve().parents[2] / "shared"
    )
    for version in Pain001Version:
        times = []
        document = b""
        for _ in range(runs):
            started = time.perf_counter()
            document = salary_payment_file(batch, version)
            times.append(time.perf_counter() - started)
        print(
            f"  salary_payment_file {version.value}: {min(times):.3f} / "
            f"{statistics.median(times):.3f}  ({len(document) / 1e6:.1f} MB)"
        )
        xsd = shared / "reference" / "pain001" / f"{version.value}.xsd"
        if xsd.is_file():
            from lxml import etree

            schema = etree.XMLSchema(etree.parse(str(xsd)))
            started = time.perf_counter()
            verdict = "valid" if schema.validate(etree.fromstring(document)) else "INVALID"
            print(f"    XSD check: {verdict} in {time.perf_counter() - started:.3f}")


if __name__ == "__main__":
    main()

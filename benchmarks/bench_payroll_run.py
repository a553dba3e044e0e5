# SPDX-License-Identifier: EUPL-1.2
"""A payroll run of 10 000 payslips on SQLite, against bare ``sqlite3``.

Run: ``python benchmarks/bench_payroll_run.py [--members 10000]``.

Set up (not timed): the example cooperative on a SQLite file with N members, each with
one approved salary request (budget 20 000 – 40 000 kr, table 33 column 1, born
1960 – 2000), stored in one unit of work.

Timed:

* **compute + persist**: ``coop.payroll_runs.run`` — read the requests and members, the
  salary engine for each member (budget mode, with the pay already given out this month
  and year), the payslip records (lines, trace, year-to-date), stored in one batch, the
  run, and one hash-chained audit event per payslip, in one transaction;
* of which the salary engine alone (the same inputs, ``policy.calculate``), for scale;
* for information, **approve** (the payroll vouchers: two of 5 000 members' lines) and
  **mark paid** (the payout voucher, every request marked paid, audited);
* the files of the approved run, as the treasurer makes them: the **AGI**
  (``coop.payroll_runs.employer_report``: the period's payslips read, one IU per person,
  the XML written), the **pain.001** (``coop.payroll_runs.payment_file``: the payslips
  read, each account through the country's ``payment_account``, the file written and
  checked) and **payslip PDFs** (``coop.payroll_runs.payslips_pdf``, one combined file of
  the first ``--pdfs`` payslips, pages per second; and ``payslip_files`` one file each);
* the issue's figure: **compute + persist + AGI + pain.001** (target: under 10 s);
* **bare sqlite3**: the same payslip rows (the same JSON text and indexed columns) and the
  same audit rows inserted with ``executemany`` in one transaction into the same tables
  and indexes, in WAL mode like kooperativ's.

Figures from the development machine are in ``docs/payroll-runs.md``.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from kooperativ import Actor, Cooperative
from kooperativ.expenses.salary_requests import SalaryRequest, SalaryRequestStatus
from kooperativ.members.models import Member, MemberStatus
from kooperativ.storage.sql import AUDIT_TABLE, TABLES

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
PAY_DAY = date(2026, 11, 25)
ADMIN = Actor.admin()


def personnummer(n: int) -> str:
    """A valid, fictional personnummer for ``n`` (born 1960 – 1999)."""
    born = date(1960 + n % 40, 1 + n % 12, 1 + n % 28)
    serial = 100 + (n // 480) % 900
    digits = f"{born:%y%m%d}{serial:03d}"
    total = 0
    for index, digit in enumerate(digits):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{born:%Y%m%d}{serial:03d}{(10 - total % 10) % 10}"


def seed(coop: Cooperative, members: int) -> None:
    rng = random.Random(12)
    with coop.store.unit_of_work() as uow:
        for n in range(1, members + 1):
            pid = personnummer(n)
            member = Member(
                number=n,
                first_name=f"Medlem{n}",
                last_name="Test",
                person_id=pid,
                birth_date=date(int(pid[:4]), int(pid[4:6]), int(pid[6:8])),
                bank_account="8327-9, 123 456 789-7",
                status=MemberStatus.MEMBER,
                joined_on=date(2020, 1, 1),
            )
            uow.members.add(member)
            budget = Decimal(rng.randrange(2_000_000, 4_000_000)) / 100
            uow.salary_requests.add(
                SalaryRequest(
                    number=n,
                    member_id=member.id,
                    pay_date=PAY_DAY,
                    amount=budget,
                    budget=budget,
                    available=budget,
                    status=SalaryRequestStatus.APPROVED,
                )
            )


def bare(db: Path, source: Path) -> float:
    """Insert the stored payslips and their audit rows again, with bare sqlite3."""
    with sqlite3.connect(source) as read:
        slips = read.execute(
            "SELECT id, number, data, version, run_id, member_id, period, pay_date, pay_year "
            "FROM payslips"
        ).fetchall()
        columns = [c.name for c in AUDIT_TABLE.columns]
        events = read.execute(
            f"SELECT {', '.join(columns)} FROM audit_events WHERE entity = 'payslip'"
        ).fetchall()
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "CREATE TABLE payslips (id TEXT PRIMARY KEY, number INTEGER UNIQUE NOT NULL, "
        "data TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1, run_id TEXT, member_id TEXT, "
        "period TEXT, pay_date DATE, pay_year INTEGER)"
    )
    for name in ("run_id", "member_id", "period", "pay_date", "pay_year"):
        connection.execute(f"CREATE INDEX ix_payslips_{name} ON payslips ({name})")
    connection.execute(
        "CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, at TEXT, actor TEXT,"
        " action TEXT, entity TEXT, entity_id TEXT, before_hash TEXT, after_hash TEXT, "
        "prev_hash TEXT, hash TEXT, mac TEXT)"
    )
    connection.execute("CREATE INDEX ix_audit_events_entity ON audit_events (entity, entity_id)")
    connection.execute("CREATE INDEX ix_audit_events_actor ON audit_events (actor)")
    start = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany("INSERT INTO payslips VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", slips)
    connection.executemany(
        f"INSERT INTO audit_events VALUES ({', '.join('?' * len(columns))})", events
    )
    connection.execute("COMMIT")
    took = time.perf_counter() - start
    connection.close()
    return took


def _pdfs(coop: Cooperative, run: int, count: int) -> tuple[float, float, int]:
    """Render the first ``count`` payslips of ``run`` as the service does (the employer,
    logo, note and masking of the cooperative): one combined file (its time and pages) and
    one file each (its time)."""
    from kooperativ.documents.invoice import find_logo
    from kooperativ.documents.payslip import find_note, payslips_pdf

    slips = coop.payroll_runs.payslips(ADMIN, run)[:count]
    options = {
        "employer": coop.config.employer,
        "lang": "sv",
        "logo": find_logo(coop.folder),
        "note": find_note(coop.folder, "sv"),
        "mask_person_id": coop.mask_person_id,
        "mask_account": coop.mask_bank_account,
    }
    start = time.perf_counter()
    combined = payslips_pdf(slips, **options)  # type: ignore[arg-type]
    combined_time = time.perf_counter() - start
    pages = len(re.findall(rb"/Type /Page\b", combined))
    start = time.perf_counter()
    for slip in slips:
        payslips_pdf([slip], **options)  # type: ignore[arg-type]
    each_time = time.perf_counter() - start
    return combined_time, each_time, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument(
        "--pdfs", type=int, default=1_000, help="payslips to render as PDFs (0: none)"
    )
    args = parser.parse_args()
    assert TABLES["payslip"] is not None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = Cooperative.init(root / "coop", "interim_kultur")
        url = f"sqlite:///{root / 'kooperativ.db'}"
        with Cooperative.open(folder, url, clock=lambda: NOW) as coop:
            seed(coop, args.members)
            policy = coop.payroll.policy()
            with coop.store.unit_of_work(write=False) as uow:
                members = uow.members.list()
                requests = {r.member_id: r for r in uow.salary_requests.list()}
            start = time.perf_counter()
            for member in members:
                policy.calculate(
                    policy.salary_input(
                        member=member, budget=requests[member.id].budget, paid_on=PAY_DAY,
                        paid_this_month=Decimal(0), paid_this_year=Decimal(0),
                    )
                )  # fmt: skip
            engine = time.perf_counter() - start
            start, cpu = time.perf_counter(), time.process_time()
            run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
            took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
            assert run.payslips == args.members
            start = time.perf_counter()
            coop.payroll_runs.approve(ADMIN, run.number)
            approve = time.perf_counter() - start
            start, cpu = time.perf_counter(), time.process_time()
            agi = coop.payroll_runs.employer_report(ADMIN, "2026-11")
            agi_time, agi_cpu = time.perf_counter() - start, time.process_time() - cpu
            start, cpu = time.perf_counter(), time.process_time()
            pain = coop.payroll_runs.payment_file(ADMIN, run.number)
            pain_time, pain_cpu = time.perf_counter() - start, time.process_time() - cpu
            assert pain.count(b"<CdtTrfTxInf>") == args.members
            pdf_time = files_time = 0.0
            pages = 0
            if args.pdfs:
                pdf_time, files_time, pages = _pdfs(coop, run.number, args.pdfs)
            start = time.perf_counter()
            coop.payroll_runs.mark_paid(ADMIN, run.number)
            paid = time.perf_counter() - start
        raw = bare(root / "bare.db", root / "kooperativ.db")
    print(f"python {sys.version.split()[0]}, {args.members} payslips; seconds: wall (CPU)")
    print(f"compute + persist (coop.payroll_runs.run): {took:8.2f} ({took_cpu:.2f})")
    print(f"  of which the salary engine alone:        {engine:8.2f}")
    print(f"bare sqlite3, the same rows:               {raw:8.2f}")
    print(f"persisting vs bare sqlite3:                {(took - engine) / raw:8.1f}x")
    print(f"approve (book the vouchers):               {approve:8.2f}")
    print(f"mark paid (payout, requests marked paid):  {paid:8.2f}")
    print(f"AGI (employer_report, {len(agi) >> 10} KiB):        {agi_time:8.2f} ({agi_cpu:.2f})")
    print(f"pain.001 (payment_file, {len(pain) >> 10} KiB):      {pain_time:8.2f} ({pain_cpu:.2f})")
    total, total_cpu = took + agi_time + pain_time, took_cpu + agi_cpu + pain_cpu
    print(f"compute + persist + AGI + pain.001:        {total:8.2f} ({total_cpu:.2f}); target < 10")
    if args.pdfs:
        print(
            f"payslip PDFs, one file of {args.pdfs}: {pdf_time:6.2f} s, "
            f"{pages / pdf_time:6.0f} pages/s"
        )
        print(
            f"payslip PDFs, one file each:  {files_time:6.2f} s, "
            f"{args.pdfs / files_time:6.0f} pages/s"
        )


if __name__ == "__main__":
    main()

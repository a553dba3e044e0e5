# SPDX-License-Identifier: EUPL-1.2
"""A year of a 1 000-member cooperative's invoices, payments and vouchers on SQLite,
against bare ``sqlite3`` storing the same rows.

Run: ``python benchmarks/bench_year.py [--invoices 20000] [--members 1000] [--sample 200]``.

The year: 20 000 invoices (12 months from 2025-06-01, 30 days to pay), spread over 1 000
members and 50 clients; 12 of 13 are paid in full, one of 13 is left open and one of 13 is
paid in part, so about 3 000 invoices are open at the end. Each invoice has its voucher
(A series) and each payment its voucher (B series). Timed:

* **through the services**: ``coop.assignments.add``, ``coop.invoices.create`` and
  ``coop.payments.register`` (by OCR) for ``--sample`` invoices, one transaction each:
  the time per invoice paid, and what the year would take at that pace;
* **load the year in one unit of work**: the invoices, payments and vouchers added
  through the store in one transaction, against bare ``sqlite3`` inserting the same rows
  (the records' JSON and their indexed columns, the payments' links, the voucher lines)
  in one transaction;
* on the full year: **a member's balance**, **a member's statement** for a month
  (``coop.statements.member``, without the salary), **the trial balance**, the **open
  items**, the **overdue list** with late-payment interest and the **OCR lookup** of a
  payment, each against the bare queries that read the same rows, with the number of SQL
  statements each took.

Each query figure is the median of several runs. Figures from the development machine are
in ``benchmarks/README.md`` and ``docs/payments.md``.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import event

from kooperativ import Actor, Cooperative
from kooperativ.accounts.models import DocumentRef, Voucher, VoucherLine
from kooperativ.invoicing import Invoice, InvoiceStatus
from kooperativ.members.models import Member, MemberStatus, Role
from kooperativ.payments import Payment, PaymentAllocation, PaymentStatus

NOW = datetime(2026, 6, 30, 9, 0, tzinfo=UTC)
ON = date(2026, 6, 30)  # the last day the reference rate is known
TREASURER = Actor(name="kassör", roles=frozenset({Role.TREASURER}))
FIRST_DAY = date(2025, 6, 1)

BARE_SCHEMA = """
CREATE TABLE invoices (id TEXT PRIMARY KEY, number INTEGER UNIQUE NOT NULL, data TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1, series TEXT, kind TEXT, client_id TEXT, member_id TEXT,
    status TEXT, issue_date DATE, due_date DATE, credits TEXT, ocr TEXT);
CREATE INDEX ix_invoices_status ON invoices (status);
CREATE INDEX ix_invoices_member ON invoices (member_id);
CREATE INDEX ix_invoices_ocr ON invoices (ocr);
CREATE INDEX ix_invoices_credits ON invoices (credits);
CREATE TABLE payments (id TEXT PRIMARY KEY, number INTEGER UNIQUE NOT NULL, data TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1, key TEXT UNIQUE, status TEXT, paid_on DATE);
CREATE TABLE payment_invoices (payment_id TEXT NOT NULL, invoice_id TEXT NOT NULL,
    PRIMARY KEY (payment_id, invoice_id));
CREATE INDEX ix_payment_invoices_invoice ON payment_invoices (invoice_id);
CREATE TABLE vouchers (id TEXT PRIMARY KEY, number INTEGER UNIQUE NOT NULL, data TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1, series TEXT, serial INTEGER, date DATE, corrects TEXT);
CREATE UNIQUE INDEX uq_vouchers_series_serial ON vouchers (series, serial);
CREATE TABLE voucher_lines (voucher_id TEXT NOT NULL, line INTEGER NOT NULL,
    number INTEGER NOT NULL, series TEXT NOT NULL, serial INTEGER NOT NULL, date DATE NOT NULL,
    account INTEGER NOT NULL, member_id TEXT, project_id TEXT, amount BIGINT NOT NULL,
    text TEXT NOT NULL, PRIMARY KEY (voucher_id, line));
CREATE INDEX ix_voucher_lines_account ON voucher_lines (account, date, amount);
CREATE INDEX ix_voucher_lines_member ON voucher_lines (member_id, account, date, amount);
"""


def personnummer(n: int) -> str:
    """A valid, fictional personnummer, distinct for each ``n`` < 36 500 000."""
    born = date.fromordinal(date(1950, 1, 1).toordinal() + n % 18250)
    digits = f"{born:%y%m%d}{100 + n // 18250:03d}"
    total = 0
    for index, digit in enumerate(digits):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{born:%Y%m%d}{digits[6:]}{(10 - total % 10) % 10}"


def median_time(action: Callable[[], object], runs: int = 9) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@contextmanager
def counting(coop: Cooperative) -> Iterator[list[int]]:
    """Count the SQL statements run inside the block."""
    seen = [0]

    def count(*_: Any) -> None:
        seen[0] += 1

    engine = coop.store.engine  # type: ignore[attr-defined]
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def statements(coop: Cooperative, action: Callable[[], object]) -> int:
    with counting(coop) as seen:
        action()
    return seen[0]


def register_members(coop: Cooperative, count: int) -> list[Member]:
    members = [
        Member(
            number=n,
            first_name=f"Medlem{n}",
            last_name="Test",
            person_id=personnummer(n),
            birth_date=date(1980, 1, 1),
            status=MemberStatus.MEMBER,
            joined_on=date(2025, 1, 1),
        )
        for n in range(1, count + 1)
    ]
    with coop.store.unit_of_work() as uow:
        for member in members:
            uow.members.add(member)
    return members


def through_services(coop: Cooperative, count: int, clients: list[Any]) -> float:
    """Seconds per invoice made, issued and paid through the services."""
    start = time.perf_counter()
    for n in range(count):
        job = coop.assignments.add(
            TREASURER, member=1 + n % 50, client=clients[n % len(clients)].id,
            start=FIRST_DAY, end=FIRST_DAY + timedelta(days=10), description="Uppdrag",
            agreed_amount="10000",
        )  # fmt: skip
        invoice = coop.invoices.create(TREASURER, assignments=[job.number], issue_date=FIRST_DAY)
        coop.payments.register(
            TREASURER, invoice.payment_reference, invoice.total, FIRST_DAY + timedelta(days=20)
        )
    return (time.perf_counter() - start) / count


def the_year(
    coop: Cooperative, template: Invoice, members: list[Member], clients: list[Any], count: int
) -> tuple[list[Invoice], list[Payment], list[Voucher]]:
    """The year's records, made from ``template`` (an invoice the service issued)."""
    rng = random.Random(2026)
    accounts = coop.config.accounts
    invoices: list[Invoice] = []
    payments: list[Payment] = []
    vouchers: list[Voucher] = []
    serial = {"A": 0, "B": 0}
    with coop.store.unit_of_work(write=False) as uow:
        first = uow.invoices.next_number()
    net, vat, total = template.total_excl_vat, template.total_vat, template.total
    budget = (net * Decimal("0.94")).quantize(Decimal("0.01"))

    def voucher(series: str, day: date, text: str, key: str, lines: list[VoucherLine]) -> None:
        serial[series] += 1
        vouchers.append(
            Voucher(
                series=series, serial=serial[series], number=len(vouchers) + 1, date=day,
                text=text, document=DocumentRef(kind="invoice" if series == "A" else "payment",
                key=key), lines=tuple(lines), booked_at=NOW, booked_by="bench",
            )
        )  # fmt: skip

    for n in range(count):
        number = first + n
        member = members[rng.randrange(len(members))]
        client = clients[rng.randrange(len(clients))]
        issued = FIRST_DAY + timedelta(days=(n * 365) // count)
        kind = n % 13  # 0: open, 1: paid in part, else paid in full
        status = {0: InvoiceStatus.ISSUED, 1: InvoiceStatus.PARTLY_PAID}.get(
            kind, InvoiceStatus.PAID
        )
        invoice = template.evolve(
            id=uuid.uuid4(), number=number, member_id=member.id, client_id=client.id,
            issue_date=issued, due_date=issued + timedelta(days=30), assignment_ids=(),
            payment_reference=coop.country.payment_reference(number), status=status,
        )  # fmt: skip
        invoices.append(invoice)
        voucher("A", issued, f"{invoice.label} {client.name}", str(number), [
            VoucherLine(account=accounts["receivables"], amount=total),
            VoucherLine(account=accounts["vat_out_standard"], amount=-vat),
            VoucherLine(account=accounts["sales"], amount=-net),
            VoucherLine(account=accounts["member_budget"], amount=budget, member_id=member.id),
            VoucherLine(account=accounts["member_accounts"], amount=-budget,
                        member_id=member.id),
        ])  # fmt: skip
        if kind == 0:
            continue
        paid = (total / 2).quantize(Decimal("0.01")) if kind == 1 else total
        day = issued + timedelta(days=rng.randrange(5, 45))
        payment = Payment(
            number=len(payments) + 2, key=f"bench-{number}", paid_on=day, amount=paid,
            currency=invoice.currency, reference=invoice.payment_reference, source="bench",
            status=PaymentStatus.MATCHED, registered_by="bench",
            allocations=(PaymentAllocation(invoice_id=invoice.id, invoice=invoice.label,
                                           amount=paid),),
        )  # fmt: skip
        payments.append(payment)
        voucher("B", day, f"{invoice.label} {client.name}", str(payment.number), [
            VoucherLine(account=accounts["bank"], amount=paid),
            VoucherLine(account=accounts["receivables"], amount=-paid),
        ])  # fmt: skip
    return invoices, payments, vouchers


def load(coop: Cooperative, invoices: list[Invoice], payments: list[Payment],
         vouchers: list[Voucher]) -> float:  # fmt: skip
    start = time.perf_counter()
    with coop.store.unit_of_work() as uow:
        for invoice in invoices:
            uow.invoices.add(invoice)
        for payment in payments:
            uow.payments.add(payment.evolve(number=uow.payments.next_number()))
        for v in vouchers:
            uow.vouchers.add(
                v.evolve(
                    number=uow.vouchers.next_number(), serial=uow.vouchers.next_serial(v.series)
                )
            )
    return time.perf_counter() - start


def bare_load(path: Path, invoices: list[Invoice], payments: list[Payment],
              vouchers: list[Voucher]) -> tuple[sqlite3.Connection, float]:  # fmt: skip
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.executescript(BARE_SCHEMA)
    start = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO invoices VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
        [
            (str(i.id), i.number, i.canonical_json(), i.series, i.kind.value, str(i.client_id),
             str(i.member_id), i.status.value, i.issue_date.isoformat(), i.due_date.isoformat(),
             i.payment_reference)
            for i in invoices
        ],
    )  # fmt: skip
    connection.executemany(
        "INSERT INTO payments VALUES (?, ?, ?, 1, ?, ?, ?)",
        [(str(p.id), p.number, p.canonical_json(), p.key, p.status.value, p.paid_on.isoformat())
         for p in payments],
    )  # fmt: skip
    connection.executemany(
        "INSERT INTO payment_invoices VALUES (?, ?)",
        [(str(p.id), str(a.invoice_id)) for p in payments for a in p.allocations],
    )
    connection.executemany(
        "INSERT INTO vouchers VALUES (?, ?, ?, 1, ?, ?, ?, NULL)",
        [(str(v.id), v.number, v.canonical_json(), v.series, v.serial, v.date.isoformat())
         for v in vouchers],
    )  # fmt: skip
    connection.executemany(
        "INSERT INTO voucher_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
        [
            (str(v.id), index, v.number, v.series, v.serial, v.date.isoformat(), line.account,
             None if line.member_id is None else str(line.member_id), int(line.amount * 100),
             v.text)
            for v in vouchers
            for index, line in enumerate(v.lines, start=1)
        ],
    )  # fmt: skip
    connection.execute("COMMIT")
    return connection, time.perf_counter() - start


def bare(connection: sqlite3.Connection, *queries: tuple[str, tuple[Any, ...]]) -> list[Any]:
    """Run ``queries`` in one read transaction and parse the JSON of each row found."""
    connection.execute("BEGIN")
    try:
        found = []
        for sql, params in queries:
            rows = connection.execute(sql, params).fetchall()
            found.append([json.loads(r[0]) if isinstance(r[0], str) and r[0][:1] == "{"
                          else r for r in rows])  # fmt: skip
        return found
    finally:
        connection.execute("COMMIT")


def row(what: str, ours: float, theirs: float, queries: int | str = "", unit: str = "ms") -> str:
    scale = 1000 if unit == "ms" else 1
    figures = f"{ours * scale:,.1f} {unit} | {theirs * scale:,.1f} {unit}"
    return f"| {what} | {figures} | {ours / theirs:.1f}× | {queries} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--invoices", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = Cooperative.init(root / "coop", "interim_kultur")
        with Cooperative.open(folder, clock=lambda: NOW) as coop:
            members = register_members(coop, args.members)
            clients = [
                coop.clients.add(TREASURER, name=f"Kund {n} AB", orgnr="5560360793")
                for n in range(1, 2)
            ]
            clients += [
                coop.clients.add(TREASURER, name=f"Kund {n}", person_id=personnummer(50_000 + n))
                for n in range(2, 51)
            ]
            per_invoice = through_services(coop, args.sample, clients)
            template = coop.invoices.get(TREASURER, 1)
            invoices, payments, vouchers = the_year(coop, template, members, clients, args.invoices)
            loaded = load(coop, invoices, payments, vouchers)
            connection, bare_loaded = bare_load(root / "bare.db", invoices, payments, vouchers)

            someone = members[len(members) // 2]
            month = "2026-03"
            lookup = invoices[len(invoices) // 2].payment_reference
            ours: dict[str, Callable[[], object]] = {
                "a member's balance": lambda: coop.ledger.balance(
                    TREASURER, 2890, member=someone.number
                ),
                "a member's statement for a month": lambda: coop.statements.member(
                    TREASURER, someone.number, period=month, salary=False
                ),
                "the trial balance": lambda: coop.ledger.trial_balance(TREASURER),
                "open items": lambda: coop.payments.open_items(TREASURER),
                "overdue list with interest": lambda: coop.payments.overdue(TREASURER, ON),
                "OCR lookup": lambda: ocr_lookup(coop, lookup),
            }
            member_sql = (
                "SELECT SUM(amount) FROM voucher_lines WHERE member_id = ? AND account = ?",
                (str(someone.id), 2890),
            )
            open_sql = (
                "SELECT data FROM invoices WHERE status IN ('issued', 'partly_paid') "
                "AND kind = 'invoice' ORDER BY number",
                (),
            )
            paid_sql = (
                "SELECT p.data FROM payments p WHERE p.id IN (SELECT pi.payment_id FROM "
                "payment_invoices pi JOIN invoices i ON i.id = pi.invoice_id "
                "WHERE i.status IN ('issued', 'partly_paid'))",
                (),
            )
            theirs: dict[str, Callable[[], object]] = {
                "a member's balance": lambda: bare(connection, member_sql),
                "a member's statement for a month": lambda: bare(
                    connection,
                    (
                        "SELECT data FROM invoices WHERE member_id = ? AND issue_date >= ? "
                        "AND issue_date <= ?",
                        (str(someone.id), "2026-03-01", "2026-03-31"),
                    ),
                    (
                        "SELECT SUM(amount) FROM voucher_lines WHERE member_id = ? AND account = ? "
                        "AND date < ?",
                        (str(someone.id), 2890, "2026-03-01"),
                    ),
                    (
                        "SELECT number, line, date, amount, text FROM voucher_lines WHERE "
                        "member_id = ? AND account = ? AND date >= ? AND date <= ? ORDER BY date",
                        (str(someone.id), 2890, "2026-03-01", "2026-03-31"),
                    ),
                ),
                "the trial balance": lambda: bare(
                    connection,
                    ("SELECT account, SUM(amount) FROM voucher_lines GROUP BY account", ()),
                ),
                "open items": lambda: bare(connection, open_sql, paid_sql),
                "overdue list with interest": lambda: bare(connection, open_sql, paid_sql),
                "OCR lookup": lambda: bare(
                    connection, ("SELECT data FROM invoices WHERE ocr = ?", (lookup,))
                ),
            }
            open_count = len(coop.payments.open_items(TREASURER))
            overdue_count = len(coop.payments.overdue(TREASURER, ON))
            assert coop.ledger.trial_balance(TREASURER).total == 0
            out.append(
                f"{args.invoices:,} invoices, {len(payments):,} payments, {len(vouchers):,} "
                f"vouchers ({sum(len(v.lines) for v in vouchers):,} lines), {args.members:,} "
                f"members; {open_count:,} open items, {overdue_count:,} overdue on {ON}"
            )
            out.append("")
            out.append("| case | kooperativ | bare sqlite3 | ratio | SQL statements |")
            out.append("|---|---|---|---|---|")
            out.append(row("load the year in one unit of work", loaded, bare_loaded, "", "s"))
            for name, action in ours.items():
                count = statements(coop, action)
                runs = 3 if name.startswith(("open", "overdue")) else 9
                out.append(
                    row(name, median_time(action, runs), median_time(theirs[name], runs), count)
                )
            out.append("")
            out.append(
                f"through the services: {per_invoice * 1000:.1f} ms per invoice issued and "
                f"paid (assignment, invoice, payment by OCR, with their vouchers and audit "
                f"events); the year of {args.invoices:,} at that pace: "
                f"{per_invoice * args.invoices / 60:.1f} min"
            )
            connection.close()
    print("\n".join(out))


def ocr_lookup(coop: Cooperative, reference: str) -> Invoice:
    """The invoice a payment with OCR ``reference`` pays, as ``register`` finds it."""
    with coop.store.unit_of_work(write=False) as uow:
        return coop.payments._invoice(uow, reference)


if __name__ == "__main__":
    main()

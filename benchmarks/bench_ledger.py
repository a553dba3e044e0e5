# SPDX-License-Identifier: EUPL-1.2
"""A year of a 1 000-member cooperative's ledger on SQLite, against bare ``sqlite3``.

Run: ``python benchmarks/bench_ledger.py [--invoices 20000] [--members 1000]``.

The year: 20 000 invoice vouchers (series A), each of three lines — the receivable
(1510), the output VAT (2611) and the member's share on the member account (2890, the
member's sub-ledger) — so 60 000 voucher lines, spread over the members and the days of
2026. Timed:

* **book, one by one**: ``coop.ledger.book`` for each voucher (checks, per-series number,
  the voucher, its lines and an audit event, one transaction each), against bare
  ``sqlite3`` inserting the same voucher row and lines in one transaction each;
* **load in one unit of work**: the same vouchers added through the store
  (``uow.vouchers.add``, numbers allocated per series) in one transaction, against bare
  ``sqlite3`` inserting the same rows in one transaction;
* **a member's balance** (``coop.ledger.balance(…, member=…)``) and **statement**
  (``coop.ledger.member_account``, about 20 entries with the running balance), against
  the bare ``SELECT SUM(amount) … WHERE member_id = ? AND account = ?`` and the bare
  ``SELECT … ORDER BY date``;
* **the trial balance** (``coop.ledger.trial_balance``), against the bare
  ``SELECT account, SUM(amount) … GROUP BY account``.

Each figure is the median of several runs (queries) or one run (loads). Bare ``sqlite3``
gets the same tables and indexes, in WAL mode like kooperativ's. Figures from the
development machine are in ``docs/ledger.md``.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from kooperativ import Actor, Cooperative
from kooperativ.accounts.models import Voucher
from kooperativ.members.models import Member, MemberStatus, Role

NOW = datetime(2027, 1, 15, 9, 0, tzinfo=UTC)
TREASURER = Actor(name="kassör", roles=frozenset({Role.TREASURER}))
YEAR_START = date(2026, 1, 1)

BARE_SCHEMA = """
CREATE TABLE vouchers (id TEXT PRIMARY KEY, number INTEGER UNIQUE NOT NULL, data TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1, series TEXT, serial INTEGER, date DATE, corrects TEXT);
CREATE UNIQUE INDEX uq_vouchers_series_serial ON vouchers (series, serial);
CREATE INDEX ix_vouchers_date ON vouchers (date);
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


def the_year(members: list[Member], invoices: int) -> list[dict[str, Any]]:
    """``invoices`` invoice vouchers as the service takes them (member by id)."""
    rng = random.Random(2026)
    year: list[dict[str, Any]] = []
    for n in range(1, invoices + 1):
        net = Decimal(rng.randrange(50_000, 5_000_000)).scaleb(-2)
        vat = (net * Decimal("0.25")).quantize(Decimal("0.01"))
        member = members[n % len(members)]
        year.append(
            {
                "series": "A",
                "date": YEAR_START + timedelta(days=(n * 365) // invoices),
                "text": f"Faktura {n}",
                "document": {"kind": "invoice", "key": str(n)},
                "lines": [
                    {"account": 1510, "amount": net + vat},
                    {"account": 2611, "amount": -vat},
                    {"account": 2890, "amount": -net, "member_id": member.id},
                ],
            }
        )
    return sorted(year, key=lambda v: v["date"])


def bare_rows(voucher: Voucher) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """The voucher's row and line rows as bare ``sqlite3`` inserts them."""
    head = (
        str(voucher.id),
        voucher.number,
        voucher.canonical_json(),
        voucher.series,
        voucher.serial,
        voucher.date.isoformat(),
    )
    lines = [
        (
            str(voucher.id),
            index,
            voucher.number,
            voucher.series,
            voucher.serial,
            voucher.date.isoformat(),
            line.account,
            None if line.member_id is None else str(line.member_id),
            None,
            int(line.amount * 100),
            voucher.text,
        )
        for index, line in enumerate(voucher.lines, start=1)
    ]
    return head, lines


def bare_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.executescript(BARE_SCHEMA)
    return connection


def bare_insert(connection: sqlite3.Connection, vouchers: list[Voucher], per_voucher: bool) -> None:
    insert_head = (
        "INSERT INTO vouchers (id, number, data, series, serial, date) VALUES (?, ?, ?, ?, ?, ?)"
    )
    insert_line = "INSERT INTO voucher_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    if not per_voucher:
        connection.execute("BEGIN IMMEDIATE")
    for voucher in vouchers:
        head, lines = bare_rows(voucher)
        if per_voucher:
            connection.execute("BEGIN IMMEDIATE")
        connection.execute(insert_head, head)
        connection.executemany(insert_line, lines)
        if per_voucher:
            connection.execute("COMMIT")
    if not per_voucher:
        connection.execute("COMMIT")


def median_time(action: Callable[[], object], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def register(coop: Cooperative, count: int) -> list[Member]:
    """``count`` members added in one unit of work (the register is not what is timed)."""
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


def row(what: str, ours: float, bare: float, unit: str = "ms") -> str:
    scale = 1000 if unit == "ms" else 1
    figures = f"{ours * scale:,.2f} {unit} | {bare * scale:,.2f} {unit}"
    return f"| {what} | {figures} | {ours / bare:.1f}× |"


def in_transaction(connection: sqlite3.Connection, *queries: tuple[str, tuple[Any, ...]]) -> Any:
    """Run ``queries`` in one read transaction, as a unit of work does."""
    connection.execute("BEGIN")
    try:
        return [connection.execute(sql, params).fetchall() for sql, params in queries]
    finally:
        connection.execute("COMMIT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--invoices", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=1_000)
    args = parser.parse_args()
    results: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = Cooperative.init(root / "coop", "interim_kultur")
        with Cooperative.open(folder, clock=lambda: NOW) as coop:
            members = register(coop, args.members)
            year = the_year(members, args.invoices)

            # 1. The service, one transaction per voucher.
            start = time.perf_counter()
            for data in year:
                coop.ledger.book(TREASURER, data)
            booked = time.perf_counter() - start
            vouchers = coop.ledger.list(TREASURER)
            assert len(vouchers) == args.invoices

            # 2. Bare sqlite3, one transaction per voucher, and all in one.
            bare = bare_connection(root / "bare-each.db")
            start = time.perf_counter()
            bare_insert(bare, vouchers, per_voucher=True)
            bare_each = time.perf_counter() - start
            bare.close()
            bare = bare_connection(root / "bare.db")
            start = time.perf_counter()
            bare_insert(bare, vouchers, per_voucher=False)
            bare_all = time.perf_counter() - start

            # 3. Queries on the full year.
            someone = members[len(members) // 2]
            member_sum = coop.ledger.balance(TREASURER, 2890, member=someone.number)
            account = coop.ledger.member_account(TREASURER, someone.number, "2026")
            trial = coop.ledger.trial_balance(TREASURER)
            assert trial.total == 0
            assert -account.closing == member_sum
            bare_sum = bare.execute(
                "SELECT SUM(amount) FROM voucher_lines WHERE member_id = ? AND account = ?",
                (str(someone.id), 2890),
            ).fetchone()[0]
            assert Decimal(bare_sum).scaleb(-2) == member_sum
            t_balance = median_time(
                lambda: coop.ledger.balance(TREASURER, 2890, member=someone.number)
            )
            member_sum_sql = (
                "SELECT SUM(amount) FROM voucher_lines WHERE member_id = ? AND account = ?",
                (str(someone.id), 2890),
            )
            b_balance = median_time(lambda: in_transaction(bare, member_sum_sql))
            t_statement = median_time(
                lambda: coop.ledger.member_account(TREASURER, someone.number, "2026")
            )
            opening_sql = (
                "SELECT SUM(amount) FROM voucher_lines WHERE member_id = ? "
                "AND account = ? AND date <= ?",
                (str(someone.id), 2890, "2025-12-31"),
            )
            entries_sql = (
                "SELECT number, series, serial, line, date, account, amount, "
                "member_id, project_id, text FROM voucher_lines WHERE member_id = ? "
                "AND account = ? AND date >= ? AND date <= ? "
                "ORDER BY date, number, line",
                (str(someone.id), 2890, "2026-01-01", "2026-12-31"),
            )
            b_statement = median_time(lambda: in_transaction(bare, opening_sql, entries_sql))
            t_trial = median_time(lambda: coop.ledger.trial_balance(TREASURER), runs=7)
            trial_sql = (
                "SELECT account, SUM(amount) FROM voucher_lines GROUP BY account ORDER BY account",
                (),
            )
            b_trial = median_time(lambda: in_transaction(bare, trial_sql), runs=7)
            bare.close()

        # 4. The store's own path, all in one unit of work, on a new database.
        folder2 = Cooperative.init(root / "coop2", "interim_kultur")
        with Cooperative.open(folder2, clock=lambda: NOW) as coop2:
            register(coop2, args.members)
            start = time.perf_counter()
            with coop2.store.unit_of_work() as uow:
                for voucher in vouchers:
                    uow.vouchers.add(
                        voucher.evolve(
                            id=uuid.uuid4(),
                            number=uow.vouchers.next_number(),
                            serial=uow.vouchers.next_serial(voucher.series),
                        )
                    )
            loaded = time.perf_counter() - start

    lines = sum(len(v.lines) for v in vouchers)
    results.append(
        f"{args.invoices:,} invoice vouchers, {lines:,} lines, {args.members:,} members "
        f"({len(account.lines)} entries in the member's statement)"
    )
    results.append("")
    results.append("| case | kooperativ | bare sqlite3 | ratio |")
    results.append("|---|---|---|---|")
    results.append(row("book the year, one transaction per voucher", booked, bare_each, "s"))
    results.append(row("load the year in one unit of work (store)", loaded, bare_all, "s"))
    results.append(row("a member's balance", t_balance, b_balance))
    results.append(row("a member's statement for the year", t_statement, b_statement))
    results.append(row("the trial balance", t_trial, b_trial))
    per_voucher = booked / args.invoices * 1000
    results.append("")
    results.append(f"booking: {per_voucher:.2f} ms per voucher ({args.invoices / booked:,.0f}/s)")
    print("\n".join(results))


if __name__ == "__main__":
    main()

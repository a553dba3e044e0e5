# SPDX-License-Identifier: EUPL-1.2
"""Timings of the questions the services ask the store, at two table sizes.

Run: ``python benchmarks/bench_storage.py`` (SQLite files in a temporary folder), or with
``--postgres postgresql+psycopg://…`` on a PostgreSQL server (a schema per case). Each
case is timed at a tenth of its size and at full size, so that the growth shows:

* adding a member (``coop.members.add``, audit event included) to a register of 1 000
  and of 10 000 members: should not grow;
* listing one member's assignments (``coop.assignments.list(member=…)``) among 10 000
  and 100 000 assignments: should not grow (each member has ten);
* the röstlängd (``coop.governance.roll``) of 1 000 and of 10 000 members, each with a
  fee paid: returns every member, so it grows linearly — and no faster;
* ``coop.assignments.check`` on 1 000 members with 5 000 assignments and on 10 000 with
  50 000, with the same 15 problems in both: should not grow;
* one member's personal data (``coop.privacy.export``, GDPR art. 15) among 1 000 members
  with 10 000 assignments and among 10 000 with 100 000: their own records come from the
  indexes, the records that name them from a search of each row's text in the database
  (no index answers it; only the rows found are parsed). That search reads every row, so
  this case grows linearly with the tables (allowed: 15×), but in the database, at the
  speed of bare ``sqlite3`` doing the same search, not parsing every record as before.

On SQLite each is compared with bare ``sqlite3`` doing the same queries on the same file
(no parsing, no validation, no audit event). The script exits with status 1 if a case that
should not grow takes more than 3 times as long at full size, or the röstlängd more than
3 times its linear expectation. Figures from the development machine are in
``docs/storage.md``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from kooperativ import Actor, Cooperative
from kooperativ._model import Record
from kooperativ.assignments.models import Assignment, AssignmentStatus
from kooperativ.clients.models import Client
from kooperativ.governance.register import MembershipFee
from kooperativ.members.models import Member, MemberStatus
from kooperativ.storage import KINDS, SqlStore
from kooperativ.storage.sql import TABLES

ADMIN = Actor.admin()
NOW = datetime(2027, 3, 20, 9, 0, tzinfo=UTC)


def personnummer(n: int) -> str:
    """A valid, fictional personnummer, distinct for each ``n`` < 36 500 000."""
    born = date.fromordinal(date(1950, 1, 1).toordinal() + n % 18250)
    digits = f"{born:%y%m%d}{100 + n // 18250:03d}"
    total = 0
    for index, digit in enumerate(digits):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{born:%Y%m%d}{digits[6:]}{(10 - total % 10) % 10}"


def _rows(kind: str, records: Iterable[Record]) -> list[dict[str, Any]]:
    spec = KINDS[kind]
    return [
        {
            "id": str(getattr(r, "id")),  # noqa: B009
            "number": getattr(r, "number"),  # noqa: B009
            "data": r.canonical_json(),
            "version": 1,
            **spec.values(r),
        }
        for r in records
    ]


def seed(
    store: SqlStore,
    members: int,
    assignments_per_member: int,
    *,
    fees: bool = False,
    problems: bool = False,
    joined: date = date(2020, 1, 1),
) -> list[Member]:
    """Fill the tables directly (no audit events): the benchmark times reads and one add."""
    register = [
        Member(
            number=n + 1,
            first_name="Medlem",
            last_name=str(n + 1),
            person_id=personnummer(n),
            birth_date=date(1980, 1, 1),
            status=MemberStatus.MEMBER,
            joined_on=joined,
        )
        for n in range(members)
    ]
    if problems:  # five members who left, each with an assignment running past it
        for n in range(5):
            register[n] = register[n].evolve(
                status=MemberStatus.RESIGNED, left_on=date(2026, 5, 15)
            )
    client = Client(number=1, name="Teatern AB", orgnr="5599123451")
    jobs: list[Assignment] = []
    for member in register:
        for k in range(assignments_per_member):
            jobs.append(
                Assignment(
                    number=len(jobs) + 1,
                    member_id=member.id,
                    client_id=client.id,
                    description="Scenografi",
                    start=date(2026, 1 + k % 12, 1),
                    end=date(2026, 1 + k % 12, 28),
                    agreed_amount=Decimal("10000.00"),
                    status=AssignmentStatus.COMPLETED,
                )
            )
    if problems:  # ten active assignments without a contract
        for n in range(10):
            jobs[-1 - n] = jobs[-1 - n].evolve(status=AssignmentStatus.ACTIVE)
    with store.engine.begin() as connection:
        connection.execute(insert(TABLES["member"]), _rows("member", register))
        connection.execute(insert(TABLES["client"]), _rows("client", [client]))
        for start in range(0, len(jobs), 20_000):
            chunk = jobs[start : start + 20_000]
            connection.execute(insert(TABLES["assignment"]), _rows("assignment", chunk))
        if fees:
            paid = [
                MembershipFee(
                    number=n + 1,
                    member_id=m.id,
                    year=2027,
                    amount=Decimal("200.00"),
                    paid_on=date(2027, 1, 15),
                )
                for n, m in enumerate(register)
            ]
            connection.execute(insert(TABLES["membership_fee"]), _rows("membership_fee", paid))
    return register


@dataclass
class Case:
    name: str
    small: float
    large: float
    bare_small: float
    bare_large: float
    growth: float  # the allowed ratio large / small

    @property
    def ok(self) -> bool:
        return self.large <= self.small * self.growth


def median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Bench:
    def __init__(self, postgres: str | None) -> None:
        self.postgres = postgres
        self.root = Path(tempfile.mkdtemp(prefix="kooperativ-bench-"))
        self.schemas: list[str] = []

    def open(self, name: str) -> tuple[Cooperative, Path | None]:
        folder = Cooperative.init(self.root / name, "interim_kultur")
        path: Path | None = None
        if self.postgres:
            schema = f"bench_{uuid.uuid4().hex[:12]}"
            with create_engine(self.postgres, isolation_level="AUTOCOMMIT").connect() as c:
                c.execute(text(f'CREATE SCHEMA "{schema}"'))
            self.schemas.append(schema)
            url = (
                make_url(self.postgres)
                .update_query_dict({"options": f"-csearch_path={schema}"})
                .render_as_string(hide_password=False)
            )
        else:
            path = self.root / f"{name}.db"
            url = f"sqlite:///{path}"
        return Cooperative.open(folder, url, clock=lambda: NOW), path

    def close(self) -> None:
        if self.postgres:
            with create_engine(self.postgres, isolation_level="AUTOCOMMIT").connect() as c:
                for schema in self.schemas:
                    c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))

    # -- cases ------------------------------------------------------------------------------

    def add_member(self, size: int) -> tuple[float, float]:
        coop, path = self.open(f"add{size}")
        with coop:
            store = coop.store
            assert isinstance(store, SqlStore)
            seed(store, size - 1, 0)
            counter = iter(range(10_000_000, 20_000_000))

            def add() -> None:
                n = next(counter)
                coop.members.add(
                    ADMIN, first_name="Ny", last_name=str(n), person_id=personnummer(n)
                )

            add()  # the configuration files are recorded by the first change
            took = median(add, 30)
        return took, self.bare(path, self._bare_add, 30)

    @staticmethod
    def _bare_add(db: sqlite3.Connection) -> Callable[[], None]:
        counter = iter(range(30_000_000, 40_000_000))
        template = Member(
            number=1,
            first_name="Ny",
            last_name="x",
            person_id="190001019999",
            birth_date=date(1900, 1, 1),
        )

        def add() -> None:
            n = next(counter)
            pid = personnummer(n)
            db.execute("BEGIN IMMEDIATE")
            if db.execute("SELECT 1 FROM members WHERE person_id = ?", (pid,)).fetchone():
                raise AssertionError("duplicate")
            (highest,) = db.execute("SELECT max(number) FROM members").fetchone()
            record = template.evolve(id=uuid.uuid4(), number=highest + 1, person_id=pid)
            db.execute(
                "INSERT INTO members (id, number, data, version, person_id, status) "
                "VALUES (?, ?, ?, 1, ?, ?)",
                (str(record.id), record.number, record.canonical_json(), pid, "applicant"),
            )
            db.execute("COMMIT")

        return add

    def list_assignments(self, size: int) -> tuple[float, float]:
        coop, path = self.open(f"list{size}")
        with coop:
            store = coop.store
            assert isinstance(store, SqlStore)
            register = seed(store, size // 10, 10)
            wanted = register[len(register) // 2]

            def run() -> None:
                found = coop.assignments.list(ADMIN, member=wanted.number)
                assert len(found) == 10

            took = median(run, 30)

        def bare(db: sqlite3.Connection) -> Callable[[], None]:
            def run() -> None:
                rows = db.execute(
                    "SELECT data FROM assignments WHERE member_id = ? ORDER BY number",
                    (str(wanted.id),),
                ).fetchall()
                assert len(rows) == 10

            return run

        return took, self.bare(path, bare, 30)

    def roll(self, size: int) -> tuple[float, float]:
        coop, path = self.open(f"roll{size}")
        with coop:
            store = coop.store
            assert isinstance(store, SqlStore)
            # Joined this year, fee paid: every one has a vote (no arrears, 30 days in).
            seed(store, size, 0, fees=True, joined=date(2027, 1, 1))

            def run() -> None:
                roll = coop.governance.roll(ADMIN, date(2027, 3, 20))
                assert len(roll.voters) == size

            took = median(run, 3)

        def bare(db: sqlite3.Connection) -> Callable[[], None]:
            def run() -> None:
                members = db.execute("SELECT data FROM members ORDER BY number").fetchall()
                fees = db.execute("SELECT member_id, year FROM membership_fees").fetchall()
                assert len(members) == len(fees) == size

            return run

        return took, self.bare(path, bare, 3)

    def check(self, size: int) -> tuple[float, float]:
        coop, path = self.open(f"check{size}")
        with coop:
            store = coop.store
            assert isinstance(store, SqlStore)
            seed(store, size, 5, problems=True)

            def run() -> None:
                assert len(coop.assignments.check(date(2027, 3, 20))) == 15

            took = median(run, 10)

        def bare(db: sqlite3.Connection) -> Callable[[], None]:
            def run() -> None:
                uncovered = db.execute(
                    "SELECT data FROM assignments a WHERE status = 'active' AND NOT EXISTS "
                    "(SELECT 1 FROM contract_assignments c WHERE c.assignment_id = a.id)"
                ).fetchall()
                # Members who left (index on left_on), then their assignments (index on
                # member_id): CROSS JOIN keeps SQLite to that order.
                left = db.execute(
                    "SELECT a.data FROM members m CROSS JOIN assignments a "
                    "ON a.member_id = m.id "
                    'WHERE m.left_on IS NOT NULL AND a."end" >= m.left_on'
                ).fetchall()
                assert len(uncovered) + len(left) == 15

            return run

        return took, self.bare(path, bare, 10)

    def export(self, size: int) -> tuple[float, float]:
        coop, path = self.open(f"export{size}")
        with coop:
            store = coop.store
            assert isinstance(store, SqlStore)
            register = seed(store, size, 10)
            wanted = register[len(register) // 2]

            def run() -> None:
                data = coop.privacy.export(ADMIN, wanted.number)
                assert len(data.assignments) == 10

            run()  # the configuration files are read once
            took = median(run, 5)
        needles = (str(wanted.id), wanted.name, wanted.person_id)

        def bare(db: sqlite3.Connection) -> Callable[[], None]:
            def run() -> None:
                found = 0
                for table in ("members", "clients", "assignments", "contracts", "meetings"):
                    where = " OR ".join("instr(data, ?) > 0" for _ in needles)
                    found += len(
                        db.execute(f"SELECT data FROM {table} WHERE {where}", needles).fetchall()
                    )
                assert found == 11

            return run

        return took, self.bare(path, bare, 5)

    @staticmethod
    def bare(
        path: Path | None, make: Callable[[sqlite3.Connection], Callable[[], None]], repeat: int
    ) -> float:
        if path is None:
            return float("nan")
        db = sqlite3.connect(path, isolation_level=None)
        try:
            return median(make(db), repeat)
        finally:
            db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="a PostgreSQL server to run on (a schema per case), instead of SQLite files",
    )
    args = parser.parse_args()
    bench = Bench(args.postgres)
    cases = [
        ("add a member (1 000 → 10 000 members)", bench.add_member, 1_000, 10_000, 3.0),
        (
            "one member's assignments (10 000 → 100 000)",
            bench.list_assignments,
            10_000,
            100_000,
            3.0,
        ),
        ("röstlängd (1 000 → 10 000 members)", bench.roll, 1_000, 10_000, 30.0),
        ("assignments check (1 000/5 000 → 10 000/50 000)", bench.check, 1_000, 10_000, 3.0),
        ("a member's export (1 000/10 000 → 10 000/100 000)", bench.export, 1_000, 10_000, 15.0),
    ]
    results: list[Case] = []
    try:
        for name, run, small, large, growth in cases:
            took_small, bare_small = run(small)
            took_large, bare_large = run(large)
            results.append(Case(name, took_small, took_large, bare_small, bare_large, growth))
    finally:
        bench.close()
    width = max(len(c.name) for c in results)
    print(
        f"{'case':<{width}}  {'small':>9}  {'full':>9}  {'ratio':>6}  "
        f"{'sqlite3 small':>13}  {'sqlite3 full':>12}"
    )
    failed = False
    for case in results:
        ratio = case.large / case.small
        print(
            f"{case.name:<{width}}  {case.small * 1000:7.2f}ms  {case.large * 1000:7.2f}ms  "
            f"{ratio:5.1f}×  {case.bare_small * 1000:11.3f}ms  {case.bare_large * 1000:10.3f}ms"
            + ("" if case.ok else f"  OVER (allowed {case.growth:g}×)")
        )
        failed |= not case.ok
    print(json.dumps({c.name: [c.small, c.large, c.bare_small, c.bare_large] for c in results}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ db copy --to URL``: a populated cooperative (the demo after its month and
its annual meeting) copied from SQLite into an empty PostgreSQL schema and into a new
SQLite file: every row of every table arrives as it was (ids, numbers, versions, the audit
trail), the copy verifies and takes new records; a target that is not empty is refused
and nothing is written to it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

from kooperativ import demo
from kooperativ.cli import app
from kooperativ.cooperative import Cooperative
from kooperativ.security import Actor
from kooperativ.storage import KINDS, SqlStore
from kooperativ.storage.copy import rows_in

ADMIN = Actor.admin()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "80"})
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo after its month and meeting, with a web password set: every kind of
    record it makes (invoices, payments, a payroll run, a meeting with a secret ballot)."""
    folder = tmp_path_factory.mktemp("db-copy") / "demo"
    clock = demo.DemoClock()
    with demo.create(folder, clock=clock) as coop:
        demo.run_month(coop, folder, clock=clock)
        demo.run_meeting(coop, folder, clock=clock)
        coop.access.set_password(ADMIN, 2, "ett långt demolösenord")
    return folder


def source_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'kooperativ.db'}"


def snapshot(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every kind's table and of the audit trail, as stored, in order."""
    store = SqlStore(url)
    try:
        with store.unit_of_work(write=False) as uow:
            found: dict[str, list[tuple[object, ...]]] = {
                name: [(r.id, r.number, r.data, r.version) for r in uow.repository(name).stored()]
                for name in KINDS
            }
            found["audit"] = [tuple(sorted(row.items())) for row in uow.audit.stored()]  # type: ignore[misc]
        return found
    finally:
        store.close()


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return rows_in(connection)
    finally:
        engine.dispose()


def check_copy(folder: Path, target: str) -> None:
    code, out = run("db", "copy", "--coop", str(folder), "--to", target, "--json")
    assert code == 0, out
    result = json.loads(out)
    assert result["ok"] and result["audit"]["intact"] and not result["mismatches"]
    before = snapshot(source_url(folder))
    assert result["kinds"] == {name: len(before[name]) for name in KINDS}
    assert result["audit"]["events"] == len(before["audit"]) > 100
    for name in ("member", "invoice", "payment", "payroll_run", "payslip", "meeting", "voucher"):
        assert result["kinds"][name] > 0, name
    assert result["kinds"]["credential"] == 1
    assert snapshot(target) == before  # ids, numbers, texts, versions, the chain
    assert counts(target) == counts(source_url(folder))  # links, voucher lines, ballots
    # The copy is the cooperative: it verifies, balances and takes new records.
    with Cooperative.open(folder, target) as coop:
        assert coop.audit.verify(ADMIN).ok
        assert coop.ledger.trial_balance(ADMIN).total == 0
        added = coop.members.add(
            ADMIN, first_name="Ny", last_name="Medlem", person_id="191212121212"
        )
        assert added.number == len(before["member"]) + 1
        assert coop.audit.verify(ADMIN).ok


def test_sqlite_to_sqlite(populated: Path, tmp_path: Path) -> None:
    check_copy(populated, f"sqlite:///{tmp_path / 'copy.db'}")


@pytest.mark.postgres
def test_sqlite_to_postgresql(populated: Path, postgres_schema_url: str) -> None:
    check_copy(populated, postgres_schema_url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def target_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'target.db'}"
    else:
        yield request.getfixturevalue("postgres_schema_url")


def test_a_target_that_is_not_empty_is_refused(populated: Path, target_url: str) -> None:
    code, out = run("db", "copy", "--coop", str(populated), "--to", target_url)
    assert code == 0, out
    # A second copy into the same place: refused, naming it, and nothing written.
    written = snapshot(target_url)
    member = next(iter(written["member"]))
    code, out = run("db", "copy", "--coop", str(populated), "--to", target_url, "--lang", "en")
    assert code == 2, out
    assert "is not empty" in out and "members" in out
    assert SqlStore(target_url).url.split("?")[0] in out.replace("\n", "")
    assert snapshot(target_url) == written
    assert member in snapshot(target_url)["member"]


def test_a_target_with_tables_of_something_else_is_refused(populated: Path, tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE bokslut (id INTEGER)")
    code, out = run("db", "copy", "--coop", str(populated), "--to", f"sqlite:///{path}")
    assert code == 2, out
    assert "bokslut" in out
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            assert inspect(connection).get_table_names() == ["bokslut"]  # no schema made
            assert connection.execute(text("SELECT count(*) FROM bokslut")).scalar_one() == 0
    finally:
        engine.dispose()


def test_a_target_that_is_no_database_is_refused(populated: Path) -> None:
    code, out = run("db", "copy", "--coop", str(populated), "--to", "ftp://example.org/x")
    assert code == 2, out
    assert "ftp://example.org/x" in out


def test_the_cooperatives_own_database_is_refused(populated: Path) -> None:
    code, out = run("db", "copy", "--coop", str(populated), "--to", source_url(populated))
    assert code == 2, out
    before = counts(source_url(populated))
    assert counts(source_url(populated)) == before


def test_the_summary_fits_80_columns(populated: Path, tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'summary.db'}"
    code, out = run("db", "copy", "--coop", str(populated), "--to", target, "--lang", "en")
    assert code == 0, out
    assert all(len(line) <= 80 for line in out.splitlines()), out
    assert "Audit trail intact in the copy" in out
    assert "Payroll runs" in out and "Voucher lines" in out


def test_a_member_who_may_not_manage_may_not_copy(populated: Path, tmp_path: Path) -> None:
    target = tmp_path / "members.db"
    code, out = run(
        "db", "copy", "--coop", str(populated), "--to", f"sqlite:///{target}", "--as", "3"
    )
    assert code != 0, out
    assert not target.exists()

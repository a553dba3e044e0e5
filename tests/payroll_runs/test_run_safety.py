# SPDX-License-Identifier: EUPL-1.2
"""A payroll run is all or nothing and pays nobody twice, across processes.

* a process killed (SIGKILL) while it computes a run, inside its transaction, leaves no
  run, no payslip and no audit event: running the period again gives the whole run;
* two processes running the same period at once: exactly one computes it, the other is
  refused with a clear error (its run would have silently replaced a run it never saw);
* the same period run again after approval is refused, and every request is in exactly
  one payslip.

On SQLite (a file) and PostgreSQL; the crash and the race need real processes, so the
in-memory store is covered by ``test_runs.py`` only.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kooperativ import Cooperative
from kooperativ.errors import ConflictError
from kooperativ.services.payroll_runs import DELAY_ENV

from .conftest import ADMIN, NOW, PAY_DAY, approved_request

MEMBERS = 5
PERSON_IDS = ["196309101001", "196606061007", "196903021001", "197111271008", "197408231004"]

WORKER = """
import json, sys
from datetime import date, datetime, UTC
from kooperativ import Actor, Cooperative
from kooperativ.errors import KooperativError
folder, url = sys.argv[1], sys.argv[2]
def step(done, total):
    print("slip", done, total, flush=True)
with Cooperative.open(folder, url, clock=lambda: datetime(2026, 11, 27, 9, tzinfo=UTC),
                      upgrade=False) as coop:
    try:
        run = coop.payroll_runs.run(Actor.admin(), "2026-11", date(2026, 11, 25), progress=step)
        print("ok", json.dumps({"number": run.number, "payslips": run.payslips}), flush=True)
    except KooperativError as error:
        print("error", json.dumps({"code": error.code, "message": str(error)}), flush=True)
"""


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kooperativ.db'}"
    url: str = request.getfixturevalue("postgres_schema_url")
    return url


@pytest.fixture
def world(shared_url: str, tmp_path: Path) -> Iterator[tuple[Path, str, Cooperative]]:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, shared_url, clock=lambda: NOW) as coop:
        for n, pid in enumerate(PERSON_IDS[:MEMBERS]):
            member = coop.members.add(ADMIN, first_name=f"M{n}", last_name="Test", person_id=pid)
            approved_request(coop, member, "10000.00")
        yield folder, shared_url, coop


def _start(folder: Path, url: str, delay: str | None) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env.pop(DELAY_ENV, None)
    if delay:
        env[DELAY_ENV] = delay
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(folder), url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_inside(process: subprocess.Popen[str]) -> None:
    """Wait until the worker has computed its first payslip (it is inside the run's
    transaction, sleeping)."""
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("slip 1 "), (line, process.stderr.read() if process.stderr else "")


def _outcome(process: subprocess.Popen[str]) -> tuple[str, dict[str, object]]:
    out, err = process.communicate(timeout=120)
    last = [line for line in out.splitlines() if not line.startswith("slip")]
    assert last, err
    kind, data = last[-1].split(" ", 1)
    return kind, json.loads(data)


def test_a_run_killed_inside_its_transaction_leaves_nothing(
    world: tuple[Path, str, Cooperative],
) -> None:
    folder, url, coop = world
    events = len(coop.audit.events(ADMIN))
    process = _start(folder, url, "2")
    _wait_inside(process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert coop.payroll_runs.list(ADMIN) == []
    assert len(coop.audit.events(ADMIN)) == events
    # the whole run, after the crash: numbered 1, with every member
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    assert (run.number, run.payslips) == (1, MEMBERS)
    assert coop.audit.verify(ADMIN).ok


def test_two_runs_of_a_period_at_once_one_wins_the_other_is_refused(
    world: tuple[Path, str, Cooperative],
) -> None:
    folder, url, coop = world
    first = _start(folder, url, "2")  # 10 s inside: the second starts meanwhile
    _wait_inside(first)
    second = _start(folder, url, None)
    outcomes = [_outcome(first), _outcome(second)]
    assert outcomes[0] == ("ok", {"number": 1, "payslips": MEMBERS})
    kind, error = outcomes[1]
    assert kind == "error" and error["code"] == "conflict", outcomes
    assert "computed by someone else meanwhile" in str(error["message"])
    (run,) = coop.payroll_runs.list(ADMIN)
    slips = coop.payroll_runs.payslips(ADMIN, run.number)
    assert len(slips) == MEMBERS
    assert coop.audit.verify(ADMIN).ok


def test_the_same_period_run_again_pays_nobody_twice(
    world: tuple[Path, str, Cooperative],
) -> None:
    _, _, coop = world
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)  # a draft: computed again
    coop.payroll_runs.approve(ADMIN, run.number)
    coop.payroll_runs.mark_paid(ADMIN, run.number)
    with pytest.raises(ConflictError, match="is paid: it is not computed again"):
        coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    requests = coop.salary_requests.list(ADMIN)
    assert {r.status.value for r in requests} == {"paid"}
    slips = coop.payroll_runs.period_payslips(ADMIN, "2026-11")
    numbers = [n for s in slips for n in s.request_numbers]
    assert sorted(numbers) == sorted(r.number for r in requests)  # each exactly once
    assert coop.ledger.balance(ADMIN, 2820) == 0

# SPDX-License-Identifier: EUPL-1.2
"""What each process of a race does: open the cooperative, wait for the others, call the
real services, and report every outcome (kept, or refused with which error).

Run in separate processes (``spawn``) by ``tests/concurrency/conftest.py``. Nothing here
retries on the caller's side: a write either succeeds or its error is reported.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from typing import Any, Protocol

from kooperativ import Actor, Cooperative
from kooperativ.errors import KooperativError
from kooperativ.members.models import Role

NOW = datetime(2027, 3, 20, 9, 0, tzinfo=UTC)
SIGNED = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)

#: One outcome: ``("ok", value)`` or ``("error", code, message)``.
Outcome = tuple[Any, ...]


class Barrier(Protocol):
    """A ``multiprocessing`` barrier (through a manager) every racer waits at."""

    def wait(self, timeout: float | None = None) -> int: ...


def personnummer(n: int) -> str:
    """A valid, fictional personnummer, distinct for each ``n`` < 36 500 000."""
    day = date(1950, 1, 1).toordinal() + n % 18250
    born = date.fromordinal(day)
    serial = 100 + n // 18250
    digits = f"{born:%y%m%d}{serial:03d}"
    total = 0
    for index, digit in enumerate(digits):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{born:%Y%m%d}{serial:03d}{(10 - total % 10) % 10}"


def _open(folder: str, url: str) -> Cooperative:
    return Cooperative.open(folder, url, clock=lambda: NOW, upgrade=False)


def _attempt(outcomes: list[Outcome], action: Any) -> None:
    try:
        outcomes.append(("ok", action()))
    except KooperativError as error:
        outcomes.append(("error", error.code, str(error)))
    except Exception as error:  # a raw driver error: the bug these races look for
        outcomes.append(("crash", type(error).__name__, str(error)[:200]))


def upgrade(folder: str, url: str, barrier: Barrier) -> list[Outcome]:
    """Open an empty database and bring it up to date, all at once."""
    from kooperativ.storage import open_store

    store = open_store(url)
    outcomes: list[Outcome] = []
    barrier.wait(60)
    _attempt(outcomes, lambda: store.upgrade())
    store.close()
    return outcomes


def add_members(folder: str, url: str, barrier: Barrier, worker: int, count: int) -> list[Outcome]:
    """Register ``count`` members (each with its own personnummer), no retry."""
    outcomes: list[Outcome] = []
    with _open(folder, url) as coop:
        admin = Actor.admin(f"admin {worker}")
        barrier.wait(60)
        for n in range(count):
            _attempt(
                outcomes,
                lambda n=n: (
                    coop.members.add(
                        admin,
                        first_name=f"P{worker}",
                        last_name=f"N{n}",
                        person_id=personnummer(worker * 100_000 + n),
                    ).number
                ),
            )
    return outcomes


def book_vouchers(
    folder: str, url: str, barrier: Barrier, worker: int, count: int
) -> list[Outcome]:
    """Book ``count`` balanced vouchers in series M (the ledger), no retry."""
    outcomes: list[Outcome] = []
    with _open(folder, url) as coop:
        admin = Actor.admin(f"admin {worker}")
        barrier.wait(60)
        for n in range(count):
            data = {
                "series": "M",
                "date": date(2026, 6, 1 + n % 28),
                "text": f"Worker {worker}, voucher {n}",
                "lines": [
                    {"account": 1930, "amount": f"{worker + 1}.{n % 100:02d}"},
                    {"account": 3041, "amount": f"-{worker + 1}.{n % 100:02d}"},
                ],
            }
            _attempt(outcomes, lambda data=data: coop.ledger.book(admin, data).serial)
    return outcomes


def vote(folder: str, url: str, barrier: Barrier, members: list[int]) -> list[Outcome]:
    """Each of ``members`` votes yes on motion 1 of meeting 1, for themself."""
    outcomes: list[Outcome] = []
    with _open(folder, url) as coop:
        voters = [coop.actor_for_member(n) for n in members]
        barrier.wait(60)
        for voter in voters:
            _attempt(
                outcomes,
                lambda voter=voter: coop.governance.vote(voter, 1, motion=1, choice="yes").number,
            )
    return outcomes


def sign(
    folder: str, url: str, barrier: Barrier, party: str, contracts: list[int]
) -> list[Outcome]:
    """Sign each contract as ``party``: the employee themself, or the treasurer (member 1)."""
    outcomes: list[Outcome] = []
    with _open(folder, url) as coop:
        signers: dict[int, Actor] = {}
        for number in contracts:
            contract = coop.contracts.get(Actor.admin(), number)
            owner = coop.members.get(Actor.admin(), contract.member_id)
            signers[number] = coop.actor_for_member(owner.number if party == "employee" else 1)
        barrier.wait(60)
        for number in contracts:
            _attempt(
                outcomes,
                lambda number=number: (
                    coop.contracts.sign(signers[number], number, party, SIGNED).number
                ),
            )
    return outcomes


def confirm_hours(
    folder: str, url: str, barrier: Barrier, worker: int, reports: list[int]
) -> list[Outcome]:
    """Confirm each report of hours, as one of several treasurers."""
    outcomes: list[Outcome] = []
    with _open(folder, url) as coop:
        treasurer = Actor(name=f"kassör {worker}", roles=frozenset({Role.TREASURER}))
        barrier.wait(60)
        for number in reports:
            _attempt(
                outcomes,
                lambda number=number: coop.employment.confirm_hours(treasurer, number).number,
            )
    return outcomes


def change_members(
    folder: str, url: str, barrier: Barrier, change: str, members: list[int]
) -> list[Outcome]:
    """Give each member the board role, or record their resignation."""
    outcomes: list[Outcome] = []
    with _open(folder, url) as coop:
        admin = Actor.admin(f"admin {change}")
        barrier.wait(60)

        def roles(number: int) -> int:
            return coop.members.set_roles(admin, number, frozenset({Role.BOARD})).number

        def resign(number: int) -> int:
            return coop.members.resign(admin, number, date(2027, 3, 1)).number

        for number in members:
            action = roles if change == "roles" else resign
            _attempt(outcomes, lambda number=number, action=action: action(number))
    return outcomes


def read_while_writing(
    folder: str, url: str, barrier: Barrier, role: str, hold: float
) -> list[Outcome]:
    """``writer``: hold a write unit of work for ``hold`` s; ``reader``: read meanwhile."""
    from kooperativ.storage import SqlStore

    outcomes: list[Outcome] = []
    store = SqlStore(url, lock_timeout=hold / 3)
    try:
        if role == "writer":
            with store.unit_of_work() as uow:
                uow.members.count()  # the write lock is held from here
                barrier.wait(60)
                threading.Event().wait(hold)
            outcomes.append(("ok", "wrote"))
        else:
            barrier.wait(60)
            threading.Event().wait(hold / 6)  # the writer holds the lock now

            def read() -> int:
                with store.unit_of_work(write=False) as uow:
                    return uow.members.count()

            _attempt(outcomes, read)
    finally:
        store.close()
    return outcomes


def audit_problems(coop: Cooperative) -> list[str]:
    """Every error ``audit verify`` finds."""
    report = coop.audit.verify(Actor.admin())
    return [str(p) for p in report.problems if p.severity == "error"]

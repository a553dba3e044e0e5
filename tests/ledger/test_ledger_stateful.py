# SPDX-License-Identifier: EUPL-1.2
"""A random sequence of bookings, refused bookings, corrections and closings, on every
backend: the ledger always balances, each member's balance is the sum of their entries and
equals a simple model, and every series is numbered 1, 2, 3 … without a gap."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
)
from sqlalchemy import delete

from kooperativ import Actor, Cooperative
from kooperativ.accounts.ledger import parse_period
from kooperativ.errors import ConflictError, InputError
from kooperativ.members.models import Role
from kooperativ.storage import MemoryStore, SqlStore
from kooperativ.storage.sql import METADATA

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
TREASURER = Actor(name="kassör", roles=frozenset({Role.TREASURER}))
ACCOUNTS = (1510, 1930, 2611, 2890, 3041, 7010)
MEMBER_ACCOUNT = 2890
SERIES = ("A", "B", "M")
FIRST_DAY = date(2026, 1, 1)
D = Decimal

amounts = st.integers(min_value=1, max_value=10_000_000).map(lambda ore: D(ore).scaleb(-2))
days = st.integers(min_value=0, max_value=300).map(lambda n: FIRST_DAY + timedelta(days=n))
months = st.integers(min_value=1, max_value=10).map(lambda m: f"2026-{m:02d}")


@st.composite
def balanced_lines(draw: Callable[..., Any], members: int) -> list[tuple[int, Decimal, int | None]]:
    """2–6 lines (account, amount, member index) adding up to zero."""
    count = draw(st.integers(min_value=1, max_value=5))
    lines: list[tuple[int, Decimal, int | None]] = []
    for _ in range(count):
        account = draw(st.sampled_from(ACCOUNTS))
        member = draw(st.integers(0, members - 1)) if account == MEMBER_ACCOUNT else None
        sign = draw(st.sampled_from((1, -1)))
        lines.append((account, sign * draw(amounts), member))
    rest = -sum((amount for _, amount, _ in lines), D("0.00"))
    if rest == 0:
        rest = D("0.01")
        lines.append((1930, D("-0.01"), None))
    account = draw(st.sampled_from(ACCOUNTS))
    member = draw(st.integers(0, members - 1)) if account == MEMBER_ACCOUNT else None
    lines.append((account, rest, member))
    return lines


class LedgerMachine(RuleBasedStateMachine):
    """The ledger against a model: the vouchers booked, their lines, the closed months."""

    coop: Cooperative
    reset: Callable[[], None]

    booked = Bundle("booked")

    def __init__(self) -> None:
        super().__init__()
        type(self).reset()
        admin = Actor.admin()
        self.members = [
            self.coop.members.add(admin, first_name=n, last_name="Test", person_id=p)
            for n, p in (("Ada", "198503129804"), ("Bo", "19780923-9804"), ("Cy", "20030815-9805"))
        ]
        self.lines: list[tuple[int, Decimal, int | None]] = []
        self.serials: dict[str, int] = defaultdict(int)
        self.count = 0
        self.corrected: set[str] = set()
        self.closed: list[tuple[date, date]] = []

    def _is_closed(self, day: date) -> bool:
        return any(start <= day <= end for start, end in self.closed)

    def _data(
        self, series: str, day: date, lines: list[tuple[int, Decimal, int | None]]
    ) -> dict[str, Any]:
        return {
            "series": series,
            "date": day,
            "text": f"Test {self.count + 1}",
            "lines": [
                {"account": account, "amount": str(amount)}
                | ({} if member is None else {"member": self.members[member].number})
                for account, amount, member in lines
            ],
        }

    def _booked(self, series: str, lines: list[tuple[int, Decimal, int | None]]) -> str:
        self.serials[series] += 1
        self.count += 1
        self.lines += lines
        return f"{series}{self.serials[series]}"

    @rule(target=booked, series=st.sampled_from(SERIES), day=days, lines=balanced_lines(3))
    def book(self, series: str, day: date, lines: list[tuple[int, Decimal, int | None]]) -> str:
        data = self._data(series, day, lines)
        if self._is_closed(day):
            with pytest.raises(InputError, match="closed period"):
                self.coop.ledger.book(TREASURER, data)
            return "refused"
        voucher = self.coop.ledger.book(TREASURER, data)
        label = self._booked(series, lines)
        assert (voucher.label, voucher.number) == (label, self.count)
        return label

    @rule(series=st.sampled_from(SERIES), day=days, lines=balanced_lines(3), error=amounts)
    def book_unbalanced(
        self, series: str, day: date, lines: list[tuple[int, Decimal, int | None]], error: Decimal
    ) -> None:
        account, amount, member = lines[-1]
        lines = [*lines[:-1], (account, amount + error, member)]
        if amount + error == 0:
            return
        with pytest.raises(InputError):
            self.coop.ledger.book(TREASURER, self._data(series, day, lines))

    @rule(label=consumes(booked), day=days)
    def correct(self, label: str, day: date) -> None:
        if label == "refused":
            return
        series, serial = label[:1], int(label[1:])
        if label in self.corrected:
            with pytest.raises(ConflictError):
                self.coop.ledger.correct(TREASURER, series, serial, "igen", on=day)
            return
        if self._is_closed(day):
            with pytest.raises(InputError, match="closed period"):
                self.coop.ledger.correct(TREASURER, series, serial, "fel", on=day)
            return
        original = self.coop.ledger.get(TREASURER, series, serial)
        members = {m.id: index for index, m in enumerate(self.members)}
        reversed_lines = [
            (
                line.account,
                -line.amount,
                None if line.member_id is None else members[line.member_id],
            )
            for line in original.lines
        ]
        voucher = self.coop.ledger.correct(TREASURER, series, serial, "fel", on=day)
        assert voucher.label == self._booked(series, reversed_lines)
        assert voucher.corrects is not None and voucher.corrects.label == label
        self.corrected.add(label)

    @rule(month=months)
    def close(self, month: str) -> None:
        period = parse_period(month)
        if self._is_closed(period.start):
            with pytest.raises(ConflictError):
                self.coop.ledger.close_period(TREASURER, month)
            return
        self.coop.ledger.close_period(TREASURER, month)
        self.closed.append((period.start, period.end))

    @invariant()
    def the_ledger_balances(self) -> None:
        trial = self.coop.ledger.trial_balance(TREASURER)
        assert trial.total == 0
        expected: dict[int, Decimal] = defaultdict(lambda: D("0.00"))
        for account, amount, _ in self.lines:
            expected[account] += amount
        assert {r.account: r.balance for r in trial.rows} == dict(expected)

    @invariant()
    def member_balances_are_the_sums_of_their_entries(self) -> None:
        with self.coop.store.unit_of_work(write=False) as uow:
            by_member = uow.vouchers.balances_by_member(MEMBER_ACCOUNT)
            for index, member in enumerate(self.members):
                expected = sum(
                    (a for acc, a, m in self.lines if acc == MEMBER_ACCOUNT and m == index),
                    D("0.00"),
                )
                entries = uow.vouchers.entries(account=MEMBER_ACCOUNT, member_id=member.id)
                balance = uow.vouchers.member_balance(member.id, account=MEMBER_ACCOUNT)
                assert balance == sum((e.amount for e in entries), D("0.00")) == expected
                assert by_member.get(member.id, D("0.00")) == expected
        account = self.coop.ledger.member_account(TREASURER, self.members[0].number)
        assert account.closing == -sum(
            (a for acc, a, m in self.lines if acc == MEMBER_ACCOUNT and m == 0), D("0.00")
        )

    @invariant()
    def every_series_is_gapless(self) -> None:
        vouchers = self.coop.ledger.list(TREASURER)
        assert [v.number for v in vouchers] == list(range(1, self.count + 1))
        for series in SERIES:
            serials = [v.serial for v in vouchers if v.series == series]
            assert serials == list(range(1, self.serials[series] + 1))


def test_the_ledger_after_any_sequence_of_operations(tmp_path: Path, database_url: str) -> None:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=lambda: NOW) as coop:

        def reset() -> None:
            if isinstance(coop.store, SqlStore):
                with coop.store.engine.begin() as connection:
                    for table in reversed(METADATA.sorted_tables):
                        connection.execute(delete(table))
            else:
                coop.store = MemoryStore()

        machine = type("Machine", (LedgerMachine,), {"coop": coop, "reset": staticmethod(reset)})
        memory = database_url == "memory://"
        machine.TestCase.settings = settings(
            max_examples=40 if memory else 12,
            stateful_step_count=25 if memory else 15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        )
        machine.TestCase().runTest()

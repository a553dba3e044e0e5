# SPDX-License-Identifier: EUPL-1.2
"""Invariants of approved expenses, for any amounts: each voucher balances, splits the
amount exactly into cost and VAT, and the member's account grows by exactly the amounts
approved (memory store, so that hypothesis can try many)."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kooperativ import Actor, Cooperative

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

ore = st.integers(min_value=1, max_value=10_000_000)


@st.composite
def expenses(draw: st.DrawFn) -> tuple[Decimal, Decimal]:
    amount = draw(ore)
    vat = draw(st.integers(min_value=0, max_value=amount))
    return Decimal(amount).scaleb(-2), Decimal(vat).scaleb(-2)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(expenses(), min_size=1, max_size=4))
def test_approved_expenses_balance_and_add_up(claims: list[tuple[Decimal, Decimal]]) -> None:
    folder = Cooperative.init(Path(tempfile.mkdtemp()) / "coop", "interim_kultur")
    admin = Actor.admin()
    with Cooperative.open(folder, "memory://", clock=lambda: NOW) as coop:
        ada = coop.members.add(admin, first_name="Ada", last_name="Lind", person_id="198503129804")
        for amount, vat in claims:
            expense = coop.expenses.add(
                admin,
                member=ada.number,
                date=date(2026, 5, 4),
                description="Material",
                receipt="K",
                amount=amount,
                vat=vat,
            )
            assert expense.net + expense.vat == expense.amount
            coop.expenses.approve(admin, expense.number)
        vouchers = coop.ledger.list(admin)
        assert len(vouchers) == len(claims)
        for voucher, (amount, vat) in zip(vouchers, claims, strict=True):
            assert sum(line.amount for line in voucher.lines) == 0
            by_account = {line.account: line.amount for line in voucher.lines}
            assert by_account.get(6990, Decimal(0)) == amount - vat
            assert by_account.get(2641, Decimal(0)) == vat
            assert by_account[2890] == -amount
        total = sum((amount for amount, _ in claims), Decimal("0.00"))
        assert coop.ledger.member_account(admin, ada.number).closing == total
        assert coop.ledger.trial_balance(admin).total == 0

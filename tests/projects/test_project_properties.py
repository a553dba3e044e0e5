# SPDX-License-Identifier: EUPL-1.2
"""Whatever is received and moved, in whatever order: the money never goes below zero,
no rule's limit or salary budget is passed, and the report adds up to the öre with the
ledger and the members' accounts."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kooperativ import Actor, Cooperative
from kooperativ.errors import InputError
from kooperativ.members.models import Role
from kooperativ.money import ZERO_ORE

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
TREASURER = Actor(name="kassör", roles=frozenset({Role.TREASURER}))

amounts = st.integers(min_value=1, max_value=4_000_000).map(lambda ore: Decimal(ore).scaleb(-2))
steps = st.lists(st.tuples(st.sampled_from(["receive", "move 1", "move 2"]), amounts), max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=steps)
def test_any_sequence_keeps_the_project_whole(steps: list[tuple[str, Decimal]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Cooperative.init(Path(tmp) / "coop", "interim_kultur")
        with Cooperative.open(folder, "memory://", clock=lambda: NOW) as coop:
            admin = Actor.admin()
            for first, pid in (("Ada", "198503129804"), ("Bo", "19780923-9804")):
                coop.members.add(admin, first_name=first, last_name="Lind", person_id=pid)
            coop.projects.create(
                admin,
                name="P",
                owners=[1, 2],
                start=date(2026, 1, 1),
                end=date(2026, 12, 31),
                budget={"salaries": "50000.00"},
                rules=[{"member": 1, "limit": "30000.00"}, {"member": 2, "limit": "25000.00"}],
                status="active",
            )
            coop.projects.add_grant(
                admin,
                1,
                grantor="Region",
                decision="R 1",
                decided_on=date(2026, 1, 1),
                amount="60000.00",
                start=date(2026, 1, 1),
                end=date(2026, 12, 31),
            )
            received = moved = ZERO_ORE
            for what, amount in steps:
                try:
                    if what == "receive":
                        coop.projects.receive(TREASURER, 1, amount, on=date(2026, 3, 1))
                        received += amount
                    else:
                        member = int(what[-1])
                        coop.projects.move_to_member(admin, 1, member, amount, on=date(2026, 3, 2))
                        moved += amount
                except InputError:
                    pass  # refused, with nothing written (checked by the sums below)
                report = coop.projects.report(TREASURER, 1)
                assert report.grants_received == received <= Decimal("60000.00")
                assert report.salaries == moved <= Decimal("50000.00")
                assert report.remaining == received - moved >= 0
                ada = coop.ledger.member_account(TREASURER, 1).closing
                bo = coop.ledger.member_account(TREASURER, 2).closing
                assert ada <= Decimal("30000.00") and bo <= Decimal("25000.00")
                assert ada + bo == moved
                assert coop.ledger.trial_balance(TREASURER).total == ZERO_ORE

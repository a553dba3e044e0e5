# SPDX-License-Identifier: EUPL-1.2
"""The board approves a planned assignment: it becomes active with its draft contract in
one unit of work, or stays planned with no contract when the contract cannot be made."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kooperativ import Actor, ConflictError, Cooperative, InputError, PermissionDenied, Role

NOW = datetime(2026, 8, 20, 9, 0, tzinfo=UTC)
ADMIN = Actor.admin()


@pytest.fixture
def coop(tmp_path: Path, database_url: str) -> Iterator[Cooperative]:
    """Alva (1, member), Bruno (2, treasurer), Cecilia (3, applicant); a planned
    assignment each of Alva's (1) and Cecilia's (2), and one of Alva's that is over (3)."""
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=lambda: NOW) as opened:
        for first, person, status, roles in (
            ("Alva", "19850312-9804", "member", frozenset[Role]()),
            ("Bruno", "19910704-9802", "member", frozenset({Role.TREASURER})),
            ("Cecilia", "19780923-9804", "applicant", frozenset[Role]()),
        ):
            opened.members.add(
                ADMIN, first_name=first, last_name="Ek", person_id=person, status=status,
                joined_on=date(2024, 3, 1) if status == "member" else None, roles=roles,
            )  # fmt: skip
        opened.clients.add(ADMIN, name="Teatern AB", orgnr="559912-3451")
        for member, start, end in (
            (1, date(2026, 9, 1), date(2026, 9, 30)),
            (3, date(2026, 9, 1), date(2026, 9, 30)),
            (1, date(2026, 6, 1), date(2026, 6, 30)),
        ):
            opened.assignments.add(
                ADMIN, member=member, client=1, description="Scenografi", start=start,
                end=end, agreed_amount="30000", status="planned",
            )  # fmt: skip
        yield opened


def written(coop: Cooperative) -> tuple[list[str], int, int]:
    """The assignments' statuses, the number of contracts and of audit events."""
    statuses = [a.status.value for a in coop.assignments.list(ADMIN)]
    return statuses, len(coop.contracts.list(ADMIN)), len(coop.audit.events(ADMIN))


def test_approving_makes_the_assignment_active_with_its_draft_contract(
    coop: Cooperative,
) -> None:
    treasurer = coop.actor_for_member(2)
    contract = coop.assignments.approve(treasurer, 1, made_on=NOW.date())
    assert coop.assignments.get(ADMIN, 1).status.value == "active"
    assert contract.assignment_ids == (coop.assignments.get(ADMIN, 1).id,)
    assert (contract.made_on, contract.signed_by_employee, contract.signed_by_employer) == (
        NOW.date(),
        None,
        None,
    )
    actions = [e.action for e in coop.audit.events(ADMIN)][-2:]
    assert actions == ["assignment.status", "contract.create"]


@pytest.mark.parametrize(
    ("number", "error"),
    [(2, InputError), (3, InputError)],  # an applicant is not employed; the work is over
)
def test_a_contract_that_cannot_be_made_leaves_the_assignment_planned(
    coop: Cooperative, number: int, error: type[Exception]
) -> None:
    before = written(coop)
    with pytest.raises(error):
        coop.assignments.approve(ADMIN, number, made_on=NOW.date())
    assert written(coop) == before


def test_a_cancelled_assignment_is_not_approved(coop: Cooperative) -> None:
    coop.assignments.set_status(ADMIN, 1, "cancelled")
    before = written(coop)
    with pytest.raises(ConflictError):
        coop.assignments.approve(ADMIN, 1, made_on=NOW.date())
    assert written(coop) == before


def test_a_plain_member_may_not_approve(coop: Cooperative) -> None:
    before = written(coop)
    with pytest.raises(PermissionDenied):
        coop.assignments.approve(coop.actor_for_member(1), 1, made_on=NOW.date())
    assert written(coop) == before

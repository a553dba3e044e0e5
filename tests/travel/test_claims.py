# SPDX-License-Identifier: EUPL-1.2
"""Travel claims stored and paid: computed by the Swedish rules when made (the worked
example of docs/travel.md, by hand: 555 + 3 200 tax-free, 345 + 640 taxable), approved by
someone other than the member, on the member's statement, and what the payroll pays."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.errors import ConflictError, InputError, NotFoundError, PermissionDenied
from kooperativ.members.models import Role
from kooperativ.travel.claims import TravelClaimStatus

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

#: docs/travel.md: Anna in Umeå, 2–4 March 2026, hotel with breakfast, lunch on Tuesday.
UMEA: dict[str, Any] = {
    "departure": datetime(2026, 3, 2, 8, 0),
    "returned": datetime(2026, 3, 4, 17, 0),
    "km_from_home": "640",
    "km_from_workplace": "640",
    "nights": 2,
    "lodging_paid": True,
    "meals": [
        {"day": date(2026, 3, 3), "breakfast": True, "lunch": True},
        {"day": date(2026, 3, 4), "breakfast": True},
    ],
}


@pytest.fixture
def coop(tmp_path: Path, database_url: str) -> Iterator[Cooperative]:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=lambda: NOW) as opened:
        admin = Actor.admin()
        opened.members.add(admin, first_name="Ada", last_name="Lind", person_id="198503129804")
        opened.members.add(
            admin,
            first_name="Tove",
            last_name="Kassör",
            person_id="199107049802",
            roles=frozenset({Role.TREASURER}),
        )
        yield opened


def _umea(coop: Cooperative, actor: Actor | None = None) -> Any:
    return coop.travel.claim(
        actor or coop.actor_for_member(1),
        member=1,
        destination="Umeå",
        trip=UMEA,
        per_diem="900",
        mileage={"distance": "1280"},
        mileage_paid="3840",
        purpose="Tre konserter",
    )


def test_the_worked_example_is_stored_with_its_split(coop: Cooperative) -> None:
    claim = _umea(coop)
    assert claim.number == 1 and claim.status is TravelClaimStatus.REQUESTED
    assert (claim.per_diem_tax_free, claim.per_diem_taxable) == (Decimal("555.00"), 345)
    assert (claim.mileage_tax_free, claim.mileage_taxable) == (Decimal("3200.00"), 640)
    assert (claim.paid, claim.tax_free, claim.taxable) == (4740, 3755, 985)
    assert claim.date == date(2026, 3, 4)
    assert [(b.code, b.value) for b in claim.reporting] == [
        ("051", True), ("011", Decimal("345.00")), ("050", True), ("011", Decimal("640.00")),
    ]  # fmt: skip
    assert coop.travel.get(Actor.admin(), 1) == claim
    assert [e.action for e in coop.audit.events(Actor.admin())][-1] == "travel.claim"


def test_paid_defaults_to_the_tax_free_maximum(coop: Cooperative) -> None:
    claim = coop.travel.claim(
        Actor.admin(), member=1, destination="Umeå", trip=UMEA, mileage={"distance": "1280"}
    )
    # 300 + 135 + 120 per diem; 128 mil × 25 kr.
    assert (claim.per_diem_paid, claim.mileage_paid) == (555, 3200)
    assert claim.taxable == 0 and claim.tax_free == 3755


def test_mileage_alone_needs_a_day(coop: Cooperative) -> None:
    with pytest.raises(InputError) as caught:
        coop.travel.claim(Actor.admin(), member=1, destination="X", mileage={"distance": "10"})
    assert caught.value.field == "on"
    claim = coop.travel.claim(
        Actor.admin(), member=1, destination="X", mileage={"distance": "100"}, on=date(2026, 5, 4)
    )
    assert (claim.paid, claim.tax_free, claim.date) == (250, 250, date(2026, 5, 4))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "trip"),
        ({"per_diem": "100", "mileage": {"distance": "10"}, "on": date(2026, 5, 4)}, "per_diem"),
        ({"trip": UMEA, "per_diem": "-1"}, "per_diem"),
        ({"trip": UMEA, "per_diem": "1.001"}, "per_diem"),
        ({"trip": UMEA, "mileage_paid": "10"}, "mileage_paid"),
        ({"trip": {**UMEA, "nights": 5}}, "nights"),
        ({"trip": UMEA, "destination": " "}, "destination"),
        ({"trip": {**UMEA, "km_from_home": "20", "km_from_workplace": "20"}}, "per_diem"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    coop: Cooperative, fields: dict[str, Any], field: str
) -> None:
    arguments: dict[str, Any] = {"member": 1, "destination": "Umeå", **fields}
    with pytest.raises(InputError) as caught:
        coop.travel.claim(Actor.admin(), **arguments)
    assert caught.value.field == field
    assert coop.travel.list(Actor.admin()) == []


def test_no_one_approves_their_own(coop: Cooperative) -> None:
    tove = coop.actor_for_member(2)
    mine = coop.travel.claim(
        tove, member=2, destination="Luleå", mileage={"distance": "90"}, on=date(2026, 5, 4)
    )
    with pytest.raises(PermissionDenied):
        coop.travel.approve(tove, mine.number)
    with pytest.raises(PermissionDenied):
        coop.travel.approve(coop.actor_for_member(1), mine.number)  # not an officer
    assert coop.travel.get(Actor.admin(), mine.number).status is TravelClaimStatus.REQUESTED
    with pytest.raises(PermissionDenied):
        coop.travel.claim(
            coop.actor_for_member(1), member=2, destination="X", trip=UMEA
        )  # another member's


def test_approve_reject_and_decide_once(coop: Cooperative) -> None:
    tove = coop.actor_for_member(2)
    _umea(coop)
    approved = coop.travel.approve(tove, 1)
    assert approved.status is TravelClaimStatus.APPROVED and approved.decided_by == "Tove Kassör"
    with pytest.raises(ConflictError):
        coop.travel.reject(tove, 1, "fel")
    _umea(coop)
    with pytest.raises(InputError):
        coop.travel.reject(tove, 2, " ")
    rejected = coop.travel.reject(tove, 2, "dubbel")
    assert (rejected.status, rejected.reason) == (TravelClaimStatus.REJECTED, "dubbel")
    assert [c.number for c in coop.travel.list(tove, status="approved")] == [1]
    with pytest.raises(InputError):
        coop.travel.list(tove, status="booked")
    with pytest.raises(NotFoundError):
        coop.travel.get(tove, 9)


def test_payroll_gets_what_is_due_and_marks_it_paid_once(coop: Cooperative) -> None:
    admin, tove = Actor.admin(), coop.actor_for_member(2)
    _umea(coop)
    coop.travel.claim(
        admin, member=1, destination="Kiruna", mileage={"distance": "100"}, on=date(2026, 4, 2)
    )
    coop.travel.approve(tove, 1)
    coop.travel.approve(tove, 2)
    assert [c.number for c in coop.travel.payable(admin, 1, date(2026, 3, 25))] == [1]
    assert [c.number for c in coop.travel.payable(admin, 1, date(2026, 4, 25))] == [1, 2]
    assert coop.travel.payable(admin, 2, date(2026, 4, 25)) == []
    with pytest.raises(ConflictError):  # dated after the pay day
        coop.travel.mark_paid(admin, [1, 2], paid_on=date(2026, 3, 25), reference="L1")
    assert coop.travel.get(admin, 1).status is TravelClaimStatus.APPROVED  # all or none
    with pytest.raises(PermissionDenied):
        coop.travel.mark_paid(
            coop.actor_for_member(1), [1], paid_on=date(2026, 3, 25), reference="L1"
        )
    (paid,) = coop.travel.mark_paid(tove, [1], paid_on=date(2026, 3, 25), reference="L1")
    assert (paid.status, paid.paid_on, paid.paid_by) == ("paid", date(2026, 3, 25), "L1")
    with pytest.raises(ConflictError):
        coop.travel.mark_paid(tove, [1], paid_on=date(2026, 4, 25), reference="L2")
    assert [c.number for c in coop.travel.payable(admin, 1, date(2026, 4, 25))] == [2]


def test_on_the_members_statement(coop: Cooperative) -> None:
    admin, tove = Actor.admin(), coop.actor_for_member(2)
    _umea(coop)
    _umea(coop)
    coop.travel.approve(tove, 1)
    march = coop.statements.member(coop.actor_for_member(1), 1, period="2026-03")
    assert [c.number for c in march.travel] == [1]  # the requested one is not yet
    assert (march.travel_tax_free, march.travel_taxable) == (3755, 985)
    shown = march.as_dict()
    assert shown["travel"][0]["tax_free"] == "3755.00" and shown["travel_taxable"] == "985.00"
    assert coop.statements.member(admin, 1, period="2026-04").travel == ()
    assert coop.statements.pdf(admin, 1, period="2026-03").startswith(b"%PDF-")


def test_an_approved_claim_is_reserved_from_what_a_salary_may_use(coop: Cooperative) -> None:
    admin, tove = Actor.admin(), coop.actor_for_member(2)
    coop.ledger.book(
        admin,
        {
            "series": "M",
            "date": date(2026, 3, 1),
            "text": "Insättning",
            "lines": [
                {"account": 1930, "amount": "10000.00"},
                {"account": 2890, "amount": "-10000.00", "member": 1},
            ],
        },
    )
    _umea(coop)
    assert coop.salary_requests.availability(admin, 1).available == 10000
    coop.travel.approve(tove, 1)
    assert coop.salary_requests.availability(admin, 1).available == 10000 - 4740

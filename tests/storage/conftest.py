# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the storage contract suite (the backends come from ``tests/conftest.py``)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import pytest

from kooperativ._model import Record
from kooperativ.assignments.models import Assignment, AssignmentStatus
from kooperativ.audit import GENESIS, AuditEvent, chain_hash
from kooperativ.clients.models import Client
from kooperativ.employment.models import (
    EmploymentContract,
    EmploymentType,
    HolidayPayTerms,
    HoursReport,
)
from kooperativ.governance.bylaws import parse_bylaws
from kooperativ.governance.meeting import (
    Meeting,
    add_election,
    add_motion,
    add_proxy,
    attend,
    cast_vote,
    close_meeting,
    count_election,
    count_motion,
    new_meeting,
    record_notice,
)
from kooperativ.governance.register import MembershipFee, Registrant
from kooperativ.members.models import Address, Member, MemberStatus, Role, TaxSettings
from kooperativ.storage import Store, open_store

STOCKHOLM_SUMMER = timezone(timedelta(hours=2))


def _member(number: int = 1, **changes: object) -> Member:
    """A minimal valid member."""
    data: dict[str, object] = {
        "number": number,
        "first_name": "Astrid",
        "last_name": "Lindgren",
        "person_id": "190711149999",
        "birth_date": date(1907, 11, 14),
    }
    data.update(changes)
    return Member.model_validate(data)


def _client(number: int = 1, **changes: object) -> Client:
    """A minimal valid client."""
    data: dict[str, object] = {"number": number, "name": f"Kund {number}", "orgnr": "5560360793"}
    data.update(changes)
    return Client.model_validate(data)


def _audit_chain(count: int, start: datetime | None = None) -> list[AuditEvent]:
    """``count`` correctly chained audit events."""
    at = start or datetime(2025, 3, 1, 9, 30, tzinfo=STOCKHOLM_SUMMER)
    events: list[AuditEvent] = []
    previous = GENESIS
    state: str | None = None
    for seq in range(1, count + 1):
        # One record, added then changed: each before-hash is the previous after-hash.
        after = hashlib.sha256(f"state {seq}".encode()).hexdigest()
        event = AuditEvent(
            seq=seq,
            at=at + timedelta(minutes=seq, microseconds=seq),
            actor="board:1",
            action="member.add" if seq == 1 else "member.roles",
            entity="member",
            entity_id=str(uuid.UUID(int=1)),
            before_hash=state,
            after_hash=after,
            prev_hash=previous,
        )
        state = after
        event = event.model_copy(update={"hash": chain_hash(event)})
        events.append(event)
        previous = event.hash
    return events


def _full_records() -> dict[str, list[Record]]:
    """Records of every entity kind with every optional field set."""
    address = Address(street="Storgatan 1", postal_code="111 22", city="Stockholm", country="SE")
    members = [
        _member(
            1,
            email="astrid@example.se",
            phone="+46 70 123 45 67",
            address=address,
            bank_account="8327-9 123 456 789-0",
            tax=TaxSettings(mode="table:33:1", municipality="0180", decided_on=date(2025, 1, 1)),
            status=MemberStatus.RESIGNED,
            applied_on=date(2024, 12, 1),
            joined_on=date(2025, 1, 15),
            left_on=date(2025, 12, 31),
            roles=frozenset({Role.MEMBER, Role.BOARD, Role.TREASURER, Role.AUDITOR, Role.ADMIN}),
        )
    ]
    clients = [
        _client(
            1,
            orgnr="2120000787",
            person_id="190711149999",
            vat_number="SE212000078701",
            address=address,
            email="faktura@example.se",
            peppol_id="0007:2120000787",
            public_sector=True,
            reference="Karin Ek",
        )
    ]
    member_id: UUID = members[0].id
    client_id: UUID = clients[0].id
    assignments = [
        Assignment(
            number=1,
            member_id=member_id,
            client_id=client_id,
            description="Illustrationer till årsredovisningen",
            start=date(2025, 3, 1),
            end=date(2025, 3, 31),
            agreed_amount=Decimal("1234.50"),
            vat_category="standard",
            currency="SEK",
            status=AssignmentStatus.ACTIVE,
        ),
        Assignment(
            number=2,
            member_id=member_id,
            client_id=client_id,
            description="Föreläsning",
            start=date(2025, 4, 1),
            end=date(2025, 4, 1),
            hourly_rate=Decimal("650.00"),
            hours=Decimal("7.250"),
            vat_category="culture",
            currency="EUR",
            status=AssignmentStatus.COMPLETED,
        ),
    ]
    contracts = [
        EmploymentContract(
            number=1,
            member_id=member_id,
            assignment_ids=(assignments[0].id, assignments[1].id),
            type=EmploymentType.SUBSTITUTE,
            start=date(2025, 3, 1),
            end=date(2025, 4, 1),
            scope="40 %",
            place_of_work="Stockholm",
            tasks="Illustratör",
            pay_terms="Enligt uppdrag",
            monthly_pay=Decimal("32000.00"),
            holiday_pay=HolidayPayTerms.PAID_LEAVE,
            holiday_pay_rate=Decimal("0.12"),
            collective_agreement="Inget",
            made_on=date(2025, 2, 20),
            signed_by_employee=datetime(2025, 2, 21, 10, 15, 30, 123456, tzinfo=STOCKHOLM_SUMMER),
            signed_by_employer=datetime(2025, 2, 22, 8, 0, tzinfo=UTC),
        )
    ]
    hours = [
        HoursReport(
            number=1,
            member_id=member_id,
            assignment_id=assignments[0].id,
            contract_id=contracts[0].id,
            month=date(2025, 3, 1),
            hours=Decimal("37.50"),
            note="Repetitioner",
            reported_by="board:1",
            reported_at=datetime(2025, 4, 1, 9, 30, tzinfo=STOCKHOLM_SUMMER),
            confirmed_by="Bruno Dahl",
            confirmed_at=datetime(2025, 4, 2, 8, 0, tzinfo=UTC),
        )
    ]
    fees = [
        MembershipFee(
            number=1,
            member_id=member_id,
            year=2025,
            amount=Decimal("200.00"),
            paid_on=date(2025, 1, 15),
        )
    ]
    return {
        "member": list(members),
        "client": list(clients),
        "assignment": list(assignments),
        "contract": list(contracts),
        "hours": list(hours),
        "meeting": [_meeting()],
        "membership_fee": list(fees),
    }


def _meeting() -> Meeting:
    """A closed annual meeting with notice, a proxy, a counted motion and a secret election."""
    rules = parse_bylaws(
        {
            "rules": [
                {
                    "valid_from": date(2024, 1, 1),
                    "voting_rights": {"fee_paid": "none", "reference": "§ 7"},
                    "proxies": {"allowed": True, "max_principals": 1},
                }
            ]
        },
        "bylaws.toml",
    ).rules[0]
    ids = [UUID(int=n) for n in range(1, 5)]
    register = [
        Registrant(id=i, number=n, name=f"Medlem {n}", status="member", joined_on=date(2024, 1, 1))
        for n, i in enumerate(ids, start=1)
    ]
    day = date(2025, 3, 20)
    m = new_meeting(1, "annual", day, rules, register=register, location="Kulturhuset")
    m, _ = record_notice(m, rules, date(2025, 2, 20), "email")
    m = attend(m, rules, ids[1:])
    m = add_proxy(m, rules, ids[0], proxy_id=ids[1], dated=day)
    m = add_motion(m, rules, title="Årsavgift", text="Avgiften blir 200 kr.")
    for n, choice in enumerate(["yes", "yes", "no", "abstain"]):
        m = cast_vote(
            m, rules, voter=ids[n], cast_by=ids[1] if n == 0 else ids[n], choice=choice, motion=1
        )
    m = count_motion(m, rules, 1, seed="fixture", chair_vote=None)
    m = add_election(
        m,
        rules,
        office="Styrelse",
        seats=2,
        candidates=["A", "B", "C"],
        secret=True,
        requested_by=ids[2],
    )
    for n, ballot in enumerate([("A", "B"), ("B",), ("A", "C"), ("C", "A")]):
        m = cast_vote(
            m, rules, voter=ids[n], cast_by=ids[1] if n == 0 else ids[n], choice=ballot, election=1
        )
    m = count_election(m, rules, 1, seed="fixture")
    return close_meeting(m)


@pytest.fixture
def new_member() -> Callable[..., Member]:
    """``new_member(number=1, **changes)``: a minimal valid member."""
    return _member


@pytest.fixture
def new_client() -> Callable[..., Client]:
    """``new_client(number=1, **changes)``: a minimal valid client."""
    return _client


@pytest.fixture
def audit_chain() -> Callable[..., list[AuditEvent]]:
    """``audit_chain(count)``: that many correctly chained audit events."""
    return _audit_chain


@pytest.fixture
def full_records() -> dict[str, list[Record]]:
    """Records of every entity kind with every optional field set."""
    return _full_records()


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[Callable[[str], Store]]:
    """A factory of new, empty, migrated stores: ``fresh_store("memory" | "sqlite")``.

    Unlike ``store`` it can be called many times in one test (e.g. once per hypothesis
    example), each time on a new database.
    """
    opened: list[Store] = []

    def factory(backend: str) -> Store:
        if backend == "memory":
            url = "memory://"
        elif backend == "sqlite":
            url = f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}"
        else:
            raise ValueError(backend)
        store = open_store(url)
        store.upgrade()
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()

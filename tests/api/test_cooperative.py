# SPDX-License-Identifier: EUPL-1.2
"""The Cooperative API on memory, SQLite and PostgreSQL: register, permissions, bad input,
nothing half-written, audit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ import (
    Actor,
    ConfigError,
    ConflictError,
    Cooperative,
    InputError,
    Member,
    MemberStatus,
    NotFoundError,
    PermissionDenied,
    Role,
)
from kooperativ.errors import StorageError

#: Fictional personnummer with valid check digits (birth numbers 980–989).
ALVA = "19850312-9804"
BRUNO = "19910704-9802"
TODAY = date(2026, 11, 27)


def add_member(coop: Cooperative, admin: Actor, pid: str = ALVA, **extra: object) -> Member:
    fields: dict[str, object] = {
        "first_name": "Alva",
        "last_name": "Berglund",
        "person_id": pid,
        "status": "member",
        "joined_on": date(2024, 3, 1),
    }
    fields.update(extra)
    return coop.members.add(admin, **fields)  # type: ignore[arg-type]


def event_count(coop: Cooperative) -> int:
    """Events about records (the configuration files' recorded hashes left out)."""
    return len([e for e in coop.audit.events(Actor.admin()) if e.entity != "config"])


def test_member_register(coop: Cooperative, admin: Actor) -> None:
    member = coop.members.add(
        admin,
        first_name="Alva",
        last_name="Berglund",
        person_id="198503129804",
        bank_account="5001 1234563",
        status="member",
        joined_on=date(2024, 3, 1),
        roles=frozenset({Role.BOARD}),
    )
    assert member.number == 1
    assert member.person_id == "198503129804"
    assert member.birth_date == date(1985, 3, 12)
    assert member.bank_account == "5001-1234563"
    assert Role.BOARD in member.roles and Role.MEMBER in member.roles
    assert coop.members.get(admin, 1) == member
    assert coop.members.get(admin, str(member.id)) == member
    second = add_member(coop, admin, BRUNO, first_name="Bruno")
    assert [m.number for m in coop.members.list(admin)] == [1, 2]
    assert second is not None


def test_wrong_personnummer_names_the_field_and_writes_nothing(
    coop: Cooperative, admin: Actor
) -> None:
    with pytest.raises(InputError) as info:
        add_member(coop, admin, "19850312-9805")
    assert info.value.field == "person_id"
    assert coop.members.list(admin) == []
    assert event_count(coop) == 0


def test_duplicate_member_number_and_personnummer(coop: Cooperative, admin: Actor) -> None:
    add_member(coop, admin)
    with pytest.raises(ConflictError, match="number: member number 1 is already taken"):
        add_member(coop, admin, BRUNO, number=1)
    with pytest.raises(ConflictError, match="person_id: already registered as member 1"):
        add_member(coop, admin)
    assert len(coop.members.list(admin)) == 1
    assert event_count(coop) == 1


def test_bad_bank_account(coop: Cooperative, admin: Actor) -> None:
    with pytest.raises(InputError, match="bank_account"):
        add_member(coop, admin, bank_account="5001-1234564")


def test_member_sees_only_themself(coop: Cooperative, admin: Actor) -> None:
    alva = add_member(coop, admin)
    add_member(coop, admin, BRUNO, first_name="Bruno")
    as_alva = coop.actor_for_member(1)
    assert [m.number for m in coop.members.list(as_alva)] == [1]
    with pytest.raises(PermissionDenied):
        coop.members.get(as_alva, 2)
    with pytest.raises(PermissionDenied):
        coop.members.add(as_alva, first_name="X", last_name="Y", person_id="19780923-9804")
    assert coop.members.get(as_alva, 1) == alva


def test_resign_and_admit(coop: Cooperative, admin: Actor) -> None:
    applicant = coop.members.add(
        admin, first_name="Elin", last_name="Gran", person_id="20030815-9805"
    )
    assert applicant.status is MemberStatus.APPLICANT
    admitted = coop.members.admit(admin, applicant.number, date(2026, 2, 1))
    assert admitted.status is MemberStatus.MEMBER and admitted.joined_on == date(2026, 2, 1)
    with pytest.raises(InputError, match="before the member joined"):
        coop.members.resign(admin, applicant.number, date(2026, 1, 1))
    left = coop.members.resign(coop.actor_for_member(1), 1, date(2026, 6, 30))
    assert left.status is MemberStatus.RESIGNED and left.left_on == date(2026, 6, 30)
    with pytest.raises(ConflictError, match="already left"):
        coop.members.resign(admin, 1, date(2026, 7, 1))
    assert [e.action for e in coop.audit.events(admin) if e.entity != "config"] == [
        "member.add",
        "member.admit",
        "member.resign",
    ]


def test_assignment_validation(coop: Cooperative, admin: Actor) -> None:
    add_member(coop, admin)
    coop.clients.add(admin, name="Teatern AB", orgnr="559912-3451")
    base = {
        "member": 1,
        "client": 1,
        "description": "Scenografi",
        "start": date(2026, 9, 1),
        "end": date(2026, 11, 30),
    }
    with pytest.raises(InputError, match="agreed_amount: must not be negative"):
        coop.assignments.add(admin, agreed_amount="-1", **base)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="end: 2026-08-01 is before the start 2026-09-01"):
        coop.assignments.add(
            admin,
            agreed_amount="1000",
            **{**base, "end": date(2026, 8, 1)},  # type: ignore[arg-type]
        )
    with pytest.raises(InputError, match="vat_category"):
        coop.assignments.add(admin, agreed_amount="1000", vat_category="zero", **base)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match="client '9'"):
        coop.assignments.add(admin, agreed_amount="1000", **{**base, "client": 9})  # type: ignore[arg-type]
    assert coop.assignments.list(admin) == []
    job = coop.assignments.add(admin, hourly_rate="650.00", hours="40", **base)  # type: ignore[arg-type]
    assert job.amount_excl_vat == Decimal("26000.00")
    assert job.currency == "SEK"


def test_contract_follows_assignment_and_refuses_overlap(coop: Cooperative, admin: Actor) -> None:
    add_member(coop, admin)
    coop.clients.add(admin, name="Teatern AB", orgnr="559912-3451")
    job = coop.assignments.add(
        admin,
        member=1,
        client=1,
        description="Scenografi",
        start=date(2026, 9, 1),
        end=date(2026, 11, 30),
        agreed_amount="60000",
    )
    contract = coop.contracts.create(admin, assignment=job.number, made_on=date(2026, 8, 20))
    assert contract.type.value == "sarskild_visstidsanstallning"
    assert (contract.start, contract.end) == (job.start, job.end)
    assert contract.member_id == job.member_id
    assert "6 %" in contract.pay_terms
    with pytest.raises(ConflictError, match="already has contract 1"):
        coop.contracts.create(admin, assignment=job.number, made_on=date(2026, 8, 21))
    assert len(coop.contracts.list(admin)) == 1


def test_check_lists_every_problem(coop: Cooperative, admin: Actor) -> None:
    add_member(coop, admin)  # no bank account → warning
    coop.clients.add(admin, name="Teatern AB", orgnr="559912-3451")
    coop.assignments.add(
        admin,
        member=1,
        client=1,
        description="Scenografi",
        start=date(2026, 9, 1),
        end=date(2026, 12, 30),
        agreed_amount="60000",
    )
    found = {(p.severity, p.where, p.message) for p in coop.check(TODAY)}
    assert ("warning", "member 1", "no bank account for salary") in found
    assert ("error", "assignment 1", "no employment contract") in found
    assert any(p[1] == "cooperative.toml" for p in found)  # example values still in place
    assert coop.audit.verify(Actor.admin()).problems == []


def test_audit_chain(coop: Cooperative, admin: Actor) -> None:
    add_member(coop, admin)
    add_member(coop, admin, BRUNO, first_name="Bruno")
    everything = coop.audit.events(admin)
    # The configuration files in force are recorded first (cooperative.toml, bylaws.toml,
    # stadgar.md), then the two members.
    assert [e.action for e in everything] == ["config.change"] * 3 + ["member.add"] * 2
    assert [e.seq for e in everything] == [1, 2, 3, 4, 5]
    assert everything[0].prev_hash == "0" * 64
    events = everything[3:]
    assert events[0].prev_hash == everything[2].hash
    assert events[1].prev_hash == events[0].hash
    assert events[0].actor == "admin"
    assert events[0].at.year == 2026
    assert coop.audit.verify(Actor.admin()).problems == []
    with pytest.raises(PermissionDenied):
        coop.audit.events(coop.actor_for_member(1))


def test_malformed_config(tmp_path: Path, coop_folder: Path) -> None:
    path = coop_folder / "cooperative.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('rate = "0.06"', 'rate = "1.6"'), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"cooperative.toml: fees.rate: .*between 0 and 1"):
        Cooperative.open(coop_folder, "memory://")
    path.write_text(text.replace('rate = "0.06"', "rate = 0.06"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"fees.rate: .*string"):
        Cooperative.open(coop_folder, "memory://")
    path.write_text(text.replace("[fees]", "[fees\n"), encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Cooperative.open(coop_folder, "memory://")
    path.write_text(text.replace("[accounts]", "[accounts]\nbnak = 1930"), encoding="utf-8")
    with pytest.raises(ConfigError, match="accounts.bnak: unknown key"):
        Cooperative.open(coop_folder, "memory://")
    with pytest.raises(ConfigError, match="file not found"):
        Cooperative.open(tmp_path / "nowhere", "memory://")


def test_unreachable_database(coop_folder: Path) -> None:
    with pytest.raises(StorageError, match="127.0.0.1:5999"):
        Cooperative.open(coop_folder, "postgresql+psycopg://postgres:secret@127.0.0.1:5999/x")
    try:
        Cooperative.open(coop_folder, "postgresql+psycopg://postgres:secret@127.0.0.1:5999/x")
    except StorageError as error:
        assert "secret" not in str(error)


def test_init_refuses_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "file").write_text("keep me")
    with pytest.raises(InputError, match="not empty"):
        Cooperative.init(tmp_path / "x")
    with pytest.raises(InputError, match="no example 'nope'"):
        Cooperative.init(tmp_path / "y", "nope")


def test_payroll_preview_of_an_assignment(coop: Cooperative, admin: Actor) -> None:
    add_member(coop, admin, tax_mode="table:33:1")
    coop.clients.add(admin, name="Teatern AB", orgnr="559912-3451")
    coop.assignments.add(
        admin,
        member=1,
        client=1,
        description="Scenografi",
        start=date(2026, 9, 1),
        end=date(2026, 11, 30),
        agreed_amount="60000",
    )
    salary = coop.payroll.preview(admin, 1)
    # Hand-worked: fee 6 % = 3 600, budget 56 400; cost factor 1.12 × 1.3142 = 1.471904;
    # G = 38 317: holiday 4 598.04, taxable 42 915.04, contributions 13 483.91
    # (13 483.905568), total 56 398.95 ≤ 56 400 (G = 38 318 would cost 56 400.42).
    # Paid on the first pay day (25th) after 2026-11-30 → 2026-12-25; table 33 column 1,
    # row 42 801–43 000 = 9 392 kr (manadstabeller-2026.csv).
    assert salary.fee == Decimal("3600.00")
    assert salary.gross_salary == Decimal("38317")
    assert salary.employer_contributions == Decimal("13483.91")
    assert salary.preliminary_tax == Decimal("9392")
    assert salary.payout == Decimal("42915.04") - Decimal("9392")
    as_other = coop.actor_for_member(add_member(coop, admin, BRUNO, first_name="Bruno").number)
    with pytest.raises(PermissionDenied):
        coop.payroll.preview(as_other, 1)


def test_exclusion(coop: Cooperative, admin: Actor) -> None:
    add_member(coop, admin)
    add_member(coop, admin, BRUNO, first_name="Bruno")
    with pytest.raises(PermissionDenied):
        coop.members.exclude(coop.actor_for_member(2), 1, date(2026, 5, 1))
    excluded = coop.members.exclude(admin, 1, date(2026, 5, 1))
    assert excluded.status is MemberStatus.EXCLUDED and excluded.left_on == date(2026, 5, 1)
    with pytest.raises(ConflictError, match="already left"):
        coop.members.exclude(admin, 1, date(2026, 6, 1))
    assert coop.audit.events(admin)[-1].action == "member.exclude"
    assert not excluded.is_member_on(date(2026, 5, 1))

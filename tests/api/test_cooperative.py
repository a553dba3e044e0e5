# SPDX-License-Identifier: EUPL-1.2
"""The Cooperative API on memory, SQLite and PostgreSQL: register, permissions, bad input,
nothing half-written, audit."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ import (
    Actor,
    Assignment,
    AssignmentStatus,
    ConfigError,
    ConflictError,
    Cooperative,
    InputError,
    Member,
    MemberStatus,
    NotFoundError,
    PermissionDenied,
    Role,
    load_config,
    open_store,
)
from kooperativ.assignments.models import MAX_AMOUNT, TRANSITIONS
from kooperativ.errors import StorageError
from kooperativ.examples import examples

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
    assert contract.form == "sarskild_visstidsanstallning"
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


# -- a register you can keep (issue 9) -----------------------------------------------------------


def test_member_update_by_the_member_and_by_a_manager(coop: Cooperative, admin: Actor) -> None:
    alva = add_member(coop, admin)
    add_member(coop, admin, BRUNO, first_name="Bruno")
    as_alva = coop.actor_for_member(1)
    before = event_count(coop)
    updated = coop.members.update(
        as_alva,
        1,
        email="alva@example.org",
        phone="070-123 45 67",
        address={"street": "Ringvägen 12", "postal_code": "118 60", "city": "Stockholm"},
        bank_account="5001 1234563",
        language="en",
    )
    assert updated.id == alva.id and updated.person_id == alva.person_id
    assert updated.email == "alva@example.org"
    assert updated.address is not None and updated.address.city == "Stockholm"
    assert updated.bank_account == "5001-1234563"  # the country's form
    assert updated.language == "en"
    assert coop.members.get(admin, 1) == updated
    assert event_count(coop) == before + 1
    event = coop.audit.events(admin)[-1]
    assert event.action == "member.update" and event.actor == "Alva Berglund"
    assert event.before_hash == alva.content_hash()
    # A member may set their own tax table and column (audited), nothing else as tax
    # mode, and nothing of another member's record.
    own = coop.members.update(as_alva, 1, tax_mode="table:30:1")
    assert own.tax.mode == "table:30:1"
    event = coop.audit.events(admin)[-1]
    assert event.action == "member.update" and event.actor == "Alva Berglund"
    assert event.before_hash == updated.content_hash()
    count = event_count(coop)
    for mode in ("sink", "adjusted:25", "side-income", "one-off:300000", "no-info:30:1"):
        with pytest.raises(PermissionDenied, match="tax"):
            coop.members.update(as_alva, 1, tax_mode=mode)
    with pytest.raises(PermissionDenied):
        coop.members.update(as_alva, 2, phone="1")
    with pytest.raises(PermissionDenied):
        coop.members.update(coop.actor_for_member(2), 1, tax_mode="table:31:1")
    assert event_count(coop) == count
    assert coop.members.get(admin, 1).tax.mode == "table:30:1"
    # A manager may; the tax mode is validated by the country.
    taxed = coop.members.update(admin, 1, tax_mode="table:34:1")
    assert taxed.tax.mode == "table:34:1"
    with pytest.raises(InputError):
        coop.members.update(admin, 1, tax_mode="table:99:1")
    # None clears; nothing given is an error; the same values write nothing.
    cleared = coop.members.update(admin, 1, email=None)
    assert cleared.email is None
    count = event_count(coop)
    assert coop.members.update(admin, 1, email=None) == cleared
    assert event_count(coop) == count
    with pytest.raises(InputError, match="update: give at least one field"):
        coop.members.update(admin, 1)


def test_member_update_validates_everything_before_writing(coop: Cooperative, admin: Actor) -> None:
    alva = add_member(coop, admin)
    before = event_count(coop)
    bad: list[dict[str, object]] = [
        {"email": "not-an-address"},
        {"bank_account": "5001-1234564"},
        {"language": "xx"},
        {"address": {"street": "Gatan 1"}},
        {"phone": "070", "email": "x@"},  # the phone is fine, the e-mail is not: nothing saved
    ]
    for changes in bad:
        with pytest.raises(InputError):
            coop.members.update(admin, 1, **changes)  # type: ignore[arg-type]
    assert coop.members.get(admin, 1) == alva
    assert event_count(coop) == before


def test_members_language_leaves_old_records_hash_alone(coop: Cooperative, admin: Actor) -> None:
    alva = add_member(coop, admin)
    assert "language" not in alva.canonical_json()  # records written before keep their hash
    assert coop.audit.verify(Actor.admin()).problems == []


def test_private_clients_are_masked_for_members(coop: Cooperative, admin: Actor) -> None:
    add_member(coop, admin)
    private = coop.clients.add(admin, name="Kim Privat", person_id="19900101-9802")
    assert private.person_id == "199001019802"
    with pytest.raises(ConflictError, match="person_id: already registered as client 1"):
        coop.clients.add(admin, name="Kim igen", person_id="199001019802")
    with pytest.raises(InputError, match="not both"):
        coop.clients.add(admin, name="X", orgnr="559912-3451", person_id="19900101-9802")
    as_alva = coop.actor_for_member(1)
    assert coop.clients.get(as_alva, 1).person_id == "19900101-****"
    assert [c.person_id for c in coop.clients.list(as_alva)] == ["19900101-****"]
    assert coop.clients.get(admin, 1).person_id == "199001019802"
    assert coop.clients.masked(private).person_id == "19900101-****"


def test_client_update(coop: Cooperative, admin: Actor) -> None:
    add_member(coop, admin)
    theatre = coop.clients.add(admin, name="Teatern AB", orgnr="559912-3451")
    coop.clients.add(admin, name="Kommunen", orgnr="212999-1234", peppol_id="0007:2129991234")
    changed = coop.clients.update(admin, 1, email="faktura@teatern.example", reference="Stina")
    assert changed.id == theatre.id and changed.orgnr == theatre.orgnr
    assert changed.email == "faktura@teatern.example" and changed.reference == "Stina"
    assert coop.audit.events(admin)[-1].action == "client.update"
    with pytest.raises(ConflictError, match="orgnr: already registered as client 2"):
        coop.clients.update(admin, 1, orgnr="212999-1234")
    with pytest.raises(InputError, match="peppol_id"):
        coop.clients.update(admin, 1, public_sector=True)
    with pytest.raises(PermissionDenied):
        coop.clients.update(coop.actor_for_member(1), 1, email="x@y.se")
    assert coop.clients.get(admin, 1) == changed


def _job(coop: Cooperative, admin: Actor, **extra: object) -> dict[str, object]:
    if not coop.members.list(admin):
        add_member(coop, admin)
        coop.clients.add(admin, name="Teatern AB", orgnr="559912-3451")
    fields: dict[str, object] = {
        "member": 1,
        "client": 1,
        "description": "Scenografi",
        "start": date(2026, 9, 1),
        "end": date(2026, 11, 30),
    }
    fields.update(extra)
    return fields


def test_assignment_status_transitions(coop: Cooperative, admin: Actor) -> None:
    job = coop.assignments.add(admin, **_job(coop, admin, agreed_amount="1000", status="planned"))  # type: ignore[arg-type]
    assert job.status is AssignmentStatus.PLANNED
    with pytest.raises(ConflictError, match="planned and cannot become completed"):
        coop.assignments.set_status(admin, 1, "completed")
    assert coop.assignments.set_status(admin, 1, "active").status is AssignmentStatus.ACTIVE
    done = coop.assignments.set_status(admin, 1, AssignmentStatus.COMPLETED)
    assert done.status is AssignmentStatus.COMPLETED
    for final in ("active", "cancelled", "planned"):
        with pytest.raises(ConflictError):
            coop.assignments.set_status(admin, 1, final)
    with pytest.raises(InputError, match="status: 'done'"):
        coop.assignments.set_status(admin, 1, "done")
    with pytest.raises(PermissionDenied):
        coop.assignments.set_status(coop.actor_for_member(1), 1, "cancelled")
    assert [e.action for e in coop.audit.events(admin)][-2:] == [
        "assignment.status",
        "assignment.status",
    ]
    assert [a.number for a in coop.assignments.list(admin, status="completed")] == [1]
    assert TRANSITIONS[AssignmentStatus.COMPLETED] == frozenset()


def test_assignment_amounts_zero_or_absurd_are_refused(coop: Cooperative, admin: Actor) -> None:
    fields = _job(coop, admin)
    refused = [
        {"agreed_amount": "0"},
        {"agreed_amount": "100000000.01"},
        {"agreed_amount": "1e400"},
        {"agreed_amount": "1.005"},
        {"hourly_rate": "0", "hours": "10"},
        {"hourly_rate": "650", "hours": "0"},
        {"hourly_rate": "200000", "hours": "1000"},  # 200 million in total
    ]
    for amounts in refused:
        with pytest.raises(InputError):
            coop.assignments.add(admin, **fields, **amounts)  # type: ignore[arg-type]
    assert coop.assignments.list(admin) == []
    job = coop.assignments.add(admin, **fields, agreed_amount="1E+3")  # type: ignore[arg-type]
    assert job.agreed_amount == Decimal("1000.00") and str(job.agreed_amount) == "1000.00"
    assert coop.assignments.add(admin, **fields, agreed_amount=str(MAX_AMOUNT)) is not None  # type: ignore[arg-type]


def test_check_flags_an_implausible_amount_already_stored(coop: Cooperative, admin: Actor) -> None:
    job = coop.assignments.add(admin, **_job(coop, admin, agreed_amount="1000"))  # type: ignore[arg-type]
    with coop.store.unit_of_work() as uow:  # as if written before the limit existed
        uow.assignments.update(job.model_copy(update={"agreed_amount": Decimal("0")}))
    found = [p for p in coop.check(TODAY) if p.place == ("assignment", "1")]
    assert any(p.template == "implausible amount {amount}" for p in found)


def test_assignment_view_names_member_and_client(coop: Cooperative, admin: Actor) -> None:
    coop.assignments.add(admin, **_job(coop, admin, hourly_rate="650", hours="40"))  # type: ignore[arg-type]
    view = coop.assignments.view(admin, 1)
    assert (view.member_number, view.member_name) == (1, "Alva Berglund")
    assert (view.client_number, view.client_name) == (1, "Teatern AB")
    assert view.amount_excl_vat == Decimal("26000.00")
    assert view.model_dump(mode="json")["amount_excl_vat"] == "26000.00"


def test_old_draft_status_reads_as_planned() -> None:
    from uuid import uuid4

    old = Assignment.model_validate(
        {
            "number": 1,
            "member_id": str(uuid4()),
            "client_id": str(uuid4()),
            "description": "x",
            "start": "2026-01-01",
            "end": "2026-01-02",
            "agreed_amount": "10",
            "status": "draft",
        }
    )
    assert old.status is AssignmentStatus.PLANNED


# -- a public API an embedder can live with (issue 10) -------------------------------------------


def test_from_config_without_a_folder(coop_folder: Path, tmp_path: Path) -> None:
    from kooperativ.governance.bylaws import load_bylaws

    config = load_config(coop_folder)
    store = open_store(f"sqlite:///{tmp_path / 'embedded.db'}")
    assert store.current_revision() is None  # type: ignore[attr-defined]
    coop = Cooperative.from_config(config, store, clock=lambda: datetime(2026, 1, 1, tzinfo=UTC))
    assert coop.folder is None
    assert store.current_revision() is None  # type: ignore[attr-defined]  # no migration ran
    store.upgrade()  # the embedder decides when
    admin = Actor.admin()
    member = add_member(coop, admin)
    assert coop.members.get(admin, 1) == member
    # Without bylaws: check warns, meetings cannot be held.
    problems = coop.check(TODAY)
    assert any(p.template == "no bylaws: meetings cannot be held" for p in problems)
    with pytest.raises(ConfigError, match="needs a cooperative folder"):
        coop.governance.bylaws()
    coop.close()
    # With bylaws passed in: the rules are there, nothing read from a folder.
    bylaws = load_bylaws(coop_folder / "bylaws.toml")
    with Cooperative.from_config(config, open_store("memory://"), bylaws=bylaws) as governed:
        assert governed.governance.rules_on(TODAY) is not None
        assert not any(p.place[0] == "bylaws.toml" for p in governed.check(TODAY))


def test_open_migrates_only_when_told(coop_folder: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    with Cooperative.open(coop_folder, url, upgrade=False) as coop:
        assert coop.store.current_revision() is None  # type: ignore[attr-defined]
    with Cooperative.open(coop_folder, url) as coop:
        assert coop.store.current_revision() is not None  # type: ignore[attr-defined]


def test_init_from_stays_inside_the_bundled_examples(tmp_path: Path) -> None:
    for bad in ("../../etc", "/etc", "../examples/interim_kultur", "interim_kultur/..", ""):
        with pytest.raises(InputError) as info:
            Cooperative.init(tmp_path / "x", bad)
        assert info.value.field == "from"
        assert not (tmp_path / "x").exists()
    assert "interim_kultur" in examples()


def test_the_public_surface() -> None:
    import kooperativ

    assert kooperativ.__all__ == sorted(kooperativ.__all__, key=str)
    for name in kooperativ.__all__:
        assert getattr(kooperativ, name) is not None, name
    for name in (
        "ValidationFailed",
        "RulesError",
        "MissingParameterError",
        "AuditError",
        "ConcurrencyError",
        "Problem",
        "Store",
        "open_store",
        "CountryRules",
        "Meeting",
        "SalaryInput",
    ):
        assert name in kooperativ.__all__
    with pytest.raises(AttributeError):
        _ = kooperativ.NoSuchThing  # type: ignore[attr-defined]


def test_the_demo_is_built_by_the_library(tmp_path: Path) -> None:
    from kooperativ import demo

    with demo.create(tmp_path / "d", clock=lambda: datetime(2026, 11, 27, tzinfo=UTC)) as coop:
        report = demo.report(coop, TODAY)
        assert [a.number for a, _ in report.salaries] == [1, 2, 3, 4, 5]
        assert report.salaries[0][1].payout == Decimal("33523.04")  # as hand-worked above
        # 5 members, 3 clients, 11 fees, 5 assignments, 5 contracts signed by both parties
        # (10 signatures) and the 3 configuration files: 42 events.
        assert report.audit_problems == [] and report.events == 42
        assert [e.votes for e in report.roll.entries] == [True, True, True, True, False]
    with pytest.raises(InputError, match="not a demo folder"):
        demo.create(tmp_path)  # a folder it did not make
    with demo.create(tmp_path / "d") as again:  # its own folder: replaced
        assert len(again.members.list(Actor.admin())) == 5


def test_a_member_keeps_a_tax_mode_the_board_set(coop: Cooperative, admin: Actor) -> None:
    add_member(coop, admin)
    coop.members.update(admin, 1, tax_mode="sink")
    count = event_count(coop)
    with pytest.raises(PermissionDenied, match="sink"):
        coop.members.update(coop.actor_for_member(1), 1, tax_mode="table:33:1")
    assert coop.members.get(admin, 1).tax.mode == "sink"
    assert event_count(coop) == count

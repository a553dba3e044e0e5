# SPDX-License-Identifier: EUPL-1.2
"""Retention, erasure and pseudonymisation of a former member, on every storage backend.

Dates are worked by hand in conftest.py: Ada's contact data may go from 2026-06-30, her
identity from 2034-01-01 (bokföringslagen 7 kap. 2 §: her 2026 records are kept until the
end of 2033). Each rule is tested on both sides of its date.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from kooperativ.cli._common import exit_code_for
from kooperativ.errors import ConflictError, InputError, PermissionDenied
from kooperativ.i18n import messages
from kooperativ.members.models import MemberStatus
from kooperativ.security import Actor
from kooperativ.services.privacy import RetentionTooEarly, is_pseudonym
from kooperativ.storage.base import ENTITY_KINDS

ADA_NAME = "Ada Lind"
ADA_PNR = "198503129804"
ADA_FORMS = ("198503129804", "19850312-9804", "850312-9804")
KARIN_PNR = "197809239804"

#: The scenario fixture of conftest.py (a dataclass of the cooperative and its actors).
Scenario = Any


def stored(coop: Any) -> dict[str, list[Any]]:
    """Every stored record by kind (the audit trail aside)."""
    with coop.store.unit_of_work() as uow:
        return {kind: uow.repository(kind).list() for kind in ENTITY_KINDS}


def everything(coop: Any) -> str:
    """The canonical JSON of every stored record, in one text."""
    return "\n".join(r.canonical_json() for records in stored(coop).values() for r in records)


def test_the_dates_are_the_hand_worked_ones(scenario: Scenario) -> None:
    plan = scenario.coop.privacy.retention(scenario.admin, 2, date(2026, 7, 1))
    assert plan.minimise_from == date(2026, 6, 30)
    assert plan.pseudonymise_from == date(2034, 1, 1)
    assert plan.minimise_blocker is not None and plan.minimise_blocker.record == "member"
    blocker = plan.pseudonymise_blocker
    assert blocker is not None and blocker.until == date(2033, 12, 31)
    assert blocker.reason == "bookkeeping"
    until = {(h.record, h.number): h.until for h in plan.records}
    # Each fee is kept to the end of the seventh year after the year it was paid.
    assert until[("membership_fee", 4)] == date(2031, 12, 31)
    assert until[("membership_fee", 6)] == date(2033, 12, 31)
    assert until[("meeting", 1)] == date(2033, 12, 31)
    # February's hours are paid in March and declared in April: settled by 2026-04-30.
    dealings = {(h.record, h.number): h.until for h in plan.dealings}
    assert dealings[("hours", 1)] == date(2026, 4, 30)
    assert dealings[("contract", 1)] == date(2026, 5, 31)


def test_a_december_salary_falls_into_the_next_financial_year(scenario: Scenario) -> None:
    coop, admin = scenario.coop, scenario.admin
    coop.assignments.add(
        admin,
        member=3,
        client=1,
        description="Julkonsert",
        start=date(2026, 11, 1),
        end=date(2026, 12, 31),
        agreed_amount="12000",
    )
    coop.contracts.create(admin, assignment=3, made_on=date(2026, 10, 20))
    coop.members.resign(admin, 3, date(2027, 1, 15))
    plan = coop.privacy.retention(admin, 3, date(2027, 6, 1))
    # Work until 31 Dec 2026 → salary paid and declared by the end of February 2027, a
    # 2027 accounting record → kept until 31 Dec 2034.
    assert plan.minimise_from == date(2027, 3, 1)
    assert plan.pseudonymise_from == date(2035, 1, 1)


def test_contact_data_go_once_dealings_are_settled(scenario: Scenario) -> None:
    coop, admin = scenario.coop, scenario.admin
    with pytest.raises(RetentionTooEarly) as refused:
        coop.privacy.minimise(admin, 2, date(2026, 6, 29))
    assert "before 2026-06-30" in str(refused.value)
    assert "member record 2 is kept until 2026-06-29" in str(refused.value)
    before = coop.members.get(admin, 2)
    after = coop.privacy.minimise(admin, 2, date(2026, 6, 30))
    assert (after.email, after.phone, after.address, after.bank_account) == (None,) * 4
    assert (after.name, after.person_id) == (ADA_NAME, ADA_PNR)  # still needed
    event = coop.audit.events(admin)[-1]
    assert event.action == "member.minimise"
    assert (event.before_hash, event.after_hash) == (before.content_hash(), after.content_hash())
    assert coop.audit.verify(Actor.admin()).problems == []


def test_pseudonymisation_is_refused_before_the_day_it_is_allowed(scenario: Scenario) -> None:
    coop, admin = scenario.coop, scenario.admin
    events = len(coop.audit.events(admin))
    text = everything(coop)
    with pytest.raises(RetentionTooEarly) as refused:
        coop.privacy.pseudonymise(admin, 2, date(2033, 12, 31))
    error = refused.value
    assert error.hold.until == date(2033, 12, 31)
    assert error.hold.allowed_from == date(2034, 1, 1)
    message = str(error)
    assert "member 2 may not be pseudonymised before 2034-01-01" in message
    assert "is kept until 2033-12-31" in message and "7 kap. 2 §" in message
    swedish = error.render(messages("sv"))
    assert "medlem 2 får inte pseudonymiseras före 2034-01-01" in swedish
    assert "räkenskapsinformation" in swedish
    assert exit_code_for(error) == 2 and error.code == "conflict.retention"
    # Nothing written.
    assert len(coop.audit.events(admin)) == events
    assert everything(coop) == text


def test_a_current_member_is_never_pseudonymised(scenario: Scenario) -> None:
    with pytest.raises(RetentionTooEarly, match="kept while it lasts") as refused:
        scenario.coop.privacy.pseudonymise(scenario.admin, 3, date(2060, 1, 1))
    assert refused.value.hold.record == "member" and refused.value.hold.until is None


def test_only_the_board_or_the_administrator_may_do_it(scenario: Scenario) -> None:
    coop = scenario.coop
    on = date(2034, 1, 1)
    for actor in (scenario.ada, scenario.bo):
        with pytest.raises(PermissionDenied):
            coop.privacy.pseudonymise(actor, 2, on)
        with pytest.raises(PermissionDenied):
            coop.privacy.minimise(actor, 2, on)
        with pytest.raises(PermissionDenied):
            coop.privacy.due(actor, on)
    assert coop.privacy.pseudonymise(scenario.alva, 2, on).number == 2  # the board


def test_pseudonymisation_replaces_her_identity_everywhere(scenario: Scenario) -> None:
    coop, admin = scenario.coop, scenario.admin
    records = stored(coop)
    ada = next(m for m in records["member"] if m.number == 2)
    others = {
        (kind, r.number): r.content_hash()
        for kind, items in records.items()
        for r in items
        if ADA_NAME not in r.canonical_json() and str(ada.id) not in r.canonical_json()
    }
    text = everything(coop)
    assert ADA_PNR in text and ADA_NAME in text  # the test can fail
    result = coop.privacy.pseudonymise(admin, 2, date(2034, 1, 1))
    assert {str(c) for c in result.changed} == {"member 2", "contract 1", "hours 1", "meeting 1"}
    assert result.kept == ()
    member = coop.members.get(admin, 2)
    assert re.fullmatch(r"Pseudonym [0-9A-F]{8}", member.name)
    assert result.pseudonym == member.name
    assert is_pseudonym(member.person_id) and member.person_id.endswith(member.last_name)
    assert member.birth_date == date(1985, 1, 1)  # the year only
    assert (member.email, member.phone, member.address, member.bank_account) == (None,) * 4
    # Kept: the membership and employment history, under the pseudonym.
    assert (member.number, member.status, member.joined_on) == (
        2,
        MemberStatus.RESIGNED,
        date(2024, 3, 1),
    )
    contract = coop.contracts.get(admin, 1)
    assert contract.member_id == member.id and contract.signed
    assert {s.name for s in contract.signatures} == {member.name, "Alva Berglund"}
    # No trace of her name or personnummer in any stored record.
    text = everything(coop)
    for form in (*ADA_FORMS, ADA_NAME, "1985-03-12", "ada.lind@example.org", "5001-1234563"):
        assert form not in text, form
    # Records not about her are untouched.
    after = {(k, r.number): r.content_hash() for k, items in stored(coop).items() for r in items}
    for key, digest in others.items():
        assert after[key] == digest, key


def test_the_audit_trail_verifies_after_pseudonymisation(scenario: Scenario) -> None:
    coop, admin = scenario.coop, scenario.admin
    before = coop.members.get(admin, 2)
    count = len(coop.audit.events(admin))
    result = coop.privacy.pseudonymise(admin, 2, date(2034, 1, 1))
    assert coop.audit.verify(Actor.admin()).problems == []
    events = coop.audit.events(admin)[count:]
    assert len(events) == len(result.changed)  # one audited update per record
    member_event = next(e for e in events if e.action == "member.pseudonymise")
    assert member_event.before_hash == before.content_hash()
    assert member_event.after_hash == coop.members.get(admin, 2).content_hash()
    assert {e.action for e in events} == {
        "member.pseudonymise",
        "contract.pseudonymise",
        "hours.pseudonymise",
        "meeting.pseudonymise",
    }
    # The meeting still re-counts to what it recorded, under the pseudonym.
    report = coop.governance.verify(admin, 1)
    assert all(d.agrees for d in report.decisions)
    election = next(d for d in report.decisions if d.item == "election 1")
    assert election.summary == f"elected: {result.pseudonym}"


def test_a_second_pseudonymisation_is_refused(scenario: Scenario) -> None:
    coop, admin = scenario.coop, scenario.admin
    coop.privacy.pseudonymise(admin, 2, date(2034, 1, 1))
    with pytest.raises(ConflictError, match="already pseudonymised"):
        coop.privacy.pseudonymise(admin, 2, date(2034, 1, 2))


def test_due_lists_what_may_be_done_and_why(scenario: Scenario) -> None:
    coop, admin = scenario.coop, scenario.admin
    assert coop.privacy.due(admin, date(2026, 6, 29)) == []
    (item,) = coop.privacy.due(admin, date(2026, 6, 30))
    assert (item.subject, item.number, item.action) == ("member", 2, "minimise")
    assert item.allowed_from == date(2026, 6, 30)
    assert set(item.fields) == {"email", "phone", "address", "bank_account"}
    later = coop.privacy.due(admin, date(2033, 12, 31))
    assert [(i.subject, i.number, i.action) for i in later] == [("member", 2, "minimise")]
    due = coop.privacy.due(admin, date(2034, 1, 1))
    assert [(i.subject, i.number, i.action, i.allowed_from) for i in due] == [
        ("member", 2, "pseudonymise", date(2034, 1, 1)),
        # Karin Privat, Bo's private client: April 2026 invoicing kept until 2033-12-31.
        ("client", 2, "pseudonymise", date(2034, 1, 1)),
    ]
    assert due[0].because is not None and due[0].because.until == date(2033, 12, 31)
    coop.privacy.pseudonymise(admin, 2, date(2034, 1, 1))
    assert [(i.subject, i.number) for i in coop.privacy.due(admin, date(2034, 1, 1))] == [
        ("client", 2)
    ]


def test_a_private_client_is_pseudonymised_after_the_invoicing_period(scenario: Scenario) -> None:
    coop, admin = scenario.coop, scenario.admin
    with pytest.raises(RetentionTooEarly, match="before 2034-01-01"):
        coop.privacy.pseudonymise_client(admin, 2, date(2033, 12, 31))
    with pytest.raises(InputError, match="not a private person"):
        coop.privacy.pseudonymise_client(admin, 1, date(2034, 1, 1))
    result = coop.privacy.pseudonymise_client(admin, 2, date(2034, 1, 1))
    client = coop.clients.get(admin, 2)
    assert client.name == result.pseudonym and is_pseudonym(client.person_id)
    text = everything(coop)
    assert KARIN_PNR not in text and "Karin Privat" not in text
    assert coop.audit.verify(Actor.admin()).problems == []


def test_a_name_shared_with_someone_else_is_not_replaced_by_guess(scenario: Scenario) -> None:
    coop, admin = scenario.coop, scenario.admin
    coop.members.add(
        admin,
        first_name="Ada",
        last_name="Lind",
        person_id="20030815-9805",
        status="member",
        joined_on=date(2027, 1, 1),
    )
    result = coop.privacy.pseudonymise(admin, 2, date(2034, 1, 1))
    # Copies carrying her id (contract signature, meeting register) are replaced; names
    # written only as text (who reported the hours, the motion's proposer) are left.
    assert "contract 1" in {str(c) for c in result.changed}
    left = {(k.record, k.number, k.reason) for k in result.kept}
    assert left == {("hours", 1, "shared_name"), ("meeting", 1, "shared_name")}
    namesake = coop.members.get(admin, 4)
    assert namesake.name == ADA_NAME and namesake.person_id == "200308159805"
    assert coop.audit.verify(Actor.admin()).problems == []


def test_a_meeting_whose_lot_names_her_is_left_as_it_was(scenario: Scenario) -> None:
    coop, admin, ada, bo = scenario.coop, scenario.admin, scenario.ada, scenario.bo
    gov = coop.governance
    gov.create(admin, kind="extra", held_on=date(2026, 5, 10), title="Extra möte")
    gov.attend(admin, 2, [1, 2, 3])
    gov.election(admin, 2, office="Valberedning", seats=1, candidates=[ADA_NAME, "Bo Ek"])
    gov.vote(ada, 2, choice=ADA_NAME, election=1)
    gov.vote(bo, 2, choice="Bo Ek", election=1)
    gov.count(admin, 2, election=1, seed="lot")  # 1–1: the lot decides
    meeting = gov.get(admin, 2)
    assert meeting.elections[0].result is not None and meeting.elections[0].result.draws
    result = coop.privacy.pseudonymise(admin, 2, date(2034, 1, 1))
    assert [str(k) for k in result.kept] == ["meeting 2: a lot drawing names the person"]
    assert gov.get(admin, 2) == meeting
    assert all(d.agrees for d in gov.verify(admin, 2).decisions)
    assert coop.audit.verify(Actor.admin()).problems == []


def test_the_sqlite_file_holds_no_trace_of_her_personnummer(
    scenario: Scenario, database_url: str
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("reads the SQLite file's bytes")
    coop, admin = scenario.coop, scenario.admin
    path = Path(make_url(database_url).database or "")

    def raw() -> bytes:
        return b"".join(p.read_bytes() for p in path.parent.glob(f"{path.name}*"))

    assert ADA_PNR.encode() in raw()  # the test can fail
    coop.privacy.pseudonymise(admin, 2, date(2034, 1, 1))
    coop.store.close()
    data = raw()
    for form in ADA_FORMS:
        assert form.encode() not in data, form
    # Her name stays only in the audit trail's actor column (what she did), which is
    # append-only; every other table is free of it.
    with sqlite3.connect(path) as db:
        tables = [
            t
            for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if t != "audit_events"
        ]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):  # names from the schema
                assert ADA_NAME not in repr(row), table
        actors = {a for (a,) in db.execute("SELECT actor FROM audit_events")}
    assert ADA_NAME in actors


def test_a_signature_time_keeps_its_zone(scenario: Scenario) -> None:
    # The pseudonymised contract still reads back as an aware signature time.
    coop, admin = scenario.coop, scenario.admin
    coop.privacy.pseudonymise(admin, 2, date(2034, 1, 1))
    signature = coop.contracts.get(admin, 1).signatures[0]
    assert signature.at == datetime(2026, 1, 21, 9, 0, tzinfo=UTC)

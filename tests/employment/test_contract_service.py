# SPDX-License-Identifier: EUPL-1.2
"""Contracts, signatures, hours and employment time through the API, on every backend.

Bad input (a contract ending before it starts, overlapping contracts, hours outside the
contract, signing by someone who is not a party) is refused with a clear error and nothing
is written: neither the record nor an audit event.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from uuid import uuid4

import pytest

from kooperativ import Actor, ConflictError, Cooperative, InputError, PermissionDenied, Role
from kooperativ.countries.se.employment import EmploymentType
from kooperativ.countries.se.employment.limits import Rule
from kooperativ.employment.models import EndReason, Party
from kooperativ.i18n import messages
from kooperativ.services.contracts import NotPayableError

NOW = datetime(2026, 8, 20, 9, 0, tzinfo=UTC)
ADDRESS = {"street": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm"}


@pytest.fixture
def coop(tmp_path: Path, database_url: str) -> Iterator[Cooperative]:
    """The example cooperative with three members, a client and two assignments of Alva's.

    Members: 1 Alva (employee), 2 Bruno (treasurer), 3 Cecilia (board, no address).
    Assignments: 1 Alva 2026-09-01..2026-11-30, 2 Alva 2026-12-01..2026-12-20,
    3 Cecilia 2026-09-01..2026-09-30.
    """
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=lambda: NOW) as opened:
        admin = Actor.admin()
        opened.members.add(
            admin,
            first_name="Alva",
            last_name="Berglund",
            person_id="19850312-9804",
            status="member",
            joined_on=date(2024, 3, 1),
            address=ADDRESS,
        )
        opened.members.add(
            admin,
            first_name="Bruno",
            last_name="Dahl",
            person_id="19910704-9802",
            status="member",
            joined_on=date(2024, 3, 1),
            address=ADDRESS,
            roles=frozenset({Role.TREASURER}),
        )
        opened.members.add(
            admin,
            first_name="Cecilia",
            last_name="Ek",
            person_id="19780923-9804",
            status="member",
            joined_on=date(2024, 9, 15),
            roles=frozenset({Role.BOARD}),
        )
        opened.clients.add(admin, name="Teatern AB", orgnr="559912-3451")
        for member, start, end in (
            (1, date(2026, 9, 1), date(2026, 11, 30)),
            (1, date(2026, 12, 1), date(2026, 12, 20)),
            (3, date(2026, 9, 1), date(2026, 9, 30)),
        ):
            opened.assignments.add(
                admin,
                member=member,
                client=1,
                description="Scenografi",
                start=start,
                end=end,
                agreed_amount="30000",
            )
        yield opened


#: A member without roles who is party to nothing.
ELIN = Actor(name="Elin Gran", roles=frozenset({Role.MEMBER}), member_id=uuid4())


def events(coop: Cooperative) -> int:
    """Events about records (the configuration files' recorded hashes left out)."""
    return len([e for e in coop.audit.events(Actor.admin()) if e.entity != "config"])


@pytest.fixture
def admin() -> Actor:
    return Actor.admin()


def test_create_fills_every_required_item(coop: Cooperative, admin: Actor) -> None:
    contract = coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    assert contract.form == EmploymentType.SPECIAL_FIXED_TERM
    assert (contract.start, contract.end) == (date(2026, 9, 1), date(2026, 11, 30))
    assert contract.holiday_pay_rate == Decimal("0.12")  # parameter holiday.rate
    assert [p.name for p in contract.pay_parts] == ["Grundlön", "Semesterersättning"]
    assert "25:e" in (contract.pay_schedule or "")
    report = coop.contracts.information(admin, 1, date(2026, 8, 20))
    assert report.complete and not report.late
    # Cecilia has no address: the check names the item and its paragraph.
    coop.contracts.create(admin, assignment=3, made_on=date(2026, 8, 20))
    report = coop.contracts.information(admin, 2, date(2026, 8, 20))
    assert [i.key for i in report.missing] == ["employee_address"]


def test_one_contract_for_several_assignments(coop: Cooperative, admin: Actor) -> None:
    contract = coop.contracts.create(admin, assignment=[1, 2], made_on=date(2026, 8, 20))
    assert (contract.start, contract.end) == (date(2026, 9, 1), date(2026, 12, 20))
    assert len(contract.assignment_ids) == 2
    before = events(coop)
    with pytest.raises(InputError, match="different members"):
        coop.contracts.create(admin, assignment=[1, 3], made_on=date(2026, 8, 20))
    with pytest.raises(ConflictError, match="already has contract 1"):
        coop.contracts.create(admin, assignment=2, made_on=date(2026, 8, 20))
    assert events(coop) == before


def test_bad_periods_are_refused_and_nothing_written(coop: Cooperative, admin: Actor) -> None:
    with pytest.raises(InputError) as info:
        coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20), end=date(2026, 8, 31))
    assert info.value.field == "end" and "before it starts" in str(info.value)
    with pytest.raises(InputError, match="at most 6 months"):
        coop.contracts.create(
            admin,
            assignment=1,
            made_on=date(2026, 8, 20),
            form="provanstallning",
            end=date(2027, 3, 1),
        )
    with pytest.raises(InputError, match="no end date"):
        coop.contracts.create(
            admin,
            assignment=1,
            made_on=date(2026, 8, 20),
            form="tillsvidareanstallning",
            end=date(2027, 3, 1),
        )
    with pytest.raises(InputError, match="unknown"):
        coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20), form="gig")
    # Two contracts for the same assignment may not overlap.
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20), end=date(2026, 9, 30))
    with pytest.raises(ConflictError, match="already has contract 1"):
        coop.contracts.create(
            admin, assignment=1, made_on=date(2026, 8, 20), start=date(2026, 9, 30)
        )
    second = coop.contracts.create(
        admin, assignment=1, made_on=date(2026, 9, 20), start=date(2026, 10, 1)
    )
    assert second.number == 2
    assert [c.number for c in coop.contracts.list(admin)] == [1, 2]
    assert events(coop) == 7 + 2  # 3 members, 1 client, 3 assignments, 2 contracts


def test_signatures_record_who_and_when(coop: Cooperative, admin: Actor) -> None:
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    alva = coop.actor_for_member(1)
    at = datetime(2026, 8, 20, 16, 30, tzinfo=timezone(timedelta(hours=2)))
    signed = coop.contracts.sign(alva, 1, "employee", at)
    assert signed.signed_by_employee == at and not signed.signed
    signature = signed.signature(Party.EMPLOYEE)
    assert signature is not None
    assert (signature.name, signature.member_id, signature.at) == (
        "Alva Berglund",
        alva.member_id,
        at,
    )
    bruno = coop.actor_for_member(2)
    both = coop.contracts.sign(bruno, 1, Party.EMPLOYER)
    assert both.signed and both.signed_by_employer == NOW
    assert coop.contracts.get(admin, 1) == both
    assert coop.audit.verify(Actor.admin()).problems == []
    actions = [e.action for e in coop.audit.events(admin)][-2:]
    assert actions == ["contract.sign.employee", "contract.sign.employer"]


def test_signing_by_someone_not_a_party_is_refused(coop: Cooperative, admin: Actor) -> None:
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    before_events, before = events(coop), coop.contracts.get(admin, 1)
    cecilia = coop.actor_for_member(3)  # board member, not the employee
    alva = coop.actor_for_member(1)
    with pytest.raises(PermissionDenied, match="only the employed member"):
        coop.contracts.sign(admin, 1, "employee")
    with pytest.raises(PermissionDenied, match="only the employed member"):
        coop.contracts.sign(cecilia, 1, "employee")
    with pytest.raises(PermissionDenied, match="board, treasurer or admin only"):
        coop.contracts.sign(alva, 1, "employer")
    with pytest.raises(PermissionDenied, match="board, treasurer or admin only"):
        coop.contracts.sign(ELIN, 1, "employer")
    with pytest.raises(InputError, match="not a party"):
        coop.contracts.sign(admin, 1, "witness")
    with pytest.raises(InputError, match="time zone"):
        coop.contracts.sign(alva, 1, "employee", datetime(2026, 8, 20, 10, 0))
    with pytest.raises(InputError, match="before the contract was made"):
        coop.contracts.sign(alva, 1, "employee", datetime(2026, 8, 19, 10, 0, tzinfo=UTC))
    assert events(coop) == before_events
    assert coop.contracts.get(admin, 1) == before
    coop.contracts.sign(alva, 1, "employee")
    with pytest.raises(ConflictError, match="already signed by the employee"):
        coop.contracts.sign(alva, 1, "employee")
    # A board member may sign for the employer, but not on their own contract.
    coop.contracts.create(admin, assignment=3, made_on=date(2026, 8, 20))
    with pytest.raises(PermissionDenied, match="may not also sign it for the employer"):
        coop.contracts.sign(cecilia, 2, "employer")
    assert coop.contracts.sign(cecilia, 1, "employer").signed


def test_require_payable_blocks_unsigned_or_incomplete(coop: Cooperative, admin: Actor) -> None:
    with pytest.raises(NotPayableError, match="assignment 1 cannot be paid: no contract"):
        coop.contracts.require_payable(admin, 1)
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    with pytest.raises(NotPayableError) as info:
        coop.contracts.require_payable(admin, 1)
    assert info.value.contract_number == 1
    assert info.value.missing == ["not signed by the employee", "not signed by the employer"]
    assert "contract 1" in str(info.value)
    coop.contracts.sign(coop.actor_for_member(1), 1, "employee")
    coop.contracts.sign(admin, 1, "employer")
    assert coop.contracts.require_payable(admin, 1).number == 1
    assert coop.contracts.require_payable(admin, "1", on=date(2026, 10, 15)).number == 1
    with pytest.raises(NotPayableError, match="no employment contract running on 2026-12-05"):
        coop.contracts.require_payable(admin, 1, on=date(2026, 12, 5))
    # Signed but incomplete: Cecilia has no registered address (6 c § andra stycket 1).
    coop.contracts.create(admin, assignment=3, made_on=date(2026, 8, 20))
    coop.contracts.sign(coop.actor_for_member(3), 2, "employee")
    coop.contracts.sign(admin, 2, "employer")
    with pytest.raises(NotPayableError, match=r"employee's address missing \(LAS 6 c §"):
        coop.contracts.require_payable(admin, 3)


def test_end_records_reason(coop: Cooperative, admin: Actor) -> None:
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    before = events(coop)
    with pytest.raises(InputError, match="before contract 1 starts"):
        coop.contracts.end(admin, 1, on=date(2026, 8, 31), reason="resignation")
    with pytest.raises(InputError, match="after contract 1 ends"):
        coop.contracts.end(admin, 1, on=date(2026, 12, 1), reason="resignation")
    with pytest.raises(InputError, match="unknown"):
        coop.contracts.end(admin, 1, on=date(2026, 10, 1), reason="bored")
    with pytest.raises(PermissionDenied):
        coop.contracts.end(coop.actor_for_member(1), 1, on=date(2026, 10, 1), reason="resignation")
    coop.employment.add_hours(admin, assignment=1, month=date(2026, 11, 1), hours="10")
    with pytest.raises(ConflictError, match="hours are reported for 2026-11"):
        coop.contracts.end(admin, 1, on=date(2026, 10, 15), reason="resignation")
    assert events(coop) == before + 1
    ended = coop.contracts.end(admin, 1, on=date(2026, 11, 15), reason=EndReason.RESIGNATION)
    assert (ended.ended_on, ended.end_reason, ended.last_day) == (
        date(2026, 11, 15),
        EndReason.RESIGNATION,
        date(2026, 11, 15),
    )
    with pytest.raises(ConflictError, match="already ended"):
        coop.contracts.end(admin, 1, on=date(2026, 11, 16), reason="resignation")


def test_hours_add_up_per_month(coop: Cooperative, admin: Actor) -> None:
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    alva, bruno, cecilia = (coop.actor_for_member(n) for n in (1, 2, 3))
    first = coop.employment.add_hours(alva, assignment=1, month=date(2026, 10, 1), hours="80")
    coop.employment.add_hours(alva, assignment=1, month=date(2026, 10, 17), hours="40.5")
    coop.employment.add_hours(admin, assignment=1, month=date(2026, 11, 1), hours=Decimal(60))
    assert (first.number, first.month, first.reported_by) == (1, date(2026, 10, 1), "Alva Berglund")
    confirmed = coop.employment.confirm_hours(bruno, 1)
    assert confirmed.confirmed_by == "Bruno Dahl" and confirmed.confirmed_at == NOW
    coop.employment.confirm_hours(admin, 3)
    time = coop.employment.time(alva, 1, date(2026, 11, 30))
    months = {m.month: m for m in time.months}
    assert months[date(2026, 10, 1)].hours_reported == Decimal("120.5")
    assert months[date(2026, 10, 1)].hours_confirmed == Decimal("80")
    assert months[date(2026, 11, 1)].hours_confirmed == Decimal("60")
    assert months[date(2026, 9, 1)].days == {EmploymentType.SPECIAL_FIXED_TERM: 30}
    assert sum(m.hours_reported for m in time.months) == Decimal("180.5")
    assert time.time.days_by_form[EmploymentType.SPECIAL_FIXED_TERM] == 91
    assert [h.number for h in coop.employment.list_hours(alva)] == [1, 2, 3]
    assert coop.employment.list_hours(ELIN) == []
    assert len(coop.employment.list_hours(cecilia)) == 3  # the board sees everyone's
    assert len(coop.employment.list_hours(admin, month=date(2026, 10, 5))) == 2
    with pytest.raises(PermissionDenied):
        coop.employment.time(ELIN, 1, date(2026, 11, 30))
    assert coop.audit.verify(Actor.admin()).problems == []


def test_bad_hours_are_refused_and_nothing_written(coop: Cooperative, admin: Actor) -> None:
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    alva, bruno, cecilia = (coop.actor_for_member(n) for n in (1, 2, 3))
    before = events(coop)
    with pytest.raises(InputError, match="no employment contract for assignment 1 covers 2026-12"):
        coop.employment.add_hours(alva, assignment=1, month=date(2026, 12, 1), hours="8")
    with pytest.raises(InputError, match="no employment contract for assignment 2 covers"):
        coop.employment.add_hours(admin, assignment=2, month=date(2026, 12, 1), hours="8")
    with pytest.raises(InputError, match="more than 0"):
        coop.employment.add_hours(alva, assignment=1, month=date(2026, 10, 1), hours="0")
    with pytest.raises(InputError, match="floats"):
        coop.employment.add_hours(alva, assignment=1, month=date(2026, 10, 1), hours=8.5)  # type: ignore[arg-type]
    # 30 contract days in September: at most 720 hours.
    with pytest.raises(InputError, match="do not fit in the 30 contract days"):
        coop.employment.add_hours(alva, assignment=1, month=date(2026, 9, 1), hours="721")
    with pytest.raises(PermissionDenied, match="own assignments"):
        coop.employment.add_hours(ELIN, assignment=1, month=date(2026, 10, 1), hours="8")
    assert events(coop) == before and coop.employment.list_hours(admin) == []
    coop.employment.add_hours(alva, assignment=1, month=date(2026, 10, 1), hours="8")
    with pytest.raises(PermissionDenied, match="treasurer or admin only"):
        coop.employment.confirm_hours(cecilia, 1)  # board may not confirm
    with pytest.raises(PermissionDenied, match="treasurer or admin only"):
        coop.employment.confirm_hours(alva, 1)
    coop.employment.confirm_hours(bruno, 1)
    with pytest.raises(ConflictError, match="already|was confirmed"):
        coop.employment.confirm_hours(admin, 1)


def test_treasurer_may_not_confirm_own_hours(coop: Cooperative, admin: Actor) -> None:
    job = coop.assignments.add(
        admin,
        member=2,
        client=1,
        description="Kassagranskning",
        start=date(2026, 9, 1),
        end=date(2026, 9, 30),
        agreed_amount="5000",
    )
    coop.contracts.create(admin, assignment=job.number, made_on=date(2026, 8, 20))
    bruno = coop.actor_for_member(2)
    coop.employment.add_hours(bruno, assignment=job.number, month=date(2026, 9, 1), hours="10")
    with pytest.raises(PermissionDenied, match="their own hours"):
        coop.employment.confirm_hours(bruno, 1)


def test_check_reports_contracts_and_employment_time(coop: Cooperative, admin: Actor) -> None:
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    before_start = {(p.severity, p.where, p.message) for p in coop.check(date(2026, 8, 20))}
    assert ("warning", "contract 1", "not signed by both parties") in before_start
    # Work under an unsigned contract is an error (issue 9), and so is information not given.
    found = {(p.severity, p.where, p.message) for p in coop.check(date(2026, 9, 10))}
    assert (
        "error",
        "contract 1",
        "not signed by both parties, but work started on 2026-09-01",
    ) in found
    assert any(
        s == "error" and w == "contract 1" and "not given (due 2026-08-20" in m for s, w, m in found
    )
    # A long series of SÄVA for Alva: 2025-11-01..2026-08-31 (304 days) passes the warning
    # threshold (300 days); with contract 1 (from 2026-09-01) the 361st day is 2026-10-27.
    old = coop.assignments.add(
        admin,
        member=1,
        client=1,
        description="Tidigare uppdrag",
        start=date(2025, 11, 1),
        end=date(2026, 8, 31),
        agreed_amount="90000",
    )
    coop.contracts.create(admin, assignment=old.number, made_on=date(2025, 10, 20))
    problems = coop.check(date(2026, 9, 10))
    member = [p for p in problems if p.where == "member 1"]
    assert any(
        p.severity == "warning"
        and "pass the SÄVA limit (more than 360 days) on 2026-10-27" in p.message
        for p in member
    )
    later = [p for p in coop.check(date(2026, 11, 1)) if p.where == "member 1"]
    assert any(p.severity == "error" and "2026-10-27" in p.message for p in later)
    time = coop.employment.time(admin, 1, date(2026, 11, 1))
    assert time.time.limit(Rule.SAVA_CONVERSION).reached_on == date(2026, 10, 27)


def test_pdf_through_the_service(coop: Cooperative, admin: Actor) -> None:
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    assert coop.contracts.pdf(admin, 1).startswith(b"%PDF-")
    assert coop.contracts.pdf(coop.actor_for_member(1), 1, "en").startswith(b"%PDF-")
    with pytest.raises(PermissionDenied):
        coop.contracts.pdf(ELIN, 1)
    with pytest.raises(InputError, match="not supported"):
        coop.contracts.pdf(admin, 1, "de")


def test_check_problems_render_in_swedish_and_english(coop: Cooperative, admin: Actor) -> None:
    # Cecilia (member 3) has no address: her contract misses the employee's address.
    coop.contracts.create(admin, assignment=3, made_on=date(2026, 8, 20))
    problems = [p for p in coop.check(date(2026, 9, 10)) if p.where == "contract 1"]
    sv, en = messages("sv"), messages("en")
    swedish = [p.text(sv) for p in problems]
    assert ("avtal 1", "inte signerat av båda parter, men arbetet började 2026-09-01") in swedish
    assert (
        "avtal 1",
        "den skriftliga informationen är ofullständig: arbetstagarens adress "
        "(LAS 6 c § andra stycket 1)",
    ) in swedish
    assert any(
        text.startswith("skriftlig information har inte lämnats (skulle lämnas 2026-08-20 för ")
        for _, text in swedish
    )
    assert [p.text(en) for p in problems] == [(p.where, p.message) for p in problems]
    assert any(
        p.message == "written information incomplete: employee's address "
        "(LAS 6 c § andra stycket 1)"
        for p in problems
    )
    # Employment-time warnings and unconfirmed hours are translated too.
    old = coop.assignments.add(
        admin,
        member=1,
        client=1,
        description="Tidigare uppdrag",
        start=date(2025, 11, 1),
        end=date(2026, 8, 31),
        agreed_amount="90000",
    )
    coop.contracts.create(admin, assignment=old.number, made_on=date(2025, 10, 20))
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    coop.employment.add_hours(admin, assignment=1, month=date(2026, 9, 1), hours="10")
    found = coop.check(date(2026, 10, 10))
    member = [p.text(sv) for p in found if p.where == "member 1"]
    assert any(
        where == "medlem 1"
        and "passerar gränsen för SÄVA (mer än 360 dagar) den 2026-10-27" in text
        for where, text in member
    )
    hours = [p.text(sv) for p in found if p.where == "assignment 1"]
    assert hours == [("uppdrag 1", "10 timmar för 2026-09 är inte bekräftade")]

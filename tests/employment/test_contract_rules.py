# SPDX-License-Identifier: EUPL-1.2
"""Issue 9 and 10 rules of contracts through the API, on every backend.

Contracts are for members only and are made before the assignment ends; holiday is paid
out instead of leave only where Semesterlagen allows it; ``check`` grades work without a
signed contract as an error and keeps reporting contracts that have ended until the
problem is resolved; the old form *allmän visstidsanställning* exists for employments
before 1 October 2022; who signs for the employer is a rule of the library.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ import Actor, Cooperative, InputError, PermissionDenied, Role
from kooperativ.employment.models import HolidayPayTerms, Party
from kooperativ.i18n import messages
from kooperativ.rules.employment import EmploymentLaw, EmploymentProblem

NOW = datetime(2026, 8, 20, 9, 0, tzinfo=UTC)
ADDRESS = {"street": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm"}


@pytest.fixture
def coop(tmp_path: Path, database_url: str) -> Iterator[Cooperative]:
    """Members 1 Alva, 2 Bruno (treasurer), 3 Cecilia (board), 4 Dan (applicant).

    Assignments: 1 Alva 2026-09-01..2026-11-30 (three months), 2 Alva 2026-09-01..2026-12-31
    (four months), 3 Dan 2026-09-01..2026-09-30, 4 Bruno 2026-10-01..2026-10-31.
    """
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=lambda: NOW) as opened:
        admin = Actor.admin()
        people = [
            ("Alva", "Berglund", "19850312-9804", "member", frozenset()),
            ("Bruno", "Dahl", "19910704-9802", "member", frozenset({Role.TREASURER})),
            ("Cecilia", "Ek", "19780923-9804", "member", frozenset({Role.BOARD})),
            ("Dan", "Falk", "19580211-9809", "applicant", frozenset()),
        ]
        for first, last, person_id, status, roles in people:
            opened.members.add(
                admin,
                first_name=first,
                last_name=last,
                person_id=person_id,
                status=status,
                joined_on=date(2020, 1, 1) if status == "member" else None,
                address=ADDRESS,
                roles=roles,
            )
        opened.clients.add(admin, name="Teatern AB", orgnr="559912-3451")
        for member, start, end in (
            (1, date(2026, 9, 1), date(2026, 11, 30)),
            (1, date(2026, 9, 1), date(2026, 12, 31)),
            (4, date(2026, 9, 1), date(2026, 9, 30)),
            (2, date(2026, 10, 1), date(2026, 10, 31)),
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


def events(coop: Cooperative) -> int:
    return len(coop.audit.events(Actor.admin()))


def codes(coop: Cooperative, on: date, where: str) -> list[tuple[str, str]]:
    return [
        (p.severity, p.code)
        for p in coop.check(on)
        if p.where == where and isinstance(p, EmploymentProblem)
    ]


def test_services_reach_the_law_through_the_country(coop: Cooperative) -> None:
    law = coop.country.employment_law()
    assert isinstance(law, EmploymentLaw)
    assert coop.contracts.law.default_form == "sarskild_visstidsanstallning"
    assert law.form("allman_visstidsanstallning").fixed_term


def test_contracts_only_for_members(coop: Cooperative) -> None:
    admin = Actor.admin()
    before = events(coop)
    with pytest.raises(InputError, match="is not a member on 2026-09-01") as info:
        coop.contracts.create(admin, assignment=3, made_on=date(2026, 8, 20))
    assert info.value.field == "assignment"
    assert "Dan Falk (medlem 4) är inte medlem 2026-09-01 (status sökande)" in (
        info.value.render(messages("sv"))
    )
    assert events(coop) == before and coop.contracts.list(admin) == []
    # Admitted before the first day: the contract is made.
    coop.members.admit(admin, 4, date(2026, 8, 25))
    assert coop.contracts.create(admin, assignment=3, made_on=date(2026, 8, 26)).number == 1


def test_a_contract_is_not_made_after_its_assignment_ended(coop: Cooperative) -> None:
    admin = Actor.admin()
    with pytest.raises(InputError, match="is after the assignment ended") as info:
        coop.contracts.create(admin, assignment=1, made_on=date(2026, 12, 1))
    assert info.value.field == "made_on"
    # The last day of the assignment is still in time.
    assert coop.contracts.create(admin, assignment=1, made_on=date(2026, 11, 30)).number == 1


def test_holiday_is_paid_out_only_for_at_most_three_months(coop: Cooperative) -> None:
    admin = Actor.admin()
    # 2026-09-01..2026-11-30: three months (Semesterlag 5 §): paid out at 12 %.
    short = coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    assert short.holiday_pay is HolidayPayTerms.PAID_OUT
    assert short.holiday_pay_rate == Decimal("0.12")
    # 2026-09-01..2026-12-31: four months: paid leave by default, with the law's terms.
    long = coop.contracts.create(admin, assignment=2, made_on=date(2026, 8, 20))
    assert long.holiday_pay is HolidayPayTerms.PAID_LEAVE
    assert long.holiday_pay_rate is None
    assert "25 semesterdagar per semesterår" in (long.holiday_terms or "")
    assert [p.name for p in long.pay_parts] == ["Grundlön"]
    # Paying holiday out over four months is refused, naming the field; nothing is written.
    before = events(coop)
    with pytest.raises(InputError) as info:
        coop.contracts.create(
            admin,
            assignment=4,
            made_on=date(2026, 9, 20),
            end=date(2027, 1, 31),
            holiday_pay="semesterersattning",
        )
    assert info.value.field == "holiday_pay"
    assert "(Semesterlag 5 §); this one runs 2026-10-01–2027-01-31" in str(info.value)
    assert "semesterersättning i stället för semesterledighet får avtalas bara" in (
        info.value.render(messages("sv"))
    )
    assert events(coop) == before
    with pytest.raises(InputError, match="unknown") as info:
        coop.contracts.create(admin, assignment=4, made_on=date(2026, 9, 20), holiday_pay="cash")
    assert info.value.field == "holiday_pay"
    # Under a collective agreement paying out may be allowed: a warning to check it.
    agreed = coop.contracts.create(
        admin,
        assignment=4,
        made_on=date(2026, 9, 20),
        end=date(2027, 1, 31),
        holiday_pay="semesterersattning",
        collective_agreement="Scenkonstavtalet",
    )
    assert ("warning", "holiday.paid_out_by_agreement") in codes(
        coop, date(2026, 9, 25), f"contract {agreed.number}"
    )


def test_check_grades_unsigned_work_as_an_error_and_keeps_ended_contracts(
    coop: Cooperative,
) -> None:
    admin = Actor.admin()
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    # Before the first day an unsigned contract is a warning.
    assert ("warning", "contract.unsigned") in codes(coop, date(2026, 8, 25), "contract 1")
    # Work under it is an error, and stays one after the contract has ended.
    for day in (date(2026, 9, 2), date(2027, 3, 1)):
        found = codes(coop, day, "contract 1")
        assert ("error", "contract.work_unsigned") in found, day
        assert ("error", "information.not_given") in found, day
    assert any(p.severity == "error" for p in coop.check(date(2027, 3, 1)))
    # Both sign (late): the errors are resolved; information given late is reported while
    # the contract runs, and no longer once it has ended.
    coop.contracts.sign(coop.actor_for_member(1), 1, Party.EMPLOYEE, NOW.replace(month=9))
    coop.contracts.sign(admin, 1, Party.EMPLOYER, NOW.replace(month=9))
    running = codes(coop, date(2026, 10, 1), "contract 1")
    assert ("warning", "information.late") in running
    assert not [c for c in running if c[0] == "error"]
    assert codes(coop, date(2027, 3, 1), "contract 1") == []


def test_check_flags_a_stored_contract_of_a_former_member(coop: Cooperative) -> None:
    admin = Actor.admin()
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    coop.members.resign(admin, 1, date(2026, 8, 30))
    assert ("error", "contract.not_member") in codes(coop, date(2026, 8, 31), "contract 1")


def test_allman_visstidsanstallning_only_before_1_october_2022(coop: Cooperative) -> None:
    admin = Actor.admin()
    job = coop.assignments.add(
        admin,
        member=1,
        client=1,
        description="Turné",
        start=date(2022, 3, 1),
        end=date(2022, 9, 30),
        agreed_amount="1000",
    )
    made = coop.contracts.create(
        admin, assignment=job.number, made_on=date(2022, 2, 20), form="allman_visstidsanstallning"
    )
    assert made.form == "allman_visstidsanstallning"
    later = coop.assignments.add(
        admin,
        member=1,
        client=1,
        description="Turné",
        start=date(2022, 10, 3),
        end=date(2022, 10, 30),
        agreed_amount="1000",
    )
    with pytest.raises(InputError, match="cannot be agreed") as info:
        coop.contracts.create(
            admin,
            assignment=later.number,
            made_on=date(2022, 9, 20),
            form="allman_visstidsanstallning",
        )
    assert info.value.field == "form"
    # SÄVA did not exist before 1 October 2022; it does from then on.
    with pytest.raises(InputError, match="cannot be agreed"):
        coop.contracts.create(
            admin,
            assignment=later.number,
            made_on=date(2022, 9, 20),
            start=date(2022, 9, 26),
            form="sarskild_visstidsanstallning",
        )
    sava = coop.contracts.create(admin, assignment=later.number, made_on=date(2022, 9, 20))
    assert sava.form == "sarskild_visstidsanstallning"


def test_who_signs_for_the_employer_is_the_librarys_rule(coop: Cooperative) -> None:
    admin = Actor.admin()
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    coop.contracts.create(admin, assignment=4, made_on=date(2026, 9, 20))
    # The treasurer signs, or a board member when the treasurer is the employee.
    assert coop.contracts.employer_signatory(admin, 1).name == "Bruno Dahl"
    assert coop.contracts.employer_signatory(admin, 2).name == "Cecilia Ek"
    with pytest.raises(PermissionDenied, match="admin only"):
        coop.contracts.sign_for_employer(coop.actor_for_member(2), 1)
    signed = coop.contracts.sign_for_employer(admin, 2, NOW.replace(month=9))
    signature = signed.signature(Party.EMPLOYER)
    assert signature is not None and signature.name == "Cecilia Ek"
    assert coop.audit.events(admin)[-1].action == "contract.sign.employer"
    # Without a treasurer or board member other than the employee there is no one.
    coop.members.resign(admin, 3, date(2026, 9, 1))
    with pytest.raises(InputError, match="no treasurer or board member") as info:
        coop.contracts.employer_signatory(admin, 2)
    assert info.value.field == "party"


def test_days_far_outside_the_calendar_are_refused(coop: Cooperative) -> None:
    admin = Actor.admin()
    with pytest.raises(InputError, match="outside the years") as info:
        coop.contracts.create(admin, assignment=1, made_on=date(1, 1, 1))
    assert info.value.field == "made_on"
    with pytest.raises(InputError, match="outside the years") as info:
        coop.employment.time(admin, 1, date(9999, 12, 31))
    assert info.value.field == "on"
    found = [p for p in coop.check(date(9999, 12, 31)) if "outside the years" in p.message]
    assert found and all(p.severity == "error" for p in found)

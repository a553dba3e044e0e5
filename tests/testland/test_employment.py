# SPDX-License-Identifier: EUPL-1.2
"""A contract under the employment law of the fictional test country Testland (``XT``).

Proves the employment-law boundary: a contract is created, signed, checked, counted and
printed under a country package that is not Sweden, with no change to kooperativ's core.
The country (``kooperativ_testland``, its entry point and the conftest that puts it on
``sys.path``) lives in this folder.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from importlib.metadata import entry_points
from pathlib import Path
from uuid import uuid4

import pytest

from kooperativ import Actor, Cooperative, InputError
from kooperativ.assignments.models import Assignment
from kooperativ.members.models import Address, Member, MemberStatus
from kooperativ.rules.country import get_country
from kooperativ.rules.employment import EmploymentLaw

NOW = datetime(2026, 8, 20, 9, 0, tzinfo=UTC)

CONFIG = """
country = "XT"
language = "en"

[employer]
name = "Testland Arts Coop"
orgnr = "XT-100200-3"

[employer.address]
street = "1 Stage Street"
postal_code = "0001"
city = "Testville"
country = "XT"

[fees]
rate = "0.06"

[employment]
default_type = "engagement"
place_of_work = "Testville Theatre"
"""


def _testland() -> type:
    """The test country's class from its entry point, or skip the test."""
    try:
        importlib.import_module("kooperativ_testland")
    except ModuleNotFoundError:
        pytest.skip("the test country kooperativ_testland is not installed (payroll branch)")
    found = [ep for ep in entry_points(group="kooperativ.countries") if ep.name.upper() == "XT"]
    if not found:
        pytest.skip("the test country XT is not registered through its entry point")
    cls: type = found[0].load()
    return cls


@pytest.fixture
def coop(tmp_path: Path) -> Iterator[Cooperative]:
    """A Testland cooperative with one member, Ada, and one assignment of hers."""
    _testland()
    from kooperativ_testland.employment import TestlandEmploymentLaw

    assert isinstance(get_country("XT").employment_law(), TestlandEmploymentLaw)
    folder = tmp_path / "testland"
    folder.mkdir()
    (folder / "cooperative.toml").write_text(CONFIG, encoding="utf-8")
    with Cooperative.open(folder, "memory://", clock=lambda: NOW) as opened:
        member = Member(
            number=1,
            first_name="Ada",
            last_name="Lind",
            person_id="XT-19850312",
            birth_date=date(1985, 3, 12),
            address=Address(street="2 Dance Road", postal_code="0002", city="Testville"),
            status=MemberStatus.MEMBER,
            joined_on=date(2025, 1, 1),
        )
        jobs = [
            Assignment(
                number=number,
                member_id=member.id,
                client_id=uuid4(),
                description="Set design",
                start=start,
                end=end,
                agreed_amount="30000",
            )
            for number, start, end in (
                (1, date(2026, 9, 1), date(2026, 11, 30)),
                (2, date(2025, 6, 1), date(2026, 8, 31)),  # 457 days: longer than a year
            )
        ]
        # Written straight to the store: this test is about the employment law, not about
        # Testland's identifiers or VAT.
        with opened.store.unit_of_work() as uow:
            uow.members.add(member)
            for job in jobs:
                uow.assignments.add(job)
        yield opened


def test_a_contract_is_created_and_signed_under_testland_law(coop: Cooperative) -> None:
    admin = Actor.admin()
    law = coop.country.employment_law()
    assert isinstance(law, EmploymentLaw)
    assert type(law).__module__ == "kooperativ_testland.employment"
    with pytest.raises(InputError) as info:
        coop.contracts.create(
            admin, assignment=1, made_on=date(2026, 8, 20), form="sarskild_visstidsanstallning"
        )
    assert info.value.field == "form"  # Swedish forms mean nothing in Testland
    contract = coop.contracts.create(admin, assignment=1, made_on=date(2026, 8, 20))
    assert contract.form == "engagement"
    assert contract.holiday_pay_rate is not None and str(contract.holiday_pay_rate) == "0.10"
    assert contract.notice_rules == "The engagement ends on its last day."
    assert [p.code for p in coop.check(date(2026, 9, 2)) if p.where == "contract 1"] == [
        "contract.work_unsigned",
        "information.not_given",
    ]
    coop.contracts.sign(coop.actor_for_member(1), 1, "employee")
    signed = coop.contracts.sign(admin, 1, "employer")
    assert signed.signed
    report = coop.contracts.information(admin, 1, date(2026, 9, 2))
    assert report.complete and not report.late and report.problems == ()
    assert coop.contracts.require_payable(admin, 1).number == 1
    time = coop.employment.time(admin, 1, date(2026, 11, 30))
    assert time.time.days_by_form == {"engagement": 91}
    assert coop.contracts.pdf(admin, 1, "en").startswith(b"%PDF-")
    # An engagement of more than a year is refused by Testland's law, naming the field.
    with pytest.raises(InputError) as too_long:
        coop.contracts.create(admin, assignment=2, made_on=date(2025, 5, 20))
    assert too_long.value.field == "end"
    assert len(coop.contracts.list(admin)) == 1

# SPDX-License-Identifier: EUPL-1.2
"""The written information of LAS 6 c §: completeness per form of employment, deadlines.

Re-checked against the statute (SFS 2022:448 and 2022:835): points 1–7 are due on the
seventh calendar day after work started, the SÄVA details of 3 b when the contract is made,
points 9–13 within one month; paid holiday is point 10, the procedure on ending point 11,
social security point 13.
"""

from __future__ import annotations

import doctest
import importlib
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from babel.messages.pofile import read_po

from kooperativ.countries.se.employment import EmploymentType, SwedishEmploymentLaw
from kooperativ.countries.se.employment import information as las
from kooperativ.countries.se.employment.information import (
    INFORMATION_ITEMS,
    InformationRules,
    Parties,
    check_information,
)
from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.employment.models import (
    EmploymentContract,
    HolidayPayTerms,
    HoursReport,
    Party,
    PayPart,
    Signature,
)
from kooperativ.errors import InputError
from kooperativ.i18n import translator

RULES = InformationRules.from_parameters(load_swedish_parameters().at(date(2026, 1, 1)))
PARTIES = Parties(
    "Interim kultur ekonomisk förening",
    "Kulturgatan 1, 118 20 Stockholm",
    "Alva Berglund",
    "Storgatan 1, 111 22 Stockholm",
)


def complete(**changes: Any) -> EmploymentContract:
    """A contract with every item of the written information."""
    data: dict[str, Any] = {
        "number": 1,
        "member_id": uuid4(),
        "form": EmploymentType.SPECIAL_FIXED_TERM,
        "start": date(2026, 9, 1),
        "end": date(2026, 11, 30),
        "place_of_work": "Stadsteatern",
        "tasks": "Scenograf",
        "pay_terms": "Enligt budget",
        "pay_parts": (PayPart(name="Semesterersättning", rate=Decimal("0.12")),),
        "pay_schedule": "Månadsvis den 25:e",
        "scope": "Heltid",
        "holiday_pay_rate": Decimal("0.12"),
        "notice_rules": "Upphör när tiden löper ut",
        "social_insurance": "Arbetsgivaravgifter betalas",
        "made_on": date(2026, 8, 20),
    }
    data.update(changes)
    return EmploymentContract.model_validate(data)


def signed_by_employer(contract: EmploymentContract, at: datetime) -> EmploymentContract:
    signature = Signature(party=Party.EMPLOYER, name="Bruno Dahl", at=at)
    result: EmploymentContract = contract.evolve(
        signed_by_employer=at, signatures=(*contract.signatures, signature)
    )
    return result


@pytest.mark.parametrize(
    "name",
    [
        "kooperativ.employment.models",
        "kooperativ.employment.dates",
        "kooperativ.employment.defaults",
        "kooperativ.employment.texts",
        "kooperativ.rules.employment",
        "kooperativ.countries.se.employment.forms",
        "kooperativ.countries.se.employment.information",
        "kooperativ.countries.se.employment.validation",
        "kooperativ.countries.se.employment.counting",
        "kooperativ.countries.se.employment.limits",
        "kooperativ.countries.se.employment.preference",
        "kooperativ.countries.se.employment.time",
        "kooperativ.countries.se.employment.defaults",
        "kooperativ.countries.se.employment.law",
        "kooperativ.documents._pdf",
        "kooperativ.documents.contract",
    ],
)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_rules_come_from_the_parameters() -> None:
    assert (RULES.deadline_days, RULES.late_deadline_months, RULES.probation_max_months) == (
        7,
        1,
        6,
    )


def test_every_item_cites_its_paragraph() -> None:
    assert all(item.reference.startswith("LAS ") for item in INFORMATION_ITEMS.values())
    assert INFORMATION_ITEMS["end"].reference == "LAS 6 c § andra stycket 3 b"
    # Paid holiday is point 10, the procedure on ending point 11, social security point 13,
    # all due within one month (not points 8, 9 and 11 within seven days).
    assert {
        key: (INFORMATION_ITEMS[key].reference, INFORMATION_ITEMS[key].deadline)
        for key in ("holiday", "notice_rules", "social_insurance", "pay_schedule")
    } == {
        "holiday": ("LAS 6 c § andra stycket 10", "one_month"),
        "notice_rules": ("LAS 6 c § andra stycket 11", "one_month"),
        "social_insurance": ("LAS 6 c § andra stycket 13", "one_month"),
        "pay_schedule": ("LAS 6 c § andra stycket 4", "seven_days"),
    }
    # The grounds of a vikariat or a season are LAS 5 §, not written information.
    assert INFORMATION_ITEMS["basis"].reference == "LAS 5 § första stycket 2–3"


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({}, []),
        ({"form": EmploymentType.SUBSTITUTE}, ["basis"]),  # LAS 5 § 2 p.: whom for
        ({"form": EmploymentType.SUBSTITUTE, "basis": "Vikarie för K. Ek"}, []),
        ({"form": EmploymentType.SEASONAL}, ["basis"]),
        ({"form": EmploymentType.SEASONAL, "basis": "Sommarsäsongen 2026"}, []),
        ({"form": EmploymentType.PROBATION, "end": date(2027, 2, 28)}, []),
        ({"form": EmploymentType.PERMANENT, "end": None}, []),
        (
            {"form": EmploymentType.PERMANENT, "end": None, "notice_rules": None},
            [
                "notice_periods",
                "notice_rules",
            ],
        ),
        ({"end": None, "end_conditions": "När uppsättningen har spelats klart"}, []),
        ({"pay_parts": (), "monthly_pay": None}, ["pay_parts"]),
        ({"pay_parts": (), "monthly_pay": Decimal("32000")}, []),
        ({"pay_schedule": None, "social_insurance": " "}, ["pay_schedule", "social_insurance"]),
        ({"holiday_pay_rate": None}, ["holiday"]),
        ({"holiday_pay": HolidayPayTerms.PAID_LEAVE, "holiday_pay_rate": None}, ["holiday"]),
        (
            {
                "holiday_pay": HolidayPayTerms.PAID_LEAVE,
                "holiday_pay_rate": None,
                "holiday_terms": "25 dagar",
            },
            [],
        ),
    ],
)
def test_completeness_per_form(changes: dict[str, Any], missing: list[str]) -> None:
    report = check_information(complete(**changes), PARTIES, RULES, on=date(2026, 8, 20))
    assert [item.key for item in report.missing] == missing
    assert report.complete is (not missing)


def test_missing_addresses_of_the_parties() -> None:
    parties = Parties("Interim kultur", None, "Alva Berglund", None)
    report = check_information(complete(), parties, RULES, on=date(2026, 8, 20))
    assert [item.key for item in report.missing] == ["employer_address", "employee_address"]
    assert report.problems[1].message == (
        "written information incomplete: employee's address (LAS 6 c § andra stycket 1)"
    )
    assert [p.code for p in report.problems] == ["information.missing"] * 2


def test_sava_details_are_due_when_the_contract_is_made() -> None:
    # SÄVA made 2026-08-20, starting 2026-09-01: due on 2026-08-20 (6 c §), not 09-08.
    contract = complete()
    report = check_information(contract, PARTIES, RULES, on=date(2026, 8, 20))
    assert (report.due_on, report.late) == (date(2026, 8, 20), False)
    late = check_information(contract, PARTIES, RULES, on=date(2026, 8, 21))
    assert late.late
    assert "not given (due 2026-08-20 for the SÄVA details of point 3 b" in late.problems[0].message
    # Not given by a deadline is an error (work without the information), not a warning.
    assert [(p.severity, p.code) for p in late.problems] == [("error", "information.not_given")]
    given = signed_by_employer(contract, datetime(2026, 8, 20, 14, 0, tzinfo=UTC))
    ok = check_information(given, PARTIES, RULES, on=date(2026, 12, 1))
    assert (ok.given_on, ok.late, ok.problems) == (date(2026, 8, 20), False, ())


def test_seven_day_deadline_for_other_forms() -> None:
    # Vikariat starting 2026-09-01: points 1–7 due 2026-09-08, points 9–13 by 2026-10-01.
    contract = complete(form=EmploymentType.SUBSTITUTE, basis="Vikarie för K. Ek")
    on_time = check_information(contract, PARTIES, RULES, on=date(2026, 9, 8))
    assert (on_time.due_on, on_time.late_due_on, on_time.late) == (
        date(2026, 9, 8),
        date(2026, 10, 1),
        False,
    )
    assert check_information(contract, PARTIES, RULES, on=date(2026, 9, 9)).late
    given_late = signed_by_employer(contract, datetime(2026, 9, 10, 9, 0, tzinfo=UTC))
    report = check_information(given_late, PARTIES, RULES, on=date(2026, 9, 20))
    assert report.late
    assert [(p.severity, p.message) for p in report.problems] == [
        (
            "warning",
            "written information given on 2026-09-10, after the deadline "
            "(due 2026-09-08 for points 1–7; LAS 6 c §)",
        )
    ]


def test_trial_period_longer_than_six_months_is_a_problem() -> None:
    # LAS 6 §: at most six months: from 2026-09-01 the last day may be 2027-02-28.
    fine = complete(form=EmploymentType.PROBATION, end=date(2027, 2, 28))
    assert check_information(fine, PARTIES, RULES, on=date(2026, 8, 20)).problems == ()
    long = complete(form=EmploymentType.PROBATION, end=date(2027, 3, 1))
    [problem] = check_information(long, PARTIES, RULES, on=date(2026, 8, 20)).problems
    assert "last allowed day 2027-02-28; LAS 6 §" in problem.message
    assert (problem.severity, problem.code) == ("error", "probation.too_long")


def test_contract_model_refuses_inconsistent_data() -> None:
    with pytest.raises(ValueError, match="before start"):
        complete(end=date(2026, 8, 31))
    # What depends on the form is the law's: an open-ended employment has no end date, a
    # fixed term needs one (or the conditions for the end).
    law = SwedishEmploymentLaw()
    parameters = load_swedish_parameters()
    with pytest.raises(InputError, match="tillsvidareanställning has no end date") as info:
        law.validate_contract(complete(form=EmploymentType.PERMANENT), parameters)
    assert info.value.field == "end"
    with pytest.raises(InputError, match="end date or end conditions"):
        law.validate_contract(complete(end=None), parameters)
    with pytest.raises(InputError, match="unknown") as info:
        law.validate_contract(complete(form="gig"), parameters)
    assert info.value.field == "form"
    with pytest.raises(ValueError, match="go together"):
        complete(ended_on=date(2026, 10, 1))
    at = datetime(2026, 8, 20, tzinfo=UTC)
    with pytest.raises(ValueError, match="does not match"):
        complete(signatures=(Signature(party=Party.EMPLOYEE, name="Alva", at=at),))
    with pytest.raises(ValueError, match="time zone"):
        Signature(party=Party.EMPLOYEE, name="Alva", at=datetime(2026, 8, 20))


def test_hours_report_model() -> None:
    data: dict[str, Any] = {
        "number": 1,
        "member_id": uuid4(),
        "assignment_id": uuid4(),
        "contract_id": uuid4(),
        "month": date(2026, 10, 1),
        "hours": Decimal("37.5"),
        "reported_by": "Alva",
        "reported_at": datetime(2026, 11, 1, tzinfo=UTC),
    }
    report = HoursReport.model_validate(data)
    assert not report.confirmed
    with pytest.raises(ValueError, match="first day of a month"):
        HoursReport.model_validate({**data, "month": date(2026, 10, 2)})
    with pytest.raises(ValueError, match="greater than 0"):
        HoursReport.model_validate({**data, "hours": Decimal(0)})
    with pytest.raises(ValueError, match="go together"):
        HoursReport.model_validate({**data, "confirmed_by": "Bruno"})


# --- Swedish and English texts ----------------------------------------------------------------


def _catalog(lang: str) -> dict[str, str]:
    path = Path(__file__).parents[2] / "src" / "kooperativ" / "i18n" / "locales" / lang
    with (path / "LC_MESSAGES" / "employment.po").open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def test_findings_render_the_english_problems_and_swedish_texts() -> None:
    contract = complete(form=EmploymentType.SPECIAL_FIXED_TERM)
    parties = Parties("Interim kultur", None, "Alva Berglund", None)
    report = check_information(contract, parties, RULES, on=date(2026, 9, 10))
    sv = translator("sv", "employment")
    assert [p.text(sv)[1] for p in report.problems] == [
        "den skriftliga informationen är ofullständig: arbetsgivarens adress "
        "(LAS 6 c § andra stycket 1)",
        "den skriftliga informationen är ofullständig: arbetstagarens adress "
        "(LAS 6 c § andra stycket 1)",
        "skriftlig information har inte lämnats (skulle lämnas 2026-08-20 för uppgifterna om "
        "särskild visstidsanställning i punkt 3 b; LAS 6 c §)",
        "skriftlig information har inte lämnats (skulle lämnas 2026-09-08 för punkterna 1–7; "
        "LAS 6 c §)",
    ]
    assert [p.text(sv)[0] for p in report.problems] == ["avtal 1"] * 4
    en = translator("en", "employment")
    assert [p.text(en)[1] for p in report.problems] == [p.message for p in report.problems]


def test_late_and_trial_period_findings_in_swedish() -> None:
    sv = translator("sv", "employment")
    signed = signed_by_employer(
        complete(form=EmploymentType.SUBSTITUTE, basis="Vikarie för D. Falk"),
        datetime(2026, 9, 20, 9, 0, tzinfo=UTC),
    )
    [late] = check_information(signed, PARTIES, RULES, on=date(2026, 10, 1)).problems
    assert late.message.startswith("written information given on 2026-09-20, after the deadline")
    assert late.text(sv)[1] == (
        "skriftlig information lämnades 2026-09-20, efter tidsfristen (skulle lämnas "
        "2026-09-08 för punkterna 1–7; LAS 6 c §)"
    )
    long = complete(form=EmploymentType.PROBATION, end=date(2027, 6, 30))
    [trial] = check_information(long, PARTIES, RULES, on=date(2026, 8, 20)).problems
    assert trial.text(sv)[1].startswith("provanställningen pågår till 2027-06-30, längre än 6")


def test_every_text_of_the_findings_has_a_swedish_translation() -> None:
    swedish = _catalog("sv")
    english = _catalog("en")
    texts = [las.MISSING, las.LATE, las.NOT_GIVEN, las.TRIAL_TOO_LONG]
    texts += [item.label for item in INFORMATION_ITEMS.values()]
    texts += list(las.DEADLINE_WORDS.values())
    missing = [text for text in texts if not swedish.get(text) or text not in english]
    assert not missing

# SPDX-License-Identifier: EUPL-1.2
"""The contract PDF renders for every form of employment in Swedish and English and carries
the written information of LAS 6 c § (checked on the text ``pdftotext`` extracts)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest

from kooperativ.assignments.models import Assignment
from kooperativ.config import IdentityConfig
from kooperativ.countries.se.employment import EmploymentType, SwedishEmploymentLaw
from kooperativ.documents import contract_pdf as _contract_pdf
from kooperativ.employment.models import (
    EmploymentContract,
    EndReason,
    Party,
    PayPart,
    Signature,
    WorkAbroad,
)
from kooperativ.members.models import Address, Member

#: The PDF with Sweden's employment law (form names and the law's default terms).
contract_pdf = partial(_contract_pdf, law=SwedishEmploymentLaw())

EMPLOYER = IdentityConfig(
    name="Interim kultur ekonomisk förening",
    orgnr="769640-1236",
    email="kansli@interimkultur.example",
    address=Address(street="Kulturgatan 1", postal_code="118 20", city="Stockholm"),
)
MEMBER = Member(
    number=1,
    first_name="Alva",
    last_name="Berglund",
    person_id="198503129804",
    birth_date=date(1985, 3, 12),
    address=Address(street="Storgatan 1", postal_code="111 22", city="Stockholm"),
)
JOB = Assignment(
    number=7,
    member_id=MEMBER.id,
    client_id=MEMBER.id,
    description="Scenografi för höstens uppsättning",
    start=date(2026, 9, 1),
    end=date(2026, 11, 30),
    agreed_amount=Decimal("60000"),
)

HEADINGS = {
    "sv": [
        "Anställningsavtal",
        "6 c § lagen (1982:80) om anställningsskydd",
        "1. Parter",
        "2. Anställning",
        "3. Arbetsplats och arbetsuppgifter",
        "4. Arbetstid",
        "5. Lön och förmåner",
        "6. Semester",
        "7. Anställningens upphörande och uppsägning",
        "8. Övriga villkor",
        "Underskrifter",
        "Tillträdesdag",
        "Begynnelselön",
        "Socialförsäkring",
        "Kollektivavtal",
    ],
    "en": [
        "Employment contract",
        "6 c § of the Employment Protection Act (1982:80)",
        "1. Parties",
        "2. Employment",
        "3. Place of work and tasks",
        "4. Working time",
        "5. Pay",
        "6. Holiday",
        "7. End of employment and notice",
        "8. Other terms",
        "Signatures",
        "First day",
        "Starting pay",
        "Social insurance",
        "Collective agreement",
    ],
}
TYPE_TEXT = {
    ("sv", EmploymentType.SPECIAL_FIXED_TERM): "Särskild visstidsanställning (LAS 5 § 1 p.)",
    ("sv", EmploymentType.SUBSTITUTE): "Vikariat (LAS 5 § 2 p.)",
    ("sv", EmploymentType.SEASONAL): "Säsongsanställning (LAS 5 § 3 p.)",
    ("sv", EmploymentType.PROBATION): "Provanställning (LAS 6 §)",
    ("sv", EmploymentType.PERMANENT): "Tillsvidareanställning (LAS 4 §)",
    ("sv", EmploymentType.GENERAL_FIXED_TERM): "Allmän visstidsanställning (LAS 5 § 1 p. i",
    ("en", EmploymentType.SPECIAL_FIXED_TERM): "Special fixed-term employment",
    ("en", EmploymentType.SUBSTITUTE): "Substitute employment (vikariat)",
    ("en", EmploymentType.SEASONAL): "Seasonal employment",
    ("en", EmploymentType.PROBATION): "Probationary employment",
    ("en", EmploymentType.PERMANENT): "Permanent employment",
    ("en", EmploymentType.GENERAL_FIXED_TERM): "General fixed-term employment",
}


def contract(kind: EmploymentType, **changes: object) -> EmploymentContract:
    data: dict[str, object] = {
        "number": 3,
        "member_id": MEMBER.id,
        "assignment_ids": (JOB.id,),
        "form": kind,
        "start": date(2026, 9, 1),
        "end": None if kind is EmploymentType.PERMANENT else date(2026, 11, 30),
        "basis": "Vikarie för Karin Ek" if kind is EmploymentType.SUBSTITUTE else None,
        "place_of_work": "Stadsteatern, Stockholm",
        "tasks": "Scenograf",
        "pay_terms": "Enligt uppdragets budget",
        "pay_parts": (PayPart(name="Semesterersättning", rate=Decimal("0.12")),),
        "pay_schedule": "Månadsvis den 25:e",
        "holiday_pay_rate": Decimal("0.12"),
        "notice_rules": "Enligt LAS",
        "social_insurance": "Arbetsgivaravgifter betalas till Skatteverket",
        "made_on": date(2026, 8, 20),
    }
    data.update(changes)
    return EmploymentContract.model_validate(data)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "contract.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    )
    return " ".join(result.stdout.split())  # words joined by single spaces


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind", list(EmploymentType))
def test_every_form_renders_with_the_written_information(
    kind: EmploymentType, lang: str, tmp_path: Path
) -> None:
    data = contract_pdf(
        contract(kind), employer=EMPLOYER, employee=MEMBER, assignments=[JOB], lang=lang
    )
    assert data.startswith(b"%PDF-")
    text = pdf_text(data, tmp_path)
    for heading in HEADINGS[lang]:
        assert heading in text, heading
    assert TYPE_TEXT[(lang, kind)] in text
    for value in (
        "Interim kultur ekonomisk förening",
        "769640-1236",
        "Kulturgatan 1, 118 20 Stockholm",
        "Alva Berglund",
        "Storgatan 1, 111 22 Stockholm",
        "Stadsteatern, Stockholm",
        "Scenograf",
        "12 %",
        "Scenografi för höstens uppsättning",
    ):
        assert value in text, value
    if kind is EmploymentType.PERMANENT:
        assert ("Tills vidare" if lang == "sv" else "Until further notice") in text
    else:
        assert ("30 nov. 2026" if lang == "sv" else "30 Nov 2026") in text
    if kind is EmploymentType.SUBSTITUTE:
        assert "Vikarie för Karin Ek" in text
    assert ("Sida 1 av" if lang == "sv" else "Page 1 of") in text


def test_recorded_signatures_and_end_are_printed(tmp_path: Path) -> None:
    employee_at = datetime(2026, 8, 20, 16, 30, tzinfo=timezone(timedelta(hours=2)))
    employer_at = datetime(2026, 8, 21, 8, 5, tzinfo=UTC)
    signed = contract(
        EmploymentType.SPECIAL_FIXED_TERM,
        signed_by_employee=employee_at,
        signed_by_employer=employer_at,
        signatures=(
            Signature(party=Party.EMPLOYEE, name="Alva Berglund", at=employee_at),
            Signature(party=Party.EMPLOYER, name="Bruno Dahl", at=employer_at),
        ),
        ended_on=date(2026, 10, 31),
        end_reason=EndReason.RESIGNATION,
        work_abroad=WorkAbroad(
            countries="Norge",
            duration="Sex veckor",
            currency="SEK",
            benefits="Traktamente",
            journey_home="Betalas av arbetsgivaren",
        ),
    )
    text = pdf_text(contract_pdf(signed, employer=EMPLOYER, employee=MEMBER, lang="sv"), tmp_path)
    assert "Signerat av Alva Berglund 20 aug. 2026 16:30 UTC+02:00" in text
    assert "Signerat av Bruno Dahl 21 aug. 2026 08:05 UTC" in text
    assert "Arbetstagarens egen uppsägning" in text and "31 okt. 2026" in text
    assert "9. Arbete utomlands (6 d §)" in text and "Norge" in text
    english = pdf_text(
        contract_pdf(signed, employer=EMPLOYER, employee=MEMBER, lang="en"), tmp_path
    )
    assert "Signed by Bruno Dahl on 21 Aug 2026 08:05 UTC" in english
    assert "Resignation by the employee" in english


def test_unsigned_parties_get_a_line_to_sign(tmp_path: Path) -> None:
    text = pdf_text(
        contract_pdf(
            contract(EmploymentType.SEASONAL, basis="Sommaren 2026"),
            employer=EMPLOYER,
            employee=MEMBER,
        ),
        tmp_path,
    )
    assert text.count("Ort och datum") == 2
    assert text.count("Namnförtydligande") == 2


def test_output_is_deterministic() -> None:
    first = contract_pdf(contract(EmploymentType.PROBATION), employer=EMPLOYER, employee=MEMBER)
    assert first == contract_pdf(
        contract(EmploymentType.PROBATION), employer=EMPLOYER, employee=MEMBER
    )


def test_default_terms_are_stored_in_swedish_and_printed_in_the_pdfs_language() -> None:
    from kooperativ.countries.se.employment import defaults as swedish_law
    from kooperativ.employment import defaults
    from kooperativ.i18n import translator

    en, sv = translator("en", "documents"), translator("sv", "documents")
    law = SwedishEmploymentLaw()
    texts = defaults.texts("sv")
    cases = [
        (template, texts.stored(template, fee="6", day="25")) for template in defaults.DEFAULTS
    ]
    cases += [(template, swedish_law.TEXTS.stored(template)) for template in swedish_law.DEFAULTS]
    for template, stored in cases:
        assert stored != template.format(fee="6", day="25"), template  # really Swedish
        assert defaults.localise(stored, en, law) == template.format(fee="6", day="25")
        assert defaults.localise(stored, sv, law) == stored
    # A term the user wrote is printed as written, in every language.
    assert defaults.localise("Heltid, 40 timmar i veckan", en, law) == "Heltid, 40 timmar i veckan"
    assert defaults.localise("Månadsvis den 25:e", en, law) == "Månadsvis den 25:e"

# SPDX-License-Identifier: EUPL-1.2
"""Right of access and portability (GDPR art. 15 and 20): a member gets exactly their own
data, as a versioned JSON document and as a readable PDF, on every storage backend."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from typing import Any

import pytest

from kooperativ.errors import PermissionDenied, RulesError
from kooperativ.rules.parameters import ParameterSet
from kooperativ.services.privacy import SCHEMA_NAME, SCHEMA_VERSION, PersonalData

# The people of the scenario in conftest.py (fictional, valid check digits).
ADA_NAME = "Ada Lind"
ADA_PNR = "198503129804"
BO_PNR = "199107049802"
KARIN_PNR = "197809239804"

#: The scenario fixture of conftest.py (a dataclass of the cooperative and its actors).
Scenario = Any


def test_a_member_gets_exactly_their_own_records(scenario: Scenario) -> None:
    coop, ada = scenario.coop, scenario.ada
    data = coop.privacy.export(ada, 2)
    me = data.member
    assert (me.number, me.name, me.person_id) == (2, ADA_NAME, ADA_PNR)
    # Full, unmasked contact data: it is her own record.
    assert str(me.email) == "ada.lind@example.org" and me.bank_account == "5001-1234563"
    # What the scenario gave her, counted by hand: assignment 1, contract 1, hours 1,
    # fees for 2024–2026, the 2026 annual meeting.
    assert [e.assignment.number for e in data.assignments] == [1]
    assert [c.number for c in data.contracts] == [1]
    assert [(h.number, str(h.hours)) for h in data.hours] == [(1, "40")]
    assert sorted(f.year for f in data.membership_fees) == [2024, 2025, 2026]
    assert [m.number for m in data.meetings] == [1]
    for record in (*[e.assignment for e in data.assignments], *data.contracts, *data.hours):
        assert record.member_id == me.id
    assert all(f.member_id == me.id for f in data.membership_fees)
    # The signatures on her contract (who and when), both parties.
    signers = {(s.party.value, s.name) for s in data.contracts[0].signatures}
    assert signers == {("employee", ADA_NAME), ("employer", "Alva Berglund")}


def test_nothing_of_another_person_is_in_the_export(scenario: Scenario) -> None:
    text = scenario.coop.privacy.export(scenario.ada, 2).to_json()
    for other in (
        BO_PNR,
        "19910704-9802",
        "bo.ek@example.org",
        "5001-2345679",
        "Bo Ek",  # secretary, candidate and reservation author at the same meeting
        "Bo Ek reserverar sig.",
        "19580211",  # Alva's personnummer
        "alva@example.org",
        KARIN_PNR,
        "Karin Privat",  # Bo's private client
        "Porträtt",  # Bo's assignment
    ):
        assert other not in text, other
    # Alva appears only where she acted on Ada's records (signed for the employer,
    # confirmed the hours), as the records themselves say.
    assert text.count("Alva Berglund") >= 2


def test_a_private_client_is_not_named_to_the_member(scenario: Scenario) -> None:
    data = scenario.coop.privacy.export(scenario.bo, 3)
    (entry,) = data.assignments
    assert entry.client_number == 2 and entry.client_name is None
    assert "Karin" not in data.to_json() and KARIN_PNR not in data.to_json()


def test_a_member_cannot_see_another_members_data(scenario: Scenario) -> None:
    coop, bo = scenario.coop, scenario.bo
    with pytest.raises(PermissionDenied, match="only see their own personal data"):
        coop.privacy.export(bo, 2)
    with pytest.raises(PermissionDenied):
        coop.privacy.export_pdf(bo, 2)
    with pytest.raises(PermissionDenied):
        coop.privacy.retention(bo, 2)


def test_the_board_and_the_administrator_may_export_anyone(scenario: Scenario) -> None:
    coop = scenario.coop
    by_board = coop.privacy.export(scenario.alva, 2)
    by_admin = coop.privacy.export(scenario.admin, 2)
    assert by_board.member == by_admin.member
    assert by_board.member.number == 2


def test_the_json_document_parses_and_carries_its_schema_version(scenario: Scenario) -> None:
    data = scenario.coop.privacy.export(scenario.ada, 2)
    parsed = json.loads(data.to_json())
    assert parsed["schema"] == SCHEMA_NAME == "kooperativ.personal-data"
    assert parsed["schema_version"] == SCHEMA_VERSION == 1
    assert parsed["member"]["person_id"] == ADA_PNR
    assert parsed["generated_at"].startswith("2026-11-27T09:00:00")
    # Decimals stay exact strings, dates ISO.
    assert parsed["hours"][0]["hours"] == "40"
    assert parsed["membership_fees"][0]["paid_on"] == "2024-10-01"
    assert PersonalData.from_json(data.to_json()) == data
    parsed["schema_version"] = 99
    with pytest.raises(ValueError, match="version 99"):
        PersonalData.from_json(json.dumps(parsed))
    with pytest.raises(ValueError, match="not a kooperativ.personal-data"):
        PersonalData.from_json("{}")


def test_her_part_of_the_meeting_and_never_her_secret_choice(scenario: Scenario) -> None:
    (part,) = scenario.coop.privacy.export(scenario.ada, 2).meetings
    assert part.present and part.roll is not None and part.roll.votes
    assert [(m.number, m.outcome) for m in part.motions_proposed] == [(1, "adopted")]
    assert [(v.item, v.choice) for v in part.open_votes] == [("motion 1 poll 1", ("yes",))]
    # The election was secret: she voted, and her choice is nowhere.
    assert part.secret_ballots == ("election 1",)
    assert not any(v.item.startswith("election") for v in part.open_votes)
    assert [(c.election, c.office, c.elected) for c in part.candidacies] == [(1, "Revisor", True)]
    assert [r.item for r in part.reservations] == ["election 1"]
    assert part.offices == ()  # chair and secretary were others


def test_the_audit_events_about_her_records(scenario: Scenario) -> None:
    coop = scenario.coop
    data = coop.privacy.export(scenario.ada, 2)
    own = {str(data.member.id)} | {
        str(r.id)
        for r in (
            *[e.assignment for e in data.assignments],
            *data.contracts,
            *data.hours,
            *data.membership_fees,
        )
    }
    trail = coop.audit.events(scenario.admin)
    expected = [e.seq for e in trail if e.entity_id in own or e.actor == ADA_NAME]
    assert [e.seq for e in data.audit] == expected
    actions = {(e.action, e.by_subject) for e in data.audit}
    assert ("member.add", False) in actions and ("member.resign", True) in actions
    assert ("contract.sign.employee", True) in actions
    assert ("meeting.vote", True) in actions  # what she did at the meeting, not how


def test_retention_is_part_of_the_export(scenario: Scenario) -> None:
    data = scenario.coop.privacy.export(scenario.ada, 2)
    assert str(data.minimise_from) == "2026-06-30"
    assert str(data.pseudonymise_from) == "2034-01-01"
    kept = {(h.record, h.number): h for h in data.retention if h.reason == "bookkeeping"}
    assert str(kept[("contract", 1)].until) == "2033-12-31"
    assert "7 kap. 2 §" in kept[("contract", 1)].reference


def test_the_export_does_not_depend_on_retention_parameters(scenario: Scenario) -> None:
    coop = scenario.coop
    kept = [name for name in coop.parameters if not name.startswith("retention.")]
    coop.parameters = ParameterSet({name: coop.parameters[name] for name in kept})
    data = coop.privacy.export(scenario.ada, 2)
    assert data.member.number == 2 and data.retention == ()
    assert data.minimise_from is None and data.pseudonymise_from is None
    with pytest.raises(RulesError, match="retention.bookkeeping_years"):
        coop.privacy.due(scenario.admin, date(2034, 1, 1))


def _pdftotext(pdf: bytes, tmp_path: object) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("lang", "title", "page"),
    [
        ("sv", "Personuppgifter om dig", "Sida 1 av"),
        ("en", "Personal data held about you", "Page 1 of"),
    ],
)
def test_the_pdf_names_the_person_and_has_pages(
    scenario: Scenario, lang: str, title: str, page: str, tmp_path: object
) -> None:
    pdf = scenario.coop.privacy.export_pdf(scenario.ada, 2, lang)
    assert pdf.startswith(b"%PDF-")
    text = _pdftotext(pdf, tmp_path)
    assert title in text
    assert ADA_NAME in text and ADA_PNR in text
    assert page in text
    pages = text.count("\f")
    assert pages >= 2, f"expected several pages, got {pages}"
    assert "Bo Ek" not in text and BO_PNR not in text
    secret = "sluten omröstning" if lang == "sv" else "secret ballot"
    assert secret in text

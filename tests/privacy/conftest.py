# SPDX-License-Identifier: EUPL-1.2
"""A small cooperative with a member who leaves, on every storage backend.

The people (fictional; personnummer with valid check digits from the demo's test range):

* member 1, Alva Berglund — board and treasurer: signs for the employer, confirms hours;
* member 2, Ada Lind — the person whose data are exported and, later, pseudonymised. She
  works on assignment 1 (February–March 2026) under contract 1, reports 40 hours for
  February, pays the fees for 2024–2026, takes part in the 2026 annual meeting (proposes a motion,
  votes openly, stands in a secret election, enters a reservation) and resigns from
  2026-06-30;
* member 3, Bo Ek — another member, with his own assignment for a private client (Karin
  Privat): nothing of his may appear in Ada's export.

Hand-worked retention dates for Ada (bokföringslagen 7 kap. 2 §, calendar financial year,
``retention.settlement_months`` = 2):

* last member day 2026-06-29; contract 1 ends 2026-03-31, its salary settled by 2026-05-31;
  February's hours settled by 2026-04-30 → contact data may go from **2026-06-30**;
* contract, hours, assignment and fee are 2026 accounting records, kept until 2033-12-31;
  the 2026 meeting record likewise (``retention.minutes_years`` = 7) → identity may be
  pseudonymised from **2034-01-01**.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.members.models import Role

FIXED_NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

ADA_PNR = "198503129804"
ADA_NAME = "Ada Lind"
BO_PNR = "199107049802"
KARIN_PNR = "197809239804"

#: Hand-worked dates (see the module docstring).
ADA_MINIMISE_FROM = date(2026, 6, 30)
ADA_PSEUDONYMISE_FROM = date(2034, 1, 1)


@dataclass
class Scenario:
    coop: Cooperative
    folder: Path
    admin: Actor
    alva: Actor
    ada: Actor
    bo: Actor


def build(coop: Cooperative) -> None:
    """Register the people and records described in the module docstring."""
    admin = Actor.admin()
    members = coop.members
    members.add(
        admin,
        first_name="Alva",
        last_name="Berglund",
        person_id="19580211-9809",
        email="alva@example.org",
        status="member",
        joined_on=date(2024, 3, 1),
        roles=frozenset({Role.BOARD, Role.TREASURER}),
    )
    members.add(
        admin,
        first_name="Ada",
        last_name="Lind",
        person_id=ADA_PNR,
        email="ada.lind@example.org",
        phone="070-1234567",
        address={"street": "Ringvägen 12", "postal_code": "118 60", "city": "Stockholm"},
        bank_account="5001-1234563",
        status="member",
        joined_on=date(2024, 3, 1),
    )
    members.add(
        admin,
        first_name="Bo",
        last_name="Ek",
        person_id=BO_PNR,
        email="bo.ek@example.org",
        bank_account="5001-2345679",
        status="member",
        joined_on=date(2024, 9, 15),
    )
    coop.clients.add(admin, name="Stadsteatern", orgnr="5560360793")
    coop.clients.add(admin, name="Karin Privat", person_id=KARIN_PNR)
    coop.assignments.add(
        admin,
        member=2,
        client=1,
        description="Scenografi, Vårsalongen",
        start=date(2026, 2, 1),
        end=date(2026, 3, 31),
        agreed_amount="30000",
    )
    coop.assignments.add(
        admin,
        member=3,
        client=2,
        description="Porträtt",
        start=date(2026, 4, 1),
        end=date(2026, 4, 30),
        agreed_amount="8000",
    )
    alva, ada, bo = (coop.actor_for_member(n) for n in (1, 2, 3))
    coop.contracts.create(admin, assignment=1, made_on=date(2026, 1, 20))
    coop.contracts.create(admin, assignment=2, made_on=date(2026, 3, 20))
    at = datetime(2026, 1, 21, 9, 0, tzinfo=UTC)
    coop.contracts.sign(ada, 1, "employee", at)
    coop.contracts.sign(alva, 1, "employer", at)
    coop.employment.add_hours(ada, assignment=1, month=date(2026, 2, 1), hours="40")
    coop.employment.confirm_hours(alva, 1)
    for member in (1, 2, 3):
        for year in (2024, 2025, 2026):
            paid = date(year, 10, 1) if year == 2024 else date(year, 1, 15)
            coop.governance.pay_fee(admin, member, year=year, amount="300", paid_on=paid)
    gov = coop.governance
    gov.create(admin, kind="annual", held_on=date(2026, 3, 20), title="Årsmöte 2026")
    gov.attend(admin, 1, [1, 2, 3])
    gov.officers(admin, 1, chair="Alva Berglund", secretary="Bo Ek", adjusters=["Bo Ek"])
    gov.motion(
        admin,
        1,
        title="Fler utställningar",
        text="Föreningen ordnar två utställningar per år.",
        proposer=ADA_NAME,
        by_board=False,
        submitted_on=date(2026, 1, 10),
    )
    gov.vote(ada, 1, choice="yes", motion=1)
    gov.vote(bo, 1, choice="no", motion=1)
    gov.vote(alva, 1, choice="yes", motion=1)
    gov.count(admin, 1, motion=1, seed="test")
    gov.election(
        admin,
        1,
        office="Revisor",
        seats=1,
        candidates=[ADA_NAME, "Bo Ek"],
        secret=True,
        requested_by=3,
    )
    gov.vote(ada, 1, choice=ADA_NAME, election=1)
    gov.vote(bo, 1, choice="Bo Ek", election=1)
    gov.vote(alva, 1, choice=ADA_NAME, election=1)
    gov.count(admin, 1, election=1, seed="test")
    gov.reserve(bo, 1, "motion 1", "Bo Ek reserverar sig.")
    gov.reserve(ada, 1, "election 1", "")
    gov.close(admin, 1)
    members.resign(ada, 2, date(2026, 6, 30))


@pytest.fixture
def build_scenario() -> Callable[[Cooperative], None]:
    """The function that registers the scenario (for tests that open their own folder)."""
    return build


@pytest.fixture
def scenario(tmp_path: Path, database_url: str) -> Iterator[Scenario]:
    """The cooperative of the module docstring, on each storage backend."""
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=lambda: FIXED_NOW) as coop:
        build(coop)
        yield Scenario(
            coop=coop,
            folder=folder,
            admin=Actor.admin(),
            alva=coop.actor_for_member(1),
            ada=coop.actor_for_member(2),
            bo=coop.actor_for_member(3),
        )

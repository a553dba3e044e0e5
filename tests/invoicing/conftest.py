# SPDX-License-Identifier: EUPL-1.2
"""An example cooperative with a member, Swedish, German, Norwegian and private clients,
and assignments to invoice, on every storage backend."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.assignments.models import Assignment
from kooperativ.clients.models import Client
from kooperativ.members.models import Member

FIXED_NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@dataclass
class World:
    coop: Cooperative
    admin: Actor
    alva: Member
    bo: Member
    theatre: Client
    german: Client
    norwegian: Client
    private: Client
    workshop: Assignment  # Alva at the theatre: 12.5 h × 850 kr, 25 %
    licence: Assignment  # Alva at the theatre: 4 000 kr, 6 % (copyright)
    bo_job: Assignment  # Bo at the theatre
    berlin: Assignment  # Alva for the German client
    oslo: Assignment  # Alva for the Norwegian client
    home: Assignment  # Alva for a private person


@pytest.fixture
def coop_folder(tmp_path: Path) -> Path:
    return Cooperative.init(tmp_path / "coop", "interim_kultur")


@pytest.fixture
def world(coop_folder: Path, database_url: str) -> Iterator[World]:
    with Cooperative.open(coop_folder, database_url, clock=lambda: FIXED_NOW) as coop:
        admin = Actor.admin()
        alva = coop.members.add(
            admin, first_name="Alva", last_name="Berglund", person_id="198503129804",
            status="member", joined_on=date(2024, 3, 1),
        )  # fmt: skip
        bo = coop.members.add(
            admin, first_name="Bo", last_name="Ek", person_id="19900101-9802",
            status="member", joined_on=date(2024, 3, 1),
        )  # fmt: skip
        address = {"street": "Kulturgatan 2", "postal_code": "111 22", "city": "Stockholm"}
        theatre = coop.clients.add(
            admin, name="Stadsteatern AB", orgnr="556677-8808", vat_number="SE556677880801",
            address=address, reference="Karin Ek",
        )  # fmt: skip
        german = coop.clients.add(
            admin, name="Theater Berlin GmbH", orgnr="HRB 12345", vat_number="DE 136 695 976",
            address={"street": "Hauptstraße 1", "postal_code": "10117", "city": "Berlin",
                     "country": "DE"},
        )  # fmt: skip
        norwegian = coop.clients.add(
            admin, name="Oslo Scene AS", orgnr="923609016",
            address={"street": "Karl Johans gate 1", "postal_code": "0154", "city": "Oslo",
                     "country": "NO"},
        )  # fmt: skip
        private = coop.clients.add(admin, name="Kim Privat", person_id="19900101-9802")

        def job(member: Member, client: Client, **fields: object) -> Assignment:
            return coop.assignments.add(
                admin, member=member.id, client=client.id, start=date(2026, 11, 1),
                end=date(2026, 11, 20), **fields,  # type: ignore[arg-type]
            )  # fmt: skip

        yield World(
            coop=coop,
            admin=admin,
            alva=alva,
            bo=bo,
            theatre=theatre,
            german=german,
            norwegian=norwegian,
            private=private,
            workshop=job(alva, theatre, description="Workshop", hourly_rate="850", hours="12.5"),
            licence=job(
                alva,
                theatre,
                description="Licens för bilder",
                agreed_amount="4000",
                vat_category="culture",
            ),
            bo_job=job(bo, theatre, description="Ljus", agreed_amount="1000"),
            berlin=job(alva, german, description="Gastspiel", agreed_amount="20000"),
            oslo=job(alva, norwegian, description="Turné", agreed_amount="30000"),
            home=job(alva, private, description="Porträtt", agreed_amount="5000"),
        )

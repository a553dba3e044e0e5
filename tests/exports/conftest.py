# SPDX-License-Identifier: EUPL-1.2
"""Fixtures of the Peppol tests: the official rule sets (from ../shared) compiled once,
and a Swedish seller and buyers to build invoices with."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kooperativ.exports.peppol import (
    BANKGIRO,
    F_SKATT,
    Address,
    Contact,
    Identifier,
    Party,
    PaymentInstructions,
)


def shared_folder() -> Path:
    """``$KOOPERATIV_SHARED``, or ``../shared`` next to the repository."""
    configured = os.environ.get("KOOPERATIV_SHARED")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared"


def peppol_folder() -> Path:
    """``reference/peppol`` of the shared folder, or skip the test with the reason."""
    folder = shared_folder() / "reference" / "peppol"
    if not (folder / "xslt" / "CEN-EN16931-UBL.xslt").is_file():
        pytest.skip(f"{folder}/xslt not found (set KOOPERATIV_SHARED to the shared folder)")
    return folder


@pytest.fixture(scope="session")
def validator():  # type: ignore[no-untyped-def]
    """The CEN EN 16931 and Peppol BIS 3.0 rule sets, compiled once per test session."""
    pytest.importorskip("saxonche", reason="saxonche is in the dev extra")
    from kooperativ.testing.peppol import PeppolValidator

    return PeppolValidator(peppol_folder() / "xslt")


#: A fictional Swedish AB: organisationsnummer 559876-5435 (valid Luhn digit).
ORGNR = "5598765435"


@pytest.fixture
def seller() -> Party:
    """The cooperative's AB, as a Swedish seller states itself on a Peppol invoice."""
    return Party(
        name="Interim kultur AB",
        endpoint=Identifier(value=ORGNR, scheme="0007"),
        legal_id=Identifier(value=ORGNR, scheme="0007"),
        vat_id=f"SE{ORGNR}01",
        tax_registration_id=F_SKATT,
        legal_info="Säte: Göteborg",
        address=Address(
            street="Första Långgatan 7", city="Göteborg", postal_zone="413 27", country_code="SE"
        ),
        contact=Contact(name="Kim Lind", telephone="031-123 45 67", email="kim@interim.example"),
    )


@pytest.fixture
def swedish_buyer() -> Party:
    """A Swedish municipality (orgnr 212000-1355, Göteborgs kommun) receiving by Peppol."""
    return Party(
        name="Göteborgs kommun, Kulturförvaltningen",
        endpoint=Identifier(value="2120001355", scheme="0007"),
        legal_id=Identifier(value="2120001355", scheme="0007"),
        vat_id="SE212000135501",
        address=Address(
            street="Box 2133", city="Göteborg", postal_zone="403 13", country_code="SE"
        ),
    )


@pytest.fixture
def german_buyer() -> Party:
    """An EU business buyer: reverse charge applies to services sold to it."""
    return Party(
        name="Kunsthalle Beispiel GmbH",
        endpoint=Identifier(value="4000001123452", scheme="0088"),
        vat_id="DE812345673",
        address=Address(
            street="Museumstraße 1", city="Berlin", postal_zone="10117", country_code="DE"
        ),
    )


@pytest.fixture
def norwegian_buyer() -> Party:
    """A business outside the EU (Norway; organisasjonsnummer with its mod-11 digit)."""
    return Party(
        name="Scene Eksempel AS",
        endpoint=Identifier(value="974760673", scheme="0192"),
        legal_id=Identifier(value="974760673", scheme="0192"),
        address=Address(
            street="Karl Johans gate 1", city="Oslo", postal_zone="0154", country_code="NO"
        ),
    )


@pytest.fixture
def bankgiro() -> PaymentInstructions:
    """Payment to bankgiro 5050-1055 with an OCR reference (Luhn and length digit)."""
    return PaymentInstructions(
        account_id="50501055",
        account_scheme=BANKGIRO,
        remittance="20260001118",
        terms="30 dagar netto. Dröjsmålsränta enligt räntelagen.",
    )

# SPDX-License-Identifier: EUPL-1.2
"""Every invoice the service issues maps to a Peppol BIS Billing 3.0 document that passes
the official EN 16931 and Peppol rule sets (SE-R-* included) and the UBL 2.1 schema, with
its key values (totals, VAT breakdown, OCR) equal to the invoice's.

The invoices are made through ``coop.invoices.create`` and ``credit`` on the example
cooperative (memory store: the mapping does not depend on the backend, and each document
is validated by two XSLT 2.0 rule sets, which takes a while).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kooperativ import Actor, Cooperative
from kooperativ.errors import InputError
from kooperativ.exports.peppol import to_ubl
from kooperativ.invoicing.models import Invoice
from kooperativ.invoicing.peppol import parse_peppol_id, to_einvoice

World = Any  # tests/invoicing/conftest.py's World
FIXED_NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.shared

D = Decimal
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
THEATRE_PEPPOL = "0007:5566778808"
GERMAN_PEPPOL = "9930:DE136695976"
NORWEGIAN_PEPPOL = "0192:923609016"


@pytest.fixture
def database_url() -> str:
    """The memory store only (overrides the conftest's backends)."""
    return "memory://"


@pytest.fixture(scope="session")
def validator() -> Any:
    """The CEN EN 16931 and Peppol BIS 3.0 rule sets from
    ``$KOOPERATIV_SHARED/reference/peppol/xslt``, compiled once per test session."""
    configured = os.environ.get("KOOPERATIV_SHARED")
    shared = (
        Path(configured) if configured else Path(__file__).resolve().parents[2].parent / "shared"
    )
    folder = shared / "reference" / "peppol" / "xslt"
    if not (folder / "CEN-EN16931-UBL.xslt").is_file():
        pytest.skip(f"{folder} not found (set KOOPERATIV_SHARED to the shared folder)")
    pytest.importorskip("saxonche", reason="saxonche is in the dev extra")
    from kooperativ.testing.peppol import PeppolValidator

    return PeppolValidator(folder)


@pytest.fixture
def peppol_world(world: World) -> World:
    """The world with Peppol ids for the theatre, the German and the Norwegian client."""
    coop, admin = world.coop, world.admin
    world.theatre = coop.clients.update(admin, world.theatre.id, peppol_id=THEATRE_PEPPOL)
    world.german = coop.clients.update(admin, world.german.id, peppol_id=GERMAN_PEPPOL)
    world.norwegian = coop.clients.update(admin, world.norwegian.id, peppol_id=NORWEGIAN_PEPPOL)
    return world


def check(validator: Any, coop: Cooperative, invoice: Invoice) -> ET.Element:
    """The service's UBL of ``invoice``: zero fatal assertions, schema-valid, parsed."""
    from kooperativ.testing.peppol import xsd_errors

    xml = coop.invoices.peppol(coop_admin(coop), invoice.id)
    report = validator.validate(xml)
    assert report.valid, report.summary()
    try:
        import facturx  # noqa: F401
        import lxml  # noqa: F401
    except ImportError:
        pass
    else:
        assert xsd_errors(xml) == []
    root = ET.fromstring(xml)
    agree(root, invoice)
    return root


def coop_admin(coop: Cooperative) -> Actor:
    return Actor.admin()


def text(root: ET.Element, path: str) -> str:
    found = root.findtext(path, namespaces=NS)
    assert found is not None, path
    return found


def breakdown(root: ET.Element) -> list[tuple[str, str, str, str]]:
    """(category, percent, taxable, tax) of each VAT breakdown, as written."""
    return [
        (
            text(sub, "cac:TaxCategory/cbc:ID"),
            sub.findtext("cac:TaxCategory/cbc:Percent", default="", namespaces=NS),
            text(sub, "cbc:TaxableAmount"),
            text(sub, "cbc:TaxAmount"),
        )
        for sub in root.iterfind("cac:TaxTotal/cac:TaxSubtotal", NS)
    ]


def agree(root: ET.Element, invoice: Invoice) -> None:
    """The document's totals, breakdown, number and OCR are the invoice's."""
    assert text(root, "cbc:ID") == invoice.label
    assert text(root, "cbc:IssueDate") == invoice.issue_date.isoformat()
    money = "cac:LegalMonetaryTotal/cbc:"
    assert D(text(root, money + "TaxExclusiveAmount")) == invoice.total_excl_vat
    assert D(text(root, money + "PayableAmount")) == invoice.total
    assert D(text(root, "cac:TaxTotal/cbc:TaxAmount")) == invoice.total_vat
    assert D(text(root, money + "TaxInclusiveAmount")) == invoice.total - invoice.rounding
    assert D(root.findtext(money + "PayableRoundingAmount", "0", NS)) == invoice.rounding
    written = sorted((c, D(p or 0), D(b), D(v)) for c, p, b, v in breakdown(root))
    expected = sorted((v.code, v.rate * 100, v.base, v.vat) for v in invoice.vat)
    assert written == expected
    assert text(root, "cac:PaymentMeans/cbc:PaymentID") == invoice.payment_reference
    lines = root.findall("cac:CreditNoteLine" if invoice.sign < 0 else "cac:InvoiceLine", NS)
    assert [D(text(line, "cbc:LineExtensionAmount")) for line in lines] == [
        line.net for line in invoice.lines
    ]


# --- the variants ---------------------------------------------------------------------


def test_standard_rate_25_to_a_swedish_client(validator: Any, peppol_world: World) -> None:
    w = peppol_world
    # 12.5 h × 850 = 10 625.00; 25 % = 2 656.25; 13 281.25 to pay.
    invoice = w.coop.invoices.create(w.admin, assignments=[w.workshop.number])
    root = check(validator, w.coop, invoice)
    assert breakdown(root) == [("S", "25", "10625.00", "2656.25")]
    assert text(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == "13281.25"
    seller = "cac:AccountingSupplierParty/cac:Party/"
    assert text(root, seller + "cbc:EndpointID") == "5598765435"
    assert root.find(seller + "cbc:EndpointID", NS).get("schemeID") == "0007"  # type: ignore[union-attr]
    legal = root.find(seller + "cac:PartyLegalEntity/cbc:CompanyID", NS)
    assert legal is not None and (legal.text, legal.get("schemeID")) == ("5598765435", "0007")
    taxes = {
        text(scheme, "cac:TaxScheme/cbc:ID"): text(scheme, "cbc:CompanyID")
        for scheme in root.iterfind(seller + "cac:PartyTaxScheme", NS)
    }
    assert taxes == {"VAT": "SE559876543501", "TAX": "Godkänd för F-skatt"}
    buyer = "cac:AccountingCustomerParty/cac:Party/"
    assert text(root, buyer + "cbc:EndpointID") == "5566778808"
    assert text(root, buyer + "cac:PartyLegalEntity/cbc:RegistrationName") == "Stadsteatern AB"
    # BT-10: the client's reference person.
    assert text(root, "cbc:BuyerReference") == "Karin Ek"
    means = "cac:PaymentMeans/"
    assert text(root, means + "cbc:PaymentMeansCode") == "30"
    assert text(root, means + "cac:PayeeFinancialAccount/cbc:ID") == "5551239"
    assert (
        text(root, means + "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID")
        == "SE:BANKGIRO"
    )
    assert text(root, "cbc:DueDate") == invoice.due_date.isoformat()
    assert text(root, "cac:PaymentTerms/cbc:Note").startswith("30 dagar netto")
    assert text(root, "cac:InvoicePeriod/cbc:StartDate") == "2026-11-01"
    assert text(root, "cac:InvoiceLine/cbc:InvoicedQuantity") == "12.5"
    assert root.find("cac:InvoiceLine/cbc:InvoicedQuantity", NS).get("unitCode") == "HUR"  # type: ignore[union-attr]


def test_reduced_rate_12(validator: Any, peppol_world: World) -> None:
    w = peppol_world
    line = {
        "description": "Logi",
        "quantity": "3",
        "unit_price": "999.99",
        "vat_category": "reduced",
    }
    invoice = w.coop.invoices.create(
        w.admin, assignments=[w.workshop.number], lines=[line], buyer_reference="Proj 17"
    )
    root = check(validator, w.coop, invoice)
    # 3 × 999.99 = 2 999.97; 12 % = 359.9964 → 360.00.
    assert breakdown(root) == [("S", "12", "2999.97", "360.00")]
    assert text(root, "cbc:BuyerReference") == "Proj 17"


def test_culture_rate_6(validator: Any, peppol_world: World) -> None:
    w = peppol_world
    invoice = w.coop.invoices.create(w.admin, assignments=[w.licence.number])
    root = check(validator, w.coop, invoice)
    # Licence of pictures, 4 000 at 6 % = 240.
    assert breakdown(root) == [("S", "6", "4000.00", "240.00")]
    assert text(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == "4240.00"


def test_mixed_rates(validator: Any, peppol_world: World) -> None:
    w = peppol_world
    lines = [
        {"description": "Workshop", "quantity": "12.5", "unit_price": "850", "unit": "HUR"},
        {"description": "Bilder", "quantity": "1", "unit_price": "4000", "vat_category": "culture"},
        {"description": "Mat", "quantity": "2.5", "unit_price": "99.99", "vat_category": "reduced"},
        {"description": "Material", "quantity": "1", "unit_price": "1234.56"},
    ]
    invoice = w.coop.invoices.create(
        w.admin, assignments=[w.workshop.number, w.licence.number], lines=lines
    )
    root = check(validator, w.coop, invoice)
    # 25 %: 10 625 + 1 234.56 = 11 859.56 → 2 964.89; 12 %: 249.975 → 249.98 → 30.00;
    # 6 %: 4 000 → 240.
    assert sorted(breakdown(root)) == [
        ("S", "12", "249.98", "30.00"),
        ("S", "25", "11859.56", "2964.89"),
        ("S", "6", "4000.00", "240.00"),
    ]
    assert text(root, "cac:TaxTotal/cbc:TaxAmount") == "3234.89"
    assert text(root, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount") == "16109.54"


def test_exempt_with_its_reason(validator: Any, peppol_world: World) -> None:
    w = peppol_world
    invoice = w.coop.invoices.create(
        w.admin, assignments=[w.workshop.number], vat_category="exempt"
    )
    root = check(validator, w.coop, invoice)
    assert breakdown(root) == [("E", "0", "10625.00", "0.00")]
    reason = text(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason")
    assert reason == invoice.vat[0].text("sv")
    assert "10 kap. 30" in reason


def test_reverse_charge_to_an_eu_business(validator: Any, peppol_world: World) -> None:
    w = peppol_world
    invoice = w.coop.invoices.create(
        w.admin, assignments=[w.berlin.number], vat_category="reverse_charge"
    )
    root = check(validator, w.coop, invoice)
    assert breakdown(root) == [("AE", "0", "20000.00", "0.00")]
    category = "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/"
    assert text(root, category + "cbc:TaxExemptionReasonCode") == "VATEX-EU-AE"
    assert text(root, category + "cbc:TaxExemptionReason") == "Omvänd betalningsskyldighet"
    buyer = "cac:AccountingCustomerParty/cac:Party/"
    assert text(root, buyer + "cac:PartyTaxScheme/cbc:CompanyID") == "DE136695976"
    endpoint = root.find(buyer + "cbc:EndpointID", NS)
    assert endpoint is not None and endpoint.get("schemeID") == "9930"
    # The German register number is no Peppol id: written without a scheme.
    legal = root.find(buyer + "cac:PartyLegalEntity/cbc:CompanyID", NS)
    assert legal is not None and legal.get("schemeID") is None
    assert text(root, buyer + "cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "DE"
    assert text(root, "cbc:BuyerReference") == invoice.label


def test_export_to_a_norwegian_client(validator: Any, peppol_world: World) -> None:
    w = peppol_world
    invoice = w.coop.invoices.create(w.admin, assignments=[w.oslo.number], vat_category="export")
    root = check(validator, w.coop, invoice)
    assert breakdown(root) == [("G", "0", "30000.00", "0.00")]
    category = "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/"
    assert text(root, category + "cbc:TaxExemptionReasonCode") == "VATEX-EU-G"
    buyer = "cac:AccountingCustomerParty/cac:Party/"
    legal = root.find(buyer + "cac:PartyLegalEntity/cbc:CompanyID", NS)
    assert legal is not None and (legal.text, legal.get("schemeID")) == ("923609016", "0192")


def test_english_texts(peppol_world: World) -> None:
    w = peppol_world
    invoice = w.coop.invoices.create(w.admin, assignments=[w.oslo.number], vat_category="export")
    root = ET.fromstring(w.coop.invoices.peppol(w.admin, invoice.label, lang="en"))
    category = "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/"
    assert text(root, category + "cbc:TaxExemptionReason") == invoice.vat[0].text("en")
    assert text(root, "cac:PaymentTerms/cbc:Note").startswith("30 days net")


@pytest.fixture
def rounding_world(coop_folder: Path) -> Iterator[Any]:
    """The example cooperative with öresavrundning on."""
    config = coop_folder / "cooperative.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "[invoicing]\n", "[invoicing]\nrounding = true\n", 1
        ),
        encoding="utf-8",
    )
    yield from _world(coop_folder)


def _world(folder: Path) -> Iterator[Any]:
    from types import SimpleNamespace

    from kooperativ import Actor

    with Cooperative.open(folder, "memory://", clock=lambda: FIXED_NOW) as coop:
        admin = Actor.admin()
        alva = coop.members.add(
            admin, first_name="Alva", last_name="Berglund", person_id="198503129804",
            status="member", joined_on=date(2024, 3, 1),
        )  # fmt: skip
        theatre = coop.clients.add(
            admin, name="Stadsteatern AB", orgnr="556677-8808", vat_number="SE556677880801",
            address={"street": "Kulturgatan 2", "postal_code": "111 22", "city": "Stockholm"},
            peppol_id=THEATRE_PEPPOL,
        )  # fmt: skip
        job = coop.assignments.add(
            admin, member=alva.id, client=theatre.id, start=date(2026, 11, 1),
            end=date(2026, 11, 20), description="Workshop", hourly_rate="333.33", hours="3",
        )  # fmt: skip
        yield SimpleNamespace(coop=coop, admin=admin, workshop=job)


def test_oresavrundning(validator: Any, rounding_world: World) -> None:
    w = rounding_world
    assert w.coop.config.invoicing.rounding
    # 3 × 333.33 = 999.99 + 25 % 250.00 = 1 249.99 → 1 250.00, rounding +0.01.
    invoice = w.coop.invoices.create(w.admin, assignments=[w.workshop.number])
    assert invoice.rounding == D("0.01")
    root = check(validator, w.coop, invoice)
    money = "cac:LegalMonetaryTotal/cbc:"
    assert text(root, money + "TaxInclusiveAmount") == "1249.99"
    assert text(root, money + "PayableRoundingAmount") == "0.01"
    assert text(root, money + "PayableAmount") == "1250.00"
    # A credit note of it rounds the same way.
    note = w.coop.invoices.credit(w.admin, invoice.id, reason="Inställt")
    root = check(validator, w.coop, note)
    assert text(root, money + "PayableAmount") == "1250.00"


def test_full_credit_note(validator: Any, peppol_world: World) -> None:
    w = peppol_world
    invoice = w.coop.invoices.create(w.admin, assignments=[w.workshop.number])
    note = w.coop.invoices.credit(w.admin, invoice.id, reason="Fel kund")
    root = check(validator, w.coop, note)
    assert root.tag.endswith("}CreditNote")
    assert text(root, "cbc:CreditNoteTypeCode") == "381"
    reference = "cac:BillingReference/cac:InvoiceDocumentReference/"
    assert text(root, reference + "cbc:ID") == invoice.label
    assert text(root, reference + "cbc:IssueDate") == invoice.issue_date.isoformat()
    assert "Fel kund" in text(root, "cbc:Note")
    assert text(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == "13281.25"
    assert text(root, "cac:CreditNoteLine/cbc:CreditedQuantity") == "12.5"


def test_partial_credit_note(validator: Any, peppol_world: World) -> None:
    w = peppol_world
    invoice = w.coop.invoices.create(w.admin, assignments=[w.workshop.number, w.licence.number])
    lines = [{"description": "En timme för mycket", "quantity": "1", "unit_price": "850"}]
    note = w.coop.invoices.credit(w.admin, invoice.id, reason="En timme för mycket", lines=lines)
    root = check(validator, w.coop, note)
    # 850 + 25 % = 1 062.50.
    assert breakdown(root) == [("S", "25", "850.00", "212.50")]
    assert text(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == "1062.50"
    assert text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID") == (invoice.label)


# --- refusals and the pure mapping ------------------------------------------------------


def test_a_client_without_a_peppol_id_gets_no_peppol_invoice(world: World) -> None:
    invoice = world.coop.invoices.create(world.admin, assignments=[world.home.number])
    with pytest.raises(InputError) as caught:
        world.coop.invoices.peppol(world.admin, invoice.id)
    assert caught.value.field == "peppol_id"
    assert "Kim Privat" in str(caught.value)
    with pytest.raises(InputError):
        to_einvoice(invoice)


def test_a_peppol_id_given_after_the_invoice_is_used(validator: Any, world: World) -> None:
    # The invoice was issued before the client had a Peppol id: the id is where the
    # document goes, so the register's current one is used.
    invoice = world.coop.invoices.create(world.admin, assignments=[world.workshop.number])
    assert invoice.buyer.peppol_id is None
    world.coop.clients.update(world.admin, world.theatre.id, peppol_id=THEATRE_PEPPOL)
    root = check(validator, world.coop, invoice)
    endpoint = root.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS)
    assert endpoint is not None and endpoint.text == "5566778808"


def test_a_cooperative_without_a_peppol_id(peppol_world: World) -> None:
    w = peppol_world
    invoice = w.coop.invoices.create(w.admin, assignments=[w.workshop.number])
    seller = invoice.seller.evolve(peppol_id=None)
    with pytest.raises(InputError) as caught:
        to_einvoice(invoice.model_copy(update={"seller": seller}))
    assert caught.value.field == "employer.peppol_id"


def test_the_cooperatives_peppol_id_is_checked_when_the_file_is_read(
    coop_folder: Path,
) -> None:
    from kooperativ.errors import ConfigError

    path = coop_folder / "cooperative.toml"
    text = path.read_text(encoding="utf-8")
    assert 'peppol_id = "0007:5598765435"' in text
    for bad in ("0007:5598765436", "5598765435"):
        path.write_text(text.replace("0007:5598765435", bad), encoding="utf-8")
        with pytest.raises(ConfigError, match=r"employer.peppol_id"):
            Cooperative.open(coop_folder, "memory://")


def test_peppol_ids_are_checked() -> None:
    assert parse_peppol_id("0007:5598765435").scheme == "0007"
    for bad in ("5598765435", "07:5598765435", "0007:5598765436"):
        with pytest.raises(InputError) as caught:
            parse_peppol_id(bad)
        assert caught.value.field == "peppol_id"


def test_a_credit_note_names_the_invoice_it_corrects(peppol_world: World) -> None:
    w = peppol_world
    first = w.coop.invoices.create(w.admin, assignments=[w.workshop.number])
    other = w.coop.invoices.create(w.admin, assignments=[w.licence.number])
    note = w.coop.invoices.credit(w.admin, first.id, reason="Fel")
    with pytest.raises(InputError) as caught:
        to_einvoice(note, credited=other)
    assert caught.value.field == "credited"
    # Without the credited invoice the number is still named (the issue date is left out).
    document = to_einvoice(note)
    assert document.preceding_invoice is not None
    assert document.preceding_invoice.number == first.label
    assert document.preceding_invoice.issue_date is None
    assert to_ubl(document).startswith(b"<?xml")


def test_a_member_gets_only_their_own(peppol_world: World) -> None:
    from kooperativ.errors import PermissionDenied

    w = peppol_world
    mine = w.coop.invoices.create(w.admin, assignments=[w.workshop.number])
    theirs = w.coop.invoices.create(w.admin, assignments=[w.bo_job.number])
    alva = w.coop.actor_for_member(w.alva.id)
    assert w.coop.invoices.peppol(alva, mine.id).startswith(b"<?xml")
    with pytest.raises(PermissionDenied):
        w.coop.invoices.peppol(alva, theirs.id)


# --- property: random lines through the service -------------------------------------------

CATEGORIES = ["standard", "reduced", "culture", "exempt"]
random_lines = st.lists(
    st.tuples(
        st.decimals(min_value=D("0.0001"), max_value=D(2000), places=4),
        st.decimals(min_value=D(0), max_value=D(50000), places=4),
        st.sampled_from(CATEGORIES),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=random_lines)
def test_random_invoices_and_their_credit_notes_pass(
    validator: Any, peppol_world: World, specs: list[tuple[Decimal, Decimal, str]]
) -> None:
    w = peppol_world
    lines = [
        {"description": f"Rad {n}", "quantity": q, "unit_price": p, "vat_category": c}
        for n, (q, p, c) in enumerate(specs, start=1)
    ]
    invoice = w.coop.invoices.create(w.admin, assignments=[w.workshop.number], lines=lines)
    check(validator, w.coop, invoice)
    # Credited in full, the assignment can be invoiced again by the next example.
    note = w.coop.invoices.credit(w.admin, invoice.id, reason="Prov")
    check(validator, w.coop, note)

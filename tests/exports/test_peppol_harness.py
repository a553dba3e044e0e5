# SPDX-License-Identifier: EUPL-1.2
"""The validation harness itself: OpenPeppol's own examples pass, a broken one fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kooperativ.testing.peppol import Assertion, PeppolValidator, Report, parse_svrl, xsd_errors

from .conftest import peppol_folder

pytestmark = pytest.mark.shared

EXAMPLES = (
    "Allowance-example.xml",
    "Vat-category-S.xml",
    "base-creditnote-correction.xml",
    "base-example.xml",
    "base-negative-inv-correction.xml",
    "sales-order-example.xml",
    "vat-category-E.xml",
    "vat-category-O.xml",
    "vat-category-Z.xml",
)


def example(name: str) -> Path:
    return peppol_folder() / "examples" / name


def test_the_shared_folder_has_the_nine_examples() -> None:
    found = sorted(path.name for path in (peppol_folder() / "examples").glob("*.xml"))
    assert found == sorted(EXAMPLES)


@pytest.mark.parametrize("name", EXAMPLES)
def test_official_example_passes(validator: PeppolValidator, name: str) -> None:
    report = validator.validate(example(name))
    assert report.valid, report.summary()


@pytest.mark.parametrize("name", EXAMPLES)
def test_official_example_passes_the_ubl_schema(name: str) -> None:
    pytest.importorskip("lxml")
    pytest.importorskip("facturx")
    assert xsd_errors(example(name).read_bytes()) == []


def test_a_wrong_amount_due_is_caught(validator: PeppolValidator) -> None:
    text = example("base-example.xml").read_text("utf-8")
    broken, count = re.subn(
        r'(<cbc:PayableAmount currencyID="EUR">)1656.25<',
        r"\g<1>1656.26<",
        text,
    )
    assert count == 1
    report = validator.validate(broken)
    assert report.ids() == {"BR-CO-16"}
    (failure,) = report.fatal
    assert failure.flag == "fatal"
    assert failure.rule_set == "CEN-EN16931-UBL.xslt"
    assert "LegalMonetaryTotal" in failure.location
    assert failure.text.startswith("[BR-CO-16]")


def test_a_bad_swedish_orgnr_is_caught_by_the_swedish_rules(validator: PeppolValidator) -> None:
    # The seller of the example made Swedish, with a wrong Luhn digit (5560160681).
    text = example("base-example.xml").read_text("utf-8")
    supplier, rest = text.split("</cac:AccountingSupplierParty>", 1)
    supplier = (
        supplier.replace("<cbc:IdentificationCode>GB<", "<cbc:IdentificationCode>SE<")
        .replace("<cbc:CompanyID>GB1232434<", "<cbc:CompanyID>SE556016068101<")
        .replace(
            "<cbc:CompanyID>GB983294</cbc:CompanyID>",
            '<cbc:CompanyID schemeID="0007">5560160681</cbc:CompanyID>',
        )
    )
    report = validator.validate(supplier + "</cac:AccountingSupplierParty>" + rest)
    assert {"SE-R-013", "PEPPOL-COMMON-R049"} <= report.ids()


def test_the_schema_catches_elements_out_of_order() -> None:
    pytest.importorskip("lxml")
    pytest.importorskip("facturx")
    text = example("base-example.xml").read_text("utf-8")
    due = "<cbc:DueDate>2017-12-01</cbc:DueDate>"
    swapped = text.replace(due, "").replace(
        "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
        f"<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>{due}",
    )
    errors = xsd_errors(swapped.encode())
    assert errors and "DueDate" in errors[0]


def test_svrl_reading_and_the_report() -> None:
    svrl = """<svrl:schematron-output xmlns:svrl="http://purl.oclc.org/dsdl/svrl">
      <svrl:failed-assert id="X-1" flag="warning" location="/a"><svrl:text>
        soft  </svrl:text></svrl:failed-assert>
      <svrl:failed-assert id="X-2" flag="fatal" location="/b"><svrl:text>hard</svrl:text>
      </svrl:failed-assert>
      <svrl:successful-report id="X-3" location="/c"/>
    </svrl:schematron-output>"""
    found = parse_svrl(svrl, "rules.xslt")
    assert found == [
        Assertion("X-1", "warning", "/a", "soft", "rules.xslt"),
        Assertion("X-2", "fatal", "/b", "hard", "rules.xslt"),
    ]
    report = Report(tuple(found))
    assert not report.valid
    assert report.ids() == {"X-2"}
    assert report.ids(fatal_only=False) == {"X-1", "X-2"}
    assert [item.id for item in report.warnings] == ["X-1"]
    assert report.summary().splitlines()[0] == "X-2 [fatal] at /b: hard"
    assert Report().summary() == "no failed assertions"


def test_a_missing_rule_set_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("saxonche")
    with pytest.raises(FileNotFoundError, match="CEN-EN16931-UBL.xslt"):
        PeppolValidator(tmp_path)

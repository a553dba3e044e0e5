# SPDX-License-Identifier: EUPL-1.2
"""The files made from a stored payroll run, on every backend: the payslip PDFs (read back
with pdftotext), the salary payment file (checked against the official pain.001 XSDs, its
control sum equal to the run's payout) and the AGI (each IU equal to the payslips in whole
kronor, the HU sums equal to the IUs), for a regular run and for a correction run; who may
have which file; the same run always gives the same bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pytest
from lxml import etree

from kooperativ import Cooperative
from kooperativ.errors import ConflictError, InputError, NotFoundError, PermissionDenied
from kooperativ.i18n import messages
from kooperativ.members.models import Member
from kooperativ.payroll.runs import PayrollRun, Payslip

from .conftest import ADMIN, PAY_DAY, approved_request

D = Decimal
TextOf = Callable[[bytes], str]
AGI = {"agd": "http://xmls.skatteverket.se/se/skatteverket/da/komponent/schema/1.1"}
#: The hand-written stand-in of Skatteverket's AGI schema the AGI tests use.
AGI_XSD = Path(__file__).parents[1] / "countries" / "se" / "data" / "agi_xsd" / "instance.xsd"


def shared_folder() -> Path:
    """``$KOOPERATIV_SHARED``, or ``../shared`` next to the repository."""
    configured = os.environ.get("KOOPERATIV_SHARED")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture
def text_of(tmp_path: Path) -> TextOf:
    """A PDF's text as ``pdftotext -layout`` reads it, words joined by one space."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")

    def read(data: bytes) -> str:
        path = tmp_path / "document.pdf"
        path.write_bytes(data)
        result = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
        )
        return " ".join(result.stdout.decode("utf-8").replace("\u00a0", " ").split())

    return read


@pytest.fixture(scope="module")
def schemas() -> dict[str, etree.XMLSchema]:
    """The official pain.001 XSDs (``../shared/reference/pain001``), or skip."""
    folder = shared_folder() / "reference" / "pain001"
    found = {}
    for version in ("pain.001.001.03", "pain.001.001.09"):
        path = folder / f"{version}.xsd"
        if not path.is_file():
            pytest.skip(f"{path} not found (set KOOPERATIV_SHARED to the shared folder)")
        found[version] = etree.XMLSchema(etree.parse(str(path)))
    return found


def valid(schemas: dict[str, etree.XMLSchema], document: bytes) -> etree._Element:
    root = etree.fromstring(document)
    namespace = etree.QName(root).namespace
    schema = schemas[namespace.rsplit(":", 1)[1]]
    assert schema.validate(root), str(schema.error_log)
    return root


def pain(root: etree._Element, path: str) -> list[str]:
    namespace = etree.QName(root).namespace
    steps = "/".join(f"p:{step}" for step in path.split("/"))
    return [e.text or "" for e in root.findall(f".//{steps}", {"p": namespace})]


def box(element: etree._Element, code: str) -> str | None:
    found = [child.text for child in element.iter() if child.get("faltkod") == code]
    assert len(found) <= 1
    return found[0] if found else None


def ius(root: etree._Element) -> dict[str, etree._Element]:
    """The IUs by specifikationsnummer (the member number)."""
    return {
        str(box(iu, "570")): iu
        for iu in root.findall("agd:Blankett/agd:Blankettinnehall/agd:IU", AGI)
    }


def head(root: etree._Element) -> etree._Element:
    (found,) = root.findall("agd:Blankett/agd:Blankettinnehall/agd:HU", AGI)
    return found


def kronor(amount: Decimal) -> str:
    """Whole kronor, öre dropped (skatteförfarandeförordningen 22 kap. 1 §)."""
    return str(amount.quantize(D("1"), rounding=ROUND_DOWN))


@pytest.fixture
def bo(coop: Cooperative) -> Member:
    """Born 1990, reads English, paid to a Swedbank account."""
    member = coop.members.add(
        ADMIN, first_name="Bo", last_name="Ek", person_id="199002149806",
        bank_account="8327-9, 123 456 789-7",
    )  # fmt: skip
    return coop.members.update(ADMIN, member.number, language="en")


@pytest.fixture
def approved(coop: Cooperative, ada: Member, bo: Member, tove: Member) -> PayrollRun:
    """November 2026 approved by the treasurer: Ada (the worked example of
    docs/salary.md, net 17 676.96) and Bo."""
    coop.members.update(ADMIN, ada.number, bank_account="5001-1234563")
    approved_request(coop, ada, "28200.00")
    approved_request(coop, bo, "15000.00")
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    return coop.payroll_runs.approve(coop.actor_for_member(tove.number), run.number)


def test_a_payslip_pdf_shows_the_net_pay_and_only_to_its_member(
    coop: Cooperative, approved: PayrollRun, ada: Member, bo: Member, text_of: TextOf
) -> None:
    slips = {s.member_number: s for s in coop.payroll_runs.payslips(ADMIN, approved.number)}
    assert slips[ada.number].net_pay == D("17676.96")
    as_ada = coop.actor_for_member(ada.number)
    text = text_of(coop.payroll_runs.payslip_pdf(as_ada, approved.number, ada.number))
    assert "Lönespecifikation" in text and "Ada Lind" in text
    assert "17 676,96" in text  # the net pay, Swedish: the cooperative's language
    assert "19850312-****" in text and "198503129804" not in text  # masked
    assert "1234563" not in text
    # Bo reads English: his payslip is English unless another language is asked for
    as_bo = coop.actor_for_member(bo.number)
    english = text_of(coop.payroll_runs.payslip_pdf(as_bo, approved.number, bo.number))
    assert "Payslip" in english and "Bo Ek" in english
    net = f"{slips[bo.number].net_pay:,.2f}"
    assert net in english
    swedish = text_of(coop.payroll_runs.payslip_pdf(ADMIN, approved.number, bo.number, lang="sv"))
    assert "Lönespecifikation" in swedish
    # a member never gets another member's payslip
    with pytest.raises(PermissionDenied) as refused:
        coop.payroll_runs.payslip_pdf(as_ada, approved.number, bo.number)
    assert refused.value.render(messages("sv")).startswith("Ada Lind får bara se sina egna")
    with pytest.raises(PermissionDenied):
        coop.payroll_runs.payslip_files(as_ada, approved.number, member=bo.number)
    # all the payslips the actor may see, in one file
    everyone = text_of(coop.payroll_runs.payslips_pdf(ADMIN, approved.number))
    assert "Ada Lind" in everyone and "Bo Ek" in everyone
    own = text_of(coop.payroll_runs.payslips_pdf(as_ada, approved.number))
    assert "Ada Lind" in own and "Bo Ek" not in own
    files = coop.payroll_runs.payslip_files(as_bo, approved.number)
    assert [s.member_number for s, _ in files] == [bo.number]
    with pytest.raises(NotFoundError):
        coop.payroll_runs.payslip_pdf(ADMIN, 99, ada.number)
    with pytest.raises(InputError) as unsupported:
        coop.payroll_runs.payslip_pdf(ADMIN, approved.number, ada.number, lang="xx")
    assert unsupported.value.field == "lang"


def test_a_member_not_paid_in_the_run_gets_nothing(
    coop: Cooperative, approved: PayrollRun, tove: Member
) -> None:
    as_tove = coop.actor_for_member(tove.number)  # the treasurer reads everyone's
    assert len(coop.payroll_runs.payslip_files(as_tove, approved.number)) == 2
    carl = coop.members.add(ADMIN, first_name="Carl", last_name="Berg", person_id="198001019804")
    as_carl = coop.actor_for_member(carl.number)
    with pytest.raises(PermissionDenied):
        coop.payroll_runs.payslips_pdf(as_carl, approved.number)
    with pytest.raises(InputError, match="member 3 has no payslip in payroll run 1"):
        coop.payroll_runs.payslip_pdf(ADMIN, approved.number, tove.number)


def test_the_payment_file_pays_every_payout_and_validates(
    coop: Cooperative,
    approved: PayrollRun,
    ada: Member,
    bo: Member,
    schemas: dict[str, etree.XMLSchema],
) -> None:
    slips = coop.payroll_runs.payslips(ADMIN, approved.number)
    for version in ("pain.001.001.03", "pain.001.001.09"):
        document = coop.payroll_runs.payment_file(ADMIN, approved.number, version=version)
        root = valid(schemas, document)
        assert pain(root, "GrpHdr/MsgId") == ["LON-2026-11-1"]
        assert pain(root, "GrpHdr/NbOfTxs") == ["2"]
        assert [D(v) for v in pain(root, "GrpHdr/CtrlSum")] == [approved.payout]
        assert approved.payout == sum((s.payout for s in slips), D("0.00"))
        assert pain(root, "PmtInf/CtrlSum") == pain(root, "GrpHdr/CtrlSum")
        assert pain(root, "CtgyPurp/Cd") == ["SALA"]
        assert approved.approved_at is not None
        assert pain(root, "GrpHdr/CreDtTm") == [approved.approved_at.isoformat()]
        amounts = [D(v) for v in pain(root, "CdtTrfTxInf/Amt/InstdAmt")]
        assert amounts == [s.payout for s in slips]  # by member number
        assert pain(root, "Cdtr/Nm") == ["Ada Lind", "Bo Ek"]
        assert pain(root, "CdtrAcct/Id/Othr/Id") == ["50011234563", "83271234567897"]
        assert pain(root, "DbtrAcct/Id/Othr/Id") == ["5551239"]  # [employer] bankgiro
        assert set(pain(root, "RmtInf/Ustrd")) == {"Lön 2026-11"}
        # stable: the same run, the same file
        assert coop.payroll_runs.payment_file(ADMIN, approved.number, version=version) == document
    # a paid run's file is the same file
    coop.payroll_runs.mark_paid(ADMIN, approved.number)
    assert coop.payroll_runs.payment_file(ADMIN, approved.number) == coop.payroll_runs.payment_file(
        ADMIN, approved.number
    )
    with pytest.raises(InputError) as bad:
        coop.payroll_runs.payment_file(ADMIN, approved.number, version="pain.001.001.07")
    assert bad.value.field == "version"


def test_the_payment_file_refuses(coop: Cooperative, ada: Member, bo: Member, tove: Member) -> None:
    approved_request(coop, ada, "10000.00")  # Ada has no bank account registered
    approved_request(coop, bo, "10000.00")
    run = coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    with pytest.raises(ConflictError) as draft:
        coop.payroll_runs.payment_file(ADMIN, run.number)
    assert draft.value.render(messages("sv")) == (
        "lönekörning 1 är ett utkast: godkänn den innan den betalas"
    )
    coop.payroll_runs.approve(ADMIN, run.number)
    with pytest.raises(PermissionDenied):
        coop.payroll_runs.payment_file(coop.actor_for_member(bo.number), run.number)
    with pytest.raises(InputError) as missing:
        coop.payroll_runs.payment_file(ADMIN, run.number)
    assert missing.value.field == "bank_account"
    assert "member 1 has no bank account on payslip 1 of payroll run 1" in str(missing.value)
    assert missing.value.render(messages("sv")).startswith("bankkonto: medlem 1 har inget")


def test_the_employer_report_equals_the_payslips(
    coop: Cooperative, approved: PayrollRun, ada: Member, bo: Member
) -> None:
    from kooperativ.countries.se.agi import validate_xml

    document = coop.payroll_runs.employer_report(ADMIN, "2026-11")
    validate_xml(document, AGI_XSD)
    root = etree.fromstring(document)
    slips = {str(s.member_number): s for s in coop.payroll_runs.payslips(ADMIN, approved.number)}
    found = ius(root)
    assert set(found) == set(slips) == {str(ada.number), str(bo.number)}
    for spec, slip in slips.items():
        assert box(found[spec], "215") == slip.person_id
        assert box(found[spec], "006") == "202611"
        assert box(found[spec], "011") == kronor(slip.taxable_pay)
        assert box(found[spec], "001") == kronor(slip.preliminary_tax)
    hu = head(root)
    assert box(hu, "497") == str(sum(int(box(iu, "001") or 0) for iu in found.values()))
    # both born before 1959 and after 2007: one rate, 31.42 % of the IUs' 011 summed
    base = sum(int(box(iu, "011") or 0) for iu in found.values())
    assert box(hu, "487") == kronor(D("0.3142") * base)
    assert approved.approved_at is not None
    skapad = root.find(".//agd:Skapad", AGI)
    assert skapad is not None and skapad.text == approved.approved_at.isoformat()
    assert coop.payroll_runs.employer_report(ADMIN, "2026-11") == document  # stable
    with pytest.raises(PermissionDenied):
        coop.payroll_runs.employer_report(coop.actor_for_member(ada.number), "2026-11")
    with pytest.raises(InputError, match="no approved payroll run has payslips in 2026-10"):
        coop.payroll_runs.employer_report(ADMIN, "2026-10")
    with pytest.raises(InputError) as bad:
        coop.payroll_runs.employer_report(ADMIN, "2026-13")
    assert bad.value.field == "period"
    with pytest.raises(InputError) as none:
        coop.payroll_runs.employer_report(ADMIN, "2026-11", corrections_only=True)
    assert none.value.field == "corrections_only"


def test_a_draft_run_is_not_reported(coop: Cooperative, ada: Member) -> None:
    approved_request(coop, ada, "10000.00")
    coop.payroll_runs.run(ADMIN, "2026-11", PAY_DAY)
    with pytest.raises(InputError, match="no approved payroll run has payslips in 2026-11"):
        coop.payroll_runs.employer_report(ADMIN, "2026-11")


def _correct(
    coop: Cooperative, run: PayrollRun, tove: Member, *members: Member
) -> tuple[PayrollRun, dict[int, Payslip], dict[int, Payslip]]:
    """Correct ``members`` of ``run`` and approve it: the run and the old and new
    payslips by member number."""
    before = {s.member_number: s for s in coop.payroll_runs.payslips(ADMIN, run.number)}
    correction = coop.payroll_runs.correct(ADMIN, run.number, [m.number for m in members])
    correction = coop.payroll_runs.approve(coop.actor_for_member(tove.number), correction.number)
    after = {s.member_number: s for s in coop.payroll_runs.payslips(ADMIN, correction.number)}
    return correction, before, after


def test_a_correction_pays_the_difference_and_replaces_the_ius(
    coop: Cooperative,
    approved: PayrollRun,
    ada: Member,
    bo: Member,
    tove: Member,
    schemas: dict[str, etree.XMLSchema],
) -> None:
    # Ada: more tax (side income, 30 %): her payout goes down, nothing to pay her.
    # Bo: less tax (an adjusted 10 %): his payout goes up by the difference.
    coop.members.update(ADMIN, ada.number, tax_mode="side-income")
    coop.members.update(ADMIN, bo.number, tax_mode="adjusted:10")
    correction, before, after = _correct(coop, approved, tove, ada, bo)
    assert after[ada.number].payout < before[ada.number].payout
    gain = after[bo.number].payout - before[bo.number].payout
    assert gain > 0
    root = valid(schemas, coop.payroll_runs.payment_file(ADMIN, correction.number))
    assert pain(root, "GrpHdr/MsgId") == [f"LON-2026-11-{correction.number}"]
    assert pain(root, "GrpHdr/NbOfTxs") == ["1"]
    assert [D(v) for v in pain(root, "GrpHdr/CtrlSum")] == [gain]
    assert pain(root, "Cdtr/Nm") == ["Bo Ek"]

    whole = etree.fromstring(coop.payroll_runs.employer_report(ADMIN, "2026-11"))
    only = etree.fromstring(
        coop.payroll_runs.employer_report(ADMIN, "2026-11", corrections_only=True)
    )
    for root in (whole, only):
        found = ius(root)
        assert set(found) == {str(ada.number), str(bo.number)}  # one IU each, replaced
        for number, slip in after.items():
            iu = found[str(number)]
            assert box(iu, "011") == kronor(slip.taxable_pay)
            assert box(iu, "001") == kronor(slip.preliminary_tax)
        assert box(head(root), "497") == str(sum(int(box(iu, "001") or 0) for iu in found.values()))


def test_a_correction_that_pays_nothing_more_has_no_payment_file(
    coop: Cooperative, approved: PayrollRun, ada: Member, bo: Member, tove: Member
) -> None:
    coop.members.update(ADMIN, ada.number, tax_mode="side-income")
    correction, _, _ = _correct(coop, approved, tove, ada)
    with pytest.raises(InputError, match="pays nothing through the bank"):
        coop.payroll_runs.payment_file(ADMIN, correction.number)
    only = etree.fromstring(
        coop.payroll_runs.employer_report(ADMIN, "2026-11", corrections_only=True)
    )
    assert set(ius(only)) == {str(ada.number)}  # only the corrected person

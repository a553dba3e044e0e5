# SPDX-License-Identifier: EUPL-1.2
"""AGI (arbetsgivardeklaration på individnivå): structure, field codes, value rules, the
HU's totals against the IUs, corrections and deletions, and a hand-worked month.

The figures of the hand-worked month are computed by hand below each test (the rates are
Sweden's for May 2026: 31.42 % full, 10.21 % for people born 1938–1958, 20.81 % on the
first 25 000 kr for people born 2003–2007, reference/sweden-payroll.md §1)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from kooperativ.countries.se import Sweden
from kooperativ.countries.se.agi import (
    COMPONENT_NAMESPACE,
    INSTANCE_NAMESPACE,
    SCHEMA_LOCATION,
    AgiSettings,
    build_declaration,
    employer_report,
    render_declaration,
    validate_xml,
)
from kooperativ.countries.se.contributions import contribution_rule
from kooperativ.errors import ConfigError, InputError
from kooperativ.payroll.runs import Payslip, PayslipLine
from kooperativ.rules.country import get_country
from kooperativ.rules.reporting import EmployerReporting, ReportEmployer, employer_report_for

NS = {"i": INSTANCE_NAMESPACE, "agd": COMPONENT_NAMESPACE}
XSD = Path(__file__).parent / "data" / "agi_xsd" / "instance.xsd"
CREATED = datetime(2026, 6, 5, 9, 30, 0)
EMPLOYER = ReportEmployer(
    organisation_id="559876-5435",
    name="Interim kultur AB",
    phone="+46 8 123 456 00",
    email="kansli@interimkultur.example",
)
RUN = UUID(int=1)


def pnr(born: date, serial: int = 123, *, coordination: bool = False) -> str:
    """A valid personnummer (samordningsnummer: day + 60) of ``born``."""
    day = born.day + (60 if coordination else 0)
    nine = f"{born.year % 100:02d}{born.month:02d}{day:02d}{serial:03d}"
    total = 0
    for index, char in enumerate(nine):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    check = (10 - total % 10) % 10
    return f"{born.year // 100:02d}{nine}{check}"


def slip(
    member: int,
    person: str,
    taxable: str,
    tax: str,
    *,
    contributions: str | None = None,
    mode: str = "table:33:1",
    period: str = "2026-05",
    pay_date: date | None = None,
    ytd: str | None = None,
    replaces: UUID | None = None,
    travel: str | None = None,
    run: UUID = RUN,
) -> Payslip:
    """A payslip; contributions by Sweden's rule on the pay alone unless given."""
    when = pay_date or date(int(period[:4]), int(period[5:]), 25)
    pay = Decimal(taxable)
    if contributions is None:
        born = Sweden().birth_date(person)
        rule = contribution_rule(born, when)
        contributions = str(rule.amount(pay, Decimal(0), Decimal("100000")))
    lines = [PayslipLine(kind="salary", text="Uppdrag", amount=pay)]
    expenses = Decimal("0.00")
    if travel is not None:
        expenses = Decimal(travel)
        lines.append(PayslipLine(kind="travel_allowance", text="Resa", amount=expenses))
    net = pay - Decimal(tax)
    return Payslip(
        run_id=run, run_number=1, member_id=uuid4(), member_number=member, name="Ada Lund",
        person_id=person, period=period, pay_date=when, lines=tuple(lines),
        gross_salary=pay, taxable_pay=pay, employer_contributions=contributions,
        tax_mode=mode, preliminary_tax=tax, expenses=expenses, net_pay=net,
        payout=net + expenses, ytd_taxable_pay=ytd if ytd is not None else pay,
        replaces=replaces,
    )  # fmt: skip


def parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


def ius(root: etree._Element) -> list[etree._Element]:
    return root.findall("agd:Blankett/agd:Blankettinnehall/agd:IU", NS)


def box(element: etree._Element, code: str) -> str | None:
    found = [child for child in element.iter() if child.get("faltkod") == code]
    assert len(found) <= 1
    return found[0].text if found else None


def iu_of(root: etree._Element, spec: int) -> etree._Element:
    for element in ius(root):
        if box(element, "570") == str(spec):
            return element
    raise AssertionError(f"no IU {spec}")


def report(payslips: list[Payslip], period: str = "2026-05", **kwargs: object) -> bytes:
    return employer_report(EMPLOYER, period, payslips, created=CREATED, **kwargs)  # type: ignore[arg-type]


# People of the hand-worked month.
ADA = pnr(date(1985, 3, 12))  # full rate
BO = pnr(date(2004, 6, 1), 234)  # youth: 21 at the start of 2026
CID = pnr(date(1950, 1, 1), 345)  # senior: only ålderspensionsavgift
DAN = pnr(date(1990, 2, 14), 456, coordination=True)  # SINK, samordningsnummer
EVA = pnr(date(1999, 9, 9), 567)  # below the 1 000 kr threshold


def month() -> list[Payslip]:
    return [
        slip(1, ADA, "18000.50", "3500.00"),
        slip(1, ADA, "2000.75", "600.00", run=UUID(int=2)),
        slip(2, BO, "30000.99", "7000.00"),
        slip(3, CID, "10000.40", "2000.00"),
        slip(4, DAN, "8000.00", "1800.00", mode="sink"),
        slip(5, EVA, "800.00", "240.00", mode="side-income", contributions="0.00", ytd="800.00"),
    ]


# -- structure -----------------------------------------------------------------------


def test_root_namespaces_and_declaration() -> None:
    xml = report(month())
    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = parse(xml)
    assert root.tag == f"{{{INSTANCE_NAMESPACE}}}Skatteverket"
    assert root.get("omrade") == "Arbetsgivardeklaration"
    assert root.nsmap[None] == INSTANCE_NAMESPACE
    assert root.nsmap["agd"] == COMPONENT_NAMESPACE
    xsi = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
    assert root.get(xsi) == SCHEMA_LOCATION
    assert [child.tag.split("}")[1] for child in root][:2] == ["Avsandare", "Blankettgemensamt"]
    sender = root.find("agd:Avsandare", NS)
    assert sender is not None
    assert sender.findtext("agd:Organisationsnummer", namespaces=NS) == "165598765435"
    assert sender.findtext("agd:Skapad", namespaces=NS) == "2026-06-05T09:30:00"
    assert sender.findtext("agd:TekniskKontaktperson/agd:Namn", namespaces=NS) == (
        "Interim kultur AB"
    )
    employer = root.find("agd:Blankettgemensamt/agd:Arbetsgivare", NS)
    assert employer is not None
    assert employer.findtext("agd:AgRegistreradId", namespaces=NS) == "165598765435"
    assert employer.findtext("agd:Kontaktperson/agd:Epostadress", namespaces=NS) == (
        "kansli@interimkultur.example"
    )


def test_one_hu_and_one_iu_per_payee() -> None:
    root = parse(report(month()))
    forms = root.findall("agd:Blankett", NS)
    assert len(forms) == 1 + 5  # Ada's two payslips make one IU
    assert len(root.findall("agd:Blankett/agd:Blankettinnehall/agd:HU", NS)) == 1
    assert len(ius(root)) == 5
    for form in forms:
        assert form.findtext("agd:Arendeinformation/agd:Arendeagare", namespaces=NS) == (
            "165598765435"
        )
        assert form.findtext("agd:Arendeinformation/agd:Period", namespaces=NS) == "202605"


def test_field_codes_and_elements() -> None:
    root = parse(report(month()))
    hu = root.find("agd:Blankett/agd:Blankettinnehall/agd:HU", NS)
    assert hu is not None
    codes = {child.tag.split("}")[1]: child.get("faltkod") for child in hu.iter()}
    assert codes["SummaArbAvgSlf"] == "487"
    assert codes["SummaSkatteavdr"] == "497"
    assert codes["RedovisningsPeriod"] == "006"
    ada = iu_of(root, 1)
    pairs = {child.tag.split("}")[1]: child.get("faltkod") for child in ada.iter()}
    assert pairs["AgRegistreradId"] == "201"
    assert pairs["BetalningsmottagarId"] == "215"
    assert pairs["RedovisningsPeriod"] == "006"
    assert pairs["Specifikationsnummer"] == "570"
    assert pairs["KontantErsattningUlagAG"] == "011"
    assert pairs["AvdrPrelSkatt"] == "001"
    payee = ada.find(
        "agd:BetalningsmottagareIUGROUP/agd:BetalningsmottagareIDChoice/agd:BetalningsmottagarId",
        NS,
    )
    assert payee is not None and payee.text == ADA


def test_value_rules_ids_and_whole_kronor() -> None:
    root = parse(report(month()))
    for element in root.iter():
        code = element.get("faltkod")
        if code in {"201", "215"}:
            assert re.fullmatch(r"\d{12}", element.text or "")
        elif code == "006":
            assert element.text == "202605"
        elif code is not None:
            assert re.fullmatch(r"\d+", element.text or ""), (code, element.text)
            assert 0 <= int(element.text or "") <= 9_999_999_999


# -- the hand-worked month -----------------------------------------------------------


def test_hand_worked_month() -> None:
    root = parse(report(month()))
    # Ada: 18 000.50 + 2 000.75 = 20 001.25 → 20 001 (öre dropped); tax 3 500 + 600.
    ada = iu_of(root, 1)
    assert (box(ada, "011"), box(ada, "001")) == ("20001", "4100")
    # Bo: 30 000.99 → 30 000; Cid: 10 000.40 → 10 000.
    assert (box(iu_of(root, 2), "011"), box(iu_of(root, 2), "001")) == ("30000", "7000")
    assert (box(iu_of(root, 3), "011"), box(iu_of(root, 3), "001")) == ("10000", "2000")
    # Dan: SINK tax in 274, not 001; his pay carries contributions (011).
    dan = iu_of(root, 4)
    assert (box(dan, "011"), box(dan, "274"), box(dan, "001")) == ("8000", "1800", None)
    assert box(dan, "215") == DAN
    # Eva: 800 kr in the year, below 1 000 kr: 131 instead of 011, no contributions.
    eva = iu_of(root, 5)
    assert (box(eva, "011"), box(eva, "131"), box(eva, "001")) == (None, "800", "240")
    # HU 487, per rate on the sum of the IUs' bases, öre dropped per rate:
    #   10.21 % × 10 000                    =  1 021.00 →  1 021
    #   20.81 % × 25 000 (Bo's first 25 000) =  5 202.50 →  5 202
    #   31.42 % × (20 001 + 5 000 + 8 000)   = 10 368.9142 → 10 368
    #   487 = 1 021 + 5 202 + 10 368 = 16 591
    # HU 497 = 4 100 + 7 000 + 2 000 + 1 800 + 240 = 15 140
    hu = root.find("agd:Blankett/agd:Blankettinnehall/agd:HU", NS)
    assert hu is not None
    assert (box(hu, "487"), box(hu, "497")) == ("16591", "15140")


def test_hand_worked_head_report_and_the_payslips_contributions() -> None:
    declaration = build_declaration(EMPLOYER, "2026-05", month())
    bases = {(row.rate, row.base, row.amount) for row in declaration.head.bases}
    assert bases == {
        (Decimal("0.1021"), 10000, 1021),
        (Decimal("0.2081"), 25000, 5202),
        (Decimal("0.3142"), 33001, 10368),
    }
    # The payslips charged, each rounded half up to öre:
    # 5 655.76 + 628.64 + (5 202.50 + 1 571.31) + 1 021.04 + 2 513.60 + 0 = 16 592.85
    assert declaration.head.charged == Decimal("16592.85")
    assert declaration.head.contributions == 16591


def test_threshold_reached_reports_the_earlier_pay_in_010() -> None:
    person = pnr(date(1980, 4, 4), 678)
    # 800 kr earlier this year without contributions, 5 000 now: contributions on 5 800.
    paid = slip(6, person, "5000.00", "1500.00", contributions="1822.36", ytd="5800.00")
    root = parse(report([paid]))
    iu = iu_of(root, 6)
    assert (box(iu, "011"), box(iu, "010"), box(iu, "131")) == ("5000", "800", None)
    hu = root.find("agd:Blankett/agd:Blankettinnehall/agd:HU", NS)
    assert hu is not None
    # 31.42 % × (5 000 + 800) = 1 822.36 → 1 822
    assert box(hu, "487") == "1822"


def test_tiny_pay_late_in_the_year_is_contribution_pay() -> None:
    # 0.01 kr carries no contributions after rounding to öre, yet the year's pay is far
    # above 1 000 kr: still 011, not 131.
    paid = slip(8, ADA, "0.01", "0.00", contributions="0.00", ytd="50000.01")
    assert (box(iu_of(parse(report([paid])), 8), "011")) == "0"


def test_threshold_from_the_charged_contributions_when_the_year_is_not_filled() -> None:
    paid = slip(8, ADA, "500.00", "150.00", contributions="0.00", ytd="0.00")
    assert box(iu_of(parse(report([paid])), 8), "131") == "500"


def test_person_born_1937_or_earlier_has_pay_but_no_contributions() -> None:
    person = pnr(date(1936, 5, 5), 789)
    root = parse(report([slip(7, person, "4000.00", "0.00", contributions="0.00")]))
    assert box(iu_of(root, 7), "011") == "4000"
    hu = root.find("agd:Blankett/agd:Blankettinnehall/agd:HU", NS)
    assert hu is not None and box(hu, "487") == "0"


def test_expenses_are_not_reported_and_travel_ticks_its_boxes() -> None:
    paid = slip(1, ADA, "10000.00", "2000.00", travel="900.00")
    root = parse(report([paid], report_boxes={paid.id: ["051", "050"]}))
    iu = iu_of(root, 1)
    assert (box(iu, "011"), box(iu, "051"), box(iu, "050")) == ("10000", "1", "1")
    assert b"900" not in etree.tostring(iu)


def test_travel_allowance_without_its_boxes_is_refused() -> None:
    with pytest.raises(InputError, match="report_boxes: .*member 1 pays a tax-free travel"):
        report([slip(1, ADA, "10000.00", "2000.00", travel="900.00")])


def test_unknown_box_is_refused() -> None:
    paid = slip(1, ADA, "10000.00", "2000.00")
    with pytest.raises(InputError, match="report_boxes: 099"):
        report([paid], report_boxes={paid.id: ["099"]})


def test_sink_and_other_tax_for_one_person_are_refused() -> None:
    with pytest.raises(InputError, match="tax_mode: member 1 has SINK and other tax"):
        report([slip(1, ADA, "100.00", "30.00"), slip(1, ADA, "100.00", "22.00", mode="sink")])


# -- corrections ----------------------------------------------------------------------


def test_a_correction_replaces_the_payslip_and_the_iu() -> None:
    first = slip(1, ADA, "18000.00", "3500.00")
    other = slip(2, BO, "10000.00", "2000.00")
    fixed = slip(1, ADA, "19000.00", "3800.00", replaces=first.id, run=UUID(int=3))
    root = parse(report([first, other, fixed]))
    assert box(iu_of(root, 1), "011") == "19000"  # the replaced payslip is left out
    only = parse(report([first, other, fixed], corrections_only=True))
    assert [box(iu, "570") for iu in ius(only)] == ["1"]
    assert box(iu_of(only, 1), "011") == "19000"
    # The same identifiers (201 + 215 + 006 + 570) as the IU it replaces.
    for code in ("201", "215", "006", "570"):
        assert box(iu_of(only, 1), code) == box(iu_of(root, 1), code)
    # The HU covers the whole period: 31.42 % of 19 000 + 20.81 % of 10 000
    hu = only.find("agd:Blankett/agd:Blankettinnehall/agd:HU", NS)
    assert hu is not None
    assert box(hu, "487") == str(int(Decimal("5969.80")) + int(Decimal("2081.00")))
    assert box(hu, "497") == "5800"


def test_deletion_carries_identifiers_and_borttag_only() -> None:
    wrong = slip(9, pnr(date(1975, 7, 7), 111), "5000.00", "1000.00")
    kept = slip(1, ADA, "18000.00", "3500.00")
    root = parse(report([kept], deleted=[wrong], corrections_only=True))
    assert len(ius(root)) == 1
    gone = iu_of(root, 9)
    codes = sorted(child.get("faltkod") or "" for child in gone.iter() if child.get("faltkod"))
    assert codes == ["006", "201", "205", "215", "570"]
    assert box(gone, "205") == "1"
    hu = root.find("agd:Blankett/agd:Blankettinnehall/agd:HU", NS)
    assert hu is not None and box(hu, "497") == "3500"


def test_a_deleted_person_who_is_also_reported_is_refused() -> None:
    kept = slip(1, ADA, "18000.00", "3500.00")
    with pytest.raises(InputError, match="deleted: member 1 is both reported and deleted"):
        report([kept], deleted=[kept])


def test_specification_number_is_stable_across_months() -> None:
    may = parse(report([slip(12, ADA, "100.00", "0.00")]))
    june = parse(report([slip(12, ADA, "200.00", "0.00", period="2026-06")], period="2026-06"))
    assert box(ius(may)[0], "570") == box(ius(june)[0], "570") == "12"


def test_specification_number_unique_per_period() -> None:
    with pytest.raises(InputError, match="member_number: 3 is the number of two people"):
        report([slip(3, ADA, "100.00", "0.00"), slip(3, BO, "100.00", "0.00")])
    with pytest.raises(InputError, match="payslips: .* under member numbers 3, 4"):
        report([slip(3, ADA, "100.00", "0.00"), slip(4, ADA, "100.00", "0.00")])


def test_payslip_of_another_period_is_refused() -> None:
    with pytest.raises(InputError, match="payslips: the payslip of member 1 is for 2026-04"):
        report([slip(1, ADA, "100.00", "0.00", period="2026-04")])


def test_bad_period_is_refused() -> None:
    with pytest.raises(InputError, match="period: '2026-13'"):
        report([], period="2026-13")


def test_missing_contact_is_a_config_error() -> None:
    bare = ReportEmployer(organisation_id="559876-5435", name="Interim kultur AB")
    with pytest.raises(ConfigError, match="se.agi.contact_phone"):
        employer_report(bare, "2026-05", [], created=CREATED)
    chosen = AgiSettings(contact_name="Kim", contact_phone="08-1", contact_email="k@x.example")
    root = parse(employer_report(bare, "2026-05", [], created=CREATED, settings=chosen))
    assert root.findtext("agd:Avsandare/agd:TekniskKontaktperson/agd:Namn", namespaces=NS) == (
        "Kim"
    )


def test_an_empty_month_is_a_zero_declaration() -> None:
    root = parse(report([]))
    assert ius(root) == []
    hu = root.find("agd:Blankett/agd:Blankettinnehall/agd:HU", NS)
    assert hu is not None and (box(hu, "487"), box(hu, "497")) == ("0", "0")


# -- the HU equals the IUs, for any payslips --------------------------------------------

BIRTHS = [date(1936, 1, 1), date(1950, 6, 6), date(1985, 3, 12), date(2004, 6, 1)]
_amount = st.decimals(min_value=Decimal("0"), max_value=Decimal("90000"), places=2)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 8), _amount), min_size=1, max_size=14))
def test_hu_sums_equal_the_ius(rows: list[tuple[int, Decimal]]) -> None:
    """Members 1–8 in the four bands (member 4 and 8: SINK); contributions charged per
    payslip with the month's earlier pay (youth cap), as the salary engine does."""
    payslips = []
    month_paid: dict[int, Decimal] = {}
    for member, pay in rows:
        born = BIRTHS[member % 4]
        person = pnr(born, 100 + member)
        before = month_paid.get(member, Decimal("0.00"))
        rule = contribution_rule(born, date(2026, 5, 25))
        charged = rule.amount(pay, before, Decimal("100000") + before)
        month_paid[member] = before + pay
        tax = (pay * Decimal("0.3")).quantize(Decimal("1"), ROUND_DOWN)
        payslips.append(
            slip(member, person, str(pay), str(tax), contributions=str(charged),
                 mode="sink" if member % 4 == 0 else "table:33:1",
                 ytd=str(Decimal("100000") + before + pay))
        )  # fmt: skip
    declaration = build_declaration(EMPLOYER, "2026-05", payslips)
    root = parse(render_declaration(declaration, created=CREATED))
    hu = root.find("agd:Blankett/agd:Blankettinnehall/agd:HU", NS)
    assert hu is not None
    # 497: the IUs' tax boxes added up.
    taxes = [int(box(iu, "001") or box(iu, "274") or "0") for iu in ius(root)]
    assert int(box(hu, "497") or "") == sum(taxes)
    # 487: recomputed from the IUs' 011 alone, by each person's rate.
    per_rate: dict[Decimal, int] = {}
    for iu in ius(root):
        pay = int(box(iu, "011") or "0")
        rule = contribution_rule(Sweden().birth_date(box(iu, "215") or ""), date(2026, 5, 25))
        if rule.youth_cap is not None:
            low = min(pay, int(rule.youth_cap))
            parts = [(rule.rate, low), (rule.full_rate, pay - low)]
        else:
            parts = [(rule.full_rate, pay)]
        for rate, base in parts:
            per_rate[rate] = per_rate.get(rate, 0) + base
    expected = sum(int(rate * base) for rate, base in per_rate.items())
    assert int(box(hu, "487") or "") == expected
    # And it is within the rounding of what the payslips charged.
    charged = sum((p.employer_contributions for p in payslips), Decimal(0))
    people = len(ius(root))
    bound = Decimal("0.3142") * people + Decimal("0.005") * len(payslips) + len(per_rate)
    assert abs(Decimal(expected) - charged) <= bound


# -- XSD validation and the country protocol ------------------------------------------


def test_xsd_validation_passes_a_good_file() -> None:
    xml = report(month())
    validate_xml(xml, XSD)
    chosen = AgiSettings(xsd=str(XSD))
    assert report(month(), settings=chosen) == xml


def test_xsd_validation_names_the_element() -> None:
    xml = report(month()).replace(b'faltkod="570">1<', b'faltkod="570">x<')
    with pytest.raises(InputError, match="agi: .*Specifikationsnummer"):
        validate_xml(xml, XSD)


def test_unreadable_xsd_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xsd"
    bad.write_text("<nope", "utf-8")
    with pytest.raises(ConfigError, match="se.agi.xsd"):
        validate_xml(report([]), bad)


def test_xsd_in_the_config_section(tmp_path: Path) -> None:
    schema = Sweden().config_section()
    with pytest.raises(Exception, match="xsd"):
        schema.model_validate({"agi": {"xsd": "missing.xsd"}}, context={"folder": tmp_path})
    (tmp_path / "agi.xsd").write_bytes(XSD.read_bytes())
    section = schema.model_validate({"agi": {"xsd": "agi.xsd"}}, context={"folder": tmp_path})
    assert section.agi.xsd_path(tmp_path) == tmp_path / "agi.xsd"  # type: ignore[attr-defined]


def test_through_the_country_protocol() -> None:
    sweden = get_country("SE")
    assert isinstance(sweden, EmployerReporting)
    xml = sweden.employer_report(EMPLOYER, "2026-05", month(), created=CREATED)
    assert xml == report(month())
    with pytest.raises(InputError, match="settings"):
        sweden.employer_report(EMPLOYER, "2026-05", [], created=CREATED, settings=AgiSettings())


def test_from_the_example_cooperative(tmp_path: Path) -> None:
    """``[se.agi]`` in cooperative.toml, read through the configuration and the helper."""
    from kooperativ.config import load_config
    from kooperativ.examples import copy_example

    folder = copy_example(tmp_path / "coop")
    (folder / "agi.xsd").write_bytes(XSD.read_bytes())
    (folder / "component.xsd").write_bytes((XSD.parent / "component.xsd").read_bytes())
    toml = folder / "cooperative.toml"
    text = toml.read_text("utf-8").replace(
        "[accounts]\n",
        '[se.agi]\ncontact_name = "Kim Kassör"\nxsd = "agi.xsd"\n\n[accounts]\n',
        1,
    )
    toml.write_text(text, "utf-8")
    config = load_config(folder)
    xml = employer_report_for(config, "2026-05", month(), created=CREATED, folder=folder)
    root = parse(xml)
    assert root.findtext("agd:Avsandare/agd:TekniskKontaktperson/agd:Namn", namespaces=NS) == (
        "Kim Kassör"
    )
    assert root.findtext("agd:Avsandare/agd:Organisationsnummer", namespaces=NS) == ("165598765435")
    toml.write_text(text.replace('xsd = "agi.xsd"', 'xsd = "nowhere.xsd"'), "utf-8")
    with pytest.raises(ConfigError, match="se.agi.xsd"):
        load_config(folder)


def test_sick_pay_holiday_pay_and_taxable_allowance_are_cash_pay() -> None:
    lines = (
        PayslipLine(kind="salary", text="Uppdrag", amount="10000.00"),
        PayslipLine(kind="holiday_pay", text="Semesterersättning", amount="1200.00"),
        PayslipLine(kind="sick_pay", text="Sjuklön", amount="1600.00"),
        PayslipLine(kind="sick_deduction", text="Karensavdrag", amount="-320.00"),
        PayslipLine(
            kind="taxable_allowance", text="Traktamente, skattepliktig del", amount="50.00"
        ),
        PayslipLine(kind="expense", text="Utlägg", amount="430.00"),
    )
    paid = Payslip(
        run_id=RUN, run_number=1, member_id=uuid4(), member_number=1, name="Ada Lund",
        person_id=ADA, period="2026-05", pay_date=date(2026, 5, 25), lines=lines,
        gross_salary="10000.00", holiday_pay="1200.00", taxable_pay="12530.00",
        employer_contributions="3936.93", tax_mode="table:33:1", preliminary_tax="2500.00",
        expenses="430.00", net_pay="10030.00", payout="10460.00", ytd_taxable_pay="12530.00",
    )  # fmt: skip
    iu = iu_of(parse(report([paid])), 1)
    # 10 000 + 1 200 + 1 600 − 320 + 50 = 12 530; the 430 kr outlay is not reported.
    assert box(iu, "011") == "12530"
    assert box(iu, "020") is None


def test_the_docs_worked_example_is_the_one_computed() -> None:
    text = (Path(__file__).parents[3] / "docs" / "agi.md").read_text("utf-8")
    declaration = build_declaration(EMPLOYER, "2026-05", month())
    assert f"box 487 = **{declaration.head.contributions:,}**".replace(",", " ") in text
    assert f"= **{declaration.head.tax:,}**".replace(",", " ") in text
    assert f"The payslips charged {declaration.head.charged:,}".replace(",", " ") in text

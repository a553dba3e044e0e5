# SPDX-License-Identifier: EUPL-1.2
"""AGI: the employer's monthly declaration to Skatteverket, one record per person.

The *arbetsgivardeklaration på individnivå* (AGI) is filed for every month in which pay
was given out (the *redovisningsperiod*). It holds one *huvuduppgift* (HU: the employer's
totals, the employer contributions and the tax withheld) and one *individuppgift* (IU)
per person paid (*betalningsmottagare*): their cash pay, the tax withheld from it and the
boxes (*fältkoder*) that say what else was paid. The file is XML in Skatteverket's schema
1.1 (``../shared/reference/formats.md`` §1).

References:
    - Skatteförfarandelag (2011:1244) 26 kap.: the declaration and its contents.
    - Skatteförfarandeförordning (2011:1261) 22 kap. 1 §: amounts in whole kronor, öre
      dropped ("ska anges i heltal så att öretal bortfaller").
    - Skatteverket, ställningstagande 2017-06-08 (dnr 131 238881-17/111) "Arbetsgivar-
      deklaration på individnivå – avrundning av redovisat belopp och vid beräkning av
      arbetsgivaravgifter": each IU in whole kronor; the contributions of the period are
      computed on the sum of the IUs, for each contribution rate on its own, öre dropped
      per rate, then added up.
    - Socialavgiftslag (2000:980) 2 kap.: the rates by age, the 1 000 kr rule.
    - Lag (2026:100): the youth rate on at most 25 000 kr a month.

What is reported, per person and period (all payslips of the period added up, a payslip
that a correction ``replaces`` left out):

* 011 ``KontantErsattningUlagAG``: taxable pay (salary, holiday pay, sick pay less the
  karensavdrag, the taxable part of travel allowances);
* 131 ``KontantErsattningEjUlagSA`` instead, while the person's pay in the year is below
  the 1 000 kr threshold (no contributions were charged);
* 010 ``AvrakningAvgiftsfriErs``: the year's earlier pay that becomes liable to
  contributions when this month's pay reaches the threshold;
* 051 ``Traktamente`` / 050 ``Bilersattning``: check boxes for tax-free per diem and car
  allowance (the tax-free amounts are not reported; the excess is in 011);
* exactly one tax box: 001 ``AvdrPrelSkatt`` (preliminary tax, every mode but SINK) or
  274 ``AvdrSkattSINK`` (SINK);
* 570 ``Specifikationsnummer``: the member number, the same every month.

Tax-free expenses (outlays paid back) are not reported.

>>> from datetime import datetime
>>> from kooperativ.rules.reporting import ReportEmployer
>>> employer = ReportEmployer(organisation_id="559876-5435", name="Interim kultur AB",
...     phone="08-123 456 00", email="kansli@interimkultur.example")
>>> declaration = build_declaration(employer, "2026-05", [])
>>> declaration.employer_id, declaration.head.contributions
('165598765435', 0)
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from uuid import UUID
from xml.sax.saxutils import escape

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationInfo, field_validator

from kooperativ.countries.se.contributions import contribution_rule
from kooperativ.countries.se.identifiers import (
    birth_date,
    mask_personnummer,
    normalise_personnummer,
    validate_orgnr,
)
from kooperativ.countries.se.tax.modes import parse_tax_mode
from kooperativ.errors import ConfigError, InputError
from kooperativ.money import ZERO_ORE
from kooperativ.payroll.runs import PERIOD_PATTERN, Payslip
from kooperativ.rules.parameters import ParameterSet
from kooperativ.rules.reporting import ReportEmployer

__all__ = [
    "AMOUNT_MAX",
    "BOXES",
    "COMPONENT_NAMESPACE",
    "INSTANCE_NAMESPACE",
    "SCHEMA_LOCATION",
    "AgiDeclaration",
    "AgiSettings",
    "ContributionBase",
    "HeadReport",
    "IndividualReport",
    "build_declaration",
    "employer_report",
    "kronor",
    "render_declaration",
    "validate_xml",
]

#: The instance schema's namespace (the root's default namespace), schema 1.1.
INSTANCE_NAMESPACE = "http://xmls.skatteverket.se/se/skatteverket/da/instans/schema/1.1"
#: The component schema's namespace (prefix ``agd``).
COMPONENT_NAMESPACE = "http://xmls.skatteverket.se/se/skatteverket/da/komponent/schema/1.1"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: ``xsi:schemaLocation`` as formats.md §1.2 gives it.
SCHEMA_LOCATION = (
    f"{INSTANCE_NAMESPACE} "
    "http://xmls.skatteverket.se/se/skatteverket/da/arbetsgivardeklaration/"
    "arbetsgivardeklaration_1.1.xsd"
)
#: The largest amount a box takes (formats.md §1.6: integer 0 – 9 999 999 999).
AMOUNT_MAX = 9_999_999_999

#: Element and fältkod of every box written: formats.md §1.4–1.5 (201, 215, 006, 570,
#: 011, 001, 205, 487, 497), invoicing-and-payroll-2026.md §4 (050, 051, 274, 010 [C]),
#: element names of 131 and 010 as a third-party generator writes them [C].
BOXES: Mapping[str, tuple[str, str]] = {
    "employer": ("AgRegistreradId", "201"),
    "payee": ("BetalningsmottagarId", "215"),
    "period": ("RedovisningsPeriod", "006"),
    "specification": ("Specifikationsnummer", "570"),
    "cash_pay": ("KontantErsattningUlagAG", "011"),
    "cash_pay_no_contributions": ("KontantErsattningEjUlagSA", "131"),
    "earlier_free_pay": ("AvrakningAvgiftsfriErs", "010"),
    "per_diem": ("Traktamente", "051"),
    "car_allowance": ("Bilersattning", "050"),
    "preliminary_tax": ("AvdrPrelSkatt", "001"),
    "sink_tax": ("AvdrSkattSINK", "274"),
    "deleted": ("Borttag", "205"),
    "contributions": ("SummaArbAvgSlf", "487"),
    "tax": ("SummaSkatteavdr", "497"),
}

#: The check boxes a payslip may tick through ``report_boxes``, by fältkod.
_CHECK_BOXES = {"050": "car_allowance", "051": "per_diem"}
_PROGRAM = "kooperativ"


class AgiSettings(BaseModel):
    """``[se.agi]`` in ``cooperative.toml``: the declaration's contact and schema.

    ```toml
    [se.agi]
    contact_name = "Kim Kassör"          # else the employer's name
    contact_phone = "08-123 456 01"      # else [employer] phone
    contact_email = "lon@example.se"     # else [employer] email
    xsd = "skatteverket/arbetsgivardeklaration_1.1.xsd"   # optional: validate each file
    ```

    Attributes:
        contact_name: The person Skatteverket may ask about the declaration.
        contact_phone: Their phone number.
        contact_email: Their e-mail address.
        xsd: Skatteverket's instance schema ``arbetsgivardeklaration_1.1.xsd`` (with the
            component schema it imports beside it), relative to the cooperative's folder
            or absolute. When set, every declaration is validated against it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    contact_name: str | None = Field(
        default=None,
        min_length=1,
        description="Who Skatteverket may ask about the declaration (default: the employer)",
    )
    contact_phone: str | None = Field(
        default=None, min_length=1, description="Their phone (default: [employer] phone)"
    )
    contact_email: EmailStr | None = Field(
        default=None, description="Their e-mail (default: [employer] email)"
    )
    xsd: str | None = Field(
        default=None,
        min_length=1,
        description="Skatteverket's schema to validate each declaration against (optional)",
    )

    @field_validator("xsd")
    @classmethod
    def _xsd_exists(cls, value: str | None, info: ValidationInfo) -> str | None:
        folder = (info.context or {}).get("folder")
        if value is not None and folder is not None:
            path = Path(folder) / value
            if not path.is_file():
                raise InputError("xsd", "{name} not found in {folder}", name=value, folder=folder)
        return value

    def xsd_path(self, folder: Path | None) -> Path | None:
        """The schema's path (relative names against ``folder``), or ``None``."""
        if self.xsd is None:
            return None
        path = Path(self.xsd)
        return path if path.is_absolute() or folder is None else folder / path


@dataclass(frozen=True, slots=True)
class IndividualReport:
    """One *individuppgift*: one person in one period. Amounts in whole kronor.

    Attributes:
        person_id: Personnummer or samordningsnummer, 12 digits (box 215).
        specification: *Specifikationsnummer* (570): the member number.
        member_number: The member number (the same as ``specification``).
        cash_pay: Box 011, pay that is the basis of contributions (``None``: not used).
        cash_pay_no_contributions: Box 131, pay below the yearly threshold.
        earlier_free_pay: Box 010, the year's earlier contribution-free pay now liable.
        preliminary_tax: Box 001 (``None`` when the tax is SINK).
        sink_tax: Box 274 (``None`` unless the tax mode is SINK).
        per_diem: Box 051 ticked.
        car_allowance: Box 050 ticked.
        deleted: Box 205: withdraws the person's report of the period (no other boxes).
        corrects: Whether a payslip of a correction run is behind it.
        band: The contribution band (``full``, ``senior``, ``youth``, ``exempt``).
        contributions_charged: What the payslips charged as contributions (öre).
    """

    person_id: str
    specification: int
    member_number: int
    cash_pay: int | None = None
    cash_pay_no_contributions: int | None = None
    earlier_free_pay: int | None = None
    preliminary_tax: int | None = None
    sink_tax: int | None = None
    per_diem: bool = False
    car_allowance: bool = False
    deleted: bool = False
    corrects: bool = False
    band: str = ""
    contributions_charged: Decimal = ZERO_ORE

    @property
    def tax(self) -> int:
        """The tax withheld, whichever box it is in."""
        return (self.preliminary_tax or 0) + (self.sink_tax or 0)


@dataclass(frozen=True, slots=True)
class ContributionBase:
    """The contribution base of one rate in the period and its contributions.

    Attributes:
        rate: The rate.
        base: The IUs' pay at this rate added up (whole kronor).
        amount: ``rate × base`` with öre dropped.
    """

    rate: Decimal
    base: int
    amount: int


@dataclass(frozen=True, slots=True)
class HeadReport:
    """The *huvuduppgift*: the employer's totals of the period.

    Attributes:
        contributions: Box 487, employer contributions (and särskild löneskatt on
            earned income, none here): the sum over :attr:`bases`.
        tax: Box 497, the tax withheld: the IUs' tax boxes added up.
        bases: The contribution base per rate the contributions come from.
        charged: The contributions the payslips charged, in öre (for comparison: they
            differ from box 487 by the rounding of each payslip).
    """

    contributions: int
    tax: int
    bases: tuple[ContributionBase, ...]
    charged: Decimal


@dataclass(frozen=True, slots=True)
class AgiDeclaration:
    """A whole declaration: the employer, one HU and the IUs.

    Attributes:
        employer_id: The employer's id, ``16`` + the organisationsnummer (12 digits).
        period: ``YYYYMM``.
        head: The huvuduppgift.
        individuals: The individuppgifter, by member number.
        contact_name: The contact person.
        contact_phone: Their phone.
        contact_email: Their e-mail.
    """

    employer_id: str
    period: str
    head: HeadReport
    individuals: tuple[IndividualReport, ...]
    contact_name: str
    contact_phone: str
    contact_email: str


def kronor(amount: Decimal, field: str) -> int:
    """``amount`` in whole kronor with öre dropped (SFF 22 kap. 1 §), checked to fit a box.

    >>> kronor(Decimal("18123.99"), "cash_pay")
    18123

    Raises:
        InputError: A negative amount, or one above :data:`AMOUNT_MAX`.
    """
    whole = int(amount.to_integral_value(rounding=ROUND_DOWN))
    if amount < 0:
        raise InputError(
            field, "must not be negative in the declaration (got {value})", value=amount
        )
    if whole > AMOUNT_MAX:
        raise InputError(
            field, "is more than {limit}, the largest amount a box takes", limit=AMOUNT_MAX
        )
    return whole


def _period(period: str) -> str:
    if not re.match(PERIOD_PATTERN, str(period)):
        raise InputError("period", "{value!r} is not a month written YYYY-MM", value=period)
    return str(period)


def _effective(payslips: Sequence[Payslip]) -> list[Payslip]:
    """The payslips no other payslip replaces."""
    replaced = {slip.replaces for slip in payslips if slip.replaces is not None}
    return [slip for slip in payslips if slip.id not in replaced]


def _person(slip: Payslip) -> str:
    return normalise_personnummer(slip.person_id, "person_id")


def _individual(
    person: str,
    slips: list[Payslip],
    boxes: Mapping[UUID, Collection[str]],
    parameters: ParameterSet | None,
) -> tuple[IndividualReport, list[tuple[Decimal, int]]]:
    """The IU of one person and the parts of their base at each rate."""
    masked = mask_personnummer(person)
    numbers = {slip.member_number for slip in slips}
    if len(numbers) > 1:
        raise InputError(
            "payslips", "{person} has payslips under member numbers {numbers}",
            person=masked, numbers=", ".join(str(n) for n in sorted(numbers)),
        )  # fmt: skip
    number = numbers.pop()
    taxable = sum((slip.taxable_pay for slip in slips), ZERO_ORE)
    tax = sum((slip.preliminary_tax for slip in slips), ZERO_ORE)
    charged = sum((slip.employer_contributions for slip in slips), ZERO_ORE)
    kinds = {parse_tax_mode(slip.tax_mode).kind for slip in slips}
    if "sink" in kinds and len(kinds) > 1:
        # Skatteverket check SK_001: one tax box per IU; SINK and other tax cannot mix.
        raise InputError(
            "tax_mode", "member {member} has SINK and other tax in {period}: one IU takes "
            "one tax box", member=number, period=slips[0].period,
        )  # fmt: skip
    ticked: set[str] = set()
    for slip in slips:
        codes = {str(code) for code in boxes.get(slip.id, ())}
        unknown = codes - set(_CHECK_BOXES)
        if unknown:
            raise InputError(
                "report_boxes", "{codes} are not boxes a payslip ticks (known: {known})",
                codes=", ".join(sorted(unknown)), known=", ".join(sorted(_CHECK_BOXES)),
            )  # fmt: skip
        allowances = [line for line in slip.lines if line.kind == "travel_allowance"]
        if allowances and not codes:
            raise InputError(
                "report_boxes", "the payslip of member {member} pays a tax-free travel "
                "allowance: name its boxes (050 car allowance, 051 per diem)", member=number,
            )  # fmt: skip
        ticked |= {_CHECK_BOXES[code] for code in codes}
    pay_date = max(slip.pay_date for slip in slips)
    rule = contribution_rule(birth_date(person), pay_date, params=parameters)
    pay = kronor(taxable, "taxable_pay")
    parts: list[tuple[Decimal, int]] = []
    cash: int | None = pay
    free: int | None = None
    earlier: int | None = None
    year_after = max(slip.ytd_taxable_pay for slip in slips)
    year_before = year_after - taxable
    # Without the year's pay filled in (ytd below this month's), the charged tell.
    below = year_after < rule.threshold if year_after >= taxable else charged == 0
    if rule.full_rate > 0 and taxable > 0 and below:
        # Socialavgiftslag 2 kap. 14 §: below 1 000 kr in the year no contributions;
        # the pay is reported as cash pay that is no basis of contributions (131).
        cash, free = None, pay
    else:
        if rule.full_rate > 0 and ZERO_ORE < year_before < rule.threshold <= year_after:
            # The month's pay reaches the threshold: the year's earlier pay (reported in
            # 131 before) becomes liable from the first krona (box 010, [C]).
            earlier = kronor(year_before, "ytd_taxable_pay")
        if rule.youth_cap is not None:
            # Lag (2026:100) 2 §: the reduced rate on the first 25 000 kr of the month;
            # earlier free pay was below the cap in its own month.
            reduced = min(pay, int(rule.youth_cap)) + (earlier or 0)
            parts = [(rule.rate, reduced), (rule.full_rate, pay + (earlier or 0) - reduced)]
        else:
            parts = [(rule.full_rate, pay + (earlier or 0))]
    report = IndividualReport(
        person_id=person,
        specification=number,
        member_number=number,
        cash_pay=cash,
        cash_pay_no_contributions=free,
        earlier_free_pay=earlier,
        preliminary_tax=None if kinds == {"sink"} else kronor(tax, "preliminary_tax"),
        sink_tax=kronor(tax, "preliminary_tax") if kinds == {"sink"} else None,
        per_diem="per_diem" in ticked,
        car_allowance="car_allowance" in ticked,
        corrects=any(slip.replaces is not None for slip in slips),
        band=rule.band,
        contributions_charged=charged,
    )
    return report, parts


def _head(
    individuals: Iterable[IndividualReport],
    parts: Iterable[tuple[Decimal, int]],
) -> HeadReport:
    bases: dict[Decimal, int] = defaultdict(int)
    for rate, base in parts:
        if rate > 0 and base:
            bases[rate] += base
    # Skatteverket 2017-06-08: the contributions of each rate on the sum of the IUs'
    # bases at that rate, öre dropped per rate, then added up.
    rows = tuple(
        ContributionBase(rate, base, int((rate * base).to_integral_value(rounding=ROUND_DOWN)))
        for rate, base in sorted(bases.items())
    )
    people = list(individuals)
    return HeadReport(
        contributions=sum(row.amount for row in rows),
        tax=sum(person.tax for person in people),
        bases=rows,
        charged=sum((person.contributions_charged for person in people), ZERO_ORE),
    )


def _contact(employer: ReportEmployer, settings: AgiSettings) -> tuple[str, str, str]:
    name = settings.contact_name or employer.name
    phone = settings.contact_phone or employer.phone
    email = settings.contact_email or employer.email
    if not phone:
        raise ConfigError(
            "cooperative.toml", "se.agi.contact_phone",
            "the employer declaration needs a contact phone number: set it here or "
            "in employer.phone",
        )  # fmt: skip
    if not email:
        raise ConfigError(
            "cooperative.toml", "se.agi.contact_email",
            "the employer declaration needs a contact e-mail address: set it here or "
            "in employer.email",
        )  # fmt: skip
    return name, phone, str(email)


def build_declaration(
    employer: ReportEmployer,
    period: str,
    payslips: Sequence[Payslip],
    *,
    deleted: Sequence[Payslip] = (),
    corrections_only: bool = False,
    report_boxes: Mapping[UUID, Collection[str]] | None = None,
    parameters: ParameterSet | None = None,
    settings: AgiSettings | None = None,
) -> AgiDeclaration:
    """The declaration of ``period`` from its payslips, as data (see the module's text).

    Args:
        employer: The employer (organisationsnummer, name, phone, e-mail).
        period: The pay period ``YYYY-MM`` (the month the pay was given out).
        payslips: Every payslip of the period, of every run; a replaced payslip is left
            out; each person's payslips are added up before öre are dropped.
        deleted: Payslips whose person's report of the period is withdrawn (an IU with
            ``Borttag`` and the same 201 + 215 + 006 + 570).
        corrections_only: Only the people with a correcting payslip (``replaces`` set)
            and the deleted; the HU still covers every payslip of the period.
        report_boxes: Check boxes (``"050"``, ``"051"``) by payslip id.
        parameters: Sweden's parameters (the country's own if ``None``).
        settings: ``[se.agi]`` (contact person); the defaults if ``None``.

    Raises:
        InputError: A payslip of another period, a person under two member numbers or
            with SINK and other tax, a member number used by two people, a deleted person
            who is also reported, a travel allowance without its boxes, a negative or too
            large amount.
        ConfigError: No contact phone or e-mail in the configuration.
    """
    period = _period(period)
    settings = settings or AgiSettings()
    orgnr = validate_orgnr(employer.organisation_id, "employer.orgnr")
    employer_id = "16" + orgnr.replace("-", "")
    contact = _contact(employer, settings)
    for slip in (*payslips, *deleted):
        if slip.period != period:
            raise InputError(
                "payslips", "the payslip of member {member} is for {other}, not {period}",
                member=slip.member_number, other=slip.period, period=period,
            )  # fmt: skip
    by_person: dict[str, list[Payslip]] = defaultdict(list)
    for slip in _effective(payslips):
        by_person[_person(slip)].append(slip)
    individuals: list[IndividualReport] = []
    parts: list[tuple[Decimal, int]] = []
    boxes = report_boxes or {}
    for person, slips in by_person.items():
        report, person_parts = _individual(person, slips, boxes, parameters)
        individuals.append(report)
        parts.extend(person_parts)
    head = _head(individuals, parts)
    removed: dict[str, IndividualReport] = {}
    for slip in deleted:
        person = _person(slip)
        if person in by_person:
            raise InputError(
                "deleted", "member {member} is both reported and deleted in {period}",
                member=slip.member_number, period=period,
            )  # fmt: skip
        removed[person] = IndividualReport(
            person_id=person, specification=slip.member_number,
            member_number=slip.member_number, deleted=True,
        )  # fmt: skip
    if corrections_only:
        individuals = [report for report in individuals if report.corrects]
    everyone = [*individuals, *removed.values()]
    owners: dict[int, str] = {}
    for report in everyone:
        other = owners.setdefault(report.specification, report.person_id)
        if other != report.person_id:
            # The specifikationsnummer tells one person's IUs apart: unique per period.
            raise InputError(
                "member_number", "{number} is the number of two people in {period}",
                number=report.specification, period=period,
            )  # fmt: skip
    everyone.sort(key=lambda report: report.specification)
    return AgiDeclaration(
        employer_id=employer_id,
        period=period.replace("-", ""),
        head=head,
        individuals=tuple(everyone),
        contact_name=contact[0],
        contact_phone=contact[1],
        contact_email=contact[2],
    )


def _element(name: str, value: object, code: str | None = None, indent: int = 0) -> str:
    attribute = f' faltkod="{code}"' if code else ""
    text = escape(str(value))
    return f"{'  ' * indent}<agd:{name}{attribute}>{text}</agd:{name}>\n"


def _box(key: str, value: object, indent: int) -> str:
    name, code = BOXES[key]
    return _element(name, value, code, indent)


def _contact_xml(tag: str, declaration: AgiDeclaration, indent: int) -> str:
    pad = "  " * indent
    return (
        f"{pad}<agd:{tag}>\n"
        + _element("Namn", declaration.contact_name, indent=indent + 1)
        + _element("Telefon", declaration.contact_phone, indent=indent + 1)
        + _element("Epostadress", declaration.contact_email, indent=indent + 1)
        + f"{pad}</agd:{tag}>\n"
    )


def _form(declaration: AgiDeclaration, content: str) -> str:
    return (
        "  <agd:Blankett>\n"
        "    <agd:Arendeinformation>\n"
        + _element("Arendeagare", declaration.employer_id, indent=3)
        + _element("Period", declaration.period, indent=3)
        + "    </agd:Arendeinformation>\n"
        "    <agd:Blankettinnehall>\n" + content + "    </agd:Blankettinnehall>\n"
        "  </agd:Blankett>\n"
    )


def _hu(declaration: AgiDeclaration) -> str:
    head = declaration.head
    return (
        "      <agd:HU>\n"
        "        <agd:ArbetsgivareHUGROUP>\n"
        + _box("employer", declaration.employer_id, 5)
        + "        </agd:ArbetsgivareHUGROUP>\n"
        + _box("period", declaration.period, 4)
        + _box("contributions", head.contributions, 4)
        + _box("tax", head.tax, 4)
        + "      </agd:HU>\n"
    )


def _iu(declaration: AgiDeclaration, report: IndividualReport) -> str:
    text = (
        "      <agd:IU>\n"
        "        <agd:ArbetsgivareIUGROUP>\n"
        + _box("employer", declaration.employer_id, 5)
        + "        </agd:ArbetsgivareIUGROUP>\n"
        "        <agd:BetalningsmottagareIUGROUP>\n"
        "          <agd:BetalningsmottagareIDChoice>\n"
        + _box("payee", report.person_id, 6)
        + "          </agd:BetalningsmottagareIDChoice>\n"
        "        </agd:BetalningsmottagareIUGROUP>\n"
        + _box("period", declaration.period, 4)
        + _box("specification", report.specification, 4)
    )
    if report.deleted:
        # Skatteverket check S_003: a deletion carries the identifiers and Borttag only.
        return text + _box("deleted", 1, 4) + "      </agd:IU>\n"
    # Element order as a third-party generator writes it [C]: pay, 010, check boxes, tax.
    for key in ("cash_pay", "cash_pay_no_contributions", "earlier_free_pay"):
        value = getattr(report, key)
        if value is not None:
            text += _box(key, value, 4)
    if report.per_diem:
        text += _box("per_diem", 1, 4)
    if report.car_allowance:
        text += _box("car_allowance", 1, 4)
    if report.sink_tax is not None:
        text += _box("sink_tax", report.sink_tax, 4)
    else:
        text += _box("preliminary_tax", report.preliminary_tax or 0, 4)
    return text + "      </agd:IU>\n"


def render_declaration(
    declaration: AgiDeclaration, *, created: dt.datetime, program: str | None = None
) -> bytes:
    """The declaration as Skatteverket's XML, UTF-8 with an XML declaration.

    Args:
        declaration: What :func:`build_declaration` made.
        created: Written as ``Avsandare/Skapad`` (``xs:dateTime``, to the second).
        program: ``Avsandare/Programnamn`` (``kooperativ`` and its version by default).
    """
    if program is None:
        from kooperativ import __version__

        program = f"{_PROGRAM} {__version__}"
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<Skatteverket omrade="Arbetsgivardeklaration" xmlns="{INSTANCE_NAMESPACE}" '
        f'xmlns:agd="{COMPONENT_NAMESPACE}" xmlns:xsi="{_XSI}" '
        f'xsi:schemaLocation="{SCHEMA_LOCATION}">\n',
        "  <agd:Avsandare>\n",
        _element("Programnamn", program, indent=2),
        _element("Organisationsnummer", declaration.employer_id, indent=2),
        _contact_xml("TekniskKontaktperson", declaration, 2),
        _element("Skapad", created.replace(microsecond=0).isoformat(), indent=2),
        "  </agd:Avsandare>\n",
        "  <agd:Blankettgemensamt>\n",
        "    <agd:Arbetsgivare>\n",
        _element("AgRegistreradId", declaration.employer_id, indent=3),
        _contact_xml("Kontaktperson", declaration, 3),
        "    </agd:Arbetsgivare>\n",
        "  </agd:Blankettgemensamt>\n",
        _form(declaration, _hu(declaration)),
    ]
    parts.extend(_form(declaration, _iu(declaration, report)) for report in declaration.individuals)
    parts.append("</Skatteverket>\n")
    return "".join(parts).encode("utf-8")


def validate_xml(xml: bytes, xsd: Path) -> None:
    """Validate a declaration against Skatteverket's XSD (``arbetsgivardeklaration_1.1.xsd``
    with its component schema beside it).

    Raises:
        ConfigError: The schema cannot be read (key ``se.agi.xsd``).
        InputError: The declaration does not follow it: every problem, each naming the
            element and its line.
    """
    try:
        from lxml import etree  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - lxml comes with the dev extra
        raise ConfigError(
            "cooperative.toml", "se.agi.xsd", "validating against the schema needs lxml "
            "(pip install lxml)",
        ) from None  # fmt: skip
    try:
        schema = etree.XMLSchema(etree.parse(str(xsd)))
    except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as error:
        raise ConfigError(
            "cooperative.toml", "se.agi.xsd", "cannot read the schema {path}: {error}",
            path=str(xsd), error=str(error),
        ) from None  # fmt: skip
    document = etree.fromstring(xml)
    if schema.validate(document):
        return
    problems = "; ".join(f"line {error.line}: {error.message}" for error in schema.error_log)
    raise InputError(
        "agi", "the declaration does not follow {path}: {problems}",
        path=xsd.name, problems=problems,
    )  # fmt: skip


def employer_report(
    employer: ReportEmployer,
    period: str,
    payslips: Sequence[Payslip],
    *,
    created: dt.datetime,
    deleted: Sequence[Payslip] = (),
    corrections_only: bool = False,
    report_boxes: Mapping[UUID, Collection[str]] | None = None,
    parameters: ParameterSet | None = None,
    settings: AgiSettings | None = None,
    folder: Path | None = None,
) -> bytes:
    """The AGI XML of ``period``: :func:`build_declaration`, :func:`render_declaration`
    and, if ``[se.agi] xsd`` names Skatteverket's schema, :func:`validate_xml`.

    Raises:
        InputError: See :func:`build_declaration`; or the file fails the schema.
        ConfigError: No contact phone or e-mail; an unreadable schema.
    """
    settings = settings or AgiSettings()
    declaration = build_declaration(
        employer, period, payslips, deleted=deleted, corrections_only=corrections_only,
        report_boxes=report_boxes, parameters=parameters, settings=settings,
    )  # fmt: skip
    xml = render_declaration(declaration, created=created)
    xsd = settings.xsd_path(folder)
    if xsd is not None:
        validate_xml(xml, xsd)
    return xml

# SPDX-License-Identifier: EUPL-1.2
"""Testland (``XT``): a fictional country, the worked example of a country package.

Nothing here is law anywhere. Testland exists to prove that kooperativ's core knows no
country: it is installed like any third-party package (a ``kooperativ.countries`` entry
point in ``kooperativ_testland-0.1.0.dist-info``), passes the conformance suite in
:mod:`kooperativ.testing.country`, and runs members and salaries without a line of core
code knowing it.

References:
    - Testland Income Tax Act § 7 (fictional): a flat tax withheld from pay.
    - Testland Social Levy Act § 2 (fictional): one employer contribution rate.
    - Testland VAT Act (fictional): standard and zero rate.
    - Testland Travel Act (fictional): a flat per diem and mileage rate.
    - Testland Late Payment Act §§ 3–4 (fictional): a fixed late-payment interest rate.
    - Testland Sick Leave Act § 1 (fictional): half the pay lost on sick days.

Its law, in short:

* **person code** ``YYYYMMDD-SSS-C``: birth date, a serial number and a check digit
  (the sum of the eleven digits weighted 1, 2, …, 11, modulo 10);
* **organisation number** ``XT-NNNNNN-C`` (check digit: the sum of the six digits,
  modulo 10); its **VAT number** is ``XTV`` and the seven digits;
* **bank account** ``NNNN-NNNNNNN``: eleven digits, the last the sum of the others
  weighted 1, 2, 3, 1, 2, 3 …, modulo 10;
* **payroll**: no holiday pay with the salary, a contribution of ``contributions.rate``
  on the pay (rounded to the cent), and a flat tax ``tax.flat_rate`` rounded down to whole
  units (tax mode ``flat``), or none (``exempt``);
* **sick pay**: ``sick_pay.rate`` (50 %) of the pay lost on each sick day of employment,
  from the first day, rounded down to the cent; no deduction, no qualifying time;
* **late-payment interest**: one fixed yearly rate ``late_payment.rate`` (7 %) since
  2025, counted on a banker's year of ``late_payment.day_count`` (360) days; nothing
  before 2025 is known;
* its language is Esperanto (``eo``), with English; its texts are in its own catalog
  (domain ``testland``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from kooperativ.errors import ConfigError, InputError
from kooperativ.i18n import add_locale_dir
from kooperativ.money import ONE, ORE, ZERO, ZERO_ORE
from kooperativ.payroll import NO_HOLIDAY_PAY, Cost, NationalTrace, SalaryInput, TraceLine
from kooperativ.rules.country import AccountClass, VatBuyer, VatCategory
from kooperativ.rules.late_payment import LateInterestTerms
from kooperativ.rules.parameters import ParameterSet
from kooperativ.rules.payment_account import PaymentAccount

if TYPE_CHECKING:
    from kooperativ.absence.sick_pay import SickPayRequest, SickPayResult
    from kooperativ.accounts.export import BookkeepingFile, LedgerExport
    from kooperativ_testland.employment import TestlandEmploymentLaw
    from kooperativ_testland.travel import TestlandTravel

__all__ = ["Testland", "TestlandPayroll", "TestlandSalary", "TestlandSettings"]

HERE = Path(__file__).resolve().parent

_NOT_DIGIT = re.compile(r"[^0-9]")
_PERSON = re.compile(r"([0-9]{8})-?([0-9]{3})-?([0-9])")
_ORGANISATION = re.compile(r"XT-?([0-9]{6})-?([0-9])")
_VAT = re.compile(r"XTV([0-9]{7})")

_ACCOUNTS = MappingProxyType(
    {
        "bank": 1000,
        "receivables": 1100,
        "vat_out_standard": 2000,
        "vat_out_zero": 2000,
        "member_accounts": 2100,
        "client_credits": 2200,
        "suspense": 2900,
        "vat_in": 1200,
        "sales": 4000,
        "grants": 4100,
        "rounding": 4900,
        "salaries": 5000,
        "expenses": 6000,
        "member_budget": 7000,
    }
)
_ACCOUNT_NAMES = MappingProxyType(
    {
        1000: "Bank",
        1100: "Receivables",
        1200: "Input VAT",
        2000: "Output VAT",
        2100: "Member accounts",
        2200: "Clients' prepayments",
        2900: "Suspense",
        4000: "Sales",
        4100: "Grants received",
        4900: "Rounding",
        5000: "Salaries",
        6000: "Other expenses",
        7000: "Members' budgets",
    }
)
_VAT_CATEGORIES = MappingProxyType({"standard": "vat.standard", "zero": "vat.zero"})
_TAX_MODES = ("flat", "exempt")


def _text(value: object, field: str) -> str:
    """``value`` in NFKC form, upper case, without spaces; other scripts' digits refused."""
    text = unicodedata.normalize("NFKC", str(value)).strip().upper().replace(" ", "")
    if any(char.isdigit() and not char.isascii() for char in text):
        raise InputError(field, "{value!r}: write the number with the digits 0–9", value=value)
    return text


def _person_check(digits: str) -> int:
    return sum((index + 1) * int(digit) for index, digit in enumerate(digits)) % 10


def _account_check(digits: str) -> int:
    return sum(int(digit) * (index % 3 + 1) for index, digit in enumerate(digits)) % 10


class TestlandSettings(BaseModel):
    """Testland's section of ``cooperative.toml`` (``[xt]``).

    Attributes:
        default_tax: The tax mode of a member whose own is not registered.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    default_tax: str = "flat"


class TestlandSalary:
    """Testland's cost model and withholding for one input."""

    def __init__(self, inp: SalaryInput, parameters: ParameterSet, mode: str) -> None:
        at = parameters.at(inp.paid_on)
        self.inp = inp
        self.mode = mode
        self.rate = at.decimal("contributions.rate")
        self.rate_reference = at.reference("contributions.rate")
        self.tax_rate = at.decimal("tax.flat_rate") if mode == "flat" else ZERO
        self.tax_reference = at.reference("tax.flat_rate")
        # Testland's pension premiums carry no tax of their own.
        self.taxable_factor = ONE
        self.factor_min = self.factor_max = ONE + self.rate + inp.pension_rate

    def cost(self, gross: Decimal) -> Cost:
        """The contribution and pension on ``gross`` (no holiday pay in Testland)."""
        taxable = gross + ZERO_ORE
        contributions = (taxable * self.rate).quantize(ORE, ROUND_HALF_UP)
        pension = (taxable * self.inp.pension_rate).quantize(ORE, ROUND_HALF_UP)
        total = taxable + contributions + pension
        return Cost(taxable, ZERO_ORE, taxable, contributions, pension, ZERO_ORE, total)

    def total(self, units: int) -> Decimal:
        """The total cost of a gross of ``units``."""
        return self.cost(Decimal(units)).total

    def taxable(self, units: int) -> Decimal:
        """The taxable pay of a gross of ``units`` (the gross itself)."""
        return Decimal(units) + ZERO_ORE

    def withheld(self, taxable: Decimal) -> Decimal:
        """The flat tax, rounded down to whole units (Income Tax Act § 7)."""
        return (taxable * self.tax_rate).quantize(ONE, ROUND_DOWN)

    def explain(self, cost: Cost) -> NationalTrace:
        """The lines of the contribution, the tax and the absent holiday pay."""
        tax = self.withheld(cost.taxable)
        rate_text = f"{self.tax_rate * 100:f} %"
        return NationalTrace(
            TraceLine(
                "holiday_pay", cost.holiday, "none", {}, "Testland has no holiday pay",
                f"no holiday pay = {cost.holiday}",
            ),
            TraceLine(
                "employer_contributions", cost.contributions, "social-levy",
                {"contributions.rate": str(self.rate)}, self.rate_reference,
                f"{cost.taxable} × {self.rate} = {cost.contributions}",
            ),
            TraceLine(
                "pension_tax", cost.pension_tax, "none", {}, "Testland taxes no pension premium",
                f"no pension tax = {cost.pension_tax}",
            ),
            TraceLine(
                "preliminary_tax", tax, self.mode, {"tax.flat_rate": str(self.tax_rate)},
                self.tax_reference, f"{cost.taxable} × {rate_text}, rounded down = {tax}",
            ),
            "Testland Income Tax Act § 2 (fictional): pay is taxable",
            "Testland Income Tax Act § 7 (fictional): tax is withheld from pay",
            "Testland Income Tax Act § 3 (fictional): repaid outlays are not pay",
        )  # fmt: skip


class TestlandPayroll:
    """Testland's payroll rules bound to parameters and ``[xt]`` settings."""

    default_holiday_pay = NO_HOLIDAY_PAY

    def __init__(self, parameters: ParameterSet, settings: TestlandSettings) -> None:
        self.parameters = parameters
        self.settings = settings
        self.default_tax = settings.default_tax

    def holiday_pay_policies(self) -> tuple[str, ...]:
        """Only ``none``: Testland has no holiday pay."""
        return (NO_HOLIDAY_PAY,)

    def validate_tax_mode(self, text: str, field: str = "tax") -> str:
        """``flat`` or ``exempt``."""
        mode = str(text).strip().lower()
        if mode not in _TAX_MODES:
            raise InputError(field, "{mode!r} is not a Testland tax mode (flat, exempt)", mode=text)
        return mode

    def model(self, inp: SalaryInput) -> TestlandSalary:
        """The cost model of ``inp``."""
        mode = self.validate_tax_mode(inp.tax)
        if (inp.holiday_pay or NO_HOLIDAY_PAY) != NO_HOLIDAY_PAY:
            raise InputError(
                "holiday_pay", "Testland has no holiday pay ({policy!r})", policy=inp.holiday_pay
            )
        return TestlandSalary(inp, self.parameters, mode)


class Testland:
    """Country rules for Testland (``XT``), a fictional country."""

    code = "XT"
    name = "Testland"
    currency = "XTS"  # ISO 4217's code reserved for testing
    default_language = "eo"
    languages = ("eo", "en")

    def __init__(self) -> None:
        add_locale_dir(HERE / "locales")
        self._parameters = ParameterSet.load(HERE / "parameters")

    def parameters(self) -> ParameterSet:
        """Testland's dated figures (``parameters/*.toml``)."""
        return self._parameters

    def employment_law(self) -> TestlandEmploymentLaw:
        """Testland's one form of employment (:mod:`kooperativ_testland.employment`)."""
        from kooperativ_testland.employment import TestlandEmploymentLaw

        return TestlandEmploymentLaw()

    def travel_rules(self, parameters: ParameterSet | None = None) -> TestlandTravel:
        """Testland's flat per diem and mileage (:mod:`kooperativ_testland.travel`)."""
        from kooperativ_testland.travel import TestlandTravel

        return TestlandTravel(parameters if parameters is not None else self._parameters)

    # -- identifiers ----------------------------------------------------------------
    def validate_person_id(
        self, value: str, field: str = "person_code", *, on: date | None = None
    ) -> str:
        """A person code, as ``YYYYMMDD-SSS-C``."""
        text = _text(value, field)
        found = _PERSON.fullmatch(text)
        if found is None:
            raise InputError(field, "{value!r} is not a Testland person code", value=value)
        born_text, serial, check = found.groups()
        try:
            born = date(int(born_text[:4]), int(born_text[4:6]), int(born_text[6:]))
        except ValueError:
            raise InputError(field, "{value!r} has no valid birth date", value=value) from None
        if _person_check(born_text + serial) != int(check):
            raise InputError(field, "{value!r}: the check digit is wrong", value=value)
        if on is not None and born > on:
            raise InputError(field, "{value!r}: born after {on}", value=value, on=on)
        return f"{born_text}-{serial}-{check}"

    def birth_date(self, person_id: str) -> date:
        """The birth date of a person code."""
        digits = _NOT_DIGIT.sub("", self.validate_person_id(person_id))
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))

    def mask_person_id(self, person_id: str) -> str:
        """Only the birth year shows."""
        return f"{_NOT_DIGIT.sub('', str(person_id))[:4]}****-***-*"

    def validate_organisation_id(self, value: str, field: str = "organisation_id") -> str:
        """An organisation number, as ``XT-NNNNNN-C``."""
        found = _ORGANISATION.fullmatch(_text(value, field))
        if found is None or sum(map(int, found.group(1))) % 10 != int(found.group(2)):
            raise InputError(field, "{value!r} is not a Testland organisation number", value=value)
        return f"XT-{found.group(1)}-{found.group(2)}"

    def validate_vat_number(
        self, value: str, field: str = "vat_number", *, organisation_id: str | None = None
    ) -> str:
        """A VAT number, ``XTV`` and the organisation number's seven digits."""
        found = _VAT.fullmatch(_text(value, field))
        if found is None:
            raise InputError(field, "{value!r} is not a Testland VAT number", value=value)
        digits = found.group(1)
        self.validate_organisation_id(f"XT{digits}", field)
        if organisation_id is not None:
            own = _NOT_DIGIT.sub("", self.validate_organisation_id(organisation_id, field))
            if own != digits:
                raise InputError(
                    field, "{value!r} is not the VAT number of {organisation}",
                    value=value, organisation=organisation_id,
                )  # fmt: skip
        return f"XTV{digits}"

    def validate_bank_account(self, value: str, field: str = "bank_account") -> str:
        """A bank account of eleven digits, as ``NNNN-NNNNNNN``."""
        text = _text(value, field).replace("-", "").replace(".", "")
        if not re.fullmatch(r"[0-9]{11}", text) or _account_check(text[:10]) != int(text[10]):
            raise InputError(field, "{value!r} is not a Testland bank account", value=value)
        return f"{text[:4]}-{text[4:]}"

    def mask_bank_account(self, value: str) -> str:
        """The last two digits only."""
        return f"****-*****{str(value)[-2:]}"

    def validate_payment_number(self, kind: str, value: str, field: str) -> str:
        """Testland has no giro numbers, IBAN or BIC."""
        raise InputError(field, "Testland has no payment numbers of kind {kind!r}", kind=kind)

    def payment_account(
        self,
        value: str,
        field: str = "bank_account",
        *,
        kind: str = "bank_account",
        bic: str | None = None,
    ) -> PaymentAccount:
        """A Testland bank account as its eleven digits with scheme ``BBAN``: Testland's
        banks route a payment by the account number alone, so no agent is named."""
        if kind != "bank_account":
            raise InputError(field, "Testland has no payment numbers of kind {kind!r}", kind=kind)
        digits = self.validate_bank_account(value, field).replace("-", "")
        return PaymentAccount(kind=kind, other_id=digits, scheme_code="BBAN")

    # -- VAT, accounts, configuration -------------------------------------------------
    def vat_categories(self) -> tuple[str, ...]:
        """``standard`` and ``zero``."""
        return tuple(_VAT_CATEGORIES)

    def vat_rate(self, category: str, on: date) -> Decimal:
        """The rate of ``category`` on ``on``."""
        name = _VAT_CATEGORIES.get(category)
        if name is None:
            raise InputError("vat_category", "{category!r} is unknown", category=category)
        return self._parameters.at(on).decimal(name)

    def vat_category(
        self, category: str, on: date, *, buyer: VatBuyer | None = None
    ) -> VatCategory:
        """``standard`` (code S) for anyone; ``zero`` (code Z) for exports only."""
        rate = self.vat_rate(category, on)
        if category == "zero" and buyer is not None and buyer.country == self.code:
            raise InputError("vat_category", "the zero rate is for exports only")
        return VatCategory(
            category=category,
            rate=rate,
            code="S" if category == "standard" else "Z",
            reference=self._parameters[_VAT_CATEGORIES[category]].reference,
        )

    def payment_reference(self, number: int) -> str:
        """``TL`` and the number, six digits at least, then its digit sum modulo 10."""
        digits = f"{number:06d}"
        return f"TL{digits}{sum(map(int, digits)) % 10}"

    def validate_payment_reference(self, value: str, field: str = "reference") -> str:
        """A reference made by :meth:`payment_reference`."""
        text = _text(value, field).upper().replace(" ", "")
        digits = text[2:]
        if not (text.startswith("TL") and len(digits) >= 7 and digits.isdigit()):
            raise InputError(field, "{value!r} is not a Testland reference", value=value)
        if sum(map(int, digits[:-1])) % 10 != int(digits[-1]):
            raise InputError(field, "{value!r}: the check digit is wrong", value=value)
        return text

    def chart_of_accounts(self) -> Mapping[str, int]:
        """The roles the core books to, numbered as Testland's bookkeepers do."""
        return _ACCOUNTS

    def account_names(self) -> Mapping[int, str]:
        """Testland's chart: the role accounts and sales."""
        return _ACCOUNT_NAMES

    def account_class(self, number: int) -> AccountClass:
        """Testland's classes by the first digit: 1 assets, 2–3 liabilities and equity,
        4 income, 5–7 costs, the rest financial."""
        first = str(number)[0]
        classes: dict[str, AccountClass] = {"1": "asset", "2": "liability", "3": "liability"}
        classes.update({"4": "income", "5": "cost", "6": "cost", "7": "cost"})
        return classes.get(first, "financial")

    def bookkeeping_formats(self) -> tuple[str, ...]:
        """Testland's bookkeepers take no file: it writes none."""
        return ()

    def bookkeeping_export(self, ledger: LedgerExport, kind: str) -> BookkeepingFile:
        """Refused: Testland has no bookkeeping file format."""
        raise ConfigError(
            "cooperative.toml",
            "country",
            "Testland has no bookkeeping file format: keep the books from the ledger itself",
        )

    def config_section(self) -> type[BaseModel]:
        """``[xt]``: :class:`TestlandSettings`."""
        return TestlandSettings

    # -- employer report ------------------------------------------------------------
    def employer_report(
        self, employer: object, period: str, payslips: object, **_: object
    ) -> bytes:
        """Testland's tax office takes no monthly employer report: always refused."""
        raise ConfigError(
            "cooperative.toml", "country", "Testland has no employer report to the tax office"
        )

    # -- late payment -----------------------------------------------------------------
    def late_interest_rate(self, on: date, parameters: ParameterSet | None = None) -> Decimal:
        """The fixed rate of the Late Payment Act § 3."""
        return self.late_interest_terms(on, parameters).rate

    def late_interest_terms(
        self, on: date, parameters: ParameterSet | None = None
    ) -> LateInterestTerms:
        """The fixed rate, from the day it took effect, on a 360-day year (§ 4)."""
        params = parameters if parameters is not None else self._parameters
        at = params.at(on)
        first, last = params["late_payment.rate"].period_on(on)
        return LateInterestTerms(
            rate=at.decimal("late_payment.rate"),
            first=first,
            last=last,
            day_count=int(at.decimal("late_payment.day_count")),
            reference=at.reference("late_payment.rate"),
        )

    # -- sick pay ---------------------------------------------------------------------
    def sick_pay(
        self, request: SickPayRequest, parameters: ParameterSet | None = None
    ) -> SickPayResult:
        """Half the pay lost on each sick day of employment in the period (Sick Leave Act
        § 1), as one ``sick_pay`` line; days outside every employment are not paid."""
        from kooperativ.absence.models import days_between
        from kooperativ.absence.sick_pay import SickPayResult
        from kooperativ.payroll.runs import PayslipLine

        params = parameters if parameters is not None else self._parameters
        at = params.at(request.period_first)
        rate = at.decimal("sick_pay.rate")
        paid, lost, pay = 0, ZERO_ORE, ZERO_ORE
        trace: list[TraceLine] = []
        for spell in request.spells:
            for day in days_between(spell.first, spell.last):
                if not request.period_first <= day <= request.period_last:
                    continue
                if not any(e.runs_on(day) for e in request.employments):
                    trace.append(
                        TraceLine(
                            "sick_pay",
                            ZERO_ORE,
                            "not_paid",
                            {},
                            at.reference("sick_pay.rate"),
                            f"{day}: not employed",
                        )
                    )
                    continue
                day_lost = request.lost_pay.get(day, ZERO_ORE)
                if day_lost > ZERO:
                    paid += 1
                    lost += day_lost
                    pay += (day_lost * rate).quantize(ORE, rounding=ROUND_DOWN)
        if not paid:
            return SickPayResult(trace=tuple(trace))
        line = PayslipLine(kind="sick_pay", text="Sick pay", amount=pay, quantity=Decimal(paid))
        trace.insert(
            0,
            TraceLine(
                "sick_pay",
                pay,
                "sick_pay",
                {"sick_pay.rate": str(rate)},
                at.reference("sick_pay.rate"),
                f"{rate} × {lost} = {pay}",
            ),
        )
        return SickPayResult((line,), paid, lost, tuple(trace))

    # -- payroll ----------------------------------------------------------------------
    def validate_tax_mode(self, text: str, field: str = "tax") -> str:
        """``flat`` or ``exempt``."""
        return TestlandPayroll(self._parameters, TestlandSettings()).validate_tax_mode(text, field)

    def payroll(
        self,
        parameters: ParameterSet | None = None,
        settings: BaseModel | None = None,
        folder: Path | None = None,
    ) -> TestlandPayroll:
        """Testland's payroll rules (``folder`` is not needed: no files are named)."""
        if settings is not None and not isinstance(settings, TestlandSettings):
            raise InputError("settings", "expected Testland's [xt] settings")
        return TestlandPayroll(
            parameters if parameters is not None else self._parameters,
            settings or TestlandSettings(),
        )

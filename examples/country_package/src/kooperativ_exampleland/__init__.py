# SPDX-License-Identifier: EUPL-1.2
"""Exampleland (``XE``): a fictional country, the worked example of a country package.

**Nothing here is law anywhere.** Every rate, rule and paragraph is invented so that the
how-to (``docs/howto/country-package.md``) can show what a country package for kooperativ
holds without anyone mistaking it for a real country's law. Copy the shape, not the
figures.

References (all fictional):
    - Exampleland Income Tax Act §§ 2–9: tax withheld above an allowance.
    - Exampleland Social Security Act § 4: one employer contribution rate.
    - Exampleland Holiday Act § 2: holiday pay paid with every salary.
    - Exampleland VAT Act §§ 3, 4, 9: standard, reduced and exempt supplies.
    - Exampleland Employment Act §§ 2–4: the fixed-term engagement.
    - Exampleland Sick Pay Act §§ 1–2: 80 % of the pay lost, after a waiting day.
    - Exampleland Late Payment Act §§ 2–3: a yearly rate fixed for each half year.
    - Exampleland Travel Act §§ 1–3: a flat per diem and a mileage rate.
    - ISO 11649 (real): the RF creditor reference on invoices.

Its identifiers (check digits by the Luhn algorithm, as many real ones use):

* **person number** ``YYYYMMDD-NNNC``: birth date, a serial and a check digit;
* **organisation number** ``NNNNNN-C``; its **VAT number** is ``XE`` and the seven digits;
* **bank account** ``NNNN-NNNNNNNC`` (twelve digits), paid to by the number alone.

Examples:
    >>> from datetime import date
    >>> from kooperativ.rules.country import get_country
    >>> exampleland = get_country("XE")  # found through the package's entry point
    >>> exampleland.vat_rate("reduced", date(2026, 3, 1))
    Decimal('0.07')
    >>> exampleland.mask_person_id("19900415-1234")
    '1990****-****'
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from pydantic import BaseModel
from stdnum import iso11649, luhn
from stdnum.iso7064 import mod_97_10

from kooperativ.errors import ConfigError, InputError
from kooperativ.money import ORE, ZERO, ZERO_ORE
from kooperativ.payroll import TraceLine
from kooperativ.rules.country import AccountClass, VatBuyer, VatCategory
from kooperativ.rules.late_payment import LateInterestTerms
from kooperativ.rules.parameters import ParameterSet
from kooperativ.rules.payment_account import PaymentAccount
from kooperativ_exampleland.employment import ExamplelandEmploymentLaw
from kooperativ_exampleland.payroll import ExamplelandPayroll, ExamplelandSettings
from kooperativ_exampleland.travel import ExamplelandTravel

if TYPE_CHECKING:
    from kooperativ.absence.sick_pay import SickPayRequest, SickPayResult
    from kooperativ.accounts.export import BookkeepingFile, LedgerExport

__all__ = ["Exampleland", "ExamplelandSettings"]

HERE = Path(__file__).resolve().parent

#: Where the core books each role, in Exampleland's (invented) chart of accounts.
ACCOUNTS = MappingProxyType(
    {
        "bank": 1010,
        "receivables": 1200,
        "vat_in": 1400,
        "vat_out_standard": 2310,
        "vat_out_reduced": 2320,
        "member_accounts": 2500,
        "client_credits": 2600,
        "suspense": 2900,
        "sales": 4000,
        "grants": 4500,
        "rounding": 4900,
        "salaries": 5000,
        "expenses": 6000,
        "member_budget": 6500,
    }
)
ACCOUNT_NAMES = MappingProxyType(
    {
        1010: "Bank",
        1200: "Trade receivables",
        1400: "Input VAT",
        2310: "Output VAT, standard rate",
        2320: "Output VAT, reduced rate",
        2500: "Members' accounts",
        2600: "Clients' prepayments",
        2900: "Suspense",
        4000: "Sales",
        4500: "Grants",
        4900: "Rounding",
        5000: "Salaries and holiday pay",
        6000: "Other expenses",
        6500: "Members' budgets",
    }
)
#: VAT category → (parameter, EN 16931 category code).
VAT = MappingProxyType(
    {
        "standard": ("vat.standard", "S"),
        "reduced": ("vat.reduced", "S"),
        "exempt": ("vat.exempt", "E"),
    }
)

_PERSON = re.compile(r"([0-9]{8})-?([0-9]{4})")
_ORGANISATION = re.compile(r"([0-9]{6})-?([0-9])")
_VAT_NUMBER = re.compile(r"XE([0-9]{7})")
_ACCOUNT = re.compile(r"([0-9]{4})-?([0-9]{8})")


def _text(value: object, field: str) -> str:
    """``value`` in NFKC form (full-width digits become 0–9), upper case, no spaces;
    digits of other scripts refused."""
    text = unicodedata.normalize("NFKC", str(value)).strip().upper().replace(" ", "")
    if any(char.isdigit() and not char.isascii() for char in text):
        raise InputError(field, "{value!r}: write the number with the digits 0–9", value=value)
    return text


class Exampleland:
    """Country rules for Exampleland (``XE``), a fictional country."""

    code = "XE"
    name = "Exampleland"
    currency = "XTS"  # ISO 4217's code reserved for testing: no real money
    default_language = "en"
    languages = ("en",)

    def __init__(self) -> None:
        self._parameters = ParameterSet.load(HERE / "parameters")

    def parameters(self) -> ParameterSet:
        """Exampleland's dated figures (``parameters/*.toml``)."""
        return self._parameters

    def employment_law(self) -> ExamplelandEmploymentLaw:
        """The Employment Act (:mod:`kooperativ_exampleland.employment`)."""
        return ExamplelandEmploymentLaw()

    def travel_rules(self, parameters: ParameterSet | None = None) -> ExamplelandTravel:
        """The Travel Act (:mod:`kooperativ_exampleland.travel`)."""
        return ExamplelandTravel(parameters if parameters is not None else self._parameters)

    # -- identifiers --------------------------------------------------------------------
    def validate_person_id(
        self, value: str, field: str = "person_id", *, on: date | None = None
    ) -> str:
        """A person number, as ``YYYYMMDD-NNNC``; born on or before ``on`` if given."""
        found = _PERSON.fullmatch(_text(value, field))
        if found is None or not luhn.is_valid("".join(found.groups())):
            raise InputError(field, "{value!r} is not an Exampleland person number", value=value)
        born_text, rest = found.groups()
        try:
            born = date(int(born_text[:4]), int(born_text[4:6]), int(born_text[6:]))
        except ValueError:
            raise InputError(field, "{value!r} has no valid birth date", value=value) from None
        if on is not None and born > on:
            raise InputError(field, "{value!r}: born after {on}", value=value, on=on)
        return f"{born_text}-{rest}"

    def birth_date(self, person_id: str) -> date:
        """The birth date a person number begins with."""
        digits = self.validate_person_id(person_id)
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))

    def mask_person_id(self, person_id: str) -> str:
        """Only the year of birth shows."""
        return f"{str(person_id)[:4]}****-****"

    def validate_organisation_id(self, value: str, field: str = "organisation_id") -> str:
        """An organisation number, as ``NNNNNN-C``."""
        found = _ORGANISATION.fullmatch(_text(value, field))
        if found is None or not luhn.is_valid("".join(found.groups())):
            raise InputError(
                field, "{value!r} is not an Exampleland organisation number", value=value
            )
        return "-".join(found.groups())

    def validate_vat_number(
        self, value: str, field: str = "vat_number", *, organisation_id: str | None = None
    ) -> str:
        """A VAT number: ``XE`` and the seven digits of the organisation number."""
        found = _VAT_NUMBER.fullmatch(_text(value, field))
        if found is None or not luhn.is_valid(found.group(1)):
            raise InputError(field, "{value!r} is not an Exampleland VAT number", value=value)
        if organisation_id is not None:
            own = self.validate_organisation_id(organisation_id, field).replace("-", "")
            if own != found.group(1):
                raise InputError(
                    field, "{value!r} is not the VAT number of {organisation}",
                    value=value, organisation=organisation_id,
                )  # fmt: skip
        return f"XE{found.group(1)}"

    def validate_bank_account(self, value: str, field: str = "bank_account") -> str:
        """A bank account of twelve digits, as ``NNNN-NNNNNNNN``."""
        found = _ACCOUNT.fullmatch(_text(value, field).replace(".", ""))
        if found is None or not luhn.is_valid("".join(found.groups())):
            raise InputError(field, "{value!r} is not an Exampleland bank account", value=value)
        return "-".join(found.groups())

    def mask_bank_account(self, value: str) -> str:
        """The last three digits only."""
        return f"****-*****{str(value)[-3:]}"

    def validate_payment_number(self, kind: str, value: str, field: str) -> str:
        """Exampleland has no giro numbers: every kind is refused."""
        raise InputError(field, "Exampleland has no payment numbers of kind {kind!r}", kind=kind)

    def payment_account(
        self,
        value: str,
        field: str = "bank_account",
        *,
        kind: str = "bank_account",
        bic: str | None = None,
    ) -> PaymentAccount:
        """A bank account for a salary file: its twelve digits with scheme ``BBAN``."""
        if kind != "bank_account":
            raise InputError(
                field, "Exampleland has no payment numbers of kind {kind!r}", kind=kind
            )
        digits = self.validate_bank_account(value, field).replace("-", "")
        return PaymentAccount(kind=kind, other_id=digits, scheme_code="BBAN")

    # -- VAT and invoices ---------------------------------------------------------------
    def vat_categories(self) -> tuple[str, ...]:
        """``standard``, ``reduced`` and ``exempt``."""
        return tuple(VAT)

    def vat_rate(self, category: str, on: date) -> Decimal:
        """The rate of ``category`` on ``on``."""
        if category not in VAT:
            raise InputError("vat_category", "{category!r} is unknown", category=category)
        return self._parameters.at(on).decimal(VAT[category][0])

    def vat_category(
        self, category: str, on: date, *, buyer: VatBuyer | None = None
    ) -> VatCategory:
        """The category with its rate, EN 16931 code and legal source (any buyer)."""
        rate = self.vat_rate(category, on)
        name, code = VAT[category]
        return VatCategory(
            category=category, rate=rate, code=code, reference=self._parameters[name].reference
        )

    def payment_reference(self, number: int) -> str:
        """The RF creditor reference (ISO 11649) of invoice ``number``."""
        body = f"{number:06d}"
        return f"RF{mod_97_10.calc_check_digits(body + 'RF')}{body}"

    def validate_payment_reference(self, value: str, field: str = "reference") -> str:
        """An RF creditor reference, compact."""
        text = _text(value, field)
        if not iso11649.is_valid(text):
            raise InputError(field, "{value!r} is not an RF creditor reference", value=value)
        return str(iso11649.compact(text))

    # -- accounts, configuration, bookkeeping ---------------------------------------------
    def chart_of_accounts(self) -> Mapping[str, int]:
        """The account each role books to."""
        return ACCOUNTS

    def account_names(self) -> Mapping[int, str]:
        """Exampleland's chart of accounts."""
        return ACCOUNT_NAMES

    def account_class(self, number: int) -> AccountClass:
        """By the first digit: 1 assets, 2–3 liabilities, 4 income, 5–7 costs."""
        classes: dict[str, AccountClass] = {"1": "asset", "2": "liability", "3": "liability"}
        classes.update({"4": "income", "5": "cost", "6": "cost", "7": "cost"})
        return classes.get(str(number)[0], "financial")

    def config_section(self) -> type[BaseModel]:
        """``[xe]`` in ``cooperative.toml``: :class:`ExamplelandSettings`."""
        return ExamplelandSettings

    def bookkeeping_formats(self) -> tuple[str, ...]:
        """One: ``csv``, a line per voucher line."""
        return ("csv",)

    def bookkeeping_export(self, ledger: LedgerExport, kind: str) -> BookkeepingFile:
        """The year's voucher lines as CSV (date, voucher, text, account, amount)."""
        from kooperativ.accounts.export import BookkeepingFile

        if kind not in self.bookkeeping_formats():
            raise InputError("type", "{kind!r} is not a bookkeeping format (csv)", kind=kind)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["date", "voucher", "text", "account", "amount"])
        for voucher in ledger.vouchers:
            for line in voucher.lines:
                writer.writerow(
                    [voucher.date, voucher.number, voucher.text, line.account, line.amount]
                )
        name = f"{ledger.organisation_id}_{ledger.year.start.year}.csv"
        return BookkeepingFile(name, out.getvalue().encode(), "text/csv; charset=utf-8")

    def employer_report(
        self, employer: object, period: str, payslips: object, **_: object
    ) -> bytes:
        """Exampleland's tax office takes no monthly report (optional; refused)."""
        raise ConfigError(
            "cooperative.toml", "country", "Exampleland has no monthly employer report"
        )

    # -- late payment ---------------------------------------------------------------------
    def late_interest_rate(self, on: date, parameters: ParameterSet | None = None) -> Decimal:
        """The rate of the half year of ``on`` (Late Payment Act § 2)."""
        return self.late_interest_terms(on, parameters).rate

    def late_interest_terms(
        self, on: date, parameters: ParameterSet | None = None
    ) -> LateInterestTerms:
        """The rate in force on ``on``, the period it holds, on a 365-day year (§ 3)."""
        params = parameters if parameters is not None else self._parameters
        at = params.at(on)
        first, last = params["late_payment.rate"].period_on(on)
        return LateInterestTerms(
            rate=at.decimal("late_payment.rate"), first=first, last=last,
            day_count=int(at.decimal("late_payment.day_count")),
            reference=at.reference("late_payment.rate"),
        )  # fmt: skip

    # -- sick pay and payroll -------------------------------------------------------------
    def sick_pay(
        self, request: SickPayRequest, parameters: ParameterSet | None = None
    ) -> SickPayResult:
        """80 % of the pay lost on each sick day of employment, after each spell's waiting
        day (Sick Pay Act §§ 1–2), as one ``sick_pay`` line."""
        from kooperativ.absence.models import days_between
        from kooperativ.absence.sick_pay import SickPayResult
        from kooperativ.payroll.runs import PayslipLine

        params = parameters if parameters is not None else self._parameters
        at = params.at(request.period_first)
        rate, waiting = at.decimal("sick_pay.rate"), int(at.decimal("sick_pay.waiting_days"))
        paid, lost = 0, ZERO_ORE
        for spell in request.spells:
            for index, day in enumerate(days_between(spell.first, spell.last)):
                in_period = request.period_first <= day <= request.period_last
                employed = any(e.runs_on(day) for e in request.employments)
                if index < waiting or not (in_period and employed):
                    continue
                day_lost = request.lost_pay.get(day, ZERO_ORE)
                if day_lost > ZERO:
                    paid, lost = paid + 1, lost + day_lost
        if not paid:
            return SickPayResult()
        pay = (lost * rate).quantize(ORE, rounding=ROUND_DOWN)
        line = PayslipLine(kind="sick_pay", text="Sick pay", amount=pay, quantity=Decimal(paid))
        trace = TraceLine(
            "sick_pay", pay, "sick_pay", {"sick_pay.rate": str(rate)},
            at.reference("sick_pay.rate"), f"{lost} × {rate}, rounded down = {pay}",
        )  # fmt: skip
        return SickPayResult((line,), paid, lost, (trace,))

    def validate_tax_mode(self, text: str, field: str = "tax") -> str:
        """``standard`` or ``exempt``."""
        return self.payroll().validate_tax_mode(text, field)

    def payroll(
        self,
        parameters: ParameterSet | None = None,
        settings: BaseModel | None = None,
        folder: Path | None = None,
    ) -> ExamplelandPayroll:
        """The payroll law bound to ``parameters`` and the cooperative's ``[xe]``."""
        if settings is not None and not isinstance(settings, ExamplelandSettings):
            raise InputError("settings", "expected Exampleland's [xe] settings")
        return ExamplelandPayroll(
            parameters if parameters is not None else self._parameters,
            settings or ExamplelandSettings(),
        )

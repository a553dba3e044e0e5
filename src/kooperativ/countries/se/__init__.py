# SPDX-License-Identifier: EUPL-1.2
"""Sweden: the country rules for Swedish employment cooperatives.

References:
    - Socialavgiftslag (2000:980): employer contributions (*arbetsgivaravgifter*).
    - Lag (1994:1920) om allmän löneavgift.
    - Inkomstskattelag (1999:1229) and Skatteförfarandelag (2011:1244): preliminary tax.
    - Semesterlag (1977:480): holiday pay (*semesterersättning*).
    - Lag (1991:1047) om sjuklön: sick pay (*sjuklön*) and *karensavdrag*.
    - Inkomstskattelag (1999:1229) 11 and 12 kap.: tax-free traktamente and milersättning.
    - Lag (1991:687) om särskild löneskatt på pensionskostnader.
    - Lag (1982:80) om anställningsskydd (LAS): employment contracts.
    - Mervärdesskattelag (2023:200): VAT.
    - Folkbokföringslag (1991:481): personnummer and samordningsnummer.
    - Räntelagen (1975:635) 6 and 9 §§: dröjsmålsränta (late-payment interest).
    - Skatteförfarandelag (2011:1244) 26 kap.: the employer declaration (AGI).
    - SIE-gruppen, SIE filformat 4B: the ledger as a file (:mod:`.sie`).

Every figure lives in ``parameters/`` as dated data with its source; the code only
chooses and applies them. Sweden registers itself like any third-party country, through
the entry point group ``kooperativ.countries`` in kooperativ's ``pyproject.toml``.

>>> sweden = Sweden()
>>> sweden.validate_bank_account("8327-9, 123 456 789-7")
'83279-1234567897'
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING
from uuid import UUID

from pydantic import BaseModel

from kooperativ.countries.se import identifiers, payment_accounts, vat
from kooperativ.countries.se.late_payment import SwedishLatePayment
from kooperativ.countries.se.parameters import PARAMETER_FOLDER, load_swedish_parameters
from kooperativ.countries.se.payroll import SwedishPayroll, SwedishSettings
from kooperativ.countries.se.tax import TaxTable, compute_table
from kooperativ.countries.se.vat import VAT_CATEGORIES
from kooperativ.errors import InputError
from kooperativ.rules.country import AccountClass, VatBuyer, VatCategory
from kooperativ.rules.employment import EmploymentLaw
from kooperativ.rules.late_payment import LateInterestTerms
from kooperativ.rules.parameters import ParameterSet
from kooperativ.rules.payment_account import PaymentAccount
from kooperativ.rules.reporting import ReportEmployer

if TYPE_CHECKING:
    from kooperativ.absence.sick_pay import SickPayRequest, SickPayResult
    from kooperativ.accounts.export import BookkeepingFile, LedgerExport
    from kooperativ.countries.se.travel import SwedishTravel
    from kooperativ.payroll.runs import Payslip

__all__ = [
    "BAS_ACCOUNTS",
    "PARAMETER_FOLDER",
    "VAT_CATEGORIES",
    "Sweden",
    "load_swedish_parameters",
]

#: The BAS chart of accounts (Bokföringsnämnden's *BAS-kontoplanen*, used by almost every
#: Swedish business) for the roles kooperativ books to.
BAS_ACCOUNTS = MappingProxyType(
    {
        "bank": 1930,  # Företagskonto / checkkonto
        "receivables": 1510,  # Kundfordringar
        "client_credits": 2420,  # Förskott från kunder (a client's overpayment kept)
        "suspense": 2999,  # OBS-konto: incoming payments not yet matched to an invoice
        "vat_out_standard": 2611,  # Utgående moms på försäljning inom Sverige, 25 %
        "vat_out_reduced": 2621,  # Utgående moms, 12 %
        "vat_out_culture": 2631,  # Utgående moms, 6 %
        "member_accounts": 2890,  # Övriga kortfristiga skulder
        "vat_in": 2641,  # Debiterad ingående moms
        "expenses": 6990,  # Övriga externa kostnader (members' outlays)
        "employer_contributions_liability": 2731,  # Avräkning lagstadgade sociala avgifter
        "tax_liability": 2710,  # Personalskatt
        "holiday_pay_liability": 2920,  # Upplupna semesterlöner
        "sales": 3041,  # Försäljning tjänster 25 % sv
        "fee_income": 3990,  # Övriga ersättningar och intäkter
        "rounding": 3740,  # Öres- och kronutjämning
        "member_budget": 7690,  # Övriga personalkostnader: members' budgets set aside
        "retained_earnings": 2098,  # Vinst eller förlust från föregående år (SIE's #IB)
        "grants": 3985,  # Erhållna statliga bidrag
        "salaries": 7010,  # Löner till kollektivanställda
        "holiday_pay": 7290,  # Förändring av semesterlöneskuld
        "employer_contributions": 7510,  # Arbetsgivaravgifter
        # Payroll (reference invoicing-and-payroll-2026.md §6.3): net pay owed until the
        # bank pays it, the pension premium and its särskild löneskatt (lag 1990:661).
        "net_pay_liability": 2820,  # Kortfristiga skulder till anställda
        "pension": 7410,  # Pensionsförsäkringspremier
        "pension_liability": 2990,  # Övriga upplupna kostnader och förutbetalda intäkter
        "pension_tax": 7533,  # Särskild löneskatt för pensionskostnader
        "pension_tax_liability": 2514,  # Beräknad särskild löneskatt på pensionskostnader
        # Sick pay (lag 1991:1047) that a payroll run pays: reference
        # invoicing-and-payroll-2026.md §6.3 ("7081 / 7281 Sjuklöner till
        # kollektivanställda / tjänstemän", BAS Kontoplan 2026).
        "sick_pay": 7081,  # Sjuklöner till kollektivanställda
        # Travel allowances a payroll run pays (reference invoicing-and-payroll-2026.md
        # §6.3: 7321/7322 traktamenten, 7331/7332 bilersättningar).
        "per_diem_tax_free": 7321,  # Skattefria traktamenten, Sverige
        "per_diem_taxable": 7322,  # Skattepliktiga traktamenten, Sverige
        "mileage_tax_free": 7331,  # Skattefria bilersättningar
        "mileage_taxable": 7332,  # Skattepliktiga bilersättningar
    }
)


class Sweden:
    """Country rules for Sweden (``SE``)."""

    code = "SE"
    name = "Sweden"
    currency = "SEK"
    default_language = "sv"
    languages = ("sv", "en")

    def parameters(self) -> ParameterSet:
        """All of Sweden's dated parameters."""
        return load_swedish_parameters()

    # -- identifiers ----------------------------------------------------------------
    def validate_person_id(
        self, value: str, field: str = "personnummer", *, on: date | None = None
    ) -> str:
        """A personnummer or samordningsnummer, normalised to 12 digits."""
        return identifiers.normalise_personnummer(value, field, on=on)

    def birth_date(self, person_id: str) -> date:
        """Birth date from a personnummer or samordningsnummer."""
        return identifiers.birth_date(person_id)

    def mask_person_id(self, person_id: str) -> str:
        """The personnummer with its last four digits hidden."""
        return identifiers.mask_personnummer(person_id)

    def validate_organisation_id(self, value: str, field: str = "orgnr") -> str:
        """An organisationsnummer as ``NNNNNN-NNNN``."""
        return identifiers.validate_orgnr(value, field)

    def validate_vat_number(
        self, value: str, field: str = "vat_number", *, organisation_id: str | None = None
    ) -> str:
        """A Swedish VAT number as ``SE`` + 12 digits (the organisation's, if named)."""
        return identifiers.validate_vat_number(value, field, orgnr=organisation_id)

    def validate_bank_account(self, value: str, field: str = "bank_account") -> str:
        """A clearing + account number as printed (``8327-9, 123 456 789-7``) →
        ``CCCC-AAAAAAA``."""
        return identifiers.parse_bank_account(value, field)

    def mask_bank_account(self, value: str) -> str:
        """The clearing number and the account's last two digits."""
        return identifiers.mask_bank_account(value)

    def validate_payment_number(self, kind: str, value: str, field: str) -> str:
        """A bankgiro, plusgiro, IBAN or BIC in normal form."""
        validators = {
            "bankgiro": identifiers.validate_bankgiro,
            "plusgiro": identifiers.validate_plusgiro,
            "iban": identifiers.validate_iban,
            "bic": identifiers.validate_bic,
        }
        validate = validators.get(kind)
        if validate is None:
            raise InputError(
                field,
                "Sweden has no payment number of kind {kind!r} (known: {known})",
                kind=kind,
                known=", ".join(validators),
            )
        return validate(value, field)

    def payment_account(
        self,
        value: str,
        field: str = "bank_account",
        *,
        kind: str = "bank_account",
        bic: str | None = None,
    ) -> PaymentAccount:
        """A bankkonto, bankgiro, plusgiro or IBAN in ISO 20022 terms (see
        :mod:`kooperativ.countries.se.payment_accounts`)."""
        return payment_accounts.payment_account(value, field, kind=kind, bic=bic)

    # -- VAT ------------------------------------------------------------------------
    def vat_categories(self) -> tuple[str, ...]:
        """The VAT categories known to Sweden."""
        return tuple(sorted(VAT_CATEGORIES))

    def vat_rate(self, category: str, on: date) -> Decimal:
        """The VAT rate of ``category`` on ``on``."""
        name = VAT_CATEGORIES.get(category)
        if name is None:
            known = ", ".join(sorted(VAT_CATEGORIES))
            raise InputError(
                "vat_category", "{category!r} is unknown (known: {known})",
                category=category, known=known,
            )  # fmt: skip
        return load_swedish_parameters().at(on).decimal(name)

    def vat_category(
        self, category: str, on: date, *, buyer: VatBuyer | None = None
    ) -> VatCategory:
        """Rate, EN 16931 code and required text of ``category`` (:mod:`.vat`)."""
        return vat.vat_category(category, on, buyer=buyer)

    def payment_reference(self, number: int) -> str:
        """The OCR reference of invoice ``number`` (length digit and Luhn check digit)."""
        return vat.payment_reference(number)

    def validate_payment_reference(self, value: str, field: str = "ocr") -> str:
        """An OCR reference checked under "hård kontroll med längdkontroll"."""
        return vat.validate_ocr(value, field)

    def employment_law(self) -> EmploymentLaw:
        """LAS and holiday pay (:mod:`kooperativ.countries.se.employment`)."""
        from kooperativ.countries.se.employment import SwedishEmploymentLaw

        return SwedishEmploymentLaw()

    def travel_rules(self, parameters: ParameterSet | None = None) -> SwedishTravel:
        """Traktamente and milersättning (:mod:`kooperativ.countries.se.travel`), bound to
        ``parameters`` (Sweden's own if ``None``)."""
        from kooperativ.countries.se.travel import SwedishTravel

        return SwedishTravel(parameters)

    # -- late payment ---------------------------------------------------------------
    def late_interest_rate(self, on: date, parameters: ParameterSet | None = None) -> Decimal:
        """Dröjsmålsränta on ``on``: referensräntan + 8 points (räntelagen 6 and 9 §§)."""
        return SwedishLatePayment().late_interest_rate(on, parameters)

    def late_interest_terms(
        self, on: date, parameters: ParameterSet | None = None
    ) -> LateInterestTerms:
        """The dröjsmålsränta on ``on``, its half-year, day count (365) and sources."""
        return SwedishLatePayment().late_interest_terms(on, parameters)

    # -- payroll --------------------------------------------------------------------
    def config_section(self) -> type[BaseModel]:
        """``[se]`` in ``cooperative.toml`` (:class:`SwedishSettings`)."""
        return SwedishSettings

    def chart_of_accounts(self) -> Mapping[str, int]:
        """The BAS accounts by role (:data:`BAS_ACCOUNTS`)."""
        return BAS_ACCOUNTS

    def account_names(self) -> Mapping[int, str]:
        """Names of the BAS accounts a voucher may use (:mod:`kooperativ.countries.se.bas`)."""
        from kooperativ.countries.se.bas import BAS_NAMES

        return BAS_NAMES

    def account_class(self, number: int) -> AccountClass:
        """BAS's account classes by the first digit: 1 assets, 2 equity and liabilities,
        3 operating income, 4–7 operating costs, 8 financial and other items."""
        first = str(number)[0]
        if first == "1":
            return "asset"
        if first == "2":
            return "liability"
        if first == "3":
            return "income"
        if first in "4567":
            return "cost"
        return "financial"

    def validate_tax_mode(self, text: str, field: str = "tax") -> str:
        """A Swedish tax mode (``table:33:1``, ``side-income`` …), normalised."""
        return self._default_payroll.validate_tax_mode(text, field)

    @cached_property
    def _default_payroll(self) -> SwedishPayroll:
        return SwedishPayroll()

    def payroll(
        self,
        parameters: ParameterSet | None = None,
        settings: BaseModel | None = None,
        folder: Path | None = None,
    ) -> SwedishPayroll:
        """Sweden's payroll rules (see :class:`~kooperativ.countries.se.payroll.SwedishPayroll`).

        Raises:
            InputError: ``settings`` that are not Sweden's section.
            ConfigError: Tax-table files outside ``folder`` or missing.
        """
        if parameters is None and settings is None and folder is None:
            return self._default_payroll
        if settings is not None and not isinstance(settings, SwedishSettings):
            raise InputError(
                "settings", "expected Sweden's [se] settings, got {kind}",
                kind=type(settings).__name__,
            )  # fmt: skip
        return SwedishPayroll(parameters, settings, folder)

    # -- employer declaration -------------------------------------------------------
    def employer_report(
        self,
        employer: ReportEmployer,
        period: str,
        payslips: Sequence[Payslip],
        *,
        created: datetime,
        deleted: Sequence[Payslip] = (),
        corrections_only: bool = False,
        report_boxes: Mapping[UUID, Collection[str]] | None = None,
        parameters: ParameterSet | None = None,
        settings: BaseModel | None = None,
        folder: Path | None = None,
    ) -> bytes:
        """The AGI XML of ``period`` for Skatteverket (:mod:`kooperativ.countries.se.agi`).

        Raises:
            InputError: Payslips that cannot be reported, or ``settings`` that are not
                Sweden's section; a file that fails the configured XSD.
            ConfigError: No contact phone or e-mail; an unreadable XSD.
        """
        from kooperativ.countries.se.agi import employer_report

        if settings is not None and not isinstance(settings, SwedishSettings):
            raise InputError(
                "settings", "expected Sweden's [se] settings, got {kind}",
                kind=type(settings).__name__,
            )  # fmt: skip
        return employer_report(
            employer, period, payslips, created=created, deleted=deleted,
            corrections_only=corrections_only, report_boxes=report_boxes,
            parameters=parameters, settings=settings.agi if settings else None, folder=folder,
        )  # fmt: skip

    # -- bookkeeping ----------------------------------------------------------------
    def bookkeeping_formats(self) -> tuple[str, ...]:
        """SIE 4: ``4E`` (balances and vouchers) and ``4I`` (vouchers to import)."""
        from kooperativ.countries.se.sie import SIE_KINDS

        return SIE_KINDS

    def bookkeeping_export(self, ledger: LedgerExport, kind: str) -> BookkeepingFile:
        """The year as a SIE 4 file (:mod:`kooperativ.countries.se.sie`)."""
        from kooperativ.countries.se.sie import export_file

        return export_file(ledger, kind)

    def sick_pay(
        self, request: SickPayRequest, parameters: ParameterSet | None = None
    ) -> SickPayResult:
        """Sjuklön and karensavdrag (lag 1991:1047): :func:`.sick_pay.sjuklon`."""
        from kooperativ.countries.se.sick_pay import sjuklon

        return sjuklon(request, parameters)

    def tax_table(self, year: int, table: int, column: int) -> TaxTable:
        """Skatteverket's monthly table ``table``, column ``column`` of ``year``, computed.

        Raises:
            InputError: No such table or column, or no parameters for ``year``.
        """
        try:
            return compute_table(load_swedish_parameters(), year, table, column)
        except ValueError as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError("--table", str(exc)) from None

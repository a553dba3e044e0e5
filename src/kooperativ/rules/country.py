# SPDX-License-Identifier: EUPL-1.2
"""Country rules: the protocol a country implements, and the registry.

Everything that is national law reaches kooperativ through one object, the country's
:class:`CountryRules`: its identifiers (personal and organisation numbers, VAT numbers,
bank accounts: validate, normalise, mask), its VAT categories and rates, the chart of
accounts it uses by default, its section of ``cooperative.toml``, its languages and its
payroll law (employer contributions, holiday pay, tax modes and withholding, through
:class:`~kooperativ.rules.payroll.PayrollRules`) and its travel allowances (through
:class:`~kooperativ.rules.travel.TravelRules`). Core modules never import a country.

The protocol is composed of smaller ones, so that a piece can be typed and tested alone:
:class:`IdentifierRules`, :class:`VatRules`, :class:`PayrollCountry`,
:class:`~kooperativ.rules.late_payment.LatePaymentRules` (statutory late-payment interest)
and :class:`~kooperativ.rules.reporting.EmployerReporting` (the monthly employer report).
and :class:`BookkeepingExport` (the ledger as a file for bookkeeping programs).

Countries are found through the entry point group ``kooperativ.countries``. Sweden is
registered in kooperativ's own ``pyproject.toml`` exactly as a third-party country would be:

```toml
[project.entry-points."kooperativ.countries"]
SE = "kooperativ.countries.se:Sweden"
```

>>> sweden = get_country("SE")
>>> sweden.currency, sweden.mask_person_id("191212121212")
('SEK', '19121212-****')
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from kooperativ.errors import ConfigError
from kooperativ.rules.late_payment import LatePaymentRules
from kooperativ.rules.payment_account import PaymentAccount
from kooperativ.rules.reporting import EmployerReporting, ReportEmployer

if TYPE_CHECKING:
    from kooperativ.absence.sick_pay import SickPayRequest, SickPayResult
    from kooperativ.accounts.export import BookkeepingFile, LedgerExport
    from kooperativ.rules.employment import EmploymentLaw
    from kooperativ.rules.parameters import ParameterSet
    from kooperativ.rules.payroll import PayrollRules
    from kooperativ.rules.travel import TravelRules

#: The kinds of account :meth:`PayrollCountry.account_class` tells apart.
AccountClass = Literal["asset", "liability", "income", "cost", "financial"]

__all__ = [
    "ENTRY_POINT_GROUP",
    "AccountClass",
    "BookkeepingExport",
    "CountryRules",
    "EmployerReporting",
    "IdentifierRules",
    "LatePaymentRules",
    "PaymentAccount",
    "PayrollCountry",
    "ReportEmployer",
    "VatBuyer",
    "VatCategory",
    "VatRules",
    "available_countries",
    "clear_country_cache",
    "get_country",
]

ENTRY_POINT_GROUP = "kooperativ.countries"


@runtime_checkable
class IdentifierRules(Protocol):
    """A country's identifiers: validate and normalise, mask, read a birth date.

    Every ``validate_*`` returns the number in its one normal form (two spellings of a
    number give the same string, so duplicates are found) or raises ``InputError`` naming
    ``field``. Digits other than ASCII 0–9 are normalised or refused, never kept.
    """

    def validate_person_id(
        self, value: str, field: str = "person_id", *, on: date | None = None
    ) -> str:
        """A personal identity number in normal form.

        Args:
            value: The number as written.
            field: The field named in an error.
            on: If given, a number of a person born after this day is refused.
        """
        ...

    def birth_date(self, person_id: str) -> date:
        """The birth date encoded in a (normalised) personal identity number."""
        ...

    def mask_person_id(self, person_id: str) -> str:
        """The number with what identifies the person hidden (for listings and logs)."""
        ...

    def validate_organisation_id(self, value: str, field: str = "organisation_id") -> str:
        """An organisation number in normal form."""
        ...

    def validate_vat_number(
        self, value: str, field: str = "vat_number", *, organisation_id: str | None = None
    ) -> str:
        """A VAT registration number in normal form.

        Args:
            value: The number as written.
            field: The field named in an error.
            organisation_id: If given, the VAT number must be this organisation's.
        """
        ...

    def validate_bank_account(self, value: str, field: str = "bank_account") -> str:
        """A domestic bank account as printed on a card or statement, in normal form."""
        ...

    def mask_bank_account(self, value: str) -> str:
        """The account with all but what the holder recognises it by hidden."""
        ...

    def validate_payment_number(self, kind: str, value: str, field: str) -> str:
        """A payment number of ``kind`` (Sweden: ``bankgiro``, ``plusgiro``; every
        country: ``iban``, ``bic``) in normal form; an unknown kind is an ``InputError``."""
        ...

    def payment_account(
        self,
        value: str,
        field: str = "bank_account",
        *,
        kind: str = "bank_account",
        bic: str | None = None,
    ) -> PaymentAccount:
        """An account salaries can be paid to or from, described in ISO 20022 terms
        (:class:`~kooperativ.rules.payment_account.PaymentAccount`) for payment files.

        Args:
            value: The account as stored or written: a domestic bank account (what
                :meth:`validate_bank_account` returns), or a payment number of ``kind``.
            field: The field named in an error.
            kind: ``bank_account`` (the default: a member's stored account), a payment
                number kind of :meth:`validate_payment_number` (``iban`` …), or another
                kind the country knows.
            bic: The BIC of the account's bank, for an ``iban`` (the country may know it
                from the IBAN).

        Raises:
            InputError: Naming ``field``, if the account is not valid or the country
                cannot pay to that kind of account.
        """
        ...


class VatBuyer(BaseModel):
    """Who buys, as far as the VAT category of an invoice line depends on it.

    Attributes:
        country: The buyer's country (ISO 3166-1 alpha-2).
        business: Whether the buyer is a business (an organisation), not a private person.
        vat_number: The buyer's VAT registration number, if any.
    """

    model_config = ConfigDict(frozen=True)

    country: str = Field(min_length=2, max_length=2)
    business: bool
    vat_number: str | None = None


class VatCategory(BaseModel):
    """What an invoice line's VAT category means on a date.

    Attributes:
        category: The category's name (``standard``, ``reverse_charge`` …).
        rate: The rate on the date (``0`` for exempt, reverse-charge and export supplies).
        code: The EN 16931 VAT category code (UNCL 5305: ``S``, ``E``, ``AE``, ``G`` …).
        reference: The legal reference of the rate or the rule.
        texts: The text the invoice must carry for this category, by language
            (``{"sv": "Omvänd betalningsskyldighet", "en": "Reverse charge"}``); empty
            when the category needs none.
        exemption_code: The VATEX code of the exemption reason (EN 16931 BT-121), if the
            category needs one.
        buyer_vat_number: Whether the invoice must show the buyer's VAT number.
    """

    model_config = ConfigDict(frozen=True)

    category: str
    rate: Decimal
    code: str
    reference: str
    texts: dict[str, str] = Field(default_factory=dict)
    exemption_code: str | None = None
    buyer_vat_number: bool = False

    def text(self, lang: str) -> str | None:
        """The required text in ``lang`` (else in English, else any), or ``None``."""
        if not self.texts:
            return None
        return self.texts.get(lang) or self.texts.get("en") or next(iter(self.texts.values()))


@runtime_checkable
class VatRules(Protocol):
    """A country's VAT categories and rates, and its invoices' payment references."""

    def vat_categories(self) -> tuple[str, ...]:
        """The VAT categories an invoice line may use (``standard`` is always one)."""
        ...

    def vat_rate(self, category: str, on: date) -> Decimal:
        """The VAT rate of ``category`` on ``on``; an unknown category is an InputError."""
        ...

    def vat_category(
        self, category: str, on: date, *, buyer: VatBuyer | None = None
    ) -> VatCategory:
        """What ``category`` means on ``on``: rate, EN 16931 code, required text.

        Args:
            category: One of :meth:`vat_categories`.
            on: The invoice's date.
            buyer: If given, the category must be able to apply to this buyer.

        Raises:
            InputError: An unknown category (field ``vat_category``), or one that cannot
                apply to ``buyer`` (e.g. reverse charge for a private person), naming why.
        """
        ...

    def payment_reference(self, number: int) -> str:
        """The payment reference (Sweden: OCR number) of invoice number ``number``."""
        ...

    def validate_payment_reference(self, value: str, field: str = "reference") -> str:
        """A payment reference in normal form, or an ``InputError`` naming ``field``."""
        ...


@runtime_checkable
class PayrollCountry(Protocol):
    """A country's payroll law and the settings a cooperative chooses under it."""

    def config_section(self) -> type[BaseModel]:
        """The schema of the country's section of ``cooperative.toml`` (``[se]`` for
        Sweden: the table named by the country code in lower case). Every key must have
        a default; the model refuses unknown keys. Validation receives the context
        ``{"folder": Path}`` (the cooperative's folder) when the file is loaded."""
        ...

    def chart_of_accounts(self) -> Mapping[str, int]:
        """Default account numbers by role (``bank``, ``receivables``, ``vat_out_standard``
        …); ``[accounts]`` in ``cooperative.toml`` may change them, not add roles."""
        ...

    def account_names(self) -> Mapping[int, str]:
        """The country's standard chart of accounts: number → name (Sweden: BAS). The
        ledger accepts these accounts, the role accounts and those the cooperative adds
        under ``[ledger.accounts]``; every default role account must have a name here."""
        ...

    def account_class(self, number: int) -> AccountClass:
        """What kind of account ``number`` is in the country's chart: ``asset``,
        ``liability`` (equity included), ``income``, ``cost`` or ``financial`` (financial
        and other items). A project's report sorts its lines by it (Sweden: BAS's first
        digit, 1 assets, 2 liabilities, 3 income, 4–7 costs, 8 financial)."""
        ...

    def validate_tax_mode(self, text: str, field: str = "tax") -> str:
        """A tax mode in the country's short form, normalised, or an ``InputError``."""
        ...

    def payroll(
        self,
        parameters: ParameterSet | None = None,
        settings: BaseModel | None = None,
        folder: Path | None = None,
    ) -> PayrollRules:
        """The payroll rules bound to ``parameters`` (the country's own if ``None``), the
        cooperative's section ``settings`` (the defaults if ``None``) and its ``folder``
        (where files named in the settings are, and must stay)."""
        ...

    def sick_pay(
        self, request: SickPayRequest, parameters: ParameterSet | None = None
    ) -> SickPayResult:
        """The sick pay (and any deduction from it) the employer owes for the sick days
        of one pay period, as payslip lines with a trace (Sweden: *sjuklön* and
        *karensavdrag*, lag 1991:1047).

        Args:
            request: The member's sick spells (earlier ones included), what each sick day
                would have paid, their average week's pay, their employments and the pay
                period (:class:`~kooperativ.absence.sick_pay.SickPayRequest`).
            parameters: The parameter set (the country's own if ``None``).

        Returns:
            Lines of kind ``sick_pay`` (positive) and ``sick_deduction`` (negative), each
            with the days as quantity, never more together than the lost pay and never
            negative together; none, with the reason in the trace, where nothing is owed.

        Raises:
            RulesError: A parameter has no value on a day asked about.
        """
        ...


@runtime_checkable
class BookkeepingExport(Protocol):
    """The file a country's bookkeeping programs read a ledger from (Sweden: SIE 4)."""

    def bookkeeping_formats(self) -> tuple[str, ...]:
        """The kinds of file the country writes, the default first (Sweden: ``("4E",
        "4I")``); empty if it writes none."""
        ...

    def bookkeeping_export(self, ledger: LedgerExport, kind: str) -> BookkeepingFile:
        """``ledger`` (one financial year) as a file of ``kind``.

        Raises:
            InputError: ``kind`` is not one of :meth:`bookkeeping_formats` (field ``type``).
            ConfigError: The country writes no bookkeeping file.
        """
        ...


@runtime_checkable
class CountryRules(
    IdentifierRules,
    VatRules,
    PayrollCountry,
    LatePaymentRules,
    EmployerReporting,
    BookkeepingExport,
    Protocol,
):
    """What a country package provides: its identity, its dated parameters, and the
    identifier, VAT, payroll and late-payment interest rules of the protocols it is made
    of (:class:`~kooperativ.rules.late_payment.LatePaymentRules`), and its employer report
    to the tax authority (:class:`~kooperativ.rules.reporting.EmployerReporting`).

    Attributes:
        code: ISO 3166-1 alpha-2 code (the entry point's name).
        name: The country's name in English.
        currency: ISO 4217 currency code.
        default_language: Language of documents and messages unless the cooperative
            chooses another.
        languages: Every language the country's own texts (legal terms, documents) exist
            in; a cooperative may choose those of them whose catalogs are installed.
    """

    code: str
    name: str
    currency: str
    default_language: str
    languages: tuple[str, ...]

    def parameters(self) -> ParameterSet:
        """All dated legal figures of the country."""
        ...

    def employment_law(self) -> EmploymentLaw:
        """The country's employment law: forms, written information, limits, rights."""
        ...

    def travel_rules(self, parameters: ParameterSet | None = None) -> TravelRules:
        """The country's rules for per diem and mileage allowances, bound to
        ``parameters`` (the country's own if ``None``)."""
        ...


_classes: dict[str, type] | None = None
_instances: dict[str, CountryRules] = {}


def _registry() -> dict[str, type]:
    global _classes
    if _classes is None:
        _classes = {ep.name.upper(): ep.load() for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return _classes


def clear_country_cache() -> None:
    """Forget the registered countries, so the next lookup reads the entry points again.

    For tests and tools that install a country package while running (the registry is
    read once per process otherwise).
    """
    global _classes
    _classes = None
    _instances.clear()


def available_countries() -> list[str]:
    """Codes of every registered country, sorted."""
    return sorted(_registry())


def get_country(code: str) -> CountryRules:
    """The rules of the country ``code`` (one shared instance of its registered class).

    Raises:
        ConfigError: If no country with that code is registered, or its class does not
            implement :class:`CountryRules`.
    """
    key = str(code).upper()
    found = _instances.get(key)
    if found is not None:
        return found
    cls = _registry().get(key)
    if cls is None:
        known = ", ".join(available_countries()) or "none"
        raise ConfigError(
            "cooperative.toml",
            "country",
            "no rules for country {code!r} (known: {known})",
            code=code,
            known=known,
        )
    instance = cls()
    if not isinstance(instance, CountryRules):
        raise ConfigError("entry point", key, "does not implement CountryRules")
    _instances[key] = instance
    return instance

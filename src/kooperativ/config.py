# SPDX-License-Identifier: EUPL-1.2
"""A cooperative's configuration: ``cooperative.toml``.

A cooperative is a folder. ``cooperative.toml`` holds its country and language, its legal
entities, fee policy, payroll policy, chart of accounts and invoice series. Every key is
validated; an error names the file, the key path and the reason. Amounts and rates are
strings (``"0.06"``) read as Decimal; dates are TOML dates.

What is common to every country is written in the sections below; what is national law is
written in the country's own section, a table named by the country code in lower case,
whose schema the country provides
(:meth:`~kooperativ.rules.country.PayrollCountry.config_section`)::

    country = "SE"
    language = "sv"          # one of the country's languages with installed catalogs

    [payroll]                # common: pay day, occupational pension
    pay_day = 25

    [se]                     # Swedish law: holiday pay, tax modes and tables
    holiday_pay = "semesterersattning"
    default_tax = "table:33:1"

The country also validates the legal entities' numbers (organisation number, VAT number,
which must be the organisation's, bankgiro …), gives the chart of accounts its default
numbers (``[accounts]`` may change them, not add roles) and the default language.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic import ValidationError as PydanticValidationError

from kooperativ.errors import ConfigError, InputError, config_reason, os_reason, syntax_reason
from kooperativ.members.models import Address
from kooperativ.money import ONE, ORE, ZERO, to_decimal
from kooperativ.payroll.model import AMOUNT_LIMIT

__all__ = [
    "CONFIG_FILE",
    "AdvancesConfig",
    "CooperativeConfig",
    "EmploymentConfig",
    "FeeConfig",
    "FeeOverrideConfig",
    "FeePeriodConfig",
    "IdentityConfig",
    "InvoicingConfig",
    "KeyPathError",
    "LedgerConfig",
    "OidcConfig",
    "PayrollConfig",
    "StorageConfig",
    "WebConfig",
    "load_config",
    "parse_config",
]

CONFIG_FILE = "cooperative.toml"


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _decimal_string(value: Any, field: str) -> Decimal:
    if isinstance(value, float):
        raise ValueError('write the number as a string, e.g. "0.06"')
    return to_decimal(value, field)


#: Payment numbers an identity may name, checked by the country (``validate_payment_number``).
PAYMENT_NUMBERS = ("bankgiro", "plusgiro", "iban", "bic")


class IdentityConfig(_Section):
    """A legal entity of the cooperative: its name, numbers, bank giro and address.

    ``[employer]`` is the entity that employs the members, invoices the clients and pays
    the salaries (in the example, *Interim kultur AB*); ``[association]`` the one whose
    members meet and vote under the bylaws (the *ideell förening* that owns the AB). A
    cooperative that is one legal entity (an *ekonomisk förening* that employs) writes only
    ``[employer]``. The numbers are checked by the country when the file is loaded: the
    organisation number, the VAT number (the organisation's own) and the payment numbers.
    """

    name: str = Field(min_length=1, description="The legal name, as on invoices and contracts")
    legal_form: str | None = Field(
        default=None, description="e.g. aktiebolag, ideell förening, ekonomisk förening"
    )
    orgnr: str = Field(description="The organisation number, in the country's form")
    vat_number: str | None = Field(
        default=None, description="The VAT registration number (the organisation's own)"
    )
    bankgiro: str | None = Field(default=None, description="The bankgiro number clients pay to")
    plusgiro: str | None = Field(default=None, description="The plusgiro number clients pay to")
    iban: str | None = Field(default=None, description="The bank account as an IBAN")
    bic: str | None = Field(default=None, description="The bank's BIC (SWIFT code)")
    email: EmailStr | None = Field(default=None, description="The e-mail address")
    phone: str | None = Field(default=None, description="The telephone number")
    website: str | None = Field(default=None, description="The website's address")
    f_tax: bool = Field(default=True, description="Approved for F-tax (Godkänd för F-skatt)")
    peppol_id: str | None = Field(
        default=None,
        description="The Peppol participant id (scheme:identifier, e.g. 0007:5598765435), "
        "the electronic address of Peppol invoices",
    )
    address: Address = Field(
        description="The postal address (a table: street, postal_code, city, country)"
    )

    @field_validator("peppol_id")
    @classmethod
    def _peppol_id(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from pydantic import ValidationError

        from kooperativ.exports.peppol import Identifier

        scheme, _, identifier = value.partition(":")
        if not re.fullmatch(r"[0-9]{4}", scheme) or not identifier:
            raise ValueError("write it as scheme:identifier, e.g. 0007:2120000787")
        try:
            Identifier(value=identifier, scheme=scheme)
        except ValidationError:
            raise ValueError(
                "not a valid identifier under its scheme (0007: an organisation number "
                "with its Luhn check digit; 0088: a GLN with its check digit)"
            ) from None
        return value


class KeyPathError(InputError):
    """A problem a validator finds at a key below the section it validates.

    ``field`` is the key path relative to that section (``periods[1].from``); the error
    reported names the whole path (``fees.periods[1].from``).
    """


def _share(value: Decimal) -> Decimal:
    if not ZERO <= value < ONE:
        raise ValueError("must be a share between 0 and 1 (0.06 for 6 %)")
    return value


def _whole_ore(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if value < 0 or value > AMOUNT_LIMIT or value != value.quantize(ORE):
        raise ValueError("must be an amount of at least 0, in whole öre")
    return value


class _FeeTerms(_Section):
    """The validators every set of fee terms shares (rate, minimum, maximum)."""

    @field_validator("rate", "minimum", "maximum", mode="before", check_fields=False)
    @classmethod
    def _dec(cls, value: Any) -> Decimal | None:
        if value is None:
            return None
        return _decimal_string(value, "fees")

    @field_validator("rate", mode="after", check_fields=False)
    @classmethod
    def _rate_range(cls, value: Decimal | None) -> Decimal | None:
        return None if value is None else _share(value)

    @field_validator("minimum", "maximum", mode="after", check_fields=False)
    @classmethod
    def _amount(cls, value: Decimal | None) -> Decimal | None:
        return _whole_ore(value)

    def _limits_in_order(self) -> None:
        minimum: Decimal | None = getattr(self, "minimum", None)
        maximum: Decimal | None = getattr(self, "maximum", None)
        if maximum is not None and minimum is not None and maximum < minimum:
            raise KeyPathError(
                "maximum",
                "maximum {maximum} is less than minimum {minimum}",
                maximum=maximum,
                minimum=minimum,
            )


class FeePeriodConfig(_FeeTerms):
    """A fee in force from a day (``[[fees.periods]]``) until the next period starts.

    A period is complete: what it does not set is not taken from the period before
    (``minimum`` is 0 and there is no ``maximum`` unless written).
    """

    valid_from: date = Field(alias="from", description="The first day the period is in force")
    rate: Decimal = Field(description="Share of the invoiced amount excl. VAT, e.g. 0.06")
    minimum: Decimal = Field(default=ZERO, description="The least fee on one invoice")
    maximum: Decimal | None = Field(default=None, description="The most fee on one invoice")
    note: str | None = Field(default=None, description="Why: e.g. the meeting's decision")

    @model_validator(mode="after")
    def _in_order(self) -> FeePeriodConfig:
        self._limits_in_order()
        return self


class FeeOverrideConfig(_FeeTerms):
    """One member's own fee terms (``[[fees.members]]``), e.g. by a board decision.

    What the override does not set (rate, minimum or maximum) is the period's in force.
    ``from`` and ``to`` (both days included) limit when it applies; without them it
    applies always.
    """

    member: int = Field(ge=1, description="The member number (medlemsnummer)")
    rate: Decimal | None = Field(default=None, description="The member's own rate, e.g. 0.04")
    minimum: Decimal | None = Field(default=None, description="The member's own least fee")
    maximum: Decimal | None = Field(default=None, description="The member's own most fee")
    valid_from: date | None = Field(
        default=None, alias="from", description="The first day it applies (default: always)"
    )
    valid_to: date | None = Field(
        default=None, alias="to", description="The last day it applies (default: always)"
    )
    note: str = Field(min_length=1, description="Why the member pays another fee")

    @model_validator(mode="after")
    def _consistent(self) -> FeeOverrideConfig:
        if self.rate is None and self.minimum is None and self.maximum is None:
            raise KeyPathError("rate", "give rate, minimum or maximum (what the override changes)")
        if (
            self.valid_from is not None
            and self.valid_to is not None
            and self.valid_to < self.valid_from
        ):
            raise KeyPathError(
                "to", "{to} is before from = {start}", to=self.valid_to, start=self.valid_from
            )
        self._limits_in_order()
        return self

    def covers(self, on: date) -> bool:
        """Whether the override applies on ``on``."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


class FeeConfig(_FeeTerms):
    """The cooperative's fee (*avgift*) on what a member invoices.

    The fee is ``rate`` × the invoiced amount excluding VAT, rounded half up to öre, but
    at least ``minimum`` and (if given) at most ``maximum``. These terms are in force from
    the beginning; ``[[fees.periods]]`` change them from a day on, and ``[[fees.members]]``
    give a member other terms (see :mod:`kooperativ.fees`)::

        [fees]
        rate = "0.06"
        taken = "on_invoicing"

        [[fees.periods]]
        from = 2027-01-01
        rate = "0.07"
        note = "Årsmötet 2026-05-20 § 9"

        [[fees.members]]
        member = 3
        rate = "0.04"
        from = 2027-01-01
        to = 2027-12-31
        note = "Styrelsebeslut 2026-11-02 § 4"
    """

    rate: Decimal = Field(description="Share of the invoiced amount excl. VAT, e.g. 0.06")
    basis: Literal["invoiced_excl_vat"] = Field(
        default="invoiced_excl_vat",
        description="What the rate is of: the invoiced amount excluding VAT (the only basis)",
    )
    minimum: Decimal = Field(default=ZERO, description="The least fee on one invoice")
    maximum: Decimal | None = Field(default=None, description="The most fee on one invoice")
    note: str | None = Field(default=None, description="Why: e.g. the meeting's decision")
    taken: Literal["on_invoicing", "on_payment"] = Field(
        default="on_invoicing",
        description="When the fee is booked to the member's account: when the invoice is "
        "issued or when the client pays it",
    )
    periods: tuple[FeePeriodConfig, ...] = Field(
        default=(), description="Changes of the fee from a day on ([[fees.periods]])"
    )
    members: tuple[FeeOverrideConfig, ...] = Field(
        default=(), description="Members' own fee terms ([[fees.members]])"
    )

    @model_validator(mode="after")
    def _consistent(self) -> FeeConfig:
        self._limits_in_order()
        for index in range(1, len(self.periods)):
            before, period = self.periods[index - 1], self.periods[index]
            if period.valid_from <= before.valid_from:
                raise KeyPathError(
                    f"periods[{index}].from",
                    "{day} is not after periods[{previous}].from = {before}: the periods "
                    "must follow each other in time, without overlaps",
                    day=period.valid_from,
                    previous=index - 1,
                    before=before.valid_from,
                )
        for index, override in enumerate(self.members):
            for other_index, other in enumerate(self.members[:index]):
                if other.member == override.member and _overlap(other, override):
                    raise KeyPathError(
                        f"members[{index}]",
                        "overlaps members[{other}] for member {member}: one override "
                        "at a time (give each its 'from' and 'to')",
                        other=other_index,
                        member=override.member,
                    )
        return self


def _overlap(a: FeeOverrideConfig, b: FeeOverrideConfig) -> bool:
    starts_a, starts_b = a.valid_from or date.min, b.valid_from or date.min
    ends_a, ends_b = a.valid_to or date.max, b.valid_to or date.max
    return starts_a <= ends_b and starts_b <= ends_a


class AdvancesConfig(_Section):
    """Salary before the client pays (*förskott*), and the guarantee that limits it.

    With ``allowed = false`` (the default) a salary is paid only out of money the clients
    have paid. With ``allowed = true`` the cooperative pays ahead, up to what it
    guarantees: ``per_member`` (the most one member may have been paid ahead) and/or
    ``total`` (the most all members together), at least one of them.
    """

    allowed: bool = Field(
        default=False, description="Whether a salary may be paid before the client pays"
    )
    per_member: Decimal | None = Field(
        default=None, description="The most one member may be paid before the clients pay"
    )
    total: Decimal | None = Field(
        default=None, description="The most all members together may be paid ahead"
    )
    note: str | None = Field(default=None, description="Why: e.g. the board's decision")

    @field_validator("per_member", "total", mode="before")
    @classmethod
    def _dec(cls, value: Any) -> Decimal | None:
        if value is None:
            return None
        return _decimal_string(value, "advances")

    @field_validator("per_member", "total")
    @classmethod
    def _amount(cls, value: Decimal | None) -> Decimal | None:
        return _whole_ore(value)

    @model_validator(mode="after")
    def _consistent(self) -> AdvancesConfig:
        if not self.allowed:
            for key in ("per_member", "total"):
                if getattr(self, key) is not None:
                    raise KeyPathError(
                        key, "has no effect while allowed = false (remove it, or allow advances)"
                    )
            return self
        if self.per_member is None and self.total is None:
            raise KeyPathError("allowed", "advances need a guarantee: give per_member and/or total")
        if self.per_member is not None and self.total is not None and self.per_member > self.total:
            raise KeyPathError(
                "per_member",
                "{per_member} is more than the total guarantee {total}",
                per_member=self.per_member,
                total=self.total,
            )
        return self


class PayrollConfig(_Section):
    """How salaries are paid (the national rules are in the country's section)."""

    pay_day: int = Field(
        default=25, ge=1, le=28, description="The day of the month salaries are paid"
    )
    pension_rate: Decimal = Field(
        default=ZERO, description="Occupational pension as a share of the taxable pay"
    )
    sick_pay_from: Literal["cooperative", "member_account"] = Field(
        default="cooperative",
        description=(
            "Who bears the cost of sick pay (sjuklön) paid by a payroll run: the "
            "cooperative (booked as its own cost) or the member's account"
        ),
    )

    @field_validator("pension_rate", mode="before")
    @classmethod
    def _dec(cls, value: Any) -> Decimal:
        return _decimal_string(value, "pension_rate")

    @field_validator("pension_rate")
    @classmethod
    def _pension_range(cls, value: Decimal) -> Decimal:
        if not ZERO <= value < ONE:
            raise ValueError("must be a share between 0 and 1")
        return value


class InvoicingConfig(_Section):
    """Invoice numbering and terms."""

    series: str = Field(
        default="A", min_length=1, max_length=5, description="The invoice numbers' series"
    )
    first_number: int = Field(default=1, ge=1, description="The number of the first invoice")
    payment_terms_days: int = Field(
        default=30, ge=0, le=120, description="Days from the invoice date to the due date"
    )
    late_interest: str | None = Field(
        default=None, description="The late-payment interest clause printed on invoices"
    )
    rounding: bool = Field(
        default=False, description="Round the total to whole kronor (öresavrundning)"
    )


class EmploymentConfig(_Section):
    """Defaults for employment contracts."""

    default_type: str | None = Field(
        default=None, description="The cooperative's usual form of employment; else the law's"
    )
    place_of_work: str = Field(
        default="Enligt uppdraget", description="The place of work a contract names by default"
    )
    collective_agreement: str | None = Field(
        default=None, description="The collective agreement the contracts name, if any"
    )
    warn_months: int = Field(
        default=10,
        ge=1,
        le=24,
        description="Warn when a member's fixed-term employment time reaches this many months",
    )


#: The ledger's series by default: letter → what it holds.
DEFAULT_SERIES = {
    "A": "Kundfakturor",
    "B": "Inbetalningar",
    "L": "Löner",
    "M": "Manuella verifikationer",
}


class LedgerConfig(_Section):
    """The ledger: its voucher series and the accounts the cooperative adds to the chart.

    ``series`` maps each series (one to five capital letters) to what it holds; the
    invoice series of ``[invoicing]`` is one of them. ``accounts`` adds accounts (number →
    name) to the country's chart, e.g. ``1910 = "Kassa"`` under ``[ledger.accounts]``.
    """

    series: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_SERIES),
        description="The voucher series: letters → what the series holds",
    )
    invoices: str = Field(default="A", description="The series of invoices and credit notes")
    payments: str = Field(default="B", description="The series of payments")
    payroll: str = Field(default="L", description="The series of payroll")
    manual: str = Field(default="M", description="The series of manual vouchers")
    accounts: dict[int, str] = Field(
        default_factory=dict, description="Accounts added to the chart: number → name"
    )

    @field_validator("series")
    @classmethod
    def _series_names(cls, value: dict[str, str]) -> dict[str, str]:
        from kooperativ.accounts.models import SERIES_PATTERN

        if not value:
            raise ValueError("name at least one series")
        for name, description in value.items():
            if not re.fullmatch(SERIES_PATTERN, name):
                raise ValueError("a series is one to five capital letters (A–Z)")
            if not description.strip():
                raise ValueError("describe what each series holds")
        return value

    @field_validator("accounts")
    @classmethod
    def _account_numbers(cls, value: dict[int, str]) -> dict[int, str]:
        for number, name in value.items():
            if not 1 <= number <= 99_999_999:
                raise ValueError("an account number is a positive whole number")
            if not name.strip():
                raise ValueError("give each account a name")
        return value

    @model_validator(mode="after")
    def _known_series(self) -> LedgerConfig:
        for role in ("invoices", "payments", "payroll", "manual"):
            if getattr(self, role) not in self.series:
                raise InputError(
                    role,
                    "series {series!r} is not one of [ledger] series ({known})",
                    series=getattr(self, role),
                    known=", ".join(self.series),
                )
        return self


class OidcConfig(_Section):
    """Signing in to the web app through an OpenID Connect provider (``[web.oidc]``).

    A cooperative with an e-ID broker (or any provider that speaks OpenID Connect) names
    it here; the sign-in page then shows its button. The provider must know this site's
    callback address (``https://<site>/sign-in/oidc/callback``) and give the cooperative
    a client id and secret. The secret is never written in this file: ``client_secret_env``
    names the environment variable that holds it when ``kooperativ serve`` runs.

    ``match`` tells how the person the provider signed in is found in the register:
    ``email`` by the provider's verified ``email`` claim (an unverified address is
    refused), or ``personal_number`` by the claim named ``claim`` (an e-ID broker's
    personal identity number), compared with the member's in normal form.
    """

    issuer: str = Field(
        description="The provider's address; its discovery document is at "
        "<issuer>/.well-known/openid-configuration"
    )
    client_id: str = Field(min_length=1, description="The client id the provider gave")
    client_secret_env: str = Field(
        description="The name of the environment variable holding the client secret"
    )
    scopes: str = Field(default="openid email", description="The scopes asked for")
    match: Literal["email", "personal_number"] = Field(
        default="email", description="How a member is found: by e-mail or personal number"
    )
    claim: str | None = Field(
        default=None, description="The ID token's claim holding the personal number"
    )
    label: str | None = Field(default=None, description="The button's text on the sign-in page")
    token_auth: Literal["client_secret_basic", "client_secret_post"] = Field(
        default="client_secret_basic",
        description="How the client authenticates at the token endpoint",
    )
    redirect_uri: str | None = Field(
        default=None,
        description="The callback address registered at the provider, when the site "
        "cannot tell its own (behind a proxy)",
    )

    @model_validator(mode="before")
    @classmethod
    def _no_secret(cls, data: Any) -> Any:
        if isinstance(data, dict) and "client_secret" in data:
            raise KeyPathError(
                "client_secret",
                "never write the secret in this file: name the environment variable "
                "that holds it in client_secret_env",
            )
        return data

    @field_validator("issuer")
    @classmethod
    def _issuer(cls, value: str) -> str:
        if not _web_address(value):
            raise ValueError("must be an https:// address (http:// only on this machine)")
        return value.rstrip("/")

    @field_validator("redirect_uri")
    @classmethod
    def _redirect(cls, value: str | None) -> str | None:
        if value is not None and not (
            _web_address(value) and value.endswith("/sign-in/oidc/callback")
        ):
            raise ValueError(
                "must be this site's https:// address ending in /sign-in/oidc/callback"
            )
        return value

    @field_validator("client_secret_env")
    @classmethod
    def _secret_env(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
            raise ValueError(
                "must be the name of an environment variable (letters, digits and _), "
                "not the secret itself"
            )
        return value

    @field_validator("scopes")
    @classmethod
    def _scopes(cls, value: str) -> str:
        if "openid" not in value.split():
            raise ValueError("must include openid")
        return " ".join(value.split())

    @model_validator(mode="after")
    def _claim_given(self) -> OidcConfig:
        if self.match == "personal_number" and not self.claim:
            raise KeyPathError(
                "claim", 'is needed with match = "personal_number" (the claim\'s name)'
            )
        return self


def _web_address(value: str) -> bool:
    """Whether ``value`` is an https address, or an http one on this machine."""
    if re.fullmatch(r"https://[^\s/?#@]+(/[^\s?#]*)?", value):
        return True
    return bool(re.fullmatch(r"http://(localhost|127\.0\.0\.1)(:\d+)?(/[^\s?#]*)?", value))


class WebConfig(_Section):
    """The members' web app (``[web]``): for now, an optional OpenID Connect provider."""

    oidc: OidcConfig | None = Field(
        default=None,
        description="An OpenID Connect provider members may sign in through (e.g. an e-ID broker)",
    )


class StorageConfig(_Section):
    """Where the records are kept (a URL; the default is ``kooperativ.db`` in the folder)."""

    url: str | None = Field(
        default=None,
        description="The database URL (default: sqlite:///FOLDER/kooperativ.db)",
    )


class CooperativeConfig(_Section):
    """The whole of ``cooperative.toml``.

    Attributes:
        country: The country whose law applies (ISO code of a registered country).
        language: The language of documents and messages (the country's default unless
            chosen).
        accounts: Account numbers by role: the country's chart of accounts, with the
            numbers ``[accounts]`` changes.
        national: The country's own section (``[se]``), validated by its schema.
    """

    country: str = Field(
        min_length=2, max_length=2, description="The country whose law applies (ISO code)"
    )
    language: str = Field(
        min_length=2, description="The language of documents and messages (e.g. sv, en)"
    )
    example_values: bool = Field(
        default=False, description="True while the file still holds the example's values"
    )
    employer: IdentityConfig = Field(
        description="The legal entity that employs the members, invoices and pays salaries"
    )
    association: IdentityConfig | None = Field(
        default=None,
        description="The association that owns the employer, if it is a separate entity",
    )
    fees: FeeConfig = Field(description="The cooperative's fee on what members invoice")
    advances: AdvancesConfig = Field(
        default_factory=AdvancesConfig, description="Salary before the client pays (förskott)"
    )
    payroll: PayrollConfig = Field(
        default_factory=PayrollConfig, description="How salaries are paid"
    )
    accounts: dict[str, int] = Field(
        default_factory=dict,
        description="Account numbers by role: changes to the country's chart of accounts",
    )
    invoicing: InvoicingConfig = Field(
        default_factory=InvoicingConfig, description="Invoice numbering and terms"
    )
    employment: EmploymentConfig = Field(
        default_factory=EmploymentConfig, description="Defaults for employment contracts"
    )
    ledger: LedgerConfig = Field(
        default_factory=LedgerConfig, description="The ledger's voucher series and own accounts"
    )
    storage: StorageConfig = Field(
        default_factory=StorageConfig, description="Where the records are kept"
    )
    web: WebConfig = Field(
        default_factory=WebConfig, description="The members' web app (`kooperativ serve`)"
    )
    _national: BaseModel | None = PrivateAttr(default=None)

    @property
    def governing_body(self) -> IdentityConfig:
        """The entity whose members meet and vote: the association, else the employer.

        Meeting notices and minutes carry its name; contracts, invoices and payslips carry
        the employer's.
        """
        return self.association or self.employer

    @property
    def national(self) -> BaseModel:
        """The country's section of the file (``[se]``), as the country's model."""
        if self._national is None:
            from kooperativ.rules.country import get_country

            self._national = get_country(self.country).config_section()()
        return self._national


def _key_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for item in loc:
        if isinstance(item, int):
            path += f"[{item}]"
        else:
            path += ("." if path else "") + str(item)
    return path


def _first_error(exc: PydanticValidationError, file: str, prefix: str = "") -> ConfigError:
    err = exc.errors()[0]
    key = _key_path(tuple(err["loc"]))
    cause = (err.get("ctx") or {}).get("error")
    if isinstance(cause, KeyPathError):  # a key below the section validated
        key = f"{key}.{cause.field}" if key else cause.field
    template, values = config_reason(err)
    return ConfigError(file, f"{prefix}{key}" if key else prefix.rstrip("."), template, **values)


def _table(data: Mapping[str, Any], key: str, file: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(file, key, "must be a table ([{key}])", key=key)
    return value


def parse_config(
    data: Mapping[str, Any], file: str, folder: Path | None = None
) -> CooperativeConfig:
    """Validate parsed TOML ``data`` from ``file``, with the country's help.

    Args:
        data: The parsed file.
        file: The file's path as the user knows it (named in errors).
        folder: The cooperative's folder, where files named in the configuration must be.

    Raises:
        ConfigError: For the first problem, naming the file, the key path and the reason.
    """
    from kooperativ.i18n import available_languages
    from kooperativ.rules.country import get_country

    data = dict(data)
    code = data.get("country")
    if code is None:
        raise ConfigError(file, "country", 'required key is missing (e.g. country = "SE")')
    if not isinstance(code, str) or len(code) != 2:
        raise ConfigError(file, "country", "{code!r} is not a country code", code=code)
    try:
        country = get_country(code)
    except ConfigError as error:
        raise ConfigError(file, "country", error.reason_template, **error.params) from None
    data["country"] = country.code

    # The country's own section: validated by its schema, with the folder as context.
    section_key = country.code.lower()
    schema = country.config_section()
    try:
        national = schema.model_validate(
            _table(data, section_key, file), context={"folder": folder}
        )
    except PydanticValidationError as exc:
        raise _first_error(exc, file, f"{section_key}.") from None
    data.pop(section_key, None)

    # Accounts: the country's roles, with the numbers the cooperative changes.
    defaults = dict(country.chart_of_accounts())
    for role, number in _table(data, "accounts", file).items():
        if role not in defaults:
            raise ConfigError(
                file,
                f"accounts.{role}",
                "unknown key (the account roles are {known})",
                known=", ".join(defaults),
            )
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            raise ConfigError(
                file, f"accounts.{role}", "must be an account number (got {number!r})",
                number=number,
            )  # fmt: skip
        defaults[role] = number
    data["accounts"] = defaults

    # Languages: the country's, where kooperativ's catalogs for them are installed.
    installed = available_languages()
    allowed = [lang for lang in country.languages if lang in installed]
    language = data.get("language", country.default_language)
    if language not in allowed:
        raise ConfigError(
            file,
            "language",
            "{language!r} is not available for {country} (choose {known})",
            language=language,
            country=country.code,
            known=", ".join(allowed),
        )
    data["language"] = language

    hint = {section_key, *type(national).model_fields}
    try:
        config = CooperativeConfig.model_validate(data)
    except PydanticValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "extra_forbidden" and str(first["loc"][-1]) in hint:
            raise ConfigError(
                file,
                _key_path(tuple(first["loc"])),
                "unknown key here: it is {country} law, write it in [{section}]",
                country=country.code,
                section=section_key,
            ) from None
        raise _first_error(exc, file) from None
    except InputError as exc:
        raise ConfigError(file, exc.field, exc.reason_template, **exc.params) from None

    # The legal entities' numbers, checked and normalised by the country.
    changes: dict[str, IdentityConfig] = {}
    for entity in ("employer", "association"):
        identity = getattr(config, entity)
        if identity is not None:
            changes[entity] = _checked_identity(country, identity, entity, file)
    config = config.model_copy(update=changes)
    config._national = national
    return config


def _checked_identity(
    country: Any, identity: IdentityConfig, entity: str, file: str
) -> IdentityConfig:
    fields: dict[str, str] = {}
    try:
        orgnr = country.validate_organisation_id(identity.orgnr, f"{entity}.orgnr")
        fields["orgnr"] = orgnr
        if identity.vat_number is not None:
            fields["vat_number"] = country.validate_vat_number(
                identity.vat_number, f"{entity}.vat_number", organisation_id=orgnr
            )
        for kind in PAYMENT_NUMBERS:
            value = getattr(identity, kind)
            if value is not None:
                fields[kind] = country.validate_payment_number(kind, value, f"{entity}.{kind}")
    except InputError as error:
        raise ConfigError(file, error.field, error.reason_template, **error.params) from None
    return identity.model_copy(update=fields)


def load_config(folder: Path) -> CooperativeConfig:
    """Read and validate ``folder/cooperative.toml``.

    Raises:
        ConfigError: If the file is missing, is not TOML, or has a wrong or missing key.
    """
    path = folder / CONFIG_FILE
    if not path.is_file():
        raise ConfigError(str(path), "", "file not found (is this a cooperative folder?)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        template, values = syntax_reason(exc, "TOML")
        raise ConfigError(str(path), "", template, **values) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            str(path), "", "is not UTF-8 text (byte {position}): save it as UTF-8",
            position=exc.start,
        ) from None  # fmt: skip
    except OSError as exc:
        raise ConfigError(
            str(path), "", "cannot be read ({reason})", reason=os_reason(exc)
        ) from None
    return parse_config(data, str(path), folder)

# SPDX-License-Identifier: EUPL-1.2
"""A cooperative's configuration: ``cooperative.toml``.

A cooperative is a folder. ``cooperative.toml`` holds its identity, country and language,
fee policy, payroll policy, chart of accounts and invoice series. Every key is validated;
an error names the file, the key path and the reason. Amounts and rates are strings
(``"0.06"``) read as Decimal; dates are TOML dates.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator
from pydantic import ValidationError as PydanticValidationError

from kooperativ.errors import ConfigError, InputError
from kooperativ.members.models import Address
from kooperativ.money import to_decimal

__all__ = [
    "AccountsConfig",
    "CooperativeConfig",
    "EmploymentConfig",
    "FeeConfig",
    "IdentityConfig",
    "InvoicingConfig",
    "PayrollConfig",
    "StorageConfig",
    "load_config",
]

CONFIG_FILE = "cooperative.toml"


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _decimal_string(value: Any, field: str) -> Decimal:
    if isinstance(value, float):
        raise ValueError('write the number as a string, e.g. "0.06"')
    return to_decimal(value, field)


class IdentityConfig(_Section):
    """A legal entity of the cooperative: its name, numbers, bank giro and address.

    ``[employer]`` is the entity that employs the members, invoices the clients and pays
    the salaries (in the example, *Interim kultur AB*); ``[association]`` the one whose
    members meet and vote under the bylaws (the *ideell förening* that owns the AB). A
    cooperative that is one legal entity (an *ekonomisk förening* that employs) writes only
    ``[employer]``.
    """

    name: str = Field(min_length=1)
    legal_form: str | None = Field(
        default=None, description="e.g. aktiebolag, ideell förening, ekonomisk förening"
    )
    orgnr: str
    vat_number: str | None = None
    bankgiro: str | None = None
    plusgiro: str | None = None
    iban: str | None = None
    bic: str | None = None
    email: EmailStr | None = None
    phone: str | None = None
    website: str | None = None
    f_tax: bool = Field(default=True, description="Godkänd för F-skatt")
    address: Address


class FeeConfig(_Section):
    """The cooperative's fee (*avgift*) on what a member invoices."""

    rate: Decimal = Field(description="Share of the invoiced amount excl. VAT, e.g. 0.06")
    basis: Literal["invoiced_excl_vat"] = "invoiced_excl_vat"
    minimum: Decimal = Decimal(0)
    note: str | None = None

    @field_validator("rate", "minimum", mode="before")
    @classmethod
    def _dec(cls, value: Any) -> Decimal:
        return _decimal_string(value, "fees")

    @field_validator("rate")
    @classmethod
    def _rate_range(cls, value: Decimal) -> Decimal:
        if not Decimal(0) <= value < Decimal(1):
            raise ValueError("must be a share between 0 and 1 (0.06 for 6 %)")
        return value


class PayrollConfig(_Section):
    """How salaries are paid."""

    pay_day: int = Field(default=25, ge=1, le=28)
    holiday_pay: Literal["semesterersattning", "none"] = "semesterersattning"
    pension_rate: Decimal = Decimal(0)
    default_tax: str = "table:33:1"
    tax_tables: Literal["computed", "loaded"] = "computed"
    tax_table_files: tuple[str, ...] = Field(
        default=(),
        description="Skatteverket's table files (paths relative to the folder) when loaded",
    )

    @field_validator("pension_rate", mode="before")
    @classmethod
    def _dec(cls, value: Any) -> Decimal:
        return _decimal_string(value, "pension_rate")

    @field_validator("pension_rate")
    @classmethod
    def _pension_range(cls, value: Decimal) -> Decimal:
        if not Decimal(0) <= value < Decimal(1):
            raise ValueError("must be a share between 0 and 1")
        return value


class AccountsConfig(_Section):
    """Chart of accounts (BAS numbers) used for vouchers."""

    bank: int = 1930
    receivables: int = 1510
    vat_out_25: int = 2611
    vat_out_12: int = 2621
    vat_out_6: int = 2631
    member_accounts: int = 2890
    employer_contributions_liability: int = 2731
    tax_liability: int = 2710
    holiday_pay_liability: int = 2920
    sales: int = 3041
    fee_income: int = 3990
    salaries: int = 7010
    holiday_pay: int = 7290
    employer_contributions: int = 7510


class InvoicingConfig(_Section):
    """Invoice numbering and terms."""

    series: str = Field(default="A", min_length=1, max_length=5)
    first_number: int = Field(default=1, ge=1)
    payment_terms_days: int = Field(default=30, ge=0, le=120)
    late_interest: str | None = None


class EmploymentConfig(_Section):
    """Defaults for employment contracts."""

    default_type: str = "sarskild_visstidsanstallning"
    place_of_work: str = "Enligt uppdraget"
    collective_agreement: str | None = None
    warn_months: int = Field(default=10, ge=1, le=24)


class StorageConfig(_Section):
    """Where the records are kept (a URL; the default is ``kooperativ.db`` in the folder)."""

    url: str | None = None


class CooperativeConfig(_Section):
    """The whole of ``cooperative.toml``."""

    country: str = Field(default="SE", min_length=2, max_length=2)
    language: Literal["sv", "en"] = "sv"
    example_values: bool = Field(
        default=False, description="True while the file still holds the example's values"
    )
    employer: IdentityConfig
    association: IdentityConfig | None = Field(
        default=None,
        description="The association that owns the employer, if it is a separate entity",
    )
    fees: FeeConfig
    payroll: PayrollConfig = Field(default_factory=PayrollConfig)
    accounts: AccountsConfig = Field(default_factory=AccountsConfig)
    invoicing: InvoicingConfig = Field(default_factory=InvoicingConfig)
    employment: EmploymentConfig = Field(default_factory=EmploymentConfig)
    storage: StorageConfig = Field(default_factory=StorageConfig)

    @property
    def governing_body(self) -> IdentityConfig:
        """The entity whose members meet and vote: the association, else the employer.

        Meeting notices and minutes carry its name; contracts, invoices and payslips carry
        the employer's.
        """
        return self.association or self.employer


def _key_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for item in loc:
        if isinstance(item, int):
            path += f"[{item}]"
        else:
            path += ("." if path else "") + str(item)
    return path


def parse_config(data: dict[str, Any], file: str) -> CooperativeConfig:
    """Validate parsed TOML ``data`` from ``file``.

    Raises:
        ConfigError: For the first problem, naming the file, the key path and the reason.
    """
    try:
        return CooperativeConfig.model_validate(data)
    except PydanticValidationError as exc:
        err = exc.errors()[0]
        key = _key_path(tuple(err["loc"]))
        message = str(err["msg"])
        if err["type"] == "extra_forbidden":
            message = "unknown key"
        elif err["type"] == "missing":
            message = "required key is missing"
        message = message.removeprefix("Value error, ")
        raise ConfigError(file, key, message) from None
    except InputError as exc:
        raise ConfigError(file, exc.field, exc.reason) from None


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
        raise ConfigError(str(path), "", f"not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(str(path), "", "not UTF-8 text") from None
    return parse_config(data, str(path))

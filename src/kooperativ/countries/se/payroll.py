# SPDX-License-Identifier: EUPL-1.2
"""Sweden's payroll law for the salary solver: what a salary costs, and the tax withheld.

The cost of a gross salary in Sweden:

* **holiday pay** (*semesterersättning*) by the procentregel, 12 % of the pay, paid with
  it and shown separately (Semesterlag 1977:480 16 b §), or none when the cooperative
  pays holiday pay otherwise (``[se] holiday_pay = "none"``);
* **employer contributions** (*arbetsgivaravgifter*) on salary plus holiday pay, by the
  person's birth year and the payment day (:mod:`~kooperativ.countries.se.contributions`);
* the cooperative's **occupational pension** (``[payroll] pension_rate``) with the
  **special payroll tax** on it (*särskild löneskatt*, lag 1991:687).

The tax withheld is *skatteavdrag* by the member's tax mode
(:mod:`~kooperativ.countries.se.tax`): a tax table and column (checked against the
person's age), side income, SINK, jämkning, a one-off amount or no information. A second
payment in the same month is taxed by the table on the month's whole pay, less the table
tax on the pay given out earlier that month (Skatteförfarandelag 2011:1244 11 kap.;
Skatteverket: tax on several payments in a month is computed on their sum).

:class:`SwedishPayroll` binds the rules to a parameter set and the cooperative's ``[se]``
settings (:class:`SwedishSettings`); its :meth:`~SwedishPayroll.model` resolves every
rate for one input once, and the solver calls the model.

>>> from datetime import date
>>> from kooperativ.payroll import SalaryInput, calculate_salary
>>> rules = SwedishPayroll()
>>> salary = SalaryInput.create(gross="20000", birth_date=date(1985, 3, 1),
...                             paid_on=date(2026, 11, 25), tax="side-income")
>>> calculate_salary(salary, rules).holiday_pay
Decimal('2400.00')
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, Inexact, localcontext
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from kooperativ.countries.se.agi import AgiSettings
from kooperativ.countries.se.contributions import ContributionRule, contribution_rule
from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.countries.se.tax import (
    ComputedTables,
    LoadedTables,
    NoInformation,
    TableSource,
    TableTax,
    TaxMode,
    parse_tax_mode,
)
from kooperativ.countries.se.tax.preliminary import Withheld, withheld_from
from kooperativ.errors import ConfigError, InputError, MissingParameterError, RulesError
from kooperativ.money import ONE, ORE, ZERO, ZERO_ORE
from kooperativ.payroll.model import NO_HOLIDAY_PAY, Cost, SalaryInput
from kooperativ.payroll.trace import POLICY_REFERENCE, NationalTrace, TraceLine, percent_text
from kooperativ.rules.parameters import ParameterSet

__all__ = [
    "HOLIDAY_RATE",
    "OLDER_COLUMN_AGE",
    "PENSION_TAX",
    "HolidayPayPolicy",
    "SwedishPayroll",
    "SwedishSalary",
    "SwedishSettings",
    "inside_folder",
]

HOLIDAY_RATE = "holiday.rate"
PENSION_TAX = "pension.special_payroll_tax"
#: The age at the start of the year from which pay is taxed by column 3 instead of 1.
OLDER_COLUMN_AGE = "tax.tables.older_column_age"

#: Whole kronor below this are solved with the exact shortcuts of :class:`_Setup` (their
#: products stay far inside the 28 digits of the Decimal context).
_EXACT_BELOW = 10**15


class HolidayPayPolicy(StrEnum):
    """How holiday pay is given with the salary (``[se] holiday_pay``)."""

    #: 12 % *semesterersättning* on top of the pay, shown separately (Semesterlag 16 b §).
    SEMESTERERSATTNING = "semesterersattning"
    #: No holiday pay with the salary (e.g. it is included in an agreed pay, or paid later).
    NONE = NO_HOLIDAY_PAY


def inside_folder(folder: Path, name: str, key: str, file: str = "cooperative.toml") -> Path:
    """``folder / name`` if it stays inside ``folder`` (after resolving ``..`` and links).

    Raises:
        ConfigError: Naming ``file`` and ``key``, if the path leaves the folder.
    """
    root = folder.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise ConfigError(
            file, key, "{name} is outside the cooperative's folder {folder}", name=name,
            folder=root,
        )  # fmt: skip
    return path


class SwedishSettings(BaseModel):
    """Sweden's section of ``cooperative.toml``: the keys only a Swedish cooperative sets.

    ```toml
    [se]
    holiday_pay = "semesterersattning"   # or "none"
    default_tax = "table:33:1"           # until a member's A-skattsedel is registered
    tax_tables = "computed"              # or "loaded", with tax_table_files
    tax_table_files = ["tables/manadstabeller-2026.csv"]

    [se.agi]                             # the employer declaration (AGI), docs/agi.md
    contact_name = "Kim Kassör"
    ```

    Attributes:
        holiday_pay: Holiday pay with each salary: ``semesterersattning`` or ``none``.
        default_tax: The tax mode of a member whose own is not registered.
        tax_tables: ``computed`` from the parameters (SKV 433), or ``loaded`` from
            Skatteverket's files.
        tax_table_files: Skatteverket's files, relative to the cooperative's folder (and
            inside it) when ``tax_tables = "loaded"``.
        agi: The employer declaration's contact person and schema
            (:class:`~kooperativ.countries.se.agi.AgiSettings`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    holiday_pay: HolidayPayPolicy = Field(
        default=HolidayPayPolicy.SEMESTERERSATTNING,
        description="Holiday pay with each salary: semesterersattning (12 %) or none",
    )
    default_tax: str = Field(
        default="table:33:1",
        description="The tax mode of a member whose own (A-skattsedel) is not registered",
    )
    tax_tables: Literal["computed", "loaded"] = Field(
        default="computed",
        description="Tax tables computed from the parameters, or loaded from Skatteverket's files",
    )
    tax_table_files: tuple[str, ...] = Field(
        default=(),
        validate_default=True,
        description="Skatteverket's table files, inside the folder, when tax_tables = loaded",
    )
    agi: AgiSettings = Field(
        default_factory=AgiSettings,
        description="The employer declaration's (AGI) contact person and schema",
    )

    @field_validator("default_tax")
    @classmethod
    def _tax_mode(cls, value: str) -> str:
        try:
            parse_tax_mode(value)
        except InputError as error:
            raise InputError(error.field, error.reason_template, **error.params) from None
        return value

    @field_validator("tax_table_files")
    @classmethod
    def _inside(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        if info.data.get("tax_tables") == "loaded" and not value:
            raise ValueError('name Skatteverket\'s table files when tax_tables = "loaded"')
        folder = (info.context or {}).get("folder")
        if folder is not None:
            for name in value:
                try:
                    path = inside_folder(Path(folder), name, "se.tax_table_files")
                except ConfigError as error:
                    raise InputError(
                        "tax_table_files", error.reason_template, **error.params
                    ) from None
                if not path.is_file():
                    raise InputError(
                        "tax_table_files", "{name} not found in {folder}", name=name, folder=folder
                    )
        return value


class _Setup(NamedTuple):
    """Everything a model needs that does not depend on the amounts: made once per
    payment day, birth year, holiday policy, pension rate, pay earlier this year and tax
    mode, then shared by every calculation with those."""

    holiday_rate: Decimal
    holiday_ref: str
    holiday_text: str
    holiday_pct: str
    #: ``1 + holiday rate`` to the öre when ``kronor × scale`` equals ``kronor`` plus
    #: the holiday pay rounded to öre (the rate has at most two decimals), else ``None``.
    scale: Decimal | None
    #: ``scale × (1 + contribution rate)`` when the total cost of ``kronor`` is that
    #: product rounded half up to öre (exact scale, one contribution rate, no pension).
    combined: Decimal | None
    pension_tax_rate: Decimal
    pension_tax_ref: str
    pension_tax_text: str
    pension_tax_pct: str
    rule: ContributionRule
    flat_rate: Decimal | None
    flat_from: Decimal
    tax_mode: TaxMode
    factor_max: Decimal
    factor_min: Decimal
    taxable_factor: Decimal


_EXPENSES_REF = (
    "Outlays made for the employer and repaid against receipts (utlägg) are not pay: "
    "no tax, no contributions"
)
_TAXABLE_REF = "Inkomstskattelag (1999:1229) 11 kap. 1 §; Socialavgiftslag (2000:980) 2 kap. 10 §"
_NET_REF = "Skatteförfarandelag (2011:1244) 10 kap. (skatteavdrag)"
_SAME_MONTH_REF = (
    "Skatteförfarandelag (2011:1244) 11 kap.; several payments in a month are taxed by the "
    "table on their sum"
)
_PENSION_TAX_LAW = "Lag (1991:687) om särskild löneskatt på pensionskostnader"
_NO_HOLIDAY_REF = f"{POLICY_REFERENCE} [se] holiday_pay = none"
_NO_PENSION_TAX_FORMULA = f"no pension premium = {ZERO_ORE}"

# TraceLine(...) without the named tuple's Python-level __new__ (same tuple, one call less).
_line = tuple.__new__


@lru_cache(maxsize=256)
def _tax_mode(text: str) -> TaxMode:
    return parse_tax_mode(text)


class SwedishPayroll:
    """Sweden's payroll rules bound to a parameter set and a cooperative's ``[se]`` settings.

    Args:
        parameters: Sweden's parameters, with the cooperative's overrides; Sweden's own
            if ``None``.
        settings: The cooperative's ``[se]`` section; the defaults if ``None``.
        folder: The cooperative's folder, where ``tax_table_files`` are (they must stay
            inside it).
        source: Where tax tables come from, overriding ``settings`` (computed from the
            parameters by default; tests and tools may pass ``LoadedTables``).

    Raises:
        ConfigError: ``loaded`` tables without files, or a file outside the folder or
            missing (naming ``cooperative.toml`` and the key).
    """

    def __init__(
        self,
        parameters: ParameterSet | None = None,
        settings: SwedishSettings | None = None,
        folder: Path | None = None,
        *,
        source: TableSource | None = None,
    ) -> None:
        self.parameters = parameters if parameters is not None else load_swedish_parameters()
        self.settings = settings if settings is not None else SwedishSettings()
        self.default_tax = self.settings.default_tax
        self.default_holiday_pay = str(self.settings.holiday_pay.value)
        self._folder = folder
        self._source = source
        self._setups: dict[tuple[Any, ...], _Setup] = {}
        if source is None and self.settings.tax_tables == "loaded":
            self._loaded_files()  # refuse a bad configuration at once, read the files later

    def _loaded_files(self) -> list[Path]:
        files = self.settings.tax_table_files
        if not files:
            raise ConfigError(
                "cooperative.toml",
                "se.tax_table_files",
                'name Skatteverket\'s table files when tax_tables = "loaded"',
            )
        folder = self._folder if self._folder is not None else Path.cwd()
        paths = [inside_folder(folder, name, "se.tax_table_files") for name in files]
        for path in paths:
            if not path.is_file():
                raise ConfigError(
                    "cooperative.toml", "se.tax_table_files", "{path} not found", path=path
                )
        return paths

    @property
    def source(self) -> TableSource:
        """Where tax tables come from (computed, or Skatteverket's files, read once)."""
        if self._source is None:
            if self.settings.tax_tables == "loaded":
                self._source = LoadedTables.from_files(*self._loaded_files())
            else:
                self._source = ComputedTables.shared(self.parameters)
        return self._source

    def holiday_pay_policies(self) -> tuple[str, ...]:
        """``semesterersattning`` and ``none``."""
        return tuple(policy.value for policy in HolidayPayPolicy)

    def validate_tax_mode(self, text: str, field: str = "tax") -> str:
        """The tax mode ``text`` if Sweden knows it (see :func:`parse_tax_mode`)."""
        try:
            _tax_mode(text)
        except InputError as error:
            raise InputError(field, error.reason_template, **error.params) from None
        return text.strip().lower()

    def model(self, inp: SalaryInput) -> SwedishSalary:
        """The cost model and withholding for ``inp``.

        Raises:
            InputError: An unknown tax mode or holiday-pay policy, or a tax-table column
                for another age than the person's.
            RulesError: A parameter has no value on the payment date.
        """
        holiday = inp.holiday_pay or self.default_holiday_pay
        key = (
            inp.paid_on,
            inp.birth_date.year,
            holiday,
            inp.pension_rate,
            inp.paid_this_year,
            inp.tax,
        )
        setup = self._setups.get(key)
        if setup is None:
            try:
                setup = self._setup(inp, holiday)
            except MissingParameterError as exc:
                raise RulesError(
                    "pay given out on {day}: no Swedish payroll parameters for {year} ({reason})",
                    day=inp.paid_on,
                    year=inp.paid_on.year,
                    reason=exc,
                ) from None
            if len(self._setups) > 4096:
                self._setups.clear()
            self._setups[key] = setup
        source = self._source
        if source is None:
            source = self.source
        return SwedishSalary(inp, self.parameters, source, setup)

    def _setup(self, inp: SalaryInput, holiday: str) -> _Setup:
        params = self.parameters
        if holiday not in self.holiday_pay_policies():
            raise InputError(
                "holiday_pay",
                "{policy!r} is unknown (known: {known})",
                policy=holiday,
                known=", ".join(self.holiday_pay_policies()),
            )
        mode = _tax_mode(inp.tax)
        at = params.at(inp.paid_on)
        if isinstance(mode, TableTax | NoInformation):
            _check_column(mode, inp.birth_date, inp.paid_on, at.decimal(OLDER_COLUMN_AGE))
        if holiday == HolidayPayPolicy.SEMESTERERSATTNING:
            holiday_rate, holiday_ref = at.decimal(HOLIDAY_RATE), at.reference(HOLIDAY_RATE)
        else:
            holiday_rate, holiday_ref = ZERO, ""
        pension_rate = inp.pension_rate
        if pension_rate:
            pension_tax_rate, pension_tax_ref = at.decimal(PENSION_TAX), at.reference(PENSION_TAX)
        else:
            pension_tax_rate, pension_tax_ref = ZERO, ""
        rule = contribution_rule(inp.birth_date, inp.paid_on, params=params)
        # One rate on the whole pay (no youth cap, the 1 000 kr threshold already passed):
        # the solver's hot path can skip the general rule. With nothing paid earlier this
        # year there is no catch-up either: the rate applies from the threshold on.
        passed = inp.paid_this_year >= rule.threshold
        flat = rule.youth_cap is None and (passed or not inp.paid_this_year)
        flat_rate = rule.full_rate if flat else None
        # kronor × (1 + rate) has the rate's decimals; with at most two it is exact to the
        # öre and equals kronor + (kronor × rate) rounded to öre (trailing zeros included).
        exponent = holiday_rate.as_tuple().exponent
        scale = (
            (ONE + holiday_rate).quantize(ORE)
            if isinstance(exponent, int) and exponent >= -2
            else None
        )
        # The cost of an öre-exact taxable pay t is t + round(t × rate) = round(t × (1 +
        # rate)) (t is a whole number of öre and nothing is negative), so with one rate and
        # no pension the total is one product, rounded once. The product must be exact.
        combined = None
        if scale is not None and flat_rate is not None and not pension_rate:
            with localcontext() as exact:
                exact.traps[Inexact] = True
                try:
                    combined = scale * (ONE + flat_rate)
                except Inexact:  # pragma: no cover - rates with more than 20 digits
                    combined = None
        on_pay = ONE + pension_rate * (ONE + pension_tax_rate)
        factor = ONE + holiday_rate
        return _Setup(
            holiday_rate=holiday_rate,
            holiday_ref=holiday_ref,
            holiday_text=str(holiday_rate),
            holiday_pct=percent_text(holiday_rate),
            scale=scale,
            combined=combined,
            pension_tax_rate=pension_tax_rate,
            pension_tax_ref=pension_tax_ref,
            pension_tax_text=str(pension_tax_rate),
            pension_tax_pct=percent_text(pension_tax_rate),
            rule=rule,
            flat_rate=flat_rate,
            flat_from=ZERO if passed else rule.threshold,
            tax_mode=mode,
            # Bounds of the cost of one more krona of gross (the 1 000 kr rule and
            # rounding are handled by the solver's checks).
            factor_max=factor * (on_pay + rule.full_rate),
            factor_min=factor * (on_pay + rule.rate),
            taxable_factor=factor,
        )


def _check_column(
    mode: TableTax | NoInformation, birth_date: date, paid_on: date, older: Decimal
) -> None:
    # SFL 12 kap.; Skatteverket's tables: column 1 is pay to a person who had not turned
    # 66 at the start of the year, column 3 pay to one who had (applied by birth year, as
    # Skatteverket publishes it: 2026, column 3 = born 1959 or earlier).
    age = paid_on.year - birth_date.year - 1
    if mode.column == 1 and age >= older:
        raise InputError(
            "tax",
            "column 1 is for pay to a person under {older} at the start of the year; born "
            "{born}, the member had turned {older} at the start of {year}: use column 3",
            older=older,
            born=birth_date.year,
            year=paid_on.year,
        )
    if mode.column == 3 and age < older:
        raise InputError(
            "tax",
            "column 3 is for pay to a person who had turned {older} at the start of the "
            "year; born {born}, the member had not at the start of {year}: use column 1",
            older=older,
            born=birth_date.year,
            year=paid_on.year,
        )


class SwedishSalary:
    """Sweden's cost model and withholding for one input (see :class:`SwedishPayroll`)."""

    __slots__ = (
        "combined",
        "factor_max",
        "factor_min",
        "flat_from",
        "flat_rate",
        "holiday_rate",
        "inp",
        "params",
        "pension_rate",
        "pension_tax_rate",
        "rule",
        "scale",
        "setup",
        "source",
        "tax_mode",
        "taxable_factor",
    )

    def __init__(
        self, inp: SalaryInput, params: ParameterSet, source: TableSource, setup: _Setup
    ) -> None:
        self.inp = inp
        self.params = params
        self.source = source
        self.setup = setup
        self.pension_rate = inp.pension_rate
        self.holiday_rate = setup.holiday_rate
        self.pension_tax_rate = setup.pension_tax_rate
        self.rule = setup.rule
        self.flat_rate = setup.flat_rate
        self.flat_from = setup.flat_from
        self.scale = setup.scale
        self.combined = setup.combined
        self.tax_mode = setup.tax_mode
        self.factor_max = setup.factor_max
        self.factor_min = setup.factor_min
        self.taxable_factor = setup.taxable_factor

    def cost(self, gross: Decimal) -> Cost:
        """Holiday pay, contributions, pension and its tax on ``gross``, and the total."""
        gross = gross + ZERO_ORE
        holiday = (gross * self.holiday_rate).quantize(ORE, ROUND_HALF_UP)
        taxable = gross + holiday
        flat_rate = self.flat_rate
        if flat_rate is not None:
            # The rule's amount when one rate applies from flat_from on (see _setup).
            if taxable >= self.flat_from:
                contributions = (taxable * flat_rate).quantize(ORE, ROUND_HALF_UP)
            else:
                contributions = ZERO_ORE
        else:
            inp = self.inp
            contributions = self.rule.amount(taxable, inp.paid_this_month, inp.paid_this_year)
        if self.pension_rate:
            pension = (taxable * self.pension_rate).quantize(ORE, ROUND_HALF_UP)
            pension_tax = (pension * self.pension_tax_rate).quantize(ORE, ROUND_HALF_UP)
        else:
            pension = pension_tax = ZERO_ORE
        total = taxable + contributions + pension + pension_tax
        return Cost(gross, holiday, taxable, contributions, pension, pension_tax, total)

    def taxable(self, units: int) -> Decimal:
        """Salary plus holiday pay for a gross of ``units`` kronor."""
        gross = Decimal(units)
        scale = self.scale
        if scale is not None and units < _EXACT_BELOW:
            return gross * scale
        return gross + ZERO_ORE + (gross * self.holiday_rate).quantize(ORE, ROUND_HALF_UP)

    def total(self, units: int) -> Decimal:
        """The total cost of a gross of ``units`` kronor (the budget solver's hot path)."""
        gross = Decimal(units)
        scale = self.scale
        if scale is not None and units < _EXACT_BELOW:
            combined = self.combined
            if combined is not None:
                # One rate, no pension: the total is one product rounded once (_setup).
                if self.flat_from and gross * scale < self.flat_from:
                    return gross * scale
                return (gross * combined).quantize(ORE, ROUND_HALF_UP)
            taxable = gross * scale
        else:
            taxable = gross + (gross * self.holiday_rate).quantize(ORE, ROUND_HALF_UP)
        if self.flat_rate is not None:
            if taxable >= self.flat_from:
                total = taxable + (taxable * self.flat_rate).quantize(ORE, ROUND_HALF_UP)
            else:
                total = taxable
        else:
            total = taxable + self.rule.amount(
                taxable, self.inp.paid_this_month, self.inp.paid_this_year
            )
        if self.pension_rate:
            pension = (taxable * self.pension_rate).quantize(ORE, ROUND_HALF_UP)
            total += pension + (pension * self.pension_tax_rate).quantize(ORE, ROUND_HALF_UP)
        return total

    def _tax(self, taxable: Decimal) -> Withheld:
        """The preliminary tax on ``taxable``: amount, rule, reference, parameters, formula."""
        # The taxable pay is a finite Decimal, never negative: no checks needed.
        mode = self.tax_mode
        earlier = self.inp.paid_this_month
        if not earlier or not isinstance(mode, TableTax | NoInformation):
            return withheld_from(mode, taxable, self.inp.paid_on, self.params, self.source)
        # A second payment in the month: the table tax on the month's whole pay, less the
        # table tax on what was given out earlier in the month (SFL 11 kap.).
        total = earlier + taxable
        amount, rule, reference, values, formula = withheld_from(
            mode, total, self.inp.paid_on, self.params, self.source
        )
        before = withheld_from(mode, earlier, self.inp.paid_on, self.params, self.source)[0]
        this = min(max(amount - before, ZERO), taxable.quantize(ONE, ROUND_DOWN))
        values["paid_this_month"] = str(earlier)
        values["tax_on_earlier_pay"] = str(before)
        return (
            this,
            f"{rule}, same month",
            f"{reference}; {_SAME_MONTH_REF}",
            values,
            f"This month's pay {earlier!s} + {taxable!s} = {total!s}. {formula} Less the tax "
            f"on the month's earlier pay ({before} kr): {amount} − {before} = {this}.",
        )

    def withheld(self, taxable: Decimal) -> Decimal:
        """The preliminary tax on ``taxable`` (the net solver's question)."""
        return self._tax(taxable)[0]

    def explain(self, cost: Cost) -> NationalTrace:
        """Holiday pay, contributions, pension tax and preliminary tax lines of ``cost``."""
        setup = self.setup
        inp = self.inp
        gross, holiday, taxable, _, pension, pension_tax, _ = cost
        s_gross, s_hol = str(gross), str(holiday)
        if setup.holiday_rate:
            holiday_line = _line(
                TraceLine,
                (
                    "holiday_pay",
                    holiday,
                    "semesterersattning",
                    {HOLIDAY_RATE: setup.holiday_text},
                    setup.holiday_ref,
                    f"{s_gross} × {setup.holiday_pct} = {s_hol}",
                ),
            )
        else:
            holiday_line = _line(
                TraceLine,
                ("holiday_pay", holiday, "none", {}, _NO_HOLIDAY_REF, f"no holiday pay = {s_hol}"),
            )
        amount, _, rule, parameters, reference, formula = self.rule.explained(
            taxable, inp.paid_this_month, inp.paid_this_year
        )
        contributions_line = _line(
            TraceLine, ("employer_contributions", amount, rule, parameters, reference, formula)
        )
        if self.pension_rate:
            pension_tax_line = _line(
                TraceLine,
                (
                    "pension_tax",
                    pension_tax,
                    "sarskild-loneskatt",
                    {PENSION_TAX: setup.pension_tax_text},
                    setup.pension_tax_ref,
                    f"{pension!s} × {setup.pension_tax_pct} = {pension_tax!s}",
                ),
            )
        else:
            pension_tax_line = _line(
                TraceLine,
                ("pension_tax", pension_tax, "none", {}, _PENSION_TAX_LAW, _NO_PENSION_TAX_FORMULA),
            )
        if inp.paid_this_month:
            tax = self._tax(taxable)
        else:
            tax = withheld_from(self.tax_mode, taxable, inp.paid_on, self.params, self.source)
        tax_amount, tax_rule, tax_reference, tax_parameters, tax_formula = tax
        tax_line = _line(
            TraceLine,
            ("preliminary_tax", tax_amount, tax_rule, tax_parameters, tax_reference, tax_formula),
        )
        return _line(  # NationalTrace(...) without the named tuple's Python-level __new__
            NationalTrace,
            (
                holiday_line,
                contributions_line,
                pension_tax_line,
                tax_line,
                _TAXABLE_REF,
                _NET_REF,
                _EXPENSES_REF,
            ),
        )

# SPDX-License-Identifier: EUPL-1.2
"""Exampleland's payroll law: holiday pay, the employer contribution and the tax.

Exampleland is fictional and so is every figure here (``parameters/*.toml``). Its law:

* **holiday pay** (policy ``with_pay``, the default) is ``holiday.rate`` (10 %) of the
  gross salary, paid with every salary, rounded to the cent; policy ``none`` pays none;
* the **employer contribution** is ``contributions.rate`` of the taxable pay (salary and
  holiday pay), rounded to the cent;
* the **tax** (mode ``standard``) is ``tax.rate`` of the taxable pay above the allowance
  ``tax.allowance``, rounded down to whole units; mode ``exempt`` withholds none.

The salary solver of kooperativ is common to every country: it asks a
:class:`~kooperativ.rules.payroll.SalaryModel` what a gross salary costs and what tax is
withheld, and needs both never to fall when the pay grows.

Examples:
    >>> from datetime import date
    >>> from kooperativ.payroll import SalaryInput, calculate_salary
    >>> from kooperativ_exampleland import Exampleland
    >>> inp = SalaryInput.create(gross="1000", birth_date=date(1990, 4, 15),
    ...     paid_on=date(2026, 3, 25), tax="standard")
    >>> result = calculate_salary(inp, Exampleland().payroll())
    >>> result.holiday_pay, result.preliminary_tax, result.net_pay
    (Decimal('100.00'), Decimal('126.00'), Decimal('974.00'))
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict

from kooperativ.errors import InputError
from kooperativ.money import ONE, ORE, ZERO, ZERO_ORE
from kooperativ.payroll import NO_HOLIDAY_PAY, Cost, NationalTrace, SalaryInput, TraceLine
from kooperativ.rules.parameters import ParameterSet

__all__ = ["WITH_PAY", "ExamplelandPayroll", "ExamplelandSalary", "ExamplelandSettings"]

#: The holiday-pay policy of Exampleland's Holiday Act: paid with every salary.
WITH_PAY = "with_pay"

#: Exampleland's tax modes.
TAX_MODES = ("standard", "exempt")


class ExamplelandSettings(BaseModel):
    """Exampleland's section of ``cooperative.toml`` (``[xe]``): every key has a default.

    Attributes:
        default_tax: The tax mode of a member whose own is not registered.
        holiday_pay: The holiday-pay policy when a salary names none.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    default_tax: str = "standard"
    holiday_pay: str = WITH_PAY


class ExamplelandSalary:
    """The cost model and withholding of one salary input, every rate resolved once."""

    def __init__(self, inp: SalaryInput, parameters: ParameterSet, mode: str, holiday: str):
        at = parameters.at(inp.paid_on)
        self.inp = inp
        self.mode = mode
        self.holiday_rate = at.decimal("holiday.rate") if holiday == WITH_PAY else ZERO
        self.holiday_reference = at.reference("holiday.rate")
        self.rate = at.decimal("contributions.rate")
        self.rate_reference = at.reference("contributions.rate")
        self.tax_rate = at.decimal("tax.rate") if mode == "standard" else ZERO
        self.allowance = at.decimal("tax.allowance")
        self.tax_reference = at.reference("tax.rate")
        self.taxable_factor = ONE + self.holiday_rate
        # One more unit of gross adds about (1 + holiday) × (1 + contribution + pension).
        self.factor_min = self.factor_max = self.taxable_factor * (
            ONE + self.rate + inp.pension_rate
        )

    def cost(self, gross: Decimal) -> Cost:
        """Holiday pay, contribution and pension premium on ``gross``."""
        gross = gross + ZERO_ORE
        holiday = (gross * self.holiday_rate).quantize(ORE, ROUND_HALF_UP)
        taxable = gross + holiday
        contributions = (taxable * self.rate).quantize(ORE, ROUND_HALF_UP)
        pension = (taxable * self.inp.pension_rate).quantize(ORE, ROUND_HALF_UP)
        total = taxable + contributions + pension
        return Cost(gross, holiday, taxable, contributions, pension, ZERO_ORE, total)

    def total(self, units: int) -> Decimal:
        """The total cost of a gross salary of ``units``."""
        return self.cost(Decimal(units)).total

    def taxable(self, units: int) -> Decimal:
        """The taxable pay of a gross salary of ``units``."""
        return self.cost(Decimal(units)).taxable

    def withheld(self, taxable: Decimal) -> Decimal:
        """The tax above the allowance, rounded down to whole units (Income Tax Act § 6)."""
        above = max(taxable - self.allowance, ZERO)
        return (above * self.tax_rate).quantize(ONE, ROUND_DOWN) + ZERO_ORE

    def explain(self, cost: Cost) -> NationalTrace:
        """One trace line for each amount the law of Exampleland decides."""
        tax = self.withheld(cost.taxable)
        return NationalTrace(
            holiday_pay=TraceLine(
                "holiday_pay", cost.holiday, "with_pay" if self.holiday_rate else "none",
                {"holiday.rate": str(self.holiday_rate)}, self.holiday_reference,
                f"{cost.gross} × {self.holiday_rate} = {cost.holiday}",
            ),
            employer_contributions=TraceLine(
                "employer_contributions", cost.contributions, "social-security",
                {"contributions.rate": str(self.rate)}, self.rate_reference,
                f"{cost.taxable} × {self.rate} = {cost.contributions}",
            ),
            pension_tax=TraceLine(
                "pension_tax", cost.pension_tax, "none", {},
                "Exampleland Income Tax Act § 9 (fictional): pension premiums are not taxed",
                f"no pension tax = {cost.pension_tax}",
            ),
            preliminary_tax=TraceLine(
                "preliminary_tax", tax, self.mode,
                {"tax.rate": str(self.tax_rate), "tax.allowance": str(self.allowance)},
                self.tax_reference,
                f"({cost.taxable} − {self.allowance}) × {self.tax_rate}, rounded down = {tax}",
            ),
            taxable_reference="Exampleland Income Tax Act § 2 (fictional): pay is taxable",
            net_reference="Exampleland Income Tax Act § 6 (fictional): tax is withheld",
            expenses_reference="Exampleland Income Tax Act § 3 (fictional): outlays repaid",
        )  # fmt: skip


class ExamplelandPayroll:
    """Exampleland's payroll law bound to parameters and a cooperative's ``[xe]``."""

    def __init__(self, parameters: ParameterSet, settings: ExamplelandSettings) -> None:
        self.parameters = parameters
        self.settings = settings
        self.default_tax = settings.default_tax
        self.default_holiday_pay = settings.holiday_pay

    def holiday_pay_policies(self) -> tuple[str, ...]:
        """``with_pay`` (Holiday Act § 2) and ``none``."""
        return (WITH_PAY, NO_HOLIDAY_PAY)

    def validate_tax_mode(self, text: str, field: str = "tax") -> str:
        """``standard`` or ``exempt``."""
        mode = str(text).strip().lower()
        if mode not in TAX_MODES:
            raise InputError(
                field, "{mode!r} is not an Exampleland tax mode (standard, exempt)", mode=text
            )
        return mode

    def model(self, inp: SalaryInput) -> ExamplelandSalary:
        """The cost model of ``inp``."""
        mode = self.validate_tax_mode(inp.tax)
        holiday = inp.holiday_pay or self.default_holiday_pay
        if holiday not in self.holiday_pay_policies():
            raise InputError(
                "holiday_pay", "{policy!r} is not an Exampleland holiday-pay policy",
                policy=holiday,
            )  # fmt: skip
        return ExamplelandSalary(inp, self.parameters, mode, holiday)

# SPDX-License-Identifier: EUPL-1.2
"""What a country's payroll law gives the salary solver.

The solver (:mod:`kooperativ.payroll.solver`) is common to every country: it finds the
largest gross salary a budget pays for, the smallest gross that reaches a wanted net pay,
the invoice that pays for it, and writes the trace. What one salary *costs* and how much
tax is *withheld* is national law; a country provides it in two steps:

1. :class:`PayrollRules` — the country's payroll law bound to a parameter set (the
   country's, with the cooperative's overrides) and to the cooperative's national
   settings (its section of ``cooperative.toml``). ``country.payroll(...)`` builds one.
2. :class:`SalaryModel` — the rules applied to one :class:`~kooperativ.payroll.SalaryInput`:
   its cost model and withholding, with every rate resolved once.

The solver relies on two properties a model must have (the country conformance suite in
:mod:`kooperativ.testing.country` checks both): the total cost never falls when the gross
salary grows, and the tax withheld never falls when the taxable pay grows (net pay may
fall, as it does at the start of a row of Sweden's tax tables; the solver allows for
that).

A country that publishes tax tables (Sweden) can also implement :class:`PublishesTaxTables`,
which the ``kooperativ tax`` and ``tax-table`` commands use.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from kooperativ.payroll.model import Cost, SalaryInput
    from kooperativ.payroll.trace import NationalTrace
    from kooperativ.rules.parameters import ParameterSet

__all__ = [
    "PayrollRules",
    "PublishesTaxTables",
    "SalaryModel",
    "TaxTableRow",
    "TaxTableView",
]


@runtime_checkable
class SalaryModel(Protocol):
    """One input's cost model and withholding, by the country's law.

    Amounts of gross salary are whole units of the currency (``units``) where the solver
    searches, Decimals elsewhere.

    Attributes:
        taxable_factor: About how much taxable pay one unit of gross gives (``1 + holiday
            rate``); the solver's first guess, corrected by :meth:`taxable`.
        factor_min: The least one more unit of gross can add to the total cost (apart
            from rounding and one-off thresholds).
        factor_max: The most one more unit of gross can add to the total cost.
    """

    taxable_factor: Decimal
    factor_min: Decimal
    factor_max: Decimal

    def cost(self, gross: Decimal) -> Cost:
        """Everything ``gross`` costs the employer, amount by amount."""
        ...

    def total(self, units: int) -> Decimal:
        """``cost(Decimal(units)).total``, as fast as the country can make it (the budget
        solver calls it a few dozen times per salary). Never falls when ``units`` grows."""
        ...

    def taxable(self, units: int) -> Decimal:
        """``cost(Decimal(units)).taxable``: the taxable pay of a whole-unit gross."""
        ...

    def withheld(self, taxable: Decimal) -> Decimal:
        """The preliminary tax on ``taxable`` (never more than it; never falls when it
        grows)."""
        ...

    def explain(self, cost: Cost) -> NationalTrace:
        """The trace lines of the national amounts of ``cost``, tax included."""
        ...


@runtime_checkable
class PayrollRules(Protocol):
    """A country's payroll law, bound to parameters and the cooperative's settings.

    Attributes:
        parameters: The parameter set in use (the country's, with any overrides).
        default_tax: The tax mode for a member whose own is not registered.
        default_holiday_pay: The holiday-pay policy when the input names none.
    """

    parameters: ParameterSet
    default_tax: str
    default_holiday_pay: str

    def holiday_pay_policies(self) -> tuple[str, ...]:
        """Every holiday-pay policy the country knows; ``"none"`` is always one."""
        ...

    def validate_tax_mode(self, text: str, field: str = "tax") -> str:
        """Return the tax mode ``text`` in its normal form, or raise ``InputError``."""
        ...

    def model(self, inp: SalaryInput) -> SalaryModel:
        """The cost model and withholding for ``inp``.

        Raises:
            InputError: The tax mode or holiday-pay policy is unknown, or does not fit the
                person (e.g. a tax-table column for another age).
            RulesError: A parameter has no value on the payment date.
        """
        ...


class TaxTableRow(Protocol):
    """One row of a published tax table."""

    @property
    def income_from(self) -> int:
        """Lowest income of the row."""
        ...

    @property
    def income_to(self) -> int | None:
        """Highest income of the row (``None``: open-ended)."""
        ...

    @property
    def amount(self) -> Decimal | None:
        """The tax in the currency, or ``None`` in a percent row."""
        ...

    @property
    def percent(self) -> Decimal | None:
        """The tax as a percentage of the income, or ``None`` in an amount row."""
        ...


class TaxTableView(Protocol):
    """A published tax table, as the ``tax-table`` command prints it."""

    @property
    def rows(self) -> Sequence[TaxTableRow]:
        """Every row, lowest income first."""
        ...

    def deduction(self, income: Decimal) -> Decimal:
        """The tax on ``income`` by this table."""
        ...


@runtime_checkable
class PublishesTaxTables(Protocol):
    """A country whose tax authority publishes withholding tables (optional)."""

    def tax_table(self, year: int, table: int, column: int) -> TaxTableView:
        """One column of one table of ``year``.

        Raises:
            InputError: No such table, column or year.
        """
        ...

# SPDX-License-Identifier: EUPL-1.2
"""Payroll: salary from an invoice, a budget, a gross salary or a wanted net pay.

Pure functions and immutable records: no I/O and no clock (the payment date is an input).
The solver is common to every country; what a salary costs and the tax withheld come
from the country's payroll rules (``get_country(code).payroll(...)``, or a cooperative's
``coop.payroll.rules()``).

* :mod:`~kooperativ.payroll.model` — :class:`SalaryInput`, :class:`SalaryResult`;
* :mod:`~kooperativ.payroll.solver` — :func:`calculate_salary`, :func:`invoice_for_net`;
* :mod:`~kooperativ.payroll.trace` — :class:`TraceLine`: how each amount was found.

>>> from datetime import date
>>> from kooperativ.rules.country import get_country
>>> salary = SalaryInput.create(gross="20000", birth_date=date(1985, 3, 1),
...                             paid_on=date(2026, 11, 25), tax="side-income")
>>> calculate_salary(salary, get_country("SE").payroll()).holiday_pay
Decimal('2400.00')
"""

from kooperativ.payroll.model import (
    AMOUNT_LIMIT,
    FIELDS,
    NO_HOLIDAY_PAY,
    Cost,
    SalaryInput,
    SalaryResult,
    TaxDeduction,
)
from kooperativ.payroll.solver import calculate_salary, fee_on, invoice_for_net
from kooperativ.payroll.trace import (
    NationalTrace,
    TraceLine,
    localise,
    tax_mode_text,
    trace_as_dicts,
)

__all__ = [
    "AMOUNT_LIMIT",
    "FIELDS",
    "NO_HOLIDAY_PAY",
    "Cost",
    "NationalTrace",
    "SalaryInput",
    "SalaryResult",
    "TaxDeduction",
    "TraceLine",
    "calculate_salary",
    "fee_on",
    "invoice_for_net",
    "localise",
    "tax_mode_text",
    "trace_as_dicts",
]

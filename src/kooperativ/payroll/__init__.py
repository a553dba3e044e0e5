# SPDX-License-Identifier: EUPL-1.2
"""Payroll: salary from an invoice, a budget, a gross salary or a wanted net pay.

Pure functions and immutable records: no I/O and no clock (the payment date is an input).

>>> from datetime import date
>>> salary = SalaryInput.create(gross="20000", birth_date=date(1985, 3, 1),
...                             paid_on=date(2026, 11, 25), tax="side-income")
>>> calculate_salary(salary).holiday_pay
Decimal('2400.00')
"""

from kooperativ.payroll.salary import (
    FIELDS,
    HolidayPayPolicy,
    SalaryInput,
    SalaryResult,
    calculate_salary,
    invoice_for_net,
)
from kooperativ.payroll.trace import TraceLine, trace_as_dicts

__all__ = [
    "FIELDS",
    "HolidayPayPolicy",
    "SalaryInput",
    "SalaryResult",
    "TraceLine",
    "calculate_salary",
    "invoice_for_net",
    "trace_as_dicts",
]

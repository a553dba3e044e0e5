# SPDX-License-Identifier: EUPL-1.2
"""Members' expenses (*utlägg*) and salary requests (*löneuttag*).

:mod:`kooperativ.expenses.models` holds the :class:`Expense` record (an outlay a member
paid for the cooperative, with its receipt and input VAT) and
:mod:`kooperativ.expenses.salary_requests` the :class:`SalaryRequest` (a member asking to
be paid an amount, or all available, on a pay date). The services are
``coop.expenses`` and ``coop.salary_requests``.
"""

from __future__ import annotations

from kooperativ.expenses.models import Expense, ExpenseStatus
from kooperativ.expenses.salary_requests import SalaryRequest, SalaryRequestStatus

__all__ = ["Expense", "ExpenseStatus", "SalaryRequest", "SalaryRequestStatus"]

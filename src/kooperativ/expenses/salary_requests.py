# SPDX-License-Identifier: EUPL-1.2
"""A salary request (*löneuttag*): a member asks to be paid out of their account.

The member names a pay date and the budget to use (the whole salary cost: gross pay,
holiday pay, employer contributions and pension come out of it), or asks for all that is
available. The request records what it was checked against and what it becomes (gross,
contributions, tax, net) when it was made; an officer other than the member approves or
rejects it, and it is ``paid`` once the payroll has paid it.

>>> from datetime import date
>>> from uuid import UUID
>>> r = SalaryRequest(number=1, member_id=UUID(int=1), pay_date=date(2026, 6, 25),
...                   amount=None, budget="12000.00", available="12000.00")
>>> r.all_available, r.status.value
(True, 'requested')
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from pydantic import Field, field_validator

from kooperativ._model import Record
from kooperativ.expenses.models import whole_ore

__all__ = ["SalaryRequest", "SalaryRequestStatus"]


class SalaryRequestStatus(StrEnum):
    """Where a salary request stands."""

    REQUESTED = "requested"  #: asked for, waiting for an officer
    APPROVED = "approved"  #: approved: the payroll pays it on the pay date
    REJECTED = "rejected"  #: refused (with a reason)
    PAID = "paid"  #: paid out


class SalaryRequest(Record):
    """A member's request to be paid a salary out of their account.

    Attributes:
        number: Running number of the request.
        member_id: The member to be paid.
        pay_date: The pay date asked for.
        amount: The budget asked for, or ``None`` for all available.
        budget: The budget the request uses: ``amount``, or all available when made.
        available: The member's balance when the request was made.
        advance: The part of ``budget`` paid ahead of the clients (above the balance).
        expenses: Approved expenses paid back with the salary, tax-free (not out of the
            budget).
        gross: The gross salary the budget gives.
        employer_contributions: The employer's contributions on it.
        tax: The preliminary tax withheld.
        net: The net salary.
        payout: What the member is paid: the net salary and the expenses.
        status: Where it stands.
        requested_by: Who made the request.
        requested_at: When.
        decided_by: Who approved or rejected it (never the member).
        decided_at: When.
        reason: Why it was rejected.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    member_id: UUID
    pay_date: dt.date
    amount: Decimal | None = None
    budget: Decimal
    available: Decimal
    advance: Decimal = Decimal("0.00")
    expenses: Decimal = Decimal("0.00")
    gross: Decimal = Decimal("0.00")
    employer_contributions: Decimal = Decimal("0.00")
    tax: Decimal = Decimal("0.00")
    net: Decimal = Decimal("0.00")
    payout: Decimal = Decimal("0.00")
    status: SalaryRequestStatus = SalaryRequestStatus.REQUESTED
    requested_by: str | None = None
    requested_at: dt.datetime | None = None
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    reason: str | None = Field(default=None, max_length=500)

    @field_validator(
        "budget", "available", "advance", "expenses", "gross", "employer_contributions",
        "tax", "net", "payout", mode="before",
    )  # fmt: skip
    @classmethod
    def _money(cls, value: Any) -> Decimal:
        return whole_ore(value)

    @field_validator("amount", mode="before")
    @classmethod
    def _asked(cls, value: Any) -> Decimal | None:
        return None if value is None else whole_ore(value)

    @property
    def all_available(self) -> bool:
        """Whether the member asked for all that is available."""
        return self.amount is None

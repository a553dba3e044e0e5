# SPDX-License-Identifier: EUPL-1.2
"""An expense (*utlägg*): something a member paid out of their own pocket for the
cooperative, to be paid back.

The receipt is the cooperative's *verifikation* (its reference is required); the VAT on it
is the cooperative's deductible input VAT, so it is at most the amount. An expense is
``submitted``, then ``approved`` or ``rejected`` by an officer other than the member who
paid it, and ``reimbursed`` once paid back with a payout.

>>> from datetime import date
>>> from uuid import UUID
>>> e = Expense(number=1, member_id=UUID(int=1), date=date(2026, 5, 4),
...             description="Färg", receipt="K-17", amount="1250.00", vat="250.00")
>>> e.net, e.status.value
(Decimal('1000.00'), 'submitted')
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from pydantic import Field, field_validator, model_validator

from kooperativ._model import Record
from kooperativ.money import ORE

__all__ = ["Expense", "ExpenseStatus", "whole_ore"]


class ExpenseStatus(StrEnum):
    """Where an expense stands."""

    SUBMITTED = "submitted"  #: handed in, waiting for an officer
    APPROVED = "approved"  #: approved and booked to the member's account
    REJECTED = "rejected"  #: refused (with a reason); nothing booked
    REIMBURSED = "reimbursed"  #: paid back with a payout


def whole_ore(value: Any) -> Decimal:
    """``value`` as a Decimal of whole öre; a float or more decimals are refused."""
    if isinstance(value, bool | float):
        raise ValueError('write the amount as a string, e.g. "1250.00"')
    try:
        amount = Decimal(str(value).strip())
    except ArithmeticError:
        raise ValueError("not an amount") from None
    if not amount.is_finite():
        raise ValueError("not an amount")
    if amount != amount.quantize(ORE):
        raise ValueError("an amount has at most two decimals (whole öre)")
    return amount.quantize(ORE)


class Expense(Record):
    """A member's outlay for the cooperative.

    Attributes:
        number: Running number of the expense.
        member_id: The member who paid it and is paid back.
        date: The day of the purchase (the receipt's date).
        description: What was bought, and for what.
        receipt: The receipt's reference (its number, or where it is filed): required.
        amount: What the member paid, VAT included (more than zero).
        vat: The VAT on the receipt (deductible input VAT): zero up to ``amount``.
        assignment_id: The assignment it was bought for, if any.
        project_id: The project it was bought for, if any.
        status: Where it stands.
        submitted_by: Who handed it in.
        submitted_at: When.
        decided_by: Who approved or rejected it (never the member who paid it).
        decided_at: When.
        reason: Why it was rejected.
        voucher: The voucher that booked it when approved (``U3``).
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    member_id: UUID
    date: dt.date
    description: str = Field(min_length=1, max_length=200)
    receipt: str = Field(min_length=1, max_length=100)
    amount: Decimal
    vat: Decimal = Decimal("0.00")
    assignment_id: UUID | None = None
    project_id: UUID | None = None
    status: ExpenseStatus = ExpenseStatus.SUBMITTED
    submitted_by: str | None = None
    submitted_at: dt.datetime | None = None
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    reason: str | None = Field(default=None, max_length=500)
    voucher: str | None = None

    @field_validator("amount", "vat", mode="before")
    @classmethod
    def _money(cls, value: Any) -> Decimal:
        return whole_ore(value)

    @model_validator(mode="after")
    def _amounts(self) -> Expense:
        if self.amount <= 0:
            raise ValueError("the amount must be more than zero")
        if self.vat < 0:
            raise ValueError("the VAT cannot be negative")
        if self.vat > self.amount:
            raise ValueError("the VAT cannot be more than the amount it is part of")
        return self

    @property
    def net(self) -> Decimal:
        """The amount without VAT: the cooperative's cost."""
        return self.amount - self.vat

# SPDX-License-Identifier: EUPL-1.2
"""Projects and the grants that fund them (*projekt och bidrag*).

A :class:`Project` is a piece of work with its own budget: its owners (members, at least
one), its period, a budget by kind (salaries, expenses, other), a status (planned, active,
closed) and the rules by which salary budget may be moved to members' accounts (which
members may receive, and up to how much in all). A :class:`Grant` is money a grantor
(Konstnärsnämnden, Kulturrådet, a region, a foundation …) has decided to give a project:
its decision, amount, period, conditions, reporting deadline, and the receipts booked so
far. A grant is not a sale: it carries no VAT and is never invoiced.

Examples:
    >>> from uuid import UUID
    >>> p = Project(number=1, name="Sommarturné", owner_ids=(UUID(int=1),),
    ...     start=dt.date(2026, 6, 1), end=dt.date(2026, 8, 31),
    ...     budget=Budget(salaries="90000", expenses="25000", other="5000"))
    >>> str(p.budget.total), p.status.value
    ('120000.00', 'planned')
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from pydantic import Field, field_validator, model_validator

from kooperativ._model import Record
from kooperativ.errors import InputError
from kooperativ.money import ORE, ZERO_ORE, to_decimal

__all__ = [
    "AMOUNT_LIMIT",
    "Budget",
    "Grant",
    "GrantReceipt",
    "MoveRule",
    "Project",
    "ProjectStatus",
]

#: The largest amount a budget line, grant or receipt may carry: larger is a typo.
AMOUNT_LIMIT = Decimal(1_000_000_000)

#: Fields a grant is refused with: a grant carries no VAT and is not invoiced.
_VAT_FIELDS = ("vat", "vat_rate", "vat_category", "vat_amount", "invoice", "invoice_id")


def _money(value: Any, field: str, *, positive: bool) -> Decimal:
    amount = to_decimal(value, field)
    if amount != amount.quantize(ORE):
        raise ValueError("an amount has at most two decimals (whole öre)")
    if positive and amount <= 0:
        raise ValueError("must be more than zero")
    if amount < 0:
        raise ValueError("must not be negative")
    if amount > AMOUNT_LIMIT:
        raise ValueError("the amount is too large")
    return amount.quantize(ORE)


class ProjectStatus(StrEnum):
    """Where a project stands."""

    PLANNED = "planned"
    ACTIVE = "active"
    CLOSED = "closed"


class Budget(Record):
    """A project's budget by kind, in kronor (each zero or more, whole öre).

    Attributes:
        salaries: Salaries with their employer contributions (moved to members' accounts).
        expenses: Costs of the work (travel, material, rent …).
        other: Everything else.
    """

    salaries: Decimal = ZERO_ORE
    expenses: Decimal = ZERO_ORE
    other: Decimal = ZERO_ORE

    @field_validator("salaries", "expenses", "other", mode="before")
    @classmethod
    def _amounts(cls, value: Any) -> Decimal:
        return _money(value, "budget", positive=False)

    @property
    def total(self) -> Decimal:
        """The three lines added up."""
        return (self.salaries + self.expenses + self.other).quantize(ORE)


class MoveRule(Record):
    """Who may receive salary budget from the project, and up to how much in all."""

    member_id: UUID
    limit: Decimal

    @field_validator("limit", mode="before")
    @classmethod
    def _limit(cls, value: Any) -> Decimal:
        return _money(value, "limit", positive=True)


class Project(Record):
    """A project (*projekt*) with its own budget and owners.

    Attributes:
        number: The project's number.
        name: Its name.
        owner_ids: The members who own it (at least one): they see it and may move its
            salary budget by its rules.
        start: The first day of its period.
        end: The last day of its period.
        budget: The budget by kind.
        status: planned, active or closed.
        rules: Who may receive salary budget and up to how much (one rule per member).
        description: What the project is.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    name: str = Field(min_length=1, max_length=200)
    owner_ids: tuple[UUID, ...] = Field(min_length=1, max_length=100)
    start: dt.date
    end: dt.date
    budget: Budget = Field(default_factory=Budget)
    status: ProjectStatus = ProjectStatus.PLANNED
    rules: tuple[MoveRule, ...] = ()
    description: str | None = Field(default=None, max_length=2000)

    @field_validator("owner_ids")
    @classmethod
    def _distinct_owners(cls, value: tuple[UUID, ...]) -> tuple[UUID, ...]:
        if len(set(value)) != len(value):
            raise ValueError("a member is named twice among the owners")
        return value

    @field_validator("rules")
    @classmethod
    def _one_rule_each(cls, value: tuple[MoveRule, ...]) -> tuple[MoveRule, ...]:
        if len({rule.member_id for rule in value}) != len(value):
            raise ValueError("a member has two rules: give each member one limit")
        return value

    @model_validator(mode="after")
    def _in_order(self) -> Project:
        if self.end < self.start:
            raise ValueError("the project ends before it starts")
        return self

    def rule_for(self, member_id: UUID) -> MoveRule | None:
        """The rule that lets ``member_id`` receive salary budget, or ``None``."""
        return next((rule for rule in self.rules if rule.member_id == member_id), None)


class GrantReceipt(Record):
    """Money received on a grant: the day, the amount and the voucher that booked it."""

    date: dt.date
    amount: Decimal
    voucher: str = Field(min_length=1, max_length=20)

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> Decimal:
        return _money(value, "amount", positive=True)


class Grant(Record):
    """A grant (*bidrag*) decided for a project.

    A grant is not a sale: it carries no VAT and is not invoiced. Money received on it is
    booked as grant income of the project (:attr:`receipts`).

    Attributes:
        number: The grant's number.
        project_id: The project it funds.
        grantor: Who gives it (Konstnärsnämnden, Kulturrådet, Region Skåne, a foundation).
        grantor_orgnr: The grantor's organisation number, if known.
        decision: The grantor's reference of the decision (*diarienummer*).
        decided_on: The day of the decision.
        amount: The amount granted.
        start: The first day of the period it is granted for.
        end: The last day of that period.
        conditions: What the decision asks for.
        report_due: The day the financial report is due (*redovisning*).
        receipts: The money received so far, in order.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    project_id: UUID
    grantor: str = Field(min_length=1, max_length=200)
    grantor_orgnr: str | None = Field(default=None, max_length=20)
    decision: str = Field(min_length=1, max_length=100)
    decided_on: dt.date
    amount: Decimal
    start: dt.date
    end: dt.date
    conditions: str | None = Field(default=None, max_length=4000)
    report_due: dt.date | None = None
    receipts: tuple[GrantReceipt, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _no_vat(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for name in _VAT_FIELDS:
                if name in data:
                    raise InputError(
                        name,
                        "a grant carries no VAT and is not invoiced: leave out {field}",
                        field=name,
                    )
        return data

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> Decimal:
        return _money(value, "amount", positive=True)

    @model_validator(mode="after")
    def _consistent(self) -> Grant:
        if self.end < self.start:
            raise ValueError("the grant's period ends before it starts")
        if self.received > self.amount:
            raise ValueError("more is received than the amount granted")
        return self

    @property
    def received(self) -> Decimal:
        """What has been received so far."""
        return sum((r.amount for r in self.receipts), ZERO_ORE).quantize(ORE)

    @property
    def outstanding(self) -> Decimal:
        """What is still to be received."""
        return (self.amount - self.received).quantize(ORE)

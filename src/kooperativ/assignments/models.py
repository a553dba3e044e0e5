# SPDX-License-Identifier: EUPL-1.2
"""Assignments (*uppdrag*): work a member brings from a client.

The member agrees the work with the client; the cooperative employs the member for it and
invoices the client. An assignment is priced either as an agreed amount excluding VAT or
as an hourly rate times the hours; its VAT category decides the rate on the invoice.

An assignment is *planned* (agreed, not started), *active* (the work is being done),
*completed* or *cancelled*; :data:`TRANSITIONS` says which changes are allowed::

    planned ──▶ active ──▶ completed
       │          │
       └──────────┴──▶ cancelled

An amount is at most :data:`MAX_AMOUNT` and more than zero: a typing slip such as an
extra three zeros is refused rather than invoiced.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final
from uuid import UUID, uuid4

from pydantic import Field, field_validator, model_validator

from kooperativ._model import Record
from kooperativ.errors import InputError, Term
from kooperativ.money import ORE

__all__ = [
    "MAX_AMOUNT",
    "TRANSITIONS",
    "Assignment",
    "AssignmentStatus",
    "AssignmentView",
]

#: The largest amount (agreed amount, hourly rate or total) an assignment may have. Not a
#: legal figure: a plausibility bound far above any one member's assignment, so that a
#: slip of the keyboard (``6000000000``) is refused instead of invoiced.
MAX_AMOUNT: Final = Decimal("100000000")


class AssignmentStatus(StrEnum):
    """Where an assignment stands."""

    PLANNED = "planned"  #: agreed with the client, not started
    ACTIVE = "active"  #: the work is being done
    COMPLETED = "completed"  #: done (to be invoiced and paid, or already)
    CANCELLED = "cancelled"  #: will not be done

    def can_become(self, other: AssignmentStatus) -> bool:
        """Whether an assignment may go from this status to ``other``."""
        return other in TRANSITIONS[self]


#: The status changes an assignment may make.
TRANSITIONS: Final[dict[AssignmentStatus, frozenset[AssignmentStatus]]] = {
    AssignmentStatus.PLANNED: frozenset({AssignmentStatus.ACTIVE, AssignmentStatus.CANCELLED}),
    AssignmentStatus.ACTIVE: frozenset({AssignmentStatus.COMPLETED, AssignmentStatus.CANCELLED}),
    AssignmentStatus.COMPLETED: frozenset(),
    AssignmentStatus.CANCELLED: frozenset(),
}


class Assignment(Record):
    """An assignment for a client, carried out by a member."""

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1, description="Assignment number (uppdragsnummer)")
    member_id: UUID
    client_id: UUID
    description: str = Field(min_length=1)
    start: date
    end: date
    agreed_amount: Decimal | None = Field(default=None, description="Excluding VAT")
    hourly_rate: Decimal | None = Field(default=None, description="Excluding VAT")
    hours: Decimal | None = None
    vat_category: str = "standard"
    currency: str = "SEK"
    status: AssignmentStatus = AssignmentStatus.PLANNED

    @field_validator("status", mode="before")
    @classmethod
    def _old_draft(cls, value: Any) -> Any:
        # "draft" was the name of "planned" before 0.1; records written then still read.
        return AssignmentStatus.PLANNED if value == "draft" else value

    @model_validator(mode="after")
    def _consistent(self) -> Assignment:
        if self.end < self.start:
            raise InputError(
                "end", "end ({end}) is before start ({start})", end=self.end, start=self.start
            )
        for name in ("agreed_amount", "hourly_rate", "hours"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise InputError(name, "{name} must not be negative", name=Term(name))
        if self.agreed_amount is None and (self.hourly_rate is None or self.hours is None):
            raise ValueError("give an agreed_amount, or an hourly_rate and hours")
        if self.agreed_amount is not None and self.hourly_rate is not None:
            raise ValueError("give an agreed_amount or an hourly_rate, not both")
        return self

    @property
    def amount_excl_vat(self) -> Decimal:
        """The agreed amount, or hourly rate × hours rounded to öre."""
        if self.agreed_amount is not None:
            return self.agreed_amount
        assert self.hourly_rate is not None and self.hours is not None  # checked above
        return (self.hourly_rate * self.hours).quantize(ORE)


class AssignmentView(Record):
    """An assignment as people read it: with its member's and client's names and numbers.

    What ``assignment show`` and ``assignment list`` print, and their ``--json``.
    """

    number: int
    description: str
    status: AssignmentStatus
    member_number: int
    member_name: str
    client_number: int
    client_name: str
    start: date
    end: date
    agreed_amount: Decimal | None = None
    hourly_rate: Decimal | None = None
    hours: Decimal | None = None
    amount_excl_vat: Decimal
    vat_category: str
    currency: str
    id: UUID
    member_id: UUID
    client_id: UUID

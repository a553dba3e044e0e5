# SPDX-License-Identifier: EUPL-1.2
"""Assignments (*uppdrag*): work a member brings from a client.

The member agrees the work with the client; the cooperative employs the member for it and
invoices the client. An assignment is priced either as an agreed amount excluding VAT or
as an hourly rate times the hours; its VAT category decides the rate on the invoice.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from uuid import UUID, uuid4

from pydantic import Field, model_validator

from kooperativ._model import Record
from kooperativ.money import ORE

__all__ = ["Assignment", "AssignmentStatus"]


class AssignmentStatus(StrEnum):
    """Where an assignment stands."""

    DRAFT = "draft"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


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
    status: AssignmentStatus = AssignmentStatus.DRAFT

    @model_validator(mode="after")
    def _consistent(self) -> Assignment:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        for name in ("agreed_amount", "hourly_rate", "hours"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative")
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

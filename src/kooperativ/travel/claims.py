# SPDX-License-Identifier: EUPL-1.2
"""A travel claim (*reseräkning*): a member's trip, stored with what the country's rules
make of it, decided by an officer and paid with the salary.

A claim holds the trip (for a per diem, *traktamente*) and/or the kilometres driven (for
a mileage allowance, *milersättning*), what the cooperative pays for each, and the split
the country's :class:`~kooperativ.rules.travel.TravelRules` computed when it was made:
the **tax-free** part (paid back beside the net pay, like an expense) and the
**taxable** part (taxable pay, with tax and employer contributions). It is
``requested``, then ``approved`` or ``rejected`` by an officer who is not the member, and
``paid`` once a payroll run has paid it.

>>> from datetime import date
>>> from uuid import UUID
>>> claim = TravelClaim(number=1, member_id=UUID(int=1), date=date(2026, 3, 4),
...     destination="Umeå", per_diem_paid="900", per_diem_tax_free="555",
...     per_diem_taxable="345")
>>> claim.paid, claim.tax_free, claim.taxable, claim.status.value
(Decimal('900.00'), Decimal('555.00'), Decimal('345.00'), 'requested')
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from pydantic import Field, field_validator, model_validator

from kooperativ._model import Record
from kooperativ.expenses.models import whole_ore
from kooperativ.travel.models import MileageClaim, ReportBox, Trip

__all__ = ["TravelClaim", "TravelClaimStatus"]


class TravelClaimStatus(StrEnum):
    """Where a travel claim stands."""

    REQUESTED = "requested"  #: handed in, waiting for an officer
    APPROVED = "approved"  #: approved: to be paid with the next salary
    REJECTED = "rejected"  #: refused (with a reason); nothing paid
    PAID = "paid"  #: paid with a payroll run


class TravelClaim(Record):
    """A member's claim for a per diem and/or a mileage allowance for one trip.

    Amounts are in the currency's unit, whole öre; for each part ``tax_free + taxable ==
    paid`` (checked).

    Attributes:
        number: Running number of the claim.
        member_id: The member who travelled.
        date: The day the claim belongs to: the trip's last day (or, for mileage alone,
            the day driven). The period a statement shows it in.
        destination: Where the member went.
        purpose: What the trip was for.
        assignment_id: The member's assignment it was for, if any.
        trip: The trip, for a per diem (``None``: no per diem claimed).
        mileage: The kilometres driven, for a mileage allowance (``None``: none).
        per_diem_paid: What the cooperative pays as per diem.
        per_diem_tax_free: Of which tax-free (the rules' maximum at most).
        per_diem_taxable: Of which taxable pay.
        mileage_paid: What the cooperative pays for the kilometres.
        mileage_tax_free: Of which tax-free.
        mileage_taxable: Of which taxable pay.
        reporting: The boxes of the employer declaration (AGI) the rules name.
        status: Where it stands.
        submitted_by: Who handed it in.
        submitted_at: When.
        decided_by: Who approved or rejected it (never the member).
        decided_at: When.
        reason: Why it was rejected.
        paid_on: The pay day it was paid on.
        paid_by: What paid it (the payroll run's reference).
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    member_id: UUID
    date: dt.date
    destination: str = Field(min_length=1, max_length=200)
    purpose: str = Field(default="", max_length=500)
    assignment_id: UUID | None = None
    trip: Trip | None = None
    mileage: MileageClaim | None = None
    per_diem_paid: Decimal = Decimal("0.00")
    per_diem_tax_free: Decimal = Decimal("0.00")
    per_diem_taxable: Decimal = Decimal("0.00")
    mileage_paid: Decimal = Decimal("0.00")
    mileage_tax_free: Decimal = Decimal("0.00")
    mileage_taxable: Decimal = Decimal("0.00")
    reporting: tuple[ReportBox, ...] = ()
    status: TravelClaimStatus = TravelClaimStatus.REQUESTED
    submitted_by: str | None = None
    submitted_at: dt.datetime | None = None
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    reason: str | None = Field(default=None, max_length=500)
    paid_on: dt.date | None = None
    paid_by: str | None = Field(default=None, max_length=200)

    @field_validator(
        "per_diem_paid",
        "per_diem_tax_free",
        "per_diem_taxable",
        "mileage_paid",
        "mileage_tax_free",
        "mileage_taxable",
        mode="before",
    )
    @classmethod
    def _money(cls, value: Any) -> Decimal:
        return whole_ore(value)

    @model_validator(mode="after")
    def _parts(self) -> TravelClaim:
        for part in ("per_diem", "mileage"):
            paid = getattr(self, f"{part}_paid")
            free = getattr(self, f"{part}_tax_free")
            taxed = getattr(self, f"{part}_taxable")
            if min(paid, free, taxed) < 0:
                raise ValueError("an amount of a travel claim cannot be negative")
            if free + taxed != paid:
                raise ValueError("the tax-free and the taxable part must add up to what is paid")
        if self.paid <= 0:
            raise ValueError("a travel claim pays something: a per diem or a mileage allowance")
        return self

    @property
    def paid(self) -> Decimal:
        """What the cooperative pays for the claim: per diem and mileage."""
        return self.per_diem_paid + self.mileage_paid

    @property
    def tax_free(self) -> Decimal:
        """The tax-free part: paid back beside the net pay, no tax, no contributions."""
        return self.per_diem_tax_free + self.mileage_tax_free

    @property
    def taxable(self) -> Decimal:
        """The taxable part: pay, with preliminary tax and employer contributions."""
        return self.per_diem_taxable + self.mileage_taxable

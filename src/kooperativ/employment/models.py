# SPDX-License-Identifier: EUPL-1.2
"""Employment contracts (*anställningsavtal*).

Each assignment is an employment: the cooperative employs the member for the assignment's
period. By default the form is *särskild visstidsanställning* (special fixed-term
employment, LAS 5 § 1 p.), with holiday pay paid out as *semesterersättning* (12 %,
Semesterlag 16 b §) since the employment is short.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID, uuid4

from pydantic import Field, model_validator

from kooperativ._model import Record

__all__ = ["EmploymentContract", "EmploymentType", "HolidayPayTerms"]


class EmploymentType(StrEnum):
    """Forms of employment under LAS (1982:80) 4–6 §§."""

    SPECIAL_FIXED_TERM = "sarskild_visstidsanstallning"  #: LAS 5 § 1 p.
    SUBSTITUTE = "vikariat"  #: LAS 5 § 2 p.
    SEASONAL = "sasongsanstallning"  #: LAS 5 § 3 p.
    PROBATION = "provanstallning"  #: LAS 6 §
    PERMANENT = "tillsvidareanstallning"  #: LAS 4 §


class HolidayPayTerms(StrEnum):
    """How holiday is paid."""

    PAID_OUT = "semesterersattning"  #: paid out with each salary (Semesterlag 16 b §)
    PAID_LEAVE = "semesterlon"  #: paid leave (Semesterlag 16 a §)


class EmploymentContract(Record):
    """An employment contract between the cooperative and a member."""

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    member_id: UUID
    assignment_ids: tuple[UUID, ...] = ()
    type: EmploymentType = EmploymentType.SPECIAL_FIXED_TERM
    start: date
    end: date | None = None
    scope: str = Field(default="as the assignment requires", description="Working time")
    place_of_work: str = Field(min_length=1)
    tasks: str = Field(min_length=1, description="Title and tasks")
    pay_terms: str = Field(min_length=1, description="Pay and how it is set")
    monthly_pay: Decimal | None = None
    holiday_pay: HolidayPayTerms = HolidayPayTerms.PAID_OUT
    holiday_pay_rate: Decimal | None = Field(default=None, description="e.g. 0.12")
    collective_agreement: str | None = None
    made_on: date
    signed_by_employee: datetime | None = None
    signed_by_employer: datetime | None = None

    @model_validator(mode="after")
    def _consistent(self) -> EmploymentContract:
        if self.type is EmploymentType.PERMANENT:
            if self.end is not None:
                raise ValueError("a permanent employment (tillsvidare) has no end date")
        elif self.end is None:
            raise ValueError(f"a {self.type.value} needs an end date")
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    @property
    def signed(self) -> bool:
        """True when both parties have signed."""
        return self.signed_by_employee is not None and self.signed_by_employer is not None

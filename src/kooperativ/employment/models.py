# SPDX-License-Identifier: EUPL-1.2
"""Employment contracts (*anställningsavtal*) and hours worked (*arbetade timmar*).

Each assignment is an employment: the cooperative employs the member for the assignment's
period. What the record holds is common to every country: the parties, the period, the
terms the employee is told in writing, the signatures and how the employment ended. The
*form* of employment is a code of the country's employment law (for Sweden, e.g.
``sarskild_visstidsanstallning``); the country validates it and every rule that depends on
it (:class:`kooperativ.rules.employment.EmploymentLaw`), so core holds no national list of
forms.

An :class:`EmploymentContract` carries the written information the law asks for, the
signatures of both parties (who and when) and, once it has ended, the reason
(:class:`EndReason`), which the employer's certificate reports. An :class:`HoursReport`
records the hours a member worked on an assignment in one calendar month, as reported by
the member and confirmed by the treasurer.

The form is stored under the key ``type`` (its name before it became a country's code), so
records written by earlier versions read unchanged and keep their audit hashes.

Examples:
    >>> from datetime import date
    >>> from uuid import uuid4
    >>> contract = EmploymentContract(
    ...     number=1, member_id=uuid4(), form="sarskild_visstidsanstallning",
    ...     start=date(2026, 9, 1), end=date(2026, 11, 30), place_of_work="Stadsteatern",
    ...     tasks="Scenograf", pay_terms="Enligt budget", made_on=date(2026, 8, 20))
    >>> contract.form, contract.signed, contract.last_day
    ('sarskild_visstidsanstallning', False, datetime.date(2026, 11, 30))
    >>> contract.model_dump(mode="json")["type"]
    'sarskild_visstidsanstallning'
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID, uuid4

from pydantic import ConfigDict, Field, field_validator, model_validator

from kooperativ._model import Record
from kooperativ.errors import InputError, Term

__all__ = [
    "EmploymentContract",
    "EndReason",
    "HolidayPayTerms",
    "HoursReport",
    "Party",
    "PayPart",
    "Signature",
    "WorkAbroad",
]

#: Most hours anyone can work in a calendar month (31 days × 24 hours): a sanity bound.
MAX_HOURS_IN_A_MONTH = Decimal(744)


class HolidayPayTerms(StrEnum):
    """How holiday is paid: as paid leave, or paid out with the salary instead of leave.

    The values are the Swedish words they were first stored as; whether paying out is
    allowed for a contract is the country's rule (for Sweden, Semesterlag 5 §).
    """

    PAID_OUT = "semesterersattning"  #: holiday pay paid out instead of leave
    PAID_LEAVE = "semesterlon"  #: paid holiday leave


class Party(StrEnum):
    """The two parties of an employment contract."""

    EMPLOYEE = "employee"  #: arbetstagaren (the member)
    EMPLOYER = "employer"  #: arbetsgivaren (the cooperative)


class EndReason(StrEnum):
    """Why an employment ended, as the employer's certificate (*arbetsgivarintyg*) asks.

    What an end reason entails (a preferential right to re-employment, for instance) is
    the country's employment law.
    """

    ASSIGNMENT_COMPLETED = "assignment_completed"  #: the assignment was completed
    FIXED_TERM_EXPIRED = "fixed_term_expired"  #: the agreed fixed term ran out
    RESIGNATION = "resignation"  #: the employee resigned
    REDUNDANCY = "redundancy"  #: dismissal for lack of work
    PERSONAL_REASONS = "personal_reasons"  #: dismissal for personal reasons
    SUMMARY_DISMISSAL = "summary_dismissal"  #: summary dismissal
    PROBATION_ENDED = "probation_ended"  #: a trial period ended without continuing
    MUTUAL_AGREEMENT = "mutual_agreement"  #: ended by agreement
    CONVERTED = "converted"  #: became an open-ended employment by law


class Signature(Record):
    """A party's signature on a contract: who signed, for which party, and when."""

    party: Party
    name: str = Field(min_length=1, description="Name of the person who signed")
    member_id: UUID | None = Field(default=None, description="The signer's member id, if any")
    at: datetime

    @field_validator("at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.utcoffset() is None:
            raise ValueError("a signature time needs a time zone")
        return value


class PayPart(Record):
    """One part of the pay, stated separately (for Sweden, LAS 6 c § andra stycket 4)."""

    name: str = Field(min_length=1, description="e.g. Grundlön, Semesterersättning")
    amount: Decimal | None = Field(default=None, description="Amount, if fixed")
    rate: Decimal | None = Field(default=None, description="Rate, e.g. 0.12")
    description: str | None = None


class WorkAbroad(Record):
    """Extra information for work abroad (for Sweden, over four weeks in a row: LAS 6 d §)."""

    countries: str = Field(min_length=1)
    duration: str = Field(min_length=1)
    currency: str = Field(min_length=1)
    benefits: str = Field(min_length=1, description="Cash and in-kind benefits")
    journey_home: str = Field(min_length=1, description="Whether and how the journey home is paid")


class EmploymentContract(Record):
    """An employment contract between the cooperative (the employer) and a member.

    The fields are what written information on employment terms asks for in the EU
    (directive 2019/1152, art. 4): parties (from the register and ``config.employer``),
    ``start`` and ``place_of_work``; ``tasks``; ``form`` with ``end`` or
    ``end_conditions`` and, for a trial period, its conditions; ``pay_terms``,
    ``pay_parts`` and ``pay_schedule``; ``scope`` (working time); ``overtime``;
    ``schedule_notice``; ``training``; ``holiday_pay`` and ``holiday_terms``;
    ``notice_rules``; ``collective_agreement``; ``social_insurance``. The country's law
    maps them to its own paragraphs (for Sweden, LAS 6 c § andra stycket 1–13).
    """

    model_config = ConfigDict(serialize_by_alias=True, validate_by_name=True)

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    member_id: UUID
    assignment_ids: tuple[UUID, ...] = ()
    form: str = Field(
        alias="type",
        min_length=1,
        description="The form of employment: a code of the country's employment law",
    )
    start: date
    end: date | None = None
    end_conditions: str | None = Field(
        default=None, description="When no end date: the conditions on which it ends"
    )
    basis: str | None = Field(
        default=None, description="Grounds for a vikariat or säsongsarbete (whom, which season)"
    )
    probation_conditions: str | None = None
    scope: str = Field(default="as the assignment requires", description="Working time")
    overtime: str | None = Field(default=None, description="Overtime or extra time and its pay")
    schedule_notice: str | None = Field(
        default=None, description="Shortest notice of the working-time schedule"
    )
    place_of_work: str = Field(min_length=1)
    tasks: str = Field(min_length=1, description="Title and tasks")
    pay_terms: str = Field(min_length=1, description="Pay and how it is set")
    pay_parts: tuple[PayPart, ...] = ()
    pay_schedule: str | None = Field(default=None, description="How often and how pay is paid")
    monthly_pay: Decimal | None = None
    holiday_pay: HolidayPayTerms = HolidayPayTerms.PAID_OUT
    holiday_pay_rate: Decimal | None = Field(default=None, description="e.g. 0.12")
    holiday_terms: str | None = Field(default=None, description="Length of paid holiday")
    notice_rules: str | None = Field(default=None, description="Notice periods and procedure")
    collective_agreement: str | None = None
    social_insurance: str | None = Field(
        default=None, description="Social insurance the employer provides or pays for"
    )
    training: str | None = Field(default=None, description="Training the employer provides")
    work_abroad: WorkAbroad | None = None
    made_on: date
    signed_by_employee: datetime | None = None
    signed_by_employer: datetime | None = None
    signatures: tuple[Signature, ...] = ()
    ended_on: date | None = Field(default=None, description="Actual last day, once ended")
    end_reason: EndReason | None = None
    end_note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> EmploymentContract:
        # Rules that depend on the form (an open-ended employment has no end date, a fixed
        # term needs one) are the country's: EmploymentLaw.validate_contract.
        if self.end is not None and self.end < self.start:
            raise InputError(
                "end", "end ({end}) is before start ({start})", end=self.end, start=self.start
            )
        if (self.ended_on is None) != (self.end_reason is None):
            raise ValueError("ended_on and end_reason go together")
        if self.ended_on is not None and self.ended_on < self.start:
            raise InputError(
                "ended_on",
                "ended on {day}, before the start ({start})",
                day=self.ended_on,
                start=self.start,
            )
        seen: set[Party] = set()
        for signature in self.signatures:
            if signature.party in seen:
                raise InputError(
                    "signatures",
                    "two signatures for the {party}",
                    party=Term(signature.party.value),
                )
            seen.add(signature.party)
            if self.signed_at(signature.party) != signature.at:
                raise InputError(
                    "signatures",
                    "the {party}'s signature time does not match signed_by_{code}",
                    party=Term(signature.party.value),
                    code=signature.party.value,
                )
        return self

    def signed_at(self, party: Party) -> datetime | None:
        """When ``party`` signed, or ``None``."""
        if party is Party.EMPLOYEE:
            return self.signed_by_employee
        return self.signed_by_employer

    def signature(self, party: Party) -> Signature | None:
        """The recorded signature of ``party`` (who and when), or ``None``."""
        return next((s for s in self.signatures if s.party is party), None)

    @property
    def signed(self) -> bool:
        """True when both parties have signed."""
        return self.signed_by_employee is not None and self.signed_by_employer is not None

    @property
    def last_day(self) -> date | None:
        """The last day of employment: the day it ended, else the agreed end (or ``None``)."""
        return self.ended_on if self.ended_on is not None else self.end

    def covers(self, first: date, last: date) -> bool:
        """Whether the employment runs on at least one day of ``first``–``last``."""
        end = self.last_day
        return self.start <= last and (end is None or end >= first)


class HoursReport(Record):
    """Hours a member worked on one assignment in one calendar month.

    Reported by the member (or a manager for them), confirmed by the treasurer; the
    employer's certificate (*arbetsgivarintyg*) lists the confirmed hours per month.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    member_id: UUID
    assignment_id: UUID
    contract_id: UUID
    month: date = Field(description="First day of the calendar month")
    hours: Decimal = Field(gt=0, le=MAX_HOURS_IN_A_MONTH)
    note: str | None = None
    reported_by: str = Field(min_length=1)
    reported_at: datetime
    confirmed_by: str | None = None
    confirmed_at: datetime | None = None

    @field_validator("month")
    @classmethod
    def _first_of_month(cls, value: date) -> date:
        if value.day != 1:
            raise InputError(
                "month", "month must be the first day of a month (got {value})", value=value
            )
        return value

    @model_validator(mode="after")
    def _confirmation(self) -> HoursReport:
        if (self.confirmed_by is None) != (self.confirmed_at is None):
            raise ValueError("confirmed_by and confirmed_at go together")
        return self

    @property
    def confirmed(self) -> bool:
        """True once the treasurer has confirmed the hours."""
        return self.confirmed_at is not None

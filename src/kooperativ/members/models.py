# SPDX-License-Identifier: EUPL-1.2
"""Members (*medlemmar*) of the cooperative's association.

A member is a person who belongs to the association that owns the cooperative and who is
employed by it for each assignment. The register keeps the membership period and status
(*sökande* applicant, *medlem* member, *utträdd* resigned, *utesluten* excluded), the roles
the member holds (board, treasurer, auditor …), the personal identity number from which the
birth date follows, the bank account the salary is paid to, and the tax settings from the
member's tax card (*A-skattsedel*).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from uuid import UUID, uuid4

from pydantic import EmailStr, Field, field_serializer, model_validator

from kooperativ._model import Record
from kooperativ.errors import InputError, Term

__all__ = ["Address", "Member", "MemberStatus", "Role", "TaxSettings"]


class MemberStatus(StrEnum):
    """Membership status."""

    APPLICANT = "applicant"  #: sökande
    MEMBER = "member"  #: medlem
    RESIGNED = "resigned"  #: utträdd
    EXCLUDED = "excluded"  #: utesluten


class Role(StrEnum):
    """Roles that give rights beyond a member's own data."""

    MEMBER = "member"
    BOARD = "board"  #: styrelseledamot
    TREASURER = "treasurer"  #: kassör
    AUDITOR = "auditor"  #: revisor
    ADMIN = "admin"  #: administratör


class Address(Record):
    """A postal address."""

    street: str = Field(min_length=1, description="Street and number")
    postal_code: str = Field(min_length=1, description="Postal code")
    city: str = Field(min_length=1, description="City (postort)")
    country: str = Field(
        default="SE", min_length=2, max_length=2, description="Country code (ISO 3166)"
    )


class TaxSettings(Record):
    """What the member's tax decision says.

    ``mode`` is the country's short form of a tax mode, as on the command line (Sweden:
    ``table:33:1`` for table 33, column 1, ``side-income``, ``sink``, ``adjusted:PCT`` or
    ``one-off:ANNUAL``); the country checks it when the member is registered. ``None``
    until the member's decision is registered: salaries then use the cooperative's
    default tax mode (Sweden: ``[se] default_tax``).
    """

    mode: str | None = None
    municipality: str | None = None
    decided_on: date | None = None


class Member(Record):
    """A member of the cooperative."""

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1, description="Member number (medlemsnummer)")
    first_name: str = Field(min_length=1)
    last_name: str = Field(min_length=1)
    person_id: str = Field(description="Personnummer or samordningsnummer, 12 digits")
    birth_date: date
    email: EmailStr | None = None
    phone: str | None = None
    address: Address | None = None
    bank_account: str | None = Field(default=None, description="Clearing-account, validated")
    tax: TaxSettings = Field(default_factory=TaxSettings)
    status: MemberStatus = MemberStatus.APPLICANT
    applied_on: date | None = None
    joined_on: date | None = None
    left_on: date | None = None
    roles: frozenset[Role] = frozenset({Role.MEMBER})
    language: str | None = Field(
        default=None,
        min_length=2,
        max_length=8,
        description="The language the member reads (documents, messages); None: the cooperative's",
        # Left out of the record while unset, so records written before the field existed
        # keep their canonical JSON (and audit hash).
        exclude_if=lambda value: value is None,
    )

    @field_serializer("roles")
    def _roles_sorted(self, roles: frozenset[Role]) -> list[str]:
        # Sorted, so the canonical JSON (and the audit hash) is the same in every process.
        return sorted(role.value for role in roles)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Member:
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValueError("left_on is before joined_on")
        if self.status in (MemberStatus.RESIGNED, MemberStatus.EXCLUDED) and not self.left_on:
            raise InputError(
                "left_on", "a {status} member needs left_on", status=Term(self.status.value)
            )
        if self.status is MemberStatus.MEMBER and not self.joined_on:
            raise ValueError("a member needs joined_on")
        return self

    @property
    def name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}"

    def is_member_on(self, day: date) -> bool:
        """True if the person was a member (admitted, not yet left) on ``day``."""
        if self.joined_on is None or day < self.joined_on:
            return False
        return self.left_on is None or day < self.left_on

# SPDX-License-Identifier: EUPL-1.2
"""The voting register (*röstlängd*), computed from the member register on a date.

Nobody types the röstlängd in: it follows from the member register (who was a member on
the meeting date, since when), the membership fees paid (*medlemsavgift*) and the bylaws'
voting-rights rule (:class:`~kooperativ.governance.bylaws.VotingRights`). Each member
left out gets the reasons, so the meeting can see why.

The register is read through :class:`Registrant` snapshots, which hold only what the
röstlängd needs (no personnummer, no bank account); a meeting record carries them, so a
meeting can be verified later from its file alone.

Examples:
    >>> from datetime import date
    >>> from uuid import UUID
    >>> from kooperativ.governance.bylaws import VotingRights
    >>> alva = Registrant(id=UUID(int=1), number=1, name="Alva", status="member",
    ...     joined_on=date(2024, 3, 1))
    >>> fee = MembershipFee(number=1, member_id=alva.id, year=2027, amount="200",
    ...     paid_on=date(2027, 1, 20))
    >>> roll = voting_roll([alva], [fee], VotingRights(), date(2027, 3, 20))
    >>> [e.number for e in roll.voters]
    [1]
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from pydantic import Field, field_validator

from kooperativ._model import Record
from kooperativ.assignments.models import MAX_AMOUNT
from kooperativ.errors import InputError, Phrase
from kooperativ.governance.bylaws import VotingRights
from kooperativ.members.models import Member, MemberStatus
from kooperativ.money import ORE, to_decimal

__all__ = [
    "MembershipFee",
    "Reason",
    "Registrant",
    "Roll",
    "RollEntry",
    "voting_roll",
]

#: The English text of each reason code; the documents translate it through gettext.
REASON_TEXTS: dict[str, str] = {
    "not_member": "not a member on {day} ({status})",
    "not_yet_member": "not yet a member on {day} (joined {joined})",
    "left": "left the association on {left}",
    "too_new": "member for {days} days; the bylaws require {required}",
    "fee_unpaid": "membership fee for {year} not paid by {day}",
    "arrears": "membership fee unpaid for {years}",
}


class MembershipFee(Record):
    """A membership fee (*medlemsavgift*) paid by a member for one year.

    Attributes:
        number: Running number of the payment.
        member_id: Who paid.
        year: The calendar year the fee is for.
        amount: What was paid (Decimal, in the cooperative's currency).
        paid_on: The day it was paid.
    """

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1)
    member_id: UUID
    year: int = Field(ge=1900, le=2999)
    amount: Decimal
    paid_on: date

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> Decimal:
        amount = to_decimal(value, "amount")
        if amount < 0:
            raise ValueError("must not be negative")
        if amount > MAX_AMOUNT:
            raise InputError("amount", "implausibly large (at most {limit})", limit=MAX_AMOUNT)
        if amount != amount.quantize(ORE):
            raise InputError("amount", "{value} has more than two decimals", value=value)
        return amount


class Registrant(Record):
    """What the röstlängd needs to know about one person in the member register.

    Attributes:
        id: The member's id.
        number: Member number.
        name: First and last name.
        status: Membership status today.
        applied_on: Day of application, for applicants.
        joined_on: Day admitted.
        left_on: First day no longer a member.
    """

    id: UUID
    number: int = Field(ge=1)
    name: str = Field(min_length=1)
    status: MemberStatus
    applied_on: date | None = None
    joined_on: date | None = None
    left_on: date | None = None

    @classmethod
    def of(cls, member: Member) -> Registrant:
        """The snapshot of ``member``."""
        return cls(
            id=member.id,
            number=member.number,
            name=member.name,
            status=member.status,
            applied_on=member.applied_on,
            joined_on=member.joined_on,
            left_on=member.left_on,
        )

    def member_on(self, day: date) -> bool:
        """True if admitted on or before ``day`` and not yet left."""
        if self.joined_on is None or day < self.joined_on:
            return False
        return self.left_on is None or day < self.left_on


class Reason(Record):
    """Why a member has no vote: a code and its arguments (see :data:`REASON_TEXTS`)."""

    code: str
    args: tuple[tuple[str, str], ...] = ()
    reference: str = ""

    @property
    def template(self) -> str:
        """The English text with placeholders (the msgid for translation)."""
        return REASON_TEXTS[self.code]

    def phrase(self) -> Phrase:
        """The reason as a :class:`~kooperativ.errors.Phrase`, to put in another message
        and render in the reader's language."""
        reason = Phrase(self.template, **dict(self.args))
        if not self.reference:
            return reason
        return Phrase("{reason} ({reference})", reason=reason, reference=self.reference)

    def text(self, translate: Any = None) -> str:
        """The reason in words; ``translate`` is a gettext function (default: English)."""
        template = translate(self.template) if translate else self.template
        text: str = template.format(**dict(self.args))
        return f"{text} ({self.reference})" if self.reference else text


def _reason(code: str, reference: str, **args: object) -> Reason:
    return Reason(code=code, args=tuple((k, str(v)) for k, v in args.items()), reference=reference)


class RollEntry(Record):
    """One line of the röstlängd.

    Attributes:
        member_id: The member.
        number: Member number.
        name: The member's name.
        votes: Whether the member has a vote on the day.
        reasons: Why not, when ``votes`` is false (every reason, not just the first).
    """

    member_id: UUID
    number: int
    name: str
    votes: bool
    reasons: tuple[Reason, ...] = ()


class Roll(Record):
    """The röstlängd on a day: every member of the register with or without a vote."""

    on: date
    reference: str = ""
    entries: tuple[RollEntry, ...] = ()

    @property
    def voters(self) -> tuple[RollEntry, ...]:
        """The entries with a vote, by member number."""
        return tuple(e for e in self.entries if e.votes)

    @property
    def voter_ids(self) -> frozenset[UUID]:
        """The ids of the members with a vote."""
        return frozenset(e.member_id for e in self.entries if e.votes)

    @property
    def without_vote(self) -> tuple[RollEntry, ...]:
        """Members of the register (admitted at some time) who have no vote, with reasons."""
        return tuple(e for e in self.entries if not e.votes)

    def entry(self, member_id: UUID) -> RollEntry | None:
        """The entry of ``member_id``, or ``None`` if not in the register."""
        return next((e for e in self.entries if e.member_id == member_id), None)


def _judge(
    person: Registrant, paid: set[int], rules: VotingRights, day: date
) -> tuple[Reason, ...]:
    ref = rules.reference
    reasons: list[Reason] = []
    if person.status is MemberStatus.APPLICANT and "applicant" in rules.statuses:
        member_since = person.applied_on
        if member_since is None or member_since > day:
            reasons.append(_reason("not_member", ref, day=day, status="applicant"))
    elif person.member_on(day):
        member_since = person.joined_on
    else:
        member_since = None
        if person.joined_on is not None and day < person.joined_on:
            reasons.append(_reason("not_yet_member", ref, day=day, joined=person.joined_on))
        elif person.left_on is not None and person.left_on <= day:
            reasons.append(_reason("left", ref, left=person.left_on))
        else:
            reasons.append(_reason("not_member", ref, day=day, status=person.status.value))
    if reasons or member_since is None:
        return tuple(reasons)
    days = (day - member_since).days
    if days < rules.minimum_membership_days:
        required = rules.minimum_membership_days
        reasons.append(_reason("too_new", ref, days=days, required=required))
    if rules.fee_paid != "none":
        year = day.year if rules.fee_paid == "current_year" else day.year - 1
        # A member admitted after the year the fee is for owes nothing for it.
        if member_since.year <= year and year not in paid:
            reasons.append(_reason("fee_unpaid", ref, year=year, day=day))
        last = year - 1
    else:
        last = day.year - 1
    if rules.no_arrears:
        missing = [y for y in range(member_since.year, last + 1) if y not in paid]
        if missing:
            reasons.append(_reason("arrears", ref, years=", ".join(str(y) for y in missing)))
    return tuple(reasons)


def voting_roll(
    register: Iterable[Registrant | Member],
    fees: Iterable[MembershipFee],
    rules: VotingRights,
    on: date,
) -> Roll:
    """Compute the röstlängd on ``on`` from the register and the fees paid by then.

    Args:
        register: Everyone in the member register (members or their snapshots).
        fees: Membership fee payments; those paid after ``on`` do not count.
        rules: The voting-rights rule of the bylaws in force on ``on``.
        on: The meeting date.

    Returns:
        Every person who has been admitted or has applied, by member number, with
        ``votes`` and the reasons for each one without a vote.
    """
    paid: dict[UUID, set[int]] = {}
    for fee in fees:
        if fee.paid_on <= on:
            paid.setdefault(fee.member_id, set()).add(fee.year)
    entries = []
    for item in register:
        person = Registrant.of(item) if isinstance(item, Member) else item
        reasons = _judge(person, paid.get(person.id, set()), rules, on)
        entries.append(
            RollEntry(
                member_id=person.id,
                number=person.number,
                name=person.name,
                votes=not reasons,
                reasons=reasons,
            )
        )
    entries.sort(key=lambda e: e.number)
    return Roll(on=on, reference=rules.reference, entries=tuple(entries))

# SPDX-License-Identifier: EUPL-1.2
"""Members' travel claims (*reseräkningar*): a per diem (*traktamente*) and a mileage
allowance (*milersättning*) for a trip, computed by the country's rules, approved by
someone else, paid with the salary.

A member hands in their own claims (an officer may hand one in for any member). When a
claim is made, the country's :class:`~kooperativ.rules.travel.TravelRules` (bound to the
cooperative's parameters) split what the cooperative pays into the **tax-free** part (up
to the schablon of each day) and the **taxable** excess; both are stored on the claim, with
the boxes of the employer declaration the rules name. The board, the treasurer or the
administrator approves or rejects it, never the member who travelled.

Nothing is booked when a claim is approved: the allowance is paid out of the member's
account by the payroll run, which books it with the salary. The payroll asks for what is
due and marks it paid in its own unit of work:

* :meth:`TravelService.payable` (or ``_payable(uow, member_id, pay_date)`` inside a unit
  of work): the member's approved, unpaid claims dated on or before the pay date;
* :meth:`TravelService.mark_paid` (or ``_mark_paid(uow, actor, claims, …)``): each claim
  becomes ``paid``, with the pay date and the run's reference.

The tax-free part is paid back beside the net pay (like an approved expense: no tax, no
employer contributions; tick the AGI's box, Sweden 050/051); the taxable part is added to
the taxable pay (AGI box 011) with preliminary tax and contributions.

Examples:
    ```python
    claim = coop.travel.claim(ada, member=2, destination="Umeå",
                              trip=trip, per_diem="900",
                              mileage={"distance": "1280"}, mileage_paid="3840")
    coop.travel.approve(treasurer, claim.number)
    coop.travel.payable(treasurer, 2, date(2026, 3, 25))  # for the payroll run
    ```
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from kooperativ.errors import ConflictError, InputError, PermissionDenied
from kooperativ.members.models import Role
from kooperativ.money import ORE, ZERO
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, build, resolve
from kooperativ.services.expenses import require_decider
from kooperativ.storage.base import UnitOfWork
from kooperativ.travel.claims import TravelClaim, TravelClaimStatus
from kooperativ.travel.models import (
    MileageAllowance,
    MileageClaim,
    TravelAllowance,
    Trip,
    paid_amount,
)

__all__ = ["TravelService", "total_paid"]

_PAYERS = frozenset({Role.TREASURER, Role.ADMIN})


def _status(value: TravelClaimStatus | str) -> TravelClaimStatus:
    try:
        return TravelClaimStatus(value)
    except ValueError:
        raise InputError(
            "status",
            "{value!r} is not a travel claim status (known: {known})",
            value=value,
            known=", ".join(s.value for s in TravelClaimStatus),
        ) from None


def _trip(value: Trip | Mapping[str, Any] | None) -> Trip | None:
    if value is None or isinstance(value, Trip):
        return value
    return Trip.create(**dict(value))


def _mileage(value: MileageClaim | Mapping[str, Any] | None) -> MileageClaim | None:
    if value is None or isinstance(value, MileageClaim):
        return value
    return MileageClaim.create(**dict(value))


class TravelService(Service):
    """Travel claims: hand in (computed by the country's rules), approve or reject, list,
    and what the payroll pays."""

    def compute(
        self,
        *,
        trip: Trip | Mapping[str, Any] | None = None,
        per_diem: object | None = None,
        mileage: MileageClaim | Mapping[str, Any] | None = None,
        mileage_paid: object | None = None,
        on: date | None = None,
    ) -> tuple[TravelAllowance | None, MileageAllowance | None]:
        """What the country's rules make of a trip and a mileage claim, without storing
        anything (the same computation :meth:`claim` stores).

        ``per_diem`` and ``mileage_paid`` are what the cooperative pays; left out, it pays
        the tax-free maximum. The mileage uses the rates of ``on`` (default: the trip's
        last day).

        Raises:
            InputError: Neither a trip nor a mileage claim, a per diem without a trip, a
                mileage claim without a day, a bad amount or distance (naming the field).
            MissingParameterError: A day the country's parameters do not cover.
        """
        found_trip, found_mileage = _trip(trip), _mileage(mileage)
        if found_trip is None and found_mileage is None:
            raise InputError(
                "trip", "claim a per diem (a trip), a mileage allowance (kilometres), or both"
            )
        if found_trip is None and per_diem is not None:
            raise InputError("per_diem", "a per diem needs the trip: departure and return")
        if found_mileage is None and mileage_paid is not None:
            raise InputError("mileage_paid", "a mileage allowance needs the distance driven")
        rules = self._coop.country.travel_rules(self._coop.parameters)
        allowance = None
        if found_trip is not None:
            if per_diem is None:
                top = rules.per_diem(found_trip, ZERO).maximum.quantize(ORE)
                allowance = rules.per_diem(found_trip, top)
            else:
                allowance = rules.per_diem(found_trip, paid_amount(per_diem, "per_diem"))
        mileage_allowance = None
        if found_mileage is not None:
            day = on or (found_trip.returned.date() if found_trip is not None else None)
            if day is None:
                raise InputError("on", "give the day driven: the rates are those of that day")
            if mileage_paid is None:
                top = rules.mileage(found_mileage, ZERO, on=day).maximum.quantize(ORE)
                mileage_allowance = rules.mileage(found_mileage, top, on=day)
            else:
                paid = paid_amount(mileage_paid, "mileage_paid")
                mileage_allowance = rules.mileage(found_mileage, paid, on=day)
        return allowance, mileage_allowance

    def claim(
        self,
        actor: Actor,
        *,
        member: Ref,
        destination: str,
        trip: Trip | Mapping[str, Any] | None = None,
        per_diem: object | None = None,
        mileage: MileageClaim | Mapping[str, Any] | None = None,
        mileage_paid: object | None = None,
        on: date | None = None,
        purpose: str = "",
        assignment: Ref | None = None,
    ) -> TravelClaim:
        """Hand in a travel claim for ``member`` (a member for themself, or an officer),
        computed by the country's rules (see :meth:`compute`).

        Args:
            actor: The member who travelled, or board, treasurer or admin.
            member: The member (number or id).
            destination: Where the member went.
            trip: The trip (a :class:`~kooperativ.travel.Trip` or its fields), for a per
                diem.
            per_diem: What the cooperative pays as per diem (default: the tax-free
                maximum).
            mileage: The distance driven (a :class:`~kooperativ.travel.MileageClaim` or
                its fields), for a mileage allowance.
            mileage_paid: What the cooperative pays for it (default: the tax-free
                maximum).
            on: The day driven, for mileage without a trip (default: the trip's last day).
            purpose: What the trip was for.
            assignment: The member's assignment it was for.

        Raises:
            PermissionDenied: A member handing in another member's claim.
            InputError: No destination, nothing to pay, a bad trip, distance or amount, an
                assignment of another member. Nothing is written.
            NotFoundError: No such member or assignment.
        """
        if not destination or not destination.strip():
            raise InputError("destination", "say where the trip went")
        allowance, mileage_allowance = self.compute(
            trip=trip, per_diem=per_diem, mileage=mileage, mileage_paid=mileage_paid, on=on
        )
        paid = (allowance.paid if allowance else ZERO) + (
            mileage_allowance.paid if mileage_allowance else ZERO
        )
        if paid <= ZERO:
            raise InputError(
                "per_diem",
                "nothing to pay: the trip gives no tax-free allowance; give what is paid",
            )
        day = (
            allowance.trip.returned.date()
            if allowance is not None
            else on or date.min  # on is set: compute() refuses mileage without a day
        )

        def work(uow: UnitOfWork) -> TravelClaim:
            found = resolve(uow.members, "member", member)
            if not actor.can_manage and actor.member_id != found.id:
                raise PermissionDenied(
                    "{actor} may only hand in their own travel claims", actor=actor.name
                )
            job_id = None
            if assignment is not None:
                job = resolve(uow.assignments, "assignment", assignment)
                if job.member_id != found.id:
                    raise InputError(
                        "assignment",
                        "assignment {assignment} is not the member's",
                        assignment=job.number,
                    )
                job_id = job.id
            reporting = (allowance.reporting if allowance else ()) + (
                mileage_allowance.reporting if mileage_allowance else ()
            )
            claim = build(
                TravelClaim,
                {
                    "number": uow.travel_claims.next_number(),
                    "member_id": found.id,
                    "date": day,
                    "destination": destination.strip(),
                    "purpose": purpose.strip(),
                    "assignment_id": job_id,
                    "trip": allowance.trip if allowance else None,
                    "mileage": mileage_allowance.claim if mileage_allowance else None,
                    "per_diem_paid": allowance.paid if allowance else ZERO,
                    "per_diem_tax_free": allowance.tax_free if allowance else ZERO,
                    "per_diem_taxable": allowance.taxable if allowance else ZERO,
                    "mileage_paid": mileage_allowance.paid if mileage_allowance else ZERO,
                    "mileage_tax_free": mileage_allowance.tax_free if mileage_allowance else ZERO,
                    "mileage_taxable": mileage_allowance.taxable if mileage_allowance else ZERO,
                    "reporting": reporting,
                    "submitted_by": actor.name,
                    "submitted_at": self._coop.now(),
                },
            )
            uow.travel_claims.add(claim)
            self._record(uow, actor, "travel.claim", None, claim)
            return claim

        return self._transaction(work)

    def approve(self, actor: Actor, number: Ref) -> TravelClaim:
        """Approve travel claim ``number``: it is paid with the member's next salary.

        Raises:
            PermissionDenied: Not board, treasurer or admin, or the member who travelled.
            ConflictError: The claim is not waiting for a decision.
            NotFoundError: No such claim.
        """

        def work(uow: UnitOfWork) -> TravelClaim:
            claim = self._pending(uow, actor, number)
            approved = claim.evolve(
                status=TravelClaimStatus.APPROVED,
                decided_by=actor.name,
                decided_at=self._coop.now(),
            )
            uow.travel_claims.update(approved)
            self._record(uow, actor, "travel.approve", claim, approved)
            return approved

        return self._transaction(work)

    def reject(self, actor: Actor, number: Ref, reason: str) -> TravelClaim:
        """Reject travel claim ``number``, saying why. Nothing is paid.

        Raises:
            PermissionDenied: Not board, treasurer or admin, or the member who travelled.
            InputError: No reason given.
            ConflictError: The claim is not waiting for a decision.
            NotFoundError: No such claim.
        """
        if not reason or not reason.strip():
            raise InputError("reason", "say why the travel claim is rejected")

        def work(uow: UnitOfWork) -> TravelClaim:
            claim = self._pending(uow, actor, number)
            rejected = claim.evolve(
                status=TravelClaimStatus.REJECTED,
                decided_by=actor.name,
                decided_at=self._coop.now(),
                reason=reason.strip(),
            )
            uow.travel_claims.update(rejected)
            self._record(uow, actor, "travel.reject", claim, rejected)
            return rejected

        return self._transaction(work)

    def get(self, actor: Actor, number: Ref) -> TravelClaim:
        """Travel claim ``number``; a member sees only their own.

        Raises:
            PermissionDenied: Another member's claim.
            NotFoundError: No such claim.
        """
        with self._read() as uow:
            claim = resolve(uow.travel_claims, "travel claim", number)
        actor.require_access(claim.member_id, "travel claims")
        return claim

    def list(
        self,
        actor: Actor,
        *,
        member: Ref | None = None,
        status: TravelClaimStatus | str | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> builtins.list[TravelClaim]:
        """The travel claims (of ``member``, in ``status``, dated ``start``–``end``), by
        number. A member sees only their own.

        Raises:
            PermissionDenied: A member asking for another member's, or a stranger.
        """
        self._require_reader(actor)
        wanted = None if status is None else _status(status)
        with self._read() as uow:
            member_id = self._listed_member(uow, actor, member, "travel claims")
            if member_id is not None:
                found = uow.travel_claims.of_member(member_id)
            elif wanted is not None:
                found = uow.travel_claims.with_status(wanted)
            else:
                found = uow.travel_claims.list()
        return sorted(
            (
                c
                for c in found
                if (wanted is None or c.status is wanted)
                and (start is None or c.date >= start)
                and (end is None or c.date <= end)
            ),
            key=lambda c: c.number,
        )

    def payable(self, actor: Actor, member: Ref, pay_date: date) -> builtins.list[TravelClaim]:
        """The member's approved, unpaid claims dated on or before ``pay_date``: what a
        payroll run on ``pay_date`` pays (the tax-free part beside the net pay, the
        taxable part as taxable pay). A member may ask for their own.

        Raises:
            PermissionDenied: A member asking for another member's.
            NotFoundError: No such member.
        """
        with self._read() as uow:
            found = resolve(uow.members, "member", member)
            actor.require_access(found.id, "travel claims")
            return self._payable(uow, found.id, pay_date)

    def mark_paid(
        self, actor: Actor, claims: Iterable[Ref], *, paid_on: date, reference: str
    ) -> builtins.list[TravelClaim]:
        """Mark approved ``claims`` paid on ``paid_on`` by ``reference`` (the payroll run),
        in one transaction: all of them, or none.

        A payroll run that pays claims in its own unit of work calls
        ``coop.travel._mark_paid(uow, actor, claims, paid_on=…, reference=…)`` instead.

        Raises:
            PermissionDenied: Not treasurer or admin.
            ConflictError: A claim not approved (or paid already), or dated after
                ``paid_on``.
            InputError: No reference.
            NotFoundError: No such claim.
        """
        wanted = builtins.list(claims)
        return self._transaction(
            lambda uow: self._mark_paid(uow, actor, wanted, paid_on=paid_on, reference=reference)
        )

    # -- for the payroll, inside its unit of work --------------------------------------

    @staticmethod
    def _payable(uow: UnitOfWork, member_id: Any, pay_date: date) -> builtins.list[TravelClaim]:
        """The member's approved, unpaid claims up to ``pay_date``, by number."""
        return sorted(uow.travel_claims.payable(member_id, pay_date), key=lambda c: c.number)

    def _mark_paid(
        self,
        uow: UnitOfWork,
        actor: Actor,
        claims: Iterable[Ref | TravelClaim],
        *,
        paid_on: date,
        reference: str,
    ) -> builtins.list[TravelClaim]:
        """Mark ``claims`` paid inside ``uow`` (see :meth:`mark_paid`)."""
        if not actor.roles & _PAYERS:
            raise PermissionDenied(
                "{actor} may not pay travel claims (treasurer or admin only)", actor=actor.name
            )
        if not reference or not reference.strip():
            raise InputError("reference", "name what paid the claims (the payroll run)")
        paid: builtins.list[TravelClaim] = []
        for ref in claims:
            key: Ref = ref.id if isinstance(ref, TravelClaim) else ref
            claim = resolve(uow.travel_claims, "travel claim", key)
            if claim.status is not TravelClaimStatus.APPROVED:
                raise ConflictError(
                    "travel claim {number} is {status}: only an approved claim is paid",
                    number=claim.number,
                    status=claim.status.value,
                )
            if claim.date > paid_on:
                raise ConflictError(
                    "travel claim {number} is dated {date}, after the pay day {paid_on}",
                    number=claim.number,
                    date=claim.date,
                    paid_on=paid_on,
                )
            done = claim.evolve(
                status=TravelClaimStatus.PAID, paid_on=paid_on, paid_by=reference.strip()
            )
            uow.travel_claims.update(done)
            self._record(uow, actor, "travel.paid", claim, done)
            paid.append(done)
        return paid

    @staticmethod
    def _pending(uow: UnitOfWork, actor: Actor, number: Ref) -> TravelClaim:
        claim = resolve(uow.travel_claims, "travel claim", number)
        require_decider(actor, claim.member_id, "travel claims")
        if claim.status is not TravelClaimStatus.REQUESTED:
            raise ConflictError(
                "travel claim {number} is {status} already",
                number=claim.number,
                status=claim.status.value,
            )
        return claim


def total_paid(claims: Iterable[TravelClaim]) -> tuple[Decimal, Decimal]:
    """``(tax_free, taxable)`` summed over ``claims``.

    >>> total_paid([])
    (Decimal('0.00'), Decimal('0.00'))
    """
    free, taxed = Decimal("0.00"), Decimal("0.00")
    for claim in claims:
        free += claim.tax_free
        taxed += claim.taxable
    return free, taxed

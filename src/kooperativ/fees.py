# SPDX-License-Identifier: EUPL-1.2
"""The cooperative's fee (*avgift*) and advance (*förskott*) policy, as pure functions.

An employment cooperative keeps a share of what a member invoices, excluding VAT: its
fee. ``[fees]`` in ``cooperative.toml`` sets the terms in force from the beginning (a
rate, and optionally the least and most fee on one invoice); ``[[fees.periods]]`` change
them from a day on (a decision of the meeting, say), and ``[[fees.members]]`` give one
member other terms for a while (a board decision), each with a note saying why.
:class:`FeePolicy` finds the terms in force for a member on a day and the fee on an
invoice, with the rule that applied, so a payslip or a transparency statement can say
where the fee came from.

>>> from datetime import date
>>> from decimal import Decimal
>>> from kooperativ.config import FeeConfig
>>> config = FeeConfig.model_validate({
...     "rate": "0.06",
...     "periods": [{"from": date(2027, 1, 1), "rate": "0.07", "minimum": "500"}],
...     "members": [{"member": 3, "rate": "0.04", "note": "Board decision 2026-11-02 § 4"}],
... })
>>> policy = FeePolicy.of(config)
>>> policy.fee_on(1, date(2026, 12, 31), Decimal("30000")).amount
Decimal('1800.00')
>>> policy.fee_on(1, date(2027, 1, 1), Decimal("30000")).amount
Decimal('2100.00')
>>> policy.fee_on(1, date(2027, 1, 1), Decimal("5000")).amount  # 350, raised to the minimum
Decimal('500.00')
>>> fee = policy.fee_on(3, date(2027, 1, 1), Decimal("30000"))
>>> fee.amount, fee.rule.key, fee.rule.minimum
(Decimal('1200.00'), 'fees.members[0]', Decimal('500'))

The rule is found by the member and the day only (never by the amount), so a salary
asked for as a wanted net pay, whose invoice is not known yet, gets the same terms.

``[advances]`` says whether a salary may be paid before the client pays, and the guarantee
that limits it (:class:`AdvancePolicy`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from kooperativ.config import AdvancesConfig, FeeConfig
from kooperativ.errors import InputError, Phrase
from kooperativ.money import ORE, ZERO, ZERO_ORE
from kooperativ.problems import Problem

__all__ = [
    "AdvancePolicy",
    "Fee",
    "FeePolicy",
    "FeeRule",
    "MemberDates",
]

#: What kind of rule set a fee: ``[fees]`` itself, a ``[[fees.periods]]`` entry or a
#: member's ``[[fees.members]]`` override.
RuleKind = Literal["base", "period", "override"]
#: Which limit, if any, moved the fee away from rate × amount.
Limit = Literal["minimum", "maximum", "invoiced"]


@dataclass(frozen=True)
class FeeRule:
    """The fee terms in force for a member on a day, and where they come from.

    Attributes:
        key: The key path of the rule in ``cooperative.toml`` (``fees``,
            ``fees.periods[1]``, ``fees.members[0]``).
        kind: ``base``, ``period`` or ``override``.
        rate: The share of the invoiced amount excluding VAT.
        minimum: The least fee on one invoice.
        maximum: The most fee on one invoice, or ``None``.
        valid_from: The first day the rule is in force (``None``: from the beginning).
        valid_to: The last day it is in force (``None``: until further notice).
        note: Why (the note written with the rule), or ``None``.
        member: For an override, the member number.
        period: For an override, the key of the period whose terms it changes.
    """

    key: str
    kind: RuleKind
    rate: Decimal
    minimum: Decimal
    maximum: Decimal | None
    valid_from: date | None = None
    valid_to: date | None = None
    note: str | None = None
    member: int | None = None
    period: str | None = None

    def label(self) -> str:
        """The rule as the salary trace names it: its key path and its note
        (``fees.members[0]: Board decision 2026-11-02 § 4``)."""
        return f"{self.key}: {self.note}" if self.note else self.key

    def explain(self) -> Phrase:
        """The rule in words, translated through the ``fees`` catalog."""
        limits = Phrase("no limits")
        if self.minimum and self.maximum is not None:
            limits = Phrase(
                "at least {minimum}, at most {maximum}", minimum=self.minimum, maximum=self.maximum
            )
        elif self.minimum:
            limits = Phrase("at least {minimum}", minimum=self.minimum)
        elif self.maximum is not None:
            limits = Phrase("at most {maximum}", maximum=self.maximum)
        if self.kind == "override":
            template = "member {member}'s own fee ({key}): {percent} %, {limits}"
        elif self.kind == "period":
            template = "the fee from {start} ({key}): {percent} %, {limits}"
        else:
            template = "the cooperative's fee ({key}): {percent} %, {limits}"
        phrase = Phrase(
            template,
            member=self.member,
            key=self.key,
            start=self.valid_from,
            percent=_percent(self.rate),
            limits=limits,
        )
        if self.note:
            return Phrase("{rule}; {note}", rule=phrase, note=self.note)
        return phrase


@dataclass(frozen=True)
class Fee:
    """The fee on one invoice, with the rule that set it.

    Attributes:
        amount: The fee, in öre.
        invoiced: The invoiced amount excluding VAT it was taken on.
        rule: The terms that applied.
        limit: ``minimum`` or ``maximum`` if that limit set the fee, ``invoiced`` if the
            fee was cut to the invoiced amount (a minimum above a small invoice), else
            ``None``.
    """

    amount: Decimal
    invoiced: Decimal
    rule: FeeRule
    limit: Limit | None = None

    @property
    def rate(self) -> Decimal:
        """The rate of the rule that applied."""
        return self.rule.rate

    def explain(self) -> Phrase:
        """How the fee was found, in words (for a transparency statement)."""
        percent = _percent(self.rate)
        if self.limit == "minimum":
            how = Phrase(
                "{invoiced} × {percent} % is below the minimum: {amount}",
                invoiced=self.invoiced, percent=percent, amount=self.amount,
            )  # fmt: skip
        elif self.limit == "maximum":
            how = Phrase(
                "{invoiced} × {percent} % is above the maximum: {amount}",
                invoiced=self.invoiced, percent=percent, amount=self.amount,
            )  # fmt: skip
        elif self.limit == "invoiced":
            how = Phrase(
                "the minimum is more than the invoiced amount: {amount}", amount=self.amount
            )
        else:
            how = Phrase(
                "{invoiced} × {percent} % = {amount}",
                invoiced=self.invoiced, percent=percent, amount=self.amount,
            )  # fmt: skip
        return Phrase("{how} ({rule})", how=how, rule=self.rule.explain())

    def as_dict(self) -> dict[str, object]:
        """The fee as JSON-ready data (amounts as strings)."""
        rule = self.rule
        return {
            "amount": str(self.amount),
            "invoiced": str(self.invoiced),
            "rate": str(rule.rate),
            "limit": self.limit,
            "rule": {
                "key": rule.key,
                "kind": rule.kind,
                "minimum": str(rule.minimum),
                "maximum": None if rule.maximum is None else str(rule.maximum),
                "from": None if rule.valid_from is None else rule.valid_from.isoformat(),
                "to": None if rule.valid_to is None else rule.valid_to.isoformat(),
                "member": rule.member,
                "note": rule.note,
            },
            "explanation": str(self.explain()),
        }


def fee_amount(
    invoiced: Decimal, rate: Decimal, minimum: Decimal, maximum: Decimal | None
) -> tuple[Decimal, Limit | None]:
    """``invoiced`` × ``rate`` rounded half up to öre, raised to ``minimum``, lowered to
    ``maximum`` and never more than ``invoiced``; and the limit that set it, if any."""
    fee = (invoiced * rate).quantize(ORE, ROUND_HALF_UP)
    limit: Limit | None = None
    if fee < minimum:
        fee, limit = minimum + ZERO_ORE, "minimum"
    if maximum is not None and fee > maximum:
        fee, limit = maximum + ZERO_ORE, "maximum"
    if fee > invoiced:
        fee, limit = invoiced.quantize(ORE), "invoiced"
    return fee, limit


@dataclass(frozen=True)
class MemberDates:
    """What the fee check needs of a member: the number and membership dates."""

    number: int
    joined_on: date | None = None
    left_on: date | None = None


class FeePolicy:
    """The fee terms of a cooperative (``[fees]``), dated and per member.

    Build with :meth:`of` from the configuration. Pure: no storage, no clock.
    """

    def __init__(self, config: FeeConfig) -> None:
        self.config = config
        base = FeeRule(
            "fees", "base", config.rate, config.minimum, config.maximum, note=config.note
        )
        periods = [base]
        for index, period in enumerate(config.periods):
            periods.append(
                FeeRule(
                    f"fees.periods[{index}]",
                    "period",
                    period.rate,
                    period.minimum,
                    period.maximum,
                    valid_from=period.valid_from,
                    note=period.note,
                )
            )
        # Each period ends the day before the next begins.
        self._periods = tuple(
            FeeRule(
                rule.key, rule.kind, rule.rate, rule.minimum, rule.maximum,
                valid_from=rule.valid_from,
                valid_to=None if following is None else _day_before(following.valid_from),
                note=rule.note,
            )
            for rule, following in zip(periods, [*periods[1:], None], strict=True)
        )  # fmt: skip

    @classmethod
    def of(cls, config: FeeConfig) -> FeePolicy:
        """The policy of ``[fees]``."""
        return cls(config)

    @property
    def taken(self) -> str:
        """When the fee is booked to the member's account: ``on_invoicing`` or
        ``on_payment``."""
        return self.config.taken

    @property
    def periods(self) -> tuple[FeeRule, ...]:
        """The cooperative's terms over time, ``[fees]`` first, each with its last day."""
        return self._periods

    def period_on(self, on: date) -> FeeRule:
        """The cooperative's terms in force on ``on`` (no member's override)."""
        found = self._periods[0]
        for rule in self._periods[1:]:
            if rule.valid_from is not None and rule.valid_from <= on:
                found = rule
        return found

    def rule_on(self, member: int | None, on: date) -> FeeRule:
        """The terms for member number ``member`` on ``on``: the member's override in
        force that day, over the period in force (what the override leaves out is the
        period's).

        Args:
            member: The member number, or ``None`` for the cooperative's own terms.
            on: The day that decides (the invoice date, else the pay date).
        """
        period = self.period_on(on)
        if member is None:
            return period
        for index, override in enumerate(self.config.members):
            if override.member == member and override.covers(on):
                minimum = period.minimum if override.minimum is None else override.minimum
                maximum = period.maximum if override.maximum is None else override.maximum
                # A limit the override sets wins over the period's other limit where the
                # two would cross (an override's minimum above the period's maximum).
                if maximum is not None and maximum < minimum:
                    if override.minimum is not None:
                        maximum = minimum
                    else:
                        minimum = maximum
                return FeeRule(
                    f"fees.members[{index}]",
                    "override",
                    period.rate if override.rate is None else override.rate,
                    minimum,
                    maximum,
                    valid_from=override.valid_from,
                    valid_to=override.valid_to,
                    note=override.note,
                    member=member,
                    period=period.key,
                )
        return period

    def fee_on(self, member_number: int | None, on: date, invoiced_excl_vat: Decimal) -> Fee:
        """The fee on an invoice of ``invoiced_excl_vat`` for member ``member_number``
        on ``on``: rate × amount rounded half up to öre, within the minimum and maximum,
        never more than the invoiced amount.

        Raises:
            InputError: A negative invoiced amount.
        """
        if invoiced_excl_vat < ZERO:
            raise InputError(
                "invoiced", "must not be negative (got {value})", value=invoiced_excl_vat
            )
        rule = self.rule_on(member_number, on)
        amount, limit = fee_amount(invoiced_excl_vat, rule.rate, rule.minimum, rule.maximum)
        return Fee(amount, invoiced_excl_vat, rule, limit)

    def problems(self, members: Iterable[MemberDates], on: date) -> list[Problem]:
        """What is wrong or odd in the overrides, given the register: an override for a
        member number that is not in it, one that ends before the member joined, one
        still open after the member left. Every problem at once.

        Args:
            members: Every member in the register, with their dates.
            on: The day of the check (an override that has ended is not reported).
        """
        register = {member.number: member for member in members}
        found: list[Problem] = []
        for index, override in enumerate(self.config.members):
            place = ("cooperative.toml", f"fees.members[{index}]")
            member = register.get(override.member)
            if member is None:
                found.append(
                    Problem.of(
                        "error",
                        place,
                        "a fee override for member {member}, who is not in the register",
                        member=override.member,
                        code="fees.unknown_member",
                    )
                )
                continue
            if (
                override.valid_to is not None
                and member.joined_on is not None
                and override.valid_to < member.joined_on
            ):
                found.append(
                    Problem.of(
                        "warning",
                        place,
                        "the fee override of member {member} ends {to}, before the member "
                        "joined ({joined}): it never applies",
                        member=override.member,
                        to=override.valid_to,
                        joined=member.joined_on,
                        code="fees.override_before_joining",
                    )
                )
            if (
                member.left_on is not None
                and member.left_on <= on
                and (override.valid_to is None or override.valid_to > member.left_on)
            ):
                found.append(
                    Problem.of(
                        "warning",
                        place,
                        "member {member} left on {left}, but the fee override has no end "
                        "before that (give it a to = date)",
                        member=override.member,
                        left=member.left_on,
                        code="fees.override_after_leaving",
                    )
                )
        return found


def _percent(rate: Decimal) -> Decimal:
    """``0.065`` → ``6.5`` (as a plain number: ``10``, not ``1E+1``)."""
    return Decimal(f"{(rate * 100).normalize():f}")


def _day_before(day: date | None) -> date | None:
    return None if day is None else date.fromordinal(day.toordinal() - 1)


class AdvancePolicy:
    """Whether salary may be paid before the client pays (``[advances]``), and how much.

    An advance is salary budget paid out of the cooperative's own money while the client's
    invoice is unpaid. The cooperative limits it with a guarantee: ``per_member`` (the most
    one member may have outstanding) and ``total`` (the most all members together).

    >>> policy = AdvancePolicy(AdvancesConfig(allowed=True, per_member="20000", total="50000"))
    >>> policy.room(member_outstanding=Decimal("15000"), total_outstanding=Decimal("40000"))
    Decimal('5000')
    >>> policy.room(member_outstanding=Decimal("0"), total_outstanding=Decimal("45000"))
    Decimal('5000')
    """

    def __init__(self, config: AdvancesConfig) -> None:
        self.config = config

    @property
    def allowed(self) -> bool:
        """Whether salary may be paid before the client pays at all."""
        return self.config.allowed

    def room(self, *, member_outstanding: Decimal, total_outstanding: Decimal) -> Decimal:
        """How much more may be paid ahead to a member who has ``member_outstanding``
        paid ahead already, while all members together have ``total_outstanding``
        (never below 0; 0 when advances are not allowed)."""
        if not self.config.allowed:
            return ZERO
        limits = []
        if self.config.per_member is not None:
            limits.append(self.config.per_member - member_outstanding)
        if self.config.total is not None:
            limits.append(self.config.total - total_outstanding)
        return max(ZERO, min(limits)) if limits else ZERO

    def check(
        self, amount: Decimal, *, member_outstanding: Decimal, total_outstanding: Decimal
    ) -> None:
        """Refuse an advance of ``amount`` the policy does not allow.

        Raises:
            InputError: Advances are not allowed, or ``amount`` is more than the room
                the guarantee leaves (naming the limit).
        """
        if amount <= ZERO:
            return
        if not self.config.allowed:
            raise InputError(
                "advance",
                "salary before the client pays is not allowed ([advances] allowed = false)",
            )
        per_member, total = self.config.per_member, self.config.total
        if per_member is not None and member_outstanding + amount > per_member:
            raise InputError(
                "advance",
                "{amount} is more than the member's guarantee leaves: {room} of {limit} "
                "([advances] per_member)",
                amount=amount,
                room=max(ZERO, per_member - member_outstanding),
                limit=per_member,
            )
        if total is not None and total_outstanding + amount > total:
            raise InputError(
                "advance",
                "{amount} is more than the cooperative's guarantee leaves: {room} of {limit} "
                "([advances] total)",
                amount=amount,
                room=max(ZERO, total - total_outstanding),
                limit=total,
            )

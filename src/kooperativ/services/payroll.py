# SPDX-License-Identifier: EUPL-1.2
"""Salary for a cooperative: one path from its configuration to a salary.

A salary depends on the cooperative's fee and payroll policy (``cooperative.toml``), the
country's parameters with the cooperative's overrides (``parameters/``, e.g. a collective
agreement's 13 % holiday pay) and the member's register entry (birth date, tax mode).
:class:`PayrollPolicy` holds all three and builds the :class:`SalaryInput`; every way of
asking for a salary goes through it, so they cannot disagree:

* ``coop.payroll.preview(actor, assignment)`` — the salary of an assignment;
* ``kooperativ salary --coop DIR`` — the CLI, with options given on the command line;
* the scenario tests in a cooperative's ``tests/*.toml`` (:mod:`kooperativ.testing`).

>>> from datetime import date
>>> from kooperativ.cooperative import examples_root
>>> policy = PayrollPolicy.load(examples_root() / "interim_kultur")
>>> inp = policy.salary_input(invoiced="30000", birth_date=date(1985, 3, 12),
...                           paid_on=date(2026, 11, 25))
>>> inp.fee_rate, inp.tax, policy.calculate(inp).gross_salary
(Decimal('0.06'), 'table:33:1', Decimal('19158.00'))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from kooperativ.config import CooperativeConfig, load_config
from kooperativ.errors import InputError, KooperativError
from kooperativ.fees import FeePolicy, MemberDates
from kooperativ.members.models import Member
from kooperativ.payroll import (
    NO_HOLIDAY_PAY,
    SalaryInput,
    SalaryResult,
    calculate_salary,
    invoice_for_net,
)
from kooperativ.rules.country import CountryRules, get_country
from kooperativ.rules.parameters import ParameterSet, with_overrides
from kooperativ.rules.payroll import PayrollRules
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, resolve

__all__ = ["PayrollPolicy", "PayrollService", "pay_day_after"]

Value = str | Decimal | int


def pay_day_after(day: date, pay_day: int) -> date:
    """The first pay day (day ``pay_day`` of a month) on or after ``day``."""
    candidate = day.replace(day=pay_day)
    if candidate >= day:
        return candidate
    next_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return next_month.replace(day=pay_day)


@dataclass
class PayrollPolicy:
    """What a salary takes from a cooperative: the country's payroll rules bound to its
    parameters (with the cooperative's overrides) and settings, and its fee and pension.

    Build with :meth:`load` (a cooperative's folder, without opening its database),
    :meth:`of` (a configuration already loaded) or :meth:`for_country` (no cooperative:
    the country's own figures, every policy given per call).

    Attributes:
        country: The country's rules.
        parameters: The country's parameters with the cooperative's overrides.
        config: The cooperative's configuration, or ``None``.
        folder: The cooperative's folder, or ``None``.
    """

    country: CountryRules
    parameters: ParameterSet
    config: CooperativeConfig | None = None
    folder: Path | None = None
    _rules: PayrollRules | None = field(default=None, init=False, repr=False)
    _fees: FeePolicy | None = field(default=None, init=False, repr=False)

    @classmethod
    def load(cls, folder: Path | str) -> PayrollPolicy:
        """Read ``folder/cooperative.toml`` and ``folder/parameters/``.

        Raises:
            ConfigError: The configuration or a parameter file is wrong (file, key, reason).
        """
        root = Path(folder)
        return cls.of(load_config(root), root)

    @classmethod
    def of(cls, config: CooperativeConfig, folder: Path | None = None) -> PayrollPolicy:
        """The policy of a loaded configuration (overrides read from ``folder``)."""
        country = get_country(config.country)
        return cls(country, with_overrides(country.parameters(), folder), config, folder)

    @classmethod
    def for_country(cls, code: str) -> PayrollPolicy:
        """The country's own payroll rules, for a salary outside any cooperative."""
        country = get_country(code)
        return cls(country, country.parameters())

    def rules(self) -> PayrollRules:
        """The country's payroll rules bound to the parameters and the cooperative's
        national settings (made once).

        Raises:
            ConfigError: The national settings name files that are missing or outside
                the folder.
        """
        if self._rules is None:
            settings = self.config.national if self.config is not None else None
            self._rules = self.country.payroll(self.parameters, settings, self.folder)
        return self._rules

    def salary_input(
        self,
        *,
        paid_on: date,
        member: Member | None = None,
        birth_date: date | None = None,
        invoiced: Value | None = None,
        budget: Value | None = None,
        gross: Value | None = None,
        net: Value | None = None,
        expenses: Value | None = None,
        fee_rate: Value | None = None,
        member_number: int | None = None,
        invoiced_on: date | None = None,
        tax: str | None = None,
        holiday_pay: str | bool | None = None,
        pension_rate: Value | None = None,
        paid_this_month: Value | None = None,
        paid_this_year: Value | None = None,
    ) -> SalaryInput:
        """The salary input from the values given, the member's register entry and the
        cooperative's policy, in that order of precedence.

        Args:
            paid_on: The payment day.
            member: The member paid (birth date and registered tax mode).
            birth_date: The birth date, if no member is named (or to override it).
            invoiced: Invoiced amount excl. VAT (one of invoiced, budget, gross, net).
            budget: A budget for the whole salary cost.
            gross: A gross salary.
            net: A wanted net pay (with a fee rate, the invoice needed is computed).
            expenses: Outlays to reimburse tax-free.
            fee_rate: The fee rate; default the fee policy's (:mod:`kooperativ.fees`): the
                terms in force for the member on the invoice date, else the pay date.
            member_number: The member whose fee terms apply, if no member is named (or to
                override it); ``None``: the cooperative's terms.
            invoiced_on: The invoice date, which decides the fee terms (default: the pay
                date).
            tax: The tax mode; default the member's, then the country section's default.
            holiday_pay: A policy name, ``True`` (holiday pay: the cooperative's policy, or
                the country's first that pays), ``False`` (``none``); default the
                cooperative's.
            pension_rate: Default ``[payroll] pension_rate``.
            paid_this_month: Taxable pay given out earlier this month.
            paid_this_year: Taxable pay given out earlier this year (incl. this month).

        Raises:
            InputError: A missing or wrong value, naming it.
        """
        rules = self.rules()
        config = self.config
        fields: dict[str, Any] = {
            "invoiced": invoiced,
            "budget": budget,
            "gross": gross,
            "net": net,
            "expenses": expenses,
            "paid_on": paid_on,
            "paid_this_month": paid_this_month,
            "paid_this_year": paid_this_year,
        }
        born = birth_date or (member.birth_date if member is not None else None)
        if born is None:
            raise InputError("birth_date", "give the birth date (or the member)")
        fields["birth_date"] = born
        registered = member.tax.mode if member is not None else None
        fields["tax"] = tax or registered or rules.default_tax
        fields["holiday_pay"] = self._holiday_policy(rules, holiday_pay)
        if pension_rate is None and config is not None:
            pension_rate = config.payroll.pension_rate
        fields["pension_rate"] = pension_rate
        if invoiced is not None or net is not None:
            if config is not None:
                if member_number is not None and (
                    not isinstance(member_number, int)
                    or isinstance(member_number, bool)
                    or member_number < 1
                ):
                    raise InputError(
                        "member", "{value!r} is not a member number", value=member_number
                    )
                number = member_number or (member.number if member is not None else None)
                terms = self.fees().rule_on(number, invoiced_on or paid_on)
                if fee_rate is None:
                    fee_rate = terms.rate
                    fields["fee_rule"] = terms.label()
                fields["fee_minimum"] = terms.minimum
                fields["fee_maximum"] = terms.maximum
            fields["fee_rate"] = fee_rate
        return SalaryInput.create(**{k: v for k, v in fields.items() if v is not None})

    def fees(self) -> FeePolicy:
        """The cooperative's fee policy (``[fees]``: dated, with members' overrides).

        Raises:
            InputError: Outside a cooperative (no ``[fees]``).
        """
        if self.config is None:
            raise InputError("fee_rate", "an invoiced amount needs the cooperative's fee rate")
        if self._fees is None:
            self._fees = FeePolicy.of(self.config.fees)
        return self._fees

    def _holiday_policy(self, rules: PayrollRules, given: str | bool | None) -> str | None:
        if given is None or isinstance(given, str):
            return given
        if not given:
            return NO_HOLIDAY_PAY
        if rules.default_holiday_pay != NO_HOLIDAY_PAY:
            return rules.default_holiday_pay
        paying = [p for p in rules.holiday_pay_policies() if p != NO_HOLIDAY_PAY]
        if not paying:
            raise InputError(
                "holiday_pay", "{country} knows no holiday pay given with the salary",
                country=self.country.code,
            )  # fmt: skip
        return paying[0]

    def calculate(self, inp: SalaryInput) -> SalaryResult:
        """The salary of ``inp`` by the cooperative's rules."""
        return calculate_salary(inp, self.rules())

    def invoice_for_net(self, inp: SalaryInput) -> Decimal:
        """The invoice needed for ``inp.net`` by the cooperative's rules."""
        return invoice_for_net(inp, self.rules())


class PayrollService(Service):
    """Salary calculations for the cooperative's assignments."""

    _policy: PayrollPolicy | None = None

    def policy(self) -> PayrollPolicy:
        """The cooperative's :class:`PayrollPolicy` (its configuration and overrides)."""
        if self._policy is None:
            coop = self._coop
            self._policy = PayrollPolicy(coop.country, coop.parameters, coop.config, coop.folder)
        return self._policy

    def rules(self) -> PayrollRules:
        """The country's payroll rules as this cooperative applies them."""
        return self.policy().rules()

    def preview(
        self,
        actor: Actor,
        assignment: Ref,
        *,
        paid_on: date | None = None,
        expenses: str = "0",
        paid_this_month: Value | None = None,
        paid_this_year: Value | None = None,
    ) -> SalaryResult:
        """The salary the whole assignment would give its member if invoiced and paid out.

        Args:
            actor: A member may preview their own assignments; managers any.
            assignment: The assignment's number or id.
            paid_on: Payment date; default: the first pay day on or after the assignment's
                end (``[payroll] pay_day`` in ``cooperative.toml``).
            expenses: Outlays to reimburse tax-free out of the invoice.
            paid_this_month: Taxable pay given out to the member earlier in the month.
            paid_this_year: Taxable pay given out to the member earlier in the year.

        Raises:
            PermissionDenied: A member asking for another member's assignment.
            InputError: If the fee and expenses exceed the invoice.
        """
        with self._uow() as uow:
            job = resolve(uow.assignments, "assignment", assignment)
            member = uow.members.get(job.member_id)
        actor.require_access(member.id, "assignments")
        day = paid_on or pay_day_after(job.end, self._coop.config.payroll.pay_day)
        policy = self.policy()
        inp = policy.salary_input(
            member=member,
            invoiced=job.amount_excl_vat,
            expenses=expenses,
            paid_on=day,
            paid_this_month=paid_this_month,
            paid_this_year=paid_this_year,
        )
        return policy.calculate(inp)

    def check(self, on: date) -> Sequence[Problem]:
        """Can salaries be calculated on ``on``? Parameters and tax tables for its year;
        and the fee policy's overrides against the register."""
        return [*self._check_rules(on), *self._check_fees(on)]

    def _check_fees(self, on: date) -> Sequence[Problem]:
        with self._read() as uow:
            members = uow.members.list()
        register = [MemberDates(m.number, m.joined_on, m.left_on) for m in members]
        return self.policy().fees().problems(register, on)

    def _check_rules(self, on: date) -> Sequence[Problem]:
        policy = self.policy()
        try:
            rules = policy.rules()
            probe: InputError | None = None
            # A member of 40 first; a default tax mode for older members, one of 70.
            for age in (40, 70):
                inp = policy.salary_input(
                    gross="20000", birth_date=on.replace(year=on.year - age, day=1), paid_on=on
                )
                try:
                    calculate_salary(inp, rules)
                except InputError as error:
                    probe = error
                    continue
                return []
            if probe is not None:
                raise probe
        except KooperativError as error:
            return [
                Problem.of(
                    "error",
                    ("payroll", on.year),
                    "salaries cannot be calculated: {reason}",
                    reason=error,
                    code="payroll.no_rules",
                )
            ]
        return []  # pragma: no cover - the loop returns or raises

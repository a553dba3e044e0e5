# SPDX-License-Identifier: EUPL-1.2
"""Employment law: what a country provides about employing its members.

The cooperative employs a member for each assignment, and the country's employment law
decides what that means: which *forms* of employment exist (a contract stores the form's
code, e.g. Sweden's ``sarskild_visstidsanstallning``), what written information the
employee must get and by when, when a fixed-term employment becomes open-ended, and when a
former employee must be offered work first. Core (the contract record, signatures, hours,
the services) reaches all of it through one method on the country:

```python
law = coop.country.employment_law()
law.form("vikariat").fixed_term                      # True
law.check_information(contract, parties, parameters, on=day).missing
law.employment_time(contracts, on=day, parameters=parameters, warn_months=10, place=("member", 1))
```

Everything a law reports as a finding is a :class:`EmploymentProblem` (a
:class:`~kooperativ.problems.Problem` with a stable ``code``), so callers filter on codes,
never on English text. The figures come from the cooperative's dated parameters (the
country's, with the cooperative's overrides), passed in as a
:class:`~kooperativ.rules.parameters.ParameterSet`.

A second country implements :class:`EmploymentLaw` in its own package; the fictional test
country in ``tests/testland`` is the worked example.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol, runtime_checkable

from kooperativ.employment.models import EmploymentContract, HolidayPayTerms
from kooperativ.problems import Problem, Severity
from kooperativ.rules.parameters import ParameterSet

__all__ = [
    "ContractTerms",
    "Conversion",
    "EmploymentForm",
    "EmploymentLaw",
    "EmploymentProblem",
    "EmploymentTime",
    "InformationItem",
    "InformationReport",
    "MonthDays",
    "Parties",
    "PreferentialRight",
    "TimeLimit",
]


@dataclass(frozen=True)
class EmploymentProblem(Problem):
    """A finding of an employment law: a :class:`Problem` with a stable ``code``.

    ``code`` names the kind of finding for programs (``"information.missing"``,
    ``"sava_conversion.passed"``); ``terms`` names the arguments whose values are words to
    translate too (an item's label, a deadline's description), not only the template.

    Examples:
        >>> problem = EmploymentProblem.make(
        ...     "information.missing", "warning", ("contract", 3),
        ...     "written information incomplete: {item} ({reference})",
        ...     terms=("item",), item="place of work", reference="LAS 6 c §")
        >>> problem.code, problem.message
        ('information.missing', 'written information incomplete: place of work (LAS 6 c §)')
    """

    code: str = ""
    terms: tuple[str, ...] = ()

    @classmethod
    def make(
        cls,
        code: str,
        severity: Severity,
        place: tuple[str, object],
        template: str,
        *,
        terms: Sequence[str] = (),
        **args: object,
    ) -> EmploymentProblem:
        """A finding ``code`` at ``place`` with a translatable ``template``."""
        return cls.from_args(code, severity, place, template, args, terms=terms)

    @classmethod
    def from_args(
        cls,
        code: str,
        severity: Severity,
        place: tuple[str, object],
        template: str,
        args: Mapping[str, object],
        *,
        terms: Sequence[str] = (),
    ) -> EmploymentProblem:
        """Like :meth:`make`, with the template's arguments as a mapping."""
        base = Problem.of(severity, place, template, **args)
        return cls(
            base.severity,
            base.where,
            base.message,
            base.template,
            base.args,
            base.place,
            code,
            tuple(terms),
            values=base.values,
        )

    def text(self, translate: Callable[[str], str]) -> tuple[str, str]:
        """``(where, message)`` rendered with ``translate``, the ``terms`` translated too."""
        if not self.template:
            return self.where, self.message
        from kooperativ.errors import Term, render_message

        kind, key = self.place
        where = f"{translate(kind)} {key}".strip()
        values = {
            name: Term(str(value)) if name in self.terms else value
            for name, value in (self.values or self.args)
        }
        return where, render_message(self.template, values, translate)

    def with_severity(self, severity: Severity) -> EmploymentProblem:
        """The same finding graded ``severity``."""
        return dataclasses.replace(self, severity=severity)


@dataclass(frozen=True, slots=True)
class EmploymentForm:
    """A form of employment a country's law allows.

    Attributes:
        code: What a contract stores (``"vikariat"``).
        label: Its name in English words with the national term, a message id
            (``"Substitute employment (vikariat)"``).
        short: A short name for tables, a message id (``"vikariat"``).
        reference: The paragraph that allows it (``"LAS 5 § första stycket 2"``).
        fixed_term: True for a fixed-term form (the law limits and converts them).
        open_ended: True for the open-ended form: it has no end date.
        trial: True for a trial period (its length is limited).
        needs_basis: True when the contract must state its grounds (whom a substitute
            replaces, which season).
    """

    code: str
    label: str
    short: str
    reference: str
    fixed_term: bool = False
    open_ended: bool = False
    trial: bool = False
    needs_basis: bool = False


@dataclass(frozen=True, slots=True)
class Parties:
    """The parties as the written information names them.

    Attributes:
        employer_name: The employer's name (``config.employer``).
        employer_address: Its address on one line, or ``None`` if not known.
        employee_name: The member's name.
        employee_address: The member's address on one line, or ``None`` if not registered.
    """

    employer_name: str
    employer_address: str | None
    employee_name: str
    employee_address: str | None


@dataclass(frozen=True, slots=True)
class InformationItem:
    """One piece of the written information the law asks for.

    Attributes:
        key: Stable identifier (``"employee_address"``).
        label: What it is, in English words (a message id).
        reference: The paragraph asking for it.
        deadline: When it is due, a code of the law (``"seven_days"``).
    """

    key: str
    label: str
    reference: str
    deadline: str


@dataclass(frozen=True, slots=True)
class InformationReport:
    """The written-information check of one contract on a day.

    Attributes:
        contract_number: The contract checked.
        missing: Items not given, in the order of the law.
        given_on: The day the information was given (the employer signed), or ``None``.
        due_on: The earliest deadline of the items.
        late_due_on: The latest deadline.
        late: True when a deadline passed before the information was given.
        problems: Every finding (items missing, deadlines missed, a term the law does not
            allow), each naming its paragraph.
    """

    contract_number: int
    missing: tuple[InformationItem, ...]
    given_on: date | None
    due_on: date
    late_due_on: date
    late: bool
    problems: tuple[EmploymentProblem, ...]

    @property
    def complete(self) -> bool:
        """True when every required item is there."""
        return not self.missing


@dataclass(frozen=True, slots=True)
class ContractTerms:
    """The law's default terms for a new contract, stored in the country's language.

    Attributes:
        notice_rules: How the employment ends and the notice periods, for the form.
        social_insurance: The social insurance the employer pays for.
        holiday_terms: The holiday terms for the chosen holiday pay.
        holiday_pay_name: The name of the holiday-pay part of the pay.
        holiday_pay_description: What the holiday-pay part is.
        holiday_pay_rate: The holiday pay rate in force when holiday is paid out.
    """

    notice_rules: str | None = None
    social_insurance: str | None = None
    holiday_terms: str | None = None
    holiday_pay_name: str | None = None
    holiday_pay_description: str | None = None
    holiday_pay_rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class TimeLimit:
    """How far a member is from one limit of the law on the day counted to.

    Attributes:
        code: The limit (``"sava_conversion"``).
        label: What it is, in English words (a message id).
        reference: The paragraph.
        limit_days: The limit in days; it is passed when the count is *more* than this.
        days: Days counted on the day of the count.
        window_start: First day of the window counted in (``None`` without a window).
        reached_on: First day the recorded employments pass the limit, or ``None``.
        projected_on: First day the limit would be passed if the member were employed in
            this form every day after the day of the count.
        warn_from_days: From this count on, a warning is given ahead of the limit.
        conversion: True for a limit that turns a fixed term into an open-ended employment.
    """

    code: str
    label: str
    reference: str
    limit_days: int
    days: int
    window_start: date | None
    reached_on: date | None
    projected_on: date | None
    warn_from_days: int
    conversion: bool


@dataclass(frozen=True, slots=True)
class Conversion:
    """A fixed-term employment that has become open-ended by law.

    Attributes:
        code: The limit that was passed.
        on: The day it happened (always a day of employment).
        reference: The paragraph.
        recorded: True once the cooperative records the open-ended employment from that
            day; until then it is an error in ``check``.
    """

    code: str
    on: date
    reference: str
    recorded: bool


@dataclass(frozen=True, slots=True)
class PreferentialRight:
    """A preferential right to re-employment (for Sweden, LAS 25 §).

    Attributes:
        code: Which right (``"preferential_right_sava"``).
        label: Which right, in English words (a message id).
        priority_to: What it gives priority to, in English words (a message id).
        reference: The paragraph.
        days: Days of qualifying employment counted on the last day of employment.
        limit_days: More than this many days qualify.
        ended_on: The last day of the employment it follows.
        until: Its last day.
    """

    code: str
    label: str
    priority_to: str
    reference: str
    days: int
    limit_days: int
    ended_on: date
    until: date


@dataclass(frozen=True, slots=True)
class MonthDays:
    """Days employed in one calendar month, per form, plus days the law adds between.

    Attributes:
        month: First day of the month.
        days: Days employed per form code (each day once per form).
        gap_days: Days between employments the law counts as employment time.
    """

    month: date
    days: Mapping[str, int]
    gap_days: int

    @property
    def total(self) -> int:
        """Days employed in the month in any form."""
        return sum(self.days.values())


@dataclass(frozen=True, slots=True)
class EmploymentTime:
    """A member's employment time on a day, measured against every limit of the law.

    Attributes:
        on: The day counted to (inclusive).
        window_start: First day of the widest window counted in.
        days_by_form: Days employed in each form within that window, each day once.
        gap_days: Days between employments counted as employment time within the window.
        total_days: Days employed in any form within the window.
        limits: One :class:`TimeLimit` per limit that applies.
        conversion: The conversion that has happened by ``on``, or ``None``.
        preferential_rights: The preferential rights in force on ``on`` (none while a
            conversion has happened that is not recorded: the member is then employed).
        months: Days per calendar month, oldest first.
        problems: What ``kooperativ check`` reports.
    """

    on: date
    window_start: date
    days_by_form: Mapping[str, int]
    gap_days: int
    total_days: int
    limits: tuple[TimeLimit, ...]
    conversion: Conversion | None
    preferential_rights: tuple[PreferentialRight, ...]
    months: tuple[MonthDays, ...]
    problems: tuple[EmploymentProblem, ...]

    def limit(self, code: str) -> TimeLimit:
        """The status of the limit ``code``.

        Raises:
            KeyError: The limit does not apply (e.g. vikariat rules without vikariat).
        """
        for status in self.limits:
            if status.code == code:
                return status
        raise KeyError(code)

    @property
    def preferential_right_until(self) -> date | None:
        """The last day of the longest preferential right in force, or ``None``."""
        return max((right.until for right in self.preferential_rights), default=None)


@runtime_checkable
class EmploymentLaw(Protocol):
    """What a country's employment law provides (reached by ``country.employment_law()``)."""

    #: The form a new contract gets when neither the call nor the configuration names one.
    default_form: str
    #: The subtitle of a contract document (a message id of domain ``documents``).
    information_title: str

    def forms(self) -> Sequence[EmploymentForm]:
        """Every form of employment the law knows, including ones no longer agreed."""
        ...

    def form(self, code: str) -> EmploymentForm:
        """The form ``code``.

        Raises:
            InputError: No such form (field ``form``), naming the known ones.
        """
        ...

    def default_holiday(
        self, *, form: str, start: date, end: date | None, parameters: ParameterSet
    ) -> HolidayPayTerms:
        """How holiday is paid when the contract does not say (paid out where allowed)."""
        ...

    def default_terms(
        self, form: str, holiday: HolidayPayTerms, parameters: ParameterSet, start: date
    ) -> ContractTerms:
        """The law's default terms for a new contract of ``form`` starting on ``start``."""
        ...

    def validate_contract(self, contract: EmploymentContract, parameters: ParameterSet) -> None:
        """Refuse a contract the law does not allow.

        Raises:
            InputError: Naming the field (``form``, ``end``, ``holiday_pay`` …) and why.
        """
        ...

    def check_information(
        self,
        contract: EmploymentContract,
        parties: Parties,
        parameters: ParameterSet,
        *,
        on: date,
    ) -> InformationReport:
        """The written information of ``contract`` on ``on``: complete, in time, lawful."""
        ...

    def employment_time(
        self,
        contracts: Sequence[EmploymentContract],
        *,
        on: date,
        parameters: ParameterSet,
        warn_months: int,
        place: tuple[str, object],
    ) -> EmploymentTime:
        """A member's employment time on ``on`` from their contracts (any order).

        Args:
            contracts: The member's contracts with the employer.
            on: The day to count to.
            parameters: The figures in force (resolved per day inside).
            warn_months: How early to warn ahead of a limit (``[employment] warn_months``:
                months counted of the country's main limit).
            place: Where the findings are (``("member", 3)``).
        """
        ...

    def localise(self, text: str | None, translate: Callable[[str], str]) -> str | None:
        """A default term of the law as stored, in the language of ``translate``; else None."""
        ...

# SPDX-License-Identifier: EUPL-1.2
"""The written information LAS asks of an employer (*skriftlig information*, 6 c–6 d §§).

An employer must give the employee written information on every term of essential
importance (LAS 6 c § första stycket), at least the points of 6 c § andra stycket: the
parties' names and addresses, the start day and the place of work (1 p.), tasks and title
(2 p.), the form of employment with the notice periods (tillsvidare), the end day or the
conditions for the end and which fixed-term form it is (fixed term) or the length of the
trial period (provanställning) (3 p.), the starting pay and its parts stated separately
and how and how often it is paid (4 p.), the normal working time (5 p.), overtime (6 p.),
notice of schedules (7 p.), paid holiday (8 p.), the procedure and notice periods when the
employment ends (9 p.), the collective agreement if any (10 p.), social insurance (11 p.)
and training (12 p.). For work abroad of more than four weeks, 6 d § adds countries,
duration, currency, benefits and the journey home.

Deadlines (from 2022-06-29): points 1–8 at the latest on the seventh calendar day after the
employee started work, points 9–13 within one month; for a *särskild visstidsanställning*
the fixed-term details of 3 b p. are due when the contract is made. The written contract is
the information, so it counts as given on the day the employer signed it. The number of
days and months are the dated parameters ``employment.information.*``.

Examples:
    >>> from datetime import date
    >>> from uuid import uuid4
    >>> from kooperativ.employment.models import EmploymentContract
    >>> contract = EmploymentContract(
    ...     number=1, member_id=uuid4(), start=date(2026, 9, 1), end=date(2026, 9, 30),
    ...     place_of_work="Stadsteatern", tasks="Scenograf", pay_terms="Enligt budget",
    ...     made_on=date(2026, 8, 20))
    >>> parties = Parties("Interim kultur ek. för.", "Kulturgatan 1, 118 20 Stockholm",
    ...                   "Alva Berglund", None)
    >>> rules = InformationRules(deadline_days=7, late_deadline_months=1, probation_max_months=6)
    >>> report = check_information(contract, parties, rules, on=date(2026, 9, 10))
    >>> [item.key for item in report.missing][:3]
    ['employee_address', 'pay_parts', 'pay_schedule']
    >>> report.due_on, report.complete
    (datetime.date(2026, 8, 20), False)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from kooperativ.employment.models import (
    EmploymentContract,
    EmploymentType,
    HolidayPayTerms,
    Party,
)
from kooperativ.employment.time import add_months
from kooperativ.errors import RulesError

__all__ = [
    "DUE",
    "INCOMPLETE",
    "INFORMATION_ITEMS",
    "ITEM",
    "LATE",
    "NOT_GIVEN",
    "TRIAL_TOO_LONG",
    "Deadline",
    "Finding",
    "InformationItem",
    "InformationReport",
    "InformationRules",
    "Listing",
    "Parties",
    "check_information",
]

#: The templates of :attr:`InformationReport.findings` (message ids in ``problems.po``).
INCOMPLETE = "written information incomplete: {items}"
LATE = "written information given on {given}, after the deadline (due {dues}; LAS 6 c §)"
NOT_GIVEN = "written information not given (due {dues}; LAS 6 c §)"
TRIAL_TOO_LONG = (
    "trial period runs to {end}, longer than {months} months (last allowed day {last}; LAS 6 §)"
)
#: One missing item and one missed deadline inside the lists of :data:`INCOMPLETE` etc.
ITEM = "{label} ({reference})"
DUE = "{day} for {what}"


def _same(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class Finding:
    """A text written in English with its arguments, renderable in another language.

    ``template`` is a message id (domain ``problems``); an argument is a plain value, a
    nested :class:`Finding` (e.g. an item label, translated too) or a :class:`Listing`.

    Examples:
        >>> item = Finding(ITEM, (("label", Finding("place of work")), ("reference", "1 p.")))
        >>> Finding(INCOMPLETE, (("items", Listing((item,))),)).render()
        'written information incomplete: place of work (1 p.)'
    """

    template: str
    args: tuple[tuple[str, object], ...] = ()

    def values(self, translate: Callable[[str], str] = _same) -> dict[str, str]:
        """The arguments as text, nested findings rendered with ``translate``."""
        return {name: _render(value, translate) for name, value in self.args}

    def render(self, translate: Callable[[str], str] = _same) -> str:
        """The text through ``translate`` (a gettext function; English without one)."""
        return translate(self.template).format(**self.values(translate))


@dataclass(frozen=True, slots=True)
class Listing:
    """Findings joined into one argument (``"; "`` between missing items)."""

    parts: tuple[Finding, ...]
    separator: str = "; "

    def render(self, translate: Callable[[str], str] = _same) -> str:
        """The parts rendered with ``translate`` and joined."""
        return self.separator.join(part.render(translate) for part in self.parts)


def _render(value: object, translate: Callable[[str], str]) -> str:
    if isinstance(value, Finding | Listing):
        return value.render(translate)
    return str(value)


class Deadline(StrEnum):
    """When a piece of written information is due."""

    WHEN_MADE = "when_made"  #: when the contract is made (SÄVA details, 6 c §)
    SEVEN_DAYS = "seven_days"  #: the seventh calendar day after work started (6 c §)
    ONE_MONTH = "one_month"  #: one month after work started (6 c §)


@dataclass(frozen=True, slots=True)
class InformationItem:
    """One piece of the written information.

    Attributes:
        key: Stable identifier.
        label: What is missing, in English words (its message id in ``problems.po``).
        reference: The paragraph asking for it.
        deadline: When it is due.
    """

    key: str
    label: str
    reference: str
    deadline: Deadline


def _item(key: str, label: str, point: str, deadline: Deadline) -> InformationItem:
    return InformationItem(key, label, point, deadline)


_P = "LAS 6 c § andra stycket"
_7 = Deadline.SEVEN_DAYS
_M = Deadline.ONE_MONTH

#: Every item the completeness check knows, in the order of 6 c § andra stycket.
INFORMATION_ITEMS: Mapping[str, InformationItem] = {
    item.key: item
    for item in (
        _item("employer_name", "employer's name", f"{_P} 1", _7),
        _item("employer_address", "employer's address", f"{_P} 1", _7),
        _item("employee_name", "employee's name", f"{_P} 1", _7),
        _item("employee_address", "employee's address", f"{_P} 1", _7),
        _item("start", "first day of employment", f"{_P} 1", _7),
        _item("place_of_work", "place of work", f"{_P} 1", _7),
        _item("tasks", "tasks and title", f"{_P} 2", _7),
        _item("notice_periods", "notice periods (tillsvidare)", f"{_P} 3 a", _7),
        _item("end", "end day or the conditions for the end", f"{_P} 3 b", Deadline.WHEN_MADE),
        _item("basis", "grounds for the vikariat or the season", "LAS 5 § 2–3", _7),
        _item("probation_length", "length of the trial period", f"{_P} 3 c", _7),
        _item("pay_terms", "starting pay", f"{_P} 4", _7),
        _item("pay_parts", "pay and benefits stated separately", f"{_P} 4", _7),
        _item("pay_schedule", "how often and how pay is paid", f"{_P} 4", _7),
        _item("working_time", "normal working day or week", f"{_P} 5", _7),
        _item("holiday", "paid holiday or holiday pay rate", f"{_P} 8", _7),
        _item("notice_rules", "procedure and notice when the employment ends", f"{_P} 9", _M),
        _item("social_insurance", "social insurance", f"{_P} 11", _M),
    )
}


@dataclass(frozen=True, slots=True)
class Parties:
    """The parties as the written information names them (LAS 6 c § andra stycket 1).

    Attributes:
        employer_name: The cooperative's name.
        employer_address: Its address on one line, or ``None`` if not known.
        employee_name: The member's name.
        employee_address: The member's address on one line, or ``None`` if not registered.
    """

    employer_name: str
    employer_address: str | None
    employee_name: str
    employee_address: str | None


@dataclass(frozen=True, slots=True)
class InformationRules:
    """The deadlines and limits in force (parameters ``employment.information.*``)."""

    deadline_days: int
    late_deadline_months: int
    probation_max_months: int

    @classmethod
    def from_parameters(cls, resolved: Mapping[str, object]) -> InformationRules:
        """Read the figures from parameters resolved on a day (``ParameterSet.at(day)``).

        Raises:
            MissingParameterError: A parameter has no value on that day.
            RulesError: A parameter is not a whole number.
        """
        values: list[int] = []
        for name in (
            "employment.information.deadline_days",
            "employment.information.late_deadline_months",
            "employment.probation_max_months",
        ):
            raw = resolved[name]
            if not isinstance(raw, Decimal) or raw != raw.to_integral_value() or raw < 0:
                raise RulesError(f"parameter {name!r} must be a whole number ≥ 0")
            values.append(int(raw))
        return cls(*values)


@dataclass(frozen=True, slots=True)
class InformationReport:
    """The result of :func:`check_information` for one contract.

    Attributes:
        contract_number: The contract checked.
        missing: Items not given, in the order of 6 c §.
        given_on: The day the employer signed (the information was given), or ``None``.
        due_on: The earliest deadline of the items (the contract day for SÄVA).
        late_due_on: The deadline of points 9–13.
        late: True when a deadline passed before the information was given.
        problems: Every finding in English words (missing items, deadlines missed, a trial
            period longer than LAS 6 § allows), each naming its paragraph.
        findings: The same findings as templates with arguments, for translation
            (``findings[i].render() == problems[i]``).
    """

    contract_number: int
    missing: tuple[InformationItem, ...]
    given_on: date | None
    due_on: date
    late_due_on: date
    late: bool
    problems: tuple[str, ...]
    findings: tuple[Finding, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every required item is there."""
        return not self.missing


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _missing_keys(contract: EmploymentContract, parties: Parties) -> list[str]:
    missing: list[str] = []
    checks = {
        "employer_name": parties.employer_name,
        "employer_address": parties.employer_address,
        "employee_name": parties.employee_name,
        "employee_address": parties.employee_address,
        "place_of_work": contract.place_of_work,
        "tasks": contract.tasks,
        "pay_terms": contract.pay_terms,
        "pay_schedule": contract.pay_schedule,
        "working_time": contract.scope,
        "notice_rules": contract.notice_rules,
        "social_insurance": contract.social_insurance,
    }
    for key, value in checks.items():
        if _blank(value):
            missing.append(key)
    kind = contract.type
    if kind is EmploymentType.PERMANENT and _blank(contract.notice_rules):
        missing.append("notice_periods")  # 6 c § andra stycket 3 a
    if kind.fixed_term and contract.end is None and _blank(contract.end_conditions):
        missing.append("end")  # 6 c § andra stycket 3 b
    if kind in (EmploymentType.SUBSTITUTE, EmploymentType.SEASONAL) and _blank(contract.basis):
        missing.append("basis")  # LAS 5 § 2–3 p.: vikariat and säsong need a ground
    if kind is EmploymentType.PROBATION and contract.end is None:
        missing.append("probation_length")  # 6 c § andra stycket 3 c
    if not contract.pay_parts and contract.monthly_pay is None:
        missing.append("pay_parts")  # 6 c § andra stycket 4: parts stated separately
    if contract.holiday_pay is HolidayPayTerms.PAID_OUT:
        if contract.holiday_pay_rate is None:
            missing.append("holiday")  # 6 c § andra stycket 8
    elif _blank(contract.holiday_terms):
        missing.append("holiday")
    order = list(INFORMATION_ITEMS)
    return sorted(set(missing), key=order.index)


def check_information(
    contract: EmploymentContract,
    parties: Parties,
    rules: InformationRules,
    *,
    on: date,
) -> InformationReport:
    """Check ``contract``'s written information for completeness and deadlines on ``on``.

    Args:
        contract: The contract (its signatures tell when the information was given).
        parties: Names and addresses of employer and employee.
        rules: Deadlines and limits in force (:meth:`InformationRules.from_parameters`).
        on: The day of the check (deadlines after it are not yet missed).

    Returns:
        The missing items with their paragraphs, the deadlines and every problem found.
    """
    missing = tuple(INFORMATION_ITEMS[key] for key in _missing_keys(contract, parties))
    employer = contract.signed_at(Party.EMPLOYER)
    # Signed after the day of the check: not yet given as seen from that day.
    given_on = employer.date() if employer is not None and employer.date() <= on else None
    seven = contract.start + timedelta(days=rules.deadline_days)
    month = add_months(contract.start, rules.late_deadline_months)
    deadlines = [(seven, "points 1–8"), (month, "points 9–13")]
    if contract.type is EmploymentType.SPECIAL_FIXED_TERM:
        # 6 c §: for SÄVA the fixed-term details (3 b p.) are due when the contract is made.
        deadlines.insert(0, (contract.made_on, "the SÄVA details of point 3 b"))
    findings: list[Finding] = []
    if missing:
        items = tuple(
            Finding(ITEM, (("label", Finding(item.label)), ("reference", item.reference)))
            for item in missing
        )
        findings.append(Finding(INCOMPLETE, (("items", Listing(items)),)))
    if given_on is not None:
        missed = [(d, what) for d, what in deadlines if given_on > d]
    else:
        missed = [(d, what) for d, what in deadlines if on > d]
    if missed:
        dues = Listing(
            tuple(Finding(DUE, (("day", d), ("what", Finding(what)))) for d, what in missed),
            ", ",
        )
        if given_on is not None:
            findings.append(Finding(LATE, (("given", given_on), ("dues", dues))))
        else:
            findings.append(Finding(NOT_GIVEN, (("dues", dues),)))
    if contract.type is EmploymentType.PROBATION and contract.end is not None:
        longest = add_months(contract.start, rules.probation_max_months) - timedelta(days=1)
        if contract.end > longest:
            findings.append(
                Finding(
                    TRIAL_TOO_LONG,
                    (
                        ("end", contract.end),
                        ("months", rules.probation_max_months),
                        ("last", longest),
                    ),
                )
            )
    return InformationReport(
        contract_number=contract.number,
        missing=missing,
        given_on=given_on,
        due_on=min(deadline for deadline, _ in deadlines),
        late_due_on=month,
        late=bool(missed),
        problems=tuple(finding.render() for finding in findings),
        findings=tuple(findings),
    )

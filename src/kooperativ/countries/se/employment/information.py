# SPDX-License-Identifier: EUPL-1.2
"""The written information LAS asks of an employer (*skriftlig information*, 6 c–6 d §§).

An employer must give the employee written information on every term of essential
importance (LAS 6 c § första stycket), at least the points of 6 c § andra stycket:

====  =============================================================================
1     the parties' names and addresses, the first day, the place of work
2     the tasks and the title
3     whether the employment is open-ended, fixed-term or a trial period, and a) the
      notice periods, b) the last day or the conditions for the end and which fixed-term
      form it is, c) the length and conditions of the trial period
4     the starting pay and other benefits, stated separately, and how often and how
      pay is paid
5     the normal working day or week
6     overtime and its pay (where it applies)
7     the shortest notice of the working-time schedule (where it applies)
8     for an employee hired out by a staffing agency, the client companies
9     training the employer provides (where it applies)
10    the length of paid holiday
11    the procedure and notice periods when the employment ends
12    the collective agreement, if any
13    that the employer pays social security contributions, and any social insurance it
      provides itself
====  =============================================================================

Deadlines (SFS 2022:448, in force 2022-06-29, implementing directive (EU) 2019/1152
art. 5): points 1–7 at the latest on the seventh calendar day after the employee started
work, points 9–13 within one month; for a *särskild visstidsanställning* the details of
3 b are due when the contract is made (SFS 2022:835); point 8 as soon as the client is
known (it does not apply to the cooperative's own assignments). For work abroad of more
than four consecutive weeks, 6 d § adds countries, duration, currency, benefits and the
journey home, before departure. The written contract is the information, so it counts as
given on the day the employer signed it. The number of days and months are the dated
parameters ``employment.information.*``.

Points 6, 7, 9 and 12 apply only where there is something to say, so a contract without
them is not incomplete (the contract PDF states that no collective agreement binds the
employer when none is named). The grounds of a vikariat or a season are not written
information but what makes the form lawful (LAS 5 § första stycket 2–3); they are checked
with it.

Examples:
    >>> from datetime import date
    >>> from uuid import uuid4
    >>> from kooperativ.employment.models import EmploymentContract
    >>> contract = EmploymentContract(
    ...     number=1, member_id=uuid4(), form="sarskild_visstidsanstallning",
    ...     start=date(2026, 9, 1), end=date(2026, 9, 30), place_of_work="Stadsteatern",
    ...     tasks="Scenograf", pay_terms="Enligt budget", made_on=date(2026, 8, 20))
    >>> parties = Parties("Interim kultur AB", "Kulturgatan 1, 118 20 Stockholm",
    ...                   "Alva Berglund", None)
    >>> rules = InformationRules(deadline_days=7, late_deadline_months=1, probation_max_months=6)
    >>> report = check_information(contract, parties, rules, on=date(2026, 9, 10))
    >>> [item.key for item in report.missing][:3]
    ['employee_address', 'pay_parts', 'pay_schedule']
    >>> report.due_on, report.complete
    (datetime.date(2026, 8, 20), False)
    >>> sorted({problem.code for problem in report.problems})
    ['information.missing', 'information.not_given']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from kooperativ.countries.se.employment.forms import FORMS, EmploymentType
from kooperativ.employment.dates import add_months
from kooperativ.employment.models import EmploymentContract, HolidayPayTerms, Party
from kooperativ.errors import RulesError
from kooperativ.rules.employment import (
    EmploymentProblem,
    InformationItem,
    InformationReport,
    Parties,
)

__all__ = [
    "INFORMATION_ITEMS",
    "LATE",
    "MISSING",
    "NOT_GIVEN",
    "TRIAL_TOO_LONG",
    "Deadline",
    "InformationRules",
    "Parties",
    "check_information",
    "trial_too_long",
]

#: The templates of the findings (message ids of ``employment``).
MISSING = "written information incomplete: {item} ({reference})"
NOT_GIVEN = "written information not given (due {day} for {what}; LAS 6 c §)"
LATE = "written information given on {given}, after the deadline (due {day} for {what}; LAS 6 c §)"
TRIAL_TOO_LONG = (
    "trial period runs to {end}, longer than {months} months (last allowed day {last}; LAS 6 §)"
)


class Deadline(StrEnum):
    """When a piece of written information is due."""

    WHEN_MADE = "when_made"  #: when the contract is made (the SÄVA details of 3 b)
    SEVEN_DAYS = "seven_days"  #: the seventh calendar day after work started (points 1–7)
    ONE_MONTH = "one_month"  #: one month after work started (points 9–13)


#: What each deadline covers (message ids of ``employment``).
DEADLINE_WORDS = {
    Deadline.WHEN_MADE: "the SÄVA details of point 3 b",
    Deadline.SEVEN_DAYS: "points 1–7",
    Deadline.ONE_MONTH: "points 9–13",
}

_FIXED = frozenset(kind.value for kind, form in FORMS.items() if form.fixed_term)
_P = "LAS 6 c § andra stycket"
_7 = Deadline.SEVEN_DAYS.value
_M = Deadline.ONE_MONTH.value


def _item(key: str, label: str, reference: str, deadline: str) -> InformationItem:
    return InformationItem(key, label, reference, deadline)


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
        _item(
            "end",
            "end day or the conditions for the end",
            f"{_P} 3 b",
            Deadline.WHEN_MADE.value,
        ),
        _item(
            "basis",
            "grounds for the vikariat or the season",
            "LAS 5 § första stycket 2–3",
            _7,
        ),
        _item("probation_length", "length of the trial period", f"{_P} 3 c", _7),
        _item("pay_terms", "starting pay", f"{_P} 4", _7),
        _item("pay_parts", "pay and benefits stated separately", f"{_P} 4", _7),
        _item("pay_schedule", "how often and how pay is paid", f"{_P} 4", _7),
        _item("working_time", "normal working day or week", f"{_P} 5", _7),
        _item("holiday", "paid holiday or holiday pay rate", f"{_P} 10", _M),
        _item("notice_rules", "procedure and notice when the employment ends", f"{_P} 11", _M),
        _item("social_insurance", "social insurance", f"{_P} 13", _M),
    )
}


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
                raise RulesError("parameter {name!r} must be a whole number ≥ 0", name=name)
            values.append(int(raw))
        return cls(*values)


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
    form = contract.form
    fixed = form in _FIXED
    if form == EmploymentType.PERMANENT and _blank(contract.notice_rules):
        missing.append("notice_periods")  # 6 c § andra stycket 3 a
    if fixed and contract.end is None and _blank(contract.end_conditions):
        missing.append("end")  # 6 c § andra stycket 3 b
    if form in (EmploymentType.SUBSTITUTE, EmploymentType.SEASONAL) and _blank(contract.basis):
        missing.append("basis")  # LAS 5 § första stycket 2–3: whom for, which season
    if form == EmploymentType.PROBATION and contract.end is None:
        missing.append("probation_length")  # 6 c § andra stycket 3 c
    if not contract.pay_parts and contract.monthly_pay is None:
        missing.append("pay_parts")  # 6 c § andra stycket 4: parts stated separately
    if contract.holiday_pay is HolidayPayTerms.PAID_OUT:
        if contract.holiday_pay_rate is None:
            missing.append("holiday")  # 6 c § andra stycket 10
    elif _blank(contract.holiday_terms):
        missing.append("holiday")
    order = list(INFORMATION_ITEMS)
    return sorted(set(missing), key=order.index)


def trial_too_long(contract: EmploymentContract, months: int) -> date | None:
    """The last day a trial period of ``contract`` may run to, if it runs longer (LAS 6 §)."""
    if contract.form != EmploymentType.PROBATION or contract.end is None:
        return None
    longest = add_months(contract.start, months) - timedelta(days=1)
    return longest if contract.end > longest else None


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
        The missing items with their paragraphs, the deadlines and the findings: an item
        missing (a warning), information not given by a deadline that has passed (an
        error), information given late (a warning), a trial period longer than LAS 6 §
        allows (an error).
    """
    place = ("contract", contract.number)
    missing = tuple(INFORMATION_ITEMS[key] for key in _missing_keys(contract, parties))
    employer = contract.signed_at(Party.EMPLOYER)
    # Signed after the day of the check: not yet given as seen from that day.
    given_on = employer.date() if employer is not None and employer.date() <= on else None
    seven = contract.start + timedelta(days=rules.deadline_days)
    month = add_months(contract.start, rules.late_deadline_months)
    deadlines = [(seven, Deadline.SEVEN_DAYS), (month, Deadline.ONE_MONTH)]
    if contract.form == EmploymentType.SPECIAL_FIXED_TERM:
        # 6 c §: for SÄVA the fixed-term details (3 b) are due when the contract is made.
        deadlines.insert(0, (contract.made_on, Deadline.WHEN_MADE))
    problems = [
        EmploymentProblem.make(
            "information.missing",
            "warning",
            place,
            MISSING,
            terms=("item",),
            item=item.label,
            reference=item.reference,
        )
        for item in missing
    ]
    passed = given_on if given_on is not None else on
    missed = [(day, what) for day, what in deadlines if passed > day]
    for day, what in missed:
        if given_on is not None:
            problems.append(
                EmploymentProblem.make(
                    "information.late",
                    "warning",
                    place,
                    LATE,
                    terms=("what",),
                    given=given_on,
                    day=day,
                    what=DEADLINE_WORDS[what],
                )
            )
        else:
            problems.append(
                EmploymentProblem.make(
                    "information.not_given",
                    "error",
                    place,
                    NOT_GIVEN,
                    terms=("what",),
                    day=day,
                    what=DEADLINE_WORDS[what],
                )
            )
    longest = trial_too_long(contract, rules.probation_max_months)
    if longest is not None:
        problems.append(
            EmploymentProblem.make(
                "probation.too_long",
                "error",
                place,
                TRIAL_TOO_LONG,
                end=contract.end,
                months=rules.probation_max_months,
                last=longest,
            )
        )
    return InformationReport(
        contract_number=contract.number,
        missing=missing,
        given_on=given_on,
        due_on=min(day for day, _ in deadlines),
        late_due_on=month,
        late=bool(missed),
        problems=tuple(problems),
    )

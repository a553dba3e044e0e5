# SPDX-License-Identifier: EUPL-1.2
"""Whether a contract's terms are lawful: the form, its period, the holiday pay.

* The form must exist on the first day (LAS 5 §): *särskild visstidsanställning* from
  1 October 2022, *allmän visstidsanställning* only before (SFS 2022:835); parameters
  ``employment.forms.<code>``.
* An open-ended employment (*tillsvidare*, LAS 4 §) has no last day; a fixed term needs a
  last day or the conditions on which it ends (LAS 6 c § andra stycket 3 b).
* A trial period lasts at most six months (LAS 6 §, ``employment.probation_max_months``).
* Holiday may be paid out as *semesterersättning* instead of leave only for an employment
  agreed to last at most three months (Semesterlag 5 § första stycket,
  ``employment.holiday_paid_out_max_months``). A collective agreement may allow more
  (Semesterlag 2 §); a contract that names one and pays holiday out over a longer period is
  a warning to check the agreement, not an error.

:func:`findings` reports every breach of a stored contract for ``kooperativ check``;
:func:`validate` refuses a new one with an error naming the field.

Examples:
    >>> from datetime import date
    >>> from uuid import uuid4
    >>> from kooperativ.countries.se.parameters import load_swedish_parameters
    >>> from kooperativ.employment.models import EmploymentContract
    >>> long = EmploymentContract(
    ...     number=4, member_id=uuid4(), form="sarskild_visstidsanstallning",
    ...     start=date(2026, 8, 15), end=date(2026, 12, 15), place_of_work="Stadsteatern",
    ...     tasks="Scenmusik", pay_terms="Enligt budget", made_on=date(2026, 8, 1))
    >>> [p.code for p in findings(long, load_swedish_parameters())]
    ['holiday.paid_out']
"""

from __future__ import annotations

from datetime import date, timedelta

from kooperativ.countries.se.employment.forms import FORMS, EmploymentType
from kooperativ.countries.se.employment.information import trial_too_long
from kooperativ.employment.dates import add_months
from kooperativ.employment.models import EmploymentContract, HolidayPayTerms
from kooperativ.errors import InputError, KooperativError, RulesError
from kooperativ.rules.employment import EmploymentProblem
from kooperativ.rules.parameters import ParameterSet

__all__ = [
    "FORM_NOT_AVAILABLE",
    "NO_END",
    "OPEN_ENDED_WITH_END",
    "PAID_OUT",
    "PAID_OUT_BY_AGREEMENT",
    "findings",
    "form_available",
    "paid_out_allowed_until",
    "validate",
]

#: The templates of the findings and errors (message ids of ``employment``).
FORM_NOT_AVAILABLE = "{form} cannot be agreed for an employment starting on {day} ({reference})"
OPEN_ENDED_WITH_END = "a tillsvidareanställning has no end date (LAS 4 §)"
NO_END = "a fixed-term employment needs an end date or end conditions (LAS 6 c § andra stycket 3 b)"
TRIAL = (
    "a provanställning lasts at most {months} months (LAS 6 §): the last day may be "
    "{last}, not {end}"
)
PAID_OUT = (
    "holiday may be paid out instead of leave only for an employment agreed for at most "
    "{months} months (Semesterlag 5 §); this one runs {start}–{end}"
)
PAID_OUT_BY_AGREEMENT = (
    "holiday is paid out instead of leave for an employment longer than {months} months: "
    "check that the collective agreement ({agreement}) allows it (Semesterlag 2 § and 5 §)"
)


def _value(parameters: ParameterSet, name: str, on: date) -> object | None:
    try:
        value: object = parameters[name].value_on(on)
    except (KeyError, KooperativError):
        return None
    return value


def _count(parameters: ParameterSet, name: str, on: date) -> int:
    value = _value(parameters, name, on)
    if value is None:
        value = _value(parameters, name, date.max)
    if value is None:
        raise RulesError("parameter {name!r} has no value", name=name)
    return int(str(value))


def form_available(form: str, start: date, parameters: ParameterSet) -> bool:
    """Whether ``form`` may be agreed for an employment starting on ``start`` (LAS 5 §).

    A form without a ``employment.forms.<code>`` parameter has always existed.
    """
    try:
        flag = parameters[f"employment.forms.{form}"]
    except KooperativError:
        return True
    try:
        return flag.value_on(start) is True
    except KooperativError:
        return False


def paid_out_allowed_until(start: date, parameters: ParameterSet) -> date:
    """The last day an employment starting on ``start`` may end on if holiday is paid out.

    Semesterlag 5 § första stycket: agreed for at most three months, i.e. ending at the
    latest the day before the same date three months later.
    """
    months = _count(parameters, "employment.holiday_paid_out_max_months", start)
    return add_months(start, months) - timedelta(days=1)


def _breaches(
    contract: EmploymentContract, parameters: ParameterSet
) -> list[tuple[str, str, str, dict[str, object]]]:
    """``(code, field, template, args)`` of every term the law does not allow."""
    found: list[tuple[str, str, str, dict[str, object]]] = []
    kind = EmploymentType(contract.form)
    form = FORMS[kind]
    if not form_available(contract.form, contract.start, parameters):
        found.append(
            (
                "form.not_available",
                "form",
                FORM_NOT_AVAILABLE,
                {"form": contract.form, "day": contract.start, "reference": form.reference},
            )
        )
    if form.open_ended and contract.end is not None:
        found.append(("form.open_ended_with_end", "end", OPEN_ENDED_WITH_END, {}))
    if form.fixed_term and contract.end is None and not contract.end_conditions:
        found.append(("form.no_end", "end", NO_END, {}))
    months = _count(parameters, "employment.probation_max_months", contract.start)
    longest = trial_too_long(contract, months)
    if longest is not None:
        found.append(
            (
                "probation.too_long",
                "end",
                TRIAL,
                {"months": months, "last": longest, "end": contract.end},
            )
        )
    if contract.holiday_pay is HolidayPayTerms.PAID_OUT:
        allowed = paid_out_allowed_until(contract.start, parameters)
        last = contract.last_day
        if last is None or last > allowed:
            months = _count(parameters, "employment.holiday_paid_out_max_months", contract.start)
            args: dict[str, object] = {
                "months": months,
                "start": contract.start,
                "end": last or "…",
            }
            if contract.collective_agreement:
                args = {"months": months, "agreement": contract.collective_agreement}
                found.append(("holiday.paid_out_by_agreement", "", PAID_OUT_BY_AGREEMENT, args))
            else:
                found.append(("holiday.paid_out", "holiday_pay", PAID_OUT, args))
    return found


def validate(contract: EmploymentContract, parameters: ParameterSet) -> None:
    """Refuse ``contract`` if the law does not allow one of its terms.

    Raises:
        InputError: Naming the field (``form``, ``end``, ``holiday_pay``) and the reason.
    """
    for _, field, template, args in _breaches(contract, parameters):
        if field:
            raise InputError(field, template, **args)


def findings(contract: EmploymentContract, parameters: ParameterSet) -> list[EmploymentProblem]:
    """Every term of ``contract`` the law does not allow, as findings of ``check``.

    A breach is an error; holiday paid out under a collective agreement is a warning.
    Trial periods that are too long are reported with the written information
    (:func:`~kooperativ.countries.se.employment.information.check_information`).
    """
    place = ("contract", contract.number)
    return [
        EmploymentProblem.from_args(code, "error" if field else "warning", place, template, args)
        for code, field, template, args in _breaches(contract, parameters)
        if code != "probation.too_long"
    ]

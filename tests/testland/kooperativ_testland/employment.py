# SPDX-License-Identifier: EUPL-1.2
"""Testland's employment law: the worked example of a country's employment law.

Testland (code ``XT``) is fictional. Its law knows one form of employment, the fixed-term
*engagement*; the written terms (names, address, place, tasks, pay) are due on the first
day; an engagement lasts at most a year; more than 400 days of engagements within three
years make the employment open-ended. The figures are dated parameters of its own
(``employment.toml`` beside this module). It implements
:class:`kooperativ.rules.employment.EmploymentLaw` with no change to kooperativ's core: the
country returns it from ``employment_law()``.

Examples:
    >>> law = TestlandEmploymentLaw()
    >>> law.form("engagement").fixed_term
    True
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

from kooperativ.employment.dates import window_start
from kooperativ.employment.models import EmploymentContract, HolidayPayTerms, Party
from kooperativ.errors import InputError
from kooperativ.rules.employment import (
    ContractTerms,
    EmploymentForm,
    EmploymentProblem,
    EmploymentTime,
    InformationItem,
    InformationReport,
    MonthDays,
    Parties,
    TimeLimit,
)
from kooperativ.rules.parameters import ParameterSet

__all__ = ["ENGAGEMENT", "TestlandEmploymentLaw", "employment_parameters"]

#: Testland's one form of employment.
ENGAGEMENT = EmploymentForm(
    code="engagement",
    label="Engagement (Testland)",
    short="engagement",
    reference="Testland Employment Act, section 2",
    fixed_term=True,
)

_ITEMS = {
    "employee_address": InformationItem(
        "employee_address", "employee's address", "Testland Employment Act, section 3", "first_day"
    ),
    "place_of_work": InformationItem(
        "place_of_work", "place of work", "Testland Employment Act, section 3", "first_day"
    ),
    "tasks": InformationItem(
        "tasks", "tasks and title", "Testland Employment Act, section 3", "first_day"
    ),
    "pay_terms": InformationItem(
        "pay_terms", "starting pay", "Testland Employment Act, section 3", "first_day"
    ),
}
MISSING = "written terms incomplete: {item} ({reference})"
NOT_GIVEN = "written terms not given by the first day ({day}; Testland Employment Act, section 3)"
TOO_LONG = "an engagement lasts at most {days} days (Testland Employment Act, section 2)"
CONVERTED = (
    "more than {limit} days of engagements on {day}: the employment has become open-ended "
    "(Testland Employment Act, section 5)"
)


@cache
def employment_parameters() -> ParameterSet:
    """Testland's employment figures (``employment.toml`` beside this module)."""
    path = Path(__file__).with_name("employment.toml")
    with path.open("rb") as handle:
        return ParameterSet.from_mapping(tomllib.load(handle), source=str(path))


def _count(name: str, on: date) -> int:
    return int(employment_parameters().at(on).decimal(f"employment.{name}"))


class TestlandEmploymentLaw:
    """The employment law of Testland (``XT``)."""

    default_form = ENGAGEMENT.code
    information_title = "Written terms under the Testland Employment Act"

    def forms(self) -> Sequence[EmploymentForm]:
        """The one form: an engagement."""
        return [ENGAGEMENT]

    def form(self, code: str) -> EmploymentForm:
        """The form ``code``; only ``engagement`` exists."""
        if code != ENGAGEMENT.code:
            raise InputError(
                "form", "{value!r} is unknown (known: {known})", value=code, known=ENGAGEMENT.code
            )
        return ENGAGEMENT

    def default_holiday(
        self, *, form: str, start: date, end: date | None, parameters: ParameterSet
    ) -> HolidayPayTerms:
        """Holiday is always paid with the salary in Testland."""
        return HolidayPayTerms.PAID_OUT

    def default_terms(
        self, form: str, holiday: HolidayPayTerms, parameters: ParameterSet, start: date
    ) -> ContractTerms:
        """Testland's terms, in English (its texts are not translated)."""
        rate: Decimal = employment_parameters().at(start).decimal("employment.holiday_rate")
        return ContractTerms(
            notice_rules="The engagement ends on its last day.",
            social_insurance="Covered by the Testland social fund.",
            holiday_terms="Holiday pay is paid with every salary.",
            holiday_pay_name="Holiday pay",
            holiday_pay_description="Paid with every salary",
            holiday_pay_rate=rate,
        )

    def _too_long(self, contract: EmploymentContract) -> int | None:
        days = _count("longest_engagement_days", contract.start)
        if contract.end is None or (contract.end - contract.start).days + 1 > days:
            return days
        return None

    def validate_contract(self, contract: EmploymentContract, parameters: ParameterSet) -> None:
        """An engagement needs a last day, at most a year after the first."""
        self.form(contract.form)
        days = self._too_long(contract)
        if days is not None:
            raise InputError("end", TOO_LONG, days=days)

    def check_information(
        self,
        contract: EmploymentContract,
        parties: Parties,
        parameters: ParameterSet,
        *,
        on: date,
    ) -> InformationReport:
        """The written terms: complete, and given (signed by the employer) by the first day."""
        place = ("contract", contract.number)
        values = {
            "employee_address": parties.employee_address,
            "place_of_work": contract.place_of_work,
            "tasks": contract.tasks,
            "pay_terms": contract.pay_terms,
        }
        missing = tuple(_ITEMS[key] for key, value in values.items() if not value)
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
        signed = contract.signed_at(Party.EMPLOYER)
        given = signed.date() if signed is not None and signed.date() <= on else None
        late = (given or on) > contract.start
        if given is None and late:
            problems.append(
                EmploymentProblem.make(
                    "information.not_given", "error", place, NOT_GIVEN, day=contract.start
                )
            )
        if self._too_long(contract) is not None:
            problems.append(
                EmploymentProblem.make(
                    "engagement.too_long",
                    "error",
                    place,
                    TOO_LONG,
                    days=_count("longest_engagement_days", contract.start),
                )
            )
        return InformationReport(
            contract_number=contract.number,
            missing=missing,
            given_on=given,
            due_on=contract.start,
            late_due_on=contract.start,
            late=late,
            problems=tuple(problems),
        )

    def employment_time(
        self,
        contracts: Sequence[EmploymentContract],
        *,
        on: date,
        parameters: ParameterSet,
        warn_months: int,
        place: tuple[str, object],
    ) -> EmploymentTime:
        """Days of engagements within the window, against the conversion limit."""
        limit = _count("conversion_days", on)
        years = _count("window_years", on)
        worked: set[int] = set()
        for contract in contracts:
            last = contract.last_day or on
            worked.update(range(contract.start.toordinal(), last.toordinal() + 1))
        first = window_start(on, years)
        counted = sum(1 for day in worked if first.toordinal() <= day <= on.toordinal())
        reached = None
        for day in sorted(worked):
            start = window_start(date.fromordinal(day), years).toordinal()
            if sum(1 for d in worked if start <= d <= day) > limit:
                reached = date.fromordinal(day)
                break
        status = TimeLimit(
            code="conversion",
            label="open-ended after engagements",
            reference="Testland Employment Act, section 5",
            limit_days=limit,
            days=counted,
            window_start=first,
            reached_on=reached,
            projected_on=on + timedelta(days=max(0, limit - counted) + 1),
            warn_from_days=limit,
            conversion=True,
        )
        problems: list[EmploymentProblem] = []
        if reached is not None and reached <= on:
            problems.append(
                EmploymentProblem.make(
                    "conversion.passed", "error", place, CONVERTED, limit=limit, day=reached
                )
            )
        months: dict[date, int] = {}
        for day in worked:
            month = date.fromordinal(day).replace(day=1)
            months[month] = months.get(month, 0) + 1
        return EmploymentTime(
            on=on,
            window_start=first,
            days_by_form={ENGAGEMENT.code: counted},
            gap_days=0,
            total_days=counted,
            limits=(status,),
            conversion=None,
            preferential_rights=(),
            months=tuple(
                MonthDays(month, {ENGAGEMENT.code: days}, 0)
                for month, days in sorted(months.items())
            ),
            problems=tuple(problems),
        )

    def localise(self, text: str | None, translate: Callable[[str], str]) -> str | None:
        """Testland's terms are stored in English and printed as written."""
        return None

# SPDX-License-Identifier: EUPL-1.2
"""Exampleland's employment law, as small as a law can be.

Exampleland is fictional. Its Employment Act knows one form, the fixed-term *engagement*
(§ 2), which lasts at most ``employment.longest_days`` days (§ 3); the written terms
(place of work, tasks, pay) are due on the first day (§ 4); it sets no limit on how many
engagements follow each other, so there is no conversion and no preferential right.

It implements :class:`kooperativ.rules.employment.EmploymentLaw`.

Examples:
    >>> ExamplelandEmploymentLaw().form("engagement").fixed_term
    True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

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
)
from kooperativ.rules.parameters import ParameterSet

__all__ = ["ENGAGEMENT", "ExamplelandEmploymentLaw"]

_ACT = "Exampleland Employment Act § {0} (fictional)"

#: Exampleland's one form of employment.
ENGAGEMENT = EmploymentForm(
    code="engagement",
    label="Engagement (Exampleland)",
    short="engagement",
    reference=_ACT.format(2),
    fixed_term=True,
)

#: The written terms § 4 asks for, all due on the first day.
ITEMS = {
    key: InformationItem(key, label, _ACT.format(4), "first_day")
    for key, label in (
        ("place_of_work", "place of work"),
        ("tasks", "tasks and title"),
        ("pay_terms", "starting pay"),
    )
}

TOO_LONG = "an engagement has a last day and lasts at most {days} days ({reference})"
MISSING = "written terms incomplete: {item} ({reference})"
NOT_GIVEN = "written terms not given by the first day ({day}; {reference})"


class ExamplelandEmploymentLaw:
    """The employment law of Exampleland (``XE``)."""

    default_form = ENGAGEMENT.code
    information_title = "Written terms under the Exampleland Employment Act"

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
        """Holiday pay is paid with every salary (Holiday Act § 2)."""
        return HolidayPayTerms.PAID_OUT

    def default_terms(
        self, form: str, holiday: HolidayPayTerms, parameters: ParameterSet, start: date
    ) -> ContractTerms:
        """The terms printed on a contract, in English (Exampleland's texts are)."""
        return ContractTerms(
            notice_rules="The engagement ends on its last day.",
            social_insurance="Covered by Exampleland's social security.",
            holiday_terms="Holiday pay is paid with every salary.",
            holiday_pay_name="Holiday pay",
            holiday_pay_description="Paid with every salary",
            holiday_pay_rate=parameters.at(start).decimal("holiday.rate"),
        )

    def _longest(self, contract: EmploymentContract, parameters: ParameterSet) -> int | None:
        """The longest engagement allowed, if ``contract`` is longer (or open-ended)."""
        days = int(parameters.at(contract.start).decimal("employment.longest_days"))
        if contract.end is None or (contract.end - contract.start).days + 1 > days:
            return days
        return None

    def validate_contract(self, contract: EmploymentContract, parameters: ParameterSet) -> None:
        """An engagement has a last day, at most a year after the first (§ 3)."""
        self.form(contract.form)
        days = self._longest(contract, parameters)
        if days is not None:
            raise InputError("end", TOO_LONG, days=days, reference=_ACT.format(3))

    def check_information(
        self,
        contract: EmploymentContract,
        parties: Parties,
        parameters: ParameterSet,
        *,
        on: date,
    ) -> InformationReport:
        """The written terms: complete, and given (the employer signed) by the first day."""
        place = ("contract", contract.number)
        values = {
            "place_of_work": contract.place_of_work,
            "tasks": contract.tasks,
            "pay_terms": contract.pay_terms,
        }
        missing = tuple(ITEMS[key] for key, value in values.items() if not value)
        problems = [
            EmploymentProblem.make(
                "information.missing", "warning", place, MISSING,
                terms=("item",), item=item.label, reference=item.reference,
            )
            for item in missing
        ]  # fmt: skip
        signed = contract.signed_at(Party.EMPLOYER)
        given = signed.date() if signed is not None and signed.date() <= on else None
        late = (given or on) > contract.start
        if given is None and late:
            problems.append(
                EmploymentProblem.make(
                    "information.not_given", "error", place, NOT_GIVEN,
                    day=contract.start, reference=_ACT.format(4),
                )
            )  # fmt: skip
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
        """Days of engagements up to ``on``: counted, with no limit to measure them by."""
        worked: set[int] = set()
        for contract in contracts:
            last = min(contract.last_day or on, on)
            worked.update(range(contract.start.toordinal(), last.toordinal() + 1))
        months: dict[date, int] = {}
        for day in worked:
            month = date.fromordinal(day).replace(day=1)
            months[month] = months.get(month, 0) + 1
        first = date.fromordinal(min(worked)) if worked else on
        return EmploymentTime(
            on=on,
            window_start=first,
            days_by_form={ENGAGEMENT.code: len(worked)},
            gap_days=0,
            total_days=len(worked),
            limits=(),
            conversion=None,
            preferential_rights=(),
            months=tuple(
                MonthDays(month, {ENGAGEMENT.code: days}, 0)
                for month, days in sorted(months.items())
            ),
            problems=(),
        )

    def localise(self, text: str | None, translate: Callable[[str], str]) -> str | None:
        """Exampleland's terms are stored in English and printed as written."""
        return None

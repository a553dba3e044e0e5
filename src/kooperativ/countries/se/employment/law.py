# SPDX-License-Identifier: EUPL-1.2
"""Sweden's employment law as core reaches it: :class:`SwedishEmploymentLaw`.

References:
    - Lag (1982:80) om anställningsskydd (LAS), as amended by SFS 2022:448 (written
      information, in force 2022-06-29) and SFS 2022:835 (särskild visstidsanställning,
      applied from 2022-10-01): forms (4–6 §§), written information (6 c–6 d §§),
      conversion (5 a §), the three-contracts rule (3 §), preferential right (25 §).
    - Semesterlag (1977:480) 5 §: holiday paid out instead of leave.
    - AD 2019 nr 56: "more than two years" is counted in years of 365 days.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from kooperativ.countries.se.employment import defaults, validation
from kooperativ.countries.se.employment.counting import EmploymentPeriod
from kooperativ.countries.se.employment.forms import FORMS, EmploymentType
from kooperativ.countries.se.employment.information import InformationRules, check_information
from kooperativ.countries.se.employment.limits import LasLimits
from kooperativ.countries.se.employment.time import employment_time
from kooperativ.employment.models import EmploymentContract, HolidayPayTerms
from kooperativ.errors import InputError, KooperativError
from kooperativ.rules.employment import (
    ContractTerms,
    EmploymentForm,
    EmploymentTime,
    InformationReport,
    Parties,
)
from kooperativ.rules.parameters import ParameterSet

__all__ = ["SwedishEmploymentLaw"]


def _rules(parameters: ParameterSet, *days: date) -> InformationRules:
    """The written-information rules in force on the first of ``days`` that has them."""
    error: KooperativError | None = None
    for day in days:
        try:
            return InformationRules.from_parameters(parameters.at(day))
        except KooperativError as found:
            error = found
    assert error is not None  # at least one day is given
    raise error


class SwedishEmploymentLaw:
    """LAS, the written information and holiday pay, for contracts of Swedish employers.

    Examples:
        >>> law = SwedishEmploymentLaw()
        >>> law.default_form, law.form("vikariat").needs_basis
        ('sarskild_visstidsanstallning', True)
        >>> [form.code for form in law.forms()][:2]
        ['sarskild_visstidsanstallning', 'allman_visstidsanstallning']
    """

    default_form = EmploymentType.SPECIAL_FIXED_TERM.value
    information_title = "Written information under 6 c § of the Employment Protection Act (1982:80)"

    def forms(self) -> Sequence[EmploymentForm]:
        """Every form of LAS, AVA included (for employments before 1 October 2022)."""
        return list(FORMS.values())

    def form(self, code: str) -> EmploymentForm:
        """The form ``code`` (an :class:`EmploymentType` value).

        Raises:
            InputError: No such form (field ``form``).
        """
        try:
            return FORMS[EmploymentType(code)]
        except ValueError:
            known = ", ".join(kind.value for kind in EmploymentType)
            raise InputError(
                "form", "{value!r} is unknown (known: {known})", value=code, known=known
            ) from None

    def default_holiday(
        self, *, form: str, start: date, end: date | None, parameters: ParameterSet
    ) -> HolidayPayTerms:
        """Paid out for an employment agreed for at most three months (Semesterlag 5 §).

        Otherwise, and for an employment without a last day, paid holiday leave.
        """
        if end is None or self.form(form).open_ended:
            return HolidayPayTerms.PAID_LEAVE
        if end <= validation.paid_out_allowed_until(start, parameters):
            return HolidayPayTerms.PAID_OUT
        return HolidayPayTerms.PAID_LEAVE

    def default_terms(
        self, form: str, holiday: HolidayPayTerms, parameters: ParameterSet, start: date
    ) -> ContractTerms:
        """Notice, holiday and social insurance as LAS and Semesterlagen give them, in Swedish."""
        kind = self.form(form)
        if kind.open_ended:
            notice = defaults.NOTICE_PERMANENT
        elif kind.trial:
            notice = defaults.NOTICE_PROBATION
        else:
            notice = defaults.NOTICE_FIXED_TERM
        paid_out = holiday is HolidayPayTerms.PAID_OUT
        rate: Decimal | None = None
        if paid_out:
            try:
                value = parameters.at(start)["holiday.rate"]
            except KooperativError:
                value = None
            rate = value if isinstance(value, Decimal) else None
        texts = defaults.TEXTS
        return ContractTerms(
            notice_rules=texts.stored(notice),
            social_insurance=texts.stored(defaults.SOCIAL_INSURANCE),
            holiday_terms=texts.stored(
                defaults.HOLIDAY_PAID_OUT if paid_out else defaults.HOLIDAY_LEAVE
            ),
            holiday_pay_name=texts.stored(defaults.HOLIDAY_PAY) if paid_out else None,
            holiday_pay_description=(
                texts.stored(defaults.HOLIDAY_PAY_DESCRIPTION) if paid_out else None
            ),
            holiday_pay_rate=rate,
        )

    def validate_contract(self, contract: EmploymentContract, parameters: ParameterSet) -> None:
        """Refuse a contract whose form, period or holiday pay LAS or Semesterlagen forbid.

        Raises:
            InputError: Naming the field: ``form``, ``end`` or ``holiday_pay``.
        """
        self.form(contract.form)
        validation.validate(contract, parameters)

    def check_information(
        self,
        contract: EmploymentContract,
        parties: Parties,
        parameters: ParameterSet,
        *,
        on: date,
    ) -> InformationReport:
        """The written information of LAS 6 c § and the lawfulness of the terms on ``on``.

        The deadlines in force when the employment started apply (those of ``on`` for an
        employment that started before they existed).
        """
        self.form(contract.form)
        report = check_information(contract, parties, _rules(parameters, contract.start, on), on=on)
        extra = tuple(validation.findings(contract, parameters))
        if not extra:
            return report
        return InformationReport(
            contract_number=report.contract_number,
            missing=report.missing,
            given_on=report.given_on,
            due_on=report.due_on,
            late_due_on=report.late_due_on,
            late=report.late,
            problems=(*report.problems, *extra),
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
        """Days per form and month, the LAS limits, conversion and preferential rights.

        Raises:
            MissingParameterError: A LAS figure has no value on ``on``.
        """
        limits = LasLimits.from_parameters(parameters.at(on))
        periods = [EmploymentPeriod.from_contract(contract) for contract in contracts]
        return employment_time(periods, on, limits, warn_months=warn_months, place=place)

    def localise(self, text: str | None, translate: Callable[[str], str]) -> str | None:
        """A default term of Swedish law as stored, in the language of ``translate``."""
        return defaults.TEXTS.localise(text, translate)

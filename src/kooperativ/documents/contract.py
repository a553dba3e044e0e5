# SPDX-License-Identifier: EUPL-1.2
"""The employment contract as a PDF (*anställningsavtal* / *anställningsbevis*).

The document carries the written information the country's employment law asks for (for
Sweden LAS 6 c §), in the order of its points: parties, employment form and period, place
of work and tasks, working time, pay and its parts, holiday, ending and notice, collective
agreement, social insurance and, for work abroad, the extra items (LAS 6 d §). Recorded
signatures are printed in the signature blocks (who and when); an unsigned party gets a
line to sign by hand. Labels are translated (``documents`` catalog, Swedish and English);
the terms themselves are printed as written in the contract, except the defaults a new
contract gets (the cooperative's, :mod:`kooperativ.employment.defaults`, and the law's),
which are printed in the PDF's language. The form's name and paragraph come from the law.

Examples:
    >>> from datetime import date
    >>> from kooperativ.config import IdentityConfig
    >>> from kooperativ.employment.models import EmploymentContract
    >>> from kooperativ.members.models import Address, Member
    >>> from kooperativ.rules.country import get_country
    >>> address = Address(street="Kulturgatan 1", postal_code="118 20", city="Stockholm")
    >>> employer = IdentityConfig(name="Interim kultur", orgnr="769640-1236", address=address)
    >>> member = Member(number=1, first_name="Alva", last_name="Berglund",
    ...                 person_id="198503129804", birth_date=date(1985, 3, 12))
    >>> contract = EmploymentContract(
    ...     number=1, member_id=member.id, form="sarskild_visstidsanstallning",
    ...     start=date(2026, 9, 1), end=date(2026, 11, 30), place_of_work="Stadsteatern",
    ...     tasks="Scenograf", pay_terms="Enligt budget", made_on=date(2026, 8, 20))
    >>> law = get_country("SE").employment_law()
    >>> contract_pdf(contract, employer=employer, employee=member, law=law, lang="en")[:5]
    b'%PDF-'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal

from reportlab.platypus import Flowable, Spacer

from kooperativ.assignments.models import Assignment
from kooperativ.config import IdentityConfig
from kooperativ.documents._pdf import (
    Letterhead,
    SignatureLine,
    heading,
    paragraph,
    render_pdf,
    section,
    signature_table,
)
from kooperativ.employment import defaults
from kooperativ.employment.models import (
    EmploymentContract,
    EndReason,
    HolidayPayTerms,
    Party,
)
from kooperativ.i18n import format_amount, format_day, translator
from kooperativ.members.models import Address, Member
from kooperativ.rules.employment import EmploymentLaw

__all__ = ["END_REASON_LABELS", "contract_pdf"]

#: Message ids of the end reasons.
END_REASON_LABELS: dict[EndReason, str] = {
    EndReason.ASSIGNMENT_COMPLETED: "Assignment completed",
    EndReason.FIXED_TERM_EXPIRED: "Fixed term expired",
    EndReason.RESIGNATION: "Resignation by the employee",
    EndReason.REDUNDANCY: "Dismissal for lack of work",
    EndReason.PERSONAL_REASONS: "Dismissal for personal reasons",
    EndReason.SUMMARY_DISMISSAL: "Summary dismissal",
    EndReason.PROBATION_ENDED: "Probation ended",
    EndReason.MUTUAL_AGREEMENT: "Ended by agreement",
    EndReason.CONVERTED: "Converted to permanent employment",
}


def _address(address: Address | None) -> str | None:
    if address is None:
        return None
    return f"{address.street}, {address.postal_code} {address.city}"


def _percent(rate: Decimal, lang: str) -> str:
    value = rate * 100
    decimals = 0 if value == value.to_integral_value() else 2
    return f"{format_amount(value, lang, decimals)} %"


def _signed(at: datetime, who: str, lang: str, _: Callable[[str], str]) -> str:
    # Non-breaking spaces keep the time and its zone together.
    moment = f"{format_day(at.date(), lang)} {at:%H:%M}\u00a0{at.tzname() or ''}".strip()
    return _("Signed by {name} on {moment}").format(name=who, moment=moment)


def contract_pdf(
    contract: EmploymentContract,
    *,
    employer: IdentityConfig,
    employee: Member,
    law: EmploymentLaw,
    assignments: Sequence[Assignment] = (),
    lang: str = "sv",
) -> bytes:
    """Render ``contract`` as a PDF in ``lang`` (``sv`` or ``en``).

    Args:
        contract: The contract.
        employer: The cooperative's identity (``[employer]`` of ``cooperative.toml``).
        employee: The employed member.
        law: The country's employment law (the form's name, the law's default terms).
        assignments: The contract's assignments (listed with number and description).
        lang: ``sv`` or ``en``.

    Returns:
        The PDF bytes.

    Raises:
        InputError: ``lang`` is not supported.
    """
    _ = translator(lang, "documents")

    def day(value: date) -> str:
        return format_day(value, lang)

    none = _("not stated")

    def term(text: str) -> str:
        # A default term is printed in the PDF's language, a user's term as written.
        return defaults.localise(text, _, law) or text

    form = law.form(contract.form)
    story: list[Flowable] = [
        paragraph(_("Employment contract"), "title"),
        paragraph(
            _(law.information_title)
            + " · "
            + _("Contract no. {number}, made on {day}").format(
                number=contract.number, day=day(contract.made_on)
            ),
            "subtitle",
        ),
    ]
    story.append(
        section(
            _("1. Parties"),
            [
                (_("Employer"), employer.name),
                (_("Organisation number"), employer.orgnr),
                (_("Employer's address"), _address(employer.address) or none),
                (_("Employee"), employee.name),
                (_("Personal identity number"), employee.person_id),
                (_("Employee's address"), _address(employee.address) or none),
            ],
        )
    )
    period: list[tuple[str, str]] = [
        (_("Form of employment"), f"{_(form.label)} ({form.reference})"),
        (_("First day"), day(contract.start)),
    ]
    if form.open_ended:
        period.append((_("Last day"), _("Until further notice")))
    elif contract.end is not None:
        label = _("End of trial period") if form.trial else _("Last day")
        period.append((label, day(contract.end)))
    if contract.end_conditions:
        period.append((_("Conditions for the end"), contract.end_conditions))
    if contract.basis:
        period.append((_("Grounds"), contract.basis))
    if contract.probation_conditions:
        period.append((_("Conditions of the trial period"), contract.probation_conditions))
    if assignments:
        period.append(
            (
                _("Assignments"),
                "\n".join(f"{_('No.')} {a.number}: {a.description}" for a in assignments),
            )
        )
    story.append(section(_("2. Employment"), period))
    story.append(
        section(
            _("3. Place of work and tasks"),
            [
                (_("Place of work"), contract.place_of_work),
                (_("Tasks and title"), contract.tasks),
            ],
        )
    )
    working = [(_("Working time"), term(contract.scope))]
    if contract.overtime:
        working.append((_("Overtime and extra time"), term(contract.overtime)))
    if contract.schedule_notice:
        working.append((_("Notice of schedules"), contract.schedule_notice))
    story.append(section(_("4. Working time"), working))
    pay = [(_("Starting pay"), term(contract.pay_terms))]
    if contract.monthly_pay is not None:
        pay.append((_("Monthly pay"), f"{format_amount(contract.monthly_pay, lang)} kr"))
    for part in contract.pay_parts:
        words = [term(part.description or "")]
        if part.amount is not None:
            words.insert(0, f"{format_amount(part.amount, lang)} kr")
        if part.rate is not None:
            words.insert(0, _percent(part.rate, lang))
        pay.append((term(part.name), " – ".join(w for w in words if w) or none))
    pay.append((_("Payment"), term(contract.pay_schedule or none)))
    story.append(section(_("5. Pay"), pay))
    if contract.holiday_pay is HolidayPayTerms.PAID_OUT:
        holiday_form = _("Holiday pay paid out with the salary (semesterersättning)")
        if contract.holiday_pay_rate is not None:
            holiday_form += f", {_percent(contract.holiday_pay_rate, lang)}"
    else:
        holiday_form = _("Paid holiday (semesterlön)")
    holiday = [(_("Holiday"), holiday_form)]
    if contract.holiday_terms:
        holiday.append((_("Holiday terms"), term(contract.holiday_terms)))
    story.append(section(_("6. Holiday"), holiday))
    story.append(
        section(
            _("7. End of employment and notice"),
            [(_("Notice and procedure"), term(contract.notice_rules or none))],
        )
    )
    other = [
        (
            _("Collective agreement"),
            contract.collective_agreement
            or _("The employer is not bound by a collective agreement"),
        ),
        (_("Social insurance"), term(contract.social_insurance or none)),
    ]
    if contract.training:
        other.append((_("Training"), contract.training))
    story.append(section(_("8. Other terms"), other))
    if contract.work_abroad is not None:
        abroad = contract.work_abroad
        story.append(
            section(
                _("9. Work abroad (6 d §)"),
                [
                    (_("Countries"), abroad.countries),
                    (_("Duration"), abroad.duration),
                    (_("Currency of pay"), abroad.currency),
                    (_("Benefits"), abroad.benefits),
                    (_("Journey home"), abroad.journey_home),
                ],
            )
        )
    if contract.ended_on is not None and contract.end_reason is not None:
        ended = [
            (_("Ended on"), day(contract.ended_on)),
            (_("Reason"), _(END_REASON_LABELS[contract.end_reason])),
        ]
        if contract.end_note:
            ended.append((_("Note"), contract.end_note))
        story.append(section(_("End of this employment"), ended))
    story.append(Spacer(1, 4))
    story.append(heading(_("Signatures")))
    story.append(
        paragraph(
            _(
                "This contract has been drawn up in two copies, of which the parties "
                "have taken one each."
            ),
            "small",
        )
    )
    story.append(Spacer(1, 6))
    lines = []
    for side, role, name in (
        (Party.EMPLOYER, _("For the employer"), employer.name),
        (Party.EMPLOYEE, _("Employee"), employee.name),
    ):
        recorded = contract.signature(side)
        at = contract.signed_at(side)
        signed = None
        if at is not None:
            signed = _signed(at, recorded.name if recorded else name, lang, _)
        lines.append(
            SignatureLine(
                role=role,
                name=name,
                signed=signed,
                place_date=_("Place and date"),
                clarification=_("Name in block letters"),
            )
        )
    story.append(signature_table(lines))
    title = _("Employment contract")
    return render_pdf(
        story,
        letterhead=Letterhead(
            name=employer.name,
            orgnr=employer.orgnr,
            address=_address(employer.address),
            extra=str(employer.email) if employer.email else None,
            orgnr_label=_("Org. no."),
        ),
        title=f"{title} {contract.number}",
        footer=f"{title} {_('no.')} {contract.number} · {employee.name}",
        page_label=_("Page {page} of {pages}"),
        lang=lang,
    )

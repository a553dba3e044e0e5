# SPDX-License-Identifier: EUPL-1.2
"""A person's data as a readable PDF (*registerutdrag*, GDPR art. 15).

The document shows what :meth:`kooperativ.services.privacy.PrivacyService.export` gathers
about one member, section by section: the register entry (in full: it is their own),
assignments, employment contracts with the recorded signatures, hours, salary requests,
payslips, expenses and travel claims, membership fees,
their part of each meeting (a secret ballot is listed without its choice, which nobody
knows), the audit events about their records, how long each record is kept and why, and
their rights. Labels come from the ``privacy`` catalog (Swedish and English); the forms of
employment and end reasons from the ``documents`` catalog the contract uses.

Examples:
    >>> from datetime import UTC, date, datetime
    >>> from kooperativ.config import IdentityConfig
    >>> from kooperativ.members.models import Address, Member
    >>> from kooperativ.services.privacy import PersonalData
    >>> address = Address(street="Kulturgatan 1", postal_code="118 20", city="Stockholm")
    >>> employer = IdentityConfig(name="Interim kultur", orgnr="769640-1236", address=address)
    >>> member = Member(number=1, first_name="Alva", last_name="Berglund",
    ...                 person_id="198503129804", birth_date=date(1985, 3, 12))
    >>> data = PersonalData(generated_at=datetime(2026, 11, 27, tzinfo=UTC), member=member)
    >>> from kooperativ.rules.country import get_country
    >>> law = get_country("SE").employment_law()
    >>> personal_data_pdf(data, employer=employer, law=law, lang="en")[:5]
    b'%PDF-'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from kooperativ.config import IdentityConfig
from kooperativ.documents._pdf import (
    CONTENT_WIDTH,
    Letterhead,
    heading,
    paragraph,
    render_pdf,
    section,
)
from kooperativ.documents.contract import END_REASON_LABELS
from kooperativ.i18n import format_amount, format_day, messages, translator
from kooperativ.members.models import Address
from kooperativ.rules.employment import EmploymentLaw
from kooperativ.services.privacy import (
    REASON_TEXTS,
    RECORD_WORDS,
    Hold,
    MeetingPart,
    PersonalData,
)

__all__ = ["personal_data_pdf"]

_RULE = colors.HexColor("#BBBBBB")
_SHADE = colors.HexColor("#F2F2F2")

#: Message ids of the membership statuses.
STATUS_WORDS: dict[str, str] = {
    "applicant": "applicant",
    "member": "member",
    "resigned": "resigned",
    "excluded": "excluded",
}

#: Message ids of the meeting offices.
OFFICE_WORDS: dict[str, str] = {
    "chair": "chair of the meeting",
    "secretary": "secretary of the meeting",
    "adjuster": "adjuster of the minutes",
}


def _address(address: Address | None) -> str | None:
    if address is None:
        return None
    return f"{address.street}, {address.postal_code} {address.city}"


def _grid(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    """A table with a shaded header row and wrapped cells."""
    total = sum(widths)
    scaled = [w * CONTENT_WIDTH / total for w in widths]
    data = [[paragraph(h, "label") for h in header]]
    data += [[paragraph(cell) for cell in row] for row in rows]
    table = Table(data, colWidths=scaled, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _moment(at: datetime, lang: str) -> str:
    return f"{format_day(at.date(), lang)} {at:%H:%M}\u00a0{at.tzname() or ''}".strip()


def personal_data_pdf(
    data: PersonalData, *, employer: IdentityConfig, law: EmploymentLaw, lang: str = "sv"
) -> bytes:
    """Render ``data`` as a PDF in ``lang`` (``sv`` or ``en``).

    Args:
        data: The person's data (:meth:`PrivacyService.export`).
        employer: The identity printed in the letterhead (``[employer]``).
        lang: The language of the labels.

    Returns:
        The PDF bytes.

    Raises:
        InputError: ``lang`` is not supported.
    """
    _ = translator(lang, "privacy")
    doc_ = translator(lang, "documents")
    member = data.member
    none = _("not registered")

    def day(value: date | None) -> str:
        return format_day(value, lang) if value is not None else "–"

    story: list[Flowable] = [
        paragraph(_("Personal data held about you"), "title"),
        paragraph(
            _("{name}, member no. {number} · extract made on {day}").format(
                name=member.name, number=member.number, day=day(data.generated_at.date())
            ),
            "subtitle",
        ),
    ]
    controllers = ", ".join(f"{c.name} ({c.orgnr})" for c in data.controllers) or employer.name
    story.append(
        paragraph(
            _(
                "This is a copy of all personal data {controllers} holds about you, under "
                "article 15 of the General Data Protection Regulation. The same data in a "
                "machine-readable form (JSON, format {schema} version {version}) can be had "
                "under article 20."
            ).format(controllers=controllers, schema=data.schema_name, version=data.schema_version)
        )
    )
    story.extend(_register(data, _, day, none))
    story.extend(_assignments(data, _, day, lang))
    story.extend(_contracts(data, law, _, doc_, day, lang))
    story.extend(_hours(data, _, lang))
    story.extend(_pay(data, _, day, lang))
    story.extend(_fees(data, _, day, lang))
    story.extend(_meetings(data, _, day, messages(lang)))
    story.extend(_audit(data, _, lang))
    story.extend(_retention(data, _, day))
    story.append(heading(_("Your rights")))
    contact = next((c.email for c in data.controllers if c.email), None) or employer.email
    story.append(
        paragraph(
            _(
                "You may have wrong data corrected (article 16), have data erased or its use "
                "restricted where no law requires us to keep it (articles 17 and 18), and "
                "object to its use (article 21). You may complain to the supervisory "
                "authority, in Sweden Integritetsskyddsmyndigheten (IMY). Contact: {contact}."
            ).format(contact=contact or employer.name)
        )
    )
    title = _("Personal data held about you")
    return render_pdf(
        story,
        letterhead=Letterhead(
            name=employer.name,
            orgnr=employer.orgnr,
            address=_address(employer.address),
            extra=str(employer.email) if employer.email else None,
            orgnr_label=_("Org. no."),
        ),
        title=f"{title}: {member.name}",
        footer=_("Personal data · member no. {number}").format(number=member.number),
        page_label=_("Page {page} of {pages}"),
        lang=lang,
    )


Say = Callable[[str], str]
Day = Callable[[date | None], str]


def _register(data: PersonalData, _: Say, day: Day, none: str) -> list[Flowable]:
    member = data.member
    parts = [part for part in (member.tax.mode, member.tax.municipality) if part]
    tax = ", ".join(parts) or none
    rows = [
        (_("Name"), member.name),
        (_("Personal identity number"), member.person_id),
        (_("Birth date"), day(member.birth_date)),
        (_("Member number"), str(member.number)),
        (_("Status"), _(STATUS_WORDS.get(member.status.value, member.status.value))),
        (_("Applied"), day(member.applied_on)),
        (_("Joined"), day(member.joined_on)),
        (_("Left"), day(member.left_on)),
        (_("E-mail"), str(member.email) if member.email else none),
        (_("Phone"), member.phone or none),
        (_("Address"), _address(member.address) or none),
        (_("Bank account"), member.bank_account or none),
        (_("Roles"), ", ".join(sorted(_(r.value) for r in member.roles))),
        (_("Tax"), tax),
    ]
    found: list[Flowable] = [section(_("The member register"), rows)]
    for client in data.as_client:
        found.append(
            section(
                _("Client record no. {number}").format(number=client.number),
                [
                    (_("Name"), client.name),
                    (_("Personal identity number"), client.person_id or none),
                    (_("Address"), _address(client.address) or none),
                    (_("E-mail"), str(client.email) if client.email else none),
                ],
            )
        )
    return found


def _assignments(data: PersonalData, _: Say, day: Day, lang: str) -> list[Flowable]:
    if not data.assignments:
        return []
    rows = []
    for entry in data.assignments:
        job = entry.assignment
        client = entry.client_name or _("client no. {number}").format(number=entry.client_number)
        amount = f"{format_amount(job.amount_excl_vat, lang)} {job.currency}"
        rows.append(
            [
                str(job.number),
                job.description,
                client,
                f"{day(job.start)} – {day(job.end)}",
                amount,
                _(job.status.value),
            ]
        )
    header = [_("No."), _("Assignment"), _("Client"), _("Period"), _("Amount"), _("Status")]
    return [KeepTogether([heading(_("Assignments")), _grid(header, rows, [8, 34, 22, 26, 18, 14])])]


def _contracts(
    data: PersonalData, law: EmploymentLaw, _: Say, doc_: Say, day: Day, lang: str
) -> list[Flowable]:
    found: list[Flowable] = []
    for contract in data.contracts:
        form = law.form(contract.form)
        rows = [
            (_("Form of employment"), f"{doc_(form.label)} ({form.reference})"),
            (_("Period"), f"{day(contract.start)} – {day(contract.end)}"),
            (_("Place of work"), contract.place_of_work),
            (_("Tasks"), contract.tasks),
            (_("Made on"), day(contract.made_on)),
        ]
        for signature in contract.signatures:
            who = _("employee") if signature.party.value == "employee" else _("employer")
            rows.append(
                (
                    _("Signed for the {party}").format(party=who),
                    f"{signature.name}, {_moment(signature.at, lang)}",
                )
            )
        if not contract.signatures:
            rows.append((_("Signatures"), _("not signed")))
        if contract.ended_on is not None and contract.end_reason is not None:
            reason = doc_(END_REASON_LABELS[contract.end_reason])
            rows.append((_("Ended"), f"{day(contract.ended_on)}: {reason}"))
        found.append(
            section(_("Employment contract no. {number}").format(number=contract.number), rows)
        )
    return found


def _hours(data: PersonalData, _: Say, lang: str) -> list[Flowable]:
    if not data.hours:
        return []
    rows = []
    for report in data.hours:
        confirmed = (
            f"{report.confirmed_by}, {_moment(report.confirmed_at, lang)}"
            if report.confirmed_by and report.confirmed_at
            else _("not confirmed")
        )
        rows.append(
            [
                str(report.number),
                report.month.isoformat()[:7],
                format_amount(report.hours, lang),
                f"{report.reported_by}, {_moment(report.reported_at, lang)}",
                confirmed,
            ]
        )
    header = [_("No."), _("Month"), _("Hours"), _("Reported by"), _("Confirmed by")]
    return [KeepTogether([heading(_("Hours worked")), _grid(header, rows, [8, 14, 12, 38, 38])])]


def _pay(data: PersonalData, _: Say, day: Day, lang: str) -> list[Flowable]:
    """Salary requests, payslips, expenses and travel claims, a table each (if any)."""

    def money(value: Decimal) -> str:
        return format_amount(value, lang)

    found: list[Flowable] = []
    if data.salary_requests:
        rows = [
            [str(r.number), day(r.pay_date), money(r.budget), money(r.payout)]
            for r in data.salary_requests
        ]
        header = [_("No."), _("Pay date"), _("Budget"), _("Paid out")]
        found.append(
            KeepTogether([heading(_("Salary requests")), _grid(header, rows, [8, 20, 20, 20])])
        )
    if data.payslips:
        rows = [
            [
                str(p.run_number), p.period, day(p.pay_date), money(p.taxable_pay),
                money(p.preliminary_tax), money(p.payout),
            ]
            for p in data.payslips
        ]  # fmt: skip
        header = [
            _("Payroll run"), _("Pay period"), _("Pay date"), _("Taxable pay"),
            _("Preliminary tax"), _("Paid out"),
        ]  # fmt: skip
        found.append(
            KeepTogether([heading(_("Payslips")), _grid(header, rows, [12, 14, 18, 20, 20, 20])])
        )
    if data.expenses:
        rows = [[str(e.number), day(e.date), e.description, money(e.amount)] for e in data.expenses]
        header = [_("No."), _("Date"), _("Description"), _("Amount")]
        found.append(KeepTogether([heading(_("Expenses")), _grid(header, rows, [8, 18, 50, 18])]))
    if data.travel_claims:
        rows = [
            [str(c.number), day(c.date), c.destination, money(c.tax_free), money(c.taxable)]
            for c in data.travel_claims
        ]
        header = [_("No."), _("Date"), _("Destination"), _("Tax-free"), _("Taxable")]
        found.append(
            KeepTogether([heading(_("Travel claims")), _grid(header, rows, [8, 18, 40, 18, 18])])
        )
    return found


def _fees(data: PersonalData, _: Say, day: Day, lang: str) -> list[Flowable]:
    if not data.membership_fees:
        return []
    rows = [
        [str(f.number), str(f.year), format_amount(f.amount, lang), day(f.paid_on)]
        for f in data.membership_fees
    ]
    header = [_("No."), _("Year"), _("Amount"), _("Paid on")]
    return [KeepTogether([heading(_("Membership fees")), _grid(header, rows, [10, 15, 20, 25])])]


_ITEM_WORDS = ("motion", "poll", "election")


def _item(text: str, _: Say) -> str:
    """``motion 2 poll 1`` / ``election 1`` with the words in the document's language."""
    return " ".join(_(word) if word in _ITEM_WORDS else word for word in text.split(" "))


def _meeting_lines(part: MeetingPart, _: Say, day: Day, anywhere: Say) -> list[str]:
    lines: list[str] = []
    if part.registered_as is not None:
        status = part.registered_as.status.value
        lines.append(
            _("In the meeting's register as {status}").format(
                status=_(STATUS_WORDS.get(status, status))
            )
        )
    if part.roll is not None:
        if part.roll.votes:
            lines.append(_("Had a vote"))
        else:
            # The reasons' texts live in the governance catalog.
            reasons = "; ".join(r.text(anywhere) for r in part.roll.reasons)
            lines.append(_("Had no vote: {reasons}").format(reasons=reasons))
    if part.present:
        lines.append(_("Present"))
    for mandate in part.proxies_given:
        lines.append(
            _("Gave a proxy to {proxy} (dated {day})").format(
                proxy=mandate.proxy_name, day=day(mandate.dated)
            )
        )
    for mandate in part.proxies_held:
        lines.append(_("Held a member's proxy (dated {day})").format(day=day(mandate.dated)))
    if part.requested_meeting:
        lines.append(_("Demanded the meeting"))
    for office in part.offices:
        lines.append(_("Elected {office}").format(office=_(OFFICE_WORDS.get(office, office))))
    for motion in part.motions_proposed:
        outcome = f" ({_(motion.outcome)})" if motion.outcome else ""
        lines.append(
            _("Proposed motion {number}: {title}").format(number=motion.number, title=motion.title)
            + outcome
        )
    for amendment in part.amendments_proposed:
        lines.append(
            _("Proposed amendment {letter} to motion {number}: {text}").format(
                letter=amendment.letter, number=amendment.motion, text=amendment.text
            )
        )
    for candidacy in part.candidacies:
        outcome = (
            _("not yet counted")
            if candidacy.elected is None
            else (_("elected") if candidacy.elected else _("not elected"))
        )
        lines.append(
            _("Candidate in election {number} ({office}): {outcome}").format(
                number=candidacy.election, office=candidacy.office, outcome=outcome
            )
        )
    for number in part.secret_ballot_requested:
        lines.append(_("Asked for a secret ballot in election {number}").format(number=number))
    for vote in part.open_votes:
        choice = ", ".join(_(c) for c in vote.choice) or _("blank")
        text = _("Voted in {item} (open ballot): {choice}").format(
            item=_item(vote.item, _), choice=choice
        )
        lines.append(text + (" " + _("(by proxy)") if vote.by_proxy else ""))
    for item in part.secret_ballots:
        lines.append(
            _(
                "Voted in {item} by secret ballot: the choice is not recorded with the voter, "
                "so nobody can say it"
            ).format(item=_item(item, _))
        )
    for reservation in part.reservations:
        lines.append(
            _("Reservation against {item}: {text}").format(
                item=_item(reservation.item, _), text=reservation.text or "–"
            )
        )
    return lines


def _meetings(data: PersonalData, _: Say, day: Day, anywhere: Say) -> list[Flowable]:
    if not data.meetings:
        return []
    found: list[Flowable] = []
    for index, part in enumerate(data.meetings):
        title = _("Meeting no. {number}, {day}").format(number=part.number, day=day(part.held_on))
        if part.title:
            title += f": {part.title}"
        lines = _meeting_lines(part, _, day, anywhere)
        block: list[Any] = [heading(_("Meetings"))] if index == 0 else []
        block.append(paragraph(title, "label"))
        block += [paragraph(f"• {line}") for line in lines]
        block.append(Spacer(1, 2 * mm))
        found.append(KeepTogether(block))
    return found


def _audit(data: PersonalData, _: Say, lang: str) -> list[Flowable]:
    if not data.audit:
        return []
    rows = [
        [str(e.seq), _moment(e.at, lang), e.action, e.actor + (" *" if e.by_subject else "")]
        for e in data.audit
    ]
    header = [_("No."), _("Time"), _("Change"), _("Made by")]
    return [
        KeepTogether(
            [
                heading(_("Audit trail")),
                paragraph(
                    _(
                        "Every change to your records is logged with who made it and when "
                        "(* = made by you). The log cannot be changed afterwards."
                    ),
                    "small",
                ),
                _grid(header, rows, [8, 28, 34, 30]),
            ]
        )
    ]


def _hold_row(hold: Hold, _: Say, day: Day) -> list[str]:
    record = _(RECORD_WORDS.get(hold.record, hold.record))
    until = day(hold.until) if hold.until is not None else _("while it lasts")
    reason = _(REASON_TEXTS.get(hold.reason, hold.reason))
    return [f"{record} {hold.number}", until, reason, hold.reference]


def _retention(data: PersonalData, _: Say, day: Day) -> list[Flowable]:
    found: list[Any] = [heading(_("How long your data are kept"))]
    contact = day(data.minimise_from) if data.minimise_from is not None else _("not yet known")
    identity = (
        day(data.pseudonymise_from) if data.pseudonymise_from is not None else _("not yet known")
    )
    found.append(
        paragraph(
            _(
                "Your contact details (e-mail, phone, address, bank account) are kept while "
                "you are a member and until all dealings are settled; they may be erased from "
                "{contact}. Your name and personal identity number are kept as long as records "
                "the law requires us to keep name you; then they are replaced by a pseudonym, "
                "from {identity} at the earliest."
            ).format(contact=contact, identity=identity)
        )
    )
    if data.retention:
        rows = [_hold_row(h, _, day) for h in data.retention]
        header = [_("Record"), _("Kept until"), _("Why"), _("Rule")]
        found.append(_grid(header, rows, [22, 18, 26, 34]))
    return [KeepTogether(found)]

# SPDX-License-Identifier: EUPL-1.2
"""The employer's certificate (*arbetsgivarintyg*) as a PDF, Swedish or English.

The page shows what :class:`~kooperativ.employment.certificate.EmploymentCertificate`
holds: the employer (name, organisation number, address), the employee (name, member
number, personal identity number — masked unless the caller gives it in full, as the
unemployment fund needs it to identify the person), the range of months certified, each
employment with its form, first and last day and why it ended, and per calendar month the
days employed, the hours worked (as confirmed), the pay and the holiday pay, with totals;
hours reported but not confirmed are noted apart; and, when there was any, the confirmed
days of absence per month by kind (sick leave, parental leave, temporary parental leave,
unpaid leave). A line for the employer's signature
closes it. Labels come from the ``payslips`` catalog; the form's name from the country's
employment law.

Examples:
    >>> from datetime import date
    >>> from uuid import UUID
    >>> from kooperativ.config import IdentityConfig
    >>> from kooperativ.employment.certificate import EmploymentCertificate
    >>> from kooperativ.members.models import Address
    >>> employer = IdentityConfig(name="Interim kultur AB", orgnr="559876-5435",
    ...     address=Address(street="Kulturgatan 1", postal_code="118 20", city="Stockholm"))
    >>> cert = EmploymentCertificate(member_id=UUID(int=7), member_number=7,
    ...     name="Ada Lund", person_id="19850312-****", first=date(2026, 3, 1),
    ...     last=date(2026, 3, 31), issued_on=date(2026, 4, 2))
    >>> certificate_pdf(cert, employer=employer, lang="en")[:5]
    b'%PDF-'
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from kooperativ.config import IdentityConfig
from kooperativ.documents._pdf import (
    CONTENT_WIDTH,
    Letterhead,
    SignatureLine,
    heading,
    key_value_table,
    paragraph,
    render_pdf,
    signature_table,
    styles,
)
from kooperativ.documents.contract import END_REASON_LABELS
from kooperativ.documents.payslip import _logo, _month
from kooperativ.employment.certificate import CertificatePeriod, EmploymentCertificate
from kooperativ.errors import KooperativError
from kooperativ.i18n import format_amount, format_day, format_number, messages, translator
from kooperativ.rules.employment import EmploymentLaw

__all__ = ["certificate_pdf"]

_RULE = colors.HexColor("#BBBBBB")
_SHADE = colors.HexColor("#F2F2F2")


def _hours(value: Decimal, lang: str) -> str:
    whole = value == value.to_integral_value()
    return format_number(value.quantize(Decimal(1)) if whole else value.normalize(), lang)


_HEAD = ParagraphStyle("KCertHead", parent=styles()["label"], fontSize=8.5, leading=10)
_HEAD_RIGHT = ParagraphStyle("KCertHeadRight", parent=_HEAD, alignment=TA_RIGHT)


def _table(rows: list[list[Any]], widths: list[float], numeric_from: int) -> Table:
    """A table with a shaded header row (its labels wrap), figures right-aligned."""
    rows[0] = [
        Paragraph(escape(str(label)), _HEAD_RIGHT if index >= numeric_from else _HEAD)
        for index, label in enumerate(rows[0])
    ]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, 0), 8.5),
                ("FONTNAME", (0, 1), (-1, -1), "Helvetica"),
                ("FONTSIZE", (0, 1), (-1, -1), 9),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, _RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def certificate_pdf(
    certificate: EmploymentCertificate,
    *,
    employer: IdentityConfig,
    law: EmploymentLaw | None = None,
    lang: str = "sv",
    logo: Path | None = None,
    signatory: str | None = None,
) -> bytes:
    """Render ``certificate`` as a PDF in ``lang``.

    The personal identity number is printed as the certificate holds it: mask it first
    (:meth:`~kooperativ.employment.certificate.EmploymentCertificate.masked`) unless the
    certificate goes to the fund.

    Args:
        certificate: The certificate (:func:`~kooperativ.employment.certificate.build_certificate`).
        employer: The employer (``[employer]`` of ``cooperative.toml``).
        law: The country's employment law, for the forms' names (else their codes).
        lang: ``sv`` or ``en``.
        logo: An image to print at the top right.
        signatory: Who signs for the employer (printed under the signature line).

    Returns:
        The PDF bytes.

    Raises:
        InputError: ``lang`` is not supported.
    """
    _ = translator(lang, "payslips")
    words = messages(lang)

    def day(value: date) -> str:
        return format_day(value, lang)

    def money(value: Decimal) -> str:
        return format_amount(value, lang)

    def form_name(code: str) -> str:
        if law is None:
            return code
        try:
            return words(law.form(code).label)
        except KooperativError:
            return code

    def why(period: CertificatePeriod) -> str:
        if period.status == "running":
            return _("Still employed")
        if period.end_reason is None:
            return _("Reason not recorded")
        text = _(END_REASON_LABELS[period.end_reason])
        return f"{text}: {period.end_note}" if period.end_note else text

    title = _("Employer's certificate")
    head: list[Any] = [paragraph(title, "title"), _logo(logo) if logo else ""]
    top = Table([head], colWidths=[CONTENT_WIDTH * 0.6, CONTENT_WIDTH * 0.4])
    top.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story: list[Flowable] = [
        top,
        paragraph(
            _("For unemployment insurance · months {first} – {last} · issued on {day}").format(
                first=_month(certificate.first.isoformat()[:7], lang),
                last=_month(certificate.last.isoformat()[:7], lang),
                day=day(certificate.issued_on),
            ),
            "subtitle",
        ),
    ]
    address = employer.address
    half = CONTENT_WIDTH / 2 - 2 * mm
    parties = Table(
        [
            [
                [
                    heading(_("Employer")),
                    key_value_table(
                        [
                            (_("Name"), employer.name),
                            (_("Org. no."), employer.orgnr),
                            (
                                _("Address"),
                                f"{address.street}, {address.postal_code} {address.city}",
                            ),
                        ],
                        label_width=30 * mm,
                        width=half,
                    ),
                ],
                "",
                [
                    heading(_("Employee")),
                    key_value_table(
                        [
                            (_("Name"), certificate.name),
                            (_("Member no."), str(certificate.member_number)),
                            (_("Personal identity no."), certificate.person_id),
                        ],
                        label_width=36 * mm,
                        width=half,
                    ),
                ],
            ]
        ],
        colWidths=[half, 4 * mm, half],
    )
    parties.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(parties)

    # -- employments ------------------------------------------------------------------------
    story.append(heading(_("Employments")))
    if certificate.periods:
        rows: list[list[Any]] = [
            [_("Contract"), _("Form of employment"), _("From"), _("To"), _("Why it ended")]
        ]
        for period in certificate.periods:
            rows.append(
                [
                    str(period.contract_number),
                    paragraph(form_name(period.form)),
                    day(period.start),
                    day(period.end) if period.end else "–",
                    paragraph(why(period)),
                ]
            )
        widths = [18 * mm, 58 * mm, 25 * mm, 25 * mm, CONTENT_WIDTH - 126 * mm]
        story.append(_table(rows, widths, numeric_from=5))
    else:
        story.append(paragraph(_("No employment in these months.")))

    # -- months -----------------------------------------------------------------------------
    story.append(heading(_("Hours worked and pay per calendar month")))
    rows = [
        [_("Month"), _("Days employed"), _("Hours worked"), _("Pay"), _("Holiday pay"),
         _("Total")]
    ]  # fmt: skip
    for month in certificate.months:
        rows.append(
            [
                _month(month.month, lang),
                str(month.days_employed),
                _hours(month.hours, lang),
                money(month.pay),
                money(month.holiday_pay),
                money(month.taxable_pay),
            ]
        )
    rows.append(
        [
            _("Total"),
            str(sum(m.days_employed for m in certificate.months)),
            _hours(certificate.hours, lang),
            money(certificate.pay),
            money(certificate.holiday_pay),
            money(certificate.pay + certificate.holiday_pay),
        ]
    )
    widths = [28 * mm, 22 * mm, 22 * mm, 28 * mm, 36 * mm, CONTENT_WIDTH - 136 * mm]
    months = _table(rows, widths, numeric_from=1)
    months.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
            ]
        )
    )
    story.append(months)

    # -- absence per month (confirmed) ------------------------------------------------------
    absent = [m for m in certificate.months if m.absence_days]
    if absent:
        story.append(heading(_("Absence per calendar month, in days")))
        rows = [
            [_("Month"), _("Sick leave"), _("Parental leave"), _("Temporary parental leave"),
             _("Unpaid leave")]
        ]  # fmt: skip
        for month in absent:
            rows.append(
                [
                    _month(month.month, lang),
                    str(month.sick_leave_days),
                    str(month.parental_leave_days),
                    str(month.temporary_parental_leave_days),
                    str(month.unpaid_leave_days),
                ]
            )
        rows.append(
            [
                _("Total"),
                str(sum(m.sick_leave_days for m in absent)),
                str(sum(m.parental_leave_days for m in absent)),
                str(sum(m.temporary_parental_leave_days for m in absent)),
                str(sum(m.unpaid_leave_days for m in absent)),
            ]
        )
        rest = (CONTENT_WIDTH - 36 * mm) / 4
        table = _table(rows, [36 * mm, rest, rest, rest, rest], numeric_from=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                    ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                ]
            )
        )
        story.append(table)
    story.append(Spacer(1, 3 * mm))
    currency = "kr" if lang == "sv" else "SEK"
    notes = [
        _("Hours are the hours the employer has confirmed. Pay is the taxable pay of the "
          "payslips for each month in {currency}, holiday pay apart; a corrected payslip "
          "counts as corrected.").format(currency=currency),
    ]  # fmt: skip
    unconfirmed = [m for m in certificate.months if m.hours_unconfirmed]
    if unconfirmed:
        listed = ", ".join(
            f"{_month(m.month, lang)}: {_hours(m.hours_unconfirmed, lang)}" for m in unconfirmed
        )
        notes.append(
            _("Hours reported but not yet confirmed, not certified: {months}.").format(
                months=listed
            )
        )
    if absent:
        notes.append(
            _("Absence is the calendar days of absence the employer has confirmed, in each "
              "month of the range.")
        )  # fmt: skip
    sick = sum(m.sick_days for m in certificate.months)
    if sick:
        notes.append(_("Sick days with sick pay in these months: {days}.").format(days=sick))
    story += [paragraph(note, "small") for note in notes]
    story.append(Spacer(1, 4 * mm))
    story.append(
        signature_table(
            [
                SignatureLine(
                    role=_("For the employer"),
                    name=signatory or employer.name,
                    place_date=_("Place and date"),
                    clarification=_("Name in print"),
                )
            ],
            width=CONTENT_WIDTH / 2,
            align="LEFT",
        )
    )
    return render_pdf(
        story,
        letterhead=Letterhead(
            name=employer.name,
            orgnr=employer.orgnr,
            address=f"{address.street}, {address.postal_code} {address.city}",
            extra=employer.email,
            orgnr_label=_("Org. no."),
        ),
        title=f"{title} · {certificate.name}",
        footer=f"{title} · {certificate.name} · {day(certificate.issued_on)}",
        page_label=_("Page {page} of {pages}"),
        lang=lang,
    )

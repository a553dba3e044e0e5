# SPDX-License-Identifier: EUPL-1.2
"""The payslip as a PDF (*lönespecifikation*), Swedish or English.

A payslip shows one member what one payroll run paid them and how it was reckoned: the
employer (name, organisation number, address), the employee (name, member number, the
personal identity number with its last four digits masked, the bank account paid to,
masked), the pay period and pay date, one line per payslip line (its kind, text, quantity
and amount), holiday pay (*semesterersättning*) on lines and in the summary of its own,
the expenses and tax-free allowances paid back beside the net pay, the preliminary tax
with the tax table or mode used, the net pay and what reaches the bank account, the
year-to-date taxable pay and tax, and, as information, the employer's contributions and
pension that the pay carried (they are not deducted from it).

Everything is read from the stored :class:`~kooperativ.payroll.runs.Payslip` (records in,
bytes out): a payslip printed again years later shows what was paid then. Labels come
from the ``payslips`` catalog, amounts and dates are formatted with babel; a logo in the
cooperative's ``templates/`` folder (:func:`~kooperativ.documents.invoice.find_logo`) is
printed at the top right, and a short text in ``templates/payslip.<lang>.txt``
(:func:`find_note`) at the foot.

:func:`payslip_pdf` renders one payslip; :func:`payslips_pdf` a run's payslips in one
file, each from a new page and numbered on its own.

Examples:
    >>> from datetime import date
    >>> from uuid import UUID
    >>> from kooperativ.config import IdentityConfig
    >>> from kooperativ.members.models import Address
    >>> from kooperativ.payroll.runs import Payslip, PayslipLine
    >>> employer = IdentityConfig(name="Interim kultur AB", orgnr="559876-5435",
    ...     address=Address(street="Kulturgatan 1", postal_code="118 20", city="Stockholm"))
    >>> slip = Payslip(run_id=UUID(int=1), run_number=1, member_id=UUID(int=2),
    ...     member_number=7, name="Ada Lund", person_id="198503121234", period="2026-05",
    ...     pay_date=date(2026, 5, 25), tax_mode="table:33:1",
    ...     lines=(PayslipLine(kind="salary", text="Uppdrag 3", amount="18000.00"),),
    ...     gross_salary="18000.00", taxable_pay="18000.00", preliminary_tax="3500.00",
    ...     net_pay="14500.00", payout="14500.00")
    >>> payslip_pdf(slip, employer=employer, lang="en")[:5]
    b'%PDF-'
    >>> mask_last_four("198503121234")
    '19850312****'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table, TableStyle

from kooperativ.config import IdentityConfig
from kooperativ.documents._pdf import (
    CONTENT_WIDTH,
    Letterhead,
    paragraph,
    render_parts,
)
from kooperativ.i18n import format_amount, format_day, translator
from kooperativ.payroll.runs import Payslip, PayslipLine
from kooperativ.payroll.trace import tax_mode_text

__all__ = [
    "LINE_LABELS",
    "find_note",
    "line_text",
    "mask_bank_account",
    "mask_last_four",
    "payslip_pdf",
    "payslips_pdf",
]

#: The catalog domain of the payslip's texts.
DOMAIN = "payslips"

#: Message ids of the payslip line kinds (:data:`kooperativ.payroll.runs.LINE_KINDS`).
LINE_LABELS: dict[str, str] = {
    "salary": "Salary",
    "holiday_pay": "Holiday pay",
    "sick_pay": "Sick pay",
    "sick_deduction": "Qualifying-day deduction",
    "taxable_allowance": "Taxable allowance",
    "expense": "Expense paid back",
    "travel_allowance": "Tax-free allowance",
}

#: Message ids of a travel allowance line's text, by allowance and taxable or not.
ALLOWANCE_TEXTS: dict[tuple[str, bool], str] = {
    ("per_diem", False): "Per diem, travel claim {number}",
    ("per_diem", True): "Per diem, taxable part, travel claim {number}",
    ("mileage", False): "Car allowance, travel claim {number}",
    ("mileage", True): "Car allowance, taxable part, travel claim {number}",
}

_RULE = colors.HexColor("#BBBBBB")
_SHADE = colors.HexColor("#F2F2F2")
_LOGO_HEIGHT = 16 * mm
_LOGO_WIDTH = 50 * mm
_NBSP = "\u00a0"


def mask_last_four(person_id: str) -> str:
    """A personal identity number with its last four digits hidden (``19850312****``).

    The generic mask when no country's mask is given; Sweden's
    (:meth:`~kooperativ.rules.country.IdentifierRules.mask_person_id`) writes
    ``19850312-****``.
    """
    return person_id[:-4] + "****" if len(person_id) > 4 else "****"


def mask_bank_account(account: str) -> str:
    """A bank account with all but its last two digits hidden (``5000-*****12``): the
    clearing number before a ``-`` is kept."""
    clearing, dash, number = account.rpartition("-")
    return f"{clearing}{dash}{'*' * max(len(number) - 2, 0)}{number[-2:]}"


def find_note(folder: Path | None, lang: str) -> str | None:
    """The cooperative's own text for its payslips in ``lang``, if it has one.

    Read from ``templates/payslip.<lang>.txt`` in the cooperative's folder (e.g. whom to
    ask about a payslip); ``None`` without a folder or a file.
    """
    if folder is None:
        return None
    path = Path(folder) / "templates" / f"payslip.{lang}.txt"
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8").strip() or None


def _logo(path: Path) -> Flowable:
    image = Image(str(path))
    scale = min(_LOGO_HEIGHT / image.imageHeight, _LOGO_WIDTH / image.imageWidth)
    image.drawHeight = image.imageHeight * scale
    image.drawWidth = image.imageWidth * scale
    image.hAlign = "RIGHT"
    return image


class _Numbers:
    """Amounts written the language's way, as :func:`~kooperativ.i18n.format_amount`
    writes them, without asking babel for every figure (a run prints tens of thousands).

    The separators and the minus sign are read once from what babel writes for a sample
    amount; the tests check the two agree.
    """

    def __init__(self, lang: str) -> None:
        sample = format_amount(Decimal("-1234.50"), lang)  # e.g. "-1 234,50"
        self.minus = sample[: sample.index("1")]
        self.group = sample[sample.index("1") + 1 : sample.index("2")]
        self.decimal = sample[sample.index("4") + 1 : sample.index("5")]

    def write(self, value: Decimal, decimals: int = 2) -> str:
        """``value`` with ``decimals`` decimals, grouped in thousands."""
        text = f"{abs(value):,.{decimals}f}"
        text = text.replace(",", "\x00").replace(".", self.decimal).replace("\x00", self.group)
        negative = value < 0 and any(c not in "0,." for c in f"{abs(value):.{decimals}f}")
        return self.minus + text if negative else text

    def number(self, value: Decimal) -> str:
        """``value`` with the decimals it has (a quantity: ``1,5``, ``80``)."""
        exponent = value.as_tuple().exponent
        return self.write(value, max(0, -exponent) if isinstance(exponent, int) else 0)


@lru_cache(maxsize=16)
def _numbers(lang: str) -> _Numbers:
    return _Numbers(lang)


@lru_cache(maxsize=16)
def _texts(lang: str) -> Callable[[str], str]:
    """The ``payslips`` catalog of ``lang`` (checked once per language, not per page)."""
    return translator(lang, DOMAIN)


@lru_cache(maxsize=1024)
def _day(day: date, lang: str) -> str:
    return format_day(day, lang)


@lru_cache(maxsize=256)
def _mode_text(mode: str, lang: str) -> str:
    return tax_mode_text(mode, lang)


@lru_cache(maxsize=256)
def _month(period: str, lang: str) -> str:
    """``2026-05`` as ``maj 2026`` / ``May 2026``."""
    from babel.dates import format_date

    from kooperativ.i18n import _format_locale

    first = date(int(period[:4]), int(period[5:7]), 1)
    return format_date(first, format="LLLL y", locale=_format_locale(lang))


def line_text(line: PayslipLine, lang: str) -> str:
    """What a payslip line is, written in ``lang`` from its machine fields.

    The run stores each line's ``text`` once, in Swedish, as the record; a payslip in
    English must not show it. So the document writes the line again from what the line
    says it is: an assignment's number, a salary request's number and day
    (*Löneuttag 4 (25 nov. 2026)* / *Salary request 4 (25 Nov 2026)*), holiday pay and
    what it is earned on, the sick pay rate, the qualifying-day deduction, an expense's
    or a travel claim's number and kind of allowance. The member's own words (an
    expense's description, a trip's destination, kept in ``note``) are printed as
    written. A line without machine fields (one written by hand) is printed as its
    ``text``.

    Examples:
        >>> from kooperativ.payroll.runs import PayslipLine
        >>> line = PayslipLine(kind="expense", text="Utlägg 3: Tåg", amount="450",
        ...     expense_number=3, note="Tåg")
        >>> line_text(line, "en"), line_text(line, "sv")
        ('Expense 3: Tåg', 'Utlägg 3: Tåg')
    """
    _ = _texts(lang)
    text: str | None = None
    if line.kind == "salary" and line.assignment_number is not None:
        text = _("Assignment {number}").format(number=line.assignment_number)
    elif line.kind == "salary" and line.request_number is not None:
        text = _("Salary request {number}").format(number=line.request_number)
        if line.day is not None:
            text = f"{text} ({_day(line.day, lang)})"
    elif line.kind == "holiday_pay":
        text = _("Holiday pay on sick pay") if line.basis == "sick_pay" else _("Holiday pay")
    elif line.kind == "sick_pay":
        text = (
            _("Sick pay {rate}").format(rate=_percent(line.rate, lang))
            if line.rate is not None
            else _("Sick pay")
        )
    elif line.kind == "sick_deduction":
        text = _("Qualifying-day deduction")
    elif line.kind in ("taxable_allowance", "travel_allowance") and (
        line.allowance is not None and line.expense_number is not None
    ):
        message = ALLOWANCE_TEXTS[(line.allowance, line.kind == "taxable_allowance")]
        text = _(message).format(number=line.expense_number)
    elif line.kind == "expense" and line.expense_number is not None:
        text = _("Expense {number}").format(number=line.expense_number)
    if text is None:
        return line.text
    return f"{text}: {line.note}" if line.note else text


def _plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros (``12.50`` → ``12.5``, ``8.00`` → ``8``)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _employer_address(employer: IdentityConfig) -> str:
    address = employer.address
    return f"{address.street}, {address.postal_code} {address.city}"


class _Styles:
    """The table styles, made once (a payslip run prints thousands of pages)."""

    def __init__(self) -> None:
        self.boxes = TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        self.facts = TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                ("FONTNAME", (1, 0), (1, -1), "Helvetica"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("BOX", (0, 0), (-1, -1), 0.6, _RULE),
                ("BACKGROUND", (0, 0), (0, -1), _SHADE),
            ]
        )
        self.head = TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )


_STYLE_CACHE: list[_Styles] = []


def _styles() -> _Styles:
    if not _STYLE_CACHE:
        _STYLE_CACHE.append(_Styles())
    return _STYLE_CACHE[0]


def _lines_table(rows: list[list[Any]], emphasised: list[int], shaded: list[int]) -> Table:
    """The lines and their sums: kind, text, quantity, amount; sums in bold."""
    widths = [38 * mm, CONTENT_WIDTH - 38 * mm - 22 * mm - 30 * mm, 22 * mm, 30 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTSIZE", (0, 0), (-1, 0), 8.5),
        ("FONTNAME", (0, 1), (-1, -1), "Helvetica"),
        ("FONTSIZE", (0, 1), (-1, -1), 9),
        ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, _RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for row in emphasised:
        commands.append(("FONTNAME", (0, row), (-1, row), "Helvetica-Bold"))
        commands.append(("LINEABOVE", (0, row), (-1, row), 0.6, colors.black))
    for row in shaded:
        commands.append(("BACKGROUND", (0, row), (-1, row), _SHADE))
    table.setStyle(TableStyle(commands))
    return table


def _story(
    payslip: Payslip,
    *,
    lang: str,
    logo: Path | None,
    mask_person_id: Callable[[str], str],
    mask_account: Callable[[str], str],
    show_person_id: bool,
    note: str | None,
) -> list[Flowable]:
    _ = _texts(lang)
    styles = _styles()
    currency = "kr" if lang == "sv" else "SEK"

    numbers = _numbers(lang)
    amount = numbers.write

    def money(value: Decimal) -> str:
        return f"{numbers.write(value)}{_NBSP}{currency}"

    # -- title and logo -------------------------------------------------------------------
    title = _("Payslip")
    head = Table(
        [[paragraph(title, "title"), _logo(logo) if logo else ""]],
        colWidths=[CONTENT_WIDTH * 0.6, CONTENT_WIDTH * 0.4],
    )
    head.setStyle(styles.head)
    story: list[Flowable] = [head]
    if payslip.replaces is not None:
        story.append(
            paragraph(
                _(
                    "Correction: this payslip replaces the payslip paid earlier for {period}."
                ).format(period=_month(payslip.period, lang)),
                "subtitle",
            )
        )
    else:
        story.append(Spacer(1, 2 * mm))

    # -- employee and the payslip's facts side by side --------------------------------------
    person_id = payslip.person_id if show_person_id else mask_person_id(payslip.person_id)
    employee: list[list[str]] = [
        [_("Employee"), payslip.name],
        [_("Member no."), str(payslip.member_number)],
        [_("Personal identity no."), person_id],
        [
            _("Bank account"),
            mask_account(payslip.bank_account) if payslip.bank_account else _("none registered"),
        ],
    ]
    tax_mode = _mode_text(payslip.tax_mode, lang)
    facts: list[list[str]] = [
        [_("Pay period"), _month(payslip.period, lang)],
        [_("Pay date"), _day(payslip.pay_date, lang)],
        [_("Payroll run"), str(payslip.run_number)],
        [_("Tax deduction"), tax_mode],
    ]
    half = CONTENT_WIDTH / 2 - 2 * mm
    left = Table(employee, colWidths=[36 * mm, half - 36 * mm])
    left.setStyle(styles.facts)
    right = Table(
        [[k, paragraph(v) if len(v) > 30 else v] for k, v in facts],
        colWidths=[28 * mm, half - 28 * mm],
    )
    right.setStyle(styles.facts)
    boxes = Table([[left, "", right]], colWidths=[half, 4 * mm, half])
    boxes.setStyle(styles.boxes)
    story += [boxes, Spacer(1, 5 * mm)]

    # -- the lines, the tax and what is paid out ---------------------------------------------
    rows: list[list[Any]] = [[_("Pay type"), _("Description"), _("Quantity"), _("Amount")]]
    emphasised: list[int] = []
    shaded: list[int] = []

    def line_rows(taxable: bool) -> None:
        for line in payslip.lines:
            if line.taxable is not taxable:
                continue
            written = line_text(line, lang)
            text: Any = written if len(written) <= 48 else paragraph(written)
            rows.append(
                [
                    _(LINE_LABELS[line.kind]),
                    text,
                    numbers.number(_plain(line.quantity)) if line.quantity is not None else "",
                    amount(line.amount),
                ]
            )

    line_rows(True)
    emphasised.append(len(rows))
    rows.append([_("Taxable pay"), "", "", amount(payslip.taxable_pay)])
    rows.append(
        [
            _("Preliminary tax"),
            paragraph(tax_mode) if len(tax_mode) > 48 else tax_mode,
            "",
            amount(-payslip.preliminary_tax),
        ]
    )
    emphasised.append(len(rows))
    rows.append([_("Net pay"), "", "", amount(payslip.net_pay)])
    if any(not line.taxable for line in payslip.lines) or payslip.expenses:
        line_rows(False)
        emphasised.append(len(rows))
        rows.append([_("Paid back tax-free"), "", "", amount(payslip.expenses)])
    shaded.append(len(rows))
    emphasised.append(len(rows))
    account = mask_account(payslip.bank_account) if payslip.bank_account else ""
    rows.append(
        [_("To be paid out"), _("to account {account}").format(account=account) if account
         else "", "", money(payslip.payout)]
    )  # fmt: skip
    story += [_lines_table(rows, emphasised, shaded), Spacer(1, 5 * mm)]

    # -- summary, year to date, what the employer pays beside ---------------------------------
    summary: list[list[str]] = [
        [_("Gross salary"), money(payslip.gross_salary)],
        [_("Holiday pay"), money(payslip.holiday_pay)],
        [_("Taxable pay"), money(payslip.taxable_pay)],
        [_("Preliminary tax"), money(payslip.preliminary_tax)],
        [_("Net pay"), money(payslip.net_pay)],
        [_("Paid back tax-free"), money(payslip.expenses)],
        [_("To be paid out"), money(payslip.payout)],
    ]
    year = str(payslip.year)
    to_date: list[list[str]] = [
        [_("Taxable pay"), money(payslip.ytd_taxable_pay)],
        [_("Preliminary tax"), money(payslip.ytd_preliminary_tax)],
    ]
    employer_side: list[list[str]] = [
        [
            _("Employer contributions {rate}").format(
                rate=_percent(payslip.contribution_rate, lang)
            ),
            money(payslip.employer_contributions),
        ]
    ]
    if payslip.pension:
        employer_side.append([_("Occupational pension"), money(payslip.pension)])
    if payslip.pension_tax:
        employer_side.append([_("Tax on pension premium"), money(payslip.pension_tax)])
    cooperative = payslip.cooperative_cost
    if cooperative:
        # The cooperative paid part of the cost (sick pay): both parts and the whole.
        employer_side.append([_("From your budget"), money(payslip.budget)])
        employer_side.append([_("From the cooperative"), money(cooperative)])
        employer_side.append([_("Whole cost"), money(payslip.budget + cooperative)])
    elif payslip.budget:
        employer_side.append([_("Total cost, from your budget"), money(payslip.budget)])
    half_width = CONTENT_WIDTH / 2 - 2 * mm

    def box(title_text: str, data: list[list[str]]) -> Table:
        table = Table([[title_text, ""], *data], colWidths=[half_width - 32 * mm, 32 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("SPAN", (0, 0), (-1, 0)),
                    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                    ("FONTSIZE", (0, 0), (-1, -1), 9),
                    ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
                    ("ALIGN", (1, 1), (1, -1), "RIGHT"),
                    ("BOX", (0, 0), (-1, -1), 0.6, _RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return table

    right_column: list[Flowable] = [
        box(_("Year to date {year}").format(year=year), to_date),
        Spacer(1, 3 * mm),
        box(_("Paid by the employer, not deducted from your pay"), employer_side),
    ]
    columns = Table(
        [[box(_("Summary"), summary), "", right_column]],
        colWidths=[half_width, 4 * mm, half_width],
    )
    columns.setStyle(styles.boxes)
    story.append(KeepTogether([columns]))
    notes: list[str] = []
    if payslip.sick_days:
        notes.append(_("Sick days counted for sick pay: {days}").format(days=payslip.sick_days))
    if cooperative:
        notes.append(
            _("The cooperative pays the sick pay, the holiday pay on it and the employer "
              "contributions on both ({amount}); they are not taken from your budget.")
            .format(amount=money(cooperative))
        )  # fmt: skip
    if not show_person_id:
        notes.append(
            _("The last four digits of your personal identity number and all but the last "
              "two digits of your account are hidden.")
        )  # fmt: skip
    if note:
        notes.append(note)
    if notes:
        story.append(Spacer(1, 4 * mm))
        story += [paragraph(text, "small") for text in notes]
    return story


def _percent(rate: Decimal, lang: str) -> str:
    value = rate * 100
    digits = 0 if value == value.to_integral_value() else 2
    return f"{format_amount(value, lang, digits)}{_NBSP}%"


def _footer(payslip: Payslip, lang: str) -> str:
    _ = _texts(lang)
    return f"{_('Payslip')} {_month(payslip.period, lang)} · {payslip.name}"


def payslips_pdf(
    payslips: Iterable[Payslip],
    *,
    employer: IdentityConfig,
    lang: str = "sv",
    logo: Path | None = None,
    mask_person_id: Callable[[str], str] = mask_last_four,
    mask_account: Callable[[str], str] = mask_bank_account,
    show_person_id: bool = False,
    note: str | None = None,
) -> bytes:
    """Render several payslips in one PDF, each from a new page with its own page numbers.

    Args:
        payslips: The payslips, in the order to print them.
        employer: The employer (``[employer]`` of ``cooperative.toml``): name, organisation
            number, address in the letterhead.
        lang: ``sv`` or ``en``.
        logo: An image to print at the top right (see
            :func:`~kooperativ.documents.invoice.find_logo`).
        mask_person_id: How to hide a personal identity number (the country's
            ``mask_person_id``; by default the last four digits).
        mask_account: How to hide a bank account (the country's ``mask_bank_account``).
        show_person_id: Print the personal identity number in full (only where a law
            asks for it; no Swedish rule asks a *lönespecifikation* to).
        note: The cooperative's own text at the foot of each payslip (:func:`find_note`).

    Returns:
        The PDF bytes.

    Raises:
        InputError: ``lang`` is not supported, or no payslips are given (field
            ``payslips``).
    """
    from kooperativ.errors import InputError

    _ = _texts(lang)
    parts = [
        (
            _story(
                slip,
                lang=lang,
                logo=logo,
                mask_person_id=mask_person_id,
                mask_account=mask_account,
                show_person_id=show_person_id,
                note=note,
            ),
            _footer(slip, lang),
        )
        for slip in payslips
    ]
    if not parts:
        raise InputError("payslips", "no payslips to print")
    return render_parts(
        parts,
        letterhead=Letterhead(
            name=employer.name,
            orgnr=employer.orgnr,
            address=_employer_address(employer),
            extra=employer.email,
            orgnr_label=_("Org. no."),
        ),
        title=_("Payslips") if len(parts) > 1 else parts[0][1],
        page_label=_("Page {page} of {pages}"),
        lang=lang,
    )


def payslip_pdf(
    payslip: Payslip,
    *,
    employer: IdentityConfig,
    lang: str = "sv",
    logo: Path | None = None,
    mask_person_id: Callable[[str], str] = mask_last_four,
    mask_account: Callable[[str], str] = mask_bank_account,
    show_person_id: bool = False,
    note: str | None = None,
) -> bytes:
    """Render one payslip as a PDF in ``lang`` (see :func:`payslips_pdf` for the arguments).

    Raises:
        InputError: ``lang`` is not supported.
    """
    return payslips_pdf(
        [payslip],
        employer=employer,
        lang=lang,
        logo=logo,
        mask_person_id=mask_person_id,
        mask_account=mask_account,
        show_person_id=show_person_id,
        note=note,
    )

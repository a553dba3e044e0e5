# SPDX-License-Identifier: EUPL-1.2
"""The transparency statement as a PDF (Swedish or English): per invoice, what was
invoiced, the VAT, the fee and its rule, the member's budget and what it becomes as
salary; per member and period, the sums and the member's account.

Texts come from the ``statements`` catalog; amounts and dates are formatted with babel.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.platypus import Flowable, Spacer

from kooperativ.documents._pdf import Letterhead, paragraph, render_pdf, section
from kooperativ.i18n import format_amount, format_day, messages, translator
from kooperativ.services.statements import InvoiceStatement, MemberStatement

__all__ = ["statement_pdf"]


def _invoice_rows(
    item: InvoiceStatement, lang: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]] | None]:
    _ = translator(lang, "statements")

    def money(value: Decimal) -> str:
        return format_amount(value, lang)

    rows = [
        (_("Invoice"), f"{item.invoice.label}, {format_day(item.invoice.issue_date, lang)}"),
        (_("Client"), item.invoice.buyer.name),
        (_("Invoiced excl. VAT"), money(item.invoiced)),
        (_("VAT"), money(item.vat)),
    ]
    if item.rounding:
        rows.append((_("Rounding"), money(item.rounding)))
    rows += [
        (_("The client pays"), money(item.total)),
        (_("The cooperative's fee"), money(item.fee)),
        (_("How the fee was found"), item.fee_rule.explain().render(messages(lang))),
        (_("Your budget"), money(item.budget)),
    ]
    salary = item.salary
    if salary is None:
        return rows, None
    pay = [
        (_("Budget"), money(salary.budget)),
        (_("Employer contributions"), money(salary.employer_contributions)),
        (_("Pension"), money(salary.pension)),
        (_("Tax on pension"), money(salary.pension_tax)),
        (_("Gross salary"), money(salary.gross_salary)),
        (_("Holiday pay"), money(salary.holiday_pay)),
        (_("Preliminary tax"), money(salary.preliminary_tax)),
        (_("Net pay"), money(salary.net_pay)),
        (_("Left after rounding"), money(salary.remainder)),
    ]
    return rows, pay


def statement_pdf(
    statement: InvoiceStatement | MemberStatement,
    *,
    lang: str,
    letterhead: Letterhead,
) -> bytes:
    """The statement as PDF bytes.

    Args:
        statement: An invoice's or a member's statement.
        lang: ``sv`` or ``en``.
        letterhead: The employer that issues it.
    """
    _ = translator(lang, "statements")
    story: list[Flowable] = []
    items: Sequence[InvoiceStatement]
    if isinstance(statement, MemberStatement):
        period = statement.period.label if statement.period else _("all periods")
        title = _("Transparency statement, member {number}, {period}").format(
            number=statement.member_number, period=period
        )
        story += [paragraph(title, "title"), paragraph(statement.member_name, "subtitle")]

        def money(value: Decimal) -> str:
            return format_amount(value, lang)

        story.append(
            section(
                _("Summary"),
                [
                    (_("Invoiced excl. VAT"), money(statement.invoiced)),
                    (_("VAT"), money(statement.vat)),
                    (_("The cooperative's fees"), money(statement.fees)),
                    (_("Your budget"), money(statement.budget)),
                    (_("Your account at the start"), money(statement.opening)),
                    (_("Credited to your account"), money(statement.credited)),
                    (_("Paid out from your account"), money(statement.paid_out)),
                    (_("What remains"), money(statement.closing)),
                ],
            )
        )
        if statement.travel:
            rows = [
                (
                    _("Travel claim {number}, {destination}, {date}").format(
                        number=c.number, destination=c.destination, date=c.date.isoformat()
                    ),
                    money(c.paid),
                )
                for c in statement.travel
            ]
            rows += [
                (
                    _("Of which tax-free, paid back beside the net pay"),
                    money(statement.travel_tax_free),
                ),
                (_("Of which taxable pay"), money(statement.travel_taxable)),
            ]
            story.append(section(_("Travel allowances"), rows))
        items = statement.invoices
        footer = title
    else:
        title = _("Transparency statement, invoice {invoice}").format(
            invoice=statement.invoice.label
        )
        story += [
            paragraph(title, "title"),
            paragraph(f"{statement.member_name} ({statement.member_number})", "subtitle"),
        ]
        items = [statement]
        footer = title
    for item in items:
        rows, pay = _invoice_rows(item, lang)
        story.append(Spacer(1, 4))
        story.append(section(_("Invoice {invoice}").format(invoice=item.invoice.label), rows))
        if pay is not None:
            story.append(section(_("What the budget becomes as salary"), pay))
    if not items:
        story.append(paragraph(_("No invoices in the period.")))
    return render_pdf(story, letterhead=letterhead, title=title, footer=footer, lang=lang)

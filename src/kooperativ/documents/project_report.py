# SPDX-License-Identifier: EUPL-1.2
"""The financial report of a project or grant (*ekonomisk redovisning*) as PDF, sv/en.

Built from a :class:`~kooperativ.services.projects.ProjectReport`: the grant (grantor,
decision, amount, deadline), the period, income, costs by kind against the budget, and
the remaining funds, with a line for the signature of whoever answers for the report.
Labels come from the gettext catalog ``projects``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kooperativ.documents._pdf import (
    Letterhead,
    SignatureLine,
    heading,
    paragraph,
    render_pdf,
    section,
    signature_table,
)
from kooperativ.i18n import format_amount, format_day, translator

if TYPE_CHECKING:
    from kooperativ.services.projects import ProjectReport

__all__ = ["project_report_pdf"]


def project_report_pdf(report: ProjectReport, *, letterhead: Letterhead, lang: str) -> bytes:
    """The report as PDF bytes in ``lang`` (``sv`` or ``en``)."""
    _ = translator(lang, "projects")

    def kr(value: object) -> str:
        from decimal import Decimal

        return format_amount(Decimal(str(value)), lang)

    project = report.project
    title = _("Financial report")
    story = [heading(f"{title}: {project.name}")]
    about = [
        (_("Project"), f"{project.number} {project.name}"),
        (_("Period"), f"{format_day(project.start, lang)} – {format_day(project.end, lang)}"),
    ]
    if report.since and report.until:
        about.append(
            (_("Reported"), f"{format_day(report.since, lang)} – {format_day(report.until, lang)}")
        )
    story.append(section(_("Project"), about))
    if report.grant is not None:
        grant = report.grant
        rows = [
            (
                _("Grantor"),
                grant.grantor + (f" ({grant.grantor_orgnr})" if grant.grantor_orgnr else ""),
            ),
            (_("Decision"), f"{grant.decision}, {format_day(grant.decided_on, lang)}"),
            (_("Granted"), kr(grant.amount)),
        ]
        if grant.report_due:
            rows.append((_("Report due"), format_day(grant.report_due, lang)))
        if grant.conditions:
            rows.append((_("Conditions"), grant.conditions))
        story.append(section(_("Grant"), rows))
    budget = project.budget
    story.append(
        section(
            _("Income"),
            [
                (_("Grants received"), kr(report.grants_received)),
                (_("Other income"), kr(report.other_income)),
                (_("Income"), kr(report.income)),
            ],
        )
    )
    story.append(
        section(
            _("Costs"),
            [
                (
                    _("Salaries with contributions"),
                    f"{kr(report.salaries)} ({_('Budget')} {kr(budget.salaries)})",
                ),
                (_("Expenses"), f"{kr(report.expenses)} ({_('Budget')} {kr(budget.expenses)})"),
                (_("Other costs"), f"{kr(report.other_costs)} ({_('Budget')} {kr(budget.other)})"),
                (_("Costs"), kr(report.costs)),
            ],
        )
    )
    story.append(section(_("Result"), [(_("Remaining funds"), kr(report.remaining))]))
    story.append(paragraph(_("Figures from the ledger: the sums of the project's lines.")))
    story.append(
        signature_table(
            [
                SignatureLine(
                    role=_("Responsible for the report"),
                    name=letterhead.name,
                    place_date=_("Place and date"),
                    clarification=_("Name in block letters"),
                )
            ]
        )
    )
    return render_pdf(
        story,
        letterhead=letterhead,
        title=f"{title} {project.name}",
        footer=f"{title} · {project.name}",
        lang=lang,
    )

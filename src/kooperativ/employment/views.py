# SPDX-License-Identifier: EUPL-1.2
"""Employment records as JSON-ready data: what ``--json`` prints, and what a program gets.

Each function turns a record or a result of the employment services into plain data
(strings, numbers, lists, dicts; dates as ``YYYY-MM-DD``, amounts as decimal strings),
built from the models so that it cannot drift from them. Words meant for people (labels,
findings) are rendered with a gettext function; the stable machine fields (codes, form
codes, days) stay beside them.

Examples:
    >>> from kooperativ.employment.views import month_text
    >>> from datetime import date
    >>> month_text(date(2026, 10, 1))
    '2026-10'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kooperativ.employment.models import EmploymentContract, HoursReport
    from kooperativ.rules.employment import InformationReport
    from kooperativ.services.employment import MemberTime

__all__ = [
    "contract_json",
    "hours_json",
    "information_json",
    "month_text",
    "time_json",
]

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def month_text(month: date) -> str:
    """A calendar month as ``YYYY-MM``."""
    return month.isoformat()[:7]


def contract_json(contract: EmploymentContract) -> dict[str, Any]:
    """A contract as stored, with ``signed`` (both parties have signed) beside it."""
    data = contract.model_dump(mode="json")
    data["signed"] = contract.signed
    return data


def hours_json(report: HoursReport, assignment: int | None) -> dict[str, Any]:
    """An hours report as stored, with its assignment's number and the month as
    ``YYYY-MM``."""
    data = report.model_dump(mode="json")
    data["assignment"] = assignment
    data["month"] = month_text(report.month)
    return data


def information_json(report: InformationReport, translate: Translate = _same) -> dict[str, Any]:
    """The written-information check of a contract: what is missing, the deadlines, the
    findings (each with its stable code), words rendered with ``translate``."""
    return {
        "complete": report.complete,
        "missing": [
            {"item": item.key, "label": translate(item.label), "reference": item.reference}
            for item in report.missing
        ],
        "given_on": _day(report.given_on),
        "due_on": _day(report.due_on),
        "late": report.late,
        "problems": [problem.as_dict(translate) for problem in report.problems],
    }


def time_json(result: MemberTime, translate: Translate = _same) -> dict[str, Any]:
    """A member's employment time: days per form and month, every limit of the law, the
    conversion and preferential rights, and the findings, words rendered with
    ``translate``."""
    time = result.time
    return {
        "member": result.member_number,
        "name": result.member_name,
        "on": _day(time.on),
        "window_start": _day(time.window_start),
        "days_by_type": {k: v for k, v in time.days_by_form.items() if v},
        "gap_days": time.gap_days,
        "total_days": time.total_days,
        "limits": [
            {
                "rule": s.code,
                "label": translate(s.label),
                "reference": s.reference,
                "limit_days": s.limit_days,
                "days": s.days,
                "window_start": _day(s.window_start),
                "reached_on": _day(s.reached_on),
                "projected_on": _day(s.projected_on),
                "warn_from_days": s.warn_from_days,
            }
            for s in time.limits
        ],
        "conversion": None
        if time.conversion is None
        else {
            "rule": time.conversion.code,
            "on": _day(time.conversion.on),
            "reference": time.conversion.reference,
            "recorded": time.conversion.recorded,
        },
        "preferential_rights": [
            {
                "right": r.code,
                "label": translate(r.label),
                "priority_to": translate(r.priority_to),
                "reference": r.reference,
                "ended_on": _day(r.ended_on),
                "until": _day(r.until),
            }
            for r in time.preferential_rights
        ],
        "preferential_right_until": _day(time.preferential_right_until),
        "warnings": [problem.as_dict(translate) for problem in time.problems],
        "months": [
            {
                "month": month_text(m.month),
                "days": {k: v for k, v in m.days.items() if v},
                "gap_days": m.gap_days,
                "hours_reported": str(m.hours_reported),
                "hours_confirmed": str(m.hours_confirmed),
            }
            for m in result.months
        ],
    }

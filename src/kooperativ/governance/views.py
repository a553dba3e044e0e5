# SPDX-License-Identifier: EUPL-1.2
"""Meetings, findings, verifications and bylaws as JSON-ready data.

What the governance commands print with ``--json``, and what a program gets: plain data
(strings, numbers, lists, dicts; dates as ``YYYY-MM-DD``) built from the records, with
stable machine codes (``kind``, ``state``, ``outcome``, a finding's ``code``) beside the
words in the language asked for (``kind_text``, ``message``).

Examples:
    >>> from kooperativ.governance.views import finding_json
    >>> from kooperativ.governance.findings import finding
    >>> data = finding_json(finding("attendance", ("meeting", ""), "{who} is not here",
    ...     who="Alva"), "en")
    >>> data["code"], data["where"], data["message"]
    ('attendance', 'meeting', 'Alva is not here')
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from kooperativ.governance.findings import problem_text
from kooperativ.governance.meeting import AGENDA_TITLES
from kooperativ.i18n import translator

if TYPE_CHECKING:
    from kooperativ.governance.bylaws import Bylaws, RuleSet
    from kooperativ.governance.meeting import Meeting
    from kooperativ.governance.summary import RuleSummary
    from kooperativ.governance.verify import VerifyReport
    from kooperativ.problems import Problem

__all__ = [
    "agenda_json",
    "bylaws_json",
    "finding_json",
    "meeting_json",
    "notice_json",
    "roll_json",
    "verify_json",
]

DOMAIN = "governance"


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def finding_json(problem: Problem, lang: str = "en") -> dict[str, Any]:
    """A finding about a meeting: its machine fields, and where and what in ``lang`` (days
    in words, as the minutes write them)."""
    return problem.as_dict(translator(lang, DOMAIN), message=problem_text(problem, lang))


def meeting_json(meeting: Meeting, lang: str = "en", message: str | None = None) -> dict[str, Any]:
    """A meeting in short: machine codes, with the words in ``lang`` beside them.

    Args:
        meeting: The meeting.
        lang: The language of ``kind_text``, ``state_text`` and the decisions' messages.
        message: What a command did to it, in ``lang`` (added as ``message``).
    """
    _ = translator(lang, DOMAIN)
    data: dict[str, Any] = {
        "number": meeting.number,
        "kind": meeting.kind.value,
        "kind_text": _(meeting.kind.value),
        "held_on": meeting.held_on.isoformat(),
        "state": meeting.state.value,
        "state_text": _(meeting.state.value),
        "voters": len(meeting.roll.voters),
        "present": len(meeting.present),
        "motions": [
            {
                "number": m.number,
                "title": m.title,
                "outcome": m.outcome,
                "message": m.decision.wording(lang),
            }
            for m in meeting.motions
        ],
        "elections": [
            {
                "number": e.number,
                "office": e.office,
                "outcome": e.outcome,
                "elected": list(e.result.winners) if e.result else [],
                "message": e.decision.wording(lang),
            }
            for e in meeting.elections
        ],
    }
    if message is not None:
        data["message"] = message
    return data


def roll_json(meeting: Meeting, lang: str = "en") -> list[dict[str, Any]]:
    """The meeting's röstlängd: who votes, who is present, and why someone may not vote."""
    _ = translator(lang, DOMAIN)
    return [
        {
            "number": e.number,
            "name": e.name,
            "votes": e.votes,
            "present": e.member_id in meeting.present,
            "reasons": [{"code": r.code, "message": r.text(_)} for r in e.reasons],
        }
        for e in meeting.roll.entries
    ]


def agenda_json(meeting: Meeting) -> list[dict[str, Any]]:
    """The agenda: number, stable key, English title (a msgid) and the bylaws' reference."""
    return [
        {
            "number": a.number,
            "key": a.key,
            "title": AGENDA_TITLES.get(a.key, a.key),
            "reference": a.reference,
        }
        for a in meeting.agenda
    ]


def notice_json(meeting: Meeting, problems: Sequence[Problem], lang: str = "en") -> dict[str, Any]:
    """The check of a meeting's notice: whether it is duly called, and every finding."""
    return {
        "meeting": meeting.number,
        "duly_called": not problems,
        "problems": [finding_json(p, lang) for p in problems],
    }


def verify_json(report: VerifyReport, lang: str = "en") -> dict[str, Any]:
    """A verified meeting record: every decision re-counted, every breach, ``ok``."""
    data = report.model_dump(
        mode="json", exclude={"decisions": {"__all__": {"explanation"}}, "breaches": True}
    )
    data["ok"] = report.ok
    data["breaches"] = [finding_json(b, lang) for b in report.breaches]
    for check, raw in zip(report.decisions, data["decisions"], strict=True):
        raw["summary"] = check.summary_text(lang)
        raw["explanation"] = check.explanation.text(lang) if check.explanation else None
    return data


def bylaws_json(bylaws: Bylaws, rules: RuleSet, summary: Sequence[RuleSummary]) -> dict[str, Any]:
    """Valid bylaws: their rule periods, and the rules in force (``rules``) in words."""
    return {
        "valid": True,
        "periods": [
            {"valid_from": _day(r.valid_from), "valid_to": _day(r.valid_to)} for r in bylaws.rules
        ],
        "in_force_from": _day(rules.valid_from),
        "rules": {line.key: {"topic": line.topic, "text": line.text} for line in summary},
    }

# SPDX-License-Identifier: EUPL-1.2
"""The notice (*kallelse*) of a general meeting, and when a meeting may be held.

The bylaws say in which months the annual meeting (*årsmöte*) is held, how many days
before it the notice goes out (at most and at least), and how (e-mail, letter …). A notice
sent too late is still recorded: it is a fact, and the meeting decides whether it was
duly called; :func:`notice_findings` says what does not follow the bylaws.

Examples:
    >>> from datetime import date
    >>> from kooperativ.governance.bylaws import RuleSet
    >>> from kooperativ.governance.proceedings import new_meeting
    >>> rules = RuleSet(valid_from=date(2024, 1, 1))
    >>> m = new_meeting(1, "annual", date(2026, 3, 20), rules)
    >>> m, found = record_notice(m, rules, date(2026, 3, 10), "email")
    >>> [p.code for p in found]
    ['notice.late']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from kooperativ.governance.bylaws import RuleSet
from kooperativ.governance.findings import finding
from kooperativ.governance.meeting import Meeting, MeetingKind, MeetingState, Notice
from kooperativ.problems import Problem

__all__ = ["annual_meeting_findings", "notice_findings", "record_notice"]


def notice_findings(meeting: Meeting, rules: RuleSet, notice: Notice | None) -> list[Problem]:
    """What is wrong with the notice and the meeting date under ``rules`` (empty: nothing).

    Codes: ``notice.month`` (an annual meeting outside the bylaws' months),
    ``notice.missing``, ``notice.early``, ``notice.late``, ``notice.method``.
    """
    if meeting.kind in (MeetingKind.BOARD, MeetingKind.DIGITAL):
        return []
    r = rules.meetings
    here = ("meeting", "")
    found: list[Problem] = []
    if meeting.kind is MeetingKind.ANNUAL and not (
        r.annual_from_month <= meeting.held_on.month <= r.annual_to_month
    ):
        found.append(
            finding(
                "notice.month",
                here,
                "the annual meeting is held in month {month}; the bylaws say "
                "months {first}–{last} ({reference})",
                month=meeting.held_on.month,
                first=r.annual_from_month,
                last=r.annual_to_month,
                reference=r.reference,
            )
        )
    if notice is None:
        found.append(
            finding(
                "notice.missing",
                here,
                "no notice was recorded ({reference})",
                reference=r.reference,
            )
        )
        return found
    first, last = r.notice_window(meeting.held_on, meeting.kind is MeetingKind.EXTRA)
    if notice.sent_on < first:
        found.append(
            finding(
                "notice.early",
                here,
                "notice sent {sent}, earlier than {day} ({reference})",
                sent=notice.sent_on,
                day=first,
                reference=r.reference,
            )
        )
    if notice.sent_on > last:
        found.append(
            finding(
                "notice.late",
                here,
                "notice sent {sent}, later than {day} ({reference})",
                sent=notice.sent_on,
                day=last,
                reference=r.reference,
            )
        )
    if r.notice_methods and notice.method not in r.notice_methods:
        found.append(
            finding(
                "notice.method",
                here,
                "notice given by {method}; the bylaws name {methods} ({reference})",
                method=notice.method,
                methods=r.notice_methods,
                reference=r.reference,
            )
        )
    return found


def record_notice(
    meeting: Meeting,
    rules: RuleSet,
    sent_on: date,
    method: str,
    matters: Sequence[str] = (),
) -> tuple[Meeting, list[Problem]]:
    """Record the notice as sent, and check it against the rules.

    Returns:
        The meeting with the notice, and the problems found (a late notice is still
        recorded: it is a fact; the meeting decides whether it was duly called).
    """
    meeting.require_open()
    notice = Notice(sent_on=sent_on, method=method, matters=tuple(matters))
    return meeting.model_copy(update={"notice": notice}), notice_findings(meeting, rules, notice)


def annual_meeting_findings(meeting: Meeting, others: Iterable[Meeting]) -> list[Problem]:
    """A second annual meeting in the same calendar year (code ``meeting.second_annual``).

    The bylaws call one ordinary annual meeting a year; a second one in the same year is
    usually an extra meeting recorded as the wrong kind. Closed and open meetings count.
    """
    if meeting.kind is not MeetingKind.ANNUAL:
        return []
    same_year = sorted(
        other.number
        for other in others
        if other.id != meeting.id
        and other.kind is MeetingKind.ANNUAL
        and other.held_on.year == meeting.held_on.year
        and other.state in (MeetingState.OPEN, MeetingState.CLOSED)
    )
    if not same_year:
        return []
    return [
        finding(
            "meeting.second_annual",
            ("meeting", meeting.number),
            "meeting {number} is a second annual meeting in {year} (the first: meeting {first}); "
            "hold an extra meeting instead",
            number=meeting.number,
            year=meeting.held_on.year,
            first=same_year[0],
        )
    ]

# SPDX-License-Identifier: EUPL-1.2
"""Findings about a meeting as :class:`kooperativ.problems.Problem`, in the meeting's language.

Every check of the governance package (the notice, a proxy's mandate, a late motion, a
first reading, a verified record) reports :class:`~kooperativ.problems.Problem` objects,
each with a stable ``code`` (``"notice.late"``, ``"proxy.too_many"``) to filter on, a
place (``("motion", 2)``), an English message and its template: the template is a msgid
of the gettext catalog ``governance``, where the Swedish text lives.

:func:`problem_text` renders a problem in a language the way the minutes need it: days
in words (``9 nov. 2026``), and words such as notice methods and outcomes translated.

Examples:
    >>> from datetime import date
    >>> found = finding("notice.late", ("meeting", ""),
    ...     "notice sent {sent}, later than {day} ({reference})",
    ...     sent=date(2026, 11, 9), day=date(2026, 10, 27), reference="§ 8")
    >>> found.code, found.message
    ('notice.late', 'notice sent 2026-11-09, later than 2026-10-27 (§ 8)')
    >>> problem_text(found, "sv")
    'kallelsen sändes 9 nov. 2026, senare än 27 okt. 2026 (§ 8)'
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from datetime import date

from kooperativ.errors import InputError, Phrase
from kooperativ.i18n import format_day, translator
from kooperativ.problems import Problem, Severity

__all__ = [
    "finding",
    "item_phrase",
    "problem_text",
    "problem_texts",
    "refuse",
    "where_text",
]

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Arguments whose value is a word to translate (``"adopted"``, ``"email"``).
_TERMS = frozenset({"method", "outcome", "recorded", "counted", "required_method"})
#: Arguments whose value is a list of words to translate, joined by ", ".
_TERM_LISTS = frozenset({"methods"})
_REASON_KEYS = "reason_"


def finding(
    code: str,
    place: tuple[str, object],
    template: str,
    severity: Severity = "warning",
    **args: object,
) -> Problem:
    """A :class:`~kooperativ.problems.Problem` with ``code``.

    Args:
        code: Stable machine code, e.g. ``"notice.late"``.
        place: ``("motion", 2)``, ``("meeting", "")`` …
        template: The English message with ``{name}`` placeholders (a msgid of the catalog
            ``governance``).
        severity: ``warning`` (default) or ``error``.
        **args: The values: dates are written ISO, lists of words joined by ", ".
    """
    values = {
        name: ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else value
        for name, value in args.items()
    }
    return dataclasses.replace(Problem.of(severity, place, template, **values), code=code)


_ITEM = re.compile(r"(motion|election) (\d+)(?: poll (\d+))?")


def item_phrase(item: str) -> Phrase | str:
    """An item's key (``motion 2``, ``election 1``, ``motion 2 poll 3``) as words of the
    reader's language when shown in a message; any other text as it is."""
    found = _ITEM.fullmatch(item)
    if found is None:
        return item
    kind, number, poll = found.groups()
    if poll is not None:
        return Phrase("motion {number}, vote {poll}", number=number, poll=poll)
    return Phrase(kind + " {number}", number=number)


def where_text(problem: Problem, lang: str | None = None) -> str:
    """Where ``problem`` is (``motion 2``), with its kind in ``lang``."""
    if lang is None:
        return problem.where
    _ = translator(lang, "governance")
    kind, key = problem.place
    return f"{_(kind)} {key}".strip() if kind else problem.where


def problem_text(problem: Problem, lang: str | None = None) -> str:
    """``problem``'s message in English (``lang`` ``None``), or in ``lang``.

    Days are written in words, and words such as notice methods and outcomes translated,
    through the catalog ``governance``.
    """
    if lang is None or not problem.template:
        return problem.message
    _ = translator(lang, "governance")
    shown: dict[str, object] = {}
    args = dict(problem.args)
    for name, value in args.items():
        if _ISO_DAY.match(value):
            shown[name] = format_day(date.fromisoformat(value), lang)
        elif name in _TERMS:
            shown[name] = _(value.replace("_", " "))
        elif name in _TERM_LISTS:
            shown[name] = ", ".join(_(item) for item in value.split(", ")) if value else ""
        elif name == "winners":
            shown[name] = value or _("nobody")
        else:
            shown[name] = value
    if "reason" in args and "reason_template" in args:
        # A reason of the röstlängd (register.REASON_TEXTS) inside the message.
        reason_args = {
            k.removeprefix(_REASON_KEYS): shown[k] for k in args if k.startswith(_REASON_KEYS)
        }
        reason = _(args["reason_template"]).format(**reason_args)
        reference = args.get("reference", "")
        shown["reason"] = f"{reason} ({reference})" if reference else reason
    return _(problem.template).format(**shown)


def problem_texts(problems: Iterable[Problem], lang: str | None = None) -> list[str]:
    """Each problem's message, in English or in ``lang``."""
    return [problem_text(p, lang) for p in problems]


def refuse(field: str, problems: Sequence[Problem]) -> None:
    """Raise an :class:`~kooperativ.errors.InputError` on ``field`` if there are problems.

    The error keeps each problem's template and values, so it renders in Swedish too.

    Raises:
        InputError: ``problems`` is not empty.
    """
    if not problems:
        return
    phrases = [
        Phrase(p.template, **dict(p.values or p.args)) if p.template else p.message
        for p in problems
    ]
    if len(problems) == 1 and problems[0].template:
        raise InputError(
            field, problems[0].template, **dict(problems[0].values or problems[0].args)
        )
    raise InputError(field, "{problems}", problems=Phrase.join(phrases))

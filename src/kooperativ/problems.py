# SPDX-License-Identifier: EUPL-1.2
"""Problems found by a check: one type for every finding kooperativ reports.

A check of a whole state (the register, the contracts, a meeting, the audit trail) returns
every problem at once instead of stopping at the first, so that ``kooperativ check`` can
report them all. A :class:`Problem` has a severity, a place (``("member", 3)``), an English
message and — when made with :meth:`Problem.of` — its message template and values, so that
it can be rendered in another language.

Examples:
    >>> problem = Problem.of("warning", ("member", 3), "no bank account for salary")
    >>> str(problem)
    'warning: member 3: no bank account for salary'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Problem", "Severity"]

#: How bad a problem is: an ``error`` must be fixed, a ``warning`` should be looked at.
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding of :meth:`Cooperative.check`.

    ``where`` and ``message`` are English. A problem made with :meth:`of` also keeps its
    message template and arguments, so :meth:`text` can render it in another language
    through a gettext catalog (domain ``problems``). ``code`` is a stable machine code of
    the kind of problem (``"notice.late"``), for programs to filter on instead of the text.
    """

    severity: Severity
    where: str
    message: str
    template: str = ""
    args: tuple[tuple[str, str], ...] = ()
    place: tuple[str, str] = ("", "")
    code: str = field(default="", kw_only=True)
    #: The arguments as given (numbers, phrases, errors), so that :meth:`text` writes them
    #: in the reader's language; ``args`` holds them as English text.
    values: tuple[tuple[str, object], ...] = field(
        default=(), kw_only=True, compare=False, repr=False
    )

    @classmethod
    def of(
        cls,
        severity: Severity,
        place: tuple[str, object],
        template: str,
        /,
        **args: object,
    ) -> Problem:
        """A problem at ``place`` (e.g. ``("member", 3)``) with a translatable message.

        The keyword ``code`` is not a value of the template but the problem's stable
        machine code (``"member.no_bank_account"``).
        """
        code = str(args.pop("code", ""))
        kind, key = place[0], str(place[1])
        values = tuple((name, str(value)) for name, value in args.items())
        return cls(
            severity,
            f"{kind} {key}".strip(),
            template.format(**dict(values)),
            template,
            values,
            (kind, key),
            code=code,
            values=tuple(args.items()),
        )

    def text(self, translate: Callable[[str], str]) -> tuple[str, str]:
        """``(where, message)`` rendered with ``translate`` (a gettext function)."""
        if not self.template:
            return self.where, self.message
        from kooperativ.errors import render_message

        kind, key = self.place
        where = f"{translate(kind)} {key}".strip()
        return where, render_message(self.template, dict(self.values or self.args), translate)

    def as_dict(
        self, translate: Callable[[str], str] | None = None, *, message: str | None = None
    ) -> dict[str, Any]:
        """The problem as JSON-ready data: stable machine fields beside the words.

        ``severity``, ``code``, ``kind``, ``key``, ``template`` and ``values`` are the same
        in every language; ``where`` and ``message`` are rendered with ``translate`` (a
        gettext function; English without one).

        Args:
            translate: Renders the place and the message (see :meth:`text`).
            message: The message as already rendered, for a domain that writes its values
                its own way (days in words in the minutes' language).
        """
        where, text = self.text(translate or _same)
        return {
            "severity": self.severity,
            "code": self.code,
            "kind": self.place[0],
            "key": self.place[1],
            "template": self.template or self.message,
            "where": where,
            "message": text if message is None else message,
            "values": dict(self.args),
        }

    def __str__(self) -> str:
        return f"{self.severity}: {self.where}: {self.message}"


def _same(text: str) -> str:
    return text

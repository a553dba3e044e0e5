# SPDX-License-Identifier: EUPL-1.2
"""Errors raised by kooperativ.

Every error derives from :class:`KooperativError` and carries a message meant for a
person: it names the field (or file and key path) and says what is wrong. The message is
English; :meth:`KooperativError.render` renders it in another language through a gettext
function, because each error keeps its message *template* (``"{value} is not a date"``)
and the values that fill it, apart. A stable machine code (:attr:`KooperativError.code`)
sits beside the text for programs.

Examples:
    >>> error = InputError("paid_on", "{value} is not a date (use YYYY-MM-DD)", value="2026-13-01")
    >>> str(error)
    'paid_on: 2026-13-01 is not a date (use YYYY-MM-DD)'
    >>> error.code, error.field
    ('input', 'paid_on')

Raise with a template and named values, not an f-string, so the message can be translated;
an f-string still works (it is then shown as written, in every language).

The errors say what went wrong, not how a program should end: the command line maps each
kind to its exit code (:func:`kooperativ.cli._common.exit_code_for`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import ClassVar

__all__ = [
    "AuditError",
    "ConcurrencyError",
    "ConfigError",
    "ConflictError",
    "InputError",
    "KooperativError",
    "MissingParameterError",
    "NotFoundError",
    "PermissionDenied",
    "RulesError",
    "StorageError",
    "Term",
    "ValidationFailed",
]

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


class Term(str):
    """A value that is itself a word to translate (a field name, a record kind, a status).

    Values passed to an error as ``Term("member")`` are translated when the error is
    rendered; plain values (numbers, names, dates) are shown as given.
    """

    __slots__ = ()


def _fill(template: str, params: Mapping[str, object], translate: Translate) -> str:
    """``template`` translated and filled with ``params`` (terms translated too)."""
    text = translate(template)
    if not params:
        return text
    values = {
        name: translate(value) if isinstance(value, Term) else value
        for name, value in params.items()
    }
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder must not hide the error itself.
        return template.format(**{k: str(v) for k, v in params.items()})


class KooperativError(Exception):
    """Base class of every error kooperativ raises on purpose.

    Args:
        template: The English message, with ``{name}`` placeholders for ``params``.
        **params: The values of the placeholders.
    """

    #: Stable machine code of the kind of error (for programs and JSON output).
    code: ClassVar[str] = "error"

    def __init__(self, template: str = "", /, **params: object) -> None:
        self.template = template
        self.params: dict[str, object] = dict(params)
        super().__init__(self.render())

    def render(self, translate: Translate = _same) -> str:
        """The message in the language of ``translate`` (a gettext function)."""
        return _fill(self.template, self.params, translate)

    def __str__(self) -> str:
        return self.render()


class InputError(KooperativError, ValueError):
    """A value given by a user is wrong.

    Args:
        field: The field (or option) the value was given for.
        reason: What is wrong with it, in words (a template if ``params`` are given).
        **params: Values for the placeholders in ``reason``.
    """

    code = "input"

    def __init__(self, field: str, reason: str, /, **params: object) -> None:
        self.field = field
        self.reason_template = reason
        KooperativError.__init__(self, reason, **params)

    @property
    def reason(self) -> str:
        """What is wrong, in English, without the field."""
        return _fill(self.reason_template, self.params, _same)

    def render(self, translate: Translate = _same) -> str:
        """``field: reason`` with both translated."""
        return f"{translate(self.field)}: {_fill(self.reason_template, self.params, translate)}"


class ValidationFailed(InputError):
    """Several problems were found at once (e.g. a model with many bad fields)."""

    code = "input.invalid"

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        self.problems = list(problems)
        first_field, first_reason = self.problems[0] if self.problems else ("input", "invalid")
        InputError.__init__(self, first_field, first_reason)

    def render(self, translate: Translate = _same) -> str:
        """Every ``field: reason``, separated by ``;``."""
        return "; ".join(f"{translate(f)}: {translate(r)}" for f, r in self.problems)


class ConfigError(KooperativError):
    """A configuration file (``cooperative.toml``, ``bylaws.toml``, parameters) is wrong.

    Args:
        file: The file's path, as the user would recognise it.
        key: The key path inside the file (``employer.orgnr``), or ``""`` for the whole file.
        reason: What is wrong (a template if ``params`` are given).
        **params: Values for the placeholders in ``reason``.
    """

    code = "config"

    def __init__(self, file: str, key: str, reason: str, /, **params: object) -> None:
        self.file = file
        self.key = key
        self.reason_template = reason
        KooperativError.__init__(self, reason, **params)

    @property
    def reason(self) -> str:
        """What is wrong, in English, without file and key."""
        return _fill(self.reason_template, self.params, _same)

    def render(self, translate: Translate = _same) -> str:
        """``file: key: reason``; file and key stay as written, the reason is translated."""
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {_fill(self.reason_template, self.params, translate)}"


class RulesError(KooperativError):
    """A dated parameter is missing, overlapping or malformed."""

    code = "rules"


class MissingParameterError(RulesError, KeyError):
    """No value of a parameter is in force on the date asked for."""

    code = "rules.missing_parameter"

    def __init__(self, name: str, on: object) -> None:
        self.name = name
        self.on = on
        RulesError.__init__(
            self, "parameter {name!r} has no value in force on {on}", name=name, on=on
        )

    def __str__(self) -> str:
        return self.render()


class NotFoundError(KooperativError):
    """A record asked for does not exist."""

    code = "not_found"

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        KooperativError.__init__(self, "{kind} {key!r} not found", kind=Term(kind), key=key)


class ConflictError(KooperativError):
    """A change would break a uniqueness or consistency rule (e.g. a duplicate number)."""

    code = "conflict"


class ConcurrencyError(KooperativError):
    """Someone else changed the same data at the same moment, and retrying did not help.

    Not an input error: the same command may well succeed when run again.
    """

    code = "concurrency"


class PermissionDenied(KooperativError):
    """The actor may not do or see this."""

    code = "permission"


class StorageError(KooperativError):
    """The database could not be reached or refused a change."""

    code = "storage"


class AuditError(KooperativError):
    """The audit chain does not verify."""

    code = "audit"

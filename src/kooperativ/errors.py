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

import errno
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
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
    "Phrase",
    "RulesError",
    "StorageError",
    "Term",
    "ValidationFailed",
    "config_reason",
    "os_reason",
    "pydantic_problems",
    "pydantic_reason",
    "render_message",
    "syntax_reason",
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


class Phrase:
    """A message used as a value inside another message: its own template and values,
    translated when the outer message is rendered.

    For a reason that is itself a sentence (``"membership fee for {year} not paid by
    {day}"`` inside ``"{name} has no vote: {reason}"``), so that both read in one language.

    Examples:
        >>> str(Phrase("membership fee for {year} not paid", year=2027))
        'membership fee for 2027 not paid'
    """

    __slots__ = ("template", "values")

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values = values

    def render(self, translate: Translate = _same) -> str:
        """The phrase in the language of ``translate``."""
        return _fill(self.template, self.values, translate)

    @classmethod
    def join(cls, parts: Iterable[object], separator: str = "; ") -> Phrase:
        """One phrase of ``parts`` (phrases, errors, plain values) one after the other."""
        values = {f"part{index}": part for index, part in enumerate(parts)}
        return cls(separator.join("{" + name + "}" for name in values), **values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Phrase({self.template!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Phrase):
            return (self.template, self.values) == (other.template, other.values)
        return str(self) == other

    def __hash__(self) -> int:
        return hash(str(self))


def _value(value: object, translate: Translate) -> object:
    """A value as shown in the language of ``translate``: terms translated, decimal
    numbers with the language's separators (when ``translate`` knows its language)."""
    if isinstance(value, Term):
        return translate(value)
    if isinstance(value, Phrase | KooperativError):
        return value.render(translate)
    if isinstance(value, Decimal):
        language = getattr(translate, "language", None)
        if isinstance(language, str):
            from kooperativ.i18n import format_number

            return format_number(value, language)
    return value


def render_message(template: str, params: Mapping[str, object], translate: Translate) -> str:
    """``template`` translated with ``translate`` and filled with ``params``: terms and
    phrases translated, decimal numbers written the language's way."""
    return _fill(template, params, translate)


def _fill(template: str, params: Mapping[str, object], translate: Translate) -> str:
    """``template`` translated and filled with ``params`` (terms translated, numbers
    written the language's way)."""
    text = translate(template)
    if not params:
        return text
    values = {name: _value(value, translate) for name, value in params.items()}
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


#: One problem of a :class:`ValidationFailed`: ``(field, reason)`` or ``(field, template,
#: values)``.
FieldProblem = tuple[str, str] | tuple[str, str, Mapping[str, object]]


class ValidationFailed(InputError):
    """Several problems were found at once (e.g. a model with many bad fields).

    Args:
        problems: ``(field, reason)`` pairs, or ``(field, template, values)`` triples whose
            reason is rendered in the reader's language (see :func:`pydantic_reason`).
    """

    code = "input.invalid"

    def __init__(self, problems: Iterable[FieldProblem]) -> None:
        self.details: list[tuple[str, str, dict[str, object]]] = [
            (item[0], item[1], dict(item[2]) if len(item) > 2 else {}) for item in problems
        ]
        #: ``(field, reason)`` pairs, the reasons in English.
        self.problems = [(f, _fill(t, v, _same)) for f, t, v in self.details]
        first_field, first_template, first_values = (
            self.details[0] if self.details else ("input", "invalid", {})
        )
        InputError.__init__(self, first_field, first_template, **first_values)

    def render(self, translate: Translate = _same) -> str:
        """Every ``field: reason``, separated by ``;``."""
        return "; ".join(f"{translate(f)}: {_fill(t, v, translate)}" for f, t, v in self.details)


#: The reason of a pydantic error, by its type: a template filled from the error's
#: context (``ctx``) and its ``input``. Types not listed keep pydantic's own message.
_PYDANTIC_REASONS = {
    "missing": "is required",
    "extra_forbidden": "unknown key",
    "string_type": "must be text",
    "string_too_short": "must not be shorter than {min_length} characters",
    "string_too_long": "must not be longer than {max_length} characters",
    "string_pattern_mismatch": "{input!r} is not in the expected form",
    "int_type": "{input!r} is not a whole number",
    "int_parsing": "{input!r} is not a whole number",
    "int_from_float": "{input!r} is not a whole number",
    "float_type": "{input!r} is not a number",
    "float_parsing": "{input!r} is not a number",
    "decimal_type": "{input!r} is not a number",
    "decimal_parsing": "{input!r} is not a number",
    "decimal_max_places": "must not have more than {decimal_places} decimals",
    "decimal_max_digits": "must not have more than {max_digits} digits",
    "decimal_whole_digits": "must not have more than {whole_digits} digits before the point",
    "finite_number": "must be a finite number",
    "bool_type": "{input!r} is not true or false",
    "bool_parsing": "{input!r} is not true or false",
    "date_type": "{input!r} is not a date (use YYYY-MM-DD)",
    "date_parsing": "{input!r} is not a date (use YYYY-MM-DD)",
    "date_from_datetime_parsing": "{input!r} is not a date (use YYYY-MM-DD)",
    "date_from_datetime_inexact": "{input!r} is not a date (use YYYY-MM-DD)",
    "datetime_type": "{input!r} is not a date and time",
    "datetime_parsing": "{input!r} is not a date and time",
    "datetime_from_date_parsing": "{input!r} is not a date and time",
    "timezone_aware": "needs a time zone",
    "uuid_type": "{input!r} is not an id (UUID)",
    "uuid_parsing": "{input!r} is not an id (UUID)",
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "multiple_of": "must be a multiple of {multiple_of}",
    "too_short": "needs at least {min_length} entries",
    "too_long": "takes at most {max_length} entries",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "set_type": "must be a list",
    "dict_type": "must be a table",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
    "literal_error": "{input!r} is not one of {expected}",
    "enum": "{input!r} is not one of {expected}",
    "union_tag_invalid": "{tag!r} is not one of {expected_tags}",
    "union_tag_not_found": "needs the key {discriminator}",
    "url_parsing": "{input!r} is not a web address",
    "value_error": "{input!r} is not valid",
}


def _short(value: object) -> object:
    """A value shown in a message: long texts and containers cut short."""
    if isinstance(value, str | int | Decimal):
        text = str(value)
        return value if len(text) <= 60 else text[:57] + "…"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def pydantic_reason(error: Mapping[str, object]) -> tuple[str, dict[str, object]]:
    """The reason of one pydantic error (an item of ``ValidationError.errors()``) as a
    template and its values, so that it can be rendered in another language.

    A :class:`KooperativError` raised inside a validator keeps its own template; a
    validator's ``ValueError`` keeps its text (a message of ours, found in the catalogs);
    pydantic's own errors are worded by their type (:data:`_PYDANTIC_REASONS`), with the
    limits from their context.

    Examples:
        >>> pydantic_reason({"type": "greater_than_equal", "msg": "…", "input": 1800,
        ...                  "ctx": {"ge": 1900}})
        ('must be at least {ge}', {'ge': 1900})
    """
    kind = str(error.get("type", ""))
    context = error.get("ctx")
    ctx: dict[str, object] = dict(context) if isinstance(context, Mapping) else {}
    cause = ctx.get("error")
    if isinstance(cause, InputError):
        return cause.reason_template, dict(cause.params)
    if isinstance(cause, KooperativError):
        return cause.template, dict(cause.params)
    if kind in ("value_error", "assertion_error") and cause is not None:
        return str(cause), {}
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty", {}
    template = _PYDANTIC_REASONS.get(kind)
    if template is None:
        return str(error.get("msg", "invalid")).removeprefix("Value error, "), {}
    values: dict[str, object] = {name: _short(value) for name, value in ctx.items()}
    if "input" in template:
        values["input"] = _short(error.get("input"))
    for name in ("expected", "expected_tags"):
        if isinstance(values.get(name), str):
            # pydantic joins the choices in English ("'a', 'b' or 'c'"): a plain list.
            items = re.split(r",\s*|\s+or\s+", str(ctx[name]))
            values[name] = ", ".join(item.strip().strip("'") for item in items if item)
    return template, values


def config_reason(error: Mapping[str, object]) -> tuple[str, dict[str, object]]:
    """The reason of a pydantic error about a configuration file, as a template and its
    values: a missing or unknown *key*; the rest as :func:`pydantic_reason` words it."""
    if error.get("type") == "extra_forbidden":
        return "unknown key", {}
    if error.get("type") == "missing":
        return "required key is missing", {}
    return pydantic_reason(error)


def pydantic_problems(
    errors: Iterable[Mapping[str, object]], fallback: str = "input", prefix: str = ""
) -> list[tuple[str, str, dict[str, object]]]:
    """Every pydantic error as ``(field, template, values)`` for :class:`ValidationFailed`.

    The field is ``prefix`` and the error's location joined with dots
    (``address.postal_code``), or ``fallback`` for an error about the whole value.
    """
    found = []
    for error in errors:
        location = error.get("loc", ())
        parts = [str(part) for part in location] if isinstance(location, tuple | list) else []
        field = prefix + ".".join(parts) if parts else fallback
        template, values = pydantic_reason(error)
        found.append((field, template, values))
    return found


#: What the TOML and JSON readers of the standard library say is wrong, as templates
#: (their own messages are English): regular expression → template with the groups.
_SYNTAX_DETAILS: tuple[tuple[str, str], ...] = (
    (r"Expected '=' after a key in a key/value pair", "'=' is missing after a key"),
    (r"Expected ']' at the end of a table declaration", "']' is missing after a table name"),
    (r"Expected ']]' at the end of an array declaration", "']]' is missing after a table name"),
    (r"Expected newline or end of document after a statement", "a line goes on after its value"),
    (r"Expected (?P<what>.+)", "{what} is missing"),
    (r"Invalid value", "a value is missing or not valid"),
    (r"Invalid statement", "a line is not a key = value pair"),
    (r"Invalid initial character for a key part", "a key starts with a character not allowed"),
    (r"Invalid date or datetime", "a date is not valid"),
    (r"Invalid hex value", "an escape sequence is not valid"),
    (r"Unterminated string.*", "a string is not closed"),
    (r"Unclosed array", "a list is not closed"),
    (r"Unclosed inline table", "an inline table is not closed"),
    (r"Unescaped '\\' in a string", "a backslash in a string is not escaped"),
    (r"Escaped character is not a Unicode scalar value", "an escape sequence is not valid"),
    (r"Cannot overwrite a value", "a key is given twice"),
    (r"Cannot declare (?P<key>.+) twice", "{key} is given twice"),
    (r"Cannot mutate immutable namespace (?P<key>.+)", "{key} is given twice"),
    (r"Cannot redefine namespace (?P<key>.+)", "{key} is given twice"),
    (r"Duplicate inline table key (?P<key>.+)", "{key} is given twice"),
    (r"Illegal character (?P<char>.+)", "the character {char} is not allowed"),
    (r"Found invalid character (?P<char>.+)", "the character {char} is not allowed"),
    (r"Expecting value", "a value is missing or not valid"),
    (r"Expecting property name enclosed in double quotes", "a key in double quotes is missing"),
    (r"Expecting ',' delimiter", "',' is missing"),
    (r"Expecting ':' delimiter", "':' is missing"),
    (r"Invalid control character at", "a string holds a control character"),
    (r"Invalid \\escape.*|Invalid \\uXXXX escape", "an escape sequence is not valid"),
    (r"Extra data", "more text follows the end of the data"),
)


#: What an operating-system error says, by its error number (``strerror`` is English).
_OS_REASONS = {
    errno.ENOENT: "no such file or folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOSPC: "no space left on the device",
    errno.EROFS: "the file system is read-only",
    errno.EEXIST: "already exists",
    errno.ENAMETOOLONG: "the name is too long",
}


def os_reason(error: OSError) -> Phrase | str:
    """What ``error`` (a failed file operation) means, in words that can be translated;
    its own English text for an error number not listed."""
    template = _OS_REASONS.get(error.errno or 0)
    if template is not None:
        return Phrase(template)
    return str(error.strerror or error)


def syntax_reason(error: ValueError, file_format: str) -> tuple[str, dict[str, object]]:
    """What a TOML or JSON reader's ``error`` says, as a template and its values: the
    line and column, and what is wrong in words that can be translated.

    Examples:
        >>> import tomllib
        >>> try:
        ...     tomllib.loads("a = = 1")
        ... except tomllib.TOMLDecodeError as exc:
        ...     template, values = syntax_reason(exc, "TOML")
        >>> KooperativError(template, **values).render()
        'not valid TOML (line 1, column 5: a value is missing or not valid)'
    """
    message = str(getattr(error, "msg", "") or error)
    line = getattr(error, "lineno", None)
    column = getattr(error, "colno", None)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        message = message[: found.start()]
    elif message.endswith("(at end of document)"):
        message = message.removesuffix("(at end of document)").rstrip()
    detail: object = message
    for pattern, template in _SYNTAX_DETAILS:
        matched = re.fullmatch(pattern, message)
        if matched:
            detail = Phrase(template, **matched.groupdict())
            break
    values: dict[str, object] = {"format": file_format, "detail": detail}
    if line is None:
        return "not valid {format} ({detail})", values
    values.update(line=line, column=column)
    return "not valid {format} (line {line}, column {column}: {detail})", values


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

# SPDX-License-Identifier: EUPL-1.2
"""Shared pieces of the command-line interface: output, errors, exit codes, parsing.

Everything here imports only the standard library, typer, rich and
:mod:`kooperativ.errors`, so that ``kooperativ --help`` stays fast: the library (pydantic,
SQLAlchemy, the country rules) is imported inside the commands that need it.

Exit codes belong to the CLI, not to the library's exceptions (:func:`exit_code_for`):

* ``2`` — the user can fix it: bad input, a wrong configuration file, a record that does
  not exist, a permission the actor lacks, a change that conflicts with the register;
* ``1`` — it went wrong at run time: the database, a concurrent change that kept
  colliding, a broken audit trail, anything else.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console

from kooperativ.errors import (
    ConfigError,
    ConflictError,
    InputError,
    KooperativError,
    NotFoundError,
    PermissionDenied,
    RulesError,
)

if TYPE_CHECKING:
    from rich.table import Table

__all__ = [
    "EXIT_INPUT",
    "EXIT_RUNTIME",
    "console",
    "current_language",
    "err_console",
    "error_json",
    "exit_code_for",
    "fail",
    "guard",
    "parse_date",
    "parse_decimal",
    "print_json",
    "required_date",
    "set_output",
    "table",
    "to_jsonable",
]

#: Exit code of an error the user can fix (input, configuration, not found, permission).
EXIT_INPUT = 2
#: Exit code of a run-time failure (storage, concurrency, audit, anything else).
EXIT_RUNTIME = 1

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def _keep_numbers_whole() -> None:
    # Numbers are grouped with a no-break space in Swedish (babel: "60 000,00"); rich
    # wraps table cells at any white space, no-break spaces included, and would print
    # "60" and "000,00" on two lines. A word here runs on over no-break spaces.
    import re

    import rich._wrap

    rich._wrap.re_word = re.compile(r"[^\S\u00a0\u202f]*[\S\u00a0\u202f]+[^\S\u00a0\u202f]*")


_keep_numbers_whole()

#: The language errors are rendered in, and whether the command prints JSON. Set by the
#: root command from the command line before a command runs (see :mod:`kooperativ.cli`),
#: then by the command's :class:`~kooperativ.cli._context.CliContext`.
_language: ContextVar[str] = ContextVar("kooperativ_cli_language", default="en")
_json_output: ContextVar[bool] = ContextVar("kooperativ_cli_json", default=False)

#: Error classes whose cause the user can fix, with exit code 2.
_USER_ERRORS: tuple[type[KooperativError], ...] = (
    InputError,
    ConfigError,
    RulesError,
    NotFoundError,
    PermissionDenied,
    ConflictError,
)


def set_output(language: str | None = None, as_json: bool | None = None) -> None:
    """Set the language errors are rendered in and whether they are printed as JSON."""
    if language is not None:
        _language.set(language)
    if as_json is not None:
        _json_output.set(as_json)


def current_language() -> str:
    """The language of the running command (``"en"`` until one is known)."""
    return _language.get()


def exit_code_for(error: BaseException) -> int:
    """The exit code of ``error``: 2 if the user can fix it, else 1 (see the module doc)."""
    return EXIT_INPUT if isinstance(error, _USER_ERRORS) else EXIT_RUNTIME


def _translate(language: str) -> Callable[[str], str]:
    if language == "en":
        return lambda text: text
    from kooperativ.i18n import messages

    try:
        return messages(language)
    except KooperativError:
        return lambda text: text


def render_error(error: KooperativError, language: str | None = None) -> str:
    """``error`` as text in ``language`` (default: the running command's)."""
    return error.render(_translate(language or current_language()))


def error_json(error: KooperativError, language: str | None = None) -> dict[str, Any]:
    """``error`` as the JSON object printed with ``--json``: stable code, field, message."""
    data: dict[str, Any] = {"code": error.code, "message": render_error(error, language)}
    for name in ("field", "file", "key", "kind"):
        value = getattr(error, name, None)
        if value is not None:
            data[name] = str(value)
    return {"error": data}


def fail(error: KooperativError) -> NoReturn:
    """Print ``error`` in the command's language, without a traceback, and exit.

    With ``--json`` the error is printed as a JSON object on standard error.
    """
    if _json_output.get():
        sys.stderr.write(json.dumps(error_json(error), ensure_ascii=False, indent=2) + "\n")
    else:
        from rich.markup import escape

        word = _translate(current_language())("error")
        # The message is text, not markup: "[se]" in it is a section of a file.
        err_console.print(
            f"[bold red]{word}:[/] {escape(render_error(error))}", markup=True, soft_wrap=True
        )
    raise typer.Exit(code=exit_code_for(error))


def _os_error(error: OSError) -> KooperativError:
    from kooperativ.errors import os_reason

    where = error.filename if error.filename is not None else "file"
    return KooperativError("{where}: {reason}", where=where, reason=os_reason(error))


@contextmanager
def guard() -> Iterator[None]:
    """Turn kooperativ errors (and failing file operations, and a record the library
    failed to validate) into a clean CLI failure."""
    try:
        yield
    except KooperativError as error:
        fail(error)
    except OSError as error:
        fail(_os_error(error))
    except ValueError as error:
        from pydantic import ValidationError

        if not isinstance(error, ValidationError):
            raise
        from kooperativ.errors import ValidationFailed, pydantic_problems

        fail(ValidationFailed(pydantic_problems(error.errors(), error.title.lower())))


def to_jsonable(value: Any) -> Any:
    """Convert Decimals (to strings), dates and pydantic models for JSON output."""
    if hasattr(value, "model_dump"):
        return to_jsonable(value.model_dump(mode="json"))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "amount") and hasattr(value, "currency"):  # Money
        return {"amount": str(value.amount), "currency": value.currency}
    if hasattr(value, "value") and hasattr(value, "name") and not isinstance(value, str):
        return to_jsonable(value.value)  # enums
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def print_json(value: Any) -> None:
    """Print ``value`` as indented JSON on standard output (no colours, no wrapping)."""
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")


def table(
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    right: Sequence[int] = (),
    compact: bool = False,
) -> Table:
    """A rich table; columns whose index is in ``right`` are right-aligned (amounts).

    ``compact`` draws no vertical rules and less padding, for wide listings that must fit
    an 80-column terminal. A cell wider than its column wraps; a word wider than its
    column is folded onto the next line, never cut off.
    """
    from rich import box
    from rich.table import Table

    if compact:
        result = Table(
            title=title,
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            collapse_padding=True,
        )
    else:
        result = Table(title=title, title_justify="left")
    for index, column in enumerate(columns):
        # fold: a word wider than its column is broken, never cut off with "…"
        result.add_column(column, justify="right" if index in right else "left", overflow="fold")
    for row in rows:
        result.add_row(*("" if cell is None else str(cell) for cell in row))
    return result


def parse_decimal(value: str | None, field: str, *, allow_negative: bool = False) -> Decimal | None:
    """Parse a CLI amount (``1234.50``, ``1234,50``, ``1 234,50``); ``None`` stays ``None``.

    Raises:
        InputError: The text is not a finite number, or is negative where not allowed.
    """
    if value is None:
        return None
    from kooperativ.money import to_decimal

    number = to_decimal(value.replace(",", ".").replace(" ", "").replace("\u00a0", ""), field)
    if number < 0 and not allow_negative:
        raise InputError(field, "must not be negative (got {value})", value=value)
    return number


def parse_date(value: str | None, field: str) -> date | None:
    """Parse an ISO date (``2026-11-27``); ``None`` stays ``None``."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(field, "{value!r} is not a date (use YYYY-MM-DD)", value=value) from None


def required_date(value: str | None, field: str) -> date:
    """Parse a required ISO date; a missing one is an :class:`InputError` naming ``field``."""
    day = parse_date(value, field)
    if day is None:
        raise InputError(field, "is required")
    return day


Registrar = Callable[[typer.Typer], None]

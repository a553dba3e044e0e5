# SPDX-License-Identifier: EUPL-1.2
"""Shared pieces of the command-line interface: output, errors, options."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any, NoReturn

import typer
from rich.console import Console

from kooperativ.errors import InputError, KooperativError

__all__ = [
    "console",
    "err_console",
    "fail",
    "guard",
    "parse_date",
    "parse_decimal",
    "print_json",
    "required_date",
    "to_jsonable",
]

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def to_jsonable(value: Any) -> Any:
    """Convert Decimals (to strings), dates and pydantic models for JSON output."""
    if hasattr(value, "model_dump"):
        return to_jsonable(value.model_dump(mode="python"))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "value") and hasattr(value, "name") and not isinstance(value, str):
        return to_jsonable(value.value)  # enums
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def print_json(value: Any) -> None:
    """Print ``value`` as indented JSON on standard output (no colours, no wrapping)."""
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")


def fail(error: KooperativError) -> NoReturn:
    """Print ``error`` without a traceback and exit with its exit code."""
    err_console.print(f"[bold red]error:[/] {error}", markup=True, soft_wrap=True)
    raise typer.Exit(code=error.exit_code)


@contextmanager
def guard() -> Iterator[None]:
    """Turn kooperativ errors raised inside the block into a clean CLI failure."""
    try:
        yield
    except KooperativError as error:
        fail(error)


def parse_decimal(value: str | None, field: str, *, allow_negative: bool = False) -> Decimal | None:
    """Parse a CLI amount (``1234.50`` or ``1234,50``); ``None`` stays ``None``."""
    if value is None:
        return None
    from kooperativ.money import to_decimal

    number = to_decimal(value.replace(",", ".").replace(" ", ""), field)
    if number < 0 and not allow_negative:
        raise InputError(field, f"must not be negative (got {value})")
    return number


def parse_date(value: str | None, field: str) -> date | None:
    """Parse an ISO date (``2026-11-27``); ``None`` stays ``None``."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(field, f"{value!r} is not a date (use YYYY-MM-DD)") from None


def required_date(value: str | None, field: str) -> date:
    """Parse a required ISO date; a missing one is an :class:`InputError` naming ``field``."""
    day = parse_date(value, field)
    if day is None:
        raise InputError(field, "is required")
    return day


Registrar = Callable[[typer.Typer], None]

# SPDX-License-Identifier: EUPL-1.2
"""The names older command modules use, until they are on the shared CLI context.

The register commands moved to one module per noun (:mod:`~kooperativ.cli.member`,
:mod:`~kooperativ.cli.client`, :mod:`~kooperativ.cli.assignment`,
:mod:`~kooperativ.cli.payroll`, :mod:`~kooperativ.cli.init`, :mod:`~kooperativ.cli.demo`,
:mod:`~kooperativ.cli.check`, :mod:`~kooperativ.cli.audit`, :mod:`~kooperativ.cli.db`).
Until every module uses :func:`~kooperativ.cli._context.shared_options`, the others import
the option types and helpers below from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kooperativ.cli._common import table
from kooperativ.cli._context import (
    AsOption,
    CoopOption,
    DatabaseOption,
    JsonOption,
    PersonalOption,
)

if TYPE_CHECKING:
    from rich.table import Table

    from kooperativ.cooperative import Cooperative
    from kooperativ.security import Actor

__all__ = [
    "AsOption",
    "CoopOption",
    "DatabaseOption",
    "JsonOption",
    "PersonalOption",
]


def _open(folder: Path, database: str | None) -> Cooperative:
    """Open the cooperative (for modules not yet on :class:`CliContext`)."""
    from kooperativ.cooperative import Cooperative

    return Cooperative.open(folder, database)


def _actor(coop: Cooperative, as_member: int | None) -> Actor:
    """The administrator or member ``as_member`` (for modules not yet on CliContext)."""
    from kooperativ.security import Actor

    return Actor.admin() if as_member is None else coop.actor_for_member(as_member)


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> Table:
    """A rich table (for modules not yet on CliContext)."""
    return table(title, columns, rows)


def __getattr__(name: str) -> Any:
    if name == "load_demo":  # moved to the library: kooperativ.demo.load_demo
        from kooperativ.demo import load_demo

        return load_demo
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

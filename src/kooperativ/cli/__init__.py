# SPDX-License-Identifier: EUPL-1.2
"""The ``kooperativ`` command line.

The CLI only parses, calls the library and prints; every rule lives in the library. Each
command module exposes ``register(app)``; errors derived from
:class:`~kooperativ.errors.KooperativError` end the command with a clear message and exit
code 2 (bad input) or 1 (runtime), never a traceback.
"""

from __future__ import annotations

import importlib

import typer

from kooperativ.cli._common import err_console
from kooperativ.errors import KooperativError

__all__ = ["app", "main"]

app = typer.Typer(
    name="kooperativ",
    help="Toolkit for employment cooperatives: members, assignments, payroll, governance.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Command modules, each with a register(app) function. A module listed here that does not
# exist yet is skipped so that parts can land independently.
_MODULES = (
    "kooperativ.cli.coop",
    "kooperativ.cli.salary",
    "kooperativ.cli.employment",
    "kooperativ.cli.governance",
    "kooperativ.cli.audit",
    "kooperativ.cli.db",
)

for _name in _MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as _exc:  # pragma: no cover - only while a part is missing
        if _exc.name != _name:
            raise
        continue
    _module.register(app)


def main() -> None:
    """Entry point of the ``kooperativ`` console script."""
    try:
        app()
    except KooperativError as error:  # pragma: no cover - commands use guard()
        err_console.print(f"[bold red]error:[/] {error}")
        raise SystemExit(error.exit_code) from None

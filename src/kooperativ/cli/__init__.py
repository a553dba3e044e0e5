# SPDX-License-Identifier: EUPL-1.2
"""The ``kooperativ`` command line: the administrator's tool.

The CLI only parses, calls the library and prints; every rule lives in the library. It is
the administrator's tool: whoever runs it can read and change the whole register, and
``--as N`` (act as member N) authenticates no one — it only shows what member N would see
and may do. Members reach their own data through authenticated front ends (the web app).

One module per noun (``member``, ``client``, ``assignment``, ``payroll``, ``init``,
``demo``, ``check`` …), each exposing ``register(app)``. ``kooperativ --help`` imports
none of them (see :mod:`kooperativ.cli._app`), nor the library, so it starts in a small
multiple of a bare ``import typer, rich`` (``benchmarks/bench_cli_start.py``).

Errors derived from :class:`~kooperativ.errors.KooperativError` end a command with a
message in the command line's language and exit code 2 (the user can fix it: input,
configuration, not found, permission, conflict) or 1 (run time: storage, concurrency,
audit, other), never a traceback (:func:`kooperativ.cli._common.exit_code_for`).
"""

from __future__ import annotations

import typer

from kooperativ.cli._app import LazyGroup

__all__ = ["app", "main"]

app = typer.Typer(
    name="kooperativ",
    cls=LazyGroup,
    help="Toolkit for employment cooperatives: members, assignments, payroll, governance.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """Toolkit for employment cooperatives: members, assignments, payroll, governance."""


def main() -> None:
    """Entry point of the ``kooperativ`` console script."""
    from kooperativ.errors import KooperativError

    try:
        app(prog_name="kooperativ")
    except KooperativError as error:  # pragma: no cover - commands use guard()
        from kooperativ.cli._common import fail

        try:
            fail(error)
        except typer.Exit as done:
            raise SystemExit(done.exit_code) from None

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ check``: every validator at once, every problem listed."""

from __future__ import annotations

from typing import Annotated

import typer

from kooperativ.cli._common import parse_date, table
from kooperativ.cli._context import CliContext, shared_options

__all__ = ["register"]


@shared_options(json=True)
def check(
    cli: CliContext,
    on: Annotated[str | None, typer.Option(help="Check as of this date (default: today).")] = None,
) -> None:
    """Run every validator and list every problem (exit 1 if any is an error)."""
    with cli.guard():
        day = parse_date(on, "on")
        with cli.open() as coop:
            problems = coop.check(day)
    texts = cli.messages()
    if cli.as_json:
        cli.print_json([p.as_dict(texts) for p in problems])
    elif not problems:
        cli.print(cli._("No problems found."))
    else:
        cli.print(
            table(
                cli._("Problems"),
                ["", cli._("Where"), cli._("Problem")],
                [(texts(p.severity), *p.text(texts)) for p in problems],
            )
        )
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        cli.print(
            ", ".join(
                (
                    cli.ngettext("{n} error", "{n} errors", errors).format(n=errors),
                    cli.ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
                )
            )
        )
    if any(p.severity == "error" for p in problems):
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add ``check`` to ``app``."""
    app.command("check")(check)

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ export sie``: the year's ledger as a SIE 4 file for the bookkeeper.

``export sie --year 2026`` writes ``<orgnr>_2026.se`` (type 4E: balances and vouchers);
``--type 4I`` writes the vouchers only, for a bookkeeping program to import
(``<orgnr>_2026.si``). See :mod:`kooperativ.countries.se.sie`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from kooperativ.cli._context import CliContext, shared_options

__all__ = ["add_to"]


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is below it, else as given."""
    try:
        return os.path.relpath(path.resolve(), Path.cwd())
    except ValueError:  # another drive
        return str(path)


def export_sie(
    cli: CliContext,
    year: Annotated[int, typer.Option(help="The financial year, e.g. 2026.", show_default=False)],
    kind: Annotated[
        str,
        typer.Option(
            "--type", help="4E: balances and vouchers; 4I: vouchers to import.", show_default=True
        ),
    ] = "4E",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="File to write (default: ORGNR_YEAR.se, or .si for 4I).",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the year's ledger as a SIE 4 file (treasurer, board, auditor)."""
    _ = cli.texts("sie")
    with cli.guard():
        with cli.open() as coop:
            written = coop.ledger.bookkeeping_export(cli.actor(coop), year, kind)
        target = out or Path(written.name)
        try:
            target.write_bytes(written.data)
        except OSError as error:
            from kooperativ.errors import InputError, os_reason

            raise InputError(
                "--out", "cannot write {path}: {reason}", path=target, reason=os_reason(error)
            ) from None
    shown = _shown(target)
    if cli.as_json:
        cli.print_json(
            {"path": shown, "year": year, "type": kind.upper(), "bytes": len(written.data)}
        )
        return
    cli.print(
        _("Wrote {path} (SIE {kind}, {year}, {size} bytes).").format(
            path=shown, kind=kind.upper(), year=year, size=len(written.data)
        )
    )


def add_to(export_app: typer.Typer) -> None:
    """Add ``sie`` to the ``export`` group."""
    command = shared_options(actor=True, json=True)(export_sie)
    export_app.command("sie")(command)

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ export agi``: the employer declaration of a month for Skatteverket.

``export agi --period 2026-05`` writes the *arbetsgivardeklaration på individnivå* (AGI
XML) of pay period 2026-05 from the payslips of its approved and paid payroll runs
(``agi-2026-05.xml``); ``--corrections-only`` only the people a correction run corrected
(``agi-2026-05-corrections.xml``). See
:meth:`kooperativ.services.payroll_runs.PayrollRunService.employer_report` and
:mod:`kooperativ.countries.se.agi`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kooperativ.cli._context import CliContext, shared_options

__all__ = ["add_to"]

DOMAIN = "payroll_exports"


def export_agi(
    cli: CliContext,
    period: Annotated[str, typer.Option(help="The pay period (YYYY-MM).", show_default=False)],
    corrections_only: Annotated[
        bool,
        typer.Option(
            "--corrections-only", help="Only the people whose payslips a correction run replaced."
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="File to write (default: agi-PERIOD.xml).",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the employer declaration (AGI) of a pay period from its approved payroll runs."""
    from kooperativ.cli._files import shown_path, write_file

    _ = cli.texts(DOMAIN)
    with cli.guard():
        with cli.open() as coop:
            data = coop.payroll_runs.employer_report(
                cli.actor(coop), period, corrections_only=corrections_only
            )
        suffix = "-corrections" if corrections_only else ""
        target = out or Path(f"agi-{period}{suffix}.xml")
        write_file(target, data)
    shown = shown_path(target)
    if cli.as_json:
        cli.print_json(
            {
                "path": shown,
                "period": period,
                "corrections_only": corrections_only,
                "bytes": len(data),
            }
        )
        return
    cli.print(
        _("Wrote {path} (employer declaration {period}, {size} bytes).").format(
            path=shown, period=period, size=len(data)
        )
    )


def add_to(export_app: typer.Typer) -> None:
    """Add ``agi`` to the ``export`` group."""
    export_app.command("agi")(shared_options(actor=True, json=True)(export_agi))

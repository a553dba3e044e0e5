# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ export pain001``: the salary payment file of a payroll run for the bank.

``export pain001 --run 3`` writes the ISO 20022 pain.001 file of approved payroll run 3
(``pain001-2026-05-3.xml``): one transfer per payslip, or for a correction run what it
adds to each payout. ``--version 09`` writes pain.001.001.09 instead of .03. See
:meth:`kooperativ.services.payroll_runs.PayrollRunService.payment_file` and
:mod:`kooperativ.exports.pain001`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kooperativ.cli._context import CliContext, shared_options

__all__ = ["add_to"]

DOMAIN = "payroll_exports"

#: ``--version``'s short forms.
_VERSIONS = {"03": "pain.001.001.03", "09": "pain.001.001.09"}


def export_pain001(
    cli: CliContext,
    run: Annotated[str, typer.Option(help="The payroll run's number.", show_default=False)],
    version: Annotated[
        str,
        typer.Option(help="The message version: 03 (pain.001.001.03) or 09 (pain.001.001.09)."),
    ] = "03",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="File to write (default: pain001-PERIOD-RUN.xml).",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the salary payment file (ISO 20022 pain.001) of an approved payroll run."""
    from kooperativ.cli._files import shown_path, write_file

    _ = cli.texts(DOMAIN)
    chosen = _VERSIONS.get(version.strip(), version.strip())
    with cli.guard():
        with cli.open() as coop:
            actor = cli.actor(coop)
            found = coop.payroll_runs.show(actor, run)
            data = coop.payroll_runs.payment_file(actor, found.number, version=chosen)
        target = out or Path(f"pain001-{found.period}-{found.number}.xml")
        write_file(target, data)
    shown = shown_path(target)
    if cli.as_json:
        cli.print_json({"path": shown, "run": found.number, "version": chosen, "bytes": len(data)})
        return
    cli.print(
        _("Wrote {path} ({version}, payroll run {number}, {size} bytes).").format(
            path=shown, version=chosen, number=found.number, size=len(data)
        )
    )


def add_to(export_app: typer.Typer) -> None:
    """Add ``pain001`` to the ``export`` group."""
    export_app.command("pain001")(shared_options(actor=True, json=True)(export_pain001))

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ export …``: files for the authorities, the bank and the bookkeeper.

The group only: each file format is a small module of its own (``export_sie`` …) with
``add_to(export_app)`` adding its command, so that formats are added without touching
each other.
"""

from __future__ import annotations

import typer

from kooperativ.cli import export_agi, export_pain001, export_sie

__all__ = ["export_app", "register"]

export_app = typer.Typer(
    help="Files for the authorities, the bank and the bookkeeper.", no_args_is_help=True
)

export_sie.add_to(export_app)
export_pain001.add_to(export_app)
export_agi.add_to(export_app)


def register(app: typer.Typer) -> None:
    """Add ``export`` to ``app``."""
    app.add_typer(export_app, name="export")

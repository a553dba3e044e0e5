# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ init``: a cooperative folder copied from a bundled example.

``--from`` names a bundled example (``interim_kultur``); it is never a path, so the copy
cannot reach outside the examples shipped with kooperativ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kooperativ.cli._context import CliContext, shared_options
from kooperativ.cli._language import config_language

__all__ = ["register"]


@shared_options(coop=False)
def init(
    cli: CliContext,
    folder: Annotated[Path, typer.Argument(help="Folder to create.", show_default=False)],
    from_example: Annotated[
        str, typer.Option("--from", help="Name of the bundled example to copy.")
    ] = "interim_kultur",
) -> None:
    """Create a cooperative folder from a bundled example."""
    with cli.guard():
        from kooperativ.examples import DEMO_FILE, copy_example

        target = copy_example(folder, from_example)
        (target / DEMO_FILE).unlink(missing_ok=True)
        cli.adopt_language(config_language(target) or cli.language)  # the new folder's
    cli.print(
        cli._("Created {target} from {example}. Edit {target}/cooperative.toml first.").format(
            target=target, example=from_example
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``init`` to ``app``."""
    app.command("init")(init)

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ init``: a cooperative folder copied from a bundled example.

``--from`` names a bundled example (``interim_kultur``); it is never a path, so the copy
cannot reach outside the examples shipped with kooperativ. ``--name`` gives the copy its
own name, and the copy's own scenario tests (``tests/*.toml``, collected by the pytest
plugin in :mod:`kooperativ.testing`) are run in the new folder unless ``--no-tests``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
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
    name: Annotated[
        str | None,
        typer.Option("--name", help="The cooperative's own name, in place of the example's."),
    ] = None,
    tests: Annotated[
        bool, typer.Option("--tests/--no-tests", help="Run the copied folder's own tests.")
    ] = True,
) -> None:
    """Create a cooperative folder from a bundled example."""
    with cli.guard():
        from kooperativ.examples import (
            DEMO_FILE,
            cooperative_name,
            copy_example,
            rename_cooperative,
        )

        if name is not None:
            name = cooperative_name(name)  # refused before anything is copied
        target = copy_example(folder, from_example)
        (target / DEMO_FILE).unlink(missing_ok=True)
        names = rename_cooperative(target, name) if name is not None else {}
        cli.adopt_language(config_language(target) or cli.language)  # the new folder's
    cli.print(
        cli._("Created {target} from {example}. Edit {target}/cooperative.toml first.").format(
            target=target, example=from_example
        )
    )
    for entity in ("employer", "association"):
        if entity in names:
            cli.print(cli._("Name: {name}").format(name=names[entity]))
    if tests:
        _run_tests(cli, target)


def _run_tests(cli: CliContext, target: Path) -> None:
    """Run the scenario tests of ``target`` with pytest; exit 1 if one fails."""
    if not (target / "tests").is_dir():
        return
    if importlib.util.find_spec("pytest") is None:
        cli.warn(cli._("pytest is not installed: the folder's tests were not run."))
        return
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [*command, "--rootdir", ".", "tests"],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    summary = lines[-1].strip("= ") if lines else ""
    if done.returncode == 0:
        cli.print(cli._("Tests of {target}: {summary}").format(target=target, summary=summary))
        return
    sys.stderr.write(done.stdout + done.stderr)
    cli.warn(cli._("Tests of {target} failed: {summary}").format(target=target, summary=summary))
    raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``init`` to ``app``."""
    app.command("init")(init)

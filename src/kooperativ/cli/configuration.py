# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ config``: the configuration files' JSON Schemas, for editors and tools.

The schemas are generated from the models that validate ``cooperative.toml`` and
``bylaws.toml`` (:mod:`kooperativ.config_reference`); they are data for programs, so
their descriptions are the models' own (English).
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from kooperativ.cli._context import CliContext, shared_options

__all__ = ["register"]


@shared_options(coop=False)
def schema(
    cli: CliContext,
    bylaws: Annotated[
        bool,
        typer.Option("--bylaws", help="The schema of bylaws.toml instead of cooperative.toml."),
    ] = False,
    country: Annotated[
        str | None, typer.Option("--country", help="Country code (default SE).")
    ] = None,
) -> None:
    """Print the JSON Schema of cooperative.toml (with the country's section) or bylaws.toml."""
    from kooperativ.config_reference import bylaws_schema, cooperative_schema
    from kooperativ.errors import ConfigError, InputError

    with cli.guard():
        try:
            found = bylaws_schema() if bylaws else cooperative_schema(country or "SE")
        except ConfigError as error:  # no such country: an option, not cooperative.toml
            raise InputError("--country", error.reason_template, **error.params) from None
    sys.stdout.write(json.dumps(found, indent=2, ensure_ascii=False, sort_keys=True) + "\n")


def register(app: typer.Typer) -> None:
    """Add the ``config`` group to ``app``."""
    group = typer.Typer(
        help="The configuration files: their JSON Schemas.",
        no_args_is_help=True,
        add_completion=False,
    )
    group.command("schema")(schema)
    app.add_typer(group, name="config")

# SPDX-License-Identifier: EUPL-1.2
"""The generated reference pages are the ones committed: regenerate them when the code changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kooperativ.cli.reference import LANGUAGES, render_cli_reference

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_the_cli_reference_is_current(language: str) -> None:
    page = ROOT / LANGUAGES[language]
    assert page.read_text("utf-8") == render_cli_reference(language), (
        f"{LANGUAGES[language]} is out of date: run "
        f"python -m kooperativ.cli.reference {language} > {LANGUAGES[language]}"
    )


def test_the_cli_reference_names_every_command() -> None:
    from kooperativ.cli._app import COMMANDS

    page = render_cli_reference("en")
    for name in COMMANDS:
        assert f"### `kooperativ {name}`" in page
    assert "`--coop`, `-C`" in page

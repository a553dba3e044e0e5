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


def test_every_configuration_key_has_a_description() -> None:
    from kooperativ.config_reference import undescribed_fields

    assert undescribed_fields() == [], "give each field Field(description=...)"


@pytest.mark.parametrize("what", ["page", "cooperative", "bylaws"])
def test_the_configuration_reference_is_current(what: str) -> None:
    from kooperativ.config_reference import FILES, render

    assert (ROOT / FILES[what]).read_text("utf-8") == render(what), (
        f"{FILES[what]} is out of date: run "
        f"python -m kooperativ.config_reference {what} > {FILES[what]}"
    )


def test_the_example_configuration_fits_the_schema() -> None:
    import tomllib

    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    from kooperativ.config_reference import bylaws_schema, cooperative_schema

    folder = ROOT / "examples" / "interim_kultur"
    for name, schema in (
        ("cooperative.toml", cooperative_schema()),
        ("bylaws.toml", bylaws_schema()),
    ):
        data = tomllib.loads((folder / name).read_text("utf-8"))
        jsonschema.validate(_jsonable(data), schema)


def _jsonable(value: object) -> object:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[attr-defined]
    return value


@pytest.mark.parametrize(("args", "what"), [([], "cooperative"), (["--bylaws"], "bylaws")])
def test_config_schema_prints_the_committed_schema(args: list[str], what: str) -> None:
    from typer.testing import CliRunner

    from kooperativ.cli import app
    from kooperativ.config_reference import FILES

    result = CliRunner().invoke(app, ["config", "schema", *args])
    assert result.exit_code == 0, result.output
    assert result.stdout == (ROOT / FILES[what]).read_text("utf-8")


def test_config_schema_names_the_option_of_an_unknown_country() -> None:
    from typer.testing import CliRunner

    from kooperativ.cli import app

    result = CliRunner().invoke(app, ["config", "schema", "--country", "XX", "--lang", "en"])
    assert result.exit_code == 2
    assert "--country" in result.stdout + result.stderr

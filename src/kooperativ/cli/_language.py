# SPDX-License-Identifier: EUPL-1.2
"""Which language the command line speaks, and putting its help into that language.

The language must be known before the first line of help is printed, so it is decided
from the command line and the environment alone, in this order:

1. ``--lang LANG`` anywhere on the command line;
2. the environment variable ``KOOPERATIV_LANGUAGE``;
3. ``language`` in ``cooperative.toml`` of the cooperative folder: the one given with
   ``--coop``/``-C``, else ``KOOPERATIV_HOME``, else the current folder;
4. English.

Typer and the click it vendors write their own words (``Usage:``, ``Options``, ``Show
this message and exit.``, ``Missing option …``) in English and offer no gettext hook for
them. :func:`localise_framework` sets typer's documented text constants and a help
formatter that knows the language; :func:`localise_usage_error` translates the few usage
errors a user meets. Help texts of commands and options are translated after the click
command is built (:func:`translate_tree`), through every installed catalog, so a
command module needs no code of its own for it: a Swedish catalog entry is enough.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_LANGUAGE",
    "HOME_ENV",
    "LANGUAGE_ENV",
    "config_language",
    "folder_language",
    "gettext_for",
    "language_from_args",
    "language_source",
    "localise_framework",
    "localise_usage_error",
    "resolve_language",
    "translate_tree",
]

#: The environment variable that chooses the language of the command line.
LANGUAGE_ENV = "KOOPERATIV_LANGUAGE"
#: The environment variable naming the cooperative's folder (``--coop``).
HOME_ENV = "KOOPERATIV_HOME"
#: The language when nothing says otherwise.
DEFAULT_LANGUAGE = "en"

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


def config_language(folder: Path) -> str | None:
    """``language`` from ``folder/cooperative.toml``, or ``None`` (never raises).

    Only this one key is read, without validating the file: a broken file is reported by
    the command that opens the cooperative, in the language found here or the default.
    """
    try:
        with (folder / "cooperative.toml").open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, ValueError):
        return None
    value = data.get("language")
    return value if isinstance(value, str) and value else None


def folder_language(folder: Path) -> str | None:
    """The language of the cooperative in ``folder``, if it names one with catalogs."""
    return _known(config_language(folder))


def _known(language: str | None) -> str | None:
    """``language`` if catalogs are installed for it (English always is)."""
    if not language:
        return None
    if language == DEFAULT_LANGUAGE:
        return language
    from kooperativ.i18n import available_languages

    return language if language in available_languages() else None


def resolve_language(explicit: str | None = None, folder: Path | None = None) -> str:
    """The language of the command line (see the module docstring for the order).

    Args:
        explicit: ``--lang`` as given (an unknown language is skipped here; the command
            that receives it reports it).
        folder: The cooperative folder given with ``--coop``; default ``KOOPERATIV_HOME``,
            else the current folder.
    """
    return language_source(explicit, folder)[0]


def language_source(explicit: str | None = None, folder: Path | None = None) -> tuple[str, str]:
    """The language of the command line and what decided it.

    Returns:
        The language and its source: ``"option"`` (``--lang``), ``"environment"``
        (``KOOPERATIV_LANGUAGE``), ``"cooperative"`` (``cooperative.toml``) or
        ``"default"`` (nothing said: English).
    """
    for candidate, source in ((explicit, "option"), (os.environ.get(LANGUAGE_ENV), "environment")):
        found = _known(candidate)
        if found:
            return found, source
    if folder is None:
        home = os.environ.get(HOME_ENV)
        folder = Path(home) if home else Path(".")
    configured = folder_language(folder)
    if configured:
        return configured, "cooperative"
    return DEFAULT_LANGUAGE, "default"


def _option_value(args: Sequence[str], names: Sequence[str]) -> str | None:
    """The value given to the first of ``names`` in ``args`` (``--x V`` or ``--x=V``)."""
    for index, arg in enumerate(args):
        if arg == "--":
            return None
        for name in names:
            if arg == name and index + 1 < len(args):
                return args[index + 1]
            if name.startswith("--") and arg.startswith(name + "="):
                return arg[len(name) + 1 :]
    return None


def language_from_args(args: Sequence[str]) -> str:
    """The language for a command line ``args`` (without the program name)."""
    coop = _option_value(args, ("--coop", "-C"))
    return resolve_language(
        _option_value(args, ("--lang",)), Path(coop) if coop is not None else None
    )


def gettext_for(language: str) -> Translate:
    """A gettext function over every catalog of ``language`` (identity for English).

    The ``cli`` catalog is asked first; the others are read only when a text is not in it
    (the help of another command module), so ``kooperativ --help`` reads one catalog.
    """
    if language == DEFAULT_LANGUAGE:
        return _same
    from kooperativ.i18n import messages, translator

    cli = translator(language, "cli")
    everything: list[Translate] = []

    def translate(text: str) -> str:
        found = cli(text)
        if found != text:
            return found
        if not everything:
            everything.append(messages(language))
        return everything[0](text)

    return translate


# -- typer's and click's own words ------------------------------------------------------------

#: typer.rich_utils constants that are words, with their English text.
_RICH_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "DEPRECATED_STRING": "(deprecated) ",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}

_current: list[Translate] = [_same]


def _formatter_class() -> type:
    from typer._click.formatting import HelpFormatter

    class LocalisedFormatter(HelpFormatter):
        """Writes ``Usage:`` in the command line's language."""

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            if prefix is None:
                prefix = _current[0]("Usage:") + " "
            super().write_usage(prog, args, prefix)

    return LocalisedFormatter


def localise_framework(language: str, *, rich: bool = False) -> None:
    """Put typer's and click's own help words into ``language`` (process-wide).

    Args:
        language: The command line's language.
        rich: Help or an error panel will be printed: set typer's rich texts too. They are
            set anyway once typer's rich module is loaded; otherwise a command that prints
            no help does not pay for loading it.
    """
    translate = gettext_for(language)
    _current[0] = translate
    from typer._click import core

    if not getattr(core.Context.formatter_class, "_kooperativ", False):
        formatter = _formatter_class()
        formatter._kooperativ = True  # type: ignore[attr-defined]
        core.Context.formatter_class = formatter
    if rich or "typer.rich_utils" in sys.modules:
        from typer import rich_utils

        for name, english in _RICH_TEXTS.items():
            setattr(rich_utils, name, translate(english))


#: Usage errors of click/typer: English pattern → catalog template with the same names.
_USAGE_ERRORS = [
    (r"Missing option (?P<name>.+)\.", "Missing option {name}."),
    (r"Missing argument (?P<name>.+)\.", "Missing argument {name}."),
    (r"Missing parameter: (?P<name>.+)", "Missing option {name}."),
    (r"Missing command\.", "Missing command."),
    (r"No such option: (?P<name>\S+)(?P<rest>.*)", "No such option: {name}"),
    (r"No such command (?P<name>.+?)\.(?P<rest>.*)", "No such command {name}."),
    (r"Option (?P<name>.+) requires an argument\.", "Option {name} requires an argument."),
    (r"Option (?P<name>.+) does not take a value\.", "Option {name} does not take a value."),
    (
        r"Got unexpected extra argument(?:\(s\)|s?) \((?P<value>.*)\)",
        "Got unexpected extra arguments ({value})",
    ),
    (
        r"Invalid value for (?P<name>.+?): (?:Value )?(?P<value>'.*') is not a valid "
        r"(?:integer|int)\.",
        "Invalid value for {name}: {value} is not a whole number.",
    ),
    (
        r"Invalid value for (?P<name>.+?): Input should be a valid integer.*",
        "Invalid value for {name}: not a whole number.",
    ),
    (
        r"Invalid value for (?P<name>.+?): Input should be a valid boolean.*",
        "Invalid value for {name}: not yes or no.",
    ),
    (
        r"Invalid value for (?P<name>.+?): (?:Value )?(?P<value>'.*') is not a valid "
        r"(?:boolean|bool)\.",
        "Invalid value for {name}: {value} is not yes or no.",
    ),
    (
        r"Invalid value for (?P<name>.+?): (?P<value>.*) is not one of (?P<choices>.*)\.",
        "Invalid value for {name}: {value} is not one of {choices}.",
    ),
    (
        r"Invalid value for (?P<name>.+?): (?i:directory|dir|path|file) (?P<value>.+) is a file\.",
        "Invalid value for {name}: {value} is a file, not a folder.",
    ),
    (r"Invalid value for (?P<name>.+?): (?P<value>.*)", "Invalid value for {name}: {value}"),
]


def localise_usage_error(message: str, language: str) -> str:
    """A click/typer usage error ``message`` in ``language`` (as is if not recognised)."""
    if language == DEFAULT_LANGUAGE:
        return message
    translate = gettext_for(language)
    for pattern, template in _USAGE_ERRORS:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            values = {k: v for k, v in match.groupdict().items() if k != "rest"}
            text = translate(template).format(**values)
            rest = (match.groupdict().get("rest") or "").strip()
            hint = re.fullmatch(r"Did you mean (?P<suggestions>.+)\?", rest)
            if hint:
                rest = translate("Did you mean {suggestions}?").format(**hint.groupdict())
            possible = re.fullmatch(r"\(Possible options: (?P<options>.+)\)", rest)
            if possible:
                rest = translate("(Possible options: {options})").format(**possible.groupdict())
            return f"{text} {rest}".strip()
    return message


# -- help texts of commands ---------------------------------------------------------------------


def _tr(translate: Translate, text: str | None) -> str | None:
    """``text`` translated whole, else paragraph by paragraph (docstrings)."""
    if not text:
        return text
    whole = translate(text)
    if whole != text:
        return whole
    parts = text.split("\n\n")
    if len(parts) == 1:
        return text
    return "\n\n".join(translate(part) for part in parts)


def translate_tree(command: Any, language: str) -> None:
    """Translate the help of ``command`` (a click command), its options and subcommands."""
    if language == DEFAULT_LANGUAGE:
        return
    translate = gettext_for(language)
    _translate_command(command, translate)


def _translate_command(command: Any, translate: Translate) -> None:
    from typer._click import Context

    command.help = _tr(translate, command.help)
    command.short_help = _tr(translate, command.short_help)
    for metavar in ("options_metavar", "subcommand_metavar"):  # [OPTIONS], COMMAND [ARGS]...
        if getattr(command, metavar, None):
            setattr(command, metavar, translate(getattr(command, metavar)))
    panel = getattr(command, "rich_help_panel", None)
    if panel:
        command.rich_help_panel = translate(panel)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _tr(translate, param.help)
        panel = getattr(param, "rich_help_panel", None)
        if panel:
            param.rich_help_panel = translate(panel)
    help_option = command.get_help_option(Context(command))
    if help_option is not None:
        help_option.help = translate("Show this message and exit.")
    for sub in getattr(command, "commands", {}).values():
        _translate_command(sub, translate)

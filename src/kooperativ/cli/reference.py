# SPDX-License-Identifier: EUPL-1.2
"""The command line's reference page (``docs/reference/cli.md``), from the Typer app.

Every command and subcommand with its help, arguments and options, read from the click
commands the command modules build (the same ones ``--help`` prints), so the page cannot
drift from the code; a test fails when the committed page is out of date. The options
every command shares (``--coop``, ``--lang``, ``--json`` …) are described once. Regenerate
the pages with::

    python -m kooperativ.cli.reference en > docs/reference/cli.md
    python -m kooperativ.cli.reference sv > docs/sv/reference/cli.md
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from typer._click import Command, Context

from kooperativ.cli._app import COMMANDS, PANELS, load_module_commands
from kooperativ.cli._language import gettext_for, translate_tree

__all__ = ["LANGUAGES", "render_cli_reference"]

#: The languages a page is made in, and the file each is written to (from the repository).
LANGUAGES = {"en": "docs/reference/cli.md", "sv": "docs/sv/reference/cli.md"}

_WORDS = {
    "en": {
        "title": "Command line reference",
        "intro": (
            "Every `kooperativ` command with its arguments and options, generated from the "
            "command line itself (the texts `--help` prints). Do not edit this page by hand: "
            "regenerate it with"
        ),
        "common": "Common options",
        "common_intro": (
            "Options many commands share. A command's section names the ones it takes."
        ),
        "option": "Option",
        "type": "Type",
        "default": "Default",
        "description": "Description",
        "argument": "Argument",
        "required": "required",
        "env": "environment variable",
        "also": "Also the common options",
        "usage": "Usage",
        "subcommands": "Subcommands",
        "yes": "yes",
        "no": "no",
    },
    "sv": {
        "title": "Kommandoradens referens",
        "intro": (
            "Varje `kooperativ`-kommando med argument och flaggor, genererat från själva "
            "kommandoraden (texterna som `--help` skriver ut). Redigera inte sidan för hand: "
            "generera om den med"
        ),
        "common": "Gemensamma flaggor",
        "common_intro": (
            "Flaggor som många kommandon delar. Varje kommandos avsnitt nämner dem det tar."
        ),
        "option": "Flagga",
        "type": "Typ",
        "default": "Standard",
        "description": "Beskrivning",
        "argument": "Argument",
        "required": "obligatorisk",
        "env": "miljövariabel",
        "also": "Dessutom de gemensamma flaggorna",
        "usage": "Användning",
        "subcommands": "Underkommandon",
        "yes": "ja",
        "no": "nej",
    },
}


def _cell(text: str) -> str:
    """``text`` fit for one cell of a Markdown table."""
    text = " ".join(text.replace("\b", "").split())
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _paragraphs(text: str | None) -> str:
    """A help text (a docstring) as Markdown paragraphs."""
    if not text:
        return ""
    parts = [" ".join(part.replace("\b", "").split()) for part in text.split("\n\n")]
    return "\n\n".join(p.replace("<", "&lt;").replace(">", "&gt;") for p in parts if p)


def _walk(name: str, command: Command) -> Iterator[tuple[str, Command]]:
    """``command`` and its subcommands, depth first, each with its full name."""
    yield name, command
    for sub_name, sub in getattr(command, "commands", {}).items():
        yield from _walk(f"{name} {sub_name}", sub)


def _is_common(param: Any) -> bool:
    return str(param.name).startswith("cli_")


def _default(param: Any, words: dict[str, str]) -> str:
    value = param.default
    if param.required or value is None or param.param_type_name != "option":
        return ""
    if isinstance(value, bool):
        return words["yes"] if value else words["no"]
    if isinstance(value, list | tuple) and not value:
        return ""
    if isinstance(value, Path):
        return f"`{value.as_posix()}`"
    return f"`{value}`"


def _usage(command: Command) -> str:
    """``[OPTIONS]`` and the arguments, as ``--help`` shows them but in capitals."""
    has_options = any(p.param_type_name == "option" for p in command.params)
    pieces = [str(command.options_metavar)] if has_options else []
    for param in command.params:
        if param.param_type_name == "argument" and not getattr(param, "hidden", False):
            name = str(param.name).upper() + ("..." if param.nargs == -1 else "")
            pieces.append(name if param.required else f"[{name}]")
    return " ".join(pieces)


def _names(param: Any) -> str:
    if param.param_type_name == "argument":
        return f"`{str(param.name).upper()}`"
    return ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])


def _row(param: Any, ctx: Context, words: dict[str, str]) -> str:
    help_text = _cell(str(param.help or ""))
    notes = []
    if param.required:
        notes.append(words["required"])
    if param.envvar:
        notes.append(f"{words['env']} `{param.envvar}`")
    if notes:
        help_text = f"{help_text} ({'; '.join(notes)})".strip()
    kind = param.display_type(ctx).strip("<>")
    kind = f"`{kind}`" if kind else ""
    return f"| {_names(param)} | {kind} | {_default(param, words)} | {help_text} |"


def _table(params: list[tuple[Any, Context]], words: dict[str, str]) -> list[str]:
    return [
        f"| {words['option']} | {words['type']} | {words['default']} | {words['description']} |",
        "|---|---|---|---|",
        *(_row(p, ctx, words) for p, ctx in params),
        "",
    ]


def _commands(language: str) -> dict[str, Command]:
    """Every top-level command, freshly built, its help in ``language``."""
    found: dict[str, Command] = {}
    modules: dict[str, dict[str, Command]] = {}
    for name, entry in COMMANDS.items():
        if entry.module not in modules:
            modules[entry.module] = load_module_commands(entry.module)
        command = modules[entry.module][name]
        translate_tree(command, language)
        found[name] = command
    return found


def render_cli_reference(language: str = "en") -> str:
    """The Markdown reference of every command, in ``language`` (``en`` or ``sv``).

    Commands are listed by panel in the order of ``kooperativ --help``; the options every
    command shares are described once, in the section *Common options*.

    Returns:
        The Markdown text, ending with a newline.
    """
    words = _WORDS[language]
    translate = gettext_for(language)
    commands = _commands(language)
    lines = [
        f"# {words['title']}",
        "",
        words["intro"],
        "",
        "```",
        f"python -m kooperativ.cli.reference {language} > {LANGUAGES[language]}",
        "```",
        "",
    ]
    common: dict[str, tuple[Any, Context]] = {}
    body: list[str] = []
    for panel in PANELS:
        names = [n for n, e in COMMANDS.items() if e.panel == panel]
        body.extend([f"## {translate(panel)}", ""])
        for top in names:
            for full, command in _walk(top, commands[top]):
                ctx = Context(command, info_name=full)
                level = "###" if full == top else "####"
                body.extend([f"{level} `kooperativ {full}`", ""])
                text = _paragraphs(command.help)
                if text:
                    body.extend([text, ""])
                subs = getattr(command, "commands", {})
                if subs:
                    listed = ", ".join(f"`{s}`" for s in subs)
                    body.extend([f"{words['subcommands']}: {listed}.", ""])
                    continue
                usage = _usage(command)
                body.extend(["```", f"kooperativ {full} {usage}".rstrip(), "```", ""])
                own = [
                    p
                    for p in command.params
                    if not _is_common(p) and not getattr(p, "hidden", False)
                ]
                shared = [
                    p for p in command.params if _is_common(p) and not getattr(p, "hidden", False)
                ]
                if own:
                    body.extend(_table([(p, ctx) for p in own], words))
                if shared:
                    for param in shared:
                        common.setdefault(str(param.name), (param, ctx))
                    listed = ", ".join(f"`{p.opts[0]}`" for p in shared)
                    body.extend([f"{words['also']}: {listed}.", ""])
    lines.extend([f"## {words['common']}", "", words["common_intro"], ""])
    ordered = sorted(common.values(), key=lambda item: (item[0].opts[0], str(item[0].name)))
    lines.extend(_table(ordered, words))
    lines.extend(body)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the reference in the language named on the command line (default ``en``)."""
    args = sys.argv[1:] if argv is None else argv
    language = args[0] if args else "en"
    if len(args) > 1 or language not in LANGUAGES:
        sys.stderr.write("usage: python -m kooperativ.cli.reference [en|sv]\n")
        return 2
    sys.stdout.write(render_cli_reference(language))
    return 0


if __name__ == "__main__":
    sys.exit(main())

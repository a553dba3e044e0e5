# SPDX-License-Identifier: EUPL-1.2
"""The command line as a framework: lazy commands, one shared context, one language at a
time, exit codes owned by the CLI."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner

import kooperativ
from kooperativ.cli import app
from kooperativ.cli._app import COMMANDS, PANELS, load_module_commands
from kooperativ.cli._common import exit_code_for
from kooperativ.cli._language import _RICH_TEXTS, language_from_args, resolve_language
from kooperativ.errors import (
    AuditError,
    ConcurrencyError,
    ConfigError,
    ConflictError,
    InputError,
    KooperativError,
    MissingParameterError,
    NotFoundError,
    PermissionDenied,
    StorageError,
    ValidationFailed,
)

runner = CliRunner()
SRC = Path(kooperativ.__file__).parent
LOCALES = SRC / "i18n" / "locales"

#: The command modules whose texts are in the ``cli`` catalog.
OWN_MODULES = (
    "kooperativ.cli.member",
    "kooperativ.cli.client",
    "kooperativ.cli.assignment",
    "kooperativ.cli.payroll",
    "kooperativ.cli.init",
    "kooperativ.cli.demo",
    "kooperativ.cli.check",
)
#: Every command module: all of them on the shared context.
ALL_MODULES = tuple(sorted({entry.module for entry in COMMANDS.values()}))


def run(*args: str, **env: str) -> tuple[int, str, str]:
    """Run the CLI; amounts' no-break spaces (``60\u00a0000,00``) read as spaces."""
    result = runner.invoke(app, list(args), env={"COLUMNS": "200", **env})
    return (
        result.exit_code,
        result.stdout.replace("\u00a0", " "),
        result.stderr.replace("\u00a0", " "),
    )


def catalog(lang: str, domain: str) -> dict[str, str]:
    with (LOCALES / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        entries = read_po(handle)
    return {str(m.id if isinstance(m.id, str) else m.id[0]): m.string for m in entries if m.id}


# -- lazy commands ------------------------------------------------------------------------------


def _imported_after(*argv: str) -> set[str]:
    """The kooperativ and heavy third-party modules a fresh process imported for ``argv``."""
    code = (
        "import sys\n"
        f"sys.argv = ['kooperativ', {', '.join(repr(a) for a in argv)}]\n"
        "from kooperativ.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/"
    )
    return set(done.stderr.split())


def test_help_imports_no_library_and_no_database_driver() -> None:
    loaded = _imported_after("--help")
    heavy = {"sqlalchemy", "alembic", "psycopg", "reportlab", "kooperativ.cooperative"}
    assert not heavy & loaded
    assert not {m for m in loaded if m.startswith("kooperativ.services")}
    assert not {m for m in loaded if m.startswith("kooperativ.cli.") and "_" not in m[15:16]}
    assert "pydantic" not in loaded


def test_member_help_imports_only_the_member_module() -> None:
    loaded = _imported_after("member", "--help")
    assert "kooperativ.cli.member" in loaded
    assert not {"sqlalchemy", "kooperativ.cooperative", "kooperativ.cli.governance"} & loaded
    assert not {m for m in loaded if m.startswith("kooperativ.services")}


def test_the_command_list_matches_what_the_modules_register() -> None:
    seen: dict[str, str] = {}
    for module in {entry.module for entry in COMMANDS.values()}:
        for name, command in load_module_commands(module).items():
            seen[name] = module
            if name in COMMANDS:
                first = (command.help or "").split("\n\n")[0].strip()
                assert COMMANDS[name].help == first, name
    assert {n: e.module for n, e in COMMANDS.items()} == seen
    assert {e.panel for e in COMMANDS.values()} == set(PANELS)


def test_root_help_lists_every_command_in_panels() -> None:
    code, out, _ = run("--help", KOOPERATIV_LANGUAGE="en")
    assert code == 0
    for name in COMMANDS:
        assert re.search(rf"\b{re.escape(name)}\b", out), name
    for panel in PANELS:
        assert panel in out


# -- one shared context -------------------------------------------------------------------------


def test_every_register_command_takes_the_shared_options() -> None:
    for module in ("kooperativ.cli.member", "kooperativ.cli.client", "kooperativ.cli.assignment"):
        for group in load_module_commands(module).values():
            for command in group.commands.values():  # type: ignore[attr-defined]
                options = {o for p in command.params for o in p.opts}
                assert {"--coop", "-C", "--database", "--lang", "--as"} <= options, command.name


def test_no_module_declares_copies_of_the_shared_options() -> None:
    assert set(OWN_MODULES) < set(ALL_MODULES)
    assert not (SRC / "cli" / "coop.py").exists()  # the old shim is gone
    for module in ALL_MODULES:
        path = SRC / "cli" / f"{module.rsplit('.', 1)[1]}.py"
        text = path.read_text("utf-8")
        for option in ('"--coop"', '"--database"', '"--as"', '"--json"', '"--lang"'):
            assert option not in text, f"{path.name} declares {option} itself"


# -- language -----------------------------------------------------------------------------------


def _folder(tmp_path: Path, language: str) -> Path:
    folder = tmp_path / f"coop-{language}"
    folder.mkdir()
    (folder / "cooperative.toml").write_text(f'language = "{language}"\n', "utf-8")
    return folder


def test_language_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sv = _folder(tmp_path, "sv")
    en = _folder(tmp_path, "en")
    monkeypatch.chdir(tmp_path)
    assert resolve_language() == "en"  # nothing says otherwise
    monkeypatch.chdir(sv)
    assert resolve_language() == "sv"  # the current folder's cooperative.toml
    assert language_from_args(["member", "list", "--coop", str(en)]) == "en"
    assert language_from_args(["member", "list", f"--coop={en}"]) == "en"
    assert language_from_args(["member", "list", "--lang", "en"]) == "en"
    monkeypatch.setenv("KOOPERATIV_HOME", str(en))
    monkeypatch.chdir(tmp_path)
    assert resolve_language() == "en"
    monkeypatch.setenv("KOOPERATIV_HOME", str(sv))
    assert resolve_language() == "sv"
    monkeypatch.setenv("KOOPERATIV_LANGUAGE", "en")
    assert resolve_language() == "en"  # the environment beats the cooperative
    assert language_from_args(["--lang", "sv"]) == "sv"  # and --lang beats both
    assert language_from_args(["--lang", "xx"]) == "en"  # unknown: skipped


def test_broken_cooperative_toml_does_not_break_the_language(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "cooperative.toml").write_bytes(b"\xff\xfe not toml")
    assert resolve_language(folder=folder) == "en"


def _help_texts(module: str) -> set[str]:
    texts: set[str] = set()

    def walk(command: object) -> None:
        for text in (getattr(command, "help", None), getattr(command, "short_help", None)):
            if text:
                texts.add(text)
        for param in getattr(command, "params", []):
            if getattr(param, "help", None):
                texts.add(param.help)
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    for command in load_module_commands(module).values():
        walk(command)
    return texts


def test_every_help_text_of_the_own_modules_is_in_swedish() -> None:
    swedish = catalog("sv", "cli")
    english = catalog("en", "cli")
    assert set(swedish) == set(english)
    # The payroll runs' commands (in kooperativ.cli.payroll) keep their texts in their own
    # catalogs, payroll_runs and payroll_exports; help is translated through every catalog.
    swedish = {**catalog("sv", "payroll_runs"), **catalog("sv", "payroll_exports"), **swedish}
    used: set[str] = set()
    for module in OWN_MODULES:
        used |= _help_texts(module)
    used |= {e.help for e in COMMANDS.values()} | set(PANELS) | set(_RICH_TEXTS.values())
    used |= {"Usage:", "Show this message and exit.", "[OPTIONS]", "COMMAND [ARGS]..."}
    missing = sorted(t for t in used if not swedish.get(t))
    assert not missing, missing


def test_every_text_the_own_modules_print_is_in_swedish() -> None:
    swedish = catalog("sv", "cli")
    used: set[str] = set()
    for module in OWN_MODULES:
        path = SRC / "cli" / f"{module.rsplit('.', 1)[1]}.py"
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("_", "ngettext")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(str(node.args[0].value))
    from kooperativ.cli._views import ROLE_LABELS, STATUS_LABELS
    from kooperativ.cli.demo import SALARY_ITEMS

    used |= set(ROLE_LABELS.values()) | set(STATUS_LABELS.values())
    used |= {label for _, label in SALARY_ITEMS}
    assert len(used) > 60, "too few texts found: the scan is stale"
    missing = sorted(t for t in used if not swedish.get(t))
    assert not missing, missing


def test_help_in_swedish_from_the_cooperative(coop_demo: Path) -> None:
    code, out, _ = run("member", "update", "--help", "--coop", str(coop_demo))
    assert code == 0
    for text in (
        "Användning: kooperativ member update [FLAGGOR]",
        "Ändra en medlems kontaktuppgifter",
        "Flaggor",
        "Kooperativets mapp",
        "Visa den här hjälpen och avsluta.",
        "Autentiserar ingen.",
    ):
        assert text in out, text
    for english in ("Usage:", "Options", "Show this message", "The cooperative's folder"):
        assert english not in out


def test_root_help_in_swedish_from_the_environment() -> None:
    code, out, _ = run("--help", KOOPERATIV_LANGUAGE="sv")
    assert code == 0
    assert "Verktyg för anställningskooperativ" in out
    assert "Registret" in out and "Medlemsregistret." in out and "Kommandon" not in out
    assert "The member register." not in out


def test_lang_option_overrides_the_cooperative(coop_demo: Path) -> None:
    code, out, _ = run("member", "list", "--coop", str(coop_demo), "--lang", "en")
    assert code == 0 and "Members" in out and "board member" in out and "Medlemmar" not in out
    code, out, _ = run("member", "list", "--coop", str(coop_demo))
    assert code == 0 and "Medlemmar" in out and "styrelseledamot" in out and "5 medlemmar" in out


def test_amounts_look_the_same_everywhere(coop_demo: Path) -> None:
    c = ("--coop", str(coop_demo))
    code, out, _ = run("assignment", "show", "1", *c)
    assert "60 000,00 kr" in out
    code, out, _ = run("assignment", "list", *c)
    assert "60 000,00" in out and "E+" not in out
    code, out, _ = run("assignment", "show", "1", *c, "--lang", "en")
    assert "SEK 60,000.00" in out
    code, out, _ = run(
        "assignment", "add", "--member", "1", "--client", "1", "--description", "x",
        "--start", "2027-01-01", "--end", "2027-01-02", "--amount", "1E+3", *c,
    )  # fmt: skip
    assert code == 0 and "1 000,00 kr" in out
    code, out, _ = run("assignment", "show", "6", *c, "--json")
    assert json.loads(out)["agreed_amount"] == "1000.00"


def test_plurals(coop_demo: Path) -> None:
    code, out, _ = run("audit", "verify", "--coop", str(coop_demo))
    assert "42 händelser kontrollerade" in out
    code, out, _ = run("member", "list", "--coop", str(coop_demo), "--as", "3")
    assert code == 0
    assert "1 medlem\n" in out


# -- errors and exit codes ----------------------------------------------------------------------


def test_errors_carry_no_exit_code() -> None:
    for cls in (KooperativError, InputError, ConfigError, StorageError, ConcurrencyError):
        assert "exit_code" not in vars(cls)
    assert not hasattr(InputError("x", "y"), "exit_code")


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (InputError("amount", "bad"), 2),
        (ValidationFailed([("a", "b")]), 2),
        (ConfigError("cooperative.toml", "fees.rate", "bad"), 2),
        (MissingParameterError("x", "2026-01-01"), 2),
        (NotFoundError("member", "9"), 2),
        (PermissionDenied("no"), 2),
        (ConflictError("taken"), 2),
        (StorageError("down"), 1),
        (ConcurrencyError("busy"), 1),
        (AuditError("broken"), 1),
        (KooperativError("other"), 1),
    ],
)
def test_exit_codes_belong_to_the_cli(error: KooperativError, code: int) -> None:
    assert exit_code_for(error) == code


def test_errors_as_json_with_a_stable_code(coop_demo: Path) -> None:
    code, out, err = run("member", "show", "99", "--coop", str(coop_demo), "--json")
    assert code == 2 and out == ""
    error = json.loads(err)["error"]
    assert error["code"] == "not_found"
    assert error["message"] == "medlem '99' hittades inte" or "'99'" in error["message"]
    code, out, err = run("member", "update", "1", "--coop", str(coop_demo), "--json")
    error = json.loads(err)["error"]
    assert error == {
        "code": "input",
        "field": "update",
        "message": "ändring: ange minst ett fält att ändra",
    }


def test_check_json_messages_in_the_language_with_machine_fields(coop_demo: Path) -> None:
    # The demo's contracts are signed: a new one, unsigned, for work that has started.
    c = ("--coop", str(coop_demo))
    code, _, err = run(
        "assignment", "add", "--member", "3", "--client", "1", "--description", "Turné",
        "--start", "2026-11-02", "--end", "2026-11-20", "--amount", "20000", *c,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run("contract", "create", "--assignment", "6", "--made-on", "2026-11-01", *c)
    assert code == 0, err
    code, out, _ = run("check", *c, "--json", "--on", "2026-11-27")
    problems = json.loads(out)
    contract = next(p for p in problems if p["kind"] == "contract")
    assert contract["where"] == "avtal 6"
    assert contract["key"] == "6"
    assert contract["code"] == "contract.work_unsigned"
    assert contract["template"] == "not signed by both parties, but work started on {start}"
    assert contract["message"] == "inte signerat av båda parter, men arbetet började 2026-11-02"
    code, out, _ = run("check", *c, "--json", "--lang", "en")
    assert code == 1  # work without a signed contract is an error
    assert any(
        p["message"] == "not signed by both parties, but work started on 2026-11-02"
        for p in json.loads(out)
    )


def test_a_group_without_a_command_shows_its_help_and_no_error() -> None:
    code, out, err = run("member", KOOPERATIV_LANGUAGE="sv")
    assert code in (0, 2)  # click's "no command given" status; never a crash
    assert "Medlemsregistret." in out + err
    assert "Fel" not in out + err and "Error" not in out + err


def test_a_plain_command_does_not_load_typers_help_renderer(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.argv = ['kooperativ', 'init', sys.argv[1], '--no-tests']\n"
        "from kooperativ.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('typer.rich_utils' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "c")], capture_output=True, text=True
    )
    assert done.stdout.strip().splitlines()[-1] == "False", done.stdout + done.stderr


def test_init_imports_no_database_layer(tmp_path: Path) -> None:
    loaded = _imported_after("init", str(tmp_path / "fresh"), "--no-tests")
    assert (tmp_path / "fresh" / "cooperative.toml").is_file()
    assert not {"sqlalchemy", "kooperativ.cooperative", "kooperativ.services"} & loaded


def test_examples_docstring() -> None:
    import doctest

    import kooperativ.examples

    result = doctest.testmod(kooperativ.examples)
    assert result.attempted > 0 and result.failed == 0

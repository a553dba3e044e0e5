# SPDX-License-Identifier: EUPL-1.2
"""Every command module on the shared context: the same options everywhere, lazy help,
JSON from the library's views, tables that fit 80 columns in Swedish and English, and a
demo cooperative in good order."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Actor, Cooperative
from kooperativ.cli import app
from kooperativ.cli._app import COMMANDS, load_module_commands
from kooperativ.i18n import messages

runner = CliRunner()
ADMIN = Actor.admin()

#: The modules moved onto the shared context after the first CLI work.
MOVED = (
    "kooperativ.cli.salary",
    "kooperativ.cli.employment",
    "kooperativ.cli.governance",
    "kooperativ.cli.audit",
    "kooperativ.cli.db",
    "kooperativ.cli.privacy",
)
#: Commands that work without a cooperative's database (no ``--database``).
WITHOUT_DATABASE = {"salary", "tax", "tax-table", "check (bylaws)"}


def run(*args: str, **env: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env or None)
    return result.exit_code, result.stdout, result.stderr


def _leaves(command: object, path: str = "") -> list[tuple[str, object]]:
    subcommands = getattr(command, "commands", None)
    if not subcommands:
        return [(path, command)]
    found: list[tuple[str, object]] = []
    for name, sub in subcommands.items():
        found += _leaves(sub, f"{path} {name}".strip())
    return found


def _commands(module: str) -> list[tuple[str, set[str]]]:
    """``(command path, its option spellings)`` of every command ``module`` registers."""
    found = []
    for name, command in load_module_commands(module).items():
        for path, leaf in _leaves(command, name):
            params = leaf.params  # type: ignore[attr-defined]
            options = {o for p in params for o in (*p.opts, *p.secondary_opts)}
            found.append((path, options))
    return found


# -- one shared context -------------------------------------------------------------------------


@pytest.mark.parametrize("module", MOVED)
def test_every_command_of_the_moved_modules_takes_the_shared_options(module: str) -> None:
    commands = _commands(module)
    assert commands
    for path, options in commands:
        assert "--lang" in options, path
        if path in ("tax", "tax-table", "bylaws check"):
            assert "--coop" not in options, path
        elif path == "salary":
            assert {"--coop", "-C", "--json", "--country", "--trace"} <= options
            assert "--database" not in options
        else:
            assert {"--coop", "-C", "--database"} <= options, path
            if path != "db upgrade":
                assert "--as" in options, path


def test_option_spellings_users_rely_on_stay() -> None:
    options = dict(_commands("kooperativ.cli.employment"))
    assert {"--form", "--type", "--made-on", "--json", "--as"} <= options["contract create"]
    assert {"--output", "-o", "--lang"} <= options["contract pdf"]
    options = dict(_commands("kooperativ.cli.governance"))
    assert {"--pdf", "--md", "--lang"} <= options["meeting minutes"]
    assert {"--bylaws", "--lang", "--json"} <= options["meeting verify"]
    assert {"--output", "-o", "--format"} <= options["meeting export"]
    options = dict(_commands("kooperativ.cli.privacy"))
    assert {"--pdf", "--lang", "--json", "--as"} <= options["privacy export"]
    assert {"--yes", "--on"} <= options["privacy pseudonymise"]
    options = dict(_commands("kooperativ.cli.audit"))
    assert {"--anchor", "--key-file", "--json"} <= options["audit verify"]
    options = dict(_commands("kooperativ.cli.salary"))
    salary = {"--invoice", "--fee", "--budget", "--gross", "--net", "--birth-date", "--paid"}
    assert salary | {"--holiday-pay", "--no-holiday-pay", "--pension"} <= options["salary"]
    assert {"--year", "--table", "--column", "--income", "--json"} <= options["tax"]


def _imported_after(*argv: str) -> set[str]:
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


@pytest.mark.parametrize(
    "noun", ["salary", "tax", "contract", "employment", "meeting", "fee", "bylaws", "audit",
             "db", "privacy"],
)  # fmt: skip
def test_a_nouns_help_imports_its_module_and_no_library(noun: str) -> None:
    loaded = _imported_after(noun, "--help")
    assert COMMANDS[noun].module in loaded
    assert not {"sqlalchemy", "reportlab", "kooperativ.cooperative", "kooperativ.i18n"} & loaded
    library = ("services", "payroll", "employment", "governance", "storage", "countries")
    assert not {m for m in loaded if m.split(".")[1:2] and m.split(".")[1] in library}


# -- one language at a time ----------------------------------------------------------------------


def test_salary_without_a_cooperative_speaks_the_countrys_language() -> None:
    base = ["salary", "--birth-date", "1985-03-01", "--paid", "2026-11-25", "--tax", "side-income"]
    code, out, _ = run(*base, "--gross", "20000")
    assert code == 0 and "Semesterersättning" in out  # Sweden's language
    code, _, err = run(*base, "--gross", "abc")
    assert code == 2 and err.startswith("fel: ") and "not a number" not in err
    code, _, err = run(*base, "--gross", "abc", "--lang", "en")
    assert code == 2 and err.startswith("error: ") and "not a number" in err
    code, _, err = run(*base, "--gross", "abc", KOOPERATIV_LANGUAGE="en")
    assert code == 2 and err.startswith("error: ")


def test_salary_takes_the_cooperative_from_kooperativ_home(coop_demo: Path) -> None:
    args = ["salary", "--invoice", "30000", "--birth-date", "1985-03-01", "--paid", "2026-11-25"]
    code, _, err = run(*args, "--json")
    assert code == 2 and "--fee" in err  # no cooperative: the fee rate is needed
    code, out, err = run(*args, "--json", KOOPERATIV_HOME=str(coop_demo))
    assert code == 0, err
    assert json.loads(out)["fee"] == "1800.00"  # the cooperative's 6 %


def test_tax_table_errors_in_the_countrys_language() -> None:
    code, _, err = run("tax-table", "--year", "2019", "--table", "33", "--column", "1")
    assert code == 2 and err.startswith("fel: ")
    code, _, err = run("tax-table", "--year", "2019", "--table", "33", "--column", "1",
                       "--lang", "en")  # fmt: skip
    assert code == 2 and err.startswith("error: ")


# -- JSON from the library's views --------------------------------------------------------------


def test_json_is_what_the_library_gives(coop_demo: Path) -> None:
    from kooperativ.employment.views import contract_json, time_json
    from kooperativ.governance.views import meeting_json

    c = ("--coop", str(coop_demo))
    code, _, err = run("meeting", "create", "--date", "2026-12-20", *c)
    assert code == 0, err
    outputs = {
        "contracts": run("contract", "list", *c, "--json")[1],
        "time": run("employment", "time", "1", "--on", "2026-11-27", *c, "--json")[1],
        "meetings": run("meeting", "list", *c, "--json")[1],
        "audit": run("audit", "verify", *c, "--json")[1],
        "warnings": run("member", "show", "4", *c, "--json")[1],
    }
    texts = messages("sv")
    with Cooperative.open(coop_demo) as coop:
        assert json.loads(outputs["contracts"]) == [
            contract_json(x) for x in coop.contracts.list(ADMIN)
        ]
        time = coop.employment.time(ADMIN, 1, date(2026, 11, 27))
        assert json.loads(outputs["time"]) == time_json(time, texts)
        assert json.loads(outputs["meetings"]) == [
            meeting_json(m, "sv") for m in coop.governance.list(ADMIN)
        ]
        report = json.loads(outputs["audit"])
        assert report == coop.audit.verify(ADMIN).as_dict(texts)
        found = coop.employment.warnings(ADMIN, 4, date.today())
    shown = json.loads(outputs["warnings"])["employment_warnings"]
    assert shown == [f"{texts(p.severity)}: {p.text(texts)[1]}" for p in found]


# -- 80 columns ---------------------------------------------------------------------------------


def _prepare(folder: Path) -> Path:
    """A meeting, hours and a record file in the demo: something in every table."""
    c = ("--coop", str(folder))
    for args in (
        ("meeting", "create", "--date", "2026-12-20", *c),
        ("meeting", "motion", "1", "--title", "Medlemsavgift 2027", "--text", "300 kr.", *c),
        ("employment", "hours", "add", "--assignment", "1", "--month", "2026-10",
         "--hours", "127,5", *c),
        ("meeting", "export", "1", "-o", str(folder / "meeting.toml"), *c),
    ):  # fmt: skip
        code, out, err = run(*args)
        assert code == 0, out + err
    return folder


def _tables(folder: Path) -> list[list[str]]:
    c = ["--coop", str(folder)]
    pay = ["--birth-date", "1985-03-01", "--paid", "2026-11-25", "--trace"]
    return [
        ["salary", "--invoice", "30000", "--fee", "0.06", "--tax", "table:33:1", *pay],
        ["salary", "--invoice", "30000", *pay, *c],
        ["contract", "list", *c],
        ["contract", "show", "1", "--on", "2026-11-27", *c],
        ["employment", "time", "1", "--on", "2026-11-27", *c],
        ["employment", "hours", "list", *c],
        ["meeting", "list", *c],
        ["meeting", "show", "1", *c],
        ["meeting", "agenda", "1", *c],
        ["meeting", "verify", "1", *c],
        ["meeting", "verify", str(folder / "meeting.toml"), *c],
        ["fee", "list", *c],
        ["bylaws", "check", str(folder)],
        ["audit", "list", *c],
        ["audit", "verify", *c],
        ["audit", "head", *c],
        ["privacy", "export", "1", *c],
        ["privacy", "retention", "1", "--on", "2026-11-27", *c],
        ["privacy", "due", "--on", "2040-01-01", *c],
        ["check", *c],
        ["tax", "--year", "2026", "--table", "33", "--column", "1", "--income", "30000"],
    ]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_table_fits_80_columns(
    coop_demo: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    folder = _prepare(coop_demo)
    for args in _tables(folder):
        code, out, err = run(*args, "--lang", lang)
        # A December annual meeting without a notice breaks the bylaws: verify exits 1.
        assert code == (1 if args[:2] == ["meeting", "verify"] else 0), (args, out + err)
        lines = out.replace("\u00a0", " ").splitlines()
        assert lines, args
        wide = [line for line in lines if len(line) > 80]
        assert not wide, (args, wide)
        if lang == "en":
            assert not {"Uträkning", "Avtal", "Möten", "Granskningslogg"} & set(out.split())
    # Nothing is cut off to fit: long words are folded, never ended with "…".
    for args in (["audit", "list"], ["privacy", "retention", "1"], ["salary"]):
        full = [a for a in _tables(folder) if a[: len(args)] == args]
        for command in full:
            assert "…" not in run(*command, "--lang", lang)[1], command


# -- the demo: a cooperative in good order ------------------------------------------------------


def test_the_demo_shows_no_error_and_check_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    folder = tmp_path / "kooperativ-demo"
    code, out, err = run("demo", "--dir", str(folder))
    assert code == 0, err
    lines = out.replace("\u00a0", " ").splitlines()
    assert not [line for line in lines if line.lstrip().startswith(("fel:", "error:"))], out
    # The one finding is the example's values, in Swedish like everything else.
    assert "varning: cooperative.toml: innehåller fortfarande exemplets värden" in " ".join(
        out.split()
    )
    assert "warning" not in out and "not signed" not in out and "written information" not in out
    code, out, _ = run("check", "--coop", str(folder), "--json")
    assert code == 0
    problems = json.loads(out)
    assert [(p["severity"], p["kind"]) for p in problems] == [("warning", "cooperative.toml")]
    assert "example_values" in problems[0]["template"]
    code, out, _ = run("check", "--coop", str(folder))
    assert code == 0 and "0 fel, 1 varning" in out
    # Every contract is signed by both parties and its written information was given
    # when it was made.
    with Cooperative.open(folder) as coop:
        contracts = coop.contracts.list(ADMIN)
        assert len(contracts) == 5 and all(c.signed for c in contracts)
        for contract in contracts:
            report = coop.contracts.information(ADMIN, contract.number, date(2026, 12, 31))
            assert report.complete and report.given_on == contract.made_on
            assert not report.late and not report.problems
    # Running it again replaces the folder it made, with the same result.
    code, again, err = run("demo", "--dir", str(folder), "--lang", "en")
    assert code == 0, err
    assert "warning: cooperative.toml: still holds the example's values" in " ".join(again.split())
    assert "varning" not in again and "error:" not in again
    code, _, _ = run("check", "--coop", str(folder))
    assert code == 0

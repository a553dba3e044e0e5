# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ project …``: the worked example of docs/projects.md through the command
line, tables within 80 columns in Swedish and English, the report as JSON, every help and
printed text in Swedish, and bad input as a clear error with a non-zero exit and nothing
written."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner

import kooperativ
from kooperativ import Cooperative
from kooperativ.cli import app
from kooperativ.cli._app import load_module_commands

runner = CliRunner()
SRC = Path(kooperativ.__file__).parent
LOCALES = SRC / "i18n" / "locales"
DOC = Path(__file__).parents[2] / "docs" / "projects.md"


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KOOPERATIV_LANGUAGE", "KOOPERATIV_HOME", "KOOPERATIV_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--coop", str(folder)])
    return result.exit_code, result.stdout.replace("\u00a0", " "), result.stderr


def ok(folder: Path, *args: str) -> str:
    code, out, err = run(folder, *args)
    assert code == 0, out + err
    return out


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    for first, pid in (("Ada", "198503129804"), ("Bo", "19780923-9804"), ("Cay", "199001012385")):
        ok(folder, "member", "add", "--first-name", first, "--last-name", "Lind",
           "--personnummer", pid, "--joined", "2026-01-01")  # fmt: skip
    ok(folder, "project", "add", "--name", "Sommarturné", "--owner", "1", "--owner", "2",
       "--start", "2026-06-01", "--end", "2026-08-31", "--salaries", "90000.00",
       "--expenses", "25000.00", "--other", "5000.00", "--rule", "1:50000.00",
       "--rule", "2:40000", "--active")  # fmt: skip
    ok(folder, "project", "grant", "add", "1", "--grantor", "Konstnärsnämnden",
       "--decision", "KN 2026/1234", "--decided", "2026-04-15", "--amount", "120000.00",
       "--start", "2026-06-01", "--end", "2026-08-31", "--report-due", "2026-10-31",
       "--conditions", "Ekonomisk redovisning senast 2026-10-31")  # fmt: skip
    return folder


def _documented_report() -> object:
    found = re.search(r"<!-- report -->\s*```json\n(.*?)```", DOC.read_text("utf-8"), re.S)
    assert found
    return json.loads(found.group(1))


def test_the_worked_example_through_the_command_line(folder: Path) -> None:
    assert "Voucher B1 booked." in ok(
        folder, "project", "grant", "receive", "1", "--amount", "72000", "--date", "2026-06-02",
        "--lang", "en",
    )  # fmt: skip
    ok(folder, "project", "move", "1", "--member", "1", "--amount", "30000",
       "--date", "2026-06-25", "--as", "1")  # fmt: skip
    with Cooperative.open(folder) as coop:  # the expenses, booked on the project's lines
        project = coop.projects.get(coop.actor_for_member(1), 1)
    for day, account, amount, text in (
        ("2026-07-10", 7331, "1234.50", "Bilersättning turné"),
        ("2026-07-30", 8422, "12.35", "Dröjsmålsränta hyrbil"),
    ):
        if account == 8422:
            ok(folder, "project", "move", "1", "--member", "2", "--amount", "25000",
               "--date", "2026-07-25", "--as", "2")  # fmt: skip
        path = folder / f"{account}.toml"
        path.write_text(
            f'series = "M"\ndate = {day}\ntext = "{text}"\n[[lines]]\naccount = {account}\n'
            f'amount = "{amount}"\nproject_id = "{project.id}"\n'
            f'[[lines]]\naccount = 1930\namount = "-{amount}"\n',
            "utf-8",
        )
        ok(folder, "ledger", "book", "--file", str(path))
    ok(folder, "project", "grant", "receive", "1", "--amount", "48000", "--date", "2026-08-20")
    ok(folder, "project", "move", "1", "--member", "1", "--amount", "20000",
       "--date", "2026-08-25", "--as", "1")  # fmt: skip
    report = json.loads(ok(folder, "project", "report", "1", "--grant", "1", "--json"))
    pdf = folder / "report.pdf"
    assert str(pdf) in ok(folder, "project", "report", "1", "--grant", "1", "--pdf", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert report == _documented_report()
    for lang in ("sv", "en"):
        for args in (("report", "1", "--grant", "1"), ("list",), ("show", "1")):
            out = ok(folder, "project", *args, "--lang", lang)
            assert max(len(line) for line in out.splitlines()) <= 80, out
        shown = ok(folder, "project", "report", "1", "--lang", lang)
        assert re.search(r"Remaining funds|Återstående medel", shown)
        assert re.search(r"43[ ,]753[.,]15", shown), shown
    assert "Återstående medel" in ok(folder, "project", "report", "1", "--lang", "sv")


def test_bad_input_is_a_clear_error_and_writes_nothing(folder: Path) -> None:
    ok(folder, "project", "grant", "receive", "1", "--amount", "72000", "--date", "2026-06-02")
    ok(folder, "project", "move", "1", "--member", "1", "--amount", "50000",
       "--date", "2026-06-25")  # fmt: skip
    before = ok(folder, "ledger", "list", "--json")
    cases = [
        # more than the remaining funds (72 000.00 − 50 000.00)
        (("project", "move", "1", "--member", "2", "--amount", "22000.01", "--date",
          "2026-06-25", "--as", "2"), "återstående medel (22 000,00)"),
        # a member who owns no project moves budget
        (("project", "move", "1", "--member", "1", "--amount", "10", "--date", "2026-06-25",
          "--as", "3"), "ägare"),
        # above the rule's limit
        (("project", "move", "1", "--member", "2", "--amount", "40000.01", "--date",
          "2026-06-25"), "gräns"),
        (("project", "add", "--name", "X", "--owner", "1", "--start", "2026-02-01", "--end",
          "2026-01-01"), "slutar innan"),
        (("project", "add", "--name", "X", "--owner", "1", "--start", "2026-01-01", "--end",
          "2026-02-01", "--rule", "1-500"), "MEDLEM:GRÄNS"),
        (("project", "grant", "receive", "1", "--amount", "48000.01", "--date", "2026-06-03"),
         "återstår"),
    ]  # fmt: skip
    for args, words in cases:
        code, out, err = run(folder, *args, "--lang", "sv")
        err = err.replace("\u00a0", " ")
        assert code != 0, args
        assert words in out + err, (args, out + err)
        assert "Traceback" not in out + err
    assert ok(folder, "ledger", "list", "--json") == before
    assert len(json.loads(ok(folder, "project", "list", "--json"))) == 1


def _catalog(lang: str, domain: str) -> dict[str, str]:
    with (LOCALES / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def test_every_help_and_printed_text_is_in_swedish() -> None:
    helps: set[str] = set()

    def walk(command: object) -> None:
        if getattr(command, "help", None):
            helps.add(str(getattr(command, "help")))  # noqa: B009
        for param in getattr(command, "params", []):
            if getattr(param, "help", None):
                helps.add(str(param.help))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    for command in load_module_commands("kooperativ.cli.project").values():
        walk(command)
    cli = _catalog("sv", "cli")
    assert len(helps) > 20
    assert sorted(t for t in helps if not cli.get(t)) == []
    printed: set[str] = set()
    for node in (
        node
        for path in (SRC / "cli" / "project.py", SRC / "documents" / "project_report.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
    ):
        if (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (isinstance(node.func, ast.Call) or getattr(node.func, "id", "") == "_")
        ):
            printed.add(node.args[0].value)
    projects = _catalog("sv", "projects")
    assert len(printed) > 20
    assert sorted(t for t in printed if not projects.get(t)) == []

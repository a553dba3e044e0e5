# SPDX-License-Identifier: EUPL-1.2
"""The bad-input corpus: every wrong value a user can type is a clear error.

Each case is a command line (run against a copy of the demo cooperative) or a broken
file, with what must happen: the exit code (2 for what the user can fix, 1 for run-time
failures), texts that name the field or option, no traceback, and the database exactly as
before (compared as a full SQL dump). Cases run in English so that the field names are the
ones a developer greps for; a Swedish subset checks the same errors in Swedish.

Add a case for every command and file format a user can get wrong.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ.cli import app

runner = CliRunner()


@dataclass(frozen=True)
class Case:
    """One bad input and what must come of it."""

    args: tuple[str, ...]
    texts: tuple[str, ...]
    code: int = 2
    #: Files written into the cooperative's folder first (path → content), for file cases.
    files: dict[str, bytes] = field(default_factory=dict)
    #: Run without ``--coop`` (commands that take no cooperative).
    no_coop: bool = False


PID = ("--first-name", "Ada", "--last-name", "Lind")
NEW = (*PID, "--personnummer", "19960118-9807")
JOB = ("--member", "1", "--client", "1", "--description", "Lights", "--start", "2026-01-01")
JOB_END = (*JOB, "--end", "2026-01-31")

CASES: dict[str, Case] = {
    # -- member add ---------------------------------------------------------------------------
    "member-add-check-digit": Case(
        ("member", "add", *PID, "--personnummer", "19850312-9805"),
        ("person_id", "not a valid personnummer"),
    ),
    "member-add-garbage-pid": Case(
        ("member", "add", *PID, "--personnummer", "abc"), ("person_id", "abc")
    ),
    "member-add-duplicate-pid": Case(
        ("member", "add", *PID, "--personnummer", "19850312-9804"),
        ("person_id", "already registered as member 1"),
    ),
    "member-add-duplicate-number": Case(
        ("member", "add", *NEW, "--number", "1"), ("number", "member number 1 is already taken")
    ),
    "member-add-number-zero": Case(("member", "add", *NEW, "--number", "0"), ("number",)),
    "member-add-number-negative": Case(("member", "add", *NEW, "--number", "-5"), ("number",)),
    "member-add-number-text": Case(("member", "add", *NEW, "--number", "abc"), ("--number",)),
    "member-add-bad-joined": Case(
        ("member", "add", *NEW, "--joined", "2026-13-01"), ("joined", "2026-13-01")
    ),
    "member-add-unknown-role": Case(
        ("member", "add", *NEW, "--role", "king"), ("role", "'king' is unknown")
    ),
    "member-add-bad-bank": Case(
        ("member", "add", *NEW, "--bank-account", "123"), ("bank_account",)
    ),
    "member-add-unknown-table": Case(
        ("member", "add", *NEW, "--tax", "table:99:1"), ("tax", "table 99")
    ),
    "member-add-unknown-tax": Case(("member", "add", *NEW, "--tax", "nonsense"), ("tax",)),
    "member-add-bad-email": Case(("member", "add", *NEW, "--email", "bad"), ("email",)),
    "member-add-half-address": Case(
        ("member", "add", *NEW, "--street", "Gatan 1"), ("postal_code", "--postal-code")
    ),
    "member-add-empty-name": Case(
        (
            "member",
            "add",
            "--first-name",
            "",
            "--last-name",
            "B",
            "--personnummer",
            "19960118-9807",
        ),
        ("first_name",),
    ),
    "member-add-missing-last-name": Case(
        ("member", "add", "--first-name", "A", "--personnummer", "19960118-9807"),
        ("--last-name",),
    ),
    "member-add-as-member": Case(
        ("member", "add", *NEW, "--as", "3"), ("Cecilia Ek", "may not add members")
    ),
    # -- member list / show -------------------------------------------------------------------
    "member-list-status": Case(("member", "list", "--status", "king"), ("status", "'king'")),
    "member-list-as-unknown": Case(("member", "list", "--as", "99"), ("member", "'99' not found")),
    "member-list-as-text": Case(("member", "list", "--as", "abc"), ("--as",)),
    "member-show-unknown": Case(("member", "show", "99"), ("member", "'99' not found")),
    "member-show-text": Case(("member", "show", "abc"), ("member",)),
    "member-show-other": Case(
        ("member", "show", "1", "--as", "3"), ("Cecilia Ek", "may only see their own")
    ),
    "member-show-unknown-lang": Case(
        ("member", "show", "1", "--lang", "xx"), ("language", "'xx' is not supported")
    ),
    # -- member update ------------------------------------------------------------------------
    "member-update-nothing": Case(("member", "update", "1"), ("update", "at least one field")),
    "member-update-email": Case(("member", "update", "1", "--email", "x@"), ("email",)),
    "member-update-bank": Case(
        ("member", "update", "1", "--bank-account", "12"), ("bank_account",)
    ),
    "member-update-tax": Case(
        ("member", "update", "1", "--tax", "table:99:1"), ("tax", "table 99")
    ),
    "member-update-language": Case(
        ("member", "update", "1", "--language", "xx"), ("language", "'xx' is not supported")
    ),
    "member-update-half-address": Case(
        ("member", "update", "1", "--street", "Gatan 1", "--city", "Ort"), ("postal_code",)
    ),
    "member-update-unknown": Case(
        ("member", "update", "99", "--phone", "1"), ("member", "'99' not found")
    ),
    "member-update-other": Case(
        ("member", "update", "1", "--phone", "1", "--as", "3"), ("Cecilia Ek", "member")
    ),
    "member-update-own-tax": Case(
        ("member", "update", "3", "--tax", "table:30:1", "--as", "3"),
        ("may not change tax_mode",),
    ),
    # -- member admit / resign / exclude ------------------------------------------------------
    "member-admit-member": Case(("member", "admit", "1"), ("member 1 is member, not applicant",)),
    "member-admit-bad-date": Case(
        ("member", "admit", "1", "--on", "2026-02-30"), ("on", "2026-02-30")
    ),
    "member-resign-before-joined": Case(
        ("member", "resign", "1", "--on", "2000-01-01"), ("on", "before the member joined")
    ),
    "member-resign-other": Case(
        ("member", "resign", "1", "--as", "3"), ("may only see their own",)
    ),
    "member-exclude-as-member": Case(
        ("member", "exclude", "1", "--as", "3"), ("may not exclude members",)
    ),
    "member-exclude-unknown": Case(("member", "exclude", "99"), ("'99' not found",)),
    # -- client add / show / update -----------------------------------------------------------
    "client-add-orgnr": Case(
        ("client", "add", "--name", "X", "--orgnr", "559912-3452"), ("orgnr", "559912-3452")
    ),
    "client-add-duplicate-orgnr": Case(
        ("client", "add", "--name", "X", "--orgnr", "559912-3451"),
        ("orgnr", "already registered as client 1"),
    ),
    "client-add-both-ids": Case(
        (
            "client",
            "add",
            "--name",
            "X",
            "--orgnr",
            "556677-8808",
            "--personnummer",
            "19900101-9802",
        ),
        ("person_id", "not both"),
    ),
    "client-add-bad-pid": Case(
        ("client", "add", "--name", "X", "--personnummer", "19900101-9803"), ("person_id",)
    ),
    "client-add-no-id": Case(("client", "add", "--name", "X"), ("orgnr", "person_id")),
    "client-add-public-no-peppol": Case(
        ("client", "add", "--name", "X", "--orgnr", "556677-8808", "--public-sector"),
        ("peppol_id",),
    ),
    "client-add-bad-peppol": Case(
        ("client", "add", "--name", "X", "--orgnr", "556677-8808", "--peppol-id", "bad"),
        ("peppol_id",),
    ),
    "client-add-bad-vat": Case(
        ("client", "add", "--name", "X", "--orgnr", "556677-8808", "--vat-number", "SE12"),
        ("vat_number",),
    ),
    "client-add-bad-email": Case(
        ("client", "add", "--name", "X", "--orgnr", "556677-8808", "--email", "nope"),
        ("email",),
    ),
    "client-add-missing-name": Case(("client", "add", "--orgnr", "556677-8808"), ("--name",)),
    "client-show-unknown": Case(("client", "show", "99"), ("client", "'99' not found")),
    "client-update-nothing": Case(("client", "update", "1"), ("update",)),
    "client-update-as-member": Case(
        ("client", "update", "1", "--email", "a@b.se", "--as", "3"), ("may not change clients",)
    ),
    "client-update-orgnr": Case(("client", "update", "1", "--orgnr", "123"), ("orgnr",)),
    "client-update-duplicate-orgnr": Case(
        ("client", "update", "1", "--orgnr", "212999-1234"),
        ("orgnr", "already registered as client 2"),
    ),
    "client-update-unknown": Case(("client", "update", "99", "--email", "a@b.se"), ("'99'",)),
    # -- assignment add -----------------------------------------------------------------------
    "assignment-negative": Case(
        ("assignment", "add", *JOB_END, "--amount", "-5"), ("agreed_amount", "negative")
    ),
    "assignment-zero": Case(
        ("assignment", "add", *JOB_END, "--amount", "0"), ("agreed_amount", "more than zero")
    ),
    "assignment-1e400": Case(
        ("assignment", "add", *JOB_END, "--amount", "1e400"),
        ("agreed_amount", "implausibly large"),
    ),
    "assignment-absurd": Case(
        ("assignment", "add", *JOB_END, "--amount", "100000000.01"),
        ("agreed_amount", "implausibly large"),
    ),
    "assignment-text-amount": Case(
        ("assignment", "add", *JOB_END, "--amount", "abc"), ("agreed_amount", "'abc'")
    ),
    "assignment-nan": Case(
        ("assignment", "add", *JOB_END, "--amount", "nan"), ("agreed_amount", "finite")
    ),
    "assignment-three-decimals": Case(
        ("assignment", "add", *JOB_END, "--amount", "12.345"),
        ("agreed_amount", "more than two decimals"),
    ),
    "assignment-end-before-start": Case(
        ("assignment", "add", *JOB, "--end", "2025-12-31", "--amount", "5"),
        ("end", "before the start"),
    ),
    "assignment-bad-start": Case(
        (
            "assignment",
            "add",
            "--member",
            "1",
            "--client",
            "1",
            "--description",
            "x",
            "--start",
            "2026-13-01",
            "--end",
            "2026-02-01",
            "--amount",
            "5",
        ),
        ("start", "'2026-13-01' is not a date"),
    ),
    "assignment-rate-without-hours": Case(
        ("assignment", "add", *JOB_END, "--hourly-rate", "500"), ("hourly_rate", "hours")
    ),
    "assignment-amount-and-rate": Case(
        ("assignment", "add", *JOB_END, "--amount", "5", "--hourly-rate", "4", "--hours", "2"),
        ("agreed_amount", "not both"),
    ),
    "assignment-rate-times-hours": Case(
        ("assignment", "add", *JOB_END, "--hourly-rate", "1000000", "--hours", "1000"),
        ("hours", "implausibly large"),
    ),
    "assignment-zero-hours": Case(
        ("assignment", "add", *JOB_END, "--hourly-rate", "500", "--hours", "0"), ("hours",)
    ),
    "assignment-vat": Case(
        ("assignment", "add", *JOB_END, "--amount", "5", "--vat", "luxury"),
        ("vat_category", "'luxury'"),
    ),
    "assignment-status": Case(
        ("assignment", "add", *JOB_END, "--amount", "5", "--status", "finished"),
        ("status", "'finished'"),
    ),
    "assignment-unknown-member": Case(
        (
            "assignment",
            "add",
            "--member",
            "99",
            "--client",
            "1",
            "--description",
            "x",
            "--start",
            "2026-01-01",
            "--end",
            "2026-01-02",
            "--amount",
            "5",
        ),
        ("member", "'99' not found"),
    ),
    "assignment-unknown-client": Case(
        (
            "assignment",
            "add",
            "--member",
            "1",
            "--client",
            "99",
            "--description",
            "x",
            "--start",
            "2026-01-01",
            "--end",
            "2026-01-02",
            "--amount",
            "5",
        ),
        ("client", "'99' not found"),
    ),
    "assignment-for-another": Case(
        ("assignment", "add", *JOB_END, "--amount", "5", "--as", "3"),
        ("may only add their own assignments",),
    ),
    "assignment-empty-description": Case(
        (
            "assignment",
            "add",
            "--member",
            "1",
            "--client",
            "1",
            "--description",
            "",
            "--start",
            "2026-01-01",
            "--end",
            "2026-01-02",
            "--amount",
            "5",
        ),
        ("description",),
    ),
    # -- assignment show / status -------------------------------------------------------------
    "assignment-show-unknown": Case(("assignment", "show", "99"), ("assignment", "'99'")),
    "assignment-show-other": Case(
        ("assignment", "show", "1", "--as", "3"), ("may only see their own",)
    ),
    "assignment-complete-as-member": Case(
        ("assignment", "complete", "1", "--as", "3"), ("may not change the status",)
    ),
    "assignment-cancel-unknown": Case(("assignment", "cancel", "99"), ("'99' not found",)),
    # -- payroll preview ----------------------------------------------------------------------
    "payroll-unknown": Case(("payroll", "preview", "--assignment", "99"), ("'99' not found",)),
    "payroll-missing-assignment": Case(("payroll", "preview"), ("--assignment",)),
    "payroll-bad-paid": Case(
        ("payroll", "preview", "--assignment", "1", "--paid", "2026-02-30"), ("paid",)
    ),
    "payroll-negative-expenses": Case(
        ("payroll", "preview", "--assignment", "1", "--expenses", "-1"), ("expenses",)
    ),
    "payroll-text-expenses": Case(
        ("payroll", "preview", "--assignment", "1", "--expenses", "abc"), ("expenses",)
    ),
    "payroll-other": Case(
        ("payroll", "preview", "--assignment", "1", "--as", "3"), ("may only see their own",)
    ),
    # -- check, init, demo --------------------------------------------------------------------
    "check-bad-date": Case(("check", "--on", "2026-99-01"), ("on", "2026-99-01")),
    "init-parent-path": Case(
        ("init", "NEW", "--from", "../../etc"), ("from", "no example '../../etc'"), no_coop=True
    ),
    "init-absolute-path": Case(
        ("init", "NEW", "--from", "/etc"), ("from", "no example '/etc'"), no_coop=True
    ),
    "init-unknown-example": Case(
        ("init", "NEW", "--from", "nope"), ("from", "interim_kultur"), no_coop=True
    ),
    "init-non-empty": Case(
        ("init", "COOP", "--from", "interim_kultur"), ("folder", "not empty"), no_coop=True
    ),
    "demo-foreign-folder": Case(
        ("demo", "--dir", "OTHER"), ("dir", "not a demo folder"), no_coop=True
    ),
    "unknown-command": Case(("membr", "list"), ("membr", "member"), no_coop=True),
    "unknown-option": Case(("member", "list", "--colour"), ("--colour",)),
    # -- configuration files ------------------------------------------------------------------
    "config-not-toml": Case(
        ("member", "list"),
        ("cooperative.toml", "not valid TOML"),
        files={"cooperative.toml": b"this is = = not toml\n"},
    ),
    "config-latin-1": Case(
        ("member", "list"),
        ("cooperative.toml", "UTF-8"),
        files={"cooperative.toml": "namn = 'Förening'\n".encode("latin-1")},
    ),
    "config-missing": Case(
        ("member", "list"), ("cooperative.toml", "not found"), files={"cooperative.toml": b""}
    ),
    "config-wrong-type": Case(
        ("member", "list"),
        ("cooperative.toml", "employer.orgnr"),
        files={"cooperative.toml": b'REPLACE:orgnr = "559876-5435"=>orgnr = 7'},
    ),
    "config-unknown-key": Case(
        ("check",),
        ("cooperative.toml", "colour", "unknown key"),
        files={"cooperative.toml": b'REPLACE:country = "SE"=>country = "SE"\ncolour = "red"'},
    ),
    "coop-is-a-file": Case(
        ("member", "list", "--coop", "COOPFILE"), ("--coop", "is a file"), no_coop=True
    ),
    "database-unknown-scheme": Case(
        ("member", "list", "--database", "nosuch://x"), ("database", "nosuch://x")
    ),
    "lang-unknown-json": Case(
        ("member", "list", "--json", "--lang", "xx"), ('"field": "language"', "'xx'")
    ),
    "unreachable-database": Case(
        ("member", "list", "--database", "postgresql+psycopg://postgres:pw@127.0.0.1:5999/x"),
        ("127.0.0.1:5999",),
        code=1,
    ),
}


def dump(folder: Path) -> str:
    """Every row of the cooperative's SQLite database, as SQL."""
    with sqlite3.connect(folder / "kooperativ.db") as db:
        return "\n".join(db.iterdump())


@pytest.fixture(scope="module")
def shared_demo(demo_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the demo for every command-line case (none of them may change it)."""
    target = tmp_path_factory.mktemp("bad-input") / "demo"
    shutil.copytree(demo_folder, target)
    return target


def _prepare(case: Case, shared: Path, tmp_path: Path) -> Path:
    if not case.files:
        return shared
    folder = tmp_path / "coop"
    shutil.copytree(shared, folder)
    for name, content in case.files.items():
        path = folder / name
        if content.startswith(b"REPLACE:"):
            old, new = content[len(b"REPLACE:") :].decode().split("=>")
            path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
        elif content:
            path.write_bytes(content)
        else:
            path.unlink()
    return folder


def _run(case: Case, folder: Path, tmp_path: Path, language: str) -> tuple[int, str, str]:
    other = tmp_path / "other"  # a folder of someone else's
    other.mkdir(exist_ok=True)
    (other / "notes.txt").write_text("mine")
    places = {
        "COOP": folder,
        "COOPFILE": folder / "cooperative.toml",
        "NEW": tmp_path / "new",
        "OTHER": other,
    }
    args = [str(places[a]) if a in places else a for a in case.args]
    if not case.no_coop:
        args += ["--coop", str(folder)]
    result = runner.invoke(app, args, env={"KOOPERATIV_LANGUAGE": language, "COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, shared_demo: Path, tmp_path: Path) -> None:
    case = CASES[name]
    folder = _prepare(case, shared_demo, tmp_path)
    before = dump(folder)
    code, out, err = _run(case, folder, tmp_path, "en")
    assert code == case.code, out + err
    assert "Traceback" not in out + err
    for text in case.texts:
        assert text in err, f"{text!r} not in {err!r}"
    assert dump(folder) == before
    assert not (tmp_path / "new").exists()
    assert (tmp_path / "other" / "notes.txt").read_text() == "mine"


#: Cases whose Swedish message is checked too: (case, Swedish texts).
SWEDISH = {
    "member-add-check-digit": ("fel:", "personnummer"),
    "member-add-duplicate-number": ("nummer: medlemsnummer 1 är redan upptaget",),
    "member-show-unknown": ("fel:", "medlem", "'99'"),
    "member-show-other": ("Cecilia Ek får bara se sina egna uppgifter (medlemsuppgifter)",),
    "member-update-nothing": ("ändring: ange minst ett fält att ändra",),
    "member-update-own-tax": ("får inte ändra skatteform",),
    "assignment-zero": ("avtalat belopp: måste vara större än noll",),
    "assignment-absurd": ("avtalat belopp", "orimligt stort (högst 100\u00a0000\u00a0000)"),
    "assignment-bad-start": ("första dag: '2026-13-01' är inget datum (skriv ÅÅÅÅ-MM-DD)",),
    "assignment-status": ("status: 'finished' är ingen uppdragsstatus",),
    "init-parent-path": ("från: inget exempel '../../etc'",),
    "member-list-as-text": ("Ogiltigt värde för '--as'",),
    "coop-is-a-file": ("Ogiltigt värde för '--coop'", "är en fil, inte en mapp"),
    "member-add-missing-last-name": ("Flaggan '--last-name' saknas.",),
    "unknown-command": ("Kommandot 'membr' finns inte. Menade du 'member'?",),
}


@pytest.mark.parametrize("name", sorted(SWEDISH))
def test_bad_input_in_swedish(name: str, shared_demo: Path, tmp_path: Path) -> None:
    case = CASES[name]
    folder = _prepare(case, shared_demo, tmp_path)
    before = dump(folder)
    code, out, err = _run(case, folder, tmp_path, "sv")
    assert code == case.code, out + err
    assert "Traceback" not in out + err
    for text in SWEDISH[name]:
        assert text in err, f"{text!r} not in {err!r}"
    assert "error" not in err.lower().replace("fel", "")
    assert dump(folder) == before

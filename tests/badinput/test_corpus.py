# SPDX-License-Identifier: EUPL-1.2
"""The bad-input corpus: every wrong value a user can type is a clear error.

Each case is a command line (run against a copy of the demo cooperative, which also holds
an annual meeting with a decided motion, an open motion, an open election and that
meeting's exported record) or a broken file (``cooperative.toml``, ``bylaws.toml``,
``stadgar.md``, ``parameters/*.toml``, a meeting record, the database), with what must
happen: the exit code (2 for what the user can fix, 1 for run-time failures), texts that
name the field or option, no traceback, and the database exactly as before (compared as a
full SQL dump). Cases run in English so that the field names are the ones a developer
greps for; every case runs in Swedish too, where no English word may appear, and a subset
checks the Swedish wording.

Add a case for every command and file format a user can get wrong.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
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
    #: Where the texts are printed: ``err`` (an error) or ``out`` (a report, e.g. the
    #: breaches ``meeting verify`` finds, or the findings of ``check``).
    stream: str = "err"


PID = ("--first-name", "Ada", "--last-name", "Lind")
NEW = (*PID, "--personnummer", "19960118-9807")
JOB = ("--member", "1", "--client", "1", "--description", "Lights", "--start", "2026-01-01")
JOB_END = (*JOB, "--end", "2026-01-31")
PAY = ("--birth-date", "1985-03-12", "--paid", "2026-03-25")
OWN = ("--fee", "0.06", "--tax", "table:33:1", *PAY)  # a salary outside any cooperative
VOTE = ("meeting", "vote", "1")
NEW_FEE = ("fee", "pay", "--member", "1", "--paid", "2026-01-10")
#: A parameter override (``parameters/holiday.toml``) around the given ``values``.
HOLIDAY = b'[rate]\ndescription = "x"\nunit = "rate"\nreference = "x"\n'
#: The fields of an expense but its amount (``expense add MEMBER``).
EXPENSE = ("--date", "2026-05-04", "--description", "Paper", "--receipt", "K-1")
SMALL_SALARY = ("salary", "--gross", "1000", *PAY)
#: A voucher file (``ledger book --file``) of two lines, ``{a}`` and ``{b}`` the amounts.
VOUCHER = (
    'series = "M"\ndate = 2026-06-03\ntext = "Bankavgift"\n'
    '[[lines]]\naccount = {account}\namount = "{a}"\n'
    '[[lines]]\naccount = 2890\namount = "{b}"\nmember = {member}\n'
)


def voucher(a: str = "45.00", b: str = "-45.00", account: int = 1930, member: int = 1) -> bytes:
    """A voucher file with the given amounts, first account and member."""
    return VOUCHER.format(a=a, b=b, account=account, member=member).encode()


BOOK = ("ledger", "book", "--file", "COOP/voucher.toml")


def holiday(text: str) -> dict[str, bytes]:
    """A ``parameters/holiday.toml`` with the rate's ``values`` line (or more) as given."""
    return {"parameters/holiday.toml": HOLIDAY + text.encode()}


def config(old: str, new: str) -> dict[str, bytes]:
    """``cooperative.toml`` with its first ``old`` replaced by ``new``."""
    return {"cooperative.toml": f"REPLACE:{old}=>{new}".encode()}


def bylaws(text: bytes) -> dict[str, bytes]:
    """A ``bylaws.toml`` of ``text``."""
    return {"bylaws.toml": text}


def before_payroll(text: str) -> dict[str, bytes]:
    """``cooperative.toml`` with ``text`` (tables of its own) before ``[payroll]``."""
    return config("\n[payroll]", f"\n{text}\n\n[payroll]")


def advances(text: str) -> dict[str, bytes]:
    """``cooperative.toml`` with the keys of ``[advances]`` as given."""
    return config("[advances]\nallowed = false", f"[advances]\n{text}")


RULES = b"[[rules]]\nvalid_from = 2024-01-01\n"

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
        ("member", "update", "3", "--tax", "side-income", "--as", "3"),
        ("may set only a tax table and column",),
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
    # -- invoice ------------------------------------------------------------------------------
    "invoice-create-unknown": Case(("invoice", "create", "99"), ("assignment", "'99'")),
    "invoice-create-named-twice": Case(
        ("invoice", "create", "1", "1"), ("assignments", "named twice")
    ),
    "invoice-create-different-members": Case(
        ("invoice", "create", "1", "4"), ("assignments", "different members")
    ),
    "invoice-create-reverse-charge-in-sweden": Case(
        ("invoice", "create", "1", "--vat", "reverse_charge"), ("vat_category", "in Sweden")
    ),
    "invoice-create-unknown-vat": Case(
        ("invoice", "create", "1", "--vat", "zero"), ("vat_category", "'zero'")
    ),
    "invoice-create-negative-quantity": Case(
        ("invoice", "create", "1", "--line", "Lights;-2;850"), ("quantity", "more than zero")
    ),
    "invoice-create-negative-price": Case(
        ("invoice", "create", "1", "--line", "Lights;2;-850"), ("unit_price", "negative")
    ),
    "invoice-create-short-line": Case(
        ("invoice", "create", "1", "--line", "Lights;2"), ("--line",)
    ),
    "invoice-create-bad-date": Case(("invoice", "create", "1", "--date", "2026-02-30"), ("date",)),
    "invoice-create-as-member": Case(
        ("invoice", "create", "3", "--as", "3"), ("may not create invoices",)
    ),
    "invoice-show-unknown": Case(("invoice", "show", "7"), ("invoice", "'7'")),
    "invoice-pdf-unknown": Case(("invoice", "pdf", "A7"), ("invoice", "'A7'")),
    "invoice-credit-unknown": Case(("invoice", "credit", "7", "--reason", "x"), ("'7' not found",)),
    "invoice-list-bad-status": Case(
        ("invoice", "list", "--status", "betald"), ("status", "'betald'")
    ),
    # -- payments (invoice pay / overdue / remind, bank) ---------------------------------------
    "invoice-pay-unknown": Case(("invoice", "pay", "A99", "--amount", "100"), ("invoice", "'A99'")),
    "invoice-pay-negative": Case(
        ("invoice", "pay", "A99", "--amount", "-100"), ("amount", "more than zero")
    ),
    "invoice-pay-zero": Case(("invoice", "pay", "A1", "--amount", "0"), ("amount",)),
    "invoice-pay-text": Case(("invoice", "pay", "A1", "--amount", "tio"), ("amount",)),
    "invoice-pay-three-decimals": Case(
        ("invoice", "pay", "A1", "--amount", "1.005"), ("amount", "two decimals")
    ),
    "invoice-pay-no-amount": Case(("invoice", "pay", "A1"), ("--amount",)),
    "invoice-pay-bad-date": Case(
        ("invoice", "pay", "A1", "--amount", "5", "--date", "2026-02-30"), ("date",)
    ),
    "invoice-pay-as-member": Case(
        ("invoice", "pay", "A1", "--amount", "5", "--as", "3"), ("may not register payments",)
    ),
    "invoice-overdue-bad-date": Case(("invoice", "overdue", "--on", "31/12"), ("on",)),
    "invoice-remind-unknown": Case(("invoice", "remind", "A99"), ("invoice", "'A99'")),
    "bank-import-missing-file": Case(
        ("bank", "import", "COOP/no-such.xml"), ("file", "no-such.xml")
    ),
    "bank-import-not-xml": Case(
        ("bank", "import", "COOP/camt.xml"), ("camt.xml",), files={"camt.xml": b"<Document"}
    ),
    "bank-import-not-camt": Case(
        ("bank", "import", "COOP/camt.xml"),
        ("camt.xml", "not a camt.054"),
        files={"camt.xml": b"<?xml version='1.0'?><Invoice/>"},
    ),
    "bank-import-as-member": Case(
        ("bank", "import", "COOP/camt.xml", "--as", "3"),
        ("may not import bank files",),
        files={"camt.xml": b"<Document/>"},
    ),
    "bank-resolve-unknown": Case(("bank", "resolve", "99", "A1"), ("payment", "'99'")),
    "bank-resolve-not-a-number": Case(("bank", "resolve", "x", "A1"), ("payment",)),
    # -- expenses and salary requests ---------------------------------------------------------
    "expense-vat-above-amount": Case(
        ("expense", "add", "1", *EXPENSE, "--amount", "100", "--vat", "200"),
        ("vat", "more than the amount"),
    ),
    "expense-blank-receipt": Case(
        (
            "expense",
            "add",
            "1",
            "--date",
            "2026-05-04",
            "--description",
            "Paper",
            "--receipt",
            " ",
            "--amount",
            "100",
        ),
        ("receipt", "needs a receipt"),
    ),
    "expense-missing-receipt": Case(
        (
            "expense",
            "add",
            "1",
            "--date",
            "2026-05-04",
            "--description",
            "Paper",
            "--amount",
            "100",
        ),
        ("--receipt",),
    ),
    "expense-negative-amount": Case(
        ("expense", "add", "1", *EXPENSE, "--amount", "-10"), ("amount", "more than zero")
    ),
    "expense-text-amount": Case(("expense", "add", "1", *EXPENSE, "--amount", "abc"), ("amount",)),
    "expense-bad-date": Case(
        (
            "expense",
            "add",
            "1",
            "--date",
            "2026-02-30",
            "--description",
            "Paper",
            "--receipt",
            "K-1",
            "--amount",
            "100",
        ),
        ("date",),
    ),
    "expense-for-another-member": Case(
        ("expense", "add", "1", *EXPENSE, "--amount", "100", "--as", "3"),
        ("may only hand in their own expenses",),
    ),
    "expense-approve-unknown": Case(("expense", "approve", "99"), ("'99' not found",)),
    "expense-reject-without-reason": Case(("expense", "reject", "99"), ("reason",)),
    "expense-list-bad-status": Case(("expense", "list", "--status", "paid"), ("status", "'paid'")),
    "salary-request-above-the-account": Case(
        ("salary-request", "add", "1", "--date", "2026-06-25", "--amount", "99999999"),
        ("amount", "more than the account allows"),
    ),
    "salary-request-negative": Case(
        ("salary-request", "add", "1", "--date", "2026-06-25", "--amount", "-5"),
        ("amount", "more than zero"),
    ),
    "salary-request-bad-date": Case(
        ("salary-request", "add", "1", "--date", "2026-02-30"), ("date",)
    ),
    "salary-request-for-another-member": Case(
        ("salary-request", "add", "1", "--date", "2026-06-25", "--amount", "100", "--as", "3"),
        ("may only ask for their own salary",),
    ),
    "salary-request-approve-unknown": Case(
        ("salary-request", "approve", "99"), ("'99' not found",)
    ),
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
    # -- salary, tax, tax-table ----------------------------------------------------------------
    "salary-1e400": Case(("salary", "--invoice", "1e400", *PAY), ("invoiced", "100000000")),
    "salary-text-invoice": Case(("salary", "--invoice", "abc", *PAY), ("--invoice", "'abc'")),
    "salary-negative": Case(("salary", "--invoice", "-5", *PAY), ("--invoice", "negative")),
    "salary-bad-birth-date": Case(
        ("salary", "--invoice", "100", "--birth-date", "1985-13-12", "--paid", "2026-03-25"),
        ("--birth-date", "'1985-13-12'"),
    ),
    "salary-born-after-paid": Case(
        ("salary", "--invoice", "100", "--birth-date", "2030-01-01", "--paid", "2026-03-25"),
        ("birth_date", "after the payment date"),
    ),
    "salary-year-without-rules": Case(
        ("salary", "--invoice", "100", "--birth-date", "1985-03-12", "--paid", "2019-03-25"),
        ("2019-03-25", "no Swedish payroll parameters for 2019"),
    ),
    "salary-unknown-table": Case(
        ("salary", "--invoice", "100", *PAY, "--tax", "table:99:1"), ("tax", "table 99")
    ),
    "salary-column-for-age": Case(
        ("salary", "--invoice", "100", *PAY, "--tax", "table:33:3"), ("tax", "column 3")
    ),
    "salary-unknown-tax-mode": Case(
        ("salary", "--invoice", "100", *PAY, "--tax", "sometimes"), ("tax", "'sometimes'")
    ),
    "salary-adjusted-over-100": Case(
        ("salary", "--invoice", "100", *PAY, "--tax", "adjusted:101"),
        ("tax", "percent", "at most 100"),
    ),
    "salary-pension-rate": Case(
        ("salary", "--invoice", "100", *PAY, "--pension", "1.5"), ("pension_rate", "1.5")
    ),
    "salary-month-over-year": Case(
        ("salary", "--invoice", "100", *PAY, "--paid-this-month", "500", "--paid-this-year", "1"),
        ("paid_this_month", "more than the year's pay"),
    ),
    "salary-two-amounts": Case(
        ("salary", "--invoice", "100", "--gross", "5", *PAY), ("pay", "only one")
    ),
    "salary-no-amount": Case(("salary", *PAY), ("pay", "give one of")),
    "salary-net-absurd": Case(("salary", "--net", "1e12", *PAY), ("net", "100000000")),
    "salary-zero-gross": Case(("salary", "--gross", "0", *PAY), ("gross", "more than 0")),
    "salary-expenses-over-invoice": Case(
        ("salary", "--invoice", "30000", *PAY, "--expenses", "40000"), ("expenses", "invoiced")
    ),
    "salary-other-country": Case(
        ("salary", "--invoice", "100", *PAY, "--country", "XX"), ("--country", "XX")
    ),
    "salary-unknown-language": Case(
        ("salary", "--invoice", "100", *PAY, "--lang", "de"), ("language", "'de'")
    ),
    "salary-no-fee-outside": Case(
        ("salary", "--invoice", "100", *PAY), ("--fee", "fee rate"), no_coop=True
    ),
    "salary-no-tax-outside": Case(
        ("salary", "--invoice", "100", "--fee", "0.06", *PAY), ("--tax", "required"), no_coop=True
    ),
    "salary-fee-rate": Case(
        ("salary", "--invoice", "100", *OWN[2:], "--fee", "6"), ("fee_rate", "6"), no_coop=True
    ),
    "tax-unknown-table": Case(
        ("tax", "--year", "2026", "--table", "99", "--column", "1", "--income", "1"),
        ("table", "table 99 does not exist"),
        no_coop=True,
    ),
    "tax-year-without-rules": Case(
        ("tax", "--year", "2019", "--table", "33", "--column", "1", "--income", "1"),
        ("2019", "no Swedish tax parameters"),
        no_coop=True,
    ),
    "tax-text-income": Case(
        ("tax", "--year", "2026", "--table", "33", "--column", "1", "--income", "abc"),
        ("--income", "'abc'"),
        no_coop=True,
    ),
    "tax-column": Case(
        ("tax", "--year", "2026", "--table", "33", "--column", "9", "--income", "1"),
        ("column", "cannot be computed"),
        no_coop=True,
    ),
    "tax-text-year": Case(
        ("tax", "--year", "abc", "--table", "33", "--column", "1", "--income", "1"),
        ("--year",),
        no_coop=True,
    ),
    "tax-unknown-country": Case(
        (
            *("tax", "--year", "2026", "--table", "33", "--column", "1", "--income", "1"),
            *("--country", "XX"),
        ),
        ("--country", "'XX'"),
        no_coop=True,
    ),
    "tax-table-column": Case(
        ("tax-table", "--year", "2026", "--table", "33", "--column", "7"),
        ("column", "cannot be computed"),
        no_coop=True,
    ),
    "tax-table-year-1800": Case(
        ("tax-table", "--year", "1800", "--table", "33", "--column", "1"),
        ("1800", "no Swedish tax parameters"),
        no_coop=True,
    ),
    # -- contracts, employment, hours (more in tests/cli/test_employment_cli.py) ---------------
    "contract-unknown-assignment": Case(
        ("contract", "create", "--assignment", "99"), ("assignment", "'99' not found")
    ),
    "contract-show-unknown": Case(("contract", "show", "99"), ("contract", "'99' not found")),
    "contract-sign-party": Case(
        ("contract", "sign", "1", "--party", "nobody"), ("party", "'nobody'")
    ),
    "contract-end-reason": Case(
        ("contract", "end", "2", "--on", "2026-12-01", "--reason", "nonsense"),
        ("reason", "'nonsense'"),
    ),
    "hours-bad-month": Case(
        ("employment", "hours", "add", "--assignment", "1", "--month", "2026-13", "--hours", "8"),
        ("month", "'2026-13'"),
    ),
    "hours-text": Case(
        ("employment", "hours", "add", "--assignment", "1", "--month", "2026-10", "--hours", "x"),
        ("hours", "'x'"),
    ),
    "hours-confirm-unknown": Case(
        ("employment", "hours", "confirm", "999"), ("hours report", "'999' not found")
    ),
    "employment-time-unknown": Case(("employment", "time", "99"), ("member", "'99' not found")),
    # -- meetings -----------------------------------------------------------------------------
    "meeting-unknown-kind": Case(
        ("meeting", "create", "--kind", "weird", "--date", "2027-05-01"),
        ("kind", "'weird' is not a kind of meeting"),
    ),
    "meeting-bad-date": Case(
        ("meeting", "create", "--kind", "extra", "--date", "2027-02-30"), ("date", "2027-02-30")
    ),
    "meeting-second-annual": Case(
        ("meeting", "create", "--kind", "annual", "--date", "2027-04-20"),
        ("second annual meeting",),
    ),
    "meeting-show-unknown": Case(("meeting", "show", "99"), ("meeting", "'99' not found")),
    "meeting-show-text": Case(("meeting", "show", "abc"), ("meeting",)),
    "meeting-notice-bad-date": Case(
        ("meeting", "notice", "1", "--sent", "2027-13-01"), ("sent", "2027-13-01")
    ),
    "meeting-attend-unknown": Case(("meeting", "attend", "1", "99"), ("member", "'99'")),
    "meeting-proxy-no-vote": Case(
        ("meeting", "proxy", "1", "--principal", "4", "--proxy", "5", "--dated", "2027-03-01"),
        ("proxy", "David Falk has no vote to give a proxy"),
    ),
    "meeting-proxy-self": Case(
        ("meeting", "proxy", "1", "--principal", "1", "--proxy", "1", "--dated", "2027-03-01"),
        ("proxy", "their own proxy"),
    ),
    "meeting-motion-empty-title": Case(
        ("meeting", "motion", "1", "--title", "", "--text", "x"), ("title", "must not be empty")
    ),
    "meeting-motion-type": Case(
        ("meeting", "motion", "1", "--title", "T", "--text", "x", "--type", "coup"),
        ("type", "'coup'"),
    ),
    "meeting-motion-previous": Case(
        ("meeting", "motion", "1", "--title", "T", "--text", "x", "--previous", "abc"),
        ("previous", "MEETING:MOTION"),
    ),
    "meeting-motion-item": Case(
        ("meeting", "motion", "1", "--title", "T", "--text", "x", "--item", "nowhere"),
        ("item", "'nowhere'"),
    ),
    "meeting-amend-unknown": Case(
        ("meeting", "amend", "1", "99", "--text", "x"), ("motion", "no motion 99")
    ),
    "meeting-amend-decided": Case(
        ("meeting", "amend", "1", "1", "--text", "x"), ("motion 1", "final vote")
    ),
    "meeting-acclaim-outcome": Case(
        ("meeting", "acclaim", "1", "2", "--outcome", "maybe"), ("outcome", "'maybe'")
    ),
    "meeting-election-zero-seats": Case(
        ("meeting", "election", "1", "--office", "S", "--seats", "0", "--candidate", "A"),
        ("seats", "at least one seat"),
    ),
    "meeting-election-twice": Case(
        ("meeting", "election", "1", "--office", "S", "--candidate", "A", "--candidate", "A"),
        ("candidates", "twice"),
    ),
    "meeting-vote-choice": Case(
        (*VOTE, "--motion", "2", "--choice", "maybe", "--as", "1"), ("votes", "'maybe'")
    ),
    "meeting-vote-no-vote": Case(
        (*VOTE, "--motion", "2", "--choice", "yes", "--as", "4"),
        ("voter", "David Falk has no vote", "membership fee for 2027"),
    ),
    "meeting-vote-decided": Case(
        (*VOTE, "--motion", "1", "--choice", "yes", "--as", "1"), ("motion 1 is decided",)
    ),
    "meeting-vote-not-candidate": Case(
        (*VOTE, "--election", "1", "--choice", "Nobody", "--as", "1"), ("choice", "Nobody")
    ),
    "meeting-vote-too-many": Case(
        (
            *VOTE,
            "--election",
            "1",
            "--choice",
            "Alva Berglund",
            "--choice",
            "Bruno Dahl",
            "--as",
            "1",
        ),
        ("choice", "at most 1"),
    ),
    "meeting-vote-no-item": Case((*VOTE, "--choice", "yes", "--as", "1"), ("item",)),
    "meeting-close-chair-vote": Case(
        ("meeting", "close", "1", "--motion", "2", "--chair-vote", "maybe"),
        ("chair_vote", "'maybe'"),
    ),
    "meeting-close-open-items": Case(
        ("meeting", "close", "1"), ("not decided yet", "motion 2", "election 1")
    ),
    "meeting-reserve-undecided": Case(
        ("meeting", "reserve", "1", "--item", "motion 2", "--text", "x", "--as", "1"),
        ("item", "motion 2 is not decided yet"),
    ),
    "meeting-reserve-bad-item": Case(
        ("meeting", "reserve", "1", "--item", "vote 1", "--text", "x", "--as", "1"),
        ("item", "'vote 1'"),
    ),
    "meeting-reserve-absent": Case(
        ("meeting", "reserve", "1", "--item", "motion 1", "--text", "x", "--as", "5"),
        ("member", "Elin Gran is not present"),
    ),
    "meeting-minutes-language": Case(("meeting", "minutes", "1", "--lang", "de"), ("lang", "'de'")),
    "meeting-export-format": Case(
        ("meeting", "export", "1", "--format", "xml"), ("format", "'xml'")
    ),
    "meeting-export-unwritable": Case(
        ("meeting", "export", "1", "--output", "NOWHERE/m.toml"),
        ("nowhere", "no such file or folder"),
        code=1,
    ),
    "meeting-verify-missing-file": Case(
        ("meeting", "verify", "NOWHERE/m.toml"), ("record", "no such file")
    ),
    "meeting-verify-markdown": Case(("meeting", "verify", "COOP/stadgar.md"), ("format", "'md'")),
    "meeting-import-database": Case(
        ("meeting", "import", "COOP/kooperativ.db"), ("format", "'db'")
    ),
    "meeting-verify-unknown": Case(("meeting", "verify", "99"), ("meeting", "'99' not found")),
    # -- membership fees and bylaws -----------------------------------------------------------
    "fee-year-1800": Case(
        (*NEW_FEE, "--year", "1800", "--amount", "300"), ("year", "at least 1900")
    ),
    "fee-year-far": Case(
        (*NEW_FEE, "--year", "99999", "--amount", "300"), ("year", "at most 2999")
    ),
    "fee-negative": Case((*NEW_FEE, "--year", "2028", "--amount", "-300"), ("amount", "negative")),
    "fee-text": Case((*NEW_FEE, "--year", "2028", "--amount", "abc"), ("amount", "'abc'")),
    "fee-1e400": Case(
        (*NEW_FEE, "--year", "2028", "--amount", "1e400"), ("amount", "implausibly large")
    ),
    "fee-bad-date": Case(
        ("fee", "pay", "--member", "1", "--year", "2028", "--amount", "3", "--paid", "2026-02-30"),
        ("paid", "2026-02-30"),
    ),
    "fee-unknown-member": Case(
        ("fee", "pay", "--member", "99", "--year", "2028", "--amount", "3", "--paid", "2026-01-01"),
        ("member", "'99' not found"),
    ),
    "fee-twice": Case(
        (*NEW_FEE, "--year", "2026", "--amount", "300"), ("fee for 2026 is already recorded",)
    ),
    "fee-as-member": Case(
        (*NEW_FEE, "--year", "2028", "--amount", "300", "--as", "3"),
        ("may not record membership fees",),
    ),
    "fee-list-unknown": Case(("fee", "list", "--member", "99"), ("member", "'99' not found")),
    "bylaws-missing-file": Case(
        ("bylaws", "check", "NOWHERE/bylaws.toml"), ("bylaws.toml", "not found"), no_coop=True
    ),
    "bylaws-bad-date": Case(
        ("bylaws", "check", "COOP", "--on", "2026-13-01"), ("on", "2026-13-01"), no_coop=True
    ),
    "bylaws-no-rules": Case(
        ("bylaws", "check", "COOP", "--on", "1990-01-01"),
        ("date", "no bylaws are in force on 1990-01-01"),
        no_coop=True,
    ),
    "bylaws-language": Case(
        ("bylaws", "check", "COOP", "--lang", "de"), ("lang", "'de'"), no_coop=True
    ),
    # -- audit, database ----------------------------------------------------------------------
    "audit-anchor-garbage": Case(("audit", "verify", "--anchor", "nonsense"), ("anchor",)),
    "audit-anchor-short-hash": Case(
        ("audit", "verify", "--anchor", "99999:abcdef"), ("anchor", "'99999:abcdef'")
    ),
    "audit-key-file-missing": Case(
        ("audit", "verify", "--key-file", "NOWHERE/key"),
        ("audit key", "nowhere", "no such file or folder"),
    ),
    "audit-list-as-member": Case(
        ("audit", "list", "--as", "3"), ("Cecilia Ek may not read the audit trail",)
    ),
    "audit-head-as-member": Case(("audit", "head", "--as", "3"), ("may not read the audit",)),
    "db-unknown-scheme": Case(
        ("db", "upgrade", "--database", "nosuch://x"), ("database", "'nosuch://x'")
    ),
    # -- privacy ------------------------------------------------------------------------------
    "privacy-export-unknown": Case(("privacy", "export", "99"), ("member", "'99' not found")),
    "privacy-export-other": Case(
        ("privacy", "export", "1", "--as", "3"), ("may only see their own personal data",)
    ),
    "privacy-export-unwritable": Case(
        ("privacy", "export", "3", "--pdf", "NOWHERE/x.pdf"),
        ("nowhere", "no such file or folder"),
        code=1,
    ),
    "privacy-retention-bad-date": Case(
        ("privacy", "retention", "1", "--on", "2026-13-01"), ("on", "2026-13-01")
    ),
    "privacy-due-bad-date": Case(("privacy", "due", "--on", "abc"), ("on", "'abc'")),
    "privacy-minimise-member": Case(
        ("privacy", "minimise", "1", "--yes"), ("member 1 may not be minimised yet",)
    ),
    "privacy-pseudonymise-unknown": Case(
        ("privacy", "pseudonymise", "99", "--yes"), ("member", "'99' not found")
    ),
    "privacy-pseudonymise-organisation": Case(
        ("privacy", "pseudonymise-client", "1", "--yes"), ("client", "not a private person")
    ),
    "privacy-due-as-member": Case(("privacy", "due", "--as", "3"), ("may not plan erasure",)),
    # -- cooperative.toml ---------------------------------------------------------------------
    "config-orgnr-check-digit": Case(
        ("member", "list"),
        ("cooperative.toml", "employer.orgnr", "'559876-5436'"),
        files=config('orgnr = "559876-5435"', 'orgnr = "559876-5436"'),
    ),
    "config-vat-not-the-orgnrs": Case(
        ("member", "list"),
        ("cooperative.toml", "employer.vat_number", "'SE559876543401'"),
        files=config('vat_number = "SE559876543501"', 'vat_number = "SE559876543401"'),
    ),
    "config-bankgiro-check-digit": Case(
        ("member", "list"),
        ("cooperative.toml", "employer.bankgiro", "'555-1238'", "check digit"),
        files=config('bankgiro = "555-1239"', 'bankgiro = "555-1238"'),
    ),
    "config-unknown-country": Case(
        ("member", "list"),
        ("cooperative.toml", "country", "'XX'"),
        files=config('country = "SE"', 'country = "XX"'),
    ),
    "config-country-number": Case(
        ("member", "list"),
        ("cooperative.toml", "country", "not a country code"),
        files=config('country = "SE"', "country = 5"),
    ),
    "config-country-missing": Case(
        ("member", "list"),
        ("cooperative.toml", "country", "required key is missing"),
        files=config('country = "SE"\n', ""),
    ),
    "config-language": Case(
        ("member", "list"),
        ("cooperative.toml", "language", "'de'"),
        files=config('language = "sv"', 'language = "de"'),
    ),
    "config-fee-limits": Case(
        ("member", "list"),
        ("cooperative.toml", "fees", "maximum 100 is less than minimum 500"),
        files=config('minimum = "0"', 'minimum = "500"\nmaximum = "100"'),
    ),
    "config-fee-float": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.rate", "as a string"),
        files=config('rate = "0.06"', "rate = 0.06"),
    ),
    "config-fee-over-one": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.rate", "between 0 and 1"),
        files=config('rate = "0.06"', 'rate = "1.5"'),
    ),
    "config-fee-period-order": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.periods[1].from", "without overlaps"),
        files=before_payroll(
            '[[fees.periods]]\nfrom = 2027-01-01\nrate = "0.07"\n'
            '[[fees.periods]]\nfrom = 2027-01-01\nrate = "0.08"'
        ),
    ),
    "config-fee-period-float": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.periods[0].rate", "as a string"),
        files=before_payroll("[[fees.periods]]\nfrom = 2027-01-01\nrate = 0.07"),
    ),
    "config-fee-period-no-from": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.periods[0].from", "required key is missing"),
        files=before_payroll('[[fees.periods]]\nrate = "0.07"'),
    ),
    "config-fee-period-limits": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.periods[0].maximum", "maximum 100 is less than minimum 500"),
        files=before_payroll(
            '[[fees.periods]]\nfrom = 2027-01-01\nrate = "0.07"\nminimum = "500"\nmaximum = "100"'
        ),
    ),
    "config-fee-override-nothing": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.members[0].rate", "give rate, minimum or maximum"),
        files=before_payroll('[[fees.members]]\nmember = 1\nnote = "x"'),
    ),
    "config-fee-override-no-note": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.members[0].note", "required key is missing"),
        files=before_payroll('[[fees.members]]\nmember = 1\nrate = "0.04"'),
    ),
    "config-fee-override-dates": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.members[0].to", "2026-01-01 is before from = 2027-01-01"),
        files=before_payroll(
            '[[fees.members]]\nmember = 1\nrate = "0.04"\nfrom = 2027-01-01\n'
            'to = 2026-01-01\nnote = "x"'
        ),
    ),
    "config-fee-override-overlap": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.members[1]", "overlaps members[0] for member 1"),
        files=before_payroll(
            '[[fees.members]]\nmember = 1\nrate = "0.04"\nnote = "x"\n'
            '[[fees.members]]\nmember = 1\nrate = "0.05"\nfrom = 2027-01-01\nnote = "y"'
        ),
    ),
    "config-fee-override-member-zero": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.members[0].member", "at least 1"),
        files=before_payroll('[[fees.members]]\nmember = 0\nrate = "0.04"\nnote = "x"'),
    ),
    "config-fee-override-rate": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.members[0].rate", "between 0 and 1"),
        files=before_payroll('[[fees.members]]\nmember = 1\nrate = "4"\nnote = "x"'),
    ),
    "config-fee-taken": Case(
        ("member", "list"),
        ("cooperative.toml", "fees.taken", "'later'"),
        files=config('taken = "on_invoicing"', 'taken = "later"'),
    ),
    "config-advances-no-guarantee": Case(
        ("member", "list"),
        ("cooperative.toml", "advances.allowed", "give per_member and/or total"),
        files=advances("allowed = true"),
    ),
    "config-advances-not-allowed": Case(
        ("member", "list"),
        ("cooperative.toml", "advances.total", "allowed = false"),
        files=advances('allowed = false\ntotal = "100000"'),
    ),
    "config-advances-member-over-total": Case(
        ("member", "list"),
        ("cooperative.toml", "advances.per_member", "more than the total guarantee"),
        files=advances('allowed = true\nper_member = "200000"\ntotal = "100000"'),
    ),
    "config-advances-text": Case(
        ("member", "list"),
        ("cooperative.toml", "advances.per_member", "'abc'"),
        files=advances('allowed = true\nper_member = "abc"'),
    ),
    "config-advances-unknown-key": Case(
        ("member", "list"),
        ("cooperative.toml", "advances.per_person", "unknown key"),
        files=advances('allowed = true\nper_person = "1000"'),
    ),
    "check-fee-override-unknown-member": Case(
        ("check",),
        ("fees.members[0]", "member 99, who is not in the register"),
        code=1,
        files=before_payroll('[[fees.members]]\nmember = 99\nrate = "0.04"\nnote = "x"'),
        stream="out",
    ),
    "salary-member-zero": Case(
        ("salary", "--invoice", "1000", "--member", "0", *PAY), ("--member",)
    ),
    "salary-member-without-coop": Case(
        ("salary", "--invoice", "1000", "--member", "1", *OWN), ("--member", "--coop"), no_coop=True
    ),
    "salary-bad-invoice-date": Case(
        ("salary", "--invoice", "1000", "--invoice-date", "2026-13-01", *PAY),
        ("--invoice-date", "2026-13-01"),
    ),
    "config-se-unknown-key": Case(
        ("member", "list"),
        ("cooperative.toml", "se.colour", "unknown key"),
        files=config("[se]", '[se]\ncolour = "red"'),
    ),
    "config-se-tax-table": Case(
        ("member", "list"),
        ("cooperative.toml", "se.default_tax", "table 99"),
        files=config('default_tax = "table:33:1"', 'default_tax = "table:99:1"'),
    ),
    "config-se-loaded-without-files": Case(
        ("member", "list"),
        ("cooperative.toml", "se.tax_table_files", "table files"),
        files=config('tax_tables = "computed"', 'tax_tables = "loaded"'),
    ),
    "config-se-files-outside": Case(
        ("member", "list"),
        ("cooperative.toml", "se.tax_table_files", "../../etc/passwd"),
        files=config(
            'tax_tables = "computed"',
            'tax_tables = "loaded"\ntax_table_files = ["../../etc/passwd"]',
        ),
    ),
    "config-se-holiday-pay": Case(
        ("member", "list"),
        ("cooperative.toml", "se.holiday_pay", "'never'"),
        files=config('holiday_pay = "semesterersattning"', 'holiday_pay = "never"'),
    ),
    "config-swedish-key-outside-se": Case(
        ("member", "list"),
        ("cooperative.toml", "default_tax", "[se]"),
        files=config("[payroll]", '[payroll]\ndefault_tax = "table:33:1"'),
    ),
    "config-pay-day": Case(
        ("member", "list"),
        ("cooperative.toml", "payroll.pay_day", "28"),
        files=config("pay_day = 25", "pay_day = 31"),
    ),
    "config-pension-rate-text": Case(
        ("member", "list"),
        ("cooperative.toml", "payroll.pension_rate", "'abc'"),
        files=config('pension_rate = "0"', 'pension_rate = "abc"'),
    ),
    "config-unknown-account": Case(
        ("member", "list"),
        ("cooperative.toml", "accounts.bnak", "unknown key"),
        files=config("bank = 1930", "bank = 1930\nbnak = 1930"),
    ),
    "config-duplicate-key": Case(
        ("member", "list"),
        ("cooperative.toml", "line", "given twice"),
        files=config("pay_day = 25", "pay_day = 25\npay_day = 26"),
    ),
    "config-garbage": Case(
        ("member", "list"),
        ("cooperative.toml", "not valid TOML", "line 1"),
        files={"cooperative.toml": b"\x00\x01\x02 garbage"},
    ),
    # -- bylaws.toml and stadgar.md -----------------------------------------------------------
    "bylaws-not-toml": Case(
        ("bylaws", "check", "COOP"),
        ("bylaws.toml", "not valid TOML"),
        files=bylaws(b"not [ toml"),
        no_coop=True,
    ),
    "bylaws-share-float": Case(
        ("bylaws", "check", "COOP"),
        ("rules[0].quorum.share", "a fraction in a string"),
        files=bylaws(RULES + b"[rules.quorum]\nshare = 0.25\n"),
        no_coop=True,
    ),
    "bylaws-unknown-key": Case(
        ("bylaws", "check", "COOP"),
        ("rules[0].colour", "unknown key"),
        files=bylaws(RULES + b"colour = 1\n"),
        no_coop=True,
    ),
    "bylaws-overlap": Case(
        ("bylaws", "check", "COOP"),
        ("rules", "overlap"),
        files=bylaws(RULES + b"[[rules]]\nvalid_from = 2025-01-01\n"),
        no_coop=True,
    ),
    "bylaws-divide-by-zero": Case(
        ("bylaws", "check", "COOP"),
        ("rules[0].quorum.share", "divides by zero"),
        files=bylaws(RULES + b'[rules.quorum]\nshare = "5/0"\n'),
        no_coop=True,
    ),
    "bylaws-share-over-one": Case(
        ("bylaws", "check", "COOP"),
        ("rules[0].quorum.share", "between 0 and 1"),
        files=bylaws(RULES + b'[rules.quorum]\nshare = "3/2"\n'),
        no_coop=True,
    ),
    "bylaws-unknown-paragraph": Case(
        ("bylaws", "check", "COOP"),
        ("rules[0].quorum.reference", "'§ 99'", "stadgar.md"),
        files=bylaws(RULES + '[rules.quorum]\nreference = "§ 99"\n'.encode()),
        no_coop=True,
    ),
    "bylaws-utf-16": Case(
        ("bylaws", "check", "COOP"),
        ("bylaws.toml", "UTF-8"),
        files=bylaws(RULES.decode().encode("utf-16")),
        no_coop=True,
    ),
    "bylaws-empty": Case(
        ("meeting", "create", "--kind", "board", "--date", "2027-05-01"),
        ("bylaws.toml", "rules", "required key is missing"),
        files=bylaws(b"EMPTY"),
    ),
    "stadgar-latin-1-bylaws-check": Case(
        ("bylaws", "check", "COOP"),
        ("stadgar.md", "UTF-8"),
        files={"stadgar.md": b"LATIN1"},
        no_coop=True,
    ),
    "stadgar-latin-1-check": Case(
        ("check",),
        ("stadgar.md", "UTF-8"),
        code=1,
        files={"stadgar.md": b"LATIN1"},
        stream="out",
    ),
    # -- parameters/*.toml --------------------------------------------------------------------
    "parameter-float": Case(
        SMALL_SALARY,
        ("holiday.toml", "rate.values[0].value", "floats are not allowed"),
        files=holiday("values = [{from = 2025-01-01, value = 0.13}]\n"),
    ),
    "parameter-out-of-order": Case(
        SMALL_SALARY,
        ("holiday.toml", "rate.values[1]", "out of order"),
        files=holiday(
            'values = [{from = 2025-01-01, value = "0.13"}, {from = 2024-06-01, value = "0.12"}]\n'
        ),
    ),
    "parameter-overlap": Case(
        SMALL_SALARY,
        ("holiday.toml", "rate.values[1]", "periods overlap"),
        files=holiday(
            'values = [{from = 2025-01-01, to = 2025-12-31, value = "0.12"},'
            ' {from = 2025-06-01, value = "0.13"}]\n'
        ),
    ),
    "parameter-unknown-key": Case(
        SMALL_SALARY,
        ("holiday.toml", "rate.colour", "unknown key"),
        files=holiday('colour = "red"\nvalues = [{from = 2025-01-01, value = "0.13"}]\n'),
    ),
    "parameter-unknown-value-key": Case(
        SMALL_SALARY,
        ("holiday.toml", "extra", "unknown key"),
        files=holiday('values = [{from = 2025-01-01, value = "0.13", extra = 1}]\n'),
    ),
    "parameter-bad-date": Case(
        SMALL_SALARY,
        ("holiday.toml", "from", "'2025-13-01'"),
        files=holiday('values = [{from = "2025-13-01", value = "0.13"}]\n'),
    ),
    "parameter-text-value": Case(
        SMALL_SALARY,
        ("holiday.toml", "rate.values[0].value", "'abc'"),
        files=holiday('values = [{from = 2025-01-01, value = "abc"}]\n'),
    ),
    "parameter-no-values": Case(
        SMALL_SALARY,
        ("holiday.toml", "rate.values", "at least one dated value"),
        files=holiday("values = []\n"),
    ),
    "parameter-to-before-from": Case(
        SMALL_SALARY,
        ("holiday.toml", "rate.values[0]", "'to' is before 'from'"),
        files=holiday('values = [{from = 2025-06-01, to = 2025-01-01, value = "0.12"}]\n'),
    ),
    "parameter-not-toml": Case(
        SMALL_SALARY,
        ("holiday.toml", "not valid TOML"),
        files={"parameters/holiday.toml": b"rate = = 1"},
    ),
    "parameter-latin-1": Case(
        SMALL_SALARY,
        ("holiday.toml", "UTF-8"),
        files={
            "parameters/holiday.toml": '[rate]\ndescription = "semesterlön"\n'.encode("latin-1")
        },
    ),
    "parameter-not-a-table": Case(
        SMALL_SALARY,
        ("holiday.toml", "rate", "a table describing a parameter"),
        files={"parameters/holiday.toml": b"rate = 5\n"},
    ),
    # -- record files and the database --------------------------------------------------------
    "record-not-utf-8-verify": Case(
        ("meeting", "verify", "COOP/meeting.toml"),
        ("meeting.toml", "UTF-8"),
        files={"meeting.toml": b"\xff\xfe\x00garbage"},
    ),
    "record-not-utf-8-import": Case(
        ("meeting", "import", "COOP/meeting.toml"),
        ("meeting.toml", "UTF-8"),
        files={"meeting.toml": b"\xff\xfe\x00garbage"},
    ),
    "record-garbage-toml": Case(
        ("meeting", "import", "COOP/meeting.toml"),
        ("meeting.toml", "not valid TOML", "line 1"),
        files={"meeting.toml": b"this = = garbage"},
    ),
    "record-truncated-json": Case(
        ("meeting", "import", "COOP/meeting.json"),
        ("meeting.json", "not valid JSON", "line 1, column 23", "not closed"),
        files={"meeting.json": b'{"number": 1, "kind": "ann'},
    ),
    "record-truncated-toml": Case(
        ("meeting", "verify", "COOP/meeting.toml"),
        ("meeting.toml", "not valid TOML"),
        files={"meeting.toml": b'number = 1\nkind = "boa'},
    ),
    "record-json-list": Case(
        ("meeting", "import", "COOP/meeting.json"),
        ("meeting.json", "table/object"),
        files={"meeting.json": b"[1, 2, 3]"},
    ),
    "record-nested-too-deep": Case(
        ("meeting", "verify", "COOP/meeting.json"),
        ("meeting.json", "nested too deep"),
        files={"meeting.json": b"[" * 100_000},
    ),
    "record-unknown-kind": Case(
        ("meeting", "verify", "COOP/meeting.toml"),
        ("kind", "'party'"),
        files={"meeting.toml": b'number = 1\nkind = "party"\nheld_on = 2026-03-01\n'},
    ),
    "record-no-date": Case(
        ("meeting", "verify", "COOP/meeting.toml"),
        ("held_on", "required"),
        files={"meeting.toml": b'number = 1\nkind = "board"\n'},
    ),
    "record-invalid-fields": Case(
        ("meeting", "import", "COOP/meeting.toml"),
        ("number", "'x'", "present[0]", "'not-a-uuid'"),
        files={
            "meeting.toml": b'number = "x"\nkind = "board"\nheld_on = 2026-03-01\n'
            b'present = ["not-a-uuid"]\n'
        },
    ),
    # A record is verified in the language of the bylaws (Swedish) unless --lang says so.
    "record-tampered-counts": Case(
        ("meeting", "verify", "COOP/meeting.toml", "--lang", "en"),
        ("motion 1", "recorded as rejected, but the re-count gives adopted"),
        code=1,
        files={"meeting.toml": b'REPLACE:outcome = "adopted"=>outcome = "rejected"'},
        stream="out",
    ),
    "record-tampered-votes": Case(
        ("meeting", "verify", "COOP/meeting.toml", "--lang", "en"),
        ("motion 1", "poll 1", "the recorded count differs from the re-count"),
        code=1,
        files={"meeting.toml": b'REPLACE:choice = ["no"]=>choice = ["yes"]'},
        stream="out",
    ),
    "database-empty-file": Case(
        ("member", "list"),
        ("kooperativ.db", "empty file"),
        code=1,
        files={"kooperativ.db": b"EMPTY"},
    ),
    "ledger-unbalanced": Case(
        BOOK, ("lines", "does not balance", "0.01"), files={"voucher.toml": voucher(b="-44.99")}
    ),
    "ledger-unknown-account": Case(
        BOOK,
        ("account", "1999", "chart of accounts"),
        files={"voucher.toml": voucher(account=1999)},
    ),
    "ledger-three-decimals": Case(
        BOOK, ("amount", "two decimals"), files={"voucher.toml": voucher("45.001", "-45.001")}
    ),
    "ledger-unknown-member": Case(
        BOOK, ("member", "no member 99"), files={"voucher.toml": voucher(member=99)}
    ),
    "ledger-float-amount": Case(
        BOOK,
        ("amount", "floats"),
        files={"voucher.toml": voucher().replace(b'"45.00"', b"45.0")},
    ),
    "ledger-not-toml": Case(
        BOOK, ("voucher.toml", "TOML"), files={"voucher.toml": b"series = = M\n"}
    ),
    "ledger-missing-file": Case(BOOK, ("voucher.toml", "cannot be read")),
    "ledger-show-unknown": Case(("ledger", "show", "A", "99"), ("voucher", "A99")),
    "ledger-correct-unknown": Case(
        ("ledger", "correct", "A", "99", "--reason", "fel"), ("voucher", "A99")
    ),
    "ledger-close-bad-period": Case(("ledger", "close", "maj"), ("period", "'maj'")),
    "ledger-close-future": Case(("ledger", "close", "2999-01"), ("period", "2999-01", "ended")),
    "ledger-balance-as-member": Case(("ledger", "balance", "--as", "3"), ("may not read",)),
    "account-show-other-member": Case(("account", "show", "1", "--as", "3"), ("own account",)),
    "database-garbage": Case(
        ("member", "list"),
        ("kooperativ.db", "not a database"),
        code=1,
        files={"kooperativ.db": b"not a database at all, but long enough to be read" * 4},
    ),
}


def dump(folder: Path) -> str:
    """Every row of the cooperative's SQLite database, as SQL (its bytes, if it is not a
    database)."""
    path = folder / "kooperativ.db"
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return "\n".join(db.iterdump())
    except sqlite3.DatabaseError:
        return path.read_bytes().hex()


def _cli(folder: Path, *args: str) -> None:
    result = runner.invoke(app, [*args, "--coop", str(folder)])
    assert result.exit_code == 0, result.stdout + result.stderr


#: The meeting every meeting case works on: an annual meeting on 2027-03-20 where members
#: 1–3 have paid the fee and are present, motion 1 is decided (2 yes, 1 no), motion 2 and
#: election 1 are open; its record exported as meeting.toml and meeting.json.
MEETING_SETUP: tuple[tuple[str, ...], ...] = (
    *(("fee", "pay", "--member", m, "--year", "2027", "--amount", "300", "--paid", "2027-01-10")
      for m in ("1", "2", "3")),
    ("meeting", "create", "--kind", "annual", "--date", "2027-03-20"),
    ("meeting", "notice", "1", "--sent", "2027-02-20", "--method", "email"),
    ("meeting", "officers", "1", "--chair", "Alva Berglund", "--secretary", "Bruno Dahl",
     "--adjuster", "Cecilia Ek"),
    ("meeting", "attend", "1", "1", "2", "3"),
    ("meeting", "motion", "1", "--title", "Avgift", "--text", "200 kr."),
    *((*VOTE, "--motion", "1", "--choice", choice, "--as", voter)
      for voter, choice in (("1", "yes"), ("2", "yes"), ("3", "no"))),
    ("meeting", "close", "1", "--motion", "1"),
    ("meeting", "motion", "1", "--title", "Stadgar", "--text", "Ny §"),
    ("meeting", "election", "1", "--office", "Styrelse", "--seats", "1",
     "--candidate", "Alva Berglund", "--candidate", "Bruno Dahl"),
)  # fmt: skip


@pytest.fixture(scope="module")
def shared_demo(demo_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the demo for every command-line case (none of them may change it), with
    the meeting of :data:`MEETING_SETUP` and its exported record."""
    target = tmp_path_factory.mktemp("bad-input") / "demo"
    shutil.copytree(demo_folder, target)
    for args in MEETING_SETUP:
        _cli(target, *args)
    for name in ("meeting.toml", "meeting.json"):
        _cli(target, "meeting", "export", "1", "--output", str(target / name))
    return target


def _prepare(case: Case, shared: Path, tmp_path: Path) -> Path:
    """The folder to run ``case`` in: the shared demo, or a copy with the case's files.

    A file's content is written as given, except: ``b""`` deletes the file, ``b"EMPTY"``
    writes zero bytes, ``b"LATIN1"`` writes the file's text again as Latin-1, and
    ``b"REPLACE:old=>new"`` replaces the first ``old`` in it by ``new``.
    """
    if not case.files:
        return shared
    folder = tmp_path / "coop"
    shutil.copytree(shared, folder)
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content.startswith(b"REPLACE:"):
            old, new = content[len(b"REPLACE:") :].decode().split("=>")
            text = path.read_text("utf-8")
            assert old in text, f"{name} has no {old!r}"
            path.write_text(text.replace(old, new, 1), "utf-8")
        elif content == b"EMPTY":
            path.write_bytes(b"")
        elif content == b"LATIN1":
            path.write_bytes(path.read_text("utf-8").encode("latin-1", "replace"))
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
        "NOWHERE": tmp_path / "nowhere",  # a folder that does not exist
    }
    given = list(case.args)
    if "--lang" in given and given[given.index("--lang") + 1] == "en":
        given[given.index("--lang") + 1] = language  # English chosen: the run's language
    args = []
    for arg in given:
        head, _, rest = arg.partition("/")
        args.append(str(places[head] / rest if rest else places[head]) if head in places else arg)
    if not case.no_coop:
        args += ["--coop", str(folder)]
    result = runner.invoke(app, args, env={"KOOPERATIV_LANGUAGE": language, "COLUMNS": "200"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args} raised {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


def _expect(case: Case, code: int, out: str, err: str, texts: tuple[str, ...]) -> None:
    assert code == case.code, out + err
    assert "Traceback" not in out + err
    shown = " ".join((err if case.stream == "err" else out).split())
    for text in texts:
        assert " ".join(text.split()) in shown, f"{text!r} not in {shown!r}"


#: How many cases of each kind the corpus holds at least (issue 9: 150 in all).
FLOOR = 150


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= FLOOR
    files = [case for case in CASES.values() if case.files]
    assert len(files) >= 50, "file cases: TOML, record files, the database"


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, shared_demo: Path, tmp_path: Path) -> None:
    case = CASES[name]
    folder = _prepare(case, shared_demo, tmp_path)
    before = dump(folder)
    code, out, err = _run(case, folder, tmp_path, "en")
    _expect(case, code, out, err, case.texts)
    assert dump(folder) == before
    assert not (tmp_path / "new").exists()
    assert not (tmp_path / "nowhere").exists()
    assert (tmp_path / "other" / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_speaks_swedish(
    name: str,
    shared_demo: Path,
    tmp_path: Path,
    english: Callable[[str], list[tuple[str, list[str]]]],
) -> None:
    """Every case in Swedish: the same exit code, nothing written, no English word."""
    case = CASES[name]
    folder = _prepare(case, shared_demo, tmp_path)
    before = dump(folder)
    code, out, err = _run(case, folder, tmp_path, "sv")
    _expect(case, code, out, err, ())
    assert not english(err if case.stream == "err" else out), err + out
    assert dump(folder) == before


#: Cases whose Swedish message is checked too: (case, Swedish texts).
SWEDISH = {
    "member-add-check-digit": ("fel:", "personnummer"),
    "member-add-duplicate-number": ("nummer: medlemsnummer 1 är redan upptaget",),
    "member-show-unknown": ("fel:", "medlem", "'99'"),
    "member-show-other": ("Cecilia Ek får bara se sina egna uppgifter (medlemsuppgifter)",),
    "member-update-nothing": ("ändring: ange minst ett fält att ändra",),
    "member-update-own-tax": ("får bara ange en skattetabell och kolumn",),
    "assignment-zero": ("avtalat belopp: måste vara större än noll",),
    "assignment-absurd": ("avtalat belopp", "orimligt stort (högst 100\u00a0000\u00a0000)"),
    "assignment-bad-start": ("första dag: '2026-13-01' är inget datum (skriv ÅÅÅÅ-MM-DD)",),
    "assignment-status": ("status: 'finished' är ingen uppdragsstatus",),
    "init-parent-path": ("från: inget exempel '../../etc'",),
    "member-list-as-text": ("Ogiltigt värde för '--as'",),
    "coop-is-a-file": ("Ogiltigt värde för '--coop'", "är en fil, inte en mapp"),
    "member-add-missing-last-name": ("Flaggan '--last-name' saknas.",),
    "unknown-command": ("Kommandot 'membr' finns inte. Menade du 'member'?",),
    "salary-1e400": ("fakturerat: är mer än 100\u00a0000\u00a0000",),
    "salary-year-without-rules": ("inga svenska löneparametrar för 2019",),
    "meeting-unknown-kind": ("typ: 'weird' är inte en sorts möte",),
    "meeting-election-zero-seats": ("antal platser: 0: minst en plats behövs",),
    "meeting-vote-no-vote": (
        "röstande: David Falk saknar rösträtt: medlemsavgiften för 2027 inte betald",
    ),
    "meeting-close-open-items": ("ännu inte avgjort: ärende 2, val 1",),
    "meeting-motion-empty-title": ("får inte vara tom",),
    "meeting-export-unwritable": ("filen eller mappen finns inte",),
    "fee-year-1800": ("år: måste vara minst 1900",),
    "record-truncated-json": ("inte giltig JSON (rad 1, kolumn 23: en sträng är inte avslutad)",),
    "record-not-utf-8-import": ("är inte UTF-8-text",),
    "stadgar-latin-1-bylaws-check": ("stadgar.md: är inte UTF-8-text",),
    "parameter-overlap": ("perioderna överlappar",),
    "config-swedish-key-outside-se": ("skriv den i [se]",),
    "database-empty-file": ("är en tom fil",),
    "contract-unknown-assignment": ("uppdrag '99' finns inte",),
    "contract-show-unknown": ("avtal '99' finns inte",),
    "contract-sign-party": ("part: 'nobody' är ingen part",),
    "contract-end-reason": ("orsak: 'nonsense'",),
    "hours-bad-month": ("månad: '2026-13'",),
    "hours-text": ("timmar: 'x' är inget tal",),
    "hours-confirm-unknown": ("tidrapport '999' finns inte",),
    "employment-time-unknown": ("medlem '99' finns inte",),
    "fee-1e400": ("belopp: orimligt stort",),
    "ledger-unbalanced": ("rader:", "balanserar inte", "0,01"),
    "ledger-unknown-account": ("konto:", "finns inte i kontoplanen"),
    "config-fee-period-order": ("perioderna måste följa på varandra i tid",),
    "config-advances-no-guarantee": ("förskott kräver en garanti",),
    "check-fee-override-unknown-member": ("som inte finns i registret",),
}


@pytest.mark.parametrize("name", sorted(SWEDISH))
def test_bad_input_in_swedish(name: str, shared_demo: Path, tmp_path: Path) -> None:
    case = CASES[name]
    folder = _prepare(case, shared_demo, tmp_path)
    before = dump(folder)
    code, out, err = _run(case, folder, tmp_path, "sv")
    _expect(case, code, out, err, SWEDISH[name])
    assert "error" not in err.lower().replace("fel", "")
    assert dump(folder) == before

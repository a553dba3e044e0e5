# SPDX-License-Identifier: EUPL-1.2
"""The root of the command line: commands listed without importing them.

``kooperativ --help`` lists every command from :data:`COMMANDS` (name, module, one-line
help, panel) without importing a command module; a command's module is imported only when
that command runs or shows its own help. A module exposes ``register(app)`` adding its
commands to a typer app, as before; :class:`LazyGroup` builds the click command of the
one that is asked for and translates its help into the command line's language.

A test (``tests/cli/test_cli_app.py``) checks that every entry here matches what its
module registers, so the list cannot drift from the modules.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import typer
from typer._click import Command, Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

from kooperativ.cli import _common
from kooperativ.cli._language import (
    gettext_for,
    language_from_args,
    localise_framework,
    localise_usage_error,
    translate_tree,
)

__all__ = ["COMMANDS", "PANELS", "Entry", "LazyGroup"]


@dataclass(frozen=True)
class Entry:
    """One top-level command: the module that registers it, its help and its panel."""

    module: str
    help: str
    panel: str


#: Help panels of ``kooperativ --help``, in display order.
PANELS = ("The cooperative", "The register", "Employment and pay", "Governance", "Records")

#: Every top-level command, in the order ``kooperativ --help`` lists them.
COMMANDS: dict[str, Entry] = {
    "init": Entry(
        "kooperativ.cli.init", "Create a cooperative folder from a bundled example.", PANELS[0]
    ),
    "demo": Entry(
        "kooperativ.cli.demo",
        "Create the Interim kultur demo on SQLite, run a month of it and hold its annual meeting.",
        PANELS[0],
    ),
    "check": Entry(
        "kooperativ.cli.check",
        "Run every validator and list every problem (exit 1 if any is an error).",
        PANELS[0],
    ),
    "member": Entry("kooperativ.cli.member", "The member register.", PANELS[1]),
    "client": Entry("kooperativ.cli.client", "The client register.", PANELS[1]),
    "assignment": Entry("kooperativ.cli.assignment", "Assignments brought by members.", PANELS[1]),
    "invoice": Entry("kooperativ.cli.invoice", "Invoices and credit notes (fakturor).", PANELS[1]),
    "bank": Entry("kooperativ.cli.bank", "Payments from the bank (camt.054).", PANELS[1]),
    "contract": Entry(
        "kooperativ.cli.employment", "Employment contracts (anställningsavtal).", PANELS[2]
    ),
    "employment": Entry(
        "kooperativ.cli.employment", "Hours worked and employment time under LAS.", PANELS[2]
    ),
    "payroll": Entry(
        "kooperativ.cli.payroll", "Salaries of the register's assignments.", PANELS[2]
    ),
    "salary": Entry(
        "kooperativ.cli.salary",
        "Calculate a salary: invoice (or budget, gross, net) → payout, with every step.",
        PANELS[2],
    ),
    "tax": Entry(
        "kooperativ.cli.salary",
        "Print the monthly tax deduction of a table for an income.",
        PANELS[2],
    ),
    "tax-table": Entry(
        "kooperativ.cli.salary",
        "Print a whole monthly tax table as ``from;to;amount`` rows (percent rows ``NN%``).",
        PANELS[2],
    ),
    "expense": Entry(
        "kooperativ.cli.expense", "Members' expenses (utlägg): hand in, approve, list.", PANELS[2]
    ),
    "absence": Entry(
        "kooperativ.cli.absence",
        "Absence: sick leave, parental and other unpaid leave.",
        PANELS[2],
    ),
    "salary-request": Entry(
        "kooperativ.cli.expense",
        "Salary requests: ask for a salary out of the member's account.",
        PANELS[2],
    ),
    "certificate": Entry(
        "kooperativ.cli.certificate",
        "The employer's certificate (arbetsgivarintyg) of a member: table, PDF or JSON.",
        PANELS[2],
    ),
    "ledger": Entry(
        "kooperativ.cli.ledger",
        "The ledger: vouchers, corrections, closed periods, trial balance.",
        PANELS[2],
    ),
    "account": Entry("kooperativ.cli.ledger", "Members' accounts.", PANELS[2]),
    "travel": Entry(
        "kooperativ.cli.travel",
        "Travel claims: per diem and mileage, paid with the salary.",
        PANELS[2],
    ),
    "project": Entry(
        "kooperativ.cli.project", "Projects and the grants that fund them.", PANELS[2]
    ),
    "meeting": Entry(
        "kooperativ.cli.governance",
        "General and board meetings: notice, votes, minutes.",
        PANELS[3],
    ),
    "fee": Entry("kooperativ.cli.governance", "Membership fees (medlemsavgifter).", PANELS[3]),
    "bylaws": Entry("kooperativ.cli.governance", "The bylaws (stadgar) as rules.", PANELS[3]),
    "audit": Entry("kooperativ.cli.audit", "The audit trail.", PANELS[4]),
    "export": Entry(
        "kooperativ.cli.export",
        "Files for the authorities, the bank and the bookkeeper.",
        PANELS[4],
    ),
    "db": Entry("kooperativ.cli.db", "The database.", PANELS[4]),
    "config": Entry(
        "kooperativ.cli.configuration",
        "The configuration files: their JSON Schemas.",
        PANELS[0],
    ),
    "serve": Entry(
        "kooperativ.cli.serve", "Run the members' web app on the cooperative.", PANELS[0]
    ),
    "access": Entry("kooperativ.cli.access", "Signing in to the web app.", PANELS[4]),
    "privacy": Entry(
        "kooperativ.cli.privacy",
        "Personal data: access, portability, retention, pseudonymisation (GDPR).",
        PANELS[4],
    ),
}


def load_module_commands(module: str) -> dict[str, Command]:
    """The click commands ``module.register(app)`` adds, by name (freshly built)."""
    loaded = importlib.import_module(module)
    holder = typer.Typer(add_completion=False)
    loaded.register(holder)
    group = typer.main.get_group(holder)
    return dict(group.commands)


class LazyGroup(TyperGroup):
    """A typer group whose commands are imported only when one of them is used."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._loaded: dict[str, Command] = {}
        self._resolving = False
        self._language = "en"

    # -- language ---------------------------------------------------------------------------

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """Decide the language from the whole command line before anything is printed."""
        self._language = language_from_args(args)
        _common.set_output(language=self._language, as_json="--json" in args)
        localise_framework(self._language, rich=not args or "--help" in args)
        translate_tree(self, self._language)
        for name, entry in COMMANDS.items():
            # Stubs, so that typo suggestions ("Did you mean …?") know every command.
            self.commands.setdefault(name, self._stub(name, entry))
        try:
            return super().parse_args(ctx, args)
        except NoArgsIsHelpError:
            localise_framework(self._language, rich=True)  # the help is printed next
            raise
        except UsageError as error:
            raise self._localised(error) from None

    # -- listing and loading -----------------------------------------------------------------

    def list_commands(self, ctx: Context) -> list[str]:
        return [*COMMANDS, *(n for n in self.commands if n not in COMMANDS)]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name in self._loaded:
            return self._loaded[cmd_name]
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return super().get_command(ctx, cmd_name)
        if self._resolving:
            return self._load(cmd_name, entry)
        return self.commands.get(cmd_name) or self._stub(cmd_name, entry)

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        self._resolving = True
        try:
            return super().resolve_command(ctx, args)
        finally:
            self._resolving = False

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            localise_framework(self._language, rich=True)  # a group's help is printed next
            raise
        except UsageError as error:
            raise self._localised(error) from None

    def _localised(self, error: UsageError) -> UsageError:
        """``error`` with its message in the command line's language (the error panel is
        printed next, in that language too)."""
        localise_framework(self._language, rich=True)
        text = localise_usage_error(error.format_message(), self._language)
        return UsageError(text, error.ctx)

    def _stub(self, name: str, entry: Entry) -> Command:
        """A command that only carries the one-line help, for ``kooperativ --help``."""
        translate = gettext_for(self._language)
        return TyperCommand(
            name, help=translate(entry.help), rich_help_panel=translate(entry.panel)
        )

    def _load(self, name: str, entry: Entry) -> Command | None:
        command = load_module_commands(entry.module).get(name)
        if command is None:
            return None
        translate_tree(command, self._language)
        self._loaded[name] = command
        return command

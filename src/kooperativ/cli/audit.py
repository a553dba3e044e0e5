# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ audit verify|list|head``: the audit trail.

The commands parse options, call :class:`~kooperativ.services.audit.AuditService` and
print the result (in the cooperative's language, or JSON with ``--json``). No rule lives
here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from kooperativ.cli._common import console, guard, print_json

if TYPE_CHECKING:
    from kooperativ.cooperative import Cooperative
    from kooperativ.security import Actor

__all__ = ["register"]

DOMAIN = "audit"

CoopOption = Annotated[
    Path,
    typer.Option(
        "--coop",
        "-C",
        envvar="KOOPERATIV_HOME",
        help="The cooperative's folder (default: the current folder).",
        file_okay=False,
    ),
]
DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        envvar="KOOPERATIV_DATABASE_URL",
        help="Database URL (default: sqlite:///FOLDER/kooperativ.db).",
    ),
]
AsOption = Annotated[
    int | None,
    typer.Option("--as", help="Act as this member number (default: administrator)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]

audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)


def _open(folder: Path, database: str | None) -> Cooperative:
    from kooperativ.cooperative import Cooperative

    return Cooperative.open(folder, database)


def _actor(coop: Cooperative, as_member: int | None) -> Actor:
    from kooperativ.security import Actor

    return Actor.admin() if as_member is None else coop.actor_for_member(as_member)


@audit_app.command("verify")
def verify(
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    anchor: Annotated[
        list[str] | None,
        typer.Option(
            "--anchor",
            help="A published head SEQ:HASH (from `audit head`) that must be in the chain; "
            "repeatable.",
        ),
    ] = None,
    key_file: Annotated[
        Path | None,
        typer.Option(
            "--key-file",
            help="File holding the audit key, to check each event's MAC "
            "(default: KOOPERATIV_AUDIT_KEY_FILE).",
            dir_okay=False,
        ),
    ] = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Verify the audit trail (exit 1 if anything is wrong).

    Checks the chain, the records behind it, the configuration files, published heads and,
    with the key, each event's MAC.
    """
    from kooperativ.audit import read_key
    from kooperativ.i18n import messages, plural, translator

    with guard(), _open(coop_dir, database) as coop:
        key = read_key(key_file) if key_file is not None else None
        report = coop.audit.verify(_actor(coop, as_member), anchors=anchor or [], key=key)
        lang = coop.config.language
    if as_json:
        print_json(
            {
                "events": report.events,
                "intact": report.ok,
                "head": None if report.head is None else str(report.head),
                "anchors": [str(a) for a in report.anchors],
                "authenticated": report.authenticated,
                "problems": [f"{p.where}: {p.message}" for p in report.problems],
                "findings": [
                    {"severity": p.severity, "where": p.where, "message": p.message}
                    for p in report.problems
                ],
            }
        )
    else:
        _ = translator(lang, DOMAIN)
        texts = messages(lang)
        for problem in report.problems:
            where, message = problem.text(texts)
            mark = "[red]✗[/]" if problem.severity == "error" else "[yellow]![/]"
            console.print(f"{mark} {escape(where)}: {escape(message)}")
        for confirmed in report.anchors:
            console.print(
                _("Published head {anchor} is in the chain.").format(anchor=str(confirmed))
            )
        if report.authenticated and report.ok:
            console.print(_("Every event since the key was first used carries a valid MAC."))
        if report.ok:
            count = plural(lang, DOMAIN)(
                "Audit trail intact: {n} event verified.",
                "Audit trail intact: {n} events verified.",
                report.events,
            )
            console.print(count.format(n=report.events))
    if not report.ok:
        raise typer.Exit(code=1)


@audit_app.command("list")
def list_events(
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the audit events (auditor, board, treasurer or admin)."""
    from kooperativ.i18n import plural, translator

    with guard(), _open(coop_dir, database) as coop:
        events = coop.audit.events(_actor(coop, as_member))
        lang = coop.config.language
    if as_json:
        print_json(events)
        return
    _ = translator(lang, DOMAIN)
    table = Table(title=_("Audit trail"), title_justify="left")
    for column in ("#", _("Time"), _("Actor"), _("Action"), _("Record"), _("Hash")):
        table.add_column(column)
    for e in events:
        table.add_row(
            str(e.seq),
            e.at.isoformat(timespec="seconds"),
            escape(e.actor),
            escape(_(e.action)),
            escape(f"{_(e.entity)} {e.entity_id[:8] if e.entity != 'config' else e.entity_id}"),
            e.hash[:12],
        )
    console.print(table)
    count = plural(lang, DOMAIN)("{n} event", "{n} events", len(events))
    console.print(count.format(n=len(events)))


@audit_app.command("head")
def head(
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print the head of the audit trail (SEQ:HASH), to publish.

    Publish it in the minutes, to the auditor or in the annual report; `audit verify
    --anchor SEQ:HASH` checks later that the chain still holds it.
    """
    from kooperativ.i18n import translator

    with guard(), _open(coop_dir, database) as coop:
        found = coop.audit.head(_actor(coop, as_member))
        lang = coop.config.language
    if as_json:
        print_json(
            None if found is None else {"seq": found.seq, "hash": found.hash, "anchor": str(found)}
        )
        return
    _ = translator(lang, DOMAIN)
    if found is None:
        console.print(_("The audit trail is empty."))
        return
    console.print(str(found))
    console.print(
        _(
            "Publish this head (in the minutes, to the auditor, in the annual report); "
            "`kooperativ audit verify --anchor {anchor}` later proves the chain still holds it."
        ).format(anchor=str(found))
    )


def register(app: typer.Typer) -> None:
    """Add ``audit verify|list|head`` to ``app``."""
    app.add_typer(audit_app, name="audit")

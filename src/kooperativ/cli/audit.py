# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ audit verify|list|head``: the audit trail.

The commands parse options, call :class:`~kooperativ.services.audit.AuditService` and
print the result (in the command's language, or JSON with ``--json``). No rule lives
here.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Annotated

import typer

from kooperativ.cli._context import CliContext, shared_options

__all__ = ["register"]

DOMAIN = "audit"

audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)


@audit_app.command("verify")
@shared_options(actor=True, json=True)
def verify(
    cli: CliContext,
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
) -> None:
    """Verify the audit trail (exit 1 if anything is wrong).

    Checks the chain, the records behind it, the configuration files, published heads and,
    with the key, each event's MAC.
    """
    with cli.guard():
        from kooperativ.audit import read_key

        with cli.open() as coop:
            key = read_key(key_file) if key_file is not None else None
            report = coop.audit.verify(cli.actor(coop), anchors=anchor or [], key=key)
    if cli.as_json:
        cli.print_json(report.as_dict(cli.messages()))
    else:
        from rich.markup import escape

        _ = cli.texts(DOMAIN)
        for problem in report.problems:
            where, message = cli.finding(problem)
            mark = "[red]✗[/]" if problem.severity == "error" else "[yellow]![/]"
            cli.print(f"{mark} {escape(where)}: {escape(message)}")
        for confirmed in report.anchors:
            cli.print(_("Published head {anchor} is in the chain.").format(anchor=str(confirmed)))
        if report.authenticated and report.ok:
            cli.print(_("Every event since the key was first used carries a valid MAC."))
        if report.ok:
            count = cli.ngettext(
                "Audit trail intact: {n} event verified.",
                "Audit trail intact: {n} events verified.",
                report.events,
                DOMAIN,
            )
            cli.print(count.format(n=report.events))
    if not report.ok:
        raise typer.Exit(code=1)


@audit_app.command("list")
@shared_options(actor=True, json=True)
def list_events(cli: CliContext) -> None:
    """List the audit events (auditor, board, treasurer or admin)."""
    with cli.guard(), cli.open() as coop:
        events = coop.audit.events(cli.actor(coop))
    if cli.as_json:
        cli.print_json([e.model_dump(mode="json") for e in events])
        return
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    _ = cli.texts(DOMAIN)
    listing = Table(
        title=_("Audit trail"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    listing.add_column("#", justify="right", no_wrap=True)
    listing.add_column(_("Time"), no_wrap=True)  # UTC, to the minute: 17 characters
    for column in (_("Actor"), _("Action"), _("Record")):
        listing.add_column(column, overflow="fold")
    listing.add_column(_("Hash"), no_wrap=True)  # the first 8 of 64 hex digits
    for e in events:
        record = e.entity_id if e.entity == "config" else e.entity_id[:8]
        listing.add_row(
            str(e.seq),
            e.at.astimezone(UTC).strftime("%Y-%m-%d %H:%MZ"),
            escape(e.actor),
            escape(_(e.action)),
            escape(f"{_(e.entity)} {record}"),
            e.hash[:8],
        )
    cli.print(listing)
    count = cli.ngettext("{n} event", "{n} events", len(events), DOMAIN)
    cli.print(count.format(n=len(events)))


@audit_app.command("head")
@shared_options(actor=True, json=True)
def head(cli: CliContext) -> None:
    """Print the head of the audit trail (SEQ:HASH), to publish.

    Publish it in the minutes, to the auditor or in the annual report; `audit verify
    --anchor SEQ:HASH` checks later that the chain still holds it.
    """
    with cli.guard(), cli.open() as coop:
        found = coop.audit.head(cli.actor(coop))
    if cli.as_json:
        cli.print_json(None if found is None else found.as_dict())
        return
    _ = cli.texts(DOMAIN)
    if found is None:
        cli.print(_("The audit trail is empty."))
        return
    cli.print(str(found))
    cli.print(
        _(
            "Publish this head (in the minutes, to the auditor, in the annual report); "
            "`kooperativ audit verify --anchor {anchor}` later proves the chain still holds it."
        ).format(anchor=str(found))
    )


def register(app: typer.Typer) -> None:
    """Add ``audit verify|list|head`` to ``app``."""
    app.add_typer(audit_app, name="audit")

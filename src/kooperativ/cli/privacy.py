# SPDX-License-Identifier: EUPL-1.2
"""Commands on personal data (*personuppgifter*, GDPR).

``kooperativ privacy export MEMBER`` gives everything held about a member (article 15) as
a summary, as the portable JSON document (``--json``, article 20) or as a readable PDF
(``--pdf FILE``); ``privacy retention MEMBER`` shows how long each record keeps their data;
``privacy due`` lists the former members (and private clients) whose contact data may be
erased or whose identity may be pseudonymised on a day, and why; ``privacy minimise`` and
``privacy pseudonymise`` (``pseudonymise-client``) do it, refusing — naming the record and
the first allowed day — when it is too early.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kooperativ.cli._common import parse_date, table
from kooperativ.cli._context import CliContext, shared_options

if TYPE_CHECKING:
    from kooperativ.services.privacy import Pseudonymised

__all__ = ["register"]

privacy_app = typer.Typer(
    help="Personal data: access, portability, retention, pseudonymisation (GDPR).",
    no_args_is_help=True,
)

MemberArg = Annotated[int, typer.Argument(help="Member number.")]
OnOption = Annotated[str | None, typer.Option("--on", help="The day to judge on (default: today).")]
YesOption = Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")]


def _record(_: Callable[[str], str], record: str) -> str:
    """A kind of record (``member``, ``contract`` …) in the command's language."""
    from kooperativ.services.privacy import RECORD_WORDS

    return _(RECORD_WORDS.get(record, record))


def _day(text: str | None) -> date:
    return parse_date(text, "on") or date.today()


@privacy_app.command("export")
@shared_options(actor=True, json=True)
def export(
    cli: CliContext,
    member: MemberArg,
    pdf: Annotated[
        Path | None, typer.Option("--pdf", help="Write the readable PDF to this file.")
    ] = None,
) -> None:
    """Everything held about a member (GDPR art. 15): summary, --json (art. 20) or --pdf."""
    with cli.guard():
        if cli.as_json and pdf is not None:
            from kooperativ.errors import InputError

            raise InputError("pdf", "choose --json or --pdf, not both")
        lang = cli.language if cli.chosen_language else None  # else the member's own
        with cli.open() as coop:
            actor = cli.actor(coop)
            _ = cli.texts("privacy")
            if pdf is not None:
                pdf.write_bytes(coop.privacy.export_pdf(actor, member, lang))
                cli.print(_("Wrote {path}.").format(path=pdf))
                return
            data = coop.privacy.export(actor, member, lang)
    if cli.as_json:
        sys.stdout.write(data.to_json() + "\n")
        return
    counts = [
        (_("Assignments"), len(data.assignments)),
        (_("Employment contracts"), len(data.contracts)),
        (_("Hours reports"), len(data.hours)),
        (_("Membership fees"), len(data.membership_fees)),
        (_("Meetings"), len(data.meetings)),
        (_("Audit events"), len(data.audit)),
    ]
    cli.print(
        table(
            _("Personal data of member {number}, {name}").format(
                number=data.member.number, name=data.member.name
            ),
            [_("Records"), _("Count")],
            counts,
        )
    )
    cli.print(_("Use --json for the whole document, --pdf FILE for the readable copy."))


@privacy_app.command("retention")
@shared_options(actor=True, json=True)
def retention(
    cli: CliContext,
    member: MemberArg,
    on: OnOption = None,
) -> None:
    """How long each record keeps a member's data, and why."""
    with cli.guard(), cli.open() as coop:
        _ = cli.texts("privacy")
        plan = coop.privacy.retention(cli.actor(coop), member, _day(on))
    if cli.as_json:
        cli.print_json(plan.model_dump(mode="json"))
        return
    never = _("not yet known")
    rows = [
        (
            f"{_record(_, h.record)} {h.number}",
            h.until.isoformat() if h.until else _("while it lasts"),
            _(h.text),
            h.reference,
        )
        for h in (*plan.dealings, *plan.records)
    ]
    cli.print(
        table(
            _("Retention of member {number}'s data").format(number=plan.number),
            [_("Record"), _("Kept until"), _("Why"), _("Rule")],
            rows,
        )
    )
    cli.print(
        _("Contact data may be erased from: {day}").format(
            day=plan.minimise_from.isoformat() if plan.minimise_from else never
        )
    )
    cli.print(
        _("Identity may be pseudonymised from: {day}").format(
            day=plan.pseudonymise_from.isoformat() if plan.pseudonymise_from else never
        )
    )


@privacy_app.command("due")
@shared_options(actor=True, json=True)
def due(
    cli: CliContext,
    on: OnOption = None,
) -> None:
    """Who and what may be erased or pseudonymised on a day, and why."""
    with cli.guard(), cli.open() as coop:
        _ = cli.texts("privacy")
        items = coop.privacy.due(cli.actor(coop), _day(on))
    if cli.as_json:
        cli.print_json([item.model_dump(mode="json") for item in items])
        return
    if not items:
        cli.print(_("Nothing is due."))
        return
    rows = []
    for item in items:
        because = item.because
        why = (
            f"{_record(_, because.record)} {because.number} "
            f"{_('kept until')} {because.until} "
            f"({_(because.text)})"
            if because is not None and because.until is not None
            else ""
        )
        rows.append(
            (_(item.subject), item.number, _(item.action), item.allowed_from.isoformat(), why)
        )
    cli.print(
        table(
            _("Due on {day}").format(day=_day(on).isoformat()),
            [_("Subject"), _("No."), _("Action"), _("Allowed from"), _("Because")],
            rows,
        )
    )


def _confirm(cli: CliContext, question: str, yes: bool) -> None:
    if not yes:
        cli.confirm(question)


@privacy_app.command("minimise")
@shared_options(actor=True)
def minimise(
    cli: CliContext,
    member: MemberArg,
    on: OnOption = None,
    yes: YesOption = False,
) -> None:
    """Erase a former member's contact data once every dealing is settled."""
    with cli.guard(), cli.open() as coop:
        _ = cli.texts("privacy")
        actor = cli.actor(coop)
        _confirm(
            cli,
            _("Erase member {number}'s e-mail, phone, address and bank account?").format(
                number=member
            ),
            yes,
        )
        done = coop.privacy.minimise(actor, member, _day(on))
    cli.print(_("Member {number}'s contact data are erased.").format(number=done.number))


@privacy_app.command("pseudonymise")
@shared_options(actor=True, json=True)
def pseudonymise(
    cli: CliContext,
    member: MemberArg,
    on: OnOption = None,
    yes: YesOption = False,
) -> None:
    """Replace a former member's identity by a pseudonym, once the law allows it."""
    with cli.guard(), cli.open() as coop:
        _ = cli.texts("privacy")
        actor = cli.actor(coop)
        _confirm(
            cli,
            _(
                "Replace member {number}'s name and personal identity number by a pseudonym "
                "in every record? This cannot be undone."
            ).format(number=member),
            yes,
        )
        result = coop.privacy.pseudonymise(actor, member, _day(on))
    _report(cli, result, _)


@privacy_app.command("pseudonymise-client")
@shared_options(actor=True, json=True)
def pseudonymise_client(
    cli: CliContext,
    client: Annotated[int, typer.Argument(help="Client number.")],
    on: OnOption = None,
    yes: YesOption = False,
) -> None:
    """Replace a private-person client's identity by a pseudonym, once the law allows it."""
    with cli.guard(), cli.open() as coop:
        _ = cli.texts("privacy")
        actor = cli.actor(coop)
        _confirm(
            cli,
            _(
                "Replace client {number}'s name and personal identity number by a pseudonym? "
                "This cannot be undone."
            ).format(number=client),
            yes,
        )
        result = coop.privacy.pseudonymise_client(actor, client, _day(on))
    _report(cli, result, _)


def _report(cli: CliContext, result: Pseudonymised, _: Callable[[str], str]) -> None:
    if cli.as_json:
        cli.print_json(result.model_dump(mode="json"))
        return
    cli.print(_("Pseudonym: {name}").format(name=result.pseudonym))
    for changed in result.changed:
        cli.print(f"  ✓ {_record(_, changed.record)} {changed.number}")
    for kept in result.kept:
        record = _record(_, kept.record)
        cli.print(f"  [yellow]![/] {record} {kept.number} {_('left as it was')}: {_(kept.text)}")


def register(app: typer.Typer) -> None:
    """Add the ``privacy`` commands to ``app``."""
    app.add_typer(privacy_app, name="privacy")

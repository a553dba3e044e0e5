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
from typing import Annotated

import typer

from kooperativ.cli._common import console, guard, parse_date, print_json
from kooperativ.cli.coop import (
    AsOption,
    CoopOption,
    DatabaseOption,
    JsonOption,
    _actor,
    _open,
    _table,
)
from kooperativ.cooperative import Cooperative
from kooperativ.errors import InputError
from kooperativ.i18n import translator
from kooperativ.services.privacy import RECORD_WORDS, Pseudonymised

__all__ = ["register"]

privacy_app = typer.Typer(
    help="Personal data: access, portability, retention, pseudonymisation (GDPR).",
    no_args_is_help=True,
)

MemberArg = Annotated[int, typer.Argument(help="Member number.")]
OnOption = Annotated[str | None, typer.Option("--on", help="The day to judge on (default: today).")]
YesOption = Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")]


def _tr(coop: Cooperative) -> Callable[[str], str]:
    return translator(coop.config.language, "privacy")


def _day(text: str | None) -> date:
    return parse_date(text, "on") or date.today()


@privacy_app.command("export")
def export(
    member: MemberArg,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
    pdf: Annotated[
        Path | None, typer.Option("--pdf", help="Write the readable PDF to this file.")
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Language of the PDF (sv or en).")] = None,
) -> None:
    """Everything held about a member (GDPR art. 15): summary, --json (art. 20) or --pdf."""
    with guard():
        if as_json and pdf is not None:
            raise InputError("pdf", "choose --json or --pdf, not both")
        with _open(coop_dir, database) as coop:
            actor = _actor(coop, as_member)
            _ = _tr(coop)
            if pdf is not None:
                pdf.write_bytes(coop.privacy.export_pdf(actor, member, lang))
                console.print(_("Wrote {path}.").format(path=pdf))
                return
            data = coop.privacy.export(actor, member, lang)
    if as_json:
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
    console.print(
        _table(
            _("Personal data of member {number}, {name}").format(
                number=data.member.number, name=data.member.name
            ),
            [_("Records"), _("Count")],
            counts,
        )
    )
    console.print(_("Use --json for the whole document, --pdf FILE for the readable copy."))


@privacy_app.command("retention")
def retention(
    member: MemberArg,
    on: OnOption = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """How long each record keeps a member's data, and why."""
    with guard(), _open(coop_dir, database) as coop:
        _ = _tr(coop)
        plan = coop.privacy.retention(_actor(coop, as_member), member, _day(on))
    if as_json:
        print_json(plan)
        return
    never = _("not yet known")
    rows = [
        (
            f"{_(RECORD_WORDS.get(h.record, h.record))} {h.number}",
            h.until.isoformat() if h.until else _("while it lasts"),
            _(h.text),
            h.reference,
        )
        for h in (*plan.dealings, *plan.records)
    ]
    console.print(
        _table(
            _("Retention of member {number}'s data").format(number=plan.number),
            [_("Record"), _("Kept until"), _("Why"), _("Rule")],
            rows,
        )
    )
    console.print(
        _("Contact data may be erased from: {day}").format(
            day=plan.minimise_from.isoformat() if plan.minimise_from else never
        )
    )
    console.print(
        _("Identity may be pseudonymised from: {day}").format(
            day=plan.pseudonymise_from.isoformat() if plan.pseudonymise_from else never
        )
    )


@privacy_app.command("due")
def due(
    on: OnOption = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who and what may be erased or pseudonymised on a day, and why."""
    with guard(), _open(coop_dir, database) as coop:
        _ = _tr(coop)
        items = coop.privacy.due(_actor(coop, as_member), _day(on))
    if as_json:
        print_json(items)
        return
    if not items:
        console.print(_("Nothing is due."))
        return
    rows = []
    for item in items:
        because = item.because
        why = (
            f"{_(RECORD_WORDS.get(because.record, because.record))} {because.number} "
            f"{_('kept until')} {because.until} "
            f"({_(because.text)})"
            if because is not None and because.until is not None
            else ""
        )
        rows.append(
            (_(item.subject), item.number, _(item.action), item.allowed_from.isoformat(), why)
        )
    console.print(
        _table(
            _("Due on {day}").format(day=_day(on).isoformat()),
            [_("Subject"), _("No."), _("Action"), _("Allowed from"), _("Because")],
            rows,
        )
    )


def _confirm(question: str, yes: bool) -> None:
    if not yes:
        typer.confirm(question, abort=True)


@privacy_app.command("minimise")
def minimise(
    member: MemberArg,
    on: OnOption = None,
    yes: YesOption = False,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
) -> None:
    """Erase a former member's contact data once every dealing is settled."""
    with guard(), _open(coop_dir, database) as coop:
        _ = _tr(coop)
        actor = _actor(coop, as_member)
        _confirm(
            _("Erase member {number}'s e-mail, phone, address and bank account?").format(
                number=member
            ),
            yes,
        )
        done = coop.privacy.minimise(actor, member, _day(on))
    console.print(_("Member {number}'s contact data are erased.").format(number=done.number))


@privacy_app.command("pseudonymise")
def pseudonymise(
    member: MemberArg,
    on: OnOption = None,
    yes: YesOption = False,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Replace a former member's identity by a pseudonym, once the law allows it."""
    with guard(), _open(coop_dir, database) as coop:
        _ = _tr(coop)
        actor = _actor(coop, as_member)
        _confirm(
            _(
                "Replace member {number}'s name and personal identity number by a pseudonym "
                "in every record? This cannot be undone."
            ).format(number=member),
            yes,
        )
        result = coop.privacy.pseudonymise(actor, member, _day(on))
    _report(result, as_json, _)


@privacy_app.command("pseudonymise-client")
def pseudonymise_client(
    client: Annotated[int, typer.Argument(help="Client number.")],
    on: OnOption = None,
    yes: YesOption = False,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Replace a private-person client's identity by a pseudonym, once the law allows it."""
    with guard(), _open(coop_dir, database) as coop:
        _ = _tr(coop)
        actor = _actor(coop, as_member)
        _confirm(
            _(
                "Replace client {number}'s name and personal identity number by a pseudonym? "
                "This cannot be undone."
            ).format(number=client),
            yes,
        )
        result = coop.privacy.pseudonymise_client(actor, client, _day(on))
    _report(result, as_json, _)


def _report(result: Pseudonymised, as_json: bool, _: Callable[[str], str]) -> None:
    if as_json:
        print_json(result)
        return
    console.print(_("Pseudonym: {name}").format(name=result.pseudonym))
    for changed in result.changed:
        console.print(f"  ✓ {_(RECORD_WORDS.get(changed.record, changed.record))} {changed.number}")
    for kept in result.kept:
        record = _(RECORD_WORDS.get(kept.record, kept.record))
        console.print(
            f"  [yellow]![/] {record} {kept.number} {_('left as it was')}: {_(kept.text)}"
        )


def register(app: typer.Typer) -> None:
    """Add the ``privacy`` commands to ``app``."""
    app.add_typer(privacy_app, name="privacy")

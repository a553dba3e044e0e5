# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ member …``: the member register (*medlemsregister*).

``add``, ``list``, ``show``, ``update``, ``admit``, ``resign``, ``exclude``. Personal
identity numbers and bank accounts are masked unless ``--show-personal-data`` is given and
the actor may see them (the member themself, or a role that reads the whole register).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kooperativ.cli._common import parse_date, table
from kooperativ.cli._context import CliContext, PersonalOption, shared_options
from kooperativ.cli._views import address_from_options, record_table, role_words, status_word

if TYPE_CHECKING:
    from kooperativ.cooperative import Cooperative
    from kooperativ.members.models import Member, Role
    from kooperativ.security import Actor

__all__ = ["register"]

member_app = typer.Typer(help="The member register.", no_args_is_help=True)

MemberArg = Annotated[int, typer.Argument(help="Member number.", show_default=False)]
OnOption = Annotated[
    str | None, typer.Option(help="The day it takes effect (default: today).", show_default=False)
]
STATUSES = ("applicant", "member", "resigned", "excluded")


def _role(text: str) -> Role:
    from kooperativ.errors import InputError
    from kooperativ.members.models import Role

    try:
        return Role(text)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise InputError(
            "role", "{value!r} is unknown (known: {known})", value=text, known=known
        ) from None


def shown(coop: Cooperative, actor: Actor, member: Member, show: bool) -> Member:
    """``member`` in full if asked for and allowed, else masked."""
    if show and coop.members.may_see_personal_data(actor, member):
        return member
    return coop.members.masked(member)


@member_app.command("add")
@shared_options(actor=True, json=True)
def member_add(
    cli: CliContext,
    first_name: Annotated[str, typer.Option(help="First name.", show_default=False)],
    last_name: Annotated[str, typer.Option(help="Last name.", show_default=False)],
    person_id: Annotated[
        str,
        typer.Option(
            "--personnummer", help="Personal identity number, YYYYMMDD-NNNN.", show_default=False
        ),
    ],
    email: Annotated[str | None, typer.Option(help="E-mail address.")] = None,
    phone: Annotated[str | None, typer.Option(help="Telephone number.")] = None,
    street: Annotated[str | None, typer.Option(help="Street address.")] = None,
    postal_code: Annotated[str | None, typer.Option(help="Postal code.")] = None,
    city: Annotated[str | None, typer.Option(help="City.")] = None,
    bank_account: Annotated[
        str | None, typer.Option(help="Clearing number and account, e.g. 5001-1234563.")
    ] = None,
    tax: Annotated[str | None, typer.Option(help="Tax mode, e.g. table:33:1.")] = None,
    joined: Annotated[
        str | None, typer.Option(help="Date admitted (makes the person a member).")
    ] = None,
    role: Annotated[
        list[str] | None, typer.Option(help="board, treasurer, auditor or admin (repeatable).")
    ] = None,
    number: Annotated[int | None, typer.Option(help="Member number (default: the next).")] = None,
    show: PersonalOption = False,
) -> None:
    """Register a member (or an applicant, without --joined)."""
    with cli.guard():
        roles = frozenset(_role(r) for r in role or [])
        joined_on = parse_date(joined, "joined")
        address = address_from_options(street, postal_code, city)
        with cli.open() as coop:
            actor = cli.actor(coop)
            member = coop.members.add(
                actor,
                first_name=first_name,
                last_name=last_name,
                person_id=person_id,
                email=email,
                phone=phone,
                address=address,
                bank_account=bank_account,
                tax_mode=tax,
                status="member" if joined_on else "applicant",
                joined_on=joined_on,
                roles=roles,
                number=number,
            )
            member = shown(coop, actor, member, show)
    if cli.as_json:
        cli.print_json(member.model_dump(mode="json"))
    else:
        cli.print(
            cli._("Member {number}: {name} ({status}).").format(
                number=member.number, name=member.name, status=status_word(cli, member.status)
            )
        )


@member_app.command("list")
@shared_options(actor=True, json=True)
def member_list(
    cli: CliContext,
    status: Annotated[
        str | None, typer.Option(help="applicant, member, resigned or excluded.")
    ] = None,
    show: PersonalOption = False,
) -> None:
    """List members (identity numbers masked unless --show-personal-data)."""
    with cli.guard():
        if status is not None and status not in STATUSES:
            from kooperativ.errors import InputError

            raise InputError(
                "status",
                "{value!r} is not a membership status (known: {known})",
                value=status,
                known=", ".join(STATUSES),
            )
        with cli.open() as coop:
            actor = cli.actor(coop)
            members = [shown(coop, actor, m, show) for m in coop.members.list(actor, status)]
    if cli.as_json:
        cli.print_json([m.model_dump(mode="json") for m in members])
        return
    cli.print(
        table(
            cli._("Members"),
            ["#", cli._("Name"), cli._("Identity number"), cli._("Status"), cli._("Roles")],
            [
                (
                    m.number,
                    m.name,
                    m.person_id,
                    status_word(cli, m.status),
                    role_words(cli, (r.value for r in m.roles)),
                )
                for m in members
            ],
        )
    )
    cli.print(cli.ngettext("{n} member", "{n} members", len(members)).format(n=len(members)))


def _tax_mode(cli: CliContext, mode: str | None) -> str | None:
    from kooperativ.payroll import tax_mode_text

    return tax_mode_text(mode, cli.language) if mode else None


def _member_rows(cli: CliContext, m: Member) -> list[tuple[str, object]]:
    address = f"{m.address.street}, {m.address.postal_code} {m.address.city}" if m.address else None
    return [
        (cli._("Name"), m.name),
        (cli._("Identity number"), m.person_id),
        (cli._("Birth date"), m.birth_date),
        (cli._("E-mail"), m.email),
        (cli._("Phone"), m.phone),
        (cli._("Address"), address),
        (cli._("Bank account"), m.bank_account),
        (cli._("Tax mode"), _tax_mode(cli, m.tax.mode)),
        (cli._("Language"), m.language),
        (cli._("Status"), status_word(cli, m.status)),
        (cli._("Applied"), m.applied_on),
        (cli._("Joined"), m.joined_on),
        (cli._("Left"), m.left_on),
        (cli._("Roles"), role_words(cli, (r.value for r in m.roles), skip_member=False)),
    ]


@member_app.command("show")
@shared_options(actor=True, json=True)
def member_show(cli: CliContext, member: MemberArg, show: PersonalOption = False) -> None:
    """Show one member, with warnings about their employment time."""
    from rich.markup import escape

    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        found = shown(coop, actor, coop.members.get(actor, member), show)
        findings = coop.employment.warnings(actor, member, date.today())
    texts = cli.messages()
    # Employment time under the country's law (for Sweden LAS 5 a § and 25 §).
    warnings = [f"{texts(p.severity)}: {p.text(texts)[1]}" for p in findings]
    if cli.as_json:
        cli.print_json({**found.model_dump(mode="json"), "employment_warnings": warnings})
        return
    cli.print(record_table(f"{cli._('Member')} {found.number}", _member_rows(cli, found)))
    for line in warnings:
        cli.print(f"[yellow]![/] {escape(line)}")


@member_app.command("update")
@shared_options(actor=True, json=True)
def member_update(
    cli: CliContext,
    member: MemberArg,
    email: Annotated[str | None, typer.Option(help='E-mail address ("" clears it).')] = None,
    phone: Annotated[str | None, typer.Option(help='Telephone number ("" clears it).')] = None,
    street: Annotated[str | None, typer.Option(help="Street address.")] = None,
    postal_code: Annotated[str | None, typer.Option(help="Postal code.")] = None,
    city: Annotated[str | None, typer.Option(help="City.")] = None,
    bank_account: Annotated[
        str | None,
        typer.Option(help="Clearing number and account, e.g. 5001-1234563."),
    ] = None,
    tax: Annotated[
        str | None, typer.Option(help="Tax mode and table, e.g. table:34:1 (managers only).")
    ] = None,
    language: Annotated[str | None, typer.Option(help="The member's language, e.g. sv.")] = None,
    show: PersonalOption = False,
) -> None:
    """Change a member's contact details, bank account, tax mode or language.

    A member may change their own contact details, bank account and language (--as N);
    the board, the treasurer and the administrator anything. One audited change.
    """
    with cli.guard():
        from kooperativ.services.members import KEEP

        address = address_from_options(street, postal_code, city)
        changes: dict[str, Any] = {
            "email": email,
            "phone": phone,
            "address": address,
            "bank_account": bank_account,
            "tax_mode": tax,
            "language": language,
        }
        given = {k: (KEEP if v is None else v) for k, v in changes.items()}
        with cli.open() as coop:
            actor = cli.actor(coop)
            updated = shown(coop, actor, coop.members.update(actor, member, **given), show)
    if cli.as_json:
        cli.print_json(updated.model_dump(mode="json"))
    else:
        cli.print(
            cli._("Member {number}: {name} updated.").format(
                number=updated.number, name=updated.name
            )
        )


def _status_change(cli: CliContext, change: str, message: str, member: int, on: str | None) -> None:
    """Run ``coop.members.<change>`` on ``member`` from ``on`` and print ``message``."""
    with cli.guard():
        day = parse_date(on, "on") or date.today()
        with cli.open() as coop:
            method = getattr(coop.members, change)
            found: Member = method(cli.actor(coop), member, day)
    effective = found.joined_on if change == "admit" else found.left_on
    cli.print(cli._(message).format(number=found.number, day=effective))


@member_app.command("admit")
@shared_options(actor=True)
def member_admit(cli: CliContext, member: MemberArg, on: OnOption = None) -> None:
    """Admit an applicant as a member."""
    _status_change(cli, "admit", "Member {number} admitted from {day}.", member, on)


@member_app.command("resign")
@shared_options(actor=True)
def member_resign(cli: CliContext, member: MemberArg, on: OnOption = None) -> None:
    """Record that a member leaves the association (utträde)."""
    _status_change(cli, "resign", "Member {number} resigned from {day}.", member, on)


@member_app.command("exclude")
@shared_options(actor=True)
def member_exclude(cli: CliContext, member: MemberArg, on: OnOption = None) -> None:
    """Record that a member is excluded (after the decision the bylaws require)."""
    _status_change(cli, "exclude", "Member {number} excluded from {day}.", member, on)


@member_app.command("password")
@shared_options(actor=True)
def member_password(cli: CliContext, member: MemberArg) -> None:
    """Set a member's password for the web app (read from a prompt, or standard input)."""
    password = typer.prompt(
        cli._("New password"), hide_input=True, confirmation_prompt=cli._("Repeat the password")
    )
    with cli.guard(), cli.open() as coop:
        coop.access.set_password(cli.actor(coop), member, password)
    cli.print(cli._("Password of member {number} set.").format(number=member))


def register(app: typer.Typer) -> None:
    """Add ``member`` to ``app``."""
    app.add_typer(member_app, name="member")

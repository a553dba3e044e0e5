# SPDX-License-Identifier: EUPL-1.2
"""Commands on a cooperative folder: init, members, clients, assignments, check, demo (the
contract commands are in :mod:`kooperativ.cli.employment`, audit and db in their own)."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from kooperativ.assignments.models import Assignment
from kooperativ.cli._common import (
    console,
    guard,
    parse_date,
    parse_decimal,
    print_json,
    required_date,
)
from kooperativ.clients.models import Client
from kooperativ.config import load_config
from kooperativ.cooperative import Cooperative
from kooperativ.countries.se.identifiers import mask_bank_account, mask_personnummer
from kooperativ.errors import ConfigError, InputError
from kooperativ.i18n import format_amount, translator
from kooperativ.members.models import Member, Role
from kooperativ.security import Actor

__all__ = ["register"]

HOME_ENV = "KOOPERATIV_HOME"
DEMO_MARKER = ".kooperativ-demo"

CoopOption = Annotated[
    Path,
    typer.Option(
        "--coop",
        "-C",
        envvar=HOME_ENV,
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
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
PersonalOption = Annotated[
    bool,
    typer.Option("--show-personal-data", help="Show personnummer and bank accounts in full."),
]

member_app = typer.Typer(help="The member register.", no_args_is_help=True)
client_app = typer.Typer(help="The client register.", no_args_is_help=True)
assignment_app = typer.Typer(help="Assignments brought by members.", no_args_is_help=True)


def _open(folder: Path, database: str | None) -> Cooperative:
    return Cooperative.open(folder, database)


def _actor(coop: Cooperative, as_member: int | None) -> Actor:
    return Actor.admin() if as_member is None else coop.actor_for_member(as_member)


def _lang(coop: Cooperative) -> Callable[[str], str]:
    return translator(coop.config.language, "cli")


def _member_row(member: Member, show: bool) -> dict[str, Any]:
    data = member.model_dump(mode="json")
    if not show:
        data["person_id"] = mask_personnummer(member.person_id)
        if member.bank_account:
            data["bank_account"] = mask_bank_account(member.bank_account)
    data["name"] = member.name
    return data


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    return table


# -- init, check ---------------------------------------------------------------


def init(
    folder: Annotated[Path, typer.Argument(help="Folder to create.")],
    from_example: Annotated[
        str, typer.Option("--from", help="Bundled example to copy.")
    ] = "interim_kultur",
) -> None:
    """Create a cooperative folder from a bundled example."""
    with guard():
        target = Cooperative.init(folder, from_example)
        (target / "demo.toml").unlink(missing_ok=True)
        _ = translator(load_config(target).language, "cli")
    console.print(
        _("Created {target} from {example}. Edit {target}/cooperative.toml first.").format(
            target=target, example=from_example
        )
    )


def check(
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    on: Annotated[str | None, typer.Option(help="Check as of this date.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Run every validator and list every problem (exit 1 if any is an error)."""
    with guard(), _open(coop_dir, database) as coop:
        _ = _lang(coop)
        problems = coop.check(parse_date(on, "on"))
    if as_json:
        print_json(
            [{"severity": p.severity, "where": p.where, "message": p.message} for p in problems]
        )
    elif not problems:
        console.print(_("No problems found."))
    else:
        texts = translator(coop.config.language, "problems")
        console.print(
            _table(
                _("Problems"),
                ["", _("Where"), _("Problem")],
                [(texts(p.severity), *p.text(texts)) for p in problems],
            )
        )
    if any(p.severity == "error" for p in problems):
        raise typer.Exit(code=1)


# -- members ------------------------------------------------------------------------------


@member_app.command("add")
def member_add(
    first_name: Annotated[str, typer.Option(help="First name.")],
    last_name: Annotated[str, typer.Option(help="Last name.")],
    person_id: Annotated[str, typer.Option("--personnummer", help="YYYYMMDD-NNNN.")],
    email: Annotated[str | None, typer.Option()] = None,
    phone: Annotated[str | None, typer.Option()] = None,
    bank_account: Annotated[str | None, typer.Option(help="Clearing-account.")] = None,
    tax: Annotated[str | None, typer.Option(help="Tax mode, e.g. table:33:1.")] = None,
    joined: Annotated[
        str | None, typer.Option(help="Date admitted (makes the person a member).")
    ] = None,
    role: Annotated[
        list[str] | None, typer.Option(help="board, treasurer, auditor, admin.")
    ] = None,
    number: Annotated[int | None, typer.Option(help="Member number (default: next).")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
    show: PersonalOption = False,
) -> None:
    """Register a member (or an applicant, without --joined)."""
    with guard():
        roles = frozenset(_role(r) for r in role or [])
        joined_on = parse_date(joined, "joined")
        with _open(coop_dir, database) as coop:
            member = coop.members.add(
                _actor(coop, as_member),
                first_name=first_name,
                last_name=last_name,
                person_id=person_id,
                email=email,
                phone=phone,
                bank_account=bank_account,
                tax_mode=tax,
                status="member" if joined_on else "applicant",
                joined_on=joined_on,
                roles=roles,
                number=number,
            )
            _ = _lang(coop)
    if as_json:
        print_json(_member_row(member, show))
    else:
        console.print(
            _("Member {number}: {name} ({status}).").format(
                number=member.number, name=member.name, status=_(member.status.value)
            )
        )


def _role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise InputError("role", f"{text!r} is unknown (known: {known})") from None


@member_app.command("list")
def member_list(
    status: Annotated[
        str | None, typer.Option(help="applicant, member, resigned, excluded.")
    ] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
    show: PersonalOption = False,
) -> None:
    """List members."""
    with guard():
        if status is not None and status not in ("applicant", "member", "resigned", "excluded"):
            raise InputError("status", f"{status!r} is not a membership status")
        with _open(coop_dir, database) as coop:
            members = coop.members.list(_actor(coop, as_member), status)
            _ = _lang(coop)
    rows = [_member_row(m, show) for m in members]
    if as_json:
        print_json(rows)
        return
    console.print(
        _table(
            _("Members"),
            ["#", _("Name"), _("Personnummer"), _("Status"), _("Joined"), _("Roles")],
            [
                (
                    r["number"],
                    r["name"],
                    r["person_id"],
                    r["status"],
                    r["joined_on"],
                    ", ".join(sorted(x for x in r["roles"] if x != "member")),
                )
                for r in rows
            ],
        )
    )


@member_app.command("show")
def member_show(
    member: Annotated[int, typer.Argument(help="Member number.")],
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
    show: PersonalOption = False,
) -> None:
    """Show one member."""
    with guard(), _open(coop_dir, database) as coop:
        found = coop.members.get(_actor(coop, as_member), member)
        _ = _lang(coop)
        from kooperativ.cli.employment import employment_warnings

        warnings = employment_warnings(coop, _actor(coop, as_member), member, date.today())
    row = _member_row(found, show)
    if as_json:
        print_json({**row, "employment_warnings": warnings})
        return
    table = Table(show_header=False, title=f"{_('Member')} {found.number}", title_justify="left")
    for key in (
        "name",
        "person_id",
        "birth_date",
        "email",
        "phone",
        "bank_account",
        "status",
        "joined_on",
        "left_on",
    ):
        table.add_row(key, "" if row.get(key) is None else str(row[key]))
    table.add_row("tax", row["tax"]["mode"])
    table.add_row("roles", ", ".join(sorted(row["roles"])))
    console.print(table)
    for line in warnings:  # employment time under LAS 5 a § and 25 §
        console.print(f"[yellow]![/] {line}")


MemberRef = Annotated[int, typer.Argument(help="Member number.")]
OnOption = Annotated[str | None, typer.Option(help="The day it takes effect (default: today).")]


def _status_change(
    change: str,
    message: str,
    member: int,
    on: str | None,
    coop_dir: Path,
    database: str | None,
    as_member: int | None,
) -> None:
    """Run ``coop.members.<change>`` on ``member`` from ``on`` and print ``message``."""
    with guard():
        day = parse_date(on, "on") or date.today()
        with _open(coop_dir, database) as coop:
            method = getattr(coop.members, change)
            found: Member = method(_actor(coop, as_member), member, day)
            _ = _lang(coop)
    effective = found.joined_on if change == "admit" else found.left_on
    console.print(_(message).format(number=found.number, day=effective))


@member_app.command("resign")
def member_resign(
    member: MemberRef,
    on: OnOption = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
) -> None:
    """Record that a member leaves the association (*utträde*)."""
    _status_change(
        "resign", "Member {number} resigned from {day}.", member, on, coop_dir, database, as_member
    )


@member_app.command("exclude")
def member_exclude(
    member: MemberRef,
    on: OnOption = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
) -> None:
    """Record that a member is excluded (after the decision the bylaws require)."""
    _status_change(
        "exclude", "Member {number} excluded from {day}.", member, on, coop_dir, database, as_member
    )


@member_app.command("admit")
def member_admit(
    member: MemberRef,
    on: OnOption = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
) -> None:
    """Admit an applicant as a member."""
    _status_change(
        "admit", "Member {number} admitted from {day}.", member, on, coop_dir, database, as_member
    )


# -- clients ------------------------------------------------------------------------------


def _client_row(client: Client) -> dict[str, Any]:
    return client.model_dump(mode="json")


@client_app.command("add")
def client_add(
    name: Annotated[str, typer.Option(help="Name of the organisation or person.")],
    orgnr: Annotated[str | None, typer.Option(help="Organisationsnummer.")] = None,
    vat_number: Annotated[str | None, typer.Option(help="VAT registration number.")] = None,
    email: Annotated[str | None, typer.Option()] = None,
    street: Annotated[str | None, typer.Option()] = None,
    postal_code: Annotated[str | None, typer.Option()] = None,
    city: Annotated[str | None, typer.Option()] = None,
    peppol_id: Annotated[str | None, typer.Option(help="e.g. 0007:2120000142.")] = None,
    public_sector: Annotated[bool, typer.Option(help="Invoice through Peppol.")] = False,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Register a client."""
    with guard():
        address = None
        if street or postal_code or city:
            address = {"street": street or "", "postal_code": postal_code or "", "city": city or ""}
        with _open(coop_dir, database) as coop:
            client = coop.clients.add(
                _actor(coop, as_member),
                name=name,
                orgnr=orgnr,
                vat_number=vat_number,
                email=email,
                address=address,
                peppol_id=peppol_id,
                public_sector=public_sector,
            )
            _ = _lang(coop)
    if as_json:
        print_json(_client_row(client))
    else:
        console.print(_("Client {number}: {name}.").format(number=client.number, name=client.name))


@client_app.command("list")
def client_list(
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """List clients."""
    with guard(), _open(coop_dir, database) as coop:
        clients = coop.clients.list(_actor(coop, as_member))
        _ = _lang(coop)
    if as_json:
        print_json([_client_row(c) for c in clients])
        return
    console.print(
        _table(
            _("Clients"),
            ["#", _("Name"), _("Organisation number"), "Peppol"],
            [(c.number, c.name, c.orgnr or "", c.peppol_id or "") for c in clients],
        )
    )


# -- assignments --------------------------------------------------------------------------


def _assignment_row(a: Assignment) -> dict[str, Any]:
    data = a.model_dump(mode="json")
    data["amount_excl_vat"] = str(a.amount_excl_vat)
    return data


@assignment_app.command("add")
def assignment_add(
    member: Annotated[int, typer.Option(help="Member number.")],
    client: Annotated[int, typer.Option(help="Client number.")],
    description: Annotated[str, typer.Option(help="What the work is.")],
    start: Annotated[str, typer.Option(help="First day (YYYY-MM-DD).")],
    end: Annotated[str, typer.Option(help="Last day (YYYY-MM-DD).")],
    amount: Annotated[str | None, typer.Option(help="Agreed amount excl. VAT.")] = None,
    hourly_rate: Annotated[str | None, typer.Option(help="Hourly rate excl. VAT.")] = None,
    hours: Annotated[str | None, typer.Option(help="Hours (with --hourly-rate).")] = None,
    vat: Annotated[
        str, typer.Option(help="VAT category: standard, reduced, culture, exempt.")
    ] = "standard",
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Register an assignment."""
    with guard():
        start_day = required_date(start, "start")
        end_day = required_date(end, "end")
        with _open(coop_dir, database) as coop:
            assignment = coop.assignments.add(
                _actor(coop, as_member),
                member=member,
                client=client,
                description=description,
                start=start_day,
                end=end_day,
                agreed_amount=parse_decimal(amount, "amount", allow_negative=True),
                hourly_rate=parse_decimal(hourly_rate, "hourly_rate", allow_negative=True),
                hours=parse_decimal(hours, "hours", allow_negative=True),
                vat_category=vat,
            )
            _ = _lang(coop)
    if as_json:
        print_json(_assignment_row(assignment))
    else:
        console.print(
            _("Assignment {number}: {description} ({amount} {currency} excl. VAT).").format(
                number=assignment.number,
                description=assignment.description,
                amount=assignment.amount_excl_vat,
                currency=assignment.currency,
            )
        )


@assignment_app.command("list")
def assignment_list(
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """List assignments."""
    with guard(), _open(coop_dir, database) as coop:
        actor = _actor(coop, as_member)
        found = coop.assignments.list(actor, member)
        names = {m.id: m.name for m in coop.members.list(actor)}
        clients = {c.id: c.name for c in coop.clients.list(actor)}
        _ = _lang(coop)
    if as_json:
        print_json([_assignment_row(a) for a in found])
        return
    console.print(
        _table(
            _("Assignments"),
            ["#", _("Member"), _("Client"), _("Description"), _("Period"), _("Amount excl. VAT")],
            [
                (
                    a.number,
                    names.get(a.member_id, ""),
                    clients.get(a.client_id, ""),
                    a.description,
                    f"{a.start} – {a.end}",
                    a.amount_excl_vat,
                )
                for a in found
            ],
        )
    )


@assignment_app.command("show")
def assignment_show(
    assignment: Annotated[int, typer.Argument(help="Assignment number.")],
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one assignment."""
    with guard(), _open(coop_dir, database) as coop:
        found = coop.assignments.get(_actor(coop, as_member), assignment)
    row = _assignment_row(found)
    if as_json:
        print_json(row)
        return
    table = Table(show_header=False, title=f"Assignment {found.number}", title_justify="left")
    for key, value in row.items():
        table.add_row(key, "" if value is None else str(value))
    console.print(table)


# -- demo ---------------------------------------------------------------------------------


def load_demo(coop: Cooperative, path: Path) -> dict[str, int]:
    """Register the demo members, clients, assignments and contracts of ``path``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(str(path), "", f"cannot read demo data: {exc}") from None
    admin = Actor.admin("demo")
    for item in data.get("members", []):
        fields = dict(item)
        fields["roles"] = frozenset(_role(r) for r in fields.get("roles", []))
        fields.setdefault("status", "member")
        coop.members.add(admin, **fields)
    for item in data.get("clients", []):
        coop.clients.add(admin, **item)
    for item in data.get("fees", []):
        coop.governance.pay_fee(admin, **item)
    members = {m.number: m for m in coop.members.list(admin)}
    treasurer = next((m for m in members.values() if Role.TREASURER in m.roles), None)
    board = next((m for m in members.values() if Role.BOARD in m.roles), None)
    for item in data.get("assignments", []):
        fields = dict(item)
        signed = fields.pop("signed", False)
        assignment = coop.assignments.add(admin, **fields)
        contract = coop.contracts.create(
            admin, assignment=assignment.number, made_on=assignment.start
        )
        if signed and treasurer is not None and board is not None:
            # The employee signs their own contract; the treasurer signs for the
            # cooperative, or a board member when the treasurer is the employee.
            at = datetime.combine(contract.made_on, time(9, 0), tzinfo=UTC)
            employee = members[int(fields["member"])]
            employer = board if employee.id == treasurer.id else treasurer
            coop.contracts.sign(
                coop.actor_for_member(employee.number), contract.number, "employee", at
            )
            coop.contracts.sign(
                coop.actor_for_member(employer.number), contract.number, "employer", at
            )
    return {key: len(data.get(key, [])) for key in ("members", "clients", "assignments")}


def demo(
    folder: Annotated[
        Path, typer.Option("--dir", help="Folder to create the demo cooperative in.")
    ] = Path("kooperativ-demo"),
) -> None:
    """Create the Interim kultur demo cooperative on SQLite and show what it holds."""
    with guard():
        if folder.exists():
            if not (folder / DEMO_MARKER).exists():
                raise InputError(
                    "dir", f"{folder} exists and is not a demo folder; choose another --dir"
                )
            shutil.rmtree(folder)
        Cooperative.init(folder, "interim_kultur")
        (folder / DEMO_MARKER).write_text("created by `kooperativ demo`; safe to delete\n")
        url = f"sqlite:///{(folder / 'kooperativ.db').resolve()}"
        with Cooperative.open(folder, url) as coop:
            counts = load_demo(coop, folder / "demo.toml")
            _ = _lang(coop)
            actor = Actor.admin()
            members = coop.members.list(actor)
            console.print(
                _("Demo cooperative {name} created in {folder} ({url}).").format(
                    name=coop.config.employer.name, folder=folder, url=url
                )
            )
            console.print(
                _table(
                    _("Members"),
                    ["#", _("Name"), _("Personnummer"), _("Roles")],
                    [
                        (
                            m.number,
                            m.name,
                            mask_personnummer(m.person_id),
                            ", ".join(sorted(r.value for r in m.roles if r is not Role.MEMBER)),
                        )
                        for m in members
                    ],
                )
            )
            names = {m.id: m.name for m in members}
            clients = {c.id: c.name for c in coop.clients.list(actor)}
            console.print(
                _table(
                    _("Assignments"),
                    ["#", _("Member"), _("Client"), _("Amount excl. VAT")],
                    [
                        (a.number, names[a.member_id], clients[a.client_id], a.amount_excl_vat)
                        for a in coop.assignments.list(actor)
                    ],
                )
            )
            _demo_extras(coop)
            _demo_roll(coop, date.today())
            problems = coop.check()
            audit = [str(p) for p in coop.audit.verify(actor).problems]
            events = len(coop.audit.events(actor))
        console.print(
            _("{members} members, {clients} clients, {assignments} assignments registered.").format(
                **counts
            )
        )
        texts = translator(coop.config.language, "problems")
        for problem in problems:
            where, message = problem.text(texts)
            console.print(f"  {texts(problem.severity)}: {where}: {message}")
        console.print(
            _("Audit trail intact: {count} events verified.").format(count=events)
            if not audit
            else f"[red]{audit}[/]"
        )
        console.print(_("Try: kooperativ member list --coop {folder}").format(folder=folder))


def _demo_extras(coop: Cooperative) -> None:
    """What each assignment would pay its member: invoice → fee → salary → tax → payout."""
    _ = _lang(coop)
    lang = coop.config.language
    actor = Actor.admin()
    rows: list[tuple[object, ...]] = []
    for assignment in coop.assignments.list(actor):
        salary = coop.payroll.preview(actor, assignment.number)
        amounts = (
            assignment.amount_excl_vat,
            salary.fee,
            salary.gross_salary,
            salary.holiday_pay,
            salary.employer_contributions,
            salary.preliminary_tax,
            salary.payout,
        )
        rows.append((assignment.number, *(format_amount(a, lang) for a in amounts)))
    console.print(
        _table(
            _("Salary per assignment (paid on the first pay day after it ends)"),
            [
                "#",
                _("Invoiced"),
                _("Fee"),
                _("Gross"),
                _("Holiday pay"),
                _("Contributions"),
                _("Tax"),
                _("Payout"),
            ],
            rows,
        )
    )


def _demo_roll(coop: Cooperative, on: date) -> None:
    """The röstlängd today, computed from the register, the fees and the bylaws."""
    _ = _lang(coop)
    gov = translator(coop.config.language, "governance")
    roll = coop.governance.roll(Actor.admin(), on)
    console.print(
        _table(
            _("Voting roll on {day}").format(day=on.isoformat()),
            ["#", _("Name"), _("Vote")],
            [
                (
                    e.number,
                    e.name,
                    _("yes") if e.votes else "; ".join(r.text(gov) for r in e.reasons),
                )
                for e in roll.entries
            ],
        )
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("init")(init)
    app.command("check")(check)
    app.command("demo")(demo)
    app.add_typer(member_app, name="member")
    app.add_typer(client_app, name="client")
    app.add_typer(assignment_app, name="assignment")

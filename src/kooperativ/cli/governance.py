# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ meeting …``, ``kooperativ fee …`` and ``kooperativ bylaws check``.

The commands parse options, call :class:`~kooperativ.services.governance.GovernanceService`
and print the result (rich text, or JSON with ``--json``). No rule lives here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.markup import escape
from rich.table import Table

from kooperativ.cli._common import console, guard, parse_date, parse_decimal, print_json
from kooperativ.cli.coop import AsOption, CoopOption, DatabaseOption, JsonOption, _actor, _open
from kooperativ.errors import InputError
from kooperativ.governance.bylaws import Bylaws, RuleSet, load_bylaws
from kooperativ.governance.meeting import AGENDA_TITLES, Meeting
from kooperativ.governance.verify import VerifyReport, load_meeting, parse_record, verify_meeting

__all__ = ["register"]

meeting_app = typer.Typer(
    help="General and board meetings: notice, votes, minutes.", no_args_is_help=True
)
fee_app = typer.Typer(help="Membership fees (medlemsavgifter).", no_args_is_help=True)
bylaws_app = typer.Typer(help="The bylaws (stadgar) as rules.", no_args_is_help=True)

MeetingArg = Annotated[int, typer.Argument(help="Meeting number.")]


def _required_date(value: str, field: str) -> date:
    day = parse_date(value, field)
    if day is None:  # pragma: no cover - typer requires the option
        raise InputError(field, "a date is required")
    return day


def _summary(meeting: Meeting) -> dict[str, Any]:
    return {
        "number": meeting.number,
        "kind": meeting.kind.value,
        "held_on": meeting.held_on.isoformat(),
        "state": meeting.state.value,
        "voters": len(meeting.roll.voters),
        "present": len(meeting.present),
        "motions": [
            {"number": m.number, "title": m.title, "outcome": m.outcome} for m in meeting.motions
        ],
        "elections": [
            {
                "number": e.number,
                "office": e.office,
                "outcome": e.outcome,
                "elected": list(e.result.winners) if e.result else [],
            }
            for e in meeting.elections
        ],
    }


def _done(meeting: Meeting, as_json: bool, message: str) -> None:
    if as_json:
        print_json(_summary(meeting))
    else:
        console.print(message)


# -- meetings -------------------------------------------------------------------------------


@meeting_app.command("create")
def meeting_create(
    kind: Annotated[str, typer.Option(help="annual, extra, board or digital.")] = "annual",
    on: Annotated[str, typer.Option("--date", help="Meeting date (digital: the deadline).")] = "",
    title: Annotated[str, typer.Option(help="Title.")] = "",
    location: Annotated[str | None, typer.Option(help="Where.")] = None,
    requested_by: Annotated[
        list[int] | None, typer.Option(help="Extra meeting: member who demanded it.")
    ] = None,
    auditor: Annotated[bool, typer.Option(help="Extra meeting: the auditor demanded it.")] = False,
    opens: Annotated[str | None, typer.Option(help="Digital decision: voting opens.")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a meeting with the default agenda and the röstlängd on its date."""
    with guard():
        held_on = _required_date(on, "date")
        with _open(coop_dir, database) as coop:
            meeting = coop.governance.create(
                _actor(coop, as_member),
                kind=kind,
                held_on=held_on,
                title=title,
                location=location,
                requested_by=requested_by or [],
                auditor_requested=auditor,
                opened_on=parse_date(opens, "opens"),
            )
    _done(
        meeting,
        as_json,
        f"Meeting {meeting.number}: {meeting.kind.value} on {meeting.held_on} "
        f"({len(meeting.roll.voters)} members with a vote).",
    )


@meeting_app.command("list")
def meeting_list(
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the meetings."""
    with guard(), _open(coop_dir, database) as coop:
        meetings = coop.governance.list(_actor(coop, as_member))
    if as_json:
        print_json([_summary(m) for m in meetings])
        return
    table = Table(title="Meetings", title_justify="left")
    for column in ("#", "kind", "date", "state", "voters", "present"):
        table.add_column(column)
    for m in meetings:
        table.add_row(
            str(m.number),
            m.kind.value,
            str(m.held_on),
            m.state.value,
            str(len(m.roll.voters)),
            str(len(m.present)),
        )
    console.print(table)


@meeting_app.command("notice")
def meeting_notice(
    meeting: MeetingArg,
    sent: Annotated[str, typer.Option(help="Day the notice was sent.")],
    method: Annotated[str, typer.Option(help="email, letter, website …")] = "email",
    matter: Annotated[list[str] | None, typer.Option(help="A matter named in the notice.")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record the notice (kallelse) and check it against the bylaws."""
    with guard():
        sent_on = _required_date(sent, "sent")
        with _open(coop_dir, database) as coop:
            found, problems = coop.governance.notice(
                _actor(coop, as_member),
                meeting,
                sent_on=sent_on,
                method=method,
                matters=matter or [],
            )
    if as_json:
        print_json({"meeting": found.number, "duly_called": not problems, "problems": problems})
        return
    if problems:
        for problem in problems:
            console.print(f"[yellow]warning:[/] {escape(problem)}")
    else:
        console.print(f"Notice recorded: meeting {found.number} is duly called.")


@meeting_app.command("agenda")
def meeting_agenda(
    meeting: MeetingArg,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the agenda generated from the bylaws."""
    with guard(), _open(coop_dir, database) as coop:
        found = coop.governance.get(_actor(coop, as_member), meeting)
    items = [
        {
            "number": a.number,
            "key": a.key,
            "title": AGENDA_TITLES.get(a.key, a.key),
            "reference": a.reference,
        }
        for a in found.agenda
    ]
    if as_json:
        print_json(items)
        return
    for item in items:
        ref = f"  ({item['reference']})" if item["reference"] else ""
        console.print(f"§ {item['number']}. {item['title']}{ref}")


@meeting_app.command("show")
def meeting_show(
    meeting: MeetingArg,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the röstlängd, attendance and decisions of a meeting."""
    with guard(), _open(coop_dir, database) as coop:
        found = coop.governance.get(_actor(coop, as_member), meeting)
    if as_json:
        data = _summary(found)
        data["roll"] = [
            {
                "number": e.number,
                "name": e.name,
                "votes": e.votes,
                "present": e.member_id in found.present,
                "reasons": [r.text() for r in e.reasons],
            }
            for e in found.roll.entries
        ]
        print_json(data)
        return
    table = Table(
        title=f"Röstlängd, meeting {found.number} ({found.held_on})", title_justify="left"
    )
    for column in ("#", "name", "vote", "present"):
        table.add_column(column)
    represented = found.represented()
    for e in found.roll.entries:
        vote = "yes" if e.votes else "no: " + "; ".join(r.text() for r in e.reasons)
        here = (
            "present"
            if e.member_id in found.present
            else f"proxy {represented[e.member_id].proxy_name}"
            if e.member_id in represented
            else ""
        )
        table.add_row(str(e.number), e.name, escape(vote), here)
    console.print(table)
    for m in found.motions:
        console.print(f"Motion {m.number}: {escape(m.title)} — {m.outcome or 'open'}")
    for el in found.elections:
        winners = ", ".join(el.result.winners) if el.result else "open"
        console.print(f"Election {el.number}: {escape(el.office)} — {winners}")


@meeting_app.command("officers")
def meeting_officers(
    meeting: MeetingArg,
    chair: Annotated[str | None, typer.Option(help="Chair (mötesordförande).")] = None,
    secretary: Annotated[str | None, typer.Option(help="Secretary.")] = None,
    adjuster: Annotated[list[str] | None, typer.Option(help="Adjuster (justerare).")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record the chair, secretary and adjusters the meeting elected."""
    with guard(), _open(coop_dir, database) as coop:
        found = coop.governance.officers(
            _actor(coop, as_member), meeting, chair=chair, secretary=secretary, adjusters=adjuster
        )
    _done(found, as_json, f"Officers of meeting {found.number} recorded.")


@meeting_app.command("attend")
def meeting_attend(
    meeting: MeetingArg,
    members: Annotated[list[int], typer.Argument(help="Member numbers present.")],
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record members as present."""
    with guard(), _open(coop_dir, database) as coop:
        found = coop.governance.attend(_actor(coop, as_member), meeting, members)
    _done(
        found,
        as_json,
        f"Present: {len(found.present)}; with a vote present or by proxy: {found.attending()} "
        f"of {len(found.roll.voters)}.",
    )


@meeting_app.command("proxy")
def meeting_proxy(
    meeting: MeetingArg,
    principal: Annotated[int, typer.Option(help="Member represented.")],
    dated: Annotated[str, typer.Option(help="Date on the mandate (fullmakt).")],
    proxy: Annotated[int | None, typer.Option(help="Proxy's member number.")] = None,
    proxy_name: Annotated[str | None, typer.Option(help="Proxy's name, if not a member.")] = None,
    oral: Annotated[bool, typer.Option(help="The mandate is not written.")] = False,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a proxy's mandate, checked against the bylaws."""
    with guard():
        day = _required_date(dated, "dated")
        with _open(coop_dir, database) as coop:
            found = coop.governance.proxy(
                _actor(coop, as_member),
                meeting,
                principal=principal,
                proxy=proxy,
                proxy_name=proxy_name,
                dated=day,
                written=not oral,
            )
    mandate = found.mandates[-1]
    _done(
        found,
        as_json,
        f"{mandate.proxy_name} votes for {found.name_of(mandate.principal_id)}.",
    )


@meeting_app.command("motion")
def meeting_motion(
    meeting: MeetingArg,
    title: Annotated[str, typer.Option(help="Title of the matter.")],
    text: Annotated[str, typer.Option(help="The proposal.")] = "",
    type_: Annotated[
        str, typer.Option("--type", help="ordinary, bylaw_amendment, dissolution, exclusion.")
    ] = "ordinary",
    proposer: Annotated[str | None, typer.Option(help="Who proposes it.")] = None,
    member_motion: Annotated[
        bool, typer.Option(help="A member's motion (the motion deadline applies).")
    ] = False,
    submitted: Annotated[str | None, typer.Option(help="Day a member's motion came in.")] = None,
    item: Annotated[str | None, typer.Option(help="Agenda item key (e.g. discharge).")] = None,
    previous: Annotated[
        str | None, typer.Option(help="First reading as MEETING:MOTION (two-meeting rule).")
    ] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Put a board proposal or a member's motion on the agenda."""
    with guard():
        first: tuple[int, int] | None = None
        if previous is not None:
            left, _, right = previous.partition(":")
            if not (left.isdigit() and right.isdigit()):
                raise InputError("previous", f"{previous!r}: write MEETING:MOTION, e.g. 1:3")
            first = (int(left), int(right))
        with _open(coop_dir, database) as coop:
            found = coop.governance.motion(
                _actor(coop, as_member),
                meeting,
                title=title,
                text=text,
                type=type_,
                proposer=proposer,
                by_board=not member_motion,
                submitted_on=parse_date(submitted, "submitted"),
                item=item,
                previous=first,
            )
    _done(found, as_json, f"Motion {found.motions[-1].number}: {escape(title)}.")


@meeting_app.command("amend")
def meeting_amend(
    meeting: MeetingArg,
    motion: Annotated[int, typer.Argument(help="Motion number.")],
    text: Annotated[str, typer.Option(help="The amendment.")],
    proposer: Annotated[str | None, typer.Option(help="Who proposes it.")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Propose an amendment, put against the proposal before the final vote."""
    with guard(), _open(coop_dir, database) as coop:
        found = coop.governance.amend(_actor(coop, as_member), meeting, motion, text, proposer)
    letter = found.motion(motion).amendments[-1].letter
    _done(found, as_json, f"Amendment {letter} to motion {motion}.")


@meeting_app.command("acclaim")
def meeting_acclaim(
    meeting: MeetingArg,
    motion: Annotated[int, typer.Argument(help="Motion number.")],
    outcome: Annotated[str, typer.Option(help="adopted or rejected.")] = "adopted",
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a motion decided by acclamation."""
    with guard():
        if outcome not in ("adopted", "rejected"):
            raise InputError("outcome", f"{outcome!r}: adopted or rejected")
        chosen: Literal["adopted", "rejected"] = "adopted" if outcome == "adopted" else "rejected"
        with _open(coop_dir, database) as coop:
            found = coop.governance.acclaim(_actor(coop, as_member), meeting, motion, chosen)
    _done(found, as_json, f"Motion {motion} {outcome} by acclamation.")


@meeting_app.command("election")
def meeting_election(
    meeting: MeetingArg,
    office: Annotated[str, typer.Option(help="What the election is for.")],
    candidate: Annotated[list[str], typer.Option(help="A candidate (repeat).")],
    seats: Annotated[int, typer.Option(help="How many are elected.")] = 1,
    secret: Annotated[bool, typer.Option(help="A secret ballot was asked for.")] = False,
    requested_by: Annotated[
        int | None, typer.Option(help="Member who asked for the secret ballot.")
    ] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add an election (method and secrecy as the bylaws say)."""
    with guard(), _open(coop_dir, database) as coop:
        found = coop.governance.election(
            _actor(coop, as_member),
            meeting,
            office=office,
            seats=seats,
            candidates=candidate,
            secret=secret,
            requested_by=requested_by,
        )
    election = found.elections[-1]
    how = "secret" if election.box.secret else "open"
    _done(found, as_json, f"Election {election.number}: {escape(office)} ({how} ballot).")


@meeting_app.command("vote")
def meeting_vote(
    meeting: MeetingArg,
    choice: Annotated[
        list[str] | None,
        typer.Option(help="yes/no/abstain; proposal/amendment; or candidates in order."),
    ] = None,
    motion: Annotated[int | None, typer.Option(help="Motion number.")] = None,
    election: Annotated[int | None, typer.Option(help="Election number.")] = None,
    member: Annotated[
        int | None, typer.Option(help="Whose vote (a principal, or any voter for the secretary).")
    ] = None,
    proxy: Annotated[int | None, typer.Option(help="The proxy who cast it.")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Cast a vote (yourself with --as, as proxy with --member, or entered by the board)."""
    with guard(), _open(coop_dir, database) as coop:
        picked: str | list[str] = choice or []
        if motion is not None:
            if not choice:
                raise InputError("choice", "give --choice yes, no or abstain")
            picked = choice[0]
        found = coop.governance.vote(
            _actor(coop, as_member),
            meeting,
            choice=picked,
            motion=motion,
            election=election,
            member=member,
            proxy=proxy,
        )
    _done(found, as_json, "Vote recorded.")


@meeting_app.command("close")
def meeting_close(
    meeting: MeetingArg,
    motion: Annotated[int | None, typer.Option(help="Count this motion's current vote.")] = None,
    election: Annotated[int | None, typer.Option(help="Count this election.")] = None,
    chair_vote: Annotated[
        str | None, typer.Option(help="Chair's casting vote on equal votes.")
    ] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Count a motion or an election; without one, close the meeting."""
    with guard(), _open(coop_dir, database) as coop:
        actor = _actor(coop, as_member)
        if motion is None and election is None:
            found = coop.governance.close(actor, meeting)
            message = f"Meeting {found.number} closed."
        else:
            found = coop.governance.count(
                actor, meeting, motion=motion, election=election, chair_vote=chair_vote
            )
            if motion is not None:
                target = found.motion(motion)
                last = target.polls[-1].result if target.polls else None
                message = f"Motion {motion}: " + (
                    target.outcome
                    or ("amendment carried" if last and last.passed else "proposal stands")
                )
                if last is not None:
                    message += "\n" + last.explanation.text(coop.config.language)
            else:
                counted = found.election(election or 0)
                message = f"Election {counted.number}: elected " + ", ".join(
                    counted.result.winners if counted.result else []
                )
                if counted.result is not None:
                    message += "\n" + counted.result.explanation.text(coop.config.language)
    _done(found, as_json, escape(message))


@meeting_app.command("reserve")
def meeting_reserve(
    meeting: MeetingArg,
    item: Annotated[str, typer.Option(help="'motion N' or 'election N'.")],
    text: Annotated[str, typer.Option(help="The reservation.")] = "",
    member: Annotated[int | None, typer.Option(help="Who reserves (default: --as).")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a reservation against a decision."""
    with guard(), _open(coop_dir, database) as coop:
        found = coop.governance.reserve(_actor(coop, as_member), meeting, item, text, member)
    _done(found, as_json, f"Reservation recorded against {item}.")


@meeting_app.command("minutes")
def meeting_minutes(
    meeting: MeetingArg,
    pdf: Annotated[Path | None, typer.Option(help="Write the PDF here.")] = None,
    md: Annotated[Path | None, typer.Option(help="Write Markdown here.")] = None,
    lang: Annotated[str | None, typer.Option(help="sv or en (default: the cooperative's).")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
) -> None:
    """Generate the minutes (protokoll) as PDF and/or Markdown; Markdown to stdout by default."""
    with guard(), _open(coop_dir, database) as coop:
        actor = _actor(coop, as_member)
        if pdf is not None:
            pdf.write_bytes(coop.governance.minutes(actor, meeting, lang=lang, format="pdf"))
            console.print(f"Minutes written to {pdf}.")
        text = coop.governance.minutes(actor, meeting, lang=lang, format="md").decode("utf-8")
    if md is not None:
        md.write_text(text, encoding="utf-8")
        console.print(f"Minutes written to {md}.")
    elif pdf is None:
        typer.echo(text, nl=False)


def _format(path: Path | None, given: str | None) -> Literal["toml", "json"]:
    name = given or (path.suffix.lstrip(".") if path is not None else "toml") or "toml"
    if name not in ("toml", "json"):
        raise InputError("format", f"{name!r}: toml or json")
    return "json" if name == "json" else "toml"


@meeting_app.command("export")
def meeting_export(
    meeting: MeetingArg,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
    format_: Annotated[str | None, typer.Option("--format", help="toml or json.")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
) -> None:
    """Export the meeting record as TOML or JSON."""
    with guard():
        fmt = _format(output, format_)
        with _open(coop_dir, database) as coop:
            text = coop.governance.export(_actor(coop, as_member), meeting, fmt)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        console.print(f"Meeting {meeting} exported to {output}.")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})") from None


@meeting_app.command("import")
def meeting_import(
    record: Annotated[Path, typer.Argument(help="Meeting record (.toml or .json).")],
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import a meeting record (e.g. a meeting held on paper)."""
    with guard():
        text = _read(record)
        with _open(coop_dir, database) as coop:
            found = coop.governance.import_record(
                _actor(coop, as_member), text, _format(record, None)
            )
    _done(found, as_json, f"Imported as meeting {found.number}.")


def _print_report(report: VerifyReport, as_json: bool) -> None:
    if as_json:
        data = report.model_dump(mode="json", exclude={"decisions": {"__all__": {"explanation"}}})
        data["ok"] = report.ok
        for check, raw in zip(report.decisions, data["decisions"], strict=True):
            raw["explanation"] = check.explanation.text("en") if check.explanation else None
        print_json(data)
        return
    console.print(
        f"Meeting {report.meeting} on {report.held_on}: rules from {report.rules_from}, "
        f"{report.voters} members with a vote."
    )
    for check in report.decisions:
        mark = "[green]✓[/]" if check.agrees else "[red]✗[/]"
        console.print(f"{mark} {check.item}: {escape(check.title)} — {escape(check.summary)}")
    for breach in report.breaches:
        console.print(f"[red]breach[/] {breach.where}: {escape(breach.message)}")
    console.print("Verified: no breach." if report.ok else "Breaches found.")


@meeting_app.command("verify")
def meeting_verify(
    record: Annotated[str, typer.Argument(help="Record file, or a stored meeting's number.")],
    bylaws: Annotated[
        Path | None, typer.Option(help="bylaws.toml (default: the cooperative's).")
    ] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Re-tally a meeting record from scratch and report every decision and rule breach."""
    with guard():
        path = Path(record)
        if path.is_file():
            rules: Bylaws = load_bylaws(bylaws or coop_dir)
            meeting = load_meeting(parse_record(_read(path), _format(path, None), str(path)), rules)
            report = verify_meeting(meeting, rules)
        elif record.isdigit():
            with _open(coop_dir, database) as coop:
                if bylaws is not None:
                    found = coop.governance.get(_actor(coop, as_member), int(record))
                    report = verify_meeting(found, load_bylaws(bylaws))
                else:
                    report = coop.governance.verify(_actor(coop, as_member), int(record))
        else:
            raise InputError("record", f"{record}: no such file")
    _print_report(report, as_json)
    if not report.ok:
        raise typer.Exit(code=1)


# -- membership fees ------------------------------------------------------------------------


@fee_app.command("pay")
def fee_pay(
    member: Annotated[int, typer.Option(help="Member number.")],
    year: Annotated[int, typer.Option(help="The year the fee is for.")],
    amount: Annotated[str, typer.Option(help="Amount paid.")],
    paid: Annotated[str, typer.Option(help="Day paid.")],
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a membership fee payment."""
    with guard():
        value = parse_decimal(amount, "amount")
        day = _required_date(paid, "paid")
        with _open(coop_dir, database) as coop:
            fee = coop.governance.pay_fee(
                _actor(coop, as_member), member, year=year, amount=value or "0", paid_on=day
            )
    if as_json:
        print_json(fee)
    else:
        console.print(f"Fee {year} of member {member} recorded ({fee.amount}).")


@fee_app.command("list")
def fee_list(
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """List membership fee payments."""
    with guard(), _open(coop_dir, database) as coop:
        actor = _actor(coop, as_member)
        fees = coop.governance.fees(actor, member)
        numbers = {m.id: m.number for m in coop.members.list(actor)}
    if as_json:
        print_json(fees)
        return
    table = Table(title="Membership fees", title_justify="left")
    for column in ("#", "member", "year", "amount", "paid"):
        table.add_column(column)
    for f in fees:
        table.add_row(
            str(f.number),
            str(numbers.get(f.member_id, "?")),
            str(f.year),
            str(f.amount),
            str(f.paid_on),
        )
    console.print(table)


# -- bylaws ---------------------------------------------------------------------------------


def _rules_summary(rules: RuleSet) -> dict[str, str]:
    v, m, q, p, e = (
        rules.voting_rights,
        rules.meetings,
        rules.quorum,
        rules.proxies,
        rules.elections,
    )
    fee = {
        "current_year": "this year's fee paid",
        "previous_year": "last year's fee paid",
        "none": "no fee rule",
    }
    summary = {
        "voting rights": f"{', '.join(v.statuses)}; {fee[v.fee_paid]}; member "
        f"≥ {v.minimum_membership_days} days"
        + ("; no arrears" if v.no_arrears else "")
        + f" ({v.reference})",
        "annual meeting": f"months {m.annual_from_month}–{m.annual_to_month}; notice "
        f"{m.notice_earliest_days}–{m.notice_latest_days} days before by "
        f"{', '.join(m.notice_methods)}; "
        f"motions {m.motion_deadline_days} days before ({m.reference})",
        "extra meeting": f"on request of {m.extra_meeting_share} of the voting members"
        + (" or the auditor" if m.extra_meeting_auditor else ""),
        "quorum": ("none" if q.share == 0 else f"{q.share} of the voting members")
        + (f" ({q.reference})" if q.reference else ""),
        "proxies": (
            f"allowed: {p.who.replace('_', ' ')}, at most {p.max_principals} principal(s), "
            f"{'written and dated, ' if p.written else ''}at most {p.max_age_days} days old"
            if p.allowed
            else "not allowed"
        )
        + (f" ({p.reference})" if p.reference else ""),
        "elections": f"{e.method.value}; secret ballot {e.secret.replace('_', ' ')}; ties by lot"
        + (f" ({e.reference})" if e.reference else ""),
        "digital decisions": "allowed" if rules.digital_decisions.allowed else "not allowed",
    }
    for kind in ("ordinary", "bylaw_amendment", "dissolution", "exclusion"):
        rule = rules.decisions.rule(kind)
        ref = f" ({rule.reference})" if rule.reference else ""
        summary[kind.replace("_", " ")] = f"{rule.describe()}; ties: {rule.tie}{ref}"
    return summary


@bylaws_app.command("check")
def bylaws_check(
    file: Annotated[Path, typer.Argument(help="bylaws.toml (or the folder holding it).")],
    on: Annotated[str | None, typer.Option(help="Show the rules in force on this date.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Validate bylaws.toml and summarise the rules in force on a date."""
    with guard():
        found = load_bylaws(file)
        day = parse_date(on, "on")
        rules = found.rules_on(day) if day else found.rules[-1]
        summary = _rules_summary(rules)
    periods = [
        {
            "valid_from": r.valid_from.isoformat(),
            "valid_to": r.valid_to.isoformat() if r.valid_to else None,
        }
        for r in found.rules
    ]
    if as_json:
        print_json(
            {
                "valid": True,
                "periods": periods,
                "in_force_from": rules.valid_from.isoformat(),
                "rules": summary,
            }
        )
        return
    console.print(f"Bylaws valid: {len(found.rules)} rule set(s).")
    console.print(
        f"Rules in force from {rules.valid_from}"
        + (f" to {rules.valid_to}:" if rules.valid_to else ":")
    )
    table = Table(show_header=False)
    for key, value in summary.items():
        table.add_row(key, escape(value))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``meeting``, ``fee`` and ``bylaws`` to ``app``."""
    app.add_typer(meeting_app, name="meeting")
    app.add_typer(fee_app, name="fee")
    app.add_typer(bylaws_app, name="bylaws")

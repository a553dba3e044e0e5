# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ meeting …``, ``kooperativ fee …`` and ``kooperativ bylaws check``.

The commands parse options, call :class:`~kooperativ.services.governance.GovernanceService`
and print the result (rich text, or JSON with ``--json``). No rule lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from kooperativ.cli._common import parse_date, parse_decimal, required_date, table
from kooperativ.cli._context import CliContext, shared_options

if TYPE_CHECKING:
    from kooperativ.governance.meeting import Meeting
    from kooperativ.governance.record_file import RecordFormat
    from kooperativ.governance.verify import VerifyReport

__all__ = ["register"]

meeting_app = typer.Typer(
    help="General and board meetings: notice, votes, minutes.", no_args_is_help=True
)
fee_app = typer.Typer(help="Membership fees (medlemsavgifter).", no_args_is_help=True)
bylaws_app = typer.Typer(help="The bylaws (stadgar) as rules.", no_args_is_help=True)

MeetingArg = Annotated[int, typer.Argument(help="Meeting number.")]

DOMAIN = "governance"


def _done(cli: CliContext, meeting: Meeting, message: str) -> None:
    """Print what a command did, or the meeting in short with ``message`` (``--json``)."""
    if cli.as_json:
        from kooperativ.governance.views import meeting_json

        cli.print_json(meeting_json(meeting, cli.language, message))
    else:
        cli.print(message)


def _money(cli: CliContext, amount: Decimal) -> str:
    return cli.money(amount)


def _day(cli: CliContext, day: date) -> str:
    from kooperativ.i18n import format_day

    return format_day(day, cli.language)


# -- meetings -------------------------------------------------------------------------------


@meeting_app.command("create")
@shared_options(actor=True, json=True)
def meeting_create(
    cli: CliContext,
    kind: Annotated[str, typer.Option(help="annual, extra, board or digital.")] = "annual",
    on: Annotated[str, typer.Option("--date", help="Meeting date (digital: the deadline).")] = "",
    title: Annotated[str, typer.Option(help="Title.")] = "",
    location: Annotated[str | None, typer.Option(help="Where.")] = None,
    requested_by: Annotated[
        list[int] | None, typer.Option(help="Extra meeting: member who demanded it.")
    ] = None,
    auditor: Annotated[bool, typer.Option(help="Extra meeting: the auditor demanded it.")] = False,
    opens: Annotated[str | None, typer.Option(help="Digital decision: voting opens.")] = None,
) -> None:
    """Create a meeting with the default agenda and the röstlängd on its date."""
    with cli.guard():
        held_on = required_date(on, "date")
        with cli.open() as coop:
            meeting = coop.governance.create(
                cli.actor(coop),
                kind=kind,
                held_on=held_on,
                title=title,
                location=location,
                requested_by=requested_by or [],
                auditor_requested=auditor,
                opened_on=parse_date(opens, "opens"),
            )
    _ = cli.texts(DOMAIN)
    _done(
        cli,
        meeting,
        _("Meeting {number}: {kind} on {day} ({voters} members with a vote).").format(
            number=meeting.number,
            kind=_(meeting.kind.value),
            day=_day(cli, meeting.held_on),
            voters=len(meeting.roll.voters),
        ),
    )


@meeting_app.command("list")
@shared_options(actor=True, json=True)
def meeting_list(cli: CliContext) -> None:
    """List the meetings."""
    with cli.guard(), cli.open() as coop:
        meetings = coop.governance.list(cli.actor(coop))
    if cli.as_json:
        from kooperativ.governance.views import meeting_json

        cli.print_json([meeting_json(m, cli.language) for m in meetings])
        return
    _ = cli.texts(DOMAIN)
    cli.print(
        table(
            _("Meetings"),
            ["#", _("kind"), _("date"), _("state"), _("voters"), _("present")],
            [
                (
                    m.number,
                    _(m.kind.value),
                    _day(cli, m.held_on),
                    _(m.state.value),
                    len(m.roll.voters),
                    len(m.present),
                )
                for m in meetings
            ],
            right=(4, 5),
        )
    )


@meeting_app.command("notice")
@shared_options(actor=True, json=True)
def meeting_notice(
    cli: CliContext,
    meeting: MeetingArg,
    sent: Annotated[str, typer.Option(help="Day the notice was sent.")],
    method: Annotated[str, typer.Option(help="email, letter, website …")] = "email",
    matter: Annotated[list[str] | None, typer.Option(help="A matter named in the notice.")] = None,
) -> None:
    """Record the notice (kallelse) and check it against the bylaws."""
    with cli.guard():
        sent_on = required_date(sent, "sent")
        with cli.open() as coop:
            found, problems = coop.governance.notice(
                cli.actor(coop),
                meeting,
                sent_on=sent_on,
                method=method,
                matters=matter or [],
            )
    if cli.as_json:
        from kooperativ.governance.views import notice_json

        cli.print_json(notice_json(found, problems, cli.language))
        return
    from rich.markup import escape

    from kooperativ.governance.findings import problem_text

    _ = cli.texts(DOMAIN)
    if problems:
        warning = _("warning")
        for problem in problems:
            cli.print(f"[yellow]{warning}:[/] {escape(problem_text(problem, cli.language))}")
    else:
        cli.print(
            _("Notice recorded: meeting {number} is duly called.").format(number=found.number)
        )


@meeting_app.command("agenda")
@shared_options(actor=True, json=True)
def meeting_agenda(cli: CliContext, meeting: MeetingArg) -> None:
    """Show the agenda generated from the bylaws."""
    with cli.guard(), cli.open() as coop:
        found = coop.governance.get(cli.actor(coop), meeting)
    from kooperativ.governance.views import agenda_json

    items = agenda_json(found)
    if cli.as_json:
        cli.print_json(items)
        return
    _ = cli.texts(DOMAIN)
    for item in items:
        ref = f"  ({item['reference']})" if item["reference"] else ""
        cli.print(f"§ {item['number']}. {_(str(item['title']))}{ref}")


@meeting_app.command("show")
@shared_options(actor=True, json=True)
def meeting_show(cli: CliContext, meeting: MeetingArg) -> None:
    """Show the röstlängd, attendance and decisions of a meeting."""
    with cli.guard(), cli.open() as coop:
        found = coop.governance.get(cli.actor(coop), meeting)
    lang = cli.language
    if cli.as_json:
        from kooperativ.governance.views import meeting_json, roll_json

        cli.print_json({**meeting_json(found, lang), "roll": roll_json(found, lang)})
        return
    from rich.markup import escape

    from kooperativ.governance.decisions import count_wording

    _ = cli.texts(DOMAIN)
    represented = found.represented()
    rows = []
    for e in found.roll.entries:
        vote = _("yes") if e.votes else _("no") + ": " + "; ".join(r.text(_) for r in e.reasons)
        here = (
            _("present")
            if e.member_id in found.present
            else _("by proxy: {name}").format(name=represented[e.member_id].proxy_name)
            if e.member_id in represented
            else ""
        )
        rows.append((e.number, e.name, escape(vote), escape(here)))
    title = _("Voting register, meeting {number} ({day})").format(
        number=found.number, day=_day(cli, found.held_on)
    )
    cli.print(table(title, ["#", _("name"), _("vote"), _("present")], rows))
    for m in found.motions:
        decision = m.decision
        outcome = _((m.outcome or "open").replace("_", " "))
        if decision.motion_result is not None:
            outcome += f" ({count_wording(decision.motion_result, lang)})"
        cli.print(
            _("Motion {number}: {title} — {outcome}").format(
                number=m.number, title=escape(m.title), outcome=escape(outcome)
            )
        )
    for el in found.elections:
        winners = ", ".join(el.result.winners) if el.result else _("open")
        cli.print(
            _("Election {number}: {office} — {winners}").format(
                number=el.number, office=escape(el.office), winners=escape(winners)
            )
        )


@meeting_app.command("officers")
@shared_options(actor=True, json=True)
def meeting_officers(
    cli: CliContext,
    meeting: MeetingArg,
    chair: Annotated[str | None, typer.Option(help="Chair (mötesordförande).")] = None,
    secretary: Annotated[str | None, typer.Option(help="Secretary.")] = None,
    adjuster: Annotated[list[str] | None, typer.Option(help="Adjuster (justerare).")] = None,
    chair_member: Annotated[
        int | None, typer.Option(help="The chair's member number, if a member.")
    ] = None,
) -> None:
    """Record the chair, secretary and adjusters the meeting elected."""
    with cli.guard(), cli.open() as coop:
        found = coop.governance.officers(
            cli.actor(coop),
            meeting,
            chair=chair,
            secretary=secretary,
            adjusters=adjuster,
            chair_member=chair_member,
        )
    _ = cli.texts(DOMAIN)
    _done(cli, found, _("Officers of meeting {number} recorded.").format(number=found.number))


@meeting_app.command("attend")
@shared_options(actor=True, json=True)
def meeting_attend(
    cli: CliContext,
    meeting: MeetingArg,
    members: Annotated[list[int], typer.Argument(help="Member numbers present.")],
) -> None:
    """Record members as present."""
    with cli.guard(), cli.open() as coop:
        found = coop.governance.attend(cli.actor(coop), meeting, members)
    _ = cli.texts(DOMAIN)
    _done(
        cli,
        found,
        _("Present: {present}; with a vote present or by proxy: {attending} of {voters}.").format(
            present=len(found.present), attending=found.attending(), voters=len(found.roll.voters)
        ),
    )


@meeting_app.command("proxy")
@shared_options(actor=True, json=True)
def meeting_proxy(
    cli: CliContext,
    meeting: MeetingArg,
    principal: Annotated[int, typer.Option(help="Member represented.")],
    dated: Annotated[str, typer.Option(help="Date on the mandate (fullmakt).")],
    proxy: Annotated[int | None, typer.Option(help="Proxy's member number.")] = None,
    proxy_name: Annotated[str | None, typer.Option(help="Proxy's name, if not a member.")] = None,
    oral: Annotated[bool, typer.Option(help="The mandate is not written.")] = False,
) -> None:
    """Record a proxy's mandate, checked against the bylaws."""
    with cli.guard():
        day = required_date(dated, "dated")
        with cli.open() as coop:
            found = coop.governance.proxy(
                cli.actor(coop),
                meeting,
                principal=principal,
                proxy=proxy,
                proxy_name=proxy_name,
                dated=day,
                written=not oral,
            )
    mandate = found.mandates[-1]
    _ = cli.texts(DOMAIN)
    _done(
        cli,
        found,
        _("{proxy} votes for {principal}.").format(
            proxy=mandate.proxy_name, principal=found.name_of(mandate.principal_id)
        ),
    )


@meeting_app.command("motion")
@shared_options(actor=True, json=True)
def meeting_motion(
    cli: CliContext,
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
) -> None:
    """Put a board proposal or a member's motion on the agenda."""
    with cli.guard():
        first: tuple[int, int] | None = None
        if previous is not None:
            left, _sep, right = previous.partition(":")
            if not (left.isdigit() and right.isdigit()):
                from kooperativ.errors import InputError

                raise InputError(
                    "previous", "{value!r}: write MEETING:MOTION, e.g. 1:3", value=previous
                )
            first = (int(left), int(right))
        with cli.open() as coop:
            found = coop.governance.motion(
                cli.actor(coop),
                meeting,
                title=title,
                text=text,
                decision_type=type_,
                proposer=proposer,
                by_board=not member_motion,
                submitted_on=parse_date(submitted, "submitted"),
                item=item,
                previous=first,
            )
    from rich.markup import escape

    _ = cli.texts(DOMAIN)
    _done(
        cli,
        found,
        _("Motion {number}: {title}.").format(number=found.motions[-1].number, title=escape(title)),
    )


@meeting_app.command("amend")
@shared_options(actor=True, json=True)
def meeting_amend(
    cli: CliContext,
    meeting: MeetingArg,
    motion: Annotated[int, typer.Argument(help="Motion number.")],
    text: Annotated[str, typer.Option(help="The amendment.")],
    proposer: Annotated[str | None, typer.Option(help="Who proposes it.")] = None,
) -> None:
    """Propose an amendment, put against the proposal before the final vote."""
    with cli.guard(), cli.open() as coop:
        found = coop.governance.amend(cli.actor(coop), meeting, motion, text, proposer)
    letter = found.motion(motion).amendments[-1].letter
    _ = cli.texts(DOMAIN)
    _done(
        cli,
        found,
        _("Amendment {letter} to motion {motion}.").format(letter=letter, motion=motion),
    )


@meeting_app.command("acclaim")
@shared_options(actor=True, json=True)
def meeting_acclaim(
    cli: CliContext,
    meeting: MeetingArg,
    motion: Annotated[int, typer.Argument(help="Motion number.")],
    outcome: Annotated[str, typer.Option(help="adopted or rejected.")] = "adopted",
) -> None:
    """Record a motion decided by acclamation."""
    with cli.guard():
        if outcome not in ("adopted", "rejected"):
            from kooperativ.errors import InputError

            raise InputError("outcome", "{value!r}: adopted or rejected", value=outcome)
        chosen: Literal["adopted", "rejected"] = "adopted" if outcome == "adopted" else "rejected"
        with cli.open() as coop:
            found = coop.governance.acclaim(cli.actor(coop), meeting, motion, chosen)
    _ = cli.texts(DOMAIN)
    said = (
        _("Motion {motion} adopted by acclamation.")
        if chosen == "adopted"
        else _("Motion {motion} rejected by acclamation.")
    )
    _done(cli, found, said.format(motion=motion))


@meeting_app.command("election")
@shared_options(actor=True, json=True)
def meeting_election(
    cli: CliContext,
    meeting: MeetingArg,
    office: Annotated[str, typer.Option(help="What the election is for.")],
    candidate: Annotated[list[str], typer.Option(help="A candidate (repeat).")],
    seats: Annotated[int, typer.Option(help="How many are elected.")] = 1,
    secret: Annotated[bool, typer.Option(help="A secret ballot was asked for.")] = False,
    requested_by: Annotated[
        int | None, typer.Option(help="Member who asked for the secret ballot.")
    ] = None,
) -> None:
    """Add an election (method and secrecy as the bylaws say)."""
    with cli.guard(), cli.open() as coop:
        found = coop.governance.election(
            cli.actor(coop),
            meeting,
            office=office,
            seats=seats,
            candidates=candidate,
            secret=secret,
            requested_by=requested_by,
        )
    from rich.markup import escape

    election = found.elections[-1]
    _ = cli.texts(DOMAIN)
    said = (
        _("Election {number}: {office} (secret ballot).")
        if election.box.secret
        else _("Election {number}: {office} (open ballot).")
    )
    _done(cli, found, said.format(number=election.number, office=escape(office)))


@meeting_app.command("vote")
@shared_options(actor=True, json=True)
def meeting_vote(
    cli: CliContext,
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
    paper: Annotated[
        bool, typer.Option(help="An officer enters a vote given on paper or by hand.")
    ] = False,
) -> None:
    """Cast a vote (yourself with --as, as proxy with --member), or enter a paper vote."""
    with cli.guard():
        picked: str | list[str] = choice or []
        if motion is not None:
            if not choice:
                from kooperativ.errors import InputError

                raise InputError("choice", "give --choice yes, no or abstain")
            picked = choice[0]
        with cli.open() as coop:
            found = coop.governance.vote(
                cli.actor(coop),
                meeting,
                choice=picked,
                motion=motion,
                election=election,
                member=member,
                proxy=proxy,
                paper=paper,
            )
    _done(cli, found, cli.texts(DOMAIN)("Vote recorded."))


@meeting_app.command("paper-ballots")
@shared_options(actor=True, json=True)
def meeting_paper_ballots(
    cli: CliContext,
    meeting: MeetingArg,
    voter: Annotated[list[int], typer.Option(help="A member who handed in a ballot (repeat).")],
    ballot: Annotated[
        list[str], typer.Option(help="A ballot from the box: names separated by ';' (repeat).")
    ],
    motion: Annotated[int | None, typer.Option(help="Motion number.")] = None,
    election: Annotated[int | None, typer.Option(help="Election number.")] = None,
) -> None:
    """Enter a secret ballot's paper ballots: who voted, and the box's ballots, apart."""
    choices: list[str | list[str]] = [
        [name.strip() for name in b.split(";") if name.strip()] if election else b.strip()
        for b in ballot
    ]
    with cli.guard(), cli.open() as coop:
        found = coop.governance.paper_ballots(
            cli.actor(coop),
            meeting,
            voters=voter,
            ballots=choices,
            motion=motion,
            election=election,
        )
    _done(cli, found, cli.texts(DOMAIN)("Paper ballots recorded."))


@meeting_app.command("close")
@shared_options(actor=True, json=True)
def meeting_close(
    cli: CliContext,
    meeting: MeetingArg,
    motion: Annotated[int | None, typer.Option(help="Count this motion's current vote.")] = None,
    election: Annotated[int | None, typer.Option(help="Count this election.")] = None,
    chair_vote: Annotated[
        str | None, typer.Option(help="Chair's casting vote on equal votes.")
    ] = None,
) -> None:
    """Count a motion or an election; without one, close the meeting."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        if motion is None and election is None:
            found = coop.governance.close(actor, meeting)
        else:
            found = coop.governance.count(
                actor, meeting, motion=motion, election=election, chair_vote=chair_vote
            )
    from rich.markup import escape

    from kooperativ.governance.decisions import poll_wording

    lang = cli.language
    _ = cli.texts(DOMAIN)
    if motion is None and election is None:
        message = _("Meeting {number} closed.").format(number=found.number)
    elif motion is not None:
        target = found.motion(motion)
        last = target.polls[-1] if target.polls else None
        outcome = _(target.outcome.replace("_", " ")) if target.outcome else ""
        message = _("Motion {motion}: {outcome}").format(motion=motion, outcome=outcome)
        if last is not None and last.result is not None:
            message = message.rstrip(": ") + "\n" + poll_wording(target, last, lang)
            message += "\n" + last.result.explanation.text(lang)
    else:
        counted = found.election(election or 0)
        message = _("Election {number}: elected {names}").format(
            number=counted.number,
            names=", ".join(counted.result.winners if counted.result else []),
        )
        if counted.result is not None:
            message += "\n" + counted.result.explanation.text(lang)
    _done(cli, found, escape(message))


@meeting_app.command("reserve")
@shared_options(actor=True, json=True)
def meeting_reserve(
    cli: CliContext,
    meeting: MeetingArg,
    item: Annotated[str, typer.Option(help="'motion N' or 'election N'.")],
    text: Annotated[str, typer.Option(help="The reservation.")] = "",
    member: Annotated[int | None, typer.Option(help="Who reserves (default: --as).")] = None,
) -> None:
    """Record a reservation against a decision."""
    with cli.guard(), cli.open() as coop:
        found = coop.governance.reserve(cli.actor(coop), meeting, item, text, member)
    from rich.markup import escape

    _ = cli.texts(DOMAIN)
    _done(cli, found, _("Reservation recorded against {item}.").format(item=escape(item)))


@meeting_app.command("minutes")
@shared_options(actor=True)
def meeting_minutes(
    cli: CliContext,
    meeting: MeetingArg,
    pdf: Annotated[Path | None, typer.Option(help="Write the PDF here.")] = None,
    md: Annotated[Path | None, typer.Option(help="Write Markdown here.")] = None,
) -> None:
    """Generate the minutes (protokoll) as PDF and/or Markdown; Markdown to stdout by default.

    The minutes' language is the command's: ``--lang``, else the cooperative's.
    """
    lang = cli.language if cli.chosen_language else None
    _ = cli.texts(DOMAIN)
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        if pdf is not None:
            pdf.write_bytes(
                coop.governance.minutes(actor, meeting, lang=lang, document_format="pdf")
            )
            cli.print(_("Minutes written to {path}.").format(path=pdf))
        text = coop.governance.minutes(actor, meeting, lang=lang, document_format="md").decode(
            "utf-8"
        )
    if md is not None:
        with cli.guard():
            md.write_text(text, encoding="utf-8")
        cli.print(_("Minutes written to {path}.").format(path=md))
    elif pdf is None:
        typer.echo(text, nl=False)


def _format(path: Path | None, given: str | None) -> RecordFormat:
    name = given or (path.suffix.lstrip(".") if path is not None else "toml") or "toml"
    if name not in ("toml", "json"):
        from kooperativ.errors import InputError

        raise InputError("format", "{value!r}: toml or json", value=name)
    return "json" if name == "json" else "toml"


@meeting_app.command("export")
@shared_options(actor=True)
def meeting_export(
    cli: CliContext,
    meeting: MeetingArg,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
    format_: Annotated[str | None, typer.Option("--format", help="toml or json.")] = None,
) -> None:
    """Export the meeting record as TOML or JSON."""
    with cli.guard():
        fmt = _format(output, format_)
        with cli.open() as coop:
            text = coop.governance.export(cli.actor(coop), meeting, fmt)
        if output is not None:
            output.write_text(text, encoding="utf-8")
    if output is None:
        typer.echo(text, nl=False)
    else:
        cli.print(
            cli.texts(DOMAIN)("Meeting {number} exported to {path}.").format(
                number=meeting, path=output
            )
        )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        from kooperativ.errors import InputError, os_reason

        raise InputError(str(path), "cannot be read ({reason})", reason=os_reason(exc)) from None


@meeting_app.command("import")
@shared_options(actor=True, json=True)
def meeting_import(
    cli: CliContext,
    record: Annotated[Path, typer.Argument(help="Meeting record (.toml or .json).")],
) -> None:
    """Import a meeting record (e.g. a meeting held on paper)."""
    with cli.guard():
        from kooperativ.governance.record_file import read_record

        data = _read(record)
        fmt = _format(record, None)
        read_record(data, fmt, str(record))  # a clear error for bytes that are not UTF-8
        with cli.open() as coop:
            found = coop.governance.import_record(cli.actor(coop), data.decode("utf-8-sig"), fmt)
    _ = cli.texts(DOMAIN)
    _done(cli, found, _("Imported as meeting {number}.").format(number=found.number))


def _where(where: str, _: Callable[[str], str]) -> str:
    """``motion 2``, ``election 1``, ``meeting`` … with the item's kind translated."""
    kind, _sep, number = where.partition(" ")
    return f"{_(kind)} {number}".strip()


def _print_report(cli: CliContext, report: VerifyReport) -> None:
    lang = cli.language
    if cli.as_json:
        from kooperativ.governance.views import verify_json

        cli.print_json(verify_json(report, lang))
        return
    from rich.markup import escape

    from kooperativ.governance.findings import problem_text, where_text

    _ = cli.texts(DOMAIN)
    cli.print(
        _(
            "Meeting {number} on {day}: rules from {rules_from}, {voters} members with a vote."
        ).format(
            number=report.meeting,
            day=_day(cli, report.held_on),
            rules_from=_day(cli, report.rules_from),
            voters=report.voters,
        )
    )
    for check in report.decisions:
        mark = "[green]✓[/]" if check.agrees else "[red]✗[/]"
        item = _where(check.item, _)
        summary = escape(check.summary_text(lang))
        cli.print(f"{mark} {item}: {escape(check.title)} — {summary}")
    breach_word = _("breach")
    for breach in report.breaches:
        where = where_text(breach, lang)
        cli.print(f"[red]{breach_word}[/] {where}: {escape(problem_text(breach, lang))}")
    cli.print(_("Verified: no breach.") if report.ok else _("Breaches found."))


@meeting_app.command("verify")
@shared_options(actor=True, json=True)
def meeting_verify(
    cli: CliContext,
    record: Annotated[str, typer.Argument(help="Record file, or a stored meeting's number.")],
    bylaws: Annotated[
        Path | None, typer.Option(help="bylaws.toml (default: the cooperative's).")
    ] = None,
) -> None:
    """Re-tally a meeting record from scratch and report every decision and rule breach."""
    with cli.guard():
        from kooperativ.governance.bylaws import load_bylaws
        from kooperativ.governance.verify import verify_meeting

        path = Path(record)
        if path.is_file():
            from kooperativ.governance.record_file import load_meeting, read_record

            cli.fallback_country_language()
            rules = load_bylaws(bylaws or cli.folder or Path("."))
            meeting = load_meeting(read_record(_read(path), _format(path, None), str(path)), rules)
            report = verify_meeting(meeting, rules)
        elif record.isdigit():
            with cli.open() as coop:
                actor = cli.actor(coop)
                if bylaws is not None:
                    found = coop.governance.get(actor, int(record))
                    report = verify_meeting(found, load_bylaws(bylaws))
                else:
                    report = coop.governance.verify(actor, int(record))
        else:
            from kooperativ.errors import InputError

            raise InputError("record", "{file}: no such file", file=record)
    _print_report(cli, report)
    if not report.ok:
        raise typer.Exit(code=1)


# -- membership fees ------------------------------------------------------------------------


@fee_app.command("pay")
@shared_options(actor=True, json=True)
def fee_pay(
    cli: CliContext,
    member: Annotated[int, typer.Option(help="Member number.")],
    year: Annotated[int, typer.Option(help="The year the fee is for.")],
    amount: Annotated[str, typer.Option(help="Amount paid.")],
    paid: Annotated[str, typer.Option(help="Day paid.")],
) -> None:
    """Record a membership fee payment."""
    with cli.guard():
        value = parse_decimal(amount, "amount")
        day = required_date(paid, "paid")
        with cli.open() as coop:
            fee = coop.governance.pay_fee(
                cli.actor(coop), member, year=year, amount=value or "0", paid_on=day
            )
    if cli.as_json:
        cli.print_json(fee.model_dump(mode="json"))
    else:
        cli.print(
            cli.texts(DOMAIN)("Fee {year} of member {member} recorded ({amount}).").format(
                year=year, member=member, amount=_money(cli, fee.amount)
            )
        )


@fee_app.command("list")
@shared_options(actor=True, json=True)
def fee_list(
    cli: CliContext,
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
) -> None:
    """List membership fee payments."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        fees = coop.governance.fees(actor, member)
        # The members the fees are of, by id (one lookup each, not the whole register).
        numbers = {i: coop.members.get(actor, i).number for i in {f.member_id for f in fees}}
    if cli.as_json:
        cli.print_json([f.model_dump(mode="json") for f in fees])
        return
    _ = cli.texts(DOMAIN)
    cli.print(
        table(
            _("Membership fees"),
            ["#", _("member"), _("year"), _("amount"), _("paid")],
            [
                (
                    f.number,
                    numbers.get(f.member_id, "?"),
                    f.year,
                    _money(cli, f.amount),
                    _day(cli, f.paid_on),
                )
                for f in fees
            ],
            right=(3,),
        )
    )


# -- bylaws ---------------------------------------------------------------------------------


@bylaws_app.command("check")
@shared_options(coop=False, json=True)
def bylaws_check(
    cli: CliContext,
    file: Annotated[Path, typer.Argument(help="bylaws.toml (or the folder holding it).")],
    on: Annotated[str | None, typer.Option(help="Show the rules in force on this date.")] = None,
) -> None:
    """Validate bylaws.toml and summarise the rules in force on a date."""
    cli.adopt_folder_language(file if file.is_dir() else file.parent)
    with cli.guard():
        from kooperativ.governance.bylaws import load_bylaws
        from kooperativ.governance.summary import rules_summary

        cli.fallback_country_language()
        found = load_bylaws(file)
        day = parse_date(on, "on")
        rules = found.rules_on(day) if day else found.rules[-1]
        summary = rules_summary(rules, cli.language)
    if cli.as_json:
        from kooperativ.governance.views import bylaws_json

        cli.print_json(bylaws_json(found, rules, summary))
        return
    from rich.markup import escape
    from rich.table import Table

    _ = cli.texts(DOMAIN)
    cli.print(_("Bylaws valid: {count} rule set(s).").format(count=len(found.rules)))
    start = _day(cli, rules.valid_from)
    cli.print(
        _("Rules in force from {start} to {end}:").format(
            start=start, end=_day(cli, rules.valid_to)
        )
        if rules.valid_to
        else _("Rules in force from {start}:").format(start=start)
    )
    summary_table = Table(show_header=False)
    summary_table.add_column(overflow="fold")
    summary_table.add_column(overflow="fold")
    for line in summary:
        summary_table.add_row(line.topic, escape(line.text))
    cli.print(summary_table)


def register(app: typer.Typer) -> None:
    """Add ``meeting``, ``fee`` and ``bylaws`` to ``app``."""
    app.add_typer(meeting_app, name="meeting")
    app.add_typer(fee_app, name="fee")
    app.add_typer(bylaws_app, name="bylaws")

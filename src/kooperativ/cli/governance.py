# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ meeting …``, ``kooperativ fee …`` and ``kooperativ bylaws check``.

The commands parse options, call :class:`~kooperativ.services.governance.GovernanceService`
and print the result (rich text, or JSON with ``--json``). No rule lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.markup import escape
from rich.table import Table

from kooperativ.cli._common import (
    console,
    current_language,
    guard,
    parse_date,
    parse_decimal,
    print_json,
    required_date,
)
from kooperativ.cli.coop import AsOption, CoopOption, DatabaseOption, JsonOption, _actor, _open
from kooperativ.cooperative import Cooperative
from kooperativ.errors import InputError, os_reason
from kooperativ.governance.bylaws import Bylaws, load_bylaws
from kooperativ.governance.decisions import count_wording, poll_wording
from kooperativ.governance.findings import problem_text, where_text
from kooperativ.governance.meeting import AGENDA_TITLES, Meeting
from kooperativ.governance.record_file import RecordFormat, load_meeting, read_record
from kooperativ.governance.summary import rules_summary
from kooperativ.governance.verify import VerifyReport, verify_meeting
from kooperativ.i18n import LANGUAGES, format_amount, format_day, translator
from kooperativ.problems import Problem

__all__ = ["register"]

meeting_app = typer.Typer(
    help="General and board meetings: notice, votes, minutes.", no_args_is_help=True
)
fee_app = typer.Typer(help="Membership fees (medlemsavgifter).", no_args_is_help=True)
bylaws_app = typer.Typer(help="The bylaws (stadgar) as rules.", no_args_is_help=True)

MeetingArg = Annotated[int, typer.Argument(help="Meeting number.")]
LangOption = Annotated[
    str | None, typer.Option("--lang", help="sv or en (default: the cooperative's, else sv).")
]

#: The language of the texts when no cooperative says otherwise (the Swedish rules).
DEFAULT_LANGUAGE = "sv"


def _texts(lang: str) -> Callable[[str], str]:
    """The gettext function of ``lang`` for the governance commands."""
    return translator(lang, "governance")


def _language(coop: Cooperative, given: str | None = None) -> str:
    return _chosen(given) if given is not None else coop.config.language


def _chosen(given: str | None) -> str:
    lang = given or DEFAULT_LANGUAGE
    if lang not in LANGUAGES:
        raise InputError("lang", "{lang!r} is not supported (choose sv or en)", lang=lang)
    return lang


def _summary(meeting: Meeting, lang: str | None = None) -> dict[str, Any]:
    """A meeting in JSON: machine codes, with the words in ``lang`` beside them (default:
    the command's language)."""
    lang = lang or current_language()
    _ = _texts(lang)
    return {
        "number": meeting.number,
        "kind": meeting.kind.value,
        "kind_text": _(meeting.kind.value),
        "held_on": meeting.held_on.isoformat(),
        "state": meeting.state.value,
        "state_text": _(meeting.state.value),
        "voters": len(meeting.roll.voters),
        "present": len(meeting.present),
        "motions": [
            {
                "number": m.number,
                "title": m.title,
                "outcome": m.outcome,
                "message": m.decision.wording(lang),
            }
            for m in meeting.motions
        ],
        "elections": [
            {
                "number": e.number,
                "office": e.office,
                "outcome": e.outcome,
                "elected": list(e.result.winners) if e.result else [],
                "message": e.decision.wording(lang),
            }
            for e in meeting.elections
        ],
    }


def _done(meeting: Meeting, as_json: bool, message: str, lang: str | None = None) -> None:
    if as_json:
        data = _summary(meeting, lang)
        data["message"] = message
        print_json(data)
    else:
        console.print(message)


def _money(amount: Any, lang: str) -> str:
    """An amount as the language writes it: ``60 000,00 kr`` (sv), ``SEK 60,000.00`` (en)."""
    text = format_amount(amount, lang)
    return f"{text} kr" if lang == "sv" else f"SEK {text}"


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
        held_on = required_date(on, "date")
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
            lang = _language(coop)
    _ = _texts(lang)
    _done(
        meeting,
        as_json,
        _("Meeting {number}: {kind} on {day} ({voters} members with a vote).").format(
            number=meeting.number,
            kind=_(meeting.kind.value),
            day=format_day(meeting.held_on, lang),
            voters=len(meeting.roll.voters),
        ),
        lang,
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
        lang = _language(coop)
    if as_json:
        print_json([_summary(m, lang) for m in meetings])
        return
    _ = _texts(lang)
    table = Table(title=_("Meetings"), title_justify="left")
    for column in ("#", _("kind"), _("date"), _("state"), _("voters"), _("present")):
        table.add_column(column)
    for m in meetings:
        table.add_row(
            str(m.number),
            _(m.kind.value),
            format_day(m.held_on, lang),
            _(m.state.value),
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
        sent_on = required_date(sent, "sent")
        with _open(coop_dir, database) as coop:
            found, problems = coop.governance.notice(
                _actor(coop, as_member),
                meeting,
                sent_on=sent_on,
                method=method,
                matters=matter or [],
            )
            lang = _language(coop)
    if as_json:
        print_json(
            {
                "meeting": found.number,
                "duly_called": not problems,
                "problems": [_problem_json(p, lang) for p in problems],
            }
        )
        return
    _ = _texts(lang)
    if problems:
        warning = _("warning")
        for problem in problems:
            console.print(f"[yellow]{warning}:[/] {escape(problem_text(problem, lang))}")
    else:
        console.print(
            _("Notice recorded: meeting {number} is duly called.").format(number=found.number)
        )


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
        lang = _language(coop)
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
    _ = _texts(lang)
    for item in items:
        ref = f"  ({item['reference']})" if item["reference"] else ""
        console.print(f"§ {item['number']}. {_(str(item['title']))}{ref}")


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
        lang = _language(coop)
    if as_json:
        data = _summary(found, lang)
        data["roll"] = [
            {
                "number": e.number,
                "name": e.name,
                "votes": e.votes,
                "present": e.member_id in found.present,
                "reasons": [{"code": r.code, "message": r.text(_texts(lang))} for r in e.reasons],
            }
            for e in found.roll.entries
        ]
        print_json(data)
        return
    _ = _texts(lang)
    title = _("Voting register, meeting {number} ({day})").format(
        number=found.number, day=format_day(found.held_on, lang)
    )
    table = Table(title=title, title_justify="left")
    for column in ("#", _("name"), _("vote"), _("present")):
        table.add_column(column)
    represented = found.represented()
    for e in found.roll.entries:
        vote = _("yes") if e.votes else _("no") + ": " + "; ".join(r.text(_) for r in e.reasons)
        here = (
            _("present")
            if e.member_id in found.present
            else _("by proxy: {name}").format(name=represented[e.member_id].proxy_name)
            if e.member_id in represented
            else ""
        )
        table.add_row(str(e.number), e.name, escape(vote), escape(here))
    console.print(table)
    for m in found.motions:
        decision = m.decision
        outcome = _((m.outcome or "open").replace("_", " "))
        if decision.motion_result is not None:
            outcome += f" ({count_wording(decision.motion_result, lang)})"
        console.print(
            _("Motion {number}: {title} — {outcome}").format(
                number=m.number, title=escape(m.title), outcome=escape(outcome)
            )
        )
    for el in found.elections:
        winners = ", ".join(el.result.winners) if el.result else _("open")
        console.print(
            _("Election {number}: {office} — {winners}").format(
                number=el.number, office=escape(el.office), winners=escape(winners)
            )
        )


@meeting_app.command("officers")
def meeting_officers(
    meeting: MeetingArg,
    chair: Annotated[str | None, typer.Option(help="Chair (mötesordförande).")] = None,
    secretary: Annotated[str | None, typer.Option(help="Secretary.")] = None,
    adjuster: Annotated[list[str] | None, typer.Option(help="Adjuster (justerare).")] = None,
    chair_member: Annotated[
        int | None, typer.Option(help="The chair's member number, if a member.")
    ] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record the chair, secretary and adjusters the meeting elected."""
    with guard(), _open(coop_dir, database) as coop:
        found = coop.governance.officers(
            _actor(coop, as_member),
            meeting,
            chair=chair,
            secretary=secretary,
            adjusters=adjuster,
            chair_member=chair_member,
        )
        _ = _texts(_language(coop))
    _done(found, as_json, _("Officers of meeting {number} recorded.").format(number=found.number))


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
        _ = _texts(_language(coop))
    _done(
        found,
        as_json,
        _("Present: {present}; with a vote present or by proxy: {attending} of {voters}.").format(
            present=len(found.present), attending=found.attending(), voters=len(found.roll.voters)
        ),
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
        day = required_date(dated, "dated")
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
            _ = _texts(_language(coop))
    mandate = found.mandates[-1]
    _done(
        found,
        as_json,
        _("{proxy} votes for {principal}.").format(
            proxy=mandate.proxy_name, principal=found.name_of(mandate.principal_id)
        ),
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
            left, _sep, right = previous.partition(":")
            if not (left.isdigit() and right.isdigit()):
                raise InputError(
                    "previous", "{value!r}: write MEETING:MOTION, e.g. 1:3", value=previous
                )
            first = (int(left), int(right))
        with _open(coop_dir, database) as coop:
            found = coop.governance.motion(
                _actor(coop, as_member),
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
            _ = _texts(_language(coop))
    _done(
        found,
        as_json,
        _("Motion {number}: {title}.").format(number=found.motions[-1].number, title=escape(title)),
    )


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
        _ = _texts(_language(coop))
    letter = found.motion(motion).amendments[-1].letter
    _done(
        found,
        as_json,
        _("Amendment {letter} to motion {motion}.").format(letter=letter, motion=motion),
    )


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
            raise InputError("outcome", "{value!r}: adopted or rejected", value=outcome)
        chosen: Literal["adopted", "rejected"] = "adopted" if outcome == "adopted" else "rejected"
        with _open(coop_dir, database) as coop:
            found = coop.governance.acclaim(_actor(coop, as_member), meeting, motion, chosen)
            _ = _texts(_language(coop))
    said = (
        _("Motion {motion} adopted by acclamation.")
        if chosen == "adopted"
        else _("Motion {motion} rejected by acclamation.")
    )
    _done(found, as_json, said.format(motion=motion))


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
        _ = _texts(_language(coop))
    election = found.elections[-1]
    said = (
        _("Election {number}: {office} (secret ballot).")
        if election.box.secret
        else _("Election {number}: {office} (open ballot).")
    )
    _done(found, as_json, said.format(number=election.number, office=escape(office)))


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
    paper: Annotated[
        bool, typer.Option(help="An officer enters a vote given on paper or by hand.")
    ] = False,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Cast a vote (yourself with --as, as proxy with --member), or enter a paper vote."""
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
            paper=paper,
        )
        lang = _language(coop)
    _done(found, as_json, _texts(lang)("Vote recorded."), lang)


@meeting_app.command("paper-ballots")
def meeting_paper_ballots(
    meeting: MeetingArg,
    voter: Annotated[list[int], typer.Option(help="A member who handed in a ballot (repeat).")],
    ballot: Annotated[
        list[str], typer.Option(help="A ballot from the box: names separated by ';' (repeat).")
    ],
    motion: Annotated[int | None, typer.Option(help="Motion number.")] = None,
    election: Annotated[int | None, typer.Option(help="Election number.")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Enter a secret ballot's paper ballots: who voted, and the box's ballots, apart."""
    with guard(), _open(coop_dir, database) as coop:
        choices: list[str | list[str]] = [
            [name.strip() for name in b.split(";") if name.strip()] if election else b.strip()
            for b in ballot
        ]
        found = coop.governance.paper_ballots(
            _actor(coop, as_member),
            meeting,
            voters=voter,
            ballots=choices,
            motion=motion,
            election=election,
        )
        lang = _language(coop)
    _done(found, as_json, _texts(lang)("Paper ballots recorded."), lang)


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
        lang = _language(coop)
        _ = _texts(lang)
        if motion is None and election is None:
            found = coop.governance.close(actor, meeting)
            message = _("Meeting {number} closed.").format(number=found.number)
        else:
            found = coop.governance.count(
                actor, meeting, motion=motion, election=election, chair_vote=chair_vote
            )
            if motion is not None:
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
    _done(found, as_json, escape(message), lang)


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
        _ = _texts(_language(coop))
    _done(found, as_json, _("Reservation recorded against {item}.").format(item=escape(item)))


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
        _ = _texts(_language(coop, lang))
        if pdf is not None:
            pdf.write_bytes(
                coop.governance.minutes(actor, meeting, lang=lang, document_format="pdf")
            )
            console.print(_("Minutes written to {path}.").format(path=pdf))
        text = coop.governance.minutes(actor, meeting, lang=lang, document_format="md").decode(
            "utf-8"
        )
    if md is not None:
        md.write_text(text, encoding="utf-8")
        console.print(_("Minutes written to {path}.").format(path=md))
    elif pdf is None:
        typer.echo(text, nl=False)


def _format(path: Path | None, given: str | None) -> RecordFormat:
    name = given or (path.suffix.lstrip(".") if path is not None else "toml") or "toml"
    if name not in ("toml", "json"):
        raise InputError("format", "{value!r}: toml or json", value=name)
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
            _ = _texts(_language(coop))
    if output is None:
        typer.echo(text, nl=False)
    else:
        with guard():
            output.write_text(text, encoding="utf-8")
        console.print(_("Meeting {number} exported to {path}.").format(number=meeting, path=output))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), "cannot be read ({reason})", reason=os_reason(exc)) from None


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
        data = _read(record)
        fmt = _format(record, None)
        read_record(data, fmt, str(record))  # a clear error for bytes that are not UTF-8
        with _open(coop_dir, database) as coop:
            found = coop.governance.import_record(
                _actor(coop, as_member), data.decode("utf-8-sig"), fmt
            )
            _ = _texts(_language(coop))
    _done(found, as_json, _("Imported as meeting {number}.").format(number=found.number))


def _where(where: str, _: Callable[[str], str]) -> str:
    """``motion 2``, ``election 1``, ``meeting`` … with the item's kind translated."""
    kind, _sep, number = where.partition(" ")
    return f"{_(kind)} {number}".strip()


def _problem_json(problem: Problem, lang: str) -> dict[str, str]:
    """A problem in JSON: its stable code, where, and the message in ``lang``."""
    return {"code": problem.code, "where": problem.where, "message": problem_text(problem, lang)}


def _print_report(report: VerifyReport, as_json: bool, lang: str) -> None:
    if as_json:
        data = report.model_dump(
            mode="json", exclude={"decisions": {"__all__": {"explanation"}}, "breaches": True}
        )
        data["ok"] = report.ok
        data["breaches"] = [_problem_json(b, lang) for b in report.breaches]
        for check, raw in zip(report.decisions, data["decisions"], strict=True):
            raw["summary"] = check.summary_text(lang)
            raw["explanation"] = check.explanation.text(lang) if check.explanation else None
        print_json(data)
        return
    _ = _texts(lang)
    console.print(
        _(
            "Meeting {number} on {day}: rules from {rules_from}, {voters} members with a vote."
        ).format(
            number=report.meeting,
            day=format_day(report.held_on, lang),
            rules_from=format_day(report.rules_from, lang),
            voters=report.voters,
        )
    )
    for check in report.decisions:
        mark = "[green]✓[/]" if check.agrees else "[red]✗[/]"
        item = _where(check.item, _)
        summary = escape(check.summary_text(lang))
        console.print(f"{mark} {item}: {escape(check.title)} — {summary}")
    breach_word = _("breach")
    for breach in report.breaches:
        where = where_text(breach, lang)
        console.print(f"[red]{breach_word}[/] {where}: {escape(problem_text(breach, lang))}")
    console.print(_("Verified: no breach.") if report.ok else _("Breaches found."))


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
    lang: LangOption = None,
) -> None:
    """Re-tally a meeting record from scratch and report every decision and rule breach."""
    with guard():
        path = Path(record)
        if path.is_file():
            language = _chosen(lang)
            rules: Bylaws = load_bylaws(bylaws or coop_dir)
            meeting = load_meeting(read_record(_read(path), _format(path, None), str(path)), rules)
            report = verify_meeting(meeting, rules)
        elif record.isdigit():
            with _open(coop_dir, database) as coop:
                language = _language(coop, lang)
                if bylaws is not None:
                    found = coop.governance.get(_actor(coop, as_member), int(record))
                    report = verify_meeting(found, load_bylaws(bylaws))
                else:
                    report = coop.governance.verify(_actor(coop, as_member), int(record))
        else:
            raise InputError("record", "{file}: no such file", file=record)
    _print_report(report, as_json, language)
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
        day = required_date(paid, "paid")
        with _open(coop_dir, database) as coop:
            fee = coop.governance.pay_fee(
                _actor(coop, as_member), member, year=year, amount=value or "0", paid_on=day
            )
            lang = _language(coop)
    if as_json:
        print_json(fee)
    else:
        console.print(
            _texts(lang)("Fee {year} of member {member} recorded ({amount}).").format(
                year=year, member=member, amount=_money(fee.amount, lang)
            )
        )


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
        lang = _language(coop)
    if as_json:
        print_json(fees)
        return
    _ = _texts(lang)
    table = Table(title=_("Membership fees"), title_justify="left")
    for column in ("#", _("member"), _("year"), _("amount"), _("paid")):
        table.add_column(column)
    for f in fees:
        table.add_row(
            str(f.number),
            str(numbers.get(f.member_id, "?")),
            str(f.year),
            _money(f.amount, lang),
            format_day(f.paid_on, lang),
        )
    console.print(table)


# -- bylaws ---------------------------------------------------------------------------------


@bylaws_app.command("check")
def bylaws_check(
    file: Annotated[Path, typer.Argument(help="bylaws.toml (or the folder holding it).")],
    on: Annotated[str | None, typer.Option(help="Show the rules in force on this date.")] = None,
    as_json: JsonOption = False,
    lang: Annotated[str | None, typer.Option("--lang", help="sv or en (default: sv).")] = None,
) -> None:
    """Validate bylaws.toml and summarise the rules in force on a date."""
    with guard():
        language = _chosen(lang)
        found = load_bylaws(file)
        day = parse_date(on, "on")
        rules = found.rules_on(day) if day else found.rules[-1]
        summary = rules_summary(rules, language)
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
                "rules": {line.key: {"topic": line.topic, "text": line.text} for line in summary},
            }
        )
        return
    _ = _texts(language)
    console.print(_("Bylaws valid: {count} rule set(s).").format(count=len(found.rules)))
    start = format_day(rules.valid_from, language)
    console.print(
        _("Rules in force from {start} to {end}:").format(
            start=start, end=format_day(rules.valid_to, language)
        )
        if rules.valid_to
        else _("Rules in force from {start}:").format(start=start)
    )
    table = Table(show_header=False)
    for line in summary:
        table.add_row(line.topic, escape(line.text))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``meeting``, ``fee`` and ``bylaws`` to ``app``."""
    app.add_typer(meeting_app, name="meeting")
    app.add_typer(fee_app, name="fee")
    app.add_typer(bylaws_app, name="bylaws")

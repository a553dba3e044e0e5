# SPDX-License-Identifier: EUPL-1.2
"""Minutes (*protokoll*) of a meeting, generated from its record: PDF and Markdown, sv/en.

The minutes follow the agenda, one numbered § per item: the officers, the röstlängd with
who was present and who was represented by a proxy (and why each member without a vote
has none), whether the meeting was duly called, each decision with its explanation (the
rule applied and its bylaw §, the counts, the threshold, the outcome, any casting vote or
lot with its seed), the reservations, and signature lines for the chair, the secretary
and the adjusters (*justerare*), who sign the printed minutes.

Texts come from the gettext catalog ``governance``; explanations of counts are rendered
by :class:`~kooperativ.governance.tally.Explanation` in the same language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from kooperativ.documents._pdf import (
    CONTENT_WIDTH,
    Letterhead,
    SignatureLine,
    heading,
    key_value_table,
    paragraph,
    render_pdf,
    signature_table,
)
from kooperativ.governance.bylaws import Bylaws, DecisionType, RuleSet
from kooperativ.governance.counting import previous_reading_findings
from kooperativ.governance.decisions import outcome_wording, poll_wording
from kooperativ.governance.findings import problem_texts
from kooperativ.governance.meeting import (
    AGENDA_TITLES,
    BallotBox,
    Election,
    Meeting,
    MeetingKind,
    Motion,
)
from kooperativ.governance.notice import notice_findings
from kooperativ.governance.tally import Explanation
from kooperativ.i18n import format_day, plural, translator
from kooperativ.problems import Problem

__all__ = ["minutes_markdown", "minutes_pdf"]

_KIND_TITLES = {
    MeetingKind.ANNUAL: "Minutes of the annual meeting",
    MeetingKind.EXTRA: "Minutes of the extra general meeting",
    MeetingKind.BOARD: "Minutes of the board meeting",
    MeetingKind.DIGITAL: "Minutes of the digital decision",
}
_TYPE_NAMES = {
    DecisionType.ORDINARY: "ordinary decision",
    DecisionType.BYLAW_AMENDMENT: "bylaw amendment",
    DecisionType.DISSOLUTION: "dissolution",
    DecisionType.EXCLUSION: "exclusion of a member",
}
_METHODS = {
    "block_plurality": "block plurality",
    "approval": "approval voting",
    "stv": "single transferable vote",
    "schulze": "Schulze method",
}


@dataclass
class _Section:
    number: int
    title: str
    lines: list[str] = field(default_factory=list)
    rows: list[tuple[str, str]] = field(default_factory=list)
    table: tuple[list[str], list[list[str]]] | None = None
    after: list[str] = field(default_factory=list)
    sub: bool = False


@dataclass
class _Minutes:
    title: str
    association: str
    facts: list[tuple[str, str]]
    sections: list[_Section]
    signatures: list[tuple[str, str]]
    footer: str


def _finding_lines(findings: Sequence[Problem], lang: str) -> list[str]:
    return [f"– {line}" for line in problem_texts(findings, lang)]


def _box_lines(box: BallotBox, lang: str, _: Callable[[str], str]) -> list[str]:
    """How the votes reached the box: by proxy, on paper, sealed."""
    n_ = plural(lang, "governance")
    lines = []
    if box.proxy_votes:
        lines.append(_("Of which cast by proxy: {count}.").format(count=box.proxy_votes))
    if box.paper_votes:
        marks = box.voted if box.secret else box.votes
        officers = sorted({m.entered_by for m in marks if m.paper and m.entered_by})
        lines.append(
            n_(
                "{count} paper ballot, entered by {officers}.",
                "{count} paper ballots, entered by {officers}.",
                box.paper_votes,
            ).format(count=box.paper_votes, officers=", ".join(officers) or "—")
        )
    if box.secret and box.sealed:
        lines.append(_("The ballots were sealed in the ballot box until the count."))
    return lines


def _explanation_lines(explanation: Explanation, lang: str) -> list[str]:
    return [message.render(lang) for message in explanation.steps]


def _motion_lines(
    meeting: Meeting, rules: RuleSet, motion: Motion, lang: str, _: Callable[[str], str]
) -> tuple[list[str], list[tuple[str, str]]]:
    rule = rules.decisions.rule(motion.type)
    rows = [(_("Proposal"), motion.text or "—")]
    if motion.proposer:
        label = _("Proposed by") if motion.by_board else _("Motion by")
        rows.append((label, motion.proposer))
    for amendment in motion.amendments:
        who = f" ({amendment.proposer})" if amendment.proposer else ""
        rows.append((_("Amendment {letter}").format(letter=amendment.letter), amendment.text + who))
    type_name = _(_TYPE_NAMES[motion.type])
    reference = f" ({rule.reference})" if rule.reference else ""
    rows.append((_("Decision type"), f"{type_name}{reference}"))
    lines: list[str] = []
    for poll in motion.polls:
        if poll.result is None:
            continue
        if poll.kind == "counter":
            head = _("Vote {number}: the proposal against amendment {letter}.").format(
                number=poll.number, letter=poll.amendment
            )
            winner = poll_wording(motion, poll, lang)
            lines.append(head)
            lines.append(
                _("Amendment {letter} {yes}, proposal {no}, abstained {abstain}.").format(
                    letter=poll.amendment,
                    yes=poll.result.yes,
                    no=poll.result.no,
                    abstain=poll.result.abstain,
                )
            )
            if poll.chair_vote is not None:
                lines.append(
                    _("Equal votes: the chair's casting vote is for the {side}.").format(
                        side=_(poll.chair_vote.strip().lower())
                    )
                )
                if poll.chair_vote_by:
                    lines.append(_("Casting vote by {chair}.").format(chair=poll.chair_vote_by))
            lines.append(winner)
            continue
        how = _("secret ballot") if poll.box.secret else _("open vote")
        lines.append(_("Vote {number} ({how}): final vote.").format(number=poll.number, how=how))
        threshold = poll.result.explanation.threshold_text(lang)
        lines.append(
            _("Rule: {rule}{reference}: {threshold}.").format(
                rule=type_name, reference=reference, threshold=threshold
            )
        )
        if rule.two_meetings:
            lines.append(
                _(
                    "The bylaws require the decision at two consecutive meetings, "
                    "one of them the annual meeting."
                )
            )
        lines.extend(_explanation_lines(poll.result.explanation, lang))
        if poll.chair_vote_by:
            lines.append(_("Casting vote by {chair}.").format(chair=poll.chair_vote_by))
        lines.extend(_box_lines(poll.box, lang, _))
        if poll.quorum is not None and poll.quorum.required:
            lines.append(
                _("Quorum: {attending} attending, {required} required.").format(
                    attending=poll.quorum.attending, required=poll.quorum.required
                )
            )
    if motion.acclamation:
        lines.append(_("Decided by acclamation."))
    if motion.previous is not None:
        lines.append(
            _("First reading: meeting {meeting} on {day}, motion {motion} ({outcome}).").format(
                meeting=motion.previous.meeting,
                day=format_day(motion.previous.held_on, lang),
                motion=motion.previous.motion,
                outcome=_(motion.previous.outcome.replace("_", " ")),
            )
        )
    if motion.outcome:
        lines.append(outcome_wording(motion.outcome, lang))
        if motion.outcome == "first_reading":
            lines.extend(_finding_lines(previous_reading_findings(meeting, rules, motion), lang))
        if motion.amendments and motion.decided_text and motion.outcome != "no_quorum":
            rows.append((_("Text put to the final vote"), motion.decided_text))
    return lines, rows


def _election_lines(
    election: Election, lang: str, _: Callable[[str], str]
) -> tuple[list[str], list[tuple[str, str]]]:
    rows = [
        (_("Seats"), str(election.seats)),
        (_("Candidates"), ", ".join(election.candidates)),
        (_("Method"), _(_METHODS[election.method.value])),
        (_("Ballot"), _("secret ballot") if election.box.secret else _("open vote")),
    ]
    lines: list[str] = []
    if election.result is not None:
        lines.extend(_explanation_lines(election.result.explanation, lang))
        if election.result.draws:
            lines.append(_("Lot seed: {seed}").format(seed=election.seed))
        lines.extend(_box_lines(election.box, lang, _))
    if election.outcome == "no_quorum":
        lines.append(outcome_wording("no_quorum", lang))
    return lines, rows


def _build(meeting: Meeting, bylaws: Bylaws, lang: str, association: str) -> _Minutes:
    _ = translator(lang, "governance")
    rules = bylaws.rules_on(meeting.held_on)
    title = _(_KIND_TITLES[meeting.kind])
    facts = [
        (_("Date"), format_day(meeting.held_on, lang)),
        (_("Place"), meeting.location or "—"),
        (_("Meeting"), f"{meeting.number}" + (f": {meeting.title}" if meeting.title else "")),
        (
            _("Bylaws"),
            _("rules in force from {day}").format(day=format_day(rules.valid_from, lang)),
        ),
    ]
    sections: list[_Section] = []
    by_item: dict[str, list[Motion]] = {}
    for motion in meeting.motions:
        by_item.setdefault(motion.item, []).append(motion)
    for number, item in enumerate(meeting.agenda, start=1):
        section = _Section(number, _(AGENDA_TITLES.get(item.key, item.key)))
        if item.key == "opening":
            section.lines.append(_("The chair declared the meeting open."))
        elif item.key == "officers":
            o = meeting.officers
            section.rows = [
                (_("Chair"), o.chair or "—"),
                (_("Secretary"), o.secretary or "—"),
                (_("Adjusters"), ", ".join(o.adjusters) or "—"),
            ]
        elif item.key == "roll":
            _roll_section(meeting, section, _)
        elif item.key == "notice":
            if meeting.notice is not None:
                section.lines.append(
                    _("Notice was sent on {day} by {method}.").format(
                        day=format_day(meeting.notice.sent_on, lang),
                        method=_(meeting.notice.method),
                    )
                )
            problems = notice_findings(meeting, rules, meeting.notice)
            if problems:
                section.lines.append(_("The notice does not follow the bylaws:"))
                section.lines.extend(_finding_lines(problems, lang))
            else:
                ref = rules.meetings.reference
                section.lines.append(
                    _("The meeting was duly called ({reference}).").format(reference=ref)
                )
        elif item.key == "agenda":
            section.lines.append(_("The agenda was adopted."))
        elif item.key in ("reports", "audit") and not by_item.get(item.key):
            section.lines.append(_("The report was presented and placed on file."))
        elif item.key == "closing":
            section.lines.append(_("The chair declared the meeting closed."))
        if item.key == "elections":
            for election in meeting.elections:
                lines, rows = _election_lines(election, lang, _)
                sub = _Section(
                    number,
                    f"{_('Election')} {election.number}: {election.office}",
                    lines,
                    rows,
                    sub=True,
                )
                sub.after = _reservations(meeting, f"election {election.number}", _)
                sections.append(section)
                section = sub
        for motion in by_item.get(item.key, []):
            lines, rows = _motion_lines(meeting, rules, motion, lang, _)
            sub = _Section(
                number, f"{_('Matter')} {motion.number}: {motion.title}", lines, rows, sub=True
            )
            sub.after = _reservations(meeting, f"motion {motion.number}", _)
            sections.append(section)
            section = sub
        sections.append(section)
    o = meeting.officers
    signatures = [(_("Chair"), o.chair or ""), (_("Secretary"), o.secretary or "")]
    signatures += [(_("Adjuster"), name) for name in o.adjusters]
    if len(o.adjusters) < rules.meetings.adjusters and meeting.kind is not MeetingKind.DIGITAL:
        signatures += [(_("Adjuster"), "")] * (rules.meetings.adjusters - len(o.adjusters))
    footer = f"{title} · {format_day(meeting.held_on, lang)}"
    return _Minutes(title, association, facts, sections, signatures, footer)


def _reservations(meeting: Meeting, item: str, _: Callable[[str], str]) -> list[str]:
    return [
        _("Reservation by {name}: {text}").format(name=r.name, text=r.text or "—")
        for r in meeting.reservations
        if r.item == item
    ]


def _roll_section(meeting: Meeting, section: _Section, _: Callable[[str], str]) -> None:
    represented = meeting.represented()
    present = set(meeting.present)
    voters = meeting.roll.voters
    attending = meeting.attending(True)
    section.lines.append(
        _(
            "The voting register was adopted: {voters} members with a vote, {attending} of them "
            "present or represented by proxy."
        ).format(voters=len(voters), attending=attending)
    )
    header = [_("No."), _("Name"), _("Vote"), _("Attendance")]
    rows: list[list[str]] = []
    for entry in meeting.roll.entries:
        if entry.member_id in present:
            attendance = _("present")
        elif entry.member_id in represented:
            attendance = _("by proxy: {name}").format(name=represented[entry.member_id].proxy_name)
        else:
            attendance = "—"
        if entry.votes:
            vote = _("yes")
        else:
            vote = _("no") + ": " + "; ".join(r.text(_) for r in entry.reasons)
        rows.append([str(entry.number), entry.name, vote, attendance])
    section.table = (header, rows)
    for mandate in meeting.mandates:
        written = _("written") if mandate.written else _("oral")
        section.after.append(
            _("Proxy: {proxy} for {principal} ({written}, dated {day}).").format(
                proxy=mandate.proxy_name,
                principal=meeting.name_of(mandate.principal_id),
                written=written,
                day=mandate.dated.isoformat(),
            )
        )


# --- Markdown ------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def minutes_markdown(
    meeting: Meeting, bylaws: Bylaws, lang: str = "sv", *, association: str = ""
) -> str:
    """The minutes as Markdown in ``lang`` (``"sv"`` or ``"en"``).

    Args:
        meeting: The meeting record.
        bylaws: The bylaws (the rule set in force on the meeting date is used).
        lang: ``sv`` or ``en``.
        association: The association's name for the heading.
    """
    m = _build(meeting, bylaws, lang, association)
    _ = translator(lang, "governance")
    out = [f"# {m.title}", ""]
    if association:
        out += [f"**{association}**", ""]
    out += [f"- **{label}:** {value}" for label, value in m.facts] + [""]
    for s in m.sections:
        out += [f"### {s.title}" if s.sub else f"## § {s.number} {s.title}", ""]
        out += [f"- **{label}:** {_md_cell(value)}" for label, value in s.rows]
        if s.rows:
            out.append("")
        for line in s.lines:
            out += [line, ""]
        if s.table is not None:
            header, rows = s.table
            out.append("| " + " | ".join(header) + " |")
            out.append("|" + "---|" * len(header))
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
            out.append("")
        for line in s.after:
            out += [f"*{line}*", ""]
    out += [f"## {_('Signatures')}", ""]
    for role, name in m.signatures:
        out += [f"{role}: ______________________  {name}", ""]
    return "\n".join(out).rstrip() + "\n"


# --- PDF -----------------------------------------------------------------------------------


def _grid(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    widths = [12 * mm, 50 * mm, CONTENT_WIDTH - 12 * mm - 50 * mm - 42 * mm, 42 * mm]
    data: list[list[Any]] = [[paragraph(h, "label") for h in header]]
    data += [[paragraph(cell) for cell in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#BBBBBB")),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def minutes_pdf(
    meeting: Meeting,
    bylaws: Bylaws,
    lang: str = "sv",
    *,
    association: str = "",
    orgnr: str | None = None,
) -> bytes:
    """The minutes as a PDF to print and sign, in ``lang`` (``"sv"`` or ``"en"``).

    Args:
        meeting: The meeting record.
        bylaws: The bylaws (the rule set in force on the meeting date is used).
        lang: ``sv`` or ``en``.
        association: The association's name for the letterhead.
        orgnr: Its organisation number, if any.
    """
    m = _build(meeting, bylaws, lang, association)
    _ = translator(lang, "governance")
    story: list[Flowable] = [paragraph(m.title, "title")]
    story.append(key_value_table(m.facts))
    carried: list[Flowable] = []
    for s in m.sections:
        title = paragraph(s.title, "label") if s.sub else heading(f"§ {s.number}  {s.title}")
        block: list[Flowable] = [*carried, title]
        carried = []
        if not (s.rows or s.lines or s.table or s.after):
            carried = block  # an empty § heading stays with what follows it
            continue
        if s.rows:
            block.append(key_value_table(s.rows))
            block.append(Spacer(1, 1.5 * mm))
        block += [paragraph(line) for line in s.lines]
        head = len(block) - len(s.lines) + min(len(s.lines), 2)
        story.append(KeepTogether(block[:head]))
        story.extend(block[head:])
        if s.table is not None:
            story.append(Spacer(1, 1.5 * mm))
            story.append(_grid(*s.table))
        for line in s.after:
            story.append(paragraph(line, "small"))
    story.append(Spacer(1, 8 * mm))
    story.append(heading(_("Signatures")))
    lines = [
        SignatureLine(
            role=role,
            name=name or " ",
            place_date=_("Place and date"),
            clarification=_("Name in print"),
        )
        for role, name in m.signatures
    ]
    for start in range(0, len(lines), 2):
        story.append(signature_table(lines[start : start + 2]))
        story.append(Spacer(1, 4 * mm))
    return render_pdf(
        story,
        letterhead=Letterhead(
            name=association or meeting.title, orgnr=orgnr, orgnr_label=_("Org. no.")
        ),
        title=m.title,
        footer=m.footer,
        page_label=_("Page {page} of {pages}"),
        lang=lang,
    )

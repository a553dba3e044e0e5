# SPDX-License-Identifier: EUPL-1.2
"""Verify a meeting record from scratch: re-tally every decision, list every rule breach.

:func:`verify_meeting` takes a meeting record (live, or read from a file with
:mod:`kooperativ.governance.record_file`) and the bylaws, and — trusting nothing the
record computed — recomputes the röstlängd from the register snapshot and fees, checks
the notice, the attendance, the proxies and each vote, re-counts each poll and election
with the recorded casting votes and lot seeds, and compares each outcome with the one
recorded. A secret ballot is re-counted from the box's content, which the record holds
once the poll is counted.

Every breach is a :class:`~kooperativ.problems.Problem` with a stable code (``quorum``,
``vote.no_vote``, ``outcome.differs`` …); :func:`~kooperativ.governance.findings.problem_text`
renders it in Swedish or English.

Examples:
    >>> from datetime import date
    >>> from kooperativ.governance.bylaws import parse_bylaws
    >>> from kooperativ.governance.record_file import load_meeting
    >>> bylaws = parse_bylaws({"rules": [{"valid_from": date(2024, 1, 1)}]}, "bylaws.toml")
    >>> record = {"number": 1, "kind": "board", "held_on": date(2026, 3, 1)}
    >>> report = verify_meeting(load_meeting(record, bylaws), bylaws)
    >>> report.ok
    True
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import UUID

from pydantic import Field

from kooperativ._model import Record
from kooperativ.errors import KooperativError
from kooperativ.governance.bylaws import Bylaws, DecisionType, RuleSet
from kooperativ.governance.counting import (
    motion_outcome,
    motion_tally,
    quorum_now,
)
from kooperativ.governance.findings import finding
from kooperativ.governance.meeting import (
    BallotBox,
    Meeting,
    MeetingKind,
    MeetingState,
    Motion,
    Quorum,
)
from kooperativ.governance.notice import notice_findings
from kooperativ.governance.proceedings import motion_findings
from kooperativ.governance.proxies import mandate_findings
from kooperativ.governance.register import voting_roll
from kooperativ.governance.tally import Explanation, Lot, tally_election
from kooperativ.i18n import format_day, translator
from kooperativ.problems import Problem

__all__ = ["DecisionCheck", "VerifyReport", "verify_meeting"]


class DecisionCheck(Record):
    """One decision, as recorded and as re-counted.

    Attributes:
        item: ``motion N`` or ``election N``.
        title: The motion's title or the election's office.
        recorded: The outcome the record states (``None``: none stated).
        recounted: The outcome of the re-count.
        agrees: Whether they agree (a record without an outcome agrees with any).
        summary: The result in a line: ``adopted (yes 5, no 2, abstain 1)``, or the names
            elected.
        explanation: The re-count's explanation (``None`` for an acclamation).
        template: The English template of ``summary`` (a msgid of the catalog
            ``governance``). Not in the JSON.
        args: The template's arguments. Not in the JSON.
    """

    item: str
    title: str
    recorded: str | None
    recounted: str
    agrees: bool
    summary: str
    explanation: Explanation | None = None
    template: str | None = Field(default=None, exclude=True, repr=False)
    args: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)

    def summary_text(self, lang: str | None = None) -> str:
        """The summary in English, or in ``lang`` through the catalog ``governance``."""
        if self.template is None or lang is None:
            return self.summary
        return _render(self.template, self.args, lang)


class VerifyReport(Record):
    """The result of :func:`verify_meeting`.

    Attributes:
        meeting: The meeting's number.
        held_on: Its date.
        rules_from: The first day of the rules it was judged by.
        voters: Members with a vote, by the recomputed röstlängd.
        decisions: Each decision, as recorded and re-counted.
        breaches: Every rule the record breaks (errors, each with its code).
    """

    meeting: int
    held_on: date
    rules_from: date
    voters: int
    decisions: tuple[DecisionCheck, ...] = ()
    breaches: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """No breach, and every re-count agrees with the record."""
        return not self.breaches and all(d.agrees for d in self.decisions)

    def problems(self) -> list[Problem]:
        """The breaches, and a problem for each decision the re-count contradicts."""
        found = list(self.breaches)
        for check in self.decisions:
            if not check.agrees and not any(
                b.code.startswith("outcome") and b.where == check.item for b in self.breaches
            ):
                found.append(
                    breach(
                        "outcome.differs",
                        check.item,
                        "recorded as {recorded}, but the re-count gives {outcome}",
                        recorded=check.recorded,
                        outcome=check.recounted,
                    )
                )
        return found


def _render(template: str, args: Mapping[str, Any], lang: str | None = None) -> str:
    """A decision summary: English as written, or in ``lang`` (outcomes and "nobody"
    translated)."""
    _ = translator(lang, "governance") if lang is not None else None

    def say(text: str) -> str:
        return _(text) if _ is not None else text

    shown: dict[str, object] = {}
    for name, value in args.items():
        if isinstance(value, date):
            shown[name] = format_day(value, lang) if lang is not None else value
        elif name in ("outcome", "recorded"):
            shown[name] = say(str(value).replace("_", " ")) if lang is not None else value
        elif name == "elected":
            shown[name] = ", ".join(value) or "—"
        else:
            shown[name] = value
    return say(template).format(**shown)


def breach(code: str, where: str, template: str, **args: object) -> Problem:
    """A breach of the bylaws at ``where`` (``"motion 2"``, ``"meeting"``): an error."""
    kind, _, key = where.partition(" ")
    return finding(code, (kind, key), template, "error", **args)


def _as_breach(problem: Problem) -> Problem:
    return dataclasses.replace(problem, severity="error")


def _vote_breaches(meeting: Meeting, rules: RuleSet, box: BallotBox, where: str) -> list[Problem]:
    found: list[Problem] = []
    voters = meeting.roll.voter_ids
    mandates = {m.principal_id: m for m in meeting.mandates}
    present = set(meeting.present)
    general = meeting.general
    ids = list(box.voter_ids)
    if box.secret and box.opened and len(box.voted) != len(box.choices):
        found.append(
            breach(
                "vote.count",
                where,
                "{ballots} ballots but {voters} voters",
                ballots=len(box.choices),
                voters=len(box.voted),
            )
        )
    for voter, times in Counter(ids).items():
        if times > 1:
            found.append(
                breach(
                    "vote.twice",
                    where,
                    "{name} voted {times} times",
                    name=meeting.name_of(voter),
                    times=times,
                )
            )
    for voter in dict.fromkeys(ids):
        if general and voter not in voters:
            found.append(
                breach(
                    "vote.no_vote",
                    where,
                    "{name} voted without a vote",
                    name=meeting.name_of(voter),
                )
            )
    if meeting.kind is MeetingKind.DIGITAL:
        return found
    marks = box.voted if box.secret else box.votes
    for mark in marks:
        name = meeting.name_of(mark.voter)
        if not mark.by_proxy:
            if mark.voter not in present:
                found.append(
                    breach("vote.absent", where, "{name} voted but was not present", name=name)
                )
            elif mark.cast_by is not None and mark.cast_by != mark.voter:
                found.append(
                    breach(
                        "vote.cast_by_other",
                        where,
                        "{other} cast {name}'s vote as their own",
                        other=meeting.name_of(mark.cast_by),
                        name=name,
                    )
                )
            continue
        mandate = mandates.get(mark.voter)
        if mandate is None:
            found.append(
                breach(
                    "proxy.no_mandate",
                    where,
                    "a vote for {name} was cast without a mandate",
                    name=name,
                )
            )
        elif mark.cast_by is not None and mark.cast_by != mandate.proxy_id:
            found.append(
                breach(
                    "proxy.wrong_proxy",
                    where,
                    "{proxy} cast {name}'s vote without their mandate",
                    proxy=meeting.name_of(mark.cast_by),
                    name=name,
                )
            )
        elif mandate.proxy_id is not None and mandate.proxy_id not in present:
            found.append(
                breach(
                    "proxy.absent",
                    where,
                    "{proxy} cast {name}'s vote but was not present",
                    proxy=mandate.proxy_name,
                    name=name,
                )
            )
    return found


def _quorum_breach(quorum: Quorum, where: str) -> list[Problem]:
    if quorum.met:
        return []
    return [
        breach(
            "quorum",
            where,
            "quorum not met: {attending} voting members attending, {required} required",
            attending=quorum.attending,
            required=quorum.required,
        )
    ]


def _check_motion(
    meeting: Meeting, rules: RuleSet, motion: Motion
) -> tuple[DecisionCheck | None, list[Problem]]:
    where = f"motion {motion.number}"
    breaches = [_as_breach(p) for p in motion_findings(meeting, rules, motion)]
    if motion.acclamation is not None:
        check = DecisionCheck(
            item=where,
            title=motion.title,
            recorded=motion.outcome,
            recounted=motion.acclamation,
            agrees=motion.outcome in (None, motion.acclamation),
            summary=_render("{outcome} by acclamation", {"outcome": motion.acclamation}),
            template="{outcome} by acclamation",
            args={"outcome": motion.acclamation},
        )
        return check, breaches
    if not motion.polls:
        if motion.outcome is not None:
            breaches.append(breach("outcome.without_vote", where, "an outcome without any vote"))
        return None, breaches
    recount = motion.model_copy(update={"polls": ()})
    outcome: str | None = None
    explanation: Explanation | None = None
    template = ""
    args: dict[str, Any] = {}
    for poll in motion.polls:
        breaches.extend(_vote_breaches(meeting, rules, poll.box, where))
        counted = recount.next_poll()
        if counted.kind != poll.kind or counted.amendment != poll.amendment:
            breaches.append(
                breach(
                    "motion.poll_order",
                    where,
                    "poll {number} is not the one due ({due})",
                    number=poll.number,
                    due=f"{counted.kind} {counted.amendment or ''}".strip(),
                )
            )
        if poll.chair_vote is not None and poll.chair_vote_by not in (None, meeting.officers.chair):
            breaches.append(
                breach(
                    "vote.casting_vote",
                    where,
                    "the casting vote was given by {name}, not the meeting's chair",
                    name=poll.chair_vote_by,
                )
            )
        seed = poll.seed or f"{meeting.number}/{where}/{poll.number}"
        result = motion_tally(meeting, rules, motion, poll, poll.chair_vote, seed)
        if poll.result is not None and (
            poll.result.passed != result.passed
            or (poll.result.yes, poll.result.no, poll.result.abstain)
            != (result.yes, result.no, result.abstain)
        ):
            breaches.append(
                breach(
                    "outcome.count",
                    where,
                    "poll {number}: the recorded count differs from the re-count",
                    number=poll.number,
                )
            )
        done = poll.model_copy(update={"result": result})
        recount = recount.model_copy(update={"polls": (*recount.polls, done)})
        if poll.kind == "final":
            quorum = quorum_now(meeting, rules, poll.box)
            breaches.extend(_quorum_breach(quorum, where))
            outcome = motion_outcome(meeting, rules, recount, result, quorum)
            explanation = result.explanation
            template = "{outcome} (yes {yes}, no {no}, abstain {abstain})"
            args = {"outcome": outcome, "yes": result.yes, "no": result.no}
            args["abstain"] = result.abstain
            rule = rules.decisions.rule(motion.type)
            two = motion.type is DecisionType.BYLAW_AMENDMENT and rule.two_meetings
            if two and outcome == "first_reading":
                template = (
                    "{outcome} (yes {yes}, no {no}, abstain {abstain}); "
                    "a second meeting must confirm it"
                )
    if outcome is None:
        if motion.outcome is not None:
            breaches.append(breach("outcome.without_vote", where, "decided without a final vote"))
        return None, breaches
    check = DecisionCheck(
        item=where,
        title=motion.title,
        recorded=motion.outcome,
        recounted=outcome,
        agrees=motion.outcome in (None, outcome),
        summary=_render(template, args),
        explanation=explanation,
        template=template,
        args=args,
    )
    if not check.agrees:
        breaches.append(
            breach(
                "outcome.differs",
                where,
                "recorded as {recorded}, but the re-count gives {outcome}",
                recorded=motion.outcome,
                outcome=outcome,
            )
        )
    return check, breaches


def _roll_breaches(meeting: Meeting, rules: RuleSet) -> list[Problem]:
    roll = voting_roll(meeting.members, meeting.fees, rules.voting_rights, meeting.held_on)
    if roll.voter_ids == meeting.roll.voter_ids:
        return []
    found = []
    for entry in roll.entries:
        recorded = meeting.roll.entry(entry.member_id)
        if recorded is not None and recorded.votes == entry.votes:
            continue
        if entry.votes:
            found.append(
                breach(
                    "roll",
                    "roll",
                    "{name} has a vote, unlike the recorded röstlängd",
                    name=entry.name,
                )
            )
            continue
        for reason in entry.reasons:
            found.append(
                breach(
                    "roll",
                    "roll",
                    "{name} has no vote ({reason}), unlike the recorded röstlängd",
                    name=entry.name,
                    reason=reason.text(),
                    reason_template=reason.template,
                    reference=reason.reference,
                    **{f"reason_{k}": v for k, v in reason.args},
                )
            )
    return found


def _extra_meeting_breaches(meeting: Meeting, rules: RuleSet, voters: int) -> list[Problem]:
    if meeting.kind is not MeetingKind.EXTRA or not meeting.requested_by:
        return []
    r = rules.meetings
    found = []
    members = [x for x in meeting.requested_by if x != "auditor"]
    if "auditor" in meeting.requested_by and not r.extra_meeting_auditor:
        found.append(
            breach(
                "extra_meeting.auditor",
                "meeting",
                "the auditor may not call an extra meeting ({reference})",
                reference=r.reference,
            )
        )
    if members and "auditor" not in meeting.requested_by:
        needed = r.extra_meeting_share * voters
        voting = [m for m in members if _is_uuid(m) and UUID(m) in meeting.roll.voter_ids]
        if len(voting) < needed:
            found.append(
                breach(
                    "extra_meeting.share",
                    "meeting",
                    "requested by {count} voting members; the bylaws need {share} of "
                    "{voters} ({reference})",
                    count=len(voting),
                    share=r.extra_meeting_share,
                    voters=voters,
                    reference=r.reference,
                )
            )
    return found


def _check_election(
    meeting: Meeting, rules: RuleSet, number: int
) -> tuple[DecisionCheck | None, list[Problem]]:
    election = meeting.election(number)
    where = f"election {number}"
    breaches = _vote_breaches(meeting, rules, election.box, where)
    if election.method is not rules.elections.method:
        breaches.append(
            breach(
                "election.method",
                where,
                "counted by {counted}; the bylaws say {required_method} ({reference})",
                counted=election.method.value,
                required_method=rules.elections.method.value,
                reference=rules.elections.reference,
            )
        )
    if rules.elections.secret == "always" and not election.box.secret:
        breaches.append(
            breach(
                "election.open",
                where,
                "held openly; the bylaws require a secret ballot ({reference})",
                reference=rules.elections.reference,
            )
        )
    if not election.box.voters and election.outcome is None:
        return None, breaches
    if election.box.secret and not election.box.opened:
        if election.outcome is not None:
            breaches.append(
                breach("outcome.unopened", where, "counted, but the box's ballots are not recorded")
            )
        return None, breaches
    try:
        result = tally_election(
            election.method,
            election.box.ballots,
            election.candidates,
            election.seats,
            lot=Lot(seed=election.seed or f"{meeting.number}/{where}"),
        )
    except KooperativError as error:
        breaches.append(
            dataclasses.replace(
                Problem.of("error", ("election", number), "{error}", error=error),
                code="vote.ballot",
            )
        )
        return None, breaches
    quorum = quorum_now(meeting, rules, election.box)
    breaches.extend(_quorum_breach(quorum, where))
    outcome = "elected" if quorum.met else "no_quorum"
    agrees = election.outcome in (None, outcome) and (
        election.result is None or election.result.winners == result.winners
    )
    if not agrees:
        if election.result is not None:
            breaches.append(
                breach(
                    "outcome.differs",
                    where,
                    "recorded {stated}; the re-count elects {winners}",
                    stated=", ".join(election.result.winners),
                    winners=", ".join(result.winners),
                )
            )
        else:
            breaches.append(
                breach(
                    "outcome.differs",
                    where,
                    "recorded {recorded}; the re-count elects {winners}",
                    recorded=election.outcome,
                    winners=", ".join(result.winners),
                )
            )
    summary_args: dict[str, Any] = {"outcome": outcome, "elected": tuple(result.winners)}
    check = DecisionCheck(
        item=where,
        title=election.office,
        recorded=election.outcome,
        recounted=outcome,
        agrees=agrees,
        summary=_render("{outcome}: {elected}", summary_args),
        explanation=result.explanation,
        template="{outcome}: {elected}",
        args=summary_args,
    )
    return check, breaches


def verify_meeting(meeting: Meeting, bylaws: Bylaws) -> VerifyReport:
    """Re-tally ``meeting`` from scratch under the bylaws in force on its date.

    Args:
        meeting: The record (live, or imported from a file).
        bylaws: The bylaws (every rule set; the one in force on the meeting date applies).

    Returns:
        Each decision as recorded and re-counted, and every breach found.

    Raises:
        InputError: No bylaws were in force on the meeting date.
    """
    rules = bylaws.rules_on(meeting.held_on)
    breaches: list[Problem] = []
    if meeting.rules_from != rules.valid_from:
        breaches.append(
            breach(
                "rules",
                "meeting",
                "recorded under the rules from {recorded_from}; the rules in force on {day} are "
                "those from {valid_from}",
                recorded_from=meeting.rules_from,
                day=meeting.held_on,
                valid_from=rules.valid_from,
            )
        )
    breaches.extend(_roll_breaches(meeting, rules))
    roll = voting_roll(meeting.members, meeting.fees, rules.voting_rights, meeting.held_on)
    meeting = meeting.model_copy(update={"roll": roll})
    breaches.extend(_as_breach(p) for p in notice_findings(meeting, rules, meeting.notice))
    breaches.extend(_extra_meeting_breaches(meeting, rules, len(roll.voters)))
    for member_id in meeting.present:
        if meeting.person(member_id) is None:
            breaches.append(
                breach(
                    "attendance",
                    "meeting",
                    "{member} is not in the register",
                    member=str(member_id),
                )
            )
    for mandate in meeting.mandates:
        breaches.extend(_as_breach(p) for p in mandate_findings(meeting, rules, mandate))
    checks: list[DecisionCheck] = []
    for motion in meeting.motions:
        check, found = _check_motion(meeting, rules, motion)
        breaches.extend(found)
        if check is not None:
            checks.append(check)
    for election in meeting.elections:
        check, found = _check_election(meeting, rules, election.number)
        breaches.extend(found)
        if check is not None:
            checks.append(check)
    if meeting.state is MeetingState.CLOSED:
        for motion in meeting.motions:
            if not motion.decided:
                breaches.append(breach("open", f"motion {motion.number}", "closed undecided"))
    return VerifyReport(
        meeting=meeting.number,
        held_on=meeting.held_on,
        rules_from=rules.valid_from,
        voters=len(roll.voters),
        decisions=tuple(checks),
        breaches=tuple(breaches),
    )


def _is_uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True

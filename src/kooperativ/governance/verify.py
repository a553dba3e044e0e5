# SPDX-License-Identifier: EUPL-1.2
"""Verify a meeting record from scratch: re-tally every decision, list every rule breach.

A meeting held on paper can be entered afterwards as a record file (TOML or JSON, see
:func:`load_meeting`), and a meeting held in kooperativ can be exported to one
(:func:`dump_meeting`). :func:`verify_meeting` takes such a record and the bylaws, and —
trusting nothing the record computed — recomputes the röstlängd from the register snapshot
and fees, checks the notice, the attendance, the proxies and each vote, re-counts each
poll and election with the recorded casting votes and lot seeds, and compares each
outcome with the one recorded.

Examples:
    >>> from datetime import date
    >>> from kooperativ.governance.bylaws import parse_bylaws
    >>> bylaws = parse_bylaws({"rules": [{"valid_from": date(2024, 1, 1)}]}, "bylaws.toml")
    >>> record = {"number": 1, "kind": "board", "held_on": date(2026, 3, 1)}
    >>> report = verify_meeting(load_meeting(record, bylaws), bylaws)
    >>> report.ok
    True
"""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

from kooperativ._model import Record
from kooperativ.errors import InputError, KooperativError, ValidationFailed
from kooperativ.governance.bylaws import Bylaws, DecisionType, RuleSet
from kooperativ.governance.meeting import (
    BallotBox,
    Meeting,
    MeetingKind,
    MeetingState,
    Motion,
    Quorum,
    _motion_tally,
    mandate_problems,
    motion_outcome,
    motion_problems,
    notice_findings,
    quorum_now,
)
from kooperativ.governance.register import voting_roll
from kooperativ.governance.tally import Explanation, Lot, tally_election
from kooperativ.i18n import format_day, translator

__all__ = [
    "Breach",
    "DecisionCheck",
    "VerifyReport",
    "dump_meeting",
    "load_meeting",
    "parse_record",
    "verify_meeting",
]


class Breach(Record):
    """One rule the record breaks.

    Attributes:
        code: ``notice``, ``roll``, ``attendance``, ``proxy``, ``vote``, ``quorum``,
            ``motion``, ``outcome``, ``extra_meeting``, ``rules``, ``open``.
        where: The item (``meeting``, ``motion 2``, ``election 1``).
        message: What is wrong (English).
        template: The English template of ``message`` (a msgid of the catalog
            ``governance``; ``None``: the message has no translation). Not in the JSON.
        args: The template's arguments. Not in the JSON.
    """

    code: str
    where: str
    message: str
    template: str | None = Field(default=None, exclude=True, repr=False)
    args: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)

    def text(self, lang: str | None = None) -> str:
        """The message in English, or in ``lang`` through the catalog ``governance``."""
        if self.template is None or lang is None:
            return self.message
        return _render(self.template, self.args, lang)


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
    """The result of :func:`verify_meeting`."""

    meeting: int
    held_on: date
    rules_from: date
    voters: int
    decisions: tuple[DecisionCheck, ...] = ()
    breaches: tuple[Breach, ...] = ()

    @property
    def ok(self) -> bool:
        """No breach, and every re-count agrees with the record."""
        return not self.breaches and all(d.agrees for d in self.decisions)


def _render(template: str, args: Mapping[str, Any], lang: str | None = None) -> str:
    """``template`` filled with ``args``: English as written, or in ``lang`` (days in words,
    outcomes, notice methods, reasons and "nobody" translated)."""
    _ = translator(lang, "governance") if lang is not None else None

    def say(text: str) -> str:
        return _(text) if _ is not None else text

    shown: dict[str, object] = {}
    for name, value in args.items():
        if isinstance(value, date):
            shown[name] = format_day(value, lang) if lang is not None else value
        elif name in ("outcome", "recorded"):
            shown[name] = say(str(value).replace("_", " ")) if lang is not None else value
        elif name == "method":
            shown[name] = say(str(value))
        elif name == "methods":
            shown[name] = ", ".join(say(m) for m in str(value).split(", "))
        elif name == "reasons":
            why = "; ".join(r.text(_) for r in value)
            shown[name] = f" ({why})" if why else ""
        elif name == "winners":
            shown[name] = ", ".join(value) or say("nobody")
        elif name == "elected":
            shown[name] = ", ".join(value) or "—"
        else:
            shown[name] = value
    return say(template).format(**shown)


def _breach(code: str, where: str, template: str, **args: Any) -> Breach:
    return Breach(
        code=code, where=where, message=_render(template, args), template=template, args=args
    )


def _vote_breaches(meeting: Meeting, rules: RuleSet, box: BallotBox, where: str) -> list[Breach]:
    found: list[Breach] = []
    voters = meeting.roll.voter_ids
    mandates = {m.principal_id: m for m in meeting.mandates}
    present = set(meeting.present)
    general = meeting.general
    if box.secret:
        counted = Counter(box.voted)
        if len(box.voted) != len(box.choices):
            found.append(
                _breach(
                    "vote",
                    where,
                    "{ballots} ballots but {voters} voters",
                    ballots=len(box.choices),
                    voters=len(box.voted),
                )
            )
        ids = list(box.voted)
    else:
        counted = Counter(v.voter for v in box.votes)
        ids = [v.voter for v in box.votes]
    for voter, times in counted.items():
        if times > 1:
            found.append(
                _breach(
                    "vote",
                    where,
                    "{name} voted {times} times",
                    name=meeting.name_of(voter),
                    times=times,
                )
            )
    for voter in dict.fromkeys(ids):
        name = meeting.name_of(voter)
        if general and voter not in voters:
            found.append(_breach("vote", where, "{name} voted without a vote", name=name))
    if box.secret or meeting.kind is MeetingKind.DIGITAL:
        if box.secret and meeting.kind is not MeetingKind.DIGITAL:
            absent = [v for v in dict.fromkeys(ids) if v not in present and v not in mandates]
            for voter in absent:
                found.append(
                    _breach(
                        "vote",
                        where,
                        "{name} voted but was neither present nor represented",
                        name=meeting.name_of(voter),
                    )
                )
        return found
    for vote in box.votes:
        name = meeting.name_of(vote.voter)
        if not vote.by_proxy:
            if vote.voter not in present:
                found.append(_breach("vote", where, "{name} voted but was not present", name=name))
            continue
        mandate = mandates.get(vote.voter)
        if mandate is None:
            found.append(
                _breach("proxy", where, "a vote for {name} was cast without a mandate", name=name)
            )
        elif vote.cast_by is not None and vote.cast_by != mandate.proxy_id:
            found.append(
                _breach(
                    "proxy",
                    where,
                    "{proxy} cast {name}'s vote without their mandate",
                    proxy=meeting.name_of(vote.cast_by),
                    name=name,
                )
            )
        elif mandate.proxy_id is not None and mandate.proxy_id not in present:
            found.append(
                _breach(
                    "proxy",
                    where,
                    "{proxy} cast {name}'s vote but was not present",
                    proxy=mandate.proxy_name,
                    name=name,
                )
            )
    return found


def _quorum_breach(quorum: Quorum, where: str) -> list[Breach]:
    if quorum.met:
        return []
    return [
        _breach(
            "quorum",
            where,
            "quorum not met: {attending} voting members attending, {required} required",
            attending=quorum.attending,
            required=quorum.required,
        )
    ]


def _check_motion(
    meeting: Meeting, rules: RuleSet, motion: Motion
) -> tuple[DecisionCheck | None, list[Breach]]:
    where = f"motion {motion.number}"
    breaches = [
        Breach(code="motion", where=where, message=p)
        for p in motion_problems(meeting, rules, motion)
    ]
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
            breaches.append(_breach("outcome", where, "an outcome without any vote"))
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
                _breach(
                    "motion",
                    where,
                    "poll {number} is not the one due ({due})",
                    number=poll.number,
                    due=f"{counted.kind} {counted.amendment or ''}".strip(),
                )
            )
        seed = poll.seed or f"{meeting.number}/{where}/{poll.number}"
        result = _motion_tally(meeting, rules, motion, poll, poll.chair_vote, seed)
        if poll.result is not None and (
            poll.result.passed != result.passed
            or (poll.result.yes, poll.result.no, poll.result.abstain)
            != (result.yes, result.no, result.abstain)
        ):
            breaches.append(
                _breach(
                    "outcome",
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
            breaches.append(_breach("outcome", where, "decided without a final vote"))
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
            _breach(
                "outcome",
                where,
                "recorded as {recorded}, but the re-count gives {outcome}",
                recorded=motion.outcome,
                outcome=outcome,
            )
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
    breaches: list[Breach] = []
    if meeting.rules_from != rules.valid_from:
        breaches.append(
            _breach(
                "rules",
                "meeting",
                "recorded under the rules from {recorded}; the rules in force on {day} are "
                "those from {valid_from}",
                recorded=meeting.rules_from,
                day=meeting.held_on,
                valid_from=rules.valid_from,
            )
        )
    roll = voting_roll(meeting.members, meeting.fees, rules.voting_rights, meeting.held_on)
    if roll.voter_ids != meeting.roll.voter_ids:
        for entry in roll.entries:
            recorded = meeting.roll.entry(entry.member_id)
            if recorded is None or recorded.votes != entry.votes:
                template = (
                    "{name} has a vote{reasons}, unlike the recorded röstlängd"
                    if entry.votes
                    else "{name} has no vote{reasons}, unlike the recorded röstlängd"
                )
                breaches.append(
                    _breach("roll", "röstlängd", template, name=entry.name, reasons=entry.reasons)
                )
    meeting = meeting.model_copy(update={"roll": roll})
    breaches.extend(
        _breach("notice", "meeting", template, **args)
        for template, args in notice_findings(meeting, rules, meeting.notice)
    )
    if meeting.kind is MeetingKind.EXTRA and meeting.requested_by:
        r = rules.meetings
        members = [x for x in meeting.requested_by if x != "auditor"]
        if "auditor" in meeting.requested_by and not r.extra_meeting_auditor:
            breaches.append(
                _breach(
                    "extra_meeting",
                    "meeting",
                    "the auditor may not call an extra meeting ({reference})",
                    reference=r.reference,
                )
            )
        if members and "auditor" not in meeting.requested_by:
            needed = r.extra_meeting_share * len(roll.voters)
            voting = [m for m in members if _is_uuid(m) and UUID(m) in roll.voter_ids]
            if len(voting) < needed:
                breaches.append(
                    _breach(
                        "extra_meeting",
                        "meeting",
                        "requested by {count} voting members; the bylaws need {share} of "
                        "{voters} ({reference})",
                        count=len(voting),
                        share=r.extra_meeting_share,
                        voters=len(roll.voters),
                        reference=r.reference,
                    )
                )
    for member_id in meeting.present:
        if meeting.person(member_id) is None:
            breaches.append(
                _breach(
                    "attendance", "meeting", "{member} is not in the register", member=member_id
                )
            )
    for mandate in meeting.mandates:
        breaches.extend(
            Breach(code="proxy", where="proxies", message=p)
            for p in mandate_problems(meeting, rules, mandate)
        )
    checks: list[DecisionCheck] = []
    for motion in meeting.motions:
        check, found = _check_motion(meeting, rules, motion)
        breaches.extend(found)
        if check is not None:
            checks.append(check)
    for election in meeting.elections:
        where = f"election {election.number}"
        breaches.extend(_vote_breaches(meeting, rules, election.box, where))
        if election.method is not rules.elections.method:
            breaches.append(
                _breach(
                    "election",
                    where,
                    "counted by {counted}; the bylaws say {required} ({reference})",
                    counted=election.method.value,
                    required=rules.elections.method.value,
                    reference=rules.elections.reference,
                )
            )
        if rules.elections.secret == "always" and not election.box.secret:
            breaches.append(
                _breach(
                    "election",
                    where,
                    "held openly; the bylaws require a secret ballot ({reference})",
                    reference=rules.elections.reference,
                )
            )
        if not election.box.voters and election.outcome is None:
            continue
        try:
            result = tally_election(
                election.method,
                election.box.ballots,
                election.candidates,
                election.seats,
                lot=Lot(seed=election.seed or f"{meeting.number}/{where}"),
            )
        except KooperativError as error:
            breaches.append(Breach(code="vote", where=where, message=str(error)))
            continue
        quorum = quorum_now(meeting, rules, election.box)
        breaches.extend(_quorum_breach(quorum, where))
        outcome = "elected" if quorum.met else "no_quorum"
        agrees = election.outcome in (None, outcome) and (
            election.result is None or election.result.winners == result.winners
        )
        if not agrees:
            if election.result is not None:
                found_breach = _breach(
                    "outcome",
                    where,
                    "recorded {stated}; the re-count elects {winners}",
                    stated=", ".join(election.result.winners),
                    winners=tuple(result.winners),
                )
            else:
                found_breach = _breach(
                    "outcome",
                    where,
                    "recorded {recorded}; the re-count elects {winners}",
                    recorded=election.outcome,
                    winners=tuple(result.winners),
                )
            breaches.append(found_breach)
        summary_args: dict[str, Any] = {"outcome": outcome, "elected": tuple(result.winners)}
        checks.append(
            DecisionCheck(
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
        )
    if meeting.state is MeetingState.CLOSED:
        for motion in meeting.motions:
            if not motion.decided:
                breaches.append(_breach("open", f"motion {motion.number}", "closed undecided"))
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


# --- record files --------------------------------------------------------------------------


def _strip_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_strip_none(v) for v in value]
    return value


def _toml_key(key: str) -> str:
    bare = key.replace("_", "").replace("-", "").isalnum() and key.isascii()
    return key if bare else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _toml_table(data: Mapping[str, Any], path: str, lines: list[str]) -> None:
    nested = []
    for key, value in data.items():
        if (isinstance(value, dict) and value) or _is_table_list(value):
            nested.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in nested:
        name = f"{path}.{_toml_key(key)}" if path else _toml_key(key)
        if isinstance(value, dict):
            lines.append("")
            lines.append(f"[{name}]")
            _toml_table(value, name, lines)
        else:
            for item in value:
                lines.append("")
                lines.append(f"[[{name}]]")
                _toml_table(item, name, lines)


def dump_meeting(meeting: Meeting, format: Literal["toml", "json"] = "toml") -> str:
    """The meeting record as a file's text (TOML or JSON).

    Dates are TOML dates; fractions and decimals are strings; empty values are left out.
    """
    data = _strip_none(meeting.model_dump(mode="json"))
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    # Dates back to date objects so TOML writes them as dates.
    data = _dates(data)
    lines = [
        "# kooperativ meeting record.",
        "# Verify with: kooperativ meeting verify FILE --bylaws bylaws.toml",
    ]
    _toml_table(data, "", lines)
    return "\n".join(lines) + "\n"


_DATE_KEYS = frozenset(
    {
        "held_on",
        "opened_on",
        "rules_from",
        "sent_on",
        "dated",
        "applied_on",
        "joined_on",
        "left_on",
        "paid_on",
        "submitted_on",
        "on",
    }
)


def _dates(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v, key) for v in value]
    if key in _DATE_KEYS and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _json_ready(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def parse_record(
    text: str, format: Literal["toml", "json"], file: str = "record"
) -> dict[str, Any]:
    """Read a record file's text into a mapping.

    Raises:
        InputError: The text is not valid TOML or JSON.
    """
    try:
        data: Any = tomllib.loads(text) if format == "toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise InputError(file, f"not valid {format.upper()} ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(file, "the record must be a table/object")
    return data


def load_meeting(data: Mapping[str, Any], bylaws: Bylaws) -> Meeting:
    """Build a meeting record from a mapping (a parsed record file).

    A record of a paper meeting may leave out what kooperativ computes: ``rules_from``,
    ``roll``, ``agenda``, and every poll's ``result``; they are filled in from the bylaws.

    Raises:
        ValidationFailed: The record is malformed (each problem with its key path).
        InputError: No bylaws were in force on the meeting date.
    """
    from kooperativ.governance.meeting import _agenda

    raw = _json_ready(dict(data))
    try:
        held_on = date.fromisoformat(str(raw["held_on"]))
        kind = MeetingKind(raw["kind"])
    except (KeyError, ValueError) as exc:
        raise InputError(
            "held_on" if "held_on" in str(exc) else "kind", f"missing or wrong: {exc}"
        ) from None
    rules = bylaws.rules_on(held_on)
    raw.setdefault("rules_from", rules.valid_from.isoformat())
    if "agenda" not in raw:
        raw["agenda"] = [a.model_dump(mode="json") for a in _agenda(kind, rules)]
    if "roll" not in raw:
        from kooperativ.governance.register import MembershipFee, Registrant

        try:
            people = [Registrant.model_validate(p) for p in raw.get("members", [])]
            fees = [MembershipFee.model_validate(f) for f in raw.get("fees", [])]
        except PydanticValidationError as exc:
            raise _failed(exc) from None
        raw["roll"] = voting_roll(people, fees, rules.voting_rights, held_on).model_dump(
            mode="json"
        )
    try:
        return Meeting.model_validate(raw)
    except PydanticValidationError as exc:
        raise _failed(exc) from None


def _failed(exc: PydanticValidationError) -> ValidationFailed:
    problems = []
    for err in exc.errors():
        path = ""
        for item in err["loc"]:
            path += f"[{item}]" if isinstance(item, int) else ("." if path else "") + str(item)
        problems.append((path or "record", str(err["msg"]).removeprefix("Value error, ")))
    return ValidationFailed(problems)

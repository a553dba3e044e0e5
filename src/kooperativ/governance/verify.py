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
    notice_problems,
    quorum_now,
)
from kooperativ.governance.register import voting_roll
from kooperativ.governance.tally import Explanation, Lot, tally_election

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
    """

    code: str
    where: str
    message: str


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
    """

    item: str
    title: str
    recorded: str | None
    recounted: str
    agrees: bool
    summary: str
    explanation: Explanation | None = None


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
                Breach(
                    code="vote",
                    where=where,
                    message=f"{len(box.choices)} ballots but {len(box.voted)} voters",
                )
            )
        ids = list(box.voted)
    else:
        counted = Counter(v.voter for v in box.votes)
        ids = [v.voter for v in box.votes]
    for voter, times in counted.items():
        if times > 1:
            found.append(
                Breach(
                    code="vote",
                    where=where,
                    message=f"{meeting.name_of(voter)} voted {times} times",
                )
            )
    for voter in dict.fromkeys(ids):
        name = meeting.name_of(voter)
        if general and voter not in voters:
            found.append(Breach(code="vote", where=where, message=f"{name} voted without a vote"))
    if box.secret or meeting.kind is MeetingKind.DIGITAL:
        if box.secret and meeting.kind is not MeetingKind.DIGITAL:
            absent = [v for v in dict.fromkeys(ids) if v not in present and v not in mandates]
            for voter in absent:
                found.append(
                    Breach(
                        code="vote",
                        where=where,
                        message=f"{meeting.name_of(voter)} voted but was neither present "
                        "nor represented",
                    )
                )
        return found
    for vote in box.votes:
        name = meeting.name_of(vote.voter)
        if not vote.by_proxy:
            if vote.voter not in present:
                found.append(
                    Breach(code="vote", where=where, message=f"{name} voted but was not present")
                )
            continue
        mandate = mandates.get(vote.voter)
        if mandate is None:
            found.append(
                Breach(
                    code="proxy",
                    where=where,
                    message=f"a vote for {name} was cast without a mandate",
                )
            )
        elif vote.cast_by is not None and vote.cast_by != mandate.proxy_id:
            found.append(
                Breach(
                    code="proxy",
                    where=where,
                    message=f"{meeting.name_of(vote.cast_by)} cast {name}'s vote without "
                    "their mandate",
                )
            )
        elif mandate.proxy_id is not None and mandate.proxy_id not in present:
            found.append(
                Breach(
                    code="proxy",
                    where=where,
                    message=f"{mandate.proxy_name} cast {name}'s vote but was not present",
                )
            )
    return found


def _quorum_breach(quorum: Quorum, where: str) -> list[Breach]:
    if quorum.met:
        return []
    return [
        Breach(
            code="quorum",
            where=where,
            message=f"quorum not met: {quorum.attending} voting members attending, "
            f"{quorum.required} required",
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
            summary=f"{motion.acclamation} by acclamation",
        )
        return check, breaches
    if not motion.polls:
        if motion.outcome is not None:
            breaches.append(
                Breach(code="outcome", where=where, message="an outcome without any vote")
            )
        return None, breaches
    recount = motion.model_copy(update={"polls": ()})
    outcome: str | None = None
    explanation: Explanation | None = None
    summary = ""
    for poll in motion.polls:
        breaches.extend(_vote_breaches(meeting, rules, poll.box, where))
        counted = recount.next_poll()
        if counted.kind != poll.kind or counted.amendment != poll.amendment:
            breaches.append(
                Breach(
                    code="motion",
                    where=where,
                    message=f"poll {poll.number} is not the one due ({counted.kind} "
                    f"{counted.amendment or ''})".replace(" )", ")"),
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
                Breach(
                    code="outcome",
                    where=where,
                    message=f"poll {poll.number}: the recorded count differs from the re-count",
                )
            )
        done = poll.model_copy(update={"result": result})
        recount = recount.model_copy(update={"polls": (*recount.polls, done)})
        if poll.kind == "final":
            quorum = quorum_now(meeting, rules, poll.box)
            breaches.extend(_quorum_breach(quorum, where))
            outcome = motion_outcome(meeting, rules, recount, result, quorum)
            explanation = result.explanation
            summary = f"{outcome} (yes {result.yes}, no {result.no}, abstain {result.abstain})"
            rule = rules.decisions.rule(motion.type)
            two = motion.type is DecisionType.BYLAW_AMENDMENT and rule.two_meetings
            if two and outcome == "first_reading":
                summary += "; a second meeting must confirm it"
    if outcome is None:
        if motion.outcome is not None:
            breaches.append(
                Breach(code="outcome", where=where, message="decided without a final vote")
            )
        return None, breaches
    check = DecisionCheck(
        item=where,
        title=motion.title,
        recorded=motion.outcome,
        recounted=outcome,
        agrees=motion.outcome in (None, outcome),
        summary=summary,
        explanation=explanation,
    )
    if not check.agrees:
        breaches.append(
            Breach(
                code="outcome",
                where=where,
                message=f"recorded as {motion.outcome}, but the re-count gives {outcome}",
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
            Breach(
                code="rules",
                where="meeting",
                message=f"recorded under the rules from {meeting.rules_from}; the rules in "
                f"force on {meeting.held_on} are those from {rules.valid_from}",
            )
        )
    roll = voting_roll(meeting.members, meeting.fees, rules.voting_rights, meeting.held_on)
    if roll.voter_ids != meeting.roll.voter_ids:
        for entry in roll.entries:
            recorded = meeting.roll.entry(entry.member_id)
            if recorded is None or recorded.votes != entry.votes:
                state = "has a vote" if entry.votes else "has no vote"
                why = "; ".join(r.text() for r in entry.reasons)
                breaches.append(
                    Breach(
                        code="roll",
                        where="röstlängd",
                        message=f"{entry.name} {state}"
                        + (f" ({why})" if why else "")
                        + ", unlike the recorded röstlängd",
                    )
                )
    meeting = meeting.model_copy(update={"roll": roll})
    breaches.extend(
        Breach(code="notice", where="meeting", message=p)
        for p in notice_problems(meeting, rules, meeting.notice)
    )
    if meeting.kind is MeetingKind.EXTRA and meeting.requested_by:
        r = rules.meetings
        members = [x for x in meeting.requested_by if x != "auditor"]
        if "auditor" in meeting.requested_by and not r.extra_meeting_auditor:
            breaches.append(
                Breach(
                    code="extra_meeting",
                    where="meeting",
                    message=f"the auditor may not call an extra meeting ({r.reference})",
                )
            )
        if members and "auditor" not in meeting.requested_by:
            needed = r.extra_meeting_share * len(roll.voters)
            voting = [m for m in members if _is_uuid(m) and UUID(m) in roll.voter_ids]
            if len(voting) < needed:
                breaches.append(
                    Breach(
                        code="extra_meeting",
                        where="meeting",
                        message=f"requested by {len(voting)} voting members; the bylaws need "
                        f"{r.extra_meeting_share} of {len(roll.voters)} ({r.reference})",
                    )
                )
    for member_id in meeting.present:
        if meeting.person(member_id) is None:
            breaches.append(
                Breach(
                    code="attendance",
                    where="meeting",
                    message=f"{member_id} is not in the register",
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
                Breach(
                    code="election",
                    where=where,
                    message=f"counted by {election.method.value}; the bylaws say "
                    f"{rules.elections.method.value} ({rules.elections.reference})",
                )
            )
        if rules.elections.secret == "always" and not election.box.secret:
            breaches.append(
                Breach(
                    code="election",
                    where=where,
                    message=f"held openly; the bylaws require a secret ballot "
                    f"({rules.elections.reference})",
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
            stated = ", ".join(election.result.winners) if election.result else election.outcome
            breaches.append(
                Breach(
                    code="outcome",
                    where=where,
                    message=f"recorded {stated}; the re-count elects "
                    f"{', '.join(result.winners) or 'nobody'}",
                )
            )
        checks.append(
            DecisionCheck(
                item=where,
                title=election.office,
                recorded=election.outcome,
                recounted=outcome,
                agrees=agrees,
                summary=f"{outcome}: {', '.join(result.winners) or '—'}",
                explanation=result.explanation,
            )
        )
    if meeting.state is MeetingState.CLOSED:
        for motion in meeting.motions:
            if not motion.decided:
                breaches.append(
                    Breach(code="open", where=f"motion {motion.number}", message="closed undecided")
                )
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

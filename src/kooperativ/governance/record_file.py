# SPDX-License-Identifier: EUPL-1.2
"""Meeting record files: a meeting as TOML or JSON text, and back.

A meeting held on paper can be entered afterwards as a record file (see
:func:`load_meeting`), and a meeting held in kooperativ can be exported to one
(:func:`dump_meeting`), then checked by :func:`kooperativ.governance.verify.verify_meeting`.

A secret ballot still open has no ballots in its record: they are in the ballot box, kept
apart (see :mod:`kooperativ.governance.secrecy`), so no export taken while voting goes on
holds anything that links a voter to a choice.

Examples:
    >>> from datetime import date
    >>> from kooperativ.governance.bylaws import parse_bylaws
    >>> bylaws = parse_bylaws({"rules": [{"valid_from": date(2024, 1, 1)}]}, "bylaws.toml")
    >>> record = {"number": 1, "kind": "board", "held_on": date(2026, 3, 1)}
    >>> meeting = load_meeting(record, bylaws)
    >>> load_meeting(parse_record(dump_meeting(meeting, "json"), "json"), bylaws) == meeting
    True
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

from pydantic import ValidationError as PydanticValidationError

from kooperativ.errors import InputError, ValidationFailed, pydantic_reason, syntax_reason
from kooperativ.governance.bylaws import Bylaws
from kooperativ.governance.meeting import Meeting
from kooperativ.governance.proceedings import default_agenda
from kooperativ.governance.register import MembershipFee, Registrant, voting_roll

__all__ = ["RecordFormat", "dump_meeting", "load_meeting", "parse_record", "read_record"]

#: A record file's format.
RecordFormat = Literal["toml", "json"]


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


def dump_meeting(meeting: Meeting, file_format: RecordFormat = "toml") -> str:
    """The meeting record as a file's text (TOML or JSON).

    Dates are TOML dates; fractions and decimals are strings; empty values are left out.
    """
    data = _strip_none(meeting.model_dump(mode="json"))
    if file_format == "json":
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


def parse_record(text: str, file_format: RecordFormat, file: str = "record") -> dict[str, Any]:
    """Read a record file's text into a mapping.

    Raises:
        InputError: The text is not valid TOML or JSON, or not a table.
    """
    try:
        data: Any = tomllib.loads(text) if file_format == "toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        template, values = syntax_reason(exc, file_format.upper())
        raise InputError(file, template, **values) from None
    except RecursionError:
        raise InputError(
            file, "not valid {format} (nested too deep)", format=file_format.upper()
        ) from None
    if not isinstance(data, dict):
        raise InputError(file, "the record must be a table/object")
    return data


def read_record(data: bytes, file_format: RecordFormat, file: str = "record") -> dict[str, Any]:
    """Read a record file's bytes (UTF-8) into a mapping.

    Raises:
        InputError: The bytes are not UTF-8 text, or not valid TOML or JSON.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            file,
            "is not UTF-8 text (byte {position}): save it as UTF-8",
            position=exc.start,
        ) from None
    return parse_record(text, file_format, file)


def load_meeting(data: Mapping[str, Any], bylaws: Bylaws) -> Meeting:
    """Build a meeting record from a mapping (a parsed record file).

    A record of a paper meeting may leave out what kooperativ computes: ``rules_from``,
    ``roll``, ``agenda``, and every poll's ``result``; they are filled in from the bylaws.

    Raises:
        ValidationFailed: The record is malformed (each problem with its key path).
        InputError: No bylaws were in force on the meeting date.
    """
    raw = _json_ready(dict(data))
    if "held_on" not in raw:
        raise InputError("held_on", "is required")
    try:
        held_on = date.fromisoformat(str(raw["held_on"]))
    except ValueError:
        raise InputError(
            "held_on", "{value!r} is not a date (use YYYY-MM-DD)", value=raw["held_on"]
        ) from None
    if "kind" not in raw:
        raise InputError("kind", "is required")
    agenda = default_agenda(str(raw["kind"]), bylaws.rules_on(held_on))
    rules = bylaws.rules_on(held_on)
    raw.setdefault("rules_from", rules.valid_from.isoformat())
    if "agenda" not in raw:
        raw["agenda"] = [a.model_dump(mode="json") for a in agenda]
    if "roll" not in raw:
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
        template, values = pydantic_reason(err)
        problems.append((path or "record", template, values))
    return ValidationFailed(problems)

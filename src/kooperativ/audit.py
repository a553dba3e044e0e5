# SPDX-License-Identifier: EUPL-1.2
"""The audit trail: every change as an event, chained by hash, and its verification.

Each event records who did what to which record, with the hash of the record before and
after the change, and the hash of the previous event. Changing, removing or reordering an
event, or a record behind the trail's back, breaks the chain, which :func:`verify_trail`
finds. What the chain alone cannot show — the tail cut off, or the whole chain computed
again by someone with write access to the database — is found with *anchors* (the head
of the chain published outside the database: in the minutes, to the auditor, in the
annual report) and, optionally, with a *key* kept outside the database that
authenticates each event (an HMAC), so that the chain cannot be recomputed without it.

The configuration in force is part of the trail: the hashes of ``cooperative.toml``,
``bylaws.toml``, ``stadgar.md`` and ``parameters/**/*.toml`` are recorded as
``config.change`` events (entity ``config``, one per file) by the first change written
after a file changed, and verification reports files changed since their last recorded
hash.

>>> head = Anchor.parse("12:" + "ab" * 32)
>>> head.seq
12
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from uuid import UUID, uuid4

from pydantic import Field, ValidationError

from kooperativ._model import Record
from kooperativ.errors import InputError, Phrase, Term, os_reason, pydantic_reason
from kooperativ.problems import Problem

if TYPE_CHECKING:
    from kooperativ.storage.base import StoredRecord
    from kooperativ.storage.kinds import Kind

__all__ = [
    "CONFIG_ENTITY",
    "GENESIS",
    "KEY_ENV",
    "KEY_FILE_ENV",
    "Anchor",
    "AuditEvent",
    "AuditReport",
    "chain_hash",
    "configuration_hashes",
    "event_mac",
    "key_from_environment",
    "read_key",
    "verify_chain",
    "verify_trail",
]

#: The ``prev_hash`` of the first event.
GENESIS = "0" * 64
#: The audit ``entity`` of the configuration files; the ``entity_id`` is the file's path.
CONFIG_ENTITY = "config"
#: The environment variable holding the audit key itself (prefer :data:`KEY_FILE_ENV`).
KEY_ENV = "KOOPERATIV_AUDIT_KEY"
#: The environment variable naming a file that holds the audit key.
KEY_FILE_ENV = "KOOPERATIV_AUDIT_KEY_FILE"
#: The shortest key accepted, in bytes.
MIN_KEY_BYTES = 16

_HEX64 = re.compile(r"[0-9a-f]{64}")


class AuditEvent(Record):
    """One change, as written to the audit trail."""

    id: UUID = Field(default_factory=uuid4)
    seq: int = Field(ge=1)
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before_hash: str | None = None
    after_hash: str | None = None
    prev_hash: str
    hash: str = ""
    #: HMAC-SHA256 of ``hash`` under the audit key, when one was in use (see :func:`event_mac`).
    mac: str | None = None

    def payload(self) -> str:
        """The canonical text the event's hash covers (everything but ``hash`` and ``mac``)."""
        data = self.model_dump(mode="json", exclude={"hash", "mac"})
        return json.dumps(data, sort_keys=True, separators=(",", ":"))


def chain_hash(event: AuditEvent) -> str:
    """SHA-256 over the event's payload (which includes ``prev_hash``)."""
    return hashlib.sha256(event.payload().encode()).hexdigest()


def event_mac(event: AuditEvent, key: bytes) -> str:
    """HMAC-SHA256 of the event's ``hash`` under ``key``.

    The hash covers the event and, through ``prev_hash``, every event before it, so a
    valid MAC on event *n* authenticates events 1 to *n*.
    """
    return hmac.new(key, event.hash.encode(), hashlib.sha256).hexdigest()


def read_key(path: Path) -> bytes:
    """The audit key in the file at ``path`` (surrounding whitespace removed).

    Raises:
        InputError: The file cannot be read or the key is shorter than 16 bytes.
    """
    try:
        key = Path(path).read_bytes().strip()
    except OSError as error:
        raise InputError(
            "audit key", "cannot read {path}: {reason}", path=str(path), reason=os_reason(error)
        ) from None
    return _checked(key)


def _checked(key: bytes) -> bytes:
    if len(key) < MIN_KEY_BYTES:
        raise InputError(
            "audit key", "is too short: use at least {count} bytes", count=MIN_KEY_BYTES
        )
    return key


def key_from_environment(environ: Mapping[str, str] | None = None) -> bytes | None:
    """The audit key from :data:`KEY_FILE_ENV` or :data:`KEY_ENV`, or ``None`` if neither is set.

    Raises:
        InputError: The file cannot be read, or the key is too short.
    """
    environ = os.environ if environ is None else environ
    path = environ.get(KEY_FILE_ENV)
    if path:
        return read_key(Path(path))
    text = environ.get(KEY_ENV)
    return _checked(text.strip().encode()) if text else None


def configuration_hashes(
    folder: Path, cache: dict[Path, tuple[tuple[int, int, int], str]] | None = None
) -> dict[str, str]:
    """SHA-256 of each configuration file in force in a cooperative's folder, by path.

    The files: ``cooperative.toml``, ``bylaws.toml``, ``stadgar.md`` and every
    ``parameters/**/*.toml``, keyed by their path relative to ``folder`` (``/``-separated).

    Args:
        folder: The cooperative's folder.
        cache: Optional ``path → ((mtime_ns, size, inode), hash)``, filled and used so that
            an unchanged file is not read again.
    """
    folder = Path(folder)
    paths = [folder / name for name in ("cooperative.toml", "bylaws.toml", "stadgar.md")]
    overrides = folder / "parameters"
    if overrides.is_dir():
        paths.extend(sorted(overrides.rglob("*.toml")))
    hashes: dict[str, str] = {}
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            continue
        signature = (status.st_mtime_ns, status.st_size, status.st_ino)
        known = cache.get(path) if cache is not None else None
        if known is not None and known[0] == signature:
            digest = known[1]
        else:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue
            if cache is not None:
                cache[path] = (signature, digest)
        hashes[path.relative_to(folder).as_posix()] = digest
    return hashes


class Anchor(NamedTuple):
    """A published head of the chain: event ``seq`` had hash ``hash``."""

    seq: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """``SEQ:HASH`` as printed by ``kooperativ audit head``.

        Raises:
            InputError: Not a number, a colon and a 64-digit hex hash.
        """
        seq, separator, digest = text.strip().partition(":")
        digest = digest.strip().lower()
        if not separator or not seq.strip().isdigit() or not _HEX64.fullmatch(digest):
            raise InputError(
                "anchor", "{value!r} is not SEQ:HASH (as `audit head` prints it)", value=text
            )
        return cls(int(seq), digest)

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    def as_dict(self) -> dict[str, object]:
        """JSON-ready data: ``seq``, ``hash`` and the ``anchor`` text ``SEQ:HASH``."""
        return {"seq": self.seq, "hash": self.hash, "anchor": str(self)}


@dataclass(frozen=True)
class AuditReport:
    """What :func:`verify_trail` checked and found."""

    #: How many events the trail holds.
    events: int
    #: The newest event (the head to publish), or ``None`` for an empty trail.
    head: Anchor | None
    #: Every problem found (none: intact).
    problems: list[Problem] = field(default_factory=list)
    #: The anchors found in the chain, as given.
    anchors: list[Anchor] = field(default_factory=list)
    #: Whether events were checked against a key (``False``: no key given).
    authenticated: bool = False

    @property
    def ok(self) -> bool:
        """No error was found (warnings, such as an unrecorded file change, are allowed)."""
        return not any(p.severity == "error" for p in self.problems)

    def as_dict(self, translate: Callable[[str], str] | None = None) -> dict[str, object]:
        """JSON-ready data (``kooperativ audit verify --json``).

        ``intact`` is :attr:`ok`; ``problems`` lists each problem as English
        ``where: message`` text (stable, for scripts); ``findings`` each problem with its
        machine fields and its words rendered with ``translate``
        (:meth:`Problem.as_dict <kooperativ.problems.Problem.as_dict>`).
        """
        return {
            "events": self.events,
            "intact": self.ok,
            "head": None if self.head is None else str(self.head),
            "anchors": [str(anchor) for anchor in self.anchors],
            "authenticated": self.authenticated,
            "problems": [f"{p.where}: {p.message}" for p in self.problems],
            "findings": [p.as_dict(translate) for p in self.problems],
        }


def verify_chain(
    events: Iterable[AuditEvent], current: Mapping[tuple[str, str], str | None] | None = None
) -> list[Problem]:
    """Check a chain of parsed events (and optionally record hashes): every problem found.

    A smaller form of :func:`verify_trail` for events already read.

    Args:
        events: The events in sequence order.
        current: Optional ``(entity, entity_id) → content hash`` of the records as stored
            now; each must equal the ``after_hash`` of the last event touching it.
    """
    rows = [event.model_dump(mode="json") for event in events]
    problems, last_after, _ = _check_events(rows, None)
    if current is not None:
        for key, digest in current.items():
            problems.extend(_compare_record(key, digest, last_after))
        for key, digest in last_after.items():
            if digest is not None and key not in current and key[0] != CONFIG_ENTITY:
                problems.append(_at(key, "removed outside the audit trail"))
    return problems


def _at(key: tuple[str, str], template: str, **args: object) -> Problem:
    return Problem.of("error", key, template, **args)


def _compare_record(
    key: tuple[str, str], digest: str | None, last_after: Mapping[tuple[str, str], str | None]
) -> list[Problem]:
    if key not in last_after:
        return [_at(key, "stored without an audit event")]
    if last_after[key] != digest:
        return [_at(key, "changed outside the audit trail")]
    return []


def _first_error(error: ValidationError) -> tuple[str, Phrase]:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "event"
    template, values = pydantic_reason(first)
    return where, Phrase(template, **values)


def _check_events(
    rows: Iterable[Mapping[str, object]], key: bytes | None
) -> tuple[list[Problem], dict[tuple[str, str], str | None], list[AuditEvent]]:
    """The chain's own checks; the last ``after_hash`` per record; the readable events."""
    problems: list[Problem] = []
    previous = GENESIS
    expected_seq = 1
    last_after: dict[tuple[str, str], str | None] = {}
    last_seq: dict[tuple[str, str], int] = {}
    parsed: list[AuditEvent] = []
    authenticated_from: int | None = None
    for position, row in enumerate(rows, start=1):
        raw_seq = row.get("seq")
        label = raw_seq if isinstance(raw_seq, int) else f"#{position}"
        if "raw" in row:
            problems.append(Problem.of("error", ("event", label), "the stored row is unreadable"))
            expected_seq += 1
            continue
        fields = {k: v for k, v in row.items()}
        try:
            event = AuditEvent.model_validate(fields)
        except ValidationError as error:
            where, reason = _first_error(error)
            problems.append(
                Problem.of(
                    "error",
                    ("event", label),
                    "the stored row is malformed ({field}: {reason})",
                    field=where,
                    reason=reason,
                )
            )
            digest = row.get("hash")
            previous = digest if isinstance(digest, str) else previous
            expected_seq += 1
            continue
        parsed.append(event)
        place = ("event", event.seq)
        for name in ("prev_hash", "hash", "before_hash", "after_hash", "mac"):
            value = getattr(event, name)
            if value is not None and not _HEX64.fullmatch(value):
                problems.append(
                    Problem.of("error", place, "{field} is not a SHA-256 hex digest", field=name)
                )
        if event.seq != expected_seq:
            problems.append(
                Problem.of("error", place, "expected sequence number {seq}", seq=expected_seq)
            )
            expected_seq = event.seq
        if event.prev_hash != previous:
            problems.append(Problem.of("error", place, "does not follow the event before it"))
        if chain_hash(event) != event.hash:
            problems.append(Problem.of("error", place, "contents changed after it was written"))
        record = (event.entity, event.entity_id)
        if event.before_hash != last_after.get(record):
            if record in last_seq:
                problems.append(
                    Problem.of(
                        "error",
                        place,
                        "its before-hash is not the after-hash of event {seq} on the same "
                        "record: a change was lost or the trail was edited",
                        seq=last_seq[record],
                    )
                )
            else:
                problems.append(
                    Problem.of("error", place, "changes a record that no earlier event created")
                )
        if key is not None:
            if event.mac is None:
                if authenticated_from is not None:
                    problems.append(
                        Problem.of("error", place, "is not authenticated by the audit key")
                    )
            elif not hmac.compare_digest(event.mac, event_mac(event, key)):
                problems.append(
                    Problem.of("error", place, "its MAC does not match: not written with this key")
                )
            elif authenticated_from is None:
                authenticated_from = event.seq
        previous = event.hash
        expected_seq += 1
        last_after[record] = event.after_hash
        last_seq[record] = event.seq
    if key is not None and parsed and authenticated_from is None:
        problems.append(
            Problem.of("error", ("audit", ""), "no event is authenticated by the audit key")
        )
    return problems, last_after, parsed


def _check_stored_record(
    kind: Kind, row: StoredRecord, last_after: Mapping[tuple[str, str], str | None]
) -> list[Problem]:
    """One stored record: readable, its columns agreeing with it, its hash on the trail."""
    key = (kind.name, row.id)
    problems: list[Problem] = []
    try:
        record = kind.record.model_validate_json(row.data)
    except ValidationError as error:
        where, reason = _first_error(error)
        problems.append(
            _at(
                key,
                "the stored text is not a valid record ({field}: {reason})",
                field=where,
                reason=reason,
            )
        )
        record = None
    if record is not None:
        record_id = str(getattr(record, "id", ""))
        number = getattr(record, "number", None)
        if record_id != row.id:
            problems.append(
                _at(key, "the id column does not match the record's id {value}", value=record_id)
            )
        if number != row.number:
            problems.append(
                _at(
                    key,
                    "the number column says {stored}, the record says {value}",
                    stored=row.number,
                    value=number,
                )
            )
        for name, value in kind.values(record).items():
            if row.columns.get(name) != value:
                problems.append(
                    _at(
                        key,
                        "the indexed column {column} says {stored}, the record says {value}",
                        column=name,
                        stored=row.columns.get(name),
                        value=value,
                    )
                )
        for link in kind.links:
            if tuple(sorted(link.values(record))) != tuple(sorted(row.links.get(link.name, ()))):
                problems.append(
                    _at(key, "the stored links {link} do not match the record", link=link.name)
                )
    digest = hashlib.sha256(row.data.encode()).hexdigest()
    problems.extend(_compare_record(key, digest, last_after))
    return problems


def verify_trail(
    events: Iterable[Mapping[str, object]],
    records: Mapping[Kind, Iterable[StoredRecord]],
    *,
    configuration: Mapping[str, str] | None = None,
    anchors: Sequence[Anchor] = (),
    key: bytes | None = None,
) -> AuditReport:
    """Check the audit trail, the records behind it, the configuration, anchors and key.

    Args:
        events: The event rows as stored, in sequence order (``AuditLog.stored()``).
        records: Each record kind's rows as stored (``Repository.stored()``).
        configuration: The hash of each configuration file in force, by path
            (:func:`configuration_hashes`); ``None`` to skip that check.
        anchors: Published heads that must be in the chain.
        key: The audit key; every event from the first authenticated one on must carry a
            valid MAC.

    Returns:
        The report: every problem found, as :class:`~kooperativ.problems.Problem`.

    Checks: each row reads as an event; sequence numbers run 1, 2, 3 …; each event's
    ``prev_hash`` is the previous event's hash and its ``hash`` is its contents' hash; its
    ``before_hash`` is the ``after_hash`` of the previous event on the same record (a lost
    update shows here); each stored record reads, its ``id``, ``number``, indexed columns
    and links agree with its text, and its text's hash is the ``after_hash`` of its last
    event; every reference it holds (``member_id``, a contract's assignments …) names a
    stored record; no record was removed; each configuration file's hash is the one last recorded
    (a warning: the next change records it); each anchor is in the chain; and with a key,
    the MACs.
    """
    rows = list(events)
    stored_records = {kind: list(stored) for kind, stored in records.items()}
    problems, last_after, parsed = _check_events(rows, key)
    seen: set[tuple[str, str]] = set()
    for kind, found in stored_records.items():
        for row in found:
            seen.add((kind.name, row.id))
            problems.extend(_check_stored_record(kind, row, last_after))
    problems.extend(_check_references(stored_records))
    names = {kind.name for kind in stored_records}
    for record, digest in last_after.items():
        if digest is not None and record[0] in names and record not in seen:
            problems.append(_at(record, "removed outside the audit trail"))
    if configuration is not None and rows:
        # An empty trail: nothing has been done under any configuration yet.
        problems.extend(_check_configuration(configuration, last_after))
    head = Anchor(parsed[-1].seq, parsed[-1].hash) if parsed else None
    by_seq = {event.seq: event for event in parsed}
    confirmed: list[Anchor] = []
    for anchor in anchors:
        event = by_seq.get(anchor.seq)
        place = ("anchor", anchor.seq)
        if event is None:
            last = head.seq if head else 0
            problems.append(
                Problem.of(
                    "error",
                    place,
                    "the chain ends at event {last}: the events from the published head on "
                    "were removed",
                    last=last,
                )
                if anchor.seq > last
                else Problem.of("error", place, "the published event is missing from the chain")
            )
        elif event.hash != anchor.hash:
            problems.append(
                Problem.of(
                    "error",
                    place,
                    "the published head is {published}, the chain has {found}: the chain was "
                    "rewritten",
                    published=anchor.hash[:12],
                    found=event.hash[:12],
                )
            )
        else:
            confirmed.append(anchor)
    return AuditReport(len(rows), head, problems, confirmed, key is not None)


def _check_references(records: Mapping[Kind, Sequence[StoredRecord]]) -> list[Problem]:
    """Every reference (``member_id``, a contract's assignments …) names a stored record."""
    ids = {kind.name: {row.id for row in rows} for kind, rows in records.items()}
    problems: list[Problem] = []
    for kind, rows in records.items():
        references = [(c.name, c.refers) for c in kind.columns if c.refers in ids]
        links = [(link.name, link.target) for link in kind.links if link.target in ids]
        for row in rows:
            found = [(name, target, row.columns.get(name)) for name, target in references]
            found += [
                (name, target, value) for name, target in links for value in row.links.get(name, ())
            ]
            for name, target, value in found:
                if value is not None and str(value) not in ids[target]:
                    problems.append(
                        _at(
                            (kind.name, row.id),
                            "{field} refers to {kind} {value}, which is not stored",
                            field=name,
                            kind=Term(target),
                            value=value,
                        )
                    )
    return problems


def _check_configuration(
    configuration: Mapping[str, str], last_after: Mapping[tuple[str, str], str | None]
) -> list[Problem]:
    recorded = {
        entity_id: digest
        for (entity, entity_id), digest in last_after.items()
        if entity == CONFIG_ENTITY
    }
    problems: list[Problem] = []
    for path in sorted(set(configuration) | {p for p, d in recorded.items() if d is not None}):
        now, then = configuration.get(path), recorded.get(path)
        place = (CONFIG_ENTITY, path)
        if now == then:
            continue
        if path not in recorded:
            problems.append(
                Problem.of(
                    "warning",
                    place,
                    "not yet recorded in the audit trail (the next change records it)",
                )
            )
        elif now is None:
            problems.append(
                Problem.of(
                    "warning", place, "removed since it was recorded (the next change records it)"
                )
            )
        else:
            problems.append(
                Problem.of(
                    "warning", place, "changed since it was recorded (the next change records it)"
                )
            )
    return problems

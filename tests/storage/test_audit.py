# SPDX-License-Identifier: EUPL-1.2
"""An audit trail that proves itself: lost updates, swapped numbers, configuration files,
anchors against a recomputed or cut-off chain, a key outside the database, malformed rows,
and who may read it — through the API and the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from kooperativ import Actor, Cooperative, PermissionDenied
from kooperativ.audit import Anchor, AuditEvent, chain_hash, event_mac
from kooperativ.cli import app
from kooperativ.errors import InputError
from kooperativ.i18n import messages as i18n_messages
from kooperativ.members.models import Member, Role
from kooperativ.storage import SqlStore

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
KEY = b"a key kept far from the database"
ADMIN = Actor.admin()

SQL_BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def _open(folder: Path, url: str) -> Cooperative:
    return Cooperative.open(folder, url, clock=lambda: NOW)


@pytest.fixture
def coop(tmp_path: Path, database_url: str) -> Iterator[Cooperative]:
    """The example cooperative on every backend."""
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with _open(folder, database_url) as opened:
        yield opened


@pytest.fixture(params=SQL_BACKENDS)
def sql_coop(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Cooperative]:
    """The example cooperative on SQLite and PostgreSQL, whose tables a test may edit."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'kooperativ.db'}"
    else:
        url = request.getfixturevalue("postgres_schema_url")
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with _open(folder, url) as opened:
        yield opened


def register(coop: Cooperative) -> tuple[Member, Member]:
    astrid = coop.members.add(
        ADMIN, first_name="Astrid", last_name="Berg", person_id="19850312-9804"
    )
    bruno = coop.members.add(ADMIN, first_name="Bruno", last_name="Dahl", person_id="20030815-9805")
    return astrid, bruno


def sql(coop: Cooperative, statement: str, **values: object) -> list[tuple[object, ...]]:
    store = coop.store
    assert isinstance(store, SqlStore)
    with store.engine.begin() as connection:
        result = connection.execute(text(statement), values)
        return [tuple(row) for row in result] if result.returns_rows else []


def messages(coop: Cooperative, **options: object) -> list[str]:
    report = coop.audit.verify(ADMIN, **options)  # type: ignore[arg-type]
    return [f"{p.severity}: {p.where}: {p.message}" for p in report.problems]


# --- the chain and the records -------------------------------------------------------------


def test_a_lost_update_is_found(coop: Cooperative) -> None:
    astrid, _ = register(coop)
    # Two writers both read Astrid, then each wrote their change: what main did under load.
    with coop.store.unit_of_work() as uow:
        board = astrid.evolve(roles=astrid.roles | {Role.BOARD})
        uow.members.update(board)
        coop.members._record(uow, ADMIN, "member.roles", astrid, board)
    with coop.store.unit_of_work() as uow:
        resigned = astrid.evolve(status="resigned", joined_on=date(2026, 1, 1), left_on=NOW.date())
        uow.members.update(resigned)
        coop.members._record(uow, ADMIN, "member.resign", astrid, resigned)
    seq = len(coop.audit.events(ADMIN))
    assert messages(coop) == [
        f"error: event {seq}: its before-hash is not the after-hash of event {seq - 1} on the "
        "same record: a change was lost or the trail was edited"
    ]


def test_an_intact_trail_verifies(coop: Cooperative) -> None:
    register(coop)
    coop.members.set_roles(ADMIN, 1, frozenset({Role.BOARD}))
    report = coop.audit.verify(ADMIN)
    assert report.ok and report.problems == []
    assert report.events == 3 + 3  # three configuration files, two members, one change
    assert report.head == coop.audit.head(ADMIN)
    assert report.authenticated is False


def test_swapped_member_numbers_are_found(sql_coop: Cooperative) -> None:
    astrid, bruno = register(sql_coop)
    assert sql_coop.audit.verify(ADMIN).problems == []
    sql(sql_coop, "UPDATE members SET number = 99 WHERE number = 1")
    sql(sql_coop, "UPDATE members SET number = 1 WHERE number = 2")
    sql(sql_coop, "UPDATE members SET number = 2 WHERE number = 99")
    assert messages(sql_coop) == [
        f"error: member {bruno.id}: the number column says 1, the record says 2",
        f"error: member {astrid.id}: the number column says 2, the record says 1",
    ]


def test_an_edited_index_column_is_found(sql_coop: Cooperative) -> None:
    astrid, _ = register(sql_coop)
    # Hiding a duplicate personnummer from the duplicate check, behind the records' back.
    sql(sql_coop, "UPDATE members SET person_id = '190001019999' WHERE number = 1")
    assert messages(sql_coop) == [
        f"error: member {astrid.id}: the indexed column person_id says 190001019999, the "
        "record says 198503129804"
    ]


def test_a_broken_reference_is_found(sql_coop: Cooperative) -> None:
    astrid, _ = register(sql_coop)
    sql_coop.clients.add(ADMIN, name="Teatern AB", orgnr="559912-3451")
    job = sql_coop.assignments.add(
        ADMIN,
        member=1,
        client=1,
        description="Scenografi",
        start=date(2026, 9, 1),
        end=date(2026, 12, 30),
        agreed_amount="60000",
    )
    sql(sql_coop, "DELETE FROM members WHERE number = 1")
    assert messages(sql_coop) == [
        f"error: assignment {job.id}: member_id refers to member {astrid.id}, which is not stored",
        f"error: member {astrid.id}: removed outside the audit trail",
    ]
    # `kooperativ check` reports it through the audit trail's check.
    assert any("refers to member" in p.message for p in sql_coop.check(date(2026, 11, 27)))


def test_malformed_rows_are_findings_not_tracebacks(sql_coop: Cooperative) -> None:
    astrid, _ = register(sql_coop)
    sql(sql_coop, "UPDATE audit_events SET at = 'yesterday' WHERE seq = 1")
    sql(sql_coop, "UPDATE audit_events SET hash = 'not a hash' WHERE seq = 2")
    sql(sql_coop, "UPDATE members SET data = '{\"number\": 1, broken' WHERE number = 1")
    found = messages(sql_coop)
    assert found[0].startswith("error: event 1: the stored row is malformed (at: ")
    assert "error: event 2: hash is not a SHA-256 hex digest" in found
    assert any(
        m.startswith(f"error: member {astrid.id}: the stored text is not a valid record (")
        for m in found
    )
    assert f"error: member {astrid.id}: changed outside the audit trail" in found
    code, out, err = run(
        "audit", "verify", "--coop", str(sql_coop.folder), "--database", _url(sql_coop)
    )
    assert code == 1 and "Traceback" not in out + err
    assert "händelse 1: den lagrade raden är felaktig (at: " in out


# --- the configuration in force ------------------------------------------------------------


def test_configuration_files_are_recorded_and_their_changes_found(coop: Cooperative) -> None:
    assert coop.audit.verify(ADMIN).problems == []  # nothing recorded yet, nothing written
    register(coop)
    config = [e for e in coop.audit.events(ADMIN) if e.entity == "config"]
    assert [(e.seq, e.action, e.entity_id, e.actor) for e in config] == [
        (1, "config.change", "bylaws.toml", "system"),
        (2, "config.change", "cooperative.toml", "system"),
        (3, "config.change", "stadgar.md", "system"),
    ]
    bylaws = coop.folder / "bylaws.toml"
    recorded = config[0].after_hash
    bylaws.write_text(bylaws.read_text("utf-8") + "\n# amended at the annual meeting\n", "utf-8")
    (coop.folder / "stadgar.md").unlink()
    assert messages(coop) == [
        "warning: config bylaws.toml: changed since it was recorded (the next change records it)",
        "warning: config stadgar.md: removed since it was recorded (the next change records it)",
    ]
    assert coop.audit.verify(ADMIN).ok  # warnings: changing the bylaws is allowed
    coop.members.set_roles(ADMIN, 1, frozenset({Role.BOARD}))
    events = coop.audit.events(ADMIN)
    assert [(e.action, e.entity_id) for e in events[-3:]] == [
        ("config.change", "bylaws.toml"),
        ("config.change", "stadgar.md"),
        ("member.roles", str(events[-1].entity_id)),
    ]
    assert events[-3].before_hash == recorded and events[-3].after_hash != recorded
    assert events[-2].after_hash is None
    assert coop.audit.verify(ADMIN).problems == []
    # A parameter override is part of the configuration too; recorded on request.
    (coop.folder / "parameters" / "holiday.toml").write_text("# none yet\n", "utf-8")
    recorded_now = coop.audit.record_configuration(ADMIN)
    assert [e.entity_id for e in recorded_now] == ["parameters/holiday.toml"]
    assert coop.audit.record_configuration(ADMIN) == []
    with pytest.raises(PermissionDenied):
        coop.audit.record_configuration(Actor(name="revisor", roles=frozenset({Role.AUDITOR})))


# --- anchors and the key -------------------------------------------------------------------


def _rewrite_chain(coop: Cooperative, start: int, **changes: object) -> None:
    """What someone with write access to the database could do: edit event ``start`` and
    compute every hash from there on again, so that the chain alone verifies."""
    rows = sql(coop, "SELECT seq FROM audit_events ORDER BY seq")
    previous = None
    for (seq,) in rows:
        (row,) = [
            dict(zip(AuditEvent.model_fields, r, strict=False))
            for r in sql(
                coop,
                "SELECT " + ", ".join(AuditEvent.model_fields) + " FROM "
                "audit_events WHERE seq = :s",
                s=seq,
            )
        ]
        event = AuditEvent.model_validate(row)
        if seq >= start:
            event = event.model_copy(
                update={
                    **(changes if seq == start else {}),
                    "prev_hash": previous or event.prev_hash,
                }
            )
            event = event.model_copy(update={"hash": chain_hash(event)})
            sql(
                coop,
                "UPDATE audit_events SET actor = :a, prev_hash = :p, hash = :h WHERE seq = :s",
                a=event.actor,
                p=event.prev_hash,
                h=event.hash,
                s=seq,
            )
        previous = event.hash


def test_anchors_find_a_recomputed_chain(sql_coop: Cooperative) -> None:
    register(sql_coop)
    published = sql_coop.audit.head(ADMIN)
    assert published is not None and published.seq == 5
    sql_coop.members.set_roles(ADMIN, 2, frozenset({Role.TREASURER}))
    report = sql_coop.audit.verify(ADMIN, anchors=[published, str(published)])
    assert report.ok and report.anchors == [published, published]
    _rewrite_chain(sql_coop, 4, actor="someone else")
    assert sql_coop.audit.verify(ADMIN).problems == []  # the chain alone cannot tell
    assert messages(sql_coop, anchors=[published]) == [
        f"error: anchor 5: the published head is {published.hash[:12]}, the chain has "
        f"{sql(sql_coop, 'SELECT hash FROM audit_events WHERE seq = 5')[0][0][:12]}: the chain "
        "was rewritten"
    ]


def test_anchors_find_a_cut_off_tail(sql_coop: Cooperative) -> None:
    register(sql_coop)
    before = sql(sql_coop, "SELECT data FROM members WHERE number = 2")[0][0]
    sql_coop.members.set_roles(ADMIN, 2, frozenset({Role.TREASURER}))
    published = sql_coop.audit.head(ADMIN)
    assert published is not None
    # Undo the last change and its event, and nothing in the chain shows it…
    sql(sql_coop, "DELETE FROM audit_events WHERE seq = :s", s=published.seq)
    sql(sql_coop, "UPDATE members SET data = :d, version = 1 WHERE number = 2", d=before)
    assert sql_coop.audit.verify(ADMIN).problems == []
    # …but the published head does.
    assert messages(sql_coop, anchors=[published]) == [
        f"error: anchor {published.seq}: the chain ends at event {published.seq - 1}: the "
        "events from the published head on were removed"
    ]


def test_a_bad_anchor_is_an_input_error(coop: Cooperative) -> None:
    with pytest.raises(InputError, match="anchor: 'five' is not SEQ:HASH"):
        coop.audit.verify(ADMIN, anchors=["five"])
    assert Anchor.parse(" 7:" + "AB" * 32) == Anchor(7, "ab" * 32)


def test_the_key_authenticates_every_event(sql_coop: Cooperative) -> None:
    sql_coop.audit.use_key(KEY)
    register(sql_coop)
    events = sql_coop.audit.events(ADMIN)
    assert all(e.mac == event_mac(e, KEY) for e in events)
    report = sql_coop.audit.verify(ADMIN)
    assert report.ok and report.authenticated
    assert messages(sql_coop, key=b"another key, not the one in use")[:1] == [
        "error: event 1: its MAC does not match: not written with this key"
    ]
    # Recomputing the chain without the key leaves MACs that do not match…
    _rewrite_chain(sql_coop, 2, actor="someone else")
    found = messages(sql_coop)
    assert found[0] == "error: event 2: its MAC does not match: not written with this key"
    assert len(found) == len(events) - 1
    # …and stripping them does not help.
    sql(sql_coop, "UPDATE audit_events SET mac = NULL WHERE seq >= 2")
    assert messages(sql_coop)[0] == "error: event 2: is not authenticated by the audit key"
    sql(sql_coop, "UPDATE audit_events SET mac = NULL")
    assert messages(sql_coop) == ["error: audit: no event is authenticated by the audit key"]


def test_the_key_from_the_environment(
    coop: Cooperative, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "audit.key"
    key_file.write_bytes(KEY + b"\n")
    monkeypatch.setenv("KOOPERATIV_AUDIT_KEY_FILE", str(key_file))
    register(coop)
    assert all(e.mac == event_mac(e, KEY) for e in coop.audit.events(ADMIN))
    assert coop.audit.verify(ADMIN).authenticated
    key_file.write_bytes(b"short")
    with pytest.raises(InputError, match="too short"):
        Cooperative.open(coop.folder, "memory://").audit.key  # noqa: B018


# --- who may read it -----------------------------------------------------------------------


def test_only_readers_of_everything_read_the_trail(coop: Cooperative) -> None:
    register(coop)
    member = coop.actor_for_member(1)
    for call in (coop.audit.events, coop.audit.verify, coop.audit.head):
        with pytest.raises(PermissionDenied, match="auditor, board, treasurer or admin only"):
            call(member)
    with pytest.raises(PermissionDenied) as caught:
        coop.audit.events(member)
    assert caught.value.render(i18n_messages("sv")) == (
        "Astrid Berg får inte läsa granskningsloggen (endast revisor, styrelse, kassör eller "
        "administratör)"
    )
    coop.members.set_roles(ADMIN, 2, frozenset({Role.AUDITOR}))
    auditor = coop.actor_for_member(2)
    assert coop.audit.verify(auditor).ok
    assert len(coop.audit.events(auditor)) == 6


# --- the CLI -------------------------------------------------------------------------------

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _url(coop: Cooperative) -> str:
    store = coop.store
    assert isinstance(store, SqlStore)
    return store.engine.url.render_as_string(hide_password=False)


def test_cli_head_verify_anchor_and_list_in_swedish(
    sql_coop: Cooperative, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the whole table on one line per event
    register(sql_coop)
    where = ["--coop", str(sql_coop.folder), "--database", _url(sql_coop)]
    code, out, _ = run("audit", "head", *where)
    assert code == 0
    anchor = out.splitlines()[0]
    assert anchor == str(sql_coop.audit.head(ADMIN))
    assert "Publicera detta huvud" in out
    code, out, _ = run("audit", "verify", *where, "--anchor", anchor)
    assert code == 0
    out = " ".join(out.split())  # rich wraps long lines
    assert f"Det publicerade huvudet {anchor} finns i kedjan." in out
    assert "Granskningsloggen är obruten: 5 händelser kontrollerade." in out
    code, out, _ = run("audit", "verify", *where, "--anchor", "9:" + "0" * 64, "--json")
    report = json.loads(out)
    assert code == 1 and report["intact"] is False and report["head"] == anchor
    assert report["problems"] == [
        "anchor 9: the chain ends at event 5: the events from the published head on were removed"
    ]
    code, out, _ = run("audit", "list", *where)
    assert code == 0
    assert "Granskningslogg" in out and "medlem registrerad" in out
    assert "konfigurationsfil ändrad" in out and "5 händelser" in out
    code, out, err = run("audit", "list", *where, "--as", "1")
    assert code == 2 and "Astrid Berg" in err and out == ""


def test_cli_verify_with_a_key_file(sql_coop: Cooperative, tmp_path: Path) -> None:
    sql_coop.audit.use_key(KEY)
    register(sql_coop)
    key_file = tmp_path / "audit.key"
    key_file.write_bytes(KEY)
    where = ["--coop", str(sql_coop.folder), "--database", _url(sql_coop)]
    code, out, _ = run("audit", "verify", *where, "--key-file", str(key_file), "--json")
    assert code == 0 and json.loads(out)["authenticated"] is True
    key_file.write_bytes(b"this is the wrong key")
    code, out, _ = run("audit", "verify", *where, "--key-file", str(key_file))
    assert code == 1 and "dess MAC stämmer inte" in out


def test_cli_db_upgrade(tmp_path: Path) -> None:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    code, out, _ = run("db", "upgrade", "--coop", str(folder))
    assert code == 0 and "är uppdaterad" in out
    (folder / "kooperativ.db").unlink()
    (folder / "kooperativ.db").touch()
    code, _, err = run("db", "upgrade", "--coop", str(folder))
    assert code == 1 and "tom fil" in err.replace("\n", " ")

# SPDX-License-Identifier: EUPL-1.2
"""Secret ballots that stay secret: the attacks of issue 8, written as tests.

The attacker sees, after every single vote, everything a member or an operator could see:
the audit trail, the meeting record (what every export holds) and — for the last attacks —
the raw tables of the database. A secret election with three voters and the ballots
A, B, B can have three voter–choice assignments consistent with the published totals. Each
attack is run in each of the three worlds (the same voters voting in the same order at the
same moments, only the assignment differs); the attack learns nothing beyond the totals
exactly when what it observes is identical in all three worlds, once the random ids
(which differ between any two databases) are renamed in order of appearance.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from kooperativ import Actor, Cooperative
from kooperativ.audit import chain_hash
from kooperativ.demo import load_demo
from kooperativ.errors import ConfigError, ConflictError
from kooperativ.governance.secrecy import KEY_VARIABLE, BallotSeal
from kooperativ.storage.memory import MemoryStore
from kooperativ.storage.sql import SqlStore

NOW = datetime(2027, 3, 20, 9, 0, tzinfo=UTC)
DAY = date(2027, 3, 20)
CANDIDATES = ["Ulla Revisor", "Per Granskare"]
# The box's content, published when the poll is counted: one A, two B.
CONTENT = (("Ulla Revisor",), ("Per Granskare",), ("Per Granskare",))
VOTERS = (1, 2, 3)  # member numbers, voting in this order
WORLDS = sorted(set(itertools.permutations(CONTENT)))  # the assignments consistent with it

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _open(folder: Path, url: str) -> Cooperative:
    coop = Cooperative.open(folder, url, clock=lambda: NOW)
    load_demo(coop, folder / "demo.toml")
    admin = Actor.admin()
    for number in (1, 2, 3):
        coop.governance.pay_fee(admin, number, year=2027, amount="200", paid_on=date(2027, 1, 15))
    return coop


def _call(coop: Cooperative) -> None:
    """The meeting up to the secret election, before anyone votes."""
    g, admin = coop.governance, Actor.admin()
    g.create(admin, kind="annual", held_on=DAY)
    g.officers(admin, 1, chair="Alva Berglund")
    g.attend(admin, 1, list(VOTERS))
    g.election(admin, 1, office="Revisor", seats=1, candidates=CANDIDATES, secret=True)


@pytest.fixture
def world_factory(tmp_path: Path) -> Iterator[Any]:
    """Worlds that share everything up to the first vote (the same members, the same ids):
    copies of one database, so that what differs between them is only what they do next."""
    opened: list[Cooperative] = []
    bases: dict[str, Any] = {}

    def make(name: str, backend: str) -> Cooperative:
        if backend not in bases:
            folder = Cooperative.init(tmp_path / f"base-{backend}", "interim_kultur")
            url = "memory://" if backend == "memory" else f"sqlite:///{folder / 'k.db'}"
            if backend == "sqlite":
                store = SqlStore(url)
                store.upgrade()
                store.close()
            base = _open(folder, url)
            _call(base)
            bases[backend] = (folder, copy.deepcopy(getattr(base.store, "_state", None)))
            base.close()
        folder, state = bases[backend]
        copied = tmp_path / name
        shutil.copytree(folder, copied)
        url = "memory://" if backend == "memory" else f"sqlite:///{copied / 'k.db'}"
        coop = Cooperative.open(copied, url, clock=lambda: NOW)
        if backend == "memory":
            coop.store._state = copy.deepcopy(state)  # type: ignore[attr-defined]
        opened.append(coop)
        return coop

    yield make
    for coop in opened:
        coop.close()


def _known_ids(coop: Cooperative) -> set[str]:
    return set(_UUID.findall(coop.governance.get(Actor.admin(), 1).canonical_json()))


def _rename_new_ids(observation: str, known: set[str]) -> str:
    """Ids made after the worlds parted (audit events, ballot rows) are random: hidden."""
    return _UUID.sub(lambda m: m.group(0) if m.group(0) in known else "<new id>", observation)


def _raw_tables(coop: Cooperative) -> str:
    """Every row of every table, as an operator reading the database sees them."""
    store = coop.store
    if isinstance(store, MemoryStore):
        state = store._state
        rows = [repr(sorted(t.rows.values())) for t in state.tables.values()]
        return "\n".join([*rows, repr(state.audit), repr(state.boxes)])
    assert isinstance(store, SqlStore)
    with store.engine.connect() as connection:
        names = [
            row[0]
            for row in connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            )
        ]
        return "\n".join(
            f"{name}: {[tuple(r) for r in connection.execute(text(f'SELECT * FROM {name}'))]}"
            for name in names
        )


def _hold(coop: Cooperative, assignment: tuple[tuple[str, ...], ...]) -> list[dict[str, str]]:
    """Hold the secret election; after each vote record what the attacker sees."""
    g, admin = coop.governance, Actor.admin()
    seen = []
    for number, choice in zip(VOTERS, assignment, strict=True):
        g.vote(coop.actor_for_member(number), 1, election=1, choice=list(choice))
        record = g.get(admin, 1).canonical_json()  # what an export holds, and more
        events = coop.audit.events(admin)
        last = events[-1]
        # The pair attack's tool: the audit hash is the hash of exactly this record ...
        assert last.after_hash == hashlib.sha256(record.encode()).hexdigest()
        # ... so whatever the record says about the ballots, the audit trail says too.
        trail = [(e.seq, e.at.isoformat(), e.actor, e.action, e.entity) for e in events]
        seen.append({"record": record, "trail": repr(trail), "raw": _raw_tables(coop)})
    g.count(admin, 1, election=1, seed="2027 val 1")
    final = g.get(admin, 1)
    seen.append({"record": final.canonical_json(), "trail": "", "raw": ""})
    return seen


def _view(seen: list[dict[str, str]], keys: tuple[str, ...], known: set[str]) -> list[str]:
    return [_rename_new_ids("\n".join(moment[k] for k in keys), known) for moment in seen]


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_audit_trail_and_exports_between_votes_learn_nothing(
    world_factory: Any, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pair attack (audit trail: voter + hash of the record after each vote) and the
    export-diff attack (the meeting exported between every two votes) see the same in every
    world: every assignment consistent with the totals stays possible."""
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    views = []
    for n, assignment in enumerate(WORLDS):
        coop = world_factory(f"w{n}", backend)
        known = _known_ids(coop)
        seen = _hold(coop, assignment)
        views.append(_view(seen, ("record", "trail"), known))
        for moment in seen[:-1]:  # while the poll is open: no ballot in the record
            assert "Per Granskare" not in moment["record"].split('"candidates"')[0]
            assert '"choices":[]' in moment["record"]
    assert len(WORLDS) == 3
    assert views[0] == views[1] == views[2]
    # After the count the record holds the box's content, sorted: the published totals.
    assert '"choices":[["Per Granskare"],["Per Granskare"],["Ulla Revisor"]]' in views[0][-1]


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_raw_database_between_votes_learns_nothing_when_sealed(
    world_factory: Any, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An operator who reads every table after every vote sees a new, sealed ballot appear
    after each vote, all of one length: with the key outside the database, the tables say
    nothing about the choice beyond what the totals say."""
    monkeypatch.setenv(KEY_VARIABLE, BallotSeal.generate_key())
    views = []
    for n, assignment in enumerate(WORLDS):
        coop = world_factory(f"w{n}", backend)
        known = _known_ids(coop)
        first_new = len(coop.audit.events(Actor.admin())) + 1
        seen = _hold(coop, assignment)
        raw = [moment["raw"] for moment in seen[:-1]]
        # An event's own hash covers its random id: it says nothing the other fields of the
        # event do not (checked here), so it is hidden like the id.
        new_events = [e for e in coop.audit.events(Actor.admin()) if e.seq >= first_new]
        assert all(chain_hash(e) == e.hash for e in new_events)
        for event in new_events:
            raw = [r.replace(event.hash, "<event hash>") for r in raw]
        sealed = [re.findall(r"sealed:v1:[A-Za-z0-9_=-]+", r) for r in raw]
        assert [len(s) for s in sealed] == [1, 2, 3]  # one new ballot after each vote
        assert len({len(b) for s in sealed for b in s}) == 1  # every ballot one length
        for r in raw:
            assert "Per Granskare" not in r.split("ballot")[-1] or "plain:" not in r
            assert "plain:" not in r
        # The ciphertexts are random (fresh nonces) in any world: hide them, compare the rest.
        hidden = [re.sub(r"sealed:v1:[A-Za-z0-9_=-]+", "<sealed>", r) for r in raw]
        views.append([_rename_new_ids(h, known) for h in hidden])
    assert views[0] == views[1] == views[2]


def test_raw_database_between_votes_links_unsealed_ballots(
    world_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a ballot key the same attack succeeds: this is the adversary the docs say an
    unsealed box does not defeat (and why a key outside the database is needed)."""
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    seen = _hold(world_factory("w", "sqlite"), WORLDS[0])
    before = ""
    recovered = []
    for moment in seen[:-1]:
        new = [b for b in re.findall(r"plain:\[[^\]]*\]", moment["raw"]) if b not in before]
        recovered.append(new)
        before = moment["raw"]
    assert recovered[0] == ['plain:["' + WORLDS[0][0][0] + '"]']


def test_sealed_box_on_every_backend(coop_url: tuple[Cooperative, str]) -> None:
    """On memory, SQLite and PostgreSQL: the box is sealed while voting goes on, opens only
    with the key, is emptied by the count, and the count verifies."""
    coop, _ = coop_url
    seal = BallotSeal.from_text(BallotSeal.generate_key())
    coop.governance.seal_ballots_with(seal)
    g, admin = coop.governance, Actor.admin()
    _call(coop)
    for number, choice in zip(VOTERS, WORLDS[0], strict=True):
        g.vote(coop.actor_for_member(number), 1, election=1, choice=list(choice))
    meeting = g.get(admin, 1)
    box = meeting.election(1).box
    assert box.sealed is True and box.key_id == seal.key_id and box.choices == ()
    with coop.store.unit_of_work() as uow:
        assert uow.ballot_boxes.count(f"{meeting.id}/election 1") == 3
    # Another key cannot open it; no key cannot either; nothing is written when it fails.
    coop.governance.seal_ballots_with(BallotSeal.from_text(BallotSeal.generate_key()))
    with pytest.raises(ConfigError, match="another key"):
        g.count(admin, 1, election=1)
    coop.governance.seal_ballots_with(None)
    with pytest.raises(ConfigError, match="sealed"):
        g.count(admin, 1, election=1)
    coop.governance.seal_ballots_with(seal)
    counted = g.count(admin, 1, election=1, seed="s")
    assert counted.election(1).box.choices == tuple(sorted(CONTENT))
    assert counted.election(1).result is not None
    assert counted.election(1).result.winners == ("Per Granskare",)
    with coop.store.unit_of_work() as uow:
        assert uow.ballot_boxes.count(f"{meeting.id}/election 1") == 0
    report = g.verify(admin, 1)
    assert [d.agrees for d in report.decisions] == [True]
    assert [b.code for b in report.breaches] == ["notice.missing"]  # none sent in this test
    assert coop.audit.verify(Actor.admin()).problems == []


def test_a_key_change_in_the_middle_of_a_poll_is_refused(coop_url: tuple[Cooperative, str]) -> None:
    coop, _ = coop_url
    g, admin = coop.governance, Actor.admin()
    g.create(admin, kind="annual", held_on=DAY)
    g.attend(admin, 1, list(VOTERS))
    g.election(admin, 1, office="Revisor", seats=1, candidates=CANDIDATES, secret=True)
    coop.governance.seal_ballots_with(None)
    g.vote(coop.actor_for_member(1), 1, election=1, choice=["Ulla Revisor"])
    coop.governance.seal_ballots_with(BallotSeal.from_text(BallotSeal.generate_key()))
    with pytest.raises(ConflictError, match="same ballot key"):
        g.vote(coop.actor_for_member(2), 1, election=1, choice=["Ulla Revisor"])


def test_paper_ballots_of_a_secret_ballot_come_in_apart(coop_url: tuple[Cooperative, str]) -> None:
    coop, _ = coop_url
    g, admin = coop.governance, Actor.admin()
    g.create(admin, kind="annual", held_on=DAY)
    g.attend(admin, 1, list(VOTERS))
    g.election(admin, 1, office="Revisor", seats=1, candidates=CANDIDATES, secret=True)
    with pytest.raises(Exception, match="secret ballot"):
        g.vote(admin, 1, election=1, member=1, choice=["Ulla Revisor"], paper=True)
    with pytest.raises(Exception, match="2 paper ballots for 3 voters"):
        g.paper_ballots(admin, 1, election=1, voters=[1, 2, 3], ballots=[["Per Granskare"]] * 2)
    g.paper_ballots(
        admin,
        1,
        election=1,
        voters=[3, 1, 2],
        ballots=[["Per Granskare"], ["Ulla Revisor"], ["Per Granskare"]],
    )
    marks = g.get(admin, 1).election(1).box.voted
    assert all(m.paper and m.entered_by == "admin" for m in marks)
    counted = g.count(admin, 1, election=1, seed="s")
    assert counted.election(1).box.choices == tuple(sorted(CONTENT))
    md = g.minutes(admin, 1, lang="sv", document_format="md").decode()
    assert "3 valsedlar på papper, införda av admin." in md


@pytest.fixture
def coop_url(tmp_path: Path, database_url: str) -> Iterator[tuple[Cooperative, str]]:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    coop = _open(folder, database_url)
    try:
        yield coop, database_url
    finally:
        coop.close()

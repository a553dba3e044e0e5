# SPDX-License-Identifier: EUPL-1.2
"""Opening a store: every backend through the entry points, URLs with masked passwords."""

from __future__ import annotations

import doctest
import importlib
import tomllib
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any

import pytest

from kooperativ.cli._common import exit_code_for
from kooperativ.errors import InputError, StorageError
from kooperativ.storage import ENTRY_POINT_GROUP, MemoryStore, SqlStore, mask_url, open_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("postgresql+psycopg://u:secret@h:5432/db", "postgresql+psycopg://u:***@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////var/lib/k.db", "sqlite:////var/lib/k.db"),
        ("memory://", "memory://"),
        ("custom://u:secret@host/x", "custom://u:***@host/x"),
        ("postgresql+psycopg://h/db?password=secret", "postgresql+psycopg://h/db?password=***"),
    ],
)
def test_mask_url(url: str, masked: str) -> None:
    assert mask_url(url) == masked


def test_open_store_picks_the_backend(tmp_path: Path) -> None:
    assert isinstance(open_store("memory://"), MemoryStore)
    sqlite = open_store(None, tmp_path / "k.db")
    assert isinstance(sqlite, SqlStore)
    assert sqlite.url == f"sqlite:///{tmp_path / 'k.db'}"
    sqlite.close()
    postgres = open_store("postgresql+psycopg://u:pw@127.0.0.1:5999/x", None)
    assert isinstance(postgres, SqlStore)
    assert postgres.url == "postgresql+psycopg://u:***@127.0.0.1:5999/x"
    postgres.close()
    with pytest.raises(InputError, match="no database URL"):
        open_store(None, None)
    with pytest.raises(InputError, match=r"'nosuch://u:\*\*\*@h/db'") as caught:
        open_store("nosuch://u:pw@h/db", None)
    assert exit_code_for(caught.value) == 2
    assert "memory" in str(caught.value) and "postgresql" in str(caught.value)


def test_the_built_in_backends_are_registered_like_any_other() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "entry-points"
    ][ENTRY_POINT_GROUP]
    assert set(declared) == {"memory", "sqlite", "postgresql"}
    installed = {point.name: point.value for point in entry_points(group=ENTRY_POINT_GROUP)}
    assert {name: installed[name] for name in declared} == declared
    for value in declared.values():
        module, _, name = value.partition(":")
        assert callable(getattr(importlib.import_module(module), name))


def test_no_scheme_is_hard_coded(monkeypatch: pytest.MonkeyPatch) -> None:
    import kooperativ.storage as storage

    monkeypatch.setattr(storage, "entry_points", lambda **query: [])
    for url in ("memory://", "sqlite:///k.db", "postgresql+psycopg://h/db"):
        with pytest.raises(InputError, match="no storage backend handles"):
            open_store(url)


def test_open_store_uses_the_entry_point_group(monkeypatch: pytest.MonkeyPatch) -> None:
    import kooperativ.storage as storage

    opened: list[str] = []

    def factory(url: str) -> MemoryStore:
        opened.append(url)
        return MemoryStore(url)

    point = EntryPoint(name="thirdparty", value="x:y", group="kooperativ.storage")
    monkeypatch.setattr(point.__class__, "load", lambda self: factory)

    def fake_entry_points(**query: Any) -> Any:
        return [point] if query.get("name") in (None, "thirdparty") else []

    monkeypatch.setattr(storage, "entry_points", fake_entry_points)
    store = open_store("thirdparty+x://somewhere", None)
    assert isinstance(store, MemoryStore)
    assert opened == ["thirdparty+x://somewhere"]


def test_a_failing_backend_is_a_storage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import kooperativ.storage as storage

    def broken(url: str) -> MemoryStore:
        raise RuntimeError("no server configured")

    point = EntryPoint(name="broken", value="x:y", group="kooperativ.storage")
    monkeypatch.setattr(point.__class__, "load", lambda self: broken)
    monkeypatch.setattr(storage, "entry_points", lambda **query: [point])
    with pytest.raises(StorageError, match="no server configured"):
        open_store("broken://u:pw@h")


def test_memory_write_units_of_work_do_not_nest_but_reads_may() -> None:
    store = MemoryStore()
    outer = store.unit_of_work()
    with outer, pytest.raises(StorageError, match="do not nest"), store.unit_of_work():
        pass  # pragma: no cover
    with store.unit_of_work() as uow:  # the lock was released
        assert uow.members.list() == []
        with store.unit_of_work(write=False) as reading:
            assert reading.members.list() == []


@pytest.mark.parametrize(
    "name",
    [
        "kooperativ.storage",
        "kooperativ.storage.base",
        "kooperativ.storage.kinds",
        "kooperativ.storage.query",
        "kooperativ.storage.memory",
        "kooperativ.audit",
    ],
)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0

# SPDX-License-Identifier: EUPL-1.2
"""Every text the audit trail and the storage show a user exists in Swedish and English."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import kooperativ
from kooperativ.errors import ConcurrencyError, StorageError, Term
from kooperativ.i18n import messages, plural
from kooperativ.storage import KINDS, TransientConflict

SRC = Path(kooperativ.__file__).parent
LOCALES = SRC / "i18n" / "locales"


def catalog(lang: str, domain: str) -> dict[str, str]:
    with (LOCALES / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        found = read_po(handle)
    return {str(m.id if isinstance(m.id, str) else m.id[0]): "x" for m in found if m.id}


def literal_calls(path: Path, names: set[str], argument: int) -> set[str]:
    """The string literals passed as argument ``argument`` to calls of ``names``."""
    texts: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in names and len(node.args) > argument:
            value = node.args[argument]
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                texts.add(value.value)
    return texts


@pytest.mark.parametrize(
    ("module", "domain"), [("cli/audit.py", "audit"), ("cli/db.py", "storage")]
)
def test_cli_texts_are_in_the_catalog(module: str, domain: str) -> None:
    used = set(re.findall(r'_\(\s*"((?:[^"\\]|\\.)*)"\s*\)', (SRC / module).read_text("utf-8")))
    used |= {
        text
        for text in re.findall(
            r'_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)', (SRC / module).read_text("utf-8")
        )
        for text in [ast.literal_eval("(" + text + ")")]
    }
    assert used, "no texts found: the pattern is stale"
    assert used <= set(catalog("sv", domain)), sorted(used - set(catalog("sv", domain)))


def test_audit_findings_are_in_the_catalog() -> None:
    used = literal_calls(SRC / "audit.py", {"of"}, 2) | literal_calls(SRC / "audit.py", {"_at"}, 1)
    assert len(used) > 20, "too few findings found: the scan is stale"
    places = {"event", "anchor", "audit", "config", *KINDS}
    missing = sorted((used | places) - set(catalog("sv", "audit")))
    assert not missing


def test_storage_errors_are_in_the_catalog() -> None:
    errors = {"TransientConflict", "ConcurrencyError", "StorageError", "ConflictError"}
    used: set[str] = set()
    for name in ("base.py", "memory.py", "sql.py", "__init__.py"):
        used |= literal_calls(SRC / "storage" / name, errors, 0)
        used |= literal_calls(SRC / "storage" / name, {"InputError"}, 1)
    assert len(used) >= 15, "too few messages found: the scan is stale"
    missing = sorted(used - set(catalog("sv", "storage")))
    assert not missing


def test_every_action_on_the_trail_has_a_name_in_swedish() -> None:
    actions: set[str] = {"config.change"}
    for path in (SRC / "services").glob("*.py"):
        text = path.read_text("utf-8")
        actions |= set(re.findall(r'_record\(\s*uow,\s*actor,\s*"([a-z_.]+)"', text))
        actions |= set(re.findall(r'_change\([^)]*?"((?:meeting|member)\.[a-z_]+)"', text, re.S))
        actions |= {f"contract.sign.{party}" for party in ("employee", "employer")}
    assert "member.add" in actions and "meeting.vote" in actions
    missing = sorted(actions - set(catalog("sv", "audit")))
    assert not missing, f"actions without a Swedish name in audit.po: {missing}"


def test_errors_render_in_swedish() -> None:
    sv = messages("sv")
    busy = ConcurrencyError(
        "the database is busy: another change held the lock for more than {seconds} s "
        "({reason}); try again",
        seconds="15",
        reason="database is locked",
    )
    assert busy.render(sv).startswith("databasen är upptagen")
    changed = TransientConflict(
        "{kind} {key} was changed by someone else (version {stored}, expected {expected})",
        kind=Term("member"),
        key=3,
        stored=2,
        expected=1,
    )
    assert changed.render(sv) == "medlem 3 har ändrats av någon annan (version 2, väntade 1)"
    empty = StorageError(
        "{path} is an empty file, not a kooperativ database: restore it from a backup, or "
        "delete it to start a new database",
        path="k.db",
    )
    assert empty.render(sv).startswith("k.db är en tom fil")
    assert plural("sv", "audit")("{n} event", "{n} events", 2).format(n=2) == "2 händelser"
    assert plural("sv", "audit")("{n} event", "{n} events", 1).format(n=1) == "1 händelse"


def test_words_shared_with_other_catalogs_are_translated_alike() -> None:
    """``messages(lang)`` looks a word up in every catalog, the first one wins: a record kind
    or field name must read the same in every catalog that has it."""
    words: dict[str, set[tuple[str, str]]] = {}
    for path in sorted((LOCALES / "sv" / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if isinstance(message.id, str) and re.fullmatch(r"[a-z_]+", message.id):
                    words.setdefault(message.id, set()).add((path.stem, str(message.string)))
    mine = {"audit", "storage"}
    differing = {
        word: sorted(found)
        for word, found in words.items()
        if {domain for domain, _ in found} & mine and len({text for _, text in found}) > 1
    }
    assert not differing

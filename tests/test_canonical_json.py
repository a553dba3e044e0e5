# SPDX-License-Identifier: EUPL-1.2
"""A record's canonical JSON is made once for a long record, and never goes stale."""

from __future__ import annotations

import gc
import json

from kooperativ import _model
from kooperativ.testing.storage import member_record


def test_a_long_records_text_is_remembered_while_it_lives() -> None:
    record = member_record(1, first_name="A" * 5000)
    text = record.canonical_json()
    assert json.loads(text)["first_name"] == "A" * 5000
    assert record.canonical_json() is text
    key = id(record)
    assert key in _model._CANONICAL
    del record
    gc.collect()
    assert key not in _model._CANONICAL


def test_a_changed_copy_has_its_own_text() -> None:
    record = member_record(1, first_name="A" * 5000)
    record.canonical_json()
    changed = record.model_copy(update={"last_name": "Ek"})
    assert json.loads(changed.canonical_json())["last_name"] == "Ek"
    assert json.loads(record.canonical_json())["last_name"] == "Lindgren"
    assert changed.content_hash() != record.content_hash()


def test_a_short_records_text_is_made_each_time_and_equal() -> None:
    record = member_record(1)
    assert record.canonical_json() == record.canonical_json()
    assert id(record) not in _model._CANONICAL

# SPDX-License-Identifier: EUPL-1.2
"""Base class of kooperativ's domain records."""

from __future__ import annotations

import hashlib
import json
import weakref
from typing import Any, Self

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """A frozen, strictly validated domain record (unknown fields are refused)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    def canonical_json(self) -> str:
        """The record as canonical JSON (sorted keys, no spaces): stable across backends.

        A record is frozen, so a long text is made once and remembered for as long as the
        record lives (writing a record and hashing it for the audit chain both need it).
        """
        key = id(self)
        found = _CANONICAL.get(key)
        if found is not None and found[0]() is self:
            return found[1]
        text = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        if len(text) >= _REMEMBERED_FROM:
            _CANONICAL[key] = (weakref.ref(self, lambda _gone: _CANONICAL.pop(key, None)), text)
        return text

    def content_hash(self) -> str:
        """SHA-256 of :meth:`canonical_json`, used by the audit chain."""
        return hashlib.sha256(self.canonical_json().encode()).hexdigest()

    def evolve(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied and validated again (of the same class).

        ``changes`` name fields by their Python names (``form=``), also where a record
        stores a field under another key.
        """
        data = self.model_dump(by_alias=False)
        data.update(changes)
        return type(self).model_validate(data)


#: Canonical texts of living records, by ``id()`` (see :meth:`Record.canonical_json`); an
#: entry goes when its record does.
_CANONICAL: dict[int, tuple[weakref.ref[Record], str]] = {}
#: The shortest canonical text worth remembering (characters).
_REMEMBERED_FROM = 4096

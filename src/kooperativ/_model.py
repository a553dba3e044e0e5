# SPDX-License-Identifier: EUPL-1.2
"""Base class of kooperativ's domain records."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Self

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """A frozen, strictly validated domain record (unknown fields are refused)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    def canonical_json(self) -> str:
        """The record as canonical JSON (sorted keys, no spaces): stable across backends."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))

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

# SPDX-License-Identifier: EUPL-1.2
"""The storage contract (:mod:`kooperativ.testing.storage`) on memory, SQLite and PostgreSQL.

``make_store`` comes from ``tests/conftest.py`` and runs each test once per backend (the
PostgreSQL cases need ``KOOPERATIV_TEST_DATABASE_URL``); ``fresh_store`` from
``tests/storage/conftest.py``. A third-party backend runs the same suite the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kooperativ.storage import Store
from kooperativ.testing.storage import StorageContract


class TestStorageContract(StorageContract):
    """Every test of the contract, on each of kooperativ's backends."""

    @pytest.fixture
    def fresh_store(self, fresh_store: Callable[[], Store]) -> Callable[[], Store]:
        """New, empty, migrated databases of the same backend."""
        return fresh_store

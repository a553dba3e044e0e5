# SPDX-License-Identifier: EUPL-1.2
"""Storage: where the cooperative's records and audit trail are kept.

A *store* is opened from a URL whose scheme picks the backend. Every backend, kooperativ's
own included, is found through the entry point group ``kooperativ.storage`` under the
scheme (before any ``+driver``):

* ``memory://`` — :class:`MemoryStore`, nothing written to disk (tests, embedding);
* ``sqlite:///path/to/kooperativ.db`` — :class:`SqlStore` on a SQLite file;
* ``postgresql+psycopg://user@host/db`` — :class:`SqlStore` on PostgreSQL;
* any other scheme — a third-party backend registered the same way.

>>> from kooperativ.storage import open_store
>>> store = open_store("memory://", None)
>>> with store.unit_of_work() as uow:
...     uow.members.list()
[]
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

from kooperativ.errors import InputError, StorageError
from kooperativ.storage.base import (
    ENTITY_KINDS,
    KINDS,
    AuditLog,
    Repository,
    Store,
    StoredRecord,
    TransientConflict,
    UnitOfWork,
    transaction,
)
from kooperativ.storage.memory import MemoryStore
from kooperativ.storage.sql import SqlStore, mask_url

__all__ = [
    "ENTITY_KINDS",
    "ENTRY_POINT_GROUP",
    "KINDS",
    "AuditLog",
    "MemoryStore",
    "Repository",
    "SqlStore",
    "Store",
    "StoredRecord",
    "TransientConflict",
    "UnitOfWork",
    "mask_url",
    "open_store",
    "transaction",
]

#: The entry point group third-party backends register under, named by URL scheme.
ENTRY_POINT_GROUP = "kooperativ.storage"


def _scheme(url: str) -> str:
    """The backend part of the URL's scheme: ``postgresql+psycopg://…`` → ``postgresql``."""
    scheme, separator, _ = url.partition("://")
    if not separator:
        scheme = url.partition(":")[0] if ":" in url else ""
    return scheme.partition("+")[0].lower()


def open_store(url: str | None, default_sqlite_path: Path | None = None) -> Store:
    """Open the store named by ``url``, choosing the backend by the URL's scheme.

    The schema is not touched: call :meth:`Store.upgrade <kooperativ.storage.base.Store.upgrade>`
    (``kooperativ db upgrade``) to create or migrate it.

    Args:
        url: ``memory://``, ``sqlite:///path``, ``postgresql+psycopg://user@host/db`` or
            a URL of a backend registered under the ``kooperativ.storage`` entry point
            group. ``None`` means SQLite at ``default_sqlite_path``.
        default_sqlite_path: The SQLite file used when ``url`` is ``None``; its folder
            must exist.

    Returns:
        The store; connecting happens on first use.

    Raises:
        InputError: If no URL and no default path is given, or no backend handles the
            URL's scheme.
        StorageError: If the backend cannot open the URL.
    """
    if url is None:
        if default_sqlite_path is None:
            raise InputError("database", "no database URL given and no default SQLite file")
        url = f"sqlite:///{default_sqlite_path}"
    scheme = _scheme(url)
    found = entry_points(group=ENTRY_POINT_GROUP, name=scheme) if scheme else ()
    for entry_point in found:
        try:
            factory = entry_point.load()
            store: Store = factory(url)
        except StorageError:
            raise
        except Exception as error:
            raise StorageError(
                "the storage backend {backend} for {url} failed: {reason}",
                backend=entry_point.value,
                url=mask_url(url),
                reason=str(error),
            ) from error
        return store
    known = sorted({point.name for point in entry_points(group=ENTRY_POINT_GROUP)})
    raise InputError(
        "database",
        "no storage backend handles {url!r}; known schemes: {known}",
        url=mask_url(url),
        known=", ".join(known) or "none (is kooperativ installed?)",
    )

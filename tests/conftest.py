# SPDX-License-Identifier: EUPL-1.2
"""Fixtures shared by the whole test suite.

Storage: every test that takes ``database_url``, ``make_store`` or ``store`` runs three
times, on ``memory``, ``sqlite`` and ``postgresql``:

* ``database_url`` — a URL of a fresh database whose schema is already at the newest
  migration: ``memory://``, ``sqlite:///<tmp_path>/kooperativ.db``, or the server in
  ``KOOPERATIV_TEST_DATABASE_URL`` with ``?options=-csearch_path%3Dkt_<hex>`` pointing at a
  schema created for this test and dropped after it.
* ``make_store()`` — opens a store on ``database_url`` (closed after the test). For SQL
  backends each call is a new connection pool on the same database; for ``memory://`` it
  returns the same store every time, as there is no database behind it to share.
* ``store`` — ``make_store()`` once.

If ``KOOPERATIV_TEST_DATABASE_URL`` is unset the PostgreSQL cases are skipped; if it is set
but the server cannot be reached they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kooperativ.services import access
from kooperativ.storage import Store, open_store

# Property tests are judged on what they find, never on how fast one example runs or is
# made: on a busy machine hypothesis's 200 ms deadline and its "too slow" health check fail
# tests that are right.
settings.register_profile("kooperativ", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kooperativ")

#: Environment variable naming the PostgreSQL server the tests may use.
TEST_DATABASE_ENV = "KOOPERATIV_TEST_DATABASE_URL"

#: The backends each storage-using test runs on.
BACKENDS = [
    pytest.param("memory", id="memory"),
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def postgres_base_url() -> str:
    """The PostgreSQL server URL from the environment; skips the test if unset."""
    url = os.environ.get(TEST_DATABASE_ENV)
    if not url:
        if os.environ.get("KOOPERATIV_REQUIRE_POSTGRES"):
            pytest.fail(f"{TEST_DATABASE_ENV} not set, but KOOPERATIV_REQUIRE_POSTGRES is (CI)")
        pytest.skip(f"{TEST_DATABASE_ENV} not set")
    return url


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A URL on the test PostgreSQL server whose ``search_path`` is a new, empty schema."""
    base = postgres_base_url()
    schema = f"kt_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:
        admin.dispose()
        pytest.fail(f"{TEST_DATABASE_ENV} is set but the server is not usable: {error}")
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A URL of a fresh, fully migrated database on each backend (see the module docstring)."""
    backend: str = request.param
    if backend == "memory":
        return "memory://"
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'kooperativ.db'}"
    else:
        url = request.getfixturevalue("postgres_schema_url")
    store = open_store(url)
    try:
        store.upgrade()
    finally:
        store.close()
    return url


@pytest.fixture
def make_store(database_url: str) -> Iterator[Callable[[], Store]]:
    """A factory opening stores on ``database_url``; they are closed after the test."""
    opened: list[Store] = []

    def factory() -> Store:
        if database_url == "memory://" and opened:
            return opened[0]
        store = open_store(database_url)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: Callable[[], Store]) -> Store:
    """A store on a fresh, migrated database, on each backend."""
    return make_store()


#: The library's password hasher (argon2id, RFC 9106's second recommended option), kept
#: for the test of its parameters while the tests hash with a light one.
LIBRARY_HASHER = access._HASHER


@pytest.fixture(autouse=True, scope="session")
def light_passwords() -> Iterator[None]:
    """Hash the tests' passwords with a light argon2id (one pass over 8 MiB) instead of the
    library's (three passes over 64 MiB, about 0.2 s a hash here, and a web test's
    cooperative sets three passwords and signs in). A verification reads the parameters
    from the hash itself, so the code paths are the library's; ``tests/web/test_hashing.py``
    checks the library's own parameters."""
    access._HASHER = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    try:
        yield
    finally:
        access._HASHER = LIBRARY_HASHER


@pytest.fixture
def library_hasher() -> PasswordHasher:
    """The library's own password hasher (see :func:`light_passwords`)."""
    return LIBRARY_HASHER

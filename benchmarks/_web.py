# SPDX-License-Identifier: EUPL-1.2
"""What the web benchmarks share: a PostgreSQL schema of their own, a cooperative of N
members in it, and ``kooperativ serve --workers N`` started as a subprocess.

Not a benchmark itself; ``bench_web_vote.py`` and ``bench_web_home.py`` import it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kooperativ import Actor, Cooperative

ADMIN = Actor.admin()
PASSWORD = "korrekt-hästbatteri"
TEST_DATABASE_ENV = "KOOPERATIV_TEST_DATABASE_URL"


def light_passwords() -> None:
    """Hash the benchmark's passwords with a light argon2id (one pass over 8 MiB) instead
    of the library's (three passes over 64 MiB): the benchmarks measure the web app and
    the store, not argon2's deliberate cost, which would otherwise fill the setup and the
    sign-in phase (the server verifies with the parameters stored in each hash)."""
    from argon2 import PasswordHasher

    from kooperativ.services import access

    access._HASHER = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


def personnummer(n: int) -> str:
    """A valid, fictional personnummer, distinct for each ``n`` < 36 500 000."""
    born = date.fromordinal(date(1950, 1, 1).toordinal() + n % 18250)
    digits = f"{born:%y%m%d}{100 + n // 18250:03d}"
    total = 0
    for index, digit in enumerate(digits):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{born:%Y%m%d}{digits[6:]}{(10 - total % 10) % 10}"


def server_url(given: str | None) -> str:
    """The PostgreSQL server: the argument, else ``KOOPERATIV_TEST_DATABASE_URL``."""
    url = given or os.environ.get(TEST_DATABASE_ENV)
    if not url:
        sys.exit(f"give --url or set {TEST_DATABASE_ENV} (a PostgreSQL server)")
    return url


@contextmanager
def schema(base: str) -> Iterator[str]:
    """A URL whose ``search_path`` is a new schema, dropped afterwards."""
    name = f"kb_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


def add_members(coop: Cooperative, count: int) -> None:
    """``count`` members joined in January 2026 with the year's fee paid, e-mail
    ``mN@example.se`` (N = their number)."""
    for n in range(1, count + 1):
        coop.members.add(
            ADMIN,
            first_name=f"Medlem{n}",
            last_name="Bench",
            person_id=personnummer(n),
            email=f"m{n}@example.se",
            status="member",
            joined_on=date(2026, 1, 15),
        )
        coop.governance.pay_fee(ADMIN, n, year=2026, amount="200", paid_on=date(2026, 1, 15))


def sessions(coop: Cooperative, members: range) -> dict[int, str]:
    """A session token for each member, signed in by password through ``coop.access``."""
    tokens = {}
    for n in members:
        coop.access.set_password(ADMIN, n, PASSWORD)
        tokens[n] = coop.access.sign_in_password(f"m{n}@example.se", PASSWORD).token
    return tokens


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def server(folder: Path, url: str, workers: int) -> Iterator[str]:
    """``kooperativ serve --workers N`` on a free port; yields its base URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "kooperativ.cli", "serve", "--coop", str(folder),
        "--database", url, "--workers", str(workers), "--port", str(port),
    ]  # fmt: skip
    process = subprocess.Popen(command, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/sign-in", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.5)
        # Every worker answers (each opens the cooperative on its first requests).
        for _ in range(workers * 4):
            httpx.get(f"{base}/sign-in", timeout=30)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def load() -> str:
    """The load average (1, 5, 15 minutes) and the CPU count, for the report."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"

# SPDX-License-Identifier: EUPL-1.2
"""Members loading their home page at once, through the web app on PostgreSQL.

Run: ``python benchmarks/bench_web_home.py [--url postgresql+psycopg://…] [--members 300]
[--clients 50] [--seconds 20] [--workers 4] [--think 0]`` (the server from
``KOOPERATIV_TEST_DATABASE_URL`` by default). In a schema of its own (created, and dropped
afterwards) it makes a cooperative of ``--members`` members, each with a booked share of
an invoice on their account, one client, an assignment and an employment contract for
each of the first ``--clients`` members, and a general meeting in progress. It signs those
members in (sessions through ``coop.access``), starts ``kooperativ serve --workers N`` as a
subprocess, and ``--clients`` members — each on a keep-alive connection of their own, as
a browser keeps one — load ``/`` again and again for ``--seconds`` seconds. It prints the
requests per second and the 50th, 95th and 99th percentile of the response time, and the
load average. The issue's target: the 95th percentile under 100 ms with 50 members at
once. With ``--think S`` each member comes to the page after a random 0–2·S seconds and
reads it for a random 0–2·S seconds before loading it again (members, not a load
generator: ``--think 0``, the default, keeps 50 requests in flight all the time).

The members are coroutines writing plain HTTP/1.1 on asyncio streams in one thread, not
threads with an HTTP client library: the load generator runs on the same two cores as
the server, and a Python HTTP client costs about as much CPU per request as the page
itself, which the server's figures then paid for.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from _web import ADMIN, add_members, light_passwords, load, schema, server, server_url, sessions

from kooperativ import Cooperative
from kooperativ.web.app import SESSION_COOKIE


def populate(coop: Cooperative, members: int, active: int) -> None:
    add_members(coop, members)
    coop.clients.add(ADMIN, name="Stadsteatern", orgnr="5560360793")
    for n in range(1, members + 1):
        coop.ledger.book(
            ADMIN,
            {
                "series": "M",
                "date": date(2026, 5, 25),
                "text": "Andel av faktura",
                "lines": [
                    {"account": 1930, "amount": "10000.00"},
                    {"account": 2890, "amount": "-10000.00", "member": n},
                ],
            },
        )
    for n in range(1, active + 1):
        assignment = coop.assignments.add(
            ADMIN, member=n, client=1, description="Scenografi",
            start=date(2026, 11, 2), end=date(2026, 11, 20), agreed_amount="30000",
        )  # fmt: skip
        coop.contracts.create(ADMIN, assignment=assignment.number, made_on=date(2026, 10, 20))
    coop.governance.create(ADMIN, kind="annual", held_on=date(2026, 12, 10), title="Årsmöte")


async def members_browsing(
    base: str, tokens: list[str], seconds: float, think: float
) -> tuple[list[float], list[int], float]:
    """Each member (a session token) loads ``/`` on a keep-alive connection of their own
    until ``seconds`` have passed; the response times, the failed statuses, the wall time."""
    where = urlsplit(base)
    host, port = where.hostname or "127.0.0.1", where.port or 80
    times: list[float] = []
    failures: list[int] = []
    start = asyncio.Event()

    async def member(token: str) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        request = (
            f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {SESSION_COOKIE}={token}\r\n\r\n"
        ).encode()
        await start.wait()
        stop = time.monotonic() + seconds
        if think:
            # Members come to the page at their own moments, not all 50 in the same
            # millisecond (that first burst would queue behind itself and be all the
            # tail of a run as short as this).
            await asyncio.sleep(random.uniform(0, 2 * think))
        while time.monotonic() < stop:
            began = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            await reader.readexactly(length)
            times.append(time.perf_counter() - began)
            if status != 200:
                failures.append(status)
            if think:
                await asyncio.sleep(random.uniform(0, 2 * think))
        writer.close()

    browsing = [asyncio.create_task(member(token)) for token in tokens]
    await asyncio.sleep(0.5)  # every connection open
    began = time.perf_counter()
    start.set()
    await asyncio.gather(*browsing)
    return times, failures, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="PostgreSQL server (default: $KOOPERATIV_TEST_DATABASE_URL)")
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.0, help="mean seconds between pages")
    args = parser.parse_args()
    print(f"before: {load()}")
    light_passwords()
    with tempfile.TemporaryDirectory() as tmp, schema(server_url(args.url)) as url:
        folder = Cooperative.init(Path(tmp) / "coop", "interim_kultur")
        start = time.perf_counter()
        with Cooperative.open(folder, url) as coop:
            populate(coop, args.members, args.clients)
            tokens = sessions(coop, range(1, args.clients + 1))
        print(f"setup: {args.members} members, {args.clients} signed in: "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip

        with server(folder, url, args.workers) as base:
            times, failures, wall = asyncio.run(
                members_browsing(base, list(tokens.values()), args.seconds, args.think)
            )
            print(f"during: {load()}")
    cuts = statistics.quantiles(times, n=100)
    print(
        f"kooperativ serve --workers {args.workers}, {args.clients} members at once "
        f"(think {args.think:g} s), "
        f"{wall:.1f} s: {len(times)} requests, {len(times) / wall:.1f} requests/s; "
        f"p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, "
        f"p99 {cuts[98] * 1000:.0f} ms; failures {len(failures)}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

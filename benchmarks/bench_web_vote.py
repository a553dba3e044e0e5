# SPDX-License-Identifier: EUPL-1.2
"""A general meeting's vote through the web app: 300 members vote at once on PostgreSQL.

Run: ``python benchmarks/bench_web_vote.py [--url postgresql+psycopg://…] [--members 300]
[--workers 4] [--threads 50]`` (the server from ``KOOPERATIV_TEST_DATABASE_URL`` by
default). In a schema of its own (created, and dropped afterwards) it makes a cooperative
of ``--members`` members, each with the year's fee paid and a password, and an extra
general meeting where all attend with one motion (yes/no) open for votes. It starts
``kooperativ serve --workers N`` as a subprocess, and then ``--threads`` threads with
httpx, one browser (cookie jar) per member:

1. *sign-in*: each member opens ``/sign-in`` and signs in with their password (argon2id
   on the server, with light parameters: see ``_web.light_passwords``);
2. *vote*: each member opens the meeting's page and posts their vote;
3. *again*: each member posts a second vote, which must be refused (409).

It then checks in the library that the motion's ballot box holds exactly one vote per
member, and prints the wall time and votes per second of each phase and the load average.
The issue's target: 300 votes within a minute, every vote counted exactly once. Exits
with status 1 if a vote is lost, doubled or refused.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import TypeVar

import httpx
from _web import ADMIN, PASSWORD, add_members, light_passwords, load, schema, server, server_url

from kooperativ import Cooperative

T = TypeVar("T")
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def csrf(html: str) -> str:
    found = CSRF.search(html)
    if found is None:
        raise RuntimeError("no CSRF token on the page")
    return found.group(1)


def sign_in(base: str, n: int) -> httpx.Client:
    browser = httpx.Client(base_url=base, follow_redirects=False, timeout=120)
    token = csrf(browser.get("/sign-in").text)
    answer = browser.post(
        "/sign-in", data={"email": f"m{n}@example.se", "password": PASSWORD, "csrf": token}
    )
    if answer.status_code != 303:
        raise RuntimeError(f"member {n} could not sign in: {answer.status_code}")
    return browser


def vote(browser: httpx.Client, meeting: int, choice: str) -> int:
    page = f"/meetings/{meeting}"
    token = csrf(browser.get(page).text)
    answer = browser.post(f"{page}/motions/1/vote", data={"csrf": token, "choice": choice})
    return answer.status_code


def timed(label: str, work: Callable[[], list[T]], count: int) -> list[T]:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"{label:<28} {seconds:7.2f} s  {count / seconds:7.1f} /s   ({load()})")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="PostgreSQL server (default: $KOOPERATIV_TEST_DATABASE_URL)")
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=50)
    args = parser.parse_args()
    count: int = args.members
    print(f"before: {load()}")
    light_passwords()
    with tempfile.TemporaryDirectory() as tmp, schema(server_url(args.url)) as url:
        folder = Cooperative.init(Path(tmp) / "coop", "interim_kultur")
        start = time.perf_counter()
        with Cooperative.open(folder, url) as coop:
            add_members(coop, count)
            for n in range(1, count + 1):
                coop.access.set_password(ADMIN, n, PASSWORD)
            g = coop.governance
            meeting = g.create(ADMIN, kind="extra", held_on=date.today(), title="Extrastämma")
            g.officers(ADMIN, meeting.number, chair="Medlem1 Bench")
            g.attend(ADMIN, meeting.number, list(range(1, count + 1)))
            g.motion(ADMIN, meeting.number, title="Ny logotyp", text="Föreningen byter logotyp.")
            ids = {coop.actor_for_member(n).member_id for n in range(1, count + 1)}
        print(
            f"setup: {count} members, passwords, the meeting: {time.perf_counter() - start:.1f} s"
        )

        with server(folder, url, args.workers) as base, ThreadPoolExecutor(args.threads) as pool:
            print(f"kooperativ serve --workers {args.workers}; {args.threads} threads")
            members = range(1, count + 1)
            browsers = timed(
                "sign-in (password)",
                lambda: list(pool.map(lambda n: sign_in(base, n), members)),
                count,
            )
            choices = ["yes" if n % 3 else "no" for n in members]
            voted = timed(
                "vote",
                lambda: list(pool.map(lambda b, c: vote(b, meeting.number, c), browsers, choices)),
                count,
            )
            again = timed(
                "vote again (refused)",
                lambda: list(pool.map(lambda b: vote(b, meeting.number, "no"), browsers)),
                count,
            )
            for browser in browsers:
                browser.close()

        with Cooperative.open(folder, url, upgrade=False) as coop:
            box = coop.governance.get(ADMIN, meeting.number).motion(1).next_poll().box
            tally = Counter(v.choice for v in box.votes)
            counted = len(box.votes)
            voters = set(box.voters)
    ok = (
        counted == count
        and voters == ids
        and Counter(voted) == {303: count}
        and Counter(again) == {409: count}
        and tally == Counter((c,) for c in choices)
    )
    print(
        f"counted {counted} votes of {count} members, {len(voters)} distinct voters; "
        f"answers {dict(Counter(voted))}, again {dict(Counter(again))}: "
        + ("every vote counted exactly once" if ok else "WRONG")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: EUPL-1.2
"""Timings of the vote counting core (kooperativ.governance.tally).

Run: ``python benchmarks/bench_governance.py``. Prints one line per case and exits with
status 1 if a case is over its budget:

* STV and Schulze on 100 000 ranked ballots, 20 candidates, 5 seats: under 5 s each;
* a yes/no/abstain motion with 100 000 votes: under 0.5 s.

Two ballot shapes are timed for the ranked methods: "realistic" (voters rank 1-8
candidates, some candidates more popular, so many ballots repeat) and "worst case"
(every ballot a full random ranking of all 20: 100 000 distinct ballots, so grouping
identical ballots saves nothing). Ballots are generated from a fixed seed.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable

from kooperativ.governance import ORDINARY, Lot, tally_election, tally_motion

N = 100_000
CANDIDATES = [f"Kandidat {i:02d}" for i in range(20)]
SEATS = 5
LOT = Lot(seed="benchmark")


def realistic(rng: random.Random) -> list[tuple[str, ...]]:
    """Ranks of 1-8 names, drawn with popularity weights (Zipf-like)."""
    weights = [2520 // (i + 1) for i in range(len(CANDIDATES))]
    ballots = []
    for _ in range(N):
        length = rng.randint(1, 8)
        chosen: list[str] = []
        while len(chosen) < length:
            name = rng.choices(CANDIDATES, weights)[0]
            if name not in chosen:
                chosen.append(name)
        ballots.append(tuple(chosen))
    return ballots


def worst_case(rng: random.Random) -> list[tuple[str, ...]]:
    """Full random rankings of all candidates: every ballot distinct."""
    ballots = []
    for _ in range(N):
        order = CANDIDATES[:]
        rng.shuffle(order)
        ballots.append(tuple(order))
    return ballots


def timed(label: str, budget: float, run: Callable[[], object]) -> bool:
    start = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - start
    ok = elapsed < budget
    winners = getattr(result, "winners", None) or getattr(result, "passed", None)
    print(f"{label:<44} {elapsed:7.3f} s  (budget {budget} s) {'ok' if ok else 'OVER'}  {winners}")
    return ok


def main() -> int:
    rng = random.Random(2026)
    shapes = {"realistic": realistic(rng), "worst case": worst_case(rng)}
    ok = True
    for shape, ballots in shapes.items():
        distinct = len(set(ballots))
        print(f"{shape}: {N} ballots, {distinct} distinct")
        for method in ("stv", "schulze"):
            ok &= timed(
                f"  {method} ({shape})",
                5.0,
                lambda method=method, ballots=ballots: tally_election(  # type: ignore[misc]
                    method, ballots, CANDIDATES, SEATS, lot=LOT
                ),
            )
    votes = [rng.choice(("yes", "no", "abstain")) for _ in range(N)]
    ok &= timed("motion, 100 000 votes", 0.5, lambda: tally_motion(votes, ORDINARY))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

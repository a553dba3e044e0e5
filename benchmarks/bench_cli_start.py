# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the command line's cold start.

Run with ``python benchmarks/bench_cli_start.py [RUNS]`` (default 15 runs each). Starts a
fresh Python process for each run and measures the wall time until it exits, for

* ``python -c "import typer, rich"`` — the floor: what any typer command line costs;
* ``kooperativ --help`` — lists every command without importing any;
* ``kooperativ member --help`` — imports the member command module only;
* ``kooperativ salary --help``, ``contract --help``, ``meeting --help``, ``audit --help``
  — one command module each, which imports the library only when a command runs;
* ``kooperativ --help`` in Swedish (``KOOPERATIV_LANGUAGE=sv``): the catalogs are read;
* ``kooperativ init`` — a simple command: copies the example into a new folder.

It prints the median and the fastest run of each, and each median as a multiple of the
floor's. The target is ``--help`` and a noun's ``--help`` within 3× the floor. Figures
from the development machine are in ``docs/getting-started.md`` ("How fast it starts").
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

#: Each measured command: a label and the Python code the child process runs.
COMMANDS = {
    "import typer, rich": ("import typer, rich", {}),
    "kooperativ --help": ("{main}", {"ARGS": "--help"}),
    "kooperativ member --help": ("{main}", {"ARGS": "member --help"}),
    "kooperativ salary --help": ("{main}", {"ARGS": "salary --help"}),
    "kooperativ contract --help": ("{main}", {"ARGS": "contract --help"}),
    "kooperativ meeting --help": ("{main}", {"ARGS": "meeting --help"}),
    "kooperativ audit --help": ("{main}", {"ARGS": "audit --help"}),
    "kooperativ --help (sv)": ("{main}", {"ARGS": "--help", "KOOPERATIV_LANGUAGE": "sv"}),
    "kooperativ init DIR": ("{main}", {"ARGS": "init {tmp}/coop"}),
}

MAIN = (
    "import os, sys; sys.argv = ['kooperativ', *os.environ['ARGS'].split()]\n"
    "from kooperativ.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass"
)


def cold_start(code: str, env: dict[str, str]) -> float:
    """Seconds from starting ``python -c code`` to its exit."""
    environment = dict(os.environ)
    environment.pop("KOOPERATIV_HOME", None)
    environment["KOOPERATIV_LANGUAGE"] = "en"
    environment.update(env)
    with tempfile.TemporaryDirectory() as scratch:
        environment["ARGS"] = environment.get("ARGS", "").replace("{tmp}", scratch)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code.format(main=MAIN)],
            check=True,
            stdout=subprocess.DEVNULL,
            env=environment,
            cwd="/",
        )
        return time.perf_counter() - start


def main(runs: int) -> None:
    """Measure every command ``runs`` times (after one warm-up run) and print a table."""
    results: dict[str, list[float]] = {}
    for label, (code, env) in COMMANDS.items():
        cold_start(code, env)  # fill the OS file cache, as on any second start
        results[label] = [cold_start(code, env) for _ in range(runs)]
    floor = statistics.median(results["import typer, rich"])
    print(f"{'command':<30} {'median':>9} {'fastest':>9} {'× floor':>8}  ({runs} runs)")
    for label, times in results.items():
        median = statistics.median(times)
        print(
            f"{label:<30} {median * 1000:>7.0f} ms {min(times) * 1000:>6.0f} ms "
            f"{median / floor:>7.1f}×"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)

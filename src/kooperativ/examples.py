# SPDX-License-Identifier: EUPL-1.2
"""The example cooperatives bundled with kooperativ, and copying one into a new folder.

An example is a complete cooperative folder (``cooperative.toml``, ``bylaws.toml``,
``stadgar.md``, ``parameters/``, scenario tests) to copy and edit; ``interim_kultur`` is
the first. :func:`copy_example` takes an example's *name*, never a path, so a copy cannot
reach outside the bundled examples. This module imports nothing but the standard library
and :mod:`kooperativ.errors`, so ``kooperativ init`` starts fast.

Examples:
    >>> "interim_kultur" in examples()
    True
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from kooperativ.errors import InputError

__all__ = ["CONFIG_FILE", "DEMO_FILE", "copy_example", "examples", "examples_root"]

#: The configuration file of a cooperative folder.
CONFIG_FILE = "cooperative.toml"
#: The demo data of an example (left out when a cooperative is made from it).
DEMO_FILE = "demo.toml"

#: What a bundled example's name may look like (no path: ``init --from`` stays inside).
_EXAMPLE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


def examples_root() -> Path:
    """The folder holding the bundled example cooperatives."""
    installed = Path(__file__).parent / "_examples"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "examples"


def examples() -> list[str]:
    """The names of the bundled example cooperatives (``["interim_kultur"]``)."""
    root = examples_root()
    if not root.is_dir():
        return []
    return sorted(
        p.name
        for p in root.iterdir()
        if (p / CONFIG_FILE).is_file() and _EXAMPLE_NAME.fullmatch(p.name)
    )


def copy_example(folder: Path | str, name: str = "interim_kultur") -> Path:
    """Copy the bundled example ``name`` into ``folder`` (new, or an empty folder).

    Raises:
        InputError: ``name`` is not a bundled example — a path such as ``../..`` or
            ``/etc`` never is (field ``from``) — or ``folder`` exists and is not empty
            (field ``folder``).
    """
    target = Path(folder)
    known = examples()
    if not _EXAMPLE_NAME.fullmatch(name) or name not in known:
        raise InputError(
            "from", "no example {name!r} (known: {known})", name=name, known=", ".join(known)
        )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError("folder", "{folder} exists and is not empty", folder=str(target))
    shutil.copytree(
        examples_root() / name,
        target,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return target

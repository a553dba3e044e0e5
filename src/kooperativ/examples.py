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

import json
import re
import shutil
import tomllib
from pathlib import Path

from kooperativ.errors import InputError

__all__ = [
    "CONFIG_FILE",
    "DEMO_FILE",
    "cooperative_name",
    "copy_example",
    "examples",
    "examples_root",
    "rename_cooperative",
]

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


#: The entities of ``cooperative.toml`` whose names ``rename_cooperative`` sets.
_NAMED = ("employer", "association")


def cooperative_name(name: str) -> str:
    """``name`` without surrounding blanks, checked before anything is written.

    Raises:
        InputError: ``name`` is empty or has a line break or control character (field
            ``name``).
    """
    name = name.strip()
    if not name or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise InputError("name", "give a name on one line, without control characters")
    return name


def rename_cooperative(folder: Path | str, name: str) -> dict[str, str]:
    """Give the cooperative copied into ``folder`` its own ``name``.

    The example's name (the common start of the ``name`` of ``[employer]`` and
    ``[association]``, e.g. *Interim kultur*) is replaced by ``name`` in those two keys
    only, so *Interim kultur AB* becomes *Min kooperativ AB*; comments, the other example
    values and ``example_values = true`` stay (``kooperativ check`` keeps warning until
    they are changed too). Returns the new names by entity.

    Raises:
        InputError: ``name`` is empty or has a line break or control character (field
            ``name``), or the file has no name to replace (field ``folder``).
    """
    name = cooperative_name(name)
    path = Path(folder) / CONFIG_FILE
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    old = {k: data[k]["name"] for k in _NAMED if isinstance(data.get(k, {}).get("name"), str)}
    if not old:
        raise InputError("folder", "{file} names no employer", file=str(path))
    stem = _common_stem(list(old.values()))
    lines = text.splitlines(keepends=True)
    section = ""
    for i, line in enumerate(lines):
        header = re.match(r"\s*\[([^\]]+)\]\s*(#.*)?$", line)
        if header:
            section = header.group(1).strip()
            continue
        key = re.match(r'(\s*name\s*=\s*)("(?:[^"\\]|\\.)*")(.*)$', line, re.DOTALL)
        if key and section in old:
            new = name + old[section][len(stem) :] if stem else name
            lines[i] = key.group(1) + json.dumps(new, ensure_ascii=False) + key.group(3)
    renamed = "".join(lines)
    result = tomllib.loads(renamed)  # still valid TOML, and the names are the ones meant
    names = {k: result[k]["name"] for k in old}
    path.write_text(renamed, encoding="utf-8")
    return names


def _common_stem(names: list[str]) -> str:
    """The words every name starts with (``Interim kultur`` of the example's two names)."""
    words = [n.split() for n in names]
    stem: list[str] = []
    for group in zip(*words, strict=False):
        if len(set(group)) != 1:
            break
        stem.append(group[0])
    if len(names) == 1:
        return ""
    return " ".join(stem)

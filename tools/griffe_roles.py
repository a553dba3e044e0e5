# SPDX-License-Identifier: EUPL-1.2
"""A griffe extension for the docs site: reST roles in docstrings become links.

The docstrings name other objects the Sphinx way (``:meth:`create```,
``:class:`~kooperativ.money.Money```), which mkdocstrings would show as literal text.
This extension rewrites each role, when griffe loads the package, into inline code
wrapped in an *optional* cross-reference: a link where the name resolves to an object the
site documents, plain code where it does not (so ``mkdocs build --strict`` never fails on
a name the reference leaves out). The source keeps its roles; only the site changes.

Loaded by ``mkdocs.yml`` (``extensions: [tools/griffe_roles.py]``).
"""

from __future__ import annotations

import html
import re
from typing import Any

import griffe

ROLE = re.compile(
    r":(?:py:)?(?P<role>meth|class|func|attr|mod|data|exc|obj|const):`(?P<target>[^`]+)`"
)


def _resolve(obj: griffe.Object, target: str) -> str | None:
    """The full path ``target`` names from ``obj``'s scope, or None."""
    name = target.lstrip(".")
    if name.startswith("kooperativ."):
        return name
    first, _, rest = name.partition(".")
    try:
        path = obj.resolve(first)  # looks in obj's scope, then its parents'
    except (griffe.NameResolutionError, ValueError, AttributeError, KeyError):
        return None
    return f"{path}.{rest}" if rest else path


def rewrite(text: str, obj: griffe.Object) -> str:
    """``text`` with every reST role turned into (optionally linked) inline code."""

    def replace(match: re.Match[str]) -> str:
        target = match.group("target").strip()
        if "<" in target and target.endswith(">"):  # :meth:`shown <target>`
            shown, target = target[:-1].split("<", 1)
            shown = shown.strip()
        else:
            target = target.lstrip("!")
            short = target.startswith("~")
            target = target.lstrip("~")
            shown = target.rsplit(".", 1)[-1] if short else target.lstrip(".")
        if match.group("role") in ("meth", "func") and not shown.endswith(")"):
            shown += "()"
        path = _resolve(obj, target)
        code = f"<code>{html.escape(shown)}</code>"
        if path is None:
            return f"`{shown}`"
        return f'<autoref identifier="{html.escape(path)}" optional>{code}</autoref>'

    return ROLE.sub(replace, text)


class RolesToReferences(griffe.Extension):
    """Rewrite reST roles in every docstring of the loaded package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        self._walk(pkg, set())

    def _walk(self, obj: griffe.Object, seen: set[str]) -> None:
        if obj.path in seen:
            return
        seen.add(obj.path)
        if obj.docstring is not None and ":" in obj.docstring.value:
            obj.docstring.value = rewrite(obj.docstring.value, obj)
        for member in obj.members.values():
            if isinstance(member, griffe.Alias):
                continue
            self._walk(member, seen)

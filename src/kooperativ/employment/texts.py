# SPDX-License-Identifier: EUPL-1.2
"""Default terms stored in one language and printed in another.

A new contract gets default texts for the terms nobody wrote (working time, notice rules,
social insurance …). They are written in English in the code (message ids of a gettext
domain) and stored in the contract in one language, the country's. A document in another
language recognises a stored default and prints it translated; a term a user wrote is
printed as written.

Examples:
    >>> from kooperativ.i18n import translator
    >>> texts = StoredTexts(("Monthly on day {day}",), "documents", "sv")
    >>> texts.stored("Monthly on day {day}", day=25)
    'Monthly on day 25'
    >>> texts.localise("Monthly on day 25", translator("en", "documents"))
    'Monthly on day 25'
    >>> texts.localise("As agreed", translator("en", "documents")) is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cached_property

from kooperativ.errors import InputError
from kooperativ.i18n import translator

__all__ = ["StoredTexts"]

_PLACEHOLDER = re.compile(r"{(\w+)}")


def _translate(lang: str, domain: str) -> Callable[[str], str]:
    try:
        return translator(lang, domain)
    except InputError:  # no catalog for that language: the English message ids are stored
        return lambda text: text


class StoredTexts:
    """A set of default texts (message ids of ``domain``) stored in language ``lang``.

    Args:
        templates: The English texts (message ids), with ``{name}`` placeholders.
        domain: The gettext domain that translates them.
        lang: The language they are stored in.
    """

    def __init__(self, templates: Sequence[str], domain: str, lang: str) -> None:
        self.templates = tuple(templates)
        self.domain = domain
        self.lang = lang

    def stored(self, template: str, **args: object) -> str:
        """``template`` in the stored language with ``args`` filled in."""
        return _translate(self.lang, self.domain)(template).format(**args)

    @cached_property
    def _patterns(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        translate = _translate(self.lang, self.domain)
        found = []
        for template in self.templates:
            pieces = _PLACEHOLDER.split(translate(template))
            # Literal text and placeholders alternate: placeholders match any text.
            regex = "".join(
                re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>.+?)"
                for i, piece in enumerate(pieces)
            )
            found.append((template, re.compile(regex, re.DOTALL)))
        return tuple(found)

    def localise(self, text: str | None, translate: Callable[[str], str]) -> str | None:
        """``text`` through ``translate`` if it is one of these defaults as stored, else None."""
        if text is None:
            return None
        for template, pattern in self._patterns:
            match = pattern.fullmatch(text)
            if match is not None:
                return translate(template).format(**match.groupdict())
        return None

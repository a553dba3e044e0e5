# SPDX-License-Identifier: EUPL-1.2
"""Explanations of counts: why a vote came out as it did, in Swedish or English.

Every count (:mod:`~kooperativ.governance.tally.motion`,
:mod:`~kooperativ.governance.tally.election`) returns an :class:`Explanation`: the rule,
the threshold, the counts and a list of :class:`Message` lines. A message is a stable text
key and its arguments, so a result stored today can be rendered in another language later.
The English text of each key is the msgid in the gettext catalog ``tally``, where the
Swedish text lives.

Arguments are kept as what they are: a name is a string, a list of names a tuple of
strings, and a tally a tuple of ``(name, value)`` pairs.

Examples:
    >>> message("election.elected", names=("Alva", "Bo")).render("sv")
    'Valda: Alva, Bo.'
    >>> message("election.elected", names=("Alva", "Bo")).render("en")
    'Elected: Alva, Bo.'
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any

from pydantic import field_validator

from kooperativ._model import Record
from kooperativ.errors import InputError
from kooperativ.i18n import translator

__all__ = [
    "LANGUAGES",
    "TEXTS",
    "Explanation",
    "Message",
    "fraction_text",
    "message",
    "tally_pairs",
    "texts_for",
]

#: Languages an :class:`Explanation` can be rendered in.
LANGUAGES = ("sv", "en")

#: The English text of each explanation key: the msgid in the gettext catalog ``tally``
#: (``i18n/locales/<lang>/LC_MESSAGES/tally.po``), where the Swedish text lives. The keys
#: are what results record (:attr:`Message.key`), so they stay stable when wording changes.
TEXTS: dict[str, str] = {
    "line.rule": "Rule: {rule} — {threshold}.",
    "rule.ordinary": "ordinary majority",
    "rule.two_thirds": "two-thirds majority",
    "rule.more_than_two_thirds": "more than two thirds",
    "rule.three_quarters": "three-quarters majority",
    "rule.block_plurality": "block plurality (relative majority)",
    "rule.approval": "approval voting",
    "rule.stv": "single transferable vote (Droop quota, weighted inclusive Gregory)",
    "rule.schulze": "Schulze method (winning votes, winners removed one by one)",
    "threshold.more_than": "more than {fraction} of {base:key}",
    "threshold.at_least": "at least {fraction} of {base:key}",
    "threshold.all": "all of {base:key}",
    "threshold.plurality": "the most votes win",
    "threshold.approval": "the most approvals win",
    "threshold.stv": "quota {quota} votes (Droop: valid ballots ÷ (seats + 1), + 1)",
    "threshold.schulze": "strongest beatpaths win",
    "base.cast": "the votes cast",
    "base.present": "the voting members present",
    "base.members": "all voting members",
    "motion.counts": "Yes {yes}, no {no}, abstained or blank {abstain}; votes cast {cast}.",
    "motion.base": "Base: {base_count} ({base:key}).",
    "motion.required": "Yes votes required: {required}.",
    "motion.nothing_cast": "No votes were cast.",
    "motion.tie": "Equal votes ({yes} to {no}).",
    "motion.tie.chair.yes": "The chair's casting vote is yes.",
    "motion.tie.chair.no": "The chair's casting vote is no.",
    "motion.tie.lot.yes": "The lot (seed “{seed}”) drew yes.",
    "motion.tie.lot.no": "The lot (seed “{seed}”) drew no.",
    "motion.tie.none": "No casting vote: the motion falls.",
    "motion.passed": "Outcome: the motion is carried.",
    "motion.rejected": "Outcome: the motion is rejected.",
    "election.counts": "Ballots {ballots} (blank {blank}); seats {seats}.",
    "election.marks": "Votes: {tallies:tally}.",
    "election.round": "Round {round}: {tallies:tally}; exhausted {exhausted:num}.",
    "election.beatpaths": "Round {round}: beatpath wins among those left: {tallies:tally}.",
    "election.elected": "Elected: {names:list}.",
    "election.surplus": "Surplus of {name} ({surplus:num}) transferred.",
    "election.excluded": "{name} excluded.",
    "election.tie": "Round {round}: tie between {tied:list} ({purpose:term}), "
    "decided {by:term}: {chosen:list}.",
    "election.vacant": "Seats left vacant: {vacant} (too few candidates).",
    "election.winners": "Outcome: elected in order {names:list}.",
    "election.no_winners": "Outcome: nobody is elected.",
    "election.ranking": "Full ranking: {names:list}.",
    "term.exclude": "exclusion",
    "term.surplus": "order of surplus transfers",
    "term.elect": "order of election",
    "term.seat": "last seat(s)",
    "term.schulze": "Schulze winner",
    "term.rank": "place in the ranking",
    "term.earlier_round": "by the earlier rounds",
    "term.lot": "by lot",
}

_DOMAIN = "tally"

# Separators of the lists that results stored by kooperativ 0.1.0.dev0 joined into one
# string; read back into lists (see Message._lists).
_LEGACY_ITEM = "\x1f"
_LEGACY_PAIR = "\x1e"

#: A message argument: a word or number as text, a list of names, or ``(name, value)`` pairs.
Argument = str | tuple[str, ...] | tuple[tuple[str, str], ...]


def texts_for(lang: str) -> Callable[[str], str]:
    """The gettext function of ``lang`` for explanation texts.

    Raises:
        InputError: If ``lang`` is neither ``"sv"`` nor ``"en"``.
    """
    if lang not in LANGUAGES:
        raise InputError("lang", "{lang!r} is not supported (choose sv or en)", lang=lang)
    return translator(lang, _DOMAIN)


def _text(translate: Callable[[str], str], key: str, default: str | None = None) -> str:
    """The text of ``key`` through ``translate``; ``default`` (or the key) if unknown."""
    msgid = TEXTS.get(key)
    if msgid is None:
        return key if default is None else default
    return translate(msgid)


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(str(item) for item in value)


class _Formatter(string.Formatter):
    """``str.format`` with a few format specs for explanation arguments.

    ``num`` localises the decimal point, ``list`` joins names, ``tally`` renders
    ``(name, value)`` pairs, ``term`` and ``key`` look the value up as a text key (``term.``
    prefixed, or whole).
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.translate = texts_for(lang)

    def _num(self, value: str) -> str:
        return value.replace(".", ",") if self.lang == "sv" else value

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "list":
            return ", ".join(_names(value)) or "—"
        if format_spec == "tally":
            return "; ".join(f"{name} {self._num(str(number))}" for name, number in value)
        text = str(value)
        if format_spec == "num":
            return self._num(text)
        if format_spec == "term":
            return _text(self.translate, f"term.{text}", text)
        if format_spec == "key":
            return _text(self.translate, text)
        return str(super().format_field(value, format_spec))


def fraction_text(value: Fraction, places: int) -> str:
    """``value`` rounded half up to ``places`` decimals, as text (exact, no float).

    >>> fraction_text(Fraction(2, 3), 4)
    '0.6667'
    """
    scale = 10**places
    scaled = abs(value) * scale
    rounded = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    sign = "-" if value < 0 and rounded else ""
    if places == 0:
        return f"{sign}{rounded}"
    whole, part = divmod(rounded, scale)
    return f"{sign}{whole}.{part:0{places}d}"


def tally_pairs(
    tallies: Iterable[tuple[str, Fraction]], places: int
) -> tuple[tuple[str, str], ...]:
    """Each candidate's tally as ``(name, value as text)``, for a ``tally`` argument."""
    return tuple((name, fraction_text(value, places)) for name, value in tallies)


class Message(Record):
    """One line of an explanation: a text key and its arguments.

    Attributes:
        key: Text key (``"motion.required"``); its English text is the msgid in the
            catalog ``tally``.
        args: The arguments as ``(name, value)`` pairs; a value is text, a list of names,
            or a list of ``(name, value)`` pairs.
    """

    key: str
    args: tuple[tuple[str, Argument], ...] = ()

    @field_validator("args", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        """Read lists that older records joined into one string with control characters."""
        if not isinstance(value, list | tuple):
            return value
        fixed = []
        for pair in value:
            if isinstance(pair, list | tuple) and len(pair) == 2 and isinstance(pair[1], str):
                name, text = pair
                if _LEGACY_PAIR in text:
                    items = [item.split(_LEGACY_PAIR) for item in text.split(_LEGACY_ITEM) if item]
                    pair = (name, tuple((item[0], item[1]) for item in items))
                elif _LEGACY_ITEM in text:
                    pair = (name, tuple(text.split(_LEGACY_ITEM)))
            fixed.append(pair)
        return fixed

    def arg(self, name: str) -> Argument | None:
        """The argument called ``name`` (``None`` if absent)."""
        return next((value for key, value in self.args if key == name), None)

    def render(self, lang: str = "sv") -> str:
        """The line in ``lang`` (``"sv"`` or ``"en"``)."""
        formatter = _Formatter(lang)
        return formatter.format(formatter.translate(TEXTS[self.key]), **dict(self.args))


def message(key: str, **args: object) -> Message:
    """A :class:`Message`: lists and pairs are kept as lists, anything else as its text."""
    values: list[tuple[str, Argument]] = []
    for name, value in args.items():
        if isinstance(value, tuple | list):
            if value and all(isinstance(item, tuple | list) for item in value):
                values.append((name, tuple((str(a), str(b)) for a, b in value)))
            else:
                values.append((name, tuple(str(item) for item in value)))
        else:
            values.append((name, str(value)))
    return Message(key=key, args=tuple(values))


class Explanation(Record):
    """Why a vote came out as it did: the rule, the counts, what was needed, the outcome.

    Attributes:
        rule: Name of the rule: a preset key (``"ordinary"``, ``"stv"`` …, translated when
            rendered) or the bylaws' own name for it (shown as written).
        threshold: The threshold in words, as a message (see :meth:`threshold_text`).
        counts: The counts, as ``(name, number)`` pairs: ``yes``, ``no``, ``abstain``,
            ``cast`` for motions; ``ballots``, ``blank``, ``valid``, ``seats`` for elections.
        required: The number of yes votes a motion needed, or an STV election's quota.
        outcome: ``"passed"`` or ``"rejected"`` for a motion, ``"elected"`` for an election.
        steps: The lines of the explanation in order.
    """

    rule: str
    threshold: Message
    counts: tuple[tuple[str, int], ...]
    required: int | None = None
    outcome: str
    steps: tuple[Message, ...] = ()

    def count(self, name: str) -> int:
        """The count called ``name`` (``"yes"``, ``"cast"``, ``"ballots"`` …).

        Raises:
            InputError: If the explanation has no such count.
        """
        for key, value in self.counts:
            if key == name:
                return value
        raise InputError("name", "no count called {name!r}", name=name)

    def rule_text(self, lang: str = "sv") -> str:
        """The rule's name in ``lang`` (bylaw-given names are shown as written)."""
        return _text(texts_for(lang), f"rule.{self.rule}", self.rule)

    def threshold_text(self, lang: str = "sv") -> str:
        """The threshold in words, e.g. ``"minst 2/3 av de avgivna rösterna"``."""
        return self.threshold.render(lang)

    def lines(self, lang: str = "sv") -> list[str]:
        """The steps in ``lang``, one string per line (without the rule's line)."""
        return [step.render(lang) for step in self.steps]

    def text(self, lang: str = "sv") -> str:
        """The whole explanation in ``lang``, one line per step.

        Raises:
            InputError: If ``lang`` is neither ``"sv"`` nor ``"en"``.
        """
        head = message("line.rule", rule=self.rule_text(lang), threshold=self.threshold_text(lang))
        return "\n".join([head.render(lang), *self.lines(lang)])

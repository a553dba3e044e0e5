# SPDX-License-Identifier: EUPL-1.2
"""Fixtures of the bad-input corpus and the one-language sweep: the demo cooperative,
built once per session, the environment cleared of the machine's language, and the
English detector (``english`` and ``readable`` fixtures).

What may look English and is not a text: option, argument and command names (``--as``,
``{member}``, ``add``), machine codes a user types or a program reads (``table:33:1``,
``annual``, ``fees.rate``; :data:`CODES`), file names, paths, keys of configuration files,
hashes, and anything in quotes (a value echoed back).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kooperativ import demo


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo cooperative (Swedish, SQLite), built once per test session; copy it
    before changing anything."""
    folder = tmp_path_factory.mktemp("badinput-demo") / "demo"
    with demo.create(folder):
        pass
    yield folder


@pytest.fixture(autouse=True)
def _no_language_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """The language comes from each case's cooperative or environment, not the machine's."""
    monkeypatch.delenv("KOOPERATIV_LANGUAGE", raising=False)
    monkeypatch.delenv("KOOPERATIV_HOME", raising=False)
    monkeypatch.delenv("KOOPERATIV_DATABASE_URL", raising=False)


#: Common English words that are not Swedish words (or too rare in Swedish to matter).
ENGLISH = frozenset(
    re.findall(
        r"\S+",
        """
    an the of is are was were been has have had does did not and with to no on or
    this that these those which whose who what when where why how than then there
    must should shall would could cannot can't isn't doesn't don't won't will
    unknown invalid missing required error errors warning warnings input valid value
    values date dates found given paid payment payments member members meeting meetings
    contract contracts payout income deduction rounded down row rows falls whole
    cost costs premium reimbursed free holiday pay invoice invoices gross monthly
    yearly expected increased less earlier month months year years table tables
    column columns exist exists parameters poll votes vote voted voter voters
    election elections seats seat candidate candidates chair secretary adjuster adjusters
    proxy proxies signed both parties work started written due points details employment
    field fields number integer decimal greater smaller characters please choose
    either neither nor from into after before between already taken registered allowed
    denied only see their own fee fees salary tax taxes contributions policy cooperative
    hours hour report reports confirmed unconfirmed yes true false file files line lines
    read could encoding garbage truncated should recorded notice sent agenda officers
    amendment proposal adopted rejected elected tie must nothing more most least
    less above below each every any some other another such same first last next
    new old one two three four five six seven eight nine ten times time day days
    week weeks name names address phone email account accounts orgnr role
    roles show list add update remove delete create created creates set get use used
    using without within need needs needed needing give gives given possible option
    options usage try help message exit command commands mean did
    got unexpected extra such requires take takes wrong
    """,
    )
)

#: Machine codes a user types or a program reads, which may be English words: meeting
#: kinds, vote choices, statuses, end reasons, policies, VAT categories, tax modes …
CODES = frozenset(
    re.findall(
        r"\S+",
        """
    annual extra board digital yes no abstain proposal amendment adopted rejected
    member members treasurer auditor admin applicant none standard reduced email letter
    website submitted reimbursed requested paid
    """,
    )
)

#: Keys of JSON output whose values are texts for a person.
HUMAN_KEYS = frozenset({"message", "text", "summary", "explanation", "label", "topic", "detail"})

_MACHINE = [
    re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`"),  # quoted values and code
    re.compile(r"kooperativ(?: [a-z][a-z-]*)+"),  # a command line
    re.compile(r"^\W*│\s+(?:\*\s+)?[a-z][a-z-]*(?=\s{2,})"),  # a command or argument in help
    re.compile(r"\{\w+\}"),  # an argument in a usage line
    re.compile(r"(?<!\w)--?[a-zA-Z][\w-]*"),  # options
    re.compile(r"\S+\.(?:toml|md|json|db): [\w.\[\]-]+:"),  # a file and its key path
    re.compile(r"\S*[/\\]\S*"),  # paths
    re.compile(r"\S+@\S+"),  # e-mail addresses
    re.compile(r"\[[a-z_]+\]\s*[\w.]+"),  # a key of a configuration section
    re.compile(r"[\w.\[\]]+\s*=\s*[\w.,:-]+"),  # key = value
    # identifiers: fees.rate, table:33:1, x_y, values[0].value
    re.compile(r"\b\w[\w-]*(?:\[\d+\])*(?:[._:]\w[\w-]*(?:\[\d+\])*)+"),
    re.compile(r"\b[a-z]+(?:-[a-z]+)+\b"),  # codes: side-income, one-off
    re.compile(r"<[\w\[\]]+>"),  # option types in help: <str>, <int>
    re.compile(r"\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b"),  # hashes and ids
    re.compile(r"\b[A-Z_]{2,}\b"),  # constants and acronyms: KOOPERATIV_HOME, GDPR
]
_WORD = re.compile(r"[A-Za-zÅÄÖåäöéü'’]+")


def english_words(text: str) -> list[tuple[str, list[str]]]:
    """Lines of ``text`` with English words, and the words."""
    found = []
    for line in text.splitlines():
        plain = line
        for pattern in _MACHINE:
            plain = pattern.sub(" ", plain)
        words = [
            w
            for w in _WORD.findall(plain)
            if w.lower().strip("'’") in ENGLISH and w.lower() not in CODES
        ]
        if words:
            found.append((line.strip(), words))
    return found


def _human_texts(data: object, key: str = "") -> Iterator[str]:
    if isinstance(data, dict):
        for name, value in data.items():
            if name in HUMAN_KEYS or key in HUMAN_KEYS:
                yield from _all_strings(value)
            else:
                yield from _human_texts(value, name)
    elif isinstance(data, list):
        for item in data:
            yield from _human_texts(item, key)


def _all_strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _all_strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _all_strings(item)


def readable(output: str) -> str:
    """What a person reads of ``output``: all of it, or of JSON the human texts."""
    try:
        data = json.loads(output)
    except ValueError:
        return output
    return "\n".join(_human_texts(data))


@pytest.fixture(scope="session")
def english() -> Callable[[str], list[tuple[str, list[str]]]]:
    """:func:`english_words`: lines of a text with English words, and the words."""
    return english_words


@pytest.fixture(scope="session")
def human() -> Callable[[str], str]:
    """:func:`readable`: what a person reads of a command's output."""
    return readable

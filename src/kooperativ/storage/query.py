# SPDX-License-Identifier: EUPL-1.2
"""Conditions on indexed columns: the one query language every backend answers.

Services ask typed questions (``uow.members.by_person_id(pid)``,
``uow.assignments.of_member(member_id)`` …). Each of those methods is written once, in
:mod:`kooperativ.storage.base`, as a few conditions on the indexed columns that
:mod:`kooperativ.storage.kinds` declares; a backend only implements
``Repository.select(*conditions)``, which returns the matching records ordered by
number. Conditions combine with *and*; :class:`AnyOf` is *or*. A condition on a column
that is empty (``NULL``) is false, as in SQL.

>>> Eq("person_id", "198503129804")
Eq(column='person_id', value='198503129804')
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from kooperativ.storage.kinds import Value, plain

__all__ = [
    "AnyOf",
    "Compare",
    "Condition",
    "Dangling",
    "Eq",
    "HasLink",
    "In",
    "IsNull",
    "LinkIn",
    "Mentions",
    "NotLinkedFrom",
    "json_fragment",
    "one_of",
]


@dataclass(frozen=True)
class Eq:
    """The column equals ``value``."""

    column: str
    value: Value


@dataclass(frozen=True)
class In:
    """The column equals one of ``values`` (none given: nothing matches)."""

    column: str
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Compare:
    """``column <op> value`` for ``<``, ``<=``, ``>``, ``>=``."""

    column: str
    op: Literal["<", "<=", ">", ">="]
    value: Value


@dataclass(frozen=True)
class IsNull:
    """The column is empty (``null=True``) or not (``null=False``)."""

    column: str
    null: bool = True


@dataclass(frozen=True)
class AnyOf:
    """At least one of ``conditions`` holds (each itself a condition)."""

    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class HasLink:
    """The record's link ``link`` (e.g. a contract's ``assignment_ids``) contains ``value``."""

    link: str
    value: str


@dataclass(frozen=True)
class LinkIn:
    """The record's link ``link`` contains one of ``values`` (none given: nothing matches).

    For many records' links at once (the payments of a set of invoices) in one query.
    """

    link: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class NotLinkedFrom:
    """No record of ``kind`` links to this record through its link ``link``."""

    kind: str
    link: str


@dataclass(frozen=True)
class Dangling:
    """The id in ``column`` is not the id of any record of kind ``target``."""

    column: str
    target: str


@dataclass(frozen=True)
class Mentions:
    """The record's text holds one of ``texts`` somewhere in a value (none given: no match).

    Matched on the stored canonical JSON, as JSON writes each text inside a string
    (:func:`json_fragment`), exactly (case and accents count). No index answers it: the
    database reads every row's text, but only the rows found are parsed. For the question
    *which records name this person* (a name, an identity number or an id written
    anywhere in a record), asked by the privacy service.
    """

    texts: tuple[str, ...]


#: Any of the conditions above.
Condition = (
    Eq | In | Compare | IsNull | AnyOf | HasLink | LinkIn | NotLinkedFrom | Dangling | Mentions
)


def json_fragment(text: str) -> str:
    """``text`` as canonical JSON writes it inside a string (non-ASCII as ``\\uXXXX``).

    >>> json_fragment("Åsa") == chr(92) + "u00c5sa"
    True
    """
    return json.dumps(text)[1:-1]


def one_of(column: str, values: Iterable[object]) -> In:
    """:class:`In` with each value made plain (enums and UUIDs as text)."""
    return In(column, tuple(plain(value) for value in values))

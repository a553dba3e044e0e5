# SPDX-License-Identifier: EUPL-1.2
"""The lot (*lottning*): a reproducible drawing from a recorded seed.

When votes are equal and the bylaws let the lot decide (in elections always: "Vid val ska
i händelse av lika röstetal lotten avgöra", RF normalstadgar 3 kap. 8 §), the meeting
records a seed and kooperativ draws from it, so that anyone can repeat the count and get
the same draw.

Examples:
    >>> drawer = Drawer(Lot(seed="2026-03-14 årsmöte §7"))
    >>> drawer.draw(["Cyd", "Bo"], 1, "seat", 1)
    ('Cyd',)
    >>> drawer.draws[0].tied
    ('Bo', 'Cyd')
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable

from pydantic import Field

from kooperativ._model import Record

__all__ = ["Drawer", "Lot", "LotDraw"]


class LotDraw(Record):
    """One drawing of lots: what was tied and what was drawn.

    Attributes:
        purpose: What the drawing decided (``"seat"``, ``"exclude"``, ``"surplus"``,
            ``"elect"``, ``"schulze"``, ``"rank"``, ``"motion"``).
        round: The round (stage) of the count it happened in.
        tied: The tied names, sorted (the order the drawing works on).
        drawn: The names drawn, in the order drawn.
    """

    purpose: str
    round: int
    tied: tuple[str, ...]
    drawn: tuple[str, ...]


class Lot(Record):
    """Reproducible lot (*lottning*) from a recorded seed.

    The meeting records the seed in the minutes (e.g. the date, meeting and item), so that
    anyone can repeat the drawing. Each tally starts a fresh generator
    ``random.Random(int(sha256(seed)))``: the same seed and ballots always give the same
    draws. A drawing sorts the tied names and picks with rejection sampling on
    ``getrandbits`` (MT19937 output words), so it does not depend on the order the
    names arrive in nor on ``random``'s higher-level helpers.

    Attributes:
        seed: The recorded seed, e.g. ``"2026-03-14 årsmöte §7"``.
    """

    seed: str = Field(min_length=1)

    def generator(self) -> random.Random:
        """A new generator seeded from :attr:`seed`."""
        digest = hashlib.sha256(self.seed.encode("utf-8")).digest()
        return random.Random(int.from_bytes(digest, "big"))


class Drawer:
    """Draws lots for one tally and records each drawing.

    Args:
        lot: The lot, with its recorded seed; the drawer starts a fresh generator from it.
    """

    def __init__(self, lot: Lot) -> None:
        self.seed = lot.seed
        self._rng = lot.generator()
        #: Every drawing made so far, in order.
        self.draws: list[LotDraw] = []

    def _below(self, n: int) -> int:
        bits = n.bit_length()
        while True:
            value = self._rng.getrandbits(bits)
            if value < n:
                return value

    def draw(self, tied: Iterable[str], k: int, purpose: str, round_no: int) -> tuple[str, ...]:
        """Draw ``k`` of ``tied`` (sorted first, so their order does not matter); record it.

        Args:
            tied: The tied names.
            k: How many to draw.
            purpose: What the drawing decides (see :attr:`LotDraw.purpose`).
            round_no: The round of the count it happens in.
        """
        pool = sorted(tied)
        ordered = tuple(pool)
        drawn = tuple(pool.pop(self._below(len(pool))) for _ in range(k))
        self.draws.append(LotDraw(purpose=purpose, round=round_no, tied=ordered, drawn=drawn))
        return drawn

# SPDX-License-Identifier: EUPL-1.2
"""Counting votes: *röstning* and *votering* on motions, *val* of people, *lottning* on ties.

At a general meeting (*årsmöte*, *föreningsstämma*) most matters are decided by
acclamation; when someone asks for a count (*votering*, a formal vote) every voter says
yes, no or abstains, and the bylaws (*stadgar*) say which majority is needed: usually
more than half of the votes cast (*enkel majoritet*), two thirds or three quarters for a
bylaw change (*kvalificerad majoritet*). On an equal vote (*lika röstetal*) the chair
often has the casting vote (*ordförandens utslagsröst*). Elections of people (*val*) use
plurality (*relativ majoritet*) in most Swedish bylaws; this package also counts approval,
STV and Schulze. When an election is tied, the lot decides (*lottning*): here a drawing
from a recorded seed, so that anyone can repeat the count and get the same result.

Everything here is pure: votes and ballots in, a frozen result with an
:class:`Explanation` out. All arithmetic is exact (``int`` and
:class:`fractions.Fraction`), never ``float``. The modules:

* :mod:`~kooperativ.governance.tally.explanation`: the explanation of a count, sv/en;
* :mod:`~kooperativ.governance.tally.lot`: the reproducible lot;
* :mod:`~kooperativ.governance.tally.motion`: yes/no/abstain against a majority;
* :mod:`~kooperativ.governance.tally.election`: elections, checked and explained, with
  one module per method (:mod:`~kooperativ.governance.tally.plurality`,
  :mod:`~kooperativ.governance.tally.stv`, :mod:`~kooperativ.governance.tally.schulze`)
  and the result types in :mod:`~kooperativ.governance.tally.results`.

Examples:
    >>> from kooperativ.governance import ORDINARY, TWO_THIRDS, Lot, tally_election, tally_motion
    >>> tally_motion(["yes"] * 6 + ["no"] * 4 + ["abstain"], ORDINARY).passed
    True
    >>> result = tally_election(
    ...     "schulze", [("A", "B", "C"), ("B", "C", "A"), ("A", "C", "B")], ["A", "B", "C"], 1,
    ...     lot=Lot(seed="s"),
    ... )
    >>> result.winners, result.ranking
    (('A',), ('A', 'B', 'C'))
"""

from kooperativ.governance.tally.election import tally_election
from kooperativ.governance.tally.explanation import LANGUAGES, Explanation, Message
from kooperativ.governance.tally.lot import Lot, LotDraw
from kooperativ.governance.tally.motion import (
    MORE_THAN_TWO_THIRDS,
    ORDINARY,
    THREE_QUARTERS,
    TWO_THIRDS,
    DecidedBy,
    Majority,
    MajorityBase,
    MotionResult,
    Vote,
    tally_motion,
)
from kooperativ.governance.tally.results import (
    Action,
    Ballot,
    ElectionMethod,
    ElectionResult,
    Round,
    Tie,
)

__all__ = [
    "LANGUAGES",
    "MORE_THAN_TWO_THIRDS",
    "ORDINARY",
    "THREE_QUARTERS",
    "TWO_THIRDS",
    "Action",
    "Ballot",
    "DecidedBy",
    "ElectionMethod",
    "ElectionResult",
    "Explanation",
    "Lot",
    "LotDraw",
    "Majority",
    "MajorityBase",
    "Message",
    "MotionResult",
    "Round",
    "Tie",
    "Vote",
    "tally_election",
    "tally_motion",
]

# SPDX-License-Identifier: EUPL-1.2
"""Decisions (*beslut*): what a meeting decided, in one view, in the minutes' words.

A motion's decision comes from its last poll (or from acclamation), an election's from its
count; both are one :class:`Decision` with the outcome, the text decided, the count and its
explanation, so that a program need not walk ``motion.polls[-1].result.explanation``
through optionals. :meth:`Decision.wording` gives the sentence the minutes print (*Mötet
beslutade att bifalla förslaget.*), and :func:`poll_wording` what a single poll decided:
the command line shows the same words as the minutes.

Examples:
    >>> outcome_wording("adopted", "sv")
    'Mötet beslutade att bifalla förslaget.'
    >>> outcome_wording("first_reading", "en")
    'The meeting adopted the proposal at a first meeting; a second meeting must confirm it.'
"""

from __future__ import annotations

from kooperativ._model import Record
from kooperativ.governance.meeting import Election, Motion, Poll
from kooperativ.governance.tally import ElectionResult, Explanation, MotionResult
from kooperativ.i18n import plural, translator

__all__ = [
    "OUTCOME_TEXTS",
    "Decision",
    "count_wording",
    "decision_of_election",
    "decision_of_motion",
    "outcome_wording",
    "poll_wording",
]

#: What each outcome says in the minutes (the English msgids of the catalog ``governance``).
OUTCOME_TEXTS: dict[str, str] = {
    "adopted": "The meeting decided to adopt the proposal.",
    "rejected": "The meeting decided to reject the proposal.",
    "first_reading": "The meeting adopted the proposal at a first meeting; "
    "a second meeting must confirm it.",
    "no_quorum": "The meeting was not quorate: no decision.",
    "elected": "The meeting elected {names}.",
    "nobody": "Nobody was elected.",
    "open": "Not decided yet.",
}


def outcome_wording(outcome: str | None, lang: str = "en", names: str = "") -> str:
    """The minutes' sentence for ``outcome`` in ``lang`` (``None``: not decided yet)."""
    _ = translator(lang, "governance")
    key = outcome or "open"
    if key == "elected" and not names:
        key = "nobody"
    return _(OUTCOME_TEXTS[key]).format(names=names)


def poll_wording(motion: Motion, poll: Poll, lang: str = "en") -> str:
    """What one counted poll decided, as the minutes say it.

    A counter poll: whether the amendment replaces the proposal; the final poll: the
    motion's outcome.
    """
    _ = translator(lang, "governance")
    if poll.result is None:
        return outcome_wording(None, lang)
    if poll.kind == "counter":
        if poll.result.passed:
            return _("Amendment {letter} replaces the proposal.").format(letter=poll.amendment)
        return _("The proposal stands.")
    return outcome_wording(motion.outcome, lang)


def count_wording(result: MotionResult, lang: str = "en") -> str:
    """The votes of a count in words, with plurals: ``3 ja-röster, 1 nej-röst, 0 avstod``."""
    n_ = plural(lang, "governance")
    return ", ".join(
        (
            n_("{n} yes vote", "{n} yes votes", result.yes).format(n=result.yes),
            n_("{n} no vote", "{n} no votes", result.no).format(n=result.no),
            n_("{n} abstention", "{n} abstentions", result.abstain).format(n=result.abstain),
        )
    )


class Decision(Record):
    """One decision of a meeting, as recorded.

    Attributes:
        item: ``motion N`` or ``election N``.
        title: The motion's title or the election's office.
        outcome: ``adopted``, ``rejected``, ``first_reading``, ``no_quorum`` (motions),
            ``elected`` or ``no_quorum`` (elections); ``None`` while undecided.
        text: The text decided on (a motion's proposal after amendments).
        by_acclamation: Decided by acclamation, without a count.
        motion_result: The final poll's count (motions counted by vote).
        election_result: The election's count.
        elected: The names elected, in order (elections).
    """

    item: str
    title: str
    outcome: str | None = None
    text: str | None = None
    by_acclamation: bool = False
    motion_result: MotionResult | None = None
    election_result: ElectionResult | None = None
    elected: tuple[str, ...] = ()

    @property
    def decided(self) -> bool:
        """Whether the decision is taken."""
        return self.outcome is not None

    @property
    def explanation(self) -> Explanation | None:
        """Why, in words (``None`` for an acclamation or an undecided item)."""
        if self.motion_result is not None:
            return self.motion_result.explanation
        if self.election_result is not None:
            return self.election_result.explanation
        return None

    def wording(self, lang: str = "en") -> str:
        """The sentence the minutes print for this decision, in ``lang``."""
        if self.item.startswith("election") and self.outcome == "elected":
            return outcome_wording("elected", lang, ", ".join(self.elected))
        return outcome_wording(self.outcome, lang)


def decision_of_motion(motion: Motion) -> Decision:
    """The decision on ``motion`` (see :attr:`Motion.decision`)."""
    final = next(
        (p for p in reversed(motion.polls) if p.kind == "final" and p.result is not None), None
    )
    return Decision(
        item=f"motion {motion.number}",
        title=motion.title,
        outcome=motion.outcome,
        text=motion.decided_text,
        by_acclamation=motion.acclamation is not None,
        motion_result=final.result if final is not None else None,
    )


def decision_of_election(election: Election) -> Decision:
    """The decision of ``election`` (see :attr:`Election.decision`)."""
    return Decision(
        item=f"election {election.number}",
        title=election.office,
        outcome=election.outcome,
        election_result=election.result,
        elected=election.result.winners
        if election.result and election.outcome == "elected"
        else (),
    )

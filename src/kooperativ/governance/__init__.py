# SPDX-License-Identifier: EUPL-1.2
"""Governance (*föreningsstyrning*): bylaws, the röstlängd, meetings, votes and decisions.

The modules, by what they hold:

* :mod:`~kooperativ.governance.bylaws`: the bylaws as dated rules; :mod:`~kooperativ.
  governance.summary` says them in words;
* :mod:`~kooperativ.governance.register`: the röstlängd from the member register;
* :mod:`~kooperativ.governance.meeting`: the meeting record and its parts;
* :mod:`~kooperativ.governance.proceedings`, :mod:`~kooperativ.governance.notice`,
  :mod:`~kooperativ.governance.proxies`, :mod:`~kooperativ.governance.voting`,
  :mod:`~kooperativ.governance.counting`: the steps that build it;
* :mod:`~kooperativ.governance.secrecy`: sealing secret ballots;
* :mod:`~kooperativ.governance.decisions`: what was decided, in the minutes' words;
* :mod:`~kooperativ.governance.verify` and :mod:`~kooperativ.governance.record_file`:
  checking a record, and record files;
* :mod:`~kooperativ.governance.tally`: counting votes (pure, exact).
"""

from kooperativ.governance.bylaws import (
    Bylaws,
    DecisionRule,
    DecisionType,
    RuleSet,
    load_bylaws,
)
from kooperativ.governance.counting import count_election, count_motion
from kooperativ.governance.decisions import Decision
from kooperativ.governance.meeting import (
    AgendaItem,
    Amendment,
    BallotBox,
    Election,
    Mandate,
    Meeting,
    MeetingKind,
    MeetingState,
    Motion,
    Notice,
    Officers,
    OpenVote,
    Poll,
    PreviousReading,
    Quorum,
    Reservation,
    VoterMark,
)
from kooperativ.governance.notice import record_notice
from kooperativ.governance.proceedings import (
    add_election,
    add_motion,
    attend,
    close_meeting,
    new_meeting,
)
from kooperativ.governance.proxies import add_proxy
from kooperativ.governance.record_file import dump_meeting, load_meeting
from kooperativ.governance.register import (
    MembershipFee,
    Registrant,
    Roll,
    voting_roll,
)
from kooperativ.governance.secrecy import BallotSeal
from kooperativ.governance.summary import RuleSummary, rules_summary
from kooperativ.governance.tally import (
    LANGUAGES,
    MORE_THAN_TWO_THIRDS,
    ORDINARY,
    THREE_QUARTERS,
    TWO_THIRDS,
    Action,
    DecidedBy,
    ElectionMethod,
    ElectionResult,
    Explanation,
    Lot,
    LotDraw,
    Majority,
    MajorityBase,
    Message,
    MotionResult,
    Round,
    Tie,
    Vote,
    tally_election,
    tally_motion,
)
from kooperativ.governance.verify import DecisionCheck, VerifyReport, verify_meeting
from kooperativ.governance.voting import Ballot, cast_ballot, cast_vote, enter_paper_ballots

__all__ = [
    "LANGUAGES",
    "MORE_THAN_TWO_THIRDS",
    "ORDINARY",
    "THREE_QUARTERS",
    "TWO_THIRDS",
    "Action",
    "AgendaItem",
    "Amendment",
    "Ballot",
    "BallotBox",
    "BallotSeal",
    "Bylaws",
    "DecidedBy",
    "Decision",
    "DecisionCheck",
    "DecisionRule",
    "DecisionType",
    "Election",
    "ElectionMethod",
    "ElectionResult",
    "Explanation",
    "Lot",
    "LotDraw",
    "Majority",
    "MajorityBase",
    "Mandate",
    "Meeting",
    "MeetingKind",
    "MeetingState",
    "MembershipFee",
    "Message",
    "Motion",
    "MotionResult",
    "Notice",
    "Officers",
    "OpenVote",
    "Poll",
    "PreviousReading",
    "Quorum",
    "Registrant",
    "Reservation",
    "Roll",
    "Round",
    "RuleSet",
    "RuleSummary",
    "Tie",
    "VerifyReport",
    "Vote",
    "VoterMark",
    "add_election",
    "add_motion",
    "add_proxy",
    "attend",
    "cast_ballot",
    "cast_vote",
    "close_meeting",
    "count_election",
    "count_motion",
    "dump_meeting",
    "enter_paper_ballots",
    "load_bylaws",
    "load_meeting",
    "new_meeting",
    "record_notice",
    "rules_summary",
    "tally_election",
    "tally_motion",
    "verify_meeting",
    "voting_roll",
]

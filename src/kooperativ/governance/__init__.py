# SPDX-License-Identifier: EUPL-1.2
"""Governance (*föreningsstyrning*): counting votes on motions and elections.

See :mod:`kooperativ.governance.tally` for the counting rules.
"""

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

__all__ = [
    "LANGUAGES",
    "MORE_THAN_TWO_THIRDS",
    "ORDINARY",
    "THREE_QUARTERS",
    "TWO_THIRDS",
    "Action",
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

# Bylaws, the röstlängd, meetings and their verification (issue 4).
from kooperativ.governance.bylaws import (
    Bylaws,
    DecisionRule,
    DecisionType,
    RuleSet,
    load_bylaws,
)
from kooperativ.governance.meeting import Meeting, MeetingKind
from kooperativ.governance.register import (
    MembershipFee,
    Registrant,
    Roll,
    voting_roll,
)
from kooperativ.governance.verify import (
    VerifyReport,
    dump_meeting,
    load_meeting,
    verify_meeting,
)

__all__ += [
    "Bylaws",
    "DecisionRule",
    "DecisionType",
    "Meeting",
    "MeetingKind",
    "MembershipFee",
    "Registrant",
    "Roll",
    "RuleSet",
    "VerifyReport",
    "dump_meeting",
    "load_bylaws",
    "load_meeting",
    "verify_meeting",
    "voting_roll",
]

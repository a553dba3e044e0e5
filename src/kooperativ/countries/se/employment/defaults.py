# SPDX-License-Identifier: EUPL-1.2
"""The default terms Swedish law gives a new contract, stored in Swedish.

:meth:`SwedishEmploymentLaw.default_terms` fills the terms that follow from the law when a
contract does not state them: how the employment ends and the notice periods (LAS 4, 6, 8
and 11 §§), holiday (Semesterlag 1977:480) and social insurance (Socialavgiftslag
2000:980, lag 1991:1047 om sjuklön). They are written in English here (message ids of the
``documents`` catalog) and stored in Swedish; the contract PDF prints a stored default in
its own language.

Examples:
    >>> TEXTS.stored(NOTICE_PROBATION)[:40]
    'Provanställningen kan avbrytas före pröv'
    >>> from kooperativ.i18n import translator
    >>> TEXTS.localise(TEXTS.stored(HOLIDAY_LEAVE), translator("en", "documents"))[:44]
    'Paid holiday under the Annual Leave Act (197'
"""

from __future__ import annotations

from kooperativ.employment.texts import StoredTexts

__all__ = [
    "DEFAULTS",
    "HOLIDAY_LEAVE",
    "HOLIDAY_PAID_OUT",
    "HOLIDAY_PAY",
    "HOLIDAY_PAY_DESCRIPTION",
    "NOTICE_FIXED_TERM",
    "NOTICE_PERMANENT",
    "NOTICE_PROBATION",
    "SOCIAL_INSURANCE",
    "TEXTS",
]

NOTICE_FIXED_TERM = (
    "The employment ends without notice when the agreed period expires (LAS 4 §). It cannot "
    "be terminated early unless otherwise agreed. Notice must be given in writing (LAS 8 §)."
)
NOTICE_PERMANENT = (
    "Notice period under LAS 11 §: at least one month for both parties, longer for the "
    "employer after a longer period of employment. Notice must be given in writing (LAS 8 §)."
)
NOTICE_PROBATION = (
    "The probationary employment may be ended before the trial period expires; notice must "
    "be given at least two weeks in advance (LAS 6 § and 31 §). If it is not ended, it "
    "becomes permanent employment."
)
SOCIAL_INSURANCE = (
    "The employer pays employer's contributions to the Swedish Tax Agency (Social Security "
    "Contributions Act 2000:980), which give social insurance cover through the Swedish "
    "Social Insurance Agency. Sick pay is paid under the Sick Pay Act (1991:1047)."
)
HOLIDAY_PAID_OUT = (
    "No paid holiday is scheduled; holiday pay is paid instead with each salary (Annual "
    "Leave Act 1977:480)."
)
HOLIDAY_LEAVE = (
    "Paid holiday under the Annual Leave Act (1977:480): 25 days a holiday year (4 §), with "
    "holiday pay (semesterlön) for the days earned (7 §)."
)
HOLIDAY_PAY = "Holiday pay"
HOLIDAY_PAY_DESCRIPTION = (
    "Paid out with the salary instead of holiday leave (Annual Leave Act 5 § and 16 b §)"
)

#: Every default text, in the order they are tried.
DEFAULTS = (
    NOTICE_FIXED_TERM,
    NOTICE_PERMANENT,
    NOTICE_PROBATION,
    SOCIAL_INSURANCE,
    HOLIDAY_PAID_OUT,
    HOLIDAY_LEAVE,
    HOLIDAY_PAY,
    HOLIDAY_PAY_DESCRIPTION,
)

#: The defaults as Swedish contracts store them.
TEXTS = StoredTexts(DEFAULTS, "documents", "sv")

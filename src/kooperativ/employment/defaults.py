# SPDX-License-Identifier: EUPL-1.2
"""The default terms of a new employment contract, in Swedish and English.

:meth:`ContractService.create` fills every item of the written information (LAS 6 c §) that
is not given with a default text. The defaults are written in English here (message ids of
the ``documents`` catalog) and stored in the contract in Swedish, the language of the
Swedish rules. The contract PDF recognises a stored default and prints it in the PDF's
language (:func:`localise`); terms a user wrote are printed as written.

Examples:
    >>> stored = swedish(PAY_SCHEDULE, day=25)
    >>> stored
    'Månadsvis den 25:e, till det bankkonto arbetstagaren har anmält'
    >>> from kooperativ.i18n import translator
    >>> localise(stored, translator("en", "documents"))
    'Monthly on day 25, to the bank account the employee has registered'
    >>> localise("Enligt avtal", translator("en", "documents"))
    'Enligt avtal'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from kooperativ.i18n import translator

__all__ = [
    "BASIC_PAY",
    "BASIC_PAY_DESCRIPTION",
    "DEFAULTS",
    "HOLIDAY_PAID_OUT",
    "HOLIDAY_PAY",
    "HOLIDAY_PAY_DESCRIPTION",
    "NOTICE_FIXED_TERM",
    "NOTICE_PERMANENT",
    "NOTICE_PROBATION",
    "OVERTIME",
    "PAY_SCHEDULE",
    "PAY_TERMS",
    "SCOPE",
    "SOCIAL_INSURANCE",
    "localise",
    "swedish",
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
OVERTIME = (
    "Overtime or additional hours are worked only by agreement and are paid within the "
    "assignment's budget."
)
HOLIDAY_PAID_OUT = (
    "No paid holiday is scheduled; holiday pay is paid instead with each salary (Annual "
    "Leave Act 1977:480)."
)
SCOPE = "According to the scope of the assignment"
PAY_TERMS = (
    "Pay according to the assignment's budget: the invoiced amount excluding VAT minus the "
    "cooperative's fee ({fee} %), employer's contributions and holiday pay"
)
PAY_SCHEDULE = "Monthly on day {day}, to the bank account the employee has registered"
BASIC_PAY = "Basic pay"
BASIC_PAY_DESCRIPTION = "According to the assignment's budget, see above"
HOLIDAY_PAY = "Holiday pay"
HOLIDAY_PAY_DESCRIPTION = "Paid out with the salary (Annual Leave Act 16 b §)"

#: Every default text, in the order they are tried.
DEFAULTS = (
    NOTICE_FIXED_TERM,
    NOTICE_PERMANENT,
    NOTICE_PROBATION,
    SOCIAL_INSURANCE,
    OVERTIME,
    HOLIDAY_PAID_OUT,
    SCOPE,
    PAY_TERMS,
    PAY_SCHEDULE,
    BASIC_PAY,
    BASIC_PAY_DESCRIPTION,
    HOLIDAY_PAY,
    HOLIDAY_PAY_DESCRIPTION,
)

_PLACEHOLDER = re.compile(r"{(\w+)}")


def swedish(template: str, **args: object) -> str:
    """The default ``template`` in Swedish, as it is stored in a new contract."""
    return translator("sv", "documents")(template).format(**args)


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    found = []
    for template in DEFAULTS:
        text = translator("sv", "documents")(template)
        pieces = _PLACEHOLDER.split(text)
        # Literal text and placeholders alternate: placeholders match any text.
        regex = "".join(
            re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>.+?)"
            for i, piece in enumerate(pieces)
        )
        found.append((template, re.compile(regex, re.DOTALL)))
    return tuple(found)


def localise(text: str | None, translate: Callable[[str], str]) -> str | None:
    """``text`` in the language of ``translate`` if it is a stored default, else as given."""
    if text is None:
        return None
    for template, pattern in _patterns():
        match = pattern.fullmatch(text)
        if match is not None:
            return translate(template).format(**match.groupdict())
    return text

# SPDX-License-Identifier: EUPL-1.2
"""The cooperative's own default terms of a new contract, in every language.

:meth:`ContractService.create` fills the terms nobody wrote: these are the ones that follow
from how an employment cooperative works (pay from the assignment's budget, paid on the pay
day, working time as the assignment requires), the same in every country. Terms that
follow from national law (notice, holiday, social insurance) come from the country's
employment law. The texts are stored in the country's language (:func:`texts`) and a
document in another language prints them translated.

Examples:
    >>> stored = texts("sv").stored(PAY_SCHEDULE, day=25)
    >>> stored
    'Månadsvis den 25:e, till det bankkonto arbetstagaren har anmält'
    >>> from kooperativ.i18n import translator
    >>> texts("sv").localise(stored, translator("en", "documents"))
    'Monthly on day 25, to the bank account the employee has registered'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from kooperativ.employment.texts import StoredTexts
from kooperativ.i18n import available_languages

if TYPE_CHECKING:
    from kooperativ.rules.employment import EmploymentLaw

__all__ = [
    "BASIC_PAY",
    "BASIC_PAY_DESCRIPTION",
    "DEFAULTS",
    "HOLIDAY_PAY",
    "OVERTIME",
    "PAY_SCHEDULE",
    "PAY_TERMS",
    "SCOPE",
    "localise",
    "texts",
]

OVERTIME = (
    "Overtime or additional hours are worked only by agreement and are paid within the "
    "assignment's budget."
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

#: Every default text, in the order they are tried.
DEFAULTS = (
    OVERTIME,
    SCOPE,
    PAY_TERMS,
    PAY_SCHEDULE,
    BASIC_PAY,
    BASIC_PAY_DESCRIPTION,
    HOLIDAY_PAY,
)


@cache
def texts(lang: str) -> StoredTexts:
    """The cooperative's default terms as stored in ``lang`` (domain ``documents``)."""
    return StoredTexts(DEFAULTS, "documents", lang)


def localise(
    text: str | None, translate: Callable[[str], str], law: EmploymentLaw | None = None
) -> str | None:
    """``text`` in the language of ``translate`` if it is a stored default, else as given.

    The cooperative's defaults are recognised in every installed language, the law's as
    the law stores them.

    >>> from kooperativ.i18n import translator
    >>> localise("Enligt uppdragets omfattning", translator("en", "documents"))
    'According to the scope of the assignment'
    >>> localise("Heltid", translator("en", "documents"))
    'Heltid'
    """
    if text is None:
        return None
    for lang in available_languages():
        found = texts(lang).localise(text, translate)
        if found is not None:
            return found
    if law is not None:
        found = law.localise(text, translate)
        if found is not None:
            return found
    return text

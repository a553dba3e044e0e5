# SPDX-License-Identifier: EUPL-1.2
"""The forms of employment of LAS (lag 1982:80 om anställningsskydd).

Employment is open-ended (*tillsvidare*, LAS 4 §) unless a fixed term is agreed for one of
the forms of LAS 5 § första stycket: *särskild visstidsanställning* (SÄVA, 1 p.), *vikariat*
(2 p.) or *säsongsarbete* (3 p.); a trial period (*provanställning*) is LAS 6 §. SÄVA
replaced *allmän visstidsanställning* (AVA) on 1 October 2022 (SFS 2022:835); AVA is kept
as a form so that earlier employments can be recorded and counted under the transition
rules (see :mod:`kooperativ.countries.se.employment.limits`). Which form may be agreed on a
day is the dated parameter ``employment.forms.<code>``.

Examples:
    >>> FORMS[EmploymentType.SUBSTITUTE].needs_basis
    True
    >>> EmploymentType.GENERAL_FIXED_TERM.fixed_term, EmploymentType.PROBATION.fixed_term
    (True, False)
"""

from __future__ import annotations

from enum import StrEnum

from kooperativ.rules.employment import EmploymentForm

__all__ = ["FORMS", "EmploymentType"]


class EmploymentType(StrEnum):
    """The forms of employment under LAS; the values are what a contract stores."""

    SPECIAL_FIXED_TERM = "sarskild_visstidsanstallning"  #: LAS 5 § första stycket 1
    GENERAL_FIXED_TERM = "allman_visstidsanstallning"  #: LAS 5 § 1 p. before 2022-10-01
    SUBSTITUTE = "vikariat"  #: LAS 5 § första stycket 2
    SEASONAL = "sasongsanstallning"  #: LAS 5 § första stycket 3
    PROBATION = "provanstallning"  #: LAS 6 §
    PERMANENT = "tillsvidareanstallning"  #: LAS 4 §

    @property
    def fixed_term(self) -> bool:
        """True for the fixed-term forms of LAS 5 § (SÄVA, AVA, vikariat, säsong)."""
        return FORMS[self].fixed_term


#: Every form with its label (a message id of ``documents``), short name and paragraph.
FORMS: dict[EmploymentType, EmploymentForm] = {
    EmploymentType.SPECIAL_FIXED_TERM: EmploymentForm(
        code=EmploymentType.SPECIAL_FIXED_TERM.value,
        label="Special fixed-term employment (särskild visstidsanställning)",
        short="SÄVA",
        reference="LAS 5 § 1 p.",
        fixed_term=True,
    ),
    EmploymentType.GENERAL_FIXED_TERM: EmploymentForm(
        code=EmploymentType.GENERAL_FIXED_TERM.value,
        label="General fixed-term employment (allmän visstidsanställning)",
        short="AVA",
        # The form of 5 § 1 p. as worded until 30 September 2022 (SFS 2007:391).
        reference="LAS 5 § 1 p. i lydelsen före den 1 oktober 2022",
        fixed_term=True,
    ),
    EmploymentType.SUBSTITUTE: EmploymentForm(
        code=EmploymentType.SUBSTITUTE.value,
        label="Substitute employment (vikariat)",
        short="vikariat",
        reference="LAS 5 § 2 p.",
        fixed_term=True,
        needs_basis=True,
    ),
    EmploymentType.SEASONAL: EmploymentForm(
        code=EmploymentType.SEASONAL.value,
        label="Seasonal employment (säsongsanställning)",
        short="season",
        reference="LAS 5 § 3 p.",
        fixed_term=True,
        needs_basis=True,
    ),
    EmploymentType.PROBATION: EmploymentForm(
        code=EmploymentType.PROBATION.value,
        label="Probationary employment (provanställning)",
        short="probation",
        reference="LAS 6 §",
        trial=True,
    ),
    EmploymentType.PERMANENT: EmploymentForm(
        code=EmploymentType.PERMANENT.value,
        label="Permanent employment (tillsvidareanställning)",
        short="permanent",
        reference="LAS 4 §",
        open_ended=True,
    ),
}

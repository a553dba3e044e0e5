# SPDX-License-Identifier: EUPL-1.2
"""Absence (*frånvaro*) and what a country's law pays for sick days.

:mod:`kooperativ.absence.models` holds the :class:`Absence` record (sick leave, parental
leave, other unpaid leave); :mod:`kooperativ.absence.sick_pay` the facts a country's
sick-pay law is applied to (:class:`SickPayRequest`) and its answer
(:class:`SickPayResult`, payslip lines with a trace). The service is ``coop.absence``.
"""

from __future__ import annotations

from kooperativ.absence.models import Absence, AbsenceKind
from kooperativ.absence.sick_pay import (
    Employment,
    SickPayRequest,
    SickPayResult,
    SickSpell,
    average_weekly_pay,
    lost_pay_per_day,
)

__all__ = [
    "Absence",
    "AbsenceKind",
    "Employment",
    "SickPayRequest",
    "SickPayResult",
    "SickSpell",
    "average_weekly_pay",
    "lost_pay_per_day",
]

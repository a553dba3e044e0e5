# SPDX-License-Identifier: EUPL-1.2
"""Employment of members: contracts under LAS."""

from kooperativ.employment.models import EmploymentContract, EmploymentType, HolidayPayTerms

__all__ = ["EmploymentContract", "EmploymentType", "HolidayPayTerms"]

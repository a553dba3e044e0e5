# SPDX-License-Identifier: EUPL-1.2
"""Assignments brought by members."""

from kooperativ.assignments.models import Assignment, AssignmentStatus

__all__ = ["Assignment", "AssignmentStatus"]

# SPDX-License-Identifier: EUPL-1.2
"""Projects, their budgets and owners, and the grants that fund them (pure records).

See :mod:`kooperativ.projects.models`; the service is :mod:`kooperativ.services.projects`.
"""

from kooperativ.projects.models import (
    Budget,
    Grant,
    GrantReceipt,
    MoveRule,
    Project,
    ProjectStatus,
)

__all__ = ["Budget", "Grant", "GrantReceipt", "MoveRule", "Project", "ProjectStatus"]

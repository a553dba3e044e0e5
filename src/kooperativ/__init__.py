# SPDX-License-Identifier: EUPL-1.2
"""kooperativ: a toolkit for employment cooperatives.

An employment cooperative (*anställningskooperativ*) employs its members for the
assignments they bring, invoices the clients, pays employer contributions and tax, and
pays the members a salary; the members govern it under their bylaws. kooperativ is the
library behind that: members, clients, assignments, employment contracts, country rules as
dated data (Sweden first), salary calculation, pluggable storage and an audit trail.

Start with :meth:`Cooperative.open`.
"""

from kooperativ.assignments.models import Assignment, AssignmentStatus
from kooperativ.audit import AuditEvent
from kooperativ.clients.models import Client
from kooperativ.cooperative import Cooperative, Problem
from kooperativ.employment.models import EmploymentContract
from kooperativ.errors import (
    ConfigError,
    ConflictError,
    InputError,
    KooperativError,
    NotFoundError,
    PermissionDenied,
    StorageError,
)
from kooperativ.members.models import Address, Member, MemberStatus, Role
from kooperativ.security import Actor

__version__ = "0.1.0.dev0"

__all__ = [
    "Actor",
    "Address",
    "Assignment",
    "AssignmentStatus",
    "AuditEvent",
    "Client",
    "ConfigError",
    "ConflictError",
    "Cooperative",
    "EmploymentContract",
    "InputError",
    "KooperativError",
    "Member",
    "MemberStatus",
    "NotFoundError",
    "PermissionDenied",
    "Problem",
    "Role",
    "StorageError",
    "__version__",
]

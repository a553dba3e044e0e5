# SPDX-License-Identifier: EUPL-1.2
"""The services of a :class:`~kooperativ.cooperative.Cooperative`.

Each service call checks the actor's permission, runs the domain logic, and writes the
records and one audit event in a single transaction.
"""

from kooperativ.services._base import Problem, Ref, Service
from kooperativ.services.assignments import AssignmentService
from kooperativ.services.audit import AuditService
from kooperativ.services.clients import ClientService
from kooperativ.services.contracts import ContractService
from kooperativ.services.ledger import LedgerService
from kooperativ.services.members import MemberService
from kooperativ.services.payroll import PayrollService

__all__ = [
    "AssignmentService",
    "AuditService",
    "ClientService",
    "ContractService",
    "LedgerService",
    "MemberService",
    "PayrollService",
    "Problem",
    "Ref",
    "Service",
]

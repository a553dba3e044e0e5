# SPDX-License-Identifier: EUPL-1.2
"""kooperativ: a toolkit for employment cooperatives.

An employment cooperative (*anställningskooperativ*) employs its members for the
assignments they bring, invoices the clients, pays employer contributions and tax, and
pays the members a salary; the members govern it under their bylaws. kooperativ is the
library behind that: members, clients, assignments, employment contracts, country rules as
dated data (Sweden first), salary calculation, pluggable storage and an audit trail.

Start with :meth:`Cooperative.open` (a cooperative folder) or
:meth:`Cooperative.from_config` (configuration kept elsewhere). The names below are the
public surface: what a program calls, reads and catches. They are imported on first use,
so ``import kooperativ`` (and the command line's ``--help``) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kooperativ.assignments.models import Assignment, AssignmentStatus
    from kooperativ.audit import AuditEvent
    from kooperativ.clients.models import Client
    from kooperativ.config import CooperativeConfig, load_config
    from kooperativ.cooperative import Cooperative
    from kooperativ.employment.models import EmploymentContract
    from kooperativ.errors import (
        AuditError,
        ConcurrencyError,
        ConfigError,
        ConflictError,
        InputError,
        KooperativError,
        MissingParameterError,
        NotFoundError,
        PermissionDenied,
        RulesError,
        StorageError,
        ValidationFailed,
    )
    from kooperativ.governance.bylaws import Bylaws, RuleSet
    from kooperativ.governance.meeting import Election, Meeting, MeetingKind, Motion
    from kooperativ.governance.register import MembershipFee
    from kooperativ.members.models import Address, Member, MemberStatus, Role
    from kooperativ.payroll import SalaryInput, SalaryResult, calculate_salary, invoice_for_net
    from kooperativ.problems import Problem
    from kooperativ.rules.country import CountryRules, get_country
    from kooperativ.rules.parameters import ParameterSet
    from kooperativ.security import Actor
    from kooperativ.storage import open_store
    from kooperativ.storage.base import Store

__version__ = "0.1.0.dev0"

#: Public name → the module that defines it.
_EXPORTS = {
    "Actor": "kooperativ.security",
    "Address": "kooperativ.members.models",
    "Assignment": "kooperativ.assignments.models",
    "AssignmentStatus": "kooperativ.assignments.models",
    "AuditError": "kooperativ.errors",
    "AuditEvent": "kooperativ.audit",
    "Bylaws": "kooperativ.governance.bylaws",
    "Client": "kooperativ.clients.models",
    "ConcurrencyError": "kooperativ.errors",
    "ConfigError": "kooperativ.errors",
    "ConflictError": "kooperativ.errors",
    "Cooperative": "kooperativ.cooperative",
    "CooperativeConfig": "kooperativ.config",
    "CountryRules": "kooperativ.rules.country",
    "Election": "kooperativ.governance.meeting",
    "EmploymentContract": "kooperativ.employment.models",
    "InputError": "kooperativ.errors",
    "KooperativError": "kooperativ.errors",
    "Meeting": "kooperativ.governance.meeting",
    "MeetingKind": "kooperativ.governance.meeting",
    "Member": "kooperativ.members.models",
    "MemberStatus": "kooperativ.members.models",
    "MembershipFee": "kooperativ.governance.register",
    "MissingParameterError": "kooperativ.errors",
    "ParameterSet": "kooperativ.rules.parameters",
    "Motion": "kooperativ.governance.meeting",
    "NotFoundError": "kooperativ.errors",
    "PermissionDenied": "kooperativ.errors",
    "Problem": "kooperativ.problems",
    "Role": "kooperativ.members.models",
    "RuleSet": "kooperativ.governance.bylaws",
    "RulesError": "kooperativ.errors",
    "SalaryInput": "kooperativ.payroll",
    "SalaryResult": "kooperativ.payroll",
    "StorageError": "kooperativ.errors",
    "Store": "kooperativ.storage.base",
    "ValidationFailed": "kooperativ.errors",
    "calculate_salary": "kooperativ.payroll",
    "get_country": "kooperativ.rules.country",
    "invoice_for_net": "kooperativ.payroll",
    "load_config": "kooperativ.config",
    "open_store": "kooperativ.storage",
}

__all__ = [
    "Actor",
    "Address",
    "Assignment",
    "AssignmentStatus",
    "AuditError",
    "AuditEvent",
    "Bylaws",
    "Client",
    "ConcurrencyError",
    "ConfigError",
    "ConflictError",
    "Cooperative",
    "CooperativeConfig",
    "CountryRules",
    "Election",
    "EmploymentContract",
    "InputError",
    "KooperativError",
    "Meeting",
    "MeetingKind",
    "Member",
    "MemberStatus",
    "MembershipFee",
    "MissingParameterError",
    "Motion",
    "NotFoundError",
    "ParameterSet",
    "PermissionDenied",
    "Problem",
    "Role",
    "RuleSet",
    "RulesError",
    "SalaryInput",
    "SalaryResult",
    "StorageError",
    "Store",
    "ValidationFailed",
    "__version__",
    "calculate_salary",
    "get_country",
    "invoice_for_net",
    "load_config",
    "open_store",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kooperativ' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

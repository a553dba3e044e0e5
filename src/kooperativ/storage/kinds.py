# SPDX-License-Identifier: EUPL-1.2
"""The record kinds a store keeps, and the columns it indexes beside each record.

Every record is stored as its canonical JSON text (what the audit chain hashes). Beside it,
each kind declares a few *indexed columns* — values copied out of the record so that a
store can answer the questions services ask (a member by personnummer, a member's
assignments, contracts running in a period …) without reading and parsing a whole table.
A *link* is a multi-valued reference (a contract's assignments), kept in a table of its own.

This list is the single source of truth: the SQL backend generates its tables from it,
the memory backend its indexes, and ``kooperativ audit verify`` checks that the stored
columns still agree with the records.

>>> KINDS["member"].table, [column.name for column in KINDS["member"].columns]
('members', ['person_id', 'status', 'left_on', 'email'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Literal
from uuid import UUID

from kooperativ._model import Record
from kooperativ.absence.models import Absence
from kooperativ.access.models import Credential, LoginToken, WebSession
from kooperativ.accounts.models import ClosedPeriod, Voucher
from kooperativ.assignments.models import Assignment
from kooperativ.clients.models import Client
from kooperativ.employment.models import EmploymentContract, HoursReport
from kooperativ.expenses.models import Expense
from kooperativ.expenses.salary_requests import SalaryRequest
from kooperativ.governance.meeting import Meeting
from kooperativ.governance.register import MembershipFee
from kooperativ.invoicing.models import Invoice
from kooperativ.members.models import Member
from kooperativ.payments.models import Payment
from kooperativ.payroll.runs import PayrollRun, Payslip
from kooperativ.projects.models import Grant, Project
from kooperativ.travel.claims import TravelClaim

__all__ = [
    "ENTITY_KINDS",
    "KINDS",
    "Column",
    "ColumnType",
    "Kind",
    "Link",
    "Value",
    "ocr_digits",
    "plain",
]

#: The SQL type of an indexed column: a UUID as text, free text, a date, an integer, a flag.
ColumnType = Literal["id", "text", "date", "int", "bool"]

#: A value as it is kept in an indexed column.
Value = str | date | int | bool | None


def plain(value: object) -> Value:
    """``value`` as an indexed column keeps it: UUIDs and enums as text, the rest as is.

    >>> from uuid import UUID
    >>> plain(UUID(int=1))
    '00000000-0000-0000-0000-000000000001'
    """
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Enum):
        return str(value.value)
    if value is None or isinstance(value, str | date | int | bool):
        return value
    raise TypeError(f"{type(value).__name__} cannot be an indexed column value")


@dataclass(frozen=True)
class Column:
    """An indexed column: its name, its type, how to read it, and the kind it refers to."""

    name: str
    type: ColumnType
    read: Callable[[Any], object]
    #: For an ``id`` column: the kind of record it refers to (checked by audit verify).
    refers: str | None = None

    def value(self, record: Record) -> Value:
        """The column's value for ``record``."""
        return plain(self.read(record))


@dataclass(frozen=True)
class Link:
    """A multi-valued reference kept in a table of its own (``contract_assignments``)."""

    name: str
    table: str
    #: The kind the linked ids belong to.
    target: str
    #: The link table's column holding the linked id (the other holds the record's id).
    column: str
    read: Callable[[Any], Iterable[UUID]]

    def values(self, record: Record) -> tuple[str, ...]:
        """The linked ids of ``record``, as text, without repeats, in order."""
        return tuple(dict.fromkeys(str(value) for value in self.read(record)))


@dataclass(frozen=True)
class Kind:
    """One kind of record: its class, table, unit-of-work attribute, columns and links."""

    name: str
    record: type[Record]
    table: str
    attribute: str
    columns: tuple[Column, ...] = ()
    links: tuple[Link, ...] = ()

    def column(self, name: str) -> Column:
        """The indexed column called ``name``."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no indexed column {name!r}")

    def values(self, record: Record) -> dict[str, Value]:
        """Every indexed column's value for ``record``."""
        return {column.name: column.value(record) for column in self.columns}


def ocr_digits(reference: str) -> str:
    """A payment reference as the invoices' ``ocr`` column keeps it: without spaces and
    dashes.

    >>> ocr_digits("1234 5678-9")
    '123456789'
    """
    return "".join(char for char in reference if not char.isspace() and char != "-")


def _kinds(*kinds: Kind) -> dict[str, Kind]:
    return {kind.name: kind for kind in kinds}


#: Every record kind, by name. The names are also the audit trail's ``entity`` names.
KINDS: dict[str, Kind] = _kinds(
    Kind(
        "member",
        Member,
        "members",
        "members",
        (
            Column("person_id", "text", lambda m: m.person_id),
            Column("status", "text", lambda m: m.status),
            Column("left_on", "date", lambda m: m.left_on),
            Column("email", "text", lambda m: None if m.email is None else str(m.email).lower()),
        ),
    ),
    Kind(
        "client",
        Client,
        "clients",
        "clients",
        (
            Column("orgnr", "text", lambda c: c.orgnr),
            Column("person_id", "text", lambda c: c.person_id),
        ),
    ),
    Kind(
        "assignment",
        Assignment,
        "assignments",
        "assignments",
        (
            Column("member_id", "id", lambda a: a.member_id, "member"),
            Column("client_id", "id", lambda a: a.client_id, "client"),
            Column("status", "text", lambda a: a.status),
            Column("start", "date", lambda a: a.start),
            Column("end", "date", lambda a: a.end),
        ),
    ),
    Kind(
        "contract",
        EmploymentContract,
        "contracts",
        "contracts",
        (
            Column("member_id", "id", lambda c: c.member_id, "member"),
            Column("start", "date", lambda c: c.start),
            # The agreed end, or the day it ended: empty for an open-ended employment.
            Column("last_day", "date", lambda c: c.last_day),
        ),
        (
            Link(
                "assignment_ids",
                "contract_assignments",
                "assignment",
                "assignment_id",
                lambda c: c.assignment_ids,
            ),
        ),
    ),
    Kind(
        "hours",
        HoursReport,
        "hours_reports",
        "hours",
        (
            Column("member_id", "id", lambda h: h.member_id, "member"),
            Column("assignment_id", "id", lambda h: h.assignment_id, "assignment"),
            Column("contract_id", "id", lambda h: h.contract_id, "contract"),
            Column("month", "date", lambda h: h.month),
            Column("confirmed", "bool", lambda h: h.confirmed),
        ),
    ),
    Kind(
        "meeting",
        Meeting,
        "meetings",
        "meetings",
        (
            Column("kind", "text", lambda m: m.kind),
            Column("state", "text", lambda m: m.state),
            Column("held_on", "date", lambda m: m.held_on),
        ),
    ),
    Kind(
        "membership_fee",
        MembershipFee,
        "membership_fees",
        "membership_fees",
        (
            Column("member_id", "id", lambda f: f.member_id, "member"),
            Column("year", "int", lambda f: f.year),
        ),
    ),
    Kind(
        "invoice",
        Invoice,
        "invoices",
        "invoices",
        (
            Column("series", "text", lambda i: i.series),
            Column("kind", "text", lambda i: i.kind),
            Column("client_id", "id", lambda i: i.client_id, "client"),
            Column("member_id", "id", lambda i: i.member_id, "member"),
            Column("status", "text", lambda i: i.status),
            Column("issue_date", "date", lambda i: i.issue_date),
            Column("due_date", "date", lambda i: i.due_date),
            # A credit note's invoice: empty for an invoice.
            Column("credits", "id", lambda i: i.credits, "invoice"),
            # The payment reference (OCR) without spaces and dashes, to find an invoice
            # by the reference a payment gives.
            Column("ocr", "text", lambda i: ocr_digits(i.payment_reference)),
        ),
        (
            Link(
                "assignment_ids",
                "invoice_assignments",
                "assignment",
                "assignment_id",
                lambda i: i.assignment_ids,
            ),
        ),
    ),
    # The ledger: vouchers (their lines also go to a table of their own, ``voucher_lines``,
    # which the stores sum) and the closed periods.
    Kind(
        "voucher",
        Voucher,
        "vouchers",
        "vouchers",
        (
            Column("series", "text", lambda v: v.series),
            Column("serial", "int", lambda v: v.serial),
            Column("date", "date", lambda v: v.date),
            Column("corrects", "text", lambda v: v.corrects.label if v.corrects else None),
        ),
    ),
    Kind(
        "closed_period",
        ClosedPeriod,
        "closed_periods",
        "closed_periods",
        (
            Column("start", "date", lambda p: p.start),
            Column("end", "date", lambda p: p.end),
        ),
    ),
    # Members' expenses (utlägg) and salary requests (löneuttag).
    Kind(
        "expense",
        Expense,
        "expenses",
        "expenses",
        (
            Column("member_id", "id", lambda e: e.member_id, "member"),
            Column("status", "text", lambda e: e.status),
            Column("date", "date", lambda e: e.date),
        ),
    ),
    Kind(
        "salary_request",
        SalaryRequest,
        "salary_requests",
        "salary_requests",
        (
            Column("member_id", "id", lambda r: r.member_id, "member"),
            Column("status", "text", lambda r: r.status),
            Column("pay_date", "date", lambda r: r.pay_date),
        ),
    ),
    # Payroll runs and their payslips (one per member and run).
    Kind(
        "payroll_run",
        PayrollRun,
        "payroll_runs",
        "payroll_runs",
        (
            Column("period", "text", lambda r: r.period),
            Column("status", "text", lambda r: r.status),
            Column("kind", "text", lambda r: r.kind),
            Column("corrects", "int", lambda r: r.corrects),
        ),
    ),
    Kind(
        "payslip",
        Payslip,
        "payslips",
        "payslips",
        (
            Column("run_id", "id", lambda p: p.run_id, "payroll_run"),
            Column("member_id", "id", lambda p: p.member_id, "member"),
            Column("period", "text", lambda p: p.period),
            Column("pay_date", "date", lambda p: p.pay_date),
            # The calendar year of the pay date (what year-to-date figures add up).
            Column("pay_year", "int", lambda p: p.pay_date.year),
        ),
    ),
    # Members' travel claims (reseräkningar): per diem and mileage, paid with the salary.
    Kind(
        "travel_claim",
        TravelClaim,
        "travel_claims",
        "travel_claims",
        (
            Column("member_id", "id", lambda c: c.member_id, "member"),
            Column("status", "text", lambda c: c.status),
            Column("date", "date", lambda c: c.date),
        ),
    ),
    # Incoming payments: the idempotency key (unique), status, day, and the invoices each
    # settles (``payment_invoices``).
    Kind(
        "payment",
        Payment,
        "payments",
        "payments",
        (
            Column("key", "text", lambda p: p.key),
            Column("status", "text", lambda p: p.status),
            Column("paid_on", "date", lambda p: p.paid_on),
        ),
        (
            Link(
                "invoice_ids",
                "payment_invoices",
                "invoice",
                "invoice_id",
                lambda p: p.invoice_ids,
            ),
        ),
    ),
    # Projects, with their owners in a link table, and the grants that fund them.
    Kind(
        "project",
        Project,
        "projects",
        "projects",
        (
            Column("status", "text", lambda p: p.status),
            Column("start", "date", lambda p: p.start),
            Column("end", "date", lambda p: p.end),
        ),
        (Link("owner_ids", "project_owners", "member", "member_id", lambda p: p.owner_ids),),
    ),
    Kind(
        "grant",
        Grant,
        "grants",
        "grants",
        (
            Column("project_id", "id", lambda g: g.project_id, "project"),
            Column("start", "date", lambda g: g.start),
            Column("end", "date", lambda g: g.end),
            Column("report_due", "date", lambda g: g.report_due),
        ),
    ),
    # Absence (sick leave, parental and other unpaid leave): by member, kind and days.
    Kind(
        "absence",
        Absence,
        "absences",
        "absences",
        (
            Column("member_id", "id", lambda a: a.member_id, "member"),
            Column("kind", "text", lambda a: a.kind),
            Column("first_day", "date", lambda a: a.first_day),
            Column("last_day", "date", lambda a: a.last_day),
            Column("confirmed", "bool", lambda a: a.confirmed),
        ),
    ),
    # Signing in to the web app: passwords (hashed), one-time links and sessions (their
    # tokens' SHA-256, looked up by it).
    Kind(
        "credential",
        Credential,
        "credentials",
        "credentials",
        (Column("member_id", "id", lambda c: c.member_id, "member"),),
    ),
    Kind(
        "login_token",
        LoginToken,
        "login_tokens",
        "login_tokens",
        (
            Column("member_id", "id", lambda t: t.member_id, "member"),
            Column("token_hash", "text", lambda t: t.token_hash),
        ),
    ),
    Kind(
        "web_session",
        WebSession,
        "web_sessions",
        "web_sessions",
        (
            Column("member_id", "id", lambda s: s.member_id, "member"),
            Column("token_hash", "text", lambda s: s.token_hash),
        ),
    ),
)

#: Entity kind name → record class (the kind names are the audit ``entity`` names).
ENTITY_KINDS: dict[str, type[Record]] = {name: kind.record for name, kind in KINDS.items()}

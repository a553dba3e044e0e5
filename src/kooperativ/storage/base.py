# SPDX-License-Identifier: EUPL-1.2
"""The storage protocol: typed repositories inside a unit of work.

A service call opens one unit of work; everything it writes — the records and the audit
event — is committed together when the block ends, or not at all if it raises::

    with store.unit_of_work() as uow:
        if uow.members.by_person_id(pid) is None:
            uow.members.add(member)
            uow.audit.append(event)

    with store.unit_of_work(write=False) as uow:   # a read: takes no write lock
        jobs = uow.assignments.of_member(member.id)

Every record kind has its typed repository on the unit of work (``uow.members``,
``uow.clients``, ``uow.assignments``, ``uow.contracts``, ``uow.hours``, ``uow.meetings``,
``uow.membership_fees``, ``uow.invoices``, ``uow.payments``, ``uow.vouchers``,
``uow.closed_periods``, ``uow.payroll_runs``, ``uow.payslips``, ``uow.projects``,
``uow.grants``, ``uow.absences``);
``uow.repository(kind)`` gives the same repositories by kind name, for generic code such as
the audit verification.

**Concurrency.** A *write* unit of work is serialised: it holds the store's write lock
from its first statement to its commit (PostgreSQL: a transaction-scoped advisory lock;
SQLite: ``BEGIN IMMEDIATE``; memory: a lock), so two writers never interleave and the
numbers and audit sequence they allocate never collide. A *read* unit of work
(``write=False``) takes no write lock, sees one consistent snapshot and may not write.
Every record carries a version; ``update`` compares it with the version the unit of work
read (``UPDATE … WHERE id = ? AND version = ?``) and raises :class:`TransientConflict`
rather than overwrite a change it did not see. :func:`transaction` re-runs a piece of work
on such transient conflicts, with backoff.

Backends: :mod:`kooperativ.storage.memory` (tests, embedding) and
:mod:`kooperativ.storage.sql` (SQLite and PostgreSQL, schema managed by Alembic).
Third-party backends register under the entry point group ``kooperativ.storage`` by URL
scheme and check themselves with :mod:`kooperativ.testing.storage`.
"""

from __future__ import annotations

import builtins
import random
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from datetime import date
from decimal import Decimal
from typing import NamedTuple, Protocol, TypeVar
from uuid import UUID

from kooperativ._model import Record
from kooperativ.absence.models import Absence, AbsenceKind
from kooperativ.access.models import Credential, LoginToken, WebSession
from kooperativ.accounts.ledger import Entry
from kooperativ.accounts.models import ClosedPeriod, Voucher
from kooperativ.assignments.models import Assignment, AssignmentStatus
from kooperativ.audit import AuditEvent
from kooperativ.clients.models import Client
from kooperativ.employment.models import EmploymentContract, HoursReport
from kooperativ.errors import ConcurrencyError
from kooperativ.expenses.models import Expense, ExpenseStatus
from kooperativ.expenses.salary_requests import SalaryRequest, SalaryRequestStatus
from kooperativ.governance.meeting import Meeting, MeetingKind, MeetingState
from kooperativ.governance.register import MembershipFee
from kooperativ.invoicing.models import Invoice, InvoiceKind, InvoiceStatus
from kooperativ.members.models import Member, MemberStatus
from kooperativ.payments.models import Payment, PaymentStatus
from kooperativ.payroll.runs import PayrollRun, Payslip, RunKind, RunStatus
from kooperativ.projects.models import Grant, Project, ProjectStatus
from kooperativ.storage.kinds import ENTITY_KINDS, KINDS, Value, ocr_digits
from kooperativ.storage.query import (
    AnyOf,
    Compare,
    Condition,
    Dangling,
    Eq,
    HasLink,
    In,
    IsNull,
    LinkIn,
    NotLinkedFrom,
    one_of,
)
from kooperativ.travel.claims import TravelClaim, TravelClaimStatus

__all__ = [
    "CHUNK",
    "ENTITY_KINDS",
    "KINDS",
    "AbsenceRepository",
    "AssignmentRepository",
    "AuditLog",
    "BallotBoxes",
    "ClientRepository",
    "ClosedPeriodRepository",
    "ContractRepository",
    "CredentialRepository",
    "ExpenseRepository",
    "GrantRepository",
    "HoursRepository",
    "InvoiceRepository",
    "LoginTokenRepository",
    "MeetingRepository",
    "MemberRepository",
    "MembershipFeeRepository",
    "PaymentRepository",
    "PayrollRunRepository",
    "PayslipRepository",
    "ProjectRepository",
    "Repository",
    "SalaryRequestRepository",
    "Store",
    "StoredRecord",
    "TransientConflict",
    "TravelClaimRepository",
    "UnitOfWork",
    "VoucherRepository",
    "WebSessionRepository",
    "chunks",
    "ocr_digits",
    "transaction",
]

R = TypeVar("R", bound=Record)
T = TypeVar("T")


class TransientConflict(ConcurrencyError):
    """A conflict with a concurrent change that running the work again may resolve.

    Raised for a record changed since this unit of work read it (its version moved on), a
    number or audit sequence number allocated here and taken by someone else meanwhile,
    and a serialisation failure or deadlock reported by the database. :func:`transaction`
    retries on it; when the retries are exhausted it becomes a plain
    :class:`~kooperativ.errors.ConcurrencyError`. A number the *caller* chose that is taken
    is not transient: that stays a :class:`~kooperativ.errors.ConflictError`.
    """

    code = "concurrency.transient"


class StoredRecord(NamedTuple):
    """A record as stored, unparsed: for checks that must survive a damaged row."""

    kind: str
    #: The ``id`` column (the record's UUID as text).
    id: str
    #: The ``number`` column.
    number: int
    #: The canonical JSON text.
    data: str
    version: int
    #: The indexed columns as stored.
    columns: Mapping[str, Value]
    #: The link tables' ids as stored, by link name (sorted).
    links: Mapping[str, tuple[str, ...]]


class Repository(Protocol[R]):
    """Records of one kind, each with a UUID ``id``, a unique human ``number`` and a version."""

    def add(self, record: R) -> None:
        """Store a new record (version 1).

        Raises:
            ConflictError: Its id, or a number the caller chose, is taken.
            TransientConflict: A number this unit of work allocated with
                :meth:`next_number` was taken by a concurrent writer.
        """
        ...

    def update(self, record: R, *, expected_version: int | None = None) -> None:
        """Replace the stored record with the same id, if nobody changed it meanwhile.

        Args:
            record: The new state.
            expected_version: The version the change is based on; by default the version
                this unit of work read (or the stored one, if it read none).

        Raises:
            NotFoundError: No record has that id.
            ConflictError: The new number is taken by another record.
            TransientConflict: The stored version is not the expected one.
        """
        ...

    def get(self, record_id: UUID) -> R:
        """The record with ``record_id``. Raises ``NotFoundError``."""
        ...

    def find(self, record_id: UUID) -> R | None:
        """The record with ``record_id``, or ``None``."""
        ...

    def by_number(self, number: int) -> R | None:
        """The record with human number ``number``, or ``None``."""
        ...

    def list(self) -> list[R]:
        """Every record, ordered by number (reads the whole table: prefer a query)."""
        ...

    def select(self, *conditions: Condition, limit: int | None = None) -> builtins.list[R]:
        """The records meeting every condition, ordered by number (at most ``limit``)."""
        ...

    def count(self) -> int:
        """How many records there are."""
        ...

    def next_number(self) -> int:
        """One more than the highest number in use (1 when empty)."""
        ...

    def version(self, record_id: UUID) -> int | None:
        """The stored version of the record (1 when added), or ``None`` if there is none."""
        ...

    def stored(self) -> Iterator[StoredRecord]:
        """Every row as stored, unparsed, ordered by number."""
        ...


def _first(found: list[R]) -> R | None:
    return found[0] if found else None


def _id(value: UUID) -> str:
    return str(value)


#: How many ids one query names at most (``IN (…)``): far below SQLite's and PostgreSQL's
#: limits on the parameters of one statement.
CHUNK = 2000


def chunks(values: Iterable[str], size: int = CHUNK) -> Iterator[tuple[str, ...]]:
    """``values`` without repeats in tuples of at most ``size`` (none for no values).

    >>> tuple(len(c) for c in chunks((str(n) for n in range(4500)), 2000))
    (2000, 2000, 500)
    """
    unique = tuple(dict.fromkeys(values))
    for start in range(0, len(unique), size):
        yield unique[start : start + size]


class MemberRepository(Repository[Member], Protocol):
    """``uow.members``: the register, queried by personnummer, e-mail address and status."""

    def by_person_id(self, person_id: str) -> Member | None:
        """The member with ``person_id`` (the lowest number if the register holds two)."""
        return _first(self.select(Eq("person_id", person_id), limit=1))

    def with_email(self, address: str) -> list[Member]:
        """Members registered with the e-mail ``address`` (compared without regard to case,
        blanks around it ignored), by number."""
        return self.select(Eq("email", address.strip().lower()))

    def with_status(self, *statuses: MemberStatus | str) -> list[Member]:
        """Members with one of ``statuses``."""
        return self.select(one_of("status", statuses))

    def left(self) -> list[Member]:
        """Members with a leaving date (resigned or excluded, now or later)."""
        return self.select(IsNull("left_on", null=False))


class ClientRepository(Repository[Client], Protocol):
    """``uow.clients``: the client register, queried by organisationsnummer and, for a
    private person, personal identity number."""

    def by_orgnr(self, orgnr: str) -> Client | None:
        """The client with ``orgnr`` (the lowest number if two have it)."""
        return _first(self.select(Eq("orgnr", orgnr), limit=1))

    def by_person_id(self, person_id: str) -> Client | None:
        """The private-person client with ``person_id`` (the lowest number if two have it)."""
        return _first(self.select(Eq("person_id", person_id), limit=1))


class AssignmentRepository(Repository[Assignment], Protocol):
    """``uow.assignments``: queried by member, client, status and period."""

    def of_member(
        self, member_id: UUID, *, status: AssignmentStatus | str | None = None
    ) -> list[Assignment]:
        """The member's assignments (optionally of one status)."""
        conditions: list[Condition] = [Eq("member_id", _id(member_id))]
        if status is not None:
            conditions.append(one_of("status", [status]))
        return self.select(*conditions)

    def of_client(self, client_id: UUID) -> list[Assignment]:
        """The client's assignments."""
        return self.select(Eq("client_id", _id(client_id)))

    def with_status(self, *statuses: AssignmentStatus | str) -> list[Assignment]:
        """Assignments with one of ``statuses``."""
        return self.select(one_of("status", statuses))

    def overlapping(
        self, start: date, end: date, *, member_id: UUID | None = None
    ) -> list[Assignment]:
        """Assignments running on at least one day of ``start``–``end`` (both included)."""
        conditions: list[Condition] = [Compare("start", "<=", end), Compare("end", ">=", start)]
        if member_id is not None:
            conditions.append(Eq("member_id", _id(member_id)))
        return self.select(*conditions)

    def without_contract(self, *statuses: AssignmentStatus | str) -> list[Assignment]:
        """Assignments (of ``statuses``, or any) that no employment contract covers."""
        conditions: list[Condition] = [NotLinkedFrom("contract", "assignment_ids")]
        if statuses:
            conditions.append(one_of("status", statuses))
        return self.select(*conditions)

    def without_member(self) -> list[Assignment]:
        """Assignments whose member is not in the register."""
        return self.select(Dangling("member_id", "member"))


class ContractRepository(Repository[EmploymentContract], Protocol):
    """``uow.contracts``: queried by member, assignment and period."""

    def of_member(self, member_id: UUID) -> list[EmploymentContract]:
        """The member's contracts."""
        return self.select(Eq("member_id", _id(member_id)))

    def of_assignment(self, assignment_id: UUID) -> list[EmploymentContract]:
        """The contracts that cover the assignment."""
        return self.select(HasLink("assignment_ids", _id(assignment_id)))

    def overlapping(
        self, start: date, end: date, *, member_id: UUID | None = None
    ) -> list[EmploymentContract]:
        """Contracts running on at least one day of ``start``–``end`` (open-ended included)."""
        conditions: list[Condition] = [
            Compare("start", "<=", end),
            AnyOf((IsNull("last_day"), Compare("last_day", ">=", start))),
        ]
        if member_id is not None:
            conditions.append(Eq("member_id", _id(member_id)))
        return self.select(*conditions)


class HoursRepository(Repository[HoursReport], Protocol):
    """``uow.hours``: reports of hours, queried by member, assignment, contract and month."""

    def of_member(self, member_id: UUID) -> list[HoursReport]:
        """The member's reports."""
        return self.select(Eq("member_id", _id(member_id)))

    def of_assignment(self, assignment_id: UUID) -> list[HoursReport]:
        """The reports on an assignment."""
        return self.select(Eq("assignment_id", _id(assignment_id)))

    def of_contract(self, contract_id: UUID) -> list[HoursReport]:
        """The reports under a contract."""
        return self.select(Eq("contract_id", _id(contract_id)))

    def in_period(
        self,
        start: date,
        end: date,
        *,
        member_id: UUID | None = None,
        assignment_id: UUID | None = None,
    ) -> list[HoursReport]:
        """Reports for the months from ``start``'s to ``end``'s (both included)."""
        conditions: list[Condition] = [
            Compare("month", ">=", start.replace(day=1)),
            Compare("month", "<=", end),
        ]
        if member_id is not None:
            conditions.append(Eq("member_id", _id(member_id)))
        if assignment_id is not None:
            conditions.append(Eq("assignment_id", _id(assignment_id)))
        return self.select(*conditions)

    def unconfirmed(self) -> list[HoursReport]:
        """Reports not yet confirmed."""
        return self.select(Eq("confirmed", False))


class MeetingRepository(Repository[Meeting], Protocol):
    """``uow.meetings``: queried by date, kind and state."""

    def held_between(
        self, start: date, end: date, *, kind: MeetingKind | str | None = None
    ) -> list[Meeting]:
        """Meetings held from ``start`` to ``end`` (both included), optionally of one kind."""
        conditions: list[Condition] = [
            Compare("held_on", ">=", start),
            Compare("held_on", "<=", end),
        ]
        if kind is not None:
            conditions.append(one_of("kind", [kind]))
        return self.select(*conditions)

    def with_state(self, *states: MeetingState | str) -> list[Meeting]:
        """Meetings in one of ``states`` (open, closed)."""
        return self.select(one_of("state", states))


class MembershipFeeRepository(Repository[MembershipFee], Protocol):
    """``uow.membership_fees``: fee payments, queried by member and year."""

    def of_member(self, member_id: UUID) -> list[MembershipFee]:
        """The member's payments."""
        return self.select(Eq("member_id", _id(member_id)))

    def for_year(self, year: int) -> list[MembershipFee]:
        """Payments of the fee for ``year``."""
        return self.select(Eq("year", year))

    def of_member_for_year(self, member_id: UUID, year: int) -> MembershipFee | None:
        """The member's payment for ``year``, or ``None``."""
        return _first(self.select(Eq("member_id", _id(member_id)), Eq("year", year), limit=1))


class InvoiceRepository(Repository[Invoice], Protocol):
    """``uow.invoices``: invoices and credit notes, queried by client, member, assignment,
    status and date. ``next_number`` gives the next invoice number: allocated inside the
    write unit of work that stores the invoice, so a failed write leaves no gap."""

    def of_client(self, client_id: UUID) -> list[Invoice]:
        """The client's invoices and credit notes."""
        return self.select(Eq("client_id", _id(client_id)))

    def of_member(self, member_id: UUID) -> list[Invoice]:
        """Invoices and credit notes of the member's assignments."""
        return self.select(Eq("member_id", _id(member_id)))

    def of_assignment(
        self, assignment_id: UUID, *, kind: InvoiceKind | str | None = None
    ) -> list[Invoice]:
        """Invoices (or credit notes, by ``kind``) that cover the assignment."""
        conditions: list[Condition] = [HasLink("assignment_ids", _id(assignment_id))]
        if kind is not None:
            conditions.append(one_of("kind", [kind]))
        return self.select(*conditions)

    def credits_of(self, invoice_id: UUID) -> list[Invoice]:
        """The credit notes that correct the invoice."""
        return self.select(Eq("credits", _id(invoice_id)))

    def credits_of_any(self, invoice_ids: Iterable[UUID]) -> list[Invoice]:
        """The credit notes that correct any of the invoices: one query per
        :data:`CHUNK` invoices."""
        return [
            note
            for chunk in chunks(_id(i) for i in invoice_ids)
            for note in self.select(Eq("kind", "credit_note"), In("credits", chunk))
        ]

    def by_ocr(self, reference: str) -> list[Invoice]:
        """The invoices whose payment reference is ``reference`` (spaces and dashes
        ignored), by the indexed column ``ocr``."""
        return self.select(Eq("ocr", ocr_digits(reference)))

    def with_status(self, *statuses: InvoiceStatus | str) -> list[Invoice]:
        """Invoices with one of ``statuses``."""
        return self.select(one_of("status", statuses))

    def issued_between(self, start: date, end: date) -> list[Invoice]:
        """Invoices and credit notes dated ``start``–``end`` (both included)."""
        return self.select(Compare("issue_date", ">=", start), Compare("issue_date", "<=", end))

    def due_before(self, day: date, *, status: InvoiceStatus | str = "issued") -> list[Invoice]:
        """Invoices (not credit notes) in ``status`` due before ``day``."""
        return self.select(
            Compare("due_date", "<", day), one_of("status", [status]), Eq("kind", "invoice")
        )


class ExpenseRepository(Repository[Expense], Protocol):
    """``uow.expenses``: members' expenses (*utlägg*), queried by member, status and date."""

    def of_member(self, member_id: UUID) -> list[Expense]:
        """The member's expenses."""
        return self.select(Eq("member_id", _id(member_id)))

    def with_status(self, *statuses: ExpenseStatus | str) -> list[Expense]:
        """Expenses with one of ``statuses``."""
        return self.select(one_of("status", statuses))

    def dated(self, start: date, end: date) -> list[Expense]:
        """Expenses dated ``start``–``end`` (both included)."""
        return self.select(Compare("date", ">=", start), Compare("date", "<=", end))


class SalaryRequestRepository(Repository[SalaryRequest], Protocol):
    """``uow.salary_requests``: members' salary requests, by member, status and pay date."""

    def of_member(self, member_id: UUID) -> list[SalaryRequest]:
        """The member's requests."""
        return self.select(Eq("member_id", _id(member_id)))

    def with_status(self, *statuses: SalaryRequestStatus | str) -> list[SalaryRequest]:
        """Requests with one of ``statuses``."""
        return self.select(one_of("status", statuses))


class TravelClaimRepository(Repository[TravelClaim], Protocol):
    """``uow.travel_claims``: members' travel claims, by member, status and date."""

    def of_member(self, member_id: UUID) -> list[TravelClaim]:
        """The member's claims."""
        return self.select(Eq("member_id", _id(member_id)))

    def with_status(self, *statuses: TravelClaimStatus | str) -> list[TravelClaim]:
        """Claims with one of ``statuses``."""
        return self.select(one_of("status", statuses))

    def payable(self, member_id: UUID, day: date) -> list[TravelClaim]:
        """The member's approved, unpaid claims dated on or before ``day``."""
        return self.select(
            Eq("member_id", _id(member_id)), Eq("status", "approved"), Compare("date", "<=", day)
        )


class CredentialRepository(Repository[Credential], Protocol):
    """``uow.credentials``: members' passwords (hashed) and failed sign-ins."""

    def of_member(self, member_id: UUID) -> Credential | None:
        """The member's credential, if any."""
        return _first(self.select(Eq("member_id", _id(member_id))))


class LoginTokenRepository(Repository[LoginToken], Protocol):
    """``uow.login_tokens``: one-time sign-in links, by their token's SHA-256."""

    def by_hash(self, token_hash: str) -> LoginToken | None:
        """The link whose token has SHA-256 ``token_hash``."""
        return _first(self.select(Eq("token_hash", token_hash)))

    def of_member(self, member_id: UUID) -> list[LoginToken]:
        """The member's links."""
        return self.select(Eq("member_id", _id(member_id)))

    def remove(self, record: LoginToken) -> None:
        """Delete a stored link (used or expired, cleaned up).

        Raises:
            NotFoundError: No link has its id.
        """
        ...


class WebSessionRepository(Repository[WebSession], Protocol):
    """``uow.web_sessions``: signed-in browsers, by their token's SHA-256."""

    def by_hash(self, token_hash: str) -> WebSession | None:
        """The session whose token has SHA-256 ``token_hash``."""
        return _first(self.select(Eq("token_hash", token_hash)))

    def of_member(self, member_id: UUID) -> list[WebSession]:
        """The member's sessions."""
        return self.select(Eq("member_id", _id(member_id)))

    def remove(self, record: WebSession) -> None:
        """Delete a stored session (ended or expired, cleaned up).

        Raises:
            NotFoundError: No session has its id.
        """
        ...


class PaymentRepository(Repository[Payment], Protocol):
    """``uow.payments``: incoming payments, by idempotency key, status, invoice and day.
    The key is unique: adding a second payment with a key already stored is refused."""

    def by_key(self, key: str) -> Payment | None:
        """The payment with idempotency key ``key``, or ``None``."""
        return _first(self.select(Eq("key", key), limit=1))

    def with_status(self, *statuses: PaymentStatus | str) -> list[Payment]:
        """Payments with one of ``statuses``."""
        return self.select(one_of("status", statuses))

    def of_invoice(self, invoice_id: UUID) -> list[Payment]:
        """The payments allocated (in part) to the invoice."""
        return self.select(HasLink("invoice_ids", _id(invoice_id)))

    def of_invoices(self, invoice_ids: Iterable[UUID]) -> list[Payment]:
        """The payments allocated (in part) to any of the invoices, each once, by number:
        one query per :data:`CHUNK` invoices."""
        found: dict[UUID, Payment] = {}
        for chunk in chunks(_id(i) for i in invoice_ids):
            for payment in self.select(LinkIn("invoice_ids", chunk)):
                found.setdefault(payment.id, payment)
        return sorted(found.values(), key=lambda p: p.number)

    def paid_between(self, start: date, end: date) -> list[Payment]:
        """Payments received ``start``–``end`` (both included)."""
        return self.select(Compare("paid_on", ">=", start), Compare("paid_on", "<=", end))


class PayrollRunRepository(Repository[PayrollRun], Protocol):
    """``uow.payroll_runs``: payroll runs, by period, status and kind. ``next_number``
    gives the next run number, allocated inside the write unit of work that stores the
    run, so a failed run leaves no gap."""

    def of_period(self, period: str, *, kind: RunKind | str | None = None) -> list[PayrollRun]:
        """The runs of pay period ``period`` (``YYYY-MM``), of one kind if given."""
        conditions: list[Condition] = [Eq("period", period)]
        if kind is not None:
            conditions.append(one_of("kind", [kind]))
        return self.select(*conditions)

    def with_status(self, *statuses: RunStatus | str) -> list[PayrollRun]:
        """Runs with one of ``statuses``."""
        return self.select(one_of("status", statuses))

    def corrections_of(self, number: int) -> list[PayrollRun]:
        """The correction runs of run ``number``."""
        return self.select(Eq("corrects", number))


class PayslipRepository(Repository[Payslip], Protocol):
    """``uow.payslips``: payslips, by run, member, period and pay year.

    A run stores its payslips together (:meth:`add_many`); a draft run computed again
    removes its earlier payslips (:meth:`remove`), each removal recorded on the audit
    trail by the service. Payslips of an approved run are never removed.
    """

    def of_run(self, run_id: UUID) -> list[Payslip]:
        """The payslips of the run, by number."""
        return self.select(Eq("run_id", _id(run_id)))

    def of_member(self, member_id: UUID, *, year: int | None = None) -> list[Payslip]:
        """The member's payslips (with a pay date in ``year``, if given)."""
        conditions: list[Condition] = [Eq("member_id", _id(member_id))]
        if year is not None:
            conditions.append(Eq("pay_year", year))
        return self.select(*conditions)

    def of_period(self, period: str) -> list[Payslip]:
        """The payslips of pay period ``period``, of every run."""
        return self.select(Eq("period", period))

    def paid_in_year(self, year: int) -> list[Payslip]:
        """The payslips with a pay date in ``year``, of every run."""
        return self.select(Eq("pay_year", year))

    def add_many(self, records: builtins.list[Payslip]) -> None:
        """Store new payslips together (a backend may insert them in one batch).

        Raises:
            ConflictError: An id or a number is taken (nothing of the batch is stored).
        """
        for record in records:
            self.add(record)

    def remove(self, record: Payslip) -> None:
        """Delete a stored payslip (of a draft run computed again).

        Raises:
            NotFoundError: No payslip has its id.
        """
        ...


class VoucherRepository(Repository[Voucher], Protocol):
    """``uow.vouchers``: the ledger's vouchers, and sums over their lines.

    A voucher is never changed once added (``update`` raises ``ConflictError``). Its lines
    are kept, besides in the record, one row each (``voucher_lines``: voucher, line,
    account, member, project, date, amount in öre), and every sum below is computed by the
    store (``SUM … GROUP BY`` in SQL), not by reading the vouchers.
    """

    def by_serial(self, series: str, serial: int) -> Voucher | None:
        """The voucher ``series`` ``serial`` (``A``, ``12``), or ``None``."""
        return _first(self.select(Eq("series", series), Eq("serial", serial), limit=1))

    def of_series(self, series: str) -> list[Voucher]:
        """The vouchers of ``series``, in the order they were booked."""
        return self.select(Eq("series", series))

    def dated(self, start: date, end: date, *, series: str | None = None) -> list[Voucher]:
        """Vouchers dated from ``start`` to ``end`` (both included)."""
        conditions: list[Condition] = [Compare("date", ">=", start), Compare("date", "<=", end)]
        if series is not None:
            conditions.append(Eq("series", series))
        return self.select(*conditions)

    def correction_of(self, series: str, serial: int) -> Voucher | None:
        """The voucher that corrects ``series`` ``serial``, or ``None``."""
        return _first(self.select(Eq("corrects", f"{series}{serial}"), limit=1))

    def next_serial(self, series: str) -> int:
        """One more than the highest number in ``series`` (1 when it has none).

        Call it in the write unit of work that adds the voucher: the write lock keeps the
        number free until it commits, so the series has no gap and no repeat.
        """
        ...

    def balance(
        self,
        account: int,
        *,
        member_id: UUID | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Decimal:
        """The sum of ``account``'s lines (debit positive), of one member if given, dated
        from ``since`` to ``until`` (both included, either open), as kronor with two
        decimals."""
        ...

    def balances_by_account(
        self, *, since: date | None = None, until: date | None = None
    ) -> dict[int, Decimal]:
        """Every account's sum (the trial balance, *råbalans*), by account number; accounts
        without lines are left out."""
        ...

    def balances_by_member(self, account: int, *, until: date | None = None) -> dict[UUID, Decimal]:
        """Each member's sum on ``account`` (the member sub-ledger), by member id."""
        ...

    def member_balance(
        self, member_id: UUID, *, account: int, until: date | None = None
    ) -> Decimal:
        """The member's sum on ``account`` (debit positive) up to ``until``."""
        return self.balance(account, member_id=member_id, until=until)

    def entries(
        self,
        *,
        account: int | None = None,
        member_id: UUID | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[Entry]:
        """The lines (of ``account``, of ``member_id``, dated ``since``–``until``) as
        entries, ordered by date, then registration number, then line."""
        ...

    def balances_by_project(
        self,
        project_id: UUID,
        *,
        member_id: UUID | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> dict[int, Decimal]:
        """The sums of the project's lines (of one member if given, dated
        ``since``–``until``) by account number, debit positive; accounts without lines
        are left out."""
        ...


class ClosedPeriodRepository(Repository[ClosedPeriod], Protocol):
    """``uow.closed_periods``: the periods whose bookkeeping is finished."""

    def covering(self, day: date) -> list[ClosedPeriod]:
        """The closed periods ``day`` falls in."""
        return self.select(Compare("start", "<=", day), Compare("end", ">=", day))


class ProjectRepository(Repository[Project], Protocol):
    """``uow.projects``: queried by owner, status and period."""

    def of_owner(self, member_id: UUID) -> list[Project]:
        """The projects ``member_id`` owns."""
        return self.select(HasLink("owner_ids", _id(member_id)))

    def with_status(self, *statuses: ProjectStatus | str) -> list[Project]:
        """Projects with one of ``statuses``."""
        return self.select(one_of("status", statuses))

    def overlapping(self, start: date, end: date) -> list[Project]:
        """Projects running on at least one day of ``start``–``end`` (both included)."""
        return self.select(Compare("start", "<=", end), Compare("end", ">=", start))


class GrantRepository(Repository[Grant], Protocol):
    """``uow.grants``: queried by project and reporting deadline."""

    def of_project(self, project_id: UUID) -> list[Grant]:
        """The grants of the project."""
        return self.select(Eq("project_id", _id(project_id)))

    def report_due_by(self, day: date) -> list[Grant]:
        """Grants whose report is due on or before ``day``."""
        return self.select(Compare("report_due", "<=", day))


class AbsenceRepository(Repository[Absence], Protocol):
    """``uow.absences``: members' absences, by member, kind and the days they cover."""

    def of_member(self, member_id: UUID) -> list[Absence]:
        """The member's absences."""
        return self.select(Eq("member_id", _id(member_id)))

    def overlapping(
        self,
        first: date,
        last: date,
        *,
        member_id: UUID | None = None,
        kind: AbsenceKind | str | None = None,
    ) -> list[Absence]:
        """Absences with at least one day in ``first``–``last`` (both included), of one
        member and of one kind if given."""
        conditions: list[Condition] = [
            Compare("first_day", "<=", last),
            Compare("last_day", ">=", first),
        ]
        if member_id is not None:
            conditions.append(Eq("member_id", _id(member_id)))
        if kind is not None:
            conditions.append(one_of("kind", [kind]))
        return self.select(*conditions)


class AuditLog(Protocol):
    """The append-only audit trail."""

    def append(self, event: AuditEvent) -> None:
        """Add ``event``; its ``seq`` must be one more than the last one's.

        Raises:
            TransientConflict: Someone else appended the event with that ``seq`` since.
            ConflictError: The ``seq`` does not follow for another reason (a gap, or this
                unit of work appended it already).
        """
        ...

    def last(self) -> AuditEvent | None:
        """The newest event, or ``None``."""
        ...

    def events(self) -> Iterator[AuditEvent]:
        """Every event in sequence order."""
        ...

    def latest(self, entity: str) -> dict[str, AuditEvent]:
        """The newest event of each ``entity_id`` of the entity kind ``entity``."""
        ...

    def about(
        self, records: Mapping[str, Collection[str]], *, actors: Collection[str] = ()
    ) -> list[AuditEvent]:
        """The events about one of ``records`` or made by one of ``actors``, in order.

        Answered from the indexes on ``(entity, entity_id)`` and on ``actor``, not by
        reading the trail.

        Args:
            records: Entity kind → the ids (as text) of its records asked about.
            actors: Actor names (as events record them).
        """
        ...

    def stored(self) -> Iterator[dict[str, object]]:
        """Every event row as stored, unparsed, in sequence order (for verification).

        A row that cannot even be read as fields is given as ``{"seq": …, "raw": text}``.
        """
        ...


# --- ballot boxes (governance) -------------------------------------------------------------


class BallotBoxes(Protocol):
    """The ballot boxes of secret ballots, apart from the meeting records.

    A box holds ballots as opaque texts (sealed by
    :mod:`kooperativ.governance.secrecy`): each row has a random id and nothing else that
    orders or times it (no timestamp, no sequence number, no voter, no audit event), and
    the box is read back in one canonical order (sorted by text), never in the order of
    insertion. Writes belong to the unit of work of the vote, so a ballot goes in exactly
    when the meeting records its voter as having voted.
    """

    def put(self, box: str, ballot: str) -> None:
        """Add ``ballot`` to ``box``."""
        ...

    def count(self, box: str) -> int:
        """How many ballots ``box`` holds."""
        ...

    def take(self, box: str) -> list[str]:
        """Every ballot in ``box``, sorted; the box is emptied."""
        ...


# --- end of ballot boxes -------------------------------------------------------------------


class UnitOfWork(Protocol):
    """Typed repositories sharing one transaction."""

    #: Whether this unit of work may write (and holds the write lock).
    write: bool
    members: MemberRepository
    clients: ClientRepository
    assignments: AssignmentRepository
    contracts: ContractRepository
    hours: HoursRepository
    meetings: MeetingRepository
    membership_fees: MembershipFeeRepository
    invoices: InvoiceRepository
    payments: PaymentRepository
    vouchers: VoucherRepository
    closed_periods: ClosedPeriodRepository
    expenses: ExpenseRepository
    salary_requests: SalaryRequestRepository
    payroll_runs: PayrollRunRepository
    payslips: PayslipRepository
    travel_claims: TravelClaimRepository
    credentials: CredentialRepository
    login_tokens: LoginTokenRepository
    web_sessions: WebSessionRepository
    projects: ProjectRepository
    grants: GrantRepository
    absences: AbsenceRepository
    audit: AuditLog
    ballot_boxes: BallotBoxes  # governance: secret ballots, see BallotBoxes

    def repository(self, kind: str) -> Repository[Record]:
        """The repository of entity kind ``kind`` (a key of :data:`ENTITY_KINDS`)."""
        ...


class Store(Protocol):
    """A storage backend."""

    #: The URL it was opened with (passwords masked).
    url: str

    def unit_of_work(self, *, write: bool = True) -> AbstractContextManager[UnitOfWork]:
        """A transaction: committed when the block ends, rolled back if it raises.

        Args:
            write: ``True`` (default): serialised with every other writer, may write.
                ``False``: a consistent read that takes no write lock and may not write.
        """
        ...

    def reading(self) -> AbstractContextManager[None]:
        """A block in which this thread's read units of work may share one snapshot (a page
        reading from several services); writes in it are their own transactions, and the
        reads after a write see it. A backend whose reads are cheap may do nothing."""
        ...

    def upgrade(self) -> None:
        """Bring the schema up to date, once even if several processes call it at once."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


def transaction(
    store: Store,
    work: Callable[[UnitOfWork], T],
    *,
    write: bool = True,
    attempts: int = 5,
    backoff: float = 0.02,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``work`` in a unit of work, again on a :class:`TransientConflict`.

    ``work`` must be safe to run again: it reads what it needs inside the unit of work
    (a retry starts a new one, so it sees the other writer's change). Waits between
    attempts grow exponentially from ``backoff`` seconds, with random jitter so that
    retrying writers do not collide again in step.

    Args:
        store: The store.
        work: What to do; its result is returned.
        write: Whether the unit of work writes.
        attempts: How many times to try in all.
        backoff: The first wait, in seconds.
        sleep: The waiting function (tests pass a fake).

    Raises:
        ConcurrencyError: Still conflicting after ``attempts`` tries.

    >>> from kooperativ.storage.memory import MemoryStore
    >>> transaction(MemoryStore(), lambda uow: uow.members.next_number())
    1
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    for attempt in range(1, attempts + 1):
        try:
            with store.unit_of_work(write=write) as uow:
                return work(uow)
        except TransientConflict as conflict:
            if attempt == attempts:
                raise ConcurrencyError(
                    "gave up after {attempts} attempts: {reason}",
                    attempts=attempts,
                    reason=str(conflict),
                ) from conflict
            sleep(backoff * 2 ** (attempt - 1) * (1 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover

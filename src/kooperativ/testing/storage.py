# SPDX-License-Identifier: EUPL-1.2
"""The storage contract suite: what every storage backend must do, as pytest tests.

kooperativ runs it on its memory, SQLite and PostgreSQL backends; a third-party backend
runs the same tests by subclassing :class:`StorageContract` in its own test suite and
giving it a ``make_store`` fixture (and, optionally, ``fresh_store``)::

    # tests/test_contract.py of the package kooperativ_redis
    from collections.abc import Callable, Iterator

    import pytest

    from kooperativ.storage import Store
    from kooperativ.testing.storage import StorageContract
    from kooperativ_redis import RedisStore


    class TestRedisStore(StorageContract):
        @pytest.fixture
        def make_store(self) -> Iterator[Callable[[], Store]]:
            # Each call: a store (a new connection) on the SAME fresh, migrated database.
            database = create_test_database()
            opened: list[Store] = []

            def factory() -> Store:
                store = RedisStore(database.url)
                opened.append(store)
                return store

            factory().upgrade()
            yield factory
            for store in opened:
                store.close()
            database.drop()

        @pytest.fixture
        def fresh_store(self) -> Iterator[Callable[[], Store]]:
            # Optional: each call a store on a NEW, empty, migrated database (the
            # property test needs one per example). Without it that test is skipped.
            ...

Run it with ``pytest``; it needs ``pytest`` and ``hypothesis`` (kooperativ's ``dev``
extra). The suite checks records of every kind round-trip byte for byte, numbers and ids
stay unique, a failed unit of work writes nothing, every typed query answers as the
records say (also after updates), versions refuse a lost update, a read unit of work
cannot write and sees one snapshot, write units of work do not nest, the audit log keeps
its sequence, and a random sequence of writes leaves the store equal to a simple model.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kooperativ._model import Record
from kooperativ.absence.models import Absence, AbsenceKind
from kooperativ.access.models import Credential, LoginToken, WebSession
from kooperativ.accounts.models import (
    ClosedPeriod,
    DocumentRef,
    Voucher,
    VoucherLine,
    VoucherRef,
)
from kooperativ.assignments.models import Assignment, AssignmentStatus
from kooperativ.audit import GENESIS, AuditEvent, chain_hash, event_mac, verify_chain
from kooperativ.clients.models import Client
from kooperativ.employment.models import (
    EmploymentContract,
    EndReason,
    HolidayPayTerms,
    HoursReport,
)
from kooperativ.errors import (
    ConcurrencyError,
    ConflictError,
    NotFoundError,
    StorageError,
)
from kooperativ.expenses import Expense, ExpenseStatus, SalaryRequest, SalaryRequestStatus
from kooperativ.governance import (
    Meeting,
    MeetingState,
    add_election,
    add_motion,
    add_proxy,
    attend,
    cast_ballot,
    cast_vote,
    close_meeting,
    count_election,
    count_motion,
    new_meeting,
    record_notice,
)
from kooperativ.governance.bylaws import parse_bylaws
from kooperativ.governance.register import MembershipFee, Registrant
from kooperativ.invoicing.models import (
    Invoice,
    LineInput,
    Party,
    build_credit_note,
    build_invoice,
    make_line,
)
from kooperativ.members.models import Address, Member, MemberStatus, Role, TaxSettings
from kooperativ.payments.models import Payment, PaymentAllocation, PaymentRefund, PaymentStatus
from kooperativ.payroll.runs import (
    PayrollRun,
    Payslip,
    PayslipLine,
    RunKind,
    RunStatus,
)
from kooperativ.projects.models import Budget, Grant, GrantReceipt, MoveRule, Project, ProjectStatus
from kooperativ.rules.country import VatCategory
from kooperativ.storage.base import KINDS, Store, TransientConflict, transaction
from kooperativ.storage.query import AnyOf, Eq, Mentions
from kooperativ.travel import Meals, MileageClaim, ReportBox, Trip
from kooperativ.travel.claims import TravelClaim, TravelClaimStatus

__all__ = [
    "Sample",
    "StorageContract",
    "absence_records",
    "audit_chain",
    "client_record",
    "full_records",
    "ledger_vouchers",
    "meeting_record",
    "member_record",
    "payment_records",
    "project_records",
    "record_kind",
    "sample",
]

STOCKHOLM_SUMMER = timezone(timedelta(hours=2))
MakeStore = Callable[[], Store]


# --- records -------------------------------------------------------------------------------


def member_record(number: int = 1, **changes: object) -> Member:
    """A minimal valid member (fictional personnummer), with ``changes`` applied."""
    data: dict[str, object] = {
        "number": number,
        "first_name": "Astrid",
        "last_name": "Lindgren",
        "person_id": "190711149999",
        "birth_date": date(1907, 11, 14),
    }
    data.update(changes)
    return Member.model_validate(data)


def client_record(number: int = 1, **changes: object) -> Client:
    """A minimal valid client, with ``changes`` applied."""
    data: dict[str, object] = {"number": number, "name": f"Kund {number}", "orgnr": "5560360793"}
    data.update(changes)
    return Client.model_validate(data)


def record_kind(record: Record) -> str:
    """The entity kind of ``record``."""
    return next(name for name, kind in KINDS.items() if isinstance(record, kind.record))


def audit_chain(
    count: int, start: datetime | None = None, key: bytes | None = None
) -> list[AuditEvent]:
    """``count`` correctly chained events about one record (added, then changed).

    Each ``before_hash`` is the previous ``after_hash``; with ``key`` each event has its MAC.
    """
    at = start or datetime(2025, 3, 1, 9, 30, tzinfo=STOCKHOLM_SUMMER)
    events: list[AuditEvent] = []
    previous = GENESIS
    state: str | None = None
    for seq in range(1, count + 1):
        after = hashlib.sha256(f"state {seq}".encode()).hexdigest()
        event = AuditEvent(
            seq=seq,
            at=at + timedelta(minutes=seq, microseconds=seq),
            actor="board:1",
            action="member.add" if seq == 1 else "member.roles",
            entity="member",
            entity_id=str(uuid.UUID(int=1)),
            before_hash=state,
            after_hash=after,
            prev_hash=previous,
        )
        event = event.model_copy(update={"hash": chain_hash(event)})
        if key is not None:
            event = event.model_copy(update={"mac": event_mac(event, key)})
        events.append(event)
        previous, state = event.hash, after
    return events


def meeting_record() -> Meeting:
    """A closed annual meeting with notice, a proxy, a counted motion and a secret election."""
    rules = parse_bylaws(
        {
            "rules": [
                {
                    "valid_from": date(2024, 1, 1),
                    "voting_rights": {"fee_paid": "none", "reference": "§ 7"},
                    "proxies": {"allowed": True, "max_principals": 1},
                }
            ]
        },
        "bylaws.toml",
    ).rules[0]
    ids = [UUID(int=n) for n in range(1, 5)]
    register = [
        Registrant(id=i, number=n, name=f"Medlem {n}", status="member", joined_on=date(2024, 1, 1))
        for n, i in enumerate(ids, start=1)
    ]
    day = date(2025, 3, 20)
    m = new_meeting(1, "annual", day, rules, register=register, location="Kulturhuset")
    m, _ = record_notice(m, rules, date(2025, 2, 20), "email")
    m = attend(m, rules, ids[1:])
    m = add_proxy(m, rules, ids[0], proxy_id=ids[1], dated=day)
    m = add_motion(m, rules, title="Årsavgift", text="Avgiften blir 200 kr.")
    for n, choice in enumerate(["yes", "yes", "no", "abstain"]):
        m = cast_vote(
            m, rules, voter=ids[n], cast_by=ids[1] if n == 0 else ids[n], choice=choice, motion=1
        )
    m = count_motion(m, rules, 1, seed="fixture", chair_vote=None)
    m = add_election(
        m,
        rules,
        office="Styrelse",
        seats=2,
        candidates=["A", "B", "C"],
        secret=True,
        requested_by=ids[2],
    )
    box: list[tuple[str, ...]] = []  # a secret ballot: kept apart from the record until counted
    for n, ranked in enumerate([("A", "B"), ("B",), ("A", "C"), ("C", "A")]):
        m, ballot = cast_ballot(
            m, rules, voter=ids[n], cast_by=ids[1] if n == 0 else ids[n], choice=ranked, election=1
        )
        if ballot is None:  # pragma: no cover - a secret election always gives a ballot
            raise AssertionError("a secret ballot gives a ballot to put in the box")
        box.append(ballot.choice)
    m = count_election(m, rules, 1, seed="fixture", ballots=box)
    return close_meeting(m)


@dataclass(frozen=True)
class Sample:
    """One record of each kind (two assignments), every optional field set, linked."""

    member: Member
    client: Client
    assignments: tuple[Assignment, Assignment]
    contract: EmploymentContract
    hours: HoursReport
    meeting: Meeting
    fee: MembershipFee
    invoices: tuple[Invoice, Invoice]
    vouchers: tuple[Voucher, Voucher]
    closed_period: ClosedPeriod
    expense: Expense
    salary_request: SalaryRequest
    project: Project
    grant: Grant
    payments: tuple[Payment, ...] = ()
    payroll_runs: tuple[PayrollRun, ...] = ()
    payslips: tuple[Payslip, ...] = ()
    absences: tuple[Absence, ...] = ()
    travel_claims: tuple[TravelClaim, ...] = ()
    access: tuple[Credential, LoginToken, WebSession] | None = None

    def by_kind(self) -> dict[str, list[Record]]:
        """The records by kind name."""
        return {
            "member": [self.member],
            "client": [self.client],
            "assignment": list(self.assignments),
            "contract": [self.contract],
            "hours": [self.hours],
            "meeting": [self.meeting],
            "membership_fee": [self.fee],
            "invoice": list(self.invoices),
            "voucher": list(self.vouchers),
            "closed_period": [self.closed_period],
            "expense": [self.expense],
            "salary_request": [self.salary_request],
            "payment": list(self.payments),
            "payroll_run": list(self.payroll_runs),
            "payslip": list(self.payslips),
            "project": [self.project],
            "grant": [self.grant],
            "absence": list(self.absences),
            "travel_claim": list(self.travel_claims),
            "credential": [self.access[0]] if self.access else [],
            "login_token": [self.access[1]] if self.access else [],
            "web_session": [self.access[2]] if self.access else [],
        }


def full_records() -> dict[str, list[Record]]:
    """Records of every kind with every optional field set, by kind (see :func:`sample`)."""
    return sample().by_kind()


def sample() -> Sample:
    """Records of every kind with every optional field set, referring to each other."""
    address = Address(street="Storgatan 1", postal_code="111 22", city="Stockholm", country="SE")
    member = member_record(
        1,
        email="astrid@example.se",
        phone="+46 70 123 45 67",
        address=address,
        bank_account="8327-9 123 456 789-0",
        tax=TaxSettings(mode="table:33:1", municipality="0180", decided_on=date(2025, 1, 1)),
        status=MemberStatus.RESIGNED,
        applied_on=date(2024, 12, 1),
        joined_on=date(2025, 1, 15),
        left_on=date(2025, 12, 31),
        roles=frozenset({Role.MEMBER, Role.BOARD, Role.TREASURER, Role.AUDITOR, Role.ADMIN}),
    )
    client = client_record(
        1,
        orgnr="2120000787",
        person_id="190711149999",
        vat_number="SE212000078701",
        address=address,
        email="faktura@example.se",
        peppol_id="0007:2120000787",
        public_sector=True,
        reference="Karin Ek",
    )
    assignments = [
        Assignment(
            number=1,
            member_id=member.id,
            client_id=client.id,
            description="Illustrationer till årsredovisningen",
            start=date(2025, 3, 1),
            end=date(2025, 3, 31),
            agreed_amount=Decimal("1234.50"),
            vat_category="standard",
            currency="SEK",
            status=AssignmentStatus.ACTIVE,
        ),
        Assignment(
            number=2,
            member_id=member.id,
            client_id=client.id,
            description="Föreläsning",
            start=date(2025, 4, 1),
            end=date(2025, 4, 1),
            hourly_rate=Decimal("650.00"),
            hours=Decimal("7.250"),
            vat_category="culture",
            currency="EUR",
            status=AssignmentStatus.COMPLETED,
        ),
    ]
    contract = EmploymentContract(
        number=1,
        member_id=member.id,
        assignment_ids=(assignments[0].id, assignments[1].id),
        form="vikariat",  # a form code of the country's law (stored under "type")
        start=date(2025, 3, 1),
        end=date(2025, 4, 1),
        scope="40 %",
        place_of_work="Stockholm",
        tasks="Illustratör",
        pay_terms="Enligt uppdrag",
        monthly_pay=Decimal("32000.00"),
        holiday_pay=HolidayPayTerms.PAID_LEAVE,
        holiday_pay_rate=Decimal("0.12"),
        collective_agreement="Inget",
        made_on=date(2025, 2, 20),
        signed_by_employee=datetime(2025, 2, 21, 10, 15, 30, 123456, tzinfo=STOCKHOLM_SUMMER),
        signed_by_employer=datetime(2025, 2, 22, 8, 0, tzinfo=UTC),
    )
    hours = HoursReport(
        number=1,
        member_id=member.id,
        assignment_id=assignments[0].id,
        contract_id=contract.id,
        month=date(2025, 3, 1),
        hours=Decimal("37.50"),
        note="Repetitioner",
        reported_by="board:1",
        reported_at=datetime(2025, 4, 1, 9, 30, tzinfo=STOCKHOLM_SUMMER),
        confirmed_by="Bruno Dahl",
        confirmed_at=datetime(2025, 4, 2, 8, 0, tzinfo=UTC),
    )
    fee = MembershipFee(
        number=1,
        member_id=member.id,
        year=2025,
        amount=Decimal("200.00"),
        paid_on=date(2025, 1, 15),
    )
    first, second = assignments
    invoice, credit = invoice_records(member, client, (first, second), address)
    vouchers = ledger_vouchers(member.id)
    project, grant = project_records(member.id)
    closed = ClosedPeriod(
        number=1,
        kind="month",
        start=date(2025, 2, 1),
        end=date(2025, 2, 28),
        closed_at=datetime(2025, 3, 10, 16, 0, tzinfo=STOCKHOLM_SUMMER),
        closed_by="board:1",
    )
    return Sample(
        member,
        client,
        (first, second),
        contract,
        hours,
        meeting_record(),
        fee,
        (invoice, credit),
        (vouchers[0], vouchers[1]),
        closed,
        Expense(
            number=1,
            member_id=member.id,
            date=date(2025, 3, 12),
            description="Akvarellpapper till årsredovisningen",
            receipt="Kvitto 2025-17",
            amount=Decimal("1250.00"),
            vat=Decimal("250.00"),
            assignment_id=first.id,
            project_id=uuid.UUID(int=7),
            status=ExpenseStatus.APPROVED,
            submitted_by="Astrid",
            submitted_at=datetime(2025, 3, 13, 9, 0, tzinfo=STOCKHOLM_SUMMER),
            decided_by="Bruno Dahl",
            decided_at=datetime(2025, 3, 14, 8, 0, tzinfo=UTC),
            reason="Godkänd",
            voucher="U1",
        ),
        SalaryRequest(
            number=1,
            member_id=member.id,
            pay_date=date(2025, 4, 25),
            amount=Decimal("12000.50"),
            budget=Decimal("12000.50"),
            available=Decimal("10000.00"),
            advance=Decimal("2000.50"),
            expenses=Decimal("1250.00"),
            gross=Decimal("8500.00"),
            employer_contributions=Decimal("2670.70"),
            tax=Decimal("1700.00"),
            net=Decimal("6800.00"),
            payout=Decimal("8050.00"),
            status=SalaryRequestStatus.APPROVED,
            requested_by="Astrid",
            requested_at=datetime(2025, 4, 1, 9, 0, tzinfo=STOCKHOLM_SUMMER),
            decided_by="Bruno Dahl",
            decided_at=datetime(2025, 4, 2, 8, 0, tzinfo=UTC),
            reason="OK",
        ),
        project,
        grant,
        payment_records(invoice),
        *payroll_records(member),
        absences=absence_records(member.id, contract.id),
        travel_claims=(travel_claim_record(member.id, first.id),),
        access=access_records(member.id),
    )


def access_records(member_id: uuid.UUID) -> tuple[Credential, LoginToken, WebSession]:
    """A member's password credential (with a failed attempt), a used sign-in link and a
    signed-out web session."""
    at = datetime(2025, 3, 3, 9, 0, tzinfo=STOCKHOLM_SUMMER)
    return (
        Credential(
            number=1,
            member_id=member_id,
            password_hash="$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
            failures=1,
            failures_since=at,
            set_at=datetime(2025, 3, 1, 8, 0, tzinfo=UTC),
        ),
        LoginToken(
            number=1,
            member_id=member_id,
            token_hash="0f" * 32,
            created_at=at,
            expires_at=datetime(2025, 3, 3, 9, 15, tzinfo=STOCKHOLM_SUMMER),
            used_at=datetime(2025, 3, 3, 9, 2, tzinfo=STOCKHOLM_SUMMER),
        ),
        WebSession(
            number=1,
            member_id=member_id,
            token_hash="a1" * 32,
            created_at=datetime(2025, 3, 3, 9, 2, tzinfo=STOCKHOLM_SUMMER),
            expires_at=datetime(2025, 3, 3, 21, 2, tzinfo=STOCKHOLM_SUMMER),
            method="link",
            revoked_at=datetime(2025, 3, 3, 11, 0, tzinfo=UTC),
        ),
    )


def travel_claim_record(member_id: uuid.UUID, assignment_id: uuid.UUID) -> TravelClaim:
    """A paid travel claim with a trip (free meals, a night) and a mileage claim."""
    trip = Trip.create(
        departure=datetime(2025, 3, 3, 8, 0),
        returned=datetime(2025, 3, 5, 17, 0),
        km_from_home="640",
        km_from_workplace="635.5",
        nights=2,
        lodging_paid=True,
        meals=[Meals(day=date(2025, 3, 4), breakfast=True, lunch=True)],
        days_at_place_before=3,
    )
    return TravelClaim(
        number=1,
        member_id=member_id,
        date=date(2025, 3, 5),
        destination="Umeå, Folkets hus",
        purpose="Turné med tre konserter",
        assignment_id=assignment_id,
        trip=trip,
        mileage=MileageClaim.create(distance="128", unit="mil", vehicle="own_car"),
        per_diem_paid=Decimal("900.00"),
        per_diem_tax_free=Decimal("555.00"),
        per_diem_taxable=Decimal("345.00"),
        mileage_paid=Decimal("3840.00"),
        mileage_tax_free=Decimal("3200.00"),
        mileage_taxable=Decimal("640.00"),
        reporting=(
            ReportBox(code="051", element="TraktamenteInrikes", value=True),
            ReportBox(code="011", value=Decimal("985.00")),
        ),
        status=TravelClaimStatus.PAID,
        submitted_by="Astrid",
        submitted_at=datetime(2025, 3, 6, 9, 0, tzinfo=STOCKHOLM_SUMMER),
        decided_by="Bruno Dahl",
        decided_at=datetime(2025, 3, 7, 8, 0, tzinfo=UTC),
        reason="Godkänd",
        paid_on=date(2025, 3, 25),
        paid_by="L7",
    )


def absence_records(member_id: UUID, contract_id: UUID) -> tuple[Absence, Absence]:
    """A confirmed sick leave on a contract (every optional field set) and a parental leave
    just after it, of ``member_id``."""
    sick = Absence(
        number=1,
        member_id=member_id,
        kind=AbsenceKind.SICK,
        first_day=date(2025, 3, 10),
        last_day=date(2025, 3, 12),
        contract_ids=(contract_id,),
        work_days=(date(2025, 3, 10), date(2025, 3, 12)),
        certificate=True,
        note="Sjukanmäld per telefon",
        reported_by="Astrid",
        reported_at=datetime(2025, 3, 10, 7, 45, tzinfo=STOCKHOLM_SUMMER),
        confirmed_by="Bruno Dahl",
        confirmed_at=datetime(2025, 3, 11, 9, 0, tzinfo=UTC),
    )
    leave = Absence(
        number=2,
        member_id=member_id,
        kind=AbsenceKind.PARENTAL_LEAVE,
        first_day=date(2025, 3, 13),
        last_day=date(2025, 3, 31),
        reported_by="board:1",
        reported_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
    )
    return sick, leave


def payroll_records(member: Member) -> tuple[tuple[PayrollRun, PayrollRun], tuple[Payslip, ...]]:
    """A paid run of 2025-04 with its payslip (every optional field set), and its
    correction run (approved) whose payslip replaces it."""
    run = PayrollRun(
        number=1,
        period="2025-04",
        pay_date=date(2025, 4, 25),
        status=RunStatus.PAID,
        payslips=1,
        taxable_pay=Decimal("9520.00"),
        employer_contributions=Decimal("2991.18"),
        pension=Decimal("190.40"),
        pension_tax=Decimal("46.19"),
        preliminary_tax=Decimal("1700.00"),
        expenses=Decimal("1250.00"),
        net_pay=Decimal("7820.00"),
        payout=Decimal("9070.00"),
        created_by="Bruno Dahl",
        created_at=datetime(2025, 4, 20, 9, 0, tzinfo=STOCKHOLM_SUMMER),
        approved_by="Carin Ek",
        approved_at=datetime(2025, 4, 21, 9, 0, tzinfo=UTC),
        paid_by="Bruno Dahl",
        paid_at=datetime(2025, 4, 25, 9, 0, tzinfo=UTC),
        voucher="L1",
    )
    correction = PayrollRun(
        number=2,
        period="2025-04",
        pay_date=date(2025, 5, 25),
        kind=RunKind.CORRECTION,
        corrects=1,
        status=RunStatus.APPROVED,
        payslips=1,
    )
    lines = (
        PayslipLine(
            kind="salary",
            text="Löneuttag 1",
            amount="8500.00",
            quantity="40.5",
            assignment_number=1,
            request_number=1,
        ),
        PayslipLine(kind="holiday_pay", text="Semesterersättning 12 %", amount="1020.00"),
        PayslipLine(kind="expense", text="Utlägg 1", amount="1250.00", expense_number=1),
    )
    slip = Payslip(
        number=1,
        run_id=run.id,
        run_number=1,
        member_id=member.id,
        member_number=member.number,
        name=member.name,
        person_id=member.person_id,
        bank_account=member.bank_account,
        period="2025-04",
        pay_date=date(2025, 4, 25),
        lines=lines,
        gross_salary="8500.00",
        holiday_pay="1020.00",
        taxable_pay="9520.00",
        employer_contributions="2991.18",
        contribution_rate="0.3142",
        pension="190.40",
        pension_tax="46.19",
        tax_mode="table:33:1",
        preliminary_tax="1700.00",
        expenses="1250.00",
        net_pay="7820.00",
        payout="9070.00",
        budget="12747.77",
        ytd_taxable_pay="9520.00",
        ytd_preliminary_tax="1700.00",
        request_numbers=(1,),
        expense_numbers=(1,),
        travel_numbers=(3,),
        sick_days=2,
        trace=({"field": "gross_salary", "amount": "8500.00", "rule": "budget"},),
    )
    replacing = Payslip(
        number=2,
        run_id=correction.id,
        run_number=2,
        member_id=member.id,
        member_number=member.number,
        name=member.name,
        person_id=member.person_id,
        period="2025-04",
        pay_date=date(2025, 5, 25),
        tax_mode="table:33:1",
        replaces=slip.id,
    )
    return (run, correction), (slip, replacing)


def payment_records(invoice: Invoice) -> tuple[Payment, Payment]:
    """A payment of ``invoice`` with 10.00 over kept as credit, 4.00 of it refunded (every
    optional field set), and a payment nobody could match, held on the suspense account."""
    paid = Payment(
        number=1,
        key="SEB-2025-0001",
        paid_on=date(2025, 5, 2),
        amount=invoice.total + Decimal("10.00"),
        currency=invoice.currency,
        payer="Exempelbolaget AB",
        reference=invoice.payment_reference,
        source="camt054-2025-05-02.xml",
        message_id="MSG-1",
        status=PaymentStatus.MATCHED,
        reason=None,
        allocations=(
            PaymentAllocation(invoice_id=invoice.id, invoice=invoice.label, amount=invoice.total),
        ),
        credit=Decimal("6.00"),
        voucher="B1",
        refunds=(
            PaymentRefund(
                amount=Decimal("4.00"), on=date(2025, 5, 20), voucher="B3", note="Bg 5050-1055"
            ),
        ),
        registered_by="treasurer:1",
    )
    loose = Payment(
        number=2,
        key="manual-2",
        paid_on=date(2025, 5, 3),
        amount=Decimal("500.00"),
        currency="SEK",
        source="manual",
        status=PaymentStatus.UNMATCHED,
        reason="the reference 4713 matches no open invoice",
        reason_code="unknown_reference",
        reason_values={"reference": "4713"},
        suspense_voucher="B2",
        registered_by="treasurer:1",
    )
    return paid, loose


def invoice_records(
    member: Member, client: Client, assignments: tuple[Assignment, ...], address: Address
) -> tuple[Invoice, Invoice]:
    """An invoice of ``assignments`` (two VAT rates, öresavrundning, every optional field
    set) and a partial credit note of it."""
    categories = {
        "standard": VatCategory(
            category="standard", rate=Decimal("0.25"), code="S", reference="ML 9 kap. 1 §"
        ),
        "exempt": VatCategory(
            category="exempt",
            rate=Decimal("0"),
            code="E",
            reference="ML 10 kap.",
            texts={"sv": "Undantagen", "en": "Exempt"},
            exemption_code="VATEX-EU-132",
        ),
    }
    lines = [
        make_line(
            LineInput(
                description="Illustrationer",
                quantity=Decimal("7.25"),
                unit="HUR",
                unit_price=Decimal("650.1234"),
                vat_category="standard",
                assignment_id=assignments[0].id,
            ),
            categories["standard"],
        ),
        make_line(
            LineInput(
                description="Föreställning",
                quantity=Decimal("1"),
                unit_price=Decimal("1234.50"),
                vat_category="exempt",
                assignment_id=assignments[-1].id,
            ),
            categories["exempt"],
        ),
    ]
    seller = Party(
        name="Interim kultur AB",
        orgnr="559876-5435",
        vat_number="SE559876543501",
        address=address,
        country="SE",
        email="kansli@example.se",
        f_tax=True,
        bankgiro="555-1239",
        plusgiro="1234-5",
        iban="SE4550000000058398257466",
        bic="ESSESESS",
    )
    buyer = Party(
        name=client.name,
        orgnr=client.orgnr,
        person_id=client.person_id,
        vat_number=client.vat_number,
        address=address,
        country="SE",
        peppol_id=client.peppol_id,
        email=str(client.email),
        reference=client.reference,
    )
    invoice = build_invoice(
        number=1,
        series="A",
        issue_date=date(2025, 4, 2),
        due_date=date(2025, 5, 2),
        seller=seller,
        buyer=buyer,
        client_id=client.id,
        member_id=member.id,
        assignment_ids=[a.id for a in assignments],
        period=(date(2025, 3, 1), date(2025, 4, 1)),
        lines=lines,
        categories=categories,
        currency="SEK",
        payment_reference="133",
        payment_terms_days=30,
        rounding=True,
        late_interest="Dröjsmålsränta enligt räntelagen",
    )
    credit = build_credit_note(
        invoice,
        number=2,
        issue_date=date(2025, 4, 10),
        reason="Fel antal timmar",
        payment_reference="224",
        lines=lines[:1],
    )
    return invoice, credit


def project_records(member_id: UUID) -> tuple[Project, Grant]:
    """A project owned by ``member_id`` (every optional field set) and a grant funding it
    with two receipts."""
    project = Project(
        number=1,
        name="Sommarturné 2025",
        owner_ids=(member_id,),
        start=date(2025, 6, 1),
        end=date(2025, 8, 31),
        budget=Budget(salaries="90000.00", expenses="25000.50", other="4999.50"),
        status=ProjectStatus.ACTIVE,
        rules=(MoveRule(member_id=member_id, limit="45000.00"),),
        description="Turné i Norrland",
    )
    grant = Grant(
        number=1,
        project_id=project.id,
        grantor="Konstnärsnämnden",
        grantor_orgnr="2021004458",
        decision="KN 2025/1234",
        decided_on=date(2025, 4, 10),
        amount=Decimal("120000.00"),
        start=date(2025, 6, 1),
        end=date(2025, 8, 31),
        conditions="Redovisas senast 2025-11-30",
        report_due=date(2025, 11, 30),
        receipts=(
            GrantReceipt(date=date(2025, 5, 20), amount="72000.00", voucher="B1"),
            GrantReceipt(date=date(2025, 9, 15), amount="48000.00", voucher="B2"),
        ),
    )
    return project, grant


def ledger_vouchers(member_id: UUID, project_id: UUID | None = None) -> list[Voucher]:
    """Two vouchers, A1 and B1, with member, project and text lines (hand-worked).

    A1 (2025-03-05), invoice 1 of 1 000.00 kr + 25 % VAT: 1510 +1 250.00, 2611 −250.00,
    3041 −1 000.00 (project), and the member's budget of 940.00 set aside: 7010 +940.00
    and 2890 −940.00 (both the member's). B1 (2025-03-20), the payment: 1930 +1 250.00,
    1510 −1 250.00, marked as correcting A1 (only to fill every field). Trial balance:
    1510 0.00, 1930 1 250.00, 2611 −250.00, 2890 −940.00, 3041 −1 000.00, 7010 940.00.
    """
    project = project_id or UUID(int=99)
    at = datetime(2025, 3, 20, 12, 0, 5, 250000, tzinfo=STOCKHOLM_SUMMER)
    invoice = Voucher(
        number=1,
        series="A",
        serial=1,
        date=date(2025, 3, 5),
        text="Faktura 1 Kund 1",
        document=DocumentRef(kind="invoice", key="1"),
        lines=(
            VoucherLine(account=1510, amount=Decimal("1250.00")),
            VoucherLine(account=2611, amount=Decimal("-250.00")),
            VoucherLine(account=3041, amount=Decimal("-1000.00"), project_id=project),
            VoucherLine(account=7010, amount=Decimal("940.00"), member_id=member_id),
            VoucherLine(
                account=2890, amount=Decimal("-940.00"), member_id=member_id, text="Lönebudget"
            ),
        ),
        booked_at=at,
        booked_by="board:1",
    )
    payment = Voucher(
        number=2,
        series="B",
        serial=1,
        date=date(2025, 3, 20),
        text="Inbetalning faktura 1",
        document=DocumentRef(kind="payment", key="OCR 1000016"),
        lines=(
            VoucherLine(account=1930, amount=Decimal("1250.00")),
            VoucherLine(account=1510, amount=Decimal("-1250.00")),
        ),
        corrects=VoucherRef(series="A", serial=1),
        booked_at=at,
        booked_by="board:1",
    )
    return [invoice, payment]


class _Boom(Exception):
    """Raised inside a unit of work to make it roll back."""


def _count(store: Store) -> tuple[int, int]:
    """(number of members, number of audit events)."""
    with store.unit_of_work(write=False) as uow:
        return uow.members.count(), len(list(uow.audit.events()))


def _add_all(store: Store, records: dict[str, list[Record]]) -> None:
    with store.unit_of_work() as uow:
        for kind, found in records.items():
            for record in found:
                uow.repository(kind).add(record)


# --- the suite -----------------------------------------------------------------------------

_OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(1, 6), st.text("abc", min_size=1, max_size=3)),
        st.tuples(st.just("update"), st.integers(0, 5), st.integers(1, 6)),
        st.tuples(st.just("rollback"), st.integers(1, 6), st.just("")),
    ),
    max_size=12,
)


class StorageContract:
    """The storage contract; subclass it and provide a ``make_store`` fixture.

    ``make_store()`` opens a store on one fresh, migrated database (each call a new
    connection where the backend has connections; the same store is fine for a backend
    without). ``fresh_store()`` (optional) opens a store on a new, empty, migrated
    database each call.
    """

    @pytest.fixture
    def store(self, make_store: MakeStore) -> Store:
        """A store on the test's database."""
        return make_store()

    @pytest.fixture
    def fresh_store(self) -> MakeStore:
        """Override to give a new, empty database per call; the property test needs it."""
        pytest.skip("the backend's test gives no fresh_store fixture")

    # -- records ----------------------------------------------------------------------------

    def test_add_get_find_by_number(self, store: Store) -> None:
        astrid = member_record(7)
        with store.unit_of_work() as uow:
            uow.members.add(astrid)
            assert uow.members.get(astrid.id) == astrid  # visible in the same unit of work
        with store.unit_of_work(write=False) as uow:
            assert uow.members.get(astrid.id) == astrid
            assert uow.members.find(astrid.id) == astrid
            assert uow.members.by_number(7) == astrid
            assert uow.members.by_number(8) is None
            assert uow.clients.list() == []  # kinds do not mix
            assert uow.members.count() == 1 and uow.clients.count() == 0

    def test_list_is_ordered_by_number_and_next_number(self, store: Store) -> None:
        with store.unit_of_work() as uow:
            assert uow.members.next_number() == 1
            for number in (5, 2, 9, 1):
                uow.members.add(member_record(number, first_name=f"M{number}"))
            assert uow.members.next_number() == 10
        with store.unit_of_work() as uow:
            assert [m.number for m in uow.members.list()] == [1, 2, 5, 9]
            assert uow.members.next_number() == 10
            assert uow.clients.next_number() == 1

    def test_update_replaces_the_record(self, store: Store) -> None:
        astrid = member_record(1)
        with store.unit_of_work() as uow:
            uow.members.add(astrid)
        renamed = astrid.evolve(last_name="Ericsson", number=4)
        with store.unit_of_work() as uow:
            uow.members.update(renamed)
        with store.unit_of_work() as uow:
            assert uow.members.get(astrid.id) == renamed
            assert uow.members.by_number(1) is None
            assert uow.members.by_number(4) == renamed
            assert uow.members.list() == [renamed]

    def test_update_of_a_missing_record_is_not_found(self, store: Store) -> None:
        with store.unit_of_work() as uow, pytest.raises(NotFoundError, match="member"):
            uow.members.update(member_record(1))
        assert _count(store) == (0, 0)

    def test_update_to_a_taken_number_conflicts(self, store: Store) -> None:
        first, second = member_record(1), member_record(2, first_name="Karin")
        with store.unit_of_work() as uow:
            uow.members.add(first)
            uow.members.add(second)
        with store.unit_of_work() as uow:
            with pytest.raises(ConflictError, match="member number 1 is already taken"):
                uow.members.update(second.evolve(number=1))
            assert uow.members.get(second.id) == second  # the unit of work is still usable
        with store.unit_of_work() as uow:
            assert uow.members.list() == [first, second]

    def test_duplicate_id_conflicts_and_writes_nothing(self, store: Store) -> None:
        astrid = member_record(1)
        with store.unit_of_work() as uow:
            uow.members.add(astrid)
        with store.unit_of_work() as uow:
            with pytest.raises(ConflictError, match=f"member id {astrid.id} already exists"):
                uow.members.add(astrid.evolve(number=2, first_name="Other"))
            assert uow.members.list() == [astrid]
        with store.unit_of_work() as uow:
            assert uow.members.list() == [astrid]

    def test_duplicate_number_conflicts_and_writes_nothing(self, store: Store) -> None:
        astrid = member_record(3)
        with store.unit_of_work() as uow:
            uow.members.add(astrid)
        with store.unit_of_work() as uow:
            with pytest.raises(ConflictError, match="member number 3 is already taken") as caught:
                uow.members.add(member_record(3, first_name="Karin"))
            assert not isinstance(caught.value, ConcurrencyError)  # the caller's number: input
            uow.members.add(member_record(4, first_name="Karin"))  # a refused add spoils nothing
        with store.unit_of_work() as uow:
            assert [m.number for m in uow.members.list()] == [3, 4]
            assert uow.members.get(astrid.id) == astrid

    def test_an_allocated_number_used_twice_in_one_unit_is_a_conflict(self, store: Store) -> None:
        with store.unit_of_work() as uow:
            number = uow.members.next_number()
            uow.members.add(member_record(number))
            with pytest.raises(ConflictError, match=f"member number {number} is already taken"):
                uow.members.add(member_record(number, first_name="Karin"))

    def test_a_conflict_escaping_the_unit_of_work_rolls_it_back(self, store: Store) -> None:
        with store.unit_of_work() as uow:
            uow.members.add(member_record(1))
        with pytest.raises(ConflictError), store.unit_of_work() as uow:
            uow.members.add(member_record(2))
            uow.members.add(member_record(1))
        assert _count(store) == (1, 0)

    def test_an_error_inside_a_unit_of_work_writes_nothing(self, store: Store) -> None:
        first_event, second_event = audit_chain(2)
        kept = member_record(1)
        with store.unit_of_work() as uow:
            uow.members.add(kept)
            uow.audit.append(first_event)
        with pytest.raises(_Boom), store.unit_of_work() as uow:
            uow.members.add(member_record(2))
            uow.members.update(kept.evolve(first_name="Changed"))
            uow.audit.append(second_event)
            raise _Boom
        with store.unit_of_work() as uow:
            assert uow.members.list() == [kept]
            assert uow.members.version(kept.id) == 1
            assert list(uow.audit.events()) == [first_event]

    def test_a_missing_record_is_not_found(self, store: Store) -> None:
        missing = uuid.uuid4()
        with store.unit_of_work(write=False) as uow:
            for kind in KINDS:
                repository = uow.repository(kind)
                with pytest.raises(NotFoundError, match=str(missing)) as caught:
                    repository.get(missing)
                assert caught.value.kind == kind
                assert repository.find(missing) is None
                assert repository.by_number(1) is None
                assert repository.version(missing) is None

    def test_every_kind_has_its_typed_repository(self, store: Store) -> None:
        astrid = member_record(1)
        with store.unit_of_work() as uow:
            for name, kind in KINDS.items():
                assert uow.repository(name) is getattr(uow, kind.attribute)
            assert uow.repository("member") is uow.members
            assert uow.repository("hours") is uow.hours
            assert uow.repository("membership_fee") is uow.membership_fees
            uow.repository("member").add(astrid)
            assert uow.members.get(astrid.id) == astrid
            assert uow.repository("invoice") is uow.invoices
            with pytest.raises(KeyError, match="no_such_kind"):
                uow.repository("no_such_kind")

    def test_a_record_of_the_wrong_kind_is_refused(self, store: Store) -> None:
        with store.unit_of_work() as uow, pytest.raises(TypeError, match="Member"):
            uow.members.add(client_record(1))  # type: ignore[arg-type]

    # -- round trips ------------------------------------------------------------------------

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_every_kind_round_trips_exactly(self, kind: str, make_store: MakeStore) -> None:
        records = full_records()[kind]
        with make_store().unit_of_work() as uow:
            for record in records:
                uow.repository(kind).add(record)
        with make_store().unit_of_work(write=False) as uow:  # another connection sees it
            loaded = uow.repository(kind).list()
            stored = list(uow.repository(kind).stored())
        assert loaded == records
        for before, after, row in zip(records, loaded, stored, strict=True):
            assert type(after) is type(before)
            for name, value in before:
                assert type(getattr(after, name)) is type(value), name
            assert after.canonical_json() == before.canonical_json()
            assert after.content_hash() == before.content_hash()
            # The stored row: the canonical text itself, version 1, the indexed columns.
            assert (row.kind, row.id, row.data, row.version) == (
                kind,
                str(getattr(before, "id")),  # noqa: B009
                before.canonical_json(),
                1,
            )
            assert row.number == getattr(before, "number")  # noqa: B009
            assert dict(row.columns) == KINDS[kind].values(before)
            for link in KINDS[kind].links:
                assert tuple(row.links[link.name]) == tuple(sorted(link.values(before)))

    def test_decimals_keep_their_exact_value(self, store: Store) -> None:
        records = sample()
        with store.unit_of_work() as uow:
            for job in records.assignments:
                uow.assignments.add(job)
            uow.contracts.add(records.contract)
        with store.unit_of_work() as uow:
            agreed, hourly = uow.assignments.list()
            (contract,) = uow.contracts.list()
        assert str(agreed.agreed_amount) == "1234.50"
        assert str(hourly.hourly_rate) == "650.00"
        assert str(hourly.hours) == "7.250"
        assert str(contract.monthly_pay) == "32000.00"
        assert contract.holiday_pay_rate == Decimal("0.12")
        assert contract.signed_by_employee is not None
        assert contract.signed_by_employee.utcoffset() is not None
        assert contract.signed_by_employee.isoformat() == "2025-02-21T10:15:30.123456+02:00"
        assert len(contract.assignment_ids) == 2

    # -- queries ----------------------------------------------------------------------------

    def test_member_and_client_queries(self, store: Store) -> None:
        astrid = member_record(
            1, status=MemberStatus.MEMBER, joined_on=date(2025, 1, 1), email="Astrid@Example.se"
        )
        karin = member_record(2, first_name="Karin", person_id="198503129804")
        bruno = member_record(
            3,
            first_name="Bruno",
            person_id="200308159805",
            status=MemberStatus.RESIGNED,
            joined_on=date(2024, 1, 1),
            left_on=date(2025, 6, 30),
        )
        with store.unit_of_work() as uow:
            for member in (astrid, karin, bruno):
                uow.members.add(member)
            uow.clients.add(client_record(1, orgnr="5560360793"))
            uow.clients.add(client_record(2, orgnr=None, person_id="198503129804"))
        with store.unit_of_work(write=False) as uow:
            assert uow.members.by_person_id("198503129804") == karin
            assert uow.members.by_person_id("000000000000") is None
            assert uow.members.with_status(MemberStatus.MEMBER) == [astrid]
            assert uow.members.with_status("applicant", "resigned") == [karin, bruno]
            assert uow.members.with_status() == []
            assert uow.members.left() == [bruno]
            found = uow.clients.by_orgnr("5560360793")
            assert found is not None and found.number == 1
            assert uow.clients.by_orgnr("2120000787") is None
            assert uow.members.select(Eq("person_id", "190711149999"), limit=1) == [astrid]
            assert uow.members.with_email(" astrid@example.SE") == [astrid]  # any case
            assert uow.members.with_email("karin@example.se") == []
        with store.unit_of_work() as uow:  # a changed record is found by its new values
            uow.members.update(
                karin.evolve(
                    person_id="194611159808",
                    status="member",
                    joined_on=date(2025, 2, 1),
                    email="astrid@example.se",
                )
            )
        with store.unit_of_work(write=False) as uow:
            assert [m.number for m in uow.members.with_email("ASTRID@example.se")] == [1, 2]
            assert uow.members.by_person_id("198503129804") is None
            changed = uow.members.by_person_id("194611159808")
            assert changed is not None and changed.number == 2
            assert [m.number for m in uow.members.with_status("member")] == [1, 2]

    def test_mentions_finds_a_text_anywhere_in_a_record_exactly(self, store: Store) -> None:
        asa = member_record(1, first_name="Åsa", last_name="Öberg", person_id="198503129804")
        astrid = member_record(2, email="astrid_100%@example.org")
        karin = client_record(1, name="Karin Privat", orgnr=None, person_id="197809239804")
        with store.unit_of_work() as uow:
            uow.members.add(asa)
            uow.members.add(astrid)
            uow.clients.add(karin)
            uow.clients.add(client_record(2, name="Privat AB"))
        with store.unit_of_work(write=False) as uow:
            members, clients = uow.members, uow.clients
            assert members.select(Mentions(("Åsa",))) == [asa]  # non-ASCII as JSON writes it
            assert members.select(Mentions(("åsa",))) == []  # case counts
            assert members.select(Mentions(("Ås_",))) == []  # no LIKE wildcards
            assert members.select(Mentions(("100%@",))) == [astrid]
            assert members.select(Mentions(("198503129804", "astrid_"))) == [asa, astrid]
            assert members.select(Mentions(("Lindgren",)), Eq("person_id", "190711149999")) == [
                astrid
            ]
            assert members.select(Mentions(())) == []
            assert members.select(AnyOf((Mentions(("Öberg",)), Eq("status", "none")))) == [asa]
            assert members.select(Mentions((str(asa.id),))) == [asa]  # the id is in the text
            assert clients.select(Mentions(("Karin Privat",))) == [karin]
            assert [c.number for c in clients.select(Mentions(("Privat",)))] == [1, 2]

    def test_audit_events_about_records_and_actors(self, store: Store) -> None:
        events: list[AuditEvent] = []
        previous = GENESIS
        for seq in range(1, 10):
            event = AuditEvent(
                seq=seq,
                at=datetime(2025, 3, 1, 9, seq, tzinfo=UTC),
                actor=("Ada Lind", "Bo Ek", "admin")[seq % 3],
                action="member.add",
                entity=("member", "client")[seq % 2],
                entity_id=str(uuid.UUID(int=seq % 4)),
                before_hash=None,
                after_hash="0" * 64,
                prev_hash=previous,
            )
            event = event.model_copy(update={"hash": chain_hash(event)})
            events.append(event)
            previous = event.hash
        with store.unit_of_work() as uow:
            for event in events:
                uow.audit.append(event)
        one, two = str(uuid.UUID(int=1)), str(uuid.UUID(int=2))
        with store.unit_of_work(write=False) as uow:
            about = uow.audit.about
            found = about({"client": {one, two}, "member": {two}}, actors=["Bo Ek"])
            expected = [
                e
                for e in events
                if (e.entity == "client" and e.entity_id in (one, two))
                or (e.entity == "member" and e.entity_id == two)
                or e.actor == "Bo Ek"
            ]
            assert found == expected and [e.seq for e in found] == [1, 2, 4, 5, 6, 7, 9]
            assert about({"client": {one}}) == [e for e in events if e.seq in (1, 5, 9)]
            assert about({}, actors=["admin"]) == [e for e in events if e.seq % 3 == 2]
            assert about({"member": set()}) == [] and about({}) == []

    def test_assignment_and_contract_queries(self, store: Store) -> None:
        records = sample()
        member, client, contract = records.member, records.client, records.contract
        first, second = records.assignments
        other = member_record(2, person_id="198503129804")
        loose = Assignment(
            number=3,
            member_id=other.id,
            client_id=client.id,
            description="Utan avtal",
            start=date(2025, 5, 1),
            end=date(2025, 6, 30),
            agreed_amount=Decimal("100.00"),
            status=AssignmentStatus.ACTIVE,
        )
        orphan = loose.evolve(id=uuid.uuid4(), number=4, member_id=uuid.uuid4())
        open_ended = contract.evolve(
            id=uuid.uuid4(),
            number=2,
            member_id=other.id,
            assignment_ids=(),
            start=date(2025, 5, 1),
            end=None,
            form="tillsvidareanstallning",
        )
        with store.unit_of_work() as uow:
            for record in (member, other):
                uow.members.add(record)
            uow.clients.add(client)
            for job in (first, second, loose, orphan):
                uow.assignments.add(job)
            uow.contracts.add(contract)
            uow.contracts.add(open_ended)
        with store.unit_of_work(write=False) as uow:
            a = uow.assignments
            assert a.of_member(member.id) == [first, second]
            assert a.of_member(member.id, status="completed") == [second]
            assert a.of_member(uuid.uuid4()) == []
            assert a.of_client(client.id) == [first, second, loose, orphan]
            assert a.with_status(AssignmentStatus.ACTIVE) == [first, loose, orphan]
            assert a.overlapping(date(2025, 3, 31), date(2025, 4, 1)) == [first, second]
            assert a.overlapping(date(2025, 4, 2), date(2025, 4, 30)) == []
            assert a.overlapping(date(2025, 1, 1), date(2025, 12, 31), member_id=other.id) == [
                loose
            ]
            assert a.without_contract() == [loose, orphan]
            assert a.without_contract(AssignmentStatus.COMPLETED) == []
            assert a.without_member() == [orphan]
            c = uow.contracts
            assert c.of_member(member.id) == [contract]
            assert c.of_assignment(first.id) == [contract]
            assert c.of_assignment(loose.id) == []
            assert c.overlapping(date(2025, 4, 1), date(2025, 4, 30)) == [contract]
            assert c.overlapping(date(2030, 1, 1), date(2030, 1, 31)) == [open_ended]
            assert c.overlapping(date(2025, 1, 1), date(2025, 2, 28)) == []
            assert c.overlapping(date(2025, 1, 1), date(2030, 1, 1), member_id=member.id) == [
                contract
            ]
        # Linking the loose assignment to the open-ended contract and ending the first one.
        with store.unit_of_work() as uow:
            uow.contracts.update(open_ended.evolve(assignment_ids=(loose.id,)))
            uow.contracts.update(
                contract.evolve(ended_on=date(2025, 3, 15), end_reason=EndReason.RESIGNATION)
            )
        with store.unit_of_work(write=False) as uow:
            assert uow.assignments.without_contract() == [orphan]
            assert [x.number for x in uow.contracts.of_assignment(loose.id)] == [2]
            assert uow.contracts.overlapping(date(2025, 3, 20), date(2025, 4, 30)) == []

    def test_invoice_queries(self, store: Store) -> None:
        records = sample()
        invoice, credit = records.invoices
        first, second = records.assignments
        with store.unit_of_work() as uow:
            uow.members.add(records.member)
            uow.clients.add(records.client)
            for job in records.assignments:
                uow.assignments.add(job)
            assert uow.invoices.next_number() == 1
            uow.invoices.add(invoice)
            uow.invoices.add(credit)
            assert uow.invoices.next_number() == 3
        with store.unit_of_work(write=False) as uow:
            i = uow.invoices
            assert i.of_client(records.client.id) == [invoice, credit]
            assert i.of_client(uuid.uuid4()) == []
            assert i.of_member(records.member.id) == [invoice, credit]
            assert i.of_assignment(first.id) == [invoice, credit]
            assert i.of_assignment(second.id, kind="invoice") == [invoice]
            assert i.of_assignment(second.id, kind="credit_note") == [credit]
            assert i.credits_of(invoice.id) == [credit]
            assert i.credits_of(credit.id) == []
            assert i.with_status("issued") == [invoice, credit]
            assert i.issued_between(date(2025, 4, 3), date(2025, 4, 30)) == [credit]
            assert i.due_before(date(2025, 5, 3)) == [invoice]
            assert i.due_before(date(2025, 5, 2)) == []
        with store.unit_of_work() as uow:
            uow.invoices.update(invoice.evolve(status="credited"))
        with store.unit_of_work(write=False) as uow:
            assert uow.invoices.with_status("credited") == [invoice.evolve(status="credited")]
            assert uow.invoices.due_before(date(2026, 1, 1)) == []

    def test_payroll_run_and_payslip_queries(self, store: Store) -> None:
        records = sample()
        run, correction = records.payroll_runs
        slip, replacing = records.payslips
        with store.unit_of_work() as uow:
            uow.members.add(records.member)
            assert uow.payroll_runs.next_number() == 1
            uow.payroll_runs.add(run)
            uow.payroll_runs.add(correction)
            assert uow.payslips.next_number() == 1
            uow.payslips.add_many([slip, replacing])
            assert uow.payslips.next_number() == 3
        with store.unit_of_work(write=False) as uow:
            r = uow.payroll_runs
            assert r.of_period("2025-04") == [run, correction]
            assert r.of_period("2025-04", kind="correction") == [correction]
            assert r.of_period("2025-05") == []
            assert r.with_status("paid") == [run]
            assert r.corrections_of(1) == [correction]
            assert r.corrections_of(2) == []
            p = uow.payslips
            assert p.of_run(run.id) == [slip]
            assert p.of_member(records.member.id) == [slip, replacing]
            assert p.of_member(records.member.id, year=2025) == [slip, replacing]
            assert p.of_member(records.member.id, year=2026) == []
            assert p.of_period("2025-04") == [slip, replacing]
            assert p.paid_in_year(2025) == [slip, replacing]
        with store.unit_of_work() as uow:
            uow.payslips.remove(replacing)
            with pytest.raises(NotFoundError, match="payslip"):
                uow.payslips.remove(replacing)
        with store.unit_of_work(write=False) as uow:
            assert uow.payslips.list() == [slip]
            assert uow.payslips.by_number(2) is None
        # a batch with a taken number stores nothing of the batch
        with pytest.raises(ConflictError), store.unit_of_work() as uow:
            uow.payslips.add_many([replacing, slip.evolve(id=uuid.uuid4())])
        with store.unit_of_work(write=False) as uow:
            assert uow.payslips.list() == [slip]

    def test_payment_queries(self, store: Store) -> None:
        records = sample()
        invoice, _ = records.invoices
        paid, loose = records.payments
        with store.unit_of_work() as uow:
            uow.members.add(records.member)
            uow.clients.add(records.client)
            uow.invoices.add(invoice)
            uow.payments.add(paid)
            uow.payments.add(loose)
        with store.unit_of_work(write=False) as uow:
            p = uow.payments
            assert p.by_key("SEB-2025-0001") == paid
            assert p.by_key("no-such-key") is None
            assert p.with_status("unmatched") == [loose]
            assert p.with_status("matched", "resolved") == [paid]
            assert p.of_invoice(invoice.id) == [paid]
            assert p.of_invoice(uuid.uuid4()) == []
            assert p.paid_between(date(2025, 5, 3), date(2025, 5, 31)) == [loose]
        twin = loose.evolve(id=uuid.uuid4(), number=3)
        with pytest.raises(ConflictError, match="already registered"), store.unit_of_work() as uow:
            uow.payments.add(twin)
        resolved = loose.evolve(
            status="resolved",
            allocations=[{"invoice_id": invoice.id, "invoice": invoice.label, "amount": "500.00"}],
        )
        with store.unit_of_work() as uow:
            uow.payments.update(resolved)
        with store.unit_of_work(write=False) as uow:
            assert uow.payments.with_status("unmatched") == []
            assert uow.payments.of_invoice(invoice.id) == [paid, resolved]
            assert uow.payments.list() == [paid, resolved]

    def test_ledger_sums_and_queries(self, store: Store) -> None:
        """Balances are the sums of the lines (hand-worked in :func:`ledger_vouchers`)."""
        member = uuid.uuid4()
        other = uuid.uuid4()
        invoice, payment = ledger_vouchers(member)
        correction = Voucher(
            number=3,
            series="A",
            serial=2,
            date=date(2025, 4, 2),
            text="A1: fel",
            lines=tuple(line.evolve(amount=-line.amount) for line in invoice.lines),
            corrects=VoucherRef(series="A", serial=1),
            booked_at=invoice.booked_at,
            booked_by="board:1",
        )
        gift = Voucher(
            number=4,
            series="M",
            serial=1,
            date=date(2025, 4, 3),
            text="Överföring",
            lines=(
                VoucherLine(account=2890, amount=Decimal("100.01"), member_id=member),
                VoucherLine(account=2890, amount=Decimal("-100.01"), member_id=other),
            ),
            booked_at=invoice.booked_at,
            booked_by="board:1",
        )
        closed = sample().closed_period
        with store.unit_of_work() as uow:
            assert uow.vouchers.next_serial("A") == 1
            assert uow.vouchers.balance(1930) == Decimal("0.00")
            assert uow.vouchers.balances_by_account() == {}
            for voucher in (invoice, payment):
                uow.vouchers.add(voucher)
            assert uow.vouchers.next_serial("A") == 2  # its own writes count
            assert uow.vouchers.next_serial("B") == 2
            assert uow.vouchers.next_serial("M") == 1
            uow.closed_periods.add(closed)
        with store.unit_of_work(write=False) as uow:
            v = uow.vouchers
            assert v.balances_by_account() == {
                1510: Decimal("0.00"),
                1930: Decimal("1250.00"),
                2611: Decimal("-250.00"),
                2890: Decimal("-940.00"),
                3041: Decimal("-1000.00"),
                7010: Decimal("940.00"),
            }
            assert v.balance(2890, member_id=member) == Decimal("-940.00")
            assert v.member_balance(member, account=2890) == Decimal("-940.00")
            assert v.balance(7010, member_id=member) == Decimal("940.00")
            assert v.balance(1510, until=date(2025, 3, 19)) == Decimal("1250.00")
            assert v.balance(1510, since=date(2025, 3, 6)) == Decimal("-1250.00")
            assert v.balance(2890, member_id=other) == Decimal("0.00")
            assert v.balances_by_member(2890) == {member: Decimal("-940.00")}
            assert v.balances_by_account(until=date(2025, 3, 5))[1510] == Decimal("1250.00")
            entries = v.entries(member_id=member)
            assert [(e.label, e.line, e.account, e.amount, e.text) for e in entries] == [
                ("A1", 4, 7010, Decimal("940.00"), "Faktura 1 Kund 1"),
                ("A1", 5, 2890, Decimal("-940.00"), "Lönebudget"),
            ]
            assert entries[0].member_id == member and entries[0].project_id is None
            assert [e.project_id for e in v.entries(account=3041)] == [UUID(int=99)]
            assert [(e.label, e.date) for e in v.entries(account=1510)] == [
                ("A1", date(2025, 3, 5)),
                ("B1", date(2025, 3, 20)),
            ]
            assert v.entries(since=date(2025, 3, 21)) == []
            assert v.by_serial("B", 1) == payment
            assert v.by_serial("B", 2) is None
            assert v.of_series("A") == [invoice]
            assert v.dated(date(2025, 3, 6), date(2025, 3, 31)) == [payment]
            assert v.dated(date(2025, 3, 1), date(2025, 3, 31), series="A") == [invoice]
            assert v.correction_of("A", 1) == payment  # the sample marks B1 so
            assert v.correction_of("B", 1) is None
            p = uow.closed_periods
            assert p.covering(date(2025, 2, 14)) == [closed]
            assert p.covering(date(2025, 3, 1)) == []
            with pytest.raises(StorageError):
                v.add(gift)
        with store.unit_of_work() as uow:
            uow.vouchers.add(correction)
            uow.vouchers.add(gift)
            with pytest.raises(ConflictError, match="A1"):
                uow.vouchers.update(invoice.evolve(text="Ändrad"))
        with store.unit_of_work(write=False) as uow:
            v = uow.vouchers
            sums = v.balances_by_account()
            assert sum(sums.values()) == 0
            assert sums[1930] == Decimal("1250.00") and sums[1510] == Decimal("-1250.00")
            assert sums[2890] == Decimal("0.00") and sums[3041] == Decimal("0.00")
            assert v.balances_by_member(2890) == {
                member: Decimal("100.01"),
                other: Decimal("-100.01"),
            }
            assert v.by_serial("A", 1) == invoice  # never changed
            assert v.next_serial("A") == 3
            assert v.next_number() == 5

    def test_absence_queries(self, store: Store) -> None:
        member = member_record(1)
        other = member_record(2)
        sick, leave = absence_records(member.id, uuid.uuid4())
        theirs = sick.evolve(id=uuid.uuid4(), number=3, member_id=other.id, confirmed_by=None,
                             confirmed_at=None, first_day=date(2025, 3, 31),
                             last_day=date(2025, 4, 2), work_days=())  # fmt: skip
        with store.unit_of_work() as uow:
            for record in (member, other):
                uow.members.add(record)
            for absence in (sick, leave, theirs):
                uow.absences.add(absence)
        with store.unit_of_work(write=False) as uow:
            a = uow.absences
            assert a.of_member(member.id) == [sick, leave]
            assert a.of_member(other.id) == [theirs]
            assert a.overlapping(date(2025, 3, 12), date(2025, 3, 13)) == [sick, leave]
            assert a.overlapping(date(2025, 3, 31), date(2025, 3, 31)) == [leave, theirs]
            assert a.overlapping(date(2025, 4, 3), date(2025, 4, 30)) == []
            assert a.overlapping(date(2025, 3, 1), date(2025, 4, 30), member_id=other.id) == [
                theirs
            ]
            assert a.overlapping(date(2025, 3, 1), date(2025, 3, 31), kind="sick") == [
                sick,
                theirs,
            ]
            assert a.select(Eq("confirmed", False)) == [leave, theirs]
        with store.unit_of_work() as uow:
            uow.absences.update(leave.evolve(last_day=date(2025, 3, 20)))
        with store.unit_of_work(write=False) as uow:
            assert uow.absences.overlapping(date(2025, 3, 25), date(2025, 3, 31)) == [theirs]

    def test_project_and_grant_queries(self, store: Store) -> None:
        member = member_record(1)
        other = member_record(2)
        project, grant = project_records(member.id)
        later = project.evolve(
            id=uuid.uuid4(),
            number=2,
            owner_ids=(other.id, member.id),
            start=date(2025, 9, 1),
            end=date(2025, 12, 31),
            status="planned",
        )
        with store.unit_of_work() as uow:
            uow.members.add(member)
            uow.members.add(other)
            uow.projects.add(project)
            uow.projects.add(later)
            uow.grants.add(grant)
        with store.unit_of_work(write=False) as uow:
            assert uow.projects.of_owner(member.id) == [project, later]
            assert uow.projects.of_owner(other.id) == [later]
            assert uow.projects.with_status("active") == [project]
            assert uow.projects.overlapping(date(2025, 8, 31), date(2025, 9, 1)) == [
                project,
                later,
            ]
            assert uow.projects.overlapping(date(2025, 9, 1), date(2025, 9, 30)) == [later]
            assert uow.grants.of_project(project.id) == [grant]
            assert uow.grants.of_project(later.id) == []
            assert uow.grants.report_due_by(date(2025, 11, 30)) == [grant]
            assert uow.grants.report_due_by(date(2025, 11, 29)) == []
        with store.unit_of_work() as uow:
            uow.projects.update(later.evolve(owner_ids=(other.id,)))
        with store.unit_of_work(write=False) as uow:
            assert uow.projects.of_owner(member.id) == [project]

    def test_project_sums(self, store: Store) -> None:
        """A project's lines summed by account (hand-worked: A1's 3041 line is project 99's;
        a third voucher moves 300.00 to two members on project 99 and 50.00 on another)."""
        ada, bo = uuid.uuid4(), uuid.uuid4()
        invoice, payment = ledger_vouchers(ada)
        project, elsewhere = UUID(int=99), UUID(int=98)
        move = Voucher(
            number=3,
            series="M",
            serial=1,
            date=date(2025, 4, 1),
            text="Lönebudget",
            lines=(
                VoucherLine(account=7010, amount="200.00", member_id=ada, project_id=project),
                VoucherLine(account=2890, amount="-200.00", member_id=ada, project_id=project),
                VoucherLine(account=7010, amount="100.00", member_id=bo, project_id=project),
                VoucherLine(account=2890, amount="-100.00", member_id=bo, project_id=project),
                VoucherLine(account=7010, amount="50.00", project_id=elsewhere),
                VoucherLine(account=2890, amount="-50.00", member_id=bo, project_id=elsewhere),
            ),
            booked_at=invoice.booked_at,
            booked_by="board:1",
        )
        with store.unit_of_work() as uow:
            assert uow.vouchers.balances_by_project(project) == {}
            for voucher in (invoice, payment, move):
                uow.vouchers.add(voucher)
        with store.unit_of_work(write=False) as uow:
            v = uow.vouchers
            assert v.balances_by_project(project) == {
                2890: Decimal("-300.00"),
                3041: Decimal("-1000.00"),
                7010: Decimal("300.00"),
            }
            assert v.balances_by_project(project, member_id=bo) == {
                2890: Decimal("-100.00"),
                7010: Decimal("100.00"),
            }
            assert v.balances_by_project(project, since=date(2025, 3, 6)) == {
                2890: Decimal("-300.00"),
                7010: Decimal("300.00"),
            }
            assert v.balances_by_project(project, until=date(2025, 3, 31)) == {
                3041: Decimal("-1000.00")
            }
            assert v.balances_by_project(elsewhere) == {
                2890: Decimal("-50.00"),
                7010: Decimal("50.00"),
            }

    def test_a_voucher_series_number_is_unique(self, store: Store) -> None:
        invoice, _ = ledger_vouchers(uuid.uuid4())
        with store.unit_of_work() as uow:
            uow.vouchers.add(invoice)
        twin = invoice.evolve(id=uuid.uuid4(), number=2)
        with pytest.raises(ConflictError), store.unit_of_work() as uow:
            uow.vouchers.add(twin)
        with store.unit_of_work(write=False) as uow:
            assert uow.vouchers.list() == [invoice]
            assert uow.vouchers.balance(1510) == Decimal("1250.00")

    def test_hours_meeting_and_fee_queries(self, store: Store) -> None:
        records = sample()
        member, report, meeting, fee = records.member, records.hours, records.meeting, records.fee
        open_report = report.evolve(
            id=uuid.uuid4(), number=2, month=date(2025, 4, 1), confirmed_by=None, confirmed_at=None
        )
        later_fee = fee.evolve(id=uuid.uuid4(), number=2, year=2026, paid_on=date(2026, 1, 10))
        with store.unit_of_work() as uow:
            uow.hours.add(report)
            uow.hours.add(open_report)
            uow.meetings.add(meeting)
            uow.membership_fees.add(fee)
            uow.membership_fees.add(later_fee)
        with store.unit_of_work(write=False) as uow:
            h = uow.hours
            assert h.of_member(member.id) == [report, open_report]
            assert h.of_assignment(report.assignment_id) == [report, open_report]
            assert h.of_contract(report.contract_id) == [report, open_report]
            assert h.of_contract(uuid.uuid4()) == []
            assert h.in_period(date(2025, 3, 15), date(2025, 3, 31)) == [report]
            assert h.in_period(date(2025, 3, 1), date(2025, 4, 1), member_id=member.id) == [
                report,
                open_report,
            ]
            assert h.in_period(date(2025, 1, 1), date(2025, 12, 1), member_id=uuid.uuid4()) == []
            assert h.unconfirmed() == [open_report]
            m = uow.meetings
            assert m.held_between(date(2025, 3, 1), date(2025, 3, 31)) == [meeting]
            assert m.held_between(date(2025, 3, 1), date(2025, 3, 31), kind="board") == []
            assert m.held_between(date(2025, 3, 21), date(2025, 12, 31)) == []
            assert m.with_state(MeetingState.CLOSED) == [meeting]
            assert m.with_state("open") == []
            f = uow.membership_fees
            assert f.of_member(member.id) == [fee, later_fee]
            assert f.for_year(2026) == [later_fee]
            assert f.of_member_for_year(member.id, 2025) == fee
            assert f.of_member_for_year(member.id, 2024) is None

    # -- versions, read and write units of work ---------------------------------------------

    def test_versions_count_updates(self, store: Store) -> None:
        astrid = member_record(1)
        with store.unit_of_work() as uow:
            uow.members.add(astrid)
            assert uow.members.version(astrid.id) == 1
            uow.members.update(astrid.evolve(first_name="A"))
            uow.members.update(astrid.evolve(first_name="B"))
        with store.unit_of_work(write=False) as uow:
            assert uow.members.version(astrid.id) == 3
            assert next(uow.members.stored()).version == 3

    def test_a_stale_version_is_refused_not_overwritten(self, make_store: MakeStore) -> None:
        astrid = member_record(1)
        with make_store().unit_of_work() as uow:
            uow.members.add(astrid)
        with make_store().unit_of_work(write=False) as uow:
            seen = uow.members.version(astrid.id)
            read = uow.members.get(astrid.id)
        assert seen == 1
        with make_store().unit_of_work() as uow:  # someone else changes it meanwhile
            uow.members.update(read.evolve(first_name="Karin"))
        with make_store().unit_of_work() as uow:
            with pytest.raises(TransientConflict, match="changed by someone else") as caught:
                uow.members.update(read.evolve(last_name="Ek"), expected_version=seen)
            assert isinstance(caught.value, ConcurrencyError)
            assert not isinstance(caught.value, ConflictError)  # runtime, not input
        with make_store().unit_of_work(write=False) as uow:
            assert uow.members.get(astrid.id).first_name == "Karin"
            assert uow.members.get(astrid.id).last_name == "Lindgren"
            assert uow.members.version(astrid.id) == 2

    def test_a_read_unit_of_work_cannot_write(self, store: Store) -> None:
        astrid = member_record(1)
        with store.unit_of_work() as uow:
            uow.members.add(astrid)
        (event,) = audit_chain(1)
        with store.unit_of_work(write=False) as uow:
            assert uow.write is False
            with pytest.raises(StorageError, match="read-only"):
                uow.members.add(member_record(2))
            with pytest.raises(StorageError, match="read-only"):
                uow.members.update(astrid.evolve(first_name="X"))
            with pytest.raises(StorageError, match="read-only"):
                uow.audit.append(event)
        assert _count(store) == (1, 0)

    def test_a_read_sees_one_snapshot_and_does_not_block_a_writer(
        self, make_store: MakeStore
    ) -> None:
        reader, writer = make_store(), make_store()
        with writer.unit_of_work() as uow:
            uow.members.add(member_record(1))
        with reader.unit_of_work(write=False) as seen:
            assert seen.members.count() == 1
            # A writer commits while the read is open: it neither waits for the reader…
            with writer.unit_of_work() as uow:
                uow.members.add(member_record(2, first_name="Karin"))
            # …nor does the reader see it: one snapshot.
            assert [m.number for m in seen.members.list()] == [1]
        with reader.unit_of_work(write=False) as uow:
            assert uow.members.count() == 2

    def test_a_reading_block_reads_and_sees_its_own_writes(self, store: Store) -> None:
        # Whether reads in the block share one snapshot is the backend's choice; what
        # every backend must do: reads work, and a write in the block is seen after it.
        with store.reading():
            with store.unit_of_work(write=False) as uow:
                assert uow.members.count() == 0
            with store.unit_of_work() as uow:
                uow.members.add(member_record(1))
            with store.unit_of_work(write=False) as uow:
                assert [m.number for m in uow.members.list()] == [1]
            with store.reading(), store.unit_of_work(write=False) as uow:  # nested
                assert uow.members.count() == 1
        with store.unit_of_work() as uow:  # nothing held after the block
            uow.members.add(member_record(2, first_name="Karin"))
        assert _count(store)[0] == 2

    def test_write_units_of_work_do_not_nest(self, store: Store) -> None:
        outer = store.unit_of_work()
        with outer, pytest.raises(StorageError, match="do not nest"), store.unit_of_work():
            pass  # pragma: no cover
        with store.unit_of_work() as uow:  # released
            assert uow.members.list() == []

    def test_transaction_retries_a_transient_conflict(self, store: Store) -> None:
        attempts: list[int] = []
        waits: list[float] = []

        def work(uow: Any) -> int:
            attempts.append(len(attempts))
            uow.members.add(member_record(len(attempts)))
            if len(attempts) < 3:
                raise TransientConflict("member 1 was changed by someone else")
            return int(uow.members.count())

        assert transaction(store, work, sleep=waits.append) == 1  # the failed tries rolled back
        assert len(attempts) == 3 and len(waits) == 2 and waits[1] > waits[0] / 2

        def always(uow: Any) -> None:
            raise TransientConflict("member 1 was changed by someone else")

        with pytest.raises(ConcurrencyError, match="gave up after 4 attempts") as caught:
            transaction(store, always, attempts=4, sleep=waits.append)
        assert not isinstance(caught.value, TransientConflict)
        with store.unit_of_work(write=False) as uow:
            assert [m.number for m in uow.members.list()] == [3]

    # -- audit ------------------------------------------------------------------------------

    def test_audit_append_last_and_events(self, make_store: MakeStore) -> None:
        events = audit_chain(5, key=b"0123456789abcdef-key")
        with make_store().unit_of_work() as uow:
            assert uow.audit.last() is None
            assert list(uow.audit.events()) == []
            for event in events[:3]:
                uow.audit.append(event)
            assert uow.audit.last() == events[2]
        with make_store().unit_of_work() as uow:
            for event in events[3:]:
                uow.audit.append(event)
        with make_store().unit_of_work(write=False) as uow:
            stored = list(uow.audit.events())
            rows = list(uow.audit.stored())
            assert uow.audit.last() == events[-1]
            assert uow.audit.latest("member") == {events[-1].entity_id: events[-1]}
            assert uow.audit.latest("client") == {}
        assert stored == events
        assert [e.canonical_json() for e in stored] == [e.canonical_json() for e in events]
        assert [AuditEvent.model_validate(row) for row in rows] == events
        assert verify_chain(stored) == []  # hashes survive the round trip, offsets included

    def test_audit_seq_must_follow(self, store: Store) -> None:
        first, second, third = audit_chain(3)
        with store.unit_of_work() as uow:
            uow.audit.append(first)
            with pytest.raises(ConflictError, match="seq 3"):
                uow.audit.append(third)
            with pytest.raises(ConflictError, match="seq 1"):
                uow.audit.append(first)
            uow.audit.append(second)
        with store.unit_of_work() as uow:
            assert list(uow.audit.events()) == [first, second]

    def test_upgrading_again_does_nothing(self, store: Store) -> None:
        store.upgrade()  # the database was upgraded once already
        store.upgrade()
        with store.unit_of_work() as uow:
            assert uow.members.list() == []

    # -- property: a random sequence of writes leaves list() equal to a model --------------

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(operations=_OPERATIONS)
    def test_random_writes_match_a_model(
        self, fresh_store: MakeStore, operations: list[tuple[str, int, Any]]
    ) -> None:
        store = fresh_store()
        model: dict[uuid.UUID, Client] = {}
        for operation, first, second in operations:
            taken = {c.number for c in model.values()}
            if operation == "add":
                record = client_record(first, name=second)
                with store.unit_of_work() as uow:
                    if first in taken:
                        with pytest.raises(ConflictError):
                            uow.clients.add(record)
                    else:
                        uow.clients.add(record)
                        model[record.id] = record
            elif operation == "update" and model:
                current = sorted(model.values(), key=lambda c: c.number)[first % len(model)]
                changed = current.evolve(number=second, name=current.name + "!")
                with store.unit_of_work() as uow:
                    if second in taken and second != current.number:
                        with pytest.raises(ConflictError):
                            uow.clients.update(changed)
                    else:
                        uow.clients.update(changed)
                        model[current.id] = changed
            elif operation == "rollback":
                with pytest.raises(_Boom), store.unit_of_work() as uow:
                    if first not in taken:
                        uow.clients.add(client_record(first))
                    raise _Boom
            with store.unit_of_work(write=False) as uow:
                assert uow.clients.list() == sorted(model.values(), key=lambda c: c.number)
                expected_next = max((c.number for c in model.values()), default=0) + 1
                assert uow.clients.next_number() == expected_next

# SPDX-License-Identifier: EUPL-1.2
"""Member isolation: a member reads their own records and nobody else's.

Two ordinary members, Ada (member 2) and Bo (member 3), each with an assignment, a
contract, hours, and (Ada only) a membership fee; Bo works for a private client, Karin
Privat. Acting as Ada, every read method of every service either returns Ada's data only
or raises :class:`PermissionDenied`; nothing she is given holds Bo's or Karin's
personnummer, and nothing but the meeting records (the association's, where Bo is on the
register) holds Bo's member id. Every change she attempts to Bo's records is refused and
writes nothing. An actor who is neither a member nor an officer reads nothing at all.

Each test runs on memory, SQLite and (with ``KOOPERATIV_TEST_DATABASE_URL``) PostgreSQL.
:func:`test_every_public_method_is_covered` keeps the lists below complete: a new public
method on a service fails it until it is added here (or named as holding no member data).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, is_dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from kooperativ import Actor, Cooperative
from kooperativ.errors import InputError, KooperativError, PermissionDenied
from kooperativ.i18n import messages
from kooperativ.members.models import Member, Role
from kooperativ.services.absence import AbsenceService
from kooperativ.services.access import AccessService
from kooperativ.services.assignments import AssignmentService
from kooperativ.services.audit import AuditService
from kooperativ.services.certificates import CertificateService
from kooperativ.services.clients import ClientService
from kooperativ.services.contracts import ContractService
from kooperativ.services.employment import EmploymentService
from kooperativ.services.expenses import ExpenseService
from kooperativ.services.governance import GovernanceService
from kooperativ.services.invoices import InvoiceService
from kooperativ.services.members import MemberService
from kooperativ.services.payments import PaymentService
from kooperativ.services.payroll import PayrollService
from kooperativ.services.payroll_runs import PayrollRunService
from kooperativ.services.privacy import PrivacyService
from kooperativ.services.projects import ProjectService
from kooperativ.services.salary_requests import SalaryRequestService
from kooperativ.services.statements import StatementService
from kooperativ.services.travel import TravelService

FIXED_NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
ON = date(2026, 11, 27)

ADA_PNR = "198503129804"
BO_PNR = "199107049802"
KARIN_PNR = "197809239804"


def _forms(pnr: str) -> tuple[str, ...]:
    """The ways a personnummer may be written in a result."""
    return (pnr, pnr[2:], f"{pnr[:8]}-{pnr[8:]}", f"{pnr[2:8]}-{pnr[8:]}")


@dataclass
class World:
    coop: Cooperative
    admin: Actor
    ada: Actor
    bo: Actor
    stranger: Actor
    ada_member: Member
    bo_member: Member


def _build(coop: Cooperative) -> None:
    admin = Actor.admin()
    coop.members.add(
        admin,
        first_name="Alva",
        last_name="Berglund",
        person_id="19580211-9809",
        status="member",
        joined_on=date(2024, 3, 1),
        roles=frozenset({Role.BOARD, Role.TREASURER}),
    )
    for first, last, pnr in (("Ada", "Lind", ADA_PNR), ("Bo", "Ek", BO_PNR)):
        coop.members.add(
            admin,
            first_name=first,
            last_name=last,
            person_id=pnr,
            address={"street": "Ringvägen 12", "postal_code": "118 60", "city": "Stockholm"},
            bank_account="5001-1234563",
            status="member",
            joined_on=date(2024, 3, 1),
        )
    coop.clients.add(admin, name="Stadsteatern", orgnr="5560360793")
    coop.clients.add(admin, name="Karin Privat", person_id=KARIN_PNR)
    for member, client, start, end in (
        (2, 1, date(2026, 2, 1), date(2026, 3, 31)),
        (3, 2, date(2026, 4, 1), date(2026, 4, 30)),
    ):
        coop.assignments.add(
            admin,
            member=member,
            client=client,
            description="Scenografi",
            start=start,
            end=end,
            agreed_amount="30000",
        )
    at = datetime(2026, 1, 21, 9, 0, tzinfo=UTC)
    for number, member in ((1, 2), (2, 3)):
        coop.contracts.create(admin, assignment=number, made_on=date(2026, 1, 20))
        coop.contracts.sign(coop.actor_for_member(member), number, "employee", at)
        coop.contracts.sign(admin, number, "employer", at)
    coop.employment.add_hours(admin, assignment=1, month=date(2026, 2, 1), hours="40")
    coop.employment.add_hours(admin, assignment=2, month=date(2026, 4, 1), hours="30")
    coop.governance.pay_fee(admin, 2, year=2026, amount="300", paid_on=date(2026, 1, 15))
    coop.governance.pay_fee(admin, 3, year=2025, amount="300", paid_on=date(2025, 1, 15))
    coop.governance.create(admin, kind="annual", held_on=date(2026, 3, 20), title="Årsmöte")
    coop.governance.create(admin, kind="board", held_on=date(2026, 4, 2), title="Styrelsemöte")
    coop.governance.motion(admin, 1, title="Fler utställningar")
    coop.governance.attend(admin, 1, [1, 3])


@pytest.fixture
def world(tmp_path: Path, database_url: str) -> Iterator[World]:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=lambda: FIXED_NOW) as coop:
        _build(coop)
        admin = Actor.admin()
        yield World(
            coop=coop,
            admin=admin,
            ada=coop.actor_for_member(2),
            bo=coop.actor_for_member(3),
            stranger=Actor(name="Okänd", roles=frozenset()),
            ada_member=coop.members.get(admin, 2),
            bo_member=coop.members.get(admin, 3),
        )


def _text(value: Any) -> str:
    """Everything a result holds, as text (bytes are documents: checked elsewhere)."""
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    if isinstance(value, list | tuple):
        return "\n".join(_text(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return repr(value)
    if isinstance(value, bytes):
        return ""
    return repr(value)


def _no_leak(w: World, value: Any, *, register: bool = False) -> None:
    """Neither Bo's nor Karin's personnummer, nor (outside a register) Bo's id, in ``value``."""
    text = _text(value)
    for pnr in (BO_PNR, KARIN_PNR):
        for form in _forms(pnr):
            assert form not in text, f"{form} leaked"
    if not register:
        assert str(w.bo_member.id) not in text, "Bo's member id leaked"
        assert "Bo Ek" not in text, "Bo's name leaked"


def _refused(call: Callable[[], object]) -> None:
    with pytest.raises(PermissionDenied):
        call()


# -- the read methods, per service --------------------------------------------------------------

#: The public methods each service has that hold no member's data (configuration, the
#: checks of the administrator's ``kooperativ check``, display helpers), with why.
NOT_MEMBER_DATA: dict[type, dict[str, str]] = {
    MemberService: {
        "masked": "display helper on a record the caller already holds",
        "may_see_personal_data": "answers a question about the actor only",
        "check": "the administrator's check (Cooperative.check)",
    },
    ClientService: {
        "masked": "display helper on a record the caller already holds",
        "check": "the administrator's check (Cooperative.check)",
    },
    AssignmentService: {"check": "the administrator's check (Cooperative.check)"},
    ContractService: {
        "law": "the country's employment law",
        "parties": "the parties of a member record the caller already holds",
        "check": "the administrator's check (Cooperative.check)",
    },
    EmploymentService: {"check": "the administrator's check (Cooperative.check)"},
    GovernanceService: {
        "bylaws": "the association's bylaws (public to members)",
        "bylaws_file": "where the bylaws are",
        "rules_on": "the bylaws in force on a day",
        "ballot_seal": "configuration of secret ballots",
        "seal_ballots_with": "configuration of secret ballots",
        "check": "the administrator's check (Cooperative.check)",
    },
    PayrollService: {
        "policy": "the cooperative's payroll configuration",
        "rules": "the country's payroll rules",
        "check": "the administrator's check (Cooperative.check)",
    },
    PrivacyService: {"check": "the administrator's check (Cooperative.check)"},
    StatementService: {"check": "the administrator's check (Cooperative.check)"},
    InvoiceService: {"check": "the administrator's check (Cooperative.check)"},
    ExpenseService: {"check": "the administrator's check (Cooperative.check)"},
    TravelService: {
        "check": "the administrator's check (Cooperative.check)",
        "compute": "the country's rules applied to what the caller gives: reads nothing stored",
    },
    SalaryRequestService: {"check": "the administrator's check (Cooperative.check)"},
    PayrollRunService: {"check": "the administrator's check (Cooperative.check)"},
    PaymentService: {"check": "the administrator's check (Cooperative.check)"},
    AuditService: {
        "key": "configuration of the audit key",
        "use_key": "configuration of the audit key",
        "check": "the administrator's check (Cooperative.check)",
    },
    ProjectService: {"check": "the administrator's check (Cooperative.check)"},
    CertificateService: {"check": "the administrator's check (Cooperative.check)"},
    AbsenceService: {
        "check": "the administrator's check (Cooperative.check)",
        "sick_pay_in": "runs inside a caller's unit of work (the payroll run): only code "
        "that already holds the store reaches it; sick_pay is its checked door",
    },
    AccessService: {
        "check": "the administrator's check (Cooperative.check)",
        "sign_in_password": "authenticates a person (no actor yet): returns only the "
        "session of the member whose password was given",
        "send_link": "authenticates a person: sends a link only to the member's own address",
        "sign_in_link": "authenticates a person: the token is the member's own",
        "sign_in_identity": "authenticates a person the web app has verified through the "
        "identity provider's ID token: a session only for the member its claims name",
        "actor": "maps a session token to its own member",
        "reauthenticate": "confirms the member of a session token again (their own)",
        "sign_out": "ends the session of the token given, nothing else",
        "cleanup": "housekeeping run by the server (no actor): deletes ended sessions and "
        "spent links, returns only their counts",
    },
}

#: Methods tested below, per service (reads and the writes a member might try on others).
COVERED: dict[type, set[str]] = {
    MemberService: {"get", "list", "update", "resign", "add", "admit", "exclude", "set_roles"},
    ClientService: {"get", "list", "add", "update"},
    AssignmentService: {"get", "list", "view", "views", "add", "set_status", "approve"},
    ContractService: {
        "get",
        "list",
        "information",
        "pdf",
        "employer_signatory",
        "require_payable",
        "create",
        "sign",
        "sign_for_employer",
        "end",
    },
    EmploymentService: {"list_hours", "time", "warnings", "add_hours", "confirm_hours"},
    GovernanceService: {
        "fees",
        "roll",
        "get",
        "list",
        "export",
        "verify",
        "minutes",
        "pay_fee",
        "create",
        "notice",
        "officers",
        "attend",
        "proxy",
        "motion",
        "motion_deadline",
        "submit_motion",
        "amend",
        "acclaim",
        "election",
        "request_secret",
        "vote",
        "paper_ballots",
        "count",
        "reserve",
        "close",
        "import_record",
    },
    PayrollService: {"preview"},
    PrivacyService: {
        "retention",
        "due",
        "export",
        "export_pdf",
        "minimise",
        "pseudonymise",
        "pseudonymise_client",
    },
    StatementService: {"invoice", "member", "pdf"},
    AuditService: {"events", "head", "verify", "record_configuration"},
    InvoiceService: {"create", "credit", "get", "list", "credits_of", "pdf", "peppol"},
    ExpenseService: {"get", "list", "add", "approve", "reject"},
    TravelService: {"get", "list", "payable", "claim", "approve", "reject", "mark_paid"},
    SalaryRequestService: {"get", "list", "availability", "request", "approve", "reject"},
    PayrollRunService: {
        "run",
        "correct",
        "approve",
        "mark_paid",
        "show",
        "list",
        "payslips",
        "period_payslips",
        "payslip_pdf",
        "payslips_pdf",
        "payslip_files",
        "payment_file",
        "employer_report",
    },
    PaymentService: {
        "get",
        "list",
        "unmatched",
        "balance",
        "open_items",
        "overdue",
        "interest",
        "reminder",
        "register",
        "import_camt054",
        "resolve",
        "credits",
        "apply_credit",
        "refund",
    },
    ProjectService: {
        "get",
        "list",
        "grants",
        "report",
        "report_pdf",
        "create",
        "update",
        "close",
        "add_grant",
        "receive",
        "move_to_member",
    },
    CertificateService: {"certificate", "pdf", "json"},
    AbsenceService: {"get", "list", "report", "confirm", "sick_pay"},
    AccessService: {"set_password", "revoke"},
}


def test_every_public_method_is_covered() -> None:
    """Every public method of every service is tested here or holds no member's data."""
    for service, covered in COVERED.items():
        public = {name for name, _ in inspect.getmembers(service) if not name.startswith("_")}
        known = covered | set(NOT_MEMBER_DATA[service])
        assert public - known == set(), f"{service.__name__}: not covered"
        assert known - public == set(), f"{service.__name__}: gone"


def test_projects(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    projects = coop.projects
    start, end = date(2026, 6, 1), date(2026, 8, 31)
    for owner in (2, 3):
        projects.create(
            w.admin,
            name=f"Projekt {owner}",
            owners=[owner],
            start=start,
            end=end,
            budget={"salaries": "1000"},
            rules=[{"member": owner, "limit": "1000"}],
            status="active",
        )
        projects.add_grant(
            w.admin,
            owner - 1,
            grantor="Kulturrådet",
            decision=f"KUR {owner}",
            decided_on=date(2026, 5, 1),
            amount="1000",
            start=start,
            end=end,
        )
        projects.receive(w.admin, owner - 1, "1000", on=start)
    mine = projects.get(ada, 1)
    assert [p.number for p in projects.list(ada)] == [1]
    assert [p.number for p in projects.list(ada, status="active")] == [1]
    assert [g.number for g in projects.grants(ada, 1)] == [1]
    assert projects.report(ada, 1).grants_received == 1000
    _no_leak(w, [mine, projects.list(ada), projects.grants(ada, 1), projects.report(ada, 1)])
    assert len(projects.list(w.admin)) == 2
    _refused(lambda: projects.get(ada, 2))
    _refused(lambda: projects.grants(ada, 2))
    _refused(lambda: projects.report(ada, 2))
    assert projects.report_pdf(ada, 1).startswith(b"%PDF-")
    _refused(lambda: projects.report_pdf(ada, 2))
    _refused(lambda: projects.move_to_member(ada, 2, 3, "10", on=end))
    _refused(lambda: projects.create(ada, name="x", owners=[2], start=start, end=end))
    _refused(lambda: projects.update(ada, 1, name="x"))
    _refused(lambda: projects.close(ada, 2))
    _refused(
        lambda: projects.add_grant(
            ada,
            1,
            grantor="x",
            decision="x",
            decided_on=start,
            amount="1",
            start=start,
            end=end,
        )
    )
    _refused(lambda: projects.receive(ada, 1, "1", on=end))
    # Her own project's budget she may move to herself, by its rule.
    assert projects.move_to_member(ada, 1, 2, "10", on=end).label == "M1"


def test_absence(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    absence = coop.absence
    mine = absence.report(ada, member=2, kind="sick", first_day=date(2026, 2, 2))
    theirs = absence.report(w.admin, member=3, kind="sick", first_day=date(2026, 4, 6))
    absence.confirm(w.admin, theirs.number)
    assert absence.get(ada, mine.number).member_id == w.ada_member.id
    _refused(lambda: absence.get(ada, theirs.number))
    assert [a.number for a in absence.list(ada)] == [mine.number]
    assert [a.number for a in absence.list(ada, member=2, from_=date(2026, 1, 1))] == [1]
    _refused(lambda: absence.list(ada, member=3))
    _refused(lambda: absence.list(w.stranger))
    assert len(absence.list(w.admin)) == 2
    assert absence.sick_pay(ada, member=2, period="2026-02", daily_pay="1000").lines == ()
    _refused(lambda: absence.sick_pay(ada, member=3, period="2026-04", daily_pay="1000"))
    _no_leak(w, [absence.list(ada), absence.get(ada, 1)])
    _refused(lambda: absence.report(ada, member=3, kind="sick", first_day=date(2026, 4, 7)))
    _refused(lambda: absence.confirm(ada, mine.number))
    _refused(lambda: absence.confirm(ada, theirs.number))
    assert len(absence.list(w.admin)) == 2


def test_members(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    assert coop.members.get(ada, 2).id == w.ada_member.id
    _refused(lambda: coop.members.get(ada, 3))
    _refused(lambda: coop.members.get(ada, w.bo_member.id))
    own = coop.members.list(ada)
    assert [m.number for m in own] == [2]
    assert coop.members.list(ada, status="member") == own
    assert len(coop.members.list(w.admin)) == 3
    _no_leak(w, own)
    # Changes to someone else are refused.
    _refused(lambda: coop.members.update(ada, 3, email="x@example.org"))
    _refused(lambda: coop.members.resign(ada, 3, ON))
    _refused(lambda: coop.members.exclude(ada, 3, ON))
    _refused(lambda: coop.members.set_roles(ada, 2, frozenset({Role.BOARD})))
    _refused(lambda: coop.members.admit(ada, 3, ON))
    _refused(
        lambda: coop.members.add(ada, first_name="X", last_name="Y", person_id="19580211-9809")
    )
    assert coop.members.get(w.admin, 3) == w.bo_member


def test_clients(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    listed = coop.clients.list(ada)
    assert [c.number for c in listed] == [1, 2]
    assert coop.clients.get(ada, 2).person_id == "19780923-****"
    _no_leak(w, [*listed, coop.clients.get(ada, 2)])
    # The register itself sees the number in full.
    assert coop.clients.get(w.admin, 2).person_id == KARIN_PNR
    _refused(lambda: coop.clients.update(ada, 2, email="k@example.org"))


def test_assignments(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    mine = coop.assignments.get(ada, 1)
    assert mine.member_id == w.ada_member.id
    _refused(lambda: coop.assignments.get(ada, 2))
    assert [a.number for a in coop.assignments.list(ada)] == [1]
    assert [a.number for a in coop.assignments.list(ada, status="active")] == [1]
    assert [a.number for a in coop.assignments.list(ada, member=2)] == [1]
    _refused(lambda: coop.assignments.list(ada, member=3))
    assert coop.assignments.view(ada, 1).member_number == 2
    _refused(lambda: coop.assignments.view(ada, 2))
    theirs = coop.assignments.get(w.admin, 2)
    _refused(lambda: coop.assignments.views(ada, [theirs]))
    _no_leak(w, [coop.assignments.list(ada), coop.assignments.views(ada, [mine])])
    assert len(coop.assignments.list(w.admin)) == 2
    _refused(
        lambda: coop.assignments.add(
            ada,
            member=3,
            client=1,
            description="x",
            start=date(2026, 5, 1),
            end=date(2026, 5, 2),
            agreed_amount="100",
        )
    )
    _refused(lambda: coop.assignments.set_status(ada, 2, "completed"))
    _refused(lambda: coop.assignments.approve(ada, 2, made_on=date(2026, 5, 1)))


def test_contracts(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    assert coop.contracts.get(ada, 1).member_id == w.ada_member.id
    _refused(lambda: coop.contracts.get(ada, 2))
    assert [c.number for c in coop.contracts.list(ada)] == [1]
    assert [c.number for c in coop.contracts.list(ada, member=2)] == [1]
    _refused(lambda: coop.contracts.list(ada, member=3))
    assert coop.contracts.information(ada, 1, ON) is not None
    _refused(lambda: coop.contracts.information(ada, 2, ON))
    assert coop.contracts.pdf(ada, 1).startswith(b"%PDF-")
    _refused(lambda: coop.contracts.pdf(ada, 2))
    assert coop.contracts.employer_signatory(ada, 1).number == 1
    _refused(lambda: coop.contracts.employer_signatory(ada, 2))
    assert coop.contracts.require_payable(ada, 1).number == 1
    _refused(lambda: coop.contracts.require_payable(ada, 2))
    _no_leak(w, [coop.contracts.list(ada), coop.contracts.information(ada, 1, ON)])
    assert len(coop.contracts.list(w.admin)) == 2
    _refused(lambda: coop.contracts.create(ada, assignment=2, made_on=date(2026, 3, 1)))
    _refused(lambda: coop.contracts.sign(ada, 2, "employee"))
    _refused(lambda: coop.contracts.sign_for_employer(ada, 2))
    _refused(lambda: coop.contracts.end(ada, 2, on=date(2026, 4, 15), reason="other"))


def test_invoices(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    coop.clients.update(w.admin, 1, peppol_id="0007:5560360793")
    mine = coop.invoices.create(w.admin, assignments=[1], issue_date=ON)
    theirs = coop.invoices.create(w.admin, assignments=[2], issue_date=ON)
    note = coop.invoices.credit(w.admin, mine.id, reason="Fel belopp", issue_date=ON)
    assert coop.invoices.get(ada, mine.label).id == mine.id
    _refused(lambda: coop.invoices.get(ada, theirs.label))
    assert [i.label for i in coop.invoices.list(ada)] == [mine.label, note.label]
    _refused(lambda: coop.invoices.list(ada, member=3))
    assert [c.id for c in coop.invoices.credits_of(ada, mine.id)] == [note.id]
    _refused(lambda: coop.invoices.credits_of(ada, theirs.id))
    assert coop.invoices.pdf(ada, mine.id).startswith(b"%PDF-")
    _refused(lambda: coop.invoices.pdf(ada, theirs.id))
    assert coop.invoices.peppol(ada, note.id).startswith(b"<?xml")
    _refused(lambda: coop.invoices.peppol(ada, theirs.id))
    _no_leak(w, [coop.invoices.list(ada), coop.invoices.get(ada, mine.id)])
    _refused(lambda: coop.invoices.create(ada, assignments=[2]))
    _refused(lambda: coop.invoices.credit(ada, theirs.id, reason="x"))
    assert len(coop.invoices.list(w.admin)) == 3


def test_hours_and_employment_time(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    employment = coop.employment
    assert [h.number for h in employment.list_hours(ada)] == [1]
    assert [h.number for h in employment.list_hours(ada, member=2)] == [1]
    assert [h.number for h in employment.list_hours(ada, assignment=1)] == [1]
    assert [h.number for h in employment.list_hours(ada, month=date(2026, 4, 1))] == []
    assert [h.number for h in employment.list_hours(w.admin, month=date(2026, 4, 1))] == [2]
    _refused(lambda: employment.list_hours(ada, member=3))
    _refused(lambda: employment.list_hours(ada, assignment=2))
    time = employment.time(ada, 2, ON)
    assert time.member_number == 2 and [c.number for c in time.contracts] == [1]
    _refused(lambda: employment.time(ada, 3, ON))
    assert isinstance(employment.warnings(ada, 2, ON), tuple)
    _refused(lambda: employment.warnings(ada, 3, ON))
    _no_leak(w, [employment.list_hours(ada), time.contracts])
    _refused(lambda: employment.add_hours(ada, assignment=2, month=date(2026, 4, 1), hours="1"))
    _refused(lambda: employment.confirm_hours(ada, 2))


def test_certificates(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    months = {"first": date(2026, 1, 1), "last": date(2026, 6, 30)}
    certificates = coop.certificates
    _refused(lambda: certificates.certificate(ada, 3, **months))
    _refused(lambda: certificates.pdf(ada, 3, **months))
    _refused(lambda: certificates.json(ada, 3, **months, show_personal_data=True))
    try:
        own = certificates.certificate(ada, 2, **months)
    except KooperativError as error:  # a store without the payroll runs' payslips
        assert "payslips" in str(error)
        return
    assert own.member_number == 2 and [p.contract_number for p in own.periods] == [1]
    _no_leak(w, [own, certificates.json(ada, 2, **months)])


def test_governance(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    gov = coop.governance
    fees = gov.fees(ada)
    assert [f.member_id for f in fees] == [w.ada_member.id]
    assert gov.fees(ada, 2) == fees
    with pytest.raises(PermissionDenied) as refusal:
        gov.fees(ada, 3)
    assert refusal.value.render(messages("sv")).endswith("(medlemsavgifter)")
    assert len(gov.fees(w.admin)) == 2
    _no_leak(w, fees)
    # The röstlängd names everyone, but why Bo has no vote (his fee) is his own business.
    roll = gov.roll(ada, date(2026, 3, 20))
    bo_line = roll.entry(w.bo_member.id)
    assert bo_line is not None and not bo_line.votes and bo_line.reasons == ()
    full = gov.roll(w.admin, date(2026, 3, 20)).entry(w.bo_member.id)
    assert full is not None and full.reasons != ()
    ada_line = roll.entry(w.ada_member.id)  # her own line keeps its reasons (arrears)
    assert ada_line is not None and not ada_line.votes and ada_line.reasons != ()
    _no_leak(w, roll, register=True)
    # General meetings are the association's; the board's meetings are not a member's.
    assert [m.number for m in gov.list(ada)] == [1]
    assert [m.number for m in gov.list(w.admin)] == [1, 2]
    annual = gov.get(ada, 1)
    _no_leak(w, annual, register=True)
    _refused(lambda: gov.get(ada, 2))
    assert "Årsmöte" in gov.export(ada, 1)
    _refused(lambda: gov.export(ada, 2))
    assert gov.verify(ada, 1) is not None
    _refused(lambda: gov.verify(ada, 2))
    assert gov.minutes(ada, 1, document_format="md")
    _refused(lambda: gov.minutes(ada, 2, document_format="md"))
    # Running meetings and the register of fees are the officers'.
    _refused(lambda: gov.pay_fee(ada, 2, year=2027, amount="300", paid_on=ON))
    _refused(lambda: gov.create(ada, kind="extra", held_on=date(2026, 12, 20)))
    _refused(lambda: gov.notice(ada, 1, sent_on=date(2026, 3, 1), method="email"))
    _refused(lambda: gov.officers(ada, 1, chair="Ada Lind"))
    _refused(lambda: gov.attend(ada, 1, [3]))
    _refused(lambda: gov.proxy(ada, 1, principal=3, proxy=2, dated=date(2026, 3, 1)))
    _refused(lambda: gov.motion(ada, 1, title="x"))
    # A member's own motion goes to a general meeting, never to the board's.
    _refused(lambda: gov.motion_deadline(ada, 2))
    _refused(lambda: gov.submit_motion(ada, 2, title="x", text="y"))
    _refused(lambda: gov.amend(ada, 1, 1, "x"))
    _refused(lambda: gov.acclaim(ada, 1, 1, "adopted"))
    _refused(lambda: gov.election(ada, 1, office="Revisor", seats=1, candidates=["Ada Lind"]))
    _refused(lambda: gov.request_secret(ada, 2, 1))
    # A vote in Bo's name without his mandate: refused by the voting rules (no mandate).
    with pytest.raises((PermissionDenied, InputError)):
        gov.vote(ada, 1, choice="yes", motion=1, member=3)
    assert gov.get(w.admin, 1) == annual
    _refused(lambda: gov.paper_ballots(ada, 1, voters=[3], ballots=["yes"], motion=1))
    _refused(lambda: gov.count(ada, 1, motion=1))
    _refused(lambda: gov.reserve(ada, 1, "motion 1", member=3))
    _refused(lambda: gov.close(ada, 1))
    _refused(lambda: gov.import_record(ada, gov.export(ada, 1)))


def test_payroll(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    assert coop.payroll.preview(ada, 1).gross_salary > 0
    _refused(lambda: coop.payroll.preview(ada, 2))
    _no_leak(w, coop.payroll.preview(ada, 1))


def test_privacy(world: World) -> None:
    w, coop, ada = world, world.coop, world.ada
    privacy = coop.privacy
    data = privacy.export(ada, 2)
    assert data.member.id == w.ada_member.id
    assert [a.assignment.number for a in data.assignments] == [1]
    assert [c.number for c in data.contracts] == [1] and [h.number for h in data.hours] == [1]
    _no_leak(w, data)
    _refused(lambda: privacy.export(ada, 3))
    assert privacy.export_pdf(ada, 2).startswith(b"%PDF-")
    _refused(lambda: privacy.export_pdf(ada, 3))
    assert privacy.retention(ada, 2, ON).number == 2
    _refused(lambda: privacy.retention(ada, 3, ON))
    _refused(lambda: privacy.due(ada, ON))
    _refused(lambda: privacy.minimise(ada, 3, ON))
    _refused(lambda: privacy.pseudonymise(ada, 3, ON))
    _refused(lambda: privacy.pseudonymise_client(ada, 2, ON))


def test_statements(world: World) -> None:
    w, coop, ada, admin = world, world.coop, world.ada, world.admin
    adas = coop.invoices.create(admin, assignments=[1], issue_date=ON)
    bos = coop.invoices.create(admin, assignments=[2], issue_date=ON)
    statements = coop.statements
    own = statements.invoice(ada, adas.label)
    assert own.member_number == 2
    _no_leak(w, own)
    _refused(lambda: statements.invoice(ada, bos.label))
    period = statements.member(ada, 2, period="2026-11")
    assert [s.invoice.label for s in period.invoices] == [adas.label]
    assert period.closing == own.budget
    _no_leak(w, period)
    _refused(lambda: statements.member(ada, 3))
    assert statements.pdf(ada, 2, period="2026-11").startswith(b"%PDF-")
    _refused(lambda: statements.pdf(ada, 3))
    _refused(lambda: statements.pdf(ada, 2, invoice=bos.label))
    _refused(lambda: statements.member(world.stranger, 2))


def test_expenses_and_salary_requests(world: World) -> None:
    w, coop, ada, admin = world, world.coop, world.ada, world.admin
    for member in (2, 3):
        coop.expenses.add(
            admin,
            member=member,
            date=date(2026, 5, 4),
            description="Färg",
            receipt=f"K-{member}",
            amount="1250.00",
            vat="250.00",
        )
    coop.ledger.book(
        admin,
        {
            "series": "M",
            "date": date(2026, 5, 25),
            "text": "Andelar",
            "lines": [
                {"account": 1930, "amount": "10000.00"},
                {"account": 2890, "amount": "-5000.00", "member": 2},
                {"account": 2890, "amount": "-5000.00", "member": 3},
            ],
        },
    )
    coop.salary_requests.request(admin, 3, ON, "1000")
    mine = coop.expenses.list(ada)
    assert [e.number for e in mine] == [1] and coop.expenses.get(ada, 1) == mine[0]
    assert coop.expenses.list(ada, member=2) == mine
    _refused(lambda: coop.expenses.get(ada, 2))
    _refused(lambda: coop.expenses.list(ada, member=3))
    _refused(lambda: coop.expenses.approve(ada, 2))
    _refused(lambda: coop.expenses.reject(ada, 2, "nej"))
    _refused(lambda: coop.expenses.approve(ada, 1))  # her own
    _refused(
        lambda: coop.expenses.add(ada, member=3, date=ON, description="x", receipt="K", amount="10")
    )
    own = coop.salary_requests.request(ada, 2, ON, "500")
    assert coop.salary_requests.list(ada) == [own] == coop.salary_requests.list(ada, member=2)
    assert coop.salary_requests.get(ada, own.number) == own
    assert coop.salary_requests.availability(ada, 2).available == 4500
    _refused(lambda: coop.salary_requests.get(ada, 1))
    _refused(lambda: coop.salary_requests.list(ada, member=3))
    _refused(lambda: coop.salary_requests.availability(ada, 3))
    _refused(lambda: coop.salary_requests.request(ada, 3, ON, "100"))
    _refused(lambda: coop.salary_requests.approve(ada, 1))
    _refused(lambda: coop.salary_requests.reject(ada, 1, "nej"))
    _refused(lambda: coop.salary_requests.approve(ada, own.number))  # her own
    _no_leak(w, [mine, coop.salary_requests.list(ada)])
    assert len(coop.expenses.list(admin)) == 2 and len(coop.salary_requests.list(admin)) == 2
    nobody = w.stranger
    for call in (
        lambda: coop.expenses.list(nobody),
        lambda: coop.expenses.get(nobody, 1),
        lambda: coop.salary_requests.list(nobody),
        lambda: coop.salary_requests.get(nobody, 1),
        lambda: coop.salary_requests.availability(nobody, 2),
    ):
        _refused(call)


def test_payroll_runs(world: World) -> None:
    w, coop, ada, admin = world, world.coop, world.ada, world.admin
    coop.ledger.book(
        admin,
        {
            "series": "M",
            "date": date(2026, 5, 25),
            "text": "Andelar",
            "lines": [
                {"account": 1930, "amount": "10000.00"},
                {"account": 2890, "amount": "-5000.00", "member": 2},
                {"account": 2890, "amount": "-5000.00", "member": 3},
            ],
        },
    )
    for member in (2, 3):
        request = coop.salary_requests.request(admin, member, ON, "4000")
        coop.salary_requests.approve(admin, request.number)
    run = coop.payroll_runs.run(admin, "2026-11", ON)
    _refused(lambda: coop.payroll_runs.run(ada, "2026-11", ON))
    _refused(lambda: coop.payroll_runs.approve(ada, run.number))
    mine = coop.payroll_runs.payslips(ada, run.number)
    assert [s.member_number for s in mine] == [2]
    assert coop.payroll_runs.show(ada, run.number) == run
    assert coop.payroll_runs.list(ada) == [run]
    _refused(lambda: coop.payroll_runs.payslips(ada, run.number, member=3))
    coop.payroll_runs.approve(admin, run.number)
    _refused(lambda: coop.payroll_runs.mark_paid(ada, run.number))
    _refused(lambda: coop.payroll_runs.correct(ada, run.number, [3]))
    period = coop.payroll_runs.period_payslips(ada, "2026-11")
    assert [s.member_number for s in period] == [2]
    files = coop.payroll_runs.payslip_files(ada, run.number)
    assert [s.member_number for s, _ in files] == [2]
    _no_leak(w, [mine, period, [s for s, _ in files]])
    assert coop.payroll_runs.payslip_pdf(ada, run.number, 2).startswith(b"%PDF-")
    assert coop.payroll_runs.payslips_pdf(ada, run.number) == files[0][1]  # hers only
    _refused(lambda: coop.payroll_runs.payslip_pdf(ada, run.number, 3))
    _refused(lambda: coop.payroll_runs.payslip_files(ada, run.number, member=3))
    _refused(lambda: coop.payroll_runs.payment_file(ada, run.number))
    _refused(lambda: coop.payroll_runs.employer_report(ada, "2026-11"))
    assert len(coop.payroll_runs.payslips(admin, run.number)) == 2
    nobody = w.stranger
    for call in (
        lambda: coop.payroll_runs.list(nobody),
        lambda: coop.payroll_runs.show(nobody, run.number),
        lambda: coop.payroll_runs.payslips(nobody, run.number),
        lambda: coop.payroll_runs.period_payslips(nobody, "2026-11"),
        lambda: coop.payroll_runs.payslip_pdf(nobody, run.number, 2),
        lambda: coop.payroll_runs.payslips_pdf(nobody, run.number),
        lambda: coop.payroll_runs.payslip_files(nobody, run.number),
        lambda: coop.payroll_runs.payment_file(nobody, run.number),
        lambda: coop.payroll_runs.employer_report(nobody, "2026-11"),
    ):
        _refused(call)


def test_travel_claims(world: World) -> None:
    w, coop, ada, admin = world, world.coop, world.ada, world.admin
    for member in (2, 3):
        coop.travel.claim(
            admin, member=member, destination="Umeå", mileage={"distance": "100"}, on=ON
        )
    travel = coop.travel
    mine = travel.list(ada)
    assert [c.number for c in mine] == [1] and travel.get(ada, 1) == mine[0]
    assert travel.list(ada, member=2) == mine
    assert travel.payable(ada, 2, ON) == []
    _refused(lambda: travel.get(ada, 2))
    _refused(lambda: travel.list(ada, member=3))
    _refused(lambda: travel.payable(ada, 3, ON))
    _refused(lambda: travel.approve(ada, 2))
    _refused(lambda: travel.reject(ada, 2, "nej"))
    _refused(lambda: travel.approve(ada, 1))  # her own
    _refused(lambda: travel.mark_paid(ada, [1], paid_on=ON, reference="L1"))
    _refused(lambda: travel.claim(ada, member=3, destination="X", mileage={"distance": "1"}, on=ON))
    _no_leak(w, mine)
    own = travel.claim(ada, member=2, destination="Luleå", mileage={"distance": "10"}, on=ON)
    assert own.submitted_by == "Ada Lind"
    assert len(travel.list(admin)) == 3
    for call in (
        lambda: travel.list(w.stranger),
        lambda: travel.get(w.stranger, 1),
        lambda: travel.payable(w.stranger, 2, ON),
    ):
        _refused(call)


def test_access(world: World) -> None:
    coop, ada, admin = world.coop, world.ada, world.admin
    coop.access.set_password(admin, 3, "bos långa lösenord")
    _refused(lambda: coop.access.set_password(ada, 3, "adas försök att ta över"))
    _refused(lambda: coop.access.revoke(ada, 3))
    _refused(lambda: coop.access.set_password(world.stranger, 2, "en främlings försök"))
    assert coop.access.set_password(ada, 2, "adas eget lösenord").member_id == ada.member_id
    assert coop.access.revoke(ada, 2) == 0


def test_audit(world: World) -> None:
    coop, ada = world.coop, world.ada
    _refused(lambda: coop.audit.events(ada))
    _refused(lambda: coop.audit.head(ada))
    _refused(lambda: coop.audit.verify(ada))
    _refused(lambda: coop.audit.record_configuration(ada))
    assert coop.audit.verify(world.admin).problems == []


def test_payments(world: World) -> None:
    w, coop, ada, admin = world, world.coop, world.ada, world.admin
    issued = date(2026, 5, 1)  # due 2026-05-31: the reference rate is known to 2026-06-30
    own = coop.invoices.create(admin, assignments=[1], issue_date=issued)
    bos = coop.invoices.create(admin, assignments=[2], issue_date=issued)
    coop.payments.register(admin, own.label, "100", date(2026, 6, 1))
    coop.payments.register(admin, bos.label, "200", date(2026, 6, 1))
    payments = coop.payments
    assert [p.allocations[0].invoice for p in payments.list(ada)] == [own.label]
    assert payments.get(ada, 1).amount == 100
    _refused(lambda: payments.get(ada, 2))
    _refused(lambda: payments.list(ada, invoice=bos.label))
    assert payments.unmatched(ada) == []
    assert payments.balance(ada, own.label).paid == 100
    _refused(lambda: payments.balance(ada, bos.label))
    assert [b.invoice for b in payments.open_items(ada)] == [own.label]
    late = payments.overdue(ada, date(2026, 6, 30))
    assert [o.balance.invoice for o in late] == [own.label]
    assert payments.interest(ada, own.label, date(2026, 6, 30)).interest > 0
    _refused(lambda: payments.interest(ada, bos.label, date(2026, 6, 30)))
    assert payments.reminder(ada, own.label, date(2026, 6, 30)).startswith(b"%PDF-")
    _refused(lambda: payments.reminder(ada, bos.label, date(2026, 6, 30)))
    for found in (payments.list(ada), payments.open_items(ada), late):
        _no_leak(w, found)
    before = coop.audit.events(admin)
    _refused(lambda: payments.register(ada, own.label, "1", date(2026, 6, 2)))
    _refused(lambda: payments.import_camt054(ada, b"", "x.xml"))
    _refused(lambda: payments.resolve(ada, 1, own.label))
    _refused(lambda: payments.credits(ada))
    _refused(lambda: payments.apply_credit(ada, 1, own.label, date(2026, 6, 2)))
    _refused(lambda: payments.refund(ada, 1, date(2026, 6, 2)))
    assert coop.audit.events(admin) == before


def test_nothing_was_written_by_the_refused_calls(world: World) -> None:
    """A refused change writes nothing: the trail is as the scenario left it."""
    coop, ada = world.coop, world.ada
    before = coop.audit.events(world.admin)
    test_members(world)
    test_assignments(world)
    test_contracts(world)
    test_hours_and_employment_time(world)
    test_governance(world)
    test_privacy(world)
    assert coop.audit.events(world.admin) == before
    assert coop.members.get(ada, 2) == world.ada_member


def test_a_stranger_reads_nothing(world: World) -> None:
    """An actor who is neither a member nor an officer gets nothing (or a refusal)."""
    coop, nobody = world.coop, world.stranger
    assert coop.members.list(nobody) == []
    assert coop.assignments.list(nobody) == []
    assert coop.contracts.list(nobody) == []
    assert coop.employment.list_hours(nobody) == []
    for call in (
        lambda: coop.members.get(nobody, 2),
        lambda: coop.clients.get(nobody, 2),
        lambda: coop.clients.list(nobody),
        lambda: coop.assignments.get(nobody, 1),
        lambda: coop.contracts.get(nobody, 1),
        lambda: coop.contracts.require_payable(nobody, 1),
        lambda: coop.contracts.employer_signatory(nobody, 1),
        lambda: coop.employment.time(nobody, 2, ON),
        lambda: coop.governance.fees(nobody),
        lambda: coop.governance.roll(nobody, ON),
        lambda: coop.governance.list(nobody),
        lambda: coop.governance.get(nobody, 1),
        lambda: coop.payroll.preview(nobody, 1),
        lambda: coop.certificates.certificate(
            nobody, 2, first=date(2026, 1, 1), last=date(2026, 6, 30)
        ),
        lambda: coop.privacy.export(nobody, 2),
        lambda: coop.audit.events(nobody),
    ):
        _refused(call)


def test_the_records_naming_a_member_give_the_plan_the_whole_register_gives(
    world: World,
) -> None:
    """The retention plan from the records found by text search equals the one from every
    record, also for records of others that name a member only by name."""
    from kooperativ.services.privacy import _Records

    coop, admin = world.coop, world.admin
    alva = coop.actor_for_member(1)
    coop.employment.confirm_hours(alva, 2)  # Bo's report names Alva as who confirmed it
    coop.governance.officers(admin, 1, chair="Alva Berglund", secretary="Ada Lind")
    coop.members.resign(admin, 2, date(2026, 6, 30))
    privacy = coop.privacy
    with coop.store.unit_of_work(write=False) as uow:
        everything = _Records.read(uow)
        for member in uow.members.list():
            named = _Records.naming(uow, member)
            assert len(named.hours) < len(everything.hours) or member.number == 1
            for day in (ON, date(2040, 1, 1)):
                expected = privacy._member_plan(everything, member, day)
                assert privacy._member_plan(named, member, day) == expected
    alva_plan = privacy.retention(admin, 1, ON)
    assert ("hours", 2) in {(h.record, h.number) for h in alva_plan.records}

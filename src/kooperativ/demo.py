# SPDX-License-Identifier: EUPL-1.2
"""The demo cooperative: Interim kultur's example filled with fictional people.

``kooperativ demo`` and a program build the same thing::

    from kooperativ import demo

    clock = demo.DemoClock()
    with demo.create("kooperativ-demo", clock=clock) as coop:
        month = demo.run_month(coop, "kooperativ-demo", clock=clock)
        meeting = demo.run_meeting(coop, "kooperativ-demo", clock=clock)
        for made in [*month.files, *meeting.files]:
            print(made.kind, made.path)

:func:`create` copies the bundled example into a folder (replacing a folder it made
before, never another one), opens it on SQLite and registers the members, fees, clients,
assignments and contracts of the example's ``demo.toml`` (:func:`load_demo`).
:func:`run_month` then runs the month of the ``[month]`` table of ``demo.toml`` through
the cooperative's services, as its treasurer would: invoices → payments (by OCR, or from
a camt.054 bank notification it writes and imports) → salary requests → payroll run →
payslips, AGI, pain.001 and SIE 4, written into the folder.
:func:`run_meeting` holds the association's annual meeting of the ``[meeting]`` table
through the governance services: notice, röstlängd with a proxy, a member's motion, a bylaw
amendment, an election by secret ballot, and the minutes as PDF.
:func:`open_web` gives the members of the ``[web]`` table the demo's password, so the web
app (``kooperativ serve``) can be tried with them at once.
Every step happens on the demo's own dates (a :class:`DemoClock`), never today's, so the
demo gives the same figures and files every time.
:func:`report` gathers what the demo shows: the salary each assignment would pay, the
röstlängd, the problems ``check`` finds and the state of the audit trail.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kooperativ.errors import ConfigError, InputError, os_reason
from kooperativ.examples import DEMO_FILE, examples_root
from kooperativ.members.models import Role
from kooperativ.security import Actor

if TYPE_CHECKING:
    from kooperativ.assignments.models import Assignment
    from kooperativ.cooperative import Cooperative
    from kooperativ.expenses.salary_requests import SalaryRequest
    from kooperativ.governance.decisions import Decision
    from kooperativ.governance.meeting import Meeting
    from kooperativ.governance.register import Roll
    from kooperativ.invoicing.models import Invoice
    from kooperativ.payments.models import Payment
    from kooperativ.payroll import SalaryResult
    from kooperativ.payroll.runs import PayrollRun, Payslip
    from kooperativ.problems import Problem

__all__ = [
    "DEMO_FILE",
    "FOLDERS",
    "MARKER",
    "DemoClock",
    "DemoCounts",
    "DemoFile",
    "DemoMeeting",
    "DemoMonth",
    "DemoReport",
    "DemoUser",
    "DemoWeb",
    "camt054_notification",
    "create",
    "load_demo",
    "open_web",
    "report",
    "run_meeting",
    "run_month",
]

#: The file that marks a folder as made by :func:`create` (and so safe to replace).
MARKER = ".kooperativ-demo"
#: The example the demo is built from.
EXAMPLE = "interim_kultur"
#: When the demo's registrations happen (its clock before :func:`run_month` moves it).
REGISTERED_AT = datetime(2026, 8, 1, 9, 0, tzinfo=UTC)
#: The sub-folders :func:`run_month` writes into, by kind of file.
FOLDERS = {
    "invoice_pdf": "fakturor",
    "peppol": "fakturor",
    "payslip_pdf": "lonespecifikationer",
    "agi": "filer",
    "pain001": "filer",
    "sie": "filer/sie",
    "minutes_pdf": "stamma",
    "camt054": "bank",
}
#: The ways ``[[month.payments]]`` can arrive: registered by the invoice's OCR number, or
#: in a camt.054 notification from the bank that the demo writes and imports.
PAYMENT_WAYS = ("ocr", "camt054")
#: Where the web app writes e-mail (sign-in links) when no SMTP server is given, relative
#: to the cooperative's folder.
OUTBOX = "outbox"


class DemoClock:
    """The demo's clock: it shows the time it is set to, so every step of the demo happens
    on the demo's own dates and its output is the same whenever it runs.

    Pass it to :func:`create` (``clock=``) and to :func:`run_month`, which moves it to each
    step's day.
    """

    def __init__(self, at: datetime = REGISTERED_AT) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def set(self, day: date, hour: int = 9) -> None:
        """Move the clock to ``hour`` o'clock (UTC) on ``day``."""
        self.at = datetime.combine(day, time(hour, 0), tzinfo=UTC)


@dataclass(frozen=True)
class DemoCounts:
    """How many records of each kind the demo registered."""

    members: int
    fees: int
    clients: int
    assignments: int
    contracts: int


@dataclass(frozen=True)
class DemoReport:
    """What the demo cooperative holds, for printing.

    Attributes:
        salaries: Each assignment with the salary it would pay (:meth:`PayrollService.preview
            <kooperativ.services.payroll.PayrollService.preview>`).
        roll: The röstlängd on the day asked for.
        problems: What :meth:`Cooperative.check <kooperativ.cooperative.Cooperative.check>`
            finds.
        audit_problems: What the audit verification finds (empty: intact).
        events: The number of audit events.
    """

    salaries: list[tuple[Assignment, SalaryResult]]
    roll: Roll
    problems: list[Problem]
    audit_problems: list[str]
    events: int


@dataclass(frozen=True)
class DemoFile:
    """A file the demo wrote.

    Attributes:
        kind: What it is: ``invoice_pdf``, ``peppol``, ``camt054``, ``payslip_pdf``,
            ``agi``, ``pain001``, ``sie`` or ``minutes_pdf`` (machine codes, the keys of
            :data:`FOLDERS`).
        path: Where, relative to the demo folder.
        about: What it is of: an invoice (``A1``), a member number, a period, a year, a
            meeting's date, a bank notification's day.
    """

    kind: str
    path: Path
    about: str


@dataclass(frozen=True)
class DemoMonth:
    """What :func:`run_month` made.

    Attributes:
        invoices: The month's invoices, one per completed assignment.
        payments: The clients' payments of them, by payment day (those of a camt.054
            file as the import stored them).
        requests: The members' salary requests (approved; those paid in a later period
            stay approved).
        run: The month's payroll run, approved and paid.
        payslips: Its payslips, by member number.
        files: Every file written, in the order written.
        ledger_total: The sum of the trial balance (zero: the ledger balances).
    """

    invoices: list[Invoice]
    payments: list[Payment]
    requests: list[SalaryRequest]
    run: PayrollRun
    payslips: list[Payslip]
    files: list[DemoFile] = field(default_factory=list)
    ledger_total: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class DemoMeeting:
    """What :func:`run_meeting` did.

    Attributes:
        meeting: The annual meeting, closed (its record: notice, röstlängd, attendance,
            proxies, motions, the election and their counts).
        notice_problems: What the notice check found (empty: duly called).
        decisions: Every decision, motions first, then the election
            (:meth:`Meeting.decisions <kooperativ.governance.meeting.Meeting.decisions>`).
        files: The files written (the minutes PDF).
    """

    meeting: Meeting
    notice_problems: list[Problem]
    decisions: list[Decision]
    files: list[DemoFile] = field(default_factory=list)


@dataclass(frozen=True)
class DemoUser:
    """A demo member who can sign in to the web app.

    Attributes:
        number: The member number.
        name: The member's name.
        email: The e-mail address to sign in with (sign-in links are sent there).
        roles: The member's offices (``board``, ``treasurer`` …; none: a member).
    """

    number: int
    name: str
    email: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class DemoWeb:
    """How to try the web app on the demo: what :func:`open_web` set up.

    Attributes:
        password: The demo password the users were given (a demo value, printed for
            anyone to read: never a real member's password).
        users: The members who can sign in with it.
        outbox: Where e-mail goes when the web app has no SMTP server (relative to the
            demo folder): sign-in links land there as files.
    """

    password: str
    users: list[DemoUser]
    outbox: Path = Path(OUTBOX)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(
            str(path), "", "cannot read demo data: {reason}", reason=os_reason(error)
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), "", "not valid TOML: {reason}", reason=error) from None


def load_demo(coop: Cooperative, path: Path | None = None) -> DemoCounts:
    """Register the demo members, fees, clients, assignments and contracts of ``path``.

    Args:
        coop: An open cooperative (normally an empty one).
        path: The demo data; default ``demo.toml`` of the bundled example.

    Raises:
        ConfigError: The file cannot be read or is not TOML.
        InputError: A record in it is wrong (named field), as for any registration.
    """
    if path is None:
        path = examples_root() / EXAMPLE / DEMO_FILE
    data = _read(path)
    admin = Actor.admin("demo")
    for item in data.get("members", []):
        fields = dict(item)
        fields["roles"] = frozenset(Role(r) for r in fields.get("roles", []))
        fields.setdefault("status", "member")
        coop.members.add(admin, **fields)
    for item in data.get("clients", []):
        coop.clients.add(admin, **item)
    for item in data.get("fees", []):
        coop.governance.pay_fee(admin, **item)
    contracts = 0
    for item in data.get("assignments", []):
        fields = dict(item)
        signed = fields.pop("signed", False)
        assignment = coop.assignments.add(admin, **fields)
        contract = coop.contracts.create(
            admin, assignment=assignment.number, made_on=assignment.start
        )
        contracts += 1
        if signed:
            at = datetime.combine(contract.made_on, time(9, 0), tzinfo=UTC)
            employee = coop.actor_for_member(int(fields["member"]))
            coop.contracts.sign(employee, contract.number, "employee", at)
            coop.contracts.sign_for_employer(admin, contract.number, at)
    return DemoCounts(
        members=len(data.get("members", [])),
        fees=len(data.get("fees", [])),
        clients=len(data.get("clients", [])),
        assignments=len(data.get("assignments", [])),
        contracts=contracts,
    )


def create(
    folder: Path | str,
    *,
    clock: Callable[[], datetime] | None = None,
) -> Cooperative:
    """Create the demo cooperative in ``folder`` on SQLite and return it, open.

    A folder made by an earlier call (it holds the :data:`MARKER` file) is replaced; any
    other existing folder is refused. Close the returned cooperative (or use ``with``).
    ``clock`` is the cooperative's clock (default: a :class:`DemoClock` at
    :data:`REGISTERED_AT`, so the records are dated the same on every run).

    Raises:
        InputError: ``folder`` exists and was not made by :func:`create` (field ``dir``).
    """
    from kooperativ.cooperative import Cooperative

    target = Path(folder)
    if target.exists():
        if not (target / MARKER).exists():
            raise InputError(
                "dir",
                "{folder} exists and is not a demo folder; choose another --dir",
                folder=str(target),
            )
        shutil.rmtree(target)
    Cooperative.init(target, EXAMPLE)
    (target / MARKER).write_text("created by `kooperativ demo`; safe to delete\n")
    url = f"sqlite:///{(target / 'kooperativ.db').resolve()}"
    coop = Cooperative.open(target, url, clock=clock or DemoClock(), upgrade=True)
    try:
        load_demo(coop, target / DEMO_FILE)
    except BaseException:
        coop.close()
        raise
    return coop


def report(coop: Cooperative, on: date) -> DemoReport:
    """What the demo shows: salaries per assignment, the röstlängd on ``on``, the checks."""
    actor = Actor.admin()
    salaries = [
        (assignment, coop.payroll.preview(actor, assignment.number))
        for assignment in coop.assignments.list(actor)
    ]
    return DemoReport(
        salaries=salaries,
        roll=coop.governance.roll(actor, on),
        problems=coop.check(on),
        audit_problems=[str(problem) for problem in coop.audit.verify(actor).problems],
        events=len(coop.audit.events(actor)),
    )


def _month_data(path: Path) -> dict[str, Any]:
    data = _read(path).get("month")
    if not isinstance(data, dict):
        raise ConfigError(str(path), "month", "the demo data has no [month] table")
    return data


def _write(folder: Path, kind: str, name: str, data: bytes, about: str) -> DemoFile:
    relative = Path(FOLDERS[kind]) / name
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return DemoFile(kind, relative, about)


def run_month(
    coop: Cooperative,
    folder: Path | str,
    *,
    clock: DemoClock | None = None,
    lang: str | None = None,
    path: Path | None = None,
) -> DemoMonth:
    """Run the demo's month through the services, as the treasurer would, into files.

    The steps, on the dates of the ``[month]`` table of the demo data (``path``, default
    the folder's ``demo.toml``), moving ``clock`` (the :class:`DemoClock` the cooperative
    was opened with) to each step's day:

    1. an invoice for every assignment that ended in the month of ``invoice_date``, issued
       that day (``fakturor/``: a PDF each, and a Peppol BIS 3.0 file for a client with a
       Peppol id);
    2. the clients' payments on the days of ``[[month.payments]]``: registered by OCR, or
       (``via = "camt054"``) written as the bank's camt.054 notification (``bank/``) and
       imported from it;
    3. each member of ``[[month.salary_requests]]`` asks for all that is on their account,
       approved by the treasurer (``month.treasurer``), or by the board member
       (``month.board``) for the treasurer's own request;
    4. the payroll run of ``period`` paid on ``pay_date``, computed and approved on
       ``run_on`` by the treasurer (who is not paid in it) and marked paid that day;
    5. the payslips as PDF (``lonespecifikationer/``), the AGI XML and the pain.001 file
       (``filer/``) and the year as SIE 4 (``filer/sie/``).

    Args:
        coop: The demo cooperative made by :func:`create` (records, no month yet).
        folder: The demo folder (files are written under it).
        clock: The cooperative's :class:`DemoClock`; without one the services' own clock
            dates what they record.
        lang: The language of the PDFs (default: the cooperative's).
        path: The demo data (default: ``demo.toml`` in ``folder``).

    Raises:
        ConfigError: The demo data cannot be read or has no ``[month]`` table.
        InputError, ConflictError: A step the services refuse (e.g. the month run twice).
    """
    target = Path(folder)
    month = _month_data(path or target / DEMO_FILE)
    admin = Actor.admin("demo")
    treasurer = coop.actor_for_member(int(month["treasurer"]))
    board = coop.actor_for_member(int(month["board"]))

    def at(day: date) -> None:
        if clock is not None:
            clock.set(day)

    files: list[DemoFile] = []
    # 1. Invoices for the assignments that ended in the invoice date's month.
    issued: date = month["invoice_date"]
    at(issued)
    done = [
        a
        for a in coop.assignments.list(admin)
        if (a.end.year, a.end.month) == (issued.year, issued.month) and a.end <= issued
    ]
    invoices = [
        coop.invoices.create(treasurer, assignments=[a.number], issue_date=issued) for a in done
    ]
    peppol = {c.id for c in coop.clients.list(admin) if c.peppol_id}
    for invoice in invoices:
        pdf = coop.invoices.pdf(treasurer, invoice.number, lang=lang)
        files.append(
            _write(target, "invoice_pdf", f"faktura-{invoice.label}.pdf", pdf, invoice.label)
        )
        if invoice.client_id in peppol:
            xml = coop.invoices.peppol(treasurer, invoice.number, lang=lang)
            files.append(
                _write(target, "peppol", f"faktura-{invoice.label}-peppol.xml", xml, invoice.label)
            )
    # 2. The clients pay, each by the invoice's OCR reference.
    by_assignment = {a.id: a.number for a in done}
    paid_on = {int(p["assignment"]): p["paid_on"] for p in month.get("payments", [])}

    def paid_day(invoice: Invoice) -> date:
        number = by_assignment[invoice.assignment_ids[0]]
        if number not in paid_on:
            raise ConfigError(
                str(path or target / DEMO_FILE),
                "month.payments",
                "no payment day for assignment {number}",
                number=number,
            )
        day: date = paid_on[number]
        return day

    ways = {int(p["assignment"]): str(p.get("via", "ocr")) for p in month.get("payments", [])}
    for way in ways.values():
        if way not in PAYMENT_WAYS:
            raise ConfigError(
                str(path or target / DEMO_FILE),
                "month.payments",
                "{way!r} is not a way of paying (choose {ways})",
                way=way,
                ways=", ".join(PAYMENT_WAYS),
            )

    payments: list[Payment] = []
    for invoice in sorted(invoices, key=paid_day):
        day = paid_day(invoice)
        at(day)
        if ways[by_assignment[invoice.assignment_ids[0]]] == "camt054":
            # The bank tells of the payment in a camt.054 notification; the treasurer
            # imports the file and the payment is matched by its OCR number.
            data = camt054_notification(
                message_id=f"DEMO-{day:%Y%m%d}-{invoice.label}",
                created=datetime.combine(day, time(7, 0)),
                account=coop.config.employer.bankgiro or "",
                payments=[(invoice.payment_reference, invoice.total, invoice.buyer.name, day)],
            )
            made = _write(target, "camt054", f"camt054-{day}.xml", data, day.isoformat())
            files.append(made)
            imported = coop.payments.import_camt054(treasurer, data, made.path.as_posix())
            payments.extend(imported.payments)
        else:
            payments.append(
                coop.payments.register(treasurer, invoice.payment_reference, invoice.total, day)
            )
    # 3. Salary requests: each member asks for what is on their account; an officer who is
    # not the member approves.
    requests = []
    for item in month.get("salary_requests", []):
        at(item["asked_on"])
        number = int(item["member"])
        asked = coop.salary_requests.request(
            coop.actor_for_member(number), number, item["pay_date"]
        )
        decider = board if number == int(month["treasurer"]) else treasurer
        requests.append(coop.salary_requests.approve(decider, asked.number))
    # 4. The payroll run: computed and approved by the treasurer, paid on the pay date.
    period: str = month["period"]
    pay_date: date = month["pay_date"]
    at(month["run_on"])
    run = coop.payroll_runs.run(treasurer, period, pay_date)
    run = coop.payroll_runs.approve(treasurer, run.number)
    at(pay_date)
    run = coop.payroll_runs.mark_paid(treasurer, run.number, pay_date)
    payslips = coop.payroll_runs.payslips(treasurer, run.number)
    # 5. The files: payslips, AGI, pain.001, SIE 4.
    for slip in payslips:
        pdf = coop.payroll_runs.payslip_pdf(treasurer, run.number, slip.member_number, lang=lang)
        name = f"{period}-medlem-{slip.member_number}.pdf"
        files.append(_write(target, "payslip_pdf", name, pdf, str(slip.member_number)))
    agi = coop.payroll_runs.employer_report(treasurer, period)
    files.append(_write(target, "agi", f"agi-{period}.xml", agi, period))
    pain = coop.payroll_runs.payment_file(treasurer, run.number)
    files.append(_write(target, "pain001", f"pain001-{period}-{run.number}.xml", pain, period))
    year = pay_date.year
    sie = coop.ledger.sie(treasurer, year)
    files.append(_write(target, "sie", f"bokforing-{year}.se", sie, str(year)))
    return DemoMonth(
        invoices=invoices,
        payments=payments,
        requests=requests,
        run=run,
        payslips=payslips,
        files=files,
        ledger_total=coop.ledger.trial_balance(admin).total,
    )


def _meeting_data(path: Path) -> dict[str, Any]:
    data = _read(path).get("meeting")
    if not isinstance(data, dict):
        raise ConfigError(str(path), "meeting", "the demo data has no [meeting] table")
    return data


def run_meeting(
    coop: Cooperative,
    folder: Path | str,
    *,
    clock: DemoClock | None = None,
    lang: str | None = None,
    path: Path | None = None,
) -> DemoMeeting:
    """Hold the demo's annual meeting (*årsmöte*) through the governance services.

    The steps, on the dates of the ``[meeting]`` table of the demo data (``path``, default
    the folder's ``demo.toml``), moving ``clock`` to each step's day:

    1. the members pay the year's fees (``[[meeting.fees]]``);
    2. the board calls the annual meeting of ``held_on`` and sends the notice on
       ``notice_sent``, naming the motions (checked against the bylaws' notice period);
    3. on the meeting day: the officers, the attendance (``present``), the proxies
       (``[[meeting.proxies]]``) and so the röstlängd;
    4. the motions of ``[[meeting.motions]]``, in order: a board proposal or a member's
       motion (``submitted_on``, checked against the bylaws' deadline), decided by
       acclamation or by the open votes listed (``yes``, ``no``, ``abstain``; an absent
       member's vote is cast by their proxy), counted with the rule the bylaws give the
       kind of decision (``decision``, e.g. ``bylaw_amendment``);
    5. the election of ``[meeting.election]`` by the bylaws' method, by secret ballot
       when a member asks: each ballot cast by its voter (or their proxy) into the box,
       which keeps no link between voter and ballot, and counted;
    6. the meeting closed and its minutes written as PDF (``stamma/``).

    Ties, were there any, are settled with the recorded lot seed ``seed``, so every run
    decides the same.

    Args:
        coop: The demo cooperative (normally after :func:`run_month`).
        folder: The demo folder (the minutes are written under it).
        clock: The cooperative's :class:`DemoClock`.
        lang: The language of the minutes (default: the cooperative's).
        path: The demo data (default: ``demo.toml`` in ``folder``).

    Raises:
        ConfigError: The demo data cannot be read or has no ``[meeting]`` table.
        InputError, ConflictError: A step the services refuse (e.g. a second annual
            meeting in the year).
    """
    target = Path(folder)
    source = str(path or target / DEMO_FILE)
    data = _meeting_data(path or target / DEMO_FILE)
    for key, kind in (("held_on", date), ("notice_sent", date), ("chair", int)):
        if not isinstance(data.get(key), kind):
            raise ConfigError(source, f"meeting.{key}", "is required")
    admin = Actor.admin("demo")
    board = coop.governance
    held_on: date = data["held_on"]
    seed = str(data.get("seed", "demo"))

    def at(day: date) -> None:
        if clock is not None:
            clock.set(day)

    def member(number: int) -> Actor:
        return coop.actor_for_member(int(number))

    registered = {m.number: m.name for m in coop.members.list(admin)}

    def member_name(number: Any, where: str) -> str:
        # The data names members by number; one not in the register is the data's mistake.
        if isinstance(number, bool) or not isinstance(number, int) or number not in registered:
            raise ConfigError(source, where, "no member {number}", number=number)
        return registered[number]

    # Every member the data names is checked before the first step, so bad data stops the
    # meeting before anything is recorded.
    member_name(data["chair"], "meeting.chair")
    member_name(data.get("secretary"), "meeting.secretary")
    for key in ("adjusters", "present"):
        for n in data.get(key, []):
            member_name(n, f"meeting.{key}")
    for i, item in enumerate(data.get("proxies", [])):
        for key in ("principal", "proxy"):
            member_name(item.get(key), f"meeting.proxies[{i}].{key}")
    for i, item in enumerate(data.get("motions", [])):
        if item.get("by", "board") != "board":
            member_name(item.get("by"), f"meeting.motions[{i}].by")
        for key in ("yes", "no", "abstain"):
            for n in item.get(key, []):
                member_name(n, f"meeting.motions[{i}].{key}")
    for i, item in enumerate((data.get("election") or {}).get("ballots", [])):
        member_name(item.get("member"), f"meeting.election.ballots[{i}].member")
    # 1. This year's fees, each on its day.
    for item in sorted(data.get("fees", []), key=lambda f: f["paid_on"]):
        at(item["paid_on"])
        coop.governance.pay_fee(admin, **item)
    # 2. The meeting is called; the notice names the motions (§ 17: an amendment must).
    at(data["notice_sent"])
    motions: list[dict[str, Any]] = data.get("motions", [])
    meeting = board.create(admin, kind="annual", held_on=held_on, location=data.get("location"))
    number = meeting.number
    meeting, notice_problems = board.notice(
        admin,
        number,
        sent_on=data["notice_sent"],
        method=data.get("notice_method", "email"),
        matters=[m["title"] for m in motions],
    )
    # 3. The meeting day: officers, attendance, proxies.
    at(held_on)
    chair = int(data["chair"])
    board.officers(
        admin,
        number,
        chair=member_name(chair, "meeting.chair"),
        chair_member=chair,
        secretary=member_name(data.get("secretary"), "meeting.secretary"),
        adjusters=[member_name(n, "meeting.adjusters") for n in data.get("adjusters", [])],
    )
    board.attend(admin, number, [int(n) for n in data.get("present", [])])
    holders: dict[int, int] = {}
    for item in data.get("proxies", []):
        board.proxy(
            admin,
            number,
            principal=int(item["principal"]),
            proxy=int(item["proxy"]),
            dated=item["dated"],
        )
        holders[int(item["principal"])] = int(item["proxy"])

    def cast(voter: int, **vote: Any) -> None:
        # A member votes for themself; an absent member through the holder of their proxy.
        if voter in holders:
            board.vote(member(holders[voter]), number, member=voter, **vote)
        else:
            board.vote(member(voter), number, **vote)

    # 4. The motions.
    for index, item in enumerate(motions, start=1):
        by = item.get("by", "board")
        by_board = by == "board"
        meeting = board.motion(
            admin,
            number,
            title=item["title"],
            text=item.get("text", ""),
            decision_type=item.get("decision", "ordinary"),
            proposer=None if by_board else member_name(by, f"meeting.motions[{index - 1}].by"),
            by_board=by_board,
            submitted_on=item.get("submitted_on"),
            item=item.get("item"),
        )
        motion = meeting.motions[-1].number
        if index != motion:
            raise ConfigError(
                source,
                f"meeting.motions[{index - 1}]",
                "motion numbered {number}, not {index}: start from a meeting without motions",
                number=motion,
                index=index,
            )
        if "acclamation" in item:
            board.acclaim(admin, number, motion, item["acclamation"])
            continue
        for choice in ("yes", "no", "abstain"):
            for voter in item.get(choice, []):
                cast(int(voter), motion=motion, choice=choice)
        board.count(admin, number, motion=motion, seed=seed)
    # 5. The election, by secret ballot when a member asks (§ 13).
    election = data.get("election")
    if election is not None:
        requester = election.get("secret_requested_by")
        meeting = board.election(
            admin,
            number,
            office=election["office"],
            seats=int(election["seats"]),
            candidates=election["candidates"],
            secret=requester is not None,
            requested_by=None if requester is None else int(requester),
        )
        which = meeting.elections[-1].number
        for ballot in election.get("ballots", []):
            cast(int(ballot["member"]), election=which, choice=list(ballot["choice"]))
        board.count(admin, number, election=which, seed=seed)
    # 6. Closed, and the minutes written.
    meeting = board.close(admin, number)
    pdf = board.minutes(admin, number, lang=lang)
    name = f"protokoll-arsmote-{held_on.year}.pdf"
    files = [_write(target, "minutes_pdf", name, pdf, held_on.isoformat())]
    return DemoMeeting(
        meeting=meeting,
        notice_problems=list(notice_problems),
        decisions=meeting.decisions(),
        files=files,
    )


def camt054_notification(
    *,
    message_id: str,
    created: datetime,
    account: str,
    payments: list[tuple[str, Decimal, str, date]],
) -> bytes:
    """A bank's camt.054.001.08 notification of incoming payments to a bankgiro number.

    The demo's stand-in for the file a bank sends: one booked credit entry per payment,
    with the payer's name and the invoice's OCR number as a structured creditor reference.

    Args:
        message_id: The notification's ``GrpHdr/MsgId``.
        created: When the bank made it (local time).
        account: The bankgiro number paid to.
        payments: Each payment as ``(OCR number, amount, payer, day booked)``.

    Returns:
        The XML file's bytes (UTF-8).

    Examples:
        >>> from kooperativ.bank.camt054 import read_camt054
        >>> data = camt054_notification(message_id="M1", created=datetime(2026, 12, 14, 7),
        ...     account="555-1239", payments=[("1234", Decimal("100.00"), "Kund AB",
        ...     date(2026, 12, 14))])
        >>> (payment,) = read_camt054(data).transactions
        >>> payment.amount, payment.structured_references, payment.debtor_name
        (Decimal('100.00'), ('1234',), 'Kund AB')
    """
    from xml.etree import ElementTree as ET

    namespace = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"
    root = ET.Element("Document", xmlns=namespace)
    message = ET.SubElement(root, "BkToCstmrDbtCdtNtfctn")

    def add(parent: ET.Element, path: str, text: str | None = None, **attributes: str) -> None:
        element = parent
        for name in path.split("/"):
            element = ET.SubElement(element, name)
        element.attrib.update(attributes)
        element.text = text

    header = ET.SubElement(message, "GrpHdr")
    add(header, "MsgId", message_id)
    add(header, "CreDtTm", created.isoformat(timespec="seconds"))
    notification = ET.SubElement(message, "Ntfctn")
    add(notification, "Id", f"{message_id}-1")
    add(notification, "CreDtTm", created.isoformat(timespec="seconds"))
    account_element = ET.SubElement(notification, "Acct")
    other = ET.SubElement(ET.SubElement(account_element, "Id"), "Othr")
    add(other, "Id", account.replace("-", ""))
    add(other, "SchmeNm/Prtry", "BGNR")
    add(account_element, "Ccy", "SEK")
    for index, (reference, amount, payer, day) in enumerate(payments, start=1):
        entry = ET.SubElement(notification, "Ntry")
        add(entry, "Amt", f"{amount:.2f}", Ccy="SEK")
        add(entry, "CdtDbtInd", "CRDT")
        add(entry, "Sts/Cd", "BOOK")
        add(entry, "BookgDt/Dt", day.isoformat())
        add(entry, "ValDt/Dt", day.isoformat())
        details = ET.SubElement(ET.SubElement(entry, "NtryDtls"), "TxDtls")
        add(details, "Refs/AcctSvcrRef", f"{message_id}-{index}")
        add(details, "Amt", f"{amount:.2f}", Ccy="SEK")
        add(details, "CdtDbtInd", "CRDT")
        add(details, "RltdPties/Dbtr/Pty/Nm", payer)
        creditor = ET.SubElement(ET.SubElement(details, "RmtInf"), "Strd")
        info = ET.SubElement(creditor, "CdtrRefInf")
        add(info, "Tp/CdOrPrtry/Cd", "SCOR")
        add(info, "Ref", reference)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _web_data(path: Path) -> dict[str, Any]:
    data = _read(path).get("web")
    if not isinstance(data, dict):
        raise ConfigError(str(path), "web", "the demo data has no [web] table")
    return data


def open_web(coop: Cooperative, folder: Path | str, *, path: Path | None = None) -> DemoWeb:
    """Give the members of the ``[web]`` table the demo's password, for the web app.

    ``kooperativ serve --coop FOLDER`` then lets each of them sign in with their e-mail
    address and the password, or ask for a sign-in link, which the web app writes to
    ``FOLDER/outbox/`` when it has no SMTP server.

    Args:
        coop: The demo cooperative.
        folder: The demo folder.
        path: The demo data (default: ``demo.toml`` in ``folder``).

    Raises:
        ConfigError: The demo data has no ``[web]`` table.
        InputError: A password the access rules refuse, or a member without an e-mail
            address (field ``web.members``).
    """
    source = path or Path(folder) / DEMO_FILE
    data = _web_data(source)
    password = str(data.get("password", ""))
    admin = Actor.admin("demo")
    users = []
    for number in data.get("members", []):
        member = coop.members.get(admin, int(number))
        if not member.email:
            raise InputError(
                "web.members", "member {number} has no e-mail address", number=member.number
            )
        coop.access.set_password(admin, member.number, password)
        users.append(
            DemoUser(
                number=member.number,
                name=f"{member.first_name} {member.last_name}",
                email=member.email,
                roles=tuple(sorted(str(r) for r in member.roles if r is not Role.MEMBER)),
            )
        )
    return DemoWeb(password=password, users=users)

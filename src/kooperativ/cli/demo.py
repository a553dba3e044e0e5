# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ demo``: the Interim kultur demo cooperative, built, run for a month, its
annual meeting held, its web app made ready to try, shown.

The building, the month, the meeting and the web users are :mod:`kooperativ.demo` (a
program gets the same cooperative and files); this module only prints what
:func:`kooperativ.demo.run_month`, :func:`kooperativ.demo.run_meeting` and
:func:`kooperativ.demo.open_web` made and :func:`kooperativ.demo.report` finds, in tables
that fit 80 columns, or with ``--json`` as one JSON object (:func:`summary`). Its own
texts are in the ``demo`` catalog.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kooperativ.cli._common import table
from kooperativ.cli._context import CliContext, shared_options

if TYPE_CHECKING:
    from kooperativ.cooperative import Cooperative
    from kooperativ.demo import DemoMeeting, DemoMonth, DemoReport, DemoWeb

__all__ = ["register", "summary"]

#: The payslip items of the payroll table, in payslip order, with their labels.
SALARY_ITEMS = (
    ("gross_salary", "Gross"),
    ("holiday_pay", "Holiday pay"),
    ("employer_contributions", "Contributions"),
    ("preliminary_tax", "Tax"),
    ("payout", "Payout"),
)

#: What each kind of file the demo writes is, in the ``demo`` catalog.
FILE_LABELS = {
    "invoice_pdf": "Invoice {about} (PDF)",
    "peppol": "Invoice {about} (Peppol)",
    "payslip_pdf": "Payslip, member {about} (PDF)",
    "agi": "AGI for {about} (Skatteverket)",
    "pain001": "Salary payments {about} (pain.001)",
    "sie": "Bookkeeping {about} (SIE 4)",
    "minutes_pdf": "Minutes {about} (PDF)",
    "camt054": "Bank file {about} (camt.054)",
}

#: The offices of the demo's web users, in the ``demo`` catalog.
ROLE_LABELS = {
    "board": "board member",
    "treasurer": "treasurer",
    "auditor": "auditor",
    "admin": "administrator",
}

#: A motion's outcome in the meeting table, in the ``demo`` catalog.
OUTCOME_LABELS = {
    "adopted": "adopted",
    "rejected": "rejected",
    "first_reading": "adopted at first reading",
    "no_quorum": "no quorum",
}


@shared_options(coop=False, json=True)
def demo(
    cli: CliContext,
    folder: Annotated[
        Path, typer.Option("--dir", help="Folder to create the demo cooperative in.")
    ] = Path("kooperativ-demo"),
) -> None:
    """Create the Interim kultur demo on SQLite, run a month of it and hold its annual meeting."""
    with cli.guard():
        from kooperativ import demo as library

        clock = library.DemoClock()
        with library.create(folder, clock=clock) as coop:
            cli.adopt_language(coop.config.language)  # the new folder's, unless chosen
            lang = cli.language if cli.chosen_language else None
            month = library.run_month(coop, folder, clock=clock, lang=lang)
            meeting = library.run_meeting(coop, folder, clock=clock, lang=lang)
            web = library.open_web(coop, folder)
            report = library.report(coop, month.run.pay_date)
            if cli.as_json:
                cli.print_json(summary(coop, folder, month, report, meeting, web))
            else:
                _show(cli, coop, folder, month, report, meeting)
                _web(cli, folder, web)


def summary(
    coop: Cooperative,
    folder: Path,
    month: DemoMonth,
    report: DemoReport,
    meeting: DemoMeeting,
    web: DemoWeb,
) -> dict[str, Any]:
    """What ``kooperativ demo --json`` prints: the folder, the files (paths relative to it),
    the key figures of the month and the meeting, the checks and how to open the web app.

    Amounts are strings (``"75000.00"``), days ISO dates; the keys are stable.
    """
    from kooperativ.security import Actor

    admin = Actor.admin()
    paid = {invoice: p.paid_on for p in month.payments for invoice in p.invoice_ids}
    run = month.run
    items = [field for field, _label in SALARY_ITEMS]
    return {
        "folder": folder.as_posix(),
        "cooperative": coop.config.employer.name,
        "database": "kooperativ.db",
        "counts": {
            "members": len(coop.members.list(admin)),
            "clients": len(coop.clients.list(admin)),
            "assignments": len(report.salaries),
            "invoices": len(month.invoices),
            "payments": len(month.payments),
            "payslips": len(month.payslips),
            "audit_events": report.events,
        },
        "invoices": [
            {
                "label": i.label,
                "client": i.buyer.name,
                "issued": i.issue_date.isoformat(),
                "total": f"{i.total:.2f}",
                "paid_on": paid[i.id].isoformat() if i.id in paid else None,
            }
            for i in month.invoices
        ],
        "payments": [
            {
                "number": p.number,
                "paid_on": p.paid_on.isoformat(),
                "amount": f"{p.amount:.2f}",
                "source": p.source,
            }
            for p in month.payments
        ],
        "payroll_run": {
            "number": run.number,
            "period": run.period,
            "pay_date": run.pay_date.isoformat(),
            "payslips": [
                {
                    "member": slip.member_number,
                    "name": slip.name,
                    **{field: f"{getattr(slip, field):.2f}" for field in items},
                }
                for slip in month.payslips
            ],
            "totals": {
                field: f"{sum((getattr(s, field) for s in month.payslips), Decimal(0)):.2f}"
                for field in items
            },
        },
        "meeting": {
            "number": meeting.meeting.number,
            "held_on": meeting.meeting.held_on.isoformat(),
            "voters": len(meeting.meeting.roll.voter_ids),
            "present": meeting.meeting.attending(),
            "decisions": [
                {
                    "item": d.item,
                    "title": d.title,
                    "outcome": d.outcome,
                    "elected": list(d.elected),
                }
                for d in meeting.decisions
            ],
        },
        "files": [
            {"kind": f.kind, "path": f.path.as_posix(), "about": f.about}
            for f in [*month.files, *meeting.files]
        ],
        "checks": {
            "ledger_balances": month.ledger_total == 0,
            "ledger_total": f"{month.ledger_total:.2f}",
            "audit_intact": not report.audit_problems,
            "problems": [str(problem) for problem in report.problems],
        },
        "web": {
            "command": f"kooperativ serve --coop {folder.as_posix()}",
            "url": "http://127.0.0.1:8000/",
            "password": web.password,
            "demo_password": True,
            "users": [
                {"member": u.number, "name": u.name, "email": u.email, "roles": list(u.roles)}
                for u in web.users
            ],
            "outbox": (folder / web.outbox).as_posix(),
        },
    }


def _web(cli: CliContext, folder: Path, web: DemoWeb) -> None:
    """How to open the web app with the demo's users: fits 80 columns."""
    from rich.markup import escape

    t = cli.texts("demo")
    cli.print("")
    cli.print(t("Try the web app:"))
    cli.print(f"  kooperativ serve --coop {escape(folder.as_posix())}")
    cli.print(t("then open http://127.0.0.1:8000/ and sign in as one of them:"))
    cli.print(
        table(
            "",
            [t("E-mail"), t("Member"), t("Role")],
            [
                (
                    u.email,
                    f"{u.number} {u.name}",
                    ", ".join(t(ROLE_LABELS.get(r, r)) for r in u.roles) or t("member"),
                )
                for u in web.users
            ],
            compact=True,
        )
    )
    cli.print(
        t("Password: {password} (a demo password: never use it for real people)").format(
            password=web.password
        )
    )
    cli.print(
        t("Sign-in links sent by e-mail land as files in {outbox}/.").format(
            outbox=escape((folder / web.outbox).as_posix())
        )
    )


def _show(
    cli: CliContext,
    coop: Cooperative,
    folder: Path,
    month: DemoMonth,
    report: DemoReport,
    meeting: DemoMeeting,
) -> None:
    from kooperativ.security import Actor

    t = cli.texts("demo")
    admin = Actor.admin()
    cli.print(
        cli._("Demo cooperative {name} created in {folder}.").format(
            name=coop.config.employer.name, folder=folder
        )
    )
    members = len(coop.members.list(admin))
    clients = len(coop.clients.list(admin))
    assignments = len(report.salaries)
    cli.print(
        cli._("{members}, {clients}, {assignments} registered.").format(
            members=cli.ngettext("{n} member", "{n} members", members).format(n=members),
            clients=cli.ngettext("{n} client", "{n} clients", clients).format(n=clients),
            assignments=cli.ngettext("{n} assignment", "{n} assignments", assignments).format(
                n=assignments
            ),
        )
    )
    paid = {invoice: p.paid_on for p in month.payments for invoice in p.invoice_ids}
    first = month.invoices[0].issue_date if month.invoices else month.run.pay_date
    cli.print(
        table(
            t("Invoices of {day} and the clients' payments").format(day=first.isoformat()),
            [t("Invoice"), t("Client"), t("To pay"), t("Paid")],
            [
                (
                    i.label,
                    i.buyer.name,
                    cli.amount(i.total),
                    paid[i.id].isoformat() if i.id in paid else "",
                )
                for i in month.invoices
            ],
            right=(2,),
        )
    )
    _payroll(cli, month)
    _meeting(cli, coop, meeting)
    cli.print(
        table(
            t("Files, in {folder}").format(folder=folder),
            [t("What"), t("File")],
            [
                (t(FILE_LABELS[f.kind]).format(about=f.about), f.path.as_posix())
                for f in [*month.files, *meeting.files]
            ],
            compact=True,
        )
    )
    if month.ledger_total == 0:
        cli.print(t("The ledger balances: the debits equal the credits."))
    else:
        cli.print(
            "[red]✗[/] "
            + t("The ledger does not balance: {amount}").format(
                amount=cli.amount(month.ledger_total)
            )
        )
    for problem in report.problems:
        cli.print(f"  {cli.finding_line(problem, where=True)}")
    if report.audit_problems:
        for line in report.audit_problems:
            cli.print(f"[red]✗[/] {line}")
    else:
        events = cli.ngettext("{n} event", "{n} events", report.events).format(n=report.events)
        cli.print(cli._("Audit trail intact: {events} verified.").format(events=events))
    cli.print(cli._("Try: kooperativ member list --coop {folder}").format(folder=folder))
    cli.print(
        t("Try: kooperativ payroll show {run} --coop {folder}").format(
            run=month.run.number, folder=folder
        )
    )
    cli.print(
        t("Try: kooperativ meeting show {number} --coop {folder}").format(
            number=meeting.meeting.number, folder=folder
        )
    )


def _payroll(cli: CliContext, month: DemoMonth) -> None:
    """One column per payslip, one row per item: fits 80 columns for the demo's members."""
    from rich import box
    from rich.table import Table

    t = cli.texts("demo")
    run = month.run
    overview = Table(
        title=t("Payroll run {number} for {period}, paid on {day}").format(
            number=run.number, period=run.period, day=run.pay_date.isoformat()
        ),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    overview.add_column(t("Member"))
    for slip in month.payslips:
        overview.add_column(str(slip.member_number), justify="right", no_wrap=True)
    overview.add_column(t("Total"), justify="right", no_wrap=True)
    overview.add_row(t("Name"), *(slip.name for slip in month.payslips), "")
    for field, label in SALARY_ITEMS:
        cells = [cli.amount(getattr(slip, field)) for slip in month.payslips]
        total = cli.amount(sum((getattr(slip, field) for slip in month.payslips), Decimal(0)))
        name = cli._(label)
        if field == "payout":
            overview.add_row(f"[bold]{name}[/bold]", *cells, f"[bold]{total}[/bold]")
        else:
            overview.add_row(name, *cells, total)
    cli.print(overview)


def _meeting(cli: CliContext, coop: Cooperative, held: DemoMeeting) -> None:
    """The annual meeting in a few lines: who could vote, each decision, who was elected."""
    t = cli.texts("demo")
    meeting = held.meeting
    rules = coop.governance.rules_on(meeting.held_on)
    voters = len(meeting.roll.voter_ids)
    notice = meeting.notice.sent_on.isoformat() if meeting.notice is not None else "–"
    rows: list[tuple[str, str]] = []
    for decision in held.decisions:
        result = decision.motion_result
        if decision.election_result is not None:
            election = decision.election_result
            number = int(decision.item.split()[-1])
            label = (
                "Election by secret ballot: {office} ({seats})"
                if meeting.election(number).box.secret
                else "Election: {office} ({seats})"
            )
            final = election.rounds[-1] if election.rounds else None
            votes = (
                ", ".join(f"{name} {final.tally(name)}" for name in election.candidates)
                if final is not None
                else ""
            )
            rows.append(
                (
                    t(label).format(office=decision.title, seats=election.seats),
                    t("elected: {names} (votes: {votes})").format(
                        names=", ".join(decision.elected), votes=votes
                    ),
                )
            )
            continue
        outcome = t(OUTCOME_LABELS.get(decision.outcome or "", "not decided"))
        if decision.by_acclamation:
            said = t("{outcome} by acclamation").format(outcome=outcome)
        elif result is not None:
            number = int(decision.item.split()[-1])
            rule = rules.decisions.rule(meeting.motion(number).type)
            said = t("{outcome}: {yes} yes, {no} no (needed: {threshold}, {reference})").format(
                outcome=outcome,
                yes=result.yes,
                no=result.no,
                threshold=result.explanation.threshold_text(cli.language),
                reference=rule.reference,
            )
        else:
            said = outcome
        rows.append((f"{decision.item.split()[-1]}. {decision.title}", said))
    cli.print(
        table(
            t("Annual meeting {day}, {place} (notice sent {notice})").format(
                day=meeting.held_on.isoformat(), place=meeting.location or "", notice=notice
            ),
            [t("Agenda item"), t("Decision")],
            rows,
        )
    )
    cli.print(
        t("Voting register: {voters} with a vote, {present} present in person or by proxy.").format(
            voters=voters, present=meeting.attending()
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``demo`` to ``app``."""
    app.command("demo")(demo)

# SPDX-License-Identifier: EUPL-1.2
"""Commands on employment: contracts, hours worked and employment time.

``kooperativ contract create|show|list|pdf|sign|end`` handle the employment contracts
(*anställningsavtal*); ``kooperativ employment hours add|confirm|list`` the hours worked per
assignment and month; ``kooperativ employment time MEMBER`` shows a member's days and hours
per month and how far they are from each limit of the country's employment law.

Everything shown is in the cooperative's language (``language`` in ``cooperative.toml``):
field names, forms, statuses, end reasons, findings, errors, and amounts as the language
writes them (``60 000,00 kr``). JSON output keeps the data as stored, with a stable
``code`` beside each translated ``message``. Tables fit an 80-column terminal. A bad value
is an error naming the field, never a traceback, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kooperativ.cli._common import parse_date
from kooperativ.cli._context import CliContext, shared_options

if TYPE_CHECKING:
    from rich.table import Table

    from kooperativ.cooperative import Cooperative
    from kooperativ.employment.models import EmploymentContract, HoursReport
    from kooperativ.rules.employment import EmploymentLaw
    from kooperativ.security import Actor

__all__ = ["register"]

contract_app = typer.Typer(help="Employment contracts (anställningsavtal).", no_args_is_help=True)
employment_app = typer.Typer(
    help="Hours worked and employment time under LAS.", no_args_is_help=True
)
hours_app = typer.Typer(help="Hours worked per assignment and month.", no_args_is_help=True)

#: Largest monthly pay accepted on the command line: a sanity bound (100 million kr).
MAX_PAY = Decimal(100_000_000)

#: Labels of the contract's fields in ``contract show`` (message ids).
FIELD_LABELS = {
    "number": "Contract",
    "member": "Employee",
    "assignments": "Assignments",
    "form": "Form of employment",
    "start": "First day",
    "end": "Last day",
    "end_conditions": "Conditions for the end",
    "basis": "Grounds",
    "probation_conditions": "Conditions of the trial period",
    "place_of_work": "Place of work",
    "tasks": "Tasks and title",
    "scope": "Working time",
    "overtime": "Overtime and extra time",
    "schedule_notice": "Notice of schedules",
    "pay_terms": "Starting pay",
    "monthly_pay": "Monthly pay",
    "pay_schedule": "Payment",
    "holiday_pay": "Holiday",
    "holiday_terms": "Holiday terms",
    "notice_rules": "Notice and procedure",
    "collective_agreement": "Collective agreement",
    "social_insurance": "Social insurance",
    "training": "Training",
    "made_on": "Made on",
    "signed": "Signed by both parties",
    "ended_on": "Ended on",
    "end_reason": "Reason",
    "end_note": "Note",
}

#: How holiday is paid (``HolidayPayTerms`` values), as read.
_HOLIDAY_LABELS = {
    "semesterersattning": "Holiday pay paid out with the salary (semesterersättning)",
    "semesterlon": "Paid holiday (semesterlön)",
}


# -- parsing and showing ------------------------------------------------------------------


def _date(text: str | None, field: str) -> date | None:
    return parse_date(None if text is None else text.strip(), field)


def _number(text: str | None, field: str, largest: Decimal) -> Decimal | None:
    """A number as people write it (``7,5``, ``60 000``), finite, from 0 to ``largest``."""
    from kooperativ.errors import InputError

    if text is None:
        return None
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InputError(field, "{value!r} is not a number", value=text) from None
    if not value.is_finite():
        raise InputError(field, "{value!r} is not a finite number", value=text)
    if value < 0:
        raise InputError(field, "must not be negative (got {value})", value=text)
    if value > largest:
        raise InputError(field, "{value} is more than {largest}", value=text, largest=largest)
    return value


def _month(text: str) -> date:
    """Parse ``YYYY-MM`` (or a full date) as the first day of that month."""
    from kooperativ.errors import InputError

    try:
        if len(text.strip()) == 7:
            return date.fromisoformat(f"{text.strip()}-01")
        return date.fromisoformat(text.strip()).replace(day=1)
    except ValueError:
        raise InputError("month", "{value!r} is not a month (use YYYY-MM)", value=text) from None


def _moment(text: str | None) -> datetime | None:
    from kooperativ.errors import InputError

    if text is None:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            "at", "{value!r} is not a date-time (YYYY-MM-DDTHH:MM+01:00)", value=text
        ) from None


def _table(title: str, columns: list[str], rows: list[tuple[object, ...]]) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left", pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    return table


def _money(cli: CliContext, value: Decimal) -> str:
    return f"{cli.amount(value)} kr"


def _end_reason(_: Callable[[str], str], reason: str | None) -> str:
    from kooperativ.documents.contract import END_REASON_LABELS
    from kooperativ.employment.models import EndReason

    return _(END_REASON_LABELS[EndReason(reason)]) if reason else ""


# -- contracts ------------------------------------------------------------------------------


def _form_label(law: EmploymentLaw, code: str, _: Callable[[str], str]) -> str:
    from kooperativ.errors import KooperativError

    try:
        return _(law.form(code).label)
    except KooperativError:
        return code


def _form_short(law: EmploymentLaw, code: str, _: Callable[[str], str]) -> str:
    from kooperativ.errors import KooperativError

    try:
        return _(law.form(code).short)
    except KooperativError:
        return code


@contract_app.command("create")
@shared_options(actor=True, json=True)
def contract_create(
    cli: CliContext,
    assignment: Annotated[
        list[int],
        typer.Option(help="Assignment number (repeat for one contract covering several)."),
    ],
    form: Annotated[
        str | None,
        typer.Option(
            "--form", "--type", help="sarskild_visstidsanstallning (default), vikariat, …"
        ),
    ] = None,
    made_on: Annotated[str | None, typer.Option(help="Date made (default: today).")] = None,
    start: Annotated[
        str | None, typer.Option(help="First day (default: the assignment's).")
    ] = None,
    end: Annotated[str | None, typer.Option(help="Last day (default: the assignment's).")] = None,
    end_conditions: Annotated[str | None, typer.Option(help="Conditions for the end.")] = None,
    basis: Annotated[str | None, typer.Option(help="Grounds for a vikariat or season.")] = None,
    place_of_work: Annotated[str | None, typer.Option()] = None,
    tasks: Annotated[str | None, typer.Option(help="Tasks and title.")] = None,
    scope: Annotated[str | None, typer.Option(help="Working time.")] = None,
    pay_terms: Annotated[str | None, typer.Option(help="Starting pay.")] = None,
    monthly_pay: Annotated[str | None, typer.Option(help="Monthly pay, if fixed.")] = None,
    holiday_pay: Annotated[
        str | None,
        typer.Option(help="semesterersattning (paid out, if allowed) or semesterlon (leave)."),
    ] = None,
    notice_rules: Annotated[str | None, typer.Option(help="Notice and procedure.")] = None,
    number: Annotated[int | None, typer.Option(help="Contract number (default: next).")] = None,
) -> None:
    """Create the employment contract for an assignment (or several)."""
    with cli.guard():
        day = _date(made_on, "made_on") or date.today()
        first, last = _date(start, "start"), _date(end, "end")
        pay = _number(monthly_pay, "monthly_pay", MAX_PAY)
        with cli.open() as coop:
            contract = coop.contracts.create(
                cli.actor(coop),
                assignment=assignment if len(assignment) > 1 else assignment[0],
                made_on=day,
                form=form,
                start=first,
                end=last,
                end_conditions=end_conditions,
                basis=basis,
                place_of_work=place_of_work,
                tasks=tasks,
                scope=scope,
                pay_terms=pay_terms,
                monthly_pay=pay,
                holiday_pay=holiday_pay,
                notice_rules=notice_rules,
                number=number,
            )
            law = coop.contracts.law
    if cli.as_json:
        from kooperativ.employment.views import contract_json

        cli.print_json(contract_json(contract))
        return
    _ = cli.messages()
    cli.print(
        _("Contract {number}: {type}, {start} – {end}.").format(
            number=contract.number,
            type=_form_label(law, contract.form, _),
            start=contract.start,
            end=contract.end or "…",
        )
    )


def _show_rows(
    cli: CliContext, coop: Cooperative, actor: Actor, found: EmploymentContract
) -> list[tuple[str, str]]:
    """The contract's fields as ``(label, value)`` in the command's language."""
    from kooperativ.employment import defaults

    _ = cli.messages()
    law = coop.contracts.law
    member = coop.members.get(actor, found.member_id)
    jobs = [coop.assignments.get(actor, i) for i in found.assignment_ids]

    def term(text: str | None) -> str:
        return defaults.localise(text, _, law) or ""

    values: dict[str, str] = {
        "number": str(found.number),
        "member": f"{member.name} ({_('member')} {member.number})",
        "assignments": ", ".join(f"{job.number}: {job.description}" for job in jobs),
        "form": _form_label(law, found.form, _),
        "start": found.start.isoformat(),
        "end": found.end.isoformat() if found.end else _("Until further notice"),
        "end_conditions": found.end_conditions or "",
        "basis": found.basis or "",
        "probation_conditions": found.probation_conditions or "",
        "place_of_work": found.place_of_work,
        "tasks": found.tasks,
        "scope": term(found.scope),
        "overtime": term(found.overtime),
        "schedule_notice": found.schedule_notice or "",
        "pay_terms": term(found.pay_terms),
        "monthly_pay": _money(cli, found.monthly_pay) if found.monthly_pay is not None else "",
        "pay_schedule": term(found.pay_schedule),
        "holiday_pay": _(_HOLIDAY_LABELS[found.holiday_pay.value])
        + (
            f", {cli.percent(found.holiday_pay_rate)}" if found.holiday_pay_rate is not None else ""
        ),
        "holiday_terms": term(found.holiday_terms),
        "notice_rules": term(found.notice_rules),
        "collective_agreement": found.collective_agreement
        or _("The employer is not bound by a collective agreement"),
        "social_insurance": term(found.social_insurance),
        "training": found.training or "",
        "made_on": found.made_on.isoformat(),
        "signed": _("yes") if found.signed else _("no"),
        "ended_on": found.ended_on.isoformat() if found.ended_on else "",
        "end_reason": _end_reason(_, found.end_reason),
        "end_note": found.end_note or "",
    }
    rows = [(_(FIELD_LABELS[key]), value) for key, value in values.items() if value]
    for part in found.pay_parts:
        amount = []
        if part.rate is not None:
            amount.append(cli.percent(part.rate))
        if part.amount is not None:
            amount.append(_money(cli, part.amount))
        rows.append(
            (
                f"{_('Pay')}: {term(part.name)}",
                " – ".join(x for x in (*amount, term(part.description)) if x),
            )
        )
    for signature in found.signatures:
        rows.append(
            (
                f"{_('Signed')}: {_(signature.party.value)}",
                f"{signature.name}, {signature.at.isoformat(timespec='minutes')}",
            )
        )
    return rows


@contract_app.command("show")
@shared_options(actor=True, json=True)
def contract_show(
    cli: CliContext,
    contract: Annotated[int, typer.Argument(help="Contract number.")],
    on: Annotated[str | None, typer.Option(help="Check deadlines as of (default: today).")] = None,
) -> None:
    """Show one employment contract and whether its written information is complete."""
    with cli.guard():
        day = _date(on, "on") or date.today()
        with cli.open() as coop:
            actor = cli.actor(coop)
            found = coop.contracts.get(actor, contract)
            report = coop.contracts.information(actor, contract, day)
            rows = [] if cli.as_json else _show_rows(cli, coop, actor, found)
    _ = cli.messages()
    if cli.as_json:
        from kooperativ.employment.views import contract_json, information_json

        cli.print_json({**contract_json(found), "information": information_json(report, _)})
        return
    from rich.table import Table

    table = Table(show_header=False, title=f"{_('Contract')} {found.number}", title_justify="left")
    table.add_column(overflow="fold")
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(label, value)
    cli.print(table)
    if report.complete and not report.problems:
        cli.print(_("Written information complete (LAS 6 c §)."))
    for problem in report.problems:
        cli.print(cli.finding_line(problem))


@contract_app.command("list")
@shared_options(actor=True, json=True)
def contract_list(
    cli: CliContext,
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
) -> None:
    """List employment contracts."""
    with cli.guard(), cli.open() as coop:
        found = coop.contracts.list(cli.actor(coop), member)
        law = coop.contracts.law
    if cli.as_json:
        from kooperativ.employment.views import contract_json

        cli.print_json([contract_json(c) for c in found])
        return
    _ = cli.messages()
    cli.print(
        _table(
            _("Contracts"),
            ["#", _("Form"), _("Start"), _("End"), _("Signed"), _("Ended")],
            [
                (
                    c.number,
                    _form_short(law, c.form, _),
                    c.start,
                    c.end or "…",
                    _("yes") if c.signed else _("no"),
                    f"{c.ended_on} ({_end_reason(_, c.end_reason)})" if c.end_reason else "",
                )
                for c in found
            ],
        )
    )


@contract_app.command("pdf")
@shared_options(actor=True)
def contract_pdf(
    cli: CliContext,
    contract: Annotated[int, typer.Argument(help="Contract number.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: contract-N.pdf).")
    ] = None,
) -> None:
    """Write the contract as a PDF (anställningsavtal) in Swedish or English.

    The contract's language is the command's: ``--lang``, else the cooperative's.
    """
    with cli.guard():
        lang = cli.language if cli.chosen_language else None
        with cli.open() as coop:
            data = coop.contracts.pdf(cli.actor(coop), contract, lang)
            target = output or Path(f"contract-{contract}-{lang or coop.config.language}.pdf")
        try:
            target.write_bytes(data)
        except OSError as error:
            from kooperativ.errors import InputError, os_reason

            raise InputError(
                "output", "cannot write {path}: {reason}", path=target, reason=os_reason(error)
            ) from None
    cli.print(cli.messages()("Wrote {path} ({size} bytes).").format(path=target, size=len(data)))


@contract_app.command("sign")
@shared_options(actor=True, json=True)
def contract_sign(
    cli: CliContext,
    contract: Annotated[int, typer.Argument(help="Contract number.")],
    party: Annotated[str, typer.Option(help="employee or employer.")],
    at: Annotated[
        str | None, typer.Option(help="When (ISO date-time with offset; default: now).")
    ] = None,
) -> None:
    """Record a party's signature (the employee signs with --as their member number)."""
    with cli.guard():
        when = _moment(at)
        with cli.open() as coop:
            signed = coop.contracts.sign(cli.actor(coop), contract, party, when)
    if cli.as_json:
        from kooperativ.employment.views import contract_json

        cli.print_json(contract_json(signed))
        return
    _ = cli.messages()
    cli.print(
        _("Contract {number} signed by the {party}.").format(
            number=signed.number, party=_(signed.signatures[-1].party.value)
        )
    )
    if signed.signed:
        cli.print(_("Both parties have signed."))


@contract_app.command("end")
@shared_options(actor=True, json=True)
def contract_end(
    cli: CliContext,
    contract: Annotated[int, typer.Argument(help="Contract number.")],
    on: Annotated[str, typer.Option(help="Last day of employment (YYYY-MM-DD).")],
    reason: Annotated[
        str,
        typer.Option(
            help="assignment_completed, fixed_term_expired, resignation, redundancy, "
            "personal_reasons, summary_dismissal, probation_ended, mutual_agreement, converted."
        ),
    ],
    note: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Record that an employment ended, and why (for the employer's certificate)."""
    with cli.guard():
        day = _date(on, "on")
        if day is None:  # pragma: no cover - a required option
            from kooperativ.errors import InputError

            raise InputError("on", "is required")
        with cli.open() as coop:
            ended = coop.contracts.end(cli.actor(coop), contract, on=day, reason=reason, note=note)
    if cli.as_json:
        from kooperativ.employment.views import contract_json

        cli.print_json(contract_json(ended))
        return
    _ = cli.messages()
    cli.print(
        _("Contract {number} ended on {day} ({reason}).").format(
            number=ended.number, day=ended.ended_on, reason=_end_reason(_, ended.end_reason)
        )
    )


# -- hours ----------------------------------------------------------------------------------


def _numbers(coop: Cooperative, actor: Actor, reports: list[HoursReport]) -> dict[object, int]:
    """The numbers of the assignments ``reports`` are about."""
    ids = dict.fromkeys(h.assignment_id for h in reports)
    return {i: coop.assignments.get(actor, i).number for i in ids}


@hours_app.command("add")
@shared_options(actor=True, json=True)
def hours_add(
    cli: CliContext,
    assignment: Annotated[int, typer.Option(help="Assignment number.")],
    month: Annotated[str, typer.Option(help="Calendar month (YYYY-MM).")],
    hours: Annotated[str, typer.Option(help="Hours worked, e.g. 37.5 or 37,5.")],
    note: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Report hours worked on an assignment in a month (the member, or a manager)."""
    with cli.guard():
        from kooperativ.employment.models import MAX_HOURS_IN_A_MONTH

        first = _month(month)
        amount = _number(hours, "hours", MAX_HOURS_IN_A_MONTH)
        if amount is None:  # pragma: no cover - a required option
            from kooperativ.errors import InputError

            raise InputError("hours", "is required")
        with cli.open() as coop:
            report = coop.employment.add_hours(
                cli.actor(coop), assignment=assignment, month=first, hours=amount, note=note
            )
    from kooperativ.employment.views import hours_json, month_text

    if cli.as_json:
        cli.print_json(hours_json(report, assignment))
        return
    cli.print(
        cli.messages()(
            "Hours report {number}: {hours} hours on assignment {assignment} in {month}."
        ).format(
            number=report.number,
            hours=cli.figure(report.hours),
            assignment=assignment,
            month=month_text(first),
        )
    )


@hours_app.command("confirm")
@shared_options(actor=True, json=True)
def hours_confirm(
    cli: CliContext,
    report: Annotated[int, typer.Argument(help="Hours report number.")],
) -> None:
    """Confirm reported hours (treasurer or admin)."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        confirmed = coop.employment.confirm_hours(actor, report)
        jobs = _numbers(coop, actor, [confirmed])
    if cli.as_json:
        from kooperativ.employment.views import hours_json

        cli.print_json(hours_json(confirmed, jobs.get(confirmed.assignment_id)))
        return
    cli.print(
        cli.messages()("Hours report {number} confirmed by {name}.").format(
            number=confirmed.number, name=confirmed.confirmed_by
        )
    )


@hours_app.command("list")
@shared_options(actor=True, json=True)
def hours_list(
    cli: CliContext,
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
    assignment: Annotated[int | None, typer.Option(help="Only this assignment's.")] = None,
    month: Annotated[str | None, typer.Option(help="Only this month (YYYY-MM).")] = None,
) -> None:
    """List reported hours."""
    with cli.guard():
        first = _month(month) if month else None
        with cli.open() as coop:
            actor = cli.actor(coop)
            found = coop.employment.list_hours(
                actor, member=member, assignment=assignment, month=first
            )
            jobs = _numbers(coop, actor, found)
    from kooperativ.employment.views import hours_json, month_text

    if cli.as_json:
        cli.print_json([hours_json(h, jobs.get(h.assignment_id)) for h in found])
        return
    _ = cli.messages()
    cli.print(
        _table(
            _("Hours worked"),
            ["#", _("Assignment"), _("Month"), _("Hours"), _("Reported by"), _("Confirmed by")],
            [
                (
                    h.number,
                    jobs.get(h.assignment_id),
                    month_text(h.month),
                    cli.figure(h.hours),
                    h.reported_by,
                    h.confirmed_by or "",
                )
                for h in found
            ],
        )
    )


# -- employment time ------------------------------------------------------------------------


@shared_options(actor=True, json=True)
def employment_time(
    cli: CliContext,
    member: Annotated[int, typer.Argument(help="Member number.")],
    on: Annotated[str | None, typer.Option(help="Count to this day (default: today).")] = None,
) -> None:
    """A member's days and hours per month, and how far they are from each LAS limit."""
    with cli.guard():
        day = _date(on, "on") or date.today()
        with cli.open() as coop:
            result = coop.employment.time(cli.actor(coop), member, day)
            law = coop.contracts.law
    _ = cli.messages()
    from kooperativ.employment.views import month_text, time_json

    if cli.as_json:
        cli.print_json(time_json(result, _))
        return
    forms = [code for code in dict.fromkeys(k for m in result.months for k in m.days) if code]
    cli.print(
        _table(
            _("Employment time of member {number} ({name})").format(
                number=result.member_number, name=result.member_name
            ),
            [
                _("Month"),
                *(_form_short(law, code, _) for code in forms),
                _("Between"),
                _("Reported"),
                _("Confirmed"),
            ],
            [
                (
                    month_text(m.month),
                    *(m.days.get(code, 0) for code in forms),
                    m.gap_days,
                    cli.figure(m.hours_reported),
                    cli.figure(m.hours_confirmed),
                )
                for m in result.months
            ],
        )
    )
    time = result.time
    cli.print(
        _table(
            _("Limits on {day} (window from {start})").format(day=time.on, start=time.window_start),
            [_("Rule"), _("Days"), _("Limit"), _("Passed on"), _("If continued")],
            [
                (
                    _(s.label),
                    s.days,
                    f"> {s.limit_days}",
                    s.reached_on or "",
                    s.projected_on or "",
                )
                for s in time.limits
            ],
        )
    )
    for status in time.limits:
        cli.print(f"{_(status.label)}: {status.reference}")
    for right in time.preferential_rights:
        cli.print(
            _("{right} until {day}: gives priority to {priority} ({reference})").format(
                right=_(right.label),
                day=right.until,
                priority=_(right.priority_to),
                reference=right.reference,
            )
        )
    for problem in time.problems:
        cli.print(cli.finding_line(problem))


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.add_typer(contract_app, name="contract")
    employment_app.add_typer(hours_app, name="hours")
    employment_app.command("time")(employment_time)
    app.add_typer(employment_app, name="employment")

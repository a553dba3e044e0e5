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

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from kooperativ.cli._common import console, err_console, exit_code_for, print_json
from kooperativ.cli.coop import (
    AsOption,
    CoopOption,
    DatabaseOption,
    JsonOption,
    _actor,
    _open,
)
from kooperativ.config import load_config
from kooperativ.cooperative import Cooperative
from kooperativ.documents.contract import END_REASON_LABELS
from kooperativ.employment import defaults
from kooperativ.employment.models import (
    MAX_HOURS_IN_A_MONTH,
    EmploymentContract,
    HolidayPayTerms,
    HoursReport,
)
from kooperativ.errors import InputError, KooperativError, os_reason
from kooperativ.i18n import format_amount, messages
from kooperativ.problems import Problem
from kooperativ.rules.employment import EmploymentLaw, EmploymentProblem
from kooperativ.security import Actor
from kooperativ.services.employment import MemberTime

__all__ = ["employment_warnings", "register"]

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

_HOLIDAY_LABELS = {
    HolidayPayTerms.PAID_OUT: "Holiday pay paid out with the salary (semesterersättning)",
    HolidayPayTerms.PAID_LEAVE: "Paid holiday (semesterlön)",
}


# -- language, errors, parsing ----------------------------------------------------------------


def _language(coop_dir: Path) -> str:
    """The cooperative's language, or English when the folder cannot be read."""
    try:
        return load_config(coop_dir).language
    except KooperativError:
        return "en"


def _texts(coop: Cooperative) -> Callable[[str], str]:
    """Every text in the cooperative's language (all catalogs: labels, findings, errors)."""
    return messages(coop.config.language)


@contextmanager
def _guard(coop_dir: Path) -> Iterator[None]:
    """Errors of the library as one line in the cooperative's language, exit code kept."""
    try:
        yield
    except KooperativError as error:
        _ = messages(_language(coop_dir))
        err_console.print(f"[bold red]{_('error')}:[/] {error.render(_)}", soft_wrap=True)
        raise typer.Exit(code=exit_code_for(error)) from None


def _date(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(field, "{value!r} is not a date (use YYYY-MM-DD)", value=text) from None


def _number(text: str | None, field: str, largest: Decimal) -> Decimal | None:
    """A number as people write it (``7,5``, ``60 000``), finite, from 0 to ``largest``."""
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
    try:
        if len(text.strip()) == 7:
            return date.fromisoformat(f"{text.strip()}-01")
        return date.fromisoformat(text.strip()).replace(day=1)
    except ValueError:
        raise InputError("month", "{value!r} is not a month (use YYYY-MM)", value=text) from None


def _moment(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            "at", "{value!r} is not a date-time (YYYY-MM-DDTHH:MM+01:00)", value=text
        ) from None


def _figure(value: Decimal, lang: str) -> str:
    """A number in the language's way, with as many decimals as it has (at most two)."""
    exponent = value.normalize().as_tuple().exponent
    decimals = min(2, -exponent) if isinstance(exponent, int) and exponent < 0 else 0
    return format_amount(value, lang, decimals)


def _money(value: Decimal, lang: str) -> str:
    return f"{format_amount(value, lang)} kr"


def _percent(rate: Decimal, lang: str) -> str:
    return f"{_figure(rate * 100, lang)} %"


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> Table:
    table = Table(title=title, title_justify="left", pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    return table


def _problem_json(problem: Problem, _: Callable[[str], str]) -> dict[str, str]:
    where, message = problem.text(_)
    code = problem.code if isinstance(problem, EmploymentProblem) else ""
    return {"severity": problem.severity, "code": code, "where": where, "message": message}


def _problem_line(problem: Problem, _: Callable[[str], str]) -> str:
    colour = "red" if problem.severity == "error" else "yellow"
    return f"[{colour}]{_(problem.severity)}:[/] {problem.text(_)[1]}"


# -- contracts ------------------------------------------------------------------------------


def _contract_row(c: EmploymentContract) -> dict[str, Any]:
    data = c.model_dump(mode="json")
    data["signed"] = c.signed
    return data


def _form_label(law: EmploymentLaw, code: str, _: Callable[[str], str]) -> str:
    try:
        return _(law.form(code).label)
    except KooperativError:
        return code


def _form_short(law: EmploymentLaw, code: str, _: Callable[[str], str]) -> str:
    try:
        return _(law.form(code).short)
    except KooperativError:
        return code


@contract_app.command("create")
def contract_create(
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
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create the employment contract for an assignment (or several)."""
    with _guard(coop_dir):
        day = _date(made_on, "made_on") or date.today()
        first, last = _date(start, "start"), _date(end, "end")
        pay = _number(monthly_pay, "monthly_pay", MAX_PAY)
        with _open(coop_dir, database) as coop:
            contract = coop.contracts.create(
                _actor(coop, as_member),
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
            _ = _texts(coop)
            label = _form_label(coop.contracts.law, contract.form, _)
    if as_json:
        print_json(_contract_row(contract))
    else:
        console.print(
            _("Contract {number}: {type}, {start} – {end}.").format(
                number=contract.number,
                type=label,
                start=contract.start,
                end=contract.end or "…",
            )
        )


def _show_rows(
    coop: Cooperative, actor: Actor, found: EmploymentContract, _: Callable[[str], str]
) -> list[tuple[str, str]]:
    """The contract's fields as ``(label, value)`` in the cooperative's language."""
    law = coop.contracts.law
    lang = coop.config.language
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
        "monthly_pay": _money(found.monthly_pay, lang) if found.monthly_pay is not None else "",
        "pay_schedule": term(found.pay_schedule),
        "holiday_pay": _(_HOLIDAY_LABELS[found.holiday_pay])
        + (
            f", {_percent(found.holiday_pay_rate, lang)}"
            if found.holiday_pay_rate is not None
            else ""
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
        "end_reason": _(END_REASON_LABELS[found.end_reason]) if found.end_reason else "",
        "end_note": found.end_note or "",
    }
    rows = [(_(FIELD_LABELS[key]), value) for key, value in values.items() if value]
    for part in found.pay_parts:
        amount = []
        if part.rate is not None:
            amount.append(_percent(part.rate, lang))
        if part.amount is not None:
            amount.append(_money(part.amount, lang))
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
def contract_show(
    contract: Annotated[int, typer.Argument(help="Contract number.")],
    on: Annotated[str | None, typer.Option(help="Check deadlines as of (default: today).")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one employment contract and whether its written information is complete."""
    with _guard(coop_dir):
        day = _date(on, "on") or date.today()
        with _open(coop_dir, database) as coop:
            actor = _actor(coop, as_member)
            found = coop.contracts.get(actor, contract)
            report = coop.contracts.information(actor, contract, day)
            _ = _texts(coop)
            rows = _show_rows(coop, actor, found, _)
    if as_json:
        row = _contract_row(found)
        row["information"] = {
            "complete": report.complete,
            "missing": [
                {"item": i.key, "label": _(i.label), "reference": i.reference}
                for i in report.missing
            ],
            "given_on": report.given_on,
            "due_on": report.due_on,
            "late": report.late,
            "problems": [_problem_json(p, _) for p in report.problems],
        }
        print_json(row)
        return
    table = Table(show_header=False, title=f"{_('Contract')} {found.number}", title_justify="left")
    table.add_column(overflow="fold")
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)
    if report.complete and not report.problems:
        console.print(_("Written information complete (LAS 6 c §)."))
    for problem in report.problems:
        console.print(_problem_line(problem, _))


@contract_app.command("list")
def contract_list(
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """List employment contracts."""
    with _guard(coop_dir), _open(coop_dir, database) as coop:
        found = coop.contracts.list(_actor(coop, as_member), member)
        _ = _texts(coop)
        law = coop.contracts.law
    if as_json:
        print_json([_contract_row(c) for c in found])
        return
    console.print(
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
                    f"{c.ended_on} ({_(END_REASON_LABELS[c.end_reason])})" if c.end_reason else "",
                )
                for c in found
            ],
        )
    )


@contract_app.command("pdf")
def contract_pdf(
    contract: Annotated[int, typer.Argument(help="Contract number.")],
    lang: Annotated[str | None, typer.Option(help="sv or en (default: the cooperative's).")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: contract-N.pdf).")
    ] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
) -> None:
    """Write the contract as a PDF (anställningsavtal) in Swedish or English."""
    with _guard(coop_dir), _open(coop_dir, database) as coop:
        data = coop.contracts.pdf(_actor(coop, as_member), contract, lang)
        _ = _texts(coop)
        target = output or Path(f"contract-{contract}-{lang or coop.config.language}.pdf")
        try:
            target.write_bytes(data)
        except OSError as error:
            raise InputError(
                "output", "cannot write {path}: {reason}", path=target, reason=os_reason(error)
            ) from None
    console.print(_("Wrote {path} ({size} bytes).").format(path=target, size=len(data)))


@contract_app.command("sign")
def contract_sign(
    contract: Annotated[int, typer.Argument(help="Contract number.")],
    party: Annotated[str, typer.Option(help="employee or employer.")],
    at: Annotated[
        str | None, typer.Option(help="When (ISO date-time with offset; default: now).")
    ] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a party's signature (the employee signs with --as their member number)."""
    with _guard(coop_dir):
        when = _moment(at)
        with _open(coop_dir, database) as coop:
            signed = coop.contracts.sign(_actor(coop, as_member), contract, party, when)
            _ = _texts(coop)
    if as_json:
        print_json(_contract_row(signed))
        return
    console.print(
        _("Contract {number} signed by the {party}.").format(
            number=signed.number, party=_(signed.signatures[-1].party.value)
        )
    )
    if signed.signed:
        console.print(_("Both parties have signed."))


@contract_app.command("end")
def contract_end(
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
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record that an employment ended, and why (for the employer's certificate)."""
    with _guard(coop_dir):
        day = _date(on, "on")
        if day is None:  # pragma: no cover - a required option
            raise InputError("on", "is required")
        with _open(coop_dir, database) as coop:
            ended = coop.contracts.end(
                _actor(coop, as_member), contract, on=day, reason=reason, note=note
            )
            _ = _texts(coop)
    if as_json:
        print_json(_contract_row(ended))
        return
    why = _(END_REASON_LABELS[ended.end_reason]) if ended.end_reason else ""
    console.print(
        _("Contract {number} ended on {day} ({reason}).").format(
            number=ended.number, day=ended.ended_on, reason=why
        )
    )


# -- hours ----------------------------------------------------------------------------------


def _hours_row(h: HoursReport, jobs: dict[Any, int]) -> dict[str, Any]:
    data = h.model_dump(mode="json")
    data["assignment"] = jobs.get(h.assignment_id)
    data["month"] = h.month.isoformat()[:7]
    return data


@hours_app.command("add")
def hours_add(
    assignment: Annotated[int, typer.Option(help="Assignment number.")],
    month: Annotated[str, typer.Option(help="Calendar month (YYYY-MM).")],
    hours: Annotated[str, typer.Option(help="Hours worked, e.g. 37.5 or 37,5.")],
    note: Annotated[str | None, typer.Option()] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Report hours worked on an assignment in a month (the member, or a manager)."""
    with _guard(coop_dir):
        first = _month(month)
        amount = _number(hours, "hours", MAX_HOURS_IN_A_MONTH)
        if amount is None:  # pragma: no cover - a required option
            raise InputError("hours", "is required")
        with _open(coop_dir, database) as coop:
            report = coop.employment.add_hours(
                _actor(coop, as_member), assignment=assignment, month=first, hours=amount, note=note
            )
            _ = _texts(coop)
            lang = coop.config.language
    if as_json:
        print_json(_hours_row(report, {report.assignment_id: assignment}))
        return
    console.print(
        _("Hours report {number}: {hours} hours on assignment {assignment} in {month}.").format(
            number=report.number,
            hours=_figure(report.hours, lang),
            assignment=assignment,
            month=first.isoformat()[:7],
        )
    )


@hours_app.command("confirm")
def hours_confirm(
    report: Annotated[int, typer.Argument(help="Hours report number.")],
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Confirm reported hours (treasurer or admin)."""
    with _guard(coop_dir), _open(coop_dir, database) as coop:
        confirmed = coop.employment.confirm_hours(_actor(coop, as_member), report)
        jobs = {a.id: a.number for a in coop.assignments.list(Actor.admin())}
        _ = _texts(coop)
    if as_json:
        print_json(_hours_row(confirmed, jobs))
        return
    console.print(
        _("Hours report {number} confirmed by {name}.").format(
            number=confirmed.number, name=confirmed.confirmed_by
        )
    )


@hours_app.command("list")
def hours_list(
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
    assignment: Annotated[int | None, typer.Option(help="Only this assignment's.")] = None,
    month: Annotated[str | None, typer.Option(help="Only this month (YYYY-MM).")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """List reported hours."""
    with _guard(coop_dir):
        first = _month(month) if month else None
        with _open(coop_dir, database) as coop:
            found = coop.employment.list_hours(
                _actor(coop, as_member), member=member, assignment=assignment, month=first
            )
            jobs = {a.id: a.number for a in coop.assignments.list(Actor.admin())}
            _ = _texts(coop)
            lang = coop.config.language
    if as_json:
        print_json([_hours_row(h, jobs) for h in found])
        return
    console.print(
        _table(
            _("Hours worked"),
            ["#", _("Assignment"), _("Month"), _("Hours"), _("Reported by"), _("Confirmed by")],
            [
                (
                    h.number,
                    jobs.get(h.assignment_id),
                    h.month.isoformat()[:7],
                    _figure(h.hours, lang),
                    h.reported_by,
                    h.confirmed_by or "",
                )
                for h in found
            ],
        )
    )


# -- employment time ------------------------------------------------------------------------


def _time_json(result: MemberTime, _: Callable[[str], str]) -> dict[str, Any]:
    time = result.time
    return {
        "member": result.member_number,
        "name": result.member_name,
        "on": time.on,
        "window_start": time.window_start,
        "days_by_type": {k: v for k, v in time.days_by_form.items() if v},
        "gap_days": time.gap_days,
        "total_days": time.total_days,
        "limits": [
            {
                "rule": s.code,
                "label": _(s.label),
                "reference": s.reference,
                "limit_days": s.limit_days,
                "days": s.days,
                "window_start": s.window_start,
                "reached_on": s.reached_on,
                "projected_on": s.projected_on,
                "warn_from_days": s.warn_from_days,
            }
            for s in time.limits
        ],
        "conversion": None
        if time.conversion is None
        else {
            "rule": time.conversion.code,
            "on": time.conversion.on,
            "reference": time.conversion.reference,
            "recorded": time.conversion.recorded,
        },
        "preferential_rights": [
            {
                "right": r.code,
                "label": _(r.label),
                "priority_to": _(r.priority_to),
                "reference": r.reference,
                "ended_on": r.ended_on,
                "until": r.until,
            }
            for r in time.preferential_rights
        ],
        "preferential_right_until": time.preferential_right_until,
        "warnings": [_problem_json(p, _) for p in time.problems],
        "months": [
            {
                "month": m.month.isoformat()[:7],
                "days": {k: v for k, v in m.days.items() if v},
                "gap_days": m.gap_days,
                "hours_reported": m.hours_reported,
                "hours_confirmed": m.hours_confirmed,
            }
            for m in result.months
        ],
    }


def employment_time(
    member: Annotated[int, typer.Argument(help="Member number.")],
    on: Annotated[str | None, typer.Option(help="Count to this day (default: today).")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """A member's days and hours per month, and how far they are from each LAS limit."""
    with _guard(coop_dir):
        day = _date(on, "on") or date.today()
        with _open(coop_dir, database) as coop:
            result = coop.employment.time(_actor(coop, as_member), member, day)
            _ = _texts(coop)
            law = coop.contracts.law
            lang = coop.config.language
    if as_json:
        print_json(_time_json(result, _))
        return
    forms = [code for code in dict.fromkeys(k for m in result.months for k in m.days) if code]
    console.print(
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
                    m.month.isoformat()[:7],
                    *(m.days.get(code, 0) for code in forms),
                    m.gap_days,
                    _figure(m.hours_reported, lang),
                    _figure(m.hours_confirmed, lang),
                )
                for m in result.months
            ],
        )
    )
    time = result.time
    console.print(
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
        console.print(f"{_(status.label)}: {status.reference}")
    for right in time.preferential_rights:
        console.print(
            _("{right} until {day}: gives priority to {priority} ({reference})").format(
                right=_(right.label),
                day=right.until,
                priority=_(right.priority_to),
                reference=right.reference,
            )
        )
    for problem in time.problems:
        console.print(_problem_line(problem, _))


def employment_warnings(coop: Cooperative, actor: Actor, member: int, on: date) -> list[str]:
    """The employment-time findings of ``member`` on ``on`` as lines (for ``member show``),
    in the cooperative's language."""
    result = coop.employment.time(actor, member, on)
    _ = _texts(coop)
    return [f"{_(p.severity)}: {p.text(_)[1]}" for p in result.time.problems]


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.add_typer(contract_app, name="contract")
    employment_app.add_typer(hours_app, name="hours")
    employment_app.command("time")(employment_time)
    app.add_typer(employment_app, name="employment")

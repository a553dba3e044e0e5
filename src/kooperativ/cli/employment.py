# SPDX-License-Identifier: EUPL-1.2
"""Commands on employment: contracts, hours worked and employment time.

``kooperativ contract create|show|list|pdf|sign|end`` handle the employment contracts
(*anställningsavtal*); ``kooperativ employment hours add|confirm|list`` the hours worked per
assignment and month; ``kooperativ employment time MEMBER`` shows a member's days and hours
per month and how far they are from each limit of LAS.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from kooperativ.cli._common import console, guard, parse_date, parse_decimal, print_json
from kooperativ.cli.coop import (
    AsOption,
    CoopOption,
    DatabaseOption,
    JsonOption,
    _actor,
    _open,
    _table,
)
from kooperativ.cooperative import Cooperative
from kooperativ.employment.models import EmploymentContract, EmploymentType, HoursReport
from kooperativ.errors import InputError
from kooperativ.i18n import translator
from kooperativ.security import Actor
from kooperativ.services.employment import MemberTime

__all__ = ["employment_warnings", "register"]

contract_app = typer.Typer(help="Employment contracts (anställningsavtal).", no_args_is_help=True)
employment_app = typer.Typer(
    help="Hours worked and employment time under LAS.", no_args_is_help=True
)
hours_app = typer.Typer(help="Hours worked per assignment and month.", no_args_is_help=True)


def _tr(coop: Cooperative) -> Callable[[str], str]:
    return translator(coop.config.language, "employment")


def _problems(coop: Cooperative) -> Callable[[str], str]:
    """Findings (written information, employment time) use the ``problems`` catalog."""
    return translator(coop.config.language, "problems")


def _contract_row(c: EmploymentContract) -> dict[str, Any]:
    data = c.model_dump(mode="json")
    data["signed"] = c.signed
    return data


def _employment_type(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return EmploymentType(text).value
    except ValueError:
        known = ", ".join(t.value for t in EmploymentType)
        raise InputError("type", f"{text!r} is unknown (known: {known})") from None


def _month(text: str) -> date:
    """Parse ``YYYY-MM`` (or a full date) as the first day of that month."""
    try:
        if len(text) == 7:
            return date.fromisoformat(f"{text}-01")
        return date.fromisoformat(text).replace(day=1)
    except ValueError:
        raise InputError("month", f"{text!r} is not a month (use YYYY-MM)") from None


# -- contracts ------------------------------------------------------------------------------


@contract_app.command("create")
def contract_create(
    assignment: Annotated[
        list[int],
        typer.Option(help="Assignment number (repeat for one contract covering several)."),
    ],
    type_: Annotated[
        str | None,
        typer.Option("--type", help="sarskild_visstidsanstallning (default), vikariat, …"),
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
    notice_rules: Annotated[str | None, typer.Option(help="Notice and procedure.")] = None,
    number: Annotated[int | None, typer.Option(help="Contract number (default: next).")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create the employment contract for an assignment (or several)."""
    with guard():
        day = parse_date(made_on, "made_on") or date.today()
        with _open(coop_dir, database) as coop:
            contract = coop.contracts.create(
                _actor(coop, as_member),
                assignment=assignment if len(assignment) > 1 else assignment[0],
                made_on=day,
                type=_employment_type(type_),
                start=parse_date(start, "start"),
                end=parse_date(end, "end"),
                end_conditions=end_conditions,
                basis=basis,
                place_of_work=place_of_work,
                tasks=tasks,
                scope=scope,
                pay_terms=pay_terms,
                monthly_pay=parse_decimal(monthly_pay, "monthly_pay"),
                notice_rules=notice_rules,
                number=number,
            )
            _ = _tr(coop)
    if as_json:
        print_json(_contract_row(contract))
    else:
        console.print(
            _("Contract {number}: {type}, {start} – {end}.").format(
                number=contract.number,
                type=contract.type.value,
                start=contract.start,
                end=contract.end or "…",
            )
        )


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
    with guard():
        day = parse_date(on, "on") or date.today()
        with _open(coop_dir, database) as coop:
            actor = _actor(coop, as_member)
            found = coop.contracts.get(actor, contract)
            report = coop.contracts.information(actor, contract, day)
            _ = _tr(coop)
            texts = _problems(coop)
    row = _contract_row(found)
    row["information"] = {
        "complete": report.complete,
        "missing": [
            {"item": i.key, "label": i.label, "reference": i.reference} for i in report.missing
        ],
        "given_on": report.given_on,
        "due_on": report.due_on,
        "late": report.late,
        "problems": list(report.problems),
    }
    if as_json:
        print_json(row)
        return
    table = Table(show_header=False, title=f"{_('Contract')} {found.number}", title_justify="left")
    for key, value in row.items():
        if key in ("information", "signatures", "pay_parts"):
            continue
        table.add_row(key, "" if value is None else str(value))
    for part in found.pay_parts:
        value = part.rate if part.rate is not None else part.amount
        table.add_row(
            f"{_('pay')}: {part.name}", " ".join(str(x) for x in (value, part.description) if x)
        )
    for signature in found.signatures:
        table.add_row(
            f"{_('signed')}: {_(signature.party.value)}",
            f"{signature.name}, {signature.at.isoformat(timespec='minutes')}",
        )
    console.print(table)
    if report.complete and not report.problems:
        console.print(_("Written information complete (LAS 6 c §)."))
    for finding in report.findings:
        console.print(f"[yellow]![/] {finding.render(texts)}")


@contract_app.command("list")
def contract_list(
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """List employment contracts."""
    with guard(), _open(coop_dir, database) as coop:
        found = coop.contracts.list(_actor(coop, as_member), member)
        _ = _tr(coop)
    if as_json:
        print_json([_contract_row(c) for c in found])
        return
    console.print(
        _table(
            _("Contracts"),
            ["#", _("Type"), _("Start"), _("End"), _("Signed"), _("Ended")],
            [
                (
                    c.number,
                    c.type.value,
                    c.start,
                    c.end,
                    _("yes") if c.signed else _("no"),
                    f"{c.ended_on} ({c.end_reason.value})" if c.end_reason else "",
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
    with guard(), _open(coop_dir, database) as coop:
        data = coop.contracts.pdf(_actor(coop, as_member), contract, lang)
        _ = _tr(coop)
        target = output or Path(f"contract-{contract}-{lang or coop.config.language}.pdf")
        try:
            target.write_bytes(data)
        except OSError as error:
            raise InputError("output", f"cannot write {target}: {error.strerror}") from None
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
    with guard():
        when = None
        if at is not None:
            try:
                when = datetime.fromisoformat(at)
            except ValueError:
                raise InputError(
                    "at", f"{at!r} is not a date-time (YYYY-MM-DDTHH:MM+01:00)"
                ) from None
        with _open(coop_dir, database) as coop:
            signed = coop.contracts.sign(_actor(coop, as_member), contract, party, when)
            _ = _tr(coop)
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
    with guard():
        day = parse_date(on, "on")
        assert day is not None  # required option
        with _open(coop_dir, database) as coop:
            ended = coop.contracts.end(
                _actor(coop, as_member), contract, on=day, reason=reason, note=note
            )
            _ = _tr(coop)
    if as_json:
        print_json(_contract_row(ended))
        return
    console.print(
        _("Contract {number} ended on {day} ({reason}).").format(
            number=ended.number, day=ended.ended_on, reason=reason
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
    hours: Annotated[str, typer.Option(help="Hours worked, e.g. 37.5.")],
    note: Annotated[str | None, typer.Option()] = None,
    coop_dir: CoopOption = Path("."),
    database: DatabaseOption = None,
    as_member: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Report hours worked on an assignment in a month (the member, or a manager)."""
    with guard():
        first = _month(month)
        amount = parse_decimal(hours, "hours")
        assert amount is not None  # required option
        with _open(coop_dir, database) as coop:
            report = coop.employment.add_hours(
                _actor(coop, as_member), assignment=assignment, month=first, hours=amount, note=note
            )
            _ = _tr(coop)
    if as_json:
        print_json(_hours_row(report, {report.assignment_id: assignment}))
        return
    console.print(
        _("Hours report {number}: {hours} hours on assignment {assignment} in {month}.").format(
            number=report.number, hours=report.hours, assignment=assignment, month=month
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
    with guard(), _open(coop_dir, database) as coop:
        confirmed = coop.employment.confirm_hours(_actor(coop, as_member), report)
        jobs = {a.id: a.number for a in coop.assignments.list(Actor.admin())}
        _ = _tr(coop)
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
    with guard():
        first = _month(month) if month else None
        with _open(coop_dir, database) as coop:
            found = coop.employment.list_hours(
                _actor(coop, as_member), member=member, assignment=assignment, month=first
            )
            jobs = {a.id: a.number for a in coop.assignments.list(Actor.admin())}
            _ = _tr(coop)
    rows = [_hours_row(h, jobs) for h in found]
    if as_json:
        print_json(rows)
        return
    console.print(
        _table(
            _("Hours worked"),
            ["#", _("Assignment"), _("Month"), _("Hours"), _("Reported by"), _("Confirmed by")],
            [
                (
                    r["number"],
                    r["assignment"],
                    r["month"],
                    r["hours"],
                    r["reported_by"],
                    r["confirmed_by"] or "",
                )
                for r in rows
            ],
        )
    )


# -- employment time ------------------------------------------------------------------------


def _time_json(result: MemberTime) -> dict[str, Any]:
    time = result.time
    return {
        "member": result.member_number,
        "name": result.member_name,
        "on": time.on,
        "window_start": time.window_start,
        "days_by_type": {k.value: v for k, v in time.days_by_type.items() if v},
        "gap_days": time.gap_days,
        "total_days": time.total_days,
        "limits": [
            {
                "rule": s.rule.value,
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
        "preferential_right_until": time.preferential_right_until,
        "warnings": [
            {"severity": w.severity, "rule": w.rule.value, "message": w.message}
            for w in time.warnings
        ],
        "months": [
            {
                "month": m.month.isoformat()[:7],
                "days": {k.value: v for k, v in m.days.items() if v},
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
    with guard():
        day = parse_date(on, "on") or date.today()
        with _open(coop_dir, database) as coop:
            result = coop.employment.time(_actor(coop, as_member), member, day)
            _ = _tr(coop)
            texts = _problems(coop)
    if as_json:
        print_json(_time_json(result))
        return
    short = {
        EmploymentType.SPECIAL_FIXED_TERM: "SÄVA",
        EmploymentType.SUBSTITUTE: _("vikariat"),
        EmploymentType.SEASONAL: _("season"),
        EmploymentType.PROBATION: _("probation"),
        EmploymentType.PERMANENT: _("permanent"),
    }
    kinds = [k for k in short if any(m.days.get(k) for m in result.months)]
    console.print(
        _table(
            _("Employment time of member {number} ({name})").format(
                number=result.member_number, name=result.member_name
            ),
            [
                _("Month"),
                *(short[k] for k in kinds),
                _("LAS 3 § days"),
                _("Hours reported"),
                _("Hours confirmed"),
            ],
            [
                (
                    m.month.isoformat()[:7],
                    *(m.days.get(kind, 0) for kind in kinds),
                    m.gap_days,
                    m.hours_reported,
                    m.hours_confirmed,
                )
                for m in result.months
            ],
        )
    )
    time = result.time
    console.print(
        _table(
            _("Limits on {day} (window from {start})").format(day=time.on, start=time.window_start),
            [
                _("Rule"),
                _("Days"),
                _("Limit (more than)"),
                _("Reached"),
                _("If employment continued"),
                _("Reference"),
            ],
            [
                (
                    s.rule.value,
                    s.days,
                    s.limit_days,
                    s.reached_on or "",
                    s.projected_on or "",
                    s.reference,
                )
                for s in time.limits
            ],
        )
    )
    for warning in time.warnings:
        colour = "red" if warning.severity == "error" else "yellow"
        console.print(f"[{colour}]{texts(warning.severity)}:[/] {warning.render(texts)}")


def employment_warnings(coop: Cooperative, actor: Actor, member: int, on: date) -> list[str]:
    """The employment-time warnings of ``member`` on ``on`` as lines (for ``member show``),
    in the cooperative's language."""
    result = coop.employment.time(actor, member, on)
    texts = _problems(coop)
    return [f"{texts(w.severity)}: {w.render(texts)}" for w in result.time.warnings]


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.add_typer(contract_app, name="contract")
    employment_app.add_typer(hours_app, name="hours")
    employment_app.command("time")(employment_time)
    app.add_typer(employment_app, name="employment")

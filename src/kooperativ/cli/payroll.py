# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ payroll …``: salaries of the register's assignments, and payroll runs.

``payroll preview --assignment N`` shows what assignment N would pay its member, from the
register alone: the assignment's amount, the member's birth date and tax mode, and the
cooperative's fee and payroll policy (:meth:`PayrollService.preview
<kooperativ.services.payroll.PayrollService.preview>`). Nothing is retyped.

``payroll run --period 2026-05 --pay-date 2026-05-25`` computes the month's payroll run
(:mod:`kooperativ.services.payroll_runs`); ``show``, ``list``, ``approve``, ``mark-paid``
and ``correct`` follow it through. Their texts are in the ``payroll_runs`` catalog; a
member's amounts, personal identity number and bank account are shown only with
``--show-personal-data``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kooperativ.cli._common import parse_date, parse_decimal, required_date, table
from kooperativ.cli._context import CliContext, PersonalOption, shared_options

if TYPE_CHECKING:
    from kooperativ.cooperative import Cooperative
    from kooperativ.payroll.runs import PayrollRun, Payslip

__all__ = ["register"]

payroll_app = typer.Typer(help="Salaries of the register's assignments.", no_args_is_help=True)


@payroll_app.command("preview")
@shared_options(actor=True, json=True)
def payroll_preview(
    cli: CliContext,
    assignment: Annotated[int, typer.Option(help="Assignment number.", show_default=False)],
    paid: Annotated[
        str | None,
        typer.Option(help="Payment date (default: the first pay day after the assignment)."),
    ] = None,
    expenses: Annotated[
        str | None, typer.Option(help="Outlays reimbursed tax-free out of the invoice.")
    ] = None,
    trace: Annotated[
        bool, typer.Option("--trace", help="Show how each amount is calculated.")
    ] = False,
) -> None:
    """What an assignment would pay its member: invoice → fee → salary → tax → payout."""
    with cli.guard():
        paid_on = parse_date(paid, "paid")
        outlays = parse_decimal(expenses, "expenses")
        with cli.open() as coop:
            actor = cli.actor(coop)
            view = coop.assignments.view(actor, assignment)
            result = coop.payroll.preview(
                actor,
                assignment,
                paid_on=paid_on,
                expenses=str(outlays) if outlays is not None else "0",
            )
            tax_mode = coop.members.get(actor, view.member_id).tax.mode
            if paid_on is None:
                from kooperativ.services.payroll import pay_day_after

                paid_on = pay_day_after(view.end, coop.config.payroll.pay_day)
    if cli.as_json:
        cli.print_json(
            {
                "assignment": view.model_dump(mode="json"),
                "paid_on": paid_on.isoformat(),
                "tax_mode": tax_mode,
                "salary": result.as_dict(lang=cli.language),
            }
        )
        return
    from rich.markup import escape
    from rich.table import Table

    from kooperativ.cli.salary import LABELS
    from kooperativ.payroll import localise, tax_mode_text

    salary_texts = cli.texts("salary")
    table = Table(
        title=cli._("Salary for assignment {number}: {member}").format(
            number=view.number, member=view.member_name
        ),
        title_justify="left",
    )
    table.add_column(cli._("Item"))
    table.add_column(cli._("Amount"), justify="right", no_wrap=True)
    if trace:
        table.add_column(cli._("Calculation"), overflow="fold")
    table.add_row(cli._("Invoiced (excl. VAT)"), cli.amount(view.amount_excl_vat))
    for line in localise(result.trace, cli.language):
        if line.amount == 0 and line.field in ("expenses", "pension", "pension_tax", "remainder"):
            continue
        label = salary_texts(LABELS.get(line.field, line.field))
        if line.field in ("gross_salary", "payout"):
            label = f"[bold]{label}[/bold]"
        cells = [label, cli.amount(line.amount)]
        if trace:
            cells.append(escape(line.formula))
        table.add_row(*cells)
    cli.print(table)
    cli.print(
        cli._("Paid on {day}, tax mode {mode}.").format(
            day=paid_on.isoformat(), mode=tax_mode_text(tax_mode, cli.language)
        )
    )


# -- payroll runs -------------------------------------------------------------------------

RunArg = Annotated[str, typer.Argument(help="The payroll run's number.", show_default=False)]
HIDDEN = "*****"
_AMOUNTS = (
    "taxable_pay", "employer_contributions", "pension", "pension_tax", "preliminary_tax",
    "expenses", "net_pay", "payout",
)  # fmt: skip


def _status(cli: CliContext, run: PayrollRun) -> str:
    return cli.texts("payroll_runs")(f"run {run.status.value}")


def _run_line(cli: CliContext, run: PayrollRun) -> str:
    t = cli.texts("payroll_runs")
    if run.corrects is not None:
        template = t(
            "Correction run {number} of run {corrects}, {period}, pay date {day}: {status}."
        )
    else:
        template = t("Payroll run {number}, {period}, pay date {day}: {status}.")
    return template.format(
        number=run.number,
        corrects=run.corrects,
        period=run.period,
        day=run.pay_date.isoformat(),
        status=_status(cli, run),
    )


def _run_table(cli: CliContext, run: PayrollRun) -> Any:
    t = cli.texts("payroll_runs")
    labels = {
        "taxable_pay": t("Taxable pay"),
        "employer_contributions": t("Employer contributions"),
        "pension": t("Pension"),
        "pension_tax": t("Tax on pension"),
        "preliminary_tax": t("Preliminary tax"),
        "expenses": t("Expenses paid back"),
        "net_pay": t("Net pay"),
        "payout": t("Payout"),
    }
    rows: list[tuple[str, str]] = [(t("Payslips"), str(run.payslips))]
    rows += [(labels[name], cli.amount(getattr(run, name))) for name in _AMOUNTS]
    if run.voucher:
        rows.append((t("Voucher"), run.voucher))
    return table("", ["", t("Amount")], rows, right=(1,))


def _slip_json(coop: Cooperative, slip: Payslip, show: bool) -> dict[str, Any]:
    data = slip.model_dump(mode="json")
    if not show:
        data["person_id"] = coop.mask_person_id(slip.person_id)
        if slip.bank_account:
            data["bank_account"] = coop.mask_bank_account(slip.bank_account)
    return data


def _progress(cli: CliContext) -> Any:
    """A rich progress bar on a terminal (never in JSON output or a pipe), else ``None``."""
    if cli.as_json or not sys.stderr.isatty():
        return None
    from rich.progress import Progress

    from kooperativ.cli._common import err_console

    return Progress(console=err_console, transient=True)


@payroll_app.command("run")
@shared_options(actor=True, json=True)
def payroll_run(
    cli: CliContext,
    period: Annotated[str, typer.Option(help="The pay period (YYYY-MM).", show_default=False)],
    pay_date: Annotated[
        str, typer.Option("--pay-date", help="The pay date (YYYY-MM-DD).", show_default=False)
    ],
) -> None:
    """Compute the payroll run of a period (a draft is computed again)."""
    with cli.guard():
        day = required_date(pay_date, "pay_date")
        bar = _progress(cli)
        with cli.open() as coop:
            actor = cli.actor(coop)
            if bar is None:
                run = coop.payroll_runs.run(actor, period, day)
            else:
                with bar:
                    task = bar.add_task(cli.texts("payroll_runs")("Payslips"), total=None)

                    def step(done: int, total: int) -> None:
                        bar.update(task, completed=done, total=total)

                    run = coop.payroll_runs.run(actor, period, day, progress=step)
    if cli.as_json:
        cli.print_json(run.model_dump(mode="json"))
    else:
        cli.print(_run_line(cli, run))
        cli.print(_run_table(cli, run))


@payroll_app.command("show")
@shared_options(actor=True, json=True)
def payroll_show(cli: CliContext, run: RunArg, show: PersonalOption = False) -> None:
    """Show a payroll run and its payslips (a member sees only their own)."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        found = coop.payroll_runs.show(actor, run)
        slips = coop.payroll_runs.payslips(actor, found.number)
        if cli.as_json:
            cli.print_json(
                {
                    "run": found.model_dump(mode="json"),
                    "payslips": [_slip_json(coop, s, show) for s in slips],
                }
            )
            return
    t = cli.texts("payroll_runs")
    cli.print(_run_line(cli, found))
    cli.print(_run_table(cli, found))

    def hide(amount: Any) -> str:
        return cli.amount(amount) if show else HIDDEN

    cli.print(
        table(
            t("Payslips"),
            [t("No."), t("Member"), t("Name"), t("Taxable pay"), t("Tax"), t("Payout")],
            [
                (
                    s.number,
                    s.member_number,
                    s.name,
                    hide(s.taxable_pay),
                    hide(s.preliminary_tax),
                    hide(s.payout),
                )
                for s in slips
            ],
            right=(3, 4, 5),
            compact=True,
        )
    )
    if not show and slips:
        cli.print(t("Amounts per member are shown with --show-personal-data."))


@payroll_app.command("list")
@shared_options(actor=True, json=True)
def payroll_list(
    cli: CliContext,
    period: Annotated[str | None, typer.Option(help="Only this pay period (YYYY-MM).")] = None,
) -> None:
    """List payroll runs (a member sees the runs they are paid in)."""
    with cli.guard(), cli.open() as coop:
        found = coop.payroll_runs.list(cli.actor(coop), period=period)
    if cli.as_json:
        cli.print_json([r.model_dump(mode="json") for r in found])
        return
    t = cli.texts("payroll_runs")
    cli.print(
        table(
            t("Payroll runs"),
            [t("No."), t("Period"), t("Pay date"), t("Payslips"), t("Payout"), t("Status")],
            [
                (
                    r.number,
                    r.period,
                    r.pay_date.isoformat(),
                    r.payslips,
                    cli.amount(r.payout),
                    _status(cli, r),
                )
                for r in found
            ],
            right=(3, 4),
            compact=True,
        )
    )


@payroll_app.command("approve")
@shared_options(actor=True, json=True)
def payroll_approve(cli: CliContext, run: RunArg) -> None:
    """Approve a payroll run and book its vouchers (not one you are paid in)."""
    with cli.guard(), cli.open() as coop:
        done = coop.payroll_runs.approve(cli.actor(coop), run)
    if cli.as_json:
        cli.print_json(done.model_dump(mode="json"))
        return
    cli.print(_run_line(cli, done))
    if done.voucher:
        cli.print(
            cli.texts("payroll_runs")("Booked as voucher {voucher}.").format(voucher=done.voucher)
        )


@payroll_app.command("mark-paid")
@shared_options(actor=True, json=True)
def payroll_mark_paid(
    cli: CliContext,
    run: RunArg,
    paid_on: Annotated[
        str | None,
        typer.Option("--paid-on", help="The day the bank paid (default: the pay date)."),
    ] = None,
) -> None:
    """Record that the bank has paid a payroll run: book the payout."""
    with cli.guard():
        day = parse_date(paid_on, "paid_on")
        with cli.open() as coop:
            done = coop.payroll_runs.mark_paid(cli.actor(coop), run, day)
    if cli.as_json:
        cli.print_json(done.model_dump(mode="json"))
    else:
        cli.print(_run_line(cli, done))


@payroll_app.command("correct")
@shared_options(actor=True, json=True)
def payroll_correct(
    cli: CliContext,
    run: RunArg,
    member: Annotated[
        list[str], typer.Option(help="The member to correct (repeat for more).", show_default=False)
    ],
) -> None:
    """Correct members' payslips of an approved run with a correction run."""
    with cli.guard(), cli.open() as coop:
        done = coop.payroll_runs.correct(cli.actor(coop), run, member)
    if cli.as_json:
        cli.print_json(done.model_dump(mode="json"))
    else:
        cli.print(_run_line(cli, done))
        cli.print(_run_table(cli, done))


@payroll_app.command("payslips")
@shared_options(actor=True, json=True)
def payroll_payslips(
    cli: CliContext,
    run: RunArg,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Folder to write the PDFs to (created if missing).",
            file_okay=False,
            show_default=False,
        ),
    ],
    member: Annotated[
        int | None, typer.Option(help="Only this member's payslip.", show_default=False)
    ] = None,
) -> None:
    """Write the run's payslips as PDFs, one file each (a member gets only their own)."""
    from kooperativ.cli._files import shown_path, write_file

    with cli.guard():
        lang = cli.language if cli.chosen_language else None
        with cli.open() as coop:
            files = coop.payroll_runs.payslip_files(cli.actor(coop), run, member=member, lang=lang)
        written = []
        for slip, data in files:
            # a correction's payslip beside the one it replaces, not over it
            name = f"lonespec-{slip.period}-m{slip.member_number:03d}"
            if slip.replaces is not None:
                name += f"-k{slip.run_number}"
            target = out / f"{name}.pdf"
            write_file(target, data)
            written.append((slip, target, len(data)))
    if cli.as_json:
        cli.print_json(
            [
                {
                    "path": shown_path(target),
                    "member": slip.member_number,
                    "payslip": slip.number,
                    "run": slip.run_number,
                    "bytes": size,
                }
                for slip, target, size in written
            ]
        )
        return
    for _, target, _ in written:
        cli.print(shown_path(target))
    cli.print(cli.texts("payroll_exports")("Payslips written: {n}.").format(n=len(written)))


def register(app: typer.Typer) -> None:
    """Add ``payroll`` to ``app``."""
    app.add_typer(payroll_app, name="payroll")

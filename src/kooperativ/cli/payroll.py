# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ payroll …``: salaries of the register's assignments.

``payroll preview --assignment N`` shows what assignment N would pay its member, from the
register alone: the assignment's amount, the member's birth date and tax mode, and the
cooperative's fee and payroll policy (:meth:`PayrollService.preview
<kooperativ.services.payroll.PayrollService.preview>`). Nothing is retyped.
"""

from __future__ import annotations

from typing import Annotated

import typer

from kooperativ.cli._common import parse_date, parse_decimal
from kooperativ.cli._context import CliContext, shared_options

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


def register(app: typer.Typer) -> None:
    """Add ``payroll`` to ``app``."""
    app.add_typer(payroll_app, name="payroll")

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ salary``, ``kooperativ tax`` and ``kooperativ tax-table``.

The commands parse options, build the salary input through the same
:class:`~kooperativ.services.payroll.PayrollPolicy` as the API and the scenario tests
(so ``--coop`` applies the cooperative's ``parameters/`` overrides too), call the solver
and print the result (a rich table, or JSON with ``--json``). No rule lives here.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from kooperativ.cli._common import (
    console,
    guard,
    parse_decimal,
    print_json,
    required_date,
)
from kooperativ.errors import ConfigError, InputError
from kooperativ.i18n import format_amount, translator
from kooperativ.payroll import SalaryInput, SalaryResult, localise, tax_mode_text
from kooperativ.rules.country import get_country
from kooperativ.rules.payroll import PublishesTaxTables, TaxTableView

__all__ = ["register"]

#: The country of ``salary``, ``tax`` and ``tax-table`` without ``--coop``.
DEFAULT_COUNTRY = "SE"

#: Labels of the result fields, in English (translated through the ``salary`` catalog).
LABELS = {
    "fee": "Cooperative fee",
    "expenses": "Expenses reimbursed (tax-free)",
    "budget": "Budget for salary costs",
    "gross_salary": "Gross salary",
    "holiday_pay": "Holiday pay",
    "taxable_pay": "Taxable pay",
    "employer_contributions": "Employer contributions",
    "pension": "Occupational pension",
    "pension_tax": "Special payroll tax on pension",
    "preliminary_tax": "Preliminary tax",
    "net_pay": "Net pay",
    "payout": "Payout",
    "remainder": "Remainder of budget",
}


def _policy(coop: Path | None, country: str | None) -> Any:
    from kooperativ.services.payroll import PayrollPolicy

    if coop is not None:
        policy = PayrollPolicy.load(coop)
        if country is not None and country.upper() != policy.country.code:
            raise InputError(
                "--country",
                "{country} is not the cooperative's country ({own})",
                country=country,
                own=policy.country.code,
            )
        return policy
    return PayrollPolicy.for_country(country or DEFAULT_COUNTRY)


def build_input(
    *,
    invoice: str | None,
    fee: str | None,
    expenses: str | None,
    budget: str | None,
    gross: str | None,
    net: str | None,
    birth_date: str | None,
    paid: str | None,
    tax: str | None,
    holiday_pay: bool | None,
    pension: str | None,
    paid_this_month: str | None,
    paid_this_year: str | None,
    coop: Path | None,
    country: str | None = None,
) -> tuple[Any, SalaryInput]:
    """Turn CLI option values (and a cooperative's policy) into a :class:`SalaryInput`.

    Options given on the command line win over the cooperative's ``cooperative.toml``;
    the input is built by the cooperative's
    :class:`~kooperativ.services.payroll.PayrollPolicy` (or the country's, without
    ``--coop``), as ``coop.payroll.preview`` and the scenario tests build theirs.

    Returns:
        The policy and the input.

    Raises:
        InputError: For any missing, conflicting or malformed value.
        ConfigError: If the cooperative's configuration is wrong (file, key, reason).
    """
    pay_options = {
        "--invoice": invoice,
        "--budget": budget,
        "--gross": gross,
        "--net": net,
    }
    given = [name for name, value in pay_options.items() if value is not None]
    if not given:
        raise InputError("pay", "give one of --invoice, --budget, --gross or --net")
    if len(given) > 1:
        raise InputError("pay", "give only one of {options}", options=", ".join(given))
    if coop is None and invoice is not None and fee is None:
        raise InputError("--fee", "an invoice needs the cooperative's fee rate (or --coop)")
    if coop is None and tax is None:
        raise InputError("--tax", "is required (or --coop, for its default tax mode)")
    policy = _policy(coop, country)
    inp = policy.salary_input(
        invoiced=parse_decimal(invoice, "--invoice"),
        budget=parse_decimal(budget, "--budget"),
        gross=parse_decimal(gross, "--gross"),
        net=parse_decimal(net, "--net"),
        expenses=parse_decimal(expenses, "--expenses"),
        fee_rate=parse_decimal(fee, "--fee"),
        birth_date=required_date(birth_date, "--birth-date"),
        paid_on=required_date(paid, "--paid"),
        tax=tax,
        holiday_pay=holiday_pay,
        pension_rate=parse_decimal(pension, "--pension"),
        paid_this_month=parse_decimal(paid_this_month, "--paid-this-month"),
        paid_this_year=parse_decimal(paid_this_year, "--paid-this-year"),
    )
    return policy, inp


def _invoiced(inp: SalaryInput, result: SalaryResult) -> Decimal | None:
    if inp.invoiced is not None:
        return inp.invoiced
    if inp.mode == "net" and inp.fee_rate is not None:
        return result.invoiced
    return None


def _print_breakdown(inp: SalaryInput, result: SalaryResult, lang: str, trace: bool) -> None:
    _ = translator(lang, "salary")
    table = Table(title=_("Salary"), show_header=True, header_style="bold")
    table.add_column(_("Item"))
    table.add_column(_("Amount"), justify="right")
    table.add_column(_("Calculation"), overflow="fold")
    invoiced = _invoiced(inp, result)
    if invoiced is not None:
        label = _("Invoice needed (excl. VAT)") if inp.mode == "net" else _("Invoiced (excl. VAT)")
        table.add_row(label, format_amount(invoiced, lang), "")
    strong = {"gross_salary", "net_pay", "payout"}
    shown = localise(result.trace, lang)
    for line in shown:
        name = _(LABELS[line.field])
        if line.field in strong:
            name = f"[bold]{name}[/bold]"
        table.add_row(name, format_amount(line.amount, lang), escape(line.formula))
    table.add_row(_("Total cost"), format_amount(result.total_cost, lang), "")
    console.print(table)
    mode = tax_mode_text(inp.tax, lang)
    console.print(f"{_('Paid on')}: {inp.paid_on.isoformat()}  {_('Tax mode')}: {escape(mode)}")
    if trace:
        refs = Table(title=_("How it was calculated"), show_header=True, header_style="bold")
        refs.add_column(_("Item"))
        refs.add_column(_("Rule"))
        refs.add_column(_("Parameters"), overflow="fold")
        refs.add_column(_("Reference"), overflow="fold")
        for line in shown:
            params = ", ".join(f"{k} = {v}" for k, v in line.parameters.items())
            refs.add_row(
                _(LABELS[line.field]), escape(line.rule), escape(params), escape(line.reference)
            )
        console.print(refs)


def salary_command(
    invoice: str | None = typer.Option(None, "--invoice", help="Invoiced amount excl. VAT."),
    fee: str | None = typer.Option(None, "--fee", help="Cooperative fee rate, e.g. 0.06."),
    expenses: str | None = typer.Option(None, "--expenses", help="Expenses to reimburse."),
    budget: str | None = typer.Option(None, "--budget", help="Budget for the salary cost."),
    gross: str | None = typer.Option(None, "--gross", help="Gross salary (excl. holiday pay)."),
    net: str | None = typer.Option(None, "--net", help="Wanted net pay."),
    birth_date: str | None = typer.Option(None, "--birth-date", help="Birth date YYYY-MM-DD."),
    paid: str | None = typer.Option(None, "--paid", help="Payment date YYYY-MM-DD (required)."),
    tax: str | None = typer.Option(
        None,
        "--tax",
        help="table:NN:C | side-income | sink | adjusted:PCT | one-off:ANNUAL",
    ),
    holiday_pay: bool | None = typer.Option(
        None,
        "--holiday-pay/--no-holiday-pay",
        help="Holiday pay with the salary (Sweden: 12 % semesterersättning; default on).",
    ),
    pension: str | None = typer.Option(None, "--pension", help="Pension rate, e.g. 0.045."),
    paid_this_month: str | None = typer.Option(
        None, "--paid-this-month", help="Taxable pay already given out this month."
    ),
    paid_this_year: str | None = typer.Option(
        None, "--paid-this-year", help="Taxable pay already given out this year."
    ),
    coop: Path | None = typer.Option(
        None, "--coop", help="Cooperative folder (cooperative.toml and parameters/)."
    ),
    country: str | None = typer.Option(
        None, "--country", help="Country code without --coop (default SE)."
    ),
    lang: str = typer.Option("sv", "--lang", help="Language: sv or en."),
    json_output: bool = typer.Option(False, "--json", help="Print JSON."),
    show_trace: bool = typer.Option(False, "--trace", help="Show rules and references."),
) -> None:
    """Calculate a salary: invoice (or budget, gross, net) → payout, with every step."""
    with guard():
        translator(lang, "salary")  # checks the language before any work
        policy, inp = build_input(
            invoice=invoice,
            fee=fee,
            expenses=expenses,
            budget=budget,
            gross=gross,
            net=net,
            birth_date=birth_date,
            paid=paid,
            tax=tax,
            holiday_pay=holiday_pay,
            pension=pension,
            paid_this_month=paid_this_month,
            paid_this_year=paid_this_year,
            coop=coop,
            country=country,
        )
        result = policy.calculate(inp)
        if json_output:
            data = result.as_dict(lang)
            invoiced = _invoiced(inp, result)
            if invoiced is not None:
                data = {"invoiced": str(invoiced), **data}
            print_json(data)
        else:
            _print_breakdown(inp, result, lang, show_trace)


def _table_args(year: int, table: int, column: int, country: str | None = None) -> TaxTableView:
    try:
        rules = get_country(country or DEFAULT_COUNTRY)
    except ConfigError as error:
        raise InputError("--country", error.reason_template, **error.params) from None
    if not isinstance(rules, PublishesTaxTables):
        raise InputError("--country", "{country} publishes no tax tables", country=rules.code)
    return rules.tax_table(year, table, column)


def tax_command(
    year: int = typer.Option(..., "--year", help="Income year, e.g. 2026."),
    table: int = typer.Option(..., "--table", help="Table number (29–42)."),
    column: int = typer.Option(..., "--column", help="Column (1 or 3)."),
    income: str = typer.Option(..., "--income", help="Monthly taxable pay."),
    country: str | None = typer.Option(None, "--country", help="Country code (default SE)."),
    json_output: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Print the monthly tax deduction of a table for an income."""
    with guard():
        amount = parse_decimal(income, "--income")
        if amount is None:  # pragma: no cover - typer requires the option
            raise InputError("--income", "is required")
        tax_table = _table_args(year, table, column, country)
        deduction = tax_table.deduction(amount)
        if json_output:
            print_json(
                {
                    "year": year,
                    "table": table,
                    "column": column,
                    "income": str(amount),
                    "deduction": str(deduction),
                }
            )
        else:
            console.print(str(deduction))


def format_row(income_from: int, income_to: int | None, amount: Any, percent: Any) -> str:
    """One row in Skatteverket's form ``from;to;amount`` or ``from;to;NN%``.

    The last, open-ended row has an empty ``to`` (as in Skatteverket's open data).
    """
    upper = "" if income_to is None else str(income_to)
    value = f"{amount}" if amount is not None else f"{percent}%"
    return f"{income_from};{upper};{value}"


def tax_table_command(
    year: int = typer.Option(..., "--year", help="Income year, e.g. 2026."),
    table: int = typer.Option(..., "--table", help="Table number (29–42)."),
    column: int = typer.Option(..., "--column", help="Column (1 or 3)."),
    country: str | None = typer.Option(None, "--country", help="Country code (default SE)."),
) -> None:
    """Print a whole monthly tax table as ``from;to;amount`` rows (percent rows ``NN%``)."""
    with guard():
        tax_table = _table_args(year, table, column, country)
        lines = [
            format_row(row.income_from, row.income_to, row.amount, row.percent)
            for row in tax_table.rows
        ]
        typer.echo("\n".join(lines))


def register(app: typer.Typer) -> None:
    """Add ``salary``, ``tax`` and ``tax-table`` to ``app``."""
    app.command("salary")(salary_command)
    app.command("tax")(tax_command)
    app.command("tax-table")(tax_table_command)

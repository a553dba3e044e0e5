# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ salary``, ``kooperativ tax`` and ``kooperativ tax-table``.

The commands parse options, build the salary input through the same
:class:`~kooperativ.services.payroll.PayrollPolicy` as the API and the scenario tests
(so ``--coop`` applies the cooperative's ``parameters/`` overrides too), call the solver
and print the result (a rich table, or JSON with ``--json``). No rule lives here.

Without ``--coop`` they use a country's own figures (``--country``, default Sweden) and
speak that country's language unless ``--lang``, ``KOOPERATIV_LANGUAGE`` or the current
folder's cooperative says otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from kooperativ.cli._common import parse_date, parse_decimal, required_date
from kooperativ.cli._context import CliContext, shared_options

if TYPE_CHECKING:
    from kooperativ.payroll import SalaryInput, SalaryResult
    from kooperativ.rules.country import CountryRules
    from kooperativ.rules.payroll import TaxTableView
    from kooperativ.services.payroll import PayrollPolicy

__all__ = ["register"]

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

CountryOption = Annotated[
    str | None, typer.Option("--country", help="Country code without --coop (default SE).")
]
YearOption = Annotated[int, typer.Option("--year", help="Income year, e.g. 2026.")]
TableOption = Annotated[int, typer.Option("--table", help="Table number (29–42).")]
ColumnOption = Annotated[int, typer.Option("--column", help="Column (1 or 3).")]


def _country(cli: CliContext, code: str | None) -> CountryRules:
    """The country of a command without a cooperative (default Sweden); the command speaks
    its language if nothing else decided the language."""
    from kooperativ.errors import ConfigError, InputError

    try:
        return cli.fallback_country_language(code)
    except ConfigError as error:  # no such country: an option, not cooperative.toml
        raise InputError("--country", error.reason_template, **error.params) from None


def _policy(cli: CliContext, country: str | None) -> PayrollPolicy:
    from kooperativ.errors import InputError
    from kooperativ.services.payroll import PayrollPolicy

    if cli.folder is not None:
        policy = PayrollPolicy.load(cli.folder)
        if country is not None and country.upper() != policy.country.code:
            raise InputError(
                "--country",
                "{country} is not the cooperative's country ({own})",
                country=country,
                own=policy.country.code,
            )
        return policy
    return PayrollPolicy.for_country(_country(cli, country).code)


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
    policy: PayrollPolicy,
    member: int | None = None,
    invoice_date: str | None = None,
) -> SalaryInput:
    """Turn CLI option values into a :class:`SalaryInput` by ``policy``.

    Options given on the command line win over the cooperative's ``cooperative.toml``;
    the input is built by the cooperative's
    :class:`~kooperativ.services.payroll.PayrollPolicy` (or the country's, without
    ``--coop``), as ``coop.payroll.preview`` and the scenario tests build theirs.

    Raises:
        InputError: For any missing, conflicting or malformed value.
    """
    from kooperativ.errors import InputError

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
    if policy.config is None and invoice is not None and fee is None:
        raise InputError("--fee", "an invoice needs the cooperative's fee rate (or --coop)")
    if policy.config is None and (member is not None or invoice_date is not None):
        option = "--member" if member is not None else "--invoice-date"
        raise InputError(option, "chooses the cooperative's fee terms: give --coop too")
    if member is not None and member < 1:
        raise InputError("--member", "must be at least {ge}", ge=1)
    if policy.config is None and tax is None:
        raise InputError("--tax", "is required (or --coop, for its default tax mode)")
    return policy.salary_input(
        invoiced=parse_decimal(invoice, "--invoice"),
        budget=parse_decimal(budget, "--budget"),
        gross=parse_decimal(gross, "--gross"),
        net=parse_decimal(net, "--net"),
        expenses=parse_decimal(expenses, "--expenses"),
        fee_rate=parse_decimal(fee, "--fee"),
        member_number=member,
        invoiced_on=parse_date(invoice_date, "--invoice-date"),
        birth_date=required_date(birth_date, "--birth-date"),
        paid_on=required_date(paid, "--paid"),
        tax=tax,
        holiday_pay=holiday_pay,
        pension_rate=parse_decimal(pension, "--pension"),
        paid_this_month=parse_decimal(paid_this_month, "--paid-this-month"),
        paid_this_year=parse_decimal(paid_this_year, "--paid-this-year"),
    )


def _print_breakdown(cli: CliContext, inp: SalaryInput, result: SalaryResult, trace: bool) -> None:
    from rich.markup import escape
    from rich.table import Table

    _ = cli.texts("salary")
    table = Table(title=_("Salary"), show_header=True, header_style="bold", title_justify="left")
    table.add_column(_("Item"))
    table.add_column(_("Amount"), justify="right", no_wrap=True)
    table.add_column(_("Calculation"), overflow="fold")
    invoiced = inp.invoice_for(result)
    if invoiced is not None:
        label = _("Invoice needed (excl. VAT)") if inp.mode == "net" else _("Invoiced (excl. VAT)")
        table.add_row(label, cli.amount(invoiced), "")
    from kooperativ.payroll import localise, tax_mode_text

    strong = {"gross_salary", "net_pay", "payout"}
    for line in localise(result.trace, cli.language):
        name = _(LABELS[line.field])
        if line.field in strong:
            name = f"[bold]{name}[/bold]"
        table.add_row(name, cli.amount(line.amount), escape(line.formula))
    table.add_row(_("Total cost"), cli.amount(result.total_cost), "")
    cli.print(table)
    mode = tax_mode_text(inp.tax, cli.language)
    cli.print(f"{_('Paid on')}: {inp.paid_on.isoformat()}  {_('Tax mode')}: {escape(mode)}")
    if trace:
        _print_trace(cli, result)


def _print_trace(cli: CliContext, result: SalaryResult) -> None:
    """How each amount was found: rule, parameters and reference, item by item (a block
    per item reads at 80 columns, where a four-column table does not)."""
    from rich.markup import escape
    from rich.table import Table

    from kooperativ.payroll import localise

    _ = cli.texts("salary")
    labels = (_("Rule"), _("Parameters"), _("Reference"))
    cli.print(f"[bold]{_('How it was calculated')}[/bold]")
    for line in localise(result.trace, cli.language):
        details = Table.grid(padding=(0, 1))
        details.add_column(width=1)
        details.add_column(style="dim", no_wrap=True, min_width=max(map(len, labels)))
        details.add_column(overflow="fold")
        details.add_row("", labels[0], escape(line.rule))
        if line.parameters:
            params = ", ".join(f"{k} = {v}" for k, v in line.parameters.items())
            details.add_row("", labels[1], escape(params))
        details.add_row("", labels[2], escape(line.reference))
        cli.print(f"[bold]{_(LABELS[line.field])}[/bold]")
        cli.print(details)


@shared_options(coop="optional", json=True)
def salary_command(
    cli: CliContext,
    invoice: Annotated[
        str | None, typer.Option("--invoice", help="Invoiced amount excl. VAT.")
    ] = None,
    fee: Annotated[
        str | None, typer.Option("--fee", help="Cooperative fee rate, e.g. 0.06.")
    ] = None,
    expenses: Annotated[
        str | None, typer.Option("--expenses", help="Expenses to reimburse.")
    ] = None,
    budget: Annotated[
        str | None, typer.Option("--budget", help="Budget for the salary cost.")
    ] = None,
    gross: Annotated[
        str | None, typer.Option("--gross", help="Gross salary (excl. holiday pay).")
    ] = None,
    net: Annotated[str | None, typer.Option("--net", help="Wanted net pay.")] = None,
    member: Annotated[
        int | None,
        typer.Option("--member", help="Member number: the member's own fee terms apply."),
    ] = None,
    invoice_date: Annotated[
        str | None,
        typer.Option("--invoice-date", help="Invoice date YYYY-MM-DD: decides the fee terms."),
    ] = None,
    birth_date: Annotated[
        str | None, typer.Option("--birth-date", help="Birth date YYYY-MM-DD.")
    ] = None,
    paid: Annotated[
        str | None, typer.Option("--paid", help="Payment date YYYY-MM-DD (required).")
    ] = None,
    tax: Annotated[
        str | None,
        typer.Option(
            "--tax", help="table:NN:C | side-income | sink | adjusted:PCT | one-off:ANNUAL"
        ),
    ] = None,
    holiday_pay: Annotated[
        bool | None,
        typer.Option(
            "--holiday-pay/--no-holiday-pay",
            help="Holiday pay with the salary (Sweden: 12 % semesterersättning; default on).",
        ),
    ] = None,
    pension: Annotated[
        str | None, typer.Option("--pension", help="Pension rate, e.g. 0.045.")
    ] = None,
    paid_this_month: Annotated[
        str | None,
        typer.Option("--paid-this-month", help="Taxable pay already given out this month."),
    ] = None,
    paid_this_year: Annotated[
        str | None,
        typer.Option("--paid-this-year", help="Taxable pay already given out this year."),
    ] = None,
    country: CountryOption = None,
    show_trace: Annotated[bool, typer.Option("--trace", help="Show rules and references.")] = False,
) -> None:
    """Calculate a salary: invoice (or budget, gross, net) → payout, with every step."""
    with cli.guard():
        policy = _policy(cli, country)
        inp = build_input(
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
            policy=policy,
            member=member,
            invoice_date=invoice_date,
        )
        result = policy.calculate(inp)
    if cli.as_json:
        cli.print_json(result.as_dict(invoiced=inp.invoice_for(result), lang=cli.language))
    else:
        _print_breakdown(cli, inp, result, show_trace)


def _tax_table(
    cli: CliContext, year: int, table: int, column: int, country: str | None
) -> TaxTableView:
    from kooperativ.errors import InputError
    from kooperativ.rules.payroll import PublishesTaxTables

    rules = _country(cli, country)
    if not isinstance(rules, PublishesTaxTables):
        raise InputError("--country", "{country} publishes no tax tables", country=rules.code)
    return rules.tax_table(year, table, column)


@shared_options(coop=False, json=True)
def tax_command(
    cli: CliContext,
    year: YearOption,
    table: TableOption,
    column: ColumnOption,
    income: Annotated[str, typer.Option("--income", help="Monthly taxable pay.")],
    country: Annotated[
        str | None, typer.Option("--country", help="Country code (default SE).")
    ] = None,
) -> None:
    """Print the monthly tax deduction of a table for an income."""
    with cli.guard():
        from kooperativ.payroll import TaxDeduction

        amount = parse_decimal(income, "--income")
        if amount is None:  # pragma: no cover - typer requires the option
            from kooperativ.errors import InputError

            raise InputError("--income", "is required")
        tax_table = _tax_table(cli, year, table, column, country)
        found = TaxDeduction(year, table, column, amount, tax_table.deduction(amount))
    if cli.as_json:
        cli.print_json(found.as_dict())
    else:
        cli.print(str(found.deduction))


def format_row(income_from: int, income_to: int | None, amount: Any, percent: Any) -> str:
    """One row in Skatteverket's form ``from;to;amount`` or ``from;to;NN%``.

    The last, open-ended row has an empty ``to`` (as in Skatteverket's open data).
    """
    upper = "" if income_to is None else str(income_to)
    value = f"{amount}" if amount is not None else f"{percent}%"
    return f"{income_from};{upper};{value}"


@shared_options(coop=False)
def tax_table_command(
    cli: CliContext,
    year: YearOption,
    table: TableOption,
    column: ColumnOption,
    country: Annotated[
        str | None, typer.Option("--country", help="Country code (default SE).")
    ] = None,
) -> None:
    """Print a whole monthly tax table as ``from;to;amount`` rows (percent rows ``NN%``)."""
    with cli.guard():
        tax_table = _tax_table(cli, year, table, column, country)
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

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ salary``, ``kooperativ tax`` and ``kooperativ tax-table``.

The commands parse options, call :mod:`kooperativ.payroll` and the Swedish tax package,
and print the result (a rich table, or JSON with ``--json``). No rule lives here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
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
from kooperativ.errors import InputError
from kooperativ.i18n import format_amount, translator
from kooperativ.payroll.salary import (
    HolidayPayPolicy,
    SalaryInput,
    SalaryResult,
    calculate_salary,
)

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


@dataclass(frozen=True)
class CoopPolicy:
    """The payroll policy read from a cooperative's ``cooperative.toml``."""

    fee_rate: Decimal | None = None
    holiday_pay: HolidayPayPolicy | None = None
    pension_rate: Decimal | None = None
    default_tax: str | None = None


def read_coop_policy(folder: Path) -> CoopPolicy:
    """Read ``[fees] rate`` and ``[payroll]`` policy from ``folder/cooperative.toml``.

    Raises:
        InputError: If the file is missing or not valid TOML, or a key has a bad value
            (the message names the file and the key).
    """
    path = folder / "cooperative.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("--coop", f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("--coop", f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError("--coop", f"{path}: not valid TOML ({exc})") from None

    def table(name: str) -> dict[str, Any]:
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise InputError("--coop", f"{path}: [{name}] must be a table")
        return value

    def rate(section: str, key: str) -> Decimal | None:
        raw = table(section).get(key)
        if raw is None:
            return None
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            raise InputError(
                "--coop", f"{path}: {section}.{key} must be a number written as a string"
            )
        try:
            value = parse_decimal(str(raw), f"{path}: {section}.{key}")
        except InputError as exc:
            raise InputError("--coop", f"{path}: {section}.{key}: {exc.reason}") from None
        if value is None or value >= 1:
            raise InputError("--coop", f"{path}: {section}.{key} must be below 1 (got {raw})")
        return value

    payroll = table("payroll")
    holiday: HolidayPayPolicy | None = None
    if "holiday_pay" in payroll:
        try:
            holiday = HolidayPayPolicy(str(payroll["holiday_pay"]))
        except ValueError:
            raise InputError(
                "--coop",
                f"{path}: payroll.holiday_pay must be 'semesterersattning' or 'none' "
                f"(got {payroll['holiday_pay']!r})",
            ) from None
    default_tax = payroll.get("default_tax")
    if default_tax is not None and not isinstance(default_tax, str):
        raise InputError("--coop", f"{path}: payroll.default_tax must be a string")
    return CoopPolicy(
        fee_rate=rate("fees", "rate"),
        holiday_pay=holiday,
        pension_rate=rate("payroll", "pension_rate"),
        default_tax=default_tax,
    )


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
) -> SalaryInput:
    """Turn CLI option values (and a cooperative's policy) into a :class:`SalaryInput`.

    Options given on the command line win over the cooperative's ``cooperative.toml``.

    Raises:
        InputError: For any missing, conflicting or malformed value.
    """
    policy = read_coop_policy(coop) if coop is not None else CoopPolicy()
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
        raise InputError("pay", f"give only one of {', '.join(given)}")
    fee_rate = parse_decimal(fee, "--fee")
    if fee_rate is None:
        fee_rate = policy.fee_rate
    if invoice is not None and fee_rate is None:
        raise InputError("--fee", "an invoice needs the cooperative's fee rate (or --coop)")
    if holiday_pay is None:
        holiday = policy.holiday_pay or HolidayPayPolicy.SEMESTERERSATTNING
    else:
        holiday = HolidayPayPolicy.SEMESTERERSATTNING if holiday_pay else HolidayPayPolicy.NONE
    pension_rate = parse_decimal(pension, "--pension")
    if pension_rate is None:
        pension_rate = policy.pension_rate or Decimal(0)
    tax_mode = tax or policy.default_tax
    if tax_mode is None:
        raise InputError("--tax", "is required (or set [payroll] default_tax in --coop)")
    fields: dict[str, Any] = {
        "invoiced": parse_decimal(invoice, "--invoice"),
        "budget": parse_decimal(budget, "--budget"),
        "gross": parse_decimal(gross, "--gross"),
        "net": parse_decimal(net, "--net"),
        "expenses": parse_decimal(expenses, "--expenses") or Decimal(0),
        "birth_date": required_date(birth_date, "--birth-date"),
        "paid_on": required_date(paid, "--paid"),
        "tax": tax_mode,
        "holiday_pay": holiday,
        "pension_rate": pension_rate,
        "paid_this_month": parse_decimal(paid_this_month, "--paid-this-month") or Decimal(0),
        "paid_this_year": parse_decimal(paid_this_year, "--paid-this-year") or Decimal(0),
    }
    if fee_rate is not None and (invoice is not None or net is not None):
        fields["fee_rate"] = fee_rate
    fields = {k: v for k, v in fields.items() if v is not None}
    return SalaryInput.create(**fields)


def _invoiced(inp: SalaryInput, result: SalaryResult) -> Decimal | None:
    if inp.invoiced is not None:
        return inp.invoiced
    if inp.mode == "net" and inp.fee_rate is not None:
        return result.budget + result.fee + result.expenses
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
    for line in result.trace:
        name = _(LABELS[line.field])
        if line.field in strong:
            name = f"[bold]{name}[/bold]"
        table.add_row(name, format_amount(line.amount, lang), escape(line.formula))
    table.add_row(_("Total cost"), format_amount(result.total_cost, lang), "")
    console.print(table)
    console.print(f"{_('Paid on')}: {inp.paid_on.isoformat()}  {_('Tax mode')}: {escape(inp.tax)}")
    if trace:
        refs = Table(title=_("How it was calculated"), show_header=True, header_style="bold")
        refs.add_column(_("Item"))
        refs.add_column(_("Rule"))
        refs.add_column(_("Parameters"), overflow="fold")
        refs.add_column(_("Reference"), overflow="fold")
        for line in result.trace:
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
        None, "--holiday-pay/--no-holiday-pay", help="12 % semesterersättning (default on)."
    ),
    pension: str | None = typer.Option(None, "--pension", help="Pension rate, e.g. 0.045."),
    paid_this_month: str | None = typer.Option(
        None, "--paid-this-month", help="Taxable pay already given out this month."
    ),
    paid_this_year: str | None = typer.Option(
        None, "--paid-this-year", help="Taxable pay already given out this year."
    ),
    coop: Path | None = typer.Option(
        None, "--coop", help="Cooperative folder (reads cooperative.toml)."
    ),
    lang: str = typer.Option("sv", "--lang", help="Language: sv or en."),
    json_output: bool = typer.Option(False, "--json", help="Print JSON."),
    show_trace: bool = typer.Option(False, "--trace", help="Show rules and references."),
) -> None:
    """Calculate a salary: invoice (or budget, gross, net) → payout, with every step."""
    with guard():
        translator(lang, "salary")  # checks the language before any work
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
            coop=coop,
        )
        result = calculate_salary(inp)
        if json_output:
            data = result.as_dict()
            invoiced = _invoiced(inp, result)
            if invoiced is not None:
                data = {"invoiced": str(invoiced), **data}
            print_json(data)
        else:
            _print_breakdown(inp, result, lang, show_trace)


def _table_args(year: int, table: int, column: int) -> Any:
    from kooperativ.countries.se.parameters import load_swedish_parameters
    from kooperativ.countries.se.tax import compute_table

    try:
        return compute_table(load_swedish_parameters(), year, table, column)
    except ValueError as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError("--table", str(exc)) from None


def tax_command(
    year: int = typer.Option(..., "--year", help="Income year, e.g. 2026."),
    table: int = typer.Option(..., "--table", help="Table number (29–42)."),
    column: int = typer.Option(..., "--column", help="Column (1 or 3)."),
    income: str = typer.Option(..., "--income", help="Monthly taxable pay."),
    json_output: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Print the monthly tax deduction of a table for an income."""
    with guard():
        amount = parse_decimal(income, "--income")
        tax_table = _table_args(year, table, column)
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
) -> None:
    """Print a whole monthly tax table as ``from;to;amount`` rows (percent rows ``NN%``)."""
    with guard():
        tax_table = _table_args(year, table, column)
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

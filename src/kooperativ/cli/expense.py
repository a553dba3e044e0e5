# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ expense …`` and ``kooperativ salary-request …``.

``expense add`` hands in an expense (*utlägg*) with its receipt and VAT, ``approve`` books
it to the member's account (never by the member who paid it), ``reject`` refuses it with a
reason, ``list`` shows them (a member sees only their own).

``salary-request add MEMBER --date 2026-06-25 [--amount 12000]`` asks for a salary out of
the member's account (all available without ``--amount``) and shows what it becomes:
gross, employer contributions, tax, net. ``salary`` is the salary *calculator*, a single
command with many options, so the requests are a group of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kooperativ.cli._common import parse_decimal, required_date, table
from kooperativ.cli._context import CliContext, shared_options

if TYPE_CHECKING:
    from uuid import UUID

    from kooperativ.cooperative import Cooperative
    from kooperativ.expenses import Expense, SalaryRequest
    from kooperativ.security import Actor

__all__ = ["register"]

expense_app = typer.Typer(
    help="Members' expenses (utlägg): hand in, approve, list.", no_args_is_help=True
)
request_app = typer.Typer(
    help="Salary requests: ask for a salary out of the member's account.",
    no_args_is_help=True,
)

NumberArg = Annotated[str, typer.Argument(help="The number.", show_default=False)]
MemberArg = Annotated[str, typer.Argument(help="The member's number.", show_default=False)]
ReasonOption = Annotated[str, typer.Option(help="Why it is rejected.", show_default=False)]
MemberOption = Annotated[int | None, typer.Option(help="Only this member's.")]
StatusOption = Annotated[str | None, typer.Option(help="Only those in this status.")]


def _numbers(coop: Cooperative, actor: Actor) -> dict[UUID, int]:
    """Member id → number, of the members the actor sees."""
    return {m.id: m.number for m in coop.members.list(actor)}


def _status(cli: CliContext, value: str) -> str:
    return cli.texts("expenses")(value)


# -- expenses ---------------------------------------------------------------------------------


def _expense_line(cli: CliContext, expense: Expense) -> str:
    _ = cli.texts("expenses")
    return _("Expense {number}: {amount} (VAT {vat}), {status}.").format(
        number=expense.number,
        amount=cli.money(expense.amount),
        vat=cli.money(expense.vat),
        status=_status(cli, expense.status.value),
    )


@expense_app.command("add")
@shared_options(actor=True, json=True)
def expense_add(
    cli: CliContext,
    member: MemberArg,
    day: Annotated[
        str, typer.Option("--date", help="The receipt's date (YYYY-MM-DD).", show_default=False)
    ],
    description: Annotated[
        str, typer.Option(help="What was bought, and for what.", show_default=False)
    ],
    receipt: Annotated[str, typer.Option(help="The receipt's reference.", show_default=False)],
    amount: Annotated[str, typer.Option(help="The amount paid, VAT included.", show_default=False)],
    vat: Annotated[str, typer.Option(help="The VAT on the receipt.")] = "0",
    assignment: Annotated[
        int | None, typer.Option(help="The assignment it was for.", show_default=False)
    ] = None,
) -> None:
    """Hand in an expense (a member their own; an officer anyone's)."""
    with cli.guard():
        when = required_date(day, "date")
        total = parse_decimal(amount, "amount", allow_negative=True)
        tax = parse_decimal(vat, "vat", allow_negative=True)
        with cli.open() as coop:
            actor = cli.actor(coop)
            expense = coop.expenses.add(
                actor,
                member=member,
                date=when,
                description=description,
                receipt=receipt,
                amount=total,
                vat=tax,
                assignment=assignment,
            )
    if cli.as_json:
        cli.print_json(expense.model_dump(mode="json"))
    else:
        cli.print(_expense_line(cli, expense))


@expense_app.command("approve")
@shared_options(actor=True, json=True)
def expense_approve(cli: CliContext, number: NumberArg) -> None:
    """Approve an expense and book it to the member's account (not your own)."""
    with cli.guard(), cli.open() as coop:
        expense = coop.expenses.approve(cli.actor(coop), number)
    if cli.as_json:
        cli.print_json(expense.model_dump(mode="json"))
        return
    _ = cli.texts("expenses")
    cli.print(_expense_line(cli, expense))
    cli.print(_("Booked as voucher {voucher}.").format(voucher=expense.voucher))


@expense_app.command("reject")
@shared_options(actor=True, json=True)
def expense_reject(cli: CliContext, number: NumberArg, reason: ReasonOption = "") -> None:
    """Reject an expense, saying why (not your own)."""
    with cli.guard(), cli.open() as coop:
        expense = coop.expenses.reject(cli.actor(coop), number, reason)
    if cli.as_json:
        cli.print_json(expense.model_dump(mode="json"))
    else:
        cli.print(_expense_line(cli, expense))


@expense_app.command("list")
@shared_options(actor=True, json=True)
def expense_list(cli: CliContext, member: MemberOption = None, status: StatusOption = None) -> None:
    """List expenses (a member sees only their own)."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        found = coop.expenses.list(actor, member=member, status=status)
        numbers = _numbers(coop, actor)
    if cli.as_json:
        cli.print_json([e.model_dump(mode="json") for e in found])
        return
    _ = cli.texts("expenses")
    cli.print(
        table(
            _("Expenses"),
            [
                _("No."),
                _("Date"),
                _("Member"),
                _("Description"),
                _("Amount"),
                _("VAT"),
                _("Status"),
            ],
            [
                (
                    e.number,
                    e.date.isoformat(),
                    numbers.get(e.member_id, ""),
                    e.description,
                    cli.amount(e.amount),
                    cli.amount(e.vat),
                    _status(cli, e.status.value),
                )
                for e in found
            ],
            right=(4, 5),
            compact=True,
        )
    )


# -- salary requests --------------------------------------------------------------------------


def _request_table(cli: CliContext, request: SalaryRequest) -> object:
    _ = cli.texts("expenses")
    rows = [
        (_("Available"), cli.amount(request.available)),
        (_("Budget"), cli.amount(request.budget)),
        (_("Of which paid ahead"), cli.amount(request.advance)),
        (_("Gross salary"), cli.amount(request.gross)),
        (_("Employer contributions"), cli.amount(request.employer_contributions)),
        (_("Tax"), cli.amount(request.tax)),
        (_("Net salary"), cli.amount(request.net)),
        (_("Expenses paid back"), cli.amount(request.expenses)),
        (_("Payout"), cli.amount(request.payout)),
    ]
    title = _("Salary request {number}, {date}: {status}").format(
        number=request.number,
        date=request.pay_date.isoformat(),
        status=_status(cli, request.status.value),
    )
    return table(title, ["", _("Amount")], rows, right=(1,))


@request_app.command("add")
@shared_options(actor=True, json=True)
def request_add(
    cli: CliContext,
    member: MemberArg,
    day: Annotated[
        str, typer.Option("--date", help="The pay date (YYYY-MM-DD).", show_default=False)
    ],
    amount: Annotated[
        str | None,
        typer.Option(help="The budget to use; all available if left out.", show_default=False),
    ] = None,
) -> None:
    """Ask for a salary out of the member's account, and see what it becomes."""
    with cli.guard():
        when = required_date(day, "date")
        budget = parse_decimal(amount, "amount", allow_negative=True)
        with cli.open() as coop:
            request = coop.salary_requests.request(
                cli.actor(coop),
                member,
                when,
                budget,
            )
    if cli.as_json:
        cli.print_json(request.model_dump(mode="json"))
    else:
        cli.print(_request_table(cli, request))


@request_app.command("approve")
@shared_options(actor=True, json=True)
def request_approve(cli: CliContext, number: NumberArg) -> None:
    """Approve a salary request (not your own)."""
    with cli.guard(), cli.open() as coop:
        request = coop.salary_requests.approve(cli.actor(coop), number)
    if cli.as_json:
        cli.print_json(request.model_dump(mode="json"))
    else:
        cli.print(_request_table(cli, request))


@request_app.command("reject")
@shared_options(actor=True, json=True)
def request_reject(cli: CliContext, number: NumberArg, reason: ReasonOption = "") -> None:
    """Reject a salary request, saying why (not your own)."""
    with cli.guard(), cli.open() as coop:
        request = coop.salary_requests.reject(cli.actor(coop), number, reason)
    if cli.as_json:
        cli.print_json(request.model_dump(mode="json"))
    else:
        cli.print(_request_table(cli, request))


@request_app.command("list")
@shared_options(actor=True, json=True)
def request_list(cli: CliContext, member: MemberOption = None, status: StatusOption = None) -> None:
    """List salary requests (a member sees only their own)."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        found = coop.salary_requests.list(actor, member=member, status=status)
        numbers = _numbers(coop, actor)
    if cli.as_json:
        cli.print_json([r.model_dump(mode="json") for r in found])
        return
    _ = cli.texts("expenses")
    cli.print(
        table(
            _("Salary requests"),
            [_("No."), _("Pay date"), _("Member"), _("Budget"), _("Gross"), _("Net"), _("Status")],
            [
                (
                    r.number,
                    r.pay_date.isoformat(),
                    numbers.get(r.member_id, ""),
                    cli.amount(r.budget),
                    cli.amount(r.gross),
                    cli.amount(r.net),
                    _status(cli, r.status.value),
                )
                for r in found
            ],
            right=(3, 4, 5),
            compact=True,
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``expense`` and ``salary-request`` to ``app``."""
    app.add_typer(expense_app, name="expense")
    app.add_typer(request_app, name="salary-request")

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ ledger …`` and ``kooperativ account …``: the ledger and members' accounts.

``ledger book --file voucher.toml`` books a voucher written as TOML::

    series = "M"
    date = 2026-06-03
    text = "Bankavgift juni"
    [document]
    kind = "receipt"
    key = "K-17"
    [[lines]]
    account = 6570
    amount = "45.00"
    [[lines]]
    account = 1930
    amount = "-45.00"
    # member = 3        (a member's number, for the member's sub-ledger)

Amounts are strings (debit positive, credit negative). A booked voucher is never changed:
``ledger correct`` books its reversal. ``ledger close 2026-05`` closes a month.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kooperativ.cli._common import parse_date, table
from kooperativ.cli._context import CliContext, shared_options
from kooperativ.cli._views import record_table

if TYPE_CHECKING:
    from uuid import UUID

    from kooperativ.accounts.models import Voucher
    from kooperativ.cooperative import Cooperative
    from kooperativ.security import Actor

__all__ = ["register"]

ledger_app = typer.Typer(
    help="The ledger: vouchers, corrections, closed periods, trial balance.",
    no_args_is_help=True,
)
account_app = typer.Typer(help="Members' accounts.", no_args_is_help=True)

SeriesArg = Annotated[str, typer.Argument(help="The voucher series, e.g. A.", show_default=False)]
NumberArg = Annotated[
    int, typer.Argument(help="The voucher's number in its series.", show_default=False)
]
PeriodOption = Annotated[
    str | None, typer.Option(help="A month (2026-05) or a year (2026).", show_default=False)
]


def read_voucher_file(path: Path) -> dict[str, Any]:
    """The voucher written in the TOML file ``path``.

    Raises:
        InputError: The file cannot be read or is not valid TOML (line and column named).
    """
    import tomllib

    from kooperativ.errors import InputError, os_reason, syntax_reason

    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise InputError(str(path), "cannot be read ({reason})", reason=os_reason(error)) from None
    except UnicodeDecodeError:
        raise InputError(str(path), "is not UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        template, values = syntax_reason(error, "TOML")
        raise InputError(str(path), template, **values) from None


def _member_numbers(coop: Cooperative, actor: Actor, ids: set[UUID]) -> dict[UUID, int]:
    return {member_id: coop.members.get(actor, member_id).number for member_id in ids}


def _voucher_line(cli: CliContext, voucher: Voucher) -> str:
    return cli.texts("ledger")("Voucher {voucher} booked (registration number {number}).").format(
        voucher=voucher.label, number=voucher.number
    )


@ledger_app.command("book")
@shared_options(actor=True, json=True)
def ledger_book(
    cli: CliContext,
    file: Annotated[
        Path,
        typer.Option(
            "--file", "-f", help="The voucher as a TOML file.", dir_okay=False, show_default=False
        ),
    ],
) -> None:
    """Book a voucher from a TOML file (treasurer or administrator)."""
    with cli.guard():
        data = read_voucher_file(file)
        with cli.open() as coop:
            voucher = coop.ledger.book(cli.actor(coop), data)
    if cli.as_json:
        cli.print_json(voucher.model_dump(mode="json"))
    else:
        cli.print(_voucher_line(cli, voucher))


@ledger_app.command("list")
@shared_options(actor=True, json=True)
def ledger_list(
    cli: CliContext,
    series: Annotated[str | None, typer.Option(help="Only this series.")] = None,
    period: PeriodOption = None,
) -> None:
    """List vouchers in the order they were booked."""
    from kooperativ.money import ZERO_ORE

    _ = cli.texts("ledger")
    with cli.guard(), cli.open() as coop:
        vouchers = coop.ledger.list(cli.actor(coop), series=series, period=period)
    if cli.as_json:
        cli.print_json([v.model_dump(mode="json") for v in vouchers])
        return
    rows = [
        (
            v.label,
            v.date.isoformat(),
            v.text,
            cli.amount(sum((line.amount for line in v.lines if line.amount > 0), ZERO_ORE)),
            v.corrects.label if v.corrects else "",
        )
        for v in vouchers
    ]
    cli.print(
        table(
            _("Vouchers"),
            [_("Voucher"), _("Date"), _("Text"), _("Amount"), _("Corrects")],
            rows,
            right=(3,),
            compact=True,
        )
    )


@ledger_app.command("show")
@shared_options(actor=True, json=True)
def ledger_show(cli: CliContext, series: SeriesArg, number: NumberArg) -> None:
    """Show a voucher with its lines."""
    _ = cli.texts("ledger")
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        voucher = coop.ledger.get(actor, series.strip().upper(), number)
        names = coop.ledger.chart()
        members = _member_numbers(
            coop, actor, {line.member_id for line in voucher.lines if line.member_id}
        )
    if cli.as_json:
        cli.print_json(voucher.model_dump(mode="json"))
        return
    document = f"{voucher.document.kind} {voucher.document.key}" if voucher.document else ""
    cli.print(
        record_table(
            f"{_('Voucher')} {voucher.label}",
            [
                (_("Date"), voucher.date.isoformat()),
                (_("Text"), voucher.text),
                (_("Document"), document),
                (_("Corrects"), voucher.corrects.label if voucher.corrects else ""),
                (_("Registration number"), voucher.number),
                (_("Booked"), f"{voucher.booked_at:%Y-%m-%d %H:%M} {voucher.booked_by}"),
            ],
        )
    )
    rows = [
        (
            line.account,
            line.text or names.get(line.account, ""),
            members[line.member_id] if line.member_id else "",
            cli.amount(line.amount) if line.amount > 0 else "",
            cli.amount(-line.amount) if line.amount < 0 else "",
        )
        for line in voucher.lines
    ]
    cli.print(
        table(
            _("Lines"),
            [_("Account"), _("Name"), _("Member"), _("Debit"), _("Credit")],
            rows,
            right=(3, 4),
            compact=True,
        )
    )


@ledger_app.command("correct")
@shared_options(actor=True, json=True)
def ledger_correct(
    cli: CliContext,
    series: SeriesArg,
    number: NumberArg,
    reason: Annotated[str, typer.Option(help="Why the voucher is corrected.", show_default=False)],
    on: Annotated[
        str | None, typer.Option("--date", help="The correction's date (default: today).")
    ] = None,
) -> None:
    """Correct a voucher: book its reversal, which refers to it (it stays as it is)."""
    with cli.guard():
        day = parse_date(on, "date")
        with cli.open() as coop:
            voucher = coop.ledger.correct(
                cli.actor(coop), series.strip().upper(), number, reason, on=day
            )
    if cli.as_json:
        cli.print_json(voucher.model_dump(mode="json"))
    else:
        cli.print(_voucher_line(cli, voucher))


@ledger_app.command("close")
@shared_options(actor=True, json=True)
def ledger_close(
    cli: CliContext,
    period: Annotated[
        str, typer.Argument(help="A month (2026-05) or a year (2026).", show_default=False)
    ],
) -> None:
    """Close a month or a year: no voucher dated in it is accepted afterwards."""
    with cli.guard(), cli.open() as coop:
        closed = coop.ledger.close_period(cli.actor(coop), period)
    if cli.as_json:
        cli.print_json(closed.model_dump(mode="json"))
    else:
        cli.print(cli.texts("ledger")("Period {period} closed.").format(period=closed.label))


@ledger_app.command("balance")
@shared_options(actor=True, json=True)
def ledger_balance(
    cli: CliContext,
    period: PeriodOption = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
) -> None:
    """The trial balance: every account's sum (the movements of --period, if given)."""
    from kooperativ.money import ZERO_ORE

    _ = cli.texts("ledger")
    with cli.guard():
        last = parse_date(until, "until")
        with cli.open() as coop:
            trial = coop.ledger.trial_balance(cli.actor(coop), period=period, until=last)
    if cli.as_json:
        cli.print_json(trial.to_json())
        return
    rows: list[tuple[object, ...]] = [
        (
            row.account,
            row.name,
            cli.amount(row.debit) if row.debit else "",
            cli.amount(row.credit) if row.credit else "",
        )
        for row in trial.rows
    ]
    debit = sum((row.debit for row in trial.rows), ZERO_ORE)
    credit = sum((row.credit for row in trial.rows), ZERO_ORE)
    rows.append(("", _("Total"), cli.amount(debit), cli.amount(credit)))
    cli.print(
        table(
            _("Trial balance"),
            [_("Account"), _("Name"), _("Debit"), _("Credit")],
            rows,
            right=(2, 3),
            compact=True,
        )
    )


@account_app.command("show")
@shared_options(actor=True, json=True)
def account_show(
    cli: CliContext,
    member: Annotated[int, typer.Argument(help="Member number.", show_default=False)],
    period: PeriodOption = None,
) -> None:
    """A member's account with its running balance (a member sees only their own)."""
    _ = cli.texts("ledger")
    with cli.guard(), cli.open() as coop:
        account = coop.ledger.member_account(cli.actor(coop), member, period)
    if cli.as_json:
        cli.print_json(account.to_json())
        return
    title = _("Account of member {number}, {name}").format(
        number=account.member_number, name=account.member_name
    )
    if account.period is not None:
        title += f" ({account.period.label})"
    rows: list[tuple[object, ...]] = [
        ("", "", _("Opening balance"), "", cli.amount(account.opening))
    ]
    rows += [
        (
            line.entry.date.isoformat(),
            line.entry.label,
            line.entry.text,
            cli.amount(line.amount),
            cli.amount(line.balance),
        )
        for line in account.lines
    ]
    rows.append(("", "", _("Closing balance"), "", cli.amount(account.closing)))
    cli.print(
        table(
            title,
            [_("Date"), _("Voucher"), _("Text"), _("Amount"), _("Balance")],
            rows,
            right=(3, 4),
            compact=True,
        )
    )


@account_app.command("statement")
@shared_options(actor=True, json=True)
def account_statement(
    cli: CliContext,
    member: Annotated[int, typer.Argument(help="Member number.", show_default=False)],
    period: PeriodOption = None,
    invoice: Annotated[
        str | None,
        typer.Option(help="One invoice's statement (number, e.g. A17).", show_default=False),
    ] = None,
    pdf: Annotated[
        Path | None, typer.Option(help="Write the statement as a PDF.", show_default=False)
    ] = None,
) -> None:
    """A member's transparency statement (a member sees only their own)."""
    _ = cli.texts("statements")
    with cli.guard():
        lang = cli.language if cli.chosen_language else None
        with cli.open() as coop:
            actor = cli.actor(coop)
            if pdf is not None:
                data = coop.statements.pdf(actor, member, period=period, invoice=invoice, lang=lang)
            elif invoice is not None:
                one = coop.statements.invoice(actor, invoice)
                if one.member_number != member:
                    from kooperativ.errors import InputError

                    raise InputError(
                        "invoice",
                        "invoice {invoice} is not member {member}'s",
                        invoice=one.invoice.label,
                        member=member,
                    )
                view = one.as_dict()
            else:
                view = coop.statements.member(actor, member, period=period).as_dict()
        if pdf is not None:
            try:
                pdf.write_bytes(data)
            except OSError as error:
                from kooperativ.errors import InputError, os_reason

                raise InputError(
                    "pdf", "cannot write {path}: {reason}", path=pdf, reason=os_reason(error)
                ) from None
    if pdf is not None:
        cli.print(cli.messages()("Wrote {path} ({size} bytes).").format(path=pdf, size=len(data)))
        return
    if cli.as_json:
        cli.print_json(view)
        return
    items = view.get("invoices", [view])
    rows: list[tuple[object, ...]] = [
        (
            item["invoice"],
            item["date"],
            cli.amount(Decimal(item["invoiced_excl_vat"])),
            cli.amount(Decimal(item["vat"])),
            cli.amount(Decimal(item["fee"])),
            cli.amount(Decimal(item["budget"])),
            "" if item["salary"] is None else cli.amount(Decimal(item["salary"]["net_pay"])),
        )
        for item in items
    ]
    if "account" in view:
        account = view["account"]
        rows.append(
            (
                _("Total"),
                "",
                cli.amount(Decimal(view["invoiced_excl_vat"])),
                cli.amount(Decimal(view["vat"])),
                cli.amount(Decimal(view["fees"])),
                cli.amount(Decimal(view["budget"])),
                "",
            )
        )
        rows.append(
            (_("What remains"), "", "", "", "", cli.amount(Decimal(account["closing"])), "")
        )
    cli.print(
        table(
            _("Transparency statement, member {number}").format(number=member),
            [
                _("Invoice"),
                _("Date"),
                _("Invoiced excl. VAT"),
                _("VAT"),
                _("Fee"),
                _("Budget"),
                _("Net pay"),
            ],
            rows,
            right=(2, 3, 4, 5, 6),
            compact=True,
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``ledger`` and ``account`` to ``app``."""
    app.add_typer(ledger_app, name="ledger")
    app.add_typer(account_app, name="account")

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ bank …``: payments from the bank (*inbetalningar*).

``import`` reads a camt.054 notification and matches its payments to the open invoices
(the same file twice changes nothing), ``unmatched`` lists the payments left for a person,
``resolve`` allocates one of them to an invoice (moving it from the suspense account).
``credits`` lists the clients' credits kept from overpayments, ``apply-credit`` uses one
for another open invoice of the same client, ``refund`` pays one back.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from kooperativ.cli._common import parse_date, parse_decimal, table
from kooperativ.cli._context import CliContext, shared_options
from kooperativ.cli.invoice import payment_line

__all__ = ["register"]

bank_app = typer.Typer(help="Payments from the bank (camt.054).", no_args_is_help=True)


@bank_app.command("import")
@shared_options(actor=True, json=True)
def bank_import(
    cli: CliContext,
    file: Annotated[Path, typer.Argument(help="A camt.054 file.", show_default=False)],
) -> None:
    """Import the payments of a camt.054 file and match them to open invoices."""
    with cli.guard():
        try:
            data = file.read_bytes()
        except OSError as error:
            from kooperativ.errors import InputError, os_reason

            raise InputError(
                "file", "cannot read {path}: {reason}", path=file, reason=os_reason(error)
            ) from None
        with cli.open() as coop:
            actor = cli.actor(coop)
            report = coop.payments.import_camt054(actor, data, file.name)
    if cli.as_json:
        cli.print_json(report.model_dump(mode="json"))
        return
    _ = cli.texts("payments")
    if report.nothing_new:
        cli.print(
            _("{file}: nothing new ({count} payments imported before).").format(
                file=report.source, count=report.already_imported
            )
        )
        return
    cli.print(
        _("{file}: {matched} matched, {unmatched} unmatched, {already} imported before.").format(
            file=report.source,
            matched=len(report.matched),
            unmatched=len(report.unmatched),
            already=report.already_imported,
        )
    )
    for payment in report.payments:
        line = payment_line(cli, payment)
        reason = payment.reason_in(cli.texts("bank"))
        if reason:
            line += f" – {reason}"
        cli.print(line)


@bank_app.command("unmatched")
@shared_options(actor=True, json=True)
def bank_unmatched(cli: CliContext) -> None:
    """List the payments left for a person to allocate."""
    with cli.guard(), cli.open() as coop:
        found = coop.payments.unmatched(cli.actor(coop))
    if cli.as_json:
        cli.print_json([p.model_dump(mode="json") for p in found])
        return
    _ = cli.texts("payments")
    cli.print(
        table(
            _("Unmatched payments"),
            [_("No."), _("Date"), _("Payer"), _("Payer's reference"), _("Amount")],
            [
                (
                    p.number,
                    p.paid_on.isoformat(),
                    p.payer or "",
                    p.reference or p.reason_in(cli.texts("bank")) or "",
                    cli.amount(p.amount),
                )
                for p in found
            ],
            right=(4,),
            compact=True,
        )
    )


@bank_app.command("resolve")
@shared_options(actor=True, json=True)
def bank_resolve(
    cli: CliContext,
    payment: Annotated[int, typer.Argument(help="Payment number.", show_default=False)],
    invoice: Annotated[str, typer.Argument(help="Invoice number (17 or A17).", show_default=False)],
) -> None:
    """Allocate an unmatched payment to an invoice."""
    with cli.guard(), cli.open() as coop:
        resolved = coop.payments.resolve(cli.actor(coop), payment, invoice)
    if cli.as_json:
        cli.print_json(resolved.model_dump(mode="json"))
    else:
        cli.print(payment_line(cli, resolved))


PaymentArg = Annotated[int, typer.Argument(help="Payment number.", show_default=False)]
DayOption = Annotated[
    str | None,
    typer.Option("--date", help="The day it is booked (YYYY-MM-DD); today by default."),
]
AmountOption = Annotated[
    str | None, typer.Option(help="How much; all the credit it may use by default.")
]


def _day(value: str | None) -> date:
    return parse_date(value, "date") or date.today()


@bank_app.command("credits")
@shared_options(actor=True, json=True)
def bank_credits(
    cli: CliContext,
    client: Annotated[int | None, typer.Option(help="Only this client's.")] = None,
) -> None:
    """List the clients' credits kept from overpayments."""
    with cli.guard(), cli.open() as coop:
        found = coop.payments.credits(cli.actor(coop), client=client)
    if cli.as_json:
        cli.print_json([c.model_dump(mode="json") for c in found])
        return
    _ = cli.texts("payments")
    cli.print(
        table(
            _("Clients' credits"),
            [_("Payment"), _("Date"), _("Client"), _("Credit left")],
            [(c.payment, c.paid_on.isoformat(), c.client, cli.amount(c.credit)) for c in found],
            right=(3,),
            compact=True,
        )
    )


@bank_app.command("apply-credit")
@shared_options(actor=True, json=True)
def bank_apply_credit(
    cli: CliContext,
    payment: PaymentArg,
    invoice: Annotated[str, typer.Argument(help="Invoice number (17 or A17).", show_default=False)],
    day: DayOption = None,
    amount: AmountOption = None,
) -> None:
    """Use a client's credit for another open invoice of the same client."""
    with cli.guard():
        when = _day(day)
        value = parse_decimal(amount, "amount", allow_negative=True)
        with cli.open() as coop:
            applied = coop.payments.apply_credit(cli.actor(coop), payment, invoice, when, value)
    if cli.as_json:
        cli.print_json(applied.model_dump(mode="json"))
    else:
        cli.print(payment_line(cli, applied))


@bank_app.command("refund")
@shared_options(actor=True, json=True)
def bank_refund(
    cli: CliContext,
    payment: PaymentArg,
    day: DayOption = None,
    amount: AmountOption = None,
    note: Annotated[
        str | None, typer.Option(help="A note, e.g. the transfer's reference.", show_default=False)
    ] = None,
) -> None:
    """Pay a client's credit back to the client."""
    with cli.guard():
        when = _day(day)
        value = parse_decimal(amount, "amount", allow_negative=True)
        with cli.open() as coop:
            refunded = coop.payments.refund(cli.actor(coop), payment, when, value, note)
    if cli.as_json:
        cli.print_json(refunded.model_dump(mode="json"))
        return
    _ = cli.texts("payments")
    cli.print(payment_line(cli, refunded))
    last = refunded.refunds[-1]
    cli.print(
        _("Refunded {amount} ({voucher}).").format(
            amount=cli.money(last.amount, refunded.currency), voucher=last.voucher
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``bank`` to ``app``."""
    app.add_typer(bank_app, name="bank")

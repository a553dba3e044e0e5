# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ invoice …``: invoices and credit notes (*fakturor* and *kreditfakturor*).

``create`` invoices one or more assignments of one client (lines from the assignments, or
``--line``), ``list`` and ``show`` them, ``pdf`` writes one as a PDF in Swedish or English,
``credit`` issues a credit note for all of an invoice or some lines, ``peppol`` writes one
as a Peppol BIS Billing 3.0 e-invoice (UBL) for a client with a Peppol id.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kooperativ.cli._common import parse_date, parse_decimal, table
from kooperativ.cli._context import CliContext, PersonalOption, shared_options
from kooperativ.cli._views import record_table

if TYPE_CHECKING:
    from kooperativ.cooperative import Cooperative
    from kooperativ.invoicing.models import Invoice
    from kooperativ.security import Actor

__all__ = ["register"]

invoice_app = typer.Typer(help="Invoices and credit notes (fakturor).", no_args_is_help=True)

InvoiceArg = Annotated[str, typer.Argument(help="Invoice number (17 or A17).", show_default=False)]

#: Words of the invoice kinds and statuses (message ids of the ``invoicing`` catalog).
WORDS = {
    "invoice": "invoice",
    "credit_note": "credit note",
    "issued": "issued",
    "credited": "credited",
    "partly_paid": "partly paid",
    "paid": "paid in full",
}


def _word(cli: CliContext, value: str) -> str:
    domain = "payments" if value in ("partly_paid", "paid") else "invoicing"
    return cli.texts(domain)(WORDS.get(value, value))


def _shown(coop: Cooperative, actor: Actor, invoice: Invoice, show: bool) -> Invoice:
    """``invoice`` with a private buyer's identity number in full only if asked for."""
    number = invoice.buyer.person_id
    if not number or show or not actor.can_read_all:
        return invoice
    buyer = invoice.buyer.model_copy(update={"person_id": coop.mask_person_id(number)})
    return invoice.model_copy(update={"buyer": buyer})


def _lines(texts: list[str] | None) -> list[dict[str, Any]] | None:
    """``--line "description;quantity;unit price[;unit[;vat category]]"`` as line fields."""
    if not texts:
        return None
    from kooperativ.errors import InputError

    found = []
    for text in texts:
        parts = [part.strip() for part in text.split(";")]
        if len(parts) < 3 or len(parts) > 5 or not parts[0]:
            raise InputError(
                "--line",
                "{value!r}: write description;quantity;unit price[;unit[;VAT category]]",
                value=text,
            )
        line: dict[str, Any] = {
            "description": parts[0],
            "quantity": parse_decimal(parts[1], "quantity", allow_negative=True),
            "unit_price": parse_decimal(parts[2], "unit_price", allow_negative=True),
        }
        if len(parts) > 3 and parts[3]:
            line["unit"] = parts[3]
        if len(parts) > 4 and parts[4]:
            line["vat_category"] = parts[4]
        found.append(line)
    return found


def _summary(cli: CliContext, invoice: Invoice) -> str:
    _ = cli.texts("invoicing")
    if invoice.kind == "credit_note":
        return _("Credit note {label} of invoice {original}: {total}.").format(
            label=invoice.label,
            original=f"{invoice.series}{invoice.credits_number}",
            total=cli.money(invoice.total, invoice.currency),
        )
    return _("Invoice {label} to {client}: {total}, due {due}, OCR {ocr}.").format(
        label=invoice.label,
        client=invoice.buyer.name,
        total=cli.money(invoice.total, invoice.currency),
        due=invoice.due_date.isoformat(),
        ocr=invoice.payment_reference,
    )


@invoice_app.command("create")
@shared_options(actor=True, json=True)
def invoice_create(
    cli: CliContext,
    assignments: Annotated[
        list[int], typer.Argument(help="Assignment numbers (of one client).", show_default=False)
    ],
    vat: Annotated[
        str | None,
        typer.Option(
            help="VAT category of every line (standard, reduced, culture, exempt, "
            "reverse_charge, export); by default each assignment's."
        ),
    ] = None,
    issued: Annotated[
        str | None, typer.Option("--date", help="Invoice date (YYYY-MM-DD); today by default.")
    ] = None,
    line: Annotated[
        list[str] | None,
        typer.Option(help='A line "description;quantity;unit price[;unit[;VAT]]" (repeatable).'),
    ] = None,
    reference: Annotated[str | None, typer.Option(help="The client's reference.")] = None,
) -> None:
    """Invoice one or more assignments of one client."""
    with cli.guard():
        day = parse_date(issued, "date")
        lines = _lines(line)
        with cli.open() as coop:
            actor = cli.actor(coop)
            invoice = coop.invoices.create(
                actor,
                assignments=assignments,
                lines=lines,
                issue_date=day,
                vat_category=vat,
                buyer_reference=reference,
            )
            invoice = _shown(coop, actor, invoice, False)
    if cli.as_json:
        cli.print_json(invoice.model_dump(mode="json"))
    else:
        cli.print(_summary(cli, invoice))


@invoice_app.command("list")
@shared_options(actor=True, json=True)
def invoice_list(
    cli: CliContext,
    status: Annotated[str | None, typer.Option(help="Only issued or credited ones.")] = None,
    client: Annotated[int | None, typer.Option(help="Only this client's.")] = None,
    member: Annotated[int | None, typer.Option(help="Only this member's.")] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="Dated on or after (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Dated on or before (YYYY-MM-DD).")
    ] = None,
    show: PersonalOption = False,
) -> None:
    """List invoices and credit notes (a member sees only their own)."""
    with cli.guard():
        first, last = parse_date(start, "from"), parse_date(end, "to")
        with cli.open() as coop:
            actor = cli.actor(coop)
            found = [
                _shown(coop, actor, i, show)
                for i in coop.invoices.list(
                    actor, status=status, client=client, member=member, start=first, end=last
                )
            ]
    if cli.as_json:
        cli.print_json([i.model_dump(mode="json") for i in found])
        return
    _ = cli.texts("invoicing")
    cli.print(
        table(
            _("Invoices"),
            [_("No."), _("Date"), _("Client"), _("Kind"), _("Status"), _("Total")],
            [
                (
                    i.label,
                    i.issue_date.isoformat(),
                    i.buyer.name,
                    _word(cli, i.kind),
                    _word(cli, i.status),
                    cli.amount(i.total * i.sign),
                )
                for i in found
            ],
            right=(5,),
            compact=True,
        )
    )


@invoice_app.command("show")
@shared_options(actor=True, json=True)
def invoice_show(cli: CliContext, invoice: InvoiceArg, show: PersonalOption = False) -> None:
    """Show one invoice or credit note with its lines and VAT."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        found = _shown(coop, actor, coop.invoices.get(actor, invoice), show)
    if cli.as_json:
        cli.print_json(found.model_dump(mode="json"))
        return
    _ = cli.texts("invoicing")
    buyer = found.buyer
    rows: list[tuple[str, object]] = [
        (_("Kind"), _word(cli, found.kind)),
        (_("Status"), _word(cli, found.status)),
        (_("Date of issue"), found.issue_date.isoformat()),
        (_("Due date"), found.due_date.isoformat()),
        (_("Client"), buyer.name),
        (_("Org. no."), buyer.orgnr or buyer.person_id),
        (_("VAT no."), buyer.vat_number),
        (_("OCR reference"), found.payment_reference),
    ]
    if found.credits_number is not None:
        rows.append((_("Credits invoice"), f"{found.series}{found.credits_number}"))
        rows.append((_("Reason"), found.reason))
    cli.print(record_table(f"{_word(cli, found.kind).capitalize()} {found.label}", rows))
    cli.print(
        table(
            "",
            [_("Description"), _("Quantity"), _("Unit price"), _("VAT"), _("Amount")],
            [
                (
                    line.description,
                    cli.figure(line.quantity),
                    cli.amount(line.unit_price),
                    cli.percent(line.vat_rate),
                    cli.amount(line.net),
                )
                for line in found.lines
            ],
            right=(1, 2, 3, 4),
        )
    )
    sums: list[tuple[str, str]] = [(_("Total excl. VAT"), cli.amount(found.total_excl_vat))]
    for vat in found.vat:
        label = _("VAT {rate} of {base}").format(
            rate=cli.percent(vat.rate), base=cli.amount(vat.base)
        )
        sums.append((label, cli.amount(vat.vat)))
        note = vat.text(cli.language)
        if note:
            sums.append((note, ""))
    if found.rounding:
        sums.append((_("Rounding"), cli.amount(found.rounding)))
    total_label = _("Total credited") if found.kind == "credit_note" else _("Amount due")
    sums.append((total_label, cli.money(found.total, found.currency)))
    from rich import box
    from rich.table import Table

    totals = Table(show_header=False, box=box.SIMPLE, pad_edge=False)
    totals.add_column()
    totals.add_column(justify="right")
    for label, value in sums:
        totals.add_row(label, value)
    cli.print(totals)


@invoice_app.command("pdf")
@shared_options(actor=True)
def invoice_pdf(
    cli: CliContext,
    invoice: InvoiceArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: invoice-A17-sv.pdf)."),
    ] = None,
) -> None:
    """Write an invoice or credit note as a PDF in Swedish or English."""
    with cli.guard():
        lang = cli.language if cli.chosen_language else None
        with cli.open() as coop:
            actor = cli.actor(coop)
            found = coop.invoices.get(actor, invoice)
            data = coop.invoices.pdf(actor, found.id, lang)
            target = output or Path(f"invoice-{found.label}-{lang or coop.config.language}.pdf")
        try:
            target.write_bytes(data)
        except OSError as error:
            from kooperativ.errors import InputError, os_reason

            raise InputError(
                "output", "cannot write {path}: {reason}", path=target, reason=os_reason(error)
            ) from None
    cli.print(cli.messages()("Wrote {path} ({size} bytes).").format(path=target, size=len(data)))


@invoice_app.command("peppol")
@shared_options(actor=True)
def invoice_peppol(
    cli: CliContext,
    invoice: InvoiceArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: invoice-A17.xml)."),
    ] = None,
) -> None:
    """Write an invoice or credit note as a Peppol BIS Billing 3.0 e-invoice (UBL)."""
    with cli.guard():
        lang = cli.language if cli.chosen_language else None
        with cli.open() as coop:
            actor = cli.actor(coop)
            found = coop.invoices.get(actor, invoice)
            data = coop.invoices.peppol(actor, found.id, lang)
            target = output or Path(f"invoice-{found.label}.xml")
        try:
            target.write_bytes(data)
        except OSError as error:
            from kooperativ.errors import InputError, os_reason

            raise InputError(
                "output", "cannot write {path}: {reason}", path=target, reason=os_reason(error)
            ) from None
    cli.print(cli.messages()("Wrote {path} ({size} bytes).").format(path=target, size=len(data)))


@invoice_app.command("credit")
@shared_options(actor=True, json=True)
def invoice_credit(
    cli: CliContext,
    invoice: InvoiceArg,
    reason: Annotated[
        str | None, typer.Option(help="Why the invoice is corrected.", show_default=False)
    ] = None,
    line: Annotated[
        list[str] | None,
        typer.Option(
            help='Credit only this "description;quantity;unit price[;unit[;VAT]]" (repeatable).'
        ),
    ] = None,
    issued: Annotated[
        str | None, typer.Option("--date", help="Date of the credit note; today by default.")
    ] = None,
) -> None:
    """Issue a credit note for an invoice (all of it, or the lines given)."""
    with cli.guard():
        day = parse_date(issued, "date")
        lines = _lines(line)
        with cli.open() as coop:
            actor = cli.actor(coop)
            note = coop.invoices.credit(
                actor, invoice, reason=reason or "", lines=lines, issue_date=day
            )
            note = _shown(coop, actor, note, False)
    if cli.as_json:
        cli.print_json(note.model_dump(mode="json"))
    else:
        cli.print(_summary(cli, note))


# -- payments (kooperativ.services.payments) -------------------------------------------------


def payment_line(cli: CliContext, payment: Any) -> str:
    """One line about a payment: number, amount, day, what it settles, the credit kept."""
    _ = cli.texts("payments")
    settled = ", ".join(f"{a.invoice} {cli.amount(a.amount)}" for a in payment.allocations)
    text = _("Payment {number}: {amount} on {day}").format(
        number=payment.number,
        amount=cli.money(payment.amount, payment.currency),
        day=payment.paid_on.isoformat(),
    )
    if settled:
        text += " → " + settled
    if payment.credit:
        text += " · " + _("credit kept {amount}").format(amount=cli.amount(payment.credit))
    if payment.voucher:
        text += f" ({payment.voucher})"
    return text


@invoice_app.command("pay")
@shared_options(actor=True, json=True)
def invoice_pay(
    cli: CliContext,
    invoice: Annotated[
        str, typer.Argument(help="Invoice number (17 or A17) or OCR reference.", show_default=False)
    ],
    amount: Annotated[
        str | None, typer.Option(help="The amount received.", show_default=False)
    ] = None,
    paid: Annotated[
        str | None, typer.Option("--date", help="Day the money came in; today by default.")
    ] = None,
    reference: Annotated[str | None, typer.Option(help="A note (bank reference).")] = None,
) -> None:
    """Register a payment of an invoice (an overpayment is kept as the client's credit)."""
    with cli.guard():
        if amount is None:
            from kooperativ.errors import InputError

            raise InputError("--amount", "give the amount received")
        value = parse_decimal(amount, "amount", allow_negative=True)
        assert value is not None  # amount was given
        day = parse_date(paid, "date")
        with cli.open() as coop:
            actor = cli.actor(coop)
            payment = coop.payments.register(
                actor, invoice, value, day or coop.now().date(), reference
            )
    if cli.as_json:
        cli.print_json(payment.model_dump(mode="json"))
    else:
        cli.print(payment_line(cli, payment))


@invoice_app.command("overdue")
@shared_options(actor=True, json=True)
def invoice_overdue(
    cli: CliContext,
    on: Annotated[
        str | None, typer.Option("--on", help="Interest to this day (YYYY-MM-DD); today.")
    ] = None,
) -> None:
    """List invoices open after their due date, with late-payment interest."""
    with cli.guard():
        day = parse_date(on, "on")
        with cli.open() as coop:
            actor = cli.actor(coop)
            found = coop.payments.overdue(actor, day or coop.now().date())
    if cli.as_json:
        cli.print_json([o.model_dump(mode="json") for o in found])
        return
    _ = cli.texts("payments")
    cli.print(
        table(
            _("Overdue invoices"),
            [_("No."), _("Client"), _("Due"), _("Days"), _("Open"), _("Interest")],
            [
                (
                    o.balance.invoice,
                    o.balance.client,
                    o.balance.due_date.isoformat(),
                    o.days,
                    cli.amount(o.balance.open),
                    cli.amount(o.interest),
                )
                for o in found
            ],
            right=(3, 4, 5),
            compact=True,
        )
    )


@invoice_app.command("remind")
@shared_options(actor=True)
def invoice_remind(
    cli: CliContext,
    invoice: InvoiceArg,
    on: Annotated[
        str | None, typer.Option("--on", help="Reminder date (YYYY-MM-DD); today.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: reminder-A17-sv.pdf)."),
    ] = None,
) -> None:
    """Write a payment reminder of an overdue invoice as a PDF."""
    with cli.guard():
        day = parse_date(on, "on")
        lang = cli.language if cli.chosen_language else None
        with cli.open() as coop:
            actor = cli.actor(coop)
            found = coop.invoices.get(actor, invoice)
            data = coop.payments.reminder(actor, found.id, day or coop.now().date(), lang)
            target = output or Path(f"reminder-{found.label}-{lang or coop.config.language}.pdf")
        try:
            target.write_bytes(data)
        except OSError as error:
            from kooperativ.errors import InputError, os_reason

            raise InputError(
                "output", "cannot write {path}: {reason}", path=target, reason=os_reason(error)
            ) from None
    cli.print(cli.messages()("Wrote {path} ({size} bytes).").format(path=target, size=len(data)))


def register(app: typer.Typer) -> None:
    """Add ``invoice`` to ``app``."""
    app.add_typer(invoice_app, name="invoice")

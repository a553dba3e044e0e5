# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ client …``: the client register (*kundregister*).

A client is an organisation (``--orgnr``) or a private person (``--personnummer``).
A private client's identity number is masked in every listing unless
``--show-personal-data`` is given by someone who may read the whole register.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from kooperativ.cli._common import table
from kooperativ.cli._context import CliContext, PersonalOption, shared_options
from kooperativ.cli._views import address_from_options, record_table

if TYPE_CHECKING:
    from kooperativ.clients.models import Client
    from kooperativ.cooperative import Cooperative
    from kooperativ.security import Actor

__all__ = ["register"]

client_app = typer.Typer(help="The client register.", no_args_is_help=True)

ClientArg = Annotated[int, typer.Argument(help="Client number.", show_default=False)]


def shown(coop: Cooperative, actor: Actor, client: Client, show: bool) -> Client:
    """``client`` with a private person's number in full only if asked for and allowed
    (the service has already masked it for those who may not read the register)."""
    if not actor.can_read_all or show:
        return client
    return coop.clients.masked(client)


@client_app.command("add")
@shared_options(actor=True, json=True)
def client_add(
    cli: CliContext,
    name: Annotated[
        str, typer.Option(help="Name of the organisation or person.", show_default=False)
    ],
    orgnr: Annotated[str | None, typer.Option(help="Organisation number.")] = None,
    person_id: Annotated[
        str | None,
        typer.Option("--personnummer", help="A private person's identity number."),
    ] = None,
    vat_number: Annotated[str | None, typer.Option(help="VAT registration number.")] = None,
    email: Annotated[str | None, typer.Option(help="E-mail address for invoices.")] = None,
    street: Annotated[str | None, typer.Option(help="Street address.")] = None,
    postal_code: Annotated[str | None, typer.Option(help="Postal code.")] = None,
    city: Annotated[str | None, typer.Option(help="City.")] = None,
    country: Annotated[
        str | None, typer.Option(help="Country of the address (ISO code, e.g. DE).")
    ] = None,
    peppol_id: Annotated[str | None, typer.Option(help="e.g. 0007:2120000142.")] = None,
    public_sector: Annotated[bool, typer.Option(help="Invoice through Peppol.")] = False,
    reference: Annotated[str | None, typer.Option(help="The client's reference person.")] = None,
    show: PersonalOption = False,
) -> None:
    """Register a client: an organisation (--orgnr) or a private person (--personnummer)."""
    with cli.guard():
        address = address_from_options(street, postal_code, city)
        if address is not None and country:
            address["country"] = country.upper()
        with cli.open() as coop:
            actor = cli.actor(coop)
            client = coop.clients.add(
                actor,
                name=name,
                orgnr=orgnr,
                person_id=person_id,
                vat_number=vat_number,
                email=email,
                address=address,
                peppol_id=peppol_id,
                public_sector=public_sector,
                reference=reference,
            )
            client = shown(coop, actor, client, show)
    if cli.as_json:
        cli.print_json(client.model_dump(mode="json"))
    else:
        cli.print(cli._("Client {number}: {name}.").format(number=client.number, name=client.name))


@client_app.command("list")
@shared_options(actor=True, json=True)
def client_list(cli: CliContext, show: PersonalOption = False) -> None:
    """List clients (a private person's identity number masked)."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        clients = [shown(coop, actor, c, show) for c in coop.clients.list(actor)]
    if cli.as_json:
        cli.print_json([c.model_dump(mode="json") for c in clients])
        return
    cli.print(
        table(
            cli._("Clients"),
            ["#", cli._("Name"), cli._("Organisation or identity number"), "Peppol"],
            [(c.number, c.name, c.orgnr or c.person_id or "", c.peppol_id or "") for c in clients],
        )
    )


@client_app.command("show")
@shared_options(actor=True, json=True)
def client_show(cli: CliContext, client: ClientArg, show: PersonalOption = False) -> None:
    """Show one client."""
    with cli.guard(), cli.open() as coop:
        actor = cli.actor(coop)
        found = shown(coop, actor, coop.clients.get(actor, client), show)
    if cli.as_json:
        cli.print_json(found.model_dump(mode="json"))
        return
    a = found.address
    cli.print(
        record_table(
            f"{cli._('Client')} {found.number}",
            [
                (cli._("Name"), found.name),
                (cli._("Organisation number"), found.orgnr),
                (cli._("Identity number"), found.person_id),
                (cli._("VAT number"), found.vat_number),
                (cli._("E-mail"), found.email),
                (cli._("Address"), f"{a.street}, {a.postal_code} {a.city}" if a else None),
                (cli._("Reference"), found.reference),
                ("Peppol", found.peppol_id),
                (cli._("Public sector"), cli._("yes") if found.public_sector else cli._("no")),
            ],
        )
    )


@client_app.command("update")
@shared_options(actor=True, json=True)
def client_update(
    cli: CliContext,
    client: ClientArg,
    name: Annotated[str | None, typer.Option(help="Name of the organisation or person.")] = None,
    orgnr: Annotated[str | None, typer.Option(help="Organisation number.")] = None,
    person_id: Annotated[
        str | None,
        typer.Option("--personnummer", help="A private person's identity number."),
    ] = None,
    vat_number: Annotated[
        str | None, typer.Option(help='VAT registration number ("" clears it).')
    ] = None,
    email: Annotated[str | None, typer.Option(help='E-mail address ("" clears it).')] = None,
    street: Annotated[str | None, typer.Option(help="Street address.")] = None,
    postal_code: Annotated[str | None, typer.Option(help="Postal code.")] = None,
    city: Annotated[str | None, typer.Option(help="City.")] = None,
    peppol_id: Annotated[str | None, typer.Option(help="e.g. 0007:2120000142.")] = None,
    public_sector: Annotated[
        bool | None,
        typer.Option("--public-sector/--private-sector", help="Invoice through Peppol."),
    ] = None,
    reference: Annotated[str | None, typer.Option(help="The client's reference person.")] = None,
) -> None:
    """Change a client's details (board, treasurer or administrator). One audited change."""
    with cli.guard():
        from kooperativ.services.clients import KEEP

        given: dict[str, Any] = {
            "name": name,
            "orgnr": orgnr,
            "person_id": person_id,
            "vat_number": vat_number,
            "email": email,
            "address": address_from_options(street, postal_code, city),
            "peppol_id": peppol_id,
            "public_sector": public_sector,
            "reference": reference,
        }
        with cli.open() as coop:
            actor = cli.actor(coop)
            updated = coop.clients.update(
                actor, client, **{k: (KEEP if v is None else v) for k, v in given.items()}
            )
            updated = shown(coop, actor, updated, False)
    if cli.as_json:
        cli.print_json(updated.model_dump(mode="json"))
    else:
        cli.print(
            cli._("Client {number}: {name} updated.").format(
                number=updated.number, name=updated.name
            )
        )


def register(app: typer.Typer) -> None:
    """Add ``client`` to ``app``."""
    app.add_typer(client_app, name="client")

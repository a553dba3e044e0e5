# SPDX-License-Identifier: EUPL-1.2
"""The client register (*kundregister*)."""

from __future__ import annotations

from collections.abc import Mapping

from kooperativ.clients.models import Client
from kooperativ.errors import ConflictError, InputError
from kooperativ.members.models import Address
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, build, resolve


class ClientService(Service):
    """The client register (*kundregister*)."""

    def add(
        self,
        actor: Actor,
        *,
        name: str,
        orgnr: str | None = None,
        person_id: str | None = None,
        vat_number: str | None = None,
        address: Address | Mapping[str, str] | None = None,
        email: str | None = None,
        peppol_id: str | None = None,
        public_sector: bool = False,
        reference: str | None = None,
        number: int | None = None,
    ) -> Client:
        """Register a client. Members may register clients for their own assignments.

        Raises:
            InputError: A wrong orgnr, VAT number or Peppol id (named).
            ConflictError: The orgnr or number is already registered.
        """
        country = self._coop.country
        if orgnr:
            orgnr = country.validate_organisation_id(orgnr, "orgnr")
        if person_id:
            person_id = country.validate_person_id(person_id, "person_id")
        if vat_number:
            vat_number = country.validate_vat_number(vat_number, "vat_number")
        if public_sector and not peppol_id:
            raise InputError("peppol_id", "a public-sector client is invoiced through Peppol")
        with self._uow() as uow:
            other = uow.clients.by_orgnr(orgnr) if orgnr else None
            if other is not None:
                raise ConflictError(f"orgnr: already registered as client {other.number}")
            if number is not None and uow.clients.by_number(number) is not None:
                raise ConflictError(f"number: client number {number} is already taken")
            client = build(
                Client,
                {
                    "number": number if number is not None else uow.clients.next_number(),
                    "name": name,
                    "orgnr": orgnr,
                    "person_id": person_id,
                    "vat_number": vat_number,
                    "address": address,
                    "email": email,
                    "peppol_id": peppol_id,
                    "public_sector": public_sector,
                    "reference": reference,
                },
            )
            uow.clients.add(client)
            self._record(uow, actor, "client.add", None, client)
        return client

    def get(self, actor: Actor, ref: Ref) -> Client:
        """A client by number or id."""
        with self._read() as uow:
            return resolve(uow.clients, "client", ref)

    def list(self, actor: Actor) -> list[Client]:
        """All clients ordered by number."""
        with self._read() as uow:
            return uow.clients.list()

# SPDX-License-Identifier: EUPL-1.2
"""The client register (*kundregister*).

A client is an organisation (with an organisation number) or a private person (with a
personal identity number). A private client's identity number is personal data: only the
roles that read the whole register see it; everyone else gets it masked.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, Final
from uuid import UUID

from kooperativ.clients.models import Client
from kooperativ.errors import ConflictError, InputError
from kooperativ.members.models import Address
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, build, resolve

if TYPE_CHECKING:
    from kooperativ.storage.base import UnitOfWork

__all__ = ["KEEP", "ClientService"]


class _Keep(Enum):
    KEEP = "keep"


#: Default of :meth:`ClientService.update`'s arguments: leave the field as it is.
KEEP: Final = _Keep.KEEP


def _foreign_vat_number(value: str) -> str:
    """A VAT number of another country: checked if it is an EU one, else kept as written
    (upper case, without spaces).

    Raises:
        InputError: An EU VAT number whose check digits or form are wrong.
    """
    from stdnum.eu import vat
    from stdnum.exceptions import ValidationError as StdnumError

    text = "".join(value.split()).upper()
    if text[:2].lower() in vat.MEMBER_STATES | {"el"}:
        try:
            return str(vat.validate(text))
        except StdnumError:
            raise InputError(
                "vat_number", "{value!r} is not a valid VAT number", value=value
            ) from None
    return text


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

        A client is an organisation (``orgnr``) or a private person (``person_id``), not
        both.

        Raises:
            InputError: A wrong orgnr, personal identity number, VAT number or Peppol id,
                or both an orgnr and a person_id (named).
            ConflictError: The orgnr, the personal identity number or the number is
                already registered.
        """
        fields = self._validated(
            orgnr=orgnr,
            person_id=person_id,
            vat_number=vat_number,
            peppol_id=peppol_id,
            public_sector=public_sector,
            abroad=self._abroad(address),
        )
        with self._uow() as uow:
            self._unique(uow, fields["orgnr"], fields["person_id"])
            if number is not None and uow.clients.by_number(number) is not None:
                raise ConflictError(
                    "number: client number {number} is already taken", number=number
                )
            client = build(
                Client,
                {
                    "number": number if number is not None else uow.clients.next_number(),
                    "name": name,
                    **fields,
                    "address": address,
                    "email": email,
                    "public_sector": public_sector,
                    "reference": reference,
                },
            )
            uow.clients.add(client)
            self._record(uow, actor, "client.add", None, client)
        return self._for(actor, client)

    def update(
        self,
        actor: Actor,
        ref: Ref,
        *,
        name: str | _Keep = KEEP,
        orgnr: str | _Keep | None = KEEP,
        person_id: str | _Keep | None = KEEP,
        vat_number: str | _Keep | None = KEEP,
        address: Address | Mapping[str, str] | _Keep | None = KEEP,
        email: str | _Keep | None = KEEP,
        peppol_id: str | _Keep | None = KEEP,
        public_sector: bool | _Keep = KEEP,
        reference: str | _Keep | None = KEEP,
    ) -> Client:
        """Change a client's details (board, treasurer or admin).

        An argument left out keeps its value; ``None`` clears it. Validated as in
        :meth:`add`; one transaction with one audit event (``client.update``).

        Raises:
            InputError: Nothing to change, or a wrong value (named).
            ConflictError: The new orgnr or personal identity number belongs to another
                client.
            PermissionDenied: The actor is not board, treasurer or admin.
            NotFoundError: No such client.
        """
        actor.require_manager("change clients")
        given: dict[str, Any] = {
            key: value
            for key, value in (
                ("name", name),
                ("orgnr", orgnr),
                ("person_id", person_id),
                ("vat_number", vat_number),
                ("address", address),
                ("email", email),
                ("peppol_id", peppol_id),
                ("public_sector", public_sector),
                ("reference", reference),
            )
            if value is not KEEP
        }
        if not given:
            raise InputError("update", "give at least one field to change")
        given = {k: (None if isinstance(v, str) and not v.strip() else v) for k, v in given.items()}
        with self._uow() as uow:
            before = resolve(uow.clients, "client", ref)
            data = {**before.model_dump(), **given}
            data.update(
                self._validated(
                    orgnr=data["orgnr"],
                    person_id=data["person_id"],
                    vat_number=data["vat_number"],
                    peppol_id=data["peppol_id"],
                    public_sector=bool(data["public_sector"]),
                    abroad=self._abroad(data["address"]),
                )
            )
            self._unique(uow, data["orgnr"], data["person_id"], but=before.id)
            after = build(Client, data)
            if after == before:
                return self._for(actor, before)
            uow.clients.update(after)
            self._record(uow, actor, "client.update", before, after)
        return self._for(actor, after)

    def get(self, actor: Actor, ref: Ref) -> Client:
        """A client by number or id (a private client's identity number masked for those
        who may not read the whole register).

        Raises:
            PermissionDenied: The actor is neither a member nor an officer.
            NotFoundError: No such client.
        """
        self._require_reader(actor)
        with self._read() as uow:
            return self._for(actor, resolve(uow.clients, "client", ref))

    def list(self, actor: Actor) -> list[Client]:
        """All clients ordered by number (identity numbers masked as in :meth:`get`).

        Raises:
            PermissionDenied: The actor is neither a member nor an officer.
        """
        self._require_reader(actor)
        with self._read() as uow:
            # The register of clients, as asked: members pick the client of a new assignment.
            return [self._for(actor, c) for c in uow.clients.list()]

    def masked(self, client: Client) -> Client:
        """A copy of ``client`` with a private person's identity number masked (for
        showing only; never pass it back to a service)."""
        if not client.person_id:
            return client
        return client.model_copy(update={"person_id": self._coop.mask_person_id(client.person_id)})

    def _for(self, actor: Actor, client: Client) -> Client:
        """``client`` as ``actor`` may see it: a member sees no other person's number."""
        return client if actor.can_read_all else self.masked(client)

    def _abroad(self, address: Address | Mapping[str, str] | None) -> bool:
        """Whether ``address`` is in another country than the cooperative's."""
        if address is None:
            return False
        code = address.country if isinstance(address, Address) else address.get("country")
        return bool(code) and str(code).upper() != self._coop.country.code

    def _validated(
        self,
        *,
        orgnr: str | None,
        person_id: str | None,
        vat_number: str | None,
        peppol_id: str | None,
        public_sector: bool,
        abroad: bool = False,
    ) -> dict[str, Any]:
        country = self._coop.country
        if abroad:
            # A client in another country: its numbers are that country's, which the
            # cooperative's country does not know; an EU VAT number is checked.
            if orgnr and person_id:
                raise InputError(
                    "person_id", "a client is an organisation (orgnr) or a person, not both"
                )
            return {
                "orgnr": " ".join(orgnr.split()) if orgnr else None,
                "person_id": " ".join(person_id.split()) if person_id else None,
                "vat_number": _foreign_vat_number(vat_number) if vat_number else None,
                "peppol_id": peppol_id or None,
            }
        if orgnr and person_id:
            raise InputError(
                "person_id", "a client is an organisation (orgnr) or a person, not both"
            )
        if public_sector and not peppol_id:
            raise InputError("peppol_id", "a public-sector client is invoiced through Peppol")
        return {
            "orgnr": country.validate_organisation_id(orgnr, "orgnr") if orgnr else None,
            "person_id": (
                country.validate_person_id(person_id, "person_id", on=self._coop.now().date())
                if person_id
                else None
            ),
            "vat_number": (
                country.validate_vat_number(vat_number, "vat_number") if vat_number else None
            ),
            "peppol_id": peppol_id or None,
        }

    @staticmethod
    def _unique(
        uow: UnitOfWork, orgnr: str | None, person_id: str | None, but: UUID | None = None
    ) -> None:
        """Refuse an orgnr or personnummer another client (than ``but``) already has."""
        other = uow.clients.by_orgnr(orgnr) if orgnr else None
        if other is not None and other.id != but:
            raise ConflictError("orgnr: already registered as client {number}", number=other.number)
        other = uow.clients.by_person_id(person_id) if person_id else None
        if other is not None and other.id != but:
            raise ConflictError(
                "person_id: already registered as client {number}", number=other.number
            )

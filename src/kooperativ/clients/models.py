# SPDX-License-Identifier: EUPL-1.2
"""Clients (*uppdragsgivare*): the organisations and people members work for.

The cooperative, not the member, is the client's contracting party: it invoices the
client in its own name. A client is identified by an organisation number (or, for a
private person, a personnummer); a public-sector client is invoiced through Peppol.
"""

from __future__ import annotations

import re
from uuid import UUID, uuid4

from pydantic import EmailStr, Field, field_validator, model_validator

from kooperativ._model import Record
from kooperativ.members.models import Address

__all__ = ["Client"]

_PEPPOL_ID = re.compile(r"^\d{4}:[A-Za-z0-9\-.]{1,50}$")


class Client(Record):
    """A client of the cooperative."""

    id: UUID = Field(default_factory=uuid4)
    number: int = Field(ge=1, description="Client number (kundnummer)")
    name: str = Field(min_length=1)
    orgnr: str | None = Field(default=None, description="Organisationsnummer, validated")
    person_id: str | None = Field(default=None, description="For a private person")
    vat_number: str | None = None
    address: Address | None = None
    email: EmailStr | None = None
    peppol_id: str | None = Field(default=None, description="scheme:identifier, e.g. 0007:...")
    public_sector: bool = False
    reference: str | None = Field(default=None, description="The client's reference person")

    @field_validator("peppol_id")
    @classmethod
    def _peppol(cls, value: str | None) -> str | None:
        if value is not None and not _PEPPOL_ID.match(value):
            raise ValueError("write it as scheme:identifier, e.g. 0007:2120000787")
        if value is not None:
            from pydantic import ValidationError

            from kooperativ.exports.peppol import Identifier

            scheme, identifier = value.split(":", 1)
            try:
                Identifier(value=identifier, scheme=scheme)
            except ValidationError:
                raise ValueError(
                    "not a valid identifier under its scheme (0007: an organisation number "
                    "with its Luhn check digit; 0088: a GLN with its check digit)"
                ) from None
        return value

    @model_validator(mode="after")
    def _identified(self) -> Client:
        if not self.orgnr and not self.person_id:
            raise ValueError("a client needs an orgnr or a person_id")
        return self

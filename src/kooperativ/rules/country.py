# SPDX-License-Identifier: EUPL-1.2
"""Country rules: the protocol a country implements, and the registry.

Countries are found through the entry point group ``kooperativ.countries``. Sweden is
registered in kooperativ's own ``pyproject.toml`` exactly as a third-party country would be:

```toml
[project.entry-points."kooperativ.countries"]
SE = "kooperativ.countries.se:Sweden"
```
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from kooperativ.errors import ConfigError
from kooperativ.rules.parameters import ParameterSet

if TYPE_CHECKING:
    from kooperativ.rules.employment import EmploymentLaw

__all__ = ["CountryRules", "available_countries", "get_country"]

ENTRY_POINT_GROUP = "kooperativ.countries"


@runtime_checkable
class CountryRules(Protocol):
    """What a country package provides."""

    #: ISO 3166-1 alpha-2 code.
    code: str
    #: ISO 4217 currency code.
    currency: str
    #: Language of documents and messages unless the cooperative chooses another.
    default_language: str

    def parameters(self) -> ParameterSet:
        """All dated legal figures of the country."""
        ...

    def validate_person_id(self, value: str, field: str = "personal_id") -> str:
        """Return the normalised personal identity number or raise ``InputError``."""
        ...

    def birth_date(self, person_id: str) -> date:
        """Birth date encoded in a (normalised) personal identity number."""
        ...

    def validate_organisation_id(self, value: str, field: str = "organisation_id") -> str:
        """Return the normalised organisation number or raise ``InputError``."""
        ...

    def validate_vat_number(self, value: str, field: str = "vat_number") -> str:
        """Return the normalised VAT registration number or raise ``InputError``."""
        ...

    def vat_rate(self, category: str, on: date) -> Decimal:
        """The VAT rate of ``category`` (e.g. ``"standard"``) on ``on``."""
        ...

    def employment_law(self) -> EmploymentLaw:
        """The country's employment law: forms, written information, limits, rights."""
        ...


@cache
def _registry() -> dict[str, type]:
    return {ep.name.upper(): ep.load() for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available_countries() -> list[str]:
    """Codes of every registered country, sorted."""
    return sorted(_registry())


def get_country(code: str) -> CountryRules:
    """The rules of the country ``code`` (an instance of its registered class).

    Raises:
        ConfigError: If no country with that code is registered.
    """
    cls = _registry().get(code.upper())
    if cls is None:
        known = ", ".join(available_countries()) or "none"
        raise ConfigError(
            "cooperative.toml", "country", f"no rules for country {code!r} (known: {known})"
        )
    instance = cls()
    if not isinstance(instance, CountryRules):
        raise ConfigError("entry point", code, "does not implement CountryRules")
    return instance

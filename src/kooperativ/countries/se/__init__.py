# SPDX-License-Identifier: EUPL-1.2
"""Sweden: the country rules for Swedish employment cooperatives.

References:
    - Socialavgiftslag (2000:980): employer contributions (*arbetsgivaravgifter*).
    - Lag (1994:1920) om allmän löneavgift.
    - Inkomstskattelag (1999:1229) and Skatteförfarandelag (2011:1244): preliminary tax.
    - Semesterlag (1977:480): holiday pay (*semesterersättning*).
    - Lag (1982:80) om anställningsskydd (LAS): employment contracts.
    - Mervärdesskattelag (2023:200): VAT.
    - Folkbokföringslag (1991:481): personnummer and samordningsnummer.

Every figure lives in ``parameters/`` as dated data with its source; the code only
chooses and applies them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kooperativ.countries.se import identifiers
from kooperativ.countries.se.parameters import PARAMETER_FOLDER, load_swedish_parameters
from kooperativ.errors import InputError
from kooperativ.rules.employment import EmploymentLaw
from kooperativ.rules.parameters import ParameterSet

__all__ = ["PARAMETER_FOLDER", "VAT_CATEGORIES", "Sweden", "load_swedish_parameters"]

#: VAT categories an assignment or invoice line may use, mapped to parameters.
VAT_CATEGORIES = {
    "standard": "vat.standard",
    "reduced": "vat.reduced",
    "culture": "vat.culture",
    "exempt": "vat.exempt",
}


class Sweden:
    """Country rules for Sweden (``SE``)."""

    code = "SE"
    currency = "SEK"
    default_language = "sv"

    def parameters(self) -> ParameterSet:
        """All of Sweden's dated parameters."""
        return load_swedish_parameters()

    def validate_person_id(self, value: str, field: str = "personnummer") -> str:
        """A personnummer or samordningsnummer, normalised to 12 digits."""
        return identifiers.normalise_personnummer(value, field)

    def birth_date(self, person_id: str) -> date:
        """Birth date from a personnummer or samordningsnummer."""
        return identifiers.birth_date(person_id)

    def mask_person_id(self, person_id: str) -> str:
        """The personnummer with its last four digits hidden."""
        return identifiers.mask_personnummer(person_id)

    def validate_organisation_id(self, value: str, field: str = "orgnr") -> str:
        """An organisationsnummer as ``NNNNNN-NNNN``."""
        return identifiers.validate_orgnr(value, field)

    def validate_vat_number(self, value: str, field: str = "vat_number") -> str:
        """A Swedish VAT number as ``SE`` + 12 digits."""
        return identifiers.validate_vat_number(value, field)

    def validate_bank_account(self, value: str, field: str = "bank_account") -> str:
        """A clearing + account number written ``CCCC-AAAAAAA`` (or ``CCCC AAAAAAA``)."""
        parts = value.replace(" ", "-").split("-", 1)
        if len(parts) != 2:
            raise InputError(field, f"{value!r}: write clearing number and account as CCCC-NNNNNNN")
        return identifiers.validate_bank_account(parts[0], parts[1], field)

    def vat_categories(self) -> list[str]:
        """The VAT categories known to Sweden."""
        return sorted(VAT_CATEGORIES)

    def vat_rate(self, category: str, on: date) -> Decimal:
        """The VAT rate of ``category`` on ``on``."""
        name = VAT_CATEGORIES.get(category)
        if name is None:
            known = ", ".join(sorted(VAT_CATEGORIES))
            raise InputError("vat_category", f"{category!r} is unknown (known: {known})")
        return load_swedish_parameters().at(on).decimal(name)

    def employment_law(self) -> EmploymentLaw:
        """LAS and holiday pay (:mod:`kooperativ.countries.se.employment`)."""
        from kooperativ.countries.se.employment import SwedishEmploymentLaw

        return SwedishEmploymentLaw()

# SPDX-License-Identifier: EUPL-1.2
"""Exampleland, installed through its entry point, passes kooperativ's conformance suite.

Run it where the package is installed (``pip install -e .`` in this folder, then
``pytest tests``). kooperativ's own tests run it from the source tree
(``tests/examples/test_country_package.py``), so the example cannot rot.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from kooperativ.testing.country import CountryConformance


class TestExampleland(CountryConformance):
    """Valid sample numbers of Exampleland (the suite cannot invent them)."""

    code = "XE"
    person_id = "19900415-1239"  # Luhn over 19900415123 → 9
    organisation_id = "556677-3"  # Luhn over 556677 → 3
    other_organisation_id = "912345-6"  # Luhn over 912345 → 6
    vat_number = "XE5566773"  # XE and organisation_id's digits
    bank_account = "1234 5678 9015"  # Luhn over 12345678901 → 5
    tax_mode = "standard"
    paid_on = date(2026, 3, 25)
    config_extra: ClassVar[dict[str, Any]] = {"xe": {"default_tax": "standard"}}

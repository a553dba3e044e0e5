# SPDX-License-Identifier: EUPL-1.2
"""Sweden passes the country conformance suite shipped in ``kooperativ.testing.country``."""

from __future__ import annotations

from datetime import date

from kooperativ.testing.country import CountryConformance


class TestSweden(CountryConformance):
    code = "SE"
    person_id = "19850312-9804"
    organisation_id = "559876-5435"  # the example's AB (fictional, valid check digit)
    other_organisation_id = "802543-2108"  # the example's association
    vat_number = "SE559876543501"
    bank_account = "8327-9, 123 456 789-7"  # Swedbank, as printed on a card
    tax_mode = "table:33:1"
    paid_on = date(2026, 11, 25)
    interest_on = date(2026, 3, 15)  # the reference rate from 2026-07-01 is not known here

# SPDX-License-Identifier: EUPL-1.2
"""Testland, installed through its entry point, passes the country conformance suite."""

from __future__ import annotations

from datetime import date

from kooperativ.testing.country import CountryConformance


class TestTestland(CountryConformance):
    code = "XT"
    person_id = "19900415-123-9"  # check digit: Σ digit × position (1…11) = 179 → 9
    organisation_id = "XT-100200-3"  # 1 + 2 = 3
    other_organisation_id = "XT-555000-5"  # 15 → 5
    vat_number = "XTV1002003"
    bank_account = "1234 567890 6"  # 1·1 + 2·2 + 3·3 + 4·1 + … = 6 (mod 10)
    tax_mode = "flat"
    paid_on = date(2026, 11, 25)
    config_extra = {"xt": {"default_tax": "flat"}}  # noqa: RUF012 - read only

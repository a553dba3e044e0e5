# SPDX-License-Identifier: EUPL-1.2
"""Dated legal parameters, the country protocol and its registry, and what a country's
payroll law gives the salary solver, and late-payment interest."""

from kooperativ.rules.country import (
    BookkeepingExport,
    CountryRules,
    IdentifierRules,
    PayrollCountry,
    VatRules,
    available_countries,
    clear_country_cache,
    get_country,
)
from kooperativ.rules.late_payment import (
    LateInterest,
    LateInterestLine,
    LateInterestTerms,
    LatePaymentRules,
    late_interest,
)
from kooperativ.rules.parameters import (
    DatedValue,
    Parameter,
    ParameterSet,
    Resolved,
    with_overrides,
)
from kooperativ.rules.payment_account import PaymentAccount
from kooperativ.rules.payroll import PayrollRules, PublishesTaxTables, SalaryModel

__all__ = [
    "BookkeepingExport",
    "CountryRules",
    "DatedValue",
    "IdentifierRules",
    "LateInterest",
    "LateInterestLine",
    "LateInterestTerms",
    "LatePaymentRules",
    "Parameter",
    "ParameterSet",
    "PaymentAccount",
    "PayrollCountry",
    "PayrollRules",
    "PublishesTaxTables",
    "Resolved",
    "SalaryModel",
    "VatRules",
    "available_countries",
    "clear_country_cache",
    "get_country",
    "late_interest",
    "with_overrides",
]

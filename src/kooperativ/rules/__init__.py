# SPDX-License-Identifier: EUPL-1.2
"""Dated legal parameters and the country-rules registry."""

from kooperativ.rules.country import CountryRules, available_countries, get_country
from kooperativ.rules.parameters import DatedValue, Parameter, ParameterSet, Resolved

__all__ = [
    "CountryRules",
    "DatedValue",
    "Parameter",
    "ParameterSet",
    "Resolved",
    "available_countries",
    "get_country",
]

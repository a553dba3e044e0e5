# SPDX-License-Identifier: EUPL-1.2
"""The country conformance suite: what every country package must pass.

A country package implements :class:`~kooperativ.rules.country.CountryRules` and registers
it under the entry point group ``kooperativ.countries``. This suite checks, against the
*installed* package, everything kooperativ relies on: the registration, the identity,
identifiers that normalise to one form (and refuse or normalise digits of other widths and
scripts), VAT, the chart of accounts, the configuration section, and the payroll rules
with the two properties the salary solver needs (the cost never falls when the gross
grows, the tax never falls when the pay grows), salaries that conserve every öre in all
four ways of setting the pay, and traces that explain every amount.

Run it for your country by subclassing :class:`CountryConformance` in a test module and
giving valid sample numbers (the suite cannot invent them)::

    from datetime import date
    from kooperativ.testing.country import CountryConformance

    class TestNorway(CountryConformance):
        code = "NO"
        person_id = "01019012345"          # a valid number, as a person writes it
        organisation_id = "974760673"
        other_organisation_id = "923609016"
        vat_number = "NO974760673MVA"      # organisation_id's own VAT number
        bank_account = "8601.11.17947"
        tax_mode = "table:7100"             # a tax mode the sample person may have
        paid_on = date(2026, 11, 25)        # a day the parameters cover

pytest collects the subclass (its name starts with ``Test``) and runs every check; a
failure names what your country does differently from what kooperativ needs. kooperativ
runs the suite for Sweden (``tests/countries/se/test_conformance.py``) and for the
fictional Testland (``tests/testland/``).
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from importlib.metadata import entry_points
from typing import Any, ClassVar

import pytest
from pydantic import BaseModel, ValidationError

from kooperativ.errors import InputError, KooperativError, RulesError
from kooperativ.i18n import available_languages
from kooperativ.money import ORE, ZERO
from kooperativ.payroll import (
    FIELDS,
    NO_HOLIDAY_PAY,
    SalaryInput,
    SalaryResult,
    calculate_salary,
    invoice_for_net,
)
from kooperativ.rules.country import (
    ENTRY_POINT_GROUP,
    CountryRules,
    IdentifierRules,
    PayrollCountry,
    VatRules,
    get_country,
)
from kooperativ.rules.parameters import ParameterSet
from kooperativ.rules.payroll import PayrollRules, SalaryModel

__all__ = ["CountryConformance"]

#: Texts no identifier of any country is.
GARBAGE = ("", "   ", "x", "not a number", "0", "12-34")

#: Gross salaries the solver properties are checked at (whole units of the currency).
GROSS_GRID = (
    *range(0, 3000, 97),
    *range(3000, 120_000, 1009),
    *range(120_000, 2_000_000, 77_777),
)


def _fullwidth(text: str) -> str:
    """``text`` with its ASCII digits and letters typed in full width (U+FF10 …)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def _arabic_indic(text: str) -> str:
    """``text`` with its digits in Arabic-Indic script (٠١٢…)."""
    return "".join(chr(0x0660 + int(c)) if c.isascii() and c.isdigit() else c for c in text)


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, SalaryResult):
        return [v for name in value.__slots__ for v in _leaves(getattr(value, name))]
    if isinstance(value, tuple | list):
        return [v for item in value for v in _leaves(item)]
    if isinstance(value, dict):
        return [v for pair in value.items() for item in pair for v in _leaves(item)]
    return [value]


class CountryConformance:
    """Subclass with a ``Test`` name and set the samples; pytest runs every check.

    Attributes:
        code: The country's code (the entry point's name).
        person_id: A valid personal identity number, as a person writes it.
        organisation_id: A valid organisation number.
        other_organisation_id: A second valid organisation number (its VAT number must
            not be accepted for :attr:`organisation_id`).
        vat_number: The VAT number of :attr:`organisation_id`.
        bank_account: A valid domestic bank account, as printed.
        tax_mode: A tax mode the person of :attr:`person_id` may have on :attr:`paid_on`.
        paid_on: A payment day the country's parameters cover.
        fee_rate: A cooperative fee rate for the salary checks.
    """

    code: ClassVar[str]
    person_id: ClassVar[str]
    organisation_id: ClassVar[str]
    other_organisation_id: ClassVar[str]
    vat_number: ClassVar[str]
    bank_account: ClassVar[str]
    tax_mode: ClassVar[str]
    paid_on: ClassVar[date]
    fee_rate: ClassVar[Decimal] = Decimal("0.06")

    # -- helpers ----------------------------------------------------------------------
    @property
    def country(self) -> CountryRules:
        """The installed country, as the registry gives it."""
        return get_country(self.code)

    @property
    def rules(self) -> PayrollRules:
        """The country's payroll rules with its own parameters and default settings."""
        return self.country.payroll()

    def birth(self) -> date:
        """The birth date of the sample person."""
        country = self.country
        return country.birth_date(country.validate_person_id(self.person_id))

    def salary(self, **fields: Any) -> SalaryResult:
        """A salary of the sample person by the country's rules."""
        base: dict[str, Any] = {
            "birth_date": self.birth(),
            "paid_on": self.paid_on,
            "tax": self.tax_mode,
        }
        base.update(fields)
        return calculate_salary(SalaryInput.create(**base), self.rules)

    def model(self) -> SalaryModel:
        """The cost model of a salary of the sample person."""
        inp = SalaryInput.create(
            gross="1000", birth_date=self.birth(), paid_on=self.paid_on, tax=self.tax_mode
        )
        return self.rules.model(inp)

    # -- registration and identity ----------------------------------------------------
    def test_registered_through_the_entry_point(self) -> None:
        names = {ep.name.upper() for ep in entry_points(group=ENTRY_POINT_GROUP)}
        assert self.code in names, f"no entry point {self.code} in {ENTRY_POINT_GROUP}"
        assert get_country(self.code) is get_country(self.code.lower())

    def test_implements_every_protocol(self) -> None:
        country = self.country
        for protocol in (CountryRules, IdentifierRules, VatRules, PayrollCountry):
            assert isinstance(country, protocol), protocol.__name__
        assert isinstance(self.rules, PayrollRules)
        assert isinstance(self.model(), SalaryModel)

    def test_identity(self) -> None:
        country = self.country
        assert country.code == self.code
        assert len(country.code) == 2 and country.code.isalpha() and country.code.isupper()
        assert len(country.currency) == 3 and country.currency.isalpha()
        assert country.currency.isupper()
        assert country.name.strip()
        assert country.languages, "a country has at least one language"
        assert country.default_language in country.languages

    def test_languages_have_catalogs(self) -> None:
        country = self.country
        installed = available_languages()
        assert country.default_language in installed, (
            f"no catalogs for {country.default_language!r}: add the country's locale folder "
            "with kooperativ.i18n.add_locale_dir"
        )

    def test_parameters_are_dated_data_with_sources(self) -> None:
        parameters = self.country.parameters()
        assert isinstance(parameters, ParameterSet)
        assert len(parameters) > 0
        for name in parameters:
            parameter = parameters[name]
            assert parameter.description.strip(), name
            assert parameter.reference.strip(), name
            assert parameter.values, name

    # -- identifiers ------------------------------------------------------------------
    def _normal_forms(self, validate: Any, sample: str) -> str:
        normal = validate(sample)
        assert isinstance(normal, str) and normal
        assert validate(normal) == normal, "the normal form must validate to itself"
        assert validate(f"  {sample} ") == normal, "surrounding spaces must not matter"
        for variant in (_fullwidth(sample), _arabic_indic(sample)):
            if variant == sample:
                continue
            try:
                again = validate(variant)
            except InputError:
                continue  # refused: fine
            assert again == normal, f"{variant!r} normalised to {again!r}, not {normal!r}"
            assert all(not c.isdigit() or c.isascii() for c in again)
        for bad in GARBAGE:
            with pytest.raises(InputError):
                validate(bad)
        return str(normal)

    def test_person_id(self) -> None:
        country = self.country
        normal = self._normal_forms(country.validate_person_id, self.person_id)
        field = "the_field"
        with pytest.raises(InputError) as info:
            country.validate_person_id("x", field)
        assert info.value.field == field
        masked = country.mask_person_id(normal)
        assert masked != normal and normal not in masked
        assert unicodedata.normalize("NFKC", masked) == masked

    def test_birth_date_and_people_not_yet_born(self) -> None:
        country = self.country
        normal = country.validate_person_id(self.person_id)
        born = country.birth_date(normal)
        assert isinstance(born, date)
        assert born <= self.paid_on
        assert country.validate_person_id(self.person_id, on=born) == normal
        with pytest.raises(InputError):
            country.validate_person_id(self.person_id, on=born - timedelta(days=1))

    def test_organisation_id(self) -> None:
        country = self.country
        self._normal_forms(country.validate_organisation_id, self.organisation_id)
        other = country.validate_organisation_id(self.other_organisation_id)
        assert other != country.validate_organisation_id(self.organisation_id)

    def test_vat_number_is_the_organisations(self) -> None:
        country = self.country
        normal = self._normal_forms(country.validate_vat_number, self.vat_number)
        own = country.validate_organisation_id(self.organisation_id)
        other = country.validate_organisation_id(self.other_organisation_id)
        assert country.validate_vat_number(self.vat_number, organisation_id=own) == normal
        with pytest.raises(InputError):
            country.validate_vat_number(self.vat_number, organisation_id=other)

    def test_bank_account(self) -> None:
        country = self.country
        normal = self._normal_forms(country.validate_bank_account, self.bank_account)
        masked = country.mask_bank_account(normal)
        assert masked != normal

    def test_payment_number_of_unknown_kind_is_refused(self) -> None:
        with pytest.raises(InputError):
            self.country.validate_payment_number("no-such-kind", "123", "employer.x")

    # -- VAT, accounts, configuration ---------------------------------------------------
    def test_vat(self) -> None:
        country = self.country
        categories = country.vat_categories()
        assert "standard" in categories
        for category in categories:
            rate = country.vat_rate(category, self.paid_on)
            assert isinstance(rate, Decimal) and ZERO <= rate < 1, category
        with pytest.raises(InputError):
            country.vat_rate("no-such-category", self.paid_on)

    def test_chart_of_accounts(self) -> None:
        accounts = self.country.chart_of_accounts()
        assert accounts
        for role, number in accounts.items():
            assert isinstance(role, str) and role.isidentifier(), role
            assert isinstance(number, int) and not isinstance(number, bool) and number >= 0

    def test_account_names(self) -> None:
        names = self.country.account_names()
        for role, number in self.country.chart_of_accounts().items():
            assert number in names, f"role {role}: account {number} has no name"
        for number, name in names.items():
            assert isinstance(number, int) and not isinstance(number, bool) and number >= 0
            assert isinstance(name, str) and name.strip(), number

    def test_config_section(self) -> None:
        schema = self.country.config_section()
        assert issubclass(schema, BaseModel)
        defaults = schema.model_validate({})  # every key has a default
        rules = self.country.payroll(self.country.parameters(), defaults)
        assert isinstance(rules, PayrollRules)
        with pytest.raises(ValidationError):
            schema.model_validate({"no_such_key_anywhere": 1})

    # -- payroll ------------------------------------------------------------------------
    def test_tax_modes(self) -> None:
        country = self.country
        assert country.validate_tax_mode(self.tax_mode)
        assert country.validate_tax_mode(self.rules.default_tax)
        with pytest.raises(InputError) as info:
            country.validate_tax_mode("no such tax mode", "tax")
        assert info.value.field == "tax"

    def test_holiday_pay_policies(self) -> None:
        rules = self.rules
        policies = rules.holiday_pay_policies()
        assert NO_HOLIDAY_PAY in policies
        assert rules.default_holiday_pay in policies
        assert self.salary(gross="10000", holiday_pay=NO_HOLIDAY_PAY).holiday_pay == 0
        with pytest.raises(InputError):
            self.salary(gross="10000", holiday_pay="no-such-policy")

    def test_cost_and_tax_never_fall(self) -> None:
        model = self.model()
        previous_total = previous_tax = None
        for units in GROSS_GRID:
            total = model.total(units)
            cost = model.cost(Decimal(units))
            assert total == cost.total, units
            assert model.taxable(units) == cost.taxable, units
            tax = model.withheld(cost.taxable)
            assert ZERO <= tax <= cost.taxable, units
            if previous_total is not None and previous_tax is not None:
                assert total >= previous_total, f"total cost falls at {units}"
                assert tax >= previous_tax, f"tax falls at {units}"
            previous_total, previous_tax = total, tax
        assert model.factor_min <= model.factor_max
        assert model.taxable_factor > 0

    def test_salary_from_gross_adds_up(self) -> None:
        r = self.salary(gross="25000")
        assert r.gross_salary == 25000
        assert r.taxable_pay == r.gross_salary + r.holiday_pay
        assert r.budget == r.taxable_pay + r.employer_contributions + r.pension + r.pension_tax
        assert r.remainder == 0
        assert r.net_pay == r.taxable_pay - r.preliminary_tax
        assert r.payout == r.net_pay + r.expenses
        assert ZERO <= r.preliminary_tax <= r.taxable_pay

    def test_salary_from_invoice_and_budget_fits_to_the_ore(self) -> None:
        for invoiced in ("1000", "30000", "123456.78", "5000000"):
            r = self.salary(invoiced=invoiced, fee_rate=self.fee_rate, expenses="100")
            assert r.budget == Decimal(invoiced) - r.fee - r.expenses
            assert r.total_cost + r.remainder == r.budget
            assert r.remainder >= 0
            assert all(value == value.quantize(ORE) for value in (r.fee, r.remainder))
            more = self.salary(gross=r.gross_salary + 1)
            assert more.budget > r.budget, "one unit more of gross would fit the budget"
            by_budget = self.salary(budget=r.budget)
            assert by_budget.gross_salary == r.gross_salary

    def test_net_pay_and_the_invoice_for_it(self) -> None:
        for wanted in ("500", "20000", "123456.78", "10000000"):
            r = self.salary(net=wanted)
            assert r.net_pay >= Decimal(wanted)
            if r.gross_salary > 0:
                less = self.salary(gross=r.gross_salary - 1)
                assert less.net_pay < Decimal(wanted), "a smaller gross reaches the net pay"
            inp = SalaryInput.create(
                net=wanted,
                fee_rate=self.fee_rate,
                birth_date=self.birth(),
                paid_on=self.paid_on,
                tax=self.tax_mode,
            )
            invoice = invoice_for_net(inp, self.rules)
            assert self.salary(invoiced=invoice, fee_rate=self.fee_rate).net_pay >= Decimal(wanted)
            assert self.salary(invoiced=invoice - ORE, fee_rate=self.fee_rate).net_pay < Decimal(
                wanted
            )

    def test_trace_explains_every_amount(self) -> None:
        r = self.salary(invoiced="30000", fee_rate=self.fee_rate, pension_rate="0.045")
        assert tuple(line.field for line in r.trace) == FIELDS
        for line in r.trace:
            assert line.amount == getattr(r, line.field), line.field
            assert line.rule and line.reference and line.formula, line.field
            for key, value in line.parameters.items():
                assert isinstance(key, str) and isinstance(value, str), line.field
        leaves = _leaves(r)
        assert not any(isinstance(leaf, float) for leaf in leaves)

    def test_year_without_parameters_is_a_rules_error(self) -> None:
        with pytest.raises((RulesError, InputError)):
            self.salary(gross="1000", paid_on=date(1901, 6, 25), birth_date=date(1880, 1, 1))

    def test_errors_are_kooperativ_errors(self) -> None:
        with pytest.raises(KooperativError):
            self.salary(gross="1000", tax="no such tax mode")

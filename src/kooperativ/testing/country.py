# SPDX-License-Identifier: EUPL-1.2
"""The country conformance suite: what every country package must pass.

A country package implements :class:`~kooperativ.rules.country.CountryRules` and registers
it under the entry point group ``kooperativ.countries``. This suite checks, against the
*installed* package, everything kooperativ relies on: the registration, the identity,
identifiers that normalise to one form (and refuse or normalise digits of other widths and
scripts), VAT, the chart of accounts, the configuration section, and the payroll rules
with the two properties the salary solver needs (the cost never falls when the gross
grows, the tax never falls when the pay grows), salaries that conserve every öre in all
four ways of setting the pay, traces that explain every amount, and travel allowances
that split what was paid into a tax-free and a taxable part to the öre (more free meals
never more tax-free, a farther destination or a longer drive never less).

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

import itertools
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from importlib.metadata import entry_points
from typing import Any, ClassVar

import pytest
from pydantic import BaseModel, ValidationError

from kooperativ.absence.sick_pay import Employment, SickPayRequest, SickSpell
from kooperativ.errors import ConfigError, InputError, KooperativError, RulesError
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
    VatBuyer,
    VatCategory,
    VatRules,
    get_country,
)
from kooperativ.rules.late_payment import LatePaymentRules, late_interest
from kooperativ.rules.parameters import ParameterSet
from kooperativ.rules.payment_account import PaymentAccount
from kooperativ.rules.payroll import PayrollRules, SalaryModel
from kooperativ.rules.reporting import EmployerReporting, ReportEmployer
from kooperativ.rules.travel import TravelRules
from kooperativ.travel import (
    DistanceUnit,
    Meals,
    MileageAllowance,
    MileageClaim,
    TravelAllowance,
    Trip,
    VehicleKind,
)

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


#: Amounts paid for a trip or a drive that the travel checks try.
TRAVEL_PAID = ("0", "0.01", "150", "299.99", "1234.56", "100000")

#: The free meals of a day the travel checks try, each set a superset of the one before.
MEAL_STEPS = (
    (False, False, False),
    (True, False, False),
    (True, True, False),
    (True, True, True),
)


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
        interest_on: A day whose late-payment interest rate is known, as are the 60 days
            before it (``None``: :attr:`paid_on`).
        config_extra: Tables ``cooperative.toml`` needs for the country (its own section),
            for the check that a cooperative of the country invoices and takes payments.
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
    interest_on: ClassVar[date | None] = None
    config_extra: ClassVar[dict[str, Any]] = {}

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
        for protocol in (CountryRules, IdentifierRules, VatRules, PayrollCountry, LatePaymentRules):
            assert isinstance(country, protocol), protocol.__name__
        assert isinstance(country, EmployerReporting)

    def test_employer_report_of_an_empty_month(self) -> None:
        """A month without payslips gives the country's report of nothing, or a clear
        ConfigError if the country has no such report (nothing else)."""
        employer = ReportEmployer(
            organisation_id=self.organisation_id, name="Conformance AB",
            phone="+1 555 0100", email="payroll@conformance.example",
        )  # fmt: skip
        period = f"{self.paid_on.year:04d}-{self.paid_on.month:02d}"
        created = datetime(self.paid_on.year, self.paid_on.month, self.paid_on.day, 12)
        try:
            report = self.country.employer_report(employer, period, [], created=created)
        except ConfigError as error:
            assert error.reason
            return
        assert isinstance(report, bytes) and report
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

    def test_stored_bank_account_is_a_payment_account(self) -> None:
        """A member's stored account becomes an ISO 20022 account for salary files: the
        same account from every spelling, and an unknown kind refused."""
        country = self.country
        normal = country.validate_bank_account(self.bank_account)
        account = country.payment_account(normal)
        assert isinstance(account, PaymentAccount)
        assert account.identification
        assert country.payment_account(self.bank_account, "member.bank_account") == account
        with pytest.raises(InputError):
            country.payment_account(normal, kind="no-such-kind")

    def test_payment_number_of_unknown_kind_is_refused(self) -> None:
        with pytest.raises(InputError):
            self.country.validate_payment_number("no-such-kind", "123", "employer.x")

    # -- late-payment interest ---------------------------------------------------------
    @property
    def interest_day(self) -> date:
        """The day the late-payment checks ask for."""
        return self.interest_on or self.paid_on

    def test_late_interest_terms(self) -> None:
        country = self.country
        on = self.interest_day
        terms = country.late_interest_terms(on)
        assert isinstance(terms.rate, Decimal) and ZERO <= terms.rate < 1
        assert country.late_interest_rate(on) == terms.rate
        assert terms.first <= on and (terms.last is None or on <= terms.last)
        assert terms.day_count in (360, 365, 366), "a year of 360, 365 or 366 days"
        assert terms.reference.strip(), "the rate's legal source"
        # The same terms on every day of the period they claim.
        assert country.late_interest_terms(terms.first).rate == terms.rate
        if terms.last is not None:
            assert country.late_interest_terms(terms.last).rate == terms.rate

    def test_late_interest_adds_up(self) -> None:
        country = self.country
        paid = self.interest_day
        amount = Decimal("12345.67")
        previous = ZERO
        for days in (0, 1, 2, 17, 31, 60):
            due = paid - timedelta(days=days)
            result = late_interest(amount, due, paid, country)
            assert result.days == days
            assert result.interest == sum((line.interest for line in result.lines), ZERO)
            assert result.interest >= previous, "more days of delay never cost less"
            previous = result.interest
            assert sum(line.days for line in result.lines) == days
            day = due + timedelta(days=1)
            for line in result.lines:
                assert line.first == day and line.last >= line.first
                exact = amount * line.rate * line.days / line.day_count
                assert abs(line.interest - exact) <= ORE / 2
                assert line.interest == line.interest.quantize(ORE)
                day = line.last + timedelta(days=1)
        assert late_interest(amount, paid, paid - timedelta(days=5), country).interest == 0
        assert late_interest(ZERO, paid - timedelta(days=30), paid, country).interest == 0

    def test_late_interest_of_an_unknown_day_is_a_rules_error(self) -> None:
        with pytest.raises(RulesError):
            self.country.late_interest_rate(date(1901, 6, 25))
        with pytest.raises(RulesError):
            late_interest(Decimal(100), date(1901, 6, 1), date(1901, 6, 25), self.country)

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

    def test_vat_categories_on_invoices(self) -> None:
        country = self.country
        for category in country.vat_categories():
            found = country.vat_category(category, self.paid_on)
            assert isinstance(found, VatCategory), category
            assert found.category == category
            assert found.rate == country.vat_rate(category, self.paid_on), category
            # EN 16931's VAT category codes (UNCL 5305 as restricted by the standard).
            assert found.code in {"S", "Z", "E", "AE", "K", "G", "O", "L", "M"}, category
            assert found.reference.strip(), category
            if found.code == "S":
                assert found.rate > 0, f"{category}: code S needs a rate above zero"
            else:
                assert found.rate == 0, f"{category}: code {found.code} has no VAT"
            for lang in found.texts:
                assert found.text(lang), category
        standard = country.vat_category("standard", self.paid_on)
        home = VatBuyer(country=country.code, business=True)
        assert country.vat_category("standard", self.paid_on, buyer=home) == standard
        with pytest.raises(InputError):
            country.vat_category("no-such-category", self.paid_on)

    def test_payment_references(self) -> None:
        country = self.country
        seen = set()
        for number in (1, 9, 10, 12345, 99999999):
            reference = country.payment_reference(number)
            assert isinstance(reference, str) and reference
            assert country.validate_payment_reference(reference) == reference
            seen.add(reference)
            # One wrong digit is refused.
            last = reference[-1]
            if last.isdigit():
                wrong = reference[:-1] + str((int(last) + 1) % 10)
                with pytest.raises(InputError):
                    country.validate_payment_reference(wrong)
        assert len(seen) == 5, "different invoices need different references"
        with pytest.raises(InputError):
            country.validate_payment_reference("not a reference")

    def test_chart_of_accounts(self) -> None:
        accounts = self.country.chart_of_accounts()
        assert accounts
        for role, number in accounts.items():
            assert isinstance(role, str) and role.isidentifier(), role
            assert isinstance(number, int) and not isinstance(number, bool) and number >= 0

    def test_roles_the_core_books_to(self) -> None:
        # Members' accounts, and an approved expense (cost and input VAT).
        roles = set(self.country.chart_of_accounts())
        missing = {"member_accounts", "expenses", "vat_in"} - roles
        assert not missing, f"the chart of accounts lacks the roles {sorted(missing)}"

    def test_roles_for_invoices_and_payments(self) -> None:
        # An invoice books receivables, sales, output VAT and the member's budget; a
        # payment the bank, a client's credit kept, and what cannot be matched yet.
        from kooperativ.accounts.postings import PostingAccounts

        roles = self.country.chart_of_accounts()
        wanted = {"bank", "receivables", "sales", "member_accounts", "member_budget"}
        wanted |= {"client_credits", "suspense"}
        missing = wanted - set(roles)
        assert not missing, f"the chart of accounts lacks the roles {sorted(missing)}"
        accounts = PostingAccounts.of(roles)
        for category in self.country.vat_categories():
            if self.country.vat_rate(category, self.paid_on) > 0:
                assert accounts.vat_account(category), category

    def cooperative(self) -> Any:
        """A cooperative of the country in memory: configuration from the samples."""
        from kooperativ.config import parse_config
        from kooperativ.cooperative import Cooperative
        from kooperativ.storage import open_store

        data: dict[str, Any] = {
            "country": self.code,
            "language": self.country.default_language,
            "employer": {
                "name": "Conformance Cooperative",
                "orgnr": self.organisation_id,
                "vat_number": self.vat_number,
                "address": {
                    "street": "Street 1",
                    "postal_code": "1000",
                    "city": "City",
                    "country": self.code,
                },
            },
            "fees": {"rate": str(self.fee_rate)},
            **self.config_extra,
        }
        config = parse_config(data, "cooperative.toml")
        moment = datetime.combine(self.paid_on, time(9), tzinfo=UTC)
        return Cooperative.from_config(config, open_store("memory://"), clock=lambda: moment)

    def test_a_cooperative_invoices_and_takes_payments(self) -> None:
        from kooperativ.security import Actor

        coop = self.cooperative()
        admin = Actor.admin()
        member = coop.members.add(
            admin, first_name="Test", last_name="Person", person_id=self.person_id
        )
        client = coop.clients.add(admin, name="Client", orgnr=self.other_organisation_id)
        job = coop.assignments.add(
            admin, member=member.id, client=client.id, description="Work",
            start=self.paid_on - timedelta(days=30), end=self.paid_on - timedelta(days=10),
            agreed_amount="10000",
        )  # fmt: skip
        invoice = coop.invoices.create(admin, assignments=[job.number], issue_date=self.paid_on)
        rate = self.country.vat_rate("standard", self.paid_on)
        assert invoice.total_excl_vat == Decimal("10000.00")
        assert abs(invoice.total - Decimal("10000") * (1 + rate)) < 1  # with any rounding
        roles = coop.config.accounts
        assert coop.ledger.trial_balance(admin).total == 0
        assert coop.ledger.balance(admin, roles["receivables"]) == invoice.total
        payment = coop.payments.register(admin, invoice.label, invoice.total + 10, self.paid_on)
        assert (payment.allocated, payment.credit) == (invoice.total, Decimal("10.00"))
        assert coop.ledger.balance(admin, roles["client_credits"]) == Decimal("-10.00")
        coop.payments.refund(admin, payment.number, self.paid_on)
        assert coop.ledger.balance(admin, roles["client_credits"]) == 0
        assert coop.ledger.balance(admin, roles["receivables"]) == 0
        assert coop.ledger.balance(admin, roles["bank"]) == invoice.total
        assert coop.ledger.trial_balance(admin).total == 0
        statement = coop.statements.member(admin, member.number, salary=False)
        assert statement.invoiced == invoice.total_excl_vat

    def test_account_names(self) -> None:
        names = self.country.account_names()
        for role, number in self.country.chart_of_accounts().items():
            assert number in names, f"role {role}: account {number} has no name"
        for number, name in names.items():
            assert isinstance(number, int) and not isinstance(number, bool) and number >= 0
            assert isinstance(name, str) and name.strip(), number

    def test_account_class(self) -> None:
        country = self.country
        kinds = {"asset", "liability", "income", "cost", "financial"}
        for number in country.account_names():
            assert country.account_class(number) in kinds, number
        roles = country.chart_of_accounts()
        assert country.account_class(roles["bank"]) == "asset"
        assert country.account_class(roles["member_accounts"]) == "liability"
        assert country.account_class(roles["salaries"]) == "cost"
        assert "grants" in roles, "a project's grants need an income account"
        assert country.account_class(roles["grants"]) == "income"

    def test_bookkeeping_export(self) -> None:
        # Every format the country names writes a year (here: one voucher); a country
        # that names none refuses with a ConfigError, never silently.
        from kooperativ.accounts.export import (
            BookkeepingFile,
            FinancialYear,
            LedgerExport,
            YearBalances,
        )
        from kooperativ.accounts.models import Voucher, VoucherLine
        from kooperativ.errors import ConfigError

        country = self.country
        roles = country.chart_of_accounts()
        names = country.account_names()
        voucher = Voucher(
            number=1, series="A", serial=1, date=date(2026, 3, 2), text="Test",
            booked_at=datetime(2026, 3, 2, 12, tzinfo=UTC), booked_by="kassör",
            lines=[
                VoucherLine(account=roles["expenses"], amount="100.00"),
                VoucherLine(account=roles["bank"], amount="-100.00"),
            ],
        )  # fmt: skip
        ledger = LedgerExport(
            name="Test",
            organisation_id=country.validate_organisation_id(self.organisation_id),
            currency=country.currency,
            generated_on=date(2026, 3, 3),
            generated_by="kassör",
            program_version="0",
            year=FinancialYear.calendar(2026),
            balances=YearBalances({roles["bank"]: ZERO}, {roles["bank"]: Decimal(-100)}, {}),
            accounts=dict(names),
            vouchers=(voucher,),
        )
        formats = country.bookkeeping_formats()
        assert all(isinstance(kind, str) and kind for kind in formats)
        if not formats:
            with pytest.raises(ConfigError):
                country.bookkeeping_export(ledger, "any")
        for kind in formats:
            written = country.bookkeeping_export(ledger, kind)
            assert isinstance(written, BookkeepingFile)
            assert written.data and written.name and written.media_type
        with pytest.raises((InputError, ConfigError)):
            country.bookkeeping_export(ledger, "no such format")

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

    # -- sick pay ---------------------------------------------------------------------------
    def _sick_request(self, employed: bool = True) -> SickPayRequest:
        first = self.paid_on.replace(day=1)
        start = first - timedelta(days=400)
        days = [first + timedelta(days=n) for n in range(3, 12)]
        return SickPayRequest(
            period_first=first,
            period_last=first + timedelta(days=27),
            spells=(SickSpell(days[0], days[-1], certificate=True),),
            lost_pay={day: Decimal("1000.00") for day in days if day.weekday() < 5},
            weekly_pay=Decimal("5000.00"),
            employments=(Employment(start, None),) if employed else (),
        )

    def test_sick_pay_is_at_most_the_pay_lost_and_never_negative(self) -> None:
        request = self._sick_request()
        result = self.country.sick_pay(request)
        lost = sum(request.lost_pay.values(), Decimal("0.00"))
        total = result.sick_pay + result.sick_deduction
        assert Decimal(0) <= total <= lost
        assert result.sick_pay >= 0 and result.sick_deduction <= 0
        for line in result.lines:
            assert line.kind in {"sick_pay", "sick_deduction"}
            assert line.quantity is not None and line.quantity == line.quantity.to_integral()
        if result.lines:
            assert result.trace, "sick pay without a trace"

    def test_no_sick_pay_outside_employment(self) -> None:
        result = self.country.sick_pay(self._sick_request(employed=False))
        assert result.sick_pay + result.sick_deduction == 0

    # -- travel allowances ----------------------------------------------------------------
    @property
    def travel(self) -> TravelRules:
        """The country's travel rules with its own parameters."""
        return self.country.travel_rules()

    def trip(self, **changes: Any) -> Trip:
        """A three-day trip ending :attr:`paid_on` (departure 08:00, return 20:00)."""
        first = self.paid_on - timedelta(days=2)
        fields: dict[str, Any] = {
            "departure": datetime.combine(first, time(8, 0)),
            "returned": datetime.combine(self.paid_on, time(20, 0)),
            "km_from_home": "300",
            "km_from_workplace": "280",
            "nights": 2,
            "lodging_paid": False,
        }
        fields.update(changes)
        return Trip.create(**fields)

    def sample_trips(self) -> list[Trip]:
        """Trips of every shape the checks try: times, nights, distances, lodging, meals
        and earlier days at the place."""
        trips = []
        first = self.paid_on - timedelta(days=2)
        for hours, nights, km, lodging, meals, before in itertools.product(
            ((7, 21), (13, 18), (11, 19)),
            (0, 1, 2),
            ("10", "50", "51", "400"),
            (False, True),
            MEAL_STEPS[::3],
            (0, 100, 800),
        ):
            trips.append(
                self.trip(
                    departure=datetime.combine(first, time(hours[0], 0)),
                    returned=datetime.combine(self.paid_on, time(hours[1], 0)),
                    nights=nights, km_from_home=km, km_from_workplace=km,
                    lodging_paid=lodging, days_at_place_before=before,
                    meals=[
                        Meals(day=first + timedelta(days=i), breakfast=meals[0],
                              lunch=meals[1], dinner=meals[2])
                        for i in range(3)
                    ],
                )
            )  # fmt: skip
        return trips

    def _check_split(self, result: TravelAllowance | MileageAllowance, paid: Decimal) -> None:
        assert result.paid == paid
        assert ZERO <= result.tax_free <= result.paid, "tax-free exceeds what was paid"
        assert result.tax_free <= result.maximum, "tax-free exceeds the maximum"
        assert result.tax_free + result.taxable == result.paid, "the split loses öre"
        assert result.taxable >= ZERO
        for amount in (result.maximum, result.tax_free, result.taxable):
            assert amount == amount.quantize(ORE), amount
        assert result.reporting, "an allowance is reported somehow"
        for box in result.reporting:
            assert box.code.strip()
        assert result.trace
        for line in result.trace:
            assert line.rule and line.reference and line.formula, line.field
        assert not any(isinstance(leaf, float) for leaf in _leaves(result.model_dump()))

    def test_travel_rules_implement_the_protocol(self) -> None:
        assert isinstance(self.travel, TravelRules)
        again = self.country.travel_rules(self.country.parameters())
        assert isinstance(again, TravelRules)

    def test_per_diem_splits_what_was_paid(self) -> None:
        rules = self.travel
        for trip in self.sample_trips():
            for text in TRAVEL_PAID[::2]:
                paid = Decimal(text)
                result = rules.per_diem(trip, paid)
                self._check_split(result, paid)
                assert tuple(day.day for day in result.days) == tuple(trip.days())
                total = result.night_allowance
                for day in result.days:
                    assert day.reduction >= ZERO
                    assert day.tax_free == day.maximum - day.reduction >= ZERO, day.day
                    assert day.trace, day.day
                    total += day.tax_free
                assert total == result.maximum
                if not result.qualifies:
                    assert result.maximum == 0

    def test_more_free_meals_never_mean_more_tax_free(self) -> None:
        rules = self.travel
        first = self.paid_on - timedelta(days=2)
        for before in (0, 100, 800):
            previous = None
            for meals in MEAL_STEPS:
                trip = self.trip(
                    days_at_place_before=before,
                    meals=[
                        Meals(day=first + timedelta(days=i), breakfast=meals[0],
                              lunch=meals[1], dinner=meals[2])
                        for i in range(3)
                    ],
                )  # fmt: skip
                maximum = rules.per_diem(trip, Decimal("1000")).maximum
                if previous is not None:
                    assert maximum <= previous, f"more free meals ({meals}) gave more"
                previous = maximum
            dinner_only = self.trip(
                days_at_place_before=before,
                meals=[Meals(day=first + timedelta(days=1), dinner=True)],
            )
            assert rules.per_diem(dinner_only, Decimal("1000")).maximum <= (
                rules.per_diem(self.trip(days_at_place_before=before), Decimal("1000")).maximum
            )

    def test_a_farther_destination_never_means_less_tax_free(self) -> None:
        rules = self.travel
        previous = None
        for km in ("0", "10", "30", "49.9", "50", "50.1", "80", "400", "5000"):
            trip = self.trip(km_from_home=km, km_from_workplace=km)
            maximum = rules.per_diem(trip, Decimal("1000")).maximum
            if previous is not None:
                assert maximum >= previous, f"{km} km gave less than a shorter trip"
            previous = maximum
        assert previous is not None and previous > 0, "a long trip with nights is tax-free"
        no_night = rules.per_diem(self.trip(nights=0), Decimal("500"))
        assert no_night.maximum <= rules.per_diem(self.trip(), Decimal("500")).maximum

    def test_mileage_splits_what_was_paid(self) -> None:
        rules = self.travel
        for vehicle in VehicleKind:
            previous = None
            for km in ("0", "1", "9.9", "312", "1000", "12345.6"):
                claim = MileageClaim.create(distance=km, vehicle=vehicle)
                for text in TRAVEL_PAID:
                    paid = Decimal(text)
                    result = rules.mileage(claim, paid, self.paid_on)
                    self._check_split(result, paid)
                maximum = rules.mileage(claim, Decimal("0"), self.paid_on).maximum
                if previous is not None:
                    assert maximum >= previous, f"{km} km gave less than a shorter drive"
                previous = maximum
                in_mil = MileageClaim.create(
                    distance=claim.km / 10, unit=DistanceUnit.MIL, vehicle=vehicle
                )
                assert rules.mileage(in_mil, Decimal("0"), self.paid_on).maximum == maximum

    def test_travel_refuses_bad_amounts(self) -> None:
        rules = self.travel
        claim = MileageClaim.create(distance="100")
        for bad in ("-1", "1.001", "1e400", "nan"):
            with pytest.raises(InputError):
                rules.per_diem(self.trip(), bad)  # type: ignore[arg-type]
            with pytest.raises(InputError):
                rules.mileage(claim, bad, self.paid_on)  # type: ignore[arg-type]

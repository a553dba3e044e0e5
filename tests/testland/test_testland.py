# SPDX-License-Identifier: EUPL-1.2
"""A cooperative in Testland: members and salaries, with no line of core knowing Testland.

Figures worked by hand from Testland's (fictional) law in ``kooperativ_testland``:
contribution 10 % of the pay, flat tax 25 % (2025) and 24 % (2026) rounded down to whole
units, no holiday pay.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Actor, ConfigError, ConflictError, Cooperative, InputError
from kooperativ.i18n import available_languages, messages
from kooperativ.rules.country import available_countries, get_country

D = Decimal

CONFIG = """\
country = "XT"
language = "eo"

[employer]
name = "Kooperativo Testa"
orgnr = "xt 100200 3"
vat_number = "XTV1002003"

[employer.address]
street = "Strato 1"
postal_code = "1000"
city = "Testurbo"
country = "XT"

[fees]
rate = "0.05"

[payroll]
pay_day = 25

[xt]
default_tax = "flat"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A Testland cooperative's folder: only cooperative.toml."""
    root = tmp_path / "testa"
    root.mkdir()
    (root / "cooperative.toml").write_text(CONFIG, encoding="utf-8")
    return root


@pytest.fixture
def coop(folder: Path) -> Cooperative:
    return Cooperative.open(folder, "memory://")


def test_installed_through_its_entry_point() -> None:
    assert "XT" in available_countries()
    testland = get_country("XT")
    assert type(testland).__module__ == "kooperativ_testland"
    assert "eo" in available_languages()  # its own catalog, added by the package


def test_configuration_is_checked_by_testland(coop: Cooperative, folder: Path) -> None:
    config = coop.config
    assert (config.country, config.language) == ("XT", "eo")
    assert config.employer.orgnr == "XT-100200-3"  # normalised by Testland
    assert config.accounts == {
        "bank": 1000,
        "receivables": 1100,
        "vat_out_standard": 2000,
        "vat_out_zero": 2000,
        "member_accounts": 2100,
        "client_credits": 2200,
        "suspense": 2900,
        "vat_in": 1200,
        "sales": 4000,
        "grants": 4100,
        "rounding": 4900,
        "salaries": 5000,
        "expenses": 6000,
        "member_budget": 7000,
    }
    path = folder / "cooperative.toml"
    for old, new, key in (
        ('language = "eo"', 'language = "sv"', "language"),
        ('vat_number = "XTV1002003"', 'vat_number = "XTV5550005"', "employer.vat_number"),
        ('default_tax = "flat"', 'default_tax = "flat"\nholiday_pay = "none"', "xt.holiday_pay"),
        ("[xt]", "[se]", "se"),
        ("[payroll]", "[accounts]\nvat_out_culture = 2631\n[payroll]", "accounts.vat_out_culture"),
    ):
        path.write_text(CONFIG.replace(old, new), encoding="utf-8")
        with pytest.raises(ConfigError, match=rf"cooperative.toml: {key}"):
            Cooperative.open(folder, "memory://")


def test_members(coop: Cooperative) -> None:
    admin = Actor.admin()
    member = coop.members.add(
        admin,
        first_name="Ana",
        last_name="Testa",
        person_id="19900415 123 9",
        bank_account="1234-567890-6",
        tax_mode="FLAT",
        status="member",
        joined_on=date(2026, 1, 1),
    )
    assert member.person_id == "19900415-123-9"
    assert member.birth_date == date(1990, 4, 15)
    assert member.bank_account == "1234-5678906"
    assert coop.country.mask_person_id(member.person_id) == "1990****-***-*"
    with pytest.raises(ConflictError):  # the same person code typed in full width
        coop.members.add(
            admin, first_name="Ana", last_name="Testa", person_id="１９９００４１５-１２３-９"
        )
    with pytest.raises(InputError, match="person_id"):
        coop.members.add(admin, first_name="Bo", last_name="Testa", person_id="19900415-123-8")
    with pytest.raises(InputError, match="tax"):
        coop.members.add(
            admin,
            first_name="Bo",
            last_name="Testa",
            person_id="20010101-001-1",
            tax_mode="table:33:1",
        )


def _assignment(coop: Cooperative) -> None:
    admin = Actor.admin()
    coop.members.add(
        admin,
        first_name="Ana",
        last_name="Testa",
        person_id="19900415-123-9",
        status="member",
        joined_on=date(2026, 1, 1),
    )
    coop.clients.add(admin, name="Teatro", orgnr="XT-555000-5")
    coop.assignments.add(
        admin,
        member=1,
        client=1,
        description="Scenejo",
        start=date(2026, 9, 1),
        end=date(2026, 11, 20),
        agreed_amount="10000",
    )


def test_salary_of_an_assignment(coop: Cooperative) -> None:
    _assignment(coop)
    r = coop.payroll.preview(Actor.admin(), 1)
    # fee 10 000 × 5 % = 500; budget 9 500. One unit of gross costs 1.10:
    # 9 500 / 1.1 = 8 636.36 → 8 636: contribution 863.60, total 9 499.60;
    # 8 637 would cost 9 500.70. Paid 2026-11-25: tax 24 % × 8 636 = 2 072.64 → 2 072.
    assert (r.fee, r.budget, r.gross_salary) == (D("500.00"), D("9500.00"), D("8636.00"))
    assert (r.holiday_pay, r.employer_contributions) == (D("0.00"), D("863.60"))
    assert r.remainder == D("0.40")
    assert r.preliminary_tax == D("2072")
    assert r.net_pay == D("6564.00")
    assert r.line("preliminary_tax").parameters == {"tax.flat_rate": "0.24"}
    # The dated change: paid in 2025 the rate is 25 %: 8 636 × 25 % = 2 159.
    early = coop.payroll.preview(Actor.admin(), 1, paid_on=date(2025, 12, 25))
    assert early.preliminary_tax == D("2159")


def test_salary_from_the_cli(folder: Path) -> None:
    from kooperativ.cli import app

    result = CliRunner().invoke(
        app,
        [
            "salary",
            "--coop",
            str(folder),
            "--invoice",
            "10000",
            "--birth-date",
            "1990-04-15",
            "--paid",
            "2026-11-25",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["gross_salary"], data["preliminary_tax"], data["net_pay"]) == (
        "8636.00",
        "2072",
        "6564.00",
    )


def test_testlands_errors_in_its_own_language() -> None:
    testland = get_country("XT")
    with pytest.raises(InputError) as info:
        testland.validate_person_id("19900415-123-8", "person_id")
    assert info.value.render(messages("eo")) == (
        "person_id: '19900415-123-8': la kontrolcifero estas malĝusta"
    )
    swedish = info.value.render(messages("sv"))
    assert swedish == "personnummer: '19900415-123-8': kontrollsiffran är fel"


def test_no_bookkeeping_file(coop: Cooperative) -> None:
    # Testland writes no bookkeeping file: the ledger service says so, naming the country.
    assert coop.country.bookkeeping_formats() == ()
    with pytest.raises(ConfigError) as caught:
        coop.ledger.bookkeeping_export(Actor.admin(), 2026)
    assert caught.value.key == "country"
    assert "Testland has no bookkeeping file format" in str(caught.value)


def test_invoicing_and_payments_in_testland(coop: Cooperative) -> None:
    """By hand: 10 000 + 20 % VAT = 12 000.00; fee 5 % = 500, budget 9 500 to Ana's
    account (2100) against members' budgets (7000). Paid 12 500.00: 500.00 kept as the
    client's credit (2200), then refunded."""
    admin = Actor.admin()
    _assignment(coop)
    invoice = coop.invoices.create(admin, assignments=[1], issue_date=date(2026, 11, 25))
    assert (invoice.total_excl_vat, invoice.total_vat, invoice.total) == (
        D("10000.00"),
        D("2000.00"),
        D("12000.00"),
    )
    voucher = coop.ledger.get(admin, "A", 1)
    assert sorted((line.account, line.amount) for line in voucher.lines) == [
        (1100, D("12000.00")),
        (2000, D("-2000.00")),
        (2100, D("-9500.00")),
        (4000, D("-10000.00")),
        (7000, D("9500.00")),
    ]
    paid = coop.payments.register(admin, invoice.label, "12500", date(2026, 11, 30))
    assert paid.credit == D("500.00")
    assert coop.ledger.balance(admin, 2200) == D("-500.00")
    coop.payments.refund(admin, paid.number, date(2026, 12, 1))
    assert coop.ledger.balance(admin, 2200) == 0
    assert coop.ledger.balance(admin, 1000) == D("12000.00")
    assert coop.ledger.trial_balance(admin).total == 0

# SPDX-License-Identifier: EUPL-1.2
"""cooperative.toml is checked with the country's help: its section, its numbers, its
languages, its accounts; paths stay inside the folder; every error names file, key and
reason."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kooperativ import Actor, ConfigError, ConflictError, Cooperative, InputError
from kooperativ.config import load_config

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def folder_with(tmp_path: Path, *replace: tuple[str, str]) -> Path:
    """The example cooperative with each ``(old, new)`` applied to cooperative.toml."""
    root = Cooperative.init(tmp_path / "coop")
    path = root / "cooperative.toml"
    text = path.read_text(encoding="utf-8")
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return root


def test_the_example_loads_with_the_countrys_values(tmp_path: Path) -> None:
    config = load_config(folder_with(tmp_path, ('orgnr = "559876-5435"', 'orgnr = "5598765435"')))
    assert config.employer.orgnr == "559876-5435"  # normalised by Sweden
    assert config.language == "sv"
    assert config.accounts["vat_out_culture"] == 2631  # BAS, Sweden's default
    assert config.national.model_dump()["default_tax"] == "table:33:1"


@pytest.mark.parametrize(
    ("replace", "key", "reason"),
    [
        # The VAT number must be the organisation's own (SE + orgnr + 01).
        (('vat_number = "SE559876543501"', 'vat_number = "SE556016068001"'),
         "employer.vat_number", "not the VAT number of organisationsnummer 559876-5435"),
        (('bankgiro = "555-1239"', 'bankgiro = "555-1238"'), "employer.bankgiro", "check digit"),
        (('orgnr = "802543-2108"', 'orgnr = "802543-2109"'), "association.orgnr",
         "not a valid organisationsnummer"),
        (('legal_form = "ideell förening"', 'legal_form = "ideell förening"\nbankgiro = "12"'),
         "association.bankgiro", "not a bankgiro number"),
        (('country = "SE"', 'country = "XX"'), "country", "no rules for country 'XX'"),
        (('country = "SE"\n', ""), "country", "required key is missing"),
        (('language = "sv"', 'language = "de"'), "language", "'de' is not available for SE"),
        (('pay_day = 25', 'pay_day = 25\ndefault_tax = "table:33:1"'), "payroll.default_tax",
         "it is SE law, write it in [se]"),
        (('default_tax = "table:33:1"', 'default_tax = "table:99:1"'), "se.default_tax",
         "table 99 does not exist"),
        (('holiday_pay = "semesterersattning"', 'holiday_pay = "often"'), "se.holiday_pay",
         "'often' is not one of semesterersattning, none"),
        (("bank = 1930", "bank = 1930\nbnak = 1930"), "accounts.bnak", "unknown key"),
        (("bank = 1930", 'bank = "1930"'), "accounts.bank", "must be an account number"),
        (('minimum = "0"', 'minimum = "500"\nmaximum = "100"'), "fees.maximum",
         "maximum 100 is less than minimum 500"),
        (('tax_tables = "computed"', 'tax_tables = "loaded"'), "se.tax_table_files",
         "name Skatteverket's table files"),
    ],
)  # fmt: skip
def test_errors_name_file_key_and_reason(
    tmp_path: Path, replace: tuple[str, str], key: str, reason: str
) -> None:
    root = folder_with(tmp_path, replace)
    with pytest.raises(ConfigError) as info:
        load_config(root)
    assert info.value.file == str(root / "cooperative.toml")
    assert info.value.key == key
    assert reason in info.value.reason


def test_tax_table_files_stay_inside_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "tables.csv"
    outside.write_text("x", encoding="utf-8")
    loaded = (
        'tax_tables = "computed"',
        'tax_tables = "loaded"\ntax_table_files = ["../tables.csv"]',
    )
    root = folder_with(tmp_path, loaded)
    with pytest.raises(ConfigError, match=r"se.tax_table_files: \.\./tables.csv is outside"):
        load_config(root)
    # A link inside the folder that leads out of it is outside too.
    linked = ('tax_tables = "computed"', 'tax_tables = "loaded"\ntax_table_files = ["t.csv"]')
    root = folder_with(tmp_path / "b", linked)
    (root / "t.csv").symlink_to(outside)
    with pytest.raises(ConfigError, match="is outside the cooperative's folder"):
        load_config(root)
    absolute = (
        'tax_tables = "computed"',
        f'tax_tables = "loaded"\ntax_table_files = ["{outside}"]',
    )
    with pytest.raises(ConfigError, match="is outside the cooperative's folder"):
        load_config(folder_with(tmp_path / "c", absolute))


def test_a_fullwidth_copy_of_a_personnummer_is_the_same_member(tmp_path: Path) -> None:
    # Issue 8: today's main registers the fullwidth copy as a second member.
    with Cooperative.open(folder_with(tmp_path), "memory://", clock=lambda: NOW) as coop:
        admin = Actor.admin()
        first = coop.members.add(
            admin, first_name="Ada", last_name="Lind", person_id="19850312-9804"
        )
        assert first.person_id == "198503129804"
        with pytest.raises(ConflictError):
            coop.members.add(
                admin, first_name="Ada", last_name="Lind", person_id="１９８５０３１２－９８０４"
            )
        with pytest.raises(InputError, match="person_id"):
            coop.members.add(admin, first_name="Ada", last_name="Lind", person_id="١٩٨٥٠٣١٢-٩٨٠٤")


def test_a_person_not_yet_born_is_refused(tmp_path: Path) -> None:
    coop = Cooperative.open(folder_with(tmp_path), "memory://", clock=lambda: NOW)
    with coop, pytest.raises(InputError, match="person_id: .* after 2026-11-27"):
        coop.members.add(
            Actor.admin(), first_name="Ny", last_name="Född", person_id="20270101-1237"
        )


def test_bank_account_as_printed_through_the_register(tmp_path: Path) -> None:
    with Cooperative.open(folder_with(tmp_path), "memory://", clock=lambda: NOW) as coop:
        member = coop.members.add(
            Actor.admin(),
            first_name="Ada",
            last_name="Lind",
            person_id="19850312-9804",
            bank_account="8327-9, 123 456 789-7",
        )
        assert member.bank_account == "83279-1234567897"
        assert coop.country.mask_bank_account(member.bank_account) == "83279-********97"


def test_payroll_check_with_an_older_default_column(tmp_path: Path) -> None:
    root = folder_with(tmp_path, ('default_tax = "table:33:1"', 'default_tax = "table:33:3"'))
    with Cooperative.open(root, "memory://", clock=lambda: NOW) as coop:
        assert coop.payroll.check(date(2026, 11, 27)) == []

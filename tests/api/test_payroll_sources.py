# SPDX-License-Identifier: EUPL-1.2
"""A cooperative chooses computed tax tables or Skatteverket's loaded files."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from kooperativ import Actor, ConfigError, Cooperative


def shared_folder() -> Path:
    configured = os.environ.get("KOOPERATIV_SHARED")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared"


def prepared(tmp_path: Path, payroll_lines: str, tables: Path | None = None) -> Cooperative:
    folder = Cooperative.init(tmp_path / "coop")
    path = folder / "cooperative.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('tax_tables = "computed"', payroll_lines), encoding="utf-8")
    if tables is not None:
        (folder / "tables").mkdir()
        shutil.copy(tables, folder / "tables")
    coop = Cooperative.open(folder, "memory://")
    admin = Actor.admin()
    coop.members.add(
        admin,
        first_name="Alva",
        last_name="Berglund",
        person_id="19850312-9804",
        status="member",
        joined_on=date(2024, 3, 1),
        tax_mode="table:33:1",
    )
    coop.clients.add(admin, name="Teatern AB", orgnr="559912-3451")
    coop.assignments.add(
        admin,
        member=1,
        client=1,
        description="Scenografi",
        start=date(2026, 9, 1),
        end=date(2026, 11, 30),
        agreed_amount="60000",
    )
    return coop


@pytest.mark.shared
def test_loaded_tables_give_the_same_salary(tmp_path: Path) -> None:
    official = shared_folder() / "skatteverket" / "manadstabeller-2026.csv"
    if not official.is_file():
        pytest.skip(f"{official} not found (set KOOPERATIV_SHARED to the shared folder)")
    computed = prepared(tmp_path / "a", 'tax_tables = "computed"')
    (tmp_path / "b").mkdir()
    loaded = prepared(
        tmp_path / "b",
        'tax_tables = "loaded"\ntax_table_files = ["tables/manadstabeller-2026.csv"]',
        official,
    )
    a = computed.payroll.preview(Actor.admin(), 1)
    b = loaded.payroll.preview(Actor.admin(), 1)
    assert b.preliminary_tax == a.preliminary_tax == 9392  # table 33 col 1, 42 801–43 000
    assert b.net_pay == a.net_pay
    assert a.line("preliminary_tax").parameters["source"] == "computed (SKV 433)"
    assert b.line("preliminary_tax").parameters["source"] == "manadstabeller-2026.csv"


def test_loaded_without_files_is_a_config_error(tmp_path: Path) -> None:
    # Refused when the cooperative is opened, naming the file and the key.
    with pytest.raises(ConfigError, match=r"cooperative.toml: se.tax_table_files"):
        prepared(tmp_path, 'tax_tables = "loaded"')


def test_check_reports_a_year_without_tax_parameters(tmp_path: Path) -> None:
    coop = prepared(tmp_path, 'tax_tables = "computed"')
    assert [p for p in coop.check(date(2026, 11, 27)) if p.where.startswith("payroll")] == []
    # Prisbasbelopp is fixed per calendar year; the package holds 2025 and 2026.
    problems = [p for p in coop.check(date(2027, 1, 15)) if p.where == "payroll 2027"]
    assert len(problems) == 1
    assert problems[0].severity == "error"
    assert "base_amounts.prisbasbelopp" in problems[0].message

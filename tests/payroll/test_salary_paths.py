# SPDX-License-Identifier: EUPL-1.2
"""One salary, whatever the path: the API, the CLI and the scenario tests agree.

The cooperative overrides Sweden's holiday-pay rate with a collective agreement's 13 %
from 2026-07-01 (``parameters/holiday.toml``). Worked by hand, an invoice of 60 000 kr
paid 2026-12-25 to a member born 1985 with table 33, column 1:

* fee 60 000 × 6 % = 3 600; budget 56 400;
* one krona of gross costs 1.13 × 1.3142 = 1.485046 kr; 56 400 / 1.485046 = 37 978.6;
* gross 37 978: holiday pay 37 978 × 13 % = 4 937.14, taxable 42 915.14, contributions
  42 915.14 × 31.42 % = 13 483.937 → 13 483.94, total 56 399.08, remainder 0.92
  (37 979 would cost 56 400.56);
* tax: 42 915 kr falls in the row 42 801–43 000 of table 33, column 1: 9 392 kr
  (Skatteverket's 2026 file); net pay 42 915.14 − 9 392 = 33 523.14.

With Sweden's 12 % the same invoice gives a gross of 38 317 (56 400 / 1.471904): the
figures above can only come from the override.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Actor, Cooperative
from kooperativ.cli import app
from kooperativ.testing.scenarios import salary_of_case

D = Decimal

OVERRIDE = """\
[rate]
description = "Semesterersättning under our collective agreement (13 % from 2026-07-01)"
unit = "rate"
reference = "Kollektivavtal (example), § 12; Semesterlag (1977:480) 16 b §"
values = [
  { from = 2025-01-01, value = "0.12" },
  { from = 2026-07-01, value = "0.13" },
]
"""

CASE = """\
[[salary]]
name = "60 000 kr invoiced, 13 % holiday pay by the collective agreement"
invoiced = "60000"
birth_date = 1985-03-12
paid_on = 2026-12-25

[salary.expect]
fee = "3600.00"
gross_salary = "37978"
holiday_pay = "4937.14"
taxable_pay = "42915.14"
employer_contributions = "13483.94"
preliminary_tax = "9392"
net_pay = "33523.14"
remainder = "0.92"
"""

EXPECTED = {
    "fee": "3600.00",
    "budget": "56400.00",
    "gross_salary": "37978.00",
    "holiday_pay": "4937.14",
    "taxable_pay": "42915.14",
    "employer_contributions": "13483.94",
    "preliminary_tax": "9392",
    "net_pay": "33523.14",
    "remainder": "0.92",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The example cooperative with a 13 % holiday-pay override and a scenario for it."""
    root = Cooperative.init(tmp_path / "coop")
    (root / "parameters" / "holiday.toml").write_text(OVERRIDE, encoding="utf-8")
    (root / "tests" / "agreement.toml").write_text(CASE, encoding="utf-8")
    return root


def _api(folder: Path) -> dict[str, str]:
    with Cooperative.open(folder, "memory://") as coop:
        admin = Actor.admin()
        coop.members.add(
            admin,
            first_name="Alva",
            last_name="Berglund",
            person_id="19850312-9804",
            status="member",
            joined_on=date(2024, 3, 1),
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
        result = coop.payroll.preview(admin, 1)  # paid on the pay day after: 2026-12-25
    return {name: str(getattr(result, name)) for name in EXPECTED}


def _cli(folder: Path) -> dict[str, str]:
    args = ["salary", "--coop", str(folder), "--invoice", "60000"]
    args += ["--birth-date", "1985-03-12", "--paid", "2026-12-25", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return {name: data[name] for name in EXPECTED}


def test_the_three_paths_give_the_overridden_salary(folder: Path) -> None:
    api = _api(folder)
    cli = _cli(folder)
    case = salary_of_case(folder, _case_fields())
    scenario = {name: str(getattr(case, name)) for name in EXPECTED}
    assert api == cli == scenario == EXPECTED


def _case_fields() -> dict[str, object]:
    return {"invoiced": "60000", "birth_date": date(1985, 3, 12), "paid_on": date(2026, 12, 25)}


def test_the_scenario_plugin_runs_the_case_with_the_override(folder: Path) -> None:
    # The folder's own pytest run, as a cooperative runs it: the plug-in collects
    # tests/agreement.toml and checks the hand-worked 13 % figures.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/agreement.toml"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


def test_without_the_override_the_figures_differ(tmp_path: Path) -> None:
    plain = Cooperative.init(tmp_path / "plain")
    result = salary_of_case(plain, _case_fields())
    assert result.gross_salary == D("38317.00")  # 56 400 / 1.471904 = 38 317.3
    assert result.holiday_pay == D("4598.04")  # 38 317 × 12 %

# SPDX-License-Identifier: EUPL-1.2
"""A member's own fee, whatever the path: the API, the CLI and the scenario tests agree.

The cooperative charges 6 % (``[fees]``) and, from 2026-12-01, 7 % (``[[fees.periods]]``);
member 1 pays 4 % from 2026-12-01 to 2027-06-30 by a board decision
(``[[fees.members]]``). Worked by hand, an invoice of 60 000 kr paid 2026-12-25 to member 1
(born 1985, table 33, column 1):

* fee 60 000 × 4 % = 2 400; budget 57 600;
* one krona of gross costs 1.12 × 1.3142 = 1.471904 kr; 57 600 / 1.471904 = 39 132.98;
* gross 39 132: holiday pay 39 132 × 12 % = 4 695.84, taxable 43 827.84, contributions
  43 827.84 × 31.42 % = 13 770.707 → 13 770.71, total 57 598.55, remainder 1.45
  (39 133 would cost 57 600.02);
* tax: 43 827 kr falls in the row 43 801–44 000 of table 33, column 1: 9 722 kr
  (Skatteverket's 2026 file); net pay 43 827.84 − 9 722 = 34 105.84.

Without the override the period's 7 % gives a fee of 4 200 and a gross of 37 910; with
the flat 6 % (before 2026-12-01) 3 600 and 38 317.
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

POLICY = """
[[fees.periods]]
from = 2026-12-01
rate = "0.07"
note = "Årsmötet 2026-05-20 § 9"

[[fees.members]]
member = 1
rate = "0.04"
from = 2026-12-01
to = 2027-06-30
note = "Styrelsebeslut 2026-11-02 § 4"
"""

CASE = """\
[[salary]]
name = "60 000 kr invoiced by member 1, with the member's own fee of 4 %"
member = 1
invoiced = "60000"
birth_date = 1985-03-12
paid_on = 2026-12-25

[salary.expect]
fee = "2400.00"
gross_salary = "39132"
holiday_pay = "4695.84"
taxable_pay = "43827.84"
employer_contributions = "13770.71"
preliminary_tax = "9722"
net_pay = "34105.84"
remainder = "1.45"
"""

EXPECTED = {
    "fee": "2400.00",
    "budget": "57600.00",
    "gross_salary": "39132.00",
    "holiday_pay": "4695.84",
    "taxable_pay": "43827.84",
    "employer_contributions": "13770.71",
    "preliminary_tax": "9722",
    "net_pay": "34105.84",
    "remainder": "1.45",
}


def with_policy(root: Path) -> Path:
    """``root``'s ``cooperative.toml`` with :data:`POLICY` after ``[fees]``."""
    path = root / "cooperative.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("\n[payroll]", POLICY + "\n[payroll]", 1), "utf-8")
    return root


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The example cooperative with the policy above and a scenario for member 1."""
    root = with_policy(Cooperative.init(tmp_path / "coop"))
    (root / "tests" / "own_fee.toml").write_text(CASE, encoding="utf-8")
    return root


def _api(folder: Path, end: date = date(2026, 11, 30)) -> tuple[dict[str, str], object]:
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
            end=end,
            agreed_amount="60000",
        )
        result = coop.payroll.preview(admin, 1)  # paid on the pay day after the end
    return {name: str(getattr(result, name)) for name in EXPECTED}, result


def _cli(folder: Path, *extra: str) -> dict[str, str]:
    args = ["salary", "--coop", str(folder), "--invoice", "60000", "--member", "1"]
    args += ["--birth-date", "1985-03-12", "--paid", "2026-12-25", "--json", *extra]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return {name: data[name] for name in EXPECTED} | {"_trace": data["trace"][0]}


def _case_fields(**more: object) -> dict[str, object]:
    return {
        "member": 1,
        "invoiced": "60000",
        "birth_date": date(1985, 3, 12),
        "paid_on": date(2026, 12, 25),
        **more,
    }


def test_the_three_paths_give_the_member_s_own_fee(folder: Path) -> None:
    api, result = _api(folder)
    cli = _cli(folder)
    trace = cli.pop("_trace")
    case = salary_of_case(folder, _case_fields())
    scenario = {name: str(getattr(case, name)) for name in EXPECTED}
    assert api == cli == scenario == EXPECTED
    # The trace names the rule that set the fee, with its note.
    assert trace["parameters"] == {"fees.rate": "0.04", "fees.rule": "fees.members[0]"}
    assert trace["reference"].endswith("; fees.members[0]: Styrelsebeslut 2026-11-02 § 4")
    line = result.line("fee")  # type: ignore[attr-defined]
    assert line.parameters["fees.rule"] == "fees.members[0]"


def test_the_scenario_plugin_runs_the_case_with_the_override(folder: Path) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/own_fee.toml"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


def test_another_member_pays_the_period_s_fee(folder: Path) -> None:
    case = salary_of_case(folder, {**_case_fields(), "member": 2})
    assert case.fee == D("4200.00")  # 60 000 × 7 %
    assert case.gross_salary == D("37910.00")  # 55 800 / 1.471904 = 37 910.08
    assert case.trace[0].parameters["fees.rule"] == "fees.periods[0]"


def test_the_day_before_the_period_and_the_override(folder: Path) -> None:
    # Paid 2026-11-25 (before both start): the flat 6 %, for member 1 too.
    case = salary_of_case(folder, _case_fields(paid_on=date(2026, 11, 25)))
    assert case.fee == D("3600.00")
    assert "fees.rule" not in case.trace[0].parameters  # [fees], named by the reference
    assert case.trace[0].reference == (
        "cooperative policy (cooperative.toml) [fees] rate; "
        "Exempelvärde: 6 % av fakturerat belopp exklusive moms"
    )
    # The invoice date, when given, decides instead of the pay date.
    invoiced = salary_of_case(folder, _case_fields(invoiced_on=date(2026, 11, 30)))
    assert invoiced.fee == D("3600.00")
    on_the_day = salary_of_case(
        folder, _case_fields(paid_on=date(2026, 11, 25), invoiced_on=date(2026, 12, 1))
    )
    assert on_the_day.fee == D("2400.00")
    # The CLI takes the invoice date too.
    assert _cli(folder, "--invoice-date", "2026-11-30")["fee"] == "3600.00"


def test_the_preview_uses_the_pay_day(folder: Path) -> None:
    # An assignment ending 2026-10-31 is paid 2026-11-25: before the override.
    api, _ = _api(folder, end=date(2026, 10, 31))
    assert api["fee"] == "3600.00"


def test_a_fee_rate_given_wins_and_names_no_rule(folder: Path) -> None:
    case = salary_of_case(folder, _case_fields(fee_rate="0.05"))
    assert case.fee == D("3000.00")
    assert "fees.rule" not in case.trace[0].parameters


def test_the_trace_in_swedish_names_the_rule(folder: Path) -> None:
    args = ["salary", "--coop", str(folder), "--invoice", "60000", "--member", "1"]
    args += ["--birth-date", "1985-03-12", "--paid", "2026-12-25", "--trace"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "fees.rule = fees.members[0]" in result.stdout
    assert "fees.members[0]: Styrelsebeslut 2026-11-02 § 4" in result.stdout
    assert "kooperativets regler (cooperative.toml)" in result.stdout


@pytest.mark.parametrize("number", ["1", 0, True])
def test_a_member_that_is_no_member_number_is_refused(folder: Path, number: object) -> None:
    from kooperativ.errors import InputError

    with pytest.raises(InputError, match=r"^member: .* is not a member number"):
        salary_of_case(folder, _case_fields(member=number))


def test_the_contract_names_the_member_s_own_fee(folder: Path) -> None:
    """A contract starting in the override's dates states 4 %, one before it 6 %."""
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
        for start, end in (
            (date(2026, 12, 1), date(2026, 12, 20)),
            (date(2026, 9, 1), date(2026, 9, 30)),
        ):
            coop.assignments.add(
                admin,
                member=1,
                client=1,
                description="Scenografi",
                start=start,
                end=end,
                agreed_amount="60000",
            )
        within = coop.contracts.create(admin, assignment=1, made_on=date(2026, 11, 20))
        before = coop.contracts.create(admin, assignment=2, made_on=date(2026, 8, 20))
    assert "(4 %)" in within.pay_terms
    assert "(6 %)" in before.pay_terms

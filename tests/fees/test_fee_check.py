# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ check`` reports what is wrong in the fee policy against the register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kooperativ import Actor, Cooperative
from kooperativ.i18n import messages

OVERRIDES = """
[[fees.members]]
member = 99
rate = "0.04"
note = "Styrelsebeslut 2026-11-02 § 4"

[[fees.members]]
member = 1
rate = "0.04"
note = "Gäller tills vidare"
"""


def test_check_reports_the_overrides(tmp_path: Path) -> None:
    root = Cooperative.init(tmp_path / "coop")
    path = root / "cooperative.toml"
    path.write_text(
        path.read_text("utf-8").replace("\n[payroll]", OVERRIDES + "\n[payroll]", 1), "utf-8"
    )
    with Cooperative.open(root, "memory://") as coop:
        admin = Actor.admin()
        coop.members.add(
            admin,
            first_name="Alva",
            last_name="Berglund",
            person_id="19850312-9804",
            status="member",
            joined_on=date(2024, 3, 1),
        )
        coop.members.resign(admin, 1, on=date(2026, 5, 31))
        found = [p for p in coop.check(date(2026, 6, 1)) if p.code.startswith("fees.")]
    assert [(p.severity, p.where, p.code) for p in found] == [
        ("error", "cooperative.toml fees.members[0]", "fees.unknown_member"),
        ("warning", "cooperative.toml fees.members[1]", "fees.override_after_leaving"),
    ]
    assert found[0].message == "a fee override for member 99, who is not in the register"
    assert found[1].text(messages("sv"))[1] == (
        "medlem 1 gick ut 2026-05-31, men avgiftsundantaget slutar inte före det (ange to = datum)"
    )


def test_no_findings_for_a_sound_policy(tmp_path: Path) -> None:
    root = Cooperative.init(tmp_path / "coop")
    with Cooperative.open(root, "memory://") as coop:
        assert not [p for p in coop.check(date(2026, 6, 1)) if p.code.startswith("fees.")]

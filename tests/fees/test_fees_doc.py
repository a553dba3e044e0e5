# SPDX-License-Identifier: EUPL-1.2
"""The worked example of ``docs/fees.md`` is what the library computes, row by row."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

from kooperativ.config import AdvancesConfig, FeeConfig, parse_config
from kooperativ.cooperative import examples_root
from kooperativ.fees import AdvancePolicy, FeePolicy

PAGE = Path(__file__).resolve().parents[2] / "docs" / "fees.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", PAGE.read_text("utf-8"), flags=re.DOTALL)


def _rows(header: str) -> list[list[str]]:
    """The rows of the table whose header line starts with ``header``."""
    lines = PAGE.read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(" ", ""))


def _example() -> dict[str, object]:
    (block,) = _blocks("toml")
    return tomllib.loads(block)


def test_the_example_is_a_valid_section_of_cooperative_toml() -> None:
    base = tomllib.loads((examples_root() / "interim_kultur" / "cooperative.toml").read_text())
    config = parse_config({**base, **_example()}, "cooperative.toml")
    assert config.fees.periods[0].valid_from == date(2027, 1, 1)
    assert config.advances.total == Decimal("150000")


def test_the_fee_table() -> None:
    policy = FeePolicy.of(FeeConfig.model_validate(_example()["fees"]))
    rows = _rows("| member | invoice date |")
    assert len(rows) >= 10
    for member, day, invoiced, rule, fee, _ in rows:
        found = policy.fee_on(int(member), date.fromisoformat(day), _amount(invoiced))
        assert (found.rule.key, found.amount) == (rule, _amount(fee)), (member, day, invoiced)


def test_the_explanation_shown() -> None:
    policy = FeePolicy.of(FeeConfig.model_validate(_example()["fees"]))
    fee = policy.fee_on(12, date(2026, 9, 1), Decimal("30000"))
    text = PAGE.read_text("utf-8")
    shown = re.search(r'# "(.*?)\n#  (.*?)"\n', text, flags=re.DOTALL)
    assert shown is not None
    assert str(fee.explain()) == f"{shown.group(1)} {shown.group(2)}"


def test_the_advance_table() -> None:
    policy = AdvancePolicy(AdvancesConfig.model_validate(_example()["advances"]))
    rows = _rows("| member paid ahead |")
    assert len(rows) == 5
    for mine, everyone, room in rows:
        assert policy.room(
            member_outstanding=_amount(mine), total_outstanding=_amount(everyone)
        ) == _amount(room)


def test_the_example_s_commented_fee_tables_are_valid() -> None:
    """Uncommented, the example's ``[[fees.periods]]`` and ``[[fees.members]]`` load."""
    lines = (examples_root() / "interim_kultur" / "cooperative.toml").read_text().splitlines()
    shown, inside = [], False
    for line in lines:
        if line.startswith("# [[fees."):
            inside = True
        elif not line.startswith("# "):
            inside = False
        shown.append(line[2:] if inside else line)
    config = parse_config(tomllib.loads("\n".join(shown)), "cooperative.toml")
    assert config.fees.periods[0].rate == Decimal("0.07")
    assert config.fees.members[0].member == 12
    assert not config.advances.allowed

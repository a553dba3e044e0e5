# SPDX-License-Identifier: EUPL-1.2
"""Dated parameters: periods, overlaps, missing values, floats refused, overlays."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ.errors import ConfigError, MissingParameterError
from kooperativ.rules import ParameterSet, available_countries, get_country


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return folder


RATE = """
[full_rate]
description = "rate"
unit = "rate"
reference = "SAL 2 kap. 26 §"
values = [
  { from = 2025-01-01, value = "0.3142" },
  { from = 2026-04-01, value = "0.2081", to = 2027-09-30 },
]
"""


def test_value_changes_on_the_day(tmp_path: Path) -> None:
    params = ParameterSet.load(write(tmp_path, "contributions.toml", RATE))
    assert params.at(date(2026, 3, 31))["contributions.full_rate"] == Decimal("0.3142")
    assert params.at(date(2026, 4, 1))["contributions.full_rate"] == Decimal("0.2081")
    assert params["contributions.full_rate"].period_on(date(2025, 6, 1)) == (
        date(2025, 1, 1),
        date(2026, 3, 31),
    )


def test_missing_value_names_the_parameter(tmp_path: Path) -> None:
    params = ParameterSet.load(write(tmp_path, "contributions.toml", RATE))
    with pytest.raises(MissingParameterError, match="contributions.full_rate.*2024-12-31"):
        params.at(date(2024, 12, 31))["contributions.full_rate"]
    with pytest.raises(MissingParameterError, match="2027-10-01"):
        params.at(date(2027, 10, 1))["contributions.full_rate"]


def test_overlapping_periods_are_refused(tmp_path: Path) -> None:
    text = RATE.replace("2026-04-01, value", "2025-01-01, value")
    with pytest.raises(ConfigError, match=r"full_rate.values\[1\].*overlap"):
        ParameterSet.load(write(tmp_path, "c.toml", text))


def test_to_overlapping_next_period(tmp_path: Path) -> None:
    text = """
[x]
description = "d"
unit = "amount"
reference = "r"
values = [{ from = 2025-01-01, to = 2025-12-31, value = "1" }, { from = 2025-06-01, value = "2" }]
"""
    with pytest.raises(ConfigError, match="periods overlap"):
        ParameterSet.load(write(tmp_path, "c.toml", text))


def test_float_is_refused(tmp_path: Path) -> None:
    text = RATE.replace('"0.3142"', "0.3142")
    with pytest.raises(ConfigError, match="floats are not allowed"):
        ParameterSet.load(write(tmp_path, "c.toml", text))


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    text = RATE.replace('unit = "rate"', 'unit = "rate"\nsource = "x"')
    with pytest.raises(ConfigError, match="full_rate.source"):
        ParameterSet.load(write(tmp_path, "c.toml", text))


def test_folder_path_is_the_name(tmp_path: Path) -> None:
    params = ParameterSet.load(write(tmp_path, "tax/basic.toml", RATE))
    assert "tax.basic.full_rate" in params


def test_overlay_replaces(tmp_path: Path) -> None:
    base = ParameterSet.load(write(tmp_path / "a", "holiday.toml", RATE))
    override = ParameterSet.load(
        write(tmp_path / "b", "holiday.toml", RATE.replace('"0.3142"', '"0.13"'))
    )
    merged = base.overlay(override)
    assert merged.at(date(2025, 5, 1))["holiday.full_rate"] == Decimal("0.13")


def test_sweden_is_registered_through_entry_points() -> None:
    assert "SE" in available_countries()
    sweden = get_country("se")
    assert sweden.currency == "SEK"
    assert sweden.default_language == "sv"
    assert sweden.vat_rate("standard", date(2026, 1, 1)) == Decimal("0.25")
    assert sweden.vat_rate("culture", date(2026, 1, 1)) == Decimal("0.06")


def test_unknown_country() -> None:
    with pytest.raises(ConfigError, match="no rules for country 'XX'"):
        get_country("XX")


def test_every_swedish_parameter_has_a_reference() -> None:
    params = get_country("SE").parameters()
    assert len(params) > 0
    for name in params:
        assert params[name].reference.strip(), name
        assert params[name].description.strip(), name

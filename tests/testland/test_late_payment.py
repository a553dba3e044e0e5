# SPDX-License-Identifier: EUPL-1.2
"""Testland's late-payment interest: a fixed rate on a 360-day year, through the protocol."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kooperativ.errors import MissingParameterError
from kooperativ.rules.country import get_country
from kooperativ.rules.late_payment import late_interest


def test_fixed_rate_on_a_bankers_year() -> None:
    testland = get_country("XT")
    assert testland.late_interest_rate(date(2026, 5, 1)) == Decimal("0.07")
    # 1 000 × 0.07 × 30 / 360 = 5.8333… → 5.83
    result = late_interest(Decimal("1000"), date(2026, 4, 1), date(2026, 5, 1), testland)
    assert result.days == 30
    assert result.interest == Decimal("5.83")
    assert [line.day_count for line in result.lines] == [360]


def test_before_the_act_is_refused() -> None:
    with pytest.raises(MissingParameterError) as info:
        get_country("XT").late_interest_rate(date(2024, 12, 31))
    assert info.value.name == "late_payment.rate"

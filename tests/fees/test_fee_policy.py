# SPDX-License-Identifier: EUPL-1.2
"""The fee policy: dated periods, members' overrides, limits, and the advance policy.

Hand-worked cases first, then properties (hypothesis) over generated policies.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kooperativ.config import AdvancesConfig, FeeConfig
from kooperativ.errors import InputError
from kooperativ.fees import AdvancePolicy, FeePolicy, MemberDates
from kooperativ.payroll import SalaryInput, fee_on

D = Decimal

POLICY = FeeConfig.model_validate(
    {
        "rate": "0.06",
        "note": "Stämman 2024-05-01",
        "periods": [
            {"from": date(2026, 7, 1), "rate": "0.07", "minimum": "500", "maximum": "5000"},
            {"from": date(2027, 1, 1), "rate": "0.065", "note": "Stämman 2026-05-20 § 9"},
        ],
        "members": [
            {
                "member": 3,
                "rate": "0.04",
                "from": date(2026, 9, 1),
                "to": date(2026, 12, 31),
                "note": "Styrelsebeslut 2026-08-20 § 4",
            },
            {"member": 3, "maximum": "1000", "from": date(2027, 1, 1), "note": "Tak"},
            {"member": 5, "minimum": "800", "note": "Över periodens tak"},
        ],
    }
)


def test_the_flat_terms_hold_until_the_first_period() -> None:
    policy = FeePolicy.of(POLICY)
    fee = policy.fee_on(1, date(2026, 6, 30), D("30000"))
    # 30 000 × 6 % = 1 800.00
    assert (fee.amount, fee.rule.key, fee.limit) == (D("1800.00"), "fees", None)
    assert fee.rule.valid_to == date(2026, 6, 30)


def test_a_period_from_its_first_day() -> None:
    policy = FeePolicy.of(POLICY)
    fee = policy.fee_on(1, date(2026, 7, 1), D("30000"))
    # 30 000 × 7 % = 2 100.00, within 500 … 5 000
    assert (fee.amount, fee.rule.key) == (D("2100.00"), "fees.periods[0]")
    assert fee.rule.valid_to == date(2026, 12, 31)
    small = policy.fee_on(1, date(2026, 7, 1), D("1000"))  # 70, raised to 500
    assert (small.amount, small.limit) == (D("500.00"), "minimum")
    large = policy.fee_on(1, date(2026, 7, 1), D("100000"))  # 7 000, lowered to 5 000
    assert (large.amount, large.limit) == (D("5000.00"), "maximum")


def test_a_period_without_limits_has_none() -> None:
    policy = FeePolicy.of(POLICY)
    fee = policy.fee_on(1, date(2027, 1, 1), D("1000.10"))
    # 1 000.10 × 6.5 % = 65.0065 → 65.01 (half up to öre), no minimum from the period before
    assert (fee.amount, fee.rule.minimum, fee.rule.maximum) == (D("65.01"), D(0), None)


def test_rounding_is_half_up_to_ore() -> None:
    policy = FeePolicy.of(FeeConfig.model_validate({"rate": "0.05"}))
    assert policy.fee_on(None, date(2026, 1, 1), D("0.10")).amount == D("0.01")  # 0.005
    assert policy.fee_on(None, date(2026, 1, 1), D("0.09")).amount == D("0.00")  # 0.0045


def test_an_override_applies_in_its_dates_only() -> None:
    policy = FeePolicy.of(POLICY)
    before = policy.fee_on(3, date(2026, 8, 31), D("30000"))
    first = policy.fee_on(3, date(2026, 9, 1), D("30000"))
    last = policy.fee_on(3, date(2026, 12, 31), D("30000"))
    assert before.rule.key == "fees.periods[0]" and before.amount == D("2100.00")
    # 30 000 × 4 % = 1 200, the period's minimum 500 and maximum 5 000 still apply
    assert first.rule.key == last.rule.key == "fees.members[0]"
    assert first.amount == D("1200.00")
    assert (first.rule.minimum, first.rule.maximum) == (D("500"), D("5000"))
    assert first.rule.period == "fees.periods[0]"
    assert first.rule.note == "Styrelsebeslut 2026-08-20 § 4"
    # From 2027 the member's second override: the period's 6.5 %, capped at 1 000.
    later = policy.fee_on(3, date(2027, 1, 1), D("30000"))  # 1 950 → 1 000
    assert (later.rule.key, later.amount, later.limit) == (
        "fees.members[1]",
        D("1000.00"),
        "maximum",
    )
    # Another member keeps the period's terms.
    assert policy.fee_on(4, date(2026, 9, 1), D("30000")).rule.key == "fees.periods[0]"


def test_an_override_minimum_above_the_period_maximum_wins() -> None:
    policy = FeePolicy.of(
        FeeConfig.model_validate(
            {
                "rate": "0.06",
                "maximum": "500",
                "members": [{"member": 5, "minimum": "800", "note": "x"}],
            }
        )
    )
    rule = policy.rule_on(5, date(2026, 1, 1))
    assert (rule.minimum, rule.maximum) == (D("800"), D("800"))
    assert policy.fee_on(5, date(2026, 1, 1), D("1000")).amount == D("800.00")


def test_the_fee_is_never_more_than_the_invoice() -> None:
    policy = FeePolicy.of(FeeConfig.model_validate({"rate": "0.06", "minimum": "500"}))
    fee = policy.fee_on(None, date(2026, 1, 1), D("300"))
    assert (fee.amount, fee.limit) == (D("300.00"), "invoiced")


def test_a_negative_amount_is_refused() -> None:
    with pytest.raises(InputError, match="invoiced: must not be negative"):
        FeePolicy.of(POLICY).fee_on(1, date(2026, 1, 1), D("-1"))


def test_the_explanation_names_the_rule_and_note() -> None:
    policy = FeePolicy.of(POLICY)
    fee = policy.fee_on(3, date(2026, 9, 1), D("30000"))
    assert str(fee.explain()) == (
        "30000 × 4 % = 1200.00 (member 3's own fee (fees.members[0]): 4 %, at least 500, "
        "at most 5000; Styrelsebeslut 2026-08-20 § 4)"
    )
    from kooperativ.i18n import messages

    assert fee.explain().render(messages("sv")) == (
        "30\xa0000 × 4 % = 1\xa0200,00 (medlem 3s egen avgift (fees.members[0]): 4 %, "
        "minst 500, högst 5\xa0000; Styrelsebeslut 2026-08-20 § 4)"
    )
    data = policy.fee_on(1, date(2026, 7, 1), D("1000")).as_dict()
    assert data["amount"] == "500.00" and data["limit"] == "minimum"
    assert data["rule"] == {
        "key": "fees.periods[0]",
        "kind": "period",
        "minimum": "500",
        "maximum": "5000",
        "from": "2026-07-01",
        "to": "2026-12-31",
        "member": None,
        "note": None,
    }
    assert str(policy.fee_on(1, date(2026, 1, 1), D("100")).explain()) == (
        "100 × 6 % = 6.00 (the cooperative's fee (fees): 6 %, no limits; Stämman 2024-05-01)"
    )


def test_taken_defaults_to_invoicing() -> None:
    assert FeePolicy.of(POLICY).taken == "on_invoicing"
    assert FeePolicy.of(FeeConfig.model_validate({"rate": "0", "taken": "on_payment"})).taken == (
        "on_payment"
    )


def test_problems_with_the_register() -> None:
    policy = FeePolicy.of(
        FeeConfig.model_validate(
            {
                "rate": "0.06",
                "members": [
                    {"member": 9, "rate": "0.04", "note": "x"},
                    {"member": 1, "rate": "0.04", "to": date(2025, 12, 31), "note": "x"},
                    {"member": 2, "rate": "0.04", "note": "x"},
                    {"member": 3, "rate": "0.04", "to": date(2026, 3, 31), "note": "x"},
                ],
            }
        )
    )
    register = [
        MemberDates(1, joined_on=date(2026, 1, 1)),
        MemberDates(2, joined_on=date(2024, 1, 1), left_on=date(2026, 5, 31)),
        MemberDates(3, joined_on=date(2024, 1, 1), left_on=date(2026, 5, 31)),
    ]
    found = [(p.severity, p.place[1], p.code) for p in policy.problems(register, date(2026, 6, 1))]
    assert found == [
        ("error", "fees.members[0]", "fees.unknown_member"),
        ("warning", "fees.members[1]", "fees.override_before_joining"),
        ("warning", "fees.members[2]", "fees.override_after_leaving"),
    ]


# -- properties ---------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
RATES = st.decimals(min_value=0, max_value=D("0.5"), places=4)
AMOUNTS = st.decimals(min_value=0, max_value=D("10000000"), places=2)
LIMITS = st.decimals(min_value=0, max_value=D("20000"), places=2)


@st.composite
def terms(draw: st.DrawFn) -> dict[str, Any]:
    """A rate with an optional minimum and maximum (in order)."""
    found: dict[str, Any] = {"rate": str(draw(RATES))}
    low = draw(st.one_of(st.none(), LIMITS))
    high = draw(st.one_of(st.none(), LIMITS))
    if low is not None and high is not None and high < low:
        low, high = high, low
    if low is not None:
        found["minimum"] = str(low)
    if high is not None:
        found["maximum"] = str(high)
    return found


@st.composite
def policies(draw: st.DrawFn) -> FeeConfig:
    """A fee policy: base terms, up to four periods in order, overrides of members 1–3."""
    starts = sorted(draw(st.sets(DAYS, max_size=4)))
    periods = [{"from": day, **draw(terms())} for day in starts]
    members = []
    for number in (1, 2, 3):
        if draw(st.booleans()):
            a, b = sorted((draw(DAYS), draw(DAYS)))
            override: dict[str, Any] = {"member": number, "note": "x", **draw(terms())}
            if draw(st.booleans()):
                override.pop("rate")
                if "minimum" not in override and "maximum" not in override:
                    override["minimum"] = "1"
            override["from"], override["to"] = a, b
            members.append(override)
    return FeeConfig.model_validate({**draw(terms()), "periods": periods, "members": members})


@settings(max_examples=300, deadline=None)
@given(policies(), st.integers(0, 4), DAYS, AMOUNTS)
def test_the_fee_is_within_its_limits_and_the_invoice(
    config: FeeConfig, member: int, on: date, amount: Decimal
) -> None:
    fee = FeePolicy.of(config).fee_on(member or None, on, amount)
    assert fee.amount == fee.amount.quantize(D("0.01"))
    assert D(0) <= fee.amount <= amount
    rule = fee.rule
    if rule.minimum <= amount:
        assert fee.amount >= rule.minimum
    if rule.maximum is not None:
        assert fee.amount <= rule.maximum
    if fee.limit is None:
        assert fee.amount == (amount * rule.rate).quantize(D("0.01"), ROUND_HALF_UP)


@settings(max_examples=300, deadline=None)
@given(policies(), st.integers(0, 4), DAYS, AMOUNTS, AMOUNTS)
def test_more_invoiced_never_means_less_fee(
    config: FeeConfig, member: int, on: date, a: Decimal, b: Decimal
) -> None:
    policy = FeePolicy.of(config)
    low, high = sorted((a, b))
    assert (
        policy.fee_on(member or None, on, low).amount
        <= policy.fee_on(member or None, on, high).amount
    )


@settings(max_examples=300, deadline=None)
@given(policies(), st.integers(1, 3), DAYS)
def test_an_override_applies_only_in_its_dates(config: FeeConfig, member: int, on: date) -> None:
    rule = FeePolicy.of(config).rule_on(member, on)
    mine = [o for o in config.members if o.member == member and o.covers(on)]
    if mine:
        assert rule.kind == "override" and rule.member == member
        assert rule.note == mine[0].note
    else:
        assert rule.kind != "override"
        assert rule == FeePolicy.of(config).period_on(on)


@settings(max_examples=200, deadline=None)
@given(policies(), AMOUNTS)
def test_the_day_before_and_the_day_a_period_starts(config: FeeConfig, amount: Decimal) -> None:
    policy = FeePolicy.of(config)
    for index, period in enumerate(config.periods):
        start = period.valid_from
        assert policy.period_on(start).key == f"fees.periods[{index}]"
        before = policy.period_on(start - timedelta(days=1))
        assert before.key == ("fees" if index == 0 else f"fees.periods[{index - 1}]")
        assert before.valid_to == start - timedelta(days=1)
        fee = policy.fee_on(None, start, amount)
        assert fee.rate == period.rate


@settings(max_examples=200, deadline=None)
@given(terms(), AMOUNTS)
def test_the_policy_and_the_salary_solver_agree(
    given_terms: dict[str, Any], amount: Decimal
) -> None:
    """Where the invoice covers the minimum, the policy's fee is the solver's."""
    config = FeeConfig.model_validate(given_terms)
    fee = FeePolicy.of(config).fee_on(None, date(2026, 1, 1), amount)
    if amount < config.minimum or amount == 0:
        return
    inp = SalaryInput.create(
        invoiced=str(amount),
        fee_rate=str(config.rate),
        fee_minimum=str(config.minimum),
        fee_maximum=None if config.maximum is None else str(config.maximum),
        birth_date=date(1985, 1, 1),
        paid_on=date(2026, 1, 25),
        tax="table:33:1",
    )
    assert fee_on(inp, amount) == fee.amount


# -- advances -----------------------------------------------------------------------------


def test_no_advances_by_default() -> None:
    policy = AdvancePolicy(AdvancesConfig())
    assert not policy.allowed
    assert policy.room(member_outstanding=D(0), total_outstanding=D(0)) == 0
    with pytest.raises(InputError, match=r"advance: salary before the client pays is not allowed"):
        policy.check(D("1"), member_outstanding=D(0), total_outstanding=D(0))
    policy.check(D("0"), member_outstanding=D(0), total_outstanding=D(0))


def test_the_guarantee_limits_advances() -> None:
    policy = AdvancePolicy(
        AdvancesConfig.model_validate({"allowed": True, "per_member": "20000", "total": "50000"})
    )
    assert policy.room(member_outstanding=D("15000"), total_outstanding=D("40000")) == D("5000")
    assert policy.room(member_outstanding=D("0"), total_outstanding=D("45000")) == D("5000")
    assert policy.room(member_outstanding=D("25000"), total_outstanding=D("0")) == 0
    policy.check(D("5000"), member_outstanding=D("15000"), total_outstanding=D("40000"))
    with pytest.raises(InputError, match=r"5000\.01 is more than the member's guarantee"):
        policy.check(D("5000.01"), member_outstanding=D("15000"), total_outstanding=D("0"))
    with pytest.raises(InputError, match=r"cooperative's guarantee leaves: 5000 of 50000"):
        policy.check(D("6000"), member_outstanding=D("0"), total_outstanding=D("45000"))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), LIMITS), st.one_of(st.none(), LIMITS), LIMITS, LIMITS, LIMITS)
def test_an_advance_within_the_room_is_allowed(
    per_member: Decimal | None, total: Decimal | None, mine: Decimal, all_: Decimal, ask: Decimal
) -> None:
    if per_member is None and total is None:
        return
    if per_member is not None and total is not None and per_member > total:
        per_member, total = total, per_member
    policy = AdvancePolicy(AdvancesConfig(allowed=True, per_member=per_member, total=total))
    room = policy.room(member_outstanding=mine, total_outstanding=mine + all_)
    if ask <= room:
        policy.check(ask, member_outstanding=mine, total_outstanding=mine + all_)
    else:
        with pytest.raises(InputError):
            policy.check(ask, member_outstanding=mine, total_outstanding=mine + all_)

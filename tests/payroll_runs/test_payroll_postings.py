# SPDX-License-Identifier: EUPL-1.2
"""The payroll vouchers (pure): every voucher balances, the member accounts go down by
exactly the budgets used and the expenses paid back, the net pay liability holds exactly
the payout, sick pay is booked on its own account whoever bears its cost, and a big run is
split into vouchers that each balance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID, uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kooperativ.accounts.payroll_postings import (
    PayrollAccounts,
    payout_voucher,
    payroll_vouchers,
)
from kooperativ.countries.se import BAS_ACCOUNTS
from kooperativ.errors import ConfigError
from kooperativ.payroll.runs import PayrollRun, Payslip, PayslipLine

ACCOUNTS = PayrollAccounts.of(BAS_ACCOUNTS)
RUN = PayrollRun(number=3, period="2026-05", pay_date=date(2026, 5, 25))
ORE = Decimal("0.01")

amounts = st.integers(min_value=0, max_value=5_000_000).map(lambda n: Decimal(n) * ORE)


@st.composite
def payslips(draw: st.DrawFn) -> Payslip:
    gross = draw(amounts)
    holiday = draw(amounts)
    sick = draw(st.one_of(st.just(Decimal("0.00")), amounts))
    karens = draw(st.integers(min_value=0, max_value=int(sick / ORE))) * ORE
    # travel allowances: (per diem or mileage, tax-free part, taxable part)
    travel = draw(
        st.lists(st.tuples(st.sampled_from(["per_diem", "mileage"]), amounts, amounts), max_size=3)
    )
    travel_taxable = sum((t[2] for t in travel), Decimal("0.00"))
    travel_free = sum((t[1] for t in travel), Decimal("0.00"))
    taxable = gross + holiday + sick - karens + travel_taxable
    tax = draw(st.integers(min_value=0, max_value=int(taxable))).__int__()
    expenses = draw(amounts)
    member = draw(st.integers(min_value=1, max_value=6))
    lines = [PayslipLine(kind="salary", text="Löneuttag", amount=gross)]
    if holiday:
        lines.append(PayslipLine(kind="holiday_pay", text="Semesterersättning", amount=holiday))
    if sick:
        lines.append(PayslipLine(kind="sick_pay", text="Sjuklön 80 %", amount=sick))
        lines.append(PayslipLine(kind="sick_deduction", text="Karensavdrag", amount=-karens))
    for kind, free, taxed in travel:
        lines.append(
            PayslipLine(kind="taxable_allowance", text="Resa", amount=taxed, allowance=kind)
        )
        lines.append(PayslipLine(kind="travel_allowance", text="Resa", amount=free, allowance=kind))
    if expenses:
        lines.append(PayslipLine(kind="expense", text="Utlägg", amount=expenses))
    contributions = draw(amounts)
    pension = draw(amounts)
    pension_tax = draw(amounts)
    return Payslip(
        number=draw(st.integers(min_value=1, max_value=10**6)),
        run_id=RUN.id,
        run_number=RUN.number,
        member_id=UUID(int=member),
        member_number=member,
        name="X",
        person_id="198503129804",
        period=RUN.period,
        pay_date=RUN.pay_date,
        lines=tuple(lines),
        gross_salary=gross,
        holiday_pay=holiday,
        taxable_pay=taxable,
        employer_contributions=contributions,
        pension=pension,
        pension_tax=pension_tax,
        tax_mode="table:33:1",
        preliminary_tax=Decimal(tax),
        expenses=expenses + travel_free,
        net_pay=taxable - tax,
        payout=taxable - tax + expenses + travel_free,
        # The budget is what the member's account pays: the whole cost and a remainder,
        # or (sick pay from the cooperative) less than the whole cost.
        budget=draw(
            st.one_of(
                st.just(taxable + contributions + pension + pension_tax + draw(amounts)),
                amounts,
            )
        ),
    )


def _sum(drafts: list, account: int, member: UUID | None = None) -> Decimal:  # type: ignore[type-arg]
    return sum(
        (
            line.amount
            for draft in drafts
            for line in draft.lines
            if line.account == account and (member is None or line.member_id == member)
        ),
        Decimal("0.00"),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(payslips(), max_size=12), st.integers(min_value=1, max_value=5))
def test_every_voucher_balances_and_members_pay_exactly_their_budgets(
    slips: list[Payslip], per_voucher: int
) -> None:
    drafts = payroll_vouchers(RUN, slips, ACCOUNTS, series="L", per_voucher=per_voucher)
    for draft in drafts:
        assert draft.difference == 0
        assert len({(line.account, line.member_id) for line in draft.lines}) == len(draft.lines)
    for member in {s.member_id for s in slips}:
        mine = [s for s in slips if s.member_id == member]
        # the budget holds the travel allowances; expenses were owed to the account
        used = sum((s.budget + s.expenses - s.travel_tax_free for s in mine), Decimal("0.00"))
        assert _sum(drafts, 2890, member) == used  # debit: the account goes down by it
    assert -_sum(drafts, 7690) == sum((s.budget for s in slips), Decimal("0.00"))
    payout = sum((s.payout for s in slips), Decimal("0.00"))
    assert -_sum(drafts, 2820) == payout
    assert -_sum(drafts, 2710) == sum((s.preliminary_tax for s in slips), Decimal("0.00"))
    sick = sum((s.sick_pay for s in slips), Decimal("0.00"))
    assert _sum(drafts, 7081) == sick  # sjuklön less karensavdrag, on its own account
    assert _sum(drafts, 7010) == sum(
        (s.taxable_pay - s.holiday_pay - s.sick_pay - s.travel_taxable for s in slips),
        Decimal("0.00"),
    )
    for account, kind, allowance in (
        (7321, "travel_allowance", "per_diem"),
        (7322, "taxable_allowance", "per_diem"),
        (7331, "travel_allowance", "mileage"),
        (7332, "taxable_allowance", "mileage"),
    ):
        assert _sum(drafts, account) == sum(
            (ln.amount for s in slips for ln in s.lines
             if ln.kind == kind and ln.allowance == allowance),
            Decimal("0.00"),
        )  # fmt: skip
    paid = payout_voucher(RUN, payout, ACCOUNTS, series="L", paid_on=RUN.pay_date)
    assert paid is None if not payout else paid.difference == 0
    if paid is not None:
        assert _sum([*drafts, paid], 2820) == 0


@settings(max_examples=60, deadline=None)
@given(payslips(), payslips())
def test_a_correction_books_the_difference(old: Payslip, new: Payslip) -> None:
    new = new.evolve(member_id=old.member_id, member_number=old.member_number, replaces=old.id)
    first = payroll_vouchers(RUN, [old], ACCOUNTS, series="L")
    fix = payroll_vouchers(RUN, [new], ACCOUNTS, series="L", replaced={old.id: old})
    for draft in fix:
        assert draft.difference == 0
    both = first + fix
    assert _sum(both, 2890, old.member_id) == new.budget + new.expenses - new.travel_tax_free
    assert -_sum(both, 2710) == new.preliminary_tax
    assert -_sum(both, 2820) == new.payout
    assert _sum(both, 7081) == new.sick_pay


def test_sick_pay_needs_its_account() -> None:
    slip = Payslip(
        run_id=RUN.id, run_number=3, member_id=uuid4(), member_number=1, name="X",
        person_id="198503129804", period="2026-05", pay_date=RUN.pay_date,
        lines=(
            PayslipLine(kind="sick_pay", text="Sjuklön 80 %", amount="2400.00"),
            PayslipLine(kind="sick_deduction", text="Karensavdrag", amount="-784.00"),
        ),
        taxable_pay="1616.00", employer_contributions="507.75", tax_mode="side-income",
        preliminary_tax="484.00", net_pay="1132.00", payout="1132.00",
    )  # fmt: skip
    without = PayrollAccounts.of({k: v for k, v in BAS_ACCOUNTS.items() if k != "sick_pay"})
    with pytest.raises(ConfigError) as refused:
        payroll_vouchers(RUN, [slip], without, series="L")
    assert refused.value.key == "accounts.sick_pay"
    (draft,) = payroll_vouchers(RUN, [slip], ACCOUNTS, series="L")
    assert (7081, Decimal("1616.00")) in {(ln.account, ln.amount) for ln in draft.lines}
    assert draft.difference == 0


def test_the_pension_is_booked_with_its_tax() -> None:
    slip = Payslip(
        run_id=RUN.id, run_number=3, member_id=uuid4(), member_number=1, name="X",
        person_id="198503129804", period="2026-05", pay_date=RUN.pay_date,
        gross_salary="10000.00", taxable_pay="10000.00", employer_contributions="3142.00",
        pension="450.00", pension_tax="109.17", tax_mode="side-income",
        preliminary_tax="3000.00", net_pay="7000.00", payout="7000.00", budget="13701.17",
    )  # fmt: skip
    (draft,) = payroll_vouchers(RUN, [slip], ACCOUNTS, series="L")
    lines = {(line.account, line.amount) for line in draft.lines}
    assert {(7410, Decimal("450.00")), (2990, Decimal("-450.00"))} <= lines
    assert {(7533, Decimal("109.17")), (2514, Decimal("-109.17"))} <= lines
    assert draft.difference == 0

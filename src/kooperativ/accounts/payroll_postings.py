# SPDX-License-Identifier: EUPL-1.2
"""The vouchers a payroll run books (pure: no storage, no clock, no country).

When a run is **approved** it books, in the ``[ledger] payroll`` series on the pay date:

======================================  ==========================================  =========
account (role)                          amount                                      member
======================================  ==========================================  =========
``salaries``                            debit: the salary lines
``holiday_pay``                         debit: the holiday pay
``sick_pay``                            debit: sick pay net of karens (where any)
``per_diem_tax_free`` / ``…_taxable``   debit: per diem paid (where any)
``mileage_tax_free`` / ``…_taxable``    debit: car allowance paid (where any)
``employer_contributions``              debit: the employer's contributions
``employer_contributions_liability``    credit: the same
``pension``                             debit: pension premiums (where any)
``pension_liability``                   credit: the same
``pension_tax``                         debit: särskild löneskatt (where any)
``pension_tax_liability``               credit: the same
``tax_liability``                       credit: the preliminary tax withheld
``net_pay_liability``                   credit: the payout (net pay + expenses)
``member_accounts``                     debit: budget used + expenses paid back     each one
``member_budget``                       credit: the budgets used
======================================  ==========================================  =========

The first lines are the real salary costs and what the cooperative owes for them; the
last two take what the pay cost out of each member's account (2890) and release the
budget that the invoices set aside as a cost (7690). An expense paid back was credited to
the member's account when it was approved, so paying it debits that account and adds to
the payout. When the bank has paid (:func:`payout_voucher`): debit ``net_pay_liability``,
credit ``bank``.

Sick pay is booked on its own account (BAS 7081); its holiday pay and contributions go
with the others. Who bears its cost shows in the payslip's ``budget``: with ``[payroll]
sick_pay_from = "cooperative"`` (the default) the budget is the salary's cost alone, so the
sick pay and what it costs besides are the cooperative's cost; with ``"member_account"``
the budget includes them and the member's account pays.

A travel allowance is paid out of the member's account (nothing was booked when the claim
was approved): its tax-free and taxable parts are costs on their own accounts (BAS
7321/7322 per diem, 7331/7332 car allowance), its taxable part carries tax and
contributions like the salary, and the payslip's ``budget`` includes the whole allowance
and those contributions; the tax-free part is paid out beside the net pay.

A **correction run** books the difference between its payslips and the payslips they
replace, so the ledger holds each member's pay once.

A voucher holds at most :data:`MEMBERS_PER_VOUCHER` members' lines; a bigger run books
several vouchers, each balancing on its own.

Examples:
    >>> accounts = PayrollAccounts.of({"salaries": 7010, "holiday_pay": 7290,
    ...     "employer_contributions": 7510, "employer_contributions_liability": 2731,
    ...     "tax_liability": 2710, "net_pay_liability": 2820, "member_accounts": 2890,
    ...     "member_budget": 7690, "bank": 1930})
    >>> accounts.pension is None, accounts.net_pay_liability
    (True, 2820)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from kooperativ.accounts.models import DocumentRef, VoucherDraft, VoucherLine
from kooperativ.errors import ConfigError
from kooperativ.money import ZERO_ORE
from kooperativ.payroll.runs import PayrollRun, Payslip

__all__ = [
    "MEMBERS_PER_VOUCHER",
    "PAYROLL_ROLES",
    "PayrollAccounts",
    "payout_voucher",
    "payroll_vouchers",
]

#: The roles a payroll voucher needs (pension roles only where a pension is paid).
PAYROLL_ROLES = (
    "salaries",
    "holiday_pay",
    "employer_contributions",
    "employer_contributions_liability",
    "tax_liability",
    "net_pay_liability",
    "member_accounts",
    "member_budget",
    "bank",
)

#: Members' lines per voucher: a voucher has at most 10 000 lines.
MEMBERS_PER_VOUCHER = 5_000


@dataclass(frozen=True)
class PayrollAccounts:
    """The accounts a payroll run books to, by role (``[accounts]`` of ``cooperative.toml``).

    Attributes:
        salaries: Gross salary (BAS 7010).
        holiday_pay: Holiday pay (BAS 7290).
        employer_contributions: Their cost (BAS 7510).
        employer_contributions_liability: What is owed for them (BAS 2731).
        tax_liability: Preliminary tax withheld (BAS 2710).
        net_pay_liability: Net pay and expenses owed until paid (BAS 2820).
        member_accounts: The members' accounts (BAS 2890).
        member_budget: The budgets set aside (BAS 7690).
        bank: The bank account the pay leaves from (BAS 1930).
        pension: Pension premiums (BAS 7410), if the chart has it.
        pension_liability: Premiums owed to the insurer (BAS 2990), if any.
        pension_tax: Särskild löneskatt (BAS 7533), if any.
        pension_tax_liability: What is owed for it (BAS 2514), if any.
        sick_pay: Sick pay, *sjuklön* (BAS 7081), if any.
        per_diem_tax_free: Tax-free per diem (BAS 7321), if any.
        per_diem_taxable: Taxable per diem (BAS 7322), if any.
        mileage_tax_free: Tax-free car allowance (BAS 7331), if any.
        mileage_taxable: Taxable car allowance (BAS 7332), if any.
    """

    salaries: int
    holiday_pay: int
    employer_contributions: int
    employer_contributions_liability: int
    tax_liability: int
    net_pay_liability: int
    member_accounts: int
    member_budget: int
    bank: int
    pension: int | None = None
    pension_liability: int | None = None
    pension_tax: int | None = None
    pension_tax_liability: int | None = None
    sick_pay: int | None = None
    per_diem_tax_free: int | None = None
    per_diem_taxable: int | None = None
    mileage_tax_free: int | None = None
    mileage_taxable: int | None = None

    @classmethod
    def of(cls, roles: Mapping[str, int]) -> PayrollAccounts:
        """The accounts of the roles in ``roles``.

        Raises:
            ConfigError: A role of :data:`PAYROLL_ROLES` is missing.
        """
        for role in PAYROLL_ROLES:
            if role not in roles:
                raise ConfigError(
                    "cooperative.toml",
                    f"accounts.{role}",
                    "the chart of accounts has no {role} account: payroll cannot be booked",
                    role=role,
                )
        return cls(
            **{role: roles[role] for role in PAYROLL_ROLES},
            pension=roles.get("pension"),
            pension_liability=roles.get("pension_liability"),
            pension_tax=roles.get("pension_tax"),
            pension_tax_liability=roles.get("pension_tax_liability"),
            sick_pay=roles.get("sick_pay"),
            per_diem_tax_free=roles.get("per_diem_tax_free"),
            per_diem_taxable=roles.get("per_diem_taxable"),
            mileage_tax_free=roles.get("mileage_tax_free"),
            mileage_taxable=roles.get("mileage_taxable"),
        )

    def require(self, role: str) -> int:
        """The account of an optional role that a non-zero amount needs.

        Raises:
            ConfigError: The chart has no account for ``role``.
        """
        number: int | None = getattr(self, role)
        if number is None:
            raise ConfigError(
                "cooperative.toml",
                f"accounts.{role}",
                "the chart of accounts has no {role} account: payroll cannot be booked",
                role=role,
            )
        return number


#: Payslip line kinds of a travel allowance → the part its role names.
_TRAVEL_KINDS = {"travel_allowance": "tax_free", "taxable_allowance": "taxable"}

#: The travel roles, in voucher order.
_TRAVEL_ROLES = ("per_diem_tax_free", "per_diem_taxable", "mileage_tax_free", "mileage_taxable")


def _member_share(slip: Payslip) -> Decimal:
    """What ``slip`` takes from the member's account: the budget used and the expenses
    paid back (an expense was credited to the account when approved; a travel
    allowance's tax-free part was not, and is in the budget)."""
    return slip.budget + slip.expenses - slip.travel_tax_free


@dataclass
class _Sums:
    salaries: Decimal = ZERO_ORE
    holiday_pay: Decimal = ZERO_ORE
    sick_pay: Decimal = ZERO_ORE
    travel: dict[str, Decimal] = field(default_factory=dict)
    contributions: Decimal = ZERO_ORE
    pension: Decimal = ZERO_ORE
    pension_tax: Decimal = ZERO_ORE
    tax: Decimal = ZERO_ORE
    payout: Decimal = ZERO_ORE
    budget: Decimal = ZERO_ORE

    def add(self, slip: Payslip, sign: int) -> None:
        sick = slip.sick_pay
        self.salaries += sign * (slip.taxable_pay - slip.holiday_pay - sick - slip.travel_taxable)
        self.holiday_pay += sign * slip.holiday_pay
        self.sick_pay += sign * sick
        for line in slip.lines:
            if line.kind in _TRAVEL_KINDS:
                role = f"{line.allowance or 'per_diem'}_{_TRAVEL_KINDS[line.kind]}"
                self.travel[role] = self.travel.get(role, ZERO_ORE) + sign * line.amount
        self.contributions += sign * slip.employer_contributions
        self.pension += sign * slip.pension
        self.pension_tax += sign * slip.pension_tax
        self.tax += sign * slip.preliminary_tax
        self.payout += sign * slip.payout
        self.budget += sign * slip.budget


def _chunks(payslips: Sequence[Payslip], size: int) -> Iterable[tuple[int, Sequence[Payslip]]]:
    for index, start in enumerate(range(0, len(payslips), size), start=1):
        yield index, payslips[start : start + size]


def payroll_vouchers(
    run: PayrollRun,
    payslips: Sequence[Payslip],
    accounts: PayrollAccounts,
    *,
    series: str,
    replaced: Mapping[UUID, Payslip] | None = None,
    text: str | None = None,
    per_voucher: int = MEMBERS_PER_VOUCHER,
) -> list[VoucherDraft]:
    """The vouchers that book an approved run (see the module docstring).

    Args:
        run: The run.
        payslips: Its payslips.
        accounts: The accounts by role.
        series: The voucher series (``[ledger] payroll``).
        replaced: For a correction run: the payslips its payslips replace, by id; the
            vouchers book the difference.
        text: The vouchers' text (default ``Lönekörning N, YYYY-MM``).
        per_voucher: Payslips per voucher (members' lines; at most 9 990).

    Returns:
        One voucher per ``per_voucher`` payslips (none for a run without payslips or
        without any difference), each balancing.

    Raises:
        ConfigError: A pension, pension tax, sick pay or travel allowance to book and no
            account for it.
    """
    replaced = replaced or {}
    label = text or f"Lönekörning {run.number}, {run.period}"
    drafts: list[VoucherDraft] = []
    ordered = sorted(payslips, key=lambda slip: (slip.member_number, slip.number))
    chunks = list(_chunks(ordered, max(1, min(per_voucher, 9_990))))
    for index, chunk in chunks:
        sums = _Sums()
        members: dict[UUID, Decimal] = {}
        for slip in chunk:
            sums.add(slip, 1)
            members[slip.member_id] = members.get(slip.member_id, ZERO_ORE) + _member_share(slip)
            old = replaced.get(slip.replaces) if slip.replaces is not None else None
            if old is not None:
                sums.add(old, -1)
                members[old.member_id] = members.get(old.member_id, ZERO_ORE) - _member_share(old)
        pairs: list[tuple[int | None, str | None, Decimal]] = [
            (accounts.salaries, None, sums.salaries),
            (accounts.holiday_pay, None, sums.holiday_pay),
        ]
        if sums.sick_pay:
            pairs.append((accounts.require("sick_pay"), None, sums.sick_pay))
        for role in _TRAVEL_ROLES:
            if sums.travel.get(role):
                pairs.append((accounts.require(role), None, sums.travel[role]))
        pairs += [
            (accounts.employer_contributions, None, sums.contributions),
            (accounts.employer_contributions_liability, None, -sums.contributions),
        ]
        if sums.pension:
            pairs += [
                (accounts.require("pension"), None, sums.pension),
                (accounts.require("pension_liability"), None, -sums.pension),
            ]
        if sums.pension_tax:
            pairs += [
                (accounts.require("pension_tax"), None, sums.pension_tax),
                (accounts.require("pension_tax_liability"), None, -sums.pension_tax),
            ]
        pairs += [
            (accounts.tax_liability, None, -sums.tax),
            (accounts.net_pay_liability, None, -sums.payout),
        ]
        lines = [
            VoucherLine(account=account, amount=amount)
            for account, _, amount in pairs
            if account is not None and amount
        ]
        lines += [
            VoucherLine(account=accounts.member_accounts, amount=amount, member_id=member)
            for member, amount in members.items()
            if amount
        ]
        if sums.budget:
            lines.append(VoucherLine(account=accounts.member_budget, amount=-sums.budget))
        if len(lines) < 2:
            continue
        suffix = f" ({index}/{len(chunks)})" if len(chunks) > 1 else ""
        drafts.append(
            VoucherDraft(
                series=series,
                date=run.pay_date,
                text=(label + suffix)[:200],
                document=DocumentRef(kind="payroll", key=str(run.number)),
                lines=tuple(lines),
            )
        )
    return drafts


def payout_voucher(
    run: PayrollRun,
    amount: Decimal,
    accounts: PayrollAccounts,
    *,
    series: str,
    paid_on: date,
    text: str | None = None,
) -> VoucherDraft | None:
    """The voucher of the bank's payment of a run: debit ``net_pay_liability``, credit
    ``bank`` with ``amount`` (the run's payout; for a correction run the difference it
    pays). ``None`` when there is nothing to pay: a correction that lowers the payout
    leaves what the member was paid too much as a debit on ``net_pay_liability`` (a claim
    on the member), which no bank payment settles."""
    if amount <= 0:
        return None
    return VoucherDraft(
        series=series,
        date=paid_on,
        text=(text or f"Utbetalning lönekörning {run.number}, {run.period}")[:200],
        document=DocumentRef(kind="payroll", key=str(run.number)),
        lines=(
            VoucherLine(account=accounts.net_pay_liability, amount=amount),
            VoucherLine(account=accounts.bank, amount=-amount),
        ),
    )

# SPDX-License-Identifier: EUPL-1.2
"""Transparency statements (*transparensredovisning*): per invoice and per member and
period, what was invoiced, the VAT, the cooperative's fee and the rule that set it, the
member's budget, and what the budget becomes as salary (employer contributions, holiday
pay, pension, tax, net pay), with what the member's account holds.

A member sees only their own statements; board, treasurer, auditor and admin see any.

Examples:
    ```python
    statement = coop.statements.invoice(member_actor, "A1")
    statement.fee.explain()          # "14958.33 × 6 % = 897.50 (the cooperative's fee …)"
    coop.statements.member(member_actor, 12, period="2026-05").as_dict()
    ```
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from kooperativ.accounts.ledger import Period, parse_period
from kooperativ.accounts.postings import credit_share
from kooperativ.errors import InputError
from kooperativ.fees import Fee, FeePolicy
from kooperativ.invoicing.models import Invoice, InvoiceKind
from kooperativ.members.models import Member
from kooperativ.money import ZERO_ORE
from kooperativ.payroll.model import SalaryResult
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, resolve
from kooperativ.travel.claims import TravelClaim, TravelClaimStatus

__all__ = ["InvoiceStatement", "MemberStatement", "StatementService"]


def _money(value: Decimal) -> str:
    return str(value)


@dataclass(frozen=True)
class InvoiceStatement:
    """What one invoice (or credit note) meant for its member.

    Amounts of a credit note are negative (it takes back). ``invoiced`` − ``fee`` =
    ``budget``; ``invoiced`` + ``vat`` + ``rounding`` = ``total``.

    Attributes:
        invoice: The invoice.
        member_number: The member's number.
        member_name: The member's name.
        invoiced: The amount excluding VAT.
        vat: The VAT.
        rounding: The öresavrundning.
        total: What the client pays.
        fee: The cooperative's fee (taken back in proportion by a credit note).
        fee_rule: The fee on the invoice, with its rule (of the original for a credit note).
        budget: The member's budget: ``invoiced`` − ``fee``.
        salary: What the budget becomes as salary if paid out on its own (``None`` for a
            credit note or a budget of zero).
        paid_on: The pay day the salary is computed for (the first on or after the
            invoice date).
    """

    invoice: Invoice
    member_number: int
    member_name: str
    invoiced: Decimal
    vat: Decimal
    rounding: Decimal
    total: Decimal
    fee: Decimal
    fee_rule: Fee
    budget: Decimal
    salary: SalaryResult | None
    paid_on: date | None = None

    def as_dict(self) -> dict[str, Any]:
        """The statement as JSON values (amounts as strings)."""
        salary = self.salary
        return {
            "invoice": self.invoice.label,
            "kind": self.invoice.kind.value,
            "date": self.invoice.issue_date.isoformat(),
            "client": self.invoice.buyer.name,
            "member": {"number": self.member_number, "name": self.member_name},
            "invoiced_excl_vat": _money(self.invoiced),
            "vat": _money(self.vat),
            "rounding": _money(self.rounding),
            "total": _money(self.total),
            "fee": _money(self.fee),
            "fee_rule": self.fee_rule.as_dict(),
            "budget": _money(self.budget),
            "salary": None
            if salary is None
            else {
                "paid_on": None if self.paid_on is None else self.paid_on.isoformat(),
                "budget": _money(salary.budget),
                "gross_salary": _money(salary.gross_salary),
                "holiday_pay": _money(salary.holiday_pay),
                "taxable_pay": _money(salary.taxable_pay),
                "employer_contributions": _money(salary.employer_contributions),
                "pension": _money(salary.pension),
                "pension_tax": _money(salary.pension_tax),
                "preliminary_tax": _money(salary.preliminary_tax),
                "net_pay": _money(salary.net_pay),
                "remainder": _money(salary.remainder),
            },
        }


@dataclass(frozen=True)
class MemberStatement:
    """A member's statement for a period: their invoices and what the account holds.

    Attributes:
        member_number: The member's number.
        member_name: The member's name.
        period: The period (``None``: everything).
        invoices: The statements of the member's invoices and credit notes in the period.
        opening: The member's account before the period (from the ledger).
        credited: What the period credited to the account (from the ledger).
        paid_out: What the period took out of the account: salary, etc. (from the ledger).
        closing: What remains: ``opening`` + ``credited`` − ``paid_out``.
        travel: The member's approved and paid travel claims dated in the period: paid
            out of the account with the salary (the tax-free part beside the net pay, the
            taxable part as taxable pay).
    """

    member_number: int
    member_name: str
    period: Period | None
    invoices: tuple[InvoiceStatement, ...]
    opening: Decimal
    credited: Decimal
    paid_out: Decimal
    closing: Decimal
    travel: tuple[TravelClaim, ...] = ()

    @property
    def invoiced(self) -> Decimal:
        """The sum invoiced excluding VAT (credit notes counted negative)."""
        return sum((s.invoiced for s in self.invoices), ZERO_ORE)

    @property
    def vat(self) -> Decimal:
        """The sum of VAT."""
        return sum((s.vat for s in self.invoices), ZERO_ORE)

    @property
    def fees(self) -> Decimal:
        """The sum of fees."""
        return sum((s.fee for s in self.invoices), ZERO_ORE)

    @property
    def budget(self) -> Decimal:
        """The sum of budgets: ``invoiced`` − ``fees``."""
        return sum((s.budget for s in self.invoices), ZERO_ORE)

    @property
    def travel_tax_free(self) -> Decimal:
        """The tax-free part of the travel claims (paid back beside the net pay)."""
        return sum((c.tax_free for c in self.travel), ZERO_ORE)

    @property
    def travel_taxable(self) -> Decimal:
        """The taxable part of the travel claims (taxable pay)."""
        return sum((c.taxable for c in self.travel), ZERO_ORE)

    def as_dict(self) -> dict[str, Any]:
        """The statement as JSON values (amounts as strings)."""
        return {
            "member": {"number": self.member_number, "name": self.member_name},
            "period": self.period.label if self.period else None,
            "invoices": [s.as_dict() for s in self.invoices],
            "invoiced_excl_vat": _money(self.invoiced),
            "vat": _money(self.vat),
            "fees": _money(self.fees),
            "budget": _money(self.budget),
            "account": {
                "opening": _money(self.opening),
                "credited": _money(self.credited),
                "paid_out": _money(self.paid_out),
                "closing": _money(self.closing),
            },
            "travel": [
                {
                    "number": c.number,
                    "date": c.date.isoformat(),
                    "destination": c.destination,
                    "status": c.status.value,
                    "paid": _money(c.paid),
                    "tax_free": _money(c.tax_free),
                    "taxable": _money(c.taxable),
                }
                for c in self.travel
            ],
            "travel_tax_free": _money(self.travel_tax_free),
            "travel_taxable": _money(self.travel_taxable),
        }


class StatementService(Service):
    """Transparency statements per invoice and per member and period."""

    def invoice(self, actor: Actor, ref: Ref, *, salary: bool = True) -> InvoiceStatement:
        """The statement of one invoice or credit note (a member: their own only).

        Args:
            actor: Who asks.
            ref: The invoice's number (``17``, ``A17``) or id.
            salary: Whether to compute what the budget becomes as salary.

        Raises:
            NotFoundError: No such invoice.
            PermissionDenied: A member asking for another member's invoice.
        """
        found = self._coop.invoices.get(actor, ref)
        with self._read() as uow:
            member = uow.members.get(found.member_id)
            original = found if found.credits is None else uow.invoices.get(found.credits)
            earlier = [
                c
                for c in uow.invoices.credits_of(original.id)
                if c.number < found.number and c.id != found.id
            ]
        return self._statement(found, original, earlier, member, salary=salary)

    def member(
        self,
        actor: Actor,
        member: Ref,
        *,
        period: str | Period | None = None,
        salary: bool = True,
    ) -> MemberStatement:
        """A member's statement for ``period`` (a month ``2026-05`` or a year ``2026``;
        default: everything): each invoice's statement, the sums, and the member's
        account from the ledger (opening, credited, paid out, what remains).

        Raises:
            NotFoundError: No such member.
            PermissionDenied: A member asking for another member's statement.
            InputError: A period that is not a month or a year.
        """
        chosen = period if period is None or isinstance(period, Period) else parse_period(period)
        with self._read() as uow:
            found: Member = resolve(uow.members, "member", member)
        actor.require_access(found.id, "account")
        invoices = self._coop.invoices.list(
            actor,
            member=found.id,
            start=chosen.start if chosen else None,
            end=chosen.end if chosen else None,
        )
        statements = tuple(self.invoice(actor, i.id, salary=salary) for i in invoices)
        account = self._coop.ledger.member_account(actor, found.id, chosen)
        credited = sum((line.amount for line in account.lines if line.amount > 0), ZERO_ORE)
        paid_out = -sum((line.amount for line in account.lines if line.amount < 0), ZERO_ORE)
        travel = tuple(
            c
            for c in self._coop.travel.list(
                actor,
                member=found.id,
                start=chosen.start if chosen else None,
                end=chosen.end if chosen else None,
            )
            if c.status in (TravelClaimStatus.APPROVED, TravelClaimStatus.PAID)
        )
        return MemberStatement(
            found.number,
            found.name,
            chosen,
            statements,
            account.opening,
            credited,
            paid_out,
            account.closing,
            travel,
        )

    def pdf(
        self,
        actor: Actor,
        member: Ref,
        *,
        period: str | Period | None = None,
        invoice: Ref | None = None,
        lang: str | None = None,
    ) -> bytes:
        """The member's statement (or, with ``invoice``, that invoice's) as a PDF in
        ``lang`` (default: the cooperative's language). A member: their own only.

        Raises:
            NotFoundError: No such member or invoice.
            PermissionDenied: A member asking for another member's statement.
            InputError: ``invoice`` is not ``member``'s.
        """
        from kooperativ.documents._pdf import Letterhead
        from kooperativ.documents.statement import statement_pdf

        chosen: InvoiceStatement | MemberStatement
        if invoice is not None:
            chosen = self.invoice(actor, invoice)
            with self._read() as uow:
                owner: Member = resolve(uow.members, "member", member)
            if chosen.invoice.member_id != owner.id:
                raise InputError(
                    "invoice",
                    "invoice {invoice} is not member {member}'s",
                    invoice=chosen.invoice.label,
                    member=owner.number,
                )
        else:
            chosen = self.member(actor, member, period=period)
        employer = self._coop.config.employer
        address = employer.address
        line = None
        if address is not None:
            line = ", ".join(
                part
                for part in (address.street, f"{address.postal_code} {address.city}".strip())
                if part
            )
        return statement_pdf(
            chosen,
            lang=lang or self._coop.config.language,
            letterhead=Letterhead(name=employer.name, orgnr=employer.orgnr, address=line),
        )

    def _statement(
        self,
        found: Invoice,
        original: Invoice,
        earlier: list[Invoice],
        member: Member,
        *,
        salary: bool,
    ) -> InvoiceStatement:
        policy = FeePolicy.of(self._coop.config.fees)
        fee = policy.fee_on(member.number, original.issue_date, original.total_excl_vat)
        if found.kind is InvoiceKind.CREDIT_NOTE:
            before = sum((c.total_excl_vat for c in earlier), ZERO_ORE)
            share = credit_share(original, fee.amount, found, before)
            sign = -1
            taken, budget = share.fee, share.budget
        else:
            sign = 1
            taken, budget = fee.amount, original.total_excl_vat - fee.amount
        result = None
        from kooperativ.services.payroll import pay_day_after

        day = pay_day_after(found.issue_date, self._coop.config.payroll.pay_day)
        if salary and sign > 0 and budget > 0:
            result = self._salary(member, day, budget)
        return InvoiceStatement(
            invoice=found,
            member_number=member.number,
            member_name=member.name,
            invoiced=sign * found.total_excl_vat,
            vat=sign * found.total_vat,
            rounding=sign * found.rounding,
            total=sign * found.total,
            fee=sign * taken,
            fee_rule=fee,
            budget=sign * budget,
            salary=result,
            paid_on=day if result is not None else None,
        )

    def _salary(self, member: Member, day: date, budget: Decimal) -> SalaryResult | None:
        policy = self._coop.payroll.policy()
        try:
            inp = policy.salary_input(member=member, budget=budget, paid_on=day)
            return policy.calculate(inp)
        except InputError:
            return None

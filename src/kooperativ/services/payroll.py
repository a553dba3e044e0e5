# SPDX-License-Identifier: EUPL-1.2
"""Salary for an assignment: the member's birth date and tax mode, the cooperative's fee
and payroll policy, and the country's parameters (with the cooperative's overrides)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from kooperativ.countries.se.tax import LoadedTables, TableSource
from kooperativ.errors import ConfigError, KooperativError
from kooperativ.payroll import SalaryInput, SalaryResult, calculate_salary
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, resolve

__all__ = ["PayrollService", "pay_day_after"]


def pay_day_after(day: date, pay_day: int) -> date:
    """The first pay day (day ``pay_day`` of a month) on or after ``day``."""
    candidate = day.replace(day=pay_day)
    if candidate >= day:
        return candidate
    next_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return next_month.replace(day=pay_day)


class PayrollService(Service):
    """Salary calculations for the cooperative's assignments."""

    _loaded: TableSource | None = None

    def preview(
        self,
        actor: Actor,
        assignment: Ref,
        *,
        paid_on: date | None = None,
        expenses: str = "0",
    ) -> SalaryResult:
        """The salary the whole assignment would give its member if invoiced and paid out.

        Args:
            actor: A member may preview their own assignments; managers any.
            assignment: The assignment's number or id.
            paid_on: Payment date; default: the first pay day on or after the assignment's
                end (``[payroll] pay_day`` in ``cooperative.toml``).
            expenses: Outlays to reimburse tax-free out of the invoice.

        Raises:
            PermissionDenied: A member asking for another member's assignment.
            InputError: If the fee and expenses exceed the invoice.
        """
        policy = self._coop.config.payroll
        with self._uow() as uow:
            job = resolve(uow.assignments, "assignment", assignment)
            member = uow.members.get(job.member_id)
        actor.require_access(member.id, "assignments")
        day = paid_on or pay_day_after(job.end, policy.pay_day)
        salary = SalaryInput.create(
            invoiced=str(job.amount_excl_vat),
            fee_rate=str(self._coop.config.fees.rate),
            expenses=expenses,
            birth_date=member.birth_date,
            paid_on=day,
            tax=member.tax.mode,
            holiday_pay=policy.holiday_pay,
            pension_rate=str(policy.pension_rate),
        )
        return calculate_salary(salary, params=self._coop.parameters, source=self.tax_tables())

    def check(self, on: date) -> Sequence[Problem]:
        """Can salaries be calculated on ``on``? Parameters and tax tables for its year."""
        policy = self._coop.config.payroll
        probe = SalaryInput.create(
            gross="20000",
            birth_date=on.replace(year=on.year - 40, day=1),
            paid_on=on,
            tax=policy.default_tax,
            holiday_pay=policy.holiday_pay,
            pension_rate=str(policy.pension_rate),
        )
        try:
            calculate_salary(probe, params=self._coop.parameters, source=self.tax_tables())
        except KooperativError as error:
            return [
                Problem.of(
                    "error",
                    ("payroll", on.year),
                    "salaries cannot be calculated: {reason}",
                    reason=error,
                )
            ]
        return []

    def tax_tables(self) -> TableSource | None:
        """The tax-table source the cooperative chose (``[payroll] tax_tables``).

        ``computed`` (the default) computes Skatteverket's tables from the parameters;
        ``loaded`` reads Skatteverket's own files named in ``tax_table_files``.

        Raises:
            ConfigError: ``loaded`` without files, or a file that cannot be read.
        """
        policy = self._coop.config.payroll
        if policy.tax_tables == "computed":
            return None
        if self._loaded is None:
            if not policy.tax_table_files:
                raise ConfigError(
                    "cooperative.toml",
                    "payroll.tax_table_files",
                    'name Skatteverket\'s table files when tax_tables = "loaded"',
                )
            folder = self._coop.require_folder("payroll.tax_table_files")
            paths = [folder / name for name in policy.tax_table_files]
            for path in paths:
                if not path.is_file():
                    raise ConfigError(
                        "cooperative.toml", "payroll.tax_table_files", f"{path} not found"
                    )
            self._loaded = LoadedTables.from_files(*paths)
        return self._loaded

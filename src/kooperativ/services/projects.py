# SPDX-License-Identifier: EUPL-1.2
"""Projects and grants (*projekt och bidrag*): budgets, owners, grants received, salary
budget moved to members' accounts, and the financial report a grantor asks for.

A project is created, changed and closed by the board, the treasurer or the
administrator; its owners (members) see it, and may move its salary budget to the members
its rules name, up to each rule's limit, the salary budget and the project's remaining
funds. Money received on a grant is booked in the same transaction as the receipt is
recorded: bank (role ``bank``) debited, grant income (role ``grants``, BAS 3985) credited,
both lines carrying the project. Moving salary budget books the salaries account (role
``salaries``) against the member's sub-ledger of the member account (role
``member_accounts``, BAS 2890), both lines carrying the project and the member. The report
is computed from the ledger, by the database's sums over the project's lines.

Examples:
    ```python
    project = coop.projects.create(board, name="Sommarturné", owners=[3, 4],
        start=date(2026, 6, 1), end=date(2026, 8, 31),
        budget={"salaries": "90000", "expenses": "25000", "other": "5000"},
        rules=[{"member": 3, "limit": "45000"}, {"member": 4, "limit": "45000"}])
    grant = coop.projects.add_grant(board, project.number, grantor="Konstnärsnämnden",
        decision="KN 2026/17", decided_on=date(2026, 4, 2), amount="120000",
        start=date(2026, 6, 1), end=date(2026, 8, 31))
    coop.projects.receive(treasurer, grant.number, "72000", on=date(2026, 6, 2))
    coop.projects.move_to_member(ada_actor, project.number, 3, "30000", on=date(2026, 6, 25))
    coop.projects.report(treasurer, project.number).as_dict()
    ```
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from kooperativ.accounts.ledger import Period, parse_period
from kooperativ.accounts.models import DocumentRef, Voucher, VoucherDraft, VoucherLine
from kooperativ.errors import (
    ConfigError,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDenied,
    Phrase,
    Term,
)
from kooperativ.members.models import Role
from kooperativ.money import ORE, ZERO_ORE, to_decimal
from kooperativ.projects.models import (
    Budget,
    Grant,
    GrantReceipt,
    MoveRule,
    Project,
    ProjectStatus,
)
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, build, resolve
from kooperativ.storage.base import UnitOfWork

__all__ = ["ProjectReport", "ProjectService"]

_BOOKERS = frozenset({Role.TREASURER, Role.ADMIN})
#: The role accounts whose lines are a project's salaries (with contributions).
_SALARY_ROLES = ("salaries", "employer_contributions", "holiday_pay")


@dataclass(frozen=True)
class ProjectReport:
    """The financial report of a project (*ekonomisk redovisning*), from the ledger.

    Income and costs are positive figures; ``remaining`` is income less costs.

    Attributes:
        project: The project.
        grant: The grant reported on, if the report is a grant's.
        since: The first day counted (``None``: from the beginning).
        until: The last day counted (``None``: everything booked).
        granted: The amount granted (the grant's, else every grant of the project).
        grants_received: Grant income booked in the period.
        other_income: Other income of the project (invoices …) booked in the period.
        salaries: Salaries with their employer contributions.
        expenses: Other operating costs.
        other_costs: Financial and other items.
    """

    project: Project
    grant: Grant | None
    since: date | None
    until: date | None
    granted: Decimal
    grants_received: Decimal
    other_income: Decimal
    salaries: Decimal
    expenses: Decimal
    other_costs: Decimal

    @property
    def income(self) -> Decimal:
        """Grants received and other income."""
        return (self.grants_received + self.other_income).quantize(ORE)

    @property
    def costs(self) -> Decimal:
        """Salaries, expenses and other costs."""
        return (self.salaries + self.expenses + self.other_costs).quantize(ORE)

    @property
    def remaining(self) -> Decimal:
        """Income less costs: the funds left."""
        return (self.income - self.costs).quantize(ORE)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON values (amounts as strings with two decimals)."""
        budget = self.project.budget
        grant = None
        if self.grant is not None:
            grant = {
                "number": self.grant.number,
                "grantor": self.grant.grantor,
                "grantor_orgnr": self.grant.grantor_orgnr,
                "decision": self.grant.decision,
                "decided_on": self.grant.decided_on.isoformat(),
                "amount": str(self.grant.amount),
                "report_due": self.grant.report_due.isoformat() if self.grant.report_due else None,
            }
        return {
            "project": {"number": self.project.number, "name": self.project.name},
            "grant": grant,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "granted": str(self.granted),
            "income": {
                "grants": str(self.grants_received),
                "other": str(self.other_income),
                "total": str(self.income),
            },
            "costs": {
                "salaries": str(self.salaries),
                "expenses": str(self.expenses),
                "other": str(self.other_costs),
                "total": str(self.costs),
            },
            "budget": {
                "salaries": str(budget.salaries),
                "expenses": str(budget.expenses),
                "other": str(budget.other),
                "total": str(budget.total),
            },
            "remaining": str(self.remaining),
        }


def _amount(value: object, field: str = "amount") -> Decimal:
    amount = to_decimal(value, field)
    if amount != amount.quantize(ORE):
        raise InputError(field, "an amount has at most two decimals (whole öre)")
    if amount <= 0:
        raise InputError(field, "must be more than zero")
    return amount.quantize(ORE)


class ProjectService(Service):
    """Projects, their grants, budget moved to members, and the grantor's report."""

    # -- projects ----------------------------------------------------------------------

    def create(
        self,
        actor: Actor,
        *,
        name: str,
        owners: Sequence[Ref],
        start: date,
        end: date,
        budget: Budget | Mapping[str, Any] | None = None,
        rules: Sequence[Mapping[str, Any]] = (),
        status: ProjectStatus | str = ProjectStatus.PLANNED,
        description: str | None = None,
    ) -> Project:
        """Create a project (board, treasurer or admin).

        Args:
            actor: Who creates it.
            name: Its name.
            owners: The members who own it (numbers or ids; at least one).
            start: The first day of its period.
            end: The last day of its period.
            budget: ``salaries``, ``expenses``, ``other`` (kronor as strings).
            rules: Who may receive salary budget: ``{"member": number, "limit": "45000"}``.
            status: ``planned`` (default) or ``active``.
            description: What it is.

        Raises:
            PermissionDenied: Not a board member, treasurer or admin.
            InputError: A field that is wrong (named), an unknown member.
        """
        actor.require_manager("create projects")

        def work(uow: UnitOfWork) -> Project:
            project = build(
                Project,
                {
                    "number": uow.projects.next_number(),
                    "name": name,
                    "owner_ids": self._members(uow, owners, "owners"),
                    "start": start,
                    "end": end,
                    "budget": budget if budget is not None else Budget(),
                    "status": status,
                    "rules": self._rules(uow, rules),
                    "description": description,
                },
            )
            uow.projects.add(project)
            self._record(uow, actor, "project.add", None, project)
            return project

        return self._transaction(work)

    def update(
        self,
        actor: Actor,
        project: Ref,
        *,
        name: str | None = None,
        owners: Sequence[Ref] | None = None,
        end: date | None = None,
        budget: Budget | Mapping[str, Any] | None = None,
        rules: Sequence[Mapping[str, Any]] | None = None,
        status: ProjectStatus | str | None = None,
        description: str | None = None,
    ) -> Project:
        """Change a project (board, treasurer or admin); what is not given stays.

        Raises:
            PermissionDenied: Not a board member, treasurer or admin.
            InputError: A field that is wrong (named).
            ConflictError: The project is closed.
            NotFoundError: No such project.
        """
        actor.require_manager("change projects")

        def work(uow: UnitOfWork) -> Project:
            before = self._open(uow, project)
            changes: dict[str, Any] = {}
            if name is not None:
                changes["name"] = name
            if owners is not None:
                changes["owner_ids"] = self._members(uow, owners, "owners")
            if end is not None:
                changes["end"] = end
            if budget is not None:
                changes["budget"] = budget
            if rules is not None:
                changes["rules"] = self._rules(uow, rules)
            if status is not None:
                changes["status"] = status
            if description is not None:
                changes["description"] = description
            data = before.model_dump()
            data.update(changes)
            after = build(Project, data)
            uow.projects.update(after)
            self._record(uow, actor, "project.update", before, after)
            return after

        return self._transaction(work)

    def close(self, actor: Actor, project: Ref) -> Project:
        """Close a project (board, treasurer or admin): no grant, receipt or move after.

        Raises:
            ConflictError: It is closed already.
        """
        actor.require_manager("close projects")

        def work(uow: UnitOfWork) -> Project:
            before = self._open(uow, project)
            after = before.evolve(status=ProjectStatus.CLOSED)
            uow.projects.update(after)
            self._record(uow, actor, "project.close", before, after)
            return after

        return self._transaction(work)

    def get(self, actor: Actor, project: Ref) -> Project:
        """The project (officers and auditors: any; a member: one they own).

        Raises:
            PermissionDenied: A member who does not own it.
            NotFoundError: No such project.
        """
        with self._read() as uow:
            found: Project = resolve(uow.projects, "project", project)
        self._require_sight(actor, found)
        return found

    def list(
        self, actor: Actor, *, status: ProjectStatus | str | None = None
    ) -> builtins.list[Project]:
        """The projects (of ``status``); a member gets only those they own."""
        self._require_reader(actor)
        with self._read() as uow:
            if actor.can_read_all:
                found = uow.projects.with_status(status) if status else uow.projects.list()
            elif actor.member_id is not None:
                found = uow.projects.of_owner(actor.member_id)
                if status:
                    found = [p for p in found if p.status == ProjectStatus(status)]
            else:  # pragma: no cover - _require_reader refuses
                found = []
        return found

    # -- grants ------------------------------------------------------------------------

    def add_grant(
        self,
        actor: Actor,
        project: Ref,
        *,
        grantor: str,
        decision: str,
        decided_on: date,
        amount: object,
        start: date,
        end: date,
        grantor_orgnr: str | None = None,
        conditions: str | None = None,
        report_due: date | None = None,
        **other: Any,
    ) -> Grant:
        """Record a grant decided for a project (board, treasurer or admin).

        A grant carries no VAT and is not invoiced: a VAT field (``vat``, ``vat_rate`` …)
        is refused, as is any other unknown field.

        Raises:
            InputError: A field that is wrong (named), a VAT field, a wrong orgnr.
            ConflictError: The project is closed.
        """
        actor.require_manager("add grants")
        orgnr = None
        if grantor_orgnr:
            orgnr = self._coop.country.validate_organisation_id(grantor_orgnr, "grantor_orgnr")

        def work(uow: UnitOfWork) -> Grant:
            found = self._open(uow, project)
            grant = build(
                Grant,
                {
                    **other,
                    "number": uow.grants.next_number(),
                    "project_id": found.id,
                    "grantor": grantor,
                    "grantor_orgnr": orgnr,
                    "decision": decision,
                    "decided_on": decided_on,
                    "amount": amount,
                    "start": start,
                    "end": end,
                    "conditions": conditions,
                    "report_due": report_due,
                },
            )
            uow.grants.add(grant)
            self._record(uow, actor, "grant.add", None, grant)
            return grant

        return self._transaction(work)

    def grants(self, actor: Actor, project: Ref) -> builtins.list[Grant]:
        """The project's grants (who may see the project may see them)."""
        with self._read() as uow:
            found: Project = resolve(uow.projects, "project", project)
            self._require_sight(actor, found)
            return uow.grants.of_project(found.id)

    def receive(self, actor: Actor, grant: Ref, amount: object, *, on: date) -> Voucher:
        """Register money received on a grant, and book it (treasurer or admin).

        One transaction: the voucher (series ``[ledger] payments``: bank debited, the
        grant income account credited, both lines carrying the project) and the receipt
        on the grant, which names the voucher.

        Raises:
            PermissionDenied: Not a treasurer or admin.
            InputError: An amount that is not positive whole öre, or more than is still
                to be received; a date in a closed period.
            ConflictError: The project is closed.
        """
        self._require_booker(actor, "register grant receipts")
        money = _amount(amount)
        bank = self._role("bank")
        income = self._role("grants")

        def work(uow: UnitOfWork) -> Voucher:
            before: Grant = resolve(uow.grants, "grant", grant)
            project = self._open(uow, before.project_id)
            if money > before.outstanding:
                raise InputError(
                    "amount",
                    "{amount} is more than is still to be received on grant {grant} "
                    "({outstanding})",
                    amount=money,
                    grant=before.number,
                    outstanding=before.outstanding,
                )
            draft = VoucherDraft(
                series=self._coop.config.ledger.payments,
                date=on,
                text=f"Bidrag {before.grantor} {before.decision}"[:200],
                document=DocumentRef(kind="grant", key=str(before.number)),
                lines=(
                    VoucherLine(account=bank, amount=money, project_id=project.id),
                    VoucherLine(account=income, amount=-money, project_id=project.id),
                ),
            )
            voucher = self._coop.ledger._book(uow, actor, draft, "voucher.book")
            receipt = GrantReceipt(date=on, amount=money, voucher=voucher.label)
            after = before.evolve(receipts=(*before.receipts, receipt))
            uow.grants.update(after)
            self._record(uow, actor, "grant.receive", before, after)
            return voucher

        return self._transaction(work)

    # -- moving budget -----------------------------------------------------------------

    def move_to_member(
        self, actor: Actor, project: Ref, member: Ref, amount: object, *, on: date
    ) -> Voucher:
        """Move salary budget from the project to a member's account.

        An owner of the project or an officer (board, treasurer, admin) may; the member
        must be named by one of the project's rules. Books, in series ``[ledger] manual``,
        the salaries account debited and the member's sub-ledger of the member account
        credited, both lines carrying the project and the member.

        Raises:
            PermissionDenied: Neither an owner nor an officer.
            InputError: The member has no rule; the amount is not positive whole öre, or
                more than the rule's limit left, the salary budget left or the project's
                remaining funds (each named with its figure). Nothing is written.
            ConflictError: The project is not active.
        """
        money = _amount(amount)
        salaries = self._role("salaries")
        members = self._role("member_accounts")

        def work(uow: UnitOfWork) -> Voucher:
            found = self._open(uow, project)
            if not (actor.can_manage or actor.member_id in found.owner_ids):
                raise PermissionDenied(
                    "{actor} may not move budget of project {project} (its owners and "
                    "officers only)",
                    actor=actor.name,
                    project=found.number,
                )
            if found.status != ProjectStatus.ACTIVE:
                raise ConflictError(
                    "project {project} is {status}: budget is moved from an active project",
                    project=found.number,
                    status=found.status.value,
                )
            receiver = resolve(uow.members, "member", member)
            rule = found.rule_for(receiver.id)
            if rule is None:
                raise InputError(
                    "member",
                    "member {member} may not receive budget from project {project}: no rule "
                    "names them",
                    member=receiver.number,
                    project=found.number,
                )
            sums = uow.vouchers.balances_by_project(found.id)
            moved = -uow.vouchers.balances_by_project(found.id, member_id=receiver.id).get(
                members, ZERO_ORE
            )
            report = self._figures(found, sums)
            checks = (
                (rule.limit - moved, "the limit left for member {member}"),
                (found.budget.salaries - report["salaries"], "the salary budget left"),
                (report["income"] - report["costs"], "the project's remaining funds"),
            )
            for left, what in checks:
                if money > left:
                    raise InputError(
                        "amount",
                        "{amount} is more than {what} ({left})",
                        amount=money,
                        what=Phrase(what, member=receiver.number),
                        left=left.quantize(ORE),
                    )
            draft = VoucherDraft(
                series=self._coop.config.ledger.manual,
                date=on,
                text=f"Projekt {found.number}: lönebudget till medlem {receiver.number}",
                document=DocumentRef(kind="project", key=str(found.number)),
                lines=(
                    VoucherLine(
                        account=salaries,
                        amount=money,
                        member_id=receiver.id,
                        project_id=found.id,
                    ),
                    VoucherLine(
                        account=members,
                        amount=-money,
                        member_id=receiver.id,
                        project_id=found.id,
                    ),
                ),
            )
            voucher = self._coop.ledger._book(uow, actor, draft, "project.move")
            return voucher

        return self._transaction(work)

    # -- the report --------------------------------------------------------------------

    def report(
        self,
        actor: Actor,
        project: Ref,
        period: str | Period | None = None,
        *,
        grant: Ref | None = None,
    ) -> ProjectReport:
        """The financial report of the project (or of one of its grants) for ``period``
        (a month or a year; default: the grant's period if a grant is named, else
        everything), computed from the ledger.

        Raises:
            PermissionDenied: A member who does not own the project.
            NotFoundError: No such project or grant.
            InputError: A grant of another project; a period that is not one.
        """
        chosen = period if isinstance(period, Period) or period is None else parse_period(period)
        with self._read() as uow:
            found: Project = resolve(uow.projects, "project", project)
            self._require_sight(actor, found)
            chosen_grant: Grant | None = None
            if grant is not None:
                chosen_grant = resolve(uow.grants, "grant", grant)
                if chosen_grant.project_id != found.id:
                    raise InputError(
                        "grant",
                        "grant {grant} does not fund project {project}",
                        grant=chosen_grant.number,
                        project=found.number,
                    )
            since = chosen.start if chosen else None
            until = chosen.end if chosen else None
            if chosen is None and chosen_grant is not None:
                since, until = chosen_grant.start, chosen_grant.end
            sums = uow.vouchers.balances_by_project(found.id, since=since, until=until)
            every = [chosen_grant] if chosen_grant else uow.grants.of_project(found.id)
        figures = self._figures(found, sums)
        granted = sum((g.amount for g in every), ZERO_ORE).quantize(ORE)
        return ProjectReport(
            found,
            chosen_grant,
            since,
            until,
            granted,
            figures["grants"],
            figures["income"] - figures["grants"],
            figures["salaries"],
            figures["expenses"],
            figures["other"],
        )

    def report_pdf(
        self,
        actor: Actor,
        project: Ref,
        period: str | Period | None = None,
        *,
        grant: Ref | None = None,
        lang: str | None = None,
    ) -> bytes:
        """:meth:`report` as a PDF in ``lang`` (default: the cooperative's language), with
        the employer's letterhead and a line to sign."""
        from kooperativ.documents._pdf import Letterhead
        from kooperativ.documents.project_report import project_report_pdf

        found = self.report(actor, project, period, grant=grant)
        identity = self._coop.config.employer
        language = lang or self._coop.config.language
        letterhead = Letterhead(name=identity.name, orgnr=identity.orgnr)
        return project_report_pdf(found, letterhead=letterhead, lang=language)

    # -- helpers -----------------------------------------------------------------------

    def _figures(self, project: Project, sums: Mapping[int, Decimal]) -> dict[str, Decimal]:
        """The project's sums by account sorted into income and costs (positive)."""
        country = self._coop.country
        accounts = self._coop.config.accounts
        grants = accounts.get("grants")
        salary_accounts = {accounts[r] for r in _SALARY_ROLES if r in accounts}
        found = dict.fromkeys(("grants", "income", "salaries", "expenses", "other"), ZERO_ORE)
        for account, total in sums.items():
            kind = country.account_class(account)
            if account == grants:
                found["grants"] -= total
                found["income"] -= total
            elif kind == "income":
                found["income"] -= total
            elif account in salary_accounts:
                found["salaries"] += total
            elif kind == "cost":
                found["expenses"] += total
            elif kind == "financial":
                found["other"] += total
        found["costs"] = found["salaries"] + found["expenses"] + found["other"]
        return {key: value.quantize(ORE) for key, value in found.items()}

    def _role(self, role: str) -> int:
        number = self._coop.config.accounts.get(role)
        if number is None:
            raise ConfigError(
                "cooperative.toml",
                f"accounts.{role}",
                "the chart of accounts has no account for {role}",
                role=role,
            )
        return number

    @staticmethod
    def _require_booker(actor: Actor, what: str) -> None:
        if not actor.roles & _BOOKERS:
            raise PermissionDenied(
                "{actor} may not {what} (treasurer or admin only)",
                actor=actor.name,
                what=Term(what),
            )

    @staticmethod
    def _require_sight(actor: Actor, project: Project) -> None:
        if actor.can_read_all:
            return
        if actor.member_id is not None and actor.member_id in project.owner_ids:
            return
        raise PermissionDenied("{actor} may only see the projects they own", actor=actor.name)

    @staticmethod
    def _open(uow: UnitOfWork, project: Ref) -> Project:
        found: Project = resolve(uow.projects, "project", project)
        if found.status == ProjectStatus.CLOSED:
            raise ConflictError("project {project} is closed", project=found.number)
        return found

    @staticmethod
    def _members(uow: UnitOfWork, refs: Sequence[Ref], field: str) -> builtins.list[Any]:
        found = []
        for ref in refs:
            try:
                found.append(resolve(uow.members, "member", ref).id)
            except NotFoundError:
                raise InputError(field, "no member {member}", member=str(ref)) from None
        return found

    def _rules(self, uow: UnitOfWork, rules: Sequence[Mapping[str, Any]]) -> builtins.list[Any]:
        found = []
        for index, rule in enumerate(rules, start=1):
            data = dict(rule)
            if "member" in data:
                (data["member_id"],) = self._members(uow, [data.pop("member")], "rules")
            try:
                found.append(MoveRule.model_validate(data))
            except ValueError:
                raise InputError(
                    "rules",
                    "rule {rule}: give a member and a limit of more than zero (whole öre)",
                    rule=index,
                ) from None
        return found

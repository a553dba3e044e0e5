# SPDX-License-Identifier: EUPL-1.2
"""The API developers import: a cooperative opened from its folder.

Examples:
    ```python
    from kooperativ import Actor, Cooperative

    with Cooperative.open("my-coop") as coop:
        member = coop.members.add(
            Actor.admin(), first_name="Ada", last_name="Lind", person_id="19850312-9804"
        )
    ```

Each service call checks the actor's permission, runs the domain logic, writes the records
and one audit event in a single transaction, and returns frozen records. On any error
nothing is written.

Two ways in:

* :meth:`Cooperative.open` — a cooperative *folder* (``cooperative.toml``, ``bylaws.toml``,
  ``parameters/``), the database named by the argument, the environment or the file. It
  runs the database migrations unless told not to (``upgrade=False``).
* :meth:`Cooperative.from_config` — for a system that keeps the configuration elsewhere
  (its own database, a web form): pass the validated configuration and an open store, and
  optionally the bylaws, the parameters and a folder. It never migrates: the embedding
  system calls :meth:`Store.upgrade <kooperativ.storage.base.Store.upgrade>` when it
  chooses to.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kooperativ.config import CONFIG_FILE, CooperativeConfig, load_config
from kooperativ.errors import ConfigError, KooperativError
from kooperativ.examples import copy_example, examples, examples_root
from kooperativ.rules.country import CountryRules, get_country
from kooperativ.rules.parameters import ParameterSet, with_overrides
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, resolve
from kooperativ.services.absence import AbsenceService
from kooperativ.services.access import AccessService
from kooperativ.services.assignments import AssignmentService
from kooperativ.services.audit import AuditService
from kooperativ.services.certificates import CertificateService
from kooperativ.services.clients import ClientService
from kooperativ.services.contracts import ContractService
from kooperativ.services.employment import EmploymentService
from kooperativ.services.expenses import ExpenseService
from kooperativ.services.governance import GovernanceService
from kooperativ.services.invoices import InvoiceService
from kooperativ.services.ledger import LedgerService
from kooperativ.services.members import MemberService
from kooperativ.services.payments import PaymentService
from kooperativ.services.payroll import PayrollService
from kooperativ.services.payroll_runs import PayrollRunService
from kooperativ.services.privacy import PrivacyService
from kooperativ.services.projects import ProjectService
from kooperativ.services.salary_requests import SalaryRequestService
from kooperativ.services.statements import StatementService
from kooperativ.services.travel import TravelService
from kooperativ.storage import open_store
from kooperativ.storage.base import Store

if TYPE_CHECKING:
    from kooperativ.governance.bylaws import Bylaws

__all__ = ["Cooperative", "Problem", "examples", "examples_root"]

DATABASE_ENV = "KOOPERATIV_DATABASE_URL"
DEFAULT_DATABASE = "kooperativ.db"


class Cooperative:
    """A cooperative: its configuration, country rules, records and services.

    Use :meth:`open` (a folder) or :meth:`from_config` (configuration kept elsewhere).
    Every service method takes the acting :class:`~kooperativ.security.Actor` first.

    Attributes:
        folder: The cooperative's folder, or ``None`` for one made with
            :meth:`from_config` without a folder.
        config: The validated ``cooperative.toml``.
        country: The country's rules (identifiers, VAT, parameters …).
        parameters: The country's dated parameters with the cooperative's overrides.
        store: Where the records are kept.
        members: The member register
            (:class:`~kooperativ.services.members.MemberService`).
        clients: Clients (:class:`~kooperativ.services.clients.ClientService`).
        assignments: Members' assignments
            (:class:`~kooperativ.services.assignments.AssignmentService`).
        contracts: Employment contracts and their signatures
            (:class:`~kooperativ.services.contracts.ContractService`).
        employment: Employment time and LAS limits
            (:class:`~kooperativ.services.employment.EmploymentService`).
        payroll: The salary calculator on the cooperative's policy
            (:class:`~kooperativ.services.payroll.PayrollService`).
        payroll_runs: Payroll runs, payslips, AGI and pain.001 files
            (:class:`~kooperativ.services.payroll_runs.PayrollRunService`).
        salary_requests: Members' salary requests
            (:class:`~kooperativ.services.salary_requests.SalaryRequestService`).
        expenses: Expenses paid from members' accounts
            (:class:`~kooperativ.services.expenses.ExpenseService`).
        travel: Travel claims: per diem and mileage
            (:class:`~kooperativ.services.travel.TravelService`).
        absence: Absence and sick pay
            (:class:`~kooperativ.services.absence.AbsenceService`).
        certificates: Employer's certificates (arbetsgivarintyg)
            (:class:`~kooperativ.services.certificates.CertificateService`).
        invoices: Invoices and credit notes, PDF and Peppol
            (:class:`~kooperativ.services.invoices.InvoiceService`).
        payments: Payments on invoices, bank files, reminders
            (:class:`~kooperativ.services.payments.PaymentService`).
        ledger: The ledger, members' accounts and SIE 4
            (:class:`~kooperativ.services.ledger.LedgerService`).
        statements: Transparency statements
            (:class:`~kooperativ.services.statements.StatementService`).
        projects: Projects and grants
            (:class:`~kooperativ.services.projects.ProjectService`).
        governance: Bylaws, meetings, votes and minutes
            (:class:`~kooperativ.services.governance.GovernanceService`).
        audit: The hash-chained audit trail
            (:class:`~kooperativ.services.audit.AuditService`).
        privacy: Personal data: export, retention and minimising
            (:class:`~kooperativ.services.privacy.PrivacyService`).
        access: Signing in to the web app: passwords, one-time links, sessions
            (:class:`~kooperativ.services.access.AccessService`).
    """

    def __init__(
        self,
        folder: Path | None,
        config: CooperativeConfig,
        country: CountryRules,
        parameters: ParameterSet,
        store: Store,
        clock: Callable[[], datetime] | None = None,
        bylaws: Bylaws | None = None,
    ) -> None:
        self.folder = folder
        self.config = config
        self.country = country
        self.parameters = parameters
        self.store = store
        self._clock = clock or (lambda: datetime.now(UTC))
        self.members = MemberService(self)
        self.clients = ClientService(self)
        self.assignments = AssignmentService(self)
        self.contracts = ContractService(self)
        self.employment = EmploymentService(self)
        self.governance = GovernanceService(self)
        self.audit = AuditService(self)
        self.payroll = PayrollService(self)
        self.privacy = PrivacyService(self)
        self.invoices = InvoiceService(self)
        self.ledger = LedgerService(self)
        self.statements = StatementService(self)
        self.expenses = ExpenseService(self)
        self.absence = AbsenceService(self)
        self.salary_requests = SalaryRequestService(self)
        self.payroll_runs = PayrollRunService(self)
        self.payments = PaymentService(self)
        self.projects = ProjectService(self)
        self.certificates = CertificateService(self)
        self.travel = TravelService(self)
        self.access = AccessService(self)
        if bylaws is not None:
            self.governance._bylaws = bylaws

    @classmethod
    def open(
        cls,
        folder: Path | str,
        database_url: str | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        upgrade: bool = True,
    ) -> Cooperative:
        """Open the cooperative in ``folder``.

        Whether the database is migrated is the ``upgrade`` argument, and nothing else:
        with ``upgrade=True`` (the default, what the command line does) the schema is
        brought up to date first — a new database is created, an older one migrated, an
        up-to-date one left alone. With ``upgrade=False`` the database is used as it is;
        run ``kooperativ db upgrade`` (or :meth:`Store.upgrade
        <kooperativ.storage.base.Store.upgrade>`) when you decide to.

        Args:
            folder: The cooperative's folder (with ``cooperative.toml``).
            database_url: Where the records are; default: ``KOOPERATIV_DATABASE_URL``, then
                ``[storage] url`` in the file, then ``sqlite:///FOLDER/kooperativ.db``.
            clock: Returns the current time for audit events (tests pass a fixed one).
            upgrade: Run the database migrations before opening (see above).

        Raises:
            ConfigError: ``cooperative.toml`` is missing or wrong (file, key, reason).
            StorageError: The database cannot be reached.
        """
        root = Path(folder)
        config = load_config(root)
        country = get_country(config.country)
        parameters = with_overrides(country.parameters(), root)
        url = (
            database_url
            or os.environ.get(DATABASE_ENV)
            or config.storage.url
            or f"sqlite:///{(root / DEFAULT_DATABASE).resolve()}"
        )
        store = open_store(url)
        if upgrade:
            try:
                store.upgrade()
            except BaseException:
                store.close()
                raise
        return cls(root, config, country, parameters, store, clock)

    @classmethod
    def from_config(
        cls,
        config: CooperativeConfig,
        store: Store,
        *,
        parameters: ParameterSet | None = None,
        bylaws: Bylaws | None = None,
        folder: Path | str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> Cooperative:
        """A cooperative whose configuration is kept outside a folder.

        For a system that stores the configuration itself (a database, a web form):
        validate it with :func:`kooperativ.config.parse_config` (or build a
        :class:`~kooperativ.config.CooperativeConfig`), open a store with
        :func:`kooperativ.storage.open_store`, and pass both. Nothing is read from disk
        unless ``folder`` is given, and the store is used as it is: **no migration runs**
        (call ``store.upgrade()`` yourself when you decide to).

        Args:
            config: The cooperative's configuration.
            store: An open store; :meth:`close` closes it.
            parameters: The country's parameters with the cooperative's overrides;
                default: the country's own (``country.parameters()``).
            bylaws: The bylaws; default: ``bylaws.toml`` in ``folder``. Without both, the
                governance service has no bylaws: ``check`` warns that no meeting can be
                held, and meeting calls raise :class:`~kooperativ.errors.ConfigError`.
            folder: A folder for the files a cooperative may name (bylaws, tax-table
                files); default: none.
            clock: Returns the current time for audit events.

        Raises:
            ConfigError: The configuration names a country that is not installed.
        """
        country = get_country(config.country)
        return cls(
            None if folder is None else Path(folder),
            config,
            country,
            parameters if parameters is not None else country.parameters(),
            store,
            clock,
            bylaws,
        )

    def require_folder(self, what: str) -> Path:
        """The cooperative's folder, or a :class:`ConfigError` saying ``what`` needs one."""
        if self.folder is None:
            raise ConfigError(
                "cooperative",
                "",
                "{what} needs a cooperative folder (this cooperative was made without one)",
                what=what,
            )
        return self.folder

    @staticmethod
    def init(folder: Path | str, from_example: str = "interim_kultur") -> Path:
        """Create a cooperative folder by copying a bundled example.

        ``from_example`` is the *name* of an example shipped with kooperativ (see
        :func:`kooperativ.examples.examples`), never a path: ``../..`` or ``/etc`` are
        refused, so the copy cannot reach outside the bundled examples.

        Raises:
            InputError: The example is unknown (field ``from``), or ``folder`` exists and
                is not empty (field ``folder``).
        """
        return copy_example(folder, from_example)

    def now(self) -> datetime:
        """The current time from the cooperative's clock."""
        return self._clock()

    def actor_for_member(self, ref: Ref) -> Actor:
        """An :class:`Actor` for a registered member, with the roles the register gives."""
        with self.store.unit_of_work() as uow:
            member = resolve(uow.members, "member", ref)
        return Actor.for_member(member.id, member.name, member.roles)

    def mask_person_id(self, person_id: str) -> str:
        """``person_id`` masked the country's way (``19850312-****`` in Sweden)."""
        return self.country.mask_person_id(person_id)

    def mask_bank_account(self, account: str) -> str:
        """``account`` masked the country's way (``5001-*****63`` in Sweden)."""
        return self.country.mask_bank_account(account)

    def validate_tax_mode(self, text: str, field: str = "tax") -> str:
        """``text`` as a tax mode of the country, normalised.

        Raises:
            InputError: If the country knows no such tax mode.
        """
        return self.country.validate_tax_mode(text, field)

    def check(self, on: date | None = None) -> list[Problem]:
        """Run every validator and return all problems found (empty: all well)."""
        day = on or self.now().date()
        problems: list[Problem] = []
        if self.config.example_values:
            problems.append(
                Problem.of(
                    "warning",
                    (CONFIG_FILE, ""),
                    "still holds the example's values (example_values = true): "
                    "change identity, fee and bylaws before real use",
                    code="config.example_values",
                )
            )
        for name in sorted(self.parameters):
            parameter = self.parameters[name]
            try:
                parameter.value_on(day)
            except KooperativError:
                if (
                    parameter.values[-1].valid_to is not None
                    or parameter.values[0].valid_from > day
                ):
                    continue  # a parameter for a limited period (e.g. a temporary rate)
                problems.append(
                    Problem.of(
                        "error",
                        ("parameter", name),
                        "no value on {day}",
                        day=day,
                        code="parameter.missing",
                    )
                )
        for service in self.services():
            problems.extend(service.check(day))
        return problems

    def services(self) -> list[Service]:
        """Every service, in the order their checks run."""
        return [
            self.members,
            self.clients,
            self.assignments,
            self.contracts,
            self.payroll,
            self.payroll_runs,
            self.employment,
            self.governance,
            self.invoices,
            self.audit,
        ]

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()

    def __enter__(self) -> Cooperative:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

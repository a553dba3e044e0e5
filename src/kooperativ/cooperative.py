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
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from kooperativ.config import CONFIG_FILE, CooperativeConfig, load_config
from kooperativ.errors import (
    InputError,
    KooperativError,
)
from kooperativ.rules.country import CountryRules, get_country
from kooperativ.rules.parameters import ParameterSet, with_overrides
from kooperativ.security import Actor
from kooperativ.services._base import Problem, Ref, Service, resolve
from kooperativ.services.assignments import AssignmentService
from kooperativ.services.audit import AuditService
from kooperativ.services.clients import ClientService
from kooperativ.services.contracts import ContractService
from kooperativ.services.employment import EmploymentService
from kooperativ.services.governance import GovernanceService
from kooperativ.services.members import MemberService
from kooperativ.services.payroll import PayrollService
from kooperativ.services.privacy import PrivacyService
from kooperativ.storage import open_store
from kooperativ.storage.base import Store

__all__ = ["Cooperative", "Problem", "examples_root"]

DATABASE_ENV = "KOOPERATIV_DATABASE_URL"
DEFAULT_DATABASE = "kooperativ.db"


def examples_root() -> Path:
    """The folder holding the bundled example cooperatives."""
    installed = Path(__file__).parent / "_examples"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "examples"


class Cooperative:
    """A cooperative: its configuration, country rules, records and services.

    Use :meth:`open`; the services are ``members``, ``clients``, ``assignments``,
    ``contracts`` and ``audit``.
    """

    def __init__(
        self,
        folder: Path,
        config: CooperativeConfig,
        country: CountryRules,
        parameters: ParameterSet,
        store: Store,
        clock: Callable[[], datetime] | None = None,
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

        Args:
            folder: The cooperative's folder (with ``cooperative.toml``).
            database_url: Where the records are; default: ``KOOPERATIV_DATABASE_URL``, then
                ``[storage] url`` in the file, then ``sqlite:///FOLDER/kooperativ.db``.
            clock: Returns the current time for audit events (tests pass a fixed one).
            upgrade: Run the database migrations (on by default).

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
            store.upgrade()
        return cls(root, config, country, parameters, store, clock)

    @staticmethod
    def init(folder: Path | str, from_example: str = "interim_kultur") -> Path:
        """Create a cooperative folder by copying a bundled example.

        Raises:
            InputError: The example is unknown, or ``folder`` exists and is not empty.
        """
        target = Path(folder)
        source = examples_root() / from_example
        if not (source / CONFIG_FILE).is_file():
            known = sorted(p.name for p in examples_root().iterdir() if p.is_dir())
            raise InputError("from", f"no example {from_example!r} (known: {', '.join(known)})")
        if target.exists() and any(target.iterdir()):
            raise InputError("folder", f"{target} exists and is not empty")
        shutil.copytree(
            source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__")
        )
        return target

    def now(self) -> datetime:
        """The current time from the cooperative's clock."""
        return self._clock()

    def actor_for_member(self, ref: Ref) -> Actor:
        """An :class:`Actor` for a registered member, with the roles the register gives."""
        with self.store.unit_of_work() as uow:
            member = resolve(uow.members, "member", ref)
        return Actor.for_member(member.id, member.name, member.roles)

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
                    Problem.of("error", ("parameter", name), "no value on {day}", day=day)
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
            self.employment,
            self.governance,
            self.audit,
        ]

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()

    def __enter__(self) -> Cooperative:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

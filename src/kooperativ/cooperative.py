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
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeVar
from uuid import UUID

from pydantic import ValidationError as PydanticValidationError

from kooperativ._model import Record
from kooperativ.assignments.models import Assignment, AssignmentStatus
from kooperativ.audit import GENESIS, AuditEvent, chain_hash, verify_chain
from kooperativ.clients.models import Client
from kooperativ.config import CONFIG_FILE, CooperativeConfig, load_config
from kooperativ.employment.models import EmploymentContract, EmploymentType
from kooperativ.errors import (
    ConflictError,
    InputError,
    KooperativError,
    NotFoundError,
    PermissionDenied,
    ValidationFailed,
)
from kooperativ.members.models import Address, Member, MemberStatus, Role, TaxSettings
from kooperativ.money import to_decimal
from kooperativ.rules.country import CountryRules, get_country
from kooperativ.rules.parameters import ParameterSet
from kooperativ.security import Actor
from kooperativ.storage import open_store
from kooperativ.storage.base import ENTITY_KINDS, Repository, Store, UnitOfWork

__all__ = [
    "AssignmentService",
    "AuditService",
    "ClientService",
    "ContractService",
    "Cooperative",
    "MemberService",
    "Problem",
    "examples_root",
]

R = TypeVar("R", bound=Record)
Ref = int | str | UUID
DATABASE_ENV = "KOOPERATIV_DATABASE_URL"
DEFAULT_DATABASE = "kooperativ.db"


def examples_root() -> Path:
    """The folder holding the bundled example cooperatives."""
    installed = Path(__file__).parent / "_examples"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "examples"


def _build(cls: type[R], data: Mapping[str, Any]) -> R:
    """Validate ``data`` as ``cls``, turning pydantic errors into :class:`ValidationFailed`."""
    try:
        return cls.model_validate(dict(data))
    except PydanticValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or cls.__name__.lower()
            problems.append((field, str(err["msg"]).removeprefix("Value error, ")))
        raise ValidationFailed(problems) from None


def _ref_kind(ref: Ref) -> tuple[Literal["number", "id"], int | UUID]:
    if isinstance(ref, UUID):
        return "id", ref
    if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
        return "number", int(ref)
    try:
        return "id", UUID(str(ref))
    except ValueError:
        raise InputError("reference", f"{ref!r} is neither a number nor an id") from None


def _resolve(repo: Repository[R], kind: str, ref: Ref) -> R:
    _, key = _ref_kind(ref)
    found = repo.by_number(key) if isinstance(key, int) else repo.find(key)
    if found is None:
        raise NotFoundError(kind, str(ref))
    return found


@dataclass(frozen=True)
class Problem:
    """One finding of :meth:`Cooperative.check`."""

    severity: Literal["error", "warning"]
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.where}: {self.message}"


class _Service:
    def __init__(self, coop: Cooperative) -> None:
        self._coop = coop

    @contextmanager
    def _uow(self) -> Iterator[UnitOfWork]:
        with self._coop.store.unit_of_work() as uow:
            yield uow

    def _record(
        self,
        uow: UnitOfWork,
        actor: Actor,
        action: str,
        before: Record | None,
        after: Record,
    ) -> None:
        """Append the audit event of a change, inside the change's transaction."""
        entity = next(k for k, cls in ENTITY_KINDS.items() if isinstance(after, cls))
        last = uow.audit.last()
        event = AuditEvent(
            seq=(last.seq + 1) if last else 1,
            at=self._coop.now(),
            actor=actor.name,
            action=action,
            entity=entity,
            entity_id=str(getattr(after, "id")),  # noqa: B009 - every record has an id
            before_hash=before.content_hash() if before else None,
            after_hash=after.content_hash(),
            prev_hash=last.hash if last else GENESIS,
        )
        uow.audit.append(event.model_copy(update={"hash": chain_hash(event)}))


class MemberService(_Service):
    """The member register (*medlemsregister*)."""

    def add(
        self,
        actor: Actor,
        *,
        first_name: str,
        last_name: str,
        person_id: str,
        email: str | None = None,
        phone: str | None = None,
        address: Address | Mapping[str, str] | None = None,
        bank_account: str | None = None,
        tax_mode: str | None = None,
        status: MemberStatus | str = MemberStatus.APPLICANT,
        applied_on: date | None = None,
        joined_on: date | None = None,
        roles: frozenset[Role] | None = None,
        number: int | None = None,
    ) -> Member:
        """Register a person as applicant or member.

        Raises:
            InputError: A wrong personnummer, bank account or other field (named).
            ConflictError: The member number or the personnummer is already registered.
            PermissionDenied: The actor is not board, treasurer or admin.
        """
        actor.require_manager("add members")
        country = self._coop.country
        pid = country.validate_person_id(person_id, "person_id")
        account = None
        if bank_account:
            validate = getattr(country, "validate_bank_account", None)
            account = validate(bank_account, "bank_account") if validate else bank_account
        status = MemberStatus(status) if isinstance(status, str) else status
        if status is MemberStatus.MEMBER and joined_on is None:
            raise InputError("joined_on", "a member needs the date they joined")
        if tax_mode is not None:
            self._coop.validate_tax_mode(tax_mode)
        with self._uow() as uow:
            for other in uow.members.list():
                if other.person_id == pid:
                    raise ConflictError(f"person_id: already registered as member {other.number}")
            if number is not None and uow.members.by_number(number) is not None:
                raise ConflictError(f"number: member number {number} is already taken")
            data: dict[str, Any] = {
                "number": number if number is not None else uow.members.next_number(),
                "first_name": first_name,
                "last_name": last_name,
                "person_id": pid,
                "birth_date": country.birth_date(pid),
                "email": email,
                "phone": phone,
                "address": address,
                "bank_account": account,
                "status": status,
                "applied_on": applied_on,
                "joined_on": joined_on,
                "roles": (roles or frozenset()) | {Role.MEMBER},
            }
            if tax_mode is not None:
                data["tax"] = TaxSettings(mode=tax_mode)
            member = _build(Member, data)
            uow.members.add(member)
            self._record(uow, actor, "member.add", None, member)
        return member

    def get(self, actor: Actor, ref: Ref) -> Member:
        """A member by number or id (a member may only see themself)."""
        with self._uow() as uow:
            member = _resolve(uow.members, "member", ref)
        actor.require_access(member.id, "member record")
        return member

    def list(self, actor: Actor, status: MemberStatus | str | None = None) -> list[Member]:
        """Members ordered by number; a member without a role sees only themself."""
        wanted = MemberStatus(status) if isinstance(status, str) else status
        with self._uow() as uow:
            members = uow.members.list()
        return [
            m
            for m in members
            if (actor.can_read_all or m.id == actor.member_id)
            and (wanted is None or m.status is wanted)
        ]

    def _change(self, actor: Actor, ref: Ref, action: str, **changes: Any) -> Member:
        with self._uow() as uow:
            before = _resolve(uow.members, "member", ref)
            after = before.evolve(**changes) if changes else before
            uow.members.update(after)
            self._record(uow, actor, action, before, after)
        return after

    def admit(self, actor: Actor, ref: Ref, on: date) -> Member:
        """Admit an applicant as member from ``on`` (a board decision)."""
        actor.require_manager("admit members")
        member = self.get(actor, ref)
        if member.status is not MemberStatus.APPLICANT:
            raise ConflictError(f"member {member.number} is {member.status.value}, not applicant")
        return self._change(actor, ref, "member.admit", status=MemberStatus.MEMBER, joined_on=on)

    def resign(self, actor: Actor, ref: Ref, on: date) -> Member:
        """Record a resignation (*utträde*) from ``on``; the member or a manager may do it."""
        member = self.get(actor, ref)
        if not (actor.can_manage or actor.member_id == member.id):
            raise PermissionDenied(f"{actor.name} may not resign another member")
        if member.status in (MemberStatus.RESIGNED, MemberStatus.EXCLUDED):
            raise ConflictError(f"member {member.number} has already left ({member.left_on})")
        if member.joined_on and on < member.joined_on:
            raise InputError("on", f"{on} is before the member joined ({member.joined_on})")
        return self._change(actor, ref, "member.resign", status=MemberStatus.RESIGNED, left_on=on)

    def set_roles(self, actor: Actor, ref: Ref, roles: frozenset[Role]) -> Member:
        """Set the roles a member holds (board, treasurer …)."""
        actor.require_manager("change roles")
        return self._change(actor, ref, "member.roles", roles=roles | {Role.MEMBER})


class ClientService(_Service):
    """The client register (*kundregister*)."""

    def add(
        self,
        actor: Actor,
        *,
        name: str,
        orgnr: str | None = None,
        person_id: str | None = None,
        vat_number: str | None = None,
        address: Address | Mapping[str, str] | None = None,
        email: str | None = None,
        peppol_id: str | None = None,
        public_sector: bool = False,
        reference: str | None = None,
        number: int | None = None,
    ) -> Client:
        """Register a client. Members may register clients for their own assignments.

        Raises:
            InputError: A wrong orgnr, VAT number or Peppol id (named).
            ConflictError: The orgnr or number is already registered.
        """
        country = self._coop.country
        if orgnr:
            orgnr = country.validate_organisation_id(orgnr, "orgnr")
        if person_id:
            person_id = country.validate_person_id(person_id, "person_id")
        if vat_number:
            vat_number = country.validate_vat_number(vat_number, "vat_number")
        if public_sector and not peppol_id:
            raise InputError("peppol_id", "a public-sector client is invoiced through Peppol")
        with self._uow() as uow:
            for other in uow.clients.list():
                if orgnr and other.orgnr == orgnr:
                    raise ConflictError(f"orgnr: already registered as client {other.number}")
            if number is not None and uow.clients.by_number(number) is not None:
                raise ConflictError(f"number: client number {number} is already taken")
            client = _build(
                Client,
                {
                    "number": number if number is not None else uow.clients.next_number(),
                    "name": name,
                    "orgnr": orgnr,
                    "person_id": person_id,
                    "vat_number": vat_number,
                    "address": address,
                    "email": email,
                    "peppol_id": peppol_id,
                    "public_sector": public_sector,
                    "reference": reference,
                },
            )
            uow.clients.add(client)
            self._record(uow, actor, "client.add", None, client)
        return client

    def get(self, actor: Actor, ref: Ref) -> Client:
        """A client by number or id."""
        with self._uow() as uow:
            return _resolve(uow.clients, "client", ref)

    def list(self, actor: Actor) -> list[Client]:
        """All clients ordered by number."""
        with self._uow() as uow:
            return uow.clients.list()


class AssignmentService(_Service):
    """Assignments (*uppdrag*) members bring."""

    def add(
        self,
        actor: Actor,
        *,
        member: Ref,
        client: Ref,
        description: str,
        start: date,
        end: date,
        agreed_amount: Decimal | str | None = None,
        hourly_rate: Decimal | str | None = None,
        hours: Decimal | str | None = None,
        vat_category: str = "standard",
        status: AssignmentStatus | str = AssignmentStatus.ACTIVE,
        number: int | None = None,
    ) -> Assignment:
        """Register an assignment. A member may register their own.

        Raises:
            InputError: Negative amount, end before start, unknown VAT category (named).
            NotFoundError: Unknown member or client.
        """
        amounts = {
            name: None if value is None else to_decimal(value, name)
            for name, value in (
                ("agreed_amount", agreed_amount),
                ("hourly_rate", hourly_rate),
                ("hours", hours),
            )
        }
        for name, value in amounts.items():
            if value is not None and value < 0:
                raise InputError(name, f"must not be negative (got {value})")
        if end < start:
            raise InputError("end", f"{end} is before the start {start}")
        categories = getattr(self._coop.country, "vat_categories", None)
        if categories is not None and vat_category not in categories():
            raise InputError(
                "vat_category", f"{vat_category!r} is unknown (known: {', '.join(categories())})"
            )
        with self._uow() as uow:
            owner = _resolve(uow.members, "member", member)
            if not (actor.can_manage or actor.member_id == owner.id):
                raise PermissionDenied(f"{actor.name} may only add their own assignments")
            if owner.status not in (MemberStatus.MEMBER, MemberStatus.APPLICANT):
                raise InputError("member", f"member {owner.number} is {owner.status.value}")
            buyer = _resolve(uow.clients, "client", client)
            if number is not None and uow.assignments.by_number(number) is not None:
                raise ConflictError(f"number: assignment number {number} is already taken")
            assignment = _build(
                Assignment,
                {
                    "number": number if number is not None else uow.assignments.next_number(),
                    "member_id": owner.id,
                    "client_id": buyer.id,
                    "description": description,
                    "start": start,
                    "end": end,
                    **amounts,
                    "vat_category": vat_category,
                    "currency": self._coop.country.currency,
                    "status": status,
                },
            )
            uow.assignments.add(assignment)
            self._record(uow, actor, "assignment.add", None, assignment)
        return assignment

    def get(self, actor: Actor, ref: Ref) -> Assignment:
        """An assignment by number or id (a member sees only their own)."""
        with self._uow() as uow:
            assignment = _resolve(uow.assignments, "assignment", ref)
        actor.require_access(assignment.member_id, "assignments")
        return assignment

    def list(self, actor: Actor, member: Ref | None = None) -> list[Assignment]:
        """Assignments ordered by number, optionally of one member."""
        with self._uow() as uow:
            owner = _resolve(uow.members, "member", member) if member is not None else None
            found = uow.assignments.list()
        return [
            a
            for a in found
            if (actor.can_read_all or a.member_id == actor.member_id)
            and (owner is None or a.member_id == owner.id)
        ]


class ContractService(_Service):
    """Employment contracts (*anställningsavtal*)."""

    def create(
        self,
        actor: Actor,
        *,
        assignment: Ref,
        made_on: date,
        type: EmploymentType | str | None = None,
        place_of_work: str | None = None,
        tasks: str | None = None,
        pay_terms: str | None = None,
        scope: str | None = None,
        number: int | None = None,
    ) -> EmploymentContract:
        """Create the employment contract for an assignment (dates follow the assignment).

        Raises:
            ConflictError: The assignment already has a contract overlapping its period.
            PermissionDenied: The actor is not board, treasurer or admin.
        """
        actor.require_manager("create employment contracts")
        config = self._coop.config.employment
        kind = EmploymentType(type or config.default_type)
        with self._uow() as uow:
            job = _resolve(uow.assignments, "assignment", assignment)
            for other in uow.contracts.list():
                if (
                    job.id in other.assignment_ids
                    and (other.end is None or other.end >= job.start)
                    and other.start <= job.end
                ):
                    raise ConflictError(
                        f"assignment: assignment {job.number} already has contract "
                        f"{other.number} for {other.start}–{other.end}"
                    )
            if number is not None and uow.contracts.by_number(number) is not None:
                raise ConflictError(f"number: contract number {number} is already taken")
            fee = self._coop.config.fees.rate * 100
            contract = _build(
                EmploymentContract,
                {
                    "number": number if number is not None else uow.contracts.next_number(),
                    "member_id": job.member_id,
                    "assignment_ids": (job.id,),
                    "type": kind,
                    "start": job.start,
                    "end": None if kind is EmploymentType.PERMANENT else job.end,
                    "scope": scope or "Enligt uppdragets omfattning",
                    "place_of_work": place_of_work or config.place_of_work,
                    "tasks": tasks or job.description,
                    "pay_terms": pay_terms
                    or (
                        "Lön enligt uppdragets budget: fakturerat belopp exkl. moms minus "
                        f"kooperativets avgift ({fee.normalize()} %), arbetsgivaravgifter och "
                        "semesterersättning"
                    ),
                    "collective_agreement": config.collective_agreement,
                    "made_on": made_on,
                },
            )
            uow.contracts.add(contract)
            self._record(uow, actor, "contract.create", None, contract)
        return contract

    def get(self, actor: Actor, ref: Ref) -> EmploymentContract:
        """A contract by number or id (a member sees only their own)."""
        with self._uow() as uow:
            contract = _resolve(uow.contracts, "contract", ref)
        actor.require_access(contract.member_id, "contracts")
        return contract

    def list(self, actor: Actor) -> list[EmploymentContract]:
        """Contracts ordered by number (a member sees only their own)."""
        with self._uow() as uow:
            found = uow.contracts.list()
        return [c for c in found if actor.can_read_all or c.member_id == actor.member_id]


class AuditService(_Service):
    """The hash-chained audit trail."""

    def events(self, actor: Actor) -> list[AuditEvent]:
        """Every audit event in order (board, treasurer, admin or auditor only)."""
        if not actor.can_read_all:
            raise PermissionDenied(f"{actor.name} may not read the audit trail")
        with self._uow() as uow:
            return list(uow.audit.events())

    def verify(self) -> list[str]:
        """Every problem in the chain and in the records behind it (empty: intact)."""
        with self._uow() as uow:
            events = list(uow.audit.events())
            current: dict[tuple[str, str], str | None] = {}
            for kind in ENTITY_KINDS:
                for record in uow.repository(kind).list():
                    current[(kind, str(getattr(record, "id")))] = record.content_hash()  # noqa: B009
        return verify_chain(events, current)


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
        self.audit = AuditService(self)

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
        parameters = country.parameters()
        overrides = root / "parameters"
        if overrides.is_dir() and any(overrides.rglob("*.toml")):
            parameters = parameters.overlay(ParameterSet.load(overrides))
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
            member = _resolve(uow.members, "member", ref)
        return Actor.for_member(member.id, member.name, member.roles)

    def validate_tax_mode(self, text: str) -> None:
        """Raise :class:`InputError` if ``text`` is not a tax mode the country knows."""
        try:
            from kooperativ.countries.se.tax import parse_tax_mode
        except ImportError:  # pragma: no cover - the tax module ships with Sweden
            return
        if self.country.code == "SE":
            parse_tax_mode(text)

    def check(self, on: date | None = None) -> list[Problem]:
        """Run every validator and return all problems found (empty: all well)."""
        day = on or self.now().date()
        problems: list[Problem] = []
        if self.config.example_values:
            problems.append(
                Problem(
                    "warning",
                    CONFIG_FILE,
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
                problems.append(Problem("error", f"parameter {name}", f"no value on {day}"))
        admin = Actor.admin("check")
        members = {m.id: m for m in self.members.list(admin)}
        seen: dict[str, int] = {}
        for member in members.values():
            if member.person_id in seen:
                problems.append(
                    Problem(
                        "error",
                        f"member {member.number}",
                        f"same personnummer as member {seen[member.person_id]}",
                    )
                )
            seen[member.person_id] = member.number
            if member.status is MemberStatus.MEMBER and not member.bank_account:
                problems.append(
                    Problem("warning", f"member {member.number}", "no bank account for salary")
                )
        contracts = self.contracts.list(admin)
        covered = {aid for c in contracts for aid in c.assignment_ids}
        for assignment in self.assignments.list(admin):
            where = f"assignment {assignment.number}"
            owner = members.get(assignment.member_id)
            if owner is None:
                problems.append(Problem("error", where, "its member is not in the register"))
            elif owner.status in (MemberStatus.RESIGNED, MemberStatus.EXCLUDED) and (
                owner.left_on is not None and assignment.end >= owner.left_on
            ):
                problems.append(
                    Problem("warning", where, f"runs past member {owner.number}'s leaving date")
                )
            if assignment.status is AssignmentStatus.ACTIVE and assignment.id not in covered:
                problems.append(Problem("error", where, "no employment contract"))
        for contract in contracts:
            if not contract.signed and contract.end is not None and contract.end >= day:
                problems.append(
                    Problem("warning", f"contract {contract.number}", "not signed by both parties")
                )
        problems.extend(Problem("error", "audit", text) for text in self.audit.verify())
        return problems

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()

    def __enter__(self) -> Cooperative:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

# SPDX-License-Identifier: EUPL-1.2
"""The demo cooperative: Interim kultur's example filled with fictional people.

``kooperativ demo`` and a program build the same thing::

    from kooperativ import demo

    with demo.create("kooperativ-demo") as coop:
        report = demo.report(coop, on=date(2026, 11, 27))
        for assignment, salary in report.salaries:
            print(assignment.number, salary.payout)

:func:`create` copies the bundled example into a folder (replacing a folder it made
before, never another one), opens it on SQLite and registers the members, fees, clients,
assignments and contracts of the example's ``demo.toml`` (:func:`load_demo`).
:func:`report` gathers what the demo shows: the salary each assignment would pay, the
röstlängd, the problems ``check`` finds and the state of the audit trail.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kooperativ.errors import ConfigError, InputError, os_reason
from kooperativ.examples import DEMO_FILE, examples_root
from kooperativ.members.models import Role
from kooperativ.security import Actor

if TYPE_CHECKING:
    from kooperativ.assignments.models import Assignment
    from kooperativ.cooperative import Cooperative
    from kooperativ.governance.register import Roll
    from kooperativ.payroll import SalaryResult
    from kooperativ.problems import Problem

__all__ = ["DEMO_FILE", "MARKER", "DemoCounts", "DemoReport", "create", "load_demo", "report"]

#: The file that marks a folder as made by :func:`create` (and so safe to replace).
MARKER = ".kooperativ-demo"
#: The example the demo is built from.
EXAMPLE = "interim_kultur"


@dataclass(frozen=True)
class DemoCounts:
    """How many records of each kind the demo registered."""

    members: int
    fees: int
    clients: int
    assignments: int
    contracts: int


@dataclass(frozen=True)
class DemoReport:
    """What the demo cooperative holds, for printing.

    Attributes:
        salaries: Each assignment with the salary it would pay (:meth:`PayrollService.preview
            <kooperativ.services.payroll.PayrollService.preview>`).
        roll: The röstlängd on the day asked for.
        problems: What :meth:`Cooperative.check <kooperativ.cooperative.Cooperative.check>`
            finds.
        audit_problems: What the audit verification finds (empty: intact).
        events: The number of audit events.
    """

    salaries: list[tuple[Assignment, SalaryResult]]
    roll: Roll
    problems: list[Problem]
    audit_problems: list[str]
    events: int


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(
            str(path), "", "cannot read demo data: {reason}", reason=os_reason(error)
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), "", "not valid TOML: {reason}", reason=error) from None


def load_demo(coop: Cooperative, path: Path | None = None) -> DemoCounts:
    """Register the demo members, fees, clients, assignments and contracts of ``path``.

    Args:
        coop: An open cooperative (normally an empty one).
        path: The demo data; default ``demo.toml`` of the bundled example.

    Raises:
        ConfigError: The file cannot be read or is not TOML.
        InputError: A record in it is wrong (named field), as for any registration.
    """
    if path is None:
        path = examples_root() / EXAMPLE / DEMO_FILE
    data = _read(path)
    admin = Actor.admin("demo")
    for item in data.get("members", []):
        fields = dict(item)
        fields["roles"] = frozenset(Role(r) for r in fields.get("roles", []))
        fields.setdefault("status", "member")
        coop.members.add(admin, **fields)
    for item in data.get("clients", []):
        coop.clients.add(admin, **item)
    for item in data.get("fees", []):
        coop.governance.pay_fee(admin, **item)
    contracts = 0
    for item in data.get("assignments", []):
        fields = dict(item)
        signed = fields.pop("signed", False)
        assignment = coop.assignments.add(admin, **fields)
        contract = coop.contracts.create(
            admin, assignment=assignment.number, made_on=assignment.start
        )
        contracts += 1
        if signed:
            at = datetime.combine(contract.made_on, time(9, 0), tzinfo=UTC)
            employee = coop.actor_for_member(int(fields["member"]))
            coop.contracts.sign(employee, contract.number, "employee", at)
            coop.contracts.sign_for_employer(admin, contract.number, at)
    return DemoCounts(
        members=len(data.get("members", [])),
        fees=len(data.get("fees", [])),
        clients=len(data.get("clients", [])),
        assignments=len(data.get("assignments", [])),
        contracts=contracts,
    )


def create(
    folder: Path | str,
    *,
    clock: Callable[[], datetime] | None = None,
) -> Cooperative:
    """Create the demo cooperative in ``folder`` on SQLite and return it, open.

    A folder made by an earlier call (it holds the :data:`MARKER` file) is replaced; any
    other existing folder is refused. Close the returned cooperative (or use ``with``).

    Raises:
        InputError: ``folder`` exists and was not made by :func:`create` (field ``dir``).
    """
    from kooperativ.cooperative import Cooperative

    target = Path(folder)
    if target.exists():
        if not (target / MARKER).exists():
            raise InputError(
                "dir",
                "{folder} exists and is not a demo folder; choose another --dir",
                folder=str(target),
            )
        shutil.rmtree(target)
    Cooperative.init(target, EXAMPLE)
    (target / MARKER).write_text("created by `kooperativ demo`; safe to delete\n")
    url = f"sqlite:///{(target / 'kooperativ.db').resolve()}"
    coop = Cooperative.open(target, url, clock=clock, upgrade=True)
    try:
        load_demo(coop, target / DEMO_FILE)
    except BaseException:
        coop.close()
        raise
    return coop


def report(coop: Cooperative, on: date) -> DemoReport:
    """What the demo shows: salaries per assignment, the röstlängd on ``on``, the checks."""
    actor = Actor.admin()
    salaries = [
        (assignment, coop.payroll.preview(actor, assignment.number))
        for assignment in coop.assignments.list(actor)
    ]
    return DemoReport(
        salaries=salaries,
        roll=coop.governance.roll(actor, on),
        problems=coop.check(on),
        audit_problems=[str(problem) for problem in coop.audit.verify(actor).problems],
        events=len(coop.audit.events(actor)),
    )

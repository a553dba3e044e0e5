# SPDX-License-Identifier: EUPL-1.2
"""Personal data (*personuppgifter*): access, portability, retention and pseudonymisation.

A member may ask for everything the cooperative holds about them (GDPR art. 15, right of
access) in a form a program can read (art. 20, portability): :meth:`PrivacyService.export`
gathers their register entry, assignments, contracts with signatures, hours, membership
fees, their part of the meetings and the audit events about their records into one
versioned :class:`PersonalData` document, with how long each record is kept and why; the
same document renders as a readable PDF (:mod:`kooperativ.documents.personal_data`).

Personal data are kept no longer than their purposes need (art. 5(1)(e)), unless a law
requires keeping a record (art. 17(3)(b)). For a former member that means two steps, each
allowed from a date computed from their records and the country's dated retention
parameters (``retention.*``; for Sweden ``countries/se/parameters/retention.toml``):

1. **minimise** — once membership has ended and every dealing is settled (the last
   salary paid and declared), the contact data (e-mail, phone, address, bank account) go;
2. **pseudonymise** — once no record that must still be kept (accounting records for
   seven years under bokföringslagen, meeting records with their names) names the person,
   their name, personnummer and birth day are replaced by a pseudonym, in the member record
   and in every stored copy (contract signatures, hours reports, meeting records …). The
   records themselves stay, under the pseudonym: employment history (LAS, the employer's
   certificate), fees, decisions.

Every change is an ordinary audited update (``member.minimise``, ``member.pseudonymise``,
``contract.pseudonymise`` …) with before and after hashes, so ``audit verify`` stays clean;
the audit trail itself is append-only and is not rewritten (see ``docs/privacy.md``).
:meth:`PrivacyService.due` lists what may be done on a day, and why.

Examples:
    ```python
    from datetime import date
    from kooperativ import Actor, Cooperative

    with Cooperative.open("my-coop") as coop:
        data = coop.privacy.export(Actor.admin(), 3)      # member 3's data
        text = data.to_json()                             # the portable document
        for item in coop.privacy.due(Actor.admin(), date(2034, 1, 1)):
            print(item.subject, item.number, item.action, item.allowed_from)
    ```
"""

from __future__ import annotations

import builtins
import calendar
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from kooperativ._model import Record
from kooperativ.absence.models import Absence
from kooperativ.assignments.models import Assignment, AssignmentStatus
from kooperativ.clients.models import Client
from kooperativ.employment.models import EmploymentContract, HoursReport
from kooperativ.errors import ConflictError, InputError, PermissionDenied, RulesError, Term
from kooperativ.expenses.models import Expense
from kooperativ.expenses.salary_requests import SalaryRequest
from kooperativ.governance.meeting import Mandate, Meeting, Reservation
from kooperativ.governance.register import MembershipFee, Registrant, RollEntry
from kooperativ.members.models import Address, Member, MemberStatus, Role, TaxSettings
from kooperativ.payroll.runs import Payslip
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, resolve
from kooperativ.storage.base import UnitOfWork
from kooperativ.storage.query import Eq, Mentions
from kooperativ.travel.claims import TravelClaim

__all__ = [
    "LEFT_TEXTS",
    "PSEUDONYM_PREFIX",
    "REASON_TEXTS",
    "RECORD_WORDS",
    "SCHEMA_NAME",
    "SCHEMA_VERSION",
    "AssignmentEntry",
    "AuditEntry",
    "Candidacy",
    "Controller",
    "DueItem",
    "Hold",
    "LeftAsItWas",
    "MeetingPart",
    "OwnVote",
    "PersonalData",
    "PrivacyService",
    "ProposedAmendment",
    "ProposedMotion",
    "Pseudonymised",
    "RecordRef",
    "RetentionPlan",
    "RetentionTooEarly",
    "is_pseudonym",
]

#: The name of the export document's format (its ``schema`` field).
SCHEMA_NAME: Literal["kooperativ.personal-data"] = "kooperativ.personal-data"
#: The version of the export format; raised when a field changes meaning or goes away.
SCHEMA_VERSION = 1
#: How a pseudonymised personnummer begins (never a valid identity number).
PSEUDONYM_PREFIX = "PSEUDONYM-"

#: Roles that may handle another person's request or change their data for privacy.
_CONTROLLERS = frozenset({Role.BOARD, Role.ADMIN})

#: English texts of the reasons a record is kept (message ids of the ``privacy`` catalog).
REASON_TEXTS: dict[str, str] = {
    "member": "still a member",
    "running": "employment still running",
    "unconfirmed": "hours not yet confirmed",
    "dealings": "final salary paid and declared",
    "bookkeeping": "accounting record",
    "minutes": "meeting record",
    "client": "invoicing of the client's assignments",
}

#: The words a record kind is shown with (message ids of the ``privacy`` catalog).
RECORD_WORDS: dict[str, str] = {
    "member": "member record",
    "contract": "contract",
    "hours": "hours report",
    "assignment": "assignment",
    "membership_fee": "membership fee",
    "meeting": "meeting",
    "client": "client record",
}

#: Where each reason comes from (shown with the reason).
_REFERENCES: dict[str, str] = {
    "member": "GDPR art. 6(1)(b); stadgar",
    "running": "GDPR art. 6(1)(b)",
    "unconfirmed": "GDPR art. 6(1)(b)",
    "dealings": "IMY (föreningar och GDPR); retention.settlement_months",
    "bookkeeping": "Bokföringslag (1999:1078) 7 kap. 2 §",
    "minutes": "Bokföringslag (1999:1078) 7 kap. 2 § (beslutsprotokoll); retention.minutes_years",
    "client": "Bokföringslag (1999:1078) 7 kap. 2 §",
}

_CONTACT_FIELDS = ("email", "phone", "address", "bank_account")
_WORD = r"(?<![\w@.-]){}(?![\w@-])"


def is_pseudonym(person_id: str | None) -> bool:
    """True if ``person_id`` is a pseudonym written by :meth:`PrivacyService.pseudonymise`."""
    return bool(person_id) and str(person_id).startswith(PSEUDONYM_PREFIX)


def _month_end(day: date, months_after: int = 0) -> date:
    """The last day of the month ``months_after`` months after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months_after
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def _year_end(year: int) -> date:
    return date(year, 12, 31)


# --- the retention model -------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Hold(_Model):
    """A record that keeps a person's data, and until when.

    Attributes:
        record: The record kind (``member``, ``contract``, ``hours``, ``assignment``,
            ``membership_fee``, ``meeting``, ``client``).
        number: The record's number.
        until: The last day it must be kept as it is; ``None`` while it lasts (a running
            employment, unconfirmed hours, a current membership).
        reason: Why: a key of :data:`REASON_TEXTS`.
        reference: The rule it follows.
    """

    record: str
    number: int
    until: date | None
    reason: str
    reference: str = ""

    @property
    def allowed_from(self) -> date | None:
        """The first day the data it holds may go (``None``: not yet known)."""
        return None if self.until is None else self.until + timedelta(days=1)

    @property
    def text(self) -> str:
        """The reason in English (translate :data:`REASON_TEXTS` for other languages)."""
        return REASON_TEXTS.get(self.reason, self.reason)


def _latest(holds: Iterable[Hold]) -> Hold | None:
    """The hold that lasts longest (an open one first), or ``None`` for no holds."""
    chosen: Hold | None = None
    for hold in holds:
        if hold.until is None:
            return hold
        if chosen is None or (chosen.until is not None and hold.until > chosen.until):
            chosen = hold
    return chosen


class RetentionPlan(_Model):
    """When a person's data may go, computed from their records.

    Attributes:
        subject: ``member`` or ``client``.
        number: The member or client number.
        dealings: What must be settled before the contact data may go.
        records: The records that must be kept with the person's name or identity.
        minimise_from: First day the contact data may be erased (``None``: not yet known).
        pseudonymise_from: First day the identity may be pseudonymised (``None``: not yet
            known).
        minimised: The contact data are already erased.
        pseudonymised: The identity is already pseudonymised.
    """

    subject: Literal["member", "client"]
    number: int
    dealings: tuple[Hold, ...] = ()
    records: tuple[Hold, ...] = ()
    minimise_from: date | None = None
    pseudonymise_from: date | None = None
    minimised: bool = False
    pseudonymised: bool = False

    @property
    def minimise_blocker(self) -> Hold | None:
        """The hold that decides :attr:`minimise_from`."""
        return _latest(self.dealings)

    @property
    def pseudonymise_blocker(self) -> Hold | None:
        """The hold that decides :attr:`pseudonymise_from`."""
        return _latest((*self.dealings, *self.records))


class RetentionTooEarly(ConflictError):
    """Personal data may not be erased or pseudonymised yet: a record must still be kept.

    Attributes:
        hold: The record that keeps it (its kind, number, until when and why).
    """

    code = "conflict.retention"

    def __init__(self, subject: str, number: int, action: str, hold: Hold) -> None:
        self.hold = hold
        if hold.allowed_from is None:
            template = (
                "{subject} {number} may not be {action} yet: {record} {record_number} is kept "
                "while it lasts ({reason})"
            )
        else:
            template = (
                "{subject} {number} may not be {action} before {allowed}: {record} "
                "{record_number} is kept until {until} ({reason}; {reference})"
            )
        super().__init__(
            template,
            subject=Term(subject),
            number=number,
            action=Term(action),
            record=Term(RECORD_WORDS.get(hold.record, hold.record)),
            record_number=hold.number,
            reason=Term(hold.text),
            reference=hold.reference,
            allowed=hold.allowed_from,
            until=hold.until,
        )


class DueItem(_Model):
    """Something that may be done with a person's data on a day.

    Attributes:
        subject: ``member`` or ``client``.
        number: The member or client number.
        action: ``minimise`` (erase contact data) or ``pseudonymise``.
        allowed_from: The first day it was allowed.
        because: The record whose retention ended last (why this date); ``None`` if no
            record held the data.
        fields: What goes.
    """

    subject: Literal["member", "client"]
    number: int
    action: Literal["minimise", "pseudonymise"]
    allowed_from: date
    because: Hold | None = None
    fields: tuple[str, ...] = ()


#: Why a record was left as it was (message ids of the ``privacy`` catalog).
LEFT_TEXTS: dict[str, str] = {
    "lot": "a lot drawing names the person",
    "shared_name": "another person has the same name",
}


class RecordRef(_Model):
    """A stored record, by kind and number (``contract 2``)."""

    record: str
    number: int

    def __str__(self) -> str:
        return f"{self.record} {self.number}"


class LeftAsItWas(RecordRef):
    """A record that names the person but was not changed, and why.

    Attributes:
        reason: ``lot`` (a lot drawing among tied names includes the person's: another
            name could change the draw when the meeting is verified) or ``shared_name``
            (someone else has the same full name, so a name written as text cannot be
            told apart).
    """

    reason: Literal["lot", "shared_name"]

    @property
    def text(self) -> str:
        """The reason in English (a message id of the ``privacy`` catalog)."""
        return LEFT_TEXTS[self.reason]

    def __str__(self) -> str:
        return f"{self.record} {self.number}: {self.text}"


class Pseudonymised(_Model):
    """What :meth:`PrivacyService.pseudonymise` changed.

    Attributes:
        subject: ``member`` or ``client``.
        number: The member or client number.
        pseudonym: The name that replaces the person's.
        changed: Every record rewritten (member 3, contract 2 …), each with its own audit
            event.
        kept: Records that name the person but were left as they were, with the reason.
    """

    subject: Literal["member", "client"]
    number: int
    pseudonym: str
    changed: tuple[RecordRef, ...] = ()
    kept: tuple[LeftAsItWas, ...] = ()


# --- the export document -----------------------------------------------------------------------


class Controller(_Model):
    """A legal entity responsible for the data (*personuppgiftsansvarig*)."""

    role: Literal["employer", "association"]
    name: str
    orgnr: str
    email: str | None = None
    address: str | None = None


class AssignmentEntry(_Model):
    """An assignment the person carried out, with its client as far as it is theirs to see.

    A private person's name is their own personal data: for a client that is a private
    person only the client number is given.
    """

    assignment: Assignment
    client_number: int
    client_name: str | None = None


class Candidacy(_Model):
    """An election the person stood in."""

    election: int
    office: str
    elected: bool | None = Field(default=None, description="None until counted")


class ProposedMotion(_Model):
    """A motion the person proposed."""

    number: int
    title: str
    outcome: str | None = Field(default=None, description="None until decided")


class ProposedAmendment(_Model):
    """An amendment the person proposed."""

    motion: int
    letter: str
    text: str


class OwnVote(_Model):
    """A vote of the person in an open ballot (a secret ballot keeps no such link)."""

    item: str = Field(description="'motion 2 poll 1' or 'election 1'")
    choice: tuple[str, ...]
    by_proxy: bool = False


class MeetingPart(_Model):
    """The person's part of one meeting record.

    Attributes:
        number: The meeting's number.
        kind: ``annual``, ``extra``, ``board`` or ``digital``.
        title: Its title.
        held_on: The meeting date.
        registered_as: Their entry in the meeting's register snapshot.
        roll: Their line of the röstlängd (vote or not, and why not).
        present: Whether they were recorded as present.
        proxies_given: Mandates they gave (they are the principal).
        proxies_held: Mandates they held (they are the proxy).
        requested_meeting: They were among those who demanded the (extra) meeting.
        offices: The meeting offices they held (``chair``, ``secretary``, ``adjuster``).
        motions_proposed: Motions they proposed.
        amendments_proposed: Amendments they proposed.
        candidacies: Elections they stood in.
        secret_ballot_requested: Elections in which they asked for a secret ballot.
        open_votes: Their votes in open ballots.
        secret_ballots: Polls and elections in which they voted by secret ballot: the
            choice is not recorded with the voter, so nobody can say it.
        reservations: Their reservations against decisions.
    """

    number: int
    kind: str
    title: str = ""
    held_on: date
    registered_as: Registrant | None = None
    roll: RollEntry | None = None
    present: bool = False
    proxies_given: tuple[Mandate, ...] = ()
    proxies_held: tuple[Mandate, ...] = ()
    requested_meeting: bool = False
    offices: tuple[str, ...] = ()
    motions_proposed: tuple[ProposedMotion, ...] = ()
    amendments_proposed: tuple[ProposedAmendment, ...] = ()
    candidacies: tuple[Candidacy, ...] = ()
    secret_ballot_requested: tuple[int, ...] = ()
    open_votes: tuple[OwnVote, ...] = ()
    secret_ballots: tuple[str, ...] = ()
    reservations: tuple[Reservation, ...] = ()


class AuditEntry(_Model):
    """One audit event about the person's records, or made by them.

    Attributes:
        seq: Its sequence number in the trail.
        at: When.
        actor: Who acted, as the trail records it.
        action: What was done (``member.add``, ``contract.sign`` …).
        entity: The kind of record.
        entity_id: The record's id.
        by_subject: The event was made by the person themself.
    """

    seq: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    by_subject: bool = False


class PersonalData(_Model):
    """Everything the cooperative holds about one person (GDPR art. 15 and 20).

    The JSON form (:meth:`to_json`) is the portable, machine-readable copy; its fields are
    documented in ``docs/privacy.md``. ``schema`` and ``schema_version`` say which format
    it is: a program reading it checks them first.

    Attributes:
        schema_name: Always :data:`SCHEMA_NAME` (``schema`` in JSON).
        schema_version: :data:`SCHEMA_VERSION`.
        generated_at: When the document was made.
        controllers: Who is responsible for the data.
        member: The member register entry, in full (nothing masked: it is their own).
        as_client: Client records with their personnummer (if they were a private client).
        assignments: Their assignments.
        contracts: Their employment contracts, with the signatures (who and when).
        hours: Their hours reports.
        absences: Their absences (sick leave, parental and other leave).
        salary_requests: Their salary requests (amount, pay date, who approved them).
        expenses: Their expenses (outlays paid back): description, amounts, receipt.
        travel_claims: Their travel claims (trip, allowances, what was paid).
        payslips: Their payslips of every payroll run, as stored (the snapshot of name,
            personnummer, bank account and tax mode the run used, every line, the trace).
        membership_fees: Their membership fee payments.
        meetings: Their part of each meeting record.
        audit: The audit events about their records and made by them.
        retention: How long each record is kept, and why (art. 15(1)(d)).
        minimise_from: When their contact data may go (``None``: not yet known).
        pseudonymise_from: When their identity may be pseudonymised (``None``: not yet
            known).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_name: Literal["kooperativ.personal-data"] = Field(default=SCHEMA_NAME, alias="schema")
    schema_version: int = SCHEMA_VERSION
    generated_at: datetime
    language: str = "sv"
    controllers: tuple[Controller, ...] = ()
    member: Member
    as_client: tuple[Client, ...] = ()
    assignments: tuple[AssignmentEntry, ...] = ()
    contracts: tuple[EmploymentContract, ...] = ()
    hours: tuple[HoursReport, ...] = ()
    absences: tuple[Absence, ...] = ()
    salary_requests: tuple[SalaryRequest, ...] = ()
    expenses: tuple[Expense, ...] = ()
    travel_claims: tuple[TravelClaim, ...] = ()
    payslips: tuple[Payslip, ...] = ()
    membership_fees: tuple[MembershipFee, ...] = ()
    meetings: tuple[MeetingPart, ...] = ()
    audit: tuple[AuditEntry, ...] = ()
    retention: tuple[Hold, ...] = ()
    minimise_from: date | None = None
    pseudonymise_from: date | None = None

    def to_json(self, indent: int | None = 2) -> str:
        """The document as JSON text (UTF-8, keys in a fixed order)."""
        data = self.model_dump(mode="json", by_alias=True)
        return json.dumps(data, ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> PersonalData:
        """Read a document written by :meth:`to_json` (checks the format and version).

        Raises:
            ValueError: The text is not a personal-data document of a version this
                kooperativ reads.
        """
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("schema") != SCHEMA_NAME:
            raise InputError("document", "not a {schema} document", schema=SCHEMA_NAME)
        if data.get("schema_version") != SCHEMA_VERSION:
            raise InputError(
                "document",
                "{schema} version {version} (this reads {known})",
                schema=SCHEMA_NAME,
                version=data.get("schema_version"),
                known=SCHEMA_VERSION,
            )
        return cls.model_validate(data)


# --- gathering the records -------------------------------------------------------------------


@dataclass
class _Records:
    """Every stored record, read in one unit of work."""

    members: list[Member]
    clients: list[Client]
    assignments: list[Assignment]
    contracts: list[EmploymentContract]
    hours: list[HoursReport]
    fees: list[MembershipFee]
    meetings: list[Meeting]
    by_kind: dict[str, list[Record]] = field(default_factory=dict)

    KINDS: ClassVar[tuple[str, ...]] = (
        "member",
        "client",
        "assignment",
        "contract",
        "hours",
        "membership_fee",
        "meeting",
    )

    @classmethod
    def read(cls, uow: UnitOfWork) -> _Records:
        """Every record of every kind.

        For what needs the whole register: the plan of every former member and client
        (:meth:`PrivacyService.due`), and a pseudonymisation, which must also know every
        name and identity number in use (a pseudonym no one has, a name someone shares).
        """
        return cls._of(
            members=uow.members.list(),
            clients=uow.clients.list(),
            assignments=uow.assignments.list(),
            contracts=uow.contracts.list(),
            hours=uow.hours.list(),
            fees=uow.membership_fees.list(),
            meetings=uow.meetings.list(),
        )

    @classmethod
    def naming(cls, uow: UnitOfWork, member: Member) -> _Records:
        """The records that name ``member``: every record their retention plan looks at.

        A record names the person where their id, name or personnummer (in any of its
        forms) is written in it: their own records hold their id; a signature, who
        reported or confirmed hours, a chair, a candidate or free text hold the name. That
        is a text search no index answers, so the store searches each row's text
        (:class:`~kooperativ.storage.query.Mentions`) and parses only the rows found. A
        client who is the person also brings every assignment for that client (whose
        invoices keep the client record).
        """
        found = Mentions((str(member.id), member.name, *sorted(_person_id_forms(member.person_id))))
        clients = uow.clients.select(found)
        assignments = {a.id: a for a in uow.assignments.select(found)}
        for client in clients:
            assignments.update((a.id, a) for a in uow.assignments.of_client(client.id))
        return cls._of(
            members=uow.members.select(found),
            clients=clients,
            assignments=sorted(assignments.values(), key=lambda a: a.number),
            contracts=uow.contracts.select(found),
            hours=uow.hours.select(found),
            fees=uow.membership_fees.select(found),
            meetings=uow.meetings.select(found),
        )

    @classmethod
    def _of(cls, **lists: Any) -> _Records:
        records = cls(**lists)
        records.by_kind = {
            "member": list(records.members),
            "client": list(records.clients),
            "assignment": list(records.assignments),
            "contract": list(records.contracts),
            "hours": list(records.hours),
            "membership_fee": list(records.fees),
            "meeting": list(records.meetings),
        }
        return records


@dataclass(frozen=True)
class _Rules:
    """The retention parameters in force on a day."""

    bookkeeping_years: int
    settlement_months: int
    minutes_years: int

    def bookkeeping_until(self, day: date) -> date:
        return _year_end(day.year + self.bookkeeping_years)

    def settled_by(self, day: date) -> date:
        return _month_end(day, self.settlement_months)


@dataclass(frozen=True)
class _Identity:
    """How a person is written in stored records, and what replaces it."""

    record_id: UUID
    names: frozenset[str]
    values: Mapping[str, str]  # text found → text that replaces it

    def pattern(self) -> re.Pattern[str] | None:
        keys = sorted((k for k in self.values if k), key=len, reverse=True)
        if not keys:
            return None
        return re.compile("|".join(_WORD.format(re.escape(k)) for k in keys))


def _scrub(value: Any, pattern: re.Pattern[str], values: Mapping[str, str]) -> Any:
    """``value`` (parsed JSON) with every identity text replaced."""
    if isinstance(value, str):
        return pattern.sub(lambda m: values[m.group(0)], value)
    if isinstance(value, list):
        return [_scrub(v, pattern, values) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, pattern, values) for k, v in value.items()}
    return value


def _mentions(value: Any, pattern: re.Pattern[str]) -> bool:
    if isinstance(value, str):
        return pattern.search(value) is not None
    if isinstance(value, list):
        return any(_mentions(v, pattern) for v in value)
    if isinstance(value, dict):
        return any(_mentions(v, pattern) for v in value.values())
    return False


def _tied_names(value: Any) -> set[str]:
    """Every name in a lot drawing (``tied``/``drawn``) inside a meeting's JSON."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("tied", "drawn") and isinstance(item, list):
                found |= {str(v) for v in item}
            else:
                found |= _tied_names(item)
    elif isinstance(value, list):
        for item in value:
            found |= _tied_names(item)
    return found


def _person_id_forms(person_id: str) -> set[str]:
    """The ways a personnummer may be written (``198503129804``, ``19850312-9804`` …)."""
    digits = re.sub(r"\D", "", person_id)
    forms = {person_id}
    if len(digits) == 12:
        forms |= {
            digits,
            digits[2:],
            f"{digits[:8]}-{digits[8:]}",
            f"{digits[2:8]}-{digits[8:]}",
        }
    return {f for f in forms if len(f) >= 8}


def _meeting_names(meeting: Meeting, person: UUID) -> set[str]:
    """The names under which ``person`` appears in ``meeting`` (linked by id)."""
    names: set[str] = set()
    entry = meeting.person(person)
    if entry is not None:
        names.add(entry.name)
    roll = meeting.roll.entry(person)
    if roll is not None:
        names.add(roll.name)
    names |= {r.name for r in meeting.reservations if r.member_id == person}
    names |= {m.proxy_name for m in meeting.mandates if m.proxy_id == person}
    return {n for n in names if n}


_SNAPSHOT_FIELDS = frozenset({"members", "roll", "fees"})


def _takes_part(meeting: Meeting, person: UUID, names: set[str]) -> bool:
    """Whether ``person`` is part of the meeting's decisions, not only of its register copy.

    Someone who had already left when the meeting's register was copied, and appears in
    nothing else (no vote, not present, no proxy, motion, election or reservation), is
    there only as a copy of the member register, which follows the register.
    """
    roll = meeting.roll.entry(person)
    if roll is not None and roll.votes:
        return True
    data = meeting.model_dump(mode="json", exclude=set(_SNAPSHOT_FIELDS))
    identity = _Identity(person, frozenset(names), {n: n for n in names} | {str(person): ""})
    pattern = identity.pattern()
    return pattern is not None and _mentions(data, pattern)


# --- the service ------------------------------------------------------------------------------


class PrivacyService(Service):
    """Access, portability, retention and pseudonymisation of personal data."""

    # -- rules and permissions ----------------------------------------------------------------

    def _rules(self, on: date) -> _Rules:
        values = self._coop.parameters.at(on)
        names = ("bookkeeping_years", "settlement_months", "minutes_years")
        numbers = {n: int(values.decimal(f"retention.{n}")) for n in names}
        return _Rules(**numbers)

    @staticmethod
    def _require_controller(actor: Actor, what: str) -> None:
        if not actor.roles & _CONTROLLERS:
            raise PermissionDenied(
                "{actor} may not {what} (board or administrator only)",
                actor=actor.name,
                what=Term(what),
            )

    # -- retention ----------------------------------------------------------------------------

    @staticmethod
    def _hold(kind: str, number: int, until: date | None, why: str) -> Hold:
        return Hold(record=kind, number=number, until=until, reason=why, reference=_REFERENCES[why])

    def _record_holds(
        self, rules: _Rules, records: _Records, kind: str, record: Record
    ) -> builtins.list[Hold]:
        """How long ``record`` must be kept as it is (none: no rule keeps it)."""
        number = int(getattr(record, "number"))  # noqa: B009 - every record has a number
        if isinstance(record, EmploymentContract):
            if record.last_day is None:
                return [self._hold(kind, number, None, "running")]
            paid = rules.settled_by(record.last_day)
            return [self._hold(kind, number, rules.bookkeeping_until(paid), "bookkeeping")]
        if isinstance(record, HoursReport):
            if not record.confirmed:
                return [self._hold(kind, number, None, "unconfirmed")]
            paid = rules.settled_by(record.month)
            return [self._hold(kind, number, rules.bookkeeping_until(paid), "bookkeeping")]
        if isinstance(record, Assignment):
            if record.status is AssignmentStatus.CANCELLED:
                return []
            paid = rules.settled_by(record.end)
            return [self._hold(kind, number, rules.bookkeeping_until(paid), "bookkeeping")]
        if isinstance(record, MembershipFee):
            until = rules.bookkeeping_until(record.paid_on)
            return [self._hold(kind, number, until, "bookkeeping")]
        if isinstance(record, Meeting):
            until = _year_end(record.held_on.year + rules.minutes_years)
            return [self._hold(kind, number, until, "minutes")]
        if isinstance(record, Client):
            holds = []
            for job in records.assignments:
                if job.client_id == record.id and job.status is not AssignmentStatus.CANCELLED:
                    until = rules.bookkeeping_until(rules.settled_by(job.end))
                    holds.append(self._hold(kind, number, until, "client"))
            return holds
        return []

    def _identity(self, member: Member, pseudonym: Member | None = None) -> _Identity:
        target_name = pseudonym.name if pseudonym else ""
        target_id = pseudonym.person_id if pseudonym else ""
        values: dict[str, str] = {}
        for text in (member.name,):
            values[text] = target_name
        for text in _person_id_forms(member.person_id):
            values[text] = target_id
        return _Identity(member.id, frozenset({member.name}), values)

    def _named_in(
        self, records: _Records, member: Member, identity: _Identity
    ) -> builtins.list[tuple[str, Record, _Identity]]:
        """Every stored record (not the member's own) that holds the person's identity.

        Each comes with the identity as written in that record (a meeting knows the
        person under the name its register copy has).
        """
        found: builtins.list[tuple[str, Record, _Identity]] = []
        for kind in _Records.KINDS:
            for record in records.by_kind[kind]:
                if kind == "member" and getattr(record, "id") == member.id:  # noqa: B009
                    continue
                local = identity
                extra: set[str] = set()
                if isinstance(record, Meeting):
                    extra = _meeting_names(record, member.id)
                elif isinstance(record, EmploymentContract):
                    extra = {s.name for s in record.signatures if s.member_id == member.id}
                if extra - set(identity.values):
                    replacement = identity.values[member.name]
                    local = _Identity(
                        member.id,
                        identity.names | extra,
                        {**identity.values, **{n: replacement for n in extra}},
                    )
                pattern = local.pattern()
                if pattern is not None and _mentions(record.model_dump(mode="json"), pattern):
                    found.append((kind, record, local))
        return found

    def _member_plan(self, records: _Records, member: Member, on: date) -> RetentionPlan:
        rules = self._rules(on)
        dealings: builtins.list[Hold] = []
        kept: builtins.list[Hold] = []
        left = member.left_on
        if member.status not in (MemberStatus.RESIGNED, MemberStatus.EXCLUDED) or left is None:
            dealings.append(self._hold("member", member.number, None, "member"))
        else:
            # left_on is the first day no longer a member.
            last_member_day = left - timedelta(days=1)
            dealings.append(self._hold("member", member.number, last_member_day, "member"))
        own: builtins.list[tuple[str, Record]] = []
        own += [("contract", c) for c in records.contracts if c.member_id == member.id]
        own += [("hours", h) for h in records.hours if h.member_id == member.id]
        own += [("assignment", a) for a in records.assignments if a.member_id == member.id]
        own += [("membership_fee", f) for f in records.fees if f.member_id == member.id]
        for kind, record in own:
            for hold in self._record_holds(rules, records, kind, record):
                kept.append(hold)
            dealing = self._dealing(rules, kind, record)
            if dealing is not None:
                dealings.append(dealing)
        identity = self._identity(member)
        seen = {(h.record, h.number) for h in kept}
        for kind, record, local in self._named_in(records, member, identity):
            number = int(getattr(record, "number"))  # noqa: B009
            if (kind, number) in seen:
                continue
            if isinstance(record, Meeting) and not _takes_part(record, member.id, set(local.names)):
                continue  # only a copy of the register: it follows the register
            kept.extend(self._record_holds(rules, records, kind, record))
        settled = _latest(dealings)
        minimise_from = None if settled is None else settled.allowed_from
        last = _latest((*dealings, *kept))
        pseudonymise_from = None if last is None else last.allowed_from
        return RetentionPlan(
            subject="member",
            number=member.number,
            dealings=tuple(dealings),
            records=tuple(sorted(kept, key=lambda h: (h.record, h.number))),
            minimise_from=minimise_from,
            pseudonymise_from=pseudonymise_from,
            minimised=all(getattr(member, f) is None for f in _CONTACT_FIELDS),
            pseudonymised=is_pseudonym(member.person_id),
        )

    def _dealing(self, rules: _Rules, kind: str, record: Record) -> Hold | None:
        """Until when a record of the person keeps their dealings with the cooperative open."""
        number = int(getattr(record, "number"))  # noqa: B009
        if isinstance(record, EmploymentContract):
            if record.last_day is None:
                return self._hold(kind, number, None, "running")
            return self._hold(kind, number, rules.settled_by(record.last_day), "dealings")
        if isinstance(record, HoursReport):
            if not record.confirmed:
                return self._hold(kind, number, None, "unconfirmed")
            return self._hold(kind, number, rules.settled_by(record.month), "dealings")
        if isinstance(record, Assignment) and record.status is not AssignmentStatus.CANCELLED:
            return self._hold(kind, number, rules.settled_by(record.end), "dealings")
        return None

    def _client_plan(self, records: _Records, client: Client, on: date) -> RetentionPlan:
        rules = self._rules(on)
        kept = self._record_holds(rules, records, "client", client)
        dealings = [
            hold
            for job in records.assignments
            if job.client_id == client.id
            for hold in [self._dealing(rules, "assignment", job)]
            if hold is not None
        ]
        settled = _latest(dealings)
        last = _latest((*dealings, *kept))
        return RetentionPlan(
            subject="client",
            number=client.number,
            dealings=tuple(dealings),
            records=tuple(kept),
            minimise_from=None if settled is None else settled.allowed_from,
            pseudonymise_from=None if last is None else last.allowed_from,
            minimised=client.email is None and client.address is None and client.reference is None,
            pseudonymised=is_pseudonym(client.person_id),
        )

    def retention(self, actor: Actor, member: Ref, on: date | None = None) -> RetentionPlan:
        """When ``member``'s contact data and identity may go, and which records keep them.

        A member may ask about themself; the board or the administrator about anyone.

        Raises:
            PermissionDenied: A member asking about someone else.
            NotFoundError: No such member.
        """
        day = on or self._coop.now().date()
        with self._read() as uow:
            person = resolve(uow.members, "member", member)
            self._require_own_or_controller(actor, person)
            records = _Records.naming(uow, person)
        return self._member_plan(records, person, day)

    def _require_own_or_controller(self, actor: Actor, member: Member) -> None:
        if actor.member_id == member.id or actor.roles & _CONTROLLERS:
            return
        raise PermissionDenied("{actor} may only see their own personal data", actor=actor.name)

    def due(self, actor: Actor, on: date) -> builtins.list[DueItem]:
        """What may be erased or pseudonymised on ``on``, and why (board or admin only).

        Lists former members whose contact data may be erased (``minimise``) or whose
        identity may be pseudonymised (``pseudonymise``), and private-person clients whose
        invoicing records no longer need their identity. Things already done are left out.

        Raises:
            PermissionDenied: The actor is not board or administrator.
            RulesError: The country has no ``retention.*`` parameters in force on ``on``.
        """
        self._require_controller(actor, "plan erasure of personal data")
        with self._read() as uow:
            records = _Records.read(uow)
        found: builtins.list[DueItem] = []
        person_ids = {m.person_id for m in records.members}
        for member in records.members:
            if member.status not in (MemberStatus.RESIGNED, MemberStatus.EXCLUDED):
                continue
            plan = self._member_plan(records, member, on)
            if plan.pseudonymised:
                continue
            if plan.pseudonymise_from is not None and plan.pseudonymise_from <= on:
                found.append(
                    DueItem(
                        subject="member",
                        number=member.number,
                        action="pseudonymise",
                        allowed_from=plan.pseudonymise_from,
                        because=plan.pseudonymise_blocker,
                        fields=(
                            "first_name",
                            "last_name",
                            "person_id",
                            "birth_date",
                            *_CONTACT_FIELDS,
                        ),
                    )
                )
            elif not plan.minimised and plan.minimise_from is not None and plan.minimise_from <= on:
                found.append(
                    DueItem(
                        subject="member",
                        number=member.number,
                        action="minimise",
                        allowed_from=plan.minimise_from,
                        because=plan.minimise_blocker,
                        fields=tuple(f for f in _CONTACT_FIELDS if getattr(member, f) is not None),
                    )
                )
        for client in records.clients:
            if not client.person_id or is_pseudonym(client.person_id):
                continue
            if client.person_id in person_ids:
                continue  # a member's own client record goes with the member
            plan = self._client_plan(records, client, on)
            if not plan.records and not plan.dealings:
                continue  # no assignment: nothing dates it (kept only while needed)
            if plan.pseudonymise_from is not None and plan.pseudonymise_from <= on:
                found.append(
                    DueItem(
                        subject="client",
                        number=client.number,
                        action="pseudonymise",
                        allowed_from=plan.pseudonymise_from,
                        because=plan.pseudonymise_blocker,
                        fields=("name", "person_id", "address", "email", "reference"),
                    )
                )
        return found

    # -- changes --------------------------------------------------------------------------------

    def minimise(self, actor: Actor, member: Ref, on: date) -> Member:
        """Erase a former member's contact data (e-mail, phone, address, bank account).

        Allowed once membership has ended and every dealing is settled; the name and the
        personnummer stay, as the accounting records still need them. Written as an
        ordinary audited change (``member.minimise``).

        Raises:
            PermissionDenied: The actor is not board or administrator.
            RetentionTooEarly: Too early (names the record and the first allowed day).
        """
        self._require_controller(actor, "erase personal data")
        with self._uow() as uow:
            before = resolve(uow.members, "member", member)
            plan = self._member_plan(_Records.naming(uow, before), before, on)
            blocker = plan.minimise_blocker
            if plan.minimise_from is None or plan.minimise_from > on:
                assert blocker is not None  # a missing date always has its blocker
                raise RetentionTooEarly("member", before.number, "minimised", blocker)
            after: Member = before.evolve(**dict.fromkeys(_CONTACT_FIELDS))
            if after != before:
                uow.members.update(after)
                self._record(uow, actor, "member.minimise", before, after)
        return after

    @staticmethod
    def _pseudonym_token(record_id: UUID, taken: set[str]) -> str:
        token = record_id.hex[:8].upper()
        length = 8
        while f"{PSEUDONYM_PREFIX}{token}" in taken and length < 32:
            length += 4
            token = record_id.hex[:length].upper()
        return token

    def pseudonymise(self, actor: Actor, member: Ref, on: date) -> Pseudonymised:
        """Replace a former member's identity by a pseudonym, everywhere it is stored.

        The member record keeps its id, number, status, dates, roles and tax mode; the
        names become ``Pseudonym XXXXXXXX``, the personnummer ``PSEUDONYM-XXXXXXXX``, the
        birth date the first of January of the birth year, and e-mail, phone, address and
        bank account are erased. Every other record that holds the name, personnummer or
        contact data (contract signatures, hours reports, assignments, meeting records,
        a client record of the same person) gets the pseudonym too. Each change is an
        audited update (``member.pseudonymise``, ``contract.pseudonymise`` …) with before
        and after hashes; the audit trail itself is not rewritten.

        Allowed once membership has ended, every dealing is settled and no record that
        must be kept with the person's identity (accounting records, meeting records)
        needs it any more.

        Raises:
            PermissionDenied: The actor is not board or administrator.
            RetentionTooEarly: Too early (names the record and the first allowed day).
            ConflictError: Already pseudonymised.
        """
        self._require_controller(actor, "pseudonymise personal data")
        with self._uow() as uow:
            before = resolve(uow.members, "member", member)
            if is_pseudonym(before.person_id):
                raise ConflictError(
                    "member {number} is already pseudonymised", number=before.number
                )
            records = _Records.read(uow)
            plan = self._member_plan(records, before, on)
            if plan.pseudonymise_from is None or plan.pseudonymise_from > on:
                blocker = plan.pseudonymise_blocker
                assert blocker is not None  # a missing date always has its blocker
                raise RetentionTooEarly("member", before.number, "pseudonymised", blocker)
            taken = {m.person_id for m in records.members} | {
                c.person_id for c in records.clients if c.person_id
            }
            token = self._pseudonym_token(before.id, taken)
            after = before.evolve(
                first_name="Pseudonym",
                last_name=token,
                person_id=f"{PSEUDONYM_PREFIX}{token}",
                birth_date=date(before.birth_date.year, 1, 1),
                tax=TaxSettings(mode=before.tax.mode),
                **dict.fromkeys(_CONTACT_FIELDS),
            )
            identity = self._identity(before, after)
            changed, kept = self._rewrite(uow, actor, records, before, identity)
            uow.members.update(after)
            self._record(uow, actor, "member.pseudonymise", before, after)
        return Pseudonymised(
            subject="member",
            number=after.number,
            pseudonym=after.name,
            changed=(RecordRef(record="member", number=after.number), *changed),
            kept=tuple(kept),
        )

    def _rewrite(
        self,
        uow: UnitOfWork,
        actor: Actor,
        records: _Records,
        person: Member,
        identity: _Identity,
    ) -> tuple[builtins.list[RecordRef], builtins.list[LeftAsItWas]]:
        """Replace the identity in every other stored record; each change audited.

        Copies linked to the person by id (a meeting's register entry and röstlängd line,
        their reservations and mandates, contract signatures) are always replaced. Names
        written as text only (a chair, a candidate, who reported hours) are matched by the
        name itself, which is safe only while nobody else in the register has the same
        name: when someone has, those records are left as they are and reported.
        """
        changed: builtins.list[RecordRef] = []
        kept: builtins.list[LeftAsItWas] = []
        name = identity.values[person.name]
        shared = _shared_name(records, person.name, person.id, person.person_id)
        for kind, record, local in self._named_in(records, person, identity):
            number = getattr(record, "number")  # noqa: B009
            data = record.model_dump(mode="json")
            if isinstance(record, Meeting) and local.names & _tied_names(data):
                # A lot among tied names is re-drawn from the sorted names when the meeting
                # is verified: another name could change the draw.
                kept.append(LeftAsItWas(record=kind, number=number, reason="lot"))
                continue
            after = _linked(record, person.id, name)
            pattern = local.pattern()
            if pattern is not None and _mentions(after.model_dump(mode="json"), pattern):
                if shared:
                    kept.append(LeftAsItWas(record=kind, number=number, reason="shared_name"))
                else:
                    data = after.model_dump(mode="json")
                    if isinstance(record, Client) and record.person_id in local.values:
                        data = self._client_data(data, record, name)
                    after = type(record).model_validate(_scrub(data, pattern, local.values))
            if after == record:
                continue
            uow.repository(kind).update(after)
            self._record(uow, actor, f"{kind}.pseudonymise", record, after)
            changed.append(RecordRef(record=kind, number=number))
        return changed, kept

    @staticmethod
    def _client_data(data: dict[str, Any], client: Client, name: str) -> dict[str, Any]:
        token = name.removeprefix("Pseudonym ").strip() or client.id.hex[:8].upper()
        return data | {
            "name": f"Pseudonym {token}",
            "person_id": f"{PSEUDONYM_PREFIX}{token}",
            "address": None,
            "email": None,
            "reference": None,
            "vat_number": None,
            "peppol_id": None,
        }

    def pseudonymise_client(self, actor: Actor, client: Ref, on: date) -> Pseudonymised:
        """Replace a private-person client's identity by a pseudonym.

        Allowed once the accounting records of every assignment for the client (the
        invoices) no longer need to be kept. The client record keeps its id and number;
        name and personnummer become a pseudonym, address, e-mail and reference go, and
        other records naming the client get the pseudonym too (each change audited; not
        when someone else has the same name, see :meth:`pseudonymise`).

        Raises:
            PermissionDenied: The actor is not board or administrator.
            InputError: The client is an organisation (it has no personnummer).
            RetentionTooEarly: Too early (names the record and the first allowed day).
            ConflictError: Already pseudonymised.
        """
        self._require_controller(actor, "pseudonymise personal data")
        with self._uow() as uow:
            before = resolve(uow.clients, "client", client)
            if not before.person_id:
                raise InputError(
                    "client", "client {number} is not a private person", number=before.number
                )
            if is_pseudonym(before.person_id):
                raise ConflictError(
                    "client {number} is already pseudonymised", number=before.number
                )
            records = _Records.read(uow)
            plan = self._client_plan(records, before, on)
            blocker = plan.pseudonymise_blocker
            if blocker is not None and (
                plan.pseudonymise_from is None or plan.pseudonymise_from > on
            ):
                raise RetentionTooEarly("client", before.number, "pseudonymised", blocker)
            taken = {m.person_id for m in records.members} | {
                c.person_id for c in records.clients if c.person_id
            }
            token = self._pseudonym_token(before.id, taken)
            after = Client.model_validate(
                self._client_data(before.model_dump(mode="json"), before, token)
            )
            values: dict[str, str] = {before.name: after.name}
            values |= dict.fromkeys(_person_id_forms(before.person_id), after.person_id or "")
            identity = _Identity(before.id, frozenset({before.name}), values)
            pattern = identity.pattern()
            shared = _shared_name(records, before.name, before.id, before.person_id)
            changed: builtins.list[RecordRef] = []
            kept: builtins.list[LeftAsItWas] = []
            for kind in _Records.KINDS:
                for record in records.by_kind[kind]:
                    if getattr(record, "id") == before.id:  # noqa: B009
                        continue
                    data = record.model_dump(mode="json")
                    if pattern is None or not _mentions(data, pattern):
                        continue
                    number = getattr(record, "number")  # noqa: B009
                    if shared:
                        kept.append(LeftAsItWas(record=kind, number=number, reason="shared_name"))
                        continue
                    updated = type(record).model_validate(_scrub(data, pattern, values))
                    if updated != record:
                        uow.repository(kind).update(updated)
                        self._record(uow, actor, f"{kind}.pseudonymise", record, updated)
                        changed.append(RecordRef(record=kind, number=number))
            uow.clients.update(after)
            self._record(uow, actor, "client.pseudonymise", before, after)
        return Pseudonymised(
            subject="client",
            number=after.number,
            pseudonym=after.name,
            changed=(RecordRef(record="client", number=after.number), *changed),
            kept=tuple(kept),
        )

    # -- access and portability -------------------------------------------------------------------

    def export(self, actor: Actor, member: Ref, lang: str | None = None) -> PersonalData:
        """Everything held about ``member`` (GDPR art. 15 and 20), as one document.

        A member may export only their own data; the board or the administrator anyone's
        (to answer a request). The member record is given in full: it is the person's own.
        Without the country's ``retention.*`` parameters the retention part is left empty.

        Raises:
            PermissionDenied: A member asking for someone else's data.
            NotFoundError: No such member.
        """
        now = self._coop.now()
        with self._read() as uow:
            person = resolve(uow.members, "member", member)
            self._require_own_or_controller(actor, person)
            # Their own records by the indexed queries; the records that name them (for the
            # retention part and the meetings) by a search of the stored text.
            jobs = uow.assignments.of_member(person.id)
            contracts = uow.contracts.of_member(person.id)
            hours = uow.hours.of_member(person.id)
            absences = uow.absences.of_member(person.id)
            requests = sorted(uow.salary_requests.of_member(person.id), key=lambda r: r.number)
            expenses = sorted(uow.expenses.of_member(person.id), key=lambda e: e.number)
            claims = sorted(uow.travel_claims.of_member(person.id), key=lambda c: c.number)
            payslips = sorted(uow.payslips.of_member(person.id), key=lambda p: p.number)
            fees = uow.membership_fees.of_member(person.id)
            as_client = uow.clients.select(Eq("person_id", person.person_id))
            clients = {i: uow.clients.find(i) for i in {job.client_id for job in jobs}}
            records = _Records.naming(uow, person)
            own_records: dict[str, builtins.list[Record]] = {
                "member": [person],
                "assignment": list(jobs),
                "contract": list(contracts),
                "hours": list(hours),
                "absence": list(absences),
                "salary_request": list(requests),
                "expense": list(expenses),
                "travel_claim": list(claims),
                "payslip": list(payslips),
                "membership_fee": list(fees),
                "client": list(as_client),
            }
            events = uow.audit.about(
                {
                    kind: {str(getattr(r, "id")) for r in found}  # noqa: B009
                    for kind, found in own_records.items()
                },
                actors=[person.name],
            )
        entries = []
        for job in jobs:
            client = clients.get(job.client_id)
            private = client is not None and bool(client.person_id) and client not in as_client
            entries.append(
                AssignmentEntry(
                    assignment=job,
                    client_number=client.number if client else 0,
                    client_name=None if client is None or private else client.name,
                )
            )
        meetings = [
            part
            for meeting in records.meetings
            for part in [_meeting_part(meeting, person)]
            if part is not None
        ]
        audit = [
            AuditEntry(
                seq=e.seq,
                at=e.at,
                actor=e.actor,
                action=e.action,
                entity=e.entity,
                entity_id=e.entity_id,
                by_subject=e.actor == person.name,
            )
            for e in events
        ]
        try:
            plan = self._member_plan(records, person, now.date())
        except RulesError:
            # A country without retention parameters: the person still gets their data.
            plan = RetentionPlan(subject="member", number=person.number)
        return PersonalData(
            generated_at=now,
            language=lang or self._coop.config.language,
            controllers=self._controllers(),
            member=person,
            as_client=tuple(as_client),
            assignments=tuple(entries),
            contracts=tuple(contracts),
            hours=tuple(hours),
            absences=tuple(absences),
            salary_requests=tuple(requests),
            expenses=tuple(expenses),
            travel_claims=tuple(claims),
            payslips=tuple(payslips),
            membership_fees=tuple(fees),
            meetings=tuple(meetings),
            audit=tuple(audit),
            retention=(*plan.dealings, *plan.records),
            minimise_from=plan.minimise_from,
            pseudonymise_from=plan.pseudonymise_from,
        )

    def _controllers(self) -> tuple[Controller, ...]:
        config = self._coop.config
        found = []
        sides: Sequence[tuple[Literal["employer", "association"], Any]] = (
            ("employer", config.employer),
            ("association", config.association),
        )
        for role, entity in sides:
            if entity is None:
                continue
            found.append(
                Controller(
                    role=role,
                    name=entity.name,
                    orgnr=entity.orgnr,
                    email=str(entity.email) if entity.email else None,
                    address=_one_line(entity.address),
                )
            )
        return tuple(found)

    def export_pdf(self, actor: Actor, member: Ref, lang: str | None = None) -> bytes:
        """:meth:`export` as a readable PDF in ``lang`` (default: the cooperative's language).

        Raises:
            PermissionDenied: A member asking for someone else's data.
            InputError: A language without catalogs.
        """
        from kooperativ.documents.personal_data import personal_data_pdf

        data = self.export(actor, member, lang)
        return personal_data_pdf(
            data,
            employer=self._coop.config.employer,
            law=self._coop.country.employment_law(),
            lang=data.language,
        )


def _shared_name(records: _Records, name: str, record_id: UUID, person_id: str | None) -> bool:
    """Whether someone else in the register (or a client) has the same full name."""
    return any(m.name == name and m.id != record_id for m in records.members) or any(
        c.name == name and c.id != record_id and (c.person_id is None or c.person_id != person_id)
        for c in records.clients
    )


def _linked(record: Record, person: UUID, name: str) -> Record:
    """``record`` with the copies of ``person``'s name that carry their id set to ``name``."""
    if isinstance(record, Meeting):
        return record.model_copy(
            update={
                "members": tuple(
                    p.model_copy(update={"name": name}) if p.id == person else p
                    for p in record.members
                ),
                "roll": record.roll.model_copy(
                    update={
                        "entries": tuple(
                            e.model_copy(update={"name": name}) if e.member_id == person else e
                            for e in record.roll.entries
                        )
                    }
                ),
                "reservations": tuple(
                    r.model_copy(update={"name": name}) if r.member_id == person else r
                    for r in record.reservations
                ),
                "mandates": tuple(
                    m.model_copy(update={"proxy_name": name}) if m.proxy_id == person else m
                    for m in record.mandates
                ),
            }
        )
    if isinstance(record, EmploymentContract):
        return record.model_copy(
            update={
                "signatures": tuple(
                    s.model_copy(update={"name": name}) if s.member_id == person else s
                    for s in record.signatures
                )
            }
        )
    return record


def _one_line(address: Address | None) -> str | None:
    if address is None:
        return None
    return f"{address.street}, {address.postal_code} {address.city}"


def _meeting_part(meeting: Meeting, member: Member) -> MeetingPart | None:
    """``member``'s part of ``meeting``, or ``None`` if it does not mention them."""
    me = member.id
    names = _meeting_names(meeting, me) | {member.name}
    registered = meeting.person(me)
    roll = meeting.roll.entry(me)
    given = tuple(m for m in meeting.mandates if m.principal_id == me)
    held = tuple(m for m in meeting.mandates if m.proxy_id == me)
    offices = []
    if meeting.officers.chair in names:
        offices.append("chair")
    if meeting.officers.secretary in names:
        offices.append("secretary")
    if names & set(meeting.officers.adjusters):
        offices.append("adjuster")
    motions = tuple(
        ProposedMotion(number=m.number, title=m.title, outcome=m.outcome)
        for m in meeting.motions
        if m.proposer in names
    )
    amendments = tuple(
        ProposedAmendment(motion=m.number, letter=a.letter, text=a.text)
        for m in meeting.motions
        for a in m.amendments
        if a.proposer in names
    )
    candidacies = tuple(
        Candidacy(
            election=e.number,
            office=e.office,
            elected=None if e.result is None else bool(names & set(e.result.winners)),
        )
        for e in meeting.elections
        if names & set(e.candidates)
    )
    secret_requests = tuple(e.number for e in meeting.elections if e.secret_requested_by == me)
    votes: list[OwnVote] = []
    secret: list[str] = []
    boxes = [
        (f"motion {m.number} poll {p.number}", p.box) for m in meeting.motions for p in m.polls
    ] + [(f"election {e.number}", e.box) for e in meeting.elections]
    for item, box in boxes:
        if box.secret:
            if any(mark.voter == me for mark in box.voted):
                secret.append(item)
            continue
        votes.extend(
            OwnVote(item=item, choice=v.choice, by_proxy=v.by_proxy)
            for v in box.votes
            if v.voter == me
        )
    reservations = tuple(r for r in meeting.reservations if r.member_id == me)
    part = MeetingPart(
        number=meeting.number,
        kind=meeting.kind.value,
        title=meeting.title,
        held_on=meeting.held_on,
        registered_as=registered,
        roll=roll,
        present=me in meeting.present,
        proxies_given=given,
        proxies_held=held,
        requested_meeting=str(me) in meeting.requested_by,
        offices=tuple(offices),
        motions_proposed=motions,
        amendments_proposed=amendments,
        candidacies=candidacies,
        secret_ballot_requested=secret_requests,
        open_votes=tuple(votes),
        secret_ballots=tuple(secret),
        reservations=reservations,
    )
    empty = MeetingPart(number=part.number, kind=part.kind, title=part.title, held_on=part.held_on)
    return None if part == empty else part

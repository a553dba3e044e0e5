# SPDX-License-Identifier: EUPL-1.2
"""Bylaws (*stadgar*) as dated, machine-readable rules: ``bylaws.toml``.

The members own the cooperative, and their bylaws decide who may vote, how, and what a
decision needs. An *ideell förening* is not governed by a statute (lag (2018:672) om
ekonomiska föreningar applies only by analogy), so kooperativ hard-codes none of these
rules: it reads them from ``bylaws.toml``, where every rule cites its paragraph in the
human text ``stadgar.md``.

A file holds one or more *rule sets*, each with a validity period. When the members amend
the bylaws, the old set gets a ``valid_to`` and a new set starts the next day, so history
is kept and a meeting is judged by the rules in force on its date
(:meth:`Bylaws.rules_on`).

```toml
source = "stadgar.md"

[[rules]]
valid_from = 2024-01-15
adopted = "Konstituerande möte 2024-01-15"

[rules.voting_rights]
reference = "§ 7"
fee_paid = "current_year"
minimum_membership_days = 30
```

Shares (majorities, quorum, the share of members who may call an extra meeting) are
written as fractions in strings (``"2/3"``) and read as :class:`~fractions.Fraction`:
never a float.

Examples:
    >>> from datetime import date
    >>> bylaws = parse_bylaws({"rules": [{"valid_from": date(2024, 1, 1)}]}, "bylaws.toml")
    >>> rules = bylaws.rules_on(date(2026, 3, 1))
    >>> rules.decisions.ordinary.describe()
    'more than 1/2 of the votes cast'
    >>> rules.proxies.max_principals
    1
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Callable
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    field_validator,
    model_validator,
)
from pydantic import ValidationError as PydanticValidationError

from kooperativ.errors import ConfigError, InputError, config_reason, os_reason, syntax_reason
from kooperativ.governance.tally import ElectionMethod, Majority, MajorityBase

__all__ = [
    "BYLAWS_FILE",
    "STADGAR_FILE",
    "Bylaws",
    "DecisionRule",
    "DecisionRules",
    "DecisionType",
    "DigitalDecisionRules",
    "ElectionMethod",
    "ElectionRules",
    "MeetingRules",
    "ProxyRules",
    "QuorumRules",
    "RuleSet",
    "VotingRights",
    "load_bylaws",
    "parse_bylaws",
    "parse_share",
]

BYLAWS_FILE = "bylaws.toml"
STADGAR_FILE = "stadgar.md"

_SHARE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$|^\s*(\d+)\s*$")
_PARAGRAPH = re.compile(r"§\s*(\d+[a-z]?)")


def parse_share(value: object, field: str = "share") -> Fraction:
    """Read a share written as ``"2/3"``, ``"0"`` or ``"1"`` (never a float).

    Raises:
        InputError: If ``value`` is a float, not a fraction, or outside 0..1.

    >>> parse_share("2/3")
    Fraction(2, 3)
    """
    if isinstance(value, Fraction):
        share = value
    elif isinstance(value, bool | float):
        raise InputError(field, 'write the share as a fraction in a string, e.g. "2/3"')
    elif isinstance(value, int):
        share = Fraction(value)
    elif isinstance(value, str) and (match := _SHARE.match(value)):
        if match.group(3) is not None:
            share = Fraction(int(match.group(3)))
        elif int(match.group(2)) == 0:
            raise InputError(field, "{value!r} divides by zero", value=value)
        else:
            share = Fraction(int(match.group(1)), int(match.group(2)))
    else:
        raise InputError(field, '{value!r} is not a share; write e.g. "2/3" or "1/10"', value=value)
    if not 0 <= share <= 1:
        raise InputError(field, "{value!r} is not between 0 and 1", value=value)
    return share


def _show(share: Fraction) -> str:
    return f"{share.numerator}/{share.denominator}"


class _Rules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class _Cited(_Rules):
    #: The paragraph of ``stadgar.md`` the rule comes from, e.g. ``"§ 7"``.
    reference: str = Field(
        default="", description="The paragraph of stadgar.md the rule comes from, e.g. § 7"
    )


class VotingRights(_Cited):
    """Who has a vote (*rösträtt*) at a general meeting, judged on the meeting date.

    Attributes:
        statuses: Membership statuses that may vote (default: only ``member``).
        fee_paid: Which membership fee must be paid by the meeting date: the fee for the
            meeting's calendar year, for the year before, or none.
        minimum_membership_days: Days a person must have been a member on the meeting date.
        no_arrears: Every fee year from joining up to the required year must be paid.
        one_vote_each: One member, one vote (EFL 6 kap. by analogy; the only form supported).
    """

    statuses: tuple[Literal["member", "applicant"], ...] = Field(
        default=("member",), description="Membership statuses that may vote"
    )
    fee_paid: Literal["current_year", "previous_year", "none"] = Field(
        default="current_year",
        description="Which year's membership fee must be paid by the meeting date",
    )
    minimum_membership_days: int = Field(
        default=0, ge=0, le=3660, description="Days a person must have been a member"
    )
    no_arrears: bool = Field(
        default=False, description="Every fee year up to the required one must be paid"
    )
    one_vote_each: Literal[True] = Field(
        default=True, description="One member, one vote (the only form supported)"
    )


class MeetingRules(_Cited):
    """When and how general meetings are called.

    Attributes:
        annual_from_month: The annual meeting (*årsmöte*) is held in this month or later.
        annual_to_month: … and in this month or earlier.
        notice_earliest_days: The notice (*kallelse*) goes out at most this many days before.
        notice_latest_days: … and at least this many days before (annual meeting).
        extra_notice_earliest_days: The same for an extra meeting (*extra årsmöte*).
        extra_notice_latest_days: The same for an extra meeting.
        notice_methods: How notice may be given (``email``, ``letter``, ``website`` …).
        motion_deadline_days: A member's motion reaches the board at least this many days
            before the annual meeting.
        extra_meeting_share: Share of the voting members who may demand an extra meeting.
        extra_meeting_auditor: The auditor (*revisor*) may demand an extra meeting.
        adjusters: How many *justerare* check and sign the minutes.
    """

    annual_from_month: int = Field(
        default=1, ge=1, le=12, description="The annual meeting is held in this month or later"
    )
    annual_to_month: int = Field(
        default=6, ge=1, le=12, description="… and in this month or earlier"
    )
    notice_earliest_days: int = Field(
        default=42, ge=0, description="The notice goes out at most this many days before"
    )
    notice_latest_days: int = Field(
        default=14, ge=0, description="… and at least this many days before"
    )
    extra_notice_earliest_days: int = Field(
        default=42, ge=0, description="The same for an extra meeting: at most"
    )
    extra_notice_latest_days: int = Field(
        default=14, ge=0, description="The same for an extra meeting: at least"
    )
    notice_methods: tuple[str, ...] = Field(
        default=("email", "letter"), description="How notice may be given (email, letter …)"
    )
    motion_deadline_days: int = Field(
        default=28,
        ge=0,
        description="A motion reaches the board at least this many days before the meeting",
    )
    extra_meeting_share: Fraction = Field(
        default=Fraction(1, 10),
        description="Share of the voting members who may demand an extra meeting, e.g. 1/10",
    )
    extra_meeting_auditor: bool = Field(
        default=True, description="The auditor may demand an extra meeting"
    )
    adjusters: int = Field(
        default=2, ge=1, le=3, description="How many adjusters (justerare) sign the minutes"
    )

    @field_validator("extra_meeting_share", mode="before")
    @classmethod
    def _share(cls, value: Any) -> Fraction:
        return parse_share(value, "extra_meeting_share")

    @field_serializer("extra_meeting_share")
    def _dump_share(self, value: Fraction) -> str:
        return _show(value)

    @model_validator(mode="after")
    def _periods(self) -> MeetingRules:
        if self.annual_to_month < self.annual_from_month:
            raise ValueError("annual_to_month is before annual_from_month")
        if self.notice_latest_days > self.notice_earliest_days:
            raise ValueError("notice_latest_days is more than notice_earliest_days")
        if self.extra_notice_latest_days > self.extra_notice_earliest_days:
            raise ValueError("extra_notice_latest_days is more than extra_notice_earliest_days")
        return self

    def notice_window(self, meeting_on: date, extra: bool) -> tuple[date, date]:
        """The first and last day the notice of a meeting on ``meeting_on`` may be sent."""
        earliest = self.extra_notice_earliest_days if extra else self.notice_earliest_days
        latest = self.extra_notice_latest_days if extra else self.notice_latest_days
        return meeting_on - timedelta(days=earliest), meeting_on - timedelta(days=latest)


class QuorumRules(_Cited):
    """When a general meeting may decide (*beslutförhet*).

    No quorum by default (the law sets none). ``share`` is of the members with a vote on
    the meeting date; ``count_proxies`` says whether members represented by a proxy count.
    """

    share: Fraction = Field(
        default=Fraction(0), description="Share of the voting members who must be present"
    )
    count_proxies: bool = Field(
        default=True, description="Members represented by a proxy count as present"
    )

    @field_validator("share", mode="before")
    @classmethod
    def _share(cls, value: Any) -> Fraction:
        return parse_share(value, "share")

    @field_serializer("share")
    def _dump_share(self, value: Fraction) -> str:
        return _show(value)

    def required(self, voting_members: int) -> int:
        """How many voting members must be present (0: no quorum rule)."""
        needed = self.share * voting_members
        return int(needed) + (1 if needed.denominator != 1 else 0)


class ProxyRules(_Cited):
    """Voting through a proxy (*ombud*, 6 kap. 4 § EFL by analogy).

    Attributes:
        allowed: Whether a member may vote through a proxy at all.
        who: Who may act as proxy: another member with a vote, any member, or anyone.
        max_principals: How many members one proxy may represent.
        written: The mandate (*fullmakt*) must be written and dated.
        max_age_days: The mandate may be at most this old on the meeting date.
    """

    allowed: bool = Field(default=False, description="A member may vote through a proxy")
    who: Literal["voting_member", "member", "anyone"] = Field(
        default="voting_member", description="Who may act as proxy"
    )
    max_principals: int = Field(
        default=1, ge=1, le=50, description="How many members one proxy may represent"
    )
    written: bool = Field(default=True, description="The mandate must be written and dated")
    max_age_days: int = Field(
        default=365, ge=1, description="The mandate's greatest age on the meeting date"
    )


class DecisionType(StrEnum):
    """The kinds of decision whose majority the bylaws set."""

    ORDINARY = "ordinary"  #: ordinary matters (*övriga frågor*)
    BYLAW_AMENDMENT = "bylaw_amendment"  #: *stadgeändring*
    DISSOLUTION = "dissolution"  #: *upplösning*
    EXCLUSION = "exclusion"  #: *uteslutning* of a member


class DecisionRule(_Cited):
    """The majority one decision type needs.

    Attributes:
        share: The share of the base the yes votes need.
        strict: ``True``: more than ``share`` (more than half); ``False``: at least.
        base: What the share is of: the votes cast, the voters present, or every member
            with a vote.
        counts_blank: Whether blank votes and abstentions count as votes cast (Swedish
            practice: they do not).
        tie: How an exact tie is broken: the chair's casting vote, the lot, or the
            proposal falls.
        two_meetings: The decision needs ``second_share`` at two consecutive meetings, one
            of them the annual meeting, instead of ``share`` at one.
        second_share: The majority at each of the two meetings.
        annual_only: Only an annual meeting may take this decision.
    """

    share: Fraction = Field(
        default=Fraction(1, 2), description="The share of the base the yes votes need, e.g. 2/3"
    )
    strict: bool = Field(
        default=True, description="true: more than the share; false: at least the share"
    )
    base: Literal["cast", "present", "members"] = Field(
        default="cast",
        description="What the share is of: votes cast, voters present or all voting members",
    )
    counts_blank: bool = Field(
        default=False, description="Blank votes and abstentions count as votes cast"
    )
    tie: Literal["chair", "lot", "rejected"] = Field(
        default="chair",
        description="A tie: the chair's casting vote, the lot, or the proposal falls",
    )
    two_meetings: bool = Field(
        default=False,
        description="Needs second_share at two consecutive meetings, one of them annual",
    )
    second_share: Fraction = Field(
        default=Fraction(1, 2), description="The majority at each of the two meetings"
    )
    annual_only: bool = Field(
        default=False, description="Only an annual meeting may take this decision"
    )

    @field_validator("share", "second_share", mode="before")
    @classmethod
    def _share(cls, value: Any) -> Fraction:
        return parse_share(value, "share")

    @field_serializer("share", "second_share")
    def _dump_share(self, value: Fraction) -> str:
        return _show(value)

    @model_validator(mode="after")
    def _positive(self) -> DecisionRule:
        if self.share == 0 or self.second_share == 0:
            raise ValueError("a majority must be more than 0")
        if self.strict and (self.share == 1 or self.second_share == 1):
            raise ValueError("'more than all' can never be met; use strict = false")
        return self

    def majority(self, name: str, *, second: bool = False) -> Majority:
        """The :class:`~kooperativ.governance.tally.Majority` this rule asks for.

        Args:
            name: The rule's name in the explanation.
            second: Use ``second_share`` (each of two consecutive meetings).
        """
        return Majority(
            name=name,
            threshold=self.second_share if second else self.share,
            strict=self.strict,
            base=MajorityBase(self.base),
            casting_vote=self.tie != "rejected",
        )

    def describe(self, translate: Callable[[str], str] | None = None) -> str:
        """The majority in words: English, or through ``translate`` (a gettext function of
        the catalog ``governance``)."""
        _ = translate or str
        share = self.second_share if self.two_meetings else self.share
        words = "more than {share} of {base}" if self.strict else "at least {share} of {base}"
        base = {
            "cast": "the votes cast",
            "present": "the voters present",
            "members": "all members with a vote",
        }[self.base]
        text = _(words).format(share=_show(share), base=_(base))
        if self.two_meetings:
            text = _(
                "{majority} at two consecutive meetings, one of them the annual meeting"
            ).format(majority=text)
        return text


def _ordinary() -> DecisionRule:
    return DecisionRule()


def _qualified() -> DecisionRule:
    return DecisionRule(share=Fraction(2, 3), strict=False, tie="rejected")


class DecisionRules(_Rules):
    """The majority of each decision type (defaults: EFL 6 kap. 33 and 35 §§ by analogy)."""

    ordinary: DecisionRule = Field(
        default_factory=_ordinary, description="Ordinary matters (default: simple majority)"
    )
    bylaw_amendment: DecisionRule = Field(
        default_factory=_qualified, description="Amending the bylaws (default: 2/3)"
    )
    dissolution: DecisionRule = Field(
        default_factory=_qualified, description="Dissolving the association (default: 2/3)"
    )
    exclusion: DecisionRule = Field(
        default_factory=_qualified, description="Excluding a member (default: 2/3)"
    )

    def rule(self, kind: DecisionType | str) -> DecisionRule:
        """The rule of decision type ``kind``."""
        rule: DecisionRule = getattr(self, DecisionType(kind).value)
        return rule


class ElectionRules(_Cited):
    """How elections are held.

    Attributes:
        method: The counting method (block plurality, the Swedish default).
        secret: ``on_request``: secret when any voting member asks (RF normalstadgar 3 kap.
            8 §); ``always``; or ``never``.
        tie: An exact tie is decided by lot (*lotten avgör*; the only form supported,
            as the chair's casting vote in elections has been ruled wrong).
    """

    method: ElectionMethod = Field(
        default=ElectionMethod.BLOCK_PLURALITY, description="The counting method"
    )
    secret: Literal["on_request", "always", "never"] = Field(
        default="on_request", description="Secret ballot: when a voter asks, always or never"
    )
    tie: Literal["lot"] = Field(default="lot", description="A tie is decided by lot")


class DigitalDecisionRules(_Cited):
    """Decisions by digital vote with a deadline, instead of a meeting.

    Attributes:
        allowed: Whether the bylaws allow them (not by default).
        minimum_days: At least this many days between the call and the deadline.
        types: The decision types that may be taken this way.
    """

    allowed: bool = Field(default=False, description="The bylaws allow decisions by digital vote")
    minimum_days: int = Field(
        default=7, ge=1, description="At least this many days between the call and the deadline"
    )
    types: tuple[DecisionType, ...] = Field(
        default=(DecisionType.ORDINARY,), description="The decision types taken this way"
    )


class RuleSet(_Rules):
    """The rules in force during one period.

    Attributes:
        valid_from: First day in force.
        valid_to: Last day in force (``None``: until further notice).
        adopted: Which decision adopted this version (free text for the record).
    """

    valid_from: date = Field(description="The first day in force")
    valid_to: date | None = Field(
        default=None, description="The last day in force (default: until further notice)"
    )
    adopted: str | None = Field(
        default=None, description="Which decision adopted this version, for the record"
    )
    voting_rights: VotingRights = Field(
        default_factory=VotingRights, description="Who has a vote at a general meeting"
    )
    meetings: MeetingRules = Field(
        default_factory=MeetingRules, description="When and how general meetings are called"
    )
    quorum: QuorumRules = Field(
        default_factory=QuorumRules, description="When a general meeting may decide"
    )
    proxies: ProxyRules = Field(default_factory=ProxyRules, description="Voting through a proxy")
    decisions: DecisionRules = Field(
        default_factory=DecisionRules, description="The majority of each decision type"
    )
    elections: ElectionRules = Field(
        default_factory=ElectionRules, description="How elections are held"
    )
    digital_decisions: DigitalDecisionRules = Field(
        default_factory=DigitalDecisionRules,
        description="Decisions by digital vote with a deadline",
    )

    @model_validator(mode="after")
    def _period(self) -> RuleSet:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self

    def in_force(self, day: date) -> bool:
        """True if these rules are in force on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def references(self) -> dict[str, str]:
        """Each rule section's name → the § it cites (empty sections left out)."""
        found: dict[str, str] = {}
        for name in ("voting_rights", "meetings", "quorum", "proxies", "elections"):
            ref = getattr(self, name).reference
            if ref:
                found[name] = ref
        if self.digital_decisions.reference:
            found["digital_decisions"] = self.digital_decisions.reference
        for kind in DecisionType:
            ref = self.decisions.rule(kind).reference
            if ref:
                found[f"decisions.{kind.value}"] = ref
        return found


class Bylaws(_Rules):
    """Every rule set of a cooperative's bylaws, oldest first.

    Attributes:
        source: The file with the human text, relative to ``bylaws.toml``.
        name: The association's name as the bylaws give it.
        rules: The dated rule sets; periods may not overlap.
    """

    source: str = Field(
        default=STADGAR_FILE, description="The file with the bylaws' text, beside bylaws.toml"
    )
    name: str | None = Field(default=None, description="The association's name in the bylaws")
    rules: tuple[RuleSet, ...] = Field(
        min_length=1, description="The dated rule sets ([[rules]]), oldest first"
    )

    @field_validator("rules")
    @classmethod
    def _no_overlap(cls, rules: tuple[RuleSet, ...]) -> tuple[RuleSet, ...]:
        ordered = sorted(rules, key=lambda r: r.valid_from)
        for before, after in itertools.pairwise(ordered):
            if before.valid_to is None or before.valid_to >= after.valid_from:
                raise InputError(
                    "rules",
                    "the rule sets from {first} and {second} overlap "
                    "(give the older one a valid_to before the newer one's valid_from)",
                    first=before.valid_from,
                    second=after.valid_from,
                )
        return rules

    def rules_on(self, day: date) -> RuleSet:
        """The rule set in force on ``day``.

        Raises:
            InputError: If no rule set is in force on ``day`` (no silent fallback).
        """
        for rules in self.rules:
            if rules.in_force(day):
                return rules
        periods = ", ".join(f"{r.valid_from}–{r.valid_to or ''}" for r in self.rules)
        raise InputError(
            "date", "no bylaws are in force on {day} (periods: {periods})", day=day, periods=periods
        )


def _key_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for item in loc:
        path += f"[{item}]" if isinstance(item, int) else ("." if path else "") + str(item)
    return path


def parse_bylaws(data: dict[str, Any], file: str) -> Bylaws:
    """Validate parsed TOML ``data`` read from ``file``.

    Raises:
        ConfigError: For the first problem, naming the file, the key path and the reason.
    """
    try:
        return Bylaws.model_validate(data)
    except PydanticValidationError as exc:
        err = exc.errors()[0]
        template, values = config_reason(err)
        raise ConfigError(file, _key_path(tuple(err["loc"])), template, **values) from None


def cited_paragraphs(text: str) -> set[str]:
    """The paragraph numbers (``"7"``, ``"12a"``) that head sections of ``stadgar.md``."""
    found: set[str] = set()
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            found.update(_PARAGRAPH.findall(line))
    return found


def load_bylaws(path: Path | str) -> Bylaws:
    """Read and validate ``bylaws.toml``; check each cited § exists in ``stadgar.md``.

    Args:
        path: The ``bylaws.toml`` file, or the cooperative folder holding it.

    Raises:
        ConfigError: The file is missing or not TOML, a key is wrong, or a rule cites a §
            that has no heading in the human text (file, key path and reason named).
    """
    file = Path(path)
    if file.is_dir():
        file = file / BYLAWS_FILE
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(str(file), "", "file not found") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            str(file),
            "",
            "is not UTF-8 text (byte {position}): save it as UTF-8",
            position=exc.start,
        ) from None
    except OSError as exc:
        raise ConfigError(
            str(file), "", "cannot be read ({reason})", reason=os_reason(exc)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        template, values = syntax_reason(exc, "TOML")
        raise ConfigError(str(file), "", template, **values) from None
    bylaws = parse_bylaws(data, str(file))
    text_file = file.parent / bylaws.source
    if text_file.is_file():
        try:
            human = text_file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ConfigError(
                str(text_file),
                "",
                "is not UTF-8 text (byte {position}): save it as UTF-8",
                position=exc.start,
            ) from None
        except OSError as exc:
            raise ConfigError(
                str(text_file), "", "cannot be read ({reason})", reason=os_reason(exc)
            ) from None
        paragraphs = cited_paragraphs(human)
        for index, rules in enumerate(bylaws.rules):
            for key, ref in rules.references().items():
                for number in _PARAGRAPH.findall(ref) or [ref]:
                    if number not in paragraphs:
                        raise ConfigError(
                            str(file),
                            f"rules[{index}].{key}.reference",
                            "{ref!r} is not a § heading in {source}",
                            ref=ref,
                            source=bylaws.source,
                        )
    return bylaws

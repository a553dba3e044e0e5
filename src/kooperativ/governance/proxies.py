# SPDX-License-Identifier: EUPL-1.2
"""Proxies (*ombud*) and their mandates (*fullmakter*), under the bylaws' proxy rules.

A member with a vote who cannot come may let a proxy vote for them, if the bylaws allow
it (6 kap. 4 § EFL by analogy): the bylaws say who may be a proxy, for how many members,
whether the mandate must be written and dated, and how old it may be.

Examples:
    >>> from datetime import date
    >>> from uuid import UUID
    >>> from kooperativ.governance.bylaws import ProxyRules, RuleSet
    >>> from kooperativ.governance.proceedings import new_meeting
    >>> rules = RuleSet(valid_from=date(2024, 1, 1), proxies=ProxyRules(allowed=False))
    >>> m = new_meeting(1, "annual", date(2026, 3, 20), rules)
    >>> mandate = Mandate(principal_id=UUID(int=1), proxy_name="Bo", dated=date(2026, 3, 1))
    >>> [p.code for p in mandate_findings(m, rules, mandate)]
    ['proxy.not_allowed']
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from kooperativ.errors import ConflictError, InputError
from kooperativ.governance.bylaws import RuleSet
from kooperativ.governance.findings import finding, refuse
from kooperativ.governance.meeting import Mandate, Meeting
from kooperativ.problems import Problem

__all__ = ["Mandate", "add_proxy", "mandate_findings"]


def mandate_findings(meeting: Meeting, rules: RuleSet, mandate: Mandate) -> list[Problem]:
    """What is wrong with ``mandate`` under the proxy rules (empty: valid).

    Codes: ``proxy.not_allowed``, ``proxy.no_vote`` (the principal has none to give),
    ``proxy.self``, ``proxy.not_member``, ``proxy.not_voting_member``, ``proxy.unwritten``,
    ``proxy.future``, ``proxy.too_old``, ``proxy.too_many``, ``proxy.twice``.
    """
    r = rules.proxies
    # The bylaw § goes into the message as a value, so that the template stays translatable.
    ref = " ({reference})" if r.reference else ""
    here = ("proxies", "")
    principal = meeting.name_of(mandate.principal_id)
    if not r.allowed:
        return [
            finding(
                "proxy.not_allowed",
                here,
                "the bylaws do not allow proxies" + ref,
                reference=r.reference,
            )
        ]
    found: list[Problem] = []
    if mandate.principal_id not in meeting.roll.voter_ids:
        found.append(
            finding(
                "proxy.no_vote",
                here,
                "{principal} has no vote to give a proxy" + ref,
                principal=principal,
                reference=r.reference,
            )
        )
    if mandate.proxy_id == mandate.principal_id:
        found.append(
            finding(
                "proxy.self", here, "{principal} cannot be their own proxy", principal=principal
            )
        )
    if r.who != "anyone":
        name = mandate.proxy_name
        if mandate.proxy_id is None:
            found.append(
                finding(
                    "proxy.not_member",
                    here,
                    "the proxy {name} must be a member" + ref,
                    name=name,
                    reference=r.reference,
                )
            )
        elif r.who == "voting_member" and mandate.proxy_id not in meeting.roll.voter_ids:
            found.append(
                finding(
                    "proxy.not_voting_member",
                    here,
                    "the proxy {name} must be a member with a vote" + ref,
                    name=name,
                    reference=r.reference,
                )
            )
        elif r.who == "member":
            person = meeting.person(mandate.proxy_id)
            if person is None or not person.member_on(meeting.held_on):
                found.append(
                    finding(
                        "proxy.not_member",
                        here,
                        "the proxy {name} must be a member" + ref,
                        name=name,
                        reference=r.reference,
                    )
                )
    if r.written and not mandate.written:
        found.append(
            finding(
                "proxy.unwritten",
                here,
                "the mandate of {principal} must be written and dated" + ref,
                principal=principal,
                reference=r.reference,
            )
        )
    if mandate.dated > meeting.held_on:
        found.append(
            finding(
                "proxy.future",
                here,
                "the mandate of {principal} is dated after the meeting",
                principal=principal,
            )
        )
    elif (meeting.held_on - mandate.dated).days > r.max_age_days:
        found.append(
            finding(
                "proxy.too_old",
                here,
                "the mandate of {principal} is dated {dated}, more than {days} days before "
                "the meeting" + ref,
                principal=principal,
                dated=mandate.dated,
                days=r.max_age_days,
                reference=r.reference,
            )
        )
    key = mandate.proxy_id or mandate.proxy_name
    held = [m for m in meeting.mandates if (m.proxy_id or m.proxy_name) == key]
    if mandate not in held:
        held.append(mandate)
    if len(held) > r.max_principals:
        found.append(
            finding(
                "proxy.too_many",
                here,
                "{name} holds {count} mandates; the bylaws allow {allowed}" + ref,
                name=mandate.proxy_name,
                count=len(held),
                allowed=r.max_principals,
                reference=r.reference,
            )
        )
    if sum(1 for m in meeting.mandates if m.principal_id == mandate.principal_id) > 1:
        found.append(
            finding(
                "proxy.twice",
                here,
                "{principal} has given more than one mandate",
                principal=principal,
            )
        )
    return found


def add_proxy(
    meeting: Meeting,
    rules: RuleSet,
    principal_id: UUID,
    *,
    proxy_id: UUID | None = None,
    proxy_name: str | None = None,
    dated: date,
    written: bool = True,
) -> Meeting:
    """Record a proxy's mandate, validated against the bylaws' proxy rules.

    Raises:
        InputError: Proxies not allowed, a principal without a vote, a proxy who may not
            act, an unwritten or too old mandate, or a proxy over its limit of principals.
        ConflictError: The principal already gave a mandate.
    """
    meeting.require_open()
    if any(m.principal_id == principal_id for m in meeting.mandates):
        raise ConflictError(
            "{name} has already given a mandate", name=meeting.name_of(principal_id)
        )
    name = proxy_name or (meeting.name_of(proxy_id) if proxy_id else None)
    if not name:
        raise InputError("proxy", "name the proxy (a member number or a name)")
    mandate = Mandate(
        principal_id=principal_id, proxy_id=proxy_id, proxy_name=name, dated=dated, written=written
    )
    refuse("proxy", mandate_findings(meeting, rules, mandate))
    return meeting.model_copy(update={"mandates": (*meeting.mandates, mandate)})

# SPDX-License-Identifier: EUPL-1.2
"""The bylaws' rules in words: who votes, when meetings are held, quorum, proxies,
elections and each decision's majority, each citing its §.

What ``kooperativ bylaws check`` prints, for an API user too.

Examples:
    >>> from datetime import date
    >>> from kooperativ.governance.bylaws import RuleSet
    >>> lines = rules_summary(RuleSet(valid_from=date(2024, 1, 1)), "en")
    >>> [line.key for line in lines][:3]
    ['voting_rights', 'annual_meeting', 'extra_meeting']
    >>> lines[-3].text
    'at least 2/3 of the votes cast; ties: rejected'
"""

from __future__ import annotations

from dataclasses import dataclass

from kooperativ.governance.bylaws import DecisionType, RuleSet
from kooperativ.i18n import translator

__all__ = ["RuleSummary", "rules_summary"]

_FEE = {
    "current_year": "this year's fee paid",
    "previous_year": "last year's fee paid",
    "none": "no fee rule",
}
#: The topic of each line (English msgids of the catalog ``governance``).
_TOPICS = {
    "voting_rights": "voting rights",
    "annual_meeting": "annual meeting",
    "extra_meeting": "extra meeting",
    "quorum": "quorum",
    "proxies": "proxies",
    "elections": "elections",
    "digital_decisions": "digital decisions",
    "ordinary": "ordinary",
    "bylaw_amendment": "bylaw amendment",
    "dissolution": "dissolution",
    "exclusion": "exclusion",
}


@dataclass(frozen=True)
class RuleSummary:
    """One line of the summary.

    Attributes:
        key: A stable key (``voting_rights``, ``bylaw_amendment`` …).
        topic: The topic in the chosen language.
        text: The rule in words, citing its §.
    """

    key: str
    topic: str
    text: str


def _cited(text: str, reference: str) -> str:
    return f"{text} ({reference})" if reference else text


def rules_summary(rules: RuleSet, lang: str = "en") -> list[RuleSummary]:
    """The rules of ``rules`` in words, in ``lang``, one line per topic."""
    _ = translator(lang, "governance")
    v, m, q, p, e = (
        rules.voting_rights,
        rules.meetings,
        rules.quorum,
        rules.proxies,
        rules.elections,
    )
    voting = [
        ", ".join(_(status) for status in v.statuses),
        _(_FEE[v.fee_paid]),
        _("member ≥ {days} days").format(days=v.minimum_membership_days),
    ]
    if v.no_arrears:
        voting.append(_("no arrears"))
    methods = ", ".join(_(method) for method in m.notice_methods)
    extra = (
        _("on request of {share} of the voting members or the auditor")
        if m.extra_meeting_auditor
        else _("on request of {share} of the voting members")
    )
    proxies = (
        (
            _(
                "allowed: {who}, at most {principals} principal(s), written and dated, "
                "at most {days} days old"
            )
            if p.written
            else _("allowed: {who}, at most {principals} principal(s), at most {days} days old")
        ).format(who=_(p.who.replace("_", " ")), principals=p.max_principals, days=p.max_age_days)
        if p.allowed
        else _("not allowed")
    )
    texts = {
        "voting_rights": _cited("; ".join(voting), v.reference),
        "annual_meeting": _cited(
            _(
                "months {first}–{last}; notice {earliest}–{latest} days before by {methods}; "
                "motions {deadline} days before"
            ).format(
                first=m.annual_from_month,
                last=m.annual_to_month,
                earliest=m.notice_earliest_days,
                latest=m.notice_latest_days,
                methods=methods,
                deadline=m.motion_deadline_days,
            ),
            m.reference,
        ),
        "extra_meeting": extra.format(share=f"{m.extra_meeting_share}"),
        "quorum": _cited(
            _("none") if q.share == 0 else _("{share} of the voting members").format(share=q.share),
            q.reference,
        ),
        "proxies": _cited(proxies, p.reference),
        "elections": _cited(
            _("{method}; secret ballot {secret}; ties by lot").format(
                method=_(e.method.value), secret=_(e.secret.replace("_", " "))
            ),
            e.reference,
        ),
        "digital_decisions": _("allowed") if rules.digital_decisions.allowed else _("not allowed"),
    }
    for kind in DecisionType:
        rule = rules.decisions.rule(kind)
        texts[kind.value] = _cited(
            _("{majority}; ties: {tie}").format(majority=rule.describe(_), tie=_(rule.tie)),
            rule.reference,
        )
    return [RuleSummary(key, _(_TOPICS[key]), text) for key, text in texts.items()]

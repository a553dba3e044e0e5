# SPDX-License-Identifier: EUPL-1.2
"""Governance texts in Swedish and English: the minutes, the explanations of counts and the
governance commands read their texts from the gettext catalogs, Swedish for the Swedish
rules."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
from babel.messages.pofile import read_po

import kooperativ
from kooperativ.documents.minutes import minutes_markdown
from kooperativ.governance import tally
from kooperativ.governance.bylaws import parse_bylaws
from kooperativ.governance.counting import count_motion
from kooperativ.governance.meeting import Meeting, PreviousReading
from kooperativ.governance.notice import notice_findings, record_notice
from kooperativ.governance.proceedings import add_motion, attend, new_meeting
from kooperativ.governance.register import Registrant
from kooperativ.governance.tally.explanation import TEXTS
from kooperativ.governance.voting import cast_vote
from kooperativ.i18n import translator

SRC = Path(kooperativ.__file__).parent
LOCALES = SRC / "i18n" / "locales"

# Two-meeting bylaw amendments under the first rule set.
BYLAWS = parse_bylaws(
    {
        "rules": [
            {
                "valid_from": date(2024, 1, 1),
                "voting_rights": {"fee_paid": "none"},
                "decisions": {"bylaw_amendment": {"two_meetings": True, "second_share": "1/2"}},
                "meetings": {"reference": "§ 8"},
            }
        ]
    },
    "bylaws.toml",
)

ENGLISH_WORDING = (
    "notice sent",
    "earlier than",
    "later than",
    "notice given by",
    "the bylaws name",
    "two consecutive meetings",
    "one of them the annual meeting",
    "is not the meeting before",
    "did not adopt it",
)


def _catalog(lang: str, domain: str) -> dict[str, str]:
    with (LOCALES / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def _amendment(held_on: date, kind: str, previous: PreviousReading | None) -> Meeting:
    rules = BYLAWS.rules_on(held_on)
    people = [
        Registrant(
            id=UUID(int=n),
            number=n,
            name=f"Member {n}",
            status="member",
            joined_on=date(2024, 1, 1),
        )
        for n in range(1, 6)
    ]
    m = new_meeting(1, kind, held_on, rules, register=people)
    m = attend(m, rules, [UUID(int=n) for n in range(1, 6)])
    m, _ = record_notice(m, rules, held_on.replace(day=9), "sms")  # late, and by sms
    m = add_motion(m, rules, title="§ 17", decision_type="bylaw_amendment", previous=previous)
    for n in range(1, 6):
        m = cast_vote(m, rules, voter=UUID(int=n), choice="yes" if n <= 3 else "no", motion=1)
    return count_motion(m, rules, 1, seed="s")


@pytest.fixture(scope="module")
def second_reading() -> Meeting:
    first = _amendment(date(2026, 3, 20), "annual", None)
    previous = PreviousReading(
        meeting=first.number,
        held_on=first.held_on,
        kind=first.kind,
        motion=1,
        outcome=first.motion(1).outcome or "",
        consecutive=False,  # another general meeting came between
    )
    return _amendment(date(2026, 11, 10), "extra", previous)


def _section(markdown: str, number: int) -> str:
    return markdown.split(f"## § {number} ")[1].split("\n## ")[0]


def test_minutes_notice_section_differs_by_language(second_reading: Meeting) -> None:
    rules = BYLAWS.rules_on(second_reading.held_on)
    assert len(notice_findings(second_reading, rules, second_reading.notice)) == 2
    swedish = _section(minutes_markdown(second_reading, BYLAWS, "sv"), 4)
    english = _section(minutes_markdown(second_reading, BYLAWS, "en"), 4)
    assert swedish != english
    assert "kallelsen sändes 9 nov. 2026, senare än 27 okt. 2026 (§ 8)" in swedish
    assert "kallelsen gick ut via sms; stadgarna anger e-post, brev (§ 8)" in swedish
    assert "notice sent 9 Nov 2026, later than 27 Oct 2026 (§ 8)" in english
    assert "notice given by sms; the bylaws name email, letter (§ 8)" in english


def test_swedish_minutes_have_no_english_rule_wording(second_reading: Meeting) -> None:
    assert second_reading.motion(1).outcome == "first_reading"
    swedish = minutes_markdown(second_reading, BYLAWS, "sv")
    english = minutes_markdown(second_reading, BYLAWS, "en")
    found = [words for words in ENGLISH_WORDING if words in swedish]
    assert not found, f"English in the Swedish minutes: {found}"
    assert "vid två på varandra följande möten, varav ett årsmöte" in swedish
    assert "möte 1 är inte mötet närmast före detta" in swedish
    assert "two consecutive meetings, one of them the annual meeting" in english
    assert "meeting 1 is not the meeting before this one" in english


def test_every_explanation_text_has_swedish_and_english() -> None:
    swedish, english = _catalog("sv", "tally"), _catalog("en", "tally")
    for key, msgid in TEXTS.items():
        assert swedish.get(msgid), f"{key}: no Swedish text"
        assert english.get(msgid) == msgid, f"{key}: English differs from the code"
    assert set(swedish) == set(TEXTS.values())


def test_explanations_render_in_both_languages() -> None:
    result = tally.tally_motion(["yes", "no"], tally.TWO_THIRDS)
    sv, en = result.explanation.text("sv"), result.explanation.text("en")
    assert sv.splitlines()[0] == (
        "Regel: två tredjedelars majoritet — minst 2/3 av de avgivna rösterna."
    )
    assert en.splitlines()[0] == "Rule: two-thirds majority — at least 2/3 of the votes cast."
    assert sv.splitlines()[-1] == "Utfall: förslaget är avslaget."
    with pytest.raises(kooperativ.InputError, match="sv or en"):
        result.explanation.text("de")


def _literals(path: Path) -> set[str]:
    used: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    used.add(arg.value)
                elif isinstance(arg, ast.IfExp):
                    used |= {
                        n.value
                        for n in (arg.body, arg.orelse)
                        if isinstance(n, ast.Constant) and isinstance(n.value, str)
                    }
    return used


@pytest.mark.parametrize(
    "path",
    [
        SRC / "cli" / "governance.py",
        SRC / "documents" / "minutes.py",
    ],
    ids=lambda p: p.name,
)
def test_governance_texts_have_swedish(path: Path) -> None:
    used = _literals(path)
    assert len(used) > 5, "too few texts found: the scan is stale"
    swedish = _catalog("sv", "governance")
    missing = sorted(u for u in used if not swedish.get(u))
    assert not missing, f"{path.name}: texts without Swedish translation: {missing}"


def _finding_templates(source: str) -> set[str]:
    """The templates of every ``finding(code, place, template …)`` and ``breach(…)`` call."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("finding", "breach")
            and len(node.args) >= 3
        ):
            arg = node.args[2]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
            elif isinstance(arg, ast.BinOp) and isinstance(arg.left, ast.Constant):
                found.add(str(arg.left.value) + " ({reference})")
                found.add(str(arg.left.value))
    return found


def test_findings_have_swedish() -> None:
    templates: set[str] = set()
    for name in ("notice", "proceedings", "proxies", "counting", "verify"):
        templates |= _finding_templates((SRC / "governance" / f"{name}.py").read_text("utf-8"))
    assert len(templates) >= 30, "too few findings found: the scan is stale"
    swedish = _catalog("sv", "governance")
    missing = sorted(t for t in templates if not swedish.get(t))
    assert not missing, f"findings without Swedish translation: {missing}"


@pytest.mark.parametrize(
    ("rule", "swedish", "english"),
    [
        ({}, "mer än 1/2 av de avgivna rösterna", "more than 1/2 of the votes cast"),
        (
            {"share": "2/3", "strict": False, "base": "present"},
            "minst 2/3 av de närvarande röstberättigade",
            "at least 2/3 of the voters present",
        ),
        (
            {"share": "3/4", "strict": False, "base": "members"},
            "minst 3/4 av samtliga röstberättigade medlemmar",
            "at least 3/4 of all members with a vote",
        ),
        (
            {"two_meetings": True, "second_share": "1/2"},
            "mer än 1/2 av de avgivna rösterna vid två på varandra följande möten, "
            "varav ett årsmöte",
            "more than 1/2 of the votes cast at two consecutive meetings, "
            "one of them the annual meeting",
        ),
    ],
)
def test_bylaw_majorities_in_words(rule: dict[str, object], swedish: str, english: str) -> None:
    bylaws = parse_bylaws(
        {"rules": [{"valid_from": date(2024, 1, 1), "decisions": {"ordinary": rule}}]},
        "bylaws.toml",
    )
    decision = bylaws.rules[0].decisions.ordinary
    assert decision.describe() == english
    assert decision.describe(translator("en", "governance")) == english
    assert decision.describe(translator("sv", "governance")) == swedish

# SPDX-License-Identifier: EUPL-1.2
"""bylaws.toml: validation with file, key path and reason; dated rule sets."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from kooperativ.errors import ConfigError, InputError
from kooperativ.governance.bylaws import DecisionType, load_bylaws, parse_bylaws, parse_share
from kooperativ.governance.tally import ElectionMethod, MajorityBase

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "interim_kultur"


def test_the_example_bylaws_load_and_cite_existing_paragraphs() -> None:
    bylaws = load_bylaws(EXAMPLE / "bylaws.toml")
    assert len(bylaws.rules) == 3
    old, new = bylaws.rules_on(date(2026, 12, 31)), bylaws.rules_on(date(2027, 1, 1))
    assert old.decisions.bylaw_amendment.two_meetings is True
    assert new.decisions.bylaw_amendment.two_meetings is False
    assert new.decisions.bylaw_amendment.share == Fraction(2, 3)
    assert new.proxies.max_principals == 1 and new.quorum.share == Fraction(1, 4)
    assert load_bylaws(EXAMPLE) == bylaws  # the folder works too


def test_the_example_follows_the_demo_meeting_s_amendment_of_section_13() -> None:
    # The demo's annual meeting of 2027-03-20 (demo.toml [meeting], motion 3) adopts ranked
    # ballots (STV) for board elections; the meeting itself is judged by the rules of its
    # day, and the new method holds from the next day.
    bylaws = load_bylaws(EXAMPLE)
    on_the_day, next_day = bylaws.rules_on(date(2027, 3, 20)), bylaws.rules_on(date(2027, 3, 21))
    assert on_the_day.elections.method == ElectionMethod.BLOCK_PLURALITY
    assert next_day.elections.method == ElectionMethod.STV
    assert next_day.elections.reference == "§ 13"
    assert next_day.decisions.bylaw_amendment == on_the_day.decisions.bylaw_amendment
    text = (EXAMPLE / "stadgar.md").read_text("utf-8")
    demo = (EXAMPLE / "demo.toml").read_text("utf-8")
    wording = (
        "Val av styrelse sker med rangordnade valsedlar och avgörs med enkel överförbar röst (STV)."
    )
    assert wording in demo and wording in text.replace("\n", " ")


def test_no_rules_before_the_first_period() -> None:
    bylaws = load_bylaws(EXAMPLE)
    with pytest.raises(InputError, match="no bylaws are in force on 2024-01-14"):
        bylaws.rules_on(date(2024, 1, 14))


@pytest.mark.parametrize(
    ("data", "key", "reason"),
    [
        (
            {"rules": [{"valid_from": date(2024, 1, 1), "quorum": {"share": 0.25}}]},
            "rules[0].quorum.share",
            "fraction",
        ),
        (
            {"rules": [{"valid_from": date(2024, 1, 1), "proxies": {"allowd": True}}]},
            "rules[0].proxies.allowd",
            "unknown key",
        ),
        (
            {"rules": [{"valid_from": date(2024, 1, 1), "quorum": {"share": "3/2"}}]},
            "rules[0].quorum.share",
            "between 0 and 1",
        ),
        (
            {
                "rules": [
                    {
                        "valid_from": date(2024, 1, 1),
                        "decisions": {"ordinary": {"share": "1", "strict": True}},
                    }
                ]
            },
            "rules[0].decisions.ordinary",
            "never be met",
        ),
        ({"rules": []}, "rules", "at least 1"),
        (
            {"rules": [{"valid_from": date(2024, 1, 1)}, {"valid_from": date(2025, 1, 1)}]},
            "rules",
            "overlap",
        ),
        (
            {"rules": [{"valid_from": date(2024, 1, 1), "elections": {"method": "dhondt"}}]},
            "rules[0].elections.method",
            "block_plurality",
        ),
    ],
)
def test_errors_name_file_key_and_reason(data: dict[str, object], key: str, reason: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_bylaws(data, "bylaws.toml")
    assert caught.value.file == "bylaws.toml"
    assert caught.value.key == key
    assert reason in caught.value.reason


def test_a_reference_must_be_a_heading_of_the_human_text(tmp_path: Path) -> None:
    (tmp_path / "stadgar.md").write_text("# Stadgar\n\n## § 1 Namn\n\n## § 7 Rösträtt\n")
    (tmp_path / "bylaws.toml").write_text(
        '[[rules]]\nvalid_from = 2024-01-01\n[rules.voting_rights]\nreference = "§ 7"\n'
        '[rules.quorum]\nreference = "§ 10"\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_bylaws(tmp_path)
    assert caught.value.key == "rules[0].quorum.reference"
    assert "§ 10" in caught.value.reason


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_bylaws(tmp_path / "bylaws.toml")
    (tmp_path / "bylaws.toml").write_text("[[rules]\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_bylaws(tmp_path)


def test_decision_rules_map_to_tally_majorities() -> None:
    rules = parse_bylaws({"rules": [{"valid_from": date(2024, 1, 1)}]}, "b").rules[0]
    ordinary = rules.decisions.rule(DecisionType.ORDINARY).majority("ordinary")
    assert ordinary.threshold == Fraction(1, 2) and ordinary.strict and ordinary.casting_vote
    amendment = rules.decisions.rule("bylaw_amendment").majority("bylaw_amendment")
    assert amendment.threshold == Fraction(2, 3) and not amendment.strict
    assert not amendment.casting_vote and amendment.base is MajorityBase.CAST


def test_shares_are_exact() -> None:
    assert parse_share("1/10") == Fraction(1, 10)
    assert parse_share(" 0 ") == 0
    with pytest.raises(InputError):
        parse_share(0.5)
    with pytest.raises(InputError):
        parse_share("1/0")


def test_quorum_rounds_up() -> None:
    rules = parse_bylaws(
        {"rules": [{"valid_from": date(2024, 1, 1), "quorum": {"share": "1/4"}}]}, "b"
    ).rules[0]
    assert [rules.quorum.required(n) for n in (0, 4, 5, 8, 9)] == [0, 1, 2, 2, 3]

# SPDX-License-Identifier: EUPL-1.2
"""The röstlängd computed from the register and the fees, with reasons; both sides of each
edge (the day before and the day a right starts or lapses)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from kooperativ.governance.bylaws import VotingRights
from kooperativ.governance.register import MembershipFee, Registrant, voting_roll
from kooperativ.members.models import MemberStatus

MEETING = date(2027, 3, 20)
RULES = VotingRights(
    reference="§ 7", fee_paid="current_year", minimum_membership_days=30, no_arrears=True
)


def person(**changes: object) -> Registrant:
    data: dict[str, object] = {
        "id": UUID(int=1),
        "number": 1,
        "name": "Alva Berglund",
        "status": MemberStatus.MEMBER,
        "joined_on": date(2026, 2, 1),
    }
    data.update(changes)
    return Registrant.model_validate(data)


def fee(year: int, paid_on: date, number: int = 1) -> MembershipFee:
    return MembershipFee(
        number=number, member_id=UUID(int=1), year=year, amount="200", paid_on=paid_on
    )


PAID = [fee(2026, date(2026, 2, 1), 1), fee(2027, date(2027, 1, 10), 2)]


@pytest.mark.parametrize(
    ("who", "fees", "codes"),
    [
        (person(), PAID, []),
        # Membership time: 30 days on the day is enough; 29 is not.
        (person(joined_on=date(2027, 2, 18)), [fee(2027, date(2027, 2, 18))], []),
        (person(joined_on=date(2027, 2, 19)), [fee(2027, date(2027, 2, 19))], ["too_new"]),
        # The fee paid on the meeting day counts; the day after does not.
        (person(), [PAID[0], fee(2027, MEETING, 2)], []),
        (person(), [PAID[0], fee(2027, date(2027, 3, 21), 2)], ["fee_unpaid"]),
        # Arrears from an earlier year.
        (person(joined_on=date(2025, 6, 1)), PAID, ["arrears"]),
        # Resigned the day after the meeting: still a member on the day.
        (person(status="resigned", left_on=date(2027, 3, 21)), PAID, []),
        # Resigned on the meeting day: the right lapsed the day before.
        (person(status="resigned", left_on=MEETING), PAID, ["left"]),
        (person(status="applicant", joined_on=None), PAID, ["not_member"]),
        (person(joined_on=date(2027, 3, 21)), PAID, ["not_yet_member"]),
        (person(joined_on=date(2027, 3, 1)), [], ["too_new", "fee_unpaid"]),
    ],
)
def test_voting_rights_edges(who: Registrant, fees: list[MembershipFee], codes: list[str]) -> None:
    roll = voting_roll([who], fees, RULES, MEETING)
    (entry,) = roll.entries
    assert [r.code for r in entry.reasons] == codes
    assert entry.votes is (not codes)
    for reason in entry.reasons:
        assert reason.text().endswith("(§ 7)")


def test_no_fee_rule_and_sorting() -> None:
    rules = VotingRights(fee_paid="none")
    people = [person(id=UUID(int=2), number=2, name="B"), person()]
    roll = voting_roll(people, [], rules, MEETING)
    assert [e.number for e in roll.entries] == [1, 2]
    assert roll.voter_ids == {UUID(int=1), UUID(int=2)}
    assert roll.without_vote == ()


def test_reasons_translate() -> None:
    roll = voting_roll([person()], [PAID[0]], RULES, MEETING)
    (reason,) = roll.entries[0].reasons
    assert reason.text(lambda text: "» " + text).startswith("» membership fee for 2027")

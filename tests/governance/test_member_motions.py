# SPDX-License-Identifier: EUPL-1.2
"""A member's own motion (``GovernanceService.submit_motion``): by the bylaws' deadline
(the last day allowed, the day after refused), the member's own, on the register, and
one audit event; on memory, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kooperativ import Actor, ConflictError, Cooperative, InputError, PermissionDenied
from kooperativ.members.models import Role

ADMIN = Actor.admin()
MEETING_DAY = date(2026, 12, 20)
#: ``motion_deadline_days = 28`` in the example's bylaws: the last day is 22 November.
LAST_DAY = date(2026, 11, 22)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def on(self, day: date) -> None:
        self.now = datetime(day.year, day.month, day.day, 23, 59, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def coop(tmp_path: Path, database_url: str, clock: Clock) -> Iterator[Cooperative]:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=clock) as opened:
        joined = {"status": "member", "joined_on": date(2024, 3, 1)}
        opened.members.add(
            ADMIN, first_name="Tove", last_name="Kassör", person_id="199107049802",
            roles=frozenset({Role.BOARD}), **joined,
        )  # fmt: skip
        opened.members.add(
            ADMIN, first_name="Ada", last_name="Lind", person_id="198503129804", **joined
        )
        opened.members.add(
            ADMIN, first_name="Bo", last_name="Ek", person_id="199002149806",
            status="applicant", applied_on=date(2026, 10, 1),
        )  # fmt: skip
        opened.governance.create(ADMIN, kind="extra", held_on=MEETING_DAY, title="Vintermöte")
        yield opened


def events(coop: Cooperative) -> int:
    return len(coop.audit.events(ADMIN))


def test_the_deadline_counts_back_from_the_meeting_day(coop: Cooperative) -> None:
    assert coop.governance.motion_deadline(coop.actor_for_member(2), 1) == LAST_DAY
    assert LAST_DAY + timedelta(days=28) == MEETING_DAY


def test_a_member_submits_a_motion_on_the_last_day(coop: Cooperative, clock: Clock) -> None:
    clock.on(LAST_DAY)
    before = events(coop)
    ada = coop.actor_for_member(2)
    meeting = coop.governance.submit_motion(
        ada, 1, title=" Fler repetitionslokaler ", text="Föreningen hyr en lokal till."
    )
    (motion,) = meeting.motions
    assert (motion.title, motion.text, motion.proposer) == (
        "Fler repetitionslokaler",
        "Föreningen hyr en lokal till.",
        "Ada Lind",
    )
    assert motion.by_board is False and motion.submitted_on == LAST_DAY
    assert coop.governance.get(ADMIN, 1).motions == meeting.motions
    assert events(coop) == before + 1
    event = coop.audit.events(ADMIN)[-1]
    assert event.action == "meeting.motion" and event.actor == "Ada Lind"


def test_the_day_after_the_deadline_is_refused(coop: Cooperative, clock: Clock) -> None:
    clock.on(LAST_DAY + timedelta(days=1))
    before = events(coop)
    with pytest.raises(ConflictError, match="2026-11-22") as raised:
        coop.governance.submit_motion(coop.actor_for_member(2), 1, title="Sent", text="")
    assert "28" in str(raised.value)
    assert coop.governance.get(ADMIN, 1).motions == ()
    assert events(coop) == before


def test_only_members_of_the_association_submit_motions(coop: Cooperative) -> None:
    before = events(coop)
    with pytest.raises(PermissionDenied, match="register"):
        coop.governance.submit_motion(coop.actor_for_member(3), 1, title="Sökande", text="")
    with pytest.raises(PermissionDenied):
        coop.governance.submit_motion(ADMIN, 1, title="Ingen medlem", text="")
    with pytest.raises(InputError, match="title"):
        coop.governance.submit_motion(coop.actor_for_member(2), 1, title="  ", text="Text")
    assert events(coop) == before


def test_no_motion_to_the_boards_meeting_nor_a_closed_one(coop: Cooperative) -> None:
    board = coop.governance.create(ADMIN, kind="board", held_on=MEETING_DAY)
    ada = coop.actor_for_member(2)
    with pytest.raises(PermissionDenied):
        coop.governance.submit_motion(ada, board.number, title="Styrelsen", text="")
    coop.governance.close(ADMIN, 1)
    with pytest.raises(ConflictError, match="closed"):
        coop.governance.submit_motion(ada, 1, title="Stängt", text="")

# SPDX-License-Identifier: EUPL-1.2
"""The demo's annual meeting (årsmöte 2027), held through the governance services after the
month: the notice, the röstlängd with a proxy, a member's motion, a bylaw amendment and a
board election by secret ballot, each decision checked against a count worked out by hand
from the ballots of ``examples/interim_kultur/demo.toml``, and the minutes PDF read back
with pdftotext."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from kooperativ import demo
from kooperativ.cooperative import Cooperative
from kooperativ.errors import ConfigError
from kooperativ.examples import DEMO_FILE, examples_root
from kooperativ.security import Actor

ADMIN = Actor.admin()

# The hand count, from the [meeting] table of the example's demo.toml.
#
# Röstlängd on 2027-03-20 (bylaws from 2027-01-01, § 7: this year's fee paid by the
# meeting day, no arrears, a member for at least 30 days): Alva (1), Bruno (2), Cecilia (3)
# and David (4) have paid 2024/2025–2027 → 4 with a vote. Elin (5) paid 2027 but not 2026
# → no vote (arrears). Present: 1, 2, 3 and Elin (without a vote); David by proxy to
# Cecilia (§ 11: one principal, written, dated 2027-03-10) → 4 of 4 represented, quorum
# (§ 10: 1/4 of 4 = 1) met.
# Notice sent 2027-02-20, 28 days before: within 42 to 14 days (§ 8) → duly called.
# Motion 2 (Cecilia) reached the board 2027-02-12, 36 days before: the deadline is 28
# days (§ 8) → in time.
#
# Motion 1, discharge: by acclamation → adopted.
# Motion 2, ordinary (§ 12, more than 1/2 of the votes cast): yes 1, 3, 4 (David through
# Cecilia); no 2 → 3 yes, 1 no, 4 cast; more than 2 needed → 3 → adopted.
# Motion 3, bylaw amendment (§ 17 from 2027: at least 2/3 of the votes cast at one annual
# meeting, no second reading): yes 1, 2, 3; no 4 → 3 of 4; 2/3 × 4 = 8/3 → 3 needed
# → adopted.
# Election 1, Styrelseledamöter, 3 seats, relative majority (§ 13: block plurality, each
# ballot marks at most 3), secret on Cecilia's request:
#   ballot of 1: Alva, Bruno, Cecilia
#   ballot of 2: Alva, Bruno, David
#   ballot of 3: Bruno, Cecilia, David
#   ballot of 4 (cast by 3 as proxy): Alva, Cecilia
#   Alva 1+1+0+1 = 3, Bruno 1+1+1+0 = 3, Cecilia 1+0+1+1 = 3, David 0+1+1+0 = 2
#   → elected Alva Berglund, Bruno Dahl, Cecilia Ek (no tie at the third seat: no lot).
VOTES = {"Alva Berglund": 3, "Bruno Dahl": 3, "Cecilia Ek": 3, "David Falk": 2}
ELECTED = ("Alva Berglund", "Bruno Dahl", "Cecilia Ek")
BALLOTS = [
    ("Alva Berglund", "Bruno Dahl", "Cecilia Ek"),
    ("Alva Berglund", "Bruno Dahl", "David Falk"),
    ("Bruno Dahl", "Cecilia Ek", "David Falk"),
    ("Alva Berglund", "Cecilia Ek"),
]


@dataclass(frozen=True)
class Held:
    folder: Path
    held: demo.DemoMeeting


def hold(folder: Path) -> demo.DemoMeeting:
    clock = demo.DemoClock()
    with demo.create(folder, clock=clock) as coop:
        demo.run_month(coop, folder, clock=clock)
        return demo.run_meeting(coop, folder, clock=clock)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Held:
    folder = tmp_path_factory.mktemp("demo-meeting") / "demo"
    return Held(folder, hold(folder))


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_meeting_is_duly_called_with_the_roll_worked_out_by_hand(built: Held) -> None:
    meeting = built.held.meeting
    assert meeting.held_on == date(2027, 3, 20) and meeting.state.value == "closed"
    assert built.held.notice_problems == []
    assert meeting.notice is not None and meeting.notice.sent_on == date(2027, 2, 20)
    voters = {e.number: e for e in meeting.roll.entries}
    assert [n for n, e in sorted(voters.items()) if e.votes] == [1, 2, 3, 4]
    assert not voters[5].votes and voters[5].reasons  # Elin: 2026 unpaid
    assert meeting.attending() == 4
    (mandate,) = meeting.mandates
    assert mandate.dated == date(2027, 3, 10)
    with Cooperative.open(built.folder) as coop:
        report = coop.governance.verify(ADMIN, meeting.number)
        assert not report.breaches, report.breaches  # nothing late, every vote valid
        members = {m.id: m.number for m in coop.members.list(ADMIN)}
    assert mandate.proxy_id is not None
    assert (members[mandate.principal_id], members[mandate.proxy_id]) == (4, 3)
    motion = meeting.motion(2)
    assert not motion.by_board and motion.proposer == "Cecilia Ek"
    assert motion.submitted_on == date(2027, 2, 12)


def test_the_decisions_are_the_hand_count(built: Held) -> None:
    decisions = {d.item: d for d in built.held.decisions}
    assert list(decisions) == ["motion 1", "motion 2", "motion 3", "election 1"]
    discharge = decisions["motion 1"]
    assert discharge.outcome == "adopted" and discharge.by_acclamation
    fund = decisions["motion 2"]
    assert fund.outcome == "adopted" and fund.motion_result is not None
    assert (fund.motion_result.yes, fund.motion_result.no, fund.motion_result.cast) == (3, 1, 4)
    assert fund.motion_result.required == 3
    amendment = decisions["motion 3"]
    assert built.held.meeting.motion(3).type.value == "bylaw_amendment"
    assert amendment.outcome == "adopted" and amendment.motion_result is not None
    assert (amendment.motion_result.yes, amendment.motion_result.no) == (3, 1)
    assert amendment.motion_result.required == 3
    assert "minst 2/3 av de avgivna rösterna" in amendment.motion_result.explanation.text("sv")
    election = decisions["election 1"]
    assert election.outcome == "elected" and election.elected == ELECTED
    result = election.election_result
    assert result is not None and result.method.value == "block_plurality"
    assert (result.ballots, result.blank, result.seats) == (4, 0, 3)
    assert {name: int(result.rounds[-1].tally(name)) for name in result.candidates} == VOTES
    assert not result.draws  # no tie at the last seat: the lot was not needed


def test_the_election_ballots_are_secret_in_the_stored_record(built: Held) -> None:
    with Cooperative.open(built.folder) as coop:
        meeting = coop.governance.get(ADMIN, 1)
        members = {m.id: m.number for m in coop.members.list(ADMIN)}
    box = meeting.election(1).box
    assert box.secret and box.opened
    # Who voted is kept apart from the ballots: no open vote with a voter, marks without a
    # choice, sorted by member id (not by the order of voting) …
    assert box.votes == ()
    assert sorted(members[m.voter] for m in box.voted) == [1, 2, 3, 4]
    assert [m.voter for m in box.voted] == sorted(m.voter for m in box.voted)
    assert [members[m.voter] for m in box.voted if m.by_proxy] == [4]
    # … and the ballots as a sorted multiset: the same ballots, not in the voting order.
    assert sorted(tuple(sorted(c)) for c in box.choices) == sorted(BALLOTS)
    assert list(box.choices) == sorted(box.choices)
    # Counted, the box in storage is empty: no row is left to link to a voter.
    with sqlite3.connect(built.folder / "kooperativ.db") as db:
        assert db.execute("SELECT count(*) FROM ballots").fetchone() == (0,)


def test_the_minutes_pdf_names_the_decisions_and_the_elected(built: Held) -> None:
    (made,) = built.held.files
    assert made.kind == "minutes_pdf"
    assert made.path.as_posix() == "stamma/protokoll-arsmote-2027.pdf"
    words = pdf_text(built.folder / made.path)
    assert "Protokoll fört vid årsmöte" in words and "20 mars 2027" in words
    assert "Ombud: Cecilia Ek för David Falk" in words
    assert "Mötet har utlysts i behörig ordning (§ 8)" in words
    assert "Kulturfond för medlemmarnas egna projekt" in words
    assert "Ändring av § 13 Val: rangordnade valsedlar" in words
    assert "Regel: stadgeändring (§ 17): minst 2/3 av de avgivna rösterna" in words
    assert words.count("Ja 3, nej 1") == 2
    assert "Valda: Alva Berglund, Bruno Dahl, Cecilia Ek." in words
    assert "Alva Berglund 3; Bruno Dahl 3; Cecilia Ek 3; David Falk 2" in words
    assert "sluten omröstning" in words


def test_the_meeting_is_the_same_every_time(built: Held, tmp_path: Path) -> None:
    """Fixed dates and a recorded lot seed, never today's nor a random one."""
    again = hold(tmp_path / "again")
    assert [d.model_dump() for d in again.decisions] == [
        d.model_dump() for d in built.held.decisions
    ]
    first = built.folder / built.held.files[0].path
    second = tmp_path / "again" / again.files[0].path
    assert second.read_bytes() == first.read_bytes()  # the minutes, to the byte


def test_the_command_shows_the_meeting_at_80_columns(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    env.pop("KOOPERATIV_LANGUAGE", None)
    outputs = {}
    for lang in ("sv", "en"):
        done = subprocess.run(
            [sys.executable, "-m", "kooperativ.cli", "demo", "--dir", "d", "--lang", lang],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert max(len(line) for line in done.stdout.splitlines()) <= 80
        assert "stamma/protokoll-arsmote-2027.pdf" in done.stdout
        assert (tmp_path / "d" / "stamma" / "protokoll-arsmote-2027.pdf").is_file()
        # The meeting table's columns, each read down (a cell wraps at 80 columns).
        cells = [line.split("│") for line in done.stdout.splitlines() if line.count("│") == 3]
        items = " ".join(" ".join(c[1] for c in cells).split())
        decided = " ".join(" ".join(c[2] for c in cells).split())
        outputs[lang] = " ".join(done.stdout.split()) + f" ITEMS {items} DECIDED {decided}"
    sv, en = outputs["sv"], outputs["en"]
    assert "Årsmöte 2027-03-20, Kulturhuset, Stockholm (kallelse sänd 2027-02-20)" in sv
    assert "bifallet med acklamation" in sv
    assert "bifallet: 3 ja, 1 nej (krävs: minst 2/3 av de avgivna rösterna, § 17)" in sv
    assert "Val med slutna sedlar: Styrelseledamöter (3)" in sv
    assert "valda: Alva Berglund, Bruno Dahl, Cecilia Ek" in sv
    assert "Röstlängd: 4 med rösträtt, 4 närvarande själva eller genom ombud." in sv
    assert "Årsmötesprotokoll 2027-03-20 (PDF)" in sv
    assert "adopted" not in sv and "Election" not in sv
    assert "Annual meeting 2027-03-20" in en and "adopted by acclamation" in en
    assert "adopted: 3 yes, 1 no (needed: at least 2/3 of the votes cast, § 17)" in en
    assert "Election by secret ballot: Styrelseledamöter (3)" in en
    assert "elected: Alva Berglund, Bruno Dahl, Cecilia Ek" in en
    assert "Voting register: 4 with a vote, 4 present in person or by proxy." in en
    assert "Minutes 2027-03-20 (PDF)" in en


def test_bad_meeting_data_is_refused_before_anything_is_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    text = (examples_root() / "interim_kultur" / DEMO_FILE).read_text(encoding="utf-8")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(text.replace("\nchair = 1 ", "\nchair = 9 "), encoding="utf-8")
    none = tmp_path / "none.toml"
    none.write_text(text.split("\n[meeting]")[0], encoding="utf-8")
    with demo.create(folder) as coop:
        with pytest.raises(ConfigError) as caught:
            demo.run_meeting(coop, folder, path=wrong)
        assert (caught.value.key, caught.value.reason) == ("meeting.chair", "no member 9")
        with pytest.raises(ConfigError) as caught:
            demo.run_meeting(coop, folder, path=none)
        assert caught.value.key == "meeting"
        assert coop.governance.list(ADMIN) == []
        assert not [f for f in coop.governance.fees(ADMIN) if f.year == 2027]
    assert not (folder / "stamma").exists()

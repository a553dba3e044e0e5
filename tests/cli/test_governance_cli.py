# SPDX-License-Identifier: EUPL-1.2
"""The Interim kultur example's annual meeting, end to end through the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import demo as demo_library
from kooperativ.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo's members and fees, without the month and the annual meeting 2027 that
    ``kooperativ demo`` holds: these tests hold that meeting themselves."""
    folder = tmp_path / "demo"
    with demo_library.create(folder):
        pass
    return folder


def ok(*args: str) -> str:
    code, out, err = run(*args)
    assert code == 0, out + err
    return out


def test_bylaws_check_summarises_the_rules_in_force(demo: Path) -> None:
    out = ok(
        "bylaws", "check", str(demo / "bylaws.toml"), "--on", "2026-06-01", "--json", "--lang", "en"
    )
    data = json.loads(out)
    assert data["in_force_from"] == "2024-01-15"
    assert "two consecutive meetings" in data["rules"]["bylaw_amendment"]["text"]
    # JSON in Swedish by default, with stable keys beside the words.
    out = ok("bylaws", "check", str(demo / "bylaws.toml"), "--on", "2026-06-01", "--json")
    amendment = json.loads(out)["rules"]["bylaw_amendment"]
    assert amendment["topic"] == "stadgeändring"
    assert "två på varandra följande möten" in amendment["text"]
    # The text summary is Swedish by default (the Swedish rules), English with --lang en.
    out = ok("bylaws", "check", str(demo), "--on", "2027-03-20")
    assert "minst 2/3 av de avgivna rösterna" in out and "Regler i kraft från" in out
    assert "at least" not in out and "votes cast" not in out
    out = ok("bylaws", "check", str(demo), "--on", "2027-03-20", "--lang", "en")
    assert "at least 2/3 of the votes cast" in out and "Rules in force from" in out
    code, _, err = run("bylaws", "check", str(demo), "--lang", "de")
    assert code == 2 and "language: 'de' is not supported" in err and "sv" in err
    (demo / "bylaws.toml").write_text(
        "[[rules]]\nvalid_from = 2024-01-01\n[rules.quorum]\nshare = 0.25\n"
    )
    code, _, err = run("bylaws", "check", str(demo / "bylaws.toml"), "--lang", "en")
    assert code == 2
    assert "rules[0].quorum.share" in err and "fraction" in err
    # The error speaks the language of the summary: the cooperative's (Swedish).
    code, _, err = run("bylaws", "check", str(demo / "bylaws.toml"))
    assert code == 2
    assert "rules[0].quorum.share" in err and "fel:" in err and "fraction" not in err


def test_annual_meeting_end_to_end(demo: Path, tmp_path: Path) -> None:
    c = ("--coop", str(demo))
    for member in (1, 2, 3, 5):
        ok(
            "fee",
            "pay",
            "--member",
            str(member),
            "--year",
            "2027",
            "--amount",
            "200",
            "--paid",
            "2027-01-15",
            *c,
        )
    # The demo has the fees for 2024–2026 of members 1–4; member 5 pays 2026 now.
    ok(
        "fee",
        "pay",
        "--member",
        "5",
        "--year",
        "2026",
        "--amount",
        "200",
        "--paid",
        "2026-02-01",
        *c,
    )
    out = ok(
        "meeting",
        "create",
        "--kind",
        "annual",
        "--date",
        "2027-03-20",
        "--location",
        "Kulturhuset, Stockholm",
        *c,
        "--json",
    )
    assert json.loads(out)["voters"] == 4  # David has not paid 2027
    out = ok("meeting", "notice", "1", "--sent", "2027-02-20", "--method", "email", *c, "--json")
    assert json.loads(out)["duly_called"] is True
    out = ok("meeting", "agenda", "1", *c, "--json")
    assert [i["key"] for i in json.loads(out)][:3] == ["opening", "officers", "roll"]
    ok(
        "meeting",
        "officers",
        "1",
        "--chair",
        "Alva Berglund",
        "--secretary",
        "Bruno Dahl",
        "--adjuster",
        "Cecilia Ek",
        "--adjuster",
        "David Falk",
        *c,
    )
    ok("meeting", "attend", "1", "1", "2", "3", "4", *c)
    ok("meeting", "proxy", "1", "--principal", "5", "--proxy", "3", "--dated", "2027-03-10", *c)
    # A second mandate for the same proxy is over the limit of one (§ 11).
    code, _, err = run(
        "meeting", "proxy", "1", "--principal", "1", "--proxy", "3", "--dated", "2027-03-10", *c
    )
    assert code == 2 and "tillåter 1" in err
    ok(
        "meeting",
        "motion",
        "1",
        "--title",
        "Ansvarsfrihet",
        "--text",
        "Styrelsen beviljas ansvarsfrihet.",
        "--item",
        "discharge",
        *c,
    )
    ok("meeting", "acclaim", "1", "1", *c)
    ok("meeting", "motion", "1", "--title", "Medlemsavgift 2028", "--text", "200 kr.", *c)
    ok("meeting", "amend", "1", "2", "--text", "250 kr.", "--proposer", "Cecilia Ek", *c)
    for voter, choice in (("2", "amendment"), ("3", "amendment")):
        ok("meeting", "vote", "1", "--motion", "2", "--choice", choice, "--as", voter, *c)
    ok("meeting", "vote", "1", "--motion", "2", "--choice", "proposal", "--as", "1", *c)
    # Cecilia votes for Elin as her proxy.
    ok(
        "meeting",
        "vote",
        "1",
        "--motion",
        "2",
        "--choice",
        "proposal",
        "--member",
        "5",
        "--as",
        "3",
        *c,
    )
    code, _, err = run("meeting", "close", "1", "--motion", "2", *c)
    assert code == 2 and "utslagsröst" in err
    ok("meeting", "close", "1", "--motion", "2", "--chair-vote", "proposal", *c)
    # David has no vote; Alva cannot vote twice.
    code, _, err = run("meeting", "vote", "1", "--motion", "2", "--choice", "yes", "--as", "4", *c)
    assert code == 2 and "saknar rösträtt" in err and "2027" in err
    for voter, choice in (("1", "yes"), ("2", "yes"), ("3", "no")):
        ok("meeting", "vote", "1", "--motion", "2", "--choice", choice, "--as", voter, *c)
    code, _, err = run("meeting", "vote", "1", "--motion", "2", "--choice", "no", "--as", "1", *c)
    assert code == 2 and "redan röstat" in err
    ok("meeting", "vote", "1", "--motion", "2", "--choice", "yes", "--member", "5", "--as", "3", *c)
    out = ok("meeting", "close", "1", "--motion", "2", *c)
    # The example cooperative's language is Swedish: the outcome and its explanation too.
    assert "Ärende 2: bifallet" in out and "Utfall: förslaget är bifallet." in out
    out = ok("meeting", "show", "1", *c, "--json")
    assert json.loads(out)["motions"][1]["outcome"] == "adopted"
    ok(
        "meeting",
        "election",
        "1",
        "--office",
        "Styrelseledamöter",
        "--seats",
        "2",
        "--candidate",
        "Alva Berglund",
        "--candidate",
        "Bruno Dahl",
        "--candidate",
        "Cecilia Ek",
        "--secret",
        "--requested-by",
        "3",
        *c,
    )
    ballots = {
        "1": ["Alva Berglund", "Cecilia Ek"],
        "2": ["Bruno Dahl", "Cecilia Ek"],
        "3": ["Cecilia Ek", "Alva Berglund"],
    }
    for voter, names in ballots.items():
        args = [a for name in names for a in ("--choice", name)]
        ok("meeting", "vote", "1", "--election", "1", *args, "--as", voter, *c)
    ok(
        "meeting",
        "vote",
        "1",
        "--election",
        "1",
        "--choice",
        "Alva Berglund",
        "--member",
        "5",
        "--as",
        "3",
        *c,
    )
    out = ok("meeting", "close", "1", "--election", "1", *c)
    assert "Alva Berglund" in out and "Cecilia Ek" in out
    ok(
        "meeting",
        "reserve",
        "1",
        "--item",
        "motion 2",
        "--text",
        "För hög avgift.",
        "--as",
        "3",
        *c,
    )
    ok("meeting", "close", "1", *c)
    pdf = tmp_path / "protokoll.pdf"
    md = tmp_path / "protokoll.md"
    ok("meeting", "minutes", "1", "--pdf", str(pdf), "--md", str(md), *c)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = md.read_text("utf-8")
    assert "Protokoll fört vid årsmöte" in text
    assert "David Falk | nej: medlemsavgiften för 2027 inte betald" in text
    assert "Reservation av Cecilia Ek" in text and "Justerare" in text
    if shutil.which("pdftotext"):
        words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Mötet beslutade att bifalla förslaget." in words
    english = ok("meeting", "minutes", "1", "--lang", "en", *c)
    assert "Minutes of the annual meeting" in english
    record = tmp_path / "meeting.toml"
    ok("meeting", "export", "1", "-o", str(record), *c)
    out = ok("meeting", "verify", str(record), "--bylaws", str(demo / "bylaws.toml"), "--json")
    report = json.loads(out)
    assert report["ok"] is True and report["breaches"] == []
    assert [d["recounted"] for d in report["decisions"]] == ["adopted", "adopted", "elected"]
    # A record tampered with: a member without a vote slipped into the count.
    tampered = record.read_text("utf-8").replace(
        'outcome = "adopted"\ndecided_text = "200 kr."',
        'outcome = "rejected"\ndecided_text = "200 kr."',
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(tampered, "utf-8")
    code, out, _ = run(
        "meeting", "verify", str(bad), "--bylaws", str(demo / "bylaws.toml"), "--json"
    )
    assert code == 1
    assert any(b["code"] == "outcome.differs" for b in json.loads(out)["breaches"])
    # The record can be imported again (as a new meeting) and verifies the same.
    record_json = tmp_path / "meeting.json"
    ok("meeting", "export", "1", "-o", str(record_json), *c)
    shutil.copy(record_json, tmp_path / "copy.json")
    text = (tmp_path / "copy.json").read_text("utf-8")
    data = json.loads(text)
    data.pop("id")
    (tmp_path / "copy.json").write_text(json.dumps(data), "utf-8")
    out = ok("meeting", "import", str(tmp_path / "copy.json"), *c, "--json")
    assert json.loads(out)["number"] == 2
    out = ok("meeting", "verify", "2", *c)
    assert "Verifierat: inga överträdelser." in out and "röstberättigade medlemmar" in out
    out = ok("meeting", "verify", "2", *c, "--lang", "en")
    assert "Verified: no breach." in out and "members with a vote" in out
    code, out, _ = run("audit", "verify", *c, "--json")
    assert code == 0 and json.loads(out)["intact"] is True


def test_meeting_verify_prints_breaches_in_the_chosen_language(tmp_path: Path) -> None:
    record = tmp_path / "meeting.toml"
    record.write_text(
        'number = 1\nkind = "board"\nheld_on = 2026-03-01\n'
        'present = ["00000000-0000-0000-0000-000000000063"]\n',
        "utf-8",
    )
    bylaws = tmp_path / "bylaws.toml"
    bylaws.write_text("[[rules]]\nvalid_from = 2024-01-01\n", "utf-8")
    args = ("meeting", "verify", str(record), "--bylaws", str(bylaws))
    code, out, _ = run(*args)
    assert code == 1
    text = " ".join(out.split())
    assert "00000000-0000-0000-0000-000000000063 finns inte i medlemsregistret" in text
    assert "is not in the register" not in text
    code, out, _ = run(*args, "--lang", "en")
    assert code == 1
    assert "00000000-0000-0000-0000-000000000063 is not in the register" in " ".join(out.split())
    unknown = "00000000-0000-0000-0000-000000000063"
    machine = {
        "severity": "error",
        "code": "attendance",
        "kind": "meeting",
        "key": "",
        "template": "{member} is not in the register",
        "values": {"member": unknown},
    }
    code, out, _ = run(*args, "--json", "--lang", "en")
    assert json.loads(out)["breaches"] == [
        {**machine, "where": "meeting", "message": f"{unknown} is not in the register"}
    ]
    # In Swedish (the default for the Swedish rules) the words are Swedish; the codes stay.
    code, out, _ = run(*args, "--json")
    assert json.loads(out)["breaches"] == [
        {**machine, "where": "möte", "message": f"{unknown} finns inte i medlemsregistret"}
    ]

# SPDX-License-Identifier: EUPL-1.2
"""A register you can keep, from the command line: member update, clients (private persons
too), assignment status and names, payroll preview, masking, init and the demo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from kooperativ import Actor, Cooperative
from kooperativ.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return (
        result.exit_code,
        result.stdout.replace("\u00a0", " "),
        result.stderr.replace("\u00a0", " "),
    )


def events(folder: Path) -> int:
    code, out, _ = run("audit", "verify", "--coop", str(folder), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["intact"], report
    return int(report["events"])


# -- members ------------------------------------------------------------------------------------


def test_a_member_updates_their_own_contact_details(coop_demo: Path) -> None:
    c = ("--coop", str(coop_demo))
    before = events(coop_demo)
    code, out, err = run(
        "member", "update", "3", *c, "--as", "3", "--json", "--show-personal-data",
        "--email", "cecilia.ek@example.org", "--phone", "070-123 45 67",
        "--street", "Vasagatan 1", "--postal-code", "411 24", "--city", "Göteborg",
        "--bank-account", "5001-1234563", "--language", "en",
    )  # fmt: skip
    assert code == 0, err
    member = json.loads(out)
    assert member["email"] == "cecilia.ek@example.org"
    assert member["phone"] == "070-123 45 67"
    assert member["address"]["street"] == "Vasagatan 1"
    assert member["bank_account"] == "5001-1234563"
    assert member["language"] == "en"
    assert member["tax"]["mode"] == "table:32:1"  # untouched
    assert events(coop_demo) == before + 1  # one audited change
    code, out, _ = run("audit", "list", *c, "--json")
    last = json.loads(out)[-1]
    assert last["action"] == "member.update" and last["actor"] == "Cecilia Ek"


def test_only_managers_set_a_tax_mode_other_than_a_table(coop_demo: Path) -> None:
    c = ("--coop", str(coop_demo))
    code, _, err = run("member", "update", "3", *c, "--as", "3", "--tax", "side-income")
    assert code == 2 and "skattetabell och kolumn" in err
    code, out, err = run("member", "update", "3", *c, "--as", "3", "--tax", "table:30:1")
    assert code == 0, err
    code, out, err = run("member", "update", "3", *c, "--as", "2", "--tax", "table:34:1")
    assert code == 0, err
    assert "Medlem 3: Cecilia Ek uppdaterad." in out
    code, out, _ = run("member", "show", "3", *c, "--json")
    assert json.loads(out)["tax"]["mode"] == "table:34:1"


def test_an_empty_value_clears_and_the_same_value_writes_nothing(coop_demo: Path) -> None:
    c = ("--coop", str(coop_demo))
    code, out, _ = run("member", "update", "1", *c, "--email", "", "--json")
    assert code == 0 and json.loads(out)["email"] is None
    before = events(coop_demo)
    code, _, _ = run("member", "update", "1", *c, "--phone", "")  # already empty
    assert code == 0 and events(coop_demo) == before


def test_member_show_in_swedish_with_field_names_statuses_and_roles(coop_demo: Path) -> None:
    code, out, _ = run("member", "show", "1", "--coop", str(coop_demo))
    assert code == 0
    for text in ("Personnummer", "19850312-****", "Bankkonto", "5001-*****63", "Skatteform"):
        assert text in out
    assert "medlem" in out and "styrelseledamot" in out
    for english in ("person_id", "bank_account", "board", "Status │ member"):
        assert english not in out


def test_listings_mask_for_every_role_unless_asked(coop_demo: Path) -> None:
    c = ("--coop", str(coop_demo))
    for actor in ((), ("--as", "1"), ("--as", "2")):  # admin, board, treasurer
        code, out, _ = run("member", "list", *c, *actor, "--json")
        assert all(m["person_id"].endswith("-****") for m in json.loads(out))
    code, out, _ = run("member", "list", *c, "--json", "--show-personal-data")
    assert json.loads(out)[0]["person_id"] == "198503129804"
    # A member sees only themself, and their own number in full when asking for it.
    code, out, _ = run("member", "list", *c, "--as", "4", "--json", "--show-personal-data")
    assert code == 0
    assert [m["person_id"] for m in json.loads(out)] == ["195802119809"]


# -- clients ------------------------------------------------------------------------------------


def _private_client(folder: Path) -> None:
    code, out, err = run(
        "client", "add", "--coop", str(folder), "--name", "Kim Privat",
        "--personnummer", "19900101-9802", "--street", "Gatan 1", "--postal-code", "111 11",
        "--city", "Stockholm", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["person_id"] == "19900101-****"


def test_a_private_person_as_client_is_masked_for_members(coop_demo: Path) -> None:
    c = ("--coop", str(coop_demo))
    _private_client(coop_demo)
    code, out, _ = run("client", "show", "4", *c)
    assert "19900101-****" in out and "199001019802" not in out
    code, out, _ = run("client", "show", "4", *c, "--show-personal-data")
    assert "199001019802" in out
    # A member never sees another person's personnummer, asked for or not.
    for extra in ((), ("--show-personal-data",)):
        code, out, _ = run("client", "list", *c, "--as", "3", "--json", *extra)
        assert json.loads(out)[3]["person_id"] == "19900101-****"
        code, out, _ = run("client", "show", "4", *c, "--as", "3", *extra)
        assert "199001019802" not in out
    code, out, _ = run("client", "list", *c)
    assert code == 0
    assert "19900101-****" in out and "Kim Privat" in out


def test_client_update(coop_demo: Path) -> None:
    c = ("--coop", str(coop_demo))
    before = events(coop_demo)
    code, out, err = run(
        "client", "update", "1", *c, "--email", "ekonomi@stadsteatern.example",
        "--reference", "Stina Ek", "--json",
    )  # fmt: skip
    assert code == 0, err
    client = json.loads(out)
    assert client["email"] == "ekonomi@stadsteatern.example"
    assert client["reference"] == "Stina Ek"
    assert client["orgnr"] == "559912-3451"
    assert events(coop_demo) == before + 1
    code, out, _ = run("client", "show", "1", *c)
    assert "Stina Ek" in out and "Referens" in out


# -- assignments --------------------------------------------------------------------------------


def test_assignment_show_with_names(coop_demo: Path) -> None:
    code, out, _ = run("assignment", "show", "2", "--coop", str(coop_demo))
    assert code == 0
    assert "Bruno Dahl (2)" in out
    assert "Exempelstads kommun, kulturförvaltningen (2)" in out
    assert "26 000,00 kr" in out and "650,00 kr" in out and "pågående" in out
    code, out, _ = run("assignment", "show", "2", "--coop", str(coop_demo), "--json")
    shown = json.loads(out)
    assert shown["member_name"] == "Bruno Dahl" and shown["client_name"].startswith("Exempel")
    assert shown["amount_excl_vat"] == "26000.00"
    assert "-" in shown["member_id"]  # the ids stay beside the names for programs


def test_assignment_status_follows_the_allowed_transitions(coop_demo: Path) -> None:
    c = ("--coop", str(coop_demo))
    code, out, err = run(
        "assignment", "add", "--member", "3", "--client", "3", "--description", "Vårkonsert",
        "--start", "2027-04-01", "--end", "2027-04-01", "--amount", "9000", "--status",
        "planned", *c,
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run("assignment", "complete", "6", *c)
    assert code == 2 and "uppdrag 6 är planerat och kan inte bli avslutat" in _
    assert run("assignment", "start", "6", *c)[1].strip() == "Uppdrag 6 är pågående."
    assert run("assignment", "complete", "6", *c)[1].strip() == "Uppdrag 6 är avslutat."
    code, _, err = run("assignment", "cancel", "6", *c)
    assert code == 2 and "avslutat" in err
    code, out, _ = run("assignment", "list", *c, "--status", "completed", "--json")
    assert [a["number"] for a in json.loads(out)] == [6]
    code, out, _ = run("assignment", "cancel", "5", *c, "--json")
    assert json.loads(out)["status"] == "cancelled"


# -- payroll ------------------------------------------------------------------------------------


def test_payroll_preview_takes_the_salary_from_the_register(coop_demo: Path) -> None:
    c = ("--coop", str(coop_demo))
    code, out, err = run("payroll", "preview", "--assignment", "1", *c, "--json")
    assert code == 0, err
    shown = json.loads(out)
    with Cooperative.open(coop_demo) as coop:
        expected = coop.payroll.preview(Actor.admin(), 1)
    assert shown["salary"]["payout"] == str(expected.payout)
    assert shown["salary"]["preliminary_tax"] == str(expected.preliminary_tax)
    assert shown["paid_on"] == "2026-12-25"  # the first pay day (25th) after 2026-11-30
    assert shown["tax_mode"] == "table:33:1"  # the member's, from the register
    # 60 000 kr invoiced, 6 % fee: a budget of 56 400 kr (hand-worked).
    assert shown["salary"]["budget"] == "56400.00"
    code, out, _ = run("payroll", "preview", "--assignment", "1", *c)
    assert "Lön för uppdrag 1: Alva Berglund" in out
    assert f"{expected.payout:,.2f}".replace(",", " ").replace(".", ",") in out
    code, out, err = run("payroll", "preview", "--assignment", "3", *c, "--as", "3")
    assert code == 0, err


# -- init and demo ------------------------------------------------------------------------------


def test_init_copies_only_bundled_examples(tmp_path: Path) -> None:
    code, out, err = run("init", str(tmp_path / "mine"))
    assert code == 0, err
    assert "Skapade" in out  # the example is Swedish
    assert (tmp_path / "mine" / "cooperative.toml").is_file()
    assert not (tmp_path / "mine" / "demo.toml").exists()
    for bad in ("../../etc", "/etc", "interim_kultur/../..", "."):
        code, _, err = run("init", str(tmp_path / "x"), "--from", bad, "--lang", "en")
        assert code == 2 and "from:" in err, bad
        assert not (tmp_path / "x").exists()


def test_the_demo_fits_80_columns(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    env.pop("KOOPERATIV_LANGUAGE", None)
    done = subprocess.run(
        [sys.executable, "-m", "kooperativ.cli", "demo", "--dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    # Every amount of the payroll run's table is whole on its line, in Swedish: the
    # payouts of members 1, 3 and 5 and their sum.
    payout = next(line for line in lines if line.lstrip().startswith("Utbetalning"))
    assert [cell for cell in payout.split(" ") if cell][1:] == [
        "33\u00a0523,04", "5\u00a0238,08", "6\u00a0536,32", "45\u00a0297,44"
    ]  # fmt: skip
    assert "Demokooperativet Interim kultur AB" in done.stdout
    assert "Granskningsloggen är obruten" in done.stdout

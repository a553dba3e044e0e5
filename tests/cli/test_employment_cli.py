# SPDX-License-Identifier: EUPL-1.2
"""The employment commands as a user runs them on the demo cooperative: contracts, PDF,
signatures, hours, employment time, warnings in ``check`` and ``member show``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ.cli import app
from kooperativ.i18n import messages

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    code, out, err = run("demo", "--dir", str(folder))
    assert code == 0, out + err
    return folder


def events(demo: Path) -> int:
    code, out, _ = run("audit", "verify", "--coop", str(demo), "--json")
    report = json.loads(out)
    assert code == 0 and report["intact"]
    return int(report["events"])


def test_contract_list_show_and_pdf(demo: Path, tmp_path: Path) -> None:
    c = ("--coop", str(demo))
    code, out, _ = run("contract", "list", *c, "--json")
    assert code == 0 and len(json.loads(out)) == 5
    code, out, _ = run("contract", "show", "1", *c, "--json", "--on", "2026-08-01")
    shown = json.loads(out)
    assert shown["type"] == "sarskild_visstidsanstallning"
    # Demo members have their addresses registered: nothing the law asks for is missing.
    assert shown["information"]["missing"] == []
    target = tmp_path / "avtal.pdf"
    code, out, err = run("contract", "pdf", "1", *c, "--lang", "en", "--output", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF-")
    code, _, err = run("contract", "pdf", "1", *c, "--lang", "de", "--output", str(target))
    assert code == 2 and "stöds inte" in err  # the cooperative's language (cli helper)


def _unsigned_contract(demo: Path, member: int = 1) -> None:
    """Assignment 6 of ``member`` (2027-01-10 – 2027-02-10) and its contract 6, made on
    2026-12-01 and not yet signed (the demo's own contracts are signed when made)."""
    c = ("--coop", str(demo))
    code, _, err = run(
        "assignment", "add", "--member", str(member), "--client", "1", "--description", "Turné",
        "--start", "2027-01-10", "--end", "2027-02-10", "--amount", "20000", *c,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run("contract", "create", "--assignment", "6", "--made-on", "2026-12-01", *c)
    assert code == 0, err


def test_sign_by_the_parties_only(demo: Path) -> None:
    c = ("--coop", str(demo))
    _unsigned_contract(demo)
    before = events(demo)
    code, _, err = run("contract", "sign", "6", "--party", "employee", *c)
    # The cooperative's language is Swedish: so are its errors.
    assert code == 2 and "bara den anställda medlemmen signerar för sig själv" in err
    code, _, err = run("contract", "sign", "6", "--party", "employee", "--as", "3", *c)
    assert code == 2
    code, _, err = run("contract", "sign", "6", "--party", "employer", "--as", "1", *c)
    assert code == 2 and "får inte också signera det för arbetsgivaren" in err
    code, _, err = run("contract", "sign", "6", "--party", "landlord", *c)
    assert code == 2 and "part: 'landlord' är ingen part" in err
    code, _, err = run("contract", "sign", "1", "--party", "employee", "--as", "1", *c)
    assert code == 2 and "redan" in err  # the demo's contract 1 is signed already
    assert events(demo) == before  # nothing written
    at = ("--at", "2026-12-01T09:00+01:00")
    code, out, err = run(
        "contract", "sign", "6", "--party", "employee", "--as", "1", *at, *c, "--json"
    )
    assert code == 0, err
    assert json.loads(out)["signatures"][0]["name"] == "Alva Berglund"
    code, out, _ = run(
        "contract",
        "sign",
        "6",
        "--party",
        "employer",
        "--as",
        "2",
        "--at",
        "2026-12-01T10:00+01:00",
        *c,
    )
    assert code == 0 and "Båda parter har signerat." in out
    code, out, _ = run("contract", "list", *c, "--json")
    assert [row["signed"] for row in json.loads(out)] == [True] * 6


def test_create_and_end(demo: Path) -> None:
    c = ("--coop", str(demo))
    # A fixed date: without --made-on the contract is dated today, which after the demo's
    # assignment ended is refused for that reason first.
    code, _, err = run("contract", "create", "--assignment", "1", "--made-on", "2026-10-01", *c)
    assert code == 2 and "uppdrag 1 har redan avtal 1" in err
    code, _, err = run(
        "assignment", "add", "--member", "3", "--client", "1", "--description", "Turné",
        "--start", "2027-01-10", "--end", "2027-02-10", "--amount", "20000", *c,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run(
        "contract",
        "create",
        "--assignment",
        "6",
        "--end",
        "2027-01-01",
        "--made-on",
        "2026-12-01",
        *c,
    )
    assert code == 2 and "sista dag: avtalet skulle upphöra (2027-01-01) innan det börjar" in err
    code, out, err = run(
        "contract", "create", "--assignment", "6", "--type", "vikariat",
        "--basis", "Vikarie för D. Falk", "--made-on", "2026-12-01", *c, "--json",
    )  # fmt: skip
    assert code == 0, err
    created = json.loads(out)
    assert (created["number"], created["basis"]) == (6, "Vikarie för D. Falk")
    code, out, err = run(
        "contract", "end", "6", "--on", "2027-02-01", "--reason", "assignment_completed", *c
    )
    assert code == 0, err
    code, out, _ = run("contract", "show", "6", *c, "--json")
    assert json.loads(out)["end_reason"] == "assignment_completed"
    code, _, err = run("contract", "end", "6", "--on", "2027-02-02", "--reason", "nope", *c)
    assert code == 2 and "orsak: 'nope' är okänt" in err


def test_hours_add_confirm_list_and_time(demo: Path) -> None:
    c = ("--coop", str(demo))
    code, out, err = run(
        "employment", "hours", "add", "--assignment", "1", "--month", "2026-10", "--hours", "120",
        "--as", "1", *c, "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["month"] == "2026-10"
    run(
        "employment",
        "hours",
        "add",
        "--assignment",
        "1",
        "--month",
        "2026-10",
        "--hours",
        "7,5",
        *c,
    )
    before = events(demo)
    code, _, err = run(
        "employment", "hours", "add", "--assignment", "1", "--month", "2026-12", "--hours", "8", *c
    )
    assert code == 2 and "månad: inget anställningsavtal för uppdrag 1 omfattar 2026-12" in err
    code, _, err = run(
        "employment", "hours", "add", "--assignment", "1", "--month", "oktober", "--hours", "8", *c
    )
    assert code == 2 and "månad: 'oktober' är ingen månad (skriv ÅÅÅÅ-MM)" in err
    code, _, err = run("employment", "hours", "confirm", "1", "--as", "1", *c)
    assert code == 2 and "(endast kassör eller administratör)" in err
    assert events(demo) == before
    code, out, err = run("employment", "hours", "confirm", "1", "--as", "2", *c)
    assert code == 0 and "Bruno Dahl" in out
    code, out, _ = run("employment", "hours", "list", "--member", "1", *c, "--json")
    assert [(h["number"], h["hours"], h["confirmed_by"]) for h in json.loads(out)] == [
        (1, "120", "Bruno Dahl"),
        (2, "7.5", None),
    ]
    code, out, _ = run("employment", "time", "1", "--on", "2026-11-27", *c, "--json")
    time = json.loads(out)
    october = next(m for m in time["months"] if m["month"] == "2026-10")
    assert october == {
        "month": "2026-10",
        "days": {"sarskild_visstidsanstallning": 31},
        "gap_days": 0,
        "hours_reported": "127.5",
        "hours_confirmed": "120",
    }
    assert time["days_by_type"] == {"sarskild_visstidsanstallning": 88}
    sava = next(limit for limit in time["limits"] if limit["rule"] == "sava_conversion")
    assert (sava["limit_days"], sava["projected_on"]) == (360, "2027-08-27")
    code, out, _ = run("employment", "time", "1", "--on", "2026-11-27", *c)
    assert code == 0 and "Anställningstid för medlem 1" in out
    code, _, err = run("employment", "time", "1", "--as", "3", *c)
    assert code == 2


def test_employment_warnings_in_check_and_member_show(demo: Path) -> None:
    c = ("--coop", str(demo))
    # A long earlier SÄVA for member 4: 2025-11-01..2026-08-14 = 287 days, then the demo's
    # contract 4 from 2026-08-15 (the next day): the 361st SÄVA day is 2026-10-27, so on
    # 2026-10-01 the recorded contracts are warned about, and on 2026-11-01 it has passed.
    code, _, err = run(
        "assignment", "add", "--member", "4", "--client", "1", "--description", "Tidigare",
        "--start", "2025-11-01", "--end", "2026-08-14", "--amount", "90000", *c,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run("contract", "create", "--assignment", "6", "--made-on", "2025-10-20", *c)
    assert code == 0, err
    code, out, _ = run("check", *c, "--on", "2026-10-01", "--json")
    member = [p for p in json.loads(out) if (p["kind"], p["key"]) == ("member", "4")]
    assert any("2026-10-27" in p["message"] and p["severity"] == "warning" for p in member)
    code, out, _ = run("check", *c, "--on", "2026-11-01", "--json")
    assert code == 1  # the limit has been passed: an error
    assert any(p["where"] == "medlem 4" and p["severity"] == "error" for p in json.loads(out))
    code, out, _ = run("member", "show", "4", *c, "--json")
    warnings = json.loads(out)["employment_warnings"]
    assert any("tillsvidareanställning" in w for w in warnings)
    code, out, _ = run("member", "show", "4", *c)
    assert code == 0 and "tillsvidareanställning" in out


def _late_incomplete_contract(demo: Path) -> None:
    """Member 6 without an address and an unsigned SÄVA contract 6 made on 2026-08-20."""
    c = ("--coop", str(demo))
    code, _, err = run(
        "member", "add", "--first-name", "Dora", "--last-name", "Ek",
        "--personnummer", "19880601-9819", "--joined", "2026-01-01", *c,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run(
        "assignment", "add", "--member", "6", "--client", "1", "--description", "Turné",
        "--start", "2026-09-01", "--end", "2026-09-30", "--amount", "20000", *c,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run("contract", "create", "--assignment", "6", "--made-on", "2026-08-20", *c)
    assert code == 0, err


def _set_language(demo: Path, lang: str) -> None:
    toml = demo / "cooperative.toml"
    text = toml.read_text("utf-8")
    assert 'language = "sv"' in text
    toml.write_text(text.replace('language = "sv"', f'language = "{lang}"'), "utf-8")


def test_check_prints_contract_problems_in_the_cooperatives_language(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # one table row per problem, no wrapping
    _late_incomplete_contract(demo)
    c = ("--coop", str(demo))
    code, out, err = run("check", *c, "--on", "2026-09-10")
    assert code == 1, err  # work without a signed contract, information not given: errors
    rows = [line for line in out.splitlines() if "avtal 6 " in line]
    incomplete = "den skriftliga informationen är ofullständig: arbetstagarens adress (LAS 6 c §"
    assert any("varning" in row and incomplete in row for row in rows), out
    assert "skriftlig information har inte lämnats (skulle lämnas 2026-08-20 för " in out
    assert "uppgifterna om särskild visstidsanställning i punkt 3 b" in out
    assert "punkterna 1–7" in out  # 6 c §: points 1–7 within seven days, not 1–8
    assert any("fel" in row and "inte signerat av båda parter, men arbetet" in row for row in rows)
    assert "written information" not in out and "employee's address" not in out
    # The JSON speaks the language asked for (the cooperative's, or --lang).
    code, out, _ = run("check", *c, "--on", "2026-09-10", "--json", "--lang", "en")
    english = {p["message"] for p in json.loads(out) if p["where"] == "contract 6"}
    assert any(m.startswith("written information incomplete: employee's address") for m in english)
    # The same cooperative in English prints the English texts.
    _set_language(demo, "en")
    code, out, err = run("check", *c, "--on", "2026-09-10")
    assert code == 1, err
    assert "contract 6" in out and "warning" in out
    assert "written information incomplete: employee's address (LAS 6 c § andra stycket 1)" in out
    assert "written information not given (due 2026-08-20 for the SÄVA details of point 3 b" in out
    assert "points 1–7" in out
    assert "skriftlig" not in out and "arbetstagarens" not in out


def test_contract_show_and_time_warnings_follow_the_language(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    _late_incomplete_contract(demo)
    c = ("--coop", str(demo))
    code, out, err = run("contract", "show", "6", *c, "--on", "2026-09-10")
    assert code == 0, err
    assert "den skriftliga informationen är ofullständig: arbetstagarens adress" in out
    code, out, _ = run("contract", "show", "6", *c, "--on", "2026-09-10", "--json")
    # JSON messages are in the cooperative's language, with a stable code beside them.
    problems = json.loads(out)["information"]["problems"]
    assert problems[0]["code"] == "information.missing"
    assert problems[0]["message"].startswith(
        "den skriftliga informationen är ofullständig: arbetstagarens adress"
    )
    _set_language(demo, "en")
    code, out, err = run("contract", "show", "6", *c, "--on", "2026-09-10")
    assert code == 0, err
    assert "written information incomplete: employee's address" in out
    code, out, _ = run("contract", "show", "6", *c, "--on", "2026-09-10", "--json")
    problems = json.loads(out)["information"]["problems"]
    assert problems[0]["code"] == "information.missing"
    assert problems[0]["message"].startswith("written information incomplete: employee's address")


def test_contract_pdf_prints_default_terms_in_its_language(demo: Path, tmp_path: Path) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed")
    c = ("--coop", str(demo))
    texts = {}
    for lang in ("sv", "en"):
        target = tmp_path / f"avtal-{lang}.pdf"
        code, _, err = run("contract", "pdf", "1", *c, "--lang", lang, "--output", str(target))
        assert code == 0, err
        done = subprocess.run(
            [pdftotext, "-layout", str(target), "-"], capture_output=True, check=True, text=True
        )
        texts[lang] = " ".join(done.stdout.split())
    assert "Anställningen upphör utan uppsägning" in texts["sv"]
    assert "Månadsvis den 25:e" in texts["sv"]
    assert "The employment ends without notice" in texts["en"]
    assert "Monthly on day 25" in texts["en"]
    assert "Anställningen upphör" not in texts["en"] and "Månadsvis" not in texts["en"]


def test_every_employment_command_text_has_a_swedish_translation() -> None:
    import re

    from babel.messages.pofile import read_po

    import kooperativ.cli.employment as module

    used = set(re.findall(r'_\(\s*"((?:[^"\\]|\\.)*)"\s*\)', Path(module.__file__).read_text()))
    assert len(used) > 20, "too few texts found: the pattern is stale"
    # Parties are passed through the catalog by value (``_(party.value)``).
    used |= {"employee", "employer"}
    # Field labels, holiday terms and the texts of the law are looked up by value too.
    used |= set(module.FIELD_LABELS.values()) | set(module._HOLIDAY_LABELS.values())
    locales = Path(module.__file__).parent.parent / "i18n" / "locales"
    with (locales / "sv" / "LC_MESSAGES" / "employment.po").open("rb") as handle:
        swedish = {str(m.id): str(m.string) for m in read_po(handle) if m.id}
    # The command shows texts from every catalog (labels shared with the contract PDF).
    everywhere = messages("sv")
    untranslated = [u for u in used if not swedish.get(u) and everywhere(u) == u]
    assert sorted(untranslated) == []


# -- one language at a time, 80 columns, bad input ---------------------------------------------


def _lines(text: str) -> list[str]:
    return text.replace("\u00a0", " ").splitlines()


def test_contract_show_is_all_swedish_with_amounts_as_swedish_writes_them(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    c = ("--coop", str(demo))
    code, _, err = run(
        "assignment", "add", "--member", "3", "--client", "1", "--description", "Turné",
        "--start", "2027-01-10", "--end", "2027-02-10", "--amount", "20000", *c,
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(
        "contract", "create", "--assignment", "6", "--made-on", "2026-12-01",
        "--monthly-pay", "60 000", "--form", "vikariat", "--basis", "Vikarie för D. Falk", *c,
    )  # fmt: skip
    assert code == 0, err
    assert "Avtal 6: Vikariat, 2027-01-10 – 2027-02-10." in out
    code, out, err = run("contract", "show", "6", *c, "--on", "2026-12-01")
    assert code == 0, err
    text = "\n".join(_lines(out))
    for swedish in (
        "Anställningsform",
        "Vikariat",
        "Arbetstagare",
        "Cecilia Ek (medlem 3)",
        "Uppdrag",
        "6: Turné",
        "Månadslön",
        "60 000,00 kr",
        "Avtalsdatum",
        "Signerat av båda parter",
        "nej",
        "Semesterersättning som betalas ut med",
        "12 %",
        "Lön: Grundlön",
    ):
        assert swedish in text, swedish
    for english in ("made_on", "monthly_pay", "place_of_work", "Pay:", "Signed", "60,000"):
        assert english not in text, english
    assert all(len(line) <= 80 for line in _lines(out)), out
    # The same contract in an English cooperative: English labels, English amounts.
    _set_language(demo, "en")
    code, out, _ = run("contract", "show", "6", *c, "--on", "2026-12-01")
    text = "\n".join(_lines(out))
    assert "Form of employment" in text and "Substitute employment (vikariat)" in text
    assert "60,000.00 kr" in text and "Anställningsform" not in text


def test_contract_end_and_list_show_end_reasons_in_swedish(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    c = ("--coop", str(demo))
    code, out, err = run(
        "contract", "end", "2", "--on", "2026-11-15", "--reason", "assignment_completed", *c
    )
    assert code == 0, err
    assert "Avtal 2 upphörde 2026-11-15 (Uppdraget slutfört)." in out
    code, out, _ = run("contract", "list", *c)
    row = [line for line in _lines(out) if line.startswith("│2 ")]
    assert row and "2026-11-15 (Uppdraget" in row[0]  # the reason may wrap in its cell
    assert "slutfört)" in out
    assert "assignment_completed" not in out and "sarskild" not in out
    assert all(len(line) <= 80 for line in _lines(out)), out


def test_employment_time_is_swedish_and_fits_80_columns(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    c = ("--coop", str(demo))
    run(
        "employment", "hours", "add", "--assignment", "1", "--month", "2026-10",
        "--hours", "127,5", *c,
    )  # fmt: skip
    code, out, err = run("employment", "time", "1", "--on", "2026-11-27", *c)
    assert code == 0, err
    lines = _lines(out)
    assert all(len(line) <= 80 for line in lines), out
    text = "\n".join(lines)
    for swedish in ("Anställningstid för medlem 1", "SÄVA, fem år", "företrädesrätt, SÄVA",
                    "Passeras", "Gräns", "127,5", "LAS 5 a § första stycket 1"):  # fmt: skip
        assert swedish in text, swedish
    for english in ("five years", "Reported", "Limit", "preferential right", "127.5"):
        assert english not in text, english
    # JSON: data as stored, each finding with a stable code and a Swedish message.
    code, out, _ = run("employment", "time", "1", "--on", "2027-03-31", *c, "--json")
    time = json.loads(out)
    rights = time["preferential_rights"]
    assert [(r["right"], r["label"]) for r in rights] == [
        ("preferential_right_sava", "företrädesrätt till ny särskild visstidsanställning")
    ] or rights == []
    for warning in time["warnings"]:
        assert set(warning) == {
            *("severity", "code", "kind", "key", "template", "values"),
            *("where", "message"),
        }
        assert warning["where"].startswith("medlem ")


def test_member_show_lists_employment_findings_in_swedish(demo: Path) -> None:
    c = ("--coop", str(demo))
    code, _, err = run(
        "assignment", "add", "--member", "4", "--client", "1", "--description", "Tidigare",
        "--start", "2025-11-01", "--end", "2026-08-14", "--amount", "90000", *c,
    )  # fmt: skip
    assert code == 0, err
    run("contract", "create", "--assignment", "6", "--made-on", "2025-10-20", *c)
    code, out, _ = run("member", "show", "4", *c, "--json")
    warnings = json.loads(out)["employment_warnings"]
    assert warnings and all(w.startswith(("fel: ", "varning: ")) for w in warnings)


#: A contract for assignment 6 (made by the test): every case below fails for its own reason.
NEW = ["contract", "create", "--assignment", "6"]

#: Bad input to every employment command: (arguments, words naming the field in Swedish).
BAD_INPUT = [
    ([*NEW, "--made-on", "2026-13-01"], "avtalsdatum:"),
    ([*NEW, "--made-on", "igår"], "avtalsdatum:"),
    ([*NEW, "--made-on", "1800-01-01"], "avtalsdatum:"),
    ([*NEW, "--made-on", "2027-03-01"], "avtalsdatum:"),  # after the assignment ended
    ([*NEW, "--made-on", "2026-12-01", "--start", "2026-02-30"], "första dag:"),
    ([*NEW, "--made-on", "2026-12-01", "--end", "xyz"], "sista dag:"),
    ([*NEW, "--made-on", "2026-12-01", "--end", "2026-10-01"], "sista dag:"),
    ([*NEW, "--made-on", "2026-12-01", "--end", "9999-12-31"], "sista dag:"),
    ([*NEW, "--made-on", "2026-12-01", "--monthly-pay", "abc"], "månadslön:"),
    ([*NEW, "--made-on", "2026-12-01", "--monthly-pay", "1e400"], "månadslön:"),
    ([*NEW, "--made-on", "2026-12-01", "--monthly-pay", "-5"], "månadslön:"),
    ([*NEW, "--made-on", "2026-12-01", "--monthly-pay", "nan"], "månadslön:"),
    ([*NEW, "--made-on", "2026-12-01", "--monthly-pay", "200000000"], "månadslön:"),
    ([*NEW, "--made-on", "2026-12-01", "--form", "gig"], "anställningsform:"),
    ([*NEW, "--made-on", "2026-12-01", "--type", "heltid"], "anställningsform:"),
    ([*NEW, "--made-on", "2026-12-01", "--holiday-pay", "cash"], "semester:"),
    ([*NEW, "--made-on", "2026-12-01", "--number", "0"], "nummer:"),
    ([*NEW, "--made-on", "2026-12-01", "--number", "1"], "avtalsnummer 1 är redan upptaget"),
    (["contract", "create", "--assignment", "999", "--made-on", "2026-12-01"], "finns inte"),
    (["contract", "create", "--assignment", "1", "--made-on", "2026-08-01"], "har redan avtal 1"),
    (
        [*NEW, "--made-on", "2026-12-01", "--form", "provanstallning", "--end", "2027-08-01"],
        "sista dag:",
    ),
    (
        [
            *NEW,
            "--made-on",
            "2026-12-01",
            "--form",
            "tillsvidareanstallning",
            "--end",
            "2027-06-01",
        ],
        "sista dag:",
    ),
    (
        [*NEW, "--made-on", "2026-12-01", "--form", "allman_visstidsanstallning"],
        "anställningsform:",
    ),
    (
        [
            *NEW,
            "--made-on",
            "2026-12-01",
            "--end",
            "2027-06-30",
            "--holiday-pay",
            "semesterersattning",
        ],
        "semester:",
    ),
    (["contract", "show", "999"], "avtal '999' finns inte"),
    (["contract", "show", "1", "--on", "2026-02-31"], "dag:"),
    (["contract", "show", "1", "--on", "0001-01-01"], "dag:"),
    (["contract", "show", "1", "--as", "99"], "medlem '99' finns inte"),
    (["contract", "list", "--member", "999"], "medlem '999' finns inte"),
    (["contract", "pdf", "1", "--lang", "de"], "språk:"),
    (["contract", "pdf", "1", "--output", "/nonexistent/dir/avtal.pdf"], "fil:"),
    (["contract", "sign", "1", "--party", "landlord"], "part:"),
    (["contract", "sign", "1", "--party", "employee", "--as", "1", "--at", "igår"], "tidpunkt:"),
    (
        ["contract", "sign", "1", "--party", "employee", "--as", "1", "--at", "2026-09-01T10:00"],
        "tidpunkt:",
    ),
    (
        [
            "contract",
            "sign",
            "6",  # made on 2026-12-01 and not signed (the demo's contracts are signed)
            "--party",
            "employee",
            "--as",
            "1",
            "--at",
            "2026-01-01T10:00+01:00",
        ],
        "tidpunkt:",
    ),
    (["contract", "end", "1", "--on", "igår", "--reason", "resignation"], "dag:"),
    (["contract", "end", "1", "--on", "2026-10-01", "--reason", "nope"], "orsak:"),
    (["contract", "end", "1", "--on", "2030-01-01", "--reason", "resignation"], "dag:"),
    (["contract", "end", "1", "--on", "2026-01-01", "--reason", "resignation"], "dag:"),
    (["contract", "end", "999", "--on", "2026-10-01", "--reason", "resignation"], "finns inte"),
    (
        ["employment", "hours", "add", "--assignment", "1", "--month", "2026-13", "--hours", "8"],
        "månad:",
    ),
    (
        ["employment", "hours", "add", "--assignment", "1", "--month", "okt", "--hours", "8"],
        "månad:",
    ),
    (
        ["employment", "hours", "add", "--assignment", "1", "--month", "2026-10", "--hours", "abc"],
        "timmar:",
    ),
    (
        [
            "employment",
            "hours",
            "add",
            "--assignment",
            "1",
            "--month",
            "2026-10",
            "--hours",
            "1e400",
        ],
        "timmar:",
    ),
    (
        ["employment", "hours", "add", "--assignment", "1", "--month", "2026-10", "--hours", "0"],
        "timmar:",
    ),
    (
        ["employment", "hours", "add", "--assignment", "1", "--month", "2026-10", "--hours", "-1"],
        "timmar:",
    ),
    (
        ["employment", "hours", "add", "--assignment", "1", "--month", "2026-10", "--hours", "inf"],
        "timmar:",
    ),
    (
        ["employment", "hours", "add", "--assignment", "1", "--month", "2026-10", "--hours", "745"],
        "timmar:",
    ),
    (
        ["employment", "hours", "add", "--assignment", "1", "--month", "2026-09", "--hours", "721"],
        "timmar: 721 timmar i 2026-09 ryms inte",
    ),
    (
        ["employment", "hours", "add", "--assignment", "1", "--month", "2026-12", "--hours", "8"],
        "månad:",
    ),
    (
        ["employment", "hours", "add", "--assignment", "99", "--month", "2026-10", "--hours", "8"],
        "finns inte",
    ),
    (
        ["employment", "hours", "add", "--assignment", "1", "--month", "0001-01", "--hours", "8"],
        "månad:",
    ),
    (["employment", "hours", "list", "--month", "igår"], "månad:"),
    (["employment", "hours", "confirm", "999"], "tidrapport '999' finns inte"),
    (["employment", "time", "1", "--on", "2026-02-30"], "dag:"),
    (["employment", "time", "1", "--on", "1800-01-01"], "dag:"),
    (["employment", "time", "1", "--on", "9999-12-31"], "dag:"),
    (["employment", "time", "99"], "medlem '99' finns inte"),
]


def _fingerprint(demo: Path) -> tuple[int, str, str]:
    """The audit events and the records, to prove a refused command wrote nothing."""
    _, contracts, _ = run("contract", "list", "--coop", str(demo), "--json")
    _, hours, _ = run("employment", "hours", "list", "--coop", str(demo), "--json")
    return events(demo), contracts, hours


def test_bad_input_is_a_clear_swedish_error_and_writes_nothing(demo: Path) -> None:
    c = ["--coop", str(demo)]
    code, _, err = run(
        "assignment", "add", "--member", "3", "--client", "1", "--description", "Turné",
        "--start", "2027-01-10", "--end", "2027-02-10", "--amount", "20000", *c,
    )  # fmt: skip
    assert code == 0, err
    # Assignment 7 of member 1 with contract 6, unsigned, for the signature cases.
    code, _, err = run(
        "assignment", "add", "--member", "1", "--client", "1", "--description", "Turné",
        "--start", "2027-03-01", "--end", "2027-03-31", "--amount", "20000", *c,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run("contract", "create", "--assignment", "7", "--made-on", "2026-12-01", *c)
    assert code == 0, err
    before = _fingerprint(demo)
    for args, words in BAD_INPUT:
        result = runner.invoke(app, [*args, *c])
        output = result.stdout + result.stderr
        assert result.exit_code == 2, (args, output)
        assert "Traceback" not in output, (args, output)
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert output.startswith("fel: "), (args, output)
        assert words in output, (args, words, output)
    assert _fingerprint(demo) == before
    assert len(BAD_INPUT) >= 50

# SPDX-License-Identifier: EUPL-1.2
"""One language at a time: with ``language = "sv"`` nothing a user reads is English.

The sweep runs the command line as a user would, on a copy of the demo cooperative
(Swedish): the help of every command, then a session of commands with good and bad input,
as tables and as ``--json``. Every line printed is searched for English words (the
``english`` fixture of ``conftest.py``: common words that are not Swedish, machine codes
spared); in JSON only the texts meant for a person are (``message``, ``text``,
``summary`` …), the machine codes beside them are not. The bad-input corpus
(``test_corpus.py``) runs every one of its cases through the same detector in Swedish.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ.cli import app

runner = CliRunner()

English = Callable[[str], list[tuple[str, list[str]]]]


def test_the_detector_finds_english_and_spares_codes(
    english: English, human: Callable[[str], str]
) -> None:
    assert english("Preliminärskatt: Monthly income 21456 kr falls in the row")
    assert english("fel: år: Input should be greater than or equal to 1900")
    assert english("Fee 2026 of member 5 recorded (300,00 kr).")
    assert english("│ Flaggan finns inte: --colour (Possible options: --coop) │")
    assert not english("Skatteform: skattetabell 33, kolumn 1")
    assert not english("fel: typ: 'nonsense' är inte en sorts möte (välj annual, board)")
    assert not english("│ fees.rate = 0,06 │ kooperativets regler (cooperative.toml) │")
    assert not english("--tax <str> Skatteform, t.ex. table:33:1. [miljövariabel: X_Y]")
    assert not english("│ 51 │ admin │ ärende │ möte 19a6cec6 │ add2b689b95f │")
    assert human('{"error": {"code": "input", "message": "år: måste vara minst 1900"}}') == (
        "år: måste vara minst 1900"
    )


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, args, env={"COLUMNS": "100", **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"kooperativ {' '.join(args)} raised {result.exception!r}")
    return result.exit_code, result.stdout + result.stderr


# -- help ---------------------------------------------------------------------------------

#: Every command, as a user finds it in ``kooperativ --help`` and each group's help.
COMMANDS = {
    "": [
        *("init", "demo", "check", "member", "client", "assignment", "invoice", "contract"),
        *("employment", "payroll", "salary", "tax", "tax-table", "meeting", "fee", "bylaws"),
        *("audit", "db", "privacy", "ledger", "account", "expense", "salary-request"),
        *("bank", "project", "absence", "certificate", "export"),
        *("travel", "serve", "config", "access"),
    ],
    "member": ["add", "list", "show", "update", "admit", "resign", "exclude", "password"],
    "client": ["add", "list", "show", "update"],
    "assignment": ["add", "list", "show", "start", "complete", "cancel"],
    "invoice": ["create", "list", "show", "pdf", "peppol", "credit", "pay", "overdue", "remind"],
    "bank": ["import", "unmatched", "resolve", "credits", "apply-credit", "refund"],
    "contract": ["create", "show", "list", "pdf", "sign", "end"],
    "employment": ["time", "hours"],
    "employment hours": ["add", "confirm", "list"],
    "payroll": ["preview", "run", "show", "list", "approve", "mark-paid", "correct", "payslips"],
    "meeting": [
        *("create", "list", "notice", "agenda", "show", "officers", "attend", "proxy"),
        *("motion", "amend", "acclaim", "election", "vote", "paper-ballots", "close"),
        *("reserve", "minutes", "export", "import", "verify"),
    ],
    "fee": ["pay", "list"],
    "bylaws": ["check"],
    "config": ["schema"],
    "audit": ["verify", "list", "head"],
    "db": ["upgrade", "copy"],
    "access": ["cleanup"],
    "privacy": ["export", "retention", "due", "minimise", "pseudonymise", "pseudonymise-client"],
    "ledger": ["book", "list", "show", "correct", "close", "balance"],
    "account": ["show", "statement"],
    "expense": ["add", "approve", "reject", "list"],
    "absence": ["report", "confirm", "list", "sick-pay"],
    "export": ["sie", "pain001", "agi"],
    "travel": ["claim", "approve", "reject", "list", "show"],
    "salary-request": ["add", "approve", "reject", "list"],
    "project": ["add", "list", "show", "close", "move", "report", "grant"],
    "project grant": ["add", "receive"],
}


def _listed(help_text: str) -> set[str]:
    """The command names a group's help lists (the first word of each panel row)."""
    return set(re.findall(r"^│ ([a-z][a-z0-9-]+)\s{2,}", help_text, flags=re.MULTILINE))


@pytest.mark.parametrize("group", sorted(COMMANDS))
def test_every_help_is_swedish(group: str, english: English) -> None:
    sv = {"KOOPERATIV_LANGUAGE": "sv"}
    code, text = run([*group.split(), "--help"], sv)
    assert code == 0, text
    assert _listed(text) == set(COMMANDS[group]), "a command was added: list it here"
    for name in COMMANDS[group]:
        args = [*group.split(), name]
        if " ".join(args) in COMMANDS:
            continue  # a group: checked on its own
        code, text = run([*args, "--help"], sv)
        assert code == 0, text
        leaks = english(text)
        assert not leaks, f"kooperativ {' '.join(args)} --help: {leaks}"


# -- a session of commands ----------------------------------------------------------------

#: Command lines run in this order on one copy of the demo, each with and without
#: ``--json`` where it has that option: good input and bad. ``COOP`` is the cooperative's
#: folder, ``TMP`` a scratch folder; ``$JOB`` and ``$PAY`` stand for :data:`MACROS`. A
#: line starting with ``!`` runs outside the cooperative (the language from
#: ``KOOPERATIV_LANGUAGE``).
SESSION = """
!demo --dir TMP/another-demo
!init TMP/new-coop --from interim_kultur
!init TMP/new-coop --from nowhere
!membr list
member list --colour
member lst
!bylaws check COOP --coop COOP
!member show 1 --lang xx
check
check --json
member list
member show 1
member show 1 --show-personal-data
member show 99
member add --first-name A --last-name B --personnummer 19900101-0000
member add --first-name Ada --last-name Lind --personnummer 19960118-9807 --tax table:99:1
member add --first-name Ada --last-name Lind --personnummer 19960118-9807 --joined 2026-01-01
member update 6 --tax adjusted:25
member update 6 --tax one-off:300000
member show 6
member update 6 --email nope
member admit 6
member resign 6 --on 2000-01-01
client show 1
client add --name X --orgnr 559912-3452
client add --name X --orgnr 556677-8808 --vat-number SE12
assignment show 1
assignment add $JOB --end 2026-01-31 --amount 5
assignment add $JOB --end 2027-01-31 --amount 1e400
assignment add $JOB --end 2027-01-31 --amount 12.345
assignment cancel 99
invoice create 1 --date 2026-11-30
invoice create 2 --vat reverse_charge
invoice create 2 --line "Ljus;-2;850"
invoice list
invoice show A1
invoice pay A1 --amount 1000 --date 2026-12-01
invoice pay A1 --amount -5
invoice overdue --on 2026-12-01
bank unmatched
bank resolve 99 A1
bank credits
bank refund 99 --date 2026-12-01
bank apply-credit 99 A1 --date 2026-12-01
travel claim 1 --destination Umeå --km 100
travel claim 1 --destination Umeå --km 100 --on 2026-11-30
travel claim 1 --destination Umeå --departure 2026-11-02T08:00 --return 2026-11-03T20:00 --meal x
travel list
travel show 1
travel approve 1
travel show 99
invoice credit 1 --reason "Fel pris"
invoice credit 1
invoice show 99
payroll preview --assignment 1
payroll preview --assignment 1 --trace
payroll preview --assignment 1 --paid 2019-01-25
salary --invoice 30000 $PAY --trace
salary --invoice 30000 $PAY --paid-this-month 10000 --trace
salary --net 20000 $PAY
salary --gross 20000 --birth-date 1958-03-12 --paid 2026-03-25 --tax side-income --trace
salary --budget 20000 --birth-date 2005-03-12 --paid 2026-05-25 --tax sink --pension 0.045 --trace
salary --gross 20000 $PAY --tax adjusted:25 --no-holiday-pay --trace
salary --gross 20000 $PAY --tax one-off:300000 --trace
salary --gross 200 $PAY --tax no-info:33:1 --trace
salary --gross 20000 --birth-date 1958-03-12 --paid 2026-03-25 --tax table:33:1
salary --invoice 1e400 $PAY
salary --invoice 30000 --birth-date 1985-03-12 --paid 2019-03-25
salary --invoice 30000 $PAY --tax table:33:9
salary --invoice 30000 $PAY --tax sometimes
salary --invoice 30000 --gross 5 $PAY
salary $PAY
!salary --invoice 30000 $PAY --tax table:33:1
!tax --year 2026 --table 33 --column 1 --income 30000
!tax --year 2026 --table 99 --column 1 --income 30000
!tax --year 2019 --table 33 --column 1 --income 30000
!tax --year 2026 --table 33 --column 1 --income abc
!tax-table --year 2026 --table 33 --column 7
contract show 1
contract list
contract sign 1 --party employee --at 2026-08-25
contract sign 1 --party nobody --at 2026-08-25T10:00+02:00
contract end 2 --on 2026-12-01 --reason nonsense
contract create --assignment 1 --form vikariat --start 2027-01-01 --end 2027-01-31
contract create --assignment 99 --start 2027-01-01
employment time 1
employment time 99
employment hours add --assignment 1 --month 2026-10 --hours 37.5
employment hours add --assignment 1 --month 2026-10 --hours 999
employment hours add --assignment 1 --month 2026-13 --hours 5
employment hours list
employment hours confirm 1 --as 1
fee pay --member 5 --year 2026 --amount 300 --paid 2026-11-01
fee pay --member 5 --year 1800 --amount 300 --paid 2026-11-01
fee pay --member 5 --year 2026 --amount -3 --paid 2026-11-01
fee list
!bylaws check COOP
!bylaws check COOP/cooperative.toml
meeting create --kind annual --date 2027-03-20 --location Kulturhuset
meeting create --kind nonsense --date 2027-03-20
meeting create --kind annual --date 2027-13-20
meeting show 1
meeting notice 1 --sent 2027-03-18 --method email
meeting notice 1 --sent 2027-03-18 --method pigeon
meeting agenda 1
meeting officers 1 --chair "Alva Berglund" --secretary "Bruno Dahl" --adjuster "Cecilia Ek"
meeting attend 1 1 2 3 4
meeting attend 1 99
meeting proxy 1 --principal 5 --proxy 3 --dated 2027-03-10
meeting motion 1 --title Ansvarsfrihet --text "Styrelsen beviljas ansvarsfrihet." --item discharge
meeting acclaim 1 1
meeting motion 1 --title Avgift --text "200 kr."
meeting amend 1 2 --text "250 kr." --proposer "Cecilia Ek"
meeting vote 1 --motion 2 --choice amendment --as 2
meeting vote 1 --motion 2 --choice maybe --as 2
meeting close 1 --motion 2
meeting close 1 --motion 2 --chair-vote maybe
meeting close 1 --motion 2 --chair-vote proposal
meeting election 1 --office Styrelse --seats 0 --candidate A --candidate B
meeting election 1 --office Styrelse --candidate "Alva Berglund" --candidate "Bruno Dahl" --secret
meeting vote 1 --election 1 --choice "Alva Berglund" --as 1
meeting close 1 --election 1
meeting reserve 1 --item "motion 2" --text "Nej." --as 3
meeting show 1
meeting close 1
meeting close 1
meeting list
meeting minutes 1 --md TMP/m.md
meeting export 1 --output TMP/m.toml
!meeting verify TMP/m.toml --bylaws COOP/bylaws.toml
meeting verify 1
meeting import COOP/stadgar.md
meeting import TMP/garbage.toml
meeting import TMP/truncated.json
meeting verify TMP/latin1.toml
audit verify
audit list
audit head
privacy export 1
privacy retention 1
privacy due
privacy minimise 3 --yes
privacy pseudonymise 3 --yes
privacy pseudonymise-client 1 --yes
db upgrade
db copy --to sqlite:///TMP/copy.db
db copy --to sqlite:///TMP/copy.db
db copy --to nonsense://x
access cleanup
member exclude 99
payroll payslips 99 --out TMP/slips
export pain001 --run 99
export pain001 --run 99 --version 07
export agi --period 2026-13
export agi --period 2026-11 --corrections-only
"""

#: What ``$NAME`` in :data:`SESSION` stands for.
MACROS = {
    "$JOB": "--member 1 --client 1 --description Ljus --start 2027-01-01",
    "$PAY": "--birth-date 1985-03-12 --paid 2026-03-25",
}

#: Commands of the session that have ``--json``; each also runs with it.
_JSON = re.compile(
    r"^(check|member (list|show|add|update)|client|assignment|payroll|salary|!?tax |contract"
    r" (show|list|sign|end|create)|invoice (create|list|show|credit)|employment|fee|"
    r"meeting (create|show|notice|agenda|vote|"
    r"close|election|verify|import|list)|audit|privacy (export|retention|due|pseudonymise)|db copy|"
    r"!bylaws)"
)


def _session() -> Iterator[tuple[str, bool]]:
    for line in SESSION.strip().splitlines():
        yield line, False
        if _JSON.match(line):
            yield line, True


@pytest.fixture(scope="module")
def session_output(
    demo_folder: Path, tmp_path_factory: pytest.TempPathFactory, human: Callable[[str], str]
) -> list[str]:
    """Every command of :data:`SESSION`, run once, with what it printed."""
    scratch = tmp_path_factory.mktemp("one-language")
    coop = scratch / "demo"
    shutil.copytree(demo_folder, coop)
    (scratch / "garbage.toml").write_bytes(b"\x00\xff\xfe nonsense = = =")
    (scratch / "truncated.json").write_text('{"number": 1, "kind": "ann', "utf-8")
    (scratch / "latin1.toml").write_bytes("kind = 'årsmöte'\n".encode("latin-1"))
    outputs = []
    for line, as_json in _session():
        outside = line.startswith("!")
        text = line.lstrip("!").replace("COOP", str(coop)).replace("TMP", str(scratch))
        for name, value in MACROS.items():
            text = text.replace(name, value)
        args = shlex.split(text) + (["--json"] if as_json else [])
        if outside:
            code, out = run(args, {"KOOPERATIV_LANGUAGE": "sv"})
        else:
            code, out = run([*args, "--coop", str(coop)])
        assert "Traceback" not in out, f"{text}: {out}"
        outputs.append(f"$ kooperativ {' '.join(args)}  [{code}]\n{human(out)}")
    outputs.append(f"# scratch {scratch}")
    return outputs


def _scratch(session_output: list[str]) -> Path:
    return Path(session_output[-1].removeprefix("# scratch "))


def test_the_minutes_are_swedish(session_output: list[str], english: English) -> None:
    minutes = _scratch(session_output) / "m.md"
    text = minutes.read_text("utf-8")
    assert "Protokoll" in text
    assert not english(text)


def test_the_session_prints_no_english(session_output: list[str], english: English) -> None:
    leaks = [
        f"{block.splitlines()[0]}\n    {line}  {words}"
        for block in session_output[:-1]
        for line, words in english("\n".join(block.splitlines()[1:]))
    ]
    assert not leaks, "English in Swedish output:\n" + "\n".join(leaks)


def test_the_session_prints_numbers_the_swedish_way(session_output: list[str]) -> None:
    """Amounts with a decimal comma and grouped thousands (``60 000,00``), never a
    decimal point or an exponent (``1E+3``)."""
    bad = [
        f"{block.splitlines()[0]}\n    {line}"
        for block in session_output[:-1]
        for line in block.splitlines()[1:]
        if re.search(r"(?<![\w.:/-])\d+\.\d+(?![\w.:/-])|\d[eE]\+\d", line)
        and not re.search(r"\d+\.\d+\.\d+", line)  # a version number
    ]
    assert not bad, "numbers not in the Swedish form:\n" + "\n".join(bad)

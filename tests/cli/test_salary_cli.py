# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ salary``, ``tax`` and ``tax-table`` as a user runs them."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ import Cooperative
from kooperativ.cli import app
from kooperativ.cli.salary import LABELS
from kooperativ.payroll import FIELDS

runner = CliRunner()
SHARED = (
    Path(os.environ.get("KOOPERATIV_SHARED") or Path(__file__).resolve().parents[3] / "shared")
    / "skatteverket"
)
BASE = ["salary", "--birth-date", "1985-03-01", "--paid", "2026-11-25"]


def run(*args: str, **env: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env or None)
    return result.exit_code, result.stdout, result.stderr


#: English, for the tests that read English messages: without a cooperative the commands
#: speak the country's language (Sweden: Swedish), errors included.
ENGLISH = {"KOOPERATIV_LANGUAGE": "en"}


def test_salary_json_fields() -> None:
    code, out, err = run(
        *BASE, "--invoice", "30000", "--fee", "0.06", "--tax", "table:33:1", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"invoiced", *FIELDS, "trace"}
    # Hand-worked in tests/payroll/test_salary.py: gross 19 158, tax 3 780 (table 33).
    assert data["gross_salary"] == "19158.00"
    assert data["preliminary_tax"] == "3780"
    assert data["net_pay"] == "17676.96"
    assert all(isinstance(data[name], str) for name in FIELDS)
    assert [line["field"] for line in data["trace"]] == list(FIELDS)
    assert set(data["trace"][0]) == {
        "field",
        "amount",
        "rule",
        "parameters",
        "reference",
        "formula",
        "text",  # the rule, reference and formula in the output's language
    }
    Decimal(data["remainder"])  # amounts are decimal strings


def test_salary_readable_swedish_and_english() -> None:
    code, out, err = run(*BASE, "--gross", "20000", "--tax", "side-income")
    assert code == 0, err
    assert "Semesterersättning" in out and "Arbetsgivaravgifter" in out
    # 20 000 × 12 %, with Swedish separators (babel uses a no-break space)
    assert "2 400,00" in out.replace("\u00a0", " ")
    code, out, err = run(
        *BASE, "--gross", "20000", "--tax", "side-income", "--lang", "en", "--trace"
    )
    assert code == 0, err
    assert "Holiday pay" in out and "2,400.00" in out
    assert "16 b" in out  # the reference is shown with --trace


def test_net_with_fee_shows_invoice_needed() -> None:
    code, out, err = run(
        *BASE, "--net", "15019.96", "--fee", "0.06", "--tax", "side-income", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["invoiced"] == "29998.66"  # worked in test_salary.py


def test_no_holiday_pay_and_pension() -> None:
    code, out, err = run(
        *BASE,
        "--gross",
        "10000",
        "--no-holiday-pay",
        "--pension",
        "0.045",
        "--tax",
        "side-income",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["holiday_pay"] == "0.00"
    assert data["pension"] == "450.00"  # 10 000 × 4.5 %
    assert data["pension_tax"] == "109.17"  # 450 × 24.26 % = 109.17


def coop_folder(tmp_path: Path, replace: dict[str, str] | None = None) -> Path:
    """A copy of the example cooperative, with ``replace`` applied to cooperative.toml."""
    folder = Cooperative.init(tmp_path / "coop")
    path = folder / "cooperative.toml"
    text = path.read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return folder


def test_coop_folder(tmp_path: Path) -> None:
    folder = coop_folder(
        tmp_path,
        {
            'holiday_pay = "semesterersattning"': 'holiday_pay = "none"',
            'default_tax = "table:33:1"': 'default_tax = "side-income"',
        },
    )
    code, out, err = run(*BASE, "--invoice", "30000", "--coop", str(folder), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["fee"] == "1800.00"
    assert data["holiday_pay"] == "0.00"
    # 28 200 / 1.3142 = 21 457.92 → gross 21 457
    assert data["gross_salary"] == "21457.00"
    assert data["preliminary_tax"] == str(int(Decimal("21457") * Decimal("0.30")))  # 6437


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        (None, "cooperative.toml"),
        ({"[fees]": "[fees"}, "not valid TOML"),
        ({'holiday_pay = "semesterersattning"': 'holiday_pay = "sometimes"'}, "se.holiday_pay"),
        ({'rate = "0.06"': 'rate = "abc"'}, "fees.rate"),
        ({"[se]": "[payroll]\nholiday_pay = 1\n[se]"}, "payroll"),
    ],
)
def test_bad_coop_folder(tmp_path: Path, replace: dict[str, str] | None, message: str) -> None:
    folder = tmp_path / "empty" if replace is None else coop_folder(tmp_path, replace)
    code, _, err = run(*BASE, "--invoice", "100", "--coop", str(folder), "--tax", "side-income")
    assert code == 2
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--invoice", "100", "--fee", "0.06", "--tax", "table:99:1"], "table"),
        (["--gross", "-5", "--tax", "side-income"], "negative"),
        (["--gross", "abc", "--tax", "side-income"], "not a number"),
        (["--invoice", "100", "--gross", "100", "--fee", "0", "--tax", "side-income"], "only one"),
        (["--tax", "side-income"], "one of"),
        (["--invoice", "100", "--tax", "side-income"], "--fee"),
        (["--gross", "100"], "--tax"),
        (["--gross", "100", "--tax", "side-income", "--lang", "de"], "lang"),
    ],
)
def test_bad_input_exits_2(args: list[str], message: str) -> None:
    code, _, err = run(*BASE, *args, **ENGLISH)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_birth_after_payment_and_missing_year() -> None:
    code, _, err = run(
        "salary",
        "--birth-date",
        "2030-01-01",
        "--paid",
        "2026-11-25",
        "--gross",
        "100",
        "--tax",
        "side-income",
        **ENGLISH,
    )
    assert code == 2 and "birth_date" in err
    code, _, err = run(
        "salary",
        "--birth-date",
        "1985-01-01",
        "--paid",
        "2019-11-25",
        "--gross",
        "100",
        "--tax",
        "side-income",
        **ENGLISH,
    )
    assert code == 2 and "2019" in err
    code, _, err = run(
        "salary", "--birth-date", "1985-01-01", "--gross", "100", "--tax", "side-income", **ENGLISH
    )
    assert code == 2 and "--paid" in err


def test_tax_deduction() -> None:
    # Skatteverket 2026, table 33, row 34 801–35 000, column 1: 7 134 kr.
    code, out, err = run(
        "tax", "--year", "2026", "--table", "33", "--column", "1", "--income", "35000"
    )
    assert code == 0, err
    assert out.strip() == "7134"
    code, _, err = run("tax", "--year", "2026", "--table", "33", "--column", "1", "--income", "-1")
    assert code == 2


def test_tax_table_rows() -> None:
    code, out, err = run("tax-table", "--year", "2026", "--table", "33", "--column", "1")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "1;2000;0"
    assert "34801;35000;7134" in lines
    assert "80001;81000;33%" in lines  # first percent row, as in Skatteverket's file
    assert lines[-1] == "1053601;;52%" or lines[-1].endswith(";;52%")
    code, _, err = run("tax-table", "--year", "2019", "--table", "33", "--column", "1")
    assert code == 2 and "Traceback" not in err


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/skatteverket not available")
def test_tax_table_gives_the_official_deduction_for_every_row() -> None:
    # Our percent rows merge Skatteverket's rows whose column-1 percentage is the same
    # (the published file splits wherever any of the six columns changes), so compare
    # the deduction at both ends of every published row.
    code, out, _ = run("tax-table", "--year", "2026", "--table", "33", "--column", "1")
    assert code == 0
    ours = []
    for line in out.splitlines():
        low, high, value = line.split(";")
        ours.append((int(low), int(high) if high else None, value))

    def value_at(income: int) -> str:
        for low, high, value in ours:
            if income >= low and (high is None or income <= high):
                return value
        raise AssertionError(income)

    rows = (SHARED / "manadstabeller-2026.csv").read_text("utf-8").splitlines()[1:]
    checked = 0
    for row in rows:
        _year, kind, table, low, high, col1 = row.split(";")[:6]
        if table != "33":
            continue
        expected = col1 + ("%" if kind == "30%" else "")
        for income in (int(low), int(high) if high else int(low) + 10_000):
            assert value_at(income) == expected, (low, high)
            checked += 1
    assert checked > 1000


def test_every_label_is_translated() -> None:
    from babel.messages.pofile import read_po

    import kooperativ

    locales = Path(kooperativ.__file__).parent / "i18n" / "locales"
    catalogs = {}
    for lang in ("sv", "en"):
        with (locales / lang / "LC_MESSAGES" / "salary.po").open("rb") as handle:
            catalogs[lang] = {str(m.id): str(m.string) for m in read_po(handle) if m.id}
    source = (Path(kooperativ.__file__).parent / "cli" / "salary.py").read_text("utf-8")
    import re

    used = set(LABELS.values()) | set(re.findall(r'_\(\s*"((?:[^"\\]|\\.)*)"\s*\)', source))
    used |= set(re.findall(r"_\(\s*'((?:[^'\\]|\\.)*)'\s*\)", source))
    assert tuple(LABELS) == FIELDS
    for lang, catalog in catalogs.items():
        missing = sorted(text for text in used if not catalog.get(text))
        assert not missing, f"{lang}: {missing}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # Each a traceback or a hang on today's main.
        (["--invoice", "1e400", "--fee", "0.06"], "invoiced: is more than 100000000"),
        (["--net", "1e9"], "net: is more than 100000000"),
        (["--gross", "0"], "gross: must be more than 0"),
        (["--gross", "100", "--paid-this-year", "1e30"], "paid_this_year"),
    ],
)
def test_absurd_amounts_are_refused(args: list[str], message: str) -> None:
    code, _, err = run(*BASE, *args, "--tax", "side-income", **ENGLISH)
    assert code == 2
    assert message in " ".join(err.split())
    assert "Traceback" not in err


def test_net_at_the_limit_is_answered() -> None:
    # 1e8 kr net took 29 s on today's main; the bound iteration needs a few dozen steps.
    code, out, err = run(*BASE, "--net", "100000000", "--tax", "table:33:1", "--json")
    assert code == 0, err
    assert Decimal(json.loads(out)["net_pay"]) >= Decimal("100000000")


def test_paid_this_month_on_its_own() -> None:
    # Today's main refuses it ("more than the year's pay so far"). 20 000 kr after
    # 20 000 kr earlier in the month: table 33 on 40 000 kr (8 402) less 3 391 = 5 011.
    args = ["--gross", "20000", "--no-holiday-pay", "--tax", "table:33:1", "--json"]
    code, out, err = run(*BASE, *args, "--paid-this-month", "20000")
    assert code == 0, err
    assert json.loads(out)["preliminary_tax"] == "5011"
    code, out, err = run(*BASE, *args)
    assert json.loads(out)["preliminary_tax"] == "3391"


def test_column_is_checked_against_the_age() -> None:
    code, _, err = run(
        "salary", "--birth-date", "1955-06-01", "--paid", "2026-11-25", "--gross", "20000",
        "--tax", "table:33:1", **ENGLISH,
    )  # fmt: skip
    assert code == 2
    assert "use column 3" in err


def test_coop_and_another_country_are_refused(tmp_path: Path) -> None:
    folder = coop_folder(tmp_path)
    code, _, err = run(*BASE, "--gross", "100", "--coop", str(folder), "--country", "NO")
    assert code == 2 and "--country" in err

# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ init --from interim_kultur``: the copy gets its own name, and its own
scenario tests (collected by kooperativ.testing's plugin) pass inside the copy."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kooperativ.examples
from kooperativ.cli import app
from kooperativ.config import load_config
from kooperativ.examples import examples_root, rename_cooperative

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--lang", "en"], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_init_names_the_copy_and_runs_its_tests(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    code, out, err = run(
        "init", str(folder), "--from", "interim_kultur", "--name", "Min kooperativ"
    )
    assert code == 0, out + err
    assert "Name: Min kooperativ AB" in out
    assert "Name: Min kooperativ ideell förening" in out
    # The example's three salary scenarios (examples/interim_kultur/tests/salary.toml).
    assert f"Tests of {folder}: 3 passed" in out
    config = load_config(folder)  # still a valid cooperative.toml
    assert config.employer.name == "Min kooperativ AB"
    assert config.association is not None
    assert config.association.name == "Min kooperativ ideell förening"
    text = (folder / "cooperative.toml").read_text("utf-8")
    assert "example_values = true" in text  # `kooperativ check` keeps warning
    assert 'name = "Min kooperativ AB"                    # example value' in text
    assert not (folder / "demo.toml").exists()
    assert not list(folder.rglob("__pycache__")) and not (folder / ".pytest_cache").exists()


def test_no_tests_skips_them_and_no_name_keeps_the_example_s(tmp_path: Path) -> None:
    code, out, err = run("init", str(tmp_path / "c"), "--no-tests")
    assert code == 0, err
    assert "Tests of" not in out and "Name:" not in out
    assert load_config(tmp_path / "c").employer.name == "Interim kultur AB"


@pytest.mark.parametrize("name", ["", "   ", "Två\nrader", "Tab\there"])
def test_a_bad_name_is_refused_and_nothing_is_written(tmp_path: Path, name: str) -> None:
    code, _, err = run("init", str(tmp_path / "c"), "--name", name, "--no-tests")
    assert code == 2 and "name:" in err, err
    assert not (tmp_path / "c").exists()


def test_a_name_with_quotes_stays_valid_toml(tmp_path: Path) -> None:
    folder = shutil.copytree(examples_root() / "interim_kultur", tmp_path / "c")
    names = rename_cooperative(folder, 'Kultur "Nu" & Co\\')
    assert names == {
        "employer": 'Kultur "Nu" & Co\\ AB',
        "association": 'Kultur "Nu" & Co\\ ideell förening',
    }
    data = tomllib.loads((folder / "cooperative.toml").read_text("utf-8"))
    assert data["employer"]["name"] == names["employer"]
    assert data["employer"]["address"]["city"] == "Stockholm"  # the rest untouched


def test_a_failing_scenario_fails_init_with_pytest_s_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "examples"
    broken = shutil.copytree(examples_root() / "interim_kultur", root / "broken")
    case = broken / "tests" / "salary.toml"
    case.write_text(case.read_text("utf-8").replace('fee = "1800.00"', 'fee = "1900.00"'))
    monkeypatch.setattr(kooperativ.examples, "examples_root", lambda: root)
    code, _, err = run("init", str(tmp_path / "c"), "--from", "broken")
    assert code == 1
    assert "1 failed, 2 passed" in err
    assert "1900.00" in err  # pytest's report names the amount expected

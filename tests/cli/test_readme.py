# SPDX-License-Identifier: EUPL-1.2
"""The README's "Use" block runs, command after command, on a fresh folder."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kooperativ.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"


def use_block() -> list[list[str]]:
    """The commands of the first ``sh`` block under "## Use", continuation lines joined."""
    text = README.read_text("utf-8").split("## Use", 1)[1]
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        if words:
            assert words[0] == "kooperativ", line
            commands.append(words[1:])
    return commands


def test_the_readme_use_block_runs_in_sequence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    commands = use_block()
    assert len(commands) >= 10
    runner = CliRunner()
    for args in commands:
        result = runner.invoke(app, args)
        # `check` runs on today's date and exits 1 when it finds an error (e.g. a year
        # whose tax figures are not in the rules yet): a finding, not a failed command.
        allowed = (0, 1) if args[0] == "check" else (0,)
        assert result.exit_code in allowed, f"kooperativ {shlex.join(args)}\n{result.output}"
        assert "Traceback" not in result.output
    assert (tmp_path / "my-coop" / "kooperativ.db").is_file()
    # …and the README's Python example after it, on the same folder.
    python = README.read_text("utf-8").split("```python\n")[1:]
    assert python, "the README lost its Python example"
    for code in python:
        exec(compile(code.split("```", 1)[0], "README.md", "exec"), {"__name__": "readme"})


def test_the_readme_keeps_two_one_line_commands_for_a_fresh_clone() -> None:
    quick = README.read_text("utf-8").split("## Quickstart", 1)[1].split("## Use", 1)[0]
    blocks = [b.split("```", 1)[0].strip() for b in quick.split("```sh\n")[1:]]
    assert len(blocks) == 2 and all("\n" not in b for b in blocks)

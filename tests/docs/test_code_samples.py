# SPDX-License-Identifier: EUPL-1.2
"""Every Python code sample of the docs runs, page by page, in sequence, on a fresh folder.

The convention (written for the docs' authors in ``docs/contributing-docs.md``):

* A page's ````` ```python ````` blocks run in order in **one namespace per page**, so a
  later block uses what an earlier one made. A page whose samples use a ``coop`` says
  where it comes from in its first block.
* Each page runs in a **fresh working folder** holding ``kooperativ-demo/`` — what
  ``kooperativ demo`` leaves (the Interim kultur example with its fictional members,
  clients and a month run through to payroll) — and ``my-coop/``, a copy of the same
  (so the members, invoices and runs a sample names exist), and ``../shared`` when the
  reference files are there (``KOOPERATIV_SHARED``; a page whose sample reads them is
  skipped, with the reason, without them).
* A block of ``>>>`` lines is a doctest: it runs in the same namespace and what it
  prints must be what the page shows.
* A block that is deliberately not run (an excerpt of a fictional package, a backend that
  does not exist) has ``<!-- not-run: reason -->`` on the line right before it.
  :data:`NOT_RUN` lists them, so that they stay few and each is a decision.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason="docs/ not found")

FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
NOT_RUN_MARK = re.compile(r"<!--\s*not-run:\s*(.+?)\s*-->\s*$")

#: The blocks that are not run, by page: how many, each with its reason on the page.
NOT_RUN = {
    "howto/country-package.md": 3,  # the example package's source, and what needs pip install
    "howto/country-rules.md": 7,  # excerpts of a fictional country package's source
    "storage.md": 1,  # a contract test for a storage backend that does not exist
}


@dataclass(frozen=True)
class Block:
    page: str
    line: int
    code: str
    not_run: str | None


def blocks(page: Path) -> list[Block]:
    """The ``python`` blocks of ``page``, in order, with their not-run reasons."""
    text = page.read_text("utf-8")
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        reason = NOT_RUN_MARK.search(before)
        found.append(
            Block(
                page=page.relative_to(DOCS).as_posix(),
                line=text.count("\n", 0, match.start()) + 1,
                code=match.group(1),
                not_run=reason.group(1) if reason else None,
            )
        )
    return found


def pages() -> list[str]:
    return sorted(
        path.relative_to(DOCS).as_posix()
        for path in DOCS.rglob("*.md")
        if any(b.not_run is None for b in blocks(path))
    )


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kooperativ demo``'s folder, made once; each page gets a copy."""
    from kooperativ import demo

    folder = tmp_path_factory.mktemp("demo") / "kooperativ-demo"
    clock = demo.DemoClock()
    with demo.create(folder, clock=clock) as coop:
        demo.run_month(coop, folder, clock=clock)
        demo.run_meeting(coop, folder, clock=clock)
    return folder


def run_page(page: str, namespace: dict[str, object]) -> int:
    """Run the page's blocks in ``namespace``; the number of blocks run."""
    ran = 0
    for block in blocks(DOCS / page):
        if block.not_run is not None:
            continue
        name = f"docs/{page}:{block.line}"
        if "../shared" in block.code and not Path("../shared").is_dir():
            pytest.skip(f"{name} reads ../shared: set KOOPERATIV_SHARED to the shared folder")
        if block.code.lstrip().startswith(">>>"):
            test = doctest.DocTestParser().get_doctest(block.code, namespace, name, name, 0)
            runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
            runner.run(test, clear_globs=False)
            assert runner.summarize(verbose=False).failed == 0, f"{name}: a doctest failed"
            namespace.update(test.globs)  # the doctest ran in a copy of the namespace
        else:
            exec(compile(block.code, name, "exec"), namespace)
        ran += 1
    return ran


@pytest.mark.parametrize("page", pages())
def test_the_page_samples_run(
    page: str, demo_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    shutil.copytree(demo_folder, work / "kooperativ-demo")
    shutil.copytree(demo_folder, work / "my-coop")
    shared = os.environ.get("KOOPERATIV_SHARED")
    if shared and Path(shared).is_dir():
        (tmp_path / "shared").symlink_to(Path(shared).resolve())
    monkeypatch.chdir(work)
    monkeypatch.delenv("KOOPERATIV_DATABASE_URL", raising=False)
    namespace: dict[str, object] = {"__name__": "docs_sample"}
    try:
        assert run_page(page, namespace) > 0
    finally:
        from kooperativ import Cooperative

        for value in namespace.values():
            if isinstance(value, Cooperative):
                value.close()


def test_the_blocks_not_run_are_the_listed_ones() -> None:
    counted: dict[str, int] = {}
    for path in DOCS.rglob("*.md"):
        for block in blocks(path):
            if block.not_run is not None:
                counted[block.page] = counted.get(block.page, 0) + 1
    assert counted == NOT_RUN


def test_there_are_samples_to_run() -> None:
    assert len(pages()) >= 20

# SPDX-License-Identifier: EUPL-1.2
"""The web app in a real browser: Playwright driving Debian's chromium (launched by its
path; Playwright's own browser download is not used).

A member asks for a sign-in link, opens it from the e-mail in the outbox, signs in and
downloads her payslip. Skipped when chromium or Playwright is missing, unless
``KOOPERATIV_REQUIRE_BROWSER=1`` (CI), where it fails instead. The shared parts are in
:mod:`tests.web.browser`; a whole month and an annual meeting are in
``test_browser_month.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kooperativ import Cooperative

from .browser import (
    chromium,
    download,
    pdf_text,
    person,
    require_browser,
    screenshot_folder,
    screenshots,
    serve,
    sign_in_by_link,
)
from .conftest import Clock, populate

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The app served by uvicorn on SQLite in a thread: (base URL, outbox folder)."""
    require_browser()
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    outbox = tmp_path / "outbox"
    with Cooperative.open(folder, f"sqlite:///{tmp_path / 'web.db'}", clock=Clock()) as coop:
        populate(coop)
        with serve(coop, outbox) as base:
            yield base, outbox


def test_a_member_signs_in_by_link_and_downloads_her_payslip(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    base, outbox = server
    with chromium() as browser:
        page = person(browser, base)
        page.goto("/payslips")
        assert page.url.startswith(f"{base}/sign-in")
        sign_in_by_link(page, outbox, "ada@example.se", "Ada Lind")

        page.get_by_role("link", name="Mina lönespecifikationer").click()
        saved = download(
            page,
            page.get_by_role("link", name="Lönespecifikation för 2026-11 (PDF)"),
            tmp_path / "payslip.pdf",
        )
        assert saved.read_bytes().startswith(b"%PDF")
        folder = screenshot_folder(tmp_path)
        for path in ("/", "/account", "/payslips", "/contracts"):
            page.goto(path)
            screenshots(page, folder, path.strip("/") or "home")
        text = pdf_text(saved)
        assert "Ada Lind" in text and "Bo Ek" not in text

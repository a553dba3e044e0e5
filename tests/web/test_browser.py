# SPDX-License-Identifier: EUPL-1.2
"""The web app in a real browser: Playwright driving Debian's chromium (launched by its
path; Playwright's own browser download is not used).

A member asks for a sign-in link, opens it from the e-mail in the outbox, signs in and
downloads her payslip. Skipped when chromium or Playwright is missing, unless
``KOOPERATIV_REQUIRE_BROWSER=1`` (CI), where it fails instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kooperativ import Cooperative
from kooperativ.web import create_app

from .conftest import Clock, link_in_outbox, populate

CHROMIUM = Path(os.environ.get("KOOPERATIV_CHROMIUM", "/usr/bin/chromium"))

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright")
    if not CHROMIUM.exists():
        missing.append(f"chromium at {CHROMIUM} (apt-get install chromium)")
    if missing:
        reason = "no browser test without " + " and ".join(missing)
        if os.environ.get("KOOPERATIV_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (KOOPERATIV_REQUIRE_BROWSER=1)")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The app served by uvicorn on SQLite in a thread: (base URL, outbox folder)."""
    _require_browser()
    import uvicorn

    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    outbox = tmp_path / "outbox"
    with Cooperative.open(folder, f"sqlite:///{tmp_path / 'web.db'}", clock=Clock()) as coop:
        populate(coop)
        port = _free_port()
        config = uvicorn.Config(
            create_app(coop, outbox=outbox, secure=False),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
        served = uvicorn.Server(config)
        thread = threading.Thread(target=served.run, daemon=True)
        thread.start()
        for _ in range(200):
            if served.started:
                break
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}", outbox
        finally:
            served.should_exit = True
            thread.join(timeout=10)


def test_a_member_signs_in_by_link_and_downloads_her_payslip(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    base, outbox = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_context(accept_downloads=True).new_page()
            page.goto(f"{base}/payslips")
            assert page.url.startswith(f"{base}/sign-in")
            page.get_by_label("E-postadress").first.fill("ada@example.se")
            page.get_by_role("button", name="Skicka mig en länk").click()
            page.get_by_role("heading", name="Titta i din e-post").wait_for()

            page.goto(base + link_in_outbox(outbox))
            page.get_by_role("button", name="Logga in hos Interim kultur").click()
            page.get_by_role("heading", name="Välkommen, Ada Lind").wait_for()

            page.get_by_role("link", name="Mina lönespecifikationer").click()
            with page.expect_download() as info:
                page.get_by_role("link", name="Lönespecifikation för 2026-11 (PDF)").click()
            saved = tmp_path / "payslip.pdf"
            info.value.save_as(saved)
            assert saved.read_bytes().startswith(b"%PDF")
            _screenshots(page, base, tmp_path)
            if shutil.which("pdftotext"):
                import subprocess

                text = subprocess.run(
                    ["pdftotext", "-layout", str(saved), "-"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                assert "Ada Lind" in text and "Bo Ek" not in text
        finally:
            browser.close()


def _screenshots(page: Any, base: str, tmp_path: Path) -> None:
    """The main pages at phone and desktop widths, into ``KOOPERATIV_SCREENSHOTS`` (to be
    looked at) or the test's folder; on a phone no page scrolls sideways."""
    folder = Path(os.environ.get("KOOPERATIV_SCREENSHOTS", tmp_path / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    for width, height, name in ((390, 844, "phone"), (1280, 800, "desktop")):
        page.set_viewport_size({"width": width, "height": height})
        for path in ("/", "/account", "/payslips", "/contracts"):
            page.goto(base + path)
            label = path.strip("/") or "home"
            page.screenshot(path=str(folder / f"{label}-{name}.png"), full_page=True)
            sideways = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            assert not sideways, f"{path} scrolls sideways at {width} px"

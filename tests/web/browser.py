# SPDX-License-Identifier: EUPL-1.2
"""What the browser tests share: the app served by uvicorn in a thread, Debian's chromium
launched by its path through Playwright, signing in (by a link from the outbox or by
password), screenshots at phone and desktop widths, and a PDF's text.

Chromium or Playwright missing skips the browser tests, unless
``KOOPERATIV_REQUIRE_BROWSER=1`` (CI), where it fails them. Screenshots go to the folder
``KOOPERATIV_SCREENSHOTS`` names (to be looked at), else to the test's own folder.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest

from kooperativ import Cooperative
from kooperativ.web import create_app

from .conftest import PASSWORD

#: Debian's chromium (``KOOPERATIV_CHROMIUM`` names another).
CHROMIUM = Path(os.environ.get("KOOPERATIV_CHROMIUM", "/usr/bin/chromium"))
#: The widths pages are looked at: a phone's and a desktop's (CSS pixels).
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
#: How long one step (a navigation, an element to appear) may take before failing (ms):
#: generous, for a busy CI machine; the tests never wait a fixed time.
STEP_MS = 20_000


def require_browser() -> None:
    """Skip (or, with ``KOOPERATIV_REQUIRE_BROWSER=1``, fail) without Playwright or chromium."""
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


@contextmanager
def serve(coop: Cooperative, outbox: Path) -> Iterator[str]:
    """The web app on ``coop`` served by uvicorn in a thread; yields its base URL.

    The test and the server share ``coop`` (and its clock): the browser waits for each
    page, so the test's own calls to the library run between requests, never beside one.
    """
    import uvicorn

    # The socket is bound here and handed to uvicorn: no other process can take the port
    # between choosing it and listening on it.
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    port = int(listening.getsockname()[1])
    config = uvicorn.Config(
        create_app(coop, outbox=outbox, secure=False),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    served = uvicorn.Server(config)
    thread = threading.Thread(target=served.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    # Waiting for the server thread to listen (no page is asked for before it does).
    for _ in range(400):
        if served.started or not thread.is_alive():
            break
        time.sleep(0.05)
    if not served.started:
        listening.close()
        pytest.fail("the web app did not start")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        served.should_exit = True
        thread.join(timeout=10)
        listening.close()


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (a ``playwright.sync_api.Browser``)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser
        finally:
            browser.close()


def person(browser: Any, base: str, *, phone: bool = False) -> Any:
    """A page in a browser context of its own (one person's cookies), at a phone's or a
    desktop's size."""
    options: dict[str, Any] = {"base_url": base, "accept_downloads": True, "locale": "sv-SE"}
    if phone:
        options.update(viewport=PHONE, is_mobile=True, has_touch=True)
    else:
        options.update(viewport=DESKTOP)
    context = browser.new_context(**options)
    context.set_default_timeout(STEP_MS)
    context.set_default_navigation_timeout(STEP_MS)
    return context.new_page()


def sign_in_by_link(page: Any, outbox: Path, email: str, name: str) -> None:
    """Ask for a sign-in link, open it from the e-mail that came to ``email``, press the
    button; wait for the home page greeting ``name``."""
    before = set(outbox.glob("*.eml"))
    page.goto("/sign-in")
    page.locator("#link-email").fill(email)
    page.get_by_role("button", name="Skicka mig en länk").click()
    page.get_by_role("heading", name="Titta i din e-post").wait_for()
    page.goto(link_in_mail(outbox, email, before))
    page.get_by_role("button", name="Logga in hos").click()
    page.get_by_role("heading", name=f"Välkommen, {name}").wait_for()


def link_in_mail(outbox: Path, email: str, seen: set[Path]) -> str:
    """The sign-in link (its path) in the one new message to ``email`` in the outbox."""
    new = [
        path
        for path in set(outbox.glob("*.eml")) - seen
        if email in str(message_from_bytes(path.read_bytes())["To"])
    ]
    assert len(new) == 1, f"{len(new)} new messages to {email}"
    message = message_from_bytes(new[0].read_bytes())
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    found = re.search(r"https?://[^/\s]+(/sign-in/link/\S+)", body.decode())
    assert found, body
    return found.group(1)


def sign_in_by_password(page: Any, email: str, name: str, password: str = PASSWORD) -> None:
    """Sign in with e-mail address and password; wait for the home page greeting ``name``."""
    page.goto("/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("form[action='/sign-in']").get_by_role("button").click()
    page.get_by_role("heading", name=f"Välkommen, {name}").wait_for()


def screenshot_folder(tmp_path: Path) -> Path:
    """``KOOPERATIV_SCREENSHOTS``, else a folder in the test's own."""
    folder = Path(os.environ.get("KOOPERATIV_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshots(page: Any, folder: Path, label: str) -> None:
    """The page as it is now at phone and desktop widths (``label-phone.png``,
    ``label-desktop.png``); on a phone no page scrolls sideways. The viewport is put back."""
    before = page.viewport_size
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(folder / f"{label}-{name}.png"), full_page=True)
        sideways = page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        assert not sideways, f"{page.url} scrolls sideways at {size['width']} px"
    if before is not None:
        page.set_viewport_size(before)


def download(page: Any, link: Any, saved: Path) -> Path:
    """Click ``link`` (a locator) and save the file it downloads to ``saved``."""
    with page.expect_download() as info:
        link.click()
    info.value.save_as(saved)
    return saved


def pdf_text(path: Path) -> str:
    """A PDF's text as ``pdftotext -layout`` reads it, runs of spaces made one.

    Skips without pdftotext (poppler-utils), unless ``KOOPERATIV_REQUIRE_BROWSER=1``.
    """
    if shutil.which("pdftotext") is None:
        if os.environ.get("KOOPERATIV_REQUIRE_BROWSER") == "1":
            pytest.fail("pdftotext (poppler-utils) is not installed")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.split())

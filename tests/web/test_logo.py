# SPDX-License-Identifier: EUPL-1.2
"""The cooperative's logo from its folder (``templates/logo.png``) in every page's header."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from kooperativ import Cooperative
from kooperativ.web import create_app

EXAMPLE_LOGO = Path(__file__).parents[2] / "examples" / "interim_kultur" / "templates" / "logo.png"


def test_the_example_logo_is_served_and_shown(coop: Cooperative, client: TestClient) -> None:
    answer = client.get("/logo")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/png"
    assert answer.content == EXAMPLE_LOGO.read_bytes()
    assert answer.content.startswith(b"\x89PNG\r\n\x1a\n")
    page = client.get("/sign-in").text
    name = coop.config.governing_body.name
    assert f'<img src="/logo" alt="{name}"' in page


def test_without_a_logo_the_name_is_text(coop: Cooperative, outbox: Path) -> None:
    assert coop.folder is not None
    (Path(coop.folder) / "templates" / "logo.png").unlink()
    with TestClient(create_app(coop, outbox=outbox, secure=False)) as plain:
        assert plain.get("/logo").status_code == 404
        page = plain.get("/sign-in").text
    assert 'src="/logo"' not in page
    assert f"<p>{coop.config.governing_body.name}</p>" in page

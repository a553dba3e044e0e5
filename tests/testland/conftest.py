# SPDX-License-Identifier: EUPL-1.2
"""Install Testland (``XT``) for the tests in this folder, as a real package is installed.

This folder holds the package ``kooperativ_testland`` and its ``dist-info`` with an
``entry_points.txt`` registering ``XT`` in the group ``kooperativ.countries``. Putting the
folder on ``sys.path`` is what installing the wheel would do: ``importlib.metadata`` finds
the entry point and kooperativ's registry loads the class from it, exactly as for Sweden
or any third-party country. The registry reads the entry points once per process, so its
cache is cleared when Testland comes and goes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kooperativ.rules.country import clear_country_cache

#: The folder that is "site-packages" for Testland.
SITE = str(Path(__file__).resolve().parent)


def install_testland() -> None:
    """Put Testland's folder on ``sys.path`` and make the registry read it."""
    if SITE not in sys.path:
        sys.path.insert(0, SITE)
    clear_country_cache()


def uninstall_testland() -> None:
    """Take Testland off ``sys.path`` and out of the registry."""
    while SITE in sys.path:
        sys.path.remove(SITE)
    for name in [m for m in sys.modules if m.split(".")[0] == "kooperativ_testland"]:
        del sys.modules[name]
    clear_country_cache()


@pytest.fixture(autouse=True, scope="module")
def testland() -> Iterator[None]:
    """Testland installed for every test of a module in this folder."""
    install_testland()
    yield
    uninstall_testland()

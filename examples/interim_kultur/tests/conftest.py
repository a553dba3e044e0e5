# SPDX-License-Identifier: EUPL-1.2
"""Collects the scenario cases in this folder (``*.toml``) with kooperativ's plugin."""

from kooperativ.testing import pytest_collect_file  # noqa: F401

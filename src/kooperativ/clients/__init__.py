# SPDX-License-Identifier: EUPL-1.2
"""The client register."""

from kooperativ.clients.models import Client

__all__ = ["Client"]

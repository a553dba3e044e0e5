# SPDX-License-Identifier: EUPL-1.2
"""Signing in to the members' web app: passwords, one-time e-mail links and sessions.

The records here are what the store keeps; :class:`~kooperativ.services.access.AccessService`
(``coop.access``) hashes, checks and issues them. Nothing secret is stored in clear: a
password as its argon2id hash, a link's token and a session's token as their SHA-256.
"""

from kooperativ.access.models import Credential, LoginToken, WebSession

__all__ = ["Credential", "LoginToken", "WebSession"]

# SPDX-License-Identifier: EUPL-1.2
"""The members' web app (``kooperativ serve``): Starlette pages over the services.

The web layer holds no logic: each page signs the member in (a session kept in the store,
:mod:`kooperativ.services.access`), maps them to their :class:`~kooperativ.security.Actor`
and calls the same services the CLI calls, whose permissions decide what is shown.

>>> from kooperativ.web import create_app  # doctest: +SKIP
>>> app = create_app(coop, outbox=folder / "outbox")  # doctest: +SKIP
"""

from kooperativ.web.app import Outbox, SmtpMailer, create_app

__all__ = ["Outbox", "SmtpMailer", "create_app"]

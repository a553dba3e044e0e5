# SPDX-License-Identifier: EUPL-1.2
"""What the page modules share: reading a typed amount, the board-only check, and a
catalog's texts for the menu every page shows."""

from __future__ import annotations

from collections.abc import Callable

from kooperativ.errors import PermissionDenied
from kooperativ.i18n import translator
from kooperativ.security import Actor

__all__ = ["menu_texts", "require_officer", "typed_amount"]


def typed_amount(value: str) -> str:
    """An amount as typed (``1 234,50``) in the form the services read (``1234.50``)."""
    return value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")


def require_officer(actor: Actor) -> None:
    """Refuse (answered *404*) anyone who does not manage the cooperative."""
    if not actor.can_manage:
        raise PermissionDenied("{actor} is not a member of the board", actor=actor.name)


def menu_texts(domain: str) -> Callable[[str, str], str]:
    """``text`` of ``domain``'s catalog in a language, for the templates' menu."""

    def text(message: str, lang: str) -> str:
        return str(translator(lang, domain)(message))

    return text

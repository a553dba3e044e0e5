# SPDX-License-Identifier: EUPL-1.2
"""Swedish and English texts.

Messages are written in English in the code and translated through gettext catalogs
(``.po`` files under ``kooperativ/i18n/locales/<lang>/LC_MESSAGES/<domain>.po``), read
with babel at run time, so no compile step is needed. Each part of the library has its
own domain (``cli``, ``salary``, ``documents`` …) so catalogs stay small.

Examples:
    >>> _ = translator("sv", "cli")
    >>> _("Members")
    'Medlemmar'
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from kooperativ.errors import InputError

__all__ = ["LANGUAGES", "format_amount", "format_day", "translator"]

LANGUAGES = ("sv", "en")
_LOCALES = Path(__file__).parent / "locales"


def _check(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InputError("lang", f"{lang!r} is not supported (choose sv or en)")
    return lang


@cache
def _translations(lang: str, domain: str) -> gettext.NullTranslations:
    path = _LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translator(lang: str, domain: str = "cli") -> Callable[[str], str]:
    """A ``gettext`` function for ``lang`` (``"sv"`` or ``"en"``) and ``domain``."""
    return _translations(_check(lang), domain).gettext


def format_amount(amount: Decimal, lang: str, decimals: int = 2) -> str:
    """An amount with the language's separators: ``12 345,50`` (sv), ``12,345.50`` (en)."""
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    locale = "sv_SE" if _check(lang) == "sv" else "en_GB"
    return format_decimal(amount, format=pattern, locale=locale)


def format_day(day: date, lang: str) -> str:
    """A date in the language's medium form (``27 nov. 2026`` / ``27 Nov 2026``)."""
    locale = "sv_SE" if _check(lang) == "sv" else "en_GB"
    return format_date(day, format="medium", locale=locale)

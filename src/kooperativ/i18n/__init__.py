# SPDX-License-Identifier: EUPL-1.2
"""Texts in the cooperative's language.

Messages are written in English in the code and translated through gettext catalogs
(``.po`` files under ``<locale dir>/<lang>/LC_MESSAGES/<domain>.po``), read with babel at
run time, so no compile step is needed. Each part of the library has its own domain
(``cli``, ``salary``, ``documents`` …) so catalogs stay small.

kooperativ's own catalogs live in ``kooperativ/i18n/locales``; a country package adds its
own folder with :func:`add_locale_dir` (for its own language, or for its own texts), so the
languages a cooperative can choose are those for which catalogs are installed
(:func:`available_languages`), not a fixed list.

Examples:
    >>> _ = translator("sv", "cli")
    >>> _("Members")
    'Medlemmar'
    >>> plural("sv", "cli")("{n} event", "{n} events", 1).format(n=1)
    '1 händelse'
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from kooperativ.errors import InputError

# babel is imported where it is used: the command line's --help reads one catalog and must
# not pay for babel's number and date formatting.

__all__ = [
    "LANGUAGES",
    "Gettext",
    "add_locale_dir",
    "available_languages",
    "format_amount",
    "format_day",
    "format_number",
    "language_of",
    "messages",
    "plural",
    "translator",
]

#: The languages kooperativ itself ships catalogs for.
LANGUAGES = ("sv", "en")
_LOCALES = Path(__file__).parent / "locales"
_locale_dirs: list[Path] = [_LOCALES]

#: The babel locale used to format numbers and dates, by language.
_FORMAT_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def add_locale_dir(folder: Path) -> None:
    """Add a folder of catalogs (``<lang>/LC_MESSAGES/<domain>.po``), e.g. a country's.

    Catalogs found there are consulted after kooperativ's own for the same domain, and
    their languages become available. Adding the same folder twice does nothing.
    """
    folder = Path(folder)
    if folder not in _locale_dirs:
        _locale_dirs.append(folder)
        _translations.cache_clear()
        _all_messages.cache_clear()


def available_languages() -> tuple[str, ...]:
    """Every language with at least one installed catalog, sorted (``('en', 'sv')``)."""
    return _languages(tuple(_locale_dirs))


@cache
def _languages(folders: tuple[Path, ...]) -> tuple[str, ...]:
    """The languages of ``folders``' catalogs (looked up once: every text asks)."""
    found = {
        entry.name
        for folder in folders
        if folder.is_dir()
        for entry in folder.iterdir()
        if (entry / "LC_MESSAGES").is_dir()
    }
    return tuple(sorted(found))


def _check(lang: str) -> str:
    if lang not in available_languages():
        known = ", ".join(available_languages())
        raise InputError(
            "language", "{lang!r} is not supported (choose {known})", lang=lang, known=known
        )
    return lang


def _load(path: Path, lang: str, domain: str) -> gettext.GNUTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _domains(lang: str) -> list[tuple[str, Path]]:
    """``(domain, path)`` of every catalog of ``lang``, kooperativ's first."""
    found: list[tuple[str, Path]] = []
    for folder in _locale_dirs:
        messages_dir = folder / lang / "LC_MESSAGES"
        if messages_dir.is_dir():
            found.extend((path.stem, path) for path in sorted(messages_dir.glob("*.po")))
    return found


@cache
def _translations(lang: str, domain: str) -> gettext.NullTranslations:
    chain: gettext.NullTranslations | None = None
    for name, path in _domains(lang):
        if name != domain:
            continue
        catalog = _load(path, lang, domain)
        if chain is None:
            chain = catalog
        else:
            chain.add_fallback(catalog)
    return chain or gettext.NullTranslations()


#: The catalog that decides shared words of errors and findings: looked up first.
SHARED_DOMAIN = "errors"


class _Chain(gettext.NullTranslations):
    """Looks a text up in several catalogs in turn; the first that translates it wins.

    The catalogs are shared with :func:`translator` and are not changed (no fallback is
    added to them).
    """

    def __init__(self, catalogs: list[gettext.NullTranslations]) -> None:
        super().__init__()
        self._catalogs = catalogs

    def gettext(self, message: str) -> str:
        for catalog in self._catalogs:
            found = catalog.gettext(message)
            if found != message:
                return found
        return message

    def pgettext(self, context: str, message: str) -> str:
        for catalog in self._catalogs:
            found = catalog.pgettext(context, message)
            if found != message:
                return found
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        default = msgid1 if n == 1 else msgid2
        for catalog in self._catalogs:
            found = catalog.ngettext(msgid1, msgid2, n)
            if found != default:
                return found
        return default


@cache
def _all_messages(lang: str) -> gettext.NullTranslations:
    names = list(dict.fromkeys(name for name, _ in _domains(lang)))
    if SHARED_DOMAIN in names:
        names.remove(SHARED_DOMAIN)
        names.insert(0, SHARED_DOMAIN)
    return _Chain([_translations(lang, name) for name in names])


class Gettext:
    """A ``gettext`` function that knows its language.

    Calling it translates a text, as a plain ``gettext`` function does. Its
    :attr:`language` lets whoever fills a translated template with values (an error, a
    finding, a trace line) format numbers the language's way at that moment
    (:func:`language_of`), instead of when the values were made.
    """

    __slots__ = ("_catalog", "_lookup", "language")

    def __init__(self, catalog: gettext.NullTranslations, language: str) -> None:
        self._catalog = catalog
        self._lookup = catalog.gettext
        self.language = language

    def __call__(self, text: str) -> str:
        return self._lookup(text)

    def pgettext(self, context: str, text: str) -> str:
        """``text`` translated in ``context`` (a ``msgctxt`` of the catalogs), for a word
        that other parts of the library translate differently."""
        return self._catalog.pgettext(context, text)

    def __repr__(self) -> str:
        return f"Gettext({self.language!r})"


def language_of(translate: Callable[[str], str]) -> str | None:
    """The language of a ``gettext`` function made here (``None`` for any other)."""
    language = getattr(translate, "language", None)
    return language if isinstance(language, str) else None


def translator(lang: str, domain: str = "cli") -> Gettext:
    """A ``gettext`` function for ``lang`` (``"sv"``, ``"en"`` …) and ``domain``."""
    return Gettext(_translations(_check(lang), domain), lang)


def plural(lang: str, domain: str = "cli") -> Callable[[str, str, int], str]:
    """An ``ngettext`` function: ``(singular, plural, n)`` → the form for ``n``.

    The catalog's ``Plural-Forms`` header decides which form a number takes.
    """
    return _translations(_check(lang), domain).ngettext


def messages(lang: str) -> Gettext:
    """A ``gettext`` function that looks a text up in every domain of ``lang``.

    For texts whose domain is not known where they are shown, such as error messages
    raised anywhere in the library and printed by the CLI. Where two catalogs translate a
    text differently, the ``errors`` catalog (:data:`SHARED_DOMAIN`) decides.
    """
    return Gettext(_all_messages(_check(lang)), lang)


def _format_locale(lang: str) -> str:
    from babel import Locale, UnknownLocaleError

    _check(lang)
    if lang in _FORMAT_LOCALES:
        return _FORMAT_LOCALES[lang]
    try:
        return str(Locale.parse(lang))
    except (UnknownLocaleError, ValueError):
        return "en_GB"


def format_amount(amount: Decimal, lang: str, decimals: int = 2) -> str:
    """An amount with the language's separators: ``12 345,50`` (sv), ``12,345.50`` (en)."""
    from babel.numbers import format_decimal

    if not amount.is_finite() or amount.adjusted() > 30:
        return str(amount)  # no sane amount; shown as it is rather than failing
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(amount, format=pattern, locale=_format_locale(lang))


def format_number(value: Decimal | int, lang: str) -> str:
    """A number with the language's separators, its decimals kept as they are.

    ``Decimal("1800.00")`` → ``1 800,00`` (sv), ``1,800.00`` (en); ``Decimal("37.5")`` →
    ``37,5``; ``30000`` → ``30 000``. A number too large to write out (``1E+400``) or not
    finite is shown as it is.
    """
    from babel.numbers import format_decimal

    number = Decimal(value)
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or abs(exponent) > 30 or number.adjusted() > 30:
        return str(value)
    decimals = max(0, -exponent)
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(number, format=pattern, locale=_format_locale(lang))


def format_day(day: date, lang: str) -> str:
    """A date in the language's medium form (``27 nov. 2026`` / ``27 Nov 2026``)."""
    from babel.dates import format_date

    return format_date(day, format="medium", locale=_format_locale(lang))

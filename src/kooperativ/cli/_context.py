# SPDX-License-Identifier: EUPL-1.2
"""The options every command repeats, declared once: ``--coop``, ``--database``, ``--as``,
``--json`` and ``--lang``.

A command asks for them by taking a :class:`CliContext` parameter and wearing
:func:`shared_options`; the decorator adds the options to the command's signature (so
typer shows and parses them like any other) and hands the command one object::

    @member_app.command("list")
    @shared_options(actor=True, json=True)
    def member_list(cli: CliContext, status: str | None = None) -> None:
        with cli.guard(), cli.open() as coop:
            members = coop.members.list(cli.actor(coop), status)
        ...

``cli.open()`` opens the cooperative (imported only then, so ``--help`` stays fast),
``cli.actor(coop)`` is the administrator or the member given with ``--as``, ``cli._`` is
the ``cli`` catalog of the command's language and ``cli.guard()`` prints any kooperativ
error in that language (as JSON with ``--json``) with the right exit code.
"""

from __future__ import annotations

import functools
import inspect
import os
import typing
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, ParamSpec, TypeVar

import typer

from kooperativ.cli import _common
from kooperativ.cli._language import HOME_ENV, LANGUAGE_ENV, folder_language, language_source

if TYPE_CHECKING:
    from kooperativ.cooperative import Cooperative
    from kooperativ.problems import Problem
    from kooperativ.rules.country import CountryRules
    from kooperativ.security import Actor

__all__ = [
    "AsOption",
    "CliContext",
    "CoopOption",
    "DatabaseOption",
    "JsonOption",
    "LangOption",
    "OptionalCoopOption",
    "PersonalOption",
    "shared_options",
]

DATABASE_ENV = "KOOPERATIV_DATABASE_URL"
#: The country of the commands that work on a country's rules without a cooperative
#: (``salary``, ``tax``, ``bylaws check``, ``meeting verify FILE``), unless told otherwise.
DEFAULT_COUNTRY = "SE"

CoopOption = Annotated[
    Path,
    typer.Option(
        "--coop",
        "-C",
        envvar=HOME_ENV,
        help="The cooperative's folder (default: the current folder).",
        file_okay=False,
        show_default=False,
    ),
]
OptionalCoopOption = Annotated[
    Path | None,
    typer.Option(
        "--coop",
        "-C",
        envvar=HOME_ENV,
        help="Cooperative folder (cooperative.toml and parameters/).",
        file_okay=False,
        show_default=False,
    ),
]
DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        envvar=DATABASE_ENV,
        help="Database URL (default: sqlite:///FOLDER/kooperativ.db).",
        show_envvar=False,
    ),
]
AsOption = Annotated[
    int | None,
    typer.Option(
        "--as",
        help="Act as this member number (default: the administrator). Authenticates no one.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        envvar=LANGUAGE_ENV,
        help="Language of the output, e.g. sv or en (default: the cooperative's).",
        show_envvar=False,
    ),
]
PersonalOption = Annotated[
    bool,
    typer.Option(
        "--show-personal-data",
        help="Show personal identity numbers and bank accounts in full (if allowed).",
    ),
]


@dataclass
class CliContext:
    """What the shared options say, and the helpers every command uses.

    Attributes:
        folder: The cooperative's folder (``--coop``), or ``None`` for commands without one.
        database: The database URL (``--database``), or ``None`` for the default.
        as_member: The member number given with ``--as``, or ``None`` (administrator).
        as_json: ``--json`` was given.
        language: The language of everything the command prints.
        chosen_language: The language was chosen by ``--lang`` or ``KOOPERATIV_LANGUAGE``
            (not taken from a cooperative's configuration).
        configured_language: The language was taken from a cooperative's
            ``cooperative.toml``.
    """

    folder: Path | None = None
    database: str | None = None
    as_member: int | None = None
    as_json: bool = False
    language: str = "en"
    chosen_language: bool = False
    configured_language: bool = False
    _gettext: dict[str, Callable[[str], str]] = field(default_factory=dict, repr=False)

    @classmethod
    def create(
        cls,
        *,
        folder: Path | None = None,
        database: str | None = None,
        as_member: int | None = None,
        as_json: bool = False,
        lang: str | None = None,
    ) -> CliContext:
        """The context of one command run; sets the language errors are printed in.

        An unknown ``--lang`` is reported as an input error naming ``language``.
        """
        language, source = language_source(None, folder)
        chosen = lang is not None or bool(os.environ.get(LANGUAGE_ENV))
        if lang is not None:
            language = lang
        _common.set_output(as_json=as_json)
        if lang is not None and lang != "en":
            with _common.guard():
                from kooperativ.i18n import available_languages

                if lang not in available_languages():
                    from kooperativ.errors import InputError

                    known = ", ".join(available_languages())
                    raise InputError(
                        "language",
                        "{lang!r} is not supported (choose {known})",
                        lang=lang,
                        known=known,
                    )
        _common.set_output(language=language)
        configured = source == "cooperative" and lang is None
        return cls(folder, database, as_member, as_json, language, chosen, configured)

    def adopt_language(self, language: str) -> None:
        """Speak ``language`` (a cooperative's) from now on, unless one was chosen."""
        if not self.chosen_language and language != self.language:
            self.language = language
            self._gettext.clear()
            _common.set_output(language=language)

    def fallback_language(self, language: str) -> None:
        """Speak ``language`` if nothing else decided one: no ``--lang``, no
        ``KOOPERATIV_LANGUAGE`` and no cooperative's ``cooperative.toml``.

        For commands that work on a country's rules without a cooperative (``salary``,
        ``tax``, ``bylaws check``): they speak the country's language, as its rules do.
        """
        if not self.configured_language:
            self.adopt_language(language)

    def fallback_country_language(self, code: str | None = None) -> CountryRules:
        """The country ``code`` (default :data:`DEFAULT_COUNTRY`); speak its language if
        nothing else decided one (:meth:`fallback_language`).

        Raises:
            InputError: No such country is installed.
        """
        from kooperativ.rules.country import get_country

        rules = get_country(code or DEFAULT_COUNTRY)
        self.fallback_language(rules.default_language)
        return rules

    def adopt_folder_language(self, folder: Path) -> None:
        """Speak the language of the cooperative in ``folder`` unless one was chosen: for
        commands given a cooperative's file instead of ``--coop``."""
        language = folder_language(folder)
        if language is not None and not self.chosen_language:
            self.adopt_language(language)
            self.configured_language = True

    # -- the cooperative ---------------------------------------------------------------------

    def open(self, *, upgrade: bool = True) -> Cooperative:
        """Open the cooperative of ``--coop`` on ``--database`` (migrating it if needed,
        unless ``upgrade`` is false)."""
        from kooperativ.cooperative import Cooperative

        return Cooperative.open(self.folder or Path("."), self.database, upgrade=upgrade)

    def actor(self, coop: Cooperative) -> Actor:
        """The administrator, or the member given with ``--as`` with their register roles.

        ``--as`` authenticates no one: whoever runs the CLI can act as anyone. The CLI is
        the administrator's tool; authenticated identities belong to the web app.
        """
        from kooperativ.security import Actor

        if self.as_member is None:
            return Actor.admin()
        return coop.actor_for_member(self.as_member)

    # -- output ------------------------------------------------------------------------------

    def guard(self) -> AbstractContextManager[None]:
        """Print kooperativ errors raised in the block in the command's language and exit."""
        return _common.guard()

    def texts(self, domain: str = "cli") -> Callable[[str], str]:
        """The gettext function of ``domain`` in the command's language."""
        if domain not in self._gettext:
            if self.language == "en":
                self._gettext[domain] = _same
            else:
                from kooperativ.i18n import translator

                self._gettext[domain] = translator(self.language, domain)
        return self._gettext[domain]

    def messages(self) -> Callable[[str], str]:
        """A gettext function over every catalog in the command's language (for findings and
        errors raised anywhere in the library; see :func:`kooperativ.i18n.messages`)."""
        if "*" not in self._gettext:
            if self.language == "en":
                self._gettext["*"] = _same
            else:
                from kooperativ.i18n import messages

                self._gettext["*"] = messages(self.language)
        return self._gettext["*"]

    def _(self, text: str) -> str:
        """``text`` from the ``cli`` catalog in the command's language."""
        return self.texts("cli")(text)

    def ngettext(self, singular: str, plural: str, n: int, domain: str = "cli") -> str:
        """The form of ``singular``/``plural`` for ``n`` (babel plural rules)."""
        from kooperativ.i18n import plural as plural_of

        return plural_of(self.language, domain)(singular, plural, n)

    def amount(self, value: Decimal | None, decimals: int = 2) -> str:
        """An amount as the language writes it: ``60 000,00`` (sv), ``60,000.00`` (en)."""
        if value is None:
            return ""
        from kooperativ.i18n import format_amount

        return format_amount(value, self.language, decimals)

    def money(self, value: Decimal | None, currency: str = "SEK") -> str:
        """An amount with its currency: ``60 000,00 kr`` (sv), ``SEK 60,000.00`` (en)."""
        if value is None:
            return ""
        if currency == "SEK" and self.language == "sv":
            return f"{self.amount(value)} kr"
        return f"{currency} {self.amount(value)}"

    def figure(self, value: Decimal) -> str:
        """A number as the language writes it, with its decimals (at most two): ``7,5``."""
        exponent = value.normalize().as_tuple().exponent
        decimals = min(2, -exponent) if isinstance(exponent, int) and exponent < 0 else 0
        return self.amount(value, decimals)

    def percent(self, rate: Decimal) -> str:
        """A rate as a percentage the language's way: ``12 %``, ``4,5 %``."""
        return f"{self.figure(rate * 100)} %"

    def finding(self, problem: Problem) -> tuple[str, str]:
        """``(where, message)`` of a finding, in the command's language (every catalog)."""
        return problem.text(self.messages())

    def finding_line(self, problem: Problem, *, where: bool = False) -> str:
        """A finding as one line of rich text: ``fel: …`` in red, ``varning: …`` in yellow."""
        from rich.markup import escape

        texts = self.messages()
        place, message = problem.text(texts)
        colour = "red" if problem.severity == "error" else "yellow"
        text = f"{place}: {message}" if where and place else message
        return f"[{colour}]{texts(problem.severity)}:[/] {escape(text)}"

    def confirm(self, question: str) -> None:
        """Ask ``question`` (yes/no); anything but yes aborts the command (exit code 1),
        with typer's "Aborted." in the command's language."""
        from kooperativ.cli._language import localise_framework

        localise_framework(self.language, rich=True)
        typer.confirm(question, abort=True)

    def print(self, *objects: Any) -> None:
        """Print to standard output (rich markup allowed)."""
        _common.console.print(*objects)

    def print_json(self, value: Any) -> None:
        """Print ``value`` as JSON on standard output."""
        _common.print_json(value)

    def warn(self, text: str) -> None:
        """Print a warning line on standard error."""
        _common.err_console.print(f"[yellow]![/] {text}")


def _same(text: str) -> str:
    return text


P = ParamSpec("P")
T = TypeVar("T")

#: The shared parameters: name in the wrapper's signature → (annotation, default).
_SHARED: dict[str, tuple[Any, Any]] = {
    "cli_coop": (CoopOption, Path(".")),
    "cli_coop_optional": (OptionalCoopOption, None),
    "cli_database": (DatabaseOption, None),
    "cli_as": (AsOption, None),
    "cli_json": (JsonOption, False),
    "cli_lang": (LangOption, None),
}


def shared_options(
    *,
    coop: bool | Literal["optional"] = True,
    actor: bool = False,
    json: bool = False,
) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Give a command the shared options and a :class:`CliContext` built from them.

    The command takes one parameter annotated ``CliContext``; this decorator replaces it
    by the options (``--lang`` always; ``--coop`` and ``--database`` with ``coop``; ``--as``
    with ``actor``; ``--json`` with ``json``) and passes the context in its place.

    Args:
        coop: The command works on a cooperative folder and its database; ``"optional"``:
            ``--coop`` only, without a default (``CliContext.folder`` is ``None`` when it is
            not given), for commands that also work without a cooperative.
        actor: The command acts for someone (``--as N``).
        json: The command can print JSON (``--json``).
    """
    wanted = ["cli_lang"]
    if coop == "optional":
        wanted[:0] = ["cli_coop_optional"]
    elif coop:
        wanted[:0] = ["cli_coop", "cli_database"]
    if actor:
        wanted.append("cli_as")
    if json:
        wanted.append("cli_json")

    def decorate(func: Callable[..., T]) -> Callable[..., T]:
        hints = typing.get_type_hints(func, include_extras=True)
        signature = inspect.signature(func)
        context_name = next(
            (name for name in signature.parameters if hints.get(name) is CliContext), None
        )
        if context_name is None:
            raise TypeError(f"{func.__name__} takes no CliContext parameter")
        own = [
            param.replace(annotation=hints.get(name, param.annotation))
            for name, param in signature.parameters.items()
            if name != context_name
        ]
        shared = [
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=_SHARED[name][0],
                default=_SHARED[name][1],
            )
            for name in wanted
        ]
        params = [
            p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
            if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
            else p
            for p in own
        ]

        @functools.wraps(func)
        def wrapper(**kwargs: Any) -> T:
            context = CliContext.create(
                folder=kwargs.pop("cli_coop", None) or kwargs.pop("cli_coop_optional", None),
                database=kwargs.pop("cli_database", None),
                as_member=kwargs.pop("cli_as", None),
                as_json=kwargs.pop("cli_json", False),
                lang=kwargs.pop("cli_lang", None),
            )
            return func(**{context_name: context}, **kwargs)

        del wrapper.__wrapped__  # typer must see the new signature, not the function's
        wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*params, *shared], return_annotation=None
        )
        wrapper.__annotations__ = {
            **{p.name: p.annotation for p in params},
            **{name: _SHARED[name][0] for name in wanted},
            "return": None,
        }
        return wrapper

    return decorate

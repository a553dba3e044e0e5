# SPDX-License-Identifier: EUPL-1.2
"""Errors raised by kooperativ.

Every error derives from :class:`KooperativError` and carries a message meant for a
person: it names the field (or file and key path) and says what is wrong. The CLI prints
``str(error)`` and exits with :attr:`KooperativError.exit_code` (2 for bad input, 1 for
runtime failures) without a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable


class KooperativError(Exception):
    """Base class of every error kooperativ raises on purpose."""

    #: Exit code the CLI uses for this error: 2 = usage or input, 1 = runtime.
    exit_code: int = 1


class InputError(KooperativError, ValueError):
    """A value given by a user is wrong.

    Args:
        field: The field (or option) the value was given for.
        reason: What is wrong with it, in words.
    """

    exit_code = 2

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class ValidationFailed(InputError):
    """Several problems were found at once (e.g. a model with many bad fields)."""

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        self.problems = list(problems)
        first_field, first_reason = self.problems[0] if self.problems else ("input", "invalid")
        KooperativError.__init__(self, "; ".join(f"{f}: {r}" for f, r in self.problems))
        self.field = first_field
        self.reason = first_reason


class ConfigError(KooperativError):
    """A configuration file (``cooperative.toml``, ``bylaws.toml``, parameters) is wrong.

    Args:
        file: The file's path, as the user would recognise it.
        key: The key path inside the file (``identity.orgnr``), or ``""`` for the whole file.
        reason: What is wrong.
    """

    exit_code = 2

    def __init__(self, file: str, key: str, reason: str) -> None:
        self.file = file
        self.key = key
        self.reason = reason
        where = f"{file}: {key}" if key else file
        super().__init__(f"{where}: {reason}")


class RulesError(KooperativError):
    """A dated parameter is missing, overlapping or malformed."""

    exit_code = 2


class MissingParameterError(RulesError, KeyError):
    """No value of a parameter is in force on the date asked for."""

    def __init__(self, name: str, on: object) -> None:
        self.name = name
        self.on = on
        KooperativError.__init__(self, f"parameter {name!r} has no value in force on {on}")

    def __str__(self) -> str:
        return str(self.args[0])


class NotFoundError(KooperativError):
    """A record asked for does not exist."""

    exit_code = 2

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"{kind} {key!r} not found")


class ConflictError(KooperativError):
    """A change would break a uniqueness or consistency rule (e.g. a duplicate number)."""

    exit_code = 2


class PermissionDenied(KooperativError):
    """The actor may not do or see this."""

    exit_code = 2


class StorageError(KooperativError):
    """The database could not be reached or refused a change."""

    exit_code = 1


class AuditError(KooperativError):
    """The audit chain does not verify."""

    exit_code = 1


__all__ = [
    "AuditError",
    "ConfigError",
    "ConflictError",
    "InputError",
    "KooperativError",
    "MissingParameterError",
    "NotFoundError",
    "PermissionDenied",
    "RulesError",
    "StorageError",
    "ValidationFailed",
]

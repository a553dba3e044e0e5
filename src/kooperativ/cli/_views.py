# SPDX-License-Identifier: EUPL-1.2
"""Words the register commands show for statuses and roles, and a key–value table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kooperativ.cli._context import CliContext

if TYPE_CHECKING:
    from rich.table import Table

__all__ = [
    "ROLE_LABELS",
    "STATUS_LABELS",
    "address_from_options",
    "record_table",
    "role_words",
    "status_word",
]

#: How a role is named to a reader (a role value alone, "board", is ambiguous in Swedish).
ROLE_LABELS = {
    "member": "member",
    "board": "board member",
    "treasurer": "treasurer",
    "auditor": "auditor",
    "admin": "administrator",
}

#: Membership and assignment statuses, as read.
STATUS_LABELS = {
    "applicant": "applicant",
    "member": "member",
    "resigned": "resigned",
    "excluded": "excluded",
    "planned": "planned",
    "active": "active",
    "completed": "completed",
    "cancelled": "cancelled",
}


def status_word(cli: CliContext, status: str) -> str:
    """A status in the command's language."""
    return cli._(STATUS_LABELS.get(status, status))


def role_words(cli: CliContext, roles: Iterable[str], *, skip_member: bool = True) -> str:
    """Roles in the command's language, comma-separated, sorted as written."""
    words = [
        cli._(ROLE_LABELS.get(role, role))
        for role in roles
        if not (skip_member and role == "member")
    ]
    return ", ".join(sorted(words))


def record_table(title: str, rows: Sequence[tuple[str, object]]) -> Table:
    """A two-column table of field name and value (``show`` commands)."""
    from rich.table import Table

    table = Table(show_header=False, title=title, title_justify="left")
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(label, "" if value is None else str(value))
    return table


def address_from_options(
    street: str | None, postal_code: str | None, city: str | None
) -> dict[str, str] | None:
    """An address from ``--street``, ``--postal-code`` and ``--city``: all three or none.

    Raises:
        InputError: Only some of the three are given (the first missing one is named).
    """
    from kooperativ.errors import InputError

    given = {"street": street, "postal_code": postal_code, "city": city}
    if all(v is None for v in given.values()):
        return None
    missing = [name for name, value in given.items() if value is None]
    if missing:
        raise InputError(missing[0], "an address needs --street, --postal-code and --city together")
    return {k: str(v) for k, v in given.items()}

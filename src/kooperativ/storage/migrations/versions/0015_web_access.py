# SPDX-License-Identifier: EUPL-1.2
"""Signing in to the web app: the ``credentials``, ``login_tokens`` and ``web_sessions``
tables.

Each record is stored as its canonical JSON in ``data`` with ``number`` (unique) and the
indexed columns the sign-in asks by: the member, and for links and sessions the SHA-256
of the token (a session is found by its cookie's token on every request).

The columns are written out here rather than read from :mod:`kooperativ.storage.kinds`,
so that this migration keeps doing what it did when the kinds change later.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table → (column, type) of its indexed columns.
TABLES: dict[str, list[tuple[str, Any]]] = {
    "credentials": [("member_id", sa.String(36))],
    "login_tokens": [("member_id", sa.String(36)), ("token_hash", sa.Text())],
    "web_sessions": [("member_id", sa.String(36)), ("token_hash", sa.Text())],
}


def upgrade() -> None:
    """Create the tables, with an index on each indexed column."""
    for table, columns in TABLES.items():
        op.create_table(
            table,
            sa.Column("id", sa.String(36), nullable=False),
            sa.Column("number", sa.Integer(), nullable=False),
            sa.Column("data", sa.Text(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
            *(sa.Column(name, kind, nullable=True) for name, kind in columns),
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
            sa.UniqueConstraint("number", name=f"uq_{table}_number"),
            sa.CheckConstraint("number >= 1", name=f"ck_{table}_number_positive"),
        )
        for name, _ in columns:
            op.create_index(f"ix_{table}_{name}", table, [name])


def downgrade() -> None:
    """Drop the tables."""
    for table, columns in TABLES.items():
        for name, _ in columns:
            op.drop_index(f"ix_{table}_{name}", table_name=table)
        op.drop_table(table)

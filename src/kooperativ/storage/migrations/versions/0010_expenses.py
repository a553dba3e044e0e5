# SPDX-License-Identifier: EUPL-1.2
"""Expenses and salary requests: the ``expenses`` and ``salary_requests`` tables.

Each record is stored as its canonical JSON in ``data`` with ``number`` (unique) and the
indexed columns the services query: an expense by member, status and date, a salary
request by member, status and pay date.

The columns are written out here rather than read from :mod:`kooperativ.storage.kinds`,
so that this migration keeps doing what it did when the kinds change later.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table → (column, type) of its indexed columns.
TABLES: dict[str, list[tuple[str, Any]]] = {
    "expenses": [
        ("member_id", sa.String(36)),
        ("status", sa.Text()),
        ("date", sa.Date()),
    ],
    "salary_requests": [
        ("member_id", sa.String(36)),
        ("status", sa.Text()),
        ("pay_date", sa.Date()),
    ],
}


def upgrade() -> None:
    """Create both tables, with an index on each indexed column."""
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
    """Drop both tables."""
    for table, columns in TABLES.items():
        for name, _ in columns:
            op.drop_index(f"ix_{table}_{name}", table_name=table)
        op.drop_table(table)

# SPDX-License-Identifier: EUPL-1.2
"""Travel claims: the ``travel_claims`` table.

Each claim is stored as its canonical JSON in ``data`` with ``number`` (unique) and the
indexed columns the services query: the member, the status and the claim's date (the
payroll asks for a member's approved claims up to a pay day).

The columns are written out here rather than read from :mod:`kooperativ.storage.kinds`,
so that this migration keeps doing what it did when the kinds change later.

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table → (column, type) of its indexed columns.
TABLES: dict[str, list[tuple[str, Any]]] = {
    "travel_claims": [
        ("member_id", sa.String(36)),
        ("status", sa.Text()),
        ("date", sa.Date()),
    ],
}


def upgrade() -> None:
    """Create the table, with an index on each indexed column."""
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
    """Drop the table."""
    for table, columns in TABLES.items():
        for name, _ in columns:
            op.drop_index(f"ix_{table}_{name}", table_name=table)
        op.drop_table(table)

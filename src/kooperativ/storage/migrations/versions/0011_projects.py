# SPDX-License-Identifier: EUPL-1.2
"""Projects and grants: ``projects`` with ``project_owners``, ``grants``, and an index on
the project of the ledger's lines.

A project and a grant are stored as their canonical JSON in ``data`` with ``number`` and
the indexed columns the services query: a project's status and period, a grant's project,
period and reporting deadline. ``project_owners`` links a project to the members who own
it, so that a member's projects are found without reading the projects.
``ix_voucher_lines_project`` lets the database sum a project's lines by account.

The columns are written out here rather than read from :mod:`kooperativ.storage.kinds`,
so that this migration keeps doing what it did when the kinds change later.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table → (column, type) of its indexed columns.
TABLES: dict[str, list[tuple[str, Any]]] = {
    "projects": [("status", sa.Text()), ("start", sa.Date()), ("end", sa.Date())],
    "grants": [
        ("project_id", sa.String(36)),
        ("start", sa.Date()),
        ("end", sa.Date()),
        ("report_due", sa.Date()),
    ],
}
LINKS = "project_owners"
LINES_INDEX = "ix_voucher_lines_project"


def upgrade() -> None:
    """Create ``projects``, ``project_owners`` and ``grants``; index the lines' project."""
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
    op.create_table(
        LINKS,
        sa.Column("project_id", sa.String(36), nullable=False),
        sa.Column("member_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "member_id", name=f"pk_{LINKS}"),
    )
    op.create_index(f"ix_{LINKS}_member_id", LINKS, ["member_id"])
    op.create_index(LINES_INDEX, "voucher_lines", ["project_id", "account", "date", "amount"])


def downgrade() -> None:
    """Drop the index and the three tables."""
    op.drop_index(LINES_INDEX, table_name="voucher_lines")
    op.drop_index(f"ix_{LINKS}_member_id", table_name=LINKS)
    op.drop_table(LINKS)
    for table, columns in TABLES.items():
        for name, _ in columns:
            op.drop_index(f"ix_{table}_{name}", table_name=table)
        op.drop_table(table)

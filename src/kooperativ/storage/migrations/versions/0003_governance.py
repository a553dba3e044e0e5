# SPDX-License-Identifier: EUPL-1.2
"""Governance: the ``meetings`` and ``membership_fees`` tables.

A meeting is one record (notice, agenda, register snapshot, attendance, proxies, motions,
elections, decisions) kept as canonical JSON in ``data`` (TEXT), like every record table;
``id`` and ``number`` are copied out for lookups and uniqueness. Membership fee payments
(*medlemsavgifter*), from which the röstlängd is computed, get their own table.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("meetings", "membership_fees")


def upgrade() -> None:
    """Create ``meetings`` and ``membership_fees``."""
    for table in TABLES:
        op.create_table(
            table,
            sa.Column("id", sa.String(36), nullable=False),
            sa.Column("number", sa.Integer(), nullable=False),
            sa.Column("data", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
            sa.UniqueConstraint("number", name=f"uq_{table}_number"),
            sa.CheckConstraint("number >= 1", name=f"ck_{table}_number_positive"),
        )


def downgrade() -> None:
    """Drop both tables."""
    for table in reversed(TABLES):
        op.drop_table(table)

# SPDX-License-Identifier: EUPL-1.2
"""Initial schema: members, clients, assignments, contracts and the audit trail.

Each entity table holds the record's canonical JSON in ``data`` (TEXT, never JSON/JSONB,
so the text is kept byte for byte); ``id`` and ``number`` are copied out of it for lookups
and uniqueness.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECORD_TABLES = ("members", "clients", "assignments", "contracts")


def upgrade() -> None:
    """Create the four record tables and ``audit_events``."""
    for table in RECORD_TABLES:
        op.create_table(
            table,
            sa.Column("id", sa.String(36), nullable=False),
            sa.Column("number", sa.Integer(), nullable=False),
            sa.Column("data", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
            sa.UniqueConstraint("number", name=f"uq_{table}_number"),
            sa.CheckConstraint("number >= 1", name=f"ck_{table}_number_positive"),
        )
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        # ISO 8601 text with its UTC offset, exactly as hashed (a TIMESTAMP would not be).
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("entity", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("before_hash", sa.String(64), nullable=True),
        sa.Column("after_hash", sa.String(64), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_events"),
        sa.UniqueConstraint("id", name="uq_audit_events_id"),
        sa.CheckConstraint("seq >= 1", name="ck_audit_events_seq_positive"),
    )
    op.create_index("ix_audit_events_entity", "audit_events", ["entity", "entity_id"])


def downgrade() -> None:
    """Drop everything :func:`upgrade` created."""
    op.drop_index("ix_audit_events_entity", table_name="audit_events")
    op.drop_table("audit_events")
    for table in reversed(RECORD_TABLES):
        op.drop_table(table)

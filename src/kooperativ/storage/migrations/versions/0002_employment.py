# SPDX-License-Identifier: EUPL-1.2
"""Employment: the ``hours_reports`` table (hours worked per assignment and month).

Like every record table it holds the record's canonical JSON in ``data`` (TEXT) with ``id``
and ``number`` copied out for lookups and uniqueness. The contract fields added for the
written information (LAS 6 c §), signatures and end reasons live inside ``contracts.data``
and need no schema change.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "hours_reports"


def upgrade() -> None:
    """Create ``hours_reports``."""
    op.create_table(
        TABLE,
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{TABLE}"),
        sa.UniqueConstraint("number", name=f"uq_{TABLE}_number"),
        sa.CheckConstraint("number >= 1", name=f"ck_{TABLE}_number_positive"),
    )


def downgrade() -> None:
    """Drop ``hours_reports``."""
    op.drop_table(TABLE)

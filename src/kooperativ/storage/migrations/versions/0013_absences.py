# SPDX-License-Identifier: EUPL-1.2
"""Absence: the ``absences`` table (sick leave, parental and other unpaid leave).

Each record is stored as its canonical JSON in ``data`` with ``number`` (unique) and the
indexed columns the services query: the member, the kind, the first and last day (a
period's absences are those that overlap it) and whether an officer has confirmed it.

The columns are written out here rather than read from :mod:`kooperativ.storage.kinds`,
so that this migration keeps doing what it did when the kinds change later.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "absences"

#: The indexed columns and their types.
COLUMNS: list[tuple[str, Any]] = [
    ("member_id", sa.String(36)),
    ("kind", sa.Text()),
    ("first_day", sa.Date()),
    ("last_day", sa.Date()),
    ("confirmed", sa.Boolean()),
]


def upgrade() -> None:
    """Create ``absences``, with an index on each indexed column."""
    op.create_table(
        TABLE,
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        *(sa.Column(name, kind, nullable=True) for name, kind in COLUMNS),
        sa.PrimaryKeyConstraint("id", name=f"pk_{TABLE}"),
        sa.UniqueConstraint("number", name=f"uq_{TABLE}_number"),
        sa.CheckConstraint("number >= 1", name=f"ck_{TABLE}_number_positive"),
    )
    for name, _ in COLUMNS:
        op.create_index(f"ix_{TABLE}_{name}", TABLE, [name])


def downgrade() -> None:
    """Drop ``absences``."""
    for name, _ in COLUMNS:
        op.drop_index(f"ix_{TABLE}_{name}", table_name=TABLE)
    op.drop_table(TABLE)

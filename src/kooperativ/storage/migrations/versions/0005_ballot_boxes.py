# SPDX-License-Identifier: EUPL-1.2
"""Governance: the ``ballots`` table, the boxes of secret ballots.

Each row is one ballot of a secret ballot's box, sealed (see
:mod:`kooperativ.governance.secrecy`): a random ``id``, the box's name and the ballot's
text. No timestamp, no sequence number and no voter, so that nothing orders the ballots or
links one to the member whose vote the meeting record marks. On SQLite the table is
``WITHOUT ROWID``: rows are stored in the order of their random ids, not of insertion.

Revision ID: 0005
Revises: 0003 (re-pointed to 0004 when merged with the storage work)
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ``ballots`` with an index on ``box``."""
    op.create_table(
        "ballots",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("box", sa.Text(), nullable=False),
        sa.Column("ballot", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ballots"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_ballots_box", "ballots", ["box"])


def downgrade() -> None:
    """Drop ``ballots``."""
    op.drop_index("ix_ballots_box", table_name="ballots")
    op.drop_table("ballots")

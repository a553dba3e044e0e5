# SPDX-License-Identifier: EUPL-1.2
"""Members found by e-mail address: ``members.email``, with an index.

A member signs in to the web app with their e-mail address (by password or link, or
through an identity provider that vouches for the address). The sign-in used to read the
whole register to find it; the column holds each member's address lower-cased, as the
sign-in compares it, filled here from the stored records — whose canonical JSON is left
untouched, byte for byte.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the column and its index, and fill it from the stored records."""
    op.add_column("members", sa.Column("email", sa.Text(), nullable=True))
    op.create_index("ix_members_email", "members", ["email"])
    members = sa.table(
        "members",
        sa.column("id", sa.String(36)),
        sa.column("data", sa.Text()),
        sa.column("email", sa.Text()),
    )
    bind = op.get_bind()
    for record_id, data in bind.execute(sa.select(members.c.id, members.c.data)).all():
        email = json.loads(data).get("email")
        if email:
            bind.execute(
                sa.update(members).where(members.c.id == record_id).values(email=str(email).lower())
            )


def downgrade() -> None:
    """Drop the column and its index (the records themselves are untouched)."""
    op.drop_index("ix_members_email", table_name="members")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("email")

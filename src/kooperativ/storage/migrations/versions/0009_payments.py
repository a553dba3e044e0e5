# SPDX-License-Identifier: EUPL-1.2
"""Payments: the ``payments`` table and its link table ``payment_invoices``.

An incoming payment is stored as its canonical JSON in ``data`` with ``number`` (its
registration number) and the indexed columns the services query: the idempotency key
(unique: the same bank transaction is stored once), the status and the day paid.
``payment_invoices`` links a payment to the invoices it settles.

The columns are written out here rather than read from :mod:`kooperativ.storage.kinds`,
so that this migration keeps doing what it did when the kinds change later.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "payments"
LINKS = "payment_invoices"
#: (column, type) of the indexed columns.
COLUMNS: list[tuple[str, Any]] = [
    ("key", sa.Text()),
    ("status", sa.Text()),
    ("paid_on", sa.Date()),
]


def upgrade() -> None:
    """Create ``payments`` (an index on each indexed column, the key unique) and
    ``payment_invoices``."""
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
    op.create_index(f"uq_{TABLE}_key", TABLE, ["key"], unique=True)
    op.create_table(
        LINKS,
        sa.Column("payment_id", sa.String(36), nullable=False),
        sa.Column("invoice_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("payment_id", "invoice_id", name=f"pk_{LINKS}"),
    )
    op.create_index(f"ix_{LINKS}_invoice_id", LINKS, ["invoice_id"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_index(f"ix_{LINKS}_invoice_id", table_name=LINKS)
    op.drop_table(LINKS)
    op.drop_index(f"uq_{TABLE}_key", table_name=TABLE)
    for name, _ in COLUMNS:
        op.drop_index(f"ix_{TABLE}_{name}", table_name=TABLE)
    op.drop_table(TABLE)

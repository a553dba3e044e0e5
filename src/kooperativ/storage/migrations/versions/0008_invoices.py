# SPDX-License-Identifier: EUPL-1.2
"""Invoicing: the ``invoices`` table and its link table ``invoice_assignments``.

An invoice or credit note is stored as its canonical JSON in ``data`` with ``number`` (the
invoice number, unique and gapless) and the indexed columns the services query: series,
kind, client, member, status, invoice and due dates, and for a credit note the invoice it
corrects. ``invoice_assignments`` links an invoice to the assignments it bills, so that an
assignment invoiced once is found (and refused a second time) without reading invoices.

The columns are written out here rather than read from :mod:`kooperativ.storage.kinds`,
so that this migration keeps doing what it did when the kinds change later.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "invoices"
LINKS = "invoice_assignments"
#: (column, type) of the indexed columns.
COLUMNS: list[tuple[str, Any]] = [
    ("series", sa.Text()),
    ("kind", sa.Text()),
    ("client_id", sa.String(36)),
    ("member_id", sa.String(36)),
    ("status", sa.Text()),
    ("issue_date", sa.Date()),
    ("due_date", sa.Date()),
    ("credits", sa.String(36)),
]


def upgrade() -> None:
    """Create ``invoices`` (with an index on each indexed column) and ``invoice_assignments``."""
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
    op.create_table(
        LINKS,
        sa.Column("invoice_id", sa.String(36), nullable=False),
        sa.Column("assignment_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("invoice_id", "assignment_id", name=f"pk_{LINKS}"),
    )
    op.create_index(f"ix_{LINKS}_assignment_id", LINKS, ["assignment_id"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_index(f"ix_{LINKS}_assignment_id", table_name=LINKS)
    op.drop_table(LINKS)
    for name, _ in COLUMNS:
        op.drop_index(f"ix_{TABLE}_{name}", table_name=TABLE)
    op.drop_table(TABLE)

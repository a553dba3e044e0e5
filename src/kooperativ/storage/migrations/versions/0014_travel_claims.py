# SPDX-License-Identifier: EUPL-1.2
"""Travel claims: the ``travel_claims`` table; invoices found by their OCR reference.

Each claim is stored as its canonical JSON in ``data`` with ``number`` (unique) and the
indexed columns the services query: the member, the status and the claim's date (the
payroll asks for a member's approved claims up to a pay day).

The columns are written out here rather than read from :mod:`kooperativ.storage.kinds`,
so that this migration keeps doing what it did when the kinds change later.

``invoices.ocr`` (indexed) holds each invoice's payment reference without spaces and
dashes, so that a payment's reference finds its invoice with one indexed query; the
column is filled from the stored records.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
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
    """Create the table, with an index on each indexed column; add ``invoices.ocr``."""
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
    _add_ocr()


def _digits(reference: str) -> str:
    return "".join(char for char in reference if not char.isspace() and char != "-")


def _add_ocr() -> None:
    with op.batch_alter_table("invoices") as batch:
        batch.add_column(sa.Column("ocr", sa.Text(), nullable=True))
    op.create_index("ix_invoices_ocr", "invoices", ["ocr"])
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, data FROM invoices")).fetchall()
    filled = [
        {"i": row[0], "o": _digits(str(json.loads(row[1]).get("payment_reference", "")))}
        for row in rows
    ]
    if filled:
        connection.execute(sa.text("UPDATE invoices SET ocr = :o WHERE id = :i"), filled)


def downgrade() -> None:
    """Drop the table and the OCR column."""
    op.drop_index("ix_invoices_ocr", table_name="invoices")
    with op.batch_alter_table("invoices") as batch:
        batch.drop_column("ocr")
    for table, columns in TABLES.items():
        for name, _ in columns:
            op.drop_index(f"ix_{table}_{name}", table_name=table)
        op.drop_table(table)

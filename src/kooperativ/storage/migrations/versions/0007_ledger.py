# SPDX-License-Identifier: EUPL-1.2
"""The ledger: ``vouchers`` with their lines in ``voucher_lines``, and ``closed_periods``.

``vouchers`` is a record table like the others (``id``, ``number`` — the registration
number — ``data``, ``version``) with the indexed columns ``series``, ``serial`` (the number
in the series, unique with it), ``date`` and ``corrects``. ``voucher_lines`` holds each
line once more as a row (amount in öre), so that balances are sums the database computes;
its two indexes cover an account's and a member's sum up to a date. ``closed_periods``
holds the periods whose bookkeeping is finished.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _record_table(name: str, *columns: sa.Column[object]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")),
        *columns,
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
        sa.UniqueConstraint("number", name=f"uq_{name}_number"),
        sa.CheckConstraint("number >= 1", name=f"ck_{name}_number_positive"),
    )
    for column in columns:
        op.create_index(f"ix_{name}_{column.name}", name, [column.name])


def upgrade() -> None:
    """Create the three tables and their indexes."""
    _record_table(
        "vouchers",
        sa.Column("series", sa.Text(), nullable=True),
        sa.Column("serial", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("corrects", sa.Text(), nullable=True),
    )
    op.create_index("uq_vouchers_series_serial", "vouchers", ["series", "serial"], unique=True)
    _record_table(
        "closed_periods",
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
    )
    op.create_table(
        "voucher_lines",
        sa.Column("voucher_id", sa.String(36), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("series", sa.Text(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("account", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(36), nullable=True),
        sa.Column("project_id", sa.String(36), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("voucher_id", "line", name="pk_voucher_lines"),
    )
    op.create_index("ix_voucher_lines_account", "voucher_lines", ["account", "date", "amount"])
    op.create_index(
        "ix_voucher_lines_member", "voucher_lines", ["member_id", "account", "date", "amount"]
    )


def downgrade() -> None:
    """Drop the three tables."""
    op.drop_index("ix_voucher_lines_member", table_name="voucher_lines")
    op.drop_index("ix_voucher_lines_account", table_name="voucher_lines")
    op.drop_table("voucher_lines")
    for name, columns in (
        ("closed_periods", ("start", "end")),
        ("vouchers", ("series", "serial", "date", "corrects")),
    ):
        if name == "vouchers":
            op.drop_index("uq_vouchers_series_serial", table_name=name)
        for column in columns:
            op.drop_index(f"ix_{name}_{column}", table_name=name)
        op.drop_table(name)

# SPDX-License-Identifier: EUPL-1.2
"""Queries and versions: indexed columns beside each record, a version column, links, MACs.

Every record table gets ``version`` (1 for the rows already there) and the indexed
columns the services query (a member's personnummer and status, an assignment's member,
client, status and period, a contract's member and period, an hours report's member,
assignment, contract, month and confirmation, a meeting's kind, state and date, a fee's
member and year), each with an index, filled from the rows' canonical JSON — which itself
is left untouched, byte for byte. A contract's assignments get the link table
``contract_assignments``; ``audit_events`` gets ``mac`` for the optional keyed
authentication of each event.

The column list is written out here rather than read from
:mod:`kooperativ.storage.kinds`, so that this migration keeps doing what it did when a
later version changes the kinds (a later migration then adds what changed).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Reader = Callable[[dict[str, Any]], Any]


def _day(name: str) -> Reader:
    def read(data: dict[str, Any]) -> date | None:
        value = data.get(name)
        return None if value is None else date.fromisoformat(str(value))

    return read


def _text(name: str) -> Reader:
    return lambda data: data.get(name)


def _last_day(data: dict[str, Any]) -> date | None:
    ended: date | None = _day("ended_on")(data)
    return ended if ended is not None else _day("end")(data)


#: table → [(column, SQL type, how to read it from the record's JSON)].
COLUMNS: dict[str, list[tuple[str, Callable[[], Any], Reader]]] = {
    "members": [
        ("person_id", sa.Text, _text("person_id")),
        ("status", sa.Text, _text("status")),
        ("left_on", sa.Date, _day("left_on")),
    ],
    "clients": [("orgnr", sa.Text, _text("orgnr")), ("person_id", sa.Text, _text("person_id"))],
    "assignments": [
        ("member_id", lambda: sa.String(36), _text("member_id")),
        ("client_id", lambda: sa.String(36), _text("client_id")),
        ("status", sa.Text, _text("status")),
        ("start", sa.Date, _day("start")),
        ("end", sa.Date, _day("end")),
    ],
    "contracts": [
        ("member_id", lambda: sa.String(36), _text("member_id")),
        ("start", sa.Date, _day("start")),
        ("last_day", sa.Date, _last_day),
    ],
    "hours_reports": [
        ("member_id", lambda: sa.String(36), _text("member_id")),
        ("assignment_id", lambda: sa.String(36), _text("assignment_id")),
        ("contract_id", lambda: sa.String(36), _text("contract_id")),
        ("month", sa.Date, _day("month")),
        ("confirmed", sa.Boolean, lambda data: data.get("confirmed_at") is not None),
    ],
    "meetings": [
        ("kind", sa.Text, _text("kind")),
        ("state", sa.Text, _text("state")),
        ("held_on", sa.Date, _day("held_on")),
    ],
    "membership_fees": [
        ("member_id", lambda: sa.String(36), _text("member_id")),
        ("year", sa.Integer, _text("year")),
    ],
}


def upgrade() -> None:
    """Add the columns, indexes and link table, and fill them from the stored records."""
    bind = op.get_bind()
    for table, columns in COLUMNS.items():
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        for name, kind, _ in columns:
            op.add_column(table, sa.Column(name, kind(), nullable=True))
            op.create_index(f"ix_{table}_{name}", table, [name])
    op.create_table(
        "contract_assignments",
        sa.Column("contract_id", sa.String(36), nullable=False),
        sa.Column("assignment_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("contract_id", "assignment_id", name="pk_contract_assignments"),
    )
    op.create_index(
        "ix_contract_assignments_assignment_id", "contract_assignments", ["assignment_id"]
    )
    op.add_column("audit_events", sa.Column("mac", sa.String(64), nullable=True))

    for table, columns in COLUMNS.items():
        handle = sa.table(
            table,
            sa.column("id", sa.String(36)),
            sa.column("data", sa.Text()),
            *(sa.column(name, kind()) for name, kind, _ in columns),
        )
        rows = bind.execute(sa.select(handle.c.id, handle.c.data)).all()
        for record_id, data in rows:
            record = json.loads(data)
            values = {name: read(record) for name, _, read in columns}
            bind.execute(sa.update(handle).where(handle.c.id == record_id).values(values))
    contracts = sa.table("contracts", sa.column("id", sa.String(36)), sa.column("data", sa.Text()))
    links = sa.table(
        "contract_assignments",
        sa.column("contract_id", sa.String(36)),
        sa.column("assignment_id", sa.String(36)),
    )
    for contract_id, data in bind.execute(sa.select(contracts.c.id, contracts.c.data)).all():
        linked = dict.fromkeys(json.loads(data).get("assignment_ids", []))
        pairs = [{"contract_id": contract_id, "assignment_id": str(a)} for a in linked]
        if pairs:
            bind.execute(sa.insert(links), pairs)


def downgrade() -> None:
    """Drop everything :func:`upgrade` added (the records themselves are untouched)."""
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("mac")
    op.drop_index("ix_contract_assignments_assignment_id", table_name="contract_assignments")
    op.drop_table("contract_assignments")
    for table, columns in COLUMNS.items():
        for name, _, _ in columns:
            op.drop_index(f"ix_{table}_{name}", table_name=table)
        with op.batch_alter_table(table) as batch:
            for name, _, _ in columns:
                batch.drop_column(name)
            batch.drop_column("version")

# SPDX-License-Identifier: EUPL-1.2
"""Queries: an index on the audit trail's ``actor``.

A member's own data (GDPR art. 15, :meth:`PrivacyService.export
<kooperativ.services.privacy.PrivacyService.export>`) includes the audit events about
their records, found through the existing index on ``(entity, entity_id)``, and the
events they made themselves, found through this one, so that an export does not read the
whole trail.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Index ``audit_events.actor``."""
    op.create_index("ix_audit_events_actor", "audit_events", ["actor"])


def downgrade() -> None:
    """Drop the index."""
    op.drop_index("ix_audit_events_actor", table_name="audit_events")

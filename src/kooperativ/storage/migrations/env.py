# SPDX-License-Identifier: EUPL-1.2
"""Alembic environment for kooperativ's schema.

Run through :meth:`kooperativ.storage.sql.SqlStore.upgrade`, which passes an open
connection in ``config.attributes["connection"]``; there is no ``alembic.ini``. Table
names are never schema-qualified, so on PostgreSQL the tables (and ``alembic_version``)
go to the first schema of the connection's ``search_path``.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "kooperativ's migrations run through SqlStore.upgrade() (`kooperativ db upgrade`), "
        "which passes the database connection"
    )

context.configure(
    connection=connection,
    target_metadata=None,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()

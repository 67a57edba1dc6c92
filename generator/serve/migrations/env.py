"""Alembic's environment: migrate over the connection the server hands in (never a URL from a config file)."""

from __future__ import annotations

from alembic import context

from generator.serve.db import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

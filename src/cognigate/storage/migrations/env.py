"""Alembic environment: runs on the connection handed in by :func:`migrate`."""

from __future__ import annotations

from alembic import context

from cognigate.storage.orm import apigw as _apigw  # noqa: F401 - registers tables
from cognigate.storage.orm import consumed_challenges as _consumed  # noqa: F401 - registers tables
from cognigate.storage.orm import devices as _devices  # noqa: F401 - registers tables
from cognigate.storage.orm import identity as _identity  # noqa: F401 - registers tables
from cognigate.storage.orm import identity_providers as _idps  # noqa: F401 - registers tables
from cognigate.storage.orm import signing_certificates as _certs  # noqa: F401 - registers tables
from cognigate.storage.orm import user_import_jobs as _imports  # noqa: F401 - registers tables
from cognigate.storage.orm.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

"""Applies the Alembic migrations to an engine (``upgrade heads``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

#: PostgreSQL advisory-lock key under which instances take turns migrating ("cognigat")
MIGRATION_LOCK = 0x636F676E69676174

_HERE = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_HERE))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(_HERE / "versions"))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision of every branch."""
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # instances starting together on one database: one migrates, the others wait and
            # then find nothing left to do (the lock ends with this transaction)
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


def revision(engine: Engine, message: str, branch: str | None = None) -> None:
    """Autogenerate a new revision (developer tool: ``cognigate migrate --new MSG``)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(
            config, message=message, autogenerate=True, head=f"{branch}@head" if branch else "head"
        )

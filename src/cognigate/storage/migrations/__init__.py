"""Alembic migrations, applied automatically at start (``upgrade heads``)."""

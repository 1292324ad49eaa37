"""Persistence with SQLAlchemy 2: SQLite by default, PostgreSQL for several instances."""

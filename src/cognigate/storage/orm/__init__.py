"""Typed ORM tables; rows never leave the storage package."""

"""Shared column helpers for every table."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Aware UTC; SQLModel's UTCDateTime columns store and return it the same way on
    SQLite and PostgreSQL."""
    return datetime.now(UTC)

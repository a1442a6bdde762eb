"""Logging is configured here and nowhere else: one dictConfig on the root logger, to stderr
(where gunicorn, systemd or the terminal collect it), level from PORTAL_LOG_LEVEL."""

import logging.config

from .config import ConfigError

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def configure(level: str) -> None:
    """Called by create_app before anything logs; gunicorn keeps its own access/error loggers."""
    level = str(level).upper()
    if level not in LEVELS:
        choices = ", ".join(LEVELS)
        raise ConfigError(f"PORTAL_LOG_LEVEL={level!r} is not valid: use one of {choices}")
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
            "handlers": {
                "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
            },
            "root": {"level": level, "handlers": ["stderr"]},
            # Whoosh and the SQL layer say too much at INFO; their warnings still show.
            "loggers": {name: {"level": "WARNING"} for name in ("whoosh", "sqlalchemy", "alembic")},
        }
    )

"""Logging is configured here and nowhere else: one dictConfig for the portal's own loggers
(`portal`, which is also Flask's app.logger, and `search_index`), to stderr where gunicorn,
systemd or the terminal collect it, level from PORTAL_LOG_LEVEL. The root logger is left to
the host (gunicorn, pytest), so nothing of theirs is replaced."""

import logging.config

from .config import ConfigError

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
OWN_LOGGERS = ("portal", "search_index")


def configure(level: str) -> None:
    """Called by create_app before anything logs; safe to call again (handlers are replaced)."""
    level = str(level).upper()
    if level not in LEVELS:
        choices = ", ".join(LEVELS)
        raise ConfigError(f"PORTAL_LOG_LEVEL={level!r} is not valid: use one of {choices}")
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
            "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
            "loggers": {name: {"level": level, "handlers": ["stderr"]} for name in OWN_LOGGERS},
        }
    )

"""Match alerts: when a change makes a vacancy and a participant newly fit, the mentor
(one alert per pair) and the employer (per vacancy, pseudonymised) hear it once, in the
portal at once and by e-mail as they chose. Found through the change feed: each changed
vacancy or participant runs the one match query it needs and is compared with the pairs
already announced (pairs.py), the new pairs are claimed and told (announce.py), by a pass
that claims the feed's changes with its own cursor (runner.py)."""

from .runner import Summary, after_index_sync, run_pass, send

__all__ = ["Summary", "after_index_sync", "run_pass", "send"]

"""One clock for every date rule: "today" is the day in Brussels, where the portal's people
live, so a deadline does not move at midnight UTC. Timestamps stored in the database stay
UTC (`models.utcnow`)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def now() -> datetime:
    return datetime.now(BRUSSELS)


def today() -> date:
    return now().date()

"""The introduction meeting: the rules for its date, time, length and place, and when it
starts and ends in Brussels. A meeting without a time is a whole day in the calendar."""

from datetime import date, datetime, time, timedelta

from ... import clock
from ...i18n import _
from ...models import Proposal, Stage
from ..errors import ServiceError
from .stage_rules import clean_text

MIN_MINUTES, MAX_MINUTES, DEFAULT_MINUTES = 15, 240, 60
PLACE_MAX = 200
# A step to one of these before the meeting took place calls the meeting off.
CANCELLING_STAGES = frozenset({Stage.DECLINED, Stage.NOT_HIRED, Stage.WITHDRAWN})


def apply_meeting(p: Proposal, v: dict) -> dict:
    """Check the employer's values and put them on the proposal; returns the event details."""
    day = v.get("meeting_on")
    if not isinstance(day, date):
        raise ServiceError(_("Give the date of the meeting."), field="meeting_on")
    at = (v.get("meeting_time") or "").strip()
    if at and _clock_time(at) is None:
        raise ServiceError(_("Write the time as hours:minutes, e.g. 09:30."), field="meeting_time")
    minutes = v.get("meeting_minutes") or DEFAULT_MINUTES
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ServiceError(
            _(
                "A meeting lasts from %(min)d to %(max)d minutes.",
                min=MIN_MINUTES,
                max=MAX_MINUTES,
            ),
            field="meeting_minutes",
        )
    now = clock.now()
    if day < now.date() or (at and day == now.date() and _clock_time(at) <= now.time()):
        raise ServiceError(_("The meeting cannot be in the past."), field="meeting_on")
    place = clean_text(v.get("meeting_place"), "meeting_place", _("Say where the meeting is."))
    if len(place) > PLACE_MAX:
        raise ServiceError(
            _("Use at most %(max)d characters.", max=PLACE_MAX), field="meeting_place"
        )
    p.meeting_on, p.meeting_time, p.meeting_place = day, at, place
    p.meeting_minutes = minutes
    return {"date": day.isoformat(), "time": at, "place": place, "minutes": minutes}


def _clock_time(text: str) -> time | None:
    hours, sep, minutes = text.partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        return None
    if not (0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59):
        return None
    return time(int(hours), int(minutes))


def start_and_end(p: Proposal) -> tuple[datetime | date, datetime | date]:
    """Wall-clock times in Brussels (the offset follows daylight saving on that day), or the
    day and the next for a meeting without a time."""
    at = _clock_time(p.meeting_time) if p.meeting_time else None
    if at is None:
        return p.meeting_on, p.meeting_on + timedelta(days=1)
    start = datetime.combine(p.meeting_on, at, tzinfo=clock.BRUSSELS)
    return start, start + timedelta(minutes=p.meeting_minutes)


def is_upcoming(p: Proposal) -> bool:
    """A planned meeting that has not started yet (a whole-day meeting: until that day ends)."""
    if p.stage != Stage.INTRO_MEETING or p.meeting_on is None:
        return False
    start, _end = start_and_end(p)
    if isinstance(start, datetime):
        return start > clock.now()
    return start >= clock.today()


def hours_text(p: Proposal) -> str:
    """ "10:00–11:00" for the pages and messages; empty for a meeting without a time."""
    start, end = start_and_end(p) if p.meeting_on else (None, None)
    if not isinstance(start, datetime):
        return ""
    return f"{start:%H:%M}–{end:%H:%M}"


CHANGED = "meeting_changed"  # the event kind of a changed meeting


def planned(p: Proposal) -> tuple:
    return p.meeting_on, p.meeting_time, p.meeting_place, p.meeting_minutes


def call_off_if_upcoming(p: Proposal) -> bool:
    """Before a closing step: a meeting still to come is called off, and its calendar entry
    gets a newer version (the cancel). Returns whether it was."""
    if not is_upcoming(p):
        return False
    p.meeting_sequence += 1
    return True

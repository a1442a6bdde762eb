"""iCalendar files (RFC 5545) for meeting invitations (RFC 5546: REQUEST, CANCEL, PUBLISH),
made with the `icalendar` library: by hand, escaping, line folding and the time-zone rules
go wrong, and calendar programs then drop an invitation without a word.

Times are wall-clock times in Brussels with a VTIMEZONE in the file, so a meeting at 10:00
stays at 10:00 across a daylight-saving change, also in a program without a time-zone
database. Nothing here knows about proposals."""

from dataclasses import dataclass
from datetime import date, datetime

from icalendar import Calendar, Event, vCalAddress

from ..models import utcnow

PRODID = "-//Brugportaal//Introduction meetings//EN"
REQUEST, CANCEL, PUBLISH = "REQUEST", "CANCEL", "PUBLISH"


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class CalendarEvent:
    """One meeting as one reader sees it: summary and description in their language."""

    uid: str
    sequence: int
    start: datetime | date  # an aware datetime, or a whole day when no time was given
    end: datetime | date
    summary: str
    description: str
    location: str
    language: str
    organizer: Person
    attendees: tuple[Person, ...]


@dataclass(frozen=True)
class CalendarFile:
    method: str
    data: bytes


def _address(person: Person, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = person.name
    address.params.update(params)
    return address


def calendar_file(event: CalendarEvent, method: str) -> CalendarFile:
    """The file for one method. Replies are not asked for (RSVP=FALSE): the portal, not a
    calendar program, is where the meeting is planned and changed. A published copy (a
    download) lists no attendees, as RFC 5546 wants."""
    vevent = Event.new(
        uid=event.uid,
        sequence=event.sequence,
        stamp=utcnow(),
        start=event.start,
        end=event.end,
        summary=event.summary,
        description=event.description,
        location=event.location or None,
        status="CANCELLED" if method == CANCEL else "CONFIRMED",
        organizer=_address(event.organizer, ROLE="CHAIR"),
        attendees=[
            _address(p, ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="FALSE")
            for p in (event.attendees if method != PUBLISH else ())
        ],
    )
    for name in ("SUMMARY", "DESCRIPTION"):  # the place is typed by the employer, as is
        vevent[name].params["LANGUAGE"] = event.language
    calendar = Calendar.new(prodid=PRODID, method=method, subcomponents=[vevent])
    del calendar["UID"]  # new() adds a random one; the event's UID is the one that counts
    calendar.add_missing_timezones()
    return CalendarFile(method, calendar.to_ical())

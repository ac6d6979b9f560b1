"""Calendar events as an iCalendar (RFC 5545) file: bytes for Outlook, Google and Apple.

The `icalendar` package writes the form (CRLF line ends, lines folded at 75 octets,
`,` `;` `\\` and newlines escaped in text, UTF-8); this module only says what each
event holds. Events are all-day (`DTSTART;VALUE=DATE`, `DTEND` the day after the last
day, as RFC 5545 wants an exclusive end), transparent (a deadline does not make anyone
busy), with a UID that stays the same for the same activity across runs, so a
re-import updates the events instead of adding copies. A cancelled activity is a
`STATUS:CANCELLED` event: a calendar that has it removes or strikes it out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from .. import __version__
from ..view.people import CalendarEvent

PRODID = f"-//aktplan//aktplan {__version__}//NO"


def _event(item: CalendarEvent, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("summary", item.summary)
    event.add("dtstart", item.first)  # a date: VALUE=DATE, an all-day event
    event.add("dtend", item.last + timedelta(days=1))
    if item.description:
        event.add("description", item.description)
    if item.categories:
        event.add("categories", list(item.categories))
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    if item.rrule:
        event.add("rrule", item.rrule)
    return event


def render_ics(
    events: Iterable[CalendarEvent], name: str, *, stamp: datetime | None = None
) -> bytes:
    """The calendar `name` (`X-WR-CALNAME`) with `events`, as the bytes of an .ics file.

    `stamp` is the DTSTAMP of every event (when the file was made: now, in UTC).
    """
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for item in events:
        calendar.add_component(_event(item, stamp))
    return calendar.to_ical()

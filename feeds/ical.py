"""The agenda's iCalendar (RFC 5545), written with the `icalendar` library.

The library escapes text values and folds lines at 75 octets (never inside a UTF-8 character).
What it leaves to us:
- Control characters are not allowed in text (HTAB is): they are dropped.
- Times are written in UTC (`20260115T120000Z`), so the calendar needs no VTIMEZONE component
  and stays right when the Dutch daylight saving rules change (Python's tz database converts).
  A whole-day event is a DATE value, its end the day after (DTEND is exclusive).
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar

# Control characters are not allowed in TEXT values (HTAB is; newlines are escaped).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value):
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return icalendar.vText(_CONTROL_CHARACTERS.sub("", value))


def _uri(value):
    return icalendar.vUri(_CONTROL_CHARACTERS.sub("", str(value).replace("\n", "")))


def _when(value):
    """A DATE, or an aware DATE-TIME in UTC; a naive datetime is a programming error."""
    if not isinstance(value, datetime.datetime):  # a datetime is also a date: test it first
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("iCalendar times must be timezone-aware.")
    return value.astimezone(datetime.UTC)


@dataclass(frozen=True)
class Event:
    """One VEVENT. `start` is an aware datetime, or a date for a whole-day event.

    `end` is of the same kind and after `start`; for a whole-day event it defaults to the next
    day, for a timed event it may be left out (the event then has no duration).
    """

    uid: str
    start: datetime.date | datetime.datetime
    summary: str
    stamp: datetime.datetime
    end: datetime.date | datetime.datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""

    def component(self) -> icalendar.Event:
        timed = isinstance(self.start, datetime.datetime)
        end = self.end
        if end is None and not timed:
            end = self.start + datetime.timedelta(days=1)
        if end is not None and (isinstance(end, datetime.datetime) != timed or end <= self.start):
            raise ValueError(f"Event {self.uid}: the end must be of the same kind and later.")
        event = icalendar.Event()
        event.add("uid", _text(self.uid))
        event.add("dtstamp", _when(self.stamp))
        event.add("dtstart", _when(self.start))
        if end is not None:
            event.add("dtend", _when(end))
        event.add("summary", _text(self.summary))
        if self.location:
            event.add("location", _text(self.location))
        if self.description:
            event.add("description", _text(self.description))
        if self.url:
            event.add("url", _uri(self.url))
        return event


def calendar(
    events: Iterable[Event],
    *,
    prodid: str,
    name: str = "",
    description: str = "",
    refresh_hours: float = 6,
) -> str:
    """A whole VCALENDAR as a string, CRLF line endings, every line folded.

    `name` and `description` are shown by calendar apps that subscribe (RFC 7986 `NAME` and the
    widely read `X-WR-CALNAME`); `refresh_hours` tells them how often to fetch it again.
    """
    whole = icalendar.Calendar()
    whole.add("version", "2.0")
    whole.add("prodid", _text(prodid))
    whole.add("calscale", "GREGORIAN")
    if name:
        whole.add("name", _text(name))
        whole.add("x-wr-calname", _text(name))
    if description:
        whole.add("description", _text(description))
        whole.add("x-wr-caldesc", _text(description))
    if refresh_hours:
        interval = datetime.timedelta(hours=refresh_hours)
        whole.add("refresh-interval", interval, parameters={"VALUE": "DURATION"})
        whole.add("x-published-ttl", icalendar.vDuration(interval))
    for event in events:
        whole.add_component(event.component())
    return whole.to_ical().decode()

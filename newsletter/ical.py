"""A small iCalendar writer (RFC 5545): just what the agenda feed needs, no dependency.

- Text values are escaped (section 3.3.11): backslash, semicolon, comma and newline.
- Lines are folded at 75 octets (section 3.1) without splitting a UTF-8 character; a
  continuation line starts with one space, which counts towards its 75 octets.
- Every line ends with CRLF, the last one included.
- Times are written in UTC (`20260115T120000Z`), so the calendar needs no VTIMEZONE component
  and stays right when the Dutch daylight saving rules change (Python's tz database converts).
  A whole-day event is a DATE value, its end the day after (DTEND is exclusive).
"""

import datetime
import re
from dataclasses import dataclass

CRLF = "\r\n"
MAX_LINE_OCTETS = 75
# Control characters are not allowed in TEXT values (HTAB is); newlines are escaped first.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def escape_text(value):
    """A TEXT property value: `\\`, `;`, `,` and newlines escaped, control characters dropped."""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL_CHARACTERS.sub("", value.replace("\n", "\\n"))


def clean_uri(value):
    """A URI property value is not escaped, but may not contain control characters."""
    return _CONTROL_CHARACTERS.sub("", str(value).replace("\n", ""))


def fold(line):
    """Fold one content line into lines of at most 75 octets, joined by CRLF and a space."""
    parts, current, size, limit = [], [], 0, MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            # A continuation line starts with a space that counts towards its 75 octets.
            current, size, limit = [], 0, MAX_LINE_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def format_date(value):
    return value.strftime("%Y%m%d")


def format_datetime(value):
    """An aware datetime as a UTC DATE-TIME (`...Z`); a naive one is a programming error."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("iCalendar times must be timezone-aware.")
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(name, value):
    if isinstance(value, datetime.datetime):  # a datetime is also a date: test it first
        return f"{name}:{format_datetime(value)}"
    return f"{name};VALUE=DATE:{format_date(value)}"


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

    def lines(self):
        timed = isinstance(self.start, datetime.datetime)
        end = self.end
        if end is None and not timed:
            end = self.start + datetime.timedelta(days=1)
        if end is not None and (isinstance(end, datetime.datetime) != timed or end <= self.start):
            raise ValueError(f"Event {self.uid}: the end must be of the same kind and later.")
        lines = [
            "BEGIN:VEVENT",
            f"UID:{escape_text(self.uid)}",
            f"DTSTAMP:{format_datetime(self.stamp)}",
            _when("DTSTART", self.start),
        ]
        if end is not None:
            lines.append(_when("DTEND", end))
        lines.append(f"SUMMARY:{escape_text(self.summary)}")
        if self.location:
            lines.append(f"LOCATION:{escape_text(self.location)}")
        if self.description:
            lines.append(f"DESCRIPTION:{escape_text(self.description)}")
        if self.url:
            lines.append(f"URL:{clean_uri(self.url)}")
        lines.append("END:VEVENT")
        return lines


def calendar(events, *, prodid, name="", description="", refresh_hours=6):
    """A whole VCALENDAR as a string, CRLF line endings, every line folded.

    `name` and `description` are shown by calendar apps that subscribe (RFC 7986 `NAME` and the
    widely read `X-WR-CALNAME`); `refresh_hours` tells them how often to fetch it again.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape_text(prodid)}",
        "CALSCALE:GREGORIAN",
    ]
    if name:
        lines += [f"NAME:{escape_text(name)}", f"X-WR-CALNAME:{escape_text(name)}"]
    if description:
        lines += [
            f"DESCRIPTION:{escape_text(description)}",
            f"X-WR-CALDESC:{escape_text(description)}",
        ]
    if refresh_hours:
        lines += [
            f"REFRESH-INTERVAL;VALUE=DURATION:PT{refresh_hours}H",
            f"X-PUBLISHED-TTL:PT{refresh_hours}H",
        ]
    for event in events:
        lines += event.lines()
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)

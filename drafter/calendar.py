"""Consultation deadlines as an iCalendar file (RFC 5545), for a calendar application.

Invariant: pure — consultations and the clock in, the bytes of one VCALENDAR out; the same input
gives the same bytes (`DTSTAMP` is the clock passed in, never read here), so the file can be
regenerated with `DRAFTER_NOW` and diffed.

Each consultation is one VEVENT:

* `UID` is `<consultation id>@drafter`: a calendar that imports the file again (or subscribes to
  it) updates the event instead of adding a second one, and `SEQUENCE` counts the consultation's
  `deadline_history`, so a moved deadline is taken as a newer version of the same event;
* `DTSTART` is the deadline in UTC, and the event has no `DTEND`: RFC 5545 (3.6.1) makes such an
  event end when it starts. A deadline is an instant, not an hour of work: a one-hour event would
  claim time that is not booked, and one at 23:59 would run into the next day. `TRANSP:TRANSPARENT`
  keeps it out of free/busy time, and a display alarm one day before reminds the user;
* text is escaped as RFC 5545 3.3.11 asks (`\\\\`, `\\;`, `\\,`, `\\n`), characters the format forbids in
  text are dropped, a URL is written only when it is `http(s)` and holds no space or control
  character, lines are folded at 75 octets (never inside a UTF-8 sequence), and every line ends
  with CRLF.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .consultation import time_left
from .model import Consultation

PRODID = "-//drafter//consultation deadlines//EN"
UID_DOMAIN = "drafter"
REMIND_BEFORE = "-P1D"
"""The alarm's trigger: one day before the deadline (RFC 5545 duration)."""

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_BREAKS = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
_URL = re.compile(r"^https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$", re.IGNORECASE)
"""An http(s) URL of the characters RFC 3986 allows (no space, quote, angle bracket or control character)."""


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, each line break as
    `\\n`, other control characters (which the format forbids) dropped; tabs are kept."""
    value = _BREAKS.sub("\n", value)
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 3.1): CRLF and a space before each
    continuation, never splitting a UTF-8 sequence; ends with CRLF."""
    data = line.encode("utf-8")
    parts: list[bytes] = []
    limit = 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # a continuation byte: cut before its sequence
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = 74  # the leading space of a continuation line counts
    parts.append(data)
    return b"\r\n ".join(parts).decode("utf-8") + "\r\n"


def utc_stamp(moment: dt.datetime) -> str:
    """A DATE-TIME in UTC form, e.g. `20250715T215900Z` (a naive time is taken as UTC)."""
    return _utc(moment).strftime("%Y%m%dT%H%M%SZ")


def safe_url(url: str | None) -> str | None:
    """`url` when it can be a URI property value as it is (http or https, no space, control
    character or other character a URI cannot hold), else None."""
    if url and _URL.match(url.strip()):
        return url.strip()
    return None


def _utc(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC (a naive time is taken as UTC)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def _left(deadline: dt.datetime, now: dt.datetime) -> str:
    """'17 days 16 h left (as of 2026-11-28 12:00 UTC)': the note is only true when the file was written."""
    return f"{time_left(deadline, _utc(now))} (as of {_utc(now).strftime('%Y-%m-%d %H:%M')} UTC)"


def event_lines(c: Consultation, now: dt.datetime) -> list[str]:
    """The content lines (unfolded) of one consultation's VEVENT."""
    url = safe_url(c.url)
    description = [f"Organiser: {c.organiser}", f"Deadline: {c.deadline.isoformat()}"]
    if c.deadline_history:
        earlier = ", ".join(change.deadline.isoformat() for change in c.deadline_history)
        description.append(f"Deadline moved (earlier: {earlier})")
    description.append(_left(c.deadline, now))
    if c.url:
        description.append(f"URL: {c.url}")
    if c.submission.notes:
        description.append(f"How to submit: {' '.join(c.submission.notes.split())}")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(c.id)}@{UID_DOMAIN}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART:{utc_stamp(c.deadline)}",
        f"SEQUENCE:{len(c.deadline_history)}",
        f"SUMMARY:{escape_text('Deadline: ' + c.title)}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines += [
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text('Deadline tomorrow: ' + c.title)}",
        f"TRIGGER:{REMIND_BEFORE}",
        "END:VALARM",
        "END:VEVENT",
    ]
    return lines


def deadlines_calendar(consultations: Iterable[Consultation], now: dt.datetime, *, name: str = "Consultation deadlines") -> str:
    """The iCalendar text (CRLF line ends, folded) with one event per consultation, in the order given."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for c in consultations:
        lines += event_lines(c, now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)

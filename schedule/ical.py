"""iCalendar (RFC 5545) text for schedule entries, written with the standard library.

Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; TEXT values
escape backslash, semicolon, comma and newlines (§3.3.11). Times are local to Asia/Ho_Chi_Minh,
given with TZID and a VTIMEZONE (UTC+7, no daylight saving since 1975).
"""

import datetime

from django.utils import timezone

from portal_site.text import escape_text_value

TZID = "Asia/Ho_Chi_Minh"
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19750613T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0700",
    "TZNAME:ICT",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def fold(line):
    """Split a content line into 75-octet pieces, continuation lines starting with a space."""
    pieces, current, size, limit = [], [], 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space counts
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _local(moment):
    return f"{moment:%Y%m%dT%H%M%S}"


def event_lines(entry, host, stamp):
    lines = [
        "BEGIN:VEVENT",
        f"UID:lich-{entry.pk}@{host}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;TZID={TZID}:{_local(entry.starts_at)}",
    ]
    if entry.end:
        lines.append(f"DTEND;TZID={TZID}:{_local(datetime.datetime.combine(entry.date, entry.end))}")
    lines.append(f"SUMMARY:{escape_text_value(entry.content)}")
    if entry.place:
        lines.append(f"LOCATION:{escape_text_value(entry.place)}")
    description = []
    if entry.leader:
        description.append(f"Chủ trì: {entry.leader}")
    if entry.participants:
        description.append(f"Thành phần: {entry.participants}")
    description.append(f"Cơ quan: {entry.agency.title}")
    lines.append(f"DESCRIPTION:{escape_text_value(chr(10).join(description))}")
    lines.append(f"CATEGORIES:{escape_text_value(entry.get_kind_display())}")
    lines.append(f"LAST-MODIFIED:{timezone.localtime(entry.updated_at, datetime.UTC):%Y%m%dT%H%M%SZ}")
    lines.append("END:VEVENT")
    return lines


def calendar_text(entries, host, name):
    stamp = timezone.now().astimezone(datetime.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cong thong tin dien tu tinh//Lich cong tac//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text_value(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for entry in entries:
        lines.extend(event_lines(entry, host, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)

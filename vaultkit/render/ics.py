"""Result objects to iCalendar (RFC 5545) for calendar apps that subscribe to a file or URL.

Every event is all-day and keeps its UID from one run to the next (a hash of what the event is
about, not of its date), so a refreshed file updates events in place instead of duplicating
them. DTSTAMP is the report's `today`, which keeps the output reproducible.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event, vDuration

PRODUCT = "-//vaultkit//vaultkit agenda//EN"
REFRESH = timedelta(hours=6)


def render_ics(result: Any, name: str) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"vaultkit {name}")
    # How often subscribers should fetch the file again (the first is RFC 7986, the second Apple's).
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    stamp = datetime(result.today.year, result.today.month, result.today.day, tzinfo=UTC)
    for item in result.calendar_events():
        calendar.add_component(_event(item, stamp))
    return calendar.to_ical().decode("utf-8")


def _event(item: Any, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid(item.key))
    event.add("dtstamp", stamp)
    event.add("dtstart", item.day)
    if item.day < date.max:  # without DTEND an all-day event lasts its one day (RFC 5545)
        event.add("dtend", item.day + timedelta(days=1))
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    event.add("transp", "TRANSPARENT")  # a reminder does not make you busy
    if item.yearly:
        event.add("rrule", _yearly(item.day))
    return event


def uid(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@vaultkit"


def _yearly(day: date) -> dict[str, Any]:
    if (day.month, day.day) == (2, 29):
        # A plain yearly rule skips 29 February in other years; the last day of February does not.
        return {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
    return {"freq": "yearly"}

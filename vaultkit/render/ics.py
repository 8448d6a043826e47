"""The agenda to iCalendar (RFC 5545) for calendar apps that subscribe to a file or URL.

Every event is all-day and keeps its UID from one run to the next (a hash of what the event is
about, not of its date), so a refreshed file updates events in place instead of duplicating
them. DTSTAMP is the report's `today`, which keeps the output reproducible. A calendar shows an
event on its own day, not on the day the feed was made, so descriptions give dates, never "in 4
days" or "today".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import icalendar
from icalendar import Alarm, Calendar, Event, vDuration

from vaultkit import __version__, language, words
from vaultkit.model import Birthday
from vaultkit.render.speech import agenda as say
from vaultkit.reports.agenda import OCCASIONS, Agenda, AgendaItem
from vaultkit.words import printable

PRODUCT = "-//vaultkit//vaultkit agenda//EN"
REFRESH = timedelta(hours=6)
# A leap year, so that a 29 February birthday without a year still starts on its own day.
UNKNOWN_BIRTH_YEAR = 2000


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day calendar entry; `key` names it the same way on every run."""

    key: str
    day: date
    summary: str
    description: str
    yearly: bool = False


def ics_feed(agenda: Agenda, name: str) -> tuple[bytes, ...]:
    """The feed as the UTF-8 bytes of its file, in pieces: the calendar's head, each event as
    written, its end. Bytes, not text: a text takes the width of its widest character for every
    character, and one `…` of a shortened topic, or one emoji, makes a large vault's 6.7 MB feed
    13 or 27 MB of text. In pieces, not joined: the events are kept as written for the next
    feed, and the joined feed would hold every one of them twice until it is written."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"vaultkit {name}")
    # How often subscribers should fetch the file again (the first is RFC 7986, the second Apple's).
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    stamp = datetime(agenda.today.year, agenda.today.month, agenda.today.day, tzinfo=UTC)
    # One event at a time: a large vault's events, each with its texts, are megabytes.
    digests, written = [], {}
    for item in calendar_events(agenda):
        key = (item, stamp, agenda.alarm)
        digest = _digest(key)
        digests.append(digest)
        if digest not in written:
            written[digest] = _written.get(digest) or _event(*key).to_ical()
    _keep_for_next_feed(written)
    events = [written[digest] for digest in digests]
    # The calendar's own lines around its events, each event as icalendar writes it alone: the
    # same bytes as the whole calendar written at once.
    head = calendar.to_ical().removesuffix(_END)
    return (head, *events, _END)


_END = b"END:VCALENDAR\r\n"
# Each event as written for the last two feeds, by a digest of what it is: `watch` renders the
# feed again after every change, and writing an event is what takes the time (icalendar takes
# ~1 ms an event), so an event that did not change is not written again. Two feeds, so that a
# feed asked for in another language, or for another day, leaves the watch's own feed as it
# was; not more, since a large vault's events are megabytes, and a day's feed is not the next
# day's (each event is stamped with its day). `watch` keeps them in the cache folder for its
# next start (see `written_events`).
_written: dict[str, bytes] = {}
_last_feed: set[str] = set()  # the digests of the last feed's events


def _keep_for_next_feed(written: dict[str, bytes]) -> None:
    before = {
        digest: _written[digest] for digest in _last_feed if digest in _written and digest not in written
    }
    _written.clear()
    _written.update(written)  # first: its digests are those `_last_feed` holds, one copy of each
    _written.update(before)
    _last_feed.clear()
    _last_feed.update(written)


def _digest(key: tuple[CalendarEvent, datetime, timedelta | None]) -> str:
    """What an event is, the language it is said in, and what writes it. The language is part
    of it even though the event's text says it already: an event written for a German feed is
    never one of an English feed."""
    what = f"{_writer()}\0{language.speaking()}\0{key!r}"
    return hashlib.blake2b(what.encode(), digest_size=20).hexdigest()


@lru_cache(maxsize=1)
def _writer() -> str:
    """What writes an event: icalendar and vaultkit, each of its version, and the code of this
    module and of `vaultkit.words` (which makes its text printable). Events kept in the cache
    are used by every later run: another version, or code changed in a development install,
    may write them otherwise."""
    code = hashlib.blake2b(digest_size=16)
    for module in (__file__, words.__file__ or ""):
        try:
            code.update(Path(module).read_bytes())
        except OSError:
            pass  # no source beside the code: the versions say what they can
    return f"{icalendar.__version__}\0{__version__}\0{code.hexdigest()}"


def written_events() -> dict[str, bytes]:
    """The events of the last two feeds as written (UTF-8), by digest."""
    return dict(_written)


def forget_written_events() -> None:
    """Let go of the events kept for the next feed: a run of one command makes no other."""
    _written.clear()
    _last_feed.clear()


def take_written_events(events: dict[str, bytes]) -> None:
    """Events written by an earlier run (`written_events`), to be used instead of writing them again."""
    _written.update(events)


def calendar_events(agenda: Agenda) -> Iterator[CalendarEvent]:
    """A yearly event per birthday, anniversary, day you met and occasion with a day, and one per
    reminder, follow-up and meeting of the next `days`. An occasion known to its month only has
    no event: a calendar would show it as a bar over the whole month, or on a day nobody wrote,
    and remind of it on the first; the agenda names it while its days reach into the month."""
    yield from _birthdays(agenda)
    yield from _yearly_occasions(agenda)
    yield from _reminders(agenda)
    yield from _meetings(agenda)


def _birthdays(agenda: Agenda) -> Iterator[CalendarEvent]:
    # A birthday within `days` is this same yearly event, not one of its own: it only lends the
    # event its talking points.
    points = {item.contact: say.talking_points(item) for item in agenda.of_kind("birthday")}
    for contact, birthday in agenda.birthdays:
        yield CalendarEvent(
            f"birthday/{contact.id}",
            _first_birthday(birthday),
            say.birthday_summary(contact.name),
            _lines(say.born(birthday.year) if birthday.year else "", *points.get(contact.id, ())),
            yearly=True,
        )


def _yearly_occasions(agenda: Agenda) -> Iterator[CalendarEvent]:
    """Anniversaries, days you met and occasions with a day, as the birthdays are: one yearly
    event each, which an item within `days` lends its talking points."""
    points = {
        (item.contact, item.kind, item.what): say.talking_points(item)
        for item in agenda.of_kind(OCCASIONS)
        if not item.month
    }
    for contact, occasion in agenda.yearly:
        year = occasion.day.year
        if occasion.kind == "occasion":
            summary = say.occasion_of(occasion.what or say.occasion(occasion), contact.name)
            about = say.since(year) if year else ""
        else:
            summary = say.occasion_summary(occasion.kind, contact.name)
            about = say.since(year) if year else ""
            if occasion.kind == "met" and occasion.what:
                about = f"{about} ({occasion.what})" if about else occasion.what
        yield CalendarEvent(
            f"{occasion.key}/{contact.id}",
            _first_birthday(occasion.day),
            summary,
            _lines(about, *points.get((contact.id, occasion.kind, occasion.what), ())),
            yearly=True,
        )


def _reminders(agenda: Agenda) -> Iterator[CalendarEvent]:
    for item in agenda.items:
        if item.kind in ("birthday", "meeting", *OCCASIONS):
            continue
        description = _lines(say.dated_reason(item), *say.talking_points(item))
        if item.kind in ("overdue", "due", "drifting"):
            # A reminder sits on the day the report is made: that is when to act on it. One key
            # for all three, so that a contact going from quieter than usual to due to overdue
            # keeps its event.
            yield CalendarEvent(
                f"reminder/{item.contact}", agenda.today, say.get_in_touch(item.name), description
            )
        else:
            # Keyed as a follow-up whatever its kind, so that one whose day has passed (a missed
            # follow-up) keeps its event.
            # An introduction is asked after from today on, not on the day it was made.
            on = agenda.today if item.kind == "introduced" else item.date
            yield CalendarEvent(
                f"follow_up/{item.contact}/{item.key}", on, say.follow_up(item.name), description
            )


def _meetings(agenda: Agenda) -> Iterator[CalendarEvent]:
    """One event per meeting note, however many contacts it names."""
    meetings: dict[str, list[AgendaItem]] = {}
    for item in agenda.of_kind("meeting"):
        meetings.setdefault(item.source, []).append(item)
    for source, items in meetings.items():
        yield CalendarEvent(
            f"meeting/{source}",
            items[0].date,
            f"{PurePosixPath(source).stem} ({', '.join(item.name for item in items)})",
            "\n\n".join(
                [say.meeting_note(source), *(_lines(item.name, *say.talking_points(item)) for item in items)]
            ),
        )


def _first_birthday(birthday: Birthday) -> date:
    """Where a yearly birthday event starts: the birth date, or its day in a placeholder year."""
    return date(birthday.year or UNKNOWN_BIRTH_YEAR, birthday.month, birthday.day)


def _lines(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def _event(item: CalendarEvent, stamp: datetime, alarm: timedelta | None) -> Event:
    # Note text is printable here, as in every text vaultkit writes: a calendar app, or a
    # terminal showing the file, gets no control characters (RFC 5545 allows none in TEXT).
    summary = printable(item.summary)
    description = "\n".join(printable(line) for line in item.description.split("\n"))
    event = Event()
    event.add("uid", uid(item.key))
    event.add("dtstamp", stamp)
    event.add("dtstart", item.day)
    if item.day < date.max:  # without DTEND an all-day event lasts its one day (RFC 5545)
        event.add("dtend", item.day + timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a reminder does not make you busy
    if item.yearly:
        event.add("rrule", _yearly(item.day))
    if alarm is not None:
        event.add_component(_alarm(summary, alarm))
    return event


def _alarm(summary: str, trigger: timedelta) -> Alarm:
    """A notification `trigger` after the start of the event's day (before it, when negative)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", trigger)
    return alarm


def uid(key: str) -> str:
    # surrogateescape: a note whose file name is not UTF-8 has its bytes in the key.
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32] + "@vaultkit"


def _yearly(day: date) -> dict[str, Any]:
    if (day.month, day.day) == (2, 29):
        # A plain yearly rule skips 29 February in other years; the last day of February does not.
        return {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
    return {"freq": "yearly"}

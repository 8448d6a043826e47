"""The agenda: whom to get in touch with now, why, and what to talk about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from vaultkit.activity import Activity, ContactActivity, FollowUp, Interaction, Meeting
from vaultkit.cadence import age_turning, born_after, days_after, days_in, next_birthday
from vaultkit.config import Config
from vaultkit.model import Birthday, Contact, Index
from vaultkit.reports.common import (
    Standing,
    never_in_touch,
    planned_contact_happened,
    standing,
    talking_points,
    topic_of,
    without_day,
)
from vaultkit.words import counted, day_label

SCHEMA = "vaultkit.agenda/1"
Kind = Literal["overdue", "missed_follow_up", "due", "follow_up", "birthday", "meeting"]
KINDS: tuple[Kind, ...] = ("overdue", "missed_follow_up", "due", "follow_up", "birthday", "meeting")


@dataclass(frozen=True)
class AgendaItem:
    kind: Kind
    contact: str
    name: str
    date: date
    reason: str
    talking_points: tuple[str, ...]
    source: str  # the note the item comes from
    line: int
    # What identifies a follow-up from one run to the next, whatever its date.
    key: str = ""
    # The reason in words that stay true on any day ("due 2026-11-28", never "in 7 days"), for a
    # calendar, which shows it on other days than today.
    dated_reason: str = ""
    # The reason without the day it concerns, for a line that shows the day in a column of its own.
    undated_reason: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "contact": self.contact,
            "name": self.name,
            "date": self.date.isoformat(),
            "reason": self.reason,
            "talking_points": list(self.talking_points),
            "source": self.source,
            "line": self.line,
        }


@dataclass(frozen=True)
class Agenda:
    today: date
    days: int
    items: tuple[AgendaItem, ...]
    # Every birthday, not just those within `days`: a calendar repeats them each year.
    birthdays: tuple[tuple[Contact, Birthday], ...] = ()
    # When a calendar reminds of each event, from the start of its day ([ics] alarm); None: never.
    alarm: timedelta | None = None
    # How many contacts the agenda looked at: none at all is not "everyone is in touch".
    contacts: int = 0
    # How many contacts nobody has been in touch with yet (see `never_in_touch`): no cadence
    # reminds of them, `stale` lists them; the agenda only counts them, so that an import of
    # hundreds of connections does not bury what is due.
    never_in_touch: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "days": self.days,
            "items": [item.as_json() for item in self.items],
            "never_in_touch": self.never_in_touch,
        }

    def csv_rows(self) -> tuple[list[str], list[list[Any]]]:
        header = ["kind", "date", "contact", "name", "reason", "talking_points", "source", "line"]
        rows = [
            [
                i.kind,
                i.date.isoformat(),
                i.contact,
                i.name,
                i.reason,
                "; ".join(i.talking_points),
                i.source,
                i.line,
            ]
            for i in self.items
        ]
        return header, rows

    def of_kind(self, kind: Kind) -> list[AgendaItem]:
        return [item for item in self.items if item.kind == kind]


def agenda(index: Index, activity: Activity, config: Config, days: int = 14) -> Agenda:
    today = activity.today
    horizon = days_after(today, days)
    cadence_items: list[tuple[float, AgendaItem]] = []
    dated: list[AgendaItem] = []
    never = 0
    for contact in index.contacts.values():
        if contact.status == "archived":
            continue
        where, on_days, never_yet = activity.per_contact(
            f"agenda {days}", contact, config, _contact_items, contact, activity, config, horizon
        )
        never += never_yet
        if where:
            cadence_items.append(where)
        dated.extend(on_days)
    cadence_items.sort(key=lambda pair: (KINDS.index(pair[1].kind), -pair[0], pair[1].name))
    dated.sort(key=lambda item: (item.date, KINDS.index(item.kind), item.name, item.source))
    birthdays = tuple(
        (c, c.birthday)
        for c in sorted(index.contacts.values(), key=lambda c: c.id)
        if c.birthday and c.status != "archived" and not born_after(c.birthday, today)
    )
    items = _in_report_order([item for _, item in cadence_items], dated)
    return Agenda(today, days, items, birthdays, config.ics_alarm, len(index.contacts), never)


def _contact_items(
    contact: Contact, activity: Activity, config: Config, horizon: date
) -> tuple[tuple[float, AgendaItem] | None, list[AgendaItem], bool]:
    """What the agenda says of one contact: its standing (with its urgency), if due or overdue;
    its dated items up to `horizon`; and whether nobody has been in touch with it yet."""
    today = activity.today
    mine = activity.of(contact.id)
    where_now = activity.per_contact("standing", contact, config, standing, contact, mine, config, today)
    points = talking_points(contact, mine, already_said=where_now.last)
    dated = [
        *_follow_ups(contact, mine, today, horizon, points),
        *_birthday(contact, today, horizon, points),
        *_meetings(contact, mine, today, horizon, points),
    ]
    return _standing_item(contact, where_now, today, points), dated, never_in_touch(where_now)


# The sections before "coming up", most behind first; sorting by them keeps each one's own order.
_SECTIONS_FIRST = {"overdue": 0, "missed_follow_up": 1, "due": 2}


def _in_report_order(by_lateness: list[AgendaItem], by_date: list[AgendaItem]) -> tuple[AgendaItem, ...]:
    """Overdue contacts, missed follow-ups (oldest first), due contacts, then what lies ahead."""
    return tuple(sorted([*by_lateness, *by_date], key=lambda item: _SECTIONS_FIRST.get(item.kind, 3)))


def _standing_item(
    contact: Contact, where: Standing, today: date, points: tuple[str, ...]
) -> tuple[float, AgendaItem] | None:
    if where.state not in ("due", "overdue") or not where.last or not where.cadence:
        return None
    since = (where.overdue_on if where.state == "overdue" else where.due_on) or today
    urgency = (today - since).days / days_in(where.cadence.ideal)
    reason = (
        f"{where.state}: last contact {_relative(where.last.date, today)} ({_describe(where.last)}); "
        f"{where.cadence.describe()}"
    )
    dated = (
        f"{where.state} since {since.isoformat()}: last contact {_dated(where.last)}; "
        f"{where.cadence.describe()}"
    )
    item = AgendaItem(
        where.state,
        contact.id,
        contact.name,
        since,
        reason,
        points,
        where.last.source,
        where.last.line,
        dated_reason=dated,
    )
    return urgency, item


def _follow_ups(
    contact: Contact, activity: ContactActivity, today: date, horizon: date, points: tuple[str, ...]
) -> list[AgendaItem]:
    last = activity.last()
    return [
        _follow_up_item(contact, follow_up, follow_up.date, today, points)
        for follow_up in activity.follow_ups
        if follow_up.date is not None
        and follow_up.date <= horizon
        and not planned_contact_happened(follow_up, last)
    ]


def _follow_up_item(
    contact: Contact, follow_up: FollowUp, day: date, today: date, points: tuple[str, ...]
) -> AgendaItem:
    """A follow-up still to do, or missed: its day has passed and it is still open. A missed
    promise does not expire, so it stays on the agenda however long ago it was."""
    missed = day < today
    due, when = ("was due" if missed else "due"), _relative(day, today)
    if follow_up.text == "next_contact":
        reason = f"follow-up {due} {when} ({day_label(day)}, next_contact)"
        undated = f"follow-up {due} {when} (next_contact)"
        dated = f"follow-up planned for {day.isoformat()} (next_contact)"
    else:
        what = f"{follow_up.text} ({follow_up.source})"
        reason = f"task {due} {when} ({day_label(day)}): {what}"
        undated = f"task {due} {when}: {what}"
        dated = f"task due {day.isoformat()}: {what}"
    return AgendaItem(
        "missed_follow_up" if missed else "follow_up",
        contact.id,
        contact.name,
        day,
        reason,
        points,
        follow_up.source,
        follow_up.line,
        f"{follow_up.source}/{follow_up.text}",
        dated_reason=dated,
        undated_reason=undated,
    )


def _birthday(contact: Contact, today: date, horizon: date, points: tuple[str, ...]) -> list[AgendaItem]:
    if contact.birthday is None:
        return []
    day = next_birthday(contact.birthday, today)
    if day is None or day > horizon:
        return []
    age = age_turning(contact.birthday, day)
    turns = f"turns {age} " if age is not None else ""
    line = contact.lines.get("birthday", 1)
    return [
        AgendaItem(
            "birthday",
            contact.id,
            contact.name,
            day,
            f"birthday: {turns}{_when(day, today)}",
            points,
            contact.path,
            line,
            dated_reason=f"birthday: {turns}on {day.isoformat()}",
            undated_reason=f"birthday: {turns}{_relative(day, today)}",
        )
    ]


def _meetings(
    contact: Contact, activity: ContactActivity, today: date, horizon: date, points: tuple[str, ...]
) -> list[AgendaItem]:
    return [
        _meeting_item(contact, meeting, today, points)
        for meeting in activity.meetings
        if today < meeting.date <= horizon
    ]


def _meeting_item(contact: Contact, meeting: Meeting, today: date, points: tuple[str, ...]) -> AgendaItem:
    # The title is the note's name, which says where the meeting is written down; a daily note
    # named by its date has nothing to add to the day.
    title = without_day(meeting.title, meeting.date)
    planned = f"planned: {title}" if title else "planned"
    return AgendaItem(
        "meeting",
        contact.id,
        contact.name,
        meeting.date,
        f"{planned} {_when(meeting.date, today)}",
        points,
        meeting.source,
        1,
        dated_reason=f"{planned} on {meeting.date.isoformat()} ({meeting.source})",
        undated_reason=f"{planned} {_relative(meeting.date, today)}",
    )


def _describe(interaction: Interaction) -> str:
    """`2026-05-12, coffee: …`: the day, and what happened unless the day is all there is."""
    topic = topic_of(interaction)
    return f"{interaction.date.isoformat()}, {shorten(topic)}" if topic else interaction.date.isoformat()


def _dated(interaction: Interaction) -> str:
    """`2026-05-12 (coffee: …)`: the day, and what happened unless the day is all there is."""
    topic = topic_of(interaction)
    return f"{interaction.date.isoformat()} ({shorten(topic)})" if topic else interaction.date.isoformat()


def shorten(text: str, limit: int = 60) -> str:
    """`text`, or as much of it as fits in `limit` characters with `…`, cut between words
    unless that would leave less than half of it."""
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    if not text[limit - 1].isspace() and (space := kept.rfind(" ")) >= limit // 2:
        kept = kept[:space]
    return kept.rstrip(" ,;:-–—") + "…"


def _relative(day: date, today: date) -> str:
    """`today`, `tomorrow`, `in 4 days`, `yesterday`, `3 days ago`."""
    days = (day - today).days
    if -1 <= days <= 1:
        return ("yesterday", "today", "tomorrow")[days + 1]
    return f"in {counted(days, 'day')}" if days > 0 else f"{counted(-days, 'day')} ago"


def _when(day: date, today: date) -> str:
    """`in 4 days (Wed 2026-11-25)`."""
    return f"{_relative(day, today)} ({day_label(day)})"

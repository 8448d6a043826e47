"""The agenda: whom to get in touch with now, why, and what to talk about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any, Literal

from vaultkit.activity import Activity, ContactActivity, Interaction
from vaultkit.cadence import age_turning, born_after, days_after, days_in, next_birthday
from vaultkit.config import Config
from vaultkit.model import Birthday, Contact, Index
from vaultkit.reports.common import Standing, standing, talking_points
from vaultkit.words import counted, day_label

SCHEMA = "vaultkit.agenda/1"
Kind = Literal["overdue", "due", "follow_up", "birthday", "meeting"]
KINDS: tuple[Kind, ...] = ("overdue", "due", "follow_up", "birthday", "meeting")


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

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "days": self.days,
            "items": [item.as_json() for item in self.items],
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

    def calendar_events(self) -> list[CalendarEvent]:
        """Yearly birthdays, and the reminders, follow-ups and meetings of the next `days`."""
        events = [
            CalendarEvent(
                f"birthday/{contact.id}",
                _first_birthday(birthday),
                f"Birthday: {contact.name}",
                f"born {birthday.year}" if birthday.year else "",
                yearly=True,
            )
            for contact, birthday in self.birthdays
        ]
        meetings: dict[str, list[AgendaItem]] = {}
        for item in self.items:
            if item.kind == "meeting":
                meetings.setdefault(item.source, []).append(item)
                continue
            # A reminder sits on the day the report is made: that is when to act on it.
            day = self.today if item.kind in ("overdue", "due") else item.date
            title = "Follow up" if item.kind == "follow_up" else "Get in touch"
            key = (
                f"{item.kind}/{item.contact}/{item.key}"
                if item.kind == "follow_up"
                else f"reminder/{item.contact}"
            )
            events.append(CalendarEvent(key, day, f"{title}: {item.name}", _description(item)))
        for source, items in meetings.items():
            title = f"{PurePosixPath(source).stem} ({', '.join(item.name for item in items)})"
            details = "\n\n".join(f"{item.name}: {_description(item)}" for item in items)
            events.append(CalendarEvent(f"meeting/{source}", items[0].date, title, details))
        return events

    def of_kind(self, kind: Kind) -> list[AgendaItem]:
        return [item for item in self.items if item.kind == kind]


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day calendar entry; `key` names it the same way on every run."""

    key: str
    day: date
    summary: str
    description: str
    yearly: bool = False


# A leap year, so that a 29 February birthday without a year still starts on its own day.
UNKNOWN_BIRTH_YEAR = 2000


def _first_birthday(birthday: Birthday) -> date:
    """Where a yearly birthday event starts: the birth date, or its day in a placeholder year."""
    return date(birthday.year or UNKNOWN_BIRTH_YEAR, birthday.month, birthday.day)


def _description(item: AgendaItem) -> str:
    return "\n".join((item.reason, *item.talking_points))


def agenda(index: Index, activity: Activity, config: Config, days: int = 14) -> Agenda:
    today = activity.today
    horizon = days_after(today, days)
    cadence_items: list[tuple[float, AgendaItem]] = []
    dated: list[AgendaItem] = []
    for contact in index.contacts.values():
        if contact.status == "archived":
            continue
        mine = activity.of(contact.id)
        where_now = standing(contact, mine, config, today)
        points = talking_points(contact, mine, already_said=where_now.last)
        where = _standing_item(contact, where_now, today, points)
        if where:
            cadence_items.append(where)
        dated.extend(_follow_ups(contact, mine, today, horizon, points))
        dated.extend(_birthday(contact, today, horizon, points))
        dated.extend(_meetings(contact, mine, today, horizon, points))
    cadence_items.sort(key=lambda pair: (KINDS.index(pair[1].kind), -pair[0], pair[1].name))
    dated.sort(key=lambda item: (item.date, KINDS.index(item.kind), item.name, item.source))
    birthdays = tuple(
        (c, c.birthday)
        for c in sorted(index.contacts.values(), key=lambda c: c.id)
        if c.birthday and c.status != "archived" and not born_after(c.birthday, today)
    )
    return Agenda(today, days, tuple(item for _, item in cadence_items) + tuple(dated), birthdays)


def _standing_item(
    contact: Contact, where: Standing, today: date, points: tuple[str, ...]
) -> tuple[float, AgendaItem] | None:
    if where.state not in ("due", "overdue") or not where.last or not where.cadence:
        return None
    since = (where.overdue_on if where.state == "overdue" else where.due_on) or today
    urgency = (today - since).days / days_in(where.cadence.ideal)
    reason = (
        f"{where.state}: last contact {_ago(where.last.date, today)} ({_describe(where.last)}); "
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
    )
    return urgency, item


def _follow_ups(
    contact: Contact, activity: ContactActivity, today: date, horizon: date, points: tuple[str, ...]
) -> list[AgendaItem]:
    items = []
    last = activity.last()
    for follow_up in activity.follow_ups:
        if follow_up.date is None or follow_up.date > horizon:
            continue
        if follow_up.text == "next_contact":
            if follow_up.date < today and last and last.date >= follow_up.date:
                continue  # the planned contact happened
            reason = f"follow-up planned {_when(follow_up.date, today)} (next_contact)"
        else:
            reason = f"task {_when(follow_up.date, today)}: {follow_up.text} ({follow_up.source})"
        items.append(
            AgendaItem(
                "follow_up",
                contact.id,
                contact.name,
                follow_up.date,
                reason,
                points,
                follow_up.source,
                follow_up.line,
                f"{follow_up.source}/{follow_up.text}",
            )
        )
    return items


def _birthday(contact: Contact, today: date, horizon: date, points: tuple[str, ...]) -> list[AgendaItem]:
    if contact.birthday is None:
        return []
    day = next_birthday(contact.birthday, today)
    if day is None or day > horizon:
        return []
    age = age_turning(contact.birthday, day)
    turns = f"turns {age} " if age is not None else ""
    reason = f"birthday: {turns}{_when(day, today)}"
    line = contact.lines.get("birthday", 1)
    return [AgendaItem("birthday", contact.id, contact.name, day, reason, points, contact.path, line)]


def _meetings(
    contact: Contact, activity: ContactActivity, today: date, horizon: date, points: tuple[str, ...]
) -> list[AgendaItem]:
    return [
        AgendaItem(
            "meeting",
            contact.id,
            contact.name,
            meeting.date,
            f"planned: {meeting.title} {_when(meeting.date, today)} ({meeting.source})",
            points,
            meeting.source,
            1,
        )
        for meeting in activity.meetings
        if today < meeting.date <= horizon
    ]


def _describe(interaction: Interaction) -> str:
    if interaction.text in ("last_contact", "met"):
        return interaction.date.isoformat()
    return f"{interaction.date.isoformat()}, {shorten(interaction.text)}"


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ago(day: date, today: date) -> str:
    days = (today - day).days
    return "today" if days == 0 else f"{counted(days, 'day')} ago"


def _when(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return f"today ({day_label(day)})"
    if days > 0:
        return f"in {counted(days, 'day')} ({day_label(day)})"
    return f"{counted(-days, 'day')} ago ({day_label(day)})"

"""`show`: a one-page brief before meeting someone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vaultkit.activity import Activity, ContactActivity, FollowUp, Meeting
from vaultkit.cadence import age_turning, next_birthday
from vaultkit.config import Config
from vaultkit.model import Contact, Goal, Index, News
from vaultkit.reports.common import (
    Standing,
    TalkingPoint,
    planned_contact_happened,
    points_as_json,
    standing,
    unheard_news,
    without_day,
)
from vaultkit.reports.network.give import Idea, ideas
from vaultkit.reports.network.serves import Match, served

SCHEMA = "vaultkit.contact/1"
RECENT = 10
# The standings that get no cadence reminders: a contact's cadence, if any, does not apply.
NO_REMINDERS = ("archived", "reserve", "paused", "no-cadence")


@dataclass(frozen=True)
class Brief:
    contact: Contact
    today: date
    standing: Standing
    activity: ContactActivity
    next_birthday: date | None
    turns: int | None
    # The owner's goals the contact serves, and what of theirs serves each.
    goals: tuple[tuple[Goal, tuple[Match, ...]], ...] = ()
    # Your news they have not heard yet, newest first, and the best of what you could give them.
    news: tuple[News, ...] = ()
    idea: Idea | None = None

    @property
    def talking_points(self) -> tuple[TalkingPoint, ...]:
        """What you could give them and your news they have not heard yet; their interests and
        needs have lines of their own."""
        points = [TalkingPoint("give", idea=self.idea)] if self.idea else []
        if self.news:
            points.append(TalkingPoint("news", news=self.news))
        return tuple(points)

    @property
    def gave(self) -> int:
        return sum(entry.gave for entry in self.contact.log)

    @property
    def got(self) -> int:
        return sum(entry.got for entry in self.contact.log)

    @property
    def recent(self) -> list[Any]:
        return self.activity.interactions[:RECENT]

    @property
    def open_follow_ups(self) -> list[Any]:
        last = self.activity.last()
        return [f for f in self.activity.follow_ups if not planned_contact_happened(f, last)]

    @property
    def notes(self) -> list[str]:
        """The lines under the note's `## Notes` heading, without blank ones (a template reads
        text as one line each, so they come as a list)."""
        return [line.rstrip() for line in (self.contact.notes or "").splitlines() if line.strip()]

    @property
    def cadence_applies(self) -> bool:
        """Whether the contact's cadence gives reminders (or will, once a snooze ends)."""
        return self.standing.cadence is not None and self.standing.state not in NO_REMINDERS

    def planned(self, meeting: Meeting) -> str:
        """A meeting's title without the day its line already gives."""
        return without_day(meeting.title, meeting.date)

    def missed(self, follow_up: FollowUp) -> bool:
        """Whether an open follow-up's day has passed."""
        return follow_up.date is not None and follow_up.date < self.today

    def as_json(self) -> dict[str, Any]:
        c, where = self.contact, self.standing
        return {
            "schema": SCHEMA,
            "contact": c.id,
            "name": c.name,
            "path": c.path,
            "aliases": list(c.aliases),
            "tags": list(c.tags),
            "circle": c.circle,
            "status": c.status,
            "role": c.role,
            "org": c.org,
            "location": c.location,
            "department": c.department,
            "addresses": list(c.addresses),
            "email": c.email,
            "phone": c.phone,
            "emails": list(c.emails),
            "phones": list(c.phones),
            "urls": list(c.urls),
            "uid": c.uid,
            "met": _iso(c.met),
            "connected": _iso(c.connected),
            "how_met": c.how_met,
            "introduced_by": c.introduced_by,
            "knows": list(c.knows),
            "interests": list(c.interests),
            "offers": list(c.offers),
            "needs": list(c.needs),
            "last_contact": _iso(where.last.date if where.last else None),
            "cadence": {
                "state": where.state,
                "ideal": str(where.cadence.ideal) if where.cadence else None,
                "rule": where.cadence.describe() if where.cadence else None,
                "source": where.cadence.source if where.cadence else None,
                "name": where.cadence.name if where.cadence else None,
                "maximum": str(where.cadence.maximum) if where.cadence and where.cadence.maximum else None,
                "due_on": _iso(where.due_on),
                "overdue_on": _iso(where.overdue_on),
            },
            "birthday": None
            if c.birthday is None
            else {"date": c.birthday.iso(), "next": _iso(self.next_birthday), "turns": self.turns},
            "interactions": [
                {"date": i.date.isoformat(), "source": i.source, "text": i.text, "line": i.line}
                for i in self.activity.interactions
            ],
            "follow_ups": [
                {"date": _iso(f.date), "source": f.source, "text": f.text, "line": f.line}
                for f in self.open_follow_ups
            ],
            "meetings": [
                {"date": m.date.isoformat(), "source": m.source, "title": m.title}
                for m in self.activity.meetings
                if m.date > self.today
            ],
            "anniversary": c.anniversary.iso() if c.anniversary else None,
            "occasions": [{"date": o.when.iso(), "what": o.what, "line": o.line} for o in c.occasions],
            "balance": {"gave": self.gave, "got": self.got},
            "notes": c.notes,
            "goals": [
                {"goal": goal.text, "because": [match.as_json() for match in because]}
                for goal, because in self.goals
            ],
            **points_as_json(self.talking_points),
        }


def brief(
    index: Index, everyone: Activity, config: Config, contact_id: str, giving: dict[str, Idea] | None = None
) -> Brief:
    """What `show` says of `contact_id`. `giving`: the best idea of what to give each contact
    (`strongest(ideas(index, everyone))`), when briefs on many are wanted: worked out once."""
    today = everyone.today
    contact = index.contacts[contact_id]
    activity = everyone.of(contact_id)
    birthday = next_birthday(contact.birthday, today) if contact.birthday else None
    turns = age_turning(contact.birthday, birthday) if contact.birthday and birthday else None
    goals = tuple(
        (goal, because)
        for goal in (index.owner.goals if index.owner else ())
        if (because := served(goal, contact))
    )
    last = activity.last()
    news = unheard_news(index.owner, last.date if last else None, today)
    best = (
        giving.get(contact_id) if giving is not None else next(iter(ideas(index, everyone, contact_id)), None)
    )
    return Brief(
        contact,
        today,
        standing(contact, activity, config, today),
        activity,
        birthday,
        turns,
        goals,
        news,
        best,
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None

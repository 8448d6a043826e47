"""`show`: a one-page brief before meeting someone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vaultkit.activity import Activity, ContactActivity
from vaultkit.cadence import age_turning, next_birthday
from vaultkit.config import Config
from vaultkit.model import Contact, Index
from vaultkit.reports.common import Standing, standing

SCHEMA = "vaultkit.contact/1"
RECENT = 10


@dataclass(frozen=True)
class Brief:
    contact: Contact
    today: date
    standing: Standing
    activity: ContactActivity
    next_birthday: date | None
    turns: int | None

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
        return [
            f
            for f in self.activity.follow_ups
            if not (f.text == "next_contact" and f.date and last and last.date >= f.date)
        ]

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
            "email": c.email,
            "phone": c.phone,
            "met": _iso(c.met),
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
            "balance": {"gave": self.gave, "got": self.got},
        }


def brief(index: Index, everyone: Activity, config: Config, contact_id: str) -> Brief:
    today = everyone.today
    contact = index.contacts[contact_id]
    activity = everyone.of(contact_id)
    birthday = next_birthday(contact.birthday, today) if contact.birthday else None
    turns = age_turning(contact.birthday, birthday) if contact.birthday and birthday else None
    return Brief(contact, today, standing(contact, activity, config, today), activity, birthday, turns)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None

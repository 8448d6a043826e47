"""Before an event: for each attendee, what you know of them or who could introduce you."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vaultkit.activity import Activity, Interaction
from vaultkit.config import Config
from vaultkit.model import Contact, Index, News
from vaultkit.parse.attendees import Attendee
from vaultkit.reports.common import TalkingPoint, last_topic, points_as_json, topic_of, unheard_news
from vaultkit.reports.network.give import Idea, ideas, strongest
from vaultkit.reports.network.graph import network
from vaultkit.reports.network.paths import Chain, paths
from vaultkit.values import fold, lookup

SCHEMA = "vaultkit.event/1"


@dataclass(frozen=True)
class Guest:
    name: str  # as written in the list
    line: int
    contact: Contact | None
    last: date | None  # last contact, for contacts
    topic: Interaction | None  # the last thing talked about, for contacts
    via: tuple[Chain, ...]  # for people without a note: who could introduce you
    candidates: tuple[str, ...] = ()  # contacts an ambiguous name may mean
    # For contacts: your news they have not heard yet, and the best of what you could give them.
    news: tuple[News, ...] = ()
    idea: Idea | None = None

    @property
    def talking_points(self) -> tuple[TalkingPoint, ...]:
        """For a contact: interests, needs, what you could give, the last topic, your news."""
        if self.contact is None:
            return ()
        contact, points = self.contact, []
        if contact.interests:
            points.append(TalkingPoint("interests", tuple(contact.interests)))
        if contact.needs:
            points.append(TalkingPoint("needs", tuple(contact.needs)))
        if self.idea:
            points.append(TalkingPoint("give", idea=self.idea))
        if self.topic:
            points.append(TalkingPoint("last_time", day=self.topic.date, topic=topic_of(self.topic)))
        if self.news:
            points.append(TalkingPoint("news", news=self.news))
        return tuple(points)

    @property
    def status(self) -> str:
        return (
            "contact"
            if self.contact
            else "ambiguous"
            if self.candidates
            else "via"
            if self.via
            else "unknown"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "line": self.line,
            "status": self.status,
            "contact": self.contact.id if self.contact else None,
            "last_contact": self.last.isoformat() if self.last else None,
            "talking_points": [],  # in words: the render layer says them in the output language
            "interests": list(self.contact.interests) if self.contact else [],
            "needs": list(self.contact.needs) if self.contact else [],
            "last_topic": None
            if self.topic is None
            else {"date": self.topic.date.isoformat(), "text": self.topic.text, "source": self.topic.source},
            "via": [chain.first.id for chain in self.via],
            "chains": [chain.as_json() for chain in self.via],
            "candidates": list(self.candidates),
            **points_as_json(self.talking_points),
        }


@dataclass(frozen=True)
class Event:
    source: str  # the attendee list, as given
    today: date
    guests: tuple[Guest, ...]

    def attending(self, contact_id: str) -> bool:
        return any(g.contact and g.contact.id == contact_id for g in self.guests)

    def of_status(self, status: str) -> list[Guest]:
        return [g for g in self.guests if g.status == status]

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source,
            "today": self.today.isoformat(),
            "attendees": [guest.as_json() for guest in self.guests],
        }


def event(index: Index, activity: Activity, config: Config, source: str, attendees: list[Attendee]) -> Event:
    today = activity.today
    graph = network(index, activity)
    giving: dict[str, Idea] | None = None  # worked out once, and only if a contact comes
    guests = []
    for attendee in attendees:
        ids = lookup(index, attendee.name)  # as `show` finds people, but never by word starts
        if len(ids) == 1:
            contact = index.contacts[ids[0]]
            mine = activity.of(contact.id)
            last = mine.last()
            if giving is None:
                giving = strongest(ideas(index, activity))
            guests.append(
                Guest(
                    attendee.name,
                    attendee.line,
                    contact,
                    last.date if last else None,
                    last_topic(mine),
                    (),
                    news=unheard_news(index.owner, last.date if last else None, today),
                    idea=giving.get(contact.id),
                )
            )
        elif ids:
            guests.append(Guest(attendee.name, attendee.line, None, None, None, (), ids))
        else:
            key = fold(attendee.name)
            via = paths(index, activity, config, graph, key).chains if key in graph.leaves else ()
            guests.append(Guest(attendee.name, attendee.line, None, None, None, via))
    return Event(source, today, tuple(guests))

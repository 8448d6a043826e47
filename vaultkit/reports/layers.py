"""Circle sizes against Dunbar's layers: about 5, 15, 50 and 150 people.

The layers are nested (the 15 include the 5), and they go with how often people are in touch:
weekly for the 5, monthly for the 15, a few times a year for the 50, yearly for the 150. So a
circle belongs to the layer its cadence fits, and its size is checked together with the circles
closer in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.model import Contact, Duration, Index
from vaultkit.reports.common import ACTIVE_NETWORK, RESERVE, active, dunbar_layer, standing

SCHEMA = "vaultkit.layers/1"
INNER_LAYERS = (5, 15)


@dataclass(frozen=True)
class Member:
    contact: str
    name: str
    last: date | None


@dataclass(frozen=True)
class Circle:
    circle: str
    members: tuple[Member, ...]
    recommended: int | None  # the Dunbar layer; None for a circle without cadence
    within: int  # people in this circle and the circles closer in

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def over(self) -> tuple[Member, ...]:
        """The members least in touch who keep the layer over its size."""
        if self.recommended is None or self.within <= self.recommended:
            return ()
        excess = min(self.within - self.recommended, self.count)
        return tuple(sorted(self.members, key=lambda m: (m.last or date.min, m.name))[:excess])

    def as_json(self) -> dict[str, Any]:
        return {
            "circle": self.circle,
            "count": self.count,
            "recommended": self.recommended,
            "within": self.within,
            "members": [m.contact for m in self.members],
            "over": [m.contact for m in self.over],
        }


@dataclass(frozen=True)
class Overdue:
    contact: str
    name: str
    circle: str
    last: date
    overdue_on: date


@dataclass(frozen=True)
class Layers:
    today: date
    circles: tuple[Circle, ...]
    active: int  # everyone not archived or on reserve, with a circle or not
    overdue: tuple[Overdue, ...]  # inner-layer contacts past their maximum

    @property
    def active_recommended(self) -> int:
        return ACTIVE_NETWORK

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "circles": [circle.as_json() for circle in self.circles],
            "active": {"count": self.active, "recommended": ACTIVE_NETWORK},
            "overdue": [
                {
                    "contact": o.contact,
                    "circle": o.circle,
                    "last_contact": o.last.isoformat(),
                    "overdue_on": o.overdue_on.isoformat(),
                }
                for o in self.overdue
            ],
        }


def layers(index: Index, activity: Activity, config: Config) -> Layers:
    today = activity.today
    contacts = [c for c in index.contacts.values() if c.status != "archived"]

    def last(contact: Contact) -> date | None:
        found = activity.of(contact.id).last()
        return found.date if found else None

    layer_of = {
        name: dunbar_layer(cadence) if isinstance(cadence, Duration) else None
        for name, cadence in config.circle_cadences.items()
    }
    order = sorted(layer_of, key=lambda name: layer_of[name] or ACTIVE_NETWORK + 1)
    members = {
        name: tuple(
            sorted(
                (Member(c.id, c.name, last(c)) for c in contacts if _in_circle(c, name)), key=lambda m: m.name
            )
        )
        for name in order
    }
    circles = []
    for name in order:
        layer = layer_of[name]
        closer_in = [
            other for other in order if layer is not None and (layer_of[other] or layer + 1) <= layer
        ]
        within = sum(len(members[other]) for other in closer_in) if layer else len(members[name])
        circles.append(Circle(name, members[name], layer, within))
    inner = {name for name, layer in layer_of.items() if layer in INNER_LAYERS}
    overdue = []
    for contact in contacts:
        if contact.circle in inner and active(contact):
            where = standing(contact, activity.of(contact.id), config, today)
            if where.state == "overdue" and where.last and where.overdue_on:
                overdue.append(
                    Overdue(contact.id, contact.name, contact.circle, where.last.date, where.overdue_on)
                )
    overdue.sort(key=lambda o: (o.overdue_on, o.name))
    return Layers(today, tuple(circles), sum(active(c) for c in contacts), tuple(overdue))


def _in_circle(contact: Contact, circle: str) -> bool:
    if circle == RESERVE:
        return not active(contact)
    return contact.circle == circle and active(contact)

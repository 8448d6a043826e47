"""Stale: whom you have let drift, for the occasional review of your network.

A contact has drifted when it is past its maximum (or silent for `after`, when given). Reserve
contacts have no maximum; they show once they have been silent for over a year, the point where
archiving them is worth a thought. Snoozed, paused and archived contacts are left out: someone
already decided about them. Contacts silent far beyond their own rhythm whose cadence does not
name them yet are listed apart, as quieter than usual (see `vaultkit.reports.drift`; not with
`after`, which asks for a silence of that length alone).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from vaultkit.activity import Activity, ContactActivity, Interaction
from vaultkit.cadence import Cadence, add
from vaultkit.config import Config
from vaultkit.model import Contact, Duration, Index
from vaultkit.reports.common import DECIDED, Standing, last_topic, never_in_touch, standing, topic_of
from vaultkit.reports.drift import Drift, drift
from vaultkit.values import fold

SCHEMA = "vaultkit.stale/1"
A_YEAR = Duration(1, "y")
# Silent for this many times the maximum: the contact has probably moved to the reserve.
FAR_PAST = 2
Suggestion = Literal["reserve", "archived"]


@dataclass(frozen=True)
class Drifted:
    contact: str
    name: str
    last_contact: date
    days_silent: int
    cadence: Cadence | None  # None for reserve contacts
    suggestion: Suggestion | None
    topic: Interaction | None  # the last thing talked about, to reconnect from
    circle: str | None = None  # the heading the contact is listed under
    # Quieter than usual: silent far beyond the contact's rhythm, its cadence not due yet.
    drift: Drift | None = None

    @property
    def rule(self) -> str | None:
        """The cadence rule in English words (the render layer says it in the language spoken)."""
        return self.cadence.describe() if self.cadence else None

    @property
    def topic_said(self) -> str:
        """The last topic as a line that already shows its day says it: without the day again."""
        return topic_of(self.topic) if self.topic else ""

    def as_json(self) -> dict[str, Any]:
        return {
            "contact": self.contact,
            "name": self.name,
            "last_contact": self.last_contact.isoformat(),
            "days_silent": self.days_silent,
            "rule": self.rule,
            "cadence": self.cadence.as_json() if self.cadence else None,
            "suggestion": self.suggestion,
            "rhythm": self.drift.as_json() if self.drift else None,
            "last_topic": None
            if self.topic is None
            else {"date": self.topic.date.isoformat(), "text": self.topic.text, "source": self.topic.source},
        }


@dataclass(frozen=True)
class Group:
    circle: str | None
    contacts: tuple[Drifted, ...]


@dataclass(frozen=True)
class NeverContacted:
    contact: str
    name: str
    circle: str | None
    how_met: str | None
    connected: date | None = None  # the day of a LinkedIn connection, which is no contact yet


@dataclass(frozen=True)
class Stale:
    today: date
    after: Duration | None
    groups: tuple[Group, ...]
    never_contacted: tuple[NeverContacted, ...]
    # Silent far beyond their own rhythm, their cadence not due yet: furthest beyond it first.
    drifting: tuple[Drifted, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "after": str(self.after) if self.after else None,
            "groups": [
                {"circle": g.circle, "contacts": [c.as_json() for c in g.contacts]} for g in self.groups
            ],
            "drifting": [c.as_json() for c in self.drifting],
            "never_contacted": [n.contact for n in self.never_contacted],
        }

    def csv_rows(self) -> tuple[list[str], list[list[Any]]]:
        header = [
            "circle",
            "contact",
            "name",
            "last_contact",
            "days_silent",
            "suggestion",
            "last_topic",
            "usual_gap_days",
        ]
        rows: list[list[Any]] = [
            [
                circle or "",
                c.contact,
                c.name,
                c.last_contact.isoformat(),
                c.days_silent,
                c.suggestion or "",
                c.topic.text if c.topic else "",
                c.drift.usual_gap_days if c.drift else "",
            ]
            for circle, c in [
                *((g.circle, c) for g in self.groups for c in g.contacts),
                *((c.circle, c) for c in self.drifting),
            ]
        ]
        rows += [
            [n.circle or "", n.contact, n.name, "", "", "first_message", "", ""] for n in self.never_contacted
        ]
        return header, rows


def stale(index: Index, activity: Activity, config: Config, after: Duration | None = None) -> Stale:
    today = activity.today
    drifted: dict[str | None, list[Drifted]] = {}
    quieter: list[Drifted] = []
    never: list[NeverContacted] = []
    for contact in index.contacts.values():
        said = activity.per_contact(
            f"stale {after}", contact, config, _of_contact, contact, activity, config, after
        )
        if isinstance(said, NeverContacted):
            never.append(said)
        elif said is not None and said.drift is not None:
            quieter.append(said)
        elif said is not None:
            drifted.setdefault(contact.circle, []).append(said)
    groups = tuple(
        Group(circle, tuple(sorted(drifted[circle], key=lambda d: (-d.days_silent, fold(d.name)))))
        for circle in _circle_order(drifted, config)
    )
    never.sort(key=lambda n: fold(n.name))
    quieter.sort(key=lambda d: (-_beyond(d), fold(d.name)))
    return Stale(today, after, groups, tuple(never), tuple(quieter))


def _beyond(drifted: Drifted) -> float:
    """How many times its usual gap a contact quieter than usual has been silent."""
    return drifted.drift.silent_days / drifted.drift.usual_gap_days if drifted.drift else 0


def _of_contact(
    contact: Contact, activity: Activity, config: Config, after: Duration | None
) -> Drifted | NeverContacted | None:
    """What the report says of one contact: drifted, never in touch, or nothing."""
    today = activity.today
    mine = activity.of(contact.id)
    where = activity.per_contact("standing", contact, config, standing, contact, mine, config, today)
    if where.state in DECIDED:
        return None
    if never_in_touch(where):
        return NeverContacted(contact.id, contact.name, contact.circle, contact.how_met, contact.connected)
    if where.last is not None and _has_drifted(where, where.last, today, after):
        return _drifted(contact, mine, where, where.last, today)
    if after is None and where.last is not None:
        quieter = activity.per_contact("drift", contact, config, drift, where, mine, today)
        if quieter is not None:
            return replace(_drifted(contact, mine, where, where.last, today), drift=quieter)
    return None


def _has_drifted(where: Standing, last: Interaction, today: date, after: Duration | None) -> bool:
    if after is not None:
        return today >= add(last.date, after)
    return where.state == "overdue" or _archivable(where, last, today)


def _drifted(
    contact: Contact, activity: ContactActivity, where: Standing, last: Interaction, today: date
) -> Drifted:
    silent = (today - last.date).days
    suggestion: Suggestion | None = None
    if _archivable(where, last, today):
        suggestion = "archived"
    elif where.state == "overdue" and where.overdue_on:
        if silent >= FAR_PAST * (where.overdue_on - last.date).days:
            suggestion = "reserve"
    cadence = where.cadence if where.state != "reserve" else None
    return Drifted(
        contact.id,
        contact.name,
        last.date,
        silent,
        cadence,
        suggestion,
        last_topic(activity),
        contact.circle,
    )


def _archivable(where: Standing, last: Interaction, today: date) -> bool:
    return where.state == "reserve" and today > add(last.date, A_YEAR)


def _circle_order(groups: dict[str | None, Any], config: Config) -> list[str | None]:
    """The configured circles in their order, then any others by name, then no circle."""
    known = [circle for circle in config.circle_cadences if circle in groups]
    others = sorted((c for c in groups if c is not None and c not in config.circle_cadences), key=fold)
    return known + others + ([None] if None in groups else [])

"""Goals worked backwards: for each goal of the owner's note, who can help directly, who could
introduce you to them, and, when nobody can, where to look next.

Who serves a goal is `vaultkit.reports.network.serves`' rule.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.model import Contact, Goal, Index
from vaultkit.reports.network.graph import Link, Network
from vaultkit.reports.network.paths import paths
from vaultkit.reports.network.serves import WEIGHTS, Match, goal_words, served
from vaultkit.values import fold

SCHEMA = "vaultkit.goals/1"
# Someone you have not been in touch with for this long is better reached through someone else.
INTRODUCE_AFTER = timedelta(days=365)
HELPERS = 5  # the most helpers a goal lists, best first
NEAR = 0.75  # how alike (difflib's ratio) a word must be to a keyword to count as near


@dataclass(frozen=True)
class Helper:
    contact: Contact
    because: tuple[Match, ...]
    score: int
    last: date | None  # your last contact with them
    # Who could introduce you, when you have not been in touch for a long while: the warmest
    # contact linked to them, and how.
    introducer: Contact | None = None
    link: Link | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "contact": self.contact.id,
            "name": self.contact.name,
            "score": self.score,
            "because": [match.as_json() for match in self.because],
            "last_contact": self.last.isoformat() if self.last else None,
            "introducer": self.introducer.id if self.introducer else None,
            "link": self.link.as_json() if self.link else None,
        }


@dataclass(frozen=True)
class Near:
    """A tag, org or event nearest a goal nobody serves, and how many contacts it has."""

    kind: Literal["tag", "org", "event"]
    name: str
    people: int
    keyword: str

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "people": self.people, "keyword": self.keyword}


@dataclass(frozen=True)
class GoalAnswer:
    goal: Goal
    helpers: tuple[Helper, ...]
    # Only when nobody helps: where the next step may be.
    nearest: tuple[Near, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "goal": self.goal.text,
            "keywords": list(self.goal.keywords),
            "helpers": [helper.as_json() for helper in self.helpers],
            "nearest": [near.as_json() for near in self.nearest],
        }


@dataclass(frozen=True)
class Goals:
    today: date
    owner: str | None  # the owner note's path; None without one
    answers: tuple[GoalAnswer, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "owner": self.owner,
            "goals": [answer.as_json() for answer in self.answers],
        }


def goals(index: Index, activity: Activity, config: Config, graph: Network) -> Goals:
    owner = index.owner
    if owner is None:
        return Goals(activity.today, None, ())
    contacts = [c for c in index.contacts.values() if c.status != "archived"]
    answers = []
    for goal in owner.goals:
        helpers = sorted(
            (helper for contact in contacts if (helper := _helper(goal, contact, activity))),
            key=lambda helper: (-helper.score, helper.contact.name),
        )[:HELPERS]
        helpers = [_with_introducer(helper, index, activity, config, graph) for helper in helpers]
        nearest = () if helpers else _nearest(goal, index, contacts)
        answers.append(GoalAnswer(goal, tuple(helpers), nearest))
    return Goals(activity.today, owner.path, tuple(answers))


def _helper(goal: Goal, contact: Contact, activity: Activity) -> Helper | None:
    because = served(goal, contact)
    if not because:
        return None
    score = sum(WEIGHTS[field] for field in dict.fromkeys(match.field for match in because))
    last = activity.of(contact.id).last()
    return Helper(contact, because, score, last.date if last else None)


def _with_introducer(
    helper: Helper, index: Index, activity: Activity, config: Config, graph: Network
) -> Helper:
    """A helper you have not been in touch with for a year, or ever, with the warmest contact
    who knows them."""
    if helper.last is not None and activity.today - helper.last < INTRODUCE_AFTER:
        return helper
    for chain in paths(index, activity, config, graph, helper.contact.id).chains:
        if len(chain.path) == 2 and chain.first.id != helper.contact.id:
            return Helper(
                helper.contact, helper.because, helper.score, helper.last, chain.first, chain.because[0]
            )
    return helper


def _nearest(goal: Goal, index: Index, contacts: list[Contact]) -> tuple[Near, ...]:
    """Tags, orgs and events (dated notes that list people) with a word like a keyword: where
    someone who can help may be found, for a goal nobody in the notes serves."""
    words = [fold(word) for keyword in goal_words(goal) for word in keyword.split()]
    tags: Counter[str] = Counter(tag for contact in contacts for tag in contact.tags)
    orgs: Counter[str] = Counter(org for contact in contacts for org in contact.orgs)
    events = {
        note.id: len({mention.target for mention in note.mentions})
        for note in index.notes
        if note.contact is None and note.date and note.mentions
    }
    found: dict[tuple[str, str], Near] = {}
    kinds: tuple[tuple[Literal["tag", "org", "event"], dict[str, int]], ...] = (
        ("tag", tags),
        ("org", orgs),
        ("event", events),
    )
    for kind, names in kinds:
        for name, people in names.items():
            keyword = _alike(words, name)
            if keyword:
                found.setdefault((kind, fold(name)), Near(kind, name, people, keyword))
    return tuple(sorted(found.values(), key=lambda near: (-near.people, near.kind, near.name)))


def _alike(words: list[str], name: str) -> str | None:
    for part in fold(name).replace("/", " ").replace("-", " ").split():
        for word in words:
            if difflib.SequenceMatcher(None, word, part).ratio() >= NEAR:
                return word
    return None

"""Whether a contact serves one of the owner's goals, and by what: what they offer, their role
and org, their tags and interests, against the goal's keywords (or, without any, its own
words). Words are compared as `vaultkit.reports.network.terms` compares them (case, accents, English
and German stems), and a word that begins another counts too, as German compounds do (`Segel`
in `Segelkurs`, `Boot` in `Bootsbau`). Nothing translates: keywords in both languages find both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from vaultkit.model import Contact, Goal
from vaultkit.reports.network.terms import Term

Field = Literal["offers", "role", "org", "tags", "interests"]
# How much a match in each field says about whether someone can help.
WEIGHTS: dict[Field, int] = {"offers": 3, "role": 2, "org": 2, "tags": 1, "interests": 1}
SHORTEST_PREFIX = 4  # a word this long or longer that begins another matches it


@dataclass(frozen=True)
class Match:
    """A contact's `field` says `value`, which meets the goal's `keyword`."""

    field: Field
    value: str
    keyword: str

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "value": self.value, "keyword": self.keyword}


def served(goal: Goal, contact: Contact) -> tuple[Match, ...]:
    """What of `contact` meets `goal`, best field first."""
    found = []
    for field in WEIGHTS:
        for value in _values(contact, field):
            if keyword := _keyword_met(goal, value):
                found.append(Match(field, value, keyword))
    return tuple(found)


@lru_cache(maxsize=1 << 16)
def _keyword_met(goal: Goal, value: str) -> str | None:
    """The first of the goal's words `value` meets. Kept: a vault says the same tags, orgs and
    interests of many contacts, and the agenda asks of every contact."""
    term = Term.of(value)
    return next((keyword for keyword, wanted in _wanted(goal) if _meets(wanted, term)), None)


@lru_cache(maxsize=64)
def _wanted(goal: Goal) -> tuple[tuple[str, Term], ...]:
    return tuple((keyword, Term.of(keyword)) for keyword in goal_words(goal))


def goal_words(goal: Goal) -> tuple[str, ...]:
    """The keywords, or the goal's own words when it has none."""
    if goal.keywords:
        return goal.keywords
    return tuple(word for word in goal.text.split() if Term.of(word).stems)


def _values(contact: Contact, field: Field) -> tuple[str, ...]:
    if field == "role":
        return (contact.role,) if contact.role else ()
    if field == "org":
        return contact.orgs
    return tuple(getattr(contact, field))


def _meets(wanted: Term, term: Term) -> bool:
    return any(_same_or_begins(a, b) for a in wanted.stems for b in term.stems)


def _same_or_begins(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    for x in a:
        for y in b:
            short, long = (x, y) if len(x) <= len(y) else (y, x)
            if short == long or (len(short) >= SHORTEST_PREFIX and long.startswith(short)):
                return True
    return False

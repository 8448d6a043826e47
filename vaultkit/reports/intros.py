"""Suggested introductions: one contact needs what another offers; weaker, shared interests."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

from ..index import resolve
from ..model import Contact, Index
from ..terms import Term, fit

SCHEMA = "vaultkit.intros/1"
SCORES = {"same": 3, "part": 2, "interest": 1}


@dataclass(frozen=True)
class Intro:
    a: Contact  # the one who needs (for shared interests only: the first by name)
    b: Contact
    because: tuple[str, ...]
    score: int
    connected: str | None  # how they already know each other, if they do

    def as_json(self) -> dict[str, Any]:
        return {"a": self.a.id, "b": self.b.id, "because": list(self.because), "score": self.score,
                "connected": self.connected}  # fmt: skip


@dataclass(frozen=True)
class Intros:
    items: tuple[Intro, ...]
    focus: Contact | None  # the contact the suggestions were limited to

    def as_json(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "for": self.focus.id if self.focus else None,
                "items": [item.as_json() for item in self.items]}  # fmt: skip


def intros(index: Index, focus: str | None = None) -> Intros:
    """Pairs not yet connected first, then by score; `focus` keeps the pairs with that contact."""
    contacts = sorted((c for c in index.contacts.values() if c.status != "archived"), key=lambda c: c.name)
    terms = {c.id: _terms(c) for c in contacts}
    found = []
    for first, second in combinations(contacts, 2):
        if focus is not None and focus not in (first.id, second.id):
            continue
        intro = _pair(index, first, second, terms)
        if intro:
            found.append(intro)
    found.sort(key=lambda i: (i.connected is not None, -i.score, i.a.name, i.b.name))
    return Intros(tuple(found), index.contacts[focus] if focus else None)


def _terms(contact: Contact) -> dict[str, list[Term]]:
    return {field: [Term.of(text) for text in getattr(contact, field)]
            for field in ("needs", "offers", "interests")}  # fmt: skip


def _pair(index: Index, first: Contact, second: Contact, terms: dict[str, dict[str, list[Term]]]) -> Intro | None:
    reasons: list[tuple[int, str, Contact]] = []
    for needer, offerer in ((first, second), (second, first)):
        for need in terms[needer.id]["needs"]:
            for offer in terms[offerer.id]["offers"]:
                how = fit(need, offer)
                if how:
                    reasons.append((SCORES[how], f"{needer.name} needs {need.text} — "
                                                 f"{offerer.name} offers {offer.text}", needer))  # fmt: skip
    for mine in terms[first.id]["interests"]:
        if any(fit(mine, theirs) == "same" for theirs in terms[second.id]["interests"]):
            reasons.append((SCORES["interest"], f"both are into {mine.text}", first))
    if not reasons:
        return None
    reasons.sort(key=lambda r: -r[0])
    a = reasons[0][2]
    b = second if a is first else first
    return Intro(a, b, tuple(text for _, text, _ in reasons), sum(score for score, _, _ in reasons),
                 _connection(index, a, b))  # fmt: skip


def _connection(index: Index, a: Contact, b: Contact) -> str | None:
    for one, other in ((a, b), (b, a)):
        if one.introduced_by and other.id in resolve(index, one.introduced_by):
            return f"{other.name} introduced {one.name}"
    for one, other in ((a, b), (b, a)):
        if any(other.id in resolve(index, name) for name in one.knows):
            return f"{one.name} knows {other.name}"
    return None

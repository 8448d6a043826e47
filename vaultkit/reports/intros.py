"""Suggested introductions: one contact needs what another offers; weaker, shared interests."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from vaultkit.model import Contact, Index
from vaultkit.reports.graph import Link
from vaultkit.reports.introductions import introductions
from vaultkit.reports.terms import Term, fit
from vaultkit.values import resolve

SCHEMA = "vaultkit.intros/1"
SCORES = {"same": 3, "part": 2, "interest": 1}


@dataclass(frozen=True)
class Reason:
    """`who` needs `what` and `other` offers `offer`; or (`interest`) both are into `what`."""

    kind: Literal["need", "interest"]
    who: str
    what: str
    other: str | None = None
    offer: str | None = None

    def as_json(self) -> dict[str, str | None]:
        return {
            "kind": self.kind,
            "who": self.who,
            "what": self.what,
            "other": self.other,
            "offer": self.offer,
        }


@dataclass(frozen=True)
class Intro:
    a: Contact  # the one who needs (for shared interests only: the first by name)
    b: Contact
    because: tuple[Reason, ...]
    score: int
    connected: Link | None  # how they already know each other, if they do

    def as_json(self) -> dict[str, Any]:
        # `because` and `connected` are words: the render layer says them in the output language.
        return {
            "a": self.a.id,
            "b": self.b.id,
            "because": [],
            "reasons": [reason.as_json() for reason in self.because],
            "score": self.score,
            "connected": None,
            "connection": self.connected.as_json() if self.connected else None,
        }


@dataclass(frozen=True)
class Intros:
    items: tuple[Intro, ...]
    focus: Contact | None  # the contact the suggestions were limited to

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "for": self.focus.id if self.focus else None,
            "items": [item.as_json() for item in self.items],
        }


def intros(
    index: Index, focus: str | None = None, today: date | None = None, interests: bool = True
) -> Intros:
    """Pairs not yet connected first, then by score; `focus` keeps the pairs with that contact.
    A pair you introduced already (up to `today`; without it, ever) is none to suggest. Without
    `interests`, only needs met count: shared interests, compared across the whole vault, cost
    the most."""
    introduced = {i.pair for i in introductions(index, today or date.max)}
    contacts = sorted((c for c in index.contacts.values() if c.status != "archived"), key=lambda c: c.name)
    order = {c.id: n for n, c in enumerate(contacts)}
    offers = _by_stem(contacts, "offers")
    reasons: dict[tuple[str, str], list[tuple[int, Reason, Contact]]] = defaultdict(list)
    for needer in contacts:
        for need in map(term, needer.needs):
            for offerer, offer in _sharing_a_word(need, offers):
                how = fit(need, offer)
                if how and offerer is not needer:
                    reasons[_key(needer, offerer, order)].append(
                        (
                            SCORES[how],
                            Reason("need", needer.name, need.text, offerer.name, offer.text),
                            needer,
                        )
                    )
    shared = _by_stem(contacts, "interests") if interests else {}
    for one in contacts if interests else ():
        for interest in map(term, one.interests):
            for other, theirs in _sharing_a_word(interest, shared):
                if order[other.id] > order[one.id] and fit(interest, theirs) == "same":
                    reasons[_key(one, other, order)].append(
                        (SCORES["interest"], Reason("interest", one.name, interest.text, other.name), one)
                    )
    # Only the people in a pair can be connected to each other: the others' links are not read.
    paired = {contact_id for pair in reasons for contact_id in pair}
    connections = _connections(index, [c for c in contacts if c.id in paired])
    found = []
    for (first, second), given in reasons.items():
        if (focus is None or focus in (first, second)) and frozenset((first, second)) not in introduced:
            found.append(
                _intro(
                    index.contacts[first],
                    index.contacts[second],
                    given,
                    connections.get(frozenset((first, second))),
                )
            )
    found.sort(key=lambda i: (i.connected is not None, -i.score, i.a.name, i.b.name))
    return Intros(tuple(found), index.contacts[focus] if focus else None)


def between(a: Contact, b: Contact) -> tuple[tuple[int, Reason], ...]:
    """Why two contacts could help each other, by the rules and scores of `intros`, for one pair:
    each need of one that an offer of the other meets, then each interest they share (said from
    the one first by name). Only terms with a word in common can fit."""
    found = []
    for needer, offerer in ((a, b), (b, a)):
        offers = [(term(offer), words(offer)) for offer in dict.fromkeys(offerer.offers)]
        for need in needer.needs:
            wanted, stems = term(need), words(need)
            for offer, its in offers:
                if stems & its and (how := fit(wanted, offer)):
                    found.append(
                        (SCORES[how], Reason("need", needer.name, wanted.text, offerer.name, offer.text))
                    )
    one, other = sorted((a, b), key=lambda c: c.name)
    theirs = [(term(interest), words(interest)) for interest in dict.fromkeys(other.interests)]
    for interest in one.interests:
        mine, stems = term(interest), words(interest)
        for their, its in theirs:
            if stems & its and fit(mine, their) == "same":
                found.append((SCORES["interest"], Reason("interest", one.name, mine.text, other.name)))
    return tuple(found)


# A vault repeats its needs, offers and interests across many notes.
term = lru_cache(maxsize=65536)(Term.of)  # the Term of a text


@lru_cache(maxsize=65536)
def words(text: str) -> frozenset[str]:
    """Every stem of every word of `text`, in either language."""
    return _stems(term(text))


def _stems(of: Term) -> frozenset[str]:
    return frozenset(stem for word in of.stems for stem in word)


def _by_stem(contacts: list[Contact], field: str) -> dict[str, list[tuple[Contact, Term]]]:
    found: dict[str, list[tuple[Contact, Term]]] = defaultdict(list)
    for contact in contacts:
        for text in getattr(contact, field):
            for stem in words(text):
                found[stem].append((contact, term(text)))
    return found


def _sharing_a_word(of: Term, by_stem: dict[str, list[tuple[Contact, Term]]]) -> list[tuple[Contact, Term]]:
    """Only terms with a word in common can fit: this keeps large vaults fast."""
    seen: dict[tuple[str, str], tuple[Contact, Term]] = {}
    for stem in _stems(of):
        for contact, other in by_stem.get(stem, ()):
            seen.setdefault((contact.id, other.text), (contact, other))
    return list(seen.values())


def _key(a: Contact, b: Contact, order: dict[str, int]) -> tuple[str, str]:
    return (a.id, b.id) if order[a.id] < order[b.id] else (b.id, a.id)


def _intro(
    first: Contact, second: Contact, reasons: list[tuple[int, Reason, Contact]], connected: Link | None
) -> Intro:
    reasons.sort(key=lambda r: -r[0])
    a = reasons[0][2]
    b = second if a is first else first
    return Intro(
        a, b, tuple(text for _, text, _ in reasons), sum(score for score, _, _ in reasons), connected
    )


def _connections(index: Index, contacts: list[Contact]) -> dict[frozenset[str], Link]:
    """How pairs already know each other; introduced_by wins over knows."""
    found: dict[frozenset[str], Link] = {}
    for one in contacts:
        for other_id in _one(index, one.introduced_by):
            found[frozenset((one.id, other_id))] = Link("introduced", index.contacts[other_id].name, one.name)
    for one in contacts:
        for name in one.knows:
            for other_id in _one(index, name):
                found.setdefault(
                    frozenset((one.id, other_id)), Link("knows", one.name, index.contacts[other_id].name)
                )
    return found


def _one(index: Index, name: str | None) -> tuple[str, ...]:
    """The contact a name means, or () when it means nobody or several."""
    ids = resolve(index, name) if name else ()
    return ids if len(ids) == 1 else ()

"""Suggested introductions: one contact needs what another offers; weaker, shared interests."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from vaultkit.model import Contact, Index
from vaultkit.reports.network.graph import Link, Network
from vaultkit.reports.network.introductions import introductions
from vaultkit.reports.network.terms import Fit, Term, fit

SCHEMA = "vaultkit.intros/1"
SCORES = {"same": 3, "part": 2, "interest": 1}
BEST_PER_TERM = 3  # partners suggested for one need or one interest, for everyone at once


@dataclass(frozen=True, slots=True)
class Reason:
    """`who` needs `what` and `other` offers `offer`; or (`interest`) both are into `what`."""

    kind: Literal["need", "interest"]
    who: str
    what: str
    other: str | None = None
    offer: str | None = None
    score: int = SCORES["interest"]  # as SCORES counts it

    def as_json(self) -> dict[str, str | None]:
        return {
            "kind": self.kind,
            "who": self.who,
            "what": self.what,
            "other": self.other,
            "offer": self.offer,
        }


@dataclass(frozen=True, slots=True)
class Intro:
    a: Contact  # the one who needs (for shared interests only: the first by name)
    b: Contact
    score: int
    connected: Link | None  # how they already know each other, if they do
    # What fits what among everyone's needs, offers and interests: the reasons are worked out
    # again when they are asked for, not kept (63,000 of them took 8 MiB at 33,000 notes).
    matching: _Matching = field(repr=False, compare=False)

    @property
    def because(self) -> tuple[Reason, ...]:
        """Why the two could help each other, the strongest reason first."""
        return tuple(reason for _, reason, _ in self.matching.ranked_reasons(self.a, self.b))

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


@dataclass(frozen=True, slots=True)
class Crowded:
    """More people fit `contact`'s need or interest `what` than are suggested: `others` more."""

    contact: Contact
    kind: Literal["need", "interest"]
    what: str
    others: int

    def as_json(self) -> dict[str, Any]:
        return {"contact": self.contact.id, "kind": self.kind, "what": self.what, "others": self.others}


@dataclass(frozen=True)
class Intros:
    items: tuple[Intro, ...]
    focus: Contact | None  # the contact the suggestions were limited to
    crowded: tuple[Crowded, ...] = ()  # needs and interests with more partners than suggested

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "for": self.focus.id if self.focus else None,
            # Iterators, each item made as it is written (`vaultkit.words.printed_json`): a
            # large vault's suggestions are tens of megabytes as dictionaries at once.
            "items": map(Intro.as_json, self.items),
            "crowded": map(Crowded.as_json, self.crowded),
        }


def intros(
    index: Index,
    network: Network,
    focus: str | None = None,
    today: date | None = None,
    interests: bool = True,
) -> Intros:
    """Pairs not yet connected first, then by score; `focus` keeps the pairs with that contact.
    Two are connected when `network` links them, as `path` finds them: knowing one another, an
    introduction, the same org, a meeting. A pair you introduced already (up to `today`;
    without it, ever) is none to suggest. Without `interests`, only needs met count.

    For everyone at once, each need and each interest brings its BEST_PER_TERM best partners who
    are not connected to the contact yet (the closest fit, then by name), and the connected ones
    that fit better; how many more would fit is in `crowded`. When half a vault needs what the
    other half offers, every pair of them is no list anybody reads, and building it takes
    minutes. For `focus`, every pair with that contact is listed."""
    introduced = {i.pair for i in introductions(index, today or date.max)}
    contacts = sorted((c for c in index.contacts.values() if c.status != "archived"), key=lambda c: c.name)
    order = {c.id: n for n, c in enumerate(contacts)}
    matching = _Matching(contacts, order, interests)
    if focus is not None:
        partners = matching.partners_of(index.contacts[focus]) if focus in order else ()
        pairs = {_pair(focus, other, order) for other in partners}
        crowded: tuple[Crowded, ...] = ()
    else:
        pairs, crowded = _best_pairs(contacts, matching, network, introduced)
    done = set()  # the pairs introduced already, as `pairs` holds them
    for pair in introduced:
        if len(pair) == 2 and pair <= order.keys():
            one, other = pair
            done.add(_pair(one, other, order))
    found = []
    while pairs:  # each pair let go once it is a suggestion: 57,000 of them at 33,000 notes
        first, second = pairs.pop()
        if (first, second) in done:
            continue
        given = matching.ranked_reasons(index.contacts[first], index.contacts[second])
        if given:
            found.append(_intro(index.contacts[first], index.contacts[second], given, network, matching))
    del pairs  # empty, but a set keeps its table (2 MiB at 33,000 notes) until it goes
    found.sort(key=_ranking(found, contacts, order))
    return Intros(tuple(found), index.contacts[focus] if focus else None, crowded)


def _ranking(found: list[Intro], contacts: list[Contact], order: dict[str, int]) -> Callable[[Intro], int]:
    """Pairs not connected yet first, then by score, by the names of the two, and by `order`,
    as one number: a sort holds a key for each of 57,000 suggestions at once, and a tuple of six
    took 3 MiB more."""
    by_name: dict[str, int] = {}  # a name -> its place among the names, alphabetically
    for contact in contacts:  # by name
        by_name.setdefault(contact.name, len(by_name))
    best = max((intro.score for intro in found), default=0)
    size = len(contacts)

    def rank(intro: Intro) -> int:
        places = (by_name[intro.a.name], by_name[intro.b.name], order[intro.a.id], order[intro.b.id])
        key = (intro.connected is not None) * (best + 1) + best - intro.score
        for place in places:
            key = key * size + place
        return key

    return rank


def between(a: Contact, b: Contact) -> tuple[tuple[int, Reason], ...]:
    """Why two contacts could help each other, by the rules and scores of `intros`, for one pair:
    each need of one that an offer of the other meets, then each interest they share (said from
    the one first by name). Only terms with a word in common can fit."""

    def met(need: str, offers: tuple[str, ...]) -> list[tuple[str, Fit]]:
        return [(offer, how) for offer in offers if _share_a_word(need, offer) and (how := fits(need, offer))]

    def alike(interest: str, theirs: tuple[str, ...]) -> list[str]:
        return [
            their for their in theirs if _share_a_word(interest, their) and fits(interest, their) == "same"
        ]

    return tuple((score, reason) for score, reason, _ in _reasons(a, b, _own, met, alike))


def _reasons(
    a: Contact,
    b: Contact,
    own: Callable[[Contact], tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]],
    met: Callable[[str, tuple[str, ...]], Iterable[tuple[str, Fit]]],
    alike: Callable[[str, tuple[str, ...]], Iterable[str]],
) -> list[tuple[int, Reason, Contact]]:
    """Each need of one that an offer of the other meets (`met`), then each interest they share
    (`alike`; said from the one first by name), each with the contact it is said from. `own`
    gives a contact's needs, offers and interests."""
    found = []
    for needer, offerer in ((a, b), (b, a)):
        offers = own(offerer)[1]
        for need in own(needer)[0]:
            for offer, how in met(need, offers):
                reason = Reason("need", needer.name, need, offerer.name, offer, SCORES[how])
                found.append((SCORES[how], reason, needer))
    one, other = sorted((a, b), key=lambda c: c.name)
    theirs = own(other)[2]
    for interest in own(one)[2]:
        found.extend(
            (SCORES["interest"], Reason("interest", one.name, interest, other.name), one)
            for _ in alike(interest, theirs)
        )
    return found


def _own(contact: Contact) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A contact's needs, offers and interests, each once."""
    return (
        tuple(dict.fromkeys(contact.needs)),
        tuple(dict.fromkeys(contact.offers)),
        tuple(dict.fromkeys(contact.interests)),
    )


def _share_a_word(text: str, other: str) -> bool:
    return not words(text).isdisjoint(words(other))


class _Matching:
    """What fits what among the needs, offers and interests of `contacts`, worked out once per
    two distinct texts, not per two people: a vault repeats its needs, offers and interests."""

    def __init__(self, contacts: list[Contact], order: dict[str, int], interests: bool = True) -> None:
        self.order = order
        self.interests = interests
        # Each contact's needs, offers and interests (none when interests do not count), each once.
        self.own = {c.id: _own(c) if interests else (*_own(c)[:2], ()) for c in contacts}
        needs, offers, liked = (_held(contacts, field) for field in ("needs", "offers", "interests"))
        self.needs, self.offers = needs, offers
        self.liked = liked if interests else {}
        self.offered = _fitting(needs, offers, ("same", "part"))  # need -> offer -> how
        self.needed = _fitting(offers, needs, ("same", "part"))  # offer -> need -> how
        self.shared = _fitting(self.liked, self.liked, ("same",))

    def ranked_reasons(self, a: Contact, b: Contact) -> list[tuple[int, Reason, Contact]]:
        """`between`, each reason with the contact it is said from, the strongest first: the
        same for the two either way round."""
        if self.order[a.id] > self.order[b.id]:
            a, b = b, a
        found = _reasons(a, b, lambda contact: self.own[contact.id], self._met, self._alike)
        found.sort(key=lambda r: -r[0])
        return found

    def _met(self, need: str, offers: tuple[str, ...]) -> list[tuple[str, Fit]]:
        offered = self.offered.get(need)
        if offered is None or offered.keys().isdisjoint(offers):
            return []
        return [(offer, offered[offer]) for offer in offers if offer in offered]

    def _alike(self, interest: str, theirs: tuple[str, ...]) -> list[str]:
        shared = self.shared.get(interest)
        if shared is None or shared.keys().isdisjoint(theirs):
            return []
        return [their for their in theirs if their in shared]

    def ranked(self, text: str, kind: Literal["need", "interest"]) -> list[Contact]:
        """Who fits the need or interest `text`: the closest fit first, then by name."""
        fitting, holders = (self.offered, self.offers) if kind == "need" else (self.shared, self.liked)
        best: dict[str, tuple[int, Contact]] = {}
        for other, how in fitting.get(text, {}).items():
            for holder in holders[other]:
                if best.get(holder.id, (0,))[0] < SCORES[how]:
                    best[holder.id] = (SCORES[how], holder)
        ranked = sorted(best.values(), key=lambda pair: (-pair[0], self.order[pair[1].id]))
        return [holder for _, holder in ranked]

    def partners_of(self, contact: Contact) -> set[str]:
        """The ids of everyone something of `contact`'s fits, either way."""
        found: set[str] = set()
        for need in contact.needs:
            found.update(c.id for offer in self.offered.get(need, {}) for c in self.offers[offer])
        for offer in contact.offers:
            found.update(c.id for need in self.needed.get(offer, {}) for c in self.needs[need])
        for interest in contact.interests if self.interests else ():
            found.update(c.id for theirs in self.shared.get(interest, {}) for c in self.liked[theirs])
        found.discard(contact.id)
        return found


def _held(contacts: list[Contact], field: str) -> dict[str, list[Contact]]:
    """Each text of `field` and the contacts who write it, in the order of `contacts`."""
    found: dict[str, list[Contact]] = defaultdict(list)
    for contact in contacts:
        for text in dict.fromkeys(getattr(contact, field)):
            found[text].append(contact)
    return found


def _fitting(
    texts: Iterable[str], others: Iterable[str], kinds: tuple[Fit, ...]
) -> dict[str, dict[str, Fit]]:
    """For each of `texts`, the `others` that fit it, and how: only texts with a word in common
    can fit."""
    texts, others = list(texts), list(others)
    if len(texts) * len(others) <= 64:  # two people's, say: an index of words costs more
        candidates = {text: [o for o in others if not words(text).isdisjoint(words(o))] for text in texts}
    else:
        by_stem: dict[str, list[str]] = defaultdict(list)
        for other in others:
            for stem in words(other):
                by_stem[stem].append(other)
        candidates = {
            text: list({o for stem in words(text) for o in by_stem.get(stem, ())}) for text in texts
        }
    found: dict[str, dict[str, Fit]] = {}
    for text, near in candidates.items():
        fitting = {other: how for other in near if (how := fits(text, other)) in kinds}
        if fitting:
            found[text] = fitting
    return found


def _pair(one: str, other: str, order: dict[str, int]) -> tuple[str, str]:
    """Two contacts' ids, the first by name first. A tuple, not a frozenset: at 33,000 notes
    `_best_pairs` finds 57,000 pairs, which took 14 MiB as sets and take 3 as tuples."""
    return (one, other) if order[one] < order[other] else (other, one)


def _best_pairs(
    contacts: list[Contact], matching: _Matching, network: Network, introduced: set[frozenset[str]]
) -> tuple[set[tuple[str, str]], tuple[Crowded, ...]]:
    """For each need and each interest of each contact, its BEST_PER_TERM best partners who are
    not connected to it yet (and the connected ones before them); and each need or interest for
    which more would fit."""
    order = matching.order
    introduced_to: dict[str, set[str]] = defaultdict(set)
    for first, second in introduced:
        introduced_to[first].add(second)
        introduced_to[second].add(first)
    nobody: frozenset[str] = frozenset()
    pairs: set[tuple[str, str]] = set()
    crowded = []
    sides: list[tuple[Literal["need", "interest"], str]] = [("need", "needs")]
    if matching.interests:
        sides.append(("interest", "interests"))
    for kind, attribute in sides:
        ranked: dict[str, tuple[list[Contact], set[str], Counter[str | None]]] = {}
        for contact in contacts:
            org = network.org_of.get(contact.id)
            # Whom the contact is linked to but by its org, or was introduced to.
            introduced_to_contact = introduced_to.get(contact.id, nobody)
            known = {contact.id, *network.links.get(contact.id, ()), *introduced_to_contact}
            for text in dict.fromkeys(getattr(contact, attribute)):
                if text not in ranked:
                    partners = matching.ranked(text, kind)
                    at = Counter(network.org_of.get(p.id) for p in partners)
                    ranked[text] = (partners, {p.id for p in partners}, at)
                partners, everyone, at = ranked[text]
                best = 0
                for partner in partners:
                    if partner.id in known or (org is not None and network.org_of.get(partner.id) == org):
                        if partner.id not in introduced_to_contact and partner is not contact:
                            pairs.add(_pair(contact.id, partner.id, order))  # connected already
                        continue
                    pairs.add(_pair(contact.id, partner.id, order))
                    best += 1
                    if best == BEST_PER_TERM:
                        break
                linked = [k for k in known if k in everyone]
                colleagues = at[org] if org is not None else 0
                both = sum(1 for k in linked if org is not None and network.org_of.get(k) == org)
                others = len(everyone) - len(linked) - colleagues + both - best
                if others > 0:
                    crowded.append(Crowded(contact, kind, text, others))
    return pairs, tuple(crowded)


# A vault repeats its needs, offers and interests across many notes.
term = lru_cache(maxsize=65536)(Term.of)  # the Term of a text


@lru_cache(maxsize=65536)
def fits(text: str, other: str) -> Fit | None:
    """`terms.fit` of two texts, once per two: meet-ups ask it again for pair after pair."""
    return fit(term(text), term(other))


@lru_cache(maxsize=65536)
def words(text: str) -> frozenset[str]:
    """Every stem of every word of `text`, in either language."""
    return _stems(term(text))


def _stems(of: Term) -> frozenset[str]:
    return frozenset(stem for word in of.stems for stem in word)


def _intro(
    first: Contact,
    second: Contact,
    reasons: list[tuple[int, Reason, Contact]],
    network: Network,
    matching: _Matching,
) -> Intro:
    """The suggestion of the two, said from the one the strongest of `reasons` is said from."""
    a = reasons[0][2]
    b = second if a is first else first
    score = sum(score for score, _, _ in reasons)
    return Intro(a, b, score, network.between(first.id, second.id), matching)

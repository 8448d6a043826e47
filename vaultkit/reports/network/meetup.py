"""Meet-ups: instead of seeing everyone who is due one by one, a few of them at once.

Who may come: contacts who want contact now, as the agenda says it: due or overdue by their
cadence, or quieter than usual (silent far beyond their own rhythm, `drift`). Nobody snoozed,
paused, archived, on reserve or not due is ever proposed.

What brings them together: a ground they all share, a place (`location`; `Kiel-Friedrichsort`
is in Kiel too), an org, a tag (a nested tag counts for its parents) or a circle, and nobody
living elsewhere than the others. Better still, ties between them: they know each other (the
links of `graph`: knows, introduced_by, a meeting they were both at, a shared org), or could
help each other (a need of one that another offers, a shared interest, scored as `intros`
scores them).

People are first grouped by ground, so that nobody is compared with everyone. Within a ground
a group starts from the two who know each other and are most tied (or, with no such pair, from
the most overdue person) and takes,
one at a time, whoever is most tied to it so far (then the most overdue, then by name), up to
`size`. The best group of all grounds is proposed first; its people are in no other proposal.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from itertools import combinations
from typing import Any, Literal

from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.model import Contact, Index
from vaultkit.reports.common import Standing, standing
from vaultkit.reports.drift import Drift, drift
from vaultkit.reports.network.graph import Link, Network, links_among
from vaultkit.reports.network.intros import SCORES as HELP
from vaultkit.reports.network.intros import Reason, between, words
from vaultkit.reports.tags import contact_tags
from vaultkit.values import fold

SCHEMA = "vaultkit.meetup/1"
SMALLEST = 3  # fewer is a meeting, not a meet-up
LARGEST = 6  # the default size: more, and nobody talks to everyone
LIMIT = 5

Wants = Literal["overdue", "due", "drifting"]
GroundKind = Literal["place", "org", "tag", "circle"]
GROUND_KINDS: tuple[GroundKind, ...] = ("place", "org", "tag", "circle")

# Every score of a proposal, in one place: it adds up what each person brings, what each two of
# them have, and what all of them share.
SCORES: dict[str, int] = {
    # Why each person is in it: they want contact, the most overdue most.
    "overdue": 2,
    "due": 1,
    "drifting": 1,
    # How two of them know each other (one link a pair, the strongest)...
    "knows": 3,
    "introduced": 3,
    "met": 2,
    "colleagues": 1,
    # ...and what one gets from another: a need met exactly, in part, a shared interest.
    "same": HELP["same"],
    "part": HELP["part"],
    "interest": HELP["interest"],
    # What all of them share: a place makes meeting easy; a circle alone says little.
    "place": 2,
    "org": 1,
    "tag": 1,
    "circle": 0,
}


@dataclass(frozen=True)
class Ground:
    """What all members share: a place, an org, a tag or a circle, as first written."""

    kind: GroundKind
    name: str

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name}


@dataclass(frozen=True)
class Wanting:
    """A contact who wants contact now: overdue, due, or quieter than usual (`drifting`)."""

    contact: Contact
    wants: Wants
    last: date | None  # the last contact


@dataclass(frozen=True)
class Tie:
    """What two members have: how they know each other (`link`, None when they do not) and how
    they could help each other (`reasons`, as `intros` gives them)."""

    a: Contact
    b: Contact
    link: Link | None
    reasons: tuple[Reason, ...]
    score: int

    def as_json(self) -> dict[str, Any]:
        return {
            "a": self.a.id,
            "b": self.b.id,
            "score": self.score,
            "connection": self.link.as_json() if self.link else None,
            "reasons": [reason.as_json() for reason in self.reasons],
            "because": [],
        }


@dataclass(frozen=True)
class Member:
    """One person of a proposal: why they are in it (`wants`, `last`), what they would get
    from the others (`gets`: their needs another offers, and the interests they share) and what
    they could give (`gives`: the needs of others they offer)."""

    contact: Contact
    wants: Wants
    last: date | None
    gets: tuple[Reason, ...]
    gives: tuple[Reason, ...]
    score: int  # what their wanting contact adds

    def as_json(self) -> dict[str, Any]:
        return {
            "contact": self.contact.id,
            "name": self.contact.name,
            "wants": self.wants,
            "last_contact": self.last.isoformat() if self.last else None,
            "score": self.score,
            "why": None,
            "gets": [],
            "gives": [],
            "getting": [reason.as_json() for reason in self.gets],
            "giving": [reason.as_json() for reason in self.gives],
        }


@dataclass(frozen=True)
class Proposal:
    members: tuple[Member, ...]  # by name
    shared: tuple[Ground, ...]  # place, org, tags, circle
    ties: tuple[Tie, ...]  # every pair with something between them, strongest first
    score: int

    def as_json(self) -> dict[str, Any]:
        return {
            "title": None,
            "score": self.score,
            "contacts": [member.contact.id for member in self.members],
            "shared": [ground.as_json() for ground in self.shared],
            "because": None,
            "members": [member.as_json() for member in self.members],
            "ties": [tie.as_json() for tie in self.ties],
        }


@dataclass(frozen=True)
class Meetups:
    today: date
    size: int
    wanting: int  # how many contacts want contact now
    proposals: tuple[Proposal, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "size": self.size,
            "wanting": self.wanting,
            "proposals": [proposal.as_json() for proposal in self.proposals],
        }


def wanting(index: Index, activity: Activity, config: Config) -> list[Wanting]:
    """Everyone who wants contact now, as the agenda has them."""
    today = activity.today
    found = []
    for contact in index.contacts.values():
        mine = activity.of(contact.id)
        where = activity.per_contact("standing", contact, config, standing, contact, mine, config, today)
        drifting = activity.per_contact("drift", contact, config, drift, where, mine, today)
        if (wants := wanting_now(contact, where, drifting)) is not None:
            found.append(wants)
    return found


def wanting_now(contact: Contact, where: Standing, drifting: Drift | None) -> Wanting | None:
    """Whether the contact wants contact now, and why: due or overdue by its cadence, else
    quieter than usual (`drifting`, which only a contact in touch in time can be)."""
    if where.state in ("overdue", "due") and where.last is not None:
        return Wanting(contact, where.state, where.last.date)
    if drifting is not None and where.last is not None:
        return Wanting(contact, "drifting", where.last.date)
    return None


def meetups(
    index: Index,
    activity: Activity,
    config: Config,
    size: int = LARGEST,
    limit: int = LIMIT,
    who: Iterable[Wanting] | None = None,
) -> Meetups:
    """Up to `limit` proposals of `SMALLEST` to `size` people, best first, each person in one
    only. `who`: the people wanting contact, when the caller knows them (the agenda does)."""
    asked = list(who) if who is not None else wanting(index, activity, config)
    if not may_gather(asked, config):
        return Meetups(activity.today, size, len(asked), ())
    people = _people(asked, activity, config)
    pairs = _Pairs(index, activity, people)
    grounds = {key: _Ground(members, pairs) for key, members in _grounds(people).items()}
    # A watcher keeps each ground's first group while its people stay as they were (see
    # `Activity.among`): the links are worked out among the people of the other grounds alone.
    remembered = {key: _remembered_as(key, ground, size) for key, ground in grounds.items()}
    kept = {
        key: activity.kept(what, contacts, config, also) for key, (what, contacts, also) in remembered.items()
    }
    pairs.cover(person for key, (found, _) in kept.items() if not found for person in grounds[key].members)
    used: set[str] = set()
    queue = []
    for key, ground in grounds.items():
        found, group = kept[key]
        if not found:
            what, contacts, also = remembered[key]
            group = activity.among(what, contacts, config, _group, ground, pairs, set(), size, also=also)
        if group is not None:
            queue.append(_ranked(group, key))
    heapq.heapify(queue)
    proposals: list[Proposal] = []
    while queue and len(proposals) < limit:
        _, _, key, group = heapq.heappop(queue)
        if used.isdisjoint(group.ids):
            proposals.append(group.proposal)
            used |= group.ids
        # The ground may gather another group of the people left.
        if len(proposals) < limit and (again := _group(grounds[key], pairs, used, size)) is not None:
            heapq.heappush(queue, _ranked(again, key))
    return Meetups(activity.today, size, len(people), tuple(proposals))


def _remembered_as(key: Key, ground: _Ground, size: int) -> tuple[str, tuple[Contact, ...], Any]:
    """What names the first group of a ground (see `Activity.among`): the ground and the size,
    its people, and what they want."""
    people = ground.members
    return (
        f"meetup {size} {key}",
        tuple(person.contact for person in people),
        tuple((person.wants, person.last) for person in people),
    )


# --- Who they are ----------------------------------------------------------------------------

_CITY_ENDS = re.compile(r"\s*[-,/(]")


@dataclass
class _Person:
    id: str
    contact: Contact
    wants: Wants
    last: date | None
    order: int  # by name
    places: frozenset[str]  # folded; empty: nobody knows where they live
    cities: frozenset[str]  # folded: the city each place starts with
    grounds: dict[tuple[GroundKind, str], str]  # (kind, folded) -> as written
    orgs: frozenset[str]
    stems: dict[str, frozenset[str]]  # needs, offers, interests -> the stems of their words
    interests: frozenset[str]  # folded

    @property
    def weight(self) -> int:
        return SCORES[self.wants]

    def lives_apart_from(self, other: _Person) -> bool:
        return bool(self.places and other.places and self.places.isdisjoint(other.places))


def _people(who: list[Wanting], activity: Activity, config: Config) -> dict[str, _Person]:
    markers, folded = _markers(config), lru_cache(maxsize=None)(fold)
    # Thousands of people share a few places, orgs and interests: each set of them is kept once.
    kept: dict[frozenset[str], frozenset[str]] = {}
    people = {}
    for order, one in enumerate(sorted(who, key=lambda w: (w.contact.name, w.contact.id))):
        contact = one.contact
        traits = activity.per_contact("meetup", contact, config, _traits, contact, markers, folded, kept)
        people[contact.id] = _Person(contact.id, contact, one.wants, one.last, order, *traits)
    return people


def _traits(
    contact: Contact,
    markers: set[str],
    folded: Callable[[str], str],
    kept: dict[frozenset[str], frozenset[str]],
) -> tuple[
    frozenset[str],
    frozenset[str],
    dict[tuple[GroundKind, str], str],
    frozenset[str],
    dict[str, frozenset[str]],
    frozenset[str],
]:
    """What one contact brings to any meet-up, whoever else comes: `_Person`'s places, cities,
    grounds, orgs, stems and interests. Each set equal to one in `kept` is that one."""

    def once(found: frozenset[str]) -> frozenset[str]:
        return kept.setdefault(found, found)

    grounds = _grounds_of(contact, markers, folded)
    return (
        once(frozenset(key for kind, key in grounds if kind == "place")),
        once(frozenset(folded(_places(written)[-1]) for written in contact.locations if written.strip())),
        grounds,
        once(frozenset(key for kind, key in grounds if kind == "org")),
        {field: once(_stems(getattr(contact, field))) for field in ("needs", "offers", "interests")},
        once(frozenset(folded(interest) for interest in contact.interests)),
    )


def _markers(config: Config) -> set[str]:
    return {fold(tag.lstrip("#")) for tag in config.contact_tags}


def _grounds_of(
    contact: Contact, markers: set[str], folded: Callable[[str], str]
) -> dict[tuple[GroundKind, str], str]:
    """Every ground of one contact: (kind, folded) -> as first written. `folded` is `fold`,
    kept per run: places, tags, orgs and circles repeat across people."""
    grounds: dict[tuple[GroundKind, str], str] = {}
    for written in contact.locations:
        for place in _places(written):
            grounds.setdefault(("place", folded(place)), place)
    for org in contact.orgs:
        grounds.setdefault(("org", folded(org)), org)
    for tag in contact_tags(contact, markers):
        grounds.setdefault(("tag", folded(tag)), tag)
    if contact.circle:
        grounds.setdefault(("circle", folded(contact.circle)), contact.circle)
    return grounds


def may_gather(who: Iterable[Wanting], config: Config) -> bool:
    """Whether at least `SMALLEST` of `who` share a place, an org, a tag or a circle: without
    that there is no meet-up, and nothing else need be worked out."""
    markers, folded = _markers(config), lru_cache(maxsize=None)(fold)
    sharing: dict[tuple[GroundKind, str], int] = defaultdict(int)
    for one in who:
        for ground in _grounds_of(one.contact, markers, folded):
            sharing[ground] += 1
            if sharing[ground] >= SMALLEST:
                return True
    return False


def _places(written: str) -> list[str]:
    """A location and the city it names first: `Kiel-Friedrichsort` is in `Kiel` too."""
    place = written.strip()
    city = _CITY_ENDS.split(place, maxsplit=1)[0].strip()
    return [place, city] if city and city != place else [place] if place else []


def _stems(terms: Iterable[str]) -> frozenset[str]:
    return frozenset().union(*map(words, terms))


Key = tuple[GroundKind, str, str]  # the ground, folded, and for all but a place its city ("": any)


def _grounds(people: dict[str, _Person]) -> dict[Key, list[_Person]]:
    """Each ground shared by enough people for a meet-up, with them by name. An org, a tag or a
    circle is one ground in each city its people live in: those of one city can meet. Someone
    nobody knows the whereabouts of may join them in any city."""
    found: dict[Key, list[_Person]] = defaultdict(list)
    anywhere: list[tuple[GroundKind, str, _Person]] = []
    for person in people.values():
        for kind, key in person.grounds:
            if kind == "place":
                found[(kind, key, "")].append(person)
            elif not person.cities:
                anywhere.append((kind, key, person))
            for city in person.cities:
                found[(kind, key, city)].append(person)
    cities: dict[tuple[GroundKind, str], list[str]] = defaultdict(lambda: [""])
    for kind, key, city in found:
        if kind != "place":
            cities[(kind, key)].append(city)
    for kind, key, person in anywhere:
        for city in cities[(kind, key)]:
            found[(kind, key, city)].append(person)
    return {
        ground: sorted(members, key=lambda p: p.order)
        for ground, members in found.items()
        if len(members) >= SMALLEST
    }


# --- What two of them have -------------------------------------------------------------------


class _Pairs:
    """The tie between two people, worked out once, when asked, and the links among those it
    covers: a ground's group is worked out once its people are covered (a watcher that kept
    every ground's group needs no links at all)."""

    def __init__(self, index: Index, activity: Activity, people: dict[str, _Person]):
        self.index = index
        self.activity = activity
        self.people = people
        self.known: dict[tuple[str, str], Tie | None] = {}
        self.covered: set[str] = set()
        self.links = Network()

    def cover(self, people: Iterable[_Person]) -> None:
        """Links among `people` too. Two people are linked alike among any people that hold
        both (taken in the same order, by name), so the links are worked out again among all
        covered."""
        more = {person.id for person in people} - self.covered
        if more:
            self.covered |= more
            self.links = links_among(self.index, self.activity, [i for i in self.people if i in self.covered])

    def tie(self, a: _Person, b: _Person) -> Tie | None:
        if a.order > b.order:
            a, b = b, a
        key = (a.id, b.id)
        if key not in self.known:
            self.known[key] = self._tie(a, b)
        return self.known[key]

    def _tie(self, a: _Person, b: _Person) -> Tie | None:
        link = self.links.links.get(a.id, {}).get(b.id)
        if link is None and (org := a.orgs & b.orgs):
            shared = a.grounds[("org", min(org))]
            link = Link("colleagues", a.contact.name, b.contact.name, shared)
        helps = between(a.contact, b.contact) if _may_help(a, b) else ()
        score = (SCORES[link.kind] if link else 0) + sum(points for points, _ in helps)
        if not score:
            return None
        return Tie(a.contact, b.contact, link, tuple(reason for _, reason in helps), score)


def _may_help(a: _Person, b: _Person) -> bool:
    """Only people with a word in common between a need and an offer, or in their interests,
    can help each other: this keeps large vaults fast."""
    return bool(
        a.stems["needs"] & b.stems["offers"]
        or b.stems["needs"] & a.stems["offers"]
        or a.stems["interests"] & b.stems["interests"]
    )


class _Ground:
    """The people of one ground, with what finds the ties between them quickly: who offers,
    needs or is into each word, and who is at each org."""

    def __init__(self, members: list[_Person], pairs: _Pairs):
        self.members = members
        self.pairs = pairs
        self.by_urgency = sorted(members, key=lambda p: (-p.weight, p.order))

    @cached_property
    def linked(self) -> list[tuple[Any, ...]]:
        """Who knows whom among them, best known and most wanting contact first."""
        here = {person.id: person for person in self.members}
        return sorted(
            (
                (SCORES[link.kind], a.weight + b.weight, -a.order, -b.order, a, b)
                for a in self.members
                for other, link in self.pairs.links.links.get(a.id, {}).items()
                if (b := here.get(other)) is not None and a.order < b.order and not a.lives_apart_from(b)
            ),
            key=lambda pair: pair[:4],
            reverse=True,
        )

    @cached_property
    def postings(self) -> tuple[dict[str, list[_Person]], ...]:
        """Who offers, needs or is into each word, and who is at each org."""
        offering: dict[str, list[_Person]] = defaultdict(list)
        needing: dict[str, list[_Person]] = defaultdict(list)
        into: dict[str, list[_Person]] = defaultdict(list)
        at: dict[str, list[_Person]] = defaultdict(list)
        for person in self.members:
            for stem in person.stems["offers"]:
                offering[stem].append(person)
            for stem in person.stems["needs"]:
                needing[stem].append(person)
            for interest in person.interests:
                into[interest].append(person)
            for org in person.orgs:
                at[org].append(person)
        return offering, needing, into, at

    def gains(self, person: _Person, free: dict[str, _Person], pairs: _Pairs) -> dict[str, int]:
        """How much each of `free` would add to a group that has `person`: the whole tie with
        those linked to them or with a word between needs and offers (few), and for the many
        who only share an interest or an org, those alone (the tie is worked out once they are
        in the group)."""
        offering, needing, into, at = self.postings
        exact = {other for other in pairs.links.links.get(person.id, ()) if other in free}
        for stem in person.stems["needs"]:
            exact.update(other.id for other in offering.get(stem, ()) if other.id in free)
        for stem in person.stems["offers"]:
            exact.update(other.id for other in needing.get(stem, ()) if other.id in free)
        exact.discard(person.id)
        found: dict[str, int] = {}
        for other_id in exact:
            tie = pairs.tie(person, free[other_id])
            found[other_id] = tie.score if tie else 0
        for interest in person.interests:
            for other in into.get(interest, ()):
                if other.id in free and other.id not in exact and other is not person:
                    found[other.id] = found.get(other.id, 0) + SCORES["interest"]
        for org in person.orgs:
            for other in at.get(org, ()):
                if other.id in free and other.id not in exact and other is not person:
                    found[other.id] = found.get(other.id, 0) + SCORES["colleagues"]
        return found


# --- A group on one ground -------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    ids: frozenset[str]
    proposal: Proposal


def _ranked(group: _Group, key: Key) -> tuple[Any, ...]:
    """Best first: the highest score, then by the members' names, then by ground."""
    names = tuple(member.contact.name for member in group.proposal.members)
    return (-group.proposal.score, names, key, group)


def _group(ground: _Ground, pairs: _Pairs, used: set[str], size: int) -> _Group | None:
    """The group this ground gathers of the people not proposed yet, or None if too few are left.
    A start that leaves too few living near it is left out, and the group started again."""
    pairs.cover(ground.members)
    free = {person.id: person for person in ground.members if person.id not in used}
    while len(free) >= SMALLEST:
        chosen = _grown(ground, free, pairs, size)
        if len(chosen) >= SMALLEST:
            return _Group(frozenset(p.id for p in chosen), _proposal(chosen, pairs))
        del free[chosen[0].id]
    return None


def _grown(ground: _Ground, free: dict[str, _Person], pairs: _Pairs, size: int) -> list[_Person]:
    if len(free) <= size and all(_fits(p, list(free.values())) for p in free.values()):
        return sorted(free.values(), key=lambda p: (-p.weight, p.order))  # all of them can come
    chosen = _seed(ground, free)
    taken = {person.id for person in chosen}
    gain: dict[str, int] = defaultdict(int)
    for person in chosen:
        for other, points in ground.gains(person, free, pairs).items():
            gain[other] += points
    while len(chosen) < size:
        joining = _most_tied(gain, free, taken, chosen) or next(
            (p for p in ground.by_urgency if p.id in free and p.id not in taken and _fits(p, chosen)), None
        )
        if joining is None:
            break
        chosen.append(joining)
        taken.add(joining.id)
        for other, points in ground.gains(joining, free, pairs).items():
            gain[other] += points
    return chosen


def _most_tied(
    gain: dict[str, int], free: dict[str, _Person], taken: set[str], chosen: list[_Person]
) -> _Person | None:
    best: tuple[tuple[int, int, int], _Person] | None = None
    for other, points in gain.items():
        if points > 0 and other not in taken:
            person = free[other]
            rank = (points, person.weight, -person.order)
            if (best is None or rank > best[0]) and _fits(person, chosen):
                best = (rank, person)
    return best[1] if best else None


def _fits(person: _Person, chosen: list[_Person]) -> bool:
    return not any(person.lives_apart_from(other) for other in chosen)


def _seed(ground: _Ground, free: dict[str, _Person]) -> list[_Person]:
    """The two of them who know each other best, the most wanting contact first; with no link
    between any two, the one who most wants contact."""
    for *_, a, b in ground.linked:
        if a.id in free and b.id in free:
            return [a, b]
    return [next(person for person in ground.by_urgency if person.id in free)]


def _proposal(chosen: list[_Person], pairs: _Pairs) -> Proposal:
    people = sorted(chosen, key=lambda p: p.order)
    ties = [tie for a, b in combinations(people, 2) if (tie := pairs.tie(a, b)) is not None]
    ties.sort(key=lambda t: (-t.score, t.a.name, t.b.name))
    shared_keys = set(people[0].grounds).intersection(*(p.grounds for p in people[1:]))
    shared = tuple(
        Ground(kind, people[0].grounds[(kind, key)])
        for kind, key in sorted(shared_keys, key=lambda k: (GROUND_KINDS.index(k[0]), k[1]))
    )
    members = tuple(
        Member(
            p.contact, p.wants, p.last, _gets(p.contact.name, ties), _gives(p.contact.name, ties), p.weight
        )
        for p in people
    )
    score = (
        sum(p.weight for p in people)
        + sum(tie.score for tie in ties)
        + sum(SCORES[ground.kind] for ground in shared)
    )
    return Proposal(members, shared, tuple(ties), score)


def _gets(name: str, ties: list[Tie]) -> tuple[Reason, ...]:
    """What `name` would get from the others: their needs met, then the interests they share."""
    needs = [r for tie in ties for r in tie.reasons if r.kind == "need" and r.who == name]
    interests = [r for tie in ties for r in tie.reasons if r.kind == "interest" and name in (r.who, r.other)]
    return (*needs, *interests)


def _gives(name: str, ties: list[Tie]) -> tuple[Reason, ...]:
    """The needs of the others that `name` offers."""
    return tuple(r for tie in ties for r in tie.reasons if r.kind == "need" and r.other == name)

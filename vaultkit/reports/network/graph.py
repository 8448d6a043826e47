"""Who is linked to whom in the notes: `knows`, `introduced_by`, a shared `org`, and having been
together at a meeting (a dated note that lists its `people` in the front matter).

Contacts are the nodes; a name that has no note of its own (a person linked as `[[Name]]`, or
an org) is a leaf: it can be reached, but nobody is reached through it.

`path` searches it as it is (`paths`); `hubs` measures its own lighter graph of the same links
(`people_graph`), made from `Network.made_of`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, combinations
from typing import Literal, NamedTuple

from vaultkit.activity import Activity, Links, mentioned_contacts, name_from_tag
from vaultkit.model import Contact, Index, Note
from vaultkit.values import fold, resolve


class Link(NamedTuple):
    """Why two people are linked, by their names: `a` knows `b`, `a` introduced `b`, `a` is at
    the org `place` (`b` None), `a` and `b` are both at `place`, or were both at the meeting
    note `place` (`on`: its day, when its name does not start with it).

    A named tuple, as the activity's items are: a large network has one for every two people
    who met, made afresh each run."""

    kind: Literal["knows", "introduced", "works_at", "colleagues", "met"]
    a: str
    b: str | None = None
    place: str | None = None
    on: date | None = None

    def as_json(self) -> dict[str, str | None]:
        return {
            "kind": self.kind,
            "a": self.a,
            "b": self.b,
            "place": self.place,
            "on": self.on.isoformat() if self.on else None,
        }


# What a node of `Network.made_of()` is: a contact (False), or a leaf, an org or a person.
Leaf = Literal[False, "org", "person"]


@dataclass
class Network:
    # contact id -> linked contact id -> why; the first reason found is kept.
    links: dict[str, dict[str, Link]] = field(default_factory=lambda: defaultdict(dict))
    # folded name without a note -> contact id -> why.
    leaves: dict[str, dict[str, Link]] = field(default_factory=lambda: defaultdict(dict))
    # folded name -> the name as first written.
    spelled: dict[str, str] = field(default_factory=dict)
    # Colleagues are linked through their org, not pair by pair: 250 people at one org would be
    # 31,125 pairs. Folded org -> its people (id, name, the org as they write it), in note order;
    # contact id -> its folded org, and its place among them.
    staff: dict[str, list[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    org_of: dict[str, str] = field(default_factory=dict)
    at: dict[str, int] = field(default_factory=dict)

    def link(self, a: str, b: str, why: Link) -> None:
        if a != b:
            self.links[a].setdefault(b, why)
            self.links[b].setdefault(a, why)

    def leaf(self, name: str, contact_id: str, why: Link) -> None:
        key = fold(name)
        self.spelled.setdefault(key, name)
        self.leaves[key].setdefault(contact_id, why)

    def neighbours(self, node: str) -> dict[str, Link]:
        """Contacts linked to a contact id or to a folded leaf name, and why (`between`)."""
        if node in self.leaves:
            return self.leaves[node]
        linked = self.links.get(node, {})
        org = self.org_of.get(node)
        colleagues = [other for other, _, _ in self.staff[org]] if org is not None else []
        met = [other for other, why in linked.items() if why.kind == "met"]
        found: dict[str, Link] = {}
        for other in chain((o for o, why in linked.items() if why.kind != "met"), colleagues, met):
            why = self.between(node, other)
            if other != node and why is not None:
                found.setdefault(other, why)
        return found

    def between(self, a: str, b: str) -> Link | None:
        """How two contacts are linked, if they are: knowing one another or an introduction
        first, then working at the same org, then having met."""
        why = self.links.get(a, {}).get(b)
        if why is not None and why.kind != "met":
            return why
        org = self.org_of.get(a)
        if org is None or org != self.org_of.get(b):
            return why
        first, second = sorted((a, b), key=self.at.__getitem__)
        staff = self.staff[org]
        (_, one, written), (_, other, _) = staff[self.at[first]], staff[self.at[second]]
        return Link("colleagues", one, other, written)

    def made_of(self) -> Iterator[tuple[Iterable[str], Leaf, Iterable[tuple[str, str, Link]]]]:
        """The network as a graph's nodes and edges, in order: nodes with their `leaf` (a node
        given one again takes the later), then edges with their Link (an edge given again, the
        later). An org is a node its people link to (`works_at`); colleagues are linked only
        through it. `hubs` makes its graph of it (`people_graph`)."""
        for node, linked in self.links.items():
            # Colleagues are linked through their org.
            yield (
                (node,),
                False,
                ((node, other, why) for other, why in linked.items() if self.between(node, other) is why),
            )
        for name, linked in self.leaves.items():
            yield linked, False, ()
            kind: Leaf = "org" if is_org(linked) else "person"
            yield (name,), kind, ((name, contact, why) for contact, why in linked.items())


def is_org(linked: dict[str, Link]) -> bool:
    """Whether a leaf, by its links, is an org: someone works at it."""
    return any(why.kind == "works_at" for why in linked.values())


def network(index: Index, activity: Activity) -> Network:
    """Archived contacts are left out: they introduce nobody."""
    today = activity.today
    contacts = {i: c for i, c in index.contacts.items() if c.status != "archived"}
    found = Network()
    _known(found, index, contacts)
    for contact in contacts.values():
        if contact.org:
            org = fold(contact.org)
            found.at[contact.id] = len(found.staff[org])
            found.staff[org].append((contact.id, contact.name, contact.org))
            found.org_of[contact.id] = org
            found.leaf(contact.org, contact.id, Link("works_at", contact.name, place=contact.org))
    for note in index.notes:
        if _is_past_meeting(note, today):
            _meeting_links(found, index, contacts, note, activity.links)
    return found


def _known(found: Network, index: Index, contacts: dict[str, Contact]) -> None:
    """Who introduced whom, then who knows whom: an introduction says more of two people."""
    for contact in contacts.values():
        if contact.introduced_by:
            _person_link(found, index, contacts, contact, contact.introduced_by, "introduced")
    for contact in contacts.values():
        for name in contact.knows:
            _person_link(found, index, contacts, contact, name, "knows")


def _person_link(
    found: Network,
    index: Index,
    contacts: dict[str, Contact],
    contact: Contact,
    name: str,
    kind: Literal["knows", "introduced"],
) -> None:
    """`contact` knows `name`, or `name` introduced `contact`."""

    def link(other: str) -> Link:
        return Link("knows", contact.name, other) if kind == "knows" else Link(kind, other, contact.name)

    ids = resolve(index, name)
    if not ids:
        found.leaf(name, contact.id, link(name))
    elif len(ids) == 1 and ids[0] in contacts:
        found.link(contact.id, ids[0], link(contacts[ids[0]].name))


def _is_past_meeting(note: Note, today: date) -> bool:
    return (
        note.contact is None
        and note.date is not None
        and note.date <= today
        and any(m.kind == "property" for m in note.mentions)
    )


def _meeting_links(
    found: Network, index: Index, contacts: dict[str, Contact], note: Note, links: Links
) -> None:
    present: list[str] = []
    absent_names: list[str] = []
    for mention in note.mentions:
        if mention.kind == "task":
            continue
        ids = mentioned_contacts(note, mention, index, links)
        if ids and ids[0] in contacts and ids[0] not in present:
            present.append(ids[0])
        elif not ids and not mention.by_path and not resolve(index, mention.target):
            # A person tag names someone as tools write names: people/kim-ono is Kim Ono.
            absent_names.append(name_from_tag(mention.target) if mention.by_tag else mention.target)
    on = None if note.id.startswith(str(note.date)) else note.date
    for a, b in combinations(present, 2):
        found.link(a, b, Link("met", contacts[a].name, contacts[b].name, note.id, on))
    for name in absent_names:
        for contact_id in present:
            found.leaf(name, contact_id, Link("met", contacts[contact_id].name, name, note.id, on))


def links_among(index: Index, activity: Activity, ids: Iterable[str]) -> Network:
    """The links between the contacts `ids` alone, by the rules of `network`: `knows`,
    `introduced_by`, and the past meetings two of them were at. Shared orgs are left to the
    caller (`colleagues`): in a large org every pair of its members is a link, and one who asks
    about a few thousand people compares their orgs faster than it lists those pairs. A meeting
    is found through the activity (each person a meeting note names has it as an interaction),
    not by resolving every meeting's names again."""
    today = activity.today
    contacts = {i: index.contacts[i] for i in ids if index.contacts[i].status != "archived"}
    found = Network()
    _known(found, index, contacts)
    meetings = {note.path: note for note in index.notes if _is_past_meeting(note, today)}
    present: dict[str, list[str]] = defaultdict(list)
    for contact_id in sorted(contacts, key=lambda i: contacts[i].name):
        for interaction in activity.of(contact_id).interactions:
            if interaction.source in meetings:
                there = present[interaction.source]
                if not there or there[-1] != contact_id:
                    there.append(contact_id)
    for path in sorted(present):
        note = meetings[path]
        on = None if note.id.startswith(str(note.date)) else note.date
        for a, b in combinations(present[path], 2):
            found.link(a, b, Link("met", contacts[a].name, contacts[b].name, note.id, on))
    found.leaves.clear()
    return found

"""Hubs and bridges: who brings your groups of people together, and who alone links a group to
the rest, over the network `path` searches (`graph.Network`), without you in it: you
know each of your contacts yourself, so it is how they know one another that counts.

- groups: communities by label propagation, people who know one another more than they know
  the rest; named by what most of them share (an org, a place, a tag), else by the best-linked
  of them.
- hubs: the contacts with the highest betweenness (the share of shortest ways between two
  people that run through them) whose links reach two groups or more.
- bridges: contacts whose removal cuts people off from the rest (cut vertices): the people
  they alone link to the others.

An org is a node its people link to; one with a single person links nobody and is left out.
The measures (`people_graph`) run on integer nodes numbered in name order, so their sets
iterate the same in every run (a str hashes differently per process): the output is the same for
the same notes.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from vaultkit.config import Config
from vaultkit.model import Contact, Index
from vaultkit.reports.network.graph import Leaf, Network
from vaultkit.reports.network.people_graph import PeopleGraph
from vaultkit.values import fold

SCHEMA = "vaultkit.hubs/1"
TOP = 10  # hubs named
SMALLEST_GROUP = 2  # people; a group or a cut-off part smaller than this is not named
# Exact betweenness costs a breadth-first search from every node: above EXACT_UP_TO nodes it is
# estimated from SAMPLED of them (seeded, so always the same ones). At 10,000 contacts one search
# takes about 0.1 s; the hubs that stand out stand out in 32 searches too.
EXACT_UP_TO = 500
SAMPLED = 32
SEED = 0

LabelKind = Literal["org", "place", "tag", "member"]
KIND_ORDER = {"org": 0, "place": 1, "tag": 2, "member": 3}


@dataclass(frozen=True)
class Label:
    """What names a group: an org, place or tag that `shared` of its contacts have, or (kind
    `member`) its best-linked contact, `value` then a contact id."""

    kind: LabelKind
    value: str
    shared: int

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "shared": self.shared}


@dataclass(frozen=True)
class Group:
    label: Label | None  # None: a cut-off part whose contacts share nothing
    contacts: tuple[Contact, ...]  # by name
    others: tuple[str, ...]  # people linked in the notes who have no note of their own

    @property
    def size(self) -> int:
        return len(self.contacts) + len(self.others)

    def as_json(self) -> dict[str, Any]:
        return {
            "named": None,
            "label": self.label.as_json() if self.label else None,
            "contacts": [contact.id for contact in self.contacts],
            "others": list(self.others),
        }


@dataclass(frozen=True)
class Hub:
    contact: Contact
    betweenness: float  # 0 to 1: the share of shortest ways between two others through them
    groups: tuple[int, ...]  # indexes into Hubs.groups that their links reach, largest first
    only_through: int  # contacts linked to the rest of your contacts only through them

    def as_json(self) -> dict[str, Any]:
        return {
            "contact": self.contact.id,
            "betweenness": round(self.betweenness, 4),
            "groups": list(self.groups),
            "only_through": self.only_through,
            "because": None,
        }


@dataclass(frozen=True)
class Bridge:
    contact: Contact
    cut_off: Group  # the people linked to your other contacts only through them

    def as_json(self) -> dict[str, Any]:
        return {"contact": self.contact.id, "cut_off": self.cut_off.as_json(), "because": None}


@dataclass(frozen=True)
class Hubs:
    hubs: tuple[Hub, ...]
    bridges: tuple[Bridge, ...]
    groups: tuple[Group, ...]  # largest first
    sampled: int | None  # betweenness estimated from this many sources; None: exact

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "hubs": [hub.as_json() for hub in self.hubs],
            "bridges": [bridge.as_json() for bridge in self.bridges],
            "groups": [group.as_json() for group in self.groups],
            "sampled": self.sampled,
        }


def hubs(index: Index, config: Config, network: Network) -> Hubs:
    graph, names = _people_graph(index, network)
    if not len(graph):
        return Hubs((), (), (), None)
    degree = [graph.degree(node) for node in range(len(graph))]
    labels = _Labels(index, config)

    found = [members for members in graph.communities() if _people_in(members, graph) >= SMALLEST_GROUP]
    found.sort(key=lambda members: (-_people_in(members, graph), min(names[n] for n in members)))
    groups: list[Group] = []
    for members in found:
        contacts, others = _people(members, graph, index, names)
        label = labels.shared(contacts, unique=True) or _best_linked(members, graph, degree, names)
        labels.taken.add(fold(label.value))
        groups.append(Group(label, contacts, others))
    group_of_node = {n: g for g, members in enumerate(found) for n in members}

    sampled = SAMPLED if len(graph) > EXACT_UP_TO else None
    between = graph.betweenness(sampled, SEED)
    cut_off = _cut_off_sizes(graph)

    ranked: list[Hub] = []
    contacts_by_betweenness = sorted(
        (n for n in range(len(graph)) if not graph.leaf[n] and between[n] > 0),
        key=lambda n: (-between[n], index.contacts[names[n]].name, names[n]),
    )
    for node in contacts_by_betweenness:
        reached = {group_of_node[n] for n in [node, *graph.neighbours[node]] if n in group_of_node}
        if len(reached) >= 2:
            only = cut_off[node][1] if node in cut_off else 0
            ranked.append(Hub(index.contacts[names[node]], between[node], tuple(sorted(reached)), only))
            if len(ranked) == TOP:
                break

    bridges = []
    candidates = sorted(
        (n for n, (people, _) in cut_off.items() if people >= SMALLEST_GROUP and not graph.leaf[n]),
        key=lambda n: (-cut_off[n][0], index.contacts[names[n]].name, names[n]),
    )
    for node in candidates[:TOP]:
        contacts, others = _people(_cut_off(graph, node), graph, index, names)
        bridges.append(Bridge(index.contacts[names[node]], Group(labels.shared(contacts), contacts, others)))
    return Hubs(tuple(ranked), tuple(bridges), tuple(groups), sampled)


def _people(
    nodes: Iterable[int], graph: PeopleGraph, index: Index, names: list[str]
) -> tuple[tuple[Contact, ...], tuple[str, ...]]:
    contacts = sorted((index.contacts[names[n]] for n in nodes if not graph.leaf[n]), key=_by_name)
    others = sorted(names[n] for n in nodes if graph.leaf[n] == "person")
    return tuple(contacts), tuple(others)


def _people_graph(index: Index, network: Network) -> tuple[PeopleGraph, list[str]]:
    """The network's people and the orgs that link two or more of them, numbered in name order:
    made from what the whole network's graph is made of (`Network.made_of`), not from that graph.
    Its edges are gathered as numbers, two to an edge: a set of names per node took four times
    the finished graph's room (8 MiB at 33,000 notes)."""
    leaf: dict[str, Leaf] = {}
    seen: dict[str, int] = {}  # every node an edge names -> its number, in the order first named
    ends = array("i")
    for nodes, kind, edges in network.made_of():
        leaf.update(dict.fromkeys(nodes, kind))
        for a, b, _ in edges:
            ends.append(seen.setdefault(a, len(seen)))
            ends.append(seen.setdefault(b, len(seen)))
    orgs = {seen[n]: n for n in leaf if leaf[n] == "org" and n in seen}
    tied: dict[str, set[int]] = defaultdict(set)  # org -> the nodes linked to it
    for one, other in zip(ends[::2], ends[1::2]):
        if one in orgs:
            tied[orgs[one]].add(other)
        if other in orgs:
            tied[orgs[other]].add(one)
    # An org linked to itself counts that link twice, as a node's degree does.
    kept = [
        n
        for n in leaf
        if leaf[n] != "org" or len(tied[n]) + (n in seen and seen[n] in tied[n]) >= 2
        if leaf[n] or n in index.contacts
    ]
    names = sorted(kept, key=lambda n: (_shown(index, network, n), n))
    number = [-1] * len(seen)
    for final, n in enumerate(names):
        if n in seen:
            number[seen[n]] = final
    neighbours: list[list[int]] = [[] for _ in names]
    for one, other in zip(ends[::2], ends[1::2]):
        if number[one] >= 0 and number[other] >= 0:
            neighbours[number[one]].append(number[other])
            neighbours[number[other]].append(number[one])
    for node, linked in enumerate(neighbours):
        neighbours[node] = sorted(set(linked))  # an edge may be given twice
    graph = PeopleGraph(neighbours=neighbours, leaf=[leaf[n] for n in names])
    return graph, [_shown(index, network, n) if leaf[n] else n for n in names]


def _shown(index: Index, network: Network, node: str) -> str:
    contact = index.contacts.get(node)
    return contact.name if contact else network.spelled.get(node, node)


def _by_name(contact: Contact) -> tuple[str, str]:
    return (contact.name, contact.id)


def _people_in(nodes: Iterable[int], graph: PeopleGraph) -> int:
    return sum(1 for n in nodes if graph.leaf[n] != "org")


def _cut_off(graph: PeopleGraph, node: int) -> set[int]:
    """Everyone in `node`'s part who loses the others when it goes, but the largest such part
    (most people, then most contacts: as `_cut_off_sizes` counts)."""
    parts = sorted(graph.parts_without(node), key=lambda p: tuple(-n for n in _weight(p, graph)) + (min(p),))
    return set().union(*parts[1:])


def _cut_off_sizes(graph: PeopleGraph) -> dict[int, tuple[int, int]]:
    """For each cut vertex: how many people and how many contacts `_cut_off` would give, all at
    once from one depth-first search (Hopcroft and Tarjan's): a child whose subtree reaches no
    higher than its parent is cut off by the parent, the subtree a part of its own; what is
    left of the component is one more part. One `_cut_off` per cut vertex would cost a search
    of the whole graph each, and a search for the blocks a list of every edge (12 MiB at 33,000
    notes)."""
    order: dict[int, int] = {}  # node -> when the search reached it
    reach: dict[int, int] = {}  # node -> the earliest node its subtree has an edge back to
    below: dict[int, list[int]] = {}  # node -> [people, contacts] of its subtree
    parts: dict[int, list[tuple[int, int]]] = defaultdict(list)  # node -> the parts it cuts off
    sizes: dict[int, tuple[int, int]] = {}
    for root in range(len(graph)):
        if root in order:
            continue
        reached = [root]
        order[root] = reach[root] = len(order)
        below[root] = list(_weight([root], graph))
        stack = [(root, -1, iter(graph.neighbours[root]))]
        while stack:
            node, parent, neighbours = stack[-1]
            for other in neighbours:
                if other not in order:
                    order[other] = reach[other] = len(order)
                    below[other] = list(_weight([other], graph))
                    reached.append(other)
                    stack.append((other, node, iter(graph.neighbours[other])))
                    break
                if other != parent:
                    reach[node] = min(reach[node], order[other])
            else:
                stack.pop()
                if parent != -1:
                    reach[parent] = min(reach[parent], reach[node])
                    below[parent][0] += below[node][0]
                    below[parent][1] += below[node][1]
                    if reach[node] >= order[parent]:
                        parts[parent].append((below[node][0], below[node][1]))
        people, contacts = below[root]
        for node in reached:
            pieces = parts.pop(node, [])
            own = _weight([node], graph)
            if node != root and pieces:
                pieces.append(
                    (
                        people - own[0] - sum(piece[0] for piece in pieces),
                        contacts - own[1] - sum(piece[1] for piece in pieces),
                    )
                )
            if len(pieces) >= 2:
                largest = max(pieces)
                sizes[node] = (people - own[0] - largest[0], contacts - own[1] - largest[1])
    return sizes


def _weight(nodes: Iterable[int], graph: PeopleGraph) -> tuple[int, int]:
    """How many people and how many contacts: orgs are neither."""
    people = [n for n in nodes if graph.leaf[n] != "org"]
    return len(people), sum(1 for n in people if not graph.leaf[n])


class _Labels:
    """What a group's contacts share: an org, place or tag that more than half of them have (two
    at least), and fewer of your other contacts, so that it tells them apart; the most shared
    one, and orgs before places before tags. A name once given to a group is not given to another
    group (`unique`)."""

    def __init__(self, index: Index, config: Config) -> None:
        self.contact_tags = {fold(tag) for tag in config.contact_tags}
        self.everywhere: Counter[tuple[str, str]] = Counter()
        self.spelled: dict[tuple[str, str], str] = {}
        for contact in index.contacts.values():
            if contact.status != "archived":
                self.everywhere.update(self._of(contact))
        self.taken: set[str] = set()

    def _of(self, contact: Contact) -> set[tuple[str, str]]:
        have: set[tuple[str, str]] = set()
        for kind, values in (
            ("org", contact.orgs),
            ("place", contact.locations),
            ("tag", _tag_paths(contact)),
        ):
            for value in values:
                key = (kind, fold(value))
                if not (kind == "tag" and key[1] in self.contact_tags):
                    have.add(key)
                    self.spelled.setdefault(key, value)
        return have

    def shared(self, contacts: tuple[Contact, ...], *, unique: bool = False) -> Label | None:
        inside: Counter[tuple[str, str]] = Counter()
        for contact in contacts:
            inside.update(self._of(contact))
        needed = max(SMALLEST_GROUP, len(contacts) // 2 + 1)
        fitting = [
            (key, count)
            for key, count in inside.items()
            if count >= needed
            and self.everywhere[key] - count < count
            and not (unique and key[1] in self.taken)
        ]
        if not fitting:
            return None
        (kind, value), count = min(fitting, key=lambda item: (-item[1], KIND_ORDER[item[0][0]], item[0][1]))
        return Label(kind, self.spelled[(kind, value)], count)  # type: ignore[arg-type]


def _tag_paths(contact: Contact) -> list[str]:
    """A nested tag also counts for the tags above it: `kunst/malerei` is `kunst` too."""
    found: list[str] = []
    for tag in contact.tags:
        parts = tag.split("/")
        found.extend("/".join(parts[: n + 1]) for n in range(len(parts)))
    return found


def _best_linked(nodes: set[int], graph: PeopleGraph, degree: list[int], names: list[str]) -> Label:
    best = min((n for n in nodes if not graph.leaf[n]), key=lambda n: (-degree[n], names[n]), default=None)
    if best is None:
        best = min(nodes, key=lambda n: (-degree[n], names[n]))
    return Label("member", names[best], degree[best])

"""Who can introduce me to someone: the shortest chains of links to them, warmest first.

I know every contact myself, so a chain starts at a contact and ends at the target. Among the
shortest chains, the ones whose first person is closest to me come first: inner circles before
outer ones, then the most recent contact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from heapq import heappop, heappush
from typing import Any

from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.model import Contact, Duration, Index
from vaultkit.reports.common import active, dunbar_layer
from vaultkit.reports.network.graph import Link, Network, is_org

SCHEMA = "vaultkit.path/1"


@dataclass(frozen=True)
class Chain:
    path: tuple[str, ...]  # contact ids, ending with the target (a name when it has no note)
    because: tuple[Link, ...]  # why each link holds, one per step
    first: Contact
    circle: str | None
    last: date | None  # my last contact with the first person

    def as_json(self) -> dict[str, Any]:
        return {
            "path": list(self.path),
            "because": [],  # in words: the render layer says them in the output language
            "links": [link.as_json() for link in self.because],
            "last_contact": self.last.isoformat() if self.last else None,
        }


@dataclass(frozen=True)
class Paths:
    target: str  # the contact id, or the name as written in the notes
    contact: Contact | None  # the target's own note, if it has one
    chains: tuple[Chain, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "target": self.target,
            "contact": self.contact.id if self.contact else None,
            "paths": [list(chain.path) for chain in self.chains],
            "chains": [chain.as_json() for chain in self.chains],
        }


def paths(index: Index, activity: Activity, config: Config, graph: Network, target: str) -> Paths:
    """`target` is a contact id or a folded name from `graph.leaves`."""
    distance = _distances(graph, target)
    if not distance:
        return Paths(_shown(index, graph, target), index.contacts.get(target), ())

    def last(contact_id: str) -> date | None:
        found = activity.of(contact_id).last()
        return found.date if found else None

    def warmth(contact_id: str) -> tuple[int, int]:
        seen = last(contact_id)
        return _closeness(index.contacts[contact_id], config), -(seen.toordinal() if seen else 0)

    shortest = min(d for node, d in distance.items() if node != target)
    chains = []
    for start in sorted((n for n, d in distance.items() if d == shortest and n != target), key=warmth):
        path = [start]
        while distance[path[-1]] > 1:
            step = distance[path[-1]] - 1
            path.append(min((n for n in graph.neighbours(path[-1]) if distance.get(n) == step), key=warmth))
        path.append(target)
        because = tuple(graph.neighbours(b)[a] for a, b in zip(path, path[1:]))
        first = index.contacts[start]
        shown = path[:-1] + [_shown(index, graph, target)]
        chains.append(Chain(tuple(shown), because, first, first.circle, last(start)))
    return Paths(_shown(index, graph, target), index.contacts.get(target), tuple(chains))


def _distances(graph: Network, target: str) -> dict[str, int]:
    """Links from each contact to `target`. Leaves are only ever the target, but an org links its
    people as colleagues: half a link to the org and half from it make them one link apart.

    Searched in half links (Dijkstra's search, each step one or two halves), by hand rather than
    with networkx: importing it and making the whole network a networkx graph took 48 MiB at
    33,000 notes, a third of what a run may take. Only the distances come from the search, and
    they are the same whichever way it goes."""
    if not graph.neighbours(target):
        return {}
    orgs_of: dict[str, list[tuple[str, int]]] = defaultdict(list)  # contact -> its orgs, and the steps
    for name, linked in graph.leaves.items():
        if is_org(linked):
            for contact, why in linked.items():
                orgs_of[contact].append((name, _halves(why)))
    halves = {target: 0}
    queue = [(0, target)]
    while queue:
        far, node = heappop(queue)
        if far > halves[node]:
            continue  # reached by a shorter way since it was queued
        for other, step in _steps(graph, node, orgs_of):
            if far + step < halves.get(other, far + step + 1):
                halves[other] = far + step
                heappush(queue, (far + step, other))
    into_org = 1 if target in graph.leaves and is_org(graph.leaves[target]) else 0
    return {
        node: (half + into_org) // 2
        for node, half in halves.items()
        if node == target or node not in graph.leaves
    }


def _steps(graph: Network, node: str, orgs_of: dict[str, list[tuple[str, int]]]) -> Iterator[tuple[str, int]]:
    """Where a chain goes from `node` in one step, and in how many halves: from a leaf to its
    contacts, from a contact to the contacts it is linked to and to its orgs."""
    if node in graph.leaves:
        for contact, why in graph.leaves[node].items():
            yield contact, _halves(why)
        return
    for other, why in graph.links.get(node, {}).items():
        yield other, _halves(why)
    yield from orgs_of.get(node, ())


def _halves(why: Link) -> int:
    return 1 if why.kind == "works_at" else 2


def _closeness(contact: Contact, config: Config) -> int:
    """Smaller is closer: the Dunbar layer of the contact's circle; no circle, then reserve last."""
    cadence = config.circle_cadences.get(contact.circle or "")
    if not active(contact):
        return 10_000
    return dunbar_layer(cadence) if isinstance(cadence, Duration) else 1_000


def _shown(index: Index, graph: Network, target: str) -> str:
    return target if target in index.contacts else graph.spelled.get(target, target)

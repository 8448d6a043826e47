"""Who can introduce me to someone: the shortest chains of links to them, warmest first.

I know every contact myself, so a chain starts at a contact and ends at the target. Among the
shortest chains, the ones whose first person is closest to me come first: inner circles before
outer ones, then the most recent contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.model import Contact, Duration, Index
from vaultkit.reports.common import active, dunbar_layer
from vaultkit.reports.network.graph import Link, Network

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
    people as colleagues: half a link to the org and half from it make them one link apart."""
    if not graph.neighbours(target):
        return {}
    import networkx  # here: `event` imports this module and seldom searches the graph

    whole = graph.graph()
    searched = networkx.subgraph_view(
        whole, filter_node=lambda node: node == target or whole.nodes[node]["leaf"] in (False, "org")
    )
    into_org = 0.5 if whole.nodes[target]["leaf"] == "org" else 0.0
    found = networkx.single_source_dijkstra_path_length(searched, target, weight=_length)
    return {
        node: int(length + into_org)
        for node, length in found.items()
        if node == target or not whole.nodes[node]["leaf"]
    }


def _length(a: str, b: str, edge: dict[str, Link]) -> float:
    return 0.5 if edge["why"].kind == "works_at" else 1.0


def _closeness(contact: Contact, config: Config) -> int:
    """Smaller is closer: the Dunbar layer of the contact's circle; no circle, then reserve last."""
    cadence = config.circle_cadences.get(contact.circle or "")
    if not active(contact):
        return 10_000
    return dunbar_layer(cadence) if isinstance(cadence, Duration) else 1_000


def _shown(index: Index, graph: Network, target: str) -> str:
    return target if target in index.contacts else graph.spelled.get(target, target)

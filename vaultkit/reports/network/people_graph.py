"""The graph `hubs` measures: people and orgs numbered 0 to n-1, each with the sorted list of
those it is linked to, and the three measures `hubs` takes of it: groups by label propagation,
betweenness, and the parts a node's removal leaves.

They are written out here, not taken from networkx, because at 10,000 people importing networkx
costs 22 MiB and a tenth of a second, more than the measures themselves, and `report` is held to
150 MB. Each follows networkx 3.6 step by step, in the same order, so the results are the same
to the last bit (tests/test_people_graph.py holds them to it).
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from itertools import count

from vaultkit.reports.network.graph import Leaf


@dataclass(frozen=True)
class PeopleGraph:
    neighbours: list[list[int]]  # ascending; a node linked to itself is in its own list
    leaf: list[Leaf]  # what each node is: a contact (False), an org or a person

    def __len__(self) -> int:
        return len(self.neighbours)

    def degree(self, node: int) -> int:
        """Links at `node`, a link to itself counted at both its ends."""
        linked = self.neighbours[node]
        return len(linked) + (node in linked)

    def communities(self) -> list[set[int]]:
        """Groups by semi-synchronous label propagation (Cordasco and Gargano, 2010): every node
        takes the label most of its neighbours have, ties going to the highest label unless its
        own is among them, one colour class of a greedy colouring at a time, until no node
        would change."""
        label = list(range(len(self)))
        classes = self._colour_classes()
        while not all(label[node] in self._most_frequent(node, label) for node in range(len(self))):
            for nodes in classes:
                for node in nodes:
                    frequent = self._most_frequent(node, label)
                    if len(frequent) == 1 or label[node] not in frequent:
                        label[node] = max(frequent)
        groups: dict[int, set[int]] = defaultdict(set)
        for node, own in enumerate(label):
            groups[own].add(node)
        return list(groups.values())

    def _most_frequent(self, node: int, label: list[int]) -> set[int]:
        linked = self.neighbours[node]
        if not linked:
            return {label[node]}
        counted = Counter(label[other] for other in linked)
        most = max(counted.values())
        return {own for own, times in counted.items() if times == most}

    def _colour_classes(self) -> list[set[int]]:
        """Nodes no two of which are linked, from a greedy colouring that takes the best-linked
        nodes first and gives each the lowest colour its coloured neighbours leave free."""
        colour = [-1] * len(self)
        classes: dict[int, set[int]] = {}
        for node in sorted(range(len(self)), key=self.degree, reverse=True):
            taken = {colour[other] for other in self.neighbours[node] if colour[other] >= 0}
            colour[node] = next(free for free in count() if free not in taken)
            classes.setdefault(colour[node], set()).add(node)
        return list(classes.values())

    def betweenness(self, sampled: int | None = None, seed: int = 0) -> list[float]:
        """For each node, the share of shortest ways between two other nodes that run through it
        (Brandes, 2001), normalized to 0..1; from `sampled` sources drawn with `seed` if given,
        each weighed as networkx 3.6 does (a source is not a way's end through itself)."""
        n = len(self)
        if sampled == n:
            sampled = None
        sources = range(n) if sampled is None else random.Random(seed).sample(range(n), sampled)
        between = [0.0] * n
        for source in sources:
            self._add_ways_from(source, between)
        others = n - 1
        if others < 2:
            return between
        if sampled is None:
            scale = 1 / (others * (others - 1))
            return [value * scale for value in between] if scale != 1 else between
        as_source = 1 / ((sampled - 1) * (others - 1)) if sampled > 1 else math.nan
        as_other = 1 / (sampled * (others - 1))
        drawn = set(sources)
        return [value * (as_source if node in drawn else as_other) for node, value in enumerate(between)]

    def _add_ways_from(self, source: int, between: list[float]) -> None:
        """One breadth-first search from `source`, counting the shortest ways to every node, then
        what each node's share of them adds, from the farthest back to `source`."""
        reached: list[int] = []
        before: list[list[int]] = [[] for _ in self.neighbours]
        ways = [0.0] * len(self)
        distance = [-1] * len(self)
        ways[source], distance[source] = 1.0, 0
        queue = deque([source])
        while queue:
            node = queue.popleft()
            reached.append(node)
            for other in self.neighbours[node]:
                if distance[other] < 0:
                    queue.append(other)
                    distance[other] = distance[node] + 1
                if distance[other] == distance[node] + 1:
                    ways[other] += ways[node]
                    before[other].append(node)
        share = [0.0] * len(self)
        while reached:
            node = reached.pop()
            each = (1 + share[node]) / ways[node]
            for earlier in before[node]:
                share[earlier] += ways[earlier] * each
            if node != source:
                between[node] += share[node]

    def parts_without(self, node: int) -> list[set[int]]:
        """The parts `node`'s component falls into when `node` goes."""
        seen = {node}
        parts = []
        for start in self.neighbours[node]:
            if start in seen:
                continue
            part, stack = {start}, [start]
            seen.add(start)
            while stack:
                for other in self.neighbours[stack.pop()]:
                    if other not in seen:
                        seen.add(other)
                        part.add(other)
                        stack.append(other)
            parts.append(part)
        return parts

"""The people graph's measures: known answers on small graphs, and networkx's answers, to the
last bit, on random ones (the measures follow networkx step by step so that hubs stay as they
were when they were taken from it)."""

import math
import random

import networkx
import pytest

from vaultkit.reports.network.people_graph import PeopleGraph

SHAPES = [(18, 20), (30, 29), (12, 30), (60, 90), (40, 12)]  # sparse, a forest, dense, larger, in pieces


def people_graph(edges, nodes):
    linked = [set() for _ in range(nodes)]
    for a, b in edges:
        linked[a].add(b)
        linked[b].add(a)
    return PeopleGraph([sorted(each) for each in linked], [False] * nodes)


def as_networkx(graph):
    """The same graph built as hubs used to build it: each link from its lower end, in number
    order, so that networkx walks every node's neighbours in the same order."""
    made = networkx.Graph()
    made.add_nodes_from(range(len(graph)))
    made.add_edges_from((a, b) for a, linked in enumerate(graph.neighbours) for b in linked if b >= a)
    return made


def random_graphs():
    for seed in range(30):
        nodes, edges = SHAPES[seed % len(SHAPES)]
        picked = networkx.gnm_random_graph(nodes, edges, seed=seed)
        loops = [(n, n) for n in random.Random(seed).sample(range(nodes), 2)]
        yield seed, people_graph([*picked.edges(), *loops], nodes)
    for seed in range(10):  # groups that are there to be found
        planted = networkx.planted_partition_graph(4, 8, 0.7, 0.05, seed=seed)
        yield seed, people_graph(planted.edges(), planted.number_of_nodes())


TWO_TRIANGLES = people_graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (4, 6)], 7)


def test_two_groups_held_together_by_one_person_are_found_and_the_person_lies_between():
    one, other = sorted(TWO_TRIANGLES.communities(), key=min)
    assert {0, 1, 2} <= one and {4, 5, 6} <= other and one | other == set(range(7))
    between = TWO_TRIANGLES.betweenness()
    assert max(range(7), key=between.__getitem__) == 3
    assert between[3] == pytest.approx(9 / 15)  # 3 times 3 of the 15 pairs of others run through 3
    assert between[0] == between[1] == 0


def test_the_middle_of_three_in_a_row_lies_on_every_way_and_a_link_to_oneself_changes_nothing():
    row = people_graph([(0, 1), (1, 2), (1, 1)], 3)
    assert row.betweenness() == [0.0, 1.0, 0.0]
    assert row.degree(1) == 4  # a link to oneself has two ends
    assert row.parts_without(1) == [{0}, {2}]


def test_a_lonely_node_is_a_group_of_its_own_and_lies_between_nobody():
    graph = people_graph([(0, 1)], 3)
    assert {2} in graph.communities()
    assert graph.betweenness()[2] == 0
    assert graph.parts_without(2) == []


def test_the_groups_are_networkx_label_propagation_in_the_same_order():
    for seed, graph in random_graphs():
        expected = list(networkx.community.label_propagation_communities(as_networkx(graph)))
        assert graph.communities() == expected, seed


def test_exact_betweenness_is_networkx_to_the_last_bit():
    for seed, graph in random_graphs():
        expected = networkx.betweenness_centrality(as_networkx(graph))
        assert graph.betweenness() == [expected[n] for n in range(len(graph))], seed


def test_sampled_betweenness_draws_and_weighs_the_sources_as_networkx_does():
    major, minor = (int(part) for part in networkx.__version__.split(".")[:2])
    if (major, minor) < (3, 6):
        pytest.skip("networkx before 3.6 weighed a sampled source as any other node")
    for seed, graph in random_graphs():
        for sampled in (1, 5):
            expected = networkx.betweenness_centrality(as_networkx(graph), k=sampled, seed=seed)
            found = graph.betweenness(sampled, seed)
            for node in range(len(graph)):
                assert found[node] == expected[node] or math.isnan(found[node]) and math.isnan(expected[node])


def test_the_parts_left_without_a_node_are_its_component_cut_by_networkx():
    for seed, graph in random_graphs():
        made = as_networkx(graph)
        for node in range(len(graph)):
            rest = made.subgraph(n for n in networkx.node_connected_component(made, node) if n != node)
            expected = {frozenset(part) for part in networkx.connected_components(rest)}
            found = graph.parts_without(node)
            assert {frozenset(part) for part in found} == expected and len(found) == len(expected), (
                seed,
                node,
            )

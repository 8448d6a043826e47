"""hubs on fixture graphs with known answers: who brings groups together, who alone links some."""

import gc
import json
import os
import subprocess
import sys
import tracemalloc
from datetime import date

from click.testing import CliRunner

from bench.generate import generate
from tests.conftest import REPO, meeting, person
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.render.speech import hubs as speech
from vaultkit.reports.network.graph import network
from vaultkit.reports.network.hubs import hubs
from vaultkit.reports.network.people_graph import PeopleGraph

TODAY = date(2026, 11, 21)


def knowing(*names, **fields):
    return person(knows="[" + ", ".join(f'"[[{name}]]"' for name in names) + "]", **fields)


def found(vault, files):
    root = vault(files)
    index = load_index(root)
    return hubs(index, load_config(root), network(index, gather(index, TODAY)))


# Two cliques of four, A1-A2-A3-A4 and B1-B2-B3-B4, and one link between them: A1 knows B1.
CLIQUES = {
    "People/A1.md": knowing("A2", "A3", "A4", "B1", tags="[segeln]"),
    "People/A2.md": knowing("A3", "A4", tags="[segeln]"),
    "People/A3.md": knowing("A4", tags="[segeln]"),
    "People/A4.md": person(tags="[segeln]"),
    "People/B1.md": knowing("B2", "B3", "B4", org="Theater Kiel"),
    "People/B2.md": knowing("B3", "B4", org="Theater Kiel"),
    "People/B3.md": knowing("B4", org="Theater Kiel"),
    "People/B4.md": person(org="Theater Kiel"),
}


def test_the_two_ends_of_the_link_between_two_cliques_are_the_hubs_and_the_bridges(vault):
    result = found(vault, CLIQUES)
    assert sorted(hub.contact.id for hub in result.hubs) == ["A1", "B1"]
    # Without A1, A2 to A4 lose B's clique, which is larger: Theater Kiel is one more node.
    assert [hub.only_through for hub in result.hubs] == [3, 3]
    assert [(b.contact.id, [c.id for c in b.cut_off.contacts]) for b in result.bridges] == [
        ("A1", ["A2", "A3", "A4"]),
        ("B1", ["B2", "B3", "B4"]),
    ]
    assert speech.bridge(result.bridges[0], result) == (
        "Only A1 links your #segeln contacts with the rest of your contacts: A2, A3 and A4."
    )


def test_the_groups_are_the_cliques_named_by_what_they_share(vault):
    result = found(vault, CLIQUES)
    assert [[c.id for c in group.contacts] for group in result.groups] == [
        ["A1", "A2", "A3", "A4"],
        ["B1", "B2", "B3", "B4"],
    ]
    assert [speech.group(group, result) for group in result.groups] == [
        "your #segeln contacts",
        "the people at Theater Kiel",
    ]
    assert speech.hub(result.hubs[1], result) == (
        "A1 brings together your #segeln contacts and the people at Theater Kiel."
    )


def test_the_hub_is_the_one_with_the_highest_betweenness(vault):
    # H knows one of each of three pairs; X also links two of them, less centrally.
    result = found(
        vault,
        {
            "People/H.md": knowing("P1", "Q1", "R1"),
            "People/P1.md": knowing("P2"),
            "People/P2.md": person(),
            "People/Q1.md": knowing("Q2"),
            "People/Q2.md": person(),
            "People/R1.md": knowing("R2"),
            "People/R2.md": person(),
            "People/X.md": knowing("P2", "Q2"),
        },
    )
    assert result.hubs[0].contact.id == "H"
    assert result.hubs[0].betweenness == max(hub.betweenness for hub in result.hubs)


def test_a_person_who_alone_links_a_group_is_a_bridge(vault):
    # Lukas and Ole know each other and, of all your contacts, only Felix; Felix knows Katrin,
    # who is in a larger group.
    result = found(
        vault,
        {
            "People/Felix.md": knowing("Lukas", "Katrin"),
            "People/Lukas.md": knowing("Ole"),
            "People/Ole.md": person(),
            "People/Katrin.md": knowing("Nadine", "Jonas", "Mia"),
            "People/Nadine.md": person(),
            "People/Jonas.md": person(),
            "People/Mia.md": person(),
            "Meetings/2026-03-01 Regatta.md": meeting("2026-03-01", "Lukas", "Ole", "Jens Hafen"),
        },
    )
    felix = next(b for b in result.bridges if b.contact.id == "Felix")
    assert [c.id for c in felix.cut_off.contacts] == ["Lukas", "Ole"]
    assert felix.cut_off.others == ("Jens Hafen",)
    assert speech.bridge(felix, result) == (
        "Only Felix links Lukas, Ole and Jens Hafen with the rest of your contacts."
    )


def test_archived_contacts_are_left_out(vault):
    files = dict(CLIQUES)
    files["People/A1.md"] = knowing("A2", "A3", "A4", "B1", tags="[segeln]", status="archived")
    result = found(vault, files)
    assert result.hubs == ()
    assert all("A1" not in [c.id for c in group.contacts] for group in result.groups)


def test_the_same_notes_give_the_same_output_in_every_process(vault):
    """Set order of str differs per process (hash seeds); the output must not."""
    root = vault(CLIQUES)
    outputs = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "vaultkit",
                "--vault",
                str(root),
                "hubs",
                "--today",
                "2026-11-21",
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO), "VAULTKIT_NO_CACHE": "1"},
        )
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_german(vault):
    root = vault(CLIQUES)
    result = CliRunner().invoke(cli, ["--vault", str(root), "--lang", "de", "hubs", "--today", "2026-11-21"])
    assert result.exit_code == 0, result.output
    assert "A1 bringt deine #segeln-Kontakte und die Leute bei Theater Kiel zusammen." in result.output
    assert "3 deiner Kontakte sind nur über A1 mit den übrigen verbunden." in result.output
    assert (
        "Nur A1 verbindet deine #segeln-Kontakte mit deinen übrigen Kontakten: A2, A3 und A4."
        in result.output
    )


def test_nobody_linked(vault):
    root = vault({"People/A.md": person(), "People/B.md": person()})
    result = CliRunner().invoke(
        cli, ["--vault", str(root), "hubs", "--today", "2026-11-21", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["hubs"], data["bridges"], data["groups"]) == ([], [], [])


def test_the_sizes_cut_off_counted_at_once_are_those_cut_off_one_by_one():
    import networkx

    from vaultkit.reports.network.hubs import _cut_off, _cut_off_sizes, _weight

    shapes = [(18, 20), (30, 29), (12, 30), (25, 22)]  # sparse, a tree or forest, dense, in pieces
    for seed in range(40):
        nodes, edges = shapes[seed % len(shapes)]
        made = networkx.gnm_random_graph(nodes, edges, seed=seed)
        made.add_edge(seed % nodes, seed % nodes)  # a node linked to itself cuts nothing off
        leaf = [("org", "person", False, False)[n % 4] for n in made]
        graph = PeopleGraph([sorted(made[n]) for n in made], leaf)
        sizes = _cut_off_sizes(graph)
        assert set(sizes) == set(networkx.articulation_points(made))
        for node, counted in sizes.items():
            assert counted == _weight(_cut_off(graph, node), graph), (seed, node)


def test_the_people_graph_keeps_people_and_the_orgs_that_link_two_of_them():
    from types import SimpleNamespace

    from vaultkit.reports.network.hubs import _people_graph

    made_of = [
        (["ada", "bo", "cy"], False, [("ada", "bo", None), ("bo", "ada", None), ("ada", "gone", None)]),
        (["acme"], "org", [("ada", "acme", None), ("bo", "acme", None)]),  # two people: kept
        (["solo"], "org", [("cy", "solo", None)]),  # one person: links nobody
        (["loop"], "org", [("loop", "loop", None)]),  # linked to itself: that counts twice
        (["eve"], "person", [("cy", "eve", None)]),
    ]
    network = SimpleNamespace(
        made_of=lambda: iter(made_of), spelled={"acme": "ACME", "loop": "Loop", "eve": "Eve"}
    )
    contacts = {n: SimpleNamespace(name=n.title()) for n in ("ada", "bo", "cy")}
    graph, names = _people_graph(SimpleNamespace(contacts=contacts), network)
    assert names == ["ACME", "ada", "bo", "cy", "Eve", "Loop"]
    assert graph.leaf == ["org", False, False, False, "person", "org"]
    # Given twice, ada and bo are linked once; "gone", named by an edge alone, is no node.
    assert graph.neighbours == [[1, 2], [0, 2], [0, 1], [4], [3], [5]]


def test_hubs_leave_no_graph_behind_for_a_run_without_the_cycle_collector(tmp_path):
    """One-shot runs keep the cycle collector off: a graph tied to itself stays in memory for
    good."""
    generate(tmp_path / "vault", notes=1000, seed=3)
    index, config = load_index(tmp_path / "vault"), load_config(tmp_path / "vault")
    linked = network(index, gather(index, TODAY))
    hubs(index, config, linked)  # what it imports, imported
    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        assert hubs(index, config, linked).groups
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
        gc.enable()
    assert held < 300_000  # the result, 160 KB; with the people's graph left behind, 460 KB

import json
import random
from datetime import date

import networkx
from click.testing import CliRunner

from tests.conftest import meeting, person
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.render.speech import path as speech
from vaultkit.reports.network.graph import Link, Network, network
from vaultkit.reports.network.paths import _distances, paths

TODAY = date(2026, 11, 21)


def chains(vault, files, target):
    root = vault(files)
    index = load_index(root)
    activity = gather(index, TODAY)
    result = paths(index, activity, load_config(root), network(index, activity), target)
    return [(chain.path, tuple(speech.links(chain))) for chain in result.chains]


def test_knows_and_introduced_by_link_both_ways(vault):
    found = chains(
        vault,
        {
            "People/A.md": person(knows='["[[T]]"]'),
            "People/B.md": person(introduced_by='"[[T]]"'),
            "People/T.md": person(),
        },
        "T",
    )
    assert sorted(found) == [(("A", "T"), ("A knows T",)), (("B", "T"), ("T introduced B",))]


def test_only_the_shortest_chains_are_given(vault):
    found = chains(
        vault,
        {
            "People/A.md": person(knows='["[[B]]"]'),
            "People/B.md": person(knows='["[[T]]"]'),
            "People/T.md": person(),
        },
        "T",
    )
    assert found == [(("B", "T"), ("B knows T",))]


def test_a_chain_through_a_friend_of_a_friend(vault):
    found = chains(
        vault,
        {
            "People/A.md": person(knows='["[[B]]"]'),
            "People/B.md": person(),
            "Meetings/M.md": meeting("2026-01-01", "B", "Lena Petersen"),
        },
        "lena petersen",
    )
    assert found == [(("B", "Lena Petersen"), ("B and Lena Petersen were at M (2026-01-01)",))]
    found = chains(
        vault,
        {
            "People/A.md": person(knows='["[[B]]"]'),
            "People/B.md": person(knows='["[[C]]"]'),
            "People/C.md": person(knows='["[[Lena]]"]'),
        },
        "lena",
    )
    assert found == [(("C", "Lena"), ("C knows Lena",))]


def test_shared_org_links_colleagues_and_reaches_the_org(vault):
    files = {"People/A.md": person(org='"[[Galerie Nord]]"'), "People/B.md": person(org="galerie nord")}
    assert chains(vault, files, "A") == [(("B", "A"), ("A and B are both at Galerie Nord",))]
    assert [path for path, _ in chains(vault, files, "galerie nord")] == [
        ("A", "Galerie Nord"),
        ("B", "Galerie Nord"),
    ]


def test_only_past_meetings_with_people_in_front_matter_link_people(vault):
    files = {
        "People/A.md": person(),
        "People/B.md": person(),
        "People/T.md": person(),
        "Meetings/Planned.md": meeting("2026-12-01", "A", "T"),
        "Daily/2026-11-01.md": "Called [[B]], then [[T]].\n",
        "Notes/Ideas.md": "---\npeople: ['[[A]]', '[[T]]']\n---\n",
    }
    assert chains(vault, files, "T") == []
    files["Meetings/Past.md"] = meeting("2026-11-01", "A", body="[[T]] came later.\n- [ ] ask [[B]]\n")
    assert [path for path, _ in chains(vault, files, "T")] == [("A", "T")]


def test_warmer_first_links_come_first(vault):
    files = {
        "People/Net.md": person(circle="network", last_contact="2026-11-20", knows='["[[T]]"]'),
        "People/Old.md": person(circle="inner", last_contact="2026-01-01", knows='["[[T]]"]'),
        "People/New.md": person(circle="inner", last_contact="2026-11-01", knows='["[[T]]"]'),
        "People/Res.md": person(circle="reserve", last_contact="2026-11-20", knows='["[[T]]"]'),
        "People/Loose.md": person(knows='["[[T]]"]'),
        "People/Gone.md": person(status="archived", knows='["[[T]]"]'),
        "People/T.md": person(),
    }
    assert [path[0] for path, _ in chains(vault, files, "T")] == ["New", "Old", "Net", "Loose", "Res"]


def run(root, *args):
    return CliRunner().invoke(cli, ["--vault", str(root), "path", *args, "--today", "2026-11-21"])


def test_cli_text_explains_each_link(vault):
    root = vault(
        {
            "People/Anke.md": person(circle="close", last_contact="2026-11-01"),
            "Meetings/2026-10-01 Kunstnacht.md": meeting("2026-10-01", "Anke", "Lena Petersen"),
        }
    )
    result = run(root, "LENA petersen")
    assert result.exit_code == 0
    assert result.output == (
        "Who can introduce you to Lena Petersen\n"
        "\n"
        "  Anke (close, last contact 2026-11-01)\n"
        "    Anke and Lena Petersen were at 2026-10-01 Kunstnacht\n"
    )


def test_cli_json_follows_the_path_contract(vault):
    root = vault({"People/A.md": person(knows='["[[B]]"]'), "People/B.md": person()})
    document = json.loads(run(root, "b", "--format", "json").output)
    assert (document["schema"], document["target"], document["contact"]) == ("vaultkit.path/1", "B", "B")
    assert document["paths"] == [["A", "B"]]
    assert document["chains"] == [
        {
            "path": ["A", "B"],
            "because": ["A knows B"],
            "links": [{"kind": "knows", "a": "A", "b": "B", "place": None, "on": None}],
            "last_contact": None,
        }
    ]


def test_cli_markdown_and_a_contact_nobody_links_to(vault):
    root = vault({"People/A.md": person(name="Ann")})
    result = run(root, "ann", "--format", "markdown")
    assert result.output.endswith(
        "---\n# Who can introduce you to [[A|Ann]]\n\nNobody in your notes links to Ann.\n"
    )


def test_cli_unknown_target_exits_1(vault):
    result = run(vault({"People/A.md": person()}), "Zed")
    assert (result.exit_code, result.output) == (
        1,
        "vaultkit: 'Zed' is not a contact, an org or a [[link]] in meeting notes or knows\n",
    )


def test_someone_known_by_a_person_tag_at_a_meeting_is_reachable_by_name(vault):
    found = chains(
        vault,
        {
            "People/Ann.md": person(),
            "Meetings/2026-10-01 Fair.md": "---\ndate: 2026-10-01\npeople: ['[[Ann]]']\ntags: [people/kim-ono]\n---\n",
        },
        "kim ono",
    )
    assert [path for path, _ in found] == [("Ann", "Kim Ono")]


def networkx_distances(graph: Network, target: str) -> dict[str, int]:
    """The distances as networkx finds them on the whole network made one graph, as `path` once
    searched it: orgs weigh half a link each way, people without a note are only the target."""
    whole = networkx.Graph()
    for nodes, leaf, edges in graph.made_of():
        whole.add_nodes_from(nodes, leaf=leaf)
        whole.add_edges_from((a, b, {"why": why}) for a, b, why in edges)
    searched = networkx.subgraph_view(
        whole, filter_node=lambda node: node == target or whole.nodes[node]["leaf"] in (False, "org")
    )
    into_org = 0.5 if whole.nodes[target]["leaf"] == "org" else 0.0
    found = networkx.single_source_dijkstra_path_length(
        searched, target, weight=lambda a, b, edge: 0.5 if edge["why"].kind == "works_at" else 1.0
    )
    return {
        node: int(length + into_org)
        for node, length in found.items()
        if node == target or not whole.nodes[node]["leaf"]
    }


def random_network(seed: int) -> Network:
    """Contacts who know, introduced and met one another, some at one of a few orgs (some of
    those colleagues met, too), and people without a note whom they know or met."""
    pick = random.Random(seed)
    people = [f"c{n}" for n in range(pick.randint(2, 40))]
    found = Network()
    for _ in range(pick.randint(0, 60)):
        a, b = pick.sample(people, 2)
        found.link(a, b, Link(pick.choice(["knows", "introduced", "met"]), a, b))
    for contact in people:
        if pick.random() < 0.4:
            org = f"org {pick.randint(0, 4)}"
            found.at[contact] = len(found.staff[org])
            found.staff[org].append((contact, contact, org))
            found.org_of[contact] = org
            found.leaf(org, contact, Link("works_at", contact, place=org))
        if pick.random() < 0.2:
            name = f"leaf {pick.randint(0, 5)}"
            found.leaf(name, contact, Link(pick.choice(["knows", "met"]), contact, name))
    return found


def test_the_distances_are_those_networkx_finds_on_random_networks():
    checked = 0
    for seed in range(300):
        graph = random_network(seed)
        for target in [*graph.links, *graph.leaves]:
            assert _distances(graph, target) == networkx_distances(graph, target), (seed, target)
            checked += 1
    assert checked > 3000

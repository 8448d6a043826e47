import json
import os
import subprocess
import sys
from datetime import date

import pytest
from click.testing import CliRunner

from tests.conftest import REPO, person
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.index import load_index
from vaultkit.render.speech import intros as speech
from vaultkit.reports.network.graph import network
from vaultkit.reports.network.intros import intros
from vaultkit.reports.network.terms import Term, fit


def suggested(index, focus=None):
    today = date(2026, 11, 21)
    return intros(index, network(index, gather(index, today)), focus, today)


def pairs(vault, files, focus=None):
    return [
        (i.a.id, i.b.id, tuple(speech.reasons(i)), i.score, speech.connected(i) or None)
        for i in suggested(load_index(vault(files)), focus).items
    ]


@pytest.mark.parametrize(
    "need, offer",
    [
        ("Ausstellungsort", "Ausstellungsorte"),
        ("backend developer", "Backend development"),
        ("Bühnenbild", "BUHNENBILDER"),
        ("UX research", "ux-research"),
        ("Steuerberatung", "Steuerberater"),
        ("venue in Kiel", "venues Kiel"),
    ],
)
def test_case_accents_plurals_and_simple_variants_match(need, offer):
    assert fit(Term.of(need), Term.of(offer)) == "same"


def test_part_of_a_phrase_is_a_weaker_match_and_unrelated_words_none():
    assert fit(Term.of("Fotografie"), Term.of("analoge Fotografie")) == "part"
    assert fit(Term.of("Fotografie"), Term.of("Fotos")) is None
    assert fit(Term.of("für"), Term.of("für")) is None


def test_a_need_matching_an_offer_is_suggested_with_its_reason(vault):
    found = pairs(
        vault,
        {
            "People/Marie.md": person(needs="[Ausstellungsort]"),
            "People/Jürgen.md": person(offers="[Ausstellungsorte, Bühne]"),
        },
    )
    assert found == [
        ("Marie", "Jürgen", ("Marie needs Ausstellungsort — Jürgen offers Ausstellungsorte",), 3, None)
    ]


def test_exact_matches_rank_above_partial_ones_and_shared_interests_last(vault):
    found = pairs(
        vault,
        {
            "People/A.md": person(needs="[Fotografie]", interests="[Hunde]"),
            "People/B.md": person(offers="[analoge Fotografie]"),
            "People/C.md": person(offers="[Fotografie]"),
            "People/D.md": person(interests="[hunde, Jazz]"),
        },
    )
    assert [(a, b, score) for a, b, _, score, _ in found] == [("A", "C", 3), ("A", "B", 2), ("A", "D", 1)]
    assert found[-1][2] == ("both are into Hunde",)


def test_reasons_add_up_for_a_pair(vault):
    found = pairs(
        vault,
        {
            "People/A.md": person(needs="[Illustration]", offers="[Lektorat]", interests="[Tee]"),
            "People/B.md": person(needs="[Lektorat]", offers="[Illustration]", interests="[tee]"),
        },
    )
    assert len(found) == 1 and found[0][3] == 7
    assert len(found[0][2]) == 3


@pytest.mark.parametrize(
    "field, connection",
    [
        ('knows: ["[[B]]"]', "A knows B"),
        ('introduced_by: "[[b]]"', "B introduced A"),
    ],
)
def test_pairs_already_connected_are_marked_and_ranked_last(vault, field, connection):
    key, value = field.split(": ")
    found = pairs(
        vault,
        {
            "People/A.md": person(needs="[Rat]", **{key: value}),
            "People/B.md": person(offers="[Rat]"),
            "People/C.md": person(needs="[Tee]"),
            "People/D.md": person(offers="[Tee]"),
        },
    )
    assert [(a, b, connected) for a, b, _, _, connected in found] == [
        ("C", "D", None),
        ("A", "B", connection),
    ]


def test_archived_contacts_and_a_contact_with_itself_are_never_suggested(vault):
    assert (
        pairs(
            vault,
            {
                "People/A.md": person(needs="[Rat]", offers="[Rat]"),
                "People/B.md": person(offers="[Rat]", status="archived"),
            },
        )
        == []
    )


def test_an_archived_contact_in_focus_has_nobody_to_be_introduced_to(vault):
    files = {"People/A.md": person(needs="[Rat]", status="archived"), "People/B.md": person(offers="[Rat]")}
    assert pairs(vault, files, focus="A") == []


def test_focus_keeps_only_pairs_with_that_contact(vault):
    files = {
        "People/A.md": person(needs="[Rat]"),
        "People/B.md": person(offers="[Rat]", needs="[Tee]"),
        "People/C.md": person(offers="[Tee]"),
    }
    assert [(a, b) for a, b, *_ in pairs(vault, files, focus="C")] == [("B", "C")]


def test_each_need_brings_its_best_partners_and_says_how_many_more_fit(vault):
    files = {"People/A.md": person(needs="[Rat]"), "People/B.md": person(offers="[Rat und Tat]")}
    files |= {f"People/O{n}.md": person(offers="[Rat]") for n in range(5)}
    found = suggested(load_index(vault(files)))
    # The exact fits come first, by name; the partial one is one of the two left off.
    assert [(i.a.id, i.b.id) for i in found.items] == [("A", "O0"), ("A", "O1"), ("A", "O2")]
    assert [(c.contact.id, c.kind, c.what, c.others) for c in found.crowded] == [("A", "need", "Rat", 3)]


def test_partners_connected_already_or_introduced_leave_room_for_others(vault):
    # O0 is known, O1 introduced, O2 a colleague, O3 met A at a meeting: as `path` links people.
    files = {
        "People/A.md": person(needs="[Rat]", knows='["[[O0]]"]', org="Hansa"),
        "Daily/2026-10-01.md": "- introduced [[A]] to [[O1]] #intro\n",
        "Meetings/2026-09-01 Stammtisch.md": '---\npeople: ["[[A]]", "[[O3]]"]\n---\n',
        "People/O2.md": person(offers="[Rat]", org="hansa"),
    }
    files |= {f"People/O{n}.md": person(offers="[Rat]") for n in (0, 1, 3, 4, 5, 6, 7)}
    found = suggested(load_index(vault(files)))
    assert [(i.a.id, i.b.id) for i in found.items if i.connected is None] == [
        ("A", "O4"),
        ("A", "O5"),
        ("A", "O6"),
    ]
    assert {i.b.id: speech.connected(i) for i in found.items if i.connected} == {
        "O0": "A knows O0",
        "O2": "A and O2 are both at Hansa",
        "O3": "A and O3 were at 2026-09-01 Stammtisch",
    }
    assert [(c.what, c.others) for c in found.crowded] == [("Rat", 1)]


def test_focus_lists_every_partner_of_that_contact(vault):
    files = {"People/A.md": person(needs="[Rat]", interests="[Jazz]")}
    files |= {f"People/O{n}.md": person(offers="[Rat]", interests="[Jazz]") for n in range(5)}
    root = vault(files)
    assert len(suggested(load_index(root), focus="A").items) == 5
    # Without focus, each of the five fans of jazz brings its three.
    crowded = {(c.contact.id, c.kind): c.others for c in suggested(load_index(root)).crowded}
    assert crowded[("A", "need")] == 2 and crowded[("A", "interest")] == 2


def test_the_text_says_what_was_left_off_and_how_to_see_it(vault):
    files = {"People/A.md": person(needs="[Rat]")}
    files |= {f"People/O{n}.md": person(offers="[Rat]") for n in range(4)}
    root = vault(files)
    said = run(root).output
    assert said.endswith(
        "Only the 3 best partners of each need and interest are shown; one of them has more people"
        " who fit. `vaultkit intros --for NAME` lists all of one person's.\n"
    )
    assert "O3" not in said and "O3" in run(root, "--for", "A").output


def run(root, *args):
    return CliRunner().invoke(cli, ["--vault", str(root), "intros", *args])


def test_cli_text_lists_pairs_with_reasons(vault):
    root = vault(
        {
            "People/Marie.md": person(needs="[Ausstellungsort]", knows='["[[Anke]]"]'),
            "People/Jürgen.md": person(offers="[Ausstellungsort]"),
            "People/Anke.md": person(offers="[Ausstellungsort]"),
        }
    )
    result = run(root, "--for", "jurgen")
    assert result.exit_code == 0
    assert result.output == (
        "Introductions for Jürgen, who could help whom\n"
        "\n"
        "  Marie + Jürgen  score 3\n"
        "    Marie needs Ausstellungsort — Jürgen offers Ausstellungsort\n"
    )
    assert "already connected: Marie knows Anke" in run(root).output


def test_cli_json_follows_the_intros_contract(vault):
    root = vault({"People/A.md": person(needs="[Rat]"), "People/B.md": person(offers="[Rat]")})
    document = json.loads(run(root, "--format", "json").output)
    assert document == {
        "schema": "vaultkit.intros/1",
        "for": None,
        "items": [
            {
                "a": "A",
                "b": "B",
                "because": ["A needs Rat — B offers Rat"],
                "reasons": [{"kind": "need", "who": "A", "what": "Rat", "other": "B", "offer": "Rat"}],
                "score": 3,
                "connected": None,
                "connection": None,
            }
        ],
        "crowded": [],
        "incomplete": [],
    }


def test_cli_markdown_links_both_people(vault):
    root = vault({"People/A.md": person(needs="[Rat]", name="Ann"), "People/B.md": person(offers="[Rat]")})
    assert (
        "- [[A|Ann]] + [[B]] (score 3)\n    - Ann needs Rat — B offers Rat\n"
        in run(root, "--format", "markdown").output
    )


def test_cli_unknown_name_for_focus_exits_1(vault):
    result = run(vault({"People/A.md": person()}), "--for", "Nobody")
    assert (result.exit_code, result.output) == (1, "vaultkit: no contact named 'Nobody'\n")


def test_knowing_an_ambiguous_name_connects_nobody(vault):
    found = pairs(
        vault,
        {
            "People/A.md": person(needs="[Rat]", knows='["[[Kim]]"]'),
            "People/B.md": person(offers="[Rat]", aliases="[Kim]"),
            "People/C.md": person(aliases="[Kim]"),
        },
    )
    assert [(a, b, connected) for a, b, _, _, connected in found] == [("A", "B", None)]


def test_two_contacts_of_one_name_are_suggested_in_the_same_order_in_every_run(vault, tmp_path):
    """Pairs are gathered in a set, whose order changes with Python's hash seed from run to run;
    what the sort leaves tied (one name, twice) comes in the order of the contacts' notes."""
    root = vault(
        {
            "People/Sam Lee (Kiel).md": person(name="Sam Lee", needs="[venue]"),
            "People/Sam Lee (Lübeck).md": person(name="Sam Lee", needs="[venue]"),
            "People/Sam Lee (Berlin).md": person(name="Sam Lee", needs="[venue]"),
            "People/Ada.md": person(offers="[venue]"),
        }
    )
    printed = set()
    for seed in ("1", "2", "3", "4", "5"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "vaultkit",
                "--vault",
                str(root),
                "--no-cache",
                "intros",
                "--format",
                "json",
            ],
            capture_output=True,
            check=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        printed.add(result.stdout)
    assert len(printed) == 1
    shown = [item["a"] for item in json.loads(printed.pop())["items"]]
    assert shown == ["Sam Lee (Berlin)", "Sam Lee (Kiel)", "Sam Lee (Lübeck)"]

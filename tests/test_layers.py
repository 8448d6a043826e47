import json
from datetime import date

from click.testing import CliRunner

from tests.conftest import person
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.model import Duration
from vaultkit.reports.common import dunbar_layer
from vaultkit.reports.layers import layers

TODAY = date(2026, 11, 21)


def report(vault, files):
    root = vault(files)
    index = load_index(root)
    return layers(index, gather(index, TODAY), load_config(root))


def by_circle(result):
    return {c.circle: c for c in result.circles}


def test_cadences_map_to_dunbar_layers():
    assert [
        dunbar_layer(d)
        for d in (
            Duration(1, "w"),
            Duration(2, "w"),
            Duration(1, "m"),
            Duration(3, "m"),
            Duration(6, "m"),
            Duration(1, "y"),
        )
    ] == [5, 5, 15, 50, 50, 150]


def test_circles_are_counted_with_the_circles_closer_in(vault):
    files = {f"People/I{n}.md": person(circle="inner") for n in range(2)}
    files |= {f"People/C{n}.md": person(circle="close") for n in range(3)}
    files |= {"People/N.md": person(circle="network"), "People/Loose.md": person()}
    found = by_circle(report(vault, files))
    assert [(c.circle, c.count, c.within, c.recommended) for c in found.values()] == [
        ("inner", 2, 2, 5),
        ("close", 3, 5, 15),
        ("network", 1, 6, 50),
        ("reserve", 0, 0, None),
    ]


def test_reserve_and_archived_do_not_count_in_their_circle(vault):
    result = report(
        vault,
        {
            "People/A.md": person(circle="inner", status="reserve"),
            "People/B.md": person(circle="reserve"),
            "People/C.md": person(circle="inner", status="archived"),
            "People/D.md": person(circle="inner"),
        },
    )
    found = by_circle(result)
    assert [m.contact for m in found["inner"].members] == ["D"]
    assert [m.contact for m in found["reserve"].members] == ["A", "B"]
    assert result.active == 1


def test_an_oversized_circle_names_the_least_contacted_members(vault):
    files = {f"People/P{n}.md": person(circle="inner", last_contact=f"2026-11-0{n + 1}") for n in range(6)}
    files["People/Never.md"] = person(circle="inner")
    inner = by_circle(report(vault, files))["inner"]
    assert (inner.count, inner.recommended) == (7, 5)
    assert [m.contact for m in inner.over] == ["Never", "P0"]


def test_a_circle_over_because_of_the_circles_closer_in_names_its_own_members(vault):
    files = {f"People/I{n}.md": person(circle="inner") for n in range(5)}
    files |= {
        f"People/C{n:02d}.md": person(circle="close", last_contact=f"2026-10-{n + 1:02d}") for n in range(12)
    }
    found = by_circle(report(vault, files))
    assert found["inner"].over == ()
    assert [m.contact for m in found["close"].over] == ["C00", "C01"]


def test_circle_layers_follow_the_configured_cadences(vault):
    result = report(
        vault,
        {
            ".vaultkit.toml": '[cadence.circles]\nfamily = "1w"\nfriends = "1y"\n',
            "People/A.md": person(circle="friends"),
        },
    )
    assert [(c.circle, c.recommended) for c in result.circles] == [("family", 5), ("friends", 150)]


def test_only_overdue_contacts_of_the_inner_layers_are_listed(vault):
    result = report(
        vault,
        {
            "People/Tom.md": person(circle="inner", last_contact="2026-10-01"),
            "People/Pia.md": person(circle="close", last_contact="2026-09-01"),
            "People/Due.md": person(circle="close", last_contact="2026-10-15"),
            "People/Net.md": person(circle="network", last_contact="2025-01-01"),
            "People/Paused.md": person(circle="inner", last_contact="2025-01-01", paused="true"),
        },
    )
    assert [(o.contact, o.overdue_on) for o in result.overdue] == [
        ("Pia", date(2026, 10, 16)),
        ("Tom", date(2026, 10, 22)),
    ]


def run(root, *args):
    return CliRunner().invoke(cli, ["--vault", str(root), "layers", "--today", "2026-11-21", *args])


def test_cli_text_shows_sizes_overfull_circles_and_overdue_inner_contacts(vault):
    files = {f"People/P{n}.md": person(circle="inner", last_contact=f"2026-11-1{n}") for n in range(6)}
    files["People/Old.md"] = person(circle="inner", last_contact="2026-10-01")
    result = run(vault(files))
    assert result.exit_code == 0
    assert result.output == (
        "Circles against Dunbar's layers on Sat 2026-11-21\n"
        "\n"
        "  circle      people  with inner  layer\n"
        "  inner            7           7  about 5\n"
        "  close            0           7  about 15\n"
        "  network          0           7  about 50\n"
        "  reserve          0              -\n"
        "  active           7              about 150\n"
        "\n"
        "Over its size\n"
        "  inner: 7 people where about 5 fit; least in touch: Old (2026-10-01) and P0 (2026-11-10)\n"
        "\n"
        "Inner circles overdue\n"
        "  Old  inner circle, last contact Thu 2026-10-01, overdue since Thu 2026-10-22\n"
    )


def test_cli_json_follows_the_layers_contract(vault):
    result = run(vault({"People/A.md": person(circle="close")}), "--format", "json")
    document = json.loads(result.output)
    assert document["schema"] == "vaultkit.layers/1"
    assert document["circles"][1] == {
        "circle": "close",
        "count": 1,
        "recommended": 15,
        "within": 1,
        "members": ["A"],
        "over": [],
    }
    assert document["active"] == {"count": 1, "recommended": 150}


def test_cli_markdown_marks_the_oversized_circle(vault):
    files = {f"People/P{n}.md": person(circle="inner") for n in range(6)}
    result = run(vault(files), "--format", "markdown")
    assert "| inner (over) | 6 | 6 | about 5 |" in result.output
    assert "- inner: 6 people where about 5 fit; least in touch: [[P0]] (never in touch)\n" in result.output


def oversized(count):
    return {
        f"People/P{n:02d}.md": person(circle="inner", last_contact=f"2026-10-{n + 1:02d}")
        for n in range(count)
    }


def test_cli_text_and_markdown_name_the_first_few_over_the_layer_and_count_the_rest(vault):
    root = vault(oversized(25))
    first_eight = ", ".join(f"P{n:02d} (2026-10-{n + 1:02d})" for n in range(8))
    text = run(root).output
    assert f"  inner: 25 people where about 5 fit; least in touch: {first_eight} and 12 more\n" in text
    markdown = run(root, "--format", "markdown").output
    (line,) = [line for line in markdown.splitlines() if line.startswith("- inner: 25 people")]
    assert line.endswith("[[P06]] (2026-10-07), [[P07]] (2026-10-08) and 12 more")


def test_json_keeps_every_member_over_the_layer(vault):
    document = json.loads(run(vault(oversized(25)), "--format", "json").stdout)
    assert document["circles"][0]["over"] == [f"P{n:02d}" for n in range(20)]
    assert len(document["circles"][0]["members"]) == 25

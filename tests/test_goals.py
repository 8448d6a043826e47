"""Goals worked backwards: who can help with each goal of the owner's note, who could introduce
you, where to look when nobody can; and the goals a contact serves, in `show` and the agenda."""

import json
from datetime import date

from click.testing import CliRunner

from tests.conftest import person
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.model import Goal
from vaultkit.parse.note import parse_goal
from vaultkit.reports.network.goals import goals
from vaultkit.reports.network.graph import network

TODAY = date(2026, 11, 21)
ME = '[me]\nnote = "Me.md"\n'


def me(*lines: str) -> str:
    return "---\ngoals:\n" + "".join(f"  - {line}\n" for line in lines) + "---\n"


def answers(vault, files):
    root = vault({".vaultkit.toml": ME, **files})
    index = load_index(root)
    activity = gather(index, TODAY)
    return goals(index, activity, load_config(root), network(index, activity)).answers


def run(root, *args):
    result = CliRunner().invoke(cli, ["--vault", str(root), *args, "--today", str(TODAY)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_goal_says_its_words_and_the_keywords_in_brackets():
    assert parse_goal("Mentor für die Gründung [gründung, startup]") == Goal(
        "Mentor für die Gründung", ("gründung", "startup")
    )
    assert parse_goal("Learn to sail") == Goal("Learn to sail")
    assert parse_goal("[segeln]") == Goal("segeln", ("segeln",))
    assert parse_goal("  ") is None


def test_helpers_come_by_what_serves_the_goal_offers_first_and_compounds_count(vault):
    [answer] = answers(
        vault,
        {
            "Me.md": me("Segeln lernen [segeln, boot]"),
            "People/Felix.md": person(offers="[Segelkurs]", tags="[segeln]"),
            "People/Lukas.md": person(role="Bootsbauer"),
            "People/Hanna.md": person(interests="[Segeln]"),
            "People/Other.md": person(offers="[Steuerberatung]", interests="[Bouldern]"),
            "People/Gone.md": person(offers="[Segelkurs]", status="archived"),
        },
    )
    assert [(h.contact.id, h.score, [(m.field, m.value) for m in h.because]) for h in answer.helpers] == [
        ("Felix", 4, [("offers", "Segelkurs"), ("tags", "segeln")]),
        ("Lukas", 2, [("role", "Bootsbauer")]),
        ("Hanna", 1, [("interests", "Segeln")]),
    ]
    assert answer.nearest == ()


def test_a_helper_you_have_lost_touch_with_comes_with_the_warmest_contact_who_knows_them(vault):
    files = {
        "Me.md": me("Energy consulting [consulting]"),
        "People/Mark.md": person("- 2024-11-30 mail: Christmas card\n", org="Ashdown Consulting"),
        "People/Tom.md": person("- 2026-11-01 call: football\n", circle="inner", knows='["[[Mark]]"]'),
        "People/Ana.md": person("- 2026-11-10 call: consulting work\n", role="Consultant"),
    }
    [answer] = answers(vault, files)
    by_id = {helper.contact.id: helper for helper in answer.helpers}
    assert by_id["Mark"].introducer is not None and by_id["Mark"].introducer.id == "Tom"
    assert by_id["Mark"].link is not None and by_id["Mark"].link.kind == "knows"
    # In touch within the year: no need for anyone to introduce you.
    assert by_id["Ana"].introducer is None


def test_a_goal_nobody_serves_names_the_nearest_tags_orgs_and_events_or_says_nothing_is_near(vault):
    near, far = answers(
        vault,
        {
            "Me.md": me("Found a photo meet-up [stammtische]", "Hospice volunteering [hospiz]"),
            "People/Anna.md": person(tags="[kunst]"),
            "People/Ben.md": person(),
            "Meetings/2026-11-05 Stammtisch Kiel.md": "---\npeople: ['[[Anna]]', '[[Ben]]']\n---\n",
        },
    )
    assert near.helpers == () and [(n.kind, n.name, n.people) for n in near.nearest] == [
        ("event", "2026-11-05 Stammtisch Kiel", 2)
    ]
    assert far.helpers == () and far.nearest == ()


def test_the_goals_command_in_both_languages_and_as_json(vault):
    root = vault(
        {
            ".vaultkit.toml": ME,
            "Me.md": me("Segeln lernen [segeln]", "Hospice volunteering [hospiz]"),
            "People/Felix.md": person(offers="[Segelkurs]"),
        }
    )
    english = run(root, "goals")
    assert "Segeln lernen [segeln]\n  Felix  offers Segelkurs\n" in english
    assert (
        "Hospice volunteering [hospiz]\n  Nobody in your notes serves this yet, and nothing is near it."
        in english
    )
    german = run(root, "--lang", "de", "goals")
    assert "Segeln lernen [segeln]\n  Felix  bietet Segelkurs\n" in german
    assert "Dafür steht noch niemand in deinen Notizen, und nichts kommt dem nahe." in german
    document = json.loads(run(root, "goals", "--format", "json"))
    assert document["schema"] == "vaultkit.goals/1" and document["owner"] == "Me.md"
    first = document["goals"][0]
    assert (first["goal"], first["keywords"]) == ("Segeln lernen", ["segeln"])
    assert first["helpers"][0]["because"] == [{"field": "offers", "value": "Segelkurs", "keyword": "segeln"}]
    assert first["helpers"][0]["said"] == "offers Segelkurs"


def test_without_an_owner_note_or_its_goals_the_command_says_where_goals_go(vault):
    assert "name it in .vaultkit.toml ([me] note" in run(vault({"People/A.md": person()}), "goals")
    root = vault({".vaultkit.toml": ME, "Me.md": "# Me\n", "People/A.md": person()})
    assert "Your own note (Me.md) lists no goals yet" in run(root, "goals")


def test_show_and_the_agenda_name_the_goals_a_contact_serves(vault):
    root = vault(
        {
            ".vaultkit.toml": ME,
            "Me.md": me("Segeln lernen [segeln]"),
            "People/Felix.md": person("- 2026-01-10 sailing: Laboe\n", offers="[Segelkurs]", circle="close"),
        }
    )
    assert "Your goals:    Segeln lernen (offers Segelkurs)\n" in run(root, "show", "Felix")
    brief = json.loads(run(root, "show", "Felix", "--format", "json"))
    assert brief["goals"] == [
        {"goal": "Segeln lernen", "because": [{"field": "offers", "value": "Segelkurs", "keyword": "segeln"}]}
    ]
    assert "can help with your goal: Segeln lernen\n" in run(root, "agenda")
    [item] = json.loads(run(root, "agenda", "--format", "json"))["items"]
    assert item["goals"] == ["Segeln lernen"]

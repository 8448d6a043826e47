"""Closing the introduction loop: an introduction you made, recorded once with #intro, is not
suggested again, counts as given to both, and the agenda asks a few weeks later whether they met."""

import json
from datetime import date, timedelta

from click.testing import CliRunner

from tests.conftest import person
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.reports.agenda import agenda
from vaultkit.reports.balance import balance
from vaultkit.reports.network.graph import network
from vaultkit.reports.network.introductions import ASK_AFTER, ASK_FOR, introductions
from vaultkit.reports.network.intros import intros

DAY = date(2026, 10, 27)
CARLA = person(
    "- 2026-10-27 mail: introduced her to [[Marie]] for the cover #intro #gave\n- 2026-05-10 coffee: the cover\n",
    needs="[Illustration]",
)
MARIE = person("- 2026-09-10 call: her exhibition\n", offers="[Illustration]")


def test_an_intro_entry_that_links_the_other_is_an_introduction_and_ends_the_suggestion(vault):
    index = load_index(vault({"People/Carla.md": CARLA, "People/Marie.md": MARIE}))
    [made] = introductions(index, DAY)
    assert (made.day, made.by, made.to, made.source, made.line) == (
        DAY,
        "Carla",
        "Marie",
        "People/Carla.md",
        5,
    )
    assert intros(index, network(index, gather(index, DAY)), today=DAY).items == ()
    # Before it was made, the pair is still one to suggest.
    assert [
        (i.a.id, i.b.id)
        for i in intros(index, network(index, gather(index, DAY)), today=DAY - timedelta(days=1)).items
    ] == [("Carla", "Marie")]


def test_an_introduction_counts_as_given_to_both_and_once_for_an_entry_tagged_gave_too(vault):
    index = load_index(vault({"People/Carla.md": CARLA, "People/Marie.md": MARIE}))
    accounts = {a.contact: (a.gave, a.last_gave) for a in balance(index, DAY).accounts}
    assert accounts == {"Carla": (1, DAY), "Marie": (1, DAY)}


def test_a_line_of_a_dated_note_that_links_both_is_an_introduction_on_the_note_s_day(vault):
    index = load_index(
        vault(
            {
                "People/Nadine.md": person(needs="[Steuerberatung]"),
                "People/Stefan.md": person(offers="[Steuerberatung]"),
                "Daily/2026-10-27.md": "- [[Nadine]] und [[Stefan]] einander vorgestellt #vorgestellt\n"
                "- [[Nadine]] and [[Stefan]] both came to the Stammtisch\n",
            }
        )
    )
    assert [(i.day, i.by, i.to, i.line) for i in introductions(index, DAY)] == [(DAY, "Nadine", "Stefan", 1)]
    assert introductions(index, DAY - timedelta(days=1)) == ()


def asked(vault, files, today):
    root = vault(files)
    index = load_index(root)
    result = agenda(index, gather(index, today), load_config(root), 14)
    return [(i.contact, i.other, i.date) for i in result.items if i.kind == "introduced"]


def test_the_agenda_asks_whether_they_met_from_three_weeks_after_for_three_weeks(vault):
    files = {"People/Carla.md": CARLA, "People/Marie.md": MARIE}
    first, last = DAY + timedelta(days=ASK_AFTER), DAY + timedelta(days=ASK_AFTER + ASK_FOR - 1)
    assert asked(vault, files, first - timedelta(days=1)) == []
    assert asked(vault, files, first) == [("Carla", "Marie", DAY)]
    assert asked(vault, files, last) == [("Carla", "Marie", DAY)]
    assert asked(vault, files, last + timedelta(days=1)) == []


def test_the_agenda_does_not_ask_once_either_note_tells_of_the_other_since_or_about_the_archived(vault):
    heard = {
        "People/Carla.md": CARLA,
        "People/Marie.md": person(
            "- 2026-11-10 call: she met [[Carla]], they get on\n", offers="[Illustration]"
        ),
    }
    today = DAY + timedelta(days=ASK_AFTER + 1)
    assert asked(vault, heard, today) == []
    archived = {
        "People/Carla.md": CARLA.replace("---\n", "---\nstatus: archived\n", 1),
        "People/Marie.md": MARIE,
    }
    assert asked(vault, archived, today) == []


def test_the_question_is_said_in_english_and_german_with_its_facts_in_the_json(vault):
    root = vault({"People/Carla.md": CARLA, "People/Marie.md": MARIE})
    runner = CliRunner()
    today = str(DAY + timedelta(days=25))
    english = runner.invoke(cli, ["--vault", str(root), "agenda", "--today", today]).output
    assert "Did they meet?\n  Carla  introduced to Marie 25 days ago (Tue 2026-10-27)\n" in english
    german = runner.invoke(cli, ["--vault", str(root), "--lang", "de", "agenda", "--today", today]).output
    assert (
        "Haben sie sich getroffen?\n  Carla  vor 25 Tagen mit Marie bekannt gemacht (Di., 27.10.2026)\n"
        in german
    )
    document = json.loads(
        runner.invoke(cli, ["--vault", str(root), "agenda", "--today", today, "--format", "json"]).output
    )
    [item] = [i for i in document["items"] if i["kind"] == "introduced"]
    assert (item["contact"], item["other"], item["date"], item["line"]) == ("Carla", "Marie", "2026-10-27", 5)
    assert item["reason"] == "introduced to Marie 25 days ago (Tue 2026-10-27)"

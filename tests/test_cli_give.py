"""`vaultkit give [NAME]`, and what every brief says of it: the strongest idea of what you could
give each contact, and your news they have not heard yet, in `show`, `event` and the agenda."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, person
from vaultkit import language
from vaultkit.activity import Ledger, gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.reports.agenda import agenda
from vaultkit.reports.network.give import ideas, strongest

TODAY = ["--today", "2026-11-21"]
ME = '[me]\nnote = "People/Ich.md"\n'
OWNER = (
    "---\nname: Lena\noffers: [Fotografie]\n---\n"
    "## News\n- 2026-11-01 neuer Job bei den Stadtwerken\n- 2026-06-01 nach Kiel gezogen\n"
)
FILES = {
    ".vaultkit.toml": ME,
    "People/Ich.md": OWNER,
    # Overdue; looks for what your own note offers; heard from you before the newer news.
    "People/Anna.md": person("- 2026-08-01 call: Urlaub\n", cadence="1m", needs="[Fotografie]"),
    # Bernd and Clara can help each other; Bernd is due, nobody has been in touch with Clara.
    "People/Bernd.md": person(
        "- 2026-10-15 call: Theater\n", cadence="1m", needs="[Bühne]", offers="[Pressekontakte]"
    ),
    "People/Clara.md": person(needs="[Pressekontakte]", offers="[Bühne]"),
    # Gave twice, got nothing back; spoke after your latest news.
    "People/Dora.md": person("- 2026-11-10 coffee: Tipps #got\n- 2026-09-01 call: Rat #got\n", cadence="1w"),
}


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    language.use("en")


def run(root, *args):
    return CliRunner().invoke(cli, ["--vault", str(root), *args], catch_exceptions=False)


def test_give_lists_every_kind_of_idea_best_first_each_said_as_a_person_would(vault):
    result = run(vault(FILES), "give", *TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "What you could do for people on Sat 2026-11-21, best first\n\n"
        "  Bernd and Clara can help each other: Bernd is looking for Bühne, Clara for "
        "Pressekontakte; introduce them\n"
        "  Anna is looking for Fotografie — you offer it yourself\n"
        "  Dora has helped you 2 times, last on 2026-11-10, and you haven't given anything back yet\n"
    )


def test_give_in_german(vault):
    result = run(vault(FILES), "--lang", "de", "give", *TODAY)
    assert result.stdout == (
        "Was du am Sa., 21.11.2026 für andere tun kannst, das Beste zuerst\n\n"
        "  Bernd und Clara können einander helfen: Bernd sucht Bühne, Clara sucht Pressekontakte; "
        "stell die beiden einander vor\n"
        "  Anna sucht Fotografie – das bietest du selbst an\n"
        "  Dora hat dir 2-mal geholfen, zuletzt am 10.11.2026, und du hast noch nichts zurückgegeben\n"
    )


def test_give_as_json_holds_each_idea_as_facts_and_in_words(vault):
    document = json.loads(run(vault(FILES), "give", *TODAY, "--format", "json").stdout)
    assert (document["schema"], document["owner"], document["offers"], document["more"]) == (
        "vaultkit.give/1",
        "People/Ich.md",
        ["Fotografie"],
        0,
    )
    first = document["ideas"][0]
    assert {key: first[key] for key in ("kind", "contact", "need", "offer", "other", "mutual")} == {
        "kind": "intro",
        "contact": "Bernd",
        "need": "Bühne",
        "offer": "Bühne",
        "other": "Clara",
        "mutual": True,
    }
    assert (first["their_need"], first["their_offer"]) == ("Pressekontakte", "Pressekontakte")
    assert document["ideas"][2]["taken"] == 2 and document["ideas"][2]["last_got"] == "2026-11-10"
    assert first["said"].startswith("Bernd and Clara can help each other")


def test_give_name_keeps_that_contact_and_says_a_mutual_introduction_from_their_side(vault):
    result = run(vault(FILES), "give", "clara", *TODAY)
    assert result.stdout == (
        "What you could do for Clara on Sat 2026-11-21, best first\n\n"
        "  Clara and Bernd can help each other: Clara is looking for Pressekontakte, Bernd for "
        "Bühne; introduce them\n"
    )


def test_an_unknown_or_ambiguous_name_is_said_as_show_says_it(vault):
    root = vault({**FILES, "People/Anna Berg.md": person(), "People/Anna Schmidt.md": person()})
    for name in ("Zed", "anna b", "Schmid"):
        given, shown = run(root, "give", name, *TODAY), run(root, "show", name, *TODAY)
        assert (given.exit_code, given.stderr) == (shown.exit_code, shown.stderr)
    assert run(root, "give", "Zed", *TODAY).stderr == "vaultkit: no contact named 'Zed'\n"
    assert run(root, "give", "Zed", *TODAY).exit_code == 1


def test_limit_keeps_the_best_ideas_and_says_how_many_more_there_are(vault):
    result = run(vault(FILES), "give", "--limit", "1", *TODAY)
    assert result.stdout.splitlines()[2:] == [
        "  Bernd and Clara can help each other: Bernd is looking for Bühne, Clara for Pressekontakte; "
        "introduce them",
        "  and 2 more ideas; without --limit you see them all",
    ]
    assert run(vault(FILES), "give", "--limit", "0", *TODAY).exit_code == 2


def test_without_an_owner_note_one_line_says_how_your_own_offers_would_count(vault):
    files = {key: value for key, value in FILES.items() if key not in (".vaultkit.toml", "People/Ich.md")}
    result = run(vault(files), "give", *TODAY)
    lines = result.stdout.splitlines()
    assert "Anna is looking for Fotografie — you offer it yourself" not in result.stdout
    assert lines[-1] == (
        "Your own offers count once you have a note of your own: name it in .vaultkit.toml as "
        '[me] note = "People/Me.md", and list your offers: in its front matter.'
    )


def test_nothing_to_give_is_said_plainly(vault):
    root = vault({".vaultkit.toml": ME, "People/Ich.md": OWNER, "People/Eva.md": person(interests="[Jazz]")})
    assert run(root, "give", *TODAY).stdout == (
        "What you could do for people on Sat 2026-11-21, best first\n\n"
        "Nothing to give right now: nobody is looking for what you or a contact of yours offers, "
        "and nobody has only given to you.\n"
    )
    # An owner note that offers nothing: say how its offers would count.
    bare = vault({".vaultkit.toml": ME, "People/Ich.md": "# Lena\n", "People/Eva.md": person()})
    assert run(bare, "--lang", "de", "give", "eva", *TODAY).stdout == (
        "Was du am Sa., 21.11.2026 für Eva tun kannst, das Beste zuerst\n\n"
        "Für Eva gibt es gerade nichts zu tun: weder du noch deine Kontakte bieten, was Eva sucht, "
        "und du hast von Eva nicht nur genommen.\n\n"
        "Deine Notiz People/Ich.md bietet noch nichts an: schreib deine offers: in ihre "
        "Eigenschaften, dann zählen sie mit.\n"
    )


def test_the_agenda_names_the_strongest_idea_and_the_news_each_contact_has_not_heard(vault):
    result = run(vault(FILES), "agenda", *TODAY)
    assert result.stdout.split("\n\n")[1:3] == [
        "Overdue\n"
        "  Anna   overdue: last contact 112 days ago (2026-08-01, call: Urlaub); own cadence, every 1m\n"
        "           looking for: Fotografie\n"
        "           you could help: you offer Fotografie yourself\n"
        "           news to tell: neuer Job bei den Stadtwerken (2026-11-01)\n"
        "  Dora   overdue: last contact 11 days ago (2026-11-10, coffee: Tipps #got); own cadence, every 1w\n"
        "           your turn to give: they helped you 2 times, last on 2026-11-10",
        "Due\n"
        "  Bernd  due: last contact 37 days ago (2026-10-15, call: Theater); own cadence, every 1m\n"
        "           looking for: Bühne\n"
        "           you could help: Clara offers Bühne and is looking for Pressekontakte; introduce the two\n"
        "           news to tell: neuer Job bei den Stadtwerken (2026-11-01)",
    ]


def test_the_agenda_json_holds_the_idea_and_the_news_as_facts(vault):
    document = json.loads(run(vault(FILES), "agenda", *TODAY, "--format", "json").stdout)
    anna, dora = (item for item in document["items"] if item["contact"] in ("Anna", "Dora"))
    assert anna["news"] == [{"date": "2026-11-01", "text": "neuer Job bei den Stadtwerken"}]
    assert (anna["give"]["kind"], anna["give"]["offer"]) == ("offer", "Fotografie")
    assert dora["news"] == [] and dora["give"]["kind"] == "give_back"
    assert anna["talking_points"][-1] == "news to tell: neuer Job bei den Stadtwerken (2026-11-01)"


def test_the_agenda_carries_for_each_contact_the_idea_give_name_puts_first():
    index = load_index(EXAMPLE_VAULT)
    today = date(2026, 11, 21)
    everyone = gather(index, today)
    best = strongest(ideas(index, everyone))
    assert best  # the example vault has ideas of every kind
    assert {kind for kind in (idea.kind for idea in best.values())} == {"offer", "intro", "give_back"}
    for contact_id in index.contacts:
        first = next(iter(ideas(index, everyone, contact_id)), None)
        assert best.get(contact_id) == first, contact_id
    shown = agenda(index, gather(index, today), load_config(EXAMPLE_VAULT))
    for item in shown.items:
        given = [point.idea for point in item.talking_points if point.kind == "give"]
        assert given == ([best[item.contact]] if item.contact in best else [])


def test_show_says_the_news_that_came_after_the_last_contact_only(vault):
    root = vault(FILES)
    anna = run(root, "show", "anna", *TODAY).stdout
    assert "Talking points\n  you could help: you offer Fotografie yourself\n" in anna
    assert "  news to tell: neuer Job bei den Stadtwerken (2026-11-01)\n" in anna
    assert "nach Kiel gezogen" not in anna  # before the last contact: heard already
    # Never in touch: the last year's news are all new to them, newest first.
    clara = run(root, "show", "clara", *TODAY).stdout
    assert (
        "  news to tell: neuer Job bei den Stadtwerken (2026-11-01); nach Kiel gezogen (2026-06-01)\n"
        in clara
    )
    assert "Bernd offers Pressekontakte and is looking for Bühne; introduce the two" in clara
    # Spoke after the latest news: nothing new to tell.
    assert "news to tell" not in run(root, "show", "dora", *TODAY).stdout
    shown = json.loads(run(root, "show", "clara", *TODAY, "--format", "json").stdout)
    assert [item["date"] for item in shown["news"]] == ["2026-11-01", "2026-06-01"]
    assert shown["give"]["other"] == "Bernd"


def test_show_says_the_newest_few_news_and_how_many_more(vault):
    news = "".join(f"- 2026-0{month}-01 Neuigkeit {month}\n" for month in range(1, 7))
    root = vault({".vaultkit.toml": ME, "People/Ich.md": f"## News\n{news}", "People/Eva.md": person()})
    assert run(root, "show", "eva", *TODAY).stdout.splitlines()[-4] == (
        "  news to tell: Neuigkeit 6 (2026-06-01); Neuigkeit 5 (2026-05-01); Neuigkeit 4 (2026-04-01); "
        "and 3 more"
    )
    german = run(root, "--lang", "de", "show", "eva", *TODAY).stdout
    assert "Gesprächsthemen\n  Neues zu erzählen: Neuigkeit 6 (01.06.2026);" in german
    assert german.splitlines()[-4].endswith("; und 3 weitere")


def test_event_says_what_each_guest_has_not_heard_yet_and_what_you_could_give(vault, tmp_path):
    guests = tmp_path / "guests.txt"
    guests.write_text("Anna\nDora\n", encoding="utf-8")
    result = run(vault(FILES), "--lang", "de", "event", str(guests), *TODAY)
    assert result.stdout.split("\n\n")[1] == (
        "Kontakte\n"
        "  Anna, letzter Kontakt am 01.08.2026\n"
        "    sucht: Fotografie\n"
        "    du kannst helfen: du bietest selbst Fotografie an\n"
        "    zuletzt am 01.08.2026: call: Urlaub\n"
        "    Neues zu erzählen: neuer Job bei den Stadtwerken (01.11.2026)\n"
        "  Dora, letzter Kontakt am 10.11.2026\n"
        "    du bist dran mit Geben: du hast 2-mal Hilfe bekommen, zuletzt am 10.11.2026, und noch "
        "nichts zurückgegeben\n"
        "    zuletzt am 10.11.2026: coffee: Tipps #got\n"
    )
    document = json.loads(run(vault(FILES), "event", str(guests), *TODAY, "--format", "json").stdout)
    anna, dora = document["attendees"]
    assert anna["news"] == [{"date": "2026-11-01", "text": "neuer Job bei den Stadtwerken"}]
    assert dora["news"] == [] and dora["give"]["taken"] == 2


def test_a_watch_that_keeps_each_contacts_agenda_items_sees_an_idea_another_note_changed(vault):
    """A watcher keeps what it derived of every contact whose note did not change; what you
    could give them depends on the others' notes, so a change there must still reach them."""
    root = vault(FILES)
    today, config = date(2026, 11, 21), load_config(root)
    ledger = Ledger(load_index(root), today, keep_derived=True)

    def bernds_idea(index):
        items = agenda(index, ledger.update(index, ["People/Clara.md"], today), config).items
        (bernd,) = [item for item in items if item.contact == "Bernd"]
        return [point.idea.other.id for point in bernd.talking_points if point.idea and point.idea.other]

    before = load_index(root)
    assert bernds_idea(before) == ["Clara"]
    (root / "People/Clara.md").write_text(person(needs="[Pressekontakte]"), encoding="utf-8")
    # As a watch has it: every other note, and so every other contact, the very objects they were.
    read = load_index(root)
    after = dataclasses.replace(
        before,
        notes=tuple(
            note if note.path != "People/Clara.md" else next(n for n in read.notes if n.path == note.path)
            for note in before.notes
        ),
        contacts={**before.contacts, "Clara": read.contacts["Clara"]},
    )
    assert bernds_idea(after) == []

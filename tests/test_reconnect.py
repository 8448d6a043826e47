"""`reconnect NAME`: the gap said as a person says it, which news of yours are new to whom, which
promise is open and which was kept, what you could give, and openers that differ by person."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import person
from vaultkit import language
from vaultkit.cli import cli
from vaultkit.render.speech.reconnect import span

TODAY = "2026-11-21"
ME = '[me]\nnote = "Me.md"\n'
OWNER = (
    "---\noffers: [Fotografie]\n---\n# Me\n\n## News\n"
    "- 2026-11-01 moved to Kiel\n- 2026-03-01 new job at the harbour\n- 2025-06-01 learned to sail\n"
)


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    language.use("en")


def run(root, *args, lang="en"):
    return CliRunner().invoke(
        cli, ["--vault", str(root), "--lang", lang, "reconnect", *args, "--today", TODAY]
    )


def document(root, name):
    result = run(root, name, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def document_in_german(root, name):
    return json.loads(run(root, name, "--format", "json", lang="de").stdout)


@pytest.mark.parametrize(
    "days, english, german",
    [
        (5, "five days", "fünf Tagen"),
        (7, "a week", "einer Woche"),
        (21, "three weeks", "drei Wochen"),
        (150, "five months", "fünf Monaten"),
        (344, "almost a year", "fast einem Jahr"),
        (380, "a year", "einem Jahr"),
        (548, "a year and a half", "anderthalb Jahren"),
        (721, "almost two years", "fast zwei Jahren"),
        (913, "two and a half years", "zweieinhalb Jahren"),
        (1200, "over three years", "über drei Jahren"),
    ],
)
def test_a_silence_is_said_as_a_person_says_it(days, english, german):
    assert span(days) == english
    language.use("de")
    assert span(days) == german


def test_the_gap_says_how_long_when_and_what_the_last_exchange_was_about(vault):
    root = vault(
        {
            ".vaultkit.toml": ME,
            "Me.md": OWNER,
            "People/Mark.md": person(
                "- 2024-11-30 mail: Christmas card exchange #gave\n- 2023-06-15 call: new job\n"
            ),
        }
    )
    text = run(root, "Mark").stdout
    assert "Last in touch almost two years ago, on Sat 2024-11-30." in text
    assert "It was about: mail: Christmas card exchange\n" in text
    german = run(root, "Mark", lang="de").stdout
    assert "Zuletzt Kontakt vor fast zwei Jahren, am Sa., 30.11.2024." in german
    assert "Ich hab mich seit fast zwei Jahren nicht bei dir gemeldet, das tut mir leid." in german
    gap = document(root, "Mark")["gap"]
    assert (gap["days"], gap["short"], gap["topic"]["kind"], gap["topic"]["topic"]) == (
        721,
        False,
        "mail",
        "Christmas card exchange",
    )


def test_a_last_contact_without_a_topic_names_the_latest_topic_with_its_day(vault):
    root = vault({"People/Ann.md": person("- 2026-01-10 call: her new flat\n", last_contact="2026-02-01")})
    text = run(root, "Ann").stdout
    assert "Last in touch ten months ago, on Sun 2026-02-01." in text
    assert "The last topic noted, Sat 2026-01-10: call: her new flat" in text


def test_never_in_touch_is_said_and_the_openers_start_from_how_you_met(vault):
    root = vault(
        {
            ".vaultkit.toml": ME,
            "Me.md": OWNER,
            "People/New.md": person(interests="[chess]", how_met='"PyCon DE, after the Polars talk"'),
        }
    )
    result = run(root, "New")
    assert result.exit_code == 0
    assert "Never in touch yet: no log entry, last_contact or dated note with New." in result.stdout
    assert "Your news of the last year" in result.stdout
    # Your news are there to tell, but news is no way to open a first message.
    openers = [(opener["kind"], opener["said"]) for opener in document(root, "New")["openers"]]
    assert openers == [
        ("how_met", "Start from how you met: PyCon DE, after the Polars talk"),
        ("interest", "Still into chess? I'd love to hear what you're up to these days."),
    ]


def test_someone_you_are_in_regular_touch_with_gets_a_brief_that_says_the_gap_is_short(vault):
    root = vault({"People/Close.md": person("- 2026-11-14 coffee: the marathon\n", interests="[running]")})
    result = run(root, "Close")
    assert result.exit_code == 0
    assert "Last in touch a week ago, on Sat 2026-11-14." in result.stdout
    assert "No long silence to bridge: you are in touch." in result.stdout
    kinds = [opener["kind"] for opener in document(root, "Close")["openers"]]
    assert "gap" not in kinds and "last_topic" not in kinds


def test_your_news_are_those_after_your_last_contact_with_each_person(vault):
    root = vault(
        {
            ".vaultkit.toml": ME,
            "Me.md": OWNER,
            "People/Old.md": person("- 2025-01-10 call: catching up\n"),
            "People/Recent.md": person("- 2026-05-01 call: catching up\n"),
            "People/Never.md": person(),
        }
    )

    def news(name):
        return [item["text"] for item in document(root, name)["news"]["items"]]

    assert news("Old") == ["moved to Kiel", "new job at the harbour", "learned to sail"]
    assert news("Recent") == ["moved to Kiel"]
    # Never in touch: the news of the last year.
    assert news("Never") == ["moved to Kiel", "new job at the harbour"]


def test_without_a_note_of_your_own_the_brief_says_in_one_line_how_to_add_one(vault):
    root = vault({"People/Ann.md": person("- 2025-01-10 call: catching up\n")})
    result = run(root, "Ann")
    assert result.exit_code == 0
    assert (
        'No note of your own yet: name one in .vaultkit.toml ([me] note = "People/Me.md") and log your news there.'
        in result.stdout
    )
    assert document(root, "Ann")["news"] == {"owner": None, "items": []}


def test_each_later_gift_keeps_one_promise_the_oldest_still_open(vault):
    log = (
        "- 2026-07-01 versprochen: die Fotos #versprochen\n"
        "- 2026-07-01 coffee: brought cake #gave\n"
        "- 2026-08-01 promised: an intro to Jo #promised\n"
        "- 2026-09-01 call: sent the photos #gave\n"
        "- 2026-10-01 promised: the book #promised\n"
        "- 2026-10-12 lunch: she paid #got\n"
        "- 2026-10-20 sent the recipe I promised #promised #gave\n"
        "- 2026-11-05 dinner: introduced Jo #eingelöst\n"
        "- 2026-12-01 promised: the future #promised\n"
    )
    root = vault({"People/Ann.md": person(log)})
    promises = document(root, "Ann")["promises"]
    # The cake on the day of the promise keeps nothing, nor does what she gave (#got); the
    # photos keep the oldest promise, the introduction the next; the book is still open. A
    # promise after today is not one yet.
    assert [(p["date"], p["text"]) for p in promises["open"]] == [("2026-10-01", "the book")]
    assert [(p["date"], p["text"], p["kept_on"]) for p in promises["kept"]] == [
        ("2026-07-01", "die Fotos", "2026-09-01"),
        ("2026-08-01", "an intro to Jo", "2026-11-05"),
        ("2026-10-20", "sent the recipe I promised", "2026-10-20"),
    ]
    text = run(root, "Ann").stdout
    assert "- promised: the book (2026-10-01)  People/Ann.md:8" in text
    assert "- kept on 2026-09-01: die Fotos" in text
    assert "Keep your promise first: the book." in text


def test_an_unchecked_task_that_links_them_is_an_open_promise_and_a_planned_contact_is_not(vault):
    root = vault(
        {
            "People/Ann.md": person("- 2026-01-10 call: catching up\n", next_contact="2026-12-01"),
            "Daily/2026-11-02.md": "- [ ] send [[Ann]] the article 📅 2026-11-30\n- [x] call [[Ann]]\n",
        }
    )
    promises = document(root, "Ann")["promises"]["open"]
    assert [(p["kind"], p["date"], p["source"]) for p in promises] == [
        ("task", "2026-11-30", "Daily/2026-11-02.md")
    ]
    assert "  - task: send Ann the article (2026-11-30)  Daily/2026-11-02.md:1\n" in run(root, "Ann").stdout


def test_what_you_could_give_is_the_give_rule_for_this_person(vault):
    root = vault(
        {
            ".vaultkit.toml": ME,
            "Me.md": OWNER,
            "People/Birgit.md": person(
                "- 2025-12-12 event: concert\n", needs="[Fotografie fürs Chorjubiläum]"
            ),
            "People/Nadine.md": person(offers="[Fotografie]"),
            "People/Felix.md": person("- 2026-08-30 sailing: took me along #got\n"),
        }
    )
    ideas = document(root, "Birgit")["ideas"]
    assert [(i["kind"], i["offer"], i["other"]) for i in ideas] == [
        ("offer", "Fotografie", None),
        ("intro", "Fotografie", "Nadine"),
    ]
    assert (
        ideas[0]["said"]
        == "Birgit is looking for Fotografie fürs Chorjubiläum — you offer Fotografie yourself"
    )
    felix = document(root, "Felix")
    assert [(i["kind"], i["taken"]) for i in felix["ideas"]] == [("give_back", 1)]
    assert "I still owe you one for your help." in " ".join(o["said"] for o in felix["openers"])


def test_their_side_is_their_news_and_occasions_in_the_silence_or_coming_soon(vault):
    note = (
        "---\nbirthday: 1965-11-30\n---\n# Ann\n\n## Occasions\n- 2025-06 wedding in Edinburgh\n"
        "- 2024-01 old trip\n- --12-10 name day\n\n## Log\n"
        "- 2025-03-01 heard: she started at the museum #news\n- 2025-02-01 call: catching up\n"
    )
    root = vault({"People/Ann.md": note})
    side = document(root, "Ann")["their_side"]
    assert side["news"] == [{"date": "2025-03-01", "text": "she started at the museum", "line": 12}]
    # The trip before the last contact is not news; the wedding in the silence is.
    assert [item["what"] for item in side["happened"]] == ["wedding in Edinburgh"]
    assert [(item["kind"], item["date"], item["years"]) for item in side["coming"]] == [
        ("birthday", "2026-11-30", 61),
        ("occasion", "2026-12-10", None),
    ]
    text = run(root, "Ann").stdout
    assert "- birthday in 9 days, Mon 2026-11-30 (turns 61)" in text
    assert "- 2025-06 wedding in Edinburgh, while you were silent" in text
    assert "- you heard (2025-03-01): she started at the museum" in text
    # What you heard last is the last exchange too: one opener for it, not two.
    openers = [o["kind"] for o in document(root, "Ann")["openers"]]
    assert openers == ["occasion", "happened", "their_news", "gap"]
    assert "While you were silent: wedding in Edinburgh. Ask how it went." in text


def test_two_contacts_with_different_interests_get_different_openers(vault):
    log = "- 2025-01-10 call: catching up\n"
    root = vault(
        {"People/Ann.md": person(log, interests="[rugby]"), "People/Bo.md": person(log, interests="[Bach]")}
    )
    ann, bo = ([o["said"] for o in document(root, name)["openers"]] for name in ("Ann", "Bo"))
    assert "Still into rugby? I'd love to hear what you're up to these days." in ann
    assert "Still into Bach? I'd love to hear what you're up to these days." in bo
    assert set(ann) != set(bo)


def test_german_openers_say_du_or_sie_as_the_note_asks(vault):
    log = "- 2025-01-10 call: Neuigkeiten\n"
    root = vault(
        {
            ".vaultkit.toml": ME,
            "Me.md": OWNER,
            "People/Du.md": person(log, interests="[Bach]"),
            "People/Sie.md": person(log, interests="[Bach]", anrede="Sie"),
        }
    )
    du = run(root, "Du", lang="de").stdout
    sie = run(root, "Sie", lang="de").stdout
    assert "Wie steht's bei dir gerade mit Bach? Ich würde gern hören, was du so machst." in du
    assert "Bei mir hat sich einiges getan: moved to Kiel. Und bei dir?" in du
    assert "Ich hab mich seit fast zwei Jahren nicht bei dir gemeldet, das tut mir leid." in du
    assert "Wie steht es bei Ihnen gerade mit Bach? Ich würde gern hören, wie es Ihnen geht." in sie
    assert "Bei mir hat sich einiges getan: moved to Kiel. Wie ist es Ihnen ergangen?" in sie
    assert "Ich habe mich seit fast zwei Jahren nicht bei Ihnen gemeldet, das tut mir leid." in sie
    to_them = [
        o["said"]
        for o in document_in_german(root, "Sie")["openers"]
        if o["kind"] in ("interest", "news", "gap")
    ]
    assert len(to_them) == 3 and not any(
        word in " ".join(to_them).split() for word in ("dir", "du", "dich", "dein")
    )
    # English has one form for both.
    assert run(root, "Du").stdout.replace("Du", "X") == run(root, "Sie").stdout.replace("Sie", "X")


def test_an_unknown_or_ambiguous_name_is_said_as_show_says_it(vault):
    root = vault({"People/Ann Lee.md": person(), "People/Ann Roe.md": person()})
    for name in ("Nobody", "Ann"):
        shown = CliRunner().invoke(cli, ["--vault", str(root), "show", name, "--today", TODAY])
        asked = run(root, name)
        assert asked.exit_code == shown.exit_code == 1
        assert asked.stderr == shown.stderr and asked.stderr


def test_an_incomplete_note_still_gets_a_brief_that_says_so(vault):
    root = vault(
        {"People/Ann.md": "---\nname: Ann\nbirthday: 2026-02-30\n---\n## Log\n- 2025-01-10 call: hi\n"}
    )
    result = run(root, "Ann")
    assert result.exit_code == 0
    assert "People/Ann.md:3" in result.stderr
    assert "This note could not be read completely" in result.stdout
    assert "Last in touch" in result.stdout


def test_the_tags_that_mark_log_entries_are_not_the_persons_tags(vault):
    from vaultkit.index import load_index

    log = "- 2026-08-01 promised: the book #promised #kiel\n- 2026-09-01 sent it #eingelöst\n- 2026-09-02 #news moved\n"
    index = load_index(vault({"People/Ann.md": person(log, tags="[chor]")}))
    assert index.contacts["Ann"].tags == ("chor", "kiel")


def test_the_readme_shows_reconnect_as_it_is(monkeypatch):
    import re
    import shlex

    from tests.conftest import REPO

    monkeypatch.chdir(REPO)
    section = (
        (REPO / "README.md").read_text(encoding="utf-8").split("### Writing again after a long silence")[1]
    )
    blocks = re.findall(r"```console\n\$ (.*?)\n(.*?)```", section.split("\n### ")[0], re.S)
    assert len(blocks) == 2
    for command, shown in blocks:
        args = shlex.split(command)
        assert args[0] == "vaultkit"
        assert CliRunner().invoke(cli, args[1:]).stdout == shown, command

"""The agenda in German: golden files on the example vault, the language chosen by the locale,
and the words of every kind of item, which the agenda keeps as facts and says when shown."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from tests.conftest import EXAMPLE_VAULT, EXAMPLE_WARNING_GERMAN, meeting, person
from tests.golden import assert_golden
from vaultkit import language
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.model import Duration
from vaultkit.render import ics, text_pieces
from vaultkit.render.speech import agenda as say
from vaultkit.render.speech import cadence as cadence_words
from vaultkit.reports.agenda import agenda

TODAY = date(2026, 11, 21)
EXTENSIONS = {"text": "txt", "markdown": "md", "json": "json", "csv": "csv", "ics": "ics"}


@pytest.fixture
def german():
    language.use("de")
    yield
    language.use("en")


def run(*args, vault=EXAMPLE_VAULT, **env):
    return CliRunner(env=env).invoke(cli, ["--vault", str(vault), *args], catch_exceptions=False)


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_the_german_agenda_of_the_example_vault_matches_its_golden_file(fmt):
    result = run("--lang", "de", "agenda", "--today", "2026-11-21", "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, EXAMPLE_WARNING_GERMAN)
    # Bytes, not text: the calendar ends its lines in CRLF.
    assert_golden(f"agenda.de.{EXTENSIONS[fmt]}", result.stdout_bytes.decode("utf-8"))


@pytest.fixture
def machine(monkeypatch):
    """A machine whose locale is `LANG` alone (conftest has unset the others)."""
    return lambda locale: monkeypatch.setenv("LANG", locale)


@pytest.fixture
def no_config(vault):
    return vault({"People/A.md": person(circle="close", last_contact="2026-10-01")})


def test_on_a_german_machine_the_agenda_speaks_german_without_being_asked(machine, no_config):
    machine("de_DE.UTF-8")
    shown = run("agenda", "--today", "2026-11-21", vault=no_config).stdout
    assert shown.startswith("Agenda für Sa., 21.11.2026 und die nächsten 14 Tage\n")
    assert "\nÜberfällig\n" in shown
    assert "überfällig: seit 51 Tagen kein Kontakt (01.10.2026); Kreis close, jeden Monat" in shown


def test_lang_en_speaks_english_on_a_german_machine(machine, no_config):
    machine("de_DE.UTF-8")
    shown = run("--lang", "en", "agenda", "--today", "2026-11-21", vault=no_config).stdout
    assert shown.startswith("Agenda for Sat 2026-11-21, next 14 days\n")
    assert "overdue: last contact 51 days ago (2026-10-01); close circle, every 1m" in shown


def test_an_english_machine_gets_english(machine, no_config):
    machine("en_GB.UTF-8")
    assert "\nOverdue\n" in run("agenda", "--today", "2026-11-21", vault=no_config).stdout


def every_kind(vault):
    """A vault with an item of every kind on 2026-11-21, with and without what each may say."""
    return vault(
        {
            "People/Overdue.md": person(circle="close", last_contact="2026-09-01", interests="[Segeln]"),
            "People/Due.md": person(cadence="2w", cadence_max="1m", log="- 2026-11-04 call: Umzug\n"),
            "People/Tagged.md": person(tags="[family]", last_contact="2025-08-01"),
            "People/Missed.md": person(last_contact="2026-11-01", next_contact="2026-11-20", needs="[Rat]"),
            "People/Planned.md": person(
                last_contact="2026-11-10", next_contact="2026-11-23", log="- 2026-10-01 Stammtisch Kiel\n"
            ),
            "People/Born.md": person(last_contact="2026-11-10", birthday="1966-11-22"),
            "People/Yearless.md": person(last_contact="2026-11-10", birthday="--11-25"),
            "Daily/2026-11-18.md": "- [ ] call [[Planned]] back 📅 2026-11-24\n- [ ] ask [[Missed]] 📅 2026-11-17\n",
            "Meetings/2026-11-26 Stammtisch.md": meeting("2026-11-26", "Planned"),
            "Meetings/2026-11-27.md": meeting("2026-11-27", "Born"),
            ".vaultkit.toml": '[cadence.tags]\nfamily = "1y"\n\n[cadence.circles]\nclose = "1m"\n',
        }
    )


def items_of(root):
    index = load_index(root)
    return agenda(index, gather(index, TODAY), load_config(root), 14).items


def test_every_kind_of_item_says_why_it_is_there_in_german(vault, german):
    said = [
        (item.contact, say.reason(item), say.undated_reason(item)) for item in items_of(every_kind(vault))
    ]
    assert said == [
        ("Overdue",) + ("überfällig: seit 81 Tagen kein Kontakt (01.09.2026); Kreis close, jeden Monat",) * 2,
        (
            "Missed",
            "Aufgabe war vor 4 Tagen fällig (Di., 17.11.2026): ask Missed (Daily/2026-11-18.md)",
            "Aufgabe war vor 4 Tagen fällig: ask Missed (Daily/2026-11-18.md)",
        ),
        (
            "Missed",
            "Wiedervorlage war gestern fällig (Fr., 20.11.2026, next_contact)",
            "Wiedervorlage war gestern fällig (next_contact)",
        ),
        ("Tagged",) + ("fällig: seit 477 Tagen kein Kontakt (01.08.2025); Tag-Regel family, jedes Jahr",) * 2,
        ("Due",)
        + (
            "fällig: seit 17 Tagen kein Kontakt (04.11.2026, call: Umzug); eigener Rhythmus, alle 2 Wochen, "
            "spätestens nach einem Monat",
        )
        * 2,
        ("Born", "Geburtstag: wird morgen 60 (So., 22.11.2026)", "Geburtstag: wird morgen 60"),
        (
            "Planned",
            "Wiedervorlage übermorgen fällig (Mo., 23.11.2026, next_contact)",
            "Wiedervorlage übermorgen fällig (next_contact)",
        ),
        (
            "Planned",
            "Aufgabe in 3 Tagen fällig (Di., 24.11.2026): call Planned back (Daily/2026-11-18.md)",
            "Aufgabe in 3 Tagen fällig: call Planned back (Daily/2026-11-18.md)",
        ),
        ("Yearless", "Geburtstag in 4 Tagen (Mi., 25.11.2026)", "Geburtstag in 4 Tagen"),
        ("Planned", "Treffen in 5 Tagen (Do., 26.11.2026): Stammtisch", "Treffen in 5 Tagen: Stammtisch"),
        ("Born", "Treffen in 6 Tagen (Fr., 27.11.2026)", "Treffen in 6 Tagen"),
    ]


def test_a_calendar_says_dates_in_german_never_days_from_now(vault, german):
    said = [say.dated_reason(item) for item in items_of(every_kind(vault))]
    assert said == [
        "überfällig seit 16.10.2026: letzter Kontakt am 01.09.2026; Kreis close, jeden Monat",
        "Aufgabe fällig am 17.11.2026: ask Missed (Daily/2026-11-18.md)",
        "Wiedervorlage am 20.11.2026 (next_contact)",
        "fällig seit 01.08.2026: letzter Kontakt am 01.08.2025; Tag-Regel family, jedes Jahr",
        "fällig seit 18.11.2026: letzter Kontakt am 04.11.2026 (call: Umzug); eigener Rhythmus, alle 2 Wochen, "
        "spätestens nach einem Monat",
        "Geburtstag am 22.11.2026: wird 60",
        "Wiedervorlage am 23.11.2026 (next_contact)",
        "Aufgabe fällig am 24.11.2026: call Planned back (Daily/2026-11-18.md)",
        "Geburtstag am 25.11.2026",
        "Treffen am 26.11.2026: Stammtisch (Meetings/2026-11-26 Stammtisch.md)",
        "Treffen am 27.11.2026 (Meetings/2026-11-27.md)",
    ]


def test_talking_points_in_german(vault, german):
    points = {item.contact: say.talking_points(item) for item in items_of(every_kind(vault))}
    assert (points["Overdue"], points["Missed"], points["Planned"]) == (
        ["Interessen: Segeln"],
        ["sucht: Rat"],
        ["zuletzt am 01.10.2026: Stammtisch Kiel"],
    )


@pytest.mark.parametrize(
    "period, every, at_most",
    [
        (Duration(1, "d"), "jeden Tag", "spätestens nach einem Tag"),
        (Duration(10, "d"), "alle 10 Tage", "spätestens nach 10 Tagen"),
        (Duration(1, "w"), "jede Woche", "spätestens nach einer Woche"),
        (Duration(2, "w"), "alle 2 Wochen", "spätestens nach 2 Wochen"),
        (Duration(1, "m"), "jeden Monat", "spätestens nach einem Monat"),
        (Duration(3, "m"), "alle 3 Monate", "spätestens nach 3 Monaten"),
        (Duration(1, "y"), "jedes Jahr", "spätestens nach einem Jahr"),
        (Duration(2, "y"), "alle 2 Jahre", "spätestens nach 2 Jahren"),
    ],
)
def test_a_cadence_in_german_says_its_period_in_words(german, period, every, at_most):
    assert (cadence_words.every(period), cadence_words.at_most(period)) == (every, at_most)


def test_in_english_a_cadence_keeps_its_short_period():
    assert (cadence_words.every(Duration(1, "y")), cadence_words.at_most(Duration(6, "m"))) == (
        "every 1y",
        "at most 6m",
    )


def watched(root):
    """The agenda as a watcher makes it: what it derives per contact is kept between runs."""
    index = load_index(root)
    activity = replace(gather(index, TODAY), derived={})
    config = load_config(root)
    return lambda: agenda(index, activity, config, 14)


def test_the_items_a_watcher_keeps_are_said_in_the_language_of_each_report(vault):
    again = watched(every_kind(vault))
    english = "".join(text_pieces(again(), "agenda", "text", None))
    language.use("de")
    try:
        kept = again()
        german = "".join(text_pieces(kept, "agenda", "text", None))
    finally:
        language.use("en")
    assert "overdue: last contact 81 days ago" in english and "überfällig" not in english
    assert "überfällig: seit 81 Tagen kein Kontakt" in german and "overdue" not in german
    assert "".join(text_pieces(kept, "agenda", "text", None)) == english


def summaries(feed: str) -> list[str]:
    return [str(event["summary"]) for event in Calendar.from_ical(feed).walk("VEVENT")]


def test_a_feed_in_german_never_reuses_an_event_written_for_an_english_one(vault, monkeypatch):
    again = watched(every_kind(vault))
    english = b"".join(ics.ics_feed(again(), "agenda")).decode()
    # As a watch that starts again: the events it wrote last time, in English.
    kept = ics.written_events()
    ics._written.clear()
    ics.take_written_events(kept)
    written = []
    real = ics._event
    monkeypatch.setattr(ics, "_event", lambda *args: written.append(args[0]) or real(*args))
    language.use("de")
    try:
        german = b"".join(ics.ics_feed(again(), "agenda")).decode()
    finally:
        language.use("en")
    assert len(written) == german.count("BEGIN:VEVENT") == english.count("BEGIN:VEVENT")
    assert ("Get in touch: Overdue", "Melde dich bei Overdue") == (
        summaries(english)[2],
        summaries(german)[2],
    )
    written.clear()
    assert (
        b"".join(ics.ics_feed(again(), "agenda")).decode() == english and written == []
    )  # English as written before


# What reads true only on the day a German feed was made.
RELATIVE = re.compile(
    r"\b(heute|morgen|übermorgen|gestern|vorgestern|vor \d+|in \d+ (Tag|Woche|Monat))", re.I
)


def test_the_german_example_feed_says_no_relative_day_anywhere():
    feed = run("--lang", "de", "agenda", "--today", "2026-11-21", "--format", "ics").stdout_bytes
    texts = [
        str(component["description"])
        for component in Calendar.from_ical(feed).walk()
        if "description" in component
    ]
    assert len(texts) > 30
    assert [text for text in texts if RELATIVE.search(text)] == []


def test_a_living_report_kept_from_the_last_rebuild_is_rendered_again_in_another_language(example):
    from vaultkit.live.publish import each_report

    index = load_index(example)
    activity, config = gather(index, TODAY), load_config(example)
    earlier: dict = {}

    def rendered() -> dict[str, str]:
        return {
            path: text
            for report in each_report(index, activity, config, example, earlier)
            for path, text in report.items()
        }

    english = rendered()
    language.use("de")
    try:
        german = rendered()
    finally:
        language.use("en")
    assert "## Overdue" in b"".join(english["_vaultkit/Agenda.md"]).decode()  # notes too are in pieces
    assert "## Überfällig" in b"".join(german["_vaultkit/Agenda.md"]).decode()
    feed = b"".join(german["_vaultkit/vaultkit.ics"])  # the feed is its bytes, in pieces
    assert b"SUMMARY:Melde dich bei Hans Becker" in feed


def test_a_vaults_own_template_says_the_reasons_through_say_in_the_language_asked_for(vault):
    root = every_kind(vault)
    folder = root / ".vaultkit" / "templates"
    folder.mkdir(parents=True)
    (folder / "agenda.txt.j2").write_text(
        "{% for item in agenda.of_kind('overdue') %}{{ item.name }}: {{ say.reason(item) }}"
        " | {{ say.talking_points(item) | join('; ') }}\n{% endfor %}"
    )
    shown = run("--lang", "de", "agenda", "--today", "2026-11-21", vault=root).stdout
    assert shown == (
        "Overdue: überfällig: seit 81 Tagen kein Kontakt (01.09.2026); Kreis close, jeden Monat | Interessen: Segeln\n"
    )

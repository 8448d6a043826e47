"""Dates worth remembering: anniversaries, the day you met and a note's occasions, yearly or in
the month they fall in, on the agenda and in its calendar."""

import json
from datetime import date

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from tests.conftest import EXAMPLE_VAULT, person
from vaultkit import language
from vaultkit.activity import gather
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.model import Birthday, Month
from vaultkit.render.speech import agenda as say
from vaultkit.reports.agenda import agenda
from vaultkit.values import parse_month, parse_occasion_date

TODAY = date(2026, 11, 21)


def occasions(text: str, **fields: object) -> str:
    """A contact note with `fields` and an `## Occasions` list of `text`."""
    return person(**fields) + f"# Someone\n\n## Occasions\n{text}"


def items(vault, files, today=TODAY, days=14):
    root = vault(files)
    index = load_index(root)
    return agenda(index, gather(index, today), load_config(root), days), index


def reasons(result, lang="en"):
    with_language = language.speaking()
    language.use(lang)
    try:
        return [(i.kind, i.contact, say.undated_reason(i)) for i in result.items]
    finally:
        language.use(with_language)


def run(root, *args):
    result = CliRunner().invoke(cli(), ["--vault", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def cli():
    from vaultkit.cli import cli as command

    return command


# --- Anniversaries and the day you met -----------------------------------------------------------


def test_an_anniversary_with_its_year_counts_the_years_and_one_without_does_not(vault):
    result, _ = items(
        vault,
        {
            "People/A.md": person(anniversary="2016-11-28"),
            "People/B.md": person(anniversary="--11-25"),
            "People/C.md": person(anniversary="2016-12-24"),  # outside the 14 days
        },
    )
    assert reasons(result) == [
        ("anniversary", "B", "anniversary: in 4 days"),
        ("anniversary", "A", "anniversary (10 years): in 7 days"),
    ]
    assert reasons(result, "de") == [
        ("anniversary", "B", "Jahrestag: in 4 Tagen"),
        ("anniversary", "A", "Jahrestag (10 Jahre): in 7 Tagen"),
    ]
    assert [(i["kind"], i["years"], i["what"], i["month"]) for i in list(result.as_json()["items"])] == [
        ("anniversary", None, None, None),
        ("anniversary", 10, None, None),
    ]


def test_one_year_is_said_in_the_singular(vault):
    result, _ = items(vault, {"People/A.md": person(anniversary="2025-11-22")})
    assert reasons(result) == [("anniversary", "A", "anniversary (1 year): tomorrow")]
    assert reasons(result, "de") == [("anniversary", "A", "Jahrestag (1 Jahr): morgen")]


def test_an_anniversary_written_in_german_is_read(vault):
    result, _ = items(vault, {"People/A.md": person(Hochzeitstag="28. November 2016")})
    assert [(i.kind, i.date, i.years) for i in result.items] == [("anniversary", date(2026, 11, 28), 10)]


def test_the_day_you_met_returns_every_year_from_the_first_year_on(vault):
    result, _ = items(
        vault,
        {
            "People/A.md": person(met="2023-11-30", how_met="Stammtisch Kiel", last_contact="2026-11-01"),
            "People/B.md": person(met="2026-11-21", last_contact="2026-11-21"),  # today: no return yet
            "People/C.md": person(met="2026-11-25"),  # still to come: no interaction, no return
        },
    )
    assert reasons(result) == [("met", "A", "3 years since you met (Stammtisch Kiel): in 9 days")]
    assert reasons(result, "de") == [
        ("met", "A", "3 Jahre, seit ihr euch kennt (Stammtisch Kiel): in 9 Tagen")
    ]
    (item,) = list(result.as_json()["items"])
    assert (item["years"], item["what"], item["line"]) == (3, "Stammtisch Kiel", 2)


def test_29_february_returns_on_28_february_in_other_years(vault):
    result, _ = items(
        vault,
        {
            "People/A.md": person(anniversary="2024-02-29"),
            "People/B.md": person(met="2020-02-29", last_contact="2027-01-01"),
            "People/C.md": occasions("- 29.02. Schalttag-Party\n"),
        },
        today=date(2027, 2, 20),
    )
    assert [(i.kind, i.contact, i.date) for i in result.items] == [
        ("anniversary", "A", date(2027, 2, 28)),
        ("met", "B", date(2027, 2, 28)),
        ("occasion", "C", date(2027, 2, 28)),
    ]


def test_archived_contacts_have_no_occasions_but_reserve_and_paused_ones_do(vault):
    result, _ = items(
        vault,
        {
            "People/A.md": person(anniversary="--11-25", status="archived"),
            "People/B.md": person(anniversary="--11-25", status="reserve"),
            "People/C.md": person(anniversary="--11-25", paused="true"),
        },
    )
    assert [i.contact for i in result.items] == ["B", "C"]
    assert [c.id for c, _ in result.yearly] == ["B", "C"]


# --- A note's occasions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, when, what",
    [
        ("- 2019-06-15 wedding", Birthday(6, 15, 2019), "wedding"),
        ("- 15.06.2019: Hochzeit", Birthday(6, 15, 2019), "Hochzeit"),
        ("- 15. Juni 2019 Hochzeit", Birthday(6, 15, 2019), "Hochzeit"),
        ("- --06-15 name day", Birthday(6, 15), "name day"),
        ("- 15.06. Namenstag", Birthday(6, 15), "Namenstag"),
        ("- 2027-01 baby due", Month(2027, 1), "baby due"),
        ("- baby due 2027-01", Month(2027, 1), "baby due"),
        ("- baby due in January 2027", Month(2027, 1), "baby due"),
        ("- Baby kommt im Januar 2027", Month(2027, 1), "Baby kommt"),
        ("- 01/2027 – Baby kommt", Month(2027, 1), "Baby kommt"),
        ("* [[2019-06-15]] wedding", Birthday(6, 15, 2019), "wedding"),
    ],
)
def test_an_occasion_says_its_date_first_or_last(vault, line, when, what):
    root = vault({"People/A.md": occasions(line + "\n")})
    (occasion,) = load_index(root).contacts["A"].occasions
    assert (occasion.when, occasion.what, occasion.line) == (when, what, 6)


@pytest.mark.parametrize(
    "heading", ["## Occasions", "## Anlässe", "### Important dates", "## Wichtige Daten"]
)
def test_occasions_are_read_under_their_heading_only(vault, heading):
    note = (
        person()
        + f"{heading}\n- 2019-06-15 wedding\n\n## Log\n- 2026-11-01 call\n\n- 2027-01 not an occasion\n"
    )
    (occasion,) = load_index(vault({"People/A.md": note})).contacts["A"].occasions
    assert occasion.what == "wedding"


def test_a_whole_date_returns_every_year_and_one_still_to_come_shows_on_its_day(vault):
    result, _ = items(
        vault,
        {
            "People/A.md": occasions("- 2019-11-23 wedding\n- 2026-11-30 Anna's exam\n- 2026-11-01 moved\n"),
        },
    )
    assert reasons(result) == [
        ("occasion", "A", "wedding (7 years): in 2 days"),
        ("occasion", "A", "Anna's exam: in 9 days"),
    ]
    assert reasons(result, "de") == [
        ("occasion", "A", "wedding (7 Jahre): übermorgen"),
        ("occasion", "A", "Anna's exam: in 9 Tagen"),
    ]


def test_a_month_shows_while_the_agenda_s_days_reach_into_it(vault):
    note = occasions("- 2026-11 moving out\n- 2026-12 Umzug\n- 2027-01 baby due\n- 2026-10 gone by\n")
    result, _ = items(vault, {"People/A.md": note})
    assert [(i.date, i.month) for i in result.items] == [(TODAY, True), (date(2026, 12, 1), True)]
    assert reasons(result) == [
        ("occasion", "A", "moving out: this month"),
        ("occasion", "A", "Umzug: in December"),
    ]
    assert reasons(result, "de") == [
        ("occasion", "A", "moving out: diesen Monat"),
        ("occasion", "A", "Umzug: im Dezember"),
    ]
    assert [i["month"] for i in list(result.as_json()["items"])] == ["2026-11", "2026-12"]
    # Later on, January comes into view, with its year since it is another year's.
    later, _ = items(vault, {"People/A.md": note}, today=date(2026, 12, 20))
    assert reasons(later) == [
        ("occasion", "A", "Umzug: this month"),
        ("occasion", "A", "baby due: in January 2027"),
    ]
    # A month is never said as a day: the text report's day column names the month.
    text = run(vault({"People/A.md": note}), "agenda", "--today", "2026-11-21")
    assert "  December 2026   A  Umzug: in December" in text


def test_the_agenda_in_german_names_the_month_in_its_column(vault):
    root = vault({"People/A.md": occasions("- Umzug im Dezember 2026\n")})
    text = run(root, "--lang", "de", "agenda", "--today", "2026-11-21")
    assert "  Dezember 2026    A  Umzug: im Dezember" in text


def test_bad_occasions_are_diagnostics_at_their_line_and_the_rest_still_works(vault):
    root = vault(
        {
            "People/A.md": occasions(
                "- 2027-13 baby due\n- 31.02.2020 wedding\n- some day, maybe\n- 2019-11-23 wedding\n",
                anniversary="2016-13-01",
            ),
            "People/B.md": person(anniversary="--11-25"),
        }
    )
    index = load_index(root)
    found = [d.format() for d in index.diagnostics]
    assert found == [
        "People/A.md:2: error bad-birthday anniversary: '2016-13-01' is not a real date (month must be in 1..12)",
        "People/A.md:7: error bad-date occasion: '2027-13' is not a real date (month must be in 1..12)",
        "People/A.md:8: error bad-date occasion: '31.02.2020' is not a real date (day is out of range for month)",
        "People/A.md:9: warning occasion-undated occasion does not say its date "
        "(like 2019-06-15 wedding or 2027-01 baby due); it is not shown",
    ]
    with_language = language.speaking()
    language.use("de")
    try:
        assert index.diagnostics[1].format() == (
            "People/A.md:7: Fehler bad-date: Anlass: '2027-13' ist kein gültiges Datum (Monate gibt es nur von 1 bis 12)"
        )
    finally:
        language.use(with_language)
    result = agenda(index, gather(index, TODAY), load_config(root), 14)
    assert [(i.kind, i.contact) for i in result.items] == [("occasion", "A"), ("anniversary", "B")]


@pytest.mark.parametrize(
    "text, month",
    [
        ("2027-01", (2027, 1)),
        ("01/2027", (2027, 1)),
        ("1.2027", (2027, 1)),
        ("Januar 2027", (2027, 1)),
        ("Jän. 2027", (2027, 1)),
        ("Sept 2027", (2027, 9)),
        ("Maerz 2027", (2027, 3)),
        ("[[2027-01]]", (2027, 1)),
    ],
)
def test_months_in_german_and_english(text, month):
    assert parse_month(text) == Month(*month)
    assert parse_occasion_date(text) == Month(*month)


@pytest.mark.parametrize("text", ["2027-00", "13/2027", "Smarch 2027", "2027"])
def test_what_is_no_month(text):
    with pytest.raises(ValueError):
        parse_month(text)


# --- JSON, calendar, the example vault --------------------------------------------------------


def test_the_calendar_repeats_anniversaries_days_you_met_and_dated_occasions_but_not_months(vault):
    root = vault(
        {
            "People/A.md": occasions(
                "- 2019-11-23 wedding\n- 2027-01 baby due\n",
                anniversary="2016-11-28",
                met="2012-09-01",
                how_met="Erasmus",
                last_contact="2026-11-01",
                interests="[Jazz]",
            ),
        }
    )
    feed = Calendar.from_ical(run(root, "agenda", "--today", "2026-11-21", "--format", "ics"))
    events = {str(e["summary"]): e for e in feed.walk("VEVENT")}
    assert sorted(events) == ["Anniversary: A", "Day you met: A", "wedding: A"]
    assert {name: (e.decoded("dtstart"), e["rrule"]["freq"]) for name, e in events.items()} == {
        "Anniversary: A": (date(2016, 11, 28), ["YEARLY"]),
        "Day you met: A": (date(2012, 9, 1), ["YEARLY"]),
        "wedding: A": (date(2019, 11, 23), ["YEARLY"]),
    }
    # Within the agenda's days an event carries the talking points, as a birthday's does.
    assert str(events["Anniversary: A"]["description"]).split("\n")[:2] == ["since 2016", "interests: Jazz"]
    assert str(events["Day you met: A"]["description"]) == "since 2012 (Erasmus)"
    german = Calendar.from_ical(
        run(root, "--lang", "de", "agenda", "--today", "2026-11-21", "--format", "ics")
    )
    assert sorted(str(e["summary"]) for e in german.walk("VEVENT")) == [
        "Jahrestag: A",
        "Kennenlerntag: A",
        "wedding: A",
    ]


def test_the_example_vault_remembers_an_anniversary_a_day_you_met_and_a_month():
    index = load_index(EXAMPLE_VAULT)
    result = agenda(index, gather(index, TODAY), load_config(EXAMPLE_VAULT), 14)
    assert [
        (i.kind, i.contact, i.date, i.years, i.what, i.month)
        for i in result.of_kind(("anniversary", "met", "occasion"))
    ] == [
        ("anniversary", "Tom Whitfield", date(2026, 11, 28), 10, None, False),
        ("occasion", "Sophie Kramer", date(2026, 12, 1), None, "Umzug nach Eimsbüttel", True),
        (
            "met",
            "Katrin Vogel",
            date(2026, 12, 4),
            17,
            "Studium in Kiel, gleiche WG in der Holtenauer Straße",
            False,
        ),
    ]
    # Tom's baby is due in January: not within these 14 days, but within them from 18 December on.
    later = agenda(index, gather(index, date(2026, 12, 18)), load_config(EXAMPLE_VAULT), 14)
    assert [(i.contact, i.what) for i in later.of_kind("occasion")] == [
        ("Sophie Kramer", "Umzug nach Eimsbüttel"),
        ("Tom Whitfield", "baby due"),
    ]


def test_json_says_the_new_facts_in_every_language(vault):
    root = vault({"People/A.md": occasions("- 2026-12 Umzug\n", anniversary="2016-11-28")})
    english = json.loads(run(root, "agenda", "--today", "2026-11-21", "--format", "json"))
    german = json.loads(run(root, "--lang", "de", "agenda", "--today", "2026-11-21", "--format", "json"))
    facts = [{k: v for k, v in i.items() if k not in ("reason", "talking_points")} for i in english["items"]]
    assert facts == [
        {k: v for k, v in i.items() if k not in ("reason", "talking_points")} for i in german["items"]
    ]
    assert [i["reason"] for i in english["items"]] == [
        "anniversary (10 years): in 7 days (Sat 2026-11-28)",
        "Umzug: in December",
    ]
    assert [i["reason"] for i in german["items"]] == [
        "Jahrestag (10 Jahre): in 7 Tagen (Sa., 28.11.2026)",
        "Umzug: im Dezember",
    ]


def test_the_brief_lists_the_occasions_as_the_note_does():
    english = run(EXAMPLE_VAULT, "show", "Tom Whitfield", "--today", "2026-11-21")
    assert (
        "  Anniversary:   2016-11-28\n  Occasions:     2027-01 baby due\n                 2019-03-02 Lucy's PhD\n"
        in english
    )
    german = run(EXAMPLE_VAULT, "--lang", "de", "show", "Sophie Kramer", "--today", "2026-11-21")
    assert "  Anlässe:         Dezember 2026: Umzug nach Eimsbüttel\n" in german
    document = json.loads(
        run(EXAMPLE_VAULT, "show", "Tom Whitfield", "--today", "2026-11-21", "--format", "json")
    )
    assert document["occasions"] == [
        {"date": "2027-01", "what": "baby due", "line": 26},
        {"date": "2019-03-02", "what": "Lucy's PhD", "line": 27},
    ]


def test_the_reasons_that_hold_on_any_day_give_the_date_or_the_month(vault):
    result, _ = items(vault, {"People/A.md": occasions("- 2026-12 Umzug\n", anniversary="2016-11-28")})
    assert [say.dated_reason(i) for i in result.items] == [
        "anniversary (10 years): on 2026-11-28",
        "Umzug: in December 2026",
    ]
    with_language = language.speaking()
    language.use("de")
    try:
        assert [say.dated_reason(i) for i in result.items] == [
            "Jahrestag (10 Jahre): am 28.11.2026",
            "Umzug: im Dezember 2026",
        ]
    finally:
        language.use(with_language)

"""German as people write it, in notes and on the command line, read the same whatever language
vaultkit speaks: durations (`2 Wochen`, `monatlich`), dates (`21. Nov. 2026`, `17. Mai`), log
kinds (`Anruf`) and the give-and-take tags (`#gegeben`, `#bekommen`)."""

from datetime import date

import pytest
from babel.dates import format_date
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import person
from vaultkit import language
from vaultkit.cli import cli
from vaultkit.config import Config, load_config
from vaultkit.index import load_index
from vaultkit.model import NO_CADENCE, Birthday, Duration
from vaultkit.parse.note import kind_meaning, parse_note
from vaultkit.reports.balance import balance
from vaultkit.values import Unreadable, parse_birthday, parse_date, parse_duration, parse_flag, said

TODAY = "2026-11-21"


@pytest.fixture
def german():
    language.use("de")
    yield
    language.use("en")


# Durations


@pytest.mark.parametrize(
    "written, expected",
    [
        ("10 Tage", Duration(10, "d")),
        ("1 Tag", Duration(1, "d")),
        ("2 Wochen", Duration(2, "w")),
        ("1 Woche", Duration(1, "w")),
        ("3 Monate", Duration(3, "m")),
        ("1 Monat", Duration(1, "m")),
        ("1 Jahr", Duration(1, "y")),
        ("2 Jahre", Duration(2, "y")),
        ("2 WOCHEN", Duration(2, "w")),
        ("3monate", Duration(3, "m")),
        ("alle 2 Wochen", Duration(2, "w")),
        ("alle zwei Wochen", Duration(2, "w")),
        # As vaultkit says a cadence itself (`jeden Monat`), and as German declines it after `nach`.
        ("jede Woche", Duration(1, "w")),
        ("jeden Monat", Duration(1, "m")),
        ("jedes Jahr", Duration(1, "y")),
        ("10 Tagen", Duration(10, "d")),
        ("every week", Duration(1, "w")),
        ("eine Woche", Duration(1, "w")),
        ("every 3 months", Duration(3, "m")),
        ("wöchentlich", Duration(1, "w")),
        ("Wöchentlich", Duration(1, "w")),
        ("woechentlich", Duration(1, "w")),
        ("zweiwöchentlich", Duration(2, "w")),
        ("vierzehntägig", Duration(2, "w")),
        ("monatlich", Duration(1, "m")),
        ("vierteljährlich", Duration(3, "m")),
        ("halbjährlich", Duration(6, "m")),
        ("jährlich", Duration(1, "y")),
        ("Jaehrlich", Duration(1, "y")),
        ("weekly", Duration(1, "w")),
        ("monthly", Duration(1, "m")),
        ("quarterly", Duration(3, "m")),
        ("yearly", Duration(1, "y")),
        ("keiner", NO_CADENCE),
        ("nie", NO_CADENCE),
    ],
)
def test_durations_in_german_words(written, expected):
    assert parse_duration(written) == expected


@pytest.mark.parametrize(
    "written", ["0 Tage", "alle Wochen", "zwei", "2 Wochenenden", "1,5 Monate", "am", "ad"]
)
def test_durations_that_are_none_are_refused(written):
    with pytest.raises(ValueError, match="duration"):
        parse_duration(written)


def test_a_refused_duration_is_said_in_the_language_spoken(german):
    with pytest.raises(Unreadable) as caught:
        parse_duration("manchmal")
    assert (
        str(caught.value)
        == said(caught.value)
        == (
            "'manchmal' ist keine Dauer (etwa 10 Tage, 2 Wochen, 3 Monate, 1 Jahr oder monatlich; kurz 10d, 2w, 3m, 1y)"
        )
    )


_GERMAN_UNITS = {
    "d": ("Tag", "Tage"),
    "w": ("Woche", "Wochen"),
    "m": ("Monat", "Monate"),
    "y": ("Jahr", "Jahre"),
}


@given(st.integers(1, 400), st.sampled_from("dwmy"))
def test_every_duration_written_in_german_words_reads_as_itself(amount, unit):
    singular, plural = _GERMAN_UNITS[unit]
    duration = Duration(amount, unit)
    assert parse_duration(f"{amount} {singular if amount == 1 else plural}") == duration
    assert parse_duration(f"alle {amount} {plural}") == duration
    assert parse_duration(str(duration)) == duration


# Dates


@pytest.mark.parametrize(
    "written, expected",
    [
        ("21. November 2026", date(2026, 11, 21)),
        ("21. Nov. 2026", date(2026, 11, 21)),
        ("21. nov 2026", date(2026, 11, 21)),
        ("21 November 2026", date(2026, 11, 21)),
        ("3. März 2026", date(2026, 3, 3)),
        ("3. Mär 2026", date(2026, 3, 3)),
        ("3. Maerz 2026", date(2026, 3, 3)),
        ("1. Sept. 2026", date(2026, 9, 1)),
        ("1. Sep. 2026", date(2026, 9, 1)),
        ("17. Mai 2026", date(2026, 5, 17)),
        ("1 May 2026", date(2026, 5, 1)),
        ("5. Jänner 2026", date(2026, 1, 5)),
        ("[[21. November 2026]]", date(2026, 11, 21)),
    ],
)
def test_dates_with_the_months_name(written, expected):
    assert parse_date(written) == expected


@pytest.mark.parametrize("written", ["21. Novembar 2026", "21. November", "November 2026", "21. Nov. 26"])
def test_dates_with_no_month_or_year_are_refused(written):
    with pytest.raises(ValueError, match="expected a date"):
        parse_date(written)


def test_a_day_no_month_has_is_said_in_the_language_spoken(german):
    with pytest.raises(Unreadable) as caught:
        parse_date("31. Februar 2026")
    assert (
        str(caught.value)
        == said(caught.value)
        == "'31. Februar 2026' ist kein gültiges Datum (so viele Tage hat der Monat nicht)"
    )
    with pytest.raises(Unreadable) as caught:
        parse_date("01.13.2026")
    assert said(caught.value) == "'01.13.2026' ist kein gültiges Datum (Monate gibt es nur von 1 bis 12)"


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_every_date_as_germans_write_it_reads_as_itself(day):
    assert parse_date(f"{day.day}.{day.month}.{day.year}") == day
    for pattern in ("d. MMMM yyyy", "dd. MMM yyyy", "d. LLL yyyy"):
        assert parse_date(format_date(day, pattern, locale="de")) == day
    assert parse_date(format_date(day, "d MMMM yyyy", locale="en")) == day


@pytest.mark.parametrize(
    "written, expected",
    [
        ("17. Mai", Birthday(5, 17)),
        ("17 mai", Birthday(5, 17)),
        ("1. Dez.", Birthday(12, 1)),
        ("29. Februar", Birthday(2, 29)),
        ("17. Mai 1984", Birthday(5, 17, 1984)),
        ("17.05.", Birthday(5, 17)),
    ],
)
def test_birthdays_with_the_months_name(written, expected):
    assert parse_birthday(written) == expected


@pytest.mark.parametrize("written", ["30. Februar", "17. Maii", "Mai"])
def test_birthdays_no_calendar_has_are_refused(written):
    with pytest.raises(ValueError):
        parse_birthday(written)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)))
def test_a_day_of_no_year_as_vaultkit_says_it_in_german_reads_as_itself(day):
    language.use("de")
    try:
        said_day = language.month_day(day.month, day.day)  # `17. Mai`
    finally:
        language.use("en")
    assert parse_birthday(said_day) == Birthday(day.month, day.day)


@pytest.mark.parametrize("written, expected", [("ja", True), ("Nein", False), ("an", True), ("aus", False)])
def test_checkboxes_in_german(written, expected):
    assert parse_flag(written) is expected


# In a note


def test_a_notes_german_dates_and_durations_read_the_same_in_either_language(vault):
    root = vault(
        {
            ".vaultkit.toml": '[cadence]\ndefault = "halbjährlich"\n[cadence.circles]\nclose = "Monatlich"\n',
            "People/A.md": person(
                cadence="alle 2 Wochen",
                cadence_max="1 Monat",
                birthday="17. Mai",
                anniversary="3. März 2010",
                last_contact="21. Okt. 2026",
            ),
        }
    )
    read = []
    for spoken in ("de", "en"):
        language.use(spoken)
        read.append(load_index(root))
    language.use("en")
    contact = read[0].contacts["A"]
    assert (contact.cadence, contact.cadence_max) == (Duration(2, "w"), Duration(1, "m"))
    assert (contact.birthday, contact.anniversary) == (Birthday(5, 17), Birthday(3, 3, 2010))
    assert contact.last_contact == date(2026, 10, 21)
    config = load_config(root)
    assert (config.default_cadence, config.circle_cadences["close"]) == (Duration(6, "m"), Duration(1, "m"))
    assert read[1].contacts["A"] == contact
    assert [d.message for index in read for d in index.diagnostics] == []


GERMAN_NOTE = """---
cadence: alle 2 Wochen
cadence_max: 1 Monat
birthday: 17. Mai
anniversary: 3. März 2010
last_contact: 21. Okt. 2026
---
## Log
- 21. Okt. 2026 Anruf: über die Ausstellung #gegeben
- 3. Sept. 2026: Kaffee am Hafen #bekommen
- 2026-08-01 E-Mail: Fotos geschickt
## 12. Juli 2026, Sonntag
Sommerfest
"""


def test_a_note_written_in_german_reads_the_same_in_either_language(german):
    note = parse_note("People/A.md", GERMAN_NOTE.encode(), Config())
    contact = note.contact
    assert contact is not None
    assert (contact.cadence, contact.cadence_max) == (Duration(2, "w"), Duration(1, "m"))
    assert (contact.birthday, contact.anniversary) == (Birthday(5, 17), Birthday(3, 3, 2010))
    assert contact.last_contact == date(2026, 10, 21)
    assert [(e.date, e.kind, e.text, e.gave, e.got) for e in contact.log] == [
        (date(2026, 10, 21), "Anruf", "über die Ausstellung #gegeben", True, False),
        (date(2026, 9, 3), None, "Kaffee am Hafen #bekommen", False, True),
        (date(2026, 8, 1), "E-Mail", "Fotos geschickt", False, False),
        (date(2026, 7, 12), None, "Sommerfest", False, False),
    ]
    assert note.diagnostics == ()
    language.use("en")
    assert parse_note("People/A.md", GERMAN_NOTE.encode(), Config()) == note


def test_a_notes_diagnostics_made_in_german_are_said_in_the_language_they_are_shown_in(german):
    note = parse_note("People/A.md", person(cadence="manchmal").encode(), Config())
    assert [d.message for d in note.diagnostics] == [
        "cadence: 'manchmal' ist keine Dauer (etwa 10 Tage, 2 Wochen, 3 Monate, 1 Jahr oder monatlich; "
        "kurz 10d, 2w, 3m, 1y)"
    ]
    language.use(language.ENGLISH)
    assert [d.message for d in note.diagnostics] == [
        "cadence: expected a duration like 10d, 2w, 1m, 1y or monthly, got 'manchmal'"
    ]


def test_german_kinds_mean_the_english_ones_and_are_kept_as_written():
    assert [kind_meaning(k) for k in ("Anruf", "Kaffee", "Treffen", "Mail", "E-Mail", "Nachricht")] == [
        "call",
        "coffee",
        "meeting",
        "mail",
        "mail",
        "message",
    ]
    assert (kind_meaning("email"), kind_meaning("Call"), kind_meaning("Segeln"), kind_meaning(None)) == (
        "mail",
        "call",
        "segeln",
        None,
    )


def test_gegeben_and_bekommen_count_as_gave_and_got(vault):
    root = vault(
        {"People/A.md": person("- 2026-01-01 a #gegeben\n- 2026-01-02 b #gave\n- 2026-01-03 c #bekommen\n")}
    )
    account = balance(load_index(root), date(2026, 11, 21)).accounts[0]
    assert (account.gave, account.got) == (2, 1)
    assert load_index(root).contacts["A"].tags == ()  # markers of entries, not tags of the person


# On the command line


@pytest.fixture
def run(vault):
    root = vault(
        {
            "People/Anna.md": person("- 2026-10-01 Anruf: Umzug besprochen\n", last_contact="2026-10-01"),
            "People/Ben.md": person(),
        }
    )

    def invoke(*args: str, lang: str = "en"):
        command = [args[0], "--today", TODAY, *args[1:]]
        return CliRunner().invoke(
            cli, ["--lang", lang, "--vault", str(root), *command], catch_exceptions=False
        )

    invoke.root = root
    return invoke


def front_matter(run, name: str) -> str:
    return (run.root / f"People/{name}.md").read_text().split("---\n")[1]


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize(
    "key, typed, written",
    [
        ("birthday", "17. Mai", "--05-17"),  # a date however typed is written as ISO
        ("birthday", "17. Mai 1984", "1984-05-17"),
        ("birthday", "17.05.", "--05-17"),
        ("anniversary", "3. März 2010", "2010-03-03"),
        ("last_contact", "21. Nov. 2026", "2026-11-21"),
        ("last_contact", "21.11.2026", "2026-11-21"),
        ("cadence", "alle 2 Wochen", "alle 2 Wochen"),
        ("cadence_max", "vierteljährlich", "vierteljährlich"),
        ("paused", "ja", "true"),
    ],
)
def test_set_takes_german_forms_in_either_language(run, lang, key, typed, written):
    result = run("set", "Ben", key, typed, lang=lang)
    assert result.exit_code == 0, result.output
    assert front_matter(run, "Ben") == f"{key}: {written}\n"


def test_what_set_writes_reads_back_as_typed(run):
    run("set", "Ben", "cadence", "alle 2 Wochen")
    run("set", "Ben", "birthday", "17. Mai")
    contact = load_index(run.root).contacts["Ben"]
    assert (contact.cadence, contact.birthday) == (Duration(2, "w"), Birthday(5, 17))


@pytest.mark.parametrize(
    "lang, args, message",
    [
        (
            "en",
            ("set", "Ben", "cadence", "manchmal"),
            "cadence: expected a duration like 10d, 2w, 1m, 1y or monthly, got 'manchmal'",
        ),
        (
            "de",
            ("set", "Ben", "cadence", "manchmal"),
            "cadence: 'manchmal' ist keine Dauer (etwa 10 Tage, 2 Wochen, 3 Monate, 1 Jahr oder monatlich; "
            "kurz 10d, 2w, 3m, 1y)",
        ),
        (
            "de",
            ("set", "Ben", "birthday", "30. Februar"),
            "birthday: '30. Februar' ist kein gültiges Datum (so viele Tage hat der Monat nicht)",
        ),
        (
            "de",
            ("set", "Ben", "birthday", "irgendwann"),
            "birthday: 'irgendwann' ist kein Geburtstag (etwa 17.05.1984, 17. Mai 1984, 17.05., 17. Mai oder "
            "1984-05-17)",
        ),
        (
            "de",
            ("set", "Ben", "last_contact", "1. Dez. 2026"),
            "last_contact: 01.12.2026 liegt in der Zukunft (heute ist der 21.11.2026); ein geplanter Kontakt "
            "gehört in next_contact",
        ),
        (
            "de",
            ("set", "Ben", "paused", "vielleicht"),
            "paused: 'vielleicht' ist weder ja noch nein (möglich sind ja/nein, true/false, an/aus)",
        ),
        ("de", ("set", "Ben", "status", "weg"), "status: 'weg' ist nicht active, reserve oder archived"),
        (
            "en",
            ("snooze", "Ben", "bald"),
            "expected a duration like 2w or 1m, or a date like 2026-12-15, got 'bald'",
        ),
        (
            "de",
            ("snooze", "Ben", "bald"),
            "'bald' ist weder eine Dauer (etwa 2 Wochen oder 1 Monat) noch ein Datum (etwa 15.12.2026)",
        ),
        ("de", ("snooze", "Ben", "1. Okt. 2026"), "01.10.2026 liegt in der Vergangenheit"),
        (
            "de",
            ("snooze", "Ben", "keiner"),
            "snooze braucht eine Dauer oder ein Datum; um gar nicht mehr erinnert zu werden, setz paused",
        ),
        (
            "de",
            ("log", "Ben", "x", "--date", "1. Dez. 2026"),
            "der 01.12.2026 liegt in der Zukunft (heute ist der 21.11.2026); ins Log kommt, was schon war, ein "
            "geplanter Kontakt gehört in next_contact",
        ),
        (
            "de",
            ("log", "Ben", "Anruf: Umzug"),
            "der Text beginnt mit 'Anruf:', was das Log als Art des Kontakts liest; gib --kind an oder "
            "formulier ihn um",
        ),
        (
            "de",
            ("log", "Ben", "x", "--kind", "Mail:x"),
            "die Art 'Mail:x' muss ein einzelnes Wort ohne ':' und '#' sein (Anruf, Kaffee …)",
        ),
    ],
)
def test_refused_forms_are_said_in_the_language_spoken(run, lang, args, message):
    before = front_matter(run, args[1])
    result = run(*args, lang=lang)
    assert (result.exit_code, result.output) == (2, f"vaultkit: {message}\n")
    assert front_matter(run, args[1]) == before


def test_gave_and_got_at_once_are_refused_in_german(run):
    result = run("log", "Ben", "x", "--gave", "--got", lang="de")
    assert (result.exit_code, result.output) == (2, "vaultkit: --gave und --got schließen einander aus\n")


def test_log_date_in_words_is_refused_by_click_in_german(run):
    result = run("log", "Ben", "x", "--date", "32. Mai 2026", lang="de")
    assert result.exit_code == 2
    assert "'32. Mai 2026' ist kein gültiges Datum (so viele Tage hat der Monat nicht)" in result.output


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize(
    "until, snoozed",
    [
        ("2 Wochen", "2026-12-05"),
        ("alle 3 Monate", "2027-02-21"),
        ("1 Jahr", "2027-11-21"),
        ("24. Dez. 2026", "2026-12-24"),
    ],
)
def test_snooze_takes_german_durations_and_dates(run, lang, until, snoozed):
    assert run("snooze", "Ben", until, lang=lang).exit_code == 0
    assert front_matter(run, "Ben") == f"snooze_until: {snoozed}\n"


def test_log_takes_german_dates_and_kinds_and_writes_iso(run):
    result = run(
        "log", "Ben", "Kaffee am Hafen", "--kind", "Kaffee", "--date", "12. Nov. 2026", "--gave", lang="de"
    )
    assert result.exit_code == 0, result.output
    text = (run.root / "People/Ben.md").read_text()
    assert "## Log\n- 2026-11-12 Kaffee: Kaffee am Hafen #gave\n" in text
    assert "last_contact: 2026-11-12\n" in text


def test_log_adds_no_gave_tag_to_a_text_that_says_gegeben(run):
    assert run("log", "Ben", "Umzugshilfe #gegeben", "--gave").exit_code == 0
    assert "- 2026-11-21 Umzugshilfe #gegeben\n" in (run.root / "People/Ben.md").read_text()


def test_an_entry_logged_again_in_the_other_language_is_already_logged(run):
    before = (run.root / "People/Anna.md").read_bytes()
    result = run("log", "Anna", "Umzug besprochen", "--kind", "call", "--date", "2026-10-01")
    assert result.output.startswith("already logged")
    assert (run.root / "People/Anna.md").read_bytes() == before


def test_a_log_with_dates_in_words_takes_a_new_entry_in_date_order(vault):
    root = vault({"People/C.md": person("- 3. Sept. 2026 erstes\n- 21. Okt. 2026 zweites\n")})
    args = ["--vault", str(root), "log", "C", "dazwischen", "--date", "1. Okt. 2026", "--today", TODAY]
    assert CliRunner().invoke(cli, args, catch_exceptions=False).exit_code == 0
    assert (
        (root / "People/C.md")
        .read_text()
        .endswith("- 3. Sept. 2026 erstes\n- 2026-10-01 dazwischen\n- 21. Okt. 2026 zweites\n")
    )

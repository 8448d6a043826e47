"""A dated note's date: its properties, the daily notes format, its file name, an inline field."""

import re
from datetime import date, datetime

import pytest

from vaultkit.config import Config
from vaultkit.obsidian import DailyNotes
from vaultkit.parse.dates import note_date
from vaultkit.parse.note import parse_note

JUNE_14 = date(2024, 6, 14)


def dated(path, properties=None, inline=None, config=None):
    return note_date(path, properties or {}, inline or {}, config or Config())


def daily(folder="Daily", moment="YYYY-MM-DD"):
    return Config(daily_notes=(DailyNotes(folder, moment, ".obsidian/daily-notes.json"),))


# --- properties -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [JUNE_14, datetime(2024, 6, 14, 22, 47), "2024-06-14", "[[2024-06-14]]"])
def test_the_date_property_dates_the_note(value):
    assert dated("Notes/Lunch.md", {"date": value}) == JUNE_14


def test_the_date_property_wins_over_the_file_name():
    assert dated("Daily/2023-01-01.md", {"date": "2024-06-14"}, config=daily()) == JUNE_14


def test_a_datetime_property_dates_a_note_without_a_date_property():
    assert dated("Notes/Call.md", {"datetime": "2024-06-14T22:47"}) == JUNE_14
    assert dated("Notes/Call.md", {"datetime": "2024-06-14 22:47", "date": "2024-06-15"}) == date(2024, 6, 15)


@pytest.mark.parametrize("empty", [None, "", "   ", [], {}, True, 7, "soon", "2024-02-30"])
def test_an_empty_or_unusable_date_property_does_not_hide_the_date_in_the_file_name(empty):
    assert dated("Meetings/2024-06-14 Kickoff.md", {"date": empty}) == JUNE_14
    assert dated("Notes/Kickoff.md", {"date": empty}) is None


def test_an_unusable_date_property_falls_back_to_the_datetime_property():
    assert dated("Notes/Call.md", {"date": "someday", "datetime": "2024-06-14T10:00"}) == JUNE_14


# --- the file name ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "Daily/2024-06-14.md",
        "Meetings/Meeting - 2024-06-14 2247.md",
        "Meetings/Kickoff 2024-06-14.md",
        "Notes/20240614.md",
        "Notes/Call 20240614.md",
        "Notes/14.06.2024 Stammtisch.md",
        "Notes/Stammtisch 14.6.2024.md",
        "Notes/2024-06-14T2247 Call.md",
        "Notes/2024-02-30 then 2024-06-14.md",  # the first real date
        "Notes/20231399 2024-06-14.md",
        "Notes/Stammtisch 14. Juni 2024.md",
        "Notes/14. Jun. 2024 Stammtisch.md",
        "Notes/Meeting 14 June 2024.md",
        "Notes/Top 3 Ideen 2024 vom 14. Juni 2024.md",  # a month's name, not any word
    ],
)
def test_a_date_anywhere_in_the_file_name_dates_the_note(path):
    assert dated(path) == JUNE_14


@pytest.mark.parametrize(
    "path",
    [
        "Notes/20231399.md",  # month 13: no date
        "Notes/18991231.md",  # eight digits make a date of 1900–2100 only
        "Notes/21010101.md",
        "Notes/120240614.md",  # nine digits are a number, not a date
        "Notes/2024-06-145.md",
        "Notes/Phone 0170 2024061.md",
        "Notes/2024-06.md",
        "People/Anna.md",
        "Notes/v14.06.md",
        "Notes/Top 14 Ideen 2024.md",
        "Notes/31. Juni 2024.md",
    ],
)
def test_a_file_name_without_a_real_date_dates_nothing(path):
    assert dated(path) is None


def test_the_date_in_a_folder_name_does_not_date_the_note():
    assert dated("Archive/2024-06-14/Notes.md") is None


def test_a_configured_date_pattern_replaces_the_file_name_rule():
    at_start = Config(date_pattern=re.compile(r"^(\d{4}-\d{2}-\d{2})"))
    assert dated("Notes/2024-06-14 Kickoff.md", config=at_start) == JUNE_14
    assert dated("Notes/Kickoff 2024-06-14.md", config=at_start) is None
    reversed_ = Config(date_pattern=re.compile(r"@(\d{8})"))
    assert dated("Notes/20230101 call @20240614.md", config=reversed_) == JUNE_14


# --- Obsidian's daily notes format ------------------------------------------------------------


def test_a_daily_note_is_dated_by_the_daily_notes_format():
    config = daily("Journal", "DD.MM.YY")
    assert dated("Journal/14.06.24.md", config=config) == JUNE_14


def test_a_daily_notes_format_with_folders_dates_the_path_below_the_daily_folder():
    config = daily("Journal", "YYYY/MM-MMMM/dddd, MMMM Do YYYY")
    assert dated("Journal/2024/06-June/Friday, June 14th 2024.md", config=config) == JUNE_14
    assert dated("journal/2024/06-June/Friday, June 14th 2024.md", config=config) == JUNE_14


def test_the_daily_notes_format_wins_over_the_file_name_rule_in_the_daily_folder():
    # A vault whose daily notes are YYYY-DD-MM: in their folder, the format says what they mean.
    config = daily("Daily", "YYYY-DD-MM")
    assert dated("Daily/2024-14-06.md", config=config) == JUNE_14
    assert dated("Daily/2024-03-05.md", config=config) == date(2024, 5, 3)


def test_a_non_distinctive_daily_format_dates_only_notes_below_the_daily_folder():
    config = daily("Journal", "DD.MM.YY")
    assert dated("Journal/Archive/14.06.24.md", config=config) == JUNE_14
    assert dated("Notes/14.06.24.md", config=config) is None
    assert dated("14.06.24.md", config=daily("", "DD.MM.YY")) == JUNE_14
    assert dated("Notes/14.06.24.md", config=daily("", "DD.MM.YY")) is None


def test_a_distinctive_daily_format_dates_a_note_so_named_anywhere():
    config = daily("Journal", "dddd, MMMM Do YYYY")
    assert dated("Archive/Old/Friday, June 14th 2024.md", config=config) == JUNE_14
    assert dated("Archive/Friday, June 14th.md", config=config) is None


def test_a_daily_note_outside_its_month_folder_is_dated_by_its_name():
    config = daily("Journal", "YYYY/MM/YYYY-MM-DD")
    assert dated("Journal/2024/05/2024-06-14.md", config=config) == JUNE_14


def test_the_file_name_rule_wins_over_the_daily_format_outside_the_daily_folder():
    config = daily("Journal", "YYYY-DD-MM")
    assert dated("Meetings/2024-03-05.md", config=config) == date(2024, 3, 5)


def test_a_configured_date_pattern_wins_over_the_daily_format_outside_the_daily_folder():
    config = Config(
        date_pattern=re.compile(r"^(\d{4}-\d{2}-\d{2})"),
        daily_notes=(DailyNotes("Journal", "YYYY-DD-MM", "x"),),
    )
    assert dated("Notes/2024-03-05.md", config=config) == date(2024, 3, 5)
    assert dated("Journal/2024-03-05.md", config=config) == date(2024, 5, 3)


def test_each_daily_notes_setting_is_tried_in_turn():
    config = Config(daily_notes=(DailyNotes("Periodic", "YYYYMMDD", "p"), DailyNotes("Old", "DD.MM.YY", "d")))
    assert dated("Periodic/20240614.md", config=config) == JUNE_14
    assert dated("Old/14.06.24.md", config=config) == JUNE_14


def test_a_daily_format_that_names_no_full_date_dates_nothing():
    assert dated("Weekly/2024-W24.md", config=daily("Weekly", "gggg-[W]ww")) is None


# --- inline fields ----------------------------------------------------------------------------


def test_an_inline_date_field_dates_a_note_nothing_else_dates():
    assert dated("Notes/Call.md", inline={"date": "2024-06-14"}) == JUNE_14
    assert dated("Notes/Call.md", inline={"date": ["soon", "14.06.2024"]}) == JUNE_14


def test_an_inline_date_field_comes_after_the_properties_and_the_file_name():
    assert dated("Notes/Call 2024-06-14.md", inline={"date": "2023-03-05"}) == JUNE_14
    assert dated("Notes/Call.md", {"date": "2024-06-14"}, {"date": "2023-03-05"}) == JUNE_14
    assert dated("Notes/Call.md", {"date": ""}, {"date": "2024-06-14"}) == JUNE_14


# --- through the note parser ------------------------------------------------------------------


def test_a_parsed_note_with_an_empty_date_property_is_dated_by_its_file_name():
    note = parse_note("Meetings/Kickoff 2024-06-14.md", b"---\ndate:\n---\nMet [[Anna]].\n", Config())
    assert note.date == JUNE_14
    assert note.diagnostics == ()


def test_a_parsed_note_with_an_unusable_date_is_reported_and_dated_by_its_file_name():
    note = parse_note("Meetings/2024-06-14.md", b"---\ndate: next friday\n---\n", Config())
    assert note.date == JUNE_14
    assert [(d.line, d.code) for d in note.diagnostics] == [(2, "bad-date")]


def test_a_parsed_note_with_an_impossible_date_in_its_name_is_undated():
    assert parse_note("Notes/20231399.md", b"Met [[Anna]].\n", Config()).date is None


def test_a_parsed_daily_note_is_dated_by_the_daily_notes_format():
    note = parse_note("Journal/Friday, June 14th 2024.md", b"", daily("Journal", "dddd, MMMM Do YYYY"))
    assert note.date == JUNE_14

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.cadence import add
from vaultkit.model import NO_CADENCE, Birthday, Duration
from vaultkit.values import (
    fold,
    link_target,
    parse_birthday,
    parse_date,
    parse_duration,
    unlink,
)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2026-03-03", date(2026, 3, 3)),
        ("03.03.2026", date(2026, 3, 3)),
        ("3.3.2026", date(2026, 3, 3)),
        ("2026-03-03T14:30", date(2026, 3, 3)),
        ("2026-03-03 14:30:00+01:00", date(2026, 3, 3)),
        ("[[2026-03-03]]", date(2026, 3, 3)),
        (date(2026, 3, 3), date(2026, 3, 3)),
        (datetime(2026, 3, 3, 23, 59), date(2026, 3, 3)),
    ],
)
def test_dates_are_read_in_iso_german_and_datetime_forms(written, expected):
    assert parse_date(written) == expected


@pytest.mark.parametrize("written", ["2026-02-30", "31.04.2026", "yesterday", "2026/03/03", 20260303, ""])
def test_unusable_dates_raise_a_readable_error(written):
    with pytest.raises(ValueError, match="date"):
        parse_date(written)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("1984-05-17", Birthday(5, 17, 1984)),
        (date(1984, 5, 17), Birthday(5, 17, 1984)),
        ("--05-17", Birthday(5, 17)),
        ("--0517", Birthday(5, 17)),
        ("05-17", Birthday(5, 17)),
        ("17.05.", Birthday(5, 17)),
        ("17.5", Birthday(5, 17)),
        ("17.05.1984", Birthday(5, 17, 1984)),
        ("--02-29", Birthday(2, 29)),
        ("1988-02-29", Birthday(2, 29, 1988)),
    ],
)
def test_birthdays_with_and_without_year(written, expected):
    assert parse_birthday(written) == expected


@pytest.mark.parametrize("written", ["--02-30", "13-01", "31.11.", "1987-02-29", "soon"])
def test_impossible_birthdays_are_rejected(written):
    with pytest.raises(ValueError):
        parse_birthday(written)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("10d", Duration(10, "d")),
        ("2w", Duration(2, "w")),
        ("1m", Duration(1, "m")),
        ("3 months", Duration(3, "m")),
        ("1y", Duration(1, "y")),
        ("weekly", Duration(1, "w")),
        ("Monthly", Duration(1, "m")),
        ("quarterly", Duration(3, "m")),
        ("yearly", Duration(1, "y")),
        ("none", NO_CADENCE),
    ],
)
def test_durations(written, expected):
    assert parse_duration(written) == expected


@pytest.mark.parametrize("written", ["0d", "2", "fortnight-ish", 14, "1.5m"])
def test_bad_durations_are_rejected(written):
    with pytest.raises(ValueError, match="duration"):
        parse_duration(written)


def test_fold_ignores_case_accents_and_spacing():
    assert fold("Jürgen") == fold("JURGEN") == fold("jurgen") == fold("  Jürgen ")
    assert fold("Marie  Lefèvre") == "marie lefevre"
    assert fold("Straße") == fold("STRASSE")
    assert fold("Mehmet Yılmaz") == fold("MEHMET YILMAZ") == "mehmet yilmaz"
    assert fold("Søren Kierkegaard") == "soren kierkegaard"


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_folds_to_its_lower_case_with_single_spaces(text):
    assert fold(text) == " ".join(text.lower().split())


@given(st.text(alphabet="aeiouAEIOU \t", max_size=30))
def test_accented_text_folds_as_the_same_text_unaccented(text):
    accented = text.translate(str.maketrans("aeiouAEIOU", "áèîöũÄÉÎÒÙ"))
    assert fold(accented) == fold(text)


@pytest.mark.parametrize(
    "written, target",
    [
        ("[[Marie Lefèvre]]", "Marie Lefèvre"),
        ("[[Marie Lefèvre|Marie]]", "Marie Lefèvre"),
        ("[[Marie Lefèvre#Log]]", "Marie Lefèvre"),
        ("[[Marie Lefèvre#Log|her log]]", "Marie Lefèvre"),
        ("[[Marie Lefèvre^block]]", "Marie Lefèvre"),
        ("Marie", None),
    ],
)
def test_link_targets(written, target):
    assert link_target(written) == target
    assert unlink(written) == (target or written)


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_every_date_round_trips_through_iso_and_german_forms(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day:02d}.{day.month:02d}.{day.year:04d}") == day


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_every_birthday_round_trips_through_its_iso_form(day):
    birthday = parse_birthday(day.isoformat())
    assert parse_birthday(birthday.iso()) == birthday
    assert parse_birthday(Birthday(birthday.month, birthday.day).iso()) == Birthday(day.month, day.day)


@pytest.mark.parametrize(
    "start, duration, expected",
    [
        (date(2026, 11, 21), Duration(10, "d"), date(2026, 12, 1)),
        (date(2026, 11, 21), Duration(2, "w"), date(2026, 12, 5)),
        (date(2026, 11, 21), Duration(3, "m"), date(2027, 2, 21)),
        (date(2026, 1, 31), Duration(1, "m"), date(2026, 2, 28)),
        (date(2024, 2, 29), Duration(1, "y"), date(2025, 2, 28)),
        (date(2026, 12, 31), Duration(14, "m"), date(2028, 2, 29)),
    ],
)
def test_durations_add_calendar_months_and_years(start, duration, expected):
    assert add(start, duration) == expected

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from vaultkit.cadence import (
    add,
    age_turning,
    birthday_in,
    born_after,
    cadence_for,
    next_birthday,
    plus_half,
)
from vaultkit.config import Config
from vaultkit.model import Birthday, Contact, Duration

D, W, M, Y = (lambda n, u=u: Duration(n, u) for u in "dwmy")


@pytest.mark.parametrize(
    "start, period, expected",
    [
        (date(2026, 1, 31), M(1), date(2026, 2, 28)),
        (date(2028, 1, 31), M(1), date(2028, 2, 29)),
        (date(2026, 3, 31), M(1), date(2026, 4, 30)),
        (date(2026, 11, 30), M(3), date(2027, 2, 28)),
        (date(2026, 12, 15), M(1), date(2027, 1, 15)),
        (date(2028, 2, 29), Y(1), date(2029, 2, 28)),
        (date(2028, 2, 29), Y(4), date(2032, 2, 29)),
        (date(2026, 1, 1), W(2), date(2026, 1, 15)),
        (date(2026, 12, 25), D(10), date(2027, 1, 4)),
    ],
)
def test_calendar_months_clamp_to_the_end_of_the_month(start, period, expected):
    assert add(start, period) == expected


@pytest.mark.parametrize(
    "period, expected",
    [
        (M(1), date(2026, 4, 18)),  # 1m + 15 days
        (M(2), date(2026, 6, 3)),  # 2m + 1m
        (M(3), date(2026, 7, 18)),  # 3m + 1m + 15 days
        (Y(1), date(2027, 9, 3)),  # 1y + 6m
        (W(1), date(2026, 3, 14)),  # 7 + 4 days (half days round up)
        (D(10), date(2026, 3, 18)),  # 10 + 5 days
    ],
)
def test_default_maximum_is_the_ideal_plus_half_of_it(period, expected):
    assert plus_half(date(2026, 3, 3), period) == expected


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(1, 36),
    st.sampled_from("dwmy"),
)
def test_adding_a_period_always_moves_forward_and_never_past_the_next_period(start, amount, unit):
    period = Duration(amount, unit)
    later = add(start, period)
    assert later > start
    assert add(start, period, 2) >= later
    assert plus_half(start, period) > later
    if unit == "m":
        months = (later.year - start.year) * 12 + later.month - start.month
        assert months == amount and later.day <= start.day


@pytest.mark.parametrize(
    "start, period",
    [
        (date(9999, 12, 25), D(7)),
        (date(9999, 12, 25), W(1)),
        (date(9999, 12, 1), M(1)),
        (date(9999, 1, 1), Y(1)),
        (date(2026, 1, 1), Y(99999)),
        (date(2026, 1, 1), D(999_999_999)),
    ],
)
def test_a_period_that_ends_past_the_calendar_ends_on_its_last_day(start, period):
    assert add(start, period) == date.max
    assert plus_half(start, period) == date.max


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(1, 24))
def test_adding_months_keeps_the_day_unless_the_month_is_too_short(start, months):
    later = add(start, M(months))
    assert later.day == start.day or (later + timedelta(days=1)).day == 1


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
)
def test_next_birthday_is_within_a_year_and_on_the_right_day(born, today):
    assume(born <= today)
    birthday = Birthday(born.month, born.day, born.year)
    day = next_birthday(birthday, today)
    assert day >= today and (day - today).days <= 366
    if (born.month, born.day) != (2, 29):
        assert (day.month, day.day) == (born.month, born.day)


def test_29_february_birthdays_fall_on_28_february_in_other_years():
    leap_born = Birthday(2, 29, 1988)
    assert birthday_in(leap_born, 2027) == date(2027, 2, 28)
    assert birthday_in(leap_born, 2028) == date(2028, 2, 29)
    assert next_birthday(leap_born, date(2027, 2, 28)) == date(2027, 2, 28)
    assert next_birthday(leap_born, date(2027, 3, 1)) == date(2028, 2, 29)


def test_a_birth_date_still_to_come_has_no_next_birthday():
    assert born_after(Birthday(11, 22, 2026), date(2026, 11, 21))
    assert not born_after(Birthday(11, 21, 2026), date(2026, 11, 21))
    assert not born_after(Birthday(11, 22), date(2026, 11, 21))
    assert next_birthday(Birthday(11, 25, 2030), date(2026, 11, 21)) is None
    assert next_birthday(Birthday(11, 21, 2026), date(2026, 11, 21)) == date(2026, 11, 21)


def test_no_next_birthday_past_the_calendar_s_end():
    assert next_birthday(Birthday(12, 31), date(9999, 12, 31)) == date(9999, 12, 31)
    assert next_birthday(Birthday(1, 5, 1980), date(9999, 12, 20)) is None


def test_age_is_known_only_with_a_year():
    assert age_turning(Birthday(12, 2, 1971), date(2026, 12, 2)) == 55
    assert age_turning(Birthday(12, 2), date(2026, 12, 2)) is None


def contact(**fields):
    return Contact(id="A", path="People/A.md", name="A", **fields)


CONFIG = Config(tag_cadences=(("family", W(2)), ("kiel", M(2))))


def test_own_cadence_wins_over_tag_rule_and_circle():
    chosen = cadence_for(contact(cadence=D(10), tags=("family",), circle="close"), CONFIG)
    assert (chosen.ideal, chosen.rule) == (D(10), "own cadence")


def test_first_matching_tag_rule_wins_over_circle():
    chosen = cadence_for(contact(tags=("kiel", "family"), circle="close"), CONFIG)
    assert (chosen.ideal, chosen.rule) == (W(2), "tag rule family")


def test_nested_tag_matches_its_parent_rule():
    assert cadence_for(contact(tags=("family/cousins",)), CONFIG).rule == "tag rule family"


def test_circle_then_vault_default():
    assert cadence_for(contact(circle="close"), CONFIG).describe() == "close circle, every 1m"
    assert cadence_for(contact(), CONFIG).describe() == "vault default, every 6m"


def test_none_means_no_cadence_at_the_deciding_level():
    assert cadence_for(contact(cadence="none", circle="close"), CONFIG) is None
    assert cadence_for(contact(circle="reserve"), CONFIG) is None


def test_cadence_max_sets_the_overdue_day():
    chosen = cadence_for(contact(circle="network", cadence_max=M(6)), CONFIG)
    assert chosen.overdue_on(date(2026, 1, 31)) == date(2026, 7, 31)
    assert chosen.describe() == "network circle, every 3m, at most 6m"

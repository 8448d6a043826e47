import re
from datetime import date

import pytest

from tests.conftest import EXAMPLE_VAULT, meeting, person
from vaultkit.activity import Ledger, gather
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.render import text_pieces
from vaultkit.render.speech import agenda as say
from vaultkit.render.speech.agenda import shorten
from vaultkit.reports.agenda import agenda

TODAY = date(2026, 11, 21)


def items(vault, files, today=TODAY, days=14):
    root = vault(files)
    index = load_index(root)
    result = agenda(index, gather(index, today), load_config(root), days)
    return [(i.kind, i.contact, i.date) for i in result.items], result


def test_contact_is_due_on_the_day_the_ideal_period_has_passed(vault):
    found, _ = items(vault, {"People/A.md": person(circle="close", last_contact="2026-10-21")})
    assert found == [("due", "A", date(2026, 11, 21))]
    found, _ = items(vault, {"People/A.md": person(circle="close", last_contact="2026-10-22")})
    assert found == []


def test_contact_is_overdue_on_the_day_the_maximum_has_passed(vault):
    # close = 1m, maximum 1m + 15 days: 2026-10-06 + 1m = 11-06, + 15 days = 11-21.
    found, _ = items(vault, {"People/A.md": person(circle="close", last_contact="2026-10-06")})
    assert found == [("overdue", "A", date(2026, 11, 21))]
    found, _ = items(vault, {"People/A.md": person(circle="close", last_contact="2026-10-07")})
    assert found == [("due", "A", date(2026, 11, 7))]


def test_month_end_last_contact_is_due_at_the_end_of_the_shorter_month(vault):
    found, _ = items(
        vault, {"People/A.md": person(circle="close", last_contact="2026-01-31")}, today=date(2026, 2, 28)
    )
    assert found == [("due", "A", date(2026, 2, 28))]


def test_at_the_end_of_the_calendar_the_agenda_looks_ahead_to_its_last_day(vault):
    found, _ = items(
        vault,
        {
            "People/A.md": person(
                last_contact="9999-11-01", cadence="1m", cadence_max="1y", next_contact="9999-12-31"
            )
        },
        today=date(9999, 12, 20),
        days=3660,
    )
    assert found == [("due", "A", date(9999, 12, 1)), ("follow_up", "A", date(9999, 12, 31))]


def test_a_cadence_that_ends_past_the_calendar_leaves_the_contact_not_due(vault):
    found, _ = items(vault, {"People/A.md": person(last_contact="2026-01-01", cadence="99999y")})
    assert found == []


@pytest.mark.parametrize(
    "field",
    ["snooze_until: 2026-12-15", "paused: true", "circle: reserve", "status: reserve", "status: archived"],
)
def test_snoozed_paused_reserve_and_archived_get_no_cadence_items(vault, field):
    key, value = field.split(": ")
    found, _ = items(vault, {"People/A.md": person(last_contact="2025-01-01", **{key: value})})
    assert found == []


def test_snooze_ends_on_its_day(vault):
    found, _ = items(vault, {"People/A.md": person(last_contact="2025-01-01", snooze_until="2026-11-21")})
    assert [kind for kind, _, _ in found] == ["overdue"]


@pytest.mark.parametrize("field", ["snooze_until: 2026-12-15", "paused: true", "circle: reserve"])
def test_birthdays_still_show_for_snoozed_paused_and_reserve(vault, field):
    key, value = field.split(": ")
    found, _ = items(
        vault, {"People/A.md": person(birthday="--11-25", last_contact="2025-01-01", **{key: value})}
    )
    assert found == [("birthday", "A", date(2026, 11, 25))]


def test_archived_contacts_get_nothing_at_all(vault):
    found, _ = items(
        vault,
        {
            "People/A.md": person(status="archived", birthday="--11-25", next_contact="2026-11-22"),
            "Daily/2026-11-20.md": "- [ ] call [[A]] 📅 2026-11-23\n",
        },
    )
    assert found == []


def test_never_contacted_contacts_are_not_on_the_agenda(vault):
    found, _ = items(vault, {"People/A.md": person(circle="inner")})
    assert found == []


def test_contacts_nobody_has_been_in_touch_with_are_counted_but_for_those_decided_about(vault):
    found, result = items(
        vault,
        {
            "People/New.md": person(circle="inner", cadence="1w"),
            "People/Linked.md": person(connected="2024-03-03", how_met="LinkedIn"),
            "People/Reserve.md": person(circle="reserve"),
            "People/Archived.md": person(status="archived"),
            "People/Paused.md": person(paused="true"),
            "People/Snoozed.md": person(snooze_until="2026-12-01"),
            "People/Met.md": person(met="2026-11-20"),
            "People/Logged.md": person(log="- 2026-11-01 call: hallo\n"),
            "People/Mentioned.md": person(),
            "Daily/2026-11-02.md": "[[Mentioned]] getroffen\n",
        },
    )
    assert found == []
    assert result.never_in_touch == result.as_json()["never_in_touch"] == 3  # New, Linked, Reserve


def test_met_starts_the_clock_for_a_new_contact(vault):
    found, _ = items(vault, {"People/A.md": person(circle="inner", met="2026-11-01")})
    assert found == [("due", "A", date(2026, 11, 15))]


def test_birthday_with_age_and_without_year(vault):
    _, result = items(
        vault, {"People/A.md": person(birthday="1971-12-02"), "People/B.md": person(birthday="--11-25")}
    )
    reasons = {i.contact: say.reason(i) for i in result.items}
    assert reasons == {
        "A": "birthday: turns 55 in 11 days (Wed 2026-12-02)",
        "B": "birthday: in 4 days (Wed 2026-11-25)",
    }


def test_29_february_birthday_shows_on_28_february_in_non_leap_years(vault):
    found, _ = items(vault, {"People/A.md": person(birthday="1988-02-29")}, today=date(2027, 2, 20))
    assert found == [("birthday", "A", date(2027, 2, 28))]


def test_a_birthday_next_due_past_the_calendar_s_end_is_not_shown(vault):
    found, _ = items(vault, {"People/A.md": person(birthday="--01-05")}, today=date(9999, 12, 20), days=30)
    assert found == []


def test_a_birth_date_after_today_is_neither_on_the_agenda_nor_in_the_calendar(vault):
    found, result = items(
        vault, {"People/A.md": person(birthday="2030-11-25"), "People/B.md": person(birthday="--11-25")}
    )
    assert found == [("birthday", "B", date(2026, 11, 25))]
    assert [contact.id for contact, _ in result.birthdays] == ["B"]


def test_birthday_outside_the_window_is_not_shown(vault):
    found, _ = items(vault, {"People/A.md": person(birthday="--12-06")})
    assert found == []
    found, _ = items(vault, {"People/A.md": person(birthday="--12-06")}, days=15)
    assert found == [("birthday", "A", date(2026, 12, 6))]


def test_next_contact_is_a_follow_up_until_a_contact_happens(vault):
    found, _ = items(vault, {"People/A.md": person(next_contact="2026-11-25", last_contact="2026-11-20")})
    assert found == [("follow_up", "A", date(2026, 11, 25))]
    found, _ = items(vault, {"People/A.md": person(next_contact="2026-11-10", last_contact="2026-11-01")})
    assert found == [("missed_follow_up", "A", date(2026, 11, 10))]
    found, _ = items(vault, {"People/A.md": person(next_contact="2026-11-10", last_contact="2026-11-12")})
    assert found == []


def test_dated_tasks_linking_a_person_are_follow_ups(vault):
    _, result = items(
        vault,
        {
            "People/A.md": person(last_contact="2026-11-20"),
            "Daily/2026-11-18.md": "- [ ] Send [[A]] the article 📅 2026-11-28\n- [ ] Undated for [[A]]\n",
        },
    )
    [item] = result.items
    assert (item.kind, item.date, item.source, item.line) == (
        "follow_up",
        date(2026, 11, 28),
        "Daily/2026-11-18.md",
        1,
    )
    assert say.reason(item) == "task due in 7 days (Sat 2026-11-28): Send A the article (Daily/2026-11-18.md)"


def test_planned_meetings_in_the_window(vault):
    found, _ = items(
        vault,
        {
            "People/A.md": person(last_contact="2026-11-20"),
            "Meetings/Plan.md": "---\ndate: 2026-11-27\npeople: ['[[A]]']\n---\n",
            "Meetings/Later.md": "---\ndate: 2027-01-27\npeople: ['[[A]]']\n---\n",
        },
    )
    assert found == [("meeting", "A", date(2026, 11, 27))]


def test_ranking_overdue_by_relative_lateness_then_due_then_dated_items(vault):
    found, _ = items(
        vault,
        {
            "People/Inner.md": person(circle="inner", last_contact="2026-10-20"),  # 2w: overdue since 11-10
            "People/Network.md": person(
                circle="network", last_contact="2026-06-01"
            ),  # 3m: overdue since 10-16
            "People/Close.md": person(circle="close", last_contact="2026-10-15"),  # due since 11-15
            "People/Birthday.md": person(birthday="--11-22", last_contact="2026-11-20"),
            "People/Follow.md": person(next_contact="2026-11-23", last_contact="2026-11-20"),
        },
    )
    assert found == [
        ("overdue", "Inner", date(2026, 11, 10)),  # 11 days late / 14
        ("overdue", "Network", date(2026, 10, 16)),  # 36 days late / 90
        ("due", "Close", date(2026, 11, 15)),
        ("birthday", "Birthday", date(2026, 11, 22)),
        ("follow_up", "Follow", date(2026, 11, 23)),
    ]


def test_reason_names_the_last_contact_and_the_rule(vault):
    _, result = items(
        vault,
        {
            ".vaultkit.toml": "[cadence.tags]\nfamily = '2w'\n",
            "People/A.md": person(tags="[family]", circle="close")
            + "## Log\n- 2026-09-01 call: exhibition idea\n",
        },
    )
    [item] = result.items
    assert say.reason(item) == (
        "overdue: last contact 81 days ago (2026-09-01, call: exhibition idea); tag rule family, every 2w"
    )


def test_talking_points_give_interests_needs_and_the_last_topic(vault):
    _, result = items(
        vault,
        {
            "People/A.md": person(
                circle="close",
                last_contact="2026-09-01",
                interests="[Hunde, Malerei]",
                needs="[Ausstellungsort]",
            )
            + "## Log\n- 2026-06-01 call: the dog is ill\n"
        },
    )
    assert tuple(say.talking_points(result.items[0])) == (
        "interests: Hunde, Malerei",
        "looking for: Ausstellungsort",
        "last time (2026-06-01): call: the dog is ill",
    )


def test_a_broken_note_elsewhere_never_changes_anyone_elses_agenda(vault):
    files = {
        "People/A.md": person(circle="close", last_contact="2026-09-01", birthday="--11-25"),
        "Daily/2026-10-01.md": "[[A]]\n",
    }
    before, _ = items(vault, files)
    broken = {
        **files,
        "People/Broken.md": "---\nname: [unclosed\n---\n[[A]]\n",
        "Daily/2026-11-01.md": b"\xff\xfe binary \x00",
        "Meetings/Bad.md": "---\ndate: 2026-13-45\npeople: ['[[A]]']\n---\n",
    }
    after, _ = items(vault, broken)
    assert [entry for entry in after if entry[1] == "A"] == before


def test_example_vault_shows_every_item_kind():
    index = load_index(EXAMPLE_VAULT)
    result = agenda(index, gather(index, TODAY), load_config(EXAMPLE_VAULT), 14)
    by_kind = {
        kind: sorted(i.contact for i in result.items if i.kind == kind)
        for kind in (
            "overdue",
            "due",
            "introduced",
            "follow_up",
            "birthday",
            "anniversary",
            "met",
            "occasion",
            "meeting",
        )
    }
    assert by_kind == {
        "overdue": ["Dr. Hans Becker", "Lukas Meyer", "Priya Nair", "Tom Whitfield"],
        "due": [
            "Carla Jensen",
            "Ilse Kramer",
            "Marie Lefèvre",
            "Sarah Collins",
            "Sophie Kramer",
        ],
        "introduced": ["Nadine Schulz"],
        "follow_up": ["Katrin Vogel", "Marie Lefèvre", "Priya Nair"],
        "birthday": ["Birgit Lange", "Jürgen Hoffmann", "Nadine Schulz"],
        "anniversary": ["Tom Whitfield"],
        "met": ["Katrin Vogel"],
        "occasion": ["Sophie Kramer"],
        "meeting": ["Anke Brandt", "Jürgen Hoffmann", "Marie Lefèvre"],
    }


def test_a_follow_up_whose_day_has_passed_is_missed_and_comes_right_after_the_overdue_contacts(vault):
    found, _ = items(
        vault,
        {
            "People/Overdue.md": person(circle="close", last_contact="2026-09-01"),
            "People/Due.md": person(circle="close", last_contact="2026-10-15"),
            "People/Late.md": person(next_contact="2026-11-10", last_contact="2026-11-01"),
            "Daily/2026-05-01.md": "- [ ] send [[Old]] the photos 📅 2026-05-16\n",
            "People/Old.md": person(last_contact="2026-11-20"),
            "People/Soon.md": person(next_contact="2026-11-25", last_contact="2026-11-20"),
        },
    )
    assert found == [
        ("overdue", "Overdue", date(2026, 10, 16)),
        ("missed_follow_up", "Old", date(2026, 5, 16)),  # oldest first
        ("missed_follow_up", "Late", date(2026, 11, 10)),
        ("due", "Due", date(2026, 11, 15)),
        ("follow_up", "Soon", date(2026, 11, 25)),
    ]


def test_a_missed_follow_up_never_expires_until_it_is_done(vault):
    files = {
        "People/A.md": person(last_contact="2026-11-20"),
        "Daily/2024-01-02.md": "- [ ] return [[A]]'s book 📅 2024-01-03\n",
    }
    _, result = items(vault, files)
    [item] = result.items
    assert (item.kind, say.reason(item)) == (
        "missed_follow_up",
        "task was due 1053 days ago (Wed 2024-01-03): return A's book (Daily/2024-01-02.md)",
    )
    files["Daily/2024-01-02.md"] = "- [x] return [[A]]'s book 📅 2024-01-03\n"
    found, _ = items(vault, files)
    assert found == []


def test_a_follow_up_due_today_is_not_missed_yet(vault):
    _, result = items(vault, {"People/A.md": person(next_contact="2026-11-21", last_contact="2026-11-01")})
    [item] = result.items
    assert (item.kind, say.reason(item)) == (
        "follow_up",
        "follow-up due today (Sat 2026-11-21, next_contact)",
    )


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_no_reason_says_a_day_twice(vault):
    _, result = items(
        vault,
        {
            "People/Greta.md": person(circle="close", birthday="1980-11-25", next_contact="2026-11-20"),
            "Meetings/2026-09-01 Stammtisch.md": meeting("2026-09-01", "Greta"),
            "Meetings/2026-11-28 Lunch mit Greta.md": meeting("2026-11-28", "Greta"),
            "Daily/2026-11-30.md": meeting("2026-11-30", "Greta"),
            "Daily/2026-11-10.md": "- [ ] ask [[Greta]] about the boat 📅 2026-11-26\n",
        },
    )
    reasons = {item.kind: say.reason(item) for item in result.items}
    assert reasons == {
        "overdue": "overdue: last contact 81 days ago (2026-09-01, Stammtisch); close circle, every 1m",
        "missed_follow_up": "follow-up was due yesterday (Fri 2026-11-20, next_contact)",
        "birthday": "birthday: turns 46 in 4 days (Wed 2026-11-25)",
        "follow_up": "task due in 5 days (Thu 2026-11-26): ask Greta about the boat (Daily/2026-11-10.md)",
        "meeting": "planned in 9 days (Mon 2026-11-30)",
    }
    lunch = [item for item in result.items if item.source == "Meetings/2026-11-28 Lunch mit Greta.md"]
    assert [say.reason(item) for item in lunch] == ["planned: Lunch mit Greta in 7 days (Sat 2026-11-28)"]
    for item in result.items:
        for reason in (
            say.reason(item),
            say.dated_reason(item),
            say.undated_reason(item),
            *say.talking_points(item),
        ):
            days = ISO_DAY.findall(reason.replace(item.source, ""))
            assert len(days) == len(set(days)), reason


def test_the_last_topic_of_a_note_named_by_its_day_is_its_name_without_the_day(vault):
    _, result = items(
        vault,
        {
            "People/A.md": person(circle="close", last_contact="2026-10-01", interests="[Segeln]"),
            "Meetings/2026-09-01 Stammtisch Kiel.md": meeting("2026-09-01", "A"),
            "Daily/2026-09-05.md": meeting("2026-09-05", "A"),
        },
    )
    assert tuple(say.talking_points(result.items[0])) == (
        "interests: Segeln",
        "last time (2026-09-01): Stammtisch Kiel",
    )


@pytest.mark.parametrize(
    "text, shortened",
    [
        (
            "call: hiring plan, she gave me sharp feedback on my pitch deck #got",
            "call: hiring plan, she gave me sharp feedback on my pitch…",
        ),
        (
            "bei der Kieler Woche getroffen, Regatta-Helfer wie jedes Jahr, danach",
            "bei der Kieler Woche getroffen, Regatta-Helfer wie jedes…",
        ),
        (
            "Umzugskartons; sie braucht noch Hilfe beim Aufbau der Regale, sagt sie",
            "Umzugskartons; sie braucht noch Hilfe beim Aufbau der…",
        ),
        ("a " + "x" * 70, "a " + "x" * 57 + "…"),  # one long word is cut rather than left out
        ("short enough", "short enough"),
    ],
)
def test_a_long_topic_is_cut_between_words(text, shortened):
    assert shorten(text) == shortened
    assert len(shorten(text)) <= 60


def test_only_a_watchers_agenda_keeps_what_is_said_of_its_items():
    index, config = load_index(EXAMPLE_VAULT), load_config(EXAMPLE_VAULT)
    once = agenda(index, gather(index, TODAY), config)
    watched = agenda(index, Ledger(index, TODAY, keep_derived=True).activity(), config)

    def text(result):
        return "".join(text_pieces(result, "agenda", "text", EXAMPLE_VAULT, today=TODAY))

    assert text(once) == text(watched) == text(watched)  # the second time from what was kept
    assert once.items and all(item.words is None for item in once.items)  # shown once, not kept
    assert all(item.words for item in watched.items)
    # One key for what is said the same way of every item: a large vault's watcher keeps many.
    keys = [key for item in watched.items for key in item.words]
    assert len({id(key) for key in keys}) == len(set(keys)) < len(keys)

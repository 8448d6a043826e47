from datetime import date

from click.testing import CliRunner

from tests.test_agenda import person
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.model import Duration
from vaultkit.reports.agenda import agenda
from vaultkit.reports.stale import stale

TODAY = date(2026, 11, 21)


def report(vault, files, after=None):
    root = vault(files)
    index = load_index(root)
    return stale(index, gather(index, TODAY), load_config(root), after)


def drifted(result):
    return [(g.circle, c.contact, c.days_silent, c.suggestion) for g in result.groups for c in g.contacts]


def test_only_contacts_past_their_maximum_have_drifted(vault):
    # close = 1m, at most 1m + 15 days: overdue from 2026-11-21 for a contact on 2026-10-06.
    result = report(
        vault,
        {
            "People/Over.md": person(circle="close", last_contact="2026-10-06"),
            "People/Due.md": person(circle="close", last_contact="2026-10-07"),
        },
    )
    assert drifted(result) == [("close", "Over", 46, None)]


def test_groups_follow_the_configured_circles_and_longest_silence_comes_first(vault):
    result = report(
        vault,
        {
            "People/N1.md": person(circle="network", last_contact="2026-01-01"),
            "People/N2.md": person(circle="network", last_contact="2025-12-01"),
            "People/I.md": person(circle="inner", last_contact="2026-01-01"),
            "People/Free.md": person(last_contact="2025-01-01"),
        },
    )
    assert [(circle, contact) for circle, contact, _, _ in drifted(result)] == [
        ("inner", "I"),
        ("network", "N2"),
        ("network", "N1"),
        (None, "Free"),
    ]


def test_far_past_the_maximum_suggests_the_reserve(vault):
    # network = 3m, at most 3m + 1m + 15 days: 135 days from 2026-02-24; twice that is 270 days.
    result = report(
        vault,
        {
            "People/Far.md": person(circle="network", last_contact="2026-02-24"),
            "People/Near.md": person(circle="network", last_contact="2026-02-25"),
        },
    )
    assert drifted(result) == [("network", "Far", 270, "reserve"), ("network", "Near", 269, None)]


def test_reserve_silent_for_over_a_year_suggests_the_archive(vault):
    result = report(
        vault,
        {
            "People/Old.md": person(status="reserve", last_contact="2025-11-20"),
            "People/Year.md": person(status="reserve", last_contact="2025-11-21"),
        },
    )
    assert drifted(result) == [(None, "Old", 366, "archived")]


def test_never_contacted_are_listed_apart_with_how_they_were_met(vault):
    result = report(
        vault, {"People/New.md": person(how_met="PyCon DE"), "People/Other.md": person(circle="inner")}
    )
    assert drifted(result) == []
    assert [(n.contact, n.how_met) for n in result.never_contacted] == [("New", "PyCon DE"), ("Other", None)]
    assert result.as_json()["never_contacted"] == ["New", "Other"]


def test_the_agenda_counts_the_contacts_stale_lists_as_never_in_touch(vault):
    root = vault(
        {
            "People/New.md": person(connected="2024-03-03"),
            "People/Reserve.md": person(status="reserve"),
            "People/Snoozed.md": person(snooze_until="2026-12-01"),
            "People/Paused.md": person(paused="true"),
            "People/Archived.md": person(status="archived"),
            "People/Met.md": person(met="2026-01-01"),
        }
    )
    index = load_index(root)
    activity, config = gather(index, TODAY), load_config(root)
    listed = stale(index, activity, config).never_contacted
    assert [(n.contact, n.connected) for n in listed] == [("New", date(2024, 3, 3)), ("Reserve", None)]
    assert agenda(index, activity, config).never_in_touch == len(listed)


def test_snoozed_paused_and_archived_contacts_are_left_out(vault):
    old = {"last_contact": "2024-01-01"}
    result = report(
        vault,
        {
            "People/S.md": person(snooze_until="2026-12-01", **old),
            "People/P.md": person(paused="true", **old),
            "People/A.md": person(status="archived", **old),
            "People/Never.md": person(paused="true"),
        },
    )
    assert (drifted(result), result.never_contacted) == ([], ())


def test_after_replaces_each_contacts_maximum(vault):
    files = {
        "People/Recent.md": person(circle="inner", last_contact="2026-10-22"),
        "People/Month.md": person(circle="network", last_contact="2026-10-21"),
        "People/Reserve.md": person(circle="reserve", last_contact="2026-06-01"),
    }
    result = report(vault, files, after=Duration(1, "m"))
    assert [contact for _, contact, _, _ in drifted(result)] == ["Month", "Reserve"]
    assert result.as_json()["after"] == "1m"


def test_the_last_topic_is_offered_to_reconnect_from(vault):
    result = report(
        vault, {"People/A.md": person(circle="close") + "## Log\n- 2026-01-10 call: the new boat\n"}
    )
    (contact,) = result.groups[0].contacts
    assert (contact.topic.date, contact.topic.text) == (date(2026, 1, 10), "call: the new boat")
    assert result.as_json()["groups"][0]["contacts"][0]["last_topic"] == {
        "date": "2026-01-10",
        "text": "call: the new boat",
        "source": "People/A.md",
    }


def test_json_follows_the_contract(vault):
    document = report(vault, {"People/A.md": person(circle="close", last_contact="2026-01-01")}).as_json()
    assert document == {
        "schema": "vaultkit.stale/1",
        "today": "2026-11-21",
        "after": None,
        "groups": [
            {
                "circle": "close",
                "contacts": [
                    {
                        "contact": "A",
                        "name": "A",
                        "last_contact": "2026-01-01",
                        "days_silent": 324,
                        "rule": "close circle, every 1m",
                        "cadence": {"source": "circle", "name": "close", "ideal": "1m", "maximum": None},
                        "suggestion": "reserve",
                        "rhythm": None,
                        "last_topic": None,
                    }
                ],
            }
        ],
        "drifting": [],
        "never_contacted": [],
    }


def test_under_a_circles_heading_the_rule_does_not_name_the_circle_again(vault):
    root = vault(
        {
            "People/Circle.md": person(circle="close", last_contact="2026-09-01"),
            "People/Own.md": person(circle="close", cadence="2w", last_contact="2026-09-01"),
        }
    )
    text = CliRunner().invoke(cli, ["--vault", str(root), "stale", "--today", "2026-11-21"]).output
    assert "close circle\n" in text and "close circle, every" not in text
    assert "  Circle  81 days silent, last 2026-09-01; every 1m\n" in text
    assert "  Own     81 days silent, last 2026-09-01; own cadence, every 2w\n" in text
    markdown = (
        CliRunner()
        .invoke(cli, ["--vault", str(root), "stale", "--today", "2026-11-21", "--format", "markdown"])
        .output
    )
    assert "- [[Circle]]: 81 days silent, last 2026-09-01 (every 1m)\n" in markdown
    index = load_index(root)
    document = stale(index, gather(index, TODAY), load_config(root)).as_json()
    rules = [c["rule"] for g in document["groups"] for c in g["contacts"]]
    assert sorted(rules) == ["close circle, every 1m", "own cadence, every 2w"]


def test_the_last_topic_of_a_note_named_by_its_day_does_not_say_the_day_twice(vault):
    root = vault(
        {
            "People/Nadine.md": person(circle="close"),
            "Meetings/2026-05-05 Stammtisch Kiel.md": '---\npeople: ["[[Nadine]]"]\n---\n',
        }
    )
    for fmt in ("text", "markdown"):
        result = CliRunner().invoke(
            cli, ["--vault", str(root), "stale", "--today", "2026-11-21", "--format", fmt]
        )
        assert "last time (2026-05-05): Stammtisch Kiel" in result.stdout, fmt
